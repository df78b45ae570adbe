"""The command line: help, summaries, and clear errors for bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg.cli import cli

from conftest import EXAMPLES


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"]])
def test_help_is_available(args):
    result = run(*args)
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_build_examples_prints_a_summary(tmp_path):
    result = run("build", str(EXAMPLES), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Paper" in result.output and "fineTunes" in result.output
    assert (tmp_path / "kg.ttl").exists() and (tmp_path / "kg.json").exists() and (tmp_path / "kg.html").exists()


def test_missing_input_exits_non_zero_and_keeps_old_exports(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "kg.ttl").write_text("previous")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "missing"), "--out", str(out)])
    assert result.exit_code == 1
    assert "missing" in result.output and "no such file" in result.output
    assert (out / "kg.ttl").read_text() == "previous"


def test_skipped_entries_are_counted_in_a_warning(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text((EXAMPLES / "daily-papers-sample.txt").read_text())
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe not utf8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "bad.txt" in result.output and "not UTF-8" in result.output
    assert "1 problem(s)" in result.output


def test_unknown_format_is_refused():
    result = CliRunner().invoke(cli, ["build", str(EXAMPLES), "--format", "ttl,xml"])
    assert result.exit_code == 2
    assert "xml" in result.output


def test_console_script_never_prints_a_traceback(tmp_path):
    (tmp_path / "empty").mkdir()
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(tmp_path / "empty"),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "holds no listing or JSON files" in proc.stderr
    assert not (tmp_path / "out").exists()
