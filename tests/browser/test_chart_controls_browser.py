"""A chart's own controls (ui/charts.py, static/live_chart.js): the range input under the chart, the
pointer on the home and surprisal plots, ▶ on the descent. Each moves the chart at once, then the
page's slider, metrics and link follow: one value of each control on the page, never two."""

import re

import pytest
from playwright.sync_api import expect

from devtools.browser import page_slider, plot_area, wait_until_idle

# The point a control moves, as plotly.js draws it now, and the chart's own input.
POINT = "([chart, name]) => document.querySelectorAll('.live-chart')[chart].data.find(t => t.name === name).x[0]"
IMAGES = "document.querySelectorAll('.live-chart')[3].querySelectorAll('image').length"


@pytest.mark.parametrize(
    ("path", "name", "key", "label", "readout", "metric"),
    [
        ("/?q=0.2", "Your prediction q", "q", "Predicted probability q", "q = 0.85", "1.1049 bits"),
        ("/surprisal?y=0.2", "Your probability y", "y", "Probability y", "y = 0.85", "0.2345 bits"),
    ],
)
def test_dragging_on_the_plot_moves_the_chart_then_the_page(open_page, path, name, key, label, readout, metric):
    page = open_page(path, height=1200)
    page.locator(".live-chart").first.scroll_into_view_if_needed()
    area = plot_area(page.locator(".live-chart").first)
    y = area.top + area.height / 2
    page.mouse.move(area.x(0.4), y)
    page.mouse.down()  # pointer down anywhere on the plot: the value jumps there
    page.wait_for_function(f"() => ({POINT})([0, {name!r}]) === 0.4")
    page.mouse.move(area.x(0.85), y, steps=15)
    page.wait_for_function(f"() => ({POINT})([0, {name!r}]) === 0.85")  # the chart follows the pointer
    expect(page.locator(".live-chart-control output").first).to_have_text(readout)
    page.mouse.up()
    # On release the page's control takes the value, and with it the metrics, the formula and the link.
    expect(page).to_have_url(re.compile(rf"\?{key}=0\.85$"))
    expect(page_slider(page, label)).to_have_value("0.85")
    expect(page.locator("[data-testid=stMetricValue]").last).to_have_text(metric)
    wait_until_idle(page)
    assert page.evaluate(f"({POINT})([0, {name!r}])") == 0.85  # Python's figure agrees with the drag


@pytest.mark.parametrize(
    ("path", "name", "key", "label"),
    [
        ("/?q=0.2", "Your prediction q", "q", "Predicted probability q"),
        ("/surprisal?y=0.2", "Your probability y", "y", "Probability y"),
    ],
)
def test_the_charts_own_slider_works_from_the_keyboard(open_page, path, name, key, label):
    page = open_page(path)
    own = page.locator(".live-chart-control input").first  # on the home chart, p's row follows q's
    expect(own).to_have_accessible_name(re.compile(f"^{label}"))  # named as the page's slider is
    own.focus()
    for value in (0.21, 0.22, 0.23):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => ({POINT})([0, {name!r}]) === {value}")
        expect(page.locator(".live-chart-control output").first).to_have_text(f"{key} = {value:.2f}")
    expect(page_slider(page, label)).to_have_value("0.23")
    assert own.get_attribute("aria-valuetext") == f"{key} = 0.23"
    assert page.url.endswith(f"{key}=0.23")
    # And the other way: the page's slider moves the chart's own.
    page_slider(page, label).focus()
    page.keyboard.press("ArrowLeft")
    expect(own).to_have_value("22")
    page.wait_for_function(f"() => ({POINT})([0, {name!r}]) === 0.22")


