"""``mlkg push URL``: send a build to a SPARQL 1.1 Graph Store as one named graph.

The Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/)
is spoken by Fuseki, GraphDB, Virtuoso, QLever and Oxigraph alike: ``PUT
URL?graph=IRI`` with the triples as the body replaces that named graph whole,
so pushing a new build replaces the earlier version and leaves every other
graph on the server as it was.  The export file is streamed, never held in
memory; a password comes from the environment, never from the command line.
"""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

from kg.graph import RESOURCE

DEFAULT_GRAPH = RESOURCE + "graph/kg"
PASSWORD_ENV = "MLKG_PUSH_PASSWORD"
# Files a push can send, best first: N-Triples streams line by line on every server; Turtle is smaller.
SOURCES = (("kg.nt", "application/n-triples"), ("kg.ttl", "text/turtle"))


class PushError(RuntimeError):
    """The graph could not be sent; the message says why in one line."""


def source_file(directory: str | Path) -> tuple[Path, str]:
    """The RDF file of a build to send, and its media type."""
    d = Path(directory)
    if d.is_file():
        for name, media in SOURCES:
            if d.suffix == Path(name).suffix:
                return d, media
        raise PushError(f"{d} is not an N-Triples or Turtle export")
    for name, media in SOURCES:
        if (d / name).is_file():
            return d / name, media
    raise PushError(f"no kg.nt or kg.ttl in {d} (build one with: mlkg build PAGES --out {d} -f ttl)")


def push(directory: str | Path, url: str, graph: str = DEFAULT_GRAPH, user: str | None = None,
         timeout: float = 600.0) -> tuple[int, int]:
    """PUT the build's triples into ``graph`` at the Graph Store ``url``: (HTTP status, bytes sent)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"the Graph Store URL must be http(s)://HOST/…, not {url!r}")
    if not graph or any(c in graph for c in '<>" {}|\\^`') or ":" not in graph:
        raise PushError(f"the graph name must be an absolute IRI, not {graph!r}")
    path, media = source_file(directory)
    target = url + ("&" if parts.query else "?") + "graph=" + quote(graph, safe="")
    size = path.stat().st_size
    headers = {"Content-Type": f"{media}; charset=utf-8", "Content-Length": str(size)}
    if user is not None:
        secret = f"{user}:{os.environ.get(PASSWORD_ENV, '')}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(secret).decode("ascii")
    try:
        with path.open("rb") as body:
            request = urllib.request.Request(target, data=body, headers=headers, method="PUT")
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) checked
                return response.status, size
    except urllib.error.HTTPError as exc:
        detail = exc.read(300).decode("utf-8", errors="replace").strip().splitlines()
        raise PushError(f"{url} refused the graph: HTTP {exc.code} {exc.reason}"
                        + (f": {detail[0]}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"cannot reach {url}: {reason}") from None
