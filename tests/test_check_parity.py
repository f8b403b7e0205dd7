"""Parity with Free Law Project's x-ray: `check` finds at least every bad redaction x-ray 0.4.0
reports on the shared corpora (its published findings, since x-ray pins an older PyMuPDF)."""

from __future__ import annotations

import json

import pytest
from conftest import SHARED

from redactor.audit import audit

FINDINGS = SHARED / "xray-0.4.0-findings.json"
pytestmark = pytest.mark.skipif(
    not FINDINGS.exists(), reason=f"x-ray findings not found at {FINDINGS} (../shared is absent)"
)


def _cases() -> list[tuple[str, str, int]]:
    if not FINDINGS.exists():
        return []
    data = json.loads(FINDINGS.read_text())
    return [(group, name, count) for group in ("xray-assets", "court-filings") for name, count in data[group].items()]


@pytest.mark.parametrize(("group", "name", "expected"), _cases(), ids=[f"{g}/{n}" for g, n, _ in _cases()])
def test_check_finds_at_least_what_xray_finds(group: str, name: str, expected: int) -> None:
    report = audit(SHARED / group / name)
    found = [p for p in report.problems if p.kind == "bad-redaction" and p.severity == "error"]
    assert len(found) >= expected
    for problem in found:
        assert problem.page and problem.preview and "•" in problem.preview


def test_xray_known_miss_is_found() -> None:
    """x-ray's own tests mark hidden_text_on_visible_text.pdf as a miss: white-out annotations."""
    report = audit(SHARED / "xray-assets" / "hidden_text_on_visible_text.pdf")
    assert any(p.kind == "bad-redaction" for p in report.problems)


def test_cross_hatched_bars_are_found() -> None:
    report = audit(SHARED / "xray-assets" / "bad_cross_hatched_redactions.pdf")
    assert any(p.kind == "bad-redaction" and p.severity == "error" for p in report.problems)


@pytest.mark.parametrize(
    "name",
    [
        "rectangles_no.pdf",
        "multi_line_redaction_ok.pdf",
        "whitespace_redactions.pdf",
        "unfilled_rect.pdf",
        "partial_intersections_ok.pdf",
        "no_bad_redactions.8.1.pdf",  # a turned page whose boxes each carry a date label (see test_check_covers)
    ],
)
def test_proper_redactions_are_not_reported_as_bad(name: str) -> None:
    report = audit(SHARED / "xray-assets" / name)
    assert not [p for p in report.problems if p.kind == "bad-redaction"]
