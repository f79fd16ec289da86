"""Links the page declares about itself (canonical URL, share image), made absolute.

Pages write them relative ("/blog/post", "viewtopic.php?id=3"), protocol-relative
("//cdn.example.com/a.jpg") or broken ("https:////cdn…", a host without a dot). A
relative link is resolved against the page's URL the way a browser resolves it
(``urljoin``); without a page URL it is kept as written. A link that resolves to no
usable web address (another scheme, no host, a host that is not a domain name, an IP
address or ``localhost``) is refused and listed as a losing candidate.

``urlsplit`` raises ``ValueError`` on some strings ("http://[::1" with its bracket
unclosed): the page URL a user passes and every link read from a page go through
``split_url``, which reads such a string as no URL at all.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, urljoin, urlsplit

_EXTRA_SLASHES = re.compile(r"^(https?:)/{3,}", re.IGNORECASE)


_NO_URL = SplitResult("", "", "", "", "")


def split_url(url: str) -> SplitResult:
    """``urlsplit(url)``, or an empty split when the string is not a URL at all."""
    try:
        return urlsplit(url)
    except ValueError:
        return _NO_URL


def url_host(url: str | None) -> str | None:
    """The host of ``url`` (lower-cased), or None when there is none or it does not parse."""
    return split_url(url).hostname if url else None


def _host_ok(host: str) -> bool:
    if host == "localhost" or "." in host.strip("."):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def absolute_url(value: str, base: str | None) -> str | None:
    """``value`` as an absolute http(s) URL, resolved against ``base`` when relative;
    kept as written when relative and there is no base; None when unusable."""
    v = _EXTRA_SLASHES.sub(r"\1//", value.strip())
    if not v:
        return None
    if base:
        try:
            v = urljoin(base, v)
        except ValueError:  # the base or the link does not parse: the link is read alone
            pass
    parts = split_url(v)
    if parts is _NO_URL:
        return None
    if not parts.scheme and not parts.netloc:
        return None if base else v  # relative, and nothing to resolve it against
    if parts.scheme.lower() not in ("http", "https", ""):
        return None
    if not parts.hostname or not _host_ok(parts.hostname):
        return None
    return v
