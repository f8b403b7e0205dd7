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


def _assert_unread(path: Path, values: list[str]) -> None:
    """No extractor of text reads any of `values` in `path` (raw objects left out: their
    coordinates and names hold short values such as "2140" or "Root")."""
    for tool, text in extractions(path).items():
        if tool != "qpdf-raw":
            for value in values:
                assert value not in text, (tool, value)


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
    _assert_unread(public, ["synvr01", "otmvms02", "4.2.17", "7.11.3", "2140", "2290"])
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


@pytest.mark.parametrize(
    ("rule_id", "keys", "message"),
    [
        # A column rule takes each cell whole: a sentence has nothing to do in a cell.
        ("x.col", 'columns = ["Badge"]\nscope = "sentence"\n', "x.col.*scope must be match"),
        ("x.row", 'row_context = ["camera"]\n', "x.row.*row_context is for a rule with columns"),
    ],
)
def test_a_policy_misusing_column_keys_is_refused(tmp_path: Path, rule_id: str, keys: str, message: str) -> None:
    policy = tmp_path / "p.toml"
    policy.write_text(
        f'[[rule]]\nid = "{rule_id}"\ncategory = "x"\nreason = "X"\nbasis = "b"\npatterns = [\'\\d+\']\n' + keys
    )
    with pytest.raises(InvalidPolicy, match=message):
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
    _assert_unread(public, ["NV-4410", "XNO-6080R", "svcsentinel", "Pelco2019!", "changeme"])
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


def _grid_page(
    doc: pymupdf.Document,
    header_lines: list[Row],
    rows: list[Row],
    widths: tuple[float, ...],
    aligns: str,
    font: str = "tiro",
    bold: str = "tibo",
    size: float = 11,
    above: str = "9. The table below lists the equipment at each port of entry.",
    below: str = "10. The parties met and conferred on this, see Doc. No. 161.",
    ruled: bool = True,
) -> pymupdf.Page:
    """A ruled table whose header may take several lines; `aligns` is one letter a column (l, r, c)
    for the cells, and the headers are centred but the first."""
    page = doc.new_page()
    page.insert_text((72, 90), above, fontsize=11, fontname="tiro")
    xs = [60.0]
    for width in widths:
        xs.append(xs[-1] + width)
    y, line = 110.0, 20.0
    top = y
    for number, row in enumerate([*header_lines, *rows]):
        y += line
        for index, cell in enumerate(row):
            length = pymupdf.get_text_length(cell, fontname=bold if number < len(header_lines) else font, fontsize=size)
            room = widths[index] - 8
            align = aligns[index] if number >= len(header_lines) else "lc"[index > 0]
            shift = {"l": 0.0, "r": room - length, "c": (room - length) / 2}[align]
            page.insert_text((xs[index] + 4 + shift, y - 6), cell, fontsize=size,
                             fontname=bold if number < len(header_lines) else font)  # fmt: skip
        if ruled and number >= len(header_lines) - 1:
            page.draw_line((xs[0], y), (xs[-1], y), width=0.5)
    if ruled:
        page.draw_line((xs[0], top), (xs[-1], top), width=0.5)
        for x in xs:
            page.draw_line((x, top), (x, y), width=0.5)
    page.insert_text((72, y + 30), below, fontsize=11, fontname="tiro")
    return page


def test_a_header_on_two_lines_or_with_its_unit_heads_its_column(tmp_path: Path) -> None:
    """ "Blind" over "Spots", "Retention" over "(days)", and "Coverage (%)" with its shares written
    without the sign: the columns were not found, and every blind-spot count, share and retention
    period of a pleading's table was published (table review)."""
    doc = pymupdf.open()
    header = [("Port of Entry", "Inspection", "Number of", "Blind", "Coverage (%)", "Retention"),
              ("", "Lanes", "Cameras", "Spots", "", "(days)")]  # fmt: skip
    rows = [("San Ysidro", "26", "148", "7", "92.5", "30"), ("Otay Mesa", "13", "322", "5", "88", "45")]
    _grid_page(doc, header, rows, (118, 70, 72, 60, 74, 66), "lrrrrr")
    public, _ = _redacted(tmp_path, doc)
    for tool, numbers in _numbers(public).items():
        assert not numbers & {"148", "322", "7", "5", "92.5", "88", "30", "45"}, tool
        assert {"26", "13", "161"} <= numbers, tool
    assert_present(public, ["San Ysidro", "Otay Mesa", "Blind", "Spots", "Coverage", "Retention"])


