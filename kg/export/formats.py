"""The export formats: one registry of name → writer, file name and description.

``mlkg build --format`` (its help text and its check), :func:`kg.export.write_all`
and :func:`kg.export.render` all read :data:`FORMATS`.  Adding a format is one
:func:`register` call below (its writer imports its module when first called,
so reading the registry costs ``mlkg --help`` nothing).

>>> FORMATS["ttl"].file, FORMATS["graphml"].description
('kg.ttl', 'GraphML for Gephi and Cytoscape')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

#: ``writer(fh, graph)`` writes one export into an open binary file.
Writer = Callable[[BinaryIO, object], None]


@dataclass(frozen=True)
class Format:
    """One export format: its name on the command line, the file it is written to, and its writer."""

    name: str
    file: str
    description: str
    writer: Writer
    rdf: bool = False  # made from the RDF triples, which several RDF formats of one build share


FORMATS: dict[str, Format] = {}


def register(name: str, file: str, description: str, rdf: bool = False) -> Callable[[Writer], Writer]:
    """Add the decorated writer as format ``name``; the registry's order is the order of the help text."""
    def add(writer: Writer) -> Writer:
        FORMATS[name] = Format(name, file, description, writer, rdf)
        return writer
    return add


class UnknownFormat(ValueError):
    """A format name that is not in the registry."""


def get(name: str) -> Format:
    """The format of a name, or :class:`UnknownFormat` saying which there are."""
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormat(f"unknown export format {name!r}; choose from {', '.join(FORMATS)}") from None


def help_text() -> str:
    """The ``--format`` help of ``mlkg build``: every name and what it is, in registry order."""
    return "Comma-separated exports: " + "; ".join(f"{f.name} ({f.description})" for f in FORMATS.values()) + "."


def _rdf_writer(fmt: str) -> Writer:
    def write(fh: BinaryIO, g) -> None:
        from kg.export import rdf

        rdf.serialize(g, fmt, output=fh)
    return write


for _name, _what in (("ttl", "RDF Turtle"), ("nt", "RDF N-Triples"), ("jsonld", "RDF JSON-LD")):
    register(_name, f"kg.{_name}", _what, rdf=True)(_rdf_writer(_name))


@register("json", "kg.json", "node-link JSON, read by kg.load and mlkg html")
def _json(fh: BinaryIO, g) -> None:
    from kg.export import jsongraph

    jsongraph.dump_into(fh, g)


@register("html", "kg.html", "the offline browser page")
def _html(fh: BinaryIO, g) -> None:
    from kg.export import html

    html.render_into(fh, g)


def _graphtools_writer(fmt: str) -> Writer:
    def write(fh: BinaryIO, g) -> None:
        from kg.export import graphtools

        graphtools.write(fh, g, fmt)
    return write


for _name, _what in (("graphml", "GraphML"), ("gexf", "GEXF")):
    register(_name, f"kg.{_name}", f"{_what} for Gephi and Cytoscape")(_graphtools_writer(_name))
