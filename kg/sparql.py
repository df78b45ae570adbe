"""Run the SPARQL competency queries of ``queries/`` on an export.

A query file is plain SPARQL that runs anywhere as it stands.  Its header
comment says the question in words and declares its parameters, each with a
default that the body binds in a ``VALUES`` clause::

    # Which papers use a given technique?
    #
    # param: technique = "LoRA"
    SELECT ?paper ?title WHERE {
      VALUES ?technique { "LoRA" }
      ...

:func:`bind` replaces that ``VALUES`` clause with the value asked for,
written as an escaped SPARQL literal, so a user's text is data and never
query syntax.  The same text then runs under pyoxigraph (the default: fast)
or rdflib; :class:`Result` holds rows of plain strings so the two engines'
answers compare equal.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from kg import network
from kg.paths import shipped
from kg.query_limits import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, QueryLimitError, run_bounded  # noqa: F401
from kg.safe_text import spreadsheet_cell

ENGINES = ("oxigraph", "rdflib")
QUERIES = shipped("queries")
EXPORT_FILE = "kg.ttl"

_PARAM = re.compile(r"^#\s*param:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<default>.+?)\s*$")
_STRING = r'"(?:[^"\\\n\r]|\\.)*"'
_TERM = re.compile(rf"^(?:{_STRING}|[+-]?\d+)$")
# SPARQL's ECHAR escapes; tab, backspace and form feed too, which a parser may otherwise read as space.
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                          "\b": "\\b", "\f": "\\f"})
_BACKSLASH_U = re.compile(r"\\([uU])")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in ("integer", "decimal", "nonNegativeInteger", "positiveInteger", "int", "long")
}


class QueryError(ValueError):
    """A query file, parameter or export that cannot be used; the message says why in one line."""


@dataclass(frozen=True)
class Param:
    name: str
    default: str  # a SPARQL term: a quoted string or an integer

    @property
    def is_integer(self) -> bool:
        return not self.default.startswith('"')


@dataclass(frozen=True)
class Query:
    """A competency query: its question in words, its parameters and its text."""

    name: str
    question: str  # the header's first sentence, ending in "?"
    params: tuple[Param, ...]
    text: str
    description: str = ""  # the rest of the header's first paragraph: what counts, how names match

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"unknown parameter {name!r} for {self.name} (it takes: {known})")


@dataclass
class Result:
    """The rows of a SELECT: one string per cell (None when unbound)."""

    columns: list[str]
    rows: list[tuple[str | None, ...]] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    records = as_dicts

    def to_pandas(self):
        """A ``pandas.DataFrame`` of the rows (cells as strings; pandas is the ``notebook`` extra)."""
        from kg.notebook import to_pandas

        return to_pandas(self.as_dicts(), columns=self.columns)

    def _repr_html_(self) -> str:
        from kg.notebook import table

        return table(self.as_dicts(), caption=f"{len(self.rows)} row(s)")

    def to_csv(self) -> str:
        """CSV, each cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) escaped."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([spreadsheet_cell(c) for c in self.columns])
        writer.writerows(["" if v is None else spreadsheet_cell(v) for v in row] for row in self.rows)
        return buf.getvalue()

    def to_json(self) -> str:
        return json.dumps(self.as_dicts(), ensure_ascii=False, indent=2)


# --------------------------------------------------------------------------- query files


def parse_query(text: str, name: str = "query") -> Query:
    """Read the header (question and ``# param:`` lines) of a query's text."""
    question: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _PARAM.match(stripped)
        if m:
            default = m["default"]
            if not _TERM.match(default):
                raise QueryError(f"{name}: the default of parameter {m['name']!r} must be a quoted string "
                                 f"or an integer, not {default}")
            params.append(Param(m["name"], default))
        elif not params:
            question.append(stripped.lstrip("#").strip())
    for p in params:
        if len(_values_clauses(text, p.name)) != 1:
            raise QueryError(f"{name}: parameter {p.name!r} needs exactly one 'VALUES ?{p.name} {{ … }}' "
                             f"in the query body")
    words = " ".join(q for q in question if q).strip()
    first, mark, rest = words.partition("?")
    return Query(name=name, question=first + mark, params=tuple(params), text=text, description=rest.strip())


def load_query(path: str | Path) -> Query:
    """A query file, by path or by name in ``queries/`` (``top-models`` or ``top-models.rq``)."""
    p = Path(path)
    shipped = QUERIES / (p.name if p.suffix == ".rq" else f"{p.name}.rq")
    if not p.is_file() and shipped.is_file():
        p = shipped
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"no query file {path}{_nearest_queries(p.stem)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read query file {path}: {exc}") from None
    return parse_query(text, p.stem)


