"""scan -> a reviewer edits the plan -> apply."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
from conftest import assert_gone, assert_present
from test_errors import run

import redactor
from redactor.api import default_plan_path
from redactor.plan import parse_plan


def test_scan_changes_nothing_and_writes_only_the_plan(sample: Path, terms_file: Path) -> None:
    before = sample.read_bytes()
    result = run("scan", str(sample), "--terms", str(terms_file))
    assert result.returncode == 0, result.stderr
    assert sample.read_bytes() == before
    assert sorted(p.name for p in sample.parent.iterdir()) == ["declaration.pdf", "declaration.redactions.json"]
    plan = json.loads(default_plan_path(sample).read_text())
    assert plan["output"] is None and plan["verification"] is None
    assert {r["status"] for r in plan["redactions"]} == {"proposed"}


def test_rejected_redaction_stays_and_manual_box_is_removed(sample: Path, terms_file: Path, tmp_path: Path) -> None:
    plan_path = tmp_path / "plan.json"
    assert run("scan", str(sample), "--terms", str(terms_file), "--plan", str(plan_path)).returncode == 0
    plan = json.loads(plan_path.read_text())
    # Keep the cost estimate public; black out the declarant's first name on the signature page by hand.
    kept = next(r for r in plan["redactions"] if r["text"] == "$4,872,500")
    kept["status"] = "rejected"
    with pymupdf.open(sample) as doc:
        last = doc.page_count
        name = doc[-1].search_for("Executed on")[0]
    plan["redactions"].append(
        {
            "page": last,
            "boxes": [{"page": last, "rect": list(name)}],
            "status": "manual",
            "reason": "MANUAL",
            "text": "Executed on",
        }  # fmt: skip
    )
    plan_path.write_text(json.dumps(plan))
    out = tmp_path / "public.pdf"
    result = run("apply", str(sample), "--plan", str(plan_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert_present(out, ["$4,872,500"])
    assert_gone(out, ["Executed on", "HSBP1017C00045", "512-43-8817"])
    final = json.loads(plan_path.read_text())
    assert final["verification"]["passed"] is True
    assert final["output"]["sha256"] == redactor.api.sha256(out.read_bytes())


def test_scan_and_redact_never_write_over_a_review(sample: Path, terms_file: Path, tmp_path: Path) -> None:
    """Running scan or redact again silently replaced a reviewed plan with fresh proposals, and
    redact then wrote a public PDF without the reviewer's manual boxes (UX review, 2026-11-26)."""
    from test_errors import assert_clean_failure

    from redactor.errors import ExitCode

    plan_path = default_plan_path(sample)
    assert run("scan", str(sample), "--terms", str(terms_file)).returncode == 0
    assert run("scan", str(sample), "--terms", str(terms_file)).returncode == 0  # proposals only: nothing to lose
    plan = json.loads(plan_path.read_text())
    plan["redactions"][0]["status"] = "rejected"
    plan_path.write_text(json.dumps(plan))
    reviewed = plan_path.read_bytes()
    for command in ("scan", "redact"):
        result = run(command, str(sample), "--terms", str(terms_file))
        assert_clean_failure(result, ExitCode.OUTPUT_NOT_WRITABLE, "holds a review (1 rejected)")
        assert plan_path.read_bytes() == reviewed
    assert not sample.with_name("declaration.redacted.pdf").exists()
    assert run("apply", str(sample), "--plan", str(plan_path)).returncode == 0  # the way on
    assert run("scan", str(sample), "--terms", str(terms_file), "--plan", str(tmp_path / "fresh.json")).returncode == 0


def test_library_api_round_trip(sample: Path, terms_file: Path, tmp_path: Path) -> None:
    plan = redactor.scan(sample, terms=terms_file)
    for redaction in plan.redactions:
        if redaction.category == "cost":
            redaction.status = "rejected"
    result = redactor.apply(sample, plan, tmp_path / "out.pdf")
    assert result.verification.passed
    assert_present(result.output, ["$187.50"])
    assert_gone(result.output, ["Sentinel Integrated Systems"])


def test_apply_cleans_where_links_lead_by_the_policy_the_plan_names(tmp_path: Path) -> None:
    """The plan lists what is on the pages; where a link leads is not on any page, so `apply`
    cleans it as `redact` would, by the policy that made the plan: the built-in one deletes a
    link to a personal address, a policy that switches the e-mail rule off keeps it."""
    source = tmp_path / "link.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 100), "Write to the declarant's counsel.", fontsize=11)
        where = page.search_for("Write to")[0]
        page.insert_link({"kind": pymupdf.LINK_URI, "from": where, "uri": "mailto:jane.doe@gmail.com"})
        doc.save(source)
    policy = tmp_path / "policy.toml"
    policy.write_text('[policy]\ndisable = ["privacy.email"]\n')
    for name, chosen, links in (("default", None, 0), ("no-email", policy, 1)):
        plan = redactor.scan(source, policy=chosen)
        assert plan.redactions == []
        result = redactor.apply(source, plan, tmp_path / f"{name}.pdf")
        assert_present(result.output, ["Write to the declarant's counsel."])
        with pymupdf.open(result.output) as doc:
            assert len(doc[0].get_links()) == links, name


