"""A Workbook -> the figures and activities of the forms, found by their labels."""
