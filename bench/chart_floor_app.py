"""Two sliders and one small Plotly chart that marks q: what any Streamlit app pays to redraw a chart
after a slider moves (bench/browser.py's second baseline)."""

import plotly.graph_objects as go
import streamlit as st

p = st.slider("p", 0.0, 1.0, 0.3, 0.01, key="p")
q = st.slider("q", 0.0, 1.0, 0.65, 0.01, key="q")
chart = go.Figure(go.Scatter(x=[q], y=[p], name="Your prediction q", mode="markers"))
chart.update_layout(xaxis_range=[0, 1], yaxis_range=[0, 1])
st.plotly_chart(chart, config={"displayModeBar": False})
