"""Public query API of the aid database (the only module actions and bot import).

    adb = AidDatabase.from_env()
    adb.resolve_place("Quảng Nam")           -> PlaceResolution
    adb.figures("quang_nam", "foreign_ngos") -> [FigureMatch]

Each call opens its own session; results are frozen dataclasses with Decimal values.
"""
from __future__ import annotations

import threading
from datetime import date
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Iterable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db import iati_queries
from db.config import database_url, make_engine
from db.csv_rows import format_decimal
from db.models import (
    AdminUnit, FigureCitation, ReportedFigure, Source, UnitAlias, UnitGroupMember, UnitName,
    UnitSuccession,
)
from db.normalize import normalize_name
from db.period_relation import RELATION_RANK, relation
from db.places import AliasEntry, PlaceIndex
from db.records import (
    ActivitySummary, Availability, Citation, Comparison, Figure, FigureMatch, PeriodQuery,
    PlaceCandidate, PlaceResolution, SectorTotal, SourceInfo, TransactionTotal, UnitInfo,
    UnitTransactionTotal,
)
from db.vocabulary import METRICS

__all__ = [
    "AidDatabase", "PeriodQuery", "PlaceResolution", "PlaceCandidate", "UnitInfo", "Figure",
    "FigureMatch", "Citation", "SourceInfo", "Availability", "Comparison", "TransactionTotal",
    "UnitTransactionTotal", "SectorTotal", "ActivitySummary",
]

RANKED_KINDS = ("province", "city")   # rank() compares places, not the country or groups


