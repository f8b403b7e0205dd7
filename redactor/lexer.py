"""The parts of a content stream that are not operators: strings, comments, inline pictures.

Several checks look for something in content streams with a regular expression: a comment a
producer left ("% field witness = ..."), the strings a page shows, the name a form is drawn
by ("/Fx Do"). Each must know where a string, a comment and an inline picture's data begin
and end, or "(" in a picture's bytes swallows the comment after it, a string nested in
parentheses ends at its first ")", and "(... /Fx Do ...)" in a string counts as drawing a
form (code and red-team reviews, 2026-11-26). One scanner tells them all, as PDF readers do:
strings nest to any depth and honour escapes, and an inline picture's data runs to the "EI"
MuPDF ends it at (`redactor.readings`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

Kind = Literal["string", "hex", "comment", "picture", "array", "dictionary"]

# Where a lexeme that is not an operator may start: "(", "<" that does not begin or end a
# dictionary, "%", or "BI" standing alone (an inline picture).
_DELIMITED = rb"[\x00-\x20/\[\]()<>{}%]"  # white space or a delimiter: where a keyword ends
_START = re.compile(rb"\(|(?<!<)<(?!<)|%|(?<![^\x00-\x20/\[\]()<>{}%])BI(?=" + _DELIMITED + rb")")
_WITH_CONTAINERS = re.compile(_START.pattern + rb"|\[|<<")
_IN_STRING = re.compile(rb"\\.|[()]", re.DOTALL)
_IN_CONTAINER = re.compile(rb"\(|<<|>>|<|%|\[|\]")
_LINE_END = re.compile(rb"[\r\n]")
# Where its dictionary ends: the keyword ID, then one byte MuPDF and Poppler skip ("\r\n" both).
_PICTURE_DATA = re.compile(rb"(?<=[\x00-\x20/\[\]()<>{}%])ID(?=" + _DELIMITED + rb")(?:\r\n|[\s\S])")
_PICTURE_END = re.compile(rb"EI(?=[\x00-\x20</]|\Z)")  # where MuPDF ends its data


def lexemes(data: bytes, containers: bool = False) -> Iterator[tuple[Kind, int, int]]:
    """Each string, hex string, comment and inline picture of a content stream, as (kind,
    start, end), and with `containers` each array and dictionary (a name in one is an operand,
    never a use: "[/Fx Do]" draws nothing); one left open runs to the end of the stream."""
    position = 0
    starts = _WITH_CONTAINERS if containers else _START
    while found := starts.search(data, position):
        begin = found.start()
        lead = data[begin : begin + 1]
        kind: Kind
        if lead == b"[" or data[begin : begin + 2] == b"<<":
            kind = "array" if lead == b"[" else "dictionary"
            end = _container_end(data, begin)
        elif lead == b"(":
            kind, end = "string", _string_end(data, begin)
        elif lead == b"<":
            close = data.find(b">", begin)
            kind, end = "hex", len(data) if close < 0 else close + 1
        elif lead == b"%":
            line_end = _LINE_END.search(data, begin)
            kind, end = "comment", line_end.start() if line_end else len(data)
        else:
            kind, end = "picture", _picture_end(data, found.end())
        yield kind, begin, end
        position = max(end, begin + 1)


def without_lexemes(data: bytes, containers: bool = False) -> bytes:
    """`data` with every string, comment and inline picture (and with `containers` every array
    and dictionary) made a space: its operators and names alone."""
    if not (b"(" in data or b"<" in data or b"%" in data or b"BI" in data or containers and b"[" in data):
        return data
    parts, position = [], 0
    for _, start, end in lexemes(data, containers):
        parts += [data[position:start], b" "]
        position = end
    parts.append(data[position:])
    return b"".join(parts)


# A marked-content tag: a name, maybe a property list's name (a dictionary is blanked), then BMC or BDC.
_NAME = rb"/([^\x00-\x20/\[\]()<>{}%]*)"
_TAG = re.compile(
    _NAME + rb"[\x00-\x20]*(?:/[^\x00-\x20/\[\]()<>{}%]*[\x00-\x20]*)?B(?:MC|DC)(?=" + _DELIMITED + rb"|\Z)"
)


def tag_names(data: bytes) -> Iterator[tuple[int, int]]:
    """Where the tag of each marked-content sequence is written ("/Span" in "/Span <<...>> BDC"),
    without its slash, as (start, end). A tag is a name the producer chose (InDesign writes a
    paragraph style's name), which no reader shows and which may be anything."""
    if b"BMC" not in data and b"BDC" not in data:
        return
    blank = bytearray(data)
    for _, start, end in lexemes(data, containers=True):
        blank[start:end] = b" " * (end - start)
    for match in _TAG.finditer(bytes(blank)):
        yield match.start(1), match.end(1)


_NAME_TOKEN = re.compile(_NAME)


def any_names(data: bytes) -> set[str]:
    """Every name written in `data`, without its slash, also what only looks like one inside a
    string or a picture's bytes: a quick superset, with no lexing."""
    return {name.decode("latin-1") for name in set(_NAME_TOKEN.findall(data)) if name}


def property_lists(data: bytes) -> Iterator[tuple[int, int]]:
    """Where each dictionary written in a content stream is (a marked-content property list,
    "<< /MCID 3 /Lang (en) >>"), as (start, end)."""
    if b"<<" not in data:
        return
    for kind, start, end in lexemes(data, containers=True):
        if kind == "dictionary":
            yield start, end


def names_in(data: bytes) -> list[str]:
    """The names written in `data` (a property list), without their slashes, strings skipped."""
    blank = bytearray(data)
    for kind, start, end in lexemes(data):
        if kind in ("string", "hex", "comment"):
            blank[start:end] = b" " * (end - start)
    return [match.group(1).decode("latin-1") for match in _NAME_TOKEN.finditer(bytes(blank))]


def _container_end(data: bytes, start: int) -> int:
    """Where the array or dictionary at `start` ends, with those inside it, and past the
    strings, hex strings and comments it holds."""
    depth, position = 0, start
    while token := _IN_CONTAINER.search(data, position):
        at, value = token.start(), token.group()
        if value == b"(":
            position = _string_end(data, at)
        elif value == b"<":
            close = data.find(b">", at)
            position = len(data) if close < 0 else close + 1
        elif value == b"%":
            line_end = _LINE_END.search(data, at)
            position = line_end.start() if line_end else len(data)
        else:
            depth += 1 if value in (b"[", b"<<") else -1
            position = token.end()
            if depth <= 0:
                return position
    return len(data)


def _string_end(data: bytes, start: int) -> int:
    depth = 0
    for token in _IN_STRING.finditer(data, start):
        if token.group() == b"(":
            depth += 1
        elif token.group() == b")":
            depth -= 1
            if depth == 0:
                return token.end()
    return len(data)


def _picture_end(data: bytes, after_bi: int) -> int:
    found = _PICTURE_DATA.search(data, after_bi)
    if found is None:
        return len(data)
    end = _PICTURE_END.search(data, found.end())
    return end.end() if end else len(data)


def inline_picture_data(data: bytes) -> Iterator[bytes]:
    """The data of each inline picture of a content stream: from after "ID " to the "EI"
    MuPDF ends it at (not included)."""
    for kind, start, end in lexemes(data):
        if kind == "picture":
            found = _PICTURE_DATA.search(data, start, end)
            if found is not None:
                yield data[found.end() : end - 2 if data[end - 2 : end] == b"EI" else end]
