"""Public query API of the aid database (the only module actions and bot import).

    adb = AidDatabase.from_env()
    adb.resolve_place("Quảng Nam")           -> PlaceResolution
    adb.figures("quang_nam", "foreign_ngos") -> [FigureMatch]

Each call opens its own session; results are frozen dataclasses with Decimal values.
"""
from __future__ import annotations

import threading
import time
from datetime import date, timedelta
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Iterable, Optional

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from db import data_version, iati_queries
from db.comparison import Verdict, compare_figures
from db.config import database_url, make_engine
from db.csv_rows import format_decimal
from db.models import (
    AdminUnit, FigureCitation, FigureItem as FigureItemRow, ReportedFigure, Source, SourceTitle, UnitAlias,
    UnitGroupMember, UnitName, UnitSuccession,
)
from db.normalize import normalize_name
from db.period_relation import RELATION_RANK, relation
from db.places import AliasEntry, PlaceIndex
from db.records import (
    ActivitySummary, Availability, Citation, Comparison, Figure, FigureItem, FigureMatch, PeriodQuery,
    PlaceCandidate, PlaceResolution, Reorganisation, SectorTotal, SourceInfo, StatedChange, TransactionTotal,
    UnitInfo, UnitTransactionTotal,
)
from db.vocabulary import CHANGE_OF, FOREIGN_UNIT_KINDS, METRICS, PROVINCE_LEVEL_KINDS

__all__ = [
    "AidDatabase", "PeriodQuery", "PlaceResolution", "PlaceCandidate", "UnitInfo", "Figure",
    "FigureMatch", "Citation", "SourceInfo", "Availability", "Comparison", "TransactionTotal",
    "UnitTransactionTotal", "SectorTotal", "ActivitySummary", "FigureItem", "StatedChange",
    "Reorganisation", "Verdict", "compare_figures",
]

RANKED_KINDS = PROVINCE_LEVEL_KINDS   # rank() compares Vietnamese places, not the country, groups or abroad


