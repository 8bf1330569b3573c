"""The loss page in AppTest."""

import math

import numpy as np
import pytest

from core import BITS, NATS, cross_entropy_loss, format_value
from core.descent import gradient_descent
from core.frameworks import framework_losses
from tests.pages.conftest import array, chart, charts, metric_values

PAGE = "pages/loss.py"


def _framework_table(at):
    """The framework table's rows, parsed from its Markdown: {column: [cells]}."""
    table = next(m.value for m in at.markdown if m.value.startswith("| computed by"))
    header, _, *rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()]
    return {column: [row[i] for row in rows] for i, column in enumerate(header)}


def test_defaults(open_link):
    at = open_link(PAGE)
    z = [-1.0, 2.0, 0.5]
    loss = cross_entropy_loss(z, 0)
    assert metric_values(at)["Loss H(p, q)"] == format_value(loss / math.log(2), BITS)
    assert metric_values(at)["Loss floor H(p)"] == "0.0000 bits"
    assert format_value(loss, decimals=6) in at.caption[0].value  # what PyTorch reports
    assert len(charts(at)) == 6
    (control,) = chart(at, 3)["controls"]  # the descent's own slider, with ▶, moves the page's steps
    assert (control["key"], control["active"], control["play"], control["drag"]) == ("steps", 60, "once", False)
    assert control["values"] == list(range(201)) and "sliders" not in chart(at, 3)["layout"]
    assert "After 60 steps" in at.caption[1].value
    table = _framework_table(at)
    assert table["computed by"] == [
        "**exact**: the mathematics",
        "**PyTorch BCELoss**: each log clamped at −100",
        "**scikit-learn log_loss**: q clipped to [ε, 1 − ε], ε = 2.2e-16",
        "**Keras**: q clipped to [1e-7, 1 − 1e-7]",
    ]
    assert list(table["nats"])[:2] == ["∞", "100.000000"]
    namespace = {}
    numpy_snippet = next(code.value for code in at.code if code.value.startswith("import numpy"))
    exec(numpy_snippet, namespace)  # the NumPy tab: the loss on the screen
    assert namespace["loss"] == pytest.approx(loss, rel=1e-12)


def test_logits_target_and_smoothing_move_everything(open_link):
    at = open_link(PAGE, unit="nats")
    at.slider(key="logit1").set_value(4.0).run()
    at.segmented_control(key="label").set_value("2").run()
    at.slider(key="smoothing").set_value(0.3).run()
    z = np.array([4.0, 2.0, 0.5])
    expected = cross_entropy_loss(z, 1, label_smoothing=0.3)
    assert metric_values(at)["Loss H(p, q)"] == format_value(expected, NATS)
    target = array(chart(at, 0)["data"][0]["y"])
    np.testing.assert_allclose(target, [0.1, 0.8, 0.1])
    gradient = array(chart(at, 1)["data"][0]["y"])
    assert gradient[0] > 0 > gradient[1]  # class 1 is over-predicted, class 2 under


def test_soft_target(open_link):
    at = open_link(PAGE, label="soft", p_weight1="1", p_weight2="1", p_weight3="2")
    p = [0.25, 0.25, 0.5]
    assert metric_values(at)["Loss floor H(p)"] == "1.5000 bits"
    expected = cross_entropy_loss([-1.0, 2.0, 0.5], np.array(p)) / math.log(2)
    assert metric_values(at)["Loss H(p, q)"] == format_value(expected, BITS)


