"""The only module that imports the HTML parser (selectolax/lexbor).

It offers two things to the stages:

* ``Tree`` and ``Node``: the parsed document and a few helpers the clean stage needs
  (CSS queries, text length, removal);
* ``flatten(tree)``: one walk that turns the document into plain Python data the
  scoring and selection stages work on: ``Element`` rows (one per element, in
  document order) and ``Block`` rows (one per run of text between block-level
  boundaries). Every element knows the contiguous range of blocks it holds, so
  the text of any subtree is a slice, and sums over it are two prefix-sum reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .errors import ParseError
from .rules import BLOCK_TAGS, HEADING_TAGS

Node = LexborNode

_SKIP_TAGS = frozenset({"-comment", "-doctype", "script", "style", "noscript", "template"})
_LIST_TAGS = frozenset({"li", "dt", "dd"})
_CELL_TAGS = frozenset({"td", "th"})


class Tree:
    """A parsed HTML document."""

    __slots__ = ("_parser",)

    def __init__(self, parser: LexborHTMLParser) -> None:
        self._parser = parser

    @property
    def root(self) -> Node | None:
        return self._parser.root

    @property
    def body(self) -> Node | None:
        return self._parser.body

    @property
    def head(self) -> Node | None:
        return self._parser.head

    def css(self, selector: str) -> list[Node]:
        root = self._parser.root
        return root.css(selector) if root is not None else []

    def css_first(self, selector: str) -> Node | None:
        root = self._parser.root
        return root.css_first(selector) if root is not None else None

    def count_nodes(self) -> int:
        root = self._parser.root
        return sum(1 for _ in root.traverse()) if root is not None else 0

    def clone(self) -> Tree:
        return Tree(self._parser.clone())


def build_tree(text: str) -> Tree:
    """Parse HTML text. Raises ParseError when the result has no usable root."""
    try:
        parser = LexborHTMLParser(text)
    except Exception as exc:  # lexbor raises plain errors on allocation failures
        raise ParseError(f"HTML parser failed: {exc}") from exc
    if parser.root is None:
        raise ParseError("document has no root element")
    return Tree(parser)


# ---------------------------------------------------------------- node helpers
def tag(node: Node) -> str:
    return node.tag or ""


def attr(node: Node, name: str) -> str | None:
    return node.attributes.get(name)


def class_id(node: Node) -> str:
    """Lower-cased ``class`` and ``id`` values joined by a space ("" when absent)."""
    attrs = node.attributes
    c = attrs.get("class") or ""
    i = attrs.get("id") or ""
    if not c and not i:
        return ""
    return f"{c} {i}".lower()


def text_of(node: Node, sep: str = " ") -> str:
    return " ".join(node.text(deep=True, separator=sep).split())


def own_text(node: Node) -> str:
    """The element's own text, without its children's (whitespace collapsed)."""
    return " ".join(node.text(deep=False).split())


def text_len(node: Node) -> int:
    return len(node.text(deep=True, separator="").strip())


def flat_text(node: Node) -> str:
    """The node's text with every run of whitespace made one space."""
    return " ".join(node.text(deep=True, separator=" ").split())


def longest_run(node: Node) -> str:
    """The longest text node inside ``node``, whitespace collapsed."""
    best = ""
    for n in node.traverse(include_text=True):
        if n.tag == "-text":
            t = " ".join((n.text_content or "").split())
            if len(t) > len(best):
                best = t
    return best


def matches(node: Node, selector: str) -> bool:
    """Whether the node itself matches a CSS selector."""
    return bool(node.css_matches(selector))


def outermost(nodes: list[Node]) -> list[Node]:
    """Drop the nodes that lie inside another node of the list (so removal is safe)."""
    if len(nodes) < 2:
        return nodes
    ids = {n.mem_id for n in nodes}
    out: list[Node] = []
    for n in nodes:
        p = n.parent
        nested = False
        while p is not None:
            if p.mem_id in ids:
                nested = True
                break
            p = p.parent
        if not nested:
            out.append(n)
    return out


def remove(nodes: list[Node]) -> None:
    """Remove nodes and their subtrees; nested duplicates are handled."""
    for n in outermost(nodes):
        n.decompose()


def node_label(node: Node) -> str:
    """A short human label like ``div#main.entry-content`` for traces."""
    t = tag(node)
    a = node.attributes
    label = t
    if a.get("id"):
        label += "#" + (a.get("id") or "").split()[0][:30]
    if a.get("class"):
        label += "." + ".".join((a.get("class") or "").split()[:2])[:40]
    return label


def node_path(node: Node, depth: int = 4) -> str:
    parts = [node_label(node)]
    p = node.parent
    while p is not None and len(parts) < depth and tag(p) not in ("html", "-document", ""):
        parts.append(node_label(p))
        p = p.parent
    return " > ".join(reversed(parts))


