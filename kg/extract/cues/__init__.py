"""Relation and experiment cues: regular expressions composed from the lexicon, and named cue rules.

:mod:`.patterns` builds every cue pattern from the word lists in
``kg/data/lexicon/`` (one :class:`~.patterns.Cues` object per lexicon);
:mod:`.relation_rules` registers each relation cue as a named rule of stage
``"cue"`` in :data:`kg.extract.engine.REGISTRY`.
"""
