"""The graph as RDF in the vocabulary of ``ontology/mlkg.ttl``.

Triples are generated from the NetworkX graph in a fixed order and streamed
through pyoxigraph's serialisers (an order of magnitude faster than rdflib's),
so the same graph gives byte-identical Turtle, N-Triples and JSON-LD.  There
are no blank nodes: every node has an IRI derived from a key.

Every paper → entity edge is a plain triple (``?paper mlkg:fineTunes ?model``)
*and*, for each piece of evidence, a Web Annotation that restates it::

    evidence:<paper key>-<n> a oa:Annotation, mlkg:Evidence ;
        rdf:subject paper:… ; rdf:predicate mlkg:fineTunes ; rdf:object entity:… ;
        oa:hasBody entity:… ; oa:motivatedBy oa:identifying ;
        mlkg:sentence "…" ; mlkg:sentenceStart 0 ; mlkg:rule "…" ; mlkg:confidence 0.90 ;
        prov:wasDerivedFrom paper:… ;
        oa:hasTarget evidence:<key>-<n>-target .
    …-target   a oa:SpecificResource ; oa:hasSource paper:… ; mlkg:textField "abstract" ;
               oa:hasSelector …-quote, …-position .
    …-quote    a oa:TextQuoteSelector ; oa:exact "Llama 2" ; oa:prefix "…" ; oa:suffix "…" .
    …-position a oa:TextPositionSelector ; oa:start 13 ; oa:end 20 .

The seven relation properties appear only on the direct edges: the evidence
names its relation with ``rdf:predicate``, and ``mlkg:mentions`` is never
written for a more specific edge.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import networkx as nx
import pyoxigraph as ox

from kg import predicates
from kg.export.rdf_plain import PlainPaper, plain_paper, render
from kg.graph import RESOURCE

MLKG = "https://w3id.org/mlkg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
FABIO = "http://purl.org/spar/fabio/"
SCHEMA = "http://schema.org/"

PREFIXES = {
    "mlkg": MLKG, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "dcterms": DCTERMS, "xsd": XSD,
    "prov": PROV, "oa": OA, "fabio": FABIO, "schema": SCHEMA,
    "paper": RESOURCE + "paper/", "entity": RESOURCE + "entity/", "evidence": RESOURCE + "evidence/",
    "experiment": RESOURCE + "experiment/",
}

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}

# The paper → entity relations (kg/data/predicates.tsv); the only properties that may link a paper to an entity.
RELATIONS = predicates.relations()
LINEAGE = predicates.lineage()  # model → model edges

QUOTE_CONTEXT = 32  # characters of oa:prefix / oa:suffix around a quoted mention

_CODE_HOSTS = re.compile(r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|"
                         r"codeberg\.org)/", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_DAY = re.compile(r"^--\d{2}-\d{2}$")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


T = ox.Triple
TYPE = _n(RDF + "type")
LABEL = _n(RDFS + "label")
ALT_LABEL = _n(SKOS + "altLabel")
M = {name: _n(MLKG + name) for name in (
    "Paper", "Evidence", "ModelFamily", "inCatalogue",
    "authorCount", "organization", "upvotes", "sourcePage", "codeRepository", "link",
    "sentence", "sentenceStart", "textField", "rule", "confidence", "decidedBy",
    "reports", "Evaluation", "Training", "model", "data", "metric", "value", "numericValue", "unit")}
# Each relation and lineage edge is written as its row's ontology term.
M.update({r.id: _n(PREFIXES[r.term.partition(":")[0]] + r.term.partition(":")[2]) for r in predicates.table()})
EXPERIMENT_CLASS = {"evaluatedOn": "Evaluation", "trainedOn": "Training"}
O = {name: _n(OA + name) for name in (
    "Annotation", "SpecificResource", "TextQuoteSelector", "TextPositionSelector", "identifying",
    "hasBody", "hasTarget", "motivatedBy", "hasSource", "hasSelector", "exact", "prefix", "suffix",
    "start", "end")}
TITLE = _n(DCTERMS + "title")
ABSTRACT = _n(DCTERMS + "abstract")
DATE = _n(DCTERMS + "date")
ARXIV_ID = _n(FABIO + "hasArXivId")
URL = _n(SCHEMA + "url")
SAME_AS = _n(SCHEMA + "sameAs")
SOURCE = _n(DCTERMS + "source")
SUBJECT, PREDICATE, OBJECT = _n(RDF + "subject"), _n(RDF + "predicate"), _n(RDF + "object")
DERIVED = _n(PROV + "wasDerivedFrom")


_DATATYPES: dict[str, ox.NamedNode] = {}


def _lit(value: object, datatype: str | None = None) -> ox.Literal:
    if datatype:
        node = _DATATYPES.get(datatype) or _DATATYPES.setdefault(datatype, _n(datatype))
        return ox.Literal(str(value), datatype=node)
    if isinstance(value, bool):
        return _lit("true" if value else "false", XSD + "boolean")
    if isinstance(value, int):
        return _lit(value, XSD + "integer")
    return ox.Literal(str(value))


def _date(value: str) -> ox.Literal:
    """xsd:date, or xsd:gMonthDay for a listing day without a year; anything else as text (SHACL flags it)."""
    if _ISO_DATE.match(value):
        return _lit(value, XSD + "date")
    if _MONTH_DAY.match(value):
        return _lit(value, XSD + "gMonthDay")
    return _lit(value)


def _iri_or_none(url: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(url)
    except ValueError:
        return None


def triples(g: nx.MultiDiGraph) -> Iterator[ox.Triple]:
    """All triples of the graph, in a stable order: papers, entities, evidence."""
    for block in blocks(g):
        yield from block


def blocks(g: nx.MultiDiGraph, plain: bool = False) -> Iterator[list[ox.Triple] | PlainPaper]:
    """The triples of :func:`triples`, one list per node (a paper with its edges and experiments, an entity),
    then one per paper's evidence; consecutive lists never share a subject, so each may be serialised alone.

    With ``plain``, a paper with nothing but its title, abstract and pages comes as a
    :class:`~kg.export.rdf_plain.PlainPaper` (written from templates) instead of its triples.
    """
    for kind, iri in block_ids(g):
        block = make_block(g, kind, iri, plain)
        if block:
            yield block


def block_ids(g: nx.MultiDiGraph) -> Iterator[tuple[str, str]]:
    """The blocks of :func:`blocks` as (kind, IRI): ``"n"`` a node's own block, ``"e"`` a paper's evidence
    (which may turn out empty); the order of the exports."""
    attrs = g._node  # networkx's store of node attributes
    succ = g._succ  # a paper without edges or experiments (most of many small ones) has no evidence
    # papers first, each kind by IRI; the IRIs alone are sorted (no pair or sort key made per node)
    nodes = sorted(iri for iri, data in attrs.items() if data["type"] == "Paper")
    nodes += sorted(iri for iri, data in attrs.items() if data["type"] != "Paper")
    for iri in nodes:
        yield "n", iri
    for iri in nodes:
        data = attrs[iri]
        if data["type"] == "Paper" and (succ[iri] or data.get("experiments")):
            yield "e", iri


def make_block(g: nx.MultiDiGraph, kind: str, iri: str, plain: bool = False) -> list[ox.Triple] | PlainPaper:
    """One block of :func:`block_ids`: its triples (or a plain paper); an empty list for no evidence."""
    data = g._node[iri]
    if kind == "e":
        return list(_paper_evidence(g, iri, data))
    if plain and data["type"] == "Paper" and (simple := plain_paper(iri, data, bool(g._succ[iri]))):
        return simple
    if data["type"] != "Paper":
        return list(_entity(g, iri, data))
    block = list(_paper(_n(iri), data))
    block.extend(T(_n(iri), M[key], _n(target)) for _, target, key in _paper_edges(g, iri))
    for n, x in enumerate(data.get("experiments", ()), start=1):
        block.extend(_experiment(_n(iri), _experiment_iri(data, n), x))
    return block


def _paper_evidence(g: nx.MultiDiGraph, iri: str, data: dict) -> Iterator[ox.Triple]:
    n = 0
    for _, target, key, edata in _paper_edges(g, iri, data=True):
        for ev in edata.get("evidence", ()):
            n += 1
            node = f"{RESOURCE}evidence/{data['key']}-{n}"
            yield from _evidence(node, _n(iri), data, key, _n(target), ev)
    for n, x in enumerate(data.get("experiments", ()), start=1):
        node = f"{RESOURCE}evidence/{data['key']}-x{n}"
        yield from _evidence(node, _n(iri), data, "reports", _experiment_iri(data, n), x["evidence"])


def _paper_edges(g: nx.MultiDiGraph, iri: str, data: bool = False) -> list[tuple]:
    """The paper's relation edges, sorted by relation then entity (the order evidence is numbered in)."""
    if not g._succ[iri]:  # no edge at all (most papers of a large corpus of small ones): no edge view to make
        return []
    edges = [e for e in g.out_edges(iri, keys=True, data=True) if e[2] in RELATIONS]
    edges.sort(key=lambda e: (e[2], e[1]))
    return edges if data else [e[:3] for e in edges]


