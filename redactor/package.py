"""Sealed-filing packages: build one (`package`), check one (`verify_package`), open one (`unseal`).

A package is a BagIt bag (RFC 8493), so archival tools can check its fixity,
whose payload is:

    data/manifest.json, data/manifest.json.sig   signed index of everything (redactor.manifest)
    data/HOW-TO-OPEN.txt                         plain-English instructions, no sensitive text
    data/public/DOC.pdf                          public redacted versions, verified like `redact`'s
    data/chart/sealing-chart.csv, .pdf           portions sought to be sealed, without their text
    data/sealed/DOC.original.pdf.age             each original, byte for byte, encrypted (redactor.seal)
    data/sealed/DOC.highlighted.pdf.age          the original with the redacted portions highlighted
    data/sealed/DOC.redactions.json.age          each full redaction plan (it holds the sensitive text)
    data/sealed/reference-list.json.age          Fed. R. Civ. P. 5.2(g) reference list
    data/sealed/package-key.age                  only when sealed with a passphrase

The package is built in a hidden folder beside its destination and moved into
place at the end; nothing in plaintext that holds sensitive text is ever
written outside the encrypted files.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import glob
import io
import json
import logging
import os
import shutil
import stat
import tempfile
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import bagit
import pymupdf

from redactor import api
from redactor.chart import ChartRow, chart_csv, chart_pdf, chart_rows
from redactor.court import CourtProfile, court_profile
from redactor.detect import Carried, Finding
from redactor.errors import (
    BadArguments,
    InvalidPlan,
    OutputNotWritable,
    PackageInvalid,
    VerificationFailed,
    WrongKey,
)
from redactor.highlight import highlighted_copy
from redactor.layout import TextPages
from redactor.manifest import (
    MANIFEST,
    SCHEMA,
    SCHEMA_1,
    SIGNATURE,
    OneTimeKey,
    check_signature,
    read_unsigned,
    shape_problem,
)
from redactor.ocr import check_mode
from redactor.pdfio import Source, open_document, read_source, same_file, sha256
from redactor.plan import Plan, Redaction, load_plan, parse_plan
from redactor.policy import BUILT_IN, Policy
from redactor.public_names import sealed_in
from redactor.seal import Opener, Sealer, parse_recipients
from redactor.verify import verify

PackagePath = api.PathLike
PACKAGE_KEY = "sealed/package-key.age"
REFERENCE_LIST = "sealed/reference-list.json.age"
SEALED_KINDS = ("original.pdf", "highlighted.pdf", "redactions.json")  # sealed/NAME.KIND.age
MIN_PASSPHRASE = 12
TAG_FILES = ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt")
# A manifest lists a few files a document (a few hundred bytes each): one of hundreds of megabytes,
# listing millions, took minutes and gigabytes to read before anything was reported (second review).
MAX_MANIFEST = 16 * 2**20
BAGIT_ESCAPES = ("%0A", "%0D", "%25")  # how RFC 8493 writes a line break or "%" in a manifest's path
BAGIT_INFO = ("Bagging-Date", "Payload-Oxum", "Bag-Software-Agent")  # bag-info fields bagit writes itself

# bagit logs every finding to stderr with full hashes; verify reports each one itself, in one line.
logging.getLogger("bagit").disabled = True


@dataclass
class DocumentSummary:
    name: str
    pages: int
    redactions: int
    by_category: dict[str, int]
    from_other_documents: int  # redactions of values first found in another document
    reviewed_plan: bool
    public_size: int


@dataclass
class PackageResult:
    path: Path
    zip_path: Path | None
    fingerprint: str
    documents: list[DocumentSummary]
    warnings: list[str] = field(default_factory=list)
    court: str = ""  # the court profile's sealing rule, which names the court


@dataclass
class _Document:
    """One document of the filing while the package is built."""

    name: str  # the input's file name without .pdf; unique in the package
    source: Source
    doc: pymupdf.Document
    removed: list[dict]
    layouts: list
    plan: Plan
    reviewed: bool
    reading: api.Reading = api.NO_READING
    notices: list[str] = field(default_factory=list)  # warnings from opening it (api.Prepared)


def package(
    inputs: list[PackagePath],
    out: PackagePath,
    *,
    policy: Policy | PackagePath | None = None,
    terms: PackagePath | None = None,
    plans: list[PackagePath] | tuple = (),
    recipients: list[str] | tuple = (),
    passphrase: str | None = None,
    case: str = "",
    court: str | None = None,
    make_zip: bool = False,
    force: bool = False,
    label: bool | None = None,
    hide_widths: bool = False,
    password: str | None = None,
    ocr: str = "auto",
    ocr_lang: str = "eng",
    progress: api.Progress | None = None,
    ocr_progress: api.ReadingProgress | None = None,
) -> PackageResult:
    """Redact every document of a filing consistently and write the sealed package to `out`.
    `ocr` and `ocr_lang` say which pictures are read with Tesseract, as for `redactor.redact`;
    `progress` hears of every page redacted, `ocr_progress` of pictures read (over all documents)."""
    check_mode(ocr)
    case = _case_number(case)
    out = Path(out)
    _check_destination(out, force)
    if make_zip:
        _check_zip_destination(_zip_path(out), force)
    profile = court_profile(court)
    sealer = Sealer(parse_recipients(list(recipients)), passphrase)
    chosen = api._policy(policy)
    term_list, term_info = api.read_terms(terms)
    sources = _sources([Path(p) for p in inputs], password)
    given = _match_plans([Path(p) for p in plans], sources)
    documents: list[_Document] = []
    reading = _Tally(ocr_progress)
    try:
        for name, source in sources:
            documents.append(
                _open(
                    name, source, _own(given.get(source.sha256)), chosen, term_list, term_info, (ocr, ocr_lang), reading
                )
            )
            reading.next_document()
        _redact_consistently(documents, chosen, term_list, term_info)
        _check_public_names(documents, case, out, term_list)
        key = OneTimeKey()
        files, rows = _build(
            documents, profile, sealer, chosen, term_list, label, key.fingerprint, case, hide_widths, progress
        )
    finally:
        for document in documents:
            document.doc.close()
    manifest = _manifest(documents, files, rows, profile, case, chosen, term_info, sealer)
    files[MANIFEST], files[SIGNATURE] = key.sign(manifest)
    zip_path = _write_bag(out, files, profile, case, make_zip)
    if force and not make_zip:
        _remove_stale_zip(out)
    return PackageResult(
        path=out,
        zip_path=zip_path,
        fingerprint=key.fingerprint,
        documents=[_summary(d, files) for d in documents],
        warnings=_warnings(documents, files, profile)
        + _passphrase_warnings(passphrase)
        + _filing_warnings(documents, case),
        court=profile.rule.split(";")[0] + ("" if court else " (the default court: choose another with --court)"),
    )


def _filing_warnings(documents: list[_Document], case: str) -> list[str]:
    """What a filer should know before filing: a chart without a case number, and proposals
    nobody reviewed that redactor itself says to check (UX review, 2026-11-26)."""
    warnings = [] if case.strip() else ["no --case was given: the sealing chart and the manifest carry no case number"]
    unreviewed = [
        (document.name, document.source.path, sum(1 for r in document.plan.applied if r.review))
        for document in documents
        if not document.reviewed
    ]
    for document in documents:
        if document.source.password is not None:
            warnings.append(
                f"{document.name}.pdf asks for a password: its sealed original is kept byte for byte, so it "
                "opens only with that password, which the package does not keep; keep the password with the key"
            )
    for name, path, notes in unreviewed:
        if notes:  # the plan is sealed in the package: say how to review one before filing
            shown = f'"{path}"' if any(c.isspace() for c in str(path)) else str(path)
            warnings.append(
                f"{name}.pdf: {notes} redaction(s) carry a review note and no reviewed plan was given: "
                f"to review them, run redactor scan {shown}, edit the plan it writes, and package again with "
                "--plan for it"
            )
    return warnings


def _case_number(case: str) -> str:
    """The case number as the manifest and the bag's External-Identifier both hold it: one line,
    without the spaces around it that bag-info.txt would lose."""
    case = case.strip()
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in case):
        raise BadArguments(
            "--case must be one line of text (it holds a tab, a line break or another control character)"
        )
    return case


def _passphrase_warnings(passphrase: str | None) -> list[str]:
    """A short passphrase is the package's weakest point: whoever gets the package can try guesses
    offline, at scrypt's cost of about a second each. Warned, not refused: the filer may have reasons."""
    if passphrase and len(passphrase) < MIN_PASSPHRASE:
        return [
            f"the passphrase is shorter than {MIN_PASSPHRASE} characters: anyone who gets the package "
            "can try to guess it; prefer several random words"
        ]
    return []


