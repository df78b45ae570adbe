"""The recognition rules' ids: the strings the exports show as an edge's rule (``mlkg:rule``).

Each is spelt here once; the rule records (rank, stage, what it finds) are
registered beside the functions in the modules of this package.
"""

from kg.extract.engine import REGISTRY

CATALOGUE = "catalogue"
VARIANT = "variant"
COMPOUND = "compound"
MODEL_SHAPE = "model-shape"
BENCH_SHAPE = "bench-shape"
ACRONYM = "acronym"
ACRONYM_UNSURE = "acronym-unsure"
PROPOSAL = "proposal"
LISTED = "listed"
OBJECT = "object"
APPOSITION = "apposition"
LIST_MATE = "list-mate"
SCORE_ON = "score-on"
METHOD_PHRASE = "method-phrase"
CAPITALISED_PHRASE = "capitalised-phrase"
REPEAT = "repeat"
SIZE_LIST = "size-list"
SHARED_HEAD = "shared-head"
RESULTS_ON = "results-on"
PREFIXED = "prefixed"
VERSIONED = "versioned"
KINDED = "kinded"
INTRODUCED_PHRASE = "introduced-phrase"  # finds nothing: marks method phrases the paper introduces
IN_URL = "in-url"  # finds nothing: drops the names written inside a URL
TASK_NAMED = "task-named"  # finds nothing: drops the names a definition calls a task
MODIFIER_ONLY = "modifier-only"  # finds nothing: drops a known architecture written only as "X-based"

# the rules that read the catalogue alone (``build_nlp(patterns=False)`` keeps only these)
CATALOGUE_RULES = frozenset({CATALOGUE, VARIANT, COMPOUND})


def is_new(rule_id: str) -> bool:
    """Whether a rule finds names the catalogue lacks (each is then looked for across its paper)."""
    return rule_id in REGISTRY and REGISTRY.get(rule_id).new


def rank_of(rule_id: str) -> int:
    """A rule's rank: the order within its stage, and which wins an overlap of equal length (lower wins)."""
    return REGISTRY.get(rule_id).rank if rule_id in REGISTRY else 99