def _experiment_iri(paper_data: dict, n: int) -> ox.NamedNode:
    return _n(f"{RESOURCE}experiment/{paper_data['key']}-{n}")


def _experiment(paper: ox.NamedNode, x: ox.NamedNode, d: dict) -> Iterator[ox.Triple]:
    """``paper mlkg:reports x``; x an mlkg:Evaluation or mlkg:Training of a model on data, with its result."""
    yield T(paper, M["reports"], x)
    yield T(x, TYPE, M[EXPERIMENT_CLASS[d["kind"]]])
    yield T(x, M["model"], _n(d["model"]))
    yield T(x, M["data"], _n(d["data"]))
    if d.get("metric"):
        yield T(x, M["metric"], _lit(d["metric"]))
    if d.get("value"):
        yield T(x, M["value"], _lit(d["value"]))
    if d.get("number") is not None:
        yield T(x, M["numericValue"], _lit(_decimal(d["number"]), XSD + "decimal"))
    if d.get("unit"):
        yield T(x, M["unit"], _lit(d["unit"]))
    yield T(x, DERIVED, paper)


def _decimal(number: float) -> str:
    """A float as an xsd:decimal lexical form: 82.1, -3.0, 1000.0 (never 1e3)."""
    text = f"{float(number):.6f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _paper(s: ox.NamedNode, d: dict) -> Iterator[ox.Triple]:
    yield T(s, TYPE, M["Paper"])
    yield T(s, TITLE, _lit(d["title"]))
    yield T(s, ABSTRACT, _lit(d["abstract"]))
    if d.get("date"):
        yield T(s, DATE, _date(d["date"]))
    if d.get("arxiv_id"):
        yield T(s, ARXIV_ID, _lit(d["arxiv_id"]))
        yield T(s, URL, _n(f"https://arxiv.org/abs/{d['arxiv_id']}"))
    yield from _same_as(s, d)
    if d.get("authors") is not None:
        yield T(s, M["authorCount"], _lit(int(d["authors"])))
    if d.get("organization"):
        yield T(s, M["organization"], _lit(d["organization"]))
    if d.get("upvotes") is not None:
        yield T(s, M["upvotes"], _lit(int(d["upvotes"])))
    for page in sorted({src.rsplit(":", 1)[0] for src in d.get("sources", ())}):
        yield T(s, M["sourcePage"], _lit(page))
    for url in d.get("urls", ()):
        node = _iri_or_none(url)
        if node is not None:
            yield T(s, M["codeRepository" if _CODE_HOSTS.match(url) else "link"], node)


