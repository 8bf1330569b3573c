"""A small load in CI: 10 concurrent sessions across every page, at a human pace, over the protocol."""

import pytest

from devtools.load import every_step, run
from devtools.servers import running_app
from ui.controls import slider_steps

pytestmark = pytest.mark.load


def test_ten_sessions_on_every_page_have_no_errors_and_answer_quickly():
    with running_app("load-ci") as server:
        report = run(server.url, server.pid, sessions=10, changes=5, pace=(1.0, 3.0), settle=2.0)
    assert report["errors"] == []
    assert report["interactions"] == 50
    assert report["p95_ms"] <= 500, report
    assert report["rss_peak_mb"] < 2700, report  # Streamlit Community Cloud's limit


def test_a_class_arriving_at_once_on_one_page_is_served_without_errors():
    # The home page only, as a shared link sends a class: 30 sessions arriving within 3 s (the
    # benchmark's 200 within 5 s, in small), each moving q a few times.
    with running_app("load-arrivals") as server:
        report = run(
            server.url, server.pid, sessions=30, changes=3, pace=(0.5, 1.5), settle=2.0, pages=[""], arrive=3.0
        )
    assert report["errors"] == []
    assert report["interactions"] == 90
    assert set(report["p95_ms_by_page"]) == {"/"}
    assert report["load_p95_ms"] <= 3000 and report["p95_ms"] <= 1000, report


def test_every_step_is_each_value_of_the_slider_in_an_order_of_its_own():
    assert sorted(every_step("q", seed=1)) == slider_steps("q").tolist()
    assert every_step("q", seed=1) != every_step("q", seed=2) and every_step("q", seed=1) == every_step("q", seed=1)
    assert all(type(value) is int for value in every_step("epochs", seed=1))


def test_sessions_moving_their_sliders_anywhere_have_no_errors():
    # Each page's slider moved to steps of its whole range, ends included, in each session's own
    # order: figures no session has asked for before.
    with running_app("load-anywhere") as server:
        report = run(server.url, server.pid, sessions=14, changes=5, pace=(0.3, 0.8), settle=2.0, anywhere=True)
    assert report["errors"] == []
    assert report["interactions"] == 70
