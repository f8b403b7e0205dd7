"""Values down a table's column, under a header that says what they are.

A declaration's table of cameras per port ("Port of Entry  Lanes  Cameras  Monitors", then "San
Ysidro  26  48  3") reads in the flow string as a row of numbers: no pattern over the text can
tell which number counts cameras, and the table was published whole. Here a rule's column
headers are found in the flow and placed on the page by their words. Each row of a page is cut
into cells where its words stand further apart than words of a sentence do. A header counts when
it is a whole cell of a row of two cells or more; each cell below it whose middle lies in its
column is matched whole against the rule's patterns. The column ends at a line of prose, an
empty band a few rows tall, or the end of the page (a table that fills its page goes on at the
top of the next). Each cell comes with the rest of its row, for a rule that asks the row
("Qty" counts cameras only on a row that names them; a "Name" is a minor's on a row saying "Son").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pymupdf

from redactor.policy import Rule
from redactor.textmodel import DocumentText, Word, lowered

# Two cells of a row stand at least this many times the text's height apart (a space between two
# words of a sentence is about a quarter of it), and this many times its letters' average width (a
# transcript typed in Courier puts two spaces, as wide as two letters, after a period).
CELL_GAP = 0.6
CELL_LETTERS = 2.2
# A column ends at an empty band this many times the header's height (about three rows).
ROWS_APART = 3.5
# A cell of this many words, reaching this many times the column's width, is a line of prose.
PROSE_WORDS = 4
PROSE_WIDTH = 2.0
# A row of this many cells, this share of whose words are in lower case, is prose spread wide.
PROSE_CELLS = 5
PROSE_SHARE = 0.5
# OCR reads a ruling line between two cells as one of these marks, unsure of it (confidence 0-100).
_RULE_MARKS = frozenset("|1lI![]")
RULE_CONFIDENCE = 50
# At most this many rows are read below one header (a page holds about 60 single-spaced).
MAX_ROWS = 400
_HEADER_PUNCTUATION = " :#()*.\u2019'|_"  # "|" and "_": a ruling line, read in a scan
# What a header may say after its name: its unit, in brackets ("Coverage (%)", "Retention (days)",
# "Unit price ($)", "Coverage gaps (lanes)").
_UNIT = re.compile(r"\s*[(\[][^()\[\]]{1,12}[)\]]?$")

Row = list[list[Word]]  # cells, left to right; each cell's words left to right


@dataclass(frozen=True, slots=True)
class Cell:
    """The words of one cell under a header, and the header's text (for the reviewer)."""

    words: list[Word]
    header: str
    # The row's other cells, each with the header above it ("" if none): those of the cell's line and
    # of the lines that continue it (a description wrapped onto the next line, no cell in this column).
    row: tuple[tuple[str, str], ...] = ()


