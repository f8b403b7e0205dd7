"""The safety net: a redaction that did not take is caught, and no public file is written."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest
from conftest import assert_gone, assert_present

import redactor
from redactor.detect import find_value
from redactor.errors import VerificationFailed
from redactor.mask import mask
from redactor.verify import secret_pattern


def test_a_box_in_the_wrong_place_fails_verification_and_writes_nothing(sample: Path, tmp_path: Path) -> None:
    plan = redactor.scan(sample)
    ssn = next(r for r in plan.redactions if r.category == "ssn")
    for box in ssn.boxes:  # move the box well away from the number
        box.rect = [box.rect[0], box.rect[1] - 300, box.rect[2], box.rect[3] - 300]
        box.cut = [box.cut[0], box.cut[1] - 300, box.cut[2], box.cut[3] - 300]
    out = tmp_path / "public.pdf"
    with pytest.raises(VerificationFailed) as error:
        redactor.apply(sample, plan, out)
    assert not out.exists()
    message = str(error.value)
    assert "ssn" in message and "page" in message
    assert "512-43" not in message


def test_a_word_left_under_a_box_fails_verification_wherever_the_cut_was(sample: Path, tmp_path: Path) -> None:
    """A box drawn over a word that its cut missed hides the word from the eye only: the check
    looks under the drawn box too, not just under the cut. (A manual box has no text of its own,
    so only this check can see the word.)"""
    import pymupdf

    from redactor.plan import Box, Redaction

    with pymupdf.open(sample) as doc:
        word = next(w for w in doc[0].get_text("words") if w[4] == "Attorneys")
    plan = redactor.scan(sample)
    box = Box(page=1, rect=[w + d for w, d in zip(word[:4], (-1, -1, 1, 1), strict=True)], cut=[5.0, 5.0, 6.0, 6.0])
    plan.redactions.append(
        Redaction("R-manual", 1, [box], "manual", "manual", "PRIVACY", "reviewer", "manual", "manual", "", [])
    )
    out = tmp_path / "public.pdf"
    with pytest.raises(VerificationFailed, match="manual text still present under a box"):
        redactor.apply(sample, plan, out)
    assert not out.exists()


def test_a_secret_is_found_whatever_separates_its_digits() -> None:
    pattern, key = secret_pattern("512-43-8817")

    def found(text: str) -> bool:
        return next(find_value(pattern, text.lower()), None) is not None

    for text in ("512-43-8817", "512 43 8817", "512438817", "SSN: 512-\n43-8817.", "born 512-43-88171"):
        assert found(text), text
    assert not found("1512-43-8817")
    assert not found("512-43-8817a")


def test_masked_preview_hides_every_letter_and_digit_but_the_first() -> None:
    assert mask("512-43-8817") == "5••-••-••••"
    assert mask("Jo Li") == "•• ••"
    assert "Ortega" not in mask("Daniel Ortega")


def test_masked_preview_shows_no_accent_or_invisible_character_of_the_value() -> None:
    """Marks and invisible characters are not letters, so they were kept: "Nu\u0301n\u0303ez"
    (accents written apart, as macOS writes names) read "••́•̃••", where its accents are (leak review)."""
    assert mask("Nu\u0301n\u0303ez") == mask("Núñez") == "•••••"
    assert mask("j\u200bo\u00adhn") == "••••"


def _manual_box_over_the_screenshot(tmp_path: Path) -> tuple[Path, redactor.Plan]:
    import sys

    from conftest import FIXTURES

    from redactor.plan import Box, Redaction

    sys.path.insert(0, str(FIXTURES))
    import scans

    source = scans.VARIANTS["exhibit-image"](tmp_path / "exhibit.pdf")
    plan = redactor.scan(source, ocr="never")
    box = Box(page=1, rect=[100.0, 180.0, 400.0, 220.0])
    plan.redactions.append(
        Redaction("R-manual", 1, [box], "manual", "manual", "PRIVACY", "reviewer", "manual", "manual", "", [])
    )
    return source, plan


def test_pixels_are_checked_by_pikepdf_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A box drawn over a picture whose pixels stay must fail verification (pikepdf decodes the picture)."""
    source, plan = _manual_box_over_the_screenshot(tmp_path)
    good = redactor.apply(source, plan, tmp_path / "good.pdf", ocr="never")
    assert any(c["name"] == "qpdf-pixels" and c["passed"] for c in good.plan.verification["checks"])
    assert_present(good.output, ["EXHIBIT B", "declare under penalty of perjury"])

    from redactor import removal as apply_module

    (tmp_path / "again").mkdir()
    source, plan = _manual_box_over_the_screenshot(tmp_path / "again")
    monkeypatch.setattr(apply_module, "intersects_any", lambda *_: False)  # skip MuPDF's pixel removal
    out = tmp_path / "bad.pdf"
    with pytest.raises(VerificationFailed, match="still holds its pixels"):
        redactor.apply(source, plan, out, ocr="never")
    assert not out.exists()


def test_pixels_of_an_inline_image_are_checked_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An inline image (BI ... EI in the content, no XObject) under a box that kept its pixels fails
    verification, even once the page's content is an array of streams (the boxes are appended)."""
    import sys

    from conftest import FIXTURES

    from redactor.plan import Box, Redaction

    sys.path.insert(0, str(FIXTURES))
    import scans

    source = scans.exhibit_inline_image(tmp_path / "inline.pdf")

    def plan_with_box() -> redactor.Plan:
        plan = redactor.scan(source, ocr="never")
        box = Box(page=1, rect=[100.0, 180.0, 400.0, 280.0])
        plan.redactions.append(
            Redaction("R-manual", 1, [box], "manual", "manual", "PRIVACY", "reviewer", "manual", "manual", "", [])
        )
        return plan

    good = redactor.apply(source, plan_with_box(), tmp_path / "good.pdf", ocr="never")
    assert any(c["name"] == "qpdf-pixels" and c["passed"] for c in good.plan.verification["checks"])
    assert_present(good.output, ["EXHIBIT C", "declare under penalty of perjury"])

    from redactor import removal as apply_module

    monkeypatch.setattr(apply_module, "intersects_any", lambda *_: False)  # skip MuPDF's pixel removal
    out = tmp_path / "bad.pdf"
    with pytest.raises(VerificationFailed, match="still holds its pixels"):
        redactor.apply(source, plan_with_box(), out, ocr="never")
    assert not out.exists()


def _one_page(path: Path, content: bytes, **page: object) -> Path:
    """A one-page PDF drawing `content` with Helvetica as /F1; `page` adds keys to the page."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    )
    resources = Dictionary(Font=Dictionary(F1=font))
    pdf.pages.append(
        pikepdf.Page(
            Dictionary(
                Type=Name.Page, MediaBox=Array([0, 0, 612, 792]), Resources=resources, Contents=pdf.make_stream(content)
            )
        )
    )
    for key, value in page.items():
        pdf.pages[0].obj[f"/{key}"] = value(pdf, font) if callable(value) else value
    pdf.save(path)
    return path


def _terms(tmp_path: Path, *terms: str) -> Path:
    path = tmp_path / "terms.txt"
    path.write_text("\n".join(terms) + "\n")
    return path


def _utf16_hex(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _tagged_page(tmp_path: Path, named: bool = False) -> Path:
    """Word tags text with /ActualText as hex UTF-16, in the marked content's property list:
    inline, or `named` in the page's resources ("/Span /MC0 BDC")."""
    from pikepdf import Dictionary, String

    shown = b"Contractor Halvorsen Logistics"
    properties = b"/MC0" if named else b"<</ActualText " + _utf16_hex(shown.decode()) + b" /Lang (en-US)>>"
    content = (
        b"BT /F1 12 Tf 72 720 Td (The declarant states as follows.) Tj ET\n"
        b"/Span " + properties + b" BDC BT /F1 12 Tf 72 600 Td (" + shown + b") Tj ET EMC\n"
    )  # fmt: skip

    def resources(pdf, font):
        listed = pdf.make_indirect(Dictionary(ActualText=String(shown.decode()), Lang=String("en-US")))
        return Dictionary(Font=Dictionary(F1=font), Properties=pdf.make_indirect(Dictionary(MC0=listed)))

    return _one_page(tmp_path / "tagged.pdf", content, **({"Resources": resources} if named else {}))


@pytest.mark.parametrize("named", [False, True], ids=["inline", "named"])
def test_a_tagged_spans_actualtext_goes_with_its_glyphs(tmp_path: Path, named: bool) -> None:
    """MuPDF's redaction removes the glyphs of a tagged span but keeps its property list, whose
    /ActualText still spells the term: on redacted pages it is taken out, whether the list is
    written in the content stream or named in the page's resources."""
    import pikepdf

    result = redactor.redact(
        _tagged_page(tmp_path, named), tmp_path / "tagged.public.pdf", terms=_terms(tmp_path, "Halvorsen"), ocr="never"
    )
    assert_gone(result.output, ["Halvorsen"])
    assert_present(result.output, ["The declarant states as follows.", "Contractor"])
    with pikepdf.open(result.output) as pdf:
        if named:
            assert "/Lang" in pdf.pages[0].Resources.Properties.MC0  # the tag itself stays
        else:
            assert b"/Lang" in b"".join(c.read_bytes() for c in pdf.pages[0].Contents)
    assert any(r["what"] == "marked-content text" and r["pages"] == [1] for r in result.plan.sanitized)


