"""Surprisal: the surprise of one outcome, log(1/y), from certain to impossible."""

import streamlit as st

from core import format_value, surprisal
from core.figures import surprisal_curve
from core.formulas import surprisal_formula
from pages import begin
from ui.charts import OwnControl, chart
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
chart(surprisal_curve(y, value, unit), key="curve", controls=[OwnControl("y", drag=True)])
st.latex(surprisal_formula(y, value, unit))
coin, die, rare, two_heads = (
    format_value(float(surprisal(chance, unit.base)), unit, decimals=3) for chance in (1 / 2, 1 / 6, 1e-3, 1 / 4)
)
st.markdown(
    f"""
- A fair coin landing heads (y = 1/2) carries **{coin}**; a fair die showing a six (y = 1/6)
  **{die}**; a 1-in-1000 event **{rare}**.
- Surprisal adds up over independent outcomes: two heads in a row have probability 1/4 and carry
  {two_heads}, the sum of {coin} and {coin}.
- The base of the logarithm only sets the unit: base 2 gives bits, base e nats, base 10 hartleys.
"""
)
