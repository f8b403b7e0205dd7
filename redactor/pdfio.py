"""Reading inputs without touching them, and writing outputs all at once.

An input is read into memory once, hashed, and opened from those bytes: the
file on disk is never opened for writing. An output is written to a hidden
temporary file beside its destination and renamed into place only when it is
complete, so a failure never leaves a half-written file under the real name.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import stat
from dataclasses import dataclass, replace
from pathlib import Path

import pymupdf

from redactor.errors import DamagedPdf, EncryptedPdf, InputMissing, NotAPdf, OutputNotWritable

# MuPDF prints repair warnings to stderr by default; they would confuse a paralegal.
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)
# PyMuPDF's own messages go to stdout, where they broke --json and quoted names the file chose
# ("unhandled font type '...'" from Page.get_fonts): they go to a logger nobody shows by default.
pymupdf.set_messages(pylogging_name="pymupdf", pylogging_level=logging.DEBUG)


@dataclass(frozen=True)
class Source:
    """An input PDF as bytes, with its name and fingerprint."""

    path: Path
    data: bytes
    sha256: str
    password: str | None = None
    repaired: bool = False  # MuPDF had to rebuild its table of objects: parts may be lost


def not_a_file(path: Path, pipes: bool = False) -> str | None:
    """What `path` is when it exists and is not a regular file ("a folder", "a pipe or a
    device"), else None. A device such as /dev/zero never ends, and a pipe nobody writes to is
    waited on forever (fuzzing review, 2026-11-26): a PDF is refused unless it is a file, as
    outputs are; a terms or policy file may be a pipe (`--terms <(grep ...)`) when `pipes`."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing, or unreadable: the read reports it
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode) or pipes and stat.S_ISFIFO(mode):
        return None
    return "a device, not a file" if pipes else "a pipe or a device, not a file"


def read_source(path: Path, password: str | None = None) -> Source:
    """Read `path` whole and check that it is a PDF we can open."""
    path = Path(path)
    kind = not_a_file(path)
    if kind:
        raise InputMissing(f"input {path} is {kind}")
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise InputMissing(f"input file not found: {path}") from error
    except IsADirectoryError as error:
        raise InputMissing(f"input is a folder, not a PDF file: {path}") from error
    except OSError as error:
        raise InputMissing(f"cannot read input file {path}: {error.strerror or error}") from error
    if b"%PDF-" not in data[:1024]:
        raise NotAPdf(f"{path.name} is not a PDF file (it does not start with %PDF)")
    source = Source(path=path, data=data, sha256=hashlib.sha256(data).hexdigest(), password=password)
    if password is not None and not _asks_password(data):
        # Kept only for a file that asks for one: a file that opens without one (an owner
        # password setting permissions, as many agencies' PDFs have) is refused by pikepdf when
        # given another's, as a script setting REDACTOR_PDF_PASSWORD for a batch does.
        source = replace(source, password=None)
    with open_document(source) as doc:  # fail now, with a clear message, rather than halfway
        repaired = doc.is_repaired
    return replace(source, repaired=repaired)


def _asks_password(data: bytes) -> bool:
    try:
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            return bool(doc.needs_pass)
    except Exception:  # noqa: BLE001  (damage is reported by open_document, with its message)
        return True


def open_document(source: Source) -> pymupdf.Document:
    """Open the source with MuPDF, unlocking it with the password if it has one."""
    try:
        doc = pymupdf.open(stream=source.data, filetype="pdf")
    except Exception as error:  # MuPDF raises plain RuntimeError/FileDataError for damage
        raise DamagedPdf(f"{source.path.name} is damaged beyond repair and cannot be read") from error
    if doc.needs_pass:
        if not source.password:
            doc.close()
            raise EncryptedPdf(
                f"{source.path.name} is password-protected: run again with --password "
                "(you will be asked for it; it is never shown)"
            )
        if not doc.authenticate(source.password):
            doc.close()
            raise EncryptedPdf(f"the password given for {source.path.name} is wrong")
    if doc.page_count == 0:
        doc.close()
        raise DamagedPdf(f"{source.path.name} is damaged: no page could be read")
    return doc


def check_writable(path: Path, source: Path | None = None) -> None:
    """Fail before any work is done if `path` cannot be written (or would overwrite the input)."""
    path = Path(path)
    if source is not None and same_file(path, Path(source)):
        raise OutputNotWritable(f"output {path} would overwrite the input; choose another name")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if not folder.is_dir():
            raise OutputNotWritable(f"cannot write {path}: folder {folder} does not exist")
        if path.is_dir():
            raise OutputNotWritable(f"cannot write {path}: it is a folder")
        if path.exists() and not path.is_file():  # renaming over a device or a pipe would replace it
            raise OutputNotWritable(f"cannot write {path}: it is not a regular file (a device or a pipe)")
    except OSError as error:  # a name too long for the system (Windows allows 260 characters a path)
        raise OutputNotWritable(f"cannot write {path}: {error.strerror or error}; choose a shorter name") from error
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise OutputNotWritable(f"cannot write {path}: permission denied")


def same_file(a: Path, b: Path) -> bool:
    """True if `a` and `b` name one file: the same path, a link to it, or (on the case-insensitive
    disks of Windows and macOS) the same name spelt in another case, "Decl.pdf" for "decl.pdf"."""
    if Path(a).resolve() == Path(b).resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename. The
    temporary file's name is chosen before it is made, so that an interruption at any point (a
    plan being written holds every redacted value) finds it to remove."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    temporary = folder / f".{path.name[:120]}.{secrets.token_hex(6)}.part"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(temporary, flags, 0o600), "wb") as stream:  # as private as mkstemp's
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, PermissionError) and path.exists():
            # Windows refuses to replace a file another program holds open (a PDF viewer, Word)
            raise OutputNotWritable(
                f"cannot write {path}: it is in use or read-only; close it if it is open in another program "
                "(a PDF viewer), then run again"
            ) from error
        raise OutputNotWritable(f"cannot write {path}: {error.strerror or error}") from error
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