def walk(root: Node, visit: Callable[[Node], bool]) -> None:
    """Depth-first walk over elements; ``visit`` returns False to skip a subtree.

    Iterative (an explicit stack), so 10,000 nested divs do not hit Python's
    recursion limit.
    """
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if not visit(node):
            continue
        kids = [c for c in node.iter(include_text=False)]
        kids.reverse()
        stack.extend(kids)


def iter_json_ld(tree: Tree) -> Iterator[str]:
    for s in tree.css('script[type="application/ld+json"]'):
        txt = s.text(deep=True)
        if txt:
            yield txt


def meta_tags(tree: Tree) -> list[tuple[str, str]]:
    """(name-or-property lower-cased, content) of every <meta> with content."""
    out: list[tuple[str, str]] = []
    for m in tree.css("meta"):
        a = m.attributes
        key = a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv")
        content = a.get("content")
        if key and content:
            out.append((key.strip().lower(), content.strip()))
    return out


# ---------------------------------------------------------------- flattening
@dataclass(slots=True)
class Element:
    """One element in document order. ``blocks`` is the range [first, end) it holds."""

    idx: int
    tag: str
    parent: int  # -1 for the root
    depth: int
    hints: str  # lower-cased "class id"
    itemprop: str
    role: str
    first: int = 0
    end: int = 0
    links: int = 0  # <a> elements inside (direct and nested)


@dataclass(slots=True)
class Block:
    """A run of text between block boundaries, owned by its innermost block element."""

    idx: int
    element: int
    tag: str
    text: str
    chars: int
    link_chars: int
    heading: int = 0  # 1-6 for h1-h6
    list_item: bool = False
    cell: bool = False
    pre: bool = False
    line: bool = False  # started by <br> inside its element
    href: str | None = None  # the block's single link target, when it is one link


@dataclass(slots=True)
class Doc:
    elements: list[Element] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    def path(self, idx: int, depth: int = 4) -> str:
        parts: list[str] = []
        while idx >= 0 and len(parts) < depth:
            e = self.elements[idx]
            if e.tag in ("html", "body"):
                break
            label = e.tag
            if e.hints:
                label += "." + ".".join(e.hints.split()[:2])[:40]
            parts.append(label)
            idx = e.parent
        return " > ".join(reversed(parts)) or "body"


_STYLED_INLINE = frozenset({"span", "time", "label", "abbr", "data"})


