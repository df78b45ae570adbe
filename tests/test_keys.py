"""One name key: the query API and `mlkg html --focus` keep apart what the graph keeps apart."""

from __future__ import annotations

import pytest

from kg import keys
from kg.catalogue import name_key
from kg.export import html
from kg.query import UnknownName, example_graph


def test_the_api_tells_qwen2_5_from_qwen25_like_the_graph():
    g = example_graph()
    assert name_key("Qwen2.5") != name_key("Qwen25")
    assert {g.nx.nodes[i]["label"] for i in g.resolve("qwen 2.5")} == {"Qwen2.5"}
    with pytest.raises(UnknownName):
        g.resolve("Qwen25")
    with pytest.raises(UnknownName):
        g.papers(evaluates="Qwen25-7B")


def test_the_page_focus_tells_them_apart_too():
    g = example_graph().nx
    assert g.nodes[html.resolve(g, "QWEN 2.5")]["label"] == "Qwen2.5"
    with pytest.raises(html.GraphPageError):
        html.resolve(g, "Qwen25")


def test_lookup_is_the_identity_key_in_any_case():
    for a, b in [("LLaMA-3 8b", "Llama 3-8B"), ("Tülu 3", "tulu-3"), ("STRASSE", "straße"), ("GPT-4o", "gpt 4o")]:
        assert keys.lookup_key(a) == keys.lookup_key(b), (a, b)
    for a, b in [("HumanEval+", "HumanEval"), ("Qwen2.5", "Qwen25"), ("v1.5", "v15")]:
        assert keys.lookup_key(a) != keys.lookup_key(b), (a, b)
    assert all(keys.lookup_key(n) == keys.name_key(n).casefold() for n in ("Phi-3.5-mini", "MATH", "ViT-B/16"))


def test_name_keys_are_remembered_within_a_bound(monkeypatch):
    """name_key remembers the keys it made (extraction asks again and again), but never more than its bound."""
    from kg import keys

    monkeypatch.setattr(keys, "_NAME_KEYS", {})
    monkeypatch.setattr(keys, "_NAME_KEYS_MAX", 3)
    written = ["Heron-2.1 (small)", "heron 2.1 SMALL", "Otter_v3", "OTTER v3", "Tern-XL"]
    got = [keys.name_key(w) for w in written + written]
    assert got[:5] == got[5:] == ["heron2.1small", "heron2.1small", "otterv3", "otterv3", "ternxl"]
    assert 0 < len(keys._NAME_KEYS) <= 3
