"""Entry point: page config, navigation over the pages, and the controls every page shares."""

import streamlit as st

from core import UNITS
from core.links import rejected_link_values, share_url

st.set_page_config(page_title="Cross-entropy, explained", page_icon=":material/show_chart:", layout="wide")

# The link as it was opened, read before any widget claims its parameter (and drops a bad value).
if "opening_link" not in st.session_state:
    st.session_state.opening_link = st.query_params.to_dict()

# Each page file is named as its URL path: see pages.run_through_entry_point for why that matters.
page = st.navigation(
    [
        st.Page(
            "pages/home.py", title="Cross-entropy at a glance", icon=":material/show_chart:", url_path="", default=True
        ),
        st.Page("pages/surprisal.py", title="1 · Surprisal", icon=":material/bolt:", url_path="surprisal"),
        st.Page("pages/entropy.py", title="2 · Entropy", icon=":material/casino:", url_path="entropy"),
        st.Page(
            "pages/cross-entropy.py",
            title="3 · Cross-entropy",
            icon=":material/compare_arrows:",
            url_path="cross-entropy",
        ),
        st.Page("pages/loss.py", title="4 · Cross-entropy loss", icon=":material/trending_down:", url_path="loss"),
        st.Page(
            "pages/in-practice.py", title="5 · In practice", icon=":material/model_training:", url_path="in-practice"
        ),
    ]
)

with st.sidebar:
    st.radio(
        "Unit",
        list(UNITS),
        key="unit",
        bind="query-params",
        horizontal=True,
        help="Logarithm base 2 measures information in bits, base e in nats (what PyTorch reports), "
        "base 10 in hartleys.",
    )

notices = st.container()
page.run()

# Once per session: say which values of the opening link were not usable and fell back to defaults.
if opening := st.session_state.opening_link:
    widget_values = {key: st.session_state[key] for key in opening if key in st.session_state}
    for key, shown in rejected_link_values(opening, widget_values):
        notices.warning(f"The link's value for `{key}`, {shown}, is not one this page can show: the default is used.")
    st.session_state.opening_link = {}

with st.sidebar:
    st.caption("Share this exact view: the link holds every control.")
    # Built from the browser's Origin header rather than st.context.url, whose page-path handling
    # turns /cross-entropy into /cross-/cross-entropy (it trims "entropy" as a suffix).
    link = share_url(
        st.context.headers.get("Origin"),
        st.get_option("server.baseUrlPath"),
        page.url_path,
        st.query_params.to_dict(),
    )
    st.code(link, language=None, wrap_lines=True)
