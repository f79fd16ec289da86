"""Authors: structured sources first, then visible bylines, with names validated.

A name is dropped when it is an email, a URL, a date, an "Updated …" label, a
role, a social handle, or a staff placeholder ("Redacción", "Editorial Staff",
"Admin", "Newsroom"). When the structured author is such a placeholder and the
page shows a real byline, the real person wins.
"""

from __future__ import annotations

import re
from typing import Any

from .. import dom
from ..dom import Tree
from ..metarules import (
    AUTHOR_JOINERS,
    AUTHOR_PRECEDENCE,
    BYLINE_PREFIXES,
    META_AUTHOR,
    NOT_NAME_WORDS,
    OWNER_HINTS,
    PLACEHOLDER_AUTHORS,
    ROLE_WORDS,
    USER_LINKS,
)
from .dates import MONTHS, find_dates, has_weekday
from .provenance import Candidate
from .structured import Structured, ld_types, text_value

Names = tuple[str, ...]

_PREFIXES = sorted({p for ps in BYLINE_PREFIXES.values() for p in ps}, key=len, reverse=True)
_PREFIX_RE = re.compile(
    r"^\s*(?:" + "|".join(re.escape(p) for p in _PREFIXES) + r")(?=[\s:]|$)\s*:?\s*",
    re.IGNORECASE)
_BAD = re.compile(r"@|https?:|www\.|\.com\b|\d{2,}|[<>{}\[\]=#]")
_PAREN = re.compile(r"\s*[(\[].*?[)\]]\s*")
_ROLE_TAIL = re.compile(r"\s+[-–—|,]\s+.*$")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


_WEEKDAY_ABBR = frozenset({"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
                           "sun"})


def strip_prefix(text: str) -> tuple[str, bool]:
    """Text without a leading "By"/"Por"/"Von"… and whether one was there."""
    m = _PREFIX_RE.match(text)
    return (text[m.end():], True) if m else (text, False)


def is_placeholder(name: str) -> bool:
    return " ".join(name.casefold().split()) in PLACEHOLDER_AUTHORS


def clean_name(raw: str, *, relaxed: bool = False, max_words: int = 5) -> str | None:
    """A person's name from a byline fragment, or None when it is not one.

    ``relaxed`` accepts user names ("hayley.p", "b.scherer") as forum posts show them.
    """
    name = " ".join(raw.split()).strip(" ,;|·•-–—:")
    name, _ = strip_prefix(name)
    name = _PAREN.sub(" ", name).strip(" ,;|·•-–—:")
    name = _drop_initials(name)
    if not name or len(name) > 60 or find_dates(name):
        return None
    if relaxed:
        ok = len(name) >= 2 and len(name.split()) <= max_words and not re.search(
            r"https?:|\s@|[<>{}]", name) and not _ui_words(name)
        return name.lstrip("@") if ok and not is_placeholder(name) else None
    if _BAD.search(name) or is_placeholder(name):
        return None
    tokens = name.split()
    if not 1 <= len(tokens) <= max_words or len(name) < 3:
        return None
    lowered = {t.casefold().strip(".,") for t in tokens}
    if lowered & NOT_NAME_WORDS or (len(tokens) == 1 and (lowered & MONTHS.keys()
                                                           or lowered & _WEEKDAY_ABBR
                                                           or has_weekday(name))):
        return None
    if not all(_WORD.fullmatch(t) for t in tokens):
        return None
    if not any(t[0].isupper() for t in tokens):
        return None
    return name


# unfilled templates: "page.head.author", "{{author}}", "${name}", "%author%"
_TEMPLATE = re.compile(r"^(?:\w+\.){2,}(?:author|name|byline|creator)$|\{\{|\$\{|%\w+%")
_SEPARATED = re.compile(r"\s*[»⋅•·|]\s*|\s[-–—]\s")
_CRUMBS = re.compile(r"\s[»›>/]\s.*\s[»›>/]\s")
_CONTACT = re.compile(r"@\w|https?:|www\.|[<>{}]")
_STRUCTURED_JOINERS = re.compile(r"\s*(?:;|\||\s&\s|\band\b|\by\b|\bund\b|\bet\b)\s*",
                                 re.IGNORECASE)
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "da", "di", "del", "della", "dos",
                        "das", "du", "la", "le", "bin", "al", "el", "ten", "ter", "zu", "the",
                        "of"})


