"""The README's Python section runs as written, against the seeds export in ./exports."""

from __future__ import annotations

import re
import shutil

from conftest import ROOT


def python_section() -> str:
    """The ```python block right after the README's "Python / NetworkX" heading."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after = readme.split("**Python / NetworkX**", 1)[1]
    return re.search(r"```python\n(.*?)```", after, re.S).group(1)


def test_readme_python_section_runs(seeds_build, tmp_path, monkeypatch, capsys):
    out, _ = seeds_build
    (tmp_path / "exports").mkdir()
    shutil.copy(out / "kg.json", tmp_path / "exports" / "kg.json")
    monkeypatch.chdir(tmp_path)
    code = python_section()
    assert "kg.load(" in code and "g.papers(" in code
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["lora"].label == "LoRA"
    assert code.split("\n\n", 3)[2].lstrip().startswith("# Which papers fine-tune"), "the headline question first"
    assert all(any(link.relation == "fineTunes" for link in p.links) for p in namespace["headline"])
    assert namespace["table"] and {"model", "data", "value"} <= set(namespace["table"][0])
    assert "Paper" in capsys.readouterr().out
