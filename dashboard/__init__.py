"""The Streamlit dashboard: app.py (frame and sidebar), app_pages/ (layout), data/ (SQL), present/ (figures, tables, text)."""
