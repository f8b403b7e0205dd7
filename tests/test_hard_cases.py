"""Every hard case of fixtures/cases: sensitive strings gone for every independent extractor,
public strings still there."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pymupdf
import pypdf
import pytest
from conftest import assert_gone, assert_present, case_terms, content, copy_case, extractions

import redactor

CASES = sorted(content.CASES)


@pytest.mark.parametrize("name", CASES)
def test_hard_case_leaks_nothing_and_keeps_public_text(name: str, tmp_path: Path) -> None:
    source = copy_case(tmp_path, name)
    result = redactor.redact(source, terms=case_terms(tmp_path, name))
    assert result.verification.passed
    assert_gone(result.output, content.CASES[name]["sensitive"])
    # Layout analysis (pdfminer, pdftotext -layout) reads rotated and tilted text one
    # character per line; pypdf and pdftotext -raw read it in content-stream order.
    readers = ("pypdf", "pdftotext-raw") if name == "rotated_page" else ("pdfminer", "pypdf", "pdftotext")
    assert_present(result.output, content.CASES[name]["public"], tools=readers)


def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    plan = redactor.scan(copy_case(tmp_path, "two_column"))
    texts = {r.text for r in plan.redactions}
    assert "10.24.8.15" in texts and "CVE-2019-12345" in texts


def test_rotated_pages_get_boxes_where_the_text_is(tmp_path: Path) -> None:
    result = redactor.redact(copy_case(tmp_path, "rotated_page"))
    with pymupdf.open(result.output) as doc:
        for redaction in result.plan.redactions:
            for box in redaction.boxes:
                page = doc[box.page - 1]
                drawn = [d for d in page.get_drawings() if d.get("fill") == (0.0, 0.0, 0.0)]
                assert any(pymupdf.Rect(d["rect"]).intersects(pymupdf.Rect(box.rect)) for d in drawn), redaction.id


def test_hidden_layer_content_is_deleted_and_reported(tmp_path: Path) -> None:
    result = redactor.redact(copy_case(tmp_path, "hidden_text"))
    assert any(item["what"] == "hidden layers" for item in result.plan.sanitized)
    with pikepdf.open(result.output) as pdf:
        assert "/OCProperties" not in pdf.Root


def test_white_text_gate_looks_closer_at_white_or_uncoloured_spans(tmp_path: Path) -> None:
    """The cheap test that decides which pages are traced glyph by glyph for white text: it must
    say yes for white and near-white spans, and for a span whose colour it cannot read."""
    from redactor.layout import EVERYWHERE, TEXT_FLAGS, unseen_text

    def may_have_white_text(html: str) -> bool:
        return unseen_text(html)[0]

    def html(name: str) -> str:
        with pymupdf.open(copy_case(tmp_path, name)) as doc:
            return doc[0].get_textpage(flags=TEXT_FLAGS, clip=EVERYWHERE).extractHTML()

    assert may_have_white_text(html("hidden_text"))
    assert not may_have_white_text(html("two_column"))
    span = '<p><span style="font-family:Times,serif;font-size:12pt{}">{}</span></p>'
    assert may_have_white_text(span.format(";color:#f7f7f7", "10.24.8.15"))
    assert may_have_white_text(span.format("", "no colour written"))
    assert may_have_white_text(span.format(";color:#000000", "") + span.format(";color:#ffffff", "&#x41;"))
    assert not may_have_white_text(span.format(";color:#ffffff", " &#x20;<b></b>"))
    assert not may_have_white_text(span.format(";color:#f7f7e0", "yellowish"))


def test_text_too_small_to_read_is_removed(tmp_path: Path) -> None:
    """Text set in one point is a speck on the page, not something a reader reads, and check
    calls it hidden: it goes like white text, whatever it says. Text of a normal size stays."""
    from redactor.audit import audit
    from redactor.layout import unseen_text

    source = tmp_path / "tiny.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 100), "The declarant states as follows.", fontsize=11)
        page.insert_text((72, 120), "Keywords: Halvorsen Logistics, San Ysidro lane 9.", fontsize=1)
        page.insert_text((72, 140), "Footnote text in small print stays readable.", fontsize=6)
        doc.save(source)
    span = '<p><span style="font-family:Times,serif;font-size:{}pt;color:#000000">text</span></p>'
    assert unseen_text(span.format("1.0")) == (False, True)
    assert unseen_text(span.format("6.5")) == (False, False)
    result = redactor.redact(source, tmp_path / "tiny.public.pdf", ocr="never")
    assert_gone(result.output, ["Halvorsen", "San Ysidro"])
    assert_present(result.output, ["The declarant states as follows.", "Footnote text in small print stays readable."])
    assert not [p for p in audit(result.output).problems if p.kind == "hidden-text"]


def test_text_outside_the_page_is_removed(tmp_path: Path) -> None:
    result = redactor.redact(copy_case(tmp_path, "hidden_text"))
    with pymupdf.open(result.output) as doc:
        words = doc[0].get_text("words", clip=pymupdf.Rect(-1e4, -1e4, 1e4, 1e4))
        assert all(pymupdf.Rect(w[:4]).intersects(doc[0].rect) for w in words)


def test_hidden_content_is_removed_and_listed(tmp_path: Path) -> None:
    result = redactor.redact(copy_case(tmp_path, "hidden_content"), terms=case_terms(tmp_path, "hidden_content"))
    removed = " ".join(f"{item['what']}: {item['detail']}" for item in result.plan.sanitized)
    for what in ("document information", "XMP metadata", "annotations", "embedded files", "JavaScript",
                 "document open action", "thumbnails", "page-piece data", "bookmarks", "form fields"):  # fmt: skip
        assert what in removed, what
    with pikepdf.open(result.output) as pdf:
        assert "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root
        assert not pdf.attachments
        assert all("/Annots" not in page.obj or not len(page.obj.Annots) for page in pdf.pages)


def test_bookmarks_survive_with_clean_titles(tmp_path: Path) -> None:
    result = redactor.redact(copy_case(tmp_path, "hidden_content"))
    with pymupdf.open(result.output) as doc:
        titles = [title for _, title, _ in doc.get_toc()]
    assert "Exhibit 4" in titles
    assert not any("4,872,500" in t for t in titles)


def test_earlier_revision_is_gone(tmp_path: Path) -> None:
    source = copy_case(tmp_path, "incremental")
    assert source.read_bytes().count(b"%%EOF") == 2, "fixture should hold two revisions"
    result = redactor.redact(source)
    assert result.output.read_bytes().count(b"%%EOF") == 1


def test_partial_redaction_keeps_what_rule_5_2_allows(tmp_path: Path) -> None:
    result = redactor.redact(copy_case(tmp_path, "partial_5_2"))
    partial = {r.category: r for r in result.plan.redactions if r.scope == "partial"}
    assert partial["ssn"].removed == ["456-78-"]
    assert partial["birth-date"].removed == ["July 4,"]
    assert partial["minor-name"].removed == ["ofia", "amirez"]
    assert partial["financial-account"].removed == ["770012"]
    assert partial["home-address"].removed == ["88 Oak Street,", "92243."] or partial["home-address"].removed == [
        "88 Oak Street,",
        "92243",
    ]
    assert_present(result.output, ["S", "R", "El Centro, California"])


def test_a_form_drawn_both_invisibly_and_visibly_keeps_its_visible_text(tmp_path: Path) -> None:
    """A form shown invisibly on one page and visibly on another: its text goes from the first
    (hidden text) and stays, visible, on the second."""
    import generate  # fixtures/generate.py

    note = "A shared form prints this public sentence."
    source = tmp_path / "shared.pdf"
    generate.shared_form(source, note)
    result = redactor.redact(source)
    assert result.verification.passed
    with pymupdf.open(result.output) as doc:
        first, second = (" ".join(w[4] for w in page.get_text("words")) for page in doc)
        painted = [s for s in doc[1].get_texttrace() if s["type"] == 0]
    assert note not in first
    assert note in second
    assert any(note == "".join(chr(c[0]) for c in s["chars"]) for s in painted)
    # and for an extractor other than MuPDF, page by page
    first, second = (" ".join(page.extract_text().split()) for page in pypdf.PdfReader(result.output).pages)
    assert note not in first and note in second
    assert_present(result.output, [note, content.CASE_NUMBER])


def sideways_page(path: Path, *lines: str) -> Path:
    """A page with a case number across its top and `lines` running up it, 40 points apart."""
    with pymupdf.open() as doc:
        page = doc.new_page()
        for index, line in enumerate(lines):
            page.insert_text((300 + 40 * index, 700), line, fontsize=11, rotate=90)
        page.insert_text((72, 72), "Case No. 3:19-cv-01234-BAS-KSC", fontsize=11)
        doc.save(path)
    return path


def test_a_partial_match_in_sideways_text_is_cut_where_its_glyphs_are(tmp_path: Path) -> None:
    """The same Social Security number twice in text running up the page: each box is found by
    MuPDF's search inside that word's own box, so both keep their last four digits."""
    source = sideways_page(
        tmp_path / "sideways.pdf", "Declarant's SSN 512-43-8817 on file.", "Spouse listed SSN 512-43-8817 again."
    )
    result = redactor.redact(source)
    assert result.verification.passed
    assert [r.removed for r in result.plan.redactions if r.category == "ssn"] == [["512-43-"], ["512-43-"]]
    for tool, text in extractions(result.output).items():
        if tool in ("pypdf", "pdftotext-raw"):  # these two read sideways text in stream order
            assert "512-43" not in text and "51243" not in text.replace("-", "")
            assert text.count("8817") == 2, tool
    assert_present(result.output, ["Case No. 3:19-cv-01234-BAS-KSC"])


def test_a_sideways_word_that_search_cannot_place_is_cut_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When MuPDF's search cannot place part of a turned word, the whole word goes: a band across
    its box, as for upright text, would leave the glyphs at both ends of a word running up the page."""
    from redactor import geometry

    monkeypatch.setattr(geometry, "_search", lambda textpage, needle, within: [])
    source = sideways_page(tmp_path / "sideways.pdf", "Declarant's SSN 512-43-8817 on file.")
    result = redactor.redact(source)
    assert result.verification.passed
    assert_gone(result.output, ["512", "8817"])
    for tool, text in extractions(result.output).items():
        if tool in ("pypdf", "pdftotext-raw"):  # these two read sideways text in stream order
            assert "Declarant" in text and "file." in text, tool
    assert_present(result.output, ["Case No. 3:19-cv-01234-BAS-KSC"])


