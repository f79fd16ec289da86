"""Byline and dateline lines: page furniture the body leaves to the metadata.

News and blog templates print the author and the dates as lines of their own
above (or below) the text: "Por Ana Costa, Jornal do Norte — Belém", "By Jim
Doe | August 24, 2023", "Publicado em 05/03/2023 às 14h20 · Atualizado em …",
"Posted by Peter Bell on August 21, 2019". Benchmarks and readers count them as
furniture, not text; the metadata stage reads them on its own. ``meta_line``
recognises such a line by its words alone, in the six languages of
``metarules``: a byline prefix followed only by names (and after a comma, a
dash or a bar, whatever the site adds: an outlet, a place, a date), or a
publication/update label with a date in the line.
"""

from __future__ import annotations

import re

from ..metarules import AUTHOR_JOINERS, MODIFIED_WORDS, PUBLISHED_WORDS
from .authors import clean_name, name_head, strip_prefix
from .dates import find_dates

_LABELS = sorted(PUBLISHED_WORDS + MODIFIED_WORDS, key=len, reverse=True)
# a label opens the line, optionally after "last"/"first" ("Last updated on …")
_DATELINE = re.compile(r"^(?:last\s+|first\s+)?(?:" + "|".join(re.escape(w) for w in _LABELS)
                       + r")(?!\w)", re.IGNORECASE)
# where the names of a byline end: a comma, a bar or dot separator, a dash
# between spaces, or the word before a date ("on", "el", "am", "le", "em", "il")
_NAMES_END = re.compile(r"\s*[,|·•]\s*|\s[-–—]\s|\s(?:on|el|am|le|em|il|at|às|à)\s",
                        re.IGNORECASE)


def meta_line(text: str) -> str | None:
    """``"dateline"``, ``"byline"`` or None for one line of text (see the module doc)."""
    line = " ".join(text.split())
    if _DATELINE.match(line):
        return "dateline" if find_dates(line) else None
    rest, prefixed = strip_prefix(line)
    if not prefixed or not rest[:1].isupper():
        return None
    names = _NAMES_END.split(rest, maxsplit=1)[0]
    found = find_dates(names)
    if found:
        names = names[:found[0].start]
    parts = [p.strip() for p in AUTHOR_JOINERS.split(names) if p.strip()]
    if parts and all(name_head(p) == p and clean_name(p) for p in parts):
        return "byline"
    return None
