"""Read the text of pictures with Tesseract: scanned pages, and images of documents in digital pages.

A page that is only a picture would otherwise pass through redaction untouched, the most
dangerous failure the product can have. So every picture large enough to hold a line of
text is rendered as a reader sees it and recognized, and its words (with boxes in MuPDF's
unrotated page space, like every other word) join the text that detection searches. An
existing OCR layer is never trusted to match its picture: the picture is read too, and the
union is redacted (`redactor.textmodel` drops recognized lines the layer already holds).

Why the `tesseract` program through a pipe, rather than pytesseract, tesserocr or MuPDF's
built-in OCR:
- the picture goes in on stdin and the words come out on stdout, so no image of a page nor
  its text is ever written to a temporary file (pytesseract writes both to the temp folder,
  and leaves them behind if the process is killed);
- each picture is read by its own process, so pages are recognized in parallel on every core,
  with no compiled binding to install (tesserocr must be built against libtesseract, which
  is hard on Windows);
- the TSV output gives every word's box and confidence; unsure readings near a sensitive
  pattern are flagged in the plan (MuPDF's OCR text pages carry no confidence).

Orientation: a region is first read turned as the page is displayed (its /Rotate). When
that reading is poor, Tesseract's orientation detection says how the picture lies (a page
scanned upside down or sideways) and the region is read again turned upright. Skew of a
few degrees is measured and straightened. A picture the page paints mirrored, or turned off a
quarter turn, is also read as `pdfimages` would give it back: mirrored back, straightened by
its matrix's angle; one painted sheared, stretched or shrunk is also read from its own pixels
(`redactor.stored`).
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pymupdf
from PIL import Image, ImageDraw, ImageOps, ImageStat

from redactor.errors import BadArguments, MissingDependency
from redactor.layout import PageLayout, unrotated_rect
from redactor.plan import OCR_MODES
from redactor.stored import DPI, MAX_PIXELS, Transform, pictures_to_read_as_stored, placed_words, stored_picture

Rect = tuple[float, float, float, float]

MODES = OCR_MODES
SCALE = DPI / 72
# A picture whose short side is under MIN_HEIGHT, or long side under MIN_WIDTH (in points), cannot
# hold a word: one at 8 pt, or a name of three letters. (A pasted one-line snippet of 11 pt was
# skipped at 12 pt, and a 52 x 30 pt badge crop naming its holder at 54 pt a side: red-team reviews.)
MIN_WIDTH, MIN_HEIGHT = 16.0, 8.0
WHOLE_PAGE_SHARE = 0.6  # pictures covering this much of a page: read the whole page
LOW_CONTRAST = 96  # grays spanning less than this (of 255) are stretched before reading
MIN_CONFIDENCE = 60.0  # below this, a word is an unsure reading
POOR_READING = 55.0  # median confidence under which the orientation is checked
TIMEOUT = 300  # seconds for one picture
# A page painting more pictures than this (tiles, strips, a Type 3 font's glyphs) is read whole:
# merging their boxes two by two takes seconds past a few thousand.
MAX_PICTURES = 200
MIN_TILT = 0.25  # degrees off a quarter turn from which a picture is also read straightened by its matrix's angle

INSTALL_HINT = (
    "install Tesseract and its English data (Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-eng; "
    "macOS: brew install tesseract; Windows: the UB Mannheim installer, then add it to PATH), "
    "or run again with --ocr never and review those pages by eye"
)


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One recognized word, in MuPDF's unrotated page space."""

    text: str
    rect: Rect
    confidence: float  # 0-100, Tesseract's own
    line: tuple[int, int, int]  # Tesseract's block, paragraph and line numbers
    turn: int = 0  # degrees (clockwise) its picture was turned to be read: the text's direction
    pad: float = 0.0  # how far `rect` reaches beyond the ink on every side

    @property
    def ink(self) -> Rect:
        """The box of the ink itself, as Tesseract gave it."""
        x0, y0, x1, y1 = self.rect
        return (x0 + self.pad, y0 + self.pad, x1 - self.pad, y1 - self.pad)


