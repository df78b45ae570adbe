"""Plain papers written as text from templates, not as triples made one at a time.

Most papers of a large corpus of small records have a title, an abstract and
the pages they were read from, and nothing else: no date, no links, no edge,
no experiment.  Making their triples in Python costs more than anything else
in the RDF exports; so such a paper's N-Triples, Turtle and JSON-LD are the
text that Oxigraph's serialisers (and :mod:`kg.export.jsonld`) wrote for a
paper of the same shape with placeholders, with the paper's own key and
values put in.  Only values those serialisers write as they are qualify
(no quote, backslash or unprintable character; a key that is a plain
prefixed name); any other paper is made of triples as before.  The bytes are
those of :func:`kg.export.rdf.write_together` on the triples.
"""

from __future__ import annotations

import io
import re
from functools import cache
from typing import NamedTuple

import pyoxigraph as ox

from kg.export import jsonld
from kg.graph import paper_iri

# Node attributes a plain paper may have (any other, such as same_as or experiments, is written as triples).
PLAIN_KEYS = frozenset({"type", "key", "label", "title", "abstract", "sources", "arxiv_id", "authors",
                        "organization", "date", "upvotes", "urls"})
PAPER_NS = paper_iri("")
_SAFE_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")
_KEY_SLOT = "mlkgslotkeyx"
_SLOT = re.compile(r'"(mlkgslot\d+x)"|(mlkgslotkeyx)')


class PlainPaper(NamedTuple):
    """A plain paper's key (its IRI's last part) and its literal values: title, abstract, then each page."""

    key: str
    values: tuple[str, ...]


def plain_paper(iri: str, data: dict, has_edges: bool) -> PlainPaper | None:
    """The paper as a :class:`PlainPaper`, or None when it has anything more or a value needing escapes."""
    if (has_edges or not data.keys() <= PLAIN_KEYS or data.get("date") or data.get("arxiv_id")
            or data.get("authors") is not None or data.get("organization") or data.get("upvotes") is not None
            or data.get("urls") or not iri.startswith(PAPER_NS)):
        return None
    key = iri[len(PAPER_NS):]
    values = (str(data["title"]), str(data["abstract"]),
              *sorted({src.rsplit(":", 1)[0] for src in data.get("sources", ())}))
    if not _SAFE_KEY.match(key) or not all(_verbatim(v) for v in values):
        return None
    return PlainPaper(key, values)


def _verbatim(text: str) -> bool:
    """Written as it is inside quotes by every serialiser here (JSON escapes are made separately)."""
    return '"' not in text and "\\" not in text and text.isprintable() and "mlkgslot" not in text


def render(paper: PlainPaper, fmt: str) -> str:
    """The paper's text in one format (``nt``, ``ttl`` without the prefix lines, or a ``jsonld`` node)."""
    pieces = _template(fmt, len(paper.values))
    out = [pieces[0]]
    for n in range(1, len(pieces), 2):
        slot = pieces[n]
        if slot is None:
            out.append(paper.key)
        else:
            value = paper.values[slot]
            out.append(jsonld.encode_value(value) if fmt == "jsonld" else f'"{value}"')  # not cached: a million titles
        out.append(pieces[n + 1])
    return "".join(out)


@cache
def _template(fmt: str, n_values: int) -> tuple:
    """The text of a plain paper with ``n_values`` values, as written by the serialisers, split at its slots:
    text, slot, text, …, where a slot is a value's index or None for the key."""
    from kg.export import rdf  # imports this module

    s = ox.NamedNode(PAPER_NS + _KEY_SLOT)
    places = [ox.Literal(f"mlkgslot{n}x") for n in range(n_values)]
    triples = [ox.Triple(s, rdf.TYPE, rdf.M["Paper"]), ox.Triple(s, rdf.TITLE, places[0]),
               ox.Triple(s, rdf.ABSTRACT, places[1])]
    triples += [ox.Triple(s, rdf.M["sourcePage"], place) for place in places[2:]]
    if fmt == "jsonld":
        buffer = io.BytesIO()
        writer = jsonld.Writer(buffer)
        start = buffer.tell()
        writer.add(triples)
        text = buffer.getvalue()[start:].decode("utf-8").removeprefix("\n")
    elif fmt == "ttl":
        text = ox.serialize(triples, format=rdf.FORMATS["ttl"], prefixes=rdf.PREFIXES)
        text = text[len(rdf._prefix_lines(text)):].decode("utf-8")
    else:
        text = ox.serialize(triples, format=rdf.FORMATS[fmt]).decode("utf-8")
    parts = _SLOT.split(text)  # text, quoted value slot or None, key slot or None, text, …
    pieces: list = [parts[0]]
    for n in range(1, len(parts), 3):
        value, key = parts[n], parts[n + 1]
        pieces.append(int(value[len("mlkgslot"):-1]) if value else None)
        pieces.append(parts[n + 2])
    return tuple(pieces)
