"""The spaCy pipeline: ``spacy.blank("en")`` + sentence starts (``mlkg_sentences``) + two components.

``mlkg_names``      runs the recognisers of :mod:`kg.extract.recognise` and
                    puts the surviving spans in ``doc.spans["mlkg"]``, each with
                    its :class:`Candidate` in ``span._.mlkg``.
``mlkg_relations``  gives every span a predicate from the cues of
                    :mod:`kg.extract.relations` (``span._.mlkg_predicate``).

A paper is processed as one ``Doc``: its title, a newline, its abstract; the
title is always a sentence of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict

import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from kg import catalogue as catalogue_mod
from kg.extract import DEFAULT_MODEL  # defined where a build reads it without loading spaCy
from kg.catalogue import Catalogue, name_key
from kg import names
from kg.extract.boundaries import STARTS, SentenceBoundaries
from kg.extract.decide import LinearModel, decide
from kg.extract.features import group_features
from kg.extract.rules import kinds
from kg.extract.rules.vocab import vocab
from kg.extract.rules.spread import _URL, _url_spans  # noqa: F401
from kg.extract.runner import NEW_NAME_RULES, RULE_RANK, find_candidates  # noqa: F401
from kg.extract.runner import resolve as _without_overlaps  # noqa: F401
from kg.extract.types import Candidate, changed
from kg.extract.cues.relation_rules import id_of, taken_up_by_pronoun, train_and_evaluate
from kg.extract.relations import Occurrence, classify, paper_context, strongest, taken_up, yield_default_fine_tunes
from kg.lexicon import Lexicon
from kg.model import EntityType, Evidence, Mention, Predicate

TAKEN_UP = id_of(taken_up_by_pronoun)  # the follow-up cue's id, as the registry spells it

SPAN_KEY = "mlkg"
CANDIDATES = "mlkg_candidates"  # doc.user_data key: the spans' candidates, in span order
CONTEXT = "mlkg_context"  # doc.user_data key: the paper's PaperContext
FEATURES = "mlkg_features"  # doc.user_data key: a list that collects (mention, features) when present

SPAN_INDEX = "mlkg_span_index"  # doc.user_data key: (start, end) token offsets of a span → its candidate's index
FOUND = "mlkg_found"  # doc.user_data key: the names found before the Doc was made (NameRecognizer.find)


def _candidate_of(span: Span) -> Candidate | None:
    """``span._.mlkg``: the span's candidate, looked up, so that a new (frozen) candidate needs no span edited."""
    k = span.doc.user_data.get(SPAN_INDEX, {}).get((span.start, span.end))
    return None if k is None else span.doc.user_data[CANDIDATES][k]


if not Span.has_extension("mlkg"):
    Span.set_extension("mlkg", getter=_candidate_of)
# Read-only views of what the relation tagger decided, for anyone inspecting a Doc.
for _name, _attr in (("mlkg_predicate", "predicate"), ("mlkg_rule", "relation_rule"),
                     ("mlkg_confidence", "relation_confidence")):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=lambda span, a=_attr: getattr(span._.mlkg, a, None))
if not Doc.has_extension("title_end"):
    Doc.set_extension("title_end", default=0)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get("mlkg_text")
    if text is None:
        text = doc.user_data["mlkg_text"] = doc.text
    return text


