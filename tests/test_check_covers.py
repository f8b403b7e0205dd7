"""`redactor check` against boxes drawn in ways the first reviews did not try (red-team review,
2026-11-27): each PDF hides a line of text under something a reader sees as solid black, and
`check` must call it a bad redaction; the same page without the hidden line must stay clean."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pymupdf
import pypdf
import pytest
from pikepdf import Dictionary, Name

import redactor
from redactor.audit import audit

# A page full of public text, so that a box judged at the wrong place lands on visible text.
PUBLIC = b"".join(
    b"BT /F1 11 Tf 72 %d Td (Line %d of the public declaration runs here in full.) Tj ET\n" % (740 - 14 * i, i)
    for i in range(45)
    if 740 - 14 * i not in (306, 292)
)
HIDDEN = b"BT /F1 11 Tf 72 300 Td (Operation Bluebird targets Marlow Street) Tj ET\n"


def _page(path: Path, content: bytes, rotate: int = 0, states: Dictionary | None = None) -> Path:
    """One letter page in Helvetica drawing `content` (with /Im1, one black pixel, and the
    graphics `states`), turned by `rotate` degrees."""
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
        if states is not None:
            page.Resources.ExtGState = states
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


@pytest.mark.parametrize(
    "stroke",
    [
        b"0 G 20 w 70 303 m 320 303 l S\n",  # a marker line, 20 pt wide, across the line of text
        b"0 G 1 J 16 w 78 303 m 312 303 l S\n",  # the same with round ends
        b"0 G 14 w 77 303 m 313 303.4 l S\n",  # not quite level, as a hand draws it
        b"0 G 16 w 78 303 236 0.01 re S\n",  # a flat rectangle whose border, this thick, fills it
        b"0 G 2 w 300 600 m 300 700 l S\n" + b"0 G 20 w 70 303 m 320 303 l S\n",  # after a thin rule
    ],
    ids=["line", "round-ends", "askew", "thick-border", "in-a-path-after-a-rule"],
)
def test_a_thick_dark_stroke_over_text_is_a_bad_redaction(tmp_path: Path, stroke: bytes) -> None:
    """A black marker line drawn across a line of text (a thick stroked line, an ink or line
    comment, or a rectangle whose border is as thick as it is tall) looks exactly like a box, and
    was not judged at all: only filled shapes were, so check called the file clean."""
    assert _bad_redactions(_page(tmp_path / "hidden.pdf", PUBLIC + HIDDEN + stroke)) == [(1, "error")]
    assert _bad_redactions(_page(tmp_path / "control.pdf", PUBLIC + stroke)) == []


@pytest.mark.parametrize("kind", ["ink", "line"])
def test_a_thick_dark_ink_or_line_comment_over_text_is_a_bad_redaction(tmp_path: Path, kind: str) -> None:
    """Drawn with a viewer's pen or line tool (an Ink or Line annotation), the same stroke was
    only counted among "annotations that can hold text", a warning that says nothing of what
    it hides."""
    for name, content in (("hidden", PUBLIC + HIDDEN), ("control", PUBLIC)):
        path = _page(tmp_path / f"{name}.pdf", content)
        with pymupdf.open(path) as doc:
            page = doc[0]
            if kind == "ink":
                annot = page.add_ink_annot([[(76, 492), (316, 492)]])
            else:
                annot = page.add_line_annot((70, 492), (320, 492))
            annot.set_border(width=18)
            annot.set_colors(stroke=(0, 0, 0))
            annot.update()
            doc.save(tmp_path / f"{name}.marked.pdf")
    assert _bad_redactions(tmp_path / "hidden.marked.pdf") == [(1, "error")]
    assert _bad_redactions(tmp_path / "control.marked.pdf") == []


def _boxes_with_words_on_top(sizes: list[float], words: bytes = b"03/23/2019") -> bytes:
    """Black boxes down the page, each with `words` printed on it in black at one of `sizes`,
    spanning the box (as a redaction tool prints its label), under a public line."""
    content = b"BT /F1 11 Tf 72 740 Td (The roster lists the children by name and number.) Tj ET\n"
    for n, size in enumerate(sizes):
        y = 600 - 120 * n
        width = 0.5 * size * len(words)  # about what Helvetica's digits take
        content += b"0 g 72 %d %.2f %.2f re f\n" % (y - 2, width, size + 4)
        content += b"BT /F1 %.2f Tf 72 %d Td (%s) Tj ET\n" % (size, y, words)
    return content


def test_a_label_a_tool_printed_on_each_box_is_not_a_bad_redaction(tmp_path: Path) -> None:
    """x-ray's no_bad_redactions.8.1.pdf (a page turned by /Rotate, whose boxes check now judges
    where they are) prints one date on every box in black, fitted to each box at its own size: a
    tool's label, which x-ray and check leave alone. The same words kept at one size, as a word
    processor's black highlight over a name repeated on the page, still count as hidden."""
    labelled = _page(tmp_path / "labelled.pdf", _boxes_with_words_on_top([7.9, 5.0, 4.0, 5.7]))
    assert _bad_redactions(labelled) == []
    highlighted = _page(tmp_path / "highlighted.pdf", _boxes_with_words_on_top([11, 11, 11], b"Marlow Street"))
    assert _bad_redactions(highlighted) == [(1, "error")] * 3
    twice = _page(tmp_path / "twice.pdf", _boxes_with_words_on_top([7.9, 5.0], b"Marlow Street"))
    assert _bad_redactions(twice) == [(1, "error")] * 2


