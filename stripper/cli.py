"""The command line: flags → Options, outcomes → output and exit codes. Nothing else.

    stripper extract PAGE.html | URL | DIR/ | FILE.warc.gz | - [-i LIST] [-o OUT] [-f FORMAT]
    stripper extract --explain PAGE.html      (or: stripper explain PAGE.html)
    stripper eval DATASET_DIR [--limit N] [--against trafilatura] [--json FILE]

Exit codes of ``extract``: 0 all pages extracted (or ``--keep-going``), 1 some pages
failed or the output could not be written, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import functools
import io
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any

import click

from . import batch
from .errors import StripperError, one_line
from .options import DEFAULT_OPTIONS, FetchOptions, Options
from .record import Record
from .warc import is_warc
from .write import FORMATS, RESUMABLE, TEXT_ERRORS, Writer, make_writer, parse_fields

EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130


def _options(explain: bool, fmt: str, max_bytes: int | None = None) -> Options:
    opts = DEFAULT_OPTIONS
    if explain:
        opts = replace(opts, trace=True)
    if fmt == "md":
        opts = replace(opts, select=replace(opts.select, output_format="md"))
    if max_bytes is not None:
        opts = replace(opts, max_bytes=max_bytes)
    return opts


def _explain(record: Record) -> None:
    click.echo(f"# {record.source if record.source is not None else record.url}")
    # columns as wide as their longest entry, so long verdicts and rule names
    # ("listing+0.5 collection+0.5", "json-ld:page:datePublished") never run together
    shown = [d for d in record.trace if d.text or d.value or d.stage != "clean"]
    w_verdict = max((len(d.verdict) for d in shown), default=0) + 2
    w_rule = max((len(d.rule) for d in shown), default=0) + 2
    for d in shown:
        value = "" if d.value is None else f" value={d.value:g}"
        thr = "" if d.threshold is None else f" threshold={d.threshold:g}"
        text = f"  «{d.text}»" if d.text else ""
        click.echo(f"{d.stage:<10}{d.verdict:<{w_verdict}}{d.rule:<{w_rule}}{d.node}{value}{thr}{text}")
    for field_name, src in record.metadata.sources.items():
        click.echo(f"metadata {field_name:<10} from {src.origin}: {src.raw[:80]!r}")
    for d in record.metadata.candidates:
        click.echo(f"metadata {d.node:<10} lost  {d.rule}: {d.text!r}")
    if record.error is not None:
        click.echo(f"error    {record.error.kind}: {record.error.message}")


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_FETCH_FLAGS: tuple[Callable[[Callable[..., None]], Callable[..., None]], ...] = (
    click.option("--concurrency", type=click.IntRange(1), default=None,
                 help=f"URLs fetched at once [default: {DEFAULT_OPTIONS.fetch.concurrency}]."),
    click.option("--per-host", type=click.IntRange(1), default=None,
                 help=f"URLs fetched at once per host [default: {DEFAULT_OPTIONS.fetch.per_host}]."),
    click.option("--delay", type=click.FloatRange(0), default=None,
                 help="Minimum seconds between two requests to one host [default: 0]."),
    click.option("--ignore-robots", is_flag=True, default=False,
                 help="Do not read or obey robots.txt."),
    click.option("--user-agent", default=None, help="User-Agent header to send."),
    click.option("--timeout", type=click.FloatRange(0, min_open=True), default=None,
                 help="Total seconds per URL, retries included "
                      f"[default: {DEFAULT_OPTIONS.fetch.total_timeout:g}]."),
    click.option("--retries", type=click.IntRange(0), default=None,
                 help=f"Retries after a failed attempt [default: "
                      f"{DEFAULT_OPTIONS.fetch.max_attempts - 1}]."),
    click.option("--save-html", type=click.Path(file_okay=False), default=None,
                 help="Save each fetched page into this folder (with index.jsonl)."),
    click.option("--warc", type=click.Path(dir_okay=False), default=None,
                 help="Append fetched pages to this FILE.warc.gz."),
    click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
                 help="HTTP cache folder: unchanged pages are revalidated, not re-downloaded."),
)
_FETCH_NAMES = ("concurrency", "per_host", "delay", "ignore_robots", "user_agent", "timeout",
                "retries", "save_html", "warc", "cache_dir")


def fetch_options(base: FetchOptions = DEFAULT_OPTIONS.fetch, *, concurrency: int | None = None,
                  per_host: int | None = None, delay: float | None = None,
                  ignore_robots: bool = False, user_agent: str | None = None,
                  timeout: float | None = None, retries: int | None = None,
                  save_html: str | None = None, warc: str | None = None,
                  cache_dir: str | None = None) -> FetchOptions:
    """Fetch flags → FetchOptions; a flag left out keeps the value of ``base``."""
    opts = replace(base, respect_robots=base.respect_robots and not ignore_robots,
                   save_html=save_html or base.save_html, warc=warc or base.warc,
                   cache_dir=cache_dir or base.cache_dir, user_agent=user_agent or base.user_agent)
    if concurrency is not None:
        opts = replace(opts, concurrency=concurrency)
    if per_host is not None:
        opts = replace(opts, per_host=per_host)
    if delay is not None:
        opts = replace(opts, delay=delay)
    if retries is not None:
        opts = replace(opts, max_attempts=retries + 1)
    if timeout is not None:
        opts = replace(opts, total_timeout=timeout, connect_timeout=min(opts.connect_timeout,
                       timeout), read_timeout=min(opts.read_timeout, timeout))
    return opts


def fetch_flags(command: Callable[..., None]) -> Callable[..., None]:
    """Add the fetch flags to a command, which then receives ``fetch: FetchOptions``."""

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> None:
        flags = {name: kwargs.pop(name) for name in _FETCH_NAMES}
        command(*args, fetch=fetch_options(**flags), **kwargs)  # type: ignore[arg-type]

    for flag in reversed(_FETCH_FLAGS):
        wrapper = flag(wrapper)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="stripper")
def main() -> None:
    """stripper: strip boilerplate from web pages, keep title, author, date and body."""
    # A file name that is not UTF-8 (read with surrogate escapes) is written as its
    # "\udcXX" escape, as the file writers do (write.base.TEXT_ERRORS), instead of a
    # UnicodeEncodeError under a strict UTF-8 locale.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors=TEXT_ERRORS)


@dataclass
class Tally:
    """Counts for the progress bar and the closing summary."""

    started: float = field(default_factory=time.monotonic)
    done: int = 0
    failed: int = 0
    kinds: Counter[str] = field(default_factory=Counter)

    def add(self, record: Record) -> None:
        self.done += 1
        if record.error is not None:
            self.failed += 1
            self.kinds[record.error.kind] += 1

    def summary(self, interrupted: bool = False) -> str:
        secs = time.monotonic() - self.started
        rate = self.done / secs if secs > 0 else 0.0
        head = "interrupted after" if interrupted else "stripper:"
        text = (f"{head} {self.done} pages in {secs:.1f} s ({rate:.1f} pages/s): "
                f"{self.done - self.failed} extracted, {self.failed} failed")
        if self.kinds:
            text += " (" + ", ".join(f"{k} {n}" for k, n in self.kinds.most_common()) + ")"
        return text


class Progress:
    """A tqdm bar on standard error when it is a terminal (and not --quiet); else silent.

    The total is counted in a background thread while the run goes on, so a folder of a
    million pages starts at once and gets its ETA a little later.
    """

    def __init__(self, items: list[str], glob: str | None, enabled: bool) -> None:
        self.bar: Any = None
        if not enabled:
            return
        from tqdm import tqdm

        self.bar = tqdm(unit=" pages", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
        self._total: int | None = None
        threading.Thread(target=self._count, args=(items, glob), daemon=True).start()

    def _count(self, items: list[str], glob: str | None) -> None:
        self._total = batch.count_files(items, glob)

    def update(self, tally: Tally) -> None:
        if self.bar is None:
            return
        if self._total is not None and self.bar.total is None:
            self.bar.total = self._total
        self.bar.set_postfix(errors=tally.failed, refresh=False)
        self.bar.update(1)

    def echo(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=sys.stderr)
        else:
            click.echo(text, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _on_term(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # SIGTERM ends a run like Ctrl-C: writers close, summary prints


def _gather_items(inputs: tuple[str, ...], lists: tuple[str, ...]) -> list[str]:
    items = list(inputs)
    for name in lists:
        try:
            # surrogateescape: a list of file names in a legacy encoding names those files
            with click.open_file(name, encoding="utf-8", errors="surrogateescape") as fh:
                items.extend(batch.read_list(fh))
        except OSError as exc:
            raise click.BadParameter(f"cannot read {name}: {exc.strerror or exc}",
                                     param_hint="-i") from exc
    if not items:
        raise click.UsageError("no inputs: give files, folders, URLs, - or -i LIST")
    return items


def _is_single(items: list[str]) -> bool:
    if len(items) != 1:
        return False
    it = items[0]
    return it == "-" or batch.is_url(it) or (Path(it).is_file() and not is_warc(it))


@main.command("extract")
@click.argument("inputs", nargs=-1)
@click.option("-i", "--input-list", "lists", multiple=True, metavar="FILE",
              help="Read inputs (URLs or paths), one per line, from FILE (- for stdin).")
@click.option("-o", "--output", default=None, metavar="PATH",
              help="Write here instead of standard output (a folder for txt/md).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: json for one page on standard output, else jsonl).")
@click.option("--fields", default=None, metavar="A,B,...",
              help="Only these fields, in the order given (docs/record-schema.md).")
@click.option("--glob", default=None, metavar="PATTERN",
              help="In folders, take files matching PATTERN (default: HTML and WARC suffixes).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.option("--ordered", is_flag=True, help="Write records in input order.")
@click.option("--resume", is_flag=True,
              help="Skip sources already in the output file and append the rest.")
@click.option("--keep-going", is_flag=True, help="Exit 0 even when some pages failed.")
@click.option("--time-limit", type=click.FloatRange(min=0), default=batch.DEFAULT_TIME_LIMIT,
              show_default=True, help="Seconds per page before it is reported (0: none).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_OPTIONS.max_bytes,
              show_default=True, help="Pages larger than this are reported, not read.")
@click.option("--timings", is_flag=True,
              help="Keep per-page CPU time in stats (output then differs run to run).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, error lines or summary.")
@click.option("--explain", is_flag=True, help="Show every keep/drop decision and its reason.")
@fetch_flags
def extract_cmd(inputs: tuple[str, ...], lists: tuple[str, ...], output: str | None,
                fmt: str | None, fields: str | None, glob: str | None, jobs: int | None,
                ordered: bool, resume: bool, keep_going: bool, time_limit: float,
                max_bytes: int, timings: bool, quiet: bool, explain: bool,
                fetch: FetchOptions) -> None:
    """Extract pages: files, folders (recursive), .gz, WARC, URLs, or - for stdin.

    Every input ends in exactly one output record; failures are records with an
    "error" (source, stage, kind, message). A summary goes to standard error.
    """
    items = _gather_items(inputs, lists)
    single = _is_single(items)
    fmt = fmt or ("json" if single and output is None else "jsonl")
    try:
        columns = parse_fields(fields)
    except StripperError as exc:
        raise click.BadParameter(str(exc), param_hint="--fields") from exc
    if resume and (fmt not in RESUMABLE or output is None):
        raise click.UsageError(f"--resume needs -o and one of: {', '.join(RESUMABLE)}")
    opts = replace(_options(explain, fmt, max_bytes),
                   fetch=replace(fetch, max_body_bytes=min(fetch.max_body_bytes, max_bytes)))

    def outcomes(skip: frozenset[str] = frozenset()) -> Iterator[batch.Outcome]:
        return batch.run(batch.discover(items, glob=glob, max_bytes=max_bytes), options=opts,
                         jobs=jobs or default_jobs(), time_limit=time_limit or None,
                         ordered=ordered or single, skip=skip)

    if explain:
        for outcome in outcomes():
            _explain(outcome.record)
        return
    progress = Progress(items, glob, enabled=not quiet and sys.stderr.isatty())
    try:
        writer = make_writer(fmt, output, fields=columns, timings=timings, resume=resume,
                             single=single)
        tally = _write_all(writer, outcomes, progress, quiet)
    except StripperError as exc:
        raise click.ClickException(one_line(str(exc))) from exc
    if tally.done == 0 and not resume:
        raise click.UsageError("no input pages found")
    if tally.failed and not keep_going:
        sys.exit(EXIT_FAILED)


def _write_all(writer: Writer, outcomes: Callable[[frozenset[str]], Iterator[batch.Outcome]],
               progress: Progress, quiet: bool) -> Tally:
    """Write every outcome as it comes; on Ctrl-C/SIGTERM close the output cleanly."""
    tally = Tally()
    old_term = signal.signal(signal.SIGTERM, _on_term)
    try:
        with writer:
            for outcome in outcomes(writer.done):
                writer.write(outcome.record)
                tally.add(outcome.record)
                progress.update(tally)
                err = outcome.record.error
                if err is not None and not quiet:
                    progress.echo(f"error: {one_line(outcome.source)}: {err.kind}: {err.message}")
    except KeyboardInterrupt:
        progress.close()
        click.echo(tally.summary(interrupted=True), err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        signal.signal(signal.SIGTERM, old_term)
        progress.close()
    if not quiet and (tally.done != 1 or tally.failed):
        click.echo(tally.summary(), err=True)
    return tally


@main.command("explain")
@click.argument("page")
def explain_cmd(page: str) -> None:
    """Show why each block of PAGE was kept or dropped."""
    for inp in batch.discover([page]):
        _explain(batch.process(inp, replace(DEFAULT_OPTIONS, trace=True)).record)


@main.command("eval")
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--limit", type=int, default=None, help="Evaluate an even sample of N pages.")
@click.option("--against", "against", multiple=True, type=click.Choice(["trafilatura"]),
              help="Run another extractor on the same pages in the same run.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write per-page results and the summary here.")
@click.option("-j", "--jobs", type=int, default=None, help="Worker processes (default 2).")
def eval_cmd(dataset: Path, limit: int | None, against: tuple[str, ...],
             json_path: Path | None, jobs: int | None) -> None:
    """Score stripper (and others) on a folder in WCXB layout."""
    from . import evaluate

    if not (dataset / "html").is_dir() or not (dataset / "ground-truth").is_dir():
        raise click.ClickException(f"{dataset} is not in WCXB layout (html/, ground-truth/)")
    if against:
        try:
            __import__(against[0])
        except ImportError as exc:
            raise click.ClickException(
                f"{against[0]} is not installed: pip install -e '.[compare]'") from exc
    tools = ("stripper",) + tuple(a for a in against if a != "stripper")
    results = evaluate.evaluate(dataset, tools, limit=limit,
                                jobs=jobs or evaluate.default_jobs())
    summary = evaluate.summarise(results)
    click.echo(evaluate.format_table(summary))
    if json_path:
        evaluate.write_json(results, summary, json_path)
