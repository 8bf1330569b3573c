"""Ten greedy clients against one server: each gets no more runs than its budget, and a learner on the
same server is still answered promptly (``ui.fair_share``).

The learner starts once the greedy clients have spent their burst (15 runs each, in their first two
seconds): during it, the server runs what ten sessions may run at once, and a learner waits for up
to about 2 s, as behind ten learners sweeping a slider each.
"""

import asyncio

import pytest

from devtools.load import SCENARIOS, Results, every_page, flood, run_in_own_loop, session
from devtools.servers import running_app
from ui.fair_share import PAGE_BUDGET

pytestmark = pytest.mark.load

GREEDY = 10
SECONDS = 32.0
CHANGES = 25


@pytest.mark.parametrize("wait", [False, True], ids=["never-waiting", "asking-again-at-once"])
def test_greedy_clients_get_their_budget_and_a_learner_stays_answered(wait):
    loss = next(scenario for scenario in SCENARIOS if scenario[0] == "loss")
    learner = Results()

    async def everyone() -> list[int]:
        start = asyncio.Barrier(GREEDY + 1)
        floods = [flood(url, "loss", every=0.1, seconds=SECONDS, wait=wait, start=start) for _ in range(GREEDY)]
        # The learner moves a slider about once a second, the greedy clients ask ten times as often.
        _, *runs = await asyncio.gather(learning(start), *floods)
        return runs

    async def learning(start: asyncio.Barrier) -> None:
        await start.wait()
        await asyncio.sleep(3.0)
        await session(url, loss, CHANGES, (0.8, 1.2), learner, seed=0)

    with running_app("fair-share") as server:
        url = server.url
        assert every_page(url).errors == []
        runs = run_in_own_loop(everyone())
    burst, rate = PAGE_BUDGET
    latencies = sorted(learner.latencies)
    p95 = latencies[int(0.95 * len(latencies))]
    print(f"learner p50 {latencies[len(latencies) // 2]:.3f} s, p95 {p95:.3f} s; greedy clients' runs {runs}")
    assert learner.errors == [] and len(latencies) == CHANGES
    assert p95 <= 1.0, latencies
    assert max(runs) <= 1 + burst + rate * (SECONDS + 1), runs  # the first page load, the burst, the rate
