"""Collects keep/drop decisions. ``NullTrace`` costs nothing when tracing is off."""

from __future__ import annotations

from .record import Decision


class Trace:
    """Records every decision with its stage, node, rule, verdict and measured value."""

    enabled = True

    def __init__(self) -> None:
        self.decisions: list[Decision] = []

    def add(
        self,
        stage: str,
        node: str,
        rule: str,
        verdict: str,
        value: float | None = None,
        threshold: float | None = None,
        text: str | None = None,
    ) -> None:
        self.decisions.append(Decision(
            stage, node, rule, verdict,
            None if value is None else round(float(value), 4),
            None if threshold is None else float(threshold),
            None if text is None else text[:80],
        ))


class NullTrace(Trace):
    """A trace that drops everything; ``enabled`` lets callers skip building messages."""

    enabled = False

    def add(self, *args: object, **kwargs: object) -> None:
        return None


NULL_TRACE = NullTrace()


def make_trace(enabled: bool) -> Trace:
    return Trace() if enabled else NULL_TRACE
