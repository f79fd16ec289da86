"""Score only the metadata stage (title, author, date) on a WCXB-layout folder.

Much faster than ``stripper eval`` because it skips cleaning, scoring and
selection: decode → parse → page type → metadata. Uses the same normalisation
as ``stripper.evaluate``. Writes every miss to ``--dump`` (JSON lines) so the
failures can be studied grouped by cause.

    python scripts/metadata_eval.py ../shared/datasets/wcxb-dev [--limit N] [--dump misses.jsonl]
        [--no-page-type] [--no-url]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

from stripper.evaluate import iter_dataset, norm_authors, norm_date, norm_title
from stripper.metadata import extract_metadata
from stripper.options import DEFAULT_OPTIONS
from stripper.pagetype import declared_url, detect_page_type
from stripper.parse import parse, to_text
from stripper.record import Page


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--all", action="store_true", help="dump every page, not only misses")
    ap.add_argument("--no-page-type", action="store_true",
                    help="do not pass the detected page type (measures the page-type gate)")
    ap.add_argument("--no-url", action="store_true",
                    help="read the pages without their URLs, as saved files are")
    args = ap.parse_args(argv)
    if not (args.dataset / "html").is_dir():
        print(f"no dataset at {args.dataset}", file=sys.stderr)
        return 2
    rows = []
    ms: list[float] = []
    for fid, html_path, gt_path in iter_dataset(args.dataset, args.limit):
        gt_doc = json.loads(gt_path.read_text(encoding="utf-8"))
        gt = gt_doc.get("ground_truth", {})
        ptype = gt_doc.get("_internal", {}).get("page_type", {}).get("primary", "unknown")
        page = Page(content=gzip.decompress(html_path.read_bytes()), url=None if args.no_url else gt_doc.get("url"))
        text, _ = to_text(page, DEFAULT_OPTIONS)
        tree = parse(text, DEFAULT_OPTIONS)
        detected = detect_page_type(tree, page.url)
        predicted = detected.page_type
        t0 = time.process_time()
        m = extract_metadata(tree, page.url or declared_url(tree), DEFAULT_OPTIONS.metadata,
                             page_type=None if args.no_page_type else predicted,
                             page_type_scores=detected.scores or None)
        ms.append((time.process_time() - t0) * 1000)
        rows.append({
            "fid": fid, "url": page.url, "type": ptype, "predicted_type": predicted,
            "title_ok": norm_title(m.title) == norm_title(gt.get("title")),
            "author_ok": norm_authors(m.author) == norm_authors(gt.get("author")),
            "author_has": bool(norm_authors(gt.get("author"))),
            "date_ok": norm_date(m.date) == norm_date(gt.get("publish_date")),
            "date_has": bool(norm_date(gt.get("publish_date"))),
            "title": m.title, "gt_title": gt.get("title"),
            "author": m.author, "gt_author": gt.get("author"),
            "date": m.date, "gt_date": gt.get("publish_date"),
            "sources": {k: [v.origin, v.raw[:120]] for k, v in m.sources.items()},
            "candidates": [[d.node, d.rule, (d.text or "")[:160]] for d in m.candidates],
        })

    def acc(sel: list[dict[str, object]], key: str) -> str:
        return f"{sum(bool(r[key]) for r in sel) / len(sel):.3f} ({len(sel)})" if sel else "-"

    print(f"pages {len(rows)}  metadata median {statistics.median(ms):.2f} ms  "
          f"mean {statistics.fmean(ms):.2f} ms")
    print("title        ", acc(rows, "title_ok"))
    print("author with  ", acc([r for r in rows if r["author_has"]], "author_ok"))
    print("author empty ", acc([r for r in rows if not r["author_has"]], "author_ok"))
    print("date with    ", acc([r for r in rows if r["date_has"]], "date_ok"))
    print("date empty   ", acc([r for r in rows if not r["date_has"]], "date_ok"))
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for r in rows:
                if args.all or not (r["title_ok"] and r["author_ok"] and r["date_ok"]):
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
