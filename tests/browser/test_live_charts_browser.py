"""The live charts (ui/charts.py, static/live_chart.js): drawn exactly as Streamlit draws its own
Plotly charts, in light and dark, and kept on the page across reruns rather than replaced."""

import io
import json
import re

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from devtools.browser import page_slider, wait_until_idle
from devtools.servers import ROOT, running_app
from pages import PAGES
from tests.core.figures.builders import CASES
from ui.controls import CONTROLS


@pytest.fixture(scope="module")
def parity_app(tmp_path_factory):
    # Streamlit serves the static/ folder beside the script it runs: the app's own, linked.
    folder = tmp_path_factory.mktemp("parity")
    (folder / "parity_app.py").write_text((ROOT / "tests" / "ui" / "parity_app.py").read_text())
    (folder / "static").symlink_to(ROOT / "static")
    try:
        with running_app("parity", script=str(folder / "parity_app.py")) as app:
            yield app.url
    except RuntimeError as error:
        pytest.fail(str(error))


# What Streamlit's theme sets on a chart (plotly.js's full layout, after defaults): equal, to the letter.
THEMED = """(chart) => {
    const l = chart._fullLayout, axis = (a) => [a.tickfont, a.title.font, a.gridcolor, a.zerolinecolor, a.tickcolor,
        a.linecolor, a.showgrid, a.title.standoff, a.ticklabelposition, a.automargin];
    return JSON.stringify([l.font, l.paper_bgcolor, l.plot_bgcolor, l.margin, l.legend?.font, l.legend?.bordercolor,
        l.hoverlabel, l.width, l.height, axis(l.xaxis), axis(l.yaxis)]);
}"""
#: The pixels that may differ between the two: Streamlit 1.67 draws with plotly.js 4.2.0, and the
#: newest official bundle on npm is 4.1.1 (static/plotly/VERSION); the two differ in the anti-aliasing
#: of a curve's steepest ends and the sub-pixel place of a colour bar (measured: at most 1.0%).
TOLERANCE = 0.015
#: Streamlit's grey for a chart's text, and the live chart's on a light page: the same grey darkened
#: until it reads at 4.5:1 on white (WCAG AA), where Streamlit's is 3.7:1. On a dark page they agree.
STREAMLIT_TEXT, LEGIBLE_TEXT = "#808495", "rgb(115, 118, 134)"


def _grey(pixels: np.ndarray) -> np.ndarray:
    """Pixels without colour of their own: text and lines in a grey, blended into the background."""
    return np.ptp(pixels, axis=2) <= 24


