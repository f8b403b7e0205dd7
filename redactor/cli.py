"""The `redactor` command: argument parsing and printing only; the work is in `redactor.api`.

Every failure is mapped to its exit code here, in one place, with a one-line
message and no traceback (set REDACTOR_DEBUG=1 to see one while developing).
"""

from __future__ import annotations

import functools
import io
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Annotated, Any, NoReturn, TypeVar

import pymupdf
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.text import Text

from redactor import api
from redactor.errors import BadArguments, ExitCode, Interrupted, RedactorError
from redactor.package import package as package_filing
from redactor.package import unseal as unseal_package
from redactor.package import verify_package
from redactor.plan import Plan, load_plan
from redactor.report import (
    check_summary,
    package_summary,
    plain,
    print_json,
    print_package,
    print_package_check,
    print_plan_table,
    print_summary,
    printable,
    summary,
)
from redactor.seal import load_identities, write_identity

app = typer.Typer(
    name="redactor",
    help="Find sensitive text in court filings, remove it for real, and prove it is gone.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        out.print(f"redactor {api.tool_version()}")  # as plans and manifests record it
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, metavar="", help="Print the version and exit."),
    ] = None,
) -> None:
    """Find sensitive text in court filings, remove it for real, and prove it is gone."""


F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(command: F) -> F:
    """Turn every failure of a command into a one-line message and its exit code, never a traceback
    (an unexpected exception's text could quote the document; set REDACTOR_DEBUG=1 to see it)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        def fail(message: str, code: ExitCode, prefix: str = "error: ") -> NoReturn:
            err.print(Text(prefix, style="red") + Text(printable(message)), highlight=False, soft_wrap=True)
            if kwargs.get("json"):  # a script reading stdout learns what went wrong too
                print_json({"error": (prefix if prefix != "error: " else "") + message, "exit_code": int(code)})
            raise typer.Exit(int(code)) from None

        try:
            return command(*args, **kwargs)
        except RedactorError as error:
            fail(str(error), error.exit_code, prefix="" if isinstance(error, Interrupted) else "error: ")
        except (KeyboardInterrupt, typer.Abort):  # Abort: Ctrl-C (or end of input) at a password prompt
            fail("interrupted; nothing was written", ExitCode.INTERRUPTED, prefix="")
        except typer.Exit:
            raise
        except Exception as error:
            if os.environ.get("REDACTOR_DEBUG"):
                raise
            if _mupdf_gave_up(error):  # its message is not shown: it may quote the file's content
                fail(
                    "MuPDF could not read part of the PDF (it is damaged or malformed); nothing was written. "
                    "Re-make it (print it to PDF) and run again.",
                    ExitCode.DAMAGED_PDF,
                )
            fail(
                f"({error.__class__.__name__}); nothing was written. Please report it; set REDACTOR_DEBUG=1 for details.",
                ExitCode.INTERNAL_ERROR,
                prefix="internal error ",
            )

    return wrapper  # type: ignore[return-value]


def _mupdf_gave_up(error: BaseException) -> bool:
    """Whether MuPDF raised on the file's content (a stack overflow on arrays nested hundreds
    deep, a dictionary it cannot parse): damage, exit 5, not an internal error (fuzzing review)."""
    return isinstance(error, pymupdf.mupdf.FzErrorBase) or (
        type(error) is RuntimeError and str(error).startswith("code=")
    )


PASSWORD_ENV = "REDACTOR_PDF_PASSWORD"
PROGRESS_MIN_PAGES = 20

Input = Annotated[
    Path, typer.Argument(metavar="PDF", help="The PDF to read. It is never modified.", show_default=False)
]


def _written_path(value: str) -> Path:
    """A path to write; one ending in a separator names a folder, which must exist (a Path would
    drop the separator and write a file of that name)."""
    if value.endswith(("/", os.sep)) and not Path(value).is_dir():
        raise typer.BadParameter(f"folder {value} does not exist")
    return Path(value)


Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        parser=_written_path,
        metavar="FILE",
        help="Public PDF to write, or a folder \\[default: beside the PDF, as NAME.redacted.pdf].",
    ),
]
PlanOut = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        parser=_written_path,
        metavar="FILE",
        help="Plan to write, or a folder \\[default: beside the PDF, as NAME.redactions.json].",
    ),
]
Terms = Annotated[
    Path | None, typer.Option("--terms", metavar="FILE", help="Text file of terms to redact, one per line.")
]
PolicyOpt = Annotated[
    Path | None, typer.Option("--policy", metavar="FILE", help="TOML policy that adds, disables or relabels rules.")
]
Label = Annotated[
    bool | None, typer.Option("--label/--no-label", metavar="", help="Print the reason code on each box.")
]
Password = Annotated[
    bool,
    typer.Option(
        "--password",
        metavar="",
        help=f"Ask for the PDF's password (or set {PASSWORD_ENV}); never typed on the command line.",
    ),
]
Json = Annotated[bool, typer.Option("--json", metavar="", help="Print the summary as JSON for scripts.")]
HideWidths = Annotated[
    bool,
    typer.Option(
        "--hide-widths",
        metavar="",
        help="Extend each box to the end of its line so its width reveals nothing (removes the rest of the line).",
    ),
]

Ocr = Annotated[
    str,
    typer.Option(
        "--ocr",
        metavar="MODE",
        help="Read pictures of text with Tesseract: auto (every picture), always (every page), never (warns).",
    ),
]
OcrLang = Annotated[str, typer.Option("--ocr-lang", metavar="LANG", help="Tesseract language(s), e.g. eng or eng+spa.")]


def _password(ask: bool) -> str | None:
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if ask:
        if not sys.stdin.isatty():
            raise BadArguments(f"--password asks on a terminal, and there is none: set {PASSWORD_ENV} instead")
        return typer.prompt("PDF password", hide_input=True, err=True)  # stdout may be --json
    return None


@contextmanager
def _bars(pages: int, enabled: bool) -> Iterator[tuple[api.Progress | None, api.ReadingProgress | None]]:
    """Progress on stderr, in one live display (rich allows one): a bar for OCR, which takes about a
    second a page, from the first picture read; a bar for redacting, on long documents."""
    if not enabled or not err.is_terminal:  # a log file gets no bar, nor the blank line a bar leaves
        yield None, None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def reading(done: int, total: int) -> None:
            if "ocr" not in tasks:
                tasks["ocr"] = bar.add_task("reading pictures (OCR)", total=total)
            bar.update(tasks["ocr"], completed=done, total=total)

        def redacting(count: int) -> None:
            if "pages" not in tasks:
                tasks["pages"] = bar.add_task("redacting", total=pages)
            bar.advance(tasks["pages"], count)

        yield (redacting if pages >= PROGRESS_MIN_PAGES else None), reading


@app.command()
@handle_errors
def redact(
    input: Input,
    output: Output = None,
    log: Annotated[
        Path | None,
        typer.Option(
            "--log",
            parser=_written_path,
            metavar="FILE",
            help="Plan to write, or a folder \\[default: beside the PDF, as NAME.redactions.json].",
        ),
    ] = None,
    terms: Terms = None,
    policy: PolicyOpt = None,
    label: Label = None,
    hide_widths: HideWidths = False,
    ocr: Ocr = "auto",
    ocr_lang: OcrLang = "eng",
    password: Password = False,
    json: Json = False,
) -> None:
    """Find sensitive text, remove it, sanitize the file, verify, and write the public PDF."""
    with _bars(_page_count(input), not json) as (progress, reading):
        result = api.redact(
            input, output, plan_path=log, policy=policy, terms=terms, password=_password(password), label=label,
            hide_widths=hide_widths, progress=progress, ocr=ocr, ocr_lang=ocr_lang, ocr_progress=reading,
        )  # fmt: skip
    with _already_written(f"the public PDF {result.output} and the plan {result.plan_path} were written and verified"):
        data = summary(result.plan, str(result.output), str(result.plan_path))
        print_json(data) if json else print_summary(out, data, "redacted")


@app.command()
@handle_errors
def scan(
    input: Input,
    plan: PlanOut = None,
    terms: Terms = None,
    policy: PolicyOpt = None,
    ocr: Ocr = "auto",
    ocr_lang: OcrLang = "eng",
    password: Password = False,
    json: Json = False,
) -> None:
    """Find sensitive text and write a plan to review; change nothing."""
    api.input_file(input)  # a missing input is reported as such, before the plan's folder
    plan_path = api.chosen_path(plan, api.default_plan_path(input))
    from redactor.pdfio import check_writable, write_atomic

    check_writable(plan_path, input)
    api.check_not_discarding_review(plan_path)
    api.check_not_overwriting([plan_path], terms=terms, policy=policy)
    with _bars(0, not json) as (_, reading):
        found = api.scan(
            input, policy=policy, terms=terms, password=_password(password), ocr=ocr, ocr_lang=ocr_lang,
            ocr_progress=reading,
        )  # fmt: skip
    write_atomic(plan_path, found.to_bytes())
    with _already_written(f"the plan {plan_path} was written"):
        _show_scan(found, input, plan_path, json)


def _show_scan(found: Plan, input: Path, plan_path: Path, json: bool) -> None:
    data = summary(found, None, str(plan_path))
    if json:
        print_json(data)
        return
    print_plan_table(out, found)
    print_summary(out, data, "scanned")
    out.print('Review the plan (set a status to "rejected" to keep text, add boxes with status "manual"), then run:')
    # soft_wrap: a hard line break in the middle would break the command when it is copied
    out.print(
        printable(f"  redactor apply {_quoted(input)} --plan {_quoted(plan_path)}"),
        highlight=False,
        markup=False,
        soft_wrap=True,
    )


@contextmanager
def _already_written(what: str) -> Iterator[None]:
    """Ctrl-C while the summary prints, once the files are written, says so: "nothing was
    written" was untrue there (README Known limits until the seventeenth session)."""
    try:
        yield
    except KeyboardInterrupt as error:
        raise Interrupted(f"interrupted while the summary was shown; {what}") from error


