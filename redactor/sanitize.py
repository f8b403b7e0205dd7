"""Remove what a reader does not see but a machine can read, after redaction.

`sanitize`: document information and XMP metadata, comments and other annotations, links to
redacted text, embedded files, JavaScript and actions, thumbnails, page-piece data, the structure
tree, layer definitions and resources nothing draws with (`redactor.unused`) are removed;
bookmark titles, page labels and layer names are cleaned. Also here: text that tagged spans
carry (`remove_marked_content_text`), and pages MuPDF does not read to their end, written anew
as it read them (`rewrite_unread_content`). What is done before searching is in
`redactor.preparing` and `redactor.invisible`.

Each step returns plain records of what it removed, for the plan.
"""

from __future__ import annotations

import functools
import re
import urllib.parse
from collections.abc import Callable, Iterable, Iterator

import pikepdf
import pymupdf

from redactor import fontnames
from redactor.lexer import any_names, lexemes, names_in, property_lists, tag_names
from redactor.mask import ANNOTATION_TYPES, NAME_TREES, standard_name
from redactor.objects import (
    ENTRY_NAME,
    content_streams,
    dictionary_at,
    dictionary_text,
    name_at,
    plain_name,
    readable_objects,
)
from redactor.plan import Removed
from redactor.unused import unused_resources


def sanitize(
    doc: pymupdf.Document, clean_text: Callable[[str], str], clean_names: Callable[[str], str] | None = None
) -> list[Removed]:
    """Remove hidden content from a redacted document. `clean_text` takes out of a bookmark
    title, link target, page label or layer name what must not be public; `clean_names` (by
    default the same) out of the names of fonts and marked-content tags, which no reader shows."""
    clean_names = clean_names or clean_text
    removed: list[Removed] = []
    removed += _metadata(doc)
    removed += _links(doc, clean_text)
    removed += _named_destinations(doc, clean_text)  # after _links: see its docstring
    removed += _annotations(doc)
    removed += _page_labels(doc, clean_text)
    removed += _embedded_files(doc)
    removed += _object_entries(doc, clean_text)  # before the layer definitions go: see its docstring
    removed += _font_names(doc, clean_names)
    removed += _tags(doc, clean_names)
    removed += _catalog_entries(doc)
    removed += _page_entries(doc)
    removed += unused_resources(doc)
    removed += _bookmarks(doc, clean_text)
    return removed


# Marked-content properties that carry text of their own: what a span stands for (a tagged PDF's
# /ActualText, MuPDF's and Acrobat's copy text), its alternate description and its expansion.
_MARKED_TEXT_KEYS = ("/ActualText", "/Alt", "/E")
_MARKED_TEXT = re.compile(rb"/(?:ActualText|Alt|E)\s*[(<]")
_NAMED_PROPERTIES = re.compile(rb"/[^\s/<>\[\]()%{}]+\s+(?:BDC|DP)\b")


def comments(content: bytes) -> Iterator[bytes]:
    """The comments of a content stream ("% template field = ..."), which no reader shows and
    PDF producers leave behind."""
    if b"%" in content:
        for kind, start, end in lexemes(content):
            if kind == "comment":
                yield content[start:end]


def remove_marked_content_text(doc: pymupdf.Document, pages: Iterable[int]) -> list[Removed]:
    """Drop the text that marked content carries in its property lists, on the 0-based `pages`.
    Run on every page before anything is searched: an /ActualText stands in for its glyphs when
    text is extracted, so "/Span <</ActualText (the vendor)>> BDC" hid the name it draws from
    every search, and an /Alt is read by no search at all (no reader sees either; the structure
    tree that gave them meaning is removed anyway). Comments go too: qpdf writes the stream
    anew without them. Run again on redacted pages: MuPDF's
    redaction removes the glyphs of a tagged span but keeps its properties. Both kinds of
    property list are cleaned: written inline in the content stream, and named in the page's
    resources ("/Span /MC3 BDC")."""
    cleaned = []
    for number in sorted(pages):
        changed = named = False
        for xref, data in content_streams(doc, doc[number]):
            if data and (_MARKED_TEXT.search(data) or any(comments(data))):
                doc.update_stream(xref, _without_marked_text(data))  # written anew: comments go too
                changed = True
            named = named or bool(data and _NAMED_PROPERTIES.search(data))
        if named and _clean_named_properties(doc, doc[number]):
            changed = True
        if changed:
            cleaned.append(number + 1)
    if not cleaned:
        return []
    detail = (
        "text carried by tagged spans (/ActualText, /Alt, /E) and comments in page content removed: no reader sees it"
    )
    return [{"what": "marked-content text", "detail": detail, "pages": cleaned}]


