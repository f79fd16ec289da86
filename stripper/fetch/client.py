"""The fetchers: ``fetch`` (one URL, sync), ``afetch_many`` (async, concurrent, polite)
and ``fetch_many`` (a sync iterator over ``afetch_many`` run in a helper thread).

One attempt = one request plus the redirects it follows (each hop checked against the
redirect cap, loops and robots.txt). Around attempts, ``policy.Attempts`` decides on
retries and keeps the log. Response checks (status, content type, size) and the
mapping of httpx exceptions are shared by the sync and async paths; only the
request/stream calls differ.

httpx is imported here and nowhere else outside this package. Clients are injectable:
``fetch(url, client=httpx.Client(transport=...))`` and
``afetch_many(urls, client=httpx.AsyncClient(transport=...))``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
import time
from collections.abc import AsyncGenerator, Generator, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx

from ..errors import FetchError, StripperError
from ..options import DEFAULT_OPTIONS, FetchOptions
from ..record import Page
from .policy import Attempts, Retryable, parse_retry_after
from .robots import RobotsCache, RobotsRules, origin, robots_url, rules_from_response
from .store import CachedPage, Store

log = logging.getLogger(__name__)

Client = httpx.Client
AsyncClient = httpx.AsyncClient
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of one input URL of ``fetch_many``: a Page or the error, never both."""

    index: int  # position of the URL in the input
    url: str
    page: Page | None = None
    error: StripperError | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.page is not None


# ---------------------------------------------------------------- shared pieces

def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _timeout(options: FetchOptions, remaining: float) -> httpx.Timeout:
    left = max(remaining, 0.001)
    return httpx.Timeout(connect=min(options.connect_timeout, left),
                         read=min(options.read_timeout, left),
                         write=min(options.read_timeout, left), pool=left)


def _headers(options: FetchOptions, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"User-Agent": options.user_agent, "Accept": ACCEPT, **(extra or {})}


def make_client(options: FetchOptions = DEFAULT_OPTIONS.fetch) -> httpx.Client:
    """A sync client configured from ``options`` (redirects are followed by us, not httpx)."""
    return httpx.Client(headers=_headers(options), follow_redirects=False,
                        timeout=_timeout(options, options.total_timeout))


def make_async_client(options: FetchOptions = DEFAULT_OPTIONS.fetch) -> httpx.AsyncClient:
    """An async client whose pool matches ``options.concurrency``."""
    limits = httpx.Limits(max_connections=options.concurrency,
                          max_keepalive_connections=options.concurrency)
    return httpx.AsyncClient(headers=_headers(options), follow_redirects=False, limits=limits,
                             timeout=_timeout(options, options.total_timeout))


