"""Regression tests for what the fuzzer (tests/fuzz) found in the batch runner and the CLI:
inputs that ended a run with a traceback, were lost silently or gave a message on
more than one line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from stripper import extract_url
from stripper.cli import main

GOOD = ("<html><head><title>Bridge vote</title></head><body><article><h1>Bridge vote</h1>"
        + "<p>The council met on Tuesday, heard the residents, and agreed, after a long "
          "debate, to fund the new bridge by spring next year.</p>" * 4
        + "</article></body></html>")


def run(*args: str, input: bytes | None = None) -> tuple[int, list[dict[str, object]], str]:
    res = CliRunner().invoke(main, ["extract", *args, "-f", "jsonl"], input=input,
                             catch_exceptions=False)
    return res.exit_code, [json.loads(line) for line in res.stdout.splitlines()], res.stderr


def _errors(rows: list[dict[str, object]]) -> dict[str, str]:
    return {Path(str(r["source"])).name: r["error"]["kind"]  # type: ignore[index]
            for r in rows if r["error"]}


def test_symbolic_links_that_lead_nowhere_are_error_records(tmp_path: Path) -> None:
    (tmp_path / "ok.html").write_text(GOOD)
    os.symlink("loop.html", tmp_path / "loop.html")  # is_file() raised ELOOP: a traceback
    os.symlink("missing.html", tmp_path / "dangling.html")  # was skipped silently
    code, rows, err = run(str(tmp_path), "-j", "2")
    assert code == 1 and "Traceback" not in err
    assert len(rows) == 3
    assert _errors(rows) == {"loop.html": "read-error", "dangling.html": "read-error"}


def test_an_empty_input_name_is_an_error_not_the_current_folder() -> None:
    code, rows, _ = run("")
    assert code == 1 and len(rows) == 1
    assert rows[0]["source"] == "" and _errors(rows) == {"": "read-error"}


def test_standard_input_over_max_bytes_is_a_limit_record() -> None:
    code, rows, _ = run("-", "--max-bytes", "1000", input=b"<p>" + b"x" * 5000)
    assert code == 1 and _errors(rows) == {"-": "limit-exceeded"}


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_file_without_size_is_read_only_up_to_max_bytes() -> None:
    code, rows, _ = run("/dev/zero", "--max-bytes", "1000")  # read forever before
    assert code == 1 and _errors(rows) == {"zero": "limit-exceeded"}


@pytest.mark.parametrize("url", ["http://[::1", "http://example.org/\ud800",
                                 "http://\x00/", "http://exa\ud800mple.org/"])
def test_a_url_that_cannot_be_requested_is_a_bad_url_record(url: str) -> None:
    record = extract_url(url)  # refused before any request: no network
    assert record.error is not None and record.error.kind == "bad-url"
    assert record.url == url and "\n" not in record.error.message


def test_a_bad_url_in_a_batch_is_a_bad_url_record() -> None:
    code, rows, err = run("http://[::1", "-q")  # was internal-error (ValueError)
    assert code == 1 and _errors(rows) == {"[::1": "bad-url"}


def test_error_lines_stay_one_line_when_a_file_name_has_a_line_break(tmp_path: Path) -> None:
    (tmp_path / "new\nline.html").write_text("")
    (tmp_path / "gone\n.html").symlink_to("nowhere")
    code, rows, err = run(str(tmp_path), "-j", "1")
    assert code == 1 and len(rows) == 2
    lines = err.splitlines()
    assert len(lines) == 3  # two error lines and the summary
    assert all(line.startswith(("error: ", "stripper: ")) for line in lines)
    assert all("\n" not in r["error"]["message"] for r in rows)  # type: ignore[index]
