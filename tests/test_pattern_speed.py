"""Built-in patterns must not backtrack for long on text written to make them: a filing whose
text makes one pattern read the rest of a line again at every word would hang `redact` for
minutes (the redos review, 2026-11-27). Each trigger text, 200,000 characters long, must be read
within a few seconds: a pattern fixed reads it in milliseconds, the same pattern before its fix
took minutes (it read the rest of the text again at every keyword, or split a run of spaces
every way: 0.4 to 8 s at 20,000 characters, a hundred times that at 200,000). Not a measure of
speed (bench/ does that): a limit a hundred times above what the fixed patterns take."""

from __future__ import annotations

import signal

import pytest

from redactor.policy import default_policy
from redactor.quickmatch import matches

# (rule, pattern index, trigger unit, ordinary unit): each unit is repeated to the length tested.
CASES = [
    # Every "PLATES" read the rest of the run of capitals for a digit: 0.5 s at 10,000 characters.
    ("privacy.vehicle", 1, "PLATES ", "Officers saw license plate ABC 1234 near the lot. "),
    ("privacy.vehicle", 1, "PLATE A ", "Officers saw license plate ABC 1234 near the lot. "),
    # Every "FIN" of one long hyphenated word read the rest of the word for a digit.
    ("privacy.government-id", 0, "FIN-", "His FIN 1234567890 was on file and checked. "),
    # Every "bpa" (or "order", "call", ...) of one long word read the rest of the word for a digit.
    ("contract.number", 0, "bpa", "Under contract HSBP1017J00123 the agency paid. "),
    ("contract.number", 0, "order-", "Under contract HSBP1017J00123 the agency paid. "),
    # Every "po" of one long hyphenated word read the rest of the word for a digit.
    ("contract.number", 3, "po-", "See purchase order 45123 for the lot and the rest. "),
    # A keyword and a long run of spaces (a line of ">" quote marks is searched as spaces): the
    # spaces were split every way between "\s*:?\s*" (or "[^\S\n]*[,(]?[^\S\n]*") before the
    # value was tried, more than a second for 10,000 characters, growing as the square or the cube.
    ("frcp52.birth-date-stated", 1, ("DOB", " "), "Her DOB: January 5, 1990 was on the form. "),
    ("frcp52.birth-date-stated", 1, ("Born", "\n"), "Her DOB: January 5, 1990 was on the form. "),
    ("privacy.phone-labelled", 0, ("home", " "), "Her home tel. (619) 555-0100 was listed there. "),
    ("privacy.vehicle", 1, ("PLATES", " "), "Officers saw license plate ABC 1234 near the lot. "),
    ("contract.number", 0, ("contract", " "), "Under contract HSBP1017J00123 the agency paid. "),
    ("contract.number", 3, ("po", " "), "See purchase order 45123 for the lot and the rest. "),
    ("contract.number", 4, ("call", " "), "Under BPA HSBP1019A00031, call 0004 the agency paid. "),
    ("frcp52.minor-name", 2, ("Maria Lopez DOB\n", " "), "The child Maria Lopez DOB: 03/04/2015 lives here. "),
    ("privacy.phone-labelled", 1, ("tel (home)", " "), "Reach her at tel (home) (619) 555-0100 today. "),
    ("privacy.phone-labelled", 2, ("telephone number\n", " "), "His telephone number: +52 55 1234 5678 is known. "),
    # Patterns that look back a line for a place or a card's name (2026-11-27): each name reads at most
    # two lines of 80 characters, however many there are.
    ("privacy.phone-mexico", 0, "Tijuana 664 ", "She lives in Tijuana, Tel. 664 123 4567, with him. "),
    ("privacy.phone-mexico", 0, ("Mexico", " "), "She lives in Tijuana, Tel. 664 123 4567, with him. "),
    ("privacy.credit-card", 2, ("Visa card", " "), "My Visa card, 4539 7720 1184\n3303, was copied. "),
    ("privacy.credit-card", 2, "card 4539 ", "My Visa card, 4539 7720 1184\n3303, was copied. "),
    # The twelfth detection review's patterns (detect19): each reads a bounded stretch after its keyword.
    ("privacy.booking-number", 0, "Booking No. ", "He was held under booking number 2025-0418873 then. "),
    ("privacy.booking-number", 0, ("Booking", " "), "He was held under booking number 2025-0418873 then. "),
    ("cyber.finding-count", 0, "1 critical, ", "A scan reported 37 critical and 112 high findings on 14 hosts. "),
    ("cyber.finding-count", 1, "findings on ", "A scan reported 37 critical and 112 high findings on 14 hosts. "),
    (
        "privacy.phone-labelled",
        4,
        "sister ",
        "Her sister, of 915 Cypress Way, Escondido, CA 92025, Tel. 760-555-0162. ",
    ),
    (
        "privacy.phone-labelled",
        4,
        ("sister", " "),
        "Her sister, of 915 Cypress Way, Escondido, CA 92025, Tel. 760-555-0162. ",
    ),
    ("privacy.phone-mexico", 1, "52 664 ", "The number he gave the facility is 52 664 123 4567 today. "),
    ("cost.hours", 3, "proposed 14,400 hours of ", "The vendor proposed 14,400 hours of installation labor. "),
    (
        "surveillance.outage",
        9,
        "for 6 hours and 41 minutes, ",
        "For 6 hours, lanes 3 through 10 had no recorded video. ",
    ),
    ("frcp52.minor-name", 2, "Mateo R. ", "The child Mateo R., DOB 04/11/2016 lives here with us. "),
]

LENGTH = 200_000
LIMIT = 5.0  # seconds


def _pattern(rule_id: str, index: int):
    rule = next(rule for rule in default_policy().rules if rule.id == rule_id)
    return rule.patterns[index], rule.case_sensitive


def _text(unit, length: int, case_sensitive: bool) -> str:
    """`unit` repeated to `length` characters; a (prefix, unit) pair is the prefix, then the unit."""
    prefix, unit = unit if isinstance(unit, tuple) else ("", unit)
    text = (prefix + unit * (length // len(unit) + 1))[:length]
    return text if case_sensitive else text.lower()


class _TooLong(Exception):
    pass


def _stop(*_: object) -> None:
    raise _TooLong


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs interval timers")
@pytest.mark.parametrize(("rule_id", "index", "trigger", "ordinary"), CASES)
def test_a_pattern_reads_text_written_to_make_it_backtrack_without_hanging(rule_id, index, trigger, ordinary):
    pattern, case_sensitive = _pattern(rule_id, index)
    assert list(matches(pattern, _text(ordinary, 2_000, case_sensitive)))  # the case is this pattern's
    previous = signal.signal(signal.SIGALRM, _stop)
    signal.setitimer(signal.ITIMER_REAL, LIMIT)  # the engine checks for signals as it backtracks
    try:
        list(matches(pattern, _text(trigger, LENGTH, case_sensitive)))
    except _TooLong:
        pytest.fail(f"pattern {index + 1} of {rule_id} took over {LIMIT:.0f} s on {LENGTH:,} characters of {trigger!r}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
