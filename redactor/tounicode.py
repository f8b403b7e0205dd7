"""Write a font's ToUnicode map so that every reader reads it alike.

A `/ToUnicode` map gives the text of each code as UTF-16 hex strings of two bytes or more
(PDF 32000-1, 9.10.3). Some producers write one byte for a character of Latin-1 (`<41>`): Poppler,
pypdf and pdf.js read it as that character, and MuPDF ignores the entry and reads the code by the
font's encoding instead. A name or an SSN mapped so read as symbols to MuPDF, was never searched,
and pdftotext read it in the verified public file (red-team review, 2026-11-27). Each such
destination is widened to two bytes (`<0041>`) before anything is searched: what the others read,
MuPDF then reads too, and the public file keeps the widened map.

A destination that puts a control character before a letter (`<0000 0041>`) is read "\x00A" by
every extractor, which a terminal shows as "A", while MuPDF's word list split at the control
characters and dropped every other letter: nothing could be found or placed, and pdfminer read
the SSN in the verified public file (red-team review, 2026-11-27). The control characters of a
destination that has other characters too are dropped; a code mapped to a control character
alone (some producers' spaces: three corpus filings) is left as it is.

Likewise a composite font with the `Identity-H` or `Identity-V` encoding, no ToUnicode map, no
embedded font program and the `Identity` ordering of characters: its codes are the CIDs, and
Poppler and pypdf read each as the Unicode character of that number, which such producers
meant, while MuPDF read them by the glyphs of its stand-in font ("Ana" was "^å~"). Such a font is
given the identity map that the others read it by (`identity_maps`).

MuPDF also reads less of a map than Poppler and pypdf do: nothing after `endcmap`, and nothing of
a `bfchar` or `bfrange` block after a token out of place (a number, a name, a word) up to
the block's end. A name mapped after `endcmap`, or after a stray number in its block, read as its
codes to MuPDF ("Xyz Qwer"), was never searched, and pdftotext and pypdf read "Ana Ruiz" in the
verified public file (red-team review, 2026-11-27). What MuPDF skips is taken out of the map
before anything is searched (`as_mupdf_reads`), so every reader reads what MuPDF searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pikepdf


def mend_tounicode_maps(fonts: Iterable[pikepdf.Dictionary]) -> int:
    """Write the destinations MuPDF reads unlike other readers in the ToUnicode map of every font
    of `fonts` (`redactor.glyphnames.font_dictionaries`) as they read them (see the module's
    docstring); returns how many maps were changed."""
    mended = 0
    done: set[tuple[int, int]] = set()
    for font in fonts:
        stream = font.get("/ToUnicode")
        if not isinstance(stream, pikepdf.Stream) or stream.objgen in done:
            continue
        done.add(stream.objgen)
        try:
            data = stream.read_bytes()
        except pikepdf.PdfError:
            continue  # no reader reads it either
        trimmed = as_mupdf_reads(data)
        written = mended_destinations(trimmed if trimmed is not None else data) or trimmed
        if written is not None:
            stream.write(written)  # shared by other fonts too: this changes nothing they read but MuPDF's reading
            mended += 1
    return mended


_IDENTITY_ENCODINGS = ("/Identity-H", "/Identity-V")
_PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")


def identity_maps(pdf: pikepdf.Pdf, fonts: Iterable[pikepdf.Dictionary]) -> int:
    """Give the codes of every composite font of `fonts` that other readers read as Unicode (see
    the module's docstring) that reading in a ToUnicode map; returns how many fonts were given one."""
    mapped = 0
    identity: pikepdf.Stream | None = None
    for font in fonts:
        if font.get("/Subtype") != "/Type0" or "/ToUnicode" in font or not read_as_unicode(font):
            continue
        if identity is None:
            identity = pdf.make_stream(_identity_cmap())
        font.ToUnicode = identity
        mapped += 1
    return mapped


def read_as_unicode(font: pikepdf.Dictionary) -> bool:
    """Whether other readers read the codes of composite `font` as Unicode characters."""
    descendants = font.get("/DescendantFonts")
    if font.get("/Encoding") not in _IDENTITY_ENCODINGS or not isinstance(descendants, pikepdf.Array):
        return False
    if len(descendants) != 1 or not isinstance(descendants[0], pikepdf.Dictionary):
        return False
    descendant = descendants[0]
    info = descendant.get("/CIDSystemInfo")
    ordering = info.get("/Ordering") if isinstance(info, pikepdf.Dictionary) else None
    descriptor = descendant.get("/FontDescriptor")
    embedded = isinstance(descriptor, pikepdf.Dictionary) and any(key in descriptor for key in _PROGRAMS)
    return not embedded and (ordering is None or str(ordering) == "Identity")


def _identity_cmap() -> bytes:
    """A ToUnicode map that reads each two-byte code as the character of that number (a range
    changes only its last byte, so one range for each first byte but the surrogates')."""
    ranges = [
        f"<{high:02X}00> <{high:02X}FF> <{high:02X}00>\n".encode() for high in range(256) if not 0xD8 <= high <= 0xDF
    ]
    blocks = b"".join(
        f"{len(chunk)} beginbfrange\n".encode() + b"".join(chunk) + b"endbfrange\n"
        for chunk in (ranges[at : at + 100] for at in range(0, len(ranges), 100))
    )
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + blocks
        + b"endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )


# The tokens of a CMap as MuPDF's reader sees them: comments (skipped), strings, words, and
# anything else (names, brackets, dictionaries), which inside a bfchar block stops its reading.
# A literal string only opens here: `_mupdf_tokens` finds its end as MuPDF's lexer does.
_MUPDF_TOKEN = re.compile(
    rb"(?P<comment>%[^\r\n]*)|(?P<string><[0-9A-Fa-f\s]*>|\()"
    rb"|(?P<word>[^\s/\[\]()<>{}%]+)|<<|>>|/[^\s/\[\]()<>{}%]*|\S",
    re.DOTALL,
)
_STRING_BYTE = re.compile(rb"[\\()]")  # what a literal string's end depends on
_BLOCK_WORDS = frozenset({b"beginbfchar", b"endbfchar", b"beginbfrange", b"endbfrange"})
_CMAP_CLOSE = b" CMapName currentdict /CMap defineresource pop end end\n"


@dataclass(frozen=True, slots=True)
class _Token:
    """One token of a CMap as MuPDF reads it (`_mupdf_tokens`)."""

    start: int
    end: int
    text: bytes
    kind: str  # "comment", "string", "word" or "other"
    closed: bool = True  # False: a literal string that runs to the end of the map


def _mupdf_tokens(cmap: bytes) -> Iterator[_Token]:
    """`cmap`'s tokens as MuPDF's lexer reads them, in time linear in its length. A literal string
    nests balanced parentheses (`(a (b) c)` is one string) and, left open, runs to the end of the
    map: MuPDF reads nothing after it. A regular expression for strings tried each `(` to the end
    of the map, which took minutes over a 60 KB map of `(` (red-team review, 2026-11-27)."""
    at = 0
    while (token := _MUPDF_TOKEN.search(cmap, at)) is not None:
        kind = next((name for name in ("comment", "string", "word") if token[name] is not None), "other")
        end, closed = token.end(), True
        if token[0] == b"(":
            end, closed = _string_end(cmap, token.start())
        yield _Token(token.start(), end, cmap[token.start() : end], kind, closed)
        at = end


def _string_end(data: bytes, start: int) -> tuple[int, bool]:
    """Where the literal string opening at `start` ends (just past its closing parenthesis), and
    whether it is closed at all (else it ends with `data`)."""
    depth = 0
    at = start
    while (byte := _STRING_BYTE.search(data, at)) is not None:
        if byte[0] == b"\\":
            at = byte.end() + 1
            continue
        depth += 1 if byte[0] == b"(" else -1
        at = byte.end()
        if depth == 0:
            return at, True
    return len(data), False


def endcmap_at(cmap: bytes) -> int:
    """Where MuPDF stops reading `cmap`: its first `endcmap` keyword (not one in a comment or a
    string), or where a string left open begins (MuPDF reads the rest as that string); -1 when
    it has neither."""
    for token in _mupdf_tokens(cmap):
        if token.text == b"endcmap" or not token.closed:
            return token.start
    return -1


def as_mupdf_reads(cmap: bytes) -> bytes | None:
    """`cmap` without what MuPDF does not read of it and other readers do (see the module's
    docstring): the rest of a `bfchar` or `bfrange` block from the entry holding its first token
    out of place, a block written inside a string (`(... beginbfchar ...)`: MuPDF skips the
    string whole, pypdf read the entries), everything from a string left open (MuPDF reads it to
    the end of the map; pypdf read the entries after it: red-team review, 2026-11-27), and what
    follows `endcmap` if it holds any section; None when MuPDF reads it all."""
    cuts: list[tuple[int, int]] = []
    section = b""  # b"char" or b"range" inside a block
    skipped_from: int | None = None  # where MuPDF stopped reading the current block
    entry: int | None = None  # where the current entry began
    place = 0  # which token of an entry: source 0, (range high 1,) destination
    in_array = False
    endcmap: _Token | None = None
    open_string = False
    for token in _mupdf_tokens(cmap):
        word = token.text if token.kind == "word" else None
        if word == b"endcmap":
            endcmap = token
            break
        if not token.closed:  # a string left open: MuPDF reads nothing from here on
            open_string = True
            if section and skipped_from is None:
                skipped_from = entry if place else token.start
            elif not section:
                cuts.append((token.start, len(cmap)))
            break
        if token.kind == "comment":
            continue
        if not section:
            if word in (b"beginbfchar", b"beginbfrange"):
                section, skipped_from, entry, place, in_array = word[7:], None, None, 0, False
            elif token.kind == "string" and b"bf" in token.text:
                cuts.append((token.start, token.end))  # a block inside a string, read by pypdf alone
            continue
        if word == b"endbf" + section:
            if skipped_from is not None:
                cuts.append((skipped_from, token.start))
            section = b""
            continue
        if skipped_from is not None:
            continue
        last = 1 if section == b"char" else 2
        if place == 0:
            entry = token.start
        string = token.kind == "string" and not (token.text[:1] == b"(" and _holds_tokens(token.text))
        if string and (in_array or place < last):
            place += 0 if in_array else 1
        elif string or (token.text == b"[" and place == last and not in_array):
            in_array = token.text == b"["
            place = last if in_array else 0
        elif token.text == b"]" and in_array:
            in_array, place = False, 0
        else:
            skipped_from = entry if entry is not None else token.start
    read_to = endcmap.start if endcmap else len(cmap)
    if skipped_from is not None and section:  # a block MuPDF stopped reading that runs on to the end
        cuts.append((skipped_from, read_to))
    tail = endcmap is not None and b"begin" in cmap[endcmap.end :]
    if not cuts and not tail:
        return None
    parts, done = [], 0
    for start, stop in cuts:
        parts += [cmap[done:start], b"\n"]
        done = stop
    if tail:
        assert endcmap is not None
        return b"".join([*parts, cmap[done : endcmap.end], _CMAP_CLOSE])
    if open_string:
        return b"".join(parts)
    return b"".join([*parts, cmap[done:]])


def _holds_tokens(string: bytes) -> bool:
    """Whether a literal string that MuPDF reads as one entry's source or destination holds what
    another reader may read as entries of their own: nested parentheses or a hex string."""
    return b"(" in string[1:] or b"<" in string


def mended_destinations(cmap: bytes) -> bytes | None:
    """`cmap` with the destinations of its `bfchar` and `bfrange` entries that MuPDF reads unlike
    other readers (`_mended`) written as they read them, or None when it has none."""
    if b"bf" not in cmap:
        return None
    spans: list[tuple[int, int, bytes]] = []  # destinations to write anew, and what to write
    section = b""  # "char" or "range" inside a section
    place = 0  # which token of an entry: bfchar source 0, destination 1; bfrange low 0, high 1, destination 2
    in_array = False
    for token in _mupdf_tokens(cmap):
        if token.kind == "comment":
            continue
        if token.kind == "word" and token.text in _BLOCK_WORDS:
            section = token.text[7:] if token.text.startswith(b"begin") else b""
            place = 0
            continue
        if not section:
            continue
        if token.text == b"[":
            in_array = True
            continue
        if token.text == b"]":
            in_array = False
            place = 0
            continue
        destination = in_array or place == (1 if section == b"char" else 2)
        if destination and token.text[:1] == b"<":
            written = _mended(re.sub(rb"\s", b"", token.text[1:-1]))
            if written is not None:
                spans.append((token.start + 1, token.end - 1, written))
        if not in_array:
            place = (place + 1) % (2 if section == b"char" else 3)
    if not spans:
        return None
    parts, done = [], 0
    for start, end, written in spans:
        parts += [cmap[done:start], written]
        done = end
    return b"".join(parts) + cmap[done:]


def _mended(digits: bytes) -> bytes | None:
    """A destination's hex digits as other readers read them, or None if MuPDF reads them alike:
    one byte widened to two (`41` is `0041`), control characters before or between the other
    characters of a longer text dropped (`00000041` is `0041`)."""
    if 0 < len(digits) <= 2:
        return b"00" + digits.rjust(2, b"0")
    if len(digits) < 8 or len(digits) % 4:
        return None
    units = [digits[at : at + 4] for at in range(0, len(digits), 4)]
    kept = [unit for unit in units if not _is_control(int(unit, 16))]
    return b"".join(kept) if kept and len(kept) < len(units) else None


def _is_control(unit: int) -> bool:
    """A C0 or C1 control character, or DEL."""
    return unit < 0x20 or 0x7F <= unit <= 0x9F


MAX_ENTRIES = 65_536  # codes read from one map: a two-byte codespace holds no more
_RANGE_SPAN = 256  # a bfrange varies its last byte only (PDF 32000-1, 9.10.3)


def map_entries(cmap: bytes) -> dict[int, str]:
    """The text each code of `cmap` reads as, by its `bfchar` and `bfrange` entries, as MuPDF
    reads them (`as_mupdf_reads`; a later entry for a code wins, as in every reader tried). What
    a font's glyphs are said to be is compared with this (`redactor.misread`)."""
    trimmed = as_mupdf_reads(cmap)
    entries: dict[int, str] = {}
    section = b""
    pending: list[bytes] = []  # the hex strings of the entry being read
    array: list[bytes] | None = None  # a bfrange's destinations written as an array
    for token in _mupdf_tokens(trimmed if trimmed is not None else cmap):
        if token.kind == "comment":
            continue
        if token.text == b"endcmap" or len(entries) >= MAX_ENTRIES:
            break
        if token.kind == "word" and token.text in _BLOCK_WORDS:
            section, pending, array = (token.text[7:] if token.text.startswith(b"begin") else b""), [], None
        elif not section:
            continue
        elif token.text == b"[" and section == b"range" and len(pending) == 2:
            array = []
        elif token.text == b"]" and array is not None:
            for offset, destination in enumerate(array[:_RANGE_SPAN]):
                entries[_number(pending[0]) + offset] = _text(destination)
            pending, array = [], None
        elif token.kind == "string" and token.text[:1] == b"<":
            value = _hex(token.text)
            if array is not None:
                array.append(value)
                continue
            pending.append(value)
            if section == b"char" and len(pending) == 2:
                entries[_number(pending[0])] = _text(pending[1])
                pending = []
            elif len(pending) == 3:
                low, high = _number(pending[0]), _number(pending[1])
                start, width = _number(pending[2]), len(pending[2]) or 1
                for offset in range(min(high - low + 1, _RANGE_SPAN, 256**width - start)):
                    entries[low + offset] = _text((start + offset).to_bytes(width, "big"))
                pending = []
        else:
            pending, array = [], None  # a token out of place: MuPDF's reading was cut before it
    return entries


def _hex(token: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", token[1:-1])
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _number(code: bytes) -> int:
    return int.from_bytes(code, "big")


def _text(destination: bytes) -> str:
    """A destination's UTF-16BE text (one byte is read as two, as `mended_destinations` writes it)."""
    if len(destination) % 2:
        destination = b"\x00" + destination
    return destination.decode("utf-16-be", errors="replace")
