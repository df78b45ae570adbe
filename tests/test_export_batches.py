"""Exports encoded a batch at a time give the bytes of encoding each item alone."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest

from kg.export import html, jsongraph, jsonld


def _items(n: int) -> list:
    return [{"id": f"item {i}", "title": "a </script> & \u2028 é", "n": i, "tags": ["x", i % 3]} for i in range(n)]


@pytest.mark.parametrize("n", [0, 1, jsongraph.ARRAY_BATCH, jsongraph.ARRAY_BATCH + 1, 2 * jsongraph.ARRAY_BATCH + 3])
def test_an_array_in_batches_is_the_whole_list_encoded_at_once(n):
    buffer = io.BytesIO()
    jsongraph.write_array(buffer, iter(_items(n)), jsongraph.encode_compact)
    expected = json.dumps(_items(n), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert buffer.getvalue() == expected.encode("utf-8")


def test_script_safe_records_in_batches_are_each_record_made_safe_alone():
    items = _items(jsongraph.ARRAY_BATCH + 5)
    buffer = io.BytesIO()
    jsongraph.write_array(buffer, iter(items), html._script_json)
    assert buffer.getvalue() == ("[" + ",".join(html._script_json(item) for item in items) + "]").encode("utf-8")
    assert b"</script>" not in buffer.getvalue()


def test_json_ld_nodes_given_in_several_batches_are_the_nodes_written_one_by_one():
    def triples(i: int) -> list[ox.Triple]:
        s = ox.NamedNode(f"https://w3id.org/mlkg/resource/paper/p{i}")
        return [ox.Triple(s, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal(f"Title \"{i}\" é"))]

    whole, parts = io.BytesIO(), io.BytesIO()
    jsonld.write(whole, [t for i in range(5) for t in triples(i)])
    writer = jsonld.Writer(parts)
    for batch in ([], triples(0), [*triples(1), *triples(2)], [], [*triples(3), *triples(4)]):
        writer.add(batch)
    writer.close()
    assert parts.getvalue() == whole.getvalue()
    graph = json.loads(whole.getvalue())["@graph"]
    assert [node["title"] for node in graph] == [f"Title \"{i}\" é" for i in range(5)]
    text = whole.getvalue().decode("utf-8")
    assert ",\n".join(json.dumps(node, ensure_ascii=False) for node in graph) in text
