"""Every bad input: a one-line message, its own exit code, no traceback, nothing written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, answer_on_terminal, assert_gone, content

from redactor.errors import ExitCode


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "REDACTOR_DEBUG"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "redactor.cli", *args],
        capture_output=True, text=True, env=environment, cwd=cwd, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: ExitCode, words: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    message = " ".join(result.stderr.split())
    assert words in message, message
    assert message.startswith("error:"), message


def case(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    target.write_bytes((FIXTURES / "cases" / name).read_bytes())
    return target


def test_missing_file(tmp_path: Path) -> None:
    result = run("redact", str(tmp_path / "nope.pdf"))
    assert_clean_failure(result, ExitCode.INPUT_MISSING, "not found")


def test_a_missing_input_in_a_mistyped_folder_is_the_inputs_fault(tmp_path: Path) -> None:
    """It was reported as the output's folder missing (exit 9), not the input (UX review)."""
    for command in ("redact", "scan", "apply"):
        extra = ["--plan", str(tmp_path / "plan.json")] if command == "apply" else []
        result = run(command, str(tmp_path / "nodir" / "x.pdf"), *extra)
        assert_clean_failure(result, ExitCode.INPUT_MISSING, "not found")


def test_not_a_pdf(tmp_path: Path) -> None:
    path = case(tmp_path, "not_a_pdf.pdf")
    result = run("redact", str(path))
    assert_clean_failure(result, ExitCode.NOT_A_PDF, "is not a PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not_a_pdf.pdf"]


def test_damaged_pdf(tmp_path: Path) -> None:
    path = case(tmp_path, "damaged.pdf")
    result = run("redact", str(path))
    assert_clean_failure(result, ExitCode.DAMAGED_PDF, "damaged")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.pdf"]


def test_encrypted_pdf_asks_for_the_password(tmp_path: Path) -> None:
    path = case(tmp_path, "encrypted.pdf")
    result = run("redact", str(path))
    assert_clean_failure(result, ExitCode.ENCRYPTED_PDF, "--password")


def test_wrong_password(tmp_path: Path) -> None:
    path = case(tmp_path, "encrypted.pdf")
    result = run("redact", str(path), env={"REDACTOR_PDF_PASSWORD": "not-it"})
    assert_clean_failure(result, ExitCode.ENCRYPTED_PDF, "wrong")


def test_right_password_redacts_and_writes_an_unencrypted_public_file(tmp_path: Path) -> None:
    path = case(tmp_path, "encrypted.pdf")
    result = run("redact", str(path), env={"REDACTOR_PDF_PASSWORD": "secret"})
    assert result.returncode == 0, result.stderr
    import pikepdf

    with pikepdf.open(tmp_path / "encrypted.redacted.pdf") as pdf:
        assert not pdf.is_encrypted


def test_invalid_policy_names_the_rule_and_the_reason(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('[[rule]]\nid = "my.rule"\ncategory = "x"\nreason = "X"\nbasis = "b"\npatterns = ["(unclosed"]\n')
    result = run(
        "redact", str(FIXTURES / "sample" / "declaration.pdf"), "--policy", str(policy), "-o", str(tmp_path / "o.pdf")
    )
    assert_clean_failure(result, ExitCode.INVALID_POLICY, "my.rule")
    assert "pattern 1" in result.stderr


def test_policy_that_is_not_toml(tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("this is = = not toml")
    result = run(
        "scan",
        str(FIXTURES / "sample" / "declaration.pdf"),
        "--policy",
        str(policy),
        "--plan",
        str(tmp_path / "p.json"),
    )
    assert_clean_failure(result, ExitCode.INVALID_POLICY, "not valid TOML")


def test_unwritable_output_folder(tmp_path: Path) -> None:
    result = run("redact", str(FIXTURES / "sample" / "declaration.pdf"), "-o", str(tmp_path / "missing" / "out.pdf"))
    assert_clean_failure(result, ExitCode.OUTPUT_NOT_WRITABLE, "does not exist")


def test_a_folder_given_as_output_receives_the_default_names(tmp_path: Path) -> None:
    """`-o public/` wrote a file named "public" next to where the user meant (UX review)."""
    source = tmp_path / "decl.pdf"
    source.write_bytes((FIXTURES / "sample" / "declaration.pdf").read_bytes())
    (tmp_path / "public").mkdir()
    (tmp_path / "plans").mkdir()
    result = run("redact", str(source), "-o", str(tmp_path / "public") + os.sep, "--log", str(tmp_path / "plans"))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "public").iterdir()] == ["decl.redacted.pdf"]
    assert [p.name for p in (tmp_path / "plans").iterdir()] == ["decl.redactions.json"]
    result = run("scan", str(source), "--plan", str(tmp_path / "plans"))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "plans").iterdir()] == ["decl.redactions.json"]


def test_a_missing_folder_given_as_output_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "decl.pdf"
    source.write_bytes((FIXTURES / "sample" / "declaration.pdf").read_bytes())
    result = run("redact", str(source), "-o", str(tmp_path / "public") + os.sep)
    assert result.returncode == ExitCode.BAD_ARGS, result.stderr
    assert "Traceback" not in result.stderr
    assert "does not exist" in " ".join(result.stderr.replace("│", " ").split())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decl.pdf"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_output_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run("redact", str(FIXTURES / "sample" / "declaration.pdf"), "-o", str(folder / "out.pdf"))
        assert_clean_failure(result, ExitCode.OUTPUT_NOT_WRITABLE, "permission")
    finally:
        folder.chmod(0o700)


