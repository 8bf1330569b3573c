"""Browser benchmarks in headless Chromium, against pages served by `streamlit run` on this machine.

Prints, each as a median over repeated trials in one run:
- key press on a slider → the chart showing the new value, on the home page, next to the same for a
  bare page of two sliders and a line of text (the floor any Streamlit app pays) and for a bare page
  of two sliders and one small chart (the floor any Streamlit app that redraws a chart pays);
- how often a rerun replaced the chart's element rather than updating it, and the animation frames
  in which no chart was drawn;
- page load → first chart drawn, on the home page, next to a page with one small chart;
- websocket frames the page sends while the in-figure scrubber is dragged;
- what drawing the home chart costs Plotly.js alone (the plotly package's own bundle, no Streamlit),
  with its in-figure scrubber and without.

Run it from the repository root: `python -m bench.browser`.
"""

from __future__ import annotations

import copy
import statistics
from pathlib import Path

import plotly
from playwright.sync_api import sync_playwright

from core import compare_binary
from core.figures import cross_entropy_curve
from devtools.browser import launch_chromium, wait_until_idle, wait_until_idle_bare
from devtools.servers import running_app

PRESSES = 15
LOADS = 7
# Resolves when the condition holds, at the animation frame where it first does.
ARM = """([condition]) => {
    window.__t0 = performance.now();
    window.__done = null;
    const holds = () => { try { return eval(condition); } catch { return false; } };  // mid-render
    const check = () => { if (holds()) window.__done = performance.now(); else requestAnimationFrame(check); };
    requestAnimationFrame(check);
}"""
FIRST_CHART = """
window.__firstChart = null;
const watch = () => {
    if (document.querySelector('.js-plotly-plot .main-svg')) window.__firstChart = performance.now();
    else requestAnimationFrame(watch);
};
requestAnimationFrame(watch);
"""


# Counts the animation frames from here on in which no chart is drawn.
WATCH_BLANK_FRAMES = """() => {
    window.__blankFrames = 0;
    const check = () => {
        if (!document.querySelector('.js-plotly-plot .main-svg')) window.__blankFrames++;
        requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
}"""
MARK_CHART = "() => { const chart = document.querySelector('.js-plotly-plot'); if (chart) chart.__marked = true; }"
CHART_REPLACED = "() => { const chart = document.querySelector('.js-plotly-plot'); return !!chart && !chart.__marked; }"


def key_to_update(page, slider: int, condition_for, idle=wait_until_idle) -> tuple[list[float], int]:
    """Milliseconds from an ArrowRight on a slider to the page showing the new value, per press; and
    how many of the presses replaced the chart's element rather than updating it (0 with no chart)."""
    times, replaced = [], 0
    handle = page.get_by_role("slider").nth(slider)
    for _ in range(PRESSES):
        value = round(float(handle.get_attribute("aria-valuetext")) + 0.01, 2)
        handle.focus()
        page.evaluate(MARK_CHART)
        page.evaluate(ARM, [condition_for(value)])
        page.keyboard.press("ArrowRight")
        page.wait_for_function("window.__done !== null", timeout=10_000)
        times.append(page.evaluate("window.__done - window.__t0"))
        idle(page)
        replaced += page.evaluate(CHART_REPLACED)
    return times, replaced


def first_chart(browser, url: str) -> list[float]:
    """Milliseconds from navigation to the first Plotly chart drawn, per fresh page load."""
    times = []
    for _ in range(LOADS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(FIRST_CHART)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("window.__firstChart !== null", timeout=30_000)
        times.append(page.evaluate("window.__firstChart"))
        context.close()
    return times


def frames_during_drag(browser, url: str) -> int:
    page = browser.new_page(viewport={"width": 1280, "height": 1200})
    sent = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda payload: sent.append(payload)))
    page.goto(url)
    wait_until_idle(page)
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    rail = chart.locator(".slider-rail-rect").bounding_box()
    grip = chart.locator(".slider-grip-rect").bounding_box()
    before = len(sent)
    y = rail["y"] + rail["height"] / 2
    page.mouse.move(grip["x"] + grip["width"] / 2, y)
    page.mouse.down()
    for fraction in (0.9, 0.1, 0.5, 0.75):
        page.mouse.move(rail["x"] + rail["width"] * fraction, y, steps=20)
    page.mouse.up()
    page.wait_for_timeout(500)
    page.close()
    return len(sent) - before


