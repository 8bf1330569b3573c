"""The budget of runs per session (ui/fair_share.py): the token bucket on a clock of our own, and the
wait at the start of a run, with its session's runs on threads as Streamlit starts them."""

import threading
import time
from types import SimpleNamespace

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

from ui import fair_share
from ui.fair_share import FRAGMENT_BUDGET, PAGE_BUDGET, RunBudget


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_budget_allows_its_burst_then_its_rate():
    clock = Clock()
    budget = RunBudget(burst=3, rate=2, clock=clock)
    assert [budget.take() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert budget.take() == pytest.approx(0.5)
    assert budget.take() == pytest.approx(0.5)  # a refused run takes nothing: asking again costs nothing
    clock.now += 0.5
    assert budget.take() == 0.0
    clock.now += 0.25
    assert budget.take() == pytest.approx(0.25)


def test_a_budget_refills_up_to_its_burst_and_no_further():
    clock = Clock()
    budget = RunBudget(burst=2, rate=1, clock=clock)
    budget.take()
    assert not budget.full()
    clock.now += 3600
    assert budget.full()
    assert [budget.take() for _ in range(3)] == [0.0, 0.0, pytest.approx(1.0)]


def test_a_learner_holding_an_arrow_key_meets_no_wait_before_the_slider_ends():
    """An arrow key held on the home page's q slider: Chromium repeats it 30 times a second, Streamlit's
    front end sends about 4.7 reruns a second, and 0 to 1 in steps of 0.01 takes 100 / 30 s."""
    clock = Clock()
    budget = RunBudget(*PAGE_BUDGET, clock=clock)
    waits = []
    for _ in range(round(4.7 * 100 / 30)):
        waits.append(budget.take())
        clock.now += 1 / 4.7
    assert max(waits) == 0.0


def test_a_played_slider_never_waits():
    clock = Clock()
    budget = RunBudget(*FRAGMENT_BUDGET, clock=clock)
    waits = []
    for _ in range(1000):  # ▶ on the draws: a fragment run every 0.4 s, for 400 s
        waits.append(budget.take())
        clock.now += 0.4
    assert max(waits) == 0.0


@pytest.fixture
def session(monkeypatch):
    """One session's runs, each on its own thread as Streamlit starts them, through the real wait;
    ``st.stop`` raises as it does in a run."""
    monkeypatch.setattr(fair_share, "_SESSIONS", {})
    monkeypatch.setattr(fair_share, "PAGE_BUDGET", (1.0, 2.0))
    monkeypatch.setattr(fair_share.config, "get_option", lambda name: False)
    context = SimpleNamespace(session_id="a session", fragment_ids_this_run=[])
    monkeypatch.setattr(fair_share, "get_script_run_ctx", lambda: context)

    def stop():
        raise StopException()

    monkeypatch.setattr(fair_share.st, "stop", stop)
    return context


def _run() -> tuple[threading.Thread, list[str]]:
    outcome: list[str] = []

    def run() -> None:
        try:
            fair_share.wait_for_turn()
            outcome.append("ran")
        except StopException:
            outcome.append("stopped")

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_a_run_over_budget_waits_for_its_token(session):
    first, ran_first = _run()
    first.join()
    start = time.perf_counter()
    second, ran_second = _run()
    second.join()
    assert ran_first == ran_second == ["ran"]
    assert 0.4 <= time.perf_counter() - start < 2.0  # a token every 0.5 s


def test_a_newer_run_ends_the_wait_of_the_one_it_replaces(session):
    _run()[0].join()
    waiting, outcome_waiting = _run()
    time.sleep(0.1)
    newer, outcome_newer = _run()
    waiting.join(timeout=0.2)
    assert not waiting.is_alive() and outcome_waiting == ["stopped"]  # at once, not at its token
    newer.join()
    assert outcome_newer == ["ran"]


def test_a_whole_run_is_not_counted_again_by_its_fragment(session):
    for _ in range(5):
        fair_share.wait_for_fragment_turn()  # inside a whole run: no fragment ids, nothing taken
    assert fair_share._SESSIONS == {}
    session.fragment_ids_this_run = ["draws"]
    fair_share.wait_for_fragment_turn()
    assert fair_share._SESSIONS["a session"].fragment.tokens == FRAGMENT_BUDGET[0] - 1


def test_sessions_whose_budgets_have_refilled_are_forgotten(session, monkeypatch):
    fair_share.wait_for_turn()
    clock = Clock()
    for budget in (fair_share._SESSIONS["a session"].page, fair_share._SESSIONS["a session"].fragment):
        monkeypatch.setattr(budget, "clock", clock)
        budget.updated = clock.now
    clock.now += 60
    session.session_id = "another session"
    fair_share.wait_for_turn()
    assert list(fair_share._SESSIONS) == ["another session"]