def test_an_output_open_in_another_program_says_to_close_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace a file a PDF viewer holds open; "Permission denied" alone did not
    say what to do (usability review)."""
    from redactor.errors import OutputNotWritable
    from redactor.pdfio import write_atomic

    target = tmp_path / "decl.redacted.pdf"
    target.write_bytes(b"open in a viewer")

    def in_use(source: object, destination: object) -> None:
        raise PermissionError(32, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(os, "replace", in_use)
    with pytest.raises(OutputNotWritable, match="close it if it is open in another program"):
        write_atomic(target, b"%PDF-1.7")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decl.redacted.pdf"]
    assert target.read_bytes() == b"open in a viewer"


def test_output_that_would_overwrite_the_input(tmp_path: Path) -> None:
    source = tmp_path / "d.pdf"
    source.write_bytes((FIXTURES / "sample" / "declaration.pdf").read_bytes())
    before = source.read_bytes()
    result = run("redact", str(source), "-o", str(source))
    assert_clean_failure(result, ExitCode.OUTPUT_NOT_WRITABLE, "overwrite the input")
    assert source.read_bytes() == before


def test_output_that_is_the_input_under_another_name(tmp_path: Path) -> None:
    """On the case-insensitive disks of Windows and macOS "D.PDF" is "d.pdf"; a hard link stands in
    for that here: the paths differ, the file is one, and it is refused."""
    source = tmp_path / "d.pdf"
    source.write_bytes((FIXTURES / "sample" / "declaration.pdf").read_bytes())
    before = source.read_bytes()
    alias = tmp_path / "D.PDF"
    os.link(source, alias)
    for option in ("-o", "--log"):
        result = run("redact", str(source), option, str(alias))
        assert_clean_failure(result, ExitCode.OUTPUT_NOT_WRITABLE, "overwrite the input")
    assert source.read_bytes() == before


def test_output_that_is_the_plan_is_refused(tmp_path: Path) -> None:
    """The public PDF written over the plan would lose a reviewer's work, or (the plan written
    last) leave the plan, sensitive text and all, where the public PDF should be."""
    sample = FIXTURES / "sample" / "declaration.pdf"
    both = tmp_path / "out.pdf"
    result = run("redact", str(sample), "-o", str(both), "--log", str(both))
    assert_clean_failure(result, ExitCode.OUTPUT_NOT_WRITABLE, "also the plan")
    assert not both.exists()
    plan = tmp_path / "plan.json"
    assert run("scan", str(sample), "--plan", str(plan)).returncode == 0
    reviewed = plan.read_bytes()
    result = run("apply", str(sample), "--plan", str(plan), "-o", str(plan))
    assert_clean_failure(result, ExitCode.OUTPUT_NOT_WRITABLE, "also the plan")
    assert plan.read_bytes() == reviewed


def test_plan_for_another_file_is_refused(tmp_path: Path) -> None:
    sample = FIXTURES / "sample" / "declaration.pdf"
    plan = tmp_path / "plan.json"
    assert run("scan", str(sample), "--plan", str(plan)).returncode == 0
    other = case(tmp_path, "partial_5_2.pdf") if (FIXTURES / "cases" / "partial_5_2.pdf").exists() else None
    assert other is not None
    result = run("apply", str(other), "--plan", str(plan), "-o", str(tmp_path / "o.pdf"))
    assert_clean_failure(result, ExitCode.INVALID_PLAN, "different file")


def test_broken_plan_file(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text("{not json")
    result = run(
        "apply", str(FIXTURES / "sample" / "declaration.pdf"), "--plan", str(plan), "-o", str(tmp_path / "o.pdf")
    )
    assert_clean_failure(result, ExitCode.INVALID_PLAN, "not readable JSON")


def test_terminal_output_never_shows_a_sensitive_value(tmp_path: Path) -> None:
    source = tmp_path / "d.pdf"
    source.write_bytes((FIXTURES / "sample" / "declaration.pdf").read_bytes())
    terms = FIXTURES / "sample" / "terms.txt"
    for command in (["scan", str(source), "--terms", str(terms)], ["redact", str(source), "--terms", str(terms)],
                    ["redact", str(source), "--terms", str(terms), "--json", "-o", str(tmp_path / "j.pdf")]):  # fmt: skip
        result = run(*command)
        assert result.returncode == 0, result.stderr
        shown = result.stdout + result.stderr
        for values in content.SENSITIVE.values():
            for value in values:
                assert value not in shown, f"{value!r} printed by {command[0]}"


def test_output_in_a_code_page_without_bullets(tmp_path: Path, sample: Path) -> None:
    """Windows writes redirected output in the local code page: a masked preview's bullets and a
    file name's accented letters become "?" there instead of failing the whole run."""
    named = sample.rename(tmp_path / "décl.pdf")
    result = run("check", str(named), env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == ExitCode.FINDINGS, result.stderr
    assert "internal error" not in result.stderr
    assert "d?cl.pdf" in result.stdout and "???-??-" in result.stdout


# The third review's command-line findings (2026-11-26).


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_an_output_that_is_a_pipe_or_a_device_is_refused_and_left_as_it_was(tmp_path: Path, sample: Path) -> None:
    """Renaming over /dev/null (as root) replaced the device with the public PDF."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = run("redact", str(sample), "-o", str(pipe))
    assert_clean_failure(result, ExitCode.OUTPUT_NOT_WRITABLE, "not a regular file")
    assert pipe.is_fifo()


def test_outputs_never_overwrite_the_terms_or_the_policy(tmp_path: Path, sample: Path) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text("Halvorsen Logistics\n")
    policy = tmp_path / "firm.toml"
    policy.write_text('[policy]\nname = "firm"\n')
    for args in (["redact", str(sample), "--terms", str(terms), "-o", str(terms)],
                 ["redact", str(sample), "--terms", str(terms), "--log", str(terms)],
                 ["scan", str(sample), "--terms", str(terms), "--plan", str(terms)],
                 ["redact", str(sample), "--policy", str(policy), "-o", str(policy)]):  # fmt: skip
        result = run(*args)
        assert_clean_failure(result, ExitCode.OUTPUT_NOT_WRITABLE, "would overwrite the")
    assert terms.read_text() == "Halvorsen Logistics\n" and policy.read_text() == '[policy]\nname = "firm"\n'


def test_square_brackets_in_a_path_are_printed_as_they_are(tmp_path: Path) -> None:
    """Paths went through rich's markup: "[/b]" failed the run after the files were written."""
    folder = tmp_path / "x [" / "b]"  # the path reads "x [/b]": a closing tag to rich
    folder.mkdir(parents=True)
    source = folder / "Decl [sealed].pdf"
    source.write_bytes((FIXTURES / "sample" / "declaration.pdf").read_bytes())
    result = run("redact", str(source))
    assert result.returncode == 0, result.stderr
    printed = " ".join(result.stdout.split())
    assert "Decl [sealed].redacted.pdf" in printed and "x [/b]" in printed
    helped = run("redact", "--help").stdout
    assert "[default:" in helped and "NAME.redacted.pdf]" in helped


def test_a_plan_box_off_the_page_is_refused(tmp_path: Path, sample: Path) -> None:
    """A box in a scan's pixels (300 dpi) lies off the page: it would cover nothing, and a short
    value under it ("12") could pass verification."""
    plan = tmp_path / "plan.json"
    assert run("scan", str(sample), "--plan", str(plan)).returncode == 0
    data = json.loads(plan.read_text())
    data["redactions"].append({"status": "manual", "boxes": [{"page": 1, "rect": [2000, 2000, 2100, 2100]}]})
    plan.write_text(json.dumps(data))
    result = run("apply", str(sample), "--plan", str(plan), "-o", str(tmp_path / "o.pdf"))
    assert_clean_failure(result, ExitCode.INVALID_PLAN, "lies off the page, which is 612 x 792 points")
    assert not (tmp_path / "o.pdf").exists()


@pytest.mark.parametrize("rect", [["512-43-8817", 1, 2, 3], ["nan", 1, 2, 3], [1, 2, "inf", 3]])
def test_a_malformed_plan_is_refused_without_quoting_it(rect: list, tmp_path: Path, sample: Path) -> None:
    """A plan holds the sealed text: an error must name the field, never repeat its value."""
    plan = tmp_path / "plan.json"
    assert run("scan", str(sample), "--plan", str(plan)).returncode == 0
    data = json.loads(plan.read_text())
    data["redactions"][0]["boxes"][0]["rect"] = rect
    plan.write_text(json.dumps(data))
    result = run("apply", str(sample), "--plan", str(plan), "-o", str(tmp_path / "o.pdf"))
    assert_clean_failure(result, ExitCode.INVALID_PLAN, "(#1): the field 'rect' is malformed (a list of numbers)")
    assert "512" not in result.stderr


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda text: text.replace('"rejected"', '"rejected",', 1), "line "),  # a trailing comma
        (lambda text: text.replace('"status": "proposed"', '"stauts": "rejected"', 1), "field the plan does not know: 'stauts'"),
        (lambda text: text.replace('"status": "proposed"', '"Daniel Ortega 512-43-8817": "rejected"', 1), "field the plan does not know: one that is not a field name"),
        (lambda text: text.replace('"redactions": [', '"redactions": {"x": [', 1).replace("\n  ],\n  \"", "\n  ]},\n  \"", 1), "redactions must be a list"),
        (lambda text: text.replace('"page": 1,', '"page": "one",', 1), "the field 'page' is malformed (a whole number)"),
        # Not "--ocr must be one of ..., not 'sometimes'" (exit 2): no --ocr was given (leak review).
        (lambda text: text.replace('"mode": "auto"', '"mode": "sometimes"', 1), "ocr.mode must be one of auto, always, never"),
    ],
)  # fmt: skip
def test_a_mistake_in_an_edited_plan_is_named(edit, words: str, tmp_path: Path, sample: Path) -> None:  # noqa: ANN001
    """A reviewer's slip got "not readable JSON (JSONDecodeError)", "malformed field (ValueError)",
    or passed: a misspelt "stauts" was ignored (the value was redacted), and an object where the
    list belongs applied no redaction at all (UX review, 2026-11-26)."""
    plan = tmp_path / "plan.json"
    assert run("scan", str(sample), "--plan", str(plan)).returncode == 0
    text = plan.read_text().replace('"status": "proposed"', '"status": "rejected"', 1)
    edited = edit(text)
    assert edited != text
    plan.write_text(edited)
    result = run("apply", str(sample), "--plan", str(plan), "-o", str(tmp_path / "o.pdf"))
    assert_clean_failure(result, ExitCode.INVALID_PLAN, words)
    assert not (tmp_path / "o.pdf").exists()
    assert "8817" not in result.stderr  # a note typed as a key is not quoted (fuzzing review)


