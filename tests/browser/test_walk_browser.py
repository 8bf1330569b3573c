"""Every control of every page at both its ends, then every other page through the navigation:
no exception box anywhere, and each page shows only values its own controls allow.

A key means one thing with one range on every page (ui/controls.py), and Streamlit carries a link's
parameters from page to page: this walk is what once found a crash two clicks away.
"""

import pytest
from playwright.sync_api import Page, expect

from devtools.browser import wait_until_idle
from pages import PAGES

MAIN = "[data-testid=stMain]"


def _no_error_and_values_in_range(page: Page, where: str) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    assert "This app has encountered an error" not in page.inner_text(MAIN), where
    for handle in page.locator(f"{MAIN} [role=slider]").all():
        low, value, high = (float(handle.get_attribute(f"aria-value{end}")) for end in ("min", "now", "max"))
        assert low <= value <= high, (where, handle.get_attribute("aria-label"), value)


def _move_every_control(page: Page, key: str) -> None:
    """Each slider to one end with the keyboard (Home or End), and each button group to its first or
    last option; controls that appear on the way (more outcomes, a soft target) are moved too."""
    groups = page.locator(f"{MAIN} [data-testid=stButtonGroup]")
    for i in range(groups.count()):
        buttons = groups.nth(i).locator("button")
        buttons.nth(0 if key == "Home" else buttons.count() - 1).click()
        wait_until_idle(page)
    moved = 0
    while moved < page.locator(f"{MAIN} [role=slider]").count():
        page.locator(f"{MAIN} [role=slider]").nth(moved).focus()
        page.keyboard.press(key)
        wait_until_idle(page)
        moved += 1


@pytest.mark.parametrize("entry", PAGES, ids=[page.url_path or "home" for page in PAGES])
@pytest.mark.parametrize("key", ["Home", "End"])
def test_every_control_at_its_end_then_every_page(open_page, entry, key):
    page = open_page(f"/{entry.url_path}")
    _move_every_control(page, key)
    _no_error_and_values_in_range(page, f"{entry.script} at {key}")
    moved = page.url  # every control of the page at its end, in the link
    for other in PAGES:
        if other is entry:
            continue
        page.goto(moved)  # from this very state, straight to the other page
        wait_until_idle(page)
        page.get_by_test_id("stSidebarNav").get_by_text(other.title, exact=True).click()
        expect(page.get_by_role("heading", name=other.heading)).to_be_visible()
        wait_until_idle(page)
        _no_error_and_values_in_range(page, f"{entry.script} at {key}, then {other.script}")
