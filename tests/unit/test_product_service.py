"""Rules for shop product pages and service (marketing) pages, on small snippets.

Each snippet is written to look like the markup of a real shop or page builder
(Shopify, WooCommerce, Elementor, Gravity Forms, Tailwind builds); "DROP" marks
text a rule must remove and "KEEP" text it must leave.
"""

from __future__ import annotations

import pytest

from stripper import dom
from stripper.clean import clean
from stripper.options import DEFAULT_OPTIONS
from stripper.parse import parse
from stripper.tracing import Trace

PROSE = ("KEEP We repair flat roofs across the region: felt, rubber and fibreglass. Most "
         "leaks come from a split seam or a blocked outlet, and most repairs take a day. "
         "Every repair is guaranteed for ten years, and we send photos of what we found. ")


def cleaned(html: str, page_type: str | None = "service") -> tuple[str, Trace]:
    tree = parse(html)
    trace = Trace()
    clean(tree, DEFAULT_OPTIONS.clean, trace, page_type=page_type)
    body = tree.body
    return (dom.text_of(body) if body is not None else ""), trace


def dropped_by(trace: Trace) -> set[str]:
    return {d.rule for d in trace.decisions if d.verdict == "drop"}


# ------------------------------------------------------------------ colour utilities
@pytest.mark.parametrize("cls", ["text-secondary", "font-poppins text-base text-text-dark-secondary",
                                 "dark:text-secondary", "btn btn-secondary",
                                 "button button--secondary", "bg-secondary rounded"])
def test_colour_utility_is_not_a_secondary_column(cls: str) -> None:
    html = f'<html><body><p>{PROSE}</p><div class="{cls}">STAYS: 300+ projects in ten years.</div></body></html>'
    text, _ = cleaned(html, page_type="article")
    assert "STAYS" in text


@pytest.mark.parametrize("attrs", ['id="secondary"', 'class="widget-area secondary"',
                                   'class="col-secondary"'])
def test_secondary_column_is_still_removed(attrs: str) -> None:
    html = f'<html><body><p>{PROSE}</p><div {attrs}><h3>Archives</h3>DROP May 2024</div></body></html>'
    text, _ = cleaned(html, page_type="article")
    assert "DROP" not in text and "KEEP" in text


# ------------------------------------------------------------------ form sections
QUOTE_SECTION = """
<div id="quote" class="elementor-element e-con e-parent"><div class="e-con-inner">
 <div class="elementor-widget elementor-widget-heading"><h2>DROP Request your free quote</h2></div>
 <div class="elementor-widget elementor-widget-form"><div class="elementor-widget-container">
  <form class="elementor-form" method="post">
   <label for="n">Your name</label><input type="text" id="n" name="name">
   <label for="p">Phone</label><input type="tel" id="p" name="phone">
   <textarea name="message"></textarea><button type="submit">Send</button>
  </form>
  <p class="form-note">DROP We reply within one working day and never share your details.</p>
 </div></div>
</div></div>"""


def test_quote_form_goes_with_its_heading_and_note() -> None:
    html = (f'<html><body><div class="e-con"><h1>Flat roof repair</h1><p>{PROSE}</p></div>'
            f"{QUOTE_SECTION}</body></html>")
    text, trace = cleaned(html)
    assert "DROP" not in text
    assert "KEEP" in text and "Flat roof repair" in text
    assert "form-section" in dropped_by(trace)


def test_gravity_form_notes_go_on_any_page_type() -> None:
    form = ('<div class="gform_wrapper"><form method="post"><div class="gfield">'
            '<label>Name (Required)</label><input type="text"></div><div class="gfield">'
            '<label>Email</label><input type="email"></div><div class="gfield_description">'
            "DROP This field is hidden when viewing the form</div></form></div>")
    text, _ = cleaned(f"<html><body><article><p>{PROSE}</p></article>{form}</body></html>",
                      page_type="article")
    assert "DROP" not in text and "KEEP" in text


def test_section_with_prose_keeps_its_prose_when_the_form_goes() -> None:
    # the form sits in a section that also holds content: only the form goes
    section = (f'<section><h2>About our repairs</h2><p>{PROSE}</p><p>{PROSE}</p>'
               '<form><input type="text" name="name"><input type="email" name="email">'
               '<span>DROP Send</span></form></section>')
    text, _ = cleaned(f"<html><body>{section}</body></html>")
    assert "DROP" not in text
    assert text.count("KEEP") == 2 and "About our repairs" in text


