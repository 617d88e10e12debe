"""What the 活动通知 Notices page shows: the timeline, the notices list, the activity categories by year,
a notice's form fields, and its text searched and highlighted. Pure: query results in (data/notices.py),
frames, figures and Markdown out."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from dashboard.present.charts import BLUE, FONT, GRID, RED, base_layout, legend_above, wrap_to
from dashboard.present.fmt import format_day
from dashboard.present.tables import display
from dashboard.present.text import t


def timeline_rows(notices: pd.DataFrame) -> pd.DataFrame:
    """Notices with a readable row label (year · issuer · 文号), for notice_timeline and the notice picker.

    The internal notice_id is not shown (it means nothing to a reader); two notices with the same label
    get "(2)", "(3)" so the timeline's category axis keeps them apart."""
    out = notices.copy()
    base = [
        " · ".join(str(x) for x in (y, issuer, doc) if pd.notna(x) and x != "")
        for y, issuer, doc in zip(out["year"], out["issuer"], out["doc_number"], strict=True)
    ]
    seen: dict[str, int] = {}
    labels = []
    for b in base:
        seen[b] = seen.get(b, 0) + 1
        labels.append(b if seen[b] == 1 else f"{b} ({seen[b]})")
    out["row_label"] = labels
    return out


def find_lines(text: str, query: str) -> list[tuple[int, str]]:
    """(line number, line) of every line containing `query` (case-insensitive), in order."""
    if not query.strip():
        return []
    pattern = re.compile(re.escape(query.strip()), re.IGNORECASE)
    return [(i, line) for i, line in enumerate(text.splitlines(), 1) if pattern.search(line)]


def highlight(text: str, query: str) -> str:
    """Markdown of the text with every match in bold (the text's own markdown characters escaped).

    A line's leading tabs and spaces become no-break spaces: Markdown would make an indented line a code
    block, and one code block loads the browser's 1.5 MB syntax highlighter for the whole page."""
    text = re.sub(r"(?m)^[ \t]+", lambda m: m.group(0).replace("\t", "    ").replace(" ", "\u00a0"), text)
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!|>~])", r"\\\1", text)
    if not query.strip():
        return escaped.replace("\n", "  \n")
    q = re.sub(r"([\\`*_{}\[\]()#+\-.!|>~])", r"\\\1", query.strip())
    marked = re.sub(re.escape(q), lambda m: f"**:red[{m.group(0)}]**", escaped, flags=re.IGNORECASE)
    return marked.replace("\n", "  \n")


