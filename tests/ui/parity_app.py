"""Every figure the app draws, twice: by ``st.plotly_chart`` and by the live chart of ``ui.charts``.

tests/browser/test_live_charts_browser.py serves it and compares the two, pixel by pixel. A figure's
own Plotly slider is left out of both: in the app the live chart draws it as its own control, under
the plot (tests/browser/test_chart_controls_browser.py).
"""

import streamlit as st

from tests.core.figures.builders import CASES
from ui.charts import chart

for case, _, build in CASES:
    figure = build()
    figure.layout.sliders = ()
    st.plotly_chart(figure, width="stretch", config={"displayModeBar": False}, key=f"reference-{case}")
    chart(figure, key=case)
