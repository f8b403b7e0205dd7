"""redactor: find sensitive text in court filings, remove it for real, and prove it is gone.

The names below are loaded when first used (PEP 562), so that `redactor.launch` can start the
command line, and take Ctrl-C calmly, before PyMuPDF and pikepdf are loaded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redactor.api import Result, apply, redact, scan
    from redactor.errors import ExitCode, RedactorError
    from redactor.plan import Plan, Redaction, load_plan
    from redactor.policy import Policy, Rule, default_policy, load_policy

_HOMES = {
    "Result": "api", "apply": "api", "redact": "api", "scan": "api",
    "ExitCode": "errors", "RedactorError": "errors",
    "Plan": "plan", "Redaction": "plan", "load_plan": "plan",
    "Policy": "policy", "Rule": "policy", "default_policy": "policy", "load_policy": "policy",
}  # fmt: skip

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


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'redactor' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"redactor.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
