"""Stage 4, score: classify every text block and score every element as a container.

Pure: reads the flattened ``Doc``, returns side tables, never touches the tree.

Block classes (after jusText, with Readability's class/id hints):

* ``bad``     — interface text: link-dense, or a known boilerplate phrase;
* ``heading`` — h1-h6; kept later only when content follows it;
* ``short``   — under ``min_block_chars``: decided later by its neighbours;
* ``good``    — everything else: text a reader came for.

Container score of an element = Σ good chars (less their link chars) − bad_weight ×
Σ bad chars, over the blocks it holds, times a small bonus for content-like
class/id words and landmarks. The best container is the element with the highest
score, which is the maximum-sum subtree: it grows to take in every card of a
listing or every post of a thread, and stops where boilerplate outweighs content.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .dom import Doc, Element
from .options import DEFAULT_OPTIONS, ScoreOptions
from .rules import (
    BOILERPLATE_PHRASES,
    BREADCRUMB_SEPARATORS,
    COUNTER_WORDS,
    DISCLOSURE_PATTERNS,
    NEGATIVE_HINTS,
    PLACEHOLDER_OPENINGS,
    POSITIVE_HINTS,
    READING_TIME,
)
from .tracing import NULL_TRACE, Trace

_PHRASES = tuple(sorted(set(BOILERPLATE_PHRASES), key=len, reverse=True))
# a phrase opens a block only as whole words: "sale" opens "Sale!" but not "Salem"
_PHRASE_START = re.compile("(?:" + "|".join(re.escape(p) for p in _PHRASES) + r")(?!\w)")
_PHRASE_SET = frozenset(_PHRASES)
_MAX_PHRASE_BLOCK = 60  # longer blocks are prose that may quote a phrase
_COUNTER_WORD = "(?:" + "|".join(re.escape(w) for w in COUNTER_WORDS) + ")"
# "12 Posts 3.2k Views", or the word first as thread-stat boxes write it ("Replies 154")
_COUNTER = re.compile(
    r"^(?:[\s·•|,(]*(?:[\d.,]+[kKmM]?\s*" + _COUNTER_WORD + r"|" + _COUNTER_WORD
    + r":?\s*[\d.,]+[kKmM]?)\b[)\s·•|,]*)+$", re.IGNORECASE)
# A block made mostly of "words" this long that mix digits and letters (or twice
# as long) is machine text (ids, hashes, base64, tracking strings), not language.
_MACHINE_WORD = 25
_MACHINE_SHARE = 0.5
# A block made only of unrendered template expressions ("${{amount_no_decimals}}",
# "{{ product.title }}", "{% if %}"): the page's JavaScript fills them in, a reader
# never sees them. Written so that each space has one place to go: with "\s*" on both
# sides of an expression and up to 3 glue characters that may be none, a block of 30
# expressions and one other character backtracked for hours.
_EXPRESSION = r"(?:\{\{[^{}]*\}\}|\{%[^{}]*%\}|\$\{[^{}]*\})"
_TEMPLATE = re.compile(rf"(?:[^{{}}\s]{{1,3}})?\s*{_EXPRESSION}"
                       rf"(?:\s*(?:[^{{}}\s]{{1,3}}\s*)?{_EXPRESSION})*\s*")
# A short line with a copyright sign or notice and a year is a site footer.
_COPYRIGHT_CHARS = 200
_COPYRIGHT = re.compile(r"(©|\(c\)|copyright|&copy;)\s*(\d{4}|\w+\s+\d{4})", re.IGNORECASE)
# an affiliate or sponsorship notice is a sentence or two, not an article
_DISCLOSURE_CHARS = 300
_DISCLOSURE = re.compile("|".join(DISCLOSURE_PATTERNS))
_READING_TIME = re.compile(READING_TIME)
# a breadcrumb trail: three or more parts of at most _CRUMB_PART characters joined by
# one separator between spaces, in a block of at most _CRUMB_CHARS whose links make
# up at least _CRUMB_LINKS of it (the last part, the page itself, is not linked)
_CRUMB_CHARS = 150
_CRUMB_PART = 60
_CRUMB_LINKS = 0.2
_CRUMB_SEPS = tuple(f" {c} " for c in BREADCRUMB_SEPARATORS)
_SEMANTIC_TAGS = {"article": 0.3, "main": 0.3}
_SEMANTIC_PROPS = {"articlebody": 0.5, "text": 0.2, "mainentityofpage": 0.1}


@dataclass(frozen=True, slots=True)
class BlockScore:
    cls: str  # good | bad | short | heading
    value: float  # contribution to container scores
    link_density: float
    reason: str


@dataclass(slots=True)
class Scores:
    blocks: list[BlockScore]
    containers: list[float]  # per element, aligned with doc.elements
    best: int  # index of the best container element (-1 when the page is empty)
    good_chars: int  # all good characters on the page
    # Card view (listings, collections): link titles count as content.
    card_values: list[float]
    best_cards: int
    titles: int  # link blocks that read like titles (>= card_title_words words)
    in_card: list[bool] = field(default_factory=list)  # per block: inside a card group


def _phrase_hit(text: str) -> bool:
    key = text.lower().strip(" :·|•»›→-–—!.[]()")
    if key in _PHRASE_SET:
        return True
    return len(text) <= _MAX_PHRASE_BLOCK and _PHRASE_START.match(key) is not None


def classify_block(text: str, chars: int, link_chars: int, heading: int,
                   options: ScoreOptions, *, pre: bool = False) -> BlockScore:
    """Classify one block by length, link density and vocabulary (see module doc)."""
    ld = link_chars / chars if chars else 0.0
    if chars <= _MAX_PHRASE_BLOCK and (_phrase_hit(text) or _COUNTER.match(text)):
        return BlockScore("bad", -options.bad_weight * chars, ld, "boilerplate-phrase")
    if not pre and text.lstrip(" -–—•\"'“").lower().startswith(PLACEHOLDER_OPENINGS):
        return BlockScore("bad", -options.bad_weight * chars, ld, "placeholder")
    if heading:
        return BlockScore("heading", 0.0, ld, f"h{heading}")
    if chars <= _MAX_PHRASE_BLOCK and _READING_TIME.search(text.lower()):
        return BlockScore("bad", -options.bad_weight * chars, ld, "reading-time")
    if chars <= _COPYRIGHT_CHARS and _COPYRIGHT.search(text):
        return BlockScore("bad", -options.bad_weight * chars, ld, "copyright")
    if chars <= _DISCLOSURE_CHARS and _DISCLOSURE.search(text.lower()):
        return BlockScore("bad", -options.bad_weight * chars, ld, "disclosure")
    if not pre and ld >= _CRUMB_LINKS and chars <= _CRUMB_CHARS and _breadcrumb(text):
        return BlockScore("bad", -options.bad_weight * chars, ld, "breadcrumb")
    if not pre and " " not in text and text.startswith(("http://", "https://", "www.")):
        return BlockScore("bad", -options.bad_weight * chars, ld, "bare-url")
    if not pre and _TEMPLATE.fullmatch(text):
        return BlockScore("bad", -options.bad_weight * chars, ld, "template")
    if not pre and chars >= _MACHINE_WORD and _machine_text(text, chars):
        return BlockScore("bad", -options.bad_weight * chars, ld, "machine-text")
    if ld > options.max_link_density:
        return BlockScore("bad", -options.bad_weight * chars, ld, "link-density")
    if chars < options.min_block_chars:
        return BlockScore("short", 0.0, ld, "short")
    return BlockScore("good", chars * (1.0 - ld), ld, "text")


def _breadcrumb(text: str) -> bool:
    for sep in _CRUMB_SEPS:
        if text.count(sep) >= 2:
            parts = text.split(sep)
            return all(0 < len(p.strip()) <= _CRUMB_PART for p in parts)
    return False


def _machine_word(w: str) -> bool:
    if len(w) < _MACHINE_WORD or "/" in w:
        return False
    return len(w) >= 2 * _MACHINE_WORD or (any(c.isdigit() for c in w)
                                           and any(c.isalpha() for c in w))


def _machine_text(text: str, chars: int) -> bool:
    return sum(len(w) for w in text.split() if _machine_word(w)) > _MACHINE_SHARE * chars


_CARD_TAGS = frozenset({"li", "article", "div", "section", "figure", "dd"})
_DIGITS = re.compile(r"\d+")


def card_blocks(doc: Doc, blocks: list[BlockScore], options: ScoreOptions) -> list[bool]:
    """Blocks that sit in a card: one of at least ``card_min_group`` sibling elements
    of the same tag and class, each holding a link plus more (a price, a date, a
    summary) or a link long enough to be a title. Menus repeat too, but their
    items are one short link each."""
    groups: dict[tuple[int, str, str], list[int]] = {}
    for e in doc.elements:
        if e.parent >= 0 and e.end > e.first and e.links and e.tag in _CARD_TAGS:
            key = (e.parent, e.tag, _DIGITS.sub("#", e.hints.split(" ", 1)[0]))
            groups.setdefault(key, []).append(e.idx)
    in_card = [False] * len(doc.blocks)
    for members in groups.values():
        if len(members) < options.card_min_group:
            continue
        cards = [m for m in members if _is_card(doc, blocks, doc.elements[m], options)]
        if len(cards) >= options.card_min_group and len(cards) >= 0.6 * len(members):
            for m in cards:
                e = doc.elements[m]
                for i in range(e.first, e.end):
                    in_card[i] = True
    return in_card


def _is_card(doc: Doc, blocks: list[BlockScore], e: Element, options: ScoreOptions) -> bool:
    n = e.end - e.first
    if n > options.card_max_blocks:
        return False
    linked = [i for i in range(e.first, e.end) if blocks[i].link_density > 0.5]
    if not linked:
        return False
    if n >= 2:
        return True
    text = doc.blocks[linked[0]].text
    return text.count(" ") + 1 >= options.card_title_words


def card_value(s: BlockScore, text: str, options: ScoreOptions, in_card: bool = False) -> float:
    """A block's worth when the page is a list of cards: titles are links."""
    chars = len(text)
    if s.reason == "boilerplate-phrase":
        return -chars
    if s.reason == "link-density":
        if in_card or text.count(" ") + 1 >= options.card_title_words:
            return options.card_title_weight * chars
        return -options.card_menu_weight * chars
    if s.cls in ("short", "heading") or s.reason == "reading-time":
        return options.card_title_weight * chars * 0.5  # a teaser's date and reading time
    return s.value


