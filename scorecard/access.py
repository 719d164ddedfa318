"""Who may do what (SPEC §7).

Roles come from the signed-in person's e-mail address, matched against lists in the
configuration. Every write checks the role again here, on the server, whatever the page
showed: hiding a button is a courtesy, this is the rule.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from scorecard.errors import ScorecardError


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    PANEL = "panel"
    PUBLIC = "public"


class Permission(StrEnum):
    VIEW_PRIVATE = "see the panel's scorecard"
    UPLOAD = "upload figures"
    ROLL_BACK = "roll back an upload"
    EDIT_COMMENTARY = "edit commentary"
    EDIT_ACTIONS = "edit actions and meetings"
    EDIT_CATALOGUE = "change the catalogue of measures"
    IMPORT_BENCHMARKS = "import published benchmarks"


_OFFICER = {
    Permission.VIEW_PRIVATE,
    Permission.UPLOAD,
    Permission.ROLL_BACK,
    Permission.EDIT_COMMENTARY,
    Permission.EDIT_ACTIONS,
}
GRANTS: Mapping[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.OFFICER: frozenset(_OFFICER),
    Role.PANEL: frozenset({Permission.VIEW_PRIVATE}),
    Role.PUBLIC: frozenset(),
}


class NotAllowed(ScorecardError):
    """Someone tried something their role does not allow. Nothing was changed."""


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    role: Role

    @property
    def actor(self) -> str:
        """How the audit log names them: the e-mail address, or the name in local mode."""
        return self.email or self.name

    def may(self, permission: Permission) -> bool:
        return permission in GRANTS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.may(permission):
            raise NotAllowed(
                f"You are signed in as {self.actor} with the {self.role.value} "
                f"role, which cannot {permission.value}. Nothing was changed. Ask an "
                "administrator if you need this."
            )


# With no sign-in configured the app serves one person on this computer (SPEC §7), who
# looks after everything.
LOCAL_PERSON = Person(name="You (local mode)", email="", role=Role.ADMIN)


@dataclass(frozen=True)
class RoleMap:
    """E-mail patterns for each role, as in the ``[scorecard.roles]`` configuration:
    exact addresses or shell-style patterns such as ``*@demoshire.gov.uk``. The most
    powerful matching role wins; anyone else who signs in gets ``public``."""

    patterns: Mapping[Role, Sequence[str]] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: Mapping[str, object]) -> RoleMap:
        problems = [f"'{k}' is not a role" for k in config if k not in set(Role)]
        if problems:
            raise ScorecardError(
                "The [scorecard.roles] configuration is not valid: "
                + "; ".join(problems)
                + f". Use {', '.join(r.value for r in Role)}."
            )
        patterns: dict[Role, list[str]] = {}
        for key, value in config.items():
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
                raise ScorecardError(
                    f"[scorecard.roles] {key} must be a list of e-mail addresses or patterns."
                )
            patterns[Role(key)] = [v.strip().lower() for v in value]
        return cls(patterns)

    def role_for(self, email: str | None) -> Role:
        address = (email or "").strip().lower()
        if not address:
            return Role.PUBLIC
        for role in (Role.ADMIN, Role.OFFICER, Role.PANEL):
            if any(fnmatch.fnmatchcase(address, p) for p in self.patterns.get(role, ())):
                return role
        return Role.PUBLIC
