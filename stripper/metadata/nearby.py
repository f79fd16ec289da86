"""What the reader sees next to the headline: the byline and the dateline.

From the headline, climb to the smallest ancestor holding at least
``zone_min_chars`` of text (the article header plus the top of the body), then
read the elements just before and after the headline inside it. Comment
threads, calendars, widgets and footers inside that zone never count
(``metarules.DATE_REJECT_HINTS``); a date inside a long line of prose is a fact
of the story, not its dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import dom
from ..dom import Node, Tree
from ..metarules import (
    AUTHOR_HINTS,
    AUTHOR_PRECEDENCE,
    DATE_CHROME_TAGS,
    DATE_ELEMENTS,
    DATE_HINTS,
    DATE_PRECEDENCE,
    DATE_REJECT_HINTS,
    MODIFIED_WORDS,
    NOT_AUTHOR_LINKS,
    NOT_PAGE_DATE_WORDS,
    PAGE_AUTHOR_ELEMENTS,
    PAGE_BYLINE_PREFIXES,
    PUBLISHED_WORDS,
    WEEKDAYS,
)
from ..options import MetadataOptions
from ..rules import NEUTRAL_CLASS_PREFIXES
from .authors import Names, clean_name, is_placeholder, split_names, strip_prefix
from .dates import FoundDate, find_dates, parse_date
from .provenance import Candidate

_TOKEN = re.compile(r"[a-z0-9]+")
_DIGIT = re.compile(r"\d")
_INLINE_BY = re.compile(r"\s(?:by|By|por|par|von|di|da|door)\s+(?=[^\W\d_])")
_NAME_SHAPE = re.compile(r"^[^\W\d_][^\d]{2,58}$")  # cheap test before clean_name
_BLOCKISH = frozenset({"p", "div", "span", "li", "a", "time", "address", "small", "strong",
                       "em", "b", "h2", "h3", "h4", "h5", "h6", "header", "section", "dd",
                       "td", "abbr", "font", "i"})
_AUTHOR_HINTS = frozenset(AUTHOR_HINTS)
_NAME_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "li", "a",
                        "div"})
_BODY_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "strong", "b"})
_META_LINE_HINTS = frozenset({"byline", "author", "postmeta", "entry-meta", "post-meta",
                              "article-meta", "credits"})
_DATE_HINTS = frozenset(DATE_HINTS)
_REJECT = frozenset(DATE_REJECT_HINTS)
_NOT_PAGE = re.compile(
    r"(?:^|\W)(?:" + "|".join(re.escape(w) for w in NOT_PAGE_DATE_WORDS) + r")(?:\W|$)",
    re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in PUBLISHED_WORDS) + r")\b",
                        re.IGNORECASE)
_MODIFIED = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in MODIFIED_WORDS) + r")\b",
                       re.IGNORECASE)


@dataclass(slots=True)
class Nearby:
    bylines: list[Candidate[Names]] = field(default_factory=list)
    body_names: list[Candidate[Names]] = field(default_factory=list)
    meta_names: list[Candidate[Names]] = field(default_factory=list)
    published: list[Candidate[str]] = field(default_factory=list)
    modified: list[Candidate[str]] = field(default_factory=list)


def _tokens(node: Node, *, neutral: bool = True) -> set[str]:
    """Word parts of class and id. Utility classes ("md:[grid-area:sidebar]") never
    count; page-builder classes ("elementor-widget-container") say what kind of box an
    element is, so they count for hints (``neutral``) but never reject it."""
    hints = dom.class_id(node)
    if not hints:
        return set()
    names = [h for h in hints.split() if ":" not in h and "[" not in h
             and (neutral or not h.startswith(NEUTRAL_CLASS_PREFIXES))]
    tokens = set(_TOKEN.findall(" ".join(names)))
    tokens.update(names)
    return tokens


def _zone(headline: Node, options: MetadataOptions) -> Node:
    container = headline
    for _ in range(options.zone_levels):
        p = container.parent
        if p is None or dom.tag(p) in ("html", "-document"):
            break
        container = p
        if dom.tag(p) == "body":
            break  # a headline right under <body>: the zone is the page, read a window
        if dom.text_len(container) >= options.zone_min_chars:
            break
    return container


def _elements(container: Node, headline: Node,
              options: MetadataOptions) -> tuple[list[Node], list[Node]]:
    before: list[Node] = []
    after: list[Node] = []
    seen = False
    inside_end: Node | None = None
    for node in container.traverse(include_text=False):
        if node.mem_id == headline.mem_id:
            seen = True
            inside_end = headline
            continue
        if not seen:
            before.append(node)
            continue
        if inside_end is not None and _is_inside(node, inside_end):
            continue
        inside_end = None
        after.append(node)
        if len(after) >= options.zone_after_elements:
            break
    return before[-options.zone_before_elements:], after


def _is_inside(node: Node, ancestor: Node) -> bool:
    p = node.parent
    for _ in range(6):
        if p is None:
            return False
        if p.mem_id == ancestor.mem_id:
            return True
        p = p.parent
    return False


def read_nearby(headline: Node, *, dayfirst: bool, relaxed: bool,
                options: MetadataOptions) -> Nearby:
    out = Nearby()
    container = _zone(headline, options)
    before, after = _elements(container, headline, options)
    reader = _Reader(container, dayfirst=dayfirst, relaxed=relaxed, options=options)
    for node in before:
        reader.read(node, -1, out)
    for node in after:
        reader.read(node, 1, out)
        if reader.paragraphs >= options.zone_paragraphs:
            break  # well into the body: bylines and datelines are behind us
    return out


class _Reader:
    """Reads one element of the zone into byline, name and date candidates."""

    def __init__(self, container: Node, *, dayfirst: bool, relaxed: bool,
                 options: MetadataOptions) -> None:
        self.container = container
        self.dayfirst = dayfirst
        self.relaxed = relaxed
        self.options = options
        self.paragraphs = 0  # long paragraphs seen after the headline
        self.pending_prefix = False  # "Written by" alone: the name follows
        self._tokens: dict[int, set[str]] = {}
        self._rejecting: dict[int, bool] = {}
        self._h1: dict[int, bool] = {}

    def tokens(self, node: Node) -> set[str]:
        key = node.mem_id
        got = self._tokens.get(key)
        if got is None:
            got = self._tokens[key] = _tokens(node)
        return got

    def rejecting(self, node: Node) -> bool:
        """The element's own class/id names a comment, widget, calendar…"""
        key = node.mem_id
        got = self._rejecting.get(key)
        if got is None:
            got = self._rejecting[key] = bool(_tokens(node, neutral=False) & _REJECT)
        return got

    def holds_h1(self, node: Node) -> bool:
        """The element holds an ``<h1>`` (cached: page-wide reads climb the same
        ancestors for every dated element)."""
        key = node.mem_id
        got = self._h1.get(key)
        if got is None:
            got = self._h1[key] = node.css_first("h1") is not None
        return got

    def rejected(self, node: Node) -> bool:
        p: Node | None = node
        stop = self.container.mem_id
        for _ in range(8):
            if p is None or p.mem_id == stop:
                return False
            if self.rejecting(p):
                return True
            p = p.parent
        return False

    def read(self, node: Node, position: int, out: Nearby) -> None:
        t = dom.tag(node)
        if t not in _BLOCKISH:
            return
        found = Nearby()
        tokens = self.tokens(node)
        dated = t == "time" or bool(tokens & _DATE_HINTS)
        if dated:
            _dates(node, tokens, self.dayfirst, self.options, found)
        text = dom.text_of(node)
        if not text or len(text) > self.options.max_byline_chars:
            if position > 0 and t == "p":
                self.paragraphs += 1
        else:
            self._names(node, t, tokens, text, position, found)
            if not dated and len(text) <= self.options.max_dateline_chars and \
                    _DIGIT.search(text):
                _dates(node, tokens, self.dayfirst, self.options, found, text=text)
        if (found.bylines or found.body_names or found.meta_names or found.published
                or found.modified) and not self.rejected(node):
            out.bylines += found.bylines
            out.body_names += found.body_names
            out.meta_names += found.meta_names
            out.published += found.published
            out.modified += found.modified

    def _names(self, node: Node, t: str, tokens: set[str], text: str, position: int,
               found: Nearby) -> None:
        relaxed = self.relaxed
        if tokens & _AUTHOR_HINTS:
            names = split_names(text, relaxed=relaxed)
            if names or is_placeholder(strip_prefix(text)[0]):
                found.bylines.append(Candidate(names, "byline:class", text,
                                               AUTHOR_PRECEDENCE["class"]))
        rest, had_prefix = strip_prefix(text)
        if self.pending_prefix and not had_prefix:
            names = split_names(_before_date(text), relaxed=True) if relaxed else \
                _card_names(text, self.options)
            if names:
                found.bylines.append(Candidate(names, "byline", text,
                                               AUTHOR_PRECEDENCE["byline"]))
        self.pending_prefix = had_prefix and not rest.strip()
        if had_prefix and rest.strip():
            names = split_names(_before_date(rest), relaxed=relaxed)
            if names:
                found.bylines.append(Candidate(names, "byline", text,
                                               AUTHOR_PRECEDENCE["byline"]))
        if not had_prefix and _DIGIT.search(text):
            # "Publié le 3 février 2009 par Jean-Luc Moreau": the byline follows a date
            m = _INLINE_BY.search(text)
            if m and find_dates(text[:m.start()]):
                names = split_names(_before_date(text[m.end():]), relaxed=relaxed)
                if names:
                    found.bylines.append(Candidate(names, "byline", text,
                                                   AUTHOR_PRECEDENCE["byline"]))
        if t not in _NAME_TAGS or not _NAME_SHAPE.match(text):
            return
        name = clean_name(text)
        if not name or len(name.split()) < 2 or text != name or _section_link(node):
            return
        if position > 0 and t in _BODY_TAGS and \
                self.paragraphs < self.options.body_byline_blocks:
            found.body_names.append(Candidate((name,), "body-byline", text,
                                              AUTHOR_PRECEDENCE["body-byline"]))
        elif _in_meta_line(node, self.options):
            found.meta_names.append(Candidate((name,), "meta-line", text,
                                              AUTHOR_PRECEDENCE["meta-line"]))


