"""Headline rules on small, real-looking pages: site-name segments, headings' visible
text, JSON-LD parts that are not the page, and the page types whose <h1> is a tagline."""

from __future__ import annotations

from stripper.dom import build_tree
from stripper.metadata import extract_metadata
from stripper.metadata.titletext import heading_text, strip_site

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



def test_heading_text_leaves_out_dates_and_thread_prefixes() -> None:
    html = """<html><body><main>
<h1><a href="/blog/kiln.html" rel="bookmark"><time datetime="2025-12-18">Dec
<span>18</span> 2025</time> Firing a wood kiln in winter</a></h1>
<h2 class="thread-title"><span class="label label--green">Question</span>
<span class="label-append">&nbsp;</span>Which glaze for stoneware?</h2>
<h3><time datetime="2025-03">March 2025</time></h3></main></body></html>"""
    tree = build_tree(html)
    h1, h2, h3 = (tree.css_first(t) for t in ("h1", "h2", "h3"))
    assert h1 is not None and heading_text(h1) == "Firing a wood kiln in winter"
    assert h2 is not None and heading_text(h2) == "Which glaze for stoneware?"
    # a heading that is only a date keeps it
    assert h3 is not None and heading_text(h3) == "March 2025"


BLOG = """<html><head><title>Kiln Notes: Firing a wood kiln in winter</title>
<meta property="og:title" content="Firing a wood kiln in winter">
</head><body><div class="header"><h1 class="title"><a href="https://pottery.example/">
Kiln Notes</a></h1><p class="description">Pottery, mostly</p></div>
<div class="post"><h3 class="post-title">Firing a wood kiln in winter</h3>
<p>Cold air makes the draft stronger, so the first hours need a gentler fire.</p>
</div></body></html>"""


def test_heading_linking_to_the_home_page_is_the_logo() -> None:
    m = extract_metadata(build_tree(BLOG), "https://pottery.example/2025/12/kiln.html",
                         page_type="article")
    assert m.title == "Firing a wood kiln in winter"
    assert [(d.rule, d.verdict, d.text) for d in m.candidates
            if d.node == "title" and d.verdict == "logo"] == [("h1", "logo", "Kiln Notes")]
    # the same heading linking to a post is the headline
    post = BLOG.replace('href="https://pottery.example/"',
                        'href="https://pottery.example/about.html"')
    m = extract_metadata(build_tree(post), "https://pottery.example/2025/12/kiln.html",
                         page_type="article")
    assert m.title == "Kiln Notes"

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


# ---------------------------------------------------------------- the learned ranker
RANKED = """<html><head>
<title>Ten ways to bake bread | Recipes | Crumbs</title>
<meta property="og:title" content="Ten ways to bake bread">
<meta property="og:site_name" content="Crumbs">
</head><body><header><nav><a href="/">Crumbs</a></nav></header>
<article><h1>Bread, ten ways</h1><p class="byline">By Ann Baker</p>
<p>Flour, water, salt and time.</p></article></body></html>"""


def _options(html: str, rule: str | None = None) -> dict[str, dict[str, float]]:
    from stripper.metadata.structured import read_structured
    from stripper.metadata.titleopts import title_options
    from stripper.metadata.titletext import site_names
    from stripper.options import DEFAULT_OPTIONS
    tree = build_tree(html)
    st = read_structured(tree)
    opts = title_options(tree, st, site_names(st, "crumbs.example"), DEFAULT_OPTIONS.metadata,
                         rule, "https://crumbs.example/ten-ways-to-bake-bread", "article")
    return {o.text: o.flags for o in opts}


def test_title_options_merge_sources_and_cut_segments() -> None:
    opts = _options(RANKED, rule="Bread, ten ways")
    head = opts["Ten ways to bake bread"]
    assert head["og:full"] == head["title:head"] == head["title:seg_first"] == 1.0
    assert head["n_struct"] == 2.0 and head["slug"] == 1.0
    assert opts["Ten ways to bake bread | Recipes"]["title:prefix"] == 1.0
    assert opts["Crumbs"]["title:seg_site"] == 1.0 and opts["Crumbs"]["is_site"] == 1.0
    h1 = opts["Bread, ten ways"]
    assert h1["rule"] == h1["h1_main"] == h1["h1_first"] == h1["h1_in_article"] == 1.0
    assert "og:full" not in h1 and h1["n_src"] == 1.0
    assert "h1_titleclass" not in h1 and "h1_banner" not in h1


def test_title_options_read_how_the_template_marks_the_h1() -> None:
    html = RANKED.replace("<article><h1>", '<div class="page-banner"><h1 class="entry-title">')
    h1 = _options(html)["Bread, ten ways"]
    assert h1["h1_titleclass"] == h1["h1_banner"] == 1.0 and "h1_in_article" not in h1


def test_ranker_overrules_the_rules_and_keeps_their_heading(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from stripper.metadata import titlerank
    # one tree: a candidate offered by two structured sources scores 2, others -1
    model = {"base": 0.0, "trees": [[["n_struct", 1.5, 1, 2], [-1.0], [2.0]]]}
    monkeypatch.setattr(titlerank, "load_model", lambda: model)
    m = extract_metadata(build_tree(RANKED), "https://crumbs.example/ten-ways-to-bake-bread",
                         page_type="article")
    assert m.title == "Ten ways to bake bread"
    assert m.sources["title"].origin == "ranker:meta:og:title"
    assert m.author == "Ann Baker"  # the byline is still read next to the <h1>
    assert any(d.verdict == "ranker" and d.rule == "h1" for d in m.candidates)


def test_ranker_ties_keep_the_rules_pick(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from stripper.metadata import titlerank
    monkeypatch.setattr(titlerank, "load_model", lambda: {"base": 0.0, "trees": [[[0.5]]]})
    m = extract_metadata(build_tree(RANKED), "https://crumbs.example/x", page_type="article")
    assert m.title == "Bread, ten ways" and m.sources["title"].origin == "h1"


def test_packaged_ranker_model_loads_and_scores() -> None:
    from stripper.metadata import titlerank
    model = titlerank.load_model()
    assert model is not None and model["trees"]
    assert titlerank.score(model, {"rule": 1.0, "h1": 1.0}) != titlerank.score(model, {})
