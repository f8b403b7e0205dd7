"""Pictures of which the page shows a part (fixtures/cropped.py): the part no page shows is
painted over, the part shown stays as it was, and words around pictures are judged by what
the page shows, not by the pictures' boxes."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pymupdf
import pytest
from conftest import assert_gone, assert_present
from cropped import CAPTION, ENCODINGS, HEIGHT, HOWS, WIDTH, cropped, headed, image_stream
from PIL import Image, ImageChops

import redactor
from redactor.audit import audit

BAND = HEIGHT // 3
EDGE = 6  # pixels left out at a band's edges (the clip's edge, JPEG noise)


def _bands(path: Path) -> list[tuple[int, int]]:
    """The spread of grey levels (max - min) in each band of the one picture in `path`."""
    with pikepdf.open(path) as pdf:
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        assert len(images) == 1
        picture = pikepdf.PdfImage(images[0]).as_pil_image().convert("L")
    assert picture.size == (WIDTH, HEIGHT)
    spreads = []
    for band in range(3):
        low, high = picture.crop((0, band * BAND + EDGE, WIDTH, (band + 1) * BAND - EDGE)).getextrema()
        spreads.append(high - low)
    return spreads


def _rendered(path: Path) -> list[Image.Image]:
    with pymupdf.open(path) as doc:
        return [
            Image.frombytes("L", (p.width, p.height), p.samples)
            for p in (page.get_pixmap(dpi=72, colorspace=pymupdf.csGRAY, alpha=False) for page in doc)
        ]


def _largest_change(before: Path, after: Path) -> int:
    return max(
        ImageChops.difference(a, b).getextrema()[1] for a, b in zip(_rendered(before), _rendered(after), strict=True)
    )


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("encoding", [e for e in ENCODINGS if e != "4-bit"])
def test_the_part_of_a_picture_no_page_shows_is_painted_over(how: str, encoding: str, tmp_path: Path) -> None:
    """The SSN in the hidden band was published: `pdfimages` read it from the public file,
    although no page showed it and so nothing could find it."""
    source = cropped(tmp_path / f"{how}.pdf", how, encoding)
    assert min(_bands(source)) > 100  # every band holds text in the input
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    hidden = 1
    shown = [0, 2] if how == "two_pages" else [0]
    spreads = _bands(result.output)
    assert spreads[hidden] <= 16, spreads  # one flat colour (JPEG noise aside)
    assert all(spreads[band] > 100 for band in shown), spreads
    if how != "two_pages":
        assert spreads[2] <= 16, spreads
    trimmed = [s for s in result.plan.sanitized if s["what"] == "hidden parts of pictures"]
    assert trimmed and trimmed[0]["pages"] == ([1, 2] if how == "two_pages" else [1])
    assert _largest_change(source, result.output) <= 8  # what the pages show is unchanged
    assert_present(result.output, [CAPTION])
    assert any("a picture holds a part no page shows" in p.message for p in audit(source).problems)
    assert not any("a picture holds a part no page shows" in p.message for p in audit(result.output).problems)


def test_a_hidden_part_that_cannot_be_rewritten_is_reported(tmp_path: Path) -> None:
    """Four bits a sample is not rewritten: the plan and the terminal say which page, and that
    the part could not be removed, so the user looks (the picture itself is left as it was)."""
    source = cropped(tmp_path / "four.pdf", "clip", "4-bit")
    plan = redactor.scan(source, ocr="never")
    warnings = [w for w in plan.warnings if "could not be removed" in w]
    assert len(warnings) == 1 and warnings[0].startswith("page(s) 1:") and "4 bit(s)" in warnings[0]
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert any("could not be removed" in w for w in result.plan.warnings)
    assert not [s for s in result.plan.sanitized if s["what"] == "hidden parts of pictures"]


def test_words_around_pictures_are_judged_by_what_the_page_shows(tmp_path: Path) -> None:
    """A white heading on a dark banner picture or on a blue bar, and a line that a clipped
    picture's box (not its shown part) reaches over, were removed as invisible or covered text:
    public words lost (real exhibits of the corpus lost their headings)."""
    source = headed(tmp_path / "headed.pdf")
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert_present(
        result.output,
        [
            "Port Security Frequently Asked Questions",
            "ARTICLE IV MEMBERSHIP",
            "Community membership is open to all residents.",
        ],
    )
    assert_gone(result.output, ["Unseen note 4471"])  # white on a white picture: nobody sees it
    assert _largest_change(source, result.output) <= 8
    assert not any("hidden under an image" in p.message for p in audit(source).problems)


def _marked_up(path: Path) -> Path:
    """A page as counsel marks it up: an exhibit stamp, a typed note, a box and a highlight
    (what a reader sees), and a sticky note (what a reader does not)."""
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 100), "Case No. 3:19-cv-01234", fontsize=11)
        page.insert_text((72, 200), "The report lists the lanes covered by each camera.", fontsize=11)
        page.add_stamp_annot(pymupdf.Rect(380, 40, 560, 90), stamp=pymupdf.STAMP_Confidential)
        note = page.add_freetext_annot(pymupdf.Rect(72, 120, 400, 140), "EXHIBIT 8: owner SSN 512-43-8817", fontsize=11)
        note.set_info(content="EXHIBIT 8: owner SSN 512-43-8817")
        note.update()
        box = page.add_rect_annot(pymupdf.Rect(66, 186, 360, 206))
        box.set_colors(stroke=(1, 0, 0))
        box.update()
        page.add_highlight_annot(page.search_for("lanes covered")[0])
        page.add_text_annot((500, 300), "Call the integrator at 10.24.8.15 before filing")
        doc.save(path)
    return path


def test_marks_a_reader_sees_are_drawn_into_the_page(tmp_path: Path) -> None:
    """Exhibit stamps, counsel's boxes and highlights were removed with the comments, changing
    what the public version shows (real filings of the corpus lost their "Exhibit 8" stamps).
    They are now drawn into the page, their text searched like any other; notes still go."""
    source = _marked_up(tmp_path / "marked.pdf")
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    drawn = [s for s in result.plan.sanitized if s["what"] == "annotations drawn into the page"]
    assert drawn and drawn[0]["detail"].startswith("1 FreeText, 1 Highlight, 1 Square, 1 Stamp")
    assert_present(result.output, ["EXHIBIT 8", "The report lists the lanes covered by each camera."])
    assert_gone(result.output, ["512-43", "10.24.8.15", "Call the integrator"])
    with pikepdf.open(result.output) as pdf:
        assert not [a for a in pdf.pages[0].obj.get("/Annots", ()) if a.get("/Subtype") != "/Link"]
    before, after = _rendered(source)[0], _rendered(result.output)[0]
    stamp = (380, 40, 560, 90)  # 72 dpi: points are pixels
    assert ImageChops.difference(before.crop(stamp), after.crop(stamp)).getextrema()[1] <= 8
    assert after.crop(stamp).getextrema()[0] < 200  # the stamp is still there to see
    box_edge = (66, 185, 360, 188)
    assert after.crop(box_edge).getextrema()[0] < 200


def test_verification_refuses_a_hidden_part_left_unpainted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Painting over is checked in the written file, with qpdf: were it skipped, no public file."""
    import redactor.preparing
    from redactor.errors import VerificationFailed

    monkeypatch.setattr(redactor.preparing, "trim_hidden_parts", lambda pdf: ([], []))
    source = cropped(tmp_path / "clip.pdf", "clip", "flate")
    with pytest.raises(VerificationFailed, match="the part no page shows of a picture on page 1"):
        redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert not (tmp_path / "public.pdf").exists()