DRAWS = 15
SCRUB_QS = [round(0.2 + i / 100, 2) for i in range(DRAWS)]
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
# Times Plotly.newPlot of each figure into an emptied element, as a replaced chart is drawn.
TIME_DRAWS = """async (figures) => {
    const element = document.getElementById('chart');
    const times = [];
    for (const figure of figures) {
        Plotly.purge(element);
        await new Promise(resolve => requestAnimationFrame(resolve));
        const start = performance.now();
        await Plotly.newPlot(element, figure.data, figure.layout);
        times.push(performance.now() - start);
    }
    return times;
}"""


def draw_cost(browser) -> tuple[float, float]:
    """Median milliseconds Plotly.js takes to draw the home chart, with its scrubber and without."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_content("<div id='chart' style='width: 900px; height: 520px'></div>")
    page.add_script_tag(path=str(PLOTLY_JS))
    figures = [cross_entropy_curve(compare_binary(0.3, q)).to_dict() for q in SCRUB_QS]
    bare = copy.deepcopy(figures)
    for figure in bare:
        del figure["layout"]["sliders"]
    with_scrubber = page.evaluate(TIME_DRAWS, figures)
    without = page.evaluate(TIME_DRAWS, bare)
    page.close()
    return _median(with_scrubber[3:]), _median(without[3:])


def _chart_shows(value: float) -> str:
    return (
        "document.querySelectorAll('.js-plotly-plot')[0].data"
        f".find(t => t.name === 'Your prediction q').x[0] === {value}"
    )


def _text_shows(value: float) -> str:
    return f"document.body.innerText.includes('q = {value:.2f}')"


def _median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    with (
        running_app("bench-app") as app,
        running_app("bench-bare", script="bench/bare_app.py") as bare,
        running_app("bench-one-chart", script="bench/one_chart_app.py") as one_chart,
        running_app("bench-chart-floor", script="bench/chart_floor_app.py") as chart_floor,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{app.url}/?q=0.2")
        wait_until_idle(page)
        page.evaluate(WATCH_BLANK_FRAMES)
        app_keys, replaced = key_to_update(page, 1, _chart_shows)
        print(f"key → chart, home page: median {_median(app_keys):.0f} ms over {PRESSES} presses")
        blank = page.evaluate("window.__blankFrames")
        print(f"  the chart's element replaced on {replaced} of {PRESSES} reruns; {blank} frames drawn with no chart")
        page.goto(f"{bare.url}/?")
        wait_until_idle_bare(page)
        bare_keys, _ = key_to_update(page, 1, _text_shows, idle=wait_until_idle_bare)
        ratio = _median(app_keys) / _median(bare_keys)
        print(f"key → text, bare page:  median {_median(bare_keys):.0f} ms  (ratio {ratio:.2f}x)")
        page.goto(f"{chart_floor.url}/?")
        wait_until_idle(page)
        page.evaluate(WATCH_BLANK_FRAMES)
        floor_keys, replaced = key_to_update(page, 1, _chart_shows)
        ratio = _median(app_keys) / _median(floor_keys)
        print(f"key → chart, bare page with one small chart: median {_median(floor_keys):.0f} ms  (ratio {ratio:.2f}x)")
        blank = page.evaluate("window.__blankFrames")
        print(f"  the chart's element replaced on {replaced} of {PRESSES} reruns; {blank} frames drawn with no chart")
        page.close()
        app_first = first_chart(browser, f"{app.url}/")
        print(f"load → first chart, home page: median {_median(app_first):.0f} ms over {LOADS} loads")
        baseline_first = first_chart(browser, f"{one_chart.url}/")
        ratio = _median(app_first) / _median(baseline_first)
        print(f"load → first chart, one-chart page: median {_median(baseline_first):.0f} ms  (ratio {ratio:.2f}x)")
        print(f"websocket frames sent during an in-figure drag: {frames_during_drag(browser, f'{app.url}/')}")
        with_scrubber, without = draw_cost(browser)
        print(f"Plotly.js alone draws the home chart in {with_scrubber:.1f} ms; without its scrubber {without:.1f} ms")
        browser.close()


if __name__ == "__main__":
    main()
