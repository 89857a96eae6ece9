"""Relation of a stored figure's period to the asked period."""
from datetime import date

import pytest

from db.period_relation import relation
from db.records import PeriodQuery

Y2023 = PeriodQuery(date(2023, 1, 1), date(2023, 12, 31))
D = date


@pytest.mark.parametrize("start,end,kind,asked,expected", [
    (D(2023, 1, 1), D(2023, 12, 31), "range", Y2023, "exact"),
    (D(2023, 3, 1), D(2023, 6, 30), "range", Y2023, "inside"),
    (D(2019, 1, 1), D(2024, 10, 31), "range", Y2023, "contains"),
    (D(2022, 7, 1), D(2023, 6, 30), "range", Y2023, "overlapping"),
    (D(2021, 1, 1), D(2021, 12, 31), "range", Y2023, "none"),
    (D(2019, 1, 1), D(2024, 10, 31), "range", None, "any"),
    (D(2019, 1, 1), D(2024, 10, 31), "range", PeriodQuery(), "any"),
    # open ends: "since 2019" asked, "from 2019 to Oct 2024" stored
    (D(2019, 1, 1), D(2024, 10, 31), "range", PeriodQuery(D(2019, 1, 1), None), "inside"),
    (D(2019, 1, 1), None, "range", PeriodQuery(D(2019, 1, 1), None), "exact"),
    (D(2019, 1, 1), None, "range", Y2023, "contains"),
    (None, D(2018, 12, 31), "range", PeriodQuery(D(2019, 1, 1), None), "none"),
    # as_of is one day
    (None, D(2023, 4, 12), "as_of", Y2023, "inside"),
    (None, D(2024, 4, 12), "as_of", Y2023, "none"),
    (None, D(2024, 4, 12), "as_of", PeriodQuery(D(2024, 4, 12), D(2024, 4, 12)), "exact"),
    # per_year: compared by the years the rate is stated for
    (None, None, "per_year", Y2023, "contains"),
    (D(2019, 1, 1), D(2024, 12, 31), "per_year", Y2023, "contains"),
    (D(2019, 1, 1), D(2021, 12, 31), "per_year", Y2023, "none"),
    # no period given by the source
    (None, None, "unspecified", Y2023, "overlapping"),
    (None, None, "unspecified", None, "any"),
])
def test_relation(start, end, kind, asked, expected):
    assert relation(start, end, kind, asked) == expected


def test_period_query_rejects_reversed_dates():
    with pytest.raises(ValueError):
        PeriodQuery(D(2024, 1, 1), D(2023, 1, 1))
