"""Train the headline ranker (stripper/title_model.json) and report grouped CV.

    python scripts/train_title.py [DATA] [--out stripper/title_model.json]
        [--folds 5] [--seed 13] [--trees 100] [--depth 2] [--rate 0.1]
        [--min-leaf 50] [--page-weight] [--cache FILE] [--no-write]

Each page's candidate headlines come from ``stripper.metadata.titleopts.title_options``;
a candidate is right when it equals the ground-truth title after the benchmark's
normalisation. The model is gradient-boosted regression trees on the logistic loss
(Newton leaves, quantile split points), fitted here with numpy so the shipped model
needs no library. The page's headline is its best-scored candidate; ties go to the
rules' pick. Cross-validation is grouped by site (``metadata.json`` domain): the
pages of one site are never in both the training and the test folds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import pickle
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from stripper.evaluate import norm_title
from stripper.metadata.provenance import Provenance
from stripper.metadata.structured import read_structured
from stripper.metadata.title import pick_title
from stripper.metadata.titleopts import title_options
from stripper.metadata.titletext import site_names
from stripper.options import DEFAULT_OPTIONS
from stripper.pagetype import detect_page_type
from stripper.parse import parse, to_text
from stripper.record import Page

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "wcxb-dev"
MIN_PAGES = 5  # an input seen on fewer pages is left out
BINS = 32  # split points per input: its training quantiles
LAMBDA = 1.0  # L2 penalty on leaf values


@dataclass(slots=True)
class PageRow:
    fid: str
    site: str
    texts: list[str]
    xs: list[dict[str, float]]
    right: list[bool]
    rule_right: bool


def load_page(args: tuple[Path, str, str]) -> PageRow:
    root, fid, site = args
    gt = json.loads((root / "ground-truth" / f"{fid}.json").read_text(encoding="utf-8"))
    truth = norm_title(gt.get("ground_truth", {}).get("title"))
    page = Page(content=gzip.decompress((root / "html" / f"{fid}.html.gz").read_bytes()),
                url=gt.get("url"))
    text, _ = to_text(page, DEFAULT_OPTIONS)
    tree = parse(text, DEFAULT_OPTIONS)
    ptype = detect_page_type(tree, page.url).page_type
    st = read_structured(tree)
    host = urlsplit(page.url).hostname if page.url else None
    opts = DEFAULT_OPTIONS.metadata
    rules_only = type(opts)(**{**{f: getattr(opts, f) for f in opts.__slots__},
                               "title_model": False})
    rule = pick_title(tree, st, host, rules_only, Provenance(), ptype, page.url)
    rule_text = rule.text if rule is not None else None
    cands = title_options(tree, st, site_names(st, host), opts, rule_text, page.url, ptype)
    return PageRow(fid, site, [c.text for c in cands], [dict(c.flags) for c in cands],
                   [norm_title(c.text) == truth for c in cands],
                   norm_title(rule_text) == truth)


def load_rows(root: Path, limit: int | None, cache: Path | None) -> list[PageRow]:
    if cache is not None and cache.exists():
        rows: list[PageRow] = pickle.loads(cache.read_bytes())
        return rows[:limit] if limit else rows
    meta_path = root / "metadata.json"
    meta = json.loads(meta_path.read_text())["files"] if meta_path.exists() else {}
    ids = sorted(p.name.split(".")[0] for p in (root / "html").glob("*.html.gz"))
    if limit:
        ids = ids[:: max(1, len(ids) // limit)][:limit]
    jobs = [(root, fid, meta.get(fid, {}).get("domain") or fid) for fid in ids]
    with ProcessPoolExecutor(2) as ex:
        rows = list(ex.map(load_page, jobs, chunksize=8))
    if cache is not None:
        cache.write_bytes(pickle.dumps(rows))
    return rows


# ---------------------------------------------------------------- boosting
def vocabulary(rows: list[PageRow]) -> list[str]:
    seen: dict[str, set[str]] = {}
    for r in rows:
        for x in r.xs:
            for k, v in x.items():
                if v:
                    seen.setdefault(k, set()).add(r.fid)
    return sorted(k for k, pages in seen.items() if len(pages) >= MIN_PAGES)


def matrix(rows: list[PageRow], vocab: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate inputs (one row per candidate), labels and page index of each row."""
    xs = [x for r in rows for x in r.xs]
    m = np.array([[x.get(k, 0.0) for k in vocab] for x in xs], dtype=float)
    y = np.array([v for r in rows for v in r.right], dtype=float)
    page = np.array([i for i, r in enumerate(rows) for _ in r.xs])
    return m, y, page


def split_points(col: np.ndarray) -> np.ndarray:
    return np.unique(np.quantile(col, np.linspace(0, 1, BINS + 1)[1:-1], method="lower"))


def best_split(bins: list[np.ndarray], edges: list[np.ndarray], idx: np.ndarray,
               g: np.ndarray, h: np.ndarray, min_leaf: int) -> tuple[float, int, int] | None:
    gs, hs = g[idx].sum(), h[idx].sum()
    parent = gs * gs / (hs + LAMBDA)
    best: tuple[float, int, int] | None = None
    for f, (b, e) in enumerate(zip(bins, edges)):
        if not len(e):
            continue
        bi = b[idx]
        n = np.cumsum(np.bincount(bi, minlength=len(e) + 1))[:-1]
        gl = np.cumsum(np.bincount(bi, weights=g[idx], minlength=len(e) + 1))[:-1]
        hl = np.cumsum(np.bincount(bi, weights=h[idx], minlength=len(e) + 1))[:-1]
        ok = (n >= min_leaf) & (len(idx) - n >= min_leaf)
        if not ok.any():
            continue
        gain = gl ** 2 / (hl + LAMBDA) + (gs - gl) ** 2 / (hs - hl + LAMBDA) - parent
        gain[~ok] = -1.0
        j = int(np.argmax(gain))
        if gain[j] > 1e-9 and (best is None or gain[j] > best[0]):
            best = (float(gain[j]), f, j)
    return best


