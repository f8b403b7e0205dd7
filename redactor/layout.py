"""What is drawn where on a page, from one pass of MuPDF's bounding-box device.

Several steps need to know where a page's images and drawings are (does a box
cover line art? does the page look scanned? is text placed off the page?);
asking MuPDF once per page and sharing the answer saves two passes a page.
"""

from __future__ import annotations

from dataclasses import dataclass

import pymupdf

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class PageLayout:
    graphics: tuple[Box, ...]  # images, shadings and paths
    image_share: float  # fraction of the page covered by images
    text_off_page: bool  # some text lies wholly outside the visible page
    invisible_text: bool = False  # some text is not painted (render mode 3: an OCR layer, or hidden)
    pictures: tuple[Box, ...] = ()  # where images (and image masks) are painted


def unrotated_rect(page: pymupdf.Page) -> pymupdf.Rect:
    """The visible page in MuPDF's unrotated space, where text, images and drawings are placed
    (`page.rect` is the page as displayed, turned by its /Rotate)."""
    return page.rect * page.derotation_matrix


def page_layout(page: pymupdf.Page) -> PageLayout:
    x0, y0, x1, y1 = unrotated_rect(page)
    area = abs(page.rect) or 1.0
    graphics: list[Box] = []
    image_area = 0.0
    off_page = False
    invisible = False
    pictures: list[Box] = []
    for kind, (bx0, by0, bx1, by1) in page.get_bboxlog():
        if "text" in kind:
            invisible = invisible or kind == "ignore-text"
            if not off_page and not (bx0 < x1 and x0 < bx1 and by0 < y1 and y0 < by1):
                off_page = True
            continue
        graphics.append((bx0, by0, bx1, by1))
        if kind in ("fill-image", "fill-imgmask"):
            pictures.append((bx0, by0, bx1, by1))
            image_area += max(0.0, min(bx1, x1) - max(bx0, x0)) * max(0.0, min(by1, y1) - max(by0, y0))
    return PageLayout(tuple(graphics), min(1.0, image_area / area), off_page, invisible, tuple(pictures))


def intersects_any(boxes: tuple[Box, ...], rects: list[pymupdf.Rect]) -> bool:
    for x0, y0, x1, y1 in boxes:
        if any(x0 < r.x1 and r.x0 < x1 and y0 < r.y1 and r.y0 < y1 for r in rects):
            return True
    return False
