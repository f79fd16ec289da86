"""robots.txt: fetched once per origin, parsed with Protego, cached for the run.

Why Protego: the robots.txt parser Scrapy ships, kept up to date with RFC 9309
(wildcards, ``$``, longest match, Allow/Disallow precedence, Crawl-delay), pure
Python and typed. The standard library's ``urllib.robotparser`` misses wildcards.

What a robots.txt response means (RFC 9309 section 2.3.1):

- 2xx: its rules apply (the first ``robots_max_bytes`` bytes are parsed);
- 4xx ("unavailable"): no rules, everything is allowed;
- 5xx ("unreachable"): everything is disallowed for this run;
- no response at all (connection refused, timeout): allowed, so the page fetch
  itself reports the network error rather than a misleading robots verdict.

The User-Agent groups are matched with the full User-Agent string; Protego matches
a group's product token at a token boundary ("stripper" in "stripper/0.1 (+…)").
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego


def origin(url: str) -> str:
    """scheme://host[:port] of a URL, lower-cased: the unit robots.txt applies to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def robots_url(url: str) -> str:
    return origin(url) + "/robots.txt"


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The verdict source for one origin: parsed rules, or a blanket allow/deny."""

    parser: Protego | None = None
    allow_all: bool = True
    note: str = "no robots.txt"

    def allows(self, url: str, user_agent: str) -> bool:
        if self.parser is not None:
            return bool(self.parser.can_fetch(url, user_agent))
        return self.allow_all

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


def rules_from_response(status: int | None, body: bytes, max_bytes: int) -> RobotsRules:
    """Turn a robots.txt fetch outcome into rules (status None = no response)."""
    if status is None:
        return RobotsRules(note="robots.txt not reachable (network): allowed")
    if 200 <= status < 300:
        text = body[:max_bytes].decode("utf-8", errors="replace")
        return RobotsRules(parser=Protego.parse(text), note=f"robots.txt {status}")
    if 400 <= status < 500:
        return RobotsRules(note=f"robots.txt {status}: allowed")
    return RobotsRules(allow_all=False, note=f"robots.txt {status}: disallowed")


class RobotsCache:
    """Rules per origin, kept across calls: pass one to many ``fetch`` calls (or one
    ``FetchState`` to many ``fetch_many`` calls) and each robots.txt is fetched once."""

    def __init__(self) -> None:
        self._rules: dict[str, RobotsRules] = {}

    def get(self, url: str) -> RobotsRules | None:
        return self._rules.get(origin(url))

    def put(self, url: str, rules: RobotsRules) -> None:
        self._rules[origin(url)] = rules

    def __len__(self) -> int:
        return len(self._rules)