def test_a_hex_actualtext_left_behind_fails_verification(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the /ActualText survive, qpdf's check reads hex strings too, and nothing is written."""
    monkeypatch.setattr("redactor.api.remove_marked_content_text", lambda doc, pages: [])
    out = tmp_path / "tagged.public.pdf"
    with pytest.raises(VerificationFailed, match=r"object \d+: term text .* read by qpdf") as failure:
        redactor.redact(_tagged_page(tmp_path), out, terms=_terms(tmp_path, "Halvorsen Logistics"), ocr="never")
    assert "Halvorsen" not in str(failure.value)
    assert not out.exists()


def test_names_and_escaped_uris_are_read_by_the_verification(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A term left in a name (a named destination "/Halvorsen#20Logistics") or in a %-escaped URI
    ("q=Halvorsen%20Logistics", should the link survive) is found: names are decoded, URIs read
    unescaped."""
    from pikepdf import Array, Dictionary, Name, String

    from redactor.sanitize import _STANDARD_PAGE_KEYS

    monkeypatch.setattr("redactor.sanitize._links", lambda doc, clean_text: [])
    # A page key PDF does not define is removed since: the name is left there on purpose.
    monkeypatch.setattr("redactor.sanitize._STANDARD_PAGE_KEYS", _STANDARD_PAGE_KEYS | {"PieceInfoX"})

    def link(uri: str):
        return lambda pdf, font: Array([pdf.make_indirect(Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=Array([72, 600, 272, 620]),
            A=Dictionary(S=Name.URI, URI=String(uri))))])  # fmt: skip

    content = b"BT /F1 12 Tf 72 720 Td (Contractor Halvorsen Logistics installed the cameras.) Tj ET\n"
    terms = _terms(tmp_path, "Halvorsen Logistics")
    escaped = _one_page(tmp_path / "uri.pdf", content, Annots=link("https://sam.example.gov/?q=Halvorsen%20Logistics"))
    with pytest.raises(VerificationFailed, match="read by qpdf"):
        redactor.redact(escaped, tmp_path / "uri.public.pdf", terms=terms, ocr="never")
    named = _one_page(tmp_path / "named.pdf", content, PieceInfoX=Name("/Halvorsen#20Logistics#20contract"))
    with pytest.raises(VerificationFailed, match="read by qpdf"):
        redactor.redact(named, tmp_path / "named.public.pdf", terms=terms, ocr="never")
    plain = _one_page(tmp_path / "plain.pdf", content, Annots=link("https://sam.example.gov/?q=cameras"))
    result = redactor.redact(plain, tmp_path / "plain.public.pdf", terms=terms, ocr="never")
    assert_present(result.output, ["installed the cameras"])


def _linked_page(path: Path) -> Path:
    """Word's way with addresses: every e-mail and web address typed becomes a link, and the same
    "mailto:" also sits on words elsewhere ("write to her")."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    lines = [
        "Her personal e-mail is jane.doe@gmail.com and her cell phone is 619-555-0143.",
        "Write to her about the claim.",
        "Call her after five.",
        "The vendor portal lists the contract.",
        "The Court's rules are public.",
    ]
    for number, line in enumerate(lines):
        page.insert_text((72, 100 + 30 * number), line, fontsize=10)
    targets = {
        "jane.doe@gmail.com": "mailto:jane.doe@gmail.com",
        "Write to her": "mailto:jane.doe@gmail.com",
        "Call her": "tel:619-555-0143",
        "vendor portal": "https://portal.example.com/vendors?name=Halvorsen%20Logistics",
        "The Court's rules": "https://www.casd.uscourts.gov/rules.aspx",
    }
    for words, uri in targets.items():
        page.insert_link({"kind": pymupdf.LINK_URI, "from": page.search_for(words)[0], "uri": uri})
    doc.save(path)
    return path


def test_links_leading_to_redacted_text_are_removed(tmp_path: Path) -> None:
    """A link whose target holds a redacted value, or anything the rules or terms would redact,
    is deleted with its target; a link to a public page stays, and so do the words it is on."""
    import pikepdf

    source = _linked_page(tmp_path / "links.pdf")
    result = redactor.redact(source, tmp_path / "links.public.pdf", terms=_terms(tmp_path, "Halvorsen"), ocr="never")
    assert_gone(result.output, ["jane.doe", "gmail", "619-555-0143", "Halvorsen"])
    assert_present(result.output, ["Write to her about the claim.", "Call her after five.", "The vendor portal"])
    with pikepdf.open(result.output) as pdf:
        uris = [str(link.A.URI) for link in pdf.pages[0].obj.get("/Annots", [])]
    assert uris == ["https://www.casd.uscourts.gov/rules.aspx"]
    assert any(r["what"] == "links" and r["pages"] == [1] for r in result.plan.sanitized)


def _named_destinations(path: Path, names: list[str]) -> Path:
    """Two pages; the first, turned a quarter, links to the second by the name `names[0]`, once as
    a /Dest and once as a GoTo action; the file's name tree lists every one of `names`."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    )
    for text in (b"Contractor Halvorsen Logistics installed the cameras.", b"Costs are set out below."):
        content = pdf.make_stream(b"BT /F1 11 Tf 72 720 Td (" + text + b") Tj ET")
        resources = Dictionary(Font=Dictionary(F1=font))
        pdf.pages.append(pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 612, 792]), Resources=resources, Contents=content)))  # fmt: skip
    second = pdf.pages[1].obj
    listed = Array()
    for name in sorted(names):
        listed.extend([String(name), Array([second, Name.XYZ, 0, 700, 0])])
    pdf.Root.Names = Dictionary(Dests=Dictionary(Names=listed))
    pdf.pages[0].obj.Rotate = 90
    pdf.pages[0].obj.Annots = Array([
        pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([72, 600, 300, 620]), Dest=String(names[0]))),
        pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([72, 560, 300, 580]), A=Dictionary(S=Name.GoTo, D=String(names[0])))),
    ])  # fmt: skip
    pdf.save(path)
    return path


def test_named_destinations_with_sensitive_names_go_and_links_point_at_pages(tmp_path: Path) -> None:
    """A Word bookmark named "Halvorsen_contract" becomes a named destination: the names go, and
    the links that jumped by name ("costs") jump to the same page, where they were on theirs."""
    import pikepdf

    terms = _terms(tmp_path, "Halvorsen")
    source = _named_destinations(tmp_path / "named.pdf", ["costs", "Halvorsen_contract"])
    result = redactor.redact(source, tmp_path / "named.public.pdf", terms=terms, ocr="never")
    assert_gone(result.output, ["Halvorsen"])
    assert_present(result.output, ["Costs are set out below."])
    with pikepdf.open(result.output) as pdf:
        assert "/Dests" not in pdf.Root.get("/Names", {})
        for link, rect in zip(pdf.pages[0].Annots, ([72, 600, 300, 620], [72, 560, 300, 580]), strict=True):
            assert [float(n) for n in link.Rect] == rect
            assert link.A.D[0].objgen == pdf.pages[1].obj.objgen and str(link.A.D[1]) == "/Fit"
    assert any(r["what"] == "named destinations" for r in result.plan.sanitized)
    # Names with nothing to clean stay as they are.
    plain = _named_destinations(tmp_path / "plain.pdf", ["costs", "section_2"])
    result = redactor.redact(plain, tmp_path / "plain.public.pdf", terms=terms, ocr="never")
    with pikepdf.open(result.output) as pdf:
        assert [str(n) for n in pdf.Root.Names.Dests.Names[::2]] == ["costs", "section_2"]
        assert str(pdf.pages[0].Annots[0].Dest) == "costs"


def test_page_labels_and_layer_names_are_cleaned(tmp_path: Path) -> None:
    """A page label ("Halvorsen-1") and the name of a layer the page still draws on carry the
    term beside the page: they are cleaned, and the label's numbering stays."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    content = b"/OC /L0 BDC BT /F1 12 Tf 72 720 Td (Contractor Halvorsen Logistics installed the cameras.) Tj ET EMC\n"

    def resources(pdf, font):
        layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Halvorsen Logistics camera layout")))
        return Dictionary(Font=Dictionary(F1=font), Properties=Dictionary(L0=layer))

    source = _one_page(tmp_path / "labels.pdf", content, Resources=resources)
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        layer = pdf.pages[0].Resources.Properties.L0
        pdf.Root.OCProperties = Dictionary(OCGs=Array([layer]), D=Dictionary(ON=Array([layer])))
        pdf.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.D, P=String("Halvorsen-"))]))
        pdf.save(source)
    result = redactor.redact(source, tmp_path / "labels.public.pdf", terms=_terms(tmp_path, "Halvorsen"), ocr="never")
    assert_gone(result.output, ["Halvorsen"])
    assert_present(result.output, ["installed the cameras."])
    with pikepdf.open(result.output) as pdf:
        assert str(pdf.Root.PageLabels.Nums[1].P) == "[redacted]-"
        assert str(pdf.pages[0].Resources.Properties.L0.Name) == "[redacted] Logistics camera layout"
    assert {"page labels", "layer names"} <= {r["what"] for r in result.plan.sanitized}


def test_a_link_keeps_its_target_but_not_its_appearance_or_tooltip(tmp_path: Path) -> None:
    """A link's appearance stream is drawn by some viewers (poppler) but is not page text, so
    detection never sees it: it is removed, with the link's tooltip; where it goes is kept."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    def link(pdf, font):
        appearance = pdf.make_stream(
            b"BT /F1 12 Tf 2 5 Td <48616C766F7273656E204C6F676973746963732C20496E632E> Tj ET",
            Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 250, 20]),
            Resources=Dictionary(Font=Dictionary(F1=font)))  # fmt: skip
        going = Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=Array([72, 540, 322, 560]), Border=Array([0, 0, 0]),
            Contents=String("Halvorsen Logistics, Inc."),
            A=Dictionary(S=Name.URI, URI=String("https://example.com/")), AP=Dictionary(N=appearance))  # fmt: skip
        # A link that goes nowhere (PyMuPDF's get_links does not list it), as Word writes some.
        nowhere = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([72, 500, 322, 520]),
                             AP=Dictionary(N=appearance))  # fmt: skip
        return Array([pdf.make_indirect(going), pdf.make_indirect(nowhere)])

    content = b"BT /F1 12 Tf 72 720 Td (See the vendor site below.) Tj ET\n"
    source = _one_page(tmp_path / "link.pdf", content, Annots=link)
    result = redactor.redact(source, tmp_path / "link.public.pdf", terms=_terms(tmp_path, "Halvorsen"), ocr="never")
    assert_gone(result.output, ["Halvorsen"])
    assert_present(result.output, ["See the vendor site below."])
    with pikepdf.open(result.output) as pdf:
        going, nowhere = pdf.pages[0].obj.Annots
        assert str(going.A.URI) == "https://example.com/"
        assert not {"/AP", "/Contents"} & (set(going.keys()) | set(nowhere.keys()))
    assert any(r["what"] == "annotations" and "Link text or appearance" in r["detail"] for r in result.plan.sanitized)


def test_a_term_that_is_also_a_box_label_does_not_fail_verification(tmp_path: Path) -> None:
    """The label drawn on a phone number's box reads "PRIVACY": with a term "privacy", neither
    parser may take the label for the term left behind. The term itself is still removed."""
    content = (
        b"BT /F1 12 Tf 72 720 Td (The agency's privacy office answered the request.) Tj ET\n"
        b"BT /F1 12 Tf 72 700 Td (Her cell phone is 619-555-0143 at home.) Tj ET\n"
    )
    source = _one_page(tmp_path / "label.pdf", content)
    result = redactor.redact(source, tmp_path / "label.public.pdf", terms=_terms(tmp_path, "Privacy"), ocr="never")
    assert {r.category for r in result.plan.redactions} == {"term", "phone"}
    assert_gone(result.output, ["privacy office", "619-555-0143"])
    assert_present(result.output, ["PRIVACY", "office answered the request"])


def _xmp(pdf, text: str, **keys: object):
    from pikepdf import Name

    packet = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:title>{text}</dc:title></x:xmpmeta>'.encode()
    return pdf.make_stream(packet, Type=Name.Metadata, Subtype=Name.XML, **keys)


def test_page_and_picture_metadata_is_removed_and_read_by_verification(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's own XMP packet is removed like the document's, and so is a picture's. Should one
    stay, the qpdf check reads it, even when it carries an /N like a colour profile."""
    import pikepdf
    from pikepdf import Dictionary, Name

    content = b"BT /F1 12 Tf 72 720 Td (Contractor Halvorsen Logistics installed the cameras.) Tj ET\n"
    terms = _terms(tmp_path, "Halvorsen Logistics")
    on_page = _one_page(tmp_path / "page.pdf", content, Metadata=lambda pdf, font: _xmp(pdf, "Halvorsen Logistics"))
    result = redactor.redact(on_page, tmp_path / "page.public.pdf", terms=terms, ocr="never")
    assert_gone(result.output, ["Halvorsen"])
    with pikepdf.open(result.output) as pdf:
        assert "/Metadata" not in pdf.pages[0].obj

    def picture(pdf, font):
        image = pdf.make_stream(b"\xff" * 4, Type=Name.XObject, Subtype=Name.Image, Width=2, Height=2,
                                ColorSpace=Name.DeviceGray, BitsPerComponent=8,
                                Metadata=_xmp(pdf, "Halvorsen Logistics", N=1))  # fmt: skip
        return Dictionary(Font=Dictionary(F1=font), XObject=Dictionary(Im1=image))

    shown = content + b"q 20 0 0 20 300 300 cm /Im1 Do Q\n"
    in_picture = _one_page(tmp_path / "picture.pdf", shown, Resources=picture)
    result = redactor.redact(in_picture, tmp_path / "picture.public.pdf", terms=terms, ocr="never")
    assert_gone(result.output, ["Halvorsen"])
    assert any(r["what"] == "form and picture metadata" for r in result.plan.sanitized)
    monkeypatch.setattr("redactor.sanitize._object_entries", lambda doc, clean_text: [])
    with pytest.raises(VerificationFailed, match="read by qpdf"):
        redactor.redact(in_picture, tmp_path / "picture.public.pdf", terms=terms, ocr="never")