def _entity(g: nx.MultiDiGraph, iri: str, d: dict) -> Iterator[ox.Triple]:
    s = _n(iri)
    yield T(s, TYPE, _n(MLKG + d["type"]))
    if d.get("is_family"):
        yield T(s, TYPE, M["ModelFamily"])
    yield T(s, LABEL, _lit(d["label"]))
    for alias in d.get("aliases", ()):
        yield T(s, ALT_LABEL, _lit(alias))
    yield T(s, M["inCatalogue"], _lit(bool(d.get("in_catalogue"))))
    yield from _same_as(s, d)
    for _, parent, key in sorted(g.out_edges(iri, keys=True)):
        if key in LINEAGE:
            yield T(s, M[key], _n(parent))


def _same_as(s: ox.NamedNode, d: dict) -> Iterator[ox.Triple]:
    """Links out of the graph (kg/external.py): the same thing elsewhere, the paper that introduced it."""
    for url in d.get("same_as", ()):
        if (node := _iri_or_none(url)) is not None:
            yield T(s, SAME_AS, node)
    if d.get("source") and (node := _iri_or_none(d["source"])) is not None:
        yield T(s, SOURCE, node)


def _evidence(node: str, paper: ox.NamedNode, paper_data: dict, predicate: str, entity: ox.NamedNode,
              ev: dict) -> Iterator[ox.Triple]:
    """One Web Annotation restating the edge, with its sentence, selectors, rule and confidence."""
    s, target, quote, position = _n(node), _n(node + "-target"), _n(node + "-quote"), _n(node + "-position")
    yield T(s, TYPE, O["Annotation"])
    yield T(s, TYPE, M["Evidence"])
    yield T(s, SUBJECT, paper)
    yield T(s, PREDICATE, M[predicate])
    yield T(s, OBJECT, entity)
    yield T(s, O["hasBody"], entity)
    yield T(s, O["motivatedBy"], O["identifying"])
    yield T(s, O["hasTarget"], target)
    yield T(s, M["sentence"], _lit(ev["sentence"]))
    yield T(s, M["sentenceStart"], _lit(int(ev.get("sentence_start", 0))))
    yield T(s, M["rule"], _lit(ev["rule"]))
    yield T(s, M["confidence"], _lit(f"{float(ev['confidence']):.2f}", XSD + "decimal"))
    for feature in ev.get("because") or ():
        yield T(s, M["decidedBy"], _lit(feature))
    yield T(s, DERIVED, paper)

    field = ev["field"]
    text = paper_data.get(field) or ""
    start, end = int(ev["start"]), int(ev["end"])
    yield T(target, TYPE, O["SpecificResource"])
    yield T(target, O["hasSource"], paper)
    yield T(target, M["textField"], _lit(field))
    yield T(target, O["hasSelector"], quote)
    yield T(target, O["hasSelector"], position)

    yield T(quote, TYPE, O["TextQuoteSelector"])
    yield T(quote, O["exact"], _lit(text[start:end]))
    if start > 0:
        yield T(quote, O["prefix"], _lit(text[max(0, start - QUOTE_CONTEXT):start]))
    if end < len(text):
        yield T(quote, O["suffix"], _lit(text[end:end + QUOTE_CONTEXT]))

    yield T(position, TYPE, O["TextPositionSelector"])
    yield T(position, O["start"], _lit(start, XSD + "nonNegativeInteger"))
    yield T(position, O["end"], _lit(end, XSD + "nonNegativeInteger"))