def test_check_does_not_call_a_white_heading_on_a_blue_bar_invisible(tmp_path: Path) -> None:
    """check judged white text as redact did, by dark fills only; both now ask the rendering."""
    problems = audit(headed(tmp_path / "headed.pdf")).problems
    white = [p for p in problems if p.message.startswith("white text on a white page")]
    assert len(white) == 1 and white[0].preview.startswith("U")  # "Unseen note 4471", masked


def inline_picture(path: Path, picture: bytes) -> Path:
    """A page with a line of text and a 64 x 64 grey picture written into its content (BI ... EI),
    clipped to its lower left quarter, beside a picture of its own."""
    pdf = pikepdf.new()
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    content = (
        b"BT /F1 11 Tf 72 720 Td (A seal is printed beside this line.) Tj ET "
        b"q 72 560 40 40 re W n 80 0 0 80 72 560 cm BI /W 64 /H 64 /CS /G /BPC 8 ID " + picture + b" EI Q"
    )
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font), XObject=pikepdf.Dictionary(
        Im0=image_stream(pdf, "flate")))  # fmt: skip
    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792],
                                                     Resources=resources, Contents=pdf.make_stream(content))))  # fmt: skip
    pdf.save(path)
    return path


def test_the_hidden_part_of_an_inline_picture_is_reported_not_failed(tmp_path: Path) -> None:
    """An inline picture is part of the page's content and is not rewritten: a hidden part that
    holds something is kept with a warning (and `check` reports it), not a reason to fail (two
    corpus filings hold clipped inline pictures)."""
    source = inline_picture(tmp_path / "inline.pdf", bytes(range(0, 256, 4)) * 64)  # a grey ramp
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert result.verification.passed
    assert not [s for s in result.plan.sanitized if s["what"] == "hidden parts of pictures"]
    kept = [w for w in result.plan.warnings if "could not be removed" in w]
    assert len(kept) == 1 and "inline picture" in kept[0] and kept[0].startswith("page(s) 1:")
    assert_present(result.output, ["A seal is printed beside this line."])
    assert any("a picture holds a part no page shows" in p.message for p in audit(source).problems)


