"""The ranker's inputs: every spelling of the headline a page offers (each structured
title whole, cleaned and cut at its separators; each ``<h1>``; ``<h2>``s outside the
chrome), merged by spelling, each with the sources offering it and measurements of
its text (``titlerank`` scores them; ``scripts/train_title.py`` trains on them)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import dom
from ..dom import Node, Tree
from ..metarules import (
    BANNER_MARKS,
    HEADLINE_MARKS,
    TITLE_SEPARATORS,
)
from ..options import MetadataOptions
from .structured import Structured, text_value
from .titletext import (
    agreement,
    borrowed,
    headings,
    in_chrome,
    is_site,
    norm,
    same_words,
    split_title,
    strip_site,
    tidy,
    words,
)
from .urls import split_url

# a candidate longer than this is no headline (and is not measured)
_MAX_TITLE = 300
_STRUCTURED_KEYS = (("ld", None), ("og", "og:title"), ("tw", "twitter:title"), ("title", None))
_SLUG = re.compile(r"[a-z0-9]+")
_Adder = Callable[[str, str, str], None]
# page types as the ranker's "ptype" input (order fixed by the trained model)
PAGE_TYPE_CODES = ("article", "listing", "forum", "product", "collection", "documentation",
                   "service")


@dataclass(slots=True)
class TitleOption:
    """One spelling of the headline the page offers, with what the ranker sees."""

    text: str
    origin: str
    flags: dict[str, float] = field(default_factory=dict)


def title_options(tree: Tree, st: Structured, names: list[str], options: MetadataOptions,
                  rule: str | None, url: str | None,
                  page_type: str | None) -> list[TitleOption]:
    """Every candidate headline (each structured title whole, cleaned and cut at its
    separators; each ``<h1>``; ``<h2>``s outside the chrome), merged by spelling, each
    with the sources that offer it and measurements of its text (``titlerank``)."""
    found: dict[str, TitleOption] = {}

    def add(text: str, flag: str, origin: str) -> None:
        text = " ".join(text.split())
        if not text or len(text) > _MAX_TITLE:
            return
        opt = found.setdefault(norm(text), TitleOption(text, origin))
        opt.flags[flag] = 1.0

    if rule:
        add(rule, "rule", "rule")
    for key, raw in _structured_sources(tree, st):
        _add_structured(add, key, tidy(raw), names, options.max_site_words)
    h1s = headings(st.h1)
    for i, (text, node) in enumerate(h1s):
        clean = strip_site(text, names, 0)
        for flag in ("h1", "h1_chrome" if in_chrome(node) else "h1_main",
                     "h1_first" if i == 0 else ""):
            if flag:
                add(clean, flag, "h1")
        if clean != text:
            add(text, "h1_raw", "h1")
        if is_site(text, names, leading=True):
            add(clean, "h1_site", "h1")
        for flag in _h1_marks(node):
            add(clean, flag, "h1")
    for text, node in headings(st.h2[:20]):
        if not in_chrome(node):
            add(text, "h2_main", "h2")
    context = _context(tree, st, names, options, h1s, url, page_type)
    opts = list(found.values())
    for opt in opts:
        _measure(opt, names, context)
    return opts




def _h1_marks(node: Node) -> list[str]:
    """How the template marks a ``<h1>``: as the entry's title, inside an article or
    main element, or inside a banner."""
    out: list[str] = []
    marks = " ".join(filter(None, (dom.attr(node, "class"), dom.attr(node, "id"),
                                   dom.attr(node, "itemprop"))))
    if HEADLINE_MARKS.search(marks):
        out.append("h1_titleclass")
    p, hops = node.parent, 0
    while p is not None and hops < 8:
        t = dom.tag(p)
        if t in ("article", "main"):
            out.append("h1_in_article")
            break
        cls = " ".join(filter(None, (dom.attr(p, "class"), dom.attr(p, "id"))))
        if BANNER_MARKS.search(cls):
            out.append("h1_banner")
            break
        p, hops = p.parent, hops + 1
    return out


def _structured_sources(tree: Tree, st: Structured) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if st.main is not None and not borrowed(st):
        h = text_value(st.main.get("headline")) or text_value(st.main.get("name"))
        if h:
            out.append(("ld", h))
    for key, meta in _STRUCTURED_KEYS[1:3]:
        v = st.meta(meta or "")
        if v:
            out.append((key, v))
    t = tree.css_first("title")
    if t is not None and dom.text_of(t):
        out.append(("title", dom.text_of(t)))
    return out


def _add_structured(add: _Adder, key: str, v: str, names: list[str],
                    max_site_words: int) -> None:
    origin = {"ld": "json-ld:headline", "og": "meta:og:title",
              "tw": "meta:twitter:title"}.get(key, "title")
    parts = [p.strip() for p in split_title(v) if p.strip()]
    n = len(parts)
    add(v, f"{key}:full", origin)
    if n > 1:
        add(v, f"{key}:full_multi", origin)
    add(strip_site(v, names, max_site_words, head_only=True), f"{key}:head", origin)
    add(strip_site(v, names, max_site_words), f"{key}:nosite", origin)
    for i, p in enumerate(parts if n > 1 else []):
        where = "seg_first" if i == 0 else "seg_last" if i == n - 1 else "seg_mid"
        add(p, f"{key}:{where}", origin)
        if is_site(p, names, leading=i == 0):
            add(p, f"{key}:seg_site", origin)
    start = v.find(parts[0]) if n > 2 else -1
    for j in range(2, n):
        end = v.rfind(parts[j - 1]) + len(parts[j - 1])
        if start >= 0 and end - start > _MAX_TITLE:  # longer prefixes are refused too
            break
        if start >= 0 and end > start:
            add(v[start:end], f"{key}:prefix", origin)


@dataclass(frozen=True, slots=True)
class _Context:
    """What every candidate of one page is compared with."""

    h1: str
    title: str
    og: str
    slug: frozenset[str]
    page: dict[str, float]


def _context(tree: Tree, st: Structured, names: list[str], options: MetadataOptions,
             h1s: list[tuple[str, Node]], url: str | None,
             page_type: str | None) -> _Context:
    main = [text for text, node in h1s if not in_chrome(node)]
    t = tree.css_first("title")
    title = tidy(dom.text_of(t)) if t is not None else ""
    og = tidy(st.meta("og:title") or "")
    path = split_url(url).path if url else ""
    page = {"nh1": float(len(h1s)), "home": float(path in ("", "/")),
            "ptype": float(PAGE_TYPE_CODES.index(page_type))
            if page_type in PAGE_TYPE_CODES else -1.0}
    return _Context(
        h1=main[0] if main else "",
        title=strip_site(title, names, options.max_site_words, head_only=True) if title else "",
        og=strip_site(og, names, options.max_site_words, head_only=True) if og else "",
        slug=frozenset(_SLUG.findall(path.lower())), page=page)


def _measure(opt: TitleOption, names: list[str], c: _Context) -> None:
    """The ranker's inputs for one candidate: its sources (flags), how many sources
    agree on it, its shape, and how it compares with the page's ``<h1>``, ``<title>``,
    ``og:title`` and URL path."""
    text, x = opt.text, opt.flags
    sources = {f.split(":")[0].split("_")[0] for f in x if f != "rule"}
    w = words(text)
    x["n_src"] = float(len(sources))
    x["n_struct"] = float(len(sources & {"ld", "og", "tw", "title"}))
    x["logw"] = math.log1p(len(w))
    x["upper"] = float(text.isupper())
    x["sep"] = float(TITLE_SEPARATORS.search(text) is not None)
    x["digit"] = float(any(ch.isdigit() for ch in text))
    x["is_site"] = float(is_site(text, names))
    x["nchars"] = float(len(text))
    x["curly"] = float(any(ch in text for ch in "\u2018\u2019\u201c\u201d"))
    x["sw_h1"] = same_words(text, c.h1) if c.h1 else -1.0
    x["sw_ti"] = same_words(text, c.title) if c.title else -1.0
    x["sw_og"] = same_words(text, c.og) if c.og else -1.0
    x["ag_h1"] = agreement(c.h1, text) if c.h1 else -1.0
    x["slug"] = len(set(w) & c.slug) / max(1, len(set(w)))
    x["len_vs_h1"] = float(len(w) - len(words(c.h1))) if c.h1 else 0.0
    key, h1 = norm(text), norm(c.h1)
    x["contains_h1"] = float(bool(h1) and h1 in key and h1 != key)
    x["in_h1"] = float(bool(h1) and key in h1 and h1 != key)
    x.update(c.page)
