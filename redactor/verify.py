"""Prove that a written public PDF holds nothing that was redacted.

The output is re-read from its bytes, never from the document object that
wrote it, by two parsers:

- MuPDF: no character (visible, invisible, clipped or off-page) may remain
  inside any cut band, and no redacted text may be found anywhere in the
  extracted text of any page.
- qpdf (through pikepdf), an independent parser: no redacted text in any
  string or decoded stream of any object (metadata, bookmarks, annotations,
  form values, content streams), no earlier revision, and no hidden content
  left (annotations other than links, embedded files, JavaScript, XMP,
  thumbnails, page-piece data, layers).

Redacted text is compared normalized (case, spacing, hyphens, line breaks);
see `secret_pattern`.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote

import pikepdf
import pymupdf

from redactor import fontnames, jp2
from redactor.cropped import (
    encoded_picture,
    filters,
    jpeg_payload,
    painted_stream,
    pictures_with_hidden_parts,
    written_name,
)
from redactor.detect import MIN_REPEAT, MIN_TERM, find_value, looked_for_elsewhere, value_pattern
from redactor.geometry import BAND_BOTTOM, BAND_TOP
from redactor.jpeg import metadata_text
from redactor.layout import EVERYWHERE, TEXT_FLAGS, shaded_glyphs
from redactor.lexer import any_names, inline_picture_data, lexemes
from redactor.mask import NAME_TREES, mask, standard_name
from redactor.objects import has_shadings
from redactor.pagetree import page_tree_faults
from redactor.pixels import unremoved_pixels
from redactor.plan import Redaction
from redactor.removal import GRAZE, drawn_label
from redactor.sanitize import comments

# Secrets shorter than MIN_REPEAT letters and digits (MIN_TERM: the user's terms) are checked by position alone:
# "14" or "Jr" would be found all over a public document.
# Sentence-scope pieces shorter than this are checked by position alone.
MIN_SENTENCE_PIECE = 16
# A word this much covered by a drawn box counts as hidden under it (x-ray's threshold).
UNDER_BOX = 0.8
# Kerned pieces of a TJ array, literal or hex, joined: "[(J)20(ohn)] TJ" reads "John".
_TJ_JOIN = re.compile(  # numbers taken whole: a run of 40,000 digits once took seconds to backtrack through
    rb"\)\s*+[-+]?(?:\d++(?:\.\d*+)?|\.\d++)\s*+\(|(?<!>)>\s*+[-+]?(?:\d++(?:\.\d*+)?|\.\d++)\s*+<(?!<)"
)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|[\s\S])")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\r\n": b"", b"\n": b"", b"\r": b""}
_NAME_ESCAPE = re.compile(r"#([0-9A-Fa-f]{2})")
# Arrays and dictionaries nested deeper are not read but refused (qpdf stops at 500 levels).
MAX_DEPTH = 400
# Names that only name a font, in a font or font descriptor: a term that is also a font's name
# ("Arial") must not fail every file.
_FONT_NAME_KEYS = ("/BaseFont", "/FontName", "/FontFamily")
_ALNUM = re.compile(r"[^\W_]+")


@dataclass
class Shown:
    """What a page showed when it was searched: its words with their boxes (MuPDF's and OCR's),
    and what redactor itself prints on it (a legend)."""

    words: list[tuple]  # (x0, y0, x1, y1, text, ...): a box, then the text
    printed: str = ""

    def placed(self, word: tuple) -> bool:
        """Whether `word` is made of letters shown where it lies (MuPDF groups glyphs drawn out of
        order anew once some are removed)."""
        x0, y0, x1, y1 = word[:4]
        under = "".join(w[4] for w in self.words if w[0] < x1 and x0 < w[2] and w[1] < y1 and y0 < w[3])
        return bool(under) and set("".join(_ALNUM.findall(word[4]))) <= set(under)


class TooDeep(Exception):
    """An object nested deeper than MAX_DEPTH: a reader could not be sure to read all of it."""


@dataclass
class Check:
    name: str
    passed: bool
    detail: str = ""


@dataclass
class Verification:
    checks: list[Check] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # safe to print: page, category, masked preview

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def as_dict(self) -> dict:
        return {
            "passed": self.passed,
            "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail} for c in self.checks],
            "problems": self.problems,
        }


@dataclass(frozen=True)
class Secret:
    """A redacted string to look for, with what may be said about it."""

    pattern: re.Pattern[str]
    key: str  # its letters and digits, lower case, to pre-filter quickly
    category: str
    page: int
    preview: str


def normalize(text: str) -> str:
    """Compatibility forms, lower case: ligatures and full-width digits read like their plain twins;
    soft hyphens and replacement characters (MuPDF's reading of what it cannot map) read as nothing,
    as detection reads them (`redactor.fold`)."""
    return unicodedata.normalize("NFKC", text).lower().replace("\u00ad", "").replace("\ufffd", "")


def secret_pattern(text: str, shortest: int = MIN_REPEAT) -> tuple[re.Pattern[str], str] | None:
    """A pattern that finds `text` whatever separates its letters and digits: spaces, line breaks,
    hyphens, other punctuation, or nothing ("512-43-8817" also finds "512438817")."""
    flat = normalize(text)
    pattern = value_pattern(flat, ignore_case=False, shortest=shortest)
    if pattern is None:
        return None
    return pattern, "".join(_ALNUM.findall(flat))


def secrets_of(applied: Iterable[Redaction], rejected: Iterable[Redaction]) -> list[Secret]:
    """What must not be found in the output: for each applied redaction, the value it is about
    (partial scope: the whole value, since the part kept is public and the part removed alone
    says little), its removed pieces, and for sentences each long enough removed piece."""
    kept_in_public = {secret_pattern(r.text)[1] for r in rejected if secret_pattern(r.text)}
    secrets: dict[str, Secret] = {}
    for redaction in applied:
        if redaction.scope == "sentence":
            candidates = [p for p in redaction.removed if len(normalize(p).replace(" ", "")) >= MIN_SENTENCE_PIECE]
        elif redaction.scope == "partial":
            candidates = [redaction.text]
        else:
            candidates = [redaction.text, *redaction.removed]
        for candidate in candidates:
            if not looked_for_elsewhere(redaction.category, candidate):
                continue  # proven gone from under its box, not from the whole file
            # A term of the user's list is held to the whole file however short ("Wu", "Kim"):
            # it was listed on purpose, and is looked for on every page the same way.
            listed = redaction.source == "term" or redaction.category == "term"  # not marks: see detect
            built = secret_pattern(candidate, MIN_TERM if listed else MIN_REPEAT)
            if built is None or built[1] in kept_in_public or built[1] in secrets:
                continue
            pattern, key = built
            secrets[key] = Secret(pattern, key, redaction.category, redaction.page, mask(candidate))
    return list(secrets.values())


def find_secrets(text: str, secrets: list[Secret]) -> Iterator[Secret]:
    """The secrets found in `text`."""
    flat = normalize(text)
    squeezed = "".join(_ALNUM.findall(flat))
    for secret in secrets:
        if secret.key in squeezed and next(find_value(secret.pattern, flat), None):
            yield secret


def verify(
    data: bytes,
    applied: list[Redaction],
    rejected: list[Redaction],
    shown: dict[int, Shown] | None = None,
) -> Verification:
    """Re-read `data` with MuPDF and with qpdf and check that nothing redacted survived.
    `shown`: per 0-based page, the text the input showed when it was searched (its words, and what
    OCR read and redactor printed); no other word may be readable in the public file."""
    result = Verification()
    secrets = secrets_of(applied, rejected)
    labels = {redaction.label for redaction in applied}
    with pymupdf.open(stream=data, filetype="pdf") as doc, pikepdf.open(io.BytesIO(data)) as pdf:
        result.checks.extend(_check_mupdf(doc, applied, secrets, result.problems, shown))
        result.checks.extend(_check_qpdf(pdf, data, secrets, labels, result.problems))
        result.checks.append(_check_pixels(data, applied, result.problems))
        result.checks.append(_check_page_tree(pdf, doc, result.problems))
        result.checks.append(_check_shaded_shapes(doc, applied, result.problems))
    return result


def _check_shaded_shapes(doc: pymupdf.Document, applied: list[Redaction], problems: list[str]) -> Check:
    """No box may lie over glyph-sized shapes filled with a gradient (`redactor.layout.shaded_glyphs`):
    MuPDF's redaction removes paths, not shadings painted through them as clipping paths, so such
    text drawn as shapes stayed whole under its box, and showed once the box was taken off the
    page (red-team review, 2026-11-27)."""
    boxes: dict[int, list[list[float]]] = {}
    for redaction in applied:
        for box in redaction.boxes:
            boxes.setdefault(box.page - 1, []).append(box.rect)
    pages = []
    if boxes and not has_shadings(doc):
        boxes = {}  # the common case: tracing each page's drawings costs a millisecond or more
    for number, rects in sorted(boxes.items()):
        page = doc[number]
        if not any(kind == "fill-shade" for kind, _ in page.get_bboxlog()):
            continue
        inner = [(x0 + GRAZE, y0, x1 - GRAZE, y1) for x0, y0, x1, y1 in rects]
        if any(_overlaps(glyph, box) for glyph in shaded_glyphs(page) for box in inner):
            pages.append(number + 1)
            problems.append(
                f"page {number + 1}: a box lies over text drawn as shapes filled with a gradient, which redaction "
                "cannot remove (it would show with the box taken off): re-make the page without gradients"
            )
    return Check(
        "shaded-shapes",
        not pages,
        f"gradient-filled shapes under boxes on page(s) {pages}" if pages else "no gradient-filled shapes under a box",
    )


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _check_page_tree(pdf: pikepdf.Pdf, doc: pymupdf.Document, problems: list[str]) -> Check:
    """MuPDF and qpdf must see the same pages, through a page tree whose counts agree with its
    kids (`redactor.pagetree`): MuPDF trusts `/Count`, pypdf and pdfminer follow `/Kids`, and a
    page only one of them sees is searched by neither check that reads pages."""
    faults = page_tree_faults(pdf)
    qpdf_pages = len(pdf.pages)
    mupdf_pages = doc.page_count
    if mupdf_pages != qpdf_pages:
        faults.append(f"MuPDF reads {mupdf_pages} page(s), qpdf {qpdf_pages}")
    problems.extend(f"page tree: {fault}" for fault in faults)
    return Check("page-tree", not faults, "; ".join(faults) or f"{qpdf_pages} page(s), read alike by MuPDF and qpdf")


def _check_pixels(data: bytes, applied: list[Redaction], problems: list[str]) -> Check:
    """Pictures under the boxes, decoded by pikepdf: no pixels may remain under any box."""
    boxes: dict[int, list] = {}
    for redaction in applied:
        for box in redaction.boxes:
            boxes.setdefault(box.page - 1, []).append((tuple(box.rect), redaction.category))
    found = unremoved_pixels(data, boxes)
    problems.extend(found)
    return Check(
        "qpdf-pixels",
        not found,
        f"{len(found)} box(es) over intact pixels" if found else "no picture keeps pixels under a box",
    )


def _check_mupdf(
    doc: pymupdf.Document,
    applied: list[Redaction],
    secrets: list[Secret],
    problems: list[str],
    shown: dict[int, Shown] | None,
) -> list[Check]:
    found = 0
    new_pages = 0
    cuts: dict[int, list[tuple[list[float], list[float], set[str], Redaction]]] = {}
    labels: dict[int, set[str]] = {}  # label words drawn on each page's boxes, which may overlap
    for redaction in applied:
        for box in redaction.boxes:
            page_labels = labels.setdefault(box.page - 1, set())
            cuts.setdefault(box.page - 1, []).append((box.cut_rect, box.rect, page_labels, redaction))
            page_labels.update(drawn_label(redaction.label).split())
    for page in doc:
        words = page.get_text("words", flags=TEXT_FLAGS, clip=EVERYWHERE)
        page_cuts = cuts.get(page.number, ())
        if page_cuts:
            by_top = sorted(words, key=lambda w: w[1])
            tops = [w[1] for w in by_top]
            tallest = max((w[3] - w[1] for w in words), default=0.0)
        for (cx0, cy0, cx1, cy1), (bx0, by0, bx1, by1), label, redaction in page_cuts:
            first = bisect_left(tops, min(cy0, by0) - tallest)
            last = bisect_right(tops, max(cy1, by1))
            for x0, y0, x1, y1, text, *_ in by_top[first:last]:
                # A glyph left in the cut overlaps it with the middle of its own line and most
                # of its width; the box of a neighbouring glyph or line only grazes it. A word
                # mostly under the drawn box (x-ray's measure: 80 % of it) is hidden but still
                # extractable, wherever the cut was.
                band_top, band_bottom = y0 + BAND_TOP * (y1 - y0), y0 + BAND_BOTTOM * (y1 - y0)
                overlap = min(x1, cx1) - max(x0, cx0)
                in_cut = overlap > 0.5 * (x1 - x0) and band_top < cy1 and cy0 < band_bottom
                covered = max(0.0, min(x1, bx1) - max(x0, bx0)) * max(0.0, min(y1, by1) - max(y0, by0))
                under_box = covered > UNDER_BOX * (x1 - x0) * (y1 - y0) > 0
                if (in_cut or under_box) and text not in label:
                    found += 1
                    problems.append(
                        f"page {page.number + 1}: {redaction.category} text still present under a box "
                        f"({mask(text)}), read by MuPDF"
                    )
                    break
        page_labels = labels.get(page.number, set())
        boxes = [box for _, box, _, _ in page_cuts]
        text = " ".join(w[4] for w in words if not (w[4] in page_labels and _inside_any(w, boxes)))
        for secret in find_secrets(text, secrets):
            found += 1
            problems.append(
                f"page {page.number + 1}: {secret.category} text from page {secret.page} "
                f"({secret.preview}) still extractable by MuPDF"
            )
        new = None if shown is None else _new_word(words, shown.get(page.number, Shown([])), boxes)
        if new is not None:
            new_pages += 1
            problems.append(
                f"page {page.number + 1}: text the input did not show ({mask(new)}) is readable in the public "
                "file: content hidden in the input, never searched, became visible"
            )
    checks = [
        Check(
            "mupdf-text", found == 0, f"{found} leak(s)" if found else "no redacted text under any box or on any page"
        )
    ]
    if shown is not None:
        detail = f"{new_pages} page(s) show new text" if new_pages else "no text the input hid"
        checks.append(Check("nothing-new", new_pages == 0, detail))
    return checks


def _new_word(words: list[tuple], before: Shown, boxes: list[list[float]]) -> str | None:
    """A word of the public page that the input did not show when it was searched, if any: such
    a word was never searched, and content hidden in the input (a layer off by default, drawn from
    deep inside a form or a pattern) becomes visible to everyone once sanitizing removes what hid
    it. A word may be a piece of a shown word that a redaction cut, glyphs of shown words that
    MuPDF groups anew (a line drawn in shuffled order), or a label on a box."""
    text = " ".join([*(w[4] for w in before.words), before.printed])
    known = set(text.split())
    for word in words:
        if word[4] in known:  # most words: a set lookup, not a search
            continue
        pieces = _ALNUM.findall(word[4])  # a font without "’" writes OCR's "it’s" as "it·s"
        if not (all(piece in text for piece in pieces) or _inside_any(word, boxes) or before.placed(word)):
            return word[4]
    return None


def _inside_any(word: tuple, boxes: list[list[float]]) -> bool:
    """Whether the middle of `word` lies in one of `boxes` (a label drawn on a box)."""
    x, y = (word[0] + word[2]) / 2, (word[1] + word[3]) / 2
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in boxes)


def _check_qpdf(
    pdf: pikepdf.Pdf, data: bytes, secrets: list[Secret], labels: set[str], problems: list[str]
) -> list[Check]:
    """`labels`: the labels drawn on the boxes, each shown as one string, which may spell a term
    ("PRIVACY" for a term "privacy"); a shown string that is exactly a label is not read."""
    leaks = 0
    hidden: list[str] = []
    content_streams = {
        stream.objgen
        for page in pdf.pages
        for stream in _as_list(page.obj.get("/Contents"))
        if isinstance(stream, pikepdf.Stream)
    }
    programs = font_programs(pdf)
    for obj in [*pdf.objects, pdf.trailer]:
        try:
            text = _object_text(obj, content_streams, labels, programs)
        except TooDeep:
            leaks += 1
            problems.append(f"{_where(obj)}: nested more than {MAX_DEPTH} levels deep, so it could not be read")
            continue
        if not text:
            continue
        where = _where(obj)
        for secret in find_secrets(text, secrets):
            leaks += 1
            problems.append(
                f"{where}: {secret.category} text from page {secret.page} "
                f"({secret.preview}) still present, read by qpdf"
            )
    hidden = _hidden_content(pdf)
    problems.extend(f"hidden content left: {item}" for item in hidden)
    revisions = _revision_count(data)
    if revisions != 1:
        problems.append(f"the file has {revisions} revisions; earlier ones may hold removed text")
    return [
        Check("qpdf-objects", leaks == 0, f"{leaks} leak(s)" if leaks else "no redacted text in any object or stream"),
        Check("qpdf-hidden-content", not hidden, "; ".join(hidden) or "no hidden content"),
        Check("single-revision", revisions == 1, f"{revisions} revision(s)"),
    ]


def _where(obj: pikepdf.Object) -> str:
    return f"object {obj.objgen[0]}" if obj.is_indirect else "the trailer"


def _object_text(
    obj: pikepdf.Object,
    content_streams: set[tuple[int, int]],
    labels: set[str],
    programs: dict[tuple[int, int], str] | None = None,
) -> str:
    """What an object says as text: its strings; for a page or form content stream, the strings
    it shows (kerned pieces joined: "[(J)20(ohn)] TJ" reads "John"), not its numbers, which would
    match any short number; for metadata and other text streams, the whole decoded stream.
    `programs`: the font programs and encoding CMaps fonts use (`font_programs`), of which only
    a program's names and notices are read (`redactor.fontnames`)."""
    programs = programs or {}
    parts: list[str] = []
    if not isinstance(obj, pikepdf.Stream):
        _collect_strings(obj, parts, depth=0)
        return "\n".join(parts)
    _collect_strings(obj.stream_dict, parts, depth=0)
    kind = _stream_kind(obj, content_streams, programs)
    if kind == "jpeg":
        payload = jpeg_payload(obj)  # EXIF, XMP, comments: see redactor.jpeg; a JPEG not reached is read as bytes
        parts.append(metadata_text(payload) if payload is not None else _partly_decoded(obj).decode("latin-1"))
    if kind == "jpx":
        jpx = encoded_picture(obj, "/JPXDecode")  # XMP and other boxes, comments: see redactor.jp2
        parts.append(jp2.metadata_text(jpx) if jpx is not None else _partly_decoded(obj).decode("latin-1"))
    key = programs.get(obj.objgen, "")
    if key.startswith("FontFile"):
        try:
            parts += fontnames.program_text(obj.read_bytes(), key)
        except pikepdf.PdfError:
            pass  # undecodable: MuPDF draws nothing with it either
    if kind in ("skip", "jpeg", "jpx"):
        return "\n".join(parts)
    try:
        raw = obj.read_bytes()
    except pikepdf.PdfError:
        raw = _partly_decoded(obj)  # a stream no reader can decode may still hold text
    if kind == "profile":
        parts += [raw.decode("latin-1"), raw.replace(b"\x00", b"").decode("latin-1")]
    elif kind == "content":
        joined = _TJ_JOIN.sub(b"", raw)
        shown = (_shown_text(joined[s:e]) for kind, s, e in lexemes(joined) if kind in ("string", "hex"))
        parts.append(" ".join(text for text in shown if text not in labels))
        # Its names, as words: a producer chooses marked content's tags ("/Northgate#20Table <<...>>
        # BDC") and the names in their property lists, which no reader shows.
        vocabulary = pdf_vocabulary()
        parts += [fontnames.readable(name) for name in any_names(raw) if name not in vocabulary]
        if b"%" in raw:  # what a producer left in comments ("% field witness = ...")
            parts += [comment.decode("latin-1") for comment in comments(raw)]
        if b"\xff\xd8" in raw:  # an inline JPEG's EXIF, XMP and comments (not taken out: refused if they hold one)
            parts += [metadata_text(data) for data in inline_picture_data(raw) if data.startswith(b"\xff\xd8")]
    elif raw[:2] in (b"\xfe\xff", b"\xff\xfe"):
        parts.append(raw.decode("utf-16", errors="ignore"))
    else:
        parts.append(raw.decode("utf-8", errors="ignore"))
        # UTF-16 or UTF-32 without a mark at its start (XMP puts it inside the packet), wherever
        # it begins: a stream of 100 plain bytes and then an SSN in UTF-16 passed (red-team review,
        # 2026-11-27).
        if b"\x00" in raw:
            parts.append(raw.replace(b"\x00", b"").decode("latin-1"))
    return "\n".join(parts)


def _stream_kind(
    stream: pikepdf.Stream, content_streams: set[tuple[int, int]], programs: dict[tuple[int, int], str]
) -> str:
    info = stream.stream_dict
    if stream.objgen in content_streams or info.get("/Subtype") == "/Form" or "/PatternType" in info:
        return "content"
    if info.get("/Subtype") == "/Image" and filters(stream)[-1:] == ["/DCTDecode"]:
        return "jpeg"  # wrapped in general filters too: `jpeg_payload`
    if info.get("/Subtype") == "/Image" and filters(stream)[-1:] == ["/JPXDecode"]:
        return "jpx"  # wrapped too
    if _is_colour_profile(info):
        return "profile"  # binary, with text tags (a description, a copyright) in ASCII or UTF-16
    if info.get("/Subtype") == "/Image" or stream.objgen in programs:
        return "skip"  # pixels, glyph programs, encoding CMaps
    if info.get("/Type") in ("/XRef", "/ObjStm"):
        return "skip"
    return "text"


def font_programs(pdf: pikepdf.Pdf) -> dict[tuple[int, int], str]:
    """The streams a font uses as its program (a font descriptor's /FontFile, /FontFile2 or
    /FontFile3) or as its encoding CMap (a composite font's /Encoding, and the CMaps it builds on),
    which are binary or hold no text of the document. Known by where they are used, not by what
    their own dictionary says: any stream given a /Length1 or a /CMapName was skipped, and one
    hung on a page with an SSN in it passed (red-team review, 2026-11-27)."""
    found: dict[tuple[int, int], str] = {}
    for obj in pdf.objects:
        info = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
        if not isinstance(info, pikepdf.Dictionary):
            continue
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            program = info.get(key)
            if isinstance(program, pikepdf.Stream):
                found[program.objgen] = key[1:]
        if info.get("/Subtype") == "/Type0" or isinstance(obj, pikepdf.Stream):
            cmap = info.get("/Encoding") if info.get("/Subtype") == "/Type0" else info.get("/UseCMap")
            if isinstance(cmap, pikepdf.Stream):
                found.setdefault(cmap.objgen, "CMap")
    return found


def _partly_decoded(stream: pikepdf.Stream) -> bytes:
    """As much of a stream as its first filter gives when the whole chain fails (a Flate
    stream cut short, or followed by a filter that does not fit): its raw bytes otherwise."""
    raw = stream.read_raw_bytes()
    if filters(stream)[:1] == ["/FlateDecode"]:
        try:
            return zlib.decompressobj().decompress(raw)
        except zlib.error:
            pass
    return raw


def _shown_text(lexeme: bytes) -> str:
    """A content stream's string, "(...)" or "<...>", as text: escapes undone, hex decoded,
    UTF-16 (as in a marked content's /ActualText) read as such, anything else byte for byte."""
    if lexeme.startswith(b"("):
        data = _ESCAPE.sub(_unescape, lexeme[1:-1] if lexeme.endswith(b")") else lexeme[1:])
    else:
        digits = re.sub(rb"[^0-9A-Fa-f]", b"", lexeme)
        data = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    if data[:2] == b"\xfe\xff":
        return data[2:].decode("utf-16-be", errors="ignore")
    return data.decode("latin-1")


def _unescape(escape: re.Match[bytes]) -> bytes:
    code = escape.group(1)
    if code[:1].isdigit():
        return bytes([int(code, 8) & 0xFF])
    return _ESCAPES.get(code, code)


def _as_list(value: pikepdf.Object | None) -> list[pikepdf.Object]:
    if value is None:
        return []
    return list(value) if isinstance(value, pikepdf.Array) else [value]


def _is_colour_profile(info: pikepdf.Dictionary) -> bool:
    """An ICC profile: a stream with a number of components and nothing saying it is anything else
    (an XMP stream given an /N is still read)."""
    return "/N" in info and "/Type" not in info and "/Subtype" not in info


def _collect_strings(obj: pikepdf.Object, parts: list[str], depth: int) -> None:
    """The strings of `obj` and of the direct objects inside it, with its names and keys
    ("/Halvorsen#20Logistics" reads "Halvorsen Logistics"); a string holding %-escapes (a URI)
    is read both as written and unescaped."""
    if depth > MAX_DEPTH:
        raise TooDeep
    if isinstance(obj, pikepdf.String):
        try:
            text = str(obj)
        except UnicodeDecodeError:  # marked as UTF-8 (a byte-order mark) but not: read byte for byte
            text = bytes(obj).decode("latin-1")
        parts.append(text)
        if "%" in text:
            parts.append(unquote(text))
    elif isinstance(obj, pikepdf.Name):
        written = written_name(obj)  # str(obj) fails on a name that is no UTF-8
        if written[1:] not in pdf_vocabulary():
            parts.append(_name_text(written))
    elif isinstance(obj, pikepdf.Dictionary):
        is_font = obj.get("/Type") in ("/Font", "/FontDescriptor")
        vocabulary = pdf_vocabulary()
        for key, value in obj.items():
            if key[1:] not in vocabulary:
                parts.append(_name_text(key))
            if is_font and key in _FONT_NAME_KEYS:
                # An embedded font's name is read as words ("NorthgateSans" reads "Northgate
                # Sans"); another's names the font a viewer draws with, and is not read.
                if _embedded(obj) and isinstance(value, (pikepdf.Name, pikepdf.String)):
                    parts.append(
                        fontnames.readable(written_name(value) if isinstance(value, pikepdf.Name) else str(value))
                    )
                continue
            if isinstance(value, pikepdf.Object) and not value.is_indirect:
                _collect_strings(value, parts, depth + 1)
    elif isinstance(obj, pikepdf.Array):
        for value in obj:
            if isinstance(value, pikepdf.Object) and not value.is_indirect:
                _collect_strings(value, parts, depth + 1)


def _embedded(font: pikepdf.Dictionary) -> bool:
    """Whether a font or font descriptor has a program of its own (a Type 3 font always does)."""
    try:
        if font.get("/Subtype") == "/Type3":
            return True
        if font.get("/Subtype") == "/Type0":
            descendants = font.get("/DescendantFonts")
            return isinstance(descendants, pikepdf.Array) and len(descendants) > 0 and _embedded(descendants[0])
        descriptor = font if font.get("/Type") == "/FontDescriptor" else font.get("/FontDescriptor")
        return isinstance(descriptor, pikepdf.Dictionary) and any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
        )
    except (pikepdf.PdfError, TypeError, ValueError):
        return False


