"""CSV import and export of reported figures (`python -m db import-figures|export-figures`).

Columns: those of db/seed/figures.csv plus `source_id,quote`; one row per
citation. A figure stated by several documents therefore spans several rows
with the same id and identical figure columns (that is how export writes it);
any other repeated id is an error.

Optional columns (read when present, always written by export):
`counterpart_unit`, `base_period_start`, `base_period_end` (as in figures.csv) and
`items`, the figure's listed things as JSON, e.g.
`[{"kind": "country", "code": "LA"}, {"kind": "name", "name": "100 Resilient Cities"}]`.
A successful import changes the data version (db.data_version) in its transaction.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Optional, TextIO

from sqlalchemy import select
from sqlalchemy.engine import Engine

import dataclasses
from collections import defaultdict

from db import data_version
from db.config import seeds_dir
from db.csv_rows import DataFileError, Problems, format_decimal, read_rows
from db.figure_items import ItemRow, items_json, parse_items_json
from db.figure_rows import FIGURE_COLUMNS, OPTIONAL_FIGURE_COLUMNS, FigureRow, parse_figure
from db.models import AdminUnit, FigureCitation, FigureItem, ReportedFigure, Source
from db.quotes import QuoteChecker, citation_problems

IMPORT_COLUMNS = FIGURE_COLUMNS + ("source_id", "quote")          # required
OPTIONAL_IMPORT_COLUMNS = OPTIONAL_FIGURE_COLUMNS + ("items",)
EXPORT_COLUMNS = IMPORT_COLUMNS + OPTIONAL_IMPORT_COLUMNS


def import_figures(engine: Engine, path: Path, documents_dir: Optional[Path] = None) -> int:
    """Validate every row, then insert all figures in one transaction; returns the count.

    Raises DataFileError ("FILE:LINE: reason" per problem) and writes nothing
    when any row is bad.
    """
    problems = Problems()
    rows = read_rows(path, IMPORT_COLUMNS, problems)
    quotes = QuoteChecker(documents_dir or seeds_dir())
    with engine.connect() as conn:
        units = set(conn.execute(select(AdminUnit.code)).scalars())
        source_files = dict(conn.execute(select(Source.id, Source.file)).all())
        existing_ids = set(conn.execute(select(ReportedFigure.id)).scalars())

    figures: dict[str, FigureRow] = {}
    citations: dict[tuple[str, str], dict] = {}
    for row in rows:
        figure, reasons = parse_figure(row, units)
        items, item_reasons = parse_items_json(row.get("items"), units)
        reasons += item_reasons
        if figure is not None and items:
            figure = dataclasses.replace(figure, items=items)
        source_id, quote = row.get("source_id"), row.get("quote")
        reasons += citation_problems(source_id, quote, source_files, quotes)
        if figure is not None:
            if figure.id in existing_ids:
                reasons.append(f"duplicate id {figure.id!r}: the database already has this figure")
            elif figure.id in figures and figures[figure.id] != figure:
                reasons.append(f"duplicate id {figure.id!r} with different figure values")
            elif (figure.id, source_id) in citations:
                reasons.append(f"duplicate id {figure.id!r}: already cited from {source_id!r} in this file")
        for reason in reasons:
            problems.add(row.file, row.line, reason)
        if not reasons:
            figures[figure.id] = figure
            citations[(figure.id, source_id)] = {"figure_id": figure.id, "source_id": source_id, "quote": quote}
    if not rows and not problems:
        problems.add(str(path), 2, "no figures in file")
    problems.raise_if_any()

    with engine.begin() as conn:
        conn.execute(ReportedFigure.__table__.insert(), [f.as_db_row("import") for f in figures.values()])
        conn.execute(FigureCitation.__table__.insert(), list(citations.values()))
        item_rows = [row for f in figures.values() for row in f.item_rows()]
        if item_rows:
            conn.execute(FigureItem.__table__.insert(), item_rows)
        data_version.bump(conn)
    return len(figures)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "as_tuple"):
        return format_decimal(value)
    return str(value)


def export_figures(engine: Engine, out: TextIO) -> int:
    """Write every figure, one row per citation, ordered by figure id and source id."""
    f, c = ReportedFigure, FigureCitation
    columns = [f.id, f.unit_code, f.metric, f.value_low, f.value_high, f.qualifier, f.unit_of_measure,
               f.period_start, f.period_end, f.period_kind, f.derived, f.derivation, f.note,
               c.source_id, c.quote, f.counterpart_unit, f.base_period_start, f.base_period_end]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    with engine.connect() as conn:
        items: dict[str, list[ItemRow]] = defaultdict(list)
        for fid, position, kind, code, name in conn.execute(
                select(FigureItem.figure_id, FigureItem.position, FigureItem.kind, FigureItem.code,
                       FigureItem.name).order_by(FigureItem.figure_id, FigureItem.position)):
            items[fid].append(ItemRow(position, kind, code, name))
        for row in conn.execute(select(*columns).join(c, c.figure_id == f.id).order_by(f.id, c.source_id)):
            writer.writerow([_cell(v) for v in row] + [items_json(items.get(row[0]))])
            count += 1
    return count


__all__ = ["import_figures", "export_figures", "DataFileError", "IMPORT_COLUMNS", "EXPORT_COLUMNS"]
