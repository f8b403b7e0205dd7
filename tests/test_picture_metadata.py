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
from test_pictures import _picture_page

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
            image.write(
                zlib.compress(image.read_raw_bytes()), filter=[pikepdf.Name.FlateDecode, pikepdf.Name.DCTDecode]
            )
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


def _jpeg2000_with_caption() -> tuple[bytes, Image.Image]:
    """A JPEG 2000 photo whose XMP box (after the codestream: valid JP2) and codestream comment
    name the secret; and its picture as decoded."""
    picture = Image.new("RGB", (200, 150), (120, 160, 200))
    ImageDraw.Draw(picture).rectangle((20, 20, 120, 80), fill="white")
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG2000", irreversible=False)
    data = buffer.getvalue()
    start = data.index(b"jp2c") + 4  # the codestream: SOC, then SIZ; a comment goes after SIZ
    siz_end = start + 2 + 2 + struct.unpack(">H", data[start + 4 : start + 6])[0]
    comment = b"\xff\x64" + struct.pack(">H", 4 + len(SECRET)) + b"\x00\x01" + SECRET.encode()
    box_length = struct.unpack(">I", data[start - 8 : start - 4])[0]
    data = (
        data[: start - 8]
        + struct.pack(">I", box_length + len(comment))
        + data[start - 4 : siz_end]
        + comment
        + data[siz_end:]
    )
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:description>Photo of {SECRET}</dc:description></x:xmpmeta>'.encode()
    data += struct.pack(">I", 8 + len(xmp)) + b"xml " + xmp
    return data, Image.open(io.BytesIO(data)).convert("RGB")


def test_a_jpeg_2000_loses_its_caption_boxes_and_comments() -> None:
    """A JPEG 2000 photo was copied as it was, XMP caption and all (red-team review, 2026-11-26)."""
    from redactor import jp2

    data, picture = _jpeg2000_with_caption()
    assert data.count(SECRET.encode()) == 2 and SECRET in jp2.metadata_text(data)
    clean = jp2.without_metadata(data)
    assert clean is not None and SECRET.encode() not in clean and SECRET not in jp2.metadata_text(clean)
    assert ImageChops.difference(Image.open(io.BytesIO(clean)).convert("RGB"), picture).getbbox() is None
    assert jp2.without_metadata(clean) is None
    assert jp2.without_metadata(b"not a picture") is None


def _jpeg2000_hiding_more(picture: Image.Image) -> bytes:
    """A JPEG 2000 with a caption in three more places a reader skips: an XMP box inside the
    header box, a comment in a tile-part's header, and bytes after the last box."""
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG2000", irreversible=False)
    data = buffer.getvalue()
    xmp = b"xml " + f"<x:xmpmeta>Photo of {SECRET}</x:xmpmeta>".encode()
    inner = struct.pack(">I", 4 + len(xmp)) + xmp
    header = data.index(b"jp2h") - 4
    header_length = struct.unpack(">I", data[header : header + 4])[0]
    data = (
        data[:header]
        + struct.pack(">I", header_length + len(inner))
        + data[header + 4 : header + header_length]
        + inner
        + data[header + header_length :]
    )
    box = data.index(b"jp2c") - 4
    sot = data.index(b"\xff\x90", box)
    comment = b"\xff\x64" + struct.pack(">H", 4 + len(SECRET)) + b"\x00\x01" + SECRET.encode()
    size = struct.unpack(">I", data[sot + 6 : sot + 10])[0]
    patched = data[sot : sot + 6] + struct.pack(">I", size + len(comment) if size else 0) + data[sot + 10 : sot + 12]
    data = data[:sot] + patched + comment + data[sot + 12 :]
    box_length = struct.unpack(">I", data[box : box + 4])[0]
    if box_length:
        data = data[:box] + struct.pack(">I", box_length + len(comment)) + data[box + 4 :]
    return data + b"\x00\x00" + SECRET.encode()  # not a box: what follows the last one


def test_a_jpeg_2000_loses_what_it_hides_in_its_header_tile_parts_and_tail() -> None:
    """An XMP box inside the header box, a comment in a tile-part header and bytes after the
    last box were kept, and the last made the whole picture "not read here" (red-team review,
    2026-11-26). All three are read, and taken out; the picture stays the same."""
    from redactor import jp2

    picture = Image.new("RGB", (200, 150), (120, 160, 200))
    ImageDraw.Draw(picture).rectangle((20, 20, 120, 80), fill="white")
    data = _jpeg2000_hiding_more(picture)
    assert data.count(SECRET.encode()) == 3 and jp2.metadata_text(data).count(SECRET) == 3
    assert ImageChops.difference(Image.open(io.BytesIO(data)).convert("RGB"), picture).getbbox() is None
    clean = jp2.without_metadata(data)
    assert clean is not None and SECRET.encode() not in clean
    assert ImageChops.difference(Image.open(io.BytesIO(clean)).convert("RGB"), picture).getbbox() is None


