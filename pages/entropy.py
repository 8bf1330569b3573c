"""Entropy: the surprise to expect from a distribution, the probability-weighted average surprisal."""

import math

import streamlit as st

from core import entropy, format_value, unit_base
from core.distributions import MAX_OUTCOMES, MAX_WEIGHT, PRESETS, from_weights, preset_weights
from core.figures import binary_entropy_curve, distribution_bars, entropy_contributions
from core.formulas import entropy_formula
from pages import run_through_entry_point

run_through_entry_point()

DEFAULT_WEIGHTS = [4, 2, 1, 1, 1, 1, 1, 1]  # with n = 4: p = (1/2, 1/4, 1/8, 1/8), H(p) = 1.75 bits
unit = st.session_state.unit
base = unit_base(unit)


def apply_preset() -> None:
    name = st.session_state.preset
    st.session_state.preset = None  # a preset is an action, not a lasting choice
    if name is None:
        return
    weights = preset_weights(name, st.session_state.n)
    st.session_state.n = len(weights)
    for i, weight in enumerate(weights, start=1):
        st.session_state[f"p{i}"] = weight


st.title("Entropy: the average surprise")
st.markdown(
    "A distribution p gives each of its n outcomes a probability pᵢ. Its entropy "
    "**H(p) = Σᵢ pᵢ·log(1/pᵢ)** weighs each outcome's surprisal by how often it happens: the "
    "surprise you should expect. It is 0 when one outcome is certain and largest, log n, when all "
    "are equally likely."
)

st.pills(
    "Start from a preset, then adjust the weights",
    list(PRESETS),
    key="preset",
    on_change=apply_preset,
    help=" · ".join(f"{name}: {text}" for name, text in PRESETS.items()),
)

n = st.slider("n: number of outcomes", 2, MAX_OUTCOMES, 4, key="n", bind="query-params")
st.caption("Weight of each outcome: the probabilities are the weights divided by their sum.")
weights = []
for first in range(0, n, 4):  # row by row, so that on a phone the stacked sliders stay in order
    for column, i in zip(st.columns(4), range(first, min(first + 4, n)), strict=False):
        weights.append(
            column.slider(f"outcome {i + 1}", 0, MAX_WEIGHT, DEFAULT_WEIGHTS[i], key=f"p{i + 1}", bind="query-params")
        )
try:
    p = from_weights(weights)
except ValueError:
    st.warning("Every weight is 0, so there is no distribution: showing the uniform one instead.")
    p = from_weights([1] * n)

h = float(entropy(p, base))
entropy_col, max_col = st.columns(2)
entropy_col.metric("Entropy H(p)", format_value(h, unit), border=True)
max_col.metric("Maximum log n (uniform)", format_value(math.log(n) / math.log(base), unit), border=True)

bars_col, shares_col = st.columns(2)
bars_col.plotly_chart(distribution_bars(p), width="stretch", config={"displayModeBar": False})
shares_col.plotly_chart(entropy_contributions(p, unit), width="stretch", config={"displayModeBar": False})
if n == 2:
    st.markdown(
        "With two outcomes the whole story is one curve: the entropy of a coin that lands 1 with probability p."
    )
    st.plotly_chart(binary_entropy_curve(float(p[0]), unit), width="stretch", config={"displayModeBar": False})
st.latex(entropy_formula(p, unit, per_row=2))