def _hidden_text(path: Path) -> list[tuple[int | None, str]]:
    return [(p.page, p.severity) for p in audit(path).problems if p.kind == "hidden-text"]


@pytest.mark.parametrize(
    ("hidden", "control"),
    [
        (  # clipped to a point elsewhere: MuPDF's own extraction with clipping on drops it
            b"q 500 500 1 1 re W n BT /F1 11 Tf 72 300 Td (Operation Bluebird) Tj ET Q\n",
            b"q 60 290 300 30 re W n BT /F1 11 Tf 72 300 Td (Operation Bluebird) Tj ET Q\n",
        ),
        (  # render mode 7 adds the glyphs to the clipping path and paints nothing
            b"BT 7 Tr /F1 11 Tf 72 300 Td (Operation Bluebird) Tj ET\n",
            b"BT 7 Tr /F1 11 Tf 72 300 Td (Operation Bluebird) Tj ET 0 g 60 290 300 30 re f\n",
        ),
        (  # a fill opacity of 2 %
            b"/Faint gs BT /F1 11 Tf 72 300 Td (Operation Bluebird) Tj ET\n",
            b"/Grey gs BT /F1 11 Tf 72 300 Td (Operation Bluebird) Tj ET\n",
        ),
    ],
    ids=["clipped-away", "clip-only-mode-7", "two-percent-opacity"],
)
def test_text_that_does_not_show_is_hidden_text(tmp_path: Path, hidden: bytes, control: bytes) -> None:
    """Text clipped away, set in render mode 7 (which MuPDF's trace of the page leaves out) or
    painted at 2 % opacity shows nothing, yet every extractor reads it: check called such pages
    clean. The controls show the same text (clipped to where it is, painted through as a clip of
    a black box, at 60 % opacity) and stay clean."""
    states = Dictionary(Faint=Dictionary(ca=0.02), Grey=Dictionary(ca=0.6))
    assert _hidden_text(_page(tmp_path / "hidden.pdf", PUBLIC + hidden, states=states)) == [(1, "warning")]
    assert _hidden_text(_page(tmp_path / "control.pdf", PUBLIC + control, states=states)) == []


