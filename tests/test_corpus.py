"""Robustness on real filings: every file of the shared corpora is redacted with the default
policy, verified, and re-read by an independent extractor, which must not find any value that
the plan says was removed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED, found_in, independent_text

import redactor

FILES = sorted(SHARED.glob("court-filings/*.pdf")) + sorted(SHARED.glob("xray-assets/*.pdf"))

pytestmark = pytest.mark.skipif(not FILES, reason=f"shared corpora not found at {SHARED} (../shared is absent)")


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_real_filing_is_redacted_verified_and_leaks_nothing(path: Path, tmp_path: Path) -> None:
    result = redactor.redact(path, tmp_path / "public.pdf", plan_path=tmp_path / "plan.json")
    assert result.verification.passed
    values = set()
    for redaction in result.plan.applied:
        if redaction.scope == "sentence":
            values.update(p for p in redaction.removed if len(p) >= 20)
        elif len("".join(c for c in redaction.text if c.isalnum())) >= 4:
            values.add(redaction.text)
    if not values:
        return
    reader, text = independent_text(result.output)
    leaked = [v for v in values if found_in(v, text, squeeze=False)]
    assert not leaked, f"{reader} reads {len(leaked)} removed value(s)"
