"""Every module of ``kg`` imports on its own, whichever a user (or ``pytest --doctest-modules``) imports
first: a circular import hidden by the order the package usually loads in fails here.

Each module is imported in a forked child of a process that holds the third-party libraries but no
``kg`` module, so each child starts from an empty ``kg`` and costs a few milliseconds.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
                 for p in (ROOT / "kg").rglob("*.py") if p.name != "__main__.py")

_CHILD = textwrap.dedent("""
    import multiprocessing, sys, traceback
    import networkx, numpy, pydantic, pyoxigraph, rdflib, spacy  # noqa: F401 - shared by every child

    def load(name):
        try:
            __import__(name)
            return None
        except Exception:
            return name + ": " + traceback.format_exc().strip().splitlines()[-1]

    if __name__ == "__main__":
        names = sys.argv[1:]
        with multiprocessing.get_context("fork").Pool(2, maxtasksperchild=1) as pool:
            failures = [f for f in pool.map(load, names, chunksize=1) if f]
        print("\\n".join(failures))
        sys.exit(1 if failures else 0)
""")


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_every_module_imports_on_its_own():
    assert "kg.extract.phrases" in MODULES and "kg" in MODULES
    got = subprocess.run([sys.executable, "-c", _CHILD, *MODULES], capture_output=True, text=True, cwd=ROOT,
                         timeout=600)
    assert got.returncode == 0, got.stdout + got.stderr