def notices_table(notices: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The notices list: year, title, issuer, level, region, channel, 文号, theme, period, deadline, issued."""

    out = notices.copy()
    out["channel"] = out["reporting_system"]
    out["doc"] = out["doc_number"].fillna("")
    out["period"] = [
        text
        if isinstance(text, str) and text
        else (f"{format_day(a)} – {format_day(b)}" if not pd.isna(a) else "")
        for text, a, b in zip(out["period_text"], out["period_start"], out["period_end"], strict=True)
    ]
    out["deadline"] = out["report_deadline"].map(format_day)
    out["issued"] = out["issued_on"].map(format_day)
    out["region"] = out["region"].fillna(t("common.area_all", lang))
    return display(
        out,
        "notices",
        [
            "year",
            "title",
            "issuer",
            "level",
            "region",
            "channel",
            "doc",
            "theme",
            "period",
            "deadline",
            "issued",
        ],
        lang,
        {"channel": "channel", "level": "@level"},
    )


def fields_table(fields: pd.DataFrame, metric_names: dict[str, str], lang: str) -> pd.DataFrame:
    """A notice's form fields beside the metric each maps to and how many files reported it."""
    out = fields.copy()
    out["field"] = out["field_label"]
    out["metric"] = [
        metric_names.get(m, m) if isinstance(m, str) else t("notices.not_metric", lang) for m in out["metric"]
    ]
    # text, not a mixed int/"" column (Arrow cannot serialise that): blank for fields that are no metric
    out["reported"] = [
        str(int(n)) if isinstance(m, str) and pd.notna(n) else ""
        for m, n in zip(fields["metric"], out["n_reported"], strict=True)
    ]
    return display(out, "notices", ["attachment", "field", "metric", "reported"], lang)


LABEL_PX = 170  # the widest a row's name may be: a phone keeps half its width for the plot
CALENDAR_YEAR = 2000  # a leap year: every notice's dates are drawn on this one calendar


def _on_calendar(dates: pd.Series, years: pd.Series) -> pd.Series:
    """Shift each date by its notice's campaign year onto CALENDAR_YEAR, so notices of different years
    share one May-June axis (a date in the year before lands in the year before CALENDAR_YEAR)."""
    out = []
    for d, y in zip(pd.to_datetime(dates), years, strict=True):
        base = int(y) if pd.notna(y) else d.year
        out.append(d + pd.DateOffset(years=CALENDAR_YEAR - base))
    return pd.Series(out, index=dates.index, dtype="datetime64[ns]")


def notice_timeline(df: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """One row per notice: activity period as a bar, reporting deadline as a diamond, issue date as a dot.

    Rows are labelled with their year, and every notice is drawn on one shared calendar (month and day),
    so a four-week activity period is a visible bar rather than a dot on a four-year axis; hovering shows
    the real date.
    df: notice_id, year, title, issuer, period_start, period_end, report_deadline, issued_on, row_label.
    labels: period, deadline, issued (legend names); optional tickformat (d3 date format of the axis).
    """
    rows = df.sort_values(["year", "issued_on"], ascending=[False, False], na_position="last")
    y = rows["row_label"].tolist()
    fig = go.Figure()
    has_period = rows["period_start"].notna() & rows["period_end"].notna()
    period = rows[has_period]
    if len(period):
        start = _on_calendar(period["period_start"], period["year"])
        end = _on_calendar(period["period_end"], period["year"])
        fig.add_trace(
            go.Bar(
                base=start,
                x=(end - start).dt.total_seconds() * 1000 + 86_400_000,
                y=period["row_label"],
                orientation="h",
                name=labels["period"],
                marker_color="#9EC1E8",
                customdata=[
                    f"{format_day(a)} – {format_day(b)}"
                    for a, b in zip(period["period_start"], period["period_end"], strict=True)
                ],
                hovertemplate="%{y}<br>" + labels["period"] + ": %{customdata}<extra></extra>",
            )
        )
    for col, name, symbol, color in (
        ("report_deadline", labels["deadline"], "diamond", RED),
        ("issued_on", labels["issued"], "circle", BLUE),
    ):
        part = rows[rows[col].notna()]
        fig.add_trace(
            go.Scatter(
                x=_on_calendar(part[col], part["year"]),
                y=part["row_label"],
                mode="markers",
                name=name,
                marker={"symbol": symbol, "size": 12, "color": color},
                customdata=[format_day(d) for d in part[col]],
                hovertemplate="%{y}<br>" + name + ": %{customdata}<extra></extra>",
            )
        )
    # a row's name (year · issuer · 文号) in lines of at most LABEL_PX: one long line left a phone no plot
    names = ["<br>".join(wrap_to(x, LABEL_PX, 12)) for x in y]
    lines = max((n.count("<br>") + 1 for n in names), default=1)
    fig.update_yaxes(
        categoryorder="array", categoryarray=y[::-1], tickvals=y, ticktext=names, tickfont_size=12,
        automargin=True,
    )  # fmt: skip
    fig.update_xaxes(type="date", gridcolor=GRID, tickformat=labels.get("tickformat", "%m-%d"), dtick="M1")
    fig = legend_above(base_layout(fig, 90 + max(34, 8 + 16 * lines) * max(len(y), 1)))
    fig.update_layout(barmode="overlay", font={"family": FONT})
    return fig


def category_heat(df: pd.DataFrame, year_title: str, names: dict[str, str] | None = None) -> go.Figure:
    """Activity categories (rows) × years (columns): how many items of each the year's notices asked for.

    df: year, category, n. names: category code -> display name (codes never reach the reader).
    """
    wide = df.pivot_table(index="category", columns="year", values="n", aggfunc="sum", fill_value=0)
    wide = wide.loc[wide.sum(axis=1).sort_values().index]  # most asked-for on top
    z = wide.to_numpy()
    rows = ["<br>".join(wrap_to((names or {}).get(c, c), LABEL_PX, 13)) for c in wide.index]
    lines = max((r.count("<br>") + 1 for r in rows), default=1)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(int(y)) for y in wide.columns],
            y=rows,
            colorscale="Reds",
            showscale=False,
            text=[[str(int(v)) if v else "" for v in row] for row in z],
            texttemplate="%{text}",
            hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_xaxes(type="category", title_text=year_title, side="top", automargin=True)
    fig.update_yaxes(automargin=True)
    fig = base_layout(fig, 90 + max(30, 8 + 16 * lines) * max(len(wide), 1))
    return fig.update_layout(margin_t=64)  # the years and their axis title sit above the cells
