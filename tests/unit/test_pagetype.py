"""Page-type detection on small hand-written pages, one per type, rules alone and
with the shipped model; plus the signal tables and the trace."""

from __future__ import annotations

from importlib import resources

import pytest

from stripper import extract
from stripper.dom import build_tree
from stripper.options import DEFAULT_OPTIONS
from stripper.pagerules import (
    CLASS_PARTS,
    GENERATORS,
    LD_TYPES,
    OG_TYPES,
    PAGE_TYPES,
    ROOT_CLASSES,
    SIGNALS,
    TEXT_PHRASES,
    TEXT_SYMBOLS,
    TITLE_WORDS,
    URL_PATTERNS,
)
from stripper.pagetype import MODEL_FILE, detect_page_type, load_model, measure
from stripper.tracing import Trace

PROSE = ("The committee met on Tuesday to discuss the proposal, which had been debated for "
         "months by residents, business owners and the council, and agreed on a plan. ")

ARTICLE = f"""<html><head><meta property="og:type" content="article">
<meta property="article:published_time" content="2024-05-02T10:00:00Z">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Council agrees plan"}}</script></head>
<body class="post-template-default single single-post postid-4312">
<header><nav><a href="/">Home</a><a href="/news/">News</a></nav></header>
<article class="post"><h1 class="entry-title">Council agrees plan for the river bank</h1>
<div class="byline">By Jane Miller · 4 min read</div>
<div class="entry-content">{"<p>" + PROSE * 3 + "</p>"}{"<p>" + PROSE * 2 + "</p>"}
<p>{PROSE * 2}</p><h2>What happens next</h2><p>{PROSE * 3}</p><p>{PROSE}</p></div>
</article><footer>© 2024 The Gazette</footer></body></html>"""

LISTING_CARD = """<article class="post type-post"><h2 class="entry-title"><a href="/2024/0{n}/story-{n}/">
Story number {n} about the town</a></h2><div class="entry-meta">May {n}, 2024</div>
<div class="entry-summary excerpt"><p>A short teaser for story {n}, two lines long.</p>
<a class="more-link" href="/2024/0{n}/story-{n}/">Read more</a></div></article>"""
LISTING = f"""<html><head><title>News archive</title></head>
<body class="archive category category-news paged paged-2">
<nav><a href="/">Home</a></nav><main><h1>Category: News</h1>
{"".join(LISTING_CARD.format(n=n) for n in range(1, 9))}
<nav class="pagination"><a href="/category/news/page/1/">Newer posts</a>
<a rel="next" href="/category/news/page/3/">Older posts</a></nav></main></body></html>"""

FORUM_POST = """<div class="message post" id="post-{n}"><div class="message-user">
<img class="avatar" src="/a/{n}.png"><a class="username" href="/members/user{n}/">user{n}</a>
<dl><dt>Joined:</dt><dd>Mar 2019</dd><dt>Posts:</dt><dd>{n}12</dd></dl></div>
<div class="message-body"><p>I had the same problem with my setup, it went away after I
changed the cable. Reply number {n}.</p></div>
<div class="message-footer">{n} days ago · <a href="#">Reply</a> · <a href="#">Quote</a></div></div>"""
FORUM = f"""<html><head><title>Cable keeps disconnecting | Forum</title>
<script type="application/ld+json">{{"@type":"DiscussionForumPosting","headline":"Cable"}}</script>
</head><body><h1 class="thread-title">Cable keeps disconnecting</h1>
{"".join(FORUM_POST.format(n=n) for n in range(1, 7))}</body></html>"""

PRODUCT = """<html><head><meta property="og:type" content="product">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product",
"name":"Trail Runner 3","sku":"TR3-42","offers":{"@type":"Offer","price":"89.99",
"priceCurrency":"EUR","availability":"https://schema.org/InStock"}}</script></head>
<body class="product-template-default single-product woocommerce">
<div class="product"><div class="product-gallery"><img src="/p/1.jpg"></div>
<h1 class="product_title">Trail Runner 3</h1><p class="price">€89.99</p>
<p class="stock in-stock">In stock</p><form class="cart"><input name="quantity" value="1">
<button class="single_add_to_cart_button">Add to cart</button></form>
<div class="product-description"><p>A light trail shoe with a grippy sole.</p></div>
<h2>Specifications</h2><table><tr><td>Weight</td><td>280 g</td></tr>
<tr><td>SKU</td><td>TR3-42</td></tr></table><h2>Reviews (12)</h2></div></body></html>"""

