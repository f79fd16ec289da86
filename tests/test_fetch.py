"""The fetch layer against a real misbehaving server on 127.0.0.1 (tests/fetch_server.py).

Every case asserts the exact outcome: the error kind and status, the number of
attempts, and what the server saw on the wire. Timeouts and backoffs are small so
the whole module runs in about 20 s.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from fetch_server import ARTICLE, ARTICLE_BYTES, ETAG, FaultServer
from warcio.archiveiterator import ArchiveIterator

from stripper import FetchError, FetchOptions, Options, Page, extract_page, extract_url
from stripper.fetch import FetchState, RobotsCache, afetch_many, fetch, fetch_many
from stripper.fetch.policy import Attempts, Retryable, backoff, parse_retry_after
from stripper.fetch.robots import rules_from_response

FAST = FetchOptions(
    connect_timeout=1.0, read_timeout=0.5, total_timeout=3.0, max_attempts=3,
    backoff_base=0.01, backoff_max=0.05, max_body_bytes=200_000,
)


@pytest.fixture()
def srv() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


def fail(srv: FaultServer, path: str, options: FetchOptions = FAST) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetch(srv.url(path), options=options)
    return info.value


# ------------------------------------------------------------------ success paths

def test_plain_page_records_status_headers_and_one_attempt(srv: FaultServer) -> None:
    page = fetch(srv.url("/page"), options=FAST)
    assert page.content == ARTICLE_BYTES
    assert page.status == 200 and page.url == page.source == srv.url("/page")
    assert page.headers["etag"] == ETAG
    assert page.attempts == ("1: http 200",)
    assert srv.headers_of("/page")[0]["User-Agent"] == FAST.user_agent


def test_user_agent_is_overridable(srv: FaultServer) -> None:
    fetch(srv.url("/page"), options=replace(FAST, user_agent="mybot/2.0"))
    assert srv.headers_of("/page")[0]["User-Agent"] == "mybot/2.0"
    assert srv.headers_of("/robots.txt")[0]["User-Agent"] == "mybot/2.0"


@pytest.mark.parametrize("path", ["/gzip", "/brotli", "/deflate"])
def test_compressed_bodies_are_decoded(srv: FaultServer, path: str) -> None:
    page = fetch(srv.url(path), options=FAST)
    assert page.content == ARTICLE_BYTES
    assert "br" in srv.headers_of(path)[0]["Accept-Encoding"]


def test_wrong_header_charset_still_decodes(srv: FaultServer) -> None:
    record = extract_url(srv.url("/charset-wrong-header"), options=Options(fetch=FAST))
    assert record.error is None
    assert record.title == "Diplomático en España"
    assert "el diplomático llegó a Madrid" in record.body


def test_header_utf8_over_cp1252_bytes_decodes_by_meta(srv: FaultServer) -> None:
    record = extract_url(srv.url("/charset-1252"), options=Options(fetch=FAST))
    assert record.error is None
    assert "Un café “bien serré” – c’est naïf" in record.body


@pytest.mark.parametrize("claimed", ["utf-8", "iso-8859-1"])
def test_wrong_header_charset_loses_to_the_pages_meta(srv: FaultServer, claimed: str) -> None:
    record = extract_url(srv.url(f"/charset-1251?h={claimed}"), options=Options(fetch=FAST))
    assert record.error is None
    assert record.title == "Дипломат в Испании"
    assert "Дипломат прибыл в Мадрид" in record.body


def test_redirect_chain_final_url_is_recorded_and_used(srv: FaultServer) -> None:
    page = fetch(srv.url("/redirect/3"), options=FAST)
    assert page.url == srv.url("/page/final") and page.source == srv.url("/redirect/3")
    assert page.attempts == ("1: http 200 after 3 redirect(s)",)
    record = extract_url(srv.url("/redirect/3"), options=Options(fetch=FAST))
    assert record.url == srv.url("/page/final")


# ------------------------------------------------------------------ retries

def test_500_is_not_retried(srv: FaultServer) -> None:
    err = fail(srv, "/once/500?k=a")
    assert (err.kind, err.status, len(err.attempts)) == ("http-error", 500, 1)
    assert srv.hits("/once/500") == 1


def test_404_is_not_retried(srv: FaultServer) -> None:
    err = fail(srv, "/status/404")
    assert (err.kind, err.status, err.attempts) == ("http-error", 404, ("1: http 404 -> give up",))


def test_502_then_200_succeeds_on_second_attempt(srv: FaultServer) -> None:
    page = fetch(srv.url("/once/502?k=b"), options=FAST)
    assert page.status == 200 and len(page.attempts) == 2
    assert page.attempts[0].startswith("1: http 502 -> retry in")
    assert srv.hits("/once/502") == 2


def test_429_honours_retry_after(srv: FaultServer) -> None:
    page = fetch(srv.url("/retry-after?k=c"), options=FAST)
    assert page.status == 200 and len(page.attempts) == 2
    first, second = srv.times("/retry-after")
    assert second - first >= 1.0  # backoff alone would wait at most 0.05 s


def test_retry_after_longer_than_allowed_gives_up(srv: FaultServer) -> None:
    err = fail(srv, "/retry-after?k=d", replace(FAST, max_retry_after=0.5))
    assert (err.kind, err.status, len(err.attempts)) == ("http-error", 429, 1)
    assert "too long" in err.attempts[0]


def test_503_forever_stops_after_max_attempts(srv: FaultServer) -> None:
    err = fail(srv, "/status/503")
    assert (err.kind, err.status, len(err.attempts)) == ("http-error", 503, 3)
    assert err.attempts[-1] == "3: http 503 -> give up after 3 attempts"
    assert srv.hits("/status/503") == 3


def test_connection_refused_is_retried_then_connect_error() -> None:
    with FaultServer() as gone:
        url = gone.url("/page")
    with pytest.raises(FetchError) as info:
        fetch(url, options=replace(FAST, respect_robots=False))
    assert (info.value.kind, info.value.status, len(info.value.attempts)) == \
        ("connect-error", None, 3)


def test_slow_first_byte_times_out_each_attempt(srv: FaultServer) -> None:
    err = fail(srv, "/slow-first-byte", replace(FAST, max_attempts=2))
    assert (err.kind, len(err.attempts)) == ("timeout", 2)
    assert err.attempts[0].startswith("1: ReadTimeout")


def test_slow_trickle_hits_the_total_deadline(srv: FaultServer) -> None:
    t0 = time.monotonic()
    err = fail(srv, "/trickle", replace(FAST, total_timeout=1.0))
    assert (err.kind, err.status, len(err.attempts)) == ("timeout", 200, 1)
    assert "deadline" in str(err)
    assert time.monotonic() - t0 < 2.0  # stopped at the deadline, not after 6 s of trickle


def test_connection_reset_mid_body(srv: FaultServer) -> None:
    err = fail(srv, "/reset")
    assert (err.kind, len(err.attempts)) == ("read-error", 3)
    assert srv.hits("/reset") == 3


def test_truncated_body_is_retried(srv: FaultServer) -> None:
    page = fetch(srv.url("/truncated-once?k=e"), options=FAST)
    assert page.content == ARTICLE_BYTES
    assert page.attempts[0].startswith("1: RemoteProtocolError")
    assert len(page.attempts) == 2


# ------------------------------------------------------------------ refusals

def test_body_over_the_cap_is_stopped_while_streaming(srv: FaultServer) -> None:
    err = fail(srv, "/huge")
    assert (err.kind, err.status, len(err.attempts)) == ("too-large", 200, 1)
    time.sleep(0.2)
    assert srv.httpd.huge_sent < 4 * 1024 * 1024  # the server never got to send it all


def test_declared_length_over_the_cap_is_refused_before_reading(srv: FaultServer) -> None:
    err = fail(srv, "/huge-declared")
    assert (err.kind, err.status) == ("too-large", 200)
    assert "50000000" in str(err)


def test_gzip_bomb_is_cut_at_the_decoded_size(srv: FaultServer) -> None:
    err = fail(srv, "/gzip-bomb")  # ~8 KB on the wire, over the 200 KB cap once inflated
    assert (err.kind, err.status, len(err.attempts)) == ("too-large", 200, 1)


def test_corrupt_gzip_is_a_decode_error_not_retried(srv: FaultServer) -> None:
    err = fail(srv, "/gzip-corrupt")
    assert (err.kind, len(err.attempts)) == ("decode-error", 1)
    assert srv.hits("/gzip-corrupt") == 1


def test_pdf_is_not_html(srv: FaultServer) -> None:
    err = fail(srv, "/doc.pdf")
    assert (err.kind, str(err), err.status) == ("not-html", "not-html: application/pdf", 200)


def test_redirect_loop(srv: FaultServer) -> None:
    err = fail(srv, "/loop-a")
    assert (err.kind, err.status, len(err.attempts)) == ("redirect-loop", 302, 1)


def test_redirect_cap(srv: FaultServer) -> None:
    err = fail(srv, "/redirect/5", replace(FAST, max_redirects=3))
    assert (err.kind, len(err.attempts)) == ("too-many-redirects", 1)
    assert srv.hits("/page/final") == 0


def test_robots_disallow_and_ignore_robots(srv: FaultServer) -> None:
    err = fail(srv, "/private/secret")
    assert (err.kind, err.attempts) == ("robots-disallowed", ())
    assert srv.hits("/private/secret") == 0
    page = fetch(srv.url("/private/secret"), options=replace(FAST, respect_robots=False))
    assert page.status == 200 and srv.hits("/private/secret") == 1


def test_robots_checked_on_redirect_target(srv: FaultServer) -> None:
    err = fail(srv, "/to-private")
    assert (err.kind, len(err.attempts)) == ("robots-disallowed", 1)
    assert srv.hits("/to-private") == 1 and srv.hits("/private/target") == 0
    results = list(fetch_many([srv.url("/to-private")], options=FAST))
    assert results[0].error is not None and results[0].error.kind == "robots-disallowed"


def test_trickling_robots_txt_is_cut_at_the_deadline() -> None:
    opts = replace(FAST, total_timeout=1.0)
    with FaultServer(robots_txt=None) as server:
        t0 = time.monotonic()
        page = fetch(server.url("/page"), options=opts)  # no answer in time: allowed
        assert time.monotonic() - t0 < 2.5 and page.status == 200
        results = list(fetch_many([server.url("/page/1"), server.url("/page/2")], options=opts))
        assert all(r.ok for r in results) and server.hits("/robots.txt") == 2  # 1 per run


def test_robots_cache_fetches_robots_once_per_host(srv: FaultServer) -> None:
    cache = RobotsCache()
    for i in range(3):
        fetch(srv.url(f"/page/{i}"), options=FAST, robots=cache)
    assert srv.hits("/robots.txt") == 1


def test_bad_url_is_an_error_not_a_crash() -> None:
    with pytest.raises(FetchError) as info:
        fetch("ftp://example/x", options=FAST)
    assert info.value.kind == "bad-url"


def test_extract_url_turns_fetch_failure_into_error_record(srv: FaultServer) -> None:
    record = extract_url(srv.url("/status/503"), options=Options(fetch=FAST))
    assert record.error is not None
    err = record.error.to_dict()
    assert (err["stage"], err["kind"], err["status"]) == ("fetch", "http-error", 503)
    assert len(err["attempts"]) == 3  # type: ignore[arg-type]


# ------------------------------------------------------------------ cache and capture

def test_cache_revalidates_with_etag(srv: FaultServer, tmp_path: Path) -> None:
    opts = replace(FAST, cache_dir=str(tmp_path / "cache"))
    first = fetch(srv.url("/page"), options=opts)
    second = fetch(srv.url("/page"), options=opts)
    assert second.content == first.content == ARTICLE_BYTES
    assert second.attempts == ("1: http 304, cached copy reused",)
    sent = srv.headers_of("/page")
    assert "If-None-Match" not in sent[0] and sent[1]["If-None-Match"] == ETAG
    assert sent[1]["If-Modified-Since"] == "Tue, 01 Dec 2026 10:00:00 GMT"


def test_save_html_and_warc_capture(srv: FaultServer, tmp_path: Path) -> None:
    warc = tmp_path / "out.warc.gz"
    opts = replace(FAST, save_html=str(tmp_path / "html"), warc=str(warc))
    fetch(srv.url("/redirect/1"), options=opts)
    fetch(srv.url("/gzip"), options=opts)
    index = [json.loads(line) for line in (tmp_path / "html" / "index.jsonl").open()]
    assert [e["url"] for e in index] == [srv.url("/page/final"), srv.url("/gzip")]
    assert (tmp_path / "html" / index[0]["file"]).read_bytes() == ARTICLE_BYTES
    with warc.open("rb") as fh:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                    r.rec_headers.get_header("WARC-Date"), r.content_stream().read())
                   for r in ArchiveIterator(fh)]
    assert [r[0] for r in records] == ["warcinfo", "response", "response"]
    assert [r[1] for r in records[1:]] == [srv.url("/page/final"), srv.url("/gzip")]
    assert all(r[2] and r[2].endswith("Z") for r in records[1:])
    assert records[1][3] == records[2][3] == ARTICLE_BYTES


def test_warc_payload_reextracts_like_the_live_page(srv: FaultServer, tmp_path: Path) -> None:
    warc = tmp_path / "one.warc.gz"
    live = extract_url(srv.url("/page"), options=Options(fetch=replace(FAST, warc=str(warc))))
    pages = []
    with warc.open("rb") as fh:
        for rec in ArchiveIterator(fh):  # a stream: read each payload before moving on
            if rec.rec_type == "response":
                pages.append(Page(content=rec.content_stream().read(),
                                  url=rec.rec_headers.get_header("WARC-Target-URI"),
                                  headers={k.lower(): v for k, v in rec.http_headers.headers}))
    assert len(pages) == 1
    page = pages[0]
    again = extract_page(page)
    assert (again.title, again.body, again.url) == (live.title, live.body, live.url)


# ------------------------------------------------------------------ many URLs

def test_fetch_many_one_result_per_url_tagged_by_index(srv: FaultServer) -> None:
    paths = ["/page/1", "/status/404", "/doc.pdf", "/private/x", "/gzip", "/status/503",
             "/page/2", "/loop-a"]
    results = list(fetch_many([srv.url(p) for p in paths], options=FAST))
    assert sorted(r.index for r in results) == list(range(len(paths)))
    by_index = {r.index: r for r in results}
    kinds = [by_index[i].error.kind if by_index[i].error else "ok"  # type: ignore[union-attr]
             for i in range(len(paths))]
    assert kinds == ["ok", "http-error", "not-html", "robots-disallowed", "ok", "http-error",
                     "ok", "redirect-loop"]
    assert all(r.url == srv.url(paths[r.index]) for r in results)
    assert srv.hits("/robots.txt") == 1


def test_per_host_limit(srv: FaultServer) -> None:
    opts = replace(FAST, concurrency=8, per_host=2, respect_robots=False)
    results = list(fetch_many([srv.url(f"/slow/{i}") for i in range(6)], options=opts))
    assert all(r.ok for r in results)
    assert srv.httpd.peak_in_flight == 2


def test_per_host_delay_spaces_request_starts(srv: FaultServer) -> None:
    opts = replace(FAST, concurrency=8, per_host=8, delay=0.1, respect_robots=False)
    results = list(fetch_many([srv.url(f"/page/{i}") for i in range(8)], options=opts))
    assert all(r.ok for r in results)
    starts = sorted(srv.times("/page/"))
    # 8 starts at least 0.1 s apart span >= 0.7 s; without the delay they take ~0.01 s.
    assert starts[-1] - starts[0] >= 0.65


def test_fetch_state_carries_robots_and_delay_across_calls(srv: FaultServer) -> None:
    opts = replace(FAST, delay=0.3)
    state = FetchState()
    first = list(fetch_many([srv.url("/page/1")], options=opts, state=state))
    second = list(fetch_many([srv.url("/page/2"), srv.url("/private/z")], options=opts,
                             state=state))
    assert first[0].ok and {r.index: r.ok for r in second} == {0: True, 1: False}
    assert srv.hits("/robots.txt") == 1
    starts = srv.times("/page/")
    assert starts[1] - starts[0] >= 0.28  # the delay held across the two calls


def test_crawl_delay_from_robots_spaces_requests() -> None:
    robots = b"User-agent: stripper\nCrawl-delay: 0.2\n\nUser-agent: *\nDisallow: /\n"
    with FaultServer(robots) as server:
        results = list(fetch_many([server.url(f"/page/{i}") for i in range(4)],
                                  options=replace(FAST, per_host=4)))
        assert all(r.ok for r in results)  # our group allows all; "*" would refuse
        starts = server.times("/page/")
    assert starts[-1] - starts[0] >= 0.55  # 3 gaps of 0.2 s; ~0.01 s without the delay


def test_global_concurrency_limit(srv: FaultServer) -> None:
    opts = replace(FAST, concurrency=3, per_host=10, respect_robots=False)
    list(fetch_many([srv.url(f"/slow/{i}") for i in range(9)], options=opts))
    assert srv.httpd.peak_in_flight == 3


def test_afetch_many_with_injected_client(srv: FaultServer) -> None:
    async def run() -> list[int]:
        async with httpx.AsyncClient() as client:
            return [r.index async for r in afetch_many(
                [srv.url("/page/1"), srv.url("/page/2")], options=FAST, client=client)]

    assert sorted(asyncio.run(run())) == [0, 1]


def test_fetch_many_async_retry_and_deadline(srv: FaultServer) -> None:
    results = {r.index: r for r in fetch_many(
        [srv.url("/once/503?k=f"), srv.url("/trickle")],
        options=replace(FAST, total_timeout=1.0))}
    assert results[0].ok and len(results[0].page.attempts) == 2  # type: ignore[union-attr]
    err = results[1].error
    assert isinstance(err, FetchError) and err.kind == "timeout"


def test_stopping_fetch_many_early_does_not_hang(srv: FaultServer) -> None:
    opts = replace(FAST, concurrency=2, respect_robots=False)
    gen = fetch_many((srv.url(f"/slow/{i}") for i in range(50)), options=opts)
    first = next(gen)
    gen.close()
    assert first.ok and srv.hits("/slow/49") == 0


# ------------------------------------------------------------------ policy and robots logic

def test_mock_transport_client_is_injectable() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        return httpx.Response(200, html=ARTICLE)

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        page = fetch("http://example.test/a", options=replace(FAST, respect_robots=False),
                     client=client)
    assert seen == ["/a"] and page.content == ARTICLE_BYTES


def test_parse_retry_after_seconds_and_http_date() -> None:
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 02 Dec 2026 01:00:30 GMT", now=1796173200.0) == 30.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_backoff_is_full_jitter_capped() -> None:
    opts = FetchOptions(backoff_base=1.0, backoff_max=5.0)
    rng = random.Random(1)
    waits = [backoff(n, opts, rng) for n in (1, 2, 3, 4, 5, 6) for _ in range(50)]
    assert all(0 <= w <= 5.0 for w in waits)
    assert max(waits[:50]) <= 1.0 and max(waits[-50:]) > 2.0


def test_attempts_give_up_when_wait_passes_deadline() -> None:
    att = Attempts("http://x/", FetchOptions(total_timeout=1.0, max_attempts=5))
    att.begin()
    with pytest.raises(FetchError) as info:
        att.retry_wait(Retryable("http-error", "http 503", status=503, retry_after=5.0))
    assert info.value.status == 503 and "deadline" in info.value.attempts[0]


def test_robots_status_semantics() -> None:
    ua = "stripper/0.1"
    assert rules_from_response(404, b"", 1000).allows("http://h/x", ua)
    assert not rules_from_response(503, b"", 1000).allows("http://h/x", ua)
    assert rules_from_response(None, b"", 1000).allows("http://h/x", ua)
    rules = rules_from_response(200, b"User-agent: stripper\nDisallow: /\nCrawl-delay: 2\n", 1000)
    assert not rules.allows("http://h/x", ua) and rules.crawl_delay(ua) == 2.0
    assert rules.allows("http://h/x", "otherbot/1.0")


# ------------------------------------------------------------------ CLI flags

def test_cli_fetch_flags_reach_the_fetcher(srv: FaultServer, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from stripper.cli import main

    warc = tmp_path / "cli.warc.gz"
    out = tmp_path / "out.jsonl"
    args = ["extract", srv.url("/page"), srv.url("/status/503"), srv.url("/private/p"),
            "-o", str(out), "--retries", "1", "--timeout", "2", "--user-agent", "clibot/1",
            "--warc", str(warc), "--ignore-robots", "--delay", "0.01"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 3
    errors = [line["error"] for line in lines if line["error"]]
    assert [(e["stage"], e["kind"], e["status"], len(e["attempts"])) for e in errors] == \
        [("fetch", "http-error", 503, 2)]
    assert srv.headers_of("/page")[0]["User-Agent"] == "clibot/1"
    assert srv.hits("/robots.txt") == 0 and srv.hits("/private/p") == 1
    with warc.open("rb") as fh:
        assert sum(r.rec_type == "response" for r in ArchiveIterator(fh)) == 2


def test_fetch_options_from_flags() -> None:
    from stripper.cli import fetch_options

    opts = fetch_options(timeout=5, retries=0, concurrency=4, per_host=1, ignore_robots=True)
    assert (opts.total_timeout, opts.read_timeout, opts.connect_timeout) == (5, 5, 5)
    assert (opts.max_attempts, opts.concurrency, opts.per_host) == (1, 4, 1)
    assert not opts.respect_robots
    assert fetch_options() == FetchOptions()


def test_cli_warc_round_trip(srv: FaultServer, tmp_path: Path) -> None:
    """What --warc writes, `stripper extract FILE.warc.gz` reads back: same records."""
    from click.testing import CliRunner

    from stripper.cli import main

    warc, live, again = tmp_path / "rt.warc.gz", tmp_path / "live.jsonl", tmp_path / "again.jsonl"
    urls = [srv.url("/redirect/2"), srv.url("/gzip"), srv.url("/charset-wrong-header")]
    runner = CliRunner()
    first = runner.invoke(main, ["extract", *urls, "-o", str(live), "--warc", str(warc)])
    assert first.exit_code == 0, first.output
    second = runner.invoke(main, ["extract", str(warc), "-o", str(again)])
    assert second.exit_code == 0, second.output
    hits = sum(srv.hits(p) for p in ("/page/final", "/gzip", "/charset-wrong-header"))
    assert hits == 3  # the second run fetched nothing

    def key(path: Path) -> list[tuple[object, ...]]:
        rows = [json.loads(line) for line in path.read_text().splitlines()]
        return sorted((r["url"], r["title"], r["body"]) for r in rows)

    assert key(again) == key(live)
    assert [k[0] for k in key(live)] == sorted([srv.url("/page/final"), srv.url("/gzip"),
                                                srv.url("/charset-wrong-header")])


def test_batch_fetches_robots_once_across_url_runs(srv: FaultServer,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from stripper import batch

    monkeypatch.setattr(batch, "URL_RUN", 2)  # five URLs: three fetch_many runs
    inputs = [batch.Input(srv.url(f"/page/{i}"), "url") for i in range(5)]
    outs = list(batch.run(inputs, options=Options(fetch=FAST), jobs=1))
    assert len(outs) == 5 and all(o.ok for o in outs)
    assert srv.hits("/robots.txt") == 1