def test_descent_controls(open_link):
    at = open_link(PAGE, steps="0")
    run = gradient_descent([-1.0, 2.0, 0.5], [1.0, 0.0, 0.0], learning_rate=1.0, steps=200)
    assert chart(at, 3)["controls"][0]["active"] == 0 and chart(at, 2)["data"][2]["x"] == [0]
    assert f"After 0 steps: loss {format_value(run.loss[0] / math.log(2), BITS)}" in at.caption[1].value
    at = open_link(PAGE, steps="200", lr="5.0")
    run = gradient_descent([-1.0, 2.0, 0.5], [1.0, 0.0, 0.0], learning_rate=5.0, steps=200)
    assert chart(at, 3)["controls"][0]["active"] == 200
    assert f"q = ({', '.join(f'{v:.3f}' for v in run.q[200])})" in at.caption[1].value
    path = chart(at, 3)["data"][-2]
    at.slider(key="steps").set_value(20).run()  # the step moves along the same run: the path stays
    assert chart(at, 3)["controls"][0]["active"] == 20 and chart(at, 3)["data"][-2] == path
    marker = len(chart(at, 3)["data"]) - 1
    assert sorted(tuple(change[0]) for change in charts(at)[3]["changes"]["set"]) == [
        ("controls", 0, "active"),
        ("data", marker, "x"),
        ("data", marker, "y"),
    ]  # and the browser is sent only the marker's move
    assert not at.exception


@pytest.mark.parametrize(("target", "pred"), [("1", "0"), ("0", "1"), ("0", "0.65"), ("1", "1")])
def test_framework_table_follows_its_controls(open_link, target, pred):
    at = open_link(PAGE, target=target, pred=pred, unit="hartleys")
    expected = framework_losses(float(target), float(pred))
    table = _framework_table(at)
    assert table["computed by"] == [f"**{r.library}**: {r.convention}" for r in expected]
    assert table["nats"] == [format_value(r.loss, decimals=6) for r in expected]
    assert table["hartleys"] == [format_value(r.loss / math.log(10), decimals=6) for r in expected]


@pytest.mark.parametrize("pred", ["0", "0.5", "1"])
def test_the_framework_table_shows_no_value_for_a_soft_target_scikit_learn_rejects(open_link, pred):
    at = open_link(PAGE, target="0.3", pred=pred)
    table = _framework_table(at)
    sklearn = table["computed by"].index("**scikit-learn log_loss**: rejects a soft target: y_true must be 0 or 1")
    assert table["nats"][sklearn] == table["bits"][sklearn] == "—"
    assert all(cell != "—" for i, cell in enumerate(table["nats"]) if i != sklearn)


def test_bad_links_fall_back(open_link):
    at = open_link(PAGE, logit1="99", label="7", lr="0.42", smoothing="-1", steps="1e9", target="2", logit="-9")
    assert at.slider(key="logit1").value == -1.0 and at.segmented_control(key="label").value == "1"
    assert (at.slider(key="target").value, at.slider(key="logit").value) == (1.0, -4.0)
    notes = " ".join(w.value for w in at.warning)
    for key in ("logit1", "label", "lr", "smoothing", "steps", "target", "logit"):
        assert f"`{key}`" in notes


def test_an_empty_class_in_the_link_falls_back_to_class_1(open_link):
    at = open_link(PAGE, label="")
    assert metric_values(at)["Loss floor H(p)"] == "0.0000 bits"
    assert "`label`, an empty value" in at.warning[0].value


@pytest.mark.parametrize(("unit", "note"), [("nats", ""), ("bits", " (of the loss in bits: (q − p)/ln 2)")])
def test_the_gradient_says_its_unit(open_link, unit, note):
    at = open_link(PAGE, unit=unit)
    assert f"**Gradient of the loss in nats with respect to each logit: q − p**{note}" in [m.value for m in at.markdown]


@pytest.mark.parametrize("unit", ["bits", "nats", "hartleys"])
def test_the_perplexity_beside_the_loss_is_the_same_in_every_unit(open_link, unit):
    at = open_link("pages/loss.py", unit=unit)
    loss = float(cross_entropy_loss([-1.0, 2.0, 0.5], 0))  # the defaults, in nats
    assert metric_values(at)["Perplexity"] == format_value(math.exp(loss)) == "25.5672"


def test_in_practice_shows_each_losss_perplexity(open_link):
    values = metric_values(open_link("pages/in-practice.py", unit="bits"))
    for split in ("Train", "Test"):
        bits = float(values[f"{split} cross-entropy"].removesuffix(" bits"))
        assert float(values[f"{split} perplexity"]) == pytest.approx(2**bits, rel=1e-3)
