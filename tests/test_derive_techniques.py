"""The technique catalogue's rules: which methods-list rows are taken, and the paradigm mark (made-up rows)."""

from __future__ import annotations

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import derive_techniques  # noqa: E402

from kg import catalogue  # noqa: E402

WORDS = {"center", "net", "auto", "encoder", "color", "jitter", "gravity", "pool", "block", "residual", "spark",
         "performer", "attention", "the"}
PROPER: set[str] = set()


def _row(name, collections=("Graph Models",), papers=40, full=None):
    return {"name": name, "full_name": full or name, "collections": list(collections), "areas": ["General"],
            "num_papers": papers}


def _taken(tmp_path, rows, picked=(), owned=(), models=frozenset()):
    path = tmp_path / "methods.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    entries = derive_techniques.pwc_rule_entries(path, set(picked), set(owned), WORDS, PROPER, models)
    return {e["label"]: e for e in entries}


def test_a_distinctive_name_of_a_method_collection_is_taken(tmp_path):
    got = _taken(tmp_path, [_row("QuoraxNet"), _row("ZebGAN-3", ("Generative Adversarial Networks",)),
                            _row("FlimNet", full="Flexible Lattice Message Network")])
    assert set(got) == {"QuoraxNet", "ZebGAN-3", "FlimNet"}
    assert got["FlimNet"]["aliases"] == []  # a full name of plain words names no thing of its own
    assert all(e["cased"] for e in got.values())  # matched as written: a paper's "FLIMNET" is another name


def test_components_rare_methods_and_other_collections_are_left_out(tmp_path):
    got = _taken(tmp_path, [_row("QuoraxNet Block", ("Graph Models", "Image Model Blocks")),
                            _row("Vextrapool", ("Pooling Operations",)),
                            _row("Zindleformer-2", papers=2),
                            _row("Plumbix", ("Quantum Methods",))])
    assert got == {}


def test_words_short_acronyms_and_run_together_words_are_left_out(tmp_path):
    # a single capitalised word is too often a task or a component ("Inpainting", "Heatmap") to take by rule
    got = _taken(tmp_path, [_row("Gravity"), _row("Quoraxnet"), _row("QRN"), _row("ZbNt"), _row("AutoEncoder"),
                            _row("ColorJitter"), _row("Residual Zorblax")])
    assert got == {}


def test_a_network_suffix_keeps_a_name_made_of_words(tmp_path):
    # "Center" and "Net" are both words, but a "…Net" is named so by the field's convention
    assert set(_taken(tmp_path, [_row("CenterNet"), _row("SparkGAN")])) == {"CenterNet", "SparkGAN"}


def test_an_x_former_is_taken_with_its_case_even_when_it_is_an_english_word(tmp_path):
    got = _taken(tmp_path, [_row("Performer", ("Transformers",)), _row("Quibbleformer", ("Transformers",))])
    assert got["Performer"]["cased"] and got["Quibbleformer"]["cased"]


def test_picked_or_owned_names_are_not_taken_again(tmp_path):
    rows = [_row("QuoraxNet"), _row("FlimNet"), _row("DravoNet")]
    got = _taken(tmp_path, rows, picked={"QuoraxNet"}, owned={"flimnet"})
    assert set(got) == {"DravoNet"}


def test_the_shipped_catalogue_marks_generic_paradigms_and_only_them():
    cat = catalogue.default()
    paradigms = {cat.entries[i].label for i in cat.paradigms}
    assert {"transfer learning", "data augmentation", "knowledge distillation"} <= paradigms
    assert "LoRA" not in paradigms and "Adam" not in paradigms
    assert all(cat.entries[i].type.value == "Technique" for i in cat.paradigms)


def test_a_custom_catalogue_line_may_mark_a_paradigm(tmp_path):
    (tmp_path / "techniques.jsonl").write_text(
        json.dumps({"label": "zorbal learning", "paradigm": True}) + "\n" + json.dumps({"label": "ZorbNet"}) + "\n",
        encoding="utf-8")
    cat = catalogue.load(tmp_path)
    assert cat.paradigms == frozenset({"zorbal-learning"})


def test_a_numbered_version_of_a_catalogued_model_is_left_to_the_lineage(tmp_path):
    rows = [_row("ZorbNet-19"), _row("ZorbNetV2"), _row("QuoraxNet-3")]
    got = _taken(tmp_path, rows, models=frozenset({"zorbnet"}))
    assert set(got) == {"QuoraxNet-3"}


def test_the_decider_sees_a_paradigm_as_a_feature(tmp_path):
    from kg.extract import pipeline

    (tmp_path / "techniques.jsonl").write_text(
        json.dumps({"label": "zorbal learning", "paradigm": True}) + "\n" + json.dumps({"label": "QuibNet"}) + "\n",
        encoding="utf-8")
    for name in ("models.jsonl", "benchmarks.jsonl", "datasets.jsonl"):
        (tmp_path / name).write_text("", encoding="utf-8")
    nlp = pipeline.build_nlp(model_path=None, catalogue_dir=str(tmp_path))
    text, title_end = pipeline.paper_text("Zorbal learning for parsers", "We train QuibNet with zorbal learning.")
    doc = nlp.make_doc(text)
    doc.user_data["mlkg_text"] = text
    doc._.title_end = title_end
    doc.user_data[pipeline.FEATURES] = record = []
    pipeline.mentions_of(nlp(doc), relations=True)
    flagged = {m.text.lower(): "cat=paradigm" in f for m, f in record}
    assert flagged.get("zorbal learning") is True and flagged.get("quibnet") is False


def test_a_later_version_is_never_an_alias_of_a_technique():
    import pytest

    for alias in ("Zorb-tuning v2", "Zorb-tuning 3", "Zorb-tuning++"):
        with pytest.raises(SystemExit, match="another version"):
            derive_techniques.check_versions({"label": "Zorb-tuning", "aliases": [alias]})
    with pytest.raises(SystemExit, match="another version"):
        derive_techniques.check_versions({"label": "Zorb-tuning v2", "aliases": ["Zorb-tuning"]})
    derive_techniques.check_versions({"label": "Zorb-tuning", "aliases": ["Zorb-tuning-1", "ZT", "Zorb tunings"]})
