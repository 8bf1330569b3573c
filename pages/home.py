"""The headline: cross-entropy H(p, q) over every prediction q, touching the entropy floor at q = p."""

import streamlit as st

from core import binary_cross_entropy, binary_entropy, format_value, kl_divergence, unit_base
from core.figures import cross_entropy_curve
from core.formulas import binary_formulas
from pages import run_through_entry_point

run_through_entry_point()

unit = st.session_state.unit
base = unit_base(unit)

st.title("Cross-entropy: the cost of a wrong belief")
st.markdown(
    "An outcome happens with true probability **p**; a model predicts it with probability **q**. "
    "Move **q** and watch the average surprise, the cross-entropy, rise as the prediction leaves the "
    "truth, and touch its floor, the entropy, exactly where **q = p**."
)

left, right = st.columns(2)
p = left.slider("p: true probability of outcome 1", 0.0, 1.0, 0.3, 0.01, key="p", bind="query-params")
q = right.slider("q: predicted probability of outcome 1", 0.0, 1.0, 0.65, 0.01, key="q", bind="query-params")

h = float(binary_entropy(p, base))
hpq = float(binary_cross_entropy(p, q, base))
kl = float(kl_divergence([p, 1 - p], [q, 1 - q], base))

entropy_col, cross_col, kl_col = st.columns(3)
entropy_col.metric("Entropy H(p)", format_value(h, unit), border=True)
cross_col.metric("Cross-entropy H(p, q)", format_value(hpq, unit), border=True)
kl_col.metric("KL divergence D(p‖q)", format_value(kl, unit), border=True)

if hpq == float("inf"):
    impossible = "1" if q == 0 else "2"
    st.error(
        f"The prediction gives outcome {impossible} probability 0, but it happens with probability "
        f"{p if q == 0 else 1 - p:.2f}. Its surprise, log(1/0), is infinite, and so is the cross-entropy.",
        icon=":material/all_inclusive:",
    )

st.plotly_chart(cross_entropy_curve(p, q, unit), width="stretch", config={"displayModeBar": False})
for column, formula in zip(st.columns(3), binary_formulas(p, q, unit), strict=True):
    column.latex(formula)

st.subheader("From surprise to a loss function")
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
