"""Who may do what (SPEC §7).

Roles come from the signed-in person's e-mail address, matched against lists in the
configuration. Every write checks the role again here, on the server, whatever the page
showed: hiding a button is a courtesy, this is the rule.
"""

from __future__ import annotations

import fnmatch
import ipaddress
import tomllib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

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
    # Signed in, but the sign-in service did not vouch for the address: no role from it.
    address_unverified: bool = False

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


def _claim_is_true(value: object) -> bool:
    # OpenID Connect says boolean; some services send the string "true".
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


@dataclass(frozen=True)
class SignInSettings:
    """The ``[scorecard]`` table of secrets.toml: roles by address, and which addresses the
    sign-in service vouches for.

    An address grants a role only when the service says it belongs to the person who signed
    in: ``email_verified`` true (OpenID Connect's own claim), or, for Microsoft Entra ID,
    which sends no ``email_verified`` for work accounts, a token from the council's own
    tenant (``entra_tenant_id``) whose ``xms_edov`` claim ("e-mail domain owner verified")
    is true. Otherwise anyone could set their address to an officer's in a directory of
    their own and sign in as that officer (the "nOAuth" pattern).
    """

    roles: RoleMap = field(default_factory=RoleMap)
    entra_tenant_id: str = ""

    @classmethod
    def from_config(cls, config: Mapping[str, object]) -> SignInSettings:
        roles = config.get("roles", {})
        if not isinstance(roles, Mapping):
            raise ScorecardError(
                '[scorecard.roles] must be a table of roles, e.g. panel = ["*@council.gov.uk"].'
            )
        tenant = config.get("entra_tenant_id", "")
        if not isinstance(tenant, str):
            raise ScorecardError("[scorecard] entra_tenant_id must be text (the tenant ID).")
        tenant = tenant.strip()
        if tenant:
            try:  # in the form the token's tid and iss carry it: lower case, with hyphens
                tenant = str(uuid.UUID(tenant))
            except ValueError:
                raise ScorecardError(
                    f"[scorecard] entra_tenant_id '{tenant}' is not a tenant ID. Copy the "
                    "Directory (tenant) ID from the Entra admin centre (Overview): 36 "
                    "characters such as 3f2a9c1e-5b7d-4e8a-9c6f-1a2b3c4d5e6f."
                ) from None
        return cls(RoleMap.from_config(roles), tenant)

    def verified_address(self, claims: Mapping[str, object]) -> str | None:
        """The signed-in person's e-mail address if the sign-in service vouches for it."""
        email = claims.get("email")
        if not isinstance(email, str) or not email.strip():
            return None
        if _claim_is_true(claims.get("email_verified")):
            return email
        if (
            self.entra_tenant_id
            and str(claims.get("tid", "")).lower() == self.entra_tenant_id
            and claims.get("iss")
            == f"https://login.microsoftonline.com/{self.entra_tenant_id}/v2.0"
            and _claim_is_true(claims.get("xms_edov"))
        ):
            return email
        return None

    def person(self, claims: Mapping[str, object]) -> Person:
        """Who signed in, from the ID token's claims (Streamlit's ``st.user``)."""
        email = self.verified_address(claims)
        shown = claims.get("name") or email or claims.get("email") or "Signed in"
        if email is None:
            return Person(name=str(shown), email="", role=Role.PUBLIC, address_unverified=True)
        return Person(name=str(shown), email=email, role=self.roles.role_for(email))


# What [auth] needs for Streamlit's st.login with one provider.
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")


def check_sign_in_file(path: str) -> SignInSettings:
    """The settings in a secrets.toml, or an error saying what is missing: used before a server
    that others can reach starts, since without sign-in it would serve no one."""
    try:
        with open(path, "rb") as file:
            secrets = tomllib.load(file)
    except FileNotFoundError:
        raise ScorecardError(
            f"There is no {path}, so sign-in is not configured and this server would refuse "
            "everyone who is not on its own computer. Copy .streamlit/secrets.example.toml "
            "there and fill it in (README, 'Sign-in and roles')."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ScorecardError(f"{path} is not valid TOML: {exc}.") from None
    auth = secrets.get("auth")
    missing = [key for key in AUTH_KEYS if not isinstance(auth, dict) or not auth.get(key)]
    if missing:
        raise ScorecardError(
            f"{path} does not configure sign-in: [auth] needs {', '.join(missing)} (see "
            ".streamlit/secrets.example.toml and README, 'Sign-in and roles')."
        )
    return SignInSettings.from_config(secrets.get("scorecard", {}))


def _is_loopback(address: str) -> bool:
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _host_name(host: str) -> str:
    """``localhost:8501`` → ``localhost``; ``[::1]:8501`` → ``::1``."""
    host = host.strip()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


def _origin_host(origin: str) -> str:
    """``http://localhost:8501`` → ``localhost``; "" for ``null`` or an address that is not one."""
    try:
        return urlsplit(origin.strip()).hostname or ""
    except ValueError:
        return ""


# Headers a proxy adds when it relays someone else's request.
PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip")

LOCAL_MODE_LISTENS_WIDELY = (
    "This scorecard has no sign-in set up, so it may only be opened on the computer it runs "
    "on, but its server is listening on the network. Nothing is shown. Whoever runs it: "
    "start it from the scorecard's folder (its .streamlit/config.toml listens on 127.0.0.1 "
    "only), or set up sign-in before sharing it (README, 'Sign-in and roles')."
)
LOCAL_MODE_REMOTE_CLIENT = (
    "This scorecard has no sign-in set up, so it can only be opened on the computer it runs "
    "on, and this request comes from somewhere else. Nothing is shown. Whoever runs it must "
    "set up sign-in before others can use it (README, 'Sign-in and roles')."
)


def local_mode_refusal(
    server_address: str | None, client_address: str | None, headers: Mapping[str, str]
) -> str | None:
    """Why a server without sign-in must not serve this request, or None if it may.

    Local mode makes whoever opens the app an administrator (SPEC §7: one person, on this
    computer), so it holds only when nobody else can reach it: the server listens on a
    loopback address (none set means every address), the connection comes from this
    computer, no proxy relays it, and the browser asked for a loopback host name, from a page
    it opened at one (a web page elsewhere that points its own name at 127.0.0.1 would
    otherwise reach the app).
    ``client_address`` None means this computer (as Streamlit reports it).
    """
    if not server_address or not _is_loopback(server_address):
        return LOCAL_MODE_LISTENS_WIDELY
    names = {name.lower() for name in headers}
    host = next((value for name, value in headers.items() if name.lower() == "host"), None)
    origin = next((value for name, value in headers.items() if name.lower() == "origin"), None)
    if (
        (client_address is not None and not _is_loopback(client_address))
        or any(header in names for header in PROXY_HEADERS)
        or (host is not None and not _is_loopback(_host_name(host)))
        # The page the browser opened: a proxy that adds no headers of its own (nginx's
        # plain proxy_pass) relays Host as this computer's, but not the browser's Origin.
        or (origin is not None and not _is_loopback(_origin_host(origin)))
    ):
        return LOCAL_MODE_REMOTE_CLIENT
    return None
