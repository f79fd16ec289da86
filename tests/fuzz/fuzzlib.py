"""A seeded mutation fuzzer for the "bad input never crashes" rule.

``cases(seed, n)`` yields ``n`` inputs, each a ``Case(name, content, url)``: our fixture
pages (fixtures/pages/*/source.html) mutated — truncated, bytes flipped, NULs and
control bytes inserted, tag soup spliced in, re-encoded — and small pages written here
around the shapes that break parsers and metadata readers (unclosed raw-text elements,
foreign content, invalid and deeply nested JSON-LD, absurd dates, broken URLs).
Everything comes from one ``random.Random(seed)``: the same seed gives the same inputs.

``check(record)`` says what is wrong with a record, if anything: an error that is an
``internal-error`` (a bug caught by a safety net), or an error without kind, stage or a
one-line message. ``tests/fuzz/run.py`` runs many cases with timings; ``test_fuzz.py``
runs a few hundred in the suite.
"""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from stripper.record import Page, Record

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"

PARA = ("<p>A proper paragraph of text, with commas, long enough to count as the content "
        "of this page, and then some more words.</p>")


class FuzzRandom(random.Random):
    """``random.Random`` that also picks sizes, scaled down for the fast suite run."""

    def __init__(self, seed: int, scale: float = 1.0) -> None:
        super().__init__(seed)
        self.scale = scale

    def size(self, *choices: int) -> int:
        return max(1, int(self.choice(choices) * self.scale))


@dataclass(frozen=True)
class Case:
    name: str
    content: str | bytes
    url: str | None = None
    headers: tuple[tuple[str, str], ...] = ()

    def page(self) -> Page:
        return Page(content=self.content, url=self.url, source=self.name,
                    headers=dict(self.headers))


def fixtures() -> list[bytes]:
    return [p.read_bytes() for p in sorted(PAGES.glob("*/source.html"))]


# ------------------------------------------------------------------ fragments

SOUP = (
    "<div>", "</div>", "<p>", "</p>", "</html>", "</body>", "<html>", "<body>", "<head>",
    "<script>", "<script type='application/ld+json'>", "</script>", "<style>", "<!--", "-->",
    "<![CDATA[", "]]>", "<plaintext>", "<xmp>", "</xmp>", "<noscript>", "</noscript>",
    "<template>", "</template>", "<svg>", "</svg>", "<math>", "</math>", "<foreignObject>",
    "<textarea>", "<title>", "</title>", "<iframe>", "<noembed>", "<noframes>",
    "<table>", "<tr>", "<td>", "</table>", "<b><i>", "</b></i>", "<a href=x><a href=y>",
    "<select>", "<option>", "<frameset>", "<object>", "<button>", "<form>", "<form>",
    "<h1>", "</h2>", "<li>", "<ul>", "<dl><dt>", "<ruby><rt>", "<image>", "<isindex>",
    "<!DOCTYPE html>", "<?xml version='1.0'?>", "<!", "</", "<", ">", "&", "&#", "&#x",
    "&#xD800;", "&#x110000;", "&#0;", "&#xFFFF;", "&#99999999999;", "&amp", "&nbsp",
    "<div class=>", "<div class>", "<div class=a class=b id=c id=d>", "<p id='", '<p id="',
    "<time datetime='garbage'>", "<time datetime>", "<meta charset='utf-16'>",
    "<meta charset=undefined>", "<meta charset=cp037>", "<meta charset=utf-7>",
    "<meta http-equiv=content-type content='text/html; charset=rot13'>",
    "<meta charset=x-unknown>", "<meta name=author content>", "<base href='http://[::1'>",
    "<link rel=canonical href='http://%zz'>", "<h1></h1>", "<article>", "</article>",
    "<main>", "<nav>", "<aside>", "<header>", "<footer>", "\x00", "\x01", "\x0b", "\x1b",
    "\ufffe", "\ud7ff", "\u202e", "\u200b", "\U0010ffff",
)

