"""A photo keeps what the camera and the editor wrote about it: who took it, when, where (GPS),
a caption, and a thumbnail made before the photo was edited. PDF producers copy the JPEG as it is,
so all of that reached the public file (a red-team review, 2026-11-26). None of it may."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pikepdf
import pymupdf
import pytest
from conftest import assert_gone, assert_present
from PIL import Image, ImageChops, ImageDraw

import redactor
from redactor.jpeg import without_metadata

SECRET = "Zorblatt Systems"


def _exif_with_thumbnail(thumbnail: bytes, artist: str) -> bytes:
    """EXIF (little-endian TIFF) whose first directory names the artist and whose second
    describes a JPEG thumbnail, as cameras write it."""

    def directory(entries: list[tuple[int, int, int, int]], following: int) -> bytes:
        data = struct.pack("<H", len(entries))
        for tag, kind, count, value in entries:
            data += struct.pack("<HHII", tag, kind, count, value)
        return data + struct.pack("<I", following)

    name = artist.encode() + b"\x00"
    first = 8
    second = first + 2 + 12 + 4
    name_at = second + 2 + 3 * 12 + 4
    thumbnail_at = name_at + len(name)
    tiff = (
        b"II*\x00"
        + struct.pack("<I", first)
        + directory([(0x013B, 2, len(name), name_at)], second)
        + directory([(0x0103, 3, 1, 6), (0x0201, 4, 1, thumbnail_at), (0x0202, 4, 1, len(thumbnail))], 0)
        + name
        + thumbnail
    )
    return b"Exif\x00\x00" + tiff


def _photo() -> tuple[bytes, Image.Image]:
    """An edited photo: the sign was blacked out, but the camera's thumbnail still shows it, and
    EXIF, XMP and a comment name the secret. Returns the JPEG and its picture as decoded."""
    original = Image.new("RGB", (640, 480), (90, 120, 90))
    ImageDraw.Draw(original).rectangle((40, 160, 600, 320), fill="white")
    ImageDraw.Draw(original).text((60, 200), SECRET.upper(), fill="black")
    edited = original.copy()
    ImageDraw.Draw(edited).rectangle((40, 160, 600, 320), fill="black")
    thumbnail = io.BytesIO()
    original.resize((160, 120)).save(thumbnail, "JPEG", quality=90)
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{SECRET}</dc:creator></x:xmpmeta>'.encode()
    photo = io.BytesIO()
    exif = _exif_with_thumbnail(thumbnail.getvalue(), f"{SECRET} field team")
    edited.save(photo, "JPEG", quality=90, exif=exif, comment=SECRET.encode(), xmp=xmp)
    data = photo.getvalue() + b"trailing vendor data: " + SECRET.encode()
    return data, Image.open(io.BytesIO(data)).convert("RGB")


def test_a_jpeg_loses_its_metadata_and_keeps_its_picture() -> None:
    data, picture = _photo()
    assert SECRET.encode() in data
    clean = without_metadata(data)
    assert clean is not None and SECRET.encode() not in clean and SECRET.upper().encode() not in clean
    kept = Image.open(io.BytesIO(clean))
    assert not kept.info.get("exif") and "comment" not in kept.info and "xmp" not in kept.info
    assert ImageChops.difference(kept.convert("RGB"), picture).getbbox() is None  # not one pixel changed
    assert without_metadata(clean) is None  # nothing left to take out


def test_a_jpeg_that_is_not_one_is_left_alone() -> None:
    assert without_metadata(b"\xff\xd8 not really") is None
    assert without_metadata(b"GIF89a") is None


@pytest.mark.parametrize("stored", ["as it is", "compressed again"])
def test_the_public_file_keeps_no_photo_metadata(tmp_path: Path, stored: str) -> None:
    """ "compressed again": a JPEG also wrapped in Flate ([/FlateDecode /DCTDecode], as some
    optimizers write it) kept all of it, being looked at only when stored as it is (red-team
    review, 2026-11-26)."""
    data, picture = _photo()
    source = tmp_path / "exhibit.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 72), f"Exhibit 4: the mast installed by {SECRET}.", fontname="helv", fontsize=11)
        page.insert_text((72, 96), "The photograph below was taken at the port.", fontname="helv", fontsize=11)
        page.insert_image(pymupdf.Rect(72, 120, 392, 360), stream=data)
        doc.save(source)
    if stored == "compressed again":
        with pikepdf.open(source, allow_overwriting_input=True) as pdf:
            (image,) = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
            image.write(zlib.compress(image.read_raw_bytes()), filter=[pikepdf.Name.FlateDecode, pikepdf.Name.DCTDecode])
            pdf.save(source)
    terms = tmp_path / "terms.txt"
    terms.write_text(SECRET + "\n")
    output = tmp_path / "public.pdf"
    result = redactor.redact(source, output, terms=terms)
    assert any(record["what"] == "picture metadata" for record in result.plan.sanitized)
    public = output.read_bytes()
    assert SECRET.encode() not in public and SECRET.upper().encode() not in public
    assert_gone(output, [SECRET])
    assert_present(output, ["The photograph below was taken at the port."])
    with pikepdf.open(output) as pdf:
        (image,) = [
            pikepdf.PdfImage(obj)
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
        ]
        shown = image.as_pil_image()
        assert not shown.info.get("exif")
        assert ImageChops.difference(shown.convert("RGB"), picture).getbbox() is None