def drop_lost_contents(doc: pymupdf.Document) -> None:
    """Take out of each page's /Contents the streams a damaged file lost (it was rebuilt on
    opening, and the page still names them): a new object made later (a page written anew, a
    redaction's stream) may take the lost one's number, and the page would then show another
    page's content (a truncated sample did: verification refused it)."""
    for page in doc:
        xrefs = page.get_contents()
        kept = [x for x in xrefs if 0 < x < doc.xref_length() and doc.xref_is_stream(x)]
        if len(kept) != len(xrefs):
            listing = "[" + " ".join(f"{x} 0 R" for x in kept) + "]"
            doc.xref_set_key(page.xref, "Contents", listing if kept else "null")


# What MuPDF says when it stopped reading a page's content before its end: a syntax error in a
# stream that a filter could not read to its end (cut inside a string, whose start is left in
# the file, never searched). Not a stream that only ends early ("premature end of data in flate
# filter" alone): nothing follows what was read, and a corpus filing writes every page that
# way. Not a syntax error alone either: MuPDF skips the bad token and reads on.
_SYNTAX_ERROR = re.compile(r"syntax error", re.I)
_STREAM_DAMAGED = re.compile(r"premature end|unexpected end|read error|zlib error|corrupt", re.I)


def content_unread(warnings: str) -> bool:
    """Whether MuPDF's warnings while a page was read say that it stopped before the end."""
    return bool(_SYNTAX_ERROR.search(warnings) and _STREAM_DAMAGED.search(warnings)) or "stack overflow" in warnings


def content_skipped(warnings: str) -> bool:
    """Whether MuPDF skipped something while it read a page (a stray "]", an unknown word, an
    unclosed string at the end) or stopped at a stream it could not decode to its end (a bad
    byte in ASCIIHex): the page is written anew as it read it, so that the skipped bytes, which
    nothing searched, do not stay in the file, and so that saving, which cannot decode such a
    stream either, does not write it empty (the page came out blank: red-team review, 2026-11-27)."""
    return bool(_SYNTAX_ERROR.search(warnings)) or "treating as end of file" in warnings


def rewrite_unread_content(
    doc: pymupdf.Document, pages: Iterable[int], quietly: Iterable[int] = ()
) -> tuple[list[Removed], list[str]]:
    """Write the content of the 0-based `pages` and `quietly` anew as MuPDF read it, forms
    included. Where MuPDF stopped reading a page (a stray "endstream", a stream cut short, a
    syntax error, a picture whose end it saw elsewhere: `redactor.readings`), other viewers may
    go on: Poppler showed an SSN after a stray "endstream" that nothing had searched, and the
    bytes after a break stayed in the file for anyone to inflate (fuzzing review, 2026-11-26).
    What MuPDF did not read is dropped, and the user told of `pages`."""
    done = sorted(set(pages))
    for number in sorted(set(quietly) | set(done)):
        doc[number].clean_contents()
    if not done:
        return [], []
    listed = ", ".join(str(n + 1) for n in done)
    removed = [
        {
            "what": "unreadable page content",
            "detail": "the part of a page's content MuPDF could not read (damaged, after a stray end-of-stream marker, or past a picture whose end other viewers see elsewhere) dropped",
            "pages": [n + 1 for n in done],
        }
    ]
    warning = (
        f"page(s) {listed}: the content could not be read to its end, or other viewers may read it otherwise (damaged, "
        "a stray end-of-stream marker, or a picture whose end is unclear); "
        "what could not be read was left out of the public version, and other viewers may show more of the "
        "original page: compare it with the original"
    )
    return removed, [warning]


