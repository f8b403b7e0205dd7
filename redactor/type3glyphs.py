"""Empty the glyphs of Type 3 fonts that nothing draws any more.

A Type 3 font's glyphs are small content streams (`/CharProcs`), and one may draw a whole word or
number as line art. MuPDF's redaction takes the glyph's code out of the page, and the glyph's
program stays in the font, still used for other letters: drawn with its code by anyone who copies
the font, it showed the SSN a box had removed (red-team review, 2026-11-27, left open by the ninth
review). After the redactions are applied, the codes each Type 3 font still shows are read from
every content stream drawing with it, and the programs of the glyphs no code reaches are
replaced by an empty one. A font whose uses cannot all be read (listed by a pattern's or another
Type 3 font's resources, shown with no font set in the same stream, a content stream pikepdf
cannot parse, or an encoding with a `/BaseEncoding`) is left as it is.
"""

from __future__ import annotations

import re

import pikepdf
import pymupdf

from redactor.cropped import written_name
from redactor.objects import ENTRY_NAME, dictionary_at, dictionary_text, plain_name

EMPTY_GLYPH = b"0 0 d0"  # a glyph that paints nothing (its advance is the font's /Widths entry)
_SHOWING = {"Tj", "TJ", "'", '"'}
_DIFFERENCE = re.compile(r"(\d+)|/([^\s/\[\]()<>{}%]*)")


def codes_shown(contents: list[bytes]) -> dict[str, set[int]] | None:
    """The character codes `contents` show in each font, by the font's name in their resources (a
    plain name, `redactor.objects.plain_name`); None when a stream cannot be parsed or shows text
    before setting a font (a form drawn in its caller's font, which is not followed here)."""
    scratch = pikepdf.new()
    codes: dict[str, set[int]] = {}
    for data in contents:
        try:
            operations = pikepdf.parse_content_stream(scratch.make_stream(data))
        except (pikepdf.PdfError, TypeError, ValueError):  # TypeError: what pikepdf cannot hold as an operand
            return None
        current: str | None = None
        saved: list[str | None] = []
        for operands, operator in operations:
            op = str(operator)
            if op == "q":
                saved.append(current)
            elif op == "Q" and saved:
                current = saved.pop()
            elif op == "Tf" and operands and isinstance(operands[0], pikepdf.Name):
                current = plain_name(written_name(operands[0])[1:])
            elif op in _SHOWING:
                if current is None:
                    return None
                codes.setdefault(current, set()).update(_string_bytes(operands))
    return codes


def _string_bytes(operands: list) -> bytes:
    """The bytes of the strings among a text-showing operator's operands (a `TJ` array's too)."""
    shown = b""
    for operand in operands:
        for item in operand if isinstance(operand, pikepdf.Array) else [operand]:
            if isinstance(item, pikepdf.String):
                shown += bytes(item)
    return shown


Location = tuple[int, str]  # a font dictionary: the object holding it, and the key path inside ("" or ending in "/")


def empty_unshown_glyphs(doc: pymupdf.Document, shown: dict[Location, set[int]], unsure: set[Location]) -> int:
    """Give every glyph of each Type 3 font in `shown` (font: codes still shown with it) that
    no shown code reaches an empty program, unless the font is in `unsure` or its glyph program
    is also one a shown code of another font reaches; returns how many were emptied."""
    kept: set[int] = set()
    unshown: set[int] = set()
    for font, codes in shown.items():
        glyphs = _glyph_programs(doc, font)
        names = None if font in unsure else _names_by_code(doc, font)
        if names is None:
            kept.update(glyphs.values())
            continue
        used = {names[code] for code in codes if code in names}
        for name, program in glyphs.items():
            (kept if name in used else unshown).add(program)
    emptied = 0
    for program in sorted(unshown - kept):
        doc.update_stream(program, EMPTY_GLYPH)
        emptied += 1
    return emptied


def _names_by_code(doc: pymupdf.Document, font: Location) -> dict[int, str] | None:
    """Code to glyph name by the font's `/Encoding` `/Differences` (plain names); None when it has
    an encoding of another kind or a `/BaseEncoding` (whose names are not read here)."""
    xref, inside = font
    kind, _ = doc.xref_get_key(xref, inside + "Encoding")
    if kind not in ("dict", "xref") or doc.xref_get_key(xref, inside + "Encoding/BaseEncoding")[0] != "null":
        return None
    kind, value = doc.xref_get_key(xref, inside + "Encoding/Differences")
    if kind == "xref":
        value = doc.xref_object(int(value.split()[0]), compressed=True)
    elif kind != "array":
        return None
    names: dict[int, str] = {}
    code = 0
    for number, name in _DIFFERENCE.findall(value):
        if number:
            code = int(number)
        else:
            names[code] = plain_name(name)
            code += 1
    return names


def _glyph_programs(doc: pymupdf.Document, font: Location) -> dict[str, int]:
    """Glyph name (plain) to the object of its program, for each glyph of the font's `/CharProcs`."""
    found = dictionary_at(doc, font[0], font[1] + "CharProcs")
    if found is None:
        return {}
    programs: dict[str, int] = {}
    for name in set(ENTRY_NAME.findall(dictionary_text(doc, *found))):
        kind, value = doc.xref_get_key(found[0], found[1] + name)
        if kind == "xref" and 0 < (program := int(value.split()[0])) < doc.xref_length():
            programs[plain_name(name)] = program
    return programs
