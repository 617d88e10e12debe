"""The print layout of every page: the page content only, on A4 landscape.

Hidden on paper: the sidebar, Streamlit's header and toolbars, Plotly's mode bar and every input widget,
which mean nothing there; the filters that made the page are in its subtitle line, which stays. The
overview (it has the briefing block, key overview_briefing) is scaled to fit one sheet.
The stylesheet is a literal in the call: tests/security/test_config.py allows raw HTML only in that form.
"""

import streamlit as st


def inject() -> None:
    """Add the print stylesheet to the page (from the sidebar, where the empty element takes no room)."""
    st.sidebar.markdown(
        """<style>
@media print {
  @page { size: A4 landscape; margin: 8mm; }

  [data-testid="stSidebar"],
  [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"],
  [data-testid="stToolbar"],
  [data-testid="stDecoration"],
  [data-testid="stStatusWidget"],
  [data-testid="stElementToolbar"],
  [data-testid="stBottom"],
  .modebar-container,
  [data-testid="stButton"],
  [data-testid="stDownloadButton"],
  [data-testid="stSelectbox"],
  [data-testid="stMultiSelect"],
  [data-testid="stTextInput"],
  [data-testid="stCheckbox"],
  [data-testid="stRadio"],
  [data-testid="stSlider"],
  [data-testid="stButtonGroup"],
  [data-testid="stExpander"],
  [data-testid="stTooltipIcon"],
  .no-print { display: none !important; }

  /* the content takes the whole sheet: no sidebar offset, no screen padding */
  [data-testid="stAppViewContainer"], [data-testid="stMain"], .stMain { margin: 0 !important; padding: 0 !important; }
  [data-testid="stMainBlockContainer"], .block-container {
    max-width: none !important; padding: 0 !important;
  }
  html, body, [data-testid="stApp"] { background: #fff !important; }

  /* columns stay side by side, as on screen (Streamlit wraps them on a narrow sheet) */
  [data-testid="stHorizontalBlock"] { display: flex !important; flex-wrap: nowrap !important; }
  [data-testid="stColumn"] { min-width: 0 !important; }

  /* a chart, a card or a table is never cut across two sheets; a heading stays with what follows */
  .stPlotlyChart, [data-testid="stMetric"], [data-testid="stDataFrame"], [data-testid="stTable"],
  [data-testid="stAlert"] { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }

  /* 总览 Overview: one sheet. The page marks itself with its briefing block (key overview_briefing). */
  body:has(.st-key-overview_briefing) [data-testid="stMainBlockContainer"] { zoom: 0.5; }
}
</style>""",
        unsafe_allow_html=True,
    )
