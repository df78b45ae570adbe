"""One name for one thing: every command takes the graph directory as --graph (old spellings kept)."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import EXAMPLES
from kg.cli import cli


def test_every_command_takes_graph():
    for name, command in cli.commands.items():
        options = {opt for p in command.params for opt in getattr(p, "opts", [])}
        assert "--graph" in options, name


def test_old_spellings_still_work(tmp_path):
    runner = CliRunner()
    built = runner.invoke(cli, ["build", str(EXAMPLES), "--graph", str(tmp_path / "g"), "-q", "-f", "ttl,json"])
    assert built.exit_code == 0, built.output
    new = runner.invoke(cli, ["sparql", "top-models", "--graph", str(tmp_path / "g"), "-f", "csv"])
    old = runner.invoke(cli, ["sparql", "top-models", "--export", str(tmp_path / "g"), "-f", "csv"])
    assert new.exit_code == old.exit_code == 0 and new.output == old.output
    by_option = runner.invoke(cli, ["validate", "--graph", str(tmp_path / "g")])
    by_argument = runner.invoke(cli, ["validate", str(tmp_path / "g")])
    assert by_option.exit_code == by_argument.exit_code == 0
    assert "0 violation(s)" in by_option.output and "0 violation(s)" in by_argument.output