def check_url(url: str, att: Attempts) -> None:
    """Refuse, as a ``bad-url`` error, what is no http(s) URL or what httpx cannot
    request (an unclosed "[", a NUL, a lone surrogate, a host IDNA refuses)."""
    try:
        parts = urlsplit(url)
        httpx.URL(url)  # what a request would be built from
    except (ValueError, httpx.InvalidURL, UnicodeError) as exc:
        raise att.error("bad-url", f"not a valid URL: {url!r} ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise att.error("bad-url", f"not an http(s) URL: {url!r}")


def classify(exc: Exception) -> Retryable | tuple[str, str]:
    """An httpx exception → Retryable, or (kind, reason) of a final failure."""
    name = type(exc).__name__
    detail = f"{name}: {exc}" if str(exc) else name
    if isinstance(exc, httpx.TimeoutException):
        return Retryable("timeout", detail)
    if isinstance(exc, httpx.ConnectError):
        return Retryable("connect-error", detail)
    if isinstance(exc, (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError)):
        return Retryable("read-error", detail)  # reset or truncated mid-response
    if isinstance(exc, httpx.DecodingError):
        return ("decode-error", detail)  # corrupt gzip/brotli: the server's fault, final
    if isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return ("bad-url", detail)
    if isinstance(exc, httpx.TransportError):
        return Retryable("network-error", detail)
    return ("network-error", detail)


def _raise_classified(exc: Exception, att: Attempts) -> None:
    verdict = classify(exc)
    if isinstance(verdict, Retryable):
        raise verdict from exc
    raise att.fail(verdict[0], verdict[1], cause=exc)


def check_response(resp: httpx.Response, options: FetchOptions, att: Attempts,
                   cached: CachedPage | None) -> bool:
    """Status, type and declared size of a final (non-redirect) response.

    Returns True for a 304 that revalidates ``cached``; raises Retryable or FetchError.
    """
    status = resp.status_code
    if status == 304 and cached is not None:
        return True
    if status in options.retry_statuses:
        wait = parse_retry_after(resp.headers.get("retry-after"))
        raise Retryable("http-error", f"http {status}", status=status, retry_after=wait)
    if not 200 <= status < 300:
        raise att.fail("http-error", f"http {status}", status=status)
    mime = resp.headers.get("content-type", "").split(";")[0].strip().lower()
    if mime and mime not in options.accept_types:
        raise att.fail("not-html", f"not-html: {mime}", status=status)
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_body_bytes:
        raise att.fail("too-large", f"body of {declared} bytes exceeds the limit of "
                       f"{options.max_body_bytes} bytes", status=status)
    return False


class BodyBuffer:
    """Collects decoded body chunks, enforcing the size cap and the deadline as they come."""

    def __init__(self, options: FetchOptions, att: Attempts, status: int) -> None:
        self.options, self.att, self.status = options, att, status
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.options.max_body_bytes:
            raise self.att.fail("too-large", f"body exceeds the limit of "
                                f"{self.options.max_body_bytes} bytes", status=self.status)
        if self.att.remaining() <= 0:
            raise self.att.fail("timeout", f"total deadline of {self.options.total_timeout:g}s "
                                "exceeded while reading", status=self.status)
        self.chunks.append(chunk)

    def bytes(self) -> bytes:
        return b"".join(self.chunks)


def next_hop(resp: httpx.Response, seen: set[str], options: FetchOptions,
             att: Attempts) -> httpx.Request | None:
    """The redirect request to follow, None for a final response; raises on loops/cap."""
    nxt = resp.next_request
    if nxt is None:
        return None
    target = str(nxt.url)
    if target in seen:
        raise att.fail("redirect-loop", f"redirect loop back to {target}",
                       status=resp.status_code)
    if len(seen) > options.max_redirects:
        raise att.fail("too-many-redirects", f"more than {options.max_redirects} redirects",
                       status=resp.status_code)
    seen.add(target)
    return nxt


def make_page(url: str, resp: httpx.Response, body: bytes, att: Attempts, hops: int) -> Page:
    note = f"http {resp.status_code}" + (f" after {hops} redirect(s)" if hops else "")
    return Page(content=body, url=str(resp.url), source=url,
                headers={k.lower(): v for k, v in resp.headers.items()},
                status=resp.status_code, fetched_at=_now_iso(), attempts=att.success(note))


def revalidated(cached: CachedPage, att: Attempts) -> Page:
    p = cached.page
    return Page(content=p.content, url=p.url, source=p.source, headers=p.headers,
                status=p.status, fetched_at=_now_iso(),
                attempts=att.success("http 304, cached copy reused"))


def robots_verdict(rules: RobotsRules, url: str, options: FetchOptions, att: Attempts, *,
                   redirect: bool = False) -> None:
    """Raise robots-disallowed; a refused redirect target ends the attempt in the log."""
    if not rules.allows(url, options.user_agent):
        reason = f"disallowed by robots.txt ({rules.note}): {url}"
        if redirect:
            raise att.fail("robots-disallowed", "redirect target " + reason)
        raise att.error("robots-disallowed", reason)


def _store_for(options: FetchOptions) -> Store:
    return Store(cache_dir=options.cache_dir, save_html_dir=options.save_html,
                 warc_path=options.warc)


# ---------------------------------------------------------------- sync

class RobotsBody:
    """Collects a robots.txt body up to ``robots_max_bytes`` within ``total_timeout``:
    a robots.txt trickling in cannot hold its host's URLs back for longer."""

    def __init__(self, options: FetchOptions) -> None:
        self.deadline = time.monotonic() + options.total_timeout
        self.cap = options.robots_max_bytes
        self.chunks: list[bytes] = []
        self.size = 0

    def full(self, chunk: bytes) -> bool:
        """Add a chunk; True once enough is read. Raises a timeout past the deadline."""
        self.chunks.append(chunk)
        self.size += len(chunk)
        if time.monotonic() > self.deadline:
            raise httpx.ReadTimeout("robots.txt not read within the deadline")
        return self.size >= self.cap

    def bytes(self) -> bytes:
        return b"".join(self.chunks)


def _robots_sync(client: httpx.Client, url: str, cache: RobotsCache,
                 options: FetchOptions) -> RobotsRules:
    rules = cache.get(url)
    if rules is None:
        status: int | None = None
        body = RobotsBody(options)
        try:
            with client.stream("GET", robots_url(url), headers=_headers(options),
                               follow_redirects=True,
                               timeout=_timeout(options, options.read_timeout)) as resp:
                status = resp.status_code
                for chunk in resp.iter_bytes():
                    if body.full(chunk):
                        break
        except httpx.HTTPError:
            status = None  # no answer: allowed, the page fetch reports the real error
        rules = rules_from_response(status, body.bytes(), options.robots_max_bytes)
        cache.put(url, rules)
    return rules


def _attempt_sync(client: httpx.Client, url: str, options: FetchOptions, att: Attempts,
                  cached: CachedPage | None, robots: RobotsCache | None) -> Page:
    extra = cached.validators() if cached else None
    request = client.build_request("GET", url, headers=_headers(options, extra),
                                   timeout=_timeout(options, att.remaining()))
    seen = {url}
    try:
        while True:
            with contextlib.closing(client.send(request, stream=True,
                                                follow_redirects=False)) as resp:
                nxt = next_hop(resp, seen, options, att)
                if nxt is not None:
                    if robots is not None:
                        robots_verdict(_robots_sync(client, str(nxt.url), robots, options),
                                       str(nxt.url), options, att, redirect=True)
                    request = nxt
                    continue
                if check_response(resp, options, att, cached):
                    assert cached is not None
                    return revalidated(cached, att)
                body = BodyBuffer(options, att, resp.status_code)
                for chunk in resp.iter_bytes():
                    body.add(chunk)
                return make_page(url, resp, body.bytes(), att, len(seen) - 1)
    except httpx.HTTPError as exc:
        _raise_classified(exc, att)
        raise  # unreachable: _raise_classified always raises


def fetch(url: str, *, options: FetchOptions = DEFAULT_OPTIONS.fetch,
          client: httpx.Client | None = None, robots: RobotsCache | None = None) -> Page:
    """Fetch one URL with retries, robots.txt, caching and capture as ``options`` ask.

    Raises ``FetchError`` (kind, status and every attempt attached). Pass one
    ``RobotsCache`` to many calls so robots.txt is fetched once per host.
    """
    att = Attempts(url, options)
    check_url(url, att)
    own = client is None
    c = client or make_client(options)
    store = _store_for(options)
    try:
        cache = robots if robots is not None else RobotsCache()
        if options.respect_robots:
            robots_verdict(_robots_sync(c, url, cache, options), url, options, att)
        cached = store.cached(url)
        att.begin()
        while True:
            att.check_deadline()
            try:
                page = _attempt_sync(c, url, options, att, cached,
                                     cache if options.respect_robots else None)
            except Retryable as failure:
                time.sleep(att.retry_wait(failure))
                continue
            store.keep(url, page, from_cache=page.attempts[-1].endswith("reused"))
            return page
    finally:
        if own:
            c.close()


# ---------------------------------------------------------------- async

class HostGate:
    """Per-host politeness: at most ``per_host`` requests in flight, and request starts
    spaced by at least ``delay`` seconds. ``defer`` pushes the next start back
    (a Retry-After applies to the whole host, not just one URL)."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.slots = asyncio.Semaphore(per_host)
        self.delay = delay
        self.next_start = 0.0

    async def __aenter__(self) -> HostGate:  # noqa: PYI034 (Self needs 3.11)
        await self.slots.acquire()
        now = time.monotonic()
        start = max(now, self.next_start)
        self.next_start = start + self.delay  # reserved before awaiting: no race
        if start > now:
            await asyncio.sleep(start - now)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.slots.release()

    def defer(self, seconds: float) -> None:
        self.next_start = max(self.next_start, time.monotonic() + seconds)


class FetchState:
    """What a run learns about hosts, kept for the next run: robots.txt rules, each
    host's delay (raised by a Crawl-delay) and its next allowed request start (pushed
    back by a Retry-After). Pass one FetchState to successive ``fetch_many`` /
    ``afetch_many`` calls so robots.txt is fetched once per host and the politeness
    delay holds across calls. Not thread-safe: one run at a time."""

    def __init__(self) -> None:
        self.robots = RobotsCache()
        self.delays: dict[str, float] = {}
        self.next_start: dict[str, float] = {}

    def save(self, gates: dict[str, HostGate]) -> None:
        for key, gate in gates.items():
            self.delays[key] = gate.delay
            self.next_start[key] = gate.next_start


class _Run:
    """Shared state of one ``afetch_many`` run: client, limits, robots, store."""

    def __init__(self, client: httpx.AsyncClient, options: FetchOptions,
                 state: FetchState) -> None:
        self.client, self.options, self.state = client, options, state
        self.global_slots = asyncio.Semaphore(options.concurrency)
        self.gates: dict[str, HostGate] = {}
        self.robots = state.robots
        self.robots_locks: dict[str, asyncio.Lock] = {}
        self.store = _store_for(options)

    def gate(self, url: str) -> HostGate:
        key = origin(url)
        if key not in self.gates:
            gate = HostGate(self.options.per_host,
                            max(self.options.delay, self.state.delays.get(key, 0.0)))
            gate.next_start = self.state.next_start.get(key, 0.0)
            self.gates[key] = gate
        return self.gates[key]

    async def robots_for(self, url: str, *, gated: bool) -> RobotsRules:
        rules = self.robots.get(url)
        if rules is not None:
            return rules
        async with self.robots_locks.setdefault(origin(url), asyncio.Lock()):
            rules = self.robots.get(url)
            if rules is None:
                if gated:
                    async with self.gate(url), self.global_slots:
                        rules = await self._fetch_robots(url)
                else:
                    rules = await self._fetch_robots(url)
                self.robots.put(url, rules)
                self._apply_crawl_delay(url, rules)
        return rules

    def _apply_crawl_delay(self, url: str, rules: RobotsRules) -> None:
        delay = rules.crawl_delay(self.options.user_agent)
        if delay:  # honoured up to max_crawl_delay
            gate = self.gate(url)
            gate.delay = max(gate.delay, min(delay, self.options.max_crawl_delay))

    async def _fetch_robots(self, url: str) -> RobotsRules:
        opts = self.options
        status: int | None = None
        body = RobotsBody(opts)
        try:
            async with self.client.stream("GET", robots_url(url), headers=_headers(opts),
                                          follow_redirects=True,
                                          timeout=_timeout(opts, opts.read_timeout)) as resp:
                status = resp.status_code
                async for chunk in resp.aiter_bytes():
                    if body.full(chunk):
                        break
        except httpx.HTTPError:
            status = None  # no answer: allowed, the page fetch reports the real error
        return rules_from_response(status, body.bytes(), opts.robots_max_bytes)

    async def attempt(self, url: str, att: Attempts, cached: CachedPage | None) -> Page:
        opts, client = self.options, self.client
        extra = cached.validators() if cached else None
        request = client.build_request("GET", url, headers=_headers(opts, extra),
                                       timeout=_timeout(opts, att.remaining()))
        seen = {url}
        try:
            while True:
                resp = await client.send(request, stream=True, follow_redirects=False)
                try:
                    nxt = next_hop(resp, seen, opts, att)
                    if nxt is not None:
                        if opts.respect_robots:
                            rules = await self.robots_for(str(nxt.url), gated=False)
                            robots_verdict(rules, str(nxt.url), opts, att, redirect=True)
                        request = nxt
                        continue
                    if check_response(resp, opts, att, cached):
                        assert cached is not None
                        return revalidated(cached, att)
                    body = BodyBuffer(opts, att, resp.status_code)
                    async for chunk in resp.aiter_bytes():
                        body.add(chunk)
                    return make_page(url, resp, body.bytes(), att, len(seen) - 1)
                finally:
                    await resp.aclose()
        except httpx.HTTPError as exc:
            _raise_classified(exc, att)
            raise

    async def fetch_one(self, url: str) -> Page:
        att = Attempts(url, self.options)
        check_url(url, att)
        if self.options.respect_robots:
            robots_verdict(await self.robots_for(url, gated=True), url, self.options, att)
        cached = self.store.cached(url)
        gate = self.gate(url)
        while True:
            try:
                async with gate, self.global_slots:
                    att.begin()
                    att.check_deadline()
                    page = await asyncio.wait_for(self.attempt(url, att, cached),
                                                  timeout=att.remaining())
            except Retryable as failure:
                # a Retry-After this URL gives up on (over max_retry_after) does not hold
                # up the host: 600 s (or 1e20) kept its other URLs waiting that long
                if failure.retry_after and failure.retry_after <= self.options.max_retry_after:
                    gate.defer(failure.retry_after)
                await asyncio.sleep(att.retry_wait(failure))
                continue
            except asyncio.TimeoutError as exc:  # the per-URL deadline (3.10: not builtin)
                raise att.fail("timeout", f"total deadline of {self.options.total_timeout:g}s "
                               "exceeded", cause=exc) from exc
            self.store.keep(url, page, from_cache=page.attempts[-1].endswith("reused"))
            return page

    async def result(self, index: int, url: str) -> FetchResult:
        t0 = time.perf_counter()
        try:
            page = await self.fetch_one(url)
        except StripperError as exc:
            return FetchResult(index, url, error=exc, seconds=time.perf_counter() - t0)
        except Exception as exc:  # a bug must not end a batch: report it and go on
            log.exception("internal error fetching %s", url)
            err = FetchError(f"internal error: {type(exc).__name__}: {exc}", url=url,
                             kind="internal-error")
            return FetchResult(index, url, error=err, seconds=time.perf_counter() - t0)
        return FetchResult(index, url, page=page, seconds=time.perf_counter() - t0)


async def afetch_many(urls: Iterable[str], *, options: FetchOptions = DEFAULT_OPTIONS.fetch,
                      client: httpx.AsyncClient | None = None,
                      state: FetchState | None = None) -> AsyncGenerator[FetchResult, None]:
    """Fetch many URLs concurrently; yield one FetchResult per URL as each completes.

    At most ``options.concurrency`` requests in flight, ``options.per_host`` per host,
    request starts on one host spaced by ``options.delay``. ``urls`` is read lazily:
    at most ``4 * concurrency`` (minimum 64) URLs are pending at any time. ``state``
    carries robots.txt rules and per-host timing over from an earlier call.
    """
    own = client is None
    c = client or make_async_client(options)
    run = _Run(c, options, state if state is not None else FetchState())
    window = max(4 * options.concurrency, 64)
    source = iter(enumerate(urls))
    done: asyncio.Queue[FetchResult] = asyncio.Queue()  # O(1) per result, unlike wait()
    tasks: set[asyncio.Task[None]] = set()

    async def one(index: int, url: str) -> None:
        done.put_nowait(await run.result(index, url))

    try:
        exhausted, in_flight = False, 0
        while True:
            while not exhausted and in_flight < window:
                item = next(source, None)
                if item is None:
                    exhausted = True
                else:
                    task = asyncio.create_task(one(*item))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
                    in_flight += 1
            if in_flight == 0:
                return
            result = await done.get()
            in_flight -= 1
            yield result
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        run.state.save(run.gates)
        if own:
            await c.aclose()


# ---------------------------------------------------------------- sync wrapper

_DONE = object()


def fetch_many(urls: Iterable[str], *, options: FetchOptions = DEFAULT_OPTIONS.fetch,
               client: httpx.AsyncClient | None = None,
               state: FetchState | None = None) -> Generator[FetchResult, None, None]:
    """Sync iterator over ``afetch_many``: results in completion order, tagged by index.

    Fetching runs in a helper thread with its own event loop, so it goes on while the
    caller works on earlier results; a bounded queue holds at most ``2 * concurrency``
    finished results. Stopping the iteration early cancels the fetches in flight.
    Pass one ``state`` to successive calls to keep robots.txt and per-host timing.
    """
    results: queue.Queue[object] = queue.Queue(maxsize=max(2 * options.concurrency, 16))
    stop = threading.Event()

    async def put(item: object) -> bool:
        while not stop.is_set():
            try:
                results.put_nowait(item)
                return True
            except queue.Full:
                await asyncio.sleep(0.005)
        return False

    async def produce() -> None:
        try:
            gen = afetch_many(urls, options=options, client=client, state=state)
            async with contextlib.aclosing(gen):
                async for res in gen:
                    if not await put(res):
                        return
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, re-raised there
            await put(exc)
        finally:
            await put(_DONE)

    thread = threading.Thread(target=lambda: asyncio.run(produce()), daemon=True,
                              name="stripper-fetch")
    thread.start()
    try:
        while True:
            item = results.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            assert isinstance(item, FetchResult)
            yield item
    finally:
        stop.set()
        thread.join()
