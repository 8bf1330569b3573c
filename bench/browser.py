"""Browser benchmarks in headless Chromium, against pages served by `streamlit run` on this machine.

Each figure is a median over repeated trials in one run, and each ratio is taken within the run
against reference pages served the same way (the repository's .streamlit/config.toml tunes them
like the app): a bare page of two sliders and a line of text (the floor any Streamlit app pays), a
bare page of two sliders and one small `st.plotly_chart` (the floor any app that redraws a chart
pays) and a page of one small `st.plotly_chart` (for the first chart after a load). It prints:

- key press on the home chart's own q control → chart updated, and on the page's q slider → chart
  updated, against key press → text on the bare page;
- dragging q on the home plot: the time between redraws of the point (and between frames with
  nothing to draw, the display's own rate here), and
  release → the page's slider, metric and link all showing the value;
- chart elements replaced over 15 reruns on every page (0 is the target), and whether a legend
  toggle survives a rerun;
- page load → first chart drawn, against the one-chart page;
- bytes the browser receives per rerun when q moves on the home page: the chart's, and the rerun's;
- then the target table, dated.

Run it from the repository root: `python -m bench.browser`.
"""

from __future__ import annotations

import datetime
import statistics

from playwright.sync_api import Page, sync_playwright

from core import BITS, compare_binary, format_value
from devtools.browser import launch_chromium, page_slider, plot_area, settle, wait_until_idle, wait_until_idle_bare
from devtools.servers import running_app
from pages import PAGES
from ui.controls import CONTROLS

PRESSES = 15
LOADS = 7
DRAG_MOVES = 60
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
MARK_CHARTS = "() => document.querySelectorAll('.js-plotly-plot').forEach(chart => { chart.__marked = true; })"
CHARTS_REPLACED = "() => [...document.querySelectorAll('.js-plotly-plot')].filter(chart => !chart.__marked).length"
HOME_POINT = "document.querySelector('.live-chart').data.find(t => t.name === 'Your prediction q').x[0]"
FLOOR_POINT = "document.querySelector('.js-plotly-plot').data.find(t => t.name === 'Your prediction q').x[0]"


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def key_to_update(page: Page, control, condition_for, idle=wait_until_idle) -> list[float]:
    """Milliseconds from an ArrowRight on ``control`` (a locator of a range input holding q) to the
    page showing the new q, per press."""
    times = []
    for _ in range(PRESSES):
        value = round(_q_of(page, control) + 0.01, 2)
        control.focus()
        page.evaluate(ARM, [condition_for(value)])
        page.keyboard.press("ArrowRight")
        page.wait_for_function("window.__done !== null", timeout=10_000)
        times.append(page.evaluate("window.__done - window.__t0"))
        idle(page)
    return times


def _q_of(page: Page, control) -> float:
    """The q a range input holds: the page's sliders hold it, the chart's own holds its step's index."""
    value = float(control.input_value())
    return value / 100 if control.evaluate("input => input.closest('.live-chart-control') !== null") else value


