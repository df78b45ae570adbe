r"""The cue patterns, composed from the lexicon: each word class is written once, in a data file.

A template names a word list by ``{list_name}``; the list (``kg/data/lexicon/<list_name>.txt``)
becomes a non-capturing alternation of its entries in file order, and an entry may
name another list the same way.  What stays here is grammar: spaces, optional
words, anchors and the few function words that glue a cue together.

>>> cues = Cues.of()
>>> bool(cues.TRAIN_ON.search("trained on the data")), bool(cues.TRAIN_ON.search("evaluated on the data"))
(True, False)
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from kg.extract.alternation import distributed, factored
from kg.lexicon import Lexicon
from kg.extract.uncased import compile_ignorecase

_LIST = re.compile(r"\{([a-z][a-z_]*)\}")

# pieces of the patterns of a name the paper introduces (INTRODUCED_BEFORE and its kin)
_DET = r"(?:(?:a|an|the|two|three|four|several|our)\s+)?"
_NOT_GLUE = r"(?!(?:{prepositions}|to|that|which)\b)"  # a describing word, not a preposition or a relative
_KINDS = r"(?:{cue_introduced_kinds})(?:s|es)?"
_CAP = r"(?-i:[A-Z0-9])"  # a capital even though the cues ignore case
# the rest of a list of names after one of them: ", Y and the Z (Z')"
_LIST_REST = (r"(?:\s*(?:\([^)]{0,40}\))?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:(?:the|a|an)\s+)?"
              + _CAP + r"[\w.\-]*(?=[\s,(]))*\s*(?:\([^)]{0,40}\))?")

# --- relations: whose work a sentence describes
_RELATIONS = {
    "OURS": r"\b{cue_self_reference}\b|^(?:this|the) (?:{cue_own_modifiers} )?{cue_own_method_nouns}\b"
            r"|^this (?:model|system)\b",
    # "Testing six models shows ...": a sentence opening on a study verb is ours, unless it speaks of earlier work
    "OURS_OPENER": r"^(?:by\s+)?{verbs_own_study}\b",
    "BACKGROUND": r"\b{cue_background}\b",
    "RELATED_WORK": r"\brelated\s+{cue_related_work}\b",
    "BACKGROUND_HINT": r"\b{cue_background_hint}\b",
    # where a result sentence turns to what it is compared with: "... higher accuracy than recent models such as X"
    "COMPARED_TAIL": r"\b(?:{cue_outperform}|than|versus|vs\.|compared\s+(?:to|with))(?=\s)",
    "EXPERIMENT": r"\b{cue_experiment}\b|\d\s?%",  # "attain only 50%": a stated result
    # --- models
    "FINE_TUNE": r"\b{cue_fine_tune}",
    # "X is further fine-tuned", "X, trained on our images", also after the rest of a list of names:
    # "X, Y and Z were fine-tuned on ..."
    "FINE_TUNE_AFTER": r"^" + _LIST_REST + r"(?:\s*(?:(?:base|backbone)\s+)?(?:models?\s+|checkpoints?\s+)?"
                       r"(?:(?:can|could|may|might|will|would|should|must)\s+(?:also\s+)?be\s+"
                       r"|(?:has|have|had)\s+(?:also\s+)?been\s+|is|are|was|were|being|,)?\s*(?:(?:further|then|first|also)\s+)?"
                       r"(?:{verbs_fine_tuned}|student\b"  # "a small X student"
                       r"|with\s+(?:[\w\-]+\s+){0,2}?fine-?tuning(?![\w\-])"  # "X with full fine-tuning"
                       r"|as\s+(?:the|our|a)?\s*{cue_base_roles}\s*(?:model|LLM|network)?\b)"
                       # "trained" only as the name's own predicate, never "X trained on Y" (models others trained)
                       r"|\s*(?:\([^)]{0,40}\)\s*)?(?:models?\b\s*)?(?:,\s*|(?:is|are|was|were)\s+)"
                       r"(?:(?:then|further|also)\s+)?(?:re-?)?trained\s+(?:on|with|using)\b)",
    "ROLE_AFTER": r"^\s*(?:\([^)]{0,40}\)\s*)?(?:models?\s+)?(?:is\s+used\s+)?as\s+(?:a|an|the|our)?\s*"
                  r"(?:strong\s+)?{cue_role_after}\b",
    "ROLE_NEAR": r"\b{cue_role_near}\b",
    "ROLE_BEFORE": r"\b{cue_role_before}",
    "EVALUATE": r"\b{cue_evaluate}\b",
    "COMPARE": r"\b{cue_compare_relation}",
    "OUTPERFORM": r"\b{cue_outperform}",
    # "ours outperforms a supervised X", "compared to standard X": what the paper's result is set against, with at
    # most three lower-case describing words between (a technique only compared with is mentioned)
    "OUTPERFORMED": r"\b(?:{cue_outperform}|against|compared\s+(?:to|with))\s+(?:(?-i:[a-z])[\w\-]*\s+){0,3}$",
    # "outperforms strong ranking baselines, including X": the list after the describing words is compared with
    "COMPARED_KIND": r"\b(?:{cue_outperform}|compar\w*\s+(?:to|with|against)|against|versus|vs\.?)\s+"
                     r"(?:[\w\-]+\s+){0,4}?"
                     r"(?:{cue_compared_kinds})\s*,?\s*(?:such\s+as|including|like|e\.g\.,?)",
    "FROM_SCRATCH": r"\bfrom scratch\b",
    "EXPLICIT_FINE_TUNE": r"\b{verbs_fine_tune}",
    "APPLIED_TO": r"\b{cue_applied_to}",  # the "apply X to Y" part of FINE_TUNE
    "CLAUSE_BREAK": r"[,;:]|\b(?:which|who|whose|that|while|whereas)\b",  # where a name's own clause ends
    # a sentence that names a way of training: "apply GRPO to Y", "our recipe trains Y" (not "training-free")
    "TRAINING_SAID": r"\b{cue_training_methods}\b|\b{verbs_fine_tune}|\b(?:re-?|pre-?|post-?)?train(?:s|ed|ing)?\b(?!-)",
    # "nine instruction-tuned LLMs (A, B)": a participle describing a noun of kind, not a deed of ours
    "DESCRIBING_PARTICIPLE": r"(?<!\bwe\s)(?<!\bour\s)(?<!\bthe\s)(?<!\bthese\s)(?<![\w\-])"
                             r"[\w\-]*?(?:{cue_attributive_participles})(?=\s+(?:[\w\-]+\s+)?{cue_kind_nouns}\b)",
    # "When fine-tuned on the task, X and Y ...": the opening clause's participle is said of the subject
    "FINE_TUNED_OPENING": r"^\W*(?:when|after|once|if)\s+(?:further\s+|first\s+)?(?:{verbs_fine_tuned})\b",
    "YARDSTICK_AFTER": r"^-(?:{cue_scale_suffixes})\b",
    "SIZE_THAN": r"\b(?:larger|bigger|smaller)\s+than\b",  # "larger than X and Y": a comparison of sizes only
    "OURS_BEFORE": r"\b(?:{cue_ours_before})\s+$",  # "our curated X": data the paper made
    "OURS_MODEL_BEFORE": r"\b(?:{cue_ours_model_before})\s+$",  # "our trained model X"
    # "we propose two algorithms -- A and B", "a newly collected dataset, C": a new name the paper introduces here
    "INTRODUCE_TRIGGER": r"\b(?:{cue_introduce_verbs})\w*|\bnew(?:ly)?\b|\bnovel\b",
    "INTRODUCED_BEFORE": r"(?:(?:\b(?:we|paper|work|study|report)\s+(?:\w+\s+){0,2}?(?:{cue_introduce_verbs})"
                         r"(?:e|es|ed|ing|s|d)?|,\s+(?:thereby\s+|thus\s+)?(?:{cue_introduce_verbs})e?ing"
                         # a second verb of ours: "we propose A, ..., and introduce the B dataset" (not "we test on
                         # C, which extends D and introduces E": a relative pronoun between gives the verb another subject)
                         r"|\bwe\s+(?:(?!(?:which|who|whose|that)\b)[^.;])*?\band\s+(?:also\s+|further\s+)?"
                         r"(?:{cue_introduce_verbs})(?:e|ed|d)?)\s+"
                         r"(?:" + _DET + r"(?:(?:{novelty_words})\s+)*"
                         r"|" + _DET + r"(?:" + _NOT_GLUE + r"[\w\-]+\s+){0,4}?" + _KINDS
                         + r"\s*(?:,|:|--|—|\(|namely|called|named|dubbed|termed|i\.e\.,?)?\s*)"
                         r"|\b(?:a|an)\s+(?:new|novel)\s+(?:" + _NOT_GLUE + r"[\w\-]+\s+){0,3}?" + _KINDS
                         + r"\s*(?:,|:|--|—|\()\s*"
                         r"|\bnewly\s+(?:{release_stems})\w*\s+(?:[\w\-]+\s+){0,2}?" + _KINDS + r"\s*(?:,|:|--|—)\s*)"
                         r"(?:" + _CAP + r"[^\s,;]*(?:\s+\([^)]*\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)){0,5}"
                         # ... and a long form before its acronym: "Long Form (LF"
                         r"(?:(?:" + _CAP + r"[^\s,;(]*\s+){0,4}?" + _CAP + r"[^\s,;(]*\s*\()?[\"“]?$",
    # "the QuillGAN algorithm developed in this research": named where the paper says it is its own
    "INTRODUCED_AFTER": r"^\s*,?\s+(?:" + _KINDS + r"\s+)?(?:that\s+we\s+|we\s+)?(?:{cue_introduce_verbs})(?:ed|d)"
                        r"\s+(?:in|by)\s+(?:this|the\s+present|our)\s+(?:{cue_work_nouns}|research)\b",
    "INTRODUCED_NOT_AFTER": r"^[\"”]?(?:\s+|-)(?:{cue_introduced_not_after})\b",
    # "we propose FernFuse, a joint fusion model": the description set beside the paper's own name
    "APPOSED_TO": r"(?P<name>[\w.\-+*]+)\s*,\s*(?:a|an|the)\s+(?:(?:{novelty_words})\s+)*$",
    "KIND_AFTER": r"^\s+(?:[\w\-]+\s+)?" + _KINDS + r"\b",
    # "we present two parts: A, a large-scale dataset of ...; B, a benchmark ...": a new name described as it comes
    "DESCRIBED_AFTER": r"^\s*,\s+(?:a|an)\s+(?:[\w\-]+,?\s+){0,5}?" + _KINDS + r"\b",
    # ... unless the name is the object of a preposition or a verb of use: "evaluate on A, a benchmark of ..."
    "OBJECT_BEFORE": r"\b(?:{prepositions}|against|to|via|use[sd]?|using|adopt\w*|employ\w*|leverag\w*)\s+(?:the\s+)?$",
    "OURS_BASED_ON": r"\bour\s+$",  # "our X-based model": the model is ours, X its base
    "BASIS_AFTER": r"^(?:-|\s+)(?:{cue_basis_suffixes})\b(?!\s+(?:on|upon)\b)",  # "a GRPO-based framework": the name is what ours builds on
    "FROZEN": r"\b(?:{cue_frozen})\b",
    # "Inspired by X, we ...", "building on X and Y": what the paper's own work rests on
    "BUILT_UPON": r"\b(?:{cue_built_upon})\b",
    "BUILT_UPON_OPENING": r"^\W*(?:{cue_built_upon})\b",
    # a reference to its authors right after a name: "BERT (Devlin et al., 2019)", "X by Vaswani et al. (2017)"
    "CITED_AFTER": r"^\s*(?:[\w\-]+\s+){0,2}?(?:by\s+|[(\[]\s*|;\s*)[\w\-]+(?:\s+(?:and|&)\s+[\w\-]+)?\s+"
                   r"{cue_citation},?\s*[(\[]?\s*(?:19|20)\d\d",
    "FROZEN_AFTER": r"^\s*(?:\([^)]{0,40}\)\s*)?(?:(?:is|are|was|were|remains?|stays?|kept|being)\s+)?(?:{cue_frozen})\b",
    # "X features", "X patch descriptors": the model serves as a fixed feature extractor
    "FEATURES_AFTER": r"^[\s\-]+(?:(?:patch|visual|image|text|token|frozen)[\s\-]+)?(?:{cue_feature_nouns})\b"
                      r"(?!\s+(?:a|an|the|\d))",  # not the verb: "X features 7 billion parameters"
    "ARCHITECTURE_AFTER": r"^(?P<gap>[^.;:]{0,60}?)\b{cue_architecture_nouns}\b",  # gap: list material only
    # "agents built on X", "a system that runs X": a system that calls the model as it is
    "SYSTEM_ON": r"\b{cue_system_nouns}\s+(?:(?:that|which)\s+(?:are\s+|is\s+)?|are\s+|is\s+)?{cue_system_on}",
    # --- data
    "TRAIN_ON": r"\b{verbs_train_on}\s+(?:(?!{cue_measure_stems})[\w\-.]+\s+){0,10}?(?:on|using)\b"
                r"|\b{verbs_train}\s+(?:[\w\-.]+\s+){0,4}?(?:with|from)\b",
    # "training on domain datasets like X and Y": the list after the data's kind is trained on (cf. COMPARED_KIND)
    "TRAINED_KIND": r"\b{verbs_train_on}\s+(?:(?!{cue_measure_stems})[\w\-.]+\s+){0,10}?(?:on|using)\s+"
                    r"(?:(?!{cue_others_data}\b)[\w\-]+\s+){0,3}?(?:{cue_trained_kinds})"
                    # ... and where the data comes from: "on datasets from two suites, namely X and Y"
                    r"(?:\s+(?:from|of)\s+(?:[\w\-]+\s+){0,3}?[\w\-]+)?"
                    r"\s*,?\s*(?:such\s+as|including|like|e\.g\.,?|namely|i\.e\.,?)",
    # "we train and evaluate our model on X": the data is trained on and reported on
    "TRAIN_AND_EVALUATE": r"\b(?:(?:pre-?|re-?)?train(?:s|ed|ing)?|{verbs_fine_tune_stems})\s+and\s+"
                          r"(?:evaluat|test|validat|benchmark)\w*\s+(?:(?!on\b|using\b)[\w\-.]+\s+){0,4}?"
                          r"(?:on|using|with|across)\b",
    "TRAIN_AFTER": r"^\s*(?:dataset|data|corpus)?\s*(?:for|as)\s+{cue_training_purpose}"
                   r"|^\s*{cue_training_nouns}\s+(?:data|set|corpus)"
                   # "the FooCorpus dataset to continually pre-train a 3B model": data used to train
                   r"|^\s*(?:dataset|data|corpus|collection)?\s*to\s+(?:\w+ly\s+)?(?:(?:pre-?|re-?|post-?)?train\b"
                   r"|{verbs_fine_tune_stems})",
    # "models trained on X", "Zeta-7B trained on X": someone's trained model (a capital: a name, not any word before
    # "trained", since the cues ignore case: "the model is pretrained on X", "a probe trained on X" are ours)
    "SOMEONE_ELSES": r"(?<!\bour )(?<!\bwe )\b(?:models?|" + _CAP + r"[\w.\-]*)\s+(?:pre-?)?trained\s+on\s+"
                     r"(?:other\s+|existing\s+)?(?:[\w\-]+\s+){0,3}?$",
    "DATA_NOUN_AFTER": r"^[\s\-]*(?:{cue_data_modifiers}\s+)?{cue_data_nouns}s?\b",
    # "two post-training datasets: A and B", "corpora such as A": a model's name used for its data
    "DATA_LIST_BEFORE": r"\b(?:datasets|data\s+sets|corpora|collections)\b\s*"
                        r"(?::|,?\s*(?:such\s+as|like|including|namely|e\.g\.,?))",
    "EVAL_ON": r"\b{cue_eval_on}\b",
    # --- contrast and negation
    "CONTRAST": r"\b{cue_contrast}",
    "CONTRASTED_TRAINING": r"\b{cue_contrast_training}\s+(?:\w+\s+){0,2}?"
                           r"(?:(?:pre-?|fine-?|re-?|post-?)?train\w*|{verbs_fine_tune_stems})"
                           r"\s+(?:[\w\-]+\s+){0,3}?(?:on|using|with)\s+(?:the\s+)?$",
    "CONTRAST_OPENING": r"^\W*{cue_contrast_openers}\b",
    "CONTRAST_AFTER": r"^[\s\-]*{cue_contrast_after}\b",
    # --- the paper as a whole
    "TRAINS_MODELS": r"\b(?:we|our\s+{cue_our_method_nouns})\s+(?:(?!not\b|never\b)\w+\s+){0,3}?"
                     r"{verbs_trains_models}",
    "TRAINS_MODELS_TITLE": r"\b{cue_training_title}\b",
    "TRAINING_METHODS": r"\b{cue_training_methods}\b",
    "NOT_TRAINING": r"\b{cue_not_training}\b",
    "TAKEN_UP": r"^\W*we\s+(?:\w+\s+)?{verbs_take_up}\s+(?:it|this {cue_take_up_nouns})\b",
    "TITLE_GENRE": r"\b({cue_title_genre})\b",  # group 1: the genre word
}

# --- experiments: the facts of a model–data pair
_EXPERIMENTS = {
    "RESULT_VERB": r"\b{exp_result_words}\b",
    "EXP_EVALUATE": r"\b{exp_evaluate_words}\b",
    "COMPARE_BEFORE": r"\b{exp_compare_before}\s+(?:\S+\s+){0,5}?$",
    "TRAIN_BEFORE_DATA": r"\b(?:{exp_train_verbs}|learn\w*)\s+(?:\S+\s+){0,6}?(?:on|with|using|from|over)\s+"
                         r"(?:the\s+|our\s+|a\s+|an\s+|\S+\s+){0,3}$",
    "TRAIN_BEFORE_MODEL": r"\b{exp_train_model_verbs}\s+(?:\S+\s+){0,4}?$",
    "BASE_BEFORE_MODEL": r"\b{exp_base_phrases}\s+(?:the\s+|a\s+)?$",
    "TRAIN_AFTER_MODEL": r"^\W*(?:\S+\s+){0,3}?(?:is\s+|was\s+|are\s+|were\s+)?(?:further\s+)?"
                         r"{exp_trained}\s+(?:\S+\s+){0,4}?(?:on|with|using)\b",
    "TRAIN_VERB": r"\b{exp_train_verbs}\b",
    # a result verb right after a model's name: its subject ("X achieves", "the X model consistently outperforms")
    "RESULT_AFTER_MODEL": r"\s*(?:(?:{exp_system_nouns})\s+)?(?:\([^()]{0,40}\)\s*)?(?:\w+ly\s+|also\s+|still\s+)?"
                          r"{exp_result_words}\b",
    "EVAL_BEFORE_DATA": r"\b{exp_eval_before_data}\s+(?:\S+\s+){0,6}?(?:on|across|over|using|against|in)\s+"
                        r"(?:the\s+|our\s+|both\s+|\S+\s+){0,3}$",
    "ON_BEFORE_DATA": r"\b(?:on|across|in|over|at|for)\s+(?:the\s+|our\s+|both\s+|several\s+|\S+\s+){0,3}$",
    "LISTED_BEFORE": r"\b{cue_listing}\s+(?:\S+\s+){0,6}?$",
    # a name the own work draws on, not a part it introduces: "inspired by X", "heuristics such as A, B (C)"
    "DRAWN_ON_BEFORE": r"\b(?:{cue_listing}|{cue_built_upon})\s+(?:the\s+)?"
                       r"(?:[^\s,;:.()]+(?:\s+[^\s,;:.()]+){0,3}(?:\s*\([^()]{0,20}\))?,\s+(?:and\s+|or\s+)?){0,3}$",
    "EXP_BACKGROUND": r"\b{exp_background}\b",
    "EXP_OURS": r"\b(?:our|the\s+proposed|the\s+resulting|this)\s+(?:\S+\s+){0,3}?{exp_system_nouns}\b|\bthe\s+model\b",
    "WE": r"\b(?:it|we|its)\b",
    "OUR_DATA": r"\b(?:our|the\s+proposed|the|this|the\s+new)\s+(?:\S+\s+){0,2}?{exp_data_nouns}\b",
    "RESPECTIVELY": r"\brespectively\b",
    "EXP_ROLE_BEFORE": r"(?:\b{exp_role_by}\s+by|\b(?:{cue_role_nouns}|supervisor)s?(?:\s+model)?|"
                       r"judge\W*\s+(?:\S+\s+){0,2}with)\s+(?:the\s+|a\s+)?$",
    "EXP_ROLE_AFTER": r"^\s*(?:\([^)]{0,30}\)\s*)?(?:as\s+(?:a|an|the|our)\s+(?:\S+\s+){0,2}?"
                      r"{exp_role_after}|(?:\w+ly\s+)?supervis(?:es|ed)\b)",
    # a model that is a fixed part of the system the sentence evaluates: "with frozen X", "X features"
    "EXP_COMPONENT_BEFORE": r"\b(?:with|using)\s+(?:the\s+|a\s+|an\s+)?{exp_component_before}\s+(?:[^\s,;]+\s+){0,5}?$",
    "EXP_COMPONENT_AFTER": r"^\s*{exp_component_after}\b",
    # an evaluating verb a few words before a model's name: "we evaluate the behaviour of X"
    "EXP_EVALUATE_BEFORE_MODEL": r"\b(?:{exp_evaluate})\s+(?:[\w'’\-]+\s+){0,4}?$",
    "EXP_DATA_ANAPHOR": r"\b(?:{exp_data_anaphors})\b",  # "this data", "our corpus": a data set named before
    # the paper's own name for one trained system: "KLF-Net", "Foo Transformer v2", "Spectral Mixing Network"
    # (kg.extract.experiment_names.as_models reads the head as a name only when it is capitalised)
    "EXP_SYSTEM_NAME": r"(?:{exp_system_heads})(?:[\s\-]?v?\d[\w.]*)?$",
    # ... or what a name is said to be right after it: "X, a sparse graph attention network that ...",
    # "X: Sparse Graph Attention Network for ...", "X (Y), a hybrid CNN-Transformer architecture"
    "EXP_SYSTEM_DESCRIBED": r"\s*(?:\([^()]{0,80}\)\s*)?[,:]\s*(?:(?:a|an|our|the)\s+)?"
                            r"(?:(?!(?:{prepositions}|to|that|which|and|a|an|the|our)\b)[\w\-]+,?\s+){0,5}?"
                            r"(?:{exp_system_heads})s?"
                            r"(?=\s*(?:[,.;:()]|$)|\s+(?:{apposition_after}|\w+ed)\b)",
}
TEMPLATES = {**_RELATIONS, **_EXPERIMENTS}


def expand(template: str, lexicon: Lexicon, depth: int = 0) -> str:
    """The template with each ``{list}`` replaced by the list's alternation (lists may name lists)."""
    if depth > 8:
        raise ValueError(f"lexicon lists name each other in a loop: {template[:80]}")
    return _LIST.sub(lambda m: expand(_fragments(lexicon, m.group(1)),
                                      lexicon, depth + 1), template)


