"""Selected blocks → text (``txt``) or Markdown (``md``).

Plain text follows the WCXB convention: headings on their own lines, paragraphs
separated by one blank line, list items as "- item"; lines broken by <br> stay
on consecutive lines.
"""

from __future__ import annotations

from .dom import Block, Doc
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
