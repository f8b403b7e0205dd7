"""Remove what a reader does not see but a machine can read.

Two moments:
- `prepare_file` and `prepare`, before detection: content on hidden
  optional-content layers and the parts of pictures no page shows are deleted
  (they are not part of what a reader sees, and MuPDF does not extract them,
  so they could never be checked); form fields are flattened into page content
  (their values then go through detection like any text; PyMuPDF #4140: field
  values survive redaction otherwise).
- `sanitize`, after redaction: document information and XMP metadata,
  comments and other annotations, links to redacted text, embedded
  files, JavaScript and actions, thumbnails, page-piece data, the structure
  tree, layer definitions, and text placed outside the visible page are
  removed; bookmark titles, page labels and layer names are cleaned.

Each step returns plain records of what it removed, for the plan.
"""

from __future__ import annotations

import io
import re
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pikepdf
import pymupdf

from redactor import jp2
from redactor.apply import remove_text_in
from redactor.cropped import encoded_picture, filters, jpeg_payload, trim_hidden_parts
from redactor.glyphnames import font_dictionaries, spell_glyph_names
from redactor.jpeg import without_metadata
from redactor.layout import TINY_TEXT, PageLayout, is_white, unrotated_rect
from redactor.lexer import lexemes, without_lexemes
from redactor.pagetree import page_tree_faults
from redactor.showing import text_shows
from redactor.tounicode import identity_maps, mend_tounicode_maps

Removed = dict[str, Any]
_OUTSIDE = 1e5


def prepare_file(data: bytes, password: str | None = None) -> tuple[bytes, list[Removed], list[Removed]]:
    """Delete what no page shows before anything is searched: content on optional-content
    layers that are off by default, and the parts of pictures that no page shows
    (`redactor.cropped`); and draw into the page the marks a reader sees on it (`_flatten_marks`).
    Returns the new bytes, records of what was done, and records of hidden picture parts that
    had to be kept."""
    with pikepdf.open(io.BytesIO(data), password=password or "") as pdf:
        removed = _page_tree(pdf)
        removed += _strip_hidden_layers(pdf)
        removed += _picture_metadata(pdf)
        removed += _other_metadata(pdf)
        trimmed, kept = trim_hidden_parts(pdf)
        removed += trimmed
        removed += _flatten_marks(pdf)
        fonts = list(font_dictionaries(pdf))
        removed += _glyph_names(pdf, fonts)
        removed += _tounicode_maps(pdf, fonts)
        if not removed:
            return data, [], kept
        output = io.BytesIO()
        pdf.save(output)
    return output.getvalue(), removed, kept


def _page_tree(pdf: pikepdf.Pdf) -> list[Removed]:
    """Set each page tree node's `/Count` to the pages its kids hold (`redactor.pagetree`), so that
    MuPDF searches and redacts every page pypdf, pdfminer and qpdf read: a root `/Count 1` over two
    pages hid the second from MuPDF, which then wrote it into the public file unread."""
    mended = page_tree_faults(pdf, mend=True)
    if not mended:
        return []
    detail = f"{len(mended)} page count(s) of the page tree set to the pages it holds, which every reader then shows"
    return [{"what": "page tree counts mended", "detail": detail}]


def _glyph_names(pdf: pikepdf.Pdf, fonts: list[pikepdf.Dictionary]) -> list[Removed]:
    """Make MuPDF read glyph names that stand for several characters as other readers do
    (`redactor.glyphnames`): "A_n_a" is "Ana" to Poppler and "A" to MuPDF."""
    spelled = spell_glyph_names(pdf, fonts)
    if not spelled:
        return []
    detail = (
        f"{spelled} font(s) given the text of glyph names that stand for several characters, as other readers read them"
    )
    return [{"what": "glyph names spelled out", "detail": detail}]


def _tounicode_maps(pdf: pikepdf.Pdf, fonts: list[pikepdf.Dictionary]) -> list[Removed]:
    """Make MuPDF read a ToUnicode map's one-byte entries and control characters as other readers
    do (`redactor.tounicode`): `<41>` is "A" to Poppler, and ignored by MuPDF; the codes of a font
    without a map or a program of its own are Unicode to Poppler, glyphs of a stand-in to MuPDF."""
    mended = mend_tounicode_maps(fonts)
    mapped = identity_maps(pdf, fonts)
    done: list[Removed] = []
    if mended:
        detail = f"entries of {mended} font text map(s) written as other readers read them (one-byte text, control characters)"
        done.append({"what": "font text maps mended", "detail": detail})
    if mapped:
        detail = f"{mapped} font(s) without a text map given the one other readers read them by (codes as Unicode)"
        done.append({"what": "font text maps added", "detail": detail})
    return done


def _picture_metadata(pdf: pikepdf.Pdf) -> list[Removed]:
    """Take out of every JPEG picture what it carries besides the picture (`redactor.jpeg`):
    EXIF with GPS, XMP, comments, and the thumbnail made before the photo was edited; and out
    of every JPEG 2000 picture its XMP, vendor and comment boxes (`redactor.jp2`)."""
    cleaned = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or obj.get("/Subtype") != "/Image":
            continue
        jpx = encoded_picture(obj, "/JPXDecode")
        if jpx is not None:
            stripped = jp2.without_metadata(jpx)
            if stripped is not None or len(filters(obj)) > 1:  # written plain, as a wrapped JPEG is
                obj.write(stripped if stripped is not None else jpx, filter=pikepdf.Name.JPXDecode)
                cleaned += stripped is not None
            continue
        payload = jpeg_payload(obj)
        if payload is None:
            continue
        clean = without_metadata(payload)
        wrapped = len(filters(obj)) > 1  # written plain, so that every reader sees the JPEG as it is
        if clean is not None or wrapped:
            parms = obj.get("/DecodeParms")
            if isinstance(parms, pikepdf.Array):
                parms = parms[-1] if len(parms) else None
            obj.write(clean if clean is not None else payload, filter=pikepdf.Name.DCTDecode, decode_parms=parms)
            cleaned += clean is not None
    if not cleaned:
        return []
    detail = f"EXIF (with any GPS position), XMP, comments and thumbnails taken out of {cleaned} JPEG or JPEG 2000 picture(s)"
    return [{"what": "picture metadata", "detail": detail}]


