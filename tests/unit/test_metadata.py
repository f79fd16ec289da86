"""Metadata on small HTML snippets: title, authors, dates, language, provenance."""

from __future__ import annotations

import json

import pytest

from stripper.dom import build_tree
from stripper.metadata import extract_metadata
from stripper.metadata.authors import clean_name, split_names, structured_names

HEADLINE = "Kazakhstan, or how for Russia every crisis is an opportunity"

# A WordPress/JNews-like article: header "today" stamp, a placeholder author
# account, a dateline, and the real author's name as the first body paragraph.
BODY = """<body>
<div class="jeg_topbar"><div class="jeg_top_date">{today}</div></div>
<nav><ul><li><a href="/">Frontpage</a></li><li><a href="/news">News</a></li></ul></nav>
<div class="jeg_inner_content"><div class="entry-header">
  <h1 class="jeg_post_title">{headline}</h1>
  <div class="jeg_meta_container"><div class="jeg_post_meta">
    <div class="jeg_meta_author">{by} <a href="/author/redaccion/">Redacción</a></div>
    <div class="jeg_meta_date"><a href="/kazakhstan/">{dateline}</a></div>
    <div class="jeg_meta_category"><span>in <a href="/c/">Uncategorized</a></span></div>
  </div></div>
</div>
<div class="jeg_share_top_container"><a href="#">Share on Facebook</a></div>
<div class="entry-content"><div class="content-inner">
<p><strong>Mira Milosevich-Juaristi</strong></p>
<p>Senior Researcher for Russia and Eurasia, Elcano Royal Institute</p>
<p>{para}</p><p>{para}</p>
</div></div></div>
<div class="widget"><table id="wp-calendar"><caption>{calendar}</caption></table></div>
<footer><p>© 2026 thediplomatinspain</p></footer>
</body>"""
PARA = ("The riots that have erupted in Kazakhstan over the rise in liquefied gas prices "
        "have turned into a tidal wave of anti-government protests, on January 5, 2022.")


def _page(head: str, *, by: str, dateline: str, lang: str, today: str, calendar: str) -> str:
    body = BODY.format(headline=HEADLINE, by=by, dateline=dateline, today=today, para=PARA,
                       calendar=calendar)
    return f"<!doctype html><html lang='{lang}'><head>{head}</head>{body}</html>"


def _ld() -> str:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "@id": "https://x.example/k/#webpage", "name": "ignored page",
         "datePublished": "2022-01-12T00:00:00+00:00"},
        {"@type": "NewsArticle", "@id": "https://x.example/k/#article",
         "headline": HEADLINE, "datePublished": "2022-01-13T09:30:00+01:00",
         "dateModified": "2022-01-14T08:00:00+01:00",
         "author": [{"@id": "https://x.example/#/person/1"}]},
        {"@type": "Person", "@id": "https://x.example/#/person/1", "name": "Redacción"},
    ]}
    return f'<script type="application/ld+json">{json.dumps(graph)}</script>'


ENGLISH = _page(
    f"<title>{HEADLINE} - thediplomatinspain</title>"
    f'<meta property="og:title" content="{HEADLINE} - thediplomatinspain">'
    '<meta property="og:site_name" content="thediplomatinspain">'
    '<meta property="og:locale" content="en_US">' + _ld(),
    by="by", dateline="13 de January de 2022", lang="en-US",
    today="Saturday, February 7, 2026", calendar="February 2026")
SPANISH = _page(
    f"<title>{HEADLINE} | thediplomatinspain</title>"
    f'<meta property="og:title" content="{HEADLINE}">'
    '<meta name="author" content="Redacción">',
    by="por", dateline="13 de enero de 2022", lang="es-ES",
    today="sábado, 7 de febrero de 2026", calendar="febrero 2026")
BARE = _page(
    f"<title>{HEADLINE} – thediplomatinspain</title>",
    by="", dateline="13 de January de 2022", lang="en",
    today="Saturday, February 7, 2026", calendar="February 2026")


