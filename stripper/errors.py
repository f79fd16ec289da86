"""Exception hierarchy of stripper.

::

    StripperError
    ├── FetchError(url, status=None, kind=...)   fetching a URL failed (.__cause__ kept)
    ├── DecodeError(source)                      bytes could not be turned into text
    ├── ParseError(source)                       text could not be parsed as HTML
    ├── LimitExceeded(limit, value)              max_bytes / max_nodes / timeout
    ├── NoContentError(source)                   the page holds no extractable text
    └── WriteError(path)                         a sink could not be written

Every error carries a short machine-readable ``kind`` (used in error records and
batch summaries) and a one-line human message (``str(err)``; ``one_line`` escapes the
line breaks a file name or a server's text may bring into it).
"""

from __future__ import annotations

import re

_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with control characters and line breaks written as escapes (``\\n``)."""
    return _BREAKS.sub(lambda m: repr(m.group())[1:-1], text)


class StripperError(Exception):
    """Base class of every error stripper raises on purpose."""

    kind: str = "error"
    stage: str = "extract"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source

    def __reduce__(self) -> tuple[object, ...]:
        # Subclasses take keyword-only arguments, which Exception's default pickling
        # (cls(*args)) cannot pass: rebuild from the message and the attribute dict,
        # so errors cross process boundaries (batch workers) intact.
        return (_rebuild, (type(self), str(self), self.__dict__))


def _rebuild(cls: type[StripperError], message: str, state: dict[str, object]) -> StripperError:
    err = cls.__new__(cls)
    Exception.__init__(err, message)
    err.__dict__.update(state)
    return err


class FetchError(StripperError):
    """A URL could not be fetched (network, HTTP status, robots, content type)."""

    stage = "fetch"

    def __init__(
        self,
        message: str,
        *,
        url: str,
        kind: str = "fetch-error",
        status: int | None = None,
        attempts: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message, source=url)
        self.url = url
        self.kind = kind
        self.status = status
        self.attempts = attempts


class DecodeError(StripperError):
    """The input bytes could not be decoded into text."""

    kind = "decode-error"
    stage = "parse"


class ParseError(StripperError):
    """The input could not be parsed as HTML (empty, binary, not markup)."""

    kind = "parse-error"
    stage = "parse"


class LimitExceeded(StripperError):
    """A resource guard tripped: input too large, too many nodes, too slow."""

    kind = "limit-exceeded"

    def __init__(self, limit: str, value: float, maximum: float, *, source: str | None = None):
        super().__init__(f"{limit} {_num(value)} exceeds the limit {_num(maximum)}",
                         source=source)
        self.limit = limit
        self.value = value
        self.maximum = maximum


def _num(x: float) -> str:
    """20971520 → "20,971,520"; 0.5 → "0.5" (never 2.09715e+07 in a message)."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


class NoContentError(StripperError):
    """Selection found no main content in the page."""

    kind = "no-content"
    stage = "select"


class WriteError(StripperError):
    """An output sink could not be written."""

    kind = "write-error"
    stage = "write"

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message, source=path)
        self.path = path
