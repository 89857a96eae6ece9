"""Writing IATI activities/transactions, keeping the copies and aggregate consistent.

Every write path goes through `write_activities`, which fills each transaction's
copies of its activity's unit, sector and synthetic flag, and then rebuilds the
monthly aggregate that the ranking/total queries read.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.engine import Connection

from db.models import Activity, IatiTransaction, ParticipatingOrg, TransactionMonthly

BATCH = 20_000


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_activity_id(conn: Connection) -> int:
    return (conn.execute(select(func.max(Activity.id))).scalar() or 0) + 1


def _insert_batches(conn: Connection, table, rows: Iterable[dict]) -> int:
    batch, total = [], 0
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            conn.execute(insert(table.__table__), batch)
            total += len(batch)
            batch = []
    if batch:
        conn.execute(insert(table.__table__), batch)
        total += len(batch)
    return total


def write_activities(conn: Connection, activities: list[dict], orgs: Iterable[dict],
                     transactions: Iterable[dict]) -> int:
    """Insert activities (with explicit `id`s), their orgs and transactions; returns the
    number of transactions. Transactions need activity_id, tx_type, tx_date, value, currency."""
    by_id = {a["id"]: a for a in activities}
    _insert_batches(conn, Activity, activities)
    _insert_batches(conn, ParticipatingOrg, orgs)

    def completed():
        for tx in transactions:
            activity = by_id[tx["activity_id"]]
            yield {**tx, "unit_code": activity["unit_code"], "dac_sector": activity.get("dac_sector"),
                   "is_synthetic": activity["is_synthetic"], "month": month_of(tx["tx_date"])}

    count = _insert_batches(conn, IatiTransaction, completed())
    if conn.dialect.name == "postgresql":
        # explicit ids do not advance the serial sequence
        conn.execute(text("SELECT setval(pg_get_serial_sequence('activity', 'id'), "
                          "(SELECT COALESCE(MAX(id), 1) FROM activity))"))
    rebuild_monthly(conn)
    return count


def rebuild_monthly(conn: Connection) -> None:
    t = IatiTransaction
    conn.execute(delete(TransactionMonthly))
    sector = func.coalesce(t.dac_sector, "")
    grouped = select(t.unit_code, t.tx_type, t.month, t.currency, sector, t.is_synthetic,
                     func.sum(t.value), func.count()).group_by(
        t.unit_code, t.tx_type, t.month, t.currency, sector, t.is_synthetic)
    m = TransactionMonthly
    conn.execute(insert(m.__table__).from_select(
        ["unit_code", "tx_type", "month", "currency", "dac_sector", "is_synthetic", "total", "tx_count"], grouped))
    if conn.dialect.name == "postgresql":
        conn.execute(text("ANALYZE transaction_monthly"))
