"""Shared test helpers: fixture paths, and independent extractors that re-read every public PDF.

"Independent" means not MuPDF, which wrote the file: pdfminer.six and pypdf
(pure Python parsers), poppler's pdftotext when installed (CI installs it), and
the raw decoded objects read through pikepdf/qpdf.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.high_level import extract_text as pdfminer_text
from pdfminer.layout import LTChar, LTComponent
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(FIXTURES))

import content  # noqa: E402  (fixtures/content.py: the words of the fixtures)


def _pdftotext(path: Path, mode: str = "-layout") -> str | None:
    """poppler's text: "-layout" as a reader sees the page, "-raw" in content-stream order."""
    if shutil.which("pdftotext") is None:
        return None
    result = subprocess.run(["pdftotext", mode, str(path), "-"], capture_output=True, check=False)
    return result.stdout.decode("utf-8", "replace")


def _pypdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _raw_objects(path: Path) -> str:
    """Every string and decoded non-image stream in the file, as text."""
    parts = []
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                if obj.stream_dict.get("/Subtype") == "/Image":
                    continue
                try:
                    data = obj.read_bytes()
                except pikepdf.PdfError:
                    continue
                parts.append(data.decode("latin-1"))
                parts.extend(_hex_strings(data))
            else:
                parts.append(re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m[1], 16)), repr(obj)))
    return "\n".join(parts)


def _hex_strings(data: bytes) -> list[str]:
    """The hex strings of a stream ("<48616C76>", "<FEFF0048...>") decoded."""
    texts = []
    for digits in re.findall(rb"(?<!<)<([0-9A-Fa-f\s]+)>", data):
        compact = re.sub(rb"\s", b"", digits).decode()
        raw = bytes.fromhex(compact + "0" * (len(compact) % 2))
        texts.append(raw[2:].decode("utf-16-be", "ignore") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1"))
    return texts


def display_directions(path: Path, text: str) -> list[tuple[float, float]]:
    """Where `text` is drawn (found in pdfminer's characters): the direction it runs on the page
    as a viewer displays it, (1, 0) when it reads left to right. (pdfminer lays out each page
    turned by its /Rotate, so a character's matrix is already in display space.)"""
    found = []
    for page in extract_pages(str(path)):
        chars: list[LTChar] = []
        stack: list[LTComponent] = [page]
        while stack:
            item = stack.pop()
            if isinstance(item, LTChar):
                chars.append(item)
            elif hasattr(item, "__iter__"):
                stack.extend(reversed(list(item)))
        joined = "".join(c.get_text() for c in chars)
        at = joined.find(text)
        while at >= 0:
            a, b = chars[at].matrix[:2]
            norm = math.hypot(a, b) or 1.0
            found.append((round(a / norm, 3) + 0.0, round(b / norm, 3) + 0.0))
            at = joined.find(text, at + 1)
    return found


def extractions(path: Path) -> dict[str, str]:
    """The text of `path` as each independent tool reads it."""
    texts = {"pdfminer": pdfminer_text(str(path)), "pypdf": _pypdf_text(path), "qpdf-raw": _raw_objects(path)}
    poppler = _pdftotext(path)
    if poppler is not None:
        texts["pdftotext"] = poppler
        texts["pdftotext-raw"] = _pdftotext(path, "-raw") or ""
    return texts


def independent_text(path: Path) -> tuple[str, str]:
    """The fastest independent extractor available: poppler's pdftotext, else pdfminer.six."""
    poppler = _pdftotext(path)
    if poppler is not None:
        return "pdftotext", poppler
    return "pdfminer", pdfminer_text(str(path))


def without_margin_numbers(text: str) -> str:
    """Pleading-paper line numbers dropped: alone on their lines (pdfminer, pypdf) or set
    before the line's text by a wide gap (pdftotext -layout), where they would split phrases."""
    return re.sub(r"(?m)^[ \t]*\d{1,2}(?=[ \t]{2,}|[ \t]*$)", "", text)


def flat(text: str) -> str:
    """Lower case, margin numbers dropped, hyphenated line breaks healed, all runs of spacing
    made one space."""
    text = without_margin_numbers(text)
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return " ".join(text.lower().split())


def squeezed(text: str) -> str:
    """Letters and digits only; pleading-paper line numbers are dropped first, or
    "1 2 3 ... 9" down the margin would read as 123456789."""
    text = without_margin_numbers(text)
    return "".join(c for c in text.lower() if c.isalnum())


def found_in(value: str, text: str, squeeze: bool = True) -> bool:
    """Whether `value` can be read in `text`, with any spacing, and (for long values, when
    `squeeze`) with any punctuation or none ("512-43-8817" is found as "512438817" too)."""
    if flat(value) in flat(text) or " ".join(value.lower().split()) in " ".join(text.lower().split()):
        return True
    key = squeezed(value)
    return squeeze and len(key) >= 8 and key in squeezed(text)


def assert_gone(path: Path, values: list[str]) -> None:
    """No independent extractor can read any of `values` in `path`."""
    for tool, text in extractions(path).items():
        # Raw content streams are full of coordinates: squeezing them would find any digit run.
        leaked = [v for v in values if found_in(v, text, squeeze=tool != "qpdf-raw")]
        assert not leaked, f"{tool} still reads {leaked} in {path.name}"


def assert_present(path: Path, values: list[str], tools: tuple[str, ...] = ("pdfminer", "pypdf", "pdftotext")) -> None:
    """Every independent text extractor still reads each of `values` in `path`."""
    for tool, text in extractions(path).items():
        if tool not in tools:
            continue
        missing = [v for v in values if flat(v) not in flat(text)]
        assert not missing, f"{tool} no longer reads {missing} in {path.name}"


def all_sensitive(expected: dict[str, list[str]]) -> list[str]:
    return [value for values in expected.values() for value in values]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of the sample declaration (tests must not write next to fixtures)."""
    copy = tmp_path / "declaration.pdf"
    copy.write_bytes((FIXTURES / "sample" / "declaration.pdf").read_bytes())
    return copy


@pytest.fixture
def terms_file() -> Path:
    return FIXTURES / "sample" / "terms.txt"


def copy_case(tmp_path: Path, name: str) -> Path:
    source = FIXTURES / content.CASES[name]["file"]
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes())
    return target


def case_terms(tmp_path: Path, name: str) -> Path:
    terms = list(content.TERMS) + list(content.CASES[name].get("terms", []))
    path = tmp_path / f"{name}.terms.txt"
    path.write_text("\n".join(terms) + "\n", encoding="utf-8")
    return path


def answer_on_terminal(
    argv: list[str], prompt: bytes, reply: bytes, env: dict[str, str] | None = None
) -> tuple[int, bytes]:
    """Run `argv` on a pseudo-terminal (the programs here read a passphrase only from one), send
    `reply` once it shows `prompt` (case-insensitive), and return its exit code and all it showed."""
    import pty
    import select

    pid, terminal = pty.fork()
    if pid == 0:  # the child: the program, with the pseudo-terminal as its terminal
        os.execvpe(argv[0], argv, env if env is not None else dict(os.environ))
    shown = b""
    sent = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and select.select([terminal], [], [], 10)[0]:
        try:
            chunk = os.read(terminal, 1024)
        except OSError:  # the program has ended and closed its side
            break
        if not chunk:
            break
        shown += chunk
        if not sent and prompt in shown.lower():
            os.write(terminal, reply)
            sent = True
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), shown
