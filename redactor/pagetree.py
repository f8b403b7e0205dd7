"""A page tree every reader walks alike.

A page tree's `/Count` says how many pages lie below a node, and readers trust it differently:
MuPDF, Poppler and pdf.js take the count (MuPDF stops at the first page past it), while pypdf,
pdfminer and qpdf follow `/Kids` to the end. A root `/Count 1` over two pages hid the second
page from MuPDF, so nothing on it was searched or redacted, and MuPDF's save kept it for pypdf
and pdfminer to read (red-team review, 2026-11-27). The counts are therefore set to what the
kids hold before anything is searched, and verification refuses a public file whose tree still
disagrees with itself or whose page count differs between MuPDF and qpdf.
"""

from __future__ import annotations

import pikepdf

# A tree nested deeper than this is not walked but reported (no real file comes near it).
MAX_DEPTH = 256


def page_tree_faults(pdf: pikepdf.Pdf, mend: bool = False) -> list[str]:
    """What is wrong with `pdf`'s page tree, as descriptions that hold no document text: a node
    whose `/Count` is not the number of pages below it, a node reached twice (a loop), a tree too
    deep to walk. With `mend`, each wrong `/Count` is set to the number of pages below it."""
    faults: list[str] = []
    root = pdf.Root.get("/Pages")
    if not isinstance(root, pikepdf.Dictionary):
        return ["the document has no page tree"]
    _leaves(root, set(), faults, mend, 0)
    return faults


def _leaves(node: pikepdf.Dictionary, seen: set[tuple[int, int]], faults: list[str], mend: bool, depth: int) -> int:
    """The number of pages below `node` by its `/Kids`, checking each node's `/Count` on the way."""
    if depth > MAX_DEPTH:
        faults.append(f"the page tree is nested more than {MAX_DEPTH} levels deep")
        return 0
    kids = node.get("/Kids")
    if not isinstance(kids, pikepdf.Array):
        return 1  # a page
    if node.is_indirect:
        if node.objgen in seen:
            faults.append(f"page tree node {node.objgen[0]} is its own descendant")
            return 0
        seen.add(node.objgen)
    total = sum(_leaves(kid, seen, faults, mend, depth + 1) for kid in kids if isinstance(kid, pikepdf.Dictionary))
    count = node.get("/Count")
    if not isinstance(count, int) or int(count) != total:
        where = f"page tree node {node.objgen[0]}" if node.is_indirect else "a page tree node"
        faults.append(f"{where} counts {count if isinstance(count, int) else 'no'} page(s) over {total}")
        if mend:
            node.Count = total
    return total