def test_a_price_schedules_amounts_without_a_dollar_sign_are_removed(tmp_path: Path) -> None:
    doc = pymupdf.open()
    header = [("CLIN", "Description", "Unit", "Unit price", "Extended price")]
    rows = [("0001", "Fixed camera, installed", "EA", "4,812.50", "712,250.00"),
            ("0002", "Fiber backhaul", "MI", "38,950.00", "467,400.00")]  # fmt: skip
    _grid_page(doc, header, rows, (44, 170, 40, 90, 100), "llcrr", font="helv", bold="hebo", size=9,
               below="The total awarded value of 12,480,000.00 was published on September 30, 2024.")  # fmt: skip
    public, plan = _redacted(tmp_path, doc)
    _assert_unread(public, ["4,812.50", "712,250.00", "38,950.00", "467,400.00"])
    assert_present(public, ["0001", "0002", "Fixed camera, installed", "Fiber backhaul", "12,480,000.00",
                            "September 30, 2024", "Unit price"])  # fmt: skip
    assert {r.rule for r in plan.redactions} == {"cost.price-column"}


def test_an_extended_column_headed_by_one_word_loses_its_amounts(tmp_path: Path) -> None:
    """The one word "Extended" heads the line totals of a price schedule (detect17 review): the unit prices
    went, the totals beside them stayed."""
    doc = pymupdf.open()
    header = [("CLIN", "Description", "Unit Price", "Extended")]
    rows = [("0001", "Replacement NVR, 64-channel", "18,950.00", "75,800.00"),
            ("0002", "Installation labor", "165.00", "19,800.00")]  # fmt: skip
    _grid_page(doc, header, rows, (44, 190, 90, 100), "llrr", font="helv", bold="hebo", size=9,
               below="Filed with the Motion to Seal, Doc. No. 158, on July 16, 2024.")  # fmt: skip
    public, plan = _redacted(tmp_path, doc)
    _assert_unread(public, ["18,950.00", "75,800.00", "165.00", "19,800.00"])
    assert_present(public, ["0001", "0002", "Replacement NVR, 64-channel", "Installation labor", "Extended",
                            "Doc. No. 158", "July 16, 2024"])  # fmt: skip


def test_the_hours_an_area_is_monitored_are_removed_under_a_monitored_header(tmp_path: Path) -> None:
    """The header "Monitored" heads the hours an area is watched ("0600-2200"; detect17 review)."""
    doc = pymupdf.open()
    header = [("Area", "Cameras", "Monitored")]
    rows = [("Pedestrian hall", "6", "0600-2200"), ("Cargo lot", "10", "0700-1900"), ("Lane 9 booth", "2", "24/7"),
            ("SENTRI lot", "4", "24x7")]  # fmt: skip
    _grid_page(doc, header, rows, (120, 70, 90), "lrr", font="helv", bold="hebo", size=9,
               below="See Doc. No. 158, filed July 16, 2024.")  # fmt: skip
    public, _ = _redacted(tmp_path, doc)
    _assert_unread(public, ["0600-2200", "0700-1900", "24/7", "24x7"])
    assert_present(
        public,
        ["Pedestrian hall", "Cargo lot", "Lane 9 booth", "SENTRI lot", "Monitored", "Doc. No. 158", "July 16, 2024"],
    )


