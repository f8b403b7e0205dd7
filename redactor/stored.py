"""Pictures the rendered page cannot show as they are stored: painted distorted (sheared, or
stretched much more one way than the other), or shrunk far below their own resolution.

Such a picture shows its text slanted, squeezed, drawn tall or a couple of points high, which
Tesseract does not read from the page rendered at 300 dpi, while `pdfimages` gives the picture
back as stored, and readable (a viewer zoomed in shows the shrunk one too). Eleventh red-team
review, 2026-11-27: a name in a picture painted sheared, squeezed to a third of its width,
stretched four times its height, or 1,700 pixels wide on 68 points, was published whole. So such
a picture is also read as stored, from its own pixels, and what is read there is placed back on
the page through the matrix it is painted with. (Mirrored and turned pictures keep their shape
and are read from the rendered page: `redactor.ocr.pictures_to_read_again`.)
"""

from __future__ import annotations

import math
from dataclasses import replace

import pymupdf
from PIL import Image, ImageOps

Rect = tuple[float, float, float, float]
Transform = tuple[float, float, float, float, float, float]  # MuPDF's: the picture's unit square to the page

MAX_STRETCH = 1.5  # one of its pixels this much longer one way than the other on the page: distorted
MAX_SHEAR = 0.2  # cosine of the angle between its pixel rows and columns on the page (about 11.5 degrees)
# Its pixels this many times finer than the page is rendered for OCR, both ways (2: a 600 dpi
# scan on its page, not read twice; past 2.2, text 20 pixels tall in the picture renders under 9).
MAX_SHRINK = 2.2
# The resolution OCR reads at, kept here rather than in `redactor.ocr`, which imports this module.
DPI = 300  # Tesseract reads best at 300 dpi; scans are rarely finer
MAX_PIXELS = 40_000_000  # a larger picture, or rendered region (a poster-size page), is read at a lower resolution


def pictures_to_read_as_stored(pictures: list[dict]) -> list[tuple[int, pymupdf.Rect, Transform]]:
    """Of a page's `pictures` (MuPDF's image information, with numbers), those (number in the
    file, box on the page, matrix) it paints distorted or shrunk; inline pictures, which have no
    number, are left to the rendered page."""
    found = []
    for info in pictures:
        xref, width, height = info.get("xref", 0), info["width"], info["height"]
        if xref > 0 and width > 0 and height > 0 and not_as_stored(info["transform"], width, height):
            found.append((xref, pymupdf.Rect(info["bbox"]), tuple(info["transform"])))
    return found


def not_as_stored(transform: Transform, width: int, height: int) -> bool:
    """Whether a picture of `width` x `height` pixels painted with `transform` has its pixels
    drawn stretched (MAX_STRETCH), slanted (MAX_SHEAR) or shrunk (MAX_SHRINK): its text no
    longer reads as text on the rendered page."""
    a, b, c, d, _, _ = transform
    across = math.hypot(a, b) / width  # a pixel's length along its row, on the page (points)
    down = math.hypot(c, d) / height
    if across <= 0 or down <= 0:
        return False  # painted flat: nothing shows
    shear = abs(a * c + b * d) / (math.hypot(a, b) * math.hypot(c, d))
    stretched = max(across, down) > MAX_STRETCH * min(across, down)
    shrunk = max(across, down) * DPI / 72 * MAX_SHRINK < 1
    return stretched or shear > MAX_SHEAR or shrunk


def stored_picture(doc: pymupdf.Document, xref: int) -> Image.Image | None:
    """Picture `xref` in gray as stored, as `pdfimages` gives it back (its own mask is not
    applied; a stencil mask is dark where it paints), at most MAX_PIXELS; None when MuPDF
    cannot decode it (the rendered page shows none of it then either)."""
    try:
        pixmap = pymupdf.Pixmap(doc, xref)
        if pixmap.colorspace is None:  # a stencil mask, alone: 255 where it paints
            picture = ImageOps.invert(Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples))
        else:
            if pixmap.colorspace.n != 1:
                pixmap = pymupdf.Pixmap(pymupdf.csGRAY, pixmap)
            if pixmap.alpha:
                pixmap = pymupdf.Pixmap(pixmap, 0)  # the alpha dropped
            picture = Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)
    except (RuntimeError, ValueError):
        return None
    if picture.width * picture.height > MAX_PIXELS:
        factor = math.sqrt(MAX_PIXELS / (picture.width * picture.height))
        picture = picture.resize((max(1, int(picture.width * factor)), max(1, int(picture.height * factor))))
    return picture


def on_the_page(box: Rect, size: tuple[float, float], transform: Transform) -> Rect:
    """The upright box around where a box of the stored picture (in units of a picture `size`
    units large) lies on the page."""
    a, b, c, d, e, f = transform
    width, height = size
    corners = [(x / width, y / height) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs = [a * u + c * v + e for u, v in corners]
    ys = [b * u + d * v + f for u, v in corners]
    return min(xs), min(ys), max(xs), max(ys)


def direction_on_the_page(turn: int, transform: Transform) -> int:
    """Which way (as `OcrWord.turn`: degrees a picture is turned clockwise to read it) text runs
    on the page that reads upright in the stored picture turned `turn` degrees clockwise."""
    dx, dy = {0: (1, 0), 90: (0, -1), 180: (-1, 0), 270: (0, 1)}[turn % 360]
    a, b, c, d, _, _ = transform
    angle = math.degrees(math.atan2(b * dx + d * dy, a * dx + c * dy))  # y runs down the page
    return round(-angle / 90) % 4 * 90


def placed_words(lines: list[list], size: tuple[float, float], transform: Transform) -> list[list]:
    """OCR words of a stored picture (boxes in units of a picture `size` units large) placed on
    the page, with a point's margin, like the words of a rendered page."""
    placed = []
    for line in lines:
        words = []
        for word in line:
            x0, y0, x1, y1 = on_the_page(word.ink, size, transform)
            pad = max(1.0, 0.2 * min(x1 - x0, y1 - y0))
            rect = (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
            words.append(replace(word, rect=rect, pad=pad, turn=direction_on_the_page(word.turn, transform)))
        placed.append(words)
    return placed