@pytest.mark.parametrize("html", [ENGLISH, SPANISH, BARE], ids=["en-json-ld", "es-meta", "bare"])
def test_seed_like_article(html: str) -> None:
    m = extract_metadata(build_tree(html), "https://x.example/kazakhstan-crisis/",
                         page_type="article")
    assert m.title == HEADLINE
    assert m.authors == ("Mira Milosevich-Juaristi",)
    assert m.date == "2022-01-13"
    assert m.sources["title"].origin == "h1"
    # the placeholder lost, and says so for --explain
    assert any(d.node == "author" for d in m.candidates) or m.sources["author"].origin \
        == "body-byline"


def test_structured_sources_are_recorded() -> None:
    m = extract_metadata(build_tree(ENGLISH), None, page_type="article")
    assert m.sources["date"].origin == "json-ld:datePublished"
    assert m.sources["date"].raw == "2022-01-13T09:30:00+01:00"
    assert m.date_modified == "2022-01-14"
    assert m.language == "en"
    assert m.sitename == "thediplomatinspain"


def test_spanish_dateline_is_visible_source() -> None:
    m = extract_metadata(build_tree(SPANISH), None, page_type="article")
    assert m.sources["date"].origin in ("visible", "time")
    assert m.language == "es"


def test_graph_author_reference_and_arrays() -> None:
    ld = {"@graph": [
        {"@type": "BlogPosting", "headline": "A post", "datePublished": "2021-05-04",
         "author": [{"@id": "#a"}, {"@id": "#b"}]},
        {"@type": "Person", "@id": "#a", "name": "Ana Pérez"},
        {"@type": "Person", "@id": "#b", "name": "John Smith"},
    ]}
    html = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script>'
            "</head><body><h1>A post</h1><p>text</p></body></html>")
    m = extract_metadata(build_tree(html), None, page_type="article")
    assert m.authors == ("Ana Pérez", "John Smith")
    assert m.author == "Ana Pérez; John Smith"
    assert m.date == "2021-05-04"


def test_title_site_suffix_stripped_when_no_h1() -> None:
    html = ('<html><head><title>How to grow tomatoes | Garden Weekly</title>'
            '<meta property="og:site_name" content="Garden Weekly"></head>'
            "<body><p>No heading here.</p></body></html>")
    m = extract_metadata(build_tree(html), "https://gardenweekly.example/t")
    assert m.title == "How to grow tomatoes"
    assert m.sources["title"].origin == "title"


def test_logo_h1_is_not_the_headline() -> None:
    html = ('<html><head><title>Ten ways to bake bread - Crumbs</title></head><body>'
            '<header><h1><a href="/">Crumbs</a></h1></header>'
            "<article><h2>Ten ways to bake bread</h2><p>Knead.</p></article></body></html>")
    m = extract_metadata(build_tree(html), "https://crumbs.example/bread")
    assert m.title == "Ten ways to bake bread"


@pytest.mark.parametrize("raw", ["Redacción", "Editorial Staff", "admin", "Newsroom",
                                 "info@example.com", "https://x.example/u/1", "Updated 3 min ago",
                                 "13 de enero de 2022", "@handle", "Share on Facebook"])
def test_not_a_name(raw: str) -> None:
    assert clean_name(raw) is None


@pytest.mark.parametrize(("raw", "names"), [
    ("By Jane Doe", ("Jane Doe",)),
    ("Por María José García y Luis Gómez", ("María José García", "Luis Gómez")),
    ("Von Hans Müller", ("Hans Müller",)),
    ("Par Jean-Luc Picard", ("Jean-Luc Picard",)),
    ("Di Mario Rossi", ("Mario Rossi",)),
    ("Autor: João Silva", ("João Silva",)),
    ("By Jane Doe, Senior Editor", ("Jane Doe",)),
    ("Written by Meghan Neville Content Marketing Coordinator", ("Meghan Neville",)),
    ("Dakota Hebert July 3, 2025", ("Dakota Hebert",)),
    ("By Tom May", ("Tom May",)),
    ("By the Lavazza Team 2–3 minutes", ("the Lavazza Team",)),
    ("Home » News » Technology", ()),
])
def test_visible_bylines(raw: str, names: tuple[str, ...]) -> None:
    assert split_names(raw) == names