def _quoted(path: Path) -> str:
    """A path to paste into a command: in double quotes when it holds a space (cmd, PowerShell and
    POSIX shells all read those)."""
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text


@app.command("apply")
@handle_errors
def apply_plan(
    input: Input,
    plan: Annotated[Path, typer.Option("--plan", metavar="FILE", help="The reviewed plan.", show_default=False)],
    output: Output = None,
    label: Label = None,
    hide_widths: HideWidths = False,
    ocr: Annotated[
        str | None,
        typer.Option("--ocr", metavar="MODE", help="auto, always or never \\[default: as the plan's scan did]."),
    ] = None,
    ocr_lang: Annotated[
        str | None, typer.Option("--ocr-lang", metavar="LANG", help="Tesseract language(s) \\[default: the plan's].")
    ] = None,
    password: Password = False,
    json: Json = False,
) -> None:
    """Apply a reviewed plan: remove, sanitize, verify and write the public PDF."""
    api.input_file(input)  # a missing input is reported as such, before the plan
    reviewed = load_plan(plan)
    with _bars(reviewed.pages, not json) as (progress, reading):
        result = api.apply(
            input, reviewed, output, plan_out=plan, password=_password(password), label=label,
            hide_widths=hide_widths or None, progress=progress, ocr=ocr, ocr_lang=ocr_lang, ocr_progress=reading,
        )  # fmt: skip
    with _already_written(f"the public PDF {result.output} and the plan {plan} were written and verified"):
        data = summary(result.plan, str(result.output), str(plan))
        print_json(data) if json else print_summary(out, data, "applied")


