"""A pattern's matches in a long text, exactly as `pattern.finditer` gives them, found sooner.

Why: Python's regular-expression engine skips ahead quickly only when a pattern starts with a
character or a class of characters. Nearly every rule starts with a lookbehind or `\\b` (so that
"5" inside "1,500" is not a count), and the engine then tries the whole pattern at every
character of the document: two thirds of the rules' time went there (bench/bench_steps.py, the
seventeenth session).

How: when every match of pattern P must start with a character of a class F (read from P's own
parse, and only for constructs whose first character is certain), the pattern

    F(?<=(?=P)F)

matches one character at each place where P matches, and the engine skips ahead to characters
of F by itself. From those places the matches are taken as `finditer` takes them: the leftmost
at or after where the last one ended, read by `P.match` (which sees the text before its start,
as a search does). Anything not understood, and any pattern that can match an empty string, is
left to `finditer`, and so is every pattern if `re`'s private parser (Python 3.11 to 3.13) no
longer reads a few known patterns as expected. tests/test_quickmatch.py holds the two ways equal
over every built-in pattern, on the fixtures and the 162 real filings, and over random texts.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from functools import lru_cache

try:  # the engine's own parser (Python 3.11 and later); without it nothing is sped up
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover
    _sre = _sre_parse = None

# A first class admitting more lower-case letters than this is no faster to skip to than the
# whole pattern is to try (e-mail addresses and host names start with any letter).
_MOST_LETTERS = 20

_Chars = list[tuple[object, object]]


def matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, the same matches in the same order."""
    quick = _quick_pattern(pattern)
    if quick is None:
        yield from pattern.finditer(text)
        return
    match = pattern.match
    end = 0
    for place in quick.finditer(text):
        start = place.start()
        if start < end:
            continue  # inside the last match, where finditer does not look
        found = match(text, start)
        if found is None:  # pragma: no cover  (the lookahead above said it matches)
            continue
        yield found
        end = found.end()


@lru_cache(maxsize=1)
def _parser_reads_as_known() -> bool:
    """Whether `re`'s private parser still gives the trees this module was written against (a
    later Python may change them): if not, every pattern is left to `finditer`."""
    if _sre is None:
        return False
    try:
        scoped = _sre_parse.parse("(?i:a)").data
        chosen = _sre_parse.parse(r"\b(?:ab|\d)+").data
        repeat = chosen[1][1]
        branch = repeat[2].data[0]
        return (
            scoped[0][0] is _sre.SUBPATTERN
            and scoped[0][1][1] == re.IGNORECASE
            and list(scoped[0][1][3].data) == [(_sre.LITERAL, ord("a"))]
            and chosen[0] == (_sre.AT, _sre.AT_BOUNDARY)
            and chosen[1][0] is _sre.MAX_REPEAT
            and repeat[0] == 1
            and branch[0] is _sre.BRANCH
            and [list(choice.data) for choice in branch[1][1]]
            == [
                [(_sre.LITERAL, ord("a")), (_sre.LITERAL, ord("b"))],
                [(_sre.IN, [(_sre.CATEGORY, _sre.CATEGORY_DIGIT)])],
            ]
        )
    except Exception:  # noqa: BLE001  (any change at all means: do not rely on it)
        return False


@lru_cache(maxsize=1024)
def _quick_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`F(?<=(?=P)F)` for `pattern` P, or None when it would not help or is not certain."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.VERBOSE | re.LOCALE):
        return None
    if not _parser_reads_as_known():
        return None
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError, AttributeError, TypeError, ValueError):  # pragma: no cover
        return None
    if _engine_skips_ahead(tree.data):
        return None
    first = _first_characters(tree.data)
    if first is None or first[1] or not first[0]:
        return None
    source = _class_source(first[0])
    if source is None:
        return None
    try:
        first_class = re.compile(source, pattern.flags)
        if sum(1 for letter in string.ascii_lowercase if first_class.match(letter)) > _MOST_LETTERS:
            return None
        return re.compile(f"{source}(?<=(?={pattern.pattern}){source})", pattern.flags)
    except (re.error, RecursionError, OverflowError):  # a backreference in P, for one
        return None


def _engine_skips_ahead(items: list) -> bool:
    """Whether the engine finds P's first characters itself: P starts with a character, a class
    or a choice of words each starting with a character (as re._compiler reads a prefix)."""
    while items:
        op, value = items[0]
        if op is _sre.SUBPATTERN and not value[1] and not value[2]:
            items = value[3].data
            continue
        if op in (_sre.LITERAL, _sre.IN):
            return True
        if op is _sre.BRANCH:
            return all(choice.data and choice.data[0][0] is _sre.LITERAL for choice in value[1])
        return False
    return False


def _first_characters(items: list) -> tuple[_Chars, bool] | None:
    """The class items any match of a sequence starts with, and whether it can match nothing;
    None when that is not certain. Assertions consume nothing, so what follows them counts."""
    found: _Chars = []
    for op, value in items:
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            continue
        step = _first_of(op, value)
        if step is None:
            return None
        found += step[0]
        if not step[1]:
            return found, False
    return found, True


def _first_of(op: object, value: object) -> tuple[_Chars, bool] | None:
    if op is _sre.LITERAL:
        return [(op, value)], False
    if op is _sre.IN:
        if any(item[0] is _sre.NEGATE for item in value):
            return None
        return list(value), False
    if op is _sre.SUBPATTERN:
        if value[1] or value[2]:  # (?i:...) and the like: the class would be read without them
            return None
        return _first_characters(value[3].data)
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _first_characters(value.data)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        least, _, body = value
        inner = _first_characters(body.data)
        if inner is None:
            return None
        return inner[0], inner[1] or least == 0
    if op is _sre.BRANCH:
        chars: _Chars = []
        empty = False
        for choice in value[1]:
            inner = _first_characters(choice.data)
            if inner is None:
                return None
            chars += inner[0]
            empty = empty or inner[1]
        return chars, empty
    return None  # any character, a backreference, a condition: not certain


def _class_source(items: _Chars) -> str | None:
    """The class items written as a character class, or None for items this does not write."""
    categories = {
        _sre.CATEGORY_DIGIT: r"\d",
        _sre.CATEGORY_NOT_DIGIT: r"\D",
        _sre.CATEGORY_WORD: r"\w",
        _sre.CATEGORY_NOT_WORD: r"\W",
        _sre.CATEGORY_SPACE: r"\s",
        _sre.CATEGORY_NOT_SPACE: r"\S",
    }
    parts = []
    for op, value in items:
        if op is _sre.LITERAL:
            parts.append(_escaped(value))
        elif op is _sre.RANGE:
            parts.append(f"{_escaped(value[0])}-{_escaped(value[1])}")
        elif op is _sre.CATEGORY and value in categories:
            parts.append(categories[value])
        else:
            return None
    return "[" + "".join(parts) + "]"


def _escaped(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
