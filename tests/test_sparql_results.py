"""`mlkg sparql --format json|csv|tsv|xml` writes the W3C SPARQL 1.1 results formats with typed values."""

from __future__ import annotations

import io
import json

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.query import Result

from conftest import EXAMPLES
from kg import sparql, sparql_results
from kg.cli import cli

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


@pytest.fixture(scope="module")
def example_export(tmp_path_factory):
    from kg import job

    out = tmp_path_factory.mktemp("example-export")
    job.run([EXAMPLES], out, formats=("ttl",), processes=1)
    return out


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, ["sparql", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_json_is_sparql_results_json_with_typed_literals(example_export):
    data = json.loads(_run("top-models", "--graph", str(example_export), "--format", "json"))
    assert set(data) == {"head", "results"} and data["head"]["vars"] == ["model", "name", "papers"]
    bindings = data["results"]["bindings"]
    assert bindings
    for b in bindings:
        assert set(b) <= set(data["head"]["vars"])
        assert all(term["type"] in {"uri", "literal", "bnode"} for term in b.values())
        assert b["model"]["type"] == "uri" and b["model"]["value"].startswith("https://w3id.org/mlkg/resource/")
        assert b["papers"] == {"type": "literal", "value": b["papers"]["value"], "datatype": XSD_INTEGER}
        assert int(b["papers"]["value"]) >= 1


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_every_format_reads_back_as_the_same_rows(example_export, fmt, engine):
    text = _run("top-models", "-g", str(example_export), "-f", fmt, "--engine", engine)
    parsed = Result.parse(io.BytesIO(text.encode("utf-8")), format=fmt)
    expected = sparql.run("top-models", example_export)
    rows = [tuple(None if v is None else str(v) for v in row) for row in parsed]
    assert [str(v) for v in parsed.vars] == expected.columns
    assert rows == [tuple(row) for row in expected.rows]
    if fmt in ("json", "xml", "tsv"):  # CSV carries no datatypes, by the standard
        assert all(isinstance(row[2], rdflib.Literal) and row[2].datatype == rdflib.XSD.integer for row in parsed)


def test_table_is_plain_tsv_when_piped_and_never_wrapped(example_export):
    long_title = "paper-edges-with-evidence"
    text = _run(long_title, "-g", str(example_export), "--param", "title=a", "--format", "table")
    header, *rows = text.splitlines()
    assert header.split("\t")[:3] == ["paperTitle", "relation", "entity"]
    assert rows and all(len(row.split("\t")) == len(header.split("\t")) for row in rows)
    assert max(len(row) for row in rows) > 80  # a whole sentence on one line


def test_export_is_kept_as_an_alias_of_graph(example_export):
    assert _run("top-models", "--export", str(example_export), "-f", "csv") == \
        _run("top-models", "--graph", str(example_export), "-f", "csv")


def test_an_unknown_query_name_suggests_the_nearest(example_export):
    result = CliRunner().invoke(cli, ["sparql", "top-model", "-g", str(example_export)])
    assert result.exit_code == 2
    assert "did you mean top-models" in result.output
    with pytest.raises(sparql.QueryError, match="did you mean papers-using-technique"):
        sparql.load_query("papers-using-technqiue")


def test_serialize_refuses_an_unknown_format(example_export):
    with pytest.raises(sparql.QueryError, match="unknown results format"):
        sparql_results.serialize("top-models", example_export, fmt="yaml")
