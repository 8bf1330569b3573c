"""Surprisal: the surprise of one outcome, log(1/y), from certain to impossible."""

import streamlit as st

from core import format_value, surprisal, unit_base
from core.figures import surprisal_curve
from core.formulas import surprisal_formula
from pages import run_through_entry_point

run_through_entry_point()

unit = st.session_state.unit

st.title("Surprisal: how surprising is an outcome?")
st.markdown(
    "Rare outcomes surprise more; certain outcomes surprise not at all. An outcome of probability "
    "**y** carries a surprise of **log(1/y)**: halve the probability and the surprise grows by "
    "one bit."
)

y = st.slider("y: probability of the outcome", 0.0, 1.0, 0.25, 0.01, key="y", bind="query-params")
value = float(surprisal(y, unit_base(unit)))

st.metric("Surprisal log(1/y)", format_value(value, unit), border=True)
if y == 0:
    st.error(
        "An outcome of probability 0 is declared impossible. If it happened anyway, the surprise "
        "would be log(1/0): infinite.",
        icon=":material/all_inclusive:",
    )
st.plotly_chart(surprisal_curve(y, unit), width="stretch", config={"displayModeBar": False})
st.latex(surprisal_formula(y, unit))
st.markdown(
    """
- A fair coin landing heads (y = 1/2) carries **1 bit**; a fair die showing a six (y = 1/6)
  log₂ 6 ≈ **2.585 bits**; a 1-in-1000 event about **9.97 bits**.
- Surprisal adds up over independent outcomes: two heads in a row have probability 1/4 and carry
  2 bits, the sum of 1 bit and 1 bit.
- The base of the logarithm only sets the unit: base 2 gives bits, base e nats, base 10 hartleys.
"""
)
