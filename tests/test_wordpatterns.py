"""The title, description, apposition and component patterns take their words from the lexicon."""

from __future__ import annotations

from kg.extract.rules.titles import said_to_be_proposed, subtitle_type, title_name, title_phrase
from kg.extract.rules.vocab import vocab
from kg.extract.rules.wordpatterns import word_patterns
from kg.lexicon import Lexicon
from kg.model import EntityType


def _custom(tmp_path, name: str, *entries: str) -> Lexicon:
    (tmp_path / name / "lexicon").mkdir(parents=True)
    (tmp_path / name / "lexicon" / f"{name}.txt").write_text("# test list\n" + "\n".join(entries) + "\n", encoding="utf-8")
    return Lexicon.load(tmp_path / name)


def test_shipped_patterns_read_sentences_of_our_own():
    wp = word_patterns(Lexicon.load())
    assert wp.called.search("a sampling trick we call ")
    assert not wp.called.search("a sampling trick we tried ")
    assert wp.component.fullmatch("encoders,") and not wp.component.fullmatch("chat")
    assert [m["name"] for m in wp.trained_new.finditer("We train Quill-3B, a compact code model.")] == ["Quill-3B"]
    assert said_to_be_proposed("Quick Ranking (QRS) method is newly introduced here", 18)
    assert title_phrase("Gated Ripple Pooling with Sparse Heads", frozenset({"pooling"})) == "Gated Ripple Pooling"
    assert title_name("Quill-3B Technical Report") == "Quill-3B"
    assert subtitle_type("Quill: A Benchmark beyond Code") == EntityType.BENCHMARK


def test_a_custom_lexicon_changes_what_the_patterns_match(tmp_path):
    lexicon = _custom(tmp_path, "report_title_genres", "White Paper", "Report")
    assert title_name("Quill-3B White Paper", vocab(lexicon)) == "Quill-3B"
    assert title_name("Quill-3B White Paper") is None  # the shipped list has no "White Paper"
    lexicon = _custom(tmp_path, "component_nouns", "adapter")
    assert word_patterns(lexicon).component.fullmatch("adapters")
    assert not word_patterns(Lexicon.load()).component.fullmatch("adapters")


def test_patterns_are_built_once_per_lexicon():
    assert word_patterns(Lexicon.load()) is word_patterns(Lexicon.load())
