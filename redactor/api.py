"""The library entry points: `scan`, `apply` and `redact`.

    plan = redactor.scan("declaration.pdf", terms="terms.txt")
    # ... a reviewer flips statuses or adds manual boxes ...
    result = redactor.apply("declaration.pdf", plan, "declaration.redacted.pdf")

The pipeline, one module per step: read the PDF (`pdfio`), strip hidden layers
and flatten forms (`preparing.prepare`), read the text (`textmodel`), find
(`detect`), locate (`geometry`), remove (`apply`), sanitize (`sanitize`),
save whole, verify with two parsers (`verify`), and only then write.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pymupdf

from redactor.detect import MIN_TERM, Carried, Finding, detect, findings_in
from redactor.errors import (
    InputMissing,
    Interrupted,
    InvalidPlan,
    InvalidPolicy,
    OutputNotWritable,
    VerificationFailed,
)
from redactor.geometry import Locator
from redactor.invisible import remove_invisible_text, remove_offpage_text
from redactor.layout import EVERYWHERE, TEXT_FLAGS, PageLayout, TextPages, page_layout
from redactor.marks import BASIS as MARK_BASIS
from redactor.marks import REASON as MARK_REASON
from redactor.marks import REVIEW as MARK_REVIEW
from redactor.marks import Mark, read_marks, remove_covered_pixels, remove_covered_text, remove_marks
from redactor.ocr import MIN_CONFIDENCE, PageReading, check_mode, read_pages, regions_to_read
from redactor.pdfio import (
    Source,
    check_writable,
    not_a_file,
    open_document,
    read_source,
    same_file,
    sha256,
    write_atomic,
)
from redactor.plan import Box, Plan, Redaction, load_plan, redaction_id
from redactor.policy import BUILT_IN, Policy, load_policy
from redactor.preparing import prepare, prepare_file
from redactor.readings import Readings, cut_stray_ends, page_readings
from redactor.removal import apply_redactions, stamp_legend
from redactor.rendermode import pin_inherited_render_modes
from redactor.sanitize import (
    content_skipped,
    content_unread,
    drop_lost_contents,
    remove_marked_content_text,
    rewrite_unread_content,
    sanitize,
)
from redactor.textlayer import add_text_layer
from redactor.textmodel import DocumentText, Word, match_key, read_document
from redactor.verify import Shown, Verification, secret_pattern, secrets_of, verify
from redactor.widths import widen_to_line_end

PathLike = str | Path
Progress = Callable[[int], None]  # pages done since the last call
ReadingProgress = Callable[[int, int], None]  # pictures read so far, pictures to read


@dataclass
class Result:
    """What `apply` and `redact` produced."""

    plan: Plan
    output: Path
    plan_path: Path | None
    verification: Verification


def tool_version() -> str:
    try:
        return metadata.version("redactor")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def default_output(input_path: PathLike) -> Path:
    path = input_file(input_path)
    return path.with_name(f"{path.stem}.redacted.pdf")


def chosen_path(given: PathLike | None, default: Path) -> Path:
    """The path to write: `default` when none was given, and `default`'s name inside a folder that
    was given (`-o public/`), as `cp` does, rather than refusing or writing a file named like it."""
    if not given:
        return default
    path = Path(given)
    try:
        folder = path.is_dir()
    except OSError:  # a name too long for the system: check_writable says so, as an output error
        folder = False
    return path / default.name if folder else path


def input_file(input_path: PathLike) -> Path:
    """`input_path`, refused at once if it is missing or names a folder: before any output is
    checked, so that a mistyped folder is reported as the input's, not the output's."""
    path = Path(input_path)
    try:
        folder, exists = path.is_dir(), path.exists()
    except OSError as error:  # a name too long for the system was an internal error (exit 70)
        raise InputMissing(f"cannot read input file {path}: {error.strerror or error}") from error
    if folder or not path.name:
        raise InputMissing(f"input is a folder, not a PDF file: {path}")
    if not exists:
        raise InputMissing(f"input file not found: {path}")
    kind = not_a_file(path)
    if kind:
        raise InputMissing(f"input {path} is {kind}")
    return path


def check_not_discarding_review(plan_path: PathLike) -> None:
    """A plan a reviewer has worked on (redactions accepted, rejected or drawn by hand) is hours
    of legal work: `scan` and `redact` never write a fresh plan over it."""
    try:
        record = json.loads(Path(plan_path).read_text(encoding="utf-8-sig"))
        statuses = Counter(r.get("status") for r in record.get("redactions", []) if isinstance(r, dict))
    except (OSError, ValueError, AttributeError):
        return  # no plan there (or none to read): nothing to lose
    reviewed = {status: statuses[status] for status in ("accepted", "rejected", "manual") if statuses[status]}
    if reviewed:
        held = ", ".join(f"{count} {status}" for status, count in reviewed.items())
        raise OutputNotWritable(
            f"{plan_path} holds a review ({held}): apply it with redactor apply --plan, write the new plan "
            "elsewhere (--plan or --log), or delete it to start over"
        )


def default_plan_path(input_path: PathLike) -> Path:
    path = input_file(input_path)
    return path.with_name(f"{path.stem}.redactions.json")


def read_terms(path: PathLike | None) -> tuple[list[str], dict | None]:
    """Terms from a plain text file, one per line; blank lines are skipped. There are no comment
    lines: "#7 Ortega" (an informant's code) is a term like any other, and a line meant as a
    comment costs nothing but a search."""
    if path is None:
        return [], None
    path = Path(path)
    kind = not_a_file(path, pipes=True)
    if kind:
        raise InvalidPolicy(f"terms file {path} is {kind}")
    try:
        raw = path.read_bytes()
        # Notepad's "Unicode" is UTF-16 with a byte-order mark; anything else must be UTF-8.
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig")
    except FileNotFoundError as error:
        raise InvalidPolicy(f"terms file not found: {path}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidPolicy(f"cannot read terms file {path} as text: save it as UTF-8") from error
    if "\x00" in text:  # UTF-16 without a byte-order mark reads as UTF-8 with a zero after each letter
        raise InvalidPolicy(f"cannot read terms file {path} as text (it looks like UTF-16): save it as UTF-8")
    terms = [line.strip() for line in text.splitlines() if line.strip()]
    if not terms:  # a file saved empty, or the wrong file: nothing the user listed would be redacted
        raise InvalidPolicy(f"terms file {path} holds no terms (one term or phrase a line)")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and sum(c.isalnum() for c in line) < MIN_TERM:  # never quoted: it may be sealed
            raise InvalidPolicy(
                f"terms file {path}, line {number}: a term needs at least {MIN_TERM} letters or digits "
                "(a shorter one would black out that letter everywhere)"
            )
    return terms, {"path": str(path), "sha256": hashlib.sha256(raw).hexdigest(), "count": len(terms)}


def scan(
    input_path: PathLike,
    *,
    policy: Policy | PathLike | None = None,
    terms: PathLike | None = None,
    password: str | None = None,
    ocr: str = "auto",
    ocr_lang: str = "eng",
    ocr_progress: ReadingProgress | None = None,
) -> Plan:
    """Find what should be redacted in `input_path`; change nothing. Returns a plan to review.
    `ocr` ("auto", "always", "never") says which pictures are read with Tesseract (see `redactor.ocr`)."""
    check_mode(ocr)
    source = read_source(Path(input_path), password)
    chosen = _policy(policy)
    term_list, term_info = read_terms(terms)
    prepared = _open_prepared(source)
    with prepared.doc:
        return _find(source, prepared, chosen, term_list, term_info, Reader(ocr, ocr_lang, ocr_progress))[2]


def apply(
    input_path: PathLike,
    plan: Plan | PathLike,
    output: PathLike | None = None,
    *,
    plan_out: PathLike | None = None,
    password: str | None = None,
    label: bool | None = None,
    hide_widths: bool | None = None,
    progress: Progress | None = None,
    ocr: str | None = None,
    ocr_lang: str | None = None,
    ocr_progress: ReadingProgress | None = None,
) -> Result:
    """Apply a reviewed plan to `input_path` and write the verified public PDF to `output`.
    Pictures are read again (by default as the plan's scan read them) only to give the public
    version its searchable text layer."""
    input_file(input_path)
    output = chosen_path(output, default_output(input_path))
    check_writable(output, Path(input_path))
    if plan_out is not None:
        check_writable(Path(plan_out), Path(input_path))
    _check_not_the_plan(output, plan_out, None if isinstance(plan, Plan) else plan)
    if not isinstance(plan, Plan):
        plan = load_plan(Path(plan))
    for used in plan.policy.get("sources") or []:  # the policy files apply reads again
        if isinstance(used, str) and used != BUILT_IN:
            check_not_overwriting([output, *([plan_out] if plan_out else [])], policy=used)
    source = read_source(Path(input_path), password)
    if plan.input_sha256 != source.sha256:
        raise InvalidPlan(
            f"the plan was made for a different file (its SHA-256 does not match {source.path.name}); run scan again"
        )
    plan.input_path = str(source.path)  # the same bytes, perhaps moved or copied since the scan
    recorded = plan.ocr or {}
    mode = check_mode(ocr or recorded.get("mode", "auto"))
    prepared = _open_prepared(source)
    with prepared.doc as doc:
        layouts = _layouts(doc, prepared=prepared)
        plan.warnings += [w for w in prepared.warnings if w not in plan.warnings]
        reading = recognize(doc, mode, ocr_lang or recorded.get("lang", "eng"), layouts, ocr_progress)
        return _finish(
            source,
            doc,
            layouts,
            plan,
            prepared.removed,
            output,
            plan_out,
            label,
            progress,
            policy=_recorded_policy(plan.policy),
            hide_widths=hide_widths,
            reading=reading,
        )


def redact(
    input_path: PathLike,
    output: PathLike | None = None,
    *,
    plan_path: PathLike | None = None,
    policy: Policy | PathLike | None = None,
    terms: PathLike | None = None,
    password: str | None = None,
    label: bool | None = None,
    hide_widths: bool = False,
    progress: Progress | None = None,
    ocr: str = "auto",
    ocr_lang: str = "eng",
    ocr_progress: ReadingProgress | None = None,
) -> Result:
    """Find, remove, sanitize, verify and write in one go (`scan` then `apply` without review).
    `hide_widths` widens in-line boxes to the end of their line (see `redactor.widths`);
    `ocr` says which pictures are read with Tesseract (see `redactor.ocr`)."""
    check_mode(ocr)
    input_file(input_path)
    output = chosen_path(output, default_output(input_path))
    plan_path = chosen_path(plan_path, default_plan_path(input_path))
    check_writable(output, Path(input_path))
    check_writable(plan_path, Path(input_path))
    check_not_discarding_review(plan_path)
    _check_not_the_plan(output, plan_path)
    check_not_overwriting([output, plan_path], terms=terms, policy=None if isinstance(policy, Policy) else policy)
    source = read_source(Path(input_path), password)
    chosen = _policy(policy)
    term_list, term_info = read_terms(terms)
    prepared = _open_prepared(source)
    with prepared.doc as doc:
        layouts, reading, plan = _find(
            source, prepared, chosen, term_list, term_info, Reader(ocr, ocr_lang, ocr_progress)
        )
        return _finish(
            source,
            doc,
            layouts,
            plan,
            prepared.removed,
            output,
            plan_path,
            label,
            progress,
            chosen,
            term_list,
            hide_widths,
            reading=reading,
        )


def _check_not_the_plan(output: Path, *plans: PathLike | None) -> None:
    """The public PDF must not be written over a plan: the plan read (a reviewer's work) or
    the plan about to be written (which would then stand where the public PDF should be)."""
    for plan in plans:
        if plan is not None and same_file(output, Path(plan)):
            raise OutputNotWritable(f"output {output} is also the plan's file; choose another name")


def check_not_overwriting(outputs: Iterable[PathLike], **read: PathLike | None) -> None:
    """No output may be written over a file the run reads (`read`: the terms file, the policy)."""
    for output in outputs:
        for kind, path in read.items():
            if path is not None and same_file(Path(output), Path(path)):
                raise OutputNotWritable(f"output {output} would overwrite the {kind} file; choose another name")


def _recorded_policy(record: dict) -> Policy:
    """The policy a plan's findings came from, so that `apply` cleans what the file carries beside
    its pages (where links lead, bookmark titles) as `redact` would; the plan does not list those.
    The policy file the plan names if it is still the same file, else the built-in policy."""
    files = [source for source in record.get("sources", []) if source != BUILT_IN]
    if files:
        try:
            policy = load_policy(Path(files[-1]))
        except InvalidPolicy:
            policy = None
        if policy is not None and policy.sha256 == record.get("sha256"):
            return policy
    return load_policy(None)


def _policy(policy: Policy | PathLike | None) -> Policy:
    if isinstance(policy, Policy):
        return policy
    return load_policy(Path(policy) if policy else None)


@dataclass
class Prepared:
    """The input opened for redaction, with what was removed before anything was searched and
    the warnings that go into its plan."""

    doc: pymupdf.Document
    removed: list[dict]
    warnings: list[str]
    readings: Readings = field(default_factory=Readings)  # pages other readers may read otherwise
    misread: dict[int, list[str]] = field(default_factory=dict)  # pages drawing fonts whose map misreads them


def _open_prepared(source: Source) -> Prepared:
    data, removed, kept, misread = prepare_file(source.data, source.password)
    warnings = [REPAIRED_WARNING] if source.repaired else []
    if misread:
        warnings.append(_misread_warning(misread))
    if data is not source.data:
        source = Source(source.path, data, source.sha256, source.password)
    doc = open_document(source)
    drop_lost_contents(doc)
    removed += prepare(doc)
    readings = page_readings(doc)
    cut = cut_stray_ends(doc)
    if cut:
        removed.append({"what": "unreadable drawing content", "detail": f"what followed a stray end-of-stream marker in {cut} form(s), pattern(s) or glyph(s) dropped, as MuPDF reads them"})  # fmt: skip
        warnings.append(
            f"{cut} drawing(s) (forms, patterns or glyphs) end early at a stray end-of-stream marker: what followed "
            "it was left out of the public version, and other viewers may show more of the original: compare them"
        )
    removed += remove_marked_content_text(doc, range(doc.page_count))  # before searching: see its docstring
    return Prepared(doc, removed, warnings + [_kept_warning(part) for part in kept], readings, misread)


def _misread_warning(misread: dict[int, list[str]]) -> str:
    pages = ", ".join(str(number + 1) for number in sorted(misread))
    fonts = ", ".join(sorted({name for names in misread.values() for name in names}))
    return (
        f"page(s) {pages} draw text in a font whose text map reads other characters than its glyphs show ({fonts}): "
        "copied or searched, that text reads otherwise than the page. Those pages were read with OCR (unless "
        "--ocr never) and the map set to the glyphs' names; compare the public pages with the original"
    )


REPAIRED_WARNING = (
    "the input is damaged (its table of objects had to be rebuilt): pages or parts of pages may be missing "
    "or blank in the public version; compare it with the original page by page, or re-make the PDF"
)


@dataclass(frozen=True)
class Reader:
    """How pictures are read (`redactor.ocr`)."""

    mode: str
    lang: str
    progress: ReadingProgress | None = None


def _find(
    source: Source, prepared: Prepared, policy: Policy, terms: list[str], term_info: dict | None, reader: Reader
) -> tuple[list[PageLayout], Reading, Plan]:
    """What `scan` does and `redact` does first: lay out, read pictures, find; on the open file."""
    text_pages = TextPages(prepared.doc)
    layouts = _layouts(prepared.doc, text_pages, prepared)
    reading = recognize(prepared.doc, reader.mode, reader.lang, layouts, reader.progress)
    plan = _plan(
        source, prepared.doc, layouts, policy, terms, term_info, reading=reading, text_pages=text_pages,
        notices=prepared.warnings,
    )  # fmt: skip
    return layouts, reading, plan


def _kept_warning(part: dict) -> str:
    pages = ", ".join(map(str, part["pages"]))
    return (
        f"page(s) {pages}: a picture holds a part the page does not show ({part['share']:.0%} of it) that could not "
        f"be removed ({part['why']}); it was neither searched nor redacted, and anyone can extract it: "
        "look at it (pdfimages) and, if it holds anything sensitive, re-make the exhibit without it"
    )


def _layouts(
    doc: pymupdf.Document, text_pages: TextPages | None = None, prepared: Prepared | None = None
) -> list[PageLayout]:
    """Every page's layout, from `text_pages` when given (which keeps them for locating boxes).
    Forms on pages with invisible text also get the render mode they inherit written into them
    (see `redactor.rendermode`) before anything filters content. With `prepared`, the pages
    MuPDF did not read to their end are then written anew as it read them (what it read is what
    was searched; see `rewrite_unread_content`), and the plan told."""
    if text_pages is None:
        text_pages = TextPages(doc, keep=0)
    layouts = []
    unread = set(prepared.readings.differ) if prepared is not None else set()
    quietly = set(prepared.readings.inline) if prepared is not None else set()
    misread = prepared.misread if prepared is not None else {}
    for page in doc:
        pymupdf.TOOLS.reset_mupdf_warnings()
        layout = page_layout(page, text_pages[page.number])
        layouts.append(replace(layout, misread=True) if page.number in misread else layout)
        said = pymupdf.TOOLS.mupdf_warnings()
        if content_unread(said):
            unread.add(page.number)
        elif content_skipped(said):
            quietly.add(page.number)
    if any(layout.invisible_text for layout in layouts):
        pin_inherited_render_modes(doc)
    if prepared is not None:
        removed, warnings = rewrite_unread_content(doc, unread, quietly=quietly)
        prepared.removed.extend(removed)
        prepared.warnings.extend(w for w in warnings if w not in prepared.warnings)
    return layouts


@dataclass(frozen=True)
class Reading:
    """What OCR read in a document's pictures, and under which settings."""

    mode: str
    lang: str
    pages: dict[int, PageReading]  # 0-based page -> what was recognized there
    skipped: list[int]  # 1-based pages holding pictures that were not read (--ocr never)


def recognize(
    doc: pymupdf.Document, mode: str, lang: str, layouts: list[PageLayout], progress: ReadingProgress | None = None
) -> Reading:
    """Read the pictures of `doc` that `mode` asks for; refuses (MissingDependency) when
    Tesseract or the language data is missing and a page needs it."""
    wanted = {n: regions_to_read(doc[n], mode, layouts[n]) for n in range(doc.page_count)}
    skipped = []
    if mode == "never":
        skipped = [n + 1 for n in range(doc.page_count) if regions_to_read(doc[n], "auto", layouts[n])]
    return Reading(mode, lang, read_pages(doc, wanted, lang, progress=progress), skipped)


NO_READING = Reading("never", "eng", {}, [])


def _plan(
    source: Source,
    doc: pymupdf.Document,
    layouts: list[PageLayout],
    policy: Policy,
    terms: list[str],
    term_info: dict | None,
    elsewhere: Iterable[Carried] = (),
    reading: Reading = NO_READING,
    text_pages: TextPages | None = None,
    notices: Iterable[str] = (),
) -> Plan:
    """`text_pages`: those of the layout pass, if kept; they are cleared once boxes are located.
    `notices`: warnings from opening the file (`Prepared.warnings`)."""
    recognized = {number: page.lines for number, page in reading.pages.items()}
    document = read_document(doc, recognized, layouts)
    marks = read_marks(doc, layouts)
    findings = detect(document, policy, terms, elsewhere, marked=[mark.text for mark in marks])
    if text_pages is None:
        text_pages = TextPages(doc, keep=0)
    locator = Locator(document, text_pages)
    redactions = [r for r in (_redaction(finding, document, locator) for finding in findings) if r is not None]
    redactions = _without_marked_spots(redactions, marks) + [_mark_redaction(mark) for mark in marks]
    redactions.sort(
        key=lambda r: (r.page, r.boxes[0].rect[1], r.boxes[0].rect[0])
    )  # reading order, marks among findings
    text_pages.clear()
    warnings = list(notices)
    if document.unreadable_pages:
        pages = ", ".join(str(p + 1) for p in document.unreadable_pages)
        warnings.append(
            f"page(s) {pages} hold text whose font has no Unicode mapping: it cannot be searched; "
            "review those pages by eye and add manual boxes"
        )
    if reading.skipped:
        warnings.append(
            f"OCR was turned off (--ocr never): the pictures on page(s) {', '.join(map(str, reading.skipped))} "
            "were not read, so text in them was neither searched nor redacted; review them by eye and add manual boxes"
        )
    unsure = _unsure_readings(document.words, redactions)
    if unsure:
        pages = sorted({u["page"] for u in unsure})
        warnings.append(
            f"{len(unsure)} unsure OCR reading(s) near sensitive patterns on page(s) {', '.join(map(str, pages))}: "
            "check them against the picture (listed under ocr.unsure in the plan)"
        )
    return Plan(
        input_path=str(source.path),
        input_sha256=source.sha256,
        pages=doc.page_count,
        policy={"name": policy.name, "sha256": policy.sha256, "sources": list(policy.sources)},
        redactions=redactions,
        terms=term_info,
        options={"label": policy.label},
        warnings=warnings,
        tool_version=tool_version(),
        created=datetime.now(UTC).replace(microsecond=0).isoformat(),
        ocr=_ocr_record(reading, unsure),
    )


def _ocr_record(reading: Reading, unsure: list[dict]) -> dict:
    return {
        "mode": reading.mode,
        "lang": reading.lang,
        "engine": "tesseract" if reading.pages else None,
        "pages": [n + 1 for n in sorted(reading.pages)],
        "turned": {str(n + 1): p.turned for n, p in sorted(reading.pages.items()) if p.turned},
        "not_read": reading.skipped,
        "unsure": unsure,
    }


def _unsure_readings(words: list[Word], redactions: list[Redaction]) -> list[dict]:
    """Recognized words read with low confidence that hold digits or an @, or that share a
    line with a redaction: a misread digit there may hide a value no pattern matched."""
    lines: dict[int, list[tuple[float, float]]] = {}
    for redaction in redactions:
        for box in redaction.boxes:
            lines.setdefault(box.page - 1, []).append((box.rect[1], box.rect[3]))
    unsure = []
    for word in words:
        if word.confidence is None or word.confidence >= MIN_CONFIDENCE:
            continue
        y0, y1 = word.rect[1], word.rect[3]
        beside = len(match_key(word.text)) >= 3 and any(
            min(y1, b1) - max(y0, b0) > 0.5 * (y1 - y0) for b0, b1 in lines.get(word.page, ())
        )
        if beside or sum(c.isdigit() for c in word.text) >= 2 or "@" in word.text:
            unsure.append(
                {
                    "page": word.page + 1,
                    "rect": _rounded(word.rect),
                    "confidence": round(word.confidence),
                    "text": word.text,
                }
            )
    return unsure


def _redaction(finding: Finding, document: DocumentText, locator: Locator) -> Redaction | None:
    boxes = []
    removed = []
    for lo, hi in finding.cuts:
        removed.append(document.text[lo:hi])
        for area in locator.areas(lo, hi):
            boxes.append(Box(page=area.page + 1, rect=_rounded(area.box), cut=_rounded(area.cut)))
    if not boxes:
        return None
    return Redaction(
        id=redaction_id(finding.rule, boxes),
        page=boxes[0].page,
        boxes=boxes,
        category=finding.category,
        rule=finding.rule,
        reason=finding.reason,
        basis=finding.basis,
        scope=finding.scope,
        status="proposed",
        text=" ".join(document.text[finding.start : finding.end].split()),
        removed=[" ".join(piece.split()) for piece in removed],
        label=finding.label,
        score=finding.score,
        source=finding.source,
        review=finding.review,
        foia=finding.foia,
        explanation=finding.explanation,
    )


def _mark_redaction(mark: Mark) -> Redaction:
    """A redaction mark from another tool, as a redaction of the plan."""
    boxes = [Box(page=mark.page + 1, rect=_rounded(rect), cut=_rounded(cut)) for rect, cut in mark.areas]
    return Redaction(
        id=redaction_id("marked", boxes),
        page=mark.page + 1,
        boxes=boxes,
        category="marked",
        rule="marked",
        reason=MARK_REASON,
        basis=MARK_BASIS[mark.source],
        scope="manual",
        status="proposed",
        text=mark.text,
        removed=[mark.text] if mark.text else [],
        label=mark.label or "REDACTED",
        source=mark.source,
        review=MARK_REVIEW[mark.source],
        explanation=[MARK_BASIS[mark.source]],
    )


def _without_marked_spots(redactions: list[Redaction], marks: list[Mark]) -> list[Redaction]:
    """Drop the findings of a mark's text at the mark itself: the mark is already a redaction."""

    def at_a_mark(box: Box) -> bool:
        x, y = (box.rect[0] + box.rect[2]) / 2, (box.rect[1] + box.rect[3]) / 2
        return any(
            mark.page == box.page - 1 and r[0] <= x <= r[2] and r[1] <= y <= r[3]
            for mark in marks
            for r, _ in mark.areas
        )

    return [r for r in redactions if r.rule != "marked" or not all(at_a_mark(box) for box in r.boxes)]


def _rounded(rect: Iterable[float]) -> list[float]:
    return [round(v, 2) for v in rect]


def _finish(
    source: Source,
    doc: pymupdf.Document,
    layouts: list[PageLayout],
    plan: Plan,
    removed: list[dict],
    output: Path,
    plan_path: Path | None,
    label: bool | None,
    progress: Progress | None,
    policy: Policy | None = None,
    terms: list[str] | None = None,
    hide_widths: bool | None = None,
    reading: Reading = NO_READING,
) -> Result:
    try:
        data, verification = render_public(
            doc, layouts, plan, removed, label, progress, policy, terms, hide_widths=hide_widths, reading=reading
        )
    except VerificationFailed:
        if plan_path is not None:
            write_atomic(plan_path, plan.to_bytes())
        raise
    plan.output_path = str(output)
    plan.output_sha256 = sha256(data)
    write_atomic(output, data)
    if plan_path is not None:
        try:
            write_atomic(plan_path, plan.to_bytes())
        except OutputNotWritable as error:
            raise OutputNotWritable(f"{error}; the public PDF {output} was written and verified") from error
        except KeyboardInterrupt as error:  # "nothing was written" would be untrue
            raise Interrupted(
                f"interrupted after the public PDF {output} was written and verified; the plan {plan_path} "
                "was not written: run again"
            ) from error
    return Result(plan=plan, output=output, plan_path=plan_path, verification=verification)


def render_public(
    doc: pymupdf.Document,
    layouts: list[PageLayout],
    plan: Plan,
    removed: list[dict],
    label: bool | None = None,
    progress: Progress | None = None,
    policy: Policy | None = None,
    terms: list[str] | None = None,
    legend: str | None = None,
    hide_widths: bool | None = None,
    reading: Reading = NO_READING,
) -> tuple[bytes, Verification]:
    """Apply `plan` to the prepared `doc`, sanitize, save whole and verify: the bytes of the public
    PDF, which nobody may write anywhere unless this returns. Records what was done in `plan`."""
    draw_labels = plan.options.get("label", True) if label is None else label
    plan.options["label"] = draw_labels
    widen = plan.options.get("hide_widths", False) if hide_widths is None else hide_widths
    plan.options["hide_widths"] = widen
    applied = plan.applied
    if widen:
        widen_to_line_end(doc, applied)
    rejected = [r for r in plan.redactions if not r.applied]
    _check_pages(plan, doc)
    shown = _shown_text(doc, layouts, reading, legend)
    removed += remove_marks(doc)  # before applying: MuPDF would apply them, outside the plan
    removed += remove_covered_text(doc, layouts)
    removed += remove_covered_pixels(doc, layouts)
    removed += remove_invisible_text(doc, layouts)  # first: see its docstring
    apply_redactions(doc, applied, layouts, label=draw_labels, progress=progress)
    removed += remove_marked_content_text(doc, {box.page - 1 for redaction in applied for box in redaction.boxes})
    if legend:
        stamp_legend(doc, legend)
    removed += remove_offpage_text(doc, layouts)
    # Names no reader shows (fonts', tags') lose what was redacted and the terms, not every
    # policy match: the version numbers in fonts' notices are no one's secret.
    names_policy = replace(policy, rules=()) if policy is not None else None
    cleaners = (
        _text_cleaner(applied, rejected, policy, terms or []),
        _text_cleaner(applied, rejected, names_policy, terms or []),
    )
    removed += sanitize(doc, *cleaners)
    if reading.pages:
        written = add_text_layer(doc, _layer_readings(reading, layouts), applied)
        plan.ocr = {**(plan.ocr or {}), "text_layer_words": written}
    data = doc.tobytes(garbage=4, deflate=True, encryption=pymupdf.PDF_ENCRYPT_NONE)
    verification = verify(data, applied, rejected, shown)
    plan.sanitized = removed
    plan.verification = verification.as_dict()
    if not verification.passed:
        first = verification.problems[0] if verification.problems else "unknown problem"
        more = len(verification.problems) - 1
        raise VerificationFailed(
            f"verification failed, no public file was written: {first}"
            + (f" (and {more} more; see the plan)" if more > 0 else "")
        )
    return data, verification


def _layer_readings(reading: Reading, layouts: list[PageLayout]) -> dict[int, PageReading]:
    """What OCR read, for the searchable layer: on a page read whole because a font misreads its
    text (`redactor.misread`), only the lines over its pictures. The page's own text, its map
    mended, says the rest, and a second, invisible copy of it is hidden text to `check`."""
    pages = {}
    for number, page in reading.pages.items():
        if layouts[number].misread:
            pictures = [pymupdf.Rect(box) for box in layouts[number].pictures]
            lines = [line for line in page.lines if any(p.intersects(word.ink) for p in pictures for word in line)]
            page = replace(page, lines=lines)
        pages[number] = page
    return pages


def _shown_text(
    doc: pymupdf.Document, layouts: list[PageLayout], reading: Reading, legend: str | None
) -> dict[int, Shown]:
    """Per page, the words that were searched (read before anything is applied) and what redactor
    itself prints: what verification allows the public file to show."""
    shown = {}
    for number, layout in enumerate(layouts):
        words = layout.words
        if words is None:
            words = doc[number].get_text("words", flags=TEXT_FLAGS, clip=EVERYWHERE)
        boxed: list[tuple] = list(words)  # MuPDF's word tuples: box, text, then numbers
        recognized = reading.pages.get(number)
        boxed += [(*word.rect, word.text) for line in (recognized.lines if recognized else ()) for word in line]
        shown[number] = Shown(boxed, legend or "")
    return shown


def _check_pages(plan: Plan, doc: pymupdf.Document) -> None:
    """Every box on a page of the file and at least partly on it: a box placed off the page (in a
    scan's pixels, say) would cover nothing, and a short value under it could pass verification."""
    for redaction in plan.redactions:
        for box in redaction.boxes:
            if not 1 <= box.page <= doc.page_count:
                raise InvalidPlan(
                    f"redaction {redaction.id} names page {box.page}, but the file has {doc.page_count} pages"
                )
            crop = doc.page_cropbox(box.page - 1)  # read without loading the page: this runs for every box
            side = max(crop.width, crop.height)  # either way round: a turned page's box may be in either
            x0, y0, x1, y1 = box.rect
            if x1 > 0 and y1 > 0 and x0 < side and y0 < side:
                continue
            if not _text_under(doc[box.page - 1], box.rect):  # text placed off the page is removed too
                page = doc[box.page - 1].rect
                raise InvalidPlan(
                    f"redaction {redaction.id}: its box on page {box.page} lies off the page, which is "
                    f"{page.width:.0f} x {page.height:.0f} points (boxes are in points, 72 an inch, from the top left)"
                )


def _text_under(page: pymupdf.Page, rect: list[float]) -> bool:
    return bool(page.get_text("words", flags=TEXT_FLAGS, clip=pymupdf.Rect(rect)))


def _text_cleaner(
    applied: list[Redaction], rejected: list[Redaction], policy: Policy | None, terms: list[str]
) -> Callable[[str], str]:
    """Text the file carries beside its pages (bookmark titles, link targets, page labels, layer
    names) loses whatever the policy would redact and whatever the plan redacted, but not what a
    reviewer kept public by rejecting its redaction."""
    secrets = secrets_of(applied, rejected)
    kept = {built[1] for built in map(secret_pattern, (r.text for r in rejected)) if built}

    def clean(title: str) -> str:
        if policy is not None:
            for finding in sorted(findings_in(title, policy, terms), key=lambda f: -f.start):
                built = secret_pattern(title[finding.start : finding.end])
                if built and built[1] in kept:
                    continue
                for lo, hi in sorted(finding.cuts, reverse=True):
                    title = title[:lo] + "[redacted]" + title[hi:]
        for secret in secrets:
            title = _replace_normalized(title, secret.pattern)
        return title

    return clean


def _replace_normalized(title: str, pattern: re.Pattern[str]) -> str:
    from redactor.verify import normalize

    flat = normalize(title)
    if len(flat) != len(title) or not pattern.search(flat):
        return title if not pattern.search(flat) else "[redacted]"
    pieces = []
    last = 0
    for match in pattern.finditer(flat):
        pieces.append(title[last : match.start()])
        pieces.append("[redacted]")
        last = match.end()
    pieces.append(title[last:])
    return "".join(pieces)