@pytest.mark.parametrize(
    "hidden",
    [
        b"q 500 500 1 1 re W n BT /F1 11 Tf 72 300 Td (Operation Bluebird) Tj ET Q\n",
        b"q BT 7 Tr /F1 11 Tf 72 300 Td (Operation Bluebird) Tj ET Q\n",  # q/Q: the mode and its clip end there
        b"q /Faint gs BT /F1 11 Tf 72 300 Td (Operation Bluebird) Tj ET Q\n",
        b"BT /F1 11 Tf 560 300 Td (Operation Bluebird) Tj ET\n",
    ],
    ids=["clipped-away", "clip-only-mode-7", "two-percent-opacity", "running-off-the-page"],
)
def test_redact_removes_text_that_does_not_show(tmp_path: Path, hidden: bytes) -> None:
    """`redact` removes text no reader sees (white, unpainted, off the page), so that a reviewer
    reading the pages misses nothing the file holds; text clipped away, set in render mode 7,
    painted at 2 % opacity or running on past the page's edge stayed in the public file, where
    every extractor read it and `check` warned (review of check, 2026-11-27). Text that shows,
    at 60 % opacity, stays."""
    states = Dictionary(Faint=Dictionary(ca=0.02), Grey=Dictionary(ca=0.6))
    source = _page(tmp_path / "hidden.pdf", PUBLIC + hidden + b"/Grey gs BT /F1 11 Tf 72 250 Td (Grey note) Tj ET\n",
                   states=states)  # fmt: skip
    assert "Bluebird" in _extracted(source)
    result = redactor.redact(source, tmp_path / "public.pdf")
    text = _extracted(result.output)
    assert "Bluebird" not in text
    assert "Grey note" in text and "Line 7 of the public declaration" in text
    assert [p.kind for p in audit(result.output).problems if p.kind == "hidden-text"] == []


def _extracted(path: Path) -> str:
    """The text of `path` as pypdf reads it, and pdftotext too when Poppler is installed."""
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    if shutil.which("pdftotext"):
        text += subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text


def _off_page(path: Path) -> list[tuple[int | None, str]]:
    return [(p.page, p.severity) for p in audit(path).problems if "outside the visible page" in p.message]


@pytest.mark.parametrize(
    "line",
    [
        b"BT /F1 11 Tf 72 300 Td 900 Tc (Operation Bluebird) Tj ET\n",  # letters spaced off the page
        b"BT /F1 11 Tf 520 300 Td (Witness: Harold Pemberton) Tj ET\n",  # a line running off its edge
    ],
    ids=["spaced-off", "runs-off"],
)
def test_letters_of_a_line_placed_off_the_page_are_hidden_text(tmp_path: Path, line: bytes) -> None:
    """One run of text whose first letters are on the page and the rest past its edge (spaced
    out with Tc, or a line that simply runs on): only runs wholly off the page were reported, so
    a name past the edge, which every extractor reads, passed as clean."""
    assert _off_page(_page(tmp_path / "hidden.pdf", PUBLIC + line)) == [(1, "warning")]
    inside = b"BT /F1 11 Tf 72 300 Td 1 Tc (Operation Bluebird) Tj ET\n"
    assert _off_page(_page(tmp_path / "control.pdf", PUBLIC + inside)) == []


def test_redact_removes_the_text_under_a_marker_line(tmp_path: Path) -> None:
    """`redact` takes the boxes `check` finds over text as redactions; a page whose only cover
    was a thick stroke was not even looked at (only filled shapes were), and the public file kept
    the line under the black stroke for any extractor, and failed `check`."""
    import redactor

    source = _page(tmp_path / "marked.pdf", PUBLIC + HIDDEN + b"0 G 20 w 70 303 m 320 303 l S\n")
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert result.verification.passed
    with pymupdf.open(result.output) as doc:
        assert "Bluebird" not in doc[0].get_text() and "Line 3 of the public" in doc[0].get_text()
    assert _bad_redactions(result.output) == []