DATES = ("31/02/2024", "99999-01-01", "0000-00-00", "1e20", "100000000000000000000",
         "-1", "2024-13-45T99:99:99Z", "yesterday", "", " ", "2024-02-30", "30 février 2024",
         "9999999999999", "2024-01-01T00:00:00+99:00", "NaN", "Infinity", "2024‐01‐01",
         "1/1/1", "12/31/99999", "0001-01-01", "2038-01-19T03:14:08Z", "\x00", "2024-W99")

URLS = ("http://[::1", "http://%zz", "http://", "https:///", "//", "javascript:alert(1)",
        "http://a b", "http://\x00/", "http://[::1]:99999/", "ftp://x", "http://xn--/",
        "http://" + "a" * 300 + ".com", "http://ex.com/%", "\ud800", "", " ", "mailto:",
        "http://ex.com/" + "é" * 20, "http://user:pa@ss@host/", "http://1.2.3.4.5/")


CHARSETS = ("utf-8", "utf-16", "utf-16le", "utf-16be", "iso-8859-1", "windows-1251",
            "shift_jis", "undefined", "cp037", "utf-7", "rot13", "base64", "x-unknown", "",
            "utf-32", "gb18030", '"utf-8"', "utf-8;q=1", "UTF8 ")


def _rand_text(rng: FuzzRandom, n: int) -> str:
    alphabet = "abcdefghij klmnop,. ÄéΩЖ中😀\t\n"
    return "".join(rng.choice(alphabet) for _ in range(n))


def _deep_json(depth: int, kind: str) -> str:
    if kind == "list":
        return "[" * depth + '"x"' + "]" * depth
    return '{"@type":"Article","a":' * depth + '"x"' + "}" * depth


def jsonld(rng: FuzzRandom) -> str:
    """A JSON-LD script that is broken in one of many ways."""
    date = rng.choice(DATES)
    choices: list[Callable[[], str]] = [
        lambda: '{"@type": "Article", "headline": ',  # truncated
        lambda: "{'@type': 'Article'}",  # not JSON
        lambda: _deep_json(rng.choice((100, 1000, 10_000)), rng.choice(("list", "dict"))),
        lambda: '{"@type":"Article","author":[' + ",".join(['{"name":"A"}'] * 50_000) + "]}",
        lambda: '{"@graph":[' + ",".join(['{"@id":"#a","author":{"@id":"#a"}}'] * 3) + "]}",
        lambda: f'{{"@type":"NewsArticle","datePublished":"{date}","dateModified":{date!r}}}',
        lambda: '{"@type":"Article","datePublished":1e20,"headline":123,"author":null}',
        lambda: '{"@type":["Article",null,1],"name":{"@value":[1,2]},"author":true}',
        lambda: '{"@type":"Article","datePublished":[null,{"x":1},100000000000000000000]}',
        lambda: '[[[[' + '{"@type":"Person","name":"\\ud800"}' + "]]]]",
        lambda: '{"@type":"Article","headline":"' + "H" * 200_000 + '"}',
        lambda: '{"@type":"Article","author":{"@id":"#p"},"@graph":{"@id":"#p","@type":"Person",'
                '"name":{"@id":"#p"}}}',
        lambda: '{"@type":"Article","datePublished":"' + date + '","author":"' + "\\u0000" * 5
                + '"}',
        lambda: "NaN", lambda: "null", lambda: "1e400", lambda: '"str"', lambda: "",
        lambda: '{"a":' + "1" * 5000 + "}",
        lambda: '{"@type":"Article","url":"http://[::1","image":{"url":"http://%zz"},'
                '"mainEntityOfPage":{"@id":"http://"}}',
    ]
    body = rng.choice(choices)()
    return f'<script type="application/ld+json">{body}</script>'