@pytest.mark.parametrize(("raw", "names"), [
    ("Dylan Bailey, MS, RD, FAND", ("Dylan Bailey, MS, RD, FAND",)),
    ("Ana Pérez, John Smith", ("Ana Pérez", "John Smith")),
    ("Ana Pérez and John Smith", ("Ana Pérez", "John Smith")),
    ("kirstin boatto", ("kirstin boatto",)),
    ('"David Kim"', ("David Kim",)),
    ("Redacción", ()),
    ("page.head.extra.author", ()),
    ("https://facebook.com/someone", ()),
])
def test_structured_names(raw: str, names: tuple[str, ...]) -> None:
    assert structured_names(raw) == names


def test_listing_pages_get_no_date_or_author() -> None:
    html = ('<html><head><meta name="author" content="Jane Doe">'
            '<meta property="article:published_time" content="2022-01-13"></head>'
            "<body><h1>Latest news</h1><ul><li>a</li></ul></body></html>")
    m = extract_metadata(build_tree(html), None, page_type="listing")
    assert m.date is None and m.authors == ()
    assert {d.verdict for d in m.candidates if d.node in ("date", "author")} == {"page-type"}
    m2 = extract_metadata(build_tree(html), None, page_type="article")
    assert m2.date == "2022-01-13" and m2.authors == ("Jane Doe",)


def test_future_and_old_visible_dates_rejected() -> None:
    html = ("<html><body><h1>Story title here</h1><div class='date'>January 13, 2999</div>"
            "<p>Text.</p></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").date is None
    html = html.replace("2999", "1990")
    assert extract_metadata(build_tree(html), None, page_type="article").date is None


def test_comment_dates_never_count() -> None:
    html = ("<html><body><article><h1>Story title here</h1><p>Body text.</p>"
            "<div class='comments'><div class='comment-date'>March 3, 2021</div></div>"
            "</article></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").date is None


def test_url_date() -> None:
    html = "<html><body><h1>Story</h1></body></html>"
    m = extract_metadata(build_tree(html), "https://n.example/2022/01/13/story/",
                         page_type="article")
    assert m.date == "2022-01-13" and m.sources["date"].origin == "url"


def test_inline_byline_after_a_date() -> None:
    html = ("<html><body><h1>Le lavoir retrouve son toit</h1>"
            "<p class='signature'>Publié le 3 février 2009 par Jean-Luc Moreau</p>"
            "<p>Texte.</p></body></html>")
    m = extract_metadata(build_tree(html), None, page_type="article")
    assert m.authors == ("Jean-Luc Moreau",)
    assert m.date == "2009-02-03"


FRENCH = ("Il aura fallu deux ans et une quarantaine de bénévoles pour que le lavoir de la "
          "commune retrouve son toit. Les travaux ont été menés par les membres de "
          "l'association, avec le soutien de la mairie et des habitants du village. ") * 3


def test_language_from_content_when_undeclared() -> None:
    html = f"<html><body><h1>Le lavoir</h1><p>{FRENCH}</p></body></html>"
    m = extract_metadata(build_tree(html), None)
    assert m.language == "fr" and m.sources["language"].origin == "content"


def test_content_lang_attribute_beats_html_lang_when_text_agrees() -> None:
    english = ("The riots that have erupted over the rise in gas prices have turned into a "
               "wave of protests, and the government is in trouble with the people. ") * 4
    html = (f"<html lang='es'><body><h1>Kazakhstan</h1><div lang='en'><p>{english}</p>"
            "</div></body></html>")
    m = extract_metadata(build_tree(html), None)
    assert m.language == "en"
    assert any(d.node == "language" and d.rule == "html-lang" for d in m.candidates)


