"""Remove text no reader sees: text placed outside the page, invisible text, white text, text
too small to read, and text the page does not show though every extractor reads it (clipped
away, set in render mode 7, painted nearly see-through), on pages that are not scans (a scan's
invisible text is its OCR layer, which makes it searchable, and stays). A reviewer reads the
pages to find what the rules missed: what no page shows escapes that reading.

Each step returns plain records of what it removed, for the plan.
"""

from __future__ import annotations

import re

import pikepdf
import pymupdf

from redactor.layout import (
    EVERYWHERE,
    TEXT_FLAGS,
    TINY_TEXT,
    PageLayout,
    RawWord,
    flattened_words,
    is_white,
    unrotated_rect,
)
from redactor.objects import readable_objects
from redactor.plan import Removed
from redactor.removal import remove_text_in
from redactor.showing import text_shows, unshown_words, word_band

_OUTSIDE = 1e5


def remove_offpage_text(doc: pymupdf.Document, layouts: list[PageLayout]) -> list[Removed]:
    """Remove text that lies wholly outside the visible page area: no reader can see it."""
    pages = []
    for page in doc:
        if not layouts[page.number].text_off_page:
            continue
        x0, y0, x1, y1 = unrotated_rect(page)
        regions = [
            (-_OUTSIDE, -_OUTSIDE, _OUTSIDE, y0),
            (-_OUTSIDE, y1, _OUTSIDE, _OUTSIDE),
            (-_OUTSIDE, y0, x0, y1),
            (x1, y0, _OUTSIDE, y1),
        ]
        remove_text_in(doc, page, [pymupdf.Rect(r) for r in regions])
        pages.append(page.number + 1)
    if not pages:
        return []
    return [{"what": "off-page text", "detail": "text placed outside the visible page removed", "pages": pages}]


SCANNED_SHARE = 0.5  # a page this much covered by images is a scan; its invisible text is its OCR layer


def remove_invisible_text(doc: pymupdf.Document, layouts: list[PageLayout]) -> list[Removed]:
    """Remove the text that no reader sees from pages that are not scans: unpainted glyphs
    (render mode 3, in the page or in its form XObjects), the page's text-showing operators in
    render mode 3, white glyphs off dark fills, and glyphs too small to read. A scan keeps its
    invisible OCR layer, which makes it searchable.

    Run this before applying redactions. MuPDF's content filter (behind redaction and
    clean_contents) loses a render mode 3 that a form inherits, so the form's invisible text
    would turn visible; `redactor.rendermode` pins the mode where a form is always drawn under
    it, and unpainted glyphs go first here, glyph by glyph, while MuPDF still sees them as
    unpainted (which also covers a form drawn under several modes)."""
    pages = []
    see_through = has_see_through_paint(doc)
    for page in doc:
        layout = layouts[page.number]
        if layout.image_share > SCANNED_SHARE:
            continue
        if _remove_unseen_glyphs(doc, page, layout.white_text, layout.invisible_text, layout.tiny_text):
            pages.append(page.number + 1)
        if _remove_unshown_words(doc, page, layout, see_through):
            pages.append(page.number + 1)
        if _remove_flattened_words(doc, page, layout):
            pages.append(page.number + 1)
        if layout.invisible_text:
            page.clean_contents()
            xrefs = page.get_contents()
            if len(xrefs) == 1:
                content, dropped = _without_invisible_text(doc.xref_stream(xrefs[0]))
                if dropped:
                    doc.update_stream(xrefs[0], content)
                    pages.append(page.number + 1)
    if not pages:
        return []
    detail = (
        "text that is not painted, white text off dark boxes, text too small to read"
        f" (under {TINY_TEXT:g} pt), and text clipped away or nearly see-through, removed from pages that are not scans"
    )
    return [{"what": "invisible text", "detail": detail, "pages": sorted(set(pages))}]


