"""Entropy: the surprise to expect from a distribution, the probability-weighted average surprisal."""

import streamlit as st

from core import compare
from core.figures import binary_entropy_curve, distribution_bars, entropy_contributions
from core.formulas import entropy_formula
from pages import begin
from ui.charts import chart
from ui.controls import current_unit, slider
from ui.output import metrics
from ui.weights import weights_editor

begin(__file__)  # shows the title and the lead paragraph of this page's registry row
unit = current_unit()

n = slider("n", 4)
# With n = 4 the defaults give p = (1/2, 1/4, 1/8, 1/8): H(p) = 1.75 bits.
p = weights_editor("p", n, [4, 2, 1, 1, 1, 1, 1, 1], per_row=4)

c = compare(p, unit=unit)

metrics([("Entropy H(p)", c.entropy), ("Maximum log n (uniform)", c.max_entropy)], unit)
bars, shares = st.columns(2)
chart(distribution_bars(c.p), key="distribution", container=bars)
chart(entropy_contributions(c), key="shares", container=shares)
if n == 2:
    st.markdown(
        "With two outcomes the whole story is one curve: the entropy of a coin that lands 1 with probability p."
    )
    chart(binary_entropy_curve(float(c.p[0]), c.entropy, unit), key="binary-entropy")
st.latex(entropy_formula(c))  # a term a row: it fits a phone, as on the other pages
