#!/usr/bin/env bash
# Vendors plotly.js's official cartesian bundle from npm into static/plotly/, with its licence and
# version. It holds the trace types the figures use (scatter, bar, heatmap; tests/static checks that)
# in a third of the size of the full bundle, and it is the plotly.js version the installed plotly
# package bundles, so the browser draws the same schema the tests validate the figures against.
# Run it after changing Plotly's version in requirements.txt; the served path carries the version.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(.venv/bin/python -c "from plotly.offline import get_plotlyjs_version; print(get_plotlyjs_version())")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "plotly.js-cartesian-dist-min@$version" >/dev/null && tar xzf ./*.tgz)

rm -rf static/plotly
mkdir -p static/plotly
cp "$work/package/plotly-cartesian.min.js" "static/plotly/plotly-cartesian-$version.min.js"
cp "$work/package/LICENSE" static/plotly/LICENSE
echo "$version" > static/plotly/VERSION
echo "static/plotly/plotly-cartesian-$version.min.js"
