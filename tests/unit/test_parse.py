"""Parse stage: pathological nesting is capped before the HTML parser sees it."""

from __future__ import annotations

from dataclasses import replace

from stripper import extract
from stripper.dom import Tree
from stripper.options import DEFAULT_OPTIONS
from stripper.parse import cap_nesting, parse


def test_cap_keeps_shallow_pages_unchanged() -> None:
    html = "<div><section><p>a</p></section><ul><li>b</li></ul></div>"
    assert cap_nesting(html, 3) == (html, 0)


def test_cap_drops_start_and_end_tags_below_the_limit() -> None:
    html = "<div>" * 5 + "<p>text</p>" + "</div>" * 5 + "<div>after</div>"
    capped, dropped = cap_nesting(html, 2)
    assert dropped == 3
    assert capped == "<div><div><p>text</p></div></div><div>after</div>"


def test_cap_ignores_self_closed_and_unmatched_end_tags() -> None:
    html = "</div><div/><div class='a'><p>x</p></div></section>"
    assert cap_nesting(html, 1) == (html, 0)


def _levels(tree: Tree) -> int:
    """How many ancestors the deepest <p> has."""
    deepest = 0
    for node in tree.css("p"):
        d, parent = 0, node.parent
        while parent is not None:
            d, parent = d + 1, parent.parent
        deepest = max(deepest, d)
    return deepest


def test_deep_page_is_flattened_and_keeps_its_text() -> None:
    depth = 3_000
    html = ("<html><body>" + "<div>" * depth + "<p>Deep text, with commas, kept whole.</p>"
            + "</div>" * depth + "<p>Text after the deep part, also kept.</p></body></html>")
    capped = replace(DEFAULT_OPTIONS, max_depth=500)
    assert _levels(parse(html, replace(DEFAULT_OPTIONS, max_depth=10**6))) > depth
    assert _levels(parse(html, capped)) < 510
    record = extract(html, options=capped)
    assert record.error is None
    assert "Deep text" in record.body and "Text after" in record.body
