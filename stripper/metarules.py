"""Metadata rule tables, kept as data. ``stripper.metadata`` only interprets them.

Everything a page-independent reader of titles, bylines and dates needs to know
about how the web writes them: which meta tags carry what, in which order they
are trusted, how bylines start in six languages, which "authors" are staff
placeholders, month and weekday names, and the separators between a headline
and the site name in a ``<title>``. No domain names, no page-specific strings.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------- structured sources
# schema.org types whose headline/author/dates describe the page itself, strongest first.
ARTICLE_LD_TYPES: tuple[str, ...] = (
    "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting", "blogposting",
    "article", "techarticle", "scholarlyarticle", "report", "socialmediaposting",
    "discussionforumposting", "posting", "review", "medicalwebpage", "howto", "recipe",
    "question", "qapage", "videoobject", "creativework",
)
# types that describe the page but rarely its author or publication date.
PAGE_LD_TYPES: tuple[str, ...] = (
    "webpage", "itempage", "aboutpage", "collectionpage", "profilepage", "searchresultspage",
    "contactpage", "checkoutpage", "faqpage", "product",
)

# meta tag keys (lower-cased name/property/itemprop), in order of trust.
# after the JSON-LD headline, before <title>
META_TITLE: tuple[str, ...] = ("og:title", "twitter:title")
META_AUTHOR: tuple[str, ...] = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "citation_author", "byl", "twitter:creator", "og:article:author",
    "book:author",
)
META_PUBLISHED: tuple[str, ...] = (
    "article:published_time", "og:article:published_time", "article:published",
    "datepublished", "parsely-pub-date", "sailthru.date", "publish-date", "publish_date",
    "publishdate", "pubdate", "publication_date", "dc.date.issued", "dcterms.issued",
    "dcterms.created", "dc.date", "dc.date.created", "citation_publication_date",
    "citation_date", "date", "article.published", "originalpublicationdate", "release_date",
    "og:publish_date", "og:published_time", "og:publication_time", "cxenseparse:publishtime",
    "publisheddate", "published", "date-pub", "ms.date", "datecreated", "published-date",
    "w-published-date",
)
# Dates a document's authors keep themselves, never a build stamp: they date the
# page even where its type is one without dates (docs/metadata.md). The citation-index
# tags of scholarly papers (Highwire Press, read by Google Scholar) and the front-matter
# date of Microsoft's documentation articles (``ms.date``, written by hand in each
# article's front matter when it is reviewed).
AUTHORED_DATE_META: tuple[str, ...] = (
    "citation_publication_date", "citation_date", "citation_online_date", "ms.date",
)
# Publication dates templates write as attributes of <html> or <body>
# (<body data-pubdate="2022-10-05" data-lastmod="…">), read like a meta date.
DATE_ATTRIBUTES: tuple[str, ...] = (
    "data-pubdate", "data-published", "data-publish-date", "data-published-date",
    "data-date-published",
)
META_MODIFIED: tuple[str, ...] = (
    "article:modified_time", "og:updated_time", "article:modified", "datemodified",
    "dcterms.modified", "dc.date.modified", "last-modified", "lastmod", "revised",
)
META_SITENAME: tuple[str, ...] = ("og:site_name", "application-name",
                                  "apple-mobile-web-app-title")
META_DESCRIPTION: tuple[str, ...] = ("og:description", "description", "twitter:description",
                                     "dc.description")
# after <link rel="canonical">
CANONICAL_META: tuple[str, ...] = ("og:url",)
META_IMAGE: tuple[str, ...] = ("og:image", "og:image:url", "twitter:image", "twitter:image:src")
META_TAGS: tuple[str, ...] = ("article:tag", "article:section", "keywords", "news_keywords",
                              "parsely-tags")
META_LANGUAGE: tuple[str, ...] = ("og:locale", "content-language", "language", "dc.language")

# ---------------------------------------------------------------- precedence
# Lower rank wins. Sources of the same field are compared by rank first; the
# documented order in docs/metadata.md is this table.
DATE_PRECEDENCE: dict[str, int] = {
    "json-ld": 0,
    "meta": 1,
    "itemprop": 2,
    "time": 3,
    "visible": 4,
    "url": 5,
    "page": 6,  # a dated element elsewhere on the page, outside chrome and comments
}
# Elements that may hold the page's date anywhere on the page (the last resort).
DATE_ELEMENTS = (
    "time, [class*=date], [class*=publish], [class*=posted], [itemprop=datePublished]"
)
# Structural containers whose dates never describe the page.
# (A <blockquote> quotes someone else: an embedded post's date is not the page's.)
DATE_CHROME_TAGS: frozenset[str] = frozenset({"header", "nav", "footer", "aside", "form",
                                              "blockquote"})
# Labels that make a line with a date in it the page's dateline, however long the
# rest of the line ("Posted on the 15/12/2025 at 19:00 by", "Essay - Published: …").
PUBLISHED_WORDS: tuple[str, ...] = (
    "published", "posted", "submitted", "publicado", "publié", "publiée", "pubblicato",
    "veröffentlicht", "publicada",
)
AUTHOR_PRECEDENCE: dict[str, int] = {
    "json-ld": 0,
    "meta": 1,
    "itemprop": 2,
    "rel": 2,
    "byline": 3,
    "class": 3,
    "forum-user": 2,
    "meta-line": 5,
    "body-byline": 6,
    "json-ld-org": 4,  # an organisation (or the site itself) as the author
    "page": 7,  # a byline or author card elsewhere on the page (the last resort)
}
# Elements that may name the author anywhere on the page (the last resort): author
# boxes after the article, "about the author" cards, theme bylines outside the
# headline's zone.
PAGE_AUTHOR_ELEMENTS = (
    "[class*=author], [class*=byline], [class*=writer], [class*=creator], [rel~=author], "
    "[itemprop=author]"
)
# Prefixes that make a short text anywhere on the page a byline ("Written by Jane Doe");
# the weaker ones of BYLINE_PREFIXES ("di", "da", "von") open ordinary sentences too.
PAGE_BYLINE_PREFIXES: tuple[str, ...] = (
    "written by", "posted by", "published by", "words by", "story by", "by", "author:",
    "escrito por", "publicado por", "geschrieben von", "verfasst von", "écrit par",
    "rédigé par", "publié par", "scritto da", "pubblicato da",
)

# ---------------------------------------------------------------- bylines
# Words that open a byline, per language (matched case-insensitively, then a name).
BYLINE_PREFIXES: dict[str, tuple[str, ...]] = {
    "en": ("written by", "posted by", "published by", "reviewed by", "words by", "story by",
           "author:", "authors:", "by:", "by", "author"),
    "es": ("escrito por", "publicado por", "autor:", "autora:", "autores:", "por:", "por"),
    "de": ("geschrieben von", "verfasst von", "autor:", "autorin:", "von:", "von"),
    "fr": ("écrit par", "publié par", "rédigé par", "auteur :", "auteur:", "par :", "par"),
    "pt": ("escrito por", "publicado por", "autor:", "autora:", "por"),
    "it": ("scritto da", "pubblicato da", "autore:", "autrice:", "di"),
}
# Generic accounts that publish on behalf of a desk; never a person's byline.
PLACEHOLDER_AUTHORS: frozenset[str] = frozenset({
    "admin", "administrator", "administrador", "administrateur", "amministratore", "root",
    "redacción", "redaccion", "redacción web", "la redacción", "redaktion", "die redaktion",
    "rédaction", "la rédaction", "redação", "redacao", "redazione", "la redazione",
    "editorial", "editorial staff", "editorial team", "editorial board", "editor", "editors",
    "the editors", "newsroom", "news desk", "newsdesk", "desk", "web desk", "staff",
    "staff writer", "staff reporter", "team", "our team", "the team", "webmaster", "guest",
    "guest author", "guest post", "user", "anonymous", "anónimo", "anonyme", "unknown",
    "author", "autor", "auteur", "autore", "contributor", "contributors", "press",
    "press office", "marketing", "marketing team", "content team", "blog", "wpadmin",
    "site admin", "default", "agencias", "agencies", "wire",
})
# Bylines that name the writer ("By", "Written by", "Por", "Von"…) as opposed to a
# reviewer, an editor or a sponsor ("Reviewed by", "Edited by", "Sponsored by").
WRITER_PREFIXES: tuple[str, ...] = (
    "written by", "words by", "story by", "by", "escrito por", "por", "geschrieben von",
    "verfasst von", "von", "écrit par", "rédigé par", "par", "scritto da", "di",
)
NOT_WRITER_LABELS: tuple[str, ...] = (
    "reviewed", "edited", "published", "sponsored", "checked", "posted", "updated", "photos",
    "photo", "illustrated", "illustration", "presented", "powered", "produced", "hosted",
    "revisado", "editado", "publicado", "patrocinado",
)
# Placeholders that are site accounts rather than a desk the page names ("Admin",
# "webmaster"): never the author. The other placeholders ("News Desk", "Staff",
# "Anonymous") are the author as the page states it when nothing names a person.
SITE_ACCOUNTS: frozenset[str] = frozenset({
    "admin", "administrator", "administrador", "administrateur", "amministratore", "root",
    "webmaster", "wpadmin", "site admin", "default", "user", "unknown",
})
# Words that make a string a role, a label or a date rather than a name.
NOT_NAME_WORDS: frozenset[str] = frozenset({
    "updated", "published", "posted", "modified", "ago", "min", "mins", "minute", "minutes",
    "read", "reading", "actualizado", "publicado", "aktualisiert", "veröffentlicht",
    "mis", "publié", "atualizado", "aggiornato", "pubblicato", "share", "follow", "comments",
    "comment", "reply", "login", "subscribe", "home", "menu", "search", "view", "all",
    "posts", "articles", "more", "contact", "about", "photo", "photos", "image", "video",
    "editor-in-chief", "reviewed", "fact", "checked", "medically", "sponsored",
    "advertisement", "category", "tags", "in", "uncategorized", "http", "https", "www",
    "authored", "edited", "recipe", "guide", "personal", "facebook", "tweet", "twitter",
    "pin", "pinterest", "linkedin", "email", "print", "offline", "online", "members",
    "users", "register", "previous", "next", "topic", "thread", "forum", "forums",
    "password",
})
# Words of a job title; a visible byline's name ends where they begin
# ("By Sofia Kondrat EdTech Content writer").
ROLE_WORDS: frozenset[str] = frozenset({
    "editor", "editors", "writer", "writers", "reporter", "correspondent", "contributor",
    "columnist", "director", "founder", "co-founder", "cofounder", "ceo", "cto", "cfo", "coo",
    "manager", "expert", "analyst", "specialist", "senior", "sr", "sr.", "chief", "head",
    "lead", "producer", "architect", "engineer", "consultant", "officer", "president",
    "professor", "researcher", "journalist", "strategist", "marketer", "designer",
    "developer", "attorney", "lawyer", "dietitian", "nutritionist", "coach", "trainer",
    "partner", "principal", "associate", "assistant", "intern", "fellow", "host", "photographer",
    "redactor", "redactora", "periodista", "redakteur", "redakteurin", "journaliste",
    "rédacteur", "rédactrice", "giornalista", "jornalista", "content", "marketing", "tech",
    "contributing", "managing", "executive", "deputy", "guest", "last", "view", "read",
    "former",
})
# Joiners between several names in one byline.
AUTHOR_JOINERS = re.compile(
    r"\s*(?:,|;|\||/|&|\+|\band\b|\by\b|\bund\b|\bet\b|\be\b|\bcon\b|\bwith\b)\s*",
    re.IGNORECASE)
# class/id word parts of elements that hold a byline.
AUTHOR_HINTS: tuple[str, ...] = ("author", "byline", "autor", "auteur", "autore", "writer",
                                 "creator", "posted-by", "post-author", "entry-author")
# Link targets that make a short capitalised text a section name, not a person.
NOT_AUTHOR_LINKS = re.compile(r"/(?:category|categories|tag|tags|topic|topics|section|sections|"
                              r"c|t|label|labels|series|collections?)/", re.IGNORECASE)
# Forum threads: links to a poster's profile, and marks of the thread's first poster.
USER_LINKS = (
    'a[href*="/u/"], a[href*="/user/"], a[href*="/users/"], a[href*="/members/"], '
    'a[href*="member.php"], a[href*="/profile/"], a[href*="/user-"], a[href*="/member/"], '
    "a.username, .username, a.author-name, [itemprop=author] [itemprop=name], "
    # board software that marks the poster's box rather than the profile link:
    # phpBB (.postprofile), FluxBB/PunBB (.postleft), SMF (.poster), microformats (u-author)
    ".postprofile dt a, .postleft dt strong, .poster h4 a, .poster h4, a.u-author, a.user"
)
OWNER_HINTS: frozenset[str] = frozenset({"owner", "op", "original-poster", "topic-starter",
                                         "threadstarter", "thread-starter", "first-post"})
# URL paths of forum threads.
FORUM_URL = re.compile(r"/(?:t|thread|threads|topic|topics|comments|questions|d)/|"
                       r"viewtopic|showthread|showtopic|/thread-", re.IGNORECASE)
# class/id word parts of elements that hold a date.
DATE_HINTS: tuple[str, ...] = ("date", "time", "published", "posted", "pubdate", "dateline",
                               "meta", "byline", "fecha", "datum", "data", "timestamp")
# containers whose dates never describe the page (comments, calendars, footers…).
DATE_REJECT_HINTS: tuple[str, ...] = (
    "comment", "comments", "reply", "replies", "calendar", "wp-calendar", "copyright",
    "footer", "widget", "sidebar", "related", "recent", "archive", "archives", "popular",
    "weather", "ticker", "topbar", "top-bar", "header-date", "today", "event", "events",
    "review", "reviews", "testimonial", "testimonials", "rating", "ratings",
)
# a visible "modified" label near a date: the date is the modification date.
MODIFIED_WORDS: tuple[str, ...] = (
    "updated", "last updated", "modified", "actualizado", "actualización", "aktualisiert",
    "mis à jour", "mise à jour", "atualizado", "aggiornato", "revised",
)
# a label that makes a nearby date describe something else than the page.
NOT_PAGE_DATE_WORDS: tuple[str, ...] = (
    "joined", "member since", "registered", "last post", "last reply", "last active",
    "last edited", "edited", "founded", "established", "since", "as of", "copyright", "©",
    "expires", "deadline", "event date", "starts", "ends", "miembro desde", "registrado",
    "mitglied seit", "registriert", "inscrit", "membre depuis", "iscritto", "membro desde",
)

# ---------------------------------------------------------------- months and weekdays
MONTHS_BY_LANGUAGE: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
           ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
           ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
           ("december", "dec")),
    "es": (("enero", "ene"), ("febrero", "feb"), ("marzo", "mar"), ("abril", "abr"),
           ("mayo", "may"), ("junio", "jun"), ("julio", "jul"), ("agosto", "ago"),
           ("septiembre", "setiembre", "sep", "sept", "set"), ("octubre", "oct"),
           ("noviembre", "nov"), ("diciembre", "dic")),
    "de": (("januar", "jänner", "jan"), ("februar", "feb"), ("märz", "maerz", "mrz"),
           ("april", "apr"), ("mai",), ("juni", "jun"), ("juli", "jul"), ("august", "aug"),
           ("september", "sep", "sept"), ("oktober", "okt"), ("november", "nov"),
           ("dezember", "dez")),
    "fr": (("janvier", "janv"), ("février", "fevrier", "févr", "fevr"), ("mars",),
           ("avril", "avr"), ("mai",), ("juin",), ("juillet", "juil"), ("août", "aout"),
           ("septembre", "sept"), ("octobre", "oct"), ("novembre", "nov"),
           ("décembre", "decembre", "déc", "dec")),
    "pt": (("janeiro", "jan"), ("fevereiro", "fev"), ("março", "marco", "mar"),
           ("abril", "abr"), ("maio", "mai"), ("junho", "jun"), ("julho", "jul"),
           ("agosto", "ago"), ("setembro", "set"), ("outubro", "out"), ("novembro", "nov"),
           ("dezembro", "dez")),
    "it": (("gennaio", "gen"), ("febbraio", "feb"), ("marzo", "mar"), ("aprile", "apr"),
           ("maggio", "mag"), ("giugno", "giu"), ("luglio", "lug"), ("agosto", "ago"),
           ("settembre", "set"), ("ottobre", "ott"), ("novembre", "nov"),
           ("dicembre", "dic")),
}
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado",
    "domingo", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
    "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
)
# Languages (and regions) whose numeric dates put the month first ("01/13/2022").
MONTH_FIRST_LOCALES: frozenset[str] = frozenset({"en-us", "en-ph", "en-ca", "en-fm"})

# ---------------------------------------------------------------- titles
# Separators between a headline and a site name in <title> or og:title.
TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·•:»«/~]\s+|\s*\|\s*|\s+::\s+|\s*[«»]\s*")
# Title segments that name no page: a home page's navigation label ("Home - The Blog").
GENERIC_TITLE_SEGMENTS: frozenset[str] = frozenset({
    "home", "home page", "homepage", "start", "start page", "front page", "main page",
    "index", "inicio", "página de inicio", "startseite", "accueil", "pagina iniziale",
})
# Labels a template writes before a heading ("Thread: …", "Blog: …"); not the headline.
HEADING_LABELS: frozenset[str] = frozenset({
    "thread", "blog", "title", "collection", "category", "tag", "archive", "archives",
    "topic", "subject", "re", "series", "author",
})
# JSON-LD types that describe a part of the page (an embedded video, a review, an
# answer), never its headline.
NOT_PAGE_LD_TYPES: frozenset[str] = frozenset({"videoobject", "review", "answer", "comment"})
# Page types whose <h1> is usually a tagline ("Custom dashboards in days") while
# <title> names the page ("Data analytics consulting"): their headline is the cleaned
# <title>/og:title when the two disagree (measured on wcxb-dev: docs/metadata.md).
TAGLINE_PAGE_TYPES: frozenset[str] = frozenset({"service"})
# Class/id/itemprop words of a <h1> marked as the entry's title, and of a banner
# around a <h1> (a section or archive label): inputs of the headline ranker.
HEADLINE_MARKS = re.compile(r"title|headline|heading", re.IGNORECASE)
BANNER_MARKS = re.compile(r"banner|hero|page-header|archive|category", re.IGNORECASE)
# Words that mark a heading as page chrome, not a headline (menus, widgets).
NOT_HEADLINE: frozenset[str] = frozenset({
    "menu", "navigation", "breadcrumb", "breadcrumbs", "cart", "sidebar", "newsletter",
})

# ---------------------------------------------------------------- page types
# Page types whose ground truth rarely has an author or a date: only strong,
# structured evidence counts there.
UNDATED_PAGE_TYPES: frozenset[str] = frozenset({
    "listing", "product", "service", "documentation", "collection",
})

# ---------------------------------------------------------------- language
# Very common short words per language, for a content check of the declared
# language (html lang, og:locale) when it is missing or they disagree.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset({
        "the", "and", "of", "to", "in", "is", "that", "for", "it", "with", "as", "was", "on",
        "are", "be", "this", "by", "you"
    }),
    "es": frozenset({
        "el", "la", "de", "que", "y", "en", "los", "del", "las", "por", "un", "para", "con",
        "una", "es", "se", "su", "al"
    }),
    "de": frozenset({
        "der", "die", "und", "das", "ist", "den", "von", "zu", "mit", "sich", "des", "auf",
        "für", "nicht", "ein", "eine"
    }),
    "fr": frozenset({
        "le", "la", "les", "de", "des", "et", "est", "un", "une", "du", "en", "que", "pour",
        "dans", "pas", "sur", "au"
    }),
    "pt": frozenset({
        "o", "a", "os", "as", "de", "do", "da", "que", "e", "em", "um", "uma", "para", "com",
        "não", "no", "na", "dos"
    }),
    "it": frozenset({
        "il", "la", "di", "che", "e", "un", "una", "per", "con", "non", "del", "della", "sono",
        "nel", "alla", "gli"
    }),
    "nl": frozenset({
        "de", "het", "een", "van", "en", "is", "dat", "op", "te", "voor", "met", "niet", "zijn",
        "in", "aan"
    }),
}
