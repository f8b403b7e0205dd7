"""The `redactor` command: argument parsing and printing only; the work is in `redactor.api`.

Every failure is mapped to its exit code here, in one place, with a one-line
message and no traceback (set REDACTOR_DEBUG=1 to see one while developing).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.text import Text

from redactor import api
from redactor.errors import ExitCode, RedactorError
from redactor.plan import load_plan
from redactor.report import print_json, print_plan_table, print_summary, summary

app = typer.Typer(
    name="redactor",
    help="Find sensitive text in court filings, remove it for real, and prove it is gone.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(command: F) -> F:
    """Turn every failure of a command into a one-line message and its exit code, never a traceback
    (an unexpected exception's text could quote the document; set REDACTOR_DEBUG=1 to see it)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RedactorError as error:
            err.print(Text("error: ", style="red") + Text(str(error)), highlight=False, soft_wrap=True)
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            err.print("interrupted; nothing was written")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as error:
            if os.environ.get("REDACTOR_DEBUG"):
                raise
            err.print(
                Text("internal error ", style="red")
                + Text(f"({error.__class__.__name__}); nothing was written. Please report it; set REDACTOR_DEBUG=1 for details.")
            )
            raise typer.Exit(int(ExitCode.INTERNAL_ERROR)) from None

    return wrapper  # type: ignore[return-value]


PASSWORD_ENV = "REDACTOR_PDF_PASSWORD"
PROGRESS_MIN_PAGES = 20

Input = Annotated[Path, typer.Argument(help="The PDF to read. It is never modified.", show_default=False)]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Public PDF to write [default: INPUT.redacted.pdf].")]
Terms = Annotated[Path | None, typer.Option("--terms", help="Text file of terms to redact, one per line.")]
PolicyOpt = Annotated[Path | None, typer.Option("--policy", help="TOML policy that adds, disables or relabels rules.")]
Label = Annotated[bool | None, typer.Option("--label/--no-label", help="Print the reason code on each box.")]
Password = Annotated[
    bool,
    typer.Option("--password", help=f"Ask for the PDF's password (or set {PASSWORD_ENV}); never typed on the command line."),
]
Json = Annotated[bool, typer.Option("--json", help="Print the summary as JSON for scripts.")]


def _password(ask: bool) -> str | None:
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if ask:
        return typer.prompt("PDF password", hide_input=True)
    return None


@contextmanager
def _progress(pages: int, enabled: bool) -> Iterator[api.Progress | None]:
    if not enabled or pages < PROGRESS_MIN_PAGES:
        yield None
        return
    columns = (TextColumn("redacting"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("pages", total=pages)
        yield lambda n: bar.advance(task, n)


@app.command()
@handle_errors
def redact(
    input: Input,
    output: Output = None,
    log: Annotated[Path | None, typer.Option("--log", help="Plan to write [default: INPUT.redactions.json].")] = None,
    terms: Terms = None,
    policy: PolicyOpt = None,
    label: Label = None,
    password: Password = False,
    json: Json = False,
) -> None:
    """Find sensitive text, remove it, sanitize the file, verify, and write the public PDF."""
    with _progress(_page_count(input), not json) as progress:
        result = api.redact(
            input, output, plan_path=log, policy=policy, terms=terms,
            password=_password(password), label=label, progress=progress,
        )  # fmt: skip
    data = summary(result.plan, str(result.output), str(result.plan_path))
    print_json(data) if json else print_summary(out, data, "redacted")


@app.command()
@handle_errors
def scan(
    input: Input,
    plan: Annotated[Path | None, typer.Option("--plan", help="Plan to write [default: INPUT.redactions.json].")] = None,
    terms: Terms = None,
    policy: PolicyOpt = None,
    password: Password = False,
    json: Json = False,
) -> None:
    """Find sensitive text and write a plan to review; change nothing."""
    plan_path = plan or api.default_plan_path(input)
    from redactor.pdfio import check_writable, write_atomic

    check_writable(plan_path, input)
    found = api.scan(input, policy=policy, terms=terms, password=_password(password))
    write_atomic(plan_path, found.to_json().encode("utf-8"))
    data = summary(found, None, str(plan_path))
    if json:
        print_json(data)
        return
    print_plan_table(out, found)
    print_summary(out, data, "scanned")
    out.print("Review the plan (set a status to \"rejected\" to keep text, add boxes with status \"manual\"), then run apply.")


@app.command("apply")
@handle_errors
def apply_plan(
    input: Input,
    plan: Annotated[Path, typer.Option("--plan", help="The reviewed plan.", show_default=False)],
    output: Output = None,
    label: Label = None,
    password: Password = False,
    json: Json = False,
) -> None:
    """Apply a reviewed plan: remove, sanitize, verify and write the public PDF."""
    reviewed = load_plan(plan)
    with _progress(reviewed.pages, not json) as progress:
        result = api.apply(
            input, reviewed, output, plan_out=plan, password=_password(password), label=label, progress=progress
        )
    data = summary(result.plan, str(result.output), str(plan))
    print_json(data) if json else print_summary(out, data, "applied")


@app.command()
@handle_errors
def check(
    files: Annotated[list[Path], typer.Argument(help="PDFs to audit.", show_default=False)],
    terms: Terms = None,
    policy: PolicyOpt = None,
    fail_on: Annotated[str, typer.Option("--fail-on", help="Exit non-zero for findings at or above: info, warning, error.")] = "warning",
    password: Password = False,
    json: Json = False,
) -> None:
    """Audit PDFs for failed redactions, hidden text and content, and filing problems."""
    from redactor.audit import SEVERITIES, audit
    from redactor.errors import InvalidPolicy
    from redactor.report import print_audit

    if fail_on not in SEVERITIES:
        raise InvalidPolicy(f"--fail-on must be one of {', '.join(SEVERITIES)}")
    term_list, _ = api.read_terms(terms)
    secret = _password(password)
    reports, failures = [], []
    for path in files:
        try:
            reports.append(audit(path, policy=policy, terms=term_list, password=secret))
        except RedactorError as error:
            if isinstance(error, InvalidPolicy):
                raise
            failures.append((path, error))
    if json:
        print_json({
            "files": [r.as_dict() for r in reports],
            "unreadable": [{"file": str(p), "error": str(e), "exit_code": int(e.exit_code)} for p, e in failures],
        })  # fmt: skip
    else:
        for report in reports:
            print_audit(out, report)
        for _, error in failures:
            err.print(Text("error: ", style="red") + Text(str(error)), highlight=False, soft_wrap=True)
    if failures:
        raise typer.Exit(int(failures[0][1].exit_code))
    if any(report.at_least(fail_on) for report in reports):
        raise typer.Exit(int(ExitCode.FINDINGS))


def _page_count(path: Path) -> int:
    """A cheap page count for the progress bar; errors are left for the real run to report."""
    try:
        import pymupdf

        with pymupdf.open(path) as doc:
            return doc.page_count
    except Exception:
        return 0


def main() -> None:
    """Console entry point."""
    app()


if __name__ == "__main__":
    main()
