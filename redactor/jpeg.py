"""What a JPEG carries besides its picture, and taking it out without decoding the picture.

A photo from a phone or a camera holds EXIF (who took it, with what, when, where: GPS), an
XMP packet, IPTC captions, comments, and a thumbnail made before any editing: the sign blacked
out in the photo can still be read in its thumbnail. PDF producers copy the JPEG into the file
byte for byte, so all of it travels with the picture. The segments that hold it are dropped,
losslessly (the compressed picture is copied as it is); what the decoder needs stays: the
tables, the frame and scan headers, JFIF's header (without its thumbnail), the ICC colour
profile and Adobe's colour-transform flag. Whatever follows the end of the picture (a second
picture of the Multi-Picture Format, a vendor's trailer) goes too.
"""

from __future__ import annotations

from collections.abc import Iterator

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
APP0, APP2, APP14 = 0xE0, 0xE2, 0xEE
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RSTn have no length
_JFIF_NO_THUMBNAIL = b"JFIF\x00"  # then version (2), units (1), density (4), thumbnail size (2)


def without_metadata(data: bytes) -> bytes | None:
    """`data` (a JPEG) without its metadata segments and anything after its end; None when it
    holds none, or when it is not a JPEG this can read (it is then left as it is)."""
    segments = list(_segments(data))
    if not segments or segments[-1][0] != SOS:
        return None
    kept = [bytes((0xFF, SOI))]
    changed = False
    for marker, start, end in segments:
        segment = data[start:end]
        if marker == SOS:
            tail = data[start:]
            finish = _end_of_picture(data, start)
            kept.append(tail[: finish - start] if finish else tail)
            changed = changed or (finish is not None and finish < len(data))
            break
        keep = _keep(marker, segment)
        if keep is None:
            changed = True
            continue
        changed = changed or keep != segment
        kept.append(keep)
    return b"".join(kept) if changed else None


def metadata_text(data: bytes) -> str:
    """The metadata segments of a JPEG as text (to look for redacted values in them)."""
    parts = []
    for marker, start, end in _segments(data):
        if marker == SOS:
            break
        if _keep(marker, data[start:end]) != data[start:end]:
            parts.append(data[start + 4 : end].decode("latin-1"))
    return "\n".join(parts)


def _segments(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(marker, start, end) of each segment after SOI, up to and including the first SOS."""
    if data[:2] != bytes((0xFF, SOI)):
        return
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return  # not where a marker should be: stop reading, keep the rest as it was
        while at + 1 < len(data) and data[at + 1] == 0xFF:
            at += 1  # fill bytes
        marker = data[at + 1]
        if marker in _STANDALONE:
            at += 2
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if length < 2 or at + 2 + length > len(data):
            return
        yield marker, at, at + 2 + length
        if marker == SOS:
            return
        at += 2 + length


def _keep(marker: int, segment: bytes) -> bytes | None:
    """The segment as kept: itself, a JFIF header without its thumbnail, or None (dropped)."""
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
    return segment


def _end_of_picture(data: bytes, sos: int) -> int | None:
    """Where the picture ends (after its EOI marker), searched from its first scan. In the
    compressed data a 0xFF byte is always followed by 0x00 or a marker, so the first FF D9 is
    the end."""
    found = data.find(bytes((0xFF, EOI)), sos)
    return found + 2 if found >= 0 else None
