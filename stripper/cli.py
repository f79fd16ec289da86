"""The command line: flags → Options, outcomes → output and exit codes. Nothing else.

    stripper extract PAGE.html | URL | DIR/ | - [-o out.jsonl] [--format jsonl|json|txt|md]
    stripper extract --explain PAGE.html
    stripper eval DATASET_DIR [--limit N] [--against trafilatura] [--json FILE]
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import click

from . import batch
from .errors import StripperError
from .options import DEFAULT_OPTIONS, FetchOptions, Options
from .record import Record
from .write import make_writer

FORMATS = ("jsonl", "json", "txt", "md")


class ExtractFailed(click.ClickException):
    exit_code = 1


def _options(explain: bool, fmt: str) -> Options:
    opts = DEFAULT_OPTIONS
    if explain:
        opts = replace(opts, trace=True)
    if fmt == "md":
        opts = replace(opts, select=replace(opts.select, output_format="md"))
    return opts


def _explain(record: Record) -> None:
    click.echo(f"# {record.source or record.url}")
    for d in record.trace:
        value = "" if d.value is None else f" value={d.value:g}"
        thr = "" if d.threshold is None else f" threshold={d.threshold:g}"
        text = f"  «{d.text}»" if d.text else ""
        click.echo(f"{d.stage:<9}{d.verdict:<16}{d.rule:<22}{d.node}{value}{thr}{text}")
    for field_name, src in record.metadata.sources.items():
        click.echo(f"metadata {field_name:<10} from {src.origin}: {src.raw[:80]!r}")
    for d in record.metadata.candidates:
        click.echo(f"metadata {d.node:<10} lost  {d.rule}: {d.text!r}")


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


@main.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write here instead of standard output.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: json for one page on a terminal, else jsonl).")
@click.option("--explain", is_flag=True, help="Show every keep/drop decision and its reason.")
@click.option("-j", "--jobs", type=int, default=1, show_default=True,
              help="Worker processes for many inputs.")
@fetch_flags
def extract_cmd(inputs: tuple[str, ...], output: str | None, fmt: str | None, explain: bool,
                jobs: int, fetch: FetchOptions) -> None:
    """Extract pages: files, folders (recursive), .html.gz, URLs, or - for stdin."""
    single = len(inputs) == 1 and (inputs[0] == "-" or batch.is_url(inputs[0]) or
                                   Path(inputs[0]).is_file())
    fmt = fmt or ("json" if single and output is None else "jsonl")
    opts = replace(_options(explain, fmt), fetch=fetch)
    failed = total = 0
    try:
        with make_writer(fmt, output, single=single) as writer:
            for outcome in batch.run(batch.discover(inputs), options=opts, jobs=jobs):
                total += 1
                if explain:
                    _explain(outcome.record)
                    continue
                writer.write(outcome.record)
                if not outcome.ok:
                    failed += 1
                    err = outcome.record.error
                    assert err is not None
                    click.echo(f"error: {outcome.source}: {err.kind}: {err.message}", err=True)
    except StripperError as exc:
        raise click.ClickException(str(exc)) from exc
    if total == 0:
        raise click.ClickException("no input pages found")
    if failed:
        if total > 1:
            click.echo(f"{total - failed} extracted, {failed} failed", err=True)
        sys.exit(1)


@main.command("explain")
@click.argument("page")
def explain_cmd(page: str) -> None:
    """Show why each block of PAGE was kept or dropped."""
    outcome = batch.process(next(iter(batch.discover([page]))),
                            replace(DEFAULT_OPTIONS, trace=True))
    _explain(outcome.record)


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