@pytest.mark.parametrize("layout", ["shared", "listed", "inherited"])
def test_a_form_drawn_on_one_page_does_not_stay_reachable_from_another(tmp_path: Path, layout: str) -> None:
    """A form holding the term is drawn on page 1 only, but reachable from page 2: through one
    /Resources dictionary the pages share ("shared", a common producer layout), listed in page
    2's own resources ("listed"), or inherited by both from the page tree ("inherited", red-team
    review 2026-11-26). MuPDF's redaction cleans page 1's copy; the original must not stay in the
    file through page 2, and page 2 keeps its own text."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    )
    form = pdf.make_stream(
        b"BT /F1 12 Tf 72 500 Td (Contract awarded to Halvorsen Logistics today.) Tj ET",
        Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 612, 792]), Resources=Dictionary(Font=Dictionary(F1=font)),
    )  # fmt: skip
    public = b"BT /F1 12 Tf 72 700 Td (This declaration is filed in the public record.) Tj ET\n"
    shared = pdf.make_indirect(Dictionary(Font=Dictionary(F1=font), XObject=Dictionary(Fm1=form)))
    for content in (public + b"/Fm1 Do\n", public + b"BT /F1 12 Tf 72 600 Td (Second page text.) Tj ET\n"):
        resources = shared if layout == "shared" else Dictionary(Font=Dictionary(F1=font), XObject=Dictionary(Fm1=form))
        pdf.pages.append(pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 612, 792]),
                                                 Resources=resources, Contents=pdf.make_stream(content))))  # fmt: skip
    if layout == "inherited":
        pdf.Root.Pages.Resources = shared
        for page in pdf.pages:
            del page.obj["/Resources"]
    source = tmp_path / f"{layout}.pdf"
    pdf.save(source)
    result = redactor.redact(
        source, tmp_path / f"{layout}.public.pdf", terms=_terms(tmp_path, "Halvorsen"), ocr="never"
    )
    assert_gone(result.output, ["Halvorsen"])
    assert_present(result.output, ["Contract awarded to", "Second page text."])
    assert any(r["what"] == "unused resources" and r["pages"] == [2] for r in result.plan.sanitized)
    with pymupdf.open(result.output) as doc:  # the form's text is read from no form of the file
        for xref in range(1, doc.xref_length()):
            if doc.xref_get_key(xref, "Subtype")[1] == "/Form":
                assert b"Halvorsen" not in (doc.xref_stream(xref) or b"")


HIDDEN_LINE = b"BT /F1 11 Tf 72 500 Td (Draft: SSN 512-43-8817 for Halvorsen Logistics.) Tj ET"
PUBLIC_LINE = b"BT /F1 11 Tf 72 700 Td (This page of the declaration is public.) Tj ET\n"


def _hidden_layer_page(path: Path, shape: str) -> Path:
    """A page whose layer "Draft", hidden when the file opens, is drawn where sanitizing once did
    not look: "nested" two forms down, "picture" as an image two forms down, "usage" on a layer
    that is on but turned off for viewing by its usage settings, "pattern" in a tiling pattern's
    cell. Removing the layer definitions would show it to every reader."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
    )
    draft = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Draft")))
    shown = Dictionary(ON=Array([draft])) if shape == "usage" else Dictionary(OFF=Array([draft]))
    if shape == "usage":
        draft.Usage = Dictionary(View=Dictionary(ViewState=Name.OFF))
        shown.AS = Array([Dictionary(Event=Name.View, Category=Array([Name.View]), OCGs=Array([draft]))])
    pdf.Root.OCProperties = Dictionary(OCGs=Array([draft]), D=shown)
    resources = Dictionary(Font=Dictionary(F1=font), Properties=Dictionary(Draft=draft))
    on_layer = b"/OC /Draft BDC " + HIDDEN_LINE + b" EMC"

    def form(content: bytes, inner: Dictionary) -> pikepdf.Stream:
        return pdf.make_stream(content, Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 612, 792], Resources=inner)

    page = PUBLIC_LINE
    if shape in ("nested", "usage"):
        inner = form(on_layer, resources)
        resources.XObject = Dictionary(Fm1=form(b"/Fm2 Do", Dictionary(XObject=Dictionary(Fm2=inner))))
        page += b"/Fm1 Do"
    elif shape == "picture":
        import zlib

        drawn = pymupdf.open()
        drawn.new_page(width=400, height=30).insert_text((5, 20), "SSN 512-43-8817 Halvorsen Logistics", fontsize=14)
        pixmap = drawn[0].get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
        image = pdf.make_stream(
            zlib.compress(pixmap.samples), Type=Name.XObject, Subtype=Name.Image, Width=pixmap.width,
            Height=pixmap.height, ColorSpace=Name.DeviceGray, BitsPerComponent=8, Filter=Name.FlateDecode, OC=draft,
        )  # fmt: skip
        inner = form(b"q 400 0 0 30 72 480 cm /Im1 Do Q", Dictionary(XObject=Dictionary(Im1=image)))
        resources.XObject = Dictionary(Fm1=form(b"/Fm2 Do", Dictionary(XObject=Dictionary(Fm2=inner))))
        page += b"/Fm1 Do"
    else:
        cell = pdf.make_stream(
            on_layer, Type=Name.Pattern, PatternType=1, PaintType=1, TilingType=1, BBox=[0, 0, 612, 792],
            XStep=612, YStep=792, Resources=resources,
        )  # fmt: skip
        resources.Pattern = Dictionary(P1=cell)
        page += b"q /Pattern cs /P1 scn 60 480 480 40 re f Q"
    pdf.pages.append(
        pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 612, 792]), Resources=resources,
                                Contents=pdf.make_stream(page)))
    )  # fmt: skip
    pdf.save(path)
    return path


@pytest.mark.parametrize("shape", ["nested", "picture", "usage", "pattern"])
def test_a_hidden_layer_is_deleted_wherever_it_is_drawn_from(tmp_path: Path, shape: str) -> None:
    import pikepdf

    source = _hidden_layer_page(tmp_path / f"{shape}.pdf", shape)
    assert "512-43-8817" not in pymupdf.open(source)[0].get_text()  # hidden when the file opens
    result = redactor.redact(source, tmp_path / f"{shape}.public.pdf", terms=_terms(tmp_path, "Halvorsen"))
    assert_gone(result.output, ["512-43-8817", "Halvorsen", "Draft:"])
    assert_present(result.output, ["This page of the declaration is public."])
    with pikepdf.open(result.output) as pdf:
        assert not [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
    assert any(r["what"] == "hidden layers" for r in result.plan.sanitized)


def test_text_the_input_hid_fails_verification_if_it_would_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever sanitizing misses, verification refuses a public file that shows words the input
    did not show when it was searched: here the forms are not stripped, so the layer two forms
    down would be shown once the layer definitions are removed."""
    import redactor.preparing

    monkeypatch.setattr(redactor.preparing, "_strip_drawn", lambda *args: False)
    source = _hidden_layer_page(tmp_path / "nested.pdf", "nested")
    with pytest.raises(VerificationFailed, match="did not show") as failure:
        redactor.redact(source, tmp_path / "nested.public.pdf", terms=_terms(tmp_path, "Halvorsen"))
    assert "512" not in str(failure.value) and "Halvorsen" not in str(failure.value)
    assert not (tmp_path / "nested.public.pdf").exists()


def _with_extras(path: Path, extra: str) -> Path:
    """A public page, and the SSN and the term where no reader sees them: "associated-file" a
    PDF 2.0 associated file of the catalog, "template" a template page in the name tree,
    "chained-script" a script run after a link's action, "link-font-name" a /FontName key on a
    link, "layer-usage" a layer's name and usage notes, "unlisted-layer" the same of a layer the
    page points to but no layer definitions list, "deep" a string nested 30 arrays deep."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    secret = "SSN 512-43-8817 of Halvorsen Logistics"
    source = _one_page(path, PUBLIC_LINE)
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0].obj
        link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([72, 690, 300, 712]),
                          A=Dictionary(S=Name.URI, URI=String("https://www.uscourts.gov/")))  # fmt: skip
        if extra == "associated-file":
            data = pdf.make_stream(secret.encode(), Type=Name.EmbeddedFile)
            spec = Dictionary(Type=Name.Filespec, F=String("original.txt"), EF=Dictionary(F=data))
            pdf.Root.AF = Array([pdf.make_indirect(spec)])
        elif extra == "template":
            hidden = pdf.make_indirect(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 612, 792]),
                                                  Resources=page.Resources,
                                                  Contents=pdf.make_stream(f"BT /F1 11 Tf 72 500 Td ({secret}) Tj ET".encode())))  # fmt: skip
            pdf.Root.Names = Dictionary(Templates=Dictionary(Names=Array([String("draft"), hidden])))
        elif extra == "chained-script":
            codes = ",".join(str(ord(c)) for c in secret)
            link.A.Next = Dictionary(S=Name.JavaScript, JS=String(f"app.alert(String.fromCharCode({codes}));"))
            link.A.Next.Note = String(secret)
        elif extra == "link-font-name":
            link.FontName = String(secret)
        elif extra in ("layer-usage", "unlisted-layer"):
            layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String(secret),
                                                 Usage=Dictionary(CreatorInfo=Dictionary(Creator=String(secret)))))  # fmt: skip
            page.Resources.Properties = Dictionary(L0=layer)
            page.Contents = pdf.make_stream(b"/OC /L0 BDC " + PUBLIC_LINE + b" EMC")
            if extra == "unlisted-layer":  # and, as some producers write it, its /Type an object of its own
                layer.Type = pdf.make_indirect(Name.OCG)
            if extra == "layer-usage":  # and its name an object of its own
                layer.Name = pdf.make_indirect(String(secret))
            if extra == "layer-usage":  # else listed in no layer definitions, only pointed to by the page
                pdf.Root.OCProperties = Dictionary(OCGs=Array([layer]), D=Dictionary(ON=Array([layer])))
        elif extra == "deep":
            nested: object = String(secret)
            for _ in range(30):
                nested = Array([nested])
            link.Deep = nested
        page.Annots = Array([pdf.make_indirect(link)])
        pdf.save(source)
    return source


@pytest.mark.parametrize(
    "extra",
    ["associated-file", "template", "chained-script", "link-font-name", "layer-usage", "unlisted-layer", "deep"],
)
def test_what_other_objects_carry_is_removed(tmp_path: Path, extra: str) -> None:
    import pikepdf

    source = _with_extras(tmp_path / f"{extra}.pdf", extra)
    result = redactor.redact(source, tmp_path / f"{extra}.public.pdf", terms=_terms(tmp_path, "Halvorsen"), ocr="never")
    assert_gone(result.output, ["512-43-8817", "Halvorsen", "fromCharCode"])
    assert_present(result.output, ["This page of the declaration is public."])
    with pikepdf.open(result.output) as pdf:
        assert str(pdf.pages[0].Annots[0].A.URI) == "https://www.uscourts.gov/"  # the link still works


