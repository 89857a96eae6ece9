from datetime import date

import pytest

from i18n.periods import InvalidPeriod, ParsedPeriod, find_periods, parse_period

TODAY = date(2025, 8, 1)

SINCE_2019 = ParsedPeriod(date(2019, 1, 1), None, "since")
RANGE_2019_2024 = ParsedPeriod(date(2019, 1, 1), date(2024, 12, 31), "range")
YEAR_2023 = ParsedPeriod(date(2023, 1, 1), date(2023, 12, 31), "year")
H1_2024 = ParsedPeriod(date(2024, 1, 1), date(2024, 6, 30), "first_months")
UNTIL_2023 = ParsedPeriod(None, date(2023, 12, 31), "until")

CASES = [
    ("en", "since 2019", SINCE_2019),
    ("en", "from 2019 to 2024", RANGE_2019_2024),
    ("en", "2019-2024", RANGE_2019_2024),
    ("en", "2019–2024", RANGE_2019_2024),
    ("en", "2019 - 2024", RANGE_2019_2024),
    ("en", "between 2019 and 2024", RANGE_2019_2024),
    ("en", "in 2023", YEAR_2023),
    ("en", "2023", YEAR_2023),
    ("en", "first 6 months of 2024", H1_2024),
    ("en", "the first 6 months of 2024", H1_2024),
    ("en", "first half of 2024", H1_2024),
    ("en", "H1 2024", H1_2024),
    ("en", "until 2023", UNTIL_2023),
    ("en", "how much NGO funding did Quang Nam get since 2019?", SINCE_2019),
    ("vi", "từ 2019", SINCE_2019),
    ("vi", "Từ năm 2019", SINCE_2019),
    ("vi", "từ năm 2019 đến 2024", RANGE_2019_2024),
    ("vi", "năm 2023", YEAR_2023),
    ("vi", "6 tháng đầu năm 2024", H1_2024),
    ("vi", "tu 2019", SINCE_2019),
    ("vi", "tu nam 2019 den 2024", RANGE_2019_2024),
    ("ur", "2019 سے", SINCE_2019),
    ("ur", "۲۰۱۹ سے", SINCE_2019),
    ("ur", "٢٠١٩ سے", SINCE_2019),
    ("ur", "2023 میں", YEAR_2023),
    ("ur", "۲۰۲۳ میں", YEAR_2023),
    ("ur", "2024 کے پہلے 6 مہینوں میں", H1_2024),
    ("ur", "۲۰۲۴ کے پہلے ۶ مہینوں میں", H1_2024),
    ("ur", "2019 سے 2024 تک", RANGE_2019_2024),
    ("hi", "2019 से", SINCE_2019),
    ("hi", "२०१९ से", SINCE_2019),
    ("hi", "2023 में", YEAR_2023),
    ("hi", "२०२३ में", YEAR_2023),
    ("hi", "2024 के पहले 6 महीनों में", H1_2024),
    ("hi", "२०२४ के पहले ६ महीनों में", H1_2024),
    ("hi", "२०१९ से २०२४ तक", RANGE_2019_2024),
    ("ms", "sejak 2019", SINCE_2019),
    ("ms", "dari 2019 hingga 2024", RANGE_2019_2024),
    ("ms", "pada tahun 2023", YEAR_2023),
    ("ms", "6 bulan pertama 2024", H1_2024),
]


@pytest.mark.parametrize("lang, text, expected", CASES)
def test_parses_with_the_stated_language(lang, text, expected):
    assert parse_period(text, lang, today=TODAY) == expected


@pytest.mark.parametrize("lang, text, expected", CASES)
def test_parses_without_knowing_the_language(lang, text, expected):
    assert parse_period(text, None, today=TODAY) == expected


def test_wrongly_guessed_language_still_parses():
    assert parse_period("२०१९ से", "en", today=TODAY) == SINCE_2019


@pytest.mark.parametrize(
    "text, expected",
    [
        ("October 2024", ParsedPeriod(date(2024, 10, 1), date(2024, 10, 31), "month")),
        ("tháng 2 năm 2024", ParsedPeriod(date(2024, 2, 1), date(2024, 2, 29), "month")),
        ("tháng 10/2024", ParsedPeriod(date(2024, 10, 1), date(2024, 10, 31), "month")),
        ("अक्टूबर 2024", ParsedPeriod(date(2024, 10, 1), date(2024, 10, 31), "month")),
        ("second half of 2024", ParsedPeriod(date(2024, 7, 1), date(2024, 12, 31), "last_months")),
        ("last 3 months", ParsedPeriod(date(2025, 5, 1), date(2025, 8, 1), "last_months")),
        ("last year", ParsedPeriod(date(2024, 1, 1), date(2024, 12, 31), "last_year")),
        ("năm nay", ParsedPeriod(date(2025, 1, 1), date(2025, 12, 31), "year")),
    ],
)
def test_months_halves_and_relative_periods(text, expected):
    assert parse_period(text, today=TODAY) == expected


def test_several_periods_in_one_sentence():
    assert find_periods("compare 2022 and 2023", "en", today=TODAY) == [
        ParsedPeriod(date(2022, 1, 1), date(2022, 12, 31), "year"),
        ParsedPeriod(date(2023, 1, 1), date(2023, 12, 31), "year"),
    ]


@pytest.mark.parametrize("text", ["hello", "how many NGOs are in Son La?", "43,000,000 USD", "", "top 5"])
def test_no_period(text):
    assert parse_period(text, today=TODAY) is None


def test_a_bare_number_with_no_period_word_is_no_year():
    """"over 1000 billion dong", "12345": amounts, not impossible years."""
    assert parse_period("quang nam got over 1000 billion dong", today=TODAY) is None
    assert parse_period("12345", today=TODAY) is None


@pytest.mark.parametrize(
    "text",
    ["year 3000", "in 12345", "in 1900", "since 2027", "from 2024 to 2019", "first 13 months of 2024",
     "năm 3000", "३००० में"],
)
def test_impossible_periods_are_rejected_with_a_reason(text):
    with pytest.raises(InvalidPeriod) as error:
        parse_period(text, today=TODAY)
    assert error.value.reason


def test_next_year_is_still_allowed():
    assert parse_period("2026", today=TODAY) == ParsedPeriod(date(2026, 1, 1), date(2026, 12, 31), "year")
