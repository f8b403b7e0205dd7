"""A font whose ToUnicode map reads its glyphs as other characters than they are: the page shows
"512-43-8817", every extractor reads "xxx-xx-xxxx" (known limit until 2026-11-28). redact
must find and remove what the page shows, and check must report the font. The public page is
read back by rendering it and reading it with Tesseract, not through redactor."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pymupdf
import pytest
from conftest import SHARED, assert_present
from pikepdf import Array, Dictionary, Name

import redactor
from redactor.audit import audit
from redactor.tounicode import map_entries

SSN = "512-43-8817"
DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")


def _cmap(entries: dict[int, str]) -> bytes:
    body = b"".join(
        b"<%02X> <%s>\n" % (code, text.encode("utf-16-be").hex().encode()) for code, text in entries.items()
    )
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange <00> <FF> endcodespacerange\n"
        + b"%d beginbfchar\n" % len(entries)
        + body
        + b"endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n"
    )


def _masked_ssn_page(path: Path, named_by: str, truthful: bool = False) -> Path:
    """A declaration whose SSN is drawn in Helvetica (not embedded: it draws the glyphs its codes
    name) with a ToUnicode map that reads every digit "x" (or, `truthful`, as the digit it is).
    `named_by`: "WinAnsi" (the digits' own codes) or "Differences" (codes 128 on, named there)."""
    pdf = pikepdf.new()
    plain = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    )
    first = 0x30 if named_by == "WinAnsi" else 128
    encoding = (
        Name.WinAnsiEncoding
        if named_by == "WinAnsi"
        else Dictionary(Differences=Array([first, *(Name("/" + n) for n in DIGITS)]))
    )
    read = {first + digit: str(digit) if truthful else "x" for digit in range(10)}
    masked = pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name.Helvetica,
            Encoding=encoding,
            ToUnicode=pdf.make_stream(_cmap(read)),
        )
    )
    codes = bytes(first + int(c) if c.isdigit() else ord(c) for c in SSN).hex().encode()
    content = (
        b"BT /F1 12 Tf 72 720 Td (The witness testified on the record today.) Tj ET\n"
        b"BT /F1 12 Tf 72 700 Td (Her social security number is ) Tj /F2 12 Tf <" + codes + b"> Tj ET\n"
        b"BT /F1 12 Tf 72 680 Td (The declarant states the foregoing is true.) Tj ET\n"
    )
    page = Dictionary(
        Type=Name.Page,
        MediaBox=Array([0, 0, 612, 792]),
        Resources=Dictionary(Font=Dictionary(F1=plain, F2=masked)),
        Contents=pdf.make_stream(content),
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def _shown(path: Path) -> str:
    """What the first page shows, read from its rendering by Tesseract."""
    with pymupdf.open(path) as doc:
        pixmap = doc[0].get_pixmap(dpi=300, colorspace=pymupdf.csGRAY, clip=pymupdf.Rect(0, 50, 612, 120))
    result = subprocess.run(
        ["tesseract", "stdin", "stdout"], input=pixmap.tobytes("png"), capture_output=True, check=True
    )
    return result.stdout.decode("utf-8", "replace")


@needs_tesseract
@pytest.mark.parametrize("named_by", ["WinAnsi", "Differences"])
def test_a_value_drawn_in_a_font_whose_map_misreads_it_is_removed(
    tmp_path: Path, named_by: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _masked_ssn_page(tmp_path / "masked.pdf", named_by)
    result = redactor.redact(source, tmp_path / "public.pdf", plan_path=tmp_path / "plan.json")
    assert result.verification.passed
    assert "512-43" not in _shown(result.output).replace(" ", "")
    assert [r.category for r in result.plan.redactions] == ["ssn"]
    assert result.plan.ocr["pages"] == [1]
    assert any("page(s) 1 draw text in a font whose text map" in w for w in result.plan.warnings)
    # Rule 5.2 keeps the last four, which every extractor now reads as the page shows them
    assert_present(result.output, ["The declarant states the foregoing is true.", "8817"])
    assert not audit(result.output).at_least("warning")  # the public file's map reads what it shows

    monkeypatch.setattr("redactor.preparing.misreadings", lambda fonts: [])  # the leak this closes
    before = redactor.redact(source, tmp_path / "before.pdf", plan_path=tmp_path / "before.json")
    assert SSN in _shown(before.output).replace(" ", "")
    assert not before.plan.redactions


@needs_tesseract
def test_ocr_finds_the_value_when_the_glyph_names_are_not_believed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An embedded program may draw anything under a name, so the names alone are not trusted:
    with the map left as it lies, the page's reading by OCR still finds the value."""
    source = _masked_ssn_page(tmp_path / "masked.pdf", "Differences")
    monkeypatch.setattr("redactor.preparing.map_with_readings", lambda stream, readings: stream.read_bytes())
    result = redactor.redact(source, tmp_path / "public.pdf", plan_path=tmp_path / "plan.json")
    assert result.verification.passed
    assert [r.category for r in result.plan.redactions] == ["ssn"]
    assert "512-43" not in _shown(result.output).replace(" ", "")


def test_without_ocr_the_mended_map_still_finds_the_value_and_the_page_is_named(tmp_path: Path) -> None:
    """Helvetica is not embedded: a viewer draws the glyphs its codes name, so the names are
    what the page shows, and the value is found without Tesseract; the plan says the page was
    not read by OCR."""
    source = _masked_ssn_page(tmp_path / "masked.pdf", "WinAnsi")
    result = redactor.redact(source, tmp_path / "public.pdf", plan_path=tmp_path / "plan.json", ocr="never")
    assert [r.category for r in result.plan.redactions] == ["ssn"]
    assert result.plan.ocr["not_read"] == [1]
    with pymupdf.open(result.output) as doc:
        assert "512-43" not in doc[0].get_text() and "8817" in doc[0].get_text()


@pytest.mark.parametrize("named_by", ["WinAnsi", "Differences"])
def test_check_reports_a_font_whose_map_misreads_its_glyphs(tmp_path: Path, named_by: str) -> None:
    found = [p for p in audit(_masked_ssn_page(tmp_path / "masked.pdf", named_by)).problems if p.kind == "misread-text"]
    assert [(p.page, p.severity) for p in found] == [(1, "error")]
    assert "Helvetica" in found[0].message and "digits read as letters" in found[0].message
    assert "12" not in found[0].preview and "•" in found[0].preview
    truthful = _masked_ssn_page(tmp_path / "truthful.pdf", named_by, truthful=True)
    assert not [p for p in audit(truthful).problems if p.kind == "misread-text"]


def test_map_entries_read_as_mupdf_reads_them() -> None:
    cmap = (
        b"2 beginbfchar <41> <0078> <42> <00410042> endbfchar\n"
        b"2 beginbfrange <30> <32> <0061> <33> <34> [<0079> <007A>] endbfrange\n"
        b"1 beginbfchar <41> <0041> endbfchar\n"  # a later entry wins
        b"1 beginbfchar 7 <43> <0043> endbfchar\n"  # MuPDF stops reading a block at a stray number
        b"endcmap 1 beginbfchar <44> <0044> endbfchar"  # nor anything after endcmap
    )
    assert map_entries(cmap) == {0x41: "A", 0x42: "AB", 0x30: "a", 0x31: "b", 0x32: "c", 0x33: "y", 0x34: "z"}


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is absent")
def test_no_corpus_font_is_taken_for_one_that_misreads() -> None:
    """52 fonts of the corpus have both named glyphs and a map (2854 codes compared): all agree.
    A font of ClearScan ("*Times New Roman-5237") reads up to 14 differently drawn glyphs as one
    letter, which is why many codes read alike is no sign."""
    from redactor.glyphnames import font_dictionaries
    from redactor.misread import misreadings

    for path in sorted(SHARED.glob("court-filings/*.pdf")):
        with pikepdf.open(path) as pdf:
            assert not misreadings(font_dictionaries(pdf)), path.name


def test_check_finds_the_font_in_an_annotations_appearance(tmp_path: Path) -> None:
    """A stamp or a text box draws its own appearance, with fonts of its own resources."""
    with pikepdf.open(_masked_ssn_page(tmp_path / "masked.pdf", "Differences")) as pdf:
        page = pdf.pages[0]
        fonts = page.Resources.Font
        appearance = pdf.make_stream(
            b"BT /F2 12 Tf 2 2 Td <8586> Tj ET",
            Type=Name.XObject,
            Subtype=Name.Form,
            BBox=[0, 0, 100, 20],
            Resources=Dictionary(Font=Dictionary(F2=fonts.F2)),
        )
        del fonts["/F2"]
        page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (A page without the masked font.) Tj ET")
        stamp = Dictionary(Type=Name.Annot, Subtype=Name.Stamp, Rect=[72, 600, 172, 620], AP=Dictionary(N=appearance))
        page.obj.Annots = pdf.make_indirect(Array([pdf.make_indirect(stamp)]))
        pdf.save(tmp_path / "stamped.pdf")
    found = [p for p in audit(tmp_path / "stamped.pdf").problems if p.kind == "misread-text"]
    assert [(p.page, p.severity) for p in found] == [(1, "error")]
