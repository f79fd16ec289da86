"""Language: ``<html lang>``, ``og:locale`` and ``Content-Language``, checked
against the words of the page when they are missing or disagree.

The content check counts very common short words (``metarules.STOPWORDS``) in
the headline, description and first paragraphs; it only decides between the
declared values, or names a language when none is declared and one language
clearly leads.
"""

from __future__ import annotations

import re

from .. import dom
from ..dom import Node, Tree
from ..metarules import META_LANGUAGE, STOPWORDS
from ..options import MetadataOptions
from .provenance import Candidate, Provenance
from .structured import Structured

_INLINE = frozenset({"a", "span", "link", "option", "li", "img", "abbr", "q", "i", "em", "b"})
_WORD = re.compile(r"[^\W\d_]+")


def _code(value: str) -> str | None:
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def declared(tree: Tree, st: Structured) -> tuple[str | None, list[Candidate[str]]]:
    """The full declared locale (for date order) and the language candidates."""
    cands: list[Candidate[str]] = []
    locale = None
    root = tree.css_first("html")
    lang = dom.attr(root, "lang") if root is not None else None
    if lang and _code(lang):
        cands.append(Candidate(_code(lang) or "", "html-lang", lang))
        locale = lang
    for key in META_LANGUAGE:
        v = st.meta(key)
        if v and _code(v):
            cands.append(Candidate(_code(v) or "", f"meta:{key}", v))
            locale = locale or v
    return locale, cands


def content_language(tree: Tree, options: MetadataOptions) -> tuple[str | None, float]:
    """The language whose common words lead in the page's paragraphs, and how far it
    leads the runner-up (hits of the best over hits of the second)."""
    words: list[str] = []
    for p in tree.css("p")[:options.language_paragraphs]:
        words.extend(_WORD.findall(p.text(deep=True).lower()))
        if len(words) >= options.language_words:
            break
    if len(words) < options.language_min_words:
        return None, 0.0
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in STOPWORDS.items()}
    ranked = sorted(counts, key=lambda k: counts[k], reverse=True)
    best, second = counts[ranked[0]], counts[ranked[1]]
    if best < options.language_min_hits:
        return None, 0.0
    return ranked[0], best / max(second, 1)


def content_lang(st: Structured, headline: Node | None,
                 options: MetadataOptions) -> Candidate[str] | None:
    """A ``lang`` attribute below ``<html>`` on the headline's container or on a block
    holding prose (an English article inside a Spanish site says ``lang="en"``)."""
    p = headline
    for _ in range(30):
        if p is None or dom.tag(p) in ("html", "body", "-document"):
            break
        lang = dom.attr(p, "lang")
        if lang and _code(lang):
            return Candidate(_code(lang) or "", "content-lang", lang)
        p = p.parent
    for node in st.lang_nodes[:options.language_lang_elements]:
        if dom.tag(node) in _INLINE:
            continue
        lang = dom.attr(node, "lang") or ""
        if _code(lang) and dom.text_len(node) >= options.language_block_chars:
            return Candidate(_code(lang) or "", "content-lang", lang)
    return None


def pick_language(tree: Tree, st: Structured, options: MetadataOptions,
                  prov: Provenance, headline: Node | None = None) -> str | None:
    _, cands = declared(tree, st)
    inner = content_lang(st, headline, options)
    if inner is not None:
        cands.insert(0, inner)
    codes = {c.value for c in cands}
    if len(codes) == 1:
        return prov.settle("language", cands[0], cands)
    guess, share = content_language(tree, options)
    if cands and guess in codes:
        win = next(c for c in cands if c.value == guess)
        return prov.settle("language", win, cands)
    if guess and share >= options.language_min_lead:
        return prov.settle("language", Candidate(guess, "content", f"{share:.2f}"), cands)
    return prov.settle("language", cands[0], cands) if cands else None
