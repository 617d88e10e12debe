"""Waiting for, checking and capturing a dashboard page in Playwright (shared by the browser tests)."""

from __future__ import annotations

import weakref
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from etl.paths import ROOT

SCREENSHOTS = ROOT / "test-output" / "screenshots"
# Every wait is a deadline, never a pause: long enough for a loaded one-core machine, free on a fast one.
WAIT_MS = 90_000


# Counts the script runs the page has finished (the app root's data-test-script-state turning to
# "notRunning"), so a wait after a click waits for *that* click's run, however fast or slow the machine.
RUN_COUNTER_JS = """(() => {
  window.__stRunsDone = 0;
  new MutationObserver(changes => changes.forEach(c => {
    if (c.target.getAttribute('data-test-script-state') === 'notRunning' && c.oldValue !== 'notRunning') {
      window.__stRunsDone += 1;
    }
  })).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                         attributeFilter: ['data-test-script-state']});
})()"""
# the run has finished, no skeleton is left and every Plotly chart has drawn its SVG
DRAWN_JS = """() => !document.querySelector('[data-testid="stSkeleton"]')
  && Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]')).every(c => c.querySelector('.main-svg'))"""
_runs_seen: weakref.WeakKeyDictionary[Page, int] = weakref.WeakKeyDictionary()


def count_runs(pg: Page) -> None:
    """Make `pg` count its script runs from its next navigation on (open_page does this)."""
    if pg not in _runs_seen:
        pg.add_init_script(RUN_COUNTER_JS)
    _runs_seen[pg] = 0


def wait_for_app(pg: Page, text: str | None = None) -> None:
    """Wait for the script run that the last navigation or click started, then for `text` (when given)
    and for the page to be drawn. Fails (rather than reading a stale page) if no new run comes."""
    if pg not in _runs_seen:
        raise AssertionError(
            "open the page with open_page() (or call count_runs first) so its runs are counted"
        )
    done = pg.wait_for_function(
        """seen => window.__stRunsDone > seen && document.querySelector('[data-testid="stApp"]')
             .getAttribute('data-test-script-state') === 'notRunning' && window.__stRunsDone""",
        arg=_runs_seen[pg],
        timeout=WAIT_MS,
    ).json_value()
    _runs_seen[pg] = int(done)
    if text:
        pg.get_by_text(text, exact=False).first.wait_for()
    pg.wait_for_function(DRAWN_JS)


def open_page(pg: Page, url: str, text: str | None = None) -> None:
    """Go to `url` and wait until the page has run (and shows `text`, when given)."""
    count_runs(pg)
    pg.goto(url)
    wait_for_app(pg, text)


# The options of the list the focused field controls (another field's list may still be in the page).
_OWN_OPTIONS_JS = """() => {
  const list = document.activeElement && document.getElementById(document.activeElement.getAttribute('aria-controls'));
  return list ? Array.from(list.querySelectorAll('[role=option]')) : [];
}"""
# The id and text of the first option in that list whose text is (or, failing that, holds) `text`,
# skipping Streamlit's bulk actions ("Select all", "Select 2 matches"); with no text, the first real one.
_OPTION_ID_JS = f"""text => {{
  const real = ({_OWN_OPTIONS_JS})().filter(o => !(o.getAttribute('data-key') || '').startsWith('__'));
  const hit = text === null ? real[0]
    : real.find(o => o.innerText.trim() === text) || real.find(o => o.innerText.includes(text));
  return hit ? [hit.id, hit.innerText.trim()] : null;
}}"""
_HIGHLIGHTED_JS = "() => document.activeElement && document.activeElement.getAttribute('aria-activedescendant')"


def choose(pg: Page, field: Locator, option: str | None = None) -> None:
    """Choose `option` (None: the list's first) in the selectbox or multiselect `field` as a person at the
    keyboard does: click the field, type the option, arrow down to it, press Enter; then wait until the
    field shows it and for the run that choice started.

    Not the mouse: an option under the pointer takes the focus from the field, which empties the typed
    text and closes the list, so a click can fall on nothing and no run comes (1 run in 4 of the
    vice-chair test failed so)."""
    for _ in range(3):  # a click that lands while the page is still redrawing may not open the list
        field.locator("input").first.click()
        try:
            pg.wait_for_function(f"() => ({_OWN_OPTIONS_JS})().length > 0", timeout=5_000)
            break
        except PlaywrightTimeout:
            pg.keyboard.press("Escape")
    if option is not None:  # the list is virtualised, and typing is how a person finds an option in a long one
        pg.keyboard.type(option)
    target_id, text = pg.wait_for_function(_OPTION_ID_JS, arg=option).json_value()
    for _ in range(pg.evaluate(f"() => ({_OWN_OPTIONS_JS})().length") + 1):
        if pg.evaluate(_HIGHLIGHTED_JS) == target_id:
            break
        pg.keyboard.press("ArrowDown")
    pg.wait_for_function(f"id => ({_HIGHLIGHTED_JS})() === id", arg=target_id)
    pg.keyboard.press("Enter")
    # a multiselect shows the choice as a tag, a selectbox in its text box
    if field.get_attribute("data-testid") == "stMultiSelect":
        expect(field, f"choosing {text!r} did not take").to_contain_text(text, timeout=WAIT_MS)
    else:
        expect(field.locator("input").first, f"choosing {text!r} did not take").to_have_value(text, timeout=WAIT_MS)
    wait_for_app(pg)
    pg.keyboard.press("Escape")


def wait_for_map(pg: Page) -> None:
    """Wait until the compare page's map has drawn every province and the inset's."""
    pg.wait_for_function("() => document.querySelectorAll('.geo .choroplethlocation').length >= 34 + 5")


def notes_shown(pg: Page) -> list[str]:
    """The page's warnings and notes as the user reads them: a failed assertion says what the page said."""
    return pg.locator('[data-testid="stAlert"]').all_inner_texts()


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
    # only the height changed, so no chart is redrawn: wait for two frames to be painted, then drawn
    pg.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    pg.wait_for_function(DRAWN_JS)
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
