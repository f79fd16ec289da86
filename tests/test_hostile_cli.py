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
    code, rows, _ = run("http://[::1", "-q")  # was internal-error (ValueError)
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


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "parquet", "txt", "md"])
def test_a_file_name_that_is_not_utf8_is_written_by_every_writer(tmp_path: Path,
                                                                 fmt: str) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    name = os.fsdecode(b"caf\xe9.html")  # a Latin-1 name: Python reads it as "caf\udce9.html"
    (pages / name).write_text(GOOD)
    (pages / os.fsdecode(b"vid\xe9.html")).write_text("")  # an error record, too
    out = tmp_path / f"out.{fmt}"
    res = CliRunner().invoke(main, ["extract", str(pages), "-f", fmt, "-o", str(out), "-q"],
                             catch_exceptions=False)  # was a UnicodeEncodeError traceback
    assert res.exit_code == 1  # one page failed; the other was written
    if fmt == "jsonl":  # the escape reads back as the same source: --resume skips both
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert {r["source"] for r in rows} == {str(pages / name),
                                               str(pages / os.fsdecode(b"vid\xe9.html"))}
        again = CliRunner().invoke(main, ["extract", str(pages), "-o", str(out), "--resume"],
                                   catch_exceptions=False)
        assert "0 pages" in again.stderr


def _warc(path: Path, responses: list[tuple[str, bytes, list[tuple[str, str]]]]) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for url, body, headers in responses:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               *headers], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                http_headers=http))


def test_a_brotli_response_in_a_warc_is_extracted(tmp_path: Path) -> None:
    import brotli

    path = tmp_path / "crawl.warc"
    _warc(path, [("https://news.example/a", brotli.compress(GOOD.encode()),
                  [("Content-Encoding", "br")])])  # an AttributeError inside warcio before
    code, rows, err = run(str(path))
    assert code == 0 and "Traceback" not in err
    assert len(rows) == 1 and "council met" in str(rows[0]["body"])


def test_a_warc_record_without_target_uri_ends_the_file_with_an_error_line(
        tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    _warc(path, [("https://news.example/a", GOOD.encode(), []),
                 ("https://news.example/b", GOOD.encode(), [])])
    data = path.read_bytes()
    cut = data.index(b"WARC-Target-URI: https://news.example/b\r\n")
    path.write_bytes(data[:cut] + data[cut:].replace(b"WARC-Target-URI: https://news.example/b\r\n",
                                                     b"", 1))
    (tmp_path / "ok.html").write_text(GOOD)
    code, rows, err = run(str(tmp_path), "-j", "2")  # the batch goes on to ok.html
    assert code == 1 and "Traceback" not in err
    assert sorted(str(r["error"]["kind"]) if r["error"] else "ok" for r in rows) == \
        ["ok", "ok", "warc-error"]  # type: ignore[index]


def test_an_input_list_that_is_not_utf8_names_its_files(tmp_path: Path) -> None:
    latin = os.fsdecode(b"caf\xe9.html")
    (tmp_path / latin).write_text(GOOD)
    listing = tmp_path / "list.txt"
    listing.write_bytes(os.fsencode(str(tmp_path / latin)) + b"\n\xff\xfe not a file\n")
    code, rows, err = run("-i", str(listing), "-q")  # UnicodeDecodeError traceback before
    assert code == 1 and "Traceback" not in err
    assert [bool(r["error"]) for r in rows] == [False, True]
    assert rows[0]["title"] == "Bridge vote"


def test_resuming_into_a_file_that_is_not_parquet_is_a_one_line_error(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    (tmp_path / "a.html").write_text(GOOD)
    out = tmp_path / "out.parquet"
    out.write_bytes(b"not parquet at all" * 100)
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "a.html"), "-f", "parquet",
                                    "-o", str(out), "--resume"])  # ArrowInvalid traceback
    assert res.exit_code == 1 and not isinstance(res.exception, ValueError)
    assert res.stderr.count("\n") == 1 and "not a readable Parquet file" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "out.parquet"]  # no tmp
