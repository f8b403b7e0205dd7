"""Spell out glyph names that stand for several characters, as every reader but MuPDF reads them.

A simple font's encoding (`/Differences`) names the glyph each code draws, and a reader with no
`/ToUnicode` entry for a code reads the text from that name by the rules of the Adobe Glyph List
specification: the part before a period, its components joined by underscores, each a glyph
list name, `uniXXXX...` (one character per four hex digits) or `uXXXX`. A ligature "T_h" reads
"Th", and "uni0041006E0061" reads "Ana". Poppler, pdfminer and Acrobat follow those rules; MuPDF
reads only the first component of a ligature ("T") and nothing of a `uni` sequence, so a name
drawn with such glyphs was never searched, and verification, reading with MuPDF and the raw
codes with qpdf, passed a public file in which pdftotext read "Ana Ruiz" (red-team review,
2026-11-27: "A_n_a R_u_i_z" and an SSN spelled "five_one_two").

Writing each such reading into the font's `/ToUnicode` before anything is searched makes MuPDF
read what the others read, and the public file keeps the map, so every reader agrees. Every
reader tried (MuPDF, Poppler, pdfminer, pypdf) takes the last mapping a ToUnicode map gives a
code, so entries appended to an existing map override it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pikepdf
import pymupdf

from redactor.builtin_encoding import builtin_glyph_names
from redactor.tounicode import endcmap_at

# The font types whose codes are one byte named by an encoding.
SIMPLE_FONTS = ("/Type1", "/MMType1", "/TrueType", "/Type3")
FONTS = (*SIMPLE_FONTS, "/Type0")  # a descendant CID font has no map of its own
MAX_DEPTH = 32  # font dictionaries written inside other objects are looked for this deep
_UNI = re.compile(r"uni((?:[0-9A-Fa-f]{4})+)")
_U = re.compile(r"u([0-9A-Fa-f]{4,6})")
_NAME_ESCAPE = re.compile(r"#([0-9A-Fa-f]{2})")
_BFCHAR_MAX = 100  # entries a bfchar block may hold (PDF 32000-1, 9.10.3)
_CMAP_START = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
    b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
    b"1 begincodespacerange <00> <FF> endcodespacerange\n"
)
_CMAP_END = b"endcmap CMapName currentdict /CMap defineresource pop end end\n"


def glyph_name_text(name: str) -> str:
    """The text a glyph name stands for, by the Adobe Glyph List specification ("T_h.alt" reads
    "Th"); "" when it says nothing."""
    name = _NAME_ESCAPE.sub(lambda m: chr(int(m[1], 16)), name.lstrip("/"))
    text: list[str] = []
    for component in name.split(".", 1)[0].split("_"):
        if uni := _UNI.fullmatch(component):
            digits = uni[1]
            codes = [int(digits[at : at + 4], 16) for at in range(0, len(digits), 4)]
        elif u := _U.fullmatch(component):
            codes = [int(u[1], 16)]
        elif component:
            codes = [pymupdf.mupdf.fz_unicode_from_glyph_name(component)]
        else:
            codes = []
        text += [
            chr(code) for code in codes if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF and code != 0xFFFD
        ]
    return "".join(text)


def spell_glyph_names(pdf: pikepdf.Pdf, fonts: Iterable[pikepdf.Dictionary]) -> int:
    """Map in its /ToUnicode every code of a simple font of `fonts` (`font_dictionaries`) whose
    glyph name stands for several characters (see the module's docstring); returns how many
    fonts were changed."""
    spelled = 0
    for font in fonts:
        readings = several_character_glyphs(font) if font.get("/Subtype") in SIMPLE_FONTS else {}
        if readings:
            font.ToUnicode = pdf.make_stream(map_with_readings(font.get("/ToUnicode"), readings))
            spelled += 1
    return spelled


def differences(encoding: pikepdf.Object | None) -> dict[int, str]:
    """The glyph names an encoding dictionary's `/Differences` gives codes 0 to 255 ("/five")."""
    listed = encoding.get("/Differences") if isinstance(encoding, pikepdf.Dictionary) else None
    names: dict[int, str] = {}
    code = 0
    for item in listed if isinstance(listed, pikepdf.Array) else ():
        if isinstance(item, int):
            code = item
        elif isinstance(item, pikepdf.Name):
            if 0 <= code <= 0xFF:
                names[code] = str(item)
            code += 1
    return names


def several_character_glyphs(font: pikepdf.Dictionary) -> dict[int, str]:
    """The codes of `font` whose glyph names stand for two characters or more, with that text:
    names from `/Differences`, over those of the font program's own encoding where the font
    names no other base (`redactor.builtin_encoding`)."""
    encoding = font.get("/Encoding")
    names: dict[int, str] = {}
    if encoding is None or isinstance(encoding, pikepdf.Dictionary) and "/BaseEncoding" not in encoding:
        names.update(builtin_glyph_names(font))
    names.update(differences(encoding))
    found = {code: glyph_name_text(name) for code, name in names.items()}
    return {code: text for code, text in found.items() if len(text) > 1}


def font_dictionaries(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every font dictionary of `pdf`, indirect or written inside another object (a page's
    resources may hold a font directly), each once."""
    seen: set[tuple[int, int]] = set()
    for obj in pdf.objects:
        yield from _fonts_in(obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj, seen, 0)


def _fonts_in(obj: pikepdf.Object, seen: set[tuple[int, int]], depth: int) -> Iterator[pikepdf.Dictionary]:
    if depth > MAX_DEPTH or not isinstance(obj, (pikepdf.Dictionary, pikepdf.Array)):
        return
    if obj.is_indirect:
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    if isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") in FONTS:
        yield obj
        return
    for child in obj.values() if isinstance(obj, pikepdf.Dictionary) else obj:
        if isinstance(child, (pikepdf.Dictionary, pikepdf.Array)) and not child.is_indirect:
            yield from _fonts_in(child, seen, depth + 1)


def unspelled_glyphs(font: pikepdf.Dictionary) -> dict[int, str]:
    """The codes of `font` whose glyph names stand for several characters and whose /ToUnicode
    does not map them to that text as `spell_glyph_names` writes it: what MuPDF still reads
    unlike other readers. (A map written another way is taken for not mapping them: a warning
    too many, never one too few.)"""
    readings = several_character_glyphs(font)
    if not readings:
        return {}
    stream = font.get("/ToUnicode")
    try:
        data = stream.read_bytes() if isinstance(stream, pikepdf.Stream) else b""
    except pikepdf.PdfError:
        data = b""
    return {code: text for code, text in readings.items() if _entry(code, text) not in data}


def _entry(code: int, text: str) -> bytes:
    """A bfchar entry giving one-byte `code` the text `text`."""
    return f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>".encode()


def map_with_readings(existing: pikepdf.Object | None, readings: dict[int, str]) -> bytes:
    """A ToUnicode map: `existing` (a stream, possibly shared with other fonts, so it is copied)
    with `readings` appended before its end, or a map of `readings` alone."""
    entries = [_entry(code, text) + b"\n" for code, text in sorted(readings.items())]
    blocks = b"".join(
        f"{len(chunk)} beginbfchar\n".encode() + b"".join(chunk) + b"endbfchar\n"
        for chunk in (entries[at : at + _BFCHAR_MAX] for at in range(0, len(entries), _BFCHAR_MAX))
    )
    if isinstance(existing, pikepdf.Stream):
        try:
            data = existing.read_bytes()
        except pikepdf.PdfError:
            data = b""
        end = endcmap_at(data)  # MuPDF reads nothing after the first (`redactor.tounicode`)
        if end >= 0:
            return data[:end] + b"\n" + blocks + data[end:]
    return _CMAP_START + blocks + _CMAP_END
