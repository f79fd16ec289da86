"""Score stage: block classes at their exact thresholds, class/id hints, the container.

After jusText's test_classify_paragraphs, with the boundary isolated: each case
sits one character either side of a threshold and flips when (and only when) the
named option moves.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from stripper import dom
from stripper.dom import Element, flatten
from stripper.options import ScoreOptions
from stripper.parse import parse
from stripper.score import card_value, classify_block, hint_weight, score

OPTS = ScoreOptions()


def _text(n: int) -> str:
    return ("content " * n)[:n]


# ------------------------------------------------------------------ classify_block
@pytest.mark.parametrize(("link_chars", "cls"), [(39, "good"), (40, "good"), (41, "bad")])
def test_link_density_boundary(link_chars: int, cls: str) -> None:
    assert OPTS.max_link_density == 0.4
    s = classify_block(_text(100), 100, link_chars, 0, OPTS)
    assert s.cls == cls
    assert s.link_density == pytest.approx(link_chars / 100)


def test_link_density_threshold_is_the_option() -> None:
    looser = replace(OPTS, max_link_density=0.5)
    assert classify_block(_text(100), 100, 41, 0, OPTS).cls == "bad"
    assert classify_block(_text(100), 100, 41, 0, looser).cls == "good"


@pytest.mark.parametrize(("chars", "cls"), [(29, "short"), (30, "good"), (31, "good")])
def test_min_block_chars_boundary(chars: int, cls: str) -> None:
    assert OPTS.min_block_chars == 30
    assert classify_block(_text(chars), chars, 0, 0, OPTS).cls == cls


@pytest.mark.parametrize(("text", "cls"), [
    ("${{amount_no_decimals}}", "bad"),
    ("{{ product.title }} {{ product.price | money }}", "bad"),
    ("{% if customer %}", "bad"),
    ("Price: {{ price }}", "short"),  # words around it: a reader sees them
    ("Print values with {{ and }} in a Jinja template, as the guide shows.", "good"),
])
def test_unrendered_template_is_bad(text: str, cls: str) -> None:
    s = classify_block(text, len(text), 0, 0, OPTS)
    assert s.cls == cls
    assert (s.reason == "template") == (cls == "bad")


def test_template_inside_pre_is_code() -> None:
    assert classify_block("{{ site.title }}", 16, 0, 0, OPTS, pre=True).reason != "template"


def test_good_value_is_chars_outside_links() -> None:
    s = classify_block(_text(200), 200, 50, 0, OPTS)
    assert s.cls == "good" and s.value == pytest.approx(150)


def test_bad_value_costs_bad_weight_per_char() -> None:
    s = classify_block(_text(100), 100, 90, 0, OPTS)
    assert s.value == pytest.approx(-OPTS.bad_weight * 100)
    heavier = classify_block(_text(100), 100, 90, 0, replace(OPTS, bad_weight=2.0))
    assert heavier.value == pytest.approx(-200)


def test_heading_is_neutral_even_when_linked() -> None:
    s = classify_block("A section", 9, 9, 2, OPTS)
    assert (s.cls, s.value, s.reason) == ("heading", 0.0, "h2")


def test_phrase_beats_heading() -> None:
    assert classify_block("Related posts", 13, 0, 3, OPTS).reason == "boilerplate-phrase"


def test_long_block_starting_with_a_phrase_is_prose() -> None:
    text = "Read more about the treaty: " + _text(80)
    assert classify_block(text, len(text), 0, 0, OPTS).cls == "good"


# ------------------------------------------------------------------ card view
def test_card_value_titles_count_menus_cost() -> None:
    title = "Kazakhstan’s crisis is far from over"
    s = classify_block(title, len(title), len(title), 0, OPTS)
    assert s.reason == "link-density"
    assert card_value(s, title, OPTS) == pytest.approx(OPTS.card_title_weight * len(title))
    menu = "Home"
    m = classify_block(menu, 4, 4, 0, OPTS)
    assert card_value(m, menu, OPTS) < 0


# ------------------------------------------------------------------ hints
def _el(hints: str = "", tag: str = "div", itemprop: str = "", role: str = "") -> Element:
    return Element(idx=0, tag=tag, parent=-1, depth=0, hints=hints, itemprop=itemprop, role=role)


def test_hint_weight_signs_and_caps() -> None:
    assert hint_weight(_el("entry-content")) > 0
    assert hint_weight(_el("sidebar widget")) < 0
    assert hint_weight(_el("post-content entry-content article-body story")) == 2
    assert hint_weight(_el("sidebar widget related share")) == -2
    assert hint_weight(_el(tag="article")) > hint_weight(_el(tag="div"))
    assert hint_weight(_el(itemprop="articlebody")) > 0
    assert hint_weight(_el(role="main")) > 0


# ------------------------------------------------------------------ the container
PAGE = """<html><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/world">World news and analysis</a></li></ul></nav>
<div class="sidebar"><h3>Popular</h3><ul><li><a href="/a">A very popular story about things</a></li>
<li><a href="/b">Another popular story about other things</a></li></ul></div>
<div class="story-text" id="the-story">
<p>The first paragraph of the story is long enough to count as content on any page at all.</p>
<p>The second paragraph carries on with more of the same, and it has a <a href="/l">link</a> in it.</p>
<p>The third paragraph closes the story with a sentence that is, again, plainly content.</p>
</div>
<footer><p>Copyright and contact, a short line</p></footer>
</body></html>"""


def test_best_container_is_the_story() -> None:
    doc = flatten(parse(PAGE))
    s = score(doc, OPTS)
    assert s.best >= 0
    assert "the-story" in doc.elements[s.best].hints
    assert len(s.blocks) == len(doc.blocks)
    assert len(s.containers) == len(doc.elements)


def test_score_does_not_touch_the_tree() -> None:
    tree = parse(PAGE)
    before = dom.text_of(tree.body) if tree.body is not None else ""
    score(flatten(tree), OPTS)
    assert (dom.text_of(tree.body) if tree.body is not None else "") == before


def test_empty_page_has_no_container() -> None:
    s = score(flatten(parse("<html><body></body></html>")), OPTS)
    assert s.best == -1 and s.good_chars == 0


def test_template_filler_is_bad_but_a_sentence_naming_it_is_not() -> None:
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor."
    assert classify_block(filler, len(filler), 0, 0, OPTS).reason == "placeholder"
    assert classify_block("Lorem Ipsum", 11, 0, 2, OPTS).reason == "placeholder"
    prose = "Designers fill a mock-up with lorem ipsum until the real copy arrives from the client."
    assert classify_block(prose, len(prose), 0, 0, OPTS).cls == "good"
