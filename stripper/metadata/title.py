"""The headline: the visible ``<h1>`` that agrees with the page's structured title,
else the structured title with its site-name prefix or suffix stripped.

Sites write the headline several times: JSON-LD ``headline``, ``og:title``,
``<title>`` (usually "Headline | Site"), and the ``<h1>`` shown to readers. The
``<h1>`` is the headline as published; the structured ones tell which ``<h1>``
is the headline when a page has several (logos, teasers and widgets also use
``<h1>``) and carry it when the page has none. On service pages the ``<h1>`` is
usually a tagline and the cleaned ``og:title``/``<title>`` names the page
(``metarules.TAGLINE_PAGE_TYPES``; docs/metadata.md has the measurements).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import dom
from ..dom import Node, Tree
from ..metarules import META_TITLE, TAGLINE_PAGE_TYPES
from ..options import MetadataOptions
from . import titlerank
from .provenance import Candidate, Provenance
from .structured import Structured, text_value
from .titleopts import title_options
from .titletext import (
    agreement,
    borrowed,
    headings,
    in_chrome,
    is_generic,
    is_site,
    links_home,
    norm,
    same_words,
    site_names,
    strip_site,
    tidy,
)


@dataclass(frozen=True, slots=True)
class Headline:
    text: str
    node: Node | None
    origin: str


def pick_title(tree: Tree, st: Structured, host: str | None, options: MetadataOptions,
               prov: Provenance, page_type: str | None = None,
               url: str | None = None) -> Headline | None:
    """The rules' headline, then the learned ranker's second opinion over every
    candidate the page offers (``titlerank``); the rules' heading node is kept for
    the byline and dateline search either way."""
    rule = _rule_title(tree, st, host, options, prov, page_type)
    model = titlerank.load_model() if options.title_model else None
    if model is None:
        return rule
    opts = title_options(tree, st, site_names(st, host), options,
                         rule.text if rule is not None else None, url, page_type)
    best = max(opts, key=lambda o: titlerank.score(model, o.flags), default=None)
    if best is None or rule is None or norm(best.text) == norm(rule.text):
        return rule
    prov.lost("title", Candidate(rule.text, rule.origin, rule.text), "ranker")
    prov.won("title", Candidate(best.text, f"ranker:{best.origin}", best.text))
    return Headline(best.text, rule.node, f"ranker:{best.origin}")


def _rule_title(tree: Tree, st: Structured, host: str | None, options: MetadataOptions,
                prov: Provenance, page_type: str | None = None) -> Headline | None:
    names = site_names(st, host)
    structured: list[Candidate[str]] = []
    if st.main is not None and not borrowed(st):
        h = text_value(st.main.get("headline")) or text_value(st.main.get("name"))
        if h and not is_generic(h):
            structured.append(Candidate(tidy(h), "json-ld:headline", h))
    for key in META_TITLE:
        v = st.meta(key)
        if v and not is_generic(v):
            structured.append(Candidate(tidy(v), f"meta:{key}", v))
    t = tree.css_first("title")
    if t is not None and dom.text_of(t):
        structured.append(Candidate(tidy(dom.text_of(t)), "title", dom.text_of(t)))
    removed: list[str] = []
    cleaned = [Candidate(strip_site(c.value, names, options.max_site_words, removed,
                                    head_only=options.title_head_only),
                         c.origin, c.raw)
               for c in structured]
    if page_type in TAGLINE_PAGE_TYPES:
        named = [c for c in cleaned if c.origin != "json-ld:headline"]
        if named:
            prov.settle("title", named[0], cleaned)
            return Headline(named[0].value, _find_heading(st, named[0].value), named[0].origin)
    # the whole title without the site name also tells which heading is the headline
    full = [Candidate(strip_site(c.value, names, options.max_site_words), c.origin, c.raw)
            for c in structured]
    site = names + removed
    h1s = _headline_h1s(st, site, host, prov)
    found = _agreeing(h1s, cleaned, options)
    if found is not None:
        prov.settle("title", Candidate(found[0], "h1", found[0]), cleaned)
        return Headline(found[0], found[1], "h1")
    main_h1 = [(text, node) for text, node in h1s if not in_chrome(node)]
    # the same heading twice (a mobile and a desktop copy) is one heading
    if main_h1 and (len({t.casefold() for t, _ in main_h1}) == 1 or not cleaned):
        text, node = main_h1[0]
        prov.settle("title", Candidate(text, "h1", text), cleaned)
        return Headline(text, node, "h1")
    # themes that give the logo the <h1> show the headline as an <h2>
    h2s = [(strip_site(text, names, 0), node) for text, node in headings(st.h2[:20])
           if not is_site(text, names) and not in_chrome(node)]
    found = _agreeing(h2s, cleaned + full, options, options.h2_agreement)
    if found is not None:
        prov.settle("title", Candidate(found[0], "h2", found[0]), cleaned)
        return Headline(found[0], found[1], "h2")
    if cleaned:
        win = cleaned[0]
        prov.settle("title", win, cleaned)
        return Headline(win.value, _find_heading(st, win.value), win.origin)
    return None


def _headline_h1s(st: Structured, site: list[str], host: str | None,
                  prov: Provenance) -> list[tuple[str, Node]]:
    """The ``<h1>``s that may be the headline, without their site-name segments: not
    the site's name, not a link to the home page (a logo); those two are traced."""
    out: list[tuple[str, Node]] = []
    for text, node in headings(st.h1):
        why = "site-name" if is_site(text, site, leading=True) else \
            "logo" if links_home(node, host) else ""
        if why:
            prov.lost("title", Candidate(text, "h1", text), why)
        else:
            out.append((strip_site(text, site, 0), node))
    return out


def _agreeing(heads: list[tuple[str, Node]], cleaned: list[Candidate[str]],
              options: MetadataOptions, threshold: float | None = None) -> tuple[str, Node] | None:
    """The heading that agrees best with a structured title, if one agrees enough."""
    best: tuple[float, str, Node] | None = None
    for text, node in heads:
        measure = same_words if threshold is not None else agreement
        score = max((measure(text, c.value) for c in cleaned), default=0.0)
        if score >= (threshold or options.title_agreement) and \
                (best is None or score > best[0]):
            best = (score, text, node)
    return (best[1], best[2]) if best is not None else None


def _find_heading(st: Structured, title: str) -> Node | None:
    """The h1/h2 showing this title, for the search of nearby bylines and dates."""
    for nodes in (st.h1, st.h2):
        for text, node in headings(nodes):
            if agreement(text, title) >= 0.6:
                return node
    return None