@app.command()
@handle_errors
def check(
    files: Annotated[list[Path], typer.Argument(metavar="PDF", help="PDFs to audit.", show_default=False)],
    terms: Terms = None,
    policy: PolicyOpt = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on", metavar="LEVEL", help="Exit non-zero for findings at or above: info, warning, error."
        ),
    ] = "warning",
    password: Password = False,
    json: Json = False,
) -> None:
    """Audit PDFs for failed redactions, hidden text and content, and filing problems."""
    from redactor.audit import SEVERITIES, audit
    from redactor.errors import InvalidPolicy
    from redactor.report import print_audit

    if fail_on not in SEVERITIES:
        raise BadArguments(f"--fail-on must be one of {', '.join(SEVERITIES)}")
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
            err.print(Text("error: ", style="red") + Text(printable(str(error))), highlight=False, soft_wrap=True)
    if failures:
        raise typer.Exit(int(failures[0][1].exit_code))
    if any(report.at_least(fail_on) for report in reports):
        raise typer.Exit(int(ExitCode.FINDINGS))


PASSPHRASE_ENV = "REDACTOR_PASSPHRASE"
PassphraseFile = Annotated[
    Path | None,
    typer.Option(
        "--passphrase-file",
        metavar="FILE",
        help=f"File whose first line is the passphrase (or set {PASSPHRASE_ENV}).",
        show_default=False,
    ),
]
IdentityOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--identity",
        "-i",
        metavar="FILE",
        help="age identity file (redactor keygen, age-keygen) or SSH private key.",
        show_default=False,
    ),
]
SignerOpt = Annotated[
    str | None,
    typer.Option(
        "--signer",
        metavar="KEY",
        help="Fingerprint the manifest must be signed with (it is printed on the sealing chart).",
        show_default=False,
    ),
]


