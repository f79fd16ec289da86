"""The headline: the visible ``<h1>`` that agrees with the page's structured title,
else the structured title with its site-name prefix or suffix stripped.

Sites write the headline several times: JSON-LD ``headline``, ``og:title``,
``<title>`` (usually "Headline | Site"), and the ``<h1>`` shown to readers. The
``<h1>`` is the headline as published; the structured ones tell which ``<h1>``
is the headline when a page has several (logos, teasers and widgets also use
``<h1>``) and carry it when the page has none. On service pages the ``<h1>`` is
usually a tagline and the cleaned ``og:title``/``<title>`` names the page
(``metarules.TAGLINE_PAGE_TYPES``; docs/metadata.md has the measurements).
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import dom
from ..dom import Node, Tree
from ..metarules import (
    BANNER_MARKS,
    GENERIC_TITLE_SEGMENTS,
    HEADING_LABELS,
    HEADLINE_MARKS,
    META_SITENAME,
    META_TITLE,
    NOT_HEADLINE,
    NOT_PAGE_LD_TYPES,
    TAGLINE_PAGE_TYPES,
    TITLE_SEPARATORS,
)
from ..options import MetadataOptions
from . import titlerank
from .provenance import Candidate, Provenance
from .structured import Structured, ld_types, text_value
from .urls import split_url

_WORD = re.compile(r"\w+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# UTF-8 bytes of "’", "é"… read as cp1252 or latin-1 ("â€™", "Ã©")
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u2018-\u203a\u20ac\u0152\u0153\u0160\u0161"
                       "\u0178\u017d\u017e\u02c6\u02dc]")
_ANCHOR_MARKS = " ¶#\uf0c1§🔗"
_CHROME = frozenset({"header", "nav", "footer", "aside"})
_NOT_HEADING_TEXT = "style, script, noscript, template, button, [hidden], [role=tooltip]"
# parts a template adds to a headline: its date, a forum thread's prefix label
# (XenForo "News", "Question"); left out when the heading says more than them
_HEADING_EXTRAS = "time, .label"
_SITE_HEADER = 'nav, [role=navigation], a[href="/"], form, ul'


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def same_words(heading: str, title: str) -> float:
    """Share of words the two texts have in common, over the longer one (0..1)."""
    wa, wb = set(words(heading)), set(words(title))
    return len(wa & wb) / max(len(wa), len(wb)) if wa and wb else 0.0


def agreement(heading: str, title: str) -> float:
    """How far a heading agrees with a structured title (0..1): the share of words
    they share, or 1.0 when every word of a heading of two or more words is in the
    title (an ``<h1>`` often shows only the head of a longer ``og:title``)."""
    wa, wb = set(words(heading)), set(words(title))
    if not wa or not wb:
        return 0.0
    common = len(wa & wb)
    if common == len(wa) and len(wa) >= 2:
        return 1.0
    return common / max(len(wa), len(wb))


@dataclass(frozen=True, slots=True)
class Headline:
    text: str
    node: Node | None
    origin: str


def site_names(st: Structured, host: str | None) -> list[str]:
    names = [v for k in META_SITENAME for v in st.metas.get(k, ())]
    for obj in st.ld:
        if "website" in str(obj.get("@type", "")).lower() or \
                "organization" in str(obj.get("@type", "")).lower():
            n = text_value(obj.get("name"))
            if n:
                names.append(n)
    if host:
        names.append(host)
    return [n for n in names if n]


def _is_site(segment: str, names: list[str], *, leading: bool = False) -> bool:
    """A segment naming the site: one of the names, a part of one, or (at the end of a
    title) one holding a name ("The Motley Fool" for fool.com). A leading segment that
    holds the name and more is a product ("Stripe Payments | …"), not the site."""
    seg = "".join(words(segment))
    if not seg or seg.isdigit():
        return not seg
    for n in names:
        flat = "".join(words(n.removeprefix("www.").rsplit(".", 1)[0])) if "." in n \
            and " " not in n else "".join(words(n))
        if flat and (seg == flat or (len(seg) >= 4 and seg in flat) or
                     (len(seg) >= 4 and flat in seg and
                      (not leading or len(seg) - len(flat) <= 3))):
            return True
    return False


def _is_generic(segment: str) -> bool:
    """A segment that names no page: the home page's navigation label ("Home")."""
    return " ".join(words(segment)) in GENERIC_TITLE_SEGMENTS


def _split(title: str) -> list[str]:
    """The segments of a title; a separator between two numbers is a range
    ("2026 / 2027", "2024 - 2025"), not a separator."""
    parts: list[str] = []
    last = 0
    for m in TITLE_SEPARATORS.finditer(title):
        before, after = title[:m.start()], title[m.end():]
        if before[-1:].isdigit() and after[:1].isdigit():
            continue
        parts.append(title[last:m.start()])
        last = m.end()
    parts.append(title[last:])
    return parts