def test_webpage_date_is_not_the_article_date() -> None:
    ld = {"@graph": [{"@type": "WebPage", "datePublished": "2020-01-01"}]}
    html = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script>'
            "</head><body><h1>Our services</h1><p>We fix roofs.</p></body></html>")
    m = extract_metadata(build_tree(html), None, page_type="article")
    assert m.date is None


def test_url_local_day_beats_utc_stamp_one_day_off() -> None:
    html = ('<html><head><meta property="article:published_time" '
            'content="2025-12-19T02:41:41+00:00"></head><body><h1>Story</h1></body></html>')
    m = extract_metadata(build_tree(html), "https://blog.example/2025/12/18/story/",
                         page_type="article")
    assert m.date == "2025-12-18" and m.sources["date"].origin == "url"


def test_page_wide_dateline_outside_chrome() -> None:
    html = ("<html><body><header><nav><a href='/'>Home</a></nav>"
            "<div class='top'>Saturday, February 7, 2026</div></header>"
            "<main><div class='hero'><h1>A long story</h1></div>"
            "<div class='content'><p>" + "Words of the story here. " * 30 + "</p></div>"
            "<div class='meta'><span>Published on July 18, 2025</span></div></main>"
            "</body></html>")
    m = extract_metadata(build_tree(html), None, page_type="article")
    assert m.date == "2025-07-18"


def test_updated_only_date_dates_the_page() -> None:
    html = ("<html><body><h1>Best tax software</h1><p class='byline'>By Jane Roe "
            "Updated on July 9, 2025</p><p>Text.</p></body></html>")
    m = extract_metadata(build_tree(html), None, page_type="article")
    assert m.date == "2025-07-09" and m.date_modified == "2025-07-09"
    assert m.authors == ("Jane Roe",)


def test_forum_thread_starter() -> None:
    html = ("<html><body><header><a href='/u/admin'>admin</a></header>"
            "<h1>How do I fix my pool?</h1>"
            "<div class='post'><a class='username' href='/members/kestrel.12/'>kestrel_nas</a>"
            "<p>My pool is degraded.</p></div>"
            "<div class='post'><a class='username' href='/members/bob.3/'>bob</a>"
            "<p>Replace the disk.</p></div></body></html>")
    m = extract_metadata(build_tree(html), "https://forum.example/threads/pool.9/",
                         page_type="forum")
    assert m.authors == ("kestrel_nas",)
    assert m.sources["author"].origin == "forum-user"


def test_page_type_gate_needs_confident_scores() -> None:
    html = ('<html><head><meta name="author" content="Jane Doe">'
            '<meta property="article:published_time" content="2022-01-13"></head>'
            "<body><h1>Latest news</h1></body></html>")
    unsure = {"listing": 0.41, "article": 0.36, "service": 0.06, "forum": 0.17}
    sure = {"listing": 0.9, "article": 0.1}
    m = extract_metadata(build_tree(html), None, page_type="listing", page_type_scores=unsure)
    assert m.date == "2022-01-13" and m.authors == ("Jane Doe",)
    m = extract_metadata(build_tree(html), None, page_type="listing", page_type_scores=sure)
    assert m.date is None and m.authors == ()


LONG_BODY = "<p>" + "Words of the story here, and more of them. " * 30 + "</p>"


def test_author_card_after_the_article() -> None:
    html = ("<html><body><header><div class='author'>Site Owner</div></header>"
            f"<main><h1>A long story</h1>{LONG_BODY * 3}"
            "<div class='author-box'><h4 class='author-box__name'>Liz Kenny</h4>"
            "<p>Liz Kenny writes about consulting and has done so for many years, "
            "for many clients, in many countries.</p></div></main></body></html>")
    m = extract_metadata(build_tree(html), None, page_type="article")
    assert m.authors == ("Liz Kenny",) and m.sources["author"].origin == "page-byline"


