"""AppTest fixtures: the whole app, opened at a link, on the page under test."""

import base64
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).parents[2] / "app.py")


@pytest.fixture
def open_link():
    """Open the app as a link would: ``open_link("pages/home.py", p="0.3")`` runs it and returns it."""

    def _open(page: str = "pages/home.py", **params) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        for key, value in params.items():
            at.query_params[key] = value
        if page != "pages/home.py":
            at.switch_page(page)  # the link opens this page directly
        at.run()
        assert not at.exception, at.exception
        return at

    return _open


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
            received.append(json.loads(component.proto.json) | {"figure": sent[key][1]})
    return received


def chart(at: AppTest, index: int = 0) -> dict:
    """A chart's Plotly JSON, the whole figure the browser shows."""
    return charts(at)[index]["figure"]


def array(field) -> list[float]:
    """A Plotly array from chart JSON: a list, or NumPy data sent as base64 (``dtype`` + ``bdata``)."""
    if isinstance(field, dict):
        return np.frombuffer(base64.b64decode(field["bdata"]), dtype=field["dtype"]).tolist()
    return list(field)