def test_a_plan_saved_with_a_byte_order_mark_is_read(tmp_path: Path, sample: Path) -> None:
    plan = tmp_path / "plan.json"
    assert run("scan", str(sample), "--plan", str(plan)).returncode == 0
    plan.write_bytes(b"\xef\xbb\xbf" + plan.read_bytes())  # Notepad's "UTF-8 with BOM"
    assert run("apply", str(sample), "--plan", str(plan), "-o", str(tmp_path / "o.pdf")).returncode == 0


def test_password_without_a_terminal_says_where_to_put_it(tmp_path: Path) -> None:
    result = run("redact", str(case(tmp_path, "encrypted.pdf")), "--password", "--json")
    assert_clean_failure(result, ExitCode.BAD_ARGS, "REDACTOR_PDF_PASSWORD")
    assert json.loads(result.stdout)["exit_code"] == ExitCode.BAD_ARGS  # no prompt before it


def test_check_with_an_unknown_fail_on_is_a_bad_argument(sample: Path) -> None:
    assert_clean_failure(run("check", str(sample), "--fail-on", "bogus"), ExitCode.BAD_ARGS, "--fail-on")


def test_a_damaged_file_repaired_on_opening_is_warned_of(tmp_path: Path) -> None:
    """A truncated PDF opens (MuPDF rebuilds its table of objects) with pages lost: the user is told."""
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes((FIXTURES / "sample" / "declaration.pdf").read_bytes()[:3000])
    result = run("redact", str(truncated), "--json")
    assert result.returncode == 0, result.stderr
    assert any("damaged" in w for w in json.loads(result.stdout)["warnings"])


