"""Every page on a phone, 390 px wide: nothing wider than the screen, the home chart on the first screen,
and the unit in sight without opening the sidebar."""

import re

import pytest
from playwright.sync_api import expect

from devtools.browser import plot_area, wait_until_idle
from pages import PAGES

PHONE = {"width": 390, "height": 844}
#: Every page, and the views with the widest content: eight outcomes' formulas, the frameworks' table
#: with its longest unit and a soft target, the formulas' marked terms.
PATHS = [
    *(f"/{page.url_path}" for page in PAGES),
    "/entropy?n=8&p_weight3=0",
    "/cross-entropy?n=8&p_weight2=0&q_weight1=0&unit=hartleys",
    "/loss?target=0.3&pred=1&unit=hartleys",
]

# Each formula's drawn rows (KaTeX's "base" boxes: its own box is as wide as its block, however wide
# the rows inside) against the block it sits in. The formulas break into rows, so none needs to scroll.
_FORMULAS_WIDER_THAN_THEIR_BLOCK = """() =>
  [...document.querySelectorAll("[data-testid=stMain] .katex-display .katex-html > .base")].flatMap((row) => {
    const block = row.closest("[data-testid=stVerticalBlock]").getBoundingClientRect();
    const box = row.getBoundingClientRect();
    return box.left >= block.left - 1 && box.right <= block.right + 1 ? [] : [row.textContent.slice(0, 60)];
  })"""


@pytest.mark.parametrize("path", PATHS)
def test_nothing_is_wider_than_a_phone(open_page, path):
    page = open_page(path, **PHONE)
    main = page.get_by_test_id("stMain")
    assert main.evaluate("(main) => main.scrollWidth - main.clientWidth") <= 0  # no sideways scroll
    assert page.evaluate(_FORMULAS_WIDER_THAN_THEIR_BLOCK) == []


def test_the_home_chart_starts_on_a_phones_first_screen(open_page):
    page = open_page("/", **PHONE)
    area = plot_area(page.locator(".js-plotly-plot").first)
    assert area.top < PHONE["height"] - 50  # the plot, not only its legend, is in the first screen


@pytest.mark.parametrize("entry", PAGES, ids=[page.url_path or "home" for page in PAGES])
def test_the_unit_and_the_share_link_are_in_sight_on_a_phone(open_page, entry):
    page = open_page(f"/{entry.url_path}", **PHONE)
    expect(page.get_by_test_id("stSidebar")).not_to_be_in_viewport()  # the sidebar starts closed
    units = page.get_by_role("radiogroup", name="Unit")
    expect(units).to_be_in_viewport()
    expect(page.locator(".st-key-share-link").get_by_role("button", name="Copy link")).to_be_in_viewport()
    units.get_by_text("nats").click()
    expect(page).to_have_url(re.compile(r"unit=nats"))
    wait_until_idle(page)
    expect(page.locator("[data-testid=stMetricValue]").first).to_have_text(re.compile(r"nats$|∞|%$"))
