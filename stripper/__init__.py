"""stripper: a fast, explainable web-page boilerplate stripper.

    >>> from stripper import extract
    >>> record = extract("<html><body><article><p>Hello, world …</p></article></body></html>")
"""

from __future__ import annotations

import logging

from .batch import Input, Outcome, discover, run
from .errors import (
    DecodeError,
    FetchError,
    LimitExceeded,
    NoContentError,
    ParseError,
    StripperError,
    WriteError,
)
from .fetch import FetchResult, fetch, fetch_many
from .options import (
    DEFAULT_OPTIONS,
    CleanOptions,
    FetchOptions,
    MetadataOptions,
    Options,
    ScoreOptions,
    SelectOptions,
)
from .pipeline import extract, extract_page, extract_url
from .record import Decision, ErrorInfo, Item, Metadata, Page, Record, Source

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_OPTIONS",
    "CleanOptions",
    "Decision",
    "DecodeError",
    "ErrorInfo",
    "FetchError",
    "FetchOptions",
    "FetchResult",
    "Input",
    "Item",
    "LimitExceeded",
    "Metadata",
    "MetadataOptions",
    "NoContentError",
    "Options",
    "Outcome",
    "Page",
    "ParseError",
    "Record",
    "ScoreOptions",
    "SelectOptions",
    "Source",
    "StripperError",
    "WriteError",
    "__version__",
    "discover",
    "extract",
    "extract_page",
    "extract_url",
    "fetch",
    "fetch_many",
    "run",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
