"""kg/jsonstream.py reads what json.loads reads, one element at a time, whatever the chunk boundaries."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import jsonstream

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12)


def items(data: bytes, chunk: int = jsonstream.CHUNK) -> list:
    return [value for _, value in jsonstream.array_items(io.BytesIO(data), chunk)]


@settings(max_examples=150, deadline=None)
@given(values=st.lists(JSON_VALUES, max_size=6), chunk=st.integers(1, 9), indent=st.sampled_from([None, 1]))
def test_any_array_reads_as_json_loads_reads_it_at_any_chunk_size(values, chunk, indent):
    data = json.dumps(values, indent=indent, ensure_ascii=indent is None).encode("utf-8")
    assert items(data, chunk) == json.loads(data)


def test_numbers_cut_by_a_chunk_boundary_are_read_whole():
    assert items(b"[12345, -6.5e10, 7, NaN, true]", chunk=3)[:3] == [12345, -6.5e10, 7]


def test_the_elements_before_an_error_are_given_and_the_error_has_its_line():
    got = []
    with pytest.raises(jsonstream.JsonError) as info:
        for _, value in jsonstream.array_items(io.BytesIO(b'[{"a": 1},\n{"b": 2}\n{"c": 3}]'), chunk=4):
            got.append(value)
    assert got == [{"a": 1}, {"b": 2}]
    assert str(info.value) == "invalid JSON: Expecting ',' delimiter" and info.value.line == 3


@pytest.mark.parametrize("data, error", [
    (b"[1, 2", "invalid JSON: the array is not closed"),
    (b"[1] 2", "invalid JSON: Extra data"),
    (b'[{"a": tru}]', "invalid JSON: Expecting value"),
    (b'["caf\xe9"]', "not UTF-8 (byte 0xe9 at offset 5): skipped"),
])
def test_invalid_documents_say_why(data, error):
    with pytest.raises(jsonstream.JsonError, match=error.replace("(", r"\(").replace(")", r"\)")):
        items(data)


def test_a_document_that_is_not_an_array_is_said_before_anything_is_read():
    with pytest.raises(jsonstream.NotAnArray) as info:
        items(b'\xef\xbb\xbf  {"papers": []}')
    assert info.value.first == "{"
    assert items(b"\xef\xbb\xbf [ ]") == [] and items(b'["\\ud800"]') == ["\ud800"]
