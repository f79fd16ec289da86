"""Links the page declares about itself (canonical URL, share image), made absolute.

Pages write them relative ("/blog/post", "viewtopic.php?id=3"), protocol-relative
("//cdn.example.com/a.jpg") or broken ("https:////cdn…", a host without a dot). A
relative link is resolved against the page's URL the way a browser resolves it
(``urljoin``); without a page URL it is kept as written. A link that resolves to no
usable web address (another scheme, no host, a host that is not a domain name, an IP
address or ``localhost``) is refused and listed as a losing candidate.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urljoin, urlsplit

_EXTRA_SLASHES = re.compile(r"^(https?:)/{3,}", re.IGNORECASE)


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
        v = urljoin(base, v)
    parts = urlsplit(v)
    if not parts.scheme and not parts.netloc:
        return None if base else v  # relative, and nothing to resolve it against
    if parts.scheme.lower() not in ("http", "https", ""):
        return None
    if not parts.hostname or not _host_ok(parts.hostname):
        return None
    return v