class _Flattener:
    __slots__ = (
        "after_br",
        "block_stack",
        "buf",
        "code_depth",
        "doc",
        "hrefs",
        "link_chars",
        "link_depth",
        "max_depth",
        "pre_depth",
    )

    def __init__(self, max_depth: int) -> None:
        self.doc = Doc()
        self.buf: list[str] = []
        self.link_chars = 0
        self.link_depth = 0
        self.pre_depth = 0
        self.code_depth = 0
        self.block_stack: list[int] = []
        self.max_depth = max_depth
        self.hrefs: list[str] = []
        self.after_br = False

    def flush(self) -> None:
        line = self.after_br
        self.after_br = False
        if not self.buf:
            return
        raw = "".join(self.buf)
        self.buf = []
        text = raw.strip() if self.pre_depth else " ".join(raw.split())
        link_chars = self.link_chars
        self.link_chars = 0
        hrefs = self.hrefs
        self.hrefs = []
        if not text:
            return
        owner = self.block_stack[-1] if self.block_stack else 0
        el = self.doc.elements[owner]
        t = el.tag
        # the innermost block of a list item or cell may be a <p> or <div> inside it
        list_item = t in _LIST_TAGS or self._inside(owner, _LIST_TAGS)
        heading = int(t[1]) if t in HEADING_TAGS else self._heading_above(owner)
        self.doc.blocks.append(Block(
            idx=len(self.doc.blocks), element=owner, tag=t, text=text, chars=len(text),
            link_chars=min(link_chars, len(text)), heading=heading, list_item=list_item,
            cell=t in _CELL_TAGS, pre=self.pre_depth > 0, line=line,
            href=hrefs[0] if len(hrefs) == 1 else None,
        ))

    def _inside(self, idx: int, tags: frozenset[str], hops: int = 3) -> bool:
        els = self.doc.elements
        for _ in range(hops):
            idx = els[idx].parent
            if idx < 0:
                return False
            if els[idx].tag in tags:
                return True
        return False

    def _heading_above(self, idx: int) -> int:
        els = self.doc.elements
        for _ in range(2):
            idx = els[idx].parent
            if idx < 0:
                return 0
            t = els[idx].tag
            if t in HEADING_TAGS:
                return int(t[1])
        return 0

    def run(self, root: Node) -> Doc:
        els = self.doc.elements
        # stack of (node, element index or -2 for "exit marker")
        stack: list[tuple[Node | None, int]] = [(root, -1)]
        while stack:
            node, parent = stack.pop()
            if node is None:  # exit marker: parent holds the element index
                e = els[parent]
                if e.tag in BLOCK_TAGS:
                    self.flush()
                    self.block_stack.pop()
                elif e.tag == "a":
                    self.link_depth -= 1
                if e.tag == "pre":
                    self.pre_depth -= 1
                elif e.tag == "code":
                    self.code_depth -= 1
                continue
            t = node.tag or ""
            if t == "-text":
                txt = node.text_content or ""
                if txt:
                    self.buf.append(txt)
                    if self.link_depth:
                        self.link_chars += len(txt.strip())
                continue
            if t in _SKIP_TAGS or t.startswith("-"):
                continue
            if t == "br":
                self.flush()
                self.after_br = True
                continue
            a = node.attributes
            depth = els[parent].depth + 1 if parent >= 0 else 0
            idx = len(els)
            c = a.get("class") or ""
            i = a.get("id") or ""
            el = Element(idx=idx, tag=t, parent=parent, depth=depth,
                         hints=f"{c} {i}".lower().strip() if (c or i) else "",
                         itemprop=(a.get("itemprop") or "").lower(),
                         role=(a.get("role") or "").lower())
            els.append(el)
            if t in BLOCK_TAGS:
                self.flush()
                self.block_stack.append(idx)
            elif (c and t in _STYLED_INLINE and not self.pre_depth and not self.code_depth
                  and self.buf and not self.buf[-1][-1:].isspace()):
                # a styled inline component right after text ("<span class=name>Language
                # </span><span class=value>English</span>") is laid out apart by CSS
                self.buf.append(" ")
            elif (t == "a" and self.buf and not self.buf[-1][-1:].isspace()
                  and node.prev is not None and node.prev.tag == "a"):
                # links written back to back (a tag list: "<a>Action</a><a>Racing</a>")
                # are separate items laid apart by CSS, not one word (wcxb-dev: two
                # store pages +0.2, collection +0.004, overall +0.0004, one page -0.03)
                self.buf.append(" ")
            if t == "a":
                self.link_depth += 1
                href = a.get("href")
                if href:
                    self.hrefs.append(href)
                p = parent  # count this link in every ancestor
                while p >= 0:
                    els[p].links += 1
                    p = els[p].parent
            if t == "pre":
                self.pre_depth += 1
            elif t == "code":
                self.code_depth += 1  # highlighted tokens are spans: never spaced
            stack.append((None, idx))
            if depth >= self.max_depth:
                # too deep: keep the text, stop structuring
                txt = node.text(deep=True, separator=" ")
                if txt.strip():
                    self.buf.append(" " + txt)
                continue
            kids = list(node.iter(include_text=True))
            for k in reversed(kids):
                stack.append((k, idx))
        self.flush()
        self._fix_ranges()
        return self.doc

    def _fix_ranges(self) -> None:
        """Make every element's range exact: [first block owned inside, last + 1)."""
        els = self.doc.elements
        n = len(els)
        lo = [1 << 60] * n
        hi = [-1] * n
        for b in self.doc.blocks:
            i = b.element
            lo[i] = min(lo[i], b.idx)
            hi[i] = max(hi[i], b.idx)
        for i in range(n - 1, 0, -1):
            p = els[i].parent
            if p >= 0:
                lo[p] = min(lo[p], lo[i])
                hi[p] = max(hi[p], hi[i])
        for i, e in enumerate(els):
            if hi[i] < 0:
                e.first = e.end = 0
            else:
                e.first, e.end = lo[i], hi[i] + 1


def flatten(tree: Tree, *, max_depth: int = 2000) -> Doc:
    """Turn the (cleaned) body into Element and Block rows. See the module docstring."""
    root = tree.body or tree.root
    if root is None:
        return Doc()
    return _Flattener(max_depth).run(root)


# ---------------------------------------------------------------- page profile
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(slots=True)
class Profile:
    """What one pass over the whole (uncleaned) document sees, for page-type detection.

    ``hints`` holds the raw "class id" string of every element that has either
    (callers lower-case them once, joined); ``group_hints`` the same for the
    elements whose tag is in the ``group_tags`` asked for (cards, posts, rows);
    ``attrs`` the values of the attributes asked for, as (attribute, value) pairs.
    """

    tags: dict[str, int] = field(default_factory=dict)
    hints: list[str] = field(default_factory=list)
    group_hints: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str]] = field(default_factory=list)
    metas: list[tuple[str, str]] = field(default_factory=list)  # (name/property, content)
    json_ld: list[str] = field(default_factory=list)
    root_classes: str = ""  # class attributes of <html> and <body>
    p_lengths: list[int] = field(default_factory=list)  # text length of every <p>
    link_chars: int = 0  # text length of all <a href>
    hrefs: list[str] = field(default_factory=list)  # every <a href> value, in order
    title: str = ""  # the <title> text
    heading_links: int = 0  # <a href> whose parent is a heading
    image_links: int = 0  # <img> whose parent or grandparent is an <a href>
    text: str = ""  # the body's text, less the scripts and styles directly in it


