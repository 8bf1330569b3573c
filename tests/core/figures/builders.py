"""Every figure builder, called as the pages call it, at ordinary values and at the edges (∞, certainty).

The tests over all builders (test_all_builders.py, test_colors.py) run on these cases;
test_all_builders.py checks that every builder in core/figures has at least one.
"""

import numpy as np

from core.codes import compare_codes
from core.comparison import compare, compare_binary
from core.descent import gradient_descent
from core.figures import (
    binary_cross_entropy_map,
    binary_entropy_curve,
    binary_gradients,
    binary_losses,
    code_lengths,
    cross_entropy_contributions,
    cross_entropy_curve,
    decomposition_bar,
    descent_on_simplex,
    distribution_bars,
    entropy_contributions,
    flower_prediction,
    gradient_bars,
    learning_curves,
    loss_per_step,
    normal_fits,
    running_means_curve,
    simplex_cross_entropy_map,
    surprisal_curve,
    true_class_probability,
)
from core.fitting import fit_both_directions
from core.sampling import MAX_DRAWS, running_means
from core.two_classes import binary_loss_curves
from core.units import BITS, HARTLEYS, NATS

#: The logit slider's steps on the loss page.
LOGITS = np.round(np.arange(-8.0, 8.0001, 0.1), 1)
#: A descent of 201 steps toward a one-hot target.
RUN = gradient_descent([-1.0, 2.0, 0.5], [1.0, 0.0, 0.0], learning_rate=1.0, steps=200)

#: (case id, the builder's name, a call that builds the figure)
CASES = [
    ("curve-nats", "cross_entropy_curve", lambda: cross_entropy_curve(compare_binary(0.3, 0.65, NATS))),
    ("curve-infinite", "cross_entropy_curve", lambda: cross_entropy_curve(compare_binary(0.3, 0.0, BITS))),
    ("curve-certain", "cross_entropy_curve", lambda: cross_entropy_curve(compare_binary(1.0, 1.0, HARTLEYS))),
    ("surprisal-infinite", "surprisal_curve", lambda: surprisal_curve(0.0, float("inf"), HARTLEYS)),
    ("surprisal-bits", "surprisal_curve", lambda: surprisal_curve(0.25, 2.0, BITS)),
    (
        "running-means",
        "running_means_curve",
        lambda: running_means_curve(running_means([0.5, 0.3, 0.2], [0.2, 0.5, 0.3], 100, seed=1)),
    ),
    (
        "running-means-most",
        "running_means_curve",
        lambda: running_means_curve(
            running_means([1 / 71] + [10 / 71] * 7, [10 / 71] * 7 + [1 / 71], MAX_DRAWS, 5, NATS)
        ),
    ),
    (
        "running-means-infinite",
        "running_means_curve",
        lambda: running_means_curve(running_means([0.5, 0.5, 0.0], [1.0, 0.0, 0.0], 300, seed=2, unit=HARTLEYS)),
    ),
    (
        "running-means-infinite-throughout",
        "running_means_curve",
        lambda: running_means_curve(running_means([0.0, 1.0], [1.0, 0.0], 10, seed=0)),
    ),
    (
        "running-means-certain",
        "running_means_curve",
        lambda: running_means_curve(running_means([1.0, 0.0], [1.0, 0.0], 10, seed=0)),
    ),
    ("binary-entropy", "binary_entropy_curve", lambda: binary_entropy_curve(0.2, 0.7219280948873623, BITS)),
    ("distribution-pq", "distribution_bars", lambda: distribution_bars([0.5, 0.5], [1.0, 0.0])),
    ("distribution-p", "distribution_bars", lambda: distribution_bars([0.25, 0.75], show_values=False)),
    ("entropy-shares", "entropy_contributions", lambda: entropy_contributions(compare([1 / 8] * 8))),
    (
        "entropy-shares-zero",
        "entropy_contributions",
        lambda: entropy_contributions(compare([0.5, 0.5, 0.0], unit=NATS)),
    ),
    (
        "cross-entropy-shares",
        "cross_entropy_contributions",
        lambda: cross_entropy_contributions(compare([0.5, 0.5], [1.0, 0.0], NATS)),
    ),
    ("decomposition", "decomposition_bar", lambda: decomposition_bar(compare([0.5, 0.5], [0.9, 0.1]))),
    ("decomposition-infinite", "decomposition_bar", lambda: decomposition_bar(compare([0.5, 0.5], [1.0, 0.0]))),
    ("normal-fits", "normal_fits", lambda: normal_fits(fit_both_directions())),
    (
        "normal-fits-three",
        "normal_fits",
        lambda: normal_fits(fit_both_directions([0.2, 0.5, 0.3], HARTLEYS)),
    ),
    ("code-lengths", "code_lengths", lambda: code_lengths(compare_codes([0.5, 0.3, 0.2], [0.2, 0.5, 0.3]))),
    (
        "code-lengths-infinite",
        "code_lengths",
        lambda: code_lengths(compare_codes(np.full(8, 1 / 8), [1 / 61] + [10 / 61] * 6 + [0.0])),
    ),
    ("code-lengths-certain", "code_lengths", lambda: code_lengths(compare_codes([1.0, 0.0], [1.0, 0.0]))),
    ("square-map", "binary_cross_entropy_map", lambda: binary_cross_entropy_map(BITS, compare_binary(0.3, 0.0, BITS))),
    ("square-map-bare", "binary_cross_entropy_map", lambda: binary_cross_entropy_map(HARTLEYS)),
    (
        "triangle-map",
        "simplex_cross_entropy_map",
        lambda: simplex_cross_entropy_map(compare([0.2, 0.3, 0.5], [0.0, 0.5, 0.5])),
    ),
    ("gradient-bars", "gradient_bars", lambda: gradient_bars([0.2, 0.5, 0.3], [1.0, 0.0, 0.0])),
    ("loss-per-step", "loss_per_step", lambda: loss_per_step(RUN, BITS)),
    ("descent", "descent_on_simplex", lambda: descent_on_simplex(RUN, NATS)),
    ("binary-losses", "binary_losses", lambda: binary_losses(binary_loss_curves(1.0, LOGITS), -4.0, BITS)),
    ("binary-gradients", "binary_gradients", lambda: binary_gradients(binary_loss_curves(0.0, LOGITS), 8.0)),
    (
        "learning-curves",
        "learning_curves",
        lambda: learning_curves(np.linspace(1.1, 0.1, 501), np.linspace(1.1, 0.2, 501), HARTLEYS),
    ),
    (
        "true-class",
        "true_class_probability",
        lambda: true_class_probability(np.full((501, 3, 3), 1 / 3), [0, 1, 2], ["a", "b", "c"]),
    ),
    (
        "flower-prediction",
        "flower_prediction",
        lambda: flower_prediction([0, 1, 0], [0.05, 0.9, 0.05], ["setosa", "versicolor", "virginica"], "flower 2"),
    ),
]

IDS = [case_id for case_id, _, _ in CASES]
CALLS = [build for _, _, build in CASES]
