"""A small load in CI: 10 concurrent sessions across every page, at a human pace, over the protocol."""

import pytest

from devtools.load import run
from devtools.servers import running_app

pytestmark = pytest.mark.load


def test_ten_sessions_on_every_page_have_no_errors_and_answer_quickly():
    with running_app("load-ci") as server:
        report = run(server.url, server.pid, sessions=10, changes=5, pace=(1.0, 3.0), settle=2.0)
    assert report["errors"] == []
    assert report["interactions"] == 50
    assert report["p95_ms"] <= 500, report
    assert report["rss_peak_mb"] < 2700, report  # Streamlit Community Cloud's limit
