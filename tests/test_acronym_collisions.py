"""A known short form that the paper spells out as other words ("Sparse Anchor Calibration (SAC)") is the
paper's own thing, not the known entry (Soft Actor-Critic), wherever the short form is written; a definition
that spells the known entry out, even loosely, still names it.  Sentences made up for the test."""

from __future__ import annotations

from kg.extract import extract
from kg.model import Paper


def _mentions(abstract: str, title: str = "Calibrating Tide Gauges on a Budget"):
    [ex] = extract([Paper(key="p", title=title, abstract=abstract)])
    return {m.text: m for m in ex.mentions}


def test_a_known_short_form_spelled_out_otherwise_is_a_new_name():
    got = _mentions("We introduce Sparse Anchor Calibration (SAC), which re-levels drifting tide gauges from "
                    "three anchors. SAC halves the drift of the gauges on the Baltic coast.")
    assert "SAC" in got and got["SAC"].catalogue_id is None
    assert "Sparse Anchor Calibration" in got["SAC"].aliases


def test_a_loose_spelling_of_the_known_long_form_still_names_the_entry():
    got = _mentions("Our gauge controller is trained with soft actor critic (SAC) on simulated tides, and "
                    "SAC converges within an hour.")
    [sac] = [m for m in got.values() if "SAC" in (m.text, *m.aliases)]
    assert sac.catalogue_id == "sac"


def test_a_long_form_sharing_the_first_word_stem_is_the_same_entry():
    got = _mentions("We tag the gauge logs with a conditional random fields model (CRF) and report where "
                    "the CRF fails.")
    assert all(m.catalogue_id in (None, "crf") for m in got.values())
    assert any(m.catalogue_id == "crf" for m in got.values())
