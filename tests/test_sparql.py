"""The competency queries of queries/: same rows under pyoxigraph and rdflib, expected answers, safe parameters.

Expected answers are facts the seed abstracts state plainly (Bone fine-tunes
LLaMA2-7B and validates on GSM8k; U-PaLM continues training PaLM and reports
MMLU), checked by membership, not by totals, since extraction keeps improving.
"""

from __future__ import annotations

import json
import re
import shlex

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg import sparql
from kg.cli import cli
from kg.export import rdf

from conftest import ROOT
from test_rdf import parsed, tiny_graph

QUERIES = {q.name: q for q in sparql.all_queries()}
ENTITY = "https://w3id.org/mlkg/resource/entity/"


@pytest.fixture(scope="module")
def engines(seeds_build):
    """The seeds export loaded once in each engine."""
    out, _ = seeds_build
    return {"oxigraph": sparql.load_export(out, "oxigraph"), "rdflib": parsed(str(out / "kg.ttl"))}


@pytest.fixture(scope="module")
def names(engines):
    """Every name (label and aliases, lower case) of every node: answers are checked by name, not by IRI."""
    g = engines["rdflib"]
    out: dict[str, set[str]] = {}
    for s, o in g.subject_objects(rdflib.RDFS.label | rdflib.SKOS.altLabel):
        out.setdefault(str(s), set()).add(str(o).lower())
    return out


def answers(engines, name: str, **values) -> list[dict]:
    return sparql.run(QUERIES[name], engines["oxigraph"], values).as_dicts()


def has(rows, column: str, wanted: str, names=None, **also) -> bool:
    """Some row's ``column`` is ``wanted`` (or contains it, for titles; or is an entity so named)."""
    for row in rows:
        value = row[column] or ""
        hit = (wanted.lower() in value.lower()) if names is None else (wanted.lower() in names.get(value, ()))
        if hit and all(row[k] == v for k, v in also.items()):
            return True
    return False


# What each query must find in the seeds.  Every query in queries/ needs an entry.
EXPECTED = {
    "papers-fine-tuning-family-on-benchmark": lambda r, n: has(r, "title", "Bone: Block Affine Transformation"),
    "models-evaluated-on-benchmark": lambda r, n: has(r, "model", "PaLM", n),
    "benchmarks-of-family": lambda r, n: has(r, "benchmark", "GSM8K", n),
    "techniques-used-with": lambda r, n: has(r, "other", "Explained Variance Adaptation", n),
    "papers-proposing-benchmarks": lambda r, n: has(r, "title", "CFDBench") and has(r, "benchmark", "CFDBench", n),
    "lineage-of-model": lambda r, n: has(r, "ancestor", "Llama 2", n, steps="1") and has(r, "ancestor", "Llama", n),
    "paper-edges-with-evidence": lambda r, n: has(r, "name", "Mistral-7B") and has(r, "sentence", "based on the Mistral-7B"),
    "techniques-per-month": lambda r, n: has(r, "technique", "instruction tuning", n, month="2022-05"),
    "datasets-training-family": lambda r, n: has(r, "dataset", "MetaMathQA", n),
    "models-introduced-and-fine-tuned-by-others": lambda r, n: has(r, "introducedIn", "PaLM: Scaling Language Modeling")
    and has(r, "model", "PaLM", n),
    "top-models": lambda r, n: has(r, "model", "GPT-4", n),
    "papers-using-technique": lambda r, n: has(r, "title", "Efficient Training of Efficient GANs"),
    "top-model-families": lambda r, n: has(r, "family", "Llama", n) and has(r, "family", "GPT", n),
    "entity-by-name": lambda r, n: has(r, "alias", "reinforcement learning from human feedback", type="Technique"),
    "leaderboard": lambda r, n: has(r, "title", "Bone: Block Affine Transformation") and has(r, "value", "49.36"),
    "papers-fine-tuning-family-evaluated-on-benchmark": lambda r, n: has(r, "title", "Bone: Block Affine"),
}


def test_there_are_at_least_twelve_queries_each_with_an_expected_answer():
    assert len(QUERIES) >= 12
    assert set(QUERIES) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_header_states_the_question_and_binds_its_defaults(name):
    q = QUERIES[name]
    assert len(q.question) > 20 and q.question.endswith("?"), "the header starts with the question in words"
    for p in q.params:
        assert f"VALUES ?{p.name} {{ {p.default} }}" in q.text, "the body binds the header's default"
    assert sparql.bind(q) == q.text


# Queries rdflib cannot answer on the seeds in reasonable time (its zero-or-more path after the
# experiment joins runs for minutes); their Python-API agreement is tested in test_experiments_sparql.py.
OXIGRAPH_ONLY = {"papers-fine-tuning-family-evaluated-on-benchmark"}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_gives_the_same_rows_in_both_engines_and_the_expected_answer(engines, names, name):
    q = QUERIES[name]
    text = sparql.bind(q)
    by_ox = sparql.select(engines["oxigraph"], text)
    if name not in OXIGRAPH_ONLY:
        by_rdflib = sparql.select(engines["rdflib"], text)
        assert by_ox.columns == by_rdflib.columns
        assert sorted(by_ox.rows, key=repr) == sorted(by_rdflib.rows, key=repr)
    assert by_ox.rows, f"{name} found nothing in the seeds"
    assert EXPECTED[name](by_ox.as_dicts(), names), f"{name}: expected answer missing from {by_ox.rows[:10]}"


