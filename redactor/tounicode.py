"""Write a font's ToUnicode map so that every reader reads it alike.

A `/ToUnicode` map gives the text of each code as UTF-16 hex strings of two bytes or more
(PDF 32000-1, 9.10.3). Some producers write one byte for a character of Latin-1 (`<41>`): Poppler,
pypdf and pdf.js read it as that character, and MuPDF ignores the entry and reads the code by the
font's encoding instead. A name or an SSN mapped so read as symbols to MuPDF, was never searched,
and pdftotext read it in the verified public file (red-team review, 2026-11-27). Each such
destination is widened to two bytes (`<0041>`) before anything is searched: what the others read,
MuPDF then reads too, and the public file keeps the widened map.
"""

from __future__ import annotations

import re

import pikepdf

from redactor.glyphnames import font_dictionaries

# The tokens of a CMap that matter here: hex strings, array brackets, section keywords; other
# tokens (names, numbers, literal strings, comments) are read only to keep entries paired.
_TOKEN = re.compile(
    rb"<(?P<hex>[0-9A-Fa-f\s]*)>|(?P<open>\[)|(?P<close>\])|(?P<word>(?:begin|end)bf(?:char|range))\b"
    rb"|%[^\r\n]*|\((?:\\.|[^\\)])*\)|/[^\s/\[\]()<>{}%]*|[^\s/\[\]()<>{}%]+",
    re.DOTALL,
)


def widen_tounicode_maps(pdf: pikepdf.Pdf) -> int:
    """Widen the one-byte destinations of every font's ToUnicode map (see the module's
    docstring); returns how many maps were changed."""
    widened = 0
    done: set[tuple[int, int]] = set()
    for font in font_dictionaries(pdf):
        stream = font.get("/ToUnicode")
        if not isinstance(stream, pikepdf.Stream) or stream.objgen in done:
            continue
        done.add(stream.objgen)
        try:
            data = stream.read_bytes()
        except pikepdf.PdfError:
            continue  # no reader reads it either
        wide = widened_destinations(data)
        if wide is not None:
            stream.write(wide)  # shared by other fonts too: widening changes nothing they read but MuPDF's reading
            widened += 1
    return widened


def widened_destinations(cmap: bytes) -> bytes | None:
    """`cmap` with each one-byte destination of its `bfchar` and `bfrange` entries written in
    two bytes, or None when it has none."""
    if b"bf" not in cmap:
        return None
    spans: list[tuple[int, int]] = []  # one-byte destinations to widen
    section = b""  # "char" or "range" inside a section
    place = 0  # which token of an entry: bfchar source 0, destination 1; bfrange low 0, high 1, destination 2
    in_array = False
    for token in _TOKEN.finditer(cmap):
        if token["word"]:
            section = token["word"][7:] if token["word"].startswith(b"begin") else b""
            place = 0
            continue
        if not section:
            continue
        if token["open"]:
            in_array = True
            continue
        if token["close"]:
            in_array = False
            place = 0
            continue
        destination = in_array or place == (1 if section == b"char" else 2)
        if destination and token["hex"] is not None and 0 < len(re.sub(rb"\s", b"", token["hex"])) <= 2:
            spans.append(token.span("hex"))
        if not in_array:
            place = (place + 1) % (2 if section == b"char" else 3)
    if not spans:
        return None
    parts, done = [], 0
    for start, end in spans:
        digits = re.sub(rb"\s", b"", cmap[start:end])
        parts += [cmap[done:start], b"00" + digits.rjust(2, b"0")]
        done = end
    return b"".join(parts) + cmap[done:]
