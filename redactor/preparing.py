"""Make the input read alike by every reader before anything is searched in it.

`prepare_file` rewrites the file with pikepdf (qpdf) before MuPDF opens it: content on hidden
optional-content layers and the parts of pictures no page shows are deleted (no reader sees
them, and MuPDF does not extract them, so they could never be checked); picture and object
metadata go; comments drawn like marks are flattened; page tree counts, glyph names and font
text maps that MuPDF reads unlike other readers are mended. `prepare` then flattens form fields
into page content with MuPDF, so their values go through detection like any text (PyMuPDF
#4140: field values survive redaction otherwise).

Each step returns plain records of what it did, for the plan.
"""

from __future__ import annotations

import io
from collections import Counter

import pikepdf
import pymupdf

from redactor import jp2
from redactor.cropped import encoded_picture, filters, jpeg_payload, trim_hidden_parts
from redactor.errors import DamagedPdf, EncryptedPdf
from redactor.glyphnames import SIMPLE_FONTS, font_dictionaries, map_with_readings, spell_glyph_names, unspelled_glyphs
from redactor.jpeg import without_metadata
from redactor.mask import ANNOTATION_TYPES, standard_name
from redactor.misread import misreadings, pages_drawing
from redactor.pagetree import page_tree_faults
from redactor.plan import Removed
from redactor.tounicode import (
    as_mupdf_reads,
    identity_maps,
    mend_tounicode_maps,
    mended_destinations,
    read_as_unicode,
)


def prepare_file(
    data: bytes, password: str | None = None
) -> tuple[bytes, list[Removed], list[Removed], dict[int, list[str]]]:
    """Delete what no page shows before anything is searched: content on optional-content
    layers that are off by default, and the parts of pictures that no page shows
    (`redactor.cropped`); and draw into the page the marks a reader sees on it (`_flatten_marks`).
    Returns the new bytes, records of what was done, records of hidden picture parts that
    had to be kept, and the 0-based pages that draw a font whose text map misreads its glyphs
    (`redactor.misread`), with those fonts' names."""
    with open_with_qpdf(data, password) as pdf:
        removed = _page_tree(pdf)
        removed += _strip_hidden_layers(pdf)
        removed += _picture_metadata(pdf)
        removed += _other_metadata(pdf)
        trimmed, kept = trim_hidden_parts(pdf)
        removed += trimmed
        removed += _flatten_marks(pdf)
        fonts = list(font_dictionaries(pdf))
        # Maps first: glyph names' readings are added before a map's `endcmap`, and text MuPDF
        # skips past an earlier `endcmap` would otherwise hide them from MuPDF alone.
        removed += _tounicode_maps(pdf, fonts)
        removed += _glyph_names(pdf, fonts)
        mended, misread = _misread_maps(pdf, fonts)
        removed += mended
        if not removed:
            return data, [], kept, misread
        output = io.BytesIO()
        pdf.save(output)
    return output.getvalue(), removed, kept, misread


def open_with_qpdf(data: bytes, password: str | None) -> pikepdf.Pdf:
    """The input opened with qpdf, which verification reads the public file with too. A file that
    MuPDF opens and qpdf refuses (a page tree nested over 100 levels: qpdf stops there) made the
    run end in an internal error (red-team review, 2026-11-27); it is refused as damaged instead,
    since what one reader cannot read cannot be checked."""
    try:
        return pikepdf.open(io.BytesIO(data), password=password or "")
    except pikepdf.PasswordError as error:
        raise EncryptedPdf(
            "the password given does not open the file for qpdf, one of the two readers redactor checks with"
        ) from error
    except pikepdf.PdfError as error:
        detail = str(error).split("): ", 1)[-1]  # qpdf's reason, without the stream's name
        raise DamagedPdf(
            f"the file cannot be read by qpdf ({detail}), one of the two readers redactor checks with: "
            "re-make the PDF (print it to a new PDF) and run again"
        ) from error


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


def _misread_maps(pdf: pikepdf.Pdf, fonts: list[pikepdf.Dictionary]) -> tuple[list[Removed], dict[int, list[str]]]:
    """Map the codes of every font whose text map reads its named glyphs otherwise than their names
    say (`redactor.misread`), and say which pages draw such a font: their text is read again by
    OCR, since the names too are only the font's word for what it draws."""
    found = misreadings(fonts)
    if not found:
        return [], {}
    pages = {number: sorted({m.name for m in drawn}) for number, drawn in pages_drawing(pdf, found).items()}
    for misread in found:  # after `pages_drawing`: a font written inside its page is known by its text
        misread.font.ToUnicode = pdf.make_stream(map_with_readings(misread.font.get("/ToUnicode"), misread.said))
    detail = f"the text maps of {len(found)} font(s) that read glyphs otherwise than their names say set to the names"
    return [{"what": "font text maps that misread glyphs mended", "detail": detail}], pages


def _tounicode_maps(pdf: pikepdf.Pdf, fonts: list[pikepdf.Dictionary]) -> list[Removed]:
    """Make MuPDF read a ToUnicode map's one-byte entries and control characters as other readers
    do (`redactor.tounicode`): `<41>` is "A" to Poppler, and ignored by MuPDF; the codes of a font
    without a map or a program of its own are Unicode to Poppler, glyphs of a stand-in to MuPDF."""
    mended = mend_tounicode_maps(fonts)
    mapped = identity_maps(pdf, fonts)
    done: list[Removed] = []
    if mended:
        detail = f"entries of {mended} font text map(s) written as every reader reads them (one-byte text, control characters, parts MuPDF skips)"
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
        counts.update(standard_name(str(a.Subtype), ANNOTATION_TYPES) for a in drawn if a.objgen in gone)
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


def read_unlike_other_readers(font: pikepdf.Dictionary) -> bool:
    """Whether MuPDF reads `font`'s text otherwise than Poppler, pdfminer and pypdf: by glyph
    names that spell several characters, a text map with entries it ignores or splits words at,
    or as a stand-in font's glyphs. `prepare_file` mends all three before searching; `check`
    reports them, since a tool built on one reader then misses what another shows."""
    if font.get("/Subtype") in SIMPLE_FONTS and unspelled_glyphs(font):
        return True
    stream = font.get("/ToUnicode")
    if stream is None:
        return font.get("/Subtype") == "/Type0" and read_as_unicode(font)
    try:
        data = stream.read_bytes() if isinstance(stream, pikepdf.Stream) else None
    except pikepdf.PdfError:
        return False
    return data is not None and (as_mupdf_reads(data) is not None or mended_destinations(data) is not None)
