"""Every page for everyone (WCAG 2.2 AA as the bar): axe-core finds nothing serious in either theme,
each chart has a name and a text alternative, the key numbers are announced, focus is visible."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from devtools.browser import page_slider, settle
from pages import PAGES

IDS = [page.url_path or "home" for page in PAGES]
#: The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
LINKS = [f"/{page.url_path}" for page in PAGES] + ["/cross-entropy?n=2", "/cross-entropy?n=3", "/entropy?n=8"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("link", LINKS)
def test_axe_finds_no_serious_violation(open_page, link, scheme):
    page = open_page(link, color_scheme=scheme)
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)


@pytest.mark.parametrize("entry", PAGES, ids=IDS)
def test_each_chart_is_named_and_described_at_its_current_values(open_page, entry):
    page = open_page(f"/{entry.url_path}")
    charts = page.locator("[data-testid=stMain] .live-chart")
    assert charts.count() > 0
    for chart in charts.all():
        assert chart.get_attribute("role") == "figure"
        assert chart.get_attribute("aria-label")
        description = page.locator(f"#{chart.get_attribute('aria-describedby')}")
        expect(description).to_have_count(1)
        assert description.text_content().startswith(chart.get_attribute("aria-label"))
        box = description.bounding_box()
        assert box["width"] <= 1 and box["height"] <= 1  # heard, not seen: the plot shows it


def test_a_chart_description_and_its_data_table_follow_the_controls(open_page):
    page = open_page("/?p=0.3&q=0.65")
    chart = page.locator("[data-testid=stMain] .live-chart").first
    description = page.locator(f"#{chart.get_attribute('aria-describedby')}")
    expect(description).to_contain_text("Your prediction q at predicted probability q = 0.65")
    page_slider(page, "Predicted probability q").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    expect(description).to_contain_text("Your prediction q at predicted probability q = 0.66")
    expander = page.get_by_test_id("stExpander").filter(has_text="Data: cross-entropy H(p, q)")
    expander.get_by_text("Data: cross-entropy H(p, q)").click()
    table = expander.get_by_role("table")
    expect(table.get_by_role("columnheader", name="predicted probability q")).to_be_visible()
    expect(table.get_by_role("row", name="0.5 1", exact=True)).to_be_visible()  # H(0.3, 0.5) = 1 bit


def test_the_headline_numbers_are_announced_when_they_change(open_page):
    page = open_page("/?p=0.3&q=0.65")
    status = page.get_by_role("status").filter(has_text="Cross-entropy")
    expect(status).to_have_text("Cross-entropy 1.2466 bits, 0.3654 bits above the entropy, 0.8813 bits")
    shown = status.evaluate("(e) => e.closest('[data-testid=stElementContainer]').getBoundingClientRect()")
    assert shown["width"] <= 1 and shown["height"] <= 1  # heard, not seen
    status.evaluate("(e) => { e.dataset.kept = 'yes'; }")  # a new region would not be announced
    page_slider(page, "Predicted probability q").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    expect(status).to_have_text("Cross-entropy 1.2693 bits, 0.3880 bits above the entropy, 0.8813 bits")
    expect(status).to_have_attribute("data-kept", "yes")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_radio_shows_where_the_keyboard_is(open_page, scheme):
    page = open_page("/", color_scheme=scheme)
    page.get_by_role("radio", name="bits").focus()
    page.keyboard.press("ArrowRight")  # a key press: the focus is the keyboard's, so it must show
    settle(page)
    option = page.get_by_test_id("stRadioOption").filter(has_text="nats")
    expect(option).to_have_attribute("data-focus-visible", "true")
    outline = option.evaluate("(e) => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]")
    assert outline[0] == "solid" and outline[1] >= 2


# Every text a live chart draws: its colour and opacity as drawn, and the chart's background. Text
# inside a bar is drawn on the bar, black or white for it (core/figures/bars.py), not on the page.
CHART_TEXT = """() => [...document.querySelectorAll('[data-testid=stMain] .live-chart')].flatMap((chart) =>
    [...chart.querySelectorAll('text')]
        .filter((t) => t.textContent.trim() && !t.closest('.bartext-inside') && t.getBBox().width > 0)
        .map((t) => [t.textContent, getComputedStyle(t).fill, Number(getComputedStyle(t).fillOpacity),
                     chart._fullLayout.paper_bgcolor]))"""


def _rgb(color: str) -> tuple[float, ...]:
    if color.startswith("#"):
        return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))
    return tuple(float(part) for part in re.findall(r"[\d.]+", color)[:3])


def _contrast(foreground: tuple[float, ...], background: tuple[float, ...]) -> float:
    def luminance(rgb):
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    dark, light = sorted((luminance(foreground), luminance(background)))
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("link", LINKS)
def test_chart_text_reads_at_4_5_to_1(open_page, link, scheme):
    page = open_page(link, color_scheme=scheme)
    texts = page.evaluate(CHART_TEXT)
    assert texts
    faint = []
    for text, fill, opacity, background in texts:
        bg = _rgb(background)
        drawn = tuple(opacity * c + (1 - opacity) * b for c, b in zip(_rgb(fill), bg, strict=True))
        if (ratio := _contrast(drawn, bg)) < 4.5:
            faint.append(f"{text!r} in {fill} at {ratio:.2f}:1")
    assert not faint, faint
