"""Catalogue files are plain JSONL: every line is a JSON object, and a bad line is a one-line error with file and line."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from kg import catalogue
from kg.catalogue import CatalogueError

SHIPPED = sorted((ROOT / "kg" / "data").rglob("*.jsonl"))


def test_the_catalogue_files_are_shipped():
    names = {p.name for p in SHIPPED}
    assert {"models.jsonl", "benchmarks.jsonl", "datasets.jsonl", "techniques.jsonl", "external_ids.jsonl"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_line_is_a_json_object(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines
    for number, line in enumerate(lines, start=1):
        assert isinstance(json.loads(line), dict), f"{path}:{number}"


@pytest.mark.parametrize("bad,why", [
    ('// my own models\n', "comment line"),
    ('{"label": "Zeta-1",}\n', "not JSON"),
    ('["Zeta-1"]\n', "expected a JSON object"),
    ('{"aliases": ["Z1"]}\n', "label"),
    ('{"label": "Zeta-1", "aliases": "Z1"}\n', "aliases"),
])
def test_a_bad_line_in_a_custom_catalogue_names_file_and_line(tmp_path, bad, why):
    good = json.dumps({"label": "Quill-2", "aliases": ["Quill Two"]}) + "\n"
    (tmp_path / "models.jsonl").write_text(good + "\n" + bad + good.replace("Quill", "Reed"), encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        catalogue.load(tmp_path)
    message = str(info.value)
    assert message.startswith(f"{tmp_path / 'models.jsonl'}:3: ")
    assert why in message and "\n" not in message


def test_a_custom_catalogue_of_plain_lines_loads(tmp_path):
    rows = [{"label": "Quill", "cased": True}, {"label": "Quill-2", "variant_of": "Quill", "aliases": ["Q2"]}]
    (tmp_path / "models.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    cat = catalogue.load(tmp_path)
    assert cat.lookup("Q2").label == "Quill-2"
    assert [e.label for e in cat.lineage(cat.lookup("Q2").id)] == ["Quill-2", "Quill"]
