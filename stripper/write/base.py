"""Shared pieces of the writers: the field list, rows, the Writer base class, resume helpers."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

from ..errors import StripperError, WriteError
from ..record import JSON, Record

FIELDS: tuple[str, ...] = (
    "schema", "url", "source", "title", "author", "authors", "date", "date_modified",
    "language", "sitename", "description", "canonical", "image", "tags", "page_type",
    "confidence", "body", "items", "sources", "error", "stats",
)
# Non-deterministic stats (timings): written only on request.
TIMING_KEYS = frozenset({"cpu_ms"})
FORMATS = ("jsonl", "json", "csv", "parquet", "txt", "md")
RESUMABLE = ("jsonl", "csv", "parquet", "txt", "md")
INDEX_NAME = "index.jsonl"
# A str that is no valid Unicode (a file name in a legacy encoding, which Python reads
# with surrogate escapes: "caf\udce9.html") is written as its escape "\udce9": in JSON
# that is a string escape reading back as the same source, so --resume still finds it;
# the strict default would end the run with a UnicodeEncodeError at that page.
TEXT_ERRORS = "backslashreplace"


class FieldsError(StripperError, ValueError):
    """``--fields`` names a field the record schema does not have."""

    kind = "bad-option"
    stage = "write"


def parse_fields(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"title,body"`` → ("title", "body"), checked against FIELDS; None → all fields."""
    if spec is None:
        return FIELDS
    names = [n.strip() for n in (spec.split(",") if isinstance(spec, str) else spec)]
    names = [n for n in names if n]
    unknown = [n for n in names if n not in FIELDS]
    if unknown or not names:
        raise FieldsError(f"unknown field(s) {', '.join(unknown) or '(none given)'}; "
                          f"choose from: {', '.join(FIELDS)}")
    return tuple(dict.fromkeys(names))


def to_row(record: Record, fields: tuple[str, ...] = FIELDS, *,
           timings: bool = False) -> dict[str, JSON]:
    """The record as a flat dict holding ``fields`` in schema order."""
    full = record.to_dict()
    stats = full.get("stats")
    if not timings and isinstance(stats, dict):
        full["stats"] = {k: v for k, v in stats.items() if k not in TIMING_KEYS}
    return {f: full.get(f) for f in fields}


def record_json(record: Record, *, indent: int | None = None) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=indent)


def record_text(record: Record, fmt: str = "txt") -> str:
    """Human-readable text: the title line, then the body (or the error)."""
    if record.error is not None:
        return f"error: {record.source or record.url}: {record.error.kind}: {record.error.message}"
    head = []
    first = record.body.split("\n", 1)[0].lstrip("# ").strip()
    if record.title and first != record.title.strip():  # no title twice
        head.append(("# " if fmt == "md" else "") + record.title)
    return "\n\n".join(head + [record.body])


def _dumps(row: Any, indent: int | None = None) -> str:
    return json.dumps(row, ensure_ascii=False, indent=indent)


def _wrap(exc: OSError, path: Path | str) -> WriteError:
    return WriteError(f"cannot write {path}: {exc.strerror or exc}", path=str(path))


class Writer:
    """Base of all writers: a context manager with ``write(record)`` and ``done``.

    ``done`` holds the sources already in the output when ``resume=True``.
    """

    resumable = False

    def __init__(self, path: str | Path | None = None, *, stream: IO[str] | None = None,
                 fields: tuple[str, ...] = FIELDS, timings: bool = False,
                 resume: bool = False) -> None:
        self.path = Path(path) if path is not None and str(path) != "-" else None
        self._stream = stream
        self.fields = fields
        self.timings = timings
        self.resume = resume and self.path is not None
        self.done: frozenset[str] = frozenset()
        self.count = 0

    def row(self, record: Record) -> dict[str, JSON]:
        return to_row(record, self.fields, timings=self.timings)

    @property
    def stream(self) -> IO[str]:
        assert self._stream is not None, "writer used outside its with-block"
        return self._stream

    def __enter__(self) -> Self:
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.open()
        except OSError as exc:
            raise _wrap(exc, self.path or "-") from exc
        return self

    def open(self) -> None:
        if self._stream is None:
            self._stream = sys.stdout

    def write(self, record: Record) -> None:
        try:
            self.emit(record)
        except OSError as exc:
            raise _wrap(exc, self.path or "-") from exc
        self.count += 1

    def emit(self, record: Record) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.stream.flush()
        if self.path is not None:
            self.stream.close()

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self.close()
        except OSError as exc:
            raise _wrap(exc, self.path or "-") from exc


class _AtomicWriter(Writer):
    """Writes a temporary file next to the target, renamed into place on close."""

    _tmp: str | None = None

    def _open_tmp(self, mode: str = "w") -> IO[Any]:
        assert self.path is not None
        fd, self._tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.",
                                         suffix=".tmp")
        if "b" in mode:
            return os.fdopen(fd, mode)
        return os.fdopen(fd, mode, encoding="utf-8", errors=TEXT_ERRORS, newline="\n")

    def _commit(self) -> None:
        if self._tmp is not None and self.path is not None:
            os.replace(self._tmp, self.path)
            self._tmp = None


def truncate_partial_line(path: Path) -> None:
    """Cut a trailing line that lacks its newline (a run killed mid-write)."""
    with open(path, "rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return
        pos = size
        while pos > 0:
            step = min(1 << 16, pos)
            fh.seek(pos - step)
            block = fh.read(step)
            nl = block.rfind(b"\n")
            if nl >= 0:
                fh.truncate(pos - step + nl + 1)
                return
            pos -= step
        fh.truncate(0)


def jsonl_sources(path: Path) -> Iterator[str]:
    """The ``source`` of every whole line of a JSONL file (skipping unreadable lines)."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.endswith("\n"):
                break
            try:
                src = json.loads(line).get("source")
            except (ValueError, AttributeError):
                continue
            if isinstance(src, str):
                yield src


def _require_source(fields: tuple[str, ...]) -> None:
    if "source" not in fields:
        raise FieldsError("--resume needs the 'source' field in the output")
