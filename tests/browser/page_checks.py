"""Waiting for, checking and capturing a dashboard page in Playwright (shared by the browser tests)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from etl.paths import ROOT

SCREENSHOTS = ROOT / "test-output" / "screenshots"


def wait_for_app(pg: Page, text: str | None = None) -> None:
    """Wait until the script run has finished (and `text` is on the page, when given).

    Streamlit marks the app root with data-test-script-state; after a click the rerun may not have
    started yet, so give it a moment before waiting for "notRunning".
    """
    pg.wait_for_selector('[data-testid="stApp"]')
    pg.wait_for_timeout(400)
    pg.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
    if text:
        pg.get_by_text(text, exact=False).first.wait_for()
    pg.wait_for_timeout(300)


def open_page(pg: Page, url: str, text: str | None = None) -> None:
    """Go to `url` and wait until the page has run (and shows `text`, when given)."""
    pg.goto(url)
    wait_for_app(pg, text)


def wait_for_map(pg: Page) -> None:
    """Wait until the compare page's map has drawn every province and the inset's."""
    pg.wait_for_function(
        "() => document.querySelectorAll('.geo .choroplethlocation').length >= 34 + 5", timeout=30_000
    )


def assert_no_exception(pg: Page) -> None:
    assert pg.locator('[data-testid="stException"]').count() == 0, pg.locator(
        '[data-testid="stException"]'
    ).first.inner_text()


def screenshot(pg: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def screenshot_all(pg: Page, name: str) -> Path:
    """The whole page at the viewport's width: the window is made as tall as the content for the shot
    (Streamlit scrolls inside its own container, so a full-page shot shows only the first screen)."""
    size = pg.viewport_size or {"width": 1366, "height": 768}
    height = pg.evaluate(
        "() => Math.max(...['[data-testid=stMain]', '[data-testid=stAppViewContainer]', 'body']"
        ".map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))"
    )
    pg.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12000)})
    pg.wait_for_timeout(500)  # charts redraw at the new size
    path = screenshot(pg, name)
    pg.set_viewport_size(size)
    return path


# The three screen sizes pages must hold at (laptop, desktop, phone).
SIZES = {"1366": (1366, 768), "1920": (1920, 1080), "390": (390, 844)}
# Every piece of text Plotly draws in a figure (the drawn-in title and its source line, axis titles, tick
# labels, bar labels, annotations) must lie inside the figure's box, and no two may overlap: a list of
# [text, problem] for each that does not ("cut 12px", "overlaps <other text>"). Hidden figures (a closed
# tab) have no box and are skipped. Annotations may sit over the plot, so only their edges are checked.
CUT_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
  const box = plot.getBoundingClientRect();
  if (box.width < 2 || box.height < 2) return [];
  const seen = el => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0 && el.textContent.trim(); };
  const pick = sel => Array.from(plot.querySelectorAll(sel)).filter(seen);
  const edges = '.gtitle, .gtitle-subtitle, .xtitle, .ytitle, .xtick text, .ytick text, .bartext, .annotation-text';
  const out = pick(edges).flatMap(el => {
    const b = el.getBoundingClientRect();
    const over = Math.max(box.left - b.left, b.right - box.right, box.top - b.top, b.bottom - box.bottom);
    return over > 1 ? [[el.textContent, `cut ${Math.round(over)}px`]] : [];
  });
  // text that must not meet other text: titles, axis titles, tick labels (shrunk by 1px: touching is fine)
  const texts = pick('.gtitle, .gtitle-subtitle, .xtitle, .ytitle, .xtick text, .ytick text')
    .map(el => [el.textContent, el.getBoundingClientRect()]);
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
    const [s, a] = texts[i], [u, b] = texts[j];
    if (a.left + 1 < b.right && b.left + 1 < a.right && a.top + 1 < b.bottom && b.top + 1 < a.bottom)
      out.push([s, `overlaps ${u}`]);
  }
  return out;
})"""
