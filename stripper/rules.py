"""Rule tables, kept as data. ``clean.py``, ``score.py`` and ``selection.py`` only interpret them.

Every rule has a name and a ``why``; ``tests/unit/test_rules.py`` runs each rule on
its own tiny positive and negative snippet. To add a rule, see docs/rules.md.

Class/id rules match *word parts* of the class and id attributes: ``post-share-bar``
has the parts ``post``, ``share`` and ``bar``, so a ``share`` rule matches it while
``shared-content`` (part ``shared``) does not, unless the rule lists ``shared``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Action = Literal["remove", "remove-guarded"]


# Hidden in the HTML but shown to the reader: React streams server-rendered
# Suspense segments as <div hidden id="S:n"> and moves them into place; tabs and
# accordions hide the panels a reader opens with a click.
HIDDEN_BUT_SHOWN = ("[id^='S:'], [role=tabpanel], [aria-labelledby], "
                    "[class*=tab], [class*=accordion], [class*=collaps], [class*=toggle], "
                    "[class*=panel], [class*=expand], [class*=more]")


# A form around the page's headline or main landmark is a page wrapper (ASP.NET
# WebForms puts the whole body in one <form>), and a form around ten or more linked
# rows is a results list with checkboxes: neither is a widget.
FORM_AROUND_PAGE = (":has(main, [role=main], article, h1, [itemprop=articleBody], "
                    "tr:nth-of-type(10) a, li:nth-of-type(10) a)")


@dataclass(frozen=True, slots=True)
class Rule:
    """Remove every element matched by a CSS selector."""

    name: str
    selector: str
    why: str
    example: str  # a snippet the rule must remove (marked by the text "DROP")
    counter: str = ""  # a snippet the rule must leave alone (marked by "KEEP")
    # guarded: spare an element holding most of the page's prose (an unclosed
    # <aside> or <header> that swallowed the article, as broken markup does).
    guarded: bool = False
    keep_on: tuple[str, ...] = ()  # page types on which the rule does not apply
    # a selector for matched elements the rule spares (they look like what the rule
    # names but are something else, e.g. hidden React stream segments)
    unless: str = ""


@dataclass(frozen=True, slots=True)
class TokenRule:
    # (max_paragraphs, below) An element holding more than ``max_paragraphs``
    # paragraphs of prose is a wrapper around content, not the widget the rule
    # names (a share bar never holds the article's paragraphs). None: no limit.
    """Remove elements whose class/id has one of ``parts`` as a word part.

    ``guarded`` rules never remove an element that holds most of the page's text
    or contains the page's main landmark (``main``, ``article``, ``h1``): class names
    such as ``has-sidebar`` or ``menu-open`` often sit on whole-page wrappers.
    ``keep_on`` lists page types on which the rule does not apply (forum posts
    are often marked up as "comments").
    """

    name: str
    parts: tuple[str, ...]
    why: str
    guarded: bool = True
    keep_on: tuple[str, ...] = ()
    max_paragraphs: int | None = 2
    # word parts that, before the matched part in the same class name, say the
    # element is something else: content ("entry-header", "post-header") or a
    # colour utility ("text-secondary"): no match.
    unless_parts: tuple[str, ...] = ()
    # word parts that, after the matched part in the same class name, say the element
    # is an entry of the content ("search-result-item" is a result, not a search box)
    unless_after: tuple[str, ...] = ()
    # page types the rule is limited to (empty: all types). Product pages carry
    # reviews and buy boxes that an article never has and a forum page needs.
    only_on: tuple[str, ...] = ()
    # essential rules still apply in the conservative retry (pipeline: when the
    # full clean leaves too little text, e.g. a thread whose posts are "comments")
    essential: bool = False
    # remove only an element whose longest text run also appears elsewhere on the
    # page: a quote of a post that is on this page, not one from an earlier page
    repeated_only: bool = False
    # tags the rule never removes: a heading classed "CopyLockup_header__x1" is the
    # title of a section, never the site's header bar
    spare_tags: tuple[str, ...] = ()


# ---------------------------------------------------------------- tag and attribute rules
TAG_RULES: tuple[Rule, ...] = (
    Rule("code-and-style", "script, style, template, link, meta",
         "never visible text",
         "<p>KEEP</p><script>var DROP=1</script>"),
    Rule("embedded-media", "svg, canvas, iframe, object, embed, video, audio, picture, map",
         "no readable text; fallback text inside them is boilerplate",
         "<p>KEEP</p><svg><text>DROP</text></svg>"),
    Rule("form-controls", "input, select, textarea, button, option, datalist, label[for]",
         "controls and their captions are interface, not content",
         "<p>KEEP</p><button>DROP</button>", "<label>KEEP</label>"),
    Rule("navigation", "nav, [role=navigation], [role=menubar], [role=menu]",
         "site navigation and menus",
         "<nav><a href=/>DROP</a></nav><p>KEEP</p>", guarded=True),
    Rule("page-footer", "footer, [role=contentinfo]",
         "page and article footers: copyright, contact, tags",
         "<p>KEEP</p><footer>DROP</footer>", guarded=True),
    Rule("page-header", "body > header, [role=banner]",
         "the site header (masthead, logo, top menu); article headers are kept",
         "<header>DROP</header><p>KEEP</p>", "<article><header>KEEP</header></article>", guarded=True),
    Rule("complementary", "aside, [role=complementary]",
         "sidebars and pull-outs that are not part of the text flow",
         "<p>KEEP</p><aside>DROP</aside>", guarded=True),
    Rule("dialogs", "dialog, [role=dialog], [role=alertdialog], [aria-modal=true], [popover]",
         "modals: cookie consent, login, newsletter pop-ups; [popover] elements (the HTML "
         "popover API) are not rendered until opened: install and notification prompts",
         "<p>KEEP</p><div role=dialog>DROP</div><i-card popover>DROP</i-card>", guarded=True),
    Rule("search", "[role=search], form[action*=search], form[role=search]",
         "search boxes",
         "<p>KEEP</p><form role=search>DROP</form>"),
    Rule("forms", "form, .gform_wrapper, .wpcf7, .wpforms-container, .hbspt-form, .hs-form, "
         ".w-form, .nf-form-cont, .elementor-form, .frm_forms, .mktoForm",
         "forms and form-builder widgets (contact, quote, download, sign-up): their "
         "headings, notes and validation messages are interface",
         "<p>KEEP the paragraph</p><div class=gform_wrapper><h3>DROP</h3><form>DROP</form></div>",
         "<form id=aspnetForm><h1>KEEP</h1><p>text</p></form>",
         guarded=True, keep_on=("forum", "product"), unless=FORM_AROUND_PAGE),
    Rule("hidden", "[hidden], [style*='display:none'], "
         "[style*='display: none'], [style*='visibility:hidden'], [style*='visibility: hidden']",
         "not rendered, so not part of what the reader sees",
         "<p>KEEP</p><div hidden>DROP</div><div style='display: none'>DROP</div>",
         "<div hidden id='S:0'><p>KEEP</p></div>",
         guarded=True, unless=HIDDEN_BUT_SHOWN),
    Rule("hidden-code", "pre.hidden",
         "code blocks a documentation engine ships hidden (the source behind a live example)",
         "<p>KEEP</p><pre class='brush: css hidden'>DROP</pre>", "<pre class='brush: css'>KEEP</pre>"),
    Rule("captions", "figcaption, .wp-caption-text, .caption, [class*=photo-credit]",
         "image captions and credits describe pictures the text does not carry",
         "<p>KEEP</p><figure><img src=x><figcaption>DROP</figcaption></figure>",
         keep_on=("listing", "collection")),
    Rule("wordpress-calendar", "#wp-calendar, .widget_calendar, table.wp-calendar-table",
         "the archive calendar widget (M T W T F S S)",
         "<p>KEEP</p><table id=wp-calendar><tr><td>DROP</td></tr></table>"),
)

# schema.org types whose JSON-LD ``description`` is the product text a shop declares
# (stripper.product): lower-case, without the schema.org prefix.
PRODUCT_LD_TYPES: tuple[str, ...] = ("product", "productgroup", "individualproduct",
                                     "productmodel", "vehicle", "car", "book",
                                     "softwareapplication", "videogame")

# Word parts of class/id (lower-case, split at "-", "_" and spaces) naming the sections
# of a product page that hold its text: description, specifications, details,
# features, materials (Shopify "product__description", WooCommerce
# "woocommerce-Tabs-panel--description", Magento "product-info-details",
# BigCommerce "productView-description"). Kept on product pages wherever they sit.
PRODUCT_SECTION_PARTS: tuple[str, ...] = (
    "description", "desc", "specifications", "specification", "specs", "spec", "techspecs",
    "features", "feature", "details", "detail", "attributes", "attribute", "highlights",
    "properties", "characteristics", "ingredients", "materials", "dimensions", "composition",
)
PRODUCT_SECTION_ITEMPROPS: tuple[str, ...] = ("description",)

# Forms that ask the reader to write something (contact, quote, booking, sign-up
# forms): at least CleanOptions.form_min_fields of these fields. clean.py removes
# such a form with the small section around it (its heading, its privacy note).
# Search boxes have one field; buy boxes have a quantity and selects, not these.
FORM_TEXT_FIELDS = ("input[type=text], input[type=email], input[type=tel], input:not([type]), "
                    "textarea")

# ---------------------------------------------------------------- class/id word-part rules
# Word parts that name the page's own content when they qualify a structural word.
CONTENT_PARTS: tuple[str, ...] = ("entry", "post", "article", "story", "teaser", "content",
                                  "card", "item", "message")

# Utility-class words that put a colour or style on an element (Tailwind, Bootstrap):
# "text-secondary" is grey text, not a secondary column.
UTILITY_PARTS: tuple[str, ...] = ("text", "bg", "color", "btn", "button", "border", "outline",
                                  "stroke", "fill", "label", "link", "badge", "alert", "ring")

TOKEN_RULES: tuple[TokenRule, ...] = (
    TokenRule("cookie-consent",
              ("cookie", "cookies", "consent", "gdpr", "cmplz", "onetrust", "optanon", "cookiebot",
               "cybotcookiebot", "didomi", "qc-cmp2-container", "truste", "usercentrics", "cky-consent",
               "iubenda", "borlabs", "cookielaw", "cc-window", "cc-banner", "moove_gdpr",
               "cookienotice", "cookiebanner"),
              "cookie and consent banners (Complianz, OneTrust, Cookiebot, Didomi, Quantcast…)",
              guarded=False, max_paragraphs=None, essential=True),
    TokenRule("share-bar",
              ("share", "shares", "sharing", "sharedaddy", "addtoany", "a2a", "social", "socials",
               "shariff", "ssba", "sharethis", "social-links", "socialmedia",
               "compartilhar", "compartilhe", "compartir", "comparte", "partager", "partage",
               "teilen", "condividi", "condivisione"),
              "share buttons and social links (class names in Portuguese, Spanish, French, "
              "German and Italian too)", guarded=False, essential=True),
    TokenRule("newsletter",
              ("newsletter", "newsletters", "subscribe", "signup",
               "mc4wp", "optin", "mailchimp", "mc_embed_signup"),
              "newsletter and subscription boxes", guarded=False, essential=True),
    TokenRule("subscription-box", ("subscription", "subscriptions"),
              "subscription boxes; on a shop grid 'subscription' is a way to buy the product "
              "(subscribe and save: 'product-card subscription-eligible'), so there it stays",
              guarded=False, essential=True, keep_on=("collection",)),
    TokenRule("related",
              ("related", "relatedposts", "recommended", "recommendations", "recommend",
               "yarpp", "crp", "outbrain", "taboola", "popular", "mostread", "most-read",
               "trending", "readmore-posts", "more-stories", "morestories", "also-like"),
              "related, recommended and most-read lists", guarded=False, max_paragraphs=None),
    TokenRule("comment-form",
              ("comment-respond", "respond", "comment-form", "commentform", "reply-title",
               "reply-form", "replyform", "quick-reply", "quickreply", "post-reply-form",
               "answer-form", "add-answer", "js-add-answer-component"),
              "the form for writing a comment or reply: interface, on every page type",
              guarded=False, max_paragraphs=None),
    TokenRule("comments",
              ("comments", "commentlist", "comment-list", "disqus", "comments-area", "comment"),
              # on forums the posts are the content, on product pages the reviews are
              "comment threads and comment forms under an article",
              guarded=False, keep_on=("forum", "product"), max_paragraphs=None),
    TokenRule("post-comments",
              ("comments-list", "js-comments-container", "comment-copy", "js-comments-list"),
              # Stack Exchange-like Q&A: each question and answer carries a list of short
              # remarks; forum engines name their posts "post", "message", "reply", so
              # unlike "comments" this rule applies on forums too
              "remarks listed under a question or an answer on Q&A sites: not the posts",
              guarded=False, keep_on=("product",), max_paragraphs=None),
    TokenRule("post-quote",
              ("quote", "quotes", "ipsquote", "quotebox", "quotecontent", "quote-container",
               "quotecontainer", "bbcode_quote", "mycode_quote", "bbc_standard_quote"),
              # XenForo bbCodeBlock--quote, Invision ipsQuote, FluxBB quotebox, vBulletin
              # bbcode_quote, MyBB mycode_quote, SMF bbc_standard_quote
              "a reply's quote of a post shown on the same page: the text is there already",
              guarded=False, max_paragraphs=None, only_on=("forum",), repeated_only=True),
    TokenRule("feedback-widget",
              ("feedback", "page-feedback", "doc-feedback", "docs-feedback", "was-this-helpful",
               "helpful-widget", "rate-this-page"),
              "'Was this page helpful?' boxes under documentation pages and their thank-you notes",
              max_paragraphs=1, only_on=("documentation",)),
    TokenRule("product-reviews",
              ("review", "reviews", "rating", "ratings", "yotpo", "okendo", "jdgm", "judgeme",
               "stamped", "bazaarvoice", "bv", "trustpilot", "feefo", "reevoo", "powerreviews"),
              "customer reviews and ratings under a product: opinions, not the product text",
              guarded=False, max_paragraphs=None, only_on=("product",)),
    TokenRule("buy-box",
              ("price", "prices", "pricing", "add-to-cart", "addtocart", "cart", "buybox",
               "buy-box", "quantity", "qty", "swatch", "swatches", "variant", "variants",
               "shipping", "delivery", "stock", "wishlist", "payment", "installments",
               "klarna", "afterpay", "affirm", "upsell", "cross-sell", "crosssell"),
              "price, variant pickers, cart buttons, delivery and payment notes of a product",
              max_paragraphs=2, only_on=("product",)),
    TokenRule("signature",
              ("signature", "signatures", "postsig", "post-signature", "sig", "usersig"),
              "forum signatures: the same personal footer under every post of a user",
              guarded=False),
    TokenRule("user-stats",
              ("flair", "badges", "reputation", "postprofile", "user-stats", "userstats",
               "userextras", "user-extras", "userdetails", "user-details",
               "author-stats", "user-badges", "member-stats", "post-count", "postcount"),
              "poster statistics beside forum posts: rank, post count, badges, join date",
              guarded=False),
    TokenRule("post-votes",
              ("votecell", "vote-count", "voting-container", "vote-bar", "vote-buttons",
               "votebox", "vote-box", "upvote", "downvote", "post-votes"),
              # forums only: on listings a vote count is a rating that belongs to the item
              "vote counts and arrows beside Q&A posts and forum replies",
              guarded=False, only_on=("forum",)),
    TokenRule("advertising",
              ("ad", "ads", "advert", "adverts", "advertisement", "advertising", "adsbygoogle",
               "adslot", "adunit", "ad-slot", "dfp", "gpt-ad", "sponsor", "sponsored", "sponsors",
               "banner-ad", "google-ad"),
              "advertising slots", guarded=False, essential=True),
    TokenRule("promotion", ("promo", "promotion"),
              "promotion banners beside an article; on a service page a promo names the "
              "company's own offers (a report, a discount, a product), which are its content",
              guarded=False, essential=True, keep_on=("service",)),
    TokenRule("login-modal",
              ("modal", "popup", "pop-up", "lightbox", "login", "signin", "sign-in", "register",
               "password", "lostpassword", "lost-password", "forgot", "account"),
              "login, password and registration boxes and other pop-ups"),
    TokenRule("search-box",
              ("search", "searchform", "search-form", "searchbox", "search-box", "site-search",
               "advanced-search", "search-widget", "searchbar", "search-bar"),
              "search boxes and their notes; result lists hold paragraphs and are spared",
              max_paragraphs=2, unless_after=("result", "results", "hit", "hits")),
    TokenRule("browser-warning",
              ("browserwarning", "browser-warning", "browsehappy", "outdated-browser",
               "browserupgrade", "jswarning", "noscript-warning"),
              "notices that the browser is out of date or JavaScript is off (XenForo, phpBB…)",
              guarded=False, essential=True),
    TokenRule("card-chrome",
              ("star-rating", "onsale", "add_to_cart_button", "add-to-cart-button",
               "woocommerce-result-count", "result-count", "woocommerce-ordering",
               "add-to-wishlist", "wishlist-button", "compare-button", "product-badge"),
              # WooCommerce star-rating, onsale, add_to_cart_button, result count and
              # ordering; wishlist and compare buttons of Shopify/Magento themes
              "the controls of a shop grid and its cards: rating stars, sale badges, cart "
              "and wishlist buttons, result count and sort order",
              guarded=False, only_on=("listing", "collection")),
    TokenRule("breadcrumbs", ("breadcrumb", "breadcrumbs", "crumbs", "crumb"),
              "breadcrumb trails", guarded=False, essential=True),
    TokenRule("pagination",
              ("pagination", "pager", "paging", "page-numbers", "nav-links", "post-navigation",
               "postnav", "post-nav", "prev-next", "next-prev", "nav-previous", "nav-next",
               "previous-post", "next-post", "prev-post"),
              "pagination and previous/next post links", guarded=False),
    TokenRule("calendar", ("calendar", "wp-calendar"), "calendar widgets", guarded=False,
              essential=True),
    TokenRule("screen-reader",
              ("screen-reader-text", "sr-only", "visually-hidden", "visuallyhidden", "skip-link",
               "skip-links", "skiplink", "screenreader", "assistive-text", "a11y"),
              "text only for screen readers (skip links, icon labels)", guarded=False, essential=True),
    TokenRule("author-box",
              ("author-box", "authorbox", "about-author", "author-bio", "authorbio", "author-info",
               "post-author", "author-card", "bio", "saboxplugin"),
              "author biography boxes", guarded=False),
    TokenRule("call-to-action", ("cta", "ctas", "call-to-action", "calltoaction"),
              "call-to-action boxes inside an article ('Book a free consultation', 'Contact "
              "us today'); on service, product and shop pages the offer is the content",
              keep_on=("service", "product", "listing", "collection")),
    TokenRule("testimonials", ("testimonial", "testimonials"),
              "client testimonial carousels on blog posts; a service page's testimonials "
              "are part of its content",
              keep_on=("service", "product", "listing", "collection"), max_paragraphs=None),
    TokenRule("tooltip", ("tooltip", "tooltips", "tooltiptext"),
              "tooltip pop-ups: definitions and hints a reader sees on hover; the term a "
              "tooltip explains ('glossary-tooltip', 'tooltip-trigger') is the text's own",
              guarded=False, unless_parts=("glossary",),
              unless_after=("trigger", "toggle", "term", "anchor")),
    TokenRule("caption-class",
              ("photo-caption", "image-caption", "img-caption", "imageblock-caption",
               "media-caption", "figure-caption", "wp-element-caption", "field-caption",
               "credit-caption", "thumbnail-caption", "caption-wrap", "table-caption"),
              "image and table captions named by class (a caption qualified by what it "
              "captions, never a bare 'caption', which landing pages use as a type size); "
              "captions stay on listings, like the figcaption rule",
              keep_on=("listing", "collection", "service", "product"), max_paragraphs=1),
    TokenRule("article-meta",
              ("byline", "entry-meta", "post-meta", "article-meta", "postmeta", "meta-info",
               "post-date", "entry-date", "posted-on", "tags", "tag-links", "tagcloud", "cat-links",
               "post-tags", "entry-footer", "post-categories", "categories"),
              "bylines, dates, tags and category lists around an article"),
    TokenRule("navigation-class",
              ("nav", "navbar", "navigation", "menu", "menus", "megamenu", "mega-menu", "submenu",
               "sub-menu", "dropdown", "offcanvas", "off-canvas", "topbar", "top-bar", "toolbar",
               "mobile-menu", "hamburger", "drawer"),
              "menus and navigation marked by class rather than by <nav>"),
    TokenRule("site-header-class", ("header", "masthead", "site-header", "topnav", "top-nav"),
              "site headers marked by class; entry, post and article headers are content",
              unless_parts=CONTENT_PARTS, spare_tags=("h1", "h2", "h3", "h4", "h5", "h6")),
    TokenRule("legal-notice", ("legal",),
              "fine print named legal: disclaimers under an offer's figures, rating and "
              "licence notes, sign-up terms (a law firm's content is not one short block)"),
    TokenRule("site-footer-class", ("footer", "site-footer", "colophon", "copyright"),
              "site footers marked by class", max_paragraphs=4),
    TokenRule("sidebar-class",
              ("sidebar", "side-bar", "widget", "widgets", "widget-area", "rail", "right-rail",
               "left-rail"),
              "sidebars and widget areas; CKEditor's ck-widget wraps embedded content, and "
              "landing-page builders name content blocks widget (service pages have no sidebar)",
              max_paragraphs=4, unless_parts=("ck",), keep_on=("service",)),
    TokenRule("secondary-column", ("secondary",),
              "the secondary column of a layout (a sidebar); colour utilities such as "
              "text-secondary, btn-secondary or dark:bg-secondary (Tailwind, Bootstrap) are not",
              max_paragraphs=4, unless_parts=UTILITY_PARTS),
)

# Class names that page builders and CSS frameworks put on every component say
# what kind of component it is (``elementor-widget``, ``wp-block-group``), not which
# part of the page it is; and modifier classes (``has-sidebar``, ``no-comments``,
# ``menu-open``) describe page state. Guarded rules skip class tokens that start
# with these prefixes.
NEUTRAL_CLASS_PREFIXES: tuple[str, ...] = (
    "elementor", "e-con", "e-", "wp-block", "wp-container", "wp-elements", "et_pb", "et-",
    "vc_", "wpb", "fl-", "fusion", "brxe", "kt-", "uagb", "gb-", "avia", "av-", "tve",
    "widget-span", "widget-type", "hs_cos_wrapper",
    "has-", "has_", "is-", "is_", "with-", "no-", "show-", "hide-", "enable-", "js-", "u-",
)
# Modifier prefixes that state what a component has, lacks or hides (``has-ads``,
# ``no-sidebar``, ``hide-read-more-ad``): such a class never names the element it
# sits on, so no rule, guarded or not, reads it.
STATE_CLASS_PREFIXES: tuple[str, ...] = (
    "has-", "has_", "no-", "no_", "hide-", "show-", "with-", "without-", "enable-", "disable-",
)

# ---------------------------------------------------------------- scoring hints
# Word parts of class/id that make an element more (positive) or less (negative)
# likely to be the main content container. Used by score.py, not to remove.
POSITIVE_HINTS: frozenset[str] = frozenset({
    "article", "content", "entry", "post", "body", "text", "story", "main", "blog", "prose",
    "richtext", "rich-text", "markdown", "documentation", "docs", "articlebody", "post-content",
    "entry-content", "article-body", "story-body", "page-content", "main-content",
})
NEGATIVE_HINTS: frozenset[str] = frozenset({
    "comment", "comments", "meta", "footer", "sidebar", "widget", "related", "share", "social",
    "nav", "menu", "header", "ad", "ads", "promo", "sponsor", "banner", "hidden", "author",
    "tags", "breadcrumb", "pagination", "newsletter", "subscribe", "cookie", "popup", "modal",
    "teaser", "card", "thumbnail", "thumb", "caption", "credit",
})

# Landmarks that name the main content outright, strongest first.
SEMANTIC_CONTAINERS: tuple[str, ...] = (
    "[itemprop=articleBody]",
    "[itemprop=text]",
    "article",
    "main",
    "[role=main]",
)

# ---------------------------------------------------------------- boilerplate phrases
# Whole short blocks equal to (or starting with) one of these are interface text.
# Lower-case; matched after whitespace is collapsed. English, Spanish, German,
# French, Portuguese, Italian.
BOILERPLATE_PHRASES: tuple[str, ...] = (
    # read more
    "read more", "continue reading", "keep reading", "read the full", "seguir leyendo",
    "leer más", "leer mas", "sigue leyendo", "weiterlesen", "mehr lesen", "lire la suite",
    "en savoir plus", "leia mais", "continue lendo", "continua a leggere", "leggi tutto",
    "leggi di più",
    # sharing
    "share on facebook", "share on twitter", "share on x", "share this", "share:", "tweet",
    "compartir", "compartir en", "comparte", "teilen", "partager", "condividi", "compartilhe",
    "compartilhar",
    # related
    "related posts", "related articles", "related stories", "you may also like",
    "you might also like", "recommended", "more from", "most read", "most popular",
    "artículos relacionados", "noticias relacionadas", "también te puede interesar",
    "te puede interesar", "verwandte artikel", "ähnliche artikel", "das könnte sie auch interessieren",
    "articles similaires", "à lire aussi", "lire aussi", "artigos relacionados",
    "leia também", "articoli correlati", "potrebbe interessarti", "ti potrebbe interessare",
    # consent
    "gestionar consentimiento", "manage consent", "cookie settings", "accept all",
    "accept cookies", "aceptar", "aceptar todo", "alle akzeptieren", "tout accepter",
    "aceitar", "accetta", "we use cookies", "utilizamos cookies", "usamos cookies",
    "wir verwenden cookies", "nous utilisons des cookies", "utilizziamo i cookie",
    # rights
    "all rights reserved", "todos los derechos reservados", "alle rechte vorbehalten",
    "tous droits réservés", "todos os direitos reservados", "tutti i diritti riservati",
    # newsletter
    "subscribe", "sign up for", "newsletter", "suscríbete", "suscribirse", "abonnieren",
    "abonnez-vous", "s'abonner", "inscreva-se", "assine", "iscriviti",
    # post navigation
    "previous post", "next post", "previous article", "next article", "entrada anterior",
    "entrada siguiente", "siguiente entrada", "artículo anterior", "artículo siguiente",
    "vorheriger artikel", "nächster artikel", "article précédent", "article suivant",
    "post anterior", "próximo post", "articolo precedente", "articolo successivo",
    # accounts
    "log in", "login", "sign in", "forgotten password", "forgot password", "lost your password",
    "retrieve your password", "welcome back", "iniciar sesión", "¿olvidaste tu contraseña",
    "anmelden", "passwort vergessen", "se connecter", "mot de passe oublié", "entrar",
    "esqueceu a senha", "accedi", "password dimenticata",
    # ads and misc widgets
    "advertisement", "publicidad", "anzeige", "publicité", "publicidade", "pubblicità",
    "edit", "edit source", "edit this page", "bearbeiten", "quelltext bearbeiten", "modifier",
    "modifier le code", "editar", "editar código", "modifica", "modifica wikitesto",
    "add to cart", "add to basket", "add to bag", "add to wishlist", "buy now", "quick view",
    "quick shop", "select options", "choose options", "sold out", "out of stock",
    "in den warenkorb", "añadir al carrito", "ajouter au panier", "aggiungi al carrello",
    "adicionar ao carrinho", "who is online", "users browsing this forum",
    "loading", "something went wrong", "join our newsletter", "subscribe here",
    "sign up for our newsletter", "follow us", "follow us on", "you need to be a member",
    "log in to", "sign in to", "you must be logged in", "page tools",
    "no result", "view all result", "skip to content", "ir al contenido",
    "zum inhalt springen", "aller au contenu", "back to top", "top of page", "volver arriba",
    # browser notices and Q&A prompts (Stack Exchange-like sites, forum engines)
    "you are using an out of date browser", "you should upgrade or use an alternative browser",
    "javascript is disabled", "please enable javascript", "this site is best viewed",
    "find the answer to your question by asking", "see similar questions with these tags",
    "start asking to get answers", "you must log in to answer this question",
    "by clicking “post your answer”", "by clicking \"post your answer\"",
    "you must log in or register to reply here", "not the answer you're looking for",
    # a table of contents' title left behind by its list, and byline labels
    "table of contents", "tabla de contenidos", "inhaltsverzeichnis", "table des matières",
    "indice dei contenuti", "índice de conteúdos",
    "written by", "edited by", "reviewed by", "fact checked by", "fact-checked by",
    "medically reviewed by", "escrito por", "geschrieben von", "écrit par", "scritto da",
)

# Separators of a breadcrumb trail written as text ("Home > News > Title", "Inicio »
# Blog » …"): a short block of three or more parts joined by one of these, with a
# link in it, is a trail whatever its class (sites without a breadcrumb class,
# table layouts).
BREADCRUMB_SEPARATORS: tuple[str, ...] = (">", "›", "»", "→", "/", "⟩", "▸")

# Sentences that disclose affiliate links and sponsorship: short notices around
# reviews and buying guides, never the text itself (lower-case regex parts).
DISCLOSURE_PATTERNS: tuple[str, ...] = (
    r"\bearns? (?:a )?(?:small )?commissions?\b", r"\baffiliate (?:links?|commissions?|marketer)",
    r"\bmay receive compensation\b", r"\breader-supported\b",
    r"\bindependently (?:test|evaluate|review|research)\w* (?:all|everything)\b",
    r"\bas an amazon associate\b",
    # the licence footer of documentation engines (Google devsite and others)
    r"\bthe content of this (?:page|site|website) is licensed under\b",
)

# A reading-time note ("5 min read", "Lesezeit: 4 Min."), alone or beside a date:
# a short block holding one is page furniture (lower-case regex).
READING_TIME = (r"\b\d+\s*(?:min|mins|minutes?)\.?\s+(?:read|de lectura|de lecture|di lettura|"
                r"de leitura)\b|\blesezeit\b|\btiempo de lectura\b|\btemps de lecture\b")

# Words that interface counters pair with a number ("12 Posts 5 Posters 3.2k Views",
# "3 Likes", "1 reply"): a short block made only of such pairs is a counter.
COUNTER_WORDS: tuple[str, ...] = (
    "post", "posts", "poster", "posters", "reply", "replies", "view", "views", "vote", "votes",
    "like", "likes", "comment", "comments", "answer", "answers", "reaction", "reactions",
    "watching", "follower", "followers", "share", "shares", "point", "points", "upvote",
    "upvotes", "downvotes", "bookmarks", "reviews", "review", "ratings",
    "respuestas", "comentarios", "visitas", "antworten", "beiträge", "kommentare", "réponses",
    "commentaires", "vues", "risposte", "commenti", "visualizzazioni", "respostas",
)

# Headings that open a boilerplate section; the section they head is removed.
SECTION_HEADINGS: tuple[str, ...] = (
    "related posts", "related articles", "related stories", "related content", "you may also like",
    "you might also like", "recommended", "recommended for you", "more stories", "more from",
    "most read", "most popular", "trending", "popular posts", "recent posts", "latest posts",
    "leave a reply", "leave a comment", "post a comment", "comments", "share this", "share",
    "newsletter", "subscribe", "tags", "about the author", "read this next", "read next",
    "more articles", "more news", "keep reading", "you may also be interested in",
    "latest news", "latest articles", "popular articles", "trending now", "related reading",
    "share this article", "share this post", "follow us", "in this article",
    "table of contents", "on this page", "related", "related topics", "more to explore",
    "who is online", "users browsing this forum", "forum statistics",
    "similar threads", "similar topics", "similar discussions", "related threads",
    "related discussions", "join the discussion", "temas similares", "ähnliche themen",
    "sujets similaires", "discussioni simili", "tópicos semelhantes",
    "similar items", "similar products", "related products", "related items",
    "explore related items", "people who viewed this item also viewed", "customers also viewed",
    "customers also bought", "customers who bought this item also bought",
    "frequently bought together", "recently viewed", "recently viewed items",
    "recently viewed products", "complete the look", "sponsored items", "seller's other items",
    "customer reviews", "ratings & reviews", "ratings and reviews", "productos relacionados",
    "ähnliche produkte", "produits similaires", "produtos relacionados", "prodotti correlati",
    "recent articles", "latest stories", "editor's picks", "top stories",
    "related services", "related insights", "featured insights", "latest insights",
    "related solutions", "related resources", "explore related topics",
    "artículos relacionados", "noticias relacionadas", "también te puede interesar",
    "te puede interesar", "lo más leído", "entradas recientes", "deja un comentario",
    "comentarios", "recomendado", "recommended", "etiquetas", "más leídas", "lo más visto",
    "últimas noticias", "contenido relacionado", "índice", "tabla de contenidos",
    "verwandte artikel", "ähnliche artikel", "das könnte sie auch interessieren",
    "meistgelesen", "kommentare", "schreibe einen kommentar", "inhaltsverzeichnis",
    "mehr zum thema", "auch interessant",
    "articles similaires", "à lire aussi", "lire aussi", "les plus lus", "commentaires",
    "laisser un commentaire", "sommaire", "sur le même sujet", "à lire également",
    "artigos relacionados", "leia também", "mais lidas", "comentários", "deixe um comentário",
    "índice", "veja também",
    "articoli correlati", "potrebbe interessarti", "ti potrebbe interessare", "i più letti",
    "commenti", "lascia un commento", "indice", "leggi anche",
)

# "Read more" tails of teasers: stripped from the end of a block, the rest is kept.
TEASER_TAIL = re.compile(
    r"\s*(?:…|\.\.\.)?\s*(?:\[|\()?\s*(?:read more|continue reading|keep reading|seguir leyendo|"
    r"leer más|leer mas|sigue leyendo|weiterlesen|mehr lesen|lire la suite|en savoir plus|"
    r"leia mais|continue lendo|continua a leggere|leggi tutto|leggi di più)\s*(?:\]|\))?"
    r"\s*[»›→>]*\s*$",
    re.IGNORECASE,
)

# Tags that start a new text block (everything else is inline).
BLOCK_TAGS: frozenset[str] = frozenset({
    "html", "body", "p", "div", "section", "article", "main", "aside", "header", "footer", "nav",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td",
    "th", "thead", "tbody", "tfoot", "caption", "blockquote", "pre", "figure", "figcaption",
    "form", "fieldset", "legend", "address", "details", "summary", "hr", "center", "dialog",
    "menu", "hgroup", "search", "noscript",
})
HEADING_TAGS: frozenset[str] = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})



# Class/id word parts of the sections that close an article: footnotes, reference
# lists and FAQ accordions are linked entries in a row, like teaser cards, but they
# are the article's own text (selection.drop_trailing_teasers leaves them alone).
NOTE_PARTS: tuple[str, ...] = ("footnote", "reference", "citation", "endnote", "bibliograph",
                               "faq", "accordion")

# Placeholder text a template shipped unfilled: "Lorem ipsum dolor sit amet…" filler
# in a theme's hidden or demo section. A block opening with it is never the page's
# own text (score.classify_block: reason "placeholder").
PLACEHOLDER_OPENINGS: tuple[str, ...] = ("lorem ipsum",)

# Class/id word parts of carousels and sliders. On a service page a linked card
# whose text reads as a sentence is content (a service described in its link box),
# but a carousel of linked slides is a strip of teasers (news, case studies, other
# products) that readers and the ground truth leave out (service.py: linked text).
SLIDER_PARTS: frozenset[str] = frozenset({"slide", "slides", "slider", "swiper", "carousel",
                                          "slick", "splide", "glide", "owl"})

# Openings of call-to-action links ("Read more on …", "Learn about our plans", "Talk
# to an expert"): a linked sentence that opens with one is a button, not a described
# service (lower-case, whole words; English, Spanish, German, French, Portuguese, Italian).
CALL_TO_ACTION_OPENINGS: tuple[str, ...] = (
    "read", "learn", "find out", "discover", "see", "explore", "view", "watch", "get", "talk",
    "contact", "download", "register", "sign up", "join", "book", "start",
    "leer", "descubre", "descubra", "ver", "conoce", "mehr erfahren", "jetzt", "entdecken",
    "découvrez", "en savoir plus", "voir", "saiba mais", "conheça", "scopri", "leggi",
)
