"""A wheel of mlkg works wherever it is installed: `pip install --target`, or the wheel itself on sys.path (a zip).

The ontology, shapes and queries are package data (kg/paths.py), so nothing
depends on the checkout or the working directory.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (found,) = out.glob("mlkg-*.whl")
    return found


def _kg(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m kg ARGS`` with only ``site`` (plus the dependencies) providing kg."""
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, env=env, capture_output=True, text=True)


def _where_kg(site: Path, cwd: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-c", "import kg; print(kg.__file__)"], cwd=cwd, env=env,
                          capture_output=True, text=True, check=True).stdout.strip()


def test_wheel_holds_the_ontology_and_queries(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "queries").glob("*.rq")}
    assert {n.rsplit("/", 1)[1] for n in names if n.startswith("kg/queries/")} == shipped
    assert {"kg/ontology/mlkg.ttl", "kg/ontology/shapes.ttl", "kg/__main__.py", "kg/data/models.jsonl"} <= names
    assert {"kg/data/predicates.tsv", "kg/export/page/page.html", "kg/export/page/page.css",
            "kg/export/page/page.js"} <= names


def test_installed_with_target_builds_and_queries_from_elsewhere(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert _where_kg(site, elsewhere).startswith(str(site))
    built = _kg(site, elsewhere, "build", str(EXAMPLES), "--out", "out", "--quiet")
    assert built.returncode == 0, built.stderr
    assert (elsewhere / "out" / "kg.ttl").stat().st_size > 0
    page = (elsewhere / "out" / "kg.html").read_text(encoding="utf-8")
    assert "var NODE_RECORDS = [" in page and "#details .close" in page and "@@NODES@@" not in page
    asked = _kg(site, elsewhere, "sparql", "top-models", "--graph", "out", "--format", "csv")
    assert asked.returncode == 0, asked.stderr
    rows = list(csv.DictReader(io.StringIO(asked.stdout)))
    assert rows and all(int(r["papers"]) >= 1 for r in rows)
    checked = _kg(site, elsewhere, "validate", "out")
    assert checked.returncode == 0 and "0 violation(s)" in checked.stdout, checked.stdout + checked.stderr


def test_the_wheel_runs_zipped(wheel, tmp_path):
    assert _where_kg(wheel, tmp_path).startswith(str(wheel))
    listed = _kg(wheel, tmp_path, "sparql", "--list")
    assert listed.returncode == 0, listed.stderr
    assert "top-models" in listed.stdout
    page = subprocess.run([sys.executable, "-c", "import networkx as nx\nfrom kg.export import html\n"
                           "print(html.render(nx.MultiDiGraph(), title='zipped'))"], cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(wheel)}, capture_output=True, text=True)
    assert page.returncode == 0, page.stderr
    assert "<title>zipped</title>" in page.stdout and "function showDetails" in page.stdout