def _other_metadata(pdf: pikepdf.Pdf) -> list[Removed]:
    """Take away the XMP metadata hung on objects other than the document, its pages, forms and
    pictures (whose own are removed and listed when the file is sanitized): a font's, a colour
    profile's, a layer's, the page tree's. XMP may name its author or subject, and in UTF-16 no
    plain text search reads it (red-team review, 2026-11-26)."""
    cleaned = 0
    for obj in pdf.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) or "/Metadata" not in obj:
            continue
        if obj.get("/Type") in ("/Catalog", "/Page") or obj.get("/Subtype") in ("/Form", "/Image"):
            continue
        del obj["/Metadata"]
        cleaned += 1
    if not cleaned:
        return []
    return [
        {
            "what": "other objects' metadata",
            "detail": f"XMP metadata of {cleaned} font(s), colour profile(s) or other object(s) removed",
        }
    ]


# Markup a reader sees on the page as part of it: exhibit stamps, counsel's boxes, lines,
# highlights and typed notes. Opaque boxes and dark highlights too: drawn into the page, they are
# boxes over its text or pictures like any other (`redactor.marks`); deleted with the comments,
# they showed what they covered. Redaction marks are left to `redactor.marks`.
_DRAWN_MARKS = {"/Stamp", "/FreeText", "/Line", "/Ink", "/PolyLine", "/Polygon", "/Square", "/Circle",
                "/Highlight", "/Underline", "/StrikeOut", "/Squiggly", "/Caret"}  # fmt: skip
_HIDDEN_FLAGS = 2 | 32  # an annotation's /F: Hidden, NoView


def _flatten_marks(pdf: pikepdf.Pdf) -> list[Removed]:
    """Draw into their pages the appearance of the marks a reader sees (`_DRAWN_MARKS`), as
    Acrobat's flattening does: an exhibit stamp or a box drawn by counsel is part of what was
    filed, and removing it with the other annotations changed what the public version shows.
    Drawn into the page, their text is searched and redacted like any other; what no reader
    sees of them (the comment, the pop-up note, the author) goes with the annotation."""
    held: list[tuple[int, pikepdf.Dictionary, list[pikepdf.Object], list[pikepdf.Object]]] = []
    for number, page in enumerate(pdf.pages, start=1):
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array) or not len(annotations):
            continue
        drawn, others = [], []
        for annotation in annotations:
            (drawn if _is_drawn_mark(annotation) else others).append(annotation)
        held.append((number, page.obj, drawn, others))
        page.obj.Annots = pikepdf.Array(drawn)  # qpdf flattens every annotation it is shown
    if any(drawn for _, _, drawn, _ in held):
        form = pdf.Root.get("/AcroForm")  # qpdf may rewrite the form's fields; they are MuPDF's to flatten
        if form is not None:
            del pdf.Root["/AcroForm"]
        try:
            pdf.flatten_annotations("screen")
        except pikepdf.PdfError:
            pass  # what qpdf did not draw is still listed, and deleted with the others, as before
        if form is not None:
            pdf.Root.AcroForm = form
    counts: Counter[str] = Counter()
    pages = []
    for number, page_obj, drawn, others in held:
        left = list(page_obj.get("/Annots", pikepdf.Array()))  # those qpdf did not draw
        gone = {a.objgen for a in drawn} - {a.objgen for a in left}
        counts.update(str(a.Subtype)[1:] for a in drawn if a.objgen in gone)
        pages += [number] if gone else []
        # A drawn mark's pop-up note would stay behind it, belonging to nothing.
        others = [a for a in others if not (a.get("/Subtype") == "/Popup" and _objgen(a.get("/Parent")) in gone)]
        page_obj.Annots = pikepdf.Array([*left, *others])
    if not counts:
        return []
    detail = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
    return [{"what": "annotations drawn into the page", "detail": f"{detail}: what they show stays, their notes go",
             "pages": pages}]  # fmt: skip


def _objgen(value: pikepdf.Object | None) -> tuple[int, int] | None:
    return value.objgen if isinstance(value, pikepdf.Object) and value.is_indirect else None


def _is_drawn_mark(annotation: pikepdf.Object) -> bool:
    if not isinstance(annotation, pikepdf.Dictionary) or str(annotation.get("/Subtype", "")) not in _DRAWN_MARKS:
        return False
    return not int(annotation.get("/F", 0)) & _HIDDEN_FLAGS and isinstance(annotation.get("/AP"), pikepdf.Dictionary)


def _strip_hidden_layers(pdf: pikepdf.Pdf) -> list[Removed]:
    properties = pdf.Root.get("/OCProperties")
    if properties is None:
        return []
    hidden = hidden_groups(properties)
    if not hidden:
        return []
    names = sorted({str(group.get("/Name", "unnamed")) for group in hidden.values()})
    pages_touched = [number for number, page in enumerate(pdf.pages, start=1) if _strip_page(pdf, page, hidden)]
    return [
        {"what": "hidden layers", "detail": f"content of {len(names)} hidden layer(s) deleted", "pages": pages_touched}
    ]


def hidden_groups(properties: pikepdf.Dictionary) -> dict[tuple[int, int], pikepdf.Object]:
    """The groups a viewer hides when the file opens: off in the default configuration, or
    turned off for viewing by its usage settings (/AS with the View event, as MuPDF applies it)."""
    default = properties.get("/D", pikepdf.Dictionary())
    off = {g.objgen for g in default.get("/OFF", pikepdf.Array())}
    base_off = str(default.get("/BaseState", "/ON")) == "/OFF"
    on = {g.objgen for g in default.get("/ON", pikepdf.Array())}
    groups = {g.objgen: g for g in properties.get("/OCGs", pikepdf.Array()) if isinstance(g, pikepdf.Dictionary)}
    hidden = {key for key in groups if key in off or (base_off and key not in on)}
    for usage in default.get("/AS", pikepdf.Array()):
        if str(usage.get("/Event", "")) != "/View" or "/View" not in [str(c) for c in usage.get("/Category", ())]:
            continue
        for group in usage.get("/OCGs", pikepdf.Array()):
            state = str(group.get("/Usage", {}).get("/View", {}).get("/ViewState", ""))
            if state == "/OFF":
                hidden.add(group.objgen)
            elif state == "/ON":
                hidden.discard(group.objgen)
    return {key: groups[key] for key in hidden if key in groups}


