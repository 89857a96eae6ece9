"""Validation of one figure row (figures.csv and import files share the columns)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Optional

from db.csv_rows import (
    Row, parse_bool, parse_choice, parse_date, parse_decimal, parse_slug,
)
from db.figure_items import ItemRow
from db.vocabulary import CHANGE_OF, METRICS, PERIOD_KINDS, QUALIFIERS, UNITS_OF_MEASURE

# Required columns (files written before these were added stay valid) ...
FIGURE_COLUMNS = ("id", "unit", "metric", "value_low", "value_high", "qualifier",
                  "unit_of_measure", "period_start", "period_end", "period_kind",
                  "derived", "derivation", "note")
# ... and optional ones, read when the header has them (empty = none).
OPTIONAL_FIGURE_COLUMNS = ("counterpart_unit", "base_period_start", "base_period_end")


@dataclass(frozen=True)
class FigureRow:
    id: str
    unit_code: str
    metric: str
    value_low: Decimal
    value_high: Optional[Decimal]
    qualifier: str
    unit_of_measure: str
    period_start: Optional[date]
    period_end: Optional[date]
    period_kind: str
    derived: bool
    derivation: Optional[str]
    note: Optional[str]
    counterpart_unit: Optional[str] = None
    base_period_start: Optional[date] = None
    base_period_end: Optional[date] = None
    items: tuple[ItemRow, ...] = ()

    def as_db_row(self, origin: str) -> dict:
        return {
            "id": self.id, "unit_code": self.unit_code, "metric": self.metric,
            "value_low": self.value_low, "value_high": self.value_high,
            "qualifier": self.qualifier, "unit_of_measure": self.unit_of_measure,
            "period_start": self.period_start, "period_end": self.period_end,
            "period_kind": self.period_kind, "derived": self.derived,
            "derivation": self.derivation, "note": self.note, "origin": origin,
            "counterpart_unit": self.counterpart_unit,
            "base_period_start": self.base_period_start, "base_period_end": self.base_period_end,
        }

    def item_rows(self) -> list[dict]:
        return [item.as_db_row(self.id) for item in self.items]


def parse_figure(row: Row, known_units: set[str]) -> tuple[Optional[FigureRow], list[str]]:
    """The figure, or the reasons it is invalid (all of them, not just the first)."""
    reasons: list[str] = []

    def attempt(fn, *args):
        try:
            return fn(*args)
        except ValueError as exc:
            reasons.append(str(exc))
            return None

    fid = attempt(parse_slug, row.get("id"), "id") if row.get("id") else reasons.append("id is required")
    unit = row.get("unit")
    if not unit:
        reasons.append("unit is required")
    elif unit not in known_units:
        reasons.append(f"unknown unit code {unit!r}")
    metric = row.get("metric")
    if metric not in METRICS:
        reasons.append(f"unknown metric {metric!r}" if metric else "metric is required")
    low = attempt(parse_decimal, row.get("value_low"), "value_low", True)
    high = attempt(parse_decimal, row.get("value_high"), "value_high")
    if low is not None and high is not None and high < low:
        reasons.append(f"value_high {high} is less than value_low {low}")
    qualifier = attempt(parse_choice, row.get("qualifier"), "qualifier", QUALIFIERS)
    uom = attempt(parse_choice, row.get("unit_of_measure"), "unit_of_measure", UNITS_OF_MEASURE)
    start = attempt(parse_date, row.get("period_start"), "period_start")
    end = attempt(parse_date, row.get("period_end"), "period_end")
    if start and end and end < start:
        reasons.append(f"period_end {end} is before period_start {start}")
    kind = attempt(parse_choice, row.get("period_kind"), "period_kind", PERIOD_KINDS)
    if kind == "as_of" and not (row.get("period_end") or row.get("period_start")):
        reasons.append("period_kind as_of needs the date in period_end")
    if kind == "range" and not (row.get("period_start") or row.get("period_end")):
        reasons.append("period_kind range needs period_start and/or period_end")
    derived = attempt(parse_bool, row.get("derived"), "derived")
    derivation = row.optional("derivation")
    if derived and not derivation:
        reasons.append("derived figures need a derivation")
    counterpart = row.optional("counterpart_unit")
    if counterpart is not None:
        if counterpart not in known_units:
            reasons.append(f"counterpart_unit: unknown unit code {counterpart!r}")
        elif counterpart == unit:
            reasons.append("counterpart_unit is the figure's own unit")
    base_start = attempt(parse_date, row.get("base_period_start"), "base_period_start")
    base_end = attempt(parse_date, row.get("base_period_end"), "base_period_end")
    if base_start or base_end:
        if metric in METRICS and metric not in CHANGE_OF:
            reasons.append(f"base_period_start/base_period_end are only for change metrics "
                           f"({', '.join(CHANGE_OF)}), not {metric!r}")
        if base_start and base_end and base_end < base_start:
            reasons.append(f"base_period_end {base_end} is before base_period_start {base_start}")
        base_last, first = base_end or base_start, start or end
        if base_last and first and base_last >= first:
            reasons.append(f"the base period (to {base_last}) must end before the period starts ({first})")
    if reasons:
        return None, reasons
    return FigureRow(fid, unit, metric, low, high, qualifier, uom, start, end, kind,
                     bool(derived), derivation, row.optional("note"),
                     counterpart, base_start, base_end), []
