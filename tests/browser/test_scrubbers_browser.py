"""The in-figure scrubbers: dragging moves the chart in the browser alone, and a rerun resets it."""

import pytest
from playwright.sync_api import expect

from devtools.browser import wait_until_idle

# Plotly keeps each chart's figure on its element: data, layout and the slider's active step.
POINT = """([chart, name]) => {
    const plot = document.querySelectorAll('.js-plotly-plot')[chart];
    const trace = plot.data.find(t => t.name === name);
    return {x: trace.x[0], text: trace.text[0], active: plot.layout.sliders[0].active};
}"""


def _drag_scrubber(page, chart: int, to: float) -> None:
    rail = page.locator(".js-plotly-plot").nth(chart).locator(".slider-rail-rect").bounding_box()
    handle = page.locator(".js-plotly-plot").nth(chart).locator(".slider-grip-rect").bounding_box()
    y = rail["y"] + rail["height"] / 2
    page.mouse.move(handle["x"] + handle["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(rail["x"] + rail["width"] * to, y, steps=12)
    page.mouse.up()


@pytest.mark.parametrize(
    ("path", "name", "key", "start", "readout"),
    [
        ("/?q=0.2", "Your prediction q", "q", 0.2, "q = 0.85<br>H(p, q) = 1.9862 bits<br>D(p‖q) = 1.1049 bits"),
        ("/surprisal?y=0.2", "Your probability y", "y", 0.2, "y = 0.85<br>log(1/y) = 0.2345 bits"),
    ],
)
def test_dragging_the_scrubber_moves_the_chart_without_the_server(browser, server, path, name, key, start, readout):
    page = browser.new_page(viewport={"width": 1280, "height": 1200})
    sent = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda payload: sent.append(payload)))
    page.goto(server + path)
    wait_until_idle(page)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    assert page.evaluate(POINT, [0, name])["x"] == start
    before = len(sent)
    _drag_scrubber(page, 0, 0.85)
    moved = page.evaluate(POINT, [0, name])
    assert moved["text"] == readout and moved["x"] == 0.85
    assert len(sent) == before  # the drag sent no message to the server
    assert f"{key}={start}" in page.url  # and the page's own slider, the URL's source, did not move

    # The Streamlit slider stays the truth: after a rerun the chart shows its value again.
    page.get_by_role("slider").nth(1 if key == "q" else 0).focus()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(f"{server}{path.split('?')[0]}?{key}={start + 0.01:.2f}")
    wait_until_idle(page)
    page.wait_for_function(
        "([name, x]) => document.querySelectorAll('.js-plotly-plot')[0].data.find(t => t.name === name).x[0] === x",
        arg=[name, round(start + 0.01, 2)],
    )
    after = page.evaluate(POINT, [0, name])
    assert after["active"] == round((start + 0.01) * 100)
    page.close()
