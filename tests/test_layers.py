"""Architecture: the import-linter contracts in pyproject.toml hold and cover every module.

A forbidden contract lists its source modules explicitly, so a new module that is not
added to it escapes the rule silently; the coverage tests below catch that.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "stripper"

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")


def _contracts() -> list[dict[str, Any]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = data["tool"]["importlinter"]["contracts"]
    return contracts


def _modules() -> set[str]:
    """Top-level modules and subpackages of stripper (``stripper.x``)."""
    out = set()
    for p in PACKAGE.iterdir():
        if p.suffix == ".py" and p.stem not in ("__init__", "__main__"):
            out.add(f"stripper.{p.stem}")
        elif p.is_dir() and (p / "__init__.py").is_file():
            out.add(f"stripper.{p.name}")
    return out


def _contract(name_part: str) -> dict[str, Any]:
    hits = [c for c in _contracts() if name_part in c["name"]]
    assert len(hits) == 1, f"expected one contract named like {name_part!r}"
    return hits[0]


def test_import_linter_contracts_are_kept() -> None:
    code = ("import sys; from importlinter.cli import lint_imports; "
            "sys.exit(lint_imports(no_cache=True))")
    proc = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "broken" in proc.stdout and " 0 broken" in proc.stdout


def test_every_module_has_a_layer() -> None:
    layered = set()
    for layer in _contract("layers")["layers"]:
        layered |= {m.strip() for m in layer.split("|")}
    missing = _modules() - layered
    assert not missing, f"add these modules to the layers contract: {sorted(missing)}"


@pytest.mark.parametrize(("contract", "owners"), [
    ("parser", {"stripper.dom"}),
    ("httpx", {"stripper.fetch"}),
    ("click", {"stripper.cli"}),
])
def test_forbidden_contracts_cover_every_other_module(contract: str, owners: set[str]) -> None:
    c = _contract(contract)
    sources = set(c["source_modules"])
    # data-only modules import nothing third-party and may stay off the list
    exempt = owners | {"stripper.errors", "stripper.options", "stripper.record",
                       "stripper.rules", "stripper.tracing"}
    missing = _modules() - sources - exempt
    assert not missing, f"contract {c['name']!r} does not cover {sorted(missing)}"
    assert not sources & owners, f"{sorted(sources & owners)} own this import"
