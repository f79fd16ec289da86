"""Shared test helpers. Tests never use the network except 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DATASET = ROOT.parent / "shared" / "datasets" / "wcxb-dev"


@pytest.fixture(scope="session")
def dataset_dir() -> Path:
    if not (DATASET / "html").is_dir():
        pytest.skip(f"development dataset not found at {DATASET} (only in the project workspace)")
    return DATASET
