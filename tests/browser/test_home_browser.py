"""The home page in headless Chromium, driven as a learner would."""

import re

from playwright.sync_api import expect

from core import BITS, binary_cross_entropy, binary_entropy, format_value, kl_divergence
from devtools.browser import screenshot, wait_until_idle


def _metric(page, label):
    return page.locator("[data-testid=stMetric]", has_text=label).locator("[data-testid=stMetricValue]")


def test_keyboard_moves_q_and_the_link_follows(open_page, browser, server):
    page = open_page("/")
    expect(_metric(page, "Cross-entropy H(p, q)")).to_have_text("1.2466 bits")
    q_slider = page.get_by_role("slider").nth(1)
    q_slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"q=0\.7\b"))
    wait_until_idle(page)
    moved = format_value(binary_cross_entropy(0.3, 0.7), BITS)
    expect(_metric(page, "Cross-entropy H(p, q)")).to_have_text(moved)
    gap = format_value(kl_divergence([0.3, 0.7], [0.7, 0.3]), BITS)
    expect(page.locator(".js-plotly-plot").first).to_contain_text(f"D(p‖q) = {gap}")

    shared = browser.new_page()  # the copied link, opened elsewhere, shows the same view
    shared.goto(page.url)
    wait_until_idle(shared)
    expect(_metric(shared, "Cross-entropy H(p, q)")).to_have_text(moved)
    shared.close()


def test_mouse_drag_moves_p(open_page):
    page = open_page("/")
    p_slider = page.get_by_role("slider").first
    box = page.locator("[data-testid=stSlider]").first.bounding_box()
    start = p_slider.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, start["y"] + start["height"] / 2, steps=8)
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"p=0\.[45]"))
    wait_until_idle(page)
    p_value = float(re.search(r"p=([0-9.]+)", page.url).group(1))
    expect(p_slider).to_have_attribute("aria-valuetext", f"{p_value:.2f}")
    expect(_metric(page, "Entropy H(p)")).to_have_text(format_value(binary_entropy(p_value), BITS))


def test_impossible_prediction_shows_infinity(open_page):
    page = open_page("/?p=0.3&q=0&unit=nats")
    expect(_metric(page, "Cross-entropy H(p, q)")).to_have_text("∞")
    expect(page.locator(".js-plotly-plot").first).to_contain_text("H(p, q) = ∞")
    expect(page.get_by_text("log(1/0), is infinite")).to_be_visible()
    screenshot(page, "home-infinite")


def test_bad_link_shows_a_note_and_defaults(open_page):
    page = open_page("/?p=banana&unit=%3Cscript%3Ealert(1)%3C/script%3E")
    expect(page.get_by_text("is not one this page can show").first).to_be_visible()
    expect(_metric(page, "Entropy H(p)")).to_have_text("0.8813 bits")
    assert page.locator("script", has_text="alert(1)").count() == 0


def test_desktop_light_and_dark(open_page):
    light = open_page("/", color_scheme="light")
    screenshot(light, "home-desktop-light")
    dark = open_page("/", color_scheme="dark")
    background = dark.evaluate("getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    screenshot(dark, "home-desktop-dark")


def test_phone_has_no_horizontal_overflow(open_page):
    for scheme in ("light", "dark"):
        page = open_page("/", width=390, height=844, color_scheme=scheme)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        chart = page.locator(".js-plotly-plot").first.bounding_box()
        assert chart["x"] >= 0 and chart["x"] + chart["width"] <= 390
        formula_overflow = page.evaluate(
            "Math.max(...[...document.querySelectorAll('.katex-display')].map(e => e.scrollWidth - e.clientWidth))"
        )
        assert formula_overflow <= 2  # KaTeX's sub-pixel rounding; a clipped term would be far wider
        screenshot(page, f"home-phone-{scheme}")
