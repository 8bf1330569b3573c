"""The headline: cross-entropy H(p, q) over every prediction q, touching the entropy floor at q = p."""

import streamlit as st

from core import compare_binary
from core.figures import cross_entropy_curve
from core.formulas import comparison_formulas
from pages import begin
from ui.charts import OwnControl, chart
from ui.controls import current_unit, slider
from ui.output import comparison_metrics, infinite

begin(__file__)  # shows the title and the lead paragraph of this page's registry row
unit = current_unit()

left, right = st.columns(2, wrap=False)  # side by side on a phone too: the chart then starts on its first screen
p = slider("p", 0.3, container=left)
q = slider("q", 0.65, container=right)

c = compare_binary(p, q, unit)

comparison_metrics(c)
if c.ruled_out:
    (outcome,) = c.ruled_out
    infinite(
        f"The prediction gives outcome {outcome} probability 0, but it happens with probability "
        f"{c.p[outcome - 1]:.2f}. Its surprise, log(1/0), is infinite, and so is the cross-entropy."
    )
# Drag q along the curve; sweep p to see every floor sit on the locus of the minima.
chart(cross_entropy_curve(c), key="curve", controls=[OwnControl("q", drag=True), OwnControl("p", play="sweep")])
for column, formula in zip(st.columns(3), comparison_formulas(c), strict=True):
    column.latex(formula)

st.header("From surprise to a loss function")
st.markdown(
    """
- **Surprisal.** An outcome of probability y surprises by log(1/y): a certain outcome not at all, a
  rare one a lot, an impossible one infinitely.
- **Entropy.** H(p) = Σᵢ pᵢ·log(1/pᵢ), the sum running over the n outcomes, is the surprise you
  expect when you know the true probabilities p (with 0·log(1/0) = 0).
- **Cross-entropy.** H(p, q) = Σᵢ pᵢ·log(1/qᵢ) is the surprise you expect when outcomes happen
  with p but you judge them by q. It is never below the entropy: H(p, q) ≥ H(p), with equality if
  and only if q = p (Gibbs' inequality). The excess, D(p‖q) = H(p, q) − H(p), is the KL divergence,
  the shaded gap in the chart.
- **Loss.** Because H(p, q) is smallest exactly at q = p, minimising it pushes a model's predictions
  q toward the true distribution p. That is why cross-entropy is the standard loss for training
  classifiers; binary cross-entropy is the two-outcome case drawn here.
"""
)
