"""Text writers: one .txt/.md file per page into a folder (plus index.jsonl), or a stream."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import IO, Self

from ..record import Record
from .base import (
    INDEX_NAME,
    TEXT_ERRORS,
    Writer,
    _dumps,
    _wrap,
    jsonl_sources,
    record_text,
    truncate_partial_line,
)

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

    def __enter__(self) -> Self:
        assert self.path is not None
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            index = self.path / INDEX_NAME
            mode = "w"
            if self.resume and index.exists():
                truncate_partial_line(index)
                self.done = frozenset(jsonl_sources(index))
                mode = "a"
            self._stream = open(index, mode, encoding="utf-8", errors=TEXT_ERRORS,
                                newline="\n")
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
            tmp.write_text(record_text(record, self.fmt) + "\n", encoding="utf-8",
                           errors=TEXT_ERRORS)
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