def _nearest_queries(name: str) -> str:
    """'; did you mean …?' with the shipped query names closest to ``name`` (or the --list hint)."""
    import difflib

    names = sorted(p.stem for p in QUERIES.glob("*.rq"))
    close = difflib.get_close_matches(name.lower(), names, n=3, cutoff=0.5)
    if close:
        return f"; did you mean {' or '.join(close)}?"
    return " (mlkg sparql --list shows the shipped queries)"


def all_queries() -> list[Query]:
    """Every query shipped in ``queries/``, by file name."""
    return [load_query(p) for p in sorted(QUERIES.glob("*.rq"))]


def _values_clauses(text: str, name: str) -> list[re.Match]:
    pattern = re.compile(rf"VALUES\s+\?{re.escape(name)}\s*\{{\s*(?:{_STRING}|[^\s}}]+)\s*\}}", re.IGNORECASE)
    # Comment lines are blanked (same length, so offsets still match ``text``): a header may quote a VALUES.
    body = "".join(re.sub(r"[^\n]", " ", line) if line.lstrip().startswith("#") else line
                   for line in text.splitlines(keepends=True))
    return list(pattern.finditer(body))


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal: quotes, backslashes and line breaks escaped.

    >>> print(sparql_string('say "hi"\\n'))
    "say \\"hi\\"\\n"
    """
    escaped = _SURROGATE.sub("\ufffd", value).translate(_ESCAPES)  # no engine takes a lone surrogate
    # A backslash before "u" would read as a codepoint escape to engines (rdflib) that expand
    # \uXXXX across the whole query text before parsing: write that letter as a codepoint itself.
    escaped = _BACKSLASH_U.sub(lambda m: "\\\\U%08X" % ord(m.group(1)), escaped)
    return f'"{escaped}"'


def bind(query: Query, values: dict[str, str] | None = None) -> str:
    """The query's text with each parameter bound to its value (or default), safely escaped."""
    values = dict(values or {})
    for name in values:
        query.param(name)  # unknown names raise
    text = query.text
    for p in query.params:
        if p.name in values:
            raw = values[p.name]
            if p.is_integer:
                if not re.fullmatch(r"[+-]?\d+", raw.strip()):
                    raise QueryError(f"parameter {p.name!r} of {query.name} takes an integer, not {raw!r}")
                term = str(int(raw))
            else:
                term = sparql_string(raw)
        else:
            term = p.default
        (m,) = _values_clauses(text, p.name)
        text = text[:m.start()] + f"VALUES ?{p.name} {{ {term} }}" + text[m.end():]
    return text


# --------------------------------------------------------------------------- exports and engines


def export_path(source: str | Path) -> Path:
    """The Turtle file of an export: ``source`` itself or ``source/kg.ttl``."""
    p = Path(source)
    if p.is_dir():
        p = p / EXPORT_FILE
    if not p.is_file():
        raise QueryError(f"no export at {source} (build one with: mlkg build PAGES --out {source})")
    return p


def load_export(source: str | Path, engine: str = "oxigraph", allow_network: bool = False):
    """The export, for :func:`select`: a pyoxigraph Store or an rdflib Graph.

    Under oxigraph a directory's on-disk store (:mod:`kg.store`) is opened when
    it is there and not older than the Turtle; otherwise the Turtle is parsed.
    Nothing is fetched (a JSON-LD ``@context`` URL is an error) unless ``allow_network``.
    """
    if engine == "oxigraph":
        opened = _open_store(source)
        if opened is not None:
            return opened
    path = export_path(source)
    if engine == "oxigraph":
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=_ox_format(path))
        except MemoryError:
            raise QueryError(_OUT_OF_MEMORY.format(path=path)) from None
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"cannot parse {path}: {exc}") from None
        return store
    if engine == "rdflib":
        import rdflib

        try:
            with network.offline(allow_network):
                return rdflib.Graph().parse(str(path), format=_rdflib_format(path))
        except MemoryError:
            raise QueryError(_OUT_OF_MEMORY.format(path=path)) from None
        except Exception as exc:  # rdflib raises several parser-specific types
            raise QueryError(f"cannot parse {path}: {exc}") from None
    raise QueryError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")


_OUT_OF_MEMORY = ("out of memory while loading {path}: the export is too large to parse in memory "
                  "(a build writes the on-disk store kg.oxigraph beside it, which queries open without parsing)")


