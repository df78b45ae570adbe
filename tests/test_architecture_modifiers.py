"""A known architecture written only as a modifier ("a transformer-based tagger", "a CNN-style front end")
names no entity (GUIDELINES decision 3); written once as a noun, or a method used as a modifier
("LoRA-based tuning"), it still does.  Sentences made up for the test."""

from __future__ import annotations

from kg.extract import extract
from kg.model import Paper


def _known(abstract: str) -> set[str | None]:
    [ex] = extract([Paper(key="p", title="Tagging Bird Calls at Dawn", abstract=abstract)])
    return {m.catalogue_id for m in ex.mentions}


def test_an_architecture_only_written_as_a_modifier_is_no_mention():
    got = _known("We build a transformer-based tagger for dawn bird calls with a CNN-style front end, "
                 "and it labels calls twice as fast as field experts.")
    assert not got & {"transformer", "cnn"}


def test_an_architecture_also_written_as_a_noun_is_still_a_mention():
    got = _known("We study why a plain Transformer mislabels dawn bird calls, comparing it with "
                 "transformer-based taggers trained on dusk recordings.")
    assert "transformer" in got


def test_a_method_written_as_a_modifier_is_still_a_mention():
    assert "lora" in _known("We adapt the call tagger with LoRA-based tuning on two hours of dawn recordings.")
