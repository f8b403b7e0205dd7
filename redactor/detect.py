"""Find sensitive spans in a document's flow string with a policy's rules and the user's terms.

Each rule's patterns run over the whole flow string (so matches cross line and
page breaks), validators weed out look-alikes, context words decide or boost,
and the rule's scope widens the match to its sentence or narrows it to what
Fed. R. Civ. P. 5.2 requires to be removed. The result is a list of findings:
flow offsets to cut, with the reasons a reviewer needs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from redactor.columns import Cell, Columns, is_header
from redactor.fold import Folded, fold, fold_text
from redactor.policy import Policy, Rule, TermSettings
from redactor.quickmatch import matches
from redactor.textmodel import DocumentText, Word, lowered
from redactor.validators import VALIDATORS, adult_birth_date, minor_birth_date

# Context words raise a rule's score by this much (capped at 1.0).
CONTEXT_BOOST = 0.15
# How far after a finding a match without context words may stand and still continue its list.
LIST_REACH = 300
# A sentence is not widened beyond this many characters either side of the match.
SENTENCE_LIMIT = 600

_ABBREVIATIONS = {
    "no", "nos", "inc", "co", "corp", "ltd", "llc", "v", "vs", "mr", "mrs", "ms", "dr", "st", "ave",
    "fed", "civ", "crim", "p", "r", "cir", "f", "supp", "e.g", "i.e", "al", "doc", "dkt", "ex",
    "decl", "id", "cal", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mut", "auto", "ins", "assn", "dep't", "u.s", "u.s.c", "c.f.r", "s.d",
    "n.d", "c.d", "e.d", "app", "rev", "stat", "cong", "reg", "sec", "art", "para", "pp", "ct",
    "jr", "sr", "sgt", "lt", "capt", "cpl", "col", "maj", "gen", "det", "ofc", "supv", "hon", "esq",
    "rep", "sen", "gov", "prof", "messrs", "blvd", "apt", "ste", "dept", "div", "agt", "insp",
    "est", "yr", "yrs", "qty", "ext",  # a table header: "Est. Hours", "Option Yr. 2", "Qty."
}  # fmt: skip
# A blank line, or a line that starts with a footnote's mark ("[1] Installation of ..."), starts a
# sentence whatever ends the line before it: a footnote after the signature block took the
# declarant's name and title with it (seventh review).
# So does a line of an e-mail's header ("From:", "Sent:", "Subject:", quoted with ">" or not), an
# empty quoted line (">"), and a rule drawn under a table's header ("-----"): an exhibit's e-mail
# thread or scan report has no sentence ends there, and a sentence rule that fired in a subject
# line took the From, Sent and To lines above it (eighth review).
_PARAGRAPH = re.compile(
    r"\n[^\S\n]*(?=\n|\[\d{1,3}\][^\S\n]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+[^\S\n]"
    r"|(?:From|Sent|To|Cc|Bcc|Subject|Date):[^\S\n]|[-_=]{5,}[^\S\n]*\n)"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
# After a period, a word in lower case (on the next line, perhaps after a pleading line number).
_NEXT_WORD = re.compile(r"[\"'”’)\]]*(?:[^\S\n]+|[^\S\n]*\n(?:\d{1,2}[^\S\n]+)?)[a-z]")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_SHORT_YEAR = re.compile(r"(?<=[/.-])\d{2}$")  # "87" ending "03/03/87", when there is no "1987"
_NAME_TOKEN = re.compile(r"[A-Z](?:[a-z]+|[A-Z]+)")  # "Ana", "ANA": a minor's initial is the first letter
_ALNUM = re.compile(r"[^\W_]+")
# Values with fewer letters and digits than this are not looked for elsewhere ("46" would be everywhere).
MIN_REPEAT = 4
MIN_TERM = 2  # letters and digits of a term of the user's list
# Nor are numbers of this many digits or fewer in all, alone or joined by these words: elsewhere a
# count ("2019 sensors") or a range ("lanes 1 through 13") is a year, a pin cite or a list of exhibits.
SHORT_NUMBER = 4
# What may stand between a value's letters and digits where it is found again: punctuation and
# spaces, and a pleading line number that reading left at a line break ("Gianna\n3 Bryant").
_BETWEEN_TOKENS = r"[\W_]*(?:\n\d{1,2}[^\S\n][\W_]*)?"
_SIGN = re.compile(r"[^\w\s,.\-–—]")  # anything but a letter, digit, space, comma, period or dash
_LIST_GAP = re.compile(r"[\s,;|()]{0,12}")  # between two lines of a list: no word, no sentence end
_CELL_GAP = re.compile(r"[^\w.!?]*")  # between two cells of a table's row: no word, no sentence end
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]")
COLUMN_CELL = "a cell of the column headed"  # how a column rule's finding is explained
TABLE_PROSE = 3  # words in lower case a table's row may hold between two of its cells
_JOINING_WORDS = frozenset({"to", "through", "thru", "and", "or", "of", "the", "all", "its"})


@dataclass(slots=True)
class Finding:
    """One thing to redact: where, and why."""

    rule: str
    category: str
    reason: str
    basis: str
    label: str
    scope: str
    start: int  # the whole span the rule is about (a sentence, or the matched value)
    end: int
    cuts: list[tuple[int, int]]  # the parts actually removed
    score: float
    source: str = "rule"  # "rule", "term" or "repeat" (the same value found again without its context)
    review: str = ""
    foia: str = ""
    explanation: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Carried:
    """A value redacted somewhere, to be redacted wherever else it appears: `finding`'s offsets
    are relative to `value`. `origin` names the other document of a filing it came from."""

    value: str
    finding: Finding
    origin: str = ""


def carry(text: str, finding: Finding, origin: str = "") -> Carried:
    """The value of `finding` in `text`, detached from `text`."""
    start = finding.start
    value = text[start : finding.end]
    moved = replace(finding, start=0, end=len(value), cuts=[(lo - start, hi - start) for lo, hi in finding.cuts])
    return Carried(value, moved, origin)


def detect(
    document: DocumentText,
    policy: Policy,
    terms: Iterable[str] = (),
    elsewhere: Iterable[Carried] = (),
    marked: Iterable[str] = (),
) -> list[Finding]:
    """All findings of `policy` and `terms` in `document`, overlaps resolved, and every repeat of
    a value found, in this document or (`elsewhere`) in another document of the same filing.
    `marked`: the text of redaction marks another tool left in the input (`redactor.marks`),
    looked for everywhere like terms."""
    folded = fold(document.text)
    text = _QUOTE_MARKS.sub(_blanked, folded.text)
    body_end = folded.folded(document.body_end)
    lowered_text = lowered(text)
    findings: list[Finding] = []
    shown_public: set[tuple[str, str]] = set()
    columns = Columns(document, list(policy.rules))
    bounds = _TableBounds(document, folded, columns)
    for rule in policy.rules:
        if not rule.columns:
            findings.extend(_rule_findings(text, lowered_text, body_end, rule, shown_public, bounds))
    findings.extend(_column_findings(columns, folded, text))
    findings.extend(_term_findings(lowered_text, terms, policy.terms, "term"))
    searchable = [text for text in marked if sum(map(len, _ALNUM.findall(text))) >= MIN_REPEAT]
    findings.extend(_term_findings(lowered_text, searchable, MARKED, "marked"))
    found = _without_values_shown_public(text, findings, shown_public)
    findings = _resolve_overlaps(found)
    # A value inside a sentence another rule takes whole is looked for elsewhere too: "The core switch
    # SY-SW-CORE1 accepts Telnet ..." went with its sentence, and "Telnet on SY-SW-CORE1 will be
    # disabled" on the next page stayed (detect18 review). The findings kept come first: a value two
    # rules found is repeated as the one kept names it.
    kept = {id(finding) for finding in findings}
    extra = [finding for finding in found if id(finding) not in kept]
    carried = [carry(text, finding) for finding in findings + extra if finding.scope != "sentence"]
    carried += [c for c in elsewhere if c.finding.scope != "sentence"]
    findings = _resolve_overlaps(findings + list(_repeats(text, findings, carried)))
    findings = _resolve_overlaps(findings + list(_given_names(text, findings, carried)))
    return [_unfolded(finding, folded) for finding in findings]


# The marks of a quoted e-mail reply at a line's start ("> svcsentinel / Sentinel#2019"): read as
# spaces, so that a value or a sentence continues across the quoted line break (eighth review).
_QUOTE_MARKS = re.compile(r"^>(?:[^\S\n]?>)*(?=[^\S\n]|$)", re.MULTILINE)


def _blanked(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _without_values_shown_public(
    text: str, findings: list[Finding], shown_public: set[tuple[str, str]]
) -> list[Finding]:
    """Findings less those whose value the same rule matched elsewhere in the document and left
    there because its `unless` words say it is public (`shown_public`, from `_rule_findings`):
    an office number written in prose was found as a personal phone, and its repeats then took
    it from the caption's "Tel.:" line, which the rule had left (sixth review, 2026-11-26).
    Repeats cannot keep one place and redact another (verification holds the whole file to a
    value), so the value stays public everywhere. Only a match of the same rule counts: the
    digits of "7,500 hours" near "damages" once took "$7,500" off (code review, 2026-11-26)."""
    if not shown_public:
        return findings
    return [
        finding
        for finding in findings
        if finding.source != "rule"
        or finding.scope == "sentence"
        or not any(
            (finding.rule, key) in shown_public
            for key in _public_keys(finding.category, text[finding.start : finding.end])
        )
    ]


def _value_key(value: str) -> str:
    """A value as repeats are matched: its letters and digits, in lower case."""
    return "".join(_ALNUM.findall(value)).lower()


# Domains anyone may hold an address at: one of them left public (a solo lawyer's) says nothing of the others.
_SHARED_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "aol.com", "hotmail.com", "outlook.com", "live.com",
    "msn.com", "icloud.com", "me.com", "mac.com", "comcast.net", "att.net", "sbcglobal.net", "verizon.net",
    "cox.net", "charter.net", "earthlink.net", "protonmail.com", "proton.me", "gmx.com", "mail.com", "zoho.com",
    "yahoo.com.mx", "hotmail.es", "prodigy.net.mx",
})  # fmt: skip


def _public_keys(category: str, value: str) -> list[str]:
    """The keys under which a value an `unless` word left public stays public elsewhere: its own
    (`_value_key`), and for an e-mail address its domain too, unless anyone may hold one there.
    Counsel's block lists a firm's addresses under its "Telephone:" line, and an ECF notice list
    or an e-mail header then gives the same firm's addresses after each lawyer's name, with no
    label (precision review: 63 counsel addresses in one filing's notice list were taken)."""
    keys = [_value_key(value)]
    if category == "email" and "@" in value:
        domain = value.rsplit("@", 1)[1].strip().lower().rstrip(".")
        if domain and domain not in _SHARED_MAIL:
            keys.append("@" + domain)
    return keys


def findings_in(text: str, policy: Policy, terms: Iterable[str] = ()) -> list[Finding]:
    """The findings in a loose string that is not page text: a bookmark title, where a link
    leads, a page label."""
    return detect(DocumentText(text=text, words=[], page_count=0, body_end=len(text)), policy, terms)


def _unfolded(finding: Finding, folded: Folded) -> Finding:
    """`finding` with the offsets of the document's own text, not of its folded copy."""
    if folded.unchanged:
        return finding
    start, end = folded.original_span(finding.start, finding.end)
    cuts = [folded.original_span(lo, hi) for lo, hi in finding.cuts]
    return replace(finding, start=start, end=end, cuts=cuts)


def _rule_findings(
    text: str,
    lowered: str,
    body_end: int,
    rule: Rule,
    shown_public: set[tuple[str, str]],
    bounds: _TableBounds | None = None,
) -> Iterator[Finding]:
    """The matches of `rule`; each value its `unless` words leave is added to `shown_public`."""
    searched = text if rule.case_sensitive else lowered
    for number, pattern in enumerate(rule.patterns, start=1):
        previous = -1  # where the last finding of this pattern ended
        public = -1  # where the last match of this pattern its `unless` words left public ended
        matched = 0  # where the last match of this pattern ended: an `unless` word before it is that match's
        for match in matches(pattern, searched):
            unless_from, matched = max(0, match.start() - rule.unless_window, matched), match.end()
            has_value = "value" in pattern.groupindex and match.group("value") is not None
            start, end = match.span("value") if has_value else match.span()
            value = text[start:end]
            if not value.strip():
                continue
            if not all(VALIDATORS[name](value) for name in rule.validators):
                continue
            if "born" in pattern.groupindex and match.group("born") is not None:
                if not minor_birth_date(text[match.start("born") : match.end("born")]):
                    continue  # a name before a birth date is a minor's only if the date is
            # An `unless` word speaks for the next value only: "my office number is (619) 555-0100,
            # and my cell is (619) 555-0143" left the cell public too once the window grew to 60.
            if rule.unless and (
                rule.unless.search(text, unless_from, match.end()) or _same_column(text, public, match.start())
            ):
                public = match.end()
                if looked_for_elsewhere(rule.category, value):
                    shown_public.update((rule.id, key) for key in _public_keys(rule.category, value))
                continue
            score = rule.score
            explanation = [f"pattern {number} of rule {rule.id}"]
            if rule.context is not None:
                hit = _context_word(text, rule, start, end)
                if hit:
                    score = min(1.0, score + CONTEXT_BOOST)
                    explanation.append(f"context word {hit.group(0).lower()!r} nearby")
                elif rule.context_required:
                    # Identifiers of Rule 5.2 (partial scope: only what the rule requires is cut)
                    # are looked for down a list; other rules only when they say so (`carries`),
                    # as a price list's amounts may be public figures.
                    if rule.scope == "partial" and _same_list(text, previous, start):
                        explanation.append("a later line of the same list or table as the finding before it")
                    elif rule.carries and rule.scope != "sentence" and _same_table(text, previous, start):
                        explanation.append("the same table as the finding before it, and no sentence end between")
                    else:
                        continue
            cuts = _cuts(text, body_end, rule, match, start, end, bounds)
            if not cuts:
                continue
            if rule.scope == "sentence":
                start, end = cuts[0]
            previous = end
            yield _finding(rule, start, end, cuts, round(score, 2), explanation)


def _column_findings(columns: Columns, folded: Folded, text: str) -> Iterator[Finding]:
    """The cells under column rules' headers that one of the rule's patterns matches whole, and
    its validators and its row (`_row_says`) accept (offsets of the folded text `text`, as other
    findings'). Cells are matched as written, with typographic variants folded."""
    for rule, cell in columns.cells():
        value = fold_text(" ".join(word.text for word in cell.words))
        searched = value if rule.case_sensitive else value.lower()
        if not any(pattern.fullmatch(searched) for pattern in rule.patterns):
            continue
        if not all(VALIDATORS[name](value) for name in rule.validators):
            continue
        said = _row_says(rule, cell)
        if said is None:
            continue
        words = sorted((folded.folded(w.start), folded.folded(w.start + w.flow_len)) for w in cell.words)
        cuts = _joined(text, words)
        if rule.scope == "partial":  # what the rule keeps, of the cell's words only
            kept = _partial(text, words[0][0], words[-1][1], rule.keep or "", None)
            cuts = [(max(a, c), min(b, d)) for a, b in words for c, d in kept if max(a, c) < min(b, d)] or words
        explanation = [f"{COLUMN_CELL} {cell.header!r} (rule {rule.id})", *said]
        yield _finding(rule, words[0][0], words[-1][1], cuts, rule.score, explanation)


def _joined(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A cell's words as one cut a line: cut word by word, each word was a value of its own, which
    verification then looked for across the file, and a scan report whose "Weakness" cell said "NVR
    firmware RCE" or whose version cell said "5.5.0 build 170725" was refused for the words "firmware"
    and "build" in its plugin output (detect18 review). The cell is the value, as repeats read it."""
    joined: list[tuple[int, int]] = []
    for start, end in words:
        if joined and not text[joined[-1][1] : start].strip(" \t"):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _finding(
    rule: Rule, start: int, end: int, cuts: list[tuple[int, int]], score: float, explanation: list[str]
) -> Finding:
    return Finding(
        rule=rule.id,
        category=rule.category,
        reason=rule.reason,
        basis=rule.basis,
        label=rule.box_label,
        scope=rule.scope,
        start=start,
        end=end,
        cuts=cuts,
        score=score,
        review=rule.review,
        foia=rule.foia,
        explanation=explanation,
    )


def _row_says(rule: Rule, cell: Cell) -> list[str] | None:
    """Why the row lets `cell` count (for the reviewer), or None: a rule with `row_context` needs
    one of its words in another cell of the row ("Son" under "Relation"; "PTZ camera" in a price
    schedule's description, as an office-supplies invoice has "Qty" too), and a rule with
    `born_columns` leaves a row whose birth date there is an adult's (a son of 30), and takes a
    row whose birth date there is a minor's, whatever else it says (a niece of 12: Rule 5.2(a)(3)
    covers every minor, not children only)."""
    if rule.row_context is None:
        return []
    born = [other for header, other in cell.row if is_header(header, rule.born_columns)]
    hit = next((m for _, other in cell.row if (m := rule.row_context.search(other))), None)
    if hit is None:
        return ["the row's birth date is a minor's"] if any(minor_birth_date(date) for date in born) else None
    if any(adult_birth_date(date) for date in born):
        return None
    return [f"the row says {hit.group(0)!r}"]


def _context_word(text: str, rule: Rule, start: int, end: int) -> re.Match[str] | None:
    """The first of `rule`'s context words within its window of the match and in the same
    sentence: a word in the sentence before is about something else."""
    assert rule.context is not None
    for hit in rule.context.finditer(text, max(0, start - rule.context_window), end + rule.context_window):
        lo, hi = (hit.end(), start) if hit.end() <= start else (end, hit.start())
        if not any(_ends_sentence(text, m.start()) for m in _SENTENCE_END.finditer(text, lo, hi)):
            return hit
    return None


def _same_column(text: str, public: int, start: int) -> bool:
    """Whether a match at `start` continues a list that the rule's `unless` words head, whose last
    match ended at `public`: only spaces, line breaks, brackets and list punctuation between
    ("Email:\ngreg.andres@davispolk.com\nantonio.perez@davispolk.com", "Telephone: 415/288-4545\n
    415/288-4534 (fax)"). A counsel block's label stands before its first line only (precision review)."""
    return 0 <= public < start and _LIST_GAP.fullmatch(text, public, start) is not None


def _same_list(text: str, previous: int, start: int) -> bool:
    """Whether a match at `start` continues a list or table whose last finding of the same rule
    and pattern ended at `previous`: on a later line, close by, and no sentence ending between
    them. A table's header ("Date of Birth") is the context of its first row only; the rows
    below it carry it down."""
    return (
        0 <= previous < start <= previous + LIST_REACH
        and "\n" in text[previous:start]
        and not any(_ends_sentence(text, m.start()) for m in _SENTENCE_END.finditer(text, previous, start))
    )


def _same_table(text: str, previous: int, start: int) -> bool:
    """Whether a match at `start` continues the table whose last finding of the same rule and
    pattern ended at `previous`: the next cell of the same row, with nothing but spaces and
    punctuation between ("$214.60   $220.97"), or a later line (`_same_list`) with no more than
    a few words in lower case between (a row's label, "Field Installation Technician"), since
    prose runs on to the next line too. A table's header ("Labor Category ... Option Yr 2") is
    the context of its first cell only (seventh review)."""
    if not 0 <= previous < start <= previous + LIST_REACH:
        return False
    if _CELL_GAP.fullmatch(text, previous, start):
        return True
    return _same_list(text, previous, start) and len(_LOWER_WORD.findall(text, previous, start)) <= TABLE_PROSE


def _cuts(
    text: str, body_end: int, rule: Rule, match: re.Match[str], start: int, end: int, bounds: _TableBounds | None
) -> list[tuple[int, int]]:
    if rule.scope == "sentence":
        sentence = bounds(text, start, end, body_end) if bounds else sentence_bounds(text, start, end, body_end)
        return [_before_a_record_reference(text, sentence, end)] if sentence is not None else []
    if rule.scope == "partial":
        keep_span = match.span("keep") if "keep" in match.re.groupindex and match.group("keep") else None
        return _partial(text, start, end, rule.keep or "", keep_span)
    return [(start, end)]


# A reference to the record in brackets: "(ECF No. 41-2, ¶ 6)", "(Dkt. 57 at 4)", "(Fortunato Decl. ¶ 9)".
_RECORD_REFERENCE = re.compile(
    r"\((?:(?:ECF|Dkt\.?|Doc\.|Docket|D\.E\.)(?:[^\S\n]+(?:No|Nos)\.)?[^\S\n]*#?[^\S\n]*\d{1,5}(?:-\d{1,3})?"
    r"|(?:[A-Z][\w\x27’-]*[^\S\n]+){0,2}(?:Decl\.|Declaration|Dep\.|Tr\.|Ex\.|Exhibit)(?:[^\S\n]+[A-Z0-9]{1,3})?)"
    r"(?:,?[^\S\n]*(?:at|¶¶?|p\.|pp\.|PageID\.?)[^\S\n]*\d{1,6}(?:[^\S\n]*[-–][^\S\n]*\d{1,6})?)?\)"
    r"(?=[\s.;,:\"”’)]*$)"
)


def _before_a_record_reference(text: str, sentence: tuple[int, int], end: int) -> tuple[int, int]:
    """The sentence less a reference to the record that ends it, which is public: "... do not record
    at night (Dkt. 57 at 4)." took the reference (the reviews' lists). Only at the sentence's end, after
    the match, so that the cut stays one piece (a piece of a sentence is held to the whole file, and a
    clause such as "As I explained in my earlier declaration" may stand elsewhere too)."""
    lo, hi = sentence
    reference = _RECORD_REFERENCE.search(text[lo:hi])
    if reference is None or lo + reference.start() < end:
        return sentence
    cut = lo + reference.start()
    while cut > lo and text[cut - 1].isspace():
        cut -= 1
    return (lo, cut) if cut > lo else sentence


def _partial(text: str, start: int, end: int, keep: str, keep_span: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The parts of a value that Fed. R. Civ. P. 5.2 (or Crim. P. 49.1) does not let stay."""
    value = text[start:end]
    if keep == "last4":
        digits = [i for i, c in enumerate(value) if c.isdigit()]
        if len(digits) <= 4:
            return [(start, end)]
        return _trimmed(text, [(start, start + digits[-4])])
    if keep == "year":
        years = list(_YEAR.finditer(value)) or list(_SHORT_YEAR.finditer(value))
        if not years:
            return [(start, end)]
        year = years[-1]
        return _trimmed(text, [(start, start + year.start()), (start + year.end(), end)])
    if keep == "initials":
        return _trimmed(text, [(start + m.start() + 1, start + m.end()) for m in _NAME_TOKEN.finditer(value)])
    if keep == "city-state" and keep_span:
        return _trimmed(text, [(start, keep_span[0]), (keep_span[1], end)])
    return [(start, end)]


def _trimmed(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges without surrounding spaces and separators, empty ones dropped."""
    result = []
    for lo, hi in ranges:
        while lo < hi and text[lo] in " \n,;":
            lo += 1
        while hi > lo and text[hi - 1] in " \n":
            hi -= 1
        if hi > lo:
            result.append((lo, hi))
    return result


class _TableBounds:
    """The sentence around a match, as a table has it. A table's rows have no sentence ends: a
    word of a sentence rule in a cell ("Unpatched", "Offline", a header "Coverage gaps") took the
    page from its caption through the whole table, and a sentence below a table ran back up
    through it ("All three accounts were disabled" took the accounts table; table review). A match
    within a table's cells takes those cells; a sentence outside stops where a table's row
    starts or ends. A match that is a column rule's header alone takes nothing (None): "Coverage
    gaps" names what the cells below hold, and was taken (detect19 review). Only tables under a
    column rule's header count (`Columns.table_cell`): a justified transcript spreads its words
    into what looks like cells."""

    def __init__(self, document: DocumentText, folded: Folded, columns: Columns) -> None:
        self.document, self.folded, self.columns = document, folded, columns

    def __call__(self, text: str, start: int, end: int, body_end: int) -> tuple[int, int] | None:
        lo, hi = sentence_bounds(text, start, end, body_end)
        if not self.document.words or start >= body_end:
            return lo, hi
        folded, columns = self.folded, self.columns
        matched = self._words(start, end)
        if matched and all(columns.is_header(word) for word in matched):
            return None  # a column's header ("Coverage gaps") names what the cells below hold, and stays
        cells = [columns.table_cell(word) for word in matched]
        if matched and all(cells):
            words = [word for cell in cells if cell for word in cell]
            first = min(word.start for word in words)
            last = max(word.start + word.flow_len for word in words)
            return min(folded.folded(first), start), max(folded.folded(last - 1) + 1, end)
        before = [word for word in self._words(lo, start) if columns.table_cell(word)]
        if before:
            lo = max(lo, folded.folded(before[-1].start + before[-1].flow_len - 1) + 1)
            while lo < start and text[lo].isspace():
                lo += 1
        after = [word for word in self._words(end, hi) if columns.table_cell(word)]
        if after:
            hi = min(hi, folded.folded(after[0].start))
            while hi > end and text[hi - 1].isspace():
                hi -= 1
        return lo, hi

    def _words(self, start: int, end: int) -> list[Word]:
        """The document's words within folded offsets [start, end)."""
        if end <= start:
            return []
        lo, hi = self.folded.original_span(start, end)
        return [word for word, _, _ in self.document.words_between(lo, hi)]


def sentence_bounds(text: str, start: int, end: int, body_end: int) -> tuple[int, int]:
    """The sentence around [start, end): from after the previous sentence end to the next one."""
    floor = 0 if start < body_end else text.rfind("\n\n", 0, start) + 2
    ceiling = body_end if start < body_end else len(text)
    left = max(floor, start - SENTENCE_LIMIT)
    sentence_start = left
    for boundary in _SENTENCE_END.finditer(text, left, start):
        if _ends_sentence(text, boundary.start()):
            sentence_start = boundary.end()
    for boundary in _PARAGRAPH.finditer(text, sentence_start, start):
        sentence_start = boundary.end()
        while sentence_start < start and text[sentence_start].isspace():
            sentence_start += 1
    sentence_start = _past_headings(text, sentence_start, start)
    right = min(ceiling, end + SENTENCE_LIMIT)
    paragraph = _PARAGRAPH.search(text, end, right)
    right = paragraph.start() if paragraph else right
    sentence_end = right
    for boundary in _SENTENCE_END.finditer(text, max(end - 1, 0), right):
        if _ends_sentence(text, boundary.start()):
            sentence_end = boundary.start() + 1
            break
    else:
        tail = text.rfind(".", end, right)
        sentence_end = tail + 1 if tail >= 0 else right
    return sentence_start, sentence_end


# A heading on a line of its own ("REMEDIATION", "4. LESSONS LEARNED"): capitals, no sentence end, and the next
# line starts a sentence in capitals and lower case ("The NVRs will be replaced ...").
_HEADING = re.compile(
    r"[^\S\n]*(?:\d{1,2}[^\S\n]+)?(?:(?:\d{1,2}|[IVX]{1,4}|[A-H])\.[^\S\n]+)?(?=[^\n]*[A-Z]{2})[^a-z\n.!?;:]{2,80}\n"
    r"(?=[^\S\n]*(?:\d{1,2}[^\S\n]+)?(?:(?:\d{1,3}\.|\(?[a-z0-9]\))[^\S\n]+)?[A-Z][a-z])"
)


def _past_headings(text: str, start: int, match_start: int) -> int:
    """`start` moved past the headings that begin the sentence before the match at `match_start`: a
    heading is public ("REMEDIATION" above "The NVRs will be replaced ... by March 31, 2026" was
    taken with its sentence; detect19 review). A match that starts in a heading keeps it: part of
    what the rule found would stay."""
    while (heading := _HEADING.match(text, start)) is not None and heading.end() <= match_start:
        start = heading.end()
    return start


def _ends_sentence(text: str, period: int) -> bool:
    """False for the period of an abbreviation ("No.", "U.S.", "v.") or an initial ("A.")."""
    if text[period] != ".":
        return True
    word_start = period
    while word_start > 0 and not text[word_start - 1].isspace() and text[word_start - 1] not in '("“':
        word_start -= 1
    word = text[word_start:period].lower()
    if ("." in word or len(word) <= 3) and _NEXT_WORD.match(text, period + 1):
        return False  # an abbreviation mid-sentence: "2:00 a.m. and 5:00 a.m.", "etc. and" (not OCR's "correct. pedestrian")
    if not word or word.isdigit():
        return True  # "158." ends a sentence; a paragraph number "3." starts one
    return word not in _ABBREVIATIONS and not (len(word) == 1 and word.isalpha())


# How the text of a redaction mark is reported where it is found again (see `redactor.marks`).
MARKED = TermSettings(
    category="marked",
    reason="MARKED",
    basis="text marked for redaction elsewhere in the input file",
    label="REDACTED",
)
_EXPLANATIONS = {"term": "user term list", "marked": "the text of a redaction mark in the input, found again here"}


def _term_findings(lowered: str, terms: Iterable[str], settings: TermSettings, source: str) -> Iterator[Finding]:
    for term in terms:
        pattern = term_pattern(term)
        if pattern is None:
            continue
        for match in pattern.finditer(lowered):
            yield Finding(
                rule=source,
                category=settings.category,
                reason=settings.reason,
                basis=settings.basis,
                label=settings.label if settings.label is not None else settings.reason,
                scope="match",
                start=match.start(),
                end=match.end(),
                cuts=[match.span()],
                score=1.0,
                source=source,
                explanation=[_EXPLANATIONS[source]],
            )


def term_pattern(term: str) -> re.Pattern[str] | None:
    """A term as a pattern for lower-cased text that allows any line break or spacing between its words."""
    tokens = lowered(fold_text(term)).split()
    if not tokens:
        return None
    # A hyphen may have been taken for a line-end hyphenation and healed away ("self-|checkout"
    # reads "selfcheckout"), or kept with the line break after it.
    body = r"\s+".join(re.escape(token).replace(r"\-", r"(?:-\s*)?") for token in tokens)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def value_pattern(value: str, ignore_case: bool = True, shortest: int = MIN_REPEAT) -> re.Pattern[str] | None:
    """`value` whatever separates its letters and digits (spaces, line breaks, punctuation or
    nothing), in any case; None for values too short to look for alone (fewer than `shortest`
    letters and digits; which values are looked for is `looked_for_elsewhere`). With `ignore_case`
    False, the pattern is lower case, for lower-cased text (much faster). Use `find_value` to
    search with it: the pattern leaves the check of the word boundary before it to that, since a
    leading look-behind keeps Python from skipping ahead to the first letter."""
    tokens = _ALNUM.findall(value if ignore_case else value.lower())
    if sum(len(t) for t in tokens) < shortest:
        return None
    body = _BETWEEN_TOKENS.join(re.escape(t) for t in tokens)
    # A value ending in a digit may run into a footnote mark ("May 14, 2021" + "1"): only a
    # following letter makes it another word.
    end = r"(?![^\W\d_])" if tokens[-1][-1].isdigit() else r"(?![^\W_])"
    return re.compile(rf"{body}{end}", re.IGNORECASE if ignore_case else 0)


def find_value(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of a `value_pattern` that start a word."""
    for match in pattern.finditer(text):
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() and text[start].isalnum()):
            yield match


def _repeats(text: str, findings: list[Finding], carried: list[Carried]) -> Iterator[Finding]:
    """Every other place a redacted value appears, redacted the same way: a birth date or an
    account number found once with its context words is just as sensitive where it stands alone,
    in this document or in another document of the filing."""
    lowered = text.lower() if len(text.lower()) == len(text) else None
    taken = sorted((f.start, f.end) for f in findings)
    starts = [start for start, _ in taken]
    done: set[str] = set()
    for item in carried:
        value = fold_text(item.value)  # a value carried from another document may not be folded yet
        if not looked_for_elsewhere(item.finding.category, value):
            continue
        key = "".join(_ALNUM.findall(value)).lower()
        pattern = value_pattern(value, ignore_case=lowered is None) if key not in done else None
        if pattern is None:
            continue
        done.add(key)
        note = (
            f"same value as a redaction in {item.origin}"
            if item.origin
            else "same value as another redaction in the document"
        )
        for match in find_value(pattern, lowered if lowered is not None else text):
            index = bisect_right(starts, match.start()) - 1
            if (
                index >= 0
                and taken[index][1] > match.start()
                or (index + 1 < len(taken) and taken[index + 1][0] < match.end())
            ):
                continue  # already part of a finding
            yield replace(
                item.finding,
                start=match.start(),
                end=match.end(),
                cuts=_moved_cuts(item.finding, match),
                source="repeat" if not item.origin else "filing",
                explanation=[*item.finding.explanation, note],
            )


_GIVEN_NAME = re.compile(r"[A-Z][a-z]{2,}|[A-Z]{3,}(?![a-z])")
# Given names that are also words of a date ("May 12", "on Monday"): never looked for alone.
_NOT_GIVEN_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_WORD_BEFORE = re.compile(r"([^\W_]+)[^\S\n]*\n?(?:\d{1,2}[^\S\n]+)?[^\S\n]*$")
_WORD_AFTER = re.compile(r"[^\S\n]*\n?(?:\d{1,2}[^\S\n]+)?[^\S\n]*([^\W_]+)")


def _given_names(text: str, findings: list[Finding], carried: list[Carried]) -> Iterator[Finding]:
    """A minor's given name where it stands alone ("Josué is now 15", "my son Josué had to join
    them", "Génesis and Ángel go to Bayside"), once a rule found the child: a declaration names a
    child in full once, then by the first name. Only where no word in capitals or a number stands
    next to it, with nothing but spaces between: "San Diego", a parent's "Diego Ruiz" in the
    caption and "May 12" stay (ninth review). Not held to the whole output by verification: a
    single name may be a place's or an adult's elsewhere."""
    taken = sorted((f.start, f.end) for f in findings)
    starts = [start for start, _ in taken]
    done: set[str] = set()
    for item in carried:
        if item.finding.category != "minor-name":
            continue
        first = _GIVEN_NAME.match(fold_text(item.value))
        if first is None:
            continue
        name = first.group().capitalize()
        if name in done or name.lower() in _NOT_GIVEN_NAMES:
            continue
        done.add(name)
        note = f"the given name of a minor found {'in ' + item.origin if item.origin else 'in the document'}"
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            start, end = match.span()
            index = bisect_right(starts, start) - 1
            if (index >= 0 and taken[index][1] > start) or (index + 1 < len(taken) and taken[index + 1][0] < end):
                continue  # already part of a finding
            before = _WORD_BEFORE.search(text, max(0, start - 40), start)
            after = _WORD_AFTER.match(text, end)
            if any(word and (word.group(1)[0].isupper() or word.group(1)[0].isdigit()) for word in (before, after)):
                continue  # "San Diego", "Diego Ruiz", "May 12"
            yield replace(
                item.finding,
                start=start,
                end=end,
                cuts=[(start + 1, end)],
                source="repeat" if not item.origin else "filing",
                explanation=[*item.finding.explanation, note],
            )


def looked_for_elsewhere(category: str, value: str) -> bool:
    """Whether a value a rule found is searched for in the rest of the document (and verification
    holds the whole output to it). Not a minor's single name ("his son Diego" is also San Diego,
    and a father's first name in the caption), nor a short number (see `_distinctive`). The user's
    terms and what the input marked are always looked for everywhere."""
    if category in ("term", "marked"):
        return True
    if category == "minor-name" and len(_ALNUM.findall(value)) == 1:
        return False
    return _distinctive(value)


def _distinctive(value: str) -> bool:
    """Whether `value` means the same wherever it stands: not a short number ("2019", "1,200"),
    nor short numbers joined by a word such as "through". A sign makes it distinctive ("$7,500")."""
    tokens = [t.lower() for t in _ALNUM.findall(value)]
    if any(not t.isdigit() and t not in _JOINING_WORDS for t in tokens) or _SIGN.search(value):
        return True
    return sum(len(t) for t in tokens if t.isdigit()) > SHORT_NUMBER


def _moved_cuts(finding: Finding, match: re.Match[str]) -> list[tuple[int, int]]:
    """The finding's cuts carried over to `match`; the whole match where the spelling differs."""
    if finding.cuts == [(finding.start, finding.end)] or match.end() - match.start() != finding.end - finding.start:
        return [match.span()]
    shift = match.start() - finding.start
    return [(lo + shift, hi + shift) for lo, hi in finding.cuts]


def _resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Drop findings whose cuts lie wholly inside another finding's cuts; keep the rest in text order."""
    findings.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    active: list[Finding] = []  # kept findings that may still contain later ones
    for finding in findings:
        active = [k for k in active if k.end > finding.start]
        container = next((k for k in active if _covers(k, finding)), None)
        if container is None:
            kept.append(finding)
            active.append(finding)
        elif finding.rule != container.rule:
            note = f"also matched rule {finding.rule}"
            if note not in container.explanation:
                container.explanation.append(note)
    return kept


def _covers(outer: Finding, inner: Finding) -> bool:
    return all(any(lo <= a and b <= hi for lo, hi in outer.cuts) for a, b in inner.cuts)
