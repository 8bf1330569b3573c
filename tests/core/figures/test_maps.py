"""Colour maps of cross-entropy (core/figures/maps.py): the unit square for two outcomes, the triangle for three."""

import math

import numpy as np
import pytest

from core.comparison import compare, compare_binary
from core.figures.colors import COLOR_SCALE, INFINITY, ROLES
from core.figures.maps import (
    EDGE_POINTS,
    TOP_QUANTILE,
    binary_cross_entropy_map,
    simplex_cross_entropy_map,
    simplex_parts,
    simplex_point,
)
from core.measures import binary_cross_entropy, cross_entropy, entropy
from core.units import BITS, HARTLEYS, NATS


def _z(fig) -> np.ndarray:
    return np.asarray(fig.data[0].z, dtype=float)


def test_binary_map_has_its_minimum_on_the_diagonal_and_infinity_as_gaps():
    fig = binary_cross_entropy_map(BITS, compare_binary(0.3, 0.65, BITS))
    heat = fig.data[0]
    z = _z(fig)
    steps = np.asarray(heat.x)
    assert z.shape == (steps.size, steps.size) and steps.tolist() == np.asarray(heat.y).tolist()
    inner = z[1:-1, 1:-1]
    assert (np.nanargmin(inner, axis=1) == np.arange(inner.shape[0])).all()  # each row's minimum: q = p
    assert np.isnan(z[25, 0]) and np.isnan(z[25, -1])  # p = 0.5, q = 0 or 1: ∞
    assert z[0, 0] == 0.0  # p = 0 and q = 0: certain, and right
    assert z[15, 40] == pytest.approx(float(binary_cross_entropy(0.3, 0.8)), rel=1e-6)  # rows p, columns q
    assert heat.colorscale == COLOR_SCALE
    assert (heat.zmin, heat.zmax) == (0.0, pytest.approx(5.0))
    assert (fig.data[3].x[0], fig.data[3].y[0]) == (0.65, 0.3)
    assert fig.data[3].hovertemplate.startswith("q = 0.65, p = 0.30<br>H(p, q) = 1.2466 bits")
    assert len(binary_cross_entropy_map(BITS).data) == 3  # no marker without a comparison


def test_binary_map_is_infinite_exactly_where_the_maths_says():
    """H(0, q) = log 1/(1 − q) and H(1, q) = log 1/q: finite on the rows p = 0 and p = 1 but at one end,
    and 0 at the corners p = q = 0 and p = q = 1, which a yellow frame once drew as ∞."""
    fig = binary_cross_entropy_map(BITS)
    z = _z(fig)
    p, q = np.asarray(fig.data[0].y)[:, None], np.asarray(fig.data[0].x)[None, :]
    assert z[0, 0] == 0.0 and z[-1, -1] == 0.0
    assert np.isfinite(z[0, :-1]).all() and np.isfinite(z[-1, 1:]).all()
    np.testing.assert_array_equal(np.isnan(z), ((q == 0) & (p > 0)) | ((q == 1) & (p < 1)))


def test_binary_map_draws_infinity_over_its_gaps_alone():
    """The gaps, a half cell wide inside the square, are filled in ∞'s colour and named; the plot's
    background, which the theme's padding shows around the square, is no longer ∞'s colour."""
    fig = binary_cross_entropy_map(BITS)
    assert fig.layout.plot_bgcolor is None
    (infinity,) = [trace for trace in fig.data if trace.name == "H(p, q) = ∞"]
    assert infinity.fill == "toself" and infinity.fillcolor == INFINITY and infinity.showlegend is not False
    z, steps = _z(fig), np.asarray(fig.data[0].x)
    half = (steps[1] - steps[0]) / 2
    x, y = (np.array([np.nan if v is None else v for v in values]) for values in (infinity.x, infinity.y))
    for polygon in np.split(np.stack([x, y], axis=1), np.flatnonzero(np.isnan(x))):
        corners = polygon[~np.isnan(polygon[:, 0])]
        (left, bottom), (right, top) = corners.min(axis=0), corners.max(axis=0)
        assert right - left == pytest.approx(half)  # a gap cell's part inside the square
        columns = np.flatnonzero(np.abs(steps - (left + right) / 2) <= half)
        rows = np.flatnonzero((steps + half > bottom + 1e-9) & (steps - half < top - 1e-9))  # cells it overlaps
        assert np.isnan(z[np.ix_(rows, columns)]).all()  # it covers gaps alone
        assert np.isnan(z[:, columns]).sum() == rows.size  # and every gap of its edge


