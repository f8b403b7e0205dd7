"""The safety net: a redaction that did not take is caught, and no public file is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_present

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

    import importlib

    apply_module = importlib.import_module("redactor.apply")  # the module, not the function redactor.apply
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
    import importlib
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

    apply_module = importlib.import_module("redactor.apply")
    monkeypatch.setattr(apply_module, "intersects_any", lambda *_: False)  # skip MuPDF's pixel removal
    out = tmp_path / "bad.pdf"
    with pytest.raises(VerificationFailed, match="still holds its pixels"):
        redactor.apply(source, plan_with_box(), out, ocr="never")
    assert not out.exists()
