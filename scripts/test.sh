#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine and runs them all: first the linters
# and the type checker (a lint failure shows in seconds), then Chromium and nginx from apt (for the
# browser and replica tests), the Python packages in .venv, and pytest: everything in parallel,
# then the load tests alone, since they time a server.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}
pip_install() { .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@"; }

python3 -c "import ensurepip, venv" >/dev/null 2>&1 || apt_install python3-venv
[ -x .venv/bin/python ] || python3 -m venv .venv

pip_install "$(grep -E '^ruff' requirements-dev.txt)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi

pip_install -r requirements-dev.txt
.venv/bin/mypy  # strict on core/, as pyproject.toml sets it

# pytest's exit code 5 means the arguments selected no test of that kind.
.venv/bin/python -m pytest -n 2 -m "not load" "$@" || [ $? -eq 5 ]
.venv/bin/python -m pytest -m load "$@" || [ $? -eq 5 ]
