"""Extraction: papers → the entities each names and what it does with them.

>>> from kg.model import Paper
>>> [ex] = extract([Paper(key="p", title="Small models for math",
...     abstract="We fine-tune Llama-2-7B with LoRA and evaluate it on GSM8K.")])
>>> sorted((m.text, m.type.value, m.predicate.value) for m in ex.mentions)
[('GSM8K', 'Benchmark', 'evaluatesOn'), ('Llama-2-7B', 'Model', 'fineTunes'), ('LoRA', 'Technique', 'usesTechnique')]
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg.memory import paused_gc, share_fields_set
from kg.model import Paper, PaperExtraction

BATCH = 64
DEFAULT_MODEL = str(Path(__file__).resolve().parent.parent / "data" / "models" / "relations.json")
_worker: list | None = None  # [nlp or None, its options, papers]: set in the parent, inherited by forked workers
# The pipeline's names, imported when first used: a build that extracts in worker processes never
# loads spaCy in the parent (about 100 MB), which only merges what the workers send.
_LAZY = {"build_nlp": "pipeline", "mentions_of": "pipeline", "paper_text": "pipeline",
         "experiments_of": "experiment_records"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"kg.extract.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")


def extract_batch(nlp, papers: Sequence[Paper]) -> list[PaperExtraction]:
    """Run the pipeline over papers with ``Language.pipe``; one extraction per paper, in order.

    The names are found first, from the text alone; a paper in which none is found has no
    mention and no experiment whatever the later components do, so no ``Doc`` is made for it.
    """
    from kg.extract.experiment_records import experiments_of
    from kg.extract.pipeline import FOUND, mentions_of, paper_text

    names = nlp.get_pipe("mlkg_names") if "mlkg_names" in nlp.pipe_names else None
    docs, named = [], []
    for paper in papers:
        text, title_end = paper_text(paper.title, paper.abstract)
        found = names.find(text, title_end) if names is not None else None
        if found == []:
            continue
        doc = nlp.make_doc(text)
        doc.user_data["mlkg_text"] = text  # spaCy would rebuild doc.text from tokens each time
        doc.user_data[FOUND] = found
        doc._.title_end = title_end
        docs.append(doc)
        named.append(paper)
    relations = "mlkg_relations" in nlp.pipe_names
    tagger = nlp.get_pipe("mlkg_relations") if relations else None
    model = tagger.model if tagger else None
    made = {}
    for paper, doc in zip(named, nlp.pipe(docs, batch_size=BATCH)):
        mentions = tuple(mentions_of(doc, relations, model))
        experiments = experiments_of(doc, mentions, tagger.lexicon, tagger.disabled) if tagger else ()
        made[id(paper)] = PaperExtraction(paper_key=paper.key, mentions=mentions, experiments=experiments)
    return [made[id(paper)] if id(paper) in made else nothing_found(paper) for paper in papers]


def nothing_found(paper: Paper) -> PaperExtraction:
    """The extraction of a paper without names, small: its key is the paper's own string, its field set shared."""
    return share_fields_set(PaperExtraction.model_construct(paper_key=paper.key, mentions=(), experiments=()))


_BUILT: list = []  # [(key, pipeline)]: the last pipeline built, reused by the next extraction with its options


def _build(options: dict):
    """The pipeline for ``options``, built once per process for the last options asked (about 0.1 s a build).

    Callers that extract again and again (a benchmark, a notebook, the tests) reuse it.  The key holds the
    model file's size and time, so a retrained model is read again; one pipeline is kept, so an ablation
    over many rule sets does not hold one per set.
    """
    from kg.extract.pipeline import build_nlp

    key = (tuple(sorted(options.items())), _file_stamp(options.get("model_path")))
    if not _BUILT or _BUILT[0][0] != key:
        nlp = build_nlp(**options)
        extract_batch(nlp, [_WARM_UP])
        _BUILT[:] = [(key, nlp)]
    return _BUILT[0][1]


