"""Read a PDF into one searchable string of words, the way a reader sees the text.

Detection runs regular expressions over a single string for the whole document,
so that a match may cross a line break or a page break. This module builds that
string from MuPDF's words (every word the file holds: invisible, white,
off-page and covered text included) and keeps, for every character of the
string, the word it came from, so that a match can be turned back into boxes on
pages.

Decisions that shape the string:
- Body lines of all pages form one flow, in MuPDF's reading order (blocks as
  the file lays them out, so a two-column page reads column by column).
- Page furniture (pleading-paper line numbers, running headers and footers)
  is kept out of the body flow, so a sentence that crosses a page break reads
  as one sentence; each furniture line is searched on its own after the body.
- A word broken by a hyphen at the end of a line is healed ("infra-" +
  "structure" reads "infrastructure") unless the word already holds a hyphen
  ("pan-tilt-" + "zoom" reads "pan-tilt-zoom") or the hyphen follows a digit
  or precedes a capital ("512-43-" + "8817", "Smith-" + "Jones"): then the
  lines are joined with the hyphen kept. A line ending in an e-mail's "@"
  joins the next.
- Letter-spaced text that MuPDF reads as one-character words is joined back.
- A page that draws a line's text out of reading order (MuPDF reads glyphs in
  drawing order) is read by character position instead.
"""

from __future__ import annotations

import math
import re
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pymupdf

from redactor.layout import EVERYWHERE, TEXT_FLAGS, PageLayout, RawWord
from redactor.ocr import OcrWord

_LINE_NUMBER = re.compile(r"\d{1,2}")
_DIGITS = re.compile(r"\d+")
FURNITURE_SEPARATOR = "\n\n\n"
SIDEWAYS_COS = 0.97  # a line turned more than about 14 degrees from left to right is sideways for cutting


@dataclass(slots=True)
class Word:
    """One word on one page, with where its text sits in the flow string."""

    page: int  # 0-based
    text: str
    rect: tuple[float, float, float, float]
    line: int  # document-wide line number, for grouping
    start: int = -1  # offset of the word in the flow string
    flow_len: int = 0  # characters of the word in the flow (a healed hyphen is left out)
    upright: bool = True  # False when the word is rotated or tilted on the page
    confidence: float | None = None  # Tesseract's, for a word recognized in a picture; None: the file's text
    turn: int = 0  # for a recognized word: degrees its picture was turned to read it (its direction)


@dataclass(slots=True)
class DocumentText:
    """The flow string of a document and the map back to its words."""

    text: str
    words: list[Word]
    page_count: int
    body_end: int  # offsets from here on are furniture lines, searched on their own
    furniture_lines: dict[int, list[int]] = field(default_factory=dict)  # page -> line tops
    unreadable_pages: list[int] = field(default_factory=list)  # pages with U+FFFD glyphs
    # Pages turned by /Rotate: the matrix from the page's own space to the space it is shown in.
    turned: dict[int, tuple[float, float, float, float, float, float]] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list, repr=False)

    def index_of(self, word: Word) -> int:
        """Where `word` stands in `words` (flow offsets grow word by word: a bisection)."""
        return bisect_left(self._starts, word.start)

    def words_between(self, start: int, end: int) -> list[tuple[Word, int, int]]:
        """The words touched by flow offsets [start, end), with the slice of each word's text."""
        result: list[tuple[Word, int, int]] = []
        index = max(bisect_right(self._starts, start) - 1, 0)
        while index < len(self.words):
            word = self.words[index]
            if word.start >= end:
                break
            word_end = word.start + word.flow_len
            if word_end > start:
                lo = max(start, word.start) - word.start
                hi = min(end, word_end) - word.start
                if hi == word.flow_len and word.flow_len < len(word.text):
                    hi = len(word.text)  # take the healed hyphen along with the word
                result.append((word, lo, hi))
            index += 1
        return result


def lowered(text: str) -> str:
    """`text` in lower case, character for character (offsets stay those of `text`)."""
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lower-cased
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lower


