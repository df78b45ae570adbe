"""What every ``mlkg`` command prints with: the lazy Rich consoles, tables, escaping and exit statuses."""

from __future__ import annotations

import sys

from kg.safe_text import printable

# Exit statuses (README, "Exit statuses"): 0 done; 1 nothing readable, unknown name, validation failed;
# 2 bad usage, query or export; 3 a query limit (--timeout, --max-rows, memory); 4 --out busy; 130 Ctrl-C.
EXIT_QUERY_LIMIT = 3
EXIT_OUTPUT_BUSY = 4


class _LazyConsole:
    """Becomes a rich Console on first use: importing rich costs more than `mlkg --help` may take."""

    def __init__(self, **options):
        self._options = options

    def __getattr__(self, name: str):
        from rich.console import Console

        options = self.__dict__.pop("_options")
        self.__class__ = Console  # from now on a plain Console, made in place
        Console.__init__(self, **options)
        return getattr(self, name)


def Table(*args, **kwargs):  # noqa: N802 - stands in for rich.table.Table, imported when first used
    from rich.table import Table as RichTable

    return RichTable(*args, **kwargs)


err = _LazyConsole(stderr=True, highlight=False, soft_wrap=True)
# Piped or redirected, tables are never wrapped to 80 columns: rows stay whole for grep, cut and less -S.
out = _LazyConsole(highlight=False, width=None if sys.stdout.isatty() else 1_000_000)


def escape(text: str) -> str:
    """Text for the console: Rich markup escaped, control characters (C0, C1) shown as ``\\xNN``."""
    from rich.markup import escape as markup_escape

    return markup_escape(printable(text))


def _evidence_text(ev) -> str:
    """': "sentence"', and the features that decided the edge when the learned decider did."""
    because = getattr(ev, "because", None) or ()
    return f': "{ev.sentence}"' + (f" (decided by {', '.join(because)})" if because else "")
