"""Pin the text render mode that a form XObject inherits into the form itself.

The text render mode (Tr) is graphics state: a form drawn while the page has set mode 3
(invisible) shows its text invisibly too, which is how some producers lay a scan's OCR
layer. MuPDF's content filter, which runs under every redaction, loses an inherited mode
(it writes the mode out only with text that the same stream shows), so that invisible
text would turn visible on the public page. Starting such a form with its inherited `Tr`
changes nothing a reader sees and leaves the filter nothing to lose.
"""

from __future__ import annotations

import pikepdf
import pymupdf

MAX_DEPTH = 8  # forms inside forms followed this deep


def pin_inherited_render_modes(doc: pymupdf.Document) -> int:
    """Give every form that is drawn, wherever it is drawn, under one render mode other than 0
    that mode explicitly; returns how many forms were changed. A form drawn under different
    modes in different places is left as it is. Every page that draws a form is read (a form
    is often shared), so call this only when some page holds invisible text."""
    inherited: dict[int, set[int]] = {}
    for page in doc:
        forms: dict[int, dict[str, int]] = {}  # invoker xref (0: the page) -> name -> form xref
        for xref, name, invoker, _ in page.get_xobjects():
            forms.setdefault(invoker, {})[name] = xref
        if not forms:
            continue
        try:
            content = page.read_contents()
        except Exception:  # noqa: BLE001  (content MuPDF cannot read: nothing to pin)
            continue
        _follow(doc, content, forms, 0, 0, inherited, 0)
    pinned = 0
    for xref, modes in inherited.items():
        content = _stream(doc, xref)
        if len(modes) == 1 and (mode := next(iter(modes))) != 0 and content:
            doc.update_stream(xref, f"{mode} Tr\n".encode() + content)
            pinned += 1
    return pinned


def _follow(
    doc: pymupdf.Document,
    content: bytes,
    forms: dict[int, dict[str, int]],
    holder: int,
    mode: int,
    inherited: dict[int, set[int]],
    depth: int,
) -> None:
    """Walk `content` (of the page, or of the form `holder`) starting in render mode `mode`,
    noting the mode each form is drawn under, and walk those forms in turn."""
    names = forms.get(holder, {})
    if not names or depth > MAX_DEPTH:
        return
    stack: list[int] = []
    scratch = pikepdf.new()  # the stream's owner must outlive the parse
    try:
        instructions = pikepdf.parse_content_stream(pikepdf.Stream(scratch, content))
    except pikepdf.PdfError:
        return  # content qpdf cannot parse: left as it is (MuPDF repairs what it can when it reads it)
    for operands, operator in instructions:
        name = str(operator)
        if name == "q":
            stack.append(mode)
        elif name == "Q":
            mode = stack.pop() if stack else mode
        elif name == "Tr" and operands:
            mode = int(operands[0])
        elif name == "Do" and operands:
            xref = names.get(str(operands[0]).lstrip("/"))
            if xref and mode not in inherited.setdefault(xref, set()):  # not yet walked under this mode
                inherited[xref].add(mode)
                _follow(doc, _stream(doc, xref), forms, xref, mode, inherited, depth + 1)


def _stream(doc: pymupdf.Document, xref: int) -> bytes:
    try:
        return doc.xref_stream(xref) or b""
    except Exception:  # noqa: BLE001  (MuPDF raises its own error types for a stream it cannot decode)
        return b""
