"""The floor any Streamlit app pays: two sliders and a line of text (bench/browser.py's baseline)."""

import streamlit as st

p = st.slider("p", 0.0, 1.0, 0.3, 0.01, key="p")
q = st.slider("q", 0.0, 1.0, 0.65, 0.01, key="q")
st.write(f"p = {p:.2f}, q = {q:.2f}")