def metas(rng: FuzzRandom) -> str:
    date, url = rng.choice(DATES), rng.choice(URLS)
    big = "x" * rng.size(10, 5000, 300_000)
    options = (
        f'<meta property="article:published_time" content="{date}">',
        f'<meta name="date" content="{date}">', f'<meta itemprop="datePublished" content="{date}">',
        f'<meta property="og:url" content="{url}">', f'<link rel="canonical" href="{url}">',
        f'<meta property="og:image" content="{url}">', f'<meta name="author" content="{big}">',
        f'<meta property="og:title" content="{big}">', '<meta name="description">',
        '<meta property="og:locale" content="zz_ZZ_ZZ">', '<meta http-equiv="refresh">',
        '<meta http-equiv="content-language" content="' + "x" * 1000 + '">',
        f'<time datetime="{date}">{date}</time>', f'<time>{date}</time>',
        f'<span class="date">{date}</span>', f'<p class="byline">By {big[:500]}</p>',
        f'<a rel="author" href="{url}">{url}</a>', f'<base href="{url}">',
        f'<html lang="{big[:200]}">', f'<abbr class="published" title="{date}">x</abbr>',
        f'<div itemscope itemtype="{url}"><span itemprop="author">{date}</span></div>',
        f'<a href="{url}">{url}</a>', f'<img src="{url}" srcset="{url} 2x, {big[:300]}">',
    )
    return "".join(rng.choice(options) for _ in range(rng.randint(1, 4)))


def soup(rng: FuzzRandom, n: int) -> str:
    parts = []
    for _ in range(n):
        r = rng.random()
        if r < 0.6:
            parts.append(rng.choice(SOUP))
        elif r < 0.8:
            parts.append(_rand_text(rng, rng.randint(1, 40)))
        elif r < 0.9:
            parts.append(metas(rng))
        else:
            parts.append(PARA)
    return "".join(parts)


# ------------------------------------------------------------------ whole small pages


def _page(head: str, body: str, lang: str = "en") -> str:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>A title "
            f"| Site</title>{head}</head><body>{body}</body></html>")


def synthetic(rng: FuzzRandom) -> tuple[int, str | bytes]:
    """A small page written around one hostile shape, and the number of that shape."""
    k = rng.randrange(20)
    return k, _synthetic(rng, k)


