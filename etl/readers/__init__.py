"""Any received file -> a Workbook of cells, after the hostile-file checks."""
