"""A query's answer in the standard SPARQL 1.1 results formats: JSON, CSV, TSV and XML.

:mod:`kg.sparql` turns rows into plain strings so that the two engines'
answers compare equal; here the terms keep their kinds and datatypes (an
``xsd:integer`` count is a typed literal, an IRI is a ``uri``), written by
pyoxigraph's results serialisers.  An rdflib answer goes through its own
JSON writer first and is re-read by pyoxigraph, so both engines give output
in one layout.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg import network
from kg.query_limits import DEFAULT_TIMEOUT, run_bounded
from kg.sparql import Query, QueryError, bind, load_export, load_query, ox_solutions, rdflib_result

FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "xml": ox.QueryResultsFormat.XML,
}
MEDIA_TYPES = {fmt: f.media_type for fmt, f in FORMATS.items()}


def solutions(text: str, store) -> ox.QuerySolutions:
    """The solutions of a SELECT on a store from :func:`kg.sparql.load_export`, as pyoxigraph solutions."""
    if isinstance(store, ox.Store):
        return ox_solutions(store, text)
    result = rdflib_result(store, text)
    return ox.parse_query_results(result.serialize(format="json"), format=ox.QueryResultsFormat.JSON)


def serialize(query: Query | str, source, values: dict[str, str] | None = None, fmt: str = "json",
              engine: str = "oxigraph", *, timeout: float | None = DEFAULT_TIMEOUT,
              allow_network: bool = False) -> bytes:
    """Answer ``query`` on an export (directory, file or loaded store) in a SPARQL results format.

    The same guards as :func:`kg.sparql.select`: no ``SERVICE`` unless ``allow_network``, and the
    time and memory limits of kg/query_limits.py (the whole answer is written, so no row cap).
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown results format {fmt!r}; choose from {', '.join(FORMATS)}")
    if not isinstance(query, Query):
        query = load_query(query)
    text = bind(query, values)
    try:
        network.check_query(text, allow_network)
    except network.NetworkRefused as exc:
        raise QueryError(str(exc)) from None
    store = load_export(source, engine, allow_network=allow_network) if isinstance(source, (str, Path)) else source

    def answer(_limit):
        with network.offline(allow_network):
            return ["answer"], [(solutions(text, store).serialize(format=FORMATS[fmt]).decode("utf-8"),)]

    _, [(data,)] = run_bounded(answer, timeout, None, errors=(QueryError,))  # rows cross as JSON: text
    return data.encode("utf-8")
