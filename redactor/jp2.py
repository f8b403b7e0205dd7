"""What a JPEG 2000 picture carries besides its picture, and taking it out without decoding it.

A JP2 file is a list of boxes: the signature, the file type, the header (size, colours), the
codestream, and any others a writer adds: XMP ("xml "), vendor data ("uuid"), links and
captions ("uinf", "jp2i"). PDF producers copy it into the file byte for byte (/JPXDecode), so
an XMP caption naming the person in the photo travelled with it (red-team review,
2026-11-26). Only the boxes a decoder needs are kept; comments (COM) in the codestream's main
header go too. A bare codestream (no boxes) keeps all but its comments.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

_KEPT = {b"jP  ", b"ftyp", b"rreq", b"jp2h", b"jp2c", b"jpch", b"jplh", b"res ", b"dtbl", b"ftbl"}
_SIGNATURE = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
SOC, SOT, COM = 0xFF4F, 0xFF90, 0xFF64


def without_metadata(data: bytes) -> bytes | None:
    """`data` (a JP2 file or a bare codestream) without what a decoder does not need; None when
    nothing was taken out, or when it is not one this can read (it is then left as it is)."""
    if data.startswith(_SIGNATURE):
        parts, changed = [], False
        listed = list(_boxes(data))
        if not listed or listed[-1][2] != len(data):
            return None  # a box list that does not cover the file: not read here
        for kind, start, end in listed:
            if kind not in _KEPT:
                changed = True
                continue
            box = data[start:end]
            if kind == b"jp2c":
                header = 16 if struct.unpack(">I", box[:4])[0] == 1 else 8
                stream = _without_comments(box[header:])
                if stream is not None:
                    box, changed = _box(kind, stream), True
            parts.append(box)
        return b"".join(parts) if changed else None
    return _without_comments(data)


def metadata_text(data: bytes) -> str:
    """What a JP2 file or a bare codestream holds besides the picture, as text (to look for
    redacted values in it)."""
    parts = []
    if data.startswith(_SIGNATURE):
        for kind, start, end in _boxes(data):
            if kind == b"jp2c":
                parts += _comments(data[start + 8 : end])
            elif kind not in _KEPT:
                parts.append(data[start:end].decode("latin-1"))
    else:
        parts += _comments(data)
    return "\n".join(parts)


def _boxes(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """(type, start, end) of each top-level box, until one cannot be read."""
    at = 0
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        if length == 1 and at + 16 <= len(data):
            length = struct.unpack(">Q", data[at + 8 : at + 16])[0]
        elif length == 0:
            length = len(data) - at  # the last box runs to the end
        if length < 8 or at + length > len(data):
            return
        yield kind, at, at + length
        at += length


def _box(kind: bytes, content: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(content), kind) + content


def _header_markers(stream: bytes) -> Iterator[tuple[int, int, int]]:
    """(marker, start, end) of each marker segment of a codestream's main header."""
    if len(stream) < 2 or struct.unpack(">H", stream[:2])[0] != SOC:
        return
    at = 2
    while at + 4 <= len(stream):
        marker, length = struct.unpack(">HH", stream[at : at + 4])
        if marker == SOT or marker < 0xFF00 or length < 2:
            return
        yield marker, at, at + 2 + length
        at += 2 + length


def _comments(stream: bytes) -> list[str]:
    return [
        stream[start + 4 : end].decode("latin-1") for marker, start, end in _header_markers(stream) if marker == COM
    ]


def _without_comments(stream: bytes) -> bytes | None:
    comments = [(start, end) for marker, start, end in _header_markers(stream) if marker == COM]
    if not comments:
        return None
    kept, at = [], 0
    for start, end in comments:
        kept.append(stream[at:start])
        at = end
    kept.append(stream[at:])
    return b"".join(kept)
