"""The cross-entropy page in AppTest."""

import math

import pytest

from core import BITS, NATS, cross_entropy, entropy, format_value, kl_divergence
from core.fitting import TWO_MODES, fit_both_directions
from core.sampling import running_means, summary
from tests.pages.conftest import array, charts, metric_values

PAGE = "pages/cross-entropy.py"


def _swap_table(at):
    return next(m.value for m in at.markdown if "truth q, estimate p" in m.value)


def _charts(at):
    return [c["figure"] for c in charts(at)]


def _chart(at, key):
    """The chart shown under this key (``chart(..., key=...)`` on the page)."""
    return next(c["figure"] for c in charts(at) if c["name"] == key)


def _fits_table(at):
    return next(m.value for m in at.markdown if m.value.startswith("| best q by | μ | σ |"))


def test_defaults(open_link):
    at = open_link(PAGE)
    p, q = [0.5, 0.3, 0.2], [0.2, 0.5, 0.3]
    values = metric_values(at)
    assert values["Entropy H(p)"] == format_value(entropy(p), BITS)
    assert values["Cross-entropy H(p, q)"] == format_value(cross_entropy(p, q), BITS)
    assert values["KL divergence D(p‖q)"] == format_value(kl_divergence(p, q), BITS)
    table = _swap_table(at)
    assert f"H(q, p) = {format_value(cross_entropy(q, p), BITS)}" in table
    assert f"D(q‖p) = {format_value(kl_divergence(q, p), BITS)}" in table
    assert f"H(p, q) = {values['Cross-entropy H(p, q)']}" in table
    # bars, shares, stacked bar, the two fits, square map, triangle map (n = 3), averages over draws
    assert len(_charts(at)) == 7
    assert [t["name"] for t in _chart(at, "triangle")["data"]][-2:] == ["p: the minimum", "your estimate q"]
    assert not at.error


def test_ruling_out_an_outcome_that_happens_is_infinite(open_link):
    at = open_link(PAGE)
    at.slider(key="q_weight2").set_value(0).run()
    values = metric_values(at)
    assert values["Cross-entropy H(p, q)"] == "∞" and values["KL divergence D(p‖q)"] == "∞"
    assert "H(q, p) = ∞" not in _swap_table(at) and "D(p‖q) = ∞" in _swap_table(at)
    assert "Outcome 2 can happen" in at.error[0].value
    shares = _charts(at)[1]
    assert shares["data"][1]["customdata"][1] == "∞" and [a["text"] for a in shares["layout"]["annotations"]] == ["∞"]


def test_q_equal_to_p_costs_only_the_entropy(open_link):
    at = open_link(PAGE)
    at.selectbox(key="q_preset").set_value("q = p").run()
    values = metric_values(at)
    assert values["Cross-entropy H(p, q)"] == values["Entropy H(p)"]
    assert values["KL divergence D(p‖q)"] == "0.0000 bits" and "D(q‖p) = 0.0000 bits" in _swap_table(at)
    p_weights = [at.slider(key=f"p_weight{i}").value for i in (1, 2, 3)]
    assert [at.slider(key=f"q_weight{i}").value for i in (1, 2, 3)] == p_weights == [5, 3, 2]
    assert at.selectbox(key="q_preset").value is None


@pytest.mark.parametrize("n", range(2, 9))
def test_every_number_of_outcomes(open_link, n):
    at = open_link(PAGE, n=str(n))
    assert len([s for s in at.slider if s.key.startswith(("p_weight", "q_weight"))]) == 2 * n
    square = _chart(at, "square")
    assert (square["data"][-1]["name"] == "your (q, p)") == (n == 2)  # the (q, p) marker only for two outcomes
    assert (len(_charts(at)) == 7) == (n == 3)  # the triangle only for three
    assert not at.exception


def test_two_outcomes_mark_the_square(open_link):
    at = open_link(PAGE, n="2", p_weight1="3", p_weight2="7", q_weight1="1", q_weight2="1")
    marker = next(t for t in _chart(at, "square")["data"] if t["name"] == "your (q, p)")
    assert (marker["x"], marker["y"]) == ([0.5], [0.3])