def sentence_table(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of every sentence, read in one pass over C arrays."""
    from spacy.attrs import IDX, SENT_START

    starts = doc.user_data.get(STARTS)
    if starts is not None:
        starts = list(starts)
    else:
        arr = doc.to_array([SENT_START, IDX])
        starts = arr[arr[:, 0] == 1, 1].tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = starts[1:] + [len(doc_text(doc))]
    return list(zip(starts, ends))


def _described_type(text: str, e: int) -> EntityType | None:
    """The type the words right after a name give it, with the shipped lexicon (tests read it here)."""
    return kinds._described_type(vocab(Lexicon.load()), text, e)


# --------------------------------------------------------------------------- names

@Language.factory("mlkg_names", default_config={"catalogue_dir": None})
def make_names(nlp: Language, name: str, catalogue_dir: str | None) -> "NameRecognizer":
    cat = catalogue_mod.load(catalogue_dir) if catalogue_dir else catalogue_mod.default()
    return NameRecognizer(cat, lexicon=Lexicon.load(catalogue_dir))


class NameRecognizer:
    """Data-driven like spaCy's EntityRuler: the catalogue and the lexicon are its only knowledge."""

    def __init__(self, catalogue: Catalogue, patterns: bool = True, lexicon: Lexicon | None = None):
        self.catalogue = catalogue
        self.lexicon = lexicon or Lexicon.load()
        self.patterns = patterns
        self.open_vocab = False  # lower-case method phrases: only where a learned decider filters them
        self.disabled: frozenset[str] = frozenset()  # rule ids switched off (per-rule ablation)

    def find(self, text: str, title_end: int) -> list[Candidate]:
        """The names of a paper's text: they depend on the characters alone, not on the tokens."""
        return find_candidates(text, title_end, self.catalogue, self.patterns, self.open_vocab, self.disabled,
                               self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        candidates = doc.user_data.pop(FOUND, None)
        if candidates is None:
            candidates = self.find(doc_text(doc), doc._.title_end)
        spans, kept = [], []
        for cand in candidates:
            span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            if span is None:
                continue
            spans.append(span)
            kept.append(cand)
        doc.spans[SPAN_KEY] = spans
        doc.user_data[CANDIDATES] = kept  # the same objects, without re-creating Spans to read them
        doc.user_data[SPAN_INDEX] = {(span.start, span.end): k for k, span in enumerate(spans)}
        return doc


@Language.factory("mlkg_relations", default_config={"catalogue_dir": None, "model_path": None})
def make_relations(nlp: Language, name: str, catalogue_dir: str | None, model_path: str | None) -> "RelationTagger":
    cat = catalogue_mod.load(catalogue_dir) if catalogue_dir else catalogue_mod.default()
    return RelationTagger(cat, LinearModel.load(model_path) if model_path else None, Lexicon.load(catalogue_dir))


class RelationTagger:
    """Give each name span the predicate its sentence supports.

    The cue rules tag every occurrence; with a ``model`` (:mod:`kg.extract.decide`)
    the entity's relations are then decided from all its occurrences at once.
    """

    def __init__(self, catalogue: Catalogue, model: LinearModel | None = None, lexicon: Lexicon | None = None):
        self.closed = catalogue.closed
        self.paradigms = catalogue.paradigms
        self.model = model
        self.lexicon = lexicon or Lexicon.load()
        self.disabled: frozenset[str] = frozenset()  # cue rule ids switched off (per-rule ablation)

    def __call__(self, doc: Doc) -> Doc:
        title_end = doc._.title_end
        table = sentence_table(doc)
        starts = [s for s, _ in table]
        cands: list[Candidate] = doc.user_data.get(CANDIDATES, [])
        proposed = frozenset(n for c in cands if c.proposed for n in (c.text, *c.aliases) if len(n) > 2)
        text = doc_text(doc)
        ctx = paper_context(text[:title_end], text[title_end + 1:], proposed, self.lexicon)
        doc.user_data[CONTEXT] = ctx
        doc.user_data["mlkg_closed"] = self.closed
        doc.user_data["mlkg_paradigms"] = self.paradigms
        tagged = []
        for cand in cands:
            index = bisect_right(starts, cand.start) - 1
            s_start, s_end = table[index]
            o = Occurrence(type=cand.type, sentence=text[s_start:s_end], start=cand.start - s_start,
                           end=cand.end - s_start, is_title=cand.start < title_end,
                           sentence_index=index, proposed=cand.proposed,
                           closed=cand.entry_id in self.closed, known=cand.entry_id is not None,
                           lead=_lead(cand, text, s_start))
            pred, rule, conf = classify(o, ctx, self.lexicon, self.disabled)
            tagged.append(changed(cand, sentence=table[index], predicate=pred, relation_rule=f"{cand.rule}+{rule}",
                                  relation_confidence=round(min(cand.confidence, conf), 2)))
        for k in _taken_up_by_pronoun(text, table, tagged, self.lexicon, self.disabled):
            tagged[k] = changed(tagged[k], predicate=Predicate.USES_TECHNIQUE,
                                relation_rule=f"{tagged[k].rule}+{TAKEN_UP}")
        _store(doc, tagged)
        return doc


def _lead(cand: Candidate, text: str, s_start: int) -> int:
    """The start of an acronym's long form, in the sentence, when "Long Form (" stands just before it; else -1."""
    span = cand.long_span
    if span is None or not s_start <= span[0] < span[1] <= cand.start or text[span[1]:cand.start].strip() != "(":
        return -1
    return span[0] - s_start


def _store(doc: Doc, cands: list[Candidate]) -> None:
    """Put new (frozen) candidates in place of the old ones, one for one (``span._.mlkg`` looks them up)."""
    doc.user_data[CANDIDATES] = cands


def _taken_up_by_pronoun(text: str, table: list[tuple[int, int]], cands: list[Candidate],
                         lexicon: Lexicon, disabled: frozenset[str]) -> list[int]:
    """The one technique of a background sentence that the next sentence applies ("… We apply it") is used.

    Returns the indices of the candidates to retag.
    """
    by_sentence: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k, cand in enumerate(cands):
        by_sentence[cand.sentence].append(k)
    out = []
    for i, span in enumerate(table[:-1]):
        named = [k for k in by_sentence.get(span, []) if cands[k].type == EntityType.TECHNIQUE]
        if len({cands[k].text for k in named}) != 1 or cands[named[0]].predicate != Predicate.MENTIONS:
            continue
        if taken_up(text[table[i + 1][0]:table[i + 1][1]], lexicon, disabled):
            out.extend(named)
    return out


@Language.factory("mlkg_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceBoundaries:
    """``sentencizer`` + ``mlkg_title_boundary`` in one, read off the Doc's arrays (:mod:`kg.extract.boundaries`)."""
    return SentenceBoundaries(nlp.vocab)


@Language.component("mlkg_title_boundary")
def title_boundary(doc: Doc) -> Doc:
    """The title is a sentence of its own, whatever its punctuation (the plain form of ``mlkg_sentences``)."""
    end = doc._.title_end
    if end:
        for tok in doc:
            if tok.idx >= end and not tok.is_space:
                tok.is_sent_start = True
                break
            if tok.idx > 0:
                tok.is_sent_start = False
    return doc



_PREFIX = re.compile(r"""^[("'“‘\[{<]""")
_SUFFIX = re.compile(r"""[)"'”’\]}>.,;:!?]$""")


@spacy.registry.tokenizers("mlkg.light_tokenizer.v1")
def light_tokenizer():
    """Whitespace and outer punctuation only.

    The recognisers read characters, not tokens: tokens only have to carry
    sentence boundaries and let spans align.  Without spaCy's infix and
    exception rules the tokenizer runs about four times faster, and names such
    as ``Llama-3-8B-Instruct`` stay one token.
    """
    def make(nlp: Language) -> Tokenizer:
        abbreviations = Lexicon.load().lines("abbreviations")  # the shipped list: a tokenizer has no data dir
        rules = {a: [{ORTH: a}] for a in abbreviations}
        rules.update({a.capitalize(): [{ORTH: a.capitalize()}] for a in abbreviations if a[0].islower()})
        return Tokenizer(nlp.vocab, rules=rules, prefix_search=_PREFIX.search, suffix_search=_SUFFIX.search)
    return make


def build_nlp(catalogue_dir: str | None = None, patterns: bool = True, relations: bool = True,
              model_path: str | None = DEFAULT_MODEL, open_vocab: bool | None = None,
              disabled_rules: frozenset[str] = frozenset()) -> Language:
    """The extraction pipeline; ``patterns``/``relations`` off serve the ablation, ``model_path=None`` the rules alone.

    ``disabled_rules`` switches named rules off by id (recognition, cue and experiment rules of
    :data:`kg.extract.engine.REGISTRY`), for a per-rule ablation.
    """
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "mlkg.light_tokenizer.v1"}}})
    # Each new word's lexical attributes are Python calls (shape, like_num, ...): keep the two that are read,
    # by the sentence starts (is_punct) and the title boundary (is_space).
    nlp.vocab.lex_attr_getters = {a: f for a, f in nlp.vocab.lex_attr_getters.items() if a in (IS_PUNCT, IS_SPACE)}
    nlp.add_pipe("mlkg_sentences")  # the same starts as "sentencizer" then "mlkg_title_boundary"
    names = nlp.add_pipe("mlkg_names", config={"catalogue_dir": catalogue_dir})
    names.patterns = patterns
    names.open_vocab = patterns and (bool(model_path) if open_vocab is None else open_vocab)
    names.disabled = frozenset(disabled_rules)
    if relations:
        tagger = nlp.add_pipe("mlkg_relations", config={"catalogue_dir": catalogue_dir,
                                                        "model_path": str(model_path) if model_path else None})
        tagger.disabled = frozenset(disabled_rules)
    return nlp


