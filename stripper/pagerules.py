"""Page-type signals, kept as data. ``pagetype.py`` measures them and adds up the weights.

A page is described by named measurements ("features"), each a count or a 0/1:

* ``ld:<type>``   schema.org types, from JSON-LD ``@type`` and microdata ``itemtype``;
* ``og:<type>``   the ``og:type`` meta value;
* ``root:<tok>``  class tokens of ``<html>`` and ``<body>`` (digits folded to ``N``:
  WordPress ``postid-123`` is ``postid-N``);
* ``gen:<name>``  the first word of ``<meta name=generator>``;
* ``tag:<tag>``   element counts;  ``part:<word>`` class/id word parts (see ``CLASS_PARTS``);
* ``prop:<name>`` itemprop values; ``rel:<value>`` link/anchor rel values;
* ``text:<name>`` phrase counts in the page text (``TEXT_PHRASES``, word-bounded);
* ``url:<name>``  URL path patterns (``URL_PATTERNS``);
* ``shape:<name>`` structure measured over the tree (repeated siblings, heading links,
  long paragraphs, code share …), defined in ``pagetype.py``.

``SIGNALS`` says which measurement, at which level, speaks for which page type and
how strongly. The rules decide on their own; the optional model
(``pagetype_model.json``) is a learned weighting of the same measurements.
Rules describe how the web is built, never which site is which: no domain names.
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE_TYPES = ("article", "listing", "forum", "product", "collection", "documentation",
              "service", "other")

# attributes whose values the profile pass collects
PROFILE_ATTRIBUTES = ("itemtype", "itemprop", "rel")

# ---------------------------------------------------------------- class/id word parts
# Words counted in class and id attributes (split at anything but ASCII letters:
# ``product-card__price`` has the parts product, card and price).
CLASS_PARTS = frozenset({
    # article
    "article", "entry", "byline", "author", "published", "dateline", "headline", "story",
    "single", "prose", "content", "body", "lede", "dek", "kicker", "related", "share",
    # listing / collection
    "card", "cards", "teaser", "teasers", "excerpt", "summary", "grid", "tile", "tiles",
    "list", "listing", "items", "item", "feed", "archive", "pagination", "pager", "paging",
    "loop", "results", "result", "filter", "filters", "facet", "facets", "sort", "sorting",
    "category", "collection", "catalog", "masonry", "thumbnail", "thumb",
    # forum
    "post", "posts", "reply", "replies", "comment", "comments", "thread", "topic", "message",
    "messages", "forum", "username", "user", "avatar", "quote", "vote", "votes",
    "answer", "answers", "question", "postbody", "poster", "member", "badge", "karma",
    "upvote", "downvote", "permalink", "bbcode", "xenforo", "phpbb", "discourse",
    # product
    "product", "products", "price", "prices", "cart", "basket", "checkout", "buy",
    "addtocart", "sku", "stock", "availability", "quantity", "qty", "variant", "variants",
    "swatch", "rating", "ratings", "stars", "review", "reviews", "gallery", "zoom", "wishlist",
    "shipping", "delivery", "woocommerce", "shopify", "offer", "specs", "specifications",
    # documentation
    "docs", "doc", "documentation", "toc", "sidebar", "highlight", "hljs", "language",
    "code", "codehilite", "sourcecode", "syntax", "api", "method", "param", "params",
    "signature", "admonition", "note", "warning", "tip", "caution", "breadcrumb",
    "breadcrumbs", "md", "sphinx", "rst", "docsearch", "menu", "nav", "prev", "next",
    "version", "headerlink", "anchor", "markdown", "theme", "wiki",
    # service
    "hero", "cta", "testimonial", "testimonials", "pricing", "plan", "plans", "feature",
    "features", "benefits", "services", "service", "contact", "section", "banner",
    "elementor", "wpb", "vc", "fusion", "et", "pb", "block", "blocks", "column", "columns",
    "row", "container", "team", "clients", "logos", "faq", "accordion", "form", "button",
    "btn", "icon", "counter", "process", "steps", "partners", "landing",
})

# ---------------------------------------------------------------- text phrases
# (name, phrases): how often any of the phrases occurs in the visible text, matched
# as whole words (the text is lower-cased, punctuation becomes space, and phrases
# are looked up as words and word pairs). Whole words mean "ago" never matches
# inside "Chicago" or "agora", nor "sku" inside "skull". A phrase of three words
# counts as often as the rarer of its two word pairs.
TEXT_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ago", ("seconds ago", "minutes ago", "minute ago", "hours ago", "hour ago", "days ago",
             "day ago", "weeks ago", "week ago", "months ago", "month ago", "years ago",
             "year ago", "mins ago", "hrs ago")),
    ("reply", ("reply", "replies", "replied")),
    ("joined", ("joined", "join date", "registered")),
    ("posts-count", ("posts", "messages", "reaction score")),
    ("posted", ("posted",)),
    ("quote", ("quote", "said", "wrote")),
    ("thread", ("thread", "threads", "topic starter", "original poster")),
    ("answers", ("answer", "answers", "answered")),
    ("votes", ("votes", "vote", "upvote", "upvotes", "helpful")),
    ("member", ("member", "members", "moderator", "administrator")),
    ("views", ("views",)),
    ("add-to-cart", ("add to cart", "add to basket", "add to bag", "add to trolley",
                     "in den warenkorb", "ajouter au panier", "añadir al carrito",
                     "aggiungi al carrello", "in winkelwagen")),
    ("buy-now", ("buy now", "buy it now", "order now", "jetzt kaufen")),
    ("in-stock", ("in stock", "out of stock", "availability", "auf lager", "en stock",
                  "lieferbar")),
    ("shipping", ("shipping", "delivery", "free returns", "versand", "livraison")),
    ("sku", ("sku", "model no", "model number", "part number", "item number",
             "artikelnummer", "ean")),
    ("quantity", ("qty", "quantity", "menge")),
    ("reviews", ("review", "reviews", "rating", "ratings", "bewertung", "bewertungen")),
    ("specs", ("specification", "specifications", "specs", "dimensions", "weight",
               "technische daten")),
    ("wishlist", ("wishlist", "wish list", "merkzettel")),
    ("read-more", ("read more", "continue reading", "read the full", "weiterlesen",
                   "leer más", "seguir leyendo", "lire la suite", "leggi tutto", "lees meer")),
    ("pager", ("next page", "older posts", "newer posts", "older entries", "load more",
               "show more", "previous page")),
    ("results", ("results", "items", "products", "showing")),
    ("sort-by", ("sort by", "filter by", "filters", "refine", "sortieren")),
    ("on-this-page", ("on this page", "table of contents", "in this article", "contents")),
    ("edit-page", ("edit this page", "edit on github", "view source", "improve this",
                   "view on github", "report an issue", "was this page helpful")),
    ("parameters", ("parameter", "parameters", "argument", "arguments", "returns",
                    "return value", "syntax", "default")),
    ("example", ("example", "examples")),
    ("deprecated", ("deprecated", "since version", "new in version", "changed in version")),
    ("install", ("install", "installation", "installing", "configure", "configuration",
                 "npm", "pip")),
    ("prev-next", ("previous", "next")),
    ("contact-us", ("contact us", "get in touch", "call us", "kontakt", "contactez")),
    ("get-started", ("get started", "free trial", "sign up", "try it free", "try for free",
                     "start now", "jetzt starten")),
    ("quote-cta", ("get a quote", "request a quote", "free quote", "request a demo",
                   "book a demo", "get a demo", "book now", "schedule a", "free consultation",
                   "angebot anfordern")),
    ("our-services", ("our services", "our team", "our clients", "our mission", "our story",
                      "our approach", "our expertise", "our solutions", "our process",
                      "why choose", "what we do", "who we are", "unsere leistungen")),
    ("testimonials", ("testimonial", "testimonials", "what our clients", "what our customers",
                      "trusted by", "case study", "case studies")),
    ("learn-more", ("learn more", "find out more", "discover more", "mehr erfahren",
                    "en savoir plus")),
    ("pricing", ("pricing", "per month", "plans")),
    ("byline", ("by", "written by", "author")),
    ("published", ("published", "updated", "posted on")),
    ("min-read", ("min read", "minute read", "mins read", "minutes read")),
    ("related", ("related articles", "related posts", "related stories", "you may also like",
                 "more from", "recommended for you", "read next")),
    ("comments", ("comments", "leave a comment", "leave a reply", "kommentare")),
    ("copyright", ("copyright", "all rights reserved")),
)
# (name, symbols): plain counts of characters or short strings that are not words
TEXT_SYMBOLS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("currency", ("$", "€", "£", "¥", "₹", "zł")),
    ("copyright-sign", ("©",)),
)
# words of the <title> worth a feature
TITLE_WORDS = frozenset({
    "how", "why", "what", "guide", "review", "reviews", "vs", "best", "top", "news", "blog",
    "shop", "buy", "store", "sale", "price", "cheap", "online", "products", "collection",
    "category", "archives", "archive", "page", "tag", "posts", "articles", "recipes", "jobs",
    "forum", "forums", "thread", "topic", "community", "question", "discussion",
    "documentation", "docs", "api", "reference", "manual", "tutorial", "function", "class",
    "method", "module", "services", "service", "solutions", "company", "agency", "contact",
    "about", "pricing", "home", "official", "software", "platform", "and",
})
TEXT_LIMIT = 12_000  # characters of visible text looked at: enough to see what a page is

# ---------------------------------------------------------------- URL path patterns
# (name, regex over the lower-cased path + query, starting at "/")
URL_PATTERNS: tuple[tuple[str, str], ...] = (
    ("docs", (r"/(?:docs?|documentation|manual|reference|api|apis|sdk|guides?|tutorials?|learn|"
             r"handbook|kb|knowledge-?base|wiki|man|library|reference-guide)(?:/|$|\.)")),
    ("forum", (r"/(?:forums?|threads?|topics?|t|community|communities|discussions?|questions|q|"
              r"boards?|r|comments|showthread|viewtopic|thread\.php|viewthread)(?:/|$|\.)")),
    ("forum-php", r"(?:viewtopic|showthread|viewthread)\.php|[?&](?:t|topic|threadid)=\d"),
    ("product", r"/(?:products?|p|dp|item|itm|pd|buy|sku|gp/product)(?:/|$)|/[\w-]+-p-?\d+|\.html?\?.*sku"),
    ("shop", r"/(?:shop|store|catalog|catalogue)(?:/|$)"),
    ("collection", (r"/(?:collections?|c|categories|category|cat|department|browse|s|search|"
                   r"shop-all|all-products)(?:/|$)|[?&](?:q|query|search|s|k)=")),
    ("taxonomy", r"/(?:tags?|topics?|archives?|authors?|section|sections|label|labels)(?:/|$)"),
    ("paged", r"/page/\d+|[?&]page=\d+|[?&]p=\d+$"),
    ("blog-root", r"/(?:blog|news|articles|stories|posts|insights|resources|journal)/?$"),
    ("blog-segment", (r"/(?:blog|news|articles?|stories|story|posts?|insights|journal|magazine|"
                     r"opinion|features?)/")),
    ("date-path", r"/(?:19|20)\d\d/(?:0?[1-9]|1[0-2])/|/(?:19|20)\d\d-\d\d-\d\d|/(?:19|20)\d\d/"),
    ("service", (r"/(?:services?|solutions?|about(?:-us)?|pricing|contact(?:-us)?|features|"
                r"what-we-do|company|careers|industries|platform|why-\w+|for-\w+)(?:/|$)")),
    ("html-ext", r"\.s?html?(?:$|\?)"),
    ("php-ext", r"\.php(?:$|\?)"),
    ("query", r"\?"),
    ("root", r"^/?(?:index\.\w+)?$"),
)

# ---------------------------------------------------------------- schema.org and og:type
# schema type (lower-cased; JSON-LD @type or the last part of an itemtype) -> feature
LD_TYPES: dict[str, str] = {
    "article": "article", "newsarticle": "article", "blogposting": "article",
    "reportagenewsarticle": "article", "analysisnewsarticle": "article",
    "opinionnewsarticle": "article", "liveblogposting": "article", "scholarlyarticle": "article",
    "recipe": "article", "review": "review", "howto": "howto",
    "techarticle": "techarticle", "apireference": "techarticle", "softwaresourcecode": "techarticle",
    "product": "product", "productgroup": "product", "offer": "offer",
    "aggregateoffer": "offer", "individualproduct": "product", "vehicle": "product",
    "aggregaterating": "rating",
    "discussionforumposting": "forum", "socialmediaposting": "forum", "comment": "comment",
    "qapage": "forum", "question": "forum", "answer": "forum",
    "itemlist": "itemlist", "listitem": "itemlist", "collectionpage": "collection",
    "searchresultspage": "collection", "offercatalog": "collection", "blog": "blog",
    "service": "service", "professionalservice": "service", "localbusiness": "business",
    "organization": "organization", "corporation": "organization", "faqpage": "faq",
    "contactpage": "service", "aboutpage": "service", "softwareapplication": "software",
    "webpage": "webpage", "website": "website", "breadcrumblist": "breadcrumb",
    "person": "person", "event": "event", "course": "course",
}

OG_TYPES: dict[str, str] = {
    "article": "article", "blog": "blog", "website": "website", "product": "product",
    "og:product": "product", "product.item": "product", "product.group": "product",
    "books.book": "article", "video.other": "video", "profile": "profile",
    "object": "object",
}

# <meta name=generator> first word, lower-cased, cut at the first "." or "/"
# ("Wix.com Website Builder" -> wix, "Next.js" -> next) -> family
GENERATORS: dict[str, str] = {
    "wordpress": "wordpress", "drupal": "drupal", "joomla!": "joomla", "joomla": "joomla",
    "discourse": "forum", "phpbb": "forum", "vbulletin": "forum", "xenforo": "forum",
    "invision": "forum", "mybb": "forum", "smf": "forum", "nodebb": "forum", "flarum": "forum",
    "sphinx": "docs", "mkdocs": "docs", "docusaurus": "docs", "gitbook": "docs",
    "vitepress": "docs", "docfx": "docs", "jekyll": "static", "hugo": "static",
    "gatsby": "static", "next": "static", "nuxt": "static", "astro": "static",
    "shopify": "shop", "woocommerce": "shop", "magento": "shop", "prestashop": "shop",
    "shopware": "shop", "bigcommerce": "shop", "wix": "builder", "squarespace": "builder",
    "webflow": "builder", "elementor": "builder", "divi": "builder", "site": "builder",
    "ghost": "blog", "blogger": "blog", "medium": "blog", "hubspot": "builder",
}

# html/body class tokens worth a feature (digits folded to N)
ROOT_CLASSES = frozenset({
    "single", "single-post", "single-format-standard", "postid-N", "post-template-default",
    "single-product", "woocommerce", "woocommerce-page", "product-template-default",
    "archive", "category", "tag", "paged", "blog", "home", "search", "search-results",
    "post-type-archive", "post-type-archive-product", "tax-product_cat", "author",
    "page", "page-template", "page-template-default", "page-id-N", "elementor-page",
    "elementor-default", "wp-custom-logo", "date", "error404", "forum", "bbpress",
    "topic", "docs", "documentation", "landing", "template-product", "template-collection",
    "template-article", "template-blog", "template-page", "template-index", "catalog-product-view",
    "catalog-category-view", "cms-page-view", "product-page", "category-page", "article-page",
})

# ---------------------------------------------------------------- signals with weights
@dataclass(frozen=True, slots=True)
class Signal:
    """``feature`` at or above ``at_least`` adds ``weights`` to the page types named."""

    feature: str
    weights: tuple[tuple[str, float], ...]
    why: str
    at_least: float = 1.0


def _s(feature: str, why: str, at_least: float = 1.0, **weights: float) -> Signal:
    return Signal(feature, tuple(weights.items()), why, at_least)


SIGNALS: tuple[Signal, ...] = (
    # --- markup: schema.org, og:type, platform classes
    _s("ld:article", "schema Article/NewsArticle/BlogPosting", article=2.0),
    _s("ld:techarticle", "schema TechArticle / APIReference", documentation=2.0),
    _s("ld:product", "schema Product", product=2.5),
    _s("ld:offer", "schema Offer: a price for sale", product=1.0),
    _s("ld:product", "many Products: a grid of products", 3, collection=3.0, product=-2.0),
    _s("ld:forum", "schema DiscussionForumPosting / QAPage / Question", forum=3.0),
    _s("ld:comment", "schema Comment, repeated", 3, forum=1.0),
    _s("ld:itemlist", "schema ItemList", listing=1.0, collection=1.0),
    _s("ld:collection", "schema CollectionPage / SearchResultsPage", collection=1.5, listing=1.0),
    _s("ld:blog", "schema Blog (a blog's index)", listing=1.0),
    _s("ld:service", "schema Service / ContactPage / AboutPage", service=1.5),
    _s("ld:business", "schema LocalBusiness", service=1.0),
    _s("ld:faq", "schema FAQPage", service=0.5, documentation=0.5),
    _s("ld:howto", "schema HowTo", article=0.5, documentation=0.5),
    _s("ld:software", "schema SoftwareApplication", product=0.5, service=0.5),
    _s("og:article", "og:type article", article=1.5),
    _s("og:product", "og:type product", product=2.5),
    _s("og:website", "og:type website: a site's own page, not a post", service=0.5, listing=0.3,
       collection=0.3, documentation=0.3),
    _s("meta:published_time", "article:published_time meta", article=1.0),
    _s("root:single", "WordPress body class single (one post)", article=1.5),
    _s("root:postid-N", "WordPress body class postid-N", article=1.0),
    _s("root:single-product", "WooCommerce single product", product=3.0, article=-1.5),
    _s("root:archive", "WordPress archive page", listing=2.0),
    _s("root:category", "WordPress category archive", listing=1.5),
    _s("root:tag", "WordPress tag archive", listing=1.5),
    _s("root:paged", "WordPress paged archive", listing=1.5),
    _s("root:blog", "WordPress blog index", listing=1.5),
    _s("root:search", "search results page", collection=1.0, listing=1.0),
    _s("root:post-type-archive-product", "WooCommerce shop page", collection=3.0),
    _s("root:tax-product_cat", "WooCommerce product category", collection=3.0),
    _s("root:page-template-default", "WordPress static page", service=0.8),
    _s("root:elementor-page", "page built with a section builder", service=1.0),
    _s("root:template-product", "Shopify product template", product=3.0),
    _s("root:template-collection", "Shopify collection template", collection=3.0),
    _s("root:catalog-product-view", "Magento product page", product=3.0),
    _s("root:catalog-category-view", "Magento category page", collection=3.0),
    _s("root:bbpress", "bbPress forum", forum=2.0),
    _s("gen:forum", "forum software generator meta", forum=2.5),
    _s("gen:docs", "documentation generator meta", documentation=2.5),
    _s("gen:shop", "shop software generator meta", product=0.5, collection=0.5),
    _s("gen:builder", "site builder generator meta", service=0.5),
    _s("prop:articlebody", "itemprop articleBody", article=1.5),
    _s("prop:price", "itemprop price", product=1.5),
    _s("prop:price", "many itemprop price: a product grid", 4, collection=2.0, product=-1.0),
    _s("prop:author", "itemprop author", article=0.5),
    _s("prop:datepublished", "itemprop datePublished", article=0.5),
    _s("prop:text", "itemprop text (answer/comment bodies)", 3, forum=1.5),
    _s("prop:upvotecount", "itemprop upvoteCount", forum=1.5),
    _s("rel:next", "rel=next: a paged series", listing=1.0),
    # --- class/id word parts
    _s("part:price", "price widgets", 1, product=0.5),
    _s("part:price", "many prices: a product grid", 8, collection=1.5),
    _s("part:cart", "add-to-cart / basket controls", 2, product=1.0),
    _s("part:addtocart", "add-to-cart control", product=1.0),
    _s("part:quantity", "quantity selector", product=1.0),
    _s("part:variant", "product variant pickers", product=0.8),
    _s("part:swatch", "colour/size swatches", product=0.8),
    _s("part:gallery", "product gallery", product=0.3),
    _s("part:filter", "filter panels", 3, collection=1.0),
    _s("part:facet", "faceted navigation", 2, collection=1.5),
    _s("part:sort", "sort controls", 2, collection=0.5),
    _s("part:pagination", "pagination", listing=0.8, collection=0.5),
    _s("part:card", "many cards", 6, listing=0.8, collection=0.8),
    _s("part:excerpt", "post excerpts", 3, listing=1.5),
    _s("part:teaser", "teasers", 3, listing=1.0),
    _s("part:post", "many post blocks", 8, forum=0.6, listing=0.4),
    _s("part:reply", "reply blocks", 3, forum=1.0),
    _s("part:thread", "thread markup", 2, forum=1.0),
    _s("part:topic", "topic markup", 3, forum=0.8),
    _s("part:message", "message blocks", 4, forum=0.8),
    _s("part:username", "usernames", 2, forum=1.0),
    _s("part:avatar", "avatars", 3, forum=1.0),
    _s("part:signature", "signatures", 2, forum=0.5),
    _s("part:vote", "vote controls", 2, forum=1.0),
    _s("part:answer", "answers", 2, forum=1.0),
    _s("part:xenforo", "XenForo", forum=2.0),
    _s("part:phpbb", "phpBB", forum=2.0),
    _s("part:discourse", "Discourse", forum=2.0),
    _s("part:toc", "table of contents", documentation=0.8),
    _s("part:docs", "documentation theme", 2, documentation=1.5),
    _s("part:highlight", "syntax highlighting", 2, documentation=1.0),
    _s("part:hljs", "highlight.js", 2, documentation=0.8),
    _s("part:language", "code language classes", 2, documentation=0.5),
    _s("part:admonition", "doc admonitions", documentation=1.5),
    _s("part:headerlink", "heading anchor links", 3, documentation=1.0),
    _s("part:sphinx", "Sphinx", documentation=2.0),
    _s("part:md", "MkDocs Material", 10, documentation=1.5),
    _s("part:hero", "hero banner", service=1.0),
    _s("part:cta", "call to action", service=0.4),
    _s("part:testimonial", "testimonials", service=1.0),
    _s("part:pricing", "pricing tables", service=0.8),
    _s("part:features", "feature blocks", service=0.5),
    _s("part:elementor", "Elementor sections", 10, service=1.0),
    _s("part:section", "many sections", 10, service=0.5),
    _s("part:byline", "byline", article=1.0),
    _s("part:author", "author line", article=0.3),
    _s("part:entry", "entry markup", 2, article=0.3),
    # --- text
    _s("text:ago", "relative post times", 3, forum=1.0),
    _s("text:reply", "reply links and counts", 3, forum=1.0),
    _s("text:joined", "member join dates", 2, forum=1.5),
    _s("text:posts-count", "member post counts", 2, forum=1.5),
    _s("text:add-to-cart", "add-to-cart button", product=2.0),
    _s("text:in-stock", "stock status", product=1.0),
    _s("text:sku", "SKU / model number", product=0.8),
    _s("text:currency", "prices", 1, product=0.5),
    _s("text:currency", "many prices", 10, collection=1.0),
    _s("text:read-more", "read-more links", 3, listing=1.5),
    _s("text:pager", "paging links", listing=0.5, collection=0.3),
    _s("text:results", "result and item counts", 3, collection=0.4),
    _s("text:sort-by", "sort and filter controls", collection=0.8),
    _s("text:on-this-page", "on-this-page table of contents", documentation=0.8),
    _s("text:edit-page", "edit-this-page link", documentation=1.5),
    _s("text:parameters", "API parameters and return values", 3, documentation=0.8),
    _s("text:contact-us", "contact calls to action (also in most footers)", service=0.3),
    _s("text:get-started", "sign-up calls to action (also in headers)", service=0.3),
    _s("text:quote-cta", "quote/demo/booking calls to action", service=1.0),
    _s("text:our-services", "company self-description", service=1.0),
    _s("text:testimonials", "testimonials", service=0.8),
    _s("text:learn-more", "learn-more buttons", 3, service=0.8),
    _s("text:min-read", "reading time", article=1.0),
    _s("text:related", "related-articles block", article=0.5),
    _s("text:comments", "comment counts / leave a reply", article=0.5),
    # --- URL
    _s("url:docs", "documentation path", documentation=1.5),
    _s("url:forum", "forum/thread path", forum=1.5),
    _s("url:forum-php", "forum software script", forum=2.0),
    _s("url:product", "product path", product=1.5),
    _s("url:shop", "shop path", product=0.5, collection=0.5),
    _s("url:collection", "category/search path", collection=1.5),
    _s("url:taxonomy", "tag/archive path", listing=1.5),
    _s("url:paged", "paged path", listing=1.0),
    _s("url:blog-root", "a blog's index", listing=2.0),
    _s("url:blog-segment", "a post inside a blog/news section", article=0.8),
    _s("url:date-path", "dated path", article=1.5),
    _s("url:service", "company page path", service=1.5),
    _s("url:root", "home page", service=1.0, listing=0.5),
    _s("url:slug-words", "long hyphenated slug", 4, article=1.0),
    # --- measured contrasts (wcxb-dev: share of pages of each type where they fire)
    _s("root:post-template-default", "WordPress post template", article=1.0),
    _s("url:last-chars", "a long last path segment: a post's slug", 40, article=1.0),
    _s("ld:person", "a schema Person (an author)", article=0.5),
    _s("meta:section", "article:section meta", article=1.0),
    _s("part:share", "share buttons around a post", 4, article=0.5),
    _s("part:comments", "a comment section", 2, article=0.5),
    _s("text:published", "published/updated dates", article=0.5),
    _s("title:how", "how-to title", article=0.5),
    _s("title:guide", "guide title", article=0.5),
    _s("title:news", "a news section's title", listing=1.0),
    _s("shape:heading-link-share", "most headings are links (teasers)", 0.8, listing=1.0),
    _s("shape:heading-links", "many teaser headings", 20, listing=1.0),
    _s("shape:links-below", "many links to pages under this one", 40, listing=0.8,
       collection=0.5),
    _s("part:product", "many product blocks", 30, collection=1.0),
    _s("part:cart", "add-to-cart on many cards", 6, collection=0.5),
    _s("title:services", "services in the title", service=1.0),
    _s("part:contact", "contact blocks", 4, service=0.5),
    # --- structure
    _s("shape:heading-links", "headings that are links (teasers)", 5, listing=1.5, collection=0.5),
    _s("shape:repeat", "many siblings with one class (cards, posts)", 8, listing=0.5,
       collection=0.5, forum=0.3),
    _s("shape:long-p", "long paragraphs of prose", 5, article=1.0),
    _s("shape:pre", "code blocks", 2, documentation=1.5),
    _s("shape:code", "inline code", 8, documentation=1.0),
    _s("shape:sections", "section-by-section layout", 5, service=0.8),
    _s("shape:articles", "repeated <article> elements", 4, listing=1.0, forum=0.5),
    _s("shape:h1-p-ratio", "headings outnumber paragraphs", 1, service=0.5),
)

# base score per type: "article" wins a tie (the most common type)
PRIOR: dict[str, float] = {"article": 0.5}