def _pixels(locator) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(locator.screenshot())).convert("RGB"), dtype=int)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_figure_looks_as_st_plotly_chart_draws_it(browser, parity_app, scheme):
    context = browser.new_context(viewport={"width": 1000, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(parity_app)
    wait_until_idle(page)
    references = page.locator("[data-testid=stPlotlyChart] .js-plotly-plot")
    lives = page.locator(".stBidiComponent .js-plotly-plot")
    expect(lives).to_have_count(len(CASES))
    expect(references).to_have_count(len(CASES))
    for i, (case, _, _) in enumerate(CASES):
        live = lives.nth(i).evaluate(THEMED)
        assert (LEGIBLE_TEXT in live) is (scheme == "light")
        assert references.nth(i).evaluate(THEMED) == live.replace(LEGIBLE_TEXT, STREAMLIT_TEXT), (case, scheme)
        reference, pixels = _pixels(references.nth(i)), _pixels(lives.nth(i))
        assert reference.shape == pixels.shape, (case, scheme)
        differs = np.abs(reference - pixels).sum(axis=2) > 0
        if scheme == "light":  # grey text of another grey: its pixels differ by design (checked in dark)
            differs &= ~(_grey(reference) & _grey(pixels))
        differing = float(differs.mean())
        assert differing <= TOLERANCE, f"{case} in {scheme}: {differing:.2%} of the pixels differ"
    context.close()


def test_a_rerun_updates_the_chart_in_place(open_page):
    page = open_page("/?q=0.2")
    page.evaluate("document.querySelector('.live-chart').__kept = true")
    slider = page.get_by_role("slider").nth(1)
    slider.focus()
    for press in range(1, 6):
        page.keyboard.press("ArrowRight")
        expect(page).to_have_url(f"{page.url.split('?')[0]}?q={0.2 + press / 100:.2f}")
        page.wait_for_function(  # the chart shows the new q ...
            "q => document.querySelector('.live-chart').data.find(t => t.name === 'Your prediction q').x[0] === q",
            arg=round(0.2 + press / 100, 2),
        )
        assert page.evaluate("document.querySelector('.live-chart').__kept") is True  # ... on the same element


def test_a_chart_has_an_accessible_name(open_page):
    page = open_page("/")
    expect(
        page.get_by_role("figure", name="Chart of cross-entropy H(p, q) [bits] against predicted probability q")
    ).to_be_visible()


FIGURES = "[...document.querySelectorAll('.live-chart')].map(c => JSON.stringify(c.__figure))"


def test_the_changes_sent_after_the_first_run_add_up_to_the_figures_a_fresh_page_gets(open_page, browser):
    page = open_page("/loss")
    for slider in (0, 3, 7):  # a logit, the smoothing, the target of the two-class charts
        page.get_by_role("slider").nth(slider).focus()
        for _ in range(2):
            page.keyboard.press("ArrowRight")
            wait_until_idle(page)
    page.wait_for_timeout(500)
    wait_until_idle(page)
    patched = [json.loads(figure) for figure in page.evaluate(FIGURES)]
    fresh = browser.new_page(viewport={"width": 1280, "height": 900})
    fresh.goto(page.url)
    wait_until_idle(fresh)
    assert [json.loads(figure) for figure in fresh.evaluate(FIGURES)] == patched
    fresh.close()


def test_a_chart_that_missed_a_change_asks_for_the_whole_figure(open_page):
    page = open_page("/?q=0.2")
    page.evaluate("document.querySelector('.live-chart').__revision = -1")  # as if a change went missing
    page.get_by_role("slider").nth(1).focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.live-chart').data.find(t => t.name === 'Your prediction q').x[0] === 0.21"
    )


def test_a_theme_switch_without_a_rerun_rethemes_every_chart(open_page):
    # Streamlit follows the system's light or dark with no rerun; so must the charts.
    page = open_page("/loss")
    light = page.locator(".live-chart").first.evaluate(THEMED)
    page.emulate_media(color_scheme="dark")
    dark = open_page("/loss", color_scheme="dark")
    expected = [chart.evaluate(THEMED) for chart in dark.locator(".live-chart").all()]
    assert expected[0] != light
    for i, chart in enumerate(page.locator(".live-chart").all()):
        page.wait_for_function(
            f"(expected) => ({THEMED})(document.querySelectorAll('.live-chart')[{i}]) === expected", arg=expected[i]
        )
        assert chart.evaluate(THEMED) == expected[i]


@pytest.mark.parametrize("entry", PAGES, ids=[entry.url_path or "home" for entry in PAGES])
def test_every_chart_on_every_page_stays_across_reruns(open_page, entry):
    page = open_page(f"/{entry.url_path}")
    page.evaluate("document.querySelectorAll('.live-chart').forEach(chart => { chart.__kept = true; })")
    key, _ = entry.exercise
    slider = page_slider(page, CONTROLS[key].label)
    up = float(slider.input_value()) < float(slider.get_attribute("max"))
    for press in range(3):
        before = page.url
        slider.focus()
        page.keyboard.press("ArrowRight" if (press % 2 == 0) == up else "ArrowLeft")
        expect(page).not_to_have_url(before)  # the rerun began ...
        wait_until_idle(page)  # ... and ended
    kept = page.evaluate("[...document.querySelectorAll('.live-chart')].map(chart => chart.__kept === true)")
    assert kept and all(kept)


def test_a_legend_toggle_survives_a_rerun(open_page):
    page = open_page("/?q=0.2")
    page.locator(".live-chart .legend .traces", has_text="Entropy H(p)").locator(".legendtoggle").click()
    hidden = "document.querySelector('.live-chart')._fullData.find(t => t.name === 'Entropy H(p)').visible"
    page.wait_for_function(f"{hidden} === 'legendonly'")
    page.locator("[data-testid=stSlider] input").nth(1).focus()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"q=0\.21"))
    wait_until_idle(page)
    page.wait_for_function(
        "document.querySelector('.live-chart').data.find(t => t.name === 'Your prediction q').x[0] === 0.21"
    )
    assert page.evaluate(hidden) == "legendonly"


def test_a_chart_saves_as_png_and_its_data_as_csv(open_page):
    page = open_page("/?q=0.2")
    chart = page.locator(".live-chart").first
    chart.hover()
    camera = chart.get_by_role("button", name="Download plot as a PNG")
    expect(camera).to_be_visible()
    with page.expect_download() as png:
        camera.click()
    assert png.value.suggested_filename == "curve.png"
    assert png.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.get_by_text("Data: cross-entropy H(p, q)").click()
    with page.expect_download() as data:
        page.get_by_role("button", name="Download all its data (CSV)").click()
    assert data.value.suggested_filename == "curve.csv"
    lines = data.value.path().read_text().splitlines()
    assert lines[1] == 'predicted probability q,"Cross-entropy H(p, q)"' and lines[2] == "0.0,inf"


def test_a_chart_that_leaves_the_page_raises_no_error(open_page):
    # At n = 3 the triangle's chart is on the page; at n = 4 it is gone, its element removed while its
    # size changes: plotly.js refuses to resize it, and the page must not carry that as an error.
    page = open_page("/cross-entropy")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    n = page_slider(page, "Number of outcomes n")
    for key in ("ArrowRight", "ArrowLeft", "ArrowRight"):
        n.focus()
        page.keyboard.press(key)
        wait_until_idle(page)
        page.wait_for_timeout(300)
    assert errors == []
