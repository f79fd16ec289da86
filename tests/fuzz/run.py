"""Run the fuzzer at length: ``python tests/fuzz/run.py --seed 1 -n 2000 [--save DIR]``.

Every case goes through ``stripper.extract``; a case fails when an exception escapes,
when ``fuzzlib.check`` finds the record wrong, or when it takes longer than ``--slow``
seconds (reported with its timing; ``--limit`` seconds stop it with an alarm). Failing
inputs are written to ``--save`` so they can be replayed with ``--replay DIR``.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
import traceback
from collections import Counter
from dataclasses import replace
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzzlib import Case, cases, check

from stripper import Options, extract_page
from stripper.options import DEFAULT_OPTIONS


class Alarm(BaseException):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Alarm()


def run_one(case: Case, limit: float,
            options: Options = DEFAULT_OPTIONS) -> tuple[str | None, float]:
    t0 = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        record = extract_page(case.page(), options=options)
        record.to_dict()
        problem = check(record)
    except Alarm:
        problem = f"over the {limit:g} s limit"
    except Exception as exc:  # noqa: BLE001 - this is what we hunt
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        problem = f"raised {type(exc).__name__}: {str(exc)[:200]} at {tb.filename}:{tb.lineno}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return problem, time.perf_counter() - t0


def _replay(folder: Path) -> list[Case]:
    out = []
    for p in sorted(folder.glob("*.bin")):
        url_file = p.with_suffix(".url")
        url = url_file.read_text("utf-8", "surrogateescape") if url_file.exists() else None
        data = p.read_bytes()
        content: str | bytes = data
        if p.stem.endswith("-str"):
            content = data.decode("utf-8", "surrogatepass")
        out.append(Case(p.stem, content, url))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-n", type=int, default=500)
    ap.add_argument("--scale", type=float, default=1.0, help="shrink the huge shapes")
    ap.add_argument("--slow", type=float, default=5.0)
    ap.add_argument("--limit", type=float, default=60.0)
    ap.add_argument("--save", type=Path)
    ap.add_argument("--replay", type=Path)
    ap.add_argument("--only", help="run only the case with this name")
    ap.add_argument("--trace", action="store_true", help="with every decision recorded")
    ap.add_argument("--md", action="store_true", help="Markdown output")
    args = ap.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    options = DEFAULT_OPTIONS
    if args.trace:
        options = replace(options, trace=True)
    if args.md:
        options = replace(options, select=replace(options.select, output_format="md"))
    todo = _replay(args.replay) if args.replay else cases(args.seed, args.n, args.scale)
    kinds: Counter[str] = Counter()
    bad = 0
    slowest: list[tuple[float, str]] = []
    for case in todo:
        if args.only and case.name != args.only:
            continue
        problem, secs = run_one(case, args.limit, options)
        slowest.append((secs, case.name))
        if secs > args.slow and problem is None:
            problem = f"slow: {secs:.1f} s"
        if problem:
            bad += 1
            kinds[problem.split(":")[0]] += 1
            size = len(case.content)
            print(f"{case.name} ({type(case.content).__name__} {size:,}, url={case.url!r:.40}) "
                  f"{secs:.2f}s: {problem}", flush=True)
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                suffix = "-str" if isinstance(case.content, str) else ""
                data = (case.content.encode("utf-8", "surrogatepass")
                        if isinstance(case.content, str) else case.content)
                (args.save / f"{case.name}{suffix}.bin").write_bytes(data)
                if case.url is not None:
                    (args.save / f"{case.name}{suffix}.url").write_text(
                        case.url, "utf-8", "surrogateescape")
    slowest.sort(reverse=True)
    print(f"{bad} failing; kinds {dict(kinds)}; slowest "
          + ", ".join(f"{n} {s:.2f}s" for s, n in slowest[:5]))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
