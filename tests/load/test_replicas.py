"""Two replicas behind nginx, started by ``python -m deploy.classroom``: the load generator's sessions
spread over both, and every request of a session reaches the replica that holds its websocket."""

import re
from collections import defaultdict

import pytest

from devtools.load import SCENARIOS, run
from devtools.servers import replicas_behind_nginx

pytestmark = pytest.mark.load


def test_two_replicas_behind_nginx_share_the_load_with_sticky_sessions():
    with replicas_behind_nginx(2) as replicas:
        report = run(replicas.url, replicas.pids, sessions=20, changes=3, pace=(0.5, 1.5), settle=1.0)
        lines = replicas.access_log.read_text().splitlines()
    assert report["errors"] == []
    assert report["interactions"] == 60
    assert report["p95_ms"] <= 500, report

    upstreams_by_key = defaultdict(set)
    websockets_by_upstream = defaultdict(int)
    page_keys, websocket_keys = set(), set()
    for line in lines:
        request, key, upstream = re.search(r'"(\S+ \S+) [^"]*" \d+ replica=(\S+) upstream=(\S+)', line).groups()
        upstreams_by_key[key].add(upstream)
        if request == "GET /_stcore/stream":
            websockets_by_upstream[upstream] += 1
            websocket_keys.add(key)
        elif "/_stcore/" not in request:
            page_keys.add(key)
    # Each session (one key, set by its first response) stays on one replica ...
    assert all(len(upstreams) == 1 for upstreams in upstreams_by_key.values()), upstreams_by_key
    # ... its websocket carried the key its page load was given ...
    sessions = 20 + len(SCENARIOS)  # and the warm-up's one per page
    assert sum(websockets_by_upstream.values()) == sessions
    assert len(websocket_keys) == sessions and websocket_keys <= page_keys
    # ... and the sessions spread over both replicas.
    assert len(websockets_by_upstream) == 2 and min(websockets_by_upstream.values()) >= 3, websockets_by_upstream
