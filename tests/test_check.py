"""`redactor check`: it finds every kind of problem planted in fixtures/check_cases.py, and
reports nothing on a clean document or on anything `redact` writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest
from conftest import FIXTURES, assert_gone, assert_present, case_terms, content, copy_case

import redactor
from redactor.audit import audit
from redactor.errors import ExitCode

sys.path.insert(0, str(FIXTURES))
import check_cases  # noqa: E402

READABLE_CASES = [name for name in content.CASES if name not in ("not_a_pdf", "damaged", "encrypted")]
READABLE_CASES = [name for name in READABLE_CASES if (FIXTURES / content.CASES[name]["file"]).exists()]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return check_cases.build_all(tmp_path_factory.mktemp("check-cases"))


@pytest.mark.parametrize("name", check_cases.CASES)
def test_check_finds_each_planted_problem(name: str, planted: dict[str, Path]) -> None:
    _, kind, fragment = check_cases.CASES[name]
    found = [p for p in audit(planted[name]).problems if p.kind == kind]
    assert found, f"check missed the {kind} planted in {name}"
    assert any(fragment.lower() in p.message.lower() for p in found), [p.message for p in found]
    assert all(p.page in (None, 1) for p in found)


def test_clean_document_has_no_finding_at_all(planted: dict[str, Path]) -> None:
    assert audit(planted["clean"]).problems == []


def test_a_password_given_for_scripts_does_not_make_a_clean_file_encrypted(planted: dict[str, Path]) -> None:
    """With REDACTOR_PDF_PASSWORD exported, every clean file was reported encrypted (exit 11),
    and pikepdf's warning quoted its own source line on stderr (UX review, 2026-11-26)."""
    assert audit(planted["clean"], password="secret").problems == []
    result = subprocess.run(
        [sys.executable, "-m", "redactor.cli", "check", str(planted["clean"]), "--fail-on", "error"],
        capture_output=True, text=True, check=False, env={**os.environ, "REDACTOR_PDF_PASSWORD": "secret"},
    )  # fmt: skip
    assert result.returncode == 0 and "Warning" not in result.stderr, result.stderr
    assert "encrypted" in " ".join(p.message for p in audit(planted["encrypted"], password="owner").problems)


def redacted_outputs(tmp_path: Path, hide_widths: bool = False) -> list[tuple[Path, redactor.Result]]:
    results = []
    sample = tmp_path / "declaration.pdf"
    sample.write_bytes((FIXTURES / "sample" / "declaration.pdf").read_bytes())
    results.append((sample, redactor.redact(sample, terms=FIXTURES / "sample" / "terms.txt", hide_widths=hide_widths)))
    for name in READABLE_CASES:
        folder = tmp_path / name
        folder.mkdir()
        source = copy_case(folder, name)
        results.append((source, redactor.redact(source, terms=case_terms(folder, name), hide_widths=hide_widths)))
    return results


def test_check_passes_everything_redact_writes(tmp_path: Path) -> None:
    for _, result in redacted_outputs(tmp_path):
        report = audit(result.output, terms=content.TERMS)
        assert not report.at_least("warning"), (result.output.name, [p.as_dict() for p in report.at_least("warning")])


def test_hide_widths_leaves_no_width_leak_but_partial_ones(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    hidden = tmp_path / "hidden"
    plain.mkdir()
    hidden.mkdir()
    ((sample, narrow),) = redacted_outputs(plain)[:1]
    ((_, wide),) = redacted_outputs(hidden, hide_widths=True)[:1]
    leaks_before = [p for p in audit(narrow.output).problems if p.kind == "width-leak"]
    leaks_after = [p for p in audit(wide.output).problems if p.kind == "width-leak"]
    partial = sum(len(r.boxes) for r in wide.plan.applied if r.scope == "partial")
    assert len(leaks_before) > partial >= len(leaks_after)
    assert wide.verification.passed and wide.plan.options["hide_widths"] is True
    assert any("--hide-widths" in note for r in wide.plan.applied for note in r.explanation)
    assert_gone(wide.output, [v for values in content.SENSITIVE.values() for v in values])
    # Text before a box and lines without a redaction are untouched.
    assert_present(wide.output, [content.CASE_NUMBER, "declare under penalty of perjury", "Doc. No. 158"])
    assert sample.exists()


def test_problems_said_alike_are_one_row_on_the_terminal(tmp_path: Path) -> None:
    """A redacted declaration has a width-leak note for each box: one row says them all, with
    the pages and how many; --json still lists each (UX review, 2026-11-26)."""
    ((_, result),) = redacted_outputs(tmp_path)[:1]
    leaks = [p for p in audit(result.output).problems if p.kind == "width-leak"]
    assert len(leaks) > 5
    shown = run_check(str(result.output))
    rows = [line for line in shown.stdout.splitlines() if "width-leak" in line]
    assert len(rows) == 1, shown.stdout
    assert f"({len(leaks)} times)" in " ".join(shown.stdout.split())
    pages = sorted({p.page for p in leaks})
    assert rows[0].split()[1] == (f"{pages[0]}-{pages[-1]}" if len(pages) > 1 else str(pages[0]))
    listed = json.loads(run_check(str(result.output), "--json").stdout)
    assert sum(p["kind"] == "width-leak" for f in listed["files"] for p in f["problems"]) == len(leaks)


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "redactor.cli", "check", *args], capture_output=True, text=True, check=False,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip


