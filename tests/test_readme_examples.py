"""Every example of the README runs on the sample its first command builds (examples/ into exports/)."""

from __future__ import annotations

import json
import re
import shlex

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, ROOT
from kg.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_commands() -> list[str]:
    """The `.venv/bin/mlkg …` lines of the README's ```sh blocks, continuations joined, comments cut."""
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    return [line.split(" # ")[0].strip() for line in lines if line.startswith(".venv/bin/mlkg ")]


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, re.S)


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory):
    """A working directory as after the README's first command: examples/ and exports/ built from it."""
    from kg import job

    here = tmp_path_factory.mktemp("readme")
    (here / "examples").symlink_to(EXAMPLES, target_is_directory=True)
    job.run([here / "examples"], here / "exports", formats=("ttl", "json", "html", "nt", "jsonld"), processes=1)
    return here


def _has_rows(args: list[str], output: str) -> bool:
    if "--json" in args:
        return bool(json.loads(output))
    if args[0] == "sparql" and "json" in args:
        return bool(json.loads(output)["results"]["bindings"])
    if args[0] in ("sparql", "papers", "top"):
        return len(output.strip().splitlines()) >= 2 and "no papers match" not in output
    return True


def test_the_readme_has_examples():
    assert len(shell_commands()) >= 15 and len(python_blocks()) >= 3


@pytest.mark.parametrize("command", shell_commands())
def test_every_shell_example_runs_on_the_sample(sample_dir, monkeypatch, command):
    monkeypatch.chdir(sample_dir)
    args = shlex.split(command.replace("../shared/seeds", "examples"))[1:]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, (command, result.output)
    assert _has_rows(args, result.output), (command, result.output)


@pytest.mark.parametrize("n", range(len(python_blocks())))
def test_every_python_example_runs_on_the_sample(sample_dir, monkeypatch, capsys, n):
    monkeypatch.chdir(sample_dir)
    code = python_blocks()[n]
    exec(compile(code, f"README.md python block {n + 1}", "exec"), {})
    assert capsys.readouterr().out.strip()