def _synthetic(rng: FuzzRandom, k: int) -> str | bytes:
    article = "<article><h1>The headline of it</h1>" + PARA * 4 + "</article>"
    if k == 0:
        return _page("", article + "<script>" + "var x = '<p>'; " * rng.randint(1, 200))
    if k == 1:
        return _page("", article + "<!-- " + PARA * rng.randint(1, 50))
    if k == 2:
        tag = rng.choice(("plaintext", "xmp", "noscript", "template", "textarea", "title",
                          "noembed", "iframe", "style", "svg", "math", "table", "select"))
        return _page("", f"<{tag}>" + article + PARA * 3)
    if k == 3:
        return _page("", "<svg><foreignObject>" + article + "</svg><math><mi>" + PARA
                     + "<mglyph><malignmark>" + PARA)
    if k == 4:
        return _page(jsonld(rng), article)
    if k == 5:
        return _page(metas(rng) + metas(rng), metas(rng) + article + metas(rng))
    if k == 6:  # huge single text node
        return _page("", "<p>" + ("word, " * rng.size(10_000, 200_000, 1_000_000)) + "</p>")
    if k == 7:  # many tiny elements
        tag = rng.choice(("span", "p", "div", "a", "li", "br", "td", "b", "i"))
        return _page("", article + f"<{tag}>x</{tag}>" * rng.size(1000, 20_000, 60_000))
    if k == 8:  # huge attribute / attributes without values / duplicates
        attr = rng.choice((f"class='{'c ' * 200_000}'", " ".join(["hidden"] * 2000),
                           "id=a " * 3000, f"style='{'display:none;' * 20_000}'",
                           "data-x" * 50_000))
        return _page("", f"<div {attr}>" + article + "</div>")
    if k == 9:  # deep nesting of many kinds
        tag = rng.choice(("div", "span", "b", "a", "table", "ul", "li", "p", "font", "em",
                          "blockquote", "svg", "object", "td", "tr"))
        depth = rng.size(500, 3000, 20_000)
        return _page("", f"<{tag}>" * depth + PARA + f"</{tag}>" * rng.choice((0, depth)))
    if k == 10:  # encodings
        text = _page("", article.replace("headline", "headliné ΩЖ中"))
        enc = rng.choice(("utf-16-le", "utf-16-be", "utf-32-le", "utf-16", "utf-8-sig",
                          "latin-1", "cp1251", "shift_jis", "gb18030", "koi8-r"))
        data = text.encode(enc, errors="replace")
        if rng.random() < 0.3:  # a BOM that disagrees with the content and the <meta>
            data = rng.choice((codecs.BOM_UTF16_LE, codecs.BOM_UTF8, codecs.BOM_UTF32_BE)) + data
        return data
    if k == 11:  # invalid UTF-8 and lone surrogates
        raw = _page("", article).encode()
        bad = rng.choice((b"\xff\xfe\xfd", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
                          b"\xe2\x82", b"\xc0\xaf"))
        i = rng.randrange(len(raw))
        return raw[:i] + bad + raw[i:]
    if k == 12:  # entities
        ents = "".join(rng.choice(("&#xD800;", "&#x110000;", "&#0;", "&#x0;", "&#1114112;",
                                   "&#-1;", "&#xDFFF;", "&#65534;", "&#128;", "&#x9F;",
                                   "&#99999999999999999999;", "&amp;#0;", "&nbsp"))
                       for _ in range(50))
        return _page(f"<meta name=author content='{ents}'>",
                     f"<article><h1>{ents}</h1><p>{ents} {PARA}</p>" + PARA * 3 + "</article>")
    if k == 13:  # dates in visible text
        dates = "".join(f"<p>Posted on {rng.choice(DATES)}</p><time datetime='{rng.choice(DATES)}'>"
                        f"{rng.choice(DATES)}</time>" for _ in range(5))
        return _page("", "<article><h1>Headline</h1>" + dates + PARA * 3 + "</article>")
    if k == 14:  # many tables / lists / forms
        return _page("", "<table>" + "text directly in table " * rng.size(100, 5000)
                     + "</table>" + article)
    if k == 15:  # only markup, no text
        return rng.choice(("<html></html>", "<", "<!--", "<!DOCTYPE html>", "<p></p>" * 100,
                           "<script>x</script>", "&nbsp;" * 100, "\ufeff", "<br>" * 1000,
                           "<?xml version='1.0'?><rss><item><title>x</title></item></rss>",
                           "%PDF-1.4 binary", "\u00a0\u2003\u3000"))
    if k == 16:
        return _page("", soup(rng, rng.randint(5, 300)))
    if k == 17:  # listing-like cards with broken links
        cards = "".join(f"<div class='card'><h2><a href='{rng.choice(URLS)}'>Card {i}</a></h2>"
                        f"<p>Teaser {i}, a few words, <time>{rng.choice(DATES)}</time></p>"
                        f"<a href='{rng.choice(URLS)}'>Read more</a></div>" for i in range(20))
        return _page("", f"<main>{cards}</main>")
    if k == 18:  # forum-like posts with absurd authors
        posts = "".join(f"<div class='post'><span class='author'>{_rand_text(rng, 30)}</span>"
                        f"<div class='message'>{PARA}</div></div>" for _ in range(10))
        return _page("<meta property='og:type' content='forum'>", posts)
    return _page("", soup(rng, 50) + article + soup(rng, 50))


# ------------------------------------------------------------------ mutations


def mutate(rng: FuzzRandom, data: bytes) -> tuple[int, bytes]:
    """One random mutation of page bytes, and the number of that mutation."""
    if not data:
        return -1, soup(rng, 5).encode("utf-8", "surrogatepass")
    k = rng.randrange(9)
    return k, _mutate(rng, data, k)


