"""The catalogue files are derived from kg/data/curated/ and the gazetteers by scripts/, never edited by hand."""

from __future__ import annotations

import ast
import json
import shutil
import sys

import pytest

from conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "scripts"))

import derive_catalogue  # noqa: E402
import derive_common  # noqa: E402

from kg.catalogue import CatalogueError  # noqa: E402

GAZETTEERS = SHARED / "external" / "gazetteers"
DATA = ROOT / "kg" / "data"


@pytest.mark.skipif(not GAZETTEERS.is_dir(), reason="needs ../shared/external/gazetteers")
def test_the_shipped_catalogue_is_what_the_scripts_derive():
    steps = derive_catalogue.STEPS
    if not derive_catalogue.derive_benchmarks.WORDS.exists():  # benchmarks need Debian's wamerican
        steps = tuple(s for s in steps if s != "benchmarks")
    assert derive_catalogue.differing(DATA, GAZETTEERS, derive_catalogue.derive_benchmarks.WORDS, steps) == []


def test_the_check_notices_a_hand_edit(tmp_path):
    for f in ("models.jsonl", "techniques.jsonl", "generic.txt", "closed_models.txt"):
        shutil.copy(DATA / f, tmp_path / f)
    no_gazetteers = tmp_path / "none"
    assert derive_catalogue.differing(tmp_path, no_gazetteers, tmp_path, ("models",)) == []
    with (tmp_path / "models.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"label": "Zorblax-9", "source": "team"}) + "\n")
    assert derive_catalogue.differing(tmp_path, no_gazetteers, tmp_path, ("models",)) == ["models.jsonl"]


def test_a_bad_line_names_file_and_line(tmp_path, capsys):
    path = tmp_path / "epoch_models.jsonl"
    path.write_text('{"model": "A"}\n\n{"model": "B",\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"epoch_models\.jsonl:3: not JSON"):
        derive_common.read_jsonl(path)
    # the models step checks its picks against this gazetteer: one line, no traceback, nothing written
    assert derive_catalogue.main(["--only", "models", "--data", str(tmp_path), "--gazetteers", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {path}:3: not JSON (Expecting property name enclosed in double quotes at column 16)"]
    assert not (tmp_path / "models.jsonl").exists()


def _data_literals(tree: ast.AST, docstrings: set[int]):
    """(line, size) of every string of many lines and every collection literal of many strings."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value.count("\n")
        elif isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            yield node.lineno, sum(isinstance(i, ast.Constant) and isinstance(i.value, str) for i in items)


def test_no_catalogue_entries_live_in_scripts():
    for script in sorted((ROOT / "scripts").glob("derive_*.py")):
        tree = ast.parse(script.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef)) and n.body and isinstance(n.body[0], ast.Expr)}
        big = [(line, size) for line, size in _data_literals(tree, docstrings) if size > 20]
        assert big == [], f"{script.name}: data literals at {big}"
