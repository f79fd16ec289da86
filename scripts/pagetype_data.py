"""Shared by train_pagetype.py and eval_pagetype.py: read a WCXB-layout folder into
(page id, site, true type, measured features, rule totals, detection ms) rows."""

from __future__ import annotations

import gzip
import json
import pickle
import time
from dataclasses import dataclass
from pathlib import Path

from stripper.pagetype import Features, measure, rule_scores
from stripper.parse import parse, to_text

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "wcxb-dev"


@dataclass(slots=True)
class Row:
    fid: str
    site: str
    truth: str
    url: str | None
    features: Features
    rules: dict[str, float]
    ms: float  # CPU time of measure + rule_scores


def site_of(url: str | None, fallback: str) -> str:
    """The registrable-ish host ("www." dropped): pages of one site share a fold."""
    if not url or "://" not in url:
        return fallback
    host = url.split("://", 1)[1].split("/", 1)[0].split(":")[0].lower()
    return host.removeprefix("www.")


def load_rows(root: Path, limit: int | None = None, cache: Path | None = None) -> list[Row]:
    """Measure every page; with ``cache``, reuse measurements saved there by an earlier
    run (delete the file after changing ``measure``). Rule totals are always fresh."""
    if cache is not None and cache.exists():
        rows: list[Row] = pickle.loads(cache.read_bytes())
        for r in rows:
            r.rules = rule_scores(r.features)
        return rows[:limit] if limit else rows
    rows = _measure_all(root, limit)
    if cache is not None:
        cache.write_bytes(pickle.dumps(rows))
    return rows


def _measure_all(root: Path, limit: int | None) -> list[Row]:
    meta_path = root / "metadata.json"
    meta = json.loads(meta_path.read_text())["files"] if meta_path.exists() else {}
    ids = sorted(p.name.split(".")[0] for p in (root / "html").glob("*.html.gz"))
    if limit:
        ids = ids[:: max(1, len(ids) // limit)][:limit]
    rows: list[Row] = []
    for fid in ids:
        gt = json.loads((root / "ground-truth" / f"{fid}.json").read_text(encoding="utf-8"))
        truth = gt.get("_internal", {}).get("page_type", {}).get("primary", "unknown")
        url = gt.get("url")
        html = gzip.decompress((root / "html" / f"{fid}.html.gz").read_bytes())
        tree = parse(to_text(html)[0])
        t0 = time.process_time()
        features = measure(tree, url)
        rules = rule_scores(features)
        ms = (time.process_time() - t0) * 1000
        site = meta.get(fid, {}).get("domain") or site_of(url, fid)
        rows.append(Row(fid, site, truth, url, features, rules, ms))
    return rows
