"""Incremental exports (kg/export/splice.py): a build into an earlier build's directory copies unchanged nodes'
blocks from the previous files, and must still give exactly the files (and the store) of a full build."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import cache, job, store
from kg.export import rdf, splice

from conftest import EXAMPLES

ALL = ("ttl", "json", "html", "nt", "jsonld")
FILES = ("kg.ttl", "kg.nt", "kg.jsonld", "kg.json", "kg.html")

DAYS = [
    [{"title": "Quiet adapters for speech recognisers",
      "abstract": "We fine-tune Whisper-Large with LoRA and evaluate it on LibriSpeech."},
     {"title": "Counting over tables",
      "abstract": "We introduce TabCount, a benchmark of 2,000 counting questions over tables, "
                  "and evaluate GPT-4o on it."}],
    [{"title": "Small adapters for arithmetic",
      "abstract": "We fine-tune Mistral-7B with QLoRA and evaluate it on GSM8K and LibriSpeech."}],
    [{"title": "Quiet adapters for speech recognisers",
      "abstract": "We fine-tune Whisper-Large with LoRA and evaluate it on LibriSpeech.", "date": "2025-10-02"},
     {"title": "Training on counts",
      "abstract": "We train a compact reader on TabCount and reach 71.2% accuracy on GSM8K with Mistral-7B."}],
]


def page(folder: Path, name: str, rows: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def outputs(out: Path, names=FILES) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in names if (out / name).exists()}


def triples(out: Path) -> set:
    db = store.open_store(out)
    assert db is not None, "no fresh store"
    return {str(q) for q in db}


def full_build(paths, tmp_path: Path, formats=ALL) -> Path:
    fresh = tmp_path / f"full-{len(list(tmp_path.iterdir()))}"
    job.run(paths, fresh, formats, cache=False)
    return fresh


def assert_same_as_full(out: Path, paths, tmp_path: Path, formats=ALL) -> None:
    fresh = full_build(paths, tmp_path, formats)
    assert outputs(out) == outputs(fresh)
    assert triples(out) == triples(fresh)


def test_the_blocks_joined_are_the_whole_graph_serialisers_output():
    g = job.build_graph_from([EXAMPLES]).graph
    together = {f: io.BytesIO() for f in ("ttl", "nt", "jsonld")}
    rdf.write_together(g, together)
    spliced = {f: io.BytesIO() for f in ("ttl", "nt", "jsonld")}
    state = splice.Fragments(Path("/nonexistent/cache"))
    splice.write(g, spliced, {}, state)
    assert {f: b.getvalue() for f, b in spliced.items()} == {f: b.getvalue() for f, b in together.items()}
    assert state.copied == 0 and state.rendered > 0
    alone = io.BytesIO()
    splice.write(g, {"ttl": alone}, {}, splice.Fragments(Path("/nonexistent/cache")))
    assert alone.getvalue() == rdf.serialize(g, "ttl")


def test_several_updates_in_a_row_equal_full_builds_and_copy_unchanged_nodes(tmp_path):
    out = tmp_path / "inc"
    days = [page(tmp_path / "in", f"day{n}.jsonl", rows) for n, rows in enumerate(DAYS)]
    job.run([EXAMPLES, days[0]], out, ALL)
    for n in (1, 2):
        report = job.run([days[n]], out, ALL, update=True)
        assert report.spliced > 0  # the sample's papers were not made again
        assert_same_as_full(out, [EXAMPLES, *days[: n + 1]], tmp_path)
    again = job.run([EXAMPLES, *days], out, ALL)  # a rebuild of the same inputs copies every block
    assert again.spliced > 0
    index = splice.Index.load(out / cache.CACHE_DIR)
    assert index is not None and again.spliced == len(index.blocks)
    assert_same_as_full(out, [EXAMPLES, *days], tmp_path)


def test_a_new_paper_that_changes_an_old_entity(tmp_path):
    """Later papers writing an old entity's name another way give it an alias: its block changes."""
    first = page(tmp_path / "in", "one.jsonl", [
        {"title": "Tuning a small coder", "abstract": "We fine-tune StarCoder2-3B on our scripts."}])
    later = page(tmp_path / "in", "two.jsonl", [
        {"title": f"Coder study {n}", "abstract": f"We fine-tune Starcoder-2-3B on {what} and evaluate it on HumanEval."}
        for n, what in enumerate(("shell scripts", "unit tests", "notebooks"))])
    out = tmp_path / "inc"
    job.run([first], out, ALL)
    before = splice.Index.load(out / cache.CACHE_DIR).nodes
    job.run([later], out, ALL, update=True)
    assert_same_as_full(out, [first, later], tmp_path)
    after = splice.Index.load(out / cache.CACHE_DIR).nodes
    changed = [iri for iri in before if after.get(iri) != before[iri]]
    assert any("/entity/" in iri for iri in changed)
    assert b"Starcoder-2-3B" in (out / "kg.ttl").read_bytes()