# --------------------------------------------------------------------------- papers

def paper_text(title: str, abstract: str) -> tuple[str, int]:
    return f"{title}\n{abstract}", len(title)


def mentions_of(doc: Doc, relations: bool = True, model: LinearModel | None = None) -> list[Mention]:
    """Group a processed paper's names into one mention per entity.

    Without a ``model`` the rules' most specific predicate wins; with one, the
    model decides each entity's relations (or that it is no entity at all).
    """
    title_end = doc._.title_end
    text = doc_text(doc)
    cands: list[Candidate] = doc.user_data.get(CANDIDATES, [])
    if cands and cands[0].sentence is None:  # relations off (ablation): sentences not read yet
        table = sentence_table(doc)
        starts = [s for s, _ in table]
        cands = [changed(c, sentence=table[bisect_right(starts, c.start) - 1]) for c in cands]
        _store(doc, cands)
    record = doc.user_data.get(FEATURES)
    recorded = len(record) if record is not None else 0
    out = []
    for group in _groups(cands):
        main = _most_specific(group)
        types = [c.type for c in group]
        etype = max(set(types), key=lambda t: (types.count(t), t == main.type))
        if relations:
            group = yield_default_fine_tunes(group)
        best = strongest([c.predicate for c in group]) if relations else Predicate.MENTIONS
        also, because, confidence = _also(best, group), (), None
        features = None
        if relations and (model is not None or record is not None):
            ctx = doc.user_data.get(CONTEXT)
            closed = any(c.entry_id in doc.user_data.get("mlkg_closed", ()) for c in group)
            features = group_features(group, main, etype.value, text, title_end, ctx, closed)
            if main.entry_id in doc.user_data.get("mlkg_paradigms", ()):  # catalogue: a generic paradigm
                features["cat=paradigm"] = 1.0
        if model is not None and features is not None:
            decision = decide(model, features, etype, (best, *also))
            if not decision.keep:
                continue
            best, also, because = decision.predicates[0], decision.predicates[1:], decision.because
            confidence = decision.confidence
        chosen = (best, *also)
        decisive = [c for c in group if not relations or c.predicate in chosen]
        ordered = decisive + [c for c in group if relations and c.predicate not in chosen]  # linear time
        evidence = tuple(_evidence(c, text, title_end, relations, because, confidence) for c in ordered[:3])
        aliases = sorted({c.text for c in group if c.text != main.text} |
                         {a for c in group for a in c.aliases if a != main.text})
        mention = Mention.built(  # every field is built right here: no need to validate
            text=main.text, type=etype, predicate=best, also=also, evidence=evidence,
            catalogue_id=main.entry_id, aliases=tuple(aliases), base=main.base, suffixes=main.suffixes,
        )
        if record is not None and features is not None:
            record.append((mention, features))
        out.append((mention, group))
    kept = _outside_wrapping_names(out)
    if record is not None and len(kept) < len(out):  # the decider learns from the mentions that are output
        ids = {id(m) for m in kept}
        record[recorded:] = [row for row in record[recorded:] if id(row[0]) in ids]
    return kept


