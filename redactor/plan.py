"""The redaction plan: the one record that flows from `scan` through review to `apply`.

A plan holds the sensitive text itself (a reviewer has to see what is being
removed), so it is a working file of the same sensitivity as the original.
Its JSON form is versioned; docs/plan.md documents every field.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from redactor.errors import InvalidPlan
from redactor.pdfio import not_a_file

SCHEMA = "redactor-plan/1"
STATUSES = ("proposed", "accepted", "rejected", "manual")
APPLIED_STATUSES = ("proposed", "accepted", "manual")

Rect = list[float]
Removed = dict[str, Any]  # one record of what sanitizing did, as the plan's "sanitized" list holds it


@dataclass
class Box:
    """Where one line of a redaction sits. Coordinates are PDF points in MuPDF's page space:
    origin at the top-left corner of the unrotated page, y growing downward."""

    page: int  # 1-based
    rect: Rect  # the opaque box the reader sees
    cut: Rect | None = None  # the narrower band from which text is removed; None: the whole rect

    @property
    def cut_rect(self) -> Rect:
        return self.cut if self.cut is not None else self.rect


@dataclass
class Redaction:
    id: str
    page: int  # 1-based, the first page the redaction touches
    boxes: list[Box]
    category: str
    rule: str
    reason: str
    basis: str
    scope: str  # "match", "sentence", "partial" or "manual"
    status: str  # one of STATUSES
    text: str  # the text the rule is about (the value, or the whole sentence)
    removed: list[str]  # the exact pieces removed (for partial scope, less than `text`)
    label: str = ""
    score: float = 1.0
    source: str = "rule"
    review: str = ""
    foia: str = ""
    explanation: list[str] = field(default_factory=list)

    @property
    def applied(self) -> bool:
        return self.status in APPLIED_STATUSES


@dataclass
class Plan:
    input_path: str
    input_sha256: str
    pages: int
    policy: dict[str, Any]
    redactions: list[Redaction]
    terms: dict[str, Any] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    output_path: str | None = None
    output_sha256: str | None = None
    sanitized: list[Removed] = field(default_factory=list)
    verification: dict[str, Any] | None = None
    tool_version: str = ""
    created: str = ""
    ocr: dict[str, Any] | None = None  # how pictures were read: mode, language, pages, unsure readings

    @property
    def applied(self) -> list[Redaction]:
        return [r for r in self.redactions if r.applied]

    def to_bytes(self) -> bytes:
        """The plan as a UTF-8 file. A file name the system could not decode (its undecodable bytes
        kept as lone surrogates) is written with "?" for them: the name is only informative."""
        return self.to_json().encode("utf-8", "replace")

    def to_json(self) -> str:
        data = {
            "schema": SCHEMA,
            "tool": {"name": "redactor", "version": self.tool_version},
            "created": self.created,
            "input": {"path": self.input_path, "sha256": self.input_sha256, "pages": self.pages},
            "output": ({"path": self.output_path, "sha256": self.output_sha256} if self.output_path else None),
            "policy": self.policy,
            "terms": self.terms,
            "options": self.options,
            "warnings": self.warnings,
            "ocr": self.ocr,
            "redactions": [_redaction_json(r) for r in self.redactions],
            "sanitized": self.sanitized,
            "verification": self.verification,
        }
        return _pretty(data) + "\n"


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
# A list or object of at most SHORT items whose compact JSON fits in WIDTH characters stays on one line.
SHORT, WIDTH = 6, 100


def _pretty(value: Any, indent: str = "") -> str:
    """JSON laid out as json.dumps(indent=2) does, except that a short list or object that fits on
    a line stays on it: `"rect": [72.0, 98.5, 180.2, 110.7]` is one line a reviewer reads, not six."""
    if not isinstance(value, (dict, list)):
        return _ENCODE(value)
    if len(value) <= SHORT:
        compact = _ENCODE(value)
        if len(indent) + len(compact) <= WIDTH:
            return compact
    inner = indent + "  "
    if isinstance(value, dict):
        lines = [f"{inner}{_ENCODE(key)}: {_pretty(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(lines) + "\n" + indent + "}"
    return "[\n" + ",\n".join(inner + _pretty(item, inner) for item in value) + "\n" + indent + "]"


def _redaction_json(redaction: Redaction) -> dict[str, Any]:
    data = dict(vars(redaction))  # dataclasses.asdict deep-copies: ten times slower on big plans
    data["boxes"] = [_box_json(box) for box in redaction.boxes]
    return data


def _box_json(box: Box) -> dict[str, Any]:
    data: dict[str, Any] = {"page": box.page, "rect": box.rect}
    if box.cut is not None:
        data["cut"] = box.cut
    return data


def redaction_id(rule: str, boxes: list[Box]) -> str:
    """A stable id from where the redaction is and which rule made it, never from its text:
    a hash of a nine-digit number could be reversed by trying every number."""
    where = ";".join(f"{b.page}:{b.rect[0]:.0f},{b.rect[1]:.0f}" for b in boxes)
    return "R-" + hashlib.blake2b(f"{rule}|{where}".encode(), digest_size=5).hexdigest()


def load_plan(path: Path) -> Plan:
    """Read and check a plan file; a reviewer may have edited statuses or added manual boxes."""
    kind = not_a_file(Path(path), pipes=True)
    if kind:
        raise InvalidPlan(f"plan file {path} is {kind}")
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError as error:
        raise InvalidPlan(f"plan file not found: {path}") from error
    except OSError as error:
        raise InvalidPlan(f"plan file {path} cannot be read: {error.strerror or 'the system refused'}") from error
    return parse_plan(raw, f"plan file {path}")


def parse_plan(raw: bytes, where: str = "the plan") -> Plan:
    """A plan from its JSON bytes; `where` names it in error messages."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # Notepad may begin a file with a byte-order mark
    except json.JSONDecodeError as error:  # its message names what was expected, never the text
        raise InvalidPlan(
            f"{where} is not readable JSON: line {error.lineno}, column {error.colno}: {error.msg}"
        ) from error
    except UnicodeDecodeError as error:
        raise InvalidPlan(f"{where} is not UTF-8 text: save it as UTF-8 (or run scan again)") from error
    except RecursionError as error:
        raise InvalidPlan(f"{where} is not a plan: its brackets are nested too deeply") from error
    path = where
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise InvalidPlan(f"{path} is not a {SCHEMA} plan")
    if not isinstance(data.get("redactions"), list):
        raise InvalidPlan(f"{path}: redactions must be a list [...] of redactions")
    _check_shapes(data, path)
    with _fields_of(path):
        redactions = [_redaction(item, index) for index, item in enumerate(data["redactions"], 1)]
        source = data["input"]
        return Plan(
            input_path=str(source["path"]),
            input_sha256=str(source["sha256"]),
            pages=int(source["pages"]),
            policy=dict(data.get("policy") or {}),
            redactions=redactions,
            terms=data.get("terms"),
            options=dict(data.get("options") or {}),
            warnings=list(data.get("warnings") or []),
            tool_version=str(data.get("tool", {}).get("version", "")),
            created=str(data.get("created", "")),
            output_path=(data.get("output") or {}).get("path"),
            output_sha256=(data.get("output") or {}).get("sha256"),
            sanitized=list(data.get("sanitized") or []),
            verification=data.get("verification"),
            ocr=data.get("ocr"),
        )


