"""Deterministic synthetic IATI activities/organisations/transactions for benchmarks.

Rows are spread over the real provinces and cities and are all marked
is_synthetic = true: the query layer hides them unless asked (include_synthetic),
so they never reach users. The same (transactions, seed) always gives the same
rows; running again replaces the previous synthetic rows.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from db.iati_write import next_activity_id, write_activities
from db.models import Activity, AdminUnit

# Real OECD DAC 5-digit purpose codes, so sector queries look like real ones.
DAC_SECTORS = ("11220", "12220", "12240", "14030", "15150", "16010", "31120",
               "41010", "43040", "74020", "23210", "32130")
CURRENCIES = (("USD", 0.8), ("EUR", 0.1), ("VND", 0.1))
CURRENCY_SCALE = {"USD": 1, "EUR": 1, "VND": 25_000}
FUNDERS = tuple(f"Synthetic Donor {i:02d}" for i in range(1, 41))
IMPLEMENTERS = tuple(f"Synthetic Implementer {i:03d}" for i in range(1, 121))
FIRST_DAY, LAST_START = date(2012, 1, 1), date(2024, 12, 31)
MIN_TX, MAX_TX = 2, 18


def _counts(total: int, rng: random.Random) -> list[int]:
    counts, remaining = [], total
    while remaining > 0:
        n = min(rng.randint(MIN_TX, MAX_TX), remaining)
        counts.append(n)
        remaining -= n
    return counts


def _activities(units: list[str], counts: list[int], first_id: int, seed: int, rng: random.Random):
    activities, orgs = [], []
    span = (LAST_START - FIRST_DAY).days
    for i, _ in enumerate(counts):
        aid = first_id + i
        start = FIRST_DAY + timedelta(days=rng.randrange(span))
        end = start + timedelta(days=rng.randint(180, 5 * 365))
        status = rng.choice((2, 2, 2, 3, 3, 4, 5, 1, 6))
        activities.append({
            "id": aid, "iati_identifier": f"XS-SYNTH-{seed}-{aid:08d}",
            "title": f"Synthetic activity {aid}", "status": status,
            "planned_start": start, "planned_end": end,
            "actual_start": start if status >= 2 else None,
            "actual_end": end if status >= 3 else None,
            "dac_sector": rng.choice(DAC_SECTORS), "unit_code": rng.choice(units),
            "is_synthetic": True,
        })
        funder = rng.choice(FUNDERS)
        orgs.append({"activity_id": aid, "name": funder, "ref": f"XS-{FUNDERS.index(funder) + 1:02d}", "role": 1})
        orgs.append({"activity_id": aid, "name": rng.choice(IMPLEMENTERS), "ref": None, "role": 4})
    return activities, orgs


def _transactions(activities: list[dict], counts: list[int], rng: random.Random):
    currencies, weights = zip(*CURRENCIES)
    for activity, n in zip(activities, counts):
        currency = rng.choices(currencies, weights)[0]
        start, end = activity["planned_start"], activity["planned_end"]
        days = (end - start).days
        budget_cents = rng.randint(10_000, 5_000_000) * 100 * CURRENCY_SCALE[currency]
        yield {"activity_id": activity["id"], "tx_type": 2, "tx_date": start, "currency": currency,
               "value": Decimal(budget_cents) / 100}
        for _ in range(n - 1):
            cents = budget_cents // (n - 1) * rng.randint(60, 100) // 100
            yield {"activity_id": activity["id"], "tx_type": 3,
                   "tx_date": start + timedelta(days=rng.randrange(days + 1)), "currency": currency,
                   "value": Decimal(cents) / 100}


def generate(engine: Engine, transactions: int, seed: int = 1) -> dict[str, int]:
    """Replace all synthetic IATI rows with `transactions` new ones; returns row counts."""
    if transactions < 1:
        raise ValueError("the number of transactions must be at least 1")
    rng = random.Random(seed)
    with engine.begin() as conn:
        units = list(conn.execute(select(AdminUnit.code).where(AdminUnit.kind.in_(("province", "city")))
                                  .order_by(AdminUnit.code)).scalars())
        if not units:
            raise ValueError("no provinces or cities in the database: run `python -m db seed` first")
        conn.execute(delete(Activity).where(Activity.is_synthetic.is_(True)))
        counts = _counts(transactions, rng)
        activities, orgs = _activities(units, counts, next_activity_id(conn), seed, rng)
        written = write_activities(conn, activities, orgs, _transactions(activities, counts, rng))
    return {"activities": len(activities), "participating_orgs": len(orgs), "transactions": written}
