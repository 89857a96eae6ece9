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
    # When the text is a name of several unrelated units ("QN": Quang Nam, Quang Ninh,
    # Quang Ngai) and only one of them has figures, status is "found" with that unit
    # first, and the others are here, one per lineage, best first ("did you mean ...?").
    alternatives: list[PlaceCandidate] = field(default_factory=list)

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
    parent: Optional[str] = None            # the unit it lies in, where recorded (sekong -> laos)
    is_foreign: bool = False                # kind foreign_country / foreign_province (not Vietnamese)
    successor_legal_basis: Optional[str] = None   # legal basis of its succession (to `successor`)
    formed_legal_basis: Optional[str] = None      # legal basis of the merger that formed it (from `predecessors`)
    children: list[str] = field(default_factory=list)   # units whose parent it is


@dataclass(frozen=True)
class SourceInfo:
    id: str
    title: str                      # the title in the document's language (= original_title)
    publisher: Optional[str]
    url: Optional[str]
    published: Optional[date]
    language: str
    note: Optional[str]
    titles: dict[str, str] = field(default_factory=dict)   # lang -> short descriptive title
    original_title: Optional[str] = None    # the stored title, without any marker
    title_is_descriptive: bool = False      # the document has no title: the original title is ours

    def title_in(self, lang: str) -> str:
        """The short title in `lang`, else the original title."""
        return self.titles.get(lang) or self.original_title or self.title


@dataclass(frozen=True)
class Citation:
    source: SourceInfo
    quote: str


@dataclass(frozen=True)
class FigureItem:
    """One thing a figure lists, in the source's order."""
    position: int               # 1, 2, ...
    kind: str                   # "country" (ISO 3166-1 alpha-2 code) | "unit" (unit code) | "name"
    code: Optional[str]         # country or unit code; None for kind "name"
    name: Optional[str]         # the name for kind "name" (as the source gives it)


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
    # the other place of a relation (quang_nam's twinned villages: sekong); unit_code
    # stays the reporting unit
    counterpart_unit: Optional[str] = None
    # for a stated change (aid_change): the earlier period it is measured against
    base_period_start: Optional[date] = None
    base_period_end: Optional[date] = None
    items: tuple[FigureItem, ...] = ()      # what the figure lists, in order


@dataclass(frozen=True)
class FigureMatch:
    figure: Figure
    relation: str   # "exact" | "inside" | "contains" | "overlapping" | "none" | "any"
    # how the figure belongs to the asked unit: "unit" (its own), "predecessor" (of a unit
    # it succeeded), "counterpart" (another unit's figure naming it as counterpart_unit)
    via: str = "unit"


@dataclass(frozen=True)
class Availability:
    unit_code: str
    metric: str
    period_start: Optional[date]
    period_end: Optional[date]
    period_kind: str
    counterpart_unit: Optional[str] = None


@dataclass(frozen=True)
class StatedChange:
    """A change the source states between two periods (vn_aid_change: +4.9 million USD
    of disbursed aid in 2023 against 2022), oriented as asked: from period_from to period_to."""
    figure: Figure                  # the stored change figure (period = later, base period = earlier)
    metric: str                     # the metric that changed (aid_disbursed)
    period_from: "PeriodQuery"
    period_to: "PeriodQuery"
    reversed: bool                  # True when period_from is the later period (stored sign flipped)
    change_low: Decimal             # value(period_to) - value(period_from), signed
    change_high: Optional[Decimal]  # upper end when the stated change is a range
    sign: Optional[int]             # +1, -1, 0; None when a stated range crosses zero
    direction: Optional[str]        # "increase" | "decrease" | "no_change" | None (as sign)


@dataclass(frozen=True)
class Comparison:
    left: Optional[FigureMatch]
    right: Optional[FigureMatch]
    difference: Optional[Decimal]   # left - right of the stated values: only when the order is
                                    # certain and both are single values (see verdict.difference)
    comparable: bool                # = verdict.comparable: the order of the two is certain
    reason: Optional[str]           # = verdict.reason: why not comparable, a code
    verdict: Optional["Verdict"] = None             # db.comparison.compare_figures(left, right)
    stated_change: Optional[StatedChange] = None    # compare_periods: a change the source states
                                                    # from right's period to left's (sign as difference)


@dataclass(frozen=True)
class Reorganisation:
    """Vietnam's reorganisation of province-level units on one date, counted from the units table."""
    effective_date: date
    legal_basis: Optional[str]          # "Resolution 202/2025/QH15" (several joined by "; ")
    legal_bases: tuple[str, ...]
    units_before: int                   # provinces + centrally-run cities valid the day before
    units_after: int                    # ... and on the effective date
    merged_units: int                   # units that ended by merging (predecessors)
    new_units: int                      # units formed (successors)


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
