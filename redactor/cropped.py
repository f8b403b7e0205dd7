"""Blank the parts of pictures that no page shows.

A picture cropped in a word processor or a browser often keeps its whole image in the PDF:
the page shows the part inside a clipping path or the page's crop box, and `pdfimages`
recovers the rest. Nobody reading the page sees that rest, so nobody (OCR included) can
judge it; it is hidden content like text on a hidden layer, and it is removed the same
way, before anything is searched: the pixels of each image that no page shows are
painted over. So are the pixels a picture's own mask makes (almost) wholly transparent, and a
picture painted at a fill opacity of (almost) 0: an "eraser" that only clears the alpha channel
keeps every pixel for `pdfimages`, and so does an alpha of 1/255, a soft mask of 2 to 16 bits, a
colour key, a JPEG 2000's own alpha (red-team reviews, 2026-11-26 and 27; the last, and a 16-bit
picture's colour-keyed part, are only reported: they are not rewritten).

Where a picture is painted from (the page, forms at any depth) is followed with the
content-stream walker of `redactor.pixels`. A picture also painted from somewhere that walk
does not follow (a tiling pattern, a soft mask, an annotation's appearance) is left alone,
as is a picture whose encoding is not rewritten here (JPEG 2000, JBIG2, CCITT fax, CMYK
JPEG, 2, 4 or 16 bits a sample): those are reported as kept, so the user is told to look.
An inline image (a picture written into the page's content itself) is judged but not
rewritten: if its hidden part holds anything, it is reported as kept.
"""

from __future__ import annotations

import io
import itertools
import math
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

from redactor.pixels import (
    FLAT,
    Placement,
    Rect,
    decode,
    image_size,
    images_in,
    images_painted_indirectly,
    intersect,
    may_paint_images,
    placements,
)

MARGIN = 2  # pixels kept around what a page shows (the edge of a clip cuts through pixels)
MIN_HIDDEN = 8  # pixels: a hidden part thinner than this everywhere is left (no line of text fits)
MIN_HIDDEN_SHARE = 0.01  # nor one thinner than this share of the picture's side (a scan's rim beyond the page)
_GENERALIZED = {"/FlateDecode", "/LZWDecode", "/RunLengthDecode", "/ASCIIHexDecode", "/ASCII85Decode"}
_MODES = {(8, 1): "L", (8, 3): "RGB", (8, 4): "CMYK", (1, 1): "1"}  # (bits a sample, samples a pixel)
_BLANK = {"L": 255, "RGB": (255, 255, 255), "CMYK": (0, 0, 0, 0), "1": 1}

PixelBox = tuple[int, int, int, int]  # left, top, right, bottom in the image's pixel grid


@dataclass
class Picture:
    """An image with a part no page shows."""

    image: pikepdf.Object
    width: int
    height: int
    pages: set[int] = field(default_factory=set)  # 1-based
    shown: list[PixelBox] = field(default_factory=list)  # what the pages show of it
    painted_elsewhere: bool = False
    transparent: Image.Image | None = None  # 255 where its own mask lets nothing show, when thick
    fill: int | tuple[int, ...] | None = None  # what hidden pixels are painted with, when not blank

    @property
    def inline(self) -> bool:
        """Written into a content stream rather than an object of its own: not rewritten here."""
        return isinstance(self.image, pikepdf.PdfInlineImage)

    def hidden_mask(self) -> Image.Image:
        """A mask of the image's size, 255 where no page shows the image."""
        mask = Image.new("L", (self.width, self.height), 255)
        draw = ImageDraw.Draw(mask)
        for left, top, right, bottom in self.shown:
            draw.rectangle((left, top, right - 1, bottom - 1), fill=0)
        return mask if self.transparent is None else ImageChops.lighter(mask, self.transparent)

    @property
    def hidden_share(self) -> float:
        """The part of the image's pixels no page shows, 0 to 1."""
        return self.hidden_mask().histogram()[255] / (self.width * self.height)

    def hidden_part_is_blank(self) -> bool:
        """Whether the part no page shows is one flat colour (painted over already, or a logo's
        transparent ground): exactly one in a lossless picture (faint stripes of 250 and 253
        under a colour key come out under any contrast stretch), within JPEG noise (FLAT) in
        one encoded with loss. False also when the image cannot be decoded."""
        decoded = decode(self.image, colours=True) or _samples(self.image, self.width, self.height)
        if decoded is None or decoded.size != (self.width, self.height):
            return False
        extrema = ImageStat.Stat(decoded, self.hidden_mask()).extrema  # each sample of a pixel, as stored
        if "A" in decoded.getbands():  # its soft mask, which pikepdf joins to it: not the picture's colours
            del extrema[decoded.getbands().index("A")]
        encoding = [str(f) for f in self.image.filters] if self.inline else filters(self.image)
        spread = FLAT if {"/DCTDecode", "/DCT", "/JPXDecode"} & set(encoding) else 0
        return all(high - low <= spread for low, high in extrema)