COLLECTION_CARD = """<li class="product-card grid__item"><a href="/products/shoe-{n}">
<img src="/i/{n}.jpg"><h3 class="card__title">Shoe model {n}</h3></a>
<span class="price">${n}9.00</span></li>"""
COLLECTION = f"""<html><head><title>Running shoes</title></head>
<body class="template-collection"><h1>Running shoes</h1><p>48 products</p>
<aside class="facets filters"><h2>Filter</h2><details class="facet"><summary>Size</summary>
</details><details class="facet"><summary>Colour</summary></details></aside>
<label>Sort by</label><select class="sort-by"><option>Featured</option></select>
<ul class="product-grid grid">{"".join(COLLECTION_CARD.format(n=n) for n in range(1, 13))}</ul>
<nav class="pagination"><a href="?page=2">Next page</a></nav></body></html>"""

DOCUMENTATION = """<html><head><meta name="generator" content="Docusaurus v3.1">
<title>Client API | Docs</title></head><body>
<nav class="sidebar docs-sidebar"><ul class="menu"><li><a href="/docs/intro">Intro</a></li>
<li><a href="/docs/api/client">Client</a></li><li><a href="/docs/api/server">Server</a></li>
</ul></nav><main class="docMainContainer"><article class="markdown">
<h1>Client API</h1><p>The client connects to a server and sends requests.</p>
<h2 id="connect">connect()<a class="hash-link headerlink" href="#connect">#</a></h2>
<p>Parameters: <code>url</code> (string), <code>timeout</code> (number). Returns a
<code>Connection</code>.</p><pre class="language-js"><code>const c = await connect(url)</code></pre>
<h2 id="send">send()<a class="hash-link headerlink" href="#send">#</a></h2>
<pre class="language-js"><code>c.send({ type: "ping" })</code></pre>
<div class="admonition note">Deprecated since version 2.0.</div></article>
<div class="toc"><p>On this page</p></div><a href="/edit">Edit this page</a></main></body></html>"""

SERVICE = """<html><head><title>Web design services | Studio</title>
<script type="application/ld+json">{"@type":"ProfessionalService","name":"Studio"}</script>
</head><body class="page-template-default page page-id-12 elementor-default elementor-page">
<section class="hero elementor-section"><h1>Websites that win customers</h1>
<a class="btn cta" href="/contact/">Get a quote</a></section>
<section class="elementor-section features"><h2>Our services</h2><div class="feature">
<h3>Design</h3><p>Clean layouts.</p></div><div class="feature"><h3>Build</h3>
<p>Fast sites.</p></div><div class="feature"><h3>Grow</h3><p>Search and ads.</p></div></section>
<section class="elementor-section testimonials"><h2>What our clients say</h2>
<blockquote class="testimonial">Great team to work with.</blockquote></section>
<section class="elementor-section cta"><h2>Ready to start?</h2><a class="btn" href="/contact/">
Contact us</a> <a class="btn" href="/book/">Book a free consultation</a></section>
</body></html>"""

PAGES = {
    "article": (ARTICLE, "https://gazette.example/2024/05/council-agrees-plan-for-river-bank/"),
    "listing": (LISTING, "https://gazette.example/category/news/page/2/"),
    "forum": (FORUM, "https://board.example/threads/cable-keeps-disconnecting.4411/"),
    "product": (PRODUCT, "https://shop.example/product/trail-runner-3/"),
    "collection": (COLLECTION, "https://shop.example/collections/running-shoes"),
    "documentation": (DOCUMENTATION, "https://lib.example/docs/api/client"),
    "service": (SERVICE, "https://studio.example/services/web-design/"),
}


@pytest.mark.parametrize("expected", list(PAGES))
def test_rules_alone_find_each_type(expected: str) -> None:
    html, url = PAGES[expected]
    result = detect_page_type(build_tree(html), url, use_model=False)
    assert result.page_type == expected, result.scores


@pytest.mark.parametrize("expected", list(PAGES))
def test_rules_and_model_find_each_type(expected: str) -> None:
    html, url = PAGES[expected]
    assert load_model() is not None
    result = detect_page_type(build_tree(html), url)
    assert result.page_type == expected, result.scores
    assert result.rule_type == expected


@pytest.mark.parametrize("expected", ["article", "product", "documentation"])
def test_markup_alone_without_url(expected: str) -> None:
    html, _ = PAGES[expected]
    assert detect_page_type(build_tree(html), None, use_model=False).page_type == expected


def test_empty_page_is_other() -> None:
    assert detect_page_type(build_tree("<html><body></body></html>")).page_type == "other"


def test_error_record_keeps_the_detected_type() -> None:
    # no body, but the type was detected before selection found nothing: stripper eval
    # counts these pages in its type accuracy, as scripts/eval_pagetype.py does
    html = ("<html><head><meta property='og:type' content='product'></head>"
            "<body><img src=a.jpg></body></html>")
    record = extract(html)
    assert record.error is not None and record.error.kind == "no-content"
    assert record.page_type is not None
    assert record.page_type == detect_page_type(build_tree(html)).page_type


