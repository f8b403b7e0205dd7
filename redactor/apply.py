"""Remove what a plan marks, for real, and draw the opaque boxes.

Per page, every area is collected first and applied at once (applying inside a
search loop corrupts later searches, DOMAIN.md #8), through a single redaction
annotation whose QuadPoints list all areas (one annotation per area costs a
third of a millisecond each in PyMuPDF):

1. Where an image or a vector drawing lies under a box, a first pass removes
   the image pixels and fully covered line art under the whole box.
2. A second pass removes the text under each box's cut band (see
   `redactor.geometry` for why the band is narrower than the box).
3. The boxes are drawn as opaque black fills, with the reason code in white,
   in one content stream appended to the page after its own content.

Coordinates: boxes are in MuPDF's unrotated page space (what text extraction
returns); `~page.transformation_matrix` takes them to PDF user space.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

import pymupdf

from redactor.plan import Redaction

LABEL_FONT = "helv"
LABEL_SIZE = 6.0
_TEXT_KINDS = ("fill-text", "stroke-text", "clip-text", "clip-stroke-text", "ignore-text")

PageBox = tuple[pymupdf.Rect, pymupdf.Rect, str]  # box, cut, label


def apply_redactions(
    doc: pymupdf.Document,
    redactions: Iterable[Redaction],
    label: bool = True,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Apply every redaction in `redactions` (callers pass only those to apply)."""
    boxes: dict[int, list[PageBox]] = defaultdict(list)
    for redaction in redactions:
        text = redaction.label if label else ""
        for index, box in enumerate(redaction.boxes):
            boxes[box.page - 1].append((pymupdf.Rect(box.rect), pymupdf.Rect(box.cut_rect), text if index == 0 else ""))
    for number in sorted(boxes):
        _apply_page(doc, doc[number], boxes[number])
        if progress:
            progress(1)


def remove_text_in(doc: pymupdf.Document, page: pymupdf.Page, rects: list[pymupdf.Rect]) -> None:
    """Remove every character touching any of `rects`; leave images and drawings alone."""
    _redact(doc, page, rects, images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
            text=pymupdf.PDF_REDACT_TEXT_REMOVE)  # fmt: skip


def _apply_page(doc: pymupdf.Document, page: pymupdf.Page, boxes: list[PageBox]) -> None:
    visible = [box for box, _, _ in boxes]
    if _graphics_under(page, visible):
        _redact(doc, page, visible, images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED, text=pymupdf.PDF_REDACT_TEXT_NONE)  # fmt: skip
    remove_text_in(doc, page, [cut for _, cut, _ in boxes])
    _draw_boxes(doc, page, boxes)


def _redact(doc: pymupdf.Document, page: pymupdf.Page, rects: list[pymupdf.Rect], **options: int) -> None:
    to_pdf = ~page.transformation_matrix
    union = pymupdf.Rect(rects[0])
    points = []
    for rect in rects:
        union |= rect
        quad = rect.quad * to_pdf
        points += [quad.ul, quad.ur, quad.ll, quad.lr]
    annot = page.add_redact_annot(union, fill=False)
    doc.xref_set_key(annot.xref, "QuadPoints", "[" + " ".join(f"{p.x:.3f} {p.y:.3f}" for p in points) + "]")
    page.apply_redactions(**options)


def _graphics_under(page: pymupdf.Page, boxes: list[pymupdf.Rect]) -> bool:
    """True if any image, shading or path of the page intersects a box."""
    for kind, bbox in page.get_bboxlog():
        if kind in _TEXT_KINDS:
            continue
        x0, y0, x1, y1 = bbox
        if any(x0 < b.x1 and b.x0 < x1 and y0 < b.y1 and b.y0 < y1 for b in boxes):
            return True
    return False


def _draw_boxes(doc: pymupdf.Document, page: pymupdf.Page, boxes: list[PageBox]) -> None:
    """Append one content stream that fills every box and writes each label upright."""
    to_pdf = ~page.transformation_matrix
    ops = ["q 0 g"]
    for box, _, _ in boxes:
        r = box * to_pdf
        ops.append(f"{r.x0:.2f} {r.y0:.2f} {r.width:.2f} {r.height:.2f} re")
    ops.append("f Q")
    labels = [(box, text) for box, _, text in boxes if text]
    if labels:
        page.insert_font(fontname=LABEL_FONT)
        ops.append("q 1 g BT")
        for box, text in labels:
            ops.append(_label_op(page, box, text, to_pdf))
        ops.append("ET Q")
    page.wrap_contents()
    stream = "\n".join(op for op in ops if op).encode("latin-1")
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, stream, compress=True)
    contents = page.get_contents()
    doc.xref_set_key(page.xref, "Contents", "[" + " ".join(f"{x} 0 R" for x in [*contents, xref]) + "]")


def _label_op(page: pymupdf.Page, box: pymupdf.Rect, text: str, to_pdf: pymupdf.Matrix) -> str:
    """Text-showing operators for a label centred in `box`, upright as the page is displayed."""
    text = text.encode("latin-1", "replace").decode("latin-1")
    width = pymupdf.get_text_length(text, fontname=LABEL_FONT, fontsize=LABEL_SIZE)
    rotation = page.rotation % 360
    along, across = (box.width, box.height) if rotation in (0, 180) else (box.height, box.width)
    if width + 2 > along or LABEL_SIZE > across:
        return ""
    centre = pymupdf.Point((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2) * to_pdf
    # Text direction in PDF space that reads left to right once the viewer rotates the page.
    cos, sin = {0: (1, 0), 90: (0, -1), 180: (-1, 0), 270: (0, 1)}[rotation]
    ox = centre.x - cos * width / 2 + sin * LABEL_SIZE * 0.35
    oy = centre.y - sin * width / 2 - cos * LABEL_SIZE * 0.35
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"/{LABEL_FONT} {LABEL_SIZE:g} Tf {cos} {sin} {-sin} {cos} {ox:.2f} {oy:.2f} Tm ({escaped}) Tj"
