"""The journey's pages in headless Chromium: deep links, controls, units, phone and dark theme."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from devtools.browser import page_slider, screenshot, wait_until_idle
from devtools.servers import running_app
from pages import PAGES

IDS = [page.url_path or "home" for page in PAGES]


def _metric(page, label):
    return page.locator("[data-testid=stMetric]", has_text=label).locator("[data-testid=stMetricValue]").first


def test_a_fresh_servers_first_visitor_can_open_a_deep_link(browser):
    # The first run of a new server is the one Streamlit may give to pages/ alone (pages/__init__.py).
    with running_app("fresh-server") as app:
        page = browser.new_page()
        page.goto(f"{app.url}/cross-entropy?n=2")
        wait_until_idle(page)
        expect(page.get_by_role("heading", name="Cross-entropy: judging p by q")).to_be_visible()
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page.get_by_role("radiogroup", name="Unit")).to_be_visible()
        expect(page.get_by_test_id("stSidebarNav")).to_contain_text("3 · Cross-entropy")
        expect(page.get_by_role("slider", name="Number of outcomes n")).to_have_attribute("aria-valuetext", "2")
        page.close()


@pytest.mark.parametrize("entry", PAGES, ids=IDS)
def test_each_page_follows_its_controls_and_the_unit(open_page, entry):
    label = entry.headline
    page = open_page(f"/{entry.url_path}")
    expect(page.get_by_role("heading", name=entry.heading)).to_be_visible()
    before = _metric(page, label).inner_text()
    page.get_by_role("slider").first.focus()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"\?.*="))
    wait_until_idle(page)
    expect(_metric(page, label)).not_to_have_text(before)
    page.get_by_role("radiogroup", name="Unit").get_by_text("nats").click()
    expect(page).to_have_url(re.compile(r"unit=nats"))
    wait_until_idle(page)
    expect(_metric(page, label)).to_have_text(re.compile(r"nats$|∞"))
    share = page.locator(".st-key-share-link")  # beside the unit (not "Share for a class", at the end)
    link = share.locator(".share-link-url")
    expect(link).to_contain_text("unit=nats")  # written at the end of the run that the metric began
    shared = urlsplit(link.inner_text())
    address = urlsplit(page.url)
    assert (shared.netloc, shared.path) == (address.netloc, address.path)  # the share link is this view
    assert parse_qs(shared.query) == parse_qs(address.query)
    assert link.get_attribute("href") == link.inner_text()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    share.get_by_role("button", name="Copy link").click()
    expect(share.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link.inner_text()


def test_cross_entropy_preset_and_infinity(open_page):
    page = open_page("/cross-entropy")
    page.get_by_test_id("stSelectbox").nth(1).click()
    page.get_by_role("option", name="q = p").click()
    expect(page).to_have_url(re.compile(r"q_weight1=5"))
    wait_until_idle(page)
    expect(_metric(page, "KL divergence D(p‖q)")).to_have_text("0.0000 bits")
    page = open_page("/cross-entropy?q_weight1=0")
    expect(_metric(page, "Cross-entropy H(p, q)")).to_have_text("∞")
    expect(page.get_by_text("Outcome 1 can happen")).to_be_visible()


def test_the_two_directions_are_drawn_with_their_divergences(open_page):
    page = open_page("/cross-entropy?unit=nats")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.reload()  # with the listener on from the start
    wait_until_idle(page)
    chart = page.get_by_role("figure", name="Chart of a two-mode p and its best one-peak q in each direction")
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    drawn = chart.evaluate("(chart) => chart._fullData.map((t) => [t.name, t.type, t.visible, t.y.length])")
    assert drawn == [
        ["true p", "bar", True, 8],
        ["best q by D(p‖q)", "scatter", True, 8],
        ["best q by D(q‖p)", "scatter", True, 8],
    ]
    expect(chart.locator(".barlayer .point")).to_have_count(8)  # in the SVG: a bar per outcome ...
    expect(chart.locator(".scatterlayer .trace")).to_have_count(2)  # ... and a line per fit
    expect(chart.locator(".legend")).to_contain_text("best q by D(q‖p)")
    fits = page.get_by_role("table").filter(has_text="settles on one mode")
    expect(fits).to_contain_text(re.compile(r"\d\.\d{4} nats"))
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert not errors


@pytest.mark.parametrize("path", [page.url_path for page in PAGES], ids=IDS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_fit_phone_and_desktop(open_page, path, scheme):
    for width, height, size in [(1280, 900, "desktop"), (390, 844, "phone")]:
        page = open_page(f"/{path}", width=width, height=height, color_scheme=scheme)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        for chart in page.locator(".js-plotly-plot").all():
            box = chart.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
        screenshot(page, f"{path or 'home'}-{size}-{scheme}")


def test_the_journey_goes_on_from_page_to_page(open_page, server):
    page = open_page("/?unit=nats")
    for following in PAGES[1:]:
        page.get_by_role("link", name=f"Next: {following.title}").click()
        expect(page).to_have_url(re.compile(rf"/{following.url_path}(\?|$)"))
        wait_until_idle(page)
        expect(page.get_by_role("heading", name=following.heading)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Next:"))).to_have_count(0)
    assert "unit=nats" in page.url  # the unit travels with the learner


# The page's words as a reader meets them: the main area's text, but for the unit's own choices, and
# its charts' text and descriptions.
ALL_TEXT = """() => {
    const main = document.querySelector('[data-testid=stMain]'), unit = main.querySelector('[data-testid=stRadio]');
    unit.style.display = 'none';
    const text = main.innerText;
    unit.style.display = '';
    return text + '\\n' + [...main.querySelectorAll('svg text, .live-chart-summary')].map((t) => t.textContent)
        .join('\\n');
}"""


# Every page but /codes, which measures code lengths in bits whatever the unit and says how they
# convert (tests/pages/test_codes.py).
IN_THE_UNIT = [f"/{page.url_path}" for page in PAGES if page.url_path != "codes"]


@pytest.mark.parametrize("unit", ["nats", "hartleys"])
@pytest.mark.parametrize("link", [*IN_THE_UNIT, "/cross-entropy?n=2", "/cross-entropy?n=3"])
def test_no_bit_on_a_page_set_to_another_unit(open_page, link, unit):
    page = open_page(f"{link}{'&' if '?' in link else '?'}unit={unit}")
    for expander in page.get_by_test_id("stExpander").all():  # the charts' data tables too
        expander.locator("summary").click()
    expect(page.get_by_test_id("stExpander").get_by_role("table").first).to_be_visible()
    lines = page.evaluate(ALL_TEXT).splitlines()
    # The one sentence that names every unit, saying which base gives which, may name bits.
    naming_every_unit = {"bits", "nats", "hartleys"}
    bits = [
        line
        for line in lines
        if re.search(r"\bbits?\b", line) and not naming_every_unit <= set(re.findall(r"\w+", line))
    ]
    assert not bits, bits
    assert any(re.search(rf"\b{unit}\b", line) for line in lines)


@pytest.mark.parametrize("unit", ["bits", "nats"])
def test_the_square_map_is_exactly_0_at_its_two_zero_corners_and_dark_there(open_page, unit):
    page = open_page(f"/cross-entropy?n=2&unit={unit}")
    square = page.get_by_role("figure", name="Chart of true probability p against predicted probability q")
    drawn = square.evaluate(
        """(chart) => { const map = chart._fullData.find((t) => t.type === 'heatmap'), z = map.z;
        const corners = [[0, 0], [z.length - 1, z[0].length - 1]];  // (p, q) = (0, 0) and (1, 1)
        return corners.map(([i, j]) => [map.y[i], map.x[j], z[i][j]]); }"""
    )
    assert drawn == [[0, 0, 0], [1, 1, 0]]
    # No frame in the ∞ colour around it: the plot's background is the page's.
    backgrounds = square.evaluate("(chart) => [chart._fullLayout.plot_bgcolor, chart._fullLayout.paper_bgcolor]")
    assert backgrounds[0] == backgrounds[1]


#: The number of draws the chart of averages shows now: its last point's.
DRAWN = """() => document.querySelector('.st-key-chart-sampling .live-chart').data
    .find((t) => t.name === 'average of log(1/q(x)) now').x[0]"""


def test_play_draws_more_on_the_same_chart_until_paused(open_page):
    page = open_page("/cross-entropy?draws=20&seed=3")
    chart = page.locator(".st-key-chart-sampling .live-chart")
    chart.evaluate("(chart) => { chart.__kept = true; }")
    page.get_by_role("button", name="Play").click()
    page.wait_for_function(f"({DRAWN})() >= 100")  # drawing on, a step at a time, with no click
    slider = page_slider(page, "Draws from p")
    assert int(slider.get_attribute("aria-valuetext")) >= 100
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    wait_until_idle(page)
    paused = page.evaluate(DRAWN)
    page.wait_for_timeout(1500)  # several of the timer's beats, had it gone on
    assert page.evaluate(DRAWN) == paused and 100 <= paused < 2000
    expect(slider).to_have_attribute("aria-valuetext", str(paused))
    assert parse_qs(urlsplit(page.url).query)["draws"] == [str(paused)]  # the link keeps the count
    assert f"draws={paused}" in page.locator(".st-key-share-link .share-link-url").inner_text()
    seed = page_slider(page, "Seed of the random draws")
    seed.focus()
    page.keyboard.press("ArrowRight")  # a control of the fragment reruns the whole page: the share link too
    expect(page.locator(".st-key-share-link .share-link-url")).to_contain_text("seed=4")
    wait_until_idle(page)
    assert chart.evaluate("(chart) => chart.__kept") is True  # patched in place all along, never replaced
    expect(page.get_by_test_id("stException")).to_have_count(0)