def test_phrases_match_whole_words_only() -> None:
    tree = build_tree("<body><p>Chicago agora, skull, replying agoraphobia. Threadbare.</p></body>")
    f = measure(tree)
    assert "text:ago" not in f and "text:sku" not in f and "text:reply" not in f
    assert "text:thread" not in f
    f = measure(build_tree("<body><p>Posted 3 days ago. Reply! SKU: 12. Add to cart.</p></body>"))
    assert f["text:ago"] == 1 and f["text:reply"] == 1 and f["text:sku"] == 1
    assert f["text:add-to-cart"] == 1


def test_class_parts_split_on_separators() -> None:
    f = measure(build_tree('<body><div class="product-card__price">1</div>'
                           '<div class="priceless">2</div></body>'))
    assert f["part:price"] == 1 and f["part:product"] == 1 and f["part:card"] == 1


def test_wordpress_body_class_numbers_are_folded() -> None:
    f = measure(build_tree('<body class="single postid-98765"><p>x</p></body>'))
    assert f["root:postid-N"] == 1 and f["root:single"] == 1


def test_url_signals() -> None:
    f = measure(build_tree("<body><p>x</p></body>"),
                "https://a.example/blog/2023/07/why-we-moved-our-office-to-the-coast")
    assert f["url:date-path"] == 1 and f["url:slug-words"] == 8
    f = measure(build_tree("<body><p>x</p></body>"), "https://a.example/docs/")
    assert f["url:docs"] == 1 and "url:date-path" not in f
    f = measure(build_tree("<body><p>x</p></body>"), "https://docs.example/")
    assert "url:docs" not in f  # the host name is not the path


def test_every_signal_names_a_feature_measure_can_produce() -> None:
    phrase_names = {n for n, _ in TEXT_PHRASES} | {n for n, _ in TEXT_SYMBOLS}
    producible = {
        "ld": set(LD_TYPES.values()), "og": set(OG_TYPES.values()),
        "gen": set(GENERATORS.values()), "root": set(ROOT_CLASSES), "part": set(CLASS_PARTS),
        "text": phrase_names, "title": set(TITLE_WORDS),
        "url": {n for n, _ in URL_PATTERNS} | {"slug-words", "last-chars"},
    }
    for sig in SIGNALS:
        kind, name = sig.feature.split(":", 1)
        if kind in producible:
            assert name in producible[kind], sig.feature
        for ty, _ in sig.weights:
            assert ty in PAGE_TYPES, sig
        assert sig.why


def test_signals_that_fire_are_in_the_trace() -> None:
    trace = Trace()
    html, url = PAGES["product"]
    result = detect_page_type(build_tree(html), url, trace)
    rules = {d.rule for d in trace.decisions if d.stage == "pagetype"}
    assert {"ld:product", "og:product", "text:add-to-cart"} <= rules
    final = trace.decisions[-1]
    assert final.stage == "pagetype" and final.verdict == result.page_type == "product"


def test_pipeline_sets_page_type_and_explains_it() -> None:
    from dataclasses import replace

    html, url = PAGES["forum"]
    record = extract(html, url=url, options=replace(DEFAULT_OPTIONS, trace=True))
    assert record.page_type == "forum"
    assert any(d.stage == "pagetype" and d.rule == "ld:forum" for d in record.trace)


def test_model_ships_in_the_package_and_is_small() -> None:
    path = resources.files("stripper").joinpath(MODEL_FILE)
    data = path.read_bytes()
    assert len(data) < 2_000_000
    model = load_model()
    assert model is not None
    assert set(model["classes"]) <= set(PAGE_TYPES)
    assert len(model["coef"]) == len(model["index"]) == len(model["scale"])


def test_links_below_the_page_and_title_words() -> None:
    html = ("<html><head><title>Hiking boots | Outdoor Shop</title></head><body>"
            + "".join(f'<a href="/c/boots/item-{n}">Boot {n}</a>' for n in range(5))
            + '<a href="https://shop.example/c/boots/item-9">Boot 9</a>'
            + '<a href="/c/tents">Tents</a><a href="https://other.example/c/boots/x">x</a>'
            + "</body></html>")
    f = measure(build_tree(html), "https://shop.example/c/boots")
    assert f["shape:links-below"] == 6 and f["shape:links-beside"] == 1
    assert f["title:shop"] == 1 and "title:outdoor" not in f
    home = measure(build_tree(html), "https://shop.example/")
    assert home["shape:links-below"] == 0  # on a home page everything is below
