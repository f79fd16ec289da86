"""Batch runs: many inputs → an iterator of Outcomes, exactly one per input.

Design (docs/cli.md has the user's view):

- **Lazy discovery.** ``discover`` walks folders one directory at a time (sorted, so
  the input order is stable) and reads WARC files record by record; nothing is
  listed up front, so memory does not grow with the number of inputs.
- **Worker pool.** Pages are extracted in a pebble ``ProcessPool`` (pebble: a small,
  maintained pool whose futures carry a per-task timeout and which replaces a worker
  that dies or is killed — the two things ``concurrent.futures`` cannot do).
- **Chunks.** Inputs go to workers in chunks of ``chunk_size`` so the per-task IPC cost
  is shared; files travel as paths and are read by the worker.
- **Per-page limits.** Inside a worker each page runs under a wall-clock alarm
  (``time_limit``); a page that trips it becomes a ``timeout`` error record and the
  chunk goes on. Pages above ``options.max_bytes`` are refused before they are read.
  As a backstop (a page stuck in C code, a crash), each chunk has a pebble timeout;
  when a chunk's worker is killed or dies, its pages are re-run one per task so the
  page at fault is the only one reported (``worker-died`` or ``timeout``).
- **Streaming.** A bounded window of pages is in flight; outcomes are yielded as they
  finish, or in input order with ``ordered=True`` (a reorder buffer bounded by the
  window).

Only ``StripperError`` becomes an error record inside ``extract_page``; here any
exception of one page is caught too, because one page must never end a batch of a
million, and is reported as ``internal-error`` with its type and message.
"""

from __future__ import annotations

import heapq
import logging
import os
import signal
import sys
import time
import zlib
from collections.abc import Callable, Container, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, replace
from fnmatch import fnmatch
from itertools import islice
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from pebble import ProcessExpired, ProcessPool

from .errors import LimitExceeded, StripperError, one_line
from .options import DEFAULT_OPTIONS, Options
from .pipeline import error_record, extract_page
from .record import ErrorInfo, Page, Record
from .warc import is_warc, iter_warc

if TYPE_CHECKING:
    from .fetch import FetchState

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz", ".xhtml.gz")
DEFAULT_TIME_LIMIT = 30.0  # seconds per page; the slowest dev page takes well under 1 s
DEFAULT_CHUNK = 16  # pages per task: amortises IPC, small enough to balance 2+ workers
BACKSTOP_GRACE = 5.0  # seconds a chunk may overrun its pages' summed limits before a kill

Extractor = Callable[[Page, Options], Record]


@dataclass(frozen=True, slots=True)
class Input:
    """One thing to extract.

    ``kind`` is ``file`` (read by the worker), ``url`` (fetched by the parent),
    ``page`` (bytes already in hand: stdin, a WARC record, a fetched URL) or
    ``error`` (discovery itself failed; ``error`` says why).
    """

    source: str
    kind: str
    page: Page | None = None
    error: StripperError | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    source: str
    record: Record
    seconds: float

    @property
    def ok(self) -> bool:
        return self.record.error is None


def is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def _wanted(name: str, path: str, root: Path, glob: str | None) -> bool:
    if glob is not None:
        return fnmatch(name, glob) or fnmatch(os.path.relpath(path, root), glob)
    low = name.lower()
    return low.endswith(HTML_SUFFIXES) or is_warc(low)


def walk(folder: Path, glob: str | None = None) -> Iterator[Path]:
    """Files under ``folder`` matching ``glob`` (or an HTML/WARC suffix), lazily, sorted."""
    stack = [folder]
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            log.warning("cannot list %s: %s", d, exc)
            continue
        subdirs = []
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                subdirs.append(Path(e.path))
            elif _is_page_file(e) and _wanted(e.name, e.path, folder, glob):
                yield Path(e.path)
        stack.extend(reversed(subdirs))


def _is_page_file(entry: os.DirEntry[str]) -> bool:
    """A regular file, or a symbolic link that leads nowhere (dangling, or a loop):
    reading the latter gives the page's error record instead of losing it silently."""
    try:
        return entry.is_file() or (entry.is_symlink() and not os.path.exists(entry.path))
    except OSError:  # a symbolic link loop: is_file() raises ELOOP
        return True


def _file_inputs(path: Path, max_bytes: int) -> Iterator[Input]:
    if is_warc(path.name):
        for item in iter_warc(path, max_bytes=max_bytes):
            if item.page is not None:
                yield Input(item.source, "page", page=item.page)
            else:
                yield Input(item.source, "error", error=item.error)
    else:
        yield Input(str(path), "file")


