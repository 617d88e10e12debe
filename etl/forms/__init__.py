"""A Workbook -> the figures and activities of the forms, found by their labels.

grid.py          one sheet as the parsers see it (cells, merged ranges, labels, right-then-below)
summary.py       the summary form: label -> value cell (metrics.yaml via vocabulary.py)
checks.py        value rules, repeated metrics, 合计 rows checked against their items
unit_tables.py   a table listing several units: only its 合计 row counts
values.py        what people type -> a number (约1.2万, ３５００, 210场)
activities.py    附件2 recommendations and 2021 plans, block by block
activity_labels.py, ticks.py   their labels and values (activity_forms.yaml), and tick marks
records.py       what the parsers yield (ParsedForm, ActivityForm and their rows)
"""
