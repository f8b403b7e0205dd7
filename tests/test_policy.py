"""Policies are data: add a rule, disable one, relabel, and get clear errors for mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_gone, assert_present

import redactor
from redactor.errors import InvalidPolicy


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_policy_covers_every_category() -> None:
    categories = {rule.category for rule in redactor.default_policy().rules}
    assert categories >= {
        "ssn", "taxpayer-id", "birth-date", "minor-name", "financial-account", "phone", "email",
        "home-address", "alien-number", "passport", "credit-card", "surveillance", "cybersecurity",
        "contract", "cost",
    }  # fmt: skip
    for rule in redactor.default_policy().rules:
        assert rule.basis and rule.reason and rule.patterns


@pytest.mark.parametrize("header", ["", "[policy]\nname = 'smith-v-cbp'\n"], ids=["top", "in-policy"])
def test_user_rule_is_added_and_disabled_rule_is_skipped(sample: Path, tmp_path: Path, header: str) -> None:
    """`disable` works before any section and inside [policy] (where TOML puts it when it is
    written below that header, as in docs/policy.md)."""
    policy = write(
        tmp_path,
        header
        + """
disable = ["cost.amount"]

[[rule]]
id = "firm.port"
category = "place"
reason = "SECURITY"
basis = "compelling reasons: location named by the agency"
patterns = ['San Ysidro']
""",
    )
    result = redactor.redact(sample, policy=policy)
    assert_gone(result.output, ["San Ysidro"])
    assert_present(result.output, ["$4,872,500", "$187.50"])
    assert not any(r.rule == "cost.amount" for r in result.plan.redactions)


def test_a_policy_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Windows Notepad used to begin UTF-8 files with a byte-order mark, which TOML does not allow."""
    policy = tmp_path / "bom.toml"
    policy.write_bytes(b"\xef\xbb\xbf" + b'disable = ["cost.amount"]\n')
    assert "cost.amount" not in {rule.id for rule in redactor.load_policy(policy).rules}


def test_labels_can_be_changed_by_category(sample: Path, tmp_path: Path) -> None:
    policy = write(tmp_path, '[labels]\nssn = "5.2(a)(1)"\n')
    plan = redactor.scan(sample, policy=policy)
    assert {r.label for r in plan.redactions if r.category == "ssn"} == {"5.2(a)(1)"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[rule]]\nid = "a"\ncategory = "c"\nreason = "R"\nbasis = "b"\npatterns = ["("]\n', "rule 'a': pattern 1"),
        ('[[rule]]\nid = "a"\ncategory = "c"\nreason = "R"\npatterns = ["x"]\n', "rule 'a': basis is required"),
        (
            '[[rule]]\nid = "a"\ncategory = "c"\nreason = "R"\nbasis = "b"\npatterns = ["x"]\nvalidators = ["nope"]\n',
            "unknown validator",
        ),
        (
            '[[rule]]\nid = "a"\ncategory = "c"\nreason = "R"\nbasis = "b"\npatterns = ["x"]\nscope = "partial"\n',
            "needs keep",
        ),
        ('disable = ["no.such.rule"]\n', "unknown rule"),
        ('[policy]\nname = "x"\nlables = true\n', r"\[policy\] has an unknown key 'lables'"),
        (
            '[[rule]]\nid = "a"\ncategory = "c"\nreason = "R"\nbasis = "b"\npatterns = ["x"]\ncolour = "red"\n',
            "unknown key 'colour'",
        ),
        # Values of the wrong kind were internal errors, or read a letter at a time (fuzzing review).
        ("[terms]\ncategory = 7\n", r"\[terms\] category must be a text"),
        ('[terms]\nreason = ["TERM"]\n', r"\[terms\] reason must be a text"),
        ("labels = 5\n", r"\[labels\] must be a table of texts"),
        ('[policy]\nlabel = "yes"\n', r"\[policy\] label must be true or false"),
        (
            '[[rule]]\nid = "a"\ncategory = "c"\nreason = "R"\nbasis = "b"\npatterns = ["x"]\nvalidators = "luhn"\n',
            "validators must be a list of names",
        ),
    ],
)
def test_policy_mistakes_are_explained(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InvalidPolicy, match=message):
        redactor.load_policy(write(tmp_path, text))