def test_parameters_change_the_answer(engines, names):
    default = answers(engines, "lineage-of-model")
    other = answers(engines, "lineage-of-model", model="llama-3.1-405b-instruct")
    assert other != default
    assert has(other, "ancestor", "Llama 3.1", names) and has(other, "ancestor", "Llama", names)
    assert answers(engines, "papers-using-technique", technique="no such technique") == []


# --------------------------------------------------------------------------- parameters are data


PARAM_QUERY = sparql.parse_query('# What is the value?\n# param: v = "x"\nSELECT ?v WHERE { VALUES ?v { "x" } }')


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
@example("\\U0000")  # rdflib expands \uXXXX across the query text before it parses: found by this test
@example("a\\u0041\\\\U00000055")
def test_any_text_reaches_the_query_as_the_same_string(value):
    """Quotes, braces, backslashes, newlines, '#': a parameter is always one literal, never query syntax."""
    text = sparql.bind(PARAM_QUERY, {"v": value})
    for store in (ox.Store(), rdflib.Graph()):
        assert sparql.select(store, text).rows == [(value,)]


def test_an_injection_attempt_stays_a_literal(engines):
    attack = '"} } SELECT ?s WHERE { ?s ?p ?o } #'
    assert answers(engines, "papers-using-technique", technique=attack) == []
    assert sparql.select(ox.Store(), sparql.bind(PARAM_QUERY, {"v": attack})).rows == [(attack,)]


def test_unknown_parameter_and_bad_integer_are_refused():
    with pytest.raises(sparql.QueryError, match="unknown parameter 'famly'.*takes: family, benchmark"):
        sparql.bind(QUERIES["papers-fine-tuning-family-on-benchmark"], {"famly": "Llama"})
    q = sparql.parse_query("# How many?\n# param: n = 3\nSELECT ?n WHERE { VALUES ?n { 3 } }")
    assert sparql.select(ox.Store(), sparql.bind(q, {"n": "12"})).rows == [("12",)]
    with pytest.raises(sparql.QueryError, match="takes an integer"):
        sparql.bind(q, {"n": "3 } ?x"})


def test_a_declared_parameter_without_values_clause_is_refused():
    with pytest.raises(sparql.QueryError, match="needs exactly one 'VALUES \\?x"):
        sparql.parse_query('# Q?\n# param: x = "a"\nSELECT * WHERE { ?s ?p ?o }')


# --------------------------------------------------------------------------- the command


def test_cli_prints_a_table_csv_and_json(seeds_build):
    out, _ = seeds_build
    runner = CliRunner()
    table = runner.invoke(cli, ["sparql", "queries/papers-fine-tuning-family-on-benchmark.rq", "--export", str(out),
                                "--param", "family=llama", "--param", "benchmark=gsm8k"])
    assert table.exit_code == 0, table.output
    header, *rows = table.output.splitlines()  # not a terminal: plain tab-separated rows, never wrapped
    assert header.split("\t") == ["paper", "title", "model", "benchmarkName"]
    assert any("Bone: Block Affine" in row.split("\t")[1] for row in rows)
    as_csv = runner.invoke(cli, ["sparql", "lineage-of-model", "-e", str(out), "-f", "csv"])
    assert as_csv.exit_code == 0 and as_csv.output.splitlines()[0] == "start,ancestor,name,steps"
    as_json = runner.invoke(cli, ["sparql", "top-models.rq", "-e", str(out), "-f", "json"])
    assert as_json.exit_code == 0
    assert any(b["name"]["value"] == "GPT-4" for b in json.loads(as_json.output)["results"]["bindings"])
    listing = runner.invoke(cli, ["sparql", "--list"])
    assert listing.exit_code == 0 and "papers-using-technique" in listing.output


def test_cli_runs_on_rdflib_too(tmp_path):
    (tmp_path / "kg.nt").write_bytes(rdf.serialize(tiny_graph(), "nt"))
    result = CliRunner().invoke(cli, ["sparql", "lineage-of-model", "-e", str(tmp_path / "kg.nt"),
                                      "--param", "model=llama2", "--engine", "rdflib", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        "https://w3id.org/mlkg/resource/entity/llama-2,https://w3id.org/mlkg/resource/entity/llama,Llama,1"]


@pytest.mark.parametrize("args, message", [
    (["sparql", "top-models", "-e", "/nonexistent/exports"], "no export at /nonexistent/exports"),
    (["sparql", "no-such-query.rq"], "no query file no-such-query.rq"),
    (["sparql", "lineage-of-model", "--param", "modle=x"], "unknown parameter 'modle'"),
    (["sparql", "lineage-of-model", "--param", "model"], "--param takes NAME=VALUE"),
])
def test_cli_errors_are_one_line_and_exit_non_zero(seeds_build, args, message):
    out, _ = seeds_build
    if "-e" not in args:
        args = [*args, "-e", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_cli_reports_a_syntax_error_in_a_query_file(seeds_build, tmp_path):
    out, _ = seeds_build
    bad = tmp_path / "bad.rq"
    bad.write_text("# Broken?\nSELECT ?x WHERE { ?x ", encoding="utf-8")
    result = CliRunner().invoke(cli, ["sparql", str(bad), "-e", str(out)])
    assert result.exit_code == 2
    assert re.search(r"SPARQL syntax error", result.output) and "Traceback" not in result.output


# --------------------------------------------------------------------------- the README


def test_readme_shows_queries_as_they_are_in_queries_dir():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"```sparql\n(.*?)```", readme, re.S)
    assert len(shown) >= 2
    files = {p.read_text(encoding="utf-8") for p in (ROOT / "queries").glob("*.rq")}
    for text in shown:
        assert text in files, text.splitlines()[0]


# The README's sparql commands run on the sample with the other README examples: tests/test_readme_examples.py.
