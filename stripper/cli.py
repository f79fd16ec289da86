"""The command line: flags → Options, outcomes → output and exit codes. Nothing else.

    stripper extract PAGE.html | URL | DIR/ | - [-o out.jsonl] [--format jsonl|json|txt|md]
    stripper extract --explain PAGE.html
    stripper eval DATASET_DIR [--limit N] [--against trafilatura] [--json FILE]
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from . import batch
from .errors import StripperError
from .options import DEFAULT_OPTIONS, Options
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
def extract_cmd(inputs: tuple[str, ...], output: str | None, fmt: str | None, explain: bool,
                jobs: int) -> None:
    """Extract pages: files, folders (recursive), .html.gz, URLs, or - for stdin."""
    single = len(inputs) == 1 and (inputs[0] == "-" or batch.is_url(inputs[0]) or
                                   Path(inputs[0]).is_file())
    fmt = fmt or ("json" if single and output is None else "jsonl")
    opts = _options(explain, fmt)
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
