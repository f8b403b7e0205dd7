"""Turn a span of the flow string into boxes on pages.

Two boxes per line of a match, because MuPDF removes every character whose box
merely touches a redaction rectangle (PyMuPDF #2108, #3257), and glyph boxes of
neighbouring lines overlap in single-spaced text:

- the *cut*: the rectangle handed to MuPDF to remove text. It is a band through
  the middle of the matched glyphs, inset from the first and last glyph, so it
  touches every matched glyph and no glyph of the line above, the line below,
  or the word next to it.
- the *box*: what the reader sees, the full height of the glyphs. Image pixels
  and vector graphics are removed under it, and the opaque box is drawn on it.

Whole upright words use MuPDF's word boxes. A match that starts or ends inside
a word, and any rotated or tilted text, use the quads of MuPDF's own search
within the word's box, so "512-43-" can be cut out of "512-43-8817" without
touching "8".
"""

from __future__ import annotations

from dataclasses import dataclass

import pymupdf

from redactor.layout import TextPages
from redactor.textmodel import DocumentText, Word

Rect = tuple[float, float, float, float]

# Fractions of a glyph box's height that the cut band spans, measured from the top.
BAND_TOP, BAND_BOTTOM = 0.35, 0.70
# Fraction of the first and last glyph's width that the cut leaves out.
EDGE_INSET = 0.25


@dataclass(frozen=True, slots=True)
class Area:
    """One line's worth of a redaction on one page."""

    page: int  # 0-based
    box: Rect
    cut: Rect


class Locator:
    """Finds boxes for flow spans; searches a page's glyphs only when a word is cut or rotated."""

    def __init__(self, text: DocumentText, text_pages: TextPages) -> None:
        self._text = text
        self._text_pages = text_pages
        # The text page last searched: spans come in flow order, which is page order, and a page
        # whose text page `text_pages` does not keep is searched several times.
        self._page: tuple[int, pymupdf.TextPage] | None = None

    def areas(self, start: int, end: int) -> list[Area]:
        """Boxes covering flow offsets [start, end), one per line touched."""
        by_line: dict[int, list[tuple[Word, int, int]]] = {}
        for word, lo, hi in self._text.words_between(start, end):
            if hi > lo:
                by_line.setdefault(word.line, []).append((word, lo, hi))
        return [self._line_area(pieces) for pieces in by_line.values()]

    def _line_area(self, pieces: list[tuple[Word, int, int]]) -> Area:
        whole = all(lo == 0 and hi == len(w.text) for w, lo, hi in pieces)
        upright = all(w.upright for w, _, _ in pieces)
        if whole and upright:
            return _area_from_words(pieces)
        quads = []
        for word, lo, hi in pieces:
            quad = self._piece_quad(word, lo, hi)
            if quad is None:
                return _area_from_words(pieces, approximate=True)
            quads.append(quad)
        return _area_from_quads(pieces[0][0].page, quads, [hi - lo for _, lo, hi in pieces])

    def _piece_quad(self, word: Word, lo: int, hi: int) -> pymupdf.Quad | None:
        """Where characters lo..hi of `word` are drawn, found by MuPDF's own search in the word's box."""
        if self._page is None or self._page[0] != word.page:
            self._page = (word.page, self._text_pages[word.page])
        textpage = self._page[1]
        whole_word = lo == 0 and hi == len(word.text)
        if word.upright:
            if whole_word:
                return pymupdf.Rect(word.rect).quad
            start = pymupdf.Point(word.rect[0] + (word.rect[2] - word.rect[0]) * lo / len(word.text), word.rect[1])
        else:
            whole = _search(textpage, word.text, word.rect)
            if len(whole) != 1:
                return None
            if whole_word:
                return whole[0]
            quad = whole[0]
            start = quad.ul + (quad.ur - quad.ul) * (lo / len(word.text))
        hits = _search(textpage, word.text[lo:hi], word.rect)
        if not hits:
            return None
        nearest = min(hits, key=lambda hit: abs(hit.ul - start))
        expected = abs(word.rect[2] - word.rect[0]) * (hi - lo) / len(word.text)
        if word.upright and len(hits) > 1 and nearest.rect.width < 0.6 * expected:
            # MuPDF gives a hit one quad a run of characters, and a word drawn in pieces (a Type
            # 3 "$", then "1400", then ".00" in another font) gives one hit several quads: the
            # nearest alone covered the "$" of "$1400.00", and verification refused a real filing.
            # All of them together cover the hit, or more of the word, never less.
            return pymupdf.Rect(_union([tuple(hit.rect) for hit in hits])).quad
        return nearest