class Columns:
    """The cells under the column headers of a policy's column rules: the document is searched
    once for every rule's headers, and each page's words are put in rows once, when a header is
    found on it."""

    def __init__(self, document: DocumentText, rules: list[Rule] | None = None) -> None:
        self.document = document
        self.rules = [rule for rule in (rules or []) if rule.columns]
        self._by_page: dict[int, list[Word]] | None = None
        self._rows: dict[int, list[Row]] = {}
        self._found: list[tuple[Rule, Cell]] | None = None
        self._cell_of_word: dict[int, list[Word]] = {}  # id(word) -> its cell, in the tables found
        self._source: dict[int, Word] = {}  # id(a word as shown on a turned page) -> the document's word
        self._where: dict[int, tuple[Row, int]] = {}  # id(the document's word) -> its row, its cell's index
        self._header_words: set[int] = set()  # id(the document's word) of the column headers found

    def cells(self) -> list[tuple[Rule, Cell]]:
        """Every cell below a header of one of the rules, in that header's column, with the rule."""
        if self._found is None:
            self._found = list(self._find_cells())
        return self._found

    def table_cell(self, word: Word) -> list[Word] | None:
        """The cell holding `word` if it stands in a table whose column a rule's header names (its
        header row, or a row read below it), else None. Only such tables count: a justified
        transcript spreads its words into cells that line up from line to line, and a sentence
        rule's sentence there was cut to a few words (`redactor.detect`)."""
        self.cells()
        return self._cell_of_word.get(id(word))

    def is_header(self, word: Word) -> bool:
        """Whether `word` stands in a header a column rule named ("Coverage gaps")."""
        self.cells()
        return id(word) in self._header_words

    def _find_cells(self) -> Iterator[tuple[Rule, Cell]]:
        if not self.rules:
            return
        document = self.document
        headers = tuple(header for rule in self.rules for header in rule.columns)
        # A header may be set on two lines ("Blind" over "Spots"): its first word is looked for too.
        every = _pattern(headers + tuple(h.split()[0] for h in headers if " " in h))  # one search for all
        whole = set(headers)
        seen: set[tuple[int, ...]] = set()
        for hit in _hits(every, lowered(document.text[: document.body_end])):
            words = [word for word, _, _ in document.words_between(hit.start(), hit.end())]
            if not words or not (words[0].upright or words[0].page in document.turned):
                continue
            complete = " ".join(hit.group().split()) in whole  # else the first word of a header on two lines
            if _within_a_sentence(document, words[0], words[-1] if complete else None):
                continue  # most hits: "the cameras at the port" (rows are made only where needed)
            word = words[0]
            rows = self.rows(word.page)
            row, index = self._where.get(id(word), (None, 0))
            if row is None:
                continue
            for header, span in _headings(rows, row, index):
                key = tuple(id(w) for w in header)
                if key in seen:
                    continue
                seen.add(key)
                for rule in self.rules:
                    if _is_header(header, rule):
                        title = " ".join(w.text for w in header)
                        self._header_words.update(id(self._source.get(id(w), w)) for w in header)
                        heading = {id(w) for w in header}
                        self._in_table([r for r in rows if any(id(w) in heading for c in r for w in c)])
                        cells = self._cells_below(header, span, title, row)
                        yield from ((rule, cell) for cell in cells)

    def rows(self, page: int) -> list[Row]:
        """The body words of `page`, upright as shown, in rows from top to bottom, cut into cells.
        On a page turned by /Rotate (a landscape exhibit) the words are placed as shown: copies
        of the document's words, whose boxes are turned with the page (`_source` maps them back)."""
        if page not in self._rows:
            if self._by_page is None:
                self._by_page = {}
                turned = self.document.turned
                for word in self.document.words:
                    if (word.upright or word.page in turned) and 0 <= word.start < self.document.body_end:
                        self._by_page.setdefault(word.page, []).append(word)
            words = self._by_page.get(page, [])
            if page in self.document.turned:
                words = [self._as_shown(word, pymupdf.Matrix(self.document.turned[page])) for word in words]
            self._rows[page] = _in_rows(words)
            for row in self._rows[page]:
                for index, cell in enumerate(row):
                    for shown in cell:
                        self._where[id(self._source.get(id(shown), shown))] = (row, index)
        return self._rows[page]

    def _as_shown(self, word: Word, matrix: pymupdf.Matrix) -> Word:
        shown = replace(word, rect=tuple(pymupdf.Rect(word.rect) * matrix))
        self._source[id(shown)] = word
        return shown

    def _in_table(self, rows: list[Row]) -> None:
        for row in rows:
            for cell in row:
                for word in cell:
                    self._cell_of_word[id(self._source.get(id(word), word))] = cell

    def _cells_below(self, header: list[Word], span: tuple[float, float], title: str, heading: Row) -> Iterator[Cell]:
        """The cells in the column `span` below `header`, each with the rest of its row, whose
        cells are named by the header row `heading`'s cell above them."""
        table = self._rows_below(header, span)
        headers = [(" ".join(w.text for w in cell), _column(heading, i)) for i, cell in enumerate(heading)]

        def named(cell: list[Word]) -> tuple[str, str]:
            above = next((text for text, column in headers if _in_span(cell, column)), "")
            return above, " ".join(w.text for w in cell)

        for position, row in enumerate(table):
            for cell in row:
                if _in_span(cell, span):
                    lines = [row, *_continuing(table, position, span)]
                    yield Cell(cell, title, tuple(named(c) for line in lines for c in line if c is not cell))

    def _rows_below(self, header: list[Word], span: tuple[float, float]) -> list[Row]:
        """The rows of the table below `header`, down to its end (see the module's docstring)."""
        page, bottom = header[0].page, max(w.rect[3] for w in header)
        height = _height(header)
        rows = [r for r in self.rows(page) if r[0][0].rect[1] >= bottom - 0.5 * height]
        table: list[Row] = []
        while len(table) < MAX_ROWS:
            for row in rows:
                top = min(c[0].rect[1] for c in row)
                if top - bottom > ROWS_APART * height or _is_prose(row, span) or len(table) >= MAX_ROWS:
                    return table
                self._in_table([row])
                table.append(row)
                bottom = max(w.rect[3] for c in row for w in c)
            page += 1  # the table may go on at the top of the next page
            rows = self.rows(page) if page < self.document.page_count else []
            if not rows:
                return table
            bottom = min(c[0].rect[1] for c in rows[0])
        return table