def test_a_scan_summary_loses_its_cells_and_keeps_its_caption(tmp_path: Path) -> None:
    """A vulnerability scan's table has no sentence ends: "Unpatched" in a cell took everything
    from the exhibit's title to the next period as one sentence (table review). Now it takes its
    cell, and the columns take host names (without a digit too), versions, CVEs, patch status and
    the ports listed with commas."""
    doc = pymupdf.open()
    header = [("Host name", "OS version", "CVE", "Patch status", "Open ports")]
    rows = [("sy-nvr-01", "Ubuntu 16.04", "CVE-2018-10933", "Unpatched", "22, 23, 3389"),
            ("otm-cam-gw", "RHEL 7.9", "CVE-2017-9765", "Pending Q3 FY25", "8443")]  # fmt: skip
    _grid_page(doc, header, rows, (80, 90, 100, 100, 90), "lllll", font="cour", bold="cobo", size=8,
               above="EXHIBIT B   Scan run February 11, 2025 (see Decl. of J. Park, para. 14)",
               below="Findings are summarized in paragraph 15 of the declaration.")  # fmt: skip
    public, _ = _redacted(tmp_path, doc)
    _assert_unread(public, ["sy-nvr-01", "otm-cam-gw", "Ubuntu", "16.04", "RHEL", "CVE-2018-10933", "CVE-2017-9765",
                            "Unpatched", "Pending", "3389", "8443"])  # fmt: skip
    assert_present(public, ["EXHIBIT B", "February 11, 2025", "para. 14", "paragraph 15", "Host name", "Patch status"])


def test_a_sentence_below_a_table_does_not_run_back_through_it(tmp_path: Path) -> None:
    """ "All three accounts were disabled" is a sentence about cameras' accounts (an outage
    word), and it started at the last period above it: the whole table of devices and tickets.
    (A table counts as one under a header a column rule names, here "Username": a table of
    words alone is taken with the sentence, as a transcript spread wide looks like one.)"""
    doc = pymupdf.open()
    header = [("Device", "Username", "Ticket")]
    rows = [("Lane 9 recorder", "svc9rec", "open"), ("Canopy camera 4", "cam4root", "closed")]
    _grid_page(doc, header, rows, (140, 100, 100), "lll", ruled=False,
               above="EXHIBIT C. Accounts found on lane devices.",
               below="All three accounts were disabled on March 3, 2025.")  # fmt: skip
    public, plan = _redacted(tmp_path, doc)
    assert_present(public, ["Lane 9 recorder", "Canopy camera 4", "open", "closed", "Accounts found on lane devices"])
    _assert_unread(public, ["disabled", "svc9rec", "cam4root"])
    assert sorted({r.rule for r in plan.redactions}) == ["cyber.credential-column", "surveillance.outage"]


def test_an_alien_number_column_headed_alien_no_is_removed(tmp_path: Path) -> None:
    doc = pymupdf.open()
    header = [("Beneficiary", "Relationship", "Date of birth", "Alien No.")]
    rows = [("Diego Ruiz Lopez", "Spouse", "Nov. 2, 1982", "212345680"),
            ("Lucia Herrera Paz", "Mother", "Sept. 30, 1958", "212345683")]  # fmt: skip
    _grid_page(doc, header, rows, (140, 90, 90, 110), "llll", ruled=False)
    public, _ = _redacted(tmp_path, doc)
    _assert_unread(public, ["212345680", "212345683"])
    assert_present(public, ["Diego Ruiz Lopez", "Spouse", "1982"])


def test_a_sentence_in_a_justified_transcript_is_taken_whole(tmp_path: Path) -> None:
    """A transcript justified in Courier spreads its words three letters apart, into "cells" that
    line up from line to line. A sentence rule's sentence there is no table's cell: the first cut
    of sentences to a table's cells took "have no camera coverage" alone and left "after
    midnight, because the recorders were full" public. Only tables under a column rule's header
    count as tables."""
    doc = pymupdf.open()
    page = doc.new_page()
    lines = [
        "Q.   And   what   did   you   see   on   the   monitors",
        "that   night,   at   the   port?",
        "A.   Lanes   20   through   24   have   no   camera   coverage",
        "after   midnight,   because   the   recorders   were   full.",
        "Q.   Did   you   report   that   to   anyone   at   all?",
    ]
    for number, line in enumerate(lines):
        page.insert_text((72, 100 + 24 * number), line, fontsize=12, fontname="cour")
    public, _ = _redacted(tmp_path, doc)
    _assert_unread(public, ["recorders", "midnight"])
    assert_present(public, ["Did you report that to anyone at all?"])