def _check_destination(out: Path, force: bool) -> None:
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise OutputNotWritable(f"cannot write {out}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise OutputNotWritable(f"cannot write {out}: permission denied")
    if out.exists() and not out.is_dir():
        raise OutputNotWritable(f"cannot write the package to {out}: it is a file")
    if not out.is_dir() or not any(out.iterdir()):
        return
    if not force:
        raise OutputNotWritable(f"{out} exists and is not empty; choose another folder or add --force to replace it")
    if not _is_package(out):
        raise OutputNotWritable(f"{out} is not a redactor package; --force replaces only a package or an empty folder")


def _is_package(folder: Path) -> bool:
    """What --force may replace: a folder redactor wrote, never someone's other files."""
    return (folder / "bagit.txt").is_file() and (folder / "data" / MANIFEST).is_file()


def _zip_path(out: Path) -> Path:
    return out.with_name(out.name + ".zip")


def _check_zip_destination(target: Path, force: bool) -> None:
    if target.is_dir():
        raise OutputNotWritable(f"cannot write {target}: it is a folder")
    if target.exists() and not force:
        raise OutputNotWritable(f"{target} exists; choose another --out or add --force to replace it")


def _sources(inputs: list[Path], password: str | None) -> list[tuple[str, Source]]:
    if not inputs:
        raise BadArguments("give at least one PDF to package")
    names: set[str] = set()
    unsealed: dict[str, str] = {"reference-list.json": "the reference list"}
    sources = []
    for index, path in enumerate(inputs):
        name = path.stem
        if any(same_file(path, earlier) for earlier in inputs[:index]):
            raise BadArguments(f"{path.name} is given twice; give each document once")
        if _same_on_disk(name) in names:
            raise BadArguments(
                f"two documents are named {name}; rename one, file names identify documents in the package"
            )
        names.add(_same_on_disk(name))
        if any(code in name.upper() for code in BAGIT_ESCAPES):
            raise BadArguments(
                f"{path.name} holds %0A, %0D or %25, which a BagIt manifest reads as a line break or a "
                "percent sign: the package would list another file than it holds; rename it"
            )
        if _windows_device(path.name):
            raise BadArguments(
                f"{path.name} is named as a Windows device ({path.name.split('.')[0].upper()}): unsealed on "
                "Windows it would not be a file; rename it"
            )
        _claim_unsealed_names(path, unsealed)
        sources.append((name, read_source(path, password)))
    return sources


_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in "0123456789"}
)


def _windows_device(name: str) -> bool:
    """Whether Windows reads `name` as a device whatever its extension ("con.pdf", "Aux .pdf"):
    every file of a package is unsealed there under its document's name."""
    return name.split(".", 1)[0].rstrip(" ").casefold() in _WINDOWS_DEVICES


def _claim_unsealed_names(path: Path, unsealed: dict[str, str]) -> None:
    """Refuse an input whose unsealed files would take another's name (declaration.pdf and
    declaration.highlighted.pdf): `unseal` writes every file of a package into one folder.
    Compared as macOS and Windows file systems do."""
    for name in (path.name, *(f"{path.stem}.{kind}" for kind in SEALED_KINDS if kind != "original.pdf")):
        other = unsealed.setdefault(_same_unsealed(name), path.name)
        if other != path.name:
            raise BadArguments(f"{path.name} and {other} would both be unsealed as {name}; rename one of them")


def _same_on_disk(name: str) -> str:
    """A file name as macOS and Windows compare it: without case, and "café" typed as one letter
    or as "e" and an accent alike (macOS)."""
    return unicodedata.normalize("NFC", name).casefold()


def _same_unsealed(name: str) -> str:
    """An unsealed file's whole name as macOS and Windows compare it: Windows also drops the dots
    and spaces that end a name ("declaration.pdf." is declaration.pdf there)."""
    return _same_on_disk(name).rstrip(". ")


def _match_plans(paths: list[Path], sources: list[tuple[str, Source]]) -> dict[str, Plan]:
    """Reviewed plans by the SHA-256 of the document each was made for."""
    by_hash = {source.sha256: name for name, source in sources}
    plans = {}
    for path in paths:
        plan = load_plan(path)
        if plan.input_sha256 not in by_hash:
            raise InvalidPlan(f"plan {path.name} was made for none of the documents given (no SHA-256 matches)")
        plans[plan.input_sha256] = plan
    return plans


