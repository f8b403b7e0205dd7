"""What an embedded font says about itself: its names in the PDF (`/BaseFont`, `/FontName`,
`/FontFamily`) and the names and notices in its program (a TrueType or OpenType `name` table, a
CFF font's name and top dictionary strings, a Type 1 program's clear-text part).

A vendor's house font ("ABCDEF+NorthgateSans-Bold", "Copyright Northgate Logistics") named a
redacted term in every public file set in it: `pdffonts` and `strings` read it, and nothing
searched it (red-team review, 2026-11-27). Such names are read as words (`readable`), cleaned by
`redactor.sanitize` and read by `redactor.verify`. The font draws the same: a viewer uses the
embedded program, whatever it is called. Fonts that are not embedded keep their names, which
viewers need to find a font to draw with.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from types import SimpleNamespace

# A subset's tag: six capital letters and "+" ("ABCDEF+").
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_NAME_ESCAPE = re.compile(r"#([0-9A-Fa-f]{2})")
# Where words of a name written together part: "NorthgateSans-Bold" reads "Northgate Sans Bold".
# Digits stay with their letters: a resource "/MC0" must not read as a term "MC".
_WORD_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# In a Type 1 program's clear-text part: the strings and the name it gives itself.
_TYPE1_STRING = re.compile(rb"/(FullName|FamilyName|Notice|Copyright|Weight)\s*\(((?:[^()\\]|\\.)*)\)", re.S)
_TYPE1_NAME = re.compile(rb"/FontName\s*/([^\s/\[\]()<>{}%]+)")
_CFF_STRINGS = ("Notice", "Copyright", "FullName", "FamilyName", "Weight")
NEUTRAL = "Font"


def readable(name: str) -> str:
    """A font's name as the words it is made of, without its subset tag."""
    name = _NAME_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), name.lstrip("/"))
    name = _WORD_BREAK.sub(" ", _SUBSET.sub("", name))
    return re.sub(r"[-_,+.]+", " ", name)


def neutral_name(name: str, number: int) -> str:
    """A name that says nothing, keeping the subset tag: "ABCDEF+Font12"."""
    tag = _SUBSET.match(name.lstrip("/"))
    return (tag.group() if tag else "") + f"{NEUTRAL}{number}"


def program_text(data: bytes, key: str) -> list[str]:
    """The names and notices in a font program (`key`: the descriptor's FontFile, FontFile2 or
    FontFile3). A program no reader here can parse gives nothing."""
    try:
        if key == "FontFile":
            clear = data[: data.find(b"eexec")] if b"eexec" in data else data
            found = [m.group(2).decode("latin-1") for m in _TYPE1_STRING.finditer(clear)]
            return found + [readable(m.group(1).decode("latin-1")) for m in _TYPE1_NAME.finditer(clear)]
        if data[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO", b"ttcf"):
            return _sfnt_text(data)
        return _cff_text(data)
    except Exception:  # noqa: BLE001 - a damaged program: MuPDF draws what it can, nothing to read
        return []


def clean_program(data: bytes, key: str, clean: Callable[[str], str]) -> bytes | None:
    """The program with every name or notice that `clean` changes made neutral; None if none
    does (or the program cannot be rewritten: verification then reads what is left)."""
    try:
        if key == "FontFile":
            return _clean_type1(data, clean)
        if data[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
            return _clean_sfnt(data, clean)
        return _clean_cff(data, clean)
    except Exception:  # noqa: BLE001
        return None


def _changed(text: str, clean: Callable[[str], str]) -> bool:
    return clean(text) != text or clean(readable(text)) != readable(text)


def _sfnt_text(data: bytes) -> list[str]:
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True, fontNumber=0)
    found = []
    if "name" in font:
        for record in font["name"].names:
            text = record.toUnicode(errors="replace")
            found += [text, readable(text)]
    if "CFF " in font:
        found += _cff_strings(font["CFF "].cff)
    return found


def _clean_sfnt(data: bytes, clean: Callable[[str], str]) -> bytes | None:
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True)
    changed = False
    if "name" in font:
        for record in font["name"].names:
            if _changed(record.toUnicode(errors="replace"), clean):
                record.string = NEUTRAL
                changed = True
    if "CFF " in font:
        changed = _clean_cff_set(font["CFF "].cff, clean) or changed
    if not changed:
        return None
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _cff_set(data: bytes):  # noqa: ANN202 - fontTools has no types
    from fontTools.cffLib import CFFFontSet

    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    return cff


def _cff_strings(cff) -> list[str]:  # noqa: ANN001
    found = []
    for name in cff.fontNames:
        found.append(readable(name))
        top = cff[name]
        for key in _CFF_STRINGS:
            value = top.rawDict.get(key)
            if isinstance(value, str):
                found += [value, readable(value)]
    return found


def _cff_text(data: bytes) -> list[str]:
    return _cff_strings(_cff_set(data))


def _clean_cff_set(cff, clean: Callable[[str], str]) -> bool:  # noqa: ANN001
    changed = False
    for index, name in enumerate(list(cff.fontNames)):
        top = cff[name]
        for key in _CFF_STRINGS:
            value = top.rawDict.get(key)
            if isinstance(value, str) and _changed(value, clean):
                top.rawDict[key] = NEUTRAL
                setattr(top, key, NEUTRAL)
                changed = True
        if _changed(name, clean):
            cff.fontNames[index] = f"{NEUTRAL}{index}"
            changed = True
    return changed


def _clean_cff(data: bytes, clean: Callable[[str], str]) -> bytes | None:
    cff = _cff_set(data)
    if not _clean_cff_set(cff, clean):
        return None
    out = io.BytesIO()
    cff.compile(out, SimpleNamespace(recalcBBoxes=False))  # the top font it would belong to: none here
    return out.getvalue()


def _clean_type1(data: bytes, clean: Callable[[str], str]) -> bytes | None:
    """Type 1: the clear-text part (before "eexec") rewritten; the encrypted part is kept."""
    end = data.find(b"eexec")
    if end < 0:
        return None
    clear, rest = data[:end], data[end:]

    def string(match: re.Match[bytes]) -> bytes:
        text = match.group(2).decode("latin-1")
        return b"/" + match.group(1) + b" (" + NEUTRAL.encode() + b")" if _changed(text, clean) else match.group()

    def name(match: re.Match[bytes]) -> bytes:
        text = match.group(1).decode("latin-1")
        return b"/FontName /" + NEUTRAL.encode() if _changed(text, clean) else match.group()

    new = _TYPE1_NAME.sub(name, _TYPE1_STRING.sub(string, clear))
    return None if new == clear else new + rest
