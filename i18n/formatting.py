"""Locale-aware rendering of figures, dates and periods for replies.

Numbers, dates and lists come from Babel (CLDR data for the language's
`babel_locale`); every word around them (qualifiers, currencies, scale words,
period phrases) is a msgid of the `messages` catalog. A figure is never
rounded: a scale word is used only when it states the value exactly.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from typing import Iterable

from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers

from i18n import catalog, languages
from i18n.catalog import N_

QUALIFIERS = {
    "exact": None,
    "about": N_("about {amount}"),
    "more_than": N_("more than {amount}"),
    "nearly": N_("nearly {amount}"),
    "at_least": N_("at least {amount}"),
    "less_than": N_("less than {amount}"),
}

# How an amount of each currency is written; "count" is a bare number.
CURRENCIES = {
    "USD": N_("US${amount}"),
    "VND": N_("VND {amount}"),
}
COUNT_UNIT = "count"

# Scale words a language may list under `money_scales` in languages.yml.
SCALES = {
    "thousand": (Decimal(10) ** 3, N_("{number} thousand")),
    "lakh": (Decimal(10) ** 5, N_("{number} lakh")),
    "million": (Decimal(10) ** 6, N_("{number} million")),
    "crore": (Decimal(10) ** 7, N_("{number} crore")),
    "billion": (Decimal(10) ** 9, N_("{number} billion")),
    "lakh_crore": (Decimal(10) ** 12, N_("{number} lakh crore")),
    "trillion": (Decimal(10) ** 12, N_("{number} trillion")),
}
# A scaled figure with more decimals than this reads worse than the full number.
MAX_SCALED_DECIMALS = 3

NUMBER_RANGE = N_("{low}–{high}")


def _language(lang: str | None) -> languages.Language:
    return languages.get(languages.normalize(lang) or languages.default())


def _tr(lang: str | None) -> catalog.Translator:
    return catalog.translator(_language(lang).code)


# ---------------------------------------------------------------- numbers

def format_number(value: Decimal | int, lang: str | None) -> str:
    """Digits grouped per locale (hi 4,30,00,000; vi 1.000), every decimal kept."""
    value = Decimal(value)
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))  # 43000000.00 -> 43000000 without rounding
    return babel_numbers.format_decimal(
        value, locale=_language(lang).babel_locale, decimal_quantization=False
    )


def format_percent(value: Decimal | int | float, lang: str | None) -> str:
    """A ratio as a percentage (0.125 -> 12.5%), every decimal kept."""
    return babel_numbers.format_percent(
        Decimal(str(value)), locale=_language(lang).babel_locale, decimal_quantization=False
    )


def _exact_scale(values: list[Decimal], scale_names: Iterable[str]) -> tuple[Decimal, str] | None:
    """The largest listed scale that states every value exactly, as a number >= 1 with few decimals."""
    for name in scale_names:
        size, template = SCALES[name]
        scaled = [v / size for v in values]
        if all(abs(s) >= 1 and _decimals(s) <= MAX_SCALED_DECIMALS for s in scaled):
            return size, template
    return None


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent)


def format_amount(
    value_low: Decimal | int,
    value_high: Decimal | int | None,
    qualifier: str,
    unit_of_measure: str,
    lang: str | None,
) -> str:
    """A figure as stated by its source: "more than US$43 million", "hơn 1.000 tỷ đồng", "about 150–250"."""
    if qualifier not in QUALIFIERS:
        raise ValueError(f"unknown qualifier {qualifier!r}")
    if unit_of_measure != COUNT_UNIT and unit_of_measure not in CURRENCIES:
        raise ValueError(f"unknown unit of measure {unit_of_measure!r}")
    language = _language(lang)
    tr = _tr(lang)

    values = [Decimal(value_low)]
    if value_high is not None and Decimal(value_high) != values[0]:
        values.append(Decimal(value_high))

    scale = None
    if unit_of_measure != COUNT_UNIT:
        scale = _exact_scale(values, language.money_scales)
    if scale is not None:
        size, scale_template = scale
        values = [v / size for v in values]

    numbers = [format_number(v, lang) for v in values]
    text = numbers[0] if len(numbers) == 1 else tr.gettext(NUMBER_RANGE, low=numbers[0], high=numbers[1])
    if scale is not None:
        text = tr.gettext(scale_template, number=text)
    if unit_of_measure != COUNT_UNIT:
        text = tr.gettext(CURRENCIES[unit_of_measure], amount=text)
    if QUALIFIERS[qualifier] is not None:
        text = tr.gettext(QUALIFIERS[qualifier], amount=text)
    return text


def format_list(items: Iterable[str], lang: str | None, style: str = "standard") -> str:
    """"Quang Nam, Son La and Can Tho" in the language's list style."""
    return babel_lists.format_list(list(items), style=style, locale=_language(lang).babel_locale)


