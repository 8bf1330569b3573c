"""The home page in AppTest: defaults, sliders, units, ∞, shareable links and bad links."""

import json

import pytest

from core import binary_entropy
from core.figures.curves import LOCUS
from tests.pages.conftest import array, chart, latex, metric_values, open_expanders


def _trace(spec, name):
    return next(t for t in spec["data"] if t["name"] == name)


def test_defaults(open_link):
    at = open_link()
    assert at.title[0].value == "Cross-entropy: the cost of a wrong belief"
    assert at.slider(key="p").value == 0.3 and at.slider(key="q").value == 0.65
    assert at.radio(key="unit").value == "bits"
    assert metric_values(at) == {
        "Entropy H(p)": "0.8813 bits",
        "Cross-entropy H(p, q)": "1.2466 bits",
        "KL divergence D(p‖q)": "0.3654 bits",
    }
    assert r"\frac{1}{0.65}" in latex(at, 1) and r"1.2466\ \text{bits}" in latex(at, 1)
    assert "Gibbs' inequality" in at.markdown[-1].value
    assert not at.warning and not at.error


def test_the_chart_shows_every_floor_and_sweeps_p(open_link):
    at = open_link(p="0.4")
    figure = chart(at)
    locus = _trace(figure, LOCUS)
    assert array(locus["y"]) == [float(binary_entropy(x)) for x in array(locus["x"])]  # bits, exactly
    q, p = figure["controls"]
    assert (q["key"], q["drag"], q["play"]) == ("q", True, None)
    assert (p["key"], p["drag"], p["play"], p["active"]) == ("p", False, "sweep", 40)
    assert at.slider(key="p").value == 0.4 and not at.slider(key="p").disabled


def test_lock_p_keeps_the_p_slider_in_sight_disabled_and_the_sweep_off(open_link):
    at = open_link(lock="p", p="0.4")
    assert at.slider(key="p").disabled and at.slider(key="p").value == 0.4
    assert [control["disabled"] for control in chart(at)["controls"]] == [False, True]


def test_sliders_move_the_chart_metrics_and_formula(open_link):
    at = open_link()
    before = chart(at)
    at.slider(key="q").set_value(0.3).run()
    assert metric_values(at)["KL divergence D(p‖q)"] == "0.0000 bits"
    assert metric_values(at)["Cross-entropy H(p, q)"] == metric_values(at)["Entropy H(p)"]
    after = chart(at)
    assert _trace(after, "Your prediction q")["x"] == [0.3]
    assert _trace(before, "Your prediction q")["x"] == [0.65]
    at.slider(key="p").set_value(0.5).run()
    assert metric_values(at)["Entropy H(p)"] == "1.0000 bits"
    assert _trace(chart(at), "Minimum at q = p")["x"] == [0.5]
    assert r"0.50\,\log_2\frac{1}{0.30}" in latex(at, 1)


def test_unit_applies_to_every_number_and_axis(open_link):
    at = open_link()
    at.radio(key="unit").set_value("nats").run()
    values = metric_values(at)
    assert values["Entropy H(p)"] == "0.6109 nats" and values["Cross-entropy H(p, q)"] == "0.8641 nats"
    assert chart(at)["layout"]["yaxis"]["title"]["text"] == "cross-entropy H(p, q) [nats]"
    assert r"\ln" in latex(at) and r"\text{nats}" in latex(at)


@pytest.mark.parametrize("q", ["0", "1"])
def test_certain_wrong_prediction_shows_infinity(open_link, q):
    at = open_link(p="0.3", q=q)
    values = metric_values(at)
    assert values["Cross-entropy H(p, q)"] == "∞" and values["KL divergence D(p‖q)"] == "∞"
    assert values["Entropy H(p)"] == "0.8813 bits"
    assert "infinite" in at.error[0].value
    point = next(t for t in chart(at)["data"] if t["name"] == "Your prediction q")
    assert "H(p, q) = ∞" in point["text"][0] and point["marker"]["symbol"] == "triangle-up"


def test_certain_and_right_costs_nothing(open_link):
    at = open_link(p="1", q="1")
    assert set(metric_values(at).values()) == {"0.0000 bits"}
    assert not at.error


def test_link_restores_the_view(open_link):
    at = open_link(p="0.3", q="0.65", unit="nats")
    assert (at.slider(key="p").value, at.slider(key="q").value, at.radio(key="unit").value) == (0.3, 0.65, "nats")
    assert metric_values(at)["Cross-entropy H(p, q)"] == "0.8641 nats"
    at = open_link(p="0.9", q="0.12", unit="hartleys")
    assert (at.slider(key="p").value, at.slider(key="q").value) == (0.9, 0.12)
    assert metric_values(at)["Entropy H(p)"].endswith("hartleys")
    assert not at.warning


def test_share_link_shows_the_state(open_link):
    at = open_link(p="0.9", q="0.12")
    (share,) = [c for c in at.get("bidi_component") if c.proto.id.endswith("-share-link")]
    link = json.loads(share.proto.json)["link"]
    assert link.startswith("/?") and "p=0.9" in link and "q=0.12" in link


@pytest.mark.parametrize(
    "params",
    [
        {"p": "banana"},
        {"q": "2"},
        {"unit": "<script>alert(1)</script>"},
        {"p": "nan", "q": "-inf"},
        {"p": "-0.5", "q": "1e400", "unit": ""},
        {"p": ["0.2", "0.4"]},
    ],
)
def test_bad_links_fall_back_to_defaults_with_a_note(open_link, params):
    at = open_link(**params)
    assert at.slider(key="p").value == 0.3 and at.slider(key="q").value == 0.65
    assert at.radio(key="unit").value == "bits"
    notes = " ".join(w.value for w in at.warning)
    for key in params:
        assert f"`{key}`" in notes
    assert "the default is used" in notes
    at.slider(key="q").set_value(0.5).run()  # the note is for the opening link only
    assert not at.warning and not at.exception


def test_the_charts_data_can_be_downloaded_as_csv(open_link):
    at = open_link(q="0.2")
    tables = lambda: [m for m in at.markdown if "\n| " in m.value]  # noqa: E731
    assert not at.get("download_button") and not tables()  # closed: nothing in it is sent
    (download,) = open_expanders(at, "chart-curve-data").get("download_button")
    assert tables()
    assert download.proto.label == "Download all its data (CSV)"
    assert at.expander[0].label == "Data: cross-entropy H(p, q) [bits] against predicted probability q"
