"""Whether text shows on the rendered page, asked of the rendering itself.

Boxes cannot answer it where pictures are involved: an image's box says nothing of the part
a clipping path cuts away, of where the image is see-through, or of how dark it is under a
white heading. Text that shows is public text and must stay; text that does not show is
hidden content and goes. So a copy of the page is rendered before and after the text in
question is removed, and each place is compared.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import pymupdf
from PIL import Image, ImageChops

from redactor.apply import remove_text_in

DPI = 96
DIFFERENCE = 48  # a change of any colour channel (0-255) this large in a pixel is a visible change
PIXELS = 3  # this many changed pixels in a place: its text shows

Rect = tuple[float, float, float, float]


def text_shows(page: pymupdf.Page, rects: Sequence[Rect], cuts: Sequence[Rect] | None = None) -> list[bool]:
    """For each of `rects` (MuPDF's unrotated page space), whether the text in it changes what
    the page shows. `cuts`: where to remove that text, when not `rects` themselves (the middle
    of a glyph, say, so as not to touch its neighbours)."""
    if not rects:
        return []
    with pymupdf.open() as scratch:
        scratch.insert_pdf(page.parent, from_page=page.number, to_page=page.number, links=False, annots=False)
        copy = scratch[0]
        before = _render(copy)
        remove_text_in(scratch, copy, cuts if cuts is not None else rects)
        after = _render(copy)
        to_pixels = copy.rotation_matrix * pymupdf.Matrix(DPI / 72, DPI / 72)
    if before.size != after.size:
        return [True] * len(rects)
    strongest = functools.reduce(ImageChops.lighter, ImageChops.difference(before, after).split())
    changed = strongest.point(lambda v: 255 if v > DIFFERENCE else 0)
    shows = []
    for rect in rects:
        box = (pymupdf.Rect(rect) * to_pixels).irect & pymupdf.IRect(0, 0, *changed.size)
        if box.is_empty:
            shows.append(False)
            continue
        shows.append(changed.crop(tuple(box)).histogram()[255] >= PIXELS)
    return shows


def _render(page: pymupdf.Page) -> Image.Image:
    pixmap = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csRGB, alpha=False, annots=False)  # as the public page
    return Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)
