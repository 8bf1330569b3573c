"""How every page shows a chart: full width, no Plotly toolbar."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

__all__ = ["chart"]

_CONFIG = {"displayModeBar": False}


def chart(figure: go.Figure, *, container=st) -> None:
    """Show a figure from ``core.figures`` across its container's width."""
    container.plotly_chart(figure, width="stretch", config=_CONFIG)
