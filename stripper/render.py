"""Selected blocks → text (``txt``) or Markdown (``md``).

Plain text follows the WCXB convention: headings on their own lines, paragraphs
separated by one blank line, list items as "- item"; lines broken by <br> stay
on consecutive lines.
"""

from __future__ import annotations

from .dom import Block, Doc
from .metadata import date_line, parse_date
from .rules import TEASER_TAIL


def block_text(b: Block) -> str:
    text = b.text
    if b.chars < 2000 and ("»" in text or "ore" in text.lower() or "…" in text or
                           "lesen" in text or "suite" in text or "mais" in text or "tutto" in text
                           or "leyendo" in text or "más" in text):
        stripped = TEASER_TAIL.sub("", text)
        if stripped:
            text = stripped
    return text


def render(doc: Doc, kept: list[int], fmt: str = "txt") -> str:
    parts: list[str] = []
    prev: Block | None = None
    for i in kept:
        b = doc.blocks[i]
        text = block_text(b)
        if fmt == "md":
            if b.heading:
                text = "#" * b.heading + " " + text
            elif b.pre:
                text = "```\n" + text + "\n```"
        if b.list_item and not b.heading:
            text = "- " + text
        same_element = prev is not None and prev.element == b.element
        if parts and same_element and b.line:
            parts[-1] += "\n" + text
        else:
            parts.append(text)
        prev = b
    return "\n\n".join(parts)


def _is_title(doc: Doc, i: int, title_words: int) -> bool:
    b = doc.blocks[i]
    if b.heading:
        return True
    return b.href is not None and b.link_chars >= 0.8 * b.chars and \
        b.text.count(" ") + 1 >= title_words


def render_items(doc: Doc, kept: list[int], title_words: int = 4,
                 dates: dict[str, str] | None = None) -> list[dict[str, str | None]]:
    """Teasers of a listing, in page order: each title (a heading or a title-like
    link) with the text that follows it as its summary and the link as its url."""
    items: list[dict[str, str | None]] = []
    current: dict[str, str | None] | None = None
    summary: list[str] = []
    for i in kept:
        b = doc.blocks[i]
        if _is_title(doc, i, title_words):
            if current is not None:
                current["summary"] = " ".join(summary) or None
                items.append(current)
            current = {"title": block_text(b), "url": b.href, "summary": None, "date": None}
            summary = []
        elif current is not None:
            text = block_text(b)
            if b.href and not current.get("url"):
                current["url"] = b.href
            if not current.get("date"):
                current["date"] = date_line(b.text, b.chars)
                if current["date"]:
                    continue
            if text and b.link_chars < 0.8 * b.chars and not _in_figure(doc, b.element):
                summary.append(text)
    if current is not None:
        current["summary"] = " ".join(summary) or None
        items.append(current)
    # a teaser leads somewhere: a heading with no link (the archive title, a
    # widget heading) is not an item
    items = [it for it in items if it["url"]]
    for it in items:  # a date marked up in the teaser beats no date
        if not it["date"] and dates and it["url"] in dates:
            it["date"] = parse_date(dates[it["url"] or ""])
    return items




def _in_figure(doc: Doc, idx: int, hops: int = 3) -> bool:
    """Captions describe the teaser's picture, not the story."""
    for _ in range(hops):
        if idx < 0:
            return False
        if doc.elements[idx].tag in ("figure", "figcaption"):
            return True
        idx = doc.elements[idx].parent
    return False
