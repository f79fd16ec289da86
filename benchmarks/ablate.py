"""What each part of the extractor contributes: mean token F1 on a WCXB-layout folder
with one part turned off at a time, everything else unchanged.

    python benchmarks/ablate.py ../shared/datasets/wcxb-dev [--limit N] [--jobs 2]

Parts are switched off from outside the library (this script patches the module
attributes named below), so the library carries no ablation flags. The table goes
into docs/algorithm.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from stripper.evaluate import PageResult, evaluate_page, iter_dataset

Patch = Callable[[], None]


def _page_type_off() -> None:
    import stripper.pipeline as pl
    from stripper.pagetype import PageTypeResult

    pl.detect_page_type = lambda tree, url=None, *a, **k: PageTypeResult("article")  # type: ignore


def _model_off() -> None:
    import functools

    import stripper.pipeline as pl

    pl.detect_page_type = functools.partial(pl.detect_page_type, use_model=False)  # type: ignore


def _cards_off() -> None:
    import stripper.selection as sel

    sel.use_cards = lambda *a, **k: False  # type: ignore


def _token_rules_off() -> None:
    import stripper.clean as cl

    cl.TOKEN_RULES = ()  # type: ignore


def _type_rules_off() -> None:
    import stripper.clean as cl

    cl.TOKEN_RULES = tuple(r for r in cl.TOKEN_RULES if not r.only_on)  # type: ignore


def _section_headings_off() -> None:
    import stripper.clean as cl

    cl._SECTION_SET = frozenset()  # type: ignore


def _phrases_off() -> None:
    import re

    import stripper.score as sc

    sc._PHRASE_SET = frozenset()  # type: ignore
    sc._PHRASE_START = re.compile(r"(?!x)x")  # type: ignore


def _with_options(**changes: dict[str, object]) -> None:
    import stripper.evaluate as ev
    import stripper.options as op
    import stripper.pipeline as pl

    new = op.DEFAULT_OPTIONS
    for part, fields in changes.items():
        new = replace(new, **{part: replace(getattr(new, part), **fields)})
    pl.extract_page.__kwdefaults__["options"] = new  # type: ignore
    pl.extract.__kwdefaults__["options"] = new  # type: ignore
    ev.run_stripper.__defaults__ = (new,)  # the harness passes its options explicitly


def _retry_off() -> None:
    _with_options(select={"retry_below_chars": 0})


def _hidden_off() -> None:
    _with_options(clean={"remove_hidden": False})


def _dedupe_off() -> None:
    _with_options(select={"dedupe_types": ()})


def _product_sections_off() -> None:
    _with_options(select={"product_section_types": ()})


def _forms_off() -> None:
    import stripper.clean as cl

    cl.TAG_RULES = tuple(r for r in cl.TAG_RULES if r.name != "forms")  # type: ignore


def _card_chrome_off() -> None:
    _with_options(select={"copy_types": ()})


def _echoes_off() -> None:
    import stripper.selection as se

    se.drop_echoes = lambda doc, kept, max_chars=0: kept  # type: ignore


def _linked_text_off() -> None:
    _with_options(select={"linked_text_words": 10**6})


def _meta_lines_off() -> None:
    _with_options(select={"meta_line_types": ()})


def _headline_drop_off() -> None:
    _with_options(select={"drop_headline_types": ()})


def _layout_cell_off() -> None:
    _with_options(select={"layout_cell_types": ()})


VARIANTS: dict[str, Patch | None] = {
    "full pipeline": None,
    "page type off (every page an article)": _page_type_off,
    "page-type model off (rules alone)": _model_off,
    "card strategy off": _cards_off,
    "class/id rules off": _token_rules_off,
    "page-type-only rules off (reviews, buy boxes)": _type_rules_off,
    "section-heading rule off": _section_headings_off,
    "boilerplate phrases off": _phrases_off,
    "conservative retry off": _retry_off,
    "hidden-element removal off": _hidden_off,
    "form removal off": _forms_off,
    "repeated-block dedupe off": _dedupe_off,
    "product description/spec sections off": _product_sections_off,
    "shop card chrome drop off": _card_chrome_off,
    "card echo drop off": _echoes_off,
    "service linked text off": _linked_text_off,
    "byline/dateline line drop off": _meta_lines_off,
    "article headline drop off": _headline_drop_off,
    "layout-table cell off": _layout_cell_off,
}

_PATCH: Patch | None = None


def _init(name: str) -> None:
    patch = VARIANTS[name]
    if patch is not None:
        patch()


def _one(task: tuple[str, str, str, tuple[str, ...]]) -> list[PageResult]:
    return evaluate_page(task)


def run(root: Path, name: str, limit: int | None, jobs: int) -> dict[str, float]:
    tasks = [(fid, str(h), str(g), ("stripper",)) for fid, h, g in iter_dataset(root, limit)]
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(name,)) as ex:
        results = [r for rs in ex.map(_one, tasks, chunksize=8) for r in rs]
    by_type: dict[str, list[float]] = {}
    for r in results:
        by_type.setdefault(r.page_type, []).append(r.f1)
    out = {"all": statistics.mean(r.f1 for r in results)}
    out.update({t: statistics.mean(v) for t, v in sorted(by_type.items())})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", action="append", default=[], metavar="TEXT",
                    help="run only the variants whose name contains TEXT (repeatable; "
                         "the full pipeline always runs)")
    args = ap.parse_args(argv)
    if not (args.dataset / "html").is_dir():
        print(f"no WCXB-layout folder at {args.dataset}", file=sys.stderr)
        return 2
    names = [n for n in VARIANTS if n == "full pipeline" or not args.only
             or any(o in n for o in args.only)]
    rows = {name: run(args.dataset, name, args.limit, args.jobs) for name in names}
    types = [k for k in rows["full pipeline"] if k != "all"]
    print("| variant | all | " + " | ".join(types) + " |")
    print("|---|---:|" + "---:|" * len(types))
    full = rows["full pipeline"]
    for name, r in rows.items():
        delta = "" if name == "full pipeline" else f" ({r['all'] - full['all']:+.3f})"
        print(f"| {name} | {r['all']:.3f}{delta} | " +
              " | ".join(f"{r[t]:.3f}" for t in types) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
