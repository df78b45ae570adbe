"""Find the names in a text: known ones, and new ones by how they are written.

Every recognition rule is a plain function over one paper's text (title,
newline, abstract), registered with its id, stage and rank in
:mod:`kg.extract.rules`; :mod:`kg.extract.runner` runs them stage by stage and
keeps the best non-overlapping candidates.  The rules, most trusted first:

``catalogue``       a known name, however it is spaced, hyphenated or cased     (rules/known.py)
``variant``         a known model with sizes or variant words (``Llama-3-8B-Instruct``)
``compound``        a known name joined to a new one (``LLaVA-Med``, ``LoRA-Fern``)
``prefixed``        a new name of a word, a hyphen and a known name (``Fern-DPO``)  (rules/prefixed.py)
``model-shape``     an unknown name with a size (``KELP-1.3B``)                  (rules/shapes.py)
``bench-shape``     an unknown name written like a benchmark (``…Bench``, ``…Eval``, ``…QA``)
``acronym``         a definition, ``Contrastive Reward Shaping (CRS)``          (rules/acronyms.py)
``acronym-unsure``  a definition kept only if the paper proposes it
``proposal``        a name the paper introduces (``X: …`` titles, "we propose X") (rules/proposals.py)
``listed``          a name in an enumeration typed by its noun                  (rules/lists.py)
``object``          a name right after "fine-tune", "prompt"; versioned names evaluated (rules/objects.py)
``apposition``      a name then its kind ("CodeRiver, a new suite of …")
``list-mate``       a new name coordinated with known ones of one type          (rules/lists.py)
``score-on``        a new name where a score is reported on it
``results-on``      new names in a list results are reported on ("evaluated on Foo-1 and Bar2")   (rules/objects.py)
``method-phrase``   a lower-case method phrase, for the learned decider         (phrases.py)
``capitalised-phrase`` a run of capitalised words naming a part of the paper's own work, for the learned decider
``introduced-phrase`` finds nothing: marks a method phrase right after "we propose" as proposed  (rules/introduced.py)
``repeat``          a new name found once, wherever else the paper writes it    (rules/spread.py)
``shared-head``     a name sharing its head with the next one (``prompt/prefix tuning``)  (rules/ellipsis.py)
``versioned``       a name and the version written after it (``QX-Terra 2.0``, ``Argoverse 2``)  (rules/versions.py)
``size-list``       sizes written apart from their model: one model per size (``Foo-2 (70B)``) (rules/sizes.py)
``in-url``          finds nothing: drops the names written inside a URL
``task-named``      finds nothing: drops new names a definition calls a task ("LF (XY) aims to …")  (rules/acronyms.py)
``modifier-only``   finds nothing: drops a known architecture written only as a modifier ("transformer-based")

The rule ids are spelt once, in ``rules/ids.py``; the words the rules read are
lists under ``kg/data/lexicon/`` (``rules/vocab.py``, ``rules/patterns.py``).
This module keeps the names other code and tests import from it.
"""

from __future__ import annotations

from kg import names  # noqa: F401
from kg.extract.rules.acronyms import acronym_pairs  # noqa: F401
from kg.extract.rules.common import GENERIC, GENERIC_KEYS  # noqa: F401
from kg.extract.rules.vocab import Vocab, vocab  # noqa: F401
from kg.extract.rules.known import known_names  # noqa: F401
from kg.extract.rules.lists import list_mates, listed_names, scored_names  # noqa: F401
from kg.extract.rules.objects import _typed_apposition_matches, object_names, typed_appositions  # noqa: F401
from kg.extract.rules.shapes import shaped_names  # noqa: F401
from kg.extract.rules.titles import (SUBJECT_DEFINED, proposal_spans, said_to_be_proposed,  # noqa: F401
                                     subtitle_type, title_name, title_phrase)
from kg.extract.text import Coverage, Text, _Coverage, part_key  # noqa: F401
from kg.extract.types import B, Candidate, D, M, T  # noqa: F401
