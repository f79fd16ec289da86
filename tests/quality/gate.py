"""Quality gate: stripper on a fixed sample of the development pages vs pinned floors.

    python tests/quality/gate.py                 # measure and compare with fixtures/baseline.json
    python tests/quality/gate.py --update        # re-pin the floors to today's figures
    python tests/quality/gate.py --update --allow-regression   # ... even if a figure got worse
    python tests/quality/gate.py --dataset PATH  # another copy of the WCXB layout

The sample is every ``STEP``-th page id in sorted order (``SIZE`` pages), the same on
every machine; its files are hashed into ``corpus_sha`` so a changed dataset is noticed
instead of silently compared with floors measured on other pages. The metric is the
dataset README's, as reproduced by ``stripper.evaluate`` (token F1 macro-averaged over
pages, with/without snippet rates).

Floors are the measured figures less ``MARGIN``, rounded *against* us (F1 and with-rate
down, without-rate up, to 3 decimals): extraction is deterministic, so any real
regression trips the gate.
``--update`` refuses to lower a floor unless ``--allow-regression`` is given: a
trade-off that costs F1 must be made on purpose and shows in the diff of baseline.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

from stripper import evaluate

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "fixtures" / "baseline.json"
DATASET = ROOT.parent / "shared" / "datasets" / "wcxb-dev"
STEP = 9
SIZE = 150
# (figure, direction): +1 higher is better (a floor), -1 lower is better (a ceiling)
FIGURES: dict[str, int] = {"f1": +1, "with": +1, "without": -1}
# Slack below the measured figure when pinning: one page's F1 moving by 0.3, or one
# snippet of ~500, is not a regression worth blocking a landing for; a real one is.
MARGIN = 0.002
METADATA = ("title", "author", "author_empty", "date", "date_empty")


def available(root: Path = DATASET) -> bool:
    return (root / "html").is_dir() and (root / "ground-truth").is_dir()


def sample_ids(root: Path) -> list[str]:
    ids = sorted(p.name.split(".")[0] for p in (root / "html").glob("*.html.gz"))
    return ids[::STEP][:SIZE]


def corpus_sha(root: Path, ids: list[str]) -> str:
    h = hashlib.sha256()
    for fid in ids:
        for path in (root / "html" / f"{fid}.html.gz", root / "ground-truth" / f"{fid}.json"):
            h.update(path.name.encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def measure(root: Path) -> dict[str, Any]:
    """Run stripper on the sample; overall and per-type figures."""
    ids = sample_ids(root)
    results = [r for fid in ids for r in evaluate.evaluate_page(
        (fid, str(root / "html" / f"{fid}.html.gz"), str(root / "ground-truth" / f"{fid}.json"),
         ("stripper",)))]
    s = evaluate.summarise(results)["stripper"]
    return {
        "pages": s["pages"],
        "corpus_sha": corpus_sha(root, ids),
        "figures": {k: round(s[k], 4) for k in FIGURES},
        "by_type": {t: {"pages": v["pages"], "f1": round(v["f1"], 4)}
                    for t, v in s["by_type"].items()},
        # shown and recorded, not gated: metadata has its own harness (stripper eval)
        "metadata": {k: round(s[k], 4) for k in METADATA},
        "errors": s["errors"],
    }


def pin(value: float, direction: int) -> float:
    """MARGIN against us, then rounded against us to 3 decimals: a floor down, a ceiling up."""
    scaled = (value - direction * MARGIN) * 1000
    return (math.floor(scaled + 1e-9) if direction > 0 else math.ceil(scaled - 1e-9)) / 1000


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def compare(measured: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    """Problems: a figure below its floor / above its ceiling, or a different sample."""
    problems = []
    if measured["corpus_sha"] != baseline["corpus_sha"]:
        problems.append(
            "the sample's files differ from those the floors were pinned on "
            f"(corpus_sha {measured['corpus_sha'][:12]} != {baseline['corpus_sha'][:12]}): "
            "re-pin with `python tests/quality/gate.py --update` if the dataset changed on purpose")
    for name, direction in FIGURES.items():
        got, limit = measured["figures"][name], baseline["floors"][name]
        if (direction > 0 and got < limit) or (direction < 0 and got > limit):
            word = "floor" if direction > 0 else "ceiling"
            problems.append(f"{name} {got:.4f} is past its {word} {limit:.3f}")
    return problems


def update(measured: dict[str, Any], old: dict[str, Any] | None, allow_regression: bool,
           path: Path = BASELINE) -> list[str]:
    """Write new floors; returns the regressions refused (nothing written then)."""
    floors = {k: pin(measured["figures"][k], d) for k, d in FIGURES.items()}
    refused = []
    if old is not None and old.get("corpus_sha") == measured["corpus_sha"]:
        for k, d in FIGURES.items():
            if (floors[k] - old["floors"][k]) * d < 0:
                refused.append(f"{k}: {old['floors'][k]:.3f} -> {floors[k]:.3f}")
    if refused and not allow_regression:
        return refused
    doc = {
        "about": "Quality gate floors (tests/quality/gate.py). F1/with are floors, without "
                 "is a ceiling; re-pin with `python tests/quality/gate.py --update`.",
        "dataset": "wcxb-dev",
        "sample": {"step": STEP, "size": SIZE, "order": "sorted page ids"},
        "corpus_sha": measured["corpus_sha"],
        "floors": floors,
        "measured": measured["figures"],
        "by_type": measured["by_type"],
        "metadata": measured.get("metadata", {}),
    }
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", type=Path, default=DATASET)
    ap.add_argument("--update", action="store_true", help="re-pin the floors")
    ap.add_argument("--allow-regression", action="store_true",
                    help="with --update: allow a floor to go down")
    args = ap.parse_args(argv)
    if not available(args.dataset):
        print(f"no dataset at {args.dataset}", file=sys.stderr)
        return 2
    m = measure(args.dataset)
    print(json.dumps({k: m[k] for k in ("pages", "figures", "errors", "metadata")}))
    for t, v in m["by_type"].items():
        print(f"  {t:<14}{v['pages']:>4} pages  F1 {v['f1']:.4f}")
    old = load_baseline() if BASELINE.is_file() else None
    if args.update:
        refused = update(m, old, args.allow_regression)
        if refused:
            print("refusing to lower floors (use --allow-regression): " + "; ".join(refused),
                  file=sys.stderr)
            return 1
        print(f"pinned {BASELINE.relative_to(ROOT)}")
        return 0
    if old is None:
        print("no baseline yet: run with --update", file=sys.stderr)
        return 1
    problems = compare(m, old)
    for p in problems:
        print("FAIL " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