def test_a_paper_removed_from_an_input_file(tmp_path):
    rows = DAYS[0] + DAYS[1]
    path = page(tmp_path / "in", "page.jsonl", rows)
    out = tmp_path / "inc"
    job.run([EXAMPLES, path], out, ALL)
    page(tmp_path / "in", "page.jsonl", rows[1:])
    report = job.run([EXAMPLES, path], out, ALL)
    assert report.spliced > 0
    assert_same_as_full(out, [EXAMPLES, path], tmp_path)
    assert b"Quiet adapters" not in (out / "kg.nt").read_bytes()


def test_formats_chosen_with_f(tmp_path):
    day = page(tmp_path / "in", "day.jsonl", DAYS[1])
    out = tmp_path / "inc"
    job.run([EXAMPLES], out, ("ttl", "json"))
    more = job.run([day], out, ("ttl", "nt", "jsonld"), update=True)  # nt and jsonld were not written before
    assert more.spliced == 0
    fresh = full_build([EXAMPLES, day], tmp_path, ("ttl", "nt", "jsonld"))
    assert outputs(out, ["kg.ttl", "kg.nt", "kg.jsonld"]) == outputs(fresh, ["kg.ttl", "kg.nt", "kg.jsonld"])
    fewer = job.run([EXAMPLES, day], out, ("nt",), store=False)  # a subset of what was written: copied
    assert fewer.spliced > 0
    assert (out / "kg.nt").read_bytes() == (fresh / "kg.nt").read_bytes()


def test_an_interrupted_update_keeps_the_previous_exports_and_the_next_is_right(tmp_path, monkeypatch):
    days = [page(tmp_path / "in", f"day{n}.jsonl", rows) for n, rows in enumerate(DAYS)]
    out = tmp_path / "inc"
    job.run([EXAMPLES, days[0]], out, ALL)
    before = outputs(out)
    real = rdf.make_block
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(rdf, "make_block", failing)
    with pytest.raises(KeyboardInterrupt):
        job.run([days[1]], out, ALL, update=True)
    monkeypatch.undo()
    assert outputs(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]

    real_replace = os.replace
    renames = []

    def dying_replace(src, dst):  # killed among the renames: some files new, some previous
        renames.append(dst)
        if len(renames) == 2:
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        job.run([days[1]], out, ALL, update=True)
    monkeypatch.undo()
    job.run([days[1]], out, ALL, update=True)
    assert_same_as_full(out, [EXAMPLES, days[0], days[1]], tmp_path)


def test_a_damaged_index_or_changed_export_falls_back_to_a_full_render(tmp_path):
    day = page(tmp_path / "in", "day.jsonl", DAYS[1])
    out = tmp_path / "inc"
    job.run([EXAMPLES], out, ALL)
    index = out / cache.CACHE_DIR / splice.INDEX
    data = bytearray(index.read_bytes())
    data[-5] ^= 1
    index.write_bytes(bytes(data))
    assert splice.Index.load(out / cache.CACHE_DIR) is None
    assert job.run([day], out, ALL, update=True).spliced == 0
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)

    # the same size and time, other bytes: only the checksum tells
    nt = out / "kg.nt"
    st = nt.stat()
    text = bytearray(nt.read_bytes())
    at = text.index(b"Paper>")
    text[at] = ord("p")
    nt.write_bytes(bytes(text))
    os.utime(nt, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert job.run([EXAMPLES, day], out, ALL).spliced == 0
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)


