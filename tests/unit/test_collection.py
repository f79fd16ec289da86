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
    doc = flatten(parse("<html><body><p>$19.99</p><p>$19.99</p><p>Blue</p>"
                        "<p>$19.99</p></body></html>"))
    kept = drop_echoes(doc, list(range(len(doc.blocks))))
    assert [doc.blocks[i].text for i in kept] == ["$19.99", "Blue", "$19.99"]


def test_a_section_heading_classed_header_is_kept() -> None:
    # CSS-module names: "CopyLockup_header__x1" is a block's title, not the site bar
    html = ("<html><body><header class='site-header'>Shop Menu Account</header><main>"
            "<h2 class='CopyLockup_header__x1'>Explore the lineup</h2>"
            f"<p>{INTRO}</p></main></body></html>")
    body = _body(html, page_type="article")
    assert "Explore the lineup" in body
    assert "Shop Menu Account" not in body
