"""The briefing to take into a meeting: the overview's current selection as a .docx and a PDF.

`content.py` holds what goes in (a `Briefing`, assembled from what the overview page shows),
`images.py` turns its charts into PNGs offline, `docx.py` and `pdf.py` write the two files.
"""
