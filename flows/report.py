"""`unga report`: one self-contained HTML page of charts over the analytics views.

The page needs no network: plotly.js is embedded inline. A small script sets
`document.body.dataset.chartsDrawn` to the number of charts plotly has rendered, so a headless
browser can check the page.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from warehouse import db

TOP_LEADS = 20
TOP_CITED = 20
TOP_SERIES = 30

# Sets data-charts-drawn once every chart div holds plotly's rendered svg (or after ~10 s).
_DRAWN_SCRIPT = """
(function () {
  var charts = document.querySelectorAll('.chart .plotly-graph-div');
  function drawn() {
    return Array.prototype.filter.call(charts, function (div) {
      return div.querySelector('.main-svg') !== null;
    }).length;
  }
  function check(triesLeft) {
    var n = drawn();
    if (n === charts.length || triesLeft <= 0) {
      document.body.dataset.chartsDrawn = String(n);
      return;
    }
    setTimeout(function () { check(triesLeft - 1); }, 50);
  }
  if (document.readyState === 'complete') { check(200); }
  else { window.addEventListener('load', function () { check(200); }); }
})();
"""

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: 0.2rem; }
.meta { color: #666; margin-top: 0; }
.chart { margin: 2rem 0; }
.chart p { color: #555; margin: 0.2rem 0 0.5rem; }
.empty { padding: 2rem; background: #f4f4f4; border-radius: 6px; }
"""


def _session_label(kind: str, session: int) -> str:
    return {"special": f"S-{session}", "emergency_special": f"ES-{session}"}.get(kind, str(session))


def _session_order(kind: str, session: int) -> tuple[int, int]:
    """Regular sessions first, then special, then emergency special."""
    return ({"regular": 0, "special": 1}.get(kind, 2), session)


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def _install_views(con: duckdb.DuckDBPyConnection) -> None:
    """The code's view definitions as temporary views: a read-only warehouse loaded before a
    view existed (or changed) still gets the current one."""
    for view in sorted(db.VIEWS_DIR.glob("*.sql")):
        con.execute(f"CREATE OR REPLACE TEMP VIEW {view.stem} AS\n{view.read_text()}")


def _layout(fig: go.Figure, title: str, height: int = 450) -> go.Figure:
    fig.update_layout(
        title=title,
        height=height,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        template="plotly_white",
    )
    return fig


def _no_data(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _resolutions_by_committee(con: duckdb.DuckDBPyConnection) -> go.Figure:
    rows = _rows(con, "SELECT session_kind, session, committee, resolutions FROM session_summary")
    sessions = sorted({(k, s) for k, s, _, _ in rows}, key=lambda ks: _session_order(*ks))
    labels = [_session_label(*ks) for ks in sessions]
    fig = go.Figure()
    for committee in sorted({c for _, _, c, _ in rows}):
        counts = {(k, s): n for k, s, c, n in rows if c == committee}
        fig.add_bar(name=committee, x=labels, y=[counts.get(ks, 0) for ks in sessions])
    fig.update_layout(barmode="stack", xaxis={"type": "category", "title": "session"})
    fig.update_yaxes(title="resolutions")
    return _layout(fig, "Resolutions per session, by committee")


def _recorded_vote_share(con: duckdb.DuckDBPyConnection) -> go.Figure:
    rows = _rows(
        con,
        "SELECT session_kind, session, sum(recorded_votes), sum(resolutions) "
        "FROM session_summary GROUP BY ALL",
    )
    rows.sort(key=lambda r: _session_order(r[0], r[1]))
    fig = go.Figure(
        go.Bar(
            x=[_session_label(k, s) for k, s, _, _ in rows],
            y=[voted / total for _, _, voted, total in rows],
            text=[f"{voted} of {total}" for _, _, voted, total in rows],
            hovertemplate="session %{x}: %{y:.1%} (%{text})<extra></extra>",
        )
    )
    fig.update_layout(xaxis={"type": "category", "title": "session"})
    fig.update_yaxes(title="share adopted by recorded vote", tickformat=".0%", range=[0, 1])
    return _layout(fig, "Share of resolutions adopted by recorded vote")


def _top_lead_phrases(con: duckdb.DuckDBPyConnection) -> go.Figure:
    rows = _rows(
        con,
        f"""SELECT part, lead, sum(paragraphs) AS n FROM lead_phrases
            GROUP BY ALL ORDER BY n DESC, lead LIMIT {TOP_LEADS}""",
    )
    rows.reverse()  # largest at the top of a horizontal bar chart
    fig = go.Figure()
    for part in ("preamble", "operative"):
        fig.add_bar(
            name=part,
            orientation="h",
            y=[lead for p, lead, _ in rows if p == part],
            x=[n for p, _, n in rows if p == part],
        )
    fig.update_layout(yaxis={"categoryorder": "array", "categoryarray": [r[1] for r in rows]})
    fig.update_xaxes(title="paragraphs")
    if not rows:
        _no_data(fig, "No lead phrases")
    return _layout(fig, f"Top {TOP_LEADS} lead phrases", height=600)


def _most_cited(con: duckdb.DuckDBPyConnection) -> go.Figure:
    rows = _rows(
        con,
        f"""SELECT cited_symbol, times_cited, citing_resolutions, coalesce(cited_title, '')
            FROM most_cited WHERE kind = 'resolution'
            ORDER BY citing_resolutions DESC, times_cited DESC, cited_symbol LIMIT {TOP_CITED}""",
    )
    rows.reverse()
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=[r[0] for r in rows],
            x=[r[2] for r in rows],
            customdata=[[r[1], r[3] or "(not in the warehouse)"] for r in rows],
            hovertemplate="%{y}: cited by %{x} resolutions, %{customdata[0]} times"
            "<br>%{customdata[1]}<extra></extra>",
        )
    )
    fig.update_layout(yaxis={"type": "category"})
    fig.update_xaxes(title="citing resolutions")
    if not rows:
        _no_data(fig, "No citations of resolutions")
    return _layout(fig, f"Top {TOP_CITED} most-cited resolutions", height=600)