def test_an_inline_picture_whose_hidden_part_is_blank_is_not_reported(tmp_path: Path) -> None:
    rows = [bytes([255] * 64)] * 32 + [bytes([0] * 32 + [255] * 32)] * 32  # dark only in the shown quarter
    source = inline_picture(tmp_path / "inline.pdf", b"".join(rows))
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert result.verification.passed and not [w for w in result.plan.warnings if "could not be removed" in w]
    assert not any("a picture holds a part no page shows" in p.message for p in audit(source).problems)


PHOTO = pymupdf.Rect(72, 300, 472, 400)  # 400 x 100 pixels drawn at 72 dpi: a pixel a point
COVER = pymupdf.Rect(172, 330, 372, 370)


def _stripes() -> pymupdf.Pixmap:
    """A 400 x 100 picture of dark and light stripes: any pixel left under a box shows."""
    stripes = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 400, 100))
    for x in range(0, 400, 8):
        stripes.set_rect(pymupdf.IRect(x, 0, x + 4, 100), (30, 30, 30))
        stripes.set_rect(pymupdf.IRect(x + 4, 0, x + 8, 100), (230, 230, 230))
    return stripes


def _covered_picture(path: Path, cover: str) -> Path:
    """A picture of stripes (a scan, say) with part of it hidden by a box drawn over it, the
    classic failed redaction on a scan: the page shows the box, the picture's pixels stay."""
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 100), "Exhibit 3 shows the gate as photographed.", fontsize=11)
        stripes = _stripes()
        page.insert_image(PHOTO, pixmap=stripes)
        if cover == "drawn box":
            page.draw_rect(COVER, color=None, fill=(0, 0, 0))
        elif cover == "white-out":
            page.draw_rect(COVER, color=None, fill=(1, 1, 1))
        elif cover == "marker stroke":  # a felt-tip line across the name, round at its ends
            middle = (COVER.y0 + COVER.y1) / 2
            page.draw_line((COVER.x0 + 20, middle), (COVER.x1 - 20, middle), color=(0, 0, 0), width=40, lineCap=1)
        elif cover == "dark picture":
            black = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 4, 4))
            black.set_rect(black.irect, (0, 0, 0))
            page.insert_image(COVER, pixmap=black, keep_proportion=False)
        else:  # a square comment, which sanitizing used to delete, showing the picture again
            square = page.add_rect_annot(COVER)
            square.set_colors(stroke=(0, 0, 0), fill=(0, 0, 0))
            square.update()
        doc.save(path)
    return path


