"""Compose the stages: decode → parse → metadata → clean → score → select → render.

``extract`` never reads files, never prints and never raises for bad input: a
``StripperError`` becomes ``Record.error``. Anything else is a bug and propagates.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from .clean import clean
from .dom import Doc, Tree, flatten, teaser_dates
from .errors import NoContentError, StripperError, one_line
from .metadata import extract_metadata
from .options import DEFAULT_OPTIONS, Options
from .pagetype import declared_url, detect_page_type
from .parse import parse, to_text
from .product import add_product_sections, complete_body, declared_description
from .record import ErrorInfo, Item, Metadata, Page, Record
from .render import render, render_items
from .score import Scores, score
from .selection import Selection, confidence, select, tiny_page
from .tracing import Trace, make_trace

if TYPE_CHECKING:
    from .fetch import Client


ITEM_TYPES = frozenset({"listing", "collection"})


def extract(
    html: str | bytes,
    *,
    url: str | None = None,
    source: str | None = None,
    options: Options = DEFAULT_OPTIONS,
) -> Record:
    """Extract the main content and metadata of one page given as text or bytes."""
    return extract_page(Page(content=html, url=url, source=source), options=options)


def extract_page(page: Page, *, options: Options = DEFAULT_OPTIONS) -> Record:
    """Extract one ``Page`` (bytes plus what is known about them) into a ``Record``."""
    trace = make_trace(options.trace)
    started = time.thread_time()  # this thread's CPU time; process_time is slow on some VMs
    meta = Metadata()
    detected: str | None = None  # kept on an error record: a page with no body still has a type
    try:
        text, encoding = to_text(page, options)
        tree = parse(text, options)
        page_type = detect_page_type(tree, page.url, trace)
        detected = page_type.page_type
        meta = extract_metadata(tree, page.url or declared_url(tree), options.metadata, trace,
                                page_type=page_type.page_type,
                                page_type_scores=page_type.scores)
        dates = teaser_dates(tree) if page_type.page_type in ITEM_TYPES else {}
        declared = (declared_description(tree, options.select)
                    if page_type.page_type in options.select.declared_description_types else None)
        doc, scores, selection, body = _content(tree, page_type.page_type, options, trace)
        body = complete_body(body, declared, options.select, trace)
        retried = False
        if len(body) < options.select.retry_below_chars:
            retry = _content(parse(text, options), page_type.page_type, options, trace,
                             conservative=True)
            if len(retry[3]) > len(body):
                doc, scores, selection, body = retry
                body = complete_body(body, declared, options.select, trace)
                retried = True
        if not body.strip() and len(text) <= options.select.tiny_page_html:
            selection = tiny_page(doc, scores, options.select, trace)
            body = render(doc, selection.kept, options.select.output_format)
        if not body.strip():
            raise NoContentError("no main content found", source=page.source)
    except StripperError as exc:
        return error_record(page, exc, trace, meta, page_type=detected)
    items: tuple[Item, ...] = ()
    if selection.strategy == "cards" or page_type.page_type in ITEM_TYPES:
        items = tuple(Item(title=i["title"] or "", url=i["url"], summary=i["summary"],
                           date=i["date"]) for i in render_items(doc, selection.kept, dates=dates))
    return Record(
        url=page.url,
        source=page.source,
        body=body,
        metadata=meta,
        items=items,
        page_type=page_type.page_type,
        confidence=confidence(doc, scores, selection, page_type.page_type, retried=retried),
        stats={
            "blocks": len(doc.blocks),
            "kept_blocks": len(selection.kept),
            "chars": len(body),
            "cpu_ms": round((time.thread_time() - started) * 1000, 3),
            "encoding": 0 if encoding == "utf-8" else 1,
        },
        trace=tuple(trace.decisions),
    )


def _content(tree: Tree, page_type: str, options: Options, trace: Trace, *,
             conservative: bool = False) -> tuple[Doc, Scores, Selection, str]:
    """clean → flatten → score → select → render on one tree."""
    clean(tree, options.clean, trace, page_type=page_type, conservative=conservative)
    doc = flatten(tree, max_depth=options.max_depth)
    scores = score(doc, options.score, trace)
    selection = select(doc, scores, options.select, trace, page_type=page_type)
    if page_type in options.select.product_section_types:
        selection = add_product_sections(doc, scores, selection, trace)
    return doc, scores, selection, render(doc, selection.kept, options.select.output_format)


def error_record(page: Page, exc: StripperError, trace: Trace | None = None,
                 meta: Metadata | None = None, *, page_type: str | None = None) -> Record:
    """A Record that says why there is no body. ``source`` and ``url`` are always kept."""
    info = ErrorInfo(
        kind=exc.kind,
        message=one_line(str(exc)),
        stage=exc.stage,
        status=getattr(exc, "status", None),
        attempts=tuple(getattr(exc, "attempts", ()) or page.attempts),
    )
    return Record(url=page.url, source=page.source, metadata=meta or Metadata(), error=info,
                  page_type=page_type,
                  trace=tuple(trace.decisions) if trace is not None else ())


def extract_url(
    url: str,
    *,
    client: Client | None = None,
    options: Options = DEFAULT_OPTIONS,
) -> Record:
    """Fetch ``url`` and extract it. Fetch failures come back as ``Record.error``."""
    from .fetch import fetch

    try:
        page = fetch(url, client=client, options=options.fetch)
    except StripperError as exc:
        return error_record(Page(content=b"", url=url, source=url), exc)
    return extract_page(page, options=options)
