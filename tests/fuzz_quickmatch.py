"""Random patterns and texts on which `quickmatch.matches` must equal `finditer`.

    python tests/fuzz_quickmatch.py [SEED] [PATTERNS]

Patterns are drawn from the constructs that decide a match's first character: assertions before
it, classes (negated, with ranges, with case folding beyond ASCII: the Kelvin sign, the long s),
alternation, optional and repeated groups, scoped flags, atomic groups, backreferences. Texts are
drawn from the same characters. Prints each difference found; the test suite runs a few thousand
(`tests/test_quickmatch.py`), the README's figure came from runs of this script.
"""

from __future__ import annotations

import random
import re
import signal
import sys
from collections.abc import Iterator

from redactor.quickmatch import _quick_pattern, matches

ATOMS = ["a", "b", "k", "K", "é", "É", "\u212a", "1", "-", " ", r"\d", r"\w", r"\s", r"\W", r"\D", r"\S",
         "[ab]", "[a-c]", "[^a]", "[A-Z]", "[0-9-]", ".", r"\.", "[kK]", "[é-ë]", "[\u212a]", r"\n", "ß", "ſ", "s"]  # fmt: skip
ASSERTIONS = [r"\b", r"\B", "^", "$", r"\A", r"\Z", "(?<!a)", r"(?<![\w-])", "(?<=b)", "(?=a)", "(?!b)", r"(?<!\d)",
              r"(?<=\s)"]  # fmt: skip
SCOPED = ["(?i:", "(?-i:", "(?s:", "(?m:"]
REPEATS = ["*", "+", "?", "{0,2}", "{1,3}", "{2}", "*?", "+?", "++", "?+"]
FLAGS = [0, 0, re.IGNORECASE, re.MULTILINE, re.DOTALL, re.IGNORECASE | re.MULTILINE, re.ASCII]
TEXT = "abkKéÉ\u212a1- \nßſsAB.9"


class _TooSlow(BaseException):
    """A pattern that backtracks for seconds on a short text (nested repeats) is skipped."""


def random_pattern(chance: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(chance.randint(1, 4)):
        pick = chance.random()
        if pick < 0.25:
            parts.append(chance.choice(ASSERTIONS))
        elif pick < 0.6 or depth > 2:
            parts.append(chance.choice(ATOMS))
        elif pick < 0.75:
            parts.append("(?:" + "|".join(random_pattern(chance, depth + 1) for _ in range(chance.randint(1, 3))) + ")")
        elif pick < 0.85:
            parts.append("(" + random_pattern(chance, depth + 1) + ")")
        elif pick < 0.9:
            parts.append(chance.choice(SCOPED) + random_pattern(chance, depth + 1) + ")")
        elif pick < 0.95:
            parts.append("(?>" + random_pattern(chance, depth + 1) + ")")
        else:
            parts.append(r"\1" if chance.random() < 0.3 else "(?P<v>" + random_pattern(chance, depth + 1) + ")")
        if chance.random() < 0.3:
            parts[-1] = "(?:" + parts[-1] + ")" + chance.choice(REPEATS)
    return "".join(parts)


def _found(finder: Iterator[re.Match[str]]) -> list | str:
    try:
        return [(m.span(), m.groups()) for m in finder]
    except Exception as error:  # noqa: BLE001  (the engine's own errors: both ways must agree)
        return type(error).__name__


def differences(seed: int, count: int, texts: int = 60) -> Iterator[str]:
    """Up to one difference a pattern, over `count` random patterns that compile; each pattern
    the shortcut takes is tried on `texts` random texts."""
    chance = random.Random(seed)
    timer = hasattr(signal, "setitimer")
    if timer:
        previous = signal.signal(signal.SIGALRM, _raise_too_slow)
    tried = 0
    try:
        while tried < count:
            source, flags = random_pattern(chance), chance.choice(FLAGS)
            try:
                pattern = re.compile(source, flags)
            except (re.error, OverflowError, RecursionError):
                continue
            tried += 1
            if _quick_pattern(pattern) is None:
                continue
            if timer:
                signal.setitimer(signal.ITIMER_REAL, 2.0)
            try:
                for _ in range(texts):
                    text = "".join(chance.choice(TEXT) for _ in range(chance.randint(0, 30)))
                    expected, got = _found(pattern.finditer(text)), _found(matches(pattern, text))
                    if got != expected:
                        yield f"{source!r} flags={flags} on {text!r}: finditer {expected}, matches {got}"
                        break
            except _TooSlow:
                continue
            finally:
                if timer:
                    signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        if timer:
            signal.signal(signal.SIGALRM, previous)


def _raise_too_slow(signum: int, frame: object) -> None:
    raise _TooSlow


if __name__ == "__main__":
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    found = list(differences(seed, count))
    print("\n".join(found) or f"no difference over {count} patterns (seed {seed})")
    sys.exit(1 if found else 0)