def read_document(
    doc: pymupdf.Document,
    recognized: dict[int, list[list[OcrWord]]] | None = None,
    layouts: list[PageLayout] | None = None,
) -> DocumentText:
    """Build the flow string of every page of `doc`; `recognized` adds, per 0-based page, the
    lines that OCR read in its pictures (lines the file's own text already holds are left out).
    The words are taken from `layouts` when given (they were read there already)."""
    recognized = recognized or {}
    pages = []
    turned: dict[int, tuple[float, float, float, float, float, float]] = {}
    for number in range(doc.page_count):
        raw = layouts[number].words if layouts is not None else None
        turn = layouts[number].turn if layouts is not None else None
        if raw is None:
            page = doc[number]
            raw = page.get_text("words", flags=TEXT_FLAGS, clip=EVERYWHERE)
            turn = tuple(page.rotation_matrix) if page.rotation else None
        if turn is not None:
            turned[number] = turn
        lines = _page_lines(raw, number, doc, turn is not None)
        lines += _recognized_lines(recognized.get(number, []), lines, number)
        pages.append(lines)
    keys = [[_line_key(line) for line in lines] for lines in pages]
    furniture = _furniture_keys(keys)
    body: list[list[Word]] = []
    extra: list[list[Word]] = []
    unreadable: list[int] = []
    for number, lines in enumerate(pages):
        margin = doc[number].rect.width * 0.2
        for line, key in zip(lines, keys[number], strict=True):
            if _is_furniture(line, key, margin, furniture):
                extra.append(line)
            else:
                body.append(line)
        if any("\ufffd" in word.text for line in lines for word in line):
            unreadable.append(number)
    builder = _FlowBuilder()
    for line in body:
        builder.add_line(line)
    body_end = builder.length
    for line in extra:
        builder.add_separate(line)
    document = DocumentText(
        text="".join(builder.parts),
        words=builder.words,
        page_count=doc.page_count,
        body_end=body_end,
        unreadable_pages=unreadable,
        turned=turned,
    )
    document._starts = [word.start for word in builder.words]
    return document


def _page_lines(
    raw: Iterable[RawWord], number: int, doc: pymupdf.Document | None = None, turned: bool = False
) -> list[list[Word]]:
    """The page's words grouped in lines, in MuPDF's reading order. If the page draws a line out
    of order (see `_drawn_out_of_order`) and `doc` is given, its words are made again from its
    characters placed by position: MuPDF strings glyphs in the order they are drawn, so a value
    drawn right to left reads "7188-34-215", and "citsig" for "gistic"."""
    lines: dict[tuple[int, int], list[Word]] = {}
    for x0, y0, x1, y1, text, block, line, _ in raw:
        word = Word(number, text, (x0, y0, x1, y1), 0)  # positional: this runs for every word
        words = lines.get((block, line))
        if words is None:
            lines[block, line] = [word]
        else:
            words.append(word)
    if doc is not None and _drawn_out_of_order(lines.items()):
        return _page_lines(_words_by_position(doc[number]), number)
    grouped = [_join_letter_spaced(words) for words in lines.values()]
    _mark_rotated(grouped)
    if doc is not None and (turned or any(not w.upright for line in grouped for w in line)):
        _mark_sideways_lines(doc[number], list(lines), grouped)
    return grouped


def _mark_sideways_lines(page: pymupdf.Page, keys: list[tuple[int, int]], grouped: list[list[Word]]) -> None:
    """Flag every word of a line MuPDF reads in another direction than left to right, on a page
    turned by /Rotate or already showing sideways text. A short sideways word ("root", "4") has a
    box no taller than an upright one, so `_mark_rotated` took it for upright: its cut was a
    horizontal band through it, a letter stayed, and a landscape exhibit could not be redacted
    (verification failed; table review). Asked only of such pages: it reads the page's lines."""
    blocks = page.get_text("dict", flags=TEXT_FLAGS, clip=EVERYWHERE)["blocks"]
    directions = {(b["number"], n): line["dir"] for b in blocks for n, line in enumerate(b.get("lines", ()))}
    for key, words in zip(keys, grouped, strict=True):
        cos, _ = directions.get(key, (1.0, 0.0))
        if cos < SIDEWAYS_COS:
            for word in words:
                word.upright = False


