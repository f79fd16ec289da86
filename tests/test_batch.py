"""Batch runner: one outcome per input, limits, dead workers, WARC, resume, determinism."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from stripper import batch
from stripper.options import DEFAULT_OPTIONS
from stripper.pipeline import extract_page
from stripper.record import Page, Record

PARA = ("Paragraph {i} of the story about {topic}: the council met on Tuesday, heard the "
        "residents, and agreed, after a long debate, to fund the new bridge by spring.")


def article(i: int, paragraphs: int = 5) -> str:
    topic = ("rivers", "bridges", "schools", "markets", "trains")[i % 5]
    body = "".join(f"<p>{PARA.format(i=k, topic=topic)}</p>" for k in range(paragraphs))
    return (f"<html><head><title>Story {i} about {topic}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>Story {i} about {topic}</h1>{body}</article>"
            f"<footer>Copyright 2024 Example</footer></body></html>")


def slow_page(n: int = 60_000) -> str:
    """A big, valid page that takes seconds to extract: trips a sub-second limit."""
    cells = "".join(f"<div class=c{i % 7}><p>Cell {i} has words, commas, and text.</p>"
                    f"<a href=/x{i}>link {i}</a></div>" for i in range(n))
    return f"<html><body><article>{cells}</article></body></html>"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "pages"
    (d / "sub").mkdir(parents=True)
    for i in range(6):
        (d / f"good{i}.html").write_text(article(i), encoding="utf-8")
    (d / "sub" / "zipped.html.gz").write_bytes(gzip.compress(article(9).encode()))
    (d / "sub" / "empty.html").write_bytes(b"")
    (d / "sub" / "junk.htm").write_bytes(bytes(range(256)) * 40)
    (d / "notes.txt").write_text("not a page")
    return d


def sources(outcomes: list[batch.Outcome]) -> Counter[str]:
    return Counter(o.source for o in outcomes)


def test_discover_is_recursive_sorted_and_filtered(folder: Path) -> None:
    found = [i.source for i in batch.discover([str(folder)])]
    names = [Path(s).name for s in found]
    assert names == ["good0.html", "good1.html", "good2.html", "good3.html", "good4.html",
                     "good5.html", "empty.html", "junk.htm", "zipped.html.gz"]
    assert [Path(i.source).name for i in batch.discover([str(folder)], glob="*.gz")] == [
        "zipped.html.gz"]
    assert batch.count_files([str(folder)]) == len(found)


def test_discover_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.html").write_text("x")
    it = batch.discover([str(tmp_path), str(tmp_path / "missing-yet.html")])
    first = next(it)
    (tmp_path / "missing-yet.html").write_text("late")  # created after discovery started
    rest = list(it)
    assert first.source.endswith("0.html") and rest[-1].source.endswith("missing-yet.html")


def test_every_input_gives_exactly_one_outcome(folder: Path) -> None:
    inputs = list(batch.discover([str(folder), str(folder / "absent.html")]))
    outs = list(batch.run(inputs, jobs=2, chunk_size=2))
    assert sources(outs) == Counter(i.source for i in inputs)
    by = {Path(o.source).name: o.record for o in outs}
    assert all(by[f"good{i}.html"].ok for i in range(6))
    assert by["zipped.html.gz"].ok and "Story 9" in (by["zipped.html.gz"].title or "")
    assert by["empty.html"].error is not None and by["empty.html"].error.kind == "parse-error"
    assert by["junk.htm"].error is not None and by["junk.htm"].error.kind == "decode-error"
    assert by["absent.html"].error is not None and by["absent.html"].error.kind == "read-error"
    assert by["absent.html"].error.stage == "read"


def test_time_limit_reports_the_page_and_the_chunk_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(article(1))
    (tmp_path / "b-slow.html").write_text(slow_page())
    (tmp_path / "c.html").write_text(article(2))
    t0 = time.monotonic()
    outs = list(batch.run(batch.discover([str(tmp_path)]), jobs=1, time_limit=0.5,
                          ordered=True))
    assert time.monotonic() - t0 < 30  # the slow page alone would take several seconds
    assert [Path(o.source).name for o in outs] == ["a.html", "b-slow.html", "c.html"]
    slow = outs[1].record.error
    assert slow is not None and slow.kind == "timeout" and "0.5 s" in slow.message
    assert outs[0].ok and outs[2].ok


def test_ordered_mode_holds_back_work_behind_a_slow_page(tmp_path: Path) -> None:
    (tmp_path / "000-slow.html").write_text(slow_page())
    for i in range(1, 41):
        (tmp_path / f"{i:03d}.html").write_text(article(i))
    pulled = 0

    def inputs() -> Iterator[batch.Input]:
        nonlocal pulled
        for inp in batch.discover([str(tmp_path)]):
            pulled += 1
            yield inp

    outs = batch.run(inputs(), jobs=2, chunk_size=1, time_limit=1.0, ordered=True)
    first = next(outs)
    assert first.source.endswith("000-slow.html") and not first.ok
    assert pulled <= 2 * 1 * 4 + 1  # the window (jobs x chunk x 4), not all 41 pages
    assert len(list(outs)) == 40


def test_size_limit_refuses_before_reading(tmp_path: Path) -> None:
    (tmp_path / "big.html").write_text(article(1, paragraphs=200))
    (tmp_path / "big.html.gz").write_bytes(gzip.compress(article(2, paragraphs=200).encode()))
    opts = DEFAULT_OPTIONS.__class__(max_bytes=5_000)
    outs = list(batch.run(batch.discover([str(tmp_path)]), options=opts, ordered=True))
    assert [o.record.error.kind if o.record.error else None for o in outs] == [
        "limit-exceeded", "limit-exceeded"]
    assert "exceeds the limit 5,000" in outs[0].record.error.message  # type: ignore[union-attr]


def crashing_extractor(page: Page, options: object) -> Record:
    """Kills its worker on one page, as a segfault in a C extension would."""
    if page.source and "crash" in page.source:
        os._exit(7)
    return extract_page(page)


def exiting_extractor(page: Page, options: object) -> Record:
    """Raises what no pipeline code catches (SystemExit) on one page."""
    if page.source and "exit" in page.source:
        raise SystemExit(3)
    return extract_page(page)


def test_a_page_that_escapes_every_handler_is_reported(tmp_path: Path) -> None:
    for name in ("a.html", "b-exit.html", "c.html"):
        (tmp_path / name).write_text(article(len(name)))
    outs = list(batch.run(batch.discover([str(tmp_path)]), jobs=1, ordered=True,
                          extractor=exiting_extractor))
    assert [o.ok for o in outs] == [True, False, True]
    err = outs[1].record.error
    assert err is not None and err.kind in ("internal-error", "worker-died"), err


def test_dead_worker_is_replaced_and_its_page_reported(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"p{i}.html").write_text(article(i))
    (tmp_path / "p2-crash.html").write_text(article(7))
    outs = list(batch.run(batch.discover([str(tmp_path)]), jobs=2, chunk_size=4,
                          extractor=crashing_extractor))
    assert len(outs) == 6 and len(sources(outs)) == 6
    bad = [o for o in outs if not o.ok]
    assert [Path(o.source).name for o in bad] == ["p2-crash.html"]
    err = bad[0].record.error
    assert err is not None and err.kind == "worker-died" and "exit code 7" in err.message


def test_ordered_and_unordered_give_the_same_records(folder: Path) -> None:
    inputs = list(batch.discover([str(folder)]))
    ordered = list(batch.run(inputs, jobs=2, chunk_size=1, ordered=True))
    assert [o.source for o in ordered] == [i.source for i in inputs]
    loose = list(batch.run(inputs, jobs=2, chunk_size=1))
    key = lambda o: o.source
    assert [o.record.body for o in sorted(loose, key=key)] == [
        o.record.body for o in sorted(ordered, key=key)]


def test_skip_leaves_out_known_sources(folder: Path) -> None:
    inputs = list(batch.discover([str(folder)]))
    skip = {inputs[0].source, inputs[3].source}
    outs = list(batch.run(inputs, skip=skip))
    assert sources(outs) == Counter(i.source for i in inputs if i.source not in skip)


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=path.name.endswith(".gz"))

        def response(url: str, body: bytes, ctype: str, date: str) -> None:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(body),
                                       http_headers=http,
                                       warc_headers_dict={"WARC-Date": date})
            w.write_record(rec)

        response("https://news.example/a", article(1).encode(), "text/html; charset=utf-8",
                 "2024-03-01T10:00:00Z")
        response("https://news.example/logo.png", b"\x89PNG....", "image/png",
                 "2024-03-01T10:00:01Z")
        latin = article(2).replace("Story 2", "Story 2 café").encode("latin-1")
        response("https://news.example/b", latin, "text/html; charset=iso-8859-1",
                 "2024-03-02T11:30:00Z")
        w.write_record(w.create_warc_record("https://news.example/a", "request",
                                            payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_responses_become_pages(tmp_path: Path, name: str) -> None:
    warc = tmp_path / name
    write_warc(warc)
    outs = list(batch.run(batch.discover([str(tmp_path)]), jobs=1, ordered=True))
    assert len(outs) == 2  # the image and the request record are not pages
    a, b = (o.record for o in outs)
    assert a.ok and b.ok
    assert (a.url, b.url) == ("https://news.example/a", "https://news.example/b")
    assert a.source and a.source.startswith(f"{warc}#") and a.source != b.source
    assert a.title == "Story 1 about bridges" and b.title == "Story 2 café about schools"
    page = next(i.page for i in batch.discover([str(warc)]))
    assert page is not None and page.fetched_at == "2024-03-01T10:00:00Z"
    assert batch.count_files([str(warc)]) is None  # records are not counted up front


def test_truncated_warc_reports_the_file(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc)
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) * 2 // 3])
    outs = list(batch.run(batch.discover([str(warc)]), ordered=True))
    assert outs[0].ok  # the records before the break are kept
    assert not outs[-1].ok and outs[-1].record.error is not None
    assert outs[-1].record.error.stage == "read"


def test_outcomes_and_errors_pickle() -> None:
    import pickle

    from stripper.errors import FetchError, LimitExceeded

    for exc in (FetchError("HTTP 503", url="http://x/", status=503, kind="http-error"),
                LimitExceeded("nodes", 5, 3, source="s")):
        back = pickle.loads(pickle.dumps(exc))
        assert type(back) is type(exc) and str(back) == str(exc)
        assert back.__dict__ == exc.__dict__
    out = batch.process(batch.Input("x.html", "page", page=Page(article(3).encode(),
                                                               source="x.html")))
    assert pickle.loads(pickle.dumps(out)) == out


# ---------------------------------------------------------------- the CLI end to end


def test_jobs_1_and_2_write_identical_bytes(folder: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from stripper.cli import main

    def extract(out: Path, *flags: str) -> int:
        res = CliRunner().invoke(main, ["extract", str(folder), "-o", str(out), "-q", *flags],
                                 catch_exceptions=False)
        return res.exit_code

    one, two, loose = tmp_path / "j1.jsonl", tmp_path / "j2.jsonl", tmp_path / "j2u.jsonl"
    assert extract(one, "-j", "1", "--ordered") == 1  # the empty and junk pages failed
    assert extract(two, "-j", "2", "--ordered") == 1
    assert one.read_bytes() == two.read_bytes()
    extract(loose, "-j", "2")
    assert sorted(loose.read_bytes().splitlines()) == sorted(one.read_bytes().splitlines())


# enough pages that a fast machine cannot finish them between the first flushed
# records and the signal (150 could: the run then exited 0 before it was stopped)
INTERRUPTED_PAGES = 600


def interrupted_run(tmp_path: Path, sig: int) -> tuple[Path, Path]:
    """Start a real run, stop it with ``sig`` once the first records are out."""
    pages = tmp_path / "many"
    pages.mkdir()
    for i in range(INTERRUPTED_PAGES):
        (pages / f"{i:04d}.html").write_text(article(i, paragraphs=40))
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "stripper", "extract", str(pages), "-o",
                             str(out), "-j", "1"], cwd=tmp_path, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.stat().st_size < 2):
        time.sleep(0.02)
    proc.send_signal(sig)
    assert proc.wait(timeout=60) == 130
    assert proc.stderr is not None and "interrupted after" in proc.stderr.read()
    lines = out.read_bytes().splitlines(keepends=True)
    assert 0 < len(lines) < INTERRUPTED_PAGES and all(line.endswith(b"\n") for line in lines)
    for line in lines:
        json.loads(line)
    return pages, out


def test_sigterm_ends_a_run_cleanly(tmp_path: Path) -> None:
    interrupted_run(tmp_path, signal.SIGTERM)


def test_resume_after_an_interrupted_run(tmp_path: Path) -> None:
    pages, out = interrupted_run(tmp_path, signal.SIGINT)
    # a kill -9 in the middle of a line: the tail is cut off on resume
    with open(out, "ab") as fh:
        fh.write(b'{"schema": 1, "url": null, "source": "half')
    from click.testing import CliRunner

    from stripper.cli import main

    res = CliRunner().invoke(main, ["extract", str(pages), "-o", str(out), "-j", "2",
                                    "--resume", "-q"], catch_exceptions=False)
    assert res.exit_code == 0, res.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert Counter(r["source"] for r in rows) == Counter(
        str(p) for p in pages.iterdir())
    assert len(rows) == INTERRUPTED_PAGES
