"""Which candidate pairs become experiments, and the records made of them: value, metric and evidence.

The candidates and the facts of their sentences come from :mod:`kg.extract.experiments`; a pair is
kept when a rule of :mod:`kg.extract.cues.experiment_rules` states it, or when the pairing scorer
(:mod:`kg.extract.pairing`) believes it and no veto rules it out.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract import pairing
from kg.extract import results as res
from kg.extract.cues import experiment_rules as rules
from kg.extract.engine import REGISTRY
from kg.extract.experiment_names import DATA, MODEL, _Name, names_of
from kg.extract.experiments import _STRONG, Candidate, candidates, free_values
from kg.lexicon import Lexicon
from kg.model import Evidence, Experiment, ExperimentKind, Mention

def extract_experiments(text: str, title_end: int, sentences: list[tuple[int, int]], cands,
                        mentions: Sequence[Mention], weights: dict | None = None,
                        lexicon: Lexicon | None = None,
                        disabled: frozenset[str] = frozenset()) -> tuple[Experiment, ...]:
    """The experiments of one paper: candidates a rule states or the pairing scorer believes, with results
    and evidence.  ``disabled`` names experiment rules to skip (``experiment:weighed``: the scorer)."""
    weights = weights if weights is not None else pairing.default_weights()
    threshold = weights.get("threshold", 0.5) if rules.WEIGHED not in disabled else float("inf")
    names = names_of(cands, mentions, sentences, text, lexicon)
    kept = []
    for cand in candidates(text, title_end, sentences, names, mentions, lexicon):
        if cand.where is None or rules.vetoed(cand.kind, cand.where_facts | (cand.facts & rules.PAPER_FACTS)):
            continue
        p = rules.weighed(weights, cand.kind, cand.facts)
        rule = rule_for(cand, disabled)
        if rule or p >= threshold:
            kept.append((cand, max(p, 0.8) if rule else p, rule or REGISTRY.get(rules.WEIGHED).label))
    return tuple(_record(text, title_end, sentences, names, mentions, c, p, r) for c, p, r in kept)


def rule_for(cand: Candidate, disabled: frozenset[str] = frozenset()) -> str | None:
    """The first experiment rule (:data:`RULES`) the candidate's evidence sentence satisfies."""
    return rules.rule_for(cand.kind, cand.facts, cand.where_facts, disabled)


def _record(text: str, title_end: int, sentences, names: list[_Name], mentions: Sequence[Mention],
            cand: Candidate, p: float, rule: str) -> Experiment:
    si, d, mo = cand.where
    s0, s1 = sentences[si]
    sentence = text[s0:s1]
    result = stated_result(sentence, s0, [n for n in names if n.sentence == si], mentions, cand) \
        if cand.kind == ExperimentKind.EVALUATED_ON else None
    in_title = s0 < title_end
    offset = 0 if in_title else title_end + 1
    named = d or mo
    span = (result[0].start + s0, result[0].end + s0) if result else (named.start, named.end)
    evidence = Evidence(sentence=sentence.rstrip(), field="title" if in_title else "abstract",
                        start=span[0] - offset, end=span[1] - offset, sentence_start=max(0, s0 - offset),
                        rule=f"experiment:{rule}:" + "+".join(sorted(cand.where_facts & _STRONG)),
                        confidence=round(p, 2))
    value = result[0] if result else None
    return Experiment(kind=cand.kind, model=mo.text if mo else mentions[cand.model].text,
                      model_mention=cand.model, data=d.text if d and not d.anaphor else mentions[cand.data].text,
                      data_mention=cand.data,
                      metric=result[1] if result else None, value=value.text if value else None,
                      number=value.number if value else None, unit=value.unit if value else None,
                      evidence=evidence)


def stated_result(sentence: str, s0: int, occ: list[_Name], mentions: Sequence[Mention],
                  cand: Candidate) -> tuple[res.Value, str | None] | None:
    """The value (and metric) the sentence states for this very pair, if any."""
    spans = [res.Span(n.start - s0, n.end - s0, n.mention) for n in occ]
    vals = free_values(sentence, s0, occ)
    if not vals:
        return None
    models = [s for s in spans if mentions[s.ident].type == MODEL]
    data = [s for s in spans if mentions[s.ident].type in DATA]
    claims = res.claimed(sentence, vals, models)
    own = [vals[i] for i, who in sorted(claims.items()) if who == cand.model]
    target = next((s for s in data if s.ident == cand.data), None)
    if own:  # "(X: 76.8%)" after each data name: the one after this data name
        after = [v for v in own if target is not None and v.start >= target.end]
        value = after[0] if after else own[0]
    else:
        model_spans = [s for s in models if s.ident == cand.model]
        # a compared model gets only the value written beside it or given to it by name ("for X and Y, respectively")
        compared = bool(model_spans) and "compared" in cand.where_facts and "subject" not in cand.where_facts
        free = [v for i, v in enumerate(vals) if i not in claims]
        lists = sorted(((data, cand.data), (models, cand.model)), key=lambda x: -_last_before(x[0], sentence))
        value = next(filter(None, (res.respectively(sentence, free, names).get(who) for names, who in lists
                                   if who == cand.model or not compared)), None)
        if value is None and compared:
            return None
        if value is None:
            if target is not None:
                value = res.nearest(sentence, vals, set(claims), target, model_spans[0] if model_spans else None)
            elif model_spans and cand.where_facts & {"sole_data", "our_data", "prev_data"}:
                # the paper's own data, not named again: "even GPT-4o answers only 41.2% of the questions";
                # the data of the sentence before: "Against the X baseline, accuracy rises to 52.5%"
                value = next(filter(None, (res.nearest(sentence, vals, set(claims), m, None) for m in model_spans)),
                             None)
    if value is None:
        return None
    return value, res.metric_near(sentence, value)


def _last_before(names: list[res.Span], sentence: str) -> int:
    """Where the last of the names before "respectively" ends: "A and B gain 6.8 and 2.3 on D for X and Y,
    respectively" pairs the values with the list nearest the word (X, Y), not with A and B."""
    at = sentence.lower().rfind("respectively")
    return max((n.end for n in names if n.end <= at), default=-1)


def experiments_of(doc, mentions: Sequence[Mention], lexicon: Lexicon | None = None,
                   disabled: frozenset[str] = frozenset()) -> tuple[Experiment, ...]:
    """The experiments of a processed paper (a spaCy ``Doc`` from :mod:`kg.extract.pipeline`)."""
    from kg.extract.pipeline import CANDIDATES, doc_text, sentence_table

    cands = doc.user_data.get(CANDIDATES, [])
    if not cands:
        return ()
    return extract_experiments(doc_text(doc), doc._.title_end, sentence_table(doc), cands, mentions,
                               lexicon=lexicon, disabled=disabled)
