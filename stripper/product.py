"""Product pages: the description a shop declares, and the sections that hold it.

Shops (Shopify, WooCommerce, Magento, BigCommerce themes, and headless React
storefronts) describe the product in schema.org JSON-LD (``Product.description``).
The visible copy of that text is often missing from what selection keeps: it sits
in a tab or drawer outside the chosen container, in a column the clean stage took
for a sidebar, or nowhere at all because JavaScript renders it from a JSON payload.
When the body misses most of the declared description, the description is put at
the head of the body, and the decision is traced.

Read before cleaning: the clean stage removes the ``<script>`` elements it sits in.

The visible description, specifications and details often sit outside the best
container too: product pages put them in tabs, accordions and a second column.
Sections whose class/id names that kind of text are kept wherever they are.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import unquote

from .dom import Doc, Tree
from .metadata.structured import json_ld_objects, ld_types, text_value
from .options import DEFAULT_OPTIONS, SelectOptions
from .rules import PRODUCT_LD_TYPES, PRODUCT_SECTION_ITEMPROPS, PRODUCT_SECTION_PARTS
from .score import Scores
from .selection import Selection
from .tracing import NULL_TRACE, Trace

_BREAK_TAG = re.compile(r"<(?:br|/?p|/?li|/?div|/?h[1-6]|/?ul|/?ol)\b[^>]{0,200}>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,200}>")
_WORD = re.compile(r"\w+")
_PRODUCT_TYPES = frozenset(PRODUCT_LD_TYPES)


def declared_description(tree: Tree, options: SelectOptions = DEFAULT_OPTIONS.select) -> str | None:
    """The longest description of a JSON-LD product object, as plain text, when it is
    at least ``options.declared_description_chars`` long."""
    best: str | None = None
    for obj in json_ld_objects(tree):
        if not ld_types(obj) & _PRODUCT_TYPES:
            continue
        text = text_value(obj.get("description"))
        if not text:
            continue
        if " " not in text and "%20" in text:
            text = unquote(text)  # some themes percent-encode the whole string
        # descriptions may carry markup: <br> and <p> part words, <b> does not
        text = " ".join(_TAG.sub("", _BREAK_TAG.sub(" ", text)).split())
        if len(text) >= options.declared_description_chars and (best is None or len(text) > len(best)):
            best = text
    return best


def word_cover(part: str, whole: str) -> float:
    """Share of ``part``'s words (with their counts) that ``whole`` also holds."""
    a = Counter(_WORD.findall(part.lower()))
    if not a:
        return 1.0
    b = Counter(_WORD.findall(whole.lower()))
    return sum((a & b).values()) / sum(a.values())


def complete_body(body: str, description: str | None,
                  options: SelectOptions = DEFAULT_OPTIONS.select,
                  trace: Trace = NULL_TRACE) -> str:
    """Put the declared description at the head of ``body`` when the body holds less
    than ``options.declared_description_cover`` of its words."""
    if not description:
        return body
    cover = word_cover(description, body)
    missing = cover < options.declared_description_cover
    if trace.enabled:
        trace.add("select", "json-ld Product", "declared-description",
                  "keep" if missing else "drop (in body)",
                  value=cover, threshold=options.declared_description_cover,
                  text=description[:80])
    if not missing:
        return body
    return f"{description}\n\n{body}" if body.strip() else description


_SPLIT = re.compile(r"[\s_\-]+")
_SECTION_PARTS = frozenset(PRODUCT_SECTION_PARTS)
_SECTION_ITEMPROPS = frozenset(PRODUCT_SECTION_ITEMPROPS)
_LINKY = 0.5  # a block more than half link text is navigation, as in selection


def _section_elements(doc: Doc) -> list[int]:
    """Outermost elements whose class/id word parts (or itemprop) name product text."""
    out: list[int] = []
    covered_to = -1
    for e in doc.elements:
        if e.end <= e.first or e.first < covered_to:
            continue
        named = e.itemprop in _SECTION_ITEMPROPS or (
            e.hints and not _SECTION_PARTS.isdisjoint(_SPLIT.split(e.hints)))
        if named:
            out.append(e.idx)
            covered_to = e.end
    return out


def add_product_sections(doc: Doc, scores: Scores, selection: Selection,
                         trace: Trace = NULL_TRACE) -> Selection:
    """Keep the product's description, specification and detail sections that lie
    outside the chosen container (a tab strip, a second column, a drawer), named by
    their class/id (``rules.PRODUCT_SECTION_PARTS``) or ``itemprop=description``.

    Their text, headings and short lines (spec values) are kept; boilerplate and
    link lists are not."""
    if selection.container < 0 or selection.strategy == "cards":
        return selection
    c = doc.elements[selection.container]
    kept = set(selection.kept)
    for idx in _section_elements(doc):
        e = doc.elements[idx]
        added = [i for i in range(e.first, e.end)
                 if not c.first <= i < c.end and i not in kept
                 and scores.blocks[i].cls != "bad" and scores.blocks[i].link_density <= _LINKY]
        if not added:
            continue
        if trace.enabled:
            trace.add("select", doc.path(idx), "product-section", "keep",
                      value=sum(doc.blocks[i].chars for i in added))
        kept.update(added)
    selection.kept = sorted(kept)
    return selection
