"""redactor: find sensitive text in court filings, remove it for real, and prove it is gone."""

from redactor.api import Result, apply, redact, scan
from redactor.errors import ExitCode, RedactorError
from redactor.plan import Plan, Redaction, load_plan
from redactor.policy import Policy, Rule, default_policy, load_policy

__all__ = [
    "ExitCode",
    "Plan",
    "Policy",
    "Redaction",
    "RedactorError",
    "Result",
    "Rule",
    "apply",
    "default_policy",
    "load_plan",
    "load_policy",
    "redact",
    "scan",
]
