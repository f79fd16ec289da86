"""The quality gate (gate.py): floors pinned in fixtures/baseline.json.

The dataset test runs stripper on the 150-page sample (a few seconds) and skips when
../shared/datasets/wcxb-dev is absent; the logic tests need no dataset.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import gate
import pytest


def _measured(f1: float = 0.84, with_: float = 0.77, without: float = 0.07,
              sha: str = "abc") -> dict[str, Any]:
    return {"pages": 150, "corpus_sha": sha, "errors": 0, "by_type": {},
            "figures": {"f1": f1, "with": with_, "without": without}}


def test_baseline_is_pinned() -> None:
    base = gate.load_baseline()
    assert set(base["floors"]) == set(gate.FIGURES)
    assert base["sample"] == {"step": gate.STEP, "size": gate.SIZE, "order": "sorted page ids"}
    for name, direction in gate.FIGURES.items():  # floors never above what was measured
        assert (base["measured"][name] - base["floors"][name]) * direction >= 0


def test_gate_on_development_sample() -> None:
    if not gate.available():
        pytest.skip(f"development dataset not found at {gate.DATASET}; the gate needs it")
    measured = gate.measure(gate.DATASET)
    assert measured["pages"] == gate.SIZE
    problems = gate.compare(measured, gate.load_baseline())
    assert not problems, "\n".join(problems) + f"\nmeasured: {measured['figures']}"


def test_pin_rounds_against_us() -> None:
    assert gate.pin(0.8397, +1) == 0.837  # 0.8377 -> floor
    assert gate.pin(0.0713, -1) == 0.074  # 0.0733 -> ceiling
    assert gate.pin(0.8400, +1) == 0.838


def test_compare_flags_each_figure_and_the_sample() -> None:
    base = {"corpus_sha": "abc", "floors": {"f1": 0.84, "with": 0.77, "without": 0.07}}
    assert gate.compare(_measured(), base) == []
    assert "f1 0.8300" in gate.compare(_measured(f1=0.83), base)[0]
    assert "with" in gate.compare(_measured(with_=0.70), base)[0]
    assert "ceiling" in gate.compare(_measured(without=0.08), base)[0]
    assert "corpus_sha" in gate.compare(_measured(sha="def"), base)[0]


def test_update_refuses_to_lower_a_floor(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    assert gate.update(_measured(f1=0.85), None, False, path) == []
    old = json.loads(path.read_text())
    refused = gate.update(_measured(f1=0.80), old, False, path)
    assert refused and refused[0].startswith("f1")
    assert json.loads(path.read_text()) == old  # nothing written
    assert gate.update(_measured(f1=0.80), old, True, path) == []
    assert json.loads(path.read_text())["floors"]["f1"] < old["floors"]["f1"]


def test_sample_is_every_ninth_id(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    for i in range(2000):
        (tmp_path / "html" / f"{i:04d}.html.gz").write_bytes(b"")
    ids = gate.sample_ids(tmp_path)
    assert len(ids) == gate.SIZE
    assert ids[:3] == ["0000", "0009", "0018"]
