"""Tables: values in a column whose header says what they are, where the row alone reads as bare
numbers ("San Ysidro  26  148  437"). Each public file is read again by the independent extractors."""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf
import pytest
from conftest import assert_present, extractions

import redactor
from redactor.errors import InvalidPolicy
from redactor.policy import load_policy

Row = tuple[str, ...]


def _table_page(
    doc: pymupdf.Document,
    rows: list[Row],
    columns: tuple[float, ...],
    right_aligned: int = -1,
    prose_below: bool = True,
) -> pymupdf.Page:
    """A page with a sentence above a table, the table's `rows` (the first is the header) at `columns`,
    and prose below. The cells of column `right_aligned` end where its header ends."""
    page = doc.new_page()
    page.insert_text((72, 90), "9. The table below lists the equipment at each port of entry.", fontsize=11)
    y = 120
    header_end = 0.0
    for number, row in enumerate(rows):
        for index, (x, cell) in enumerate(zip(columns, row, strict=True)):
            if index == right_aligned:
                width = pymupdf.get_text_length(cell, fontsize=11)
                if number == 0:
                    header_end = x + width
                else:
                    x = header_end - width
            page.insert_text((x, y), cell, fontsize=11)
        y += 18
    if not prose_below:
        return page
    page.insert_text((72, y + 24), "10. Officers reviewed footage from the cameras", fontsize=11)
    page.insert_text((72, y + 48), "on 12 occasions in 2024, see Doc. No. 158, at 7.", fontsize=11)
    page.insert_text((72, y + 72), "I declare under penalty of perjury that the foregoing is true.", fontsize=11)
    return page


def _numbers(path: Path) -> dict[str, set[str]]:
    """The numbers each independent extractor reads in `path` (raw objects left out: their
    coordinates hold any short number)."""
    return {
        tool: set(re.findall(r"\d+(?:\.\d+)*", text)) for tool, text in extractions(path).items() if tool != "qpdf-raw"
    }


def _redacted(tmp_path: Path, doc: pymupdf.Document) -> tuple[Path, redactor.Plan]:
    source = tmp_path / "table.pdf"
    doc.save(source)
    public = tmp_path / "table.public.pdf"
    result = redactor.redact(source, public, plan_path=tmp_path / "plan.json")
    assert result.verification.passed
    return public, result.plan


def test_counts_under_an_equipment_header_are_removed_and_the_rest_of_the_table_stays(tmp_path: Path) -> None:
    doc = pymupdf.open()
    rows = [
        ("Port of Entry", "Lanes", "Cameras", "Monitors"),
        ("San Ysidro", "26", "148", "437"),
        ("Otay Mesa", "13", "322", "515"),
        ("Tecate", "4", "96", "79"),
    ]
    _table_page(doc, rows, (72, 220, 300, 380), right_aligned=3)
    public, plan = _redacted(tmp_path, doc)
    for tool, numbers in _numbers(public).items():
        assert not numbers & {"148", "322", "96", "437", "515", "79"}, tool
        assert {"26", "13", "4", "12", "158", "2024"} <= numbers, tool
    assert_present(public, ["San Ysidro", "Otay Mesa", "Cameras", "Monitors", "Lanes",
                            "footage from the cameras", "I declare under penalty of perjury"])  # fmt: skip
    assert {r.rule for r in plan.redactions} == {"surveillance.count-column"}
    assert all("column headed" in r.explanation[-1] for r in plan.redactions)


def test_a_table_that_fills_its_page_goes_on_at_the_top_of_the_next(tmp_path: Path) -> None:
    doc = pymupdf.open()
    first = [("Port of Entry", "Cameras")] + [(f"Crossing {n}", str(100 + n)) for n in range(36)]
    _table_page(doc, first, (72, 300), prose_below=False)
    page = doc.new_page()
    for number, y in enumerate((72, 90, 108)):
        page.insert_text((72, y), f"Crossing {36 + number}", fontsize=11)
        page.insert_text((300, y), str(200 + number), fontsize=11)
    page.insert_text((72, 150), "11. The parties met and conferred on this, see Doc. No. 161.", fontsize=11)
    public, _ = _redacted(tmp_path, doc)
    for tool, numbers in _numbers(public).items():
        assert not numbers & ({str(100 + n) for n in range(36)} | {"200", "201", "202"}), tool
        assert "161" in numbers, tool


def test_an_inventory_tables_firmware_and_vlan_cells_are_removed(tmp_path: Path) -> None:
    doc = pymupdf.open()
    rows = [
        ("Device", "Host name", "Firmware", "VLAN"),
        ("Recorder", "synvr01", "4.2.17", "2140"),
        ("Camera server", "otmvms02", "7.11.3", "2290"),
    ]
    _table_page(doc, rows, (72, 200, 320, 420))
    public, plan = _redacted(tmp_path, doc)
    texts = {tool: text for tool, text in extractions(public).items() if tool != "qpdf-raw"}
    for tool, text in texts.items():
        for value in ("synvr01", "otmvms02", "4.2.17", "7.11.3", "2140", "2290"):
            assert value not in text, (tool, value)
    assert_present(public, ["Recorder", "Camera server", "Firmware", "Host name"])
    assert "cyber.inventory-column" in {r.rule for r in plan.redactions}


