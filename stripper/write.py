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
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from .errors import StripperError, WriteError
from .record import JSON, Record

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

    def __enter__(self) -> Writer:
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
        return os.fdopen(fd, mode, encoding="utf-8", newline="\n")

    def _commit(self) -> None:
        if self._tmp is not None and self.path is not None:
            os.replace(self._tmp, self.path)
            self._tmp = None


# ---------------------------------------------------------------- JSON lines


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


class JsonlWriter(Writer):
    """One JSON object per line (the default output). Whole lines, flushed each."""

    resumable = True

    def open(self) -> None:
        if self.path is None:
            super().open()
            return
        mode = "w"
        if self.resume and self.path.exists():
            _require_source(self.fields)
            truncate_partial_line(self.path)
            self.done = frozenset(jsonl_sources(self.path))
            mode = "a"
        self._stream = open(self.path, mode, encoding="utf-8", newline="\n")

    def emit(self, record: Record) -> None:
        self.stream.write(_dumps(self.row(record)) + "\n")
        self.stream.flush()


# ---------------------------------------------------------------- CSV


def _cell(value: JSON) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return _dumps(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class _CountingLines:
    """Iterate a binary file's lines as text, remembering the byte offset reached."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.offset = 0

    def __iter__(self) -> Iterator[str]:
        for raw in self.fh:
            self.offset += len(raw)
            yield raw.decode("utf-8", errors="replace")


def csv_sources(path: Path, fields: tuple[str, ...]) -> set[str]:
    """Sources of the whole rows of a CSV file; cuts a trailing partial row."""
    done: set[str] = set()
    good = 0
    with open(path, "rb+") as fh:
        lines = _CountingLines(fh)
        reader = csv.reader(lines, strict=True)
        try:
            header = next(reader)
            if tuple(header) != fields:
                raise WriteError(f"{path} has other columns than --fields; cannot resume",
                                 path=str(path))
            good = lines.offset
            col = fields.index("source")
            for row in reader:
                if len(row) != len(fields):
                    break
                done.add(row[col])
                good = lines.offset
        except (StopIteration, csv.Error):
            pass
        fh.truncate(good)
    return done


class CsvWriter(Writer):
    """One row per record; a header row first; flushed row by row."""

    resumable = True

    def open(self) -> None:
        header = True
        if self.path is None:
            super().open()
        else:
            mode = "w"
            if self.resume and self.path.exists() and self.path.stat().st_size:
                _require_source(self.fields)
                self.done = frozenset(csv_sources(self.path, self.fields))
                mode, header = "a", self.path.stat().st_size == 0
            self._stream = open(self.path, mode, encoding="utf-8", newline="")
        self._csv = csv.writer(self.stream, lineterminator="\n")
        if header:
            self._csv.writerow(self.fields)

    def emit(self, record: Record) -> None:
        self._csv.writerow([_cell(v) for v in self.row(record).values()])
        self.stream.flush()


# ---------------------------------------------------------------- JSON array


class JsonWriter(_AtomicWriter):
    """One JSON document: an array streamed item by item (one object for one page)."""

    def __init__(self, path: str | Path | None = None, *, stream: IO[str] | None = None,
                 fields: tuple[str, ...] = FIELDS, timings: bool = False,
                 resume: bool = False, single: bool = False) -> None:
        super().__init__(path, stream=stream, fields=fields, timings=timings)
        self.single = single
        self._first: dict[str, JSON] | None = None

    def open(self) -> None:
        if self.path is None:
            super().open()
        else:
            self._stream = self._open_tmp()

    def emit(self, record: Record) -> None:
        row = self.row(record)
        if self.single and self.count == 0:
            self._first = row  # held back: an object if it stays alone, else item one
            return
        if self._first is not None:
            self._item(self._first, first=True)
            self._first = None
        self._item(row, first=self.count == 0)

    def _item(self, row: dict[str, JSON], *, first: bool) -> None:
        text = _dumps(row, indent=2).replace("\n", "\n  ")
        self.stream.write(("[\n  " if first else ",\n  ") + text)

    def close(self) -> None:
        if self._first is not None:
            self.stream.write(_dumps(self._first, indent=2) + "\n")
        elif self.count == 0:
            self.stream.write("[]\n")
        else:
            self.stream.write("\n]\n")
        super().close()
        self._commit()


# ---------------------------------------------------------------- Parquet


def _arrow_schema(fields: tuple[str, ...]) -> Any:
    import pyarrow as pa

    s, i64, f64 = pa.string(), pa.int64(), pa.float64()
    types = {
        "schema": i64, "confidence": f64,
        "authors": pa.list_(s), "tags": pa.list_(s),
        "items": pa.list_(pa.struct([("title", s), ("url", s), ("summary", s), ("date", s)])),
        "sources": pa.map_(s, pa.struct([("origin", s), ("raw", s)])),
        "error": pa.struct([("kind", s), ("message", s), ("stage", s), ("status", i64),
                            ("attempts", pa.list_(s))]),
        "stats": pa.map_(s, f64),
    }
    return pa.schema([(f, types.get(f, s)) for f in fields])


def _arrow_value(name: str, value: JSON) -> Any:
    if name in ("sources", "stats") and isinstance(value, dict):
        return [(k, float(v) if name == "stats" else v)  # type: ignore[arg-type]
                for k, v in value.items()]
    return value


class ParquetWriter(_AtomicWriter):
    """Typed columns (docs/record-schema.md), one row group per ``batch_rows`` records."""

    resumable = True

    def __init__(self, path: str | Path | None = None, *, stream: IO[str] | None = None,
                 fields: tuple[str, ...] = FIELDS, timings: bool = False,
                 resume: bool = False, batch_rows: int = 1000) -> None:
        super().__init__(path, stream=stream, fields=fields, timings=timings, resume=resume)
        if self.path is None:
            raise WriteError("parquet output needs a file: use -o FILE.parquet", path="-")
        self.batch_rows = batch_rows
        self._rows: list[dict[str, JSON]] = []

    def open(self) -> None:
        try:
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise WriteError("parquet output needs pyarrow: pip install 'stripper[parquet]'",
                             path=str(self.path)) from exc
        assert self.path is not None
        self._schema = _arrow_schema(self.fields)
        self._open_tmp("wb").close()
        assert self._tmp is not None
        self._pq = pq.ParquetWriter(self._tmp, self._schema, compression="zstd")
        if self.resume and self.path.exists():
            _require_source(self.fields)
            self.done = frozenset(self._copy_existing(pq))

    def _copy_existing(self, pq: Any) -> set[str]:
        assert self.path is not None
        old = pq.ParquetFile(self.path)
        if old.schema_arrow != self._schema:
            raise WriteError(f"{self.path} has other columns than --fields; cannot resume",
                             path=str(self.path))
        done: set[str] = set()
        for batch in old.iter_batches():
            self._pq.write_batch(batch)
            done.update(s for s in batch.column("source").to_pylist() if s is not None)
        return done

    def emit(self, record: Record) -> None:
        self._rows.append(self.row(record))
        if len(self._rows) >= self.batch_rows:
            self._flush_rows()

    def _flush_rows(self) -> None:
        import pyarrow as pa

        if not self._rows:
            return
        cols = {f: [_arrow_value(f, r[f]) for r in self._rows] for f in self.fields}
        self._pq.write_table(pa.Table.from_pydict(cols, schema=self._schema))
        self._rows = []

    def close(self) -> None:
        self._flush_rows()
        self._pq.close()
        self._commit()


# ---------------------------------------------------------------- text


_SLUG = re.compile(r"[^A-Za-z0-9]+")
_EXTS = re.compile(r"(\.(html?|xhtml|gz|warc))+$", re.IGNORECASE)


def page_file_name(source: str, fmt: str) -> str:
    """A stable, unique file name for one page: a readable slug plus a source hash."""
    stem = _SLUG.sub("-", _EXTS.sub("", source.split("://")[-1])).strip("-")[-60:].strip("-")
    digest = hashlib.sha1(source.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{stem or 'page'}-{digest}.{fmt}"


class TextDirWriter(Writer):
    """One .txt/.md file per page into a folder, plus index.jsonl (one line per input)."""

    resumable = True

    def __init__(self, path: str | Path, *, fmt: str = "txt", resume: bool = False) -> None:
        super().__init__(path, resume=resume)
        self.fmt = fmt

    def __enter__(self) -> Writer:
        assert self.path is not None
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            index = self.path / INDEX_NAME
            mode = "w"
            if self.resume and index.exists():
                truncate_partial_line(index)
                self.done = frozenset(jsonl_sources(index))
                mode = "a"
            self._stream = open(index, mode, encoding="utf-8", newline="\n")
        except OSError as exc:
            raise _wrap(exc, self.path) from exc
        return self

    def emit(self, record: Record) -> None:
        assert self.path is not None
        source = record.source or record.url or f"page-{self.count}"
        name = None
        if record.error is None:
            name = page_file_name(source, self.fmt)
            tmp = self.path / f".{name}.tmp"
            tmp.write_text(record_text(record, self.fmt) + "\n", encoding="utf-8")
            os.replace(tmp, self.path / name)
        entry = {"source": source, "url": record.url, "file": name,
                 "error": record.error.to_dict() if record.error else None}
        self.stream.write(_dumps(entry) + "\n")
        self.stream.flush()


class TextStreamWriter(Writer):
    """Plain text or Markdown to a stream, pages separated by a form-feed line."""

    def __init__(self, path: str | Path | None = None, *, stream: IO[str] | None = None,
                 fmt: str = "txt") -> None:
        super().__init__(path, stream=stream)
        self.fmt = fmt

    def emit(self, record: Record) -> None:
        if self.count:
            self.stream.write("\n\f\n")
        self.stream.write(record_text(record, self.fmt) + "\n")
        self.stream.flush()


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
