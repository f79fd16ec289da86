"""Page-type detection: article, listing, forum, product, collection, documentation,
service, or other. Runs on the parsed tree before cleaning.

Three steps, each a small function:

1. ``measure``: one pass over the tree (``dom.profile``) plus a few CSS counts and
   the URL give named measurements ("features", see ``pagerules``);
2. ``rule_scores``: every signal of ``pagerules.SIGNALS`` whose feature reaches its
   level adds its weights; the highest total is the rules' answer;
3. ``model_scores`` (optional): a small multinomial logistic regression over the
   same features and the rule totals (``pagetype_model.json``, trained by
   ``scripts/train_pagetype.py``; pure Python at run time). A page without a URL
   (a saved file) is measured with the address it declares for itself (canonical
   link, else ``og:url``); without that either, it gets a second model trained on
   the same pages with their URL measurements left out
   (``pagetype_model_nourl.json``): the first one leans on the URL, and read
   without it, it takes many articles for service pages or listings.

Every signal that fires is a ``Decision`` with stage ``pagetype`` in the trace.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from . import dom
from .dom import Tree
from .pagerules import (
    CLASS_PARTS,
    GENERATORS,
    LD_TYPES,
    OG_TYPES,
    PAGE_TYPES,
    PRIOR,
    PROFILE_ATTRIBUTES,
    ROOT_CLASSES,
    SIGNALS,
    TEXT_LIMIT,
    TEXT_PHRASES,
    TEXT_SYMBOLS,
    TITLE_WORDS,
    URL_PATTERNS,
)
from .tracing import NULL_TRACE, Trace

MODEL_FILE = "pagetype_model.json"
NO_URL_MODEL_FILE = "pagetype_model_nourl.json"
# measurements that only a URL gives (``_url``, ``_links``): left out of the
# no-URL model's training pages, as ``measure(tree, None)`` leaves them out
URL_FEATURES = ("url:", "shape:links-below", "shape:links-beside")

_LD_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')
_QUOTED = re.compile(r'"([^"]+)"')
_DIGITS = re.compile(r"\d+")
_NON_LETTER_TO_SPACE = bytes(b if chr(b).isalpha() and b < 128 else 32 for b in range(256))
_CLASS_PARTS_B = frozenset(p.encode() for p in CLASS_PARTS)
_PUNCT_TO_SPACE = bytes(b if (chr(b).isalnum() or b > 127) else 32 for b in range(256))
_SINGLE: dict[bytes, list[str]] = {}  # one-word phrase -> the features it counts for
_MULTI: dict[bytes, list[tuple[str, tuple[bytes, ...], bytes]]] = {}  # by first word
for _name, _phrases in TEXT_PHRASES:
    for _p in _phrases:
        _ws = tuple(w.encode() for w in _p.split())
        if len(_ws) == 1:
            _SINGLE.setdefault(_ws[0], []).append("text:" + _name)
        else:
            _MULTI.setdefault(_ws[0], []).append(
                ("text:" + _name, _ws, b" " + b" ".join(_ws) + b" "))
_TITLE_WORDS = frozenset(w.encode() for w in TITLE_WORDS)
_SYMBOLS = tuple(("text:" + name, tuple(s.encode() for s in symbols))
                 for name, symbols in TEXT_SYMBOLS)
_URLS = tuple((name, re.compile(rx)) for name, rx in URL_PATTERNS)
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#]*")
_CARD_TAGS = frozenset({"article", "li", "div", "section", "tr"})
_LONG_P = 150  # characters: a paragraph of prose, not a caption or a button label
_REPEAT = 4  # siblings-to-be: elements sharing one class string this often
_COUNTED_TAGS = ("p", "pre", "code", "section", "article", "form", "input", "h1", "h2", "h3",
                 "h4", "li", "ul", "table", "td", "img", "a", "time", "button", "select",
                 "aside", "nav", "dl", "dd", "figure", "blockquote", "label", "textarea",
                 "iframe", "video", "svg", "header", "footer", "main", "span", "div", "small")


@dataclass(frozen=True, slots=True)
class PageTypeResult:
    page_type: str
    scores: dict[str, float] = field(default_factory=dict)
    signals: tuple[str, ...] = ()
    rule_type: str = ""  # what the rules alone say


Features = dict[str, float]


# ---------------------------------------------------------------- 1 measure
def measure(tree: Tree, url: str | None = None) -> Features:
    """Named measurements of one page: counts, or 1.0 for a present marker."""
    prof = dom.profile(tree, PROFILE_ATTRIBUTES, _CARD_TAGS)
    f: Features = defaultdict(float)
    _markup(prof, f)
    _parts(prof, f)
    _text(prof.text, f)
    _shape(prof, f)
    if url:
        _url(url, f)
        _links(url, prof.hrefs, f)
    _title(prof.title, f)
    return dict(f)


def _markup(prof: dom.Profile, f: Features) -> None:
    for raw in prof.json_ld:
        for m in _LD_TYPE.finditer(raw):
            for name in _QUOTED.findall(m.group(1)):
                _schema_type(name, f)
    for key, value in prof.attrs:
        value = value.lower()
        if key == "itemtype":
            for v in value.split():
                _schema_type(v.rstrip("/").rsplit("/", 1)[-1], f)
        elif key == "itemprop":
            for v in value.split():
                f["prop:" + v] += 1
        elif key == "rel":
            for v in value.split():
                if v in ("next", "prev", "author", "tag", "bookmark", "nofollow", "ugc"):
                    f["rel:" + v] += 1
    for key, value in prof.metas:
        if key == "og:type":
            f["og:" + OG_TYPES.get(value.lower(), "other")] = 1
        elif key == "generator":
            word = re.split(r"[\s./]", value.lower().strip(), maxsplit=1)[0]
            if word in GENERATORS:
                f["gen:" + GENERATORS[word]] = 1
        elif key in ("article:published_time", "article:author", "article:section"):
            f["meta:" + key.split(":", 1)[1]] = 1
        elif key in ("product:price:amount", "og:price:amount", "product:availability"):
            f["meta:product-price"] = 1
    for tok in prof.root_classes.lower().split():
        tok = _DIGITS.sub("N", tok)
        if tok in ROOT_CLASSES:
            f["root:" + tok] = 1


def _schema_type(name: str, f: Features) -> None:
    key = LD_TYPES.get(name.lower().split(":")[-1])
    if key:
        f["ld:" + key] += 1


def _parts(prof: dom.Profile, f: Features) -> None:
    raw = " ".join(prof.hints).encode("utf-8", "replace").lower()
    counts = Counter(raw.translate(_NON_LETTER_TO_SPACE).split())
    for w in _CLASS_PARTS_B.intersection(counts):
        f["part:" + w.decode()] = counts[w]


def _text(text: str, f: Features) -> None:
    raw = text[:TEXT_LIMIT].lower().encode("utf-8", "replace")
    words = raw.translate(_PUNCT_TO_SPACE).split()
    one = Counter(words)
    for w in one.keys() & _SINGLE.keys():
        for name in _SINGLE[w]:
            f[name] += one[w]
    firsts = one.keys() & _MULTI.keys()
    if firsts:
        joined = b" " + b" ".join(words) + b" "
        for w in firsts:
            for name, ws, padded in _MULTI[w]:
                if all(x in one for x in ws):  # only then search the text for the phrase
                    f[name] += joined.count(padded)
    for name, symbols in _SYMBOLS:
        n = sum(raw.count(s) for s in symbols)
        if n:
            f[name] = n
    f["shape:text-k"] = len(text) / 1000


def _shape(prof: dom.Profile, f: Features) -> None:
    tags = prof.tags
    for t in _COUNTED_TAGS:
        n = tags.get(t, 0)
        if n:
            f["tag:" + t] = n
    text_k = len(prof.text) / 1000
    f["shape:pre"] = tags.get("pre", 0)
    f["shape:code"] = tags.get("code", 0)
    f["shape:sections"] = tags.get("section", 0)
    f["shape:articles"] = tags.get("article", 0)
    f["shape:forms"] = tags.get("input", 0) + tags.get("select", 0) + tags.get("textarea", 0)
    heads = tags.get("h2", 0) + tags.get("h3", 0)
    f["shape:h1-p-ratio"] = heads / (tags.get("p", 0) + 1)
    reps = Counter(prof.group_hints)
    f["shape:repeat"] = max(reps.values(), default=0)
    f["shape:repeat-groups"] = sum(1 for n in reps.values() if n >= _REPEAT)
    f["shape:heading-links"] = prof.heading_links
    f["shape:heading-link-share"] = prof.heading_links / (heads + tags.get("h4", 0) + 1)
    f["shape:image-links"] = prof.image_links
    ps = prof.p_lengths
    f["shape:long-p"] = sum(1 for n in ps if n >= _LONG_P)
    f["shape:p-k"] = sum(ps) / 1000
    f["shape:prose-share"] = min(1.0, f["shape:p-k"] / text_k) if text_k else 0.0
    f["shape:links-per-k"] = tags.get("a", 0) / (1 + text_k)
    f["shape:link-share"] = min(1.0, prof.link_chars / 1000 / text_k) if text_k else 0.0


def _url(url: str, f: Features) -> None:
    path = _HOST.sub("", url.strip().lower()).split("#")[0] or "/"
    for name, rx in _URLS:
        if rx.search(path):
            f["url:" + name] = 1
    segs = [s for s in path.split("?")[0].split("/") if s]
    last = segs[-1] if segs else ""
    f["url:depth"] = len(segs)
    f["url:slug-words"] = len([w for w in re.split(r"[-_]", last.split(".")[0]) if w.isalpha()])
    f["url:numeric"] = float(any(s.isdigit() for s in segs))
    f["url:last-digits"] = float(any(c.isdigit() for c in last))
    f["url:last-chars"] = len(last)


def _links(url: str, hrefs: list[str], f: Features) -> None:
    """Links below the page's own path (a category's items, a doc tree) and beside it.

    On a home page every link is "below", so nothing is counted there."""
    m = _HOST.match(url.strip())
    host = m.group(0).lower() if m else ""
    path = url.strip()[len(host):].split("?")[0].split("#")[0]
    path = path if path.endswith("/") else path + "/"
    parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
    below = beside = 0
    for h in hrefs:
        if h.startswith(("http://", "https://")):
            if not h.lower().startswith(host):
                continue
            h = h[len(host):]
        elif not h.startswith("/"):
            continue
        if len(path) > 1 and h.startswith(path) and len(h) > len(path) + 1:
            below += 1
        elif len(parent) > 1 and h.startswith(parent):
            beside += 1
    f["shape:links-below"] = below
    f["shape:links-beside"] = beside


def without_url(features: Features) -> Features:
    """The measurements of a page as if it had no URL (``measure(tree, None)``)."""
    return {k: v for k, v in features.items() if not k.startswith(URL_FEATURES)}


def _title(title: str, f: Features) -> None:
    for w in set(title.lower().encode("utf-8", "replace").translate(_PUNCT_TO_SPACE).split()):
        if w in _TITLE_WORDS:
            f["title:" + w.decode()] = 1


# ---------------------------------------------------------------- 2 rules
def rule_scores(features: Features, trace: Trace = NULL_TRACE) -> dict[str, float]:
    """Add up the weights of the signals that fire."""
    scores = {t: PRIOR.get(t, 0.0) for t in PAGE_TYPES}
    for sig in SIGNALS:
        value = features.get(sig.feature, 0.0)
        if value >= sig.at_least and value > 0:
            for ty, w in sig.weights:
                scores[ty] += w
            if trace.enabled:
                trace.add("pagetype", "page", sig.feature,
                          " ".join(f"{ty}{w:+g}" for ty, w in sig.weights),
                          value, sig.at_least, sig.why)
    return scores


def best(scores: dict[str, float]) -> str:
    return max(PAGE_TYPES, key=lambda t: scores.get(t, float("-inf")))


# ---------------------------------------------------------------- 3 model
@lru_cache(maxsize=2)
def load_model(*, url: bool = True) -> dict[str, Any] | None:
    """The packaged model for pages with a URL (or, ``url=False``, without one), or
    None when it is absent (the rules then decide alone)."""
    name = MODEL_FILE if url else NO_URL_MODEL_FILE
    try:
        raw = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return load_model() if not url else None
    model: dict[str, Any] = json.loads(raw)
    return model


def model_inputs(features: Features, rules: dict[str, float]) -> Features:
    """What the model sees: every measurement, log-scaled, plus the rule totals."""
    x = {k: math.log1p(max(v, 0.0)) for k, v in features.items()}
    for t, s in rules.items():
        x["rule:" + t] = s
    return x


def model_scores(model: dict[str, Any], x: Features) -> dict[str, float]:
    """Class probabilities of a linear softmax model over standardised inputs.

    Inputs are sparse, so the logits start from those of an all-zero page
    (``zero_logits``) and add each present input's share: (v / scale) · coef.
    """
    index: dict[str, int] = model["index"]
    scale: list[float] = model["scale"]
    coef: list[list[float]] = model["coef"]  # one row per input, one column per class
    z: list[float] = list(model["zero_logits"])
    for k, v in x.items():
        i = index.get(k)
        if i is None or not v:
            continue
        d = v / scale[i]
        row = coef[i]
        for c in range(len(z)):
            z[c] += d * row[c]
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    return {ty: v / total for ty, v in zip(model["classes"], e)}


# ---------------------------------------------------------------- entry point
_DECLARED_URL = ('link[rel~="canonical"][href]', 'meta[property="og:url"][content]')


def declared_url(tree: Tree) -> str | None:
    """The absolute address a page declares for itself: its canonical link, else
    ``og:url``. Saved pages keep them when the address they came from is lost."""
    for selector in _DECLARED_URL:
        node = tree.css_first(selector)
        value = (dom.attr(node, "href") or dom.attr(node, "content") or "").strip() \
            if node is not None else ""
        if value.lower().startswith(("http://", "https://")):
            return value
    return None


def detect_page_type(tree: Tree, url: str | None = None, trace: Trace = NULL_TRACE, *,
                     use_model: bool = True) -> PageTypeResult:
    if not url:
        url = declared_url(tree)
        if url:
            trace.add("pagetype", "page", "declared-url", "measured", text=url)
    features = measure(tree, url)
    rules = rule_scores(features, trace)
    rule_type = best(rules)
    model = load_model(url=bool(url)) if use_model else None
    if model is None:
        scores, chosen, how = rules, rule_type, "rules"
    else:
        scores = model_scores(model, model_inputs(features, rules))
        chosen, how = best(scores), "model" if url else "model-no-url"
    if not features.get("shape:text-k") and not features.get("tag:img"):
        chosen, how = "other", "empty page"
    trace.add("pagetype", "page", how, chosen, scores.get(chosen), None,
              f"rules say {rule_type}")
    fired = tuple(s.feature for s in SIGNALS if features.get(s.feature, 0.0) >= s.at_least
                  and features.get(s.feature, 0.0) > 0)
    return PageTypeResult(chosen, scores, fired, rule_type)
