"""Byline and dateline lines: page furniture the body leaves to the metadata.

News and blog templates print the author and the dates as lines of their own
above (or below) the text: "Por Ana Costa, Jornal do Norte — Belém", "By Jim
Doe | August 24, 2023", "Publicado em 05/03/2023 às 14h20 · Atualizado em …",
"Posted by Peter Bell on August 21, 2019". Benchmarks and readers count them as
furniture, not text; the metadata stage reads them on its own. ``meta_line``
recognises such a line by its words alone, in the six languages of
``metarules``: a byline prefix followed only by names (and after a comma, a
dash or a bar, whatever the site adds: an outlet, a place, a date), possibly
after a date ("October 11, 2023 by Jane Doe"); a publication/update label with a
date in the line; or a date and hardly anything else ("March 12, 2024").
"""

from __future__ import annotations

import re

from ..metarules import AUTHOR_JOINERS, MODIFIED_WORDS, PUBLISHED_WORDS
from .authors import clean_name, name_head, strip_prefix
from .dates import FoundDate, find_dates

_LABELS = sorted(PUBLISHED_WORDS + MODIFIED_WORDS, key=len, reverse=True)
# a label opens the line, optionally after "last"/"first" ("Last updated on …")
_DATELINE = re.compile(r"^(?:last\s+|first\s+)?(?:" + "|".join(re.escape(w) for w in _LABELS)
                       + r")(?!\w)", re.IGNORECASE)
# where the names of a byline end: a comma, a bar or dot separator, a dash
# between spaces, or the word before a date ("on", "el", "am", "le", "em", "il")
_NAMES_END = re.compile(r"\s*[,|·•⋅]\s*|\s[-–—]\s|\s(?:on|el|am|le|em|il|at|às|à)\s",
                        re.IGNORECASE)
# a line that is a date and little else ("March 12, 2024", "- June 26, 2025",
# "August 16, 2019 - Updated July 9, 2025", "30 January 2025 / 23:07 GMT"): at most
# this many letters outside its dates
_DATE_ONLY_LETTERS = 10
_LEAD = " -–—|·•⋅/,:"


def meta_line(text: str) -> str | None:
    """``"dateline"``, ``"byline"`` or None for one line of text (see the module doc)."""
    line = " ".join(text.split())
    found = find_dates(line)
    if _DATELINE.match(line):
        return "dateline" if found else None
    if found and _date_only(line, found):
        return "dateline"
    if found and found[0].start <= 1:  # a date, then the byline: "May 3, 2023 by Jane Doe"
        line = line[found[0].end:].lstrip(_LEAD)
    rest, prefixed = strip_prefix(line)
    if not prefixed or not rest[:1].isupper():
        return None
    names = _NAMES_END.split(rest, maxsplit=1)[0]
    in_names = find_dates(names)
    if in_names:
        names = names[:in_names[0].start]
    parts = [p.strip() for p in AUTHOR_JOINERS.split(names) if p.strip()]
    if parts and all(name_head(p) == p and clean_name(p) for p in parts):
        return "byline"
    return None


def _date_only(line: str, found: list[FoundDate]) -> bool:
    rest, last = [], 0
    for d in found:
        rest.append(line[last:d.start])
        last = d.end
    rest.append(line[last:])
    return sum(ch.isalpha() for ch in "".join(rest)) <= _DATE_ONLY_LETTERS