# ---------------------------------------------------------------- dates and periods

def format_date(d: date, lang: str | None) -> str:
    """A date as official documents write it ("31 October 2024", "ngày 31 tháng 10 năm 2024")."""
    language = _language(lang)
    return babel_dates.format_date(d, format=language.date_format or "long", locale=language.babel_locale)


# TRANSLATORS: a whole calendar year, e.g. "2023" (vi "năm 2023")
PERIOD_YEAR = N_("{year}")
PERIOD_RANGE = N_("from {start} to {end}")
PERIOD_SINCE = N_("since {start}")
PERIOD_UNTIL = N_("until {end}")
PERIOD_AS_OF = N_("as of {date}")
PERIOD_PER_YEAR = N_("per year")
PERIOD_UNSPECIFIED = N_("period not stated")
PERIOD_FIRST_HALF = N_("first half of {year}")
PERIOD_SECOND_HALF = N_("second half of {year}")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _start_text(start: date, tr: catalog.Translator, lang: str | None) -> str:
    if (start.month, start.day) == (1, 1):
        return tr.gettext(PERIOD_YEAR, year=start.year)
    return format_date(start, lang)


def _end_text(end: date, tr: catalog.Translator, lang: str | None) -> str:
    if (end.month, end.day) == (12, 31):
        return tr.gettext(PERIOD_YEAR, year=end.year)
    return format_date(end, lang)


def _within_one_year(start: date, end: date, tr: catalog.Translator) -> str | None:
    """Named parts of one calendar year: the year, its halves, its first months."""
    if start.year != end.year or end != _month_end(end.year, end.month):
        return None
    year = start.year
    if start == date(year, 1, 1):
        if end.month == 12:
            return tr.gettext(PERIOD_YEAR, year=year)
        if end.month == 6:
            return tr.gettext(PERIOD_FIRST_HALF, year=year)
        return tr.ngettext("first month of {year}", "first {n} months of {year}", end.month, year=year)
    if start == date(year, 7, 1) and end.month == 12:
        return tr.gettext(PERIOD_SECOND_HALF, year=year)
    return None


def format_period(start: date | None, end: date | None, kind: str, lang: str | None) -> str:
    """The period a figure covers, as a phrase: "2023", "from 2019 to 31 October 2024", "per year"."""
    tr = _tr(lang)
    if kind == "per_year":
        return tr.gettext(PERIOD_PER_YEAR)
    if kind == "as_of":
        when = end or start
        return tr.gettext(PERIOD_AS_OF, date=format_date(when, lang)) if when else tr.gettext(PERIOD_UNSPECIFIED)
    if kind == "unspecified" or (start is None and end is None):
        return tr.gettext(PERIOD_UNSPECIFIED)
    if kind != "range":
        raise ValueError(f"unknown period kind {kind!r}")
    if end is None:
        return tr.gettext(PERIOD_SINCE, start=_start_text(start, tr, lang))
    if start is None:
        return tr.gettext(PERIOD_UNTIL, end=_end_text(end, tr, lang))
    if start == end:
        return format_date(start, lang)
    named = _within_one_year(start, end, tr)
    if named is not None:
        return named
    return tr.gettext(PERIOD_RANGE, start=_start_text(start, tr, lang), end=_end_text(end, tr, lang))