@dataclass(slots=True)
class PageReading:
    """What was recognized on one page."""

    page: int  # 0-based
    lines: list[list[OcrWord]] = field(default_factory=list)
    turned: int = 0  # degrees (clockwise) the picture was turned to be read upright


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise BadArguments(f"--ocr must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


def regions_to_read(page: pymupdf.Page, mode: str, layout: PageLayout) -> list[Rect]:
    """Areas of `page` (unrotated space) whose pixels must be recognized under `mode`: under
    "auto", where `layout` says the page paints images and image masks, or draws text as shapes,
    and the whole page if it draws a font whose text map misreads its glyphs (its text may be
    drawn in a form or a pattern, anywhere on the page)."""
    whole = unrotated_rect(page)
    if mode == "never":
        return []
    if mode == "always" or layout.misread:
        return [tuple(whole)]
    outlines = [layout.outlines] if layout.outlines else []
    boxes = [pymupdf.Rect(picture) & whole for picture in (*layout.pictures, *outlines)]
    boxes = [box for box in boxes if not box.is_empty]
    if len(boxes) > MAX_PICTURES:
        return [tuple(whole)]  # one reading of the page costs less than merging them one by one
    # Merged before their size is judged: a scan written as strips or tiles each too small to
    # hold a word shows a whole page once they are side by side (eleventh red-team review,
    # 2026-11-27: a name in 12 strips 6 pt tall, or 150 tiles 14 pt wide, was never read and was
    # published as it was).
    merged = [box for box in _merge(boxes) if _may_hold_a_word(box)]
    if sum(abs(b) for b in merged) >= WHOLE_PAGE_SHARE * abs(whole):
        return [tuple(whole)]
    return [tuple(b) for b in merged]


def _may_hold_a_word(box: pymupdf.Rect) -> bool:
    """Whether an area is large enough to show a word: MIN_HEIGHT on its short side, MIN_WIDTH
    on its long side."""
    short, long = sorted((box.width, box.height))
    return short >= MIN_HEIGHT and long >= MIN_WIDTH


def _merge(boxes: list[pymupdf.Rect]) -> list[pymupdf.Rect]:
    """Overlapping or touching boxes as one (scanners often write a page as strips)."""
    merged: list[pymupdf.Rect] = []
    for box in sorted(boxes, key=lambda b: (b.y0, b.x0)):
        grown = pymupdf.Rect(box) + (-2, -2, 2, 2)
        for index, other in enumerate(merged):
            if grown.intersects(other):
                merged[index] = other | box
                break
        else:
            merged.append(pymupdf.Rect(box))
    if len(merged) < len(boxes):
        return _merge(merged)
    return merged


def tesseract_path() -> str | None:
    """The tesseract program: $TESSERACT, then PATH, then the Windows installer's folder."""
    explicit = os.environ.get("TESSERACT")
    if explicit and Path(explicit).is_file():
        return explicit
    found = shutil.which("tesseract")
    if found:
        return found
    if sys.platform == "win32":
        for base in (os.environ.get("ProgramFiles", r"C:\Program Files"), os.environ.get("LOCALAPPDATA", "")):
            candidate = Path(base) / "Tesseract-OCR" / "tesseract.exe"
            if base and candidate.is_file():
                return str(candidate)
    return None


def ensure_available(lang: str, pages: list[int]) -> str:
    """The tesseract program, or a clear refusal naming the `pages` (1-based) that need it."""
    if not re.fullmatch(r"[\w/-]+(?:\+[\w/-]+)*", lang):  # "eng", "eng+spa", "script/Latin"
        raise BadArguments("--ocr-lang must be Tesseract language codes joined by +, such as eng or eng+spa")
    where = (
        f"page(s) {', '.join(map(str, pages))} need text recognition "
        "(they hold pictures of text, or text in a font that misreads it)"
    )
    program = tesseract_path()
    if program is None:
        raise MissingDependency(f"{where}, but Tesseract is not installed: {INSTALL_HINT}")
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        raise MissingDependency(
            f"{where}, but Tesseract does not run ({type(error).__name__}): {INSTALL_HINT}"
        ) from error
    available = set(listed.stdout.decode("utf-8", "replace").split())
    missing = [code for code in lang.split("+") if code not in available]
    if missing:
        raise MissingDependency(
            f"{where}, but Tesseract has no language data for {', '.join(missing)}: install it "
            f"(Debian/Ubuntu: sudo apt-get install {' '.join('tesseract-ocr-' + m for m in missing)}) "
            "or run again with --ocr never"
        )
    return program


def read_pages(
    doc: pymupdf.Document,
    wanted: dict[int, list[Rect]],
    lang: str = "eng",
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[int, PageReading]:
    """Recognize every region of `wanted` (page -> regions), pictures in parallel.

    Rendering stays on this thread (MuPDF is not thread-safe); each rendered picture goes
    to a worker thread that only waits on its own tesseract process. At most two pictures
    per worker are held in memory at a time. `progress(done, total)` follows the pictures."""
    pages = sorted(p for p, regions in wanted.items() if regions)
    if not pages:
        return {}
    program = ensure_available(lang, [p + 1 for p in pages])
    workers = workers or os.cpu_count() or 1
    readings = {p: PageReading(page=p) for p in pages}
    jobs: list[tuple[int, Rect | tuple[int, list[Transform]]]] = [(p, region) for p in pages for region in wanted[p]]
    pictures = {p: doc[p].get_image_info(xrefs=True) for p in pages}
    jobs += [(p, stored) for p in pages for stored in _read_as_stored_in(pictures[p], wanted[p])]
    rereadings = {p: pictures_to_read_again(pictures[p]) for p in pages}
    done = 0

    def collect(item: tuple[int, Future]) -> None:
        nonlocal done
        number, future = item
        lines, turned = future.result()
        readings[number].lines.extend(lines)
        if turned is not None:
            readings[number].turned = turned
        done += 1
        if progress:
            progress(done, len(jobs))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        running: list[tuple[int, Future]] = []
        try:
            for number, region in jobs:
                if isinstance(region[-1], list):  # a distorted or shrunk picture (its number, where it is painted)
                    xref, transforms = region
                    stored = stored_picture(doc, xref)
                    running.append((number, pool.submit(_read_stored, program, lang, stored, transforms)))
                    continue
                picture, origin, scale = _render(doc[number], region)
                rotation = doc[number].rotation
                again = sorted({(m, t) for box, m, t in rereadings[number] if pymupdf.Rect(region).intersects(box)})
                job = pool.submit(_read_picture, program, lang, picture, origin, scale, rotation, again)
                running.append((number, job))
                while len(running) >= 2 * workers:
                    collect(running.pop(0))
            for item in running:
                collect(item)
        except BaseException:
            # Ctrl-C or a failure: pictures waiting their turn are not read (Ctrl-C stopped the
            # running Tesseracts too), so the run stops at once instead of seconds later.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return readings


def _read_as_stored_in(pictures: list[dict], regions: list[Rect]) -> list[tuple[int, list[Transform]]]:
    """The pictures of a page (MuPDF's image information) painted distorted or shrunk within
    `regions`, each once with every place it is painted (a form drawn twice paints its picture twice)."""
    found: dict[int, list[Transform]] = {}
    for xref, box, transform in pictures_to_read_as_stored(pictures):
        if any(box.intersects(region) for region in regions):
            found.setdefault(xref, []).append(transform)
    return list(found.items())


def _read_stored(
    program: str, lang: str, picture: Image.Image | None, transforms: list[Transform]
) -> tuple[list[list[OcrWord]], None]:
    """Words of a picture as stored (None: one MuPDF cannot decode), placed on the page at each
    of `transforms` (see `redactor.stored`); the page's own reading says how the page was turned."""
    if picture is None:
        return [], None
    lines, _ = _read_upright(program, lang, picture, (0.0, 0.0), SCALE, 0)  # read as at DPI: boxes in pixels / SCALE
    size = (picture.width / SCALE, picture.height / SCALE)
    return [line for transform in transforms for line in placed_words(lines, size, transform)], None


def _render(page: pymupdf.Page, region: Rect) -> tuple[Image.Image, tuple[float, float], float]:
    """`region` (unrotated space) as a grayscale picture at DPI (less for a huge region), the
    unrotated point of its top-left pixel, and its pixels per point."""
    clip = pymupdf.Rect(region) * page.rotation_matrix
    scale = min(SCALE, math.sqrt(MAX_PIXELS / max(abs(clip), 1.0)))
    pixmap = page.get_pixmap(
        matrix=page.derotation_matrix * pymupdf.Matrix(scale, scale),  # unrotate, then scale
        clip=clip,
        colorspace=pymupdf.csGRAY,
        alpha=False,
        annots=False,  # what the public page shows: marks a reader sees are in its content by now, the rest goes
    )
    picture = Image.frombytes("L", (pixmap.width, pixmap.height), pixmap.samples)
    if ImageStat.Stat(picture.reduce(4) if min(picture.size) >= 8 else picture).median[0] < 128:
        # Light text on a dark ground (a terminal or a dark-mode screenshot): straightening looks
        # for dark ink on light paper, and measured a false tilt that left nothing readable.
        picture = ImageOps.invert(picture)
    return _with_contrast(picture), (pixmap.x / scale, pixmap.y / scale), scale


def _with_contrast(picture: Image.Image) -> Image.Image:
    """`picture` with its grays stretched to black and white when they span less than
    LOW_CONTRAST (the darkest and lightest 1 % left out): faint text on a gray ground, or red on
    a green of the same brightness, which turns to two close grays. Straightening took their
    faint lines for noise and tilted them past reading (eleventh red-team review, 2026-11-27: a
    name in gray 70 on gray 50, and one in red on green, were published)."""
    low, high = _percentiles(picture, 0.01)
    return ImageOps.autocontrast(picture, cutoff=1) if high - low < LOW_CONTRAST else picture


def _percentiles(picture: Image.Image, share: float) -> tuple[int, int]:
    """The grays under which `share` of the pixels of `picture` (mode L) lie, and over which."""
    histogram = picture.histogram()
    total = sum(histogram)
    below = above = 0
    low, high = 0, 255
    for value, count in enumerate(histogram):
        below += count
        if below > share * total:
            low = value
            break
    for value in range(255, -1, -1):
        above += histogram[value]
        if above > share * total:
            high = value
            break
    return low, high


def pictures_to_read_again(pictures: list[dict]) -> list[tuple[pymupdf.Rect, bool, float | None]]:
    """Where a page paints a picture (of `pictures`, MuPDF's image information for the page) that reading the page as shown cannot read, and how to read
    it as `pdfimages` gives it back: mirrored back (its matrix turns the picture over, so its text
    reads backwards on the page), and straightened by the angle (degrees counter-clockwise, or
    None) its matrix turns it by, when that is not a quarter turn (a screenshot pasted at 20
    degrees reads as no text at all). Red-team reviews: an SSN so painted, and a name so turned,
    were published."""
    found = []
    for info in pictures:
        a, b, c, d, _, _ = info["transform"]
        mirror = a * d - b * c < 0
        x, y = (-a, b) if mirror else (a, b)  # the picture's own x axis, once mirrored back
        angle = math.degrees(math.atan2(y, x))
        off_axis = abs((angle + 45) % 90 - 45) >= MIN_TILT
        if mirror or off_axis:
            found.append((pymupdf.Rect(info["bbox"]), mirror, angle if off_axis else None))
    return found


def _read_picture(
    program: str,
    lang: str,
    picture: Image.Image,
    origin: tuple[float, float],
    scale: float,
    rotation: int,
    again: Sequence[tuple[bool, float | None]] = (),
) -> tuple[list[list[OcrWord]], int]:
    """Words of `picture`, read turned by the page's rotation, or upright as detected; then read
    again each way of `again` (mirrored back or not, straightened by an angle or not: see
    `pictures_to_read_again`), and every reading kept: a region may hold pictures of each kind."""
    lines, turned = _read_upright(program, lang, picture, origin, scale, rotation)
    for mirror, tilt in again:
        seen = ImageOps.mirror(picture) if mirror else picture
        if tilt is None:
            more, _ = _read_upright(program, lang, seen, origin, scale, rotation)
        else:
            words = _recognize(program, lang, seen, 0, round(scale * 72), tilt=tilt)
            more = _in_page_space(words, seen.size, origin, scale, 0)
        if mirror:
            axis = 2 * origin[0] + picture.width / scale  # x of the page, mirrored: axis - x
            more = [[_mirrored_word(word, axis) for word in line] for line in more]
        lines += more
    return lines, turned


def _mirrored_word(word: OcrWord, axis: float) -> OcrWord:
    """A word read in a mirrored picture, placed back on the page: its box mirrored about x =
    axis / 2, and its direction turned round along x (so the digits Rule 5.2 keeps are the
    last ones read, which the page shows first)."""
    x0, y0, x1, y1 = word.rect
    return replace(word, rect=(axis - x1, y0, axis - x0, y1), turn={0: 180, 180: 0}.get(word.turn, word.turn))


def _read_upright(
    program: str, lang: str, picture: Image.Image, origin: tuple[float, float], scale: float, rotation: int
) -> tuple[list[list[OcrWord]], int]:
    """Words of `picture`, read turned by the page's rotation, or upright as detected."""
    dpi = round(scale * 72)
    skews: dict[int, float] = {}  # each direction's tilt, measured once: the sparse reading uses it too
    words = _recognize(program, lang, picture, rotation, dpi, skews=skews)
    if _standing_on_end(words):
        # Tesseract's orientation guess is unreliable here: read it a quarter turn each way.
        readings = [
            (_recognize(program, lang, picture, (rotation + t) % 360, dpi, skews=skews), (rotation + t) % 360)
            for t in (90, 270)
        ]
        upright = [(again, turn) for again, turn in readings if not _standing_on_end(again)]
        if upright:
            words, rotation = max(upright, key=lambda reading: _score(reading[0]))
    elif _quality(words) < POOR_READING:
        detected = _orientation(program, picture.rotate(-rotation, expand=True), dpi)
        if detected:
            turn = (rotation + detected) % 360
            again = _recognize(program, lang, picture, turn, dpi, skews=skews)
            if _score(again) > _score(words):
                words, rotation = again, turn
    words = _with_sparse_reading(program, lang, picture, rotation, dpi, words, skews.get(rotation))
    return _in_page_space(words, picture.size, origin, scale, rotation), rotation


def _recognize(
    program: str,
    lang: str,
    picture: Image.Image,
    turn: int,
    dpi: int = DPI,
    tilt: float | None = None,
    skews: dict[int, float] | None = None,
) -> list[tuple[str, Rect, float, tuple]]:
    """Tesseract's words of `picture` turned `turn` degrees clockwise and straightened (by
    `tilt` degrees counter-clockwise, or as measured and noted in `skews` under `turn`), with
    boxes in the turned (not straightened) picture."""
    turned, straight, skew = _straightened(picture, turn, tilt)
    if skews is not None:
        skews[turn] = skew
    words = _glued(_tsv_words(_run(program, straight, ["-l", lang, "--psm", "3", "--dpi", str(dpi), "tsv"])))
    if skew:
        words = [(t, _unskew(b, skew, straight.size, turned.size), c, ln) for t, b, c, ln in words]
    return words


def _straightened(picture: Image.Image, turn: int, tilt: float | None) -> tuple[Image.Image, Image.Image, float]:
    """`picture` turned `turn` degrees clockwise; that, straightened by `tilt` degrees (or as
    measured); and the angle it was straightened by."""
    turned = picture.rotate(-turn, expand=True) if turn else picture
    skew = _skew(turned) if tilt is None else tilt
    straight = turned.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255) if skew else turned
    return turned, straight, skew


def _with_sparse_reading(
    program: str,
    lang: str,
    picture: Image.Image,
    turn: int,
    dpi: int,
    words: list[tuple[str, Rect, float, tuple]],
    tilt: float | None = None,
) -> list[tuple[str, Rect, float, tuple]]:
    """`words`, read turned `turn` degrees, and the words a sparse reading finds where they left
    ink unread. Tesseract's page layout analysis (--psm 3) can drop a whole narrow column of a
    table, its header and its cells ("Qty" over "148", "12", "36": a price schedule's camera
    counts stayed on the public scan; eleventh detection review). Sparse reading (--psm 11) finds
    them; each sure word that touches no word of the first reading is added, a line of its own.
    Only the part of the picture around the unread ink is read again (on pleading paper, the
    column of line numbers), straightened by the whole page's `tilt` (a strip of numbers has too
    few lines to measure), and only once the picture's direction is settled: words read upside
    down would count for it."""
    turned = picture.rotate(-turn, expand=True) if turn else picture
    region = _unread_region(turned, [box for _, box, _, _ in words], dpi)
    if region is None:
        return words
    part, straight, skew = _straightened(turned.crop(region), 0, _skew(turned) if tilt is None else tilt)
    sparse = _tsv_words(_run(program, straight, ["-l", lang, "--psm", "11", "--dpi", str(dpi), "tsv"]))
    if skew:
        sparse = [(t, _unskew(b, skew, straight.size, part.size), c, ln) for t, b, c, ln in sparse]
    left, top = region[:2]
    sparse = [(t, (b[0] + left, b[1] + top, b[2] + left, b[3] + top), c, ln) for t, b, c, ln in sparse]
    added = [
        (text, box, confidence, (SPARSE_BLOCKS + line[0], *line[1:]))
        for text, box, confidence, line in sparse
        if confidence >= MIN_CONFIDENCE and not any(_touch(box, other) for _, other, _, _ in words)
    ]
    return words + _glued(added)


SPARSE_BLOCKS = 100_000  # block numbers of words added by sparse reading, apart from the first reading's


def _tsv_words(output: str) -> list[tuple[str, Rect, float, tuple]]:
    """The words of Tesseract's TSV output: text, box, confidence, (block, paragraph, line)."""
    words = []
    for row in output.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != 12 or cells[0] != "5":
            continue
        text = _read_as_digits(cells[11].strip())
        if not text:
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        box = (float(left), float(top), float(left + width), float(top + height))
        words.append((text, box, float(cells[10]), (int(cells[2]), int(cells[3]), int(cells[4]))))
    return words


def _touch(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _unread_region(picture: Image.Image, boxes: list[Rect], dpi: int) -> tuple[int, int, int, int] | None:
    """The part of `picture` (a box in its pixels) holding the ink away from every word read
    (`boxes`), if that ink is as much as two or three digits make, or None: seen at about 150
    dpi, where a few specks of dust are less. Straight runs as long as a few letters (table
    rules, pleading paper's margin lines, underlines) are not text and do not count; a
    signature or a stamp does."""
    factor = max(1, round(dpi / 150))
    small = (picture.reduce(factor) if factor > 1 else picture).convert("L")  # one band: histogram()[128:] counts ink
    ink = small.point(lambda value: 255 if value < 128 else 0)
    draw = ImageDraw.Draw(ink)
    margin = 2
    for x0, y0, x1, y1 in boxes:
        draw.rectangle((x0 / factor - margin, y0 / factor - margin, x1 / factor + margin, y1 / factor + margin), fill=0)
    ink = _without_rules(ink)
    if sum(ink.histogram()[128:]) < UNREAD_INK:
        return None
    # Where ink is dense enough to be letters: specks (a rule's end beyond where it crosses
    # another) would stretch the part read again across the page.
    found = ink.reduce(8).point(lambda value: 255 if value >= 24 else 0).getbbox()
    if found is None:
        return None
    pad = 20  # around the ink: room for Tesseract to see a word whole, and white around it
    x0, y0, x1, y1 = ((v * 8 - pad if i < 2 else v * 8 + pad) * factor for i, v in enumerate(found))
    return max(0, x0), max(0, y0), min(picture.width, x1), min(picture.height, y1)


def _without_rules(ink: Image.Image) -> Image.Image:
    """`ink` (255 where there is ink) without its straight runs across or down as long as
    `RULE` pixels."""
    for transposed in (False, True):
        grid = ink.transpose(Image.Transpose.TRANSPOSE) if transposed else ink
        width = grid.width
        data = bytearray(grid.tobytes())
        for row in range(0, len(data), width):
            for run in _RULE.finditer(data, row, row + width):
                data[run.start() : run.end()] = bytes(run.end() - run.start())
        grid = Image.frombytes("L", grid.size, bytes(data))
        ink = grid.transpose(Image.Transpose.TRANSPOSE) if transposed else grid
    return ink


_RULE = re.compile(rb"\xff{25,}")  # at about 150 dpi: 4 mm, longer than a stroke of 12-point type
UNREAD_INK = 150  # pixels at about 150 dpi: two or three digits of 10-point type


_AS_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})


