"""Batch runs: many inputs → an iterator of Outcomes, one per input, never fewer.

Inputs are discovered lazily (folders walked as they are consumed). Each input
ends in exactly one Outcome holding a Record (which may carry an error record).
"""

from __future__ import annotations

import gzip
import logging
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import StripperError
from .options import DEFAULT_OPTIONS, Options
from .pipeline import error_record, extract_page, extract_url
from .record import ErrorInfo, Page, Record

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")


@dataclass(frozen=True, slots=True)
class Input:
    """One thing to extract: a file path, a URL, or stdin ("-")."""

    source: str
    kind: str  # file | url | stdin


@dataclass(frozen=True, slots=True)
class Outcome:
    source: str
    record: Record
    seconds: float

    @property
    def ok(self) -> bool:
        return self.record.error is None


def is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def discover(items: Iterable[str]) -> Iterator[Input]:
    """Expand CLI arguments into inputs: folders recursively, in sorted order."""
    for item in items:
        if item == "-":
            yield Input("-", "stdin")
        elif is_url(item):
            yield Input(item, "url")
        else:
            p = Path(item)
            if p.is_dir():
                for f in sorted(p.rglob("*")):
                    if f.is_file() and f.name.lower().endswith(HTML_SUFFIXES):
                        yield Input(str(f), "file")
            else:
                yield Input(item, "file")


def read_input(inp: Input) -> Page:
    """Read a file or stdin into a Page (gzip inflated). Raises StripperError."""
    if inp.kind == "stdin":
        return Page(content=sys.stdin.buffer.read(), source="-")
    try:
        data = Path(inp.source).read_bytes()
    except OSError as exc:
        err = StripperError(f"cannot read {inp.source}: {exc.strerror or exc}", source=inp.source)
        err.kind, err.stage = "read-error", "read"
        raise err from exc
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data)
    return Page(content=data, source=inp.source)


def process(inp: Input, options: Options = DEFAULT_OPTIONS) -> Outcome:
    """Extract one input; every failure becomes an error record."""
    t0 = time.perf_counter()
    try:
        if inp.kind == "url":
            record = extract_url(inp.source, options=options)
        else:
            record = extract_page(read_input(inp), options=options)
    except StripperError as exc:
        record = error_record(Page(content=b"", source=inp.source), exc)
    except Exception as exc:  # a bug must not end a batch: report it and go on
        log.exception("internal error on %s", inp.source)
        record = Record(source=inp.source, error=ErrorInfo(
            kind="internal-error", message=f"{type(exc).__name__}: {exc}", stage="extract"))
    return Outcome(inp.source, record, time.perf_counter() - t0)


def _process_star(args: tuple[Input, Options]) -> Outcome:
    return process(*args)


def run(inputs: Iterable[Input], *, options: Options = DEFAULT_OPTIONS,
        jobs: int = 1) -> Iterator[Outcome]:
    """Yield one Outcome per input, in input order."""
    if jobs <= 1:
        for inp in inputs:
            yield process(inp, options)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_process_star, ((i, options) for i in inputs), chunksize=8)