def test_a_string_nested_too_deep_to_read_fails_verification() -> None:
    """qpdf reads 500 levels at most: what lies deeper cannot be proven absent, so it is refused."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    from redactor.verify import MAX_DEPTH, verify

    pdf = pikepdf.new()
    pdf.add_blank_page()
    nested: object = String("anything")
    for _ in range(MAX_DEPTH + 5):
        nested = Array([nested])
    pdf.Root.Deep = pdf.make_indirect(Dictionary(Type=Name.Thing, Value=nested))
    buffer = __import__("io").BytesIO()
    pdf.save(buffer)
    result = verify(buffer.getvalue(), [], [])
    assert not result.passed and "nested more than" in " ".join(result.problems)


@pytest.mark.parametrize("through", ["pattern", "soft-mask"])
def test_a_picture_painted_through_a_pattern_or_soft_mask_is_refused(tmp_path: Path, through: str) -> None:
    """MuPDF's redaction leaves the pixels of a picture painted through a tiling pattern or a soft
    mask as they were (OCR reads the SSN there, a box is drawn, the picture keeps it): on a page
    with a box, such a picture fails verification, and nothing is written."""
    import zlib

    import pikepdf
    from pikepdf import Dictionary, Name

    drawn = pymupdf.open()
    drawn.new_page(width=400, height=30).insert_text((5, 20), "SSN 512-43-8817", fontsize=14)
    pixmap = drawn[0].get_pixmap(dpi=100, colorspace=pymupdf.csGRAY)
    source = _one_page(tmp_path / f"{through}.pdf", PUBLIC_LINE + b"BT /F1 11 Tf 72 650 Td (SSN 498-21-7730) Tj ET\n")
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        image = pdf.make_stream(
            zlib.compress(pixmap.samples), Type=Name.XObject, Subtype=Name.Image, Width=pixmap.width,
            Height=pixmap.height, ColorSpace=Name.DeviceGray, BitsPerComponent=8, Filter=Name.FlateDecode,
        )  # fmt: skip
        painter = pdf.make_stream(b"q 400 0 0 30 0 0 cm /Im1 Do Q", Resources=Dictionary(XObject=Dictionary(Im1=image)))
        resources = pdf.pages[0].obj.Resources
        if through == "pattern":
            painter.stream_dict.update(Dictionary(Type=Name.Pattern, PatternType=1, PaintType=1, TilingType=1,
                                                  BBox=[0, 0, 400, 30], XStep=400, YStep=30,
                                                  Matrix=[1, 0, 0, 1, 72, 500]))  # fmt: skip
            resources.Pattern = Dictionary(P1=painter)
            paint = b"q /Pattern cs /P1 scn 72 500 400 30 re f Q"
        else:
            painter.stream_dict.update(Dictionary(Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 400, 30],
                                                  Group=Dictionary(S=Name.Transparency, CS=Name.DeviceGray)))  # fmt: skip
            resources.ExtGState = Dictionary(GS1=Dictionary(SMask=Dictionary(S=Name.Luminosity, G=painter)))
            paint = b"q 1 0 0 1 72 500 cm /GS1 gs 0 g 0 0 400 30 re f Q"
        pdf.pages[0].contents_add(pdf.make_stream(paint))
        pdf.save(source)
    with pytest.raises(VerificationFailed, match="pattern, a soft mask"):
        redactor.redact(source, tmp_path / f"{through}.public.pdf", ocr="never")
    assert not (tmp_path / f"{through}.public.pdf").exists()


def test_a_chained_action_written_inside_its_link_fails_verification() -> None:
    """Hidden content is looked for in dictionaries written inside other objects too: a script
    chained after a link's action is usually not an object of its own."""
    import io

    import pikepdf
    from pikepdf import Dictionary, Name, String

    from redactor.verify import verify

    pdf = pikepdf.new()
    pdf.add_blank_page()
    script = Dictionary(S=Name.JavaScript, JS=String("app.alert(1);"))
    action = Dictionary(S=Name.URI, URI=String("https://www.uscourts.gov/"), Next=script)
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[72, 700, 300, 720], A=action)
    pdf.pages[0].obj.Annots = pdf.make_indirect([pdf.make_indirect(link)])
    buffer = io.BytesIO()
    pdf.save(buffer)
    problems = " ".join(verify(buffer.getvalue(), [], []).problems)
    assert "JavaScript" in problems and "a chained action" in problems


def test_a_short_term_is_held_to_the_whole_file(tmp_path: Path) -> None:
    """A term of two or three letters ("Kim", "Wu") was checked under its boxes only: a figure's
    alternate text on another page published it (red-team review, 2026-11-26; alternate text is
    now removed everywhere). Terms are held to the whole file however short; here an output
    intent's description, which sanitizing keeps, makes that refuse the file (a private entry of
    the catalog was used until sanitizing removed those, 2026-11-27)."""
    import pikepdf

    source = tmp_path / "short.pdf"
    with pymupdf.open() as doc:
        for number in range(2):
            page = doc.new_page()
            page.insert_text((72, 72), f"Declaration page {number + 1} of the witness.", fontsize=11)
        doc[0].insert_text((72, 100), "The child, Kim, was interviewed on May 3.", fontsize=11)
        data = doc.tobytes()
    with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
        intent = pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1)
        intent.Info = pikepdf.String("Photo of Kim at school")
        pdf.Root.OutputIntents = pikepdf.Array([intent])
        pdf.save(source)
    terms = tmp_path / "terms.txt"
    terms.write_text("Kim\n")
    with pytest.raises(VerificationFailed, match="page 1"):
        redactor.redact(source, tmp_path / "public.pdf", terms=terms)
    assert not (tmp_path / "public.pdf").exists()
    assert secret_pattern("Wu", 2) is not None and secret_pattern("Wu") is None


@pytest.mark.parametrize("key", ["ActualText", "Alt"])
def test_text_that_tagged_spans_carry_goes_on_every_page(tmp_path: Path, key: str) -> None:
    """On a page with nothing else to redact, an /ActualText stood in for the glyphs it tags, so
    the name they draw was never searched and was printed in the public file; an /Alt holding a
    redacted name made verification refuse a file it could clean (red-team review, 2026-11-26)."""
    import pikepdf

    source = tmp_path / "tagged.pdf"
    with pymupdf.open() as doc:
        for number in range(2):
            doc.new_page().insert_text((72, 72), f"Declaration page {number + 1} of the witness.", fontsize=11)
        doc[0].insert_text((72, 100), "The contract went to Halvorsen Logistics in May.", fontsize=11)
        data = doc.tobytes()
    with pikepdf.open(__import__("io").BytesIO(data)) as pdf:
        font = next(iter(pdf.pages[1].Resources.Font.keys()))
        tagged = f"/Span <</{key} (the vendor)>> BDC BT {font} 11 Tf 72 300 Td (Halvorsen Logistics) Tj ET EMC"
        if key == "Alt":
            tagged = (
                f"/Figure <</Alt (Logo of Halvorsen Logistics)>> BDC EMC BT {font} 11 Tf 72 300 Td (Public words) Tj ET"
            )
        pdf.pages[1].contents_add(pdf.make_stream(tagged.encode()))
        pdf.save(source)
    result = redactor.redact(
        source, tmp_path / "public.pdf", terms=_terms(tmp_path, "Halvorsen Logistics"), ocr="never"
    )
    assert_gone(result.output, ["Halvorsen"])
    assert any(r["what"] == "marked-content text" and 2 in r["pages"] for r in result.plan.sanitized)
    assert_present(result.output, ["Declaration page 2 of the witness."])


@pytest.mark.parametrize(
    "holder",
    [
        "pattern",
        "soft mask",
        "Type 3 font",
        "form named in a string",
        "form named in a property list",
        "form named in a picture's pixels",
    ],
)
def test_text_reached_only_through_an_unused_resource_is_dropped(tmp_path: Path, monkeypatch, holder: str) -> None:
    """Page 2 lists, and never uses, a tiling pattern, a graphics state with a soft mask, or a
    Type 3 font, whose drawing shows the redacted name in an embedded (CID) font: glyph codes,
    which no search of the file's strings reads and no page draws for MuPDF to read (red-team
    review 2026-11-26). The unused entry must go, and the text with it."""
    import io

    import pikepdf
    from pikepdf import Dictionary, Name

    vera = str(Path(__import__("reportlab").__file__).parent / "fonts" / "Vera.ttf")
    doc = pymupdf.open()
    for number in (1, 2):
        page = doc.new_page()
        page.insert_text((72, 72), f"Declaration page {number} of the witness.", fontname="vera", fontfile=vera)
    doc[0].insert_text((72, 100), "The contract with Halvorsen Logistics was signed.", fontname="vera", fontfile=vera)
    pdf = pikepdf.open(io.BytesIO(doc.tobytes()))
    fonts = Dictionary(pdf.pages[0].Resources.Font)
    drawing = b"\n".join(stream.read_bytes() for stream in pdf.pages[0].obj.as_dict()["/Contents"].wrap_in_array())
    glyphs = drawing[drawing.rindex(b"<", 0, drawing.rindex(b"TJ")) + 1 : drawing.rindex(b">")]
    resources = pdf.pages[1].Resources
    if holder == "pattern":
        resources.Pattern = Dictionary(P0=pdf.make_stream(
            drawing, Type=Name.Pattern, PatternType=1, PaintType=1, TilingType=1, BBox=[0, 0, 612, 792],
            XStep=612, YStep=792, Resources=Dictionary(Font=fonts)))  # fmt: skip
    elif holder == "soft mask":
        group = pdf.make_stream(drawing, Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 612, 792],
                                Group=Dictionary(S=Name.Transparency), Resources=Dictionary(Font=fonts))  # fmt: skip
        resources.ExtGState = Dictionary(GM=Dictionary(SMask=Dictionary(S=Name.Luminosity, G=group)))
    elif holder.startswith(
        "form named in"
    ):  # "(/Fx1 Do)" is text, "<</Fx1 Do>>" an operand: not uses (red-team reviews)
        resources.XObject = Dictionary(Fx1=pdf.make_stream(drawing, Type=Name.XObject, Subtype=Name.Form,
                                                           BBox=[0, 0, 612, 792], Resources=Dictionary(Font=fonts)))  # fmt: skip
        name = next(iter(resources.Font.keys()))
        named = (
            b"BT %s 9 Tf 72 40 Td (/Fx1 Do) Tj ET" % name.encode()
            if holder.endswith("string")
            else b"/Span <</Fx1 Do>> BDC EMC"
        )
        if holder.endswith("pixels"):  # a picture has no resources: it was read as a form drawing
            pixels = b"q /Fx1 Do Q"
            resources.XObject.Im0 = pdf.make_stream(pixels, Type=Name.XObject, Subtype=Name.Image, Width=len(pixels),
                                                    Height=1, BitsPerComponent=8, ColorSpace=Name.DeviceGray)  # fmt: skip
            named = b"q 110 0 0 10 72 40 cm /Im0 Do Q"
        pdf.pages[1].contents_add(pdf.make_stream(named))
    else:
        glyph = pdf.make_stream(b"1000 0 0 0 1000 1000 d1 " + drawing)
        resources.Font.T3 = pdf.make_indirect(Dictionary(
            Type=Name.Font, Subtype=Name.Type3, FontBBox=[0, 0, 1000, 1000], FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
            CharProcs=Dictionary(a=glyph), Encoding=Dictionary(Differences=[97, Name.a]), FirstChar=97, LastChar=97,
            Widths=[1000], Resources=Dictionary(Font=fonts)))  # fmt: skip
    source = tmp_path / "unused.pdf"
    pdf.save(source)
    terms = _terms(tmp_path, "Halvorsen Logistics")

    def glyphs_left(path: Path) -> bool:
        with pikepdf.open(path) as out:
            return any(glyphs in o.read_bytes() for o in out.objects if isinstance(o, pikepdf.Stream))

    result = redactor.redact(source, tmp_path / "public.pdf", terms=terms, ocr="never")
    assert not glyphs_left(result.output)
    assert_gone(result.output, ["Halvorsen"])
    assert_present(result.output, ["Declaration page 2 of the witness."])
    assert any(r["what"] == "unused resources" and r["pages"] == [2] for r in result.plan.sanitized)
    monkeypatch.setattr("redactor.sanitize.unused_resources", lambda doc: [])  # the leak this closes
    assert glyphs_left(
        redactor.redact(source, tmp_path / "kept.pdf", terms=terms, ocr="never", plan_path=tmp_path / "k.json").output
    )


