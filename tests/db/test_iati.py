"""IATI tables: synthetic generator and the transaction queries, checked against
sums computed in Python from the raw rows (partial months included)."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from db.api import PeriodQuery
from db.iati_queries import split_period
from db.iati_write import write_activities
from db.models import Activity, IatiTransaction, TransactionMonthly
from db.synthetic import generate
from tests.db.conftest import table_snapshot
from tests.db.tiny_seed import write_tiny_seed
from db.seed_loader import load_seed

PERIODS = [
    None,
    PeriodQuery(date(2020, 1, 1), date(2020, 12, 31)),           # whole months only
    PeriodQuery(date(2019, 3, 17), date(2021, 8, 9)),            # partial months at both ends
    PeriodQuery(date(2020, 5, 3), date(2020, 5, 20)),            # inside one month
    PeriodQuery(date(2022, 2, 15), None),                        # open end
    PeriodQuery(None, date(2016, 6, 30)),                        # open start
]


@pytest.fixture
def iati_adb(empty_adb, tmp_path):
    seed_dir, docs = write_tiny_seed(tmp_path)
    load_seed(empty_adb.engine, seed_dir, docs)
    generate(empty_adb.engine, transactions=3000, seed=7)
    return empty_adb


def _raw(adb, synthetic=True):
    t = IatiTransaction
    with adb.engine.connect() as conn:
        return conn.execute(sa.select(t.unit_code, t.tx_type, t.tx_date, t.value, t.currency, t.dac_sector)
                            .where(t.is_synthetic.is_(synthetic))).all()


def _in(day, period):
    return period is None or ((period.start is None or day >= period.start) and
                              (period.end is None or day <= period.end))


def test_split_period():
    assert split_period(PeriodQuery(date(2020, 1, 1), date(2020, 12, 31))) == (
        (date(2020, 1, 1), date(2021, 1, 1)), [])
    assert split_period(PeriodQuery(date(2019, 3, 17), date(2021, 8, 9))) == (
        (date(2019, 4, 1), date(2021, 8, 1)),
        [(date(2019, 3, 17), date(2019, 3, 31)), (date(2021, 8, 1), date(2021, 8, 9))])
    assert split_period(PeriodQuery(date(2020, 5, 3), date(2020, 5, 20))) == (
        None, [(date(2020, 5, 3), date(2020, 5, 20))])
    assert split_period(None) == ((None, None), [])


def test_generator_is_deterministic_and_exact_in_size(iati_adb):
    with iati_adb.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(IatiTransaction)).scalar() == 3000
        assert conn.execute(sa.select(sa.func.count()).select_from(Activity)
                            .where(Activity.is_synthetic.is_(False))).scalar() == 0
    first = table_snapshot(iati_adb)
    generate(iati_adb.engine, transactions=3000, seed=7)   # replaces, same rows
    second = table_snapshot(iati_adb)
    for snap in (first, second):  # surrogate ids of orgs/transactions may be renumbered
        snap["participating_org"] = sorted(r[1:] for r in snap["participating_org"])
        snap["iati_transaction"] = sorted(r[1:] for r in snap["iati_transaction"])
    assert second == first
    units = {r[0] for r in _raw(iati_adb)}
    assert units <= {"quang_nam", "da_nang", "da_nang_2025", "son_la", "bac_ninh", "bac_giang",
                     "bac_ninh_2025", "bac_kan"}   # provinces/cities only, never vn or groups


def test_synthetic_rows_are_hidden_by_default(iati_adb):
    assert iati_adb.transaction_totals("son_la", 3) == []
    assert iati_adb.rank_units_by_transactions(3) == []
    assert iati_adb.activities_for_unit("son_la") == []
    assert iati_adb.sector_breakdown("son_la", 3) == []
    assert iati_adb.transaction_totals("son_la", 3, include_synthetic=True)


@pytest.mark.parametrize("period", PERIODS)
def test_totals_ranking_and_sectors_match_raw_sums(iati_adb, period):
    raw = [r for r in _raw(iati_adb) if _in(r[2], period)]
    for tx_type in (2, 3):
        by_unit_currency = defaultdict(lambda: [Decimal(0), 0])
        by_sector = defaultdict(lambda: [Decimal(0), 0])
        for unit, typ, _, value, currency, sector in raw:
            if typ == tx_type:
                by_unit_currency[(unit, currency)][0] += value
                by_unit_currency[(unit, currency)][1] += 1
                if unit == "son_la":
                    by_sector[(sector, currency)][0] += value
                    by_sector[(sector, currency)][1] += 1
        totals = iati_adb.transaction_totals("son_la", tx_type, period, include_synthetic=True)
        assert {(t.currency, t.total, t.count) for t in totals} == {
            (c, v[0], v[1]) for (u, c), v in by_unit_currency.items() if u == "son_la"}
        ranking = iati_adb.rank_units_by_transactions(tx_type, period, "USD", limit=3, include_synthetic=True)
        expected = sorted(((u, v[0], v[1]) for (u, c), v in by_unit_currency.items() if c == "USD"),
                          key=lambda x: (-x[1], x[0]))[:3]
        assert [(r.unit_code, r.total, r.count) for r in ranking] == expected
        sectors = iati_adb.sector_breakdown("son_la", tx_type, period, include_synthetic=True)
        assert {(s.dac_sector, s.currency, s.total, s.count) for s in sectors} == {
            (k[0], k[1], v[0], v[1]) for k, v in by_sector.items()}


def test_activities_for_unit(iati_adb):
    period = PeriodQuery(date(2020, 1, 1), date(2020, 12, 31))
    found = iati_adb.activities_for_unit("son_la", period, limit=5, include_synthetic=True)
    assert 0 < len(found) <= 5
    starts = [a.start for a in found]
    assert starts == sorted(starts, reverse=True)
    for a in found:
        assert a.unit_code == "son_la" and a.start <= period.end and a.end >= period.start
        assert {o.role for o in a.organisations} == {1, 4}


def test_real_activities_are_shown_and_aggregated(iati_adb):
    with iati_adb.engine.begin() as conn:
        activity = {"id": 10_000_000, "iati_identifier": "XM-TEST-1", "title": "Clean water for Son La",
                    "status": 2, "planned_start": date(2023, 1, 1), "planned_end": date(2024, 12, 31),
                    "actual_start": date(2023, 2, 1), "actual_end": None, "dac_sector": "14030",
                    "unit_code": "son_la", "is_synthetic": False}
        write_activities(conn, [activity],
                         [{"activity_id": 10_000_000, "name": "Test Donor", "ref": "XM-1", "role": 1}],
                         [{"activity_id": 10_000_000, "tx_type": 3, "tx_date": date(2023, 3, 15),
                           "value": Decimal("1000.50"), "currency": "USD"},
                          {"activity_id": 10_000_000, "tx_type": 3, "tx_date": date(2023, 7, 1),
                           "value": Decimal("250.25"), "currency": "USD"}])
    (total,) = iati_adb.transaction_totals("son_la", 3, PeriodQuery(date(2023, 1, 1), date(2023, 12, 31)))
    assert (total.currency, total.total, total.count) == ("USD", Decimal("1250.75"), 2)
    (only_march,) = iati_adb.transaction_totals("son_la", 3, PeriodQuery(date(2023, 3, 10), date(2023, 6, 30)))
    assert only_march.total == Decimal("1000.50")
    (activity_summary,) = iati_adb.activities_for_unit("son_la")
    assert activity_summary.title == "Clean water for Son La" and activity_summary.end == date(2024, 12, 31)
    (sector,) = iati_adb.sector_breakdown("son_la", 3)
    assert (sector.dac_sector, sector.total) == ("14030", Decimal("1250.75"))
    with iati_adb.engine.connect() as conn:
        monthly = conn.execute(sa.select(sa.func.sum(TransactionMonthly.tx_count))).scalar()
        raw = conn.execute(sa.select(sa.func.count()).select_from(IatiTransaction)).scalar()
    assert monthly == raw == 3002


def test_synth_command(empty_adb, tmp_path, monkeypatch, capsys):
    from db.__main__ import main
    seed_dir, docs = write_tiny_seed(tmp_path)
    load_seed(empty_adb.engine, seed_dir, docs)
    monkeypatch.setenv("DATABASE_URL", empty_adb.url)
    assert main(["synth", "--transactions", "50", "--seed", "3"]) == 0
    assert "transactions 50" in capsys.readouterr().out
    assert main(["synth", "--transactions", "0"]) == 2