def _clean_named_properties(doc: pymupdf.Document, page: pymupdf.Page) -> bool:
    """Take the text keys out of the property lists the page's resources name; True if any."""
    owner = dictionary_at(doc, page.xref, "Resources/Properties")
    if owner is None:
        return False
    xref, path = owner
    changed = False
    for name in set(ENTRY_NAME.findall(dictionary_text(doc, xref, path))):
        entry = dictionary_at(doc, xref, path + name)
        if entry is None:
            continue
        for key in _MARKED_TEXT_KEYS:
            if doc.xref_get_key(entry[0], entry[1] + key[1:])[0] != "null":
                doc.xref_set_key(entry[0], entry[1] + key[1:], "null")
                changed = True
    return changed


def _without_marked_text(data: bytes) -> bytes:
    """A content stream with the text keys taken out of its inline marked-content properties,
    parsed and written back by qpdf."""
    with pikepdf.new() as scratch:
        instructions = []
        for instruction in pikepdf.parse_content_stream(scratch.make_stream(data)):
            if isinstance(instruction, pikepdf.ContentStreamInstruction) and str(instruction.operator) in ("BDC", "DP"):
                operands = list(instruction.operands)
                for operand in operands:
                    if isinstance(operand, pikepdf.Dictionary):
                        for key in _MARKED_TEXT_KEYS:
                            if key in operand:
                                del operand[key]
                instruction = pikepdf.ContentStreamInstruction(operands, instruction.operator)
            instructions.append(instruction)
        return pikepdf.unparse_content_stream(instructions)


def _metadata(doc: pymupdf.Document) -> list[Removed]:
    removed = []
    present = sorted(k for k, v in (doc.metadata or {}).items() if v and k not in ("format", "encryption"))
    if present:
        removed.append({"what": "document information", "detail": "removed: " + ", ".join(present)})
    doc.set_metadata({})
    if doc.xref_get_key(-1, "Info")[0] != "null":
        doc.xref_set_key(-1, "Info", "null")  # set_metadata leaves the producer and dates behind
    catalog = doc.pdf_catalog()
    if doc.xref_get_key(catalog, "Metadata")[0] != "null":
        removed.append({"what": "XMP metadata", "detail": "XMP metadata stream removed"})
        doc.del_xml_metadata()
    return removed


def _annotations(doc: pymupdf.Document) -> list[Removed]:
    """Remove every annotation but plain links (comments, highlights, stamps, attachments, sounds...)."""
    counts: dict[str, int] = {}
    pages = []
    for page in doc:
        doomed = [a for a in page.annots()]
        for annot in doomed:
            kind = standard_name(annot.type[1], ANNOTATION_TYPES)
            counts[kind] = counts.get(kind, 0) + 1
            page.delete_annot(annot)
        for link in page.get_links():
            if link.get("kind") not in (pymupdf.LINK_URI, pymupdf.LINK_GOTO, pymupdf.LINK_NAMED):
                page.delete_link(link)
                counts["Link (action)"] = counts.get("Link (action)", 0) + 1
        # Every link left, including those that go nowhere (which get_links does not list).
        for xref in link_xrefs(page):
            if _strip_link(doc, xref):
                counts["Link text or appearance"] = counts.get("Link text or appearance", 0) + 1
        if unknown := _unknown_annotations(doc, page):
            counts["other"] = counts.get("other", 0) + unknown
        if doomed or unknown:
            pages.append(page.number + 1)
    if not counts:
        return []
    detail = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
    return [{"what": "annotations", "detail": f"removed {detail}", "pages": pages}]


