"""Exact information theory for the explainer: measures, losses, units, formulas and figures.

This package never imports streamlit; the ``ui`` package and the pages do the rendering.
"""

from core.comparison import Comparison, compare, compare_binary
from core.losses import binary_cross_entropy_with_logits, cross_entropy_loss, log_softmax, softmax
from core.measures import (
    binary_cross_entropy,
    binary_entropy,
    contributions,
    cross_entropy,
    entropy,
    kl_divergence,
    perplexity,
    surprisal,
)
from core.units import BITS, HARTLEYS, NATS, UNITS, Unit, format_value, unit_named

__all__ = [
    "BITS",
    "HARTLEYS",
    "NATS",
    "UNITS",
    "Comparison",
    "Unit",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "binary_entropy",
    "compare",
    "compare_binary",
    "contributions",
    "cross_entropy",
    "cross_entropy_loss",
    "entropy",
    "format_value",
    "kl_divergence",
    "log_softmax",
    "perplexity",
    "softmax",
    "surprisal",
    "unit_named",
]