def _own(plan: Plan | None) -> Plan | None:
    """A document's own copy of its reviewed plan: two copies of one document (an exhibit filed
    twice) match the same plan, and each records its own public PDF in it."""
    return copy.deepcopy(plan)


def _open(
    name: str,
    source: Source,
    plan: Plan | None,
    policy: Policy,
    terms: list[str],
    term_info: dict | None,
    ocr: tuple[str, str] = ("auto", "eng"),
    ocr_progress: api.ReadingProgress | None = None,
) -> _Document:
    prepared = api._open_prepared(source)
    doc, removed = prepared.doc, prepared.removed
    reviewed = plan is not None
    text_pages = None if reviewed else TextPages(doc)
    try:
        layouts = api._layouts(doc, text_pages, prepared)
        reading = api.recognize(doc, *ocr, layouts, ocr_progress)
    except BaseException:
        doc.close()
        raise
    if plan is None:
        plan = api._plan(
            source,
            doc,
            layouts,
            policy,
            terms,
            term_info,
            reading=reading,
            text_pages=text_pages,
            notices=prepared.warnings,
        )
    else:
        plan.warnings += [w for w in prepared.warnings if w not in plan.warnings]
    return _Document(name, source, doc, removed, layouts, plan, reviewed, reading, prepared.warnings)


class _Tally:
    """OCR progress over several documents: each document counts its pictures from zero."""

    def __init__(self, report: api.ReadingProgress | None) -> None:
        self._report = report
        self._before = 0  # pictures of the documents already read
        self._total = 0  # pictures of the document being read

    def __call__(self, done: int, total: int) -> None:
        self._total = total
        if self._report:
            self._report(self._before + done, self._before + total)

    def next_document(self) -> None:
        self._before += self._total
        self._total = 0


def _redact_consistently(documents: list[_Document], policy: Policy, terms: list[str], term_info: dict | None) -> None:
    """Scan each document again with the values redacted in the others, so that a number or a
    name redacted in one document of the filing is redacted wherever it appears in all of them.
    A reviewed plan is used as it is."""
    if len(documents) < 2:
        return
    carried = {d.name: [c for r in d.plan.applied if (c := _carried(r, d.name)) is not None] for d in documents}
    for document in documents:
        if document.reviewed:
            continue
        elsewhere = [c for name, values in carried.items() if name != document.name for c in values]
        if elsewhere:
            document.plan = api._plan(
                document.source,
                document.doc,
                document.layouts,
                policy,
                terms,
                term_info,
                elsewhere,
                document.reading,
                notices=document.notices,
            )


def _check_public_names(documents: list[_Document], case: str, out: Path, terms: list[str]) -> None:
    """Refuse a file name, case number or folder name that holds a value the filing redacts (or a
    term): the package publishes them, on the filed chart among other places. Never quoted."""
    values = [(term, "term") for term in terms]
    for document in documents:
        for redaction in document.plan.applied:
            values += [(text, redaction.category) for text in (redaction.text, *redaction.removed)]
    for number, document in enumerate(documents, start=1):
        if category := sealed_in(document.source.path.name, values):
            raise VerificationFailed(
                f"the file name of document {number} of {len(documents)} holds a value redacted in the filing "
                f"({category}), and file names are public in the package (the public PDF, the sealing chart, "
                "the manifest): rename the file and package again; nothing was written"
            )
    if category := sealed_in(case, values):
        raise VerificationFailed(
            f"--case holds a value redacted in the filing ({category}), and the case number is public (the "
            "sealing chart, the manifest, bag-info.txt): give the case number alone; nothing was written"
        )
    if category := sealed_in(out.name, values):
        raise VerificationFailed(
            f"the --out folder's name holds a value redacted in the filing ({category}), and it names every "
            "file of the package's zip: choose another name; nothing was written"
        )


def _carried(redaction: Redaction, origin: str) -> Carried | None:
    """A plan's redaction as a value to look for in other documents (not whole sentences)."""
    if redaction.scope == "sentence" or not redaction.text:
        return None
    value = redaction.text
    cuts = []
    at = 0
    for piece in redaction.removed or [value]:
        found = value.find(piece, at)
        if found < 0:
            cuts = [(0, len(value))]
            break
        cuts.append((found, found + len(piece)))
        at = found + len(piece)
    finding = Finding(
        rule=redaction.rule,
        category=redaction.category,
        reason=redaction.reason,
        basis=redaction.basis,
        label=redaction.label,
        scope=redaction.scope if redaction.scope != "manual" else "match",
        start=0,
        end=len(value),
        cuts=cuts,
        score=redaction.score,
        review=redaction.review,
        foia=redaction.foia,
    )
    return Carried(value, finding, f"{origin}.pdf")


def _build(
    documents: list[_Document],
    profile: CourtProfile,
    sealer: Sealer,
    policy: Policy,
    terms: list[str],
    label: bool | None,
    fingerprint: str,
    case: str,
    hide_widths: bool = False,
    progress: api.Progress | None = None,
) -> tuple[dict[str, bytes], list[ChartRow]]:
    """Every file of the package but the manifest, by its path inside the bag's data folder."""
    references, reference_list = _references([(document.name, document.plan) for document in documents])
    files: dict[str, bytes] = {}
    rows: list[ChartRow] = []
    for document in documents:
        plan = document.plan
        with open_document(document.source) as original:
            rows += chart_rows(f"{document.name}.pdf", original, plan, references)
        public, _ = api.render_public(
            document.doc,
            document.layouts,
            plan,
            document.removed,
            label,
            progress,
            policy,
            terms,
            profile.public_legend,
            hide_widths=hide_widths or None,
            reading=document.reading,
        )
        public_path = f"public/{document.name}.pdf"
        plan.output_path = public_path
        plan.output_sha256 = sha256(public)
        files[public_path] = public
        files[f"sealed/{document.name}.original.pdf.age"] = document.source.data
        files[f"sealed/{document.name}.highlighted.pdf.age"] = highlighted_copy(
            document.source, plan, profile.highlighted_legend
        )
        files[f"sealed/{document.name}.redactions.json.age"] = plan.to_bytes()
    files[REFERENCE_LIST] = json.dumps(reference_list, indent=2, ensure_ascii=False).encode("utf-8")
    files["chart/sealing-chart.csv"] = chart_csv(rows, profile.chart_columns)
    files["chart/sealing-chart.pdf"] = chart_pdf(rows, profile, case, fingerprint)
    files["HOW-TO-OPEN.txt"] = _how_to_open(sealer).encode("utf-8")
    # Encrypt last. No hash of a plaintext is kept: published, it would confirm guesses of the
    # sealed text offline; age authenticates each file and the manifest pins the ciphertexts.
    for path in [p for p in files if p.startswith("sealed/")]:
        files[path] = sealer.seal(files[path])
    if sealer.package_key is not None:
        files[PACKAGE_KEY] = sealer.package_key
    return files, rows


