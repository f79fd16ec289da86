"""The headline: the visible ``<h1>`` that agrees with the page's structured title,
else the structured title with its site-name prefix or suffix stripped.

Sites write the headline several times: JSON-LD ``headline``, ``og:title``,
``<title>`` (usually "Headline | Site"), and the ``<h1>`` shown to readers. The
``<h1>`` is the headline as published; the structured ones tell which ``<h1>``
is the headline when a page has several (logos, teasers and widgets also use
``<h1>``) and carry it when the page has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import dom
from ..dom import Node, Tree
from ..metarules import NOT_HEADLINE, TITLE_SEPARATORS
from ..options import MetadataOptions
from .provenance import Candidate, Provenance
from .structured import Structured, text_value

_WORD = re.compile(r"\w+")
_ANCHOR_MARKS = " ¶#\uf0c1§🔗"
_CHROME = frozenset({"header", "nav", "footer", "aside"})


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


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
    names = [v for k in ("og:site_name", "application-name", "apple-mobile-web-app-title")
             for v in st.metas.get(k, ())]
    for obj in st.ld:
        if "website" in str(obj.get("@type", "")).lower() or \
                "organization" in str(obj.get("@type", "")).lower():
            n = text_value(obj.get("name"))
            if n:
                names.append(n)
    if host:
        names.append(host)
    return [n for n in names if n]


def _is_site(segment: str, names: list[str]) -> bool:
    seg = "".join(words(segment))
    if not seg or seg.isdigit():
        return not seg
    for n in names:
        flat = "".join(words(n.removeprefix("www.").rsplit(".", 1)[0])) if "." in n \
            and " " not in n else "".join(words(n))
        if flat and (seg == flat or (len(seg) >= 4 and (seg in flat or flat in seg))):
            return True
    return False


def strip_site(title: str, names: list[str], max_site_words: int,
               removed: list[str] | None = None) -> str:
    """Remove site-name segments at either end of a "Headline | Site" title.

    The removed segments are appended to ``removed`` (they name the site too).
    """
    title = " ".join(title.split())
    parts = [p for p in TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    gone: list[str] = []
    while len(parts) > 1 and _is_site(parts[-1], names):
        gone.append(parts.pop())
    while len(parts) > 1 and _is_site(parts[0], names):
        gone.append(parts.pop(0))
    if not gone and len(parts) > 1 and len(words(parts[-1])) <= max_site_words and \
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
    p = node.parent
    hops = 0
    while p is not None and hops < 12:
        t = dom.tag(p)
        if t in _CHROME:
            return True
        if t in ("article", "main", "body"):
            return False
        p = p.parent
        hops += 1
    return False


def heading_text(node: Node) -> str:
    """The visible text of a heading without permalink marks ("¶", "#")."""
    return dom.text_of(node).rstrip(_ANCHOR_MARKS).strip()


def headings(tree: Tree, level: str = "h1") -> list[tuple[str, Node]]:
    out = []
    for n in tree.css(level):
        text = heading_text(n)
        if 2 <= len(text) <= 300 and not NOT_HEADLINE & set(words(text)):
            out.append((text, n))
    return out


def pick_title(tree: Tree, st: Structured, host: str | None, options: MetadataOptions,
               prov: Provenance) -> Headline | None:
    names = site_names(st, host)
    structured: list[Candidate[str]] = []
    if st.main is not None:
        h = text_value(st.main.get("headline")) or text_value(st.main.get("name"))
        if h:
            structured.append(Candidate(h, "json-ld:headline", h))
    for key in ("og:title", "twitter:title"):
        v = st.meta(key)
        if v:
            structured.append(Candidate(v, f"meta:{key}", v))
    t = tree.css_first("title")
    if t is not None and dom.text_of(t):
        structured.append(Candidate(dom.text_of(t), "title", dom.text_of(t)))
    removed: list[str] = []
    cleaned = [Candidate(strip_site(c.value, names, options.max_site_words, removed),
                         c.origin, c.raw) for c in structured]
    site = names + removed
    h1s = [(strip_site(text, site, 0), node) for text, node in headings(tree)
           if not _is_site(text, site)]
    best: tuple[float, int, str, Node] | None = None
    for i, (text, node) in enumerate(h1s):
        score = max((agreement(text, c.value) for c in cleaned), default=0.0)
        if score >= options.title_agreement and (best is None or score > best[0]):
            best = (score, i, text, node)
    if best is not None:
        win = Candidate(best[2], "h1", best[2])
        prov.settle("title", win, cleaned)
        return Headline(best[2], best[3], "h1")
    main_h1 = [(text, node) for text, node in h1s if not _in_chrome(node)]
    if main_h1 and (len(main_h1) == 1 or not cleaned):
        text, node = main_h1[0]
        prov.settle("title", Candidate(text, "h1", text), cleaned)
        return Headline(text, node, "h1")
    if cleaned:
        win = cleaned[0]
        prov.settle("title", win, cleaned)
        return Headline(win.value, _find_heading(tree, win.value), win.origin)
    return None


def _find_heading(tree: Tree, title: str) -> Node | None:
    """The h1/h2 showing this title, for the search of nearby bylines and dates."""
    for level in ("h1", "h2"):
        for text, node in headings(tree, level):
            if agreement(text, title) >= 0.6:
                return node
    return None