def _search(textpage: pymupdf.TextPage, needle: str, within: Rect) -> list[pymupdf.Quad]:
    """The quads of `needle` on the page that lie in the box `within` (give or take a point).
    (PyMuPDF's search_for ignores its clip when given a text page: this applies it.)"""
    x0, y0, x1, y1 = within
    clip = pymupdf.Rect(x0 - 1, y0 - 1, x1 + 1, y1 + 1)
    return [quad for quad in textpage.search(needle, quads=True) if clip.contains(quad.rect)]


def _area_from_words(pieces: list[tuple[Word, int, int]], approximate: bool = False) -> Area:
    """Box and cut from whole-word boxes (or, approximately, from a word's share of its box)."""
    boxes = [_share(word, lo, hi) if approximate and word.text else word.rect for word, lo, hi in pieces]
    box = _union(boxes)
    if not all(_runs_along_x(word) for word, _, _ in pieces):
        # A band across the box's height, as for a line of upright text, would miss the glyphs
        # at both ends of a word running up or down the page: cut the whole box.
        return Area(page=pieces[0][0].page, box=box, cut=box)
    first_w = (boxes[0][2] - boxes[0][0]) / max(len(pieces[0][0].text), 1)
    last_w = (boxes[-1][2] - boxes[-1][0]) / max(len(pieces[-1][0].text), 1)
    bands = [_band(b) for b in boxes]
    cut = _union(bands)
    cut = (cut[0] + EDGE_INSET * first_w, cut[1], cut[2] - EDGE_INSET * last_w, cut[3])
    return Area(page=pieces[0][0].page, box=box, cut=cut)


def _runs_along_x(word: Word) -> bool:
    """Whether the word's letters run along x: upright text of the file, or a word read in a
    picture turned upright or upside down (one turned sideways runs along y)."""
    return word.turn in (0, 180) if word.confidence is not None else word.upright


def _share(word: Word, lo: int, hi: int) -> Rect:
    """Where characters lo..hi of `word` lie in its box: a guess, widened each side, since
    cutting part of a neighbouring glyph is better than leaving part of the match.

    A word of the file is split along x by character count and widened by half a glyph; one
    standing on end is taken whole (which way its letters run is not known). A word read from
    a picture (it has no glyphs to search) is split along the direction it was read in by
    Helvetica's glyph widths, so that "512-43-" is measured narrower than seven digits, and
    widened by a quarter of a glyph."""
    x0, y0, x1, y1 = word.rect
    along_y = word.confidence is not None and word.turn in (90, 270)
    if not along_y and x1 - x0 < y1 - y0:
        return word.rect
    first, last = (y0, y1) if along_y else (x0, x1)
    length = last - first
    if word.confidence is None:
        step = length / len(word.text)
        start, end = first + (lo - 0.5) * step, first + (hi + 0.5) * step
    else:
        scale = length / (pymupdf.get_text_length(word.text, "helv", 1) or 1.0)
        margin = length / len(word.text) / 4
        start = first + pymupdf.get_text_length(word.text[:lo], "helv", 1) * scale - margin
        end = first + pymupdf.get_text_length(word.text[:hi], "helv", 1) * scale + margin
        if word.turn in (90, 180):  # read upside down, or up the page: the text runs back from `last`
            start, end = first + last - end, first + last - start
    start, end = max(first, start), min(last, end)
    return (x0, start, x1, end) if along_y else (start, y0, end, y1)


def _area_from_quads(page: int, quads: list[pymupdf.Quad], lengths: list[int]) -> Area:
    """Box and cut from the quads of the matched glyphs, in the text's own direction.

    The cut is a band across the quad (35-70 % of its height) inset by a quarter glyph at
    each end, returned as its bounding rectangle: exact for horizontal and vertical text,
    a little wider for tilted text (which then loses a neighbouring glyph at worst)."""
    box = _union([tuple(q.rect) for q in quads])
    points = []
    for index, (quad, length) in enumerate(zip(quads, lengths, strict=True)):
        glyph = (quad.ur - quad.ul) * (1 / max(length, 1))
        start = quad.ul + glyph * EDGE_INSET if index == 0 else quad.ul
        stop = quad.ur - glyph * EDGE_INSET if index == len(quads) - 1 else quad.ur
        down = quad.ll - quad.ul
        for point in (start, stop):
            points.append(point + down * BAND_TOP)
            points.append(point + down * BAND_BOTTOM)
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    return Area(page=page, box=box, cut=(min(xs), min(ys), max(xs), max(ys)))


def _band(rect: Rect) -> Rect:
    x0, y0, x1, y1 = rect
    height = y1 - y0
    return (x0, y0 + BAND_TOP * height, x1, y0 + BAND_BOTTOM * height)


def _union(rects: list[Rect]) -> Rect:
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )
