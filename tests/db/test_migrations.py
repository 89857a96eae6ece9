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


@pytest.mark.parametrize("kind", DB_KINDS)
def test_0002_upgrades_a_filled_0001_database_and_back(kind, tmp_path):
    """Rows survive the table copies of 0002 (citations are not cascaded away), the
    "(descriptive title)" marker becomes a flag, foreign kinds are accepted; downgrading
    removes the foreign places and restores the marker."""
    with fresh_database(kind, tmp_path) as url:
        upgrade(url, "0001")
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO admin_unit (code, kind) VALUES ('quang_nam', 'province')"))
            conn.execute(sa.text("INSERT INTO unit_name (unit_code, lang, name) VALUES ('quang_nam', 'en', 'Quang Nam')"))
            conn.execute(sa.text(
                "INSERT INTO source (id, file, title, language) VALUES "
                "('s1', 'a.txt', 'Quang Nam and its aid (descriptive title)', 'en'), ('s2', 'b.txt', 'Own title', 'ms')"))
            conn.execute(sa.text(
                "INSERT INTO reported_figure (id, unit_code, metric, value_low, qualifier, unit_of_measure, "
                "period_kind, derived, origin) VALUES "
                "('f1', 'quang_nam', 'twinned_villages', 35, 'exact', 'count', 'unspecified', false, 'seed')"))
            conn.execute(sa.text("INSERT INTO figure_citation (figure_id, source_id, quote) VALUES ('f1', 's1', 'q')"))
        with pytest.raises(IntegrityError):
            with engine.begin() as conn:
                conn.execute(sa.text("INSERT INTO admin_unit (code, kind) VALUES ('laos', 'foreign_country')"))
        engine.dispose()

        upgrade(url)
        engine = make_engine(url)
        with engine.begin() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM figure_citation")).scalar() == 1
            assert conn.execute(sa.text("SELECT count(*) FROM unit_name")).scalar() == 1
            titles = dict(conn.execute(sa.text("SELECT id, title FROM source")).all())
            flags = dict(conn.execute(sa.text("SELECT id, title_is_descriptive FROM source")).all())
            assert titles == {"s1": "Quang Nam and its aid", "s2": "Own title"}
            assert {k: bool(v) for k, v in flags.items()} == {"s1": True, "s2": False}
            (version,) = conn.execute(sa.text("SELECT version FROM data_version")).scalars().all()
            assert version == 0
            conn.execute(sa.text("INSERT INTO admin_unit (code, kind) VALUES ('laos', 'foreign_country')"))
            conn.execute(sa.text("INSERT INTO admin_unit (code, kind, parent_code) "
                                 "VALUES ('sekong', 'foreign_province', 'laos')"))
            conn.execute(sa.text("UPDATE reported_figure SET counterpart_unit = 'sekong' WHERE id = 'f1'"))
        for bad in ("UPDATE reported_figure SET counterpart_unit = 'atlantis'",
                    "UPDATE reported_figure SET counterpart_unit = unit_code",
                    "UPDATE admin_unit SET parent_code = code WHERE code = 'laos'",
                    "INSERT INTO data_version (id, version, token) VALUES (2, 0, 'x')",
                    "INSERT INTO figure_item (figure_id, position, kind) VALUES ('f1', 1, 'name')",
                    "INSERT INTO figure_item (figure_id, position, kind, code) VALUES ('f1', 0, 'country', 'LA')"):
            with pytest.raises(IntegrityError):
                with engine.begin() as conn:
                    conn.execute(sa.text(bad))
        engine.dispose()

        downgrade(url, "0001")
        engine = make_engine(url)
        with engine.begin() as conn:
            assert set(conn.execute(sa.text("SELECT code FROM admin_unit")).scalars()) == {"quang_nam"}
            assert conn.execute(sa.text("SELECT count(*) FROM figure_citation")).scalar() == 1
            assert conn.execute(sa.text("SELECT title FROM source WHERE id = 's1'")).scalar() == \
                "Quang Nam and its aid (descriptive title)"
        with pytest.raises(IntegrityError):
            with engine.begin() as conn:
                conn.execute(sa.text("INSERT INTO admin_unit (code, kind) VALUES ('laos', 'foreign_country')"))
        engine.dispose()
