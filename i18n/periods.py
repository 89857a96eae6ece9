"""Parse time expressions typed by users ("since 2019", "6 tháng đầu năm 2024", "२०१९ से").

The words are data (`locale/periods.yml`, month names from Babel's CLDR data);
this module only turns templates into regular expressions and matches into
dates. Digits of any Unicode script are read as digits.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from babel.dates import get_month_names

from i18n import languages
from i18n.paths import LOCALE_DIR

PERIODS_FILE = LOCALE_DIR / "periods.yml"
MIN_YEAR = 1945  # nothing in the aid data is older; earlier years are typos
# Periods that get their dates from the conversation ("the year before", "that year",
# "the second half"): parsed without dates, resolved by the dialogue.
RELATIVE_KINDS = ("year_before", "year_after", "that_period", "first_half_rel", "second_half_rel")
# Periods counted from today; a year typed beside them says which year is meant.
LAST_YEAR = "last_year"    # counted from today; a follow-up may lean on the conversation's year
TODAY_RELATIVE = ("this_year", LAST_YEAR)


class InvalidPeriod(ValueError):
    """A recognisable but impossible period ("year 3000"); `reason` says why, in English."""

    def __init__(self, reason: str, text: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.text = text    # the expression that was impossible, as found in the input


@dataclass(frozen=True)
class ParsedPeriod:
    start: date | None  # None = open
    end: date | None  # None = open
    kind: str  # year | last_year | range | since | until | first_months | last_months | month | recent_years | one of RELATIVE_KINDS


# ---------------------------------------------------------------- text folding

def _fold_with_offsets(text: str, equivalents: dict[str, str]) -> tuple[str, list[int]]:
    """Lower-case, ASCII digits, no Latin diacritics ("Từ ۲۰۱۹" -> "tu 2019"), and for
    every folded character the index of the typed character it came from."""
    out: list[str] = []
    offsets: list[int] = []
    for index, typed in enumerate(text):
        for ch in unicodedata.normalize("NFD", typed.casefold()):
            digit = unicodedata.decimal(ch, None)
            if digit is not None:
                ch = str(digit)
            elif unicodedata.category(ch) == "Mn" and out and out[-1].isascii():
                continue  # a diacritic on a Latin letter (Vietnamese tones); Devanagari vowel signs stay
            out.append("d" if ch == "đ" else equivalents.get(ch, ch))
            offsets.append(index)
    return "".join(out), offsets


def _fold(text: str, equivalents: dict[str, str]) -> str:
    return _fold_with_offsets(text, equivalents)[0]


# ---------------------------------------------------------------- templates -> regexes

_YEAR = r"(?<!\d)(?P<{name}>\d{{4,5}})(?!\d)"  # 5 digits too, so "12345" is rejected, not ignored
_NUMBER = r"(?<!\d)(?P<{name}>\d{{1,2}})(?!\d)"
_PLACEHOLDER = re.compile(r"\{(year|year2|yy|n|m|month)\}")


def _piece_regex(piece: str, month_names: list[str]) -> str:
    """One word of a template (may hold placeholders and punctuation, e.g. "{year}-{year2}")."""
    parts = []
    position = 0
    for match in _PLACEHOLDER.finditer(piece):
        parts.append(re.escape(piece[position:match.start()]))
        name = match.group(1)
        if name in ("year", "year2"):
            parts.append(_YEAR.format(name=name))
        elif name == "yy":
            parts.append(r"(?P<yy>\d{2})")
        elif name in ("n", "m"):
            parts.append(_NUMBER.format(name=name))
        else:
            parts.append("(?P<month>" + "|".join(re.escape(m) for m in month_names) + ")")
        position = match.end()
    parts.append(re.escape(piece[position:]))
    return r"\s*".join(p for p in parts if p)  # "2019 - 2024" as well as "2019-2024"


def _template_regex(template: str, month_names: list[str]) -> re.Pattern:
    regex = ""
    leading = True  # only optional words so far: they carry their own trailing space
    for word in template.split():
        optional = word.startswith("(") and word.endswith(")")
        body = _piece_regex(word[1:-1] if optional else word, month_names)
        if leading:
            regex += rf"(?:{body}\s+)?" if optional else body
            leading = optional
        else:
            regex += rf"(?:\s+{body})?" if optional else rf"\s+{body}"
    return re.compile(rf"(?<!\w){regex}(?!\w)")


@dataclass(frozen=True)
class _Rule:
    lang: str | None  # None = common to all languages
    kind: str
    regex: re.Pattern
    months: dict[str, int]


def _month_names(babel_locale: str, equivalents: dict[str, str]) -> dict[str, int]:
    names = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, context, babel_locale).items():
                names[_fold(name.rstrip("."), equivalents)] = number
    return names


@functools.lru_cache(maxsize=None)
def _rules(path: Path = PERIODS_FILE) -> tuple[dict[str, str], tuple[_Rule, ...]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    equivalents = data.get("equivalent_characters") or {}
    rules = []
    sections = [(None, data.get("common") or {})]
    sections += [(code, data.get(code) or {}) for code in languages.supported()]
    for lang, kinds in sections:
        months = _month_names(languages.get(lang).babel_locale, equivalents) if lang else {}
        month_alternatives = sorted(months, key=len, reverse=True)
        for kind, templates in kinds.items():
            for template in templates:
                regex = _template_regex(_fold(template, equivalents), month_alternatives)
                rules.append(_Rule(lang, kind, regex, months))
    return equivalents, tuple(rules)


# ---------------------------------------------------------------- matches -> periods

def _year(value: str, today: date) -> int:
    year = int(value)
    if not MIN_YEAR <= year <= today.year + 1:
        raise InvalidPeriod(f"year {year} is outside {MIN_YEAR}–{today.year + 1}")
    return year


def _years(value: str) -> int:
    n = int(value)
    if not 1 <= n <= today_limit():
        raise InvalidPeriod(f"{n} years reach back before the data")
    return n


def today_limit() -> int:
    return date.today().year - MIN_YEAR


def _months(value: str) -> int:
    n = int(value)
    if not 1 <= n <= 12:
        raise InvalidPeriod(f"{n} months is not part of one year")
    return n


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months_before(day: date, n: int) -> date:
    """The day n months before `day` (clamped to the month's end)."""
    index = day.year * 12 + day.month - 1 - n
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _period(kind: str, groups: dict[str, str], months: dict[str, int], today: date) -> ParsedPeriod:
    if kind == "this_year":
        return ParsedPeriod(date(today.year, 1, 1), date(today.year, 12, 31), "year")
    if kind == LAST_YEAR:
        return ParsedPeriod(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31), LAST_YEAR)
    if kind in RELATIVE_KINDS:
        return ParsedPeriod(None, None, kind)     # relative to the conversation: no dates here
    if kind == "recent_years":
        return ParsedPeriod(date(today.year - _years(groups["n"]), 1, 1), today, "recent_years")
    if kind == "recent_months":
        return ParsedPeriod(_months_before(today, _months(groups["n"])), today, "last_months")
    # "first half of 24": two digits are this century's year
    year = _year(groups["year"] if "year" in groups else f"20{groups['yy']}", today)
    if kind == "year":
        return ParsedPeriod(date(year, 1, 1), date(year, 12, 31), "year")
    if kind == "since":
        return ParsedPeriod(date(year, 1, 1), None, "since")
    if kind == "until":
        return ParsedPeriod(None, date(year, 12, 31), "until")
    if kind == "range":
        year2 = _year(groups["year2"], today)
        if year2 < year:
            raise InvalidPeriod(f"the period ends ({year2}) before it starts ({year})")
        # "between 2019 and October 2024": the range ends with that month
        month = months[groups["month"]] if groups.get("month") else _months(groups["m"]) if groups.get("m") else 12
        return ParsedPeriod(date(year, 1, 1), _month_end(year2, month), "range")
    if kind in ("first_months", "first_half"):
        n = 6 if kind == "first_half" else _months(groups["n"])
        return ParsedPeriod(date(year, 1, 1), _month_end(year, n), "first_months")
    if kind in ("last_months", "second_half"):
        n = 6 if kind == "second_half" else _months(groups["n"])
        return ParsedPeriod(date(year, 13 - n, 1), date(year, 12, 31), "last_months")
    if kind == "month":
        month = months[groups["month"]] if groups.get("month") else _months(groups["m"])
        return ParsedPeriod(date(year, month, 1), _month_end(year, month), "month")
    raise ValueError(f"{PERIODS_FILE}: unknown period kind {kind!r}")


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    rule: _Rule
    groups: dict