@pytest.mark.parametrize("cover", ["drawn box", "white-out", "marker stroke", "dark picture", "square comment"])
def test_the_pixels_under_a_box_over_a_picture_are_removed(cover: str, tmp_path: Path) -> None:
    """Red-team review (2026-11-26): pdfimages gave back what a box over a scan hid, and a black
    square comment over a scan was deleted with the comments, showing the name under it."""
    source = _covered_picture(tmp_path / "covered.pdf", cover)
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert any(s["what"] == "covered picture parts" for s in result.plan.sanitized)
    before, after = _rendered(source)[0], _rendered(result.output)[0]
    assert ImageChops.difference(before, after).getextrema()[1] <= 8  # the page looks as it did
    with pikepdf.open(result.output) as pdf:
        pictures = [pikepdf.PdfImage(o).as_pil_image().convert("L") for o in pdf.objects
                    if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image" and o.get("/Width") == 400]  # fmt: skip
    assert len(pictures) == 1
    side = 23 if cover == "marker stroke" else 3  # a stroke's round ends let the corners show
    hidden = (COVER.x0 - PHOTO.x0 + side, COVER.y0 - PHOTO.y0 + 3, COVER.x1 - PHOTO.x0 - side, COVER.y1 - PHOTO.y0 - 3)
    low, high = pictures[0].crop(tuple(int(v) for v in hidden)).getextrema()
    assert high - low <= 8, "the stripes under the box are still in the picture"
    low, high = pictures[0].crop((4, 4, 96, 26)).getextrema()
    assert high - low > 150, "the stripes nobody covered are gone"
    assert_present(result.output, ["Exhibit 3 shows the gate as photographed."])


def test_a_picture_cleaned_on_one_page_is_not_kept_whole_for_another(tmp_path: Path) -> None:
    """Pages that inherit one resource dictionary from the page tree: MuPDF gave the page it
    cleaned a picture of its own, and the original, pixels and all, stayed listed for the other
    page, which never draws it (red-team review, 2026-11-26)."""
    source = _covered_picture(tmp_path / "one.pdf", "drawn box")
    with pymupdf.open(source) as doc:
        doc.new_page().insert_text((72, 100), "The second page draws no picture.", fontsize=11)
        data = doc.tobytes()
    with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
        first = pdf.pages[0].obj
        shared = pdf.make_indirect(pikepdf.Dictionary(first.Resources))
        shared.Font = pikepdf.Dictionary(
            {**dict(first.Resources.get("/Font", {})), **dict(pdf.pages[1].obj.Resources.get("/Font", {}))}
        )
        pdf.Root.Pages.Resources = shared
        for page in pdf.pages:
            del page.obj["/Resources"]
        inherited = tmp_path / "inherited.pdf"
        pdf.save(inherited)
    result = redactor.redact(inherited, tmp_path / "public.pdf", ocr="never")
    assert_present(result.output, ["Exhibit 3 shows the gate as photographed.", "The second page draws no picture."])
    with pikepdf.open(result.output) as pdf:
        pictures = [
            o
            for o in pdf.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image" and o.get("/Width") == 400
        ]
        assert len(pictures) == 1, "the original picture is still in the file"
        hidden = (COVER.x0 - PHOTO.x0 + 3, COVER.y0 - PHOTO.y0 + 3, COVER.x1 - PHOTO.x0 - 3, COVER.y1 - PHOTO.y0 - 3)
        low, high = (
            pikepdf.PdfImage(pictures[0]).as_pil_image().convert("L").crop(tuple(int(v) for v in hidden)).getextrema()
        )
        assert high - low <= 8


def test_a_picture_drawn_too_small_to_see_is_painted_over(tmp_path: Path) -> None:
    """A screenshot drawn 0.01 pt tall shows nothing, yet pdfimages gave back every pixel of it
    (red-team review, 2026-11-26): it is a hidden part, like one cut away by a clip."""
    source = tmp_path / "tiny.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 72), "The exhibit follows.", fontsize=11)
        stripes = _stripes()
        page.insert_image(pymupdf.Rect(72, 300, 472, 300.01), pixmap=stripes, keep_proportion=False)
        doc.save(source)
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    with pikepdf.open(result.output) as pdf:
        (image,) = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        low, high = pikepdf.PdfImage(image).as_pil_image().convert("L").getextrema()
    assert high - low <= 8, "the picture nobody can see still holds its pixels"
    assert_present(result.output, ["The exhibit follows."])


def test_the_pixels_a_soft_mask_makes_transparent_are_painted_over(tmp_path: Path) -> None:
    """An "eraser" that only clears a picture's alpha channel (as many editors' do) shows a
    blank strip while the colour samples keep every word for pdfimages (red-team review,
    2026-11-26). The page shows nothing there, so nothing can find it: painted over, like a
    part cut away by a clip. A soft edge thinner than MIN_HIDDEN is left as it is."""
    alpha = Image.new("L", (400, 100), 255)
    alpha.paste(0, (0, 50, 400, 100))  # the lower half "erased"
    alpha.paste(0, (0, 0, 400, 3))  # a soft rim, too thin to hold anything
    source = tmp_path / "erased.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 100), "Exhibit 4 is a screenshot of the ticket.", fontsize=11)
        page.insert_image(PHOTO, pixmap=_stripes())
        data = doc.tobytes()
    with pikepdf.open(__import__("io").BytesIO(data)) as pdf:  # MuPDF would clear what the mask hides
        (image,) = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        image.SMask = pdf.make_stream(alpha.tobytes(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                                      Width=400, Height=100, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)  # fmt: skip
        pdf.save(source)
    assert any("made transparent" in p.message for p in audit(source).problems)
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    with pikepdf.open(result.output) as pdf:
        (image,) = [
            o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image" and "/SMask" in o
        ]
        colours = pikepdf.PdfImage(image).as_pil_image().convert("L")
    low, high = colours.crop((0, 53, 400, 100)).getextrema()
    assert high - low <= 8, "the erased stripes are still in the picture"
    low, high = colours.crop((0, 5, 400, 47)).getextrema()
    assert high - low > 150, "the stripes the page shows are gone"
    assert _largest_change(source, result.output) <= 8  # the page looks as it did
    assert not any("made transparent" in p.message for p in audit(result.output).problems)
    assert_present(result.output, ["Exhibit 4 is a screenshot of the ticket."])


def _picture_page(
    path: Path,
    pdf: pikepdf.Pdf,
    picture: pikepdf.Stream,
    text: str = "Exhibit 9 is a screenshot.",
    opacity: float | None = None,
) -> None:
    """Add to `pdf` a page of one line of `text` and `picture` (drawn 400 x 100 at 72, 300),
    under a fill opacity when given, and save it at `path`."""
    from pikepdf import Dictionary, Name

    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    resources = Dictionary(Font=Dictionary(F1=font), XObject=Dictionary(Im1=picture))
    state = b""
    if opacity is not None:
        resources.ExtGState = Dictionary(G0=Dictionary(Type=Name.ExtGState, ca=opacity))
        state = b"/G0 gs "
    content = b"BT /F1 11 Tf 72 720 Td (%s) Tj ET q %s400 0 0 100 72 300 cm /Im1 Do Q" % (text.encode(), state)
    pdf.pages.append(pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=[0, 0, 612, 792], Contents=pdf.make_stream(content), Resources=resources)))  # fmt: skip
    pdf.save(path)


