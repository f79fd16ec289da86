"""Parse stage: pathological nesting is capped before the HTML parser sees it."""

from __future__ import annotations

from dataclasses import replace

from stripper import extract
from stripper.dom import Tree
from stripper.options import DEFAULT_OPTIONS
from stripper.parse import cap_attributes, cap_nesting, cap_options, parse


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


def test_attributes_beyond_the_cap_are_dropped_from_a_long_tag() -> None:
    attrs = " ".join(f'data-a{i}="v{i}"' for i in range(3_000))
    html = f"<p>before</p><div id=x {attrs} class='c'>inside</div><p>after</p>"
    capped, dropped = cap_attributes(html, 100)
    assert dropped == 2_902  # 3,002 attributes, 100 kept
    tree = parse(capped)
    div = tree.css_first("div")
    assert div is not None and len(div.attributes) == 100
    assert div.attributes["id"] == "x" and "data-a98" in div.attributes
    assert "data-a99" not in div.attributes and "class" not in div.attributes
    assert [n.text() for n in tree.css("div, p")] == ["before", "inside", "after"]


def test_long_tags_with_few_attributes_are_left_alone() -> None:
    html = '<img src="data:image/png;base64,' + "A" * 50_000 + '" alt="x/y"><p>ok</p>'
    assert cap_attributes(html, 2) == (html, 0)
    short = "<div " + " ".join(f"a{i}" for i in range(50)) + ">x</div>"
    assert cap_attributes(short, 10) == (short, 0)  # under 20,000 characters: not read


def test_a_page_with_two_hundred_thousand_attributes_is_capped() -> None:
    attrs = " ".join(f"data-a{i}=x" for i in range(200_000))
    html = (f"<html><body><div {attrs}><p>Text of the page, with commas, long enough to be "
            "kept as its content by the selection.</p></div></body></html>")
    capped = replace(DEFAULT_OPTIONS, max_attributes=50)
    div = parse(html, capped).css_first("div")
    assert div is not None and len(div.attributes) == 50


def test_options_beyond_the_cap_are_dropped_closed_or_not() -> None:
    html = ('<select name="a"><option value="1">one<option selected>two</OPTION>'
            '<option>three</option></select><p>after</p>')
    assert cap_options(html, 3) == (html, 0)
    capped, dropped = cap_options(html, 1)
    assert dropped == 2
    assert capped == '<select name="a"><option value="1">one</select><p>after</p>'


def test_a_page_with_a_hundred_thousand_options_keeps_its_text() -> None:
    options = "".join(f"<option value={i}>Item {i}</option>" for i in range(100_000))
    html = (f"<html><body><form><select>{options}</select></form><article><p>Text of the "
            "page, with commas, long enough to be kept as its content.</p></article>"
            "</body></html>")
    tree = parse(html, replace(DEFAULT_OPTIONS, max_options=500))
    assert len(tree.css("option")) == 500
    assert "Text of the page" in extract(html).body