def _matches(folded: str, rules: tuple[_Rule, ...], langs: set[str] | None) -> list[_Match]:
    found = []
    for rule in rules:
        if langs is not None and rule.lang is not None and rule.lang not in langs:
            continue
        for m in rule.regex.finditer(folded):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            found.append(_Match(m.start(), m.end(), rule, groups))
    return found


def _longest_non_overlapping(matches: list[_Match]) -> list[_Match]:
    chosen: list[_Match] = []
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if all(match.end <= c.start or match.start >= c.end for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


@dataclass(frozen=True)
class FoundPeriod:
    period: ParsedPeriod
    start: int      # span in the text as typed
    end: int


def find_period_spans(text: str, lang: str | None = None, today: date | None = None) -> list[FoundPeriod]:
    """Every period in `text` with where it was typed, in order ("2022 vs 2023" -> two).
    Raises InvalidPeriod for impossible ones."""
    today = today or date.today()
    equivalents, rules = _rules()
    folded, offsets = _fold_with_offsets(text or "", equivalents)
    code = languages.normalize(lang)
    matches = _matches(folded, rules, {code}) if code else []
    if not any(m.rule.lang for m in matches):  # keywords of the stated language missed: try every language's
        matches = _matches(folded, rules, None)
    chosen = _longest_non_overlapping(matches)
    if any(m.rule.kind not in TODAY_RELATIVE for m in chosen):
        # "last year (2023)": the year typed is the one meant
        chosen = [m for m in chosen if m.rule.kind not in TODAY_RELATIVE]
    found = []
    for m in chosen:
        try:
            period = _period(m.rule.kind, m.groups, m.rule.months, today)
        except InvalidPeriod as error:
            if m.rule.lang is None and m.rule.kind == "year":
                continue    # a bare number with no period word ("1000 billion dong") is no year
            raise InvalidPeriod(error.reason, text[offsets[m.start]:offsets[m.end - 1] + 1].strip()) from None
        found.append(FoundPeriod(period, offsets[m.start], offsets[m.end - 1] + 1))
    return found


def find_periods(text: str, lang: str | None = None, today: date | None = None) -> list[ParsedPeriod]:
    """Every period in `text`, in order ("2022 vs 2023" -> two). Raises InvalidPeriod for impossible ones."""
    return [found.period for found in find_period_spans(text, lang, today)]


def parse_period(text: str, lang: str | None = None, today: date | None = None) -> ParsedPeriod | None:
    """The (first) period in `text`, or None if there is none. Raises InvalidPeriod for "year 3000"."""
    periods = find_periods(text, lang, today)
    return periods[0] if periods else None