def test_map_values_follow_the_unit():
    bits = _z(binary_cross_entropy_map(BITS))
    nats = _z(binary_cross_entropy_map(NATS))
    np.testing.assert_allclose(nats, bits * math.log(2), rtol=1e-6)  # float32 on the wire
    again = _z(binary_cross_entropy_map(BITS))
    np.testing.assert_array_equal(again, bits)
    assert binary_cross_entropy_map(HARTLEYS).data[0].colorbar.title.text == "hartleys"


def test_simplex_map_is_darkest_at_p_and_marks_q():
    p = np.array([0.2, 0.3, 0.5])
    fig = simplex_cross_entropy_map(compare(p, [1 / 3, 1 / 3, 1 / 3], BITS))
    heat = fig.data[0]
    z = _z(fig)
    row, col = np.unravel_index(np.nanargmin(z), z.shape)
    best = (heat.x[col], heat.y[row])
    assert math.dist(best, simplex_point(p)) < 0.03
    assert np.nanmin(z) >= entropy(p) - 1e-6
    assert np.isnan(z[-1, 0]) and np.isnan(z[-1, -1])  # top corners of the box lie outside the triangle
    assert (fig.data[3].x[0], fig.data[3].y[0]) == pytest.approx(simplex_point([1 / 3] * 3))
    assert (fig.data[2].x[0], fig.data[2].y[0]) == pytest.approx(simplex_point(p))
    assert fig.data[2].marker.color == ROLES["entropy"]


def test_simplex_map_values_are_the_cross_entropy_of_each_point():
    p = [0.6, 0.3, 0.1]
    fig = simplex_cross_entropy_map(compare(p, [0.2, 0.2, 0.6], NATS))
    heat = fig.data[0]
    z = _z(fig)
    height = math.sqrt(3) / 2
    checked = 0
    for row in range(0, len(heat.y), 7):
        for col in range(0, len(heat.x), 7):
            q3 = heat.y[row] / height
            q2 = heat.x[col] - q3 / 2
            q = np.array([1 - q2 - q3, q2, q3])
            if (q > 1e-9).all():  # well inside the triangle
                assert z[row, col] == pytest.approx(float(cross_entropy(p, q / q.sum(), math.e)), rel=1e-6)
                checked += 1
    assert checked > 10


def test_a_certain_p_rules_out_the_opposite_edge():
    fig = simplex_cross_entropy_map(compare([1.0, 0.0, 0.0], [0.5, 0.5, 0.0]))
    edge = fig.data[1]
    x, y, colour = (np.asarray(values, dtype=float) for values in (edge.x, edge.y, edge.marker.color))
    ruled_out = np.isclose(x + y / math.sqrt(3), 1.0)  # the edge q₁ = 0, and its ends on the other edges
    assert ruled_out.sum() == EDGE_POINTS + 2 and (colour[ruled_out] == edge.marker.cmax).all()  # ∞: the top
    assert colour.min() == 0.0 == fig.data[0].zmin  # the corner q = p, certain and right
    assert np.isfinite(_z(fig)).sum() > 1000  # no ∞ among the cells: no centre lies on an edge


def _outside(x, y):
    """How far (x, y) lies outside the triangle, along the normal of its nearest edge: negative inside."""
    half_root3 = math.sqrt(3) / 2
    return np.maximum.reduce([-y, -half_root3 * x + y / 2, half_root3 * (x - 1) + y / 2])


#: The triangle's side on the pages at most, in px: the desktop's column and the phone's width.
WIDEST = 330


