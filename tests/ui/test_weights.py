"""The weights editor, on a page of its own: sliders bound to the link, presets, the all-zero fallback."""

import numpy as np
from streamlit.testing.v1 import AppTest


def _editor_page():
    import streamlit as st

    from ui.controls import slider
    from ui.weights import weights_editor

    st.session_state.setdefault("unit", "bits")
    n = slider("n", 3)
    p = weights_editor("p", n, [5, 3, 2, 1, 1, 1, 1, 1], per_row=2)
    q = weights_editor("q", n, [1, 1, 1, 1, 1, 1, 1, 1], per_row=2, copy_of="p")
    st.write(f"p={p.tolist()} q={q.tolist()}")


def _shown(at: AppTest) -> str:
    return at.markdown[-1].value


def test_weights_become_a_distribution():
    at = AppTest.from_function(_editor_page).run()
    assert _shown(at) == f"p={[0.5, 0.3, 0.2]} q={(np.ones(3) / 3).tolist()}"
    assert [s.key for s in at.slider] == [
        "n",
        "p_weight1",
        "p_weight2",
        "p_weight3",
        "q_weight1",
        "q_weight2",
        "q_weight3",
    ]


def test_all_weights_zero_fall_back_to_uniform_with_a_note():
    at = AppTest.from_function(_editor_page)
    for i in (1, 2, 3):
        at.query_params[f"p_weight{i}"] = "0"
    at.run()
    assert _shown(at).startswith(f"p={(np.ones(3) / 3).tolist()}")
    assert [w.value for w in at.warning] == [
        "Every weight of p is 0, so there is no distribution: showing the uniform one instead."
    ]


def test_a_preset_sets_the_weights_and_n_and_clears_itself():
    at = AppTest.from_function(_editor_page).run()
    at.selectbox(key="p_preset").set_value("Loaded die").run()
    assert at.slider(key="n").value == 6
    assert [at.slider(key=f"p_weight{i}").value for i in range(1, 7)] == [1, 1, 1, 1, 1, 5]
    assert at.selectbox(key="p_preset").value is None
    at.selectbox(key="q_preset").set_value("q = p").run()
    assert [at.slider(key=f"q_weight{i}").value for i in range(1, 7)] == [1, 1, 1, 1, 1, 5]
    assert not at.exception
