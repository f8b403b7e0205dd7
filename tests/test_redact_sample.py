"""The main job: the bundled sample declaration, redacted with its term list."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
from conftest import FIXTURES, all_sensitive, assert_gone, assert_present, content

import redactor


@pytest.fixture
def result(sample: Path, terms_file: Path) -> redactor.Result:
    return redactor.redact(sample, terms=terms_file)


def test_every_sensitive_value_is_gone_for_every_extractor(result: redactor.Result) -> None:
    assert_gone(result.output, all_sensitive(content.SENSITIVE))


def test_public_text_survives(result: redactor.Result) -> None:
    assert_present(result.output, content.PUBLIC + getattr(content, "PUBLIC_EXTRA", []))


def test_each_category_is_redacted_under_its_own_category(result: redactor.Result) -> None:
    found = {r.category for r in result.plan.redactions}
    expected = set(content.SENSITIVE)
    assert expected <= found, f"categories never found: {expected - found}"


def test_input_is_untouched_and_outputs_sit_next_to_it(sample: Path, terms_file: Path) -> None:
    before = sample.read_bytes()
    result = redactor.redact(sample, terms=terms_file)
    assert sample.read_bytes() == before
    assert result.output == sample.with_name("declaration.redacted.pdf")
    assert result.plan_path == sample.with_name("declaration.redactions.json")
    assert not list(sample.parent.glob(".*.part")), "a temporary file was left behind"


def test_plan_records_hashes_verification_and_sanitizing(result: redactor.Result, sample: Path) -> None:
    data = json.loads(result.plan_path.read_text())
    assert data["schema"] == "redactor-plan/1"
    assert data["input"]["sha256"] == redactor.api.sha256(sample.read_bytes())
    assert data["output"]["sha256"] == redactor.api.sha256(result.output.read_bytes())
    assert data["verification"]["passed"] is True
    assert {c["name"] for c in data["verification"]["checks"]} >= {"mupdf-text", "qpdf-objects", "single-revision"}
    assert data["terms"]["count"] == len(content.TERMS)
    first = data["redactions"][0]
    for key in ("id", "page", "boxes", "category", "rule", "reason", "basis", "scope", "status", "text"):
        assert key in first
    assert all(1 <= box["page"] <= data["input"]["pages"] for r in data["redactions"] for box in r["boxes"])


def test_boxes_are_drawn_where_text_was(result: redactor.Result) -> None:
    """Each box is an opaque black fill: render the page and look at the box's centre."""
    with pymupdf.open(result.output) as doc:
        for redaction in result.plan.redactions[:10]:
            box = redaction.boxes[0]
            page = doc[box.page - 1]
            rect = pymupdf.Rect(box.rect)
            pixmap = page.get_pixmap(clip=rect, dpi=72)
            mean = sum(pixmap.samples) / len(pixmap.samples)
            assert mean < 100, f"box of {redaction.id} is not dark (mean {mean:.0f})"


def test_a_match_across_a_line_break_is_one_redaction_with_several_boxes(result: redactor.Result) -> None:
    multi = [r for r in result.plan.redactions if len(r.boxes) > 1]
    assert multi, "the sample has values split across lines; none came out as multi-box redactions"


def test_ids_are_stable_between_runs(sample: Path, terms_file: Path) -> None:
    first = redactor.scan(sample, terms=terms_file)
    second = redactor.scan(sample, terms=terms_file)
    assert [r.id for r in first.redactions] == [r.id for r in second.redactions]
    assert len({r.id for r in first.redactions}) == len(first.redactions)


def test_redaction_still_works_through_pymupdfs_public_call(
    sample: Path, terms_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """redactor calls PyMuPDF's private Page._apply_redactions (to skip fill drawing it does not
    need); should a release rename it, the public Page.apply_redactions must do the same job."""
    import importlib

    monkeypatch.setattr(importlib.import_module("redactor.removal"), "_MUPDF_REDACT", None)
    result = redactor.redact(sample, terms=terms_file)
    assert result.verification.passed
    assert_gone(result.output, all_sensitive(content.SENSITIVE))
    assert_present(result.output, content.PUBLIC)


def _cli(*args: str, cwd: Path) -> str:
    import os
    import subprocess
    import sys

    environment = {k: v for k, v in os.environ.items() if k != "REDACTOR_DEBUG"}
    environment["COLUMNS"] = "200"  # one printed line a line, whatever the terminal running the tests
    done = subprocess.run(
        [sys.executable, "-m", "redactor.cli", *args], capture_output=True, text=True, cwd=cwd, env=environment,
        stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_terminal_summary_speaks_plainly(sample: Path, terms_file: Path) -> None:
    """What a paralegal reads after `redact`: one sanitized line without PDF object names, a review
    note that says what to do, and a verified line that says what was checked (usability review)."""
    lines = _cli("redact", sample.name, "--terms", str(terms_file), cwd=sample.parent).splitlines()
    sanitized = [line for line in lines if line.startswith("sanitized")]
    assert sanitized == ["sanitized (hidden content removed; details in the plan): document information"]
    assert any('set "status": "rejected" on any that should stay public' in line for line in lines)
    assert "verified: the public PDF was read back with two independent PDF readers (MuPDF, qpdf)" in "\n".join(lines)


def test_scan_prints_the_apply_command_to_run(tmp_path: Path, terms_file: Path) -> None:
    """ "then run apply" left a paralegal to work out the command; a name with a space needs quotes."""
    folder = tmp_path / "Núñez filings"
    folder.mkdir()
    source = folder / "Decl of J. Núñez.pdf"
    source.write_bytes((FIXTURES / "sample" / "declaration.pdf").read_bytes())
    printed = _cli("scan", str(source), "--terms", str(terms_file), cwd=tmp_path)
    expected = f'  redactor apply "{source}" --plan "{folder / "Decl of J. Núñez.redactions.json"}"'
    assert expected in printed.splitlines()
