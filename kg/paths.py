"""Where the files shipped with the package are: ``kg/ontology/``, ``kg/queries/``, ``kg/data/``.

They are package data, found through :mod:`importlib.resources`, so a wheel
installed anywhere (another prefix, ``pip install --target``, a zip on
``sys.path``) finds them from any working directory.  In a checkout
``kg/ontology`` and ``kg/queries`` link to the project's top-level
``ontology/`` and ``queries/`` (where they are edited); the wheel holds copies.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path


@cache
def shipped(name: str) -> Path:
    """The shipped directory ``kg/<name>`` as a real directory (pyoxigraph and pySHACL read files by path).

    From a zipped package the directory is copied out once to a temporary
    directory, removed at exit.
    """
    folder = resources.files("kg") / name
    if isinstance(folder, Path):
        return folder
    copy = Path(tempfile.mkdtemp(prefix=f"mlkg-{name}-"))
    atexit.register(shutil.rmtree, copy, ignore_errors=True)
    _copy_tree(folder, copy)
    return copy


def _copy_tree(folder, target: Path) -> None:
    for item in folder.iterdir():
        if item.is_dir():
            (target / item.name).mkdir()
            _copy_tree(item, target / item.name)
        else:
            (target / item.name).write_bytes(item.read_bytes())
