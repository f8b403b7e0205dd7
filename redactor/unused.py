"""Drop resources that nothing draws with.

MuPDF's redaction gives a redacted page new content but keeps its resource dictionary whole, so
a form, picture, pattern, soft mask or Type 3 font that held a redacted value and is no longer
drawn would stay in the file for any parser to read. `unused_resources` takes each such entry
out of every resource dictionary (a page's own, shared, inherited, or a form's).
"""

from __future__ import annotations

import re

import pymupdf

from redactor.lexer import without_lexemes
from redactor.objects import (
    ENTRY_NAME,
    dictionary_at,
    dictionary_text,
    name_at,
    page_content,
    plain_name,
    readable_objects,
    resources_of_page,
)
from redactor.plan import Removed
from redactor.type3glyphs import codes_shown, empty_unshown_glyphs


def unused_resources(doc: pymupdf.Document) -> list[Removed]:
    """Take out of each resource dictionary the forms, pictures, patterns, soft masks and Type 3
    fonts that nothing using it draws with. MuPDF's redaction gives a redacted page resources
    of its own, holding cleaned copies of what it draws, and leaves a dictionary it shared with
    other pages (or that they inherit from the page tree) as it was; a producer may also list
    there what only another page uses. Either way the original form or picture, with the
    removed text or pixels in it, stayed reachable from a page that never shows it; and a form
    reached only through an unused tiling pattern, soft mask or Type 3 font could hold text no
    search reads (glyph codes of an embedded font that no page draws). A dictionary of each kind
    ("/XObject", "/Font") is judged by everything that uses it: pages and forms, whose /Resources
    may share it; one also used by a pattern or a Type 3 font, whose drawing is not read here,
    is left as it is."""
    pages_of: dict[Location, list[int]] = {}  # a /Resources dictionary: the pages using it
    forms_of: dict[Location, list[int]] = {}  # and the forms
    for number in range(doc.page_count):
        owner = resources_of_page(doc, doc.page_xref(number))
        if owner is not None:
            pages_of.setdefault(owner, []).append(number)
    opaque: set[Location] = set()  # resources of patterns and Type 3 fonts
    for xref in readable_objects(doc):
        if doc.xref_get_key(xref, "Resources")[0] == "null":
            continue  # most objects: one look each
        subtype = name_at(doc, xref, "Subtype")
        if subtype != "/Form" and subtype != "/Type3" and not doc.xref_is_stream(xref):
            continue  # a page (counted above)
        owner = dictionary_at(doc, xref, "Resources")
        if owner is None:
            continue
        if subtype == "/Form":
            forms_of.setdefault(owner, []).append(xref)
        else:
            opaque.add(owner)
    users: dict[tuple[str, Location], set[Location]] = {}  # (kind, its dictionary): the /Resources using it
    untouchable: set[tuple[str, Location]] = set()
    for resources in {**pages_of, **forms_of, **dict.fromkeys(opaque)}:
        for kind, found in _kind_dictionaries(doc, resources).items():
            users.setdefault((kind, found), set()).add(resources)
            if resources in opaque:
                untouchable.add((kind, found))
    type3: dict[int, bool] = {}
    contents_of: dict[Location, list[bytes]] = {}
    pruned: dict[str, int] = {}
    pruned_pages: set[int] = set()
    glyphs_shown: dict[Location, set[int]] = {}  # a Type 3 font: the codes still shown with it
    glyphs_unsure: set[Location] = set()  # Type 3 fonts some of whose uses are not read
    codes_of: dict[Location, dict[str, set[int]] | None] = {}  # a /Resources: codes shown by font name
    for (kind, found), using in users.items():
        entries = _entries(doc, kind, found, type3)
        if (kind, found) in untouchable:
            glyphs_unsure.update(_font_at(found, name, entry) for name, entry in entries.values() if kind == "Font")
            continue
        if not entries:
            continue  # the usual case: plain fonts, no pictures
        used: set[str] = set()
        for resources in using:
            if resources not in contents_of:
                contents_of[resources] = _contents_using(doc, resources, pages_of, forms_of, type3)
            used |= {
                plain_name(raw.decode("latin-1"))
                for data in contents_of[resources]
                for raw in _USE[kind].findall(without_lexemes(data, containers=True))
            }
        for plain, (name, entry) in entries.items():
            if plain not in used:
                doc.xref_set_key(found[0], found[1] + name, "null")
                pruned[kind] = pruned.get(kind, 0) + 1
                pruned_pages.update(n for resources in using for n in pages_of.get(resources, []))
            elif kind == "Font":
                font = _font_at(found, name, entry)
                for resources in using:
                    if resources not in codes_of:
                        codes_of[resources] = codes_shown(contents_of[resources])
                    codes = codes_of[resources]
                    if codes is None:
                        glyphs_unsure.add(font)
                    else:
                        glyphs_shown.setdefault(font, set()).update(codes.get(plain, set()))
    emptied = empty_unshown_glyphs(doc, glyphs_shown, glyphs_unsure)
    if emptied:
        pruned["glyphs"] = emptied
    if not pruned:
        return []
    detail = ", ".join(f"{count} {_KIND_WORDS[kind]}" for kind, count in sorted(pruned.items()))
    detail += " listed in resources but used by no page or form there were dropped"
    return [{"what": "unused resources", "detail": detail, "pages": sorted(n + 1 for n in pruned_pages)}]


Location = tuple[int, str]  # a dictionary: the object holding it, and the key path inside ("" or ending in "/")

