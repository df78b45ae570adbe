"""`mlkg papers | show | top | stats`: thin layers over the query API, on the hand-made graph."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.export import jsongraph
from kg.query import example_graph


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("example-graph")
    (out / "kg.json").write_text(jsongraph.dumps(example_graph().nx), encoding="utf-8")
    return out


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def shows(output: str, text: str) -> bool:
    """The words of text appear in order in output, whatever cells the table wrapped them into."""
    words = iter(output.split())
    return all(any(w in seen for seen in words) for w in text.split())


def test_papers_table(graph_dir):
    result = run("papers", "--fine-tunes", "Llama-3", "--evaluated-on", "GSM8K", "-g", str(graph_dir))
    assert result.exit_code == 0, result.output
    assert "Math reasoning with LoRA" in result.output and "fineTunes Llama-3-8B-Instruct" in result.output
    assert "Qwen" not in result.output


def test_papers_json_matches_the_api(graph_dir):
    result = run("papers", "--uses", "lora", "--uses", "DPO", "--json", "-g", str(graph_dir))
    assert result.exit_code == 0
    data = json.loads(result.output)
    expected = example_graph().papers(uses=["lora", "DPO"])
    assert data == [p.model_dump(mode="json") for p in expected]


def test_papers_with_evidence_and_with_no_match(graph_dir):
    result = run("papers", "--trains-on", "MetaMathQA", "--evidence", "-g", str(graph_dir))
    assert shows(result.output, "We fine-tune Llama-3-8B-Instruct with LoRA on MetaMathQA.")
    result = run("papers", "--fine-tunes", "Qwen", "--evaluated-on", "MATH", "-g", str(graph_dir))
    assert result.exit_code == 0 and "no papers match" in result.output


def test_show(graph_dir):
    result = run("show", "LoRA", "-g", str(graph_dir))
    assert result.exit_code == 0
    for text in ("LoRA", "Technique", "Low-Rank Adaptation", "usesTechnique", "Qwen learns to code",
                 "We fine-tune Qwen2.5-7B with DPO and LoRA."):
        assert shows(result.output, text), text
    lineage = run("show", "llama 3 8b instruct", "-g", str(graph_dir)).output
    assert "Llama-3-8B-Instruct → Llama-3-8B → Llama-3 → Llama" in lineage
    data = json.loads(run("show", "Vicuna", "--json", "-g", str(graph_dir)).output)
    assert data["derived_from"] == ["Llama"] and data["papers"]["fineTunes"][0]["paper"] == "Chatting with Vicuna"


def test_top(graph_dir):
    result = run("top", "benchmarks", "--family", "Qwen", "-g", str(graph_dir))
    assert result.exit_code == 0 and "HumanEval" in result.output
    data = json.loads(run("top", "techniques", "--uses", "LoRA", "--json", "-g", str(graph_dir)).output)
    assert [(r["label"], r["papers"]) for r in data] == [("DPO", 1)]
    data = json.loads(run("top", "models", "-n", "1", "--json", "-g", str(graph_dir)).output)
    assert len(data) == 1
    data = json.loads(run("top", "families", "--json", "-g", str(graph_dir)).output)
    assert [(r["label"], r["papers"]) for r in data] == [("Llama", 3), ("Qwen", 2)]
    data = json.loads(run("top", "techniques", "--relation", "mentions", "--json", "-g", str(graph_dir)).output)
    assert [r["label"] for r in data] == ["LoRA"]


def test_unknown_relation_is_one_line(graph_dir):
    result = CliRunner().invoke(cli, ["top", "models", "--relation", "cites", "-g", str(graph_dir)])
    assert result.exit_code == 1 and "unknown relation(s) cites" in result.output


def test_a_name_that_looks_like_markup_is_printed_as_written(graph_dir):
    result = CliRunner().invoke(cli, ["show", "[bold]x", "-g", str(graph_dir)])
    assert result.exit_code == 1 and "'[bold]x'" in result.output


def test_stats(graph_dir):
    result = run("stats", "-g", str(graph_dir))
    assert result.exit_code == 0 and "Paper" in result.output and "variantOf" in result.output
    assert json.loads(run("stats", "--json", "-g", str(graph_dir)).output)["nodes"]["Paper"] == 5


def test_graph_directory_from_the_environment(graph_dir):
    result = CliRunner().invoke(cli, ["stats", "--json"], env={"MLKG_GRAPH": str(graph_dir)})
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("args, message", [
    (["papers", "--fine-tunes", "Lama-3"], "no entity named 'Lama-3'; closest: Llama-3"),
    (["show", "GSM-9K"], "closest: GSM8K"),
    (["top", "benchmarks", "--family", "Qwon"], "closest: Qwen"),
])
def test_unknown_name_is_one_line_and_exit_1(graph_dir, args, message):
    result = CliRunner().invoke(cli, [*args, "-g", str(graph_dir)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [["papers"], ["show", "LoRA"], ["top", "models"], ["stats"]])
def test_missing_export_is_one_line_and_exit_1(tmp_path, command):
    result = CliRunner().invoke(cli, [*command, "-g", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no graph at" in result.output and "mlkg build" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_file_that_is_not_a_graph_is_one_line(tmp_path):
    (tmp_path / "kg.json").write_text("{}")
    result = CliRunner().invoke(cli, ["stats", "-g", str(tmp_path)])
    assert result.exit_code == 1 and "not an mlkg graph" in result.output