def test_search_box_is_not_a_form_section() -> None:
    html = (f"<html><body><p>{PROSE}</p><div class='box'><h3>STAYS Find a branch</h3>"
            "<form action='/branches'><input type='text' name='postcode'></form></div></body></html>")
    text, trace = cleaned(html)
    assert "STAYS" in text and "form-section" not in dropped_by(trace)


def test_form_wrapping_the_page_is_spared() -> None:
    # ASP.NET WebForms wrap the whole body in one <form>
    html = ("<html><body><form id='aspnetForm' method='post'><input type='text' name='q'>"
            f"<input type='text' name='q2'><h1>Title</h1><p>{PROSE}</p><p>{PROSE}</p>"
            "</form></body></html>")
    text, _ = cleaned(html)
    assert text.count("KEEP") == 2 and "Title" in text


# ------------------------------------------------------------------ declared description
from stripper import Options, extract
from stripper.product import complete_body, declared_description, word_cover

DESCRIPTION = ("These quarter socks are engineered for comfort: higher than an ankle sock, "
               "lower than a calf sock, with a honeycomb arch support and a seamless toe.")


def _ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


def test_declared_description_reads_product_json_ld() -> None:
    html = ("<html><head>" + _ld('{"@context":"https://schema.org","@graph":[{"@type":"WebPage",'
            '"description":"A page about socks and more socks, for everyone who wears socks."},'
            '{"@type":"Product","name":"Quarter Socks","description":"' + DESCRIPTION + '"}]}')
            + "</head><body><p>x</p></body></html>")
    assert declared_description(parse(html)) == DESCRIPTION


def test_declared_description_strips_markup_and_percent_encoding() -> None:
    encoded = DESCRIPTION.replace(" ", "%20")
    html = "<html><head>" + _ld('{"@type":"Product","description":"' + encoded + '"}') + "</head></html>"
    assert declared_description(parse(html)) == DESCRIPTION
    marked = DESCRIPTION.replace("comfort", "<b>comfort</b>")
    html = "<html><head>" + _ld('{"@type":"Product","description":"' + marked + '"}') + "</head></html>"
    assert declared_description(parse(html)) == DESCRIPTION


def test_short_or_non_product_descriptions_are_ignored() -> None:
    html = "<html><head>" + _ld('{"@type":"Product","description":"Cosy socks."}') + "</head></html>"
    assert declared_description(parse(html)) is None
    html = "<html><head>" + _ld('{"@type":"Article","description":"' + DESCRIPTION + '"}') + "</head></html>"
    assert declared_description(parse(html)) is None


def test_complete_body_adds_the_description_only_when_missing() -> None:
    body = "Quarter Socks\n\nFree shipping over $75."
    assert complete_body(body, DESCRIPTION).startswith(DESCRIPTION)
    shown = f"Quarter Socks\n\n{DESCRIPTION}"
    assert complete_body(shown, DESCRIPTION) == shown
    assert complete_body(body, None) == body
    assert word_cover(DESCRIPTION, shown) == 1.0


SHOP_PAGE = """<html><head><title>Quarter Socks</title>
<meta property="og:type" content="product">
{ld}
</head><body>
<header class="site-header"><a href="/">Socks Co</a></header>
<main><section class="product"><h1>Quarter Socks</h1>
<div class="product__price">$17.00</div>
<form action="/cart/add"><select name="size"><option>M</option></select>
<button>Add to cart</button></form>
<p>Made from long-staple cotton that stays soft wash after wash, in eight colours for every day.</p>
</section></main>
<footer><p>Copyright 2024 Socks Co</p></footer></body></html>"""


def test_product_page_body_gets_its_declared_description_and_says_why() -> None:
    ld = _ld('{"@type":"Product","name":"Quarter Socks","offers":{"@type":"Offer","price":"17"},'
             '"description":"' + DESCRIPTION + '"}')
    rec = extract(SHOP_PAGE.format(ld=ld), options=Options(trace=True))
    assert rec.page_type == "product"
    assert DESCRIPTION in rec.body and "long-staple cotton" in rec.body
    assert any(d.rule == "declared-description" and d.verdict == "keep" for d in rec.trace)
    # without the JSON-LD nothing is added
    plain = extract(SHOP_PAGE.format(ld=""))
    assert "honeycomb" not in plain.body


# ------------------------------------------------------------------ service pages: the hero
from stripper.dom import flatten
from stripper.score import score
from stripper.selection import select