def structured_names(raw: str) -> Names:
    """Authors from a structured value (JSON-LD, meta), kept as the site wrote them.

    Credentials and roles after a comma stay with the name ("Dylan Bailey, MS, RD");
    a comma list splits into several authors only when every part is a full name.
    User names in lower case are accepted: structured data names accounts too.
    """
    raw = " ".join(raw.split()).strip(" ,;|\"'“”")
    raw, _ = strip_prefix(raw)
    if _TEMPLATE.search(raw):
        return ()
    out: list[str] = []
    for part in _STRUCTURED_JOINERS.split(raw):
        part = part.strip(" ,;|·•-–—:")
        if not part or _CONTACT.search(part) or is_placeholder(part) or len(part) > 100:
            continue
        if find_dates(part) or not any(ch.isalpha() for ch in part):
            continue
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) > 1 and all(_full_name(p) for p in pieces):
            out.extend(p for p in pieces if p not in out)
        elif part not in out:
            out.append(part)
    return tuple(out)


def _full_name(text: str) -> bool:
    tokens = text.split()
    return 2 <= len(tokens) <= 5 and all(t[0].isupper() or t in _PARTICLES for t in tokens) \
        and not {t.casefold().strip(".") for t in tokens} & (ROLE_WORDS | NOT_NAME_WORDS)


def name_head(text: str) -> str:
    """The leading run of name words of a visible byline: up to the first role word,
    label or lower-case word ("Sofia Kondrat EdTech Content writer" → "Sofia Kondrat")."""
    kept: list[str] = []
    tokens = text.split()
    for i, tok in enumerate(tokens):
        low = tok.casefold().strip(".,:;")
        if low in ROLE_WORDS or low in NOT_NAME_WORDS:
            break
        if kept and low in MONTHS and i + 1 < len(tokens) and tokens[i + 1][:1].isdigit():
            break
        if not (tok[0].isupper() or low in _PARTICLES or (kept and tok[0] in "'’-")):
            break
        kept.append(tok)
    while kept and kept[-1].casefold() in _PARTICLES:
        kept.pop()
    return " ".join(kept)


def _ui_words(name: str) -> bool:
    return bool({t.casefold().strip(".,") for t in name.split()} & NOT_NAME_WORDS)


def _drop_initials(name: str) -> str:
    """"CM Craig McCarthy" (an avatar's initials, then the name) → "Craig McCarthy"."""
    tokens = name.split()
    if len(tokens) >= 3 and tokens[0].isupper() and 1 <= len(tokens[0]) <= 3 and \
            tokens[0] == "".join(t[0] for t in tokens[1:1 + len(tokens[0])]).upper():
        return " ".join(tokens[1:])
    return name


def split_names(raw: str, *, relaxed: bool = False) -> Names:
    """Several names from one byline ("A, B and C"), each validated."""
    if _CRUMBS.search(raw):
        return ()  # a breadcrumb trail, not a byline
    raw, _ = strip_prefix(" ".join(raw.split()))
    raw = _ROLE_TAIL.sub("", raw) if not relaxed else _SEPARATED.split(raw)[0]
    parts = AUTHOR_JOINERS.split(raw) if not relaxed else [raw]
    out: list[str] = []
    for i, part in enumerate(parts):
        head = part if relaxed else name_head(part)
        if i and not relaxed and len(head.split()) == 1 < len(part.split()):
            continue  # "…, Jornal do Norte — Belém": an outlet or place cut short, not a name
        n = clean_name(head, relaxed=relaxed)
        if n and n not in out:
            out.append(n)
    return tuple(out)