def discover(items: Iterable[str], *, glob: str | None = None,
             max_bytes: int = DEFAULT_OPTIONS.max_bytes,
             stdin: Callable[[], bytes] | None = None) -> Iterator[Input]:
    """Expand arguments into Inputs, lazily: folders recursively, WARC files per record."""
    for item in items:
        if item == "-":
            data = stdin() if stdin else sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Input("-", "error", error=LimitExceeded("input bytes", len(data),
                                                              max_bytes, source="-"))
            else:
                yield Input("-", "page", page=Page(content=data, source="-"))
        elif not item:  # an empty name (an unset shell variable) is no path, not "."
            yield Input(item, "error", error=_read_error("an empty input name", item))
        elif is_url(item):
            yield Input(item, "url")
        else:
            p = Path(item)
            if p.is_dir():
                for f in walk(p, glob):
                    yield from _file_inputs(f, max_bytes)
            else:
                yield from _file_inputs(p, max_bytes)


def read_list(lines: Iterable[str]) -> Iterator[str]:
    """Items of a list file (``-i``): one per line; blank lines and ``#`` comments skipped."""
    for line in lines:
        s = line.strip()
        if s and not s.startswith("#"):
            yield s


def count_files(items: Iterable[str], glob: str | None = None) -> int | None:
    """How many inputs ``discover`` will yield, or None when that is not known cheaply
    (URLs fetched later, stdin, WARC files holding many pages)."""
    n = 0
    for item in items:
        if item == "-" or is_url(item):
            return None
        p = Path(item)
        files = walk(p, glob) if p.is_dir() else iter([p])
        for f in files:
            if is_warc(f.name):
                return None
            n += 1
    return n


# ---------------------------------------------------------------- one page (in a worker)


def _read_file(source: str, max_bytes: int) -> Page:
    """Read a file (gzip inflated), refusing it past ``max_bytes`` before reading it."""
    try:
        size = os.path.getsize(source)
        if size > max_bytes:
            raise LimitExceeded("input bytes", size, max_bytes, source=source)
        with open(source, "rb") as fh:
            data = fh.read(max_bytes + 1)  # a device or a pipe reports no size
    except OSError as exc:
        raise _read_error(f"cannot read {source}: {exc.strerror or exc}", source) from exc
    if len(data) > max_bytes:
        raise LimitExceeded("input bytes", len(data), max_bytes, source=source)
    if data[:2] == b"\x1f\x8b":
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            data = d.decompress(data, max_bytes + 1)  # a truncated file keeps what inflates
        except zlib.error as exc:
            err = StripperError(f"corrupt gzip data: {exc}", source=source)
            err.kind, err.stage = "decode-error", "read"
            raise err from exc
        if len(data) > max_bytes:
            raise LimitExceeded("inflated bytes", len(data), max_bytes, source=source)
    return Page(content=data, source=source)


def _read_error(message: str, source: str) -> StripperError:
    err = StripperError(message, source=source)
    err.kind, err.stage = "read-error", "read"
    return err