def _references(documents: list[tuple[str, Plan]]) -> tuple[dict[str, str], dict]:
    """Fed. R. Civ. P. 5.2(g): one identifier per distinct redacted value, the same in every
    document (name, plan) of the filing. Returns the identifier of each redaction id and the
    sealed list. `verify` rebuilds both from the sealed plans: a change here needs a new list
    schema, or packages already filed would fail."""
    by_value: dict[str, str] = {}
    entries: list[dict] = []
    of_redaction: dict[str, str] = {}
    for name, plan in documents:
        for redaction in plan.applied:
            key = "".join(c for c in redaction.text.lower() if c.isalnum()) or redaction.id
            if key not in by_value:
                by_value[key] = f"REF-{len(by_value) + 1:03d}"
                entries.append(
                    {"reference": by_value[key], "category": redaction.category, "text": redaction.text, "places": []}
                )
            reference = by_value[key]
            of_redaction[redaction.id] = reference
            entry = entries[int(reference[4:]) - 1]
            entry["places"].append({"document": f"{name}.pdf", "redaction": redaction.id, "page": redaction.page})
    listing = {
        "schema": "redactor-reference-list/1",
        "rule": "Fed. R. Civ. P. 5.2(g): reference list filed under seal",
        "entries": entries,
    }
    return of_redaction, listing


def _manifest(
    documents: list[_Document],
    files: dict[str, bytes],
    rows: list[ChartRow],
    profile: CourtProfile,
    case: str,
    policy: Policy,
    term_info: dict | None,
    sealer: Sealer,
) -> dict:
    """The manifest: public facts only. No hash or size of a sealed plaintext (an original, a plan,
    the terms file) appears in it: anyone could check a guess of the sealed text against one."""
    references = {row.id: row.reference for row in rows}
    entries = [
        {"path": path, "role": _role(path), "size": len(files[path]), "sha256": sha256(files[path])}
        for path in sorted(files)
    ]
    return {
        "schema": SCHEMA,
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "tool": {"name": "redactor", "version": api.tool_version()},
        "case": case,
        "court": {"id": profile.id, "name": profile.name, "court": profile.court},
        "policy": _public_policy(policy),
        "terms": {"count": term_info["count"]} if term_info else None,
        "encryption": {
            "format": "age-encryption.org/v1",
            "recipients": sealer.recipient_keys,
            "passphrase": sealer.package_key is not None,
            "package_key": PACKAGE_KEY if sealer.package_key is not None else None,
        },
        "files": entries,
        "documents": [
            {
                "name": d.name,
                "original": d.source.path.name,
                "pages": d.plan.pages,
                "public": f"public/{d.name}.pdf",
                "public_sha256": d.plan.output_sha256,
                "reviewed_plan": d.reviewed,
                "redactions": [_index_entry(r, references) for r in d.plan.applied],
            }
            for d in documents
        ],
    }


def _public_policy(policy: Policy) -> dict:
    """The policy as the public may know it. A user's policy can hold a name or a pattern that is
    itself sealed, and its hash would confirm a guess of it; the sealed plans record that hash."""
    built_in = policy.sources == (BUILT_IN,)
    return {"name": policy.name, "built_in": built_in, "sha256": policy.sha256 if built_in else None}


def _index_entry(redaction: Redaction, references: dict[str, str]) -> dict:
    """A redaction as the manifest lists it: where and why, never what."""
    return {
        "id": redaction.id,
        "pages": sorted({box.page for box in redaction.boxes}),
        "category": redaction.category,
        "rule": redaction.rule,
        "reason": redaction.reason,
        "basis": redaction.basis,
        "scope": redaction.scope,
        "status": redaction.status,
        "source": redaction.source,
        "reference": references.get(redaction.id, ""),
    }


def _role(path: str) -> str:
    if path.startswith("public/"):
        return "public"
    if path.startswith("chart/"):
        return "sealing-chart"
    if path == PACKAGE_KEY:
        return "sealed-package-key"
    if path == REFERENCE_LIST:
        return "sealed-reference-list"
    for suffix, role in ((".original.pdf.age", "sealed-original"), (".highlighted.pdf.age", "sealed-highlighted"),
                         (".redactions.json.age", "sealed-plan")):  # fmt: skip
        if path.endswith(suffix):
            return role
    return "instructions"


def _how_to_open(sealer: Sealer) -> str:
    lines = [
        "SEALED FILING PACKAGE (made by redactor)",
        "",
        "public/   the redacted versions for the public docket.",
        "chart/    the chart of the portions sought to be sealed (no sealed text in it).",
        "sealed/   the unredacted originals, highlighted copies, redaction plans and the",
        "          Fed. R. Civ. P. 5.2(g) reference list, encrypted in the age format",
        "          (https://age-encryption.org). They hold the sealed text: handle them",
        "          as sealed records.",
        "",
        "To check the package:       redactor verify THIS-FOLDER --signer FINGERPRINT",
        "To open the sealed part:    redactor unseal THIS-FOLDER --out FOLDER --signer FINGERPRINT",
        "",
        "FINGERPRINT is the signing key's fingerprint printed on the sealing chart filed with the",
        "court (SHA256:...). Anyone able to change this folder can re-make and re-sign it with a key",
        "of their own: without --signer, compare the fingerprint that verify and unseal print with",
        "the one on the filed chart, never with one found in this folder.",
        "",
        "Without redactor, with the age tool (https://github.com/FiloSottile/age):",
    ]
    if sealer.package_key is not None:
        lines += [
            "  age -d -o package-key.txt data/sealed/package-key.age     (asks for the passphrase)",
            "  age -d -i package-key.txt -o original.pdf data/sealed/NAME.original.pdf.age",
            "  then delete package-key.txt.",
        ]
    if sealer.recipient_keys:
        lines += ["  age -d -i YOUR-KEY-FILE -o original.pdf data/sealed/NAME.original.pdf.age"]
    lines += [
        "",
        "data/manifest.json lists every file with its SHA-256 and is signed (Ed25519) in",
        "data/manifest.json.sig; the key's fingerprint is printed on the filed sealing chart.",
        "Checking by hand (openssl): recompute the fingerprint from the key itself, never trust",
        "the manifest's own fingerprint field.",
        "The folder is a BagIt bag (RFC 8493): archival tools can check its fixity.",
    ]
    return "\n".join(lines) + "\n"


