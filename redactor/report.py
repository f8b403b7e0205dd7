"""Summaries for people and for scripts. Nothing here prints document text: counts, pages,
categories and masked previews only."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from redactor.mask import mask
from redactor.plan import Plan


def printable(text: str) -> str:
    """`text` with every control and format character shown as "?": rich passes ESC through, and
    a file name, a package's manifest or a plan is anyone's to write. An escape sequence can set
    the clipboard or the window title, or erase the line printed before ("problem: ... altered");
    the bidirectional controls (format characters) reorder what is shown."""
    return "".join("?" if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)


def summary(plan: Plan, output: str | None = None, plan_path: str | None = None) -> dict[str, Any]:
    """The run in numbers, safe to print or log."""
    applied = plan.applied
    return {
        "input": plan.input_path,
        "output": output,
        "plan": plan_path,
        "pages": plan.pages,
        "redactions": len(applied),
        "rejected": len(plan.redactions) - len(applied),
        "by_category": dict(sorted(Counter(shown_label(r.category) for r in applied).items())),
        "review_recommended": sum(1 for r in applied if r.review),
        "sanitized": [item["what"] + ": " + item["detail"] for item in plan.sanitized],
        "warnings": plan.warnings,
        "ocr_pages": (plan.ocr or {}).get("pages", []),
        "verification": (plan.verification or {}).get("passed"),
    }


# What a plan's id, category and rule look like as redactor writes them; a reviewer may type
# anything there, even the text a box covers, which the terminal must not show.
_LABEL = re.compile(r"[A-Za-z0-9][\w.:-]{0,60}")


def plain(text: str) -> str:
    """`text` to print through rich's markup: as it is, never as markup or terminal commands."""
    return escape(printable(text))


def shown_label(value: str) -> str:
    return value if _LABEL.fullmatch(value) else "(not shown)"


def print_json(data: dict[str, Any]) -> None:
    print(json.dumps(data, indent=2))


def print_summary(console: Console, data: dict[str, Any], title: str) -> None:
    console.print(f"[bold]{title}[/bold]: {plain(str(data['input']))} ({data['pages']} pages)")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("category")
    table.add_column("redactions", justify="right")
    for category, count in data["by_category"].items():
        table.add_row(category, str(count))
    if data["by_category"]:
        console.print(table)
    else:
        console.print("No sensitive text found.")
    if data["rejected"]:
        console.print(f"{data['rejected']} proposed redaction(s) rejected in review and left in place.")
    if data["review_recommended"]:
        console.print(
            f'{data["review_recommended"]} redaction(s) carry a review note ("review" in the plan): check each, '
            'and set "status": "rejected" on any that should stay public, then run apply.'
        )
    if data.get("ocr_pages"):
        pages = data["ocr_pages"]
        shown = ", ".join(map(str, pages[:12])) + (f" and {len(pages) - 12} more" if len(pages) > 12 else "")
        console.print(f"read by OCR (Tesseract): page(s) {shown}")
    if data["sanitized"]:  # one line of plain names; the details (PDF object names) are in the plan
        kinds = list(dict.fromkeys(line.split(": ", 1)[0] for line in data["sanitized"]))
        console.print(f"sanitized (hidden content removed; details in the plan): {plain(', '.join(kinds))}")
    for warning in data["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {plain(warning)}")
    if data["verification"] is True:
        console.print(
            "[green]verified[/green]: the public PDF was read back with two independent PDF readers "
            "(MuPDF, qpdf); none of the redacted text is in it."
        )
    if data["output"]:
        console.print(f"public PDF: {plain(str(data['output']))}")
    if data["plan"]:
        console.print(
            f"plan: {plain(str(data['plan']))} [dim](holds the redacted text: keep it with the sealed original)[/dim]"
        )


def print_plan_table(console: Console, plan: Plan) -> None:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("id", "page", "category", "rule", "status", "preview"):
        table.add_column(column, overflow="fold")  # on a narrow terminal, an id wraps, whole, not cut short
    for r in plan.redactions:
        cells = (shown_label(r.id), str(r.page), shown_label(r.category), shown_label(r.rule), r.status,
                 mask(" ".join(r.removed) or r.text))  # fmt: skip
        table.add_row(*map(escape, cells))
    console.print(table)


_STYLE = {"error": "red", "warning": "yellow", "info": "dim"}


