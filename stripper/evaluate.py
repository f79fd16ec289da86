"""``stripper eval``: score extractors on a folder in WCXB layout.

Layout: ``html/NNNN.html.gz`` and ``ground-truth/NNNN.json`` (see the dataset README).
The metric is the benchmark's own, reproduced exactly: tokens are
``re.findall(r"\\w+", text.lower())``; per page precision = overlap / predicted
tokens, recall = overlap / reference tokens with a multiset (Counter)
intersection; F1 per page; figures are means over pages (macro). An empty
reference scores 1.0 only for an empty prediction. Snippet rates: share of
``with`` snippets found and of ``without`` snippets found (case-insensitive
substring).

Metadata accuracy (exact match after light normalisation): title NFKC +
whitespace collapse + casefold; author as a set of names; date as YYYY-MM-DD. On
pages whose ground truth is empty, a field is correct only when it is empty too.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .options import DEFAULT_OPTIONS, Options
from .pipeline import extract

_TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall((text or "").lower())


def prf(predicted: str | None, reference: str | None) -> tuple[float, float, float]:
    """(precision, recall, F1) of the WCXB token metric for one page."""
    p, r = Counter(tokens(predicted)), Counter(tokens(reference))
    if not r:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return 0.0, 0.0, 0.0
    overlap = sum((p & r).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(p.values())
    recall = overlap / sum(r.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def norm_title(t: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", t or "").split()).casefold()


def norm_authors(a: str | None) -> frozenset[str]:
    if not a:
        return frozenset()
    parts = re.split(r"\s*(?:;|,|\band\b|&)\s*", unicodedata.normalize("NFKC", a))
    return frozenset(" ".join(p.split()).casefold() for p in parts if p.strip())


def norm_date(d: str | None) -> str:
    return (d or "")[:10]


@dataclass(slots=True)
class PageResult:
    fid: str
    page_type: str
    tool: str
    precision: float
    recall: float
    f1: float
    with_found: int
    with_total: int
    without_found: int
    without_total: int
    title_ok: bool
    title_has: bool
    author_ok: bool
    author_has: bool
    date_ok: bool
    date_has: bool
    cpu_ms: float
    predicted_type: str | None = None
    confidence: float | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Extracted:
    body: str
    title: str | None
    author: str | None
    date: str | None
    page_type: str | None = None
    confidence: float | None = None
    error: str | None = None


def iter_dataset(root: Path, limit: int | None = None) -> Iterator[tuple[str, Path, Path]]:
    ids = sorted(p.name.split(".")[0] for p in (root / "html").glob("*.html.gz"))
    if limit:
        # an even sample over the whole folder, so --limit keeps the type mix
        step = max(1, len(ids) // limit)
        ids = ids[::step][:limit]
    for fid in ids:
        yield fid, root / "html" / f"{fid}.html.gz", root / "ground-truth" / f"{fid}.json"


def run_stripper(html: bytes, url: str | None, options: Options = DEFAULT_OPTIONS) -> Extracted:
    r = extract(html, url=url, options=options)
    return Extracted(r.body, r.title, r.author, r.date, r.page_type, r.confidence,
                     r.error.kind if r.error else None)


def run_trafilatura(html: bytes, url: str | None) -> Extracted:
    import trafilatura

    out = trafilatura.extract(html, url=url, output_format="json", with_metadata=True)
    if not out:
        return Extracted("", None, None, None, error="empty")
    d = json.loads(out)
    return Extracted(d.get("text") or "", d.get("title"), d.get("author"), d.get("date"))


EXTRACTORS: dict[str, Callable[[bytes, str | None], Extracted]] = {
    "stripper": run_stripper,
    "trafilatura": run_trafilatura,
}


def evaluate_page(args: tuple[str, str, str, tuple[str, ...]]) -> list[PageResult]:
    fid, html_path, gt_path, tools = args
    html = gzip.decompress(Path(html_path).read_bytes())
    gt_doc = json.loads(Path(gt_path).read_text(encoding="utf-8"))
    gt = gt_doc.get("ground_truth", {})
    ptype = (gt_doc.get("_internal", {}).get("page_type", {}) or {}).get("primary", "unknown")
    reference = gt.get("main_content") or ""
    results = []
    for tool in tools:
        t0 = time.process_time()
        ex = EXTRACTORS[tool](html, gt_doc.get("url"))
        cpu = (time.process_time() - t0) * 1000
        p, r, f = prf(ex.body, reference)
        low = ex.body.lower()
        w = [s for s in gt.get("with") or [] if s]
        wo = [s for s in gt.get("without") or [] if s]
        results.append(PageResult(
            fid=fid, page_type=ptype, tool=tool, precision=p, recall=r, f1=f,
            with_found=sum(1 for s in w if s.lower() in low), with_total=len(w),
            without_found=sum(1 for s in wo if s.lower() in low), without_total=len(wo),
            title_ok=norm_title(ex.title) == norm_title(gt.get("title")),
            title_has=bool(norm_title(gt.get("title"))),
            author_ok=norm_authors(ex.author) == norm_authors(gt.get("author")),
            author_has=bool(norm_authors(gt.get("author"))),
            date_ok=norm_date(ex.date) == norm_date(gt.get("publish_date")),
            date_has=bool(norm_date(gt.get("publish_date"))),
            cpu_ms=cpu, predicted_type=ex.page_type, confidence=ex.confidence, error=ex.error,
        ))
    return results


def evaluate(root: Path, tools: tuple[str, ...] = ("stripper",), limit: int | None = None,
             jobs: int = 1) -> list[PageResult]:
    tasks = [(fid, str(h), str(g), tools) for fid, h, g in iter_dataset(root, limit)]
    if jobs <= 1:
        return [r for t in tasks for r in evaluate_page(t)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return [r for rs in pool.map(evaluate_page, tasks, chunksize=4) for r in rs]


def _mean(xs: list[float]) -> float:
    return statistics.fmean(xs) if xs else float("nan")


def summarise(results: list[PageResult]) -> dict[str, dict[str, Any]]:
    """Per tool: overall and per-type figures."""
    out: dict[str, dict[str, Any]] = {}
    for tool in dict.fromkeys(r.tool for r in results):
        rs = [r for r in results if r.tool == tool]
        row: dict[str, Any] = _figures(rs)
        types = sorted({r.page_type for r in rs})
        row["by_type"] = {t: _figures([r for r in rs if r.page_type == t]) for t in types}
        typed = [r for r in rs if r.predicted_type]
        if typed:
            row["type_accuracy"] = _mean([float(r.predicted_type == r.page_type) for r in typed])
        conf = [r for r in rs if r.confidence is not None]
        if conf and tool == "stripper":
            conf.sort(key=lambda r: r.confidence or 0.0)
            q = len(conf) / 5
            row["confidence_quintiles"] = [
                _mean([r.f1 for r in conf[int(i * q): int((i + 1) * q)]]) for i in range(5)]
        out[tool] = row
    return out


def _figures(rs: list[PageResult]) -> dict[str, Any]:
    wt = sum(r.with_total for r in rs)
    wot = sum(r.without_total for r in rs)
    has_a = [r for r in rs if r.author_has]
    no_a = [r for r in rs if not r.author_has]
    has_d = [r for r in rs if r.date_has]
    no_d = [r for r in rs if not r.date_has]
    return {
        "pages": len(rs),
        "precision": _mean([r.precision for r in rs]),
        "recall": _mean([r.recall for r in rs]),
        "f1": _mean([r.f1 for r in rs]),
        "with": sum(r.with_found for r in rs) / wt if wt else float("nan"),
        "without": sum(r.without_found for r in rs) / wot if wot else float("nan"),
        "title": _mean([float(r.title_ok) for r in rs]),
        "author": _mean([float(r.author_ok) for r in has_a]),
        "author_empty": _mean([float(r.author_ok) for r in no_a]),
        "date": _mean([float(r.date_ok) for r in has_d]),
        "date_empty": _mean([float(r.date_ok) for r in no_d]),
        "median_ms": statistics.median([r.cpu_ms for r in rs]) if rs else float("nan"),
        "errors": sum(1 for r in rs if r.error and r.error != "empty"),
    }


def format_table(summary: dict[str, dict[str, Any]]) -> str:
    """A plain-text table: overall rows per tool, then per-type F1 side by side."""
    tools = list(summary)
    lines = []
    hdr = (f"{'tool':<12}{'pages':>6}{'P':>7}{'R':>7}{'F1':>7}{'with':>7}{'w/o':>7}"
           f"{'title':>7}{'auth':>7}{'a-emp':>7}{'date':>7}{'d-emp':>7}{'ms':>8}")
    lines.append(hdr)
    for t in tools:
        s = summary[t]
        lines.append(
            f"{t:<12}{s['pages']:>6}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
            f"{s['with']:>7.3f}{s['without']:>7.3f}{s['title']:>7.3f}{s['author']:>7.3f}"
            f"{s['author_empty']:>7.3f}{s['date']:>7.3f}{s['date_empty']:>7.3f}"
            f"{s['median_ms']:>8.2f}")
    if len(tools) > 1:
        base = summary[tools[1]]["median_ms"]
        lines.append(f"median CPU ratio {tools[0]}/{tools[1]}: "
                     f"{summary[tools[0]]['median_ms'] / base:.3f}" if base else "")
    lines.append("")
    lines.append(f"{'F1 by type':<16}{'pages':>6}" + "".join(f"{t:>13}" for t in tools))
    types = list(summary[tools[0]]["by_type"])
    for ty in types:
        n = summary[tools[0]]["by_type"][ty]["pages"]
        lines.append(f"{ty:<16}{n:>6}" + "".join(
            f"{summary[t]['by_type'][ty]['f1']:>13.3f}" for t in tools))
    s0 = summary[tools[0]]
    if "type_accuracy" in s0:
        lines.append(f"\npage-type accuracy ({tools[0]}): {s0['type_accuracy']:.3f}"
                     "  (on wcxb-dev this is in-sample: the shipped page-type model was"
                     " trained on these pages; docs/pagetype.md gives the site-grouped"
                     " cross-validation figure)")
    if "confidence_quintiles" in s0:
        lines.append("mean F1 by confidence quintile (low→high): " +
                     " ".join(f"{x:.3f}" for x in s0["confidence_quintiles"]))
    return "\n".join(lines)


def write_json(results: list[PageResult], summary: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps({"summary": summary, "pages": [asdict(r) for r in results]},
                               indent=1), encoding="utf-8")


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 2))
