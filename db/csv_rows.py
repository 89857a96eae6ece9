"""Reading CSV data files with line numbers, and parsing their cell values.

Every problem is collected as "FILE:LINE: reason" so that a whole file can be
reported at once and nothing is written while any problem remains.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Optional


class DataFileError(Exception):
    """Raised with every problem found; `problems` are "FILE:LINE: reason" strings."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Problems:
    items: list[str] = field(default_factory=list)

    def add(self, file: str, line: int, reason: str) -> None:
        self.items.append(f"{file}:{line}: {reason}")

    def raise_if_any(self) -> None:
        if self.items:
            raise DataFileError(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class Row:
    file: str       # path as given, for messages
    line: int       # line where the record starts (header = line 1)
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def optional(self, column: str) -> Optional[str]:
        return self.get(column) or None


def read_rows(path: Path, columns: tuple[str, ...], problems: Problems,
              label: Optional[str] = None) -> list[Row]:
    """Rows of a UTF-8 CSV file whose header must contain `columns` (more are ignored)."""
    label = label or str(path)
    if not path.is_file():
        problems.add(label, 0, "file not found")
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(label, 0, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        return []
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        problems.add(label, 1, "empty file: a header row is required")
        return []
    missing = [c for c in columns if c not in header]
    if missing:
        problems.add(label, 1, f"missing column(s): {', '.join(missing)}")
        return []
    rows, next_line = [], reader.line_num + 1
    try:
        for record in reader:
            line = next_line
            next_line = reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue  # blank line
            if len(record) != len(header):
                problems.add(label, line, f"expected {len(header)} fields, found {len(record)}")
                continue
            rows.append(Row(label, line, dict(zip(header, record))))
    except csv.Error as exc:
        problems.add(label, next_line, f"unreadable CSV: {exc}")
    return rows


# --- cell parsers: raise ValueError with a reason a person can act on ---------

_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")


def parse_date(value: str, column: str) -> Optional[date]:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{column}: {value!r} is not a date (YYYY-MM-DD)") from None


def parse_decimal(value: str, column: str, required: bool = False) -> Optional[Decimal]:
    if not value:
        if required:
            raise ValueError(f"{column} is required")
        return None
    if not _DECIMAL.match(value):
        raise ValueError(f"{column}: {value!r} is not a plain number (digits and an optional '.')")
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees a number
        raise ValueError(f"{column}: {value!r} is not a number") from None


def parse_bool(value: str, column: str) -> bool:
    lowered = value.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no", ""):
        return False
    raise ValueError(f"{column}: {value!r} is not true/false")


def parse_choice(value: str, column: str, allowed) -> str:
    if value not in allowed:
        raise ValueError(f"{column}: {value!r} is not one of {', '.join(map(str, allowed))}")
    return value


def parse_slug(value: str, column: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{column}: {value!r} is not a code (lower-case ASCII letters, digits, '_')")
    return value


def format_decimal(value: Optional[Decimal]) -> str:
    """Canonical text of a decimal: no exponent, no trailing zeros ("43000000", "4.9")."""
    if value is None:
        return ""
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


