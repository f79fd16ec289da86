"""Stage 2, parse: bytes → text (charset) → Tree.

Charset order (the WHATWG sniffing order, with one repair):

1. a byte-order mark;
2. the HTTP ``Content-Type`` charset, when known;
3. a ``<meta charset>`` / ``http-equiv`` declaration in the first 4 KB, which is also
   a second opinion when the HTTP charset fails to decode or is a Western server
   default (``iso-8859-1``) while the <meta> names another charset that decodes;
4. UTF-8, when the bytes are valid UTF-8;
5. Windows-1252 when the page says it is written in a Western language (``<html
   lang>``, a content-language ``<meta>``, ``og:locale``: ``CP1252_LANGUAGES``) and
   the bytes read in it as Western text (``western_reading``: every character above
   ASCII an accented letter or sign of those languages, and such letters a small
   share of all letters; templates that say ``lang="en"`` on a Russian page fail it);
6. detection with charset-normalizer. On a short page its candidates tie (French
   decodes as cleanly in Central European cp1250, a Spanish line in Big5) and the
   first of the tie wins, so Windows-1252 wins instead when the page declares no
   language, charset-normalizer finds Windows-1252 about as clean (``_TIE``) and
   its reading is Western text that also holds three distinct common words of one
   Western language (``metarules.STOPWORDS``). Windows-1252 is the web's most
   common single-byte charset and the WHATWG default for undeclared pages. One
   line with too few words stays ambiguous ("Dobrý den" decodes the same way in
   Czech cp1250) and keeps the detected charset;
7. Windows-1252 with replacement characters, which never fails.

The repair: a declared single-byte charset (ISO-8859-1, Windows-1252, ASCII) loses to
UTF-8 when the bytes are valid UTF-8 and hold non-ASCII sequences, because servers
often send ``charset=iso-8859-1`` for UTF-8 pages, while the reverse mistake cannot
produce valid UTF-8 by accident.
"""

from __future__ import annotations

import codecs
import logging
import re
import zlib

from .dom import Tree, build_tree
from .errors import DecodeError, LimitExceeded, ParseError
from .metarules import STOPWORDS
from .options import DEFAULT_OPTIONS, Options
from .record import Page

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_.:-]+)", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SINGLE_BYTE = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "ascii", "us-ascii",
                "iso8859-1", "l1"}

# Languages written in Windows-1252 (ISO-8859-1 plus typographic quotes, the euro
# sign, š/ž/œ): a page in one of them with no declared charset is Windows-1252 when
# its bytes decode in it. Primary subtags.
CP1252_LANGUAGES: frozenset[str] = frozenset({
    "af", "br", "ca", "da", "de", "en", "es", "et", "eu", "fi", "fo", "fr", "fy", "ga",
    "gd", "gl", "id", "is", "it", "lb", "ms", "nb", "nl", "nn", "no", "oc", "pt", "rm",
    "sq", "sv", "sw", "tl", "wa",
})
_LANG_HINTS = (
    re.compile(rb"""<html\b[^>]*?\blang\s*=\s*["']?\s*([a-zA-Z]{2,3})(?![a-zA-Z])""",
               re.IGNORECASE),
    re.compile(rb"""<meta[^>]+http-equiv\s*=\s*["']?content-language["']?[^>]*?content\s*=\s*"""
               rb"""["']?\s*([a-zA-Z]{2,3})(?![a-zA-Z])""", re.IGNORECASE),
    re.compile(rb"""<meta[^>]+property\s*=\s*["']?og:locale["']?[^>]*?content\s*=\s*"""
               rb"""["']?\s*([a-zA-Z]{2,3})(?![a-zA-Z])""", re.IGNORECASE),
)
# What Western text shows above ASCII: accented letters of the CP1252_LANGUAGES,
# typographic punctuation and a few signs. A Windows-1252 reading of Turkish,
# Polish, Cyrillic or Greek bytes shows letters outside it (þ ð ý ¹ ³ Ÿ, or š/ž that
# Central European code pages share) or too many of them.
WESTERN_CHARS: frozenset[str] = frozenset(
    "àâäáãåçèéêëìíîïñòóôöõøùúûüÿœæßÀÂÄÁÃÅÇÈÉÊËÌÍÎÏÑÒÓÔÖÕØÙÚÛÜŒÆ"
    "‘’‚“”„–—…•«»‹›¿¡€£©®™°ºª·§\u00a0")
