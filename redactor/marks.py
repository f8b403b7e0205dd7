"""What the input already marks as hidden: redaction marks and boxes over live text.

Two kinds, both the filer's intent that redactor must not undo:
- Acrobat's "Mark for Redaction", and the tools that copy it, write a Redact
  annotation and remove nothing until told to apply it. A paralegal who marked
  a declaration that way and then runs redactor means those marks.
- A dark box (a drawn rectangle, a dark picture, a black highlight or square
  comment) or a white-out over text that is still in the file: the classic
  failed redaction. Passed through as it was, the public file would hide the
  text from the eye and give it to any extractor; with the comment removed as
  sanitizing removes comments, it would even show it again. `check` finds the
  same boxes (`redactor.audit.coverings`).
Each becomes a redaction in the plan (category "marked", reviewable like any
other), its text is looked for everywhere else in the document, as a value
redacted once is, and Redact annotations are taken out before anything is
applied: MuPDF would otherwise apply every Redact annotation on a page it
redacts, outside the plan.

A white-out box (a light box drawn over text), or a picture placed over text,
hides corrections, form defaults and placeholders as often as secrets: the text
under it is removed like other text no reader sees (`remove_covered_text`), the
box or picture stays as it was, and the value is not looked for elsewhere,
where it may be public.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import pymupdf

from redactor.audit import coverings, covers_over_pictures, hiding_annotation, images_over_text
from redactor.geometry import Rect
from redactor.invisible import SCANNED_SHARE
from redactor.layout import EVERYWHERE, TEXT_FLAGS, PageLayout
from redactor.painted import painted_over
from redactor.removal import fill_areas, remove_pixels_in, remove_text_in

REASON = "MARKED"
BASIS = {
    "annotation": "marked for redaction in the input file (a redaction annotation that was not applied)",
    "box": "hidden under a box in the input file, with the text left in under it (a failed redaction)",
}
REVIEW = {
    "annotation": "Marked for redaction in the input file by another tool: confirm it covers what was meant.",
    "box": "The input hid this text under a box without removing it: confirm it should go.",
}


@dataclass(frozen=True)
class Mark:
    page: int  # 0-based
    areas: tuple[tuple[Rect, Rect], ...]  # (box, cut) in MuPDF's unrotated page space, per line or area
    text: str  # the text under it, words separated by single spaces ("" over a picture)
    label: str  # what the mark asked to print on its box (its /OverlayText), or ""
    source: str = "annotation"  # "annotation" (a redaction mark) or "box" (text under a box)


# A mark is drawn around whole lines, whose glyph boxes overlap the lines above and below by a
# point or so, and MuPDF removes every glyph that touches a redaction: text is cut from the mark
# shrunk by this share of the height of the glyphs it holds (see `redactor.geometry`).
_INSET = 0.3


def read_marks(doc: pymupdf.Document, layouts: list[PageLayout] | None = None) -> list[Mark]:
    """Every unapplied redaction mark in `doc`, and every box over live text, in page order.
    `layouts` spare the search for boxes on pages where nothing filled is drawn over text."""
    marks = []
    for page in doc:
        annots, boxes = _to_examine(page, layouts)
        # A fill through a tiling pattern, or thin strokes side by side, lie across no text in the
        # layout's boxes: the rendering says whether dark paint hides text there (where any paint,
        # or a pattern, meets text at all: a page of text alone is not rendered).
        boxes = boxes or ((layouts is None or layouts[page.number].paint_meets_text) and bool(painted_over(page)))
        if not annots and not boxes:
            continue
        lines = _lines_of_glyphs(page)
        for annot in annots:
            areas, texts = [], []
            for rect in _areas(annot):  # none for a mark with no area, which marks nothing
                text, heights = _under(lines, rect)
                texts.append(text)
                areas.append((rect, _cut(rect, heights)))
            if not areas:
                continue
            kind, overlay = doc.xref_get_key(annot.xref, "OverlayText")
            text = " ".join(" ".join(texts).split())
            marks.append(Mark(page.number, tuple(areas), text, overlay.strip() if kind == "string" else ""))
        if boxes:
            on_page = [mark for mark in marks if mark.page == page.number]
            for covering in coverings(page):
                rect = tuple(covering.rect)
                if covering.severity != "error":
                    continue  # a white-out: see remove_covered_text
                if covering.marked or any(_same_area(rect, area) for mark in on_page for area, _ in mark.areas):
                    continue  # a redaction mark (read above), or a box seen twice (a comment and its appearance)
                text, heights = _under(lines, rect)
                on_page.append(Mark(page.number, ((rect, _cut(rect, heights)),), text, "", "box"))
                marks.append(on_page[-1])
    return marks


def _to_examine(page: pymupdf.Page, layouts: list[PageLayout] | None) -> tuple[list[pymupdf.Annot], bool]:
    """The page's redaction marks, and whether to look for boxes over its text: where a comment
    could be one, or (`layouts` tell) a filled shape lies across the text."""
    hiding = [annot for annot in page.annots() if hiding_annotation(annot)] if page.first_annot else []
    marks = [annot for annot in hiding if annot.type[0] == pymupdf.PDF_ANNOT_REDACT]
    return marks, layouts is None or len(hiding) > len(marks) or layouts[page.number].may_hide_text


def _same_area(a: Rect, b: Rect) -> bool:
    """Whether two boxes mostly overlap: a square comment is seen both as a comment and, through
    its appearance, as a drawn rectangle."""
    overlap = max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return overlap > 0.8 * smaller > 0


def remove_covered_text(doc: pymupdf.Document, layouts: list[PageLayout]) -> list[dict]:
    """Remove the text hidden under light boxes drawn over it (white-out) and under pictures
    placed over it, on pages that are not scans (whose OCR layer may lie under the picture).
    The boxes and pictures stay. Run before applying: the boxes redactor draws would count as
    covers too."""
    pages = []
    for page in doc:
        if not _to_examine(page, layouts)[1]:
            continue
        hidden = [tuple(c.rect) for c in coverings(page) if c.severity != "error"]
        if layouts[page.number].image_share <= SCANNED_SHARE:
            hidden += [tuple(c.rect) for c in images_over_text(page)]
        if not hidden:
            continue
        lines = _lines_of_glyphs(page)
        remove_text_in(doc, page, [_cut(rect, _under(lines, rect)[1]) for rect in hidden])
        pages.append(page.number + 1)
    if not pages:
        return []
    detail = "text hidden under white boxes or pictures drawn over it removed; the boxes and pictures stay"
    return [{"what": "covered text", "detail": detail, "pages": pages}]


def remove_covered_pixels(doc: pymupdf.Document, layouts: list[PageLayout]) -> list[dict]:
    """Remove the pixels of pictures that a box, a mark or a dark picture drawn over them hides
    (`redactor.audit.covers_over_pictures`); what covers them stays, so the page looks the same.
    Run before applying, like `remove_covered_text`."""
    pages = []
    for number in range(doc.page_count):
        if not layouts[number].pictures:
            continue  # without loading the page
        page = doc[number]
        covers = covers_over_pictures(page)
        if covers:
            remove_pixels_in(doc, page, [tuple(rect) for rect, _ in covers])
            fill_areas(doc, page, [(tuple(again[0]), again[1]) for _, again in covers if again is not None])
            pages.append(page.number + 1)
    if not pages:
        return []
    detail = "the pixels of pictures hidden under boxes or marks drawn over them removed; the boxes and marks stay"
    return [{"what": "covered picture parts", "detail": detail, "pages": pages}]


def remove_marks(doc: pymupdf.Document) -> list[dict]:
    """Delete every Redact annotation, so that only the plan says what is removed."""
    pages = []
    for page in doc:
        if not page.first_annot:
            continue
        doomed = list(page.annots(types=[pymupdf.PDF_ANNOT_REDACT]))
        for annot in doomed:
            page.delete_annot(annot)
        if doomed:
            pages.append(page.number + 1)
    if not pages:
        return []
    detail = "redaction marks from another tool taken out before applying; the plan lists them as redactions"
    return [{"what": "redaction marks", "detail": detail, "pages": pages}]


def _lines_of_glyphs(page: pymupdf.Page) -> list[list[tuple[str, Rect]]]:
    """Each text line of the page as its characters and their boxes."""
    found = page.get_text("rawdict", flags=TEXT_FLAGS, clip=EVERYWHERE)
    return [
        [(char["c"], tuple(char["bbox"])) for span in line["spans"] for char in span["chars"]]
        for block in found["blocks"]
        for line in block.get("lines", [])
    ]


def _under(lines: list[list[tuple[str, Rect]]], rect: Rect) -> tuple[str, list[float]]:
    """The text whose glyph centres lie in `rect`, line by line, and those glyphs' heights."""
    x0, y0, x1, y1 = rect
    pieces, heights = [], []
    for line in lines:
        inside = [(c, b) for c, b in line if x0 <= (b[0] + b[2]) / 2 <= x1 and y0 <= (b[1] + b[3]) / 2 <= y1]
        if inside:
            pieces.append("".join(c for c, _ in inside))
            heights += [b[3] - b[1] for c, b in inside if not c.isspace()]
    return " ".join(" ".join(pieces).split()), heights