FEATURE = ("Deploy any app from a Git push: we build it, run it on the right runtime and "
           "keep it up with health checks, zero-downtime deploys and instant rollbacks. ")

LANDING = f"""<html><body>
<section class="hero"><div class="hero__inner"><h1>Your fastest path to production</h1>
<p>Infrastructure that scales.</p>
<p><a href="/register">Start building for free</a> <a href="/contact">Talk to sales</a></p>
</div></section>
<div class="features"><section><h2>Deploy</h2><p>{FEATURE}</p><p>{FEATURE}</p></section>
<section><h2>Scale</h2><p>{FEATURE}</p><p>{FEATURE}</p></section>
<section><h2>Observe</h2><p>{FEATURE}</p><p>{FEATURE}</p></section></div>
</body></html>"""


def _selected_text(html: str, page_type: str) -> str:
    doc = flatten(parse(html))
    sel = select(doc, score(doc), DEFAULT_OPTIONS.select, page_type=page_type)
    return " ".join(doc.blocks[i].text for i in sel.kept)


def test_service_page_container_takes_in_the_hero_headline() -> None:
    text = _selected_text(LANDING, "service")
    assert "Your fastest path to production" in text
    assert "Infrastructure that scales." in text and "Observe" in text
    assert "Talk to sales" not in text


def test_headline_widening_is_limited_to_service_pages() -> None:
    assert "Your fastest path" not in _selected_text(LANDING, "article")


def test_self_closed_tracking_iframe_in_noscript_does_not_swallow_the_page() -> None:
    html = ('<html><body><noscript><iframe src="/ns.html?id=GTM-X" height="0" width="0" '
            f'style="display: none; visibility: hidden;" /></noscript><main><p>{PROSE}</p></main>'
            "</body></html>")
    text, _ = cleaned(html)
    assert "KEEP" in text and "<p>" not in text


@pytest.mark.parametrize("cls", ["span12 widget-span widget-type-cell",
                                 "hs_cos_wrapper hs_cos_wrapper_widget hs_cos_wrapper_type_module"])
def test_hubspot_module_wrappers_are_not_sidebars(cls: str) -> None:
    # HubSpot CMS wraps every module of a page in these classes
    module = "".join(f"<p>{PROSE}{i}</p>" for i in range(2))
    rest = "".join(f"<p>{PROSE}{i}</p>" for i in range(3))
    text, _ = cleaned(f'<html><body><div class="{cls}">{module}</div>{rest}</body></html>')
    assert text.count("KEEP") == 5


# ------------------------------------------------------------------ product sections
from stripper.product import add_product_sections

STORY = ("The Ridgeline is knitted in Portugal from 19.5 micron merino, fine enough to wear "
         "on the skin and dense enough to keep the wind off on a ridge walk. ")

WOO_PAGE = f"""<html><body>
<div class="product type-product"><div class="summary entry-summary">
<h1 class="product_title">Ridgeline Merino Crew</h1>
<div class="woocommerce-product-details__short-description"><p>{STORY}</p><p>{STORY}</p>
<p>{STORY}</p></div></div>
<div class="woocommerce-tabs wc-tabs-wrapper">
<ul class="tabs"><li><a href="#tab-description">Description</a></li></ul>
<div class="woocommerce-Tabs-panel woocommerce-Tabs-panel--additional_information"
 id="tab-additional_information"><table class="shop_attributes">
<tr><th>Weight</th><td>430 g</td></tr><tr><th>Fibre</th><td>Merino wool</td></tr></table></div>
<div class="panel" id="tab-specifications"><h2>Specifications</h2><ul>
<li>Gauge: 12</li><li>Knit: jersey</li></ul></div>
</div></div>
<div class="footer-links"><a href="/a">About us and our story</a></div>
</body></html>"""


def _product_selection(html: str, page_type: str) -> tuple[str, Trace]:
    doc = flatten(parse(html))
    scores = score(doc)
    trace = Trace()
    sel = select(doc, scores, DEFAULT_OPTIONS.select, trace, page_type=page_type)
    if page_type == "product":
        sel = add_product_sections(doc, scores, sel, trace)
    return " | ".join(doc.blocks[i].text for i in sel.kept), trace


def test_specification_section_outside_the_container_is_kept_on_product_pages() -> None:
    text, trace = _product_selection(WOO_PAGE, "product")
    assert "Ridgeline is knitted" in text
    assert "Gauge: 12" in text and "Knit: jersey" in text and "Specifications" in text
    assert "About us" not in text and "Description" not in text  # links stay out
    assert any(d.rule == "product-section" for d in trace.decisions)


