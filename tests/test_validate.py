"""SHACL validation: the seeds export conforms; a deliberately broken graph shows each violation readably."""

from __future__ import annotations

import rdflib
from click.testing import CliRunner

from kg.cli import cli
from kg.graph import entity_iri, paper_iri
from kg.validate import format_report, validate

from test_rdf import DCTERMS, FABIO, MLKG, RDF, XSD, seeds_graph, tiny_rdf

PAPER = rdflib.URIRef(paper_iri("arxiv-2305.14314"))
OTHER_PAPER = rdflib.URIRef(paper_iri("t-0001"))
LLAMA, LLAMA2, LORA, GSM8K = (rdflib.URIRef(entity_iri(k)) for k in ("llama", "llama-2", "lora", "gsm8k"))


def test_seeds_export_conforms_to_the_shapes(seeds_build):
    report = validate(seeds_graph(seeds_build))
    assert report.conforms, "\n".join(format_report(report))
    assert report.triples > 50_000


def test_the_tiny_graph_conforms_without_warnings():
    report = validate(tiny_rdf())
    assert report.findings == [], "\n".join(format_report(report))


def broken_graph() -> rdflib.Graph:
    """The tiny export with one mistake of each kind the shapes are there to catch."""
    g = tiny_rdf()
    evidence = sorted(g.subjects(RDF.subject, PAPER))
    g.remove((OTHER_PAPER, DCTERMS.title, None))                                   # no title
    g.set((PAPER, MLKG.authorCount, rdflib.Literal("four")))                       # wrong datatype
    g.set((OTHER_PAPER, DCTERMS.date, rdflib.Literal("--07-18", datatype=XSD.date)))  # ill-typed date
    g.add((PAPER, MLKG.trainsOn, GSM8K))                                           # edge without evidence
    g.set((evidence[0], RDF.object, LORA))                                         # evidence of no edge
    g.add((evidence[1], MLKG.fineTunes, LLAMA2))                                   # relation on evidence
    g.set((evidence[2], MLKG.confidence, rdflib.Literal("1.5", datatype=XSD.decimal)))  # out of range
    g.add((LORA, DCTERMS.title, rdflib.Literal("LoRA")))                           # title on an entity
    g.add((LLAMA, MLKG.variantOf, LLAMA2))                                         # lineage cycle
    g.add((PAPER, FABIO.hasArXivID, rdflib.Literal("2305.14314")))                 # misspelt term
    g.add((OTHER_PAPER, MLKG.evaluates, LORA))                                     # wrong kind: a warning
    return g


def test_a_broken_graph_shows_each_violation():
    report = validate(broken_graph())
    assert not report.conforms
    found = {(f.severity, f.message, f.where()) for f in report.findings}

    def seen(severity: str, message: str, where: str) -> bool:
        return any(s == severity and message in m and where in w for s, m, w in found)

    expected = [
        ("violation", "exactly one non-empty dcterms:title", "paper:t-0001"),
        ("violation", "mlkg:authorCount is at most one non-negative xsd:integer", '"four"'),
        ("violation", "an xsd:date or (no year) an xsd:gMonthDay", "paper:t-0001 dcterms:date"),
        ("violation", "a paper edge has no evidence resource restating it",
         "paper:arxiv-2305.14314 mlkg:trainsOn entity:gsm8k"),
        ("violation", "evidence restates an edge the export does not contain", "evidence:arxiv-2305.14314-1"),
        ("violation", "the same entity as its rdf:object", "evidence:arxiv-2305.14314-1"),
        ("violation", "only a mlkg:Paper may be the subject of the seven paper relations",
         "evidence:arxiv-2305.14314-2"),
        ("violation", "mlkg:confidence, an xsd:decimal from 0 to 1", '"1.5"'),
        ("violation", "only a mlkg:Paper may have a dcterms:title", "entity:lora"),
        ("violation", "lineage leads back to itself", "entity:llama"),
        ("violation", "term not declared by the ontology", "fabio:hasArXivID"),
        ("warning", "mlkg:evaluates should link a paper to a Model", "paper:t-0001 mlkg:evaluates entity:lora"),
    ]
    missing = [e for e in expected if not seen(*e)]
    assert not missing, "\n".join(format_report(report, examples=20))


def test_the_report_reads_as_grouped_lines():
    lines = format_report(validate(broken_graph()), examples=1)
    assert lines[0].startswith("graph: ") and "violation(s)" in lines[0] and "1 warning(s)" in lines[0]
    header = lines.index("violation: a paper edge has no evidence resource restating it (4)")
    assert lines[header + 1].startswith("    paper:") and lines[header + 2] == "    … and 3 more"
    warnings = [i for i, line in enumerate(lines) if line.startswith("warning:")]
    assert warnings and all(not line.startswith("violation:") for line in lines[warnings[0]:])


def test_validate_command_exit_status(tmp_path):
    good, bad, garbled = tmp_path / "good", tmp_path / "bad", tmp_path / "garbled"
    for d in (good, bad, garbled):
        d.mkdir()
    tiny_rdf().serialize(good / "kg.ttl", format="turtle")
    broken_graph().serialize(bad / "kg.ttl", format="turtle")
    (garbled / "kg.ttl").write_text("this is not turtle", encoding="utf-8")
    runner = CliRunner()

    ok = runner.invoke(cli, ["validate", str(good)])
    assert ok.exit_code == 0 and "0 violation(s), 0 warning(s)" in ok.output

    failed = runner.invoke(cli, ["validate", str(bad)])
    assert failed.exit_code == 1
    assert "violation: a paper edge has no evidence resource restating it (4)" in failed.output

    for args in (["validate", str(tmp_path / "missing")], ["validate", str(garbled)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, result.output
        assert result.output.startswith("error ") and len(result.output.strip().splitlines()) == 1
        assert "Traceback" not in result.output


def test_strict_fails_on_warnings(tmp_path):
    g = tiny_rdf()
    g.set((GSM8K, RDF.type, MLKG.Technique))  # well formed, but a paper now "evaluates on" a technique
    g.serialize(tmp_path / "kg.ttl", format="turtle")
    lenient = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    strict = CliRunner().invoke(cli, ["validate", str(tmp_path), "--strict"])
    assert lenient.exit_code == 0, lenient.output
    assert "warning: mlkg:evaluatesOn should link a paper to a Benchmark or Dataset (1)" in lenient.output
    assert strict.exit_code == 1
