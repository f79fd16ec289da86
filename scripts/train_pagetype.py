"""Train the page-type models (stripper/pagetype_model.json and
stripper/pagetype_model_nourl.json) and report grouped CV.

    python scripts/train_pagetype.py [DATA] [--only url|no-url] [--folds 5] [--seed 13]
                                     [--l2 200] [--no-write]

The model is a multinomial logistic regression over the measurements of
``stripper.pagetype.measure`` (log1p-scaled) and the rule totals. The no-URL
model is trained on the same pages with their URL measurements left out
(``pagetype.without_url``); stripper uses it for pages that come without a URL
(saved files). Cross-validation is grouped by site: the pages of one site are
never in both the training and the test folds (the held-out benchmark pages come
from other sites). Needs numpy (the ``train`` extra); the shipped models run
without it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from pagetype_data import DEFAULT_DATA, Row, load_rows

from stripper.pagetype import (
    MODEL_FILE,
    NO_URL_MODEL_FILE,
    best,
    model_inputs,
    model_scores,
    rule_scores,
    without_url,
)

CLASSES = ("article", "listing", "forum", "product", "collection", "documentation", "service")
MIN_PAGES = 5  # an input seen on fewer training pages is left out


def inputs(rows: list[Row], *, url: bool = True) -> list[dict[str, float]]:
    if url:
        return [model_inputs(r.features, r.rules) for r in rows]
    out = []
    for r in rows:
        f = without_url(r.features)
        out.append(model_inputs(f, rule_scores(f)))
    return out


def vocabulary(xs: list[dict[str, float]]) -> list[str]:
    seen = Counter(k for x in xs for k, v in x.items() if v)
    return sorted(k for k, n in seen.items() if n >= MIN_PAGES)


def matrix(xs: list[dict[str, float]], vocab: list[str]) -> np.ndarray:
    index = {k: i for i, k in enumerate(vocab)}
    m = np.zeros((len(xs), len(vocab)))
    for r, x in enumerate(xs):
        for k, v in x.items():
            i = index.get(k)
            if i is not None:
                m[r, i] = v
    return m


def fit(xs: list[dict[str, float]], labels: list[str], l2: float, seed: int,
        iters: int = 600) -> dict[str, object]:
    """Full-batch Adam on the L2-penalised softmax loss; returns the exported model."""
    vocab = vocabulary(xs)
    x = matrix(xs, vocab)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    xs_ = (x - mean) / scale
    y = np.array([CLASSES.index(t) for t in labels])
    onehot = np.eye(len(CLASSES))[y]
    # class weights: every type counts as much as articles in the loss
    counts = np.bincount(y, minlength=len(CLASSES)).astype(float)
    sample_w = (len(y) / (len(CLASSES) * np.maximum(counts, 1)))[y] ** 0.5
    rng = np.random.default_rng(seed)
    w = rng.normal(0, 0.01, (len(vocab), len(CLASSES)))
    b = np.zeros(len(CLASSES))
    m_w = np.zeros_like(w); v_w = np.zeros_like(w); m_b = np.zeros_like(b); v_b = np.zeros_like(b)
    lr, beta1, beta2 = 0.05, 0.9, 0.999
    n = sample_w.sum()
    for step in range(1, iters + 1):
        z = xs_ @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_w[:, None] / n
        gw = xs_.T @ g + l2 * w / len(y)
        gb = g.sum(axis=0)
        for param, grad, m_, v_ in ((w, gw, m_w, v_w), (b, gb, m_b, v_b)):
            m_ *= beta1; m_ += (1 - beta1) * grad
            v_ *= beta2; v_ += (1 - beta2) * grad * grad
            param -= lr * (m_ / (1 - beta1 ** step)) / (np.sqrt(v_ / (1 - beta2 ** step)) + 1e-8)
    zero_logits = b + (-mean / scale) @ w
    return {
        "about": "page-type softmax model; scripts/train_pagetype.py; inputs: "
                 "stripper.pagetype.model_inputs",
        "classes": list(CLASSES),
        "index": {k: i for i, k in enumerate(vocab)},
        "scale": [round(float(s), 6) for s in scale],
        "coef": [[round(float(c), 5) for c in row] for row in w],
        "zero_logits": [round(float(z), 5) for z in zero_logits],
        "l2": l2, "seed": seed, "pages": len(y),
    }


def grouped_folds(rows: list[Row], k: int, seed: int) -> list[int]:
    """Fold number per row; all pages of one site share a fold."""
    sites = sorted({r.site for r in rows})
    random.Random(seed).shuffle(sites)
    fold_of = {s: i % k for i, s in enumerate(sites)}
    return [fold_of[r.site] for r in rows]


def cross_validate(rows: list[Row], k: int, seed: int, l2: float, *,
                   url: bool = True) -> list[str]:
    folds = grouped_folds(rows, k, seed)
    xs = inputs(rows, url=url)
    predicted = [""] * len(rows)
    for f in range(k):
        train = [i for i in range(len(rows)) if folds[i] != f]
        model = fit([xs[i] for i in train], [rows[i].truth for i in train], l2, seed)
        for i in range(len(rows)):
            if folds[i] == f:
                predicted[i] = best(model_scores(model, xs[i]))
    return predicted


def confusion(truth: list[str], predicted: list[str]) -> str:
    labels = list(CLASSES) + sorted(set(predicted) - set(CLASSES))
    c = Counter(zip(truth, predicted))
    short = [t[:5] for t in labels]
    lines = ["truth \\ predicted " + " ".join(f"{s:>6}" for s in short) + "  recall"]
    for t in CLASSES:
        n = sum(c[(t, p)] for p in labels)
        lines.append(f"{t:<18}" + " ".join(f"{c[(t, p)]:>6}" for p in labels)
                     + f"  {c[(t, t)] / n if n else 0:.3f}")
    return "\n".join(lines)


def accuracy(truth: list[str], predicted: list[str]) -> float:
    return sum(t == p for t, p in zip(truth, predicted)) / len(truth)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--only", choices=("url", "no-url"), default=None,
                    help="train one of the two models (default: both)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--l2", type=float, default=200.0)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--cache", type=Path, default=None,
                    help="reuse page measurements saved here (outside the repo)")
    args = ap.parse_args(argv)
    if not (args.data / "html").is_dir():
        print(f"no dataset at {args.data}", file=sys.stderr)
        return 2
    rows = [r for r in load_rows(args.data, args.limit, args.cache) if r.truth in CLASSES]
    print(f"pages {len(rows)}, sites {len({r.site for r in rows})}")
    package = Path(__file__).resolve().parent.parent / "stripper"
    for url, name in ((True, MODEL_FILE), (False, NO_URL_MODEL_FILE)):
        if args.only and args.only != ("url" if url else "no-url"):
            continue
        train(rows, args, url=url, out=None if args.no_write else package / name)
    return 0


def train(rows: list[Row], args: argparse.Namespace, *, url: bool, out: Path | None) -> None:
    """Report rules-alone and grouped-CV accuracy, then fit on all pages and write."""
    what = "with URL" if url else "without URL"
    truth = [r.truth for r in rows]
    xs = inputs(rows, url=url)
    rules_pred = [best(r.rules if url else rule_scores(without_url(r.features))) for r in rows]
    print(f"\n=== pages {what}")
    print(f"rules alone: accuracy {accuracy(truth, rules_pred):.3f}")
    print(confusion(truth, rules_pred))
    cv = cross_validate(rows, args.folds, args.seed, args.l2, url=url)
    print(f"\nrules + model, {args.folds}-fold CV grouped by site (seed {args.seed}, "
          f"l2 {args.l2}): accuracy {accuracy(truth, cv):.3f}")
    print(confusion(truth, cv))
    model = fit(xs, truth, args.l2, args.seed)
    fitted = [best(model_scores(model, x)) for x in xs]
    print(f"in-sample (the model on the pages it was trained on): "
          f"accuracy {accuracy(truth, fitted):.3f}")
    if out is not None:
        out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {out} ({out.stat().st_size / 1024:.1f} KB, "
              f"{len(model['index'])} inputs)")  # type: ignore[arg-type]


if __name__ == "__main__":
    raise SystemExit(main())
