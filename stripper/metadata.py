"""Stage 6, metadata: title, authors, dates, language and friends, each with its source.

Reads the tree *before* cleaning (bylines and dates often sit in blocks the clean
stage removes). Precedence, first hit wins unless noted:

* title: JSON-LD headline / og:title / <title>, reconciled with the main <h1>;
  site-name prefixes and suffixes stripped;
* authors: JSON-LD author → author meta tags → rel/itemprop author → visible byline;
  placeholder accounts ("Redacción", "Admin") lose to a real name;
* date: JSON-LD datePublished → article:published_time and other meta → itemprop
  datePublished → <time datetime> → URL path → visible date near the headline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

from . import dom
from .dom import Tree
from .options import DEFAULT_OPTIONS, MetadataOptions
from .record import Decision, Metadata, Source
from .tracing import NULL_TRACE, Trace

_ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "techarticle", "scholarlyarticle", "report", "review", "posting",
    "socialmediaposting", "discussionforumposting", "liveblogposting", "backgroundnewsarticle",
    "howto", "recipe", "medicalwebpage", "webpage", "itempage", "qapage", "question", "product",
    "event", "videoobject", "creativework",
}
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·•:»«/]\s+|\s+::\s+|\s*\|\s*")

PLACEHOLDER_AUTHORS = frozenset({
    "admin", "administrator", "redacción", "redaccion", "redacción web", "editorial staff",
    "editorial team", "editor", "editors", "newsroom", "staff", "staff writer", "web desk",
    "webmaster", "team", "guest", "guest author", "user", "redaktion", "rédaction",
    "redação", "redazione", "the editors", "news desk", "desk", "editorial",
})
_BYLINE = re.compile(
    r"^\s*(?:by|por|von|par|di|de|autor(?:a)?:|author:|written by|escrito por|geschrieben von|"
    r"écrit par|scritto da)\s+(.{3,80}?)\s*$",
    re.IGNORECASE,
)
_NAME_BAD = re.compile(r"@|https?:|www\.|\d{3,}|\b(updated|published|posted|ago|min read|"
                       r"actualizado|publicado|aktualisiert)\b", re.IGNORECASE)

MONTHS: dict[str, int] = {}
for _i, _names in enumerate((
    "january jan enero ene januar janvier janv janeiro gennaio gen",
    "february feb febrero febr februar février févr fevereiro fev febbraio",
    "march mar marzo märz maerz mars março marco",
    "april apr abril avril aprile",
    "may mayo mai maio maggio mag",
    "june jun junio juni juin junho giugno giu",
    "july jul julio juli juillet juil julho luglio lug",
    "august aug agosto ago august août aout ago",
    "september sep sept septiembre setiembre septembre setembro set settembre",
    "october oct octubre oktober okt octobre outubro out ottobre ott",
    "november nov noviembre novembre novembro",
    "december dec diciembre dic dezember dez décembre déc dezembro dicembre",
), start=1):
    for _n in _names.split():
        MONTHS.setdefault(_n, _i)

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)")
_URL_DATE_COMPACT = re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})[/_-]")
_TEXT_DMY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|º|°)?\.?\s*(?:de\s+|of\s+)?({_MONTH_RE})\.?,?\s*(?:de\s+)?((?:19|20)\d{{2}})\b",
    re.IGNORECASE)
_TEXT_MDY = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})\b")


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str, *, dayfirst: bool = True) -> str | None:
    """A calendar date (YYYY-MM-DD) from an ISO, textual or numeric date string."""
    if not text:
        return None
    m = _ISO_DATE.search(text)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _TEXT_DMY.search(text)
    if m:
        return _valid(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    m = _TEXT_MDY.search(text)
    if m:
        return _valid(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))
    m = _NUMERIC.search(text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if a > 12:
            return _valid(y, b, a)
        if b > 12:
            return _valid(y, a, b)
        return _valid(y, b, a) if dayfirst else _valid(y, a, b)
    return None


def _plausible(iso: str | None, options: MetadataOptions) -> bool:
    if not iso:
        return False
    y = int(iso[:4])
    tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).date().isoformat()
    return options.min_year <= y and iso[:10] <= tomorrow


# ---------------------------------------------------------------- JSON-LD
def _walk_ld(obj: Any) -> Iterator[dict[str, Any]]:
    if isinstance(obj, list):
        for o in obj:
            yield from _walk_ld(o)
    elif isinstance(obj, dict):
        yield obj
        if "@graph" in obj:
            yield from _walk_ld(obj["@graph"])
        for key in ("mainEntity", "mainEntityOfPage", "itemReviewed"):
            if isinstance(obj.get(key), dict):
                yield from _walk_ld(obj[key])


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {str(x).lower() for x in t}
    return set()


def json_ld_objects(tree: Tree) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for raw in dom.iter_json_ld(tree):
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(raw.strip().rstrip(";").replace("\n", " "))
            except ValueError:
                continue
        out.extend(_walk_ld(data))
    return out


def _names(value: Any, by_id: dict[str, dict[str, Any]]) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [n for v in value for n in _names(v, by_id)]
    if isinstance(value, dict):
        if "name" in value and isinstance(value["name"], str):
            return [value["name"]]
        ref = value.get("@id")
        if isinstance(ref, str) and ref in by_id and by_id[ref] is not value:
            return _names(by_id[ref], {})
    return []


# ---------------------------------------------------------------- helpers
def _clean_title(title: str, sitename: str | None) -> str:
    title = " ".join(title.split())
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if sitename:
        s = sitename.lower()
        kept = [p for p in parts if p.lower() != s and s not in p.lower()]
        if kept and len(kept) < len(parts):
            return " - ".join(kept) if len(kept) > 1 else kept[0]
    # drop a short last (or first) segment: the site name
    if len(parts[-1]) < len(" ".join(parts[:-1])) and len(parts[-1]) <= 30:
        return title[: title.rfind(parts[-1])].rstrip(" |-–—·•:»«/")
    return title


def clean_author(name: str) -> str | None:
    name = " ".join(name.split()).strip(" ,;|·-–—")
    m = _BYLINE.match(name)
    if m:
        name = m.group(1)
    if not name or len(name) > 80 or len(name) < 3 or _NAME_BAD.search(name):
        return None
    if name.lower() in PLACEHOLDER_AUTHORS:
        return None
    if len(name.split()) > 6:
        return None
    return name


def _split_authors(names: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for n in names:
        for part in re.split(r"\s*(?:,|;|\band\b|\by\b|\bund\b|\bet\b|\be\b|&)\s*", n):
            c = clean_author(part)
            if c and c not in out:
                out.append(c)
    return tuple(out)


def _similar(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or (len(a) > 10 and (a in b or b in a))


# ---------------------------------------------------------------- main entry
def extract_metadata(tree: Tree, url: str | None = None,
                     options: MetadataOptions = DEFAULT_OPTIONS.metadata,
                     trace: Trace = NULL_TRACE) -> Metadata:
    meta = dom.meta_tags(tree)
    metas: dict[str, str] = {}
    for k, v in meta:
        metas.setdefault(k, v)
    ld = json_ld_objects(tree)
    by_id = {o["@id"]: o for o in ld if isinstance(o.get("@id"), str)}
    art = next((o for o in ld if _types(o) & (_ARTICLE_TYPES - {"webpage"})), None)
    if art is None:
        art = next((o for o in ld if _types(o) & _ARTICLE_TYPES), None)
    sources: dict[str, Source] = {}
    losers: list[Decision] = []

    sitename = metas.get("og:site_name") or metas.get("application-name")
    title = _title(tree, metas, art, sitename, sources, losers)
    authors = _authors(tree, metas, art, by_id, sources)
    date_pub = _date(tree, metas, art, url, options, sources, "datePublished")
    date_mod = _date_modified(metas, art, options, sources)

    html = tree.css_first("html")
    lang = (html.attributes.get("lang") if html is not None else None) or metas.get("og:locale") \
        or metas.get("content-language")
    if lang:
        lang = lang.replace("_", "-").split("-")[0].lower()[:3] or None
        sources["language"] = Source("html-lang", lang or "")
    canon = tree.css_first("link[rel=canonical]")
    tags = tuple(v for k, v in meta if k in ("article:tag", "keywords"))[:20]
    return Metadata(
        title=title, authors=authors, date=date_pub, date_modified=date_mod, language=lang,
        sitename=sitename, description=metas.get("og:description") or metas.get("description"),
        canonical=canon.attributes.get("href") if canon is not None else metas.get("og:url"),
        image=metas.get("og:image"), tags=tags, sources=sources, candidates=tuple(losers),
    )


def _title(tree: Tree, metas: dict[str, str], art: dict[str, Any] | None,
           sitename: str | None, sources: dict[str, Source], losers: list[Decision]) -> str | None:
    cands: list[tuple[str, str]] = []
    if art is not None:
        h = art.get("headline") or art.get("name")
        if isinstance(h, str) and h.strip():
            cands.append(("json-ld:headline", h))
    for key in ("og:title", "twitter:title"):
        if metas.get(key):
            cands.append((f"meta:{key}", metas[key]))
    t = tree.css_first("title")
    if t is not None and t.text().strip():
        cands.append(("title", t.text()))
    h1s = [dom.text_of(h) for h in tree.css("h1")]
    h1s = [h for h in h1s if 3 <= len(h) <= 300]
    # the <h1> that agrees with a structured title is the headline as shown
    for origin, c in cands:
        for h in h1s:
            if _similar(h, _clean_title(c, sitename)) or _similar(h, c):
                sources["title"] = Source("h1", h)
                return h
    if cands:
        origin, c = cands[0]
        cleaned = _clean_title(c, sitename)
        sources["title"] = Source(origin, c)
        for o, other in cands[1:]:
            losers.append(Decision("metadata", "title", o, "lost", text=other))
        return cleaned or None
    if h1s:
        sources["title"] = Source("h1", h1s[0])
        return h1s[0]
    return None


def _authors(tree: Tree, metas: dict[str, str], art: dict[str, Any] | None,
             by_id: dict[str, dict[str, Any]], sources: dict[str, Source]) -> tuple[str, ...]:
    if art is not None and art.get("author"):
        names = _split_authors(_names(art["author"], by_id))
        if names:
            sources["author"] = Source("json-ld:author", "; ".join(names))
            return names
    for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                "citation_author", "twitter:creator"):
        v = metas.get(key)
        if v and not v.startswith("http"):
            names = _split_authors([v])
            if names:
                sources["author"] = Source(f"meta:{key}", v)
                return names
    for sel in ("[rel=author]", "[itemprop=author] [itemprop=name]", "[itemprop=author]",
                ".byline", ".author-name", ".author"):
        n = tree.css_first(sel)
        if n is not None:
            names = _split_authors([dom.text_of(n)])
            if names:
                sources["author"] = Source(f"css:{sel}", dom.text_of(n))
                return names
    return ()


def _date(tree: Tree, metas: dict[str, str], art: dict[str, Any] | None, url: str | None,
          options: MetadataOptions, sources: dict[str, Source], key: str) -> str | None:
    if not options.extract_dates:
        return None
    if art is not None and isinstance(art.get(key), str):
        d = parse_date(art[key])
        if d:
            sources["date"] = Source(f"json-ld:{key}", art[key])
            return d
    for mk in ("article:published_time", "og:article:published_time", "datepublished",
               "publish-date", "publish_date", "pubdate", "date", "dc.date", "dc.date.issued",
               "citation_publication_date", "sailthru.date", "parsely-pub-date", "article.published"):
        v = metas.get(mk)
        if v:
            d = parse_date(v, dayfirst=False)
            if d and _plausible(d, options) or (d and mk.startswith("article")):
                sources["date"] = Source(f"meta:{mk}", v)
                return d
    n = tree.css_first("[itemprop=datePublished]")
    if n is not None:
        raw = n.attributes.get("content") or n.attributes.get("datetime") or dom.text_of(n)
        d = parse_date(raw or "")
        if d:
            sources["date"] = Source("itemprop:datePublished", raw or "")
            return d
    for t in tree.css("article time[datetime], main time[datetime], time[pubdate], time[datetime]"):
        raw = t.attributes.get("datetime") or ""
        d = parse_date(raw)
        if d and _plausible(d, options):
            sources["date"] = Source("time", raw)
            return d
        break
    if url:
        m = _URL_DATE.search(url) or _URL_DATE_COMPACT.search(url)
        if m:
            d = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if d and _plausible(d, options):
                sources["date"] = Source("url", m.group(0))
                return d
    return None


def _date_modified(metas: dict[str, str], art: dict[str, Any] | None, options: MetadataOptions,
                   sources: dict[str, Source]) -> str | None:
    if art is not None and isinstance(art.get("dateModified"), str):
        d = parse_date(art["dateModified"])
        if d:
            sources["date_modified"] = Source("json-ld:dateModified", art["dateModified"])
            return d
    for mk in ("article:modified_time", "og:updated_time", "last-modified", "dc.date.modified"):
        v = metas.get(mk)
        if v:
            d = parse_date(v, dayfirst=False)
            if d:
                sources["date_modified"] = Source(f"meta:{mk}", v)
                return d
    return None
