"""Pure Plotly figure builders: numbers in, ``go.Figure`` out. Nothing here renders.

Every builder colours its traces by role (``colors.ROLES``: one meaning per colour, safe for
colour-blind readers), names them, shares one layout helper, and fixes its axis ranges so that a
redraw after a slider move does not make the chart jump. Builders take the page's numbers (a
``Comparison``, a ``Descent``) rather than computing them again.
"""

from core.figures.bars import (
    code_lengths,
    cross_entropy_contributions,
    decomposition_bar,
    distribution_bars,
    entropy_contributions,
    normal_fits,
)
from core.figures.colors import ROLES
from core.figures.curves import (
    binary_entropy_curve,
    cross_entropy_curve,
    probability_grid,
    running_means_curve,
    surprisal_curve,
)
from core.figures.maps import binary_cross_entropy_map, simplex_cross_entropy_map, simplex_point
from core.figures.training import (
    binary_gradients,
    binary_losses,
    descent_on_simplex,
    flower_prediction,
    gradient_bars,
    learning_curves,
    loss_per_step,
    true_class_probability,
)

__all__ = [
    "ROLES",
    "binary_cross_entropy_map",
    "binary_entropy_curve",
    "binary_gradients",
    "binary_losses",
    "code_lengths",
    "cross_entropy_contributions",
    "cross_entropy_curve",
    "decomposition_bar",
    "descent_on_simplex",
    "distribution_bars",
    "entropy_contributions",
    "flower_prediction",
    "gradient_bars",
    "learning_curves",
    "loss_per_step",
    "normal_fits",
    "probability_grid",
    "running_means_curve",
    "simplex_cross_entropy_map",
    "simplex_point",
    "surprisal_curve",
    "true_class_probability",
]
