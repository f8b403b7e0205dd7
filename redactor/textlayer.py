"""An invisible text layer over recognized pictures, so that the public version stays searchable.

E-filing systems want searchable PDFs. After redaction, every recognized word that no
redaction box touches is written as invisible text (render mode 3) over the word in the
picture, sized and stretched to its box and running in its direction. Redacted words are
never written, so they appear in no layer. Lines the file's own text layer already holds
at the same place are not written twice.
"""

from __future__ import annotations

import pymupdf

from redactor.ocr import MIN_CONFIDENCE, OcrWord, PageReading
from redactor.plan import Redaction
from redactor.textmodel import match_key, same_place

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
        layer: dict[str, list[tuple]] = {}
        for x0, y0, x1, y1, text, *_ in page.get_text("words"):
            layer.setdefault(match_key(text), []).append((x0, y0, x1, y1))
        redacted = boxes.get(number, [])
        for line in reading.lines:
            if all(any(same_place(w.rect, r) for r in layer.get(match_key(w.text), ())) for w in line):
                continue
            for word in line:
                if word.confidence < UNSURE_KEPT or not match_key(word.text):
                    continue
                if any(_ink(word).intersects(r) for r in redacted):
                    continue
                _write(page, word)
                written += 1
    return written


def _ink(word: OcrWord) -> pymupdf.Rect:
    """The word's box without the padding `redactor.ocr` adds, so a neighbour's box does not touch it."""
    rect = pymupdf.Rect(word.rect)
    pad = min(1.5, rect.width / 4)
    return pymupdf.Rect(rect.x0 + pad, rect.y0 + 1, rect.x1 - pad, rect.y1 - 1)


def _write(page: pymupdf.Page, word: OcrWord) -> None:
    x0, y0, x1, y1 = word.rect
    vertical = word.turn in (90, 270)
    length, thickness = (y1 - y0, x1 - x0) if vertical else (x1 - x0, y1 - y0)
    size = max(thickness * 0.9, 1.0)
    natural = pymupdf.get_text_length(word.text, fontname=FONT, fontsize=size) or length
    stretch = length / natural
    descent = 0.2 * size
    point = {
        0: pymupdf.Point(x0, y1 - descent),
        90: pymupdf.Point(x1 - descent, y1),
        180: pymupdf.Point(x1, y0 + descent),
        270: pymupdf.Point(x0 + descent, y0),
    }[word.turn]
    scale = pymupdf.Matrix(1, stretch) if vertical else pymupdf.Matrix(stretch, 1)
    # The trailing space keeps words apart for extractors, which join glyphs of separately
    # written words that stand close together.
    page.insert_text(
        point, word.text + " ", fontname=FONT, fontsize=size, rotate=word.turn, render_mode=3, morph=(point, scale)
    )
