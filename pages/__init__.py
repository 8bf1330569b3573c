"""The pages: one script each, and the registry that ``app.py``, the tests and the benchmarks read.

Adding a page is one new script in this folder and one row in ``PAGES`` below. The script starts with
``begin(__file__)`` (which shows the row's title and lead paragraph) and then reads top to
bottom: controls, then ``core``, then output.
"""

from __future__ import annotations

import copy
import math
import runpy
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.units import format_value
from ui.controls import current_unit, entry_point_ran

__all__ = ["PAGES", "PageEntry", "begin", "link_to", "navigation_pages", "next_page_link"]

FOLDER = Path(__file__).parent
ENTRY_POINT = FOLDER.parent / "app.py"


@dataclass(frozen=True)
class PageEntry:
    """One page of the app, as the navigation, the tests and the benchmarks know it."""

    #: The script's file name in ``pages/``. It is the URL path plus ``.py`` (``home.py`` for ``/``),
    #: because of the bare first run that ``begin`` explains.
    script: str
    #: Its entry in the navigation.
    title: str
    #: A Material icon for the navigation.
    icon: str
    #: The path after the app's address: ``""`` for the home page.
    url_path: str
    #: The page's own title, at its top.
    heading: str
    #: The paragraph under the title: what the page shows, in a few sentences (Markdown). ``{log_2}``
    #: stands for log 2 in the unit chosen: "one bit", "0.693 nats", "0.301 hartleys".
    lead: str
    #: The metric that sums the page up: the browser tests watch it change.
    headline: str
    #: A slider the benchmarks and load tests move, and the values they move it through.
    exercise: tuple[str, tuple[float, ...]]

    @property
    def path(self) -> str:
        """The script's path from the repository root, as ``st.Page`` and ``AppTest`` take it."""
        return f"pages/{self.script}"


_TENTHS = tuple(round(0.05 + 0.03 * i, 2) for i in range(30))
_WEIGHTS = tuple(i % 11 for i in range(1, 31))

PAGES: tuple[PageEntry, ...] = (
    PageEntry(
        "home.py",
        "Cross-entropy at a glance",
        ":material/show_chart:",
        "",
        "Cross-entropy: the cost of a wrong belief",
        (
            "An outcome happens with true probability **p**; a model predicts it with probability **q**. "
            "Move **q** and watch the average surprise, the cross-entropy, rise as the prediction leaves the "
            "truth, and touch its floor, the entropy, exactly where **q = p**."
        ),
        "Cross-entropy H(p, q)",
        ("q", _TENTHS),
    ),
    PageEntry(
        "surprisal.py",
        "1 · Surprisal",
        ":material/bolt:",
        "surprisal",
        "Surprisal: how surprising is an outcome?",
        (
            "Rare outcomes surprise more; certain outcomes surprise not at all. An outcome of probability "
            "**y** carries a surprise of **log(1/y)**: halve the probability and the surprise grows by "
            "log 2, {log_2}."
        ),
        "Surprisal log(1/y)",
        ("y", _TENTHS),
    ),
    PageEntry(
        "entropy.py",
        "2 · Entropy",
        ":material/casino:",
        "entropy",
        "Entropy: the average surprise",
        (
            "A distribution p gives each of its n outcomes a probability pᵢ. Its entropy "
            "**H(p) = Σᵢ pᵢ·log(1/pᵢ)** weighs each outcome's surprisal by how often it happens: the "
            "surprise you should expect. It is 0 when one outcome is certain and largest, log n, when all "
            "are equally likely."
        ),
        "Entropy H(p)",
        ("p_weight1", _WEIGHTS),
    ),
    PageEntry(
        "cross-entropy.py",
        "3 · Cross-entropy",
        ":material/compare_arrows:",
        "cross-entropy",
        "Cross-entropy: judging p by q",
        (
            "Outcomes happen with the true probabilities **p**, but you judge their surprise with an "
            "estimate **q**. The surprise you then expect is the cross-entropy **H(p, q) = Σᵢ pᵢ·log(1/qᵢ)**. "
            "It is never below the entropy H(p), and equals it only when q = p; the excess is the KL "
            "divergence **D(p‖q)**."
        ),
        "Cross-entropy H(p, q)",
        ("q_weight1", _WEIGHTS),
    ),
    PageEntry(
        "codes.py",
        "4 · Codes",
        ":material/send:",
        "codes",
        "Codes: bits as message length",
        (
            "Send symbols as strings of bits: a good code gives frequent symbols short codewords. A code "
            "built for **q** ideally spends **log₂(1/qᵢ)** bits on symbol i, so when the symbols really "
            "come from **p** it spends **H(p, q)** bits per symbol on average, and the code built for p "
            "itself only **H(p)**. Huffman's algorithm builds a real code of whole bits, within one bit of "
            "the ideal when the symbols come from the distribution it was built for."
        ),
        "Cross-entropy H(p, q)",
        ("q_weight1", _WEIGHTS),
    ),
    PageEntry(
        "loss.py",
        "5 · Cross-entropy loss",
        ":material/trending_down:",
        "loss",
        "Cross-entropy loss: how classifiers learn",
        (
            "A classifier outputs one real score per class, its **logits** z. Softmax turns them into a "
            "prediction **q**, and the loss is the cross-entropy **H(p, q)** against the target **p**. "
            "Because H(p, q) is smallest exactly at q = p, lowering the loss pulls the prediction toward "
            "the target. PyTorch reports the loss in nats."
        ),
        "Loss H(p, q)",
        ("logit1", tuple(round(-5 + 0.3 * i, 1) for i in range(30))),
    ),
    PageEntry(
        "in-practice.py",
        "6 · In practice",
        ":material/model_training:",
        "in-practice",
        "In practice: a classifier learns iris species",
        (
            "Fisher's 150 iris flowers, four measurements each, three species. A softmax classifier "
            "(multinomial logistic regression) predicts a distribution q over the species, and gradient "
            "descent lowers the mean cross-entropy between q and each flower's one-hot label p. "
            "120 flowers train it; every fifth flower of each species, 30 in all, is held out to test it."
        ),
        "Train cross-entropy",
        ("epochs", tuple(100 + 7 * i for i in range(30))),
    ),
)


