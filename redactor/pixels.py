"""Prove, with pikepdf rather than MuPDF, that the pixels under every box were removed.

A box drawn over a picture is not a redaction: the picture still holds the pixels,
and anyone who extracts it reads them. MuPDF rewrites the pixels under each box
when it applies a redaction; this module checks the result independently. It
walks each page's content stream with pikepdf (qpdf's parser), follows the
current transformation matrix to every image it paints (in forms too), decodes the
image with pikepdf and Pillow, maps each box into the image's pixel grid and
requires the pixels there to be one flat colour.

A few pixels along each edge are left out (the box's edge cuts through pixels,
and JPEG re-encoding blurs them). An image turned by other than a multiple of 90
degrees is checked over the largest axis-aligned part inside the box.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf
from PIL import Image

Rect = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]

EDGE = 3  # pixels left out along each edge of a box
FLAT = 48  # largest spread of grey levels still taken as one flat colour (JPEG noise)
MIN_PIXELS = 4  # a box covering fewer pixels than this (after EDGE) in each direction is not checked


@dataclass(frozen=True, slots=True)
class Placement:
    """One image painted on a page: its stream, the matrix that maps the unit square onto it,
    and the bounding box (page space) of the clipping paths in force, None when none is.
    Clipping by text (render modes 4 to 7) is not followed: the box is then too large, never
    too small."""

    image: pikepdf.Object
    matrix: Matrix
    clip: Rect | None = None
    alpha: float = 1.0  # the fill opacity (/ca) it is painted with: 0 shows nothing


def unremoved_pixels(data: bytes, boxes: dict[int, list[tuple[Rect, str]]]) -> list[str]:
    """Problems, one per box whose picture still varies underneath it. `boxes` maps a 0-based
    page to its boxes, in MuPDF's unrotated page space (y down from the crop box's top)."""
    problems: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page_boxes in sorted(boxes.items()):
            page = pdf.pages[number]
            if images_painted_indirectly(page.obj.get("/Resources")):
                problems.append(
                    f"page {number + 1}: a picture is painted through a pattern, a soft mask or the letters of a "
                    "font, where its pixels under a box cannot be confirmed removed (print the page to PDF as an "
                    "image and run again)"
                )
                continue
            if not may_paint_images(page):
                continue
            x0, _, _, y1 = (float(v) for v in page.cropbox)
            in_pdf = [((r[0] + x0, y1 - r[3], r[2] + x0, y1 - r[1]), category) for r, category in page_boxes]
            decoded: dict[tuple[int, int], Image.Image | None] = {}
            for placement in placements(page):
                for rect, category in in_pdf:
                    region = _pixel_region(rect, placement)
                    if region is None:
                        continue
                    key = getattr(placement.image, "objgen", None) or (id(placement.image), -1)
                    if key not in decoded:
                        decoded[key] = decode(placement.image)
                    picture = decoded[key]
                    if picture is None:
                        problems.append(
                            f"page {number + 1}: a picture under a {category} box could not be decoded "
                            "to confirm its pixels were removed"
                        )
                    elif not _flat(picture, region):
                        problems.append(f"page {number + 1}: the picture under a {category} box still holds its pixels")
    return problems


def may_paint_images(page: pikepdf.Page) -> bool:
    """Cheap test before parsing the content: XObjects in the resources (an image, or a form
    that may hold one), or an inline image ("BI") in any of the page's content streams."""
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    if len(resources.get("/XObject", pikepdf.Dictionary())):
        return True
    contents = page.obj.get("/Contents")
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    try:
        return any(b"BI" in stream.read_bytes() for stream in streams if stream is not None)
    except (AttributeError, pikepdf.PdfError):
        return True


def images_painted_indirectly(
    resources: pikepdf.Object | None, seen: set[tuple[int, int]] | None = None
) -> set[tuple[int, int]]:
    """The images that `resources` (or a form they hold, at any depth) paint through a tiling
    pattern, a soft mask or a Type 3 font's glyphs: MuPDF's redaction leaves such an image's
    pixels as they are, and where it lands on the page is not followed here. None of the 162 court filings of the test
    corpus has one."""
    seen = set() if seen is None else seen
    found: set[tuple[int, int]] = set()
    if not isinstance(resources, pikepdf.Dictionary):
        return found
    painters = [p for p in resources.get("/Pattern", {}).values() if p.get("/PatternType") == 1]
    for state in resources.get("/ExtGState", {}).values():
        mask = state.get("/SMask") if isinstance(state, pikepdf.Dictionary) else None
        if isinstance(mask, pikepdf.Dictionary) and "/G" in mask:
            painters.append(mask.G)
    for painter in painters:
        found |= images_in(painter.get("/Resources"))
    for font in resources.get("/Font", {}).values():
        if isinstance(font, pikepdf.Dictionary) and font.get("/Subtype") == "/Type3":
            found |= images_in(font.get("/Resources")) | _inline_in_glyphs(font)
    for xobject in resources.get("/XObject", {}).values():
        if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            found |= images_painted_indirectly(xobject.get("/Resources"), seen)
    return found


