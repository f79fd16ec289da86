"""The README's run command works on the fixtures: one JSON line per page, no failures.

    stripper extract fixtures/pages/ -o out.jsonl
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from goldenlib import PAGES, slugs

from stripper.cli import main


def test_readme_run_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PAGES.parent.parent)  # the repository root, as in the README
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", "fixtures/pages/", "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    sources = sorted(Path(r["source"]).parent.name for r in records)
    assert sources == slugs()  # every source.html found, nothing else
    assert all(r["error"] is None and r["body"] for r in records)
