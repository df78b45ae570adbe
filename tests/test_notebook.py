"""The example notebook in docs/ runs top to bottom and shows the headline question as a DataFrame."""

from __future__ import annotations

import pytest

from conftest import ROOT
from kg.query import example_graph

# loopback only: the socket guard of tests/conftest.py lets these tests reach 127.0.0.1
pytestmark = pytest.mark.allow_hosts(["127.0.0.1", "::1"])

NOTEBOOK = ROOT / "docs" / "notebook.ipynb"


def test_docs_notebook_runs_and_shows_a_dataframe():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = {i: [o for o in cell.get("outputs", [])] for i, cell in enumerate(nb.cells) if cell.cell_type == "code"}
    assert not [o for cell in outputs.values() for o in cell if o.output_type == "error"]
    frames = [o["data"]["text/html"] for cell in outputs.values() for o in cell
              if o.output_type == "execute_result" and "dataframe" in o["data"].get("text/html", "")]
    assert len(frames) >= 3
    headline = frames[0]
    assert "fineTunes Llama" in headline and "<th>title</th>" in headline


def test_results_render_as_escaped_html_and_dataframes():
    pandas = pytest.importorskip("pandas")
    g = example_graph()
    found = g.papers(fine_tunes="Llama")
    html = found._repr_html_()
    assert html.startswith('<table class="mlkg">') and html.count("<tr>") == len(found) + 1
    frame = found.to_pandas()
    assert isinstance(frame, pandas.DataFrame) and list(frame["title"]) == [p.title for p in found]
    assert found.records() == found.to_records()
    assert "<th>count</th>" in g._repr_html_() and repr(g).startswith("<KnowledgeGraph ")
    entity = g.entity("LoRA")._repr_html_()
    assert "Low-Rank Adaptation" in entity


def test_markup_in_results_is_escaped():
    from kg.notebook import table

    html = table([{"title": "<script>alert(1)</script>", "url": "https://x.org/?a=<b>"}])
    assert "<script>" not in html and "&lt;script&gt;" in html and 'href="https://x.org/?a=&lt;b&gt;"' in html
