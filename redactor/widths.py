"""Width leaks: what the size of a redaction box and the glyphs around it still tell.

A box in the middle of a line keeps the rest of the line where it was, so the
box's width and the position of the next glyph give the width of the removed
text to a fraction of a point; with the font's metrics that narrows a name or a
number to a handful of candidates (Bland, Iyer and Levchenko, "Story Beyond the
Eye: Glyph Positions Break PDF Text Redaction", PETS 2023).

`widen_to_line_end` (the `--hide-widths` option) extends each box to the end of
its line and removes the rest of that line with it, so nothing after the box
gives its width away. The price is over-redaction: public words after a
redaction on the same line are removed too, which courts that require narrow
tailoring may object to. That is why it is not the default: most filings are
better served by narrow redactions, and `check` reports the lines at risk so a
filer can choose (see the README).

`inline_boxes` finds the lines at risk in any PDF, for `check`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pymupdf

from redactor.layout import EVERYWHERE, TEXT_FLAGS
from redactor.plan import Redaction

# Words further right than this many box heights belong to another column.
COLUMN_GAP = 2.5

Word = tuple[float, float, float, float, str]


def _words(page: pymupdf.Page) -> list[Word]:
    return [w[:5] for w in page.get_text("words", flags=TEXT_FLAGS, clip=EVERYWHERE)]


def _line_end(rect: pymupdf.Rect, words: list[Word]) -> float:
    """The right edge of the text that follows `rect` on its line (rect.x1 when none does)."""
    middle = (rect.y0 + rect.y1) / 2
    gap = COLUMN_GAP * max(rect.height, 1.0)
    following = sorted(w for w in words if w[1] < middle < w[3] and w[0] >= rect.x1 - 0.5)
    end = rect.x1
    for x0, _, x1, _, _ in following:
        if x0 - end > gap:
            break
        end = max(end, x1)
    return end


def widen_to_line_end(doc: pymupdf.Document, redactions: Iterable[Redaction]) -> int:
    """Extend every box of `redactions` (and the band it cuts) to the end of its line; returns
    how many boxes grew. Pages shown rotated are left alone: their lines do not run along x.
    Partial redactions (the digits Rule 5.2 lets stay follow the box) are left alone too."""
    cache: dict[int, list[Word]] = {}
    widened = 0
    for redaction in redactions:
        if redaction.scope == "partial":
            continue  # what Rule 5.2 lets stay follows the box; the removed part's length is the format's
        grew = False
        for box in redaction.boxes:
            page = doc[box.page - 1]
            if page.rotation % 360:
                continue
            if box.page not in cache:
                cache[box.page] = _words(page)
            end = _line_end(pymupdf.Rect(box.rect), cache[box.page])
            if end > box.rect[2] + 0.5:
                cut = list(box.cut_rect)
                box.rect = [box.rect[0], box.rect[1], round(end + 1, 2), box.rect[3]]
                box.cut = [cut[0], cut[1], round(end + 1, 2), cut[3]]
                widened += 1
                grew = True
        if grew:
            note = "box widened to the end of its line so that its width does not reveal the text (--hide-widths)"
            if note not in redaction.explanation:
                redaction.explanation.append(note)
    return widened


def inline_boxes(page: pymupdf.Page, boxes: list[pymupdf.Rect]) -> Iterator[pymupdf.Rect]:
    """The `boxes` (redaction boxes already found on `page`) that have text right after them on
    the same line: their width and that text's position give the removed text's width away."""
    words = _words(page)
    for box in boxes:
        if box.height > 40 or box.width < 3:
            continue  # a block of lines or a rule, not an in-line redaction
        outside = [w for w in words if not box.contains(pymupdf.Rect(w[:4]))]  # not the box's own label
        middle = (box.y0 + box.y1) / 2
        gap = COLUMN_GAP * box.height
        if any(w[1] < middle < w[3] and 0 <= w[0] - box.x1 <= gap for w in outside):
            yield box
