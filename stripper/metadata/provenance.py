"""Provenance: every field is chosen from candidates, each with the source it came
from and the raw string it was read from. The winner goes to ``Metadata.sources``;
the losers go to ``Metadata.candidates`` for ``--explain``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..record import Decision, Source

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Candidate(Generic[T]):
    """A possible value of one field and where it was read."""

    value: T
    origin: str  # e.g. "json-ld:datePublished", "meta:og:title", "byline", "url"
    raw: str
    rank: int = 0  # lower wins (metarules precedence tables)


@dataclass(slots=True)
class Provenance:
    """Collects winners and losers of every field while metadata is read."""

    sources: dict[str, Source] = field(default_factory=dict)
    losers: list[Decision] = field(default_factory=list)

    def won(self, name: str, cand: Candidate[T]) -> T:
        self.sources[name] = Source(cand.origin, cand.raw[:300])
        return cand.value

    def lost(self, name: str, cand: Candidate[T], why: str = "lost") -> None:
        shown = _show(cand.value)
        if cand.raw and cand.raw != shown:
            shown = f"{shown} ← {cand.raw}"
        self.losers.append(Decision("metadata", name, cand.origin, why, text=shown[:160]))

    def settle(self, name: str, winner: Candidate[T] | None,
               cands: list[Candidate[T]]) -> T | None:
        """Record ``winner`` for ``name`` and every other candidate as a loser."""
        for c in cands:
            if c is not winner:
                self.lost(name, c)
        return self.won(name, winner) if winner is not None else None


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def best(cands: list[Candidate[T]]) -> Candidate[T] | None:
    """The candidate with the lowest rank; the earliest one among equals."""
    return min(cands, key=lambda c: c.rank) if cands else None