def _section_link(node: Node) -> bool:
    link = node if dom.tag(node) == "a" else node.css_first("a")
    if link is None:
        p = node.parent
        link = p if p is not None and dom.tag(p) == "a" else None
    href = dom.attr(link, "href") if link is not None else None
    return bool(href) and NOT_AUTHOR_LINKS.search(href or "") is not None


def _in_meta_line(node: Node, options: MetadataOptions) -> bool:
    """A name inside a short line that also holds a date or is marked as post meta
    ("Bence Kovács · 02-12-2025") is the byline."""
    p = node.parent
    for _ in range(options.meta_line_levels):
        if p is None:
            return False
        if _tokens(p) & _META_LINE_HINTS:
            return True
        text = dom.text_of(p)
        if len(text) > options.max_meta_line_chars:
            return False
        if find_dates(text):
            return True
        p = p.parent
    return False


def _before_date(text: str) -> str:
    found = find_dates(text)
    cut = found[0].start if found else len(text)
    for sep in (" on ", " el ", " am ", " le ", " em ", " il ", " | ", " · ", " - ", " — "):
        i = text.find(sep)
        if 0 < i < cut:
            cut = i
    return text[:cut]


def _dates(node: Node, tokens: set[str], dayfirst: bool, options: MetadataOptions,
           out: Nearby, text: str | None = None) -> None:
    raw = dom.attr(node, "datetime") or dom.attr(node, "content")
    origin = "time" if raw and dom.tag(node) == "time" else "visible"
    if not raw:
        raw = text if text is not None else dom.text_of(node)
        if len(raw) > options.max_dateline_chars:
            raw = text = dom.own_text(node)  # the date before a nested edit note
            if not raw or len(raw) > options.max_dateline_chars:
                return
    label = " ".join(tokens) + " " + (text or dom.text_of(node))[:60]
    if _NOT_PAGE.search(label):
        return
    iso = parse_date(raw, dayfirst=dayfirst)
    if not iso:
        return
    # "2019-02-23, 09:14 PM (This post was last modified: 2024-01-05)": a label after
    # the first date belongs to a later one
    shown = text or dom.text_of(node)
    first = find_dates(shown, dayfirst=dayfirst)
    before = shown[:first[0].start] if first and origin == "visible" else shown[:60]
    modified = bool(_MODIFIED.search(" ".join(tokens) + " " + before)) or \
        bool(tokens & {"updated", "modified"})
    cand = Candidate(iso, origin, raw, DATE_PRECEDENCE[origin])
    (out.modified if modified else out.published).append(cand)



