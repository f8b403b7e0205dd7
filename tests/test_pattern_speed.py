"""Built-in patterns must take time in proportion to the text on texts written to make them
backtrack: a filing whose text makes one pattern read the rest of a line again at every word
would hang `redact` for minutes (the redos review). Each case times a pattern on its trigger
text and on the same length of ordinary text that the pattern matches often, and compares the
two (a ratio: the machine's speed must not decide the test); the trigger is also timed at twice
the length, where a pattern that reads the text again at every start takes four times as long."""

from __future__ import annotations

import signal
import time

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
    ("frcp52.minor-name", 2, ("Maria Lopez DOB\n", " "), "The child Maria Lopez DOB: 03/04/2015 lives here. "),
    ("privacy.phone-labelled", 1, ("tel (home)", " "), "Reach her at tel (home) (619) 555-0100 today. "),
    ("privacy.phone-labelled", 2, ("telephone number\n", " "), "His telephone number: +52 55 1234 5678 is known. "),
]

LENGTH = 10_000
RATIO = 20
LIMIT = 10.0


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


def _seconds(pattern, text: str) -> float:
    """The least of a few runs (the others are the machine doing something else); a run is
    stopped after 10 seconds (the engine checks for signals) and counts as that long."""
    best = float("inf")
    previous = signal.signal(signal.SIGALRM, _stop)
    try:
        for _ in range(5):
            start = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, LIMIT)
            try:
                list(matches(pattern, text))
            except _TooLong:
                return LIMIT
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            best = min(best, time.perf_counter() - start)
    finally:
        signal.signal(signal.SIGALRM, previous)
    return best


@pytest.mark.parametrize(("rule_id", "index", "trigger", "ordinary"), CASES)
def test_trigger_text_takes_no_longer_than_ordinary_text(rule_id, index, trigger, ordinary):
    pattern, case_sensitive = _pattern(rule_id, index)
    assert list(matches(pattern, _text(ordinary, LENGTH, case_sensitive)))  # the baseline exercises it
    slow = _seconds(pattern, _text(trigger, LENGTH, case_sensitive))
    usual = _seconds(pattern, _text(ordinary, LENGTH, case_sensitive))
    assert slow <= RATIO * max(usual, 1e-4), (rule_id, index, trigger, slow, usual)


@pytest.mark.parametrize(("rule_id", "index", "trigger", "ordinary"), CASES)
def test_trigger_text_time_grows_in_proportion(rule_id, index, trigger, ordinary):
    pattern, case_sensitive = _pattern(rule_id, index)
    once = _seconds(pattern, _text(trigger, LENGTH, case_sensitive))
    twice = _seconds(pattern, _text(trigger, 2 * LENGTH, case_sensitive))
    assert twice <= 3 * max(once, 1e-4), (rule_id, index, trigger, once, twice)
