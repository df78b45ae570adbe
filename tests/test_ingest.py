"""Listing pages in every layout, JSON records, merging, and bad input."""

from __future__ import annotations

import json

import pytest

from kg import ingest
from kg.ingest import IngestError

ABSTRACT_A = ("We introduce a method that trains small language models on synthetic data and "
              "shows that they match larger models on several reasoning benchmarks.")
ABSTRACT_B = ("This paper studies how quantization changes the behaviour of instruction-tuned "
              "models and reports accuracy across a range of tasks and model sizes.")

BLANK_LINE_LAYOUT = f"""new

Get trending papers in your email inbox!

Subscribe

byAK and the research community

Mar 17

Synthetic Data for Small Models

{ABSTRACT_A}

Quantization and Instruction Following

{ABSTRACT_B}
"""

METADATA_LAYOUT = f"""Daily Papers

Synthetic Data for Small Models

{ABSTRACT_A}

  • 12 authors
·
Oct 9, 2023

Quantization and Instruction Following

{ABSTRACT_B}

Example Org Example Org
·
May 29 14
"""

COMPACT_LAYOUT = f"""Get trending papers in your email inbox once a day!
Get trending papers in your email inbox!
SubscribeSynthetic Data for Small Models
{ABSTRACT_A}
Quantization and Instruction Following
{ABSTRACT_B}
"""


@pytest.mark.parametrize("layout", [BLANK_LINE_LAYOUT, METADATA_LAYOUT, COMPACT_LAYOUT],
                         ids=["blank-lines", "metadata", "compact"])
def test_each_layout_gives_titles_and_abstracts(page, layout):
    result = ingest.read([page("listing.txt", layout)])
    got = {p.title: p.abstract for p in result.papers}
    assert got == {"Synthetic Data for Small Models": ABSTRACT_A,
                   "Quantization and Instruction Following": ABSTRACT_B}
    assert result.problems == ()


def test_metadata_lines_attach_to_the_paper_above(page):
    result = ingest.read([page("listing.txt", METADATA_LAYOUT)])
    by_title = {p.title: p for p in result.papers}
    first = by_title["Synthetic Data for Small Models"]
    second = by_title["Quantization and Instruction Following"]
    assert (first.authors, first.organization, first.date, first.upvotes) == (12, None, "2023-10-09", None)
    assert (second.authors, second.organization, second.date, second.upvotes) == (
        None, "Example Org Example Org", "--05-29", 14)


def test_sources_record_page_and_line(page):
    result = ingest.read([page("listing.txt", COMPACT_LAYOUT)])
    paper = next(p for p in result.papers if p.title.startswith("Synthetic"))
    assert [(s.page, s.line) for s in paper.sources] == [("listing.txt", 3)]


def test_a_paper_on_several_pages_is_one_paper_with_every_source(page, tmp_path):
    page("pages/a.txt", BLANK_LINE_LAYOUT)
    page("pages/b.txt", COMPACT_LAYOUT.replace("Synthetic Data for Small Models", "SYNTHETIC DATA FOR SMALL MODELS!"))
    result = ingest.read([tmp_path / "pages"])
    assert len(result.papers) == 2
    paper = next(p for p in result.papers if "ynthetic" in p.title or "YNTHETIC" in p.title)
    assert [s.page for s in paper.sources] == ["pages/a.txt", "pages/b.txt"]
    assert result.entries_read == 4


def test_urls_and_arxiv_ids_are_kept(page):
    text = BLANK_LINE_LAYOUT.replace(
        ABSTRACT_A, ABSTRACT_A + " Code: https://github.com/org/repo. Paper: https://arxiv.org/abs/2401.01234.")
    result = ingest.read([page("listing.txt", text)])
    paper = next(p for p in result.papers if p.title.startswith("Synthetic"))
    assert paper.urls == ("https://github.com/org/repo", "https://arxiv.org/abs/2401.01234")
    assert paper.arxiv_id == "2401.01234"
    assert paper.key == "arxiv-2401.01234"