@pytest.mark.parametrize(("lines", "words"), [("\n  \n", "holds no terms"), ("Halvorsen Logistics\nQ\n", "line 2")])
def test_a_terms_file_that_would_redact_nothing_or_everything_is_refused(
    lines: str, words: str, tmp_path: Path, sample: Path
) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text(lines)
    result = run("redact", str(sample), "--terms", str(terms))
    assert_clean_failure(result, ExitCode.INVALID_POLICY, words)
    assert "Halvorsen" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["declaration.pdf", "terms.txt"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_terms_file_in_utf16_without_a_byte_order_mark_is_refused(
    encoding: str, tmp_path: Path, sample: Path
) -> None:
    """Read as UTF-8, each letter came with a zero byte: the terms matched nothing, and the run
    succeeded without redacting one of them (usability review)."""
    terms = tmp_path / "terms.txt"
    terms.write_bytes("Halvorsen Logistics".encode(encoding))
    result = run("redact", str(sample), "--terms", str(terms))
    assert_clean_failure(result, ExitCode.INVALID_POLICY, "save it as UTF-8")
    assert "Halvorsen" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["declaration.pdf", "terms.txt"]


def test_a_terms_file_in_utf16_with_a_byte_order_mark_is_read(tmp_path: Path, sample: Path) -> None:
    """What Windows Notepad saves as "Unicode"."""
    terms = tmp_path / "terms.txt"
    terms.write_bytes("Sentinel Integrated Systems, Inc.\r\n".encode("utf-16"))
    result = run("scan", str(sample), "--terms", str(terms), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["by_category"].get("term") == 1


def test_apply_never_overwrites_the_policy_its_plan_was_made_with(tmp_path: Path, sample: Path) -> None:
    policy = tmp_path / "firm.toml"
    policy.write_text('[policy]\nname = "firm"\n')
    plan = tmp_path / "plan.json"
    assert run("scan", str(sample), "--policy", str(policy), "--plan", str(plan)).returncode == 0
    result = run("apply", str(sample), "--plan", str(plan), "-o", str(policy))
    assert_clean_failure(result, ExitCode.OUTPUT_NOT_WRITABLE, "would overwrite the policy")
    assert policy.read_text() == '[policy]\nname = "firm"\n'


def test_text_that_looks_like_markup_is_printed_in_the_plan_table(tmp_path: Path) -> None:
    import pymupdf

    source = tmp_path / "markup.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Intro here. [/E] The camera was offline for a week.", fontsize=11)
    doc.save(source)
    result = run("scan", str(source), "--plan", str(tmp_path / "plan.json"))
    assert result.returncode == 0, result.stderr
    assert "offline" not in result.stdout  # the table shows a masked preview only


def test_a_name_too_long_for_the_system_is_an_output_error(tmp_path: Path) -> None:
    """A 245-character file name made outputs longer than the system allows: exit 70, "internal
    error ... please report it" (UX review, 2026-11-26). Windows allows 260 characters a path."""
    source = tmp_path / ("d" * 245 + ".pdf")
    source.write_bytes((FIXTURES / "sample" / "declaration.pdf").read_bytes())
    for command in ("redact", "scan"):
        assert_clean_failure(run(command, str(source)), ExitCode.OUTPUT_NOT_WRITABLE, "choose a shorter name")
    result = run(
        "package", str(source), "--out", str(tmp_path / "pk"), env={"REDACTOR_PASSPHRASE": "a long passphrase"}
    )
    assert_clean_failure(result, ExitCode.OUTPUT_NOT_WRITABLE, "give the document a shorter name")
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]  # nothing left behind


@pytest.mark.parametrize("command", ["redact", "scan", "apply", "check", "package", "verify", "unseal", "keygen"])
def test_help_names_values_in_words_not_python_types(command: str) -> None:
    """--help showed <bool> beside every flag, <str>, <Path> and <list[Path]> beside options, and a
    command list cut mid-sentence by the docstrings' line breaks (usability review)."""
    result = run(command, "--help", env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    options = result.stdout[result.stdout.index("Options") :]
    for python in ("<str>", "<Path>", "<path>", "<list[", "[default: True]", "[default: False]"):
        assert python not in options, (python, options)
    assert options.count("<bool>") <= 1  # --help's own, which typer draws
    listing = run("--help", env={"COLUMNS": "200"}).stdout
    line = next(line for line in listing.splitlines() if f" {command} " in line)
    assert line.rstrip(" │").endswith("."), line  # the summary on one line, whole


def test_check_counts_its_findings_in_plain_english(sample: Path) -> None:
    """ "5 error, 26 warning" (usability review)."""
    result = run("check", str(sample), env={"COLUMNS": "200"})
    assert result.returncode == ExitCode.FINDINGS, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{sample}: ") and " errors, " in first and first.endswith(" warnings"), first


@pytest.mark.parametrize(
    ("raw", "words"), [("[" * 100_000, "nested too deeply"), ("Ortega".encode("cp1252") + b"\xf1", "save it as UTF-8")]
)
def test_a_plan_that_is_no_json_text_is_named_without_python_words(
    raw: str | bytes, words: str, tmp_path: Path, sample: Path
) -> None:
    """ "not readable JSON (UnicodeDecodeError)", "(RecursionError)" (usability review)."""
    plan = tmp_path / "plan.json"
    plan.write_bytes(raw.encode() if isinstance(raw, str) else raw)
    result = run("apply", str(sample), "--plan", str(plan))
    assert_clean_failure(result, ExitCode.INVALID_PLAN, words)
    assert "Error" not in result.stderr and "Ortega" not in result.stderr


def test_the_version_is_printed_as_plans_record_it() -> None:
    from redactor.api import tool_version

    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"redactor {tool_version()}"


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An interruption just after the temporary file was made left it behind (an empty one on
    Ctrl-C; with SIGTERM, a plan holding every redacted value): fuzzing review, 2026-11-26."""
    from redactor import pdfio

    made = pdfio.os.open

    def interrupted(*args: object, **kwargs: object) -> object:
        made(*args, **kwargs)  # the file exists, and the interruption comes before anything holds it
        raise KeyboardInterrupt

    monkeypatch.setattr(pdfio.os, "open", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pdfio.write_atomic(tmp_path / "plan.json", b'{"secret": "512-43-8817"}')
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGTERM to send to oneself on Windows")
def test_termination_is_handled_like_ctrl_c() -> None:
    """SIGTERM (kill, a script's timeout) and SIGHUP (a closed terminal) raise KeyboardInterrupt,
    so that the clean-up of temporary files runs and the exit code is 130."""
    code = "import os, signal; from redactor import cli; cli._stop_cleanly_on_termination(); os.kill(os.getpid(), signal.SIGTERM)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert "KeyboardInterrupt" in result.stderr, result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_ctrl_c_at_a_passphrase_prompt_is_an_interruption(tmp_path: Path, sample: Path) -> None:
    """Ctrl-C while asked for the passphrase printed "Aborted." and exited 1, not 130 as the README
    says for an interruption (usability review)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("REDACTOR_DEBUG", "REDACTOR_PASSPHRASE")}
    argv = [sys.executable, "-m", "redactor.cli", "package", str(sample), "--out", str(tmp_path / "pkg")]
    status, shown = answer_on_terminal(argv, b"passphrase", b"\x03", environment)
    assert status == ExitCode.INTERRUPTED, shown
    assert b"interrupted; nothing was written" in shown
    assert sorted(p.name for p in tmp_path.iterdir()) == ["declaration.pdf"]


def test_a_password_for_a_file_that_asks_none_is_ignored(tmp_path: Path) -> None:
    """Many agencies' PDFs carry only an owner password (permissions): they open without one.
    A script's REDACTOR_PDF_PASSWORD, meant for other files of its batch, made pikepdf refuse
    them, and redact, scan and check ended in an internal error (fuzzing review, 2026-11-26)."""
    import pikepdf

    restricted = tmp_path / "restricted.pdf"
    with pikepdf.open(FIXTURES / "sample" / "declaration.pdf") as pdf:
        pdf.save(restricted, encryption=pikepdf.Encryption(owner="owner-secret", user="", R=4))
    env = {"REDACTOR_PDF_PASSWORD": "the-password-of-another-file"}
    result = run("redact", str(restricted), "-o", str(tmp_path / "public.pdf"), env=env)
    assert result.returncode == 0, result.stderr
    assert run("scan", str(restricted), "--plan", str(tmp_path / "p.json"), env=env).returncode == 0
    assert run("check", str(restricted), env=env).returncode == ExitCode.FINDINGS


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"/Rotate 0 /Trans", b"/X(\xef\xbb\xbf\xab)  /Trans"),  # a string marked UTF-8 that is not
        (b"/F1 2 0 R /F2 3 0 R", b"/F1 2 0 R (x) 3 0 R"),  # a dictionary key that is not a name
    ],
)
def test_a_damaged_object_is_read_around_not_an_internal_error(tmp_path: Path, old: bytes, new: bytes) -> None:
    """Fuzzed copies of the sample ended in internal errors (exit 70) in sanitizing and
    verification (fuzzing review, 2026-11-26); they are redacted and verified."""
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes((FIXTURES / "sample" / "declaration.pdf").read_bytes().replace(old, new, 1))
    result = run("redact", str(damaged), "--terms", str(FIXTURES / "sample" / "terms.txt"))
    assert result.returncode == 0, result.stderr
    assert "verified" in result.stdout


