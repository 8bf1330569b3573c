"""Every control of every page at both its ends, then every other page through the navigation:
no exception box anywhere, and each page shows only values its own controls allow.

A key means one thing with one range on every page (ui/controls.py), and Streamlit carries the link
parameters of controls moved in a session to the next page that has a control of the same key: this
walk is what once found a crash two clicks away. The controls are moved anew before each visit,
since it is a move in the session, not a value in the opened link, that is carried.
"""

import pytest
from playwright.sync_api import Page, expect

from devtools.browser import settle, wait_until_idle
from pages import PAGES

MAIN = "[data-testid=stMain]"
# Streamlit's sliders are <input type="range">: their bounds and value as numbers.
RANGE = "input => [input.min, input.value, input.max].map(Number)"


def _sliders(page: Page):
    return page.locator(MAIN).get_by_role("slider")


def _no_error_and_values_in_range(page: Page, where: str) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert "This app has encountered an error" not in page.inner_text(MAIN), where
    sliders = _sliders(page).all()
    assert sliders, where
    for handle in sliders:
        low, value, high = handle.evaluate(RANGE)
        assert low <= value <= high, (where, handle.get_attribute("aria-label"), value)


def _move_every_control(page: Page, key: str) -> None:
    """Each slider to one end with the keyboard (Home or End), and each button group to its first or
    last option; controls that appear on the way (more outcomes, a soft target) are moved too."""
    groups = page.locator(f"{MAIN} [data-testid=stButtonGroup]")
    for i in range(groups.count()):
        buttons = groups.nth(i).locator("button")
        buttons.nth(0 if key == "Home" else buttons.count() - 1).click()
        settle(page)
    moved = 0
    while moved < _sliders(page).count():
        slider = _sliders(page).nth(moved)
        low, value, high = slider.evaluate(RANGE)
        moved += 1
        if value == (low if key == "Home" else high):
            continue  # already there: no rerun to wait for
        slider.focus()
        page.keyboard.press(key)
        page.wait_for_function(
            f"input => Number(input.value) === {low if key == 'Home' else high}", arg=slider.element_handle()
        )
        settle(page)
    for slider in _sliders(page).all():  # all there, all at the end
        low, value, high = slider.evaluate(RANGE)
        assert value == (low if key == "Home" else high), slider.get_attribute("aria-label")


@pytest.mark.parametrize("entry", PAGES, ids=[page.url_path or "home" for page in PAGES])
@pytest.mark.parametrize("key", ["Home", "End"])
def test_every_control_at_its_end_then_every_page(open_page, entry, key):
    page = open_page(f"/{entry.url_path}")
    start = page.url
    for other in PAGES:
        if other is entry:
            continue
        page.goto(start)  # a new session, every control back at its default
        wait_until_idle(page)
        _move_every_control(page, key)
        _no_error_and_values_in_range(page, f"{entry.script} at {key}")
        page.get_by_test_id("stSidebarNav").get_by_text(other.title, exact=True).click()
        expect(page.get_by_role("heading", name=other.heading)).to_be_visible()
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
        expect(
            page.locator("[data-testid=stException]"), f"{entry.script} at {key}, then {other.script}"
        ).to_have_count(0)
        wait_until_idle(page)
        _no_error_and_values_in_range(page, f"{entry.script} at {key}, then {other.script}")
