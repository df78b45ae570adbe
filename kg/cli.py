"""The ``mlkg`` command: each subcommand is a thin layer over the Python API."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from kg import __version__, cli_ask, cli_sparql
from kg.cli_ask import FILTER_VERBS  # noqa: F401 - kg.query.FILTERS' keys, in order (tests/test_startup.py)
from kg.cli_console import (  # noqa: F401 - re-exported: the helpers every command prints with
    EXIT_OUTPUT_BUSY, EXIT_QUERY_LIMIT, Table, _evidence_text, err, escape, out,
)
from kg.export import formats as export_formats
from kg.safe_text import printable

PROGRESS_MIN_PAPERS = 2000  # below this a build takes a couple of seconds: no bar


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [f for f in chosen if f not in export_formats.FORMATS]
    if unknown:
        raise click.BadParameter(f"unknown format(s) {printable(', '.join(unknown))}; "
                                 f"choose from {', '.join(export_formats.FORMATS)}")
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
@click.option("--out", "--graph", "-o", "-g", "out_dir", default="exports", show_default=True,
              type=click.Path(path_type=Path), help="Directory the exports are written to.")
@click.option("--format", "-f", "formats", default="ttl,json,html,nt,jsonld", show_default=True,
              help=export_formats.help_text())
@click.option("--processes", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction [default: all cores for large inputs].")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
@click.option("--store/--no-store", default=True, show_default=True,
              help="Also write the on-disk SPARQL store kg.oxigraph that `mlkg sparql` and `mlkg serve` open.")
@click.option("--update", is_flag=True,
              help="Add INPUTS to the inputs of the earlier build in --out; only new papers are extracted.")
@click.option("--cluster", default=None, metavar="tcp://HOST:8786|local:N",
              help="Extract on a Dask distributed cluster (local:N starts N local workers).")
def build(inputs: tuple[Path, ...], out_dir: Path, formats: str, processes: int | None, quiet: bool,
          store: bool, update: bool, cluster: str | None) -> None:
    """Build the graph from INPUTS and write its exports to --out.

    INPUTS are listing pages (plain text copied from Hugging Face "Daily
    Papers"), JSON or JSON Lines files of {title, abstract, ...} records, or
    directories, read recursively.  A paper seen on several pages is one node.

    \b
    Examples:
      mlkg build ../shared/seeds --out exports/
      mlkg build new-page.txt --out exports/ --update
    """
    from kg import job
    from kg.cache import UpdateError
    from kg.distributed import ClusterError
    from kg.extract import default_processes
    from kg.ingest import IngestError
    from kg.outlock import OutputBusy

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
                               on_stage=on_stage, on_progress=on_progress, store=store, update=update,
                               cluster=cluster)
    except IngestError as exc:
        for problem in exc.problems:
            err.print(f"[red]error[/red] {escape(str(problem))}")
        err.print("[red]nothing could be read; no exports were written[/red]")
        sys.exit(1)
    except OutputBusy as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        sys.exit(EXIT_OUTPUT_BUSY)
    except OSError as exc:
        err.print(f"[red]error[/red] cannot write to {escape(str(out_dir))}: {escape(str(exc.strerror or exc))}")
        sys.exit(1)
    except (UpdateError, ClusterError) as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        sys.exit(1)
    finally:
        if progress is not None:
            progress.stop()
    _report_problems(report.problems)
    if not quiet:
        _summary(report, time.perf_counter() - started)


@cli.command("html")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--graph", "-g", "graph_dir", default="exports", show_default=True, envvar="MLKG_GRAPH",
              type=click.Path(path_type=Path), help="Directory a build wrote, if DIRECTORY is not given.")
@click.option("--focus", default=None, metavar="NAME",
              help="Show only the neighbourhood of this entity (label or alias, any case or punctuation).")
@click.option("--depth", type=click.IntRange(min=0), default=2, show_default=True,
              help="Steps from the focus to include (paper → entity is one step).")
@click.option("--out", "-o", "out_path", type=click.Path(path_type=Path), default=None,
              help="Page to write [default: DIRECTORY/kg.html, or DIRECTORY/<focus>.html].")
def html(directory: Path | None, graph_dir: Path, focus: str | None, depth: int, out_path: Path | None) -> None:
    """Write the offline browser page for the graph built into DIRECTORY.

    Reads DIRECTORY/kg.json (no re-extraction).  For graphs too big to show
    whole, --focus draws one entity and everything within --depth steps.

    \b
    Example:
      mlkg html exports/ --focus "Llama 3" --depth 2 --out llama3.html
    """
    from kg.export.html import GraphPageError, write_page

    try:
        path, n_nodes, n_edges = write_page(directory or graph_dir, out=out_path, focus=focus, depth=depth)
    except GraphPageError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        sys.exit(1)
    out.print(f"wrote {escape(str(path))} ({n_nodes} nodes, {n_edges} edges)", soft_wrap=True)


@cli.command("validate")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--graph", "-g", "graph_dir", default="exports", show_default=True, envvar="MLKG_GRAPH",
              type=click.Path(path_type=Path), help="Directory a build wrote, if DIRECTORY is not given.")
@click.option("--shapes", type=click.Path(path_type=Path), default=None,
              help="SHACL shapes file [default: ontology/shapes.ttl].")
@click.option("--strict", is_flag=True, help="Fail on warnings too, not only on violations.")
@click.option("--examples", type=click.IntRange(min=0), default=5, show_default=True,
              help="Offending triples shown per problem.")
@click.option("--allow-network", is_flag=True, help="Let the parser fetch remote JSON-LD contexts; off by default.")
def validate_cmd(directory: Path | None, graph_dir: Path, shapes: Path | None, strict: bool, examples: int,
                 allow_network: bool) -> None:
    """Check the RDF export in DIRECTORY against the SHACL shapes (pySHACL).

    Reads DIRECTORY/kg.ttl (or kg.nt, kg.jsonld; or a file given directly).
    Exits 0 when the export conforms, 1 when it has violations (with
    --strict, warnings too), 2 when it cannot be read.

    \b
    Example:
      mlkg validate exports/
    """
    from kg.validate import SHAPES, ValidateError, format_report, validate

    try:
        report = validate(directory or graph_dir, shapes or SHAPES, allow_network=allow_network)
    except ValidateError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        sys.exit(2)
    for line in format_report(report, examples=examples):
        out.print(escape(line))
    if report.violations or (strict and report.warnings):
        sys.exit(1)


def _report_problems(problems) -> None:
    if not problems:
        return
    shown = 20
    for problem in problems[:shown]:
        err.print(f"[yellow]warning[/yellow] {escape(str(problem))}")
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
    out.print(f"wrote {escape(', '.join(str(p) for p in report.written))}")
    out.print(f"{seconds:.2f} s ({stages})" + (f"; {report.cached} paper(s) from the cache" if report.cached else ""))


# The other commands live by concern: asking the graph (kg/cli_ask.py) and SPARQL, serving, pushing (kg/cli_sparql.py).
for _command in (*cli_ask.COMMANDS, *cli_sparql.COMMANDS):
    cli.add_command(_command)


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
        err.print(f"[red]error[/red] {type(exc).__name__}: {escape(str(exc))}")
        err.print("(set MLKG_DEBUG=1 for the traceback)")
        sys.exit(2)


if __name__ == "__main__":
    main()