def _inline_in_glyphs(font: pikepdf.Dictionary) -> set[tuple[int, int]]:
    """The Type 3 `font` itself (its number, as a mark) if one of its glyphs paints a picture
    written into its procedure (a bitmap font's letters do): like a picture the glyph draws from
    the font's resources, it stays in the font whether or not a page still shows the letter, and
    a box over the letter removes it from the page only (red-team review, 2026-11-27: a letter
    that painted a screenshot of an SSN kept it in the font)."""
    procedures = font.get("/CharProcs")
    if not isinstance(procedures, pikepdf.Dictionary):
        return set()
    for procedure in procedures.values():
        try:
            if isinstance(procedure, pikepdf.Stream) and b"BI" in procedure.read_bytes():
                return {font.objgen}
        except pikepdf.PdfError:
            return {font.objgen}  # cannot be read to confirm it paints none
    return set()


def images_in(resources: pikepdf.Object | None, seen: set[tuple[int, int]] | None = None) -> set[tuple[int, int]]:
    """Every image `resources` hold, or what they draw holds (forms, patterns, at any depth)."""
    seen = set() if seen is None else seen
    images: set[tuple[int, int]] = set()
    if not isinstance(resources, pikepdf.Dictionary):
        return images
    for item in [*resources.get("/XObject", {}).values(), *resources.get("/Pattern", {}).values()]:
        if not isinstance(item, pikepdf.Stream) or item.objgen in seen:
            continue  # a pattern written as a dictionary is a shading, which holds no image
        seen.add(item.objgen)
        if item.get("/Subtype") == "/Image":
            images.add(item.objgen)
        else:
            images |= images_in(item.get("/Resources"), seen)
    return images


def placements(page: pikepdf.Page) -> Iterator[Placement]:
    """Every image the page paints, with its current transformation matrix and clip."""
    yield from _walk(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()), (1, 0, 0, 1, 0, 0), None, 0, 1.0)


_PATH_POINTS = {"m", "l", "c", "v", "y"}  # operators whose operands are x y pairs of a path
_PATH_ENDS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}  # they end the path (and apply W)


