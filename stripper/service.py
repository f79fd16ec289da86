"""Service pages (company and product marketing pages built section by section).

Selection keeps every block of the container that is not boilerplate or a link
(``selection.inclusive_types``). On these pages a service is often described in a
card whose whole box is one link, so its text scores as navigation (link density
1): such linked text is kept when it reads as a sentence, does not open with a call
to action and does not sit in a carousel (``_linked_text``), and so is the card's
linked title. Carousels also clone their slides, so their repeats are dropped
(``in_slider``), while a line that each card repeats (an offer's "Book by Dec 31")
belongs to each card.
"""

from __future__ import annotations

import re

from .dom import Doc
from .options import SelectOptions
from .rules import CALL_TO_ACTION_OPENINGS, SLIDER_PARTS
from .score import Scores
from .tracing import NULL_TRACE, Trace

# a block more than half link text is navigation unless it reads as linked text
_MOSTLY_LINKS = 0.5
_WORD_PARTS = re.compile(r"[\s_\-]+")


def keep_inclusive(doc: Doc, scores: Scores, container: int, options: SelectOptions,
                    trace: Trace = NULL_TRACE) -> list[int]:
    """Service pages: every block of the container that is not boilerplate or a
    link, plus linked text that reads as a described service (``_linked_text``)
    and the title of its card (the other linked blocks of the same link box)."""
    e = doc.elements[container]
    kept: list[int] = []
    boxes: set[int] = set()  # the <a> elements of cards whose text was kept
    for i in range(e.first, e.end):
        s = scores.blocks[i]
        if s.cls != "bad" and s.link_density <= _MOSTLY_LINKS:
            kept.append(i)
            continue
        box = _linked_text(doc, scores, i, container, options.linked_text_words)
        if box is None:
            continue
        if trace.enabled:
            trace.add("select", doc.path(doc.blocks[i].element), "linked-text", "keep",
                      value=s.link_density, text=doc.blocks[i].text)
        kept.append(i)
        if box >= 0:
            boxes.add(box)
    if not boxes:
        return kept
    return sorted(kept + _card_titles(doc, scores, boxes, set(kept), trace))


def _card_titles(doc: Doc, scores: Scores, boxes: set[int], kept: set[int],
                 trace: Trace) -> list[int]:
    """The linked headings and labels sharing a link box with kept linked text:
    a card is its title and its description together."""
    out = []
    for box in boxes:
        el = doc.elements[box]
        for i in range(el.first, el.end):
            s = scores.blocks[i]
            if i in kept or not (s.cls == "heading" or s.reason == "link-density"):
                continue
            if trace.enabled:
                trace.add("select", doc.path(doc.blocks[i].element), "card-title", "keep",
                          text=doc.blocks[i].text)
            out.append(i)
            kept.add(i)
    return out


_CTA_WORDS = "|".join(re.escape(w) for w in CALL_TO_ACTION_OPENINGS)
_CTA_OPENING = re.compile(rf"(?:{_CTA_WORDS})\b", re.IGNORECASE)
_NO_BOX = -1


def _linked_text(doc: Doc, scores: Scores, i: int, container: int,
                 min_words: int) -> int | None:
    """A block that is a link only because its card is one (a service described
    in its link box): a sentence of ``min_words`` words or more, not a call to
    action ("Learn more about …"), and not a slide of a carousel. Returns the
    card's link element (``_NO_BOX`` when the block holds its links itself), or
    None when the block is navigation."""
    s = scores.blocks[i]
    linky = s.reason == "link-density" or (s.cls == "heading" and s.link_density > _MOSTLY_LINKS)
    text = doc.blocks[i].text
    if not linky or text.count(" ") + 1 < min_words or _CTA_OPENING.match(text):
        return None
    box = _NO_BOX
    e = doc.blocks[i].element
    while e >= 0 and e != container:
        el = doc.elements[e]
        if el.hints and not SLIDER_PARTS.isdisjoint(_WORD_PARTS.split(el.hints)):
            return None
        if el.tag == "a" and box == _NO_BOX:
            box = e
        e = el.parent
    return box


def in_slider(doc: Doc, e: int) -> bool:
    """Inside a carousel or slider (``rules.SLIDER_PARTS``): slides are cloned."""
    while e >= 0:
        el = doc.elements[e]
        if el.hints and not SLIDER_PARTS.isdisjoint(_WORD_PARTS.split(el.hints)):
            return True
        e = el.parent
    return False