def _write_bag(out: Path, files: dict[str, bytes], profile: CourtProfile, case: str, make_zip: bool) -> Path | None:
    """Write the files as a BagIt bag in a hidden folder beside `out`, and its zip in a hidden
    file, then move both into place: a zip that cannot be written leaves no package either (nor,
    with --force, a new package beside the earlier one's zip)."""
    building = _building_folder(out)
    archive = None
    try:
        for path, data in files.items():
            target = building / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        bagit.make_bag(str(building), bag_info=_bag_info(profile.name, case), checksums=["sha256"])
        written, _ = _verify(building, (), None, None)  # what `verify` will say of it, before it is in place
        if not written.passed:
            raise PackageInvalid(f"the package did not verify as written, so none was made: {written.problems[0]}")
        archive = _write_zip(building, out) if make_zip else None
        _replace(building, out)
        if archive is not None:
            os.replace(archive, _zip_path(out))
    except OSError as error:  # a full disk, a name too long for the system: nothing is left behind
        _discard(building, archive)
        hint = " (give the document a shorter name)" if error.errno == errno.ENAMETOOLONG else ""
        raise OutputNotWritable(f"cannot write the package {out}: {error.strerror or error}{hint}") from error
    except BaseException:
        _discard(building, archive)
        raise
    return _zip_path(out) if make_zip else None


def _discard(building: Path, archive: Path | None) -> None:
    shutil.rmtree(building, ignore_errors=True)
    if archive is not None:
        with contextlib.suppress(OSError):
            archive.unlink()


def _building_folder(out: Path) -> Path:
    """A hidden folder beside `out` to build in; moved into place only once complete."""
    parent = out.parent if str(out.parent) else Path(".")
    try:
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=parent))
    except OSError as error:
        raise OutputNotWritable(f"cannot write {out}: {error.strerror or error}") from error


def _bag_info(court_name: str, case: str) -> dict[str, str]:
    """The bag-info.txt fields redactor writes; `verify` holds them to the signed manifest."""
    info = {"Source-Organization": "redactor", "External-Description": f"Sealed filing package, {court_name}"}
    if case:
        info["External-Identifier"] = case
    return info