def strip_site(title: str, names: list[str], max_site_words: int,
               removed: list[str] | None = None, *, head_only: bool = False) -> str:
    """Remove site-name segments at either end of a "Headline | Site" title.

    The removed segments are appended to ``removed`` (they name the site too).
    """
    title = " ".join(title.split())
    gone: list[str] = []
    parts = [p for p in _split(title) if p.strip()]
    if len(parts) < 2:
        if removed is not None:
            removed.extend(gone)
        return title
    # "Home - The Blog": a home page is named by the site's name, so generic labels go
    # first and the site's name stays when nothing else is left
    while len(parts) > 1 and _is_generic(parts[-1]):
        gone.append(parts.pop())
    while len(parts) > 1 and _is_generic(parts[0]):
        gone.append(parts.pop(0))
    while len(parts) > 1 and _is_site(parts[-1], names):
        gone.append(parts.pop())
    while len(parts) > 1 and _is_site(parts[0], names, leading=True):
        gone.append(parts.pop(0))
    if head_only and len(parts) > 1 and not parts[1].strip().isdigit():
        # "Headline | Section | Site": what follows the first segment is navigation
        gone.extend(parts[1:])
        parts = parts[:1]
    elif not gone and len(parts) > 1 and len(words(parts[-1])) <= max_site_words and \
            not any(ch.isdigit() for ch in parts[-1]) and \
            len(words(" ".join(parts[:-1]))) > len(words(parts[-1])):
        gone.append(parts.pop())  # an unnamed short last segment is the site name
    if removed is not None:
        removed.extend(gone)
    # join what is left with the separators the title used
    first, last = parts[0], parts[-1]
    start = title.find(first)
    end = title.rfind(last) + len(last)
    return title[start:end].strip() if start >= 0 and end > start else " ".join(parts)


def _in_chrome(node: Node) -> bool:
    """Inside the site's header, navigation, footer or a sidebar. A ``<header>`` without
    navigation is the page's own header (the title block of an article or a
    category), not the site's."""
    p = node.parent
    hops = 0
    while p is not None and hops < 12:
        t = dom.tag(p)
        if t in _CHROME and (t != "header" or p.css_first(_SITE_HEADER) is not None):
            return True
        if t in ("article", "main", "body"):
            return False
        p = p.parent
        hops += 1
    return False


def _links_home(node: Node, host: str | None) -> bool:
    """A heading that is a link to the site's home page is the site's logo."""
    a = node.css_first("a[href]")
    if a is None and node.parent is not None and dom.tag(node.parent) == "a":
        a = node.parent
    if a is None or len(dom.text_of(a)) < len(dom.text_of(node)) / 2:
        return False
    href = split_url((dom.attr(a, "href") or "").strip())
    return href.path in ("", "/") and not href.query and not href.fragment and \
        bool(href.netloc or href.path) and \
        (not href.netloc or host is None or href.netloc.removeprefix("www.") ==
         host.removeprefix("www."))


def heading_text(node: Node) -> str:
    """The visible text of a heading without permalink marks ("¶", "#"), inline
    ``<style>``/``<script>`` text, buttons and hidden tooltips ("Copy item path"),
    soft hyphens or mangled encodings."""
    text = _text_without(node, _NOT_HEADING_TEXT) \
        if node.css_first(_NOT_HEADING_TEXT) is not None else dom.text_of(node)
    if node.css_first(_HEADING_EXTRAS) is not None:
        text = _text_without(node, f"{_NOT_HEADING_TEXT}, {_HEADING_EXTRAS}") or text
    return _unlabelled(_once(tidy(text).rstrip(_ANCHOR_MARKS).strip()))


def _text_without(node: Node, selector: str) -> str:
    """The node's text without the elements matching ``selector``."""
    hidden = {n.mem_id for n in node.css(selector) for n in [n, *n.traverse()]}
    return " ".join(" ".join(
        (t.text_content or "") for t in node.traverse(include_text=True)
        if dom.tag(t) == "-text" and t.parent is not None
        and t.parent.mem_id not in hidden).split())


def _unlabelled(text: str) -> str:
    """A heading without the label a template puts before it ("Thread: …", "Blog: …")."""
    head, colon, rest = text.partition(":")
    if colon and rest.strip() and head.strip().casefold() in HEADING_LABELS:
        return rest.strip()
    return text


def _once(text: str) -> str:
    """A heading whose text is one phrase shown twice or three times (the mobile and
    desktop copies of a responsive heading) counts once."""
    w = text.split()
    for k in (2, 3):
        n = len(w) // k
        if n and len(w) == n * k and all(w[i] == w[i % n] for i in range(len(w))):
            return " ".join(w[:n])
    return text