def _passphrase(path: Path | None, *, confirm: bool, required: bool, keys: str = "--identity") -> str | None:
    """The passphrase from a file, the environment or a hidden prompt; never from the command line."""
    if path is not None:
        from redactor.pdfio import not_a_file

        kind = not_a_file(path, pipes=True)
        if kind:
            raise BadArguments(f"passphrase file {path} is {kind}")
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except OSError as error:
            raise BadArguments(f"cannot read passphrase file {path}: {error.strerror or error}") from error
        except UnicodeDecodeError as error:
            raise BadArguments(f"passphrase file {path} is not UTF-8 text") from error
        if not lines or not lines[0]:
            raise BadArguments(f"passphrase file {path} is empty")
        return lines[0]
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if required:
        if not sys.stdin.isatty():
            raise BadArguments(f"give --passphrase-file, {keys} or set {PASSPHRASE_ENV} (no terminal to ask on)")
        return typer.prompt("Package passphrase", hide_input=True, confirmation_prompt=confirm, err=True)
    return None


@app.command()
@handle_errors
def package(
    documents: Annotated[
        list[Path],
        typer.Argument(metavar="PDF", help="The PDFs of the filing. They are never modified.", show_default=False),
    ],
    package_dir: Annotated[
        Path, typer.Option("--out", metavar="FOLDER", help="Package folder to create.", show_default=False)
    ],
    seal: Annotated[
        bool,
        typer.Option(
            "--seal",
            metavar="",
            help="Encrypt the originals, highlighted copies and plans (always on).",
            show_default=False,
        ),
    ] = True,
    terms: Terms = None,
    policy: PolicyOpt = None,
    plan: Annotated[
        list[Path] | None,
        typer.Option("--plan", metavar="FILE", help="A reviewed plan for one of the documents (repeat)."),
    ] = None,
    passphrase_file: PassphraseFile = None,
    recipient: Annotated[
        list[str] | None,
        typer.Option("--recipient", "-r", metavar="KEY", help="age or SSH public key, or a file of them (repeat)."),
    ] = None,
    case: Annotated[str, typer.Option("--case", metavar="TEXT", help='Case number, e.g. "3:19-cv-01234".')] = "",
    court: Annotated[
        str | None,
        typer.Option(
            "--court", metavar="COURT", help="Court profile: S.D. Cal., N.D. Cal. or C.D. Cal. \\[default: S.D. Cal.]"
        ),
    ] = None,
    zip_: Annotated[bool, typer.Option("--zip", metavar="", help="Also write PACKAGE.zip for transmission.")] = False,
    force: Annotated[
        bool, typer.Option("--force", metavar="", help="Replace an earlier package folder (and its .zip).")
    ] = False,
    label: Label = None,
    hide_widths: HideWidths = False,
    ocr: Ocr = "auto",
    ocr_lang: OcrLang = "eng",
    password: Password = False,
    json: Json = False,
) -> None:
    """Redact every document of a filing alike and write the sealed package.

    Public PDFs, encrypted originals and highlighted copies, a sealing chart and a signed manifest."""
    if not seal:
        raise BadArguments("a package is always sealed: the originals must not travel unencrypted")
    recipients = list(recipient or [])
    secret = _passphrase(passphrase_file, confirm=True, required=not recipients, keys="--recipient")
    with _bars(sum(_page_count(d) for d in documents), not json) as (progress, reading):
        result = package_filing(
            documents, package_dir, policy=policy, terms=terms, plans=list(plan or []), recipients=recipients,
            passphrase=secret, case=case, court=court, make_zip=zip_, force=force, label=label,
            hide_widths=hide_widths, password=_password(password), ocr=ocr, ocr_lang=ocr_lang, progress=progress,
            ocr_progress=reading,
        )  # fmt: skip
    data = package_summary(result)
    print_json(data) if json else print_package(out, data)