def _open_store(source: str | Path):
    """The on-disk store of an export directory, or None when it has none (or a stale one)."""
    from kg.store import StoreError, open_store

    try:
        return open_store(source)
    except StoreError as exc:
        raise QueryError(str(exc)) from None


def _ox_format(path: Path) -> ox.RdfFormat:
    return {".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}.get(path.suffix, ox.RdfFormat.TURTLE)


def _rdflib_format(path: Path) -> str:
    return {".nt": "nt", ".jsonld": "json-ld"}.get(path.suffix, "turtle")


def select(store, text: str, *, timeout: float | None = DEFAULT_TIMEOUT, max_rows: int | None = DEFAULT_MAX_ROWS,
           allow_network: bool = False) -> Result:
    """Run a SELECT on a store from :func:`load_export`; rows hold plain strings.

    The query runs within ``timeout`` seconds and ``max_rows`` rows (0 or None:
    no limit) and a memory budget, else :class:`QueryLimitError`
    (kg/query_limits.py); a ``SERVICE`` clause is refused unless ``allow_network``.
    """
    if _SURROGATE.search(text):
        raise QueryError("the query text holds a lone surrogate (U+D800-U+DFFF), which is not text")
    try:
        network.check_query(text, allow_network)
    except network.NetworkRefused as exc:
        raise QueryError(str(exc)) from None
    columns, rows = run_bounded(lambda limit: _select_rows(store, text, limit, allow_network),
                                timeout, max_rows, errors=(QueryError,))
    return Result(columns, rows)


def _select_rows(store, text: str, limit: int | None, allow_network: bool) -> tuple[list[str], list[tuple]]:
    with network.offline(allow_network):
        if not isinstance(store, ox.Store):
            result = _rdflib_select(store, text, limit)
            return result.columns, result.rows
        solutions = ox_solutions(store, text)
        columns = [v.value for v in solutions.variables]
        return columns, [tuple(_ox_cell(s[c]) for c in columns) for s in itertools.islice(solutions, limit)]


def ox_solutions(store: ox.Store, text: str) -> ox.QuerySolutions:
    """The solutions of a SELECT under pyoxigraph; a syntax error or another query form is a QueryError."""
    try:
        solutions = store.query(text)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except MemoryError:
        raise QueryError("out of memory while answering the query (narrow it, or add a LIMIT)") from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError("only SELECT queries can be run")
    return solutions


def rdflib_result(graph, text: str):
    """The answer of a SELECT under rdflib; a syntax error or another query form is a QueryError."""
    from pyparsing import ParseException

    try:
        result = graph.query(text)
    except ParseException as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    if result.type != "SELECT":
        raise QueryError("only SELECT queries can be run")
    return result


def _rdflib_select(graph, text: str, limit: int | None = None) -> Result:
    result = rdflib_result(graph, text)
    columns = [str(v) for v in result.vars]
    return Result(columns, [tuple(_rdflib_cell(row[i]) for i in range(len(columns)))
                            for row in itertools.islice(result, limit)])


def _ox_cell(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _literal(term.value, term.datatype.value)
    return term.value


def _rdflib_cell(term) -> str | None:
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        return _literal(str(term), str(term.datatype) if term.datatype else "")
    return str(term)


def _literal(lexical: str, datatype: str) -> str:
    """Numbers in one canonical spelling (engines differ: 0.90 vs 0.9), everything else as written."""
    if datatype in _NUMERIC:
        try:
            number = Decimal(lexical)
        except InvalidOperation:
            return lexical
        if number == number.to_integral_value():
            return str(int(number))
        return format(number.normalize(), "f")
    return lexical


def compact(value: str | None) -> str:
    """An IRI in the export's prefixes (``entity:llama-2``); other values unchanged, None as ""."""
    from kg.export.rdf import PREFIXES

    if value is None:
        return ""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


def run(query: Query | str | Path, source, values: dict[str, str] | None = None,
        engine: str = "oxigraph", *, timeout: float | None = DEFAULT_TIMEOUT,
        max_rows: int | None = DEFAULT_MAX_ROWS, allow_network: bool = False) -> Result:
    """Answer a query on an export: ``source`` is an export directory or file, or a loaded store.

    ``timeout``, ``max_rows`` and ``allow_network`` are those of :func:`select`.
    """
    if not isinstance(query, Query):
        query = load_query(query)
    text = bind(query, values)
    store = load_export(source, engine, allow_network=allow_network) if isinstance(source, (str, Path)) else source
    return select(store, text, timeout=timeout, max_rows=max_rows, allow_network=allow_network)