def _grey_stripes(pdf: pikepdf.Pdf) -> pikepdf.Stream:
    """A 400 x 100 grey picture in `pdf` of dark and light stripes, Flate-compressed."""
    import zlib

    from pikepdf import Name

    stripes = Image.new("L", (400, 100), 230)
    for x in range(0, 400, 8):
        stripes.paste(30, (x, 0, x + 4, 100))
    return pdf.make_stream(zlib.compress(stripes.tobytes()), Type=Name.XObject, Subtype=Name.Image, Width=400,
                           Height=100, ColorSpace=Name.DeviceGray, BitsPerComponent=8, Filter=Name.FlateDecode)  # fmt: skip


def _kept_warning(result: redactor.Result) -> str:
    """The one warning of `result` that a picture's hidden part could not be removed."""
    (kept,) = [w for w in result.plan.warnings if "could not be removed" in w]
    return kept


def _grey_samples_of_the_picture(path: Path) -> Image.Image:
    """The samples of the one 400 x 100 grey picture in the PDF at `path` (not its soft mask)."""
    with pikepdf.open(path) as pdf:
        pictures = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        masks = {o.SMask.objgen for o in pictures if "/SMask" in o}
        (image,) = [o for o in pictures if o.objgen not in masks]
        return Image.frombytes("L", (400, 100), image.read_bytes())