def test_the_triangles_edges_hide_the_cells_steps():
    """A heatmap's square cells make steps along a slanted edge, where the map once ended in a saw-tooth:
    the band of markers along the edges covers every step, in the map's own colours."""
    fig = simplex_cross_entropy_map(compare([0.2, 0.3, 0.5], [0.1, 0.1, 0.8]))
    heat, edge = fig.data[0], fig.data[1]
    x, y, z = np.asarray(heat.x), np.asarray(heat.y), _z(fig)
    dx, dy = x[1] - x[0], y[1] - y[0]
    assert y[0] == pytest.approx(dy / 2)  # the cells' bottom edge is the triangle's
    xx, yy = np.meshgrid(x, y)
    corners = [_outside(xx + sx * dx / 2, yy + sy * dy / 2) for sx in (-1, 1) for sy in (-1, 1)]
    drawn = np.isfinite(z)
    reach = max(np.max(corners, axis=0)[drawn].max(), -np.min(corners, axis=0)[~drawn].min())
    assert 0 < reach * WIDEST <= edge.marker.size / 2  # in px: the cells' farthest step from an edge
    assert edge.mode == "markers" and edge.hoverinfo == "skip"
    spacing = np.hypot(np.diff(edge.x), np.diff(edge.y))
    np.testing.assert_allclose(_outside(np.asarray(edge.x), np.asarray(edge.y)), 0.0, atol=1e-6)  # on the edges
    assert spacing.max() * WIDEST <= 3.1  # a band, not a string of beads
    assert (edge.marker.colorscale, edge.marker.cmin, edge.marker.cmax) == (heat.colorscale, heat.zmin, heat.zmax)


@pytest.mark.parametrize(
    ("p", "unit"), [([0.2, 0.3, 0.5], BITS), ([0.6, 0.3, 0.1], NATS), ([1 / 3] * 3, HARTLEYS), ([1.0, 0.0, 0.0], BITS)]
)
def test_the_triangles_colours_run_from_its_minimum(p, unit):
    """From H(p) to the top tenth of the values, in every unit: the fixed 0 to 5 bits left the map of an
    even p in one colour, its minimum lost in it."""
    fig = simplex_cross_entropy_map(compare(p, [0.1, 0.1, 0.8], unit))
    heat, z = fig.data[0], _z(fig)
    assert heat.zmin == pytest.approx(float(entropy(p, unit.base)))
    assert heat.zmax == pytest.approx(np.nanquantile(z, TOP_QUANTILE))
    shade = (z[np.isfinite(z)] - heat.zmin) / (heat.zmax - heat.zmin)
    assert np.quantile(shade, 0.1) < 0.2 and np.quantile(shade, 0.5) < 0.6  # the colours are all in use
    ticks = heat.colorbar.ticktext
    assert ticks[0].endswith("= H(p)") and ticks[-1].startswith("≥ ") and len(ticks) >= 3
    assert heat.colorbar.tickvals[0] == heat.zmin and heat.colorbar.tickvals[-1] == heat.zmax


def test_the_squares_colour_bar_says_higher_values_share_its_top():
    heat = binary_cross_entropy_map(NATS).data[0]
    assert heat.colorbar.ticktext[0] == "0" and heat.colorbar.ticktext[-1] == "≥ 3.47"  # 5 bits
    assert list(heat.colorbar.tickvals[1:-1]) == [1.0, 2.0]  # round steps, none crowding the top


def test_simplex_point_corners():
    assert simplex_point([1.0, 0.0, 0.0]) == (0.0, 0.0) and simplex_point([0.0, 1.0, 0.0]) == (1.0, 0.0)
    assert simplex_point([0.0, 0.0, 1.0]) == pytest.approx((0.5, math.sqrt(3) / 2))
    assert simplex_point([1 / 3] * 3) == pytest.approx((0.5, math.sqrt(3) / 6))


def test_simplex_parts_are_the_maps_traces_and_layout():
    c = compare([0.2, 0.3, 0.5], [0.1, 0.1, 0.8], HARTLEYS)
    traces, layout = simplex_parts(c.p, c.q, c.entropy, c.cross_entropy, c.unit)
    assert [t["name"] for t in traces] == ["H(p, q)", "triangle", "p: the minimum", "your estimate q"]
    assert layout["height"] == 440 and layout["yaxis"]["scaleanchor"] == "x"
    fig = simplex_cross_entropy_map(c, height=300)
    assert [t.name for t in fig.data] == [t["name"] for t in traces] and fig.layout.height == 300
    assert f"H(p, q) = {c.cross_entropy:.4f} hartleys" in traces[3]["hovertemplate"]


def test_the_diagonal_of_minima_is_drawn_in_the_entropys_colour():
    diagonal = next(t for t in binary_cross_entropy_map(BITS).data if t.name == "minimum: q = p")
    assert diagonal.line.color == ROLES["entropy"]  # H(p, p) = H(p); white vanished from a light legend