def _walk(
    holder: pikepdf.Object, resources: pikepdf.Object, ctm: Matrix, clip: Rect | None, depth: int, alpha: float
) -> Iterator[Placement]:
    if depth > 8:
        return
    stack: list[tuple[Matrix, Rect | None, float]] = []
    path: list[tuple[float, float]] = []  # the current path's points (control points too), page space
    clipping = False  # a W or W* waits for the path's end
    xobjects = resources.get("/XObject", pikepdf.Dictionary()) if resources is not None else pikepdf.Dictionary()
    for operands, operator in pikepdf.parse_content_stream(holder):
        name = str(operator)
        if name in _PATH_POINTS:
            values = [float(v) for v in operands]
            path += [_apply(ctm, values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]
        elif name == "re" and len(operands) == 4:
            x, y, w, h = (float(v) for v in operands)
            path += [_apply(ctm, x, y), _apply(ctm, x + w, y), _apply(ctm, x, y + h), _apply(ctm, x + w, y + h)]
        elif name in ("W", "W*"):
            clipping = True
        elif name in _PATH_ENDS:
            if clipping:
                clip = intersect(clip, _bounds(path))
            path, clipping = [], False
        elif name == "q":
            stack.append((ctm, clip, alpha))
        elif name == "Q":
            ctm, clip, alpha = stack.pop() if stack else (ctm, clip, alpha)
        elif name == "gs" and operands:
            alpha = _fill_opacity(resources, operands[0], alpha)
        elif name == "cm" and len(operands) == 6:
            ctm = _multiply(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif name == "Do" and operands:
            target = xobjects.get(operands[0])
            if target is None:
                continue
            subtype = target.get("/Subtype")
            if subtype == "/Image":
                yield Placement(target, ctm, clip, alpha)
            elif subtype == "/Form":
                matrix: Matrix = _multiply(tuple(float(v) for v in target.get("/Matrix", [1, 0, 0, 1, 0, 0])), ctm)  # type: ignore[arg-type]
                inner = target.get("/Resources", resources)
                box = target.get("/BBox")
                inner_clip = clip
                if isinstance(box, pikepdf.Array) and len(box) == 4:
                    x0, y0, x1, y1 = (float(v) for v in box)
                    corners = [_apply(matrix, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
                    inner_clip = intersect(clip, _bounds(corners))
                yield from _walk(target, inner, matrix, inner_clip, depth + 1, alpha)
        elif name == "INLINE IMAGE" and operands:
            yield Placement(operands[0], ctm, clip, alpha)


def _fill_opacity(resources: pikepdf.Object, name: pikepdf.Object, alpha: float) -> float:
    """The fill opacity after "/name gs": the graphics state's /ca, or `alpha` as it was."""
    try:
        value = resources.get("/ExtGState", pikepdf.Dictionary()).get(name, pikepdf.Dictionary()).get("/ca")
        return alpha if value is None else float(value)
    except (AttributeError, TypeError, ValueError):
        return alpha


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _bounds(points: list[tuple[float, float]]) -> Rect | None:
    if not points:
        return None
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def intersect(clip: Rect | None, box: Rect | None) -> Rect | None:
    """`clip` narrowed by `box`; an empty intersection is an empty box, not None."""
    if box is None:
        return clip
    if clip is None:
        return box
    x0, y0 = max(clip[0], box[0]), max(clip[1], box[1])
    return x0, y0, max(x0, min(clip[2], box[2])), max(y0, min(clip[3], box[3]))


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n, in PDF's row-vector convention."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _pixel_region(rect: Rect, placement: Placement) -> tuple[int, int, int, int] | None:
    """The pixels of the image that lie inside `rect` (PDF user space), EDGE pixels in."""
    a, b, c, d, e, f = placement.matrix
    det = a * d - b * c
    if abs(det) < 1e-9:
        return None
    width, height = image_size(placement.image)
    if not width or not height:
        return None
    corners = []
    for x, y in ((rect[0], rect[1]), (rect[2], rect[1]), (rect[0], rect[3]), (rect[2], rect[3])):
        x, y = x - e, y - f
        u = (x * d - y * c) / det
        v = (y * a - x * b) / det
        corners.append((u * width, (1 - v) * height))
    xs = sorted(p[0] for p in corners)
    ys = sorted(p[1] for p in corners)
    axis_aligned = abs(b * c) < 1e-9 or abs(a * d) < 1e-9
    left, right = (xs[0], xs[3]) if axis_aligned else (xs[1], xs[2])
    top, bottom = (ys[0], ys[3]) if axis_aligned else (ys[1], ys[2])
    left, top = max(0, int(left) + EDGE), max(0, int(top) + EDGE)
    right, bottom = min(width, int(right + 0.999) - EDGE), min(height, int(bottom + 0.999) - EDGE)
    if right - left < MIN_PIXELS or bottom - top < MIN_PIXELS:
        return None
    return left, top, right, bottom


def image_size(image: pikepdf.Object) -> tuple[int, int]:
    try:
        if isinstance(image, pikepdf.PdfInlineImage):
            return int(image.width), int(image.height)
        return int(image.get("/Width", 0)), int(image.get("/Height", 0))
    except (TypeError, ValueError, AttributeError):
        return 0, 0


def decode(image: pikepdf.Object, colours: bool = False) -> Image.Image | None:
    """The picture decoded by pikepdf, in grey (or with `colours` as it decodes: red on a green
    of the same lightness is not flat); None if it cannot be."""
    try:
        pdf_image = image if isinstance(image, pikepdf.PdfInlineImage) else pikepdf.PdfImage(image)
        with warnings.catch_warnings():  # pikepdf's notes on how it decodes (a /Matte) are not for the user
            warnings.simplefilter("ignore")
            decoded = pdf_image.as_pil_image()
            return decoded if colours else decoded.convert("L")
    except Exception:  # noqa: BLE001  (any decoder failure means: not confirmed)
        return None


def _flat(picture: Image.Image, region: tuple[int, int, int, int]) -> bool:
    low, high = picture.crop(region).getextrema()
    return high - low <= FLAT