# An invented paper that reaches the rules' lazily built patterns (the relation cues alone take 0.3-0.7 s to
# compile).  Extracted once when a pipeline is built, so that the first real paper does not pay for them and
# the workers a chunked build forks for each chunk inherit them, instead of compiling them again per chunk.
_WARM_UP = Paper(key="warm-up", title="Quarry-Net: Sparse Routing for Glacier Maps",
                 abstract="We propose Quarry-Net, a routing transformer (RT) fine-tuned from Llama-2-7B with LoRA. "
                          "Unlike earlier work, we train it on the Moraine Survey dataset and evaluate on MMLU and "
                          "GSM8K, where it outperforms GPT-4 and BERT-base, reaching 64.2% accuracy.")


def _file_stamp(path: str | None) -> tuple[int, int] | None:
    try:
        st = os.stat(path) if path else None
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size) if st else None


def _start_worker() -> None:
    """A forked worker's pipeline: the one it inherited, or its own when the parent built none."""
    if _worker[0] is None:
        _worker[0] = _build(_worker[1])


def _work(span: tuple[int, int]) -> list[PaperExtraction | None]:
    """A forked worker's batch, read from the papers it inherited; None for an empty extraction (less to send)."""
    nlp, _, papers = _worker
    return [ex if ex.mentions or ex.experiments else None for ex in extract_batch(nlp, papers[span[0]:span[1]])]


def default_processes() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def extract(
    papers: Sequence[Paper],
    processes: int = 1,
    on_progress: Callable[[int], None] | None = None,
    patterns: bool = True,
    relations: bool = True,
    model_path: str | None = DEFAULT_MODEL,
    disabled_rules: frozenset[str] = frozenset(),
    sparse: bool = False,
) -> list[PaperExtraction | None]:
    """Extract every paper, in order; ``processes > 1`` forks workers for large inputs.

    ``disabled_rules`` names rules of :data:`kg.extract.engine.REGISTRY` to switch off (a per-rule ablation).
    ``sparse``: None stands for a paper in which nothing was found, instead of an empty extraction
    (a build of a million tiny records need not hold a million empty ones).
    """
    spans = [(i, min(i + BATCH, len(papers))) for i in range(0, len(papers), BATCH)]
    options = dict(patterns=patterns, relations=relations, model_path=model_path, disabled_rules=disabled_rules)
    if processes > 1 and len(spans) > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _extract_forked(papers, spans, options, min(processes, len(spans)), on_progress, sparse)
    nlp = _build(options)
    results: list[PaperExtraction | None] = []
    # the pipeline, catalogue and papers are never garbage, and extraction makes no cyclic garbage (none collected
    # in 2,000 recent papers): the collector would only rescan the growing results, 2% of the time
    with paused_gc():
        for start, end in spans:
            batch = papers[start:end]
            results.extend(None if sparse and not (ex.mentions or ex.experiments) else ex
                           for ex in extract_batch(nlp, batch))
            if on_progress:
                on_progress(len(batch))
    return results


def _extract_forked(papers: Sequence[Paper], spans: list[tuple[int, int]], options: dict, processes: int,
                    on_progress: Callable[[int], None] | None, sparse: bool = False) -> list[PaperExtraction | None]:
    """Extraction in forked workers, which inherit the papers: batches are sent as (start, end) alone.

    A parent that has spaCy loaded already builds the pipeline once and the
    workers inherit it; otherwise each worker builds its own and the parent
    never loads spaCy.
    """
    global _worker
    _worker = [_build(options) if "spacy" in sys.modules else None, options, papers]
    results: list[PaperExtraction | None] = []
    try:
        # paused in the parent and so in the workers it forks, which inherit the frozen objects unscanned
        with paused_gc(), multiprocessing.get_context("fork").Pool(processes, initializer=_start_worker) as pool:
            for (start, _), batch in zip(spans, pool.imap(_work, spans)):
                results.extend(ex or (None if sparse else nothing_found(papers[start + k]))
                               for k, ex in enumerate(batch))
                if on_progress:
                    on_progress(len(batch))
    finally:
        _worker = None
    return results
