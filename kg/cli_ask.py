"""Asking the graph from the command line: each command calls one KnowledgeGraph method (kg/query.py).

kg/cli.py adds :data:`COMMANDS` to ``mlkg``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg import predicates
from kg.cli_console import Table, _evidence_text, err, escape, out

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


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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


COMMANDS = (papers, show, top, stats, leaderboard)
