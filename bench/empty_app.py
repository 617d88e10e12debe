"""Streamlit's floor for bench/dashboard_bench.py: a page with a title only, in the dashboard's own
configuration, so its drawing time is the front end booting before any script of ours matters."""

import streamlit as st

st.set_page_config(page_title="empty", layout="wide")
st.title("空白页 empty page")
