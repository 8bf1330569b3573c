"""The entropy page in AppTest."""

import math

import pytest

from core import BITS, NATS, entropy, format_value
from tests.pages.conftest import chart, charts, latex, metric_values

PAGE = "pages/entropy.py"


def test_defaults(open_link):
    at = open_link(PAGE)
    assert at.slider(key="n").value == 4
    assert [at.slider(key=f"p_weight{i}").value for i in range(1, 5)] == [4, 2, 1, 1]
    assert metric_values(at) == {"Entropy H(p)": "1.7500 bits", "Maximum log n (uniform)": "2.0000 bits"}
    bars = chart(at, 0)["data"][0]
    assert bars["text"] == ["0.500", "0.250", "0.125", "0.125"]
    assert latex(at).endswith(r"&= 1.7500\ \text{bits}\end{aligned}")
    assert len(charts(at)) == 2  # the binary curve shows only for two outcomes


@pytest.mark.parametrize("n", range(2, 9))
def test_every_number_of_outcomes(open_link, n):
    at = open_link(PAGE, n=str(n))
    weights = [4, 2, 1, 1, 1, 1, 1, 1][:n]
    expected = entropy([w / sum(weights) for w in weights])
    assert metric_values(at)["Entropy H(p)"] == format_value(expected, BITS)
    assert metric_values(at)["Maximum log n (uniform)"] == format_value(math.log2(n), BITS)
    assert len([s for s in at.slider if s.key.startswith("p_weight")]) == n
    assert len(charts(at)) == (3 if n == 2 else 2)


def test_weights_move_the_charts_and_metrics(open_link):
    at = open_link(PAGE)
    at.slider(key="p_weight1").set_value(1).run()
    at.slider(key="p_weight2").set_value(1).run()
    assert metric_values(at)["Entropy H(p)"] == "2.0000 bits"
    assert chart(at, 0)["data"][0]["text"] == ["0.250"] * 4


@pytest.mark.parametrize(
    ("preset", "n", "entropy_text"),
    [
        ("Uniform", 4, "2.0000 bits"),
        ("Fair coin", 2, "1.0000 bits"),
        ("Loaded die", 6, "2.1610 bits"),
        ("Certain", 4, "0.0000 bits"),
    ],
)
def test_presets_then_adjust(open_link, preset, n, entropy_text):
    at = open_link(PAGE)
    at.selectbox(key="p_preset").set_value(preset).run()
    assert at.slider(key="n").value == n
    assert metric_values(at)["Entropy H(p)"] == entropy_text
    assert at.selectbox(key="p_preset").value is None  # ready for the next preset
    at.slider(key="p_weight2").set_value(10).run()  # and the weights can still be adjusted
    assert metric_values(at)["Entropy H(p)"] != entropy_text
    assert not at.exception


def test_all_weights_zero_falls_back_to_uniform_with_a_note(open_link):
    at = open_link(PAGE, n="3", p_weight1="0", p_weight2="0", p_weight3="0")
    assert metric_values(at)["Entropy H(p)"] == format_value(math.log2(3), BITS)
    assert "Every weight of p is 0" in at.warning[0].value


def test_link_restores_and_bad_links_fall_back(open_link):
    at = open_link(PAGE, n="3", p_weight1="1", p_weight2="1", p_weight3="2", unit="nats")
    assert metric_values(at)["Entropy H(p)"] == format_value(entropy([0.25, 0.25, 0.5], math.e), NATS)
    at = open_link(PAGE, n="12", p_weight1="banana", p_weight2="11")
    assert at.slider(key="n").value == 4 and at.slider(key="p_weight1").value == 4
    notes = " ".join(w.value for w in at.warning)
    assert "`n`" in notes and "`p_weight1`" in notes and "`p_weight2`" in notes
