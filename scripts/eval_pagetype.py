"""Page-type accuracy of the shipped detector on a WCXB-layout folder, and its speed.

    python scripts/eval_pagetype.py [DATA] [--limit N] [--cache FILE]

Prints accuracy and the confusion matrix for the rules alone and for rules + the
shipped model (the figure ``stripper eval`` reports), and the median CPU time of
detection per page (measure + rules + model, parsing excluded). The shipped model
was trained on these pages, so its figure here is in-sample; the honest estimate
is the grouped cross-validation of ``train_pagetype.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from pagetype_data import DEFAULT_DATA, load_rows
from train_pagetype import CLASSES, accuracy, confusion

from stripper.pagetype import best, load_model, model_inputs, model_scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None)
    args = ap.parse_args(argv)
    if not (args.data / "html").is_dir():
        print(f"no dataset at {args.data}", file=sys.stderr)
        return 2
    rows = load_rows(args.data, args.limit, args.cache)
    model = load_model()
    truth = [r.truth for r in rows]
    rules = [best(r.rules) for r in rows]
    print(f"pages {len(rows)}")
    print(f"rules alone: accuracy {accuracy(truth, rules):.3f}")
    print(confusion(truth, rules))
    if model is not None:
        t0 = time.process_time()
        full = [best(model_scores(model, model_inputs(r.features, r.rules))) for r in rows]
        model_ms = (time.process_time() - t0) * 1000 / max(1, len(rows))
        print(f"\nrules + shipped model (in-sample): accuracy {accuracy(truth, full):.3f}")
        print(confusion(truth, full))
    else:
        model_ms = 0.0
    if args.cache is None:
        ms = [r.ms for r in rows]
        print(f"\ndetection CPU ms per page: median {statistics.median(ms) + model_ms:.2f}, "
              f"p90 {statistics.quantiles(ms, n=10)[-1] + model_ms:.2f} "
              f"(model {model_ms:.3f} of it)")
    print("types:", ", ".join(CLASSES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