def pictures_with_hidden_parts(pdf: pikepdf.Pdf) -> list[Picture]:
    """The images of `pdf` of which some part, at least MIN_HIDDEN pixels and MIN_HIDDEN_SHARE of
    the picture across, is shown by no page; in the order first painted."""
    pictures: dict[tuple[int, int], Picture] = {}
    unreadable: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, start=1):
        if not may_paint_images(page):
            continue
        try:
            found = list(placements(page))
        except (pikepdf.PdfError, ValueError, TypeError, IndexError, RecursionError):
            found = []  # a content stream qpdf cannot read: nothing here is judged
            unreadable.update(images_in(page.obj.get("/Resources")))
        page_box = _page_box(page)
        for index, placement in enumerate(found):
            image = placement.image
            inline = isinstance(image, pikepdf.PdfInlineImage)
            width, height = image_size(image)
            if not width or not height or not (inline or image.is_indirect):
                continue
            key = (-number, index) if inline else image.objgen  # an inline image is painted where it is written
            picture = pictures.setdefault(key, Picture(image, width, height))
            picture.pages.add(number)
            shown = _shown(placement, page_box, width, height)
            if shown is not None:
                picture.shown.append(shown)
    for picture in pictures.values():
        if not picture.inline:
            picture.transparent = _transparent_part(picture)
    hidden = [p for p in pictures.values() if p.transparent is not None or _has_thick_hidden_part(p)]
    if hidden:
        elsewhere = _painted_elsewhere(pdf) | unreadable
        for picture in hidden:
            picture.painted_elsewhere = not picture.inline and picture.image.objgen in elsewhere
    return hidden


