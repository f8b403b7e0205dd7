"""`redactor check` against boxes drawn in ways the first reviews did not try (red-team review,
2026-11-27): each PDF hides a line of text under something a reader sees as solid black, and
`check` must call it a bad redaction; the same page without the hidden line must stay clean."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from pikepdf import Dictionary, Name

from redactor.audit import audit

# A page full of public text, so that a box judged at the wrong place lands on visible text.
PUBLIC = b"".join(
    b"BT /F1 11 Tf 72 %d Td (Line %d of the public declaration runs here in full.) Tj ET\n" % (740 - 14 * i, i)
    for i in range(45)
    if 740 - 14 * i not in (306, 292)
)
HIDDEN = b"BT /F1 11 Tf 72 300 Td (Operation Bluebird targets Marlow Street) Tj ET\n"


def _page(path: Path, content: bytes, rotate: int = 0) -> Path:
    """One letter page in Helvetica drawing `content` (with /Im1, one black pixel), turned by
    `rotate` degrees."""
    with pikepdf.new() as pdf:
        font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
        black = pdf.make_stream(b"\x00", Type=Name.XObject, Subtype=Name.Image, Width=1, Height=1,
                                ColorSpace=Name.DeviceGray, BitsPerComponent=8)  # fmt: skip
        page = Dictionary(
            Type=Name.Page,
            MediaBox=[0, 0, 612, 792],
            Resources=Dictionary(Font=Dictionary(F1=pdf.make_indirect(font)), XObject=Dictionary(Im1=black)),
            Contents=pdf.make_stream(content),
        )
        if rotate:
            page.Rotate = rotate
        pdf.pages.append(pikepdf.Page(page))
        pdf.save(path)
    return path


def _bad_redactions(path: Path) -> list[tuple[int | None, str]]:
    return [(p.page, p.severity) for p in audit(path).problems if p.kind == "bad-redaction"]


@pytest.mark.parametrize("rotate", [90, 180, 270])
@pytest.mark.parametrize(
    "box", [b"0 g 70 296 250 14 re f\n", b"q 250 0 0 14 70 296 cm /Im1 Do Q\n"], ids=["rectangle", "picture"]
)
def test_a_black_box_on_a_turned_page_is_a_bad_redaction(tmp_path: Path, rotate: int, box: bytes) -> None:
    """The box's colour was read from the rendered page at the box's place in the unturned page,
    which on a turned page (/Rotate, as landscape exhibits are) is somewhere else: a black box
    (a rectangle, or a black picture) over a line was called a white-out at 90 degrees and
    nothing at all at 180 and 270."""
    assert _bad_redactions(_page(tmp_path / "hidden.pdf", PUBLIC + HIDDEN + box, rotate)) == [(1, "error")]
    assert _bad_redactions(_page(tmp_path / "control.pdf", PUBLIC + box, rotate)) == []