def test_play_moves_only_the_marker_then_hands_the_step_to_the_page(open_page):
    page = open_page("/loss?steps=0", height=1400)
    sent = []  # what the page tells the server: nothing until the animation ends
    page.on("websocket", lambda socket: socket.on("framesent", lambda payload: sent.append(payload)))
    page.reload()
    wait_until_idle(page)
    play = page.get_by_role("button", name="Play Steps of gradient descent")
    play.scroll_into_view_if_needed()
    assert page.evaluate(IMAGES) == 1
    # Every step the control shows, as the browser draws it (not as often as this test can look).
    page.evaluate(
        """() => { const output = document.querySelector('.live-chart-control output'); window.shownSteps = [];
        new MutationObserver(() => window.shownSteps.push([performance.now(), output.textContent]))
            .observe(output, { childList: true, characterData: true, subtree: true }); }"""
    )
    start = page.evaluate("performance.now()")
    sent.clear()
    play.click()
    while page.evaluate("performance.now()") - start < 1500:  # mid-way: the marker moves, the map stays
        assert page.evaluate(IMAGES) == 1
        page.wait_for_timeout(100)
    seen = {step for time, step in page.evaluate("window.shownSteps") if time - start < 1500}
    assert len(seen) >= 5 and "step 200" not in seen  # slowly enough to follow
    assert not sent
    expect(page.locator(".live-chart-control output")).to_have_text("step 200", timeout=5_000)
    expect(page.get_by_role("button", name="Play Steps of gradient descent")).to_be_visible()
    expect(page_slider(page, "Steps of gradient descent")).to_have_value("200")
    expect(page.get_by_text("After 200 steps")).to_be_visible()
    assert page.url.endswith("steps=200") and page.evaluate(IMAGES) == 1


def test_pause_leaves_the_page_where_the_animation_stopped(open_page):
    page = open_page("/loss?steps=0", height=1400)
    page.get_by_role("button", name="Play Steps of gradient descent").click()
    page.wait_for_timeout(800)
    page.get_by_role("button", name="Pause Steps of gradient descent").click()
    shown = page.locator(".live-chart-control output").text_content()
    step = int(shown.removeprefix("step "))
    assert 0 < step < 200
    expect(page_slider(page, "Steps of gradient descent")).to_have_value(str(step))
    expect(page.get_by_text(f"After {step} steps")).to_be_visible()
    wait_until_idle(page)
    expect(page.locator(".live-chart-control output")).to_have_text(shown)  # and the chart stays there


def test_the_descent_slider_reaches_every_step_from_the_keyboard(open_page):
    page = open_page("/loss?steps=60", height=1400)
    own = page.locator(".live-chart-control input")
    own.focus()
    page.keyboard.press("End")
    expect(page_slider(page, "Steps of gradient descent")).to_have_value("200")
    page.keyboard.press("Home")
    expect(page_slider(page, "Steps of gradient descent")).to_have_value("0")
    expect(page.get_by_text("After 0 steps")).to_be_visible()
    assert page.evaluate(IMAGES) == 1


def test_a_tap_on_a_phone_moves_q_and_a_swipe_scrolls(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/?q=0.2")
    wait_until_idle(page)
    page.locator(".live-chart").first.scroll_into_view_if_needed()
    area = plot_area(page.locator(".live-chart").first)
    page.touchscreen.tap(area.x(0.7), area.top + area.height / 2)
    expect(page_slider(page, "Predicted probability q")).to_have_value("0.7")
    expect(page).to_have_url(re.compile(r"\?q=0\.7$"))
    wait_until_idle(page)
    # A swipe up from the plot scrolls the page past the chart, and leaves q alone.
    main = page.get_by_test_id("stMain")
    scrolled = main.evaluate("main => main.scrollTop")
    cdp = context.new_cdp_session(page)
    x, y = area.x(0.3), area.top + area.height * 0.8
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 30 * step}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_function("([main, before]) => main.scrollTop > before + 100", arg=[main.element_handle(), scrolled])
    page.wait_for_timeout(500)
    assert page.url.endswith("?q=0.7") and page.evaluate(f"({POINT})([0, 'Your prediction q'])") == 0.7
    context.close()