#: The pages made for each entry point (``st.Page`` resolves a script's path from the running one's).
_made: dict[Path, tuple[StreamlitPage, ...]] = {}


def navigation_pages() -> list[StreamlitPage]:
    """The registry's pages as ``st.navigation`` takes them, the default page first.

    An ``st.Page`` checks and resolves its script's path as it is made, which at every run of every
    session came to a twentieth of the server's time under load (py-spy under bench/load.py). So they
    are made once, in the first run (they need one), and each run gets copies of them: ``st.navigation``
    marks the pages it is given (``_default``, ``_can_be_called``), and sessions run side by side.
    """
    ctx = get_script_run_ctx()
    where = ctx.pages_manager.main_script_parent if ctx else FOLDER.parent
    if where not in _made:
        _made[where] = tuple(
            st.Page(entry.path, title=entry.title, icon=entry.icon, url_path=entry.url_path, default=not entry.url_path)
            for entry in PAGES
        )
    return [copy.copy(page) for page in _made[where]]


def begin(script: str) -> PageEntry:
    """Start a page: hand the run to ``app.py`` if Streamlit ran the page without it; then show the
    page's title and lead paragraph, and return its registry row.

    Call it first, as ``begin(__file__)``. Until ``st.navigation`` is first called in a
    server's life, Streamlit treats ``pages/`` as an old-style pages folder: if the server's first
    visitor opens a link such as ``/entropy``, it runs ``pages/entropy.py`` alone, without the
    navigation and the shared controls. The entry point then runs in its place (its
    ``st.navigation`` ends that mode and runs this page properly), and this bare run stops. That is
    also why each script is named as its URL path: the bare run finds the page by its file name.
    """
    if not entry_point_ran():  # a page run alone: app.py runs instead, and then this page within it
        runpy.run_path(str(ENTRY_POINT))
        st.stop()
    name = Path(script).name
    page = next(page for page in PAGES if page.script == name)
    st.title(page.heading)
    unit = current_unit()
    log_2 = "one bit" if unit.name == "bits" else format_value(unit.from_nats(math.log(2)), unit, decimals=3)
    st.markdown(page.lead.format(log_2=log_2))
    return page


def next_page_link(entry: PageEntry) -> None:
    """At the end of a journey page, the way on to the next page, if there is one."""
    index = PAGES.index(entry)
    if index + 1 < len(PAGES):
        following = PAGES[index + 1]
        st.divider()
        st.page_link(following.path, label=f"Next: {following.title}", icon=":material/arrow_forward:")


def link_to(url_path: str, why: str, *, icon: str | None = None) -> None:
    """A link to another page of the app, by its URL path, labelled ``why`` and the page's title."""
    target = next(page for page in PAGES if page.url_path == url_path)
    st.page_link(target.path, label=f"{why}: {target.title}", icon=icon or target.icon)
