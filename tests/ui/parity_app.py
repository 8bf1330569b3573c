"""Every figure the app draws, twice: by ``st.plotly_chart`` and by the live chart of ``ui.charts``.

tests/browser/test_live_charts_browser.py serves it and compares the two, pixel by pixel.
"""

import streamlit as st

from tests.core.figures.builders import CASES
from ui.charts import chart

for case, _, build in CASES:
    figure = build()
    st.plotly_chart(figure, width="stretch", config={"displayModeBar": False}, key=f"reference-{case}")
    chart(figure, key=case)