def tidy(text: str) -> str:
    """Remove invisible characters, decode stray entities, repair UTF-8 read as cp1252."""
    text = _INVISIBLE.sub("", text)
    if "&" in text and ";" in text:
        text = html.unescape(text)
    if _MOJIBAKE.search(text):
        for codec in ("cp1252", "latin-1"):
            try:
                return " ".join(text.encode(codec).decode("utf-8").split())
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
    return " ".join(text.split())


def headings(nodes: list[Node]) -> list[tuple[str, Node]]:
    out = []
    for n in nodes:
        text = heading_text(n)
        if 2 <= len(text) <= 300 and not NOT_HEADLINE & set(words(text)):
            out.append((text, n))
    return out


def pick_title(tree: Tree, st: Structured, host: str | None, options: MetadataOptions,
               prov: Provenance, page_type: str | None = None,
               url: str | None = None) -> Headline | None:
    """The rules' headline, then the learned ranker's second opinion over every
    candidate the page offers (``titlerank``); the rules' heading node is kept for
    the byline and dateline search either way."""
    rule = _rule_title(tree, st, host, options, prov, page_type)
    model = titlerank.load_model() if options.title_model else None
    if model is None:
        return rule
    opts = title_options(tree, st, site_names(st, host), options,
                         rule.text if rule is not None else None, url, page_type)
    best = max(opts, key=lambda o: titlerank.score(model, o.flags), default=None)
    if best is None or rule is None or _norm(best.text) == _norm(rule.text):
        return rule
    prov.lost("title", Candidate(rule.text, rule.origin, rule.text), "ranker")
    prov.won("title", Candidate(best.text, f"ranker:{best.origin}", best.text))
    return Headline(best.text, rule.node, f"ranker:{best.origin}")


def _rule_title(tree: Tree, st: Structured, host: str | None, options: MetadataOptions,
                prov: Provenance, page_type: str | None = None) -> Headline | None:
    names = site_names(st, host)
    structured: list[Candidate[str]] = []
    if st.main is not None and not _borrowed(st):
        h = text_value(st.main.get("headline")) or text_value(st.main.get("name"))
        if h and not _is_generic(h):
            structured.append(Candidate(tidy(h), "json-ld:headline", h))
    for key in META_TITLE:
        v = st.meta(key)
        if v and not _is_generic(v):
            structured.append(Candidate(tidy(v), f"meta:{key}", v))
    t = tree.css_first("title")
    if t is not None and dom.text_of(t):
        structured.append(Candidate(tidy(dom.text_of(t)), "title", dom.text_of(t)))
    removed: list[str] = []
    cleaned = [Candidate(strip_site(c.value, names, options.max_site_words, removed,
                                    head_only=options.title_head_only),
                         c.origin, c.raw)
               for c in structured]
    if page_type in TAGLINE_PAGE_TYPES:
        named = [c for c in cleaned if c.origin != "json-ld:headline"]
        if named:
            prov.settle("title", named[0], cleaned)
            return Headline(named[0].value, _find_heading(st, named[0].value), named[0].origin)
    # the whole title without the site name also tells which heading is the headline
    full = [Candidate(strip_site(c.value, names, options.max_site_words), c.origin, c.raw)
            for c in structured]
    site = names + removed
    h1s = [(strip_site(text, site, 0), node) for text, node in headings(st.h1)
           if not _is_site(text, site, leading=True) and not _links_home(node, host)]
    found = _agreeing(h1s, cleaned, options)
    if found is not None:
        prov.settle("title", Candidate(found[0], "h1", found[0]), cleaned)
        return Headline(found[0], found[1], "h1")
    main_h1 = [(text, node) for text, node in h1s if not _in_chrome(node)]
    # the same heading twice (a mobile and a desktop copy) is one heading
    if main_h1 and (len({t.casefold() for t, _ in main_h1}) == 1 or not cleaned):
        text, node = main_h1[0]
        prov.settle("title", Candidate(text, "h1", text), cleaned)
        return Headline(text, node, "h1")
    # themes that give the logo the <h1> show the headline as an <h2>
    h2s = [(strip_site(text, names, 0), node) for text, node in headings(st.h2[:20])
           if not _is_site(text, names) and not _in_chrome(node)]
    found = _agreeing(h2s, cleaned + full, options, options.h2_agreement)
    if found is not None:
        prov.settle("title", Candidate(found[0], "h2", found[0]), cleaned)
        return Headline(found[0], found[1], "h2")
    if cleaned:
        win = cleaned[0]
        prov.settle("title", win, cleaned)
        return Headline(win.value, _find_heading(st, win.value), win.origin)
    return None


