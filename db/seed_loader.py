"""`python -m db seed`: load db/seed/*.csv into the database.

Everything is parsed and checked first (codes, dates, vocabularies, references,
citations whose quote must appear in the cited seed document); any problem ->
DataFileError listing "FILE:LINE: reason" for each, and nothing is written.
Then the seed-owned rows are replaced in ONE transaction, so re-running gives
the same database. Seed-owned: units with their names/aliases/successions/group
members, sources, and figures with origin "seed" (imported figures are kept).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection, Engine

from db.config import SEED_DATA_DIR, seeds_dir
from db.csv_rows import DataFileError, Problems, Row, parse_choice, parse_date, parse_slug, read_rows
from db.figure_rows import FIGURE_COLUMNS, FigureRow, parse_figure
from db.models import (
    Activity, AdminUnit, FigureCitation, ReportedFigure, Source, UnitAlias, UnitGroupMember,
    UnitName, UnitSuccession,
)
from db.normalize import normalize_name
from db.quotes import QuoteChecker, citation_problems
from db.vocabulary import LANGUAGES, UNIT_KINDS

# name_vi and name_en are required for every unit; any other name_<lang> column is
# read too, so a new language's place names are a new column, not new code.
UNIT_COLUMNS = ("code", "kind", "valid_from", "valid_to") + tuple(f"name_{l}" for l in LANGUAGES) + ("aliases",)
NAME_PREFIX = "name_"
SUCCESSION_COLUMNS = ("predecessor", "successor", "effective_date", "legal_basis")
GROUP_COLUMNS = ("group_code", "member_code")
SOURCE_COLUMNS = ("id", "file", "title", "publisher", "url", "published", "language", "note")
CITATION_COLUMNS = ("figure_id", "source_id", "quote")


@dataclass
class SeedData:
    units: list[dict] = field(default_factory=list)
    names: list[dict] = field(default_factory=list)
    aliases: list[dict] = field(default_factory=list)
    successions: list[dict] = field(default_factory=list)
    group_members: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in vars(self).items()}


def _check(row: Row, problems: Problems, fn, *args):
    try:
        return fn(*args)
    except ValueError as exc:
        problems.add(row.file, row.line, str(exc))
        return None


def _parse_units(rows: list[Row], problems: Problems, data: SeedData) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for row in rows:
        before = len(problems.items)
        code = _check(row, problems, parse_slug, row.get("code"), "code")
        kind = _check(row, problems, parse_choice, row.get("kind"), "kind", UNIT_KINDS)
        start = _check(row, problems, parse_date, row.get("valid_from"), "valid_from")
        end = _check(row, problems, parse_date, row.get("valid_to"), "valid_to")
        if start and end and end < start:
            problems.add(row.file, row.line, f"valid_to {end} is before valid_from {start}")
        if code in kinds:
            problems.add(row.file, row.line, f"duplicate unit code {code!r}")
        for lang in LANGUAGES:
            if not row.get(f"name_{lang}"):
                problems.add(row.file, row.line, f"name_{lang} is required for every unit")
        if len(problems.items) > before or code is None:
            continue
        kinds[code] = kind
        data.units.append({"code": code, "kind": kind, "valid_from": start, "valid_to": end})
        seen = set()
        for column in row.values:
            name = row.get(column)
            if column.startswith(NAME_PREFIX) and name:
                data.names.append({"unit_code": code, "lang": column[len(NAME_PREFIX):], "name": name})
        for alias in (a.strip() for a in row.get("aliases").split("|")):
            if not alias or alias in seen:
                continue
            seen.add(alias)
            normalized = normalize_name(alias)
            if not normalized:
                problems.add(row.file, row.line, f"alias {alias!r} has no letters")
                continue
            data.aliases.append({"unit_code": code, "alias": alias, "normalized": normalized})
    return kinds


def _parse_successions(rows, problems, data, kinds) -> None:
    seen = set()
    for row in rows:
        pred, succ = row.get("predecessor"), row.get("successor")
        reasons = [f"unknown unit code {c!r}" for c in (pred, succ) if c not in kinds]
        if pred and pred == succ:
            reasons.append("a unit cannot succeed itself")
        if (pred, succ) in seen:
            reasons.append(f"duplicate succession {pred} -> {succ}")
        when = _check(row, problems, parse_date, row.get("effective_date"), "effective_date")
        if when is None and row.get("effective_date") == "":
            reasons.append("effective_date is required")
        for reason in reasons:
            problems.add(row.file, row.line, reason)
        if not reasons and when:
            seen.add((pred, succ))
            data.successions.append({"predecessor": pred, "successor": succ, "effective_date": when,
                                     "legal_basis": row.optional("legal_basis")})


def _parse_groups(rows, problems, data, kinds) -> None:
    seen = set()
    for row in rows:
        group, member = row.get("group_code"), row.get("member_code")
        reasons = []
        if group not in kinds:
            reasons.append(f"unknown unit code {group!r}")
        elif kinds[group] != "group":
            reasons.append(f"{group!r} is a {kinds[group]}, not a group")
        if member not in kinds:
            reasons.append(f"unknown unit code {member!r}")
        if (group, member) in seen:
            reasons.append(f"duplicate member {member} of {group}")
        for reason in reasons:
            problems.add(row.file, row.line, reason)
        if not reasons:
            seen.add((group, member))
            data.group_members.append({"group_code": group, "member_code": member})


def _parse_sources(rows, problems, data, quotes: QuoteChecker) -> dict[str, str]:
    files: dict[str, str] = {}
    for row in rows:
        before = len(problems.items)
        sid = _check(row, problems, parse_slug, row.get("id"), "id")
        published = _check(row, problems, parse_date, row.get("published"), "published")
        file, title, language = row.get("file"), row.get("title"), row.get("language")
        if sid in files:
            problems.add(row.file, row.line, f"duplicate source id {sid!r}")
        if not file:
            problems.add(row.file, row.line, "file is required (the seed document the quotes come from)")
        elif not quotes.document_exists(file):
            problems.add(row.file, row.line, f"seed document {file!r} not found in the seeds folder")
        if not title:
            problems.add(row.file, row.line, "title is required")
        if not language:
            problems.add(row.file, row.line, "language is required")
        if len(problems.items) > before or sid is None:
            continue
        files[sid] = file
        data.sources.append({"id": sid, "file": file, "title": title, "publisher": row.optional("publisher"),
                             "url": row.optional("url"), "published": published, "language": language,
                             "note": row.optional("note")})
    return files


def _parse_figures(rows, problems, data, kinds) -> None:
    ids = set()
    for row in rows:
        figure, reasons = parse_figure(row, set(kinds))
        if figure and figure.id in ids:
            reasons = [f"duplicate figure id {figure.id!r}"]
        for reason in reasons:
            problems.add(row.file, row.line, reason)
        if not reasons:
            ids.add(figure.id)
            data.figures.append(figure)


def _parse_citations(rows, problems, data, source_files, quotes: QuoteChecker, figure_lines) -> None:
    figure_ids = {f.id for f in data.figures}
    seen = set()
    for row in rows:
        fid, sid, quote = row.get("figure_id"), row.get("source_id"), row.get("quote")
        reasons = []
        if fid not in figure_ids:
            reasons.append(f"unknown figure id {fid!r}")
        reasons += citation_problems(sid, quote, source_files, quotes)
        if (fid, sid) in seen:
            reasons.append(f"duplicate citation of {fid} by {sid}")
        for reason in reasons:
            problems.add(row.file, row.line, reason)
        if not reasons:
            seen.add((fid, sid))
            data.citations.append({"figure_id": fid, "source_id": sid, "quote": quote})
    cited = {c["figure_id"] for c in data.citations}
    for figure in data.figures:
        if figure.id not in cited:
            file, line = figure_lines[figure.id]
            problems.add(file, line, f"figure {figure.id!r} has no citation in citations.csv")


def parse_seed(seed_dir: Path = SEED_DATA_DIR, documents_dir: Optional[Path] = None,
               include_figures: bool = True) -> SeedData:
    """All seed rows, validated; raises DataFileError with every problem."""
    problems, data = Problems(), SeedData()
    quotes = QuoteChecker(documents_dir or seeds_dir())

    def rows(name, columns):
        return read_rows(seed_dir / name, columns, problems, label=str(seed_dir / name))

    kinds = _parse_units(rows("units.csv", UNIT_COLUMNS), problems, data)
    _parse_successions(rows("successions.csv", SUCCESSION_COLUMNS), problems, data, kinds)
    _parse_groups(rows("groups.csv", GROUP_COLUMNS), problems, data, kinds)
    source_files = _parse_sources(rows("sources.csv", SOURCE_COLUMNS), problems, data, quotes)
    if include_figures:
        figure_rows = rows("figures.csv", FIGURE_COLUMNS)
        _parse_figures(figure_rows, problems, data, kinds)
        lines = {r.get("id"): (r.file, r.line) for r in figure_rows}
        _parse_citations(rows("citations.csv", CITATION_COLUMNS), problems, data, source_files, quotes, lines)
    problems.raise_if_any()
    return data


def _conflicts_with_database(conn: Connection, data: SeedData, seed_dir: Path) -> list[str]:
    """Seed changes that would break rows the seed does not own (imports, activities)."""
    problems = []
    unit_codes = {u["code"] for u in data.units}
    kept_units = set(conn.execute(select(ReportedFigure.unit_code).where(ReportedFigure.origin == "import")).scalars())
    kept_units |= set(conn.execute(select(Activity.unit_code).distinct()).scalars())
    for code in sorted(kept_units - unit_codes):
        problems.append(f"{seed_dir / 'units.csv'}:0: unit {code!r} is missing but imported figures or activities use it")
    source_ids = {s["id"] for s in data.sources}
    used_sources = set(conn.execute(
        select(FigureCitation.source_id).join(ReportedFigure).where(ReportedFigure.origin == "import")).scalars())
    for sid in sorted(used_sources - source_ids):
        problems.append(f"{seed_dir / 'sources.csv'}:0: source {sid!r} is missing but imported figures cite it")
    figure_ids = {f.id for f in data.figures}
    imported = set(conn.execute(select(ReportedFigure.id).where(ReportedFigure.origin == "import")).scalars())
    for fid in sorted(figure_ids & imported):
        problems.append(f"{seed_dir / 'figures.csv'}:0: figure id {fid!r} already exists as an imported figure")
    return problems


def _replace_keyed(conn: Connection, table, key: str, rows: list[dict]) -> None:
    """Make `table` hold exactly `rows` (by primary key `key`): update, insert, delete."""
    column = getattr(table, key)
    existing = set(conn.execute(select(column)).scalars())
    wanted = {r[key] for r in rows}
    for r in rows:
        if r[key] in existing:
            conn.execute(update(table).where(column == r[key]).values(**r))
    new_rows = [r for r in rows if r[key] not in existing]
    if new_rows:
        conn.execute(table.__table__.insert(), new_rows)
    gone = existing - wanted
    if gone:
        conn.execute(delete(table).where(column.in_(gone)))


def write_seed(engine: Engine, data: SeedData, include_figures: bool = True,
               seed_dir: Path = SEED_DATA_DIR) -> None:
    with engine.begin() as conn:
        conflicts = _conflicts_with_database(conn, data, seed_dir)
        if conflicts:
            raise DataFileError(conflicts)
        seed_figures = select(ReportedFigure.id).where(ReportedFigure.origin == "seed").scalar_subquery()
        conn.execute(delete(FigureCitation).where(FigureCitation.figure_id.in_(seed_figures)))
        conn.execute(delete(ReportedFigure).where(ReportedFigure.origin == "seed"))
        for table in (UnitName, UnitAlias, UnitSuccession, UnitGroupMember):
            conn.execute(delete(table))
        _replace_keyed(conn, AdminUnit, "code", data.units)
        _replace_keyed(conn, Source, "id", data.sources)
        for table, rows in ((UnitName, data.names), (UnitAlias, data.aliases),
                            (UnitSuccession, data.successions), (UnitGroupMember, data.group_members)):
            if rows:
                conn.execute(table.__table__.insert(), rows)
        if include_figures and data.figures:
            conn.execute(ReportedFigure.__table__.insert(), [f.as_db_row("seed") for f in data.figures])
            conn.execute(FigureCitation.__table__.insert(), data.citations)


def load_seed(engine: Engine, seed_dir: Path = SEED_DATA_DIR, documents_dir: Optional[Path] = None,
              include_figures: bool = True) -> dict[str, int]:
    data = parse_seed(seed_dir, documents_dir, include_figures)
    write_seed(engine, data, include_figures, seed_dir)
    return data.counts()
