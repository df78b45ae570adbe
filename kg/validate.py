"""Check an export against the SHACL shapes of ``ontology/shapes.ttl`` with pySHACL.

pySHACL reports its results as an RDF graph; :func:`validate` turns that
into a list of :class:`Finding` records, and :func:`format_report` into a few
readable lines grouped by problem ("mlkg:evaluates should link a paper to a
Model (4)") with the first offending triples under each, in the prefixes of
the export.  Violations mean a malformed export; warnings, an edge that links
the wrong kind of entity (see the header of the shapes file).
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from kg import network
from kg.paths import shipped
from kg.export.rdf import PREFIXES
from kg.sparql import compact

ONTOLOGY_DIR = shipped("ontology")
SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_DIR / "mlkg.ttl"
EXPORT_FILES = ("kg.ttl", "kg.nt", "kg.jsonld")
_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}
_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


class ValidateError(ValueError):
    """An export or shapes file that cannot be read; the message says why in one line."""


@dataclass(frozen=True, order=True)
class Finding:
    """One SHACL validation result, its terms written with the export's prefixes."""

    severity: str
    message: str
    focus: str
    path: str = ""
    value: str = ""
    detail: str = ""  # whole-graph checks name the offending triple here instead of in focus/path/value

    def where(self) -> str:
        return self.detail or " ".join(x for x in (self.focus, self.path, self.value) if x)


@dataclass
class Report:
    source: str
    triples: int
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "violation"]

    @property
    def conforms(self) -> bool:
        """True when nothing is malformed (warnings allowed)."""
        return not self.violations


def export_file(source: str | Path) -> Path:
    """The RDF file to validate: ``source`` itself, or the first of kg.ttl/kg.nt/kg.jsonld in it."""
    p = Path(source)
    if p.is_dir():
        for name in EXPORT_FILES:
            if (p / name).is_file():
                return p / name
        raise ValidateError(f"no RDF export (kg.ttl, kg.nt or kg.jsonld) in {source}; "
                            f"build one with: mlkg build PAGES --out {source}")
    if not p.is_file():
        raise ValidateError(f"no export at {source}")
    return p


def parse(path: str | Path, allow_network: bool = False) -> rdflib.Graph:
    """An RDF file as an rdflib graph, by extension; unreadable files raise :class:`ValidateError`.

    Nothing is fetched (a remote JSON-LD ``@context`` is an error) unless ``allow_network``.
    """
    p = Path(path)
    try:
        with network.offline(allow_network):
            return rdflib.Graph().parse(str(p), format=_FORMATS.get(p.suffix, "turtle"))
    except Exception as exc:  # rdflib's parsers raise many unrelated types
        raise ValidateError(f"cannot parse {p}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None


_DECLARING_TYPES = {rdflib.OWL.Class, rdflib.OWL.ObjectProperty, rdflib.OWL.DatatypeProperty,
                    rdflib.OWL.AnnotationProperty, rdflib.OWL.NamedIndividual, RDF.Property}
_VOCABULARIES = tuple(ns for prefix, ns in PREFIXES.items() if prefix not in ("paper", "entity", "evidence", "experiment"))


def declared_terms(ontology: str | Path | rdflib.Graph = ONTOLOGY) -> set[rdflib.URIRef]:
    """Every class, property and individual the ontology declares (its own terms and those it reuses)."""
    g = ontology if isinstance(ontology, rdflib.Graph) else parse(ontology)
    return {s for s, t in g.subject_objects(RDF.type) if t in _DECLARING_TYPES and isinstance(s, rdflib.URIRef)}


def used_terms(data: rdflib.Graph) -> dict[rdflib.URIRef, int]:
    """The vocabulary an export uses, with counts: its predicates, its classes, and vocabulary IRIs as values."""
    used: dict[rdflib.URIRef, int] = defaultdict(int)
    for _, p, o in data:
        used[p] += 1
        if isinstance(o, rdflib.URIRef) and (p == RDF.type or str(o).startswith(_VOCABULARIES)):
            used[o] += 1
    return dict(used)


def vocabulary_findings(data: rdflib.Graph, ontology: str | Path | rdflib.Graph = ONTOLOGY) -> list[Finding]:
    """A violation for each term the data uses that the ontology does not declare (spelling drift)."""
    declared = declared_terms(ontology)
    return [Finding(severity="violation", message="term not declared by the ontology (ontology/mlkg.ttl)",
                    focus="", value=_short(term), detail=f"{_short(term)} used {n} time(s)")
            for term, n in sorted(used_terms(data).items()) if term not in declared]


def validate(source: str | Path | rdflib.Graph, shapes: str | Path = SHAPES, allow_network: bool = False) -> Report:
    """Validate an export (directory, file or parsed graph) against the shapes (no network unless allowed)."""
    import pyshacl

    if isinstance(source, rdflib.Graph):
        data, name = source, "graph"
    else:
        path = export_file(source)
        data, name = parse(path, allow_network), str(path)
    shapes_graph = parse(shapes)
    started = time.perf_counter()
    # rdflib logs a traceback for each literal it cannot convert (a gMonthDay tried as an xsd:date
    # inside sh:or); the shapes already report ill-typed literals, so keep the output readable.
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.CRITICAL)
    try:
        _, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none",
                                         allow_warnings=True, allow_infos=True)
    finally:
        term_log.setLevel(level)
    findings = sorted(_findings(results) + vocabulary_findings(data))
    return Report(source=name, triples=len(data), findings=findings, seconds=time.perf_counter() - started)