def _cut(rect: Rect, heights: list[float]) -> Rect:
    """Where text is removed: `rect` shrunk so that it no longer touches the lines beside it."""
    if not heights:
        return rect
    inset = _INSET * statistics.median(heights)
    x0, y0, x1, y1 = rect
    if y1 - y0 <= 2 * inset or x1 - x0 <= inset:
        return rect
    return (x0 + inset / 2, y0 + inset, x1 - inset / 2, y1 - inset)


def _areas(annot: pymupdf.Annot) -> tuple[Rect, ...]:
    """The marked areas: one per quadrilateral of /QuadPoints (a marked line), else /Rect; none
    for a mark without an area (a plan may not hold an empty box)."""
    points = annot.vertices or []
    if len(points) >= 4 and len(points) % 4 == 0:
        quads = [points[i : i + 4] for i in range(0, len(points), 4)]
        rects = [
            (min(x for x, _ in q), min(y for _, y in q), max(x for x, _ in q), max(y for _, y in q)) for q in quads
        ]
        rects = [r for r in rects if r[2] > r[0] and r[3] > r[1]]
        if rects:
            return tuple(rects)
    rect = annot.rect
    return ((rect.x0, rect.y0, rect.x1, rect.y1),) if rect.x1 > rect.x0 and rect.y1 > rect.y0 else ()
