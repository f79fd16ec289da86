"""Page-type detection: article, listing, forum, product, collection, documentation,
service, or other. Runs on the parsed tree before cleaning.

Three steps, each a small function:

1. ``measure``: one pass over the tree (``dom.profile``) plus a few CSS counts and
   the URL give named measurements ("features", see ``pagerules``);
2. ``rule_scores``: every signal of ``pagerules.SIGNALS`` whose feature reaches its
   level adds its weights; the highest total is the rules' answer;
3. ``model_scores`` (optional): a small multinomial logistic regression over the
   same features and the rule totals (``pagetype_model.json``, trained by
   ``scripts/train_pagetype.py``; pure Python at run time).

Every signal that fires is a ``Decision`` with stage ``pagetype`` in the trace.
"""

from __future__ import annotations

import itertools
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
    URL_PATTERNS,
)
from .tracing import NULL_TRACE, Trace

MODEL_FILE = "pagetype_model.json"

_LD_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')
_QUOTED = re.compile(r'"([^"]+)"')
_DIGITS = re.compile(r"\d+")
_NON_LETTER_TO_SPACE = bytes(b if chr(b).isalpha() and b < 128 else 32 for b in range(256))
_CLASS_PARTS_B = frozenset(p.encode() for p in CLASS_PARTS)
_PUNCT_TO_SPACE = bytes(b if (chr(b).isalnum() or b > 127) else 32 for b in range(256))
_PHRASE_WORDS = tuple((name, tuple(tuple(w.encode() for w in p.split()) for p in phrases))
                      for name, phrases in TEXT_PHRASES)
_SYMBOLS = tuple((name, tuple(s.encode() for s in symbols)) for name, symbols in TEXT_SYMBOLS)
_URLS = tuple((name, re.compile(rx)) for name, rx in URL_PATTERNS)
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#]*")
_CARD_TAGS = frozenset({"article", "li", "div", "section", "tr"})
_LONG_P = 150  # characters: a paragraph of prose, not a caption or a button label


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
    prof = dom.profile(tree, PROFILE_ATTRIBUTES)
    f: Features = defaultdict(float)
    _markup(tree, prof, f)
    _parts(prof, f)
    _text(prof.text, f)
    _shape(tree, prof, f)
    if url:
        _url(url, f)
    return dict(f)


def _markup(tree: Tree, prof: dom.Profile, f: Features) -> None:
    for raw in dom.iter_json_ld(tree):
        for m in _LD_TYPE.finditer(raw):
            for name in _QUOTED.findall(m.group(1)):
                _schema_type(name, f)
    for key, value in prof.attrs:
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
    for key, value in dom.meta_tags(tree):
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
    raw = " ".join(h for _, h in prof.hints).encode("utf-8", "replace").lower()
    counts = Counter(raw.translate(_NON_LETTER_TO_SPACE).split())
    for w in _CLASS_PARTS_B.intersection(counts):
        f["part:" + w.decode()] = counts[w]


def _text(text: str, f: Features) -> None:
    raw = text[:TEXT_LIMIT].encode("utf-8", "replace")
    words = raw.translate(_PUNCT_TO_SPACE).split()
    one = Counter(words)
    two = Counter(itertools.pairwise(words))
    for name, phrases in _PHRASE_WORDS:
        n = 0
        for ws in phrases:
            if len(ws) == 1:
                n += one.get(ws[0], 0)
            else:
                n += min(two.get((ws[i], ws[i + 1]), 0) for i in range(len(ws) - 1))
        if n:
            f["text:" + name] = n
    for name, symbols in _SYMBOLS:
        n = sum(raw.count(s) for s in symbols)
        if n:
            f["text:" + name] = n
    f["shape:text-k"] = len(text) / 1000


def _shape(tree: Tree, prof: dom.Profile, f: Features) -> None:
    tags = prof.tags
    for t in ("p", "pre", "code", "section", "article", "form", "input", "h1", "h2", "h3",
              "li", "table", "img", "a", "time", "button", "select", "aside", "nav", "dl"):
        n = tags.get(t, 0)
        if n:
            f["tag:" + t] = n
    f["shape:pre"] = tags.get("pre", 0)
    f["shape:code"] = tags.get("code", 0)
    f["shape:sections"] = tags.get("section", 0)
    f["shape:articles"] = tags.get("article", 0)
    f["shape:forms"] = tags.get("input", 0) + tags.get("select", 0) + tags.get("textarea", 0)
    heads = tags.get("h2", 0) + tags.get("h3", 0)
    f["shape:h1-p-ratio"] = heads / (tags.get("p", 0) + 1)
    reps = Counter(h for t, h in prof.hints if t in _CARD_TAGS)
    f["shape:repeat"] = max(reps.values(), default=0)
    f["shape:heading-links"] = dom.count(tree, "h2 a[href], h3 a[href], h4 a[href]")
    ps = [len(t) for t in dom.texts(tree, "p")]
    f["shape:long-p"] = sum(1 for n in ps if n >= _LONG_P)
    f["shape:p-k"] = sum(ps) / 1000
    f["shape:links-per-k"] = tags.get("a", 0) / (1 + len(prof.text) / 1000)


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
@lru_cache(maxsize=1)
def load_model() -> dict[str, Any] | None:
    """The packaged model, or None when it is absent (the rules then decide alone)."""
    try:
        raw = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
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
def detect_page_type(tree: Tree, url: str | None = None, trace: Trace = NULL_TRACE, *,
                     use_model: bool = True) -> PageTypeResult:
    features = measure(tree, url)
    rules = rule_scores(features, trace)
    rule_type = best(rules)
    model = load_model() if use_model else None
    if model is None:
        scores, chosen, how = rules, rule_type, "rules"
    else:
        scores = model_scores(model, model_inputs(features, rules))
        chosen, how = best(scores), "model"
    if not features.get("shape:text-k") and not features.get("tag:img"):
        chosen, how = "other", "empty page"
    trace.add("pagetype", "page", how, chosen, scores.get(chosen), None,
              f"rules say {rule_type}")
    fired = tuple(s.feature for s in SIGNALS if features.get(s.feature, 0.0) >= s.at_least
                  and features.get(s.feature, 0.0) > 0)
    return PageTypeResult(chosen, scores, fired, rule_type)