def _chrome(node: Node, tokens: _Reader) -> str | None:
    """Why a date here does not describe the page: "chrome" (header, nav, footer,
    comments, widgets…), "aside" (inside a sidebar only), or None."""
    kind = None
    p = node.parent
    for _ in range(40):
        if p is None:
            return kind
        t = dom.tag(p)
        if t in ("body", "html"):
            return kind
        if tokens.rejecting(p) and not tokens.holds_h1(p):
            # a "widget" column holding the <h1> is the page's main column
            if not _tokens(p, neutral=False) & _REJECT <= _ASIDE_HINTS:
                return "chrome"
            kind = "aside"
        if t in DATE_CHROME_TAGS and not (t == "header" and tokens.holds_h1(p)):
            # a <header> holding the <h1> is the article's header, not the site's
            if t != "aside":
                return "chrome"
            kind = "aside"
        p = p.parent
    return kind


def _in_chrome(node: Node, tokens: _Reader) -> bool:
    return _chrome(node, tokens) is not None


_ASIDE_HINTS = frozenset({"sidebar", "widget"})
_PUBLISHED_LABEL = re.compile(
    r"^(?:[\W_]*\b(?:" + "|".join(re.escape(w) for w in PUBLISHED_WORDS) +
    r"|publish|publication|date|on)\b)+[\W_]*$", re.IGNORECASE)