@app.command("verify")
@handle_errors
def verify_command(
    package_dir: Annotated[Path, typer.Argument(metavar="FOLDER", help="The package folder.", show_default=False)],
    passphrase_file: PassphraseFile = None,
    identity: IdentityOpt = None,
    signer: SignerOpt = None,
    json: Json = False,
) -> None:
    """Check that a package is complete, unaltered and signed.

    Checks every file's hash and the manifest's signature; with a key, also decrypts the sealed
    part in memory and re-checks each public PDF against its plan."""
    identities = load_identities(list(identity or []))
    secret = _passphrase(passphrase_file, confirm=False, required=False)
    result = verify_package(package_dir, identities=identities, passphrase=secret, signer=signer)
    data = check_summary(result)
    print_json(data) if json else print_package_check(out, data, signer_checked=signer is not None)
    if result.fingerprint and not result.passed and not json:
        out.print(f"signed with Ed25519 key {result.fingerprint}", highlight=False)
    _warn_unchecked_signer(result.fingerprint, signer)
    if not result.passed:
        raise typer.Exit(int(ExitCode.PACKAGE_INVALID))


def _warn_unchecked_signer(fingerprint: str | None, signer: str | None) -> None:
    """A valid signature proves only that someone signed: whoever can change a package can re-sign it."""
    if fingerprint and not signer:
        err.print(
            "[yellow]warning:[/yellow] no --signer given: anyone able to change the package can re-sign it; "
            "compare the key above with the one printed on the filed sealing chart, or pass it as --signer",
            highlight=False,
            soft_wrap=True,
        )


@app.command()
@handle_errors
def unseal(
    package_dir: Annotated[Path, typer.Argument(metavar="FOLDER", help="The package folder.", show_default=False)],
    out_dir: Annotated[
        Path, typer.Option("--out", metavar="FOLDER", help="New folder for the originals.", show_default=False)
    ],
    passphrase_file: PassphraseFile = None,
    identity: IdentityOpt = None,
    signer: SignerOpt = None,
) -> None:
    """Verify a package, then write its sealed originals to a new folder.

    Writes the originals (byte for byte), highlighted copies, plans and reference list. Nothing is
    written on a wrong key or any tampering."""
    identities = load_identities(list(identity or []))
    secret = _passphrase(passphrase_file, confirm=False, required=not identities)
    result = unseal_package(package_dir, out_dir, identities=identities, passphrase=secret, signer=signer)
    out.print(f"[green]verified and unsealed[/green] {len(result.files)} file(s) into {plain(str(out_dir))}:")
    for path in result.files:
        out.print(f"  {plain(path.name)}")
    out.print(f"signed with Ed25519 key {result.fingerprint}", highlight=False)
    out.print("[dim]These files hold the sealed text: keep them as sealed records.[/dim]")
    _warn_unchecked_signer(result.fingerprint, signer)
    for leftover in result.leftovers:
        err.print(
            Text("warning: ", style="yellow")
            + Text(printable(str(leftover)))
            + Text(" is a hidden folder of unsealed files left by an unseal that was killed: delete it"),
            highlight=False,
            soft_wrap=True,
        )