@functools.cache
def pdf_vocabulary() -> frozenset[str]:
    """PDF's own names, as MuPDF's name table lists them (about 600: "Root", "Size", "Type",
    "Page", "Font", "Catalog"), which no file chooses: read as text, a redacted password "root" was
    found in every file's trailer (its /Root), and a landscape exhibit could not be redacted."""
    mupdf = pymupdf.mupdf
    return frozenset(
        mupdf.pdf_to_name(mupdf.PdfObj(getattr(mupdf, name)))
        for name in dir(mupdf)
        if name.startswith("PDF_ENUM_NAME_") and name != "PDF_ENUM_NAME__LIMIT"
    )


def _name_text(name: str) -> str:
    if "#" not in name:
        return name[1:]
    return _NAME_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), name[1:])


def _hidden_content(pdf: pikepdf.Pdf) -> list[str]:
    found = []
    root = pdf.Root
    for key, what in (
        ("/OpenAction", "document open action"),
        ("/AA", "document actions"),
        ("/AcroForm", "form fields"),
        ("/OCProperties", "layers"),
        ("/PieceInfo", "page-piece data"),
        ("/Metadata", "XMP metadata"),
    ):
        if key in root:
            found.append(what)
    names = root.get("/Names")
    if names is not None:
        found += [f"name tree {standard_name(key, NAME_TREES)}" for key in names.keys() if key != "/Dests"]
    found += hidden_in_objects(pdf)
    for picture in pictures_with_hidden_parts(pdf):  # those that could be painted over and were not
        if not (picture.inline or picture.painted_elsewhere) and not picture.hidden_part_is_blank():
            if not isinstance(painted_stream(picture), str):
                found.append(f"the part no page shows of a picture on page {min(picture.pages)}")
    info = pdf.trailer.get("/Info")
    if info is not None and any(k != "/Producer" and str(v) for k, v in info.items()):
        found.append("document information")
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            if annot.get("/Subtype") != "/Link":
                found.append(f"annotation on page {number}")
                break
            action = annot.get("/A")
            if action is not None and action.get("/S") not in ("/URI", "/GoTo", "/Named"):
                found.append(f"link action on page {number}")
                break
            if "/AP" in annot or "/Contents" in annot:
                found.append(f"link appearance or tooltip on page {number}")
                break
        for key, what in (
            ("/Thumb", "thumbnail"),
            ("/PieceInfo", "page-piece data"),
            ("/AA", "page actions"),
            ("/Metadata", "page XMP metadata"),
        ):
            if key in page.obj:
                found.append(f"{what} on page {number}")
    return found


