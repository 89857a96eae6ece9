"""Alembic environment: uses db.config.make_engine so SQLite gets its pragmas and a
PostgreSQL URL's search_path (schema) applies to the tables and alembic_version."""
from alembic import context

from db.config import make_engine
from db.models import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    url = context.config.get_main_option("sqlalchemy.url")
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; give a DATABASE_URL")
run_migrations_online()