def serialize(g: nx.MultiDiGraph, fmt: str = "ttl", output=None) -> bytes | None:
    """The graph in one RDF format (``ttl``, ``nt`` or ``jsonld``); :func:`write_together` makes several at once.

    With ``output`` (a binary file) the text is streamed there and None returned.
    """
    if fmt == "jsonld":  # compact, under the shipped @context
        from kg.export import jsonld

        buffer = output if output is not None else io.BytesIO()
        jsonld.write(buffer, triples(g))
        return None if output is not None else buffer.getvalue()
    prefixes = PREFIXES if fmt == "ttl" else None
    return ox.serialize(triples(g), output, format=FORMATS[fmt], prefixes=prefixes)


def write(g: nx.MultiDiGraph, path: str | Path, fmt: str = "ttl") -> None:
    Path(path).write_bytes(serialize(g, fmt))


CHUNK_TRIPLES = 10_000  # triples made and serialised at once by write_together
CHUNK_PLAIN_CHARS = 2**18  # characters of plain papers' values written at once (kg.export.rdf_plain)


def write_together(g: nx.MultiDiGraph, outputs: dict[str, BinaryIO],
                   on_nt: Callable[[bytes], None] | None = None) -> None:
    """Several RDF formats (``{"ttl": fh, "nt": fh, "jsonld": fh}``) from one pass over the triples.

    Making the triples in Python costs more than serialising them, and keeping
    them all for the next format takes gigabytes; so each chunk of whole
    :func:`blocks` is made once and written to every output, and plain papers
    are written from templates without triples (:mod:`kg.export.rdf_plain`).
    The chunks' Turtle is the document's: the serialiser's prefix lines are
    kept from the first chunk only, and no subject runs across two chunks.  The
    same bytes as :func:`serialize` of each format.  ``on_nt`` is given each
    chunk's N-Triples (whole lines) once it is written.
    """
    unknown = set(outputs) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown RDF format(s) {', '.join(sorted(unknown))}")
    writer = _Together(outputs, on_nt)
    for chunk in _chunks(blocks(g, plain=True)):
        writer.write(chunk)
    writer.close()


