"""Stage 5, select: choose the content container and the blocks to keep inside it.

1. Start from the best-scoring container (``score.Scores.best``).
2. Widen it while it holds less than ``min_container_share`` of the page's good
   text: content split over sibling columns is one content.
3. Inside it keep ``good`` blocks; keep ``short`` blocks and headings by context
   (jusText's neighbour rule): a short block stays when content surrounds it, a
   heading stays when content follows it; ``bad`` blocks go.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

from .dom import Block, Doc
from .metadata import date_line, meta_line
from .options import DEFAULT_OPTIONS, SelectOptions
from .rules import NOTE_PARTS
from .score import Scores
from .service import in_slider, keep_inclusive
from .tracing import NULL_TRACE, Trace

_SHORT_LINKY = 0.5
# Bylines, dates and reading times open many articles; benchmarks and readers
# count them as page furniture, not text (metadata reads them separately).
_META_LINE = re.compile(
    r"^(by|por|von|par|di|de|door|av)\s|\bmin(ute)?s?\.? read\b|\b(19|20)\d{2}\b|\d{1,2}:\d{2}",
    re.IGNORECASE)  # a short block more than half link text is navigation


@dataclass(slots=True)
class Selection:
    container: int  # element index, -1 when nothing was found
    kept: list[int] = field(default_factory=list)  # block indices in document order
    strategy: str = "container"


def _good_in(doc: Doc, scores: Scores, idx: int, good_prefix: list[float]) -> float:
    e = doc.elements[idx]
    return good_prefix[e.end] - good_prefix[e.first]


def choose_container(doc: Doc, scores: Scores, options: SelectOptions,
                     trace: Trace = NULL_TRACE, page_type: str | None = None) -> int:
    best = scores.best
    min_share = dict(options.min_container_share_by_type).get(
        page_type or "", options.min_container_share)
    if best < 0:
        return -1
    good_prefix = [0.0]
    for s in scores.blocks:
        good_prefix.append(good_prefix[-1] + (s.value if s.cls == "good" else 0.0))
    total = good_prefix[-1] or 1.0
    idx = best
    while True:
        share = _good_in(doc, scores, idx, good_prefix) / total
        parent = doc.elements[idx].parent
        if share >= min_share or parent < 0:
            break
        if trace.enabled:
            trace.add("select", doc.path(idx), "min-container-share", "widen",
                      value=share, threshold=min_share)
        idx = parent
    if page_type in options.headline_types:
        idx = _take_in_headline(doc, idx, trace)
    if page_type in options.layout_cell_types:
        idx = _layout_cell(doc, idx, good_prefix, options.layout_cell_share, trace)
    if trace.enabled:
        trace.add("select", doc.path(idx), "best-container", "keep",
                  value=scores.containers[idx])
    return idx


def _layout_cell(doc: Doc, idx: int, good_prefix: list[float], share: float,
                 trace: Trace) -> int:
    """Narrow ``idx`` to the deepest table cell inside it that holds at least ``share``
    of its good text. Sites built before CSS layouts put the banner, the menu, the
    side columns (agenda, newsletter, visitor counter) and the footer in cells of
    one page-wide table; their short texts add up, and the best container becomes
    the whole table while one cell holds the article."""
    e = doc.elements[idx]
    whole = good_prefix[e.end] - good_prefix[e.first]
    if whole <= 0:
        return idx
    cell = idx
    for j in range(idx + 1, len(doc.elements)):
        c = doc.elements[j]
        if c.depth <= e.depth:
            break  # past the last descendant (elements are in document order)
        if c.tag == "td" and good_prefix[c.end] - good_prefix[c.first] >= share * whole:
            cell = j
    if cell != idx and trace.enabled:
        trace.add("select", doc.path(cell), "layout-cell", "narrow",
                  value=(good_prefix[doc.elements[cell].end]
                         - good_prefix[doc.elements[cell].first]) / whole, threshold=share)
    return cell


def _take_in_headline(doc: Doc, idx: int, trace: Trace) -> int:
    """Widen ``idx`` to the nearest ancestor that also holds the page's first ``h1``:
    a marketing page's content starts at its headline (the hero), while the best
    container is often one of the feature sections below it."""
    h1 = next((b for b in doc.blocks if b.heading == 1), None)
    e = doc.elements[idx]
    if h1 is None or e.first <= h1.idx < e.end:
        return idx
    above: set[int] = set()
    a = h1.element
    while a >= 0:
        above.add(a)
        a = doc.elements[a].parent
    j = idx
    while j >= 0 and j not in above:
        j = doc.elements[j].parent
    if j < 0:
        return idx
    if trace.enabled:
        trace.add("select", doc.path(j), "headline", "widen", text=h1.text)
    return j


def _keep_blocks(doc: Doc, scores: Scores, first: int, end: int, meta_line_chars: int = 0,
                 trace: Trace = NULL_TRACE) -> list[int]:
    cls = [scores.blocks[i].cls for i in range(first, end)]
    n = len(cls)
    if meta_line_chars:
        _mark_meta_lines(doc, cls, first, meta_line_chars, trace)
    keep = [c == "good" for c in cls]
    prev_dec, next_dec = _decided_neighbours(cls)
    for i, c in enumerate(cls):
        b = doc.blocks[first + i]
        s = scores.blocks[first + i]
        if c == "short":
            if s.link_density > _SHORT_LINKY:
                continue
            nxt, prv = next_dec[i], prev_dec[i]
            if nxt == "good" and prv == "good":
                keep[i] = True
            elif nxt == "good" and prv == "none" and not _META_LINE.search(b.text):
                keep[i] = True  # a lead line before the text (a kicker, a standfirst, a name)
            elif (b.list_item or b.cell) and (nxt == "good" or prv == "good"):
                keep[i] = True
        elif c == "heading" and next_dec[i] == "good":
            keep[i] = True
    return [first + i for i in range(n) if keep[i]]


def _mark_meta_lines(doc: Doc, cls: list[str], first: int, max_chars: int,
                     trace: Trace) -> None:
    """Turn the byline and dateline lines above the text (headings too: themes set
    "By Jane Doe" or "March 12, 2024" as an h6 or h2) into ``meta``: never kept,
    and invisible to the neighbour rule, so a standfirst above them still sees the
    text below ("Por Ana Costa, Jornal do Norte", "Publicado em 05/03/2023 às
    14h20": ``metadata.meta_line``). The text begins at the first ``good`` block
    that is neither; below it a byline credits a book or a quoted piece."""
    for i, c in enumerate(cls):
        b = doc.blocks[first + i]
        if c not in ("good", "short", "heading") or b.heading == 1:
            continue
        kind = meta_line(b.text) if b.chars <= max_chars else None
        if kind:
            cls[i] = "meta"
            if trace.enabled:
                trace.add("select", doc.path(b.element), kind, "drop", value=b.chars,
                          threshold=max_chars, text=b.text)
        elif c == "good":
            return


def _decided_neighbours(cls: list[str]) -> tuple[list[str], list[str]]:
    """For each position, the class of the nearest good-or-bad block before and
    after it ("none" at the ends): two passes, not a search per short block."""
    n = len(cls)
    prev_dec, next_dec = ["none"] * n, ["none"] * n
    last = "none"
    for i in range(n):
        prev_dec[i] = last
        if cls[i] in ("good", "bad"):
            last = cls[i]
    last = "none"
    for i in range(n - 1, -1, -1):
        next_dec[i] = last
        if cls[i] in ("good", "bad"):
            last = cls[i]
    return prev_dec, next_dec


CARD_TYPES = frozenset({"listing", "collection"})


def _keep_cards(doc: Doc, scores: Scores, first: int, end: int) -> list[int]:
    """Card mode: every block of the card container but boilerplate phrases and
    menu-like short links."""
    return [i for i in range(first, end) if scores.card_values[i] >= 0]


def use_cards(doc: Doc, scores: Scores, article_chars: int, page_type: str | None,
              options: SelectOptions) -> bool:
    if scores.best_cards < 0:
        return False
    if page_type in CARD_TYPES:
        return True
    return (article_chars < options.card_max_article_chars
            and scores.titles >= options.card_min_titles)


def tiny_page(doc: Doc, scores: Scores, options: SelectOptions = DEFAULT_OPTIONS.select,
              trace: Trace = NULL_TRACE) -> Selection:
    """The last resort when nothing was selected: a page with no block long enough
    to be text ("<p>Hello, world</p>") keeps its short blocks and headings that are
    not interface text, when they add up to at most ``tiny_page_chars`` and are
    not headings alone; otherwise they are the leftovers of an app shell or a footer
    (headings whose link lists cleaning removed), and the answer is nothing."""
    kept = [i for i, s in enumerate(scores.blocks)
            if s.cls in ("short", "heading") and s.link_density <= _SHORT_LINKY]
    chars = sum(doc.blocks[i].chars for i in kept)
    if chars > options.tiny_page_chars or all(scores.blocks[i].cls == "heading" for i in kept):
        kept = []  # leftovers, or headings over link lists that cleaning removed
    if trace.enabled:
        trace.add("select", "body", "tiny-page", "keep" if kept else "drop",
                  value=chars, threshold=options.tiny_page_chars)
    return Selection(container=-1, kept=kept, strategy="tiny" if kept else "none")


def dedupe(doc: Doc, kept: list[int], min_chars: int,
           spare: list[bool] | None = None) -> list[int]:
    """Drop blocks whose text already appeared: pages render the same widget or
    paragraph twice (desktop and mobile copies, sticky repeats). ``spare``: blocks
    never dropped (on service pages the lines of cards outside carousels: offer
    cards each repeat "Book by Dec 31" or "$200 in instant savings")."""
    seen: set[str] = set()
    out = []
    for i in kept:
        b = doc.blocks[i]
        if b.chars >= min_chars and not b.pre and not (spare and spare[i]):
            if b.text in seen:
                continue
            seen.add(b.text)
        out.append(i)
    return out


def drop_echoes(doc: Doc, kept: list[int], max_chars: int = DEFAULT_OPTIONS.select.echo_max_chars
                ) -> list[int]:
    """Drop a block that repeats the block kept just before it: equal to it, however
    short, or a line of at most ``max_chars`` (not a heading) all of whose words are
    in it. A shop card shows its name twice (image caption and link), its price
    twice or three times ("$279.95", then "$279.95 $279.95": regular and sale price,
    equal when nothing is on sale)."""
    out = []
    for k, i in enumerate(kept):
        if k and _echoes(doc.blocks[i], doc.blocks[kept[k - 1]], max_chars):
            continue
        out.append(i)
    return out


_WORD = re.compile(r"\w+")


def _echoes(b: Block, prev: Block, max_chars: int) -> bool:
    if b.text == prev.text:
        return True
    if b.heading or b.chars > max_chars:
        return False
    words = set(_WORD.findall(b.text.lower()))
    return bool(words) and words <= set(_WORD.findall(prev.text.lower()))


def drop_card_chrome(doc: Doc, scores: Scores, kept: list[int],
                     options: SelectOptions = DEFAULT_OPTIONS.select,
                     trace: Trace = NULL_TRACE) -> list[int]:
    """On a shop category page with descriptive copy of its own (``copy_min_chars``
    of prose outside the cards), drop the short lines of the product cards (prices,
    badges such as "-38%", counts, label links such as "Compare" or a colour) and
    the lines and links standing alone outside both the cards and the copy (sort
    bars, result counts, category links). The copy, the product names and the
    cards' own sentences stay."""
    in_card = scores.in_card or [False] * len(doc.blocks)
    copy = sum(doc.blocks[i].chars for i in kept if not in_card[i]
               and scores.blocks[i].cls == "good" and doc.blocks[i].chars >= options.copy_block_chars)
    if copy < options.copy_min_chars:
        return kept
    out = []
    for k, i in enumerate(kept):
        kind = _chrome_kind(doc, scores, kept, k, in_card[i], options.copy_label_words)
        if kind is None:
            out.append(i)
        elif trace.enabled:
            trace.add("select", doc.path(doc.blocks[i].element), kind, "drop", value=copy,
                      threshold=options.copy_min_chars, text=doc.blocks[i].text)
    return out


def _chrome_kind(doc: Doc, scores: Scores, kept: list[int], k: int, in_card: bool,
                 label_words: int) -> str | None:
    """Why block ``kept[k]`` of a shop page with copy is chrome, or None."""
    i = kept[k]
    b, s = doc.blocks[i], scores.blocks[i]
    if s.reason == "link-density":
        if not in_card:
            return "stray-link"  # a title-like link outside the cards: a category link
        return "card-label" if b.text.count(" ") + 1 < label_words else None
    if s.cls != "short" or b.heading:
        return None
    if in_card:
        return "card-short-line"  # a price, a badge, a count
    if b.list_item or _next_to_good(scores, kept, k):
        return None  # a short item of the copy's own lists and paragraphs
    return "stray-line"


def _next_to_good(scores: Scores, kept: list[int], k: int) -> bool:
    return (k > 0 and scores.blocks[kept[k - 1]].cls == "good") or (
        k + 1 < len(kept) and scores.blocks[kept[k + 1]].cls == "good")


def drop_trailing_teasers(doc: Doc, scores: Scores, kept: list[int],
                          share: float = DEFAULT_OPTIONS.select.trailing_teaser_share,
                          trace: Trace = NULL_TRACE) -> list[int]:
    """Drop the teaser cards (and the headings over them) kept after the article's
    last paragraph outside any card: a related-posts strip or carousel whose class
    names no rule recognises. Cards before that paragraph stay, and so do trailing
    cards holding more than ``share`` of the article's text (a roundup's
    items) or sitting in notes (footnotes, references: ``rules.NOTE_PARTS``)."""
    in_card = scores.in_card or [False] * len(doc.blocks)
    last = -1
    for i in kept:
        if scores.blocks[i].cls == "good" and not in_card[i]:
            last = i
    tail = [i for i in kept if i > last and in_card[i] and not _in_notes(doc, i)]
    if last < 0 or len(tail) < 2:
        return kept
    good = sum(doc.blocks[i].chars for i in kept if scores.blocks[i].cls == "good")
    tail_good = sum(doc.blocks[i].chars for i in tail if scores.blocks[i].cls == "good")
    if tail_good > share * (good - tail_good) and _dated(doc, tail) < _FEED_DATES:
        return kept  # a roundup's items: most of the text is in the cards
    drop = set(tail)
    for a, b in itertools.pairwise(kept):  # a heading over the dropped cards goes with them
        if a > last and b in drop and scores.blocks[a].cls == "heading":
            drop.add(a)
    if trace.enabled:
        for i in sorted(drop):
            trace.add("select", doc.path(doc.blocks[i].element), "trailing-teaser", "drop",
                      text=doc.blocks[i].text)
    return [i for i in kept if i not in drop]


def drop_headline(doc: Doc, kept: list[int], trace: Trace = NULL_TRACE) -> list[int]:
    """Drop the ``h1`` that opens the body: the article's headline is its title
    (``Record.title``), not its text."""
    if not kept or doc.blocks[kept[0]].heading != 1:
        return kept
    if trace.enabled:
        b = doc.blocks[kept[0]]
        trace.add("select", doc.path(b.element), "headline", "drop", text=b.text)
    return kept[1:]


# Trailing cards with at least this many date lines are a news feed ("latest
# stories"), however long their excerpts: a roundup's items carry no dates.
_FEED_DATES = 3


def _dated(doc: Doc, blocks: list[int]) -> int:
    return sum(1 for i in blocks if date_line(doc.blocks[i].text, doc.blocks[i].chars))


_HINT_PARTS = re.compile(r"[\s_\-]+")


def _in_notes(doc: Doc, block: int) -> bool:
    e = doc.blocks[block].element
    while e >= 0:
        el = doc.elements[e]
        if any(part.startswith(NOTE_PARTS) for part in _HINT_PARTS.split(el.hints)):
            return True  # word parts: "references" is a note, "preferences" is not
        e = el.parent
    return False


def select(doc: Doc, scores: Scores, options: SelectOptions = DEFAULT_OPTIONS.select,
           trace: Trace = NULL_TRACE, *, page_type: str | None = None) -> Selection:
    idx = choose_container(doc, scores, options, trace, page_type)
    kept: list[int] = []
    if idx >= 0:
        e = doc.elements[idx]
        if page_type in options.inclusive_types:
            kept = keep_inclusive(doc, scores, idx, options, trace)
        else:
            meta_chars = (options.meta_line_chars if page_type in options.meta_line_types
                          else 0)
            kept = _keep_blocks(doc, scores, e.first, e.end, meta_line_chars=meta_chars,
                                trace=trace)
    article_chars = sum(doc.blocks[i].chars for i in kept)
    if use_cards(doc, scores, article_chars, page_type, options):
        c = doc.elements[scores.best_cards]
        if trace.enabled:
            trace.add("select", doc.path(c.idx), "card-container", "keep",
                      value=scores.titles, threshold=options.card_min_titles)
        kept = dedupe(doc, _keep_cards(doc, scores, c.first, c.end), options.dedupe_min_chars)
        kept = drop_echoes(doc, kept, options.echo_max_chars)
        if page_type in options.copy_types:
            kept = drop_card_chrome(doc, scores, kept, options, trace)
        return Selection(container=c.idx, kept=kept, strategy="cards")
    if idx < 0:
        return Selection(container=-1, strategy="none")
    if page_type in options.dedupe_types:
        spare = None
        if page_type in options.inclusive_types and scores.in_card:
            spare = [c and not in_slider(doc, b.element)
                     for c, b in zip(scores.in_card, doc.blocks)]
        kept = dedupe(doc, kept, options.dedupe_min_chars, spare)
    if page_type in options.trailing_teaser_types:
        kept = drop_trailing_teasers(doc, scores, kept, options.trailing_teaser_share, trace)
    if page_type in options.drop_headline_types:
        kept = drop_headline(doc, kept, trace)
    e = doc.elements[idx]
    if trace.enabled:
        kept_set = set(kept)
        # blocks a specific rule already dropped (headline, byline, trailing teaser…)
        # are not reported a second time as dropped by context
        told = {(d.node, d.text) for d in trace.decisions
                if d.stage == "select" and d.verdict.startswith("drop")}
        for i in range(e.first, e.end):
            b = doc.blocks[i]
            if (i not in kept_set and b.chars >= 15
                    and (doc.path(b.element), b.text[:80]) not in told):
                trace.add("select", doc.path(b.element), scores.blocks[i].reason,
                          "drop (context)" if scores.blocks[i].cls != "bad" else "drop",
                          value=scores.blocks[i].link_density, text=b.text)
    return Selection(container=idx, kept=kept)


# Confidence: how sure we are that the body is right, from what selection saw.
# Each factor was read off a table of mean F1 by feature bin on every second
# wcxb-dev page; the product rises monotonically with F1 by quintile (docs/benchmarks.md).
_TYPE_PRIOR = {"article": 1.0, "documentation": 1.0, "forum": 0.9, "service": 0.85}
_OTHER_TYPE_PRIOR = 0.75  # products, listings, collections: harder pages
_MASS_DECADES = 4.0  # log10 of kept good chars at which the mass factor saturates (10k)
_BAD_HALF = 5000.0  # bad chars on the page that halve confidence
_CARDS_FACTOR = 0.7
_RETRY_FACTOR = 0.5


def confidence(doc: Doc, scores: Scores, selection: Selection, page_type: str | None,
               *, retried: bool = False) -> float:
    """A number in [0, 1] that rises with the expected quality of the body."""
    if not selection.kept:
        return 0.0
    good_all = good_kept = bad_all = body = 0
    kept = set(selection.kept)
    for b, s in zip(doc.blocks, scores.blocks):
        if s.cls == "good":
            good_all += b.chars
            if b.idx in kept:
                good_kept += b.chars
        elif s.cls == "bad":
            bad_all += b.chars
        if b.idx in kept:
            body += b.chars
    mass = min(1.0, math.log10(good_kept + 10) / _MASS_DECADES)
    share = good_kept / max(good_all, 1)
    purity = good_kept / max(body, 1)
    c = mass * (0.5 + 0.5 * share) * (0.4 + 0.6 * purity)
    c *= _TYPE_PRIOR.get(page_type or "", _OTHER_TYPE_PRIOR)
    if selection.strategy == "cards":
        c *= _CARDS_FACTOR
    if retried:
        c *= _RETRY_FACTOR
    return max(0.0, min(1.0, c / (1.0 + bad_all / _BAD_HALF)))
