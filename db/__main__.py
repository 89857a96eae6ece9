"""Command line: python -m db {migrate,seed,import-figures,export-figures,synth,places}."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

EXIT_BAD_DATA = 2


def _engine():
    from db.config import make_engine
    return make_engine()


def cmd_migrate(args) -> int:
    from db.migrate import upgrade
    upgrade()
    print("database schema is up to date")
    return 0


def cmd_seed(args) -> int:
    from db.seed_loader import load_seed
    counts = load_seed(_engine(), Path(args.dir), include_figures=not args.no_figures)
    print("seeded: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_import(args) -> int:
    from db.csv_io import import_figures
    count = import_figures(_engine(), Path(args.file))
    print(f"imported {count} figure(s) from {args.file}")
    return 0


def cmd_export(args) -> int:
    from db.csv_io import export_figures
    if args.file in (None, "-"):
        export_figures(_engine(), sys.stdout)
    else:
        with open(args.file, "w", encoding="utf-8", newline="") as out:
            count = export_figures(_engine(), out)
        print(f"exported {count} row(s) to {args.file}", file=sys.stderr)
    return 0


def cmd_synth(args) -> int:
    from db.synthetic import generate
    counts = generate(_engine(), args.transactions, args.seed)
    print("synthetic (benchmark only): " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_places(args) -> int:
    from db.api import AidDatabase
    adb = AidDatabase.from_env()
    query = " ".join(args.query)
    resolution = adb.resolve_place(query, lang=args.lang)
    print(f"{resolution.status}: {query}")
    for c in resolution.candidates:
        print(f"  {c.unit_code:24} {c.score:5.1f} {'exact' if c.exact else 'fuzzy'}  {c.matched_alias}")
    for found in adb.find_places(query, lang=args.lang):
        print(f"  in text: {found.text!r} -> {found.status} {[c.unit_code for c in found.candidates[:3]]}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from db.config import SEED_DATA_DIR
    parser = argparse.ArgumentParser(prog="python -m db", description="Aid database tools (DATABASE_URL selects the database).")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="create/upgrade the schema (alembic upgrade head)").set_defaults(run=cmd_migrate)
    seed = sub.add_parser("seed", help="load db/seed/*.csv (idempotent)")
    seed.add_argument("--dir", default=str(SEED_DATA_DIR), help="folder with the seed CSV files")
    seed.add_argument("--no-figures", action="store_true", help="load units, groups, successions and sources only")
    seed.set_defaults(run=cmd_seed)
    imp = sub.add_parser("import-figures", help="add figures from a CSV file (figures.csv columns + source_id,quote)")
    imp.add_argument("file")
    imp.set_defaults(run=cmd_import)
    exp = sub.add_parser("export-figures", help="write all figures in the import format")
    exp.add_argument("file", nargs="?", default="-")
    exp.set_defaults(run=cmd_export)
    syn = sub.add_parser("synth", help="replace synthetic benchmark activities/transactions")
    syn.add_argument("--transactions", type=int, required=True)
    syn.add_argument("--seed", type=int, default=1)
    syn.set_defaults(run=cmd_synth)
    places = sub.add_parser("places", help="show how a place name or sentence is resolved")
    places.add_argument("query", nargs="+")
    places.add_argument("--lang", default=None)
    places.set_defaults(run=cmd_places)
    return parser


def main(argv=None) -> int:
    from db.csv_rows import DataFileError
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except DataFileError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return EXIT_BAD_DATA
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_DATA
    except BrokenPipeError:  # output piped into e.g. `head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
