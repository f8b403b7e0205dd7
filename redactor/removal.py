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
returns); `redactor.layout.unrotated_to_pdf` takes them to PDF user space.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

import pymupdf

from redactor.errors import DamagedPdf
from redactor.layout import PageLayout, intersects_any, unrotated_to_pdf
from redactor.objects import resources_of_page
from redactor.plan import Redaction

# The labels' font is Helvetica under a resource name of redactor's own: PyMuPDF's name "helv"
# replaced a page's own font of that name, and a page whose "helv" was written inside its
# resources made PyMuPDF's insert_font fail (exit 70; red-team review, 2026-11-27).
LABEL_FONT = "RedactorLabel"
LABEL_FONT_OBJECT = "<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>"
LABEL_SIZE = 6.0
LEGEND_SIZE = 9.0
GRAZE = 1.5  # points of a box's width at each end that do not take a shape-drawn glyph they touch

Rect = tuple[float, float, float, float]  # plain tuples: pymupdf.Rect costs microseconds per operation
PageBox = tuple[Rect, Rect, str]  # box, cut, label
# PyMuPDF's call of MuPDF's pdf_redact_page, without the fill drawing (see _redact).
_MUPDF_REDACT: Callable[[pymupdf.Page, int, int, int], int] | None = getattr(pymupdf.Page, "_apply_redactions", None)


