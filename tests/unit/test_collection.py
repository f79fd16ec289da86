"""Shop category pages (collections): every product card stays, its chrome goes.

Snippets are written for these tests, modelled on how shop themes mark up a
product grid (Shopify-like cards with a regular and a sale price, CSS-module
class names, BEM modifiers).
"""

from __future__ import annotations

from stripper.clean import clean
from stripper.dom import flatten
from stripper.options import DEFAULT_OPTIONS
from stripper.parse import parse
from stripper.render import render
from stripper.score import score
from stripper.selection import drop_echoes, select

INTRO = ("Our roasts come from small farms that we visit every year; each bag is roasted "
         "to order and shipped within two days, so the coffee reaches you at its best.")


def _body(html: str, page_type: str = "collection") -> str:
    tree = parse(html)
    clean(tree, DEFAULT_OPTIONS.clean, page_type=page_type)
    doc = flatten(tree)
    scores = score(doc, DEFAULT_OPTIONS.score)
    selection = select(doc, scores, DEFAULT_OPTIONS.select, page_type=page_type)
    return render(doc, selection.kept)


def _card(name: str, price: str) -> str:
    return (f'<div class="product-card"><a href="/products/{name.lower().replace(" ", "-")}">'
            f'<span class="product-card__image-title">{name}</span></a>'
            f'<a href="/products/x"><h3 class="product-card__title">{name}</h3></a>'
            f'<div class="price"><div class="price__regular">{price}</div>'
            f'<div class="price__sale">{price}</div></div></div>')


NAMES = ("Dark Roast Coffee", "Blueberry Coffee", "Vanilla Latte Pods", "Espresso Roast")


def _grid() -> str:
    cards = "".join(_card(n, f"${19 + k}.99") for k, n in enumerate(NAMES))
    return (f"<html><body><main><h1>Coffee</h1><p>{INTRO}</p>"
            f'<div class="product-grid">{cards}</div></main></body></html>')


def test_a_card_shows_its_name_and_price_once() -> None:
    body = _body(_grid())
    for k, name in enumerate(NAMES):
        assert body.count(name) == 1, body
        assert body.count(f"${19 + k}.99") == 1, body


def test_echoes_are_dropped_only_right_after_their_twin() -> None:
    doc = flatten(parse("<html><body><p>$19.99</p><p>$19.99</p><p>$19.99 $19.99</p>"
                        "<p>Blue</p><p>$19.99</p><h3>Blue</h3><p>Blue</p></body></html>"))
    kept = drop_echoes(doc, list(range(len(doc.blocks))))
    assert [doc.blocks[i].text for i in kept] == ["$19.99", "Blue", "$19.99", "Blue"]


def test_a_long_line_or_a_heading_made_of_earlier_words_is_no_echo() -> None:
    doc = flatten(parse("<html><body><p>Sofa grey cushions throw blanket</p>"
                        "<p>Grey sofa, grey cushions, grey throw, grey blanket</p>"
                        "<h3>Grey sofa</h3></body></html>"))
    kept = drop_echoes(doc, list(range(len(doc.blocks))), max_chars=30)
    assert len(kept) == 3
    assert len(drop_echoes(doc, [0, 1], max_chars=60)) == 1


def test_a_section_heading_classed_header_is_kept() -> None:
    # CSS-module names: "CopyLockup_header__x1" is a block's title, not the site bar
    html = ("<html><body><header class='site-header'>Shop Menu Account</header><main>"
            "<h2 class='CopyLockup_header__x1'>Explore the lineup</h2>"
            f"<p>{INTRO}</p></main></body></html>")
    body = _body(html, page_type="article")
    assert "Explore the lineup" in body
    assert "Shop Menu Account" not in body


CHOOSE = ("A dark roast tastes of cocoa and toast and stands up to milk, while a light roast "
          "keeps the fruit and flowers of the farm; medium roasts sit between the two and "
          "suit most brewers. Start from the way you brew: espresso wants a roast that "
          "extracts quickly, filter coffee rewards the brighter beans, and a French press "
          "forgives almost anything as long as the grind is coarse and even. Our tasting "
          "notes on every bag say which of these our roasters had in mind.")
GRIND = ("Whole beans keep their aroma for weeks in a closed bag, ground coffee for days. "
         "If you own a burr grinder, buy whole beans and grind just before brewing; if not, "
         "choose the grind that matches your brewer and buy smaller bags more often, so "
         "that every cup is brewed within a fortnight of roasting, which is when the "
         "sweetness and the body of the coffee are at their best. Keep the bag away from "
         "light and heat, and never in the fridge.")
COPY = (f"<h2>How to choose a coffee</h2><p>{CHOOSE}</p><p>{INTRO}</p>"
        f"<h2>Whole bean or ground?</h2><p>{GRIND}</p>")


def _badge_card(name: str, price: str) -> str:
    return (f'<li class="product-tile"><a href="/p/{name.lower().replace(" ", "-")}">'
            f'<h3>{name}</h3></a><div class="badge">-15%</div><div class="price">{price}</div>'
            f'<a href="/compare" class="compare">Compare</a></li>')


def _copy_page(copy: str) -> str:
    cards = "".join(_badge_card(n, f"${19 + k}.99") for k, n in enumerate(NAMES))
    return (f"<html><body><main><h1>Coffee</h1><div>Sort by: Best selling</div>"
            f"<a href='/c/decaf'>Shop all decaf coffees here</a><ul class='grid'>{cards}</ul>"
            f"<div class='rte'>{copy}</div></main></body></html>")


def test_on_a_page_with_copy_the_cards_lose_prices_and_labels() -> None:
    body = _body(_copy_page(COPY))
    assert "Whole bean or ground?" in body
    assert all(name in body for name in NAMES)
    assert "$19.99" not in body and "-15%" not in body and "Compare" not in body
    assert "Sort by" not in body and "decaf" not in body


def test_without_copy_the_cards_keep_prices() -> None:
    body = _body(_copy_page(""))
    assert all(name in body for name in NAMES)
    assert "$19.99" in body and "$22.99" in body and "Sort by" in body


def test_card_chrome_rule_is_for_shop_categories_only() -> None:
    body = _body(_copy_page(COPY), page_type="listing")
    assert "$19.99" in body


def test_links_written_back_to_back_are_separate_words() -> None:
    # tag lists write their links with no space between them; CSS lays them apart
    doc = flatten(parse('<html><body><div class="tags"><a href="/t/action">Action</a>'
                        '<a href="/t/open-world">Open World</a><a href="/t/racing">Racing</a>'
                        '</div><p>A <a href="/x">link</a>ed word and <a href="/y">two</a>'
                        '</p></body></html>'))
    assert doc.blocks[0].text == "Action Open World Racing"
    assert doc.blocks[1].text == "A linked word and two"
