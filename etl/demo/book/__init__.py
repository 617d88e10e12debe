"""The one writer of demo and test workbooks: a `BookSpec` (spec.py) -> .xlsx / .xlsm / .xls / .docx (write.py).

write.py picks the format by the file's suffix; each format module renders the same spec with one library:
xlsx_openpyxl.py (styled forms), xlsx_template.py (minimal, fast, for thousands of files), xlsx_xlsxwriter.py
(the activity forms' look), xls_xlwt.py (legacy .xls) and docx_tables.py (one Word table per sheet).
package.py holds what makes the bytes repeatable: zip entries at fixed times, docProps/core.xml, file times.
"""
