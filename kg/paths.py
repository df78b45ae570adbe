"""Where the files that live beside the package are: ``ontology/`` and ``queries/``.

In a checkout (or an editable install) they sit at the project root; a wheel
installs them under ``<prefix>/share/mlkg/`` (``[tool.setuptools.data-files]``).
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def shipped(name: str) -> Path:
    """The ``ontology`` or ``queries`` directory, in the checkout or the installed share."""
    for base in (_ROOT, Path(sys.prefix) / "share" / "mlkg"):
        if (base / name).is_dir():
            return base / name
    return _ROOT / name
