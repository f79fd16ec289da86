"""Options: frozen dataclasses passed down explicitly; no module-level config.

Make variants with ``dataclasses.replace``::

    opts = replace(DEFAULT_OPTIONS, score=replace(DEFAULT_OPTIONS.score, max_link_density=0.4))

Every threshold has a name here and a comment saying where its value came from.
"Calibrated on wcxb-dev" means the value was chosen by sweeping it with
``stripper eval`` over the whole development set; re-run the sweep if you change it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import StripperError


class OptionsError(StripperError, ValueError):
    """An option has an impossible value."""

    kind = "bad-option"


def _check(cond: bool, msg: str) -> None:
    if not cond:
        raise OptionsError(msg)


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchOptions:
    """How URLs are fetched (stripper.fetch). See docs/fetch.md for each field."""

    # Names the project so site owners can find us; robots.txt groups match its
    # first token ("stripper").
    user_agent: str = "stripper/0.1 (+https://github.com/stripper-project/stripper)"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # longest silence between two bytes
    total_timeout: float = 60.0  # deadline per URL, all attempts and waits included
    max_redirects: int = 10
    max_body_bytes: int = 20_000_000  # decoded bytes, enforced while streaming
    # HTML and XHTML only; an absent Content-Type is let through to the parser.
    accept_types: tuple[str, ...] = ("text/html", "application/xhtml+xml")
    max_attempts: int = 4  # first try + 3 retries
    retry_statuses: tuple[int, ...] = (429, 502, 503, 504)
    backoff_base: float = 0.5  # seconds; doubled per attempt, with full jitter (AWS)
    backoff_max: float = 30.0  # cap of one backoff wait
    max_retry_after: float = 120.0  # a longer Retry-After gives up instead of waiting
    respect_robots: bool = True
    robots_max_bytes: int = 512_000  # RFC 9309: parse at least the first 500 KiB
    max_crawl_delay: float = 30.0  # a robots.txt Crawl-delay raises `delay` up to this
    concurrency: int = 16  # requests in flight in total
    per_host: int = 2  # requests in flight per host
    delay: float = 0.0  # minimum seconds between two request starts on one host
    # Optional capture and cache (paths; None = off).
    save_html: str | None = None  # write each fetched body into this folder
    warc: str | None = None  # append WARC response records to this .warc.gz
    cache_dir: str | None = None  # HTTP cache with ETag / Last-Modified revalidation

    def __post_init__(self) -> None:
        _check(self.max_attempts >= 1, "max_attempts must be >= 1")
        _check(self.concurrency >= 1 and self.per_host >= 1, "concurrency must be >= 1")
        _check(self.delay >= 0, "delay must be >= 0")
        _check(min(self.connect_timeout, self.read_timeout, self.total_timeout) > 0,
               "timeouts must be > 0")
        _check(self.max_body_bytes > 0, "max_body_bytes must be > 0")
        _check(self.max_redirects >= 0, "max_redirects must be >= 0")


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanOptions:
    # Remove hidden elements (modals, sign-in boxes, template sections, duplicate
    # copies), sparing the ones a reader opens: tab panes, accordion and FAQ panels
    # right after their toggle, React stream segments (rules.HIDDEN_BUT_SHOWN), and
    # any hidden wrapper holding most of the page. Removing every hidden element
    # cost 0.006 F1 on wcxb-dev; with those exemptions it gains 0.001 (0.8573 -> 0.8580).
    remove_hidden: bool = True
    # A class/id rule marked "guarded" never removes an element holding more than
    # this share of the page's text: it is the page, not a widget inside it.
    # Calibrated on wcxb-dev (0.5-0.7 flat; below 0.4 sidebars survive on narrow pages).
    guard_text_share: float = 0.6
    # Page types whose content is links (teaser titles, product cards): there the
    # guards measure an element's share of all text, links included, as well as of
    # the prose, and spare it only when it holds that much of both. Prose alone
    # says a consent centre or a login sheet is "most of the page" on a shop grid.
    link_content_types: tuple[str, ...] = ("listing", "collection")
    # A form with at least this many text fields (rules.FORM_TEXT_FIELDS) is a
    # contact, quote or sign-up form; it goes with its enclosing section while that
    # section adds at most form_section_chars of prose of its own (a heading and a
    # privacy note). Measured on wcxb-dev: docs/algorithm.md.
    form_min_fields: int = 2
    form_section_chars: int = 300


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoreOptions:
    # Blocks shorter than this are "short": neither content nor boilerplate by
    # themselves (jusText LENGTH_LOW is 70; Readability ignores < 25 chars).
    min_block_chars: int = 30
    # A block is "long" (content even with some links) from this length (jusText LENGTH_HIGH 200).
    long_block_chars: int = 200
    # Link density above which a block is boilerplate (jusText MAX_LINK_DENSITY 0.2).
    max_link_density: float = 0.4
    # How much a boilerplate character costs against a content character when
    # choosing the container (calibrated on wcxb-dev).
    bad_weight: float = 1.0
    # Score multiplier per positive / negative class-id hint of a container.
    hint_bonus: float = 0.25
    # Card view: a link block of at least this many words reads as a teaser title
    # (menu entries are one to three words); titles weigh card_title_weight per
    # char, menu-like links cost card_menu_weight per char (calibrated on wcxb-dev).
    card_title_words: int = 4
    card_title_weight: float = 0.7
    card_menu_weight: float = 0.3
    # a card group: at least card_min_group siblings of one tag and class, each a
    # link plus at most card_max_blocks blocks (see score.card_blocks)
    card_min_group: int = 3
    card_max_blocks: int = 12


@dataclass(frozen=True, slots=True, kw_only=True)
class SelectOptions:
    # A semantic container (article, main, articleBody) is taken as-is when it holds
    # at least this share of the best container's content score.
    semantic_share: float = 0.6
    # Fall back to the whole cleaned page when the chosen container holds less
    # than this share of all content characters (calibrated on wcxb-dev).
    min_container_share: float = 0.35
    # Page types whose content is spread over many sibling sections (a service
    # page's hero, features, testimonials, pricing) widen further.
    # Page types made of many short sections (figures, taglines, feature lists):
    # inside the container keep every block that is not boilerplate, without the
    # neighbour rule for short blocks and headings.
    inclusive_types: tuple[str, ...] = ("service",)
    min_container_share_by_type: tuple[tuple[str, float], ...] = (("service", 0.6),)
    # Page types whose content starts at the headline (a service page's hero): the
    # container widens to take in the first h1 (wcxb-dev: service 0.835 -> 0.838;
    # on product pages it was flat, so it is off there).
    headline_types: tuple[str, ...] = ("service",)
    # Table layouts (sites built before CSS layouts): on these page types the
    # container narrows to the deepest table cell holding at least
    # layout_cell_share of its good text; the other cells are banner, menu, side
    # columns and footer
    layout_cell_types: tuple[str, ...] = ("article",)
    layout_cell_share: float = 0.5
    # On the inclusive types a linked block of at least this many words, outside
    # carousels and not opening with a call to action, is a card that describes a
    # service in its link box, not a menu entry (service._linked_text; wcxb-dev
    # service F1 +0.006, see docs/algorithm.md; 4-8 words within 0.001).
    linked_text_words: int = 6
    # Card mode (keep every teaser of a listing) is used on listing/collection pages,
    # and on any page whose article view keeps under card_max_article_chars while
    # its card container holds at least card_min_titles titles (calibrated on wcxb-dev).
    card_max_article_chars: int = 500
    card_min_titles: int = 6
    # Repeated blocks at least this long are kept once (desktop/mobile copies).
    dedupe_min_chars: int = 20
    # Card mode: a line of at most this many characters whose words all appear in
    # the line kept just before it is an echo ("$279.95 $279.95" after "$279.95"):
    # selection.drop_echoes (collection 0.7359 -> 0.7381, listing +0.0004; four
    # pages better, one 0.02 worse).
    echo_max_chars: int = 60
    # page types whose article strategy also keeps a repeated block once: a thread
    # repeats posts in reply previews and quotes the markup does not name
    # and service pages, whose sections come in desktop and mobile copies (service
    # F1 0.848 -> 0.853; offer cards that repeat "$200 in instant savings" lose a
    # little, and a longer dedupe_min_chars for them measured worse)
    dedupe_types: tuple[str, ...] = ("forum", "article", "product", "service")
    # page types whose article strategy drops a run of teaser cards (related posts:
    # a card group, each card a linked title plus an excerpt or date) that follows
    # the last paragraph of the article's own text
    trailing_teaser_types: tuple[str, ...] = ("article",)
    # ...unless those cards hold more than this share of the text before them (a
    # roundup's items; wcxb-dev article F1 0.9460 -> 0.9473, 0.3-0.7 about the same)
    trailing_teaser_share: float = 0.5
    # page types whose article strategy drops byline and dateline lines of at most
    # meta_line_chars ("Por Ana Costa, Jornal do Norte", "Published on May 3, 2023 by
    # …": metadata.meta_line); forum bodies keep each post's author line
    meta_line_types: tuple[str, ...] = ("article",)
    meta_line_chars: int = 100
    # page types whose body does not open with its h1: an article's headline is its
    # title (Record.title), and benchmarks leave it out of the text
    drop_headline_types: tuple[str, ...] = ("article",)
    # Shop category pages with descriptive copy of their own (an "about these
    # products" text, FAQs): when the card container holds at least copy_min_chars
    # of prose outside the cards (blocks of copy_block_chars or more), the cards'
    # prices, badges and short labels are dropped and their names and text stay, and
    # so are lines and links standing alone outside the cards and the copy.
    # On the development pages with such copy 6% of the card-price words and 17% of
    # the words of short card lines are in the ground truth (pages without copy: 72%
    # and 67%); wcxb-dev collection F1 0.7216 -> 0.7290 (14 pages better, one 0.05
    # worse; copy_min_chars 500: 0.726, 2000: 0.727); the stray lines and links
    # 0.7290 -> 0.7317 (twelve pages better, one 0.02 worse).
    copy_types: tuple[str, ...] = ("collection",)
    copy_min_chars: int = 1000
    copy_block_chars: int = 150
    # a link of fewer words in a card of such a page is a label ("Compare", "View
    # details", "Grey") or a short name the copy speaks for; swept on wcxb-dev:
    # 4 words 0.7381, 5: 0.7394 (three pages better, none worse), 6: 0.7403 (five
    # better, one 0.03 worse), 7-12: 0.7398-0.7402 (one page 0.10-0.15 worse)
    copy_label_words: int = 6
    # When the body comes out shorter than this, clean again conservatively and
    # keep the longer result (calibrated on wcxb-dev: catches over-eager class rules).
    retry_below_chars: int = 200
    # a page with no text block at all keeps its short blocks when they add up to
    # at most this many characters ("<p>Hello, world</p>"); above it they are
    # leftovers of an app shell or a footer, and the record says no-content
    tiny_page_chars: int = 400
    # ...and only on a document that is small itself: a large document with almost
    # no text is an app shell whose content JavaScript renders (no-content)
    tiny_page_html: int = 20_000
    output_format: str = "txt"  # txt | md
    # Product pages: the description declared in JSON-LD (stripper.product) heads the
    # body when the body holds less than declared_description_cover of its words;
    # shorter descriptions (a one-line tagline) are ignored. Measured on wcxb-dev
    # (docs/algorithm.md): 0.3-0.7 give the same pages.
    declared_description_types: tuple[str, ...] = ("product",)
    # ... and the sections named as description, specifications or details
    # (rules.PRODUCT_SECTION_PARTS) are kept outside the container too.
    product_section_types: tuple[str, ...] = ("product",)
    declared_description_chars: int = 80
    declared_description_cover: float = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class MetadataOptions:
    # Visible and URL dates outside [min_year, now+1 day] are rejected unless structured.
    min_year: int = 1995
    max_future_days: int = 1  # a day of slack for time zones
    # With no publication date anywhere, a visible "Updated on …" date near the
    # headline is the page's date as readers see it (measured: docs/metadata.md).
    modified_as_published: bool = True
    # The page-type gate (no author/date on listings, products…) applies only when the
    # page-type probabilities of those types add up to this much (docs/metadata.md).
    undated_min_share: float = 0.6
    # ... for dates: this much, and then whatever the JSON-LD or microdata declares
    # (measured with 0.6/0.7/0.8/0.85: docs/metadata.md).
    undated_date_min_share: float = 0.7
    # ... and failing that, a structured modification date (article:modified_time).
    structured_modified_as_published: bool = False  # measured: 3 right, 37 wrong
    extract_dates: bool = True
    # A <time pubdate> anywhere outside chrome and comments is a date the page shows
    # (docs/metadata.md).
    time_pubdate: bool = True
    # A date the authors declare (a paper's citation_* date, a docs article's ms.date)
    # passes the page-type gate (docs/metadata.md).
    authored_dates_ungated: bool = True
    # A dateline next to the headline at least this many days before the structured
    # datePublished is the original publication (a re-stamped page; docs/metadata.md).
    # One day apart is a time-zone shift, not a re-stamp (measured: 2 right, 3 wrong).
    restamp_min_days: int = 2
    # A date shown next to the headline beats a schema.org datePublished (JSON-LD,
    # microdata) that the page shows nowhere near it (docs/metadata.md: +25/-12).
    shown_beats_json_ld: bool = True
    # ... unless what it shows is labelled "Updated" and a <meta> date of another
    # vocabulary (article:published_time) declares the same day as the JSON-LD
    # (docs/metadata.md: +5/-1).
    corroborated_beats_updated: bool = True
    # On a thread, the first post's shown day beats a structured timestamp one day off
    # it: the same moment in UTC (docs/metadata.md: +3/-0).
    thread_local_day: bool = True
    # Title: an <h1> is the headline when this share of its words agrees with a
    # structured title (og:title, JSON-LD headline, <title>); see docs/metadata.md.
    title_agreement: float = 0.6
    # An unnamed last segment of "Headline | Site" of at most this many words is
    # taken for the site name.
    max_site_words: int = 4
    # With no agreeing <h1>, an <h2> showing the same words as the structured title.
    h2_agreement: float = 0.999
    # Keep only the first segment of a structured "Headline | Section | Site" title
    # (measured on the development pages: docs/metadata.md).
    title_head_only: bool = True
    # Let the learned ranker (stripper/title_model.json, scripts/train_title.py)
    # overrule the rules' headline with another candidate of the page.
    title_model: bool = True
    # Byline/dateline zone: climb at most zone_levels ancestors from the headline,
    # stopping at the first holding zone_min_chars of text; read that many
    # elements before and after the headline.
    zone_levels: int = 6  # page builders nest a headline 5–6 boxes deep (4: 2 dates fewer)
    zone_min_chars: int = 400
    zone_before_elements: int = 12
    zone_after_elements: int = 80
    zone_paragraphs: int = 3  # stop reading after this many paragraphs of prose
    max_byline_chars: int = 120  # longer elements are prose, not bylines
    max_dateline_chars: int = 80  # a date in a longer line is part of the story
    # Last resort: the first dated element of the page outside chrome (0: off).
    page_date_elements: int = 40
    page_date_texts: int = 200  # short texts with digits read page-wide, at most
    max_dateline_text: int = 60  # a page-wide dateline text is at most this long
    body_byline_blocks: int = 2
    # Last resort for authors: author cards and "Written by …" lines anywhere on the
    # page outside chrome, comments and widgets (0: off; docs/metadata.md).
    page_author_elements: int = 60  # elements with an author/byline class read, at most
    page_byline_texts: int = 30  # short texts opening with "By"/"Written by" read, at most
    max_page_byline_chars: int = 80  # longer texts are prose or bios, not bylines
    # ... and the names must make up this share of the text (after the "By"), so that
    # an author bio ("Jane writes about …") is not read as the name "Jane".
    page_byline_name_share: float = 0.5
    # A person's name standing alone next to the headline (before the first
    # paragraph of prose) is the byline when nothing better names the author.
    lone_names: bool = True
    forum_user_links: int = 40  # profile links read on a forum thread
    meta_line_levels: int = 3  # ancestors searched for the date of a "meta line"
    max_meta_line_chars: int = 160  # a lone name counts in the first N prose blocks only
    # Content language check (stopword counts in the first paragraphs).
    language_paragraphs: int = 30
    language_words: int = 400
    language_min_words: int = 30
    language_lang_elements: int = 20  # elements with a lang attribute looked at
    language_block_chars: int = 200  # ... holding at least this much text
    language_min_hits: int = 10  # common words of the leading language, at least
    language_min_lead: float = 1.5  # ... and this many times the runner-up's


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    fetch: FetchOptions = field(default_factory=FetchOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    score: ScoreOptions = field(default_factory=ScoreOptions)
    select: SelectOptions = field(default_factory=SelectOptions)
    metadata: MetadataOptions = field(default_factory=MetadataOptions)
    trace: bool = False
    # Resource guards, checked before work begins (Readability maxElemsToParse).
    max_bytes: int = 20_000_000
    max_nodes: int = 300_000
    max_depth: int = 2_000  # deeper trees are flattened below this depth, not refused
    max_attributes: int = 1_000  # attributes of one element beyond this are dropped
    max_options: int = 2_000  # <option> elements of a page beyond this are dropped

    def __post_init__(self) -> None:
        _check(self.max_bytes > 0, "max_bytes must be > 0")
        _check(self.max_nodes > 0, "max_nodes must be > 0")
        _check(self.max_attributes > 0, "max_attributes must be > 0")
        _check(self.max_options > 0, "max_options must be > 0")


DEFAULT_OPTIONS = Options()