def _borrowed(st: Structured) -> bool:
    """The JSON-LD object taken for the page is a part of it, not the page: a question
    of an FAQ block, an embedded video, a customer review."""
    types = ld_types(st.main) if st.main is not None else set()
    if types & NOT_PAGE_LD_TYPES:
        return True
    return "question" in types and any("faqpage" in ld_types(o) for o in st.ld)


def _agreeing(heads: list[tuple[str, Node]], cleaned: list[Candidate[str]],
              options: MetadataOptions, threshold: float | None = None) -> tuple[str, Node] | None:
    """The heading that agrees best with a structured title, if one agrees enough."""
    best: tuple[float, str, Node] | None = None
    for text, node in heads:
        measure = same_words if threshold is not None else agreement
        score = max((measure(text, c.value) for c in cleaned), default=0.0)
        if score >= (threshold or options.title_agreement) and \
                (best is None or score > best[0]):
            best = (score, text, node)
    return (best[1], best[2]) if best is not None else None


def _find_heading(st: Structured, title: str) -> Node | None:
    """The h1/h2 showing this title, for the search of nearby bylines and dates."""
    for nodes in (st.h1, st.h2):
        for text, node in headings(nodes):
            if agreement(text, title) >= 0.6:
                return node
    return None


# ---------------------------------------------------------------- ranker inputs
_STRUCTURED_KEYS = (("ld", None), ("og", "og:title"), ("tw", "twitter:title"), ("title", None))
_SLUG = re.compile(r"[a-z0-9]+")
_Adder = Callable[[str, str, str], None]
# page types as the ranker's "ptype" input (order fixed by the trained model)
PAGE_TYPE_CODES = ("article", "listing", "forum", "product", "collection", "documentation",
                   "service")


def _norm(text: str) -> str:
    """The comparison key of two spellings of a title (NFKC, spaces, case)."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


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
        if not text or len(text) > 300:
            return
        opt = found.setdefault(_norm(text), TitleOption(text, origin))
        opt.flags[flag] = 1.0

    if rule:
        add(rule, "rule", "rule")
    for key, raw in _structured_sources(tree, st):
        _add_structured(add, key, tidy(raw), names, options.max_site_words)
    h1s = headings(st.h1)
    for i, (text, node) in enumerate(h1s):
        clean = strip_site(text, names, 0)
        for flag in ("h1", "h1_chrome" if _in_chrome(node) else "h1_main",
                     "h1_first" if i == 0 else ""):
            if flag:
                add(clean, flag, "h1")
        if clean != text:
            add(text, "h1_raw", "h1")
        if _is_site(text, names, leading=True):
            add(clean, "h1_site", "h1")
        for flag in _h1_marks(node):
            add(clean, flag, "h1")
    for text, node in headings(st.h2[:20]):
        if not _in_chrome(node):
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
    if st.main is not None and not _borrowed(st):
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
    parts = [p.strip() for p in _split(v) if p.strip()]
    n = len(parts)
    add(v, f"{key}:full", origin)
    if n > 1:
        add(v, f"{key}:full_multi", origin)
    add(strip_site(v, names, max_site_words, head_only=True), f"{key}:head", origin)
    add(strip_site(v, names, max_site_words), f"{key}:nosite", origin)
    for i, p in enumerate(parts if n > 1 else []):
        where = "seg_first" if i == 0 else "seg_last" if i == n - 1 else "seg_mid"
        add(p, f"{key}:{where}", origin)
        if _is_site(p, names, leading=i == 0):
            add(p, f"{key}:seg_site", origin)
    for j in range(2, n):
        start, end = v.find(parts[0]), v.rfind(parts[j - 1]) + len(parts[j - 1])
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
    main = [text for text, node in h1s if not _in_chrome(node)]
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
    x["is_site"] = float(_is_site(text, names))
    x["nchars"] = float(len(text))
    x["curly"] = float(any(ch in text for ch in "\u2018\u2019\u201c\u201d"))
    x["sw_h1"] = same_words(text, c.h1) if c.h1 else -1.0
    x["sw_ti"] = same_words(text, c.title) if c.title else -1.0
    x["sw_og"] = same_words(text, c.og) if c.og else -1.0
    x["ag_h1"] = agreement(c.h1, text) if c.h1 else -1.0
    x["slug"] = len(set(w) & c.slug) / max(1, len(set(w)))
    x["len_vs_h1"] = float(len(w) - len(words(c.h1))) if c.h1 else 0.0
    key, h1 = _norm(text), _norm(c.h1)
    x["contains_h1"] = float(bool(h1) and h1 in key and h1 != key)
    x["in_h1"] = float(bool(h1) and key in h1 and h1 != key)
    x.update(c.page)