def _hits(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern` in `text`, a match of several words searched again from its second
    word: two headers side by side read as one longer header ("Software" then "Version" is also the
    header "Software version"), and the second one went unread (detect19 review)."""
    position = 0
    while (hit := pattern.search(text, position)) is not None:
        yield hit
        space = re.search(r"\s", hit.group())
        position = hit.start() + space.start() if space else hit.end()


def _in_span(cell: list[Word], span: tuple[float, float]) -> bool:
    """Whether the middle of `cell` lies in the column `span`."""
    return span[0] <= (cell[0].rect[0] + cell[-1].rect[2]) / 2 <= span[1]


def _continuing(table: list[Row], position: int, span: tuple[float, float]) -> Iterator[Row]:
    """The lines next to `table[position]`, above and below it, that have no cell in the column
    `span`: a row's cells wrapped onto more lines ("Replacement PTZ camera," over "Axis
    Q6215-LE"), its value in this column on one of them, or set between them."""
    for step in (-1, 1):
        index = position + step
        while 0 <= index < len(table) and not any(_in_span(cell, span) for cell in table[index]):
            yield table[index]
            index += step


def _spread_prose(row: Row) -> bool:
    """Whether `row` is a line of prose whose words stand as far apart as cells: a transcript
    justified in Courier puts three letters' width between words ("A.   Lanes   20   through   24
    have   no   camera   coverage"), so "monitors" at the end of a question headed a column of the
    answer's words. Cells of a table's row are few, or hold numbers and names, not a run of words
    in lower case."""
    words = [word for cell in row for word in cell]
    lower = sum(1 for word in words if word.text.isalpha() and word.text.islower())
    return len(row) >= PROSE_CELLS and lower >= PROSE_SHARE * len(words)


def _headings(rows: list[Row], row: Row, index: int) -> Iterator[tuple[list[Word], tuple[float, float]]]:
    """The header `row[index]` may be, with its column: the cell alone, in a row of two cells or
    more, and the cell with the one right under it, a header set on two lines ("Number of" over
    "Cameras", "Blind" over "Spots"), where either line's row has two cells or more. The column of
    a two-line header is where both lines' columns meet: the line below may have no cell where
    the next column's header is one line only."""
    cell = row[index]
    if _spread_prose(row):
        return
    if len(row) >= 2:
        yield cell, _column(row, index)
    below = _row_below(rows, row)
    if below is None:
        return
    for under, other in enumerate(below):
        if other[0].rect[0] < cell[-1].rect[2] and cell[0].rect[0] < other[-1].rect[2]:
            if len(row) < 2 and len(below) < 2:
                return
            upper, lower = _column(row, index), _column(below, under)
            yield cell + other, (max(upper[0], lower[0]), min(upper[1], lower[1]))
            return


def _row_below(rows: list[Row], row: Row) -> Row | None:
    """The row right under `row`, if it follows it as a header's second line does (a line apart)."""
    position = next(i for i, r in enumerate(rows) if r is row)
    if position + 1 == len(rows):
        return None
    below = rows[position + 1]
    height = max(_height(cell) for cell in row)
    gap = min(c[0].rect[1] for c in below) - max(w.rect[3] for c in row for w in c)
    return below if gap <= height else None


def _within_a_sentence(document: DocumentText, first: Word, last: Word | None) -> bool:
    """Whether the word before `first` in the flow, or the word after `last` (when given: the
    first line of a header on two lines goes on), stands on the same line as close as words of a
    sentence do: then `first` to `last` is no cell of its own. (A unit in brackets may follow a
    header: "Coverage (%)".) It spares making the page's rows for each "cameras" of the prose."""
    index = document.index_of(first)
    before = document.words[index - 1] if index > 0 else None
    after_index = document.index_of(last) + 1 if last is not None else len(document.words)
    after = document.words[after_index] if after_index < len(document.words) else None
    if after is not None and after.text[:1] in "([":
        after = None
    return _close_on_one_line(before, first) or _close_on_one_line(last, after)


def _close_on_one_line(left: Word | None, right: Word | None) -> bool:
    if left is None or right is None or left.page != right.page or not (left.upright and right.upright):
        return False
    middle = (right.rect[1] + right.rect[3]) / 2
    return left.rect[1] <= middle <= left.rect[3] and 0 <= right.rect[0] - left.rect[2] < _cell_gap(left, right)


def _height(words: list[Word]) -> float:
    return max(w.rect[3] - w.rect[1] for w in words)


def _in_rows(words: list[Word]) -> list[Row]:
    """`words` in rows from top to bottom (a word whose middle is within a row's first word's
    height joins it), each row cut into cells where words stand CELL_GAP apart."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.rect[1] + w.rect[3]) / 2):
        middle = (word.rect[1] + word.rect[3]) / 2
        if lines and lines[-1][0].rect[1] <= middle <= lines[-1][0].rect[3]:
            lines[-1].append(word)
        else:
            lines.append([word])
    rows = []
    for line in lines:
        line.sort(key=lambda w: w.rect[0])
        row: Row = [[line[0]]]
        for word in line[1:]:
            previous = row[-1][-1]
            if word.rect[0] - previous.rect[2] >= _cell_gap(previous, word) or _is_rule(word) or _is_rule(previous):
                row.append([word])
            else:
                row[-1].append(word)
        rows.append(row)
    return rows


def _is_rule(word: Word) -> bool:
    """Whether `word` is a table's ruling line that OCR read as a letter ("|", "1", "l"), unsure of
    it: it stands between two cells ("Retention 1 Coverage gaps"), and is a cell of its own."""
    return word.confidence is not None and word.confidence < RULE_CONFIDENCE and word.text in _RULE_MARKS


def _cell_gap(left: Word, right: Word) -> float:
    """How far apart two words must stand to be two cells rather than two words of a sentence."""
    letters = max((w.rect[2] - w.rect[0]) / max(len(w.text), 1) for w in (left, right))
    return max(CELL_GAP * _height([left, right]), CELL_LETTERS * letters, 1.0)


def _is_header(cell: list[Word], rule: Rule) -> bool:
    """Whether `cell` holds one of `rule`'s headers and nothing else ("Cameras", "No. of
    Cameras:", not "Cameras at the port were inspected")."""
    return is_header(" ".join(w.text for w in cell), rule.columns)


def is_header(text: str, headers: tuple[str, ...]) -> bool:
    """Whether `text` is one of `headers` (lower-cased), maybe with its unit and punctuation."""
    if not headers:
        return False
    text = lowered(text).strip(_HEADER_PUNCTUATION)
    pattern = _pattern(headers)
    return any(pattern.fullmatch(t) for t in (text, _UNIT.sub("", text).strip(_HEADER_PUNCTUATION)))


@functools.lru_cache(maxsize=64)
def _pattern(headers: tuple[str, ...]) -> re.Pattern[str]:
    """`headers` (lower-cased) as one pattern for lower-cased text, any spacing between words."""
    alternatives = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(set(headers), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _column(row: Row, index: int) -> tuple[float, float]:
    """The horizontal extent of the column headed by `row[index]`: halfway to the cells beside it
    (twice the text's height out, at either end of the row)."""
    cell = row[index]
    left, right, height = cell[0].rect[0], cell[-1].rect[2], _height(cell)
    start = (row[index - 1][-1].rect[2] + left) / 2 if index > 0 else left - 2 * height
    end = (right + row[index + 1][0].rect[0]) / 2 if index + 1 < len(row) else right + 2 * height
    return start, end


def _is_prose(row: Row, span: tuple[float, float]) -> bool:
    """Whether `row` is a line of prose below the table rather than a row of it: a single cell of
    several words across the column's middle, much wider than it, or a line spread into cells
    (`_spread_prose`). A price schedule's description reaches into the half of a narrow "Qty"
    column next to it, and is no prose."""
    if (len(row) == 1 and len(row[0]) >= PROSE_WORDS) or _spread_prose(row):
        return True
    width, middle = span[1] - span[0], (span[0] + span[1]) / 2
    for cell in row:
        left, right = cell[0].rect[0], cell[-1].rect[2]
        if len(cell) >= PROSE_WORDS and left < middle < right and right - left > PROSE_WIDTH * width:
            return True
    return False