def test_a_table_on_a_landscape_page_is_read_as_shown(tmp_path: Path) -> None:
    """A landscape exhibit (/Rotate 90): its words run sideways in the page's own space. Its
    columns were not followed, a short sideways word ("root") was taken for upright and cut
    through by a horizontal band, and the trailer's /Root read as the redacted "root": redact
    refused the file (exit 10; table review)."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.set_rotation(90)

    def put(x: float, y: float, text: str) -> None:
        page.insert_text(pymupdf.Point(x, y) * page.derotation_matrix, text, fontname="helv", fontsize=10, rotate=90)

    rows = [("Device", "Username", "Password"), ("Lane 9 recorder", "svcsentinel", "Pelco2019!"),
            ("Canopy camera 4", "root", "ikwb")]  # fmt: skip
    for number, row in enumerate(rows):
        for x, cell in zip((72, 220, 340), row, strict=True):
            put(x, 100 + 20 * number, cell)
    put(72, 200, "Exhibit B lists the devices inspected, see Doc. No. 161.")
    public, plan = _redacted(tmp_path, doc)
    _assert_unread(public, ["svcsentinel", "Pelco2019!", "ikwb", "root"])
    assert_present(public, ["Lane 9 recorder", "Canopy camera 4", "Username", "Doc. No. 161"])
    assert {r.rule for r in plan.redactions} == {"cyber.credential-column"}


def test_a_quantity_counts_only_on_a_row_that_names_equipment(tmp_path: Path) -> None:
    """ "Qty" heads a price schedule's count of cameras and an invoice's count of office supplies:
    the count is taken where its row (a description wrapped onto two lines too) names equipment,
    or a technician's labour (the hours maintaining the cameras: a Known limit until 2026-11-27)."""
    doc = pymupdf.open()
    header = [("CLIN", "Description", "Qty", "Unit price")]
    rows = [("0003", "Copier paper, letter, 10 reams", "41", "52.00"),
            ("0004", "Field technician labor (hours)", "1864", "118.00"),
            ("0005", "Copier toner, black", "12", "61.00"),
            ("0006", "Replacement PTZ camera, Axis Q6215-LE", "24", "4,200.00"),
            ("0007", "Mounting kit, 3 m, for", "317", "95.00"),
            ("", "canopy sensors", "", "")]  # fmt: skip
    _grid_page(doc, header, rows, (44, 200, 40, 90), "llrr", font="helv", bold="hebo", size=9, ruled=False)
    invoice = doc.new_page()
    lines = [("Description", "Quantity"), ("Toner cartridges", "36"), ("Subscriptions for TMS Partners", "51")]
    for y, (description, quantity) in zip((120, 140, 160), lines, strict=True):
        invoice.insert_text((72, y), description, fontsize=10)
        invoice.insert_text((360, y), quantity, fontsize=10)
    invoice.insert_text((72, 220), "Paid in full on April 8, 2019, as invoice No. 052 shows.", fontsize=10)
    public, plan = _redacted(tmp_path, doc)
    for tool, numbers in _numbers(public).items():
        assert not numbers & {"24", "317", "1864"}, tool
        assert {"41", "12", "36", "51", "0005", "0007", "052"} <= numbers, tool
    assert_present(public, ["Copier paper", "Toner cartridges", "Quantity", "Qty"])
    assert "surveillance.quantity-column" in {r.rule for r in plan.redactions}


def test_a_childs_name_in_a_family_table_keeps_its_initials_and_an_adults_name_stays(tmp_path: Path) -> None:
    """A family table's name is a minor's when its row says "Son" or "Daughter": only the initials
    stay (Fed. R. Civ. P. 5.2(a)(3)). A son whose birth date is eighteen years ago or more is an
    adult, and the parents' names stay too."""
    doc = pymupdf.open()
    header = [("Name", "Relation", "Date of birth")]
    rows = [("Mateo Ruiz", "Son", "03/12/2015"),
            ("Camila Ruiz Paz", "Daughter", "07/08/2012"),
            ("Diego Ruiz", "Son", "11/02/1990"),
            ("Lucia Herrera", "Mother", "09/30/1958")]  # fmt: skip
    _grid_page(doc, header, rows, (150, 90, 110), "lll", ruled=False)
    public, plan = _redacted(tmp_path, doc)
    _assert_unread(public, ["Mateo", "ateo", "Camila", "amila", "Paz"])
    assert_present(public, ["Diego Ruiz", "Lucia Herrera", "Son", "Daughter", "Relation", "Date of birth"])
    minors = [r for r in plan.redactions if r.rule == "frcp52.minor-name-column"]
    assert len(minors) == 2 and all("the row says" in r.explanation[-1] for r in minors)


