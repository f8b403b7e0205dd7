"""Reading a PDF's objects through MuPDF's object API (`xref_get_key` and its kin): where a
dictionary lives, which objects can be read at all, a page's content streams and resources.
Shared by the steps that clean objects after redaction (`sanitize`, `unused`) and draw on
pages (`apply`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pymupdf


def readable_objects(doc: pymupdf.Document) -> Iterator[int]:
    """Every object MuPDF can read. One it cannot (a damaged dictionary: "invalid key in dict")
    is passed over here, and not written to the public file, which MuPDF writes; a fuzzed file
    ended in an internal error (fuzzing review, 2026-11-26)."""
    for xref in range(1, doc.xref_length()):
        try:
            doc.xref_get_key(xref, "Type")
        except pymupdf.mupdf.FzErrorBase:
            continue
        yield xref


def has_shadings(doc: pymupdf.Document) -> bool:
    """Whether any object of `doc` is or holds a shading (a `/ShadingType` key, written in its
    own object or inside another): a cheap gate before tracing pages' drawings for them."""
    for xref in readable_objects(doc):
        try:
            if "/ShadingType" in doc.xref_object(xref, compressed=True):
                return True
        except pymupdf.mupdf.FzErrorBase:
            return True  # cannot be read to say it holds none
    return False


def name_at(doc: pymupdf.Document, xref: int, key: str) -> str:
    """The name under `key`, also when it is written as an object of its own (some producers
    write /Type 71 0 R)."""
    kind, value = doc.xref_get_key(xref, key)
    if kind == "xref":
        target = int(value.split()[0])
        # a reference to no object stands for null (PDF 32000-1, 7.3.10), which MuPDF raises at
        return doc.xref_object(target, compressed=True).strip() if 0 < target < doc.xref_length() else ""
    return value


# A key of a dictionary whose value is a dictionary or a reference (nested keys match too, and
# come to nothing when looked up at the top level).
ENTRY_NAME = re.compile(r"/([^\s/<>\[\]()%{}]+)\s*(?:<<|\d+\s+0\s+R)")


def dictionary_at(doc: pymupdf.Document, xref: int, path: str) -> tuple[int, str] | None:
    """Where the dictionary at key `path` ("Resources/Properties") of object `xref` lives: an
    object and the key path inside it ("" for the object itself, else ending in "/"), following
    indirect references, which PyMuPDF's `xref_set_key` cannot take a path through. None if
    there is no such dictionary."""
    inside = ""
    for key in path.split("/"):
        kind, value = doc.xref_get_key(xref, inside + key)
        if kind == "xref":
            xref, inside = int(value.split()[0]), ""
        elif kind == "dict":
            inside += key + "/"
        else:
            return None
    if not inside and not doc.xref_is_stream(xref) and not doc.xref_object(xref).lstrip().startswith("<<"):
        return None
    return xref, inside


def dictionary_text(doc: pymupdf.Document, xref: int, inside: str) -> str:
    """The PDF source of the dictionary `dictionary_at` located."""
    return doc.xref_get_key(xref, inside.rstrip("/"))[1] if inside else doc.xref_object(xref)


def resources_of_page(doc: pymupdf.Document, xref: int) -> tuple[int, str] | None:
    """Where a page's /Resources dictionary lives: its own, or one it inherits from the page tree."""
    for _ in range(64):  # a page tree is not that deep; a loop in a damaged one is cut short
        if doc.xref_get_key(xref, "Resources")[0] != "null":
            return dictionary_at(doc, xref, "Resources")
        kind, parent = doc.xref_get_key(xref, "Parent")
        if kind != "xref":
            return None
        xref = int(parent.split()[0])
    return None


def content_streams(doc: pymupdf.Document, page: pymupdf.Page) -> Iterator[tuple[int, bytes]]:
    """Each content stream of the page and its data; a stream a damaged file lost (it was
    rebuilt on opening, and still names it) is passed over."""
    for xref in page.get_contents():
        if 0 < xref < doc.xref_length() and doc.xref_is_stream(xref):
            yield xref, doc.xref_stream(xref) or b""


def page_content(doc: pymupdf.Document, page: pymupdf.Page) -> bytes:
    """The page's content streams, joined."""
    return b"\n".join(data for _, data in content_streams(doc, page))


def plain_name(name: str) -> str:
    """A PDF name without its #-escapes, as the content stream and the dictionary may differ."""
    return re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), name)