class _PageTimeout(BaseException):
    """Raised by the alarm inside a worker. A BaseException so that no
    ``except Exception`` in the pipeline can swallow it."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _PageTimeout()


def _failure(source: str, kind: str, message: str, stage: str = "extract",
             url: str | None = None) -> Record:
    info = ErrorInfo(kind=kind, message=one_line(message), stage=stage)
    return Record(url=url, source=source, error=info)


def _timeout_record(inp: Input, limit: float) -> Record:
    url = inp.page.url if inp.page else None
    return _failure(inp.source, "timeout", f"page took longer than the {limit:g} s time limit",
                    url=url)


def process(inp: Input, options: Options = DEFAULT_OPTIONS,
            extractor: Extractor | None = None) -> Outcome:
    """Extract one input; every failure becomes an error record (no time limit here)."""
    t0 = time.perf_counter()
    page = inp.page
    try:
        if inp.error is not None:
            raise inp.error
        if inp.kind == "url":
            from .fetch import fetch

            page = fetch(inp.source, options=options.fetch)
        elif page is None:
            page = _read_file(inp.source, options.max_bytes)
        record = (extractor or _extract)(page, options)
    except StripperError as exc:
        url = getattr(exc, "url", None) or (inp.source if is_url(inp.source) else None)
        record = error_record(page or Page(content=b"", source=inp.source, url=url), exc)
    except Exception as exc:  # a bug must not end a batch: report it and go on
        log.exception("internal error on %s", inp.source)
        record = _failure(inp.source, "internal-error", f"{type(exc).__name__}: {exc}",
                          url=page.url if page else None)
    return Outcome(inp.source, record, time.perf_counter() - t0)


def _extract(page: Page, options: Options) -> Record:
    return extract_page(page, options=options)


def process_limited(inp: Input, options: Options, time_limit: float | None,
                    extractor: Extractor | None = None) -> Outcome:
    """``process`` under a wall-clock alarm (main thread of a worker process only)."""
    if not time_limit:
        return process(inp, options, extractor)
    t0 = time.perf_counter()
    old = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, time_limit)
        try:
            out = process(inp, options, extractor)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if time.perf_counter() - t0 > time_limit:
            # the alarm fired where Python ignores exceptions (an object finalizer
            # run from C): the page still took too long, so it is still a timeout
            raise _PageTimeout()
        return out
    except _PageTimeout:
        return Outcome(inp.source, _timeout_record(inp, time_limit), time.perf_counter() - t0)
    finally:
        signal.signal(signal.SIGALRM, old)


def _work(chunk: list[tuple[int, Input]], options: Options, time_limit: float | None,
          extractor: Extractor | None) -> list[tuple[int, Outcome]]:
    """A worker task: extract a chunk of pages, each under its own time limit."""
    return [(i, _guarded(inp, options, time_limit, extractor)) for i, inp in chunk]


def _guarded(inp: Input, options: Options, time_limit: float | None,
             extractor: Extractor | None) -> Outcome:
    try:
        return process_limited(inp, options, time_limit, extractor)
    except BaseException as exc:  # noqa: BLE001 - SystemExit and the like: this page, not the chunk
        message = f"{type(exc).__name__}: {exc}"
        return Outcome(inp.source, _failure(inp.source, "internal-error", message), 0.0)


# ---------------------------------------------------------------- the pool (in the parent)


@dataclass(frozen=True, slots=True)
class _Task:
    chunk: list[tuple[int, Input]]
    isolated: bool  # a re-run of one page after its chunk's worker was lost


class _Pool:
    """Schedules chunks on a pebble pool and turns lost workers into per-page outcomes."""

    def __init__(self, jobs: int, options: Options, time_limit: float | None,
                 extractor: Extractor | None) -> None:
        self.pool = ProcessPool(max_workers=jobs)
        self.options = options
        self.time_limit = time_limit
        self.extractor = extractor
        self.pending: dict[Future[list[tuple[int, Outcome]]], _Task] = {}

    def submit(self, task: _Task) -> None:
        limit = self.time_limit
        backstop = None if not limit else limit * len(task.chunk) + BACKSTOP_GRACE
        fut = self.pool.schedule(_work, (task.chunk, self.options, limit, self.extractor),
                                 timeout=backstop)
        self.pending[fut] = task

    def in_flight(self) -> int:
        return sum(len(t.chunk) for t in self.pending.values())

    def collect(self) -> Iterator[tuple[int, Outcome]]:
        """Wait for at least one task; yield the outcomes of every finished task."""
        done, _ = wait(list(self.pending), return_when=FIRST_COMPLETED)
        for fut in done:
            task = self.pending.pop(fut)
            try:
                results = fut.result()
            except Exception as exc:  # noqa: BLE001 - killed, died, or the task itself failed
                yield from self._lost(task, exc)
                continue
            yield from results

    def _lost(self, task: _Task, exc: BaseException) -> Iterator[tuple[int, Outcome]]:
        if not task.isolated:  # re-run each page alone to find the one at fault
            for item in task.chunk:
                self.submit(_Task([item], isolated=True))
            return
        i, inp = task.chunk[0]
        if isinstance(exc, FutureTimeout):
            record = _timeout_record(inp, self.time_limit or 0.0)
        elif not isinstance(exc, ProcessExpired):
            record = _failure(inp.source, "internal-error", f"{type(exc).__name__}: {exc}",
                              url=inp.page.url if inp.page else None)
        else:
            code = exc.exitcode
            why = (f"killed by signal {signal.Signals(-code).name}" if code and code < 0
                   else f"exit code {code}")
            record = _failure(inp.source, "worker-died", f"worker process died ({why})",
                              url=inp.page.url if inp.page else None)
        yield i, Outcome(inp.source, record, 0.0)

    def close(self, *, cancel: bool = False) -> None:
        if cancel:
            self.pool.stop()  # type: ignore[no-untyped-call]
        else:
            self.pool.close()  # type: ignore[no-untyped-call]
        self.pool.join()


def run(inputs: Iterable[Input], *, options: Options = DEFAULT_OPTIONS, jobs: int = 1,
        time_limit: float | None = DEFAULT_TIME_LIMIT, ordered: bool = False,
        chunk_size: int = DEFAULT_CHUNK, skip: Container[str] = frozenset(),
        extractor: Extractor | None = None) -> Iterator[Outcome]:
    """Yield exactly one Outcome per input (inputs whose source is in ``skip`` excepted).

    ``jobs`` worker processes extract the pages; outcomes come as they finish, or in
    input order with ``ordered=True``. ``extractor`` replaces ``extract_page`` (it must
    be a module-level function, as it is sent to the workers).
    """
    todo = (inp for inp in inputs if inp.source not in skip)
    indexed = _fetched(enumerate(todo), options)
    pool = _Pool(max(1, jobs), options, time_limit, extractor)
    window = max(1, jobs) * chunk_size * 4
    reorder = _Reorder() if ordered else None
    stream = _stream(pool, indexed, chunk_size, window, reorder)
    try:
        yield from (reorder.drain(stream) if reorder else (o for _, o in stream))
    except BaseException:
        pool.close(cancel=True)
        raise
    pool.close()


def _stream(pool: _Pool, indexed: Iterator[tuple[int, Input]], chunk_size: int,
            window: int, reorder: _Reorder | None) -> Iterator[tuple[int, Outcome]]:
    """Keep at most ``window`` pages in flight or held for reordering; yield as they come."""
    exhausted = False
    while True:
        held = len(reorder.heap) if reorder else 0
        while not exhausted and pool.in_flight() + held < window:
            chunk = list(islice(indexed, chunk_size))
            if chunk:
                pool.submit(_Task(chunk, isolated=False))
            exhausted = len(chunk) < chunk_size
        if not pool.pending:
            return
        yield from pool.collect()


class _Reorder:
    """Input order from completion order: a heap of outcomes waiting for their turn.

    Its size counts against the window, so one slow page holds back new work instead of
    letting finished pages pile up: memory stays bounded in ordered mode too.
    """

    def __init__(self) -> None:
        self.heap: list[tuple[int, Outcome]] = []
        self.want = 0

    def drain(self, stream: Iterator[tuple[int, Outcome]]) -> Iterator[Outcome]:
        for item in stream:
            heapq.heappush(self.heap, item)
            while self.heap and self.heap[0][0] == self.want:
                yield heapq.heappop(self.heap)[1]
                self.want += 1
        while self.heap:  # only if an index was skipped, which run() never does
            yield heapq.heappop(self.heap)[1]


# ---------------------------------------------------------------- URLs


URL_RUN = 256  # URLs handed to one fetch_many stream; bounds what the parent holds


def _fetched(indexed: Iterator[tuple[int, Input]],
             options: Options) -> Iterator[tuple[int, Input]]:
    """Fetch URL inputs here, in the parent, through the fetch layer's ``fetch_many``
    (concurrent, polite per host, robots.txt); workers then only extract.

    Each run of consecutive URL inputs is fetched as one ``fetch_many`` stream and
    yielded in completion order with its input index (``--ordered`` restores order).
    """
    from .fetch import FetchState

    state = FetchState()  # robots.txt once per host, and --delay, across all runs
    run: list[tuple[int, Input]] = []
    for idx, inp in indexed:
        if inp.kind == "url":
            run.append((idx, inp))
            if len(run) < URL_RUN:
                continue
        yield from _fetch_run(run, options, state)
        run = []
        if inp.kind != "url":
            yield idx, inp
    yield from _fetch_run(run, options, state)


def _fetch_run(run: list[tuple[int, Input]], options: Options,
               state: FetchState | None = None) -> Iterator[tuple[int, Input]]:
    if not run:
        return
    from .fetch import fetch_many

    for res in fetch_many([inp.source for _, inp in run], options=options.fetch, state=state):
        idx, inp = run[res.index]
        if res.page is not None:
            yield idx, Input(inp.source, "page", page=replace(res.page, source=inp.source))
        else:
            yield idx, Input(inp.source, "error", error=res.error)
