"""The link's notes: only the app's own keys are judged, whatever else a link carries."""

import pytest
from streamlit.testing.v1 import AppTest


def _page():
    import streamlit as st

    from ui.controls import slider
    from ui.links import note_rejected_values, remember_opening_link

    remember_opening_link()
    notes = st.container()
    slider("q", 0.65)
    note_rejected_values(notes)


@pytest.mark.parametrize(
    ("params", "noted"),
    [
        ({"q": "2"}, ["q"]),
        ({"": "1", "q": "0.5"}, []),
        ({"opening_link": "x", "q[]": "1", "ü": "2"}, []),
        ({"q": ["x", "0.65"]}, []),  # a repeated key, and the page shows one of its values
        ({"q": ["", "7"]}, ["q"]),
    ],
)
def test_only_the_app_keys_a_link_got_wrong_are_noted(params, noted):
    at = AppTest.from_function(_page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    assert [w.value.split("`")[1] for w in at.warning] == noted
    at.slider(key="q").set_value(0.3).run()  # once per session: the opening link only
    assert not at.warning
