"""No network unless asked: mlkg reads its inputs and exports, and reaches no other host.

Two engines could reach out on their own: a SPARQL ``SERVICE`` clause makes
pyoxigraph and rdflib query a remote endpoint, and rdflib's JSON-LD parser
fetches a remote ``@context``.  :func:`check_query` refuses ``SERVICE`` before
any engine sees the query (pyoxigraph connects from Rust, out of Python's
reach); :func:`offline` refuses every connection Python code tries while mlkg
parses or queries (an audit hook on socket and urllib events, scoped to mlkg's
own calls by a context variable, so the caller's other code is unaffected).
``allow_network=True`` (``--allow-network``) lifts both.
"""

from __future__ import annotations

import contextvars
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_OFFLINE = contextvars.ContextVar("mlkg_offline", default=False)
_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                     "socket.sendto", "socket.sendmsg", "urllib.Request"})
_hook_installed = False

# What the SERVICE keyword cannot be inside: strings, IRIs, comments.
_NOT_CODE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
                       r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
                       r'|<[^<>"{}|^`\\\s]*>|#[^\n]*', re.DOTALL)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:.-])", re.IGNORECASE)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class NetworkRefused(PermissionError):
    """mlkg was about to reach the network and was not allowed to."""


def _refuse(event: str, args: tuple) -> None:
    if event in _EVENTS and _OFFLINE.get():
        target = args[0] if event == "urllib.Request" else args[1] if event == "socket.connect" else args[0]
        raise NetworkRefused(f"network access refused (to {target!r}): mlkg makes no connection unless "
                             f"asked (--allow-network, or allow_network=True)")


@contextmanager
def offline(allow_network: bool = False) -> Iterator[None]:
    """Within this block, a connection that mlkg's own Python code tries raises :class:`NetworkRefused`."""
    global _hook_installed
    if allow_network:
        yield
        return
    if not _hook_installed:
        sys.addaudithook(_refuse)  # cannot be removed; inert outside an offline() block
        _hook_installed = True
    token = _OFFLINE.set(True)
    try:
        yield
    finally:
        _OFFLINE.reset(token)


def check_query(text: str, allow_network: bool = False) -> None:
    """Raise :class:`NetworkRefused` if the query calls a remote endpoint (``SERVICE``) and that is not allowed.

    >>> check_query('SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE')
    >>> check_query("SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.network.NetworkRefused: the query calls a remote endpoint (SERVICE): refused; mlkg makes no network connection unless asked (--allow-network, or allow_network=True)
    """
    if allow_network:
        return
    # SPARQL reads \\uXXXX escapes anywhere in a query, before parsing: a keyword can be spelt with them.
    text = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if int(m.group(1) or m.group(2), 16)
                          < 0x110000 else "", text)
    if _SERVICE.search(_NOT_CODE.sub(" ", text)):
        raise NetworkRefused("the query calls a remote endpoint (SERVICE): refused; mlkg makes no network "
                             "connection unless asked (--allow-network, or allow_network=True)")
