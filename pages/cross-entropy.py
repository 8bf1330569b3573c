"""Cross-entropy over n outcomes: the true p, an estimate q, and where the extra cost comes from."""

import numpy as np
import streamlit as st

from core import cross_entropy, entropy, format_value, kl_divergence, unit_base
from core.distributions import MAX_OUTCOMES, MAX_WEIGHT, PRESETS, from_weights, preset_weights
from core.figures import (
    binary_cross_entropy_map,
    cross_entropy_contributions,
    decomposition_bar,
    distribution_bars,
    simplex_cross_entropy_map,
)
from core.formulas import cross_entropy_formula, entropy_formula, kl_formula
from pages import run_through_entry_point

run_through_entry_point()

DEFAULTS = {"p": [5, 3, 2, 1, 1, 1, 1, 1], "q": [2, 5, 3, 1, 1, 1, 1, 1]}  # n = 3: p = (.5, .3, .2)
NO_TOOLBAR = {"displayModeBar": False}
unit = st.session_state.unit
base = unit_base(unit)


def apply_preset(name: str) -> None:
    preset = st.session_state[f"{name}-preset"]
    st.session_state[f"{name}-preset"] = None  # a preset is an action, not a lasting choice
    if preset is None:
        return
    if preset == "q = p":
        weights = [st.session_state[f"p{i}"] for i in range(1, st.session_state.n + 1)]
    else:
        weights = preset_weights(preset, st.session_state.n)
    st.session_state.n = len(weights)
    for i, weight in enumerate(weights, start=1):
        st.session_state[f"{name}{i}"] = weight


st.title("Cross-entropy: judging p by q")
st.markdown(
    "Outcomes happen with the true probabilities **p**, but you judge their surprise with an "
    "estimate **q**. The surprise you then expect is the cross-entropy **H(p, q) = Σᵢ pᵢ·log(1/qᵢ)**. "
    "It is never below the entropy H(p), and equals it only when q = p; the excess is the KL "
    "divergence **D(p‖q)**."
)

n = st.slider("n: number of outcomes", 2, MAX_OUTCOMES, 3, key="n", bind="query-params")
distributions = {}
for column, (name, title) in zip(st.columns(2, gap="large"), [("p", "True p"), ("q", "Estimate q")], strict=True):
    with column:
        st.subheader(title)
        st.selectbox(
            f"Presets for {name}",
            [*PRESETS, "q = p"] if name == "q" else list(PRESETS),
            index=None,
            key=f"{name}-preset",
            placeholder="Start from a preset…",
            on_change=apply_preset,
            args=(name,),
            label_visibility="collapsed",
        )
        weights = []
        for first in range(0, n, 2):  # row by row, so that on a phone the stacked sliders stay in order
            for column, i in zip(st.columns(2), range(first, min(first + 2, n)), strict=False):
                weights.append(
                    column.slider(
                        f"{name}: outcome {i + 1}",
                        0,
                        MAX_WEIGHT,
                        DEFAULTS[name][i],
                        key=f"{name}{i + 1}",
                        bind="query-params",
                    )
                )
        try:
            distributions[name] = from_weights(weights)
        except ValueError:
            st.warning(f"Every weight of {name} is 0, so there is no distribution: using the uniform one.")
            distributions[name] = from_weights([1] * n)
p, q = distributions["p"], distributions["q"]

h, hpq, kl = float(entropy(p, base)), float(cross_entropy(p, q, base)), float(kl_divergence(p, q, base))
metrics = st.columns(3)
metrics[0].metric("Entropy H(p)", format_value(h, unit), border=True)
metrics[1].metric("Cross-entropy H(p, q)", format_value(hpq, unit), border=True)
metrics[2].metric("KL divergence D(p‖q)", format_value(kl, unit), border=True)
ruled_out = [i + 1 for i in np.flatnonzero((p > 0) & (q == 0))]
if ruled_out:
    outcomes = ", ".join(str(i) for i in ruled_out)
    st.error(
        f"Outcome {outcomes} can happen (p > 0), but q gives it probability 0: it was declared "
        "impossible. When it happens, its surprise log(1/0) is infinite, so H(p, q) and D(p‖q) are "
        "infinite too. An estimate must never rule out what can happen.",
        icon=":material/all_inclusive:",
    )

bars, shares = st.columns(2)
bars.plotly_chart(distribution_bars(p, q), width="stretch", config=NO_TOOLBAR)
shares.plotly_chart(cross_entropy_contributions(p, q, unit), width="stretch", config=NO_TOOLBAR)
st.plotly_chart(decomposition_bar(p, q, unit), width="stretch", config=NO_TOOLBAR)
for column, formula in zip(
    st.columns(3),
    [entropy_formula(p, unit), cross_entropy_formula(p, q, unit), kl_formula(p, q, unit)],
    strict=True,
):
    column.latex(formula)

st.subheader("The two directions differ")
st.markdown(
    "Swap the roles, judging q by p, and the numbers change: cross-entropy and KL divergence are "
    "not symmetric, so which distribution is the truth matters."
)
hqp, kl_qp = float(cross_entropy(q, p, base)), float(kl_divergence(q, p, base))
st.markdown(
    f"""
| | truth p, estimate q | truth q, estimate p |
| --- | --- | --- |
| cross-entropy | H(p, q) = {format_value(hpq, unit)} | H(q, p) = {format_value(hqp, unit)} |
| KL divergence | D(p‖q) = {format_value(kl, unit)} | D(q‖p) = {format_value(kl_qp, unit)} |
"""
)

st.subheader("Every estimate at once")
square, triangle = st.columns(2)
with square:
    st.markdown("**Two outcomes:** H(p, q) over every true p (up) and estimate q (across).")
    current = (float(p[0]), float(q[0])) if n == 2 else (None, None)
    st.plotly_chart(binary_cross_entropy_map(*current, unit), width="stretch", config=NO_TOOLBAR)
    st.caption(
        "The dark diagonal is q = p, where each row reaches its floor H(p). The curve on the first "
        "page is one row of this map." + ("" if n == 2 else " Set n = 2 to mark your p and q here.")
    )
with triangle:
    st.markdown("**Three outcomes:** H(p, q) for every estimate q in the probability triangle.")
    if n == 3:
        st.plotly_chart(simplex_cross_entropy_map(p, q, unit), width="stretch", config=NO_TOOLBAR)
        st.caption("Each point of the triangle is a distribution q; the star, p itself, is the one minimum.")
    else:
        st.info("Set n = 3 to see every estimate q of a three-outcome p as a point in a triangle.")