def test_a_rejected_redaction_mark_is_not_applied(tmp_path: Path) -> None:
    """A mark from another tool is a proposal like any other: rejected in review, it is not applied,
    even on a page where other redactions are. (MuPDF applies every Redact annotation of a page it
    redacts, so redactor takes the marks out first: here the badge's mark would have gone with
    the manual box over its corner.)"""
    from test_hard_cases import _marked

    from redactor.plan import Box, Redaction

    source = _marked(tmp_path / "marked.pdf")
    plan = redactor.scan(source, ocr="never")
    for redaction in plan.redactions:
        if redaction.label == "(b)(4)" or (redaction.page == 2 and redaction.category == "marked"):
            redaction.status = "rejected"
    beside = Box(page=2, rect=[150.0, 110.0, 210.0, 125.0])  # over a corner of the badge
    plan.redactions.append(
        Redaction("manual-1", 2, [beside], "manual", "manual", "MANUAL", "reviewer", "manual", "manual", "", [])
    )
    result = redactor.apply(source, plan, tmp_path / "out.pdf", ocr="never")
    assert_present(
        result.output, ["The contractor Halvorsen Logistics installed the cameras.", "badge is shown below."]
    )
    assert_gone(result.output, ["4100 Otay Mesa", "Building 7"])
    with pymupdf.open(result.output) as doc:
        fills = {tuple(round(c, 1) for c in d["fill"]) for d in doc[1].get_drawings() if d.get("fill")}
    assert (0.2, 0.3, 0.8) in fills  # the badge stays


def test_the_plan_keeps_each_rectangle_on_one_line(sample: Path, terms_file: Path) -> None:
    """A reviewer reads and edits the plan in a text editor: a box's corners stay on one line."""
    plan = redactor.scan(sample, terms=terms_file)
    text = plan.to_json()
    rect = plan.redactions[0].boxes[0].rect
    assert f'"rect": [{rect[0]}, {rect[1]}, {rect[2]}, {rect[3]}]' in text
    assert '"status": "proposed",\n' in text  # one field a line, as a reviewer flips it
    assert parse_plan(text.encode("utf-8")).redactions == plan.redactions


def test_a_category_typed_by_a_reviewer_is_not_printed(sample: Path, tmp_path: Path) -> None:
    """The terminal shows categories and rules of the plan; a reviewer may type anything there,
    even the words a box covers (red-team review, 2026-11-26)."""
    plan_path = tmp_path / "plan.json"
    assert run("scan", str(sample), "--plan", str(plan_path)).returncode == 0
    plan = json.loads(plan_path.read_text())
    plan["redactions"][0]["category"] = "Halvorsen Logistics"
    plan_path.write_text(json.dumps(plan))
    result = run("apply", str(sample), "--plan", str(plan_path), "-o", str(tmp_path / "public.pdf"))
    assert result.returncode == 0, result.stderr
    assert "Halvorsen" not in result.stdout + result.stderr and "(not shown)" in result.stdout


def test_a_label_typed_with_a_dash_quotes_or_letters_helvetica_lacks_is_applied(sample: Path, tmp_path: Path) -> None:
    """A reviewer's label "FOIA (b)(6) – privacy" (the dash a word processor types) was drawn with
    "?" for the dash, and verification, which allowed the plan's label under the box and not the
    "?", refused the run: "manual text still present under a box" (exit 10, leak review). The
    dash and curly quotes are drawn; what the font lacks (Greek, a tab) is drawn as "?" or a space."""
    plan_path = tmp_path / "plan.json"
    assert run("scan", str(sample), "--plan", str(plan_path)).returncode == 0
    plan = json.loads(plan_path.read_text())
    with pymupdf.open(sample) as doc:
        last = doc.page_count
        executed = doc[-1].search_for("Executed on")[0]
    labels = {"FOIA (b)(6) – “privacy”": ["FOIA", "(b)(6)", "–", "“privacy”"], "Ωμέγα\tB6": ["?????", "B6"]}
    for index, label in enumerate(labels):
        rect = [executed.x0, executed.y0 + 14 * index, executed.x0 + 200, executed.y1 + 14 * index]
        plan["redactions"].append({"page": last, "boxes": [{"page": last, "rect": rect}], "status": "manual",
                                   "label": label})  # fmt: skip
    plan_path.write_text(json.dumps(plan))
    out = tmp_path / "public.pdf"
    result = run("apply", str(sample), "--plan", str(plan_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert_gone(out, ["Executed on", "512-43-8817"])
    with pymupdf.open(out) as doc:
        words = [w[4] for w in doc[-1].get_text("words")]
    for drawn in labels.values():
        assert all(word in words for word in drawn), (drawn, words)


def test_apply_names_the_file_it_applied_the_plan_to(sample: Path, tmp_path: Path) -> None:
    """A plan made for declaration.pdf, applied to a copy of it (the same bytes): the summary and
    the plan written named the file of the scan, not the one redacted (leak review)."""
    plan_path = tmp_path / "plan.json"
    assert run("scan", str(sample), "--plan", str(plan_path)).returncode == 0
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(sample.read_bytes())
    result = run("apply", str(copy), "--plan", str(plan_path), "-o", str(tmp_path / "o.pdf"), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["input"] == str(copy)
    assert json.loads(plan_path.read_text())["input"]["path"] == str(copy)


def test_the_librarys_names_stay_what_they_are_once_every_module_is_loaded() -> None:
    """The package's names load when first used, and importing a module sets the package's
    attribute of its name: a module named like a function (redactor/apply.py, once) replaced
    `redactor.apply` with itself, and `redactor.apply(...)` said "'module' object is not callable"."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(redactor.__path__):
        if module.name not in ("__main__", "launch"):
            importlib.import_module(f"redactor.{module.name}")
    for name in redactor.__all__:
        assert not isinstance(getattr(redactor, name), type(redactor)), name
