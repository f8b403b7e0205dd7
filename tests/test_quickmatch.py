"""`quickmatch.matches` must give exactly what `finditer` gives: a match it lost would be a value
left on the public docket. Held equal over every built-in pattern on the fixtures and the real
filings, and over random texts for patterns written to catch each way the shortcut could err."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pymupdf
import pytest
from conftest import SHARED

from redactor.policy import default_policy
from redactor.quickmatch import _quick_pattern, matches
from redactor.textmodel import lowered

BUILT_IN = [
    (rule.id, number, pattern, rule.case_sensitive)
    for rule in default_policy().rules
    for number, pattern in enumerate(rule.patterns, start=1)
]
CORPUS = sorted(SHARED.glob("court-filings/*.pdf")) + sorted(SHARED.glob("xray-assets/*.pdf"))


def _texts(paths: list[Path]) -> list[str]:
    """The text of each file MuPDF opens (the fixtures and the corpus hold damaged, encrypted
    and non-PDF files on purpose)."""
    texts = []
    for path in paths:
        try:
            with pymupdf.open(path) as document:
                if not document.needs_pass:
                    texts.append("\n".join(page.get_text() for page in document))
        except (RuntimeError, ValueError):
            continue
    return texts


def _assert_same(texts: list[str]) -> None:
    for text in texts:
        low = lowered(text)
        for rule, number, pattern, case_sensitive in BUILT_IN:
            searched = text if case_sensitive else low
            expected = [(m.span(), m.groupdict()) for m in pattern.finditer(searched)]
            got = [(m.span(), m.groupdict()) for m in matches(pattern, searched)]
            assert got == expected, f"pattern {number} of {rule} differs"


def test_built_in_patterns_match_alike_on_the_fixtures(tmp_path: Path) -> None:
    """The generated fixtures (fixtures/generate.py), and declarations of each density, as the
    benchmark makes them."""
    import generate  # fixtures/generate.py

    paths = list(generate.generate(tmp_path))
    for density in ("sparse", "typical", "dense"):
        generate.long_declaration(20, tmp_path / f"{density}.pdf", density=density)
        paths.append(tmp_path / f"{density}.pdf")
    texts = _texts(paths)
    assert len(texts) > 12 and sum(map(len, texts)) > 100_000
    _assert_same(texts)


@pytest.mark.skipif(not CORPUS, reason=f"shared corpora not found at {SHARED} (../shared is absent)")
def test_built_in_patterns_match_alike_on_the_real_filings() -> None:
    texts = _texts(CORPUS)
    assert len(texts) > 150
    _assert_same(texts)


def test_the_rules_that_cost_most_are_sped_up() -> None:
    """The shortcut is taken where it pays (a rule starting with a lookbehind or \\b), so that
    this test fails if it is silently turned off."""
    sped = [f"{rule}/{number}" for rule, number, pattern, _ in BUILT_IN if _quick_pattern(pattern) is not None]
    assert {"frcp52.ssn/1", "privacy.phone/1", "surveillance.count/1", "cyber.ip-address/1"} <= set(sped)
    assert len(sped) > len(BUILT_IN) // 2


# Each pattern tests one way the first character could be misread: a scoped flag, case folding
# beyond ASCII (the Kelvin sign is a "k"), optional and empty-able starts, lookarounds before and
# inside, alternation, repeats, atomic groups, overlapping places, a backreference, verbose mode.
TRICKY = [
    (r"(?i:k)m", 0),
    (r"\bkm", re.IGNORECASE),
    (r"(?<![\w-])[A-Z][a-z]+", 0),
    (r"\b\d+", 0),
    (r"(?<=a)b+", 0),
    (r"(?<!\d)(?:\+?1[ -]?)?\d{3}-\d{4}", 0),
    (r"\b(?:a|)b", 0),
    (r"(?:x?)+y", 0),
    (r"(?<!x)(?=\d)(?:\d\d|a)", 0),
    (r"\b(?>a+|b)c", 0),
    (r"\b(a)\1", 0),
    (r"\b k m  # a comment", re.VERBOSE),
    (r"^\s*\d", re.MULTILINE),
    (r"(?<![é])é+", re.IGNORECASE),
    (r"\b[^a ]b", 0),
    (r"\B\d", 0),
    (r"(?<!-)\w+", 0),
]
ALPHABET = "abkmxyABKMÉé\u212a0123-+ \n"


@pytest.mark.parametrize(("source", "flags"), TRICKY, ids=[source for source, _ in TRICKY])
def test_tricky_patterns_match_alike_on_random_texts(source: str, flags: int) -> None:
    pattern = re.compile(source, flags)
    chance = random.Random(source)
    for _ in range(300):
        text = "".join(chance.choice(ALPHABET) for _ in range(chance.randint(0, 60)))
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in matches(pattern, text)] == expected, repr(text)


def test_patterns_the_shortcut_cannot_read_are_left_to_the_engine() -> None:
    for source, flags in [(r"\b(a)\1", 0), (r"\b k m", re.VERBOSE), (r"\b(?:x?)+", 0), (r"\b.a", 0)]:
        assert _quick_pattern(re.compile(source, flags)) is None, source
    assert _quick_pattern(re.compile(r"(?<![\w-])[A-Z][a-z]+")) is not None


def test_a_parser_unlike_the_known_one_leaves_every_pattern_to_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """`re`'s parser is private: a Python whose trees read otherwise gets no shortcut at all."""
    from redactor import quickmatch

    pattern = re.compile(r"(?<![\w-])[A-Z][a-z]+ \d")
    assert quickmatch._quick_pattern(pattern) is not None
    monkeypatch.setattr(quickmatch._sre_parse, "parse", lambda *args: re._parser.parse("(?s:a)"))  # type: ignore[attr-defined]
    quickmatch._parser_reads_as_known.cache_clear()
    quickmatch._quick_pattern.cache_clear()
    try:
        assert quickmatch._quick_pattern(pattern) is None
        text = "Ana 5, -Bo 6, Cy 7"
        assert [m.span() for m in matches(pattern, text)] == [m.span() for m in pattern.finditer(text)]
    finally:
        monkeypatch.undo()
        quickmatch._parser_reads_as_known.cache_clear()
        quickmatch._quick_pattern.cache_clear()
    assert quickmatch._quick_pattern(pattern) is not None


def test_random_patterns_match_alike_on_random_texts() -> None:
    """A few thousand of tests/fuzz_quickmatch.py's random patterns (the README's figure is from
    longer runs of that script)."""
    from fuzz_quickmatch import differences

    assert list(differences(seed=17, count=3000)) == []
