"""Headline rules on small, real-looking pages: site-name segments, headings' visible
text, JSON-LD parts that are not the page, and the page types whose <h1> is a tagline."""

from __future__ import annotations

from stripper.dom import build_tree
from stripper.metadata import extract_metadata
from stripper.metadata.title import heading_text, strip_site

SERVICE = """<html><head>
<title>Business Text Messaging | Ringline</title>
<meta property="og:title" content="Business Text Messaging | Ringline">
<meta property="og:site_name" content="Ringline">
</head><body>
<header><a href="/" class="site-logo"><img src="/logo.svg" alt="Ringline logo"></a></header>
<main><section class="hero"><h1>Business messaging that scales without slowing you down</h1>
<p>Send and receive SMS in 180 countries.</p><a href="/signup">Start for free</a></section>
</main><footer><p>© 2025 Ringline, Inc. All rights reserved.</p></footer></body></html>"""


def test_service_page_headline_is_the_title_not_the_tagline() -> None:
    m = extract_metadata(build_tree(SERVICE), "https://www.ringline.example/messaging",
                         page_type="service")
    assert m.title == "Business Text Messaging"
    assert m.sources["title"].origin == "meta:og:title"


def test_article_page_keeps_the_h1() -> None:
    html = SERVICE.replace("Business messaging that scales without slowing you down",
                           "Business text messaging for small teams")
    m = extract_metadata(build_tree(html), "https://www.ringline.example/blog/sms",
                         page_type="article")
    assert m.title == "Business text messaging for small teams"
    assert m.sources["title"].origin == "h1"


def test_faq_question_is_not_the_headline() -> None:
    html = """<html><head><title>12 Must-Have Data Analysis Tools for 2026 | Datalane</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "FAQPage",
 "mainEntity": [{"@type": "Question", "name": "What are the best tools for data analysis?",
 "acceptedAnswer": {"@type": "Answer", "text": "Python, SQL and a notebook."}}]}</script>
</head><body><header><h1 class="logo">Datalane</h1></header>
<article><p>Twelve tools, from notebooks to warehouses.</p></article></body></html>"""
    m = extract_metadata(build_tree(html), "https://datalane.example/blog/tools",
                         page_type="article")
    assert m.title == "12 Must-Have Data Analysis Tools for 2026"


def test_heading_text_skips_buttons_and_hidden_tooltips() -> None:
    html = """<html><head><title>tokio - Rust</title></head><body><main>
<h1>Crate <span>tokio</span>&nbsp;<button id="copy-path">Copy item path</button></h1>
<h2>IAM overview<span hidden><span>Stay organized with collections</span></span></h2>
</main></body></html>"""
    tree = build_tree(html)
    m = extract_metadata(tree, "https://docs.example/tokio/", page_type="documentation")
    assert m.title == "Crate tokio"
    h2 = tree.css_first("h2")
    assert h2 is not None and heading_text(h2) == "IAM overview"


def test_leading_product_name_is_kept_trailing_site_name_goes() -> None:
    names = ["stripe.example", "Stripe"]
    # a leading segment holding the site's name and more names a product
    assert strip_site("Stripe Payments | Global Payment Processing Platform", names, 4,
                      head_only=True) == "Stripe Payments"
    # a trailing one holding it is the site ("The Motley Fool" for fool.example)
    assert strip_site("Best Cloud Stocks of 2025 | The Motley Fool", ["fool.example"], 4,
                      head_only=True) == "Best Cloud Stocks of 2025"


def test_number_ranges_are_not_separators() -> None:
    assert strip_site("Tech conferences in Americas 2026 / 2027", ["dev.example"], 4,
                      head_only=True) == "Tech conferences in Americas 2026 / 2027"
    assert strip_site("Squad 2024 - 2025 | Spurs Forum", ["Spurs Forum"], 4,
                      head_only=True) == "Squad 2024 - 2025"


def test_responsive_heading_copies_count_once() -> None:
    html = """<html><head><title>BBC News - Breaking news and the latest stories</title>
</head><body><main><h1><span class="mobile">News</span> <span class="desktop">News</span></h1>
<p>Stories.</p></main></body></html>"""
    tree = build_tree(html)
    h1 = tree.css_first("h1")
    assert h1 is not None and heading_text(h1) == "News"


def test_home_label_gives_way_to_the_site_name() -> None:
    html = """<html><head><title>Home - The Field Notes Blog</title>
<meta property="og:title" content="Home"><meta property="og:site_name" content="The Field Notes Blog">
</head><body><main><ul><li><a href="/a">First post</a></li></ul></main></body></html>"""
    m = extract_metadata(build_tree(html), "https://fieldnotes.example/", page_type="listing")
    assert m.title == "The Field Notes Blog"


def test_h1_naming_the_site_and_more_is_a_headline_not_a_logo() -> None:
    html = """<html><head><title>Sharpening Stones ® | Home Page</title></head><body>
<header><h1 class="logo"><a href="/">Sharpening Stones</a></h1></header>
<main><h1>Welcome to Sharpening Stones</h1><p>Whetstones for every knife.</p></main>
</body></html>"""
    m = extract_metadata(build_tree(html), "https://www.sharpeningstones.example/",
                         page_type="listing")
    assert m.title == "Welcome to Sharpening Stones"


def test_page_header_without_navigation_is_not_site_chrome() -> None:
    html = """<html><head><title>Beginner Sewing Machines: My Top 7 Favorites</title></head>
<body><header class="site-header"><a href="/">SewWell</a><nav><a href="/blog">Blog</a></nav>
</header><div class="content"><header class="entry-header">
<h1 class="entry-title">The 7 Best Sewing Machines for a Beginner</h1></header>
<p>Seven machines we tested.</p></div></body></html>"""
    m = extract_metadata(build_tree(html), "https://sewwell.example/machines", page_type="article")
    assert m.title == "The 7 Best Sewing Machines for a Beginner"


def test_two_copies_of_one_h1_are_one_heading() -> None:
    html = """<html><head><title>How do you set up an ergonomic workstation? | Ergo</title>
</head><body><main><div class="hero mobile"><h1>Setting up an ergonomic workspace</h1></div>
<div class="hero desktop"><h1>Setting up an ergonomic workspace</h1></div>
<p>Chair, desk, screen.</p></main></body></html>"""
    m = extract_metadata(build_tree(html), "https://ergo.example/setup", page_type="article")
    assert m.title == "Setting up an ergonomic workspace"


def test_template_label_before_a_heading_goes() -> None:
    html = """<html><head><title>What do you look for in a web host? | Hosting Talk</title>
</head><body><main><h1>Thread: <span class="threadtitle">What do you look for in a web
host?</span></h1><p>First post.</p></main></body></html>"""
    tree = build_tree(html)
    h1 = tree.css_first("h1")
    assert h1 is not None and heading_text(h1) == "What do you look for in a web host?"
    # a colon inside a headline is no label
    html2 = html.replace("Thread: ", "Hosting 101: ")
    h1 = build_tree(html2).css_first("h1")
    assert h1 is not None and heading_text(h1).startswith("Hosting 101: ")


def test_bidi_marks_are_removed_from_titles() -> None:
    html = ("<html><head><title>\u202aGeoffrey Hinton\u202c - Scholar</title></head>"
            "<body><p>Papers.</p></body></html>")
    m = extract_metadata(build_tree(html), "https://scholar.example/hinton")
    assert m.title == "Geoffrey Hinton"