# How a content stream uses each kind of named resource that can draw: the operator after the name.
_USES = {"XObject": rb"Do", "Pattern": rb"(?:scn|SCN)", "ExtGState": rb"gs", "Font": rb"[-+.\d]+\s+Tf"}
_USE = {kind: re.compile(rb"/([^\s/<>\[\]()%{}]+)\s+" + operator + rb"\b") for kind, operator in _USES.items()}
_RESOURCE_KINDS = re.compile(r"/(XObject|Pattern|ExtGState|Font)\b")
_KIND_WORDS = {
    "XObject": "form(s) or picture(s)",
    "Pattern": "pattern(s)",
    "ExtGState": "soft mask(s)",
    "Font": "Type 3 font(s)",
    "glyphs": "Type 3 glyph(s) no text shows any more",
}


def _font_at(found: Location, name: str, entry: int) -> Location:
    """Where the font dictionary listed under `name` in the font dictionary at `found` lives: its
    own object, or inside the one holding the list (a font written inline)."""
    return (entry, "") if entry else (found[0], f"{found[1]}{name}/")


def _kind_dictionaries(doc: pymupdf.Document, resources: Location) -> dict[str, Location]:
    """Where each kind's dictionary of the /Resources dictionary at `resources` lives."""
    found = {}
    for kind in set(_RESOURCE_KINDS.findall(dictionary_text(doc, *resources))):
        location = dictionary_at(doc, resources[0], resources[1] + kind)
        if location is not None:
            found[kind] = location
    return found


def _entries(doc: pymupdf.Document, kind: str, found: Location, type3: dict[int, bool]) -> dict[str, tuple[str, int]]:
    """The entries of a kind's dictionary that draw something able to hold text or pixels:
    plain name -> (name as written, object, 0 when written inline)."""
    entries: dict[str, tuple[str, int]] = {}
    for name in set(ENTRY_NAME.findall(dictionary_text(doc, *found))):
        kind_of, value = doc.xref_get_key(found[0], found[1] + name)
        if kind_of == "null":
            continue  # a key of a dictionary inside an entry
        entry = int(value.split()[0]) if kind_of == "xref" else 0
        if kind_of == "xref" and not 0 < entry < doc.xref_length():
            # A reference to no object stands for null (PDF 32000-1, 7.3.10) and draws nothing;
            # looked up, it made MuPDF raise and the run end in an internal error (red-team
            # review, 2026-11-27: a damaged file's page listing a font object it lacks).
            continue
        if _can_hide(doc, kind, found, name, entry, type3):
            entries[plain_name(name)] = (name, entry)
    return entries


def _contents_using(
    doc: pymupdf.Document,
    resources: Location,
    pages_of: dict[Location, list[int]],
    forms_of: dict[Location, list[int]],
    type3: dict[int, bool],
) -> list[bytes]:
    """The content streams drawing with the /Resources dictionary at `resources`: its pages',
    its forms', and those of the forms they draw that have no resources of their own."""
    contents = [page_content(doc, doc[n]) for n in pages_of.get(resources, [])]
    contents += [doc.xref_stream(form) or b"" for form in forms_of.get(resources, [])]
    xobjects = _kind_dictionaries(doc, resources).get("XObject")
    return _with_inheriting_forms(doc, contents, _entries(doc, "XObject", xobjects, type3) if xobjects else {})


def _can_hide(doc: pymupdf.Document, kind: str, found: Location, name: str, entry: int, type3: dict[int, bool]) -> bool:
    """Whether a resource entry draws something that could hold text or pixels: a form or a
    picture, a pattern, a graphics state with a soft mask, a Type 3 font (whose glyphs are
    drawings). Plain fonts and graphics states are left: pruning them would cost a look at every
    page for nothing hidden."""
    if kind == "XObject":
        return name_at(doc, entry, "Subtype") in ("/Form", "/Image")
    if kind == "ExtGState":
        where, key = (entry, "SMask") if entry else (found[0], f"{found[1]}{name}/SMask")
        return doc.xref_get_key(where, key)[0] in ("dict", "xref")
    if kind == "Font":  # many pages list the same few fonts: each is looked at once
        if not entry:  # written inline (it was left out, and so were its glyphs: red-team review)
            return doc.xref_get_key(found[0], f"{found[1]}{name}/Subtype")[1] == "/Type3"
        if entry not in type3:
            type3[entry] = name_at(doc, entry, "Subtype") == "/Type3"
        return type3.get(entry, False)
    return True


def _with_inheriting_forms(
    doc: pymupdf.Document, contents: list[bytes], xobjects: dict[str, tuple[str, int]]
) -> list[bytes]:
    """`contents` and the forms they draw, and those forms draw in turn, that have no resources
    of their own (they then use the same dictionary)."""
    contents = list(contents)
    seen: set[str] = set()
    todo = list(contents)
    while todo:
        for raw in _USE["XObject"].findall(without_lexemes(todo.pop(), containers=True)):
            name = plain_name(raw.decode("latin-1"))
            if name in seen:
                continue
            seen.add(name)
            xref = xobjects.get(name, (None, 0))[1]
            # A picture is a stream without resources too: read as content, its decoded pixels
            # (8 MB a scanned page) cost seconds and held memory for nothing (fixed 2026-11-27).
            if xref and name_at(doc, xref, "Subtype") == "/Form" and doc.xref_get_key(xref, "Resources")[0] == "null":
                data = doc.xref_stream(xref) or b""
                contents.append(data)
                todo.append(data)
    return contents