def test_boxes_are_the_same_whether_or_not_text_pages_are_kept(
    sample: Path, terms_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The layout pass keeps the first pages' text pages for locating boxes and later pages' are
    made again: both ways must give the same boxes (here only page 1's is kept, and page 2
    holds words cut inside, which are found by searching its text page)."""
    from redactor import api
    from redactor.layout import TextPages

    kept = redactor.scan(sample, terms=terms_file)
    monkeypatch.setattr(api, "TextPages", lambda doc: TextPages(doc, keep=1))
    remade = redactor.scan(sample, terms=terms_file)
    assert any(r.page == 2 and r.scope == "partial" for r in kept.redactions)
    assert [(r.id, r.boxes) for r in remade.redactions] == [(r.id, r.boxes) for r in kept.redactions]


def _marked(path: Path) -> Path:
    """Three pages marked in another tool (Acrobat's Mark for Redaction), nothing applied: on page 1
    a name (with the label to print) and, over two lines, an address; on page 2 a picture of a
    badge. Page 3 names the contractor again, unmarked, beside a public SSN-free sentence."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "The contractor Halvorsen Logistics installed the cameras.", fontsize=11)
    page.insert_text((72, 130), "The vendor's depot is at 4100 Otay Mesa Road,", fontsize=11)
    page.insert_text((72, 144), "Building 7, where the spare units are kept.", fontsize=11)
    page.add_redact_annot(page.search_for("Halvorsen Logistics")[0], text="(b)(4)")
    lines = [page.search_for("4100 Otay Mesa Road,")[0], page.search_for("Building 7,")[0]]
    page.add_redact_annot(lines[0] | lines[1])
    quads = [rect.quad for rect in lines]
    annot = list(page.annots())[-1]
    flat = [
        v
        for quad in quads
        for point in (quad.ul, quad.ur, quad.ll, quad.lr)
        for v in point * page.transformation_matrix
    ]
    doc.xref_set_key(annot.xref, "QuadPoints", "[" + " ".join(f"{v:g}" for v in flat) + "]")
    page = doc.new_page()
    page.insert_text((72, 100), "The officer's badge is shown below.", fontsize=11)
    badge = pymupdf.Rect(72, 120, 192, 180)
    page.draw_rect(badge, color=None, fill=(0.2, 0.3, 0.8))
    page.add_redact_annot(badge)
    page = doc.new_page()
    page.insert_text((72, 100), "Halvorsen Logistics also maintains the readers.", fontsize=11)
    doc.save(path)
    return path


def test_redaction_marks_from_another_tool_are_applied_and_their_text_found_again(tmp_path: Path) -> None:
    """An unapplied Redact annotation is the user's instruction: redactor applies it (it used to be
    dropped with the other annotations, its text left in), looks for its text on every page, and
    prints the label it asked for."""
    result = redactor.redact(_marked(tmp_path / "marked.pdf"), tmp_path / "marked.public.pdf", ocr="never")
    assert_gone(result.output, ["Halvorsen", "4100 Otay Mesa", "Building 7"])
    assert_present(result.output, ["installed the cameras", "where the spare units are kept", "also maintains"])
    assert_present(result.output, ["(b)(4)"], tools=("pdfminer", "pypdf"))
    marked = sorted((r.page, r.source, len(r.boxes)) for r in result.plan.redactions if r.category == "marked")
    assert marked == [(1, "annotation", 1), (1, "annotation", 2), (2, "annotation", 1), (3, "marked", 1)]
    with pymupdf.open(result.output) as doc:
        assert not any(page.first_annot for page in doc)
        fills = {tuple(round(c, 1) for c in d["fill"]) for d in doc[1].get_drawings() if d.get("fill")}
    assert (0.2, 0.3, 0.8) not in fills  # the badge itself is gone, not only covered


def _boxed(path: Path) -> Path:
    """The classic failed redaction, five ways, each hiding text that is still in the file: a black
    rectangle drawn over it, black text on a black box drawn before it, a black square comment, a
    black highlight, two white-out boxes (one drawn, one a comment on page 2) and a picture
    placed over words (page 2; a see-through one beside it hides nothing). Beside them a dark table header with white text drawn on
    it, which a reader sees and which must stay; below, the boxed name and the whited-out price
    again, in plain sight."""
    doc = pymupdf.open()
    page = doc.new_page()
    lines = [
        "The contractor Halvorsen Logistics installed the cameras.",
        "The informant Maria Delgado spoke to the agents.",
        "The gateway cam-gw01 is reachable from the kiosk network.",
        "The spare units are kept in Building 7 at the depot.",
        "The crate weighed 4,250 pounds at the depot.",
    ]
    black_first = pymupdf.Rect(72, 121, 400, 133)  # all of line 3
    page.draw_rect(black_first, color=None, fill=(0, 0, 0))  # drawn before line 3, which is black too
    for number, line in enumerate(lines):
        page.insert_text((72, 100 + 15 * number), line, fontsize=11)
    page.draw_rect(page.search_for("Halvorsen Logistics")[0], color=None, fill=(0, 0, 0))
    square = page.add_rect_annot(page.search_for("Maria Delgado")[0])
    square.set_colors(stroke=(0, 0, 0), fill=(0, 0, 0))
    square.update()
    highlight = page.add_highlight_annot(page.search_for("Building 7")[0])
    highlight.set_colors(stroke=(0, 0, 0))
    highlight.update()
    page.draw_rect(page.search_for("4,250")[0], color=None, fill=(1, 1, 1))
    header = pymupdf.Rect(72, 200, 300, 216)
    page.draw_rect(header, color=None, fill=(0.1, 0.1, 0.3))
    page.insert_text((76, 212), "Camera inventory by lane", fontsize=11, color=(1, 1, 1))
    page.insert_text((72, 240), "Halvorsen Logistics also bid on the lanes.", fontsize=11)
    page.insert_text((72, 255), "A weight of 4,250 pounds was published.", fontsize=11)
    page = doc.new_page()  # a page with no filled shape at all, only a white-out comment
    page.insert_text((72, 100), "The old badge number 4471 was reissued.", fontsize=11)
    whiteout = page.add_rect_annot(page.search_for("4471")[0])
    whiteout.set_colors(stroke=(1, 1, 1), fill=(1, 1, 1))
    whiteout.update()
    page.insert_text((72, 130), "Signed by the officer in charge of lane 9.", fontsize=11)
    picture = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 12))
    picture.set_rect(picture.irect, (210, 190, 140))
    page.insert_image(page.search_for("officer in charge")[0], pixmap=picture)  # a signature's image, say
    page.insert_text((72, 160), "Approved by the port director today.", fontsize=11)
    see_through = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 12), 1)  # with alpha
    see_through.set_rect(see_through.irect, (20, 20, 160, 0))  # a blue ink, transparent everywhere
    page.insert_image(page.search_for("port director")[0] + (-1, -1, 1, 1), pixmap=see_through, keep_proportion=False)
    doc.save(path)
    return path