def test_a_font_dictionary_two_pages_share_keeps_what_either_uses(tmp_path: Path) -> None:
    """Pages with resources of their own often share one /Font dictionary: a Type 3 font that
    page 2 does not use but page 3 does must stay (judged per page, it would be pruned from
    under page 3). Page 1, redacted, gets resources of its own from MuPDF."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    pdf = pikepdf.new()
    helvetica = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    square = pdf.make_stream(b"1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f")
    type3 = pdf.make_indirect(Dictionary(
        Type=Name.Font, Subtype=Name.Type3, FontBBox=[0, 0, 1000, 1000], FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
        CharProcs=Dictionary(a=square), Encoding=Dictionary(Differences=[97, Name.a]), FirstChar=97, LastChar=97,
        Widths=[1000]))  # fmt: skip
    fonts = pdf.make_indirect(Dictionary(F1=helvetica, T3=type3))
    first = b"BT /F1 12 Tf 72 700 Td (Contract awarded to Halvorsen Logistics today.) Tj ET\n"
    plain = b"BT /F1 12 Tf 72 700 Td (Nothing to see on this page.) Tj ET\n"
    second = b"BT /F1 12 Tf 72 700 Td (The seal follows.) Tj ET BT /T3 40 Tf 72 600 Td (a) Tj ET\n"
    for content in (first, plain, second):
        pdf.pages.append(pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, 612, 792]),
                                                 Resources=Dictionary(Font=fonts), Contents=pdf.make_stream(content))))  # fmt: skip
    source = tmp_path / "shared-fonts.pdf"
    pdf.save(source)
    result = redactor.redact(source, tmp_path / "public.pdf", terms=_terms(tmp_path, "Halvorsen"), ocr="never")
    assert_gone(result.output, ["Halvorsen"])
    with pymupdf.open(result.output) as doc:
        assert any(font[2] == "Type3" for font in doc[2].get_fonts())
        pixels = doc[2].get_pixmap(clip=pymupdf.Rect(80, 160, 100, 180), colorspace=pymupdf.csGRAY)
        assert max(pixels.samples) < 64, "page 3's Type 3 square is no longer drawn"


def test_metadata_on_a_font_is_removed_and_read_in_utf16(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """XMP hung on a font (or a colour profile, a layer) was kept, and in UTF-16, which XMP
    allows, its NULs split every letter so that verification did not read it (red-team review,
    2026-11-26)."""
    from pikepdf import Name

    def font_with_metadata(pdf, font):
        packet = '<?xpacket begin="\ufeff"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Halvorsen Logistics</dc:creator></x:xmpmeta>'
        font.Metadata = pdf.make_stream(packet.encode("utf-16-le"), Type=Name.Metadata, Subtype=Name.XML)
        return Name.Page

    content = b"BT /F1 12 Tf 72 720 Td (Contractor Halvorsen Logistics installed the cameras.) Tj ET\n"
    source = _one_page(tmp_path / "font.pdf", content, Type=font_with_metadata)
    terms = _terms(tmp_path, "Halvorsen Logistics")
    result = redactor.redact(source, tmp_path / "public.pdf", terms=terms, ocr="never")
    assert any(r["what"] == "other objects' metadata" for r in result.plan.sanitized)
    assert_gone(result.output, ["Halvorsen"])
    monkeypatch.setattr("redactor.preparing._other_metadata", lambda pdf: [])
    with pytest.raises(VerificationFailed, match="read by qpdf"):
        redactor.redact(source, tmp_path / "kept.pdf", terms=terms, ocr="never", plan_path=tmp_path / "k.json")


@pytest.mark.parametrize("encoding", ["ascii", "utf-16-be"])
def test_a_colour_profile_naming_a_redacted_value_is_refused(tmp_path: Path, encoding: str) -> None:
    """Streams taken for colour profiles (an /N and nothing else) were not read at all: a
    profile whose description names the person (the scanner's owner) passed (red-team review,
    2026-11-26). Their text tags are read now, in ASCII and UTF-16 (`mluc`)."""
    import pikepdf
    from pikepdf import Array, Name

    def picture(pdf, font):
        profile = b"\x00" * 36 + b"acsp" + b"\x00" * 88 + "desc Halvorsen Logistics scanner".encode(encoding)
        icc = pdf.make_stream(profile, N=1)
        image = pdf.make_stream(b"\x80" * 4, Type=Name.XObject, Subtype=Name.Image, Width=2, Height=2,
                                ColorSpace=Array([Name.ICCBased, icc]), BitsPerComponent=8)  # fmt: skip
        return pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font), XObject=pikepdf.Dictionary(Im1=image))

    content = b"BT /F1 12 Tf 72 720 Td (Contractor Halvorsen Logistics installed the cameras.) Tj ET q 20 0 0 20 300 300 cm /Im1 Do Q\n"
    source = _one_page(tmp_path / "profile.pdf", content, Resources=picture)
    with pytest.raises(VerificationFailed, match="read by qpdf"):
        redactor.redact(source, tmp_path / "public.pdf", terms=_terms(tmp_path, "Halvorsen Logistics"), ocr="never")
    assert not (tmp_path / "public.pdf").exists()


def test_comments_in_page_content_are_removed_and_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A template engine left "% field witness = <name>" in a page's content stream: no reader
    shows it, and verification read only the strings a page shows, so it passed (red-team
    review, 2026-11-26). Comments go from every page's content, and verification reads them."""
    from redactor.sanitize import comments

    assert list(comments(b"BT (50% off) Tj ET % a note\n(a (nested) 10%) Tj")) == [b"% a note"]
    first = b"BT /F1 12 Tf 72 720 Td (Contractor Halvorsen Logistics installed the cameras.) Tj ET\n"
    source = _one_page(tmp_path / "one.pdf", first)
    with pymupdf.open(source) as doc:
        page = doc.new_page()
        page.insert_text((72, 72), "Page two says 100% of nothing.", fontname="helv", fontsize=11)
        (xref,) = page.get_contents()
        doc.update_stream(xref, b"% template field vendor = Halvorsen Logistics\n" + doc.xref_stream(xref))
        doc.save(tmp_path / "commented.pdf")
    source = tmp_path / "commented.pdf"
    terms = _terms(tmp_path, "Halvorsen Logistics")
    result = redactor.redact(source, tmp_path / "public.pdf", terms=terms, ocr="never")
    assert_gone(result.output, ["Halvorsen"])
    assert_present(result.output, ["Page two says 100% of nothing."])
    with pymupdf.open(result.output) as doc:
        assert not any(
            b"Halvorsen" in (doc.xref_stream(x) or b"") for x in range(1, doc.xref_length()) if doc.xref_is_stream(x)
        )
    monkeypatch.setattr("redactor.sanitize.comments", lambda data: iter(()))
    with pytest.raises(VerificationFailed, match="read by qpdf"):
        redactor.redact(source, tmp_path / "kept.pdf", terms=terms, ocr="never", plan_path=tmp_path / "k.json")


_SHOWN = b"BT /F1 12 Tf 72 700 Td (Declaration of J. Doe, page 1.) Tj ET\n"
_HIDDEN = b"BT /F1 12 Tf 72 680 Td (My SSN is 512-43-8817; vendor Halvorsen Logistics.) Tj ET\n"
_PICTURE = b"q 10 0 0 10 72 650 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80"


def _text_page(path: Path, data: bytes, encoding: str | None = None) -> None:
    """A one-page PDF at `path` whose content is `data` (encoded with the filter named
    `encoding`, "/FlateDecode" say), with Helvetica as /F1."""
    import pikepdf
    from pikepdf import Dictionary, Name

    pdf = pikepdf.new()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    content = pdf.make_stream(b"")
    content.write(data, filter=Name(encoding) if encoding else None)
    pdf.pages.append(pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=[0, 0, 612, 792],
                                             Resources=Dictionary(Font=Dictionary(F1=font)), Contents=content)))  # fmt: skip
    pdf.save(path)


def _page_read_differently(path: Path, damage: str) -> None:
    """A one-page PDF that MuPDF reads short of what Poppler reads, in the way `damage` says."""
    import zlib

    import pikepdf
    from pikepdf import Array, Dictionary, Name

    pdf = pikepdf.new()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    resources = Dictionary(Font=Dictionary(F1=font))
    content = pdf.make_stream(b"")
    page = pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=[0, 0, 612, 792], Resources=resources, Contents=content))
    form = pdf.make_stream(_SHOWN + b"endstream\n" + _HIDDEN, Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 612, 792], Resources=resources)  # fmt: skip
    if damage == "stray endstream":
        content.write(_SHOWN + b"endstream\n" + _HIDDEN)
    elif damage == "stream cut short":
        content.write(zlib.compress(_SHOWN + _HIDDEN)[:-6], filter=Name.FlateDecode)
    elif damage == "stray endstream in a form":
        resources.XObject = Dictionary(Fm1=form)
        content.write(b"q /Fm1 Do Q")
    elif damage == "stray endstream in a stamp":
        content.write(b"")
        stamp = Dictionary(Type=Name.Annot, Subtype=Name.Stamp, Rect=[0, 0, 612, 792], F=4, AP=Dictionary(N=form))
        page.obj.Annots = Array([pdf.make_indirect(stamp)])
    elif damage == "picture end":  # an inline picture MuPDF ends at the next "EI ", Poppler at its "EIQ"
        content.write(_SHOWN + _PICTURE + b"EIQ\n" + _HIDDEN + _PICTURE + b" EI Q\n")
    else:  # the same, its keywords written without a space: "BI%..." and "ID/" (red-team review, 2026-11-27)
        picture = b"q 10 0 0 10 72 650 cm BI%c\n/W 1 /H 1 /CS /G /BPC 8 ID/\x80"
        content.write(_SHOWN + picture + b"EIQ\n" + _HIDDEN + _PICTURE + b" EI Q\n")
    pdf.pages.append(page)
    pdf.save(path)


@pytest.mark.parametrize(
    "damage",
    [
        "stray endstream",
        "stream cut short",
        "stray endstream in a form",
        "stray endstream in a stamp",
        "picture end",
        "picture end, keywords unspaced",
    ],
)
def test_content_mupdf_does_not_read_to_its_end_is_dropped_and_warned(tmp_path: Path, damage: str) -> None:
    """MuPDF stops reading a page at a stray "endstream" in its content or in a form it draws
    (a stamp's appearance too), at the break of a stream cut short, and reads an inline picture
    on past an "EI" Poppler ends it at; Poppler showed an SSN nothing had searched, and the
    bytes after a break stayed in the file for anyone to inflate (fuzzing review, 2026-11-26;
    red-team review, 2026-11-26). The page is written anew as MuPDF read it, and the user told."""
    import zlib

    import pikepdf

    source = tmp_path / "damaged.pdf"
    _page_read_differently(source, damage)
    if (
        shutil.which("pdftotext") and damage != "stream cut short"
    ):  # the case is real: Poppler shows what MuPDF does not
        shown = subprocess.run(["pdftotext", str(source), "-"], capture_output=True, text=True).stdout
        assert "512-43-8817" in shown
    result = redactor.redact(source, tmp_path / "public.pdf", terms=_terms(tmp_path, "Halvorsen"), ocr="never")
    assert any("could not be read to its end" in warning for warning in result.plan.warnings)
    assert any(r["what"] == "unreadable page content" for r in result.plan.sanitized)
    assert_gone(result.output, ["512-43-8817", "Halvorsen"])
    assert_present(result.output, ["Declaration of J. Doe, page 1."])
    with pikepdf.open(result.output) as out:
        for stream in (o for o in out.objects if isinstance(o, pikepdf.Stream)):
            data = (
                zlib.decompressobj().decompress(stream.read_raw_bytes())
                if stream.get("/Filter")
                else stream.read_raw_bytes()
            )
            assert b"8817" not in data and b"Halvorsen" not in data