def test_a_header_word_inside_a_sentence_heads_no_column(tmp_path: Path) -> None:
    """ "Cameras" at the start of a line of prose, and "Firmware" at the end of one, are words of a
    sentence: the numbers on the lines below are not a column's."""
    doc = pymupdf.open()
    page = doc.new_page()
    lines = [
        "Cameras at the port were inspected by the contractor in the presence of",
        "12 officers on March 3, 2025, as described in Doc. No. 158 at 4. They found no",
        "fault in the Firmware",
        "2024 release, see Ex. 7, at 31.",
    ]
    for number, line in enumerate(lines):
        page.insert_text((72, 100 + 24 * number), line, fontsize=11)
    public, plan = _redacted(tmp_path, doc)
    assert not plan.redactions
    for tool, numbers in _numbers(public).items():
        assert {"12", "158", "2024", "31"} <= numbers, tool


def test_a_column_rule_takes_cells_whole(tmp_path: Path) -> None:
    policy = tmp_path / "p.toml"
    policy.write_text(
        '[[rule]]\nid = "x.col"\ncategory = "x"\nreason = "X"\nbasis = "b"\npatterns = [\'\\d+\']\n'
        'columns = ["Badge"]\nscope = "sentence"\n'
    )
    with pytest.raises(InvalidPolicy, match="x.col.*scope must be match"):
        load_policy(policy)


def test_account_names_and_passwords_in_a_table_are_removed(tmp_path: Path) -> None:
    doc = pymupdf.open()
    rows = [
        ("Device", "Model", "Username", "Password"),
        ("Lane recorder", "NV-4410", "svcsentinel", "Pelco2019!"),
        ("Canopy camera", "XNO-6080R", "admin", "changeme"),
    ]
    _table_page(doc, rows, (72, 200, 300, 400))
    public, _ = _redacted(tmp_path, doc)
    texts = {tool: text for tool, text in extractions(public).items() if tool != "qpdf-raw"}
    for tool, text in texts.items():
        for value in ("NV-4410", "XNO-6080R", "svcsentinel", "Pelco2019!", "changeme"):
            assert value not in text, (tool, value)
    assert_present(public, ["Lane recorder", "Canopy camera", "Username", "Password"])


def test_a_long_cell_reaching_into_the_next_column_neither_ends_the_table_nor_joins_the_column(tmp_path: Path) -> None:
    doc = pymupdf.open()
    rows = [
        ("Port of Entry", "Cameras", "Lanes"),
        ("San Ysidro Pedestrian East Crossing", "148", "26"),
        ("Otay", "322", "13"),
    ]
    _table_page(doc, rows, (72, 300, 380))
    public, plan = _redacted(tmp_path, doc)
    for tool, numbers in _numbers(public).items():
        assert not numbers & {"148", "322"}, tool
        assert {"26", "13"} <= numbers, tool
    assert_present(public, ["San Ysidro Pedestrian East Crossing"])


def test_a_heading_alone_on_its_line_heads_no_column(tmp_path: Path) -> None:
    """A transcript's or a manual's heading ("Password", alone) over prose: no table."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Password", fontsize=11)
    page.insert_text((72, 124), "that is what he said in the", fontsize=11)
    page.insert_text((72, 148), "record at 14, and there", fontsize=11)
    public, plan = _redacted(tmp_path, doc)
    assert not plan.redactions
    assert_present(public, ["that is what he said", "record at 14"])


def test_a_transcript_typed_with_wide_spaces_has_no_columns(tmp_path: Path) -> None:
    """A transcript justified in Courier puts one or two letters' width between words: as far
    apart as a table's cells, by height alone (a hearing transcript of the corpus, whose "Model."
    and "Version" took the numbers on the lines below)."""
    doc = pymupdf.open()
    page = doc.new_page()
    lines = [
        "in 2015.  And  yet,  my  client  is  asked  for",
        "Version  two  of  the  same  software,  to",
        "200  Bitcoin  because  they  happen  to  own",
        "57  other  Bitcoin  in  2017.  It  just",
    ]
    for number, line in enumerate(lines):
        page.insert_text((137, 100 + 24 * number), line, fontsize=10, fontname="cour")
    public, plan = _redacted(tmp_path, doc)
    assert not plan.redactions
    for tool, numbers in _numbers(public).items():
        assert {"200", "57", "2017"} <= numbers, tool


def test_a_cells_value_is_redacted_wherever_the_document_has_it(tmp_path: Path) -> None:
    """ "admin" under "Username" is redacted in the sentence below too: verification holds every
    redacted value to be gone from the whole file, so a value is redacted wherever it stands."""
    doc = pymupdf.open()
    rows = [("Device", "Username", "Password"), ("Lane recorder", "admin", "x"), ("Canopy camera", "svc4410", "y")]
    page = _table_page(doc, rows, (72, 220, 340), prose_below=False)
    page.insert_text((72, 300), "12. The admin console logs each sign-in by svc4410 and others.", fontsize=11)
    public, _ = _redacted(tmp_path, doc)
    assert_present(public, ["console logs each sign-in by"])
    for tool, text in extractions(public).items():
        assert "svc4410" not in text and "admin" not in text, tool
