"""Fonts whose ToUnicode map reads other characters than their glyphs draw.

Every extractor (MuPDF, Poppler, pdfminer, pypdf, Acrobat's copy) reads a code by the font's
`/ToUnicode` map when it has one, and never looks at the glyph. A map that reads the glyphs of
"512-43-8817" as "xxx-xx-xxxx", written on purpose or by a broken producer, hides the value
from every search while the page shows it: redact never found it, and verification passed a
public file that showed it (known limit until 2026-11-28).

The sign, read per font from its dictionary (never per glyph drawn): a simple font whose
glyphs are named, by `/Differences` or a standard encoding (WinAnsi, MacRoman, Adobe's Standard
encoding for a Latin font that names no other, or the encoding written in its own Type 1 or CFF
program), names what it draws: "five" is a 5 by the Adobe Glyph List. A map that reads a glyph
named as a letter or digit as another character (or as nothing) lies. Names like "g17" say
nothing and are not judged; neither is a symbolic TrueType font, whose codes pick glyphs
without names, nor a Type 3 font (its glyphs are read by OCR anyway:
`redactor.layout.type3_text`), nor a composite font (its codes name no glyphs).

Not a sign: many codes of one font read as one letter. It is how a mask ("x" for every digit)
would look, but Acrobat's ClearScan fonts read 6 to 14 differently drawn glyphs as one letter
each (one glyph for every way a scan drew it), in filings of the test corpus; only comparing
the glyphs' drawings could tell the two apart.

A lie by names is mended in the public file (`redactor.preparing`): the codes are mapped to
what their names say, so that the text reads as the page shows where the names are right. The
names are only the font's word for its glyphs (an embedded program may draw anything under a
name), so redact also reads the pages that draw such a font with OCR, which reads what is
drawn whichever of the two lies.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pikepdf

from redactor.builtin_encoding import builtin_glyph_names
from redactor.glyphnames import MAX_DEPTH, differences, glyph_name_text
from redactor.tounicode import map_entries

_SYMBOLIC, _NONSYMBOLIC = 4, 32  # font descriptor flags (PDF 32000-1, 9.8.2)
_PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")
_LATIN_STANDARD = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic",
}  # fmt: skip
_CODECS = {"/WinAnsiEncoding": "cp1252", "/MacRomanEncoding": "mac_roman"}


@dataclass(frozen=True)
class Misreading:
    """A font whose map reads its glyphs otherwise than they are drawn."""

    font: pikepdf.Dictionary
    name: str  # its /BaseFont, without a subset's prefix
    said: dict[int, str] = field(default_factory=dict)  # code -> the text its glyph's name says, where the map lies
    read: dict[int, str] = field(default_factory=dict)  # code -> what the map reads, for those codes

    def kinds(self) -> str:
        """What the page shows and what extractors read, in words that give no character away:
        "10 glyph(s) named as digits read as letters"."""
        shown = _kind(self.said.values())
        read = _kind(self.read.values())
        return f"{len(self.said)} glyph(s) named as {shown} read as {read}"


def misreadings(fonts: Iterable[pikepdf.Dictionary]) -> list[Misreading]:
    """The fonts of `fonts` (`redactor.glyphnames.font_dictionaries`) whose map reads a glyph
    named as a letter or digit otherwise; each map is read once, however many fonts share it."""
    found = []
    maps: dict[tuple[int, int], dict[int, str]] = {}
    for font in fonts:
        stream = font.get("/ToUnicode")
        names = glyph_texts(font) if isinstance(stream, pikepdf.Stream) else {}
        if not names:
            continue  # most fonts: a composite font, or one with no map, is not read further
        if stream.objgen not in maps:
            try:
                maps[stream.objgen] = map_entries(stream.read_bytes())
            except pikepdf.PdfError:
                maps[stream.objgen] = {}  # no reader reads it either
        found += _judged(font, names, maps[stream.objgen])
    return found


def _judged(font: pikepdf.Dictionary, names: dict[int, str], read: dict[int, str]) -> list[Misreading]:
    """The codes of `font` whose glyph is named as a plain Latin letter or digit (the characters of
    numbers and names a mask would hide) that its map reads otherwise. Other glyphs are left to
    the map, which writers use freely for symbols and letters beyond ASCII: the tests' typography
    fixture, a WinAnsi font whose map reads an em dash where the code names "Scaron", was taken for
    a mask, its map rewritten, and its en dashes and non-breaking hyphens lost."""
    said = {
        code: text
        for code, text in names.items()
        if code in read
        and any(c.isascii() and c.isalnum() for c in _plain(text))
        and _plain(read[code]) != _plain(text)
    }
    if not said:
        return []
    base = font.get("/BaseFont")
    name = str(base).lstrip("/").split("+", 1)[-1] if isinstance(base, pikepdf.Name) else "unnamed"
    return [Misreading(font, name, said, {code: read[code] for code in said})]


def glyph_texts(font: pikepdf.Dictionary) -> dict[int, str]:
    """Code to the text its glyph's name stands for, in a simple font whose codes pick glyphs by
    name (see the module's docstring); names that say nothing are left out."""
    subtype = font.get("/Subtype")
    if subtype not in ("/Type1", "/MMType1", "/TrueType"):
        return {}
    descriptor = font.get("/FontDescriptor")
    flags = descriptor.get("/Flags", 0) if isinstance(descriptor, pikepdf.Dictionary) else 0
    symbolic = isinstance(flags, int) and bool(flags & _SYMBOLIC) and not flags & _NONSYMBOLIC
    if subtype == "/TrueType" and symbolic:
        return {}  # its codes pick glyphs through the program's own table, not by name
    embedded = isinstance(descriptor, pikepdf.Dictionary) and any(key in descriptor for key in _PROGRAMS)
    encoding = font.get("/Encoding")
    base = encoding.get("/BaseEncoding") if isinstance(encoding, pikepdf.Dictionary) else encoding
    names: dict[int, str] = {}
    if isinstance(base, pikepdf.Name) and str(base) in _CODECS:
        names = dict(_base_texts(str(base)))
    elif base is None and subtype != "/TrueType":
        own = builtin_glyph_names(font) if embedded else {}
        if own:
            names = {code: glyph_name_text(name) for code, name in own.items()}
        elif not symbolic and (embedded or str(font.get("/BaseFont", "")).lstrip("/") in _LATIN_STANDARD):
            names = dict(_standard_texts())
    names.update({code: glyph_name_text(name) for code, name in differences(encoding).items()})
    return {code: text for code, text in names.items() if text}


_TEXTS: dict[str, list[tuple[int, str]]] = {}


def _base_texts(encoding: str) -> list[tuple[int, str]]:
    """Code to character of a named base encoding, read with Python's codec of the same table
    (where PDF's differs from it, the characters are not letters or digits)."""
    if encoding not in _TEXTS:
        decoded = [(code, bytes([code]).decode(_CODECS[encoding], errors="ignore")) for code in range(256)]
        _TEXTS[encoding] = [(code, text) for code, text in decoded if text]
    return _TEXTS[encoding]


def _standard_texts() -> list[tuple[int, str]]:
    """Code to character of Adobe's Standard encoding, a Latin Type 1 font's own."""
    if "standard" not in _TEXTS:
        from fontTools.encodings.StandardEncoding import StandardEncoding

        _TEXTS["standard"] = [(code, glyph_name_text(name)) for code, name in enumerate(StandardEncoding)]
    return _TEXTS["standard"]


def _plain(text: str) -> str:
    """`text` as a search compares it: compatibility forms folded (a ligature "ﬁ" is "fi"),
    case folded, spaces and control and format characters left out."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in folded if unicodedata.category(c)[0] not in "CZ")


def _kind(texts: Iterable[str]) -> str:
    kinds = set()
    for text in texts:
        plain = _plain(text)
        if not plain:
            kinds.add("nothing")
        elif plain.isdigit():
            kinds.add("digits")
        elif plain.isalpha():
            kinds.add("letters")
        else:
            kinds.add("other characters")
    order = ("letters", "digits", "other characters", "nothing")
    return " and ".join(kind for kind in order if kind in kinds)


def pages_drawing(pdf: pikepdf.Pdf, found: list[Misreading]) -> dict[int, list[Misreading]]:
    """The 0-based pages whose content, or a form, pattern, Type 3 glyph or annotation's
    appearance it draws, may draw a font of `found`, with those fonts: called only when a font
    was found."""
    wanted = {_key(m.font): m for m in found}
    pages: dict[int, list[Misreading]] = {}
    for number, page in enumerate(pdf.pages):
        node: pikepdf.Object | None = page.obj
        for _ in range(MAX_DEPTH):  # resources may be inherited from the page tree
            if not isinstance(node, pikepdf.Dictionary) or "/Resources" in node:
                break
            node = node.get("/Parent")
        resources = node.get("/Resources") if isinstance(node, pikepdf.Dictionary) else None
        seen: set = set()
        drawn = {_key(font) for font in _fonts_of(resources, seen, 0)}
        for appearance in _appearances(page.obj.get("/Annots")):
            drawn |= {_key(font) for font in _fonts_of(appearance.get("/Resources"), seen, 0)}
        hits = [m for key, m in wanted.items() if key in drawn]
        if hits:
            pages[number] = hits
    return pages


def _appearances(annots: pikepdf.Object | None) -> Iterator[pikepdf.Stream]:
    """The normal appearances of `annots`, in each state they have (a check box: on and off)."""
    for annot in annots if isinstance(annots, pikepdf.Array) else ():
        ap = annot.get("/AP") if isinstance(annot, pikepdf.Dictionary) else None
        normal = ap.get("/N") if isinstance(ap, pikepdf.Dictionary) else None
        states = normal.values() if isinstance(normal, pikepdf.Dictionary) else (normal,)
        yield from (state for state in states if isinstance(state, pikepdf.Stream))


def _key(font: pikepdf.Dictionary) -> object:
    return font.objgen if font.is_indirect else font.unparse()


def _fonts_of(resources: pikepdf.Object | None, seen: set, depth: int) -> Iterator[pikepdf.Dictionary]:
    """The fonts of `resources` and of the forms, patterns and Type 3 fonts drawn from them."""
    if not isinstance(resources, pikepdf.Dictionary) or depth > MAX_DEPTH:
        return
    if resources.is_indirect:
        if resources.objgen in seen:
            return
        seen.add(resources.objgen)
    fonts = resources.get("/Font")
    for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ():
        if isinstance(font, pikepdf.Dictionary):
            yield font
            yield from _fonts_of(font.get("/Resources"), seen, depth + 1)  # a Type 3 font's glyphs
    for key in ("/XObject", "/Pattern"):
        drawn = resources.get(key)
        for item in drawn.values() if isinstance(drawn, pikepdf.Dictionary) else ():
            if isinstance(item, (pikepdf.Stream, pikepdf.Dictionary)) and item.get("/Subtype") != "/Image":
                yield from _fonts_of(item.get("/Resources"), seen, depth + 1)
