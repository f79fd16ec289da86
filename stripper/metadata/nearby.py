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
from ..dom import Node
from ..metarules import (
    AUTHOR_HINTS,
    AUTHOR_PRECEDENCE,
    DATE_HINTS,
    DATE_PRECEDENCE,
    DATE_REJECT_HINTS,
    MODIFIED_WORDS,
)
from ..options import MetadataOptions
from .authors import Names, clean_name, is_placeholder, split_names, strip_prefix
from .dates import find_dates, parse_date
from .provenance import Candidate

_TOKEN = re.compile(r"[a-z0-9]+")
_BLOCKISH = frozenset({"p", "div", "span", "li", "a", "time", "address", "small", "strong",
                       "em", "b", "h2", "h3", "h4", "h5", "h6", "header", "section", "dd",
                       "td", "abbr", "font", "i"})
_AUTHOR_HINTS = frozenset(AUTHOR_HINTS)
_DATE_HINTS = frozenset(DATE_HINTS)
_REJECT = frozenset(DATE_REJECT_HINTS)
_MODIFIED = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in MODIFIED_WORDS) + r")\b",
                       re.IGNORECASE)


@dataclass(slots=True)
class Nearby:
    bylines: list[Candidate[Names]] = field(default_factory=list)
    body_names: list[Candidate[Names]] = field(default_factory=list)
    published: list[Candidate[str]] = field(default_factory=list)
    modified: list[Candidate[str]] = field(default_factory=list)


def _tokens(node: Node) -> set[str]:
    hints = dom.class_id(node)
    if not hints:
        return set()
    tokens = set(_TOKEN.findall(hints))
    tokens.update(hints.split())
    return tokens


def _rejected(node: Node, stop: Node) -> bool:
    p: Node | None = node
    hops = 0
    while p is not None and hops < 8 and p.mem_id != stop.mem_id:
        if _tokens(p) & _REJECT:
            return True
        p = p.parent
        hops += 1
    return False


def _zone(headline: Node, options: MetadataOptions) -> Node:
    container = headline
    for _ in range(options.zone_levels):
        p = container.parent
        if p is None or dom.tag(p) in ("body", "html", "-document"):
            break
        container = p
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
    blocks_seen = 0
    for position, node in [(-1, n) for n in before] + [(1, n) for n in after]:
        t = dom.tag(node)
        if t not in _BLOCKISH or _rejected(node, container):
            continue
        tokens = _tokens(node)
        if t == "time" or tokens & _DATE_HINTS:
            _dates(node, tokens, dayfirst, options, out)
        text = dom.text_of(node)
        if not text or len(text) > options.max_byline_chars:
            if position > 0 and t == "p" and len(text) > options.max_byline_chars:
                blocks_seen += 1
            continue
        if tokens & _AUTHOR_HINTS:
            names = split_names(text, relaxed=relaxed)
            if names or is_placeholder(strip_prefix(text)[0]):
                out.bylines.append(Candidate(names, "byline:class", text,
                                             AUTHOR_PRECEDENCE["class"]))
        rest, had_prefix = strip_prefix(text)
        if had_prefix:
            names = split_names(_before_date(rest), relaxed=relaxed)
            if names:
                out.bylines.append(Candidate(names, "byline", text, AUTHOR_PRECEDENCE["byline"]))
        if position > 0 and t in ("p", "h2", "h3", "h4", "h5", "h6", "strong", "b") and \
                blocks_seen < options.body_byline_blocks:
            name = clean_name(text)
            if name and len(name.split()) >= 2 and text == name:
                out.body_names.append(Candidate((name,), "body-byline", text,
                                                AUTHOR_PRECEDENCE["body-byline"]))
        if not (t == "time" or tokens & _DATE_HINTS) and len(text) <= options.max_dateline_chars:
            _dates(node, tokens, dayfirst, options, out, text=text)
    return out


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
            return
    iso = parse_date(raw, dayfirst=dayfirst)
    if not iso:
        return
    label = " ".join(tokens) + " " + (text or dom.text_of(node))[:60]
    modified = bool(_MODIFIED.search(label)) or bool(tokens & {"updated", "modified"})
    cand = Candidate(iso, origin, raw, DATE_PRECEDENCE[origin])
    (out.modified if modified else out.published).append(cand)
