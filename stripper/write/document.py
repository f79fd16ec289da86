"""Whole-document writers: a JSON array and Parquet, renamed into place on close."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

from ..errors import WriteError
from ..record import JSON, Record
from .base import FIELDS, TEXT_ERRORS, _AtomicWriter, _dumps, _require_source


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
    value = _encodable(value)
    if name in ("sources", "stats") and isinstance(value, dict):
        return [(k, float(v) if name == "stats" else v)  # type: ignore[arg-type]
                for k, v in value.items()]
    return value


def _encodable(value: JSON) -> JSON:
    """``value`` with every string UTF-8 can encode: a surrogate escape is written as
    its escape text (``TEXT_ERRORS``), since Arrow strings must be valid UTF-8."""
    if isinstance(value, str):
        if value.isascii():
            return value
        return value.encode("utf-8", TEXT_ERRORS).decode("utf-8")
    if isinstance(value, list):
        return [_encodable(v) for v in value]
    if isinstance(value, dict):
        return {_encodable(k): _encodable(v) for k, v in value.items()}  # type: ignore[misc]
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
            try:
                self.done = frozenset(self._copy_existing(pq))
            except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
                self._pq.close()
                os.unlink(self._tmp)
                raise WriteError(f"cannot resume {self.path}: not a readable Parquet file "
                                 f"({exc})", path=str(self.path)) from exc

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
