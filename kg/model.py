"""The records that cross stage boundaries.

Every stage takes and returns these models, so a newcomer can read what flows
between ``ingest``, ``extract``, ``resolve``, ``graph`` and ``export`` here
without reading the stages themselves.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from kg import predicates


class EntityType(StrEnum):
    """The four entity classes of the gold guidelines (and the ontology)."""

    MODEL = "Model"
    BENCHMARK = "Benchmark"
    DATASET = "Dataset"
    TECHNIQUE = "Technique"


#: Paper → entity relations, most specific first: one enum member per relation row of
#: kg/data/predicates.tsv (``Predicate.FINE_TUNES == "fineTunes"``).  The order is the
#: precedence used when one paper relates to one entity in several ways: the graph keeps
#: a single, most informative edge.
Predicate = StrEnum("Predicate", [(predicates.member_name(p), p) for p in predicates.relations()],
                    module=__name__, qualname="Predicate")
Predicate.__doc__ = "Paper → entity relations, most specific first (the rows of kg/data/predicates.tsv)."


VARIANT_OF = "variantOf"
DERIVED_FROM = "derivedFrom"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def built(cls, **values):
        """``model_construct(**values)`` for a value given for every field, in the fields' order (as a call site
        that makes each one writes them): the same model, without pydantic's loop over the fields and their
        aliases, several times slower (extraction makes about 25 a paper).  Other values go to ``model_construct``."""
        if tuple(values) != (_PLAIN_FIELDS.get(cls) or _plain_fields(cls)):
            return cls.model_construct(**values)
        model = cls.__new__(cls)
        _set(model, "__dict__", values)
        _set(model, "__pydantic_fields_set__", set(values))
        _set(model, "__pydantic_extra__", None)
        _set(model, "__pydantic_private__", None)
        return model


_set = object.__setattr__


_PLAIN_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _plain_fields(cls: type[Frozen]) -> tuple[str, ...] | None:
    """The field names of a model that ``model_construct`` fills by name alone (no alias, no extra, no
    post-init, no root), in order; None for any other."""
    got = _PLAIN_FIELDS.get(cls, ())
    if got == ():  # not asked yet
        fields = cls.__pydantic_fields__
        plain = not (cls.__pydantic_post_init__ or cls.__pydantic_root_model__
                     or cls.model_config.get("extra") == "allow"
                     or any(f.alias is not None or f.validation_alias is not None for f in fields.values()))
        got = _PLAIN_FIELDS[cls] = tuple(fields) if plain else None
    return got


class Source(Frozen):
    """Where a paper was seen: a page (relative to the input given) and a line."""

    page: str
    line: int = Field(ge=0, description="1-based line of the title; 0 for JSON records")


class Paper(Frozen):
    """One paper, merged over every page it was seen on."""

    key: str = Field(description="stable identifier: arxiv-<id> or title-<hash>")
    title: str
    abstract: str
    sources: tuple[Source, ...] = ()
    arxiv_id: str | None = None
    authors: int | None = Field(default=None, description="author count, when the page gives it")
    organization: str | None = None
    date: str | None = Field(
        default=None, description="ISO date (YYYY-MM-DD) or, without a year, --MM-DD"
    )
    upvotes: int | None = None
    urls: tuple[str, ...] = ()


class Evidence(Frozen):
    """The text that supports one edge, and how it was read."""

    sentence: str
    field: str = Field(default="abstract", description="'title' or 'abstract'")
    start: int = Field(ge=0, description="offset of the mention in the field's text")
    end: int = Field(ge=0)
    sentence_start: int = Field(default=0, ge=0, description="offset of the sentence in the field")
    rule: str
    confidence: float = Field(ge=0.0, le=1.0)
    because: tuple[str, ...] = Field(default=(), description="features that decided the relation, if learned")
    # the two halves of ``rule`` ("listed+evaluate-on"), for code that reads them; not exported
    recogniser: str = Field(default="", exclude=True, description="the recognition rule that found the name")
    cue: str = Field(default="", exclude=True, description="the relation cue that gave the predicate")


class Mention(Frozen):
    """One entity as one paper names it, before it is resolved across papers.

    ``text`` is the most specific surface form in the paper, ``aliases`` the
    others (an acronym and its expansion).  A model written as a variant of a
    known or unknown base (``Llama-3-8B-Instruct``) carries that ``base``
    surface and the ``suffixes`` after it, from which lineage is built.
    """

    text: str
    type: EntityType
    predicate: Predicate
    also: tuple[Predicate, ...] = Field(default=(), description="further relations the text supports")
    evidence: tuple[Evidence, ...] = Field(min_length=1, description="decisive evidence first")
    catalogue_id: str | None = Field(default=None, description="known entity named, or its base")
    aliases: tuple[str, ...] = ()
    base: str | None = None
    suffixes: tuple[str, ...] = ()


class PaperExtraction(Frozen):
    """Everything extraction found in one paper."""

    paper_key: str
    mentions: tuple[Mention, ...] = ()
    experiments: tuple["Experiment", ...] = ()


class Entity(Frozen):
    """A canonical model, benchmark, dataset or technique."""

    key: str = Field(description="stable slug used in the IRI")
    type: EntityType
    label: str
    aliases: tuple[str, ...] = ()
    variant_of: str | None = Field(default=None, description="key of the parent model")
    derived_from: str | None = Field(default=None, description="key of the base a named fine-tune came from")
    is_family: bool = False
    in_catalogue: bool = False


class Relation(Frozen):
    """One paper → entity edge with every piece of evidence for it."""

    paper: str
    predicate: Predicate
    entity: str
    evidence: tuple[Evidence, ...]


class Corpus(Frozen):
    """The resolved corpus: what the graph and the exports are built from."""

    papers: tuple[Paper, ...]
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    experiments: tuple["ResolvedExperiment", ...] = ()


# --------------------------------------------------------------------------- experiments

class ExperimentKind(StrEnum):
    """What a paper did with a model and some data (GUIDELINES.md, "Experiments")."""

    EVALUATED_ON = "evaluatedOn"
    TRAINED_ON = "trainedOn"


class StatedResult(Frozen):
    """A result as the text states it: metric, value as written, its number and unit."""

    metric: str | None = Field(default=None, description="normalised through kg/data/metrics.txt")
    value: str | None = Field(default=None, description="as written: '82.1%', '+5.3 points', '2.1x'")
    number: float | None = None
    unit: str | None = Field(default=None, description="'%', 'points', '×', 'ratio' or none")


class Experiment(StatedResult):
    """One model–data pair a paper reports, before resolution: mentions by their index."""

    kind: ExperimentKind
    model: str = Field(description="the model's surface in the evidence sentence")
    model_mention: int = Field(ge=0, description="index into PaperExtraction.mentions")
    data: str
    data_mention: int = Field(ge=0)
    evidence: Evidence


class ResolvedExperiment(StatedResult):
    """One experiment of the corpus: paper, kind, model and data entity keys, result, evidence."""

    paper: str
    kind: ExperimentKind
    model: str
    data: str
    evidence: Evidence


PaperExtraction.model_rebuild()
Corpus.model_rebuild()