def test_a_minors_name_in_a_family_table_is_cut_whatever_the_relation(tmp_path: Path) -> None:
    """A niece of 12 or a brother of 9 is a minor as much as a son (Fed. R. Civ. P. 5.2(a)(3)):
    their names stayed whole, as their rows say no word for a child (README Known limits). A
    brother whose birth date is an adult's, and the declarant's own row, stay."""
    from datetime import date

    young = date.today().replace(month=1, day=15)
    doc = pymupdf.open()
    header = [("Name", "Relation", "Date of birth")]
    rows = [("Valeria Soto", "Niece", f"04/02/{young.year - 12}"),
            ("Tomas Soto", "Brother", f"January 15, {young.year - 9}"),
            ("Ruben Soto", "Brother", "11/02/1984"),
            ("Elena Soto", "Self", "06/21/1979")]  # fmt: skip
    _grid_page(doc, header, rows, (150, 90, 110), "lll", ruled=False)
    public, plan = _redacted(tmp_path, doc)
    _assert_unread(public, ["Valeria", "aleria", "Tomas", "omas"])
    assert_present(public, ["Ruben Soto", "Elena Soto", "Niece", "Brother", "Self", "Date of birth"])
    minors = [r for r in plan.redactions if r.rule == "frcp52.minor-name-column"]
    assert len(minors) == 2 and all("birth date is a minor's" in r.explanation[-1] for r in minors)


def test_a_poam_tables_ports_software_weaknesses_and_completion_dates_are_removed(tmp_path: Path) -> None:
    """A Plan of Action and Milestones lists each weakness, the port and release it is on, and when
    it will be fixed: the "Port", "Software", "Weakness" and "Scheduled completion" columns were
    published whole (detect18 review). The items' own numbers stay."""
    doc = pymupdf.open()
    rows = [
        ("POA&M ID", "Weakness", "Port", "Software", "Scheduled completion"),
        ("SY-2025-016", "Telnet enabled", "23/tcp", "15.2(4)E10", "08/29/2025"),
        ("SY-2025-017", "Default SNMP string", "161/udp", "3.8.2", "10/31/2025"),
    ]
    _table_page(doc, rows, (50, 135, 255, 305, 385))
    public, _ = _redacted(tmp_path, doc)
    _assert_unread(public, ["Telnet enabled", "Default SNMP", "23/tcp", "161/udp", "15.2(4)E10", "3.8.2",
                            "08/29/2025", "10/31/2025"])  # fmt: skip
    assert_present(public, ["SY-2025-016", "SY-2025-017", "Scheduled completion", "Weakness", "Port",
                            "on 12 occasions in 2024, see Doc. No. 158, at 7."])  # fmt: skip


def test_a_cells_words_said_again_elsewhere_do_not_stop_the_redaction(tmp_path: Path) -> None:
    """A cell of several words is one value: cut word by word, each word was looked for across the file,
    and a scan report was refused because its plugin output said "firmware" and "build" again
    (detect18 review). The cells go; the words elsewhere stay."""
    doc = pymupdf.open()
    rows = [("Host name", "Software version", "Weakness"), ("sy-nvr-01", "5.5.0 build 170725", "NVR firmware RCE")]
    page = _table_page(doc, rows, (72, 200, 360))
    page.insert_text((72, 300), "11. Each build of the firmware is listed in Appendix B.", fontsize=11)
    public, _ = _redacted(tmp_path, doc)
    _assert_unread(public, ["sy-nvr-01", "5.5.0", "170725", "NVR firmware RCE"])
    assert_present(public, ["11. Each build of the firmware is listed in Appendix B.", "Software version"])