def _replace(built: Path, out: Path) -> None:
    """Move `built` to `out`, replacing an existing (empty, or --force) folder only at the end."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    try:
        os.replace(built, out)
    except OSError as error:
        if old is not None:
            os.replace(old, out)
        raise OutputNotWritable(f"cannot write {out}: {error.strerror or error}") from error
    if old is None:
        return
    if old.is_symlink():  # --out named a link: it goes, the folder it led to is not ours to delete
        old.unlink()
    else:
        shutil.rmtree(old, ignore_errors=True)


def _remove_stale_zip(out: Path) -> None:
    """The archive an earlier package of that name left beside it: with --force replacing the
    package, the archive would no longer be of it. Only an archive of a redactor package goes."""
    target = _zip_path(out)
    if not target.is_file():
        return
    try:
        with zipfile.ZipFile(target) as archive:
            ours = f"{out.name}/data/{MANIFEST}" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return
    if ours:
        target.unlink()


def _write_zip(building: Path, out: Path) -> Path:
    """The built package as one archive for transmission, its entries under `out`'s name, in a
    hidden file beside `out` until the package is in place."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in building.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(
                f"{out.name}/{path.relative_to(building).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0)
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    descriptor, name = tempfile.mkstemp(prefix=f".{out.name}.zip.", suffix=".part", dir=building.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(buffer.getvalue())
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _summary(document: _Document, files: dict[str, bytes]) -> DocumentSummary:
    applied = document.plan.applied
    return DocumentSummary(
        name=document.name,
        pages=document.plan.pages,
        redactions=len(applied),
        by_category=dict(Counter(r.category for r in applied)),
        from_other_documents=sum(1 for r in applied if r.source == "filing"),
        reviewed_plan=document.reviewed,
        public_size=len(files[f"public/{document.name}.pdf"]),
    )


def _warnings(documents: list[_Document], files: dict[str, bytes], profile: CourtProfile) -> list[str]:
    warnings = []
    for document in documents:
        warnings += [f"{document.name}.pdf: {w}" for w in document.plan.warnings]
        size = len(files[f"public/{document.name}.pdf"])
        if size > profile.size_limit_mb * 1024 * 1024:
            warnings.append(
                f"public/{document.name}.pdf is {size / 1048576:.1f} MB, over {profile.name}'s "
                f"{profile.size_limit_mb:g} MB limit: split it before filing"
            )
    if profile.pdfa:
        warnings.append(f"{profile.name} wants PDF/A; redactor does not convert: convert the public PDFs before filing")
    return warnings


# --- verify and unseal -------------------------------------------------------------------------


@dataclass
class PackageCheck:
    """What `verify_package` found. `problems` name files and pages, never sealed text."""

    path: Path
    problems: list[str] = field(default_factory=list)
    fingerprint: str | None = None
    files_checked: int = 0
    sealed_opened: bool = False
    documents_leak_checked: int = 0

    @property
    def passed(self) -> bool:
        return not self.problems


def verify_package(
    path: PackagePath,
    *,
    identities: list | tuple = (),
    passphrase: str | None = None,
    signer: str | None = None,
) -> PackageCheck:
    """Check every hash and the signature of a package; with a key, also decrypt the sealed part
    in memory and re-run each public PDF's leak check against its plan."""
    check, _ = _verify(Path(path), identities, passphrase, signer)
    return check


@dataclass
class Unsealed:
    """What `unseal` wrote, and the key the manifest is signed with: without `signer`, the caller
    must show it to be compared with the filed chart, since anyone can re-sign a package."""

    files: list[Path]
    fingerprint: str
    leftovers: list[Path] = field(default_factory=list)  # see `_unfinished_unseals`


def unseal(
    path: PackagePath,
    out: PackagePath,
    *,
    identities: list | tuple = (),
    passphrase: str | None = None,
    signer: str | None = None,
) -> Unsealed:
    """Write the sealed part of a verified package to `out`: the originals byte for byte, the
    highlighted copies, the plans and the reference list. Nothing is written unless the whole
    package verifies and the key opens it."""
    out = Path(out)
    _check_unseal_destination(out, Path(path))
    if not identities and passphrase is None:
        raise BadArguments("give --passphrase-file or --identity to unseal")
    check, plaintexts = _verify(Path(path), identities, passphrase, signer)
    if not check.passed:
        more = len(check.problems) - 1
        raise PackageInvalid(
            f"the package does not verify, nothing was written: {check.problems[0]}"
            + (f" (and {more} more; run redactor verify)" if more > 0 else "")
        )
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise OutputNotWritable(f"cannot write {out}: folder {parent} does not exist")
    building = _building_folder(out)
    try:
        for name, data in plaintexts.items():
            (building / name).write_bytes(data)
            (building / name).chmod(0o600)  # unredacted: readable by their owner only, as plans are
        _replace(building, out)
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        raise OutputNotWritable(f"cannot write {out}: {error.strerror or error}") from error
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return Unsealed([out / name for name in plaintexts], check.fingerprint or "", _unfinished_unseals(out))


def _unfinished_unseals(out: Path) -> list[Path]:
    """Hidden folders beside `out` that an unseal into the same folder was building when it was
    killed outright (SIGKILL, a power cut: nothing of ours runs then), each holding unsealed
    files. Named for the caller to tell the user; not deleted, as another unseal may be writing
    one this moment."""
    try:
        found = [p for p in out.parent.glob(f".{glob.escape(out.name)}.*.partial") if p.is_dir() and not p.is_symlink()]
    except OSError:
        return []
    return sorted(found)


def _check_unseal_destination(out: Path, package_dir: Path) -> None:
    if _inside(out, package_dir):
        raise OutputNotWritable(f"cannot unseal into the package itself ({out}); choose a folder outside it")
    try:
        taken = out.exists() and (not out.is_dir() or any(out.iterdir()))
    except OSError as error:
        raise OutputNotWritable(f"cannot write {out}: {error.strerror or error}") from error
    if taken and not out.is_dir():
        raise OutputNotWritable(f"cannot unseal into {out}: it is a file; choose a new folder to unseal into")
    if taken:
        raise OutputNotWritable(f"{out} exists and is not empty; choose a new folder to unseal into")


def _verify(
    path: Path, identities: list | tuple, passphrase: str | None, signer: str | None
) -> tuple[PackageCheck, dict[str, bytes]]:
    check = PackageCheck(path=path)
    data_dir = path / "data"
    if not path.is_dir():
        raise PackageInvalid(f"{path} is not a folder; give the package folder (unzip a .zip first)")
    if _not_regular(data_dir / MANIFEST):
        raise PackageInvalid(f"{path} is damaged: data/{MANIFEST} is not a regular file (a link, a pipe or a device)")
    if _size(data_dir / MANIFEST) > MAX_MANIFEST:
        raise PackageInvalid(
            f"{path} is damaged or altered: data/{MANIFEST} is over {MAX_MANIFEST // 2**20} MB, where a "
            "filing's is a few kilobytes"
        )
    try:
        manifest_bytes = (data_dir / MANIFEST).read_bytes()
    except OSError as error:
        raise PackageInvalid(
            f"{path} is not a redactor package: data/{MANIFEST} is missing{_elsewhere(path)}"
        ) from error
    manifest = _read_manifest(manifest_bytes, _read_signature(data_dir, check), signer, check)
    if manifest is None:
        return check, {}
    files = _check_files(data_dir, manifest, check)
    _check_documents(manifest, check)
    _check_unsealed_names(manifest, check)
    if _check_layout(path, check):
        _check_bag(path, manifest, check)
    if check.problems or (not identities and passphrase is None):
        return check, {}  # a tampered package is reported as such, not as a key that fails to open it
    package_key = files.get(PACKAGE_KEY) if manifest["encryption"]["passphrase"] else None
    opener = Opener(list(identities), passphrase, package_key)
    plaintexts = _open_sealed(files, manifest, opener, check)
    check.sealed_opened = True
    plans = _sealed_plans(plaintexts, manifest, check)
    _leak_check(files, plaintexts, plans, manifest, check)
    _check_references(plaintexts, plans, manifest, check)
    return check, _unsealed_names(plaintexts, manifest)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except (OSError, ValueError):
        return 0  # missing: reading it says so


def _not_regular(path: Path) -> bool:
    """Whether `path` is there as something other than a regular file: a link (to /dev/zero, or
    out of the package) or a pipe nobody writes to, which verify read forever."""
    try:
        return not stat.S_ISREG(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False  # missing: reading it says so


def _read_signature(data_dir: Path, check: PackageCheck) -> bytes | None:
    if _not_regular(data_dir / SIGNATURE):
        check.problems.append(
            f"{SIGNATURE} is not a regular file (a link, a pipe or a device): the manifest is not signed"
        )
        return None
    try:
        return (data_dir / SIGNATURE).read_bytes()
    except OSError:
        check.problems.append(f"missing: {SIGNATURE} (the manifest is not signed)")
        return None


def _fingerprint_body(fingerprint: str) -> str:
    """A key fingerprint without its "SHA256:" prefix, which is easily left out when copied from
    the sealing chart (the rest is base64, where case matters)."""
    text = fingerprint.strip()
    return text[7:] if text[:7].lower() == "sha256:" else text


def _read_manifest(data: bytes, signature: bytes | None, signer: str | None, check: PackageCheck) -> dict | None:
    """The manifest if its signature holds; else, when it is well formed, the unsigned manifest
    to name altered files as well, with the signature's problem noted; else None."""
    manifest, detail = check_signature(data, signature) if signature is not None else (None, "")
    signed = manifest is not None
    if not signed:
        if detail:
            check.problems.append(detail)
        manifest = read_unsigned(data)
        if manifest is None:
            if not detail:
                check.problems.append("manifest.json is damaged or not a redactor manifest")
            return None
    if problem := shape_problem(manifest):
        check.problems.append(f"manifest.json is {'signed but ' if signed else ''}malformed: {problem}")
        return None
    if signed:
        check.fingerprint = detail
        if signer and _fingerprint_body(signer) != _fingerprint_body(detail):
            check.problems.append(f"the manifest is signed by key {detail}, not by the expected {signer.strip()}")
    return manifest


def _check_files(data_dir: Path, manifest: dict, check: PackageCheck) -> dict[str, bytes]:
    """Every listed file present, unaltered; no file unlisted. Returns the good files' bytes."""
    good: dict[str, bytes] = {}
    listed = set()
    for entry in manifest.get("files", []):
        relative = str(entry.get("path", ""))
        listed.add(relative)
        size = _listed_size(data_dir, relative)
        if size is None:
            check.problems.append(f"missing: {relative}")
            continue
        check.files_checked += 1
        # A file of another size than listed is not read: one of many gigabytes would fill memory.
        data = _read_listed(data_dir, relative) if size == entry.get("size") else None
        if data is None or sha256(data) != entry.get("sha256"):
            check.problems.append(f"altered: {relative} (its SHA-256 does not match the manifest)")
            continue
        good[relative] = data
    for target in sorted(data_dir.rglob("*")):
        relative = target.relative_to(data_dir).as_posix()
        if target.is_file() and relative not in listed and relative not in (MANIFEST, SIGNATURE):
            check.problems.append(f"extra file not in the manifest: {relative}{_added_by_the_system(target.name)}")
    return good


def _listed_size(data_dir: Path, relative: str) -> int | None:
    """A listed file's size, or None when it is no regular file inside data/. The manifest is
    anyone's to write: a path too long for the system, or with a zero byte, is not there either."""
    target = data_dir / relative
    try:
        return target.stat().st_size if _inside(target, data_dir) and target.is_file() else None
    except (OSError, ValueError):
        return None


def _read_listed(data_dir: Path, relative: str) -> bytes | None:
    try:
        return (data_dir / relative).read_bytes()
    except OSError:
        return None  # gone or unreadable since it was measured: reported as altered


# What file managers leave in folders they open, and unzipping tools beside what they unzip.
_SYSTEM_FILES = {".DS_Store": "macOS Finder", "Thumbs.db": "Windows Explorer", "desktop.ini": "Windows Explorer",
                 "__MACOSX": "macOS's zip"}  # fmt: skip


def _added_by_the_system(name: str) -> str:
    """A hint for a file the reader's own computer added: a package it touched is not tampered with."""
    maker = _SYSTEM_FILES.get(name) or ("macOS" if name.startswith("._") else None)
    return f" ({maker} adds such files: delete it, and nothing else, and run again)" if maker else ""


def _elsewhere(path: Path) -> str:
    """Where the package seems to be, when `path` is the folder around it or inside it (unzipping
    on Windows adds a folder; HOW-TO-OPEN.txt sits in data/)."""
    candidates = [path.parent] if path.name == "data" else []
    with contextlib.suppress(OSError):
        candidates += [child for child in path.iterdir() if child.is_dir()]
    found = [c for c in candidates if (c / "data" / MANIFEST).is_file()]
    return f"; the package seems to be {found[0]}: give that folder" if len(found) == 1 else ""


def _inside(target: Path, folder: Path) -> bool:
    try:
        target.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _check_layout(path: Path, check: PackageCheck) -> bool:
    """Nothing in the folder but what redactor wrote: an unredacted PDF beside `data/`, or a link
    to a folder elsewhere, would travel with the package although no hash covers it. Whether the
    BagIt validator may read every file: not when a link or a pipe would have it read forever."""
    for name in sorted(os.listdir(path)):
        if name not in (*TAG_FILES, "data"):
            kind = "folder" if (path / name).is_dir() and not (path / name).is_symlink() else "file"
            check.problems.append(f"extra {kind} outside data/: {name}{_added_by_the_system(name)}")
    check.problems += [f"missing: {name}" for name in TAG_FILES if not (path / name).exists()]
    odd = _odd_entries(path, path)
    check.problems += odd
    return all(problem.startswith("empty folder") for problem in odd)


def _odd_entries(folder: Path, root: Path) -> list[str]:
    """Symbolic links, empty folders and special files (FIFOs, devices) under `folder`."""
    entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    odd = [f"empty folder: {folder.relative_to(root).as_posix()}"] if not entries and folder != root else []
    for entry in entries:
        relative = Path(entry.path).relative_to(root).as_posix()
        if entry.is_symlink():
            odd.append(f"symbolic link: {relative}")
        elif entry.is_dir(follow_symlinks=False):
            odd += _odd_entries(Path(entry.path), root)
        elif not entry.is_file(follow_symlinks=False):
            odd.append(f"not a regular file: {relative}")
    return odd


def _check_bag(path: Path, manifest: dict, check: PackageCheck) -> None:
    """The BagIt layer, whose files are not signed: every finding of the bagit validator, and the
    bag-info fields redactor wrote, held to the signed manifest."""
    try:
        bag = bagit.Bag(str(path))
        if check.fingerprint:  # an unsigned manifest is no reference
            _check_bag_info(bag.info, manifest, check)
        bag.validate(fast=False)
    except bagit.BagValidationError as error:
        details = getattr(error, "details", None) or []
        check.problems += [f"BagIt: {_bag_detail(detail)}" for detail in details]
        if not details:
            check.problems.append(f"BagIt: {error.message if hasattr(error, 'message') else error}")
    except bagit.BagError as error:
        check.problems.append(f"BagIt: {error}")
    except UnicodeDecodeError:  # the tag files are not signed: anyone may have broken them
        check.problems.append("BagIt: a tag file (bagit.txt, bag-info.txt or a manifest) is not UTF-8 text")


def _bag_detail(detail: object) -> str:
    """One BagIt finding in a line, without the hashes bagit quotes."""
    name = str(getattr(detail, "path", ""))
    if isinstance(detail, bagit.ChecksumMismatch):
        return f"{name} does not match its checksum in the bag's manifest"
    if isinstance(detail, bagit.FileMissing):
        return f"{name} is in the bag's manifest but missing"
    if isinstance(detail, bagit.UnexpectedFile):
        return f"{name} is not in the bag's manifest"
    return str(detail)


def _check_bag_info(info: dict, manifest: dict, check: PackageCheck) -> None:
    court = manifest.get("court")
    expected = _bag_info(court.get("name", "") if isinstance(court, dict) else "", str(manifest.get("case") or ""))
    for field_name, value in expected.items():
        if info.get(field_name) != value:
            check.problems.append(f"bag-info.txt: {field_name} is not what the signed manifest says")
    for field_name in sorted(set(info) - set(expected) - set(BAGIT_INFO)):
        check.problems.append(f"bag-info.txt: {field_name} was not written by redactor")


def _open_sealed(files: dict[str, bytes], manifest: dict, opener: Opener, check: PackageCheck) -> dict[str, bytes]:
    """Decrypt every sealed file. age authenticates each one; a `redactor-manifest/1` package also
    lists each plaintext's hash, still checked so that old packages are held to what they signed.
    Every file of a package is sealed to the same keys: once the key is shown right (it opened
    another file, or the passphrase opened the package key), one it does not open was replaced."""
    plaintexts = {}
    refused: list[tuple[str, WrongKey]] = []
    opened = 0
    for entry in manifest.get("files", []):
        relative = entry["path"]
        if not relative.startswith("sealed/") or relative == PACKAGE_KEY or relative not in files:
            continue
        try:
            data = opener.open(files[relative], relative)
        except WrongKey as error:
            refused.append((relative, error))
            continue
        opened += 1
        if manifest.get("schema") == SCHEMA_1 and not _same_plaintext(data, entry):
            check.problems.append(f"altered: {relative} decrypts to a file that does not match the manifest")
            continue
        plaintexts[relative] = data
    if refused and not opened and not opener.opened_package_key:
        raise refused[0][1]  # the key opens nothing: it is the wrong key, not a tampered package
    check.problems += [f"altered: {path} is sealed to other keys than the rest of the package" for path, _ in refused]
    return plaintexts


def _same_plaintext(data: bytes, entry: dict) -> bool:
    return sha256(data) == entry.get("plaintext_sha256") and len(data) == entry.get("plaintext_size")


def _sealed_plans(plaintexts: dict[str, bytes], manifest: dict, check: PackageCheck) -> dict[str, Plan]:
    """Each document's sealed plan, by the document's name: a damaged one is reported, a missing
    one was already."""
    plans = {}
    for document in manifest.get("documents", []):
        raw = plaintexts.get(f"sealed/{document['name']}.redactions.json.age")
        if raw is not None and (plan := _sealed_plan(raw, document["name"], check)) is not None:
            plans[document["name"]] = plan
    return plans


def _sealed_plan(raw: bytes, name: str, check: PackageCheck) -> Plan | None:
    try:
        return parse_plan(raw, f"the plan of {name}")
    except InvalidPlan as error:
        check.problems.append(f"sealed/{name}.redactions.json.age: {error}")
        return None


def _leak_check(
    files: dict[str, bytes], plaintexts: dict[str, bytes], plans: dict[str, Plan], manifest: dict, check: PackageCheck
) -> None:
    """Each original checked against the SHA-256 its sealed plan records (the manifest no longer
    lists it), and each public PDF re-verified against that plan, as `redact` verified it."""
    for document in manifest.get("documents", []):
        name = document["name"]
        public = files.get(document["public"])
        plan = plans.get(name)
        original = plaintexts.get(f"sealed/{name}.original.pdf.age")
        if public is None or plan is None or original is None:
            continue  # already reported as missing, incomplete, altered or damaged
        if sha256(original) != plan.input_sha256 or sha256(public) != plan.output_sha256:
            check.problems.append(f"{name}: the public PDF and the original are not the pair its plan records")
            continue
        result = verify(public, plan.applied, [r for r in plan.redactions if not r.applied])
        check.problems += [f"public/{name}.pdf: {problem}" for problem in result.problems]
        if not result.passed and not result.problems:
            check.problems.append(f"public/{name}.pdf: leak check failed")
        check.documents_leak_checked += 1


def _check_references(
    plaintexts: dict[str, bytes], plans: dict[str, Plan], manifest: dict, check: PackageCheck
) -> None:
    """The sealed reference list, and the manifest's index of each document's redactions with
    their references, are what the sealed plans make of them: a list edited in a re-signed
    package would send a judge from a chart's REF-004 to another value than the one redacted
    there."""
    documents = manifest.get("documents", [])
    if any(document["name"] not in plans for document in documents):
        return  # a missing or damaged plan is reported already, and nothing can be compared
    references, listing = _references([(document["name"], plans[document["name"]]) for document in documents])
    raw_list = plaintexts.get(REFERENCE_LIST)
    if raw_list is None:
        if REFERENCE_LIST not in {entry["path"] for entry in manifest.get("files", [])}:
            check.problems.append(f"incomplete: {REFERENCE_LIST} is not in the manifest")
        return  # otherwise reported as missing or not opened
    try:
        same = json.loads(raw_list.decode("utf-8")) == listing
    except (UnicodeDecodeError, ValueError, RecursionError):
        same = False
    if not same:
        check.problems.append(f"altered: {REFERENCE_LIST} does not list what the sealed plans redact")
    for document in documents:
        entries = document.get("redactions")
        listed = (
            [(e.get("id"), e.get("reference")) for e in entries if isinstance(e, dict)]
            if isinstance(entries, list)
            else None
        )
        expected = [(r.id, references.get(r.id, "")) for r in plans[document["name"]].applied]
        if listed != expected or len(listed) != len(entries):
            check.problems.append(
                f"altered: the manifest's references for {document['name']} are not the sealed plans'"
            )


def _check_documents(manifest: dict, check: PackageCheck) -> None:
    """Every document has its public version and its three sealed files: without its plan, an
    original could not be checked byte for byte once decrypted. And every public or sealed file
    is a document's: one left out of `documents` (by whoever re-signed) would be neither leak
    checked nor checked byte for byte, yet unsealed under a "no leak"."""
    listed = {entry["path"] for entry in manifest.get("files", [])}
    claimed = {PACKAGE_KEY, REFERENCE_LIST}
    for document in manifest.get("documents", []):
        name = document["name"]
        needed = [document["public"]] + [f"sealed/{name}.{kind}.age" for kind in SEALED_KINDS]
        if claimed.intersection(needed):
            check.problems.append(f"document {name} is listed twice, or shares its files with another")
        claimed.update(needed)
        for path in needed:
            if path not in listed:
                check.problems.append(f"incomplete: {path} of document {name} is not in the manifest")
    for path in sorted(listed - claimed):
        if path.startswith(("public/", "sealed/")):
            check.problems.append(f"{path} belongs to no document in the manifest, so it cannot be checked")


def _unsealed_names(plaintexts: dict[str, bytes], manifest: dict) -> dict[str, bytes]:
    """Sealed files under the names they get when unsealed: originals under their own name.
    `_check_unsealed_names` has made sure that no two get the same name."""
    originals = _original_names(manifest)
    return {_unsealed_name(relative, originals): data for relative, data in plaintexts.items()}


def _original_names(manifest: dict) -> dict[str, str]:
    return {f"sealed/{d['name']}.original.pdf.age": d["original"] for d in manifest.get("documents", [])}


def _unsealed_name(relative: str, originals: dict[str, str]) -> str:
    return Path(originals.get(relative) or Path(relative).name.removesuffix(".age")).name


def _check_unsealed_names(manifest: dict, check: PackageCheck) -> None:
    """Every sealed file gets a name of its own when unsealed: two with the same name (compared
    without case, as macOS and Windows do) would overwrite each other and one would be lost."""
    originals = _original_names(manifest)
    taken: dict[str, str] = {}
    for entry in manifest.get("files", []):
        relative = entry["path"]
        if not relative.startswith("sealed/") or relative == PACKAGE_KEY:
            continue
        name = _unsealed_name(relative, originals)
        if name in ("", ".", "..") or "\x00" in name:  # no system holds a zero byte in a name
            check.problems.append(f"{relative} has no file name to be unsealed under")
        elif (other := taken.setdefault(_same_unsealed(name), relative)) != relative:
            check.problems.append(f"{other} and {relative} would both be unsealed as {name}")