def test_author_bio_is_not_a_name() -> None:
    html = (f"<html><body><main><h1>A long story</h1>{LONG_BODY * 3}"
            "<div class='author-bio'>Jane writes about plants and gardens.</div>"
            "</main></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").authors == ()


def test_written_by_line_anywhere_outside_chrome() -> None:
    body = (f"<main><h1>A long story</h1>{LONG_BODY * 3}"
            "<p>Written by <a href='/about'>John Crenshaw</a></p></main>")
    m = extract_metadata(build_tree(f"<html><body>{body}</body></html>"), None,
                         page_type="article")
    assert m.authors == ("John Crenshaw",)
    in_footer = body.replace("<main>", "<footer>").replace("</main>", "</footer>")
    m = extract_metadata(build_tree(f"<html><body>{in_footer}</body></html>"), None,
                         page_type="article")
    assert m.authors == ()


def test_credit_with_a_year_is_not_a_byline() -> None:
    html = (f"<html><body><main><h1>The Fold-and-Cut Problem</h1>{LONG_BODY * 3}"
            "<p>by Kan Chu Sen, 1721.</p></main></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").authors == ()


@pytest.mark.parametrize(("meta", "authors"), [("News Desk", ("News Desk",)),
                                               ("Staff", ("Staff",)), ("admin", ())])
def test_desk_placeholder_is_the_author_when_nobody_else_is_named(
        meta: str, authors: tuple[str, ...]) -> None:
    html = (f'<html><head><meta name="author" content="{meta}"></head>'
            "<body><h1>Critics' choice</h1><p>Text.</p></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").authors == authors
    byline = html.replace("<p>Text.", "<p class='byline'>By Jane Roe</p><p>Text.")
    assert extract_metadata(build_tree(byline), None, page_type="article").authors == \
        ("Jane Roe",)


def test_labelled_dateline_may_be_longer_than_its_date() -> None:
    html = (f"<html><body><div><h1>Rust GCC backend</h1>{LONG_BODY * 3}"
            "<div>Posted on the 15/12/2025 at 19:00 by</div></div></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").date == "2025-12-15"
    unlabelled = html.replace("Posted on the", "Seen on the")
    assert extract_metadata(build_tree(unlabelled), None, page_type="article").date is None


def test_quoted_post_date_is_not_the_page_date() -> None:
    html = (f"<html><body><div><h1>The Programming Language Death Spiral</h1>{LONG_BODY * 3}"
            "<blockquote class='twitter-tweet'><p>So true</p>"
            "<a href='/status/1'>November 20, 2025</a></blockquote></div></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").date is None


@pytest.mark.parametrize(("byline", "authors"), [
    ("By Aoife O'Riordan", ("Aoife O'Riordan",)),  # the writer, not the posting account
    ("Reviewed by Aoife O'Riordan", ("KatieS",)),  # a reviewer is not the writer
    ("By KatieS Senior Editor", ("KatieS",)),  # the same person, shown with a role
])
def test_visible_writer_beats_a_different_structured_author(
        byline: str, authors: tuple[str, ...]) -> None:
    ld = {"@type": "Article", "headline": "Kerry walks", "author": {"name": "KatieS"}}
    html = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script>'
            f"</head><body><h1>Kerry walks</h1><p class='meta'>{byline}</p>"
            "<p>Text.</p></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").authors == authors


@pytest.mark.parametrize(("shown", "iso"), [
    ("August 25, 2024", "2024-08-25"),  # shown well before the stamp: first published then
    ("June 23, 2025", "2025-06-24"),  # a day before: a time-zone shift, the stamp stands
    ("July 1, 2025", "2025-06-24"),  # after the stamp: an update, the stamp stands
])
def test_dateline_well_before_a_restamped_structured_date(shown: str, iso: str) -> None:
    # (a JSON-LD date gives way to any other date shown next to the headline: below)
    html = ('<html><head><meta property="article:published_time" '
            'content="2025-06-24T10:00:00Z">'
            f"</head><body><h1>Nine ways</h1><p class='date'>{shown}</p>"
            "<p>Text.</p></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").date == iso


