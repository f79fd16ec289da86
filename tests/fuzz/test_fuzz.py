"""A fast, deterministic fuzz run: a few hundred mutated and hostile pages (fixed seed,
sizes scaled down) through ``extract`` and a sample through the CLI. Longer runs:
``python tests/fuzz/run.py --seed N -n 5000``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fuzzlib import Case, cases, check

from stripper import extract_page
from stripper.cli import main

SEED = 20261202
N = 600
SCALE = 0.25


@pytest.fixture(scope="module")
def fuzz_cases() -> list[Case]:
    return list(cases(SEED, N, SCALE))


def test_the_same_seed_gives_the_same_cases() -> None:
    assert [c.content for c in cases(7, 20, SCALE)] == [c.content for c in cases(7, 20, SCALE)]


def test_no_exception_no_internal_error_one_line_messages(fuzz_cases: list[Case]) -> None:
    problems = []
    for case in fuzz_cases:
        try:
            record = extract_page(case.page())
        except Exception as exc:  # noqa: BLE001 - what the fuzzer hunts
            problems.append(f"{case.name}: raised {type(exc).__name__}: {exc}")
            continue
        problem = check(record)
        if problem:
            problems.append(f"{case.name}: {problem}")
    assert not problems, "\n".join(problems[:20])


def test_a_folder_of_fuzz_cases_gives_one_line_each(fuzz_cases: list[Case],
                                                    tmp_path: Path) -> None:
    sample = [c for c in fuzz_cases[:60]]
    for c in sample:
        data = c.content if isinstance(c.content, bytes) else \
            c.content.encode("utf-8", "surrogatepass")
        (tmp_path / f"{c.name}.html").write_bytes(data)
    res = CliRunner().invoke(main, ["extract", str(tmp_path), "-j", "2", "-f", "jsonl",
                                    "--time-limit", "60"], catch_exceptions=False)
    assert "Traceback" not in res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert sorted(Path(r["source"]).stem for r in rows) == sorted(c.name for c in sample)
    for r in rows:
        e = r["error"]
        assert e is None or (e["kind"] and e["stage"] and "\n" not in e["message"]
                             and e["kind"] != "internal-error"), (r["source"], e)
    errors = [line for line in res.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == sum(1 for r in rows if r["error"])
