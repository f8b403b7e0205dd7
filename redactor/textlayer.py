"""An invisible text layer over recognized pictures, so that the public version stays searchable.

E-filing systems want searchable PDFs. After redaction, every recognized word whose ink
no redaction box touches is written as invisible text (render mode 3) over the word in the
picture, sized and stretched to its box and running in its direction. Redacted words are
never written, so they appear in no layer. Lines the file's own text layer already holds
at the same place are not written twice.
"""

from __future__ import annotations

import pymupdf

from redactor.ocr import MIN_CONFIDENCE, OcrWord, PageReading
from redactor.plan import Redaction
from redactor.textmodel import held_by, layer_index, match_key

FONT = "helv"
UNSURE_KEPT = MIN_CONFIDENCE / 2  # below this a reading is more likely noise than a word


def add_text_layer(doc: pymupdf.Document, readings: dict[int, PageReading], applied: list[Redaction]) -> int:
    """Write the unredacted recognized words of every page; returns how many were written."""
    boxes: dict[int, list[pymupdf.Rect]] = {}
    for redaction in applied:
        for box in redaction.boxes:
            boxes.setdefault(box.page - 1, []).append(pymupdf.Rect(box.rect))
    written = 0
    for number, reading in readings.items():
        page = doc[number]
        layer = layer_index((w[4], tuple(w[:4])) for w in page.get_text("words"))
        redacted = boxes.get(number, [])
        shape = page.new_shape()  # one content stream a page: one per word rewrote the page's each time
        for line in reading.lines:
            if held_by(layer, line):
                continue
            kept = [
                not any(r.intersects(w.ink) for r in redacted) and w.confidence >= UNSURE_KEPT and match_key(w.text)
                for w in line
            ]
            for index, word in enumerate(line):
                if not kept[index]:
                    continue
                start, end = _along(word)
                room = end - start + 1.0  # before a redacted word or at the line's end: a narrow space
                if index + 1 < len(line) and kept[index + 1]:
                    room = max(room, _along(line[index + 1])[0] - start)
                _write(shape, word, room)
                written += 1
        shape.commit()
    return written


def _along(word: OcrWord) -> tuple[float, float]:
    """Where the word starts and ends, measured in its reading direction."""
    x0, y0, x1, y1 = word.rect
    return {0: (x0, x1), 180: (-x1, -x0), 90: (-y1, -y0), 270: (y0, y1)}[word.turn]


def _write(shape: pymupdf.Shape, word: OcrWord, room: float) -> None:
    """The word and a space after it, stretched to fill `room` points up to the next word: an
    extractor then sees one space between words, never glyphs of two words overlapping (which
    makes it join them)."""
    x0, y0, x1, y1 = word.rect
    vertical = word.turn in (90, 270)
    thickness = x1 - x0 if vertical else y1 - y0
    size = max(thickness * 0.9, 1.0)
    text = word.text + " "
    natural = pymupdf.get_text_length(text, fontname=FONT, fontsize=size) or room
    stretch = room / natural
    descent = 0.2 * size
    point = {
        0: pymupdf.Point(x0, y1 - descent),
        90: pymupdf.Point(x1 - descent, y1),
        180: pymupdf.Point(x1, y0 + descent),
        270: pymupdf.Point(x0 + descent, y0),
    }[word.turn]
    scale = pymupdf.Matrix(1, stretch) if vertical else pymupdf.Matrix(stretch, 1)
    shape.insert_text(point, text, fontname=FONT, fontsize=size, rotate=word.turn, render_mode=3, morph=(point, scale))
