"""The graph as compact JSON-LD: one ``@context`` (``ontology/context.jsonld``), keys that read as words.

pyoxigraph writes JSON-LD in expanded form, every key a full IRI.  Here the
same triples (:func:`kg.export.rdf.triples`) are written as node objects
under the shipped context, so a paper reads ``{"@id": "paper:…", "@type":
"Paper", "title": "…", "fineTunes": ["entity:llama-2"]}``.  The context is
embedded whole (a reader needs no network); its published copy sits beside
the ontology IRI.  Each triple's object is written the way the context
expands back to exactly that term: IRIs compacted with the context's
prefixes, integers and booleans as JSON numbers and booleans, values whose
datatype the term does not declare as ``{"@value", "@type"}`` objects, so
rdflib or pyld read back the triples of the Turtle export.

Triples come grouped by subject; each group is one node object, written as
it is made.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from itertools import groupby
from typing import BinaryIO

import pyoxigraph as ox

from kg.paths import shipped

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
NATIVE = {XSD + "integer": int, XSD + "boolean": lambda v: v == "true"}
CONTEXT_FILE = "context.jsonld"
encode_value = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(..., ensure_ascii=False), made once


def _subject(t: ox.Triple) -> str:
    return t.subject.value


@cache
def context() -> dict:
    """The shipped ``@context`` object."""
    return json.loads((shipped("ontology") / CONTEXT_FILE).read_text(encoding="utf-8"))["@context"]


class _Compactor:
    """Reverse maps of the context: IRI → term, property IRI → (term, coercion), namespaces for compact IRIs."""

    def __init__(self, ctx: dict) -> None:
        self.prefixes = sorted(((v, k) for k, v in ctx.items() if isinstance(v, str) and v[-1:] in "#/"),
                               key=lambda p: -len(p[0]))
        self.namespaces = {ns: name for ns, name in self.prefixes}
        self.terms: dict[str, str] = {}
        self.properties: dict[str, tuple[str, str | None]] = {}
        for term, value in ctx.items():
            if isinstance(value, str) and value[-1:] in "#/":
                continue
            iri = self.expand(value if isinstance(value, str) else value["@id"])
            coercion = None if isinstance(value, str) else value.get("@type")
            self.terms.setdefault(iri, term)
            self.properties.setdefault(iri, (term, self.expand(coercion) if coercion else None))

    def expand(self, value: str) -> str:
        prefix, sep, rest = value.partition(":")
        for ns, name in self.prefixes:
            if name == prefix and sep:
                return ns + rest
        return value

    def iri(self, iri: str) -> str:
        """A compact IRI (``entity:llama-2``) where a context prefix fits, else the IRI itself."""
        cut = max(iri.rfind("/"), iri.rfind("#")) + 1  # the deepest namespace first: the usual case
        name = self.namespaces.get(iri[:cut])
        if name and cut < len(iri):
            return f"{name}:{iri[cut:]}"
        for ns, name in self.prefixes:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{name}:{iri[len(ns):]}"
        return iri

    def vocab(self, iri: str) -> str:
        return self.terms.get(iri) or self.iri(iri)

    def key(self, predicate: str) -> tuple[str, str | None]:
        return self.properties.get(predicate) or (self.iri(predicate), None)

    def value(self, term, coercion: str | None):
        """The JSON for one object, as the property's coercion reads it back."""
        if isinstance(term, ox.NamedNode):
            if coercion == "@vocab":
                return self.vocab(term.value)
            return self.iri(term.value) if coercion == "@id" else {"@id": self.iri(term.value)}
        if isinstance(term, ox.BlankNode):
            return {"@id": f"_:{term.value}"}
        datatype = term.datatype.value
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if coercion is None and datatype == XSD + "string":
            return term.value
        if coercion == datatype:
            return term.value
        if coercion is None and datatype in NATIVE and _native_safe(datatype, term.value):
            return NATIVE[datatype](term.value)
        return {"@value": term.value, "@type": self.iri(datatype)}


def _native_safe(datatype: str, value: str) -> bool:
    """A JSON number reads back as xsd:integer only within 2**53; a larger count stays a typed string."""
    return datatype != XSD + "integer" or abs(int(value)) < 2 ** 53


def _node(c: _Compactor, subject: str, triples: Iterable[ox.Triple]) -> dict:
    node: dict = {"@id": c.iri(subject)}
    for t in triples:
        predicate, obj = t.predicate.value, t.object
        if predicate == RDF_TYPE and type(obj) is ox.NamedNode:
            key, value = "@type", c.vocab(obj.value)
        else:
            key, coercion = c.properties.get(predicate) or c.key(predicate)
            value = c.value(obj, coercion)
        if key in node:
            node[key].append(value)
        else:
            node[key] = [value]
    return {k: v[0] if k != "@id" and len(v) == 1 else v for k, v in node.items()}


def write(fh: BinaryIO, triples: Iterable[ox.Triple]) -> None:
    """Compact JSON-LD of ``triples`` (grouped by subject) into ``fh``: the context, then one node per line."""
    writer = Writer(fh)
    writer.add(triples)
    writer.close()


class Writer:
    """:func:`write` in parts: the triples may come in several batches, none splitting a subject's run."""

    def __init__(self, fh: BinaryIO) -> None:
        ctx = context()
        self.fh, self.compactor, self.first = fh, _Compactor(ctx), True
        fh.write(b'{\n"@context": ' + json.dumps(ctx, ensure_ascii=False, indent=1).encode("utf-8"))
        fh.write(b',\n"@graph": [')

    def add(self, triples: Iterable[ox.Triple]) -> None:
        """One node object per subject's run, the batch's nodes written at once."""
        c = self.compactor
        self.add_nodes([encode_value(_node(c, subject, group)) for subject, group in groupby(triples, key=_subject)])

    def add_nodes(self, texts: list[str]) -> None:
        """Node objects already encoded, one per subject."""
        if texts:
            self.fh.write((("\n" if self.first else ",\n") + ",\n".join(texts)).encode("utf-8"))
            self.first = False

    def close(self) -> None:
        self.fh.write(b"\n]\n}\n")