class AidDatabase:
    def __init__(self, url: Optional[str] = None):
        self.engine = make_engine(url)
        self._Session = sessionmaker(self.engine, future=True, expire_on_commit=False)
        self._place_index: Optional[PlaceIndex] = None
        self._predecessors_cache: Optional[dict[str, list[str]]] = None
        self._units_cache: dict[str, Optional[UnitInfo]] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_env(cls) -> "AidDatabase":
        return cls(database_url())

    def close(self) -> None:
        self.engine.dispose()

    def clear_caches(self) -> None:
        """Forget cached units/lineage (call after changing units or figures in-process)."""
        self._place_index = None
        self._predecessors_cache = None
        self._units_cache = {}

    # --- places --------------------------------------------------------------------

    def _places(self) -> PlaceIndex:
        index = self._place_index
        if index is None:
            with self._lock:
                if self._place_index is None:
                    self._place_index = self._build_place_index()
                index = self._place_index
        return index

    def _build_place_index(self) -> PlaceIndex:
        with self._Session() as s:
            entries = [AliasEntry(code, name, lang, normalize_name(name))
                       for code, lang, name in s.execute(select(UnitName.unit_code, UnitName.lang, UnitName.name))]
            entries += [AliasEntry(code, alias, None, normalized)
                        for code, alias, normalized in s.execute(
                            select(UnitAlias.unit_code, UnitAlias.alias, UnitAlias.normalized))]
            edges = s.execute(select(UnitSuccession.predecessor, UnitSuccession.successor)).all()
            current = set(s.execute(select(AdminUnit.code).where(AdminUnit.valid_to.is_(None))).scalars())
            with_figures = set(s.execute(select(ReportedFigure.unit_code).distinct()).scalars())
        return PlaceIndex(entries, _lineage_components(edges), with_figures, current)

    def resolve_place(self, text: str, lang: Optional[str] = None, limit: int = 5) -> PlaceResolution:
        """What unit `text` names; see db.places for scoring and thresholds.
        `lang` only breaks ties in which stored spelling is reported as matched_alias."""
        return self._places().resolve(text, lang, limit)

    def find_places(self, text: str, lang: Optional[str] = None) -> list[PlaceResolution]:
        """Places mentioned anywhere in a sentence, in order (found or ambiguous only)."""
        return self._places().find(text, lang)

    # --- units ---------------------------------------------------------------------

    def unit(self, code: str) -> Optional[UnitInfo]:
        """Unit reference data; cached per AidDatabase like the place index, since a
        reply asks for the same few units many times (names, merger notes)."""
        if code not in self._units_cache:
            self._units_cache[code] = self._load_unit(code)
        return self._units_cache[code]

    def _load_unit(self, code: str) -> Optional[UnitInfo]:
        with self._Session() as s:
            unit = s.get(AdminUnit, code)
            if unit is None:
                return None
            names = dict(s.execute(select(UnitName.lang, UnitName.name).where(UnitName.unit_code == code)).all())
            preds = list(s.execute(select(UnitSuccession.predecessor).where(UnitSuccession.successor == code)
                                   .order_by(UnitSuccession.predecessor)).scalars())
            succ = s.execute(select(UnitSuccession.successor, UnitSuccession.effective_date)
                             .where(UnitSuccession.predecessor == code)
                             .order_by(UnitSuccession.effective_date, UnitSuccession.successor)).first()
            groups = list(s.execute(select(UnitGroupMember.group_code).where(UnitGroupMember.member_code == code)
                                    .order_by(UnitGroupMember.group_code)).scalars())
            members = list(s.execute(select(UnitGroupMember.member_code).where(UnitGroupMember.group_code == code)
                                     .order_by(UnitGroupMember.member_code)).scalars())
            return UnitInfo(code=unit.code, kind=unit.kind, valid_from=unit.valid_from, valid_to=unit.valid_to,
                            names=names, predecessors=preds, successor=succ[0] if succ else None,
                            successor_date=succ[1] if succ else None, groups=groups, members=members)

    def unit_name(self, code: str, lang: str) -> str:
        """Display name in `lang`, else English, else the code itself."""
        unit = self.unit(code)
        names = unit.names if unit else {}
        return names.get(lang) or names.get("en") or code

    def group_members(self, group_code: str) -> list[str]:
        with self._Session() as s:
            return list(s.execute(select(UnitGroupMember.member_code)
                                  .where(UnitGroupMember.group_code == group_code)
                                  .order_by(UnitGroupMember.member_code)).scalars())

    def successor(self, code: str) -> Optional[str]:
        with self._Session() as s:
            return s.execute(select(UnitSuccession.successor).where(UnitSuccession.predecessor == code)
                             .order_by(UnitSuccession.effective_date, UnitSuccession.successor)).scalars().first()

    def predecessors(self, code: str) -> list[str]:
        """Direct predecessors (units merged into `code`)."""
        with self._Session() as s:
            return list(s.execute(select(UnitSuccession.predecessor).where(UnitSuccession.successor == code)
                                  .order_by(UnitSuccession.predecessor)).scalars())

    def _predecessor_map(self) -> dict[str, list[str]]:
        """successor -> direct predecessors; loaded once per AidDatabase (like the place index)."""
        mapping = self._predecessors_cache
        if mapping is None:
            with self._Session() as s:
                mapping = defaultdict(list)
                for pred, succ in s.execute(select(UnitSuccession.predecessor, UnitSuccession.successor)
                                            .order_by(UnitSuccession.predecessor)):
                    mapping[succ].append(pred)
            self._predecessors_cache = mapping = dict(mapping)
        return mapping

    def _all_predecessors(self, code: str) -> list[str]:
        """Predecessors at any depth, nearest first."""
        mapping, found, frontier = self._predecessor_map(), [], [code]
        while frontier:
            frontier = [p for c in frontier for p in mapping.get(c, []) if p not in found and p != code]
            found += frontier
        return found

    # --- sources and figures -------------------------------------------------------

    def sources(self) -> list[SourceInfo]:
        with self._Session() as s:
            return [_source_info(src) for src in s.execute(select(Source).order_by(Source.id)).scalars()]

    def metrics(self) -> list[str]:
        """The metric vocabulary of docs/design.md (codes usable in figures and questions)."""
        return list(METRICS)

    def _figures(self, s: Session, unit_codes: Iterable[str], metric: Optional[str]) -> list[Figure]:
        f = ReportedFigure
        stmt = select(*_FIGURE_COLUMNS).where(f.unit_code.in_(list(unit_codes)))
        if metric:
            stmt = stmt.where(f.metric == metric)
        return self._to_figures(s, s.execute(stmt.order_by(f.unit_code, f.metric, f.id)).all())

    def _to_figures(self, s: Session, rows) -> list[Figure]:
        ids = [r.id for r in rows]
        citations: dict[str, list[Citation]] = defaultdict(list)
        if ids:
            for fid, quote, *src in s.execute(
                    select(FigureCitation.figure_id, FigureCitation.quote, *_SOURCE_COLUMNS)
                    .join(Source, Source.id == FigureCitation.source_id)
                    .where(FigureCitation.figure_id.in_(ids)).order_by(FigureCitation.source_id)):
                citations[fid].append(Citation(source=SourceInfo(*src), quote=quote))
        return [Figure(id=r.id, unit_code=r.unit_code, metric=r.metric, value_low=_decimal(r.value_low),
                       value_high=_decimal(r.value_high), qualifier=r.qualifier, unit=r.unit_of_measure,
                       scale_note=r.note, period_start=r.period_start, period_end=r.period_end,
                       period_kind=r.period_kind, derived=bool(r.derived), derivation=r.derivation,
                       citations=citations[r.id]) for r in rows]

    def figures_by_ids(self, ids: Iterable[str]) -> list[Figure]:
        """The figures with these ids, in the order given (unknown ids are skipped)."""
        wanted = [str(i) for i in ids]
        with self._Session() as s:
            rows = s.execute(select(ReportedFigure).where(ReportedFigure.id.in_(wanted))).scalars().all()
            by_id = {fig.id: fig for fig in self._to_figures(s, rows)}
        return [by_id[i] for i in wanted if i in by_id]

    def units_with_figures(self) -> list[str]:
        """Codes of the units that have at least one reported figure, by English name."""
        with self._Session() as s:
            codes = s.execute(select(ReportedFigure.unit_code).distinct()).scalars().all()
        return sorted(codes, key=lambda code: self.unit_name(code, "en"))

    def figures(self, unit_code: str, metric: Optional[str] = None, period: Optional[PeriodQuery] = None,
                include_predecessors: bool = True) -> list[FigureMatch]:
        """Figures of the unit (and, by default, of its predecessors at any depth, with
        Figure.unit_code naming the predecessor), each with the relation of its period
        to `period` (see db.period_relation). Figures whose period is disjoint from the
        asked one are left out; use available() to say what periods exist instead.
        Order: the unit's own figures first, then by relation (exact, inside, contains,
        overlapping), then metric and id."""
        codes = [unit_code] + (self._all_predecessors(unit_code) if include_predecessors else [])
        with self._Session() as s:
            figures = self._figures(s, codes, metric)
        matches = [FigureMatch(fig, relation(fig.period_start, fig.period_end, fig.period_kind, period))
                   for fig in figures]
        matches = [m for m in matches if m.relation != "none"]
        order = {code: i for i, code in enumerate(codes)}
        return sorted(matches, key=lambda m: (order[m.figure.unit_code], RELATION_RANK[m.relation],
                                              m.figure.metric, m.figure.id))

    def available(self, unit_code: str, include_predecessors: bool = True) -> list[Availability]:
        """Which metrics and periods have figures for the unit (and its predecessors)."""
        f = ReportedFigure
        codes = [unit_code] + (self._all_predecessors(unit_code) if include_predecessors else [])
        with self._Session() as s:
            rows = s.execute(select(f.unit_code, f.metric, f.period_start, f.period_end, f.period_kind)
                             .where(f.unit_code.in_(codes)).distinct()).all()
        order = {code: i for i, code in enumerate(codes)}
        return sorted((Availability(*row) for row in rows),
                      key=lambda a: (order[a.unit_code], a.metric, a.period_start or a.period_end or _NO_DATE,
                                     a.period_end or _NO_DATE))

    # --- comparisons and ranking ---------------------------------------------------

    def _best(self, unit_code: str, metric: str, period: Optional[PeriodQuery]) -> Optional[FigureMatch]:
        matches = self.figures(unit_code, metric, period)
        return matches[0] if matches else None

    def compare_periods(self, unit_code: str, metric: str, p1: PeriodQuery, p2: PeriodQuery) -> Comparison:
        """The unit's best figure for p1 (left) against its best for p2 (right)."""
        return _compare(self._best(unit_code, metric, p1), self._best(unit_code, metric, p2))

    def compare_units(self, unit_a: str, unit_b: str, metric: str,
                      period: Optional[PeriodQuery] = None) -> Comparison:
        """Best figure of unit_a (left) against unit_b (right) for the same metric and period."""
        return _compare(self._best(unit_a, metric, period), self._best(unit_b, metric, period))

    def rank(self, metric: str, period: Optional[PeriodQuery] = None, group: Optional[str] = None) -> list[Figure]:
        """Provinces/cities by their figure for `metric`, largest first.

        One figure per unit (its best match to `period`); with a period only figures
        whose period is exact or inside the asked one take part. Only one unit of
        measure is ranked: the one most figures use (USD before VND on a tie)."""
        f = ReportedFigure
        with self._Session() as s:
            stmt = (select(*_FIGURE_COLUMNS).join(AdminUnit, AdminUnit.code == f.unit_code)
                    .where(f.metric == metric, AdminUnit.kind.in_(RANKED_KINDS)))
            if group:
                stmt = stmt.where(f.unit_code.in_(select(UnitGroupMember.member_code)
                                                  .where(UnitGroupMember.group_code == group)))
            figures = self._to_figures(s, s.execute(stmt.order_by(f.id)).all())
        allowed = {"any"} if period is None or period.is_any else {"exact", "inside"}
        best: dict[str, tuple[tuple, Figure]] = {}
        for fig in figures:
            rel = relation(fig.period_start, fig.period_end, fig.period_kind, period)
            if rel not in allowed:
                continue
            key = (RELATION_RANK[rel], -(fig.period_end or fig.period_start or _NO_DATE).toordinal(), fig.id)
            if fig.unit_code not in best or key < best[fig.unit_code][0]:
                best[fig.unit_code] = (key, fig)
        chosen = [fig for _, fig in best.values()]
        if not chosen:
            return []
        uoms = Counter(fig.unit for fig in chosen)
        uom = max(uoms, key=lambda u: (uoms[u], u == "USD", u == "count"))
        return sorted((fig for fig in chosen if fig.unit == uom),
                      key=lambda fig: (-fig.value_low, -(fig.value_high or fig.value_low), fig.unit_code))

    # --- IATI transactions ---------------------------------------------------------

    def transaction_totals(self, unit_code: str, tx_type: int, period: Optional[PeriodQuery] = None,
                           include_synthetic: bool = False) -> list[TransactionTotal]:
        """Sum and count of the unit's transactions of one type (2 commitment,
        3 disbursement) in the period, one entry per currency."""
        with self._Session() as s:
            return iati_queries.transaction_totals(s, unit_code, tx_type, period, include_synthetic)

    def rank_units_by_transactions(self, tx_type: int, period: Optional[PeriodQuery] = None, currency: str = "USD",
                                   limit: int = 10, include_synthetic: bool = False) -> list[UnitTransactionTotal]:
        with self._Session() as s:
            return iati_queries.rank_units_by_transactions(s, tx_type, period, currency, limit, include_synthetic)

    def activities_for_unit(self, unit_code: str, period: Optional[PeriodQuery] = None, limit: int = 20,
                            include_synthetic: bool = False) -> list[ActivitySummary]:
        with self._Session() as s:
            return iati_queries.activities_for_unit(s, unit_code, period, limit, include_synthetic)

    def sector_breakdown(self, unit_code: str, tx_type: int, period: Optional[PeriodQuery] = None,
                         include_synthetic: bool = False) -> list[SectorTotal]:
        with self._Session() as s:
            return iati_queries.sector_breakdown(s, unit_code, tx_type, period, include_synthetic)


