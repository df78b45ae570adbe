"""The export registry (kg/export/formats.py) is what `mlkg build --format` and write_all read."""

from __future__ import annotations

import networkx as nx
import pytest
from click.testing import CliRunner

from kg import export
from kg.cli import cli
from kg.export import formats


def test_every_format_has_a_file_and_the_help_names_it():
    result = CliRunner().invoke(cli, ["build", "--help"], terminal_width=400)
    assert result.exit_code == 0
    for name, f in formats.FORMATS.items():
        assert export.FILES[name] == f.file
        assert f"{name} ({f.description})" in " ".join(result.output.split())


def test_an_unknown_format_is_refused_before_anything_is_read(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--out", str(tmp_path / "o"), "--format", "ttl,dot"])
    assert result.exit_code == 2 and "unknown format(s) dot" in result.output
    assert not (tmp_path / "o").exists()
    with pytest.raises(ValueError, match="unknown export format 'dot'"):
        export.render(nx.MultiDiGraph(), "dot")


def test_a_registered_format_is_written_by_write_all(tmp_path, monkeypatch):
    monkeypatch.setitem(formats.FORMATS, "count", None)  # restored after the test
    formats.register("count", "kg.count", "node count")(
        lambda fh, g: fh.write(str(g.number_of_nodes()).encode()))
    g = nx.MultiDiGraph()
    g.add_node("a")
    [path] = export.write_all(g, tmp_path, formats=("count",))
    assert path.name == "kg.count" and path.read_text() == "1"