def test_json_and_jsonl_records(page, tmp_path):
    records = [
        {"title": "Synthetic Data for Small Models", "abstract": ABSTRACT_A, "authors": ["A", "B"],
         "date": "2024-02-03", "arxiv_id": "2402.00001"},
        {"title": "Quantization and Instruction Following", "abstract": ABSTRACT_B,
         "url": "https://arxiv.org/abs/2402.00002v2"},
    ]
    page("in/records.json", json.dumps(records))
    page("in/more.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    result = ingest.read([tmp_path / "in"])
    by_title = {p.title: p for p in result.papers}
    assert len(by_title) == 2
    first = by_title["Synthetic Data for Small Models"]
    assert (first.authors, first.date, first.arxiv_id) == (2, "2024-02-03", "2402.00001")
    assert by_title["Quantization and Instruction Following"].arxiv_id == "2402.00002"
    assert len(first.sources) == 2


def test_json_record_without_title_is_named_and_skipped(page):
    path = page("records.jsonl", json.dumps({"title": "Ok Title Here", "abstract": ABSTRACT_A}) + "\n"
                + json.dumps({"abstract": ABSTRACT_B}) + "\n")
    result = ingest.read([path])
    assert [p.title for p in result.papers] == ["Ok Title Here"]
    assert [(p.path, p.line) for p in result.problems] == [("records.jsonl", 2)]
    assert "without a title" in result.problems[0].message


def test_json_array_record_without_title_names_the_record(page):
    path = page("records.json", json.dumps([{"title": "Ok Title Here", "abstract": ABSTRACT_A},
                                             {"abstract": ABSTRACT_B}]))
    result = ingest.read([path])
    assert "record 2" in str(result.problems[0])


def test_missing_path_is_an_error_naming_it(tmp_path):
    with pytest.raises(IngestError) as info:
        ingest.read([tmp_path / "nope"])
    assert "nope" in str(info.value) and "no such file" in str(info.value)


def test_empty_directory_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestError, match="no listing or JSON files"):
        ingest.read([tmp_path / "empty"])


def test_not_a_listing(page):
    with pytest.raises(IngestError, match="not a listing page"):
        ingest.read([page("notes.txt", "just a shopping list\nmilk\neggs\n")])


def test_not_utf8_names_file_and_line(page):
    path = page("latin1.txt", "Title Line\n\n".encode() + "Caf\xe9 abstract here".encode("latin-1"))
    with pytest.raises(IngestError) as info:
        ingest.read([path])
    [problem] = info.value.problems
    assert (problem.path, problem.line) == ("latin1.txt", 3)
    assert "not UTF-8" in problem.message


def test_zero_byte_and_binary_files_are_skipped_beside_good_ones(page, tmp_path):
    page("in/good.txt", BLANK_LINE_LAYOUT)
    page("in/zero.txt", b"")
    page("in/blob.txt", b"\x00\x01\x02binary")
    result = ingest.read([tmp_path / "in"])
    assert len(result.papers) == 2
    messages = sorted(str(p) for p in result.problems)
    assert any("blob.txt" in m and "binary" in m for m in messages)
    assert any("zero.txt" in m and "empty" in m for m in messages)


def test_title_without_abstract_is_reported(page):
    text = COMPACT_LAYOUT + "A Lonely Title At The End\n"
    result = ingest.read([page("listing.txt", text)])
    assert len(result.papers) == 2
    assert any("without an abstract" in p.message and p.line == 7 for p in result.problems)


def test_every_distinct_seed_paper_once(seeds_dir):
    result = ingest.read([seeds_dir])
    # Counted by hand: 675 entries over the five pages, 632 distinct abstracts
    # (one per line longer than 300 characters, `sort -u`), each a distinct paper.
    assert result.entries_read == 675
    assert len(result.papers) == 632
    assert len({ingest.normalize_title(p.title) for p in result.papers}) == 632
    assert sum(len(p.sources) for p in result.papers) == 675
    assert result.problems == ()