def grow(bins: list[np.ndarray], edges: list[np.ndarray], vocab: list[str], idx: np.ndarray,
         g: np.ndarray, h: np.ndarray, depth: int, rate: float, min_leaf: int,
         out: list[list[object]], values: np.ndarray) -> int:
    """Append the subtree over rows ``idx`` to ``out``; returns its root index."""
    me = len(out)
    out.append([])
    split = best_split(bins, edges, idx, g, h, min_leaf) if depth > 0 else None
    if split is None:
        v = -rate * g[idx].sum() / (h[idx].sum() + LAMBDA)
        out[me] = [round(float(v), 5)]
        values[idx] = float(out[me][0])  # type: ignore[arg-type]
        return me
    _, f, j = split
    go_left = bins[f][idx] <= j
    left = grow(bins, edges, vocab, idx[go_left], g, h, depth - 1, rate, min_leaf, out, values)
    right = grow(bins, edges, vocab, idx[~go_left], g, h, depth - 1, rate, min_leaf, out, values)
    out[me] = [vocab[f], float(edges[f][j]), left, right]
    return me


def weights(page: np.ndarray, per_page: bool) -> np.ndarray:
    """Each candidate's weight in the loss: 1, or 1/(candidates of its page) so that
    every page counts the same however many spellings it offers (scaled to mean 1)."""
    if not per_page:
        return np.ones(len(page))
    w = 1.0 / np.bincount(page)[page]
    return w / w.mean()


def fit(rows: list[PageRow], args: argparse.Namespace) -> dict[str, object]:
    vocab = vocabulary(rows)
    m, y, page = matrix(rows, vocab)
    w = weights(page, args.page_weight)
    edges = [split_points(m[:, f]) for f in range(len(vocab))]
    bins = [np.searchsorted(e, m[:, f], side="left") for f, e in enumerate(edges)]
    pos = min(max(float((w * y).sum() / w.sum()), 1e-6), 1 - 1e-6)
    base = math.log(pos / (1 - pos))
    f_all = np.full(len(y), base)
    trees: list[list[list[object]]] = []
    every = np.arange(len(y))
    for _ in range(args.trees):
        p = 1 / (1 + np.exp(-f_all))
        g, h = w * (p - y), w * np.maximum(p * (1 - p), 1e-6)
        tree: list[list[object]] = []
        values = np.zeros(len(y))
        grow(bins, edges, vocab, every, g, h, args.depth, args.rate, args.min_leaf, tree, values)
        f_all += values
        trees.append(tree)
    return {"about": "headline ranker: boosted trees over titleopts.title_options inputs; "
                     "scripts/train_title.py",
            "base": round(base, 5), "trees": trees, "seed": args.seed, "pages": len(rows),
            "depth": args.depth, "rate": args.rate, "min_leaf": args.min_leaf,
            "weights": "page" if args.page_weight else "candidate"}


def choose(model: dict[str, object], row: PageRow) -> int:
    from stripper.metadata.titlerank import score
    scores = [score(model, x) for x in row.xs]
    return max(range(len(scores)), key=lambda i: (scores[i], -i)) if scores else -1


def grouped_folds(rows: list[PageRow], k: int, seed: int) -> list[int]:
    sites = sorted({r.site for r in rows})
    random.Random(seed).shuffle(sites)
    fold_of = {s: i % k for i, s in enumerate(sites)}
    return [fold_of[r.site] for r in rows]


def accuracy(rows: list[PageRow], picks: list[int]) -> float:
    return sum(i >= 0 and r.right[i] for r, i in zip(rows, picks)) / len(rows)


def cross_validate(rows: list[PageRow], args: argparse.Namespace) -> list[int]:
    folds = grouped_folds(rows, args.folds, args.seed)
    picks = [-1] * len(rows)
    for f in range(args.folds):
        model = fit([r for r, k in zip(rows, folds) if k != f], args)
        for i, r in enumerate(rows):
            if folds[i] == f:
                picks[i] = choose(model, r)
    return picks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent
                    / "stripper" / "title_model.json")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--trees", type=int, default=100)
    ap.add_argument("--depth", type=int, default=2)
    ap.add_argument("--rate", type=float, default=0.1)
    ap.add_argument("--min-leaf", type=int, default=50)
    ap.add_argument("--page-weight", action="store_true",
                    help="weigh every page 1 in the loss (default: every candidate 1)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None,
                    help="reuse page candidates saved here (outside the repo)")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    if not (args.data / "html").is_dir():
        print(f"no dataset at {args.data}", file=sys.stderr)
        return 2
    rows = load_rows(args.data, args.limit, args.cache)
    rule = sum(r.rule_right for r in rows) / len(rows)
    picks = cross_validate(rows, args)
    won = sum(i >= 0 and r.right[i] and not r.rule_right for r, i in zip(rows, picks))
    lost = sum(r.rule_right and not (i >= 0 and r.right[i]) for r, i in zip(rows, picks))
    print(f"pages {len(rows)}  rules {rule:.4f}  ranker, {args.folds}-fold CV grouped by "
          f"site: {accuracy(rows, picks):.4f} ({won} won, {lost} lost)")
    model = fit(rows, args)
    print(f"in-sample {accuracy(rows, [choose(model, r) for r in rows]):.4f}")
    if not args.no_write:
        args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
