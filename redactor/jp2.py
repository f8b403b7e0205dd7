"""What a JPEG 2000 picture carries besides its picture, and taking it out without decoding it.

A JP2 file is a list of boxes: the signature, the file type, the header (size, colours), the
codestream, and any others a writer adds: XMP ("xml "), vendor data ("uuid"), links and
captions ("uinf", "jp2i"). PDF producers copy it into the file byte for byte (/JPXDecode), so
an XMP caption naming the person in the photo travelled with it (red-team review,
2026-11-26). Only the boxes a decoder needs are kept, in the header box too, and nothing after
the last; comments (COM) in the codestream's headers go too (a tile-part's stays when the
codestream lists tile-part lengths, and verification reads it). A bare codestream (no boxes)
keeps all but its comments.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

_KEPT = {b"jP  ", b"ftyp", b"rreq", b"jp2h", b"jp2c", b"jpch", b"jplh", b"ftbl"}
_HEADER_KEPT = {b"ihdr", b"bpcc", b"colr", b"pclr", b"cmap", b"cdef", b"res "}  # inside jp2h
_RESOLUTION_KEPT = {b"resc", b"resd"}  # inside its "res " box
_SIGNATURE = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
SOC, SOT, SOD, COM = 0xFF4F, 0xFF90, 0xFF93, 0xFF64
TLM, PLM = 0xFF55, 0xFF57  # lists of tile-part and packet lengths: a tile-part's comment then stays


def without_metadata(data: bytes) -> bytes | None:
    """`data` (a JP2 file or a bare codestream) without what a decoder does not need; None when
    nothing was taken out, or when it is not one this can read (it is then left as it is)."""
    if not data.startswith(_SIGNATURE):
        return _without_comments(data)
    listed = list(_boxes(data))
    if not any(kind == b"jp2c" for kind, _, _ in listed):
        return None
    changed = listed[-1][2] != len(data)  # bytes after the last box a reader can read: dropped
    parts = []
    for kind, start, end in listed:
        if kind not in _KEPT:
            changed = True
            continue
        box = data[start:end]
        content = box[_header_length(box) :]
        if kind == b"jp2c":
            end = _codestream_end(content)
            stream = content[:end] if end is not None else content  # nothing after its end
            stream = _without_comments(stream) or stream
            if stream != content:
                box, changed = _box(kind, stream), True
        elif kind == b"jp2h":
            kept = _kept_boxes(content, _HEADER_KEPT)
            if kept is not None and kept != content:
                box, changed = _box(kind, kept), True
        parts.append(box)
    return b"".join(parts) if changed else None


def metadata_text(data: bytes) -> str:
    """What a JP2 file or a bare codestream holds besides the picture, as text (to look for
    redacted values in it): every box but the codestream, read whole (a decoder's fields are
    numbers, a colour profile's description is text), the codestream's comments and what
    follows its end, and bytes after the last box."""
    if not data.startswith(_SIGNATURE):
        return "\n".join(_comments(data))
    parts, end = [], 0
    for kind, start, end in _boxes(data):
        box = data[start:end]
        if kind == b"jp2c":
            stream = box[_header_length(box) :]
            parts += _comments(stream)
            after = _codestream_end(stream)
            parts.append(stream[after:].decode("latin-1") if after is not None else "")
        else:  # header fields and tables are numbers: read whole, they hold no redacted text unless put there
            parts.append(box.decode("latin-1"))
    parts.append(data[end:].decode("latin-1"))
    return "\n".join(parts)


def _kept_boxes(content: bytes, kept: set[bytes]) -> bytes | None:
    """The boxes of a superbox's `content` that a decoder needs (within "res ", its two
    resolutions); None when they cannot all be read."""
    inside = list(_boxes(content))
    if not inside or inside[-1][2] != len(content):
        return None
    parts = []
    for kind, start, end in inside:
        if kind not in kept:
            continue
        box = content[start:end]
        if kind == b"res ":
            resolutions = _kept_boxes(box[_header_length(box) :], _RESOLUTION_KEPT)
            box = _box(kind, resolutions) if resolutions is not None else box
        parts.append(box)
    return b"".join(parts)


def _codestream_end(stream: bytes) -> int | None:
    """Where a codestream's EOC marker ends, when each tile-part states its length; else None."""
    at = None
    for marker, start, _, _ in _segments(stream):
        if marker == SOT:
            size = struct.unpack(">I", stream[start + 6 : start + 10])[0]
            if size == 0:
                return None
            at = start + size
    if at is not None and stream[at : at + 2] == b"\xff\xd9":
        return at + 2
    return None


def _boxes(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """(type, start, end) of each box at this level, until one cannot be read."""
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


def _header_length(box: bytes) -> int:
    return 16 if struct.unpack(">I", box[:4])[0] == 1 else 8


def _box(kind: bytes, content: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(content), kind) + content


def _segments(stream: bytes) -> Iterator[tuple[int, int, int, int | None]]:
    """(marker, start, end, tile part) of each marker segment of a codestream's main header
    (tile part None) and of each tile-part header (the start of its SOT), until one cannot be
    read."""
    if len(stream) < 2 or struct.unpack(">H", stream[:2])[0] != SOC:
        return
    at = 2
    while at + 4 <= len(stream):
        marker, length = struct.unpack(">HH", stream[at : at + 4])
        if marker < 0xFF00 or length < 2:
            return
        if marker != SOT:
            yield marker, at, at + 2 + length, None
            at += 2 + length
            continue
        if length != 10 or at + 12 > len(stream):
            return
        tile, size = at, struct.unpack(">I", stream[at + 6 : at + 10])[0]
        yield SOT, at, at + 12, tile
        at += 12
        while at + 4 <= len(stream) and struct.unpack(">H", stream[at : at + 2])[0] != SOD:
            marker, length = struct.unpack(">HH", stream[at : at + 4])
            if marker < 0xFF00 or length < 2:
                return
            yield marker, at, at + 2 + length, tile
            at += 2 + length
        if size == 0:
            return  # the last tile-part runs to the end
        at = tile + size


def _comments(stream: bytes) -> list[str]:
    return [stream[start + 4 : end].decode("latin-1") for marker, start, end, _ in _segments(stream) if marker == COM]


def _without_comments(stream: bytes) -> bytes | None:
    """The codestream without its comments; those of tile-part headers stay when a list of
    lengths (TLM, PLM) would have to be written anew."""
    segments = list(_segments(stream))
    lengths_listed = any(marker in (TLM, PLM) for marker, _, _, _ in segments)
    cuts = [(s, e, tile) for m, s, e, tile in segments if m == COM and (tile is None or not lengths_listed)]
    if not cuts:
        return None
    kept = bytearray(stream)
    for start, end, tile in reversed(cuts):
        if tile is not None:
            size = struct.unpack(">I", kept[tile + 6 : tile + 10])[0]
            if size and size < end - tile:
                return None  # a comment past its tile-part's length: not read here (verification reads it)
            if size:
                kept[tile + 6 : tile + 10] = struct.pack(">I", size - (end - start))
        del kept[start:end]
    return bytes(kept)