def _drawn_out_of_order(lines: Iterable[tuple[tuple[int, int], list[Word]]]) -> bool:
    """Whether one of MuPDF's lines starts left of the end of text read before it in the same
    block and row (the same bottom, to the tenth of a point): the page draws a line's text out of
    reading order. (Within one of its lines MuPDF reads left to right: it starts a new line
    wherever the drawing jumps back.) Text of other blocks does not count (a pleading line
    number drawn after its line, a table's other cell), nor the same word drawn again in place
    (bold made by overprinting)."""
    read: dict[tuple[int, int], tuple[float, Word]] = {}  # block and row: right end so far, last word
    for (block, _), words in lines:
        first = words[0]
        x0, y0, _, y1 = first.rect
        key = (block, round(y1 * 10))
        before = read.get(key)
        last = words[-1]  # within one of MuPDF's lines, the rightmost
        read[key] = (max(before[0], last.rect[2]) if before else last.rect[2], last)
        if before is None:
            continue
        end, previous = before
        reach = 0.5 * (y1 - y0)
        if x0 < end - reach and not (first.text == previous.text and abs(x0 - previous.rect[0]) < reach):
            return True
    return False


def _words_by_position(page: pymupdf.Page) -> list[RawWord]:
    """The page's words made from its characters in the order a reader sees them. The characters
    of left-to-right lines are grouped in rows across the page by height, each row is read by x
    and cut where a gap is wider than one and a half times its height (a gutter between columns),
    and the pieces are read in the order of the first block MuPDF drew them in, then top to
    bottom: a paragraph stays whole and columns stay apart. A word ends at a gap of a tenth of
    the row's height (a space is a quarter of it); space characters are not trusted, since MuPDF
    adds one wherever the drawing jumps back. Lines that run another way keep MuPDF's order."""
    across: list[_Char] = []
    other: list[list[_Char]] = []
    for number, block in enumerate(page.get_text("rawdict", flags=TEXT_FLAGS, clip=EVERYWHERE)["blocks"]):
        for line in block.get("lines", ()):
            chars = [(*char["bbox"], char["c"], number) for span in line["spans"] for char in span["chars"]]
            if line["dir"][0] > 0.99:
                across.extend(c for c in chars if not c[4].isspace())
            else:
                other.append(chars)
    pieces: list[list[_Char]] = []
    for row in _rows(across):
        height = row[0][3] - row[0][1]
        piece = [row[0]]
        for char in row[1:]:
            if char[0] - piece[-1][2] > 1.5 * height:
                pieces.append(piece)
                piece = []
            piece.append(char)
        pieces.append(piece)
    pieces.sort(key=lambda p: (min(c[5] for c in p), p[0][1], p[0][0]))
    words: list[RawWord] = []
    for index, piece in enumerate(pieces):
        _split_words(piece, min(c[5] for c in piece), index, words)
    for index, chars in enumerate(other, start=len(pieces)):
        # Turned text: MuPDF's order and its spaces stand.
        number = 0
        current: list[_Char] = []
        for char in [*chars, None]:
            if char is not None and not char[4].isspace():
                current.append(char)
            elif current:
                words.append((*_box(current), "".join(c[4] for c in current), current[0][5], index, number))
                number += 1
                current = []
    return words


_Char = tuple[float, float, float, float, str, int]  # box, character, MuPDF's block


