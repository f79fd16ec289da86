"""Measure htmldate and dateparser against stripper's own date reading.

    python scripts/metadata_libs_compare.py ../shared/datasets/wcxb-dev [--limit N]

Prints, on pages with and without a ground-truth date: stripper's date accuracy,
htmldate's (``find_date(original_date=True)``, fast and extensive modes), and
stripper with htmldate as a last resort when stripper finds nothing; the CPU
time of each; and, for the visible date strings stripper reads, how often
dateparser agrees with stripper's parser and what it costs. Needs the
``compare`` extra (trafilatura brings htmldate and dateparser).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

from stripper.evaluate import iter_dataset, norm_date
from stripper.metadata import extract_metadata
from stripper.metadata.dates import parse_date
from stripper.options import DEFAULT_OPTIONS
from stripper.pagetype import detect_page_type
from stripper.parse import parse, to_text
from stripper.record import Page


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)
    try:
        import dateparser
        from htmldate import find_date
    except ImportError:
        print("needs htmldate and dateparser: pip install -e '.[compare]'", file=sys.stderr)
        return 2
    tools = ("stripper", "htmldate-fast", "htmldate-extensive", "stripper+htmldate")
    ok: dict[str, dict[bool, list[bool]]] = {t: {True: [], False: []} for t in tools}
    ms: dict[str, list[float]] = {t: [] for t in tools[:3]}
    visible: list[str] = []
    for _fid, html_path, gt_path in iter_dataset(args.dataset, args.limit):
        gt_doc = json.loads(gt_path.read_text(encoding="utf-8"))
        gt = norm_date(gt_doc.get("ground_truth", {}).get("publish_date"))
        html = gzip.decompress(html_path.read_bytes())
        page = Page(content=html, url=gt_doc.get("url"))
        text, _ = to_text(page, DEFAULT_OPTIONS)
        t0 = time.process_time()
        tree = parse(text, DEFAULT_OPTIONS)
        ptype = detect_page_type(tree, page.url).page_type
        m = extract_metadata(tree, page.url, DEFAULT_OPTIONS.metadata, page_type=ptype)
        ms["stripper"].append((time.process_time() - t0) * 1000)
        got = {"stripper": m.date}
        for mode, extensive in (("htmldate-fast", False), ("htmldate-extensive", True)):
            t0 = time.process_time()
            try:
                got[mode] = find_date(text, url=page.url, original_date=True,
                                      extensive_search=extensive)
            except Exception:  # noqa: BLE001 - htmldate raises on odd input: no date
                got[mode] = None
            ms[mode].append((time.process_time() - t0) * 1000)
        got["stripper+htmldate"] = m.date or got["htmldate-fast"]
        for t in tools:
            ok[t][bool(gt)].append(norm_date(got[t]) == gt)
        src = m.sources.get("date")
        if src is not None and src.origin == "visible":
            visible.append(src.raw)
    for t in tools:
        w, e = ok[t][True], ok[t][False]
        cost = f"  median {statistics.median(ms[t]):.2f} ms" if t in ms else ""
        print(f"{t:<20} with {sum(w) / len(w):.3f} ({len(w)})  empty {sum(e) / len(e):.3f} "
              f"({len(e)}){cost}")
    agree = 0
    t_ours = t_dp = 0.0
    for raw in visible:
        t0 = time.process_time()
        ours = parse_date(raw)
        t_ours += time.process_time() - t0
        t0 = time.process_time()
        theirs = dateparser.parse(raw, settings={"STRICT_PARSING": True})
        t_dp += time.process_time() - t0
        agree += (theirs.date().isoformat() if theirs else None) == ours
    if visible:
        print(f"visible date strings: {len(visible)}; dateparser agrees with stripper on "
              f"{agree / len(visible):.3f}; mean cost stripper "
              f"{t_ours / len(visible) * 1e3:.3f} ms, "
              f"dateparser {t_dp / len(visible) * 1e3:.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
