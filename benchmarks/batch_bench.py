"""Batch throughput and memory: stripper extract vs trafilatura's own batch CLI.

For each folder and each --jobs value, runs both command lines in the same session
and records wall time, pages/s, CPU seconds (user+sys of the whole process tree)
and the peak RSS of the whole process tree (parent + workers, summed, sampled
every 50 ms with psutil). Not a test: run it by hand, paste the table into
docs/benchmarks-batch.md.

    python benchmarks/batch_bench.py generate /tmp/gen50k --pages 50000
    python benchmarks/batch_bench.py run ../shared/datasets/wcxb-dev/html /tmp/gen50k \\
        --jobs 1 2 --tools stripper trafilatura --json /tmp/bench.json

stripper:     stripper extract DIR -o OUT.jsonl -j N -q          (JSON lines with metadata)
trafilatura:  trafilatura --input-dir DIR --output-dir OUT --parallel N --json
              (trafilatura's own batch mode, JSON with metadata, one file per page)

The generated pages are synthetic news/blog pages (menus, cookie banner, sidebar,
related posts, comments, footer around an article of 3-30 paragraphs) made from a
fixed seed, so every run sees the same bytes. Sizes follow the dev set's spread at
the small end (about 5-40 KB); they are cheaper per page than the real pages.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ["the", "council", "city", "river", "bridge", "school", "market", "train", "road", "water", "energy", "price", "report", "people", "government", "minister", "plan", "budget", "year", "week", "month", "local", "national", "new", "old", "public", "private", "company", "worker", "family", "child", "house", "street", "park", "museum", "library", "station", "festival", "weather", "storm", "summer", "winter", "health", "hospital", "doctor", "court", "judge", "police", "election", "vote", "party", "member", "mayor", "project", "building", "plan", "study", "research", "data", "team", "season", "match", "player", "coach", "goal", "fans", "stadium", "music", "film", "book", "art", "show", "night"]
MENU = ["Home", "News", "World", "Politics", "Business", "Tech", "Science", "Sport",
        "Culture", "Opinion", "Travel", "Food", "Video", "Podcasts", "Newsletters"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 24))]
    words[0] = words[0].capitalize()
    if len(words) > 10:
        words[rng.randint(3, len(words) - 4)] += ","
    return " ".join(words) + "."


def _para(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))


def page(i: int) -> str:
    """One synthetic page, the same bytes for the same ``i``."""
    rng = random.Random(i)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 10))).capitalize()
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    related = "".join(f'<li><a href="/story/{rng.randint(1, 10**6)}">'
                      f'{_sentence(rng)}</a></li>' for _ in range(rng.randint(4, 10)))
    body = "".join(f"<p>{_para(rng)}</p>" + (f"<h2>{_sentence(rng)}</h2>"
                                             if rng.random() < 0.15 else "")
                   for _ in range(rng.randint(3, 30)))
    comments = "".join(f'<div class="comment"><span class="author">user{rng.randint(1, 999)}'
                       f'</span><p>{_sentence(rng)}</p></div>'
                       for _ in range(rng.randint(0, 8)))
    date = f"20{rng.randint(10, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Example</title>
<meta property="og:title" content="{title}">
<meta name="author" content="Reporter {i % 97}">
<meta property="article:published_time" content="{date}T08:00:00Z">
<link rel="stylesheet" href="/s.css"><script>var x = {i};</script></head>
<body><div id="cookie-banner" class="cookie-consent">We use cookies to improve your
experience. <button>Accept all</button> <button>Manage settings</button></div>
<header class="site-header"><a class="logo" href="/">The Daily Example</a>
<nav class="main-menu"><ul>{menu}</ul></nav></header>
<main><article class="post"><h1>{title}</h1>
<p class="byline">By Reporter {i % 97} · <time datetime="{date}">{date}</time></p>
<div class="entry-content">{body}</div>
<div class="share">Share: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>
</article>
<section class="comments"><h3>Comments</h3>{comments}
<form class="comment-form"><textarea></textarea><button>Post comment</button></form></section>
</main>
<aside class="sidebar"><h3>Related posts</h3><ul>{related}</ul>
<div class="newsletter">Subscribe to our newsletter <input type="email"></div></aside>
<footer class="site-footer"><ul>{menu}</ul><p>© 2024 The Daily Example.
All rights reserved.</p></footer></body></html>
"""