def _published_label(node: Node, text: str) -> bool:
    """The date's element and its label say "Published" and nothing else
    ("<h4>Published</h4><time>15 November 2018</time>"): the page's own date, even
    in a sidebar."""
    p = node.parent
    for _ in range(3):
        if p is None:
            return False
        whole = dom.text_of(p)
        if whole != text:
            return len(whole) <= 60 and \
                _PUBLISHED_LABEL.match(whole.replace(text, " ", 1)) is not None
        p = p.parent
    return False


def page_date(tree: Tree, *, dayfirst: bool, options: MetadataOptions,
              thread: bool = False) -> Candidate[str] | None:
    """The first dated element of the page outside chrome, comments and widgets: the
    last resort when neither structured data nor the headline's zone dates the page."""
    body = tree.body
    if body is None:
        return None
    reader = _Reader(body, dayfirst=dayfirst, relaxed=False, options=options)
    updated: Candidate[str] | None = None
    for node in tree.css(DATE_ELEMENTS)[:options.page_date_elements]:
        if dom.tag(node) in ("body", "html", "article", "main", "section"):
            continue
        text = dom.text_of(node)
        if len(text) > options.max_dateline_chars:
            # "2019-02-23, 09:14 PM <span>(This post was last modified: …)</span>"
            text = dom.own_text(node)
            if not text or len(text) > options.max_dateline_chars:
                continue
        kind = _chrome(node, reader)
        if kind == "chrome" or kind == "aside" and not _published_label(node, text):
            continue
        found = Nearby()
        _dates(node, reader.tokens(node), dayfirst, options, found, text=text)
        if found.published:
            c = found.published[0]
            return Candidate(c.value, "page", c.raw, DATE_PRECEDENCE["page"])
        if found.modified and updated is None:
            c = found.modified[0]
            updated = Candidate(c.value, "page:modified", c.raw, DATE_PRECEDENCE["page"])
    # a page that shows only an "Updated …" element is dated by it for readers
    return _dateline_text(body, reader, dayfirst=dayfirst, thread=thread,
                          options=options) or updated


