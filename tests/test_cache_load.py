"""Extractions read back from the cache's JSON text equal those validated from parsed dicts."""

from __future__ import annotations

import json

from kg import cache
from kg.extract import extract
from kg.model import Paper, PaperExtraction


def test_cached_text_reads_back_as_the_dict_route_does():
    papers = [Paper(key='title-"quoted" ключ', title="Small solvers",
                    abstract="We fine-tune Mistral-7B with LoRA and evaluate it on GSM8K, reaching 61.2% accuracy."),
              Paper(key="title-empty", title="Nothing here", abstract="We study things.")]
    for ex in extract(papers):
        stored = cache._dump(ex)
        if not (ex.mentions or ex.experiments):  # nothing found: stored as nothing, read back as None
            assert stored == cache._dump(None) and cache._load(ex.paper_key, stored) is None
            continue
        via_dict = PaperExtraction.model_validate({**json.loads(stored), "paper_key": ex.paper_key})
        assert cache._load(ex.paper_key, stored) == via_dict
        assert cache._load(ex.paper_key, stored).paper_key == ex.paper_key
