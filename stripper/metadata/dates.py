"""Date strings → ISO calendar dates (YYYY-MM-DD), in six languages.

Forms read: ISO 8601 and its slash/dot variants (``2022-01-13T10:00``,
``2022/01/13``); day-month-year with month names (``13 de enero de 2022``,
``13 de January de 2022``, ``31. Mai 2012``, ``13th January 2022``, ``le 13
janvier 2022``); month-day-year (``January 13, 2022``, ``Sept. 16th, 2022``); and
numeric day/month/year, whose order follows the page's locale: month first for
US-style locales, day first elsewhere, and unambiguous when one part is above 12.
Relative dates ("3 days ago") and dates without a day are not read: no date is
better than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from ..metarules import MONTH_FIRST_LOCALES, MONTHS_BY_LANGUAGE, WEEKDAYS


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for months in MONTHS_BY_LANGUAGE.values():
        for number, names in enumerate(months, start=1):
            for name in names:
                table.setdefault(name, number)
    return table


MONTHS: dict[str, int] = _month_table()
_MONTH_RE = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°|ª|o)?"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})([-/.])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d)(?!\d)")
_COMPACT = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:$|T)")
_DMY = re.compile(
    rf"(?<![\w/.-]){_DAY}\.?\s*(?:de\s+|of\s+|-)?(?P<m>{_MONTH_RE})\b\.?,?\s*(?:de\s+|del\s+|-)?"
    rf"{_YEAR}\b", re.IGNORECASE)
_MDY = re.compile(
    rf"\b(?P<m>{_MONTH_RE})\.?\s+{_DAY},?\s+(?:de\s+)?{_YEAR}\b", re.IGNORECASE)
_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<a>[0-3]?\d)([./-])(?P<b>[0-3]?\d)\2(?P<y>(?:19|20)\d{2})(?!\d)")
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\b")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """One date found in a string: where it starts and ends, and its ISO form."""

    start: int
    end: int
    iso: str
    kind: str  # "iso" | "text" | "numeric"


def valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def month_first(locale: str | None) -> bool:
    """Whether numeric dates in this locale put the month first (``en-US``)."""
    return locale is not None and locale.lower().replace("_", "-") in MONTH_FIRST_LOCALES


def find_dates(text: str, *, dayfirst: bool = True) -> list[FoundDate]:
    """Every date in ``text``, in the order they appear."""
    found: list[FoundDate] = []
    for m in _ISO.finditer(text):
        iso = valid(int(m["y"]), int(m["m"]), int(m["d"]))
        if iso:
            found.append(FoundDate(m.start(), m.end(), iso, "iso"))
    for rx in (_DMY, _MDY):
        for m in rx.finditer(text):
            iso = valid(int(m["y"]), MONTHS[m["m"].lower()], int(m["d"]))
            if iso:
                found.append(FoundDate(m.start(), m.end(), iso, "text"))
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 or (dayfirst and b <= 12):
            iso = valid(y, b, a)
        else:
            iso = valid(y, a, b)
        if iso:
            found.append(FoundDate(m.start(), m.end(), iso, "numeric"))
    found.sort(key=lambda f: f.start)
    # drop matches nested in an earlier one ("13 de enero de 2022" holds no other date)
    out: list[FoundDate] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def parse_date(text: str, *, dayfirst: bool = True) -> str | None:
    """The first calendar date (YYYY-MM-DD) in an ISO, textual or numeric date string."""
    if not text:
        return None
    text = text.strip()
    m = _COMPACT.match(text)
    if m:
        return valid(int(m["y"]), int(m["m"]), int(m["d"]))
    if len(text) > 2 * _HEAD:
        # a long value (a 4 MB datetime attribute) is read from its head first: a date
        # ending well before the cut is the first date of the whole text too
        head = find_dates(text[:_HEAD], dayfirst=dayfirst)
        if head and head[0].end <= _HEAD - _MARGIN:
            return head[0].iso
    found = find_dates(text, dayfirst=dayfirst)
    return found[0].iso if found else None


_HEAD = 512
_MARGIN = 64  # longer than any date form read here


# A line this short that parses as a date is a date line (a teaser's or a card's
# "May 21, 2024"), not a sentence that mentions a date.
DATE_LINE_CHARS = 40


def date_line(text: str, chars: int) -> str | None:
    """The date (YYYY-MM-DD) of a line of ``chars`` characters that is only a date."""
    return parse_date(text) if chars <= DATE_LINE_CHARS else None


def has_weekday(text: str) -> bool:
    return _WEEKDAY.search(text) is not None


def has_time_of_day(text: str) -> bool:
    return _TIME_OF_DAY.search(text) is not None


def plausible(iso: str, *, min_year: int, max_future_days: int,
              today: date | None = None) -> bool:
    """Inside [min_year-01-01, today + max_future_days]."""
    if int(iso[:4]) < min_year:
        return False
    now = today or datetime.now(timezone.utc).date()
    return iso[:10] <= (now + timedelta(days=max_future_days)).isoformat()
