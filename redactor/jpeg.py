"""What a JPEG carries besides its picture, and taking it out without decoding the picture.

A photo from a phone or a camera holds EXIF (who took it, with what, when, where: GPS), an
XMP packet, IPTC captions, comments, and a thumbnail made before any editing: the sign blacked
out in the photo can still be read in its thumbnail. PDF producers copy the JPEG into the file
byte for byte, so all of it travels with the picture. The segments that hold it are dropped,
losslessly (the compressed picture is copied as it is); what the decoder needs stays: the
tables, the frame and scan headers, JFIF's header (without its thumbnail), the ICC colour
profile and Adobe's colour-transform flag. Whatever follows the end of the picture (a second
picture of the Multi-Picture Format, a vendor's trailer) goes too, and so do segments between a
progressive picture's scans and stray bytes between segments, which decoders skip.
"""

from __future__ import annotations

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
JUNK = -1  # bytes between segments where a marker should be: decoders skip them, text may hide there
UNREAD = -2  # the rest of a header that cannot be read: kept as it is, and read as text by verification
APP0, APP2, APP14 = 0xE0, 0xE2, 0xEE
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RSTn have no length
_JFIF_NO_THUMBNAIL = b"JFIF\x00"  # then version (2), units (1), density (4), thumbnail size (2)


def without_metadata(data: bytes) -> bytes | None:
    """`data` (a JPEG) without its metadata segments (before its first scan, or between scans of
    a progressive one) and anything after its end; None when it holds none, or when it is not a
    JPEG this can read (it is then left as it is)."""
    pieces, end = _pieces(data)
    if not any(marker == SOS for marker, _, _ in pieces):
        return None
    kept = [bytes((0xFF, SOI))]
    changed = end is not None and end < len(data)
    for marker, start, stop in pieces:
        piece = data[start:stop]
        keep = piece if marker is None else _keep(marker, piece)
        changed = changed or keep != piece
        if keep is not None:
            kept.append(keep)
    return b"".join(kept) if changed else None


def metadata_text(data: bytes) -> str:
    """The metadata segments of a JPEG as text (to look for redacted values in them), and its
    colour profile's, which is kept: a profile's description is text a producer writes."""
    parts = []
    for marker, start, end in _pieces(data)[0]:
        if marker is None:
            continue
        segment = data[start:end]
        kept = _keep(marker, segment)
        if kept != segment or marker in (APP2, UNREAD):
            parts.append(segment[4 if marker >= 0 else 0 :].decode("latin-1"))
            if marker == APP2:
                parts.append(segment[4:].replace(b"\x00", b"").decode("latin-1"))  # UTF-16 descriptions
    return "\n".join(parts)


Piece = tuple[int | None, int, int]  # a segment's marker (None: compressed data), start, end


def _pieces(data: bytes) -> tuple[list[Piece], int | None]:
    """The JPEG after SOI in pieces (segments, and the compressed data and fill bytes between
    them), and where its EOI ends (None when not found: the pieces then run to the end of
    `data`). Bytes where a marker should be are skipped to the next 0xFF, as decoders do (a
    JUNK piece); a segment that cannot be read stops the reading, and the rest is one piece,
    kept (UNREAD before the first scan)."""
    pieces: list[Piece] = []
    if data[:2] != bytes((0xFF, SOI)):
        return pieces, None
    at, scanning = 2, False  # scanning: in compressed data, after a scan's header
    while at < len(data):
        found = _next_marker(data, at) if scanning else at
        if found >= 0 and data[found] != 0xFF:  # bytes where a marker should be, which decoders skip
            found = data.find(b"\xff", at)
            if found < 0:
                break
            pieces.append((JUNK, at, found))
            at = found
        if found < 0:
            break
        marker_at = found
        while marker_at + 1 < len(data) and data[marker_at + 1] == 0xFF:
            marker_at += 1  # fill bytes
        if marker_at + 1 >= len(data):
            break
        if marker_at > at:
            pieces.append((None, at, marker_at))
        at, marker = marker_at, data[marker_at + 1]
        if marker in _STANDALONE:
            pieces.append((None, at, at + 2))
            at += 2
            continue
        if marker == EOI:
            pieces.append((EOI, at, at + 2))
            return pieces, at + 2
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if at + 4 > len(data) or length < 2 or at + 2 + length > len(data):
            break
        pieces.append((marker, at, at + 2 + length))
        at += 2 + length
        scanning = scanning or marker == SOS
    if at < len(data):
        pieces.append((None if scanning else UNREAD, at, len(data)))
    return pieces, None


def _next_marker(data: bytes, at: int) -> int:
    """In compressed data, the next 0xFF that begins a marker (not a stuffed 0xFF 0x00, not a
    restart marker); -1 if none."""
    while (found := data.find(b"\xff", at)) >= 0:
        if found + 1 >= len(data):
            return -1
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            at = found + 2
        elif following == 0xFF:
            at = found + 1
        else:
            return found
    return -1


def _keep(marker: int, segment: bytes) -> bytes | None:
    """The segment as kept: itself, a JFIF header without its thumbnail, or None (dropped)."""
    if marker == JUNK:
        return None
    if marker == UNREAD:
        return segment
    body = segment[4:]
    if marker == APP0:
        if body.startswith(_JFIF_NO_THUMBNAIL) and len(body) >= 14:
            header = body[:12] + b"\x00\x00"  # no thumbnail
            return segment[:2] + (len(header) + 2).to_bytes(2, "big") + header
        return None  # JFXX (a thumbnail) and others
    if marker == APP2:
        return segment if body.startswith(b"ICC_PROFILE\x00") else None  # not FlashPix or MPF
    if marker == APP14:
        return segment if body.startswith(b"Adobe") else None
    if 0xE0 <= marker <= 0xEF or marker == 0xFE:  # APPn (EXIF, XMP, IPTC, vendors) and COM
        return None
    return segment  # tables, frame and scan headers, EOI
