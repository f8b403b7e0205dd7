"""Court profiles: what a court wants of a sealed filing, kept in data (redactor/courts/*.toml).

A profile sets the sealing chart's columns, the legends stamped on each version,
the size limit of the e-filing system and whether PDF/A is wanted, and says
which of those come from a rule's text and which are assumptions.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources

from redactor.errors import BadArguments

CHART_COLUMNS = ("document", "page", "lines", "portion", "category", "reason", "basis", "reference", "id")


@dataclass(frozen=True)
class CourtProfile:
    id: str
    name: str
    court: str
    rule: str
    chart_columns: tuple[str, ...]
    public_legend: str
    highlighted_legend: str
    size_limit_mb: float
    pdfa: bool
    from_rule: tuple[str, ...] = field(default_factory=tuple)
    assumptions: tuple[str, ...] = field(default_factory=tuple)


def court_profiles() -> dict[str, CourtProfile]:
    """Every shipped profile by id."""
    profiles = {}
    for entry in resources.files("redactor.courts").iterdir():
        if entry.name.endswith(".toml"):
            profile = _profile(tomllib.loads(entry.read_text(encoding="utf-8")))
            profiles[profile.id] = profile
    return profiles


def court_profile(name: str | None) -> CourtProfile:
    """The profile for `name` ("S.D. Cal.", "sdcal", "SD Cal" ...); S.D. Cal. when None."""
    profiles = court_profiles()
    key = _key(name or "sdcal")
    for profile in profiles.values():
        if key in (_key(profile.id), _key(profile.name)):
            return profile
    known = ", ".join(sorted(p.name for p in profiles.values()))
    raise BadArguments(f"no court profile for {name!r}; known courts: {known}")


def _key(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def _profile(data: dict) -> CourtProfile:
    columns = tuple(data["chart_columns"])
    unknown = [c for c in columns if c not in CHART_COLUMNS]
    if unknown:
        raise ValueError(f"court profile {data['id']}: unknown chart columns {unknown}")
    provenance = data.get("provenance", {})
    return CourtProfile(
        id=data["id"],
        name=data["name"],
        court=data["court"],
        rule=data["rule"],
        chart_columns=columns,
        public_legend=data["legends"]["public"],
        highlighted_legend=data["legends"]["highlighted"],
        size_limit_mb=float(data["size_limit_mb"]),
        pdfa=bool(data.get("pdfa", False)),
        from_rule=tuple(provenance.get("from_rule", ())),
        assumptions=tuple(provenance.get("assumptions", ())),
    )
