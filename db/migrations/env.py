"""Alembic environment: uses db.config.make_engine so SQLite gets its pragmas and a
PostgreSQL URL's search_path (schema) applies to the tables and alembic_version.

SQLite changes a table's constraints by copying it into a new table (Alembic batch
mode). With foreign keys enforced, dropping the old table would cascade into the
rows that refer to it, so enforcement is switched off while migrating and every
foreign key is checked before the migration commits.
"""
from alembic import context

from db.config import make_engine
from db.models import Base

target_metadata = Base.metadata


def _check_sqlite_foreign_keys(connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration left rows with broken foreign keys: {broken[:5]}")


def run_migrations_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url")
    engine = make_engine(url)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # outside any transaction, or SQLite ignores it
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=sqlite,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                _check_sqlite_foreign_keys(connection)
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; give a DATABASE_URL")
run_migrations_online()
