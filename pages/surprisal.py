"""Surprisal: the surprise of one outcome, log(1/y), from certain to impossible."""

import streamlit as st

from core import surprisal
from core.figures import surprisal_curve
from core.formulas import surprisal_formula
from pages import begin
from ui.charts import chart
from ui.controls import current_unit, slider
from ui.output import infinite, metrics

begin(__file__)  # shows the title and the lead paragraph of this page's registry row
unit = current_unit()

y = slider("y", 0.25)

value = float(surprisal(y, unit.base))

metrics([("Surprisal log(1/y)", value)], unit)
if y == 0:
    infinite(
        "An outcome of probability 0 is declared impossible. If it happened anyway, the surprise "
        "would be log(1/0): infinite."
    )
chart(surprisal_curve(y, value, unit), key="curve", control="y", drag=True)
st.latex(surprisal_formula(y, value, unit))
st.markdown(
    """
- A fair coin landing heads (y = 1/2) carries **1 bit**; a fair die showing a six (y = 1/6)
  log₂ 6 ≈ **2.585 bits**; a 1-in-1000 event about **9.97 bits**.
- Surprisal adds up over independent outcomes: two heads in a row have probability 1/4 and carry
  2 bits, the sum of 1 bit and 1 bit.
- The base of the logarithm only sets the unit: base 2 gives bits, base e nats, base 10 hartleys.
"""
)