def test_hours_down_a_price_schedules_column_are_removed_and_a_fee_tables_stay(tmp_path: Path) -> None:
    """OCR reads a scanned price schedule column by column, so its hours stand nowhere near their rate
    (detect18 review): they are read down their "Hours" column, on rows naming a labor category. A fee
    application's hours per timekeeper are public."""
    doc = pymupdf.open()
    rows = [
        ("Labor Category", "Hourly Rate", "Hours"),
        ("Program Manager", "$214.62", "1,920"),
        ("Field Technician II", "$92.18", "7,680"),
    ]
    _table_page(doc, rows, (72, 260, 380))
    page = doc.new_page()
    fees = [("Timekeeper", "Title", "Hours"), ("Jane Roe", "Partner", "41.5"), ("John Poe", "Associate", "112.0")]
    for y, row in zip((90, 108, 126), fees, strict=True):
        for x, cell in zip((72, 260, 380), row, strict=True):
            page.insert_text((x, y), cell, fontsize=11)
    public, _ = _redacted(tmp_path, doc)
    _assert_unread(public, ["1,920", "7,680", "$214.62"])
    assert_present(public, ["Program Manager", "Hours", "41.5", "112.0", "Partner"])


def test_a_biometric_pilots_placements_models_and_coverage_gaps_are_removed_and_its_lanes_stay(tmp_path: Path) -> None:
    """A pilot's table of readers and cameras per lane: where each is mounted, the models under "LPR
    model" and "Face camera", and what each lane does not see, in words (detect19 review: all were
    published, the count rule taking only numbers under "Coverage gaps")."""
    doc = pymupdf.open()
    rows = [
        ("Lane", "Placement", "LPR model", "Face camera", "Coverage gaps"),
        ("Lane 1", "Canopy beam, 14 ft", "Neology P392", "IDEMIA VP-2", "Rear plate only"),
        ("Lane 4", "Booth post, 6 ft", "Kapsch VR-55", "none", "No face capture"),
        ("Ped exit", "Turnstile arch", "n/a", "Gemalto FC-300", "Stairwell"),
    ]
    _table_page(doc, rows, (50, 110, 225, 320, 420))
    public, _ = _redacted(tmp_path, doc)
    _assert_unread(public, ["Canopy beam", "Booth post", "Turnstile arch", "P392", "VR-55", "VP-2", "FC-300",
                            "Rear plate only", "No face capture", "Stairwell"])  # fmt: skip
    assert_present(public, ["Lane 1", "Lane 4", "Ped exit", "Placement", "LPR model", "Coverage gaps",
                            "on 12 occasions in 2024, see Doc. No. 158, at 7."])  # fmt: skip


def test_two_headers_side_by_side_that_read_as_a_longer_one_head_their_own_columns(tmp_path: Path) -> None:
    """Two headers side by side, "Software" then "Version", read as the header "Software version": the
    "Version" column was never looked at, and its releases were published; a product named without a
    digit under "Software" was too (detect19 review)."""
    doc = pymupdf.open()
    rows = [
        ("Device", "Software", "Version"),
        ("Recorder", "nvr-os", "4.2.17"),
        ("Storage array", "StorNext", "6.4.1"),
        ("Camera server", "Milestone XProtect Corporate", "7.11.3"),
    ]
    _table_page(doc, rows, (72, 200, 400))
    public, _ = _redacted(tmp_path, doc)
    _assert_unread(public, ["nvr-os", "4.2.17", "StorNext", "6.4.1", "Milestone XProtect", "7.11.3"])
    assert_present(public, ["Recorder", "Storage array", "Camera server", "Software", "Version"])


def test_a_detainees_booking_number_in_a_table_is_removed(tmp_path: Path) -> None:
    doc = pymupdf.open()
    rows = [
        ("Petitioner", "Facility", "Booking No."),
        ("Petitioner 1", "Otay Mesa", "2025-0418873"),
        ("Petitioner 2", "Otay Mesa", "25-0522619"),
    ]
    _table_page(doc, rows, (72, 220, 380))
    public, _ = _redacted(tmp_path, doc)
    _assert_unread(public, ["2025-0418873", "25-0522619"])
    assert_present(public, ["Petitioner 1", "Otay Mesa", "Booking No."])
