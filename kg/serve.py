"""``mlkg serve``: a read-only SPARQL 1.1 Protocol endpoint over a build's store.

pyoxigraph answers the queries; the standard library's threading HTTP server
speaks the protocol (https://www.w3.org/TR/sparql11-protocol/):

* ``GET /query?query=…``, ``POST /query`` with a form (``query=…``) or with an
  ``application/sparql-query`` body; ``default-graph-uri`` and
  ``named-graph-uri`` as the protocol defines them.
* results as SPARQL JSON (default), XML, CSV or TSV for SELECT and ASK, and as
  Turtle (default), N-Triples or RDF/XML for CONSTRUCT and DESCRIBE, chosen by
  the ``Accept`` header.
* every update is refused with 403: the store is opened read-only, and the
  server has no update operation at all.

It listens on 127.0.0.1 unless another host is given explicitly.
"""

from __future__ import annotations

import re
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

MAX_QUERY_BYTES = 1_000_000
QUERY_PATHS = ("/query", "/sparql")
UPDATE_TYPES = ("application/sparql-update",)
# A federated query would make the server fetch any URL a client names: SERVICE is refused.  Strings,
# IRIs and comments are blanked first (longest quotes first, as SPARQL lexes them) so text may say "service".
_NOT_KEYWORDS = re.compile("|".join((
    r'"""(?:[^"\\]|\\.|"(?!""))*"""', r"'''(?:[^'\\]|\\.|'(?!''))*'''",  # long strings
    r'"(?:[^"\\\n]|\\.)*"', r"'(?:[^'\\\n]|\\.)*'",  # strings
    r'<[^<>"{}|^`\\\s]*>', r"#[^\n]*",  # IRIs, comments
)))
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)

_RESULTS = {  # media type -> pyoxigraph format, first is the default
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


class _Refused(Exception):
    def __init__(self, status: HTTPStatus, message: str):
        super().__init__(message)
        self.status = status


def negotiate(accept: str | None, offered: dict) -> str:
    """The first offered media type the ``Accept`` header takes (by q-value), else the default."""
    choices = []
    for i, part in enumerate((accept or "").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            choices.append((-q, i, media.lower()))
    for _, _, media in sorted(choices):
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            break
    return next(iter(offered))


def answer(store, query: str, accept: str | None, default_graphs=(), named_graphs=()) -> tuple[str, bytes]:
    """Run ``query`` on ``store``: (media type, serialised results)."""
    if _SERVICE.search(_NOT_KEYWORDS.sub(" ", query)):
        raise _Refused(HTTPStatus.FORBIDDEN, "SERVICE (federated queries) is refused by this endpoint")
    kwargs = {}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        result = store.query(query, **kwargs)
    except SyntaxError as exc:
        raise _Refused(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {exc}") from None
    except ValueError as exc:
        raise _Refused(HTTPStatus.BAD_REQUEST, str(exc)) from None
    except MemoryError:
        raise _Refused(HTTPStatus.INSUFFICIENT_STORAGE, "out of memory while answering the query") from None
    except OSError as exc:
        raise _Refused(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {exc}") from None
    if isinstance(result, ox.QueryTriples):
        media = negotiate(accept, _GRAPHS)
        return media, result.serialize(format=_GRAPHS[media])
    media = negotiate(accept, _RESULTS)
    return media, result.serialize(format=_RESULTS[media])


class Handler(BaseHTTPRequestHandler):
    """One request: parse it per the protocol, answer from ``server.store``."""

    server_version = "mlkg-sparql"

    def do_GET(self) -> None:  # noqa: N802 - the standard library's naming
        self._handle(None)

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY_BYTES:
            return self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "text/plain", b"request too large\n")
        self._handle(self.rfile.read(length))

    def do_PUT(self) -> None:  # noqa: N802
        self._send(HTTPStatus.FORBIDDEN, "text/plain", b"this endpoint is read-only\n")

    do_DELETE = do_PATCH = do_PUT

    def _handle(self, body: bytes | None) -> None:
        url = urlsplit(self.path)
        try:
            if url.path not in QUERY_PATHS:
                raise _Refused(HTTPStatus.NOT_FOUND, f"the SPARQL endpoint is at {QUERY_PATHS[0]}")
            params = parse_qs(url.query, keep_blank_values=True)
            query = self._query(params, body)
            media, data = answer(self.server.store, query, self.headers.get("Accept"),
                                 params.get("default-graph-uri", ()), params.get("named-graph-uri", ()))
        except _Refused as exc:
            return self._send(exc.status, "text/plain; charset=utf-8", f"{exc}\n".encode())
        self._send(HTTPStatus.OK, media, data)

    def _query(self, params: dict, body: bytes | None) -> str:
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if body is not None:
            if ctype in UPDATE_TYPES:
                raise _Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            if ctype == "application/sparql-query":
                return body.decode("utf-8", errors="replace")
            if ctype == "application/x-www-form-urlencoded":
                for key, values in parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            else:
                raise _Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"unsupported Content-Type {ctype or 'none'}")
        if "update" in params:
            raise _Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        queries = params.get("query", [])
        if len(queries) != 1:
            raise _Refused(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
        return queries[0]

    def _send(self, status: HTTPStatus, media: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the standard library's name
        sys.stderr.write("%s %s\n" % (self.address_string(), format % args))


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], store):
        super().__init__(address, Handler)
        self.store = store


def make_server(directory: str | Path, host: str = "127.0.0.1", port: int = 7878) -> SparqlServer:
    """A server over the build in ``directory`` (its store, else its Turtle loaded in memory)."""
    from kg import sparql

    return SparqlServer((host, port), sparql.load_export(directory, "oxigraph"))
