"""Masked previews: enough for a person to recognise which redaction is meant, not enough to read it.

Every letter and digit becomes a bullet; the first character survives only in
longer values, and separators stay so the shape is recognisable
("512-43-8817" reads "5••-••-••••"). Used for everything printed to a
terminal, written to a log or put in an error message.
"""

from __future__ import annotations

import unicodedata

BULLET = "•"
MAX_PREVIEW = 24

# The names the PDF standard gives annotations and name trees (ISO 32000-2, tables 171 and 32). A
# file may write any name there ("/Subtype /Ortega#20SSN#20512-43-8817"): only these are printed.
ANNOTATION_TYPES = frozenset(
    "Text Link FreeText Line Square Circle Polygon PolyLine Highlight Underline Squiggly StrikeOut Caret Stamp "
    "Ink Popup FileAttachment Sound Movie Screen Widget PrinterMark TrapNet Watermark 3D Redact Projection "
    "RichMedia".split()
)
NAME_TREES = frozenset(
    "Dests AP JavaScript Pages Templates IDS URLS EmbeddedFiles AlternatePresentations Renditions".split()
)


def standard_name(name: str, known: frozenset[str]) -> str:
    """`name` (with or without its slash) if the standard defines it, else "other": a name the
    file chose is text from the file, which messages and summaries never quote."""
    bare = name.removeprefix("/")
    return bare if bare in known else "other"


def mask(text: str) -> str:
    """A masked preview of `text`, at most MAX_PREVIEW characters long."""
    # Accents written as marks of their own, zero-width spaces and soft hyphens are left out: kept
    # (not letters, so not bullets) they showed where "Nu\u0301n\u0303ez" has its accents.
    text = "".join(
        c for c in " ".join(text.split()) if unicodedata.category(c)[0] != "M" and unicodedata.category(c) != "Cf"
    )
    shown = text[:MAX_PREVIEW]
    keep_first = sum(c.isalnum() for c in text) >= 8
    result = []
    first_done = False
    for char in shown:
        if char.isalnum():
            if keep_first and not first_done:
                result.append(char)
            else:
                result.append(BULLET)
            first_done = True
        else:
            result.append(char)
    if len(text) > MAX_PREVIEW:
        result.append("…")
    return "".join(result)