def profile(tree: Tree, attributes: tuple[str, ...], group_tags: frozenset[str]) -> Profile:
    """One walk over every element of the document; see ``Profile``."""
    root = tree.root
    out = Profile()
    if root is None:
        return out
    tags: dict[str, int] = {}
    hints = out.hints
    groups = out.group_hints
    found = out.attrs
    for node in root.traverse():
        t = node.tag or ""
        if t[:1] == "-":
            continue
        tags[t] = tags.get(t, 0) + 1
        a = node.attributes
        if t in _PROFILE_SPECIAL:
            _special(node, t, a, out)
        if not a:
            continue
        c = a.get("class")
        i = a.get("id")
        if c or i:
            h = f"{c} {i}" if c and i else (c or i or "")
            hints.append(h)
            if t in group_tags:
                groups.append(h)
            if t == "html" or t == "body":
                out.root_classes += " " + (c or "")
        if len(a) > (c is not None) + (i is not None):
            for k in attributes:
                v = a.get(k)
                if v:
                    found.append((k, v))
    out.tags = tags
    out.text = visible_text(tree)
    return out


def _special(node: Node, t: str, a: dict[str, str | None], out: Profile) -> None:
    """The few tags whose text or neighbours the profile looks at."""
    if t == "p":
        out.p_lengths.append(len(node.text(deep=True)))
    elif t == "a":
        href = a.get("href")
        if href is not None:
            out.hrefs.append(href)
            out.link_chars += len(node.text(deep=True))
            p = node.parent
            if p is not None and p.tag in _HEADINGS:
                out.heading_links += 1
    elif t == "img":
        p = node.parent
        for _ in range(2):
            if p is None:
                break
            if p.tag == "a":
                out.image_links += 1
                break
            p = p.parent
    elif t == "title":
        if not out.title:
            out.title = node.text(deep=True)
    elif t == "meta":
        key = a.get("property") or a.get("name") or a.get("itemprop")
        content = a.get("content")
        if key and content:
            out.metas.append((key.strip().lower(), content.strip()))
    elif t == "script" and (a.get("type") or "").strip().lower() == "application/ld+json":
        txt = node.text(deep=True)
        if txt:
            out.json_ld.append(txt)


_PROFILE_SPECIAL = frozenset({"p", "a", "img", "meta", "script", "title"})


_TEASER_TITLE_LINK = "h1 a[href], h2 a[href], h3 a[href], h4 a[href]"
_TEASER_DATE = ("time[datetime], [itemprop=datePublished], .published, .entry-date, "
                ".post-date")


def teaser_dates(tree: Tree, limit: int = 200, hops: int = 6) -> dict[str, str]:
    """The date of each teaser, raw, keyed by the title link of the teaser it sits
    in (the nearest ancestor holding a heading link): a ``<time datetime>``, or the
    content or text of a date-marked element (``itemprop=datePublished``, the
    ``published``/``entry-date`` classes of blog themes). Read before cleaning, which
    removes the meta lines that hold them."""
    out: dict[str, str] = {}
    for t in tree.css(_TEASER_DATE)[:limit]:
        a = t.attributes
        when = (a.get("datetime") or a.get("content") or t.text(deep=True)).strip()[:80]
        node = t.parent
        for _ in range(hops):
            if node is None:
                break
            link = node.css_first(_TEASER_TITLE_LINK)
            if link is not None:
                href = link.attributes.get("href")
                if href and when:
                    out.setdefault(href, when)
                break
            node = node.parent
    return out


def visible_text(tree: Tree) -> str:
    """The body's text without the scripts and styles that sit directly in it.

    Cheap rather than exact: scripts nested deeper still count (the clean stage
    removes them properly later)."""
    body = tree.body
    if body is None:
        return ""
    return " ".join(c.text(deep=True, separator=" ") for c in body.iter()
                    if c.tag not in _SKIP_TAGS)


def text_lengths(tree: Tree, selector: str) -> list[int]:
    """The text length (whitespace included) of every element matching ``selector``."""
    return [len(n.text(deep=True)) for n in tree.css(selector)]


def count(tree: Tree, selector: str) -> int:
    return len(tree.css(selector))
