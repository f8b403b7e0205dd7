"""The sealing chart: one row per redacted portion of each page, citing it the way courts do
("p. 3, ll. 10-14" on pleading paper), with category, reason and legal basis but never the
text. Written as CSV and as a PDF table a filer can attach to the motion to seal.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass

import pymupdf

from redactor.court import CourtProfile
from redactor.plan import Plan

HEADINGS = {
    "document": "Document",
    "page": "Page",
    "lines": "Lines",
    "portion": "Portion sought to be sealed",
    "category": "Category",
    "reason": "Reason code",
    "basis": "Basis",
    "reference": "Reference",
    "id": "Redaction id",
}
MIN_PLEADING_NUMBERS = 10
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LONG_WORD = 20  # characters: a longer word in a chart PDF cell may be wrapped


@dataclass(frozen=True)
class ChartRow:
    document: str
    page: int
    lines: str  # "10-14", "" where the page has no line numbers
    category: str
    reason: str
    basis: str
    reference: str
    id: str

    @property
    def portion(self) -> str:
        if not self.lines:
            return f"p. {self.page}"
        return f"p. {self.page}, {'l.' if self.lines.isdigit() else 'll.'} {self.lines}"

    def cell(self, column: str) -> str:
        return str(getattr(self, column))


def pleading_numbers(page: pymupdf.Page) -> list[tuple[int, float]]:
    """The page's pleading-paper line numbers (1-28 down the left margin) with the middle of
    each; empty when the page has none."""
    margin = page.rect.width * 0.2
    found = {}
    for _x0, y0, x1, y1, text, *_ in page.get_text("words"):
        if x1 < margin and text.isdigit() and len(text) <= 2:
            found.setdefault(int(text), (y0 + y1) / 2)
    numbers = sorted(found.items(), key=lambda item: item[1])
    in_order = all(a[0] < b[0] for a, b in zip(numbers, numbers[1:], strict=False))
    return numbers if len(numbers) >= MIN_PLEADING_NUMBERS and in_order else []


def chart_rows(name: str, doc: pymupdf.Document, plan: Plan, references: dict[str, str]) -> list[ChartRow]:
    """One row per applied redaction and page, for the original `doc` of `plan`."""
    numbers = {}
    rows = []
    for redaction in plan.applied:
        pages = sorted({box.page for box in redaction.boxes})
        for page in pages:
            if page not in numbers:
                numbers[page] = pleading_numbers(doc[page - 1])
            lines = _lines_of([box.rect for box in redaction.boxes if box.page == page], numbers[page])
            rows.append(
                ChartRow(
                    document=name,
                    page=page,
                    lines=lines,
                    category=redaction.category,
                    reason=redaction.reason,
                    basis=redaction.basis,
                    reference=references.get(redaction.id, ""),
                    id=redaction.id,
                )
            )
    return rows


def _lines_of(rects: list[list[float]], numbers: list[tuple[int, float]]) -> str:
    """The pleading line numbers beside `rects`, as a range ("10-14") or list ("3, 7-8")."""
    if not numbers:
        return ""
    spacing = (numbers[-1][1] - numbers[0][1]) / max(numbers[-1][0] - numbers[0][0], 1)
    lines = set()
    for _x0, y0, _x1, y1 in rects:
        middle = (y0 + y1) / 2
        number, at = min(numbers, key=lambda item: abs(item[1] - middle))
        if abs(at - middle) <= spacing * 0.75:
            lines.add(number)
    return _ranges(sorted(lines))


def _ranges(numbers: list[int]) -> str:
    parts = []
    start = previous = None
    for number in numbers:
        if start is None:
            start = previous = number
        elif number == previous + 1:
            previous = number
        else:
            parts.append(f"{start}-{previous}" if previous != start else str(start))
            start = previous = number
    if start is not None:
        parts.append(f"{start}-{previous}" if previous != start else str(start))
    return ", ".join(parts)


def chart_csv(rows: list[ChartRow], columns: tuple[str, ...]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([HEADINGS[c] for c in columns])
    for row in rows:
        writer.writerow([_inert(row.cell(c)) for c in columns])
    return buffer.getvalue().encode("utf-8")


def _inert(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (a file named "=HYPERLINK(...).pdf"):
    OWASP's advice, a leading single quote."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _wrappable(text: str) -> str:
    """A cell's text as HTML that may wrap inside a long word: a file name written without spaces
    ("2024-03-15_Declaration_of_..._v3.pdf") widened its column until the last columns, the 5.2(g)
    reference among them, ran off the page. A word longer than LONG_WORD may break after "_" or
    "/", and a part still longer every LONG_WORD // 2 characters. MuPDF ignores <wbr> and CSS
    word-break, so the break is a soft hyphen, shown only where the line breaks (a zero-width
    space would embed a second font, whose tables read as digit runs); the CSV keeps names as
    they are."""
    parts = re.split(rf"(\S{{{LONG_WORD + 1},}})", text)
    return html.escape("".join("\u00ad".join(_pieces(part)) if index % 2 else part for index, part in enumerate(parts)))


def _pieces(word: str) -> list[str]:
    step = LONG_WORD // 2
    return [
        piece
        for chunk in re.split(r"(?<=[_/])", word)
        if chunk
        for piece in (
            [chunk] if len(chunk) <= LONG_WORD else [chunk[at : at + step] for at in range(0, len(chunk), step)]
        )
    ]


def chart_pdf(rows: list[ChartRow], profile: CourtProfile, case: str, fingerprint: str) -> bytes:
    """The chart as a letter-size PDF table, with the package's signing-key fingerprint so that
    the filed chart anchors the package (see `redactor.manifest`)."""
    head = "".join(f"<th>{HEADINGS[c]}</th>" for c in profile.chart_columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_wrappable(row.cell(c))}</td>" for c in profile.chart_columns) + "</tr>" for row in rows
    )
    caption = html.escape(f"{profile.court}" + (f", Case No. {case}" if case else ""))
    document = (
        f"<h2>Portions sought to be sealed</h2><p>{caption}</p>"
        f"<table><tr>{head}</tr>{body}</table>"
        f"<p class='note'>{len(rows)} portion(s). Prepared with redactor. The sealed package's manifest is signed "
        f"with the Ed25519 key whose fingerprint is:</p><p class='key'>{html.escape(fingerprint)}</p>"
    )
    css = (
        "body{font-family:sans-serif;font-size:8pt} h2{font-size:12pt} "
        "th,td{border:0.5pt solid #555;padding:2pt;text-align:left;vertical-align:top} "
        "table{border-collapse:collapse;width:100%} .note{font-size:7pt} "
        # A fingerprint is copied from the chart into `verify --signer`: the proportional fonts
        # join "ff", "fi" and "fl" into ligature glyphs, which copy as other characters.
        ".key{font-family:monospace;font-size:8pt}"
    )
    story = pymupdf.Story(document, user_css=css)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    letter = pymupdf.paper_rect("letter")
    more = True
    while more:
        device = writer.begin_page(letter)
        more, _ = story.place(letter + (54, 54, -54, -54))
        story.draw(device)
        writer.end_page()
    writer.close()
    return buffer.getvalue()
