"""Plain, JSON-safe data types: what goes in (Page) and what comes out (Record).

``Record.to_dict`` is the one serialisation path; ``write.py`` turns its result
into bytes. Dates are ISO-8601 strings, never datetime objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, TypeAlias

JSON: TypeAlias = str | int | float | bool | None | list["JSON"] | dict[str, "JSON"]

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Page:
    """Raw input: the bytes or text of one page and what is known about it."""

    content: bytes | str
    url: str | None = None
    source: str | None = None  # file path, URL or "-" for stdin
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased HTTP headers
    status: int | None = None
    fetched_at: str | None = None  # ISO-8601
    attempts: tuple[str, ...] = ()

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


@dataclass(frozen=True, slots=True)
class Decision:
    """One keep/drop decision, with the rule that made it and the value measured."""

    stage: str
    node: str
    rule: str
    verdict: str
    value: float | None = None
    threshold: float | None = None
    text: str | None = None  # the first characters of the text concerned

    def to_dict(self) -> dict[str, JSON]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Source:
    """Where one metadata field came from."""

    origin: str  # e.g. "json-ld:datePublished", "meta:og:title", "byline", "url"
    raw: str  # the string it was read from

    def to_dict(self) -> dict[str, JSON]:
        return {"origin": self.origin, "raw": self.raw}


@dataclass(frozen=True, slots=True)
class Metadata:
    """Descriptive fields of a page and the provenance of each one."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None  # published, ISO-8601 (YYYY-MM-DD or full timestamp)
    date_modified: str | None = None
    language: str | None = None
    sitename: str | None = None
    description: str | None = None
    canonical: str | None = None
    image: str | None = None
    tags: tuple[str, ...] = ()
    sources: dict[str, Source] = field(default_factory=dict)
    candidates: tuple[Decision, ...] = ()  # losing candidates, for --explain

    @property
    def author(self) -> str | None:
        return "; ".join(self.authors) if self.authors else None


@dataclass(frozen=True, slots=True)
class Item:
    """One teaser of a listing page."""

    title: str
    url: str | None = None
    summary: str | None = None
    date: str | None = None

    def to_dict(self) -> dict[str, JSON]:
        return {"title": self.title, "url": self.url, "summary": self.summary, "date": self.date}


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """Why a page produced no body: the stage, a short kind and a one-line message."""

    kind: str
    message: str
    stage: str
    status: int | None = None
    attempts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, JSON]:
        return {
            "kind": self.kind,
            "message": self.message,
            "stage": self.stage,
            "status": self.status,
            "attempts": list(self.attempts),
        }


@dataclass(frozen=True, slots=True)
class Record:
    """The result of extracting one page. Frozen and JSON-safe."""

    url: str | None = None
    source: str | None = None
    body: str = ""
    metadata: Metadata = field(default_factory=Metadata)
    page_type: str | None = None
    confidence: float = 0.0
    items: tuple[Item, ...] = ()
    error: ErrorInfo | None = None
    stats: dict[str, int | float] = field(default_factory=dict)
    trace: tuple[Decision, ...] = ()
    schema: int = SCHEMA_VERSION

    # Flat accessors so users rarely need to reach into .metadata.
    @property
    def title(self) -> str | None:
        return self.metadata.title

    @property
    def author(self) -> str | None:
        return self.metadata.author

    @property
    def authors(self) -> tuple[str, ...]:
        return self.metadata.authors

    @property
    def date(self) -> str | None:
        return self.metadata.date

    @property
    def date_modified(self) -> str | None:
        return self.metadata.date_modified

    @property
    def language(self) -> str | None:
        return self.metadata.language

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, JSON]:
        """The one serialisation path: a flat dict of JSON-safe values."""
        m = self.metadata
        out: dict[str, JSON] = {
            "schema": self.schema,
            "url": self.url,
            "source": self.source,
            "title": m.title,
            "author": m.author,
            "authors": list(m.authors),
            "date": m.date,
            "date_modified": m.date_modified,
            "language": m.language,
            "sitename": m.sitename,
            "description": m.description,
            "canonical": m.canonical,
            "image": m.image,
            "tags": list(m.tags),
            "page_type": self.page_type,
            "confidence": round(self.confidence, 4),
            "body": self.body,
            "items": [i.to_dict() for i in self.items],
            "sources": {k: v.to_dict() for k, v in m.sources.items()},
            "error": self.error.to_dict() if self.error else None,
            "stats": dict(self.stats),
        }
        if self.trace:
            out["trace"] = [d.to_dict() for d in self.trace]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        """Rebuild a Record from ``to_dict`` output (trace and candidates are not kept)."""
        err = d.get("error")
        meta = Metadata(
            title=d.get("title"),
            authors=tuple(d.get("authors") or ()),
            date=d.get("date"),
            date_modified=d.get("date_modified"),
            language=d.get("language"),
            sitename=d.get("sitename"),
            description=d.get("description"),
            canonical=d.get("canonical"),
            image=d.get("image"),
            tags=tuple(d.get("tags") or ()),
            sources={k: Source(**v) for k, v in (d.get("sources") or {}).items()},
        )
        return cls(
            url=d.get("url"),
            source=d.get("source"),
            body=d.get("body") or "",
            metadata=meta,
            page_type=d.get("page_type"),
            confidence=float(d.get("confidence") or 0.0),
            items=tuple(Item(**i) for i in d.get("items") or ()),
            error=ErrorInfo(
                kind=err["kind"], message=err["message"], stage=err["stage"],
                status=err.get("status"), attempts=tuple(err.get("attempts") or ()),
            ) if err else None,
            stats=dict(d.get("stats") or {}),
            schema=int(d.get("schema") or SCHEMA_VERSION),
        )
