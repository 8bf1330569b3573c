"""Exact information theory for the explainer: measures, losses, units, text and figures.

This package never imports streamlit; the pages do the rendering.
"""

from core.losses import binary_cross_entropy_with_logits, cross_entropy_loss, log_softmax, softmax
from core.measures import (
    binary_cross_entropy,
    binary_entropy,
    contributions,
    cross_entropy,
    entropy,
    kl_divergence,
    surprisal,
)
from core.units import UNITS, format_value, unit_base, unit_symbol

__all__ = [
    "UNITS",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "binary_entropy",
    "contributions",
    "cross_entropy",
    "cross_entropy_loss",
    "entropy",
    "format_value",
    "kl_divergence",
    "log_softmax",
    "softmax",
    "surprisal",
    "unit_base",
    "unit_symbol",
]
