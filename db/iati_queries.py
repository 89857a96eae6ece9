"""Queries over the IATI tables (totals, rankings, sectors, activity lists).

Sums over whole months read the maintained `transaction_monthly` aggregate; the
partial months at either end of an asked period read `iati_transaction` through
its (unit, type, date) / (type, date) indexes, so any date range is exact.
Synthetic rows (benchmarks only) are excluded unless include_synthetic=True.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Optional

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from db.models import Activity, IatiTransaction, ParticipatingOrg, TransactionMonthly
from db.records import (
    ActivitySummary, ParticipatingOrgInfo, PeriodQuery, SectorTotal, TransactionTotal,
    UnitTransactionTotal,
)

CENT = Decimal("0.01")


def _money(value) -> Decimal:
    # SQLite returns sums as float/int; PostgreSQL as Decimal. Both become exact cents.
    return Decimal(str(value or 0)).quantize(CENT)


def _first_of_next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def split_period(period: Optional[PeriodQuery]):
    """(months, raw_ranges): `months` is the [from, to) range of whole months to read
    from the aggregate (None = no whole month; a None bound = open), `raw_ranges`
    the inclusive partial-month date ranges to read from transactions."""
    start = period.start if period else None
    end = period.end if period else None
    full_from = start if start is None or start.day == 1 else _first_of_next_month(start)
    if end is None:
        full_to = None
    else:
        following = end + timedelta(days=1)
        full_to = following if following.day == 1 else end.replace(day=1)
    if full_from is not None and full_to is not None and full_from >= full_to:
        return None, [(start, end)]
    raw = []
    if start is not None and full_from != start:
        raw.append((start, full_from - timedelta(days=1)))
    if end is not None and full_to <= end:
        raw.append((full_to, end))
    return (full_from, full_to), raw


def _sums(session: Session, group_cols: tuple[str, ...], period: Optional[PeriodQuery],
          filters: dict, include_synthetic: bool) -> dict[tuple, list]:
    """{group key: [total, count]} combining aggregate months and raw partial months."""
    months, raw = split_period(period)
    out: dict[tuple, list] = defaultdict(lambda: [Decimal(0), 0])

    def run(table, total_col, count_expr, date_col, date_range, end_exclusive):
        cols = [getattr(table, c) for c in group_cols]
        conds = [getattr(table, k) == v for k, v in filters.items()]
        if not include_synthetic:
            conds.append(table.is_synthetic.is_(False))
        lo, hi = date_range
        if lo is not None:
            conds.append(date_col >= lo)
        if hi is not None:
            conds.append(date_col < hi if end_exclusive else date_col <= hi)
        stmt = select(*cols, func.sum(total_col), count_expr).where(and_(*conds)).group_by(*cols)
        for row in session.execute(stmt):
            acc = out[tuple(row[:-2])]
            acc[0] += _money(row[-2])
            acc[1] += int(row[-1] or 0)

    m, t = TransactionMonthly, IatiTransaction
    if months is not None:
        run(m, m.total, func.sum(m.tx_count), m.month, months, end_exclusive=True)
    for date_range in raw:
        run(t, t.value, func.count(), t.tx_date, date_range, end_exclusive=False)
    return out


def transaction_totals(session: Session, unit_code: str, tx_type: int, period: Optional[PeriodQuery],
                       include_synthetic: bool = False) -> list[TransactionTotal]:
    sums = _sums(session, ("currency",), period, {"unit_code": unit_code, "tx_type": tx_type}, include_synthetic)
    return [TransactionTotal(currency=k[0], total=v[0], count=v[1]) for k, v in sorted(sums.items()) if v[1]]


def rank_units_by_transactions(session: Session, tx_type: int, period: Optional[PeriodQuery], currency: str,
                               limit: int = 10, include_synthetic: bool = False) -> list[UnitTransactionTotal]:
    sums = _sums(session, ("unit_code",), period, {"tx_type": tx_type, "currency": currency}, include_synthetic)
    ranked = sorted(((k[0], v) for k, v in sums.items() if v[1]), key=lambda kv: (-kv[1][0], kv[0]))
    return [UnitTransactionTotal(unit_code=code, currency=currency, total=v[0], count=v[1])
            for code, v in ranked[:limit]]


def sector_breakdown(session: Session, unit_code: str, tx_type: int, period: Optional[PeriodQuery],
                     include_synthetic: bool = False) -> list[SectorTotal]:
    sums = _sums(session, ("dac_sector", "currency"), period, {"unit_code": unit_code, "tx_type": tx_type},
                 include_synthetic)
    merged: dict[tuple, list] = defaultdict(lambda: [Decimal(0), 0])
    for (sector, currency), (total, count) in sums.items():
        acc = merged[(sector or None, currency)]  # the aggregate stores "no sector" as ''
        acc[0] += total
        acc[1] += count
    rows = [SectorTotal(dac_sector=s, currency=c, total=v[0], count=v[1]) for (s, c), v in merged.items() if v[1]]
    return sorted(rows, key=lambda r: (r.currency, -r.total, r.dac_sector or ""))


def activities_for_unit(session: Session, unit_code: str, period: Optional[PeriodQuery], limit: int = 20,
                        include_synthetic: bool = False) -> list[ActivitySummary]:
    """Activities located in the unit whose (actual, else planned) dates meet the period,
    newest start first."""
    a = Activity
    start = func.coalesce(a.actual_start, a.planned_start)
    end = func.coalesce(a.actual_end, a.planned_end)
    conds = [a.unit_code == unit_code]
    if not include_synthetic:
        conds.append(a.is_synthetic.is_(False))
    if period and period.end:
        conds.append(or_(start.is_(None), start <= period.end))
    if period and period.start:
        conds.append(or_(end.is_(None), end >= period.start))
    stmt = (select(a.id, a.iati_identifier, a.title, a.status, start, end, a.dac_sector, a.unit_code)
            .where(and_(*conds)).order_by(start.desc().nulls_last(), a.id).limit(limit))
    rows = session.execute(stmt).all()
    orgs: dict[int, list[ParticipatingOrgInfo]] = defaultdict(list)
    if rows:
        p = ParticipatingOrg
        for activity_id, name, ref, role in session.execute(
                select(p.activity_id, p.name, p.ref, p.role).where(p.activity_id.in_([r[0] for r in rows]))
                .order_by(p.activity_id, p.role, p.id)):
            orgs[activity_id].append(ParticipatingOrgInfo(name=name, ref=ref, role=role))
    return [ActivitySummary(iati_identifier=r[1], title=r[2], status=r[3], start=r[4], end=r[5],
                            dac_sector=r[6], unit_code=r[7], organisations=orgs[r[0]]) for r in rows]
