"""Policies: the rules that say what is sensitive, as data (TOML), never as code.

The built-in policy (`policies/default.toml`) covers the personal identifiers
of Fed. R. Civ. P. 5.2 and the categories sealed in port-of-entry cases. A
user policy adds rules, replaces a rule by reusing its id, disables rules and
changes the labels drawn on boxes. The file format is documented in
docs/policy.md.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from redactor.errors import InvalidPolicy
from redactor.pdfio import not_a_file
from redactor.validators import VALIDATORS

SCOPES = ("match", "sentence", "partial")
KEEPS = ("last4", "year", "initials", "city-state")
_POLICY_KEYS = {"name", "label", "extends", "disable"}
BUILT_IN = "built-in policy"  # the name of the default policy among a policy's sources
_RULE_KEYS = {
    "id", "category", "reason", "basis", "patterns", "validators", "context", "context_window",
    "context_required", "unless", "scope", "keep", "score", "review", "label", "case_sensitive",
    "foia", "description", "carries", "unless_window", "columns", "row_context", "born_columns",
}  # fmt: skip


@dataclass(frozen=True)
class Rule:
    """One kind of sensitive text and why it may be sealed."""

    id: str
    category: str
    reason: str  # short reason code, drawn on the box
    basis: str  # one-line legal basis, for the plan and the sealing chart
    patterns: tuple[re.Pattern[str], ...]  # case-insensitive rules: lower-cased, for lower-cased text
    case_sensitive: bool = False
    validators: tuple[str, ...] = ()
    context: re.Pattern[str] | None = None
    context_window: int = 60
    context_required: bool = False
    carries: bool = False  # context carries down a list or table (partial rules always do)
    columns: tuple[str, ...] = ()  # table headers, lower-cased: the patterns match each cell below one, whole
    row_context: re.Pattern[str] | None = None  # with columns: a cell counts only if its row has one of these words
    born_columns: tuple[str, ...] = ()  # with columns: headers of a birth date that, if an adult's, leaves the row
    unless: re.Pattern[str] | None = None
    unless_window: int = 25  # characters before a match where `unless` words are looked for
    scope: str = "match"
    keep: str | None = None
    score: float = 0.8
    review: str = ""
    label: str | None = None
    foia: str = ""
    description: str = ""

    @property
    def box_label(self) -> str:
        return self.label if self.label is not None else self.reason


@dataclass(frozen=True)
class TermSettings:
    """How matches of the user's term list are categorised and explained."""

    category: str = "term"
    reason: str = "TERM"
    basis: str = "compelling reasons: identified in the filer's term list"
    label: str | None = None


@dataclass(frozen=True)
class Policy:
    name: str
    rules: tuple[Rule, ...]
    terms: TermSettings = field(default_factory=TermSettings)
    label: bool = True
    sha256: str = ""
    sources: tuple[str, ...] = ()


def default_policy() -> Policy:
    """The built-in policy."""
    text = resources.files("redactor.policies").joinpath("default.toml").read_text("utf-8")
    return _build(_parse(text, BUILT_IN), BUILT_IN, base=None, raw=text)


