"""What a figure lists (figure_item rows): validation shared by the seed loader
(db/seed/figure_items.csv) and the CSV import/export (an `items` column in JSON).

kind "country": `code` is an ISO 3166-1 alpha-2 code known to Babel (names are
                rendered per language from Babel's territory names);
kind "unit":    `code` is an admin_unit code;
kind "name":    `name` is the item's name as the source gives it (an organisation).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from babel import Locale

from db.vocabulary import FIGURE_ITEM_KINDS

# Babel region codes that are not countries (unknown region, EU, eurozone, UN, outlying
# Oceania, pseudo-locales).
_NOT_COUNTRIES = frozenset({"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})


@dataclass(frozen=True)
class ItemRow:
    position: int
    kind: str
    code: Optional[str]
    name: Optional[str]

    def as_db_row(self, figure_id: str) -> dict:
        return {"figure_id": figure_id, "position": self.position, "kind": self.kind,
                "code": self.code, "name": self.name}


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes of the countries and territories Babel names."""
    return frozenset(code for code in Locale.parse("en").territories
                     if len(code) == 2 and code.isalpha() and code.isupper()) - _NOT_COUNTRIES


def item_problems(kind: str, code: Optional[str], name: Optional[str], known_units: set[str]) -> list[str]:
    """Why an item is invalid (empty list when it is fine)."""
    if kind not in FIGURE_ITEM_KINDS:
        return [f"kind: {kind!r} is not one of {', '.join(FIGURE_ITEM_KINDS)}"]
    if kind == "name":
        reasons = [] if name else ["an item of kind name needs a name"]
        if code:
            reasons.append("an item of kind name has no code")
        return reasons
    if not code:
        return [f"an item of kind {kind} needs a code"]
    if kind == "country" and code not in country_codes():
        return [f"code {code!r} is not an ISO 3166-1 alpha-2 country code"]
    if kind == "unit" and code not in known_units:
        return [f"unknown unit code {code!r}"]
    return []


def parse_items_json(text: str, known_units: set[str]) -> tuple[tuple[ItemRow, ...], list[str]]:
    """The `items` cell of an import file: a JSON list of {"kind", "code"|"name"} in order."""
    if not text:
        return (), []
    try:
        data = json.loads(text)
    except ValueError as exc:
        return (), [f"items: not JSON ({exc})"]
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        return (), ['items: expected a JSON list of objects such as {"kind": "country", "code": "LA"}']
    items, reasons = [], []
    for position, entry in enumerate(data, start=1):
        unknown_keys = set(entry) - {"kind", "code", "name"}
        if unknown_keys:
            reasons.append(f"items[{position}]: unknown key(s) {', '.join(sorted(unknown_keys))}")
            continue
        kind, code, name = (entry.get(k) for k in ("kind", "code", "name"))
        if not all(v is None or isinstance(v, str) for v in (kind, code, name)):
            reasons.append(f"items[{position}]: kind, code and name must be text")
            continue
        problems = item_problems(kind or "", code or None, name or None, known_units)
        reasons += [f"items[{position}]: {p}" for p in problems]
        if not problems:
            items.append(ItemRow(position, kind, code or None, name or None))
    return tuple(items), reasons


def items_json(items) -> str:
    """Items (ordered by position) as the import/export `items` cell; "" when none."""
    if not items:
        return ""
    out = []
    for item in sorted(items, key=lambda i: i.position):
        entry = {"kind": item.kind}
        if item.code:
            entry["code"] = item.code
        if item.name:
            entry["name"] = item.name
        out.append(entry)
    return json.dumps(out, ensure_ascii=False, separators=(", ", ": "))