def test_another_export_code_version_is_not_read(tmp_path, monkeypatch):
    out = tmp_path / "inc"
    job.run([EXAMPLES], out, ("nt",), store=False)
    assert splice.Index.load(out / cache.CACHE_DIR) is not None
    monkeypatch.setattr(splice, "code_version", lambda: "other export code")
    assert splice.Index.load(out / cache.CACHE_DIR) is None


def test_the_store_is_patched_not_reloaded(tmp_path, monkeypatch):
    day = page(tmp_path / "in", "day.jsonl", DAYS[1])
    out = tmp_path / "inc"
    job.run([EXAMPLES], out, ALL)
    loads = []
    monkeypatch.setattr(store, "write_store", lambda *a: loads.append(a))
    monkeypatch.setattr(store.BackgroundStore, "feed", lambda *a: loads.append(a))
    job.run([day], out, ALL, update=True)
    assert loads == []
    monkeypatch.undo()
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)
    assert store.stamp(out)["triples"] == len(triples(out))


def test_a_change_larger_than_the_delta_bound_reloads_the_store(tmp_path, monkeypatch):
    """Past DELTA_BYTES of changed N-Triples the delta is not held to patch the store: it is loaded anew."""
    day = page(tmp_path / "in", "day.jsonl", DAYS[1])
    out = tmp_path / "inc"
    job.run([EXAMPLES], out, ALL)
    monkeypatch.setattr(splice, "DELTA_BYTES", 64)
    patched = []
    real = store.update_store
    monkeypatch.setattr(store, "update_store", lambda *a: patched.append(a) or real(*a))
    report = job.run([day], out, ALL, update=True)
    assert patched == [] and report.spliced > 0
    monkeypatch.undo()
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)
    assert store.stamp(out)["triples"] == len(triples(out))


def test_an_unchanged_input_is_read_back_from_the_cache_with_its_problems(tmp_path, monkeypatch):
    from kg import ingest

    path = page(tmp_path / "in", "page.jsonl", DAYS[0])
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"title": "No abstract here"}\nnot json at all\n')
    listing = tmp_path / "in" / "listing.txt"
    listing.write_text((EXAMPLES / "daily-papers-sample.txt").read_text(encoding="utf-8")[:3000], encoding="utf-8")
    out = tmp_path / "inc"
    first = job.run([path, listing], out, ("json",))
    reads = []
    real = ingest._read_file
    monkeypatch.setattr(ingest, "_read_file", lambda p, label: reads.append(p) or real(p, label))
    again = job.run([path, listing], out, ("json",))
    assert reads == []
    assert again.problems == first.problems and len(first.problems) >= 2
    fresh = full_build([path, listing], tmp_path, ("json",))
    assert (out / "kg.json").read_bytes() == (fresh / "kg.json").read_bytes()
    path.write_text(path.read_text(encoding="utf-8").replace("Whisper-Large", "Whisper-Small"), encoding="utf-8")
    reads.clear()
    job.run([path, listing], out, ("json",))
    assert reads == [path]  # changed bytes: read again
    assert b"Whisper-Small" in (out / "kg.json").read_bytes()


def test_an_input_read_back_from_the_cache_equals_a_fresh_read_field_by_field(tmp_path):
    """Every field a reader fills comes back from the read cache (a field added to entries is stored too)."""
    import dataclasses

    from kg import ingest
    from kg.cache import _READING_STATE, ReadCache

    page = tmp_path / "page.json"
    page.write_text(json.dumps([
        {"title": "Sparse Echo Routing", "abstract": "We route tokens by **echo** scores.", "authors": ["A", "B"],
         "date": "May 1 2024", "arxiv_id": "2405.00001", "url": "https://arxiv.org/abs/2405.00001"},
        {"title": "Drift-Aware Sampling", "abstract": "A sampler for stale states."}]))
    (tmp_path / "out").mkdir()
    fresh, fresh_problems = ingest._read_file(page, "page.json")
    cache = ReadCache(tmp_path / "out")
    cache.read_file(page, "page.json")
    again, problems = cache.read_file(page, "page.json")
    assert [p.model_dump() for p in problems] == [p.model_dump() for p in fresh_problems]
    assert len(again) == len(fresh) == 2
    for a, b in zip(fresh, again):
        assert a.abstract == b.abstract
        for f in dataclasses.fields(a):
            if f.name not in _READING_STATE - {"urls"}:
                assert getattr(a, f.name) == getattr(b, f.name), f.name


