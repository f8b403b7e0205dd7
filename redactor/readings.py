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

from collections.abc import Iterator
from dataclasses import dataclass, field

import pymupdf

from redactor.lexer import inline_picture_data


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
    for xref in [*page.get_contents(), *(found[0] for found in page.get_xobjects())]:
        if 0 < xref < doc.xref_length() and doc.xref_is_stream(xref):
            yield xref


def _data(doc: pymupdf.Document, xref: int) -> bytes:
    try:
        return doc.xref_stream(xref) or b""
    except (RuntimeError, ValueError):  # a stream whose data cannot be decoded draws nothing
        return b""
