"""Who is using the app: the signed-in person (Streamlit's OIDC sign-in) or, with no sign-in
configured, the one local user.

Sign-in is configured in .streamlit/secrets.toml ([auth], see README); roles come from
[scorecard.roles] there. The role is worked out again on every run, on the server.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from scorecard.access import LOCAL_PERSON, Person, Role, SignInSettings, local_mode_refusal
from scorecard.errors import ScorecardError
from scorecard.text import as_markdown_text


def _secrets() -> Mapping[str, Any]:
    # No secrets file at all means local mode. A malformed one raises: better to stop with
    # an error than to run without the sign-in its author meant to configure.
    try:
        return dict(st.secrets)
    except FileNotFoundError:
        return {}


def current_person() -> Person:
    """Who this run is for. With no sign-in configured, the local user, or the run stops
    here (showing only why) unless the request is from this computer. Called first thing
    on every run, before anything is read: no data, no navigation. (The secrets are read
    once: with no secrets file, Streamlit looks for one again on every reading.)"""
    secrets = _secrets()
    if "auth" not in secrets:
        refuse_unless_local()
        return LOCAL_PERSON
    if not st.user.is_logged_in:
        return Person(name="Visitor", email="", role=Role.PUBLIC)
    try:
        settings = SignInSettings.from_config(dict(secrets.get("scorecard", {})))
    except ScorecardError as exc:  # a mistake in secrets.toml: say it, grant nothing
        st.error(str(exc), icon=":material/error:")
        st.stop()
    return settings.person(st.user.to_dict())


def refuse_unless_local() -> None:
    """Stop here (showing only why) unless the request is from this computer: local mode
    makes whoever opens the app an administrator."""
    client = st.context.ip_address
    reason = local_mode_refusal(
        st.get_option("server.address"),
        # Streamlit reports this computer as None; outside a server (AppTest) it is no text.
        client if isinstance(client, str) else None,
        dict(st.context.headers),
    )
    if reason:
        st.title("Corporate Parenting Scorecard")
        st.error(reason, icon=":material/block:")
        st.stop()


def identity_bar(person: Person, *, in_sidebar: bool = True) -> None:
    """Who you are and how to sign in or out: in the sidebar, or above the page when there is
    no sidebar (presenting)."""
    with st.sidebar if in_sidebar else st.container():
        if person is LOCAL_PERSON:  # what current_person gives when no sign-in is configured
            st.caption(
                "**Local mode**: there is no sign-in, and only this computer can open the "
                "scorecard."
            )
        elif person.role is Role.PUBLIC and not st.user.is_logged_in:
            st.button("Sign in", key="sign_in", on_click=st.login, icon=":material/login:")
        else:
            st.caption(as_markdown_text(f"Signed in as {person.name} ({person.role.value})"))
            if person.address_unverified:
                st.caption(
                    "Your sign-in service did not confirm that your e-mail address is yours, "
                    "so the scorecard gives you no role: you see the published version only. "
                    "If you should see more, ask the council's scorecard administrator."
                )
            st.button("Sign out", key="sign_out", on_click=st.logout, icon=":material/logout:")