def test_a_transparent_part_in_an_ink_colour_space_is_painted_and_verified(tmp_path: Path) -> None:
    """A picture in one ink (/Separation), which no decoder turns into colours, with a soft
    mask: its transparent part was painted, then judged "not blank" because it could not be
    decoded, and verification refused a corpus filing."""
    import zlib

    from pikepdf import Array, Dictionary, Name

    stripes = Image.new("L", (400, 100), 255)
    for x in range(0, 400, 8):
        stripes.paste(0, (x, 0, x + 4, 100))
    alpha = Image.new("L", (400, 100), 255)
    alpha.paste(0, (0, 50, 400, 100))
    pdf = pikepdf.new()
    ink = Array([Name.Separation, Name.Black, Name.DeviceCMYK,
                 Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[0, 0, 0, 1], N=1)])  # fmt: skip
    smask = pdf.make_stream(zlib.compress(alpha.tobytes()), Type=Name.XObject, Subtype=Name.Image, Width=400,
                            Height=100, ColorSpace=Name.DeviceGray, BitsPerComponent=8, Filter=Name.FlateDecode)  # fmt: skip
    picture = pdf.make_stream(zlib.compress(stripes.tobytes()), Type=Name.XObject, Subtype=Name.Image, Width=400,
                              Height=100, ColorSpace=ink, BitsPerComponent=8, Filter=Name.FlateDecode, SMask=smask)  # fmt: skip
    source = tmp_path / "ink.pdf"
    _picture_page(source, pdf, picture, "Exhibit 7 is a printed form.")
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert any(s["what"] == "hidden parts of pictures" for s in result.plan.sanitized)
    with pikepdf.open(result.output) as out:
        (image,) = [o for o in out.objects if isinstance(o, pikepdf.Stream) and "/SMask" in o]
        samples = Image.frombytes("L", (400, 100), image.read_bytes())
    assert samples.crop((0, 53, 400, 100)).getextrema()[1] - samples.crop((0, 53, 400, 100)).getextrema()[0] <= 8
    assert_present(result.output, ["Exhibit 7 is a printed form."])


