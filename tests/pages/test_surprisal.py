"""The surprisal page in AppTest."""

import re

import pytest

from tests.pages.conftest import chart, latex, metric_values

PAGE = "pages/surprisal.py"


def _marker(at):
    return next(t for t in chart(at)["data"] if t["name"] == "Your probability y")


def test_defaults(open_link):
    at = open_link(PAGE)
    assert at.slider(key="y").value == 0.25
    assert metric_values(at) == {"Surprisal log(1/y)": "2.0000 bits"}
    assert latex(at) == r"\log_2\frac{1}{0.25} = 2.0000\ \text{bits}"
    assert _marker(at)["x"] == [0.25]


def test_slider_and_unit_move_the_numbers(open_link):
    at = open_link(PAGE)
    at.slider(key="y").set_value(0.5).run()
    assert metric_values(at)["Surprisal log(1/y)"] == "1.0000 bits"
    assert _marker(at)["x"] == [0.5]
    at = open_link(PAGE, y="0.5", unit="nats")
    assert metric_values(at)["Surprisal log(1/y)"] == "0.6931 nats"
    assert chart(at)["layout"]["yaxis"]["title"]["text"] == "surprisal log(1/y) [nats]"


@pytest.mark.parametrize(("y", "expected"), [("0", "∞"), ("1", "0.0000 bits"), ("0.01", "6.6439 bits")])
def test_extremes(open_link, y, expected):
    at = open_link(PAGE, y=y)
    assert metric_values(at)["Surprisal log(1/y)"] == expected
    assert bool(at.error) == (y == "0")


def test_link_restores_and_bad_links_fall_back(open_link):
    at = open_link(PAGE, y="0.5", unit="hartleys")
    assert metric_values(at)["Surprisal log(1/y)"] == "0.3010 hartleys"
    at = open_link(PAGE, y="-1")
    assert at.slider(key="y").value == 0.25
    assert "`y`" in at.warning[0].value


@pytest.mark.parametrize(
    ("unit", "halving", "coin", "two_heads"),
    [
        ("bits", "one bit", "1.000 bits", "2.000 bits"),
        ("nats", "0.693 nats", "0.693 nats", "1.386 nats"),
        ("hartleys", "0.301 hartleys", "0.301 hartleys", "0.602 hartleys"),
    ],
)
def test_the_words_follow_the_unit(open_link, unit, halving, coin, two_heads):
    at = open_link(PAGE, unit=unit)
    text = " ".join(m.value for m in at.markdown)
    assert f"grows by log 2, {halving}." in text
    assert f"carries **{coin}**" in text and f"carry\n  {two_heads}, the sum of {coin} and {coin}" in text
    if unit != "bits":
        assert not re.search(r"\d\s*\**\s*bits?\b|one bit", text)  # no number in bits on a page in nats