@app.command()
@handle_errors
def keygen(
    out_file: Annotated[
        Path, typer.Option("--out", metavar="FILE", help="Identity file to create.", show_default=False)
    ],
) -> None:
    """Create a key pair for opening packages made for you.

    Give the public key to whoever packages filings for you (--recipient); keep the file private
    (--identity to verify and unseal)."""
    from redactor.pdfio import check_writable

    if out_file.exists() or out_file.is_symlink():  # a link to nowhere too: the key would be written elsewhere
        raise BadArguments(f"{out_file} exists; keygen never overwrites a key")
    check_writable(out_file)
    public = write_identity(out_file)
    out.print(
        f"identity written to {plain(str(out_file))} (keep it private and backed up: without it the package cannot be opened)"
    )
    out.print(f"public key: {public}")


def _page_count(path: Path) -> int:
    """A cheap page count for the progress bar; errors are left for the real run to report."""
    from redactor.pdfio import not_a_file

    try:
        if not_a_file(Path(path)):
            return 0  # a pipe would be read forever: the run refuses it
        with pymupdf.open(path) as doc:
            return doc.page_count
    except Exception:
        return 0


def main() -> None:
    """Console entry point."""
    _replace_unencodable_output()
    # A password set for scripts (REDACTOR_PDF_PASSWORD) is given to files that need none; pikepdf
    # says so with a warning that quotes its own source line.
    warnings.filterwarnings("ignore", message="A password was provided, but no password was needed")
    _stop_cleanly_on_termination()
    app()


def _stop_cleanly_on_termination() -> None:
    """Treat `kill`, a closed terminal and Windows' Ctrl-Break like Ctrl-C: the temporary files
    (a plan being written holds every redacted value) are removed on the way out, and the exit
    code is 130. Without this, SIGTERM left a hidden ".plan.json.*.part" behind (fuzzing review).
    A signal ignored when redactor started (`nohup`, a background job) stays ignored."""
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"):
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) != signal.SIG_IGN:
            signal.signal(getattr(signal, name), _interrupt)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    if _in_mupdf_callback(frame):  # asked again once MuPDF has returned
        again = threading.Timer(0.05, signal.raise_signal, (signum,))
        again.daemon = True  # a run ending meanwhile is not held up
        again.start()
        return
    raise KeyboardInterrupt


_MUPDF_BINDINGS = pymupdf.mupdf.__file__


def _in_mupdf_callback(frame: FrameType | None) -> bool:
    """Whether Python code that MuPDF called is running (the drawing devices PyMuPDF writes in
    Python, behind get_drawings, get_bboxlog and get_texttrace). An exception raised there crosses
    C++: the bindings printed a traceback on stderr, and Ctrl-C was reported as a damaged PDF
    (exit 5) rather than an interruption (leak review)."""
    while frame is not None:
        caller = frame.f_back
        if caller is not None and caller.f_code.co_filename == _MUPDF_BINDINGS != frame.f_code.co_filename:
            return True
        frame = caller
    return False


def _replace_unencodable_output() -> None:
    """Print a character the terminal's encoding lacks as "?" instead of failing: output sent to
    a file on Windows is written in the local code page, which may lack the masked preview's
    bullets or a file name's letters, and a failure there would lose the whole summary."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


if __name__ == "__main__":
    main()