def _findings(results: rdflib.Graph) -> list[Finding]:
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in results.objects(r, SH.resultMessage))
        message = messages[0] if messages else _short(results.value(r, SH.sourceConstraintComponent))
        detail = ""
        if results.value(r, SH.sourceConstraintComponent) == SH.SPARQLConstraintComponent:
            message, _, detail = message.partition(": ")
            detail = " ".join(compact(word.strip("<>")) for word in detail.split())
        path = results.value(r, SH.resultPath)
        out.append(Finding(
            severity=_SEVERITY.get(results.value(r, SH.resultSeverity), "violation"),
            message=message,
            focus=_short(results.value(r, SH.focusNode)),
            path=_path(results, path),
            value=_short(results.value(r, SH.value)),
            detail=detail,
        ))
    return out


def _path(results: rdflib.Graph, path) -> str:
    """A result path: a property, or a sequence path written p1/p2."""
    if path is None:
        return ""
    if isinstance(path, rdflib.URIRef):
        return _short(path)
    if (path, RDF.first, None) in results:
        return "/".join(_short(p) for p in Collection(results, path))
    return "(path)"


def _short(term) -> str:
    """A term as the export writes it: prefixed name, <iri> or a quoted, shortened literal."""
    if term is None:
        return ""
    if isinstance(term, rdflib.Literal):
        text = str(term)
        return '"' + (text if len(text) <= 60 else text[:57] + "...") + '"'
    iri = str(term)
    short = compact(iri)
    if short != iri or not isinstance(term, rdflib.URIRef):
        return short
    return f"<{iri}>"


def format_report(report: Report, examples: int = 5) -> list[str]:
    """Readable lines: a summary, then each problem with its count and first few occurrences."""
    lines = [f"{report.source}: {report.triples:,} triples, {len(report.violations)} violation(s), "
             f"{len(report.warnings)} warning(s) ({report.seconds:.1f} s)"]
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in report.findings:
        groups[(f.severity, f.message)].append(f)
    for (severity, message), found in sorted(groups.items(), key=lambda kv: (kv[0][0] != "violation", kv[0])):
        lines.append(f"{severity}: {message} ({len(found)})")
        for f in found[:examples]:
            lines.append("    " + f.where())
        if len(found) > examples:
            lines.append(f"    … and {len(found) - examples} more")
    return lines