@pytest.mark.parametrize("path", ["/", "/surprisal", "/loss"])
def test_on_a_phone_a_charts_own_control_covers_none_of_its_text(open_page, path):
    page = open_page(path, width=390, height=844)
    for control in page.locator(".live-chart-control").all():
        chart = control.locator("xpath=preceding-sibling::div[contains(@class, 'live-chart')][1]")
        covered = chart.evaluate(
            """(chart, control) => { const c = control.getBoundingClientRect();
            return [...chart.querySelectorAll('text')].filter((t) => { const r = t.getBoundingClientRect();
                return r.width && r.left < c.right && c.left < r.right && r.top < c.bottom && c.top < r.bottom;
            }).map((t) => t.textContent); }""",
            control.element_handle(),
        )
        assert covered == [], f"{path}: the control row covers {covered}"


def test_a_link_that_locks_q_locks_the_home_charts_own_control(open_page):
    page = open_page("/?lock=q&q=0.2", height=1200)
    own = page.locator(".live-chart-control input").first
    expect(own).to_be_disabled()
    expect(page_slider(page, "Predicted probability q")).to_have_value("0.2")
    page.locator(".live-chart").first.scroll_into_view_if_needed()
    area = plot_area(page.locator(".live-chart").first)
    y = area.top + area.height / 2
    page.mouse.move(area.x(0.4), y)
    page.mouse.down()  # a pointer drag on the plot moves nothing
    page.mouse.move(area.x(0.85), y, steps=15)
    page.mouse.up()
    page.wait_for_timeout(500)
    wait_until_idle(page)
    assert page.evaluate(f"({POINT})([0, 'Your prediction q'])") == 0.2
    expect(own).to_have_value("20")  # the input's index: q = 0.20 of 0, 0.01, …, 1
    expect(page_slider(page, "Predicted probability q")).to_have_value("0.2")
    expect(page).to_have_url(re.compile(r"\?lock=q&q=0\.2$"))


def test_sweeping_p_moves_the_whole_chart_and_pausing_hands_p_to_the_page(open_page):
    page = open_page("/?p=0.3&q=0.65", height=1200)
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    sweep = page.get_by_role("button", name="Sweep True probability p of outcome 1")
    sweep.scroll_into_view_if_needed()
    curve = "() => document.querySelector('.live-chart').data.find(t => t.name === 'Cross-entropy H(p, q)').y[100]"
    before = page.evaluate(curve)
    sweep.click()
    page.wait_for_timeout(1000)
    assert page.evaluate(curve) != before  # the curve itself moved with p, drawn in the browser
    page.get_by_role("button", name="Pause True probability p of outcome 1").click()
    shown = page.locator(".live-chart-control output").nth(1).text_content()
    p = float(shown.removeprefix("p = "))
    assert p != 0.3
    expect(page_slider(page, "True probability p")).to_have_value(f"{p:g}")
    expect(page).to_have_url(re.compile(re.escape(f"?p={p:g}") + "$"))  # q = 0.65, the default, stays out
    wait_until_idle(page)
    assert page.evaluate(f"({POINT})([0, 'Minimum at q = p'])") == p  # Python's figure, at the page's p
    assert page.evaluate(f"({POINT})([0, 'Your prediction q'])") == 0.65  # q stayed where it was
    expect(page_slider(page, "Predicted probability q")).to_have_value("0.65")
    expect(page.get_by_role("button", name="Sweep True probability p of outcome 1")).to_be_visible()
    expect(page.locator(".live-chart-control output").nth(1)).to_have_text(shown)  # and the chart stays there
    assert not errors


def test_a_link_that_locks_p_disables_the_sweep(open_page):
    page = open_page("/?lock=p&p=0.4", height=1200)
    expect(page.get_by_role("button", name="Sweep True probability p of outcome 1")).to_be_disabled()
    expect(page.get_by_role("slider", name="True probability p of outcome 1", exact=True).last).to_be_disabled()
    expect(page_slider(page, "True probability p")).to_have_value("0.4")