def test_content_mupdf_gives_up_on_is_damage_not_an_internal_error(tmp_path: Path) -> None:
    """Arrays nested 400 deep in a page's content overflow MuPDF's stack: the file is damaged
    (exit 5), said without quoting MuPDF's message, which may hold the file's text."""
    import pikepdf

    pdf = pikepdf.new()
    content = b"BT /F1 12 Tf 72 700 Td (Declaration.) Tj ET\n" + b"[" * 400 + b"]" * 400
    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792],
                                                     Contents=pdf.make_stream(content))))  # fmt: skip
    deep = tmp_path / "deep.pdf"
    pdf.save(deep)
    result = run("redact", str(deep))
    assert_clean_failure(result, ExitCode.DAMAGED_PDF, "could not read part of the PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep.pdf"]
    result = run("redact", str(deep), "--json")  # a script is told too (code review, 2026-11-26)
    assert json.loads(result.stdout)["exit_code"] == ExitCode.DAMAGED_PDF


@pytest.mark.parametrize(
    ("raised", "code"), [(KeyboardInterrupt, ExitCode.INTERRUPTED), (KeyError, ExitCode.INTERNAL_ERROR)]
)
def test_every_failure_is_told_to_a_script_in_json(
    raised: type[BaseException], code: ExitCode, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --json, an interruption and an internal error print their JSON error on stdout, as
    every other failure does; the internal error's own text (which may quote the document) is
    not in it."""
    import typer

    from redactor.cli import handle_errors

    monkeypatch.delenv("REDACTOR_DEBUG", raising=False)

    @handle_errors
    def command(json: bool) -> None:
        raise raised("512-43-8817")

    with pytest.raises(typer.Exit) as stopped:
        command(json=True)
    assert stopped.value.exit_code == code
    printed = capsys.readouterr().out
    assert json.loads(printed)["exit_code"] == code and "8817" not in printed


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_or_a_device_as_the_pdf_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A named pipe as the input was waited on forever, and /dev/zero read until memory ran out
    (fuzzing review, 2026-11-26). Terms and policies may come through a pipe (`<(grep ...)`),
    not from a device."""
    pipe = tmp_path / "input.pdf"
    os.mkfifo(pipe)
    for command in (["redact", str(pipe)], ["check", str(pipe)], ["scan", str(pipe)]):
        assert_clean_failure(run(*command), ExitCode.INPUT_MISSING, "a pipe or a device")
    if Path("/dev/zero").exists():
        assert_clean_failure(run("check", "/dev/zero"), ExitCode.INPUT_MISSING, "a pipe or a device")
        result = run("redact", str(FIXTURES / "sample" / "declaration.pdf"), "-o", str(tmp_path / "p.pdf"),
                     "--log", str(tmp_path / "p.json"), "--terms", "/dev/zero")  # fmt: skip
        assert_clean_failure(result, ExitCode.INVALID_POLICY, "a device")
        result = run("apply", str(FIXTURES / "sample" / "declaration.pdf"), "-o", str(tmp_path / "a.pdf"),
                     "--plan", "/dev/zero")  # fmt: skip
        assert_clean_failure(result, ExitCode.INVALID_PLAN, "a device")
        result = run("unseal", str(tmp_path), "-i", "/dev/zero", "--out", str(tmp_path / "out"))
        assert_clean_failure(result, ExitCode.BAD_ARGS, "a device")


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("ocr", "auto", "ocr must be an object"),
        ("warnings", [{"note": "see me"}], "warnings must be a list [...] of texts"),
        ("policy", {"sources": [5]}, "policy.sources must be a list"),
    ],
)
def test_a_broken_part_of_an_edited_plan_is_named(
    tmp_path: Path, sample: Path, key: str, value: object, words: str
) -> None:
    """These ended in internal errors, one after the public PDF had been written (fuzzing review)."""
    plan = tmp_path / "plan.json"
    assert run("scan", str(sample), "--plan", str(plan)).returncode == 0
    data = json.loads(plan.read_text())
    data[key] = value
    plan.write_text(json.dumps(data))
    result = run("apply", str(sample), "--plan", str(plan), "-o", str(tmp_path / "o.pdf"))
    assert_clean_failure(result, ExitCode.INVALID_PLAN, words)
    assert not (tmp_path / "o.pdf").exists()


