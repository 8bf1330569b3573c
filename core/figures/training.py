"""Figures for training with cross-entropy: gradients, descent paths (scrubbed in the browser),
the binary case against squared error, and a classifier's learning curves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import plotly.graph_objects as go

from core._checks import FloatArray
from core.descent import Descent
from core.figures._common import (
    CURRENT_MARKER,
    KEPT_FIGURES,
    KEPT_LARGE,
    figure,
    gaps_for_infinity,
    scrubber,
    true_minus,
)
from core.figures.colors import ROLES
from core.figures.maps import simplex_parts, simplex_point
from core.memo import kept
from core.two_classes import BinaryLossCurves
from core.units import BIT, NATS, Unit, format_value

__all__ = [
    "binary_gradients",
    "binary_losses",
    "descent_on_simplex",
    "flower_prediction",
    "gradient_bars",
    "learning_curves",
    "loss_per_step",
    "true_class_probability",
]


@kept(KEPT_FIGURES)
def gradient_bars(q: npt.ArrayLike, p: npt.ArrayLike) -> go.Figure:
    """The gradient of the loss with respect to each logit, q_i − p_i: up where q is too high.

    Examples
    --------
    >>> gradient_bars([0.7, 0.2, 0.1], [1.0, 0.0, 0.0]).data[0].y.round(2).tolist()
    [-0.3, 0.2, 0.1]
    """
    grad = np.asarray(q, dtype=float) - np.asarray(p, dtype=float)
    trace = {
        "type": "bar",
        "x": list(range(1, grad.size + 1)),
        "y": grad,
        "name": "∂loss/∂zᵢ = qᵢ − pᵢ",
        "marker": {"color": ROLES["gradient"]},
        "text": [true_minus(f"{g:+.3f}") for g in grad],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "class %{x}: qᵢ − pᵢ = %{y:.6f}<extra></extra>",
    }
    return figure(
        [trace],
        x_title="class i",
        y_title="qᵢ − pᵢ",
        y_range=(-1.15, 1.15),
        height=320,
        showlegend=False,
        xaxis={"tickmode": "array", "tickvals": list(range(1, grad.size + 1)), "range": [0.5, grad.size + 0.5]},
    )


@kept(KEPT_FIGURES)
def loss_per_step(run: Descent, unit: Unit = NATS, *, step: int | None = None) -> go.Figure:
    """The loss at each step of gradient descent, approaching its floor H(p), in ``unit``, with the
    loss at ``step`` (the last by default) marked.

    The x axis runs to where the loss has come 99 % of the way to its floor at the end of the run,
    or to ``step`` if that is later: the fall stays in view however long the run.

    Examples
    --------
    >>> from core.descent import gradient_descent
    >>> run = gradient_descent([0.0, 0.0, 0.0], [0.5, 0.5, 0.0], learning_rate=1.0, steps=2)
    >>> [trace.name for trace in loss_per_step(run, step=1).data]
    ['loss H(p, q)', 'floor H(p) = 0.6931 nats', 'loss at the step']
    """
    loss = unit.from_nats(run.loss)
    floor = unit.from_nats(run.floor)
    steps = np.arange(loss.size)
    step = int(steps[-1]) if step is None else step
    if not (isinstance(step, int | np.integer) and 0 <= step < loss.size):
        raise ValueError(f"step must be a whole number in [0, {loss.size - 1}], got {step!r}")
    traces = [
        {
            "x": steps,
            "y": loss,
            "mode": "lines",
            "name": "loss H(p, q)",
            "line": {"color": ROLES["cross_entropy"], "width": 3},
            "hovertemplate": f"step %{{x}}: %{{y:.6f}} {unit}<extra></extra>",
        },
        {
            "x": [0, max(int(steps[-1]), 1)],
            "y": [floor, floor],
            "mode": "lines",
            "name": f"floor H(p) = {format_value(floor, unit)}",
            "line": {"color": ROLES["entropy"], "width": 2, "dash": "dash"},
            "hoverinfo": "skip",
        },
        {
            "x": [int(step)],
            "y": [float(loss[step])],
            "mode": "markers",
            "name": "loss at the step",
            "marker": CURRENT_MARKER,
            "cliponaxis": False,  # whole, even at the axis's end
            "showlegend": False,
            "hovertemplate": f"step %{{x}}: %{{y:.6f}} {unit}<extra></extra>",
        },
    ]
    gap = loss - loss[-1]
    settled = int(np.argmax(gap <= 0.01 * gap[0])) if gap[0] > 0 else 0
    return figure(
        traces,
        x_title="step",
        y_title=f"loss [{unit}]",
        x_range=(0, max(settled, int(step), 10)),
        y_range=(0.0, max(unit.from_nats(4 * BIT), float(loss.max()) * 1.05)),
        height=340,
    )


@kept(KEPT_LARGE)
def descent_on_simplex(run: Descent, unit: Unit = NATS, *, step: int | None = None) -> go.Figure:
    """The path of q during gradient descent, over the map of H(p, q), with q marked at ``step``.

    A slider under the chart (one position per step, the last by default) moves only the marker, so
    scrubbing or playing it redraws the marker alone, in the browser, never the map.

    Examples
    --------
    >>> from core.descent import gradient_descent
    >>> run = gradient_descent([0.0, 0.0, 0.0], [0.5, 0.3, 0.2], learning_rate=1.0, steps=2)
    >>> fig = descent_on_simplex(run, step=1)
    >>> [trace.name for trace in fig.data][-3:], len(fig.layout.sliders[0].steps), fig.layout.sliders[0].active
    (['q at step 0', 'path of q', 'q at the step'], 3, 1)
    """
    q_path, losses = run.q, unit.from_nats(run.loss)
    last = len(q_path) - 1
    step = last if step is None else step
    if not (isinstance(step, int | np.integer) and 0 <= step <= last):
        raise ValueError(f"step must be a whole number in [0, {last}], got {step!r}")
    floor = unit.from_nats(run.floor)
    traces, layout = simplex_parts(run.target, q_path[0], floor, float(losses[0]), unit)
    traces[-1]["name"] = "q at step 0"
    # Where the path starts, told apart from where the step has got to (the white current marker).
    traces[-1]["marker"] = {"symbol": "circle-open", "size": 13, "color": ROLES["estimate"], "line": {"width": 3}}
    points = np.array([simplex_point(q) for q in q_path])

    def states(at: int, _: float) -> list[dict[str, Any]]:
        return [{"x": [round(float(points[at, 0]), 4)], "y": [round(float(points[at, 1]), 4)]}]

    current = states(step, 0.0)[0]
    traces.append(
        {
            "x": points[:, 0],
            "y": points[:, 1],
            "mode": "lines",
            "name": "path of q",
            "line": {"color": ROLES["estimate"], "width": 2},  # the estimate's colour, seen on a light legend too
            "hoverinfo": "skip",
        }
    )
    traces.append(
        {
            "x": current["x"],
            "y": current["y"],
            "mode": "markers",
            "name": "q at the step",
            "marker": CURRENT_MARKER,
            "hoverinfo": "skip",  # the caption under the chart gives its numbers
        }
    )
    slider = scrubber(
        states,
        losses,
        traces=traces,
        moving=["q at the step"],
        current=step,
        name="steps",
        prefix="step ",
        positions=np.arange(last + 1),
        label=str,
    )
    layout |= {"height": 520, "sliders": [slider]}
    return figure(traces, **layout)


@kept(KEPT_FIGURES)
def binary_losses(curves: BinaryLossCurves, z: float, unit: Unit = NATS, *, height: int = 340) -> go.Figure:
    """Cross-entropy (left axis, in ``unit``) and squared error (right axis, 0 to 1) of σ(z) against p.

    ``curves`` are ``core.two_classes.binary_loss_curves(p, grid)`` and ``z`` one of the grid's
    points (the slider's steps); the current z is marked on both curves.

    Examples
    --------
    >>> from core.two_classes import binary_loss_curves
    >>> [trace.name for trace in binary_losses(binary_loss_curves(1.0, [-1.0, 0.0, 1.0]), 0.0).data]
    ['cross-entropy [nats]', 'squared error (q − p)², right axis', 'cross-entropy at z', 'squared error at z']
    """
    index = curves.at(z)
    cross_entropy = unit.from_nats(curves.cross_entropy)
    squared = {"yaxis": "y2"}
    traces = [
        _line(curves.z, cross_entropy, f"cross-entropy [{unit}]", ROLES["cross_entropy"]),
        _line(curves.z, curves.squared_error, "squared error (q − p)², right axis", ROLES["reference"]) | squared,
        _dot(z, cross_entropy[index], "cross-entropy at z", ROLES["cross_entropy"]),
        _dot(z, curves.squared_error[index], "squared error at z", ROLES["reference"]) | squared,
    ]
    # The largest cross-entropy on the grid: |z| = 8 with a certain target, 8.0003 nats.
    top = unit.from_nats(8.1)
    return figure(
        traces,
        x_title="logit z (prediction q = σ(z))",
        y_title=f"cross-entropy [{unit}]",
        x_range=(float(curves.z[0]), float(curves.z[-1])),
        y_range=(0.0, top),
        height=height,
        yaxis2={
            "title": {"text": "squared error"},
            "overlaying": "y",
            "side": "right",
            "range": [0.0, 8.1 / 8.0],
            "tickmode": "linear",
            "tick0": 0.0,
            "dtick": 0.25,
            "fixedrange": True,
            "showgrid": False,
        },
    )


@kept(KEPT_FIGURES)
def binary_gradients(curves: BinaryLossCurves, z: float, *, height: int = 340) -> go.Figure:
    """The gradients with respect to the logit: cross-entropy's q − p against squared error's.

    Squared error's gradient 2(q − p)·q(1 − q) vanishes where the model is confidently wrong
    (q near 0 or 1, far from p); cross-entropy's stays near ±1 there and keeps learning.

    Examples
    --------
    >>> from core.two_classes import binary_loss_curves
    >>> [trace.name for trace in binary_gradients(binary_loss_curves(1.0, [-1.0, 0.0, 1.0]), 0.0).data][:2]
    ['cross-entropy: q − p', 'squared error: 2(q − p)q(1 − q)']
    """
    index = curves.at(z)
    traces = [
        _line(curves.z, curves.cross_entropy_gradient, "cross-entropy: q − p", ROLES["gradient"]),
        _line(curves.z, curves.squared_error_gradient, "squared error: 2(q − p)q(1 − q)", ROLES["reference"]),
        _dot(z, curves.cross_entropy_gradient[index], "cross-entropy's gradient at z", ROLES["gradient"]),
        _dot(z, curves.squared_error_gradient[index], "squared error's gradient at z", ROLES["reference"]),
    ]
    return figure(
        traces,
        x_title="logit z",
        y_title="gradient ∂loss/∂z (cross-entropy in nats)",
        x_range=(float(curves.z[0]), float(curves.z[-1])),
        y_range=(-1.05, 1.05),
        height=height,
    )


def _line(x: npt.ArrayLike, y: npt.ArrayLike, name: str, color: str) -> dict[str, Any]:
    return {
        "x": x,
        "y": gaps_for_infinity(y),
        "mode": "lines",
        "name": name,
        "line": {"color": color, "width": 3},
        "hovertemplate": f"z = %{{x:.2f}}<br>{name}: %{{y:.4f}}<extra></extra>",
    }


def _dot(x: float, y: float, name: str, color: str) -> dict[str, Any]:
    return {
        "x": [x],
        "y": [float(y)],
        "mode": "markers",
        "name": name,
        "showlegend": False,
        "marker": {"size": 12, "color": color, "line": {"width": 1.5, "color": "black"}},
        "hovertemplate": f"z = {x:.2f}: %{{y:.4f}}<extra></extra>",
    }


@kept(KEPT_FIGURES)
def learning_curves(
    train_nats: Sequence[float] | FloatArray,
    test_nats: Sequence[float] | FloatArray,
    unit: Unit = NATS,
    *,
    height: int = 360,
) -> go.Figure:
    """Train and test cross-entropy per epoch, given in nats and drawn in ``unit``: the curves a
    practitioner watches.

    Examples
    --------
    >>> [trace.name for trace in learning_curves([1.1, 0.5], [1.1, 0.6]).data]
    ['train', 'test']
    """
    epochs = np.arange(len(train_nats))
    traces = [
        {
            "x": epochs,
            "y": unit.from_nats(values),
            "mode": "lines",
            "name": name,
            "line": {"color": color, "width": 3, "dash": dash},
            "hovertemplate": f"epoch %{{x}}: %{{y:.4f}} {unit}<extra>{name}</extra>",
        }
        for name, values, color, dash in (
            ("train", train_nats, ROLES["cross_entropy"], "solid"),
            ("test", test_nats, ROLES["cross_entropy"], "dash"),
        )
    ]
    return figure(
        traces,
        x_title="epoch",
        y_title=f"mean cross-entropy [{unit}]",
        x_range=(0, max(int(epochs[-1]), 1)),
        y_range=(0.0, unit.from_nats(1.7 * BIT)),  # training starts at log 3 ≈ 1.585 bits
        height=height,
    )


@kept(KEPT_LARGE)
def true_class_probability(
    q_path: npt.ArrayLike, labels: Iterable[int], names: Iterable[str], *, height: int = 360
) -> go.Figure:
    """For a few samples, the probability q gives their true class, epoch by epoch: it rises toward 1.

    ``q_path`` has shape (epochs + 1, samples, C); ``labels`` the samples' classes; ``names`` their
    legend entries. Every line is a prediction, so all take the estimate's colour, told apart by
    their dashes.

    Examples
    --------
    >>> q = np.full((2, 2, 3), 1 / 3)
    >>> [trace.line.dash for trace in true_class_probability(q, [0, 1], ["a", "b"]).data]
    ['solid', 'dash']
    """
    q_path = np.asarray(q_path, dtype=float)
    dashes = ["solid", "dash", "dot", "dashdot"]
    epochs = np.arange(q_path.shape[0])
    traces = [
        {
            "x": epochs,
            "y": q_path[:, i, label],
            "mode": "lines",
            "name": name,
            "line": {"color": ROLES["estimate"], "width": 3, "dash": dashes[i % len(dashes)]},
            "hovertemplate": f"epoch %{{x}}: q(true class) = %{{y:.4f}}<extra>{name}</extra>",
        }
        for i, (label, name) in enumerate(zip(labels, names, strict=True))
    ]
    return figure(
        traces,
        x_title="epoch",
        y_title="q of the true class",
        x_range=(0, max(int(epochs[-1]), 1)),
        y_range=(0.0, 1.05),
        height=height,
    )


@kept(KEPT_FIGURES)
def flower_prediction(
    label: npt.ArrayLike, q: npt.ArrayLike, classes: Sequence[str], title: str, *, height: int = 340
) -> go.Figure:
    """One flower's one-hot label p and its prediction q, a pair of bars per species named on the axis.

    ``title`` names the flower above its legend: a figure's title takes one line whatever its
    column's width, so charts side by side stay level, as headings that wrap would not.

    Examples
    --------
    >>> fig = flower_prediction([1, 0, 0], [0.9, 0.08, 0.02], ["setosa", "versicolor", "virginica"], "flower 1")
    >>> list(fig.data[1].x), fig.data[1].y.tolist(), fig.layout.title.text
    (['setosa', 'versicolor', 'virginica'], [0.9, 0.08, 0.02], 'flower 1')
    """
    species = list(classes)
    traces = [
        {
            "type": "bar",
            "x": species,
            "y": np.asarray(values, dtype=float),
            "name": name,
            "marker": {"color": ROLES[role]},
            "hovertemplate": f"%{{x}}: %{{y:.3f}}<extra>{name}</extra>",
        }
        for values, name, role in ((label, "label p", "truth"), (q, "prediction q", "estimate"))
    ]
    return figure(
        traces,
        x_title="species",
        y_title="probability",
        y_range=(0.0, 1.05),
        height=height,
        barmode="group",
        title={"text": title, "x": 0, "xanchor": "left", "y": 1, "yanchor": "top", "yref": "container"},
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
    )
