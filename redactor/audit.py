"""Audit any PDF for failed redactions and hidden content before it is filed.

Each check returns `Problem`s: a kind, a severity, a page, a plain-English message
and, where text is involved, a masked preview, never the text itself.

Kinds:
- bad-redaction: a box (vector rectangle, cross-hatching, image, annotation) drawn
  over text that is still in the file; the check Free Law Project's x-ray makes,
  widened to boxes of any dark colour, partial cover, and unapplied annotations.
- hidden-text: text a reader does not see but a machine reads (invisible render
  mode, transparent, white on white, off the page, tiny, under an image).
- hidden-content: metadata, comments, form values, attachments, scripts, hidden
  layers, thumbnails, page-piece data.
- earlier-revision: text an earlier revision held and the latest does not show.
- misread-text: text in a font whose text map reads its glyphs as other characters than their
  names say ("five" read as "x"): every extractor, and so every search, misses what the page shows.
- width-leak: a redaction box in the middle of a line, whose width and the position
  of the following text give away the length of the removed text.
- sensitive: text the policy and terms would redact, still present: on the pages, or
  where a link leads, in a bookmark title, a page label or an embedded font's name.
- filing: what e-filing systems reject (encryption, scripts, attachments, media,
  live form fields, fonts not embedded, pages without text, page size, file size).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pymupdf

from redactor import fontnames
from redactor.cropped import pictures_with_hidden_parts
from redactor.detect import Finding, detect, findings_in
from redactor.glyphnames import font_dictionaries
from redactor.layout import (
    DARK_LUMINANCE,
    EVERYWHERE,
    TEXT_FLAGS,
    TINY_TEXT,
    flattened_words,
    is_dark,
    is_glyph_shape,
    is_white,
    outlined_text,
    unrotated_rect,
)
from redactor.mask import ANNOTATION_TYPES, NAME_TREES, mask, standard_name
from redactor.misread import misreadings, pages_drawing
from redactor.pagetree import page_tree_faults
from redactor.painted import painted_over
from redactor.pdfio import Source, open_document, read_source
from redactor.policy import Policy, load_policy
from redactor.preparing import hidden_groups, open_with_qpdf, read_unlike_other_readers
from redactor.readings import page_readings
from redactor.sanitize import link_targets, link_xrefs
from redactor.showing import meets, text_shows, unshown_words
from redactor.textmodel import read_document
from redactor.verify import hidden_in_objects
from redactor.widths import inline_boxes

SEVERITIES = ("info", "warning", "error")
# A glyph counts as covered when this share of its box lies under the box on top of it.
COVERED = 0.8
# The same words printed on top of this many boxes of a page, in the boxes' colour and fitted to
# each, are a label a redaction tool put on them (a date in x-ray's no_bad_redactions.8.1.pdf),
# not what they hide (see `_labels`).
_LABELLED_BOXES = 3
LETTER = (612.0, 792.0)
DEFAULT_SIZE_LIMIT_MB = 35.0
_BASE14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic",
    "Times-BoldItalic", "Symbol", "ZapfDingbats",
}  # fmt: skip
_LABEL_WORDS = {
    "redacted", "redaction", "privilege", "privileged", "confidential", "sealed", "withheld", "exempt",
    "b", "4", "5", "6", "7", "c", "e", "f", "frcp", "2", "security", "cyber", "commercial", "privacy", "term",
    "manual", "attorney", "client", "work", "product", "pii",
}  # fmt: skip
# What PDF producers write when nobody filled a field in (reportlab: "(unspecified)").
_PLACEHOLDERS = {"", "unspecified", "(unspecified)", "untitled", "anonymous", "(anonymous)", "unknown"}
_MEDIA_ANNOTS = {"Sound", "Movie", "Screen", "RichMedia", "3D"}
_STAMP = re.compile(r"(Doc(ument)?|DktEntry).+Filed.+Page", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    kind: str
    severity: str
    page: int | None  # 1-based; None for the whole file
    message: str
    preview: str = ""
    rect: tuple[float, float, float, float] | None = None

    def as_dict(self) -> dict:
        data = {"kind": self.kind, "severity": self.severity, "page": self.page, "message": self.message}
        if self.preview:
            data["preview"] = self.preview
        if self.rect:
            data["rect"] = [round(v, 1) for v in self.rect]
        return data


@dataclass
class Audit:
    path: str
    problems: list[Problem] = field(default_factory=list)

    def at_least(self, severity: str) -> list[Problem]:
        floor = SEVERITIES.index(severity)
        return [p for p in self.problems if SEVERITIES.index(p.severity) >= floor]

    def as_dict(self) -> dict:
        return {"file": self.path, "problems": [p.as_dict() for p in self.problems]}


def audit(
    path: Path | str,
    *,
    policy: Policy | Path | None = None,
    terms: Iterable[str] = (),
    password: str | None = None,
    size_limit_mb: float = DEFAULT_SIZE_LIMIT_MB,
) -> Audit:
    """Run every check on the PDF at `path`."""
    source = read_source(Path(path), password)
    chosen = policy if isinstance(policy, Policy) else load_policy(Path(policy) if policy else None)
    result = Audit(str(path))
    with open_document(source) as doc:
        for page in doc:
            result.problems.extend(bad_redactions(page))
            result.problems.extend(hidden_text(page))
            result.problems.extend(width_leaks(page))
        on_pages = list(sensitive_text(doc, chosen, list(terms)))
        result.problems.extend(on_pages)
        result.problems.extend(sensitive_beside_pages(doc, chosen, list(terms), on_pages))
        result.problems.extend(filing_readiness(doc, source, size_limit_mb))
        result.problems.extend(read_differently(doc))
    result.problems.extend(hidden_content(source))
    result.problems.extend(earlier_revisions(source))
    return result


# --- bad redactions -------------------------------------------------------------------------


@dataclass
class _Box:
    rect: pymupdf.Rect
    seqno: int
    fill: tuple[float, ...]
    kind: str  # "rectangle", "shape" (with curves: a highlight drawn into the page), "marker line" (stroked), "cross-hatching", "image", "annotation"


@dataclass(frozen=True)
class Covering:
    """Something drawn over text that can still be copied out from under it."""

    rect: pymupdf.Rect
    text: str
    severity: str  # "error" for a dark cover, "warning" for a light one (white-out)
    message: str
    marked: bool = False  # a redaction annotation, marked and never applied


def bad_redactions(page: pymupdf.Page) -> Iterator[Problem]:
    """Boxes drawn over text that can still be copied out from under them."""
    for covering in coverings(page):
        yield Problem(
            "bad-redaction",
            covering.severity,
            page.number + 1,
            covering.message,
            mask(covering.text),
            tuple(covering.rect),
        )


def coverings(page: pymupdf.Page) -> Iterator[Covering]:
    """Everything `bad_redactions` reports, with the text covered (redact takes these as areas
    to redact, see `redactor.marks`)."""
    drawings = page.get_drawings()
    boxes = list(_filled_boxes(drawings)) + list(_stroked_boxes(drawings))
    spans = [s for s in page.get_texttrace() if not _is_court_stamp(s)]
    covered = list(_covered(spans, boxes))
    labels = _labels(printed for _, _, printed in covered if printed)
    found: list[Covering] = []
    labelled: list[pymupdf.Rect] = []  # boxes a tool printed its label on: the label is not hidden text
    for box, text, printed in covered:
        if printed and printed[0] in labels:
            labelled.append(box.rect)
            continue
        if not _looks_like_text(text):
            continue
        shade = _rendered_shade(page, box.rect if box.kind != "shape" else _without_rounded_ends(box.rect))
        if shade == "dark":
            message = f"a dark {box.kind} is drawn over text that can still be copied out from under it"
            found.append(Covering(box.rect, text, "error", message))
        elif shade == "light":
            message = f"a light-coloured {box.kind} is drawn over text (white-out): the text is hidden but can still be copied"
            found.append(Covering(box.rect, text, "warning", message))
    for drawing in drawings:
        if _is_cross_hatch(drawing):
            rect = pymupdf.Rect(drawing["rect"])
            text = _text_in(page, rect)
            if _looks_like_text(text):
                found.append(Covering(
                    rect, text, "error", "cross-hatching is drawn over text that can still be copied out from under it"
                ))  # fmt: skip
    found += _dark_images(page)
    found += _annotation_boxes(page)
    yield from found
    # What the boxes above do not name (a box turned by its matrix, a patterned fill, thin strokes
    # side by side, a turned picture): the rendering says where text lies under one dark colour.
    judged = [tuple(c.rect) for c in found] + [tuple(r) for r in labelled]
    for rect, text in painted_over(page, spans, judged):
        if _looks_like_text(text):
            message = "the page is painted one dark colour over text that can still be copied out from under it"
            yield Covering(pymupdf.Rect(rect), text, "error", message)


def _filled_boxes(drawings: list[dict]) -> Iterator[_Box]:
    for drawing in drawings:
        fill = drawing.get("fill")
        if fill is None or (drawing.get("fill_opacity") or 0) < 0.99:
            continue
        rects = [pymupdf.Rect(item[1]) for item in drawing["items"] if item[0] == "re"]
        rects += [pymupdf.Quad(item[1]).rect for item in drawing["items"] if item[0] == "qu"]
        kind = "rectangle"
        if not rects:
            rects = [pymupdf.Rect(drawing["rect"])]
            kind = "shape" if any(item[0] == "c" for item in drawing["items"]) else kind
        for rect in rects:
            rect.normalize()
            if rect.width > 2 and rect.height > 2:
                yield _Box(rect, drawing["seqno"], tuple(fill), kind)


def _stroked_boxes(drawings: list[dict]) -> Iterator[_Box]:
    """What thick opaque strokes paint solid: a marker line drawn across words (in the page, or
    an ink or line comment's appearance), or a flat rectangle whose border is as thick as it is
    tall. Such a stroke looks exactly like a box. Each straight segment gives the band it covers
    along its whole length (its ends, which a round cap makes round, left out); a rectangle
    gives its outline when the border fills it. Curves and thin strokes (rules, underlines,
    borders under MIN_COVER) give nothing."""
    for drawing in drawings:
        colour, width = drawing.get("color"), drawing.get("width") or 0.0
        if colour is None or width < MIN_COVER or (drawing.get("stroke_opacity") or 0) < 0.99:
            continue
        for item in drawing["items"]:
            if item[0] == "l":
                rect = _band_under_segment(item[1], item[2], width)
            elif item[0] in ("re", "qu"):
                inner = pymupdf.Rect(item[1]) if item[0] == "re" else pymupdf.Quad(item[1]).rect
                inner.normalize()
                rect = inner + (-width / 2, -width / 2, width / 2, width / 2)
                if width < min(inner.width, inner.height):
                    continue  # a frame: the middle is not painted
            else:
                continue
            if rect is not None and rect.width > 2 and rect.height > 2:
                yield _Box(rect, drawing["seqno"], tuple(colour), "marker line")


def _band_under_segment(start: pymupdf.Point, end: pymupdf.Point, width: float) -> pymupdf.Rect | None:
    """The upright rectangle that a stroke `width` wide from `start` to `end` paints whole: for a
    line nearer level than upright, from one end to the other and as tall as the stroke is where
    it is lowest and highest (a hand-drawn line is seldom level); likewise turned for an upright
    one. None where no such band is left (a steep diagonal)."""
    dx, dy = end.x - start.x, end.y - start.y
    length = (dx * dx + dy * dy) ** 0.5
    if length == 0:
        return None
    if abs(dx) >= abs(dy):
        half = width / 2 * abs(dx) / length
        top, bottom = max(start.y, end.y) - half, min(start.y, end.y) + half
        rect = pymupdf.Rect(min(start.x, end.x), top, max(start.x, end.x), bottom)
    else:
        half = width / 2 * abs(dy) / length
        left, right = max(start.x, end.x) - half, min(start.x, end.x) + half
        rect = pymupdf.Rect(left, min(start.y, end.y), right, max(start.y, end.y))
    return None if rect.is_empty else rect


def _labels(printed: Iterable[tuple[str, float]]) -> set[str]:
    """Of the words printed on top of boxes in their colour (with their size), those a redaction
    tool printed on them as a label: the same words on _LABELLED_BOXES boxes or more, fitted to
    each at different sizes. Text a box was drawn over to hide it lies under the box, or, drawn
    on it in its colour (a word processor's black highlight), keeps its size from box to box."""
    sizes: dict[str, set[float]] = {}
    count: Counter[str] = Counter()
    for words, size in printed:
        sizes.setdefault(words, set()).add(round(size, 1))
        count[words] += 1
    return {words for words, n in count.items() if n >= _LABELLED_BOXES and len(sizes[words]) > 1}


def _covered(spans: list[dict], boxes: list[_Box]) -> Iterator[tuple[_Box, str, tuple[str, float] | None]]:
    """Each box with the text of the glyphs it covers (a glyph goes to the topmost box), and,
    where all of them were drawn on top of it (in its colour, so they do not show), the whole
    text of the runs they belong to (a label a box cuts short is still the same label) and the
    size of the first; else None.
    Plain arithmetic: PyMuPDF's Rect operations cost seconds on a page of table cells."""
    if not boxes:
        return
    plain = [(b.rect.x0, b.rect.y0, b.rect.x1, b.rect.y1) for b in boxes]
    owner: dict[int, list[str]] = {}
    under: set[int] = set()  # boxes with a glyph drawn before them
    runs: dict[int, list[str]] = {}  # the text of each run a box has glyphs of
    sizes: dict[int, float] = {}  # the size of the first of them
    for span in spans:
        sx0, sy0, sx1, sy1 = span["bbox"]
        candidates = [
            i for i, (x0, y0, x1, y1) in enumerate(plain)
            if x0 < sx1 and sx0 < x1 and y0 < sy1 and sy0 < y1
            and (boxes[i].seqno > span["seqno"] or _same_colour(boxes[i].fill, span["color"]))
        ]  # fmt: skip
        if not candidates:
            continue
        run = " ".join("".join(chr(c[0]) for c in span["chars"]).split())
        for char in span["chars"]:
            gx0, gy0, gx1, gy1 = char[3]
            area = (gx1 - gx0) * (gy1 - gy0)
            if gx1 <= gx0 or gy1 <= gy0:
                continue
            best = -1
            for i in candidates:
                x0, y0, x1, y1 = plain[i]
                overlap = max(0.0, min(gx1, x1) - max(gx0, x0)) * max(0.0, min(gy1, y1) - max(gy0, y0))
                if overlap > COVERED * area and (best < 0 or boxes[i].seqno > boxes[best].seqno):
                    best = i
            if best >= 0:
                owner.setdefault(best, []).append(chr(char[0]))
                if span["seqno"] < boxes[best].seqno:
                    under.add(best)
                if run not in runs.setdefault(best, []):
                    runs[best].append(run)
                sizes.setdefault(best, span["size"])
    for index, chars in owner.items():
        printed = None if index in under else (" ".join(runs[index]), sizes[index])
        yield boxes[index], "".join(chars), printed


def _same_colour(fill: tuple[float, ...], colour: Iterable[float]) -> bool:
    colour = tuple(colour)
    return len(fill) == len(colour) and all(abs(a - b) < 0.01 for a, b in zip(fill, colour, strict=True))


def _is_court_stamp(span: dict) -> bool:
    """CM/ECF's header stamp ("Case ... Document 12 Filed ... Page 3 of 9") is not content."""
    if span["bbox"][1] >= 43:
        return False
    return bool(_STAMP.search("".join(chr(c[0]) for c in span["chars"])))


def _looks_like_text(text: str) -> bool:
    """Skip boxes over nothing readable: blanks, one character, "XXXX", undecodable glyphs, and
    the labels redaction tools print under or on their boxes ("Redacted", "Privileged")."""
    letters = [c for c in text if c.isalnum()]
    if len(letters) < 2 or "\ufffd" in text:
        return False
    if len(set(c.lower() for c in letters)) < 2:
        return False
    words = re.findall(r"[a-z0-9]+", text.lower())
    return not all(w in _LABEL_WORDS for w in words)


def _renders_dark(page: pymupdf.Page, rect: pymupdf.Rect) -> bool:
    """What a reader sees there is one dark colour: the box hides the text under it."""
    return _rendered_shade(page, rect) == "dark"


def _without_rounded_ends(rect: pymupdf.Rect) -> pymupdf.Rect:
    """The middle of a shape with rounded ends (a highlight, drawn into the page), whose corners
    show what lies around it."""
    inset = min(rect.height / 2, rect.width / 4)
    return pymupdf.Rect(rect.x0 + inset, rect.y0, rect.x1 - inset, rect.y1)


def _rendered_shade(page: pymupdf.Page, rect: pymupdf.Rect) -> str | None:
    """ "dark" or "light" where the area renders as (nearly) one colour, else None: something,
    such as text drawn on top of the box, is visible there. `rect` is in MuPDF's unrotated page
    space, where boxes and text are found."""
    clip = _displayed(page, rect)
    if clip.is_empty or clip.width < 1 or clip.height < 1:
        return None
    pixmap = page.get_pixmap(colorspace=pymupdf.csRGB, clip=clip, alpha=False)
    if pixmap.width == 0 or pixmap.height == 0:
        return None
    samples = pixmap.samples
    pixels = [samples[i : i + 3] for i in range(0, len(samples), pixmap.n)]
    inner = _interior(pixels, pixmap.width, pixmap.height)
    if not inner:
        return None
    reference = inner[0]
    alike = sum(
        1 for p in inner if max(abs(p[0] - reference[0]), abs(p[1] - reference[1]), abs(p[2] - reference[2])) <= 8
    )
    if alike < 0.97 * len(inner):
        return None
    luminance = 0.299 * reference[0] + 0.587 * reference[1] + 0.114 * reference[2]
    return "dark" if luminance <= DARK_LUMINANCE else "light"


def _displayed(page: pymupdf.Page, rect: pymupdf.Rect) -> pymupdf.Rect:
    """`rect`, from MuPDF's unrotated page space (drawings, text, images), in the page as
    displayed, where `get_pixmap` clips: on a page turned by /Rotate the two differ, and the
    colour of a box was read from somewhere else on the page."""
    return (rect & unrotated_rect(page)) * page.rotation_matrix


def _interior(pixels: list[bytes], width: int, height: int) -> list[bytes]:
    """Pixels without the one-pixel border, where anti-aliased edges blur the colour."""
    if width <= 2 or height <= 2:
        return pixels
    return [pixels[y * width + x] for y in range(1, height - 1) for x in range(1, width - 1)]


def _is_cross_hatch(drawing: dict) -> bool:
    """Pairs of crossing diagonal lines tiled over an area, as some tools draw redactions."""
    items = drawing["items"]
    if len(items) < 2 or len(items) % 2 or not all(item[0] == "l" for item in items):
        return False
    for first, second in zip(items[::2], items[1::2], strict=True):
        if abs(first[1].x - second[1].x) > 1 or abs(first[2].x - second[2].x) > 1:
            return False
        if abs(first[1].y - first[2].y) < 1:
            return False  # horizontal rules are not hatching
    return True


def _text_in(page: pymupdf.Page, rect: pymupdf.Rect) -> str:
    return " ".join(page.get_text("text", clip=rect, flags=TEXT_FLAGS).split())


def _dark_images(page: pymupdf.Page) -> Iterator[Covering]:
    page_area = abs(page.rect)
    for image in page.get_image_info():
        rect = pymupdf.Rect(image["bbox"])
        if abs(rect) > 0.5 * page_area or rect.width < 10 or rect.height < 5:
            continue
        if not _renders_dark(page, rect):
            continue
        text = _text_in(page, rect)
        if _looks_like_text(text):
            yield Covering(
                rect, text, "error", "a dark image is placed over text that can still be copied out from under it"
            )


def _annotation_boxes(page: pymupdf.Page) -> Iterator[Covering]:
    for annot in page.annots() or []:
        hides = hiding_annotation(annot)
        rect = annot.rect & page.rect
        if hides is None or rect.is_empty:
            continue
        text = _text_in(page, rect)
        if _looks_like_text(text):
            severity, message = hides
            yield Covering(rect, text, severity, message, marked=annot.type[0] == pymupdf.PDF_ANNOT_REDACT)


def hiding_annotation(annot: pymupdf.Annot) -> tuple[str, str] | None:
    """How bad, and what, if `annot` can hide the text under it: a redaction marked and not
    applied, an opaque square, circle or polygon comment, a dark highlight ("error"), or a
    white-out comment ("warning", as a white-out box drawn in the page)."""
    kind = annot.type[0]
    if kind == pymupdf.PDF_ANNOT_REDACT:
        return "error", "a redaction was marked but never applied: the text under it is still there"
    if kind in (pymupdf.PDF_ANNOT_SQUARE, pymupdf.PDF_ANNOT_POLYGON, pymupdf.PDF_ANNOT_CIRCLE):
        colour = annot.colors.get("fill")
        if not colour or (annot.opacity not in (-1, None) and annot.opacity < 0.99):
            return None
        dark = is_dark(colour)
        shade = "dark" if dark else "white-out"
        message = f"an opaque {shade} {annot.type[1].lower()} annotation covers text that can still be copied"
        return ("error" if dark else "warning"), message
    if kind == pymupdf.PDF_ANNOT_HIGHLIGHT:
        colour = annot.colors.get("stroke")
        if colour and is_dark(colour):
            return "error", "a dark highlight annotation covers text that can still be copied"
    return None


# --- width leaks --------------------------------------------------------------------------


def width_leaks(page: pymupdf.Page) -> Iterator[Problem]:
    """Redaction boxes in the middle of a line: their width and the position of the text after
    them reveal the length of what was removed (PETS 2023). Info, not a warning: the cure
    (`redact --hide-widths`) removes public words too, which narrow tailoring argues against."""
    boxes = [b.rect for b in _filled_boxes(page.get_drawings()) if is_dark(b.fill)]
    if not boxes:
        return
    number = page.number + 1
    for box in inline_boxes(page, boxes):
        yield Problem(
            "width-leak", "info", number,
            "the width of this redaction box and the position of the text after it reveal how long the removed "
            "text was, which can narrow down what it said (redact with --hide-widths to prevent this)",
            rect=tuple(box),
        )  # fmt: skip


# --- hidden text ----------------------------------------------------------------------------


def hidden_text(page: pymupdf.Page) -> Iterator[Problem]:
    """Text that a reader does not see but that a machine reads."""
    spans = page.get_texttrace()
    if not spans:
        return
    number = page.number + 1
    visible = unrotated_rect(page)
    scanned = _mostly_image(page)
    dark_fills = [b for b in _filled_boxes(page.get_drawings()) if is_dark(b.fill)] if _has_white_text(spans) else []
    invisible: list[str] = []
    layer: list[str] = []  # invisible text lying on a picture: an OCR layer
    whites: list[tuple[str, pymupdf.Rect]] = []  # white spans off dark fills
    pictures = [pymupdf.Rect(info["bbox"]) for info in page.get_image_info()] if not scanned else []
    for span in spans:
        text = "".join(chr(c[0]) for c in span["chars"])
        if not text.strip():
            continue
        bbox = pymupdf.Rect(span["bbox"])
        if not bbox.intersects(visible):
            yield Problem(
                "hidden-text", "warning", number, "text is placed outside the visible page", mask(text), tuple(bbox)
            )
            continue
        beyond = _letters_off_page(span, visible)
        if beyond:
            yield Problem("hidden-text", "warning", number, "text runs on outside the visible page",
                          mask(beyond), tuple(bbox))  # fmt: skip
        if span["type"] == 3 or span.get("opacity", 1) == 0:
            if scanned or _over_a_picture(bbox, pictures):
                layer.append(text)
            else:
                invisible.append(text)
        elif span["size"] < TINY_TEXT:
            yield Problem("hidden-text", "warning", number, "text is too small to read", mask(text), tuple(bbox))
        elif is_white(span["color"]) and not _on_dark_fills(span, dark_fills):
            whites.append((text, bbox))
    # White text off dark fills may still show (on a blue bar, on a photograph): ask the rendering.
    rects = [tuple(b) for _, b in whites]
    lines = [(b.x0, b.y0 + 0.4 * b.height, b.x1, b.y1 - 0.4 * b.height) for _, b in whites]  # not the lines around
    for (text, bbox), shows in zip(whites, text_shows(page, rects, lines), strict=True):
        if not shows:
            yield Problem("hidden-text", "warning", number, "white text on a white page: invisible but copyable",
                          mask(text), tuple(bbox))  # fmt: skip
    if layer:
        yield Problem("hidden-text", "info", number,
                      "invisible text over a picture (an OCR layer): searchable, so check it too", mask(" ".join(layer)))  # fmt: skip
    if invisible:
        yield Problem("hidden-text", "warning", number, "invisible text (not painted, but copyable)", mask(" ".join(invisible)))  # fmt: skip
    # Unpainted text (opacity 0, render mode 3) is reported above as invisible text.
    unpainted = [tuple(s["bbox"]) for s in spans if s["type"] == 3 or s.get("opacity", 1) == 0]
    words = page.get_text("words", flags=TEXT_FLAGS, clip=EVERYWHERE)
    flat = flattened_words(words, spans)
    if flat:
        yield Problem("hidden-text", "warning", number, "text is squashed too flat to read",
                      mask(" ".join(w[4] for w in flat)), tuple(pymupdf.Rect(flat[0][:4])))  # fmt: skip
    unseen = [w for w in unshown_words(page, words, spans) if not meets(w, unpainted)]
    if unseen:
        if scanned or all(_over_a_picture(pymupdf.Rect(w[:4]), pictures) for w in unseen):
            yield Problem("hidden-text", "info", number,
                          "text that does not show over a picture (an OCR layer): searchable, so check it too",
                          mask(" ".join(w[4] for w in unseen)))  # fmt: skip
        else:
            yield Problem("hidden-text", "warning", number,
                          "text that does not show on the page (clipped away, drawn see-through, or used only as "
                          "a clipping shape): invisible but copyable", mask(" ".join(w[4] for w in unseen)))  # fmt: skip
    yield from _text_under_images(page)


def _letters_off_page(span: dict, visible: pymupdf.Rect) -> str:
    """The letters of a run that starts on the page and lie wholly outside it (spaced out past
    its edge, or a line that runs on), when they hold at least two letters or digits; else "".
    A run the page holds whole is passed over at once: this is done for every run."""
    x0, y0, x1, y1 = visible
    sx0, sy0, sx1, sy1 = span["bbox"]
    if x0 <= sx0 and y0 <= sy0 and sx1 <= x1 and sy1 <= y1:
        return ""
    outside = [
        chr(c[0]) for c in span["chars"] if not (c[3][0] < x1 and x0 < c[3][2] and c[3][1] < y1 and y0 < c[3][3])
    ]
    return "".join(outside) if sum(1 for c in outside if c.isalnum()) >= 2 else ""


def _over_a_picture(bbox: pymupdf.Rect, pictures: list[pymupdf.Rect]) -> bool:
    centre = pymupdf.Point((bbox.x0 + bbox.x1) / 2, (bbox.y0 + bbox.y1) / 2)
    return any(picture.contains(centre) for picture in pictures)


def _on_dark_fills(span: dict, dark_fills: list[_Box]) -> bool:
    """Whether every glyph of a white span sits on a dark fill painted before it (a label on a
    redaction box). Glyph by glyph: one span may hold the labels of several boxes."""
    earlier = [b.rect for b in dark_fills if b.seqno < span["seqno"]]
    for char in span["chars"]:
        glyph = pymupdf.Rect(char[3])
        if chr(char[0]).strip() and not any(rect.contains(glyph) for rect in earlier):
            return False
    return bool(earlier)


def _has_white_text(spans: list[dict]) -> bool:
    return any(is_white(s["color"]) for s in spans)


def _mostly_image(page: pymupdf.Page) -> bool:
    area = abs(page.rect)
    covered = sum(abs(pymupdf.Rect(b) & unrotated_rect(page)) for kind, b in page.get_bboxlog() if kind == "fill-image")
    return area > 0 and covered > 0.5 * area


def _text_under_images(page: pymupdf.Page) -> Iterator[Problem]:
    for covering in images_over_text(page):
        yield Problem("hidden-text", covering.severity, page.number + 1, covering.message, mask(covering.text), tuple(covering.rect))  # fmt: skip


MIN_COVER = 3.0  # points: a thinner mark (a rule, a border) hides no writing


def covers_over_pictures(
    page: pymupdf.Page,
) -> list[tuple[pymupdf.Rect, tuple[pymupdf.Rect, tuple[float, float, float]] | None]]:
    """Where something drawn after a picture hides part of it (a box, a mark drawn into the
    page, a dark picture): the page renders one flat colour there, yet the picture's own pixels
    are still in the file for anyone to extract (the classic failed redaction, on a scan). Each
    area is returned a point inside its edges, which may be soft (anti-aliased), with, for a dark
    picture laid over, where and in what colour to paint it again: removing the pixels under it
    blanks that picture too. A light picture laid over one is left out (a white-out or a photo)."""
    pictures: list[pymupdf.Rect] = []
    found: list[tuple[pymupdf.Rect, str, pymupdf.Rect]] = []
    for kind, bbox in page.get_bboxlog():
        if "text" in kind:
            continue
        rect = pymupdf.Rect(bbox)
        for picture in pictures:
            overlap = rect & picture
            if overlap.width >= MIN_COVER and overlap.height >= MIN_COVER:
                found.append((overlap, kind, rect))
        if kind in ("fill-image", "fill-imgmask"):
            pictures.append(rect)
    covers: list[tuple[pymupdf.Rect, tuple[pymupdf.Rect, tuple[float, float, float]] | None]] = []
    for rect, kind, whole in found:
        if kind == "stroke-path":  # a marker stroke drawn across a name: its ends are round
            rect = _without_rounded_ends(rect)
        shade = _rendered_shade(page, rect)
        if shade and kind != "fill-image":
            covers.append((rect + (1, 1, -1, -1), None))
        elif shade == "dark" and _rendered_shade(page, whole) == "dark":
            covers.append((rect + (1, 1, -1, -1), (whole, _rendered_colour(page, rect))))
    return covers


def _rendered_colour(page: pymupdf.Page, rect: pymupdf.Rect) -> tuple[float, float, float]:
    """The colour the page renders at the middle of `rect`, as RGB from 0 to 1."""
    middle = pymupdf.Rect(rect.x0 + rect.width / 2 - 0.5, rect.y0 + rect.height / 2 - 0.5, 0, 0)
    middle.x1, middle.y1 = middle.x0 + 1, middle.y0 + 1
    pixel = page.get_pixmap(colorspace=pymupdf.csRGB, clip=_displayed(page, middle), alpha=False).pixel(0, 0)
    return tuple(channel / 255 for channel in pixel[:3])  # type: ignore[return-value]


def images_over_text(page: pymupdf.Page) -> Iterator[Covering]:
    """Words drawn first and then covered by an image (in drawing order), word by word: an
    image over part of a line hides the words under it. A dark image is a box (`coverings`); an
    image with a soft mask or a colour-key mask (a signature on a transparent ground) may let the
    words show through, and is left alone."""
    earlier: list[pymupdf.Rect] = []  # text drawn so far
    words = None
    see_through = None
    for kind, bbox in page.get_bboxlog():
        if "text" in kind:
            earlier.append(pymupdf.Rect(bbox))
            continue
        if kind != "fill-image" or not earlier:
            continue
        rect = pymupdf.Rect(bbox)
        if see_through is None:
            see_through = [pymupdf.Rect(info["bbox"]) for info in page.get_image_info() if info.get("has-mask")]
        if any(max(abs(a - b) for a, b in zip(rect, masked, strict=True)) < 1 for masked in see_through):
            continue
        if words is None:
            words = page.get_text("words", flags=TEXT_FLAGS)
        under = [
            w for w in words if _covered_by(pymupdf.Rect(w[:4]), rect) and any(t.intersects(w[:4]) for t in earlier)
        ]
        if not under or not _looks_like_text(" ".join(w[4] for w in under)) or _renders_dark(page, rect):
            continue
        # The image's box may reach past what it paints (a clipping path) or be see-through.
        under = [w for w, shows in zip(under, text_shows(page, [w[:4] for w in under]), strict=True) if not shows]
        if not under:
            continue
        area = pymupdf.Rect(under[0][:4])
        for w in under[1:]:
            area |= pymupdf.Rect(w[:4])
        text = " ".join(w[4] for w in under)
        if _looks_like_text(text):
            yield Covering(area, text, "warning", "text is hidden under an image")


def _covered_by(word: pymupdf.Rect, rect: pymupdf.Rect) -> bool:
    return abs(word & rect) > COVERED * abs(word) > 0


# --- hidden content -------------------------------------------------------------------------


def hidden_content(source: Source) -> Iterator[Problem]:
    """What the file carries besides its pages."""
    with open_with_qpdf(source.data, source.password) as pdf:
        root = pdf.Root
        info = pdf.trailer.get("/Info")
        if info is not None:
            named = [k[1:] for k, v in info.items() if k in ("/Title", "/Author", "/Subject", "/Keywords")
                     and str(v).strip().lower() not in _PLACEHOLDERS]  # fmt: skip
            if named:
                yield Problem("hidden-content", "warning", None,
                              f"document properties ({', '.join(named)}) may name people or what was removed")  # fmt: skip
        if "/Metadata" in root:
            yield Problem(
                "hidden-content", "info", None, "XMP metadata is embedded (it can repeat the title, author and history)"
            )
        names = root.get("/Names", pikepdf.Dictionary())
        if "/JavaScript" in names or "/OpenAction" in root and _is_script(root.OpenAction) or "/AA" in root:
            yield Problem(
                "hidden-content", "error", None, "the file runs scripts or actions when opened (e-filing rejects them)"
            )
        if "/EmbeddedFiles" in names:
            yield Problem("hidden-content", "error", None, "the file carries attached files (e-filing rejects them)")
        in_objects = hidden_in_objects(pdf)
        if "associated files" in in_objects:
            yield Problem("hidden-content", "error", None,
                          "the file carries associated files (/AF): attached documents no reader shows")  # fmt: skip
        if {"JavaScript", "a chained action"} & set(in_objects):
            yield Problem("hidden-content", "error", None,
                          "the file holds scripts or actions chained after others (e-filing rejects scripts)")  # fmt: skip
        others = sorted(
            {
                standard_name(key, NAME_TREES)
                for key in names.keys()
                if key not in ("/Dests", "/JavaScript", "/EmbeddedFiles")
            }
        )
        if others:
            yield Problem("hidden-content", "warning", None,
                          f"name tree(s) {', '.join(others)} can hold pages, appearances or files no reader sees")  # fmt: skip
        ocprops = root.get("/OCProperties")
        if ocprops is not None:
            hidden = hidden_groups(ocprops)
            if len(hidden):
                yield Problem(
                    "hidden-content",
                    "warning",
                    None,
                    f"{len(hidden)} layer(s) are hidden: their content is in the file but not shown",
                )
        fonts = list(font_dictionaries(pdf))
        differing = sum(1 for font in fonts if read_unlike_other_readers(font))
        if differing:
            yield Problem("hidden-content", "warning", None,
                          f"{differing} font(s) whose text viewers and extractors read differently (glyph names that "
                          "spell several letters, or a text map some of them ignore): a search can miss what a viewer "
                          "shows; redact makes them read alike")  # fmt: skip
        yield from misread_text(pdf, fonts)
        if page_tree_faults(pdf):
            yield Problem("hidden-content", "warning", None,
                          "the page tree's page counts disagree with its pages: viewers may show different pages "
                          "(redact sets the counts right)")  # fmt: skip
        if "/PieceInfo" in root:
            yield Problem("hidden-content", "info", None, "application private data (PieceInfo) is embedded")
        for picture in pictures_with_hidden_parts(pdf):
            if picture.hidden_part_is_blank():
                continue
            remedy = (
                "redact cannot paint over a picture written into the page's content"
                if picture.inline
                else "redact paints it over"
            )
            yield Problem("hidden-content", "warning", min(picture.pages),
                          f"a picture holds a part no page shows ({picture.hidden_share:.0%} of it, cropped away, "
                          f"off the page or made transparent): anyone can extract it ({remedy})")  # fmt: skip
        for number, page in enumerate(pdf.pages, start=1):
            yield from _page_content(number, page)


def misread_text(pdf: pikepdf.Pdf, fonts: list[pikepdf.Dictionary]) -> Iterator[Problem]:
    """Pages drawing a font whose text map reads its named glyphs as other characters
    (`redactor.misread`): what they show is read by no extractor, this check's search included.
    An error: a map that contradicts the glyphs' own names is a mask or a broken file, and the
    162 corpus filings hold none."""
    found = misreadings(fonts)
    if not found:
        return
    for number, drawn in sorted(pages_drawing(pdf, found).items()):
        for misread in drawn:
            shown = "".join(misread.said[code] for code in sorted(misread.said))
            read = "".join(misread.read[code] or "?" for code in sorted(misread.said))
            yield Problem("misread-text", "error", number + 1,
                          f"font {misread.name} draws text that every extractor reads otherwise: its text map reads "
                          f"{misread.kinds()}, so search, copying and redaction tools (this check too) miss what the "
                          "page shows; redact reads such pages with OCR", f"{mask(shown)} read as {mask(read)}")  # fmt: skip


def read_differently(doc: pymupdf.Document) -> Iterator[Problem]:
    """Pages whose content viewers read differently (`redactor.readings`): what one shows and
    another does not is checked by neither this audit nor a reader who trusts their viewer."""
    for number in sorted(page_readings(doc).differ):
        yield Problem("hidden-content", "warning", number + 1,
                      "viewers may show different content on this page (a stray end-of-stream marker, or an inline "
                      "picture whose end is unclear): compare it in two viewers; redact keeps what MuPDF reads")  # fmt: skip


def _draws_text_as_shapes(page: pymupdf.Page) -> bool:
    glyphs, texts = [], []
    for kind, box in page.get_bboxlog():
        if "text" in kind:
            texts.append(tuple(box))
        elif is_glyph_shape(kind, box):
            glyphs.append(tuple(box))
    return outlined_text(glyphs, texts) is not None


def _is_script(action: pikepdf.Object) -> bool:
    return isinstance(action, pikepdf.Dictionary) and action.get("/S") in (
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
    )


def _page_content(number: int, page: pikepdf.Page) -> Iterator[Problem]:
    counts: dict[str, int] = {}
    for annot in page.obj.get("/Annots", pikepdf.Array()):
        subtype = standard_name(str(annot.get("/Subtype", "/Unknown")), ANNOTATION_TYPES)
        if subtype == "Link":
            action = annot.get("/A")
            if action is not None and _is_script(action):
                counts["script link"] = counts.get("script link", 0) + 1
            continue
        if subtype == "Widget":
            if str(annot.get("/V", "")).strip():
                counts["filled form field"] = counts.get("filled form field", 0) + 1
            continue
        counts[subtype] = counts.get(subtype, 0) + 1
    for kind, count in sorted(counts.items()):
        severity = "error" if kind in _MEDIA_ANNOTS or kind == "script link" else "warning"
        label = {"Text": "comment", "FreeText": "text box", "Popup": "comment pop-up"}.get(kind, kind)
        yield Problem(
            "hidden-content",
            severity,
            number,
            f"{count} {label} annotation(s): they can hold text that is not part of the page",
        )
    if "/Thumb" in page.obj:
        yield Problem("hidden-content", "info", number, "a thumbnail image of an earlier state of the page is embedded")
    if "/PieceInfo" in page.obj:
        yield Problem("hidden-content", "info", number, "application private data (PieceInfo) is embedded")


# --- earlier revisions ----------------------------------------------------------------------


def earlier_revisions(source: Source) -> Iterator[Problem]:
    """Text that an earlier revision of an incrementally saved file holds and the latest does not."""
    ends = [m.end() for m in re.finditer(rb"%%EOF[\r\n]*", source.data)]
    if len(ends) < 2:
        return
    latest = _words(source.data, source)
    lost: list[str] = []
    for end in ends[:-1]:
        earlier = _words(source.data[:end], source)
        lost.extend(w for w in earlier - latest if any(c.isalnum() for c in w))
    if lost:
        yield Problem("earlier-revision", "error", None,
                      f"an earlier revision kept in the file holds {len(set(lost))} word(s) the current version no longer shows",
                      mask(" ".join(sorted(set(lost))[:6])))  # fmt: skip
    else:
        yield Problem(
            "earlier-revision",
            "info",
            None,
            f"the file was saved {len(ends)} times (incremental updates); no removed text found in earlier revisions",
        )


def _words(data: bytes, source: Source) -> set[str]:
    try:
        doc = open_document(Source(source.path, data, source.sha256, source.password))
    except Exception:
        return set()
    with doc:
        return {w[4].lower() for page in doc for w in page.get_text("words", flags=TEXT_FLAGS, clip=EVERYWHERE)}


# --- sensitive text -------------------------------------------------------------------------


def sensitive_text(doc: pymupdf.Document, policy: Policy, terms: list[str]) -> Iterator[Problem]:
    """What the policy and the terms would redact, still in the document."""
    document = read_document(doc)
    dark: dict[int, list[pymupdf.Rect]] = {}
    for finding in detect(document, policy, terms):
        words = document.words_between(finding.cuts[0][0], finding.cuts[0][1])
        if words and all(_on_a_box(word.page, word.rect, doc, dark) for word, _, _ in words):
            continue  # the labels printed on redaction boxes ("CYBER", "FRCP 5.2"), read together
        if _runs_over_a_box(_with_previous_word(document, finding.start, finding.end), doc, dark):
            continue  # "on VLAN [box]" read on into the next line's "5.": the value is gone
        page = words[0][0].page + 1 if words else None
        removed = " ".join(document.text[lo:hi] for lo, hi in finding.cuts)
        yield Problem(
            "sensitive",
            _severity(finding),
            page,
            f"{finding.category} text that the policy would redact ({finding.basis})",
            mask(removed),
        )


def sensitive_beside_pages(
    doc: pymupdf.Document, policy: Policy, terms: list[str], on_pages: Iterable[Problem] = ()
) -> Iterator[Problem]:
    """What the policy and the terms would redact in text the file carries beside its pages:
    where its links lead, bookmark titles, page labels and the names of embedded fonts (which
    `pdffonts` lists, and `redact` makes neutral). Viewers show the first three, and a
    redaction made by deleting the page's text leaves them ("mailto:" under the black box).
    A value already reported `on_pages`, on the same page, is not reported again (an address
    printed on the page is usually a link to itself)."""
    places: list[tuple[int | None, str, str]] = []
    for page in doc:
        places += [
            (page.number + 1, "a link's target", t) for xref in link_xrefs(page) for t in link_targets(doc, xref)
        ]
    places += [(number if number > 0 else None, "a bookmark title", title) for _, title, number in doc.get_toc()]
    places += [(rule["startpage"] + 1, "a page label", rule.get("prefix", "")) for rule in doc.get_page_labels()]
    fonts: set[int] = set()
    for page in doc:  # a vendor's house font: "ABCDEF+NorthgateSans-Bold" (pdffonts lists it)
        for xref, ext, _, name, *_ in page.get_fonts():
            if ext != "n/a" and xref not in fonts:
                fonts.add(xref)
                places.append((page.number + 1, "an embedded font's name", fontnames.readable(name)))
    reported = {(problem.page, problem.preview) for problem in on_pages}
    seen = set()
    for page, where, text in places:
        for finding in findings_in(text, policy, terms):
            removed = mask(" ".join(text[lo:hi] for lo, hi in finding.cuts))
            font = where == "an embedded font's name"  # a place of its own, whatever the page says
            if (page, where, removed) in seen or (page, removed) in reported and not font:
                continue
            seen.add((page, where, removed))
            message = f"{finding.category} text that the policy would redact, in {where} ({finding.basis})"
            yield Problem("sensitive", _severity(finding), page, message, removed)


def _severity(finding: Finding) -> str:
    """Rule 5.2's identifiers must go from every filing; the rest is a matter for the filer."""
    return "error" if finding.reason == "FRCP 5.2" else "warning"


def _with_previous_word(document, start: int, end: int) -> list:
    """The words of flow offsets [start, end) and the word before them (a rule's context word,
    such as "VLAN" before the number it matched)."""
    words = document.words_between(start, end)
    if words:
        index = document.index_of(words[0][0])
        if index:
            words.insert(0, (document.words[index - 1], 0, 0))
    return words


def _runs_over_a_box(words: list, doc: pymupdf.Document, dark: dict) -> bool:
    """Whether the match jumps from a word to the next line right where a dark box follows
    that word on its line: it reads across a redaction, from text before the removed value
    to unrelated text after it (an OCR layer carries no box labels to stop such a reading)."""
    for (word, _, _), (following, _, _) in zip(words, words[1:], strict=False):
        if word.line == following.line:
            continue
        x0, y0, x1, y1 = word.rect
        for box in _dark_boxes(word.page, doc, dark):
            beside = 0 <= box.x0 - x1 < 3 * (y1 - y0) and box.y0 < (y0 + y1) / 2 < box.y1
            if beside:
                return True
    return False


def _dark_boxes(page: int, doc: pymupdf.Document, dark: dict) -> list[pymupdf.Rect]:
    """The dark filled boxes of a page, drawn once per page and kept in `dark`."""
    if page not in dark:
        dark[page] = [b.rect for b in _filled_boxes(doc[page].get_drawings()) if is_dark(b.fill)]
    return dark[page]


def _on_a_box(page: int, rect: tuple[float, float, float, float], doc: pymupdf.Document, dark: dict) -> bool:
    word = pymupdf.Rect(rect)
    # A label is centred on its box; it may stand a little taller than a box drawn over a
    # word read from a picture, so its centre, not its whole box, must lie on the box.
    centre = pymupdf.Point((word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2)
    return any(box.contains(centre) and word.width <= box.width + 1 for box in _dark_boxes(page, doc, dark))


# --- filing readiness -----------------------------------------------------------------------


def filing_readiness(doc: pymupdf.Document, source: Source, size_limit_mb: float) -> Iterator[Problem]:
    """What e-filing systems (CM/ECF) reject or warn about."""
    if doc.is_encrypted or doc.metadata.get("encryption"):  # not a password given: it may not be needed
        yield Problem("filing", "error", None, "the file is encrypted or password-protected: e-filing rejects it")
    size_mb = len(source.data) / 1_048_576
    if size_mb > size_limit_mb:
        yield Problem("filing", "error", None, f"the file is {size_mb:.1f} MB, over the {size_limit_mb:g} MB limit")
    if doc.is_form_pdf:
        yield Problem("filing", "warning", None, "the file has live form fields: flatten them before filing")
    missing: set[str] = set()
    no_text: list[int] = []
    odd_size: list[int] = []
    shapes: list[int] = []
    for page in doc:
        if _draws_text_as_shapes(page):
            shapes.append(page.number + 1)
        for font in page.get_fonts():
            name = font[3].split("+", 1)[-1]
            if font[1] == "n/a" and name not in _BASE14 and font[2] != "Type3":
                missing.add(name)
        if not page.get_text("text", flags=TEXT_FLAGS).strip():
            no_text.append(page.number + 1)
        width, height = sorted((page.rect.width, page.rect.height))
        if abs(width - LETTER[0]) > 2 or abs(height - LETTER[1]) > 2:
            odd_size.append(page.number + 1)
    if missing:
        yield Problem(
            "filing", "warning", None, f"{len(missing)} font(s) are not embedded: {', '.join(sorted(missing)[:5])}"
        )
    if no_text:
        yield Problem(
            "filing",
            "warning",
            no_text[0],
            f"{len(no_text)} page(s) have no searchable text (first: page {no_text[0]}): run OCR",
        )
    if shapes:
        yield Problem("filing", "warning", shapes[0],
                      f"{len(shapes)} page(s) seem to draw text as shapes (first: page {shapes[0]}): it cannot be "
                      "searched, so check did not look in it (redact reads it with OCR)")  # fmt: skip
    if odd_size:
        yield Problem(
            "filing", "warning", odd_size[0], f"{len(odd_size)} page(s) are not letter size (first: page {odd_size[0]})"
        )
