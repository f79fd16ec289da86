"""Date parsing in six languages, locale-aware numeric order, plausibility."""

from __future__ import annotations

from datetime import date

import pytest

from stripper.metadata.dates import find_dates, month_first, parse_date, plausible


@pytest.mark.parametrize(("text", "iso"), [
    ("2022-01-13T10:00:00+01:00", "2022-01-13"),
    ("2022/01/13", "2022-01-13"),
    ("20220113", "2022-01-13"),
    ("13 de January de 2022", "2022-01-13"),
    ("13 de enero de 2022", "2022-01-13"),
    ("31. Mai 2012", "2012-05-31"),
    ("January 13, 2022", "2022-01-13"),
    ("Sept. 16th, 2022", "2022-09-16"),
    ("13th January 2022", "2022-01-13"),
    ("le 13 janvier 2022", "2022-01-13"),
    ("13 janeiro 2022", "2022-01-13"),
    ("13 gennaio 2022", "2022-01-13"),
    ("1er février 2021", "2021-02-01"),
    ("Thu, 13 Jan 2022 10:00:00 GMT", "2022-01-13"),
    ("Publicado el 3 de marzo de 2021 por Ana", "2021-03-03"),
    ("13.01.2022", "2022-01-13"),
    ("25/12/2021", "2021-12-25"),
])
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["", "3 days ago", "January 2022", "2022", "32 de enero de 2022",
                                  "call 555-1234", "page 12 of 2022"])
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_numeric_order_follows_locale() -> None:
    assert parse_date("01/02/2022", dayfirst=True) == "2022-02-01"
    assert parse_date("01/02/2022", dayfirst=False) == "2022-01-02"
    # a part above 12 decides whatever the locale says
    assert parse_date("01/13/2022", dayfirst=True) == "2022-01-13"
    assert parse_date("Thu, 09/25/2025 - 11:38", dayfirst=True) == "2025-09-25"
    assert parse_date("11-29-2024, 09:03 AM") == "2024-11-29"
    assert parse_date("13/25/2022") is None
    assert month_first("en-US") and month_first("en_us")
    assert not month_first("en-GB") and not month_first("es") and not month_first(None)


def test_find_dates_in_order_without_overlaps() -> None:
    found = find_dates("Posted 13 de enero de 2022, updated 2022-02-01")
    assert [f.iso for f in found] == ["2022-01-13", "2022-02-01"]


def test_plausible_window() -> None:
    today = date(2024, 6, 1)
    assert plausible("2024-06-02", min_year=1995, max_future_days=1, today=today)
    assert not plausible("2024-06-03", min_year=1995, max_future_days=1, today=today)
    assert not plausible("1994-12-31", min_year=1995, max_future_days=1, today=today)
    assert plausible("1995-01-01", min_year=1995, max_future_days=1, today=today)


@pytest.mark.parametrize("at", [0, 100, 400, 440, 448, 460, 500, 503, 506, 520, 1_500])
@pytest.mark.parametrize("form", ["2022-01-13", "13 de enero de 2022", "January 13, 2022",
                                  "13.01.2022", "Wednesday, 13th of January 2022"])
def test_a_long_value_gives_the_same_first_date_as_a_full_read(at: int, form: str) -> None:
    """parse_date reads the head of a long value first; wherever the date falls
    relative to the cut, the answer is the first date of the whole text."""
    filler = "lorem 7 ipsum, "
    text = (filler * 200)[:at] + form + " " + filler * 100 + " 2019-05-05 " + filler * 10
    full = find_dates(text)
    assert parse_date(text) == (full[0].iso if full else None)