def test_unchanged_blocks_are_copied_in_the_kernel_a_run_at_a_time(tmp_path, monkeypatch):
    """No byte of a copied block passes through Python: consecutive blocks go as one copy_file_range run."""
    day = page(tmp_path / "in", "day.jsonl", DAYS[1])
    out = tmp_path / "inc"
    job.run([EXAMPLES], out, ALL)
    previous = sum((out / name).stat().st_size for name in ("kg.ttl", "kg.nt", "kg.jsonld"))
    runs, reads = [], []
    real_copy, real_pread = os.copy_file_range, os.pread
    monkeypatch.setattr(os, "copy_file_range", lambda *a: runs.append(a[2]) or real_copy(*a))
    monkeypatch.setattr(os, "pread", lambda fd, n, at: reads.append(n) or real_pread(fd, n, at))
    report = job.run([day], out, ALL, update=True)
    monkeypatch.undo()
    # a call per block would be three per spliced node (one per RDF format) and more for kg.json
    assert report.spliced > 0 and 0 < len(runs) < report.spliced // 4
    assert sum(reads) < previous / 10  # only the store's delta (old N-Triples not copied) is read
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)


def test_without_copy_file_range_the_blocks_are_read_and_written(tmp_path, monkeypatch):
    day = page(tmp_path / "in", "day.jsonl", DAYS[1])
    out = tmp_path / "inc"
    job.run([EXAMPLES], out, ALL)

    def refuse(*args):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refuse)
    assert job.run([day], out, ALL, update=True).spliced > 0
    monkeypatch.undo()
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)


@pytest.mark.parametrize("mtime_set_back", [False, True])
def test_an_export_changed_between_its_writing_and_the_index_gets_no_index(tmp_path, monkeypatch, mtime_set_back):
    """The index names the files as this build wrote them: one changed before it is saved is not trusted,
    even when its size is the same and its modification time is set back."""
    out = tmp_path / "inc"
    real_save = job._write_exports

    def tamper(report, out_dir, *args):
        real = splice.Fragments.save

        def save(self, directory, store_ns):
            nt = Path(directory) / "kg.nt"
            before = nt.stat()
            with nt.open("r+b") as fh:  # in place: the same inode and size
                data = fh.read()
                fh.seek(0)
                fh.write(data.replace(b"Paper>", b"paper>", 1))
            if mtime_set_back:
                os.utime(nt, ns=(before.st_atime_ns, before.st_mtime_ns))
            return real(self, directory, store_ns)

        monkeypatch.setattr(splice.Fragments, "save", save)
        return real_save(report, out_dir, *args)

    monkeypatch.setattr(job, "_write_exports", tamper)
    job.run([EXAMPLES], out, ALL)
    monkeypatch.undo()
    assert splice.Index.load(out / cache.CACHE_DIR) is None
    assert job.run([EXAMPLES], out, ALL).spliced == 0
    assert_same_as_full(out, [EXAMPLES], tmp_path)


def test_the_clock_is_let_pass_a_files_time(tmp_path):
    """On the file system the exports are written to: a change after the wait is stamped later."""
    first = tmp_path / "first"
    first.write_bytes(b"x")
    splice.wait_past(first.stat().st_ctime_ns)
    probe = tmp_path / "probe"
    probe.write_bytes(b"x")
    assert probe.stat().st_ctime_ns > first.stat().st_ctime_ns


def test_the_same_edges_in_another_order_give_another_digest():
    """The node-link JSON keeps the graph's edge order, so a node whose edges were added in another order
    must not have its old JSON copied."""
    import networkx as nx

    one, two = nx.MultiDiGraph(), nx.MultiDiGraph()
    for g, order in ((one, ("trainsOn", "evaluatesOn")), (two, ("evaluatesOn", "trainsOn"))):
        g.add_node("p", kind="Paper")
        for key in order:
            g.add_edge("p", "d", key=key)
    assert splice.node_digest(one, "p") != splice.node_digest(two, "p")
    two.remove_edge("p", "d", key="evaluatesOn")
    two.add_edge("p", "d", key="evaluatesOn")  # now in one's order
    assert splice.node_digest(one, "p") == splice.node_digest(two, "p")


