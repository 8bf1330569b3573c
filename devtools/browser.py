"""Debian's headless Chromium for the browser tests and benchmarks, and how to wait for a page to settle."""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from devtools.servers import ARTIFACTS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page, Playwright

__all__ = [
    "CHROMIUM_FLAGS",
    "PlotArea",
    "chromium_executable",
    "launch_chromium",
    "page_slider",
    "plot_area",
    "screenshot",
    "settle",
    "wait_until_idle",
    "wait_until_idle_bare",
]

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_executable() -> str:
    """The Chromium to drive: ``$CHROMIUM`` if set, else ``chromium`` or ``chromium-browser`` on the PATH."""
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError(
            "Chromium not found: install Debian's chromium package (scripts/test.sh does) or set CHROMIUM "
            "to its executable"
        )
    return executable


def launch_chromium(playwright: Playwright) -> Browser:
    """Headless Chromium, launched with the flags the tests and benchmarks use."""
    return playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_FLAGS)


def _wait_until_run_done(page: Page) -> None:
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=30_000)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=30_000)


def wait_until_idle(page: Page) -> None:
    """Streamlit's own e2e condition: connected, script not running, and the charts drawn: each live
    chart (``ui.charts``: its element's key starts ``chart-``) with the data of the last run
    (``static/live_chart.js`` marks it), each Plotly chart drawn."""
    _wait_until_run_done(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stMain] [class*=st-key-chart-] .stBidiComponent')]"
        ".every(c => c.querySelector('.live-chart[data-state=drawn]'))"
        " && [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'))",
        timeout=30_000,
    )


def settle(page: Page) -> None:
    """Wait for the rerun a move starts, if it starts one, to finish: it may finish before it is seen
    running, and a control already at its end starts none."""
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=running]", timeout=750)
    wait_until_idle(page)


def page_slider(page: Page, label: str) -> Locator:
    """The page's own slider whose label contains ``label`` (not a chart's slider of the same name)."""
    return page.locator("[data-testid=stSlider]").filter(has_text=label).get_by_role("slider")


@dataclass(frozen=True)
class PlotArea:
    """Where a chart's plot lies on the screen, and the range of its x axis."""

    left: float
    width: float
    top: float
    height: float
    low: float
    high: float

    def x(self, value: float) -> float:
        """The screen x of ``value`` on the x axis."""
        return self.left + (value - self.low) / (self.high - self.low) * self.width


def plot_area(chart: Locator) -> PlotArea:
    """The plot area of a drawn chart (its ``.live-chart`` or ``.js-plotly-plot`` element)."""
    return PlotArea(
        *chart.evaluate(
            """(chart) => { const box = chart.getBoundingClientRect(), l = chart._fullLayout;
            return [box.left + l.xaxis._offset, l.xaxis._length, box.top + l.yaxis._offset, l.yaxis._length,
                    ...l.xaxis.range]; }"""
        )
    )


def wait_until_idle_bare(page: Page) -> None:
    """``wait_until_idle`` for a page without charts (bench/bare_app.py): its sliders drawn instead."""
    _wait_until_run_done(page)
    page.wait_for_selector("[data-testid=stSlider]", timeout=30_000)


def screenshot(page: Page, name: str) -> Path:
    """Save the whole app (its scrolling container, not only the viewport) as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": max(900, height)})
    page.screenshot(path=path)
    return path
