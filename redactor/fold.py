"""The flow string as rules and terms see it: typographic variants of a character made one.

A word processor writes "512‑43‑8817" with non-breaking hyphens, "619–555–0143"
with en dashes, "O’Brien" with a curly apostrophe, "Affinity" with an ffi
ligature, and "José" composed or decomposed; a zero-width space or a soft
hyphen may sit inside any word. A reader sees one value in each case, and so
must detection: rules are written with plain ASCII ("-", "'", digits), and a
term list is typed on a keyboard.

`fold` maps each such character to its plain twin (or to nothing), and keeps
the offsets of the original, so that what is found in the folded string is
cut in the document. Dashes of every length are read as hyphens, and Cyrillic or
Greek letters drawn like Latin ones as those ("Nоrthgate" with a Cyrillic o is
the term "Northgate" to every reader). Only what reads the same is folded: accents are dropped
(a term "Nunez" finds "Núñez", erring towards removing more), but not
superscripts ("8817²" would become "88172") or symbols ("Axis™" would become
"AxisTM").
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

_SPECIAL = {
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),  # soft hyphen, zero-width characters
    # The replacement character, MuPDF's reading of a code its map gives no character of, shows
    # nothing to other readers: pdfminer read "Ana" where MuPDF read "\ufffdA\ufffdn\ufffda" (a
    # map giving each letter after a lone surrogate, <D800 0041>; red-team review, 2026-11-27).
    "\ufffd": "",
    # hyphens, figure, en and em dashes, minus signs (a modifier letter's too), hyphen bullet
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u02d7\u2043\ufe58\ufe63", "-"),
    **dict.fromkeys("\u2024\ufe52\u3002\uff61", "."),  # one-dot leader, small and ideographic full stops
    "\ufe6b": "@",  # small commercial at
    # fraction and division slashes: "512⁄43⁄8817" is the SSN "512/43/8817" (red-team review, 2026-11-27)
    **dict.fromkeys("\u2044\u2215\u29f8", "/"),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
    **dict.fromkeys("\u2018\u2019\u201b\u02bc\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201f\u2033", '"'),
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
    "\u00df": "ss", "\u1e9e": "SS",
}  # fmt: skip
# Letters of other scripts drawn like Latin ones: "Nоrthgаte" with a Cyrillic o and a reads as
# the term "Northgate" to every reader, so it must to detection.
_HOMOGLYPHS = dict(
    zip(
        # Cyrillic, Greek, Armenian, and Latin small capitals and letters of phonetics (added by a
        # red-team review, 2026-11-27: "Nօrthgate" with an Armenian o, "Nortһgate" with a Cyrillic
        # shha and "Nortʜgate" with a small capital were published under the term "Northgate").
        "аеорсухіјѕԁԛԝһӏүАВЕКМНОРСТХІЈЅҮοινκρΑΒΕΖΗΙΚΜΝΟΡΤΥΧօսոհցɑɡıᴀʙᴄᴅᴇɢʜɪᴊᴋʟᴍɴᴏᴘʀᴛᴜᴠᴡʏᴢ",
        "aeopcyxijsdqwhlyABEKMHOPCTXIJSYoivkpABEZHIKMNOPTYXounhgagiABCDEGHIJKLMNOPRTUVWYZ",
        strict=True,
    )
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Characters that draw nothing, beyond the zero-width ones above: every format character (an
# invisible separator U+2063, bidirectional marks, tags) but the Arabic signs that enclose a
# number and show, and the marks and fillers that take no place (the combining grapheme joiner,
# variation selectors, Hangul fillers). "512\u206343\u20638817" and "512-4\u034f3-8817" show an SSN
# to a reader and copy with the characters in it (red-team review, 2026-11-27: both published).
_SHOWN_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd")
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u3164\uffa0")


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """The plain twin of one character: itself when it has none."""
    special = _SPECIAL.get(char)
    if special is not None:
        return special
    if "\uff01" <= char <= "\uff5e":  # full-width forms of ASCII
        return chr(ord(char) - 0xFEE0)
    if "\U0001d400" <= char <= "\U0001d7ff":  # mathematical bold, italic, double-struck... letters and digits
        return unicodedata.normalize("NFKC", char)
    if _invisible(char):
        return ""
    homoglyph = _HOMOGLYPHS.get(char)
    if homoglyph is not None:
        return homoglyph
    decomposed = unicodedata.normalize("NFD", char)
    if decomposed == char and not unicodedata.combining(char):
        return char
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _invisible(char: str) -> bool:
    if char in _INVISIBLE or "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef":
        return True
    return unicodedata.category(char) == "Cf" and char not in _SHOWN_FORMAT


@dataclass(frozen=True)
class Folded:
    """A folded string and the way back to offsets of the original."""

    text: str
    # Each character replaced by a different number of characters: (where its replacement starts
    # in `text`, how long the replacement is, its offset in the original), in order.
    _changes: list[tuple[int, int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """Whether every offset is the same in both texts (no character changed length)."""
        return not self._changes

    def original(self, offset: int) -> int:
        """Where the character at `offset` of the folded text came from."""
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return offset
        start, length, source = self._changes[index]
        if offset < start + length:
            return source
        return offset - (start + length) + source + 1

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the folded span [start, end): every character it came from."""
        if end <= start:
            at = self.original(start)
            return at, at
        return self.original(start), self.original(end - 1) + 1

    def folded(self, original: int) -> int:
        """Where offset `original` of the original text stands in the folded text."""
        shift = 0
        for start, length, source in self._changes:
            if source >= original:
                break
            shift = start + length - (source + 1)
        return original + shift


def fold(text: str) -> Folded:
    """`text` with every character replaced by `fold_char`; quick when nothing needs folding."""
    if text.isascii():
        return Folded(text)
    parts: list[str] = []
    changes: list[tuple[int, int, int]] = []
    done = 0  # original text copied up to here
    length = 0  # of the folded text so far
    for match in _NON_ASCII.finditer(text):
        at = match.start()
        plain = fold_char(match.group())
        if plain == match.group():
            continue
        parts.append(text[done:at])
        length += at - done
        parts.append(plain)
        if len(plain) != 1:
            changes.append((length, len(plain), at))
        length += len(plain)
        done = at + 1
    parts.append(text[done:])
    return Folded("".join(parts), changes, [start for start, _, _ in changes])


def fold_text(text: str) -> str:
    """`text` folded, when no offsets are needed (a term, a value)."""
    return fold(text).text
