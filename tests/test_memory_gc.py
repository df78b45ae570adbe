"""The collector around extraction: paused, and nothing left young for its first collection afterwards."""

import gc

from kg.memory import paused_gc


def test_what_a_paused_block_made_is_not_left_for_the_next_young_collection():
    """A paused block may make millions of objects; left in the young generation, the first collection after the
    block would scan them all at once."""
    with paused_gc():
        made = [[i, str(i)] for i in range(20_000)]
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert gc.isenabled() and all(id(m) in oldest for m in made)  # not young: no collection will scan them soon


def test_extraction_runs_no_collection():
    """Extraction makes no cyclic garbage: the collector would only rescan what it has made so far."""
    from kg.extract import extract
    from kg.model import Paper

    papers = [Paper(key=f"k{i}", title=f"Gannet-{i}: hashing for tide gauges",
                    abstract=f"We adapt SimHash to Gannet-{i} and compare it with BERT and MinHash on the "
                             f"TideBench suite, where it reaches {60 + i}.5% recall.") for i in range(40)]
    extract(papers[:1])  # the pipeline, built outside what is counted
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        got = extract(papers)
    finally:
        gc.callbacks.remove(count)
    assert all(ex.mentions for ex in got) and collections == []
