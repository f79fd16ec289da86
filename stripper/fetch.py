"""Stage 1, fetch: URL → Page, over httpx. The only module that imports httpx.

The client is injectable (``client=``) so callers share one connection pool and
tests pass ``httpx.Client(transport=httpx.MockTransport(...))``.
"""

from __future__ import annotations

import random
import time
from datetime import datetime, timezone

import httpx

from .errors import FetchError
from .options import DEFAULT_OPTIONS, FetchOptions
from .record import Page

Client = httpx.Client

RETRY_STATUS = frozenset({429, 502, 503, 504})
HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml", "text/plain")


def make_client(options: FetchOptions = DEFAULT_OPTIONS.fetch) -> httpx.Client:
    timeout = httpx.Timeout(options.read_timeout, connect=options.connect_timeout)
    return httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        max_redirects=options.max_redirects,
        headers={"User-Agent": options.user_agent, "Accept": "text/html,application/xhtml+xml"},
    )


def _retry_after(resp: httpx.Response, default: float, cap: float) -> float:
    raw = resp.headers.get("retry-after")
    if raw:
        try:
            return min(max(float(raw), 0.0), cap)
        except ValueError:
            pass
    return default


def _backoff(attempt: int, options: FetchOptions) -> float:
    return random.uniform(0, min(options.backoff_max, options.backoff_base * (2 ** attempt)))


def _read_capped(resp: httpx.Response, url: str, max_bytes: int, deadline: float,
                 attempts: list[str]) -> bytes:
    declared = resp.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"body of {declared} bytes exceeds {max_bytes}", url=url,
                         kind="too-large", status=resp.status_code, attempts=tuple(attempts))
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"body exceeds {max_bytes} bytes", url=url, kind="too-large",
                             status=resp.status_code, attempts=tuple(attempts))
        if time.monotonic() > deadline:
            raise FetchError("total deadline exceeded while reading", url=url, kind="timeout",
                             status=resp.status_code, attempts=tuple(attempts))
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(
    url: str,
    *,
    client: httpx.Client | None = None,
    options: FetchOptions = DEFAULT_OPTIONS.fetch,
    max_bytes: int = 20_000_000,
) -> Page:
    """Fetch one URL with retries. Raises FetchError with every attempt recorded."""
    own = client is None
    c = client or make_client(options)
    attempts: list[str] = []
    deadline = time.monotonic() + options.total_timeout
    try:
        for attempt in range(options.max_attempts):
            wait = _backoff(attempt, options)
            try:
                with c.stream("GET", url) as resp:
                    if resp.status_code in RETRY_STATUS:
                        attempts.append(f"http {resp.status_code}")
                        wait = _retry_after(resp, wait, options.backoff_max)
                        if attempt + 1 < options.max_attempts and \
                                time.monotonic() + wait < deadline:
                            time.sleep(wait)
                            continue
                        raise FetchError(f"HTTP {resp.status_code}", url=url, kind="http-error",
                                         status=resp.status_code, attempts=tuple(attempts))
                    if resp.status_code >= 400:
                        attempts.append(f"http {resp.status_code}")
                        raise FetchError(f"HTTP {resp.status_code}", url=url, kind="http-error",
                                         status=resp.status_code, attempts=tuple(attempts))
                    ctype = resp.headers.get("content-type", "")
                    mime = ctype.split(";")[0].strip().lower()
                    if mime and not mime.startswith(HTML_TYPES):
                        attempts.append(f"not-html {mime}")
                        raise FetchError(f"not-html: {mime}", url=url, kind="not-html",
                                         status=resp.status_code, attempts=tuple(attempts))
                    body = _read_capped(resp, url, max_bytes, deadline, attempts)
                    attempts.append(f"http {resp.status_code}")
                    return Page(
                        content=body, url=str(resp.url), source=url,
                        headers={k.lower(): v for k, v in resp.headers.items()},
                        status=resp.status_code,
                        fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                        attempts=tuple(attempts),
                    )
            except httpx.TooManyRedirects as exc:
                attempts.append("too many redirects")
                raise FetchError("too many redirects", url=url, kind="redirect-loop",
                                 attempts=tuple(attempts)) from exc
            except (httpx.TransportError, httpx.DecodingError) as exc:
                attempts.append(f"{type(exc).__name__}")
                if attempt + 1 >= options.max_attempts or time.monotonic() + wait >= deadline:
                    kind = "timeout" if isinstance(exc, httpx.TimeoutException) else "network"
                    raise FetchError(f"{type(exc).__name__}: {exc}", url=url, kind=kind,
                                     attempts=tuple(attempts)) from exc
                time.sleep(wait)
        raise FetchError("no attempt succeeded", url=url, attempts=tuple(attempts))
    finally:
        if own:
            c.close()