def generate(folder: Path, pages: int, per_dir: int = 1000) -> None:
    """Write ``pages`` synthetic pages into ``folder``/NNN/NNNNNN.html."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(pages):
        d = folder / f"{i // per_dir:03d}"
        if i % per_dir == 0:
            d.mkdir(exist_ok=True)
        (d / f"{i:06d}.html").write_text(page(i), encoding="utf-8")


def _tree_sample(proc: object) -> tuple[int, float]:
    """(RSS bytes, CPU seconds) of a process and all its descendants."""
    import psutil

    rss, cpu = 0, 0.0
    assert isinstance(proc, psutil.Process)
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0.0
    for p in procs:
        try:
            rss += p.memory_info().rss
            t = p.cpu_times()
            cpu += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return rss, cpu


def measure(cmd: list[str]) -> dict[str, float]:
    """Run ``cmd``; wall seconds, peak tree RSS (MiB) and tree CPU seconds."""
    import psutil

    t0 = time.perf_counter()
    popen = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc = psutil.Process(popen.pid)
    peak = 0
    while popen.poll() is None:
        rss, _ = _tree_sample(proc)
        peak = max(peak, rss)
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    err = popen.stderr.read().decode("utf-8", "replace") if popen.stderr else ""
    return {"wall": wall, "peak_mib": peak / 2**20, "returncode": popen.returncode,
            "stderr_tail": err[-300:]}


def _cpu_children() -> float:
    """User+sys seconds of all waited-for descendants (workers are joined by both tools)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def count_pages(folder: Path) -> int:
    return sum(1 for _, _, files in os.walk(folder) for f in files
               if f.endswith((".html", ".html.gz", ".htm")))


def commands(tool: str, folder: Path, jobs: int, out: Path) -> list[str]:
    bindir = Path(sys.executable).parent
    if tool == "stripper":
        return [str(bindir / "stripper"), "extract", str(folder), "-o", str(out / "out.jsonl"),
                "-j", str(jobs), "-q", "--keep-going"]
    if tool == "trafilatura":
        return [str(bindir / "trafilatura"), "--input-dir", str(folder), "--output-dir",
                str(out), "--parallel", str(jobs), "--json"]
    raise SystemExit(f"unknown tool {tool}")


def outputs(tool: str, out: Path) -> int:
    if tool == "stripper":
        with open(out / "out.jsonl", "rb") as fh:
            return sum(1 for _ in fh)
    return sum(len(files) for _, _, files in os.walk(out))


def run(folders: list[Path], jobs: list[int], tools: list[str], repeat: int) -> list[dict]:
    rows = []
    for folder in folders:
        n = count_pages(folder)
        for j in jobs:
            for tool in tools:
                best: dict | None = None
                for _ in range(repeat):
                    out = Path(tempfile.mkdtemp(prefix=f"bench-{tool}-"))
                    cpu0 = _cpu_children()
                    m = measure(commands(tool, folder, j, out))
                    m["cpu"] = _cpu_children() - cpu0
                    m["records"] = outputs(tool, out)
                    shutil.rmtree(out, ignore_errors=True)
                    if best is None or m["wall"] < best["wall"]:
                        best = m
                assert best is not None
                row = {"folder": str(folder), "pages": n, "tool": tool, "jobs": j,
                       "wall_s": round(best["wall"], 1),
                       "pages_per_s": round(n / best["wall"], 1),
                       "cpu_ms_per_page": round(1000 * best["cpu"] / n, 2),
                       "peak_rss_mib": round(best["peak_mib"], 0),
                       "records": best["records"], "returncode": best["returncode"]}
                rows.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def table(rows: list[dict]) -> str:
    head = ("| folder | pages | tool | jobs | wall s | pages/s | CPU ms/page | "
            "peak RSS MiB (tree) | output records |\n|---|---|---|---|---|---|---|---|---|")
    lines = [head]
    for r in rows:
        lines.append(f"| {Path(r['folder']).name} | {r['pages']} | {r['tool']} | {r['jobs']} | "
                     f"{r['wall_s']} | {r['pages_per_s']} | {r['cpu_ms_per_page']} | "
                     f"{r['peak_rss_mib']:.0f} | {r['records']} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="write a folder of synthetic pages")
    g.add_argument("folder", type=Path)
    g.add_argument("--pages", type=int, default=50_000)
    r = sub.add_parser("run", help="measure both tools over folders")
    r.add_argument("folders", type=Path, nargs="+")
    r.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    r.add_argument("--tools", nargs="+", default=["stripper", "trafilatura"])
    r.add_argument("--repeat", type=int, default=1, help="runs per cell; the fastest is kept")
    r.add_argument("--json", type=Path, default=None, help="also write the rows here")
    args = ap.parse_args()
    if args.cmd == "generate":
        generate(args.folder, args.pages)
        return
    rows = run(args.folders, args.jobs, args.tools, args.repeat)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
