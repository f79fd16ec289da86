"""Product pages: the description a shop declares in its structured data.

Shops (Shopify, WooCommerce, Magento, BigCommerce themes, and headless React
storefronts) describe the product in schema.org JSON-LD (``Product.description``).
The visible copy of that text is often missing from what selection keeps: it sits
in a tab or drawer outside the chosen container, in a column the clean stage took
for a sidebar, or nowhere at all because JavaScript renders it from a JSON payload.
When the body misses most of the declared description, the description is put at
the head of the body, and the decision is traced.

Read before cleaning: the clean stage removes the ``<script>`` elements it sits in.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import unquote

from .dom import Tree
from .metadata.structured import json_ld_objects, ld_types, text_value
from .options import DEFAULT_OPTIONS, SelectOptions
from .rules import PRODUCT_LD_TYPES
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