def _check_shapes(data: dict[str, Any], path: str) -> None:
    """The plan's other parts have the shapes redactor writes: an edit that broke one ("ocr":
    "auto", a warning written as an object) was an internal error, after the public file was
    written in one case (fuzzing review, 2026-11-26)."""
    shapes = {
        "policy": (dict, "an object {...}"),
        "options": (dict, "an object {...}"),
        "terms": ((dict, type(None)), "an object {...} or null"),
        "ocr": ((dict, type(None)), "an object {...} or null"),
        "warnings": (list, "a list [...] of texts"),
        "sanitized": (list, "a list [...] of objects"),
    }
    for key, (kind, said) in shapes.items():
        if key in data and data[key] is not None and not isinstance(data[key], kind):
            raise InvalidPlan(f"{path}: {key} must be {said}")
    if not all(isinstance(w, str) for w in data.get("warnings") or []):
        raise InvalidPlan(f"{path}: warnings must be a list [...] of texts")
    if not all(isinstance(r, dict) for r in data.get("sanitized") or []):
        raise InvalidPlan(f"{path}: sanitized must be a list [...] of objects")
    sources = (data.get("policy") or {}).get("sources")
    if sources is not None and not (isinstance(sources, list) and all(isinstance(x, str) for x in sources)):
        raise InvalidPlan(f"{path}: policy.sources must be a list [...] of file names")
    ocr = data.get("ocr") or {}
    if not all(isinstance(ocr.get(key, ""), str) for key in ("mode", "lang")):
        raise InvalidPlan(f"{path}: ocr.mode and ocr.lang must be texts")
    if ocr.get("mode", "auto") not in OCR_MODES:  # not blamed on --ocr, which was not given
        raise InvalidPlan(f"{path}: ocr.mode must be one of {', '.join(OCR_MODES)}")


OCR_MODES = ("auto", "always", "never")  # `redactor.ocr.MODES`, which imports PyMuPDF
_REDACTION_FIELDS = frozenset(f.name for f in fields(Redaction))
_BOX_FIELDS = frozenset(f.name for f in fields(Box))