def _with_pattern(path: Path) -> Path:
    """`path` with /P1 among its page's resources: a tiling pattern whose 4-point cell is black."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        cell = pdf.make_stream(b"0 g 0 0 4 4 re f", Type=Name.Pattern, PatternType=1, PaintType=1, TilingType=1,
                               BBox=[0, 0, 4, 4], XStep=4, YStep=4, Resources=Dictionary())  # fmt: skip
        pdf.pages[0].Resources.Pattern = Dictionary(P1=cell)
        pdf.save(path)
    return path


# 40 strokes half a point wide, side by side across the hidden line.
STROKES = b"0 G 0.5 w " + b"".join(b"70 %.2f m 320 %.2f l S " % (293 + y / 2, 293 + y / 2) for y in range(40)) + b"\n"
TURNED = b"BT /F1 11 Tf 0.97 0.26 -0.26 0.97 300 30 Tm (Operation Bluebird targets) Tj ET\n"


@pytest.mark.parametrize(
    ("hidden", "cover"),
    [
        (TURNED, b"q 0.97 0.26 -0.26 0.97 300 30 cm 0 g -2 -4 160 15 re f Q\n"),  # turned by its matrix
        (TURNED, b"q 0.97 0.26 -0.26 0.97 300 30 cm 160 0 0 15 -2 -4 cm /Im1 Do Q\n"),  # a picture, turned
        (HIDDEN, b"q 0.9994 0.035 -0.035 0.9994 70 294 cm 0 g 0 0 215 16 re f Q\n"),  # askew by two degrees
        (HIDDEN, b"/Pattern cs /P1 scn 70 296 250 14 re f\n"),  # filled with a tiling pattern
        (HIDDEN, STROKES),
    ],
    ids=["turned-box", "turned-picture", "askew-box", "tiling-pattern", "thin-strokes"],
)
@pytest.mark.parametrize("rotate", [0, 90])
def test_dark_paint_that_is_no_upright_box_over_text_is_a_bad_redaction(
    tmp_path: Path, hidden: bytes, cover: bytes, rotate: int
) -> None:
    """A box turned by its matrix (its upright bounds take in white corners), a picture turned
    the same way, a fill with a tiling pattern (MuPDF names the pattern's cell, not the area) and
    a block of 40 strokes half a point wide laid side by side look as black as a box over the
    words, and check called each page clean: it judged only what MuPDF names as an upright box.
    The rendered page now judges each glyph (on a page turned by /Rotate too, rendered turned);
    the same covers over no text stay clean."""
    hidden_page = _with_pattern(_page(tmp_path / "hidden.pdf", PUBLIC + hidden + cover, rotate))
    assert _bad_redactions(hidden_page) == [(1, "error")]
    assert _bad_redactions(_with_pattern(_page(tmp_path / "control.pdf", PUBLIC + cover, rotate))) == []


def test_bars_each_a_little_short_of_their_line_are_a_bad_redaction(tmp_path: Path) -> None:
    """Black bars stacked down a paragraph, each a little shorter than its line's glyph boxes
    (a filing in the corpus, gov.uscourts.caed.373457.1.0.pdf): no bar covers 80 % of a glyph,
    so none was judged, yet the page shows black where the lines are and every extractor reads
    them. The rendering finds them; public lines above and below stay out of the finding."""
    lines = b"".join(b"BT /F1 12 Tf 72 %d Td (Witness Harold Pemberton of Marlow Street %d) Tj ET\n" % (y, y)
                     for y in (500, 488, 476))  # fmt: skip
    bars = b"0 g " + b"".join(b"70 %.1f 250 12 re f " % (y + 0.4) for y in (500, 488, 476)) + b"\n"  # 75 % each
    public = b"BT /F1 12 Tf 72 530 Td (The public line above.) Tj ET BT /F1 12 Tf 72 440 Td (And below.) Tj ET\n"
    report = audit(_page(tmp_path / "bars.pdf", public + lines + bars))
    found = [p for p in report.problems if p.kind == "bad-redaction"]
    assert [(p.page, p.severity) for p in found] and all(p.severity == "error" for p in found)
    assert all("Harold" not in p.preview and "public" not in p.preview for p in found)
    assert _bad_redactions(_page(tmp_path / "control.pdf", public + bars)) == []


def test_a_stamp_comment_whose_appearance_is_a_black_picture_is_a_bad_redaction(tmp_path: Path) -> None:
    """A stamp comment (/Stamp) whose appearance draws a black picture over a line: MuPDF lists
    the appearance's picture among the page's, so the black picture is judged as one."""
    for name, content in (("hidden", PUBLIC + HIDDEN), ("control", PUBLIC)):
        with pikepdf.open(_page(tmp_path / f"{name}.pdf", content), allow_overwriting_input=True) as pdf:
            black = pdf.make_stream(b"\x00", Type=Name.XObject, Subtype=Name.Image, Width=1, Height=1,
                                    ColorSpace=Name.DeviceGray, BitsPerComponent=8)  # fmt: skip
            look = pdf.make_stream(b"q 250 0 0 14 0 0 cm /Im0 Do Q", Type=Name.XObject, Subtype=Name.Form,
                                   BBox=[0, 0, 250, 14], Resources=Dictionary(XObject=Dictionary(Im0=black)))  # fmt: skip
            stamp = Dictionary(
                Type=Name.Annot, Subtype=Name.Stamp, Rect=[70, 296, 320, 310], F=4, AP=Dictionary(N=look)
            )
            pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(stamp)])
            pdf.save(tmp_path / f"{name}.pdf")
    assert _bad_redactions(tmp_path / "hidden.pdf") == [(1, "error")]
    assert _bad_redactions(tmp_path / "control.pdf") == []


def test_text_squashed_flat_by_its_matrix_is_hidden_text(tmp_path: Path) -> None:
    """`1 0 0 0.05 x y Tm` draws 11-point text a twentieth as tall, a hairline no one reads, and
    MuPDF's trace of the page still gives it its full size and height: check called it clean.
    Squashed to half height, it is still read, and stays clean."""
    flat = b"BT /F1 11 Tf 1 0 0 0.05 72 300 Tm (Operation Bluebird targets Marlow Street) Tj ET\n"
    half = b"BT /F1 11 Tf 1 0 0 0.5 72 300 Tm (Operation Bluebird targets Marlow Street) Tj ET\n"
    problems = [p for p in audit(_page(tmp_path / "flat.pdf", PUBLIC + flat)).problems if p.kind == "hidden-text"]
    assert [(p.page, p.severity, p.message) for p in problems] == [(1, "warning", "text is squashed too flat to read")]
    assert problems[0].preview.startswith("O•") and "Bluebird" not in problems[0].preview
    assert _hidden_text(_page(tmp_path / "half.pdf", PUBLIC + half)) == []


@pytest.mark.parametrize(
    "cover",
    [
        b"/Pattern cs /P1 scn 70 296 250 14 re f\n",
        STROKES,
        b"q 0.9994 0.035 -0.035 0.9994 70 294 cm 0 g 0 0 215 16 re f Q\n",
        b"BT 0 Tr\n",  # no cover: the line squashed flat below
    ],
    ids=["tiling-pattern", "thin-strokes", "askew-box", "squashed-flat"],
)
def test_redact_removes_text_under_dark_paint_or_squashed_flat(tmp_path: Path, cover: bytes) -> None:
    """`redact` takes what `check` finds as its own: the line under a patterned fill or under thin
    strokes side by side lay across no box in the page's layout, so the page was not examined,
    and the public file kept it under the black for any extractor; a line squashed flat by its
    matrix was kept too. Public lines stay."""
    hidden = HIDDEN if cover != b"BT 0 Tr\n" else HIDDEN.replace(b"72 300 Td", b"1 0 0 0.05 72 300 Tm")
    cover = b"" if cover == b"BT 0 Tr\n" else cover
    source = _with_pattern(_page(tmp_path / "covered.pdf", PUBLIC + hidden + cover))
    assert "Bluebird" in _extracted(source)
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert result.verification.passed
    text = _extracted(result.output)
    assert "Bluebird" not in text and "Marlow" not in text
    assert "Line 7 of the public declaration" in text and "Line 35 of the public" in text
    assert [p for p in audit(result.output).problems if p.kind in ("bad-redaction", "hidden-text")] == []
