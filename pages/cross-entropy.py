"""Cross-entropy over n outcomes: the true p, an estimate q, and where the extra cost comes from."""

import streamlit as st

from core import compare, format_value
from core.figures import (
    binary_cross_entropy_map,
    cross_entropy_contributions,
    decomposition_bar,
    distribution_bars,
    running_means_curve,
    simplex_cross_entropy_map,
)
from core.formulas import comparison_formulas
from core.sampling import running_means, summary
from pages import PAGES, begin
from ui.charts import chart
from ui.controls import current_unit, slider
from ui.output import comparison_metrics, infinite, metrics, table
from ui.play import pace, played_slider, rerun_page
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
table(
    ["measure", "truth p, estimate q", "truth q, estimate p"],
    [
        [
            "cross-entropy",
            f"H(p, q) = {format_value(c.cross_entropy, unit)}",
            f"H(q, p) = {format_value(c.reversed_cross_entropy, unit)}",
        ],
        [
            "KL divergence",
            f"D(p‖q) = {format_value(c.kl_divergence, unit)}",
            f"D(q‖p) = {format_value(c.reversed_kl_divergence, unit)}",
        ],
    ],
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


@st.fragment(run_every=pace("draws"))
def draws_from_p() -> None:
    """While ▶ plays, this part of the page reruns alone, a few times a second, drawing more each time."""
    count_column, play_column, seed_column = st.columns([3, 1, 3], vertical_alignment="bottom")
    count = played_slider("draws", 100, container=count_column, button=play_column)
    seed = slider("seed", 1, container=seed_column, on_change=rerun_page)  # the share links follow it
    s = running_means(c.p, c.q, count, seed, unit)
    metrics([("Average of log(1/q(x))", s.cross_entropy[-1]), ("Average of log(1/p(x))", s.entropy[-1])], unit)
    if s.infinite_from is not None:
        outcome = int(s.outcomes[s.infinite_from - 1]) + 1
        infinite(
            f"Draw {s.infinite_from} is outcome {outcome}, which q gives probability 0: its surprise log(1/0) is "
            "infinite, and so is every average that includes it. One example a model calls impossible makes its "
            "whole training loss infinite."
        )
    st.caption(summary(s))
    chart(running_means_curve(s), key="sampling")


draws_from_p()
st.page_link(
    next(page.path for page in PAGES if page.url_path == "in-practice"),
    label="The training loss of a real classifier: 6 · In practice",
    icon=":material/model_training:",
)
