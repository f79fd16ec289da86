"""Shared by ``test_pages.py`` and ``regen.py``: load a fixture, extract it, run its checks.

A fixture is ``fixtures/pages/<slug>/`` with ``source.html`` (raw bytes, never
reformatted), ``page.json`` (url, headers, provenance), ``expected.txt`` (the golden
main text in the WCXB text format) and ``expected.json`` (title, author, date,
language, page_type and, for listings, items). ``fixtures/snippets.jsonl`` holds
per-slug ``with`` / ``without`` snippets (trafilatura-style).

Each check returns a list of problems: empty means the check passes.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from stripper import Page, Record, extract_page
from stripper.evaluate import norm_authors, norm_date, prf

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "fixtures" / "pages"
SNIPPETS = ROOT / "fixtures" / "snippets.jsonl"

# Body token F1 (the WCXB metric) against expected.txt must reach this. High
# because these pages are small and clean: one stray menu or a lost paragraph
# moves F1 by several points. Precision and recall are reported on failure.
BODY_MIN_F1 = 0.95

METADATA_FIELDS = ("title", "author", "date", "language", "page_type")


def slugs() -> list[str]:
    return sorted(p.name for p in PAGES.iterdir() if (p / "source.html").is_file())


@dataclass(frozen=True)
class Fixture:
    slug: str
    source: bytes
    page: dict[str, Any]
    text: str
    expected: dict[str, Any]
    with_: tuple[str, ...]
    without: tuple[str, ...]


@cache
def _snippets() -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    if SNIPPETS.is_file():
        for line in SNIPPETS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["slug"]] = row
    return out


@cache
def load(slug: str) -> Fixture:
    d = PAGES / slug
    snip = _snippets().get(slug, {})
    return Fixture(
        slug=slug,
        source=(d / "source.html").read_bytes(),
        page=json.loads((d / "page.json").read_text(encoding="utf-8")),
        text=(d / "expected.txt").read_text(encoding="utf-8"),
        expected=json.loads((d / "expected.json").read_text(encoding="utf-8")),
        with_=tuple(snip.get("with", ())),
        without=tuple(snip.get("without", ())),
    )


@cache
def record(slug: str) -> Record:
    """The record stripper gives for the fixture: raw bytes, url and headers from page.json."""
    fx = load(slug)
    headers = {k.lower(): v for k, v in (fx.page.get("headers") or {}).items()}
    return extract_page(Page(content=fx.source, url=fx.page.get("url"), source=slug,
                             headers=headers))


def _collapse(s: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").split())


# ------------------------------------------------------------------ checks
def check_body(fx: Fixture, r: Record) -> list[str]:
    if r.error is not None:
        return [f"error record: {r.error.kind}: {r.error.message}"]
    p, rc, f = prf(r.body, fx.text)
    if f < BODY_MIN_F1:
        return [f"body token F1 {f:.3f} < {BODY_MIN_F1} (precision {p:.3f}, recall {rc:.3f})"]
    return []


def check_with(fx: Fixture, r: Record) -> list[str]:
    low = r.body.lower()
    return [f"missing: {s!r}" for s in fx.with_ if s.lower() not in low]


def check_without(fx: Fixture, r: Record) -> list[str]:
    low = r.body.lower()
    return [f"boilerplate kept: {s!r}" for s in fx.without if s.lower() in low]


def _field(name: str) -> Callable[[Fixture, Record], list[str]]:
    def check(fx: Fixture, r: Record) -> list[str]:
        want = fx.expected.get(name)
        got: Any = getattr(r, name)
        if name == "title":
            ok = _collapse(got) == _collapse(want)
        elif name == "author":
            ok = norm_authors(got) == norm_authors(want)
        elif name == "date":
            ok = norm_date(got) == norm_date(want)
        elif name == "language":  # compare the primary subtag: "en-US" is "en"
            ok = (got or "").split("-")[0].lower() == (want or "").split("-")[0].lower()
        else:
            ok = got == want
        return [] if ok else [f"{name}: got {got!r}, expected {want!r}"]
    check.__name__ = f"check_{name}"
    return check


def _item_key(item: dict[str, Any]) -> tuple[str, str | None, str]:
    return (_collapse(item.get("title")), item.get("url"), _collapse(item.get("summary")))


def check_items(fx: Fixture, r: Record) -> list[str]:
    want = [_item_key(i) for i in fx.expected["items"]]
    got = [_item_key(i.to_dict()) for i in r.items]
    if got == want:
        return []
    problems = [f"{len(got)} items, expected {len(want)}"] if len(got) != len(want) else []
    for n, (g, w) in enumerate(zip(got, want)):
        for label, gv, wv in zip(("title", "url", "summary"), g, w):
            if gv != wv:
                problems.append(f"item {n} {label}: got {gv!r}, expected {wv!r}")
    return problems or ["items differ"]


def check_item_dates(fx: Fixture, r: Record) -> list[str]:
    want = [i.get("date") for i in fx.expected["items"]]
    got = [norm_date(i.date) or None for i in r.items]
    return [] if got == want else [f"item dates: got {got}, expected {want}"]


CHECKS: dict[str, Callable[[Fixture, Record], list[str]]] = {
    "body": check_body,
    "with": check_with,
    "without": check_without,
    **{name: _field(name) for name in METADATA_FIELDS},
    "items": check_items,
    "item-dates": check_item_dates,
}


def checks_for(slug: str) -> list[str]:
    """The checks that apply to a fixture: metadata only for keys in expected.json."""
    fx = load(slug)
    names = ["body"]
    if fx.with_:
        names.append("with")
    if fx.without:
        names.append("without")
    names += [n for n in METADATA_FIELDS if n in fx.expected]
    if "items" in fx.expected:
        names.append("items")
        if any(i.get("date") for i in fx.expected["items"]):
            names.append("item-dates")
    return names


def run_check(slug: str, name: str) -> list[str]:
    return CHECKS[name](load(slug), record(slug))