class _Together:
    """The outputs of :func:`write_together`, each chunk written to all of them."""

    def __init__(self, outputs: dict[str, BinaryIO], on_nt: Callable[[bytes], None] | None) -> None:
        from kg.export import jsonld

        self.outputs, self.on_nt, self.header = outputs, on_nt, None
        self.ld = jsonld.Writer(outputs["jsonld"]) if "jsonld" in outputs else None

    def write(self, chunk: list) -> None:
        """A chunk of triples, or of plain papers."""
        plain = bool(chunk) and isinstance(chunk[0], PlainPaper)
        if "nt" in self.outputs:
            nt = _text(chunk, "nt") if plain else ox.serialize(chunk, format=FORMATS["nt"])
            self.outputs["nt"].write(nt)
            if self.on_nt is not None:
                self.on_nt(nt)
        if "ttl" in self.outputs:
            self.outputs["ttl"].write(self._turtle(chunk, plain))
        if self.ld is not None:
            if plain:
                self.ld.add_nodes([render(p, "jsonld") for p in chunk])
            else:
                self.ld.add(chunk)

    def _turtle(self, chunk: list, plain: bool) -> bytes:
        """The chunk's Turtle; the prefix lines before the first chunk only."""
        head = b""
        if self.header is None:
            head = self.header = _turtle_header()
        if plain:
            return head + _text(chunk, "ttl")
        text = ox.serialize(chunk, format=FORMATS["ttl"], prefixes=PREFIXES)
        if not text.startswith(self.header):
            raise RuntimeError("the Turtle serialiser wrote a different header for a later chunk")
        return head + text[len(self.header):]

    def close(self) -> None:
        if self.ld is not None:
            self.ld.close()


def _text(papers: list[PlainPaper], fmt: str) -> bytes:
    return "".join([render(p, fmt) for p in papers]).encode("utf-8")


def _chunks(parts: Iterator[list[ox.Triple] | PlainPaper]) -> Iterator[list]:
    """Runs of whole blocks of about :data:`CHUNK_TRIPLES` triples, or of plain papers; never the two mixed."""
    chunk: list = []
    plain = False
    chars = 0  # of the plain papers' values: their text is made in Python, the triples' in Oxigraph
    for part in parts:
        if isinstance(part, PlainPaper) != plain and chunk:
            yield chunk
            chunk, chars = [], 0
        plain = isinstance(part, PlainPaper)
        if plain:
            chunk.append(part)
            chars += sum(map(len, part.values))
            full = len(chunk) * 4 >= CHUNK_TRIPLES or chars >= CHUNK_PLAIN_CHARS
        else:
            chunk.extend(part)
            full = len(chunk) >= CHUNK_TRIPLES
        if full:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _turtle_header() -> bytes:
    """The prefix lines the Turtle serialiser opens every document with."""
    return _prefix_lines(ox.serialize([T(TYPE, TYPE, TYPE)], format=FORMATS["ttl"], prefixes=PREFIXES))


def _prefix_lines(text: bytes) -> bytes:
    """The ``@prefix`` lines that open a Turtle document."""
    end = 0
    while text.startswith(b"@prefix ", end):
        end = text.index(b"\n", end) + 1
    return text[:end]
