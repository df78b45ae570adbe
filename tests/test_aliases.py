"""Aliases stay within their paper: a defined acronym joins a known entity only through the catalogue."""

from __future__ import annotations

import pytest

from kg import catalogue
from kg.extract import extract
from kg.model import Paper
from kg.resolve import resolve

PAPERS = {
    "spalora": ("Sparse rank adapters",
                "We propose sparse low-rank adaptation (SpaLoRA), which prunes the ranks of LoRA blocks while "
                "training. SpaLoRA halves the memory of LoRA."),
    "rad": ("Distilling retrievers",
            "We introduce Retrieval Augmented Distillation (RAD), a training recipe that teaches a small "
            "reader to use retrieved passages."),
    "vit": ("Patch backbones for remote sensing",
            "We adopt the vision transformer (ViT) as our backbone and compare it with a plain transformer."),
    "colbert": ("Smaller late-interaction retrievers",
                "We distil ColBERTv2 into a smaller retriever and compare it with the original ColBERT."),
    "radio": ("Packet loss in city networks",
              "We measure the packet loss of LoRa gateways in three cities and model the LoRa duty cycle."),
    "tuning": ("Tuning a small model", "We fine-tune Llama 2 with LoRA and evaluate it on GSM8K."),
}


@pytest.fixture(scope="module")
def corpus():
    papers = [Paper(key=k, title=t, abstract=a) for k, (t, a) in PAPERS.items()]
    # aliases are made by the name rules and resolve, whatever decides the relations: the rules alone
    # keep every name here (the learned decider may drop "a plain transformer" as no entity)
    return resolve(papers, extract(papers, model_path=None), catalogue.default())


def edges(corpus, paper: str) -> dict[str, str]:
    """entity label -> relation, for one paper."""
    labels = {e.key: e.label for e in corpus.entities}
    return {labels[r.entity]: r.predicate.value for r in corpus.relations if r.paper == paper}


def entity(corpus, label: str):
    return next(e for e in corpus.entities if e.label == label)


def test_an_acronym_for_a_longer_name_is_a_new_entity_not_an_alias_of_the_known_one(corpus):
    assert edges(corpus, "spalora").get("SpaLoRA") == "proposes"
    assert edges(corpus, "spalora").get("LoRA") != "proposes"
    assert edges(corpus, "rad").get("RAD") == "proposes"
    assert "RAG" not in edges(corpus, "rad")
    lora = entity(corpus, "LoRA")
    assert "SpaLoRA" not in lora.aliases and "sparse low-rank adaptation" not in lora.aliases


def test_two_known_entries_never_become_aliases_of_each_other(corpus):
    transformer = entity(corpus, "Transformer")
    assert "ViT" not in transformer.aliases and "vision transformer" not in transformer.aliases
    assert "ViT" in edges(corpus, "vit")


def test_a_successor_with_a_name_of_its_own_is_its_own_entity(corpus):
    got = edges(corpus, "colbert")
    assert {"ColBERTv2", "ColBERT"} <= set(got)
    assert "ColBERTv2" not in entity(corpus, "ColBERT").aliases


def test_a_case_sensitive_catalogue_name_is_not_another_camel_case_spelling(corpus):
    assert "LoRA" not in edges(corpus, "radio")
    assert "LoRa" not in entity(corpus, "LoRA").aliases
    assert edges(corpus, "tuning")["LoRA"] == "usesTechnique"


def test_a_known_models_size_defined_with_a_short_form_is_one_entity():
    """"Whisper-Large (Whisper-L)": two spellings of one catalogue variant, so one mention and one edge.

    The variant's identity is the catalogue entry and its size, not its written key, which is what the
    short form is linked by; they were two entities, each with its own (possibly clashing) relation.
    """
    paper = Paper(key="calls", title="Transcribing noisy phone calls",
                  abstract="We fine-tune Whisper-Large (Whisper-L) on recorded calls and compare it with "
                           "Whisper-Medium (Whisper-M). Whisper-L transcribes noisy speech better than Whisper-M.")
    [ex] = extract([paper], model_path=None)
    by_text = {m.text: m for m in ex.mentions}
    assert set(by_text) == {"Whisper-Large", "Whisper-Medium"}
    assert by_text["Whisper-Large"].aliases == ("Whisper-L",)
    assert by_text["Whisper-Large"].predicate.value == "fineTunes"
    got = resolve([paper], [ex], catalogue.default())
    assert len([r for r in got.relations if r.paper == "calls"]) == 2


@pytest.mark.parametrize("abstract, apart", [
    # a size written with one letter: its final -s is a size, not a plural of the family
    ("We train ViT-S on satellite tiles and compare it with the full ViT.", {"ViT", "ViT-S"}),
    ("We distil DeiT-S from DeiT on bird photographs.", {"DeiT-S", "DeiT"}),
    # a new acronym that differs from a cased catalogue name only in case is not that name
    ("We start from BiT and propose a binarized image transformer (BIT). BIT runs faster than BiT.",
     {"BiT", "BIT"}),
])
def test_names_that_share_a_written_key_with_a_known_name_stay_apart(abstract, apart):
    """Only a catalogue variant's written key joins its group; a size letter or a case difference keeps names apart."""
    paper = Paper(key="apart", title="Small backbones", abstract=abstract)
    [ex] = extract([paper], model_path=None)
    found = {m.text for m in ex.mentions}
    assert apart <= found, found
