"""The link is the app's state: the share link of this exact view, and a note for a link's unusable values."""

from __future__ import annotations

import streamlit as st

from core.links import TEACHER_KEYS, control_keys, rejected_link_values, share_url
from ui.controls import CONTROLS, hidden, hidden_values, locked, page_controls

__all__ = ["class_link", "note_rejected_values", "remember_opening_link", "share_link"]


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
    values |= {key: value for key, value in hidden_values().items() if key in opening}  # no widget: the link's
    for key, shown in rejected_link_values(opening, values):
        container.warning(f"The link's value for `{key}`, {shown}, is not one this page can show: the default is used.")
    for parameter in TEACHER_KEYS:
        for shown in control_keys(opening.get(parameter), CONTROLS)[1]:
            container.warning(f"The link's `{parameter}` names {shown}, which is not a control: it is ignored.")
    st.session_state.opening_link = {}


# A button that copies the link, which it also holds (its address in the tooltip, and the link
# itself for screen readers and for a copy by hand): light enough that a page need not load a code
# highlighter (st.code's, 1.5 MB of JavaScript) only to show a link.
_share = st.components.v2.component(
    "share_link",
    html="""<div class="share-link"><a class="share-link-url"></a>
<button type="button" class="share-link-copy">Copy link</button></div>""",
    css="""
.share-link { display: flex; font-family: var(--st-font); }
.share-link-url { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }
.share-link-copy { font: inherit; font-size: 0.875rem; color: var(--st-text-color);
  background: var(--st-background-color); border: 1px solid var(--st-border-color);
  border-radius: var(--st-button-radius, 0.5rem); padding: 0.25rem 0.75rem; cursor: pointer; }
.share-link-copy:hover { border-color: var(--st-primary-color); color: var(--st-primary-color); }
.share-link-copy:focus-visible { outline: 2px solid var(--st-primary-color); outline-offset: 2px; }
""",
    js="""
export default function ({ data, parentElement }) {
  const link = new URL(data.link, location.href);
  const anchor = parentElement.querySelector(".share-link-url");
  const button = parentElement.querySelector(".share-link-copy");
  anchor.textContent = link.href;
  if (link.protocol === "http:" || link.protocol === "https:") anchor.href = link.href;
  button.title = `Copy the link to this exact view, which holds every control: ${link.href}`;
  button.onclick = async () => {
    try {
      await navigator.clipboard.writeText(link.href);
      button.textContent = "Copied";
    } catch {
      getSelection().selectAllChildren(anchor); // no clipboard here: selected, for the keyboard's copy
      button.textContent = "Press Ctrl+C to copy";
    }
    setTimeout(() => (button.textContent = "Copy link"), 2000);
  };
}
""",
    isolate_styles=False,
)


def _link_to(url_path: str, params: dict) -> str:
    # Built from the browser's Origin header rather than st.context.url, whose page-path handling
    # turns /cross-entropy into /cross-/cross-entropy (it trims "entropy" as a suffix).
    return share_url(st.context.headers.get("Origin"), st.get_option("server.baseUrlPath"), url_path, params)


def share_link(url_path: str, container) -> None:
    """The link to this exact view, as a button that copies it, in ``container`` (the page's top row,
    beside the unit: in sight on a phone too). A teacher's ``lock=`` and ``hide=`` stay in it."""
    with container:
        _share(data={"link": _link_to(url_path, st.query_params.to_dict())}, key="share-link", width="content")


def class_link(url_path: str) -> None:
    """At the end of the page, "Share for a class": this view's link with some of the page's controls
    locked (shown but disabled) and some hidden, chosen from the controls this run has drawn."""
    keys = page_controls()
    if not keys:
        return

    def name(key: str) -> str:
        return f"{CONTROLS[key].label} ({key})"

    # Its content is sent only while it is open (opening it reruns the page): most runs are a learner's.
    share = st.expander("Share for a class", icon=":material/school:", key="class-share", on_change="rerun")
    if not share.open:
        return
    with share:
        st.caption(
            "A link to this view, as it is now, for your students: the controls you lock are shown "
            "but cannot be moved, the ones you hide are not shown and keep their values."
        )
        lock = st.multiselect(
            "Lock", keys, default=[key for key in keys if locked(key)], format_func=name, key="class-lock"
        )
        hide = st.multiselect(
            "Hide", keys, default=[key for key in keys if hidden(key)], format_func=name, key="class-hide"
        )
        params = {key: value for key, value in st.query_params.to_dict().items() if key not in TEACHER_KEYS}
        params |= {parameter: ",".join(chosen) for parameter, chosen in (("lock", lock), ("hide", hide)) if chosen}
        link = _link_to(url_path, params)
        st.caption(f"`{link}`")
        _share(data={"link": link}, key="class-link", width="content")
