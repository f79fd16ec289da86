"""Regression tests for inputs the fuzzer (tests/fuzz) found to break a stage.

Each test is written on HTML made here; each failed before its fix with an exception
escaping ``extract`` or an error record of kind ``internal-error``.
"""

from __future__ import annotations

import pytest

from stripper import extract

PARA = ("<p>A paragraph of text, with commas, long enough to be the body of this "
        "page and then some.</p>")


def _page(head: str, body: str = "") -> str:
    return (f"<html><head><title>The headline</title>{head}</head><body><article>"
            f"<h1>The headline</h1>{body}{PARA * 3}</article></body></html>")


def _ld(text: str) -> str:
    return f'<script type="application/ld+json">{text}</script>'


@pytest.mark.parametrize("depth", [990, 10_000])
@pytest.mark.parametrize("shape", ["headline-list", "author-object", "graph", "top-list"])
def test_deeply_nested_json_ld_is_refused_not_raised(shape: str, depth: int) -> None:
    nested = {
        "headline-list": '{"@type":"Article","headline":' + "[" * depth + '"x"' + "]" * depth
                         + "}",
        "author-object": '{"@type":"Article","author":' + '{"name":' * depth + '"x"' + "}" * depth
                         + "}",
        "graph": '{"@graph":' * depth + '{"@type":"Article","headline":"H"}' + "}" * depth,
        "top-list": "[" * depth + '{"@type":"Article","headline":"H"}' + "]" * depth,
    }[shape]
    r = extract(_page(_ld(nested)))
    assert r.error is None
    assert r.title == "The headline"


def test_json_ld_with_many_brackets_and_some_depth_is_still_read() -> None:
    ld = ('{"@type":"NewsArticle","datePublished":"2024-03-05","author":['
          + ",".join(['{"@type":"Person","name":"Ann Lee"}'] * 200) + '],"x":'
          + "[" * 40 + "1" + "]" * 40 + "}")
    r = extract(_page(_ld(ld)))
    assert r.date is not None and r.date.startswith("2024-03-05")


@pytest.mark.parametrize("sep", [" - ", " | ", " » "])
def test_a_title_with_fifty_thousand_separators_is_read_in_linear_time(sep: str) -> None:
    # every prefix of the segments was built and measured: 80 KB of " -" took 29 s
    title = "Site" + sep.join(["a"] * 50_000)
    html = (f"<html><head><title>{title}</title><meta property='og:title' content='{title}'>"
            f"</head><body><article><h1>The headline</h1>{PARA * 3}</article></body></html>")
    r = extract(html)
    assert r.error is None and r.title == "The headline"
