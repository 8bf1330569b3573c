"""Draws from p, averaged: the running means of log(1/q(x)) and log(1/p(x)) and their limits, played."""

from __future__ import annotations

import streamlit as st

from core.comparison import Comparison
from core.figures import running_means_curve
from core.sampling import running_means, summary
from ui.charts import chart
from ui.controls import slider
from ui.fair_share import wait_for_fragment_turn
from ui.output import infinite, metrics
from ui.play import pace, played_slider, rerun_page

__all__ = ["sampling_panel"]


def sampling_panel(c: Comparison) -> None:
    """Outcomes drawn from ``c.p`` (the count and the seed in the link, ▶ to keep drawing), the
    running averages of their surprise under ``c.q`` and under ``c.p``, and where they tend: H(p, q)
    and H(p).
    """

    @st.fragment(run_every=pace("draws"))
    def draws_from_p() -> None:
        """While ▶ plays, this part of the page reruns alone, a few times a second, drawing more each time."""
        wait_for_fragment_turn()
        count_column, play_column, seed_column = st.columns([3, 1, 3], vertical_alignment="bottom")
        count = played_slider("draws", 100, container=count_column, button=play_column)
        seed = slider("seed", 1, container=seed_column, on_change=rerun_page)  # the share links follow it
        s = running_means(c.p, c.q, count, seed, c.unit)
        metrics([("Average of log(1/q(x))", s.cross_entropy[-1]), ("Average of log(1/p(x))", s.entropy[-1])], c.unit)
        if s.infinite_from is not None:
            outcome = int(s.outcomes[s.infinite_from - 1]) + 1
            infinite(
                f"Draw {s.infinite_from} is outcome {outcome}, which q gives probability 0: its surprise log(1/0) "
                "is infinite, and so is every average that includes it. One example a model calls impossible "
                "makes its whole training loss infinite."
            )
        st.caption(summary(s))
        chart(running_means_curve(s), key="sampling")

    draws_from_p()
