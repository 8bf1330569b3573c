"""The plotly.js bundle the app serves (static/plotly/, vendored by scripts/vendor_plotly.sh): the
version the plotly package bundles, every trace type a figure uses, served by a running app."""

import urllib.request
from pathlib import Path

from plotly.offline import get_plotlyjs_version

from tests.core.figures.builders import CASES

FOLDER = Path(__file__).parents[2] / "static" / "plotly"
VERSION = (FOLDER / "VERSION").read_text().strip()
BUNDLE = FOLDER / f"plotly-cartesian-{VERSION}.min.js"


def test_the_bundle_is_the_plotly_js_the_plotly_package_bundles():
    # After a change of Plotly's version, run scripts/vendor_plotly.sh: the figures are validated
    # against the installed package's schema, and the browser must draw that same schema.
    assert get_plotlyjs_version() == VERSION
    assert BUNDLE.is_file() and (FOLDER / "LICENSE").read_text().startswith("MIT License")
    assert f"plotly.js (cartesian - minified) v{VERSION}" in BUNDLE.read_text(encoding="utf-8")[:200]


def test_the_bundle_draws_every_trace_type_the_figures_use(browser):
    used = {trace.type or "scatter" for _, _, build in CASES for trace in build().data}
    page = browser.new_page()
    page.set_content("<div id='chart'></div>")
    page.add_script_tag(path=str(BUNDLE))
    available = set(page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)"))
    page.close()
    assert used == {"scatter", "bar", "heatmap"}
    assert used <= available


def test_a_running_app_serves_the_bundle(server):
    with urllib.request.urlopen(f"{server}/app/static/plotly/{BUNDLE.name}", timeout=10) as response:
        assert response.status == 200
        assert "javascript" in response.headers["Content-Type"]
        assert response.read() == BUNDLE.read_bytes()
