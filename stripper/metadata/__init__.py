"""Stage 6, metadata: headline, authors, dates, language and friends, each with its source.

Reads the tree *before* cleaning (bylines and dates often sit in blocks the clean
stage removes). The parts, in the order they run:

* ``structured``: JSON-LD (``@graph``, ``@id`` references, arrays), microdata and
  ``<meta>`` tags, read once;
* ``title``: the visible ``<h1>`` that agrees with the structured title, else the
  structured title without its site name;
* ``nearby``: the byline and dateline next to that headline;
* ``authors`` and ``dates``: candidates from all of the above, validated;
* ``picks``: the reconciliation; the winner's source and raw string go to
  ``Metadata.sources``, the losers to ``Metadata.candidates``.

Precedence tables live in ``stripper.metarules``; docs/metadata.md explains them.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..dom import Tree
from ..metarules import (
    CANONICAL_META,
    FORUM_URL,
    META_DESCRIPTION,
    META_IMAGE,
    META_TAGS,
    UNDATED_PAGE_TYPES,
)
from ..options import DEFAULT_OPTIONS, MetadataOptions
from ..record import Metadata
from ..tracing import NULL_TRACE, Trace
from .dates import date_line, month_first, parse_date
from .language import declared, pick_language
from .lines import meta_line
from .nearby import Nearby, read_nearby
from .picks import pick_authors, pick_dates
from .provenance import Candidate, Provenance
from .structured import Structured, json_ld_objects, ld_types, read_structured, text_value
from .title import pick_title
from .titletext import site_names
from .urls import absolute_url, url_host

FORUM_TYPES = frozenset({"discussionforumposting", "qapage", "question", "comment"})
FAQ_PARTS = frozenset({"question", "answer", "comment"})

__all__ = ["date_line", "extract_metadata", "json_ld_objects", "meta_line", "parse_date"]


def extract_metadata(tree: Tree, url: str | None = None,
                     options: MetadataOptions = DEFAULT_OPTIONS.metadata,
                     trace: Trace = NULL_TRACE, *, page_type: str | None = None,
                     page_type_scores: Mapping[str, float] | None = None) -> Metadata:
    """Read the page's metadata. ``page_type`` (when known) gates authors and dates:
    listings, products, services and documentation rarely have either. With
    ``page_type_scores`` (type → probability) the gate applies only when those types
    together reach ``options.undated_min_share`` (authors, unless structured data
    declares an article) or ``options.undated_date_min_share`` (dates)."""
    st = read_structured(tree)
    prov = Provenance()
    host = url_host(url)
    locale, _ = declared(tree, st)
    dayfirst = not month_first(locale)
    headline = pick_title(tree, st, host, options, prov, page_type, url)
    language = pick_language(tree, st, options, prov,
                             headline.node if headline is not None else None)
    relaxed = page_type == "forum" or _is_forum(st, url)
    near = Nearby()
    if headline is not None and headline.node is not None:
        near = read_nearby(headline.node, dayfirst=dayfirst, relaxed=relaxed, options=options)
    share = 1.0 if page_type_scores is None else \
        sum(page_type_scores.get(t, 0.0) for t in UNDATED_PAGE_TYPES)
    gated = page_type in UNDATED_PAGE_TYPES
    undated = gated and not st.declares_article and share >= options.undated_min_share
    authors = pick_authors(tree, st, near, prov, options, sites=_publishers(st, host),
                           relaxed=relaxed, undated=undated)
    # dates: whatever the JSON-LD declares (an FAQ's questions, a video, a list's posts,
    # a TechArticle stamped on every docs page), once the page type is sure enough
    # an FAQ's questions and answers make no thread (authors still read them as one:
    # changing that costs two author pages, docs/metadata.md)
    thread = page_type == "forum" or _is_forum(st, url, faq=False)
    date, modified = pick_dates(tree, st, near, url, options, prov, dayfirst=dayfirst,
                                undated=gated and share >= options.undated_date_min_share,
                                relaxed=thread)
    for d in prov.losers:
        trace.add("metadata", d.node, d.rule, d.verdict, text=d.text)
    return Metadata(
        title=headline.text if headline else None,
        authors=authors,
        date=date,
        date_modified=modified,
        language=language,
        sitename=_sitename(st, prov),
        description=_first_meta(st, META_DESCRIPTION, "description", prov),
        canonical=_link(st, ("",) + CANONICAL_META, "canonical", url, prov),
        image=_link(st, META_IMAGE, "image", url, prov),
        tags=_tags(st),
        sources=prov.sources,
        candidates=tuple(prov.losers),
    )


def _publishers(st: Structured, host: str | None) -> list[str]:
    names = site_names(st, None)
    for obj in (st.main, st.page):
        pub = st.resolve(obj.get("publisher")) if obj is not None else None
        name = text_value(pub.get("name")) if isinstance(pub, dict) else None
        if name:
            names.append(name)
    if host:
        names.append(host.removeprefix("www."))
        names.append(host.removeprefix("www.").rsplit(".", 1)[0])
    return names


def _is_forum(st: Structured, url: str | None, *, faq: bool = True) -> bool:
    """A thread of posts: said by JSON-LD or microdata types, or by a thread URL.
    With ``faq=False`` the questions and answers of an ``FAQPage`` do not count."""
    types = ld_types(st.main) if st.main is not None else set()
    types |= st.item_types
    if not faq and "faqpage" in types:
        types -= FAQ_PARTS
    if types & FORUM_TYPES:
        return True
    return st.main is None and bool(url) and FORUM_URL.search(url or "") is not None


def _first_meta(st: Structured, keys: tuple[str, ...], name: str,
                prov: Provenance) -> str | None:
    for key in keys:
        v = st.meta(key)
        if v:
            return prov.won(name, Candidate(v, f"meta:{key}", v))
    return None


def _sitename(st: Structured, prov: Provenance) -> str | None:
    names = site_names(st, None)
    return prov.won("sitename", Candidate(names[0], "meta", names[0])) if names else None


def _link(st: Structured, keys: tuple[str, ...], name: str, base: str | None,
          prov: Provenance) -> str | None:
    """The first declared link that makes a usable URL (``urls.absolute_url``); the
    key "" stands for ``<link rel="canonical">``."""
    for key in keys:
        raw = st.canonical if key == "" else st.meta(key)
        if not raw:
            continue
        origin = "link:canonical" if key == "" else f"meta:{key}"
        url = absolute_url(raw, base)
        if url is None:
            prov.lost(name, Candidate(raw, origin, raw), "not-a-url")
            continue
        return prov.won(name, Candidate(url, origin, raw))
    return None


def _tags(st: Structured) -> tuple[str, ...]:
    out: list[str] = []
    for key in META_TAGS:
        for v in st.metas.get(key, ()):
            parts = v.split(",") if key in ("keywords", "news_keywords", "parsely-tags") else [v]
            for p in parts:
                p = p.strip()
                if p and p not in out:
                    out.append(p)
    if not out and st.main is not None:
        kw = st.main.get("keywords")
        items = kw if isinstance(kw, list) else str(kw or "").split(",")
        out = [t for t in (text_value(k) for k in items) if t]
    return tuple(out[:20])