def _deep_page_tree(path: Path, depth: int) -> Path:
    """One page under `depth` page tree nodes of one kid each, written by hand (qpdf will not)."""
    text = b"BT /F1 12 Tf 72 700 Td (Declarant: Ana Ruiz) Tj ET"
    bodies = {
        1: b"<< /Type /Catalog /Pages %d 0 R >>" % (9 + depth),
        2: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        3: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        4: b"<< /Type /Page /Parent 10 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 2 0 R >> >> "
        b"/Contents 3 0 R >>",
    }
    for level in range(depth):
        number = 10 + level
        parent = b" /Parent %d 0 R" % (number + 1) if level < depth - 1 else b""
        bodies[number] = b"<< /Type /Pages /Kids [%d 0 R] /Count 1%s >>" % (4 if level == 0 else number - 1, parent)
    return _hand_written(path, bodies)


@pytest.mark.parametrize("command", ["redact", "check"])
def test_a_file_qpdf_cannot_read_is_refused_as_damaged(tmp_path: Path, command: str) -> None:
    """A page tree nested 200 levels deep: MuPDF reads the page, qpdf stops at 100 levels, and the
    run ended in an internal error (exit 70; red-team review, 2026-11-27)."""
    source = _deep_page_tree(tmp_path / "deep.pdf", 200)
    (tmp_path / "terms.txt").write_text("Ana Ruiz\n")
    extra = ["--terms", str(tmp_path / "terms.txt"), "-o", str(tmp_path / "public.pdf")] if command == "redact" else []
    result = run(command, str(source), *extra)
    assert_clean_failure(result, ExitCode.DAMAGED_PDF, "cannot be read by qpdf")
    assert not (tmp_path / "public.pdf").exists()


def _hand_written(path: Path, bodies: dict[int, bytes]) -> Path:
    """A PDF of `bodies` (object number: body) with a correct table of objects."""
    data, offsets = bytearray(b"%PDF-1.7\n"), {}
    for number in sorted(bodies):
        offsets[number] = len(data)
        data += b"%d 0 obj\n%s\nendobj\n" % (number, bodies[number])
    size = max(bodies) + 1
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % size
    data += b"".join(
        b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n" for n in range(1, size)
    )
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("kind", ["Font", "XObject", "ExtGState"])
def test_a_resource_naming_no_object_is_no_internal_error(tmp_path: Path, kind: str) -> None:
    """A page whose resources list an object the file does not hold (`/F9 99999 0 R`, as damaged
    files do): looking it up made MuPDF raise, and the run ended in an internal error (exit 70;
    red-team review, 2026-11-27, found by mutating the sample). Such a reference stands for null."""
    text = b"BT /F1 12 Tf 72 700 Td (Declarant: Ana Ruiz) Tj ET"
    dangling = b"/Resources << /Font << /F1 2 0 R >> /%s << /Z9 99999 0 R >> >>" % kind.encode()
    source = _hand_written(tmp_path / "dangling.pdf", {
        1: b"<< /Type /Catalog /Pages 5 0 R >>",
        2: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        3: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        4: b"<< /Type /Page /Parent 5 0 R /MediaBox [0 0 612 792] %s /Contents 3 0 R >>" % dangling,
        5: b"<< /Type /Pages /Kids [4 0 R 6 0 R] /Count 2 >>",
        6: b"<< /Type /Page /Parent 5 0 R /MediaBox [0 0 612 792] %s /Contents 7 0 R >>" % dangling,
        7: b"<< /Length 0 >>\nstream\n\nendstream",
    })  # fmt: skip
    (tmp_path / "terms.txt").write_text("Ana Ruiz\n")
    result = run("redact", str(source), "--terms", str(tmp_path / "terms.txt"), "-o", str(tmp_path / "public.pdf"))
    assert result.returncode == 0, result.stderr
    assert_gone(tmp_path / "public.pdf", ["Ana Ruiz"])