def test_the_node_link_json_copies_unchanged_nodes_and_falls_back_alone(tmp_path, monkeypatch):
    """kg.json is spliced per node (kg/export/jsonsplice.py); an edited kg.json is made whole while the RDF
    files are still spliced."""
    day = page(tmp_path / "in", "day.jsonl", DAYS[1])
    out = tmp_path / "inc"
    job.run([EXAMPLES], out, ALL)
    copied = []
    real = splice._Out.copy
    monkeypatch.setattr(splice._Out, "copy", lambda self, old, *a: copied.append(  # the node-link file's parts
        Path(os.readlink(f"/proc/self/fd/{self.fh.fileno()}")).name.startswith(".kg.json.")) or real(self, old, *a))
    report = job.run([day], out, ALL, update=True)
    assert report.spliced > 0 and any(copied)
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)

    text = (out / "kg.json").read_bytes()
    (out / "kg.json").write_bytes(text.replace(b'"type":"Paper"', b'"type":"paper"', 1))
    copied.clear()
    report = job.run([EXAMPLES, day], out, ALL)
    assert report.spliced > 0 and not any(copied)
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)
    copied.clear()
    job.run([EXAMPLES, day], out, ALL)  # and the next build copies again
    assert any(copied)
    monkeypatch.undo()
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)


def test_the_page_copies_unchanged_nodes_and_falls_back_alone(tmp_path, monkeypatch):
    """kg.html is spliced per node (kg/export/htmlsplice.py); an edited page is made whole while the other files
    are still spliced, and the next build copies from it again."""
    day = page(tmp_path / "in", "day.jsonl", DAYS[0])
    out = tmp_path / "inc"
    job.run([EXAMPLES], out, ALL)
    copied = []
    real = splice._Out.copy
    monkeypatch.setattr(splice._Out, "copy",
                        lambda self, old, *a: copied.append(Path(os.readlink(f"/proc/self/fd/{self.fh.fileno()}")).name) or real(self, old, *a))
    job.run([day], out, ALL, update=True)
    assert any(name.startswith(".kg.html.") for name in copied), "no record was copied from the previous page"
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)

    text = (out / "kg.html").read_bytes()
    (out / "kg.html").write_bytes(text.replace(b'"group":"Paper"', b'"group":"paper"', 1))
    copied.clear()
    assert job.run([EXAMPLES, day], out, ALL).spliced > 0
    assert not any(name.startswith(".kg.html.") for name in copied)
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)
    copied.clear()
    job.run([EXAMPLES, day], out, ALL)
    assert any(name.startswith(".kg.html.") for name in copied)


def test_a_renamed_entity_remakes_the_edges_that_name_it(tmp_path):
    """An edge's record names its target: when later papers settle another label for an entity, the records of an
    old paper's edges to it are made again, though that paper's own node and edges did not change."""
    first = page(tmp_path / "in", "one.jsonl", [
        {"title": "Pebble sorting with a small planner", "abstract": "We fine-tune Quarrymind-7B to sort pebbles."}])
    later = page(tmp_path / "in", "two.jsonl", [
        {"title": f"Pebble study {n}", "abstract": f"We fine-tune QuarryMind-7B on {what}."}
        for n, what in enumerate(("river stones", "coloured beads", "glass marbles"))])
    out = tmp_path / "inc"
    job.run([first], out, ALL)
    assert b"Quarrymind-7B" in (out / "kg.html").read_bytes()
    job.run([later], out, ALL, update=True)
    assert_same_as_full(out, [first, later], tmp_path)
    assert b"fineTunes \xe2\x86\x92 QuarryMind-7B" in (out / "kg.html").read_bytes()


@pytest.mark.parametrize("gone", FILES)
def test_an_export_deleted_since_the_last_build_is_made_whole(tmp_path, gone):
    """A previous file moved or deleted by hand is no source of blocks: that export is made whole, the update
    equals a full build, and a plain build into the directory works again."""
    day = page(tmp_path / "in", "day.jsonl", DAYS[1])
    out = tmp_path / "inc"
    job.run([EXAMPLES], out, ALL)
    (out / gone).unlink()
    job.run([day], out, ALL, update=True)
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)
    (out / gone).unlink()
    job.run([EXAMPLES, day], out, ALL)
    assert_same_as_full(out, [EXAMPLES, day], tmp_path)