def _ld_names(value: Any, st: Structured, depth: int = 0) -> list[str]:
    if depth > 4 or value is None:
        return []
    if isinstance(value, list):
        return [n for v in value for n in _ld_names(v, st, depth + 1)]
    value = st.resolve(value)
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = text_value(value.get("name"))
        if not name and (value.get("givenName") or value.get("familyName")):
            name = " ".join(str(value.get(k) or "") for k in ("givenName", "familyName"))
        return [name] if name else []
    return []


def _is_site(names: Names, sites: list[str]) -> bool:
    """An author named like the site or its publisher is the organisation itself."""
    flat = {"".join(ch for ch in s.casefold() if ch.isalnum()) for s in sites}
    flat.discard("")
    return bool(names) and all(
        "".join(ch for ch in n.casefold() if ch.isalnum()) in flat for n in names)


def structured_authors(st: Structured, sites: list[str], *,
                       relaxed: bool) -> list[Candidate[Names]]:
    out: list[Candidate[Names]] = []
    rank = AUTHOR_PRECEDENCE
    if st.main is not None:
        for key in ("author", "creator"):
            raw = _ld_names(st.main.get(key), st)
            names = tuple(n for r in raw for n in structured_names(r))
            org = _is_org(st.resolve(st.main.get(key))) or _is_site(names, sites)
            if raw:
                out.append(Candidate(names, f"json-ld:{key}" + (":org" if org else ""),
                                     "; ".join(raw), rank["json-ld-org" if org else "json-ld"]))
                break
    for key in META_AUTHOR:
        for v in st.metas.get(key, ()):
            if v.startswith(("http", "@")) and key != "twitter:creator":
                continue
            if key == "twitter:creator":
                continue  # a handle, never the byline
            names = structured_names(v)
            org = _is_site(names, sites)
            out.append(Candidate(names, f"meta:{key}" + (":org" if org else ""), v,
                                 rank["json-ld-org" if org else "meta"]))
            break
    for key in ("author", "creator"):
        for v, _node in st.microdata.get(key, ())[:3]:
            out.append(Candidate(split_names(v, relaxed=relaxed), f"itemprop:{key}", v,
                                 rank["itemprop"]))
            break
    return out


def _is_org(value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return any(isinstance(v, dict) and ld_types(v) & {"organization", "newsmediaorganization",
                                                      "corporation"} for v in items)


def rel_authors(st: Structured, *, relaxed: bool) -> list[Candidate[Names]]:
    out: list[Candidate[Names]] = []
    for node in st.rel_authors[:3]:
        raw = dom.text_of(node)
        if raw:
            out.append(Candidate(split_names(raw, relaxed=relaxed), "rel:author", raw,
                                 AUTHOR_PRECEDENCE["rel"]))
            break
    return out


_CHROME = frozenset({"header", "nav", "footer", "aside"})


def _user_context(node: object) -> tuple[bool, bool]:
    """(inside page chrome, inside the thread owner's post signature)."""
    owner = False
    p = getattr(node, "parent", None)
    for _ in range(12):
        if p is None:
            break
        if dom.tag(p) in _CHROME:
            return True, owner
        hints = set(re.split(r"[\s_]+", dom.class_id(p)))
        owner = owner or bool(hints & OWNER_HINTS)
        p = p.parent
    return False, owner


def forum_authors(tree: Tree, *, limit: int) -> list[Candidate[Names]]:
    """The thread starter: the first poster's profile link outside page chrome (a link
    inside the thread owner's signature wins when the page marks one)."""
    first: Candidate[Names] | None = None
    for node in tree.css(USER_LINKS)[:limit]:
        raw = dom.text_of(node)
        names = split_names(raw, relaxed=True) \
            if 2 <= len(raw) <= 40 and len(raw.split()) <= 2 else ()
        if not names:
            continue
        chrome, owner = _user_context(node)
        if chrome:
            continue
        cand = Candidate(names, "forum-user", raw, AUTHOR_PRECEDENCE["forum-user"])
        if owner:
            return [cand]
        first = first or cand
    return [first] if first is not None else []
