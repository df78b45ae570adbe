"""The ``mlkg`` command: each subcommand is a thin layer over the Python API."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from kg import __version__, predicates
from kg.export import formats as export_formats
from kg.safe_text import printable

# Exit statuses (README, "Exit statuses"): 0 done; 1 nothing readable, unknown name, validation failed;
# 2 bad usage, query or export; 3 a query limit (--timeout, --max-rows, memory); 4 --out busy; 130 Ctrl-C.
EXIT_QUERY_LIMIT = 3
EXIT_OUTPUT_BUSY = 4


class _LazyConsole:
    """Becomes a rich Console on first use: importing rich costs more than `mlkg --help` may take."""

    def __init__(self, **options):
        self._options = options

    def __getattr__(self, name: str):
        from rich.console import Console

        options = self.__dict__.pop("_options")
        self.__class__ = Console  # from now on a plain Console, made in place
        Console.__init__(self, **options)
        return getattr(self, name)


def Table(*args, **kwargs):  # noqa: N802 - stands in for rich.table.Table, imported when first used
    from rich.table import Table as RichTable

    return RichTable(*args, **kwargs)


err = _LazyConsole(stderr=True, highlight=False, soft_wrap=True)
# Piped or redirected, tables are never wrapped to 80 columns: rows stay whole for grep, cut and less -S.
out = _LazyConsole(highlight=False, width=None if sys.stdout.isatty() else 1_000_000)

PROGRESS_MIN_PAPERS = 2000  # below this a build takes a couple of seconds: no bar


def escape(text: str) -> str:
    """Text for the console: Rich markup escaped, control characters (C0, C1) shown as ``\\xNN``."""
    from rich.markup import escape as markup_escape

    return markup_escape(printable(text))


def _evidence_text(ev) -> str:
    """': "sentence"', and the features that decided the edge when the learned decider did."""
    because = getattr(ev, "because", None) or ()
    return f': "{ev.sentence}"' + (f" (decided by {', '.join(because)})" if because else "")


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


def _query_limit_options(f):
    """--timeout, --max-rows and --allow-network (kg/query_limits.py, kg/network.py)."""
    from kg.query_limits import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

    f = click.option("--allow-network", is_flag=True,
                     help="Let the query call remote endpoints (SERVICE); off by default.")(f)
    f = click.option("--max-rows", type=click.IntRange(min=0), default=DEFAULT_MAX_ROWS, show_default=True,
                     help="Stop with exit status 3 past this many rows (0: no cap).")(f)
    return click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
                        metavar="SECONDS", help="Stop the query with exit status 3 after this long (0: no limit).")(f)


@cli.command("sparql")
@click.argument("query", required=False, metavar="FILE.rq")
@click.option("--graph", "--export", "-g", "-e", "source", default="exports", show_default=True, envvar="MLKG_GRAPH",
              type=click.Path(path_type=Path), help="Directory a build wrote (or its kg.ttl / kg.nt file).")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter the query declares; repeatable.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json", "csv", "tsv", "xml"]), default=None,
              help="table, or a SPARQL 1.1 results format [default: table on a terminal, else plain TSV].")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="SPARQL engine.")
@click.option("--list", "list_queries", is_flag=True, help="List the shipped queries and their parameters.")
@_query_limit_options
def sparql_cmd(query: str | None, source: Path, params: tuple[str, ...], fmt: str | None, engine: str,
               list_queries: bool, timeout: float, max_rows: int, allow_network: bool) -> None:
    """Run a SPARQL query file on the export and print its rows.

    FILE.rq is a path, or the name of a query shipped in queries/ (see
    --list).  A query's header declares its parameters and their defaults;
    --param NAME=VALUE binds one (always as data, never as query text).
    json, csv, tsv and xml are the standard SPARQL 1.1 results formats
    (typed literals); table output is never wrapped: piped, it is plain TSV.
    Exits 0 with the answer (even with no rows), 2 when the query, a
    parameter or the export cannot be used.

    \b
    Examples:
      mlkg sparql queries/papers-using-technique.rq --param technique=LoRA
      mlkg sparql top-models --format json
    """
    from kg import sparql, sparql_results

    try:
        if list_queries or query is None:
            _list_queries(sparql.all_queries())
            return
        q = sparql.load_query(query)
        values = {}
        for item in params:
            name, sep, value = item.partition("=")
            if not sep:
                raise sparql.QueryError(f"--param takes NAME=VALUE, not {item!r}")
            values[name.strip()] = value
        if fmt in sparql_results.FORMATS:
            click.echo(sparql_results.serialize(q, source, values, fmt, engine=engine, timeout=timeout,
                                                allow_network=allow_network), nl=False)
            return
        result = sparql.run(q, source, values, engine=engine, timeout=timeout, max_rows=max_rows,
                            allow_network=allow_network)
    except sparql.QueryError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        sys.exit(2)
    except sparql.QueryLimitError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        sys.exit(EXIT_QUERY_LIMIT)
    if out.is_terminal:
        _print_rows(q.question, result)
    else:
        _print_plain(result)


@cli.command("serve")
@click.argument("directory", default="exports", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but a loopback address exposes the graph to the network.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="0: any free port.")
@click.option("--graph", "-g", "graph_dir", default=None, type=click.Path(path_type=Path),
              help="Directory a build wrote (instead of DIRECTORY).")
def serve_cmd(directory: Path, host: str, port: int, graph_dir: Path | None) -> None:
    """Answer SPARQL 1.1 Protocol queries over HTTP on the build in DIRECTORY (read-only).

    Opens DIRECTORY/kg.oxigraph (or loads kg.ttl); the endpoint is /query.
    Updates are refused.

    \b
    Example:
      mlkg serve exports/ --port 7878
      curl 'http://127.0.0.1:7878/query' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3'
    """
    from kg import serve, sparql

    directory = graph_dir or directory

    try:
        server = serve.make_server(directory, host, port)
    except sparql.QueryError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        sys.exit(2)
    except OSError as exc:
        err.print(f"[red]error[/red] cannot listen on {escape(host)}:{port}: {escape(str(exc.strerror or exc))}")
        sys.exit(1)
    bound_host, bound_port = server.server_address[:2]
    if host not in ("127.0.0.1", "::1", "localhost"):
        err.print(f"[yellow]warning[/yellow] listening on {escape(host)}: other machines can query this graph")
    click.echo(f"serving {directory} at http://{bound_host}:{bound_port}/query (read-only; Ctrl-C stops)")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@cli.command("push")
@click.argument("url")
@click.argument("directory", default="exports", type=click.Path(path_type=Path))
@click.option("--name", "graph", default=None, metavar="IRI",
              help="Named graph to replace [default: https://w3id.org/mlkg/resource/graph/kg].")
@click.option("--user", default=None, help="User for HTTP basic authentication; the password is read from "
              "the environment variable MLKG_PUSH_PASSWORD.")
@click.option("--graph", "-g", "graph_dir", default=None, type=click.Path(path_type=Path),
              help="Directory a build wrote (instead of DIRECTORY).")
def push_cmd(url: str, directory: Path, graph: str | None, user: str | None, graph_dir: Path | None) -> None:
    """Send the build in DIRECTORY to the SPARQL 1.1 Graph Store at URL, replacing its named graph.

    Works with Fuseki (…/DATASET/data), GraphDB (…/repositories/REPO/rdf-graphs/service),
    Oxigraph (…/store), Virtuoso and QLever.

    \b
    Example:
      mlkg push http://127.0.0.1:7878/store exports/ --name https://example.org/graphs/mlkg
    """
    from kg import push

    directory = graph_dir or directory
    try:
        status, size = push.push(directory, url, graph or push.DEFAULT_GRAPH, user=user)
    except push.PushError as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}")
        sys.exit(1)
    click.echo(f"pushed {size} bytes to {url} as <{graph or push.DEFAULT_GRAPH}> (HTTP {status})")


def _list_queries(queries) -> None:
    table = Table(show_header=True, header_style="bold", title="queries/ (run one with: mlkg sparql NAME)")
    table.add_column("name", no_wrap=True)
    table.add_column("question")
    table.add_column("parameters")
    for q in queries:
        table.add_row(q.name, q.question, ", ".join(f"{p.name}={p.default}" for p in q.params))
    out.print(table)


def _print_rows(title: str, result) -> None:
    from kg.sparql import compact

    table = Table(title=escape(title) if title else None, show_header=True, header_style="bold")
    for column in result.columns:
        table.add_column(column)
    for row in result.rows:
        table.add_row(*(escape(compact(v)) for v in row))
    out.print(table)
    out.print(f"{len(result.rows)} row(s)")


_BLANKS = str.maketrans("\t\r\n", "   ")


def _print_plain(result) -> None:
    """Rows as plain tab-separated text (prefixed IRIs, tabs and line breaks as spaces): never wrapped."""
    from kg.sparql import compact

    for row in (result.columns, *([compact(v) for v in row] for row in result.rows)):
        click.echo("\t".join(v.translate(_BLANKS) if v else "" for v in row))


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


# --- asking the graph: each command calls one KnowledgeGraph method (kg/query.py)

def _graph_options(f):
    """--graph DIR and --json, shared by the commands that read a built graph."""
    f = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(f)
    return click.option("--graph", "-g", "graph_dir", default="exports", show_default=True, envvar="MLKG_GRAPH",
                        type=click.Path(path_type=Path), help="Directory a build wrote (its kg.json).")(f)


# Filter keyword → verb, from kg/data/predicates.tsv (kg.query.FILTERS' keys, in order: a test checks).
FILTER_VERBS = {**predicates.verbs(), "about": "relate in any way to"}


def _filter_options(f):
    """One repeatable option per relation: --fine-tunes, --evaluated-on, ... (see KnowledgeGraph.papers)."""
    for keyword in reversed(FILTER_VERBS):
        f = click.option(f"--{keyword.replace('_', '-')}", keyword, multiple=True, metavar="NAME",
                         help=f"Papers that {FILTER_VERBS[keyword]} NAME (repeat: any of them).")(f)
    return f


def _ask(graph_dir: Path, question):
    """Load the graph and ask it; a missing export or an unknown name is one line and exit 1."""
    import kg
    from kg.query import UnknownName

    try:
        return question(kg.load(graph_dir))
    except (FileNotFoundError, UnknownName, ValueError) as exc:
        err.print(f"[red]error[/red] {escape(exc.args[0] if isinstance(exc, LookupError) else str(exc))}")
        sys.exit(1)


def _filters(options: dict) -> dict:
    return {k: list(v) for k, v in options.items() if v}


def _print_json(value) -> None:
    import json

    data = [r.model_dump(mode="json") for r in value] if isinstance(value, list) else value.model_dump(mode="json")
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@cli.command()
@_filter_options
@click.option("--evidence", is_flag=True, help="Show the sentence behind each matching edge.")
@click.option("--same-model", is_flag=True,
              help="With --fine-tunes and --evaluated-on: the fine-tuned model itself is the one evaluated.")
@_graph_options
def papers(graph_dir: Path, as_json: bool, evidence: bool, same_model: bool, **options) -> None:
    """Papers that match every filter (KnowledgeGraph.papers).

    Names match labels and aliases in any case or punctuation; a model
    matches every variant below it.

    \b
    Example:
      mlkg papers --fine-tunes Llama-3 --evaluated-on GSM8K
    """
    found = _ask(graph_dir, lambda g: g.papers(**_filters(options), same_model=same_model))
    if as_json:
        return _print_json(found)
    if not found:
        out.print("no papers match")
        return
    table = Table(title=f"{len(found)} paper(s)", header_style="bold")
    table.add_column("date")
    table.add_column("title")
    table.add_column("why")
    for p in found:
        why = "\n".join(f"{link.relation} {link.entity}" + (_evidence_text(link.evidence[0])
                                                              if evidence and link.evidence else "")
                        for link in p.links)
        table.add_row(p.date or "", escape(p.title), escape(why))
    out.print(table)


@cli.command()
@click.argument("name")
@click.option("--type", "-t", "etype", type=click.Choice(["Model", "Benchmark", "Dataset", "Technique"],
                                                         case_sensitive=False),
              help="When several kinds of entity share NAME.")
@_graph_options
def show(name: str, etype: str | None, graph_dir: Path, as_json: bool) -> None:
    """One entity: aliases, lineage, variants, and its papers with evidence (KnowledgeGraph.entity).

    \b
    Example:
      mlkg show LoRA
    """
    e = _ask(graph_dir, lambda g: g.entity(name, type=etype))
    if as_json:
        return _print_json(e)
    out.print(f"[bold]{escape(e.label)}[/bold] ({e.type}{', family' if e.is_family else ''}"
              f"{', catalogue' if e.in_catalogue else ''})")
    for what, values in (("aliases", e.aliases), ("lineage", [" → ".join(e.lineage)] if len(e.lineage) > 1 else []),
                         ("derived from", e.derived_from), ("variants", e.variants),
                         ("same as", e.same_as), ("introduced in", [e.source] if e.source else [])):
        if values:
            out.print(f"  {what}: {escape(', '.join(values))}")
    table = Table(header_style="bold")
    for column in ("relation", "paper", "evidence"):
        table.add_column(column)
    for relation, links in e.papers.items():
        for link in links:
            table.add_row(relation, escape(link.paper), escape(link.evidence[0].sentence) if link.evidence else "")
    out.print(table)


@cli.command()
@click.argument("kind", type=click.Choice(["models", "families", "benchmarks", "datasets", "techniques"],
                                          case_sensitive=False))
@click.option("-n", "n", default=10, show_default=True, type=click.IntRange(min=1), help="How many.")
@click.option("--family", metavar="MODEL",
              help="Only papers that propose, fine-tune or evaluate a model of this family.")
@click.option("--relation", "relations", multiple=True, metavar="PREDICATE",
              help="Count only these edges (repeat), e.g. evaluatesOn [default: all but mentions].")
@_filter_options
@_graph_options
def top(kind: str, n: int, family: str | None, relations: tuple[str, ...], graph_dir: Path, as_json: bool,
        **options) -> None:
    """The entities of KIND in most papers (KnowledgeGraph.top).

    \b
    Examples:
      mlkg top models
      mlkg top benchmarks --family Qwen --relation evaluatesOn
      mlkg top techniques --uses LoRA      # what LoRA is used with
    """
    found = _ask(graph_dir, lambda g: g.top(kind.lower(), n, family=family, relations=relations or None,
                                            **_filters(options)))
    if as_json:
        return _print_json(found)
    table = Table(title=f"top {kind}" + (f" with {family}" if family else ""), header_style="bold")
    for column, justify in (("#", "right"), ("family" if kind.lower() == "families" else kind[:-1], "left"),
                            ("papers", "right")):
        table.add_column(column, justify=justify)
    for rank, s in enumerate(found, 1):
        table.add_row(str(rank), escape(s.label), str(s.papers))
    out.print(table)


@cli.command()
@_graph_options
def stats(graph_dir: Path, as_json: bool) -> None:
    """What the graph holds: nodes, edges, dates (KnowledgeGraph.stats)."""
    s = _ask(graph_dir, lambda g: g.stats())
    if as_json:
        return _print_json(s)
    table = Table(title=f"mlkg graph in {escape(str(graph_dir))}", header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in {**s.nodes, **s.edges}.items():
        table.add_row(key, str(value))
    for key in ("families", "catalogue_entities", "papers_with_entities", "papers_with_date", "evidence_sentences"):
        table.add_row(key.replace("_", " "), str(getattr(s, key)))
    out.print(table)
    if s.first_date:
        out.print(f"dated papers from {s.first_date} to {s.last_date}")
    for kind, (found, of) in s.with_hub_id.items():
        out.print(f"{found} of the {of} {kind} in most papers have a Hugging Face id")


@cli.command()
@click.argument("data", metavar="BENCHMARK")
@click.option("--model", metavar="NAME", help="Only this model or family (with all its variants).")
@click.option("-n", "n", default=20, show_default=True, type=click.IntRange(min=1), help="How many.")
@_graph_options
def leaderboard(data: str, model: str | None, n: int, graph_dir: Path, as_json: bool) -> None:
    """Stated results on a benchmark, best first within each metric (KnowledgeGraph.leaderboard).

    \b
    Example:
      mlkg leaderboard GSM8K --model Llama
    """
    rows = _ask(graph_dir, lambda g: g.leaderboard(data, model=model))[:n]
    if as_json:
        return _print_json(rows)
    if not rows:
        out.print(f"no stated results on {escape(data)}")
        return
    table = Table(title=f"{escape(data)}: {len(rows)} result(s)", header_style="bold")
    for column in ("metric", "value", "model", "paper", "date"):
        table.add_column(column)
    for r in rows:
        table.add_row(r.metric or "", escape(r.value or ""), escape(r.model), escape(r.paper), r.date or "")
    out.print(table)


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
