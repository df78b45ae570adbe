"""Training rows for the experiment pairing scorer: the pipeline's candidates, labelled by gold papers.

``scripts/train_experiments.py`` calls :func:`training_rows` on the training
gold and fits :func:`kg.extract.pairing.fit` on the rows; a cross-validation
groups the rows by their paper id.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.experiment_names import names_of
from kg.extract.experiments import Candidate, candidates
from kg.model import Mention


def paper_candidates(nlp, title: str, abstract: str) -> tuple[list[Candidate], list[Mention]]:
    """Run the pipeline over one paper and return its candidate experiments and mentions."""
    from kg.extract.pipeline import CANDIDATES, doc_text, mentions_of, paper_text, sentence_table

    text, title_end = paper_text(title, abstract)
    doc = nlp.make_doc(text)
    doc.user_data["mlkg_text"] = text
    doc._.title_end = title_end
    doc = nlp(doc)
    mentions = mentions_of(doc)
    sentences = sentence_table(doc)
    names = names_of(doc.user_data.get(CANDIDATES, []), mentions, sentences, doc_text(doc))
    cands = [c for c in candidates(doc_text(doc), title_end, sentences, names, mentions) if c.where is not None]
    return cands, mentions


def training_rows(nlp, gold_papers: Sequence[dict], texts: dict[str, tuple[str, str]], key) -> list[tuple]:
    """Labelled candidates ``(kind, facts, is_gold, paper id)`` of gold papers.

    ``texts`` maps ``key(title)`` to (title, abstract); ``key`` is the scorer's
    name normalisation, used for titles and for matching gold names to mentions.
    """
    rows = []
    for paper in gold_papers:
        found = texts.get(key(paper["title"]))
        if found is None or "experiments" not in paper:
            continue
        cands, mentions = paper_candidates(nlp, *found)
        entities = {e["name"]: {key(e["name"])} | {key(a) for a in e.get("aliases", ())} for e in paper["entities"]}
        gold = {(x["kind"], x["model"], x["data"]) for x in paper["experiments"]}
        for c in cands:
            mnames = {key(mentions[c.model].text)} | {key(a) for a in mentions[c.model].aliases}
            dnames = {key(mentions[c.data].text)} | {key(a) for a in mentions[c.data].aliases}
            label = any(kind == c.kind.value and entities[m] & mnames and entities[d] & dnames
                        for kind, m, d in gold)
            rows.append((c.kind.value, tuple(sorted(c.facts)), label, paper["id"]))
    return rows
