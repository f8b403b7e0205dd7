"""Remove what a plan marks, for real, and draw the opaque boxes.

Per page, all redaction annotations are added first and applied once
(applying inside a search loop corrupts later searches, DOMAIN.md #8):

1. Where an image or a vector drawing lies under a box, a first pass removes
   the image pixels and fully covered line art under the whole box.
2. A second pass removes the text under each box's cut band (see
   `redactor.geometry` for why the band is narrower than the box).
3. The boxes are drawn as opaque black fills with the reason code, in one
   content stream appended to the page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import pymupdf

from redactor.plan import Redaction

LABEL_FONT = "helv"
LABEL_SIZE = 6.0
BOX_COLOR = (0.0, 0.0, 0.0)
LABEL_COLOR = (1.0, 1.0, 1.0)
_TEXT_KINDS = ("fill-text", "stroke-text", "clip-text", "clip-stroke-text", "ignore-text")


def apply_redactions(
    doc: pymupdf.Document,
    redactions: Iterable[Redaction],
    label: bool = True,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Apply every redaction in `redactions` (callers pass only those to apply)."""
    boxes: dict[int, list[tuple[pymupdf.Rect, pymupdf.Rect, str]]] = defaultdict(list)
    for redaction in redactions:
        text = redaction.label if label else ""
        for box in redaction.boxes:
            boxes[box.page - 1].append(
                (pymupdf.Rect(box.rect), pymupdf.Rect(box.cut_rect), text if box is redaction.boxes[0] else "")
            )
    for number in sorted(boxes):
        _apply_page(doc[number], boxes[number])
        if progress:
            progress(1)


def _apply_page(page: pymupdf.Page, boxes: list[tuple[pymupdf.Rect, pymupdf.Rect, str]]) -> None:
    if _graphics_under(page, [box for box, _, _ in boxes]):
        for box, _, _ in boxes:
            page.add_redact_annot(box, fill=False)
        page.apply_redactions(
            images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
            graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED,
            text=pymupdf.PDF_REDACT_TEXT_NONE,
        )
    for _, cut, _ in boxes:
        page.add_redact_annot(cut, fill=False)
    page.apply_redactions(
        images=pymupdf.PDF_REDACT_IMAGE_NONE,
        graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
        text=pymupdf.PDF_REDACT_TEXT_REMOVE,
    )
    _draw_boxes(page, boxes)


def _graphics_under(page: pymupdf.Page, boxes: list[pymupdf.Rect]) -> bool:
    """True if any image, shading or path of the page intersects a box."""
    for kind, bbox in page.get_bboxlog():
        if kind in _TEXT_KINDS:
            continue
        area = pymupdf.Rect(bbox)
        if any(area.intersects(box) for box in boxes):
            return True
    return False


def _draw_boxes(page: pymupdf.Page, boxes: list[tuple[pymupdf.Rect, pymupdf.Rect, str]]) -> None:
    # Drawing coordinates are unrotated page space; boxes are in displayed page space.
    derotate = page.derotation_matrix
    shape = page.new_shape()
    for box, _, _ in boxes:
        shape.draw_rect(box * derotate)
    shape.finish(color=None, fill=BOX_COLOR, width=0)
    for box, _, text in boxes:
        if not text:
            continue
        width = pymupdf.get_text_length(text, fontname=LABEL_FONT, fontsize=LABEL_SIZE)
        if width + 2 > box.width or LABEL_SIZE > box.height:
            continue
        origin = pymupdf.Point(box.x0 + (box.width - width) / 2, box.y0 + (box.height + LABEL_SIZE * 0.7) / 2)
        shape.insert_text(
            origin * derotate,
            text,
            fontname=LABEL_FONT,
            fontsize=LABEL_SIZE,
            color=LABEL_COLOR,
            rotate=page.rotation,
        )
    shape.commit()
