"""The link is the app's state: the share link of this exact view, and a note for a link's unusable values."""

from __future__ import annotations

import streamlit as st

from core.links import rejected_link_values, share_url
from ui.controls import CONTROLS

__all__ = ["note_rejected_values", "remember_opening_link", "share_link"]


def remember_opening_link() -> None:
    """Keep the link as it was opened, before any widget claims its parameter and drops a bad value."""
    if "opening_link" not in st.session_state:
        st.session_state.opening_link = st.query_params.to_dict()


def note_rejected_values(container) -> None:
    """Once per session, say in ``container`` which of the opening link's values fell back to defaults.

    Only the keys of the app's controls are looked up: a link may carry anything else, an empty
    name included, and that is not for Session State to judge.
    """
    opening = st.session_state.opening_link
    if not opening:
        return
    values = {key: st.session_state[key] for key in opening if key in CONTROLS and key in st.session_state}
    for key, shown in rejected_link_values(opening, values):
        container.warning(f"The link's value for `{key}`, {shown}, is not one this page can show: the default is used.")
    st.session_state.opening_link = {}


def share_link(url_path: str) -> None:
    """The link to this exact view, in the sidebar, ready to copy."""
    st.sidebar.caption("Share this exact view: the link holds every control.")
    # Built from the browser's Origin header rather than st.context.url, whose page-path handling
    # turns /cross-entropy into /cross-/cross-entropy (it trims "entropy" as a suffix).
    link = share_url(
        st.context.headers.get("Origin"),
        st.get_option("server.baseUrlPath"),
        url_path,
        st.query_params.to_dict(),
    )
    st.sidebar.code(link, language=None, wrap_lines=True)