def test_thread_dates_read_past_edit_notes_and_profile_labels() -> None:
    html = ("<html><body><h1>SMF vs MyBB?</h1>"
            "<div class='post'><dl class='postprofile'><dd><strong>Joined:</strong> "
            "Dec 11, 2021</dd></dl><p class='author'>» Tue Aug 27, 2019 1:47 am</p>"
            "<p>First post.</p></div></body></html>")
    m = extract_metadata(build_tree(html), None, page_type="article")
    assert m.date == "2019-08-27"
    html = ("<html><body><h1>SMF vs MyBB?</h1><div class='post'>"
            "<span class='post_date'>2019-02-23, 09:14 PM <span class='edited'>(This post was "
            "last modified: 2024-01-05, 03:27 AM by someone who edits posts.)</span></span>"
            "<p>First post.</p></div><div class='post'><span class='post_date'>2019-02-24, "
            "02:31 AM</span><p>Reply.</p></div></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="forum").date == "2019-02-23"


@pytest.mark.parametrize(("posted", "iso"), [
    ("2026-02-15 03:05:48", "2026-02-14"),  # a day off the shown first post: UTC
    ("2026-02-18 03:05:48", "2026-02-18"),  # days apart: the structured date stays
])
def test_thread_shows_its_first_post_in_local_time(posted: str, iso: str) -> None:
    ld = {"@type": "DiscussionForumPosting", "headline": "Encoder settings",
          "datePublished": posted}
    html = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script>'
            "</head><body><h1>Encoder settings</h1><div class='post'>"
            "<div class='post-date'>Feb 14, 2026 | 9:05 pm</div>"
            f"<p>{'Question text. ' * 40}</p></div></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="forum").date == iso


def test_citation_with_numbers_is_not_a_dateline() -> None:
    html = (f"<html><body><main><h1>The Fold-and-Cut Problem</h1>{LONG_BODY * 3}"
            "<p><i>Science</i>, volume 162, number 22, November 30, 2002.</p></main></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").date is None


@pytest.mark.parametrize("post", [
    "<div class='postleft'><dl><dt><strong>chunix64</strong></dt></dl></div>",  # FluxBB
    "<dl class='postprofile'><dt><a href='/memberlist.php?u=5'>chunix64</a></dt></dl>",  # phpBB
])
def test_thread_starter_from_board_post_boxes(post: str) -> None:
    html = ("<html><body><h1>What happened with the ISO?</h1>"
            f"<div class='post'>{post}<p>My question.</p></div>"
            f"<div class='post'>{post.replace('chunix64', 'helper_bee')}<p>Answer.</p></div>"
            "</body></html>")
    m = extract_metadata(build_tree(html), "https://bbs.example/viewtopic.php?id=30",
                         page_type="forum")
    assert m.authors == ("chunix64",)


@pytest.mark.parametrize("text", ["Written By", "Sat", "Lost Password?"])
def test_labels_and_weekdays_are_not_names(text: str) -> None:
    html = (f"<html><body><h1>Story title</h1><div class='author'>{text}</div>"
            "<p>But guess what? It rained.</p></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").authors == ()


def test_widget_column_holding_the_headline_is_the_main_column() -> None:
    # a theme class names the main column a "widget"; the first post's date is in it
    post = ("<article class='post-box'><p>" + "A question about catering tips. " * 20 +
            "</p><div class='post-meta'><time datetime='2005-07-10T00:57:00' "
            "class='datetime'>7/9/05 7:57 PM</time></div></article>")
    html = (f"<html><body><div class='main-column widget-manage-opacity'>"
            f"<div class='title'><h1>Catering tips</h1>{LONG_BODY * 3}</div>{post}</div>"
            "<div class='widget recent'><time datetime='2025-12-09'>12/9/25</time></div>"
            "</body></html>")
    assert extract_metadata(build_tree(html), None, page_type="forum").date == "2005-07-10"
    no_h1 = html.replace("<h1>Catering tips</h1>", "")
    assert extract_metadata(build_tree(no_h1), None, page_type="forum").date is None


@pytest.mark.parametrize(("label", "iso"), [
    ("<h4>Published</h4>", "2018-11-15"),  # the page's own publication date
    ("<h4>Published on</h4>", "2018-11-15"),
    ("<h4>Event date</h4>", None),  # a sidebar date labelled otherwise is not the page's
    ("", None),
])
def test_published_date_in_the_article_sidebar(label: str, iso: str | None) -> None:
    html = (f"<html><body><article><h1>Small business guide</h1>{LONG_BODY * 3}"
            f"<aside class='details'><div>{label}<time datetime='2018-11-15T12:00:00Z'>"
            "15 November 2018</time></div></aside></article></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").date == iso


def test_updated_line_near_the_headline_beats_a_page_wide_date() -> None:
    html = (f"<html><body><div class='hero'><h1>Video production</h1>"
            "<div class='pillar-update'><div>Updated on</div>"
            "<div class='the-updated-at'>April 19, 2025</div></div>"
            f"</div><div class='content'>{LONG_BODY * 3}"
            "<span class='card-date'>Aug 01, 2024</span></div></body></html>")
    m = extract_metadata(build_tree(html), None, page_type="article")
    assert m.date == "2025-04-19"


def test_page_wide_updated_element_dates_a_page_with_no_other_date() -> None:
    html = (f"<html><body><div class='top'><h1>Gaming laptops</h1>{LONG_BODY * 3}</div>"
            "<div class='side-nav'><a href='#a'>Best overall</a></div>"
            f"<div class='byline'><p>Written by Ann Lee</p>"
            "<p class='byline__pub-dates'>Updated March 13, 2024</p></div>"
            "</body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").date == "2024-03-13"


def _ld_article(published: str) -> str:
    ld = {"@context": "https://schema.org", "@type": "Article", "headline": "Best laptops",
          "datePublished": published}
    return f'<script type="application/ld+json">{json.dumps(ld)}</script>'


@pytest.mark.parametrize(("head", "shown", "iso"), [
    # the date shown next to the headline beats a JSON-LD date shown nowhere
    (_ld_article("2020-05-13T20:03:25+00:00"), "Updated: January 2, 2025", "2025-01-02"),
    (_ld_article("2020-05-13T20:03:25+00:00"), "By Ann Lee · Mar 5, 2025", "2025-03-05"),
    # ... unless the page shows the JSON-LD date too, in either numeric order
    (_ld_article("2020-05-13T20:03:25+00:00"),
     "May 13, 2020 · Updated: January 2, 2025", "2020-05-13"),
    (_ld_article("2024-09-10T16:07:00Z"), "By Block Renovation 09.10.2024", "2024-09-10"),
    # meta dates keep their rank
    ('<meta property="article:published_time" content="2020-05-13T20:03:25+00:00">',
     "Updated: January 2, 2025", "2020-05-13"),
    # a JSON-LD date that article:published_time confirms beats an "Updated" line...
    (_ld_article("2020-05-13T20:03:25+00:00") +
     '<meta property="article:published_time" content="2020-05-13T20:03:25Z">',
     "By Ann Lee Updated on January 2, 2025", "2020-05-13"),
    # ... but not an unlabelled date, and not when the two declarations disagree
    (_ld_article("2020-05-13T20:03:25+00:00") +
     '<meta property="article:published_time" content="2020-05-13T20:03:25Z">',
     "By Ann Lee · January 2, 2025", "2025-01-02"),
    (_ld_article("2020-05-13T20:03:25+00:00") +
     '<meta property="article:published_time" content="2019-03-01T10:00:00Z">',
     "By Ann Lee Updated on January 2, 2025", "2025-01-02"),
])
def test_shown_date_beats_an_unshown_json_ld_date(head: str, shown: str, iso: str) -> None:
    html = (f"<html><head>{head}</head><body><div class='hero'><h1>Best laptops</h1>"
            f"<p class='meta'>{shown}</p></div>{LONG_BODY * 3}</body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").date == iso


@pytest.mark.parametrize(("scores", "iso"), [
    ({"documentation": 0.95, "article": 0.05}, None),  # a sure docs page: no date
    ({"documentation": 0.65, "article": 0.35}, "2025-11-19"),  # unsure: the date stays
])
def test_declared_article_does_not_date_a_sure_docs_page(
        scores: dict[str, float], iso: str | None) -> None:
    # docs generators stamp every page with a TechArticle and its build date
    ld = {"@type": "TechArticle", "headline": "Resource blocks",
          "datePublished": "2025-11-19T13:27:46.000Z", "author": {"name": "Jane Doe"}}
    html = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script>'
            f"</head><body><h1>Resource blocks</h1>{LONG_BODY}</body></html>")
    m = extract_metadata(build_tree(html), None, page_type="documentation",
                         page_type_scores=scores)
    assert m.date == iso
    assert m.authors == ("Jane Doe",)  # authors keep the declared article's bypass