def _mutate(rng: FuzzRandom, data: bytes, k: int) -> bytes:
    i = rng.randrange(len(data) + 1)
    if k == 0:  # truncation
        return data[:i]
    if k == 1:  # byte flips
        b = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            j = rng.randrange(len(b))
            b[j] ^= 1 << rng.randrange(8)
        return bytes(b)
    if k == 2:  # NULs and control bytes
        junk = bytes(rng.choice(b"\x00\x01\x02\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\xff")
                     for _ in range(rng.randint(1, 30)))
        return data[:i] + junk + data[i:]
    if k == 3:  # tag soup
        return data[:i] + soup(rng, rng.randint(1, 30)).encode("utf-8", "surrogatepass") + data[i:]
    if k == 4:  # broken JSON-LD or metadata
        extra = jsonld(rng) if rng.random() < 0.5 else metas(rng)
        return data[:i] + extra.encode("utf-8", "surrogatepass") + data[i:]
    if k == 5:  # a chunk duplicated or deleted
        j = rng.randrange(len(data) + 1)
        a, b = min(i, j), max(i, j)
        return data[:a] + data[b:] if rng.random() < 0.5 else data[:b] + data[a:b] + data[b:]
    if k == 6:  # re-encoded
        text = data.decode("utf-8", "replace")
        enc = rng.choice(("utf-16-le", "utf-16-be", "utf-16", "utf-32", "latin-1", "cp1252"))
        out = text.encode(enc, "replace")
        if rng.random() < 0.3:
            out = rng.choice((codecs.BOM_UTF8, codecs.BOM_UTF16_BE)) + out
        return out
    if k == 7:  # a repeated element
        frag = rng.choice(("<div>", "<p>", "<b>", "<a href=x>", "<table>", "<li>", "<td>",
                           "<option>", "<font>", "<span>", "<i>", "</div>", "<br>"))
        return data[:i] + frag.encode() * rng.size(10, 1000, 10_000) + data[i:]
    # k == 8: a garbage tail after </html>
    return data + soup(rng, rng.randint(1, 20)).encode("utf-8", "surrogatepass")


def cases(seed: int, n: int, scale: float = 1.0) -> Iterator[Case]:
    """``n`` fuzz cases from ``seed``: about half mutated fixtures, half small written pages.
    ``scale`` shrinks the huge shapes (a million-word text node, 60,000 elements)."""
    rng = FuzzRandom(seed, scale)
    pages = fixtures()
    for i in range(n):
        if rng.random() < 0.5 and pages:
            j = rng.randrange(len(pages))
            data = pages[j]
            ks = []
            for _ in range(rng.choice((1, 1, 2, 3))):
                k, data = mutate(rng, data)
                ks.append(str(k))
            content: str | bytes = data
            name = f"{i:05d}-fixture{j}-m{'.'.join(ks)}"
        else:
            k, content = synthetic(rng)
            name = f"{i:05d}-synthetic{k}"
        if isinstance(content, bytes) and rng.random() < 0.25:
            content = content.decode("utf-8", "surrogateescape")  # str input, maybe odd
        elif isinstance(content, str) and rng.random() < 0.5:
            content = content.encode("utf-8", "surrogatepass")
        url = rng.choice(URLS) if rng.random() < 0.2 else (
            "https://example.org/2024/01/13/a-post" if rng.random() < 0.5 else None)
        headers: tuple[tuple[str, str], ...] = ()
        if rng.random() < 0.2:
            headers = (("content-type", "text/html; charset=" + rng.choice(CHARSETS)),)
        yield Case(name, content, url, headers)


def check(record: Record) -> str | None:
    """What is wrong with a record, or None."""
    err = record.error
    if err is None:
        if not record.body.strip():
            return "a record without error has an empty body"
        return None
    if err.kind == "internal-error":
        return f"internal-error: {err.message}"
    if not (err.kind and err.stage and err.message):
        return f"error without kind/stage/message: {err}"
    if "\n" in err.message or "\r" in err.message:
        return f"multi-line error message: {err.message!r}"
    return None