def _remove_unseen_glyphs(
    doc: pymupdf.Document, page: pymupdf.Page, white: bool, invisible: bool, tiny: bool = False
) -> bool:
    """Remove, glyph by glyph, white glyphs that do not show (off any dark fill, and without which
    the rendered page looks the same: white on the white page) when `white`, unpainted glyphs
    (render mode 3) when `invisible`, and glyphs too small to read when `tiny`; except where they
    share their place with visible glyphs. Whether any was removed."""
    if not white and not invisible and not tiny:
        return False  # tracing the page's glyphs is the costly part: only when there may be some
    spans = page.get_texttrace()
    unpainted = [s for s in spans if s["type"] == 3] if invisible else []
    whites = [s for s in spans if s["type"] != 3 and is_white(s["color"])] if white else []
    specks = [s for s in spans if s["type"] != 3 and s["size"] < TINY_TEXT] if tiny else []
    if not unpainted and not whites and not specks:
        return False
    unseen = [char[3] for span in unpainted + specks for char in span["chars"]]
    if whites:
        dark = [
            tuple(item[1]) if item[0] == "re" else tuple(item[1].rect)
            for d in page.get_drawings()
            if d.get("fill") and max(d["fill"][:3]) < 0.4
            for item in d["items"]
            if item[0] in ("re", "qu")
        ]  # each rectangle of a path on its own: one path often fills every box of a page
        candidates = []
        for span in whites:  # white labels on black boxes (drawn by another tool) stay
            for char in span["chars"]:
                x0, y0, x1, y1 = char[3]
                on_dark = any(d[0] <= x0 and d[1] <= y0 and x1 <= d[2] and y1 <= d[3] for d in dark)
                if x1 > x0 and y1 > y0 and not on_dark:
                    candidates.append(char[3])
        # Others show on a blue banner or a photograph, not on the white page: ask the rendering.
        bands = [tuple(_band(pymupdf.Rect(c))) for c in candidates]
        unseen += [c for c, shows in zip(candidates, text_shows(page, candidates, bands), strict=True) if not shows]
    visible = [
        c[3]
        for s in spans
        if not is_white(s["color"]) and s["type"] != 3 and s["size"] >= TINY_TEXT
        for c in s["chars"]
    ]
    rects = []
    for x0, y0, x1, y1 in unseen:
        if x1 <= x0 or y1 <= y0:
            continue
        if any(x0 < v[2] and v[0] < x1 and y0 < v[3] and v[1] < y1 for v in visible):
            continue
        rects.append(_band(pymupdf.Rect(x0, y0, x1, y1)))
    rects = [r for r in rects if not r.is_empty]
    if rects:
        remove_text_in(doc, page, rects)
    return bool(rects)


# A clipping operator (`W` or `W*`) standing as a token of a content stream.
_CLIP = re.compile(rb"(?<![^\s\]>)])W\*?(?=[\s%/\[(<])")
# A fill or stroke opacity under 1 in a graphics state: `/ca 0.02`, `/CA .5`.
_SEE_THROUGH = re.compile(r"/(?:ca|CA)\s+(?:0*\.\d*[1-9]|0+(?:\.0*)?)(?![\d.])")


def has_see_through_paint(doc: pymupdf.Document) -> bool:
    """Whether any object of `doc` sets a fill or stroke opacity under 1: a cheap gate before
    tracing pages' text for text painted nearly see-through."""
    for xref in readable_objects(doc):
        try:
            if _SEE_THROUGH.search(doc.xref_object(xref, compressed=True)):
                return True
        except pymupdf.mupdf.FzErrorBase:
            return True  # cannot be read to say it sets none
    return False