def drag(page: Page) -> tuple[list[float], list[float], float]:
    """Drag q across the home plot, one pointer move per animation frame: the milliseconds between
    animation frames with nothing to draw, between redraws of the point while dragging, and from the
    release to the page's slider, metric and link showing the value."""
    chart = page.locator(".live-chart").first
    chart.scroll_into_view_if_needed()
    area = plot_area(chart)
    at, y = area.x, area.top + area.height / 2

    page.mouse.move(at(0.2), y)
    page.mouse.down()
    # The moves come from the page itself, one per animation frame, as a pointer at display rate would;
    # a mutation observer notes when the point is redrawn, and the frames are timed with nothing to do.
    timings = page.evaluate(
        """async ([xs, y]) => {
            const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
            const idle = [];
            for (let i = 0, last = await frame(); i < xs.length; i++) {
                const now = await frame();
                idle.push(now - last);
                last = now;
            }
            const chart = document.querySelector('.live-chart');
            const drawn = [];
            const observer = new MutationObserver(() => {  // one redraw can take several tasks: one time each
                const now = performance.now();
                if (!drawn.length || now - drawn[drawn.length - 1] > 4) drawn.push(now);
            });
            observer.observe(chart.querySelector('.scatterlayer'), {subtree: true, attributes: true, childList: true});
            for (const x of xs) {
                await frame();
                const move = {clientX: x, clientY: y, pointerId: 1, bubbles: true};
                chart.dispatchEvent(new PointerEvent('pointermove', move));
            }
            await frame(); await frame();
            observer.disconnect();
            return [idle, drawn.slice(1).map((t, i) => t - drawn[i])];
        }""",
        [[at(0.2 + 0.7 * (i + 1) / DRAG_MOVES) for i in range(DRAG_MOVES)], y],
    )
    page.mouse.move(at(0.9), y)
    metric = format_value(compare_binary(0.3, 0.9).cross_entropy, BITS)
    condition = (
        f"{HOME_POINT} === 0.9 && location.search.endsWith('q=0.9')"
        " && document.querySelectorAll('[data-testid=stSlider] input')[1].value === '0.9'"
        f" && document.querySelectorAll('[data-testid=stMetricValue]')[1].innerText === '{metric}'"
    )
    page.evaluate(ARM, [condition])
    page.mouse.up()
    page.wait_for_function("window.__done !== null", timeout=10_000)
    release = page.evaluate("window.__done - window.__t0")
    wait_until_idle(page)
    idle, gaps = timings
    return idle, gaps, release


def replaced_on_every_page(browser, url: str) -> dict[str, int]:
    """Chart elements replaced over PRESSES reruns of each page, its benchmark slider moved by keyboard."""
    replaced = {}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for entry in PAGES:
        page.goto(f"{url}/{entry.url_path}")
        wait_until_idle(page)
        page.evaluate(MARK_CHARTS)
        key, _ = entry.exercise
        slider = page_slider(page, CONTROLS[key].label)
        up = float(slider.input_value()) < float(slider.get_attribute("max"))
        for press in range(PRESSES):
            slider.focus()
            page.keyboard.press("ArrowRight" if (press % 2 == 0) == up else "ArrowLeft")
            settle(page)
        replaced[entry.url_path or "home"] = page.evaluate(CHARTS_REPLACED)
    page.close()
    return replaced


def legend_toggle_survives(browser, url: str) -> bool:
    """Hide the entropy floor from the home chart's legend, move q: is it still hidden?"""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{url}/?q=0.2")
    wait_until_idle(page)
    page.locator(".live-chart .legend .traces", has_text="Entropy H(p)").locator(".legendtoggle").click()
    hidden = "document.querySelector('.live-chart')._fullData.find(t => t.name === 'Entropy H(p)').visible"
    page.wait_for_function(f"{hidden} === 'legendonly'")
    page.locator("[data-testid=stSlider] input").nth(1).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"{HOME_POINT} === 0.21")
    wait_until_idle(page)
    kept = page.evaluate(hidden) == "legendonly"
    page.close()
    return kept


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