# ... and letters above ASCII are at most this share of a Western text's letters
# (2-8% in French, Portuguese or German prose; nearly all of Greek read as cp1252)
_WESTERN_SHARE = 0.25
# Without a declared language, a Western language shows in the words: at least this
# many distinct common words of one language (metarules.STOPWORDS) in the text
_WESTERN_WORDS = 3
# ... and charset-normalizer's chaos (its mess measure) of the Windows-1252 reading
# is at most this much above the detected charset's (ties on short pages are 0.00;
# one odd sign moves it by a few hundredths)
_TIE = 0.05
_HIGH = re.compile(r"[^\x00-\x7f]")
_LETTER = re.compile(r"[^\W\d_]")
_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
_WORD = re.compile(r"[^\W\d_]+")

# The text encodings of the web (the WHATWG Encoding Standard, as Python codec names,
# with the supersets Python names apart: cp932, cp949, big5hkscs). A page or a server
# that declares another codec Python knows (cp037, utf-7, rot13, "undefined", which
# raises UnicodeError on use) is not believed, as browsers do not believe it.
WEB_ENCODINGS: frozenset[str] = frozenset({
    "utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp866", "iso8859-1", "iso8859-2",
    "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7", "iso8859-8",
    "iso8859-9", "iso8859-10", "iso8859-11", "iso8859-13", "iso8859-14", "iso8859-15",
    "iso8859-16", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "cp1250",
    "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "tis-620", "gbk", "gb2312", "gb18030", "big5", "big5hkscs", "euc_jp", "iso2022_jp",
    "shift_jis", "cp932", "euc_kr", "cp949", "ascii",
})
_UTF16 = frozenset({"utf-16", "utf-16-le", "utf-16-be"})

log = logging.getLogger(__name__)


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def _web_encoding(name: str | None, *, in_meta: bool = False) -> str | None:
    """A declared charset as a Python codec name, when it is a web encoding. A
    ``<meta>`` that declares UTF-16 was read as ASCII, so the page is UTF-8 (WHATWG)."""
    codec = _lookup(name)
    if codec not in WEB_ENCODINGS:
        return None
    return "utf-8" if in_meta and codec in _UTF16 else codec


