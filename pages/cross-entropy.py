"""Cross-entropy over n outcomes: the true p, an estimate q, and where the extra cost comes from."""

import streamlit as st

from core import compare
from core.figures import (
    binary_cross_entropy_map,
    cross_entropy_contributions,
    decomposition_bar,
    distribution_bars,
    normal_fits,
    simplex_cross_entropy_map,
)
from core.fitting import TWO_MODES, fit_both_directions
from core.formulas import comparison_formulas
from pages import begin, link_to
from ui.charts import chart
from ui.controls import current_unit, slider
from ui.output import comparison_metrics, directions_table, fits_table, infinite
from ui.sampling import sampling_panel
from ui.weights import true_and_estimate

begin(__file__)  # shows the title and the lead paragraph of this page's registry row
unit = current_unit()

n = slider("n", 3)
p, q = true_and_estimate(n)

c = compare(p, q, unit)

comparison_metrics(c)
if c.ruled_out:
    infinite(
        f"Outcome {', '.join(map(str, c.ruled_out))} can happen (p > 0), but q gives it probability 0: it "
        "was declared impossible. When it happens, its surprise log(1/0) is infinite, so H(p, q) and "
        "D(p‖q) are infinite too. An estimate must never rule out what can happen."
    )
bars, shares = st.columns(2)
chart(distribution_bars(c.p, c.q), key="distributions", container=bars)
chart(cross_entropy_contributions(c), key="shares", container=shares)
chart(decomposition_bar(c), key="decomposition")
for column, formula in zip(st.columns(3), comparison_formulas(c), strict=True):
    column.latex(formula)

st.header("The two directions differ")
st.markdown(
    "Swap the roles, judging q by p, and the numbers change: cross-entropy and KL divergence are "
    "not symmetric, so which distribution is the truth matters."
)
directions_table(c)
st.subheader("The two directions, shown")
st.markdown(
    "Fit one bump to a p with two: a fixed example, the same whatever p and q above. The bump is a "
    "discretised normal q, its qᵢ in proportion to a normal density of mean μ and spread σ at each "
    "outcome i, with μ and σ chosen to make one divergence as small as it can be."
)
fits = fit_both_directions(TWO_MODES, unit)
chart(normal_fits(fits), key="directions", label="Chart of a two-mode p and its best one-peak q in each direction")
fits_table(fits)
st.markdown(
    "D(p‖q) punishes q for missing where p has mass, so q spreads to cover both modes, and pays with "
    "mass in the valley between them. D(q‖p) punishes q for putting mass where p has little, so q "
    "settles on one mode and all but ignores the other: judged the other way, by D(p‖q), that costs "
    "it dearly. This p is symmetric, so the right mode would do exactly as well; the fit takes the "
    "left. Variational inference fits an approximation q to a distribution p by minimising D(q‖p): "
    "this is why its q tends to under-cover, too narrow and sure of one mode."
)

st.header("Every estimate at once")
square, triangle = st.columns(2)
with square:
    st.markdown("**Two outcomes:** H(p, q) over every true p (up) and estimate q (across).")
    chart(binary_cross_entropy_map(unit, c if n == 2 else None), key="square")
    st.caption(
        "The dark diagonal is q = p, where each row reaches its floor H(p). The curve on the first "
        "page is one row of this map." + ("" if n == 2 else " Set n = 2 to mark your p and q here.")
    )
with triangle:
    st.markdown("**Three outcomes:** H(p, q) for every estimate q in the probability triangle.")
    if n == 3:
        chart(simplex_cross_entropy_map(c), key="triangle")
        st.caption("Each point of the triangle is a distribution q; the star, p itself, is the one minimum.")
    else:
        st.info("Set n = 3 to see every estimate q of a three-outcome p as a point in a triangle.")

st.header("Sampling: the loss is an average over data")
st.markdown(
    "Draw outcomes x from p, one after another, and average their surprise under q, **log(1/q(x))**: by the law "
    "of large numbers the average tends to **H(p, q)**, and the average of log(1/p(x)) to **H(p)**. The band "
    "around each is ±2 standard errors, s/√k after k draws: it narrows as 1/√k, so four times the draws halve "
    "it. A model's training loss is exactly such an average of log(1/q(x)), over the examples of its data."
)
sampling_panel(c)
link_to("in-practice", "The training loss of a real classifier", icon=":material/model_training:")