def _is_hidden(oc: pikepdf.Object, hidden: dict[tuple[int, int], pikepdf.Object]) -> bool:
    """Whether an optional-content group or membership dictionary is off by default."""
    if oc.get("/Type") == "/OCMD":
        members = oc.get("/OCGs")
        if members is None:
            return False
        if isinstance(members, pikepdf.Dictionary):
            members = [members]
        states = [m.objgen in hidden for m in members]
        policy = str(oc.get("/P", "/AnyOn"))
        if policy == "/AllOn":
            return any(states)
        if policy == "/AnyOff":
            return not any(states)
        if policy == "/AllOff":
            return not all(states)
        return all(states)
    return oc.objgen in hidden


def _strip_page(pdf: pikepdf.Pdf, page: pikepdf.Page, hidden: dict[tuple[int, int], pikepdf.Object]) -> bool:
    """Strip the page's own content, then everything it draws from: forms within forms, tiling
    patterns and annotation appearances, to any depth (a layer hidden two forms down is shown
    to everyone once the layer definitions are removed)."""
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    changed = _strip_stream(pdf, page.obj, resources, hidden, is_page=True)
    seen: set[tuple[int, int]] = set()
    changed |= _strip_drawn(pdf, resources, hidden, seen)
    kept_annotations = []
    annotations = page.obj.get("/Annots", pikepdf.Array())
    for annotation in annotations:
        if "/OC" in annotation and _is_hidden(annotation.OC, hidden):
            changed = True
            continue
        kept_annotations.append(annotation)
        for appearance in _appearance_streams(annotation):
            changed |= _strip_form(pdf, appearance, resources, hidden, seen)
    if len(kept_annotations) != len(annotations):
        page.obj.Annots = pikepdf.Array(kept_annotations)
    return changed


def _strip_drawn(pdf: pikepdf.Pdf, resources: pikepdf.Object, hidden: dict, seen: set[tuple[int, int]]) -> bool:
    """Strip the forms and tiling patterns listed in `resources`, and what they draw from. Forms
    and pictures that are themselves on a hidden layer are taken out of `resources`: no page
    draws them, and a picture left there could still be extracted."""
    changed = False
    xobjects = resources.get("/XObject", pikepdf.Dictionary())
    for name, xobject in list(xobjects.items()):
        if "/OC" in xobject and _is_hidden(xobject.OC, hidden):
            del xobjects[name]
            changed = True
    drawn = [*xobjects.values()]
    drawn += [p for p in resources.get("/Pattern", pikepdf.Dictionary()).values() if p.get("/PatternType") == 1]
    for stream in drawn:
        if isinstance(stream, pikepdf.Stream) and (stream.get("/Subtype") == "/Form" or "/PatternType" in stream):
            changed |= _strip_form(pdf, stream, resources, hidden, seen)
    return changed


def _strip_form(
    pdf: pikepdf.Pdf, stream: pikepdf.Stream, inherited: pikepdf.Object, hidden: dict, seen: set[tuple[int, int]]
) -> bool:
    if stream.objgen in seen:
        return False
    seen.add(stream.objgen)
    resources = stream.get("/Resources", inherited)
    return _strip_stream(pdf, stream, resources, hidden, is_page=False) | _strip_drawn(pdf, resources, hidden, seen)


def _appearance_streams(annotation: pikepdf.Object) -> list[pikepdf.Stream]:
    """An annotation's appearance streams: normal, rollover and down, each alone or per state."""
    streams = []
    for appearance in annotation.get("/AP", pikepdf.Dictionary()).values():
        if isinstance(appearance, pikepdf.Stream):
            streams.append(appearance)
        elif isinstance(appearance, pikepdf.Dictionary):
            streams += [s for s in appearance.values() if isinstance(s, pikepdf.Stream)]
    return streams


def _strip_stream(
    pdf: pikepdf.Pdf, holder: pikepdf.Object, resources: pikepdf.Object, hidden: dict, is_page: bool
) -> bool:
    properties = resources.get("/Properties", pikepdf.Dictionary())
    xobjects = resources.get("/XObject", pikepdf.Dictionary())
    instructions = pikepdf.parse_content_stream(holder)
    kept = []
    depth_hidden: list[bool] = []
    changed = False
    for operands, operator in instructions:
        op = str(operator)
        inside_hidden = bool(depth_hidden) and depth_hidden[-1]
        if op in ("BMC", "BDC"):
            hide = inside_hidden
            if op == "BDC" and len(operands) == 2 and operands[0] == "/OC":
                oc = operands[1] if isinstance(operands[1], pikepdf.Dictionary) else properties.get(operands[1])
                hide = hide or (oc is not None and _is_hidden(oc, hidden))
            depth_hidden.append(hide)
            if hide:
                changed = True
                continue
        elif op == "EMC":
            was_hidden = depth_hidden.pop() if depth_hidden else False
            if was_hidden:
                continue
        elif inside_hidden:
            continue
        elif op == "Do" and operands:
            target = xobjects.get(operands[0])
            if target is not None and "/OC" in target and _is_hidden(target.OC, hidden):
                changed = True
                continue
        kept.append((operands, operator))
    if changed:
        data = pikepdf.unparse_content_stream(kept)
        if is_page:
            holder.Contents = pdf.make_stream(data)
        else:
            holder.write(data)
    return changed


def prepare(doc: pymupdf.Document) -> list[Removed]:
    """Flatten form fields into page content so their values are detected and redacted as text."""
    fields = sum(1 for page in doc for _ in page.widgets())
    if not fields:
        return []
    doc.bake(annots=False, widgets=True)
    return [{"what": "form fields", "detail": f"{fields} form field(s) flattened into page content"}]


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
    for page in doc:
        layout = layouts[page.number]
        if layout.image_share > SCANNED_SHARE:
            continue
        if _remove_unseen_glyphs(doc, page, layout.white_text, layout.invisible_text, layout.tiny_text):
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
        "text that is not painted, white text off dark boxes, and text too small to read"
        f" (under {TINY_TEXT:g} pt), removed from pages that are not scans"
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


