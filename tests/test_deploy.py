"""The Dockerfile's image holds what the app needs, runs it as Streamlit's guide says, and its health
check works; the repository root deploys to Streamlit Community Cloud as it is.

No container engine is needed: the files the Dockerfile copies are copied into an empty folder, the
server is started there the way its ENTRYPOINT starts it, and every page is loaded over the protocol.
"""

import json
import re
import shutil
import subprocess
import sys
import tomllib

from devtools.load import SCENARIOS, every_page
from devtools.servers import ROOT, running_app


def _instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [tuple(line.split(None, 1)) for line in lines]


def _the(instruction: str) -> list[str]:
    return [argument for name, argument in _instructions() if name == instruction]


def test_the_image_is_slim_runs_as_a_user_and_serves_port_8501():
    (base,) = _the("FROM")
    assert re.fullmatch(r"python:3\.1[1-9]-slim(-\w+)?", base)
    (user,) = _the("USER")
    assert user not in {"root", "0"}
    assert _the("EXPOSE") == ["8501"]
    (entrypoint,) = _the("ENTRYPOINT")
    assert entrypoint.startswith('["streamlit", "run", "app.py", "--server.port=8501"')
    assert _the("COPY")[0] == "requirements.txt ."  # the app's own requirements, not the test tools


def test_the_image_runs_every_page_and_its_health_check_passes(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for copy in _the("COPY"):
        source, target = copy.split()
        destination = site / target if target != "." else site / source
        (shutil.copytree if (ROOT / source).is_dir() else shutil.copy)(ROOT / source, destination)
    assert not any((site / folder).exists() for folder in ("tests", "bench", "devtools"))

    with running_app("image", cwd=site) as server:
        port = server.url.rsplit(":", 1)[1]
        (healthcheck,) = _the("HEALTHCHECK")
        command = json.loads(healthcheck.split("CMD", 1)[1])
        assert "8501/_stcore/health" in command[-1]
        check = [sys.executable if part == "python" else part.replace("8501", port) for part in command]
        assert subprocess.run(check, timeout=30).returncode == 0

        results = every_page(server.url, changes=1)
    assert results.errors == [] and len(results.latencies) == len(SCENARIOS)
    # With the server gone, the same check fails.
    assert subprocess.run(check, timeout=30, capture_output=True).returncode != 0


def test_the_root_deploys_to_community_cloud_as_it_is():
    requirements = (ROOT / "requirements.txt").read_text().split()
    assert {re.split(r"[<>=]", line)[0] for line in requirements} == {"streamlit", "plotly", "numpy"}
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert "port" not in config["server"]  # Community Cloud and the Dockerfile choose the port
    assert "streamlit run app.py" in (ROOT / "README.md").read_text()