def trim_hidden_parts(pdf: pikepdf.Pdf) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Paint over, in every image of `pdf`, the pixels that no page shows. Returns records of
    what was trimmed and of what was kept (with why), for the plan."""
    count, pages = 0, set()
    kept: list[dict[str, Any]] = []
    for picture in pictures_with_hidden_parts(pdf):
        if picture.inline:
            if picture.hidden_part_is_blank():
                continue
            why = "it is written into the page's content (an inline picture), which is not rewritten"
        elif picture.hidden_part_is_blank():
            continue  # a logo's transparent ground, painted already: rewriting it (a JPEG anew) gains nothing
        elif picture.painted_elsewhere:
            why = "it is also painted through a pattern, a soft mask or an annotation"
        else:
            why = _rewrite(picture)
        if why is None:
            count, pages = count + 1, pages | picture.pages
        else:
            kept.append({"pages": sorted(picture.pages), "share": round(picture.hidden_share, 2), "why": why})
    if not count:
        return [], kept
    detail = f"the part no page shows of {count} picture(s) painted over"
    return [{"what": "hidden parts of pictures", "detail": detail, "pages": sorted(pages)}], kept


# A picture drawn thinner than this (in points) shows nothing: a screenshot shrunk to 0.01 pt
# kept every pixel for pdfimages to give back (red-team review, 2026-11-26).
INVISIBLE = 0.05


def _page_box(page: pikepdf.Page) -> Rect | None:
    """What a viewer shows of the page: its crop box within its media box (default user space)."""
    media, crop = (pikepdf.Rectangle(box) for box in (page.mediabox, page.cropbox))
    return intersect((media.llx, media.lly, media.urx, media.ury), (crop.llx, crop.lly, crop.urx, crop.ury))


def _shown(placement: Placement, page_box: Rect | None, width: int, height: int) -> PixelBox | None:
    """The pixels of the image that this placement can show (a box around them), or None."""
    visible = intersect(page_box, placement.clip)
    if visible is None or visible[2] <= visible[0] or visible[3] <= visible[1]:
        return None
    if placement.alpha < ALMOST_CLEAR / 255:
        return None  # painted at an opacity of (almost) 0: an editor's "opacity 0" eraser
    a, b, c, d, e, f = placement.matrix
    det = a * d - b * c
    if abs(det) < 1e-12 or min(math.hypot(a, b), math.hypot(c, d)) < INVISIBLE:
        return None  # drawn too small for anything of it to be seen
    columns, rows = [], []
    for x, y in (
        (visible[0], visible[1]),
        (visible[2], visible[1]),
        (visible[0], visible[3]),
        (visible[2], visible[3]),
    ):
        x, y = x - e, y - f
        u = (x * d - y * c) / det
        v = (y * a - x * b) / det
        columns.append(u * width)
        rows.append((1 - v) * height)
    left = max(0, int(min(columns)) - MARGIN)
    top = max(0, int(min(rows)) - MARGIN)
    right = min(width, int(max(columns) + 0.999) + MARGIN)
    bottom = min(height, int(max(rows) + 0.999) + MARGIN)
    if right <= left or bottom <= top:
        return None
    return left, top, right, bottom


def _has_thick_hidden_part(picture: Picture) -> bool:
    """Whether a part no page shows is thick enough to hold something (MIN_HIDDEN,
    MIN_HIDDEN_SHARE): every shown box is grown by half that thickness, and the cells of the
    grid their edges make are tested."""
    width, height = picture.width, picture.height
    grow_x = max(MIN_HIDDEN, round(width * MIN_HIDDEN_SHARE)) // 2
    grow_y = max(MIN_HIDDEN, round(height * MIN_HIDDEN_SHARE)) // 2
    boxes = [(x0 - grow_x, y0 - grow_y, x1 + grow_x, y1 + grow_y) for x0, y0, x1, y1 in picture.shown]
    if any(
        x0 <= grow_x and y0 <= grow_y and x1 >= width - grow_x and y1 >= height - grow_y for x0, y0, x1, y1 in boxes
    ):
        return False  # shown whole (the common case)
    inner = (grow_x, grow_y, width - grow_x, height - grow_y)
    if inner[2] <= inner[0] or inner[3] <= inner[1]:
        return False  # too small to hold anything
    xs = sorted({inner[0], inner[2], *(min(max(v, inner[0]), inner[2]) for b in boxes for v in (b[0], b[2]))})
    ys = sorted({inner[1], inner[3], *(min(max(v, inner[1]), inner[3]) for b in boxes for v in (b[1], b[3]))})
    for left, right in itertools.pairwise(xs):
        for top, bottom in itertools.pairwise(ys):
            cx, cy = (left + right) / 2, (top + bottom) / 2
            if not any(x0 <= cx < x1 and y0 <= cy < y1 for x0, y0, x1, y1 in boxes):
                return True
    return False


ALMOST_CLEAR = 8  # of 255: alpha below this shows nothing (an alpha of 1/255 hid a screenshot)


def _transparent_part(picture: Picture) -> Image.Image | None:
    """Where the picture's own mask lets nothing show, at the picture's size, when some such
    part is MIN_HIDDEN pixels thick (a soft-edged logo's rim is thinner); else None. Its own
    mask: a soft mask of 2 to 16 bits a sample (alpha below ALMOST_CLEAR), a colour-key mask
    (every pixel whose colour is in its ranges), or a JPEG 2000's own alpha channel. Not a mask
    of one bit: a scan compressed as mixed raster content shows a colour layer through a
    one-bit mask of its text, and the colour between the letters is neither hidden by anyone
    nor cheap to rewrite on every page. A mask that cannot be read is left to the other checks."""
    clear = _soft_mask_clear(picture.image) or _colour_key_clear(picture) or _jpx_alpha_clear(picture.image)
    if clear is None or clear.histogram()[255] < MIN_HIDDEN * MIN_HIDDEN:
        return None  # the usual case: no pixel, or a few, wholly transparent
    if clear.size != (picture.width, picture.height):
        clear = clear.resize((picture.width, picture.height), Image.Resampling.NEAREST)
    if not clear.filter(ImageFilter.MinFilter(MIN_HIDDEN - 1 | 1)).getbbox():
        return None
    return clear


def _soft_mask_clear(image: pikepdf.Object) -> Image.Image | None:
    """255 where the picture's /SMask (of 2, 4, 8 or 16 bits a sample, its /Decode applied by
    pikepdf) is (almost) wholly transparent."""
    smask = image.get("/SMask")
    if not isinstance(smask, pikepdf.Stream) or smask.get("/BitsPerComponent") not in (2, 4, 8, 16):
        return None
    alpha = decode(smask)
    return None if alpha is None else alpha.point(lambda value: 255 if value < ALMOST_CLEAR else 0)


def _colour_key_clear(picture: Picture) -> Image.Image | None:
    """255 where a colour-key /Mask leaves the pixel unpainted (its colour is within the ranges,
    which a key of [0 255] makes the whole picture); the picture's fill becomes the ranges'
    low end, so that painted pixels stay unpainted. A picture of 16 bits a sample is judged on
    its high bytes (it is not rewritten: the part is reported)."""
    ranges = picture.image.get("/Mask")
    bits = picture.image.get("/BitsPerComponent")
    if not isinstance(ranges, pikepdf.Array) or bits not in (8, 16):
        return None
    samples = _samples(picture.image, picture.width, picture.height) if bits == 8 else _high_bytes(picture.image)
    if samples is None and filters(picture.image) == ["/DCTDecode"]:
        try:
            samples = Image.open(io.BytesIO(picture.image.read_raw_bytes()))
            samples.load()
        except Exception:  # noqa: BLE001  (a JPEG Pillow cannot read: the other checks judge it)
            return None
    try:
        bounds = [int(value) >> (8 if bits == 16 else 0) for value in ranges]
    except (TypeError, ValueError):
        return None
    if samples is None or samples.mode not in ("L", "RGB", "CMYK") or len(bounds) != 2 * len(samples.getbands()):
        return None
    inside = [
        band.point(lambda value, low=low, high=high: 255 if low <= value <= high else 0)
        for band, low, high in zip(samples.split(), bounds[::2], bounds[1::2], strict=True)
    ]
    clear = inside[0]
    for band in inside[1:]:
        clear = ImageChops.darker(clear, band)
    picture.fill = bounds[0] if len(inside) == 1 else tuple(bounds[::2])
    return clear


def _high_bytes(image: pikepdf.Object) -> Image.Image | None:
    """A picture of 16 bits a sample (1 or 3 samples a pixel, general filters) as 8: the high
    byte of each sample; None if it cannot be read so."""
    if any(f not in _GENERALIZED for f in filters(image)):
        return None
    try:
        width, height, raw = int(image.Width), int(image.Height), image.read_bytes()
    except (pikepdf.PdfError, AttributeError, TypeError, ValueError):
        return None
    for components, mode in ((1, "L"), (3, "RGB")):
        if width > 0 and height > 0 and len(raw) == width * height * components * 2:
            return Image.frombytes(mode, (width, height), raw[::2])
    return None


def _jpx_alpha_clear(image: pikepdf.Object) -> Image.Image | None:
    """255 where a JPEG 2000 that carries its own transparency (/SMaskInData) is clear."""
    if filters(image) != ["/JPXDecode"] or not image.get("/SMaskInData"):
        return None
    try:
        decoded = Image.open(io.BytesIO(image.read_raw_bytes()))
        decoded.load()
    except Exception:  # noqa: BLE001  (one Pillow cannot read: the other checks judge it)
        return None
    if "A" not in decoded.getbands():
        return None
    return decoded.getchannel("A").point(lambda value: 255 if value < ALMOST_CLEAR else 0)


def _rewrite(picture: Picture) -> str | None:
    """Paint the hidden part of `picture` in its own stream; None when done, else why not."""
    painted = painted_stream(picture)
    if isinstance(painted, str):
        return painted
    data, encoding = painted
    picture.image.write(data, filter=encoding)
    _drop(picture.image, "/DecodeParms")
    return None


def painted_stream(picture: Picture) -> tuple[bytes, pikepdf.Name] | str:
    """The stream data of `picture` with its hidden part painted over, and its filter; or why
    it cannot be made."""
    image = picture.image
    encoding = filters(image)
    if encoding == ["/DCTDecode"]:
        if image.get("/Decode") is not None:
            return "its JPEG has a /Decode array"
        if picture.fill is not None:
            return "its JPEG has a colour-key mask, which is not rewritten"
        try:
            original = Image.open(io.BytesIO(image.read_raw_bytes()))
            original.load()
        except Exception:  # noqa: BLE001  (a JPEG Pillow cannot read: keep it, say so)
            return "its JPEG could not be decoded"
        if original.mode not in ("L", "RGB") or original.size != (picture.width, picture.height):
            return f"its JPEG is {original.mode}, which is not rewritten"
        buffer = io.BytesIO()
        _painted(original, picture.hidden_mask(), picture.fill).save(buffer, "JPEG", quality=95)
        return buffer.getvalue(), pikepdf.Name.DCTDecode
    if any(f not in _GENERALIZED for f in encoding):
        return f"it is encoded with {', '.join(f.lstrip('/') for f in encoding)}, which is not rewritten"
    try:
        image.read_bytes()
    except pikepdf.PdfError:
        return "its data could not be decoded"
    original = _samples(image, picture.width, picture.height)
    if original is None:
        bits = 1 if image.get("/ImageMask", False) else image.get("/BitsPerComponent", 8)
        return f"it has {bits} bit(s) a sample, which is not rewritten"
    return zlib.compress(_painted(original, picture.hidden_mask(), picture.fill).tobytes()), pikepdf.Name.FlateDecode


def _samples(image: pikepdf.Object, width: int, height: int) -> Image.Image | None:
    """The picture's samples as they are stored (whatever its colour space: a /Separation or
    /DeviceN ink that no decoder turns into colours), when stored with general filters at 1 or 8
    bits a sample and 1, 3 or 4 samples a pixel; else None."""
    if any(f not in _GENERALIZED for f in filters(image)):
        return None
    try:
        raw = image.read_bytes()
        bits = 1 if image.get("/ImageMask", False) else int(image.get("/BitsPerComponent", 8))
    except (pikepdf.PdfError, TypeError, ValueError):
        return None
    row = len(raw) // height if height else 0
    components = 1 if bits == 1 else row // width if width else 0
    mode = _MODES.get((bits, components))
    if mode is None or len(raw) != (width * components * bits + 7) // 8 * height:
        return None
    return Image.frombytes(mode, (width, height), raw)


def _painted(original: Image.Image, hidden: Image.Image, fill: int | tuple[int, ...] | None = None) -> Image.Image:
    """`original` with every pixel where `hidden` is 255 painted one flat colour (`fill`, or blank)."""
    painted = original.copy()
    painted.paste(_BLANK[original.mode] if fill is None else fill, (0, 0, *original.size), hidden)
    return painted


# The short names inline pictures use, which MuPDF, Poppler and qpdf also accept in a stream's
# dictionary: a JPEG written "/DCT" kept its EXIF, read by nothing (red-team review, 2026-11-27).
_FULL_NAMES = {
    "/AHx": "/ASCIIHexDecode",
    "/A85": "/ASCII85Decode",
    "/LZW": "/LZWDecode",
    "/Fl": "/FlateDecode",
    "/RL": "/RunLengthDecode",
    "/CCF": "/CCITTFaxDecode",
    "/DCT": "/DCTDecode",
}


def filters(image: pikepdf.Object) -> list[str]:
    """The full names of a stream's filters, in order (["/DCTDecode"]: a JPEG as it is)."""
    value = image.get("/Filter")
    if value is None:
        return []
    names = [written_name(f) for f in value] if isinstance(value, pikepdf.Array) else [written_name(value)]
    return [_FULL_NAMES.get(name, name) for name in names]