def pubdate_time(tree: Tree, nodes: list[Node], *, dayfirst: bool,
                 options: MetadataOptions) -> Candidate[str] | None:
    """The first ``<time pubdate>`` outside chrome, comments and widgets: the HTML5
    draft's mark of the publication date of the enclosing article or of the page
    (WordPress, Squarespace and Drupal themes still write it), wherever it stands.
    ``nodes``: the page's ``<time pubdate>`` elements (``Structured.pubdates``)."""
    body = tree.body
    if body is None or not nodes:
        return None
    reader = _Reader(body, dayfirst=dayfirst, relaxed=False, options=options)
    has_h1 = reader.holds_h1(body)
    for node in nodes[:options.page_date_elements]:
        if _in_chrome(node, reader) or has_h1 and _other_article(node, reader):
            continue
        found = Nearby()
        _dates(node, reader.tokens(node), dayfirst, options, found)
        if found.published:
            c = found.published[0]
            return Candidate(c.value, "time:pubdate", c.raw, DATE_PRECEDENCE["time"])
    return None


def _other_article(node: Node, reader: _Reader) -> bool:
    """The nearest ``<article>`` around the node does not hold the ``<h1>``: a teaser
    or an embedded post, which the node dates instead of the page."""
    p = node.parent
    while p is not None and dom.tag(p) not in ("body", "html"):
        if dom.tag(p) == "article":
            return not reader.holds_h1(p)
        p = p.parent
    return False


_NOT_DATELINE_PARENTS = frozenset({"script", "style", "option"})
_DATE_NOISE = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\b(?:" + "|".join(WEEKDAYS) +
    r"|mon|tue|wed|thu|fri|sat|sun)\b\.?|[\W_]+", re.IGNORECASE)


def _mostly_date(text: str, found: FoundDate) -> bool:
    """The date is at least half the text, not counting the weekday, the time of day
    and punctuation ("» Tue Aug 27, 2019 1:47 am"), and no other number is in it
    (", volume 162, number 22, November 30, 2002." is a citation)."""
    rest = _DATE_NOISE.sub("", text[:found.start] + text[found.end:])
    return len(rest) <= found.end - found.start and not _DIGIT.search(rest)


def _label(parent: Node, text: str) -> str:
    """A date text with the label its element gives it ("<dd><strong>Joined:</strong>
    Dec 11, 2021</dd>")."""
    whole = dom.text_of(parent)
    return whole[:120] if len(whole) <= 120 else text


def _dateline_text(body: Node, reader: _Reader, *, dayfirst: bool, thread: bool,
                   options: MetadataOptions) -> Candidate[str] | None:
    """A short text that is mostly a date ("Published on July 18, 2025", "Oct 20, 2025"),
    the first in document order outside chrome, comments and widgets. Table cells
    count only on threads (board software lays posts out in tables; elsewhere a date
    in a cell is a row of data)."""
    skip = _NOT_DATELINE_PARENTS if thread else _NOT_DATELINE_PARENTS | {"td"}
    seen = 0
    for node in body.traverse(include_text=True):
        if dom.tag(node) != "-text":
            continue
        text = " ".join((node.text_content or "").split())
        if not 6 <= len(text) <= options.max_dateline_text or not _DIGIT.search(text):
            continue
        seen += 1
        if seen > options.page_date_texts:
            return None
        found = find_dates(text, dayfirst=dayfirst)
        if not found or not _mostly_date(text, found[0]) and not _PUBLISHED.search(text):
            continue
        parent = node.parent
        if parent is None or dom.tag(parent) in skip \
                or _NOT_PAGE.search(_label(parent, text)) or _MODIFIED.search(text) \
                or _in_chrome(node, reader):
            continue
        return Candidate(found[0].iso, "page", text, DATE_PRECEDENCE["page"])
    return None


