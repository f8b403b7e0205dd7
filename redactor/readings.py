"""Content that PDF readers read differently.

MuPDF is what finds the text to redact, so whatever another reader shows and MuPDF does not
is never searched. Two known ways (red-team review, 2026-11-26): MuPDF stops reading a content
stream at a stray "endstream" where Poppler reads on, in a page's content or in any form it
draws (a flattened stamp's appearance too); and MuPDF ends an inline picture only at an "EI"
followed by a space, "<" or "/", where Poppler ends it at the first "EI" after its pixels, so
"ID <pixels>EIQ BT (an SSN) Tj ET ... EI" shows the SSN in Poppler and is a picture to MuPDF.
Such pages are written anew as MuPDF read them (`redactor.sanitize.rewrite_unread_content`):
the public version then reads the same in every viewer, and the user is told to compare.
Pages with inline pictures and no such sign are written anew too, without a word: one reading
for every viewer is the point, and a sign missed costs nothing then.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pymupdf

from redactor.lexer import inline_picture_data, lexemes


@dataclass
class Readings:
    """0-based pages to write anew as MuPDF read them."""

    differ: set[int] = field(default_factory=set)  # other readers may read them otherwise: the user is told
    inline: set[int] = field(default_factory=set)  # they hold inline pictures that all read alike: quietly


def page_readings(doc: pymupdf.Document) -> Readings:
    """Which pages other readers may read differently from MuPDF, and which hold inline pictures."""
    readings = Readings()
    verdicts: dict[int, str] = {}  # a stream's verdict, once: a letterhead form is drawn on every page
    for page in doc:
        for xref in _content_reached(doc, page):
            if xref not in verdicts:
                verdicts[xref] = _verdict(_data(doc, xref))
            if verdicts[xref] == "differs":
                readings.differ.add(page.number)
            elif verdicts[xref] == "inline":
                readings.inline.add(page.number)
    readings.inline -= readings.differ
    return readings


def _verdict(data: bytes) -> str:
    """ "differs" when other readers may read a content stream otherwise, "inline" when it holds
    inline pictures all read alike, else ""."""
    if b"endstream" in data:
        return "differs"
    if b"ID" in data and b"BI" in data:
        pictures = inline_picture_ends(data)
        return "differs" if any(pictures) else "inline" if pictures else ""
    return ""


def inline_picture_ends(data: bytes) -> list[bool]:
    """For each inline picture in a content stream, whether its data holds an "EI" before the
    one MuPDF ends it at: another reader may end it there, and read what follows as content.
    A picture's own bytes may hold one by chance; then the page is written anew and the user
    told for nothing, which is the side to err on."""
    return [b"EI" in picture for picture in inline_picture_data(data)]


def _content_reached(doc: pymupdf.Document, page: pymupdf.Page) -> Iterator[int]:
    """Each content stream the page draws: its own, and every form it reaches, at any depth
    (flattened stamps and widgets are forms by now)."""
    try:
        forms = [found[0] for found in page.get_xobjects()]
    except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError):  # resources a damaged file cannot give
        forms = []
    for xref in [*page.get_contents(), *forms]:
        if 0 < xref < doc.xref_length() and doc.xref_is_stream(xref):
            yield xref


def _data(doc: pymupdf.Document, xref: int) -> bytes:
    try:
        return doc.xref_stream(xref) or b""
    except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError):  # a stream whose data cannot be decoded draws nothing
        return b""


def cut_stray_ends(doc: pymupdf.Document) -> int:
    """Cut every drawing that is not a page's own content (a form, a tiling pattern, a Type 3
    glyph) at a stray "endstream", where MuPDF stops reading it, and return how many were cut.
    A page is written anew as MuPDF read it (`page_readings`), forms it draws included, but a
    pattern, a soft mask's group or a glyph is not: Poppler drew an SSN after the marker in a
    pattern that nothing had searched (red-team review, 2026-11-27)."""
    cut = 0
    for xref in _drawings(doc):
        data = _data(doc, xref)
        end = stray_end(data) if b"endstream" in data else None
        if end is not None:
            doc.update_stream(xref, data[:end])
            cut += 1
    return cut


def stray_end(data: bytes) -> int | None:
    """Where the first "endstream" outside a string or a comment stands in a content stream."""
    position = 0
    for _, start, end in lexemes(data):
        found = data.find(b"endstream", position, start)
        if found >= 0:
            return found
        position = end
    found = data.find(b"endstream", position)
    return found if found >= 0 else None


def _drawings(doc: pymupdf.Document) -> Iterator[int]:
    """Every stream that draws: forms, tiling patterns, Type 3 glyphs."""
    glyphs: set[int] = set()
    for xref in range(1, doc.xref_length()):
        if _key(doc, xref, "Subtype") == ("name", "/Type3"):
            kind, value = _key(doc, xref, "CharProcs")
            inside = value if kind == "dict" else _object(doc, int(value.split()[0])) if kind == "xref" else ""
            glyphs.update(int(number) for number in re.findall(r"(\d+) 0 R", inside))
    for xref in range(1, doc.xref_length()):
        if doc.xref_is_stream(xref) and (
            xref in glyphs
            or _key(doc, xref, "Subtype") == ("name", "/Form")
            or _key(doc, xref, "PatternType")[0] != "null"
        ):
            yield xref


def _object(doc: pymupdf.Document, xref: int) -> str:
    try:
        return doc.xref_object(xref)
    except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError):  # an object a damaged file cannot give
        return ""


def _key(doc: pymupdf.Document, xref: int, key: str) -> tuple[str, str]:
    try:
        return doc.xref_get_key(xref, key)
    except (pymupdf.mupdf.FzErrorBase, RuntimeError, ValueError):  # an object a damaged file cannot give
        return ("null", "null")