def _outside_wrapping_names(kept: list[tuple[Mention, list[Candidate]]]) -> list[Mention]:
    """The kept mentions, less a name written only inside kept longer names built on it.

    "Pivoted PageRank" names one method, and a paper that never writes PageRank alone does not
    name PageRank: the annotation takes the most specific form written.  A name also written on its
    own stays (both are then entities: a variant with its own name is no alias).
    """
    spans = [(c.start, c.end) for _, group in kept for c in group if c.wraps]
    if not spans:
        return [m for m, _ in kept]
    return [m for m, group in kept  # a wrapping name itself, or a name written somewhere on its own
            if any(c.wraps or not any(s <= c.start and c.end <= e for s, e in spans) for c in group)]


_TRAIN_AND_EVALUATE = "+" + id_of(train_and_evaluate)  # "we train and evaluate our model on X"


def _also(best: Predicate, group: list[Candidate]) -> tuple[Predicate, ...]:
    """Data trained on in one sentence and reported on in another, or in one "we train and evaluate on X",
    carries both edges (guidelines v2)."""
    both = (c.predicate == Predicate.EVALUATES_ON or (c.relation_rule or "").endswith(_TRAIN_AND_EVALUATE)
            for c in group)
    if best == Predicate.TRAINS_ON and any(both):
        return (Predicate.EVALUATES_ON,)
    return ()