def test_shown_date_beats_an_unshown_microdata_date() -> None:
    html = ("<html><body><article itemscope itemtype='https://schema.org/BlogPosting'>"
            "<meta itemprop='datePublished' content='2024-05-09 00:00:00 +0000'>"
            "<div class='header'><h1 itemprop='headline'>State of SEO</h1>"
            f"<div class='author'>16 December 2025 by Sam Lee</div></div>{LONG_BODY * 3}"
            "</article></body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").date == "2025-12-16"


def test_faq_questions_do_not_make_an_article_a_thread() -> None:
    ld = {"@type": "Article", "headline": "Movers in New York",
          "datePublished": "2025-06-23T18:44:33+00:00"}
    faq = ("<div itemscope itemtype='https://schema.org/FAQPage'>"
           "<div itemscope itemprop='mainEntity' itemtype='https://schema.org/Question'>"
           "<h3 itemprop='name'>How much do movers cost?</h3></div></div>")
    html = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script>'
            "</head><body><div class='hero'><h1>Movers in New York</h1>"
            "<div class='author-date'>Friday, December 19, 2025</div></div>"
            f"{LONG_BODY * 3}{faq}</body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").date == "2025-12-19"


def test_dateline_next_to_a_headline_nested_in_builder_boxes() -> None:
    ld = {"@type": "Article", "headline": "Photography trends",
          "datePublished": "2025-01-29T20:47:55+00:00"}
    nested = "<div class='box'>" * 5 + "<h1>Photography trends</h1>" + "</div>" * 4
    html = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script>'
            f"</head><body>{nested}<div class='box'><span class='post-info'>"
            f"August 19, 2025</span></div></div>{LONG_BODY * 3}</body></html>")
    assert extract_metadata(build_tree(html), None, page_type="article").date == "2025-08-19"


def test_board_post_dates_in_table_cells_date_a_thread_only() -> None:
    post = ("<table class='tborder'><tr><td class='thead'><img alt='Old'>"
            "30th March 2025, 16:26</td></tr><tr><td class='alt1'>" + "Question text. " * 40 +
            "</td></tr></table>")
    html = (f"<html><body><div class='top'><h1>Encoder settings</h1>{LONG_BODY * 3}</div>"
            f"{post}</body></html>")
    assert extract_metadata(build_tree(html), None, page_type="forum").date == "2025-03-30"
    assert extract_metadata(build_tree(html), None, page_type="article").date is None
