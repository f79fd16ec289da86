"""The text of titles and headings: words and word agreement, the site's names and
the site-name segments of a ``<title>``, a heading's visible text, and the tidying
every spelling of the headline goes through (``title.py`` and ``titleopts.py``
read them)."""

from __future__ import annotations

import html
import re
import unicodedata

from .. import dom
from ..dom import Node
from ..metarules import (
    GENERIC_TITLE_SEGMENTS,
    HEADING_LABELS,
    META_SITENAME,
    NOT_HEADLINE,
    NOT_PAGE_LD_TYPES,
    TITLE_SEPARATORS,
)
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


def is_site(segment: str, names: list[str], *, leading: bool = False) -> bool:
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


def is_generic(segment: str) -> bool:
    """A segment that names no page: the home page's navigation label ("Home")."""
    return " ".join(words(segment)) in GENERIC_TITLE_SEGMENTS


def split_title(title: str) -> list[str]:
    """The segments of a title; a separator between two numbers is a range
    ("2026 / 2027", "2024 - 2025"), not a separator."""
    parts: list[str] = []
    last = 0
    for m in TITLE_SEPARATORS.finditer(title):
        # one character each side (slicing the whole head and tail made a title with
        # thousands of separators quadratic)
        before, after = title[max(m.start() - 1, 0):m.start()], title[m.end():m.end() + 1]
        if before.isdigit() and after.isdigit():
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
    parts = [p for p in split_title(title) if p.strip()]
    if len(parts) < 2:
        if removed is not None:
            removed.extend(gone)
        return title
    # "Home - The Blog": a home page is named by the site's name, so generic labels go
    # first and the site's name stays when nothing else is left
    while len(parts) > 1 and is_generic(parts[-1]):
        gone.append(parts.pop())
    while len(parts) > 1 and is_generic(parts[0]):
        gone.append(parts.pop(0))
    while len(parts) > 1 and is_site(parts[-1], names):
        gone.append(parts.pop())
    while len(parts) > 1 and is_site(parts[0], names, leading=True):
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


def in_chrome(node: Node) -> bool:
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


def links_home(node: Node, host: str | None) -> bool:
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


def borrowed(st: Structured) -> bool:
    """The JSON-LD object taken for the page is a part of it, not the page: a question
    of an FAQ block, an embedded video, a customer review."""
    types = ld_types(st.main) if st.main is not None else set()
    if types & NOT_PAGE_LD_TYPES:
        return True
    return "question" in types and any("faqpage" in ld_types(o) for o in st.ld)


def norm(text: str) -> str:
    """The comparison key of two spellings of a title (NFKC, spaces, case)."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