def written_name(name: pikepdf.Object) -> str:
    """An object as text, a name also when its bytes are not UTF-8 (`/Fl\xea` written raw):
    pikepdf raised reading it, and such a filter or value ended the run in an internal error
    (red-team review, 2026-11-27). It is read as qpdf writes it, other bytes escaped as `#xx`."""
    try:
        return str(name)
    except UnicodeDecodeError:
        return name.unparse().decode("latin-1")


def jpeg_payload(image: pikepdf.Object) -> bytes | None:
    """The JPEG file a picture stream holds: its data as written for plain /DCTDecode, and what
    general filters before it give (a JPEG also compressed with Flate, as some optimizers
    write it); None for any other picture, or one whose filters cannot be undone."""
    return encoded_picture(image, "/DCTDecode")


def encoded_picture(image: pikepdf.Object, encoding: str) -> bytes | None:
    """The picture file (JPEG: /DCTDecode, JPEG 2000: /JPXDecode) a stream holds, as
    `jpeg_payload` says."""
    chain = filters(image)
    if not chain or chain[-1] != encoding or any(f not in _GENERALIZED for f in chain[:-1]):
        return None
    if len(chain) == 1:
        return image.read_raw_bytes()
    parms = image.get("/DecodeParms")
    with pikepdf.new() as scratch:  # qpdf undoes a chain whole or not at all: the general part alone
        try:
            outer = scratch.make_stream(
                image.read_raw_bytes(), Filter=pikepdf.Array([pikepdf.Name(f) for f in chain[:-1]])
            )
            if isinstance(parms, pikepdf.Array) and len(parms) == len(chain):
                outer.DecodeParms = pikepdf.Array([pikepdf.Dictionary(dict(p.items())) if isinstance(p, pikepdf.Dictionary)
                                                   else pikepdf.Null() for p in list(parms)[:-1]])  # fmt: skip
            return outer.read_bytes()
        except (pikepdf.PdfError, ValueError, TypeError):
            return None


def _drop(image: pikepdf.Object, key: str) -> None:
    if key in image:
        del image[key]


def _painted_elsewhere(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """Images painted from a tiling pattern, a soft mask or an annotation's appearance, which
    the walk of page contents does not follow: what part of them shows is not known here."""
    found: set[tuple[int, int]] = set()
    for page in pdf.pages:
        found |= images_painted_indirectly(page.obj.get("/Resources"))
        for annotation in page.obj.get("/Annots", pikepdf.Array()):
            appearances = annotation.get("/AP") if isinstance(annotation, pikepdf.Dictionary) else None
            for stream in _appearance_streams(appearances):
                found |= images_in(stream.get("/Resources"))
    return found


def _appearance_streams(appearances: pikepdf.Object | None) -> Iterator[pikepdf.Stream]:
    if not isinstance(appearances, pikepdf.Dictionary):
        return
    for entry in appearances.values():
        if isinstance(entry, pikepdf.Stream):
            yield entry
        elif isinstance(entry, pikepdf.Dictionary):
            yield from (state for state in entry.values() if isinstance(state, pikepdf.Stream))