@pytest.mark.parametrize("mask", ["alpha of 1/255", "16-bit soft mask", "colour key", "JPEG 2000 alpha"])
def test_pixels_any_mask_of_the_picture_hides_are_painted_over_or_reported(tmp_path: Path, mask: str) -> None:
    """Other ways a picture's own mask hides a part that pdfimages gives back (red-team review,
    2026-11-26): an alpha of 1/255 (nothing shows), a soft mask of 16 bits a sample, a colour
    key whose ranges take in the hidden part's colours (faint stripes, 250 and 253 on a key of
    250 to 255, stay unpainted on the page and come out under any contrast stretch), and a JPEG
    2000's own alpha channel. The first three are painted (the colour-keyed part in the key's
    colour, so it stays unpainted); the last is not rewritten, and the user is told to look."""
    import zlib

    from pikepdf import Name

    from redactor import cropped

    stripes = Image.new("L", (400, 100), 230)
    if mask == "colour key":
        stripes.paste(253, (0, 50, 400, 100))
    for x in range(0, 400, 8):
        stripes.paste(30, (x, 0, x + 4, 50))
        stripes.paste(250 if mask == "colour key" else 30, (x, 50, x + 4, 100))
    pdf = pikepdf.new()
    picture = pdf.make_stream(zlib.compress(stripes.tobytes()), Type=Name.XObject, Subtype=Name.Image, Width=400,
                              Height=100, ColorSpace=Name.DeviceGray, BitsPerComponent=8, Filter=Name.FlateDecode)  # fmt: skip
    if mask == "alpha of 1/255":
        alpha = Image.new("L", (400, 100), 255)
        alpha.paste(1, (0, 50, 400, 100))
        picture.SMask = pdf.make_stream(alpha.tobytes(), Type=Name.XObject, Subtype=Name.Image, Width=400, Height=100,
                                        ColorSpace=Name.DeviceGray, BitsPerComponent=8)  # fmt: skip
    elif mask == "16-bit soft mask":
        rows = (b"\xff\xff" * 400) * 50 + (b"\x00\x00" * 400) * 50
        picture.SMask = pdf.make_stream(rows, Type=Name.XObject, Subtype=Name.Image, Width=400, Height=100,
                                        ColorSpace=Name.DeviceGray, BitsPerComponent=16)  # fmt: skip
    elif mask == "colour key":
        picture.Mask = pikepdf.Array([250, 255])
    else:
        from PIL import features

        if not features.check("jpg_2000"):
            pytest.skip("this Pillow cannot write JPEG 2000")
        alpha = Image.new("L", (400, 100), 255)
        alpha.paste(0, (0, 50, 400, 100))
        buffer = __import__("io").BytesIO()
        Image.merge("LA", (stripes, alpha)).save(buffer, "JPEG2000", irreversible=False)
        picture.write(buffer.getvalue(), filter=Name.JPXDecode)
        del picture.ColorSpace, picture.BitsPerComponent
        picture.SMaskInData = 1
    source = tmp_path / "masked.pdf"
    _picture_page(source, pdf, picture, "Exhibit 9 is a screenshot.")
    with pikepdf.open(source) as original:
        assert cropped.pictures_with_hidden_parts(original), "the hidden part was not seen"
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert_present(result.output, ["Exhibit 9 is a screenshot."])
    if mask == "JPEG 2000 alpha":
        assert "JPXDecode" in _kept_warning(result)
        return
    assert any(s["what"] == "hidden parts of pictures" for s in result.plan.sanitized)
    samples = _grey_samples_of_the_picture(result.output)
    low, high = samples.crop((0, 53, 400, 100)).getextrema()
    assert high - low <= 1, "the hidden stripes are still in the picture"
    if mask == "colour key":
        assert 250 <= low and high <= 255, "the painted part would show"
    low, high = samples.crop((0, 5, 400, 47)).getextrema()
    assert high - low > 150, "the stripes the page shows are gone"
    assert _largest_change(source, result.output) <= 8  # the page looks as it did


def test_a_transparent_ground_already_blank_is_left_as_it_is(tmp_path: Path) -> None:
    """A logo's transparent ground that is one colour already hides nothing: it was painted and
    its JPEG encoded anew on every run (code review, 2026-11-26). It is left as it is."""
    import io

    from pikepdf import Name

    logo = Image.new("RGB", (400, 100), (255, 255, 255))
    logo.paste((20, 40, 160), (0, 0, 400, 50))
    alpha = Image.new("L", (400, 100), 255)
    alpha.paste(0, (0, 50, 400, 100))
    buffer = io.BytesIO()
    logo.save(buffer, "JPEG", quality=90)
    pdf = pikepdf.new()
    smask = pdf.make_stream(alpha.tobytes(), Type=Name.XObject, Subtype=Name.Image, Width=400, Height=100,
                            ColorSpace=Name.DeviceGray, BitsPerComponent=8)  # fmt: skip
    picture = pdf.make_stream(buffer.getvalue(), Type=Name.XObject, Subtype=Name.Image, Width=400, Height=100,
                              ColorSpace=Name.DeviceRGB, BitsPerComponent=8, Filter=Name.DCTDecode, SMask=smask)  # fmt: skip
    source = tmp_path / "logo.pdf"
    _picture_page(source, pdf, picture, "The seal of the agency.")
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert not any(s["what"] == "hidden parts of pictures" for s in result.plan.sanitized)
    with pikepdf.open(result.output) as out:
        (image,) = [o for o in out.objects if isinstance(o, pikepdf.Stream) and "/SMask" in o]
        assert image.read_raw_bytes() == buffer.getvalue()
    assert_present(result.output, ["The seal of the agency."])


