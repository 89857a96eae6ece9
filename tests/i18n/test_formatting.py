from datetime import date
from decimal import Decimal

import pytest

from i18n import formatting

# Figures of the seed data, as each language's reader should see them.
FIGURES = {
    "usd_43m_more_than": (Decimal("43000000"), None, "more_than", "USD"),
    "vnd_1000bn_more_than": (Decimal("1000000000000"), None, "more_than", "VND"),
    "usd_228_7m": (Decimal("228700000"), None, "exact", "USD"),
    "usd_4_9m_nearly": (Decimal("4900000"), None, "nearly", "USD"),
    "count_150_250_about": (Decimal("150"), Decimal("250"), "about", "count"),
    "count_1500_2500_about": (Decimal("1500"), Decimal("2500"), "about", "count"),
}

EXPECTED = {
    "en": {
        "usd_43m_more_than": "more than US$43 million",
        "vnd_1000bn_more_than": "more than VND 1,000 billion",
        "usd_228_7m": "US$228.7 million",
        "usd_4_9m_nearly": "nearly US$4.9 million",
        "count_150_250_about": "about 150–250",
        "count_1500_2500_about": "about 1,500–2,500",
    },
    "vi": {
        "usd_43m_more_than": "hơn 43 triệu USD",
        "vnd_1000bn_more_than": "hơn 1.000 tỷ đồng",
        "usd_228_7m": "228,7 triệu USD",
        "usd_4_9m_nearly": "gần 4,9 triệu USD",
        "count_150_250_about": "khoảng 150–250",
        "count_1500_2500_about": "khoảng 1.500–2.500",
    },
    "ur": {
        "usd_43m_more_than": "43 ملین امریکی ڈالر سے زیادہ",
        "vnd_1000bn_more_than": "1,000 ارب ویتنامی ڈونگ سے زیادہ",
        "usd_228_7m": "228.7 ملین امریکی ڈالر",
        "usd_4_9m_nearly": "4.9 ملین امریکی ڈالر سے کچھ کم",
        "count_150_250_about": "تقریباً 150 سے 250",
        "count_1500_2500_about": "تقریباً 1,500 سے 2,500",
    },
    "hi": {
        "usd_43m_more_than": "4.3 करोड़ अमेरिकी डॉलर से अधिक",
        "vnd_1000bn_more_than": "1 लाख करोड़ वियतनामी डोंग से अधिक",
        "usd_228_7m": "22.87 करोड़ अमेरिकी डॉलर",
        "usd_4_9m_nearly": "49 लाख अमेरिकी डॉलर से कुछ कम",
        "count_150_250_about": "लगभग 150–250",
        "count_1500_2500_about": "लगभग 1,500–2,500",
    },
    "ms": {
        "usd_43m_more_than": "lebih daripada AS$43 juta",
        "vnd_1000bn_more_than": "lebih daripada 1,000 bilion dong",
        "usd_228_7m": "AS$228.7 juta",
        "usd_4_9m_nearly": "hampir AS$4.9 juta",
        "count_150_250_about": "kira-kira 150–250",
        "count_1500_2500_about": "kira-kira 1,500–2,500",
    },
}


@pytest.mark.parametrize("lang", EXPECTED)
@pytest.mark.parametrize("figure", FIGURES)
def test_seed_figures_read_naturally_in_every_language(lang, figure):
    assert formatting.format_amount(*FIGURES[figure], lang) == EXPECTED[lang][figure]


def test_plain_count():
    assert formatting.format_amount(77, None, "exact", "count", "en") == "77"
    assert formatting.format_amount(Decimal("77.00"), Decimal("77"), "exact", "count", "vi") == "77"


def test_remaining_qualifiers():
    assert formatting.format_amount(10, None, "at_least", "count", "en") == "at least 10"
    assert formatting.format_amount(10, None, "less_than", "count", "vi") == "dưới 10"
    assert formatting.format_amount(10, None, "at_least", "count", "ms") == "sekurang-kurangnya 10"


def test_money_range_shares_one_scale_word():
    assert formatting.format_amount(150_000_000, 250_000_000, "about", "USD", "en") == "about US$150–250 million"
    assert formatting.format_amount(150_000_000, 250_000_000, "about", "USD", "hi") == "लगभग 15–25 करोड़ अमेरिकी डॉलर"


def test_a_figure_is_never_rounded_to_fit_a_scale_word():
    # 43.123456 million would be exact but unreadable: the full figure is kept instead.
    assert formatting.format_amount(43_123_456, None, "exact", "USD", "en") == "US$43,123,456"
    assert formatting.format_amount(Decimal("228750000"), None, "exact", "USD", "en") == "US$228.75 million"
    # Below the smallest scale word the whole number is shown.
    assert formatting.format_amount(750_000, None, "exact", "USD", "en") == "US$750,000"
    assert formatting.format_amount(750_000, None, "exact", "USD", "hi") == "7.5 लाख अमेरिकी डॉलर"


def test_unknown_qualifier_or_unit_is_an_error():
    with pytest.raises(ValueError):
        formatting.format_amount(1, None, "roughly", "count", "en")
    with pytest.raises(ValueError):
        formatting.format_amount(1, None, "exact", "EUR", "en")