def test_fail_on_sets_the_exit_code(planted: dict[str, Path]) -> None:
    info_only = str(planted["thumbnail"])
    assert run_check(info_only).returncode == ExitCode.OK
    assert run_check(info_only, "--fail-on", "info").returncode == ExitCode.FINDINGS
    assert run_check(str(planted["metadata"])).returncode == ExitCode.FINDINGS
    assert run_check(str(planted["metadata"]), "--fail-on", "error").returncode == ExitCode.OK
    assert run_check(str(planted["box_vector"]), "--fail-on", "error").returncode == ExitCode.FINDINGS
    assert run_check(str(planted["clean"]), "--fail-on", "info").returncode == ExitCode.OK
    assert run_check(str(FIXTURES / "cases" / "not_a_pdf.pdf")).returncode == ExitCode.NOT_A_PDF


def test_check_never_prints_a_sensitive_value(planted: dict[str, Path]) -> None:
    paths = [
        str(planted[name]) for name in ("box_vector", "white_text", "invisible_text", "sensitive_text", "form_field")
    ]
    for extra in ([], ["--json"]):
        result = run_check(*paths, *extra)
        printed = result.stdout + result.stderr
        assert check_cases.SECRET not in printed and "512-43" not in printed and "43-8817" not in printed
        assert result.returncode == ExitCode.FINDINGS
    data = json.loads(run_check(*paths, "--json").stdout)
    assert {Path(f["file"]).name for f in data["files"]} == {Path(p).name for p in paths}


def test_an_image_mask_scan_is_a_scan_to_check_as_to_redact(tmp_path: Path) -> None:
    """A black-and-white scan stored as an image mask: its invisible text is its OCR layer (info),
    for check as for redact, which keeps that layer; the public version passes check."""
    source = tmp_path / "mask-scan.pdf"
    check_cases.mask_scan(source)
    before = audit(source)
    hidden = [p for p in before.problems if p.kind == "hidden-text"]
    assert hidden and all(p.severity == "info" and "OCR layer" in p.message for p in hidden), [
        p.as_dict() for p in hidden
    ]
    result = redactor.redact(source, ocr="never")
    assert result.verification.passed
    assert not audit(result.output).at_least("warning")
    assert_present(result.output, check_cases.PUBLIC)  # the kept OCR layer, for every extractor


def test_an_address_and_its_own_link_are_one_finding(tmp_path: Path) -> None:
    """An address printed on the page is usually also a link to itself: one finding, not two. The
    same address linked from another page is reported there."""
    import pymupdf

    path = tmp_path / "linked.pdf"
    with pymupdf.open() as doc:
        for text in ("Her e-mail is jane.doe@gmail.com today.", "Write to her."):
            page = doc.new_page()
            page.insert_text((72, 100), text, fontsize=11)
            where = page.search_for(text.split()[-2] if "@" in text else "Write to her")[0]
            page.insert_link({"kind": pymupdf.LINK_URI, "from": where, "uri": "mailto:jane.doe@gmail.com"})
        doc.save(path)
    found = [(p.page, "link" in p.message) for p in audit(path).problems if p.kind == "sensitive"]
    assert found == [(1, False), (2, True)]


def test_text_drawn_as_shapes_is_named(tmp_path: Path) -> None:
    """check reads text, so it cannot search text drawn as shapes: it says so instead of passing it."""
    import scans  # fixtures/scans.py

    problems = audit(scans.outlined_text(tmp_path / "outlined.pdf")).problems
    assert any(p.page == 1 and "draw text as shapes" in p.message for p in problems)
    assert not any("draw text as shapes" in p.message for p in audit(copy_case(tmp_path, "two_column")).problems)


@pytest.mark.parametrize("damage", ["stray endstream in a form", "picture end"])
def test_check_warns_of_a_page_viewers_read_differently(tmp_path: Path, damage: str) -> None:
    """Poppler shows an SSN after a stray "endstream" in a form, or after an inline picture
    ending "EIQ", that MuPDF (and so check's own reading) never sees: check says so."""
    from test_verification import _page_read_differently

    source = tmp_path / "differs.pdf"
    _page_read_differently(source, damage)
    problems = [p for p in audit(source).problems if "viewers may show different content" in p.message]
    assert [(p.page, p.severity) for p in problems] == [(1, "warning")]
    plain = tmp_path / "plain.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 72), "Declaration of J. Doe.")
        doc.save(plain)
    assert not any("viewers may show different content" in p.message for p in audit(plain).problems)


def test_what_redact_mends_is_not_reported_in_its_output(planted: dict[str, Path], tmp_path: Path) -> None:
    """A font that readers read differently and a page tree whose count hides a page are mended
    by redact before searching; its public file has neither left for check to report."""
    for name in ("font_read_differently", "page_tree_count"):
        result = redactor.redact(planted[name], tmp_path / f"{name}.public.pdf", ocr="never")
        messages = [p.message for p in audit(result.output).problems if p.kind == "hidden-content"]
        assert not [m for m in messages if "read differently" in m or "page tree" in m], messages


def test_a_term_in_an_embedded_fonts_name_is_reported(tmp_path: Path) -> None:
    """A vendor's house font named after it ("ABCDEF+NorthgateSans-Bold"), which `pdffonts`
    lists, is sensitive text beside the page (red-team review, 2026-11-27); `redact` makes such
    names neutral, so its output has nothing to report."""
    from test_verification import _house_font_page

    source = _house_font_page(tmp_path / "house.pdf", "TrueType")
    found = [p for p in audit(source, terms=["Northgate"]).problems if "font" in p.message]
    assert [(p.kind, p.page) for p in found] == [("sensitive", 1)]
    assert "Northgate" not in found[0].preview
    terms = tmp_path / "terms.txt"
    terms.write_text("Northgate\n")
    result = redactor.redact(source, tmp_path / "house.public.pdf", terms=terms, ocr="never")
    assert not [p for p in audit(result.output, terms=["Northgate"]).problems if "font" in p.message]
