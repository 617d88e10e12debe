"""The deterministic demo workbooks (`python -m etl sample`)."""