def _groups(cands: list[Candidate]) -> list[list[Candidate]]:
    """Candidates of one entity together, an alias defined after its first use included; in text order."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    alias_of: dict[str, str] = {}
    for cand in cands:
        key = _identity(cand)
        root = _find(alias_of, key)
        variant = bool(cand.entry_id and cand.base)
        if variant:  # a catalogue variant's identity is not its written key, which aliases are given by
            written = _find(alias_of, _written_key(cand.text, variant))
            if written != root:
                alias_of[written] = root
        for alias in cand.aliases:
            other = _find(alias_of, _written_key(alias, variant))
            if other != root:  # the alias names a group of its own, found before or after: one entity
                alias_of[other] = root
        groups[key].append(cand)
    merged: dict[str, list[Candidate]] = defaultdict(list)
    for key, group in groups.items():
        merged[_find(alias_of, key)].extend(group)
    return [merged[k] for k in sorted(merged, key=lambda k: merged[k][0].start)]


def _written_key(text: str, variant: bool) -> str:
    """The key a name is linked by; a variant's ("ViT-S", "Whisper-S") keeps its last letter: its -s is a size."""
    key = name_key(text)
    return key if variant else names.singular(key)


def _find(alias_of: dict[str, str], key: str) -> str:
    """The root of ``key``'s set (union-find without ranks: a paper's names are few)."""
    while alias_of.get(key, key) != key:
        key = alias_of[key]
    return key


def _identity(c: Candidate) -> str:
    if c.entry_id and c.base:
        return c.entry_id + "/" + "/".join(name_key(s) for s in c.suffixes)
    if c.entry_id:
        return c.entry_id
    return names.singular(name_key(c.text))


def _most_specific(cands: list[Candidate]) -> Candidate:
    """The surface to name the entity by: catalogue first, then the longest."""
    return sorted(cands, key=lambda c: (RULE_RANK.get(c.rule, 9) > 1, -len(c.suffixes), c.start))[0]


def _evidence(cand: Candidate, text: str, title_end: int, relations: bool, because: tuple[str, ...] = (),
              confidence: float | None = None) -> Evidence:
    s_start, s_end = cand.sentence
    in_title = cand.start < title_end
    offset = 0 if in_title else title_end + 1
    return Evidence.built(
        sentence=text[s_start:s_end].rstrip(),
        field="title" if in_title else "abstract",
        start=cand.start - offset,
        end=cand.end - offset,
        sentence_start=max(0, s_start - offset),
        rule=(cand.relation_rule if relations else cand.rule) or cand.rule,
        confidence=confidence if confidence is not None else
        cand.relation_confidence if relations else cand.confidence,
        because=because,
        recogniser=cand.rule,
        cue=_cue(cand) if relations else "",
    )


def _cue(cand: Candidate) -> str:
    """The relation half of ``cand.relation_rule`` ("listed+evaluate-on" → "evaluate-on")."""
    return (cand.relation_rule or "").partition("+")[2]