def _redaction(item: dict[str, Any], index: int) -> Redaction:
    named = item.get("id") if isinstance(item, dict) else None
    # An id as redactor writes it is named; anything else a reviewer typed there is not quoted.
    plain = isinstance(named, str) and re.fullmatch(r"[A-Za-z0-9][\w.:-]{0,39}", named)
    where = f"redaction {named} (#{index})" if plain else f"redaction #{index}"
    if not isinstance(item, dict):
        raise InvalidPlan(f"{where} must be an object {{...}}")
    _known_fields(item, _REDACTION_FIELDS, where)
    for box in item.get("boxes") or []:
        _known_fields(box, _BOX_FIELDS, f"{where}, a box")
    status = item.get("status", "manual")
    if status not in STATUSES:
        raise InvalidPlan(f"{where}: status must be one of {', '.join(STATUSES)}")
    boxes = []
    for box in _typed(item, "boxes", list, where):
        rect = _typed(box, "rect", _numbers, where)
        if len(rect) != 4 or rect[0] >= rect[2] or rect[1] >= rect[3]:
            raise InvalidPlan(f"{where}: rect must be [x0, y0, x1, y1] with x0 < x1 and y0 < y1")
        cut = _typed(box, "cut", _numbers, where, None) if box.get("cut") else None
        if cut is not None and len(cut) != 4:
            raise InvalidPlan(f"{where}: cut must be four numbers, like rect")
        boxes.append(Box(page=_typed(box, "page", int, where), rect=rect, cut=cut))
    if not boxes:
        raise InvalidPlan(f"{where}: needs at least one box")
    rule = _typed(item, "rule", str, where, "manual")
    return Redaction(
        id=str(item.get("id") or redaction_id(rule, boxes)),
        page=_typed(item, "page", int, where, boxes[0].page),
        boxes=boxes,
        category=_typed(item, "category", str, where, "manual"),
        rule=rule,
        reason=_typed(item, "reason", str, where, "MANUAL"),
        basis=_typed(item, "basis", str, where, "reviewer's manual redaction"),
        scope=_typed(item, "scope", str, where, "manual"),
        status=status,
        text=_typed(item, "text", str, where, ""),
        removed=_typed(item, "removed", _strings, where, []),
        label=_typed(item, "label", str, where, str(item.get("reason", ""))),
        score=_typed(item, "score", float, where, 1.0),
        source=_typed(item, "source", str, where, "manual"),
        review=_typed(item, "review", str, where, ""),
        foia=_typed(item, "foia", str, where, ""),
        explanation=_typed(item, "explanation", _strings, where, []),
    )


_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,19}")


def _known_fields(item: Any, known: frozenset[str], where: str) -> None:
    """A field the plan does not have is a reviewer's typo ("stauts": "rejected"): ignored, it
    would have redacted what the reviewer meant to keep."""
    if not isinstance(item, dict):
        raise InvalidPlan(f"{where} must be an object {{...}}")
    unknown = sorted(str(key) for key in item if key not in known)
    if unknown:
        # Quoted only when it looks like a field's name: a note typed as a key may be sealed text.
        named = repr(unknown[0]) if _FIELD_NAME.fullmatch(unknown[0]) else "one that is not a field name"
        raise InvalidPlan(f"{where} has a field the plan does not know: {named} (fields: {', '.join(sorted(known))})")


_REQUIRED: Any = object()


def _typed(item: dict[str, Any], key: str, convert: Callable[[Any], Any], where: str, default: Any = _REQUIRED) -> Any:
    """`item[key]` converted, or `default` when absent; a missing or malformed field is named,
    its value never (it may be sealed text)."""
    if key not in item:
        if default is _REQUIRED:
            raise InvalidPlan(f"{where} is missing the field '{key}'")
        return default
    try:
        return convert(item[key])
    except (TypeError, ValueError, OverflowError) as error:
        raise InvalidPlan(
            f"{where}: the field '{key}' is malformed ({_EXPECTED.get(convert, 'see docs/plan.md')})"
        ) from error


def _numbers(value: Any) -> list[float]:
    numbers = [float(v) for v in value] if isinstance(value, list) else None
    if numbers is None or not all(map(math.isfinite, numbers)):
        raise ValueError("not a list of finite numbers")
    return numbers


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ValueError("not a list")
    return [str(v) for v in value]


_EXPECTED: dict[Any, str] = {
    int: "a whole number", float: "a number", str: "text", list: "a list [...]",
    _numbers: "a list of numbers", _strings: "a list of texts",
}  # fmt: skip


@contextmanager
def _fields_of(where: str) -> Iterator[None]:
    """A missing or malformed field of `where` as InvalidPlan, naming what is wrong, never the
    error's text: that may quote the plan, which holds the sealed text."""
    try:
        yield
    except KeyError as error:
        raise InvalidPlan(f"{where} is missing the field {error}") from error
    except (TypeError, ValueError, AttributeError) as error:
        raise InvalidPlan(f"{where} has a malformed field ({error.__class__.__name__})") from error
