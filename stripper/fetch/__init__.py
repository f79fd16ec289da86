"""Stage 1, fetch: URL → Page over httpx. The only package that imports httpx.

::

    fetch(url, *, options, client=None, robots=None) -> Page        one URL, sync
    afetch_many(urls, *, options, client=None, state=None) -> AsyncIterator[FetchResult]
    fetch_many(urls, *, options, client=None, state=None) -> Iterator[FetchResult]  sync

Modules: ``policy`` (retries, backoff, attempt log), ``robots`` (robots.txt via
Protego), ``store`` (HTTP cache, saved HTML, WARC), ``client`` (the fetchers).
See docs/fetch.md.
"""

from __future__ import annotations

from .client import (
    AsyncClient,
    Client,
    FetchResult,
    FetchState,
    HostGate,
    afetch_many,
    fetch,
    fetch_many,
    make_async_client,
    make_client,
)
from .robots import RobotsCache

__all__ = [
    "AsyncClient",
    "Client",
    "FetchResult",
    "FetchState",
    "HostGate",
    "RobotsCache",
    "afetch_many",
    "fetch",
    "fetch_many",
    "make_async_client",
    "make_client",
]