def sniff_charset(data: bytes, content_type: str | None = None) -> tuple[str | None, str]:
    """The declared charset and where it came from ("bom", "http", "meta" or "none")."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, "bom"
    if content_type:
        m = _HEADER_CHARSET.search(content_type)
        if m and _web_encoding(m.group(1)):
            return _web_encoding(m.group(1)), "http"
    m2 = _META_CHARSET.search(data[:4096])
    if m2:
        name = _web_encoding(m2.group(1).decode("ascii", "ignore"), in_meta=True)
        if name:
            return name, "meta"
    return None, "none"


def _is_binary(data: bytes) -> bool:
    head = data[:2048]
    if not head:
        return False
    if head.count(b"\x00") > len(head) // 10:  # UTF-16 without BOM would land here too
        return True
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl > len(head) // 20


def _looks_utf16(data: bytes) -> bool:
    """Whether NUL bytes fill one byte of each pair, as in UTF-16 markup (the high
    byte of every ASCII character), and not the other: random binary has few NULs."""
    head = data[:2048]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    high, low = max(even, odd), min(even, odd)
    return high > len(head) // 8 and low * 10 < high


def maybe_gunzip(data: bytes, max_bytes: int = DEFAULT_OPTIONS.max_bytes) -> bytes:
    """Inflate gzip bodies (saved pages, some servers), member by member, at most
    ``max_bytes`` (a 300 KB gzip of one letter inflates to 300 MB: without the cap it
    was inflated whole and parsed for 20 s); a truncated file keeps what inflates.
    Other data is returned as is."""
    out: list[bytes] = []
    size = 0
    rest = data
    while rest[:2] == b"\x1f\x8b":
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = d.decompress(rest, max_bytes + 1 - size)
        except zlib.error as exc:
            if size:
                break  # a corrupt member after good ones: keep those
            raise DecodeError(f"corrupt gzip data: {exc}") from exc
        out.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise LimitExceeded("inflated bytes", size, max_bytes)
        if not d.eof:
            break  # cut short: keep what inflated
        rest = d.unused_data
    return b"".join(out) if out else data


def _meta_second_opinion(data: bytes, declared: str | None,
                         where: str) -> tuple[str, str] | None:
    """The page's own <meta> charset when the HTTP header was wrong or a server default.

    Servers send ``charset=utf-8`` or ``iso-8859-1`` by configuration for pages whose
    author declared, say, windows-1251 in a <meta>. When the header's charset did not
    decode (multi-byte) or is a Western default (single-byte), a different non-Western
    <meta> charset that decodes cleanly is the better witness.
    """
    if where != "http":
        return None
    m = _META_CHARSET.search(data[:4096])
    meta = _web_encoding(m.group(1).decode("ascii", "ignore"), in_meta=True) if m else None
    if not meta or meta == declared or meta.replace("_", "-") in _SINGLE_BYTE:
        return None
    try:
        return data.decode(meta), meta
    except (UnicodeError, LookupError):
        return None


def decode(data: bytes, content_type: str | None = None, *,
           max_bytes: int = DEFAULT_OPTIONS.max_bytes) -> tuple[str, str]:
    """Decode page bytes to text (gzip inflated up to ``max_bytes``). Returns
    (text, encoding-used)."""
    data = maybe_gunzip(data, max_bytes)
    declared, where = sniff_charset(data, content_type)
    if where == "bom" and declared:
        return data.decode(declared, errors="replace").lstrip("\ufeff"), declared
    if _is_binary(data) and not (declared in _UTF16 and _looks_utf16(data)):
        raise DecodeError("input looks binary, not HTML text")
    if declared and declared.replace("_", "-") not in _SINGLE_BYTE:
        try:
            return data.decode(declared), declared
        except (UnicodeError, LookupError):
            pass  # a wrong declaration: fall through to UTF-8 and detection
    second = _meta_second_opinion(data, declared, where)
    if second is not None:
        return second
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:  # a single-byte declaration on bytes that are not UTF-8: trust it
        return data.decode("cp1252" if declared != "iso8859-1" else "iso8859-1",
                           errors="replace"), declared
    lang = language_hint(data)
    if lang in CP1252_LANGUAGES:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""  # bytes Windows-1252 leaves undefined: not Western after all
        if text and western_reading(text, need_words=False):
            return text, "cp1252"
    detected = _detect(data, prefer_cp1252=lang is None)
    if detected:
        return data.decode(detected, errors="replace"), detected
    return data.decode("cp1252", errors="replace"), "cp1252"


def language_hint(data: bytes) -> str | None:
    """The primary language subtag the page declares in its first 4 KB, lower-cased."""
    head = data[:4096]
    for pattern in _LANG_HINTS:
        m = pattern.search(head)
        if m:
            return m.group(1).decode("ascii").lower()
    return None


def _detect(data: bytes, *, prefer_cp1252: bool) -> str | None:
    """charset-normalizer's encoding for undeclared bytes, unless Windows-1252 reads
    them as Western text (see the module doc); None when detection finds nothing."""
    try:
        from charset_normalizer import from_bytes

        sample = data[:200_000]
        best = from_bytes(sample).best()
        if best is None or not best.encoding:
            return None
        if prefer_cp1252 and _lookup(best.encoding) not in ("cp1252", "ascii"):
            alt = from_bytes(sample, cp_isolation=["cp1252"]).best()
            if alt is not None and alt.chaos <= best.chaos + _TIE \
                    and western_reading(str(alt), need_words=True):
                return "cp1252"
        return str(best.encoding)
    except (LookupError, ValueError, RuntimeError) as exc:  # best-effort; cp1252 never fails
        log.debug("charset detection failed: %s", exc)
        return None


def western_reading(text: str, *, need_words: bool) -> bool:
    """Whether a Windows-1252 reading looks like Western text: every character above
    ASCII in ``WESTERN_CHARS`` and such letters a small share of all letters; with
    ``need_words``, also the common words of one Western language in it."""
    high = _HIGH.findall(text)
    if not WESTERN_CHARS.issuperset(high):
        return False
    high_letters = sum(1 for ch in high if ch.isalpha())
    if high_letters > _WESTERN_SHARE * max(len(_LETTER.findall(text)), 1):
        return False
    if not need_words:
        return True
    words = set(_WORD.findall(_TAG.sub(" ", text[:50_000]).lower()))
    return any(len(words & common) >= _WESTERN_WORDS for common in STOPWORDS.values())


def to_text(page: Page | bytes | str, options: Options = DEFAULT_OPTIONS) -> tuple[str, str]:
    """Page, bytes or str → (text, encoding). Checks the size guard first."""
    content = page.content if isinstance(page, Page) else page
    ctype = page.content_type if isinstance(page, Page) else None
    size = len(content)
    if size > options.max_bytes:
        raise LimitExceeded("input bytes", size, options.max_bytes)
    if isinstance(content, str):
        text, enc = content, "str"
    else:
        text, enc = decode(content, ctype, max_bytes=options.max_bytes)
    if not text.strip():
        raise ParseError("empty input")
    return text, enc


# A tracking pixel written as <noscript><iframe … /></noscript> (tag managers):
# browsers run scripts and read <noscript> as raw text, but the parser runs with
# scripting off, and an <iframe> (raw text up to "</iframe>", never self-closed)
# would swallow the rest of the page. Such an iframe shows nothing: it is dropped.
_NOSCRIPT_IFRAME = re.compile(r"<noscript>\s*<iframe\b[^>]*/>\s*</noscript>", re.IGNORECASE)


# Block containers whose start tag makes an HTML parser look down the stack of open
# elements for a <p> to close ("in button scope"): nested thousands deep, each start tag
# costs a walk of the whole stack, and parsing grows with the square of the depth
# (200,000 nested <div>s take over a minute in lexbor). Browsers cap the depth instead
# (Blink re-parents below depth 512); so do we, before parsing.
_BLOCK_TAG = re.compile(
    r"<(/?)(?:div|section|article|aside|nav|header|footer|main|ul|ol|dl|dd|dt|blockquote|"
    r"fieldset|figure|form|details|summary|dialog|center|menu|address|hgroup|search)"
    r"(?=[\s/>])[^>]*>",
    re.IGNORECASE,
)


def cap_nesting(text: str, max_depth: int) -> tuple[str, int]:
    """Drop block start tags nested deeper than ``max_depth`` and their end tags.

    The text inside is kept (it joins the block at the cap); only the nesting goes.
    Returns the new text and how many start tags were dropped. The count of open
    tags is approximate (implied end tags are not modelled), which only matters on
    pages already thousands of levels deep.
    """
    stack: list[bool] = []  # per open tag: dropped?
    cuts: list[tuple[int, int]] = []
    dropped = 0
    for m in _BLOCK_TAG.finditer(text):
        if m.group(1):
            if stack and stack.pop():
                cuts.append(m.span())
        elif m.group(0).endswith("/>"):
            continue
        else:
            deep = len(stack) >= max_depth
            stack.append(deep)
            if deep:
                cuts.append(m.span())
                dropped += 1
    if not cuts:
        return text, 0
    parts: list[str] = []
    last = 0
    for start, end in cuts:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return "".join(parts), dropped


# A start tag this long may carry thousands of attributes. An HTML parser checks each
# new attribute against those already read (duplicates are dropped), so one element
# with 40,000 distinct attributes takes lexbor 3 s and 200,000 take minutes. Long tags
# are rare (an inline base64 image is one long attribute), so only they are read. A tag
# whose quoted values hold ">" every few attributes escapes this cheap scan (a
# quote-aware one costs three times as much on every page); the batch's per-page time
# limit still stops such a page.
_LONG_TAG = re.compile(r"<[a-zA-Z][^>]{20000}")
_TAG_NAME = re.compile(r"<[^\s/>]+")
_ATTRIBUTE = re.compile(r"""\s*(?:[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?|/)""")


def cap_attributes(text: str, max_attributes: int) -> tuple[str, int]:
    """Drop the attributes of a start tag beyond its first ``max_attributes``.

    Returns the new text and how many attributes were dropped. Only start tags with
    20,000 characters before their first ``>`` are read, so an ordinary page costs one
    regex scan.
    """
    parts: list[str] = []
    last = dropped = 0
    for m in _LONG_TAG.finditer(text):
        if m.start() < last:
            continue
        name = _TAG_NAME.match(text, m.start())
        pos = name.end() if name else m.start() + 1
        count, cut = 0, -1
        while (a := _ATTRIBUTE.match(text, pos)) is not None and a.end() > pos:
            pos = a.end()
            if a.group().strip() != "/":
                count += 1
                if count == max_attributes:
                    cut = pos
        if count > max_attributes:
            parts.append(text[last:cut])
            last = pos
            dropped += count - max_attributes
    if not parts:
        return text, 0
    parts.append(text[last:])
    return "".join(parts), dropped


# lexbor inserts each <option> of a <select> in time that grows with the options before
# it, closed or not: 20,000 options take 1.5 s and 80,000 take 40 s. Options are form
# controls, never content (the clean stage drops them), so those beyond
# ``max_options`` are cut before parsing. The development pages have at most 1,854.
_OPTION = re.compile(r"<option\b[^>]*>[^<]*(?:</option\s*>)?", re.IGNORECASE)


def cap_options(text: str, max_options: int) -> tuple[str, int]:
    """Drop ``<option>`` elements after the first ``max_options`` of the page.
    Returns the new text and how many were dropped; a page with fewer ``<option``
    strings than the cap costs two ``str.count``."""
    if text.count("<option") + text.count("<OPTION") <= max_options:
        return text, 0
    seen = 0

    def cut(m: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        return m.group() if seen <= max_options else ""

    capped = _OPTION.sub(cut, text)
    return capped, max(0, seen - max_options)


def parse(text: str, options: Options = DEFAULT_OPTIONS) -> Tree:
    """Text → Tree, refusing documents with more nodes than ``options.max_nodes``.

    Block nesting deeper than ``options.max_depth`` is flattened first (see
    ``cap_nesting``); pages with fewer tags than four times that depth are not scanned,
    since their parse cannot blow up. Attributes beyond ``options.max_attributes`` on
    one element (``cap_attributes``) and ``<option>`` elements beyond
    ``options.max_options`` (``cap_options``) are dropped first, for the same reason.
    """
    if "\x00" in text:
        text = text.replace("\x00", "")
    text = _NOSCRIPT_IFRAME.sub("", text)
    text, cut = cap_attributes(text, options.max_attributes)
    if cut:
        log.info("dropped %d attributes beyond %d on one element", cut, options.max_attributes)
    text, cut = cap_options(text, options.max_options)
    if cut:
        log.info("dropped %d <option> elements beyond %d", cut, options.max_options)
    tags = text.count("<")
    if tags > 4 * options.max_depth:
        text, dropped = cap_nesting(text, options.max_depth)
        if dropped:
            log.info("flattened %d block tags nested deeper than %d", dropped, options.max_depth)
    tree = build_tree(text)
    if tags > options.max_nodes:  # cheap pre-check before counting
        n = tree.count_nodes()
        if n > options.max_nodes:
            raise LimitExceeded("nodes", n, options.max_nodes)
    return tree