def _unknown_annotations(doc: pymupdf.Document, page: pymupdf.Page) -> int:
    """Drop the annotations of kinds MuPDF does not know (a file may name any "/Subtype"), which
    `page.annots()` does not list: the page's list is written anew with its links only. Verification
    found them, and refused a file the user could not clean. Returns how many were dropped."""
    kind, value = doc.xref_get_key(page.xref, "Annots")
    if kind == "xref":
        value = doc.xref_object(int(value.split()[0]), compressed=True)
    listed = re.findall(r"(\d+) 0 R", value) if kind in ("xref", "array") else []
    links = link_xrefs(page)
    if len(listed) <= len(links):
        return 0
    doc.xref_set_key(page.xref, "Annots", "[" + " ".join(f"{xref} 0 R" for xref in links) + "]")
    return len(listed) - len(links)


def link_xrefs(page: pymupdf.Page) -> list[int]:
    """Every link of the page, including those that go nowhere (which get_links does not list)."""
    return [xref for xref, kind, *_ in page.annot_xrefs() if kind == pymupdf.PDF_ANNOT_LINK]


def _links(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """Delete the links whose target holds what must not be public. Word makes a link of every
    e-mail and web address typed: MuPDF's redaction deletes the links over a redaction, but the
    same "mailto:" link is often also on a signature block or a "write to her" elsewhere."""
    pages = []
    for page in doc:
        doomed = [xref for xref in link_xrefs(page) if any(clean_text(t) != t for t in link_targets(doc, xref))]
        for xref in doomed:
            page.delete_link({"xref": xref})
        pages += [page.number + 1] * len(doomed)
    if not pages:
        return []
    detail = f"{len(pages)} link(s) leading to redacted text removed"
    return [{"what": "links", "detail": detail, "pages": sorted(set(pages))}]


def link_targets(doc: pymupdf.Document, xref: int) -> list[str]:
    """The text of where a link goes: a URI (read %-unescaped) or a named destination."""
    targets = []
    for path in ("A/URI", "A/D", "Dest"):
        kind, value = doc.xref_get_key(xref, path)
        if kind == "string":
            targets.append(urllib.parse.unquote(value) if path == "A/URI" else value)
        elif kind == "name":
            targets.append(plain_name(value.lstrip("/")))
    return targets


def _named_destinations(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """If any named destination (a place in the file a link can jump to by name, such as a Word
    bookmark "Halvorsen_contract") has a name to clean, remove them all and point the links
    that used one at their page, shown whole. Names are keys of a sorted tree: removing every
    one is simpler and safer than renaming some. Links whose name itself was sensitive are
    already gone (`_links`)."""
    names = doc.resolve_names()
    if all(clean_text(name) == name for name in names):
        return []
    for page in doc:
        for link in page.get_links():
            if link.get("nameddest") is None:
                continue
            target = names.get(link["nameddest"], {})
            if target.get("page", -1) < 0:
                page.delete_link(link)
                continue
            # Written into the link itself: PyMuPDF's update_link misplaces a link on a turned
            # page, and its resolve_names cannot tell "the whole page" from "its bottom corner".
            doc.xref_set_key(link["xref"], "Dest", "null")
            doc.xref_set_key(link["xref"], "A", f"<</S/GoTo/D[{doc.page_xref(target['page'])} 0 R/Fit]>>")
    catalog = doc.pdf_catalog()
    for key in ("Names/Dests", "Dests"):
        if doc.xref_get_key(catalog, key)[0] != "null":
            doc.xref_set_key(catalog, key, "null")
    detail = f"{len(names)} named destination(s) removed, some named with sensitive text; links now point at pages"
    return [{"what": "named destinations", "detail": detail}]


def _page_labels(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """Clean the prefixes of page labels ("Halvorsen-1"), which viewers show beside page numbers."""
    labels = doc.get_page_labels()
    cleaned = [{**rule, "prefix": clean_text(rule.get("prefix", ""))} for rule in labels]
    if cleaned == labels:
        return []
    doc.set_page_labels(cleaned)
    changed = sum(a != b for a, b in zip(labels, cleaned, strict=True))
    return [{"what": "page labels", "detail": f"{changed} page-label prefix(es) cleaned of sensitive text"}]


# What a kept link may keep: where it is, how its border looks, and where it goes. Anything else
# (a drawn appearance, which some viewers show and detection never sees, a tooltip, a name, an
# associated file) is removed; so is anything in its action but the target itself (a /Next
# action chained after it may run JavaScript).
_LINK_KEYS = {"Type", "Subtype", "Rect", "Border", "BS", "C", "F", "H", "QuadPoints", "P", "A", "Dest", "StructParent"}
_ACTION_KEYS = {"Type", "S", "URI", "D", "N", "IsMap"}


def _strip_link(doc: pymupdf.Document, xref: int) -> bool:
    """Keep only where a link is and where it goes; True if anything else was removed."""
    stripped = _keep_only(doc, xref, _LINK_KEYS)
    action = _as_object(doc, xref, "A")
    return (action is not None and _keep_only(doc, action, _ACTION_KEYS)) or stripped


def _keep_only(doc: pymupdf.Document, xref: int, keys: set[str]) -> bool:
    extras = [key for key in doc.xref_get_keys(xref) if key not in keys]
    for key in extras:
        doc.xref_set_key(xref, key, "null")
    return bool(extras)


def _as_object(doc: pymupdf.Document, xref: int, key: str) -> int | None:
    """The object number of the dictionary under `key`, which is made an object of its own if it
    was written inside its holder (so that its keys can be listed); None if there is none."""
    kind, value = doc.xref_get_key(xref, key)
    if kind == "xref":
        return int(value.split()[0])
    if kind != "dict":
        return None
    number = doc.get_new_xref()
    doc.update_object(number, value)
    doc.xref_set_key(xref, key, f"{number} 0 R")
    return number


def _embedded_files(doc: pymupdf.Document) -> list[Removed]:
    names = doc.embfile_names()
    for name in names:
        doc.embfile_del(name)
    if not names:
        return []
    return [{"what": "embedded files", "detail": f"{len(names)} attached file(s) removed"}]


_CATALOG_KEYS = {
    "OpenAction": "document open action",
    "AA": "document actions",
    "AcroForm": "form definitions",
    "OCProperties": "layer definitions",
    "PieceInfo": "page-piece data",
    "StructTreeRoot": "structure tree (tags may repeat removed text)",
    "MarkInfo": "tagging marker",
    "SpiderInfo": "web-capture data",
    "Threads": "article threads",
    "Collection": "portfolio definition",
    "URI": "base URI",
    # A digital signature's permissions and validation data: the signer's certificate (with an
    # e-mail address), name and contact. Redacting breaks the signature anyway; left, they made a
    # signed declaration be refused (red-team review, 2026-11-27).
    "Perms": "signature permissions",
    "DSS": "signature validation data",
}


# The keys PDF 2.0 defines for the catalog (ISO 32000-2, table 29). Any other is a program's
# private data: a stream hung there with an SSN made verification refuse the file (red-team
# review, 2026-11-27).
_STANDARD_CATALOG_KEYS = {
    "Type", "Version", "Extensions", "Pages", "PageLabels", "Names", "Dests", "ViewerPreferences", "PageLayout",
    "PageMode", "Outlines", "Threads", "OpenAction", "AA", "URI", "AcroForm", "Metadata", "StructTreeRoot",
    "MarkInfo", "Lang", "SpiderInfo", "OutputIntents", "PieceInfo", "OCProperties", "Perms", "Legal",
    "Requirements", "Collection", "NeedsRendering", "DSS", "AF", "DPartRoot",
}  # fmt: skip


def _catalog_entries(doc: pymupdf.Document) -> list[Removed]:
    removed = []
    catalog = doc.pdf_catalog()
    for key, description in _CATALOG_KEYS.items():
        if doc.xref_get_key(catalog, key)[0] != "null":
            doc.xref_set_key(catalog, key, "null")
            removed.append({"what": description, "detail": f"catalog /{key} removed"})
    private = [key for key in doc.xref_get_keys(catalog) if key not in _STANDARD_CATALOG_KEYS]
    for key in private:
        doc.xref_set_key(catalog, key, "null")
    if private:
        removed.append(
            {"what": "private data of other programs", "detail": f"{len(private)} catalog entr(ies) removed"}
        )
    names = _as_object(doc, catalog, "Names")
    others = [key for key in doc.xref_get_keys(names) if key != "Dests"] if names is not None else []
    for key in others:  # scripts, attached files, template pages, named appearances, web captures
        detail = f"/Names/{standard_name(key, NAME_TREES)} removed"
        removed.append({"what": _NAME_TREES.get(key, "name tree"), "detail": detail})
    if names is not None and others:
        # The dictionary is written anew with its destinations only: a key the file escaped oddly
        # ("/Operation#20Nightjar") could not be set to null by name, and verification refused it.
        kind, dests = doc.xref_get_key(names, "Dests")
        doc.update_object(names, f"<< /Dests {dests} >>" if kind in ("xref", "dict") else "<< >>")
    return removed


_NAME_TREES = {"JavaScript": "JavaScript", "EmbeddedFiles": "embedded files", "Templates": "template pages"}


_PAGE_KEYS = {
    "Thumb": "thumbnails",
    "PieceInfo": "page-piece data",
    "AA": "page actions",
    "B": "article beads",
    "Metadata": "page XMP metadata",
    # Data no viewer draws, which may name anything: a viewport's name and measure (a red-team
    # review's "Northgate yard" made verification refuse the file), the template a page was made
    # from, a web capture's identifier, separations, a document part.
    "VP": "viewports",
    "TemplateInstantiated": "template name",
    "ID": "web-capture identifier",
    "SeparationInfo": "separation data",
    "DPart": "document part",
}


# The keys PDF 2.0 defines for a page (ISO 32000-2, table 31). Any other is a producer's private
# data, which no viewer shows and which may hold anything: a stream hung on a page under a name
# of its own kept an SSN in UTF-16 (red-team review, 2026-11-27; verification refused the file).
_STANDARD_PAGE_KEYS = {
    "Type", "Parent", "LastModified", "Resources", "MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox",
    "BoxColorInfo", "Contents", "Rotate", "Group", "Thumb", "B", "Dur", "Trans", "Annots", "AA", "Metadata",
    "PieceInfo", "StructParents", "ID", "PZ", "SeparationInfo", "Tabs", "TemplateInstantiated", "PresSteps",
    "UserUnit", "VP", "AF", "OutputIntents", "DPart",
}  # fmt: skip


def _page_entries(doc: pymupdf.Document) -> list[Removed]:
    found: dict[str, list[int]] = {}
    for page in doc:
        for key, description in _PAGE_KEYS.items():
            if doc.xref_get_key(page.xref, key)[0] != "null":
                doc.xref_set_key(page.xref, key, "null")
                found.setdefault(description, []).append(page.number + 1)
        private = [key for key in doc.xref_get_keys(page.xref) if key not in _STANDARD_PAGE_KEYS]
        for key in private:
            doc.xref_set_key(page.xref, key, "null")
        if private:
            found.setdefault("private data of other programs", []).append(page.number + 1)
    return [
        {"what": what, "detail": f"removed from {len(pages)} page(s)", "pages": pages} for what, pages in found.items()
    ]


def _object_entries(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """What any object of the file may carry that no reader sees, in one pass over them all:
    associated files (/AF, PDF 2.0 and PDF/A-3: the document a PDF was made from), the XMP and
    page-piece data an editor or camera hung on forms and pictures, and of every layer (listed
    in the layer definitions or only pointed to by a page) its usage notes, which name who made
    it and for whom, and its name, which is cleaned of sensitive text (a name written as an object
    of its own is read from the layer definitions, so this runs before they are removed)."""
    counts: dict[str, int] = {}
    listed_names = {xref: layer.get("name") or "" for xref, layer in doc.get_ocgs().items()}

    def count(what: str) -> None:
        counts[what] = counts.get(what, 0) + 1

    for xref in readable_objects(doc):
        if doc.xref_get_key(xref, "AF")[0] != "null":
            doc.xref_set_key(xref, "AF", "null")
            count("associated files")
        if name_at(doc, xref, "Subtype") in ("/Form", "/Image"):
            # /Alternates: other versions of a picture (a viewer may print one instead); /OPI: a
            # link to the original of a picture for prepress.
            found = [
                key
                for key in ("Metadata", "PieceInfo", "Alternates", "OPI")
                if doc.xref_get_key(xref, key)[0] != "null"
            ]
            for key in found:
                doc.xref_set_key(xref, key, "null")
            if found:
                count("form and picture metadata")
        elif name_at(doc, xref, "Type") == "/OCG":
            if doc.xref_get_key(xref, "Usage")[0] != "null":
                doc.xref_set_key(xref, "Usage", "null")
                count("layer usage notes")
            kind, name = doc.xref_get_key(xref, "Name")
            name = name if kind == "string" else listed_names.get(xref, "")
            if clean_text(name) != name:
                doc.xref_set_key(xref, "Name", pymupdf.get_pdf_str(clean_text(name)))
                count("layer names")
    return [{"what": what, "detail": f"removed or cleaned in {n} object(s)"} for what, n in counts.items()]


def _bookmarks(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """Rewrite the outline with cleaned titles and plain page destinations (no actions)."""
    toc = doc.get_toc(simple=True)
    if not toc:
        if doc.xref_get_key(doc.pdf_catalog(), "Outlines")[0] != "null":
            doc.xref_set_key(doc.pdf_catalog(), "Outlines", "null")
        return []
    cleaned = 0
    new_toc = []
    for level, title, page in toc:
        clean = clean_text(title)
        cleaned += clean != title
        new_toc.append([level, clean, max(page, 1)])
    doc.set_toc(new_toc)
    detail = f"{len(toc)} bookmark(s) rewritten without actions"
    if cleaned:
        detail += f"; {cleaned} title(s) cleaned of sensitive text"
    return [{"what": "bookmarks", "detail": detail}]


_PROGRAM_KEYS = ("FontFile", "FontFile2", "FontFile3")


def _font_names(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """Make neutral the names of embedded fonts, and the names and notices in their programs,
    that hold what must not be public (`redactor.fontnames`: a vendor's house font named after
    it). The font draws the same; fonts that are not embedded keep their names, which a viewer
    needs to find one."""
    renamed = 0
    clean_text = functools.lru_cache(maxsize=None)(clean_text)  # fonts repeat their notices
    for xref in readable_objects(doc):
        kind = name_at(doc, xref, "Type")
        if kind == "/FontDescriptor":
            programs = [(key, _reference(doc, xref, key)) for key in _PROGRAM_KEYS]
            programs = [(key, number) for key, number in programs if number]
            for key, number in programs:
                renamed += _clean_program(doc, number, key, clean_text)
            keys = ("FontName", "FontFamily") if programs else ()
        elif kind == "/Font" and _embedded(doc, xref):
            keys = ("BaseFont",)
        else:
            continue
        for key in keys:
            kind_of, value = doc.xref_get_key(xref, key)
            if kind_of not in ("name", "string"):
                continue
            text = fontnames.readable(value) if kind_of == "name" else value
            if clean_text(text) == text:
                continue
            neutral = fontnames.neutral_name(value, xref)
            doc.xref_set_key(xref, key, "/" + neutral if kind_of == "name" else pymupdf.get_pdf_str(fontnames.NEUTRAL))
            renamed += 1
    if not renamed:
        return []
    return [{"what": "font names", "detail": f"{renamed} name(s) of embedded fonts or their programs made neutral"}]


def _reference(doc: pymupdf.Document, xref: int, key: str) -> int:
    kind, value = doc.xref_get_key(xref, key)
    return int(value.split()[0]) if kind == "xref" else 0


def _embedded(doc: pymupdf.Document, xref: int) -> bool:
    """Whether a font draws with a program of its own (a Type 3 font always does)."""
    subtype = name_at(doc, xref, "Subtype")
    if subtype == "/Type3":
        return True
    if subtype == "/Type0":
        kind, value = doc.xref_get_key(xref, "DescendantFonts")
        found = re.findall(r"(\d+) 0 R", value) if kind in ("array", "xref") else []
        if kind == "xref":
            found = re.findall(r"(\d+) 0 R", doc.xref_object(int(found[0]), compressed=True)) if found else []
        return bool(found) and _embedded(doc, int(found[0]))
    descriptor = _reference(doc, xref, "FontDescriptor")
    return bool(descriptor) and any(_reference(doc, descriptor, key) for key in _PROGRAM_KEYS)


def _clean_program(doc: pymupdf.Document, xref: int, key: str, clean_text: Callable[[str], str]) -> bool:
    try:
        data = doc.xref_stream(xref)
    except pymupdf.mupdf.FzErrorBase:
        return False
    if not data:
        return False
    new = fontnames.clean_program(data, key, clean_text)
    if new is None:
        return False
    doc.update_stream(xref, new)
    if key == "FontFile2":
        doc.xref_set_key(xref, "Length1", str(len(new)))
    elif key == "FontFile":  # only the clear-text part changed length
        kind, length = doc.xref_get_key(xref, "Length1")
        if kind == "int":
            doc.xref_set_key(xref, "Length1", str(int(length) + len(new) - len(data)))
    return True


def _tags(doc: pymupdf.Document, clean_text: Callable[[str], str]) -> list[Removed]:
    """Make "Span" the tags of marked content in pages and forms whose names hold what must not be
    public, and empty the property lists whose names do: a producer names them as it likes (InDesign
    after a paragraph style, "/Northgate#20Table"), no reader shows them, and the structure tree
    that gave them meaning is removed (red-team review, 2026-11-27)."""
    from redactor.verify import pdf_vocabulary  # verify imports this module

    vocabulary = pdf_vocabulary()
    streams = {xref for page in doc for xref, _ in content_streams(doc, page)}
    streams |= {xref for xref in readable_objects(doc) if name_at(doc, xref, "Subtype") == "/Form"}
    renamed = 0
    cleaned: dict[str, bool] = {}  # a tagged page repeats its tags ("P", "Span") hundreds of times

    def sensitive(text: str) -> bool:
        if text not in cleaned:
            cleaned[text] = clean_text(text) != text
        return cleaned[text]

    for xref in sorted(streams):
        try:
            data = doc.xref_stream(xref)
        except pymupdf.mupdf.FzErrorBase:
            continue
        if not data or not any(sensitive(fontnames.readable(n)) for n in any_names(data) if n not in vocabulary):
            continue  # the common case, without lexing the stream
        parts, position = [], 0
        spans = [(start, end, b"Span") for start, end in tag_names(data)]
        spans += [(start, end, b"<< >>") for start, end in property_lists(data)]  # no key of one is needed now
        for start, end, neutral in sorted(spans):
            written = data[start:end]
            if neutral == b"Span":
                text = fontnames.readable(written.decode("latin-1"))
            else:  # a property list's names (its strings are read by verification, and refuse the file)
                text = " ".join(fontnames.readable(name) for name in names_in(written) if name not in vocabulary)
            if start >= position and sensitive(text):
                parts += [data[position:start], neutral]
                position = end
        if parts:
            renamed += len(parts) // 2
            doc.update_stream(xref, b"".join(parts) + data[position:])
    if not renamed:
        return []
    return [{"what": "marked-content tags", "detail": f"{renamed} tag(s) named with sensitive text made Span"}]
