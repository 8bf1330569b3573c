"""Shared test settings and fixtures: the Hypothesis profiles; the app served by `streamlit run` on a
free port and Debian's headless Chromium, for the tests that drive a real browser.

``devtools`` starts the server and the browser (``devtools.servers``, ``devtools.browser``); these
fixtures only share them across the tests and turn what cannot start into a test failure.
"""

import os

import pytest
from hypothesis import settings
from playwright.sync_api import Page, sync_playwright

from core.memo import clear_all
from devtools.browser import launch_chromium, wait_until_idle
from devtools.servers import running_app

settings.register_profile("default", deadline=None, max_examples=200)
# In CI the examples are derived from each test's name, so a run there is reproducible; exploration
# with fresh random examples happens on developers' machines.
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")

# Needs PyTorch and Keras, which the suite does not: it is run by hand to regenerate the golden values.
collect_ignore = ["make_golden.py"]


@pytest.fixture(autouse=True)
def fresh_results():
    """Each test gets results of its own: some edit a figure, which a page never does, and figures are
    kept and shared (core.memo)."""
    clear_all()


@pytest.fixture(scope="session")
def server():
    """The app's URL, shared by the browser tests of a session (each test opens fresh browser contexts)."""
    try:
        with running_app() as app:
            yield app.url
    except RuntimeError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except RuntimeError as error:
            pytest.fail(str(error))
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, server):
    """Open a path of the app in a fresh browser context and wait until the app is idle."""
    contexts = []

    def _open(path: str = "/", *, width: int = 1280, height: int = 900, color_scheme: str = "light") -> Page:
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=color_scheme)
        contexts.append(context)
        page = context.new_page()
        page.goto(server + path)
        wait_until_idle(page)
        return page

    yield _open
    for context in contexts:
        context.close()
