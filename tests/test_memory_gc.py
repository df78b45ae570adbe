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
    gc.collect()
    papers = [Paper(key=f"c{i}", title=f"Petrel-{i}: sketches for buoy logs",
                  abstract=f"We fine-tune Llama-2-7B with LoRA on BuoyLog and compare Petrel-{i} with MinHash, "
                           f"reaching {40 + i}.5% recall.") for i in range(40)]
    extract(papers)
    assert gc.collect() == 0  # the claim the pause rests on: nothing extraction made is cyclic garbage


def test_a_built_model_is_the_model_construct_makes():
    """Frozen.built skips pydantic's loop over the fields when every field is given in order; the model is the
    same to every reader, and any other call is model_construct's."""
    from kg.model import EntityType, Evidence, Mention, Predicate

    ev = dict(sentence="Osprey-3 halves the drift of a tide gauge.", field="abstract", start=0, end=8,
              sentence_start=12, rule="shaped+own", confidence=0.75, because=("cue=own",), recogniser="shaped",
              cue="own")
    pairs = [(Evidence.built(**ev), Evidence.model_construct(**ev))]
    mention = dict(text="Osprey-3", type=EntityType.MODEL, predicate=Predicate.PROPOSES, also=(),
                   evidence=(pairs[0][0],), catalogue_id=None, aliases=("Osprey",), base="Osprey", suffixes=("3",))
    pairs.append((Mention.built(**mention), Mention.model_construct(**mention)))
    short = dict(sentence="Osprey-3 drifts less.", start=0, end=8, rule="shaped", confidence=0.5)  # defaults left out
    pairs.append((Evidence.built(**short), Evidence.model_construct(**short)))
    reordered = {k: ev[k] for k in reversed(ev)}
    pairs.append((Evidence.built(**reordered), Evidence.model_construct(**reordered)))
    for got, want in pairs:
        assert got == want and hash(got) == hash(want)
        assert list(got.__dict__) == list(want.__dict__) and got.model_fields_set == want.model_fields_set
        assert got.model_dump_json() == want.model_dump_json() and got.__pydantic_extra__ is want.__pydantic_extra__
