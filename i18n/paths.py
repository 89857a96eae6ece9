"""Where the i18n data lives (the repository's top-level `locale/`)."""

from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