def _remove_unshown_words(doc: pymupdf.Document, page: pymupdf.Page, layout: PageLayout, see_through: bool) -> bool:
    """Remove the words every extractor reads that the page does not show: words MuPDF drops
    once clipping paths apply (clipped away: looked for where the page's content clips, or
    draws forms that may), words its trace of the page leaves out (render mode 7: glyphs that
    only clip what follows; looked for where the page's text may be unpainted, as such text has
    no colour), and words painted partly see-through (where the file sets an opacity). The
    rendered page decides (`text_shows`): a word a clip cuts only in part, or a faint watermark,
    shows and stays. A review of `check` (2026-11-27) found all three in `redact`'s public files,
    every extractor reading them. Whether any was removed."""
    clipped = _may_clip(page)
    if not clipped and not layout.white_text and not see_through:
        return False
    words = _words(page, layout)
    spans = page.get_texttrace() if layout.white_text or see_through else None
    unshown = unshown_words(page, words, spans, clipped)
    if not unshown:
        return False
    shown = [w for w in words if w not in unshown]
    rects = [
        word_band(w)
        for w in unshown
        if not any(w[0] < v[2] and v[0] < w[2] and w[1] < v[3] and v[1] < w[3] for v in shown)
    ]
    if rects:
        remove_text_in(doc, page, rects)
    return bool(rects)


def _remove_flattened_words(doc: pymupdf.Document, page: pymupdf.Page, layout: PageLayout) -> bool:
    """Remove words a matrix squashes too flat to read (`redactor.layout.flattened_words`), which
    MuPDF's trace gives their full size: `check` reports them. The page is traced only where a
    word's box is that thin. Whether any was removed."""
    words = _words(page, layout)
    # As `flattened_words` weighs them: a word of two letters or digits at least (a comma's box
    # is that thin on every page, and tracing every page cost 2 ms).
    if not any(min(w[2] - w[0], w[3] - w[1]) < 2 * TINY_TEXT and sum(c.isalnum() for c in w[4]) >= 2 for w in words):
        return False
    flat = flattened_words(words, page.get_texttrace())
    if flat:
        remove_text_in(doc, page, [word_band(w) for w in flat])
    return bool(flat)


def _may_clip(page: pymupdf.Page) -> bool:
    """Whether the page's content clips, or draws forms (whose content may)."""
    return bool(page.get_xobjects()) or _CLIP.search(page.read_contents()) is not None


def _words(page: pymupdf.Page, layout: PageLayout) -> list[RawWord]:
    """The page's words, as the layout pass read them (a word removed since is found not to show,
    and removing it again removes nothing)."""
    return list(layout.words) if layout.words is not None else page.get_text("words", flags=TEXT_FLAGS, clip=EVERYWHERE)


def _band(rect: pymupdf.Rect) -> pymupdf.Rect:
    """The middle of a glyph's box, so that removing it cannot touch a neighbour's."""
    return pymupdf.Rect(
        rect.x0 + rect.width * 0.3, rect.y0 + rect.height * 0.4, rect.x1 - rect.width * 0.3, rect.y1 - rect.height * 0.4
    )


def _without_invisible_text(content: bytes) -> tuple[bytes, int]:
    """`content` without the text it shows in render mode 3; how many operators were dropped.
    Tr is graphics state: q/Q save and restore it. ' and " also move to the next line, so they
    become T* (and " keeps its spacing operands as Tw and Tc) to leave later text in place."""
    scratch = pikepdf.new()
    instructions = pikepdf.parse_content_stream(pikepdf.Stream(scratch, content))
    kept: list = []
    mode, stack, dropped = 0, [], 0
    for operands, operator in instructions:
        name = str(operator)
        if name == "q":
            stack.append(mode)
        elif name == "Q":
            mode = stack.pop() if stack else 0
        elif name == "Tr" and operands:
            mode = int(operands[0])
        elif mode == 3 and name in ("Tj", "TJ", "'", '"'):
            dropped += 1
            if name == '"':
                kept.append(([operands[0]], pikepdf.Operator("Tw")))
                kept.append(([operands[1]], pikepdf.Operator("Tc")))
            if name in ("'", '"'):
                kept.append(([], pikepdf.Operator("T*")))
            continue
        kept.append((operands, operator))
    return (pikepdf.unparse_content_stream(kept) if dropped else content), dropped
