"""The safety net: a redaction that did not take is caught, and no public file is written."""

from __future__ import annotations

from pathlib import Path

import pytest

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
