"""Stage 7, write: Record → bytes. The only place records are serialised.

Writers are context managers. Writing to a path goes to a temporary file that is
renamed into place on close, so a crash never leaves a half-written file;
JSONL writers flush after every line so an interrupted run keeps whole lines.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from .errors import WriteError
from .record import Record


def record_json(record: Record, *, indent: int | None = None) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=indent)


def record_text(record: Record, fmt: str = "txt") -> str:
    """Human-readable text: the title line, then the body (or the error)."""
    if record.error is not None:
        return f"error: {record.source or record.url}: {record.error.kind}: {record.error.message}"
    head = []
    if record.title:
        head.append(("# " if fmt == "md" else "") + record.title)
    return "\n\n".join(head + [record.body])


class Writer:
    """Base: writes to a stream, or atomically to a path."""

    def __init__(self, path: str | Path | None = None, *, stream: IO[str] | None = None) -> None:
        self.path = Path(path) if path is not None and str(path) != "-" else None
        self._stream = stream
        self._tmp: str | None = None
        self.count = 0

    def __enter__(self) -> Writer:
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd, self._tmp = tempfile.mkstemp(dir=self.path.parent,
                                                 prefix=f".{self.path.name}.", suffix=".tmp")
                self._stream = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
            except OSError as exc:
                raise WriteError(f"cannot write {self.path}: {exc}", path=str(self.path)) from exc
        elif self._stream is None:
            self._stream = sys.stdout
        self.start()
        return self

    @property
    def stream(self) -> IO[str]:
        assert self._stream is not None, "writer used outside its with-block"
        return self._stream

    def start(self) -> None:  # header hook
        pass

    def finish(self) -> None:  # footer hook
        pass

    def write(self, record: Record) -> None:
        raise NotImplementedError

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.finish()
        self.stream.flush()
        if self.path is not None and self._tmp is not None:
            self.stream.close()
            os.replace(self._tmp, self.path)


class JsonlWriter(Writer):
    """One JSON object per line (the default output)."""

    def write(self, record: Record) -> None:
        self.stream.write(record_json(record) + "\n")
        self.stream.flush()
        self.count += 1


class JsonWriter(Writer):
    """One JSON document: a single object for one record, an array for several."""

    def __init__(self, path: str | Path | None = None, *, stream: IO[str] | None = None,
                 single: bool = False) -> None:
        super().__init__(path, stream=stream)
        self.single = single
        self._items: list[dict[str, Any]] = []

    def write(self, record: Record) -> None:
        self._items.append(record.to_dict())
        self.count += 1

    def finish(self) -> None:
        data: Any = self._items[0] if self.single and len(self._items) == 1 else self._items
        self.stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


class TextWriter(Writer):
    """Plain text or Markdown, records separated by a form-feed line."""

    def __init__(self, path: str | Path | None = None, *, stream: IO[str] | None = None,
                 fmt: str = "txt") -> None:
        super().__init__(path, stream=stream)
        self.fmt = fmt

    def write(self, record: Record) -> None:
        if self.count:
            self.stream.write("\n\f\n")
        self.stream.write(record_text(record, self.fmt) + "\n")
        self.count += 1


def make_writer(fmt: str, path: str | Path | None = None, *, single: bool = False,
                stream: IO[str] | None = None) -> Writer:
    if fmt == "jsonl":
        return JsonlWriter(path, stream=stream)
    if fmt == "json":
        return JsonWriter(path, stream=stream, single=single)
    if fmt in ("txt", "md"):
        return TextWriter(path, stream=stream, fmt=fmt)
    raise WriteError(f"unknown format {fmt!r}", path=str(path or "-"))