def test_a_weight_above_its_range_falls_back_with_a_note(open_link):
    at = open_link(PAGE, n="2", p_weight1="3", p_weight2="7", q_weight1="13")
    assert at.slider(key="q_weight1").value == 2  # the default, not 13
    assert "`q_weight1`" in at.warning[0].value


def test_presets_for_p_change_n_for_both(open_link):
    at = open_link(PAGE)
    at.selectbox(key="p_preset").set_value("Fair coin").run()
    assert at.slider(key="n").value == 2
    assert metric_values(at)["Entropy H(p)"] == "1.0000 bits"
    assert [at.slider(key=f"q_weight{i}").value for i in (1, 2)] == [2, 5]  # q keeps its weights
    assert not at.exception


def test_link_restores_and_bad_links_fall_back(open_link):
    at = open_link(PAGE, n="2", p_weight1="1", p_weight2="1", q_weight1="9", q_weight2="1", unit="nats")
    expected = cross_entropy([0.5, 0.5], [0.9, 0.1], math.e)
    assert metric_values(at)["Cross-entropy H(p, q)"] == format_value(expected, NATS)
    at = open_link(PAGE, n="x", q_weight3="<b>bold</b>")
    assert at.slider(key="n").value == 3 and at.slider(key="q_weight3").value == 3
    notes = " ".join(w.value for w in at.warning)
    assert "`n`" in notes and "`<b>bold</b>`" in notes


@pytest.mark.parametrize("unit", [BITS, NATS])
def test_the_two_directions_are_shown_with_their_divergences_in_the_unit(open_link, unit):
    at = open_link(PAGE)
    if unit is not BITS:
        at.radio(key="unit").set_value(unit.name).run()
        assert not at.exception
    fits = fit_both_directions(TWO_MODES, unit)
    figure = _chart(at, "directions")
    traces = {trace["name"]: trace for trace in figure["data"]}
    assert list(traces) == ["true p", "best q by D(p‖q)", "best q by D(q‖p)"]
    assert array(traces["true p"]["y"]) == TWO_MODES.tolist()
    assert array(traces["best q by D(p‖q)"]["y"]) == fits.forward.q.tolist()
    assert array(traces["best q by D(q‖p)"]["y"]) == fits.reverse.q.tolist()
    table = _fits_table(at)
    for fit in (fits.forward, fits.reverse):
        assert f"| {fit.mu:.2f} | {fit.sigma:.2f} |" in table
        for value in (fit.forward_divergence, fit.reverse_divergence):
            assert format_value(value, unit) in table
    assert f"**{format_value(fits.forward.forward_divergence, unit)}**" in table  # what each fit made least
    assert f"**{format_value(fits.reverse.reverse_divergence, unit)}**" in table
    assert table.count(f" {unit.name}") == 4 and ("bits" in table) == (unit is BITS)
    words = " ".join(m.value for m in at.markdown)
    assert "so q spreads to cover both modes" in words and "so q settles on one mode" in words
    assert "variational inference" in words.lower() and "under-cover" in words


def test_the_two_directions_do_not_follow_the_pages_p_and_q(open_link):
    """A fixed example: moving the page's p and q leaves it as it is."""
    at = open_link(PAGE)
    before = (_chart(at, "directions"), _fits_table(at))
    at.slider(key="p_weight1").set_value(9).run()
    assert (_chart(at, "directions"), _fits_table(at)) == before


def _averages(at):
    values = metric_values(at)
    return values["Average of log(1/q(x))"], values["Average of log(1/p(x))"]


def _last_draw(at):
    curve = next(t for t in _charts(at)[-1]["data"] if t["name"] == "average of log(1/q(x))")
    return array(curve["x"])[-1], array(curve["y"])[-1]