def test_the_output_directory_inside_an_input_is_not_read(tmp_path):
    from kg import job

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text(BLANK_LINE_LAYOUT)
    job.run([tmp_path / "in"], tmp_path / "in" / "exports", formats=("json",))
    again = job.run([tmp_path / "in"], tmp_path / "in" / "exports", formats=("json",))
    assert again.files_read == 1
    [warning] = again.problems  # said, not silently skipped (issue 17)
    assert "file(s) inside the output directory" in warning.message and warning.message.endswith("not read "
                                                                                                  "(exports are never inputs)")


def test_page_chrome_from_other_copies_is_not_read_as_papers(page):
    text = ("Daily Papers\r\n\r\nby AK and the research community\r\n\r\nSynthetic Data for Small Models\r\n\r\n"
            f"{ABSTRACT_A}\r\n\r\n• 7 authors\r\n·\r\nSubmitted by someone\r\n\r\nUpvote\r\n42\r\n\r\n"
            "View arXiv page\r\n\r\nQuantization and Instruction Following\r\n\r\n"
            f"{ABSTRACT_B}\r\n\r\n3 comments\r\n")
    read = ingest.read([page("copy.txt", text)])
    by_title = {p.title: p.abstract for p in read.papers}
    assert by_title == {"Synthetic Data for Small Models": ABSTRACT_A, "Quantization and Instruction Following": ABSTRACT_B}
    assert not read.problems


def test_records_in_the_shape_of_the_daily_papers_api_are_read(page):
    records = [{"paper": {"id": "2501.01234", "title": "Synthetic Data for Small Models", "summary": ABSTRACT_A,
                          "authors": [{"name": "A"}, {"name": "B"}], "upvotes": 12,
                          "publishedAt": "2025-01-03T10:00:00.000Z", "organization": {"fullname": "Some Lab"}},
                "publishedAt": "2025-01-04T08:00:00.000Z", "title": "Synthetic Data for Small Models"}]
    [paper] = ingest.read([page("api.json", json.dumps(records))]).papers
    assert paper.abstract == ABSTRACT_A and paper.arxiv_id == "2501.01234"
    assert paper.authors == 2 and paper.upvotes == 12 and paper.organization == "Some Lab"
    assert paper.date == "2025-01-04"  # the listing's date, as on a listing page


def test_the_page_date_goes_to_every_paper_without_its_own(page):
    text = BLANK_LINE_LAYOUT.replace("Quantization and Instruction Following\n\n" + ABSTRACT_B + "\n",
                                     "Quantization and Instruction Following\n\n" + ABSTRACT_B + "\n\n"
                                     "  • 3 authors\n·\nJun 2, 2024\n")
    by_title = {p.title: p.date for p in ingest.read([page("listing.txt", text)]).papers}
    assert by_title == {"Synthetic Data for Small Models": "--03-17",  # the page's "Mar 17"
                        "Quantization and Instruction Following": "2024-06-02"}  # its own date line wins


@pytest.mark.parametrize("written, date", [
    ("May 1 2024", "2024-05-01"), ("1 May 2024", "2024-05-01"), ("2024-05-01T23:30:00-05:00", "2024-05-01"),
    ("Mon, 06 May 2024 10:00:00 GMT", "2024-05-06"), ("May 1", "--05-01"), ("Feb 29", "--02-29"),
    ("2024-02-30", None), ("May 2024", None), ("2024", None), ("soon", None), ("", None),
])
def test_record_dates_are_read_whole_or_not_at_all(page, written, date):
    record = {"title": "Synthetic Data for Small Models", "abstract": ABSTRACT_A, "date": written}
    [paper] = ingest.read([page("r.jsonl", json.dumps(record) + "\n")]).papers
    assert paper.date == date
