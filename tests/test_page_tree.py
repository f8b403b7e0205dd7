"""A page tree whose counts lie: every page any reader shows is searched and redacted."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pymupdf
from conftest import assert_gone, assert_present

import redactor
from redactor.verify import verify

_DIGITS = "zero one two three four five six seven eight nine".split()


def _glyph(char: str) -> str:
    return {" ": "space", "-": "hyphen"}.get(char) or (_DIGITS[int(char)] if char.isdigit() else char)


def _hidden_second_page(path: Path, secret: str) -> Path:
    """Two pages under a root `/Count 1`: MuPDF and Poppler show one, pypdf and pdfminer two. The
    second page draws `secret` in codes its font's /Differences name, so no string holds it."""
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Declaration of a witness. Ana Ruiz was present.", fontname="helv")
    doc.new_page().insert_text((72, 72), "Second page public words.", fontname="helv")
    plain = path.with_suffix(".plain.pdf")
    doc.save(plain)
    with pikepdf.open(plain) as pdf:
        chars = sorted(set(secret))
        codes = {char: 161 + i for i, char in enumerate(chars)}
        encoding = pikepdf.Dictionary(
            Type=pikepdf.Name.Encoding,
            BaseEncoding=pikepdf.Name.WinAnsiEncoding,
            Differences=pikepdf.Array([161, *(pikepdf.Name("/" + _glyph(c)) for c in chars)]),
        )
        font = pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica, Encoding=encoding
        )
        page = pdf.pages[1]
        page.Resources.Font.FX = pdf.make_indirect(font)
        shown = bytes(codes[c] for c in secret).hex().encode()
        page.contents_add(pdf.make_stream(b"BT /FX 12 Tf 72 200 Td <" + shown + b"> Tj ET\n"), prepend=False)
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    data = path.read_bytes()
    assert data.count(b"/Count 2") == 1  # same length: the cross-reference table stays right
    path.write_bytes(data.replace(b"/Count 2", b"/Count 1"))
    return path


def test_a_page_the_root_count_leaves_out_is_redacted_too(tmp_path: Path) -> None:
    source = _hidden_second_page(tmp_path / "counted.pdf", "Ana Ruiz SSN 512-43-8817")
    terms = tmp_path / "terms.txt"
    terms.write_text("Ana Ruiz\n")
    result = redactor.redact(source, tmp_path / "public.pdf", terms=terms)
    assert result.verification.passed
    assert_gone(result.output, ["Ana Ruiz", "512-43-8817"])
    assert_present(result.output, ["Second page public words", "Declaration of a witness"])
    with pikepdf.open(result.output) as pdf, pymupdf.open(result.output) as doc:
        assert len(pdf.pages) == doc.page_count == 2


def test_verification_refuses_a_page_tree_that_readers_count_differently(tmp_path: Path) -> None:
    source = _hidden_second_page(tmp_path / "counted.pdf", "public words only")
    result = verify(source.read_bytes(), [], [])
    assert not result.passed
    assert any(problem.startswith("page tree:") for problem in result.problems)