def test_hindi_groups_digits_in_lakh_and_crore():
    assert formatting.format_number(43_000_000, "hi") == "4,30,00,000"
    assert formatting.format_number(150_000, "hi") == "1,50,000"


def test_vietnamese_groups_digits_with_dots_and_keeps_decimals():
    assert formatting.format_number(1000, "vi") == "1.000"
    assert formatting.format_number(Decimal("228.7"), "vi") == "228,7"


def test_numbers_keep_every_stated_decimal_and_drop_storage_zeros():
    assert formatting.format_number(Decimal("43000000.00"), "en") == "43,000,000"
    assert formatting.format_number(Decimal("0.1234"), "en") == "0.1234"
    assert formatting.format_number(Decimal("1234567"), "ur") == "1,234,567"
    assert formatting.format_number(Decimal("1234567"), "ms") == "1,234,567"


def test_percent_keeps_decimals():
    assert formatting.format_percent(Decimal("0.125"), "en") == "12.5%"
    assert formatting.format_percent(Decimal("0.125"), "vi") == "12,5%"


def test_lists_follow_each_language():
    places = ["Quang Nam", "Son La", "Can Tho"]
    assert formatting.format_list(places, "en") == "Quang Nam, Son La and Can Tho"
    assert formatting.format_list(places, "vi") == "Quang Nam, Son La và Can Tho"
    assert formatting.format_list(places, "ms") == "Quang Nam, Son La dan Can Tho"


@pytest.mark.parametrize(
    "lang, expected",
    [("en", "31 October 2024"), ("vi", "ngày 31 tháng 10 năm 2024"), ("ur", "31 اکتوبر، 2024"),
     ("hi", "31 अक्टूबर 2024"), ("ms", "31 Oktober 2024")],
)
def test_dates(lang, expected):
    assert formatting.format_date(date(2024, 10, 31), lang) == expected


PERIODS = [
    # (start, end, kind) -> {lang: text}
    ((date(2019, 1, 1), date(2024, 10, 31), "range"), {
        "en": "from 2019 to 31 October 2024",
        "vi": "từ năm 2019 đến ngày 31 tháng 10 năm 2024",
        "ur": "2019 سے 31 اکتوبر، 2024 تک",
        "hi": "2019 से 31 अक्टूबर 2024 तक",
        "ms": "dari tahun 2019 hingga 31 Oktober 2024",
    }),
    ((date(2023, 1, 1), date(2023, 12, 31), "range"), {
        "en": "2023", "vi": "năm 2023", "ur": "2023", "hi": "2023", "ms": "tahun 2023",
    }),
    ((date(2024, 1, 1), date(2024, 6, 30), "range"), {
        "en": "first half of 2024", "vi": "6 tháng đầu năm 2024", "ur": "2024 کی پہلی ششماہی",
        "hi": "2024 की पहली छमाही", "ms": "separuh pertama tahun 2024",
    }),
    ((date(2024, 1, 1), date(2024, 9, 30), "range"), {
        "en": "first 9 months of 2024", "vi": "9 tháng đầu năm 2024", "ur": "2024 کے پہلے 9 مہینے",
        "hi": "2024 के पहले 9 महीने", "ms": "9 bulan pertama tahun 2024",
    }),
    ((date(2024, 1, 1), date(2024, 1, 31), "range"), {
        "en": "first month of 2024", "ur": "2024 کا پہلا مہینہ", "hi": "2024 का पहला महीना",
    }),
    ((date(2019, 1, 1), date(2024, 12, 31), "range"), {
        "en": "from 2019 to 2024", "vi": "từ năm 2019 đến năm 2024",
    }),
    ((date(2019, 1, 1), None, "range"), {
        "en": "since 2019", "vi": "từ năm 2019 đến nay", "ur": "2019 سے اب تک", "hi": "2019 से अब तक",
        "ms": "sejak tahun 2019",
    }),
    ((None, date(2023, 12, 31), "range"), {"en": "until 2023", "vi": "đến hết năm 2023"}),
    ((None, None, "per_year"), {
        "en": "per year", "vi": "mỗi năm", "ur": "سالانہ", "hi": "प्रति वर्ष", "ms": "setahun",
    }),
    ((None, date(2024, 4, 12), "as_of"), {
        "en": "as of 12 April 2024", "vi": "tính đến ngày 12 tháng 4 năm 2024",
        "hi": "12 अप्रैल 2024 की स्थिति के अनुसार", "ms": "setakat 12 April 2024",
    }),
    ((None, None, "unspecified"), {
        "en": "period not stated", "vi": "không nêu rõ thời gian", "ms": "tempoh tidak dinyatakan",
    }),
]


@pytest.mark.parametrize(
    "period, lang, expected",
    [(period, lang, text) for period, texts in PERIODS for lang, text in texts.items()],
)
def test_periods(period, lang, expected):
    assert formatting.format_period(*period, lang) == expected


def test_unknown_language_formats_in_english():
    assert formatting.format_amount(43_000_000, None, "more_than", "USD", "fr") == "more than US$43 million"

