"""AppTest fixtures: the whole app, opened at a link, on the page under test."""

import base64
import json
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from pages import PAGES
from ui.charts import _whole

APP = str(Path(__file__).parents[2] / "app.py")
HOME = next(page.path for page in PAGES if page.url_path == "")


def run_link(page: str, params: Mapping[str, str | list[str]]) -> AppTest:
    """The whole app, run as a link to ``page`` (its path, e.g. ``pages/loss.py``) with ``params`` opens it."""
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    if page != HOME:
        at.switch_page(page)  # the link opens this page directly
    return at.run()


@pytest.fixture
def open_link():
    """Open the app as a link would: ``open_link("pages/home.py", p="0.3")`` runs it, checks it raised
    nothing, and returns it."""

    def _open(page: str = HOME, **params) -> AppTest:
        at = run_link(page, params)
        assert not at.exception, at.exception
        return at

    return _open


def open_expanders(at: AppTest, *keys: str) -> AppTest:
    """Open the expanders of these keys, as a click on each does (their content is sent only while
    they are open), and run the page again."""
    for key in keys:
        at.session_state[key] = True
    at.run()
    assert not at.exception, at.exception
    return at


def latex(at: AppTest, index: int = 0) -> str:
    """The LaTeX source of a formula, without the $$ delimiters AppTest reports."""
    return at.latex[index].value.strip().removeprefix("$$").removesuffix("$$").strip()


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def charts(at: AppTest) -> list[dict]:
    """Every chart on the page, in order: the data each live chart received at the last run (the whole
    figure, or the changes since the one before), and ``figure``: the whole figure the browser then
    shows, as the session recorded sending it."""
    sent = at.session_state["live_chart_sent"]
    received = []
    for component in at.get("bidi_component"):
        if component.proto.component_name == "live_chart":
            key = component.proto.id.split("-", 2)[2]  # "$$ID-<hash>-<key>"
            figure = json.loads(_whole(sent[key][1]))
            received.append(json.loads(component.proto.bytes) | {"figure": figure})
    return received


def chart(at: AppTest, index: int = 0) -> dict:
    """A chart's Plotly JSON, the whole figure the browser shows."""
    return charts(at)[index]["figure"]


def array(field) -> list[float]:
    """A Plotly array from chart JSON: a list, or NumPy data sent as base64 (``dtype`` + ``bdata``)."""
    if isinstance(field, dict):
        return np.frombuffer(base64.b64decode(field["bdata"]), dtype=field["dtype"]).tolist()
    return list(field)