_FIRST_PART = re.compile(r"\.\s|\s[|·•—–]\s|\?|!")
_BARE_YEAR = re.compile(r"\b(?:1[5-9]|20)\d{2}\b")
_PAGE_BYLINE = re.compile(
    r"^\s*(?:" + "|".join(re.escape(p) for p in sorted(PAGE_BYLINE_PREFIXES, key=len,
                                                       reverse=True)) + r")(?=[\s:]|$)",
    re.IGNORECASE)


def _card_names(text: str, options: MetadataOptions) -> Names:
    """The names of a short author line or card, when they are most of its text."""
    rest, _ = strip_prefix(text)
    rest = _before_date(rest).strip(" ,;|·•-–—:")
    if not rest or _BARE_YEAR.search(rest):
        return ()  # "by Kan Chu Sen, 1721.", "by Acme since 2022": a credit, not a byline
    rest = _FIRST_PART.split(rest, maxsplit=1)[0]  # "Shelby Loos, DVM . Reviewed by …"
    names = split_names(rest)
    if not names or sum(len(n) for n in names) < options.page_byline_name_share * len(rest):
        return ()
    return names


def page_authors(tree: Tree, *, options: MetadataOptions) -> list[Candidate[Names]]:
    """The first author card or byline of the page outside chrome, comments and widgets:
    the last resort when neither structured data nor the headline's zone names anyone
    (author boxes after the article, "Written by …" lines in page-builder blocks)."""
    body = tree.body
    if body is None or options.page_author_elements <= 0:
        return []
    reader = _Reader(body, dayfirst=True, relaxed=False, options=options)
    for node in tree.css(PAGE_AUTHOR_ELEMENTS)[:options.page_author_elements]:
        if dom.tag(node) in _NOT_CARDS:
            continue
        text = dom.text_of(node)
        if not 2 <= len(text) <= options.max_page_byline_chars:
            continue
        names = _card_names(text, options)
        if names and not _in_chrome(node, reader):
            return [Candidate(names, "page-byline", text, AUTHOR_PRECEDENCE["page"])]
    return _byline_text(body, reader, options)


_NOT_CARDS = frozenset({"body", "html", "article", "main", "section", "img", "meta", "link",
                        "script", "style", "svg", "button", "input", "textarea", "select"})


def _byline_text(body: Node, reader: _Reader, options: MetadataOptions
                 ) -> list[Candidate[Names]]:
    """A short text opening with "By"/"Written by" anywhere on the page; a prefix alone
    ("Written by" then the name in a link) takes the next text."""
    seen = 0
    pending: str | None = None
    for node in body.traverse(include_text=True):
        if dom.tag(node) != "-text":
            continue
        text = " ".join((node.text_content or "").split())
        if not text:
            continue
        if pending is not None:
            raw, pending = pending + " " + text, None
        elif len(text) <= options.max_page_byline_chars and (m := _PAGE_BYLINE.match(text)):
            seen += 1
            if seen > options.page_byline_texts:
                return []
            if not text[m.end():].strip(" :"):
                pending = text
                continue
            raw = text
        else:
            continue
        parent = node.parent
        if parent is None or dom.tag(parent) in ("script", "style", "option", "button"):
            continue
        names = _card_names(raw, options)
        if names and not _in_chrome(node, reader):
            return [Candidate(names, "page-byline", raw, AUTHOR_PRECEDENCE["page"])]
    return []
