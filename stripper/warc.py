"""WARC input: each HTML response record of a WARC (or WARC.gz) file becomes one Page.

Reading WARC is a solved problem, so this module leans on warcio (the Internet
Archive / Webrecorder reader, used by pywb and most crawl tooling): it handles
per-record gzip members, chunked transfer-encoding and HTTP content-encoding.
This is the only module that imports warcio.

Each page keeps its URL (``WARC-Target-URI``), its capture date (``WARC-Date``) as
``fetched_at``, the HTTP status and headers (so the charset in ``Content-Type`` is
used), and a ``source`` of ``PATH#OFFSET`` — the record's byte offset in the file,
stable across runs, so ``--resume`` can tell records apart.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import brotli
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader
from warcio.exceptions import ArchiveLoadFailed

from .errors import LimitExceeded, StripperError
from .record import Page

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
READ_CHUNK = 1 << 16


class WarcError(StripperError):
    """A WARC file could not be read past some point."""

    kind = "warc-error"
    stage = "read"


@dataclass(frozen=True, slots=True)
class WarcItem:
    """One HTML record: its Page, or the error that stopped reading it."""

    source: str
    page: Page | None
    error: StripperError | None = None


class _BrotliDecompressor:
    """A ``Content-Encoding: br`` body decoder with the interface warcio expects.

    warcio's own ``br`` decoder is written for brotlipy and sets ``unused_data`` on the
    decompressor, which Google's ``brotli`` (our dependency, shared with the fetcher)
    refuses: every WARC holding a brotli response ended the run with an AttributeError
    (warcio issue #73). This adapter is registered in its place below.
    """

    unused_data = b""

    def __init__(self) -> None:
        self._d = brotli.Decompressor()

    def decompress(self, data: bytes) -> bytes:
        return bytes(self._d.process(data))

    def flush(self) -> bytes:
        return b""


BufferedReader.DECOMPRESSORS["br"] = _BrotliDecompressor


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def _is_html(content_type: str | None) -> bool:
    return content_type is not None and \
        content_type.split(";")[0].strip().lower() in HTML_TYPES


def _read_capped(stream: Any, max_bytes: int) -> bytes:
    """Read a record body, refusing it as soon as it passes ``max_bytes``."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(READ_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise LimitExceeded("input bytes", size, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def iter_warc(path: str | Path, *, max_bytes: int = 20_000_000) -> Iterator[WarcItem]:
    """Yield one WarcItem per HTML response (or resource) record, lazily.

    A file that breaks off yields a final item with a ``WarcError`` for the file.
    """
    path = str(path)
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            it = ArchiveIterator(fh, arc2warc=True)
            for rec in _records(path, it):
                item = _item(path, it, rec, max_bytes)
                if item is not None:
                    yield item
            if it.offset < size:  # warcio stops quietly at a record cut short
                raise WarcError(f"WARC {path} breaks off at byte {it.offset} of {size}",
                                source=path)
    except WarcError as exc:
        yield WarcItem(path, None, exc)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield WarcItem(path, None, WarcError(f"cannot read WARC {path}: {exc}", source=path))


def _records(path: str, it: ArchiveIterator) -> Iterator[Any]:
    """warcio's records. On corrupt bytes warcio raises whatever it runs into (an
    AttributeError for a response record without WARC-Target-URI, a zlib or brotli
    error): any exception while it reads the next record ends the file as a WarcError."""
    records = iter(it)
    while True:
        try:
            rec = next(records)
        except StopIteration:
            return
        except Exception as exc:  # a third-party parser on corrupt input
            raise WarcError(f"cannot read WARC {path} past byte {it.offset}: "
                            f"{type(exc).__name__}: {exc}", source=path) from exc
        yield rec


def _item(path: str, it: ArchiveIterator, rec: Any, max_bytes: int) -> WarcItem | None:
    rec_type = rec.rec_type
    headers = rec.rec_headers
    http = rec.http_headers
    if rec_type == "response" and http is not None:
        ctype = http.get_header("Content-Type")
    elif rec_type == "resource":
        ctype = headers.get_header("Content-Type")
    else:
        return None
    if not _is_html(ctype):
        return None
    error: StripperError | None = None
    try:
        body: bytes | None = _read_capped(rec.content_stream(), max_bytes)
    except LimitExceeded as exc:
        body, error = None, exc
    except Exception as exc:  # noqa: BLE001 - warcio decoding a corrupt body (chunks, gzip, br)
        body = None
        error = WarcError(f"cannot read the record body: {type(exc).__name__}: {exc}")
    # asked only after the body is read: warcio's offset call ends the record's stream
    source = f"{path}#{it.get_record_offset()}"
    if body is None:
        assert error is not None
        error.source = source
        return WarcItem(source, None, error)
    status = http.get_statuscode() if http is not None else None
    page = Page(
        content=body,
        url=headers.get_header("WARC-Target-URI"),
        source=source,
        headers={k.lower(): v for k, v in http.headers} if http is not None else {},
        status=int(status) if status and str(status).isdigit() else None,
        fetched_at=headers.get_header("WARC-Date"),
    )
    return WarcItem(source, page)