def bytes_per_rerun(browser, url: str) -> tuple[list[int], list[int]]:
    """Bytes the browser receives per rerun when q moves on the home page: the home chart's message,
    and every message of the rerun."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    received: list[bytes] = []
    page.on("websocket", lambda socket: socket.on("framereceived", lambda frame: received.append(frame)))
    page.goto(f"{url}/?q=0.2")
    wait_until_idle(page)
    chart, rerun = [], []
    slider = page.locator("[data-testid=stSlider] input").nth(1)
    for _ in range(PRESSES):
        before = len(received)
        slider.focus()
        page.keyboard.press("ArrowRight")
        settle(page)
        page.wait_for_timeout(100)  # the run's last messages
        frames = [frame if isinstance(frame, bytes) else frame.encode() for frame in received[before:]]
        chart.append(sum(len(frame) for frame in frames if b"chart-curve" in frame))
        rerun.append(sum(len(frame) for frame in frames))
    page.close()
    return chart, rerun


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

        page.goto(f"{bare.url}/?")
        wait_until_idle_bare(page)
        text = _median(
            key_to_update(
                page,
                page.get_by_role("slider").nth(1),
                lambda q: f"document.body.innerText.includes('q = {q:.2f}')",
                idle=wait_until_idle_bare,
            )
        )
        print(f"key → text, bare page: median {text:.0f} ms over {PRESSES} presses")

        page.goto(f"{app.url}/?q=0.2")
        wait_until_idle(page)
        own_q = page.locator(".live-chart-control input").first  # the home chart's p row follows q's
        own = _median(key_to_update(page, own_q, lambda q: f"{HOME_POINT} === {q}"))
        print(f"key → chart, the home chart's own q control: median {own:.0f} ms ({own / text:.2f}x)")
        # A page of its own: each press of the own control above was a run of that session, and its
        # fair share of runs (ui/fair_share.py) would make these presses wait.
        page.goto(f"{app.url}/?q=0.2")
        wait_until_idle(page)
        slider = page.locator("[data-testid=stSlider] input").nth(1)
        paged = _median(key_to_update(page, slider, lambda q: f"{HOME_POINT} === {q}"))
        print(f"key → chart, the home page's q slider: median {paged:.0f} ms ({paged / text:.2f}x)")

        page.goto(f"{chart_floor.url}/?")
        wait_until_idle(page)
        floor = _median(key_to_update(page, page.get_by_role("slider").nth(1), lambda q: f"{FLOOR_POINT} === {q}"))
        print(f"key → chart, bare page with one small st.plotly_chart: median {floor:.0f} ms")

        page.goto(f"{app.url}/?q=0.2")
        wait_until_idle(page)
        idle, gaps, release = drag(page)
        print(
            f"drag q on the home plot, {DRAG_MOVES} moves, {len(gaps) + 1} redraws: between redraws median "
            f"{_median(gaps):.1f} ms, p95 {_p95(gaps):.1f} ms; frames with nothing to draw median "
            f"{_median(idle):.1f} ms, p95 {_p95(idle):.1f} ms"
        )
        print(f"  release → page slider, metric and link show q = 0.90: {release:.0f} ms")
        page.close()

        replaced = replaced_on_every_page(browser, app.url)
        print(f"chart elements replaced over {PRESSES} reruns: {replaced}")
        kept = legend_toggle_survives(browser, app.url)
        print(f"a legend toggle survives a rerun: {kept}")

        app_first = _median(first_chart(browser, f"{app.url}/"))
        one_first = _median(first_chart(browser, f"{one_chart.url}/"))
        print(f"load → first chart: home {app_first:.0f} ms, one-chart page {one_first:.0f} ms")

        sizes, rerun = bytes_per_rerun(browser, app.url)
        print(f"bytes per rerun, q moved on the home page: the chart's message {_median(sizes):.0f}, ", end="")
        print(f"all of the rerun's messages {_median(rerun):.0f}")
        browser.close()

    rows = [
        ("key on the chart's own q control → chart", "≤ 1.0× text page", f"{own / text:.2f}×"),
        ("key on the page's q slider → chart", "≤ 1.6× text page", f"{paged / text:.2f}×"),
        ("drag: between redraws, p95", "≤ 20 ms", f"{_p95(gaps):.1f} ms (idle frames {_p95(idle):.1f})"),
        ("release → slider, metric and link agree", "≤ 250 ms", f"{release:.0f} ms"),
        (f"chart elements replaced over {PRESSES} reruns, every page", "0", str(sum(replaced.values()))),
        ("legend toggle survives a rerun", "yes", "yes" if kept else "no"),
        ("load → first chart", "≤ 0.8× one-chart page", f"{app_first / one_first:.2f}×"),
        ("bytes per rerun, home chart", "≤ 10 KB", f"{_median(sizes) / 1000:.1f} KB"),
    ]
    print(f"\nTargets, {datetime.date.today().isoformat()}:")
    print("| what | target | measured |\n| --- | --- | --- |")
    for row in rows:
        print(f"| {' | '.join(row)} |")


if __name__ == "__main__":
    main()
