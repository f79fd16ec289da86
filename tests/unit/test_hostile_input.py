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


def test_a_property_repeated_in_itemprop_is_read_once() -> None:
    # the attributes were re-read for every word: 1,000,000 "author"s took 8 minutes
    from stripper.dom import build_tree
    from stripper.metadata.structured import read_structured

    html = ('<html><body><div itemprop="' + "author " * 100_000 + 'datePublished" '
            'content="Ann Lee">x</div></body></html>')
    st = read_structured(build_tree(html))
    assert [v for v, _ in st.microdata["author"]] == ["Ann Lee"]
    assert [v for v, _ in st.microdata["datepublished"]] == ["Ann Lee"]


@pytest.mark.parametrize("charset", ["undefined", "cp037", "utf-7", "utf-16", "utf-16le"])
@pytest.mark.parametrize("where", ["meta", "http"])
def test_a_charset_that_is_no_web_encoding_is_not_believed(charset: str, where: str) -> None:
    # "undefined" raised UnicodeError; cp037 (EBCDIC) and a <meta> saying UTF-16 on
    # bytes read as ASCII turned the page into garbage or no content
    from stripper import extract_page
    from stripper.record import Page

    head = f'<meta charset="{charset}">' if where == "meta" else ""
    html = _page(head, "<p>Un café crème, with commas, long enough to be read.</p>").encode()
    headers = {"content-type": f"text/html; charset={charset}"} if where == "http" else {}
    if where == "http" and charset.startswith("utf-16"):
        html = html.decode().encode(charset)  # a server's UTF-16 is real UTF-16
    r = extract_page(Page(content=html, headers=headers))
    assert r.error is None and "café crème" in r.body


def test_a_gzip_bomb_is_refused_at_max_bytes_as_it_inflates() -> None:
    import zlib

    from stripper import Options

    c = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    bomb = c.compress(b"<p>" + b"a" * 5_000_000) + c.flush()  # 5 KB inflating to 5 MB
    r = extract(bomb, options=Options(max_bytes=1_000_000))  # was inflated whole, parsed
    assert r.error is not None and r.error.kind == "limit-exceeded"
    assert "inflated bytes" in r.error.message


def test_gzip_members_are_all_inflated_and_a_cut_one_keeps_what_inflates() -> None:
    import gzip

    html = _page("").encode()
    half = len(html) // 2
    data = gzip.compress(html[:half]) + gzip.compress(html[half:])
    assert extract(data).body == extract(html).body
    assert "A paragraph" in extract(data[:-6]).body


@pytest.mark.parametrize("unit", ["{{ item.name }} ", "{% if x %}   ", "ab ${price} "])
def test_a_block_of_template_expressions_is_classified_without_backtracking(unit: str) -> None:
    # "\s*" on both sides of each expression made a block of 30 expressions followed by
    # one other character backtrack for hours (14 "{%x%}   " took 38 s)
    import signal

    from stripper.score import _TEMPLATE

    def stuck(signum: int, frame: object) -> None:
        raise TimeoutError("template regex backtracking")

    old = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(10)
    try:
        assert _TEMPLATE.fullmatch(unit * 30) is not None
        assert _TEMPLATE.fullmatch(unit * 30 + "!") is None
        r = extract(_page("", f"<p>{unit * 30}!</p>"))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert r.error is None
