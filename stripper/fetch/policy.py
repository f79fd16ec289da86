"""Retry policy: which failures are retried, how long to wait, and the attempt log.

Pure logic with no I/O, shared by the sync and the async fetcher:

- retried: connection errors, timeouts, a connection cut mid-body, and the HTTP
  statuses in ``FetchOptions.retry_statuses`` (429, 502, 503, 504);
- never retried: any other 4xx/5xx, robots, content type, size, redirects;
- wait: "full jitter" exponential backoff (uniform in [0, min(max, base * 2**n)]),
  or the server's ``Retry-After`` (seconds or an HTTP date) when it says more;
- bounded by ``max_attempts`` and by the per-URL deadline: a wait that would
  end past the deadline is not taken.

Every attempt is kept as one line of ``Attempts.log`` ("1: http 503 -> retry in 0.31s"),
which ends up in ``Page.attempts`` or the error record.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from ..errors import FetchError
from ..options import FetchOptions


class Retryable(Exception):
    """One attempt failed in a way worth retrying (raised inside the fetch package only)."""

    def __init__(self, kind: str, reason: str, *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:  # "inf", "nan" and "1e400" say nothing usable
        return max(seconds, 0.0) if math.isfinite(seconds) else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)


def backoff(attempt: int, options: FetchOptions, rng: random.Random | None = None) -> float:
    """Full-jitter exponential backoff after attempt number ``attempt`` (1-based)."""
    ceiling = min(options.backoff_max, options.backoff_base * (2 ** (attempt - 1)))
    return (rng or random).uniform(0.0, ceiling)


@dataclass
class Attempts:
    """The attempts made for one URL, its deadline and the decision after each failure."""

    url: str
    options: FetchOptions
    started: float | None = None  # set by begin(): queueing time does not count
    log: list[str] = field(default_factory=list)
    rng: random.Random | None = None

    @property
    def count(self) -> int:
        return len(self.log)

    def begin(self) -> None:
        """Start the per-URL deadline clock (idempotent)."""
        if self.started is None:
            self.started = time.monotonic()

    @property
    def deadline(self) -> float:
        start = time.monotonic() if self.started is None else self.started
        return start + self.options.total_timeout

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def success(self, note: str) -> tuple[str, ...]:
        self.log.append(f"{self.count + 1}: {note}")
        return tuple(self.log)

    def fail(self, kind: str, reason: str, *, status: int | None = None,
             cause: BaseException | None = None) -> FetchError:
        """Log a final failure and return the FetchError to raise."""
        self.log.append(f"{self.count + 1}: {reason} -> give up")
        return self.error(kind, reason, status=status, cause=cause)

    def error(self, kind: str, reason: str, *, status: int | None = None,
              cause: BaseException | None = None) -> FetchError:
        err = FetchError(reason, url=self.url, kind=kind, status=status,
                         attempts=tuple(self.log))
        err.__cause__ = cause
        return err

    def retry_wait(self, failure: Retryable) -> float:
        """Log a retryable failure; return seconds to wait, or raise FetchError to stop."""
        n = self.count + 1
        wait = backoff(n, self.options, self.rng)
        if failure.retry_after is not None:
            if failure.retry_after > self.options.max_retry_after:
                self.log.append(f"{n}: {failure.reason}, retry-after "
                                f"{failure.retry_after:g}s too long -> give up")
                raise self.error(failure.kind, failure.reason, status=failure.status)
            wait = max(wait, failure.retry_after)
        if n >= self.options.max_attempts:
            self.log.append(f"{n}: {failure.reason} -> give up after {n} attempts")
            raise self.error(failure.kind, failure.reason, status=failure.status)
        if self.remaining() <= wait:
            self.log.append(f"{n}: {failure.reason} -> give up, deadline "
                            f"{self.options.total_timeout:g}s")
            raise self.error(failure.kind, failure.reason, status=failure.status)
        self.log.append(f"{n}: {failure.reason} -> retry in {wait:.2f}s")
        return wait

    def check_deadline(self) -> None:
        """Raise a timeout FetchError when the per-URL deadline has passed."""
        if self.remaining() <= 0:
            self.log.append(f"{self.count + 1}: deadline {self.options.total_timeout:g}s "
                            "passed -> give up")
            raise self.error("timeout", f"total deadline of {self.options.total_timeout:g}s "
                             "exceeded")
