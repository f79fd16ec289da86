"""Regenerate or diff the golden expectations of fixtures/pages/<slug>/.

    python tests/golden/regen.py                    # every check of every fixture: status + problems
    python tests/golden/regen.py --slug listing-es --diff   # unified diff expected.txt -> body
    python tests/golden/regen.py --slug X --write   # rewrite X's expected.txt/.json from stripper
    python tests/golden/regen.py --known            # KNOWN_FAILURES skeleton for today's failures

Status per case: ``ok``, ``FAIL`` (fails and is not a known failure: a regression or a
new fixture), ``xfail`` (fails as listed in KNOWN_FAILURES) and ``XPASS`` (listed but
passes now: remove it from KNOWN_FAILURES). Exit status 1 on FAIL or XPASS.

``--write`` takes stripper's output as the new truth: only use it after reading the
diff and agreeing that stripper is right; a golden must never be weakened to pass.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from goldenlib import PAGES, checks_for, load, record, run_check, slugs
from test_pages import KNOWN_FAILURES


def status(slug: str, check: str) -> tuple[str, list[str]]:
    problems = run_check(slug, check)
    known = (slug, check) in KNOWN_FAILURES
    if problems:
        return ("xfail" if known else "FAIL"), problems
    return ("XPASS" if known else "ok"), []


def diff(slug: str) -> str:
    fx, r = load(slug), record(slug)
    return "".join(difflib.unified_diff(
        fx.text.splitlines(keepends=True), (r.body + "\n").splitlines(keepends=True),
        fromfile=f"{slug}/expected.txt", tofile=f"{slug}/stripper"))


def write(slug: str) -> None:
    fx, r = load(slug), record(slug)
    d = PAGES / slug
    (d / "expected.txt").write_text(r.body.rstrip("\n") + "\n", encoding="utf-8")
    exp = dict(fx.expected)
    for name in ("title", "author", "date", "language", "page_type"):
        if name in exp:
            value = getattr(r, name)
            exp[name] = value[:10] if name == "date" and value else value
    if "items" in exp:
        exp["items"] = [{"title": i.title, "url": i.url, "summary": i.summary,
                         "date": i.date[:10] if i.date else None} for i in r.items]
    (d / "expected.json").write_text(json.dumps(exp, ensure_ascii=False, indent=2) + "\n",
                                     encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--slug", action="append", help="only this fixture (repeatable)")
    ap.add_argument("--diff", action="store_true", help="show body diffs")
    ap.add_argument("--write", action="store_true", help="rewrite expectations from stripper")
    ap.add_argument("--known", action="store_true", help="print a KNOWN_FAILURES skeleton")
    args = ap.parse_args(argv)
    chosen = args.slug or slugs()
    bad = 0
    skeleton: list[str] = []
    for slug in chosen:
        if args.write:
            print(diff(slug) or f"{slug}: body unchanged")
            write(slug)
            continue
        for check in checks_for(slug):
            st, problems = status(slug, check)
            bad += st in ("FAIL", "XPASS")
            print(f"{st:<6} {slug}:{check}")
            for p in problems[:8]:
                print(f"         {p[:200]}")
            if problems:
                skeleton.append(f'    ({slug!r}, {check!r}): "{problems[0][:120]}",')
        if args.diff:
            print(diff(slug) or f"{slug}: body identical to expected.txt")
    if args.known:
        print("KNOWN_FAILURES = {\n" + "\n".join(skeleton) + "\n}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