class AidDatabase:
    # How often (seconds) a cached call may look whether the data changed (db.data_version).
    DATA_VERSION_CHECK_SECONDS = 2.0

    def __init__(self, url: Optional[str] = None):
        self.engine = make_engine(url)
        self._Session = sessionmaker(self.engine, future=True, expire_on_commit=False)
        self._place_index: Optional[PlaceIndex] = None
        self._predecessors_cache: Optional[dict[str, list[str]]] = None
        self._units_cache: dict[str, Optional[UnitInfo]] = {}
        self._lock = threading.Lock()
        self._data_token: Optional[str] = None
        self._data_checked_at: Optional[float] = None

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

    # --- data version: caches follow seeds and imports of other processes -----------

    def data_version(self) -> Optional[str]:
        """The current data version token (changes with every seed or import that writes)."""
        with self.engine.connect() as conn:
            return data_version.current_token(conn)

    def _refresh_if_changed(self) -> None:
        """At most once every DATA_VERSION_CHECK_SECONDS, one cheap query; caches are
        dropped when another process seeded or imported since they were built."""
        now = time.monotonic()
        checked = self._data_checked_at
        if checked is not None and now - checked < self.DATA_VERSION_CHECK_SECONDS:
            return
        with self._lock:
            checked = self._data_checked_at
            if checked is not None and now - checked < self.DATA_VERSION_CHECK_SECONDS:
                return
            self._data_checked_at = now
            token = self.data_version()
            if token != self._data_token:
                self._data_token = token
                self._place_index = None
                self._predecessors_cache = None
                self._units_cache = {}

    # --- places --------------------------------------------------------------------

    def _places(self) -> PlaceIndex:
        self._refresh_if_changed()
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
            # normalised here, not read from unit_alias.normalized: the rules may be newer than the rows
            entries += [AliasEntry(code, alias, None, normalize_name(alias))
                        for code, alias in s.execute(select(UnitAlias.unit_code, UnitAlias.alias))]
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
        self._refresh_if_changed()
        cache = self._units_cache
        if code not in cache:
            cache[code] = self._load_unit(code)
        return cache[code]

    def _load_unit(self, code: str) -> Optional[UnitInfo]:
        with self._Session() as s:
            unit = s.get(AdminUnit, code)
            if unit is None:
                return None
            names = dict(s.execute(select(UnitName.lang, UnitName.name).where(UnitName.unit_code == code)).all())
            formed = s.execute(select(UnitSuccession.predecessor, UnitSuccession.legal_basis)
                               .where(UnitSuccession.successor == code)
                               .order_by(UnitSuccession.predecessor)).all()
            succ = s.execute(select(UnitSuccession.successor, UnitSuccession.effective_date,
                                    UnitSuccession.legal_basis)
                             .where(UnitSuccession.predecessor == code)
                             .order_by(UnitSuccession.effective_date, UnitSuccession.successor)).first()
            groups = list(s.execute(select(UnitGroupMember.group_code).where(UnitGroupMember.member_code == code)
                                    .order_by(UnitGroupMember.group_code)).scalars())
            members = list(s.execute(select(UnitGroupMember.member_code).where(UnitGroupMember.group_code == code)
                                     .order_by(UnitGroupMember.member_code)).scalars())
            children = list(s.execute(select(AdminUnit.code).where(AdminUnit.parent_code == code)
                                      .order_by(AdminUnit.code)).scalars())
            return UnitInfo(code=unit.code, kind=unit.kind, valid_from=unit.valid_from, valid_to=unit.valid_to,
                            names=names, predecessors=[pred for pred, _ in formed],
                            successor=succ[0] if succ else None, successor_date=succ[1] if succ else None,
                            groups=groups, members=members, parent=unit.parent_code,
                            is_foreign=unit.kind in FOREIGN_UNIT_KINDS,
                            successor_legal_basis=succ[2] if succ else None,
                            formed_legal_basis=_joined(basis for _, basis in formed),
                            children=children)

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
        self._refresh_if_changed()
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
            titles = _source_titles(s)
            return [_source_info(src, titles.get(src.id, {}))
                    for src in s.execute(select(Source).order_by(Source.id)).scalars()]

    def metrics(self) -> list[str]:
        """The metric vocabulary of docs/design.md (codes usable in figures and questions)."""
        return list(METRICS)

    def _figures(self, s: Session, unit_codes: Iterable[str], metric: Optional[str],
                 column=ReportedFigure.unit_code) -> list[Figure]:
        """Figures whose `column` (unit_code, or counterpart_unit) is one of unit_codes."""
        f = ReportedFigure
        stmt = select(*_FIGURE_COLUMNS).where(column.in_(list(unit_codes)))
        if metric:
            stmt = stmt.where(f.metric == metric)
        return self._to_figures(s, s.execute(stmt.order_by(f.unit_code, f.metric, f.id)).all())

    def _to_figures(self, s: Session, rows) -> list[Figure]:
        ids = [r.id for r in rows]
        citations: dict[str, list[Citation]] = defaultdict(list)
        items: dict[str, list[FigureItem]] = defaultdict(list)
        if ids:
            cited = s.execute(select(FigureCitation.figure_id, FigureCitation.quote, Source)
                              .join(Source, Source.id == FigureCitation.source_id)
                              .where(FigureCitation.figure_id.in_(ids)).order_by(FigureCitation.source_id)).all()
            titles = _source_titles(s, {src.id for _, _, src in cited})
            for fid, quote, src in cited:
                citations[fid].append(Citation(source=_source_info(src, titles.get(src.id, {})), quote=quote))
            i = FigureItemRow
            for fid, position, kind, code, name in s.execute(
                    select(i.figure_id, i.position, i.kind, i.code, i.name)
                    .where(i.figure_id.in_(ids)).order_by(i.figure_id, i.position)):
                items[fid].append(FigureItem(position=position, kind=kind, code=code, name=name))
        return [Figure(id=r.id, unit_code=r.unit_code, metric=r.metric, value_low=_decimal(r.value_low),
                       value_high=_decimal(r.value_high), qualifier=r.qualifier, unit=r.unit_of_measure,
                       scale_note=r.note, period_start=r.period_start, period_end=r.period_end,
                       period_kind=r.period_kind, derived=bool(r.derived), derivation=r.derivation,
                       citations=citations[r.id], counterpart_unit=r.counterpart_unit,
                       base_period_start=r.base_period_start, base_period_end=r.base_period_end,
                       items=tuple(items[r.id])) for r in rows]

    def figures_by_ids(self, ids: Iterable[str]) -> list[Figure]:
        """The figures with these ids, in the order given (unknown ids are skipped)."""
        wanted = [str(i) for i in ids]
        with self._Session() as s:
            rows = s.execute(select(ReportedFigure).where(ReportedFigure.id.in_(wanted))).scalars().all()
            by_id = {fig.id: fig for fig in self._to_figures(s, rows)}
        return [by_id[i] for i in wanted if i in by_id]

    def units_with_figures(self, include_foreign: bool = False) -> list[str]:
        """Codes of the units that have at least one reported figure, by English name.
        Places abroad (Sekong, Laos) only with include_foreign=True: the list answers
        "which Vietnamese places do you have figures for"."""
        with self._Session() as s:
            stmt = select(ReportedFigure.unit_code).distinct()
            if not include_foreign:
                stmt = stmt.join(AdminUnit, AdminUnit.code == ReportedFigure.unit_code).where(
                    AdminUnit.kind.notin_(FOREIGN_UNIT_KINDS))
            codes = s.execute(stmt).scalars().all()
        return sorted(codes, key=lambda code: self.unit_name(code, "en"))

    def figures(self, unit_code: str, metric: Optional[str] = None, period: Optional[PeriodQuery] = None,
                include_predecessors: bool = True, include_counterparts: bool = True) -> list[FigureMatch]:
        """Figures of the unit (and, by default, of its predecessors at any depth, with
        Figure.unit_code naming the predecessor), each with the relation of its period
        to `period` (see db.period_relation). Figures whose period is disjoint from the
        asked one are left out; use available() to say what periods exist instead.

        With include_counterparts (default), figures of other units that name this unit
        (or a predecessor) as their counterpart_unit come too, after the unit's own,
        with FigureMatch.via "counterpart" and Figure.unit_code still the reporting unit:
        figures("sekong", "twinned_villages") gives Sekong's 16 villages and Quang Nam's 35.

        Order: the unit's own figures, its predecessors', then counterpart figures; within
        each, by relation (exact, inside, contains, overlapping), then metric and id."""
        codes = [unit_code] + (self._all_predecessors(unit_code) if include_predecessors else [])
        with self._Session() as s:
            own = self._figures(s, codes, metric)
            others = self._figures(s, codes, metric, ReportedFigure.counterpart_unit) if include_counterparts else []
        own_ids = {fig.id for fig in own}
        matches = [FigureMatch(fig, relation(fig.period_start, fig.period_end, fig.period_kind, period),
                               "unit" if fig.unit_code == unit_code else "predecessor") for fig in own]
        matches += [FigureMatch(fig, relation(fig.period_start, fig.period_end, fig.period_kind, period),
                                "counterpart") for fig in others if fig.id not in own_ids]
        matches = [m for m in matches if m.relation != "none"]
        order = {code: i for i, code in enumerate(codes)}

        def key(m: FigureMatch):
            if m.via == "counterpart":
                place = len(codes) + order[m.figure.counterpart_unit]
            else:
                place = order[m.figure.unit_code]
            return place, RELATION_RANK[m.relation], m.figure.metric, m.figure.id
        return sorted(matches, key=key)

    def available(self, unit_code: str, include_predecessors: bool = True,
                  include_counterparts: bool = True) -> list[Availability]:
        """Which metrics and periods have figures for the unit (and its predecessors, and,
        as in figures(), other units' figures naming it as counterpart)."""
        f = ReportedFigure
        codes = [unit_code] + (self._all_predecessors(unit_code) if include_predecessors else [])
        where = f.unit_code.in_(codes)
        if include_counterparts:
            where = or_(where, f.counterpart_unit.in_(codes))
        with self._Session() as s:
            rows = s.execute(select(f.unit_code, f.metric, f.period_start, f.period_end, f.period_kind,
                                    f.counterpart_unit).where(where).distinct()).all()
        order = {code: i for i, code in enumerate(codes)}

        def place(a: Availability) -> int:
            return order[a.unit_code] if a.unit_code in order else len(codes) + order[a.counterpart_unit]
        return sorted((Availability(*row) for row in rows),
                      key=lambda a: (place(a), a.metric, a.period_start or a.period_end or _NO_DATE,
                                     a.period_end or _NO_DATE, a.counterpart_unit or ""))

    # --- comparisons and ranking ---------------------------------------------------

    def _best(self, unit_code: str, metric: str, period: Optional[PeriodQuery]) -> Optional[FigureMatch]:
        """The unit's (or its predecessors') best figure; another unit's figure that
        merely names it as counterpart is not the unit's own to compare."""
        matches = self.figures(unit_code, metric, period, include_counterparts=False)
        return matches[0] if matches else None

    def compare_periods(self, unit_code: str, metric: str, p1: PeriodQuery, p2: PeriodQuery) -> Comparison:
        """The unit's best figure for p1 (left) against its best for p2 (right), with the
        verdict of db.comparison, and any change the source states between the two
        periods (stated_change, oriented from p2 to p1 so that its sign matches
        `difference`: positive = left higher)."""
        change = self.stated_change(unit_code, metric, p2, p1) if p1 is not None and p2 is not None else None
        return _compare(self._best(unit_code, metric, p1), self._best(unit_code, metric, p2), change, p1, p2)

    def compare_units(self, unit_a: str, unit_b: str, metric: str, period: Optional[PeriodQuery] = None,
                      period_b: Optional[PeriodQuery] = None) -> Comparison:
        """Best figure of unit_a (left) against unit_b (right) for the same metric and period
        (or, with `period_b`, unit_b's for that period: "Son La 2023 vs the cluster in H1 2024")."""
        right = self._best(unit_b, metric, period_b if period_b is not None else period)
        return _compare(self._best(unit_a, metric, period), right)

    def stated_change(self, unit_code: str, metric: str, period_from: PeriodQuery,
                      period_to: PeriodQuery) -> Optional[StatedChange]:
        """The change the sources state for the unit between two periods, if any.

        `metric` is the metric that changed (aid_disbursed) or the change metric itself
        (aid_change). A stored change figure matches when its period is exactly the later
        of the two periods and its base period exactly the earlier one; the arguments may
        come in either order, and the result is oriented as asked: change_low/high =
        value(period_to) - value(period_from), so asking from 2023 to 2022 gives -4.9 million."""
        if period_from is None or period_to is None or period_from.is_any or period_to.is_any:
            return None
        change_metrics = [metric] if metric in CHANGE_OF else [m for m, base in CHANGE_OF.items() if base == metric]
        start_from, start_to = _period_key(period_from), _period_key(period_to)
        if not change_metrics or start_from == start_to:
            return None
        reversed_ = start_from > start_to
        earlier, later = (period_to, period_from) if reversed_ else (period_from, period_to)
        for change_metric in change_metrics:
            for match in self.figures(unit_code, change_metric, later, include_counterparts=False):
                fig = match.figure
                if match.relation != "exact" or (fig.base_period_start is None and fig.base_period_end is None):
                    continue
                if relation(fig.base_period_start, fig.base_period_end, "range", earlier) != "exact":
                    continue
                return _stated_change(fig, CHANGE_OF[change_metric], period_from, period_to, reversed_)
        return None

    # --- the 2025 reorganisation, from the units table ------------------------------

    def province_level_units(self, on: date) -> list[str]:
        """Codes of Vietnam's provinces and centrally-run cities valid on a day."""
        a = AdminUnit
        with self._Session() as s:
            return list(s.execute(select(a.code).where(
                a.kind.in_(PROVINCE_LEVEL_KINDS),
                or_(a.valid_from.is_(None), a.valid_from <= on),
                or_(a.valid_to.is_(None), a.valid_to >= on)).order_by(a.code)).scalars())

    def reorganisation(self, effective_date: Optional[date] = None) -> Optional[Reorganisation]:
        """The reorganisation of province-level units that took effect on `effective_date`
        (default: the latest succession date): its legal basis from unit_succession and the
        number of provinces + centrally-run cities the day before and on the day, counted
        from the units' validity (63 -> 34 on 1 July 2025 with the seed). None when no
        succession is recorded (on that date)."""
        u = UnitSuccession
        with self._Session() as s:
            if effective_date is None:
                effective_date = s.execute(select(func.max(u.effective_date))).scalar()
                if effective_date is None:
                    return None
            rows = s.execute(select(u.predecessor, u.successor, u.legal_basis)
                             .where(u.effective_date == effective_date)).all()
        if not rows:
            return None
        bases = tuple(sorted({basis for _, _, basis in rows if basis}))
        return Reorganisation(
            effective_date=effective_date, legal_basis="; ".join(bases) or None, legal_bases=bases,
            units_before=len(self.province_level_units(effective_date - timedelta(days=1))),
            units_after=len(self.province_level_units(effective_date)),
            merged_units=len({pred for pred, _, _ in rows}), new_units=len({succ for _, succ, _ in rows}))

    def change_metrics(self) -> dict[str, str]:
        """Change metric -> the metric it is a change of (db.vocabulary.CHANGE_OF)."""
        return dict(CHANGE_OF)

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
    "period_start", "period_end", "period_kind", "derived", "derivation", "counterpart_unit",
    "base_period_start", "base_period_end"))



