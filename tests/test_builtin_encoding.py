"""Glyph names in an embedded font program's own encoding are read as Poppler reads them."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pymupdf
from conftest import assert_gone, assert_present

import redactor
from redactor.builtin_encoding import cff_encoding, type1_encoding

# A CFF font (made with fontTools' FontBuilder) of box glyphs named A_n_a, R_u_i_z and
# five_one_two, whose own encoding gives them the codes of "A", "B" and "C".
LIGATURE_CFF = bytes.fromhex(
    "01000401000101010954657374466f6e740001010115f81e02bd8bf856f95005df0fe6108bf73112ec1100040101060d1921415f6e5f61525f755f695f7a666976655f6f6e655f74776f54657374466f6e74000001000100018702010220004102000501010d101c2834f888bd16f824f950fc24060ef78e0ef888bd16f824f950fc24060ef888bd16f824f950fc24060ef888bd16f824f950fc24060e"
)


def _with_cff_text(path: Path) -> Path:
    """A page with "Ana Ruiz" in Helvetica, and "A B C" in the CFF font with no /Encoding: Poppler
    reads "Ana Ruiz 512" from the program's glyph names, MuPDF read "A R 5"."""
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Declaration of a witness. Ana Ruiz was present.", fontname="helv")
    plain = path.with_suffix(".plain.pdf")
    doc.save(plain)
    with pikepdf.open(plain) as pdf:
        program = pdf.make_stream(LIGATURE_CFF)
        program.Subtype = pikepdf.Name.Type1C
        descriptor = pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/TestFont"), Flags=4,
            FontBBox=[0, -200, 1000, 800], ItalicAngle=0, Ascent=800, Descent=-200, CapHeight=700, StemV=80,
            FontFile3=program,
        )  # fmt: skip
        font = pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name("/TestFont"), FirstChar=32,
            LastChar=67, Widths=[250] + [0] * 32 + [500] * 3, FontDescriptor=pdf.make_indirect(descriptor),
        )  # fmt: skip
        page = pdf.pages[0]
        page.Resources.Font.FC = pdf.make_indirect(font)
        page.contents_add(pdf.make_stream(b"BT /FC 14 Tf 72 300 Td (A B C) Tj ET\n"), prepend=False)
        pdf.save(path)
    return path


def test_cff_encoding_names_the_codes_of_the_font_programs_own_glyphs() -> None:
    assert cff_encoding(LIGATURE_CFF) == {0x20: "space", 0x41: "A_n_a", 0x42: "R_u_i_z", 0x43: "five_one_two"}


def test_type1_encoding_reads_the_clear_text_encoding() -> None:
    program = b"/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\ndup 65 /A_n_a put\nreadonly def\ncurrentfile eexec\n\x8f dup 66 /B put"
    assert type1_encoding(program) == {65: "A_n_a"}


def test_a_name_spelled_by_a_cff_fonts_own_glyph_names_is_redacted(tmp_path: Path) -> None:
    source = _with_cff_text(tmp_path / "cff.pdf")
    terms = tmp_path / "terms.txt"
    terms.write_text("Ana Ruiz\n")
    result = redactor.redact(source, tmp_path / "public.pdf", terms=terms)
    assert result.verification.passed
    assert_gone(result.output, ["Ana Ruiz"])
    assert_present(result.output, ["Declaration of a witness", "was present"])
