"""Frozen value objects returned by db.api (no ORM object leaves db/)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Optional


@dataclass(frozen=True)
class PeriodQuery:
    """Asked period; None = open end; both None = any period."""
    start: Optional[date] = None
    end: Optional[date] = None

    def __post_init__(self):
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def is_any(self) -> bool:
        return self.start is None and self.end is None


@dataclass(frozen=True)
class PlaceCandidate:
    unit_code: str
    score: float            # 0..100
    matched_alias: str      # the stored name/alias that matched, as written
    exact: bool             # normalised forms are equal


@dataclass(frozen=True)
class PlaceResolution:
    status: str                         # "found" | "ambiguous" | "unknown"
    candidates: list[PlaceCandidate]    # best first
    text: str = ""                      # the text that was resolved (span for find_places)

    @property
    def best(self) -> Optional[PlaceCandidate]:
        return self.candidates[0] if self.candidates else None


@dataclass(frozen=True)
class UnitInfo:
    code: str
    kind: str
    valid_from: Optional[date]
    valid_to: Optional[date]
    names: dict[str, str]
    predecessors: list[str]
    successor: Optional[str]
    successor_date: Optional[date]
    groups: list[str]
    members: list[str]


@dataclass(frozen=True)
class SourceInfo:
    id: str
    title: str
    publisher: Optional[str]
    url: Optional[str]
    published: Optional[date]
    language: str
    note: Optional[str]


@dataclass(frozen=True)
class Citation:
    source: SourceInfo
    quote: str


@dataclass(frozen=True)
class Figure:
    id: str
    unit_code: str
    metric: str
    value_low: Decimal
    value_high: Optional[Decimal]
    qualifier: str
    unit: str                   # "USD" | "VND" | "count"
    scale_note: Optional[str]   # the seed row's free-text note
    period_start: Optional[date]
    period_end: Optional[date]
    period_kind: str
    derived: bool
    derivation: Optional[str]
    citations: list[Citation] = field(default_factory=list)


@dataclass(frozen=True)
class FigureMatch:
    figure: Figure
    relation: str   # "exact" | "inside" | "contains" | "overlapping" | "none" | "any"


@dataclass(frozen=True)
class Availability:
    unit_code: str
    metric: str
    period_start: Optional[date]
    period_end: Optional[date]
    period_kind: str


@dataclass(frozen=True)
class Comparison:
    left: Optional[FigureMatch]
    right: Optional[FigureMatch]
    difference: Optional[Decimal]   # left - right, when both are single values
    comparable: bool
    reason: Optional[str]           # why not comparable (or why no difference), a code


# --- IATI query results -------------------------------------------------------

@dataclass(frozen=True)
class TransactionTotal:
    currency: str
    total: Decimal
    count: int


@dataclass(frozen=True)
class UnitTransactionTotal:
    unit_code: str
    currency: str
    total: Decimal
    count: int


@dataclass(frozen=True)
class SectorTotal:
    dac_sector: Optional[str]
    currency: str
    total: Decimal
    count: int


@dataclass(frozen=True)
class ParticipatingOrgInfo:
    name: str
    ref: Optional[str]
    role: int


@dataclass(frozen=True)
class ActivitySummary:
    iati_identifier: str
    title: str
    status: int
    start: Optional[date]       # actual start, else planned
    end: Optional[date]         # actual end, else planned
    dac_sector: Optional[str]
    unit_code: str
    organisations: list[ParticipatingOrgInfo]