def hidden_in_objects(pdf: pikepdf.Pdf) -> list[str]:
    """Hidden content any object, or any dictionary written inside one, may carry: an associated
    file (/AF), an attached file's data, a script or an action chained after another (/Next), a
    layer's usage notes."""
    found: set[str] = set()
    for obj in pdf.objects:
        _hidden_in(obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj, found, 0)
    return sorted(found)


def _hidden_in(obj: pikepdf.Object, found: set[str], depth: int) -> None:
    if depth > MAX_DEPTH:
        return  # the qpdf check refuses such an object
    if isinstance(obj, pikepdf.Dictionary):
        if "/AF" in obj:
            found.add("associated files")
        if obj.get("/Type") == "/EmbeddedFile":
            found.add("an attached file")
        if "/JS" in obj or obj.get("/S") == "/JavaScript":
            found.add("JavaScript")
        if "/Next" in obj and "/S" in obj:
            found.add("a chained action")
        if obj.get("/Type") == "/OCG" and "/Usage" in obj:
            found.add("layer usage notes")
        children = obj.values()
    elif isinstance(obj, pikepdf.Array):
        children = obj
    else:
        return
    for child in children:
        if isinstance(child, (pikepdf.Dictionary, pikepdf.Array)) and not child.is_indirect:
            _hidden_in(child, found, depth + 1)


def _revision_count(data: bytes) -> int:
    """How many times the file was saved: each incremental update adds an end-of-file marker."""
    return max(1, len(re.findall(rb"%%EOF", data)))
