"""Every way a run can fail, each with its own exit code and a plain-English message.

The CLI maps these to exit codes in one place (`redactor.cli`). Messages never
contain document text: at most a page number, a category and a masked preview.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes. Stable: scripts depend on them, and the README lists them."""

    OK = 0
    BAD_ARGS = 2  # Click/Typer's own code for a bad command line
    INPUT_MISSING = 3
    NOT_A_PDF = 4
    DAMAGED_PDF = 5
    ENCRYPTED_PDF = 6
    INVALID_POLICY = 7
    INVALID_PLAN = 8
    OUTPUT_NOT_WRITABLE = 9
    VERIFICATION_FAILED = 10
    FINDINGS = 11  # `check` found problems at or above --fail-on
    MISSING_DEPENDENCY = 12
    PACKAGE_INVALID = 13
    WRONG_KEY = 14
    INTERNAL_ERROR = 70
    INTERRUPTED = 130


class RedactorError(Exception):
    """Base of every expected failure. `str(error)` is the one-line message for the user."""

    exit_code: ExitCode = ExitCode.INTERNAL_ERROR


class InputMissing(RedactorError):
    exit_code = ExitCode.INPUT_MISSING


class NotAPdf(RedactorError):
    exit_code = ExitCode.NOT_A_PDF


class DamagedPdf(RedactorError):
    exit_code = ExitCode.DAMAGED_PDF


class EncryptedPdf(RedactorError):
    exit_code = ExitCode.ENCRYPTED_PDF


class InvalidPolicy(RedactorError):
    exit_code = ExitCode.INVALID_POLICY


class InvalidPlan(RedactorError):
    exit_code = ExitCode.INVALID_PLAN


class OutputNotWritable(RedactorError):
    exit_code = ExitCode.OUTPUT_NOT_WRITABLE


class VerificationFailed(RedactorError):
    exit_code = ExitCode.VERIFICATION_FAILED


class MissingDependency(RedactorError):
    exit_code = ExitCode.MISSING_DEPENDENCY


class PackageInvalid(RedactorError):
    exit_code = ExitCode.PACKAGE_INVALID


class WrongKey(RedactorError):
    exit_code = ExitCode.WRONG_KEY


class Interrupted(RedactorError):
    """Ctrl-C or `kill` once something was written: the message says what was (a bare
    KeyboardInterrupt is reported as "nothing was written")."""

    exit_code = ExitCode.INTERRUPTED


class BadArguments(RedactorError):
    """A command line that cannot work (conflicting options, an unknown court, a missing key)."""

    exit_code = ExitCode.BAD_ARGS
