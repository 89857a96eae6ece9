"""`python -m db seed`: load db/seed/*.csv into the database.

Everything is parsed and checked first (codes, dates, vocabularies, references,
citations whose quote must appear in the cited seed document); any problem ->
DataFileError listing "FILE:LINE: reason" for each, and nothing is written.
Then the seed-owned rows are replaced in ONE transaction, so re-running gives
the same database. Seed-owned: units with their names/aliases/successions/group
members, sources with their titles, and figures with origin "seed" with their
items (imported figures are kept).

figure_items.csv and source_titles.csv are optional (absent = no items, no
translated titles); units.csv `parent`, sources.csv `title_is_descriptive` and the
figures.csv columns `counterpart_unit`, `base_period_start`, `base_period_end` are
optional columns. The data version (db.data_version) changes in the same
transaction when what is written differs from the last seed written.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection, Engine

from db import data_version
from db.config import SEED_DATA_DIR, seeds_dir
from db.csv_rows import (
    DataFileError, Problems, Row, parse_bool, parse_choice, parse_date, parse_slug, read_rows,
)
from db.figure_items import ItemRow, item_problems
from db.figure_rows import FIGURE_COLUMNS, FigureRow, parse_figure
from db.models import (
    Activity, AdminUnit, FigureCitation, FigureItem, ReportedFigure, Source, SourceTitle, UnitAlias,
    UnitGroupMember, UnitName, UnitSuccession,
)
from db.normalize import normalize_name
from db.quotes import QuoteChecker, citation_problems
from db.vocabulary import FOREIGN_UNIT_KINDS, LANGUAGES, UNIT_KINDS

# name_vi and name_en are required for every unit; any other name_<lang> column is
# read too, so a new language's place names are a new column, not new code.
UNIT_COLUMNS = ("code", "kind", "valid_from", "valid_to") + tuple(f"name_{l}" for l in LANGUAGES) + ("aliases",)
NAME_PREFIX = "name_"
SUCCESSION_COLUMNS = ("predecessor", "successor", "effective_date", "legal_basis")
GROUP_COLUMNS = ("group_code", "member_code")
SOURCE_COLUMNS = ("id", "file", "title", "publisher", "url", "published", "language", "note")
CITATION_COLUMNS = ("figure_id", "source_id", "quote")
ITEM_COLUMNS = ("figure_id", "position", "kind", "code", "name")
SOURCE_TITLE_COLUMNS = ("source_id", "lang", "title")
OPTIONAL_FILES = ("figure_items.csv", "source_titles.csv")
# Older seed files marked a title of ours in its text; the flag replaces the marker.
DESCRIPTIVE_MARKER = "(descriptive title)"
_LANG_CODE = re.compile(r"^[a-z]{2,3}$")


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
    items: list[dict] = field(default_factory=list)
    source_titles: list[dict] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in vars(self).items()}

    def digest(self, include_figures: bool = True) -> str:
        """sha256 of everything the seed writes: equal digests = equal seed-owned rows."""
        content = {k: [dataclasses.asdict(r) if dataclasses.is_dataclass(r) else r for r in v]
                   for k, v in sorted(vars(self).items())}
        content["include_figures"] = include_figures
        text = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check(row: Row, problems: Problems, fn, *args):
    try:
        return fn(*args)
    except ValueError as exc:
        problems.add(row.file, row.line, str(exc))
        return None


def _parse_units(rows: list[Row], problems: Problems, data: SeedData) -> dict[str, str]:
    kinds: dict[str, str] = {}
    parents: list[tuple[Row, str, str]] = []
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
        data.units.append({"code": code, "kind": kind, "valid_from": start, "valid_to": end,
                           "parent_code": row.optional("parent")})
        parents.append((row, code, row.get("parent")))
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
    _check_parents(parents, kinds, problems)
    return kinds


def _check_parents(parents, kinds: dict[str, str], problems: Problems) -> None:
    """`parent` (optional column): a known unit; a foreign province lies in a foreign
    country; a Vietnamese unit never lies in a foreign one."""
    for row, code, parent in parents:
        kind = kinds[code]
        if not parent:
            if kind == "foreign_province":
                problems.add(row.file, row.line, "a foreign_province needs its country in parent")
            continue
        if parent not in kinds:
            problems.add(row.file, row.line, f"parent: unknown unit code {parent!r}")
        elif parent == code:
            problems.add(row.file, row.line, "parent: a unit cannot lie in itself")
        elif kind == "foreign_province" and kinds[parent] != "foreign_country":
            problems.add(row.file, row.line, f"parent: {parent!r} is a {kinds[parent]}, not a foreign_country")
        elif kind not in FOREIGN_UNIT_KINDS and kinds[parent] in FOREIGN_UNIT_KINDS:
            problems.add(row.file, row.line, f"parent: a {kind} cannot lie in the {kinds[parent]} {parent!r}")


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
        descriptive = _check(row, problems, parse_bool, row.get("title_is_descriptive"), "title_is_descriptive")
        if title.endswith(DESCRIPTIVE_MARKER):
            title, descriptive = title[:-len(DESCRIPTIVE_MARKER)].rstrip(), True
        if not title:
            problems.add(row.file, row.line, "title is required")
        if not language:
            problems.add(row.file, row.line, "language is required")
        if len(problems.items) > before or sid is None:
            continue
        files[sid] = file
        data.sources.append({"id": sid, "file": file, "title": title, "publisher": row.optional("publisher"),
                             "url": row.optional("url"), "published": published, "language": language,
                             "note": row.optional("note"), "title_is_descriptive": bool(descriptive)})
    return files


def _parse_source_titles(rows, problems, data, source_ids) -> None:
    seen = set()
    for row in rows:
        sid, lang, title = row.get("source_id"), row.get("lang"), row.get("title")
        reasons = []
        if sid not in source_ids:
            reasons.append(f"unknown source id {sid!r}")
        if not _LANG_CODE.match(lang):
            reasons.append(f"lang: {lang!r} is not a language code (ISO 639-1, e.g. en)")
        if not title:
            reasons.append("title is required")
        elif DESCRIPTIVE_MARKER in title:
            reasons.append(f"title must not contain {DESCRIPTIVE_MARKER!r} (sources.csv title_is_descriptive says it)")
        if (sid, lang) in seen:
            reasons.append(f"duplicate title of {sid} in {lang!r}")
        for reason in reasons:
            problems.add(row.file, row.line, reason)
        if not reasons:
            seen.add((sid, lang))
            data.source_titles.append({"source_id": sid, "lang": lang, "title": title})


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


def _parse_items(rows, problems, data, kinds) -> None:
    """figure_items.csv: the things a seed figure lists, positions 1..n per figure."""
    figures = {f.id: f for f in data.figures}
    unit_codes = set(kinds)
    items: dict[str, list[ItemRow]] = {}
    lines: dict[str, list[Row]] = {}
    for row in rows:
        fid, kind = row.get("figure_id"), row.get("kind")
        code, name = row.optional("code"), row.optional("name")
        reasons = [] if fid in figures else [f"unknown figure id {fid!r}"]
        position = None
        try:
            position = int(row.get("position"))
            if position < 1:
                raise ValueError
        except ValueError:
            reasons.append(f"position: {row.get('position')!r} is not a whole number from 1")
        if position is not None and any(i.position == position for i in items.get(fid, [])):
            reasons.append(f"duplicate position {position} of {fid}")
        reasons += item_problems(kind, code, name, unit_codes)
        for reason in reasons:
            problems.add(row.file, row.line, reason)
        if not reasons:
            items.setdefault(fid, []).append(ItemRow(position, kind, code, name))
            lines.setdefault(fid, []).append(row)
    for fid, listed in items.items():
        positions = sorted(i.position for i in listed)
        if positions != list(range(1, len(listed) + 1)):
            row = lines[fid][0]
            problems.add(row.file, row.line, f"positions of {fid} must be 1..{len(listed)}, found {positions}")
            continue
        ordered = tuple(sorted(listed, key=lambda i: i.position))
        index = data.figures.index(figures[fid])
        data.figures[index] = dataclasses.replace(figures[fid], items=ordered)
        data.items += [i.as_db_row(fid) for i in ordered]


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
        if name in OPTIONAL_FILES and not (seed_dir / name).exists():
            return []
        return read_rows(seed_dir / name, columns, problems, label=str(seed_dir / name))

    kinds = _parse_units(rows("units.csv", UNIT_COLUMNS), problems, data)
    _parse_successions(rows("successions.csv", SUCCESSION_COLUMNS), problems, data, kinds)
    _parse_groups(rows("groups.csv", GROUP_COLUMNS), problems, data, kinds)
    source_files = _parse_sources(rows("sources.csv", SOURCE_COLUMNS), problems, data, quotes)
    _parse_source_titles(rows("source_titles.csv", SOURCE_TITLE_COLUMNS), problems, data, set(source_files))
    if include_figures:
        figure_rows = rows("figures.csv", FIGURE_COLUMNS)
        _parse_figures(figure_rows, problems, data, kinds)
        lines = {r.get("id"): (r.file, r.line) for r in figure_rows}
        _parse_items(rows("figure_items.csv", ITEM_COLUMNS), problems, data, kinds)
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
    imported_refs = set(conn.execute(select(ReportedFigure.counterpart_unit).where(
        ReportedFigure.origin == "import", ReportedFigure.counterpart_unit.isnot(None))).scalars())
    imported_refs |= set(conn.execute(select(FigureItem.code).join(ReportedFigure).where(
        ReportedFigure.origin == "import", FigureItem.kind == "unit")).scalars())
    for code in sorted(imported_refs - unit_codes - kept_units):
        problems.append(f"{seed_dir / 'units.csv'}:0: unit {code!r} is missing but imported figures name it")
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
               seed_dir: Path = SEED_DATA_DIR) -> bool:
    """Replace the seed-owned rows; True when the data changed (the data version moved)."""
    with engine.begin() as conn:
        conflicts = _conflicts_with_database(conn, data, seed_dir)
        if conflicts:
            raise DataFileError(conflicts)
        digest = data.digest(include_figures)
        changed = data_version.last_seed_digest(conn) != digest
        seed_figures = select(ReportedFigure.id).where(ReportedFigure.origin == "seed").scalar_subquery()
        conn.execute(delete(FigureCitation).where(FigureCitation.figure_id.in_(seed_figures)))
        conn.execute(delete(FigureItem).where(FigureItem.figure_id.in_(seed_figures)))
        conn.execute(delete(ReportedFigure).where(ReportedFigure.origin == "seed"))
        for table in (UnitName, UnitAlias, UnitSuccession, UnitGroupMember, SourceTitle):
            conn.execute(delete(table))
        # parents are set once every unit exists (a unit may come before its parent)
        _replace_keyed(conn, AdminUnit, "code", [{**u, "parent_code": None} for u in data.units])
        for unit in data.units:
            if unit["parent_code"]:
                conn.execute(update(AdminUnit).where(AdminUnit.code == unit["code"])
                             .values(parent_code=unit["parent_code"]))
        _replace_keyed(conn, Source, "id", data.sources)
        for table, rows in ((UnitName, data.names), (UnitAlias, data.aliases),
                            (UnitSuccession, data.successions), (UnitGroupMember, data.group_members),
                            (SourceTitle, data.source_titles)):
            if rows:
                conn.execute(table.__table__.insert(), rows)
        if include_figures and data.figures:
            conn.execute(ReportedFigure.__table__.insert(), [f.as_db_row("seed") for f in data.figures])
            conn.execute(FigureCitation.__table__.insert(), data.citations)
            if data.items:
                conn.execute(FigureItem.__table__.insert(), data.items)
        if changed:
            data_version.bump(conn, seed_digest=digest)
        return changed


def load_seed(engine: Engine, seed_dir: Path = SEED_DATA_DIR, documents_dir: Optional[Path] = None,
              include_figures: bool = True) -> dict[str, int]:
    data = parse_seed(seed_dir, documents_dir, include_figures)
    write_seed(engine, data, include_figures, seed_dir)
    return data.counts()
