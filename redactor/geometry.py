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
a word, and any rotated or tilted text, use character boxes read on demand
(rawdict), so "512-43-" can be cut out of "512-43-8817" without touching "8".
"""

from __future__ import annotations

from dataclasses import dataclass

import pymupdf

from redactor.textmodel import EVERYWHERE, TEXT_FLAGS, DocumentText, Word

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


@dataclass(slots=True)
class _Char:
    c: str
    bbox: Rect
    origin: tuple[float, float]
    direction: tuple[float, float]
    size: float


class Locator:
    """Finds boxes for flow spans; reads character boxes of a page only when needed."""

    def __init__(self, doc: pymupdf.Document, text: DocumentText) -> None:
        self._doc = doc
        self._text = text
        self._chars: dict[int, list[_Char]] = {}

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
        chars: list[_Char] = []
        for word, lo, hi in pieces:
            found = self._word_chars(word)
            if found is None:
                return _area_from_words(pieces, approximate=True)
            chars.extend(found[lo:hi])
        return _area_from_chars(pieces[0][0].page, chars)

    def _word_chars(self, word: Word) -> list[_Char] | None:
        """The glyphs of `word`, or None if they cannot be matched one to one."""
        if word.page not in self._chars:
            self._chars[word.page] = _page_chars(self._doc[word.page])
        x0, y0, x1, y1 = word.rect
        inside = [
            ch
            for ch in self._chars[word.page]
            if not ch.c.isspace()
            and x0 - 0.5 <= (ch.bbox[0] + ch.bbox[2]) / 2 <= x1 + 0.5
            and y0 - 0.5 <= (ch.bbox[1] + ch.bbox[3]) / 2 <= y1 + 0.5
        ]
        letters = word.text.replace(" ", "")
        if len(inside) != len(letters):
            return None
        return inside


def _page_chars(page: pymupdf.Page) -> list[_Char]:
    raw = page.get_text("rawdict", flags=TEXT_FLAGS, clip=EVERYWHERE)
    chars: list[_Char] = []
    for block in raw["blocks"]:
        for line in block.get("lines", ()):
            direction = tuple(line["dir"])
            for span in line["spans"]:
                for ch in span["chars"]:
                    chars.append(
                        _Char(ch["c"], tuple(ch["bbox"]), tuple(ch["origin"]), direction, span["size"])
                    )
    return chars


def _area_from_words(pieces: list[tuple[Word, int, int]], approximate: bool = False) -> Area:
    """Box and cut from whole-word boxes (or, approximately, from a word's share of its box)."""
    boxes = []
    for word, lo, hi in pieces:
        x0, y0, x1, y1 = word.rect
        if approximate and len(word.text):
            step = (x1 - x0) / len(word.text)
            x0, x1 = x0 + lo * step, x0 + hi * step
        boxes.append((x0, y0, x1, y1))
    box = _union(boxes)
    first_w = (boxes[0][2] - boxes[0][0]) / max(len(pieces[0][0].text), 1)
    last_w = (boxes[-1][2] - boxes[-1][0]) / max(len(pieces[-1][0].text), 1)
    bands = [_band(b) for b in boxes]
    cut = _union(bands)
    cut = (cut[0] + EDGE_INSET * first_w, cut[1], cut[2] - EDGE_INSET * last_w, cut[3])
    return Area(page=pieces[0][0].page, box=box, cut=cut)


def _area_from_chars(page: int, chars: list[_Char]) -> Area:
    box = _union([c.bbox for c in chars])
    dx, dy = chars[0].direction
    if abs(dy) < 1e-3 and dx > 0:
        first, last = chars[0].bbox, chars[-1].bbox
        band = _union([_band(c.bbox) for c in chars])
        cut = (
            first[0] + EDGE_INSET * (first[2] - first[0]),
            band[1],
            last[2] - EDGE_INSET * (last[2] - last[0]),
            band[3],
        )
        return Area(page=page, box=box, cut=cut)
    # Rotated or tilted text: a band along the text direction, as its bounding rectangle.
    up = (dy, -dx)
    points = []
    for index, ch in enumerate(chars):
        ox, oy = ch.origin
        advance = _extent_along(ch.bbox, (dx, dy))
        start = EDGE_INSET * advance if index == 0 else 0.0
        stop = (1 - EDGE_INSET) * advance if index == len(chars) - 1 else advance
        for along in (start, stop):
            for height in (0.15 * ch.size, 0.5 * ch.size):
                points.append((ox + dx * along + up[0] * height, oy + dy * along + up[1] * height))
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return Area(page=page, box=box, cut=(min(xs), min(ys), max(xs), max(ys)))


def _extent_along(bbox: Rect, direction: tuple[float, float]) -> float:
    dx, dy = direction
    corners = [(bbox[0], bbox[1]), (bbox[2], bbox[1]), (bbox[0], bbox[3]), (bbox[2], bbox[3])]
    projections = [x * dx + y * dy for x, y in corners]
    return max(projections) - min(projections)


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