def _decimal(value) -> Optional[Decimal]:
    if value is None:
        return None
    # SQLite hands Numeric back via float: re-read through str; drop the scale's
    # padding zeros (4.9000 -> 4.9) without switching to exponent notation.
    return Decimal(format_decimal(Decimal(str(value))))


def _source_titles(s: Session, ids: Optional[set[str]] = None) -> dict[str, dict[str, str]]:
    """source id -> {lang: short title}."""
    stmt = select(SourceTitle.source_id, SourceTitle.lang, SourceTitle.title)
    if ids is not None:
        if not ids:
            return {}
        stmt = stmt.where(SourceTitle.source_id.in_(ids))
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for sid, lang, title in s.execute(stmt):
        out[sid][lang] = title
    return out


def _source_info(src: Source, titles: dict[str, str]) -> SourceInfo:
    return SourceInfo(id=src.id, title=src.title, publisher=src.publisher, url=src.url,
                      published=src.published, language=src.language, note=src.note,
                      titles=dict(titles), original_title=src.title,
                      title_is_descriptive=bool(src.title_is_descriptive))


def _joined(values) -> Optional[str]:
    distinct = sorted({v for v in values if v})
    return "; ".join(distinct) or None


def _period_key(period: PeriodQuery) -> tuple[date, date]:
    return (period.start or period.end or _NO_DATE, period.end or date.max)


def _sign(value: Decimal) -> int:
    return (value > 0) - (value < 0)


def _stated_change(fig: Figure, metric: str, period_from: PeriodQuery, period_to: PeriodQuery,
                   reversed_: bool) -> StatedChange:
    low, high = fig.value_low, fig.value_high
    if reversed_:
        low, high = (-high, -low) if high is not None else (-low, None)
    signs = {_sign(low)} | ({_sign(high)} if high is not None else set())
    sign = signs.pop() if len(signs) == 1 else None
    direction = {1: "increase", -1: "decrease", 0: "no_change", None: None}[sign]
    return StatedChange(figure=fig, metric=metric, period_from=period_from, period_to=period_to,
                        reversed=reversed_, change_low=low, change_high=high, sign=sign, direction=direction)


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


def _compare(left: Optional[FigureMatch], right: Optional[FigureMatch],
             stated_change: Optional[StatedChange] = None, left_period: Optional[PeriodQuery] = None,
             right_period: Optional[PeriodQuery] = None) -> Comparison:
    """The one rule (db.comparison) decides; `difference` is left - right of the stated
    values, only when the order is certain and neither side is a range."""
    verdict = compare_figures(left.figure if left else None, right.figure if right else None,
                              left_period, right_period)
    difference = None
    if verdict.comparable and left.figure.value_high is None and right.figure.value_high is None:
        difference = left.figure.value_low - right.figure.value_low
    return Comparison(left, right, difference, verdict.comparable, verdict.reason, verdict, stated_change)