def _fragments(lexicon: Lexicon, name: str) -> str:
    """``lexicon.fragments(name)``, its branches factored by their first character (the same matches, faster);
    a branch that opens on a group of words is first written as one branch per word (:func:`distributed`)."""
    branches = [b for line in lexicon.lines(name) for b in distributed(line)]
    return "(?:" + factored(list(dict.fromkeys(branches))) + ")"


class Cues:
    """Every cue pattern of one lexicon, compiled once; read-only (``cues.FINE_TUNE``, ``cues.fillers``)."""

    def __init__(self, lexicon: Lexicon):
        for name, template in TEMPLATES.items():
            object.__setattr__(self, name, compile_ignorecase(expand(template, lexicon)))
        object.__setattr__(self, "fillers", lexicon.words("cue_fillers"))
        object.__setattr__(self, "method_heads", lexicon.words("method_heads"))  # "learning", "decoding": kinds
        object.__setattr__(self, "root", lexicon.root)

    def __setattr__(self, name, value):
        raise AttributeError("Cues are read-only")

    def __repr__(self) -> str:
        return f"Cues({self.root or 'shipped'})"

    @staticmethod
    def of(lexicon: Lexicon | None = None) -> "Cues":
        """The cues of ``lexicon`` (``None``: the shipped one), built once per lexicon directory."""
        return _cues((lexicon or Lexicon.load()).root)


@cache
def _cues(root: Path | None) -> Cues:
    return Cues(Lexicon.load(root))
