"""Reconciliation: authors and dates chosen from every candidate, with provenance.

Authors, strongest first (``metarules.AUTHOR_PRECEDENCE``): JSON-LD author →
author meta tags → itemprop / rel=author → a "By …" byline near the headline →
an element marked as the byline → a name alone at the top of the body → an
author card or "Written by" line anywhere outside chrome. A placeholder account
("Redacción", "Admin") never wins; when the structured author is one, the visible
byline or the name at the top of the body does, and a desk ("News Desk") is the
author only when nobody else is named. A "By …" byline next to the headline that
names someone else than the structured author wins (the writer, not the account).

Dates (``metarules.DATE_PRECEDENCE``): JSON-LD datePublished → meta dates →
itemprop datePublished → ``<time datetime>`` near the headline → a visible
dateline near the headline → the URL path; a dateline well before a structured
date is the original publication. Only structured dates may lie outside
[``min_year``, today + ``max_future_days``].
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..dom import Tree
from ..metarules import (
    AUTHORED_DATE_META,
    DATE_ATTRIBUTES,
    DATE_PRECEDENCE,
    META_MODIFIED,
    META_PUBLISHED,
    NOT_WRITER_LABELS,
    SITE_ACCOUNTS,
    WRITER_PREFIXES,
)
from ..options import MetadataOptions
from .authors import (
    Names,
    forum_authors,
    is_placeholder,
    rel_authors,
    split_names,
    strip_prefix,
    structured_authors,
)
from .dates import parse_date, plausible, valid
from .nearby import Nearby, page_authors, page_date, pubdate_time
from .provenance import Candidate, Provenance, best
from .structured import Structured, text_value

_WRITTEN_BY = re.compile(
    "".join(rf"(?<!{w} )" for w in NOT_WRITER_LABELS) + r"\b(?:" +
    "|".join(re.escape(p) for p in WRITER_PREFIXES) + r")[\s:]", re.IGNORECASE)
# what the reader sees: a dateline, a <time> next to the headline, a <time pubdate>
SHOWN_ORIGINS = ("visible", "time", "time:pubdate")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/_.-]|$)")
_URL_DATE_COMPACT = re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)")


def _placeholder_only(c: Candidate[Names]) -> bool:
    return not c.value and any(is_placeholder(p) for p in split_names(c.raw, relaxed=True)) \
        or not c.value and is_placeholder(c.raw)


def _desk(cands: list[Candidate[Names]]) -> list[Candidate[Names]]:
    """A desk named as the author ("News Desk", "Staff") when nothing names a person;
    site accounts ("admin") never count."""
    for c in cands:
        if not _placeholder_only(c):
            continue
        name = strip_prefix(" ".join(c.raw.split()))[0].strip(" ,;|·•-–—:")
        if name and name.casefold() not in SITE_ACCOUNTS and is_placeholder(name):
            return [Candidate((name,), f"{c.origin}:desk", c.raw, c.rank)]
    return []


def _shown_byline(win: Candidate[Names] | None, near: Nearby) -> Candidate[Names] | None:
    """A "By …" byline next to the headline that names someone the structured author
    does not wins: structured data often names the account that posted, the byline the
    writer. Reviewers, editors and publishers ("Reviewed by …") are not the writer."""
    if win is None or not win.origin.startswith(("json-ld:", "meta:")):
        return win
    raw_win = [n.casefold() for n in win.value]
    for c in near.bylines:
        if c.origin != "byline" or not c.value or not _WRITTEN_BY.search(c.raw):
            continue
        shown = c.raw.casefold()
        if not any(n in shown for n in raw_win):
            return c
    return win


def pick_authors(tree: Tree, st: Structured, near: Nearby, prov: Provenance,
                 options: MetadataOptions, *, sites: list[str], relaxed: bool,
                 undated: bool) -> Names:
    cands = structured_authors(st, sites, relaxed=relaxed) + \
        rel_authors(st, relaxed=relaxed) + near.bylines
    if relaxed:
        cands = forum_authors(tree, limit=options.forum_user_links) + \
            [c for c in cands if not c.origin.startswith("itemprop")]
    valid_c = [c for c in cands if c.value]
    placeholder = any(_placeholder_only(c) for c in cands)
    if placeholder:
        valid_c += near.body_names
    if not valid_c and options.lone_names:
        valid_c += near.meta_names
    extra: list[Candidate[Names]] = []
    if not valid_c and not undated and not relaxed:
        extra = page_authors(tree, options=options)
        valid_c += extra
    if not valid_c and placeholder:
        extra += _desk(cands)
        valid_c += extra
    if undated:
        for c in cands:
            prov.lost("author", c, "page-type")
        return ()
    win = _shown_byline(best(valid_c), near)
    extra += [c for c in near.meta_names + near.body_names if c is win]
    return prov.settle("author", win, cands + extra) or ()


def _structured_dates(st: Structured, keys: tuple[str, ...], meta_keys: tuple[str, ...],
                      dayfirst: bool) -> list[Candidate[str]]:
    out: list[Candidate[str]] = []
    # Only the article-like object dates the page: site generators stamp every WebPage
    # with a datePublished (measured: 7 right, 34 wrong on the development pages).
    for obj, origin in ((st.main, "json-ld"),):
        if obj is None:
            continue
        for key in keys:
            raw = text_value(obj.get(key))
            iso = parse_date(raw, dayfirst=dayfirst) if raw else None
            if raw and iso:
                out.append(Candidate(iso, f"{origin}:{key}", raw, DATE_PRECEDENCE["json-ld"]))
                break
    for key in meta_keys:
        raw = st.meta(key)
        iso = parse_date(raw, dayfirst=False) if raw else None
        if raw and iso:
            out.append(Candidate(iso, f"meta:{key}", raw, DATE_PRECEDENCE["meta"]))
            break
    # in microdata a thread's question says dateCreated; its answers say datePublished
    for key in sorted(keys, key=lambda k: k != "dateCreated"):
        for raw, _node in st.microdata.get(key.lower(), ())[:1]:
            iso = parse_date(raw, dayfirst=dayfirst)
            if iso:
                out.append(Candidate(iso, f"itemprop:{key}", raw, DATE_PRECEDENCE["itemprop"]))
    return out


def _attribute_dates(tree: Tree) -> list[Candidate[str]]:
    """A publication date the template writes on ``<html>`` or ``<body>``
    (``metarules.DATE_ATTRIBUTES``), as declared as a meta date."""
    for node in (tree.root, tree.body):
        attrs = node.attributes if node is not None else {}
        for key in DATE_ATTRIBUTES:
            raw = attrs.get(key)
            iso = parse_date(raw, dayfirst=False) if raw else None
            if raw and iso:
                return [Candidate(iso, f"attr:{key}", raw, DATE_PRECEDENCE["meta"])]
    return []


def _authored_date(st: Structured) -> Candidate[str] | None:
    """A date the document's authors declare and keep (``metarules.AUTHORED_DATE_META``:
    a scholarly paper's citation-index date, a documentation article's front-matter
    date): the page is a dated document whatever it looks like (an abstract page with
    its versions and links reads as a listing)."""
    for key in AUTHORED_DATE_META:
        raw = st.meta(key)
        iso = parse_date(raw, dayfirst=False) if raw else None
        if raw and iso:
            return Candidate(iso, f"meta:{key}", raw, DATE_PRECEDENCE["meta"])
    return None


def url_date(url: str | None) -> Candidate[str] | None:
    if not url:
        return None
    m = _URL_DATE.search(url) or _URL_DATE_COMPACT.search(url)
    if not m:
        return None
    iso = valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return Candidate(iso, "url", m.group(0), DATE_PRECEDENCE["url"]) if iso else None


def pick_dates(tree: Tree, st: Structured, near: Nearby, url: str | None, options: MetadataOptions,
               prov: Provenance, *, dayfirst: bool, undated: bool,
               relaxed: bool = False) -> tuple[str | None, str | None]:
    if not options.extract_dates:
        return None, None

    def ok(c: Candidate[str]) -> bool:
        return plausible(c.value, min_year=options.min_year,
                         max_future_days=options.max_future_days)

    if not relaxed:
        near = _with_pubdate(tree, st, near, dayfirst, options)
    pub = _structured_dates(st, ("datePublished", "dateCreated"), META_PUBLISHED, dayfirst)
    pub += _attribute_dates(tree)
    pub += [c for c in near.published if ok(c)]
    u = url_date(url)
    if u is not None and ok(u):
        pub.append(u)
    mod = _structured_dates(st, ("dateModified",), META_MODIFIED, dayfirst)
    mod += [c for c in near.modified if ok(c)]
    if undated:
        # on pages of a type without dates only what the authors declare dates the
        # page, as declared: no shown date, URL or page-wide date overrides it
        authored = _authored_date(st) if options.authored_dates_ungated else None
        for c in pub:
            if authored is None or (c.origin, c.value) != (authored.origin, authored.value):
                prov.lost("date", c, "page-type")
        modified = prov.settle("date_modified", best(mod), mod)
        return (prov.won("date", authored) if authored is not None else None), modified
    if not pub and options.modified_as_published:
        # a page that shows only "Updated on …" is dated by that date for readers
        shown = [c for c in mod if c.origin in SHOWN_ORIGINS] or \
            (mod if options.structured_modified_as_published else [])
        if shown:
            pub = [Candidate(shown[0].value, f"{shown[0].origin}:modified", shown[0].raw,
                             shown[0].rank)]
    if not pub and options.page_date_elements:
        last = page_date(tree, dayfirst=dayfirst, options=options, thread=relaxed)
        if last is not None and ok(last):
            pub = [last]
    win = _local_day(best(pub), u)
    if relaxed and options.thread_local_day:
        win = _thread_day(win, tree, pub, near, dayfirst, options)
    if not relaxed:
        win = _first_shown(win, [c for c in near.published if ok(c)], options)
        if options.shown_beats_json_ld:
            win = _shown_date(win, [c for c in near.published + near.modified if ok(c)],
                              dayfirst, kept=_corroborated(win, pub, near, options))
    return prov.settle("date", win, pub), prov.settle("date_modified", best(mod), mod)


def _with_pubdate(tree: Tree, st: Structured, near: Nearby, dayfirst: bool,
                  options: MetadataOptions) -> Nearby:
    """The headline's zone plus a ``<time pubdate>`` read anywhere on the page, when
    the zone does not show that day already (docs/metadata.md)."""
    if not options.time_pubdate:
        return near
    c = pubdate_time(tree, st.pubdates, dayfirst=dayfirst, options=options)
    if c is None or any(p.value == c.value for p in near.published):
        return near
    return replace(near, published=near.published + [c])


def _first_shown(win: Candidate[str] | None, shown: list[Candidate[str]],
                 options: MetadataOptions) -> Candidate[str] | None:
    """A dateline next to the headline showing a day well before the structured
    publication date is the original publication: sites re-stamp ``datePublished``
    when they migrate or republish (a day or less apart is a time-zone shift)."""
    if win is None or not win.origin.startswith(("json-ld", "meta")):
        return win
    day = date.fromisoformat(win.value[:10])
    for c in shown:
        if c.origin in SHOWN_ORIGINS and \
                (day - date.fromisoformat(c.value[:10])).days >= options.restamp_min_days:
            return c
    return win


# schema.org's datePublished, in JSON-LD or in microdata (``<meta itemprop>`` included)
_SCHEMA_ORG = ("json-ld", "meta:datepublished", "itemprop")


def _corroborated(win: Candidate[str] | None, pub: list[Candidate[str]], near: Nearby,
                  options: MetadataOptions) -> bool:
    """The JSON-LD ``datePublished`` keeps its place against an "Updated …" line next
    to the headline when a second declaration, a ``<meta>`` date of another vocabulary
    (``article:published_time``), names the same day: two sources declare the
    publication and the page labels what it shows as an update. (Without that label,
    or without a second declaration, readers' date, the shown one, still wins.)"""
    if win is None or not options.corroborated_beats_updated:
        return False
    shown = [c for c in near.published + near.modified if c.origin in SHOWN_ORIGINS]
    if not shown or not any(shown[0] is c for c in near.modified):
        return False
    return any(c is not win and c.origin.startswith("meta:") and
               not c.origin.startswith(_SCHEMA_ORG) and c.value == win.value for c in pub)


def _shown_date(win: Candidate[str] | None, near: list[Candidate[str]],
                dayfirst: bool, *, kept: bool = False) -> Candidate[str] | None:
    """The date shown next to the headline, published or updated, beats a schema.org
    ``datePublished`` (JSON-LD or microdata) shown nowhere near it: readers date the
    page by what they see (plugins keep the first publication in JSON-LD while the page
    shows "Updated Dec 4, 2025"). A numeric date that reads as the structured date in
    the other day/month order ("09.10.2024" for 2024-09-10) shows it."""
    if win is None or kept or not win.origin.startswith(_SCHEMA_ORG):
        return win
    shown = [c for c in near if c.origin in SHOWN_ORIGINS]
    if not shown or any(c.value == win.value or
                        parse_date(c.raw, dayfirst=not dayfirst) == win.value for c in shown):
        return win
    return shown[0]


def _local_day(win: Candidate[str] | None, u: Candidate[str] | None) -> Candidate[str] | None:
    """A URL dated one day off a structured timestamp names the site's local day: the
    timestamp is in UTC ("/2025/12/18/" with "2025-12-19T02:41:41+00:00")."""
    if win is None or u is None or win is u or not win.origin.startswith(("json-ld", "meta")):
        return win
    gap = abs((date.fromisoformat(win.value) - date.fromisoformat(u.value)).days)
    return u if gap == 1 else win


def _thread_day(win: Candidate[str] | None, tree: Tree, pub: list[Candidate[str]],
                near: Nearby, dayfirst: bool,
                options: MetadataOptions) -> Candidate[str] | None:
    """On a thread, a structured timestamp one day off the first post's shown date is
    the same moment in UTC: boards show posts in their own time zone, and readers date
    the thread by the day shown ("Feb 14, 2026 | 9:05 pm" with JSON-LD
    "2026-02-15 03:05:48"). The first post: a dated element next to the headline, the
    question's microdata date, or the page's first dated element."""
    if win is None or not win.origin.startswith(("json-ld", "meta")):
        return win
    shown = [c for c in near.published if c.origin in SHOWN_ORIGINS] or \
        [c for c in pub if c.origin.startswith("itemprop")]
    first = shown[0] if shown else page_date(tree, dayfirst=dayfirst, options=options,
                                             thread=True)
    if first is None:
        return win
    gap = abs((date.fromisoformat(win.value) - date.fromisoformat(first.value)).days)
    return first if gap == 1 else win
