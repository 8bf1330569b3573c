"""A page with one small Plotly chart: the baseline for the time to the first chart (bench/browser.py)."""

import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Scatter(x=[0, 1], y=[0, 1])), config={"displayModeBar": False})
