"""Stage 3, clean: remove boilerplate elements named by the tables in ``rules.py``.

This is the only stage that edits the tree, and it edits a tree parsed for this
extraction alone. Order:

1. tag and attribute rules (``rules.TAG_RULES``), by CSS selector;
2. class/id word-part rules (``rules.TOKEN_RULES``), in one walk that does not
   descend into what it removes; guarded rules spare page wrappers;
3. section headings ("Related posts", "Artículos relacionados", …) take their
   small enclosing section with them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from . import dom
from .dom import Node, Tree
from .options import DEFAULT_OPTIONS, CleanOptions
from .rules import (
    FORM_TEXT_FIELDS,
    NEUTRAL_CLASS_PREFIXES,
    SECTION_HEADINGS,
    STATE_CLASS_PREFIXES,
    TAG_RULES,
    TOKEN_RULES,
    Rule,
    TokenRule,
)
from .tracing import NULL_TRACE, Trace

# A guarded rule spares a run of at least this many same-class siblings that
# together hold most of the page and a paragraph each: a roundup's product boxes
# named "widget", not a sidebar or a mega menu.
_GROUP_MIN = 3
_LANDMARK = "main, [role=main], article, [itemprop=articleBody], h1"
# A <noscript> is kept (unwrapped) when it holds more text than the rest of the
# page: apps that render with JavaScript ship their crawler view inside it.
_NOSCRIPT_SHARE = 1.0
_CODE_TAGS = "body script, body style, body template"
# Unguarded rules still spare an element holding this share of the page text:
# a widget is never most of the page. Calibrated on wcxb-dev.
_HARD_GUARD_SHARE = 0.85
_PROTECTED_TAGS = frozenset({"html", "body", "main", "article"})
# Elements with more class names than this use atomic CSS (Medium, Tailwind
# builds): their short names are generated and carry no meaning.
_ATOMIC_CLASS_COUNT = 6
# A paragraph counts toward TokenRule.max_paragraphs from this length (chars).
_PARAGRAPH_CHARS = 120
# TokenRule.repeated_only: the longest text run of the element, cut to this many
# characters, must occur again on the page; shorter runs ("Yes") prove nothing.
_REPEAT_MIN_CHARS = 30
_REPEAT_PROBE_CHARS = 80


@dataclass(frozen=True, slots=True)
class _TokenIndex:
    """Word part → rule, plus a regex splitting class/id values into word parts."""

    by_part: dict[str, TokenRule]
    # parts that contain '-' or '_', matched between word boundaries of the class
    # string ("post-form" is in "post-form-wrap", not in "ast-post-format")
    compounds: tuple[tuple[str, re.Pattern[str], TokenRule], ...]
    # class/id string → matching rule: sites repeat the same class strings on
    # every element and every page, so matching is done once per string
    memo: dict[str, TokenRule | None] = field(default_factory=dict)


_MEMO_MAX = 200_000  # strings remembered per index before the memo is cleared


@functools.lru_cache(maxsize=64)
def _index(rules: tuple[TokenRule, ...], page_type: str | None) -> _TokenIndex:
    by_part: dict[str, TokenRule] = {}
    compounds: list[tuple[str, re.Pattern[str], TokenRule]] = []
    for rule in rules:
        if page_type and page_type in rule.keep_on:
            continue
        if rule.only_on and page_type not in rule.only_on:
            continue
        for part in rule.parts:
            if "-" in part or "_" in part:
                compounds.append((part, re.compile(
                    r"(?<![a-z0-9])" + re.escape(part) + r"(?![a-z0-9])"), rule))
            by_part.setdefault(part.replace("-", "").replace("_", ""), rule)
            by_part.setdefault(part, rule)
    return _TokenIndex(by_part, tuple(compounds))


# BEM: "card__title" is an element of the block "card", "card--header" a modifier
_BEM_BLOCK = re.compile(r"__|(?<=[a-z0-9])--")
_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")


def match_token_rule(hints: str, index: _TokenIndex) -> TokenRule | None:
    """The first rule any word part of ``hints`` (class and id) belongs to.

    Guarded rules ignore tokens with a page-builder or modifier prefix
    (``rules.NEUTRAL_CLASS_PREFIXES``); no rule reads a state class
    (``rules.STATE_CLASS_PREFIXES``).
    """
    if not hints:
        return None
    try:
        return index.memo[hints]
    except KeyError:
        pass
    if len(index.memo) > _MEMO_MAX:
        index.memo.clear()
    rule = index.memo[hints] = _match(hints, index)
    return rule


def _match(hints: str, index: _TokenIndex) -> TokenRule | None:
    words = hints.split()
    atomic = len(words) > _ATOMIC_CLASS_COUNT
    for word in words:
        if atomic and len(word) <= 3:
            continue  # atomic-CSS names ("nl", "ad", "my") are random, not meaningful
        if word.startswith(STATE_CLASS_PREFIXES):
            continue  # "has-ads", "hide-read-more-ad": what the element has, not what it is
        neutral = word.startswith(NEUTRAL_CLASS_PREFIXES)
        # BEM: in "accordion-item__dropdown" the block "accordion-item" says what the
        # component is; guarded rules look at the block name only
        block = _BEM_BLOCK.split(word, 1)[0]
        hit = index.by_part.get(word)
        if hit is not None and not (hit.guarded and (neutral or block != word)):
            return hit
        parts = [p for p in _SPLIT.split(word) if p]
        for k, part in enumerate(parts):
            hit = index.by_part.get(part)
            if hit is not None and not (hit.guarded and (neutral or part not in block)):
                if hit.unless_parts and any(p.rsplit(":", 1)[-1] in hit.unless_parts
                                            for p in parts[:k]):
                    continue  # "entry-header" is the header of the content, not of the site
                if hit.unless_after and any(p in hit.unless_after for p in parts[k + 1:]):
                    continue  # "search-result-item" is a result, not a search box
                return hit
    # explicit multi-word parts ("article-meta") also match BEM spellings ("article__meta")
    flat = hints.replace("__", "-")
    for part, comp, rule in index.compounds:
        if part in flat and comp.search(flat):  # the substring test is the cheap filter
            return rule
    return None


def prose_len(node: Node) -> int:
    """Characters of text outside links: what separates a page wrapper from a menu."""
    total = dom.text_len(node)
    if total == 0:
        return 0
    return max(0, total - sum(dom.text_len(a) for a in node.css("a")))


@dataclass(frozen=True, slots=True)
class _PageSize:
    """The page's prose (and, where links are the content, all its text), against
    which the guards measure an element."""

    prose: int
    text: int = 0  # 0: measure prose only

    def share(self, node: Node, *, prose_widget: bool = False) -> float:
        """``prose_widget``: the rule names a widget with prose of its own (a consent
        centre, a comment thread: unguarded, no paragraph limit), which on a page
        of links can hold most of the prose and still be a small part of the page."""
        share = prose_len(node) / self.prose
        if self.text and prose_widget:
            share = min(share, dom.text_len(node) / self.text)
        return share


def _page_size(body: Node, options: CleanOptions, page_type: str | None) -> _PageSize:
    text = dom.text_len(body) if page_type in options.link_content_types else 0
    return _PageSize(max(prose_len(body), 1), max(text, 1) if text else 0)


def clean(
    tree: Tree,
    options: CleanOptions = DEFAULT_OPTIONS.clean,
    trace: Trace = NULL_TRACE,
    *,
    page_type: str | None = None,
    conservative: bool = False,
) -> None:
    """Remove boilerplate from ``tree`` in place.

    ``conservative`` keeps to the tag rules (hidden elements stay) and the essential
    class/id rules: the fallback when the full clean left too little text (a site
    whose every element carries a menu- or widget-like class, a thread whose posts
    are marked up as comments, a page whose text waits in hidden panels).
    """
    body = tree.body
    if body is None:
        return
    _handle_noscript(tree, trace)
    _apply_form_sections(tree, options, trace)
    _apply_tag_rules(tree, options, trace, page_type, keep_hidden=conservative)
    size = _page_size(body, options, page_type)  # after the tag rules: no script text
    rules = tuple(r for r in TOKEN_RULES if r.essential or not conservative)
    _apply_token_rules(body, options, trace, size, _index(rules, page_type))
    _apply_section_headings(tree, options, trace, size)


def _handle_noscript(tree: Tree, trace: Trace) -> None:
    nos = dom.outermost(tree.css("body noscript"))
    if not nos:
        return
    body = tree.body
    inside = sum(dom.text_len(n) for n in nos)
    # script and style text is not page text: a JavaScript app's JSON payload
    # must not outweigh the crawler view in its <noscript>
    code = sum(dom.text_len(n) for n in tree.css(_CODE_TAGS))
    outside = (dom.text_len(body) if body is not None else 0) - inside - code
    keep = inside > _NOSCRIPT_SHARE * max(outside, 1)
    for n in nos:
        if trace.enabled:
            trace.add("clean", dom.node_path(n), "noscript", "unwrap" if keep else "drop",
                      value=inside, threshold=outside)
        if keep:
            n.unwrap()
        else:
            n.decompose()


def _apply_form_sections(tree: Tree, options: CleanOptions, trace: Trace) -> None:
    """Remove forms that ask the reader to write (contact, quote, sign-up) together
    with the small section around them: its heading and its privacy note.

    Runs before the tag rules, which strip the fields the forms are recognised by.
    A form holding the page's landmark or most of its prose (ASP.NET pages wrap the
    whole body in one form) is a wrapper, not a widget, and is left alone."""
    body = tree.body
    if body is None:
        return
    forms = [f for f in tree.css("body form")
             if len(f.css(FORM_TEXT_FIELDS)) >= options.form_min_fields]
    if not forms:
        return
    page_chars = max(prose_len(body), 1)
    targets = []
    for form in dom.outermost(forms):
        own = prose_len(form)
        if own / page_chars > options.guard_text_share or form.css_first(_LANDMARK) is not None:
            continue
        target = form
        parent = form.parent
        while (parent is not None and dom.tag(parent) not in _PROTECTED_TAGS
               and prose_len(parent) - own <= options.form_section_chars
               and parent.css_first(_LANDMARK) is None):
            target, parent = parent, parent.parent
        if trace.enabled:
            trace.add("clean", dom.node_path(target), "form-section", "drop",
                      value=prose_len(target) - own, threshold=options.form_section_chars,
                      text=dom.text_of(target)[:80])
        targets.append(target)
    dom.remove(targets)


def _apply_tag_rules(tree: Tree, options: CleanOptions, trace: Trace,
                     page_type: str | None, *, keep_hidden: bool = False) -> None:
    size: _PageSize | None = None
    for rule in TAG_RULES:
        if rule.name == "hidden" and (keep_hidden or not options.remove_hidden):
            continue
        if page_type and page_type in rule.keep_on:
            continue
        nodes = [n for n in tree.css(rule.selector) if dom.tag(n) not in ("html", "body")]
        if rule.unless:
            nodes = _spare_exempt(nodes, rule, trace)
        nodes = dom.outermost(nodes)
        if rule.guarded and nodes:
            if size is None and tree.body is not None:
                size = _page_size(tree.body, options, page_type)
            if size is not None:
                nodes = _spare_wrappers(nodes, rule.name, size, options, trace)
        if trace.enabled:
            for n in nodes:
                trace.add("clean", dom.node_path(n), rule.name, "drop",
                          value=dom.text_len(n), text=dom.text_of(n)[:80])
        dom.remove(nodes)


_TOGGLE = "button, summary, [aria-expanded], [aria-controls], [role=button], h2, h3, h4, h5, h6"


def _disclosed(node: Node) -> bool:
    """A collapsed panel a reader opens: right after its toggle (a button, a heading,
    a question), or a tab pane beside a visible pane of the same class."""
    prev = node.prev
    while prev is not None and dom.tag(prev)[:1] in ("-", "_"):
        prev = prev.prev
    if prev is not None and (dom.matches(prev, _TOGGLE) or prev.css_first(_TOGGLE) is not None
                             or dom.text_of(prev).rstrip().endswith("?")):
        return True
    cls = dom.attr(node, "class")
    if not cls or node.parent is None:
        return False
    return any(dom.attr(sib, "class") == cls and not _looks_hidden(sib)
               for sib in node.parent.iter() if sib.mem_id != node.mem_id)


def _looks_hidden(node: Node) -> bool:
    style = (dom.attr(node, "style") or "").replace(" ", "").lower()
    return "hidden" in node.attributes or "display:none" in style or "visibility:hidden" in style


def _spare_exempt(nodes: list[Node], rule: Rule, trace: Trace) -> list[Node]:
    out = []
    for n in nodes:
        if dom.matches(n, rule.unless) or _disclosed(n):
            if trace.enabled:
                trace.add("clean", dom.node_path(n), rule.name, "spare (exempt)",
                          text=dom.text_of(n)[:80])
            continue
        out.append(n)
    return out


def _spare_wrappers(nodes: list[Node], rule: str, size: _PageSize, options: CleanOptions,
                    trace: Trace) -> list[Node]:
    out = []
    for n in nodes:
        share = size.share(n)
        if share > options.guard_text_share:
            if trace.enabled:
                trace.add("clean", dom.node_path(n), rule, "spare (guard)",
                          value=share, threshold=options.guard_text_share)
            continue
        out.append(n)
    return out


def _paragraphs(node: Node) -> int:
    return sum(1 for p in node.css("p") if dom.text_len(p) >= _PARAGRAPH_CHARS)


def _in_chrome(node: Node | None) -> bool:
    """Inside a nav, header, footer or aside element (a mega menu's item descriptions)."""
    while node is not None:
        if dom.tag(node) in ("nav", "header", "footer", "aside"):
            return True
        node = node.parent
    return False


def _apply_token_rules(
    body: Node, options: CleanOptions, trace: Trace, size: _PageSize, index: _TokenIndex
) -> None:
    doomed: list[tuple[Node, TokenRule]] = []
    page_text: list[str] = []  # computed on first use: most pages never need it
    groups: dict[tuple[int, str], float] = {}
    spared: dict[str, set[int]] = {}  # rule name -> elements spared as a group

    def inside_spared(node: Node, rule: TokenRule) -> bool:
        ids = spared.get(rule.name)
        p = node.parent
        while ids and p is not None:
            if p.mem_id in ids:
                return True
            p = p.parent
        return False

    def group_share(node: Node) -> float:
        """Share of the page's prose held by the node and its same-class siblings."""
        cls, parent = dom.attr(node, "class"), node.parent
        if not cls or parent is None:
            return 0.0
        key = (parent.mem_id, cls)
        if key not in groups:
            twins = [c for c in parent.iter() if dom.attr(c, "class") == cls]
            prose = len(twins) >= _GROUP_MIN and not _in_chrome(parent) and \
                sum(_paragraphs(c) for c in twins) >= len(twins)
            groups[key] = sum(prose_len(c) for c in twins) / size.prose if prose else 0.0
        return groups[key]

    def repeated(node: Node) -> bool:
        probe = dom.longest_run(node)[:_REPEAT_PROBE_CHARS]
        if len(probe) < _REPEAT_MIN_CHARS:
            return False
        if not page_text:
            page_text.append(dom.flat_text(body))
        return page_text[0].count(probe) >= 2

    def visit(node: Node) -> bool:
        t = dom.tag(node)
        if t in _PROTECTED_TAGS or t.startswith("-"):
            return True
        rule = match_token_rule(dom.class_id(node), index)
        if rule is None or t in rule.spare_tags:
            return True
        share = size.share(node, prose_widget=not rule.guarded and rule.max_paragraphs is None)
        limit = options.guard_text_share if rule.guarded else _HARD_GUARD_SHARE
        if rule.guarded:
            grouped = group_share(node)
            if grouped > limit:
                spared.setdefault(rule.name, set()).add(node.mem_id)
            share = max(share, grouped)
        if share > limit or inside_spared(node, rule) or (
                rule.guarded and node.css_first(_LANDMARK) is not None) or (
                rule.max_paragraphs is not None and _paragraphs(node) > rule.max_paragraphs):
            if trace.enabled:
                why = "spare (group)" if node.mem_id in spared.get(rule.name, ()) else \
                    "spare (inside group)" if inside_spared(node, rule) else "spare (guard)"
                trace.add("clean", dom.node_path(node), rule.name, why,
                          value=share, threshold=limit)
            return True
        if rule.repeated_only and not repeated(node):
            if trace.enabled:
                trace.add("clean", dom.node_path(node), rule.name, "spare (not repeated)",
                          text=dom.longest_run(node)[:80])
            return True
        doomed.append((node, rule))
        return False

    dom.walk(body, visit)
    for node, rule in doomed:
        if trace.enabled:
            trace.add("clean", dom.node_path(node), rule.name, "drop",
                      value=dom.text_len(node), text=dom.text_of(node)[:80])
        node.decompose()


def _heading_key(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(":").strip()


_SECTION_SET = frozenset(SECTION_HEADINGS)


def _apply_section_headings(
    tree: Tree, options: CleanOptions, trace: Trace, size: _PageSize
) -> None:
    targets: list[Node] = []
    for h in tree.css("h2, h3, h4, h5, h6"):
        key = _heading_key(h.text(deep=True))
        if key not in _SECTION_SET:
            continue
        section = h.parent
        target = h
        if section is not None and dom.tag(section) not in ("body", "main", "article", "html"):
            share = size.share(section)
            if share < options.guard_text_share / 3 and section.css_first(_LANDMARK) is None:
                target = section
        if trace.enabled:
            trace.add("clean", dom.node_path(target), "section-heading", "drop",
                      value=dom.text_len(target), text=key)
        targets.append(target)
    dom.remove(targets)
