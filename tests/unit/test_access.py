"""Roles from e-mail addresses, and every role refused what it may not do (SPEC §7)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from scorecard.access import (
    LOCAL_MODE_LISTENS_WIDELY,
    LOCAL_MODE_REMOTE_CLIENT,
    LOCAL_PERSON,
    NotAllowed,
    Permission,
    Person,
    Role,
    RoleMap,
    SignInSettings,
    check_sign_in_file,
    local_mode_refusal,
)
from scorecard.cli import main
from scorecard.errors import ScorecardError

ROOT = Path(__file__).resolve().parents[2]

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


# --- Roles only from an address the sign-in service vouches for (issue 13) -----------------

TENANT = "3f2a9c1e-5b7d-4e8a-9c6f-1a2b3c4d5e6f"
OTHER_TENANT = "0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b"
ENTRA_ISSUER = f"https://login.microsoftonline.com/{TENANT}/v2.0"
SETTINGS = SignInSettings(ROLES)
ENTRA = SignInSettings.from_config(
    {"roles": {"admin": ["head.of.performance@demoshire.gov.uk"]}, "entra_tenant_id": TENANT}
)
ADMIN_ADDRESS = "head.of.performance@demoshire.gov.uk"


@pytest.mark.parametrize(
    ("claims", "role"),
    [
        ({"email_verified": True}, Role.ADMIN),
        ({"email_verified": "true"}, Role.ADMIN),  # some services send the string
        ({"email_verified": "TRUE"}, Role.ADMIN),
        ({"email_verified": False}, Role.PUBLIC),
        ({"email_verified": "false"}, Role.PUBLIC),
        ({"email_verified": "yes"}, Role.PUBLIC),
        ({"email_verified": 1}, Role.PUBLIC),
        ({"email_verified": None}, Role.PUBLIC),
        ({}, Role.PUBLIC),  # the claim missing: the nOAuth pattern
    ],
    ids=["true", "string true", "string TRUE", "false", "string false", "yes", "1", "null", "none"],
)
def test_an_address_grants_its_role_only_when_email_verified_is_true(
    claims: dict[str, object], role: Role
) -> None:
    person = SETTINGS.person({"email": ADMIN_ADDRESS, "name": "Pat", **claims})
    assert person.role is role
    assert person.address_unverified is (role is Role.PUBLIC)
    assert person.email == (ADMIN_ADDRESS if role is Role.ADMIN else "")


def test_an_attacker_with_an_officers_unverified_address_is_public_and_not_named_by_it() -> None:
    person = SETTINGS.person({"email": "ann@performance.demoshire.gov.uk", "name": "Mallory"})
    assert person == Person("Mallory", "", Role.PUBLIC, address_unverified=True)
    assert person.actor == "Mallory"  # the audit log never records the borrowed address


def test_a_verified_address_without_a_role_is_public_but_not_called_unverified() -> None:
    person = SETTINGS.person({"email": "someone@gmail.com", "email_verified": True})
    assert person == Person("someone@gmail.com", "someone@gmail.com", Role.PUBLIC)


def test_no_address_at_all_is_public() -> None:
    assert SETTINGS.person({"email_verified": True, "sub": "x"}).role is Role.PUBLIC


def entra(**claims: object) -> dict[str, object]:
    """An Entra ID token's claims for a member of the council's tenant (no email_verified)."""
    return {"email": ADMIN_ADDRESS, "tid": TENANT, "iss": ENTRA_ISSUER, "xms_edov": True} | claims


@pytest.mark.parametrize(
    ("claims", "role"),
    [
        (entra(), Role.ADMIN),
        (entra(xms_edov="true"), Role.ADMIN),
        (entra(tid=TENANT.upper()), Role.ADMIN),  # a GUID's case does not matter
        (entra(xms_edov=False), Role.PUBLIC),
        (entra(xms_edov=None), Role.PUBLIC),  # optional claim not configured
        # Another tenant, where anyone can set their mail to an officer's: nOAuth.
        (
            entra(tid=OTHER_TENANT, iss=f"https://login.microsoftonline.com/{OTHER_TENANT}/v2.0"),
            Role.PUBLIC,
        ),
        (entra(tid=OTHER_TENANT), Role.PUBLIC),
        (entra(iss="https://idp.evil.example/v2.0"), Role.PUBLIC),  # a tid from elsewhere
        (entra(iss=f"https://login.microsoftonline.com/{OTHER_TENANT}/v2.0"), Role.PUBLIC),
        (entra(tid=None), Role.PUBLIC),
        (entra(xms_edov=False, email_verified=True), Role.ADMIN),  # the standard claim holds
    ],
    ids=[
        "member, edov",
        "edov string",
        "tenant case",
        "edov false",
        "edov missing",
        "other tenant",
        "tid of other tenant",
        "other issuer",
        "issuer of other tenant",
        "no tid",
        "email_verified",
    ],
)
def test_entra_id_vouches_only_from_the_councils_tenant_with_xms_edov(
    claims: dict[str, object], role: Role
) -> None:
    assert ENTRA.person(claims).role is role


def test_a_tenant_id_written_in_capitals_or_without_hyphens_still_matches() -> None:
    for written in (TENANT.upper(), TENANT.replace("-", ""), "{" + TENANT + "}"):
        settings = SignInSettings.from_config(
            {"roles": {"admin": [ADMIN_ADDRESS]}, "entra_tenant_id": written}
        )
        assert settings.person(entra()).role is Role.ADMIN


def test_without_a_configured_tenant_entra_claims_vouch_for_nothing() -> None:
    assert SETTINGS.person(entra()).role is Role.PUBLIC


def test_a_malformed_tenant_id_is_reported_with_where_to_find_it() -> None:
    with pytest.raises(ScorecardError, match="Directory \\(tenant\\) ID"):
        SignInSettings.from_config({"entra_tenant_id": "demoshire.onmicrosoft.com"})


# --- Local mode only for this computer (issue 13) -------------------------------------------

LOCAL_HEADERS = {"Host": "localhost:8501"}


@pytest.mark.parametrize("server", ["127.0.0.1", "localhost", "::1", "127.0.1.1"])
def test_local_mode_serves_this_computer(server: str) -> None:
    assert local_mode_refusal(server, None, LOCAL_HEADERS) is None
    assert local_mode_refusal(server, "127.0.0.1", {"host": "127.0.0.1:8501"}) is None
    assert local_mode_refusal(server, "::1", {"Host": "[::1]:8501"}) is None


@pytest.mark.parametrize("server", [None, "", "0.0.0.0", "::", "192.0.2.2", "scorecard.lan"])
def test_local_mode_refuses_everyone_when_the_server_listens_beyond_this_computer(
    server: str | None,
) -> None:
    assert local_mode_refusal(server, None, LOCAL_HEADERS) == LOCAL_MODE_LISTENS_WIDELY


@pytest.mark.parametrize(
    ("client", "headers"),
    [
        ("192.0.2.44", LOCAL_HEADERS),  # another computer
        ("fd00::44", LOCAL_HEADERS),
        (None, {"Host": "localhost:8501", "X-Forwarded-For": "203.0.113.9"}),  # a local proxy
        (None, {"Host": "localhost:8501", "Forwarded": "for=203.0.113.9"}),
        (None, {"Host": "localhost:8501", "X-Real-IP": "203.0.113.9"}),
        (None, {"Host": "rebind.evil.example:8501"}),  # a web page naming 127.0.0.1 its own
        (None, {"Host": "192.0.2.2:8501"}),
    ],
    ids=["ipv4", "ipv6", "x-forwarded-for", "forwarded", "x-real-ip", "rebinding", "lan host"],
)
def test_local_mode_refuses_a_request_from_elsewhere(
    client: str | None, headers: dict[str, str]
) -> None:
    assert local_mode_refusal("127.0.0.1", client, headers) == LOCAL_MODE_REMOTE_CLIENT


def test_a_refusal_says_what_to_do_and_shows_nothing() -> None:
    for message in (LOCAL_MODE_LISTENS_WIDELY, LOCAL_MODE_REMOTE_CLIENT):
        assert "set up sign-in" in message
        assert "Nothing is shown" in message


# --- The start-up check for a server others can reach -----------------------------------

AUTH_TABLE = """
[auth]
redirect_uri = "https://scorecard.demoshire.gov.uk/oauth2callback"
cookie_secret = "0123456789abcdef"
client_id = "scorecard"
client_secret = "s3cret"
server_metadata_url = "https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration"
"""


def test_the_start_up_check_refuses_a_missing_secrets_file(tmp_path: Path) -> None:
    with pytest.raises(ScorecardError, match=r"There is no .*secrets.toml, so sign-in is not"):
        check_sign_in_file(str(tmp_path / "secrets.toml"))


def test_the_start_up_check_names_what_auth_lacks(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    path.write_text(AUTH_TABLE.replace('client_secret = "s3cret"\n', ""), encoding="utf-8")
    with pytest.raises(ScorecardError, match=r"\[auth\] needs client_secret \("):
        check_sign_in_file(str(path))
    path.write_text('[scorecard.roles]\npanel = ["*@demoshire.gov.uk"]\n', encoding="utf-8")
    with pytest.raises(ScorecardError, match="needs redirect_uri, cookie_secret, client_id"):
        check_sign_in_file(str(path))


def test_the_start_up_check_reads_the_tenant_and_roles(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    roles = f'[scorecard]\nentra_tenant_id = "{TENANT}"\n[scorecard.roles]\npanel = ["*@x.uk"]\n'
    path.write_text(AUTH_TABLE + roles, encoding="utf-8")
    settings = check_sign_in_file(str(path))
    assert settings.entra_tenant_id == TENANT
    assert settings.roles.role_for("a@x.uk") is Role.PANEL


def test_the_docker_image_stops_at_start_without_secrets(tmp_path: Path) -> None:
    # The Dockerfile's own start command, run where the image runs it (its WORKDIR) with no
    # .streamlit/secrets.toml there: it must stop before any server starts.
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    command = json.loads(
        next(line for line in dockerfile.splitlines() if line.startswith("CMD"))[3:]
    )
    assert "--server.address=0.0.0.0" in command[-1]
    started = subprocess.run(
        command,
        cwd=tmp_path,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 1
    assert "There is no .streamlit/secrets.toml, so sign-in is not configured" in started.stderr
    assert "streamlit" not in started.stdout.lower()


def test_check_sign_in_says_which_addresses_give_roles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "secrets.toml"
    path.write_text(AUTH_TABLE + f'[scorecard]\nentra_tenant_id = "{TENANT}"\n', encoding="utf-8")
    assert main(["check-sign-in", str(path)]) == 0
    assert f"email_verified, or Entra ID tenant {TENANT} with xms_edov" in capsys.readouterr().out
    assert main(["check-sign-in", str(tmp_path / "missing.toml")]) == 1
