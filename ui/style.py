"""The app's few style rules, ``ui/app.css``, for what Streamlit's own elements do not choose themselves.

They reach the page as the stylesheet of a component with no content, not through ``st.html``: no
path in the app renders HTML (tests/core/test_links.py).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

__all__ = ["app_style"]

_style = st.components.v2.component(
    "app_style", css=(Path(__file__).parent / "app.css").read_text(), isolate_styles=False
)


def app_style() -> None:
    """Put the app's style rules on the page, from the sidebar: the component shows nothing. Called
    first, so that the page's elements are never seen without them."""
    with st.sidebar:
        _style(key="app-style")