@pytest.mark.parametrize("mask", ["/Decode [1 0]", "4-bit soft mask", "opacity 0", "16-bit colour key"])
def test_more_ways_a_picture_is_made_invisible(tmp_path: Path, mask: str) -> None:
    """A soft mask whose /Decode inverts it (pikepdf applies the /Decode: inverting it again
    took the transparent half for opaque), one of 4 bits a sample, a picture painted at a fill
    opacity of 0, and a 16-bit picture under a colour key taking in every value: pdfimages gave
    the screenshot back from each (red-team review, 2026-11-27). Painted over, or (16 bits,
    not rewritten) reported."""
    import zlib

    from pikepdf import Name

    pdf = pikepdf.new()
    picture = _grey_stripes(pdf)
    hidden = (0, 53, 400, 100)  # the lower half, or all of it
    if mask == "/Decode [1 0]":  # samples 0 (opaque, inverted) above, 255 (clear, inverted) below
        alpha = Image.new("L", (400, 100), 0)
        alpha.paste(255, (0, 50, 400, 100))
        picture.SMask = pdf.make_stream(alpha.tobytes(), Type=Name.XObject, Subtype=Name.Image, Width=400, Height=100,
                                        ColorSpace=Name.DeviceGray, BitsPerComponent=8, Decode=[1, 0])  # fmt: skip
    elif mask == "4-bit soft mask":
        rows = b"\xff" * 200 * 50 + b"\x00" * 200 * 50
        picture.SMask = pdf.make_stream(rows, Type=Name.XObject, Subtype=Name.Image, Width=400, Height=100,
                                        ColorSpace=Name.DeviceGray, BitsPerComponent=4)  # fmt: skip
    elif mask == "16-bit colour key":
        wide = b"".join(bytes((v, 0)) for v in picture.read_bytes())
        picture.write(zlib.compress(wide), filter=Name.FlateDecode)
        picture.BitsPerComponent, picture.Mask = 16, pikepdf.Array([0, 65535])
    else:
        hidden = (0, 0, 400, 100)
    source = tmp_path / "invisible.pdf"
    _picture_page(source, pdf, picture, opacity=0 if mask == "opacity 0" else None)
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert_present(result.output, ["Exhibit 9 is a screenshot."])
    if mask == "16-bit colour key":
        assert "16 bit" in _kept_warning(result)
        return
    samples = _grey_samples_of_the_picture(result.output)
    low, high = samples.crop(hidden).getextrema()
    assert high - low <= 1, "the invisible stripes are still in the picture"
    if mask != "opacity 0":
        low, high = samples.crop((0, 5, 400, 47)).getextrema()
        assert high - low > 150, "the stripes the page shows are gone"
        assert _largest_change(source, result.output) <= 8


def test_a_soft_mask_inverted_by_its_decode_keeps_a_visible_picture(tmp_path: Path) -> None:
    """The other side of /Decode [1 0]: samples of 0 read as wholly opaque, and the picture,
    which every viewer shows, must be left as it is."""

    from pikepdf import Name

    pdf = pikepdf.new()
    picture = _grey_stripes(pdf)
    picture.SMask = pdf.make_stream(bytes(400 * 100), Type=Name.XObject, Subtype=Name.Image, Width=400, Height=100,
                                    ColorSpace=Name.DeviceGray, BitsPerComponent=8, Decode=[1, 0])  # fmt: skip
    source = tmp_path / "visible.pdf"
    _picture_page(source, pdf, picture)
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert not any(s["what"] == "hidden parts of pictures" for s in result.plan.sanitized)
    assert _largest_change(source, result.output) <= 8