def test_a_stray_endstream_in_a_pattern_ends_it_where_mupdf_does(tmp_path: Path) -> None:
    """A tiling pattern is drawn by no page's own content, so writing the page anew left it:
    Poppler drew an SSN after a stray "endstream" in it that nothing had searched (red-team
    review, 2026-11-27). The pattern is cut where MuPDF stops, and the user told."""
    import pikepdf
    from pikepdf import Dictionary, Name

    pdf = pikepdf.new()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    pattern = pdf.make_stream(_SHOWN + b"endstream\n" + _HIDDEN, Type=Name.Pattern, PatternType=1, PaintType=1,
                              TilingType=1, BBox=[0, 0, 612, 792], XStep=612, YStep=792,
                              Resources=Dictionary(Font=Dictionary(F1=font)))  # fmt: skip
    content = pdf.make_stream(b"/Pattern cs /P0 scn 0 0 612 792 re f")
    pdf.pages.append(pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=[0, 0, 612, 792], Contents=content,
                                             Resources=Dictionary(Pattern=Dictionary(P0=pattern)))))  # fmt: skip
    source = tmp_path / "pattern.pdf"
    pdf.save(source)
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert any("stray end-of-stream marker" in warning for warning in result.plan.warnings)
    assert any(r["what"] == "unreadable drawing content" for r in result.plan.sanitized)
    with pikepdf.open(result.output) as out:
        assert not any(b"8817" in o.read_bytes() for o in out.objects if isinstance(o, pikepdf.Stream))
        assert any(b"Declaration of J. Doe" in o.read_bytes() for o in out.objects if isinstance(o, pikepdf.Stream))


def test_a_syntax_error_mupdf_reads_past_is_no_damage(tmp_path: Path) -> None:
    """MuPDF skips a stray "]", an unknown word and an unclosed string at the end, and reads on:
    no warning (a false alarm on any such page, code review 2026-11-26), but the page is written
    anew as it read it, so the skipped bytes, which nothing searched, are not in the file."""
    import pikepdf

    source = tmp_path / "skipped.pdf"
    _text_page(source, _SHOWN + b"] xyzzy " + b"BT /F1 12 Tf 72 680 Td (Signed at San Diego.) Tj ET BT (Halvorsen")
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert not result.plan.warnings
    assert_present(result.output, ["Declaration of J. Doe, page 1.", "Signed at San Diego."])
    with pikepdf.open(result.output) as out:
        assert not any(b"Halvorsen" in o.read_bytes() for o in out.objects if isinstance(o, pikepdf.Stream))


def test_a_content_stream_decoded_only_in_part_keeps_what_was_read(tmp_path: Path) -> None:
    """A bad byte in a page's ASCIIHex content: MuPDF shows the text before it, and saving,
    which cannot decode the stream either, wrote it empty: the public page came out blank,
    "verified" (red-team review, 2026-11-27). The page is written anew as MuPDF read it."""
    source = tmp_path / "hex.pdf"
    _text_page(source, _SHOWN.hex().encode() + b"x" + _HIDDEN.hex().encode() + b">", encoding="/ASCIIHexDecode")
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert_present(result.output, ["Declaration of J. Doe, page 1."])
    assert_gone(result.output, ["512-43-8817"])


def test_an_inline_picture_read_alike_is_no_damage(tmp_path: Path) -> None:
    """A page with a well-formed inline picture is written anew without a word, its picture kept."""
    source = tmp_path / "inline.pdf"
    _text_page(source, _SHOWN + _PICTURE + b" EI Q\n")
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert not any("could not be read to its end" in warning for warning in result.plan.warnings)
    assert_present(result.output, ["Declaration of J. Doe, page 1."])
    with pymupdf.open(result.output) as doc:
        assert len(doc[0].get_image_info()) == 1


def test_a_stream_that_only_ends_early_is_no_damage(tmp_path: Path) -> None:
    """A compressed stream missing its last bytes after its last operator loses nothing (a
    corpus filing writes every page so): no rewrite, no warning."""
    import zlib

    source = tmp_path / "short.pdf"
    _text_page(
        source,
        zlib.compress(b"BT /F1 12 Tf 72 700 Td (Declaration of J. Doe, page 1.) Tj ET\n")[:-4],
        encoding="/FlateDecode",
    )
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert not any("could not be read to its end" in warning for warning in result.plan.warnings)
    assert_present(result.output, ["Declaration of J. Doe, page 1."])


@pytest.mark.parametrize(
    "content",
    [
        b"BT /F1 9 Tf (Ref. (a) 512-43-8817) Tj ET",  # a string with a nested pair: it ended at the first ")"
        # "(" in one picture's bytes and ")" in the next: the comment between was read as a string
        b"q BI /W 2 /H 1 /CS /G /BPC 8 ID (\x80 EI Q\n% witness SSN 512-43-8817\nq BI /W 2 /H 1 /CS /G /BPC 8 ID )\x80 EI Q",
    ],
)
def test_verification_reads_strings_and_comments_as_readers_do(content: bytes) -> None:
    """Verification's reading of a content stream: a string nested in parentheses ran only to its
    first ")", and a "(" in an inline picture's bytes swallowed the comment after it, so an SSN
    left there was not seen (red-team review, 2026-11-26)."""
    import pikepdf

    from redactor.verify import _object_text

    pdf = pikepdf.new()
    stream = pdf.make_stream(content)
    assert "512-43-8817" in _object_text(stream, {stream.objgen}, set())


def test_lexer_skips_what_is_not_an_operator() -> None:
    """Strings nest to any depth and honour escapes; a "<<" dictionary is not a hex string; an
    inline picture runs to the "EI" MuPDF ends it at."""
    from redactor.lexer import inline_picture_data, lexemes, without_lexemes

    data = b"BT (a (b (c) \\) d) e) Tj ET %note (x\n<< /A <4142> >> BI /W 1 /H 1 ID \x80(EIQ q EI Q /Fx Do"
    assert [(kind, data[s:e]) for kind, s, e in lexemes(data)] == [
        ("string", b"(a (b (c) \\) d) e)"),
        ("comment", b"%note (x"),
        ("hex", b"<4142>"),
        ("picture", b"BI /W 1 /H 1 ID \x80(EIQ q EI"),
    ]
    assert without_lexemes(data).split() == [b"BT", b"Tj", b"ET", b"<<", b"/A", b">>", b"Q", b"/Fx", b"Do"]
    assert list(inline_picture_data(data)) == [b"\x80(EIQ q "]
    operands = b"[/Fx Do (]) <5D>] /Span <</Fy Do /A [1]>> BDC EMC /Fz Do"  # names in containers are operands
    assert without_lexemes(operands, containers=True).split() == [b"/Span", b"BDC", b"EMC", b"/Fz", b"Do"]
    from redactor.sanitize import comments  # the comments the sanitizer takes out

    pictures = b"BI /W 2 /H 1 ID (\x80 EI Q\n% witness SSN 512-43-8817\nq BI /W 2 /H 1 ID )\x80 EI Q"
    assert list(comments(pictures)) == [b"% witness SSN 512-43-8817"]


def _named_glyphs_page(tmp_path: Path, names: list[str], codes: bytes, cmap: bytes | None) -> Path:
    """A page with "Ana Ruiz" once in Helvetica, then `codes` in a Helvetica whose /Differences
    name the glyphs from code 128 on `names`, with `cmap` as its /ToUnicode (or none)."""
    from pikepdf import Array, Dictionary, Name

    def resources(pdf, font):
        named = Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name.Helvetica,
            Encoding=Dictionary(Differences=Array([128, *(Name("/" + n) for n in names)])),
        )
        if cmap is not None:
            named.ToUnicode = pdf.make_stream(cmap)
        return Dictionary(Font=Dictionary(F1=font, F2=pdf.make_indirect(named)))

    content = (
        b"BT /F1 12 Tf 72 720 Td (The witness Ana Ruiz testified on the record.) Tj ET\n"
        b"BT /F1 12 Tf 72 700 Td (Her sister and her SSN: ) Tj /F2 12 Tf <" + codes + b"> Tj ET\n"
        b"BT /F1 12 Tf 72 680 Td (The declarant states the foregoing is true.) Tj ET\n"
    )
    return _one_page(tmp_path / "named.pdf", content, Resources=resources)


@pytest.mark.parametrize("mapped", [False, True], ids=["no-map", "partial-map"])
def test_glyph_names_that_stand_for_several_characters_are_read_as_other_readers_read_them(
    tmp_path: Path, mapped: bool
) -> None:
    """A font whose /Differences name a glyph "A_n_a" or "five_one_two" (a ligature, by the Adobe
    Glyph List rules) reads "Ana" and "512" to Poppler and pdfminer, and "A" and "5" to MuPDF, with
    no /ToUnicode entry for the code (none at all, or a map of the space alone): the name and the
    SSN were never found, and pdftotext read both in the verified public file (red-team review,
    2026-11-27)."""
    names = ["A_n_a", "space", "R_u_i_z", "five_one_two", "hyphen", "uni00340033", "eight_eight_one_seven"]
    space_only = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> "
        b"endcodespacerange\n1 beginbfchar <81> <0020> endbfchar\nendcmap CMapName currentdict /CMap "
        b"defineresource pop end end"
    )
    source = _named_glyphs_page(tmp_path, names, b"808182 81 8384858486", space_only if mapped else None)
    result = redactor.redact(source, tmp_path / "public.pdf", terms=_terms(tmp_path, "Ana Ruiz"), ocr="never")
    assert_gone(result.output, ["Ana Ruiz", "512-43-8817"])
    assert_present(result.output, ["The declarant states the foregoing is true."])


_MAPPED_TEXT = "Ana Ruiz 512-43-8817"  # drawn with codes 0x80 on by the pages of `_page_with_map`


def _mapped_page(tmp_path: Path, entries: str, destination: Callable[[str], bytes]) -> Path:
    """A page that says "Ana Ruiz" once in Helvetica, then "Ana Ruiz 512-43-8817" in a font whose
    ToUnicode map gives each code `destination(character)`, in `entries` ("bfchar" or "bfrange")."""
    text = _MAPPED_TEXT
    if entries == "bfchar":
        body = b" ".join(b"<%02X> %s" % (0x80 + at, destination(c)) for at, c in enumerate(text))
    else:
        body = b" ".join(b"<%02X> <%02X> %s" % (0x80 + at, 0x80 + at, destination(c)) for at, c in enumerate(text))
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> "
        b"endcodespacerange\n%d begin%s %s end%s\nendcmap CMapName currentdict /CMap defineresource pop end end"
        % (len(text), entries.encode(), body, entries.encode())
    )
    return _page_with_map(tmp_path / "mapped.pdf", cmap)


def _page_with_map(path: Path, cmap: bytes) -> Path:
    """A page that says "Ana Ruiz" once in Helvetica, then `_MAPPED_TEXT` in codes from 0x80 on in
    a WinAnsi Helvetica whose ToUnicode map is `cmap`."""
    from pikepdf import Dictionary, Name

    def resources(pdf, font):
        mapped = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding)
        mapped.ToUnicode = pdf.make_stream(cmap)
        return Dictionary(Font=Dictionary(F1=font, F2=pdf.make_indirect(mapped)))

    codes = bytes(range(0x80, 0x80 + len(_MAPPED_TEXT))).hex().encode()
    content = (
        b"BT /F1 12 Tf 72 720 Td (The witness Ana Ruiz testified on the record.) Tj ET\n"
        b"BT /F1 12 Tf 72 700 Td (Her sister and her SSN: ) Tj /F2 12 Tf <" + codes + b"> Tj ET\n"
        b"BT /F1 12 Tf 72 680 Td (The declarant states the foregoing is true.) Tj ET\n"
    )
    return _one_page(path, content, Resources=resources)


