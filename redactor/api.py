"""The library entry points: `scan`, `apply` and `redact`.

    plan = redactor.scan("declaration.pdf", terms="terms.txt")
    # ... a reviewer flips statuses or adds manual boxes ...
    result = redactor.apply("declaration.pdf", plan, "declaration.redacted.pdf")

The pipeline, one module per step: read the PDF (`pdfio`), strip hidden layers
and flatten forms (`sanitize.prepare`), read the text (`textmodel`), find
(`detect`), locate (`geometry`), remove (`apply`), sanitize (`sanitize`),
save whole, verify with two parsers (`verify`), and only then write.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pymupdf

from redactor.apply import apply_redactions, stamp_legend
from redactor.detect import Carried, Finding, detect
from redactor.errors import InvalidPlan, InvalidPolicy, VerificationFailed
from redactor.geometry import Locator
from redactor.layout import PageLayout, page_layout
from redactor.pdfio import Source, check_writable, open_document, read_source, sha256, write_atomic
from redactor.plan import Box, Plan, Redaction, load_plan, redaction_id
from redactor.policy import Policy, load_policy
from redactor.sanitize import prepare, remove_offpage_text, sanitize, strip_hidden_layers
from redactor.textmodel import DocumentText, read_document
from redactor.verify import Verification, secrets_of, verify

PathLike = str | Path
Progress = Callable[[int], None]


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
    path = Path(input_path)
    return path.with_name(f"{path.stem}.redacted.pdf")


def default_plan_path(input_path: PathLike) -> Path:
    path = Path(input_path)
    return path.with_name(f"{path.stem}.redactions.json")


def read_terms(path: PathLike | None) -> tuple[list[str], dict | None]:
    """Terms from a plain text file, one per line; blank lines and lines starting with # are skipped."""
    if path is None:
        return [], None
    path = Path(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except FileNotFoundError as error:
        raise InvalidPolicy(f"terms file not found: {path}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidPolicy(f"cannot read terms file {path} as UTF-8 text") from error
    terms = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return terms, {"path": str(path), "sha256": hashlib.sha256(raw).hexdigest(), "count": len(terms)}


def scan(
    input_path: PathLike,
    *,
    policy: Policy | PathLike | None = None,
    terms: PathLike | None = None,
    password: str | None = None,
) -> Plan:
    """Find what should be redacted in `input_path`; change nothing. Returns a plan to review."""
    source = read_source(Path(input_path), password)
    chosen = _policy(policy)
    term_list, term_info = read_terms(terms)
    doc, _ = _open_prepared(source)
    with doc:
        return _plan(source, doc, _layouts(doc), chosen, term_list, term_info)


def apply(
    input_path: PathLike,
    plan: Plan | PathLike,
    output: PathLike | None = None,
    *,
    plan_out: PathLike | None = None,
    password: str | None = None,
    label: bool | None = None,
    progress: Progress | None = None,
) -> Result:
    """Apply a reviewed plan to `input_path` and write the verified public PDF to `output`."""
    output = Path(output) if output else default_output(input_path)
    check_writable(output, Path(input_path))
    if plan_out is not None:
        check_writable(Path(plan_out), Path(input_path))
    if not isinstance(plan, Plan):
        plan = load_plan(Path(plan))
    source = read_source(Path(input_path), password)
    if plan.input_sha256 != source.sha256:
        raise InvalidPlan(
            f"the plan was made for a different file (its SHA-256 does not match {source.path.name}); run scan again"
        )
    doc, removed = _open_prepared(source)
    with doc:
        return _finish(source, doc, _layouts(doc), plan, removed, output, plan_out, label, progress)


def redact(
    input_path: PathLike,
    output: PathLike | None = None,
    *,
    plan_path: PathLike | None = None,
    policy: Policy | PathLike | None = None,
    terms: PathLike | None = None,
    password: str | None = None,
    label: bool | None = None,
    progress: Progress | None = None,
) -> Result:
    """Find, remove, sanitize, verify and write in one go (`scan` then `apply` without review)."""
    output = Path(output) if output else default_output(input_path)
    plan_path = Path(plan_path) if plan_path else default_plan_path(input_path)
    check_writable(output, Path(input_path))
    check_writable(plan_path, Path(input_path))
    source = read_source(Path(input_path), password)
    chosen = _policy(policy)
    term_list, term_info = read_terms(terms)
    doc, removed = _open_prepared(source)
    with doc:
        layouts = _layouts(doc)
        plan = _plan(source, doc, layouts, chosen, term_list, term_info)
        return _finish(source, doc, layouts, plan, removed, output, plan_path, label, progress, chosen, term_list)


def _policy(policy: Policy | PathLike | None) -> Policy:
    if isinstance(policy, Policy):
        return policy
    return load_policy(Path(policy) if policy else None)


def _open_prepared(source: Source) -> tuple[pymupdf.Document, list[dict]]:
    data, removed = strip_hidden_layers(source.data, source.password)
    if data is not source.data:
        source = Source(source.path, data, source.sha256, source.password)
    doc = open_document(source)
    removed += prepare(doc)
    return doc, removed


def _layouts(doc: pymupdf.Document) -> list[PageLayout]:
    return [page_layout(page) for page in doc]


def _plan(
    source: Source,
    doc: pymupdf.Document,
    layouts: list[PageLayout],
    policy: Policy,
    terms: list[str],
    term_info: dict | None,
    elsewhere: Iterable[Carried] = (),
) -> Plan:
    document = read_document(doc)
    findings = detect(document, policy, terms, elsewhere)
    locator = Locator(doc, document)
    redactions = [_redaction(finding, document, locator) for finding in findings]
    warnings = []
    if document.unreadable_pages:
        pages = ", ".join(str(p + 1) for p in document.unreadable_pages)
        warnings.append(
            f"page(s) {pages} hold text whose font has no Unicode mapping: it cannot be searched; "
            "review those pages by eye and add manual boxes"
        )
    scanned = _picture_pages(layouts, document)
    if scanned:
        warnings.append(
            f"page(s) {', '.join(map(str, scanned))} look scanned: their text is a picture that was not "
            "searched (OCR is not built in yet); review them by eye and add manual boxes"
        )
    return Plan(
        input_path=str(source.path),
        input_sha256=source.sha256,
        pages=doc.page_count,
        policy={"name": policy.name, "sha256": policy.sha256, "sources": list(policy.sources)},
        redactions=[r for r in redactions if r is not None],
        terms=term_info,
        options={"label": policy.label},
        warnings=warnings,
        tool_version=tool_version(),
        created=datetime.now(UTC).replace(microsecond=0).isoformat(),
    )


def _picture_pages(layouts: list[PageLayout], document: DocumentText) -> list[int]:
    """1-based numbers of pages mostly covered by images and carrying little text."""
    words_per_page: dict[int, int] = {}
    for word in document.words:
        words_per_page[word.page] = words_per_page.get(word.page, 0) + 1
    return [
        number + 1
        for number, layout in enumerate(layouts)
        if layout.image_share > 0.5 and words_per_page.get(number, 0) < 20
    ]


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
) -> Result:
    try:
        data, verification = render_public(doc, layouts, plan, removed, label, progress, policy, terms)
    except VerificationFailed:
        if plan_path is not None:
            write_atomic(plan_path, plan.to_json().encode("utf-8"))
        raise
    plan.output_path = str(output)
    plan.output_sha256 = sha256(data)
    write_atomic(output, data)
    if plan_path is not None:
        write_atomic(plan_path, plan.to_json().encode("utf-8"))
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
) -> tuple[bytes, Verification]:
    """Apply `plan` to the prepared `doc`, sanitize, save whole and verify: the bytes of the public
    PDF, which nobody may write anywhere unless this returns. Records what was done in `plan`."""
    draw_labels = plan.options.get("label", True) if label is None else label
    plan.options["label"] = draw_labels
    applied = plan.applied
    rejected = [r for r in plan.redactions if not r.applied]
    _check_pages(plan, doc.page_count)
    apply_redactions(doc, applied, layouts, label=draw_labels, progress=progress)
    if legend:
        stamp_legend(doc, legend)
    removed += remove_offpage_text(doc, layouts)
    removed += sanitize(doc, _title_cleaner(applied, rejected, policy, terms or []))
    data = doc.tobytes(garbage=4, deflate=True, encryption=pymupdf.PDF_ENCRYPT_NONE)
    verification = verify(data, applied, rejected)
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


def _check_pages(plan: Plan, page_count: int) -> None:
    for redaction in plan.redactions:
        for box in redaction.boxes:
            if not 1 <= box.page <= page_count:
                raise InvalidPlan(f"redaction {redaction.id} names page {box.page}, but the file has {page_count} pages")


def _title_cleaner(
    applied: list[Redaction], rejected: list[Redaction], policy: Policy | None, terms: list[str]
) -> Callable[[str], str]:
    """Bookmark titles lose whatever the policy would redact and whatever the plan redacted."""
    secrets = secrets_of(applied, rejected)

    def clean(title: str) -> str:
        if policy is not None:
            document = DocumentText(text=title, words=[], page_count=0, body_end=len(title))
            for finding in sorted(detect(document, policy, terms), key=lambda f: -f.start):
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
