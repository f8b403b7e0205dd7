"""The glyph names an embedded Type 1 or CFF font program's own encoding gives its codes.

A simple font with no `/Encoding`, or with `/Differences` over no `/BaseEncoding`, draws its
other codes by the encoding written in its font program, and a reader with no `/ToUnicode` entry
reads the text from those glyph names as it does from `/Differences` (`redactor.glyphnames`).
Poppler read "Ana Ruiz 512" from a CFF font whose encoding named its codes `A_n_a`, `R_u_i_z`
and `five_one_two`; MuPDF read "A R 5", so the name was never searched and the public file kept
it (red-team review, 2026-11-27). Only names a font program defines itself can spell several
characters (a CFF font's standard strings and a Type 1 font's `StandardEncoding` are names of
one character each), and `redactor.glyphnames` reads only names that spell several. CFF is read
with fontTools (the parser of the font tooling most other programs build on) rather than by hand.
"""

from __future__ import annotations

import io
import re

import pikepdf

_TYPE1_ENTRY = re.compile(rb"dup\s+(\d{1,3})\s*/([^\s/\[\]{}()<>%]+)\s+put")


def builtin_glyph_names(font: pikepdf.Dictionary) -> dict[int, str]:
    """Code to glyph name in the encoding of `font`'s embedded Type 1 (`/FontFile`) or CFF
    (`/FontFile3` `/Type1C`) program; {} when it has none of its own or cannot be read."""
    descriptor = font.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return {}
    try:
        if isinstance(program := descriptor.get("/FontFile"), pikepdf.Stream):
            return type1_encoding(program.read_bytes())
        program = descriptor.get("/FontFile3")
        if isinstance(program, pikepdf.Stream) and program.stream_dict.get("/Subtype") == "/Type1C":
            return cff_encoding(program.read_bytes())
    except Exception:  # noqa: BLE001 (fontTools raises many kinds on a damaged program)
        return {}  # a program no reader can decode draws nothing to read
    return {}


def type1_encoding(program: bytes) -> dict[int, str]:
    """The `dup code /name put` entries of a Type 1 program's clear-text part."""
    clear = program.split(b"eexec", 1)[0]
    return {int(code): name.decode("latin-1") for code, name in _TYPE1_ENTRY.findall(clear) if int(code) < 256}


def cff_encoding(data: bytes) -> dict[int, str]:
    """Code to glyph name by a CFF font's own encoding, read by fontTools; {} for the standard and
    expert encodings (names of one character each) and for a CID-keyed font (no names)."""
    from fontTools.cffLib import CFFFontSet  # imported when needed: most files have no such font

    fonts = CFFFontSet()
    fonts.decompile(io.BytesIO(data), None)
    if not fonts.fontNames:
        return {}
    top = fonts[fonts.fontNames[0]]
    encoding = getattr(top, "Encoding", None)
    if not isinstance(encoding, list) or hasattr(top, "ROS"):
        return {}
    return {code: name for code, name in enumerate(encoding[:256]) if name and name != ".notdef"}