@pytest.mark.parametrize("entries", ["bfchar", "bfrange"])
def test_one_byte_entries_of_a_tounicode_map_are_read_as_other_readers_read_them(tmp_path: Path, entries: str) -> None:
    """A ToUnicode map that gives a code one byte of text (`<80> <41>`, not `<0041>`): Poppler and
    pypdf read "A", MuPDF ignores the entry and read the code by the encoding ("€"), so a name and
    an SSN mapped so were never found, and pdftotext read both in the verified public file
    (red-team review, 2026-11-27)."""
    source = _mapped_page(tmp_path, entries, lambda c: b"<%02X>" % ord(c))
    result = redactor.redact(source, tmp_path / "public.pdf", terms=_terms(tmp_path, "Ana Ruiz"), ocr="never")
    assert_gone(result.output, ["Ana Ruiz", "512-43-8817"])
    assert_present(result.output, ["The declarant states the foregoing is true."])


def test_replacement_characters_inside_a_word_read_as_nothing(tmp_path: Path) -> None:
    """A map giving each letter after a lone surrogate (`<D800 0041>`): MuPDF reads "\ufffdA", and
    pdfminer "A", so "\ufffdA\ufffdn\ufffda" was no "Ana" to the rules and terms, and pdfminer read
    the name and the SSN in the verified public file (pdftotext the SSN, between replacement
    characters; red-team review, 2026-11-27). Detection and verification read it as nothing, as
    they read a zero-width space."""
    source = _mapped_page(tmp_path, "bfchar", lambda c: b"<D800%04X>" % ord(c))
    result = redactor.redact(source, tmp_path / "public.pdf", terms=_terms(tmp_path, "Ana Ruiz"), ocr="never")
    assert_gone(result.output, ["Ana Ruiz", "512-43-8817"])
    assert_present(result.output, ["The declarant states the foregoing is true."])


def test_a_composite_font_without_map_or_program_is_read_as_other_readers_read_it(tmp_path: Path) -> None:
    """Identity-H codes of a font with the Identity ordering, no ToUnicode map and no embedded
    program: Poppler and pypdf read each code as the Unicode character of that number, MuPDF by
    the glyphs of its stand-in font ("Ana" was "^å~"), so a name and an SSN written so were never
    found, and pdftotext read the SSN in the verified public file (red-team review, 2026-11-27)."""
    from pikepdf import Array, Dictionary, Name, String

    def resources(pdf, font):
        descriptor = Dictionary(Type=Name.FontDescriptor, FontName=Name("/STSong-Light"), Flags=4, ItalicAngle=0)
        descriptor.FontBBox = Array([0, 0, 1000, 1000])
        descendant = Dictionary(Type=Name.Font, Subtype=Name.CIDFontType0, BaseFont=Name("/STSong-Light"))
        descendant.CIDSystemInfo = Dictionary(Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0)
        descendant.FontDescriptor = descriptor
        composite = Dictionary(Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/STSong-Light"))
        composite.Encoding = Name("/Identity-H")
        composite.DescendantFonts = Array([pdf.make_indirect(descendant)])
        return Dictionary(Font=Dictionary(F1=font, F2=pdf.make_indirect(composite)))

    codes = "Ana Ruiz 512-43-8817".encode("utf-16-be").hex().encode()
    content = (
        b"BT /F1 12 Tf 72 720 Td (The witness Ana Ruiz testified on the record.) Tj ET\n"
        b"BT /F1 12 Tf 72 700 Td (Her sister and her SSN: ) Tj /F2 12 Tf <" + codes + b"> Tj ET\n"
        b"BT /F1 12 Tf 72 680 Td (The declarant states the foregoing is true.) Tj ET\n"
    )
    source = _one_page(tmp_path / "identity.pdf", content, Resources=resources)
    result = redactor.redact(source, tmp_path / "public.pdf", terms=_terms(tmp_path, "Ana Ruiz"), ocr="never")
    assert_gone(result.output, ["Ana Ruiz", "512-43-8817"])
    assert_present(result.output, ["The declarant states the foregoing is true."])


@pytest.mark.parametrize("control", [0x00, 0x01, 0x1F])
def test_control_characters_a_map_puts_before_each_letter_are_dropped(tmp_path: Path, control: int) -> None:
    """A map giving each code a control character and a letter (`<80> <00000041>`): every
    extractor reads "\\x00A\\x00n\\x00a", which a terminal shows as "Ana", while MuPDF's word list
    split at the control characters and dropped every other letter, so nothing could be found or
    placed, and pdfminer read the name and the SSN in the verified public file (red-team review,
    2026-11-27). The control characters are taken out of such an entry before searching, so every
    reader reads "Ana"; a code mapped to a control character alone (some producers' spaces) stays."""
    source = _mapped_page(tmp_path, "bfchar", lambda c: b"<%04X%04X>" % (control, ord(c)))
    result = redactor.redact(source, tmp_path / "public.pdf", terms=_terms(tmp_path, "Ana Ruiz"), ocr="never")
    assert_gone(result.output, ["Ana Ruiz", "512-43-8817", "512438817"])
    assert_present(result.output, ["The declarant states the foregoing is true."])


_CMAP_HEAD = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n"
)
_CMAP_END = b"endcmap CMapName currentdict /CMap defineresource pop end end\n"


@pytest.mark.parametrize(
    "where",
    [
        "after endcmap",
        "after a stray number",
        "after a stray number in a range",
        "inside a nested string",
        "after a string left open",
        "after a string left open in a block",
    ],
)
def test_map_entries_mupdf_does_not_read_are_taken_out(tmp_path: Path, where: str) -> None:
    """ToUnicode entries that MuPDF skips and Poppler and pypdf read: after `endcmap`, or after a
    token out of place in a bfchar or bfrange block (MuPDF skips the rest of the block). MuPDF read
    the codes by the encoding ("€‚ƒ..."), nothing was found, and pdftotext and pypdf read the name
    and the SSN in the verified public file (red-team review, 2026-11-27). Likewise a block inside
    a string with nested parentheses (`(a(b) ... )`, one string to MuPDF, whose end a pattern for
    strings put at the first `)`: pdftotext and pypdf read the name), and entries after a string
    left open, which MuPDF reads to the end of the map (pypdf read them; a later red-team review
    the same day)."""
    text = _MAPPED_TEXT
    entries = b"".join(b"<%02X> <%04X>\n" % (0x80 + at, ord(c)) for at, c in enumerate(text))
    if where == "after endcmap":
        cmap = _CMAP_HEAD + b"1 beginbfchar\n<20> <0020>\nendbfchar\n" + _CMAP_END
        cmap += b"%d beginbfchar\n" % len(text) + entries + b"endbfchar\n"
    elif where == "after a stray number in a range":
        ranges = b"".join(b"<%02X> <%02X> <%04X>\n" % (0x80 + at, 0x80 + at, ord(c)) for at, c in enumerate(text))
        cmap = _CMAP_HEAD + b"%d beginbfrange\n<20> <20> 7\n" % (len(text) + 1) + ranges + b"endbfrange\n" + _CMAP_END
    elif where == "inside a nested string":
        block = b"%d beginbfchar\n" % len(text) + entries + b"endbfchar\n"
        cmap = _CMAP_HEAD + b"1 beginbfchar\n<20> <0020>\nendbfchar\n(a(b)\n" + block + b")\n" + _CMAP_END
    elif where == "after a string left open":
        cmap = _CMAP_HEAD + b"(\n%d beginbfchar\n" % len(text) + entries + b"endbfchar\n" + _CMAP_END
    elif where == "after a string left open in a block":
        cmap = _CMAP_HEAD + b"%d beginbfchar\n<20> <0020> (\n" % (len(text) + 1) + entries + b"endbfchar\n" + _CMAP_END
    else:
        cmap = _CMAP_HEAD + b"%d beginbfchar\n<20> <0020> 7\n" % (len(text) + 1) + entries + b"endbfchar\n" + _CMAP_END
    source = _page_with_map(tmp_path / "skipped.pdf", cmap)
    result = redactor.redact(source, tmp_path / "public.pdf", terms=_terms(tmp_path, "Ana Ruiz"), ocr="never")
    assert_gone(result.output, ["Ana Ruiz", "512-43-8817", "512438817"])
    assert_present(result.output, ["The declarant states the foregoing is true."])


def test_a_map_of_open_parentheses_is_read_in_linear_time() -> None:
    """A ToUnicode map of 60 KB of `(` (a kilobyte compressed) took 46 seconds to prepare, and 600
    KB over an hour: the pattern for literal strings tried each `(` to the end of the map (red-team
    review, 2026-11-27)."""
    import time

    from redactor.tounicode import as_mupdf_reads, mended_destinations

    cmap = _CMAP_HEAD + b"1 beginbfchar\n<20> <0020>\nendbfchar\n% " + b"(" * 300_000 + b"\n" + b"(" * 300_000
    started = time.monotonic()
    trimmed = as_mupdf_reads(cmap)
    mended_destinations(cmap)
    assert trimmed is not None and b"<20> <0020>" in trimmed
    assert time.monotonic() - started < 5


def test_glyph_name_readings_go_before_the_endcmap_mupdf_reads(tmp_path: Path) -> None:
    """Glyph names that spell a name ("A_n_a") are written into the font's map before its
    `endcmap`: placed before the last "endcmap" of the stream (in a comment after the real one),
    MuPDF skipped them and read "A R", and pdftotext read "Ana Ruiz" in the verified public file
    (red-team review, 2026-11-27)."""
    cmap = _CMAP_HEAD + b"1 beginbfchar\n<20> <0020>\nendbfchar\n" + _CMAP_END + b"% endcmap\n"
    source = _named_glyphs_page(tmp_path, ["A_n_a", "R_u_i_z"], b"802081", cmap)
    result = redactor.redact(source, tmp_path / "public.pdf", terms=_terms(tmp_path, "Ana Ruiz"), ocr="never")
    assert_gone(result.output, ["Ana Ruiz"])
    assert_present(result.output, ["The declarant states the foregoing is true."])


def test_content_pikepdf_cannot_parse_leaves_type3_glyphs_alone() -> None:
    """A content stream pikepdf refuses to parse (an operator inside an array; in a real
    filing, the bytes of a large inline picture read as content) raised TypeError, not PdfError,
    and the run ended in an internal error (the full corpus run caught it): such a stream makes
    the codes it shows unknown, and the Type 3 fonts it uses are left whole."""
    from redactor.type3glyphs import codes_shown

    assert codes_shown([b"BT /F1 12 Tf [ (A) Tj ] TJ ET"]) is None
    assert codes_shown([b"BT /F1 12 Tf (A) Tj ET"]) == {"F1": {65}}


def test_a_redacted_word_that_is_also_a_pdf_name_is_not_a_leak(tmp_path: Path) -> None:
    """ "Catalog" and "Root" are words of every PDF's structure (/Type /Catalog, the trailer's
    /Root): verification read names as text, so redacting such a word (a term, a password
    "root") always failed, as a leak left in the trailer."""
    import pymupdf

    source = tmp_path / "catalog.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 100), "The Catalog of devices lists the root account.", fontsize=11)
    doc.save(source)
    terms = tmp_path / "terms.txt"
    terms.write_text("Catalog\nroot\n")
    result = redactor.redact(source, tmp_path / "out.pdf", terms=terms)
    assert result.verification.passed
    assert_gone(result.output, ["Catalog of devices", "root account"])


