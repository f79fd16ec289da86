"""Stage 7, write: Record → bytes. The only place records are serialised.

Every writer takes the same rows: ``to_row(record, fields)``, a flat dict whose
keys are a subset of ``FIELDS`` in that order (docs/record-schema.md). Formats:

- ``jsonl``   one JSON object per line (default). Whole lines, flushed one by one,
              so an interrupted run leaves at most one partial last line, which
              ``--resume`` cuts off before appending.
- ``csv``     one row per record; lists and objects are JSON text in their cell.
- ``json``    one JSON array (or one object for a single page), written to a
              temporary file renamed into place on close.
- ``parquet`` typed columns via pyarrow (optional extra ``parquet``), row groups
              written as they fill, renamed into place on close.
- ``txt``/``md`` to a folder: one file per page plus ``index.jsonl`` (one line per
              input: source, url, file, error); to standard output: pages
              separated by a form-feed line.

Per-page CPU time (``stats.cpu_ms``) is left out unless ``timings=True``: the
default output of a run is then byte-identical whatever the number of workers.

Modules: ``base`` (fields, rows, the Writer class, resume helpers), ``lines`` (JSONL,
CSV), ``document`` (JSON, Parquet), ``text`` (txt/md folder or stream).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any

from ..errors import WriteError
from .base import (
    FIELDS,
    FORMATS,
    INDEX_NAME,
    RESUMABLE,
    TEXT_ERRORS,
    TIMING_KEYS,
    FieldsError,
    Writer,
    parse_fields,
    record_json,
    record_text,
    to_row,
    truncate_partial_line,
)
from .document import JsonWriter, ParquetWriter
from .lines import CsvWriter, JsonlWriter
from .text import TextDirWriter, TextStreamWriter, page_file_name

__all__ = [
    "FIELDS",
    "FORMATS",
    "RESUMABLE",
    "TEXT_ERRORS",
    "TIMING_KEYS",
    "CsvWriter",
    "FieldsError",
    "JsonWriter",
    "JsonlWriter",
    "ParquetWriter",
    "TextDirWriter",
    "TextStreamWriter",
    "Writer",
    "make_writer",
    "page_file_name",
    "parse_fields",
    "read_back",
    "record_json",
    "record_text",
    "to_row",
    "truncate_partial_line",
]


def make_writer(fmt: str, path: str | Path | None = None, *, fields: tuple[str, ...] = FIELDS,
                timings: bool = False, resume: bool = False, single: bool = False,
                stream: IO[str] | None = None) -> Writer:
    """The writer for ``fmt``; txt/md with a path write a folder of files."""
    if path is not None and str(path) == "-":
        path = None
    if fmt == "jsonl":
        return JsonlWriter(path, stream=stream, fields=fields, timings=timings, resume=resume)
    if fmt == "csv":
        return CsvWriter(path, stream=stream, fields=fields, timings=timings, resume=resume)
    if fmt == "json":
        return JsonWriter(path, stream=stream, fields=fields, timings=timings, single=single)
    if fmt == "parquet":
        return ParquetWriter(path, fields=fields, timings=timings, resume=resume)
    if fmt in ("txt", "md"):
        if path is None:
            return TextStreamWriter(stream=stream, fmt=fmt)
        return TextDirWriter(path, fmt=fmt, resume=resume)
    raise WriteError(f"unknown format {fmt!r}", path=str(path or "-"))


def _jsonl_rows(path: Path) -> list[dict[str, Any]]:
    # split on "\n" only: str.splitlines would also split inside U+2028 in a body
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


def read_back(path: str | Path, fmt: str) -> list[dict[str, Any]]:
    """Read rows written by this module (tests, tools). Not for huge files."""
    p = Path(path)
    if fmt == "jsonl":
        return _jsonl_rows(p)
    if fmt == "json":
        data = json.loads(p.read_text(encoding="utf-8"))
        return data if isinstance(data, list) else [data]
    if fmt == "csv":
        with open(p, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return list(pq.read_table(p).to_pylist())
    if fmt in ("txt", "md"):
        return _jsonl_rows(p / INDEX_NAME)
    raise WriteError(f"unknown format {fmt!r}", path=str(p))
