"""A figure in words (core/figures/described.py): the name, the sentence and the tables screen readers get."""

import csv
import io
import math
import re

import numpy as np
import pytest

from core.comparison import compare, compare_binary
from core.figures import (
    cross_entropy_curve,
    decomposition_bar,
    entropy_contributions,
    gradient_bars,
    running_means_curve,
)
from core.figures.described import MAX_ROWS, data_csv, describe, number
from core.measures import binary_cross_entropy
from core.sampling import MAX_DRAWS, running_means
from core.units import BITS, NATS
from tests.core.figures.builders import CALLS, IDS


def _value(cell: str) -> float:
    return math.inf if cell == "∞" else float(cell.replace("−", "-"))


@pytest.mark.parametrize("build", CALLS, ids=IDS)
def test_every_figure_has_a_name_a_sentence_and_whole_tables(build):
    described = describe(build())
    assert described.name
    assert described.summary.startswith(described.name + ".")
    for table in described.tables:
        assert table.caption
        assert all(table.header)  # no empty header cell
        assert 0 < len(table.rows) <= MAX_ROWS
        for row in table.rows:
            assert len(row) == len(table.header)
            for cell in row:
                assert cell and cell not in ("None", "nan", "inf")
                assert not re.search(r"-\d", cell), f"{cell!r}: a hyphen for a minus sign"


def test_the_home_curve_in_words_holds_the_learners_point_and_exact_values():
    described = describe(cross_entropy_curve(compare_binary(0.3, 0.65, BITS)))
    assert described.name == "Chart of cross-entropy H(p, q) [bits] against predicted probability q"
    assert "Your prediction q at predicted probability q = 0.65, cross-entropy H(p, q) [bits] = 1.2466" in (
        described.summary
    )
    assert "Minimum at q = p at predicted probability q = 0.3" in described.summary
    (table,) = described.tables  # the shaded gap and the guide lines hold no data of their own
    assert table.header == ("predicted probability q", "Cross-entropy H(p, q)")
    assert len(table.rows) == MAX_ROWS
    for q_cell, value_cell in table.rows:
        q = _value(q_cell)
        exact = binary_cross_entropy(0.3, q, 2.0)
        assert _value(value_cell) == (math.inf if math.isinf(exact) else pytest.approx(exact, abs=5e-5))
    assert table.rows[0] == ("0", "∞") and table.rows[-1] == ("1", "∞")  # log(1/0): the curve leaves the top


def test_a_thinned_curve_keeps_the_figures_own_points():
    figure = cross_entropy_curve(compare_binary(0.3, 0.65, NATS))
    curve = next(trace for trace in figure.data if trace.name == "Cross-entropy H(p, q)")
    (table,) = describe(figure).tables
    shown = [_value(row[0]) for row in table.rows]
    assert np.isin(shown, np.round(np.asarray(curve.x, dtype=float), 4)).all()
    assert shown == sorted(shown) and shown[0] == 0 and shown[-1] == 1
    assert f"{len(table.rows)} of {len(curve.x)} points" in table.caption


def test_bars_become_a_row_per_outcome_with_true_minus_signs():
    (table,) = describe(gradient_bars(np.array([0.2, 0.5, 0.3]), np.array([1.0, 0.0, 0.0]))).tables
    assert table.rows == (("1", "−0.8"), ("2", "0.5"), ("3", "0.3"))
    comparison = compare([0.5, 0.25, 0.25], [0.5, 0.25, 0.25], BITS)
    described = describe(entropy_contributions(comparison))
    assert "entropy H(p) = 1.5000 bits." in described.summary  # a level across the plot: its value
    assert [row[1:] for row in described.tables[0].rows] == [("1", "0.5"), ("2", "0.5"), ("2", "0.5")]


def test_a_horizontal_bar_reads_across():
    figure = decomposition_bar(compare([0.5, 0.5], [0.25, 0.75], BITS))
    (table,) = describe(figure).tables
    assert table.header[1:] == tuple(trace.name for trace in figure.data)
    assert [_value(cell) for cell in table.rows[0][1:]] == [1.0, pytest.approx(0.2075, abs=1e-4)]


@pytest.mark.parametrize(("value", "text"), [(0.0, "0"), (-0.0, "0"), (1e-7, "0"), (-1e-7, "0"), (-2.5, "−2.5")])
def test_numbers_read_as_they_are_shown(value, text):
    assert number(value) == text


def test_the_csv_holds_every_point_to_the_last_digit():
    figure = cross_entropy_curve(compare_binary(0.3, 0.65, BITS))
    curve = next(trace for trace in figure.data if trace.name == "Cross-entropy H(p, q)")
    caption, header, *rows = csv.reader(io.StringIO(data_csv(figure)))
    assert caption == ["cross-entropy H(p, q) [bits] by predicted probability q"]
    assert header == ["predicted probability q", "Cross-entropy H(p, q)"]
    assert len(rows) == len(curve.x)  # not thinned
    assert rows[0] == ["0.0", "inf"] and rows[-1] == ["1.0", "inf"]  # ∞, drawn as a gap
    for (q, value), x in zip(rows[1:-1], curve.x[1:-1], strict=True):
        assert float(q) == x and float(value) == binary_cross_entropy(0.3, x, 2.0)  # repr: every digit


def test_a_point_drawn_at_the_top_as_a_triangle_reads_infinite():
    described = describe(cross_entropy_curve(compare_binary(0.3, 0.0, BITS)))
    assert "Your prediction q at predicted probability q = 0, cross-entropy H(p, q) [bits] = ∞" in described.summary


def test_a_log_axis_is_thinned_evenly_in_log_x():
    figure = running_means_curve(running_means([0.5, 0.3, 0.2], [0.2, 0.5, 0.3], MAX_DRAWS, seed=0))
    (table,) = describe(figure).tables
    assert table.header == ("number of draws k", "average of log(1/q(x))", "average of log(1/p(x))")
    draws = [int(row[0]) for row in table.rows]
    assert draws[0] == 1 and draws[-1] == MAX_DRAWS and len(draws) <= MAX_ROWS
    steps = np.diff(np.log10(draws))
    assert steps.max() < 3 * steps.mean()  # the early draws have their rows too