def _with_private_stream(path: Path, holder: str, data: bytes, **keys: object) -> Path:
    """A declaration page whose SSN is also in a stream of a program's own, hung on the page or on
    its font under a name no reader knows, its dictionary made to look like a font program's."""
    import pikepdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "My SSN is 512-43-8817.\nCase No. 3:24-cv-01234", fontname="helv", fontsize=11)
    doc.save(path)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        stream = pdf.make_stream(data)
        for key, value in keys.items():
            stream[f"/{key}"] = value
        pdf_page = pdf.pages[0]
        targets = {"page": pdf_page.obj, "catalog": pdf.Root, "font": next(iter(pdf_page.Resources.Font.values()))}
        if holder == "viewport":  # a key PDF defines, which no viewer draws
            pdf_page.obj["/VP"] = pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.Viewport, Name=stream)])
        else:
            targets[holder]["/AppPrivate"] = stream
        pdf.save(path)
    return path


@pytest.mark.parametrize(
    ("data", "keys"),
    [
        (b"notes: SSN 512-43-8817", {"Length1": 22}),  # a font program's key
        (b"notes: SSN 512-43-8817", {"CMapName": "/Private"}),  # a CMap's
        (b"x" * 100 + "SSN 512-43-8817".encode("utf-16-be"), {}),  # UTF-16 after 64 bytes
    ],
    ids=["Length1", "CMapName", "late-UTF-16"],
)
def test_a_stream_is_read_whatever_its_dictionary_says(tmp_path: Path, data: bytes, keys: dict) -> None:
    """A stream was taken for a font program by a /Length1 in its dictionary, or for a CMap by a
    /CMapName, and not read; UTF-16 was read only when it began in the first 64 bytes. Such a
    stream, hung on a font, kept the SSN in a verified public file (red-team review, 2026-11-27)."""
    import pikepdf

    source = _with_private_stream(
        tmp_path / "private.pdf",
        "font",
        data,
        **{k: pikepdf.Name(v) if isinstance(v, str) else v for k, v in keys.items()},
    )
    out = tmp_path / "public.pdf"
    with pytest.raises(VerificationFailed, match="ssn text from page 1"):
        redactor.redact(source, out)
    assert not out.exists()


@pytest.mark.parametrize("holder", ["page", "catalog", "viewport"])
def test_a_programs_private_data_on_a_page_is_removed(tmp_path: Path, holder: str) -> None:
    """A page or catalog key PDF does not define is a program's private data, and a page's
    viewports are drawn by no viewer: removed, so the file is cleaned rather than refused
    (red-team review, 2026-11-27)."""
    data = b"x" * 100 + "SSN 512-43-8817".encode("utf-16-be")
    source = _with_private_stream(tmp_path / "private.pdf", holder, data)
    result = redactor.redact(source, tmp_path / "public.pdf")
    assert_gone(result.output, ["512-43-8817", "512438817"])
    raw = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(result.output), "-"], capture_output=True
    ).stdout
    assert "512-43-8817".encode("utf-16-be") not in raw
    assert_present(result.output, ["3:24-cv-01234"])


def _house_font_page(path: Path, kind: str) -> Path:
    """A page set in a vendor's house font, embedded, that names the vendor (a redacted term): in
    the PDF's font names and in the program's own names and notices."""
    import io
    import types

    import pikepdf
    from fontTools.cffLib import CFFFontSet
    from fontTools.ttLib import TTFont

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "The vendor Northgate installed the system.\nCase No. 3:24-cv-01234", fontname="helv")
    doc.save(path)
    fonts = Path(__import__("reportlab").__file__).parent / "fonts"
    if kind == "TrueType":
        font = TTFont(fonts / "Vera.ttf")
        for record in font["name"].names:
            record.string = "Copyright Northgate Logistics" if record.nameID == 0 else "NorthgateSans-Bold"
        out = io.BytesIO()
        font.save(out)
        program, key, extra = out.getvalue(), "/FontFile2", {}
    elif kind == "CFF":
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(pymupdf.Font("helv").buffer), None)
        top = cff[cff.fontNames[0]]
        top.Notice = top.rawDict["Notice"] = "Copyright Northgate Logistics"
        cff.fontNames[0] = "NorthgateSans-Bold"
        out = io.BytesIO()
        cff.compile(out, types.SimpleNamespace(recalcBBoxes=False))
        program, key, extra = out.getvalue(), "/FontFile3", {"/Subtype": pikepdf.Name.Type1C}
    else:  # Type 1, from a .pfb's segments
        data, segments = (fonts / "_ab_____.pfb").read_bytes(), []
        while data[:1] == b"\x80" and data[1] in (1, 2):
            size = int.from_bytes(data[2:6], "little")
            segments.append(data[6 : 6 + size])
            data = data[6 + size :]
        clear = re.sub(rb"/FontName /\S+", b"/FontName /NorthgateSans-Bold", segments[0])
        clear = re.sub(rb"/Notice \((?:[^()\\]|\\.)*\)", b"/Notice (Copyright Northgate Logistics)", clear)
        program, key = clear + segments[1] + segments[2], "/FontFile"
        extra = {"/Length1": len(clear), "/Length2": len(segments[1]), "/Length3": len(segments[2])}
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        stream = pdf.make_stream(program)
        for name, value in extra.items():
            stream[name] = value
        if kind == "TrueType":
            stream["/Length1"] = len(program)
        font = next(iter(pdf.pages[0].Resources.Font.values()))
        font.BaseFont = pikepdf.Name("/ABCDEF+NorthgateSans-Bold")
        if kind == "TrueType":
            font.Subtype = pikepdf.Name.TrueType
        font.FontDescriptor = pdf.make_indirect(pikepdf.Dictionary({
            "/Type": pikepdf.Name.FontDescriptor, "/FontName": pikepdf.Name("/ABCDEF+NorthgateSans-Bold"),
            "/FontFamily": pikepdf.String("Northgate Sans"), "/Flags": 32, "/FontBBox": [0, -200, 1000, 900],
            "/ItalicAngle": 0, "/Ascent": 900, "/Descent": -200, "/CapHeight": 700, "/StemV": 80, key: stream,
        }))  # fmt: skip
        pdf.save(path)
    return path


@pytest.mark.parametrize("kind", ["TrueType", "CFF", "Type1"])
def test_an_embedded_font_named_after_a_redacted_term_is_renamed(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A vendor's house font ("ABCDEF+NorthgateSans-Bold", "Copyright Northgate Logistics") kept
    the redacted vendor's name in every public file set in it: `pdffonts` and the program's own
    names read it, and verification did not read font names (red-team review, 2026-11-27). The
    names of embedded fonts and of their programs are now made neutral, and read by verification."""
    source = _house_font_page(tmp_path / f"{kind}.pdf", kind)
    terms = _terms(tmp_path, "Northgate")
    result = redactor.redact(source, tmp_path / f"{kind}.public.pdf", terms=terms, ocr="never")
    listed = subprocess.run(["pdffonts", str(result.output)], capture_output=True, text=True).stdout
    assert "Northgate" not in listed and "ABCDEF+Font" in listed
    raw = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", "--decode-level=all", str(result.output), "-"],
        capture_output=True,
    ).stdout
    assert b"northgate" not in raw.lower() and "Northgate".encode("utf-16-be") not in raw
    # The test's font has no widths: pdfminer runs its words together
    assert_present(result.output, ["installed the system", "3:24-cv-01234"], tools=("pdftotext", "pypdf"))
    with pymupdf.open(result.output) as doc:  # the embedded program still draws the page
        assert doc[0].get_pixmap(dpi=36).is_unicolor is False
    # Left with their names, such fonts fail verification.
    monkeypatch.setattr("redactor.sanitize._font_names", lambda doc, clean_text: [])
    with pytest.raises(VerificationFailed, match="term text from page 1"):
        redactor.redact(source, tmp_path / f"{kind}.again.pdf", terms=terms, ocr="never")


@pytest.mark.parametrize(
    "tagged",
    [b"/Northgate#20Table <</MCID 0>> BDC", b"/NorthgateBody BMC", b"/Span <</Style /Northgate>> BDC"],
    ids=["tag", "camel-case-tag", "property-list-name"],
)
def test_a_marked_content_tag_named_after_a_term_is_renamed(
    tmp_path: Path, tagged: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A producer names marked content as it likes (InDesign after a paragraph style): a tag or a
    name in a property list that named the redacted vendor stayed in the page's content, where
    `qpdf --qdf` and grep read it, and verification read only a content stream's strings
    (red-team review, 2026-11-27). Such tags are now made "Span" and such property lists emptied,
    and verification reads both."""
    content = b"BT /F1 12 Tf 72 720 Td (The vendor Northgate installed the cameras.) Tj ET\n"
    content += tagged + b" BT /F1 12 Tf 72 690 Td (Case No. 3:24-cv-01234) Tj ET EMC\n"
    source = _one_page(tmp_path / "tagged.pdf", content)
    terms = _terms(tmp_path, "Northgate")
    result = redactor.redact(source, tmp_path / "tagged.public.pdf", terms=terms, ocr="never")
    raw = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(result.output), "-"], capture_output=True
    ).stdout
    assert b"northgate" not in raw.lower()
    assert_present(result.output, ["installed the cameras", "3:24-cv-01234"])
    monkeypatch.setattr("redactor.sanitize._tags", lambda doc, clean_text: [])
    with pytest.raises(VerificationFailed, match="term text from page 1"):
        redactor.redact(source, tmp_path / "tagged.again.pdf", terms=terms, ocr="never")


def test_a_short_term_does_not_match_a_resource_named_with_it_and_a_number(tmp_path: Path) -> None:
    """Names in content streams are read as words since 2026-11-27 (marked content's tags), but a
    resource "/MC0", the way Illustrator and InDesign name property lists, is not the term "MC"."""
    from pikepdf import Dictionary

    content = b"/Artifact /MC0 BDC BT /F1 12 Tf 72 720 Td (Initials of the child: MC, age nine.) Tj ET EMC\n"
    content += b"BT /F1 12 Tf 72 690 Td (Case No. 3:24-cv-01234) Tj ET\n"
    source = _one_page(tmp_path / "mc.pdf", content)
    import pikepdf

    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        pdf.pages[0].Resources.Properties = Dictionary(MC0=Dictionary())
        pdf.save(source)
    result = redactor.redact(source, tmp_path / "mc.public.pdf", terms=_terms(tmp_path, "MC"), ocr="never")
    assert_present(result.output, ["3:24-cv-01234"])


def test_a_digitally_signed_declaration_loses_its_signature_data(tmp_path: Path) -> None:
    """A declaration signed with a certificate keeps the signer's name, contact and certificate
    (with the personal e-mail the page also gives) under the catalog's /Perms and /DSS, which
    sanitizing kept: verification refused the file, which the user could not clean (red-team
    review, 2026-11-27). Redacting breaks the signature anyway: both are removed."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    source = tmp_path / "signed.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 100), "My personal e-mail is jane.doe@gmail.com.\nCase No. 3:24-cv-01234", fontsize=11)
        doc.save(source)
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        certificate = b"0\x82\x01\x00\x16\x12jane.doe@gmail.com\x13\x08Jane Doe" + bytes(40)
        signature = pdf.make_indirect(Dictionary(
            Type=Name.Sig, Filter=Name("/Adobe.PPKLite"), SubFilter=Name("/adbe.pkcs7.detached"),
            ContactInfo=String("jane.doe@gmail.com"), Contents=String(certificate), ByteRange=Array([0, 0, 0, 0]),
        ))  # fmt: skip
        pdf.Root.Perms = Dictionary(DocMDP=signature)
        pdf.Root.DSS = Dictionary(Certs=Array([pdf.make_stream(certificate)]))
        pdf.save(source)
    result = redactor.redact(source, tmp_path / "signed.public.pdf", ocr="never")
    assert_gone(result.output, ["jane.doe@gmail.com"])
    raw = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(result.output), "-"], capture_output=True
    ).stdout
    assert b"jane.doe" not in raw
    assert_present(result.output, ["3:24-cv-01234"])
