"""Article pages: the story stays, the teaser cards that follow it go.

Snippets are written for these tests, modelled on how blog themes and shop blogs
end a post (a "more from the blog" strip of cards, footnotes, a roundup's items).
"""

from __future__ import annotations

import dataclasses

from stripper import extract
from stripper.options import DEFAULT_OPTIONS

PARAS = (
    ("Setting the monitor at arm's length with its top edge at eye level keeps the neck "
     "neutral, and a keyboard at elbow height lets the shoulders drop while typing."),
    ("A chair whose seat tilts slightly forward opens the hips; feet should rest flat on "
     "the floor or on a footrest, never dangle from a seat that is set too high."),
    ("Cables gathered in a tray under the desktop keep the floor clear and stop the "
     "laptop charger from pulling the machine off the edge when someone walks past."),
    ("A second screen belongs beside the first at the same height, angled inwards, so "
     "that turning the head between them is a small and even movement every time."),
    ("Standing for part of the day helps only when the desk rises to elbow height; a "
     "desk that stops short forces the wrists up and undoes the benefit within weeks."),
)


def _card(n: int, excerpt: str, *, dated: bool = True) -> str:
    date = f"<span>Feb {n}, 2026</span>" if dated else ""
    return (f'<div class="article-item"><h3 class="article-item__title">'
            f'<a href="/blogs/news/post-{n}">A guide to choosing a desk lamp, part {n}</a></h3>'
            f'<p>Part {n}: {excerpt}</p>{date}</div>')


def _page(cards: str, after: str = "") -> str:
    return f"""<html><head><title>How to set up your desk</title>
<meta property="og:type" content="article"></head><body>
<main><article><h1>How to set up your desk</h1><p>{PARAS[0]}</p><p>{PARAS[1]}</p>
<p>{PARAS[2]}</p><p>{PARAS[3]}</p><p>{PARAS[4]}</p>
</article><section class="blog-strip"><h2>From the blog</h2>
<div class="swiper-wrapper">{cards}</div></section>{after}</main></body></html>"""


TEASER = ("Light that falls from the side rather than from behind the screen avoids glare "
          "and tired eyes by the end of the afternoon.")
URL = "https://shop.example.com/blogs/news/desk-setup"


def test_teaser_cards_after_the_article_go() -> None:
    html = _page("".join(_card(n, TEASER) for n in range(1, 4)))
    record = extract(html, url=URL)
    assert all(p in record.body for p in PARAS)
    assert "Light that falls" not in record.body
    assert "From the blog" not in record.body
    off = dataclasses.replace(DEFAULT_OPTIONS, select=dataclasses.replace(
        DEFAULT_OPTIONS.select, trailing_teaser_types=()))
    assert "Light that falls" in extract(html, url=URL, options=off).body


def test_a_roundup_whose_cards_hold_most_of_the_text_keeps_them() -> None:
    long_excerpt = " ".join([TEASER] + list(PARAS))
    html = _page("".join(_card(n, long_excerpt, dated=False) for n in range(1, 5)))
    record = extract(html, url=URL)
    assert record.body.count("Light that falls") >= 4


def test_a_dated_feed_after_the_article_goes_however_long_its_excerpts() -> None:
    # "latest stories" strips carry a date per card; a roundup's items do not
    long_excerpt = " ".join([TEASER] + list(PARAS))
    html = _page("".join(_card(n, long_excerpt) for n in range(1, 5)))
    record = extract(html, url=URL)
    assert "Light that falls" not in record.body
    assert all(p in record.body for p in PARAS)


def test_footnotes_after_the_article_stay() -> None:
    notes = "".join(
        f'<li class="footnote"><a href="#ref-{n}">{n}</a> <p>Smith, J. and Lee, K., '
        f'"Posture at the desk", Journal of Ergonomics {n}, 2019.</p></li>'
        for n in range(1, 5))
    html = _page("", after=f'<div class="footnotes"><ol>{notes}</ol></div>')
    record = extract(html, url=URL)
    assert "Posture at the desk" in record.body


def test_tooltip_popup_goes_the_term_it_explains_stays() -> None:
    html = f"""<html><head><title>Pods</title></head><body><main><article><h1>Pods</h1>
<p>{PARAS[0]} A pod runs one or more
<a class="glossary-tooltip" href="/glossary/container">containers</a> and shares their
<span class="tooltip-trigger">network namespace</span> between them.</p>
<div class="tooltip" role="tooltip">A lightweight and portable executable image.</div>
<p>{PARAS[1]}</p><p>{PARAS[2]}</p></article></main></body></html>"""
    body = extract(html, url="https://docs.example.com/concepts/pods").body
    assert "runs one or more containers and shares their network namespace" in " ".join(body.split())
    assert "portable executable image" not in body
