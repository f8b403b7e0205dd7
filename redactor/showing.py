"""Whether text shows on the rendered page, asked of the rendering itself.

Boxes cannot answer it where pictures are involved: an image's box says nothing of the part
a clipping path cuts away, of where the image is see-through, or of how dark it is under a
white heading. Text that shows is public text and must stay; text that does not show is
hidden content and goes. So a copy of the page is rendered before and after the text in
question is removed, and each place is compared.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence

import pymupdf
from PIL import Image, ImageChops

from redactor.layout import EVERYWHERE, TEXT_FLAGS, RawWord, unrotated_rect
from redactor.removal import remove_text_in

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


def unshown_words(
    page: pymupdf.Page, words: Sequence[RawWord], spans: list[dict] | None, clipped: bool = True
) -> list[RawWord]:
    """Those of `words` (MuPDF's word tuples) with a letter or digit, on the visible page, that
    every extractor reads and the rendered page does not show: words MuPDF drops once clipping
    paths apply (clipped away; looked for when `clipped`, as where the page's content may clip),
    words its trace of the page (`spans`, when given) leaves out (render mode 7: glyphs that only
    clip what follows), and words painted see-through. The rendering decides (`text_shows`), so a
    word a clip cuts only in part, a faint watermark, or glyphs that clip a picture painted
    through them, show. `check` reports such words and `redact` removes them (a review of
    `check`, 2026-11-27: every extractor read a line the page never showed)."""
    visible = unrotated_rect(page)
    words = [w for w in words if any(c.isalnum() for c in w[4]) and pymupdf.Rect(w[:4]).intersects(visible)]
    if not words:
        return []
    candidates: list[RawWord] = []
    if clipped:
        kept = Counter(_key(w) for w in page.get_text("words", flags=TEXT_FLAGS | pymupdf.TEXT_CLIP, clip=EVERYWHERE))
        for word in words:
            if kept[_key(word)]:
                kept[_key(word)] -= 1
            else:
                candidates.append(word)
    if spans is not None:
        # Plain arithmetic, and only where there is something to find: Rect operations cost seconds.
        traced = [tuple(s["bbox"]) for s in spans]
        faint = [tuple(s["bbox"]) for s in spans if s.get("opacity", 1) < 1 and s["type"] != 3]
        if faint or sum(len(w[4]) for w in words) > sum(1 for s in spans for c in s["chars"] if chr(c[0]).strip()):
            candidates += [w for w in words if w not in candidates and (meets(w, faint) or not meets(w, traced))]
    if not candidates:
        return []
    bands = [word_band(w) for w in candidates]
    shows = text_shows(page, [w[:4] for w in candidates], bands)
    return [w for w, shown in zip(candidates, shows, strict=True) if not shown]


def meets(word: RawWord, boxes: Sequence[tuple[float, ...]]) -> bool:
    """Whether the middle of `word` lies in one of `boxes`."""
    x, y = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in boxes)


def word_band(word: RawWord) -> pymupdf.Rect:
    """A thin band through the middle of a word, its whole width: it touches every one of its
    letters and not the lines above and below."""
    x0, y0, x1, y1 = word[:4]
    return pymupdf.Rect(x0 + 0.5, y0 + 0.4 * (y1 - y0), x1 - 0.5, y1 - 0.4 * (y1 - y0))


def _key(word: RawWord) -> tuple[int, int, str]:
    return round(word[0]), round(word[1]), word[4]


def _render(page: pymupdf.Page) -> Image.Image:
    pixmap = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csRGB, alpha=False, annots=False)  # as the public page
    return Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples)
