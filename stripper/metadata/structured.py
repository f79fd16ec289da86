"""Structured metadata: JSON-LD (with @graph, @id references and arrays), microdata
``itemprop`` values and ``<meta>`` tags, read once per page into plain data.

JSON-LD objects are flattened into one list; ``main`` is the object that
describes the page itself: the highest-ranked article-like type in
``metarules.ARTICLE_LD_TYPES``, else a page-like type (``WebPage``).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import dom
from ..dom import Node, Tree
from ..metarules import ARTICLE_LD_TYPES, PAGE_LD_TYPES

LdObject = dict[str, Any]
_WALK_KEYS = ("@graph", "mainEntity", "mainEntityOfPage", "itemReviewed", "hasPart",
              "subjectOf", "about", "itemListElement", "item", "acceptedAnswer",
              "suggestedAnswer", "comment")
_ARTICLE_SET = frozenset(ARTICLE_LD_TYPES) - {"creativework", "videoobject", "review"}
# JSON-LD written as a <meta> tag: a React Router/Remix meta descriptor
# ({"script:ld+json": {...}}) passed through a framework that renders every
# descriptor as <meta name=… content=…> (Next.js ``metadata.other``).
LD_JSON_META = "script:ld+json"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# JSON-LD nested deeper than this is refused like invalid JSON: real objects nest a few
# levels (a @graph of articles, their authors, their images), while 1,000 levels make
# json.loads and every reader that walks a value run out of Python's recursion stack.
MAX_LD_DEPTH = 100
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = re.compile(r"[\[\]{}]")
_MICRODATA_PROPS = ("headline", "name", "author", "creator", "datepublished", "datecreated",
                    "datemodified", "dateupdated")


def _walk(obj: Any, depth: int = 0) -> Iterator[LdObject]:
    if depth > 8:
        return
    if isinstance(obj, list):
        for o in obj:
            yield from _walk(o, depth + 1)
    elif isinstance(obj, dict):
        yield obj
        for key in _WALK_KEYS:
            if key in obj and isinstance(obj[key], (dict, list)):
                yield from _walk(obj[key], depth + 1)


def _too_deep(raw: str, max_depth: int) -> bool:
    """Whether the JSON text nests brackets deeper than ``max_depth`` (strings skipped);
    text with fewer opening brackets than that is not scanned."""
    if raw.count("[") + raw.count("{") <= max_depth:
        return False
    depth = 0
    for m in _BRACKETS.finditer(_JSON_STRING.sub("", raw)):
        depth += 1 if m.group() in "[{" else -1
        if depth > max_depth:
            return True
    return False


def _loads(raw: str) -> Any:
    raw = raw.strip()
    raw = raw.removeprefix("<!--")
    raw = raw.removesuffix("-->")
    raw = raw.strip().removeprefix("//<![CDATA[").removesuffix("//]]>").strip().rstrip(";")
    if _too_deep(raw, MAX_LD_DEPTH):
        return None
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        try:
            return json.loads(_CONTROL.sub(" ", raw), strict=False)
        except ValueError:
            return None


def json_ld_objects(tree: Tree) -> list[LdObject]:
    """Every JSON-LD object on the page, nested ones included, in document order."""
    out: list[LdObject] = []
    for raw in dom.iter_json_ld(tree):
        data = _loads(raw)
        if data is not None:
            out.extend(_walk(data))
    return out


def ld_types(obj: LdObject) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower().rsplit("/", 1)[-1]}
    if isinstance(t, list):
        return {str(x).lower().rsplit("/", 1)[-1] for x in t}
    return set()


def _rank(obj: LdObject) -> int:
    types = ld_types(obj)
    ranks = [i for i, t in enumerate(ARTICLE_LD_TYPES) if t in types]
    if ranks:
        return min(ranks)
    if types & set(PAGE_LD_TYPES):
        return len(ARTICLE_LD_TYPES)
    return 1_000


def text_value(value: Any) -> str | None:
    """A string from a JSON-LD value (string, list of strings or {"@value": …})."""
    if isinstance(value, str):
        v = " ".join(html.unescape(value).split())
        return v or None
    if isinstance(value, list) and value:
        return text_value(value[0])
    if isinstance(value, dict):
        return text_value(value.get("@value") or value.get("name"))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


@dataclass(slots=True)
class Structured:
    """What the page says about itself in machine-readable form."""

    ld: list[LdObject] = field(default_factory=list)
    by_id: dict[str, LdObject] = field(default_factory=dict)
    main: LdObject | None = None  # the article-like object describing the page
    page: LdObject | None = None  # the WebPage-like object, when different
    metas: dict[str, list[str]] = field(default_factory=dict)
    microdata: dict[str, list[tuple[str, Node]]] = field(default_factory=dict)
    item_types: set[str] = field(default_factory=set)
    h1: list[Node] = field(default_factory=list)
    h2: list[Node] = field(default_factory=list)
    rel_authors: list[Node] = field(default_factory=list)
    canonical: str | None = None
    lang_nodes: list[Node] = field(default_factory=list)  # elements below <html> with lang
    pubdates: list[Node] = field(default_factory=list)  # <time pubdate> elements

    @property
    def declares_article(self) -> bool:
        """The page calls itself an article, post or question (JSON-LD or microdata).
        ``og:type=article`` does not count: WordPress themes set it on every page."""
        return self.main is not None or bool(self.item_types & _ARTICLE_SET)

    def meta(self, key: str) -> str | None:
        values = self.metas.get(key)
        return values[0] if values else None

    def resolve(self, value: Any) -> Any:
        """Follow an ``{"@id": …}`` reference to its full object, when the page has it."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
            ref = value.get("@id")
            if isinstance(ref, str) and ref in self.by_id:
                return self.by_id[ref]
        return value


