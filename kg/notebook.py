"""Results in Jupyter: HTML tables (``_repr_html_``) and pandas DataFrames (``to_pandas``).

The classes of :mod:`kg.query` call these; nothing here is needed outside a
notebook, and pandas is an optional extra (``pip install 'mlkg[notebook]'``).
Every value reaches the page escaped: titles and sentences come from input.
"""

from __future__ import annotations

from html import escape

MAX_ROWS = 50  # rows shown in a notebook cell; the DataFrame has them all


def _cell(value) -> str:
    if isinstance(value, str) and value.startswith(("https://", "http://")):
        href = escape(value, quote=True)
        return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{escape(value)}</a>'
    if isinstance(value, (list, tuple)):
        return "<br>".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return "<br>".join(f"{escape(str(k))}: {_cell(v)}" for k, v in value.items())
    return "" if value is None else escape(str(value))


def table(rows: list[dict], caption: str = "") -> str:
    """An HTML table of flat rows (the keys of the first row are the columns)."""
    if not rows:
        return f"<p>{escape(caption)}: no results</p>" if caption else "<p>no results</p>"
    columns = list(rows[0])
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_cell(r.get(c))}</td>" for c in columns) + "</tr>"
                   for r in rows[:MAX_ROWS])
    more = f"<p>… {len(rows) - MAX_ROWS} more rows (.to_pandas() has them all)</p>" if len(rows) > MAX_ROWS else ""
    title = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f'<table class="mlkg">{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}'


def record_html(record) -> str:
    """One result (a paper, an entity, a summary) as a two-column table of its fields."""
    rows = [{"field": k, "value": v} for k, v in record.to_record().items() if v not in (None, [], {}, "")]
    return table(rows, caption=type(record).__name__.removesuffix("Result").removesuffix("Info"))


def results_html(results) -> str:
    return table(results.to_records(), caption=f"{len(results)} result{'s' * (len(results) != 1)}")


def graph_html(graph) -> str:
    """The counts of a :class:`~kg.query.KnowledgeGraph`, nodes and edges."""
    return table([{"what": k, "count": v} for k, v in graph.counts().items()], caption="mlkg KnowledgeGraph")


def to_pandas(rows: list[dict], columns: list[str] | None = None):
    """A ``pandas.DataFrame`` of flat rows (a clear ImportError when pandas is not installed)."""
    try:
        import pandas
    except ImportError:
        raise ImportError("to_pandas() needs pandas: pip install 'mlkg[notebook]' (or pandas)") from None
    return pandas.DataFrame(rows, columns=columns)