def test_product_sections_are_not_added_on_other_page_types() -> None:
    text, _ = _product_selection(WOO_PAGE, "article")
    assert "Gauge: 12" not in text


def test_compound_parts_match_whole_words_only() -> None:
    # "post-form" (a reply form) must not match Astra's "ast-post-format-" teaser wrapper
    teasers = "".join(f'<article class="post"><div class="ast-post-format- blog-layout-1">'
                      f"<h2>Teaser {i}</h2><p>{PROSE}</p></div></article>" for i in range(3))
    text, _ = cleaned(f"<html><body><main>{teasers}</main></body></html>", page_type="listing")
    assert text.count("KEEP") == 3
    text, _ = cleaned(f'<html><body><p>{PROSE}</p><div class="quick-reply">DROP Reply</div>'
                      "</body></html>", page_type="forum")
    assert "DROP" not in text


def test_service_page_keeps_a_repeated_section_once() -> None:
    section = ("<section><h2>Risk-based patching</h2><p>Prioritise risk, patch exposures and "
               "stop breaches before they spread across your fleet.</p></section>")
    html = (f"<html><body><div class='desktop'>{section}<p>{FEATURE}</p></div>"
            f"<div class='mobile'>{section}</div></body></html>")
    text = _selected_text(html, "service")
    assert text.count("Prioritise risk") == 1 and "Deploy any app" in text


# ------------------------------------------------------------------ linked service cards
def _card(title: str, text: str, href: str) -> str:
    return f'<div class="tile"><a href="{href}"><h3>{title}</h3><p>{text}</p></a></div>'


SERVICE_CARDS = "".join(_card(t, d, h) for t, d, h in (
    ("Audit", "Independent audits that help you understand and manage your financial risks.",
     "/services/audit"),
    ("Tax Advisory", "Tax advice for companies that operate across many borders and rule books.",
     "/services/tax"),
    ("Legal", "Lawyers who know your industry and speak the language of your business.",
     "/services/legal"),
))


def _service_page(cards: str) -> str:
    return (f"<html><body><h1>Our services</h1><p>{FEATURE}</p><div class='grid'>{cards}</div>"
            f"<p>{FEATURE}</p></body></html>")


def test_service_card_whose_box_is_a_link_keeps_its_description() -> None:
    text = _selected_text(_service_page(SERVICE_CARDS), "service")
    assert "Independent audits that help you" in text and "speak the language" in text
    assert "Tax Advisory" in text  # the card's linked title goes with its description
    assert "Independent audits that help you" not in _selected_text(
        _service_page(SERVICE_CARDS), "article")


def test_linked_text_needs_a_sentence_outside_carousels_and_buttons() -> None:
    short = _card("Audit", "Audits for banks", "/a") * 3  # a menu-like link, four words
    button = "<p><a href='/x'>Learn more about our audit and tax services today</a></p>"
    slides = ("<div class='carousel'>" + SERVICE_CARDS + "</div>")
    text = _selected_text(_service_page(short + button + slides), "service")
    assert "Audits for banks" not in text and "Audit " not in text
    assert "Learn more about" not in text
    assert "Independent audits" not in text


def test_legal_fine_print_goes_but_a_legal_practice_section_stays() -> None:
    fine = ('<div class="copy-legal"><p>DROP *Based on publicly available data on the '
            "number of users; results may vary.</p></div>")
    text, trace = cleaned(f"<html><body><p>{PROSE}</p>{fine}</body></html>")
    assert "DROP" not in text and "legal-notice" in dropped_by(trace)
    practice = "".join(f"<p>{PROSE} {'x' * 60}</p>" for _ in range(3))
    text, _ = cleaned(f'<html><body><p>{PROSE}</p><div class="legal-services">{practice}</div>'
                      "</body></html>")
    assert text.count("KEEP") == 4


def test_a_line_repeated_by_each_offer_card_stays_but_cloned_slides_go() -> None:
    cards = "".join(f'<div class="offer"><a href="/o/{i}">{place} getaway deals</a>'
                    "<p>Book by December 31, 2025</p></div>"
                    for i, place in enumerate(("Cancun", "Punta Cana", "Montego Bay")))
    text = _selected_text(_service_page(cards), "service")
    assert text.count("Book by December 31, 2025") == 3
    slides = f'<div class="carousel">{cards}{cards}</div>'
    text = _selected_text(_service_page(slides), "service")
    assert text.count("Book by December 31, 2025") == 1
