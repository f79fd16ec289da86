"""Line-by-line writers, resumable: JSON lines and CSV (whole lines, flushed one by one)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import WriteError
from ..record import JSON, Record
from .base import (
    TEXT_ERRORS,
    Writer,
    _dumps,
    _require_source,
    jsonl_sources,
    truncate_partial_line,
)


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
        # the writer owns the stream until close(): no with-block fits
        self._stream = open(self.path, mode, encoding="utf-8",  # noqa: SIM115
                            errors=TEXT_ERRORS, newline="\n")

    def emit(self, record: Record) -> None:
        self.stream.write(_dumps(self.row(record)) + "\n")
        self.stream.flush()


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
            self._stream = open(self.path, mode, encoding="utf-8",  # noqa: SIM115
                                errors=TEXT_ERRORS, newline="")
        self._csv = csv.writer(self.stream, lineterminator="\n")
        if header:
            self._csv.writerow(self.fields)

    def emit(self, record: Record) -> None:
        self._csv.writerow([_cell(v) for v in self.row(record).values()])
        self.stream.flush()
