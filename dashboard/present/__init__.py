"""Pure presentation: figures, tables, numbers, text, downloads. No SQL, no Streamlit."""
