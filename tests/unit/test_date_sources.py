"""Date sources and the page-type gate, on small pages written for these tests."""

from __future__ import annotations

import dataclasses
import json

from stripper.dom import build_tree
from stripper.metadata import extract_metadata
from stripper.options import DEFAULT_OPTIONS

STORY = "Words of the story here, one sentence after another. " * 20


def _ld(obj: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


PUBDATE = (
    "<html><head>" + _ld({"@type": "BlogPosting", "headline": "Free tools for shops",
                          "datePublished": "2025-11-29"}) + "</head><body>"
    "<main><div class='hero'><h1>Free tools for shops</h1></div>"
    f"<div class='content'><p>{STORY}</p><p>{STORY}</p><p>{STORY}</p><p>{STORY}</p></div>"
    "<div class='article-body__published'>Published "
    "<time pubdate datetime='2025-08-13'>August 13, 2025</time></div>"
    "<div class='comments'><div class='comment'><time pubdate datetime='2025-09-01'>"
    "September 1, 2025</time><p>Nice.</p></div></div></main></body></html>")


def test_time_pubdate_far_from_headline_is_the_shown_date() -> None:
    m = extract_metadata(build_tree(PUBDATE), None, page_type="article")
    assert m.date == "2025-08-13"
    assert m.sources["date"].origin == "time:pubdate"
    assert any(d.node == "date" and d.rule == "json-ld:datePublished" for d in m.candidates)


def test_time_pubdate_of_a_teaser_article_is_not_the_page_date() -> None:
    teaser = PUBDATE.replace(
        "<div class='article-body__published'>",
        "<article class='card'><h2>More tools</h2><time pubdate datetime='2025-10-02'>"
        "October 2, 2025</time></article><div class='article-body__published'>")
    m = extract_metadata(build_tree(teaser), None, page_type="article")
    assert m.date == "2025-08-13"
    only_teaser = teaser.replace("<time pubdate datetime='2025-08-13'>", "<time>")
    m = extract_metadata(build_tree(only_teaser), None, page_type="article")
    assert m.date == "2025-11-29"


def test_time_pubdate_in_comments_and_option_off() -> None:
    in_comment = PUBDATE.replace("<time pubdate datetime='2025-08-13'>", "<time>")
    m = extract_metadata(build_tree(in_comment), None, page_type="article")
    assert m.date == "2025-11-29"  # the comment's <time pubdate> dates the comment
    off = dataclasses.replace(DEFAULT_OPTIONS.metadata, time_pubdate=False)
    assert extract_metadata(build_tree(PUBDATE), None, off, page_type="article").date \
        == "2025-11-29"


PAPER = ("<html><head><meta name='citation_title' content='Grounded answers'>"
         "<meta name='citation_date' content='2025/12/18'>"
         "<meta property='article:published_time' content='2025-12-20'></head><body>"
         "<h1>Grounded answers</h1><ul>" +
         "".join(f"<li><a href='/v{i}'>Version {i}</a></li>" for i in range(8)) +
         "</ul></body></html>")


def test_authored_date_passes_the_page_type_gate() -> None:
    sure = {"listing": 0.9, "article": 0.1}
    m = extract_metadata(build_tree(PAPER), None, page_type="listing", page_type_scores=sure)
    assert m.date == "2025-12-18" and m.sources["date"].origin == "meta:citation_date"
    gated = [d for d in m.candidates if d.node == "date" and d.verdict == "page-type"]
    assert [d.rule for d in gated] == ["meta:article:published_time"]
    teaser = PAPER.replace("<ul>", "<p class='date'>March 3, 2024</p><ul>")
    m = extract_metadata(build_tree(teaser), None, page_type="listing", page_type_scores=sure)
    assert m.date == "2025-12-18"  # a date shown on a gated page never overrides it
    assert extract_metadata(build_tree(teaser), None, page_type="article").date \
        == "2024-03-03"
    plain = PAPER.replace("citation_date", "dc.date")
    m = extract_metadata(build_tree(plain), None, page_type="listing", page_type_scores=sure)
    assert m.date is None
    docs = PAPER.replace("citation_date", "ms.date").replace("2025/12/18", "03/06/2025")
    m = extract_metadata(build_tree(docs), None, page_type="documentation",
                         page_type_scores={"documentation": 0.9, "article": 0.1})
    assert m.date == "2025-03-06" and m.sources["date"].origin == "meta:ms.date"
    off = dataclasses.replace(DEFAULT_OPTIONS.metadata, authored_dates_ungated=False)
    assert extract_metadata(build_tree(PAPER), None, off, page_type="listing",
                            page_type_scores=sure).date is None


def test_json_ld_written_as_a_meta_tag() -> None:
    ld = json.dumps({"@type": "Article", "headline": "Full EV cars",
                     "datePublished": "2025-11-17T09:00:00-05:00"})
    html = ("<html><head><meta name='script:ld+json' content='" +
            ld.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&quot;") +
            "'></head><body><h1>Full EV cars</h1><p>Text.</p></body></html>")
    m = extract_metadata(build_tree(html), None, page_type="article")
    assert m.date == "2025-11-17" and m.sources["date"].origin == "json-ld:datePublished"
    other = html.replace("script:ld+json", "description")
    assert extract_metadata(build_tree(other), None, page_type="article").date is None


def test_publication_date_attribute_on_body() -> None:
    html = ("<html><head></head><body class='guide' data-pubdate='2022-10-05' "
            "data-lastmod='2025-12-02'><h1>Beginner's guide</h1><p>Text.</p></body></html>")
    m = extract_metadata(build_tree(html), None, page_type="article")
    assert m.date == "2022-10-05" and m.sources["date"].origin == "attr:data-pubdate"
    inner = html.replace("<h1>", "<div data-pubdate='2021-01-01'></div><h1>").replace(
        " data-pubdate='2022-10-05'", "")
    assert extract_metadata(build_tree(inner), None, page_type="article").date is None