def test_text_hidden_under_boxes_in_the_input_is_removed(tmp_path: Path) -> None:
    """A box over live text is what the filer meant as a redaction, and the text under it is in
    the file for anyone to copy. It used to pass into the public file as it was (and a comment's
    box was even removed, showing the text again); now each is a redaction of the plan, and the
    public file passes `check`."""
    from redactor.audit import audit

    result = redactor.redact(_boxed(tmp_path / "boxed.pdf"), tmp_path / "boxed.public.pdf", ocr="never")
    assert_gone(result.output, ["Halvorsen", "Maria Delgado", "cam-gw01", "Building 7"])
    assert_present(
        result.output, ["installed the cameras.", "spoke to the agents.", "at the depot.", "Camera inventory by lane"]
    )
    # What a dark box hid goes wherever it appears; what a white-out hid goes from under the box
    # only (a white-out hides corrections as often as secrets), and no box is drawn there.
    assert_gone(result.output, ["Halvorsen Logistics also bid"])
    assert_present(result.output, ["also bid on the lanes.", "A weight of 4,250 pounds was published."])
    assert all(text.count("4,250") == 1 for text in extractions(result.output).values())
    assert_gone(result.output, ["4471"])
    assert_present(result.output, ["The old badge number", "was reissued."])
    assert not any("4471" in r.text or "4,250" in r.text for r in result.plan.redactions)
    assert {r.source for r in result.plan.redactions if r.category == "marked"} == {"box", "marked"}
    assert_gone(result.output, ["officer in charge"])
    assert_present(result.output, ["Signed by the", "of lane 9.", "Approved by the port director today."])
    assert any(r["what"] == "covered text" and r["pages"] == [1, 2] for r in result.plan.sanitized)
    with pymupdf.open(result.output) as doc:
        assert doc[1].get_images()  # the picture stays
    assert not [p for p in audit(result.output).problems if p.kind == "bad-redaction"]


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_turned_page_whose_crop_box_is_not_at_the_origin(tmp_path: Path, rotation: int) -> None:
    """PyMuPDF's transformation matrix leaves out the crop box's offset on a turned page: every
    cut landed beside its text, and such a page was always refused."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))  # fmt: skip
    text = (b"BT /F1 11 Tf 150 650 Td (The contractor is Halvorsen Logistics of Otay Mesa.) Tj "
            b"0 -20 Td (Public words stay where they are.) Tj ET")  # fmt: skip
    page = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 800, 1000], CropBox=[100, 100, 712, 892], Rotate=rotation,
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)), Contents=pdf.make_stream(text),
    ))  # fmt: skip
    pdf.pages.append(pikepdf.Page(page))
    source = tmp_path / f"turned{rotation}.pdf"
    pdf.save(source)
    terms = tmp_path / "terms.txt"
    terms.write_text("Halvorsen Logistics\n")
    result = redactor.redact(source, tmp_path / f"turned{rotation}.public.pdf", terms=terms)
    assert_gone(result.output, ["Halvorsen", "Logistics"])
    # pdfminer reads a page turned a quarter one letter a line, so it is left out here.
    public = ["The contractor is", "of Otay Mesa.", "Public words stay where they are."]
    assert_present(result.output, public, tools=("pypdf", "pdftotext"))


def test_labels_leave_a_pages_own_font_named_like_pymupdfs_alone(tmp_path: Path) -> None:
    """A page whose own font is named "helv" (PyMuPDF's name for Helvetica), written inside its
    resources on one page and inherited from the page tree on the other: labelling a box used
    PyMuPDF's insert_font, which failed on the first (exit 70, red-team review, 2026-11-27), and
    replaced the font of that name on every later page. The labels now use a name of their own."""
    import pikepdf

    doc = pymupdf.open()
    for _ in range(2):
        doc.new_page().insert_text((72, 72), "Ana Ruiz was here. The public sentence stays.", fontname="helv")
    plain = tmp_path / "plain.pdf"
    doc.save(plain)
    source = tmp_path / "helv.pdf"
    with pikepdf.open(plain) as pdf:
        first, second = pdf.pages
        for page in (first, second):
            page.Resources.Font.helv.BaseFont = pikepdf.Name("/Times-Roman")  # to tell it from the labels'
        first.Resources = pikepdf.Dictionary(
            Font=pikepdf.Dictionary(helv=pikepdf.Dictionary(first.Resources.Font.helv))
        )
        pdf.Root.Pages.Resources = pdf.make_indirect(pikepdf.Dictionary(second.Resources))
        del second.obj["/Resources"]
        pdf.save(source)
    terms = tmp_path / "terms.txt"
    terms.write_text("Ana Ruiz\n")
    result = redactor.redact(source, tmp_path / "public.pdf", terms=terms, ocr="never")
    assert_gone(result.output, ["Ana Ruiz"])
    assert_present(result.output, ["The public sentence stays.", "TERM"])
    with pikepdf.open(result.output) as pdf:
        for page in pdf.pages:
            fonts = page.Resources.Font
            assert fonts.helv.BaseFont == "/Times-Roman" and fonts.RedactorLabel.BaseFont == "/Helvetica"
