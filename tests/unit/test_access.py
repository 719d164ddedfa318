"""Roles from e-mail addresses, and every role refused what it may not do (SPEC §7)."""

from __future__ import annotations

import pytest

from scorecard.access import LOCAL_PERSON, NotAllowed, Permission, Person, Role, RoleMap
from scorecard.errors import ScorecardError

ROLES = RoleMap.from_config(
    {
        "admin": ["Head.Of.Performance@demoshire.gov.uk"],
        "officer": ["*@performance.demoshire.gov.uk", "analyst@demoshire.gov.uk"],
        "panel": ["*@demoshire.gov.uk", "chair@nhs.net"],
    }
)


@pytest.mark.parametrize(
    ("email", "role"),
    [
        ("head.of.performance@demoshire.gov.uk", Role.ADMIN),  # case does not matter
        ("ann@performance.demoshire.gov.uk", Role.OFFICER),
        ("analyst@demoshire.gov.uk", Role.OFFICER),  # officer beats the panel pattern
        ("councillor.smith@demoshire.gov.uk", Role.PANEL),
        ("chair@nhs.net", Role.PANEL),
        ("someone@gmail.com", Role.PUBLIC),
        ("", Role.PUBLIC),
        (None, Role.PUBLIC),
    ],
)
def test_role_comes_from_the_email_address(email: str | None, role: Role) -> None:
    assert ROLES.role_for(email) is role


def test_a_pattern_does_not_match_a_lookalike_domain() -> None:
    assert ROLES.role_for("mallory@demoshire.gov.uk.evil.example") is Role.PUBLIC


def test_panel_member_can_view_but_every_write_is_refused() -> None:
    member = Person("Cllr Smith", "cllr@demoshire.gov.uk", Role.PANEL)
    assert member.may(Permission.VIEW_PRIVATE)
    for permission in set(Permission) - {Permission.VIEW_PRIVATE}:
        with pytest.raises(NotAllowed, match="panel role, which cannot"):
            member.require(permission)


def test_officer_uploads_but_cannot_change_the_catalogue() -> None:
    officer = Person("Ann", "ann@demoshire.gov.uk", Role.OFFICER)
    officer.require(Permission.UPLOAD)
    officer.require(Permission.ROLL_BACK)
    with pytest.raises(NotAllowed, match="change the catalogue"):
        officer.require(Permission.EDIT_CATALOGUE)


def test_public_sees_nothing_private() -> None:
    visitor = Person("Visitor", "", Role.PUBLIC)
    assert not any(visitor.may(p) for p in Permission)


def test_local_mode_person_looks_after_everything() -> None:
    assert all(LOCAL_PERSON.may(p) for p in Permission)


def test_unknown_role_in_configuration_is_reported() -> None:
    with pytest.raises(ScorecardError, match="'chair' is not a role"):
        RoleMap.from_config({"chair": ["x@y.z"]})
