"""The Streamlit dashboard: app.py (frame), app_pages/ (layout), queries.py (SQL), charts.py (figures)."""