def _series_timeline(con: duckdb.DuckDBPyConnection) -> go.Figure:
    rows = _rows(
        con,
        f"""WITH top AS (
                SELECT series_id, any_value(series_length) AS length, min(session) AS first
                FROM series GROUP BY series_id
                ORDER BY length DESC, first, series_id LIMIT {TOP_SERIES})
            SELECT s.series_id, s.symbol, s.session, s.title,
                   coalesce(first_value(s.committee) OVER w, 'Plenary (no Main Committee)')
            FROM series s JOIN top USING (series_id)
            WINDOW w AS (PARTITION BY s.series_id ORDER BY s.position)
            ORDER BY s.series_id, s.position""",
    )
    by_series: dict[str, list[tuple]] = {}
    for row in rows:
        by_series.setdefault(row[0], []).append(row)
    fig = go.Figure()
    for committee in sorted({r[4] for r in rows}):
        xs: list = []
        ys: list = []
        hover: list = []
        for series_id, members in by_series.items():
            if members[0][4] != committee:
                continue
            title = members[0][3]
            name = f"{title[:57]}… ({series_id})" if len(title) > 60 else f"{title} ({series_id})"
            xs += [m[2] for m in members] + [None]  # None breaks the line between series
            ys += [name] * len(members) + [None]
            hover += [m[1] for m in members] + [None]
        fig.add_scatter(
            name=committee,
            x=xs,
            y=ys,
            text=hover,
            mode="lines+markers",
            hovertemplate="%{text} (session %{x})<extra></extra>",
        )
    fig.update_xaxes(title="session", dtick=1)
    fig.update_yaxes(type="category", tickfont={"size": 10})
    if not rows:
        _no_data(fig, "No resolution recurs across sessions")
    return _layout(
        fig, f"Series: the {TOP_SERIES} longest", height=max(400, 160 + 22 * len(by_series))
    )


CHARTS = (
    ("resolutions-by-committee", _resolutions_by_committee, "Every resolution once, by session."),
    ("recorded-vote-share", _recorded_vote_share, "The rest were adopted without a vote."),
    ("lead-phrases", _top_lead_phrases, "Paragraphs opening with each lead phrase."),
    ("most-cited", _most_cited, "Resolutions cited most widely by the resolutions loaded."),
    ("series", _series_timeline, "Resolutions that recur across sessions; hover for symbols."),
)


def _page(title: str, body: str, with_plotly: bool) -> str:
    plotly_js = f"<script>{get_plotlyjs()}</script>" if with_plotly else ""
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n{plotly_js}\n</head>\n"
        f"<body>\n{body}\n<script>{_DRAWN_SCRIPT}</script>\n</body>\n</html>\n"
    )


def build_report(database: Path, output: Path) -> None:
    """Write one HTML page of charts over the warehouse at `database` (opened read-only)."""
    con = db.connect(database, read_only=True)
    try:
        _install_views(con)
        total, sessions = _rows(
            con,
            "SELECT count(DISTINCT symbol), count(DISTINCT (session_kind, session)) "
            "FROM resolutions",
        )[0]
        title = "UN General Assembly resolutions"
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        header = f"<h1>{html.escape(title)}</h1>\n"
        if not total:
            body = header + (
                f"<p class='meta'>Generated {stamp} from {html.escape(str(database))}.</p>\n"
                "<p class='empty'>There is no data in this warehouse yet: load resolutions with "
                "<code>unga run</code>, then build the report again.</p>"
            )
            page = _page(title, body, with_plotly=False)
        else:
            parts = [
                header,
                f"<p class='meta'>{total} resolutions of {sessions} sessions · generated "
                f"{stamp} from {html.escape(str(database))}.</p>",
            ]
            for div_id, chart, caption in CHARTS:
                fig = chart(con)
                div = fig.to_html(
                    full_html=False,
                    include_plotlyjs=False,
                    div_id=div_id,
                    config={"displaylogo": False, "responsive": True},
                )
                parts.append(
                    f"<section class='chart'><p>{html.escape(caption)}</p>\n{div}\n</section>"
                )
            page = _page(title, "\n".join(parts), with_plotly=True)
    finally:
        con.close()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
