"""``mlkg sparql``, ``mlkg serve`` and ``mlkg push``: the RDF side of the command line (kg/cli.py adds them)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli_console import EXIT_QUERY_LIMIT, Table, err, escape, out

def _query_limit_options(f):
    """--timeout, --max-rows and --allow-network (kg/query_limits.py, kg/network.py)."""
    from kg.query_limits import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

    f = click.option("--allow-network", is_flag=True,
                     help="Let the query call remote endpoints (SERVICE); off by default.")(f)
    f = click.option("--max-rows", type=click.IntRange(min=0), default=DEFAULT_MAX_ROWS, show_default=True,
                     help="Stop with exit status 3 past this many rows (0: no cap).")(f)
    return click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
                        metavar="SECONDS", help="Stop the query with exit status 3 after this long (0: no limit).")(f)


@click.command("sparql")
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


@click.command("serve")
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


@click.command("push")
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


COMMANDS = (sparql_cmd, serve_cmd, push_cmd)
