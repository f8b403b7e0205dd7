"""What is drawn where on a page: one pass of MuPDF's bounding-box device and one text page.

Several steps need to know where a page's images and drawings are (does a box
cover line art? does the page look scanned? is text placed off the page?), what
words it holds (reading) and whether any of its text is white (sanitizing);
asking MuPDF once per page and sharing the answer saves a pass a page per step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pymupdf

Box = tuple[float, float, float, float]
RawWord = tuple[float, float, float, float, str, int, int, int]  # MuPDF's: box, text, block, line, word

# Extraction flags: keep every character, do not clip to the page (text placed
# outside the visible area must be found), and keep ligatures as one glyph.
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_PRESERVE_LIGATURES
EVERYWHERE = pymupdf.Rect(-1e6, -1e6, 1e6, 1e6)
# A span whose sRGB channels are all at least this is taken as white (a little below what
# `is_white` accepts, so that the answer errs towards looking closer): its colour reads #f?f?f?.
_NEAR_WHITE = re.compile(r"#f[0-9a-f]f[0-9a-f]f[0-9a-f]")
# A span of MuPDF's HTML rendering of a text page: its style (font, size, colour) and its text,
# up to the next span tag (a span nested in it is read on its own).
_HTML_SPAN = re.compile(r'<span style="([^"]*)">([^<]*(?:<(?!/?span\b)[^<]*)*)')
_HTML_COLOUR = re.compile(r"color:(#[0-9a-f]{6})")
_HTML_SIZE = re.compile(r"font-size:([0-9.]+)pt")
DARK_LUMINANCE = 100  # 0-255, ITU-R BT.601 perceived brightness: at most this is dark
TINY_TEXT = 1.5  # points: text this small is a speck on the page, not something a reader reads
GLYPH_HEIGHT = (3.0, 40.0)  # points: a filled path this tall, at least GLYPH_WIDTH and at most
GLYPH_WIDTH = 1.0  # three times as wide, may be a glyph (not a rule, nor a table's cell)
_GLYPH_KINDS = ("fill-path", "stroke-path")  # `Page.get_bboxlog` kinds a shape-drawn glyph may have
# A stroked path this thick or more, and a line's height or less across, may be a marker line
# drawn over words (a thinner one is a rule or a border; a taller one a frame round a block).
THICK_STROKE = 3.0
LINE_STROKE = 40.0
MIN_OUTLINED_GLYPHS = 40  # so many of them away from the page's text: text drawn as shapes
_HTML_MARKUP = re.compile(r"<[^>]*>|&#x(?:20|9|a|d);|\s")


@dataclass(frozen=True, slots=True)
class PageLayout:
    graphics: tuple[Box, ...]  # images, shadings and paths
    image_share: float  # fraction of the page covered by images
    text_off_page: bool  # some text lies outside the visible page, wholly or in part
    invisible_text: bool = False  # some text is not painted (render mode 3: an OCR layer, or hidden)
    pictures: tuple[Box, ...] = ()  # where images (and image masks) are painted
    words: tuple[RawWord, ...] | None = None  # every word the page holds, in reading order; None: not read
    white_text: bool = True  # some text may be painted white (False only when none is)
    tiny_text: bool = True  # some text is too small to read (False only when none is)
    may_hide_text: bool = True  # something filled lies across text (False only when nothing does)
    outlines: Box | None = None  # where the page seems to draw text as shapes (`outlined_text`)
    paint_meets_text: bool = True  # a drawing, picture or shading touches text, or a pattern may (False: none does)
    turn: tuple[float, float, float, float, float, float] | None = None  # /Rotate's matrix, if the page is turned
    misread: bool = False  # it draws a font whose text map misreads its glyphs (`redactor.misread`)


def unrotated_rect(page: pymupdf.Page) -> pymupdf.Rect:
    """The visible page in MuPDF's unrotated space, where text, images and drawings are placed
    (`page.rect` is the page as displayed, turned by its /Rotate)."""
    return page.rect * page.derotation_matrix


def unrotated_to_pdf(page: pymupdf.Page) -> pymupdf.Matrix:
    """From MuPDF's unrotated page space (where text is found and boxes are placed) to PDF user
    space. PyMuPDF's `~page.transformation_matrix` leaves out the crop box's offset on a turned
    page (1.28: it is rebuilt from the crop box's size alone), which put every cut beside its
    text; this asks MuPDF for the page's own matrix, as PyMuPDF does, and takes the turn out."""
    if page.rotation % 360 == 0:
        return ~page.transformation_matrix
    ctm = pymupdf.mupdf.FzMatrix()
    pymupdf.mupdf.pdf_page_transform(page._pdf_page(), pymupdf.mupdf.FzRect(pymupdf.mupdf.FzRect.Fixed_UNIT), ctm)
    return ~(pymupdf.Matrix(ctm.a, ctm.b, ctm.c, ctm.d, ctm.e, ctm.f) * page.derotation_matrix)


class TextPages:
    """MuPDF's text page of each page, made once for the layout pass and searched again when
    boxes are located. The first `keep` are kept (a dense page's takes about 200 KB); later ones
    are made again when asked for, so memory does not grow with the document. Call `clear` before
    anything changes the document: a kept text page would describe the page as it was."""

    def __init__(self, doc: pymupdf.Document, keep: int = 500) -> None:
        self._doc = doc
        self._keep = keep
        self._kept: dict[int, pymupdf.TextPage] = {}

    def __getitem__(self, number: int) -> pymupdf.TextPage:
        textpage = self._kept.get(number)
        if textpage is None:
            textpage = self._doc[number].get_textpage(flags=TEXT_FLAGS, clip=EVERYWHERE)
            if len(self._kept) < self._keep:
                self._kept[number] = textpage
        return textpage

    def clear(self) -> None:
        self._kept.clear()


def page_layout(page: pymupdf.Page, textpage: pymupdf.TextPage | None = None) -> PageLayout:
    """`textpage`: the page's, made with TEXT_FLAGS over EVERYWHERE (made here when not given)."""
    x0, y0, x1, y1 = unrotated_rect(page)
    area = abs(page.rect) or 1.0
    graphics: list[Box] = []
    image_area = 0.0
    off_page = False
    invisible = False
    pictures: list[Box] = []
    texts: list[Box] = []  # text runs
    fills: list[Box] = []  # filled paths, images and shadings smaller than half the page
    glyphs: list[Box] = []  # filled paths of a glyph's or a word's size
    shaded = False
    for kind, (bx0, by0, bx1, by1) in page.get_bboxlog():
        shaded = shaded or kind == "fill-shade"
        if "text" in kind:
            texts.append((bx0, by0, bx1, by1))
            invisible = invisible or kind == "ignore-text"
            if not off_page and not (x0 <= bx0 and bx1 <= x1 and y0 <= by0 and by1 <= y1):
                off_page = True  # wholly or partly: a run may start on the page and go on past its edge
            continue
        graphics.append((bx0, by0, bx1, by1))
        if kind != "stroke-path" and (bx1 - bx0) * (by1 - by0) < 0.5 * area:
            fills.append((bx0, by0, bx1, by1))
        elif kind == "stroke-path" and THICK_STROKE <= min(bx1 - bx0, by1 - by0) <= LINE_STROKE:
            fills.append((bx0, by0, bx1, by1))  # may be a marker line drawn across words (`redactor.audit`)
        if is_glyph_shape(kind, (bx0, by0, bx1, by1)):
            glyphs.append((bx0, by0, bx1, by1))
        if kind in ("fill-image", "fill-imgmask"):
            pictures.append((bx0, by0, bx1, by1))
            image_area += max(0.0, min(bx1, x1) - max(bx0, x0)) * max(0.0, min(by1, y1) - max(by0, y0))
    if shaded:
        glyphs += shaded_glyphs(page)
    if textpage is None:
        textpage = page.get_textpage(flags=TEXT_FLAGS, clip=EVERYWHERE)
    return PageLayout(
        tuple(graphics),
        min(1.0, image_area / area),
        off_page,
        invisible,
        tuple(pictures + type3_text(page)),
        tuple(textpage.extractWORDS()),
        *unseen_text(textpage.extractHTML()),
        any(_over_text(fill, texts) for fill in fills),
        outlined_text(glyphs, texts),
        any(_touches(box, texts) for box in graphics) or uses_patterns(page),
        tuple(page.rotation_matrix) if page.rotation else None,
    )


def _touches(box: Box, texts: list[Box]) -> bool:
    bx0, by0, bx1, by1 = box
    return any(min(bx1, x1) > max(bx0, x0) and min(by1, y1) > max(by0, y0) for x0, y0, x1, y1 in texts)


def uses_patterns(page: pymupdf.Page) -> bool:
    """Whether the page, or a form it draws, has patterns among its resources: MuPDF's box log
    gives a tiling pattern's fill as the pattern's cell, wherever the fill is."""
    doc = page.parent
    if doc.xref_get_key(page.xref, "Resources")[0] == "null":
        return True  # inherited from the page tree: not looked into, so taken as possible
    holders = [page.xref] + [xref for xref, *_ in page.get_xobjects()]
    return any(doc.xref_get_key(xref, "Resources/Pattern")[0] != "null" for xref in holders)


def type3_text(page: pymupdf.Page) -> list[Box]:
    """Where the page shows text in a Type 3 font: its glyphs are small drawings of any kind, and
    one may paint a picture or a whole word. MuPDF's box device reports them as text, so OCR
    would never read them, and the font's text map need not say what they show (red-team review:
    a glyph painting a screenshot of an SSN was published, its picture untouched).
    MuPDF names such a font after its /Name, else "Type3 (n g R)"; a /Name that is also another
    font's makes that font's text read too, which costs time, never a leak."""
    type3 = [xref for xref, _, kind, *_ in page.get_fonts(full=True) if kind == "Type3"]
    if not type3:
        return []  # most pages: their text need not be traced
    names = {"Type3"}
    for xref in type3:
        if xref <= 0:
            continue  # a font written inside its resources has no number to look up: "Type3 (0 0 R)"
        kind_of_name, name = page.parent.xref_get_key(xref, "Name")
        if kind_of_name == "name":
            names.add(name.lstrip("/"))
    return [
        tuple(span["bbox"])
        for span in page.get_texttrace()
        if span["font"] in names or span["font"].startswith("Type3 (")
    ]


def shaded_glyphs(page: pymupdf.Page) -> list[Box]:
    """Clipping paths of a glyph's size on a page that paints shadings: a word drawn as shapes and
    filled with a gradient (each glyph's outline a clipping path, then `sh`) logs its shadings
    with no bounds at all, so only the clipping paths say where its glyphs are (red-team review,
    2026-11-27: such a copy of a name went unread and unremoved). Called for pages with shadings
    only: tracing a page's drawings costs milliseconds."""
    glyphs = []
    for item in page.get_drawings(extended=True):
        scissor = item.get("scissor") if item.get("type") == "clip" else None
        if scissor is not None and is_glyph_shape("fill-path", tuple(scissor)):
            glyphs.append(tuple(scissor))
    return glyphs


def is_glyph_shape(kind: str, box: Box) -> bool:
    """Whether a bounding-box log entry (`Page.get_bboxlog`) is a path of a glyph's size, filled or
    stroked: a hollow outline font (each glyph's outline stroked, not filled) reads as well as a
    filled one, and was published whole (red-team review, 2026-11-27: "Ana Ruiz" stroked in
    outline, the term found in the page's text, stayed readable in the public page)."""
    width, height = box[2] - box[0], box[3] - box[1]
    return kind in _GLYPH_KINDS and GLYPH_HEIGHT[0] <= height <= GLYPH_HEIGHT[1] and GLYPH_WIDTH <= width <= 3 * height


def outlined_text(glyphs: list[Box], texts: list[Box]) -> Box | None:
    """Where text seems drawn as shapes rather than with a font (a PDF "with text as outlines",
    a chart, a scan vectorized): no extractor reads it, so OCR must. MIN_OUTLINED_GLYPHS filled
    paths of a glyph's size, away from the page's text, say so; the box around them is returned."""
    if len(glyphs) < MIN_OUTLINED_GLYPHS:
        return None
    free = [g for g in glyphs if not any(g[0] < t[2] and t[0] < g[2] and g[1] < t[3] and t[1] < g[3] for t in texts)]
    if len(free) < MIN_OUTLINED_GLYPHS:
        return None
    return min(g[0] for g in free), min(g[1] for g in free), max(g[2] for g in free), max(g[3] for g in free)


def _over_text(fill: Box, texts: list[Box]) -> bool:
    """Whether `fill` lies across one of `texts` (boxes of text runs): over at least half its
    height and a few points of its width, as a box over a word does, drawn before the text (in
    its colour) or after it. Whether it hides anything is for `redactor.audit` to judge, glyph
    by glyph and by rendering. (A page's background is not among the fills: they are smaller
    than half the page.)"""
    fx0, fy0, fx1, fy1 = fill
    for x0, y0, x1, y1 in texts:
        if min(fx1, x1) - max(fx0, x0) >= 2 and min(fy1, y1) - max(fy0, y0) >= 0.5 * (y1 - y0):
            return True
    return False


def unseen_text(html: str) -> tuple[bool, bool]:
    """Whether a span of the page may be painted in white or nearly, and whether one is too
    small to read, read from MuPDF's HTML rendering of its text page, which writes each span's
    sRGB colour and size (it is five times quicker to make than the page's dictionary). A span
    that shows text but no colour (MuPDF writes none for unpainted text, and older versions none
    for black) counts as white: the page is then looked at closer, glyph by glyph."""
    white = tiny = False
    for style, content in _HTML_SPAN.findall(html):
        if not _HTML_MARKUP.sub("", content):
            continue
        colour = _HTML_COLOUR.search(style)
        white = white or colour is None or bool(_NEAR_WHITE.fullmatch(colour.group(1)))
        size = _HTML_SIZE.search(style)
        tiny = tiny or (size is not None and float(size.group(1)) < TINY_TEXT)
        if white and tiny:
            break
    return white, tiny


def flattened_words(words: Iterable[RawWord], spans: list[dict]) -> list[RawWord]:
    """Those of `words` (MuPDF's word tuples) with two letters or digits whose glyphs a matrix
    squashes to under TINY_TEXT across their line (`1 0 0 0.05 x y Tm`), while their font size
    is not: MuPDF's trace of the page (`spans`) keeps each glyph's full height, and only the word's
    box, read from the text page, shows the squash. Its size as drawn is that box across the line
    over the font's height (ascender to descender), as for the word's run in `spans`."""
    found = []
    for word in words:
        x0, y0, x1, y1 = word[:4]
        if min(x1 - x0, y1 - y0) >= 2 * TINY_TEXT or sum(c.isalnum() for c in word[4]) < 2:
            continue  # plain arithmetic first: done for every word of every page
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        for span in spans:
            sx0, sy0, sx1, sy1 = span["bbox"]
            if not (sx0 <= x <= sx1 and sy0 <= y <= sy1) or span["size"] < TINY_TEXT:
                continue
            dx, dy = span["dir"]
            across = y1 - y0 if abs(dx) >= abs(dy) else x1 - x0
            height = (span["ascender"] - span["descender"]) or 1.0
            if abs(dx * dy) < 0.01 and across / height < TINY_TEXT:
                found.append(word)
            break
    return found


def is_white(colour: tuple[float, ...] | list[float] | None) -> bool:
    """Whether a colour as MuPDF traces it (grey, RGB or CMYK components, 0 to 1) is white."""
    values = list(colour or ())
    if len(values) == 4:
        return all(v < 0.05 for v in values)
    return bool(values) and all(v > 0.95 for v in values[:3])


def is_dark(colour: Iterable[float]) -> bool:
    """Whether a colour (grey, RGB or CMYK components, 0 to 1) is dark enough to hide black text:
    its ITU-R BT.601 perceived brightness at most DARK_LUMINANCE."""
    values = [255 * c for c in colour]
    if len(values) == 1:
        values = values * 3
    if len(values) == 4:  # CMYK
        c, m, y, k = (v / 255 for v in values)
        values = [255 * (1 - c) * (1 - k), 255 * (1 - m) * (1 - k), 255 * (1 - y) * (1 - k)]
    return len(values) >= 3 and 0.299 * values[0] + 0.587 * values[1] + 0.114 * values[2] <= DARK_LUMINANCE


def intersects_any(boxes: tuple[Box, ...], rects: list[Box]) -> bool:
    for x0, y0, x1, y1 in boxes:
        if any(x0 < r[2] and r[0] < x1 and y0 < r[3] and r[1] < y1 for r in rects):
            return True
    return False
