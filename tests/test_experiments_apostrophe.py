"""A known name written with an apostrophe ("Humanity's Last Exam", "AIME'24") is found whole, so the runs on it
are read.  Sentences made up for the test."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Paper


def _paper(abstract: str):
    [ex] = extract([Paper(key="p", title="A study of hard exams", abstract=abstract)])
    return ex


@pytest.mark.parametrize("name", ["Humanity's Last Exam", "Humanity\u2019s Last Exam", "AIME'24"])
def test_a_known_name_with_an_apostrophe_is_found_and_run_on(name):
    ex = _paper(f"We evaluate GPT-4o on {name} and report 20.1% accuracy.")
    assert (name, "Benchmark") in {(m.text, m.type.value) for m in ex.mentions}
    assert ("GPT-4o", name) in {(x.model, x.data) for x in ex.experiments}


def test_a_possessive_after_a_known_name_is_not_part_of_it():
    ex = _paper("OpenAI's GPT-4o's answers reach 20.1% on MMLU.")
    assert {m.text for m in ex.mentions} >= {"GPT-4o", "MMLU"}