def test_a_jpeg_2000_wrapped_in_flate_loses_its_caption(tmp_path: Path) -> None:
    """A JPEG 2000 also compressed with Flate ([/FlateDecode /JPXDecode]) was not read as one:
    its caption stayed. It is written plain, without it, as a wrapped JPEG is."""
    data, _ = _jpeg2000_with_caption()
    pdf = pikepdf.new()
    picture = pdf.make_stream(zlib.compress(data), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=200, Height=150,
                              Filter=pikepdf.Array([pikepdf.Name.FlateDecode, pikepdf.Name.JPXDecode]))  # fmt: skip
    source = tmp_path / "wrapped.pdf"
    _picture_page(source, pdf, picture, "Exhibit 8: the tower.")
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert any(record["what"] == "picture metadata" for record in result.plan.sanitized)
    with pikepdf.open(result.output) as out:
        (image,) = [o for o in out.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert image.Filter == pikepdf.Name.JPXDecode and SECRET.encode() not in image.read_raw_bytes()
    assert_present(result.output, ["Exhibit 8: the tower."])


def test_the_public_file_keeps_no_jpeg_2000_caption(tmp_path: Path) -> None:
    data, _ = _jpeg2000_with_caption()
    source = tmp_path / "exhibit.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 72), f"Exhibit 5: the tower built by {SECRET}.", fontname="helv", fontsize=11)
        page.insert_image(pymupdf.Rect(72, 120, 272, 270), stream=data)
        doc.save(source)
    terms = tmp_path / "terms.txt"
    terms.write_text(SECRET + "\n")
    result = redactor.redact(source, tmp_path / "public.pdf", terms=terms, ocr="never")
    assert any(record["what"] == "picture metadata" for record in result.plan.sanitized)
    with pikepdf.open(result.output) as pdf:
        (image,) = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert SECRET.encode() not in image.read_raw_bytes()


def test_an_inline_jpeg_with_metadata_is_refused(tmp_path: Path) -> None:
    """A JPEG written into a page's content (an inline picture) kept its EXIF and comment, which
    verification did not read (red-team review, 2026-11-26). Inline pictures are not rewritten:
    the file is refused, with no public file written."""
    from redactor.errors import VerificationFailed

    data, _ = _photo()
    source = tmp_path / "inline.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page()
        page.insert_text((72, 72), f"Exhibit 6: the mast installed by {SECRET}.", fontname="helv", fontsize=11)
        doc.new_page().insert_text((72, 72), "The photograph follows.", fontname="helv", fontsize=11)
        doc.save(source)
    with pikepdf.open(source, allow_overwriting_input=True) as pdf:
        inline = b"q 160 0 0 120 72 400 cm BI /W 640 /H 480 /CS /RGB /BPC 8 /F /DCT ID " + data + b"\nEI Q\n"
        pdf.pages[1].contents_add(pdf.make_stream(inline))
        pdf.save(source)
    terms = tmp_path / "terms.txt"
    terms.write_text(SECRET + "\n")
    with pytest.raises(VerificationFailed, match="read by qpdf"):
        redactor.redact(source, tmp_path / "public.pdf", terms=terms, ocr="never")
    assert not (tmp_path / "public.pdf").exists()


def test_metadata_between_the_scans_of_a_progressive_jpeg_is_removed_and_read() -> None:
    """A progressive JPEG has several scans, and a comment or APPn segment may stand between
    them, or between the last scan and the end: it was kept, and verification did not read it
    (red-team review, 2026-11-26). The colour profile, kept, is read too."""
    from redactor.jpeg import metadata_text

    photo = Image.new("RGB", (64, 48), (200, 40, 40))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", progressive=True, quality=80)
    data = buffer.getvalue()
    second_scan = data.index(b"\xff\xda", data.index(b"\xff\xda") + 2)
    comment = b"\xff\xfe" + struct.pack(">H", len(SECRET) + 2) + SECRET.encode()
    profile_text = b"ICC_PROFILE\x00\x01\x01" + b"desc Profile of Zorblatt Systems"
    profile = b"\xff\xe2" + struct.pack(">H", len(profile_text) + 2) + profile_text
    crafted = data[:2] + profile + data[2:second_scan] + comment + data[second_scan:-2] + comment + data[-2:]
    assert SECRET in metadata_text(crafted)
    cleaned = without_metadata(crafted)
    assert cleaned is not None and SECRET.encode() not in cleaned.replace(profile, b"")
    assert cleaned == data[:2] + profile + data[2:]  # the rest kept byte for byte
    Image.open(io.BytesIO(cleaned)).load()
    assert without_metadata(data) is None  # nothing to take out: left as it is


@pytest.mark.parametrize("written", ["/DCT", "[/Fl /DCTDecode]"])
def test_a_jpeg_named_by_a_short_filter_name_loses_its_metadata(tmp_path: Path, written: str) -> None:
    """MuPDF, Poppler and qpdf accept an inline picture's short filter names in a stream too: a
    JPEG written "/DCT", or wrapped as "[/Fl /DCTDecode]", kept its metadata, which verification
    did not read either (red-team review, 2026-11-27)."""
    data, _ = _photo()
    pdf = pikepdf.new()
    if written == "/DCT":
        picture = pdf.make_stream(data, Filter=pikepdf.Name("/DCT"))
    else:
        picture = pdf.make_stream(
            zlib.compress(data), Filter=pikepdf.Array([pikepdf.Name("/Fl"), pikepdf.Name.DCTDecode])
        )
    picture.Type, picture.Subtype, picture.Width, picture.Height = pikepdf.Name.XObject, pikepdf.Name.Image, 640, 480
    picture.ColorSpace, picture.BitsPerComponent = pikepdf.Name.DeviceRGB, 8
    source = tmp_path / "short.pdf"
    _picture_page(source, pdf, picture, "Exhibit 6: the mast.")
    result = redactor.redact(source, tmp_path / "public.pdf", ocr="never")
    assert any(record["what"] == "picture metadata" for record in result.plan.sanitized)
    with pikepdf.open(result.output) as out:
        (image,) = [o for o in out.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert SECRET.encode() not in image.read_raw_bytes()


def test_a_tile_part_comment_longer_than_its_tile_part_is_read_not_a_crash() -> None:
    """A comment in a tile-part header longer than the tile-part's declared length made the
    length written back negative: an internal error (red-team review, 2026-11-27). The
    codestream is left as it is, and verification reads the comment."""
    from redactor import jp2

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (30, 120, 200)).save(buffer, "JPEG2000", irreversible=False, no_jp2=True)
    stream = buffer.getvalue()
    sot = stream.find(b"\xff\x90\x00\x0a")
    comment = b"\xff\x64" + struct.pack(">H", 4 + len(SECRET)) + b"\x00\x01" + SECRET.encode()
    stream = stream[: sot + 6] + struct.pack(">I", 20) + stream[sot + 10 : sot + 12] + comment + stream[sot + 12 :]
    assert jp2.without_metadata(stream) is None
    assert SECRET in jp2.metadata_text(stream)


def test_jpeg_metadata_after_stray_bytes_is_removed_and_read() -> None:
    """Decoders skip stray bytes where a marker should be; the walk stopped there, keeping a
    comment after them that verification did not read either (red-team review, 2026-11-27)."""
    from redactor.jpeg import metadata_text

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(buffer, "JPEG", quality=80)
    data = buffer.getvalue()
    after_app0 = 4 + struct.unpack(">H", data[4:6])[0]
    comment = b"\xff\xfe" + struct.pack(">H", len(SECRET) + 2) + SECRET.encode()
    crafted = data[:after_app0] + b"\x00\x00" + comment + data[after_app0:]
    Image.open(io.BytesIO(crafted)).load()  # a decoder reads it
    assert SECRET in metadata_text(crafted)
    assert without_metadata(crafted) == data


def test_a_jpeg_2000_loses_what_it_hides_in_resolution_data_references_and_past_its_end() -> None:
    """An XMP box inside the header's resolution box, a data-reference box holding a URL, and
    bytes after the codestream's end were kept whole and not read (red-team review,
    2026-11-27)."""
    from redactor import jp2

    def box(kind: bytes, content: bytes) -> bytes:
        return struct.pack(">I", 8 + len(content)) + kind + content

    picture = Image.new("RGB", (200, 150), (120, 160, 200))
    ImageDraw.Draw(picture).rectangle((20, 20, 120, 80), fill="white")
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG2000", irreversible=False)
    data = buffer.getvalue()
    boxes = {kind: data[start:end] for kind, start, end in jp2._boxes(data)}
    resolution = box(
        b"res ", box(b"resc", struct.pack(">HHHHbb", 1, 1, 1, 1, 0, 0)) + box(b"xml ", f"Photo of {SECRET}".encode())
    )
    header = box(b"jp2h", boxes[b"jp2h"][8:] + resolution)
    codestream = box(b"jp2c", boxes[b"jp2c"][8:] + SECRET.encode())  # past its EOC marker
    references = box(
        b"dtbl", struct.pack(">H", 1) + box(b"url ", b"\x00\x00\x00\x00" + f"https://x.test/{SECRET}".encode())
    )
    crafted = boxes[b"jP  "] + boxes[b"ftyp"] + header + references + codestream
    assert ImageChops.difference(Image.open(io.BytesIO(crafted)).convert("RGB"), picture).getbbox() is None
    assert jp2.metadata_text(crafted).count(SECRET) == 3
    clean = jp2.without_metadata(crafted)
    assert clean is not None and SECRET.encode() not in clean
    assert ImageChops.difference(Image.open(io.BytesIO(clean)).convert("RGB"), picture).getbbox() is None
