"""Every clean rule on tiny snippets: it removes its boilerplate and keeps the content.

Parametrized over the tables in ``stripper.rules``, so a new rule is tested the day
it is added: tag rules carry their own ``example`` (must remove "DROP", keep "KEEP")
and ``counter`` (must keep "KEEP"); class/id rules are tried on every word part
they list, and on near misses that must survive. Phrase tables are checked in the
six languages the project promises (en, es, de, fr, pt, it).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import replace

import pytest

from stripper import dom
from stripper.clean import clean
from stripper.options import DEFAULT_OPTIONS, CleanOptions, ScoreOptions
from stripper.parse import parse
from stripper.rules import (
    BOILERPLATE_PHRASES,
    SECTION_HEADINGS,
    TAG_RULES,
    TEASER_TAIL,
    TOKEN_RULES,
    Rule,
    TokenRule,
)
from stripper.score import classify_block
from stripper.tracing import Trace

PROSE = ("KEEP This paragraph is the article itself: several sentences of ordinary prose, "
         "long enough to be the main content of the page by any measure, with commas, "
         "clauses and a full stop. It goes on for a while, as articles do, and says "
         "nothing about menus, cookies or newsletters at all. ")


def cleaned(html: str, *, page_type: str | None = None,
            options: CleanOptions = DEFAULT_OPTIONS.clean) -> tuple[str, Trace]:
    tree = parse(html)
    trace = Trace()
    clean(tree, options, trace, page_type=page_type)
    body = tree.body
    return (dom.text_of(body) if body is not None else ""), trace


def dropped_by(trace: Trace) -> set[str]:
    return {d.rule for d in trace.decisions if d.verdict == "drop"}


# ------------------------------------------------------------------ table hygiene
def test_rule_names_unique_and_explained() -> None:
    names = [r.name for r in TAG_RULES] + [r.name for r in TOKEN_RULES]
    assert len(names) == len(set(names))
    for r in (*TAG_RULES, *TOKEN_RULES):
        assert r.why.strip(), r.name


def test_token_parts_belong_to_one_rule() -> None:
    owner: dict[str, str] = {}
    for r in TOKEN_RULES:
        for part in r.parts:
            assert part == part.lower() and part.strip() == part, (r.name, part)
            assert owner.setdefault(part, r.name) == r.name, f"{part!r} in {owner[part]} and {r.name}"


# ------------------------------------------------------------------ tag rules
def _options_for(rule: Rule) -> CleanOptions:
    return DEFAULT_OPTIONS.clean


@pytest.mark.parametrize("rule", TAG_RULES, ids=lambda r: r.name)
def test_tag_rule_example(rule: Rule) -> None:
    assert "DROP" in rule.example and "KEEP" in rule.example, "example must mark both"
    text, trace = cleaned(f"<html><body>{rule.example}</body></html>", options=_options_for(rule))
    assert "DROP" not in text
    assert "KEEP" in text
    assert rule.name in dropped_by(trace)


@pytest.mark.parametrize("rule", [r for r in TAG_RULES if r.counter], ids=lambda r: r.name)
def test_tag_rule_counter_example(rule: Rule) -> None:
    text, _ = cleaned(f"<html><body>{rule.counter}<p>{PROSE}</p></body></html>",
                      options=_options_for(rule))
    assert text.count("KEEP") == 2


@pytest.mark.parametrize("rule", [r for r in TAG_RULES if r.keep_on], ids=lambda r: r.name)
def test_tag_rule_keep_on(rule: Rule) -> None:
    for page_type in rule.keep_on:
        text, _ = cleaned(f"<html><body>{rule.example}</body></html>", page_type=page_type,
                          options=_options_for(rule))
        assert "DROP" in text, page_type


def test_hidden_can_be_kept() -> None:
    text, _ = cleaned("<html><body><p>KEEP</p><div hidden>MODAL</div></body></html>",
                      options=replace(DEFAULT_OPTIONS.clean, remove_hidden=False))
    assert "MODAL" in text


def test_hidden_is_kept_by_the_conservative_retry() -> None:
    tree = parse("<html><body><p>KEEP</p><div style='display:none'>PANEL</div></body></html>")
    clean(tree, DEFAULT_OPTIONS.clean, Trace(), conservative=True)
    assert tree.body is not None and "PANEL" in dom.text_of(tree.body)


HIDDEN_BUT_SHOWN_CASES = {
    "react-stream": "<div hidden id='S:1'><p>SHOWN</p></div>",
    "tab-panel": "<div role=tabpanel hidden>SHOWN</div>",
    "after-toggle": "<h3><button aria-expanded=false>Weight</button></h3>"
                    "<div hidden><p>SHOWN</p></div>",
    "faq-answer": "<div><div>What does it cover?</div>"
                  "<div style='visibility:hidden'>SHOWN</div></div>",
    "tab-twin": "<div class=pane>open pane</div><div class=pane style='display: none'>SHOWN</div>",
}


@pytest.mark.parametrize("case", HIDDEN_BUT_SHOWN_CASES, ids=str)
def test_hidden_panels_a_reader_opens_are_kept(case: str) -> None:
    html = f"<html><body><p>{PROSE}</p>{HIDDEN_BUT_SHOWN_CASES[case]}" \
           "<div style='display:none'><p>Sign in to continue</p></div></body></html>"
    text, trace = cleaned(html)
    assert "SHOWN" in text
    assert "Sign in" not in text
    assert "hidden" in dropped_by(trace)


@pytest.mark.parametrize("rule", [r for r in TAG_RULES if r.guarded], ids=lambda r: r.name)
def test_guarded_tag_rule_spares_a_wrapper_of_the_article(rule: Rule) -> None:
    # broken markup: an unclosed <aside>/<header> or a dialog wrapper swallowing the text
    tag = {"navigation": "nav", "page-footer": "footer", "complementary": "aside",
           "dialogs": "dialog", "page-header": "header", "hidden": "div hidden",
           "forms": "form"}[rule.name]
    body = "".join(f"<p>{PROSE}{i}</p>" for i in range(4))
    text, _ = cleaned(f"<html><body><{tag} open>{body}</{tag}><p>tail</p></body></html>")
    assert text.count("KEEP") == 4


# ------------------------------------------------------------------ class/id rules
def _applies_on(rule: TokenRule) -> str | None:
    """A page type on which the rule applies (rules limited by ``only_on``)."""
    return rule.only_on[0] if rule.only_on else None


TOKEN_CASES = [(r, part) for r in TOKEN_RULES for part in r.parts]


# repeated_only rules remove an element only when its text is also elsewhere on the page
REPEATED = "DROP a quoted sentence that the page also shows in its own post"


def _repeat_of(rule: TokenRule) -> str:
    return f"<p>{REPEATED}</p>" if rule.repeated_only else ""


def _drop_text(rule: TokenRule, default: str) -> str:
    return REPEATED if rule.repeated_only else default


@pytest.mark.parametrize(("rule", "part"), TOKEN_CASES,
                         ids=[f"{r.name}:{p}" for r, p in TOKEN_CASES])
def test_token_rule_removes_each_part(rule: TokenRule, part: str) -> None:
    inner = _drop_text(rule, '<a href="/x">DROP one</a> DROP two')
    html = (f'<html><body>{_repeat_of(rule)}<div class="{part}">{inner}</div>'
            f"<p>{PROSE}</p></body></html>")
    text, trace = cleaned(html, page_type=_applies_on(rule))
    assert text.count("DROP") == (1 if rule.repeated_only else 0)
    assert "KEEP" in text
    assert rule.name in dropped_by(trace)


@pytest.mark.parametrize("rule", TOKEN_RULES, ids=lambda r: r.name)
def test_token_rule_matches_id_and_word_parts(rule: TokenRule) -> None:
    part = rule.parts[0]
    for attrs in (f'id="{part}"', f'class="site-{part}"', f'class="x {part}-inner"'):
        text, _ = cleaned(f"<html><body>{_repeat_of(rule)}<div {attrs}>"
                          f"{_drop_text(rule, 'DROP')}</div><p>{PROSE}</p></body></html>",
                          page_type=_applies_on(rule))
        assert text.count("DROP") == (1 if rule.repeated_only else 0), attrs


@pytest.mark.parametrize("rule", [r for r in TOKEN_RULES if r.repeated_only],
                         ids=lambda r: r.name)
def test_repeated_only_rule_spares_text_shown_once(rule: TokenRule) -> None:
    # a quote of a post from an earlier page of the thread is the only copy here
    html = (f'<html><body><div class="{rule.parts[0]}">{REPEATED}</div>'
            f"<p>{PROSE}</p></body></html>")
    text, trace = cleaned(html, page_type=_applies_on(rule))
    assert REPEATED in text
    assert any(d.verdict == "spare (not repeated)" for d in trace.decisions)


@pytest.mark.parametrize("rule", [r for r in TOKEN_RULES if r.only_on], ids=lambda r: r.name)
def test_token_rule_only_on(rule: TokenRule) -> None:
    html = f'<html><body><div class="{rule.parts[0]}">STAYS</div><p>{PROSE}</p></body></html>'
    for page_type in ("article", None):
        text, _ = cleaned(html, page_type=page_type)
        assert "STAYS" in text, page_type


@pytest.mark.parametrize("rule", [r for r in TOKEN_RULES if r.keep_on], ids=lambda r: r.name)
def test_token_rule_keep_on(rule: TokenRule) -> None:
    for page_type in rule.keep_on:
        html = f'<html><body><div class="{rule.parts[0]}">STAYS</div><p>{PROSE}</p></body></html>'
        text, _ = cleaned(html, page_type=page_type)
        assert "STAYS" in text, page_type


# Class names that contain a rule's token as a substring but are not that widget.
NEAR_MISSES = [
    "shared-content",      # share
    "adventure-story",     # ad
    "download-section",    # ad (inside a word)
    "headline",            # header
    "navigator-quote",     # nav
    "commentary-text",     # comment
    "bioluminescence",     # bio
    "metadata-table",      # meta
    "entry-content",       # nothing
    "ast-post-format-standard",  # post-form (a compound part inside a longer word)
]


@pytest.mark.parametrize("cls", NEAR_MISSES)
def test_near_miss_classes_survive(cls: str) -> None:
    text, _ = cleaned(f'<html><body><div class="{cls}">STAYS</div><p>{PROSE}</p></body></html>')
    assert "STAYS" in text


@pytest.mark.parametrize("cls", ["has-sidebar", "menu-open", "elementor-widget", "no-comments"])
def test_modifier_and_builder_classes_do_not_remove_the_page(cls: str) -> None:
    body = "".join(f"<p>{PROSE}{i}</p>" for i in range(3))
    text, _ = cleaned(f'<html><body><div class="{cls}">{body}</div><p>x</p></body></html>')
    assert text.count("KEEP") == 3


@pytest.mark.parametrize("cls", ["signal signal--header", "tile__header", "price-box--footer"])
def test_bem_elements_and_modifiers_name_their_block(cls: str) -> None:
    # "signal--header" is the header variant of a card's signal line and "tile__header"
    # the head of a tile: the guarded site rules read the block name only
    text, trace = cleaned(f'<html><body><div class="card"><div class="{cls}">STAYS title</div>'
                          f"</div><p>{PROSE}</p></body></html>")
    assert "STAYS" in text, dropped_by(trace)


@pytest.mark.parametrize("cls", ["header--sticky", "footer__inner"])
def test_bem_block_names_still_match(cls: str) -> None:
    text, _ = cleaned(f'<html><body><div class="{cls}">GOES away</div>'
                      f"<p>{PROSE}</p></body></html>")
    assert "GOES" not in text


@pytest.mark.parametrize("cls", ["hide-read-more-ad", "has-ads", "no-share", "with-newsletter"])
def test_state_classes_name_no_widget(cls: str) -> None:
    # a state class says what the element has or hides, not what it is: no rule reads it
    text, trace = cleaned(f'<html><body><div class="{cls}"><a href="/a">STAYS here</a></div>'
                          f"<p>{PROSE}</p></body></html>")
    assert "STAYS" in text, dropped_by(trace)


@pytest.mark.parametrize("cls", ["search_result_item-68deb85", "search-results", "searchHits"])
def test_search_results_are_not_a_search_box(cls: str) -> None:
    html = (f'<html><body><div class="{cls}"><a href="/a">STAYS a result title</a></div>'
            f'<div class="search-form">DROP</div><p>{PROSE}</p></body></html>')
    text, _ = cleaned(html)
    assert "STAYS" in text
    assert "DROP" not in text


def _teaser_grid(n: int) -> str:
    return "".join(f'<li class="card"><a href="/p/{i}">KEEP teaser title number {i} of the '
                   f"listing, long enough to read like a title</a></li>" for i in range(n))


CONSENT_CENTRE = ('<div id="onetrust-consent-sdk"><h2>Privacy Preference Center</h2>'
                  + "".join(f"<p>DROP These cookies allow us to count visits and traffic "
                            f"sources so we can measure and improve the site, purpose {i}.</p>"
                            for i in range(2)) + "</div>")


def test_consent_centre_is_not_most_of_a_listing() -> None:
    # On a listing the content is links: a consent centre holds most of the page's
    # prose but little of its text, and the guard measures both there.
    html = f"<html><body><ul>{_teaser_grid(20)}</ul>{CONSENT_CENTRE}</body></html>"
    text, trace = cleaned(html, page_type="listing")
    assert "DROP" not in text
    assert text.count("KEEP") == 20
    text, trace = cleaned(html, page_type="article")
    assert "DROP" in text  # on an article the prose guard still spares it
    assert any(d.verdict == "spare (guard)" for d in trace.decisions)


def test_guarded_rules_keep_measuring_prose_on_listings() -> None:
    # a guarded rule's word on a page wrapper ("search-page-wrapper") must not take a
    # grid of product cards whose text is mostly prices and prose
    cards = "".join(f'<div class="card"><a href="/p/{i}">Shoe {i}</a><p>{PROSE}</p></div>'
                    for i in range(3))
    html = (f'<html><body><div class="search-page-wrapper">{cards}</div>'
            f'<div class="menu">{_teaser_grid(30)}</div></body></html>')
    text, _ = cleaned(html, page_type="collection")
    assert text.count("Shoe") == 3


def test_guarded_rule_spares_the_element_holding_the_landmark() -> None:
    html = (f'<html><body><div class="site-header"><h1>Title</h1><p>{PROSE}</p></div>'
            f"<p>{PROSE}</p></body></html>")
    text, _ = cleaned(html)
    assert "Title" in text


def test_widget_rule_spares_an_element_with_many_paragraphs() -> None:
    # a share bar never holds the article's paragraphs: max_paragraphs guards
    paras = "".join(f"<p>{PROSE}{i}</p>" for i in range(3))
    text, _ = cleaned(f'<html><body><div class="share-wrapper">{paras}</div>'
                      f"<p>{PROSE}</p></body></html>")
    assert text.count("KEEP") == 4


# ------------------------------------------------------------------ section headings
SECTION_CASES = ["Related posts", "Artículos relacionados", "Verwandte Artikel",
                 "Articles similaires", "Artigos relacionados", "Articoli correlati",
                 "Leave a Reply", "Deja un comentario", "Lo más leído", "Leia também"]


@pytest.mark.parametrize("heading", SECTION_CASES)
def test_section_heading_takes_its_section(heading: str) -> None:
    html = (f"<html><body><article><p>{PROSE}</p></article>"
            f'<div class="box"><h3>{heading}</h3><ul><li><a href="/a">DROP teaser</a></li>'
            f"</ul></div></body></html>")
    text, trace = cleaned(html)
    assert "DROP" not in text and heading not in text
    assert "KEEP" in text
    assert "section-heading" in dropped_by(trace)


def test_section_heading_inside_article_text_is_not_a_section() -> None:
    html = f"<html><body><article><h2>Why related posts matter</h2><p>{PROSE}</p></article></body></html>"
    text, _ = cleaned(html)
    assert "Why related posts matter" in text


def test_section_headings_are_lower_case_keys() -> None:
    for h in SECTION_HEADINGS:
        assert h == " ".join(h.lower().split()), h


# ------------------------------------------------------------------ phrases (score vocabulary)
PHRASES = {
    "en": ["Read more", "Share on Facebook", "Related posts", "All rights reserved", "Log in",
           "Forgotten Password?", "Previous Post"],
    "es": ["Seguir leyendo »", "Artículos relacionados", "Gestionar consentimiento",
           "Todos los derechos reservados", "Entrada anterior", "Suscríbete"],
    "de": ["Weiterlesen", "Verwandte Artikel", "Alle akzeptieren", "Passwort vergessen"],
    "fr": ["Lire la suite", "Articles similaires", "Tout accepter", "Mot de passe oublié"],
    "pt": ["Leia mais", "Artigos relacionados", "Todos os direitos reservados"],
    "it": ["Leggi tutto", "Articoli correlati", "Tutti i diritti riservati", "Iscriviti"],
}
PHRASE_CASES = [(lang, p) for lang, ps in PHRASES.items() for p in ps]


@pytest.mark.parametrize(("lang", "phrase"), PHRASE_CASES, ids=[f"{lg}:{p}" for lg, p in PHRASE_CASES])
def test_boilerplate_phrase_block_is_bad(lang: str, phrase: str) -> None:
    s = classify_block(phrase, len(phrase), 0, 0, ScoreOptions())
    assert (s.cls, s.reason) == ("bad", "boilerplate-phrase")


def test_phrase_inside_prose_is_not_boilerplate() -> None:
    text = ("Critics who read more than the headline noticed that the report, published on "
            "Tuesday, contradicts the minister on three counts.")
    s = classify_block(text, len(text), 0, 0, ScoreOptions())
    assert s.cls == "good"


def test_phrases_are_lower_case() -> None:
    for p in BOILERPLATE_PHRASES:
        assert p == p.lower(), p


TAILS = [
    ("The crisis deepened over the weekend.…  Seguir leyendo »", "The crisis deepened over the weekend."),
    ("Une analyse de la semaine [Lire la suite]", "Une analyse de la semaine"),
    ("Die Lage bleibt angespannt … Weiterlesen ›", "Die Lage bleibt angespannt"),
    ("A long look at the numbers... Read more →", "A long look at the numbers"),
    ("Uma semana difícil (Leia mais)", "Uma semana difícil"),
    ("Una settimana difficile Leggi tutto", "Una settimana difficile"),
]


@pytest.mark.parametrize(("raw", "want"), TAILS)
def test_teaser_tail_is_stripped(raw: str, want: str) -> None:
    assert TEASER_TAIL.sub("", raw) == want


def test_teaser_tail_only_at_the_end() -> None:
    raw = "Read more about it in our guide, which covers every case."
    assert TEASER_TAIL.sub("", raw) == raw


# ------------------------------------------------------------------ no page-specific strings
# Rules describe how the web is built, never which page is which (house rule): no domain
# names, URLs or hosts anywhere in the rule tables.
RULE_MODULES = ("stripper.rules", "stripper.metarules", "stripper.pagerules")
_DOMAIN = re.compile(
    r"https?://|www\.|\b[a-z0-9-]+\.(?:com|org|net|io|co|uk|de|es|fr|it|pt|info|gov|edu)\b",
    re.IGNORECASE)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, re.Pattern):
        return [value.pattern]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, (tuple, list, set, frozenset)):
        return [s for v in value for s in _strings(v)]
    if hasattr(value, "__dataclass_fields__"):
        return [s for f in value.__dataclass_fields__ for s in _strings(getattr(value, f))]
    return []


@pytest.mark.parametrize("module", RULE_MODULES)
def test_rule_tables_name_no_sites(module: str) -> None:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError:
        pytest.skip(f"{module} does not exist (yet)")
    hits = [(name, s) for name, value in vars(mod).items()
            if name.isupper() for s in _strings(value) if _DOMAIN.search(s)]
    assert not hits, hits[:10]


def test_a_form_around_a_results_list_is_kept() -> None:
    rows = "".join(f"<tr><td><input type=checkbox></td><td><a href=/p/{i}>PAPER {i}</a></td></tr>"
                   for i in range(12))
    html = f"<html><body><p>{PROSE}</p><form action=/export><table>{rows}</table></form>" \
           "<form action=/contact><h3>Get a quote</h3><p>We reply within a day.</p></form></body></html>"
    text, trace = cleaned(html)
    assert "PAPER 11" in text
    assert "Get a quote" not in text
    assert "forms" in dropped_by(trace)


def test_a_run_of_content_boxes_named_widget_is_kept() -> None:
    box = ("<div class='product-widget'><h3>Best washer {i}</h3><p>" + "This washer cleaned "
           "every stain in our lab tests and dried faster than any rival we measured. " * 3 +
           "</p><div class='product-widget__pros'>Pros: quiet</div></div>")
    html = "<html><body><div class=content>" + "".join(box.format(i=i) for i in range(5)) + \
        "</div><div class='sidebar'><div class=widget>Recent posts: one, two</div></div></body></html>"
    text, trace = cleaned(html)
    assert "Best washer 4" in text and "Pros: quiet" in text
    assert "Recent posts" not in text
    assert "spare (group)" in {d.verdict for d in trace.decisions}


@pytest.mark.parametrize("rule", [r for r in TOKEN_RULES if r.unless_parts], ids=lambda r: r.name)
def test_token_rule_unless_parts_keep_content(rule: TokenRule) -> None:
    part = rule.parts[0]
    for before in rule.unless_parts:
        html = f"<html><body><p>{PROSE}</p><div class='{before}-{part}'>KEEP inside</div>" \
               f"<div class='{part}'>DROP</div></body></html>"
        text, _ = cleaned(html, page_type=_applies_on(rule))
        assert "KEEP inside" in text, (before, part)
        assert "DROP" not in text, part


def test_compound_parts_match_on_part_boundaries() -> None:
    compound = next(p for r in TOKEN_RULES for p in r.parts if "-" in p)
    html = f"<html><body><p>{PROSE}</p><div class='{compound}x-wrap'>KEEP inner</div>" \
           f"<div class='theme-{compound}'>DROP</div></body></html>"
    text, _ = cleaned(html)
    assert "KEEP inner" in text and "DROP" not in text, compound
