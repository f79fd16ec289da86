"""What is kept of a fetch on disk: an HTTP cache, saved HTML, and WARC records.

- ``HttpCache`` (``--cache DIR``): one JSON head and one body file per URL under
  ``DIR/<2 hex>/<sha256 of the URL>``. A cached page is revalidated with
  ``If-None-Match`` (ETag) and ``If-Modified-Since`` (Last-Modified); a 304 answer
  reuses the stored body, so a re-run does not download unchanged pages. Only
  responses carrying a validator are stored.
- ``save_html`` (``--save-html DIR``): the decoded body as ``DIR/<sha256[:20]>.html``
  plus one line per page in ``DIR/index.jsonl`` (file, url, source, fetched_at,
  content_type) so the URL is not lost.
- ``append_warc`` (``--warc FILE.warc.gz``): one gzip-member WARC/1.0 ``response``
  record per page (warcio), with ``WARC-Target-URI`` = the final URL and
  ``WARC-Date`` = the fetch time. The payload is the body after content decoding,
  so Content-Encoding / Transfer-Encoding are dropped from the stored HTTP head and
  Content-Length is set to the stored length. A new file starts with a
  ``warcinfo`` record. Why warcio: the Webrecorder reference library, streaming and
  used by pywb and Common Crawl tooling; its reader reads what its writer writes.

All writers append or replace atomically, so an interrupted run leaves whole files.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..errors import WriteError
from ..record import Page

SOFTWARE = "stripper/0.1 (stripper.fetch)"
_DROP_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True, slots=True)
class CachedPage:
    """A stored response: enough to revalidate it and to rebuild the Page."""

    page: Page
    etag: str | None
    last_modified: str | None

    def validators(self) -> dict[str, str]:
        """Conditional request headers for revalidation."""
        out: dict[str, str] = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


class HttpCache:
    """A folder of responses keyed by the requested URL."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = url_key(url)
        base = self.root / key[:2] / key
        return base.with_suffix(".json"), base.with_suffix(".body")

    def get(self, url: str) -> CachedPage | None:
        head_path, body_path = self._paths(url)
        try:
            head = json.loads(head_path.read_text("utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        headers = {str(k): str(v) for k, v in head.get("headers", {}).items()}
        page = Page(content=body, url=head.get("url") or url, source=url, headers=headers,
                    status=head.get("status"), fetched_at=head.get("fetched_at"))
        return CachedPage(page, headers.get("etag"), headers.get("last-modified"))

    def put(self, url: str, page: Page) -> bool:
        """Store ``page`` fetched for ``url`` when it has a validator; True if stored."""
        if not (page.headers.get("etag") or page.headers.get("last-modified")):
            return False
        if not isinstance(page.content, bytes):
            return False
        head_path, body_path = self._paths(url)
        head = {"url": page.url, "status": page.status, "fetched_at": page.fetched_at,
                "headers": page.headers}
        try:
            _atomic_write(body_path, page.content)
            _atomic_write(head_path, json.dumps(head).encode("utf-8"))
        except OSError as exc:
            raise WriteError(f"cannot write cache {head_path}: {exc}", path=str(head_path)) from exc
        return True


def save_html(folder: str | Path, page: Page) -> Path:
    """Write the page body into ``folder`` and index it; returns the file written."""
    root = Path(folder)
    name = url_key(page.url or page.source or "")[:20] + ".html"
    content = page.content if isinstance(page.content, bytes) else page.content.encode()
    entry = {"file": name, "url": page.url, "source": page.source,
             "fetched_at": page.fetched_at, "content_type": page.content_type}
    try:
        _atomic_write(root / name, content)
        with open(root / "index.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise WriteError(f"cannot save html into {root}: {exc}", path=str(root)) from exc
    return root / name


def _warc_date(iso: str | None) -> str | None:
    """'2026-12-02T00:55:00+00:00' → '2026-12-02T00:55:00Z' (WARC/1.0 form)."""
    if not iso:
        return None
    return iso.replace("+00:00", "Z")


def warc_response_bytes(page: Page, reason: str = "") -> bytes:
    """One gzipped WARC response record for ``page`` (used by append_warc)."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    content = page.content if isinstance(page.content, bytes) else page.content.encode()
    headers = [(k, v) for k, v in page.headers.items() if k.lower() not in _DROP_HEADERS]
    headers.append(("Content-Length", str(len(content))))
    status = page.status or 200
    if not reason:
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = ""
    http_head = StatusAndHeaders(f"{status} {reason}".strip(), headers, protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": _warc_date(page.fetched_at)} if page.fetched_at else {}
    record = writer.create_warc_record(page.url or page.source or "", "response",
                                       payload=io.BytesIO(content), http_headers=http_head,
                                       warc_headers_dict=warc_headers)
    writer.write_record(record)
    return buf.getvalue()


def _warcinfo_bytes(filename: str) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    writer.write_record(writer.create_warcinfo_record(filename, {"software": SOFTWARE,
                                                                 "format": "WARC File Format 1.0"}))
    return buf.getvalue()


def append_warc(path: str | Path, page: Page, reason: str = "") -> None:
    """Append one response record (and a warcinfo record first if the file is new)."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        data = warc_response_bytes(page, reason)
        with open(target, "ab") as fh:
            if fh.tell() == 0:
                fh.write(_warcinfo_bytes(target.name))
            fh.write(data)
    except OSError as exc:
        raise WriteError(f"cannot write WARC {target}: {exc}", path=str(target)) from exc


class Store:
    """The capture and cache settings of one run, from FetchOptions."""

    def __init__(self, *, cache_dir: str | None = None, save_html_dir: str | None = None,
                 warc_path: str | None = None) -> None:
        self.cache = HttpCache(cache_dir) if cache_dir else None
        self.save_html_dir = save_html_dir
        self.warc_path = warc_path

    def cached(self, url: str) -> CachedPage | None:
        return self.cache.get(url) if self.cache is not None else None

    def keep(self, url: str, page: Page, *, from_cache: bool = False) -> None:
        """Store a successfully fetched page wherever the options ask."""
        if self.cache is not None and not from_cache:
            self.cache.put(url, page)
        if self.save_html_dir:
            save_html(self.save_html_dir, page)
        if self.warc_path:
            append_warc(self.warc_path, page)
