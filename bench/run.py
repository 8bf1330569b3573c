"""Benchmarks, printed as a table: run `python -m bench.run` from the repository root and copy the
figures into BENCHMARKS.md.

Everything is measured in one run on one machine, and compared as ratios where the machine's speed
would otherwise decide the answer (this machine is shared and noisy).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence

import numpy as np
from streamlit.testing.v1 import AppTest

from core import binary_cross_entropy, compare_binary
from core.figures import cross_entropy_curve
from devtools.servers import ROOT
from pages import PAGES

#: More reruns than each page's own exercise (``PageEntry.exercise``, its slider and values): the
#: page's script, the values to move the slider through instead of the registry's (None: the
#: registry's), and query parameters of the link the page is opened with.
VARIANTS: list[tuple[str, Sequence[float] | None, dict[str, str]]] = [
    ("entropy.py", None, {"n": "8"}),
    ("cross-entropy.py", None, {"n": "2"}),
    ("cross-entropy.py", None, {"n": "8"}),
    ("loss.py", None, {"steps": "200"}),
    ("in-practice.py", [470 + i for i in range(1, 31)], {}),  # near the end of the training
]


def _median_seconds(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def grid_cost() -> None:
    p = np.linspace(0, 1, 1001)[:, None]
    q = np.linspace(0, 1, 1001)[None, :]
    inner = np.linspace(0.001, 0.999, 1001)
    p_inner, q_inner = inner[:, None], inner[None, :]
    ours = _median_seconds(lambda: binary_cross_entropy(p, q), 21)
    # The floor: the same formula as one bare NumPy expression, on inputs where it needs no edge cases.
    bare = _median_seconds(lambda: -(p_inner * np.log(q_inner) + (1 - p_inner) * np.log(1 - q_inner)), 21)
    print(f"binary_cross_entropy on a 1001x1001 grid: {ours * 1e3:.2f} ms")
    print(f"  one bare NumPy expression, same grid:   {bare * 1e3:.2f} ms  (ratio {ours / bare:.2f}x)")


def page_rerun(page: str, key: str, values: Sequence[float], **params: str) -> None:
    """Median time of AppTest reruns after a slider move, and the bytes each chart received at the last."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for name, value in params.items():
        at.query_params[name] = value
    if page != "pages/home.py":
        at.switch_page(page)
    at.run()
    times = []
    for value in values:
        at.slider(key=key).set_value(value)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    assert not at.exception
    # What each live chart received at the last rerun (ui/charts.py sends its data as JSON bytes).
    sizes = [
        len(chart.proto.bytes)
        for chart in at.get("bidi_component")
        if chart.proto.component_name.endswith("live_chart")
    ]
    label = f"{page} {' '.join(f'{k}={v}' for k, v in params.items())}".strip()
    print(
        f"{label}: rerun after moving {key}, median of {len(times)}: {statistics.median(times) * 1e3:.1f} ms; "
        f"charts {', '.join(f'{size / 1000:.1f}' for size in sizes)} KB"
    )


def chart_bytes() -> None:
    sizes = [len(cross_entropy_curve(compare_binary(p, q)).to_json()) for p, q in [(0.3, 0.65), (0.5, 0.0), (1.0, 1.0)]]
    print(f"home chart JSON: {min(sizes):,} to {max(sizes):,} bytes")
    build = _median_seconds(lambda: cross_entropy_curve(compare_binary(0.3, 0.65)), 21)
    print(f"home chart build: {build * 1e3:.1f} ms")


def training_cost() -> None:
    from core.classifier import train_softmax_classifier
    from core.data import load_iris, split_iris

    features, labels, _, _ = load_iris()
    train, test = split_iris(labels)
    for epochs in (150, 500):
        seconds = _median_seconds(
            lambda e=epochs: train_softmax_classifier(features, labels, train, test, epochs=e, learning_rate=0.3), 11
        )
        print(f"iris classifier, {epochs} epochs, uncached: {seconds * 1e3:.1f} ms")


def page_reruns() -> None:
    """Each page of the registry, moving its exercise slider, then the variants, page by page."""
    unknown = {script for script, _, _ in VARIANTS} - {page.script for page in PAGES}
    if unknown:
        raise ValueError(f"VARIANTS name pages that are not in the registry: {sorted(unknown)}")
    for page in PAGES:
        key, values = page.exercise
        page_rerun(page.path, key, values)
        for script, other_values, params in VARIANTS:
            if script == page.script:
                page_rerun(page.path, key, values if other_values is None else other_values, **params)


if __name__ == "__main__":
    grid_cost()
    chart_bytes()
    page_reruns()
    training_cost()