def print_audit(console: Console, report: Any) -> None:
    """One file's audit: a line per problem, worst first, masked previews only."""
    order = {"error": 0, "warning": 1, "info": 2}
    problems = sorted(report.problems, key=lambda p: (order[p.severity], p.page or 0))
    if not problems:
        console.print(f"[green]clean[/green]: {plain(str(report.path))}: no problems found")
        return
    counts = Counter(p.severity for p in problems)
    plural = {"error": "errors", "warning": "warnings", "info": "info"}
    summary_line = ", ".join(
        f"{counts[s]} {s if counts[s] == 1 else plural[s]}" for s in ("error", "warning", "info") if counts[s]
    )
    console.print(f"[bold]{plain(str(report.path))}[/bold]: {summary_line}")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("severity", "page", "kind", "what", "preview"):
        table.add_column(column, overflow="fold")
    for p, pages, count in _grouped(problems):
        message = p.message + (f" ({count} times)" if count > 1 else "")
        table.add_row(f"[{_STYLE[p.severity]}]{p.severity}[/]", pages, p.kind, plain(message), plain(p.preview))
    console.print(table)


def _grouped(problems: list[Any]) -> list[tuple[Any, str, int]]:
    """Problems said alike (the same kind, words and preview) as one row: the first of them, the
    pages they are on ("1-3, 7"), and how many. A redacted declaration has a width-leak note for
    every box; thirty identical rows hid the one that mattered. --json keeps every problem."""
    groups: dict[tuple[str, str, str, str], list[Any]] = {}
    for p in problems:
        groups.setdefault((p.severity, p.kind, p.message, p.preview), []).append(p)
    return [(same[0], _page_ranges([p.page for p in same]), len(same)) for same in groups.values()]


def _page_ranges(pages: list[int | None]) -> str:
    numbers = sorted({p for p in pages if p})
    if not numbers:
        return "-"
    ranges: list[list[int]] = []
    for n in numbers:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)


def package_summary(result: Any) -> dict[str, Any]:
    """A package run in numbers: no sealed text, no key material."""
    return {
        "package": str(result.path),
        "zip": str(result.zip_path) if result.zip_path else None,
        "signing_key_fingerprint": result.fingerprint,
        "court": result.court,
        "documents": [
            {
                "name": d.name,
                "pages": d.pages,
                "redactions": d.redactions,
                "by_category": dict(sorted(d.by_category.items())),
                "from_other_documents": d.from_other_documents,
                "reviewed_plan": d.reviewed_plan,
                "public_bytes": d.public_size,
            }
            for d in result.documents
        ],
        "warnings": result.warnings,
    }


def print_package(console: Console, data: dict[str, Any]) -> None:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("document", "pages", "redactions", "from other documents", "plan"):
        table.add_column(column)
    for d in data["documents"]:
        table.add_row(
            plain(d["name"]), str(d["pages"]), str(d["redactions"]), str(d["from_other_documents"]),
            "reviewed" if d["reviewed_plan"] else "scanned",
        )  # fmt: skip
    console.print(table)
    carried = sum(d["from_other_documents"] for d in data["documents"])
    if carried:
        console.print(
            f"{carried} redaction(s) made because the same value was redacted in another document of the filing."
        )
    for warning in data["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {plain(warning)}")
    console.print(
        "[green]verified[/green]: every public PDF was read back with two independent PDF readers "
        "(MuPDF, qpdf); none of the redacted text is in them."
    )
    folder = plain(data["package"])
    console.print(f"package: {folder}" + (f"  (and {plain(data['zip'])})" if data["zip"] else ""))
    console.print(f"  public versions to file: {folder}/data/public/")
    console.print(f"  sealing chart to attach: {folder}/data/chart/sealing-chart.pdf")
    console.print(f"  prepared under: {plain(data['court'])}")
    console.print(f"manifest signed with Ed25519 key {data['signing_key_fingerprint']} (printed on the chart)")


def check_summary(result: Any) -> dict[str, Any]:
    return {
        "package": str(result.path),
        "passed": result.passed,
        "problems": result.problems,
        "signing_key_fingerprint": result.fingerprint,
        "files_checked": result.files_checked,
        "sealed_part_opened": result.sealed_opened,
        "public_pdfs_leak_checked": result.documents_leak_checked,
    }


def print_package_check(console: Console, data: dict[str, Any], signer_checked: bool = False) -> None:
    for problem in data["problems"]:
        console.print(f"[red]problem:[/red] {plain(problem)}", highlight=False)
    if not data["passed"]:
        console.print(f"[red]package does not verify[/red]: {len(data['problems'])} problem(s)")
        return
    console.print(f"[green]verified[/green]: {data['files_checked']} file(s) match the signed manifest")
    compare = "the key given with --signer" if signer_checked else "compare it with the filed sealing chart"
    console.print(f"signed with Ed25519 key {data['signing_key_fingerprint']}: {compare}")
    if data["sealed_part_opened"]:
        console.print(
            f"sealed part opened; {data['public_pdfs_leak_checked']} public PDF(s) re-checked against their plans: no leak"
        )
    else:
        console.print(
            "[dim]sealed part not opened: give --identity or --passphrase-file to check the originals too[/dim]"
        )
