"""Fetch-and-extract benchmark against a local server serving real pages.

The server (a separate process, so it does not share the client's GIL) serves the
wcxb-dev pages as they were fetched (``html/NNNN.html.gz``, sent as-is with
``Content-Encoding: gzip``) on one or more ports of 127.0.0.1; each port is one
"host" for the per-host limits. URL i is page ``i mod 1358``.

    python benchmarks/fetch_bench.py all --dataset ../shared/datasets/wcxb-dev \\
        --pages 2000 --out docs/benchmarks-fetch.md

runs every configuration in a fresh process (so peak RSS is per configuration) and
writes the markdown table. Single configurations:

    python benchmarks/fetch_bench.py run --mode fetch --concurrency 8 --pages 2000 ...
    python benchmarks/fetch_bench.py run --mode extract --jobs 2 --concurrency 32 ...
    python benchmarks/fetch_bench.py run --mode polite --delay 0.1 --hosts 4 ...

Figures are measured, never asserted: this is not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


# ------------------------------------------------------------------ server

def serve(dataset: Path, ports: int) -> None:
    pages = sorted((dataset / "html").glob("*.html.gz"))
    blobs = [p.read_bytes() for p in pages]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; without TCP_NODELAY, Nagle plus the
        # client's delayed ACK stalls every response by ~40 ms (real servers avoid it).
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if not path.startswith("/p/"):
                body, status, enc = b"not found", 404, None
            else:
                body, status, enc = blobs[int(path[3:]) % len(blobs)], 200, "gzip"
            self.send_response(status)
            self.send_header("Content-Type", "text/html")
            if enc:
                self.send_header("Content-Encoding", enc)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    servers = []
    for _ in range(ports):
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        httpd.request_queue_size = 256
        servers.append(httpd)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(json.dumps([s.server_address[1] for s in servers]), flush=True)
    sys.stdin.read()  # serve until the parent closes our stdin


def start_server(dataset: Path, ports: int) -> tuple[subprocess.Popen[str], list[int]]:
    proc = subprocess.Popen([sys.executable, __file__, "serve", "--dataset", str(dataset),
                             "--hosts", str(ports)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    return proc, json.loads(proc.stdout.readline())


# ------------------------------------------------------------------ client runs

def _extract(page: object) -> str:
    """Extract in a worker process; returns "ok" or the error kind."""
    from stripper import extract_page

    rec = extract_page(page)  # type: ignore[arg-type]
    return "ok" if rec.error is None else rec.error.kind


def run(args: argparse.Namespace) -> dict[str, object]:
    from stripper import FetchOptions, extract_page, fetch_many

    proc, ports = (None, json.loads(args.ports)[:args.hosts]) if args.ports else \
        start_server(args.dataset, args.hosts)
    try:
        urls = [f"http://127.0.0.1:{ports[i % len(ports)]}/p/{i}" for i in range(args.pages)]
        per_host = args.per_host or args.concurrency
        opts = replace(FetchOptions(), concurrency=args.concurrency, per_host=per_host,
                       delay=args.delay, total_timeout=120.0)
        kinds: Counter[str] = Counter()
        per_host_done: Counter[str] = Counter()
        body_bytes = 0
        pool = ProcessPoolExecutor(args.jobs) if args.mode == "extract" and args.jobs > 1 \
            else None
        futures: list[Future[str]] = []
        t0 = time.perf_counter()
        for res in fetch_many(urls, options=opts):
            if res.page is None:
                kinds[res.error.kind if res.error else "?"] += 1
                continue
            per_host_done[urlsplit(res.url).netloc] += 1
            body_bytes += len(res.page.content)
            if args.mode != "extract":
                kinds["ok"] += 1
            elif pool is None:
                rec = extract_page(res.page)
                kinds["ok" if rec.error is None else rec.error.kind] += 1
            else:
                futures.append(pool.submit(_extract, res.page))
                if len(futures) >= 4 * args.jobs:  # keep the pool fed, memory bounded
                    for f in futures:
                        kinds[f.result()] += 1
                    futures = []
        for f in futures:
            kinds[f.result()] += 1
        seconds = time.perf_counter() - t0
        if pool is not None:
            pool.shutdown()
    finally:
        if proc is not None:
            assert proc.stdin is not None
            proc.stdin.close()
            proc.wait()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime  # load-independent: the machine is shared
    rss_self = usage.ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "mode": args.mode, "concurrency": args.concurrency, "per_host": per_host,
        "hosts": args.hosts, "delay": args.delay, "jobs": args.jobs, "pages": args.pages,
        "seconds": round(seconds, 2), "pages_per_s": round(args.pages / seconds, 1),
        "per_host_per_s": round(max(per_host_done.values(), default=0) / seconds, 2),
        "mb_decoded": round(body_bytes / 1e6, 1),
        "client_cpu_ms_per_page": round(1000 * cpu / args.pages, 2),
        "load_avg_1min": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(rss_self, 1),
        # extraction workers (and the server, when this run started its own)
        "peak_rss_children_mb": round(rss_children, 1),
        "outcomes": dict(kinds),
    }


# ------------------------------------------------------------------ all configs

CONFIGS = (
    [("fetch", c, 1, 0.0, 1, 0) for c in (1, 8, 32, 64)]
    + [("extract", c, 1, 0.0, 1, 0) for c in (1, 8, 32, 64)]
    + [("extract", c, 1, 0.0, 2, 0) for c in (1, 8, 32, 64)]
)
POLITE = [("polite", 32, 1, 0.1, 1, 2), ("polite", 32, 4, 0.1, 1, 2),
          ("polite", 32, 1, 0.05, 1, 2), ("polite", 32, 1, 0.0, 1, 2)]


def run_all(args: argparse.Namespace) -> None:
    proc, ports = start_server(args.dataset, 4)
    try:
        rows = _run_configs(args, json.dumps(ports))
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n")
    print(format_table(rows))


def _run_configs(args: argparse.Namespace, ports: str) -> list[dict[str, object]]:
    rows = []
    for mode, conc, hosts, delay, jobs, per_host in CONFIGS + POLITE:
        n = args.pages if mode != "polite" else args.polite_pages
        cmd = [sys.executable, __file__, "run", "--dataset", str(args.dataset),
               "--mode", "extract" if mode == "extract" else "fetch", "--concurrency", str(conc),
               "--hosts", str(hosts), "--delay", str(delay), "--jobs", str(jobs),
               "--pages", str(n), "--per-host", str(per_host), "--ports", ports]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        row["label"] = mode
        row["command"] = " ".join(["python benchmarks/fetch_bench.py"] + cmd[2:-2])
        print(json.dumps(row), file=sys.stderr, flush=True)
        rows.append(row)
    return rows


def format_table(rows: list[dict[str, object]]) -> str:
    lines = [("| run | concurrency | hosts × per-host | delay s | extract jobs | pages/s | "
              "busiest host pages/s | client CPU ms/page | peak RSS MB main / worker | "
              "load avg | outcomes |"),
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        jobs = "-" if r["mode"] == "fetch" else r["jobs"]
        worker = f" / {r['peak_rss_children_mb']}" if r["jobs"] != 1 else ""
        outcomes = ", ".join(f"{k} {v}" for k, v in r["outcomes"].items())  # type: ignore[attr-defined]
        lines.append(f"| {r['label']} | {r['concurrency']} | {r['hosts']} × {r['per_host']} | "
                     f"{r['delay']} | {jobs} | {r['pages_per_s']} | {r['per_host_per_s']} | "
                     f"{r.get('client_cpu_ms_per_page', '?')} | {r['peak_rss_mb']}{worker} | "
                     f"{r.get('load_avg_1min', '?')} | {outcomes} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("serve", "run", "all", "table"))
    ap.add_argument("--dataset", type=Path,
                    default=ROOT.parent / "shared" / "datasets" / "wcxb-dev")
    ap.add_argument("--mode", choices=("fetch", "extract"), default="fetch")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--per-host", type=int, default=0, help="0: same as --concurrency")
    ap.add_argument("--hosts", type=int, default=1)
    ap.add_argument("--delay", type=float, default=0.0)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--polite-pages", type=int, default=200)
    ap.add_argument("--ports", default=None, help="(run) JSON list of a running server's ports")
    ap.add_argument("--json", default=None, help="(all) also write the rows here")
    args = ap.parse_args()
    if args.what == "table":  # re-format the rows of an earlier `all --json FILE`
        print(format_table(json.loads(Path(args.json).read_text())))
        return
    if not (args.dataset / "html").is_dir():
        sys.exit(f"dataset not found: {args.dataset}")
    if args.what == "serve":
        serve(args.dataset, args.hosts)
    elif args.what == "run":
        print(json.dumps(run(args)))
    else:
        run_all(args)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
