"""Bad input never crashes: each page gives a valid record or an error record, no traceback."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from stripper import extract
from stripper.cli import main

ARTICLE = ("<article><h1>Title here</h1>"
           + "<p>A proper paragraph of text, with commas, long enough to count as content.</p>"
           * 5 + "</article>")


def bad_pages() -> dict[str, bytes]:
    """name → bytes; each a classic way for a page to be broken."""
    deep = "<div>" * 10_000 + "<p>Deep text, with commas, inside ten thousand divs.</p>" \
        + "</div>" * 10_000
    full = f"<html><head><title>T</title></head><body>{ARTICLE}</body></html>"
    return {
        "empty.html": b"",
        "blank.html": b"   \n\t  ",
        "binary.html": bytes(range(256)) * 64,
        "latin1-no-charset.html": ("<html><body><article><p>Caf\u00e9 cr\u00e8me, "
                                   "na\u00efve fa\u00e7ade, a paragraph long enough to be "
                                   "content, with commas.</p></article></body></html>"
                                   ).encode("latin-1"),
        "nested.html": deep.encode(),
        # 200,000 distinct attributes on one element: minutes of parsing unless capped
        # 100,000 <option>s: lexbor inserts each in time growing with those before it
        "options.html": ("<html><body><select>" + "<option>choice</option>" * 100_000
                         + f"</select>{ARTICLE}</body></html>").encode(),
        "attributes.html": ("<html><body><div " + " ".join(f"data-a{i}=x" for i in range(200_000))
                            + f">{ARTICLE}</div></body></html>").encode(),
        "no-body.html": (b"<title>Only a head</title><p>Loose paragraph, with commas, "
                         b"long enough to be kept as the text of this page.</p>"),
        "truncated.html": full.encode()[: len(full) * 2 // 3],
        "truncated.html.gz": gzip.compress(full.encode())[:-40],
        "nul-bytes.html": full.encode().replace(b"<p>", b"<p>\x00", 2),
        "utf16-no-bom.html": full.encode("utf-16-le"),
    }


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("bad")
    for name, data in bad_pages().items():
        (d / name).write_bytes(data)
    (d / "huge.html").write_bytes(b"<html><body><p>" + b"x" * (20 * 1024 * 1024) + b"</p>")
    return d


def test_folder_of_bad_pages_one_line_each_no_traceback(folder: Path) -> None:
    res = CliRunner().invoke(main, ["extract", str(folder), "-j", "2"],
                             catch_exceptions=False)
    assert res.exit_code == 1  # some pages failed, and the run still finished
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    by = {Path(r["source"]).name: r for r in rows}
    assert sorted(by) == sorted([*bad_pages(), "huge.html"])
    assert "Traceback" not in res.stderr
    for name, r in by.items():
        if r["error"]:
            e = r["error"]
            assert e["kind"] and e["stage"] and e["message"] and "\n" not in e["message"], name
            assert e["kind"] != "internal-error", (name, e)
        else:
            assert r["body"].strip(), name
    assert by["empty.html"]["error"]["kind"] == "parse-error"
    assert by["blank.html"]["error"]["kind"] == "parse-error"
    assert by["binary.html"]["error"]["kind"] == "decode-error"
    assert by["huge.html"]["error"]["kind"] == "limit-exceeded"
    assert "20,971,5" in by["huge.html"]["error"]["message"]
    assert "façade" in by["latin1-no-charset.html"]["body"]  # decoded, not replaced
    assert "Deep text" in by["nested.html"]["body"]
    assert "proper paragraph" in by["attributes.html"]["body"]
    assert "proper paragraph" in by["options.html"]["body"]
    assert "Loose paragraph" in by["no-body.html"]["body"]
    assert by["truncated.html"]["error"] is None
    assert by["truncated.html.gz"]["error"] is None
    assert "commas" in by["truncated.html.gz"]["body"]


@pytest.mark.parametrize("name", sorted(bad_pages()))
def test_library_returns_a_record(name: str) -> None:
    r = extract(bad_pages()[name], source=name)
    assert r.source == name
    assert (r.error is None and r.body.strip()) or (r.error is not None and r.error.message)


def test_oversized_page_in_the_library() -> None:
    r = extract(b"<p>" + b"x" * (20 * 1024 * 1024))
    assert r.error is not None and r.error.kind == "limit-exceeded"