@pytest.mark.parametrize("where", ["a page's key", "a stream's filter"])
def test_a_name_that_is_not_utf8_is_no_internal_error(tmp_path: Path, where: str) -> None:
    """A name written with a byte that is not UTF-8 (`/Ana\\xeaRuiz`, a font's text map filtered
    `/Fl\\xea`): pikepdf raised reading it in verification, and the run ended in an internal error
    (exit 70; red-team review, 2026-11-27, found by mutating the sample)."""
    text = b"BT /F1 12 Tf 72 700 Td (Declarant: Ana Ruiz) Tj ET"
    odd = b"/Zed /Zo\xeaZo" if where == "a page's key" else b""
    mapped = b"/ToUnicode 6 0 R" if where == "a stream's filter" else b""
    source = _hand_written(tmp_path / "odd.pdf", {
        1: b"<< /Type /Catalog /Pages 5 0 R >>",
        2: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica %s >>" % mapped,
        3: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        4: b"<< /Type /Page /Parent 5 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 2 0 R >> >> "
           b"/Contents 3 0 R %s >>" % odd,
        5: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        6: b"<< /Length 4 /Filter /Fl\xea >>\nstream\nxxxx\nendstream",
    })  # fmt: skip
    (tmp_path / "terms.txt").write_text("Ana Ruiz\n")
    result = run("redact", str(source), "--terms", str(tmp_path / "terms.txt"), "-o", str(tmp_path / "public.pdf"))
    assert result.returncode == 0, result.stderr
    shown = subprocess.run(["pdftotext", str(tmp_path / "public.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Declarant" in shown and "Ruiz" not in shown


# The leak and fail-safety review's findings (2026-11-27).


@pytest.mark.parametrize("command", ["scan", "redact", "check"])
def test_pymupdfs_own_messages_stay_off_stdout(tmp_path: Path, command: str) -> None:
    """PyMuPDF prints its own messages on stdout: reading the fonts of a page whose embedded font
    names an odd kind ("/Subtype /Halvorsen" in its FontFile3) printed "unhandled font type
    'Halvorsen'" three times before --json's summary, quoting a name the file chose and breaking
    the JSON a script reads."""
    text = b"BT /F1 12 Tf 72 700 Td (Declarant: Ana Ruiz) Tj ET"
    source = _hand_written(tmp_path / "font.pdf", {
        1: b"<< /Type /Catalog /Pages 5 0 R >>",
        2: b"<< /Type /Font /Subtype /Type1 /BaseFont /Zed /FirstChar 32 /LastChar 32 /Widths [250] "
           b"/FontDescriptor 6 0 R >>",
        3: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        4: b"<< /Type /Page /Parent 5 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 2 0 R >> >> "
           b"/Contents 3 0 R >>",
        5: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        6: b"<< /Type /FontDescriptor /FontName /Zed /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
           b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile3 7 0 R >>",
        7: b"<< /Length 4 /Subtype /Halvorsen >>\nstream\nxxxx\nendstream",
    })  # fmt: skip
    extra = {"scan": ["--plan", str(tmp_path / "plan.json")], "check": []}.get(
        command, ["-o", str(tmp_path / "public.pdf"), "--log", str(tmp_path / "plan.json")]
    )
    result = run(command, str(source), *extra, "--json")
    assert "Halvorsen" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    json.loads(result.stdout)  # nothing but the summary


def test_a_name_longer_than_the_system_allows_is_the_inputs_or_the_outputs_error(tmp_path: Path, sample: Path) -> None:
    """A PDF, -o, --log or --plan named past the system's 255 bytes a name ended in "internal
    error (OSError) ... please report it", exit 70: asking whether it names a folder raised."""
    long = str(tmp_path / ("y" * 300 + ".pdf"))
    for args in (
        ["redact", long],
        ["scan", long],
        ["apply", long, "--plan", str(tmp_path / "p.json")],
        ["check", long],
    ):
        assert_clean_failure(run(*args), ExitCode.INPUT_MISSING, "too long")
    for args in (["redact", str(sample), "-o", long], ["redact", str(sample), "--log", long],
                 ["scan", str(sample), "--plan", long]):  # fmt: skip
        assert_clean_failure(run(*args), ExitCode.OUTPUT_NOT_WRITABLE, "choose a shorter name")
    assert sorted(p.name for p in tmp_path.iterdir()) == [sample.name]


def test_an_interruption_after_the_public_pdf_was_written_says_so(
    tmp_path: Path, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C or `kill` while the plan was written, once the public PDF was, said "interrupted;
    nothing was written" (exit 130) beside a public PDF that had no plan."""
    from typer.testing import CliRunner

    from redactor import api
    from redactor.cli import app

    monkeypatch.delenv("REDACTOR_DEBUG", raising=False)
    written = api.write_atomic

    def interrupted_at_the_plan(path: Path, data: bytes) -> None:
        if path.suffix == ".json":
            raise KeyboardInterrupt
        written(path, data)

    monkeypatch.setattr(api, "write_atomic", interrupted_at_the_plan)
    result = CliRunner().invoke(app, ["redact", str(sample)])
    assert result.exit_code == ExitCode.INTERRUPTED, result.output
    message = " ".join(result.output.split())
    assert "nothing was written" not in message
    assert f"after the public PDF {tmp_path / 'declaration.redacted.pdf'} was written and verified" in message
    assert "was not written" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["declaration.pdf", "declaration.redacted.pdf"]


@pytest.mark.parametrize("command", ["redact", "scan", "apply"])
def test_an_interruption_while_the_summary_prints_says_what_was_written(
    tmp_path: Path, sample: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Ctrl-C in the moment the summary prints, once the files were written, said "interrupted;
    nothing was written" beside a written public PDF and plan (README Known limits)."""
    from typer.testing import CliRunner

    from redactor import cli

    monkeypatch.delenv("REDACTOR_DEBUG", raising=False)
    plan = tmp_path / "declaration.redactions.json"
    if command == "apply":
        assert CliRunner().invoke(cli.app, ["scan", str(sample)]).exit_code == 0
    written = {
        "redact": ["declaration.redacted.pdf", plan.name],
        "scan": [plan.name],
        "apply": ["declaration.redacted.pdf", plan.name],
    }[command]

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "print_summary", interrupted)
    args = [command, str(sample)] + (["--plan", str(plan)] if command == "apply" else [])
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == ExitCode.INTERRUPTED, result.output
    message = " ".join(result.output.split())
    assert "nothing was written" not in message
    assert "interrupted while the summary was shown" in message
    assert all(str(tmp_path / name) in message for name in written), message
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["declaration.pdf", *written])


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names cannot hold control characters")
def test_a_file_name_cannot_send_commands_to_the_terminal(tmp_path: Path, sample: Path) -> None:
    """rich prints ESC as it is: a received file named "\\x1b]52;c;...\\x1b\\\\" (which sets the
    clipboard in many terminals) or "\\x1b]0;...\\x1b\\\\" (the window's title) sent its commands to
    the terminal of whoever ran `check *.pdf`, or `scan`, `redact`, or got an error naming it."""
    named = sample.rename(tmp_path / "exhibit\x1b]0;pwned\x1b\\\x1b[8m\u202e.pdf")
    runs = [
        run("check", str(named)),
        run("scan", str(named)),
        run("redact", str(named)),
        run("redact", str(named), "-o", str(named)),
    ]
    assert [r.returncode for r in runs] == [ExitCode.FINDINGS, 0, 0, ExitCode.OUTPUT_NOT_WRITABLE]
    for result in runs:
        shown = result.stdout + result.stderr
        assert "exhibit?]0;pwned?\\?[8m?" in "".join(shown.split())
        assert "\x1b" not in shown and "\u202e" not in shown and "Traceback" not in shown


def _named_by_the_file(path: Path, link: bytes | None = None) -> Path:
    """A page whose annotation's kind and the catalog's name-tree key are text the file chose
    ("/Ana#20Ruiz", "/Ana#20Ruiz#20DOB"), and `link`, an annotation after it."""
    text = b"BT /F1 12 Tf 72 700 Td (Public words only) Tj ET"
    annots = b"[6 0 R 7 0 R]" if link else b"[6 0 R]"
    return _hand_written(path, {
        1: b"<< /Type /Catalog /Pages 5 0 R /Names << /Ana#20Ruiz#20DOB << /Names [] >> >> >>",
        2: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        3: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        4: b"<< /Type /Page /Parent 5 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 2 0 R >> >> "
           b"/Contents 3 0 R /Annots %s >>" % annots,
        5: b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        6: b"<< /Type /Annot /Subtype /Ana#20Ruiz /Rect [10 10 50 50] >>",
        **({7: link} if link else {}),
    })  # fmt: skip


def test_names_a_file_chose_are_not_printed(tmp_path: Path) -> None:
    """An annotation's kind and a name tree's key are names the file writes, any text at all: check
    printed "1 Ana#20Ruiz annotation(s)" and "name tree(s) Ana#20Ruiz#20DOB ...", and redact's
    refusal "hidden content left: name tree /Ana#20Ruiz#20DOB", in the terminal and in --json."""
    source = _named_by_the_file(tmp_path / "names.pdf")
    checked = run("check", str(source), env={"COLUMNS": "300"})
    assert "other annotation(s)" in checked.stdout and "name tree(s) other" in checked.stdout
    runs = [checked, run("check", str(source), "--json")]
    runs += [run("redact", str(source), *json, "-o", str(tmp_path / "p.pdf")) for json in ([], ["--json"])]
    for result in runs:
        assert "Ruiz" not in result.stdout + result.stderr and "Traceback" not in result.stderr


def test_an_annotation_or_name_tree_of_a_kind_mupdf_does_not_know_is_removed(tmp_path: Path) -> None:
    """MuPDF does not list an annotation whose kind the file made up, nor set to null a name-tree
    key written with an escape: both stayed, verification found them, and redact refused the file
    (exit 10) with nothing the user could do (leak review). Both are now removed, and said so."""
    import pikepdf

    link = b"<< /Type /Annot /Subtype /Link /Rect [72 690 200 710] /A << /S /URI /URI (https://www.uscourts.gov) >> >>"
    source = _named_by_the_file(tmp_path / "names.pdf", link)
    public, plan = tmp_path / "p.pdf", tmp_path / "p.json"
    result = run("redact", str(source), "-o", str(public), "--log", str(plan))
    assert result.returncode == 0, result.stderr
    with pikepdf.open(public) as pdf:
        assert [a.Subtype for a in pdf.pages[0].get("/Annots", [])] == [pikepdf.Name.Link]
        assert "/Ana Ruiz DOB" not in pdf.Root.get("/Names", {}).keys()
    assert "Ruiz" not in plan.read_text() + result.stdout + result.stderr
    assert "name tree" in plan.read_text() and "1 other" in plan.read_text()


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs interval timers")
def test_an_interruption_while_mupdf_calls_back_is_an_interruption(capfd: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C landing in the Python code PyMuPDF runs as MuPDF's drawing device (get_bboxlog,
    get_drawings, get_texttrace: redact and check call them on every page) crossed C++: the
    bindings printed "Director error: <class 'KeyboardInterrupt'>" and a traceback on stderr,
    and the run ended "MuPDF could not read part of the PDF (it is damaged)", exit 5 (leak
    review, interrupting a 300-page redaction). The interruption now waits until MuPDF returns."""
    import pymupdf

    from redactor import cli

    doc = pymupdf.open()
    for _ in range(3):
        page = doc.new_page()
        for line in range(60):
            page.insert_text((36, 20 + 12 * line), "Lanes 20 through 24 have no camera coverage " * 2, fontsize=8)
        page.draw_rect((10, 10, 50, 50), fill=(0, 0, 0))
    armed = [False]  # the handler acts only while an attempt's try block runs

    def interrupt_while_armed(signum: int, frame: object) -> None:
        # A re-raise deferred past its attempt would otherwise land on a loop's back edge,
        # outside any try, and end the whole test run with KeyboardInterrupt (CI, stop 19).
        if armed[0]:
            cli._interrupt(signum, frame)

    previous = signal.signal(signal.SIGALRM, interrupt_while_armed)
    raised = []
    try:
        for attempt in range(60):
            try:
                armed[0] = True
                signal.setitimer(signal.ITIMER_REAL, 0.0005 + attempt * 0.0002)
                for _ in range(20):
                    for page in doc:
                        page.get_bboxlog()
                        page.get_drawings()
                signal.setitimer(signal.ITIMER_REAL, 0)
                armed[0] = False
            except BaseException as error:  # noqa: BLE001
                armed[0] = False
                raised.append(type(error).__name__)
        # A deferred signal still on its way is dropped by the handler, not the default one.
        while any(isinstance(t, threading.Timer) and t.is_alive() for t in threading.enumerate()):
            time.sleep(0.01)
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert raised and set(raised) == {"KeyboardInterrupt"}, raised
    assert "Director" not in capfd.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGHUP on Windows")
def test_a_hangup_ignored_by_nohup_stays_ignored() -> None:
    """`nohup redactor redact big.pdf &` ignores SIGHUP so that the run outlives the terminal;
    redactor turned it back into an interruption, and closing the terminal stopped the run."""
    code = (
        "import os, signal; signal.signal(signal.SIGHUP, signal.SIG_IGN); from redactor import cli; "
        "cli._stop_cleanly_on_termination(); os.kill(os.getpid(), signal.SIGHUP); print('still running')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stdout.strip() == "still running", result.stderr


def test_ctrl_c_while_the_libraries_load_is_one_line_and_exit_130() -> None:
    """The command's entry point loads PyMuPDF and the rest after taking Ctrl-C itself: an
    interruption in that first moment printed Python's traceback (leak review). The import of
    the command line is made to raise as Ctrl-C would, at a point no timer can hit reliably."""
    script = (
        "import sys\n"
        "class Interrupting:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'redactor.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupting())\n"
        "from redactor.launch import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == ExitCode.INTERRUPTED
    assert result.stderr == "interrupted; nothing was written\n"


def test_python_dash_m_redactor_is_the_command() -> None:
    result = subprocess.run([sys.executable, "-m", "redactor", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "redact" in result.stdout