# --- helpers ------------------------------------------------------------------------

_NO_DATE = date.min
_FIGURE_COLUMNS = tuple(getattr(ReportedFigure, c) for c in (
    "id", "unit_code", "metric", "value_low", "value_high", "qualifier", "unit_of_measure", "note",
    "period_start", "period_end", "period_kind", "derived", "derivation"))
_SOURCE_COLUMNS = tuple(getattr(Source, c) for c in (
    "id", "title", "publisher", "url", "published", "language", "note"))


def _decimal(value) -> Optional[Decimal]:
    if value is None:
        return None
    # SQLite hands Numeric back via float: re-read through str; drop the scale's
    # padding zeros (4.9000 -> 4.9) without switching to exponent notation.
    return Decimal(format_decimal(Decimal(str(value))))


def _source_info(src: Source) -> SourceInfo:
    return SourceInfo(id=src.id, title=src.title, publisher=src.publisher, url=src.url,
                      published=src.published, language=src.language, note=src.note)


def _lineage_components(edges) -> dict[str, str]:
    """unit -> representative of its succession-connected component."""
    parent: dict[str, str] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in list(parent)}


def _compare(left: Optional[FigureMatch], right: Optional[FigureMatch]) -> Comparison:
    """Comparable only with two different figures of the same metric and unit of measure.
    difference = left - right, only when neither side is a range."""
    if left is None or right is None:
        return Comparison(left, right, None, False, "missing_left" if left is None else "missing_right")
    lf, rf = left.figure, right.figure
    if lf.id == rf.id:
        return Comparison(left, right, None, False, "same_figure")
    if lf.metric != rf.metric:
        return Comparison(left, right, None, False, "different_metric")
    if lf.unit != rf.unit:
        return Comparison(left, right, None, False, "different_unit_of_measure")
    if lf.value_high is not None or rf.value_high is not None:
        return Comparison(left, right, None, True, "range_values")
    return Comparison(left, right, lf.value_low - rf.value_low, True, None)
