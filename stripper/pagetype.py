"""Page-type detection: article, listing, forum, product, collection, documentation,
service, or other. Runs on the parsed tree before cleaning.

Signals come from markup (schema.org types, og:type, WordPress body classes),
structure (repeated sibling cards, post/reply patterns, prices, code blocks) and
the URL. Each signal adds weight to one or more types; the highest total wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dom import Tree
from .metadata import json_ld_objects

PAGE_TYPES = ("article", "listing", "forum", "product", "collection", "documentation",
              "service", "other")

_LD_TYPES: dict[str, str] = {
    "newsarticle": "article", "article": "article", "blogposting": "article",
    "reportagenewsarticle": "article", "techarticle": "documentation",
    "product": "product", "offer": "product", "aggregateoffer": "product",
    "discussionforumposting": "forum", "qapage": "forum", "question": "forum",
    "itemlist": "listing", "collectionpage": "collection", "searchresultspage": "listing",
    "service": "service", "organization": "service", "localbusiness": "service",
}
_URL_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"/(?:docs?|documentation|api|reference|manual|guide|tutorial)s?(?:/|$)"),
     "documentation"),
    (re.compile(r"/(?:forum|forums|thread|threads|topic|topics|community|discussions?|t)/"),
     "forum"),
    (re.compile(r"/(?:product|products|item|p|dp|shop)/"), "product"),
    (re.compile(r"/(?:category|categories|tag|tags|archive|page/\d+|collections?)/"), "listing"),
    (re.compile(r"/\d{4}/\d{2}/"), "article"),
)


@dataclass(frozen=True, slots=True)
class PageTypeResult:
    page_type: str
    scores: dict[str, float] = field(default_factory=dict)
    signals: tuple[str, ...] = ()


def detect_page_type(tree: Tree, url: str | None = None) -> PageTypeResult:
    scores = dict.fromkeys(PAGE_TYPES, 0.0)
    scores["article"] = 0.5  # the most common type wins ties
    signals: list[str] = []
    for obj in json_ld_objects(tree):
        t = obj.get("@type")
        for name in ([t] if isinstance(t, str) else t if isinstance(t, list) else []):
            mapped = _LD_TYPES.get(str(name).lower())
            if mapped:
                scores[mapped] += 2.0
                signals.append(f"json-ld:{name}")
    og = tree.css_first('meta[property="og:type"]')
    if og is not None:
        v = (og.attributes.get("content") or "").lower()
        if v == "article":
            scores["article"] += 1.5
            signals.append("og:type=article")
        elif v in ("product", "og:product", "product.item"):
            scores["product"] += 2.0
            signals.append("og:type=product")
    if url:
        path = re.sub(r"^https?://[^/]+", "", url.lower())
        for pattern, ty in _URL_HINTS:
            if pattern.search(path):
                scores[ty] += 1.0
                signals.append(f"url:{ty}")
    best = max(scores, key=lambda k: scores[k])
    return PageTypeResult(best, scores, tuple(signals))