def apply_redactions(
    doc: pymupdf.Document,
    redactions: Iterable[Redaction],
    layouts: list[PageLayout],
    label: bool = True,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Apply every redaction in `redactions` (callers pass only those to apply)."""
    boxes: dict[int, list[PageBox]] = defaultdict(list)
    for redaction in redactions:
        text = redaction.label if label else ""
        for index, box in enumerate(redaction.boxes):
            boxes[box.page - 1].append((tuple(box.rect), tuple(box.cut_rect), text if index == 0 else ""))  # type: ignore[arg-type]
    for number in sorted(boxes):
        _apply_page(doc, doc[number], boxes[number], layouts[number])
        if progress:
            progress(1)


def remove_text_in(doc: pymupdf.Document, page: pymupdf.Page, rects: Sequence[Rect | pymupdf.Rect]) -> None:
    """Remove every character touching any of `rects`; leave images and drawings alone."""
    _redact(doc, page, rects, images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
            text=pymupdf.PDF_REDACT_TEXT_REMOVE)  # fmt: skip


def remove_pixels_in(doc: pymupdf.Document, page: pymupdf.Page, rects: Sequence[Rect | pymupdf.Rect]) -> None:
    """Remove the pixels of every picture under any of `rects`; leave text and drawings alone."""
    _redact(doc, page, rects, images=pymupdf.PDF_REDACT_IMAGE_PIXELS, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
            text=pymupdf.PDF_REDACT_TEXT_NONE)  # fmt: skip


def fill_areas(
    doc: pymupdf.Document, page: pymupdf.Page, areas: Sequence[tuple[Rect, tuple[float, float, float]]]
) -> None:
    """Fill each area (unrotated space) in its RGB colour, over everything else on the page."""
    to_pdf = _transform(unrotated_to_pdf(page))
    ops = []
    for (bx0, by0, bx1, by1), (r, g, b) in areas:
        x0, y0 = to_pdf(bx0, by0)
        x1, y1 = to_pdf(bx1, by1)
        ops.append(
            f"q {r:.3f} {g:.3f} {b:.3f} rg {min(x0, x1):.2f} {min(y0, y1):.2f} {abs(x1 - x0):.2f} {abs(y1 - y0):.2f} re f Q"
        )
    if ops:
        _append_stream(doc, page, ops)


def _apply_page(doc: pymupdf.Document, page: pymupdf.Page, boxes: list[PageBox], layout: PageLayout) -> None:
    visible = [box for box, _, _ in boxes]
    if intersects_any(layout.graphics, visible):
        _redact(doc, page, visible, images=pymupdf.PDF_REDACT_IMAGE_PIXELS,
                graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED, text=pymupdf.PDF_REDACT_TEXT_NONE)  # fmt: skip
        if layout.outlines is not None and intersects_any([layout.outlines], visible):
            # Where text is drawn as shapes, a glyph the box's edge cuts through goes whole (kept,
            # its outline would show the removed character), but not a neighbour the edge only
            # grazes (OCR places a cut between two characters by estimate).
            inner = [(x0 + GRAZE, y0, x1 - GRAZE, y1) for x0, y0, x1, y1 in visible if x1 - x0 > 3 * GRAZE]
            if inner:
                _redact(doc, page, inner, images=pymupdf.PDF_REDACT_IMAGE_NONE,
                        graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_TOUCHED, text=pymupdf.PDF_REDACT_TEXT_NONE)  # fmt: skip
    remove_text_in(doc, page, [cut for _, cut, _ in boxes])
    _draw_boxes(doc, page, boxes)


def _redact(doc: pymupdf.Document, page: pymupdf.Page, rects: Sequence[Rect | pymupdf.Rect], **options: int) -> None:
    to_pdf = _transform(unrotated_to_pdf(page))
    numbers = []
    for x0, y0, x1, y1 in rects:
        for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
            px, py = to_pdf(x, y)
            numbers.append(f"{px:.3f} {py:.3f}")
    union = pymupdf.Rect(
        min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects)
    )  # only the annotation's own rectangle: its QuadPoints say what is removed
    annot = page.add_redact_annot(union, fill=False)
    doc.xref_set_key(annot.xref, "QuadPoints", "[" + " ".join(numbers) + "]")
    # MuPDF's redaction proper (it also deletes the annotation). Page.apply_redactions calls the
    # same and then draws each annotation's fill with a Shape: half a millisecond a page for
    # fills we do not want (the boxes are drawn by _draw_boxes). It is the fallback should a
    # PyMuPDF release rename the private method.
    if _MUPDF_REDACT is None:
        page.apply_redactions(**options)
    elif not _MUPDF_REDACT(page, options["text"], options["images"], options["graphics"]):
        raise DamagedPdf(f"page {page.number + 1} could not be redacted: MuPDF could not rewrite its content")


def _transform(matrix: pymupdf.Matrix) -> Callable[[float, float], tuple[float, float]]:
    """A matrix as a plain function: PyMuPDF's Point arithmetic is slow in bulk."""
    a, b, c, d, e, f = matrix

    def apply(x: float, y: float) -> tuple[float, float]:
        return a * x + c * y + e, b * x + d * y + f

    return apply


def _draw_boxes(doc: pymupdf.Document, page: pymupdf.Page, boxes: list[PageBox]) -> None:
    """Append one content stream that fills every box and writes each label upright."""
    to_pdf = _transform(unrotated_to_pdf(page))
    ops = ["q 0 g"]
    for (bx0, by0, bx1, by1), _, _ in boxes:
        x0, y0 = to_pdf(bx0, by0)
        x1, y1 = to_pdf(bx1, by1)
        ops.append(f"{min(x0, x1):.2f} {min(y0, y1):.2f} {abs(x1 - x0):.2f} {abs(y1 - y0):.2f} re")
    ops.append("f Q")
    labels = [(box, text) for box, _, text in boxes if text]
    # A box inside another labelled box (widened by --hide-widths) leaves the label to the outer one.
    labels = [
        (box, text)
        for index, (box, text) in enumerate(labels)
        if not any(
            i != index and o[0] <= box[0] and o[1] <= box[1] and box[2] <= o[2] and box[3] <= o[3]
            for i, (o, _) in enumerate(labels)
        )
    ]
    if labels:
        _use_label_font(doc, page)
        ops.append("q 1 g BT")
        rotation = page.rotation % 360
        for box, text in labels:
            ops.append(_label_op(rotation, box, text, to_pdf))
        ops.append("ET Q")
    _append_stream(doc, page, ops)


def stamp_legend(doc: pymupdf.Document, text: str) -> None:
    """Print `text` centred in the top margin of every page, upright as the page is displayed
    ("PUBLIC REDACTED VERSION", or a court's own legend from its profile)."""
    for page in doc:
        to_pdf = _transform(unrotated_to_pdf(page))
        top = pymupdf.Rect(0, 4, page.rect.width, 4 + LEGEND_SIZE * 1.6) * page.derotation_matrix
        op = _label_op(page.rotation % 360, tuple(top), text, to_pdf, LEGEND_SIZE)
        if op:
            _use_label_font(doc, page)
            _append_stream(doc, page, ["q 0 g BT", op, "ET Q"])


def _append_stream(doc: pymupdf.Document, page: pymupdf.Page, ops: list[str]) -> None:
    """Add `ops` as a content stream drawn after everything else on the page."""
    page.wrap_contents()
    stream = "\n".join(op for op in ops if op).encode("latin-1")
    xref = doc.get_new_xref()
    doc.update_object(xref, "<<>>")
    doc.update_stream(xref, stream, compress=True)
    contents = page.get_contents()
    doc.xref_set_key(page.xref, "Contents", "[" + " ".join(f"{x} 0 R" for x in [*contents, xref]) + "]")


def _use_label_font(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    """Make the label font available to the page, one font object shared across the document."""
    font = getattr(doc, "_redactor_label_font", None)
    if font is None:
        font = doc.get_new_xref()
        doc.update_object(font, LABEL_FONT_OBJECT)
        doc._redactor_label_font = font  # type: ignore[attr-defined]
    holder, prefix = _own_resources(doc, page)
    font_kind, fonts = doc.xref_get_key(holder, f"{prefix}Font")
    if font_kind == "xref":  # a font dictionary of its own, often shared by every page
        doc.xref_set_key(int(fonts.split()[0]), LABEL_FONT, f"{font} 0 R")
    else:  # written in the resources, or none yet
        doc.xref_set_key(holder, f"{prefix}Font/{LABEL_FONT}", f"{font} 0 R")


def _own_resources(doc: pymupdf.Document, page: pymupdf.Page) -> tuple[int, str]:
    """Where `page`'s resource dictionary is written, its own or one it inherits from the page
    tree: (object, key path to it there); a page with none is given an empty one."""
    found = resources_of_page(doc, page.xref)
    if found is None:
        doc.xref_set_key(page.xref, "Resources", "<<>>")
        found = (page.xref, "Resources/")
    return found


def drawn_label(text: str) -> str:
    """`text` as a box shows it. The label font (Helvetica in WinAnsiEncoding) has the dashes and
    curly quotes a word processor types; what it lacks (Greek, Chinese) shows as "?". Verification
    allows this under a box, not the plan's label: a reviewer's "FOIA (b)(6) – privacy", drawn
    with "?" for the dash, was refused as redacted text still under a box (exit 10). Control
    characters, which MuPDF reads as "\ufffd", show as "?" too, and a tab or line break as a space."""
    text = "".join(c if c.isprintable() else "?" for c in " ".join(text.split()))
    return text.encode("cp1252", "replace").decode("cp1252")


@functools.lru_cache(maxsize=256)
def _label_width(text: str, size: float = LABEL_SIZE) -> float:
    return pymupdf.get_text_length(text, fontname="helv", fontsize=size)  # Helvetica's widths


def _label_op(
    rotation: int,
    box: Rect,
    text: str,
    to_pdf: Callable[[float, float], tuple[float, float]],
    size: float = LABEL_SIZE,
) -> str:
    """Text-showing operators for a label centred in `box`, upright as the page (turned by
    `rotation` degrees) is displayed."""
    text = drawn_label(text)
    width = _label_width(text, size)
    x0, y0, x1, y1 = box
    along, across = (x1 - x0, y1 - y0) if rotation in (0, 180) else (y1 - y0, x1 - x0)
    if width + 2 > along or size > across:
        return ""
    cx, cy = to_pdf((x0 + x1) / 2, (y0 + y1) / 2)
    # Text direction in PDF space that reads left to right once the viewer rotates the page.
    cos, sin = {0: (1, 0), 90: (0, 1), 180: (-1, 0), 270: (0, -1)}[rotation]
    ox = cx - cos * width / 2 + sin * size * 0.35
    oy = cy - sin * width / 2 - cos * size * 0.35
    code = text.encode("cp1252").decode("latin-1")  # the font's WinAnsi bytes, which _append_stream writes
    escaped = code.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"/{LABEL_FONT} {size:g} Tf {cos} {sin} {-sin} {cos} {ox:.2f} {oy:.2f} Tm ({escaped}) Tj"