# One pass over the document collects every element the metadata stage reads.
_COLLECT = ('meta, script[type="application/ld+json"], h1, h2, [itemprop], [itemtype], '
            'a[rel~="author"], link[rel="canonical"], body [lang], time[pubdate]')


def read_structured(tree: Tree) -> Structured:
    s = Structured()
    ld_texts: list[str] = []
    seen: set[int] = set()
    for node in tree.css(_COLLECT):
        if node.mem_id in seen:  # a node matching two selectors comes back twice
            continue
        seen.add(node.mem_id)
        t = dom.tag(node)
        a = node.attributes
        if t == "meta":
            key = a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv")
            content = a.get("content")
            if key and content:
                s.metas.setdefault(key.strip().lower(), []).append(
                    " ".join(html.unescape(content).split()))
        elif t == "script":
            ld_texts.append(node.text(deep=True))
        elif t == "h1":
            s.h1.append(node)
        elif t == "h2":
            s.h2.append(node)
        elif t == "link":
            s.canonical = s.canonical or a.get("href")
        elif t == "time" and "pubdate" in a:
            s.pubdates.append(node)
        if a.get("lang") and t not in ("html", "meta", "script", "link") \
                and len(s.lang_nodes) < 20:
            s.lang_nodes.append(node)
        if t == "a" and "author" in (a.get("rel") or "").lower().split():
            s.rel_authors.append(node)
        if a.get("itemprop") and not (t == "meta" and a.get("name")):
            _microdata_node(node, s.microdata)
        if a.get("itemtype") and len(s.item_types) < 50:
            for it in (a.get("itemtype") or "").split():
                s.item_types.add(it.rstrip("/").rsplit("/", 1)[-1].lower())
    ld_texts += s.metas.get(LD_JSON_META, [])
    for raw in ld_texts:
        data = _loads(raw) if raw else None
        if data is not None:
            s.ld.extend(_walk(data))
    for obj in s.ld:
        ref = obj.get("@id")
        if isinstance(ref, str) and len(obj) > 2:
            s.by_id.setdefault(ref, obj)
    ranked = sorted((o for o in s.ld if _rank(o) < 1_000), key=_rank)
    if ranked:
        best = ranked[0]
        if _rank(best) < len(ARTICLE_LD_TYPES):
            s.main = best
            s.page = next((o for o in ranked if _rank(o) == len(ARTICLE_LD_TYPES)), None)
        else:
            s.page = best
    return s


def _microdata_node(node: Node, out: dict[str, list[tuple[str, Node]]]) -> None:
    # each property once: an element naming "author" a million times is one author
    # (reading the attributes again per word made that quadratic: 7 MB took 8 minutes)
    props = dict.fromkeys((dom.attr(node, "itemprop") or "").lower().split())
    a = node.attributes if any(p in _MICRODATA_PROPS for p in props) else {}
    for prop in props:
        if prop not in _MICRODATA_PROPS:
            continue
        value = a.get("content") or a.get("datetime") or ""
        if not value:
            inner = node.css_first("[itemprop=name]") if prop in ("author", "creator") else None
            value = dom.text_of(inner if inner is not None else node)
        if value:
            out.setdefault(prop, []).append((" ".join(value.split()), node))