def _best(doc: Doc, values: list[float], options: ScoreOptions) -> tuple[list[float], int]:
    prefix = [0.0]
    for v in values:
        prefix.append(prefix[-1] + v)
    containers = [0.0] * len(doc.elements)
    best, best_score = -1, 0.0
    for e in doc.elements:
        if e.end <= e.first:
            continue
        raw = prefix[e.end] - prefix[e.first]
        sc = raw * (1.0 + options.hint_bonus * hint_weight(e)) if raw > 0 else raw
        containers[e.idx] = sc
        if sc > best_score:
            best, best_score = e.idx, sc
    return containers, best


def hint_weight(el: Element) -> float:
    """+1 per content-like word part of class/id, -1 per boilerplate-like one, capped."""
    w = _SEMANTIC_TAGS.get(el.tag, 0.0) + _SEMANTIC_PROPS.get(el.itemprop, 0.0)
    if el.role == "main":
        w += 0.3
    if el.hints:
        w += _class_weight(el.hints)
    return w


@functools.lru_cache(maxsize=65536)
def _class_weight(hints: str) -> int:
    pos = neg = 0
    for word in hints.replace("_", "-").split():
        parts = word.split("-")
        if word in POSITIVE_HINTS or any(p in POSITIVE_HINTS for p in parts):
            pos += 1
        if word in NEGATIVE_HINTS or any(p in NEGATIVE_HINTS for p in parts):
            neg += 1
    return min(pos, 2) - min(neg, 2)


def score(doc: Doc, options: ScoreOptions = DEFAULT_OPTIONS.score,
          trace: Trace = NULL_TRACE) -> Scores:
    blocks = [classify_block(b.text, b.chars, b.link_chars, b.heading, options, pre=b.pre)
              for b in doc.blocks]
    if trace.enabled:
        for b, s in zip(doc.blocks, blocks):
            if b.chars >= options.min_block_chars or s.cls == "bad":
                trace.add("score", doc.path(b.element), s.reason, s.cls,
                          value=s.link_density, threshold=options.max_link_density,
                          text=b.text)
    containers, best = _best(doc, [s.value for s in blocks], options)
    in_card = card_blocks(doc, blocks, options)
    cards = [card_value(s, b.text, options, c) for s, b, c in zip(blocks, doc.blocks, in_card)]
    _, best_cards = _best(doc, cards, options)
    titles = sum(1 for s, b in zip(blocks, doc.blocks) if s.reason == "link-density"
                 and b.text.count(" ") + 1 >= options.card_title_words)
    return Scores(blocks=blocks, containers=containers, best=best,
                  good_chars=int(sum(s.value for s in blocks if s.cls == "good")),
                  card_values=cards, best_cards=best_cards, titles=titles, in_card=in_card)
