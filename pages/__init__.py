"""The pages, one script each, run by ``app.py`` through ``st.navigation``."""

import runpy
from pathlib import Path

import streamlit as st

ENTRY_POINT = Path(__file__).parents[1] / "app.py"


def run_through_entry_point() -> None:
    """Hand the run to ``app.py`` when Streamlit ran this page without it.

    Until ``st.navigation`` is first called in a server's life, Streamlit treats ``pages/`` as an
    old-style pages folder: if the server's first visitor opens a link such as ``/entropy``, it runs
    ``pages/entropy.py`` alone, without the navigation and the shared controls. The entry point then
    runs in its place (its ``st.navigation`` ends that mode and runs this page properly), and this
    bare run stops.
    """
    if "unit" not in st.session_state:  # app.py always creates the unit control before any page
        runpy.run_path(str(ENTRY_POINT))
        st.stop()
