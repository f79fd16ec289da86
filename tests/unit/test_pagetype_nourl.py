"""Pages without a URL (saved files): the page type comes from the no-URL model.

The shipped model leans on URL measurements (a long slug says article); read
without them, it took saved articles with a sidebar of linked teaser headings for
listings or service pages. The no-URL model is trained on the same pages with
their URL measurements left out.
"""

from __future__ import annotations

import dataclasses
from importlib import resources
from pathlib import Path

from stripper import extract
from stripper.dom import build_tree
from stripper.options import DEFAULT_OPTIONS
from stripper.pagerules import PAGE_TYPES
from stripper.pagetype import (
    NO_URL_MODEL_FILE,
    declared_url,
    detect_page_type,
    load_model,
    measure,
    without_url,
)
from stripper.tracing import Trace

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
PROSE = ("The committee met on Tuesday to discuss the proposal, which had been debated for "
         "months by residents, business owners and the council, and agreed on a plan. ")


def _article_with_teaser_sidebar() -> str:
    teasers = "".join(
        f'<div class="td-block-span"><h3 class="entry-title"><a href="/news/story-{n}/">'
        f"Residents of the valley ask for a new bridge, story {n}</a></h3>"
        f'<span class="td-post-date">3 days ago</span></div>' for n in range(6))
    return f"""<html><head><title>Council agrees plan for the river bank - The Valley Post</title>
</head><body><div class="td-main-content"><h1 class="entry-title">Council agrees plan for the
river bank</h1><div class="td-post-author">By Jane Miller</div>
<div class="td-post-content"><p>{PROSE * 3}</p><p>{PROSE * 2}</p><p>{PROSE * 2}</p>
<p>{PROSE * 3}</p></div></div><div class="td-sidebar"><h4>Latest news</h4>{teasers}</div>
</body></html>"""


def test_no_url_measurements_are_the_url_measurements_left_out() -> None:
    tree = build_tree(_article_with_teaser_sidebar())
    with_url = measure(tree, "https://valley.example/news/council-agrees-plan-for-the-river/")
    assert any(k.startswith("url:") for k in with_url)
    assert without_url(with_url) == measure(tree, None)


def test_saved_article_without_url_is_an_article() -> None:
    source = (FIXTURES / "diplomat-article-nometa" / "source.html").read_bytes()
    traced = dataclasses.replace(DEFAULT_OPTIONS, trace=True)
    record = extract(source, options=traced)
    assert record.page_type == "article"
    assert any(d.stage == "pagetype" and d.rule == "model-no-url" for d in record.trace)
    assert extract(_article_with_teaser_sidebar()).page_type == "article"


def test_no_url_model_ships_in_the_package_and_is_small() -> None:
    data = resources.files("stripper").joinpath(NO_URL_MODEL_FILE).read_bytes()
    assert len(data) < 2_000_000
    model = load_model(url=False)
    assert model is not None and model is not load_model()
    assert set(model["classes"]) <= set(PAGE_TYPES)
    assert len(model["coef"]) == len(model["index"]) == len(model["scale"])
    assert not [k for k in model["index"] if k.startswith("url:")]


def test_a_saved_page_is_measured_with_the_address_it_declares() -> None:
    """Canonical link first, then og:url; relative addresses are no address."""
    page = _article_with_teaser_sidebar()
    canonical = "https://valley.example/news/council-agrees-plan-for-the-river-bank/"
    head = (f'<link rel="canonical" href="{canonical}">'
            '<meta property="og:url" content="https://valley.example/other/">')
    tree = build_tree(page.replace("</head>", head + "</head>"))
    assert declared_url(tree) == canonical
    trace = Trace()
    result = detect_page_type(tree, None, trace)
    assert result.page_type == "article"
    rules = [d.rule for d in trace.decisions]
    assert "declared-url" in rules and "model" in rules and "model-no-url" not in rules
    assert declared_url(build_tree(page.replace(
        "</head>", '<link rel="canonical" href="/news/council/"></head>'))) is None
    og = '<meta property="og:url" content="https://valley.example/news/council/">'
    assert declared_url(build_tree(page.replace("</head>", og + "</head>"))) \
        == "https://valley.example/news/council/"
