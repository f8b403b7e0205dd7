"""The glyph names an embedded Type 1 or CFF font program's own encoding gives its codes.

A simple font with no `/Encoding`, or with `/Differences` over no `/BaseEncoding`, draws its
other codes by the encoding written in its font program, and a reader with no `/ToUnicode` entry
reads the text from those glyph names as it does from `/Differences` (`redactor.glyphnames`).
Poppler read "Ana Ruiz 512" from a CFF font whose encoding named its codes `A_n_a`, `R_u_i_z`
and `five_one_two`; MuPDF read "A R 5", so the name was never searched and the public file kept
it (red-team review, 2026-11-27). Only names a font program defines itself can spell several
characters: a CFF font's standard strings and a Type 1 font's `StandardEncoding` are names of
one character, so they are not read.
"""

from __future__ import annotations

import re

import pikepdf

_TYPE1_ENTRY = re.compile(rb"dup\s+(\d{1,3})\s*/([^\s/\[\]{}()<>%]+)\s+put")
_STANDARD_STRINGS = 391  # CFF string ids below this are the specification's own names
_ENCODING, _CHARSET, _CHARSTRINGS = 16, 15, 17  # Top DICT operators (CFF, Adobe TN 5176, table 9)


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
    except (pikepdf.PdfError, IndexError, ValueError):
        return {}  # a program no reader can decode draws nothing to read
    return {}


def type1_encoding(program: bytes) -> dict[int, str]:
    """The `dup code /name put` entries of a Type 1 program's clear-text part."""
    clear = program.split(b"eexec", 1)[0]
    return {int(code): name.decode("latin-1") for code, name in _TYPE1_ENTRY.findall(clear) if int(code) < 256}


def cff_encoding(data: bytes) -> dict[int, str]:
    """Code to glyph name by a CFF font's own encoding (format 0 or 1, with supplements), for the
    glyphs named by the font's own strings."""
    offset = data[2]  # header size
    _, offset = _index(data, offset)  # font names
    top_dicts, offset = _index(data, offset)
    strings, _ = _index(data, offset)
    if not top_dicts:
        return {}
    top = _dict(top_dicts[0])
    encoding, charset, charstrings = (top.get(op, [0])[0] for op in (_ENCODING, _CHARSET, _CHARSTRINGS))
    if encoding in (0, 1) or not charstrings or (12, 30) in top:  # standard, expert, or a CID font
        return {}
    glyphs = len(_index(data, int(charstrings))[0])
    sids = _charset(data, int(charset), glyphs)

    def name(sid: int) -> str | None:
        return (
            strings[sid - _STANDARD_STRINGS].decode("latin-1")
            if _STANDARD_STRINGS <= sid < _STANDARD_STRINGS + len(strings)
            else None
        )

    codes: dict[int, str] = {}
    at = int(encoding)
    kind = data[at]
    if kind & 0x7F == 0:
        count = data[at + 1]
        for gid, code in enumerate(data[at + 2 : at + 2 + count], start=1):
            if gid < len(sids) and (text := name(sids[gid])):
                codes[code] = text
        at += 2 + count
    else:
        ranges = data[at + 1]
        gid = 1
        for first, left in zip(
            data[at + 2 : at + 2 + 2 * ranges : 2], data[at + 3 : at + 3 + 2 * ranges : 2], strict=True
        ):
            for code in range(first, min(first + left + 1, 256)):
                if gid < len(sids) and (text := name(sids[gid])):
                    codes[code] = text
                gid += 1
        at += 2 + 2 * ranges
    if kind & 0x80:
        for sup in range(data[at]):
            code, sid = data[at + 1 + 3 * sup], int.from_bytes(data[at + 2 + 3 * sup : at + 4 + 3 * sup], "big")
            if text := name(sid):
                codes[code] = text
    return codes


def _index(data: bytes, at: int) -> tuple[list[bytes], int]:
    """A CFF INDEX at `at`: its items, and where what follows it starts."""
    count = int.from_bytes(data[at : at + 2], "big")
    if count == 0:
        return [], at + 2
    size = data[at + 2]
    offsets = [int.from_bytes(data[at + 3 + i * size : at + 3 + (i + 1) * size], "big") for i in range(count + 1)]
    base = at + 2 + (count + 1) * size
    return [data[base + offsets[i] : base + offsets[i + 1]] for i in range(count)], base + offsets[-1]


def _dict(data: bytes) -> dict[int | tuple[int, int], list[float]]:
    """A CFF DICT: operator to operands (reals read as 0: none of the operators used needs one)."""
    found: dict[int | tuple[int, int], list[float]] = {}
    operands: list[float] = []
    at = 0
    while at < len(data):
        byte = data[at]
        if byte == 12:
            found[(12, data[at + 1])], operands, at = operands, [], at + 2
        elif byte <= 21:
            found[byte], operands, at = operands, [], at + 1
        elif byte == 28:
            operands.append(int.from_bytes(data[at + 1 : at + 3], "big", signed=True))
            at += 3
        elif byte == 29:
            operands.append(int.from_bytes(data[at + 1 : at + 5], "big", signed=True))
            at += 5
        elif byte == 30:
            at += 1
            while at < len(data) and (data[at] & 0x0F) != 0x0F and (data[at] >> 4) != 0x0F:
                at += 1
            operands.append(0)
            at += 1
        elif 32 <= byte <= 246:
            operands.append(byte - 139)
            at += 1
        elif 247 <= byte <= 250:
            operands.append((byte - 247) * 256 + data[at + 1] + 108)
            at += 2
        elif 251 <= byte <= 254:
            operands.append(-(byte - 251) * 256 - data[at + 1] - 108)
            at += 2
        else:
            at += 1  # reserved
    return found


def _charset(data: bytes, at: int, glyphs: int) -> list[int]:
    """The string id of each glyph (glyph 0 is .notdef); the predefined charsets give standard
    names only, read as none."""
    sids = [0]
    if at in (0, 1, 2):
        return sids + [0] * (glyphs - 1)
    kind, at = data[at], at + 1
    while len(sids) < glyphs:
        if kind == 0:
            sids.append(int.from_bytes(data[at : at + 2], "big"))
            at += 2
            continue
        first = int.from_bytes(data[at : at + 2], "big")
        width = 1 if kind == 1 else 2
        left = int.from_bytes(data[at + 2 : at + 2 + width], "big")
        sids.extend(range(first, first + left + 1))
        at += 2 + width
    return sids[:glyphs]
