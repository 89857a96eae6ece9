"""The Alembic migration creates exactly the models' schema, and can be undone/redone."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from db.config import make_engine
from db.migrate import downgrade, upgrade
from db.models import Base
from tests.db.conftest import DB_KINDS, fresh_database


def _tables(engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


@pytest.mark.parametrize("kind", DB_KINDS)
def test_upgrade_matches_models_and_downgrade_removes_everything(kind, tmp_path):
    with fresh_database(kind, tmp_path) as url:
        upgrade(url)
        engine = make_engine(url)
        assert set(Base.metadata.tables) <= _tables(engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == []
        downgrade(url, "base")
        assert _tables(engine) - {"alembic_version"} == set()
        upgrade(url)  # and back again
        assert set(Base.metadata.tables) <= _tables(engine)
        engine.dispose()


def test_postgres_tables_live_in_the_test_schema_only(empty_adb):
    if empty_adb.kind != "postgresql":
        assert empty_adb.engine.dialect.name == "sqlite"
        return
    with empty_adb.engine.connect() as conn:
        schema = conn.execute(sa.text("SELECT current_schema()")).scalar()
        in_schema = set(conn.execute(sa.text(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = :s"), {"s": schema}).scalars())
    assert schema.startswith("aidtest_")
    assert set(Base.metadata.tables) | {"alembic_version"} == in_schema


BAD_ROWS = [
    ("admin_unit", {"code": "x", "kind": "planet"}),
    ("unit_name", {"unit_code": "nowhere", "lang": "en", "name": "Nowhere"}),  # foreign key
]


@pytest.mark.parametrize("table,row", BAD_ROWS)
def test_constraints_are_enforced(empty_adb, table, row):
    with pytest.raises(IntegrityError):
        with empty_adb.engine.begin() as conn:
            conn.execute(Base.metadata.tables[table].insert(), row)


def test_figure_check_constraints(empty_adb):
    figures = Base.metadata.tables["reported_figure"]
    with empty_adb.engine.begin() as conn:
        conn.execute(Base.metadata.tables["admin_unit"].insert(), {"code": "son_la", "kind": "province"})
    good = dict(id="f1", unit_code="son_la", metric="foreign_ngos", value_low=31, qualifier="exact",
                unit_of_measure="count", period_kind="as_of", period_end=None, derived=False, origin="seed")
    for bad in ({"qualifier": "roughly"}, {"period_kind": "sometimes"}, {"value_high": 1},
                {"unit_of_measure": "EUR"}):
        with pytest.raises(IntegrityError):
            with empty_adb.engine.begin() as conn:
                conn.execute(figures.insert(), {**good, **bad})
    with empty_adb.engine.begin() as conn:
        conn.execute(figures.insert(), good)
