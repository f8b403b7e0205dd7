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

Kind = Literal["string", "hex", "comment", "picture"]

# Where a lexeme that is not an operator may start: "(", "<" that does not begin or end a
# dictionary, "%", or "BI" standing alone (an inline picture).
_DELIMITED = rb"[\x00-\x20/\[\]()<>{}%]"  # white space or a delimiter: where a keyword ends
_START = re.compile(rb"\(|(?<!<)<(?!<)|%|(?<![^\x00-\x20/\[\]()<>{}%])BI(?=" + _DELIMITED + rb")")
_IN_STRING = re.compile(rb"\\.|[()]", re.DOTALL)
_LINE_END = re.compile(rb"[\r\n]")
# Where its dictionary ends: the keyword ID, then one byte MuPDF and Poppler skip ("\r\n" both).
_PICTURE_DATA = re.compile(rb"(?<=[\x00-\x20/\[\]()<>{}%])ID(?=" + _DELIMITED + rb")(?:\r\n|[\s\S])")
_PICTURE_END = re.compile(rb"EI(?=[\x00-\x20</]|\Z)")  # where MuPDF ends its data


def lexemes(data: bytes) -> Iterator[tuple[Kind, int, int]]:
    """Each string, hex string, comment and inline picture of a content stream, as (kind,
    start, end); one left open runs to the end of the stream."""
    position = 0
    while start := _START.search(data, position):
        first = data[start.start() : start.start() + 1]
        begin = start.start()
        if first == b"(":
            kind: Kind = "string"
            end = _string_end(data, begin)
        elif first == b"<":
            kind = "hex"
            close = data.find(b">", begin)
            end = len(data) if close < 0 else close + 1
        elif first == b"%":
            kind = "comment"
            line_end = _LINE_END.search(data, begin)
            end = line_end.start() if line_end else len(data)
        else:
            kind = "picture"
            end = _picture_end(data, start.end())
        yield kind, begin, end
        position = max(end, begin + 1)


def without_lexemes(data: bytes) -> bytes:
    """`data` with every string, comment and inline picture made a space: its operators and
    names alone."""
    if not (b"(" in data or b"<" in data or b"%" in data or b"BI" in data):
        return data
    parts, position = [], 0
    for _, start, end in lexemes(data):
        parts += [data[position:start], b" "]
        position = end
    parts.append(data[position:])
    return b"".join(parts)


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
