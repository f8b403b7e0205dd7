"""The highlighted copy lodged under seal: the original, every word still legible, with each
redacted portion outlined in red on a translucent yellow ground and the court's legend on top."""

from __future__ import annotations

from collections import defaultdict

import pymupdf

from redactor.pdfio import Source, open_document
from redactor.plan import Plan
from redactor.removal import stamp_legend

OUTLINE = (0.8, 0.0, 0.0)
GROUND = (1.0, 0.92, 0.0)


def highlighted_copy(source: Source, plan: Plan, legend: str) -> bytes:
    """The original of `plan` with its applied redactions highlighted, as PDF bytes."""
    rects: dict[int, list[list[float]]] = defaultdict(list)
    for redaction in plan.applied:
        for box in redaction.boxes:
            rects[box.page - 1].append(box.rect)
    with open_document(source) as doc:
        for number, page_rects in sorted(rects.items()):
            shape = doc[number].new_shape()
            for rect in page_rects:
                shape.draw_rect(pymupdf.Rect(rect) + (-1, -1, 1, 1))
            shape.finish(color=OUTLINE, fill=GROUND, fill_opacity=0.35, width=0.8)
            shape.commit(overlay=True)
        if legend:
            stamp_legend(doc, legend)
        return doc.tobytes(garbage=1, deflate=True, encryption=pymupdf.PDF_ENCRYPT_NONE)
