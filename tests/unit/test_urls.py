"""Canonical and image links: resolved against the page URL, broken ones refused."""

from __future__ import annotations

import pytest

from stripper import extract
from stripper.dom import build_tree
from stripper.metadata import extract_metadata
from stripper.metadata.urls import absolute_url

BASE = "https://news.example.org/section/story.html"


@pytest.mark.parametrize(("value", "base", "expected"), [
    ("/blog/post", BASE, "https://news.example.org/blog/post"),
    ("viewtopic.php?id=3", BASE, "https://news.example.org/section/viewtopic.php?id=3"),
    ("//cdn.example.net/a.jpg", BASE, "https://cdn.example.net/a.jpg"),
    ("https:////cdn.example.net/a.jpg", BASE, "https://cdn.example.net/a.jpg"),
    ("https:/img/share.jpg", BASE, "https://news.example.org/img/share.jpg"),  # as browsers do
    ("http://packing-list-backpacking-trip", BASE, None),  # a host that is no domain
    ("javascript:void(0)", BASE, None),
    ("   ", BASE, None),
    ("http://localhost:8000/a", None, "http://localhost:8000/a"),
    ("http://127.0.0.1/a", None, "http://127.0.0.1/a"),
    ("/blog/post", None, "/blog/post"),  # nothing to resolve it against: kept as written
    ("https://www.example.com/a?b=c#d", None, "https://www.example.com/a?b=c#d"),
    ("http://[::1", None, None),  # urlsplit raises on an unclosed bracket
    ("http://[::1", BASE, None),
    ("/blog/post", "http://[::1", None),  # a base that does not parse resolves nothing
    ("https://www.example.com/a", "http://[::1", "https://www.example.com/a"),
])
def test_absolute_url(value: str, base: str | None, expected: str | None) -> None:
    assert absolute_url(value, base) == expected


PAGE = """<html><head><title>A story</title>
<link rel="canonical" href="{canonical}">
<meta property="og:url" content="https://news.example.org/section/story.html">
<meta property="og:image" content="/img/story.jpg">
</head><body><article><h1>A story</h1><p>Text of the story.</p></article></body></html>"""


def test_relative_links_are_resolved_against_the_page_url() -> None:
    tree = build_tree(PAGE.format(canonical="/section/story.html"))
    meta = extract_metadata(tree, "https://news.example.org/section/story.html?utm=x")
    assert meta.canonical == "https://news.example.org/section/story.html"
    assert meta.image == "https://news.example.org/img/story.jpg"
    assert meta.sources["image"].raw == "/img/story.jpg"


def test_a_broken_canonical_loses_to_og_url_and_is_listed() -> None:
    tree = build_tree(PAGE.format(canonical="http://story-without-a-host"))
    meta = extract_metadata(tree, None)
    assert meta.canonical == "https://news.example.org/section/story.html"
    assert meta.sources["canonical"].origin == "meta:og:url"
    lost = [d for d in meta.candidates if d.node == "canonical"]
    assert lost and lost[0].verdict == "not-a-url"
    assert meta.image == "/img/story.jpg"  # no page URL: kept as written


SAVED = """<html><head><title>Riots in the steppe | Example News</title>
<link rel="canonical" href="https://www.example-news.com/2022/01/13/riots-in-the-steppe/">
</head><body><nav><a href="/">Home</a><a href="/world">World</a></nav>
<article><h1>Riots in the steppe</h1>
<p>The riots that erupted over the rise in gas prices turned into a wave of protests
against the government, with commas, and long enough to be the page's content.</p>
<p>A second paragraph of the story, also long enough to count as its main content.</p>
</article></body></html>"""


def test_a_saved_page_without_url_is_read_with_the_address_it_declares() -> None:
    r = extract(SAVED)
    assert r.url is None  # the record does not claim an address it was not given
    assert r.date == "2022-01-13" and r.metadata.sources["date"].origin == "url"
    assert r.metadata.canonical == "https://www.example-news.com/2022/01/13/riots-in-the-steppe/"


BROKEN = "http://[::1"  # urlsplit raises ValueError("Invalid IPv6 URL") on it


@pytest.mark.parametrize("where", ["argument", "canonical", "og:url", "h1-link", "image"])
def test_a_url_that_does_not_parse_is_no_url(where: str) -> None:
    head = {"canonical": f'<link rel="canonical" href="{BROKEN}">',
            "og:url": f'<meta property="og:url" content="{BROKEN}">',
            "image": f'<meta property="og:image" content="{BROKEN}">'}.get(where, "")
    h1 = f'<a href="{BROKEN}">The headline</a>' if where == "h1-link" else "The headline"
    html = (f"<html><head><title>The headline</title>{head}</head><body><article>"
            f"<h1>{h1}</h1><p>A paragraph of text, with commas, long enough to be the body "
            "of this page.</p></article></body></html>")
    r = extract(html, url=BROKEN if where == "argument" else None)
    assert r.error is None
    assert r.url == (BROKEN if where == "argument" else None)  # what the user gave is kept
    assert r.title == "The headline"
    assert r.metadata.canonical is None and r.metadata.image is None
