"""Text the rendered page paints over: glyphs still in the file where the page shows one dark colour.

`redactor.audit` finds boxes from what MuPDF says was drawn, upright rectangles it can name. A box
turned by its matrix (its upright bounds take in white corners), a fill with a tiling pattern
(MuPDF reports the pattern's cell, not the area), a block of thin strokes laid side by side, or a
picture turned by its matrix hide text as well as a box does, and MuPDF names none of them as one.
The rendering does not care how the dark was drawn: a glyph whose box, inside its edges, renders
as one dark colour is hidden from a reader and still read by every extractor.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pymupdf
from PIL import Image

from redactor.layout import DARK_LUMINANCE

DPI = 72
ALIKE = 8  # 0-255: the grey levels of a glyph's inside may differ this much and still be one colour
# A glyph is judged inside its box, this share of its width and height in from each edge: the edges
# of a box and of a glyph's neighbours blur into it (anti-aliasing), and a glyph's box is often a
# little taller than the box drawn over its line.
_INSET = 0.15

_BLOCK = 3  # pixels: a page with no square this wide wholly dark has nothing to judge
_NARROW = 5.0  # points: a glyph's box is judged at least this long along its line (see `_widened`)

Rect = tuple[float, float, float, float]


def painted_over(
    page: pymupdf.Page, spans: Sequence[dict] | None = None, skip: Iterable[Rect] = ()
) -> list[tuple[Rect, str]]:
    """Each area of the page where glyphs of `spans` (MuPDF's trace of the page's text, traced
    here when None) lie under one dark colour, with their text, areas that touch taken together;
    glyphs whose middle lies in one of `skip` (already judged) are left out. One rendering of the
    page, and nothing more where it shows no solid dark area at all (most pages)."""
    if spans is not None and not spans:
        return []
    grey = _render(page)
    dark = grey.point(lambda v: 255 if v <= DARK_LUMINANCE else 0)
    blocks = dark.reduce(_BLOCK)  # 255 where a whole block of pixels is dark: no letter's stroke is
    if blocks.getextrema()[1] < 255:
        return []
    if spans is None:
        spans = page.get_texttrace()
    m = page.rotation_matrix * pymupdf.Matrix(DPI / 72, DPI / 72)
    to_pixels = (m.a, m.b, m.c, m.d, m.e, m.f)
    size = grey.size
    skipped = list(skip)
    hidden: list[tuple[pymupdf.Rect, str, tuple[int, int]]] = []
    for number, span in enumerate(spans):
        x0, y0, x1, y1 = _pixels(span["bbox"], to_pixels, size, 0.0)
        if x1 <= x0 or y1 <= y0:
            continue
        area = (x0 // _BLOCK, y0 // _BLOCK, -(-x1 // _BLOCK), -(-y1 // _BLOCK))
        if blocks.crop(area).getextrema()[1] < 255:
            continue  # most runs: a page of text has thousands of glyphs
        for index, char in enumerate(span["chars"]):
            gx0, gy0, gx1, gy1 = char[3]
            if gx1 <= gx0 or gy1 <= gy0 or not chr(char[0]).strip() or _meets(char[3], skipped):
                continue
            x0, y0, x1, y1 = _pixels(_widened(char[3], span["dir"]), to_pixels, size, _INSET)
            if x1 <= x0 or y1 <= y0:
                continue
            # Dark to a pixel beyond it, not merely inside: the stem of an "l" fills its own middle.
            around = (max(0, x0 - 1), max(0, y0 - 1), min(size[0], x1 + 1), min(size[1], y1 + 1))
            if dark.crop(around).getextrema()[0] < 255:
                continue
            low, high = grey.crop((x0, y0, x1, y1)).getextrema()
            if high - low <= ALIKE:
                hidden.append((pymupdf.Rect(char[3]), chr(char[0]), (number, index)))
    return [(tuple(rect), text) for rect, text in _areas(hidden)]


def _widened(rect: Rect, direction: tuple[float, float]) -> Rect:
    """A glyph's box made at least _NARROW long along its line, about its middle: the box of an
    "i" or an "l" is too narrow for the pixels inside it to tell a box over it from its own stem,
    and those of small text from a cluster of its neighbours."""
    x0, y0, x1, y1 = rect
    if abs(direction[0]) >= abs(direction[1]) and x1 - x0 < _NARROW:
        middle = (x0 + x1) / 2
        x0, x1 = middle - _NARROW / 2, middle + _NARROW / 2
    elif abs(direction[0]) < abs(direction[1]) and y1 - y0 < _NARROW:
        middle = (y0 + y1) / 2
        y0, y1 = middle - _NARROW / 2, middle + _NARROW / 2
    return x0, y0, x1, y1


def _render(page: pymupdf.Page) -> Image.Image:
    """The page as a reader sees it, comments included, in grey, its drawings without anti-aliasing:
    each pixel takes the colour at its centre, so thin strokes laid side by side render solid as
    they are, not as a grey through which the text under them shows (each stroke's edge blended
    on its own). Text keeps it: small text drawn without it clots into solid dark pixels."""
    level = pymupdf.mupdf.fz_graphics_aa_level()
    pymupdf.mupdf.fz_set_graphics_aa_level(0)
    try:
        pixmap = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY, alpha=False)
    finally:
        pymupdf.mupdf.fz_set_graphics_aa_level(level)
    return Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)


def _pixels(rect: Rect, to_pixels: tuple[float, ...], size: tuple[int, int], inset: float) -> tuple[int, int, int, int]:
    """The pixels wholly inside `rect` (MuPDF's unrotated page space) shrunk by `inset` of its size
    (`to_pixels`: a turn by a multiple of 90 degrees and a scale), or, where none is, the pixel at
    its middle; clipped to the image. Plain arithmetic: this is done for every glyph judged."""
    x0, y0, x1, y1 = rect
    dx, dy = inset * (x1 - x0), inset * (y1 - y0)
    a, b, c, d, e, f = to_pixels
    corners = [(x * a + y * c + e, x * b + y * d + f) for x, y in ((x0 + dx, y0 + dy), (x1 - dx, y1 - dy))]
    left, right = sorted(p[0] for p in corners)
    top, bottom = sorted(p[1] for p in corners)
    px0, py0, px1, py1 = math.ceil(left), math.ceil(top), math.floor(right), math.floor(bottom)
    if px1 <= px0:
        px0 = math.floor((left + right) / 2)
        px1 = px0 + 1
    if py1 <= py0:
        py0 = math.floor((top + bottom) / 2)
        py1 = py0 + 1
    return max(0, px0), max(0, py0), min(size[0], px1), min(size[1], py1)


def _meets(rect: Rect, boxes: list[Rect]) -> bool:
    x, y = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in boxes)


def _areas(glyphs: list[tuple[pymupdf.Rect, str, tuple[int, int]]]) -> list[tuple[pymupdf.Rect, str]]:
    """Glyphs gathered into areas, in the order they were drawn: a glyph joins an area it comes
    within its height of (the gap between words, justified; lines touch), and areas it joins become
    one. A space stands between glyphs that do not follow each other in their run."""
    areas: list[tuple[pymupdf.Rect, str, tuple[int, int]]] = []  # area, text, where its last glyph is
    for rect, char, where in glyphs:
        slack = max(rect.width, rect.height)
        near = rect + (-slack, -1, slack, 1)
        joined = [a for a in areas if near.intersects(a[0])]
        area, text = pymupdf.Rect(rect), char
        if joined:
            for other in joined:
                area |= other[0]
            last = joined[-1][2]
            follows = last[0] == where[0] and last[1] + 1 == where[1]
            text = " ".join(a[1] for a in joined) + ("" if follows else " ") + char
            areas = [a for a in areas if a not in joined]
        areas.append((area, text, where))
    return [(area, text) for area, text, _ in areas]