def _rows(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped in rows (middles within half a character's height), each read by x."""
    rows: list[list[_Char]] = []
    for char in sorted(chars, key=lambda c: (c[1] + c[3]) / 2):
        first = rows[-1][0] if rows else None
        if first is not None and abs((char[1] + char[3]) / 2 - (first[1] + first[3]) / 2) < 0.5 * (first[3] - first[1]):
            rows[-1].append(char)
        else:
            rows.append([char])
    return [sorted(row, key=lambda c: c[0]) for row in rows]


def _split_words(chars: list[_Char], block: int, row: int, out: list[RawWord]) -> None:
    """Characters of a row read by x, cut into words where a gap is a tenth of their height."""
    current: list[_Char] = []
    index = 0
    for char in [c for c in chars if not c[4].isspace()] + [(math.inf, 0.0, 0.0, 0.0, "", 0)]:
        if current and char[4] == current[-1][4] and abs(char[0] - current[-1][0]) < 0.3 * (char[2] - char[0]):
            continue  # the same glyph drawn again over itself (bold made by overprinting)
        if current and char[0] - max(c[2] for c in current) > (current[-1][3] - current[-1][1]) / 10:
            out.append((*_box(current), "".join(c[4] for c in current), block, row, index))
            index += 1
            current = []
        current.append(char)


def _box(chars: list[_Char]) -> tuple[float, float, float, float]:
    return min(c[0] for c in chars), min(c[1] for c in chars), max(c[2] for c in chars), max(c[3] for c in chars)


def _recognized_lines(ocr_lines: list[list[OcrWord]], lines: list[list[Word]], number: int) -> list[list[Word]]:
    """OCR lines as words, without the paragraphs whose every word the file's text layer holds
    at the same place (an OCR layer that matches its picture need not be searched twice). A
    paragraph is kept or dropped whole, so that a sentence keeps its context."""
    if not ocr_lines:
        return []
    layer = layer_index((word.text, word.rect) for line in lines for word in line)
    paragraphs: dict[tuple[int, int], list[list[OcrWord]]] = {}
    for ocr_line in ocr_lines:
        paragraphs.setdefault(ocr_line[0].line[:2], []).append(ocr_line)
    result = []
    for paragraph in paragraphs.values():
        if held_by(layer, [w for ln in paragraph for w in ln]):
            continue
        for ocr_line in paragraph:
            result.append([Word(number, w.text, w.rect, 0, confidence=w.confidence, turn=w.turn) for w in ocr_line])
    return result


Rect = tuple[float, float, float, float]
LayerIndex = dict[str, list[Rect]]


def layer_index(words: Iterable[tuple[str, Rect]]) -> LayerIndex:
    """A text layer's words by `match_key`, to ask whether recognized words are already there."""
    layer: LayerIndex = {}
    for text, rect in words:
        layer.setdefault(match_key(text), []).append(rect)
    return layer


def held_by(layer: LayerIndex, words: Iterable[OcrWord]) -> bool:
    """Whether the layer holds every one of the recognized `words`, each at the same place."""
    return all(any(same_place(w.rect, r) for r in layer.get(match_key(w.text), ())) for w in words)


def match_key(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def same_place(a: Rect, b: Rect) -> bool:
    """Boxes overlapping by at least half of the smaller one."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return False
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height >= 0.5 * smaller


def _mark_rotated(lines: list[list[Word]]) -> None:
    """Flag words whose box is much taller than the page's usual line: rotated or tilted text."""
    heights = [w.rect[3] - w.rect[1] for line in lines for w in line]
    if not heights:
        return
    usual = statistics.median(heights)
    for line in lines:
        for word in line:
            width = word.rect[2] - word.rect[0]
            height = word.rect[3] - word.rect[1]
            if height > 1.4 * usual or (len(word.text) > 2 and height > 1.5 * width):
                word.upright = False


def _join_letter_spaced(words: list[Word]) -> list[Word]:
    """Merge runs of one-character words (letter-spaced text) into the words they spell."""
    if len(words) < 3 or sum(len(w.text) == 1 for w in words) < 3:
        return words
    merged: list[Word] = []
    index = 0
    while index < len(words):
        end = index
        while end < len(words) and len(words[end].text) == 1:
            end += 1
        if end - index < 3:
            merged.append(words[index])
            index += 1
            continue
        run = words[index:end]
        gaps = [b.rect[0] - a.rect[2] for a, b in zip(run, run[1:], strict=False)]
        limit = 1.6 * statistics.median(gaps) + 0.5
        current = [run[0]]
        for gap, word in zip(gaps, run[1:], strict=True):
            if gap <= limit:
                current.append(word)
            else:
                merged.append(_merge(current))
                current = [word]
        merged.append(_merge(current))
        index = end
    return merged


def _merge(words: list[Word]) -> Word:
    rect = pymupdf.Rect(words[0].rect)
    for word in words[1:]:
        rect |= word.rect
    return Word(page=words[0].page, text="".join(w.text for w in words), rect=tuple(rect), line=0)


def _furniture_keys(pages: list[list[tuple[int, str]]]) -> set[tuple[int, str]]:
    """Lines (by `_line_key`) that repeat at the same height on most pages: running headers and footers."""
    if len(pages) < 2:
        return set()
    counts: Counter[tuple[int, str]] = Counter()
    for keys in pages:
        counts.update(set(keys))
    needed = max(2, (len(pages) + 1) // 2)
    return {key for key, count in counts.items() if count >= needed}


def _line_key(line: list[Word]) -> tuple[int, str]:
    text = " ".join(w.text for w in line)
    return (round(line[0].rect[1] / 6), _DIGITS.sub("#", text))


def _is_furniture(line: list[Word], key: tuple[int, str], margin: float, furniture: set[tuple[int, str]]) -> bool:
    """`margin`: the width of the page's left fifth, where pleading paper numbers its lines."""
    if len(line) == 1 and _LINE_NUMBER.fullmatch(line[0].text):
        return line[0].rect[2] < margin
    return key in furniture


_HYPHENS = "-\u2010\u2011\u00ad"


def _line_end(last: str) -> str:
    """How the line ending in word `last` joins the next one, if that starts with a letter or
    digit: "drop" its hyphen ("infra-|structure": a word hyphenated where the line breaks, if the
    next starts in lower case), "keep" it and join ("pan-tilt-|zoom", "Smith-|Jones",
    "512-43-|8817": a hyphen that is part of the word, which digits and capitals tell), "keep"
    after an e-mail's "@", or "" (a line break)."""
    if len(last) < 2 or not last[-2].isalnum():
        return ""
    if last[-1] == "@":
        return "keep"
    if last[-1] not in _HYPHENS:
        return ""
    if last[-2].isalpha() and len(last) > 2 and not any(h in last[:-1] for h in _HYPHENS):
        return "drop"
    return "keep"


class _FlowBuilder:
    """Appends lines to the flow string, healing hyphenated line breaks."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.words: list[Word] = []
        self.length = 0
        self._line_number = 0
        self._hyphen = ""  # "drop": heal "infra-|structure"; "keep": join "pan-tilt-|zoom"

    def _emit(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def add_line(self, line: list[Word]) -> None:
        self._line_number += 1
        first = line[0].text[:1]
        if self.words:
            if self._hyphen == "drop" and first.islower():
                self._drop_previous_hyphen()
            elif not (self._hyphen and first.isalnum()):
                self._emit("\n")
        self._hyphen = ""
        self._place_line(line)
        self._hyphen = _line_end(line[-1].text)

    def add_separate(self, line: list[Word]) -> None:
        """A line searched on its own: nothing before or after it joins it."""
        self._hyphen = ""
        self._emit(FURNITURE_SEPARATOR)
        self._line_number += 1
        self._place_line(line)

    def _place_line(self, line: list[Word]) -> None:
        """The words of a line, a space between each (locals: this runs for every word)."""
        parts, words, length, number = self.parts, self.words, self.length, self._line_number
        for position, word in enumerate(line):
            if position:
                parts.append(" ")
                length += 1
            word.line = number
            word.start = length
            word.flow_len = size = len(word.text)
            words.append(word)
            parts.append(word.text)
            length += size
        self.length = length

    def _drop_previous_hyphen(self) -> None:
        previous = self.words[-1]
        previous.flow_len -= 1
        self.parts[-1] = self.parts[-1][:-1]
        self.length -= 1