def _read_as_digits(text: str) -> str:
    """Undo the usual misreadings of digits as letters, in tokens that are mostly digits
    ("5l2-43-88l7", "2O19") and in a lone bar (the "1" of "lanes 1 through 24" read as "|"),
    so that number patterns match what the picture shows."""
    if text == "|":
        return "1"
    alnum = [c for c in text if c.isalnum()]
    digits = sum(c.isdigit() for c in alnum)
    if digits >= 2 and 2 * digits >= len(alnum):
        return text.translate(_AS_DIGITS)
    return text


MAX_SKEW = 6.0  # degrees; a page tilted more than this was not fed to a scanner by hand


def _skew(picture: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that straightens the text lines of `picture`: the
    one under which rows of ink and rows of paper alternate most sharply (a projection profile).
    0 when the picture is already straight to within a quarter of a degree."""
    small = ImageOps.invert(picture.reduce(max(1, picture.width // 600)))
    # The corners a turn brings in take the ground's colour: black ones, against a gray ground,
    # made a false tilt of 6 degrees look sharpest (eleventh red-team review).
    ground = round(ImageStat.Stat(small).median[0])

    def sharpness(angle: float) -> float:
        turned = small.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=ground)
        rows = turned.resize((1, small.height), Image.Resampling.BOX)
        values = rows.tobytes()  # one byte a row: mode L
        mean = sum(values) / len(values)
        return sum((v - mean) ** 2 for v in values)

    best = max((a / 2 for a in range(int(-2 * MAX_SKEW), int(2 * MAX_SKEW) + 1)), key=sharpness)
    best = max((best + a / 10 for a in range(-5, 6)), key=sharpness)
    return round(best, 1) if abs(best) >= 0.25 else 0.0


def _unskew(box: Rect, angle: float, straight: tuple[int, int], turned: tuple[int, int]) -> Rect:
    """A box of the straightened picture, as the box around it in the picture before straightening."""
    radians = math.radians(angle)
    cos, sin = math.cos(radians), math.sin(radians)
    points = []
    for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
        dx, dy = x - straight[0] / 2, y - straight[1] / 2
        # PIL turned the picture counter-clockwise by `angle` (y down); turn the point back.
        points.append((dx * cos - dy * sin + turned[0] / 2, dx * sin + dy * cos + turned[1] / 2))
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _orientation(program: str, picture: Image.Image, dpi: int = DPI) -> int:
    """Degrees to turn `picture` clockwise to stand it upright, from Tesseract's OSD (0 if unknown)."""
    try:
        output = _run(program, picture, ["--psm", "0", "--dpi", str(dpi)])
    except MissingDependency:
        return 180  # no orientation data: upside down is the common mistake of a scanner
    for line in output.splitlines():
        if line.startswith("Rotate:"):
            return int(line.split(":")[1]) % 360
    return 0


def _run(program: str, picture: Image.Image, arguments: list[str]) -> str:
    buffer = io.BytesIO()
    picture.save(buffer, format="PPM")  # mode L saves as PGM: no compression to pay for
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core per process; the pool spreads pages
    try:
        result = subprocess.run(
            [program, "stdin", "stdout", *arguments],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise MissingDependency(f"Tesseract took more than {TIMEOUT} s on one picture and was stopped") from error
    if result.returncode != 0:
        # Tesseract's stderr may quote its input file name at most: never document text.
        first = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise MissingDependency(f"Tesseract failed on a picture: {first[0][:200]}")
    return result.stdout.decode("utf-8", "replace")


def _quality(words: list[tuple]) -> float:
    """Median confidence of the words that hold letters or digits (0 when nothing was read)."""
    scores = sorted(w[2] for w in words if any(c.isalnum() for c in w[0]))
    return scores[len(scores) // 2] if scores else 0.0


def _standing_on_end(words: list[tuple]) -> bool:
    """Whether most of what was read runs across the picture's lines: Tesseract reads a line of
    text standing on end (a landscape exhibit placed sideways) in place, with its words stacked
    one above the other, and the direction of their letters is then not known. Such a picture
    is read again turned upright."""
    upright = sideways = 0
    for text, (x0, y0, x1, y1), *_ in words:
        if len(text) > 2:
            if y1 - y0 > 1.5 * (x1 - x0):
                sideways += len(text)
            else:
                upright += len(text)
    return sideways > upright


def _score(words: list[tuple]) -> float:
    return sum(w[2] * len(w[0]) for w in words if w[2] >= MIN_CONFIDENCE)


def _in_page_space(
    words: list[tuple[str, Rect, float, tuple]],
    size: tuple[int, int],
    origin: tuple[float, float],
    scale: float,
    turn: int,
) -> list[list[OcrWord]]:
    """Boxes of a picture turned `turn` degrees clockwise, back in unrotated page points, by line."""
    width, height = size
    lines: dict[tuple, list[OcrWord]] = {}
    for text, (x0, y0, x1, y1), confidence, line in words:
        corners = [_unturn(x, y, width, height, turn) for x, y in ((x0, y0), (x1, y1))]
        xs = sorted(c[0] for c in corners)
        ys = sorted(c[1] for c in corners)
        # Tesseract boxes the ink; pad it so a redaction box also takes the anti-aliased edge
        # and stands as tall as a line of type.
        pad = max(1.0, 0.2 * (min(xs[1] - xs[0], ys[1] - ys[0]) / scale))
        rect = (
            origin[0] + xs[0] / scale - pad,
            origin[1] + ys[0] / scale - pad,
            origin[0] + xs[1] / scale + pad,
            origin[1] + ys[1] / scale + pad,
        )
        lines.setdefault(line, []).append(OcrWord(text, rect, confidence, line, turn, pad))
    return list(lines.values())


def _glued(words: list[tuple[str, Rect, float, tuple]]) -> list[tuple[str, Rect, float, tuple]]:
    """Pieces of one token made one word again, where they share a row of the picture:
    Tesseract may split an e-mail address at its @ ("m.ortega.family" "@" "gmail.com"),
    or return overlapping boxes for what is printed as one word."""
    glued: list[tuple[str, Rect, float, tuple]] = []
    for word in words:
        if glued and glued[-1][3] == word[3] and _same_row(glued[-1][1], word[1]):
            text, box, confidence, line = glued[-1]
            overlapping = word[1][0] < box[2] - 3
            if overlapping or text.endswith("@") or word[0].startswith("@"):
                union = (
                    min(box[0], word[1][0]),
                    min(box[1], word[1][1]),
                    max(box[2], word[1][2]),
                    max(box[3], word[1][3]),
                )
                glued[-1] = (text + word[0], union, min(confidence, word[2]), line)
                continue
        glued.append(word)
    return glued


def _same_row(a: Rect, b: Rect) -> bool:
    """Whether two boxes share most of their height: words of a line that runs along x (the
    words of a line standing on end are stacked and overlap along x, and must stay apart)."""
    return min(a[3], b[3]) - max(a[1], b[1]) > 0.5 * min(a[3] - a[1], b[3] - b[1])


def _unturn(x: float, y: float, width: int, height: int, turn: int) -> tuple[float, float]:
    """A point of the picture turned `turn` degrees clockwise, in the unturned picture."""
    if turn == 90:
        return y, height - x
    if turn == 180:
        return width - x, height - y
    if turn == 270:
        return width - y, x
    return x, y
