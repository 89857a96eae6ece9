"""PostgreSQL roles for a least-privilege deployment (docs/deploy.md). Idempotent.

    DATABASE_URL=postgresql+psycopg2://admin:...@host/aid \\
      python -m scripts.postgres_roles reader aid_reader --password-env AID_READER_PASSWORD
        A login role that may only read the aid tables: CONNECT on the database, USAGE on
        the schema DATABASE_URL works in, SELECT on its tables, now and on the tables later
        migrations create (default privileges of the role running this). The action server
        and Rasa's NLU pipeline need nothing more.

    DATABASE_URL=postgresql+psycopg2://admin:...@host/postgres \\
      python -m scripts.postgres_roles database rasa --owner rasa --password-env RASA_DB_PASSWORD
        A login role and a database it owns, for Rasa's tracker store (Rasa creates its
        `events` table there); nobody else is granted anything in it.

Passwords come only from the named environment variable (none set: the role gets no
password, for trust or peer authentication); they are never printed.
"""
from __future__ import annotations

import argparse
import os
import re
import sys

import sqlalchemy as sa

NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _identifier(name: str) -> str:
    if not NAME.fullmatch(name):
        raise SystemExit(f"not a plain PostgreSQL name (a-z, 0-9, _): {name!r}")
    return f'"{name}"'


def _engine(url: str | None = None) -> sa.engine.Engine:
    url = url or os.environ.get("DATABASE_URL")
    if not url or not url.startswith("postgresql"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database (an admin or owner role)")
    return sa.create_engine(url, future=True, isolation_level="AUTOCOMMIT")


def _login_role(conn, role: str, password: str | None) -> None:
    exists = conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
    verb = "ALTER" if exists else "CREATE"
    conn.execute(sa.text(f"{verb} ROLE {_identifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"))
    if password is not None:
        # psycopg2 binds the value client side: the password is sent as a quoted literal.
        conn.execute(sa.text(f"ALTER ROLE {_identifier(role)} PASSWORD :p"), {"p": password})


def grant_reader(role: str, password: str | None = None, url: str | None = None) -> str:
    """Create or update `role` as a read-only user of the aid tables; returns the schema."""
    engine = _engine(url)
    with engine.connect() as conn:
        database, schema = conn.execute(sa.text("SELECT current_database(), current_schema()")).one()
        r, s = _identifier(role), _identifier(schema)
        _login_role(conn, role, password)
        conn.execute(sa.text(f"GRANT CONNECT ON DATABASE {_identifier(database)} TO {r}"))
        conn.execute(sa.text(f"GRANT USAGE ON SCHEMA {s} TO {r}"))
        # PostgreSQL before 15 lets every role create tables in `public`: not this one.
        conn.execute(sa.text(f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC"))
        conn.execute(sa.text(f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {r}"))
        conn.execute(sa.text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT ON TABLES TO {r}"))
    engine.dispose()
    return schema


def owned_database(name: str, owner: str, password: str | None = None, url: str | None = None) -> None:
    """Create (if missing) the login role `owner` and the database `name` it owns."""
    engine = _engine(url)
    with engine.connect() as conn:
        _login_role(conn, owner, password)
        if not conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": name}).first():
            conn.execute(sa.text(f"CREATE DATABASE {_identifier(name)} OWNER {_identifier(owner)}"))
        conn.execute(sa.text(f"REVOKE ALL ON DATABASE {_identifier(name)} FROM PUBLIC"))
        conn.execute(sa.text(f"GRANT ALL ON DATABASE {_identifier(name)} TO {_identifier(owner)}"))
    engine.dispose()


def _password(env_name: str | None) -> str | None:
    if not env_name:
        return None
    value = os.environ.get(env_name)
    return value if value else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.postgres_roles", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    reader = sub.add_parser("reader", help="a role with SELECT only on the aid tables (DATABASE_URL's schema)")
    reader.add_argument("role")
    reader.add_argument("--password-env", help="environment variable holding the role's password")
    database = sub.add_parser("database", help="a database and the login role owning it (tracker store)")
    database.add_argument("name")
    database.add_argument("--owner", required=True)
    database.add_argument("--password-env", help="environment variable holding the owner's password")
    args = parser.parse_args(argv)
    if args.command == "reader":
        schema = grant_reader(args.role, _password(args.password_env))
        print(f"role {args.role}: SELECT on the tables of schema {schema}")
    else:
        owned_database(args.name, args.owner, _password(args.password_env))
        print(f"database {args.name} owned by role {args.owner}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