def sanitize(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """Remove hidden content from a redacted document. `clean_text` takes out of a bookmark
    title, link target, page label or layer name what must not be public."""
    removed: list[Removed] = []
    removed += _metadata(doc)
    removed += _links(doc, clean_text)
    removed += _named_destinations(doc, clean_text)  # after _links: see its docstring
    removed += _annotations(doc)
    removed += _page_labels(doc, clean_text)
    removed += _embedded_files(doc)
    removed += _object_entries(doc, clean_text)  # before the layer definitions go: see its docstring
    removed += _catalog_entries(doc)
    removed += _page_entries(doc)
    removed += _unused_resources(doc)
    removed += _bookmarks(doc, clean_text)
    return removed


# Marked-content properties that carry text of their own: what a span stands for (a tagged PDF's
# /ActualText, MuPDF's and Acrobat's copy text), its alternate description and its expansion.
_MARKED_TEXT_KEYS = ("/ActualText", "/Alt", "/E")
_MARKED_TEXT = re.compile(rb"/(?:ActualText|Alt|E)\s*[(<]")
_NAMED_PROPERTIES = re.compile(rb"/[^\s/<>\[\]()%{}]+\s+(?:BDC|DP)\b")


def comments(content: bytes) -> Iterator[bytes]:
    """The comments of a content stream ("% template field = ..."), which no reader shows and
    PDF producers leave behind."""
    if b"%" in content:
        for kind, start, end in lexemes(content):
            if kind == "comment":
                yield content[start:end]


def remove_marked_content_text(doc: pymupdf.Document, pages: Iterable[int]) -> list[Removed]:
    """Drop the text that marked content carries in its property lists, on the 0-based `pages`.
    Run on every page before anything is searched: an /ActualText stands in for its glyphs when
    text is extracted, so "/Span <</ActualText (the vendor)>> BDC" hid the name it draws from
    every search, and an /Alt is read by no search at all (no reader sees either; the structure
    tree that gave them meaning is removed anyway). Comments go too: qpdf writes the stream
    anew without them. Run again on redacted pages: MuPDF's
    redaction removes the glyphs of a tagged span but keeps its properties. Both kinds of
    property list are cleaned: written inline in the content stream, and named in the page's
    resources ("/Span /MC3 BDC")."""
    cleaned = []
    for number in sorted(pages):
        changed = named = False
        for xref, data in _content_streams(doc, doc[number]):
            if data and (_MARKED_TEXT.search(data) or any(comments(data))):
                doc.update_stream(xref, _without_marked_text(data))  # written anew: comments go too
                changed = True
            named = named or bool(data and _NAMED_PROPERTIES.search(data))
        if named and _clean_named_properties(doc, doc[number]):
            changed = True
        if changed:
            cleaned.append(number + 1)
    if not cleaned:
        return []
    detail = (
        "text carried by tagged spans (/ActualText, /Alt, /E) and comments in page content removed: no reader sees it"
    )
    return [{"what": "marked-content text", "detail": detail, "pages": cleaned}]


def drop_lost_contents(doc: pymupdf.Document) -> None:
    """Take out of each page's /Contents the streams a damaged file lost (it was rebuilt on
    opening, and the page still names them): a new object made later (a page written anew, a
    redaction's stream) may take the lost one's number, and the page would then show another
    page's content (a truncated sample did: verification refused it)."""
    for page in doc:
        xrefs = page.get_contents()
        kept = [x for x in xrefs if 0 < x < doc.xref_length() and doc.xref_is_stream(x)]
        if len(kept) != len(xrefs):
            listing = "[" + " ".join(f"{x} 0 R" for x in kept) + "]"
            doc.xref_set_key(page.xref, "Contents", listing if kept else "null")


# What MuPDF says when it stopped reading a page's content before its end: a syntax error in a
# stream that a filter could not read to its end (cut inside a string, whose start is left in
# the file, never searched). Not a stream that only ends early ("premature end of data in flate
# filter" alone): nothing follows what was read, and a corpus filing writes every page that
# way. Not a syntax error alone either: MuPDF skips the bad token and reads on.
_SYNTAX_ERROR = re.compile(r"syntax error", re.I)
_STREAM_DAMAGED = re.compile(r"premature end|unexpected end|read error|zlib error|corrupt", re.I)


def content_unread(warnings: str) -> bool:
    """Whether MuPDF's warnings while a page was read say that it stopped before the end."""
    return bool(_SYNTAX_ERROR.search(warnings) and _STREAM_DAMAGED.search(warnings)) or "stack overflow" in warnings


def content_skipped(warnings: str) -> bool:
    """Whether MuPDF skipped something while it read a page (a stray "]", an unknown word, an
    unclosed string at the end) or stopped at a stream it could not decode to its end (a bad
    byte in ASCIIHex): the page is written anew as it read it, so that the skipped bytes, which
    nothing searched, do not stay in the file, and so that saving, which cannot decode such a
    stream either, does not write it empty (the page came out blank: red-team review, 2026-11-27)."""
    return bool(_SYNTAX_ERROR.search(warnings)) or "treating as end of file" in warnings


def rewrite_unread_content(
    doc: pymupdf.Document, pages: Iterable[int], quietly: Iterable[int] = ()
) -> tuple[list[Removed], list[str]]:
    """Write the content of the 0-based `pages` and `quietly` anew as MuPDF read it, forms
    included. Where MuPDF stopped reading a page (a stray "endstream", a stream cut short, a
    syntax error, a picture whose end it saw elsewhere: `redactor.readings`), other viewers may
    go on: Poppler showed an SSN after a stray "endstream" that nothing had searched, and the
    bytes after a break stayed in the file for anyone to inflate (fuzzing review, 2026-11-26).
    What MuPDF did not read is dropped, and the user told of `pages`."""
    done = sorted(set(pages))
    for number in sorted(set(quietly) | set(done)):
        doc[number].clean_contents()
    if not done:
        return [], []
    listed = ", ".join(str(n + 1) for n in done)
    removed = [
        {
            "what": "unreadable page content",
            "detail": "the part of a page's content MuPDF could not read (damaged, after a stray end-of-stream marker, or past a picture whose end other viewers see elsewhere) dropped",
            "pages": [n + 1 for n in done],
        }
    ]
    warning = (
        f"page(s) {listed}: the content could not be read to its end, or other viewers may read it otherwise (damaged, "
        "a stray end-of-stream marker, or a picture whose end is unclear); "
        "what could not be read was left out of the public version, and other viewers may show more of the "
        "original page: compare it with the original"
    )
    return removed, [warning]


def _clean_named_properties(doc: pymupdf.Document, page: pymupdf.Page) -> bool:
    """Take the text keys out of the property lists the page's resources name; True if any."""
    owner = _dictionary_at(doc, page.xref, "Resources/Properties")
    if owner is None:
        return False
    xref, path = owner
    changed = False
    for name in set(_ENTRY_NAME.findall(_dictionary_text(doc, xref, path))):
        entry = _dictionary_at(doc, xref, path + name)
        if entry is None:
            continue
        for key in _MARKED_TEXT_KEYS:
            if doc.xref_get_key(entry[0], entry[1] + key[1:])[0] != "null":
                doc.xref_set_key(entry[0], entry[1] + key[1:], "null")
                changed = True
    return changed


# A key of a dictionary whose value is a dictionary or a reference (nested keys match too, and
# come to nothing when looked up at the top level).
_ENTRY_NAME = re.compile(r"/([^\s/<>\[\]()%{}]+)\s*(?:<<|\d+\s+0\s+R)")


def _dictionary_at(doc: pymupdf.Document, xref: int, path: str) -> tuple[int, str] | None:
    """Where the dictionary at key `path` ("Resources/Properties") of object `xref` lives: an
    object and the key path inside it ("" for the object itself, else ending in "/"), following
    indirect references, which PyMuPDF's `xref_set_key` cannot take a path through. None if
    there is no such dictionary."""
    inside = ""
    for key in path.split("/"):
        kind, value = doc.xref_get_key(xref, inside + key)
        if kind == "xref":
            xref, inside = int(value.split()[0]), ""
        elif kind == "dict":
            inside += key + "/"
        else:
            return None
    if not inside and not doc.xref_is_stream(xref) and not doc.xref_object(xref).lstrip().startswith("<<"):
        return None
    return xref, inside


def _dictionary_text(doc: pymupdf.Document, xref: int, inside: str) -> str:
    """The PDF source of the dictionary `_dictionary_at` located."""
    return doc.xref_get_key(xref, inside.rstrip("/"))[1] if inside else doc.xref_object(xref)


def _without_marked_text(data: bytes) -> bytes:
    """A content stream with the text keys taken out of its inline marked-content properties,
    parsed and written back by qpdf."""
    with pikepdf.new() as scratch:
        instructions = []
        for instruction in pikepdf.parse_content_stream(scratch.make_stream(data)):
            if isinstance(instruction, pikepdf.ContentStreamInstruction) and str(instruction.operator) in ("BDC", "DP"):
                operands = list(instruction.operands)
                for operand in operands:
                    if isinstance(operand, pikepdf.Dictionary):
                        for key in _MARKED_TEXT_KEYS:
                            if key in operand:
                                del operand[key]
                instruction = pikepdf.ContentStreamInstruction(operands, instruction.operator)
            instructions.append(instruction)
        return pikepdf.unparse_content_stream(instructions)


def _unused_resources(doc: pymupdf.Document) -> list[Removed]:
    """Take out of each resource dictionary the forms, pictures, patterns, soft masks and Type 3
    fonts that nothing using it draws with. MuPDF's redaction gives a redacted page resources
    of its own, holding cleaned copies of what it draws, and leaves a dictionary it shared with
    other pages (or that they inherit from the page tree) as it was; a producer may also list
    there what only another page uses. Either way the original form or picture, with the
    removed text or pixels in it, stayed reachable from a page that never shows it; and a form
    reached only through an unused tiling pattern, soft mask or Type 3 font could hold text no
    search reads (glyph codes of an embedded font that no page draws). A dictionary of each kind
    ("/XObject", "/Font") is judged by everything that uses it: pages and forms, whose /Resources
    may share it; one also used by a pattern or a Type 3 font, whose drawing is not read here,
    is left as it is."""
    pages_of: dict[Location, list[int]] = {}  # a /Resources dictionary: the pages using it
    forms_of: dict[Location, list[int]] = {}  # and the forms
    for number in range(doc.page_count):
        owner = _resources_of_page(doc, doc.page_xref(number))
        if owner is not None:
            pages_of.setdefault(owner, []).append(number)
    opaque: set[Location] = set()  # resources of patterns and Type 3 fonts
    for xref in _readable_objects(doc):
        if doc.xref_get_key(xref, "Resources")[0] == "null":
            continue  # most objects: one look each
        subtype = _name_at(doc, xref, "Subtype")
        if subtype != "/Form" and subtype != "/Type3" and not doc.xref_is_stream(xref):
            continue  # a page (counted above)
        owner = _dictionary_at(doc, xref, "Resources")
        if owner is None:
            continue
        if subtype == "/Form":
            forms_of.setdefault(owner, []).append(xref)
        else:
            opaque.add(owner)
    users: dict[tuple[str, Location], set[Location]] = {}  # (kind, its dictionary): the /Resources using it
    untouchable: set[tuple[str, Location]] = set()
    for resources in {**pages_of, **forms_of, **dict.fromkeys(opaque)}:
        for kind, found in _kind_dictionaries(doc, resources).items():
            users.setdefault((kind, found), set()).add(resources)
            if resources in opaque:
                untouchable.add((kind, found))
    type3: dict[int, bool] = {}
    contents_of: dict[Location, list[bytes]] = {}
    pruned: dict[str, int] = {}
    pruned_pages: set[int] = set()
    for (kind, found), using in users.items():
        if (kind, found) in untouchable:
            continue
        entries = _entries(doc, kind, found, type3)
        if not entries:
            continue  # the usual case: plain fonts, no pictures
        used: set[str] = set()
        for resources in using:
            if resources not in contents_of:
                contents_of[resources] = _contents_using(doc, resources, pages_of, forms_of, type3)
            used |= {
                _plain_name(raw.decode("latin-1"))
                for data in contents_of[resources]
                for raw in _USE[kind].findall(without_lexemes(data, containers=True))
            }
        for plain, (name, _) in entries.items():
            if plain not in used:
                doc.xref_set_key(found[0], found[1] + name, "null")
                pruned[kind] = pruned.get(kind, 0) + 1
                pruned_pages.update(n for resources in using for n in pages_of.get(resources, []))
    if not pruned:
        return []
    detail = ", ".join(f"{count} {_KIND_WORDS[kind]}" for kind, count in sorted(pruned.items()))
    detail += " listed in resources but used by no page or form there were dropped"
    return [{"what": "unused resources", "detail": detail, "pages": sorted(n + 1 for n in pruned_pages)}]


Location = tuple[int, str]  # a dictionary: the object holding it, and the key path inside ("" or ending in "/")

# How a content stream uses each kind of named resource that can draw: the operator after the name.
_USES = {"XObject": rb"Do", "Pattern": rb"(?:scn|SCN)", "ExtGState": rb"gs", "Font": rb"[-+.\d]+\s+Tf"}
_USE = {kind: re.compile(rb"/([^\s/<>\[\]()%{}]+)\s+" + operator + rb"\b") for kind, operator in _USES.items()}
_RESOURCE_KINDS = re.compile(r"/(XObject|Pattern|ExtGState|Font)\b")
_KIND_WORDS = {
    "XObject": "form(s) or picture(s)",
    "Pattern": "pattern(s)",
    "ExtGState": "soft mask(s)",
    "Font": "Type 3 font(s)",
}


def _kind_dictionaries(doc: pymupdf.Document, resources: Location) -> dict[str, Location]:
    """Where each kind's dictionary of the /Resources dictionary at `resources` lives."""
    found = {}
    for kind in set(_RESOURCE_KINDS.findall(_dictionary_text(doc, *resources))):
        location = _dictionary_at(doc, resources[0], resources[1] + kind)
        if location is not None:
            found[kind] = location
    return found


def _entries(doc: pymupdf.Document, kind: str, found: Location, type3: dict[int, bool]) -> dict[str, tuple[str, int]]:
    """The entries of a kind's dictionary that draw something able to hold text or pixels:
    plain name -> (name as written, object, 0 when written inline)."""
    entries: dict[str, tuple[str, int]] = {}
    for name in set(_ENTRY_NAME.findall(_dictionary_text(doc, *found))):
        kind_of, value = doc.xref_get_key(found[0], found[1] + name)
        if kind_of == "null":
            continue  # a key of a dictionary inside an entry
        entry = int(value.split()[0]) if kind_of == "xref" else 0
        if _can_hide(doc, kind, found, name, entry, type3):
            entries[_plain_name(name)] = (name, entry)
    return entries


def _contents_using(
    doc: pymupdf.Document,
    resources: Location,
    pages_of: dict[Location, list[int]],
    forms_of: dict[Location, list[int]],
    type3: dict[int, bool],
) -> list[bytes]:
    """The content streams drawing with the /Resources dictionary at `resources`: its pages',
    its forms', and those of the forms they draw that have no resources of their own."""
    contents = [_page_content(doc, doc[n]) for n in pages_of.get(resources, [])]
    contents += [doc.xref_stream(form) or b"" for form in forms_of.get(resources, [])]
    xobjects = _kind_dictionaries(doc, resources).get("XObject")
    return _with_inheriting_forms(doc, contents, _entries(doc, "XObject", xobjects, type3) if xobjects else {})


def _can_hide(doc: pymupdf.Document, kind: str, found: Location, name: str, entry: int, type3: dict[int, bool]) -> bool:
    """Whether a resource entry draws something that could hold text or pixels: a form or a
    picture, a pattern, a graphics state with a soft mask, a Type 3 font (whose glyphs are
    drawings). Plain fonts and graphics states are left: pruning them would cost a look at every
    page for nothing hidden."""
    if kind == "XObject":
        return _name_at(doc, entry, "Subtype") in ("/Form", "/Image")
    if kind == "ExtGState":
        where, key = (entry, "SMask") if entry else (found[0], f"{found[1]}{name}/SMask")
        return doc.xref_get_key(where, key)[0] in ("dict", "xref")
    if kind == "Font":  # many pages list the same few fonts: each is looked at once
        if entry > 0 and entry not in type3:
            type3[entry] = _name_at(doc, entry, "Subtype") == "/Type3"
        return type3.get(entry, False)
    return True


def _with_inheriting_forms(
    doc: pymupdf.Document, contents: list[bytes], xobjects: dict[str, tuple[str, int]]
) -> list[bytes]:
    """`contents` and the forms they draw, and those forms draw in turn, that have no resources
    of their own (they then use the same dictionary)."""
    contents = list(contents)
    seen: set[str] = set()
    todo = list(contents)
    while todo:
        for raw in _USE["XObject"].findall(without_lexemes(todo.pop(), containers=True)):
            name = _plain_name(raw.decode("latin-1"))
            if name in seen:
                continue
            seen.add(name)
            xref = xobjects.get(name, (None, 0))[1]
            if xref and doc.xref_is_stream(xref) and doc.xref_get_key(xref, "Resources")[0] == "null":
                data = doc.xref_stream(xref) or b""
                contents.append(data)
                todo.append(data)
    return contents


def _page_content(doc: pymupdf.Document, page: pymupdf.Page) -> bytes:
    """The page's content streams, joined."""
    return b"\n".join(data for _, data in _content_streams(doc, page))


def _content_streams(doc: pymupdf.Document, page: pymupdf.Page) -> Iterator[tuple[int, bytes]]:
    """Each content stream of the page and its data; a stream a damaged file lost (it was
    rebuilt on opening, and still names it) is passed over."""
    for xref in page.get_contents():
        if 0 < xref < doc.xref_length() and doc.xref_is_stream(xref):
            yield xref, doc.xref_stream(xref) or b""


def _resources_of_page(doc: pymupdf.Document, xref: int) -> tuple[int, str] | None:
    """Where a page's /Resources dictionary lives: its own, or one it inherits from the page tree."""
    for _ in range(64):  # a page tree is not that deep; a loop in a damaged one is cut short
        if doc.xref_get_key(xref, "Resources")[0] != "null":
            return _dictionary_at(doc, xref, "Resources")
        kind, parent = doc.xref_get_key(xref, "Parent")
        if kind != "xref":
            return None
        xref = int(parent.split()[0])
    return None


def _plain_name(name: str) -> str:
    """A PDF name without its #-escapes, as the content stream and the dictionary may differ."""
    return re.sub(r"#([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), name)


def _metadata(doc: pymupdf.Document) -> list[Removed]:
    removed = []
    present = sorted(k for k, v in (doc.metadata or {}).items() if v and k not in ("format", "encryption"))
    if present:
        removed.append({"what": "document information", "detail": "removed: " + ", ".join(present)})
    doc.set_metadata({})
    if doc.xref_get_key(-1, "Info")[0] != "null":
        doc.xref_set_key(-1, "Info", "null")  # set_metadata leaves the producer and dates behind
    catalog = doc.pdf_catalog()
    if doc.xref_get_key(catalog, "Metadata")[0] != "null":
        removed.append({"what": "XMP metadata", "detail": "XMP metadata stream removed"})
        doc.del_xml_metadata()
    return removed


def _annotations(doc: pymupdf.Document) -> list[Removed]:
    """Remove every annotation but plain links (comments, highlights, stamps, attachments, sounds...)."""
    counts: dict[str, int] = {}
    pages = []
    for page in doc:
        doomed = [a for a in page.annots()]
        for annot in doomed:
            counts[annot.type[1]] = counts.get(annot.type[1], 0) + 1
            page.delete_annot(annot)
        for link in page.get_links():
            if link.get("kind") not in (pymupdf.LINK_URI, pymupdf.LINK_GOTO, pymupdf.LINK_NAMED):
                page.delete_link(link)
                counts["Link (action)"] = counts.get("Link (action)", 0) + 1
        # Every link left, including those that go nowhere (which get_links does not list).
        for xref in link_xrefs(page):
            if _strip_link(doc, xref):
                counts["Link text or appearance"] = counts.get("Link text or appearance", 0) + 1
        if doomed:
            pages.append(page.number + 1)
    if not counts:
        return []
    detail = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
    return [{"what": "annotations", "detail": f"removed {detail}", "pages": pages}]


def link_xrefs(page: pymupdf.Page) -> list[int]:
    """Every link of the page, including those that go nowhere (which get_links does not list)."""
    return [xref for xref, kind, *_ in page.annot_xrefs() if kind == pymupdf.PDF_ANNOT_LINK]


def _links(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """Delete the links whose target holds what must not be public. Word makes a link of every
    e-mail and web address typed: MuPDF's redaction deletes the links over a redaction, but the
    same "mailto:" link is often also on a signature block or a "write to her" elsewhere."""
    pages = []
    for page in doc:
        doomed = [xref for xref in link_xrefs(page) if any(clean_text(t) != t for t in link_targets(doc, xref))]
        for xref in doomed:
            page.delete_link({"xref": xref})
        pages += [page.number + 1] * len(doomed)
    if not pages:
        return []
    detail = f"{len(pages)} link(s) leading to redacted text removed"
    return [{"what": "links", "detail": detail, "pages": sorted(set(pages))}]


def link_targets(doc: pymupdf.Document, xref: int) -> list[str]:
    """The text of where a link goes: a URI (read %-unescaped) or a named destination."""
    targets = []
    for path in ("A/URI", "A/D", "Dest"):
        kind, value = doc.xref_get_key(xref, path)
        if kind == "string":
            targets.append(urllib.parse.unquote(value) if path == "A/URI" else value)
        elif kind == "name":
            targets.append(_plain_name(value.lstrip("/")))
    return targets


def _named_destinations(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """If any named destination (a place in the file a link can jump to by name, such as a Word
    bookmark "Halvorsen_contract") has a name to clean, remove them all and point the links
    that used one at their page, shown whole. Names are keys of a sorted tree: removing every
    one is simpler and safer than renaming some. Links whose name itself was sensitive are
    already gone (`_links`)."""
    names = doc.resolve_names()
    if all(clean_text(name) == name for name in names):
        return []
    for page in doc:
        for link in page.get_links():
            if link.get("nameddest") is None:
                continue
            target = names.get(link["nameddest"], {})
            if target.get("page", -1) < 0:
                page.delete_link(link)
                continue
            # Written into the link itself: PyMuPDF's update_link misplaces a link on a turned
            # page, and its resolve_names cannot tell "the whole page" from "its bottom corner".
            doc.xref_set_key(link["xref"], "Dest", "null")
            doc.xref_set_key(link["xref"], "A", f"<</S/GoTo/D[{doc.page_xref(target['page'])} 0 R/Fit]>>")
    catalog = doc.pdf_catalog()
    for key in ("Names/Dests", "Dests"):
        if doc.xref_get_key(catalog, key)[0] != "null":
            doc.xref_set_key(catalog, key, "null")
    detail = f"{len(names)} named destination(s) removed, some named with sensitive text; links now point at pages"
    return [{"what": "named destinations", "detail": detail}]


def _page_labels(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """Clean the prefixes of page labels ("Halvorsen-1"), which viewers show beside page numbers."""
    labels = doc.get_page_labels()
    cleaned = [{**rule, "prefix": clean_text(rule.get("prefix", ""))} for rule in labels]
    if cleaned == labels:
        return []
    doc.set_page_labels(cleaned)
    changed = sum(a != b for a, b in zip(labels, cleaned, strict=True))
    return [{"what": "page labels", "detail": f"{changed} page-label prefix(es) cleaned of sensitive text"}]


# What a kept link may keep: where it is, how its border looks, and where it goes. Anything else
# (a drawn appearance, which some viewers show and detection never sees, a tooltip, a name, an
# associated file) is removed; so is anything in its action but the target itself (a /Next
# action chained after it may run JavaScript).
_LINK_KEYS = {"Type", "Subtype", "Rect", "Border", "BS", "C", "F", "H", "QuadPoints", "P", "A", "Dest", "StructParent"}
_ACTION_KEYS = {"Type", "S", "URI", "D", "N", "IsMap"}


def _strip_link(doc: pymupdf.Document, xref: int) -> bool:
    """Keep only where a link is and where it goes; True if anything else was removed."""
    stripped = _keep_only(doc, xref, _LINK_KEYS)
    action = _as_object(doc, xref, "A")
    return (action is not None and _keep_only(doc, action, _ACTION_KEYS)) or stripped


def _keep_only(doc: pymupdf.Document, xref: int, keys: set[str]) -> bool:
    extras = [key for key in doc.xref_get_keys(xref) if key not in keys]
    for key in extras:
        doc.xref_set_key(xref, key, "null")
    return bool(extras)


def _as_object(doc: pymupdf.Document, xref: int, key: str) -> int | None:
    """The object number of the dictionary under `key`, which is made an object of its own if it
    was written inside its holder (so that its keys can be listed); None if there is none."""
    kind, value = doc.xref_get_key(xref, key)
    if kind == "xref":
        return int(value.split()[0])
    if kind != "dict":
        return None
    number = doc.get_new_xref()
    doc.update_object(number, value)
    doc.xref_set_key(xref, key, f"{number} 0 R")
    return number


def _embedded_files(doc: pymupdf.Document) -> list[Removed]:
    names = doc.embfile_names()
    for name in names:
        doc.embfile_del(name)
    if not names:
        return []
    return [{"what": "embedded files", "detail": f"{len(names)} attached file(s) removed"}]


_CATALOG_KEYS = {
    "OpenAction": "document open action",
    "AA": "document actions",
    "AcroForm": "form definitions",
    "OCProperties": "layer definitions",
    "PieceInfo": "page-piece data",
    "StructTreeRoot": "structure tree (tags may repeat removed text)",
    "MarkInfo": "tagging marker",
    "SpiderInfo": "web-capture data",
    "Threads": "article threads",
    "Collection": "portfolio definition",
    "URI": "base URI",
}


def _catalog_entries(doc: pymupdf.Document) -> list[Removed]:
    removed = []
    catalog = doc.pdf_catalog()
    for key, description in _CATALOG_KEYS.items():
        if doc.xref_get_key(catalog, key)[0] != "null":
            doc.xref_set_key(catalog, key, "null")
            removed.append({"what": description, "detail": f"catalog /{key} removed"})
    names = _as_object(doc, catalog, "Names")
    for key in doc.xref_get_keys(names) if names is not None else ():
        if key != "Dests":  # scripts, attached files, template pages, named appearances, web captures
            doc.xref_set_key(names, key, "null")
            removed.append({"what": _NAME_TREES.get(key, "name tree"), "detail": f"/Names/{key} removed"})
    return removed


_NAME_TREES = {"JavaScript": "JavaScript", "EmbeddedFiles": "embedded files", "Templates": "template pages"}


_PAGE_KEYS = {
    "Thumb": "thumbnails",
    "PieceInfo": "page-piece data",
    "AA": "page actions",
    "B": "article beads",
    "Metadata": "page XMP metadata",
}


def _page_entries(doc: pymupdf.Document) -> list[Removed]:
    found: dict[str, list[int]] = {}
    for page in doc:
        for key, description in _PAGE_KEYS.items():
            if doc.xref_get_key(page.xref, key)[0] != "null":
                doc.xref_set_key(page.xref, key, "null")
                found.setdefault(description, []).append(page.number + 1)
    return [
        {"what": what, "detail": f"removed from {len(pages)} page(s)", "pages": pages} for what, pages in found.items()
    ]


def _object_entries(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """What any object of the file may carry that no reader sees, in one pass over them all:
    associated files (/AF, PDF 2.0 and PDF/A-3: the document a PDF was made from), the XMP and
    page-piece data an editor or camera hung on forms and pictures, and of every layer (listed
    in the layer definitions or only pointed to by a page) its usage notes, which name who made
    it and for whom, and its name, which is cleaned of sensitive text (a name written as an object
    of its own is read from the layer definitions, so this runs before they are removed)."""
    counts: dict[str, int] = {}
    listed_names = {xref: layer.get("name") or "" for xref, layer in doc.get_ocgs().items()}

    def count(what: str) -> None:
        counts[what] = counts.get(what, 0) + 1

    for xref in _readable_objects(doc):
        if doc.xref_get_key(xref, "AF")[0] != "null":
            doc.xref_set_key(xref, "AF", "null")
            count("associated files")
        if _name_at(doc, xref, "Subtype") in ("/Form", "/Image"):
            # /Alternates: other versions of a picture (a viewer may print one instead); /OPI: a
            # link to the original of a picture for prepress.
            found = [
                key
                for key in ("Metadata", "PieceInfo", "Alternates", "OPI")
                if doc.xref_get_key(xref, key)[0] != "null"
            ]
            for key in found:
                doc.xref_set_key(xref, key, "null")
            if found:
                count("form and picture metadata")
        elif _name_at(doc, xref, "Type") == "/OCG":
            if doc.xref_get_key(xref, "Usage")[0] != "null":
                doc.xref_set_key(xref, "Usage", "null")
                count("layer usage notes")
            kind, name = doc.xref_get_key(xref, "Name")
            name = name if kind == "string" else listed_names.get(xref, "")
            if clean_text(name) != name:
                doc.xref_set_key(xref, "Name", pymupdf.get_pdf_str(clean_text(name)))
                count("layer names")
    return [{"what": what, "detail": f"removed or cleaned in {n} object(s)"} for what, n in counts.items()]


def _readable_objects(doc: pymupdf.Document) -> Iterator[int]:
    """Every object MuPDF can read. One it cannot (a damaged dictionary: "invalid key in dict")
    is passed over here, and not written to the public file, which MuPDF writes; a fuzzed file
    ended in an internal error (fuzzing review, 2026-11-26)."""
    for xref in range(1, doc.xref_length()):
        try:
            doc.xref_get_key(xref, "Type")
        except pymupdf.mupdf.FzErrorBase:
            continue
        yield xref


def _name_at(doc: pymupdf.Document, xref: int, key: str) -> str:
    """The name under `key`, also when it is written as an object of its own (some producers
    write /Type 71 0 R)."""
    kind, value = doc.xref_get_key(xref, key)
    if kind == "xref":
        return doc.xref_object(int(value.split()[0]), compressed=True).strip()
    return value


def _bookmarks(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """Rewrite the outline with cleaned titles and plain page destinations (no actions)."""
    toc = doc.get_toc(simple=True)
    if not toc:
        if doc.xref_get_key(doc.pdf_catalog(), "Outlines")[0] != "null":
            doc.xref_set_key(doc.pdf_catalog(), "Outlines", "null")
        return []
    cleaned = 0
    new_toc = []
    for level, title, page in toc:
        clean = clean_text(title)
        cleaned += clean != title
        new_toc.append([level, clean, max(page, 1)])
    doc.set_toc(new_toc)
    detail = f"{len(toc)} bookmark(s) rewritten without actions"
    if cleaned:
        detail += f"; {cleaned} title(s) cleaned of sensitive text"
    return [{"what": "bookmarks", "detail": detail}]
