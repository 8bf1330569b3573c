"""Real-browser fixtures: a `streamlit run` server on a free port and Debian's headless Chromium."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(
    log_name: str = "streamlit", script: str = "app.py", env: dict[str, str] | None = None, cwd: Path = ROOT
):
    """`streamlit run app.py` on a free port, as everyone starts it; yields its base URL once healthy.

    ``env`` adds to the server's environment (e.g. ``STREAMLIT_SERVER_COOKIE_SECRET``); ``cwd`` is
    where it runs, whose ``.streamlit/config.toml`` it reads.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    port = _free_port()
    with (ARTIFACTS / f"{log_name}.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while not _healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not become healthy; see {log.name}")
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read() == b"ok"
    except OSError:
        return False


@pytest.fixture(scope="session")
def server():
    """The app, shared by the browser tests of a session (each test opens fresh browser contexts)."""
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium not found: install Debian's chromium package (the README's test command does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
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


def wait_until_idle(page: Page) -> None:
    """Streamlit's own e2e condition: connected, script not running, and the charts drawn."""
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=30_000)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=30_000)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'))",
        timeout=30_000,
    )


def screenshot(page: Page, name: str) -> Path:
    """Save the whole app (its scrolling container, not only the viewport) as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": page.viewport_size["width"], "height": max(900, height)})
    page.screenshot(path=path)
    return path
