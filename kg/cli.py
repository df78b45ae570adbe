"""The ``mlkg`` command: each subcommand is a thin layer over the Python API."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from kg import __version__

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False)

PROGRESS_MIN_PAPERS = 2000  # below this a build takes a couple of seconds: no bar


def _formats(value: str) -> tuple[str, ...]:
    from kg.export import FILES

    chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [f for f in chosen if f not in FILES]
    if unknown:
        raise click.BadParameter(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FILES)}")
    return chosen


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mlkg")
def cli() -> None:
    """mlkg: a knowledge graph of ML papers, models, benchmarks, datasets and techniques.

    Build it from listing pages with `mlkg build`, then query it from Python
    (`kg.load`), with SPARQL over the Turtle export, or in a browser (kg.html).
    """


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "-o", "out_dir", default="exports", show_default=True, type=click.Path(path_type=Path),
              help="Directory the exports are written to.")
@click.option("--format", "-f", "formats", default="ttl,json,html,nt,jsonld", show_default=True,
              help="Comma-separated exports: ttl, nt, jsonld, json, html.")
@click.option("--processes", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction [default: all cores for large inputs].")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
def build(inputs: tuple[Path, ...], out_dir: Path, formats: str, processes: int | None, quiet: bool) -> None:
    """Build the graph from INPUTS and write its exports to --out.

    INPUTS are listing pages (plain text copied from Hugging Face "Daily
    Papers"), JSON or JSON Lines files of {title, abstract, ...} records, or
    directories, read recursively.  A paper seen on several pages is one node.

    \b
    Example:
      mlkg build ../shared/seeds --out exports/
    """
    from kg import job
    from kg.extract import default_processes
    from kg.ingest import IngestError

    chosen = _formats(formats)
    started = time.perf_counter()
    progress = None
    task = None

    def on_stage(stage: str, total: int) -> None:
        nonlocal progress, task
        if quiet or total < PROGRESS_MIN_PAPERS:
            return
        from rich.progress import Progress

        progress = Progress(console=err, transient=True)
        progress.start()
        task = progress.add_task(f"{stage}ing {total} papers", total=total)

    def on_progress(n: int) -> None:
        if progress is not None:
            progress.advance(task, n)

    try:
        report = job.run(list(inputs), out_dir, chosen,
                               processes=processes or default_processes(),
                               on_stage=on_stage, on_progress=on_progress)
    except IngestError as exc:
        for problem in exc.problems:
            err.print(f"[red]error[/red] {problem}")
        err.print("[red]nothing could be read; no exports were written[/red]")
        sys.exit(1)
    except OSError as exc:
        err.print(f"[red]error[/red] cannot write to {out_dir}: {exc.strerror or exc}")
        sys.exit(1)
    finally:
        if progress is not None:
            progress.stop()
    _report_problems(report.problems)
    if not quiet:
        _summary(report, time.perf_counter() - started)


def _report_problems(problems) -> None:
    if not problems:
        return
    shown = 20
    for problem in problems[:shown]:
        err.print(f"[yellow]warning[/yellow] {problem}")
    if len(problems) > shown:
        err.print(f"[yellow]… and {len(problems) - shown} more[/yellow]")
    err.print(f"[yellow]{len(problems)} problem(s): the entries named above were skipped[/yellow]")


def _summary(report, seconds: float) -> None:
    from kg.query import KnowledgeGraph

    counts = KnowledgeGraph(report.graph).counts()
    table = Table(title=f"mlkg build: {report.files_read} file(s), {report.entries_read} entries",
                  show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    out.print(table)
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in report.timings.items())
    out.print(f"wrote {', '.join(str(p) for p in report.written)}")
    out.print(f"{seconds:.2f} s ({stages})")


def main() -> None:
    """Entry point: clean messages, not tracebacks, unless MLKG_DEBUG is set."""
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        err.print("interrupted; exports written before this run are unchanged")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        if os.environ.get("MLKG_DEBUG"):
            raise
        err.print(f"[red]error[/red] {type(exc).__name__}: {exc}")
        err.print("(set MLKG_DEBUG=1 for the traceback)")
        sys.exit(2)


if __name__ == "__main__":
    main()
