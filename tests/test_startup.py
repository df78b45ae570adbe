"""`mlkg --help` and `import kg` load only what they need: no spaCy, NetworkX, pydantic or rich.

The time itself is measured by bench/startup.py, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys

from kg import cli, query

HEAVY = ("spacy", "networkx", "pydantic", "rich", "rdflib", "pyoxigraph", "dask")


def modules_after(code: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(list(sys.modules)))"],
                          capture_output=True, text=True, check=True)
    return {m.split(".")[0] for m in json.loads(proc.stdout.splitlines()[-1])}


def test_help_imports_no_heavy_library():
    loaded = modules_after("import sys; sys.argv = ['mlkg', '--help']\nfrom kg.cli import main\n"
                           "try:\n    main()\nexcept SystemExit:\n    pass")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_import_kg_is_light_and_still_reaches_everything():
    assert not modules_after("import kg") & set(HEAVY)
    loaded = modules_after("import kg\nassert kg.KnowledgeGraph.__name__ == 'KnowledgeGraph'\n"
                           "assert callable(kg.sparql.run)")
    assert {"networkx", "pyoxigraph"} <= loaded


def test_the_cli_filter_options_are_the_query_filters():
    assert tuple(cli.FILTER_VERBS) == tuple(query.FILTERS)