def load_policy(path: Path | None) -> Policy:
    """The built-in policy, extended or replaced by the user's policy file at `path`."""
    base = default_policy()
    if path is None:
        return base
    kind = not_a_file(Path(path), pipes=True)
    if kind:
        raise InvalidPolicy(f"policy file {path} is {kind}")
    try:
        text = Path(path).read_text("utf-8-sig")  # Notepad may begin a file with a byte-order mark
    except FileNotFoundError as error:
        raise InvalidPolicy(f"policy file not found: {path}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidPolicy(f"cannot read policy file {path}: {error.__class__.__name__}") from error
    data = _parse(text, str(path))
    header = data.get("policy", {})
    extends = header.get("extends", "default") if isinstance(header, dict) else "default"
    if extends not in ("default", "none"):
        raise InvalidPolicy(f'{path}: [policy] extends must be "default" or "none"')
    return _build(data, str(path), base=base if extends == "default" else None, raw=text)


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidPolicy(f"{where} is not valid TOML: {error}") from error


def _build(data: dict[str, Any], where: str, base: Policy | None, raw: str) -> Policy:
    known = {"policy", "rule", "terms", "disable", "labels"}
    unknown = set(data) - known
    if unknown:
        raise InvalidPolicy(f"{where}: unknown section {sorted(unknown)[0]!r}")
    header = data.get("policy", {})
    if not isinstance(header, dict):
        raise InvalidPolicy(f"{where}: policy must be a [policy] section")
    if not isinstance(header.get("label", True), bool) or not isinstance(header.get("name", ""), str):
        raise InvalidPolicy(f"{where}: [policy] label must be true or false, and name a text")
    unknown = set(header) - _POLICY_KEYS
    if unknown:
        known = ", ".join(sorted(_POLICY_KEYS))
        raise InvalidPolicy(f"{where}: [policy] has an unknown key {sorted(unknown)[0]!r} (known: {known})")
    rules: dict[str, Rule] = {rule.id: rule for rule in base.rules} if base else {}
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise InvalidPolicy(f"{where}: rules must be [[rule]] sections")
    for index, entry in enumerate(entries, start=1):
        rule = _rule(entry, where, index)
        rules[rule.id] = rule
    # Written before any section or inside [policy]: TOML puts a line under the section above it,
    # which a person editing the file does not see.
    disabled = [data.get("disable", []), header.get("disable", [])]
    if not all(isinstance(ids, list) and all(isinstance(x, str) for x in ids) for ids in disabled):
        raise InvalidPolicy(f"{where}: disable must be a list of rule ids")
    disabled = disabled[0] + disabled[1]
    for rule_id in disabled:
        if rule_id not in rules:
            raise InvalidPolicy(f"{where}: disable names unknown rule {rule_id!r}")
        del rules[rule_id]
    labels = data.get("labels", {})
    if not isinstance(labels, dict) or not all(isinstance(text, str) for text in labels.values()):
        raise InvalidPolicy(f'{where}: [labels] must be a table of texts (ssn = "SSN")')
    for key, text in labels.items():
        matched = [r for r in rules.values() if key in (r.id, r.category)]
        if not matched:
            raise InvalidPolicy(f"{where}: labels names unknown rule or category {key!r}")
        for rule in matched:
            rules[rule.id] = replace(rule, label=str(text))
    terms = base.terms if base else TermSettings()
    if "terms" in data:
        allowed = {"category", "reason", "basis", "label"}
        if not isinstance(data["terms"], dict):
            raise InvalidPolicy(f"{where}: terms must be a [terms] section")
        bad = set(data["terms"]) - allowed
        if bad:
            raise InvalidPolicy(f"{where}: [terms] has unknown key {sorted(bad)[0]!r}")
        wrong = sorted(key for key, value in data["terms"].items() if not isinstance(value, str))
        if wrong:
            raise InvalidPolicy(f"{where}: [terms] {wrong[0]} must be a text")
        terms = replace(terms, **data["terms"])
    digest = hashlib.sha256(raw.encode()).hexdigest()
    sources = (base.sources if base else ()) + (where,)
    return Policy(
        name=str(header.get("name", base.name if base else Path(where).stem)),  # never the folder's path
        rules=tuple(rules.values()),
        terms=terms,
        label=bool(header.get("label", base.label if base else True)),
        sha256=digest if base is None else hashlib.sha256((base.sha256 + digest).encode()).hexdigest(),
        sources=sources,
    )


def _rule(entry: dict[str, Any], where: str, index: int) -> Rule:
    rule_id = entry.get("id")
    name = f"{where}: rule {rule_id!r}" if rule_id else f"{where}: rule #{index}"
    try:
        return _checked_rule(entry, name, rule_id)
    except (TypeError, ValueError, AttributeError) as error:  # a value of the wrong kind ("wide" for a number)
        raise InvalidPolicy(f"{name}: a value is of the wrong kind ({error.__class__.__name__})") from error


def _checked_rule(entry: dict[str, Any], name: str, rule_id: Any) -> Rule:
    if not isinstance(rule_id, str) or not rule_id:
        raise InvalidPolicy(f"{name}: every rule needs an id")
    unknown = set(entry) - _RULE_KEYS
    if unknown:
        raise InvalidPolicy(f"{name}: unknown key {sorted(unknown)[0]!r}")
    for key in ("category", "reason", "basis"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise InvalidPolicy(f"{name}: {key} is required")
    patterns = entry.get("patterns")
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise InvalidPolicy(f"{name}: patterns must be a non-empty list of regular expressions")
    case_sensitive = bool(entry.get("case_sensitive", False))
    compiled = []
    for number, pattern in enumerate(patterns, start=1):
        try:
            compiled.append(re.compile(pattern if case_sensitive else lowercase_pattern(pattern)))
        except re.error as error:
            raise InvalidPolicy(f"{name}: pattern {number} is not a valid regular expression ({error})") from error
    validators = entry.get("validators", ())
    if isinstance(validators, str) or not all(isinstance(v, str) for v in validators):
        raise InvalidPolicy(f'{name}: validators must be a list of names (validators = ["luhn"])')
    validators = tuple(validators)
    for validator in validators:
        if validator not in VALIDATORS:
            raise InvalidPolicy(f"{name}: unknown validator {validator!r} (known: {', '.join(VALIDATORS)})")
    scope = entry.get("scope", "match")
    if scope not in SCOPES:
        raise InvalidPolicy(f"{name}: scope must be one of {', '.join(SCOPES)}")
    keep = entry.get("keep")
    if scope == "partial" and keep not in KEEPS:
        raise InvalidPolicy(f"{name}: a partial rule needs keep = one of {', '.join(KEEPS)}")
    if "columns" in entry and scope == "sentence":
        raise InvalidPolicy(f"{name}: a rule with columns takes each cell whole: its scope must be match or partial")
    for key in ("row_context", "born_columns"):
        if key in entry and "columns" not in entry:
            raise InvalidPolicy(f"{name}: {key} is for a rule with columns")
    score = entry.get("score", 0.8)
    if not isinstance(score, (int, float)) or not 0 <= score <= 1:
        raise InvalidPolicy(f"{name}: score must be a number between 0 and 1")
    return Rule(
        id=rule_id,
        category=entry["category"],
        reason=entry["reason"],
        basis=entry["basis"],
        patterns=tuple(compiled),
        case_sensitive=case_sensitive,
        validators=validators,
        context=_words(entry.get("context"), name, "context"),
        context_window=int(entry.get("context_window", 60)),
        context_required=bool(entry.get("context_required", False)),
        carries=bool(entry.get("carries", False)),
        columns=_headers(entry.get("columns"), name),
        row_context=_words(entry.get("row_context"), name, "row_context"),
        born_columns=_headers(entry.get("born_columns"), name, "born_columns"),
        unless=_words(entry.get("unless"), name, "unless"),
        unless_window=_window(entry.get("unless_window", 25), name),
        scope=scope,
        keep=keep if scope == "partial" else None,
        score=float(score),
        review=str(entry.get("review", "")),
        label=entry.get("label"),
        foia=str(entry.get("foia", "")),
        description=str(entry.get("description", "")),
    )


def lowercase_pattern(pattern: str) -> str:
    """`pattern` for lower-cased text: its letters lower-cased, escapes and group syntax kept.

    Case-insensitive rules run this way over a lower-cased copy of the document, because
    Python's regular expressions skip ahead by a pattern's first characters only when the
    pattern is case-sensitive: the whole policy runs about twice as fast."""
    out = []
    index = 0
    while index < len(pattern):
        if pattern[index] == "\\":
            out.append(pattern[index : index + 2])
            index += 2
        elif pattern.startswith("(?P", index):
            out.append("(?P")
            index += 3
        else:
            out.append(pattern[index].lower())
            index += 1
    return "".join(out)


def _window(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 300:
        raise InvalidPolicy(f"{name}: unless_window must be a whole number of characters from 0 to 300")
    return value


def _words(words: Any, name: str, key: str) -> re.Pattern[str] | None:
    """Context words as one case-insensitive pattern matching any of them as whole words."""
    if words is None:
        return None
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise InvalidPolicy(f"{name}: {key} must be a list of words or phrases")
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _headers(headers: Any, name: str, key: str = "columns") -> tuple[str, ...]:
    """A column rule's headers, lower-cased (they are looked for in lower-cased text)."""
    if headers is None:
        return ()
    if not isinstance(headers, list) or not all(isinstance(h, str) and h.strip() for h in headers):
        raise InvalidPolicy(f"{name}: {key} must be a list of table headers")
    return tuple(" ".join(h.lower().split()) for h in headers)
