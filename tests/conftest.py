"""Shared fixtures: the seed pages and one build of them per test session."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import urllib3.util  # noqa: F401  (spaCy imports it; at import it opens a socket to ask whether IPv6
# exists, which is no network connection but would trip the socket guard inside whichever test first
# loads spaCy, now that kg loads the pipeline lazily)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "dev.gold.json"
EXAMPLES = ROOT / "examples"


def load_bench(name: str):
    """``bench/<name>.py`` as a module; the bench scripts read ``../shared``, so the test is skipped without it."""
    if not SHARED.exists():
        pytest.skip("the shared folder is not beside the repository")
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """The socket guard (pytest-socket) is on for the whole suite: no test may open a network socket.

    A test that needs loopback opts in with ``@pytest.mark.allow_hosts(["127.0.0.1"])``;
    Unix sockets (asyncio's self-pipe, in the browser tests) stay allowed.
    """
    config.option.disable_socket = True
    config.option.allow_unix_socket = True


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert SEEDS.is_dir(), f"the seed pages are expected at {SEEDS}"
    return SEEDS


@pytest.fixture(scope="session")
def seeds_build(seeds_dir, tmp_path_factory):
    """The seeds built once, every format: (output directory, BuildReport)."""
    from kg import job

    out = tmp_path_factory.mktemp("seeds-export")
    report = job.run([seeds_dir], out, formats=("ttl", "nt", "jsonld", "json", "html"), processes=2)
    return out, report


def write_catalogue(directory: Path, models: list[dict]) -> Path:
    """A made-up catalogue directory: ``models`` as models.jsonl, the other types empty."""
    import json

    (directory / "models.jsonl").write_text("\n".join(json.dumps(r) for r in models) + "\n")
    for name in ("benchmarks.jsonl", "datasets.jsonl", "techniques.jsonl"):
        (directory / name).write_text("")
    return directory


@pytest.fixture
def extracted_sizes(monkeypatch) -> list[int]:
    """The number of papers of each call a build makes to ``kg.job.extract`` (appended as it is called)."""
    from kg import job

    sizes: list[int] = []
    real = job.extract

    def counting(papers, **kwargs):
        sizes.append(len(papers))
        return real(papers, **kwargs)

    monkeypatch.setattr(job, "extract", counting)
    return sizes


@pytest.fixture
def page(tmp_path):
    """Write a text file and return its path: page("name.txt", "content")."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