def test_the_averages_over_draws_from_p_follow_the_link_exactly(open_link):
    at = open_link(PAGE, draws="500", seed="7", unit="nats")
    s = running_means([0.5, 0.3, 0.2], [0.2, 0.5, 0.3], 500, 7, NATS)
    assert _averages(at) == (format_value(s.cross_entropy[-1], NATS), format_value(s.entropy[-1], NATS))
    assert summary(s) in [caption.value for caption in at.caption]
    assert _last_draw(at) == (500, pytest.approx(s.cross_entropy[-1], abs=1e-9))
    again = open_link(PAGE, draws="500", seed="7", unit="nats")  # another visitor of the link sees the same
    assert _averages(again) == _averages(at) and _charts(again)[-1] == _charts(at)[-1]
    other = open_link(PAGE, draws="500", seed="8", unit="nats")
    assert _averages(other) != _averages(at)
    assert not at.error


def test_the_draws_default_and_bad_links_fall_back_with_a_note(open_link):
    at = open_link(PAGE)
    assert (at.slider(key="draws").value, at.slider(key="seed").value) == (100, 1)
    s = running_means([0.5, 0.3, 0.2], [0.2, 0.5, 0.3], 100, 1)
    assert _averages(at) == (format_value(s.cross_entropy[-1], BITS), format_value(s.entropy[-1], BITS))
    at = open_link(PAGE, draws="5000", seed="-3")
    assert (at.slider(key="draws").value, at.slider(key="seed").value) == (100, 1)
    notes = " ".join(w.value for w in at.warning)
    assert "`draws`" in notes and "`seed`" in notes


def test_play_draws_more_until_paused_and_the_link_keeps_the_count(open_link):
    at = open_link(PAGE, draws="100", seed="3")
    at.button(key="draws-play").click().run()  # the whole page runs, and draws once more
    assert at.slider(key="draws").value == 130 and at.button(key="draws-play").label == "Pause"
    at.run()  # as the fragment's timer would
    assert at.slider(key="draws").value == 160 and _last_draw(at)[0] == 160
    more = running_means([0.5, 0.3, 0.2], [0.2, 0.5, 0.3], 160, 3)
    assert _averages(at)[0] == format_value(more.cross_entropy[-1], BITS)  # the first 100 draws, and 60 more
    at.button(key="draws-play").click().run()
    assert at.button(key="draws-play").label == "Play"
    at.run()
    assert at.slider(key="draws").value == 160 and at.query_params["draws"] == "160"
    assert not at.exception


def test_play_stops_at_the_most_draws_and_starts_again_from_the_fewest(open_link):
    at = open_link(PAGE, draws="1900")
    at.button(key="draws-play").click().run()
    assert at.slider(key="draws").value == 2000 and at.button(key="draws-play").label == "Play"
    at.button(key="draws-play").click().run()
    assert at.slider(key="draws").value == 20  # from 10, and a step on
    assert not at.exception


def test_a_draw_that_q_rules_out_makes_the_average_infinite_and_says_why(open_link):
    at = open_link(PAGE, q_weight2="0", draws="50")
    assert _averages(at)[0] == "∞" and _averages(at)[1] != "∞"
    s = running_means([0.5, 0.3, 0.2], [2 / 7, 0.0, 5 / 7], 50, 1)
    first = s.infinite_from
    assert f"Draw {first} is outcome 2, which q gives probability 0" in " ".join(e.value for e in at.error)
    marker = next(t for t in _charts(at)[-1]["data"] if t["name"] == "the average of log(1/q(x)) turns ∞")
    assert marker["text"] == [f"∞ from draw {first}"]


def test_leaving_the_page_stops_play_and_coming_back_does_not_start_it_again(open_link):
    at = open_link(PAGE, draws="100")
    at.session_state["playing_sliders"] = {"draws"}  # as ▶ leaves it (its click reruns the fragment here)
    at.run()
    assert at.button(key="draws-play").label == "Pause" and at.slider(key="draws").value == 130
    at.switch_page("pages/home.py").run()
    at.switch_page(PAGE).run()
    assert at.button(key="draws-play").label == "Play"
    at.run()  # a timer's tick would not come: nothing plays
    assert at.slider(key="draws").value == 130 and not at.exception
