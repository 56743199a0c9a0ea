"""The analytics views (warehouse/views/*.sql) over a small hand-written warehouse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from tests.conftest import corpus_dir
from warehouse import db

LOADED = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

# A 3-session series (58/1 -> 59/1 -> 60/5): 59/1 changes the Recalling and Requests paragraphs
# and adds a Decides paragraph; 60/5 drops the Requests paragraph.
RECALL = "Recalling its resolution {} of 1 December {},"
WELCOMES = "Welcomes the report of the Secretary-General;"
REPORT_60 = (
    "Requests the Secretary-General to report to the General Assembly at its sixtieth session "
    "on the implementation of the present resolution;"
)
REPORT_61 = REPORT_60.replace("sixtieth", "sixty-first")
SEIZED = "Decides to remain seized of the matter."
WORK = "the work of the World Tourism Organization,"


def add_resolution(
    con: duckdb.DuckDBPyConnection,
    symbol: str,
    title: str,
    committee: str | None,
    paragraphs: list[tuple[str, str | None, str]],
    *,
    adoption: str = "without_vote",
    language: str = "en",
    session_kind: str = "regular",
) -> None:
    """One resolution and its paragraphs ((part, lead, text), preamble first)."""
    session = int(symbol.split("/")[2].removeprefix("ES-").removeprefix("S-").split()[0])
    sha = f"sha-{symbol}-{language}"
    n_pre = sum(1 for part, _, _ in paragraphs if part == "preamble")
    con.execute(
        "INSERT INTO resolutions (symbol, language, session, sha256, session_kind, number, title,"
        " committee, adoption, n_preambular, n_operative, source_format, source_uri,"
        " parser_version, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'akn_xml', ?, 't', ?)",
        [symbol, language, session, sha, session_kind, symbol.split("/")[-1], title, committee,
         adoption, n_pre, len(paragraphs) - n_pre, f"file:///{sha}.xml", LOADED],
    )  # fmt: skip
    for seq, (part, lead, text) in enumerate(paragraphs, start=1):
        number = str(seq - n_pre) if part == "operative" else None
        con.execute(
            "INSERT INTO paragraphs (symbol, language, session, sha256, seq, part, number, lead,"
            " text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [symbol, language, session, sha, seq, part, number, lead, text],
        )


def add_citation(con, symbol: str, cited: str, kind: str = "resolution", seq: int | None = 1):
    session = int(symbol.split("/")[2])
    con.execute(
        "INSERT INTO citations (symbol, language, session, sha256, paragraph_seq, footnote_marker,"
        " cited_symbol, kind, raw) VALUES (?, 'en', ?, ?, ?, ?, ?, ?, ?)",
        [symbol, session, f"sha-{symbol}-en", seq, None if seq else "1", cited, kind, cited],
    )


def add_votes(con, symbol: str, votes: dict[str, str]) -> None:
    session = int(symbol.split("/")[2])
    for state, vote in votes.items():
        con.execute(
            "INSERT INTO votes VALUES (?, 'en', ?, ?, ?, ?)",
            [symbol, session, f"sha-{symbol}-en", state, vote],
        )


def build_small_warehouse(path: Path) -> Path:
    """The hand-written warehouse every view test reads (also used by test_report)."""
    con = db.connect(path)
    db.ensure_schema(con)
    title = "Cooperation between the United Nations and the Example Organization"
    add_resolution(con, "A/RES/58/1", title, "Third Committee", [
        ("preamble", "Recalling", RECALL.format("57/1", 2002)),
        ("operative", "Welcomes", WELCOMES),
        ("operative", "Requests", REPORT_60),
    ])  # fmt: skip
    # The same resolution in French: every view counts a resolution once, in English.
    add_resolution(con, "A/RES/58/1", "Coopération", "Third Committee", [
        ("operative", "Prie", "Prie le Secrétaire général de lui faire rapport."),
    ], language="fr")  # fmt: skip
    add_resolution(con, "A/RES/59/1", title, "Third Committee", [
        ("preamble", "Recalling", RECALL.format("58/1", 2003)),
        ("operative", "Welcomes", WELCOMES),
        ("operative", "Requests", REPORT_61),
        ("operative", "Decides", SEIZED),
    ], adoption="recorded_vote")  # fmt: skip
    add_resolution(con, "A/RES/60/5", title + ", 2005", "Third Committee", [
        ("preamble", "Recalling", RECALL.format("59/1", 2004)),
        ("operative", "Welcomes", WELCOMES),
        ("operative", "Decides", SEIZED),
    ], adoption="recorded_vote")  # fmt: skip
    # Number words in a title do not break a series ('title' link).
    add_resolution(con, "A/RES/59/20", "Report of the Commission on its fifty-ninth session",
                   "Sixth Committee", [("operative", "Takes note", "Takes note of the report;")])  # fmt: skip
    add_resolution(con, "A/RES/60/20", "Report of the Commission on its sixtieth session",
                   "Sixth Committee", [("operative", "Takes note", "Takes note of the report;")])  # fmt: skip
    # A retitled resolution that cites its predecessor ('citation' link) ...
    add_resolution(con, "A/RES/59/30", "Situation of human rights in the Region of Example",
                   "Third Committee", [("operative", "Condemns", "Condemns the violations;")])  # fmt: skip
    add_resolution(con, "A/RES/60/30",
                   "Situation of human rights in the temporarily occupied Region of Example",
                   "Third Committee", [("operative", "Condemns", "Condemns the violations;")])  # fmt: skip
    # ... and a nearly identical title in the same committee ('similar_title' link).
    # Its preamble changes lead phrase ('Noting also' -> 'Noting'): still 'changed'.
    add_resolution(con, "A/RES/59/40", "Global Code of Ethics for Tourism", "Second Committee", [
        ("preamble", "Noting also", "Noting also " + WORK),
        ("operative", "Notes", "Notes the Code;"),
    ])  # fmt: skip
    add_resolution(con, "A/RES/60/40", "Global Code of Ethics for Tourisms", "Second Committee", [
        ("preamble", "Noting", "Noting " + WORK),
        ("operative", "Notes", "Notes the Code;"),
    ])  # fmt: skip
    # Plenary, with mandates naming sessions in words.
    add_resolution(con, "A/RES/60/100", "International Day of Example", None, [
        ("preamble", "Noting", "Noting the proposal,"),
        ("operative", "Decides", "Decides to proclaim 1 May International Day of Example;"),
        ("operative", "Invites",
         "Invites Member States, in consultation with the Secretary-General, to consider the "
         "matter at its one hundred and first session;"),
        ("operative", "Calls upon", "Calls upon all States to observe the Day;"),
        ("operative", "Also requests",
         "Also requests the Special Committee to continue its work and to submit to the General "
         "Assembly at its seventy-ninth and eightieth sessions a report thereon;"),
        ("operative", "Requests",
         "Requests the Secretary-General to implement the measures decided at its fifty-fifth "
         "session and to report thereon at its one hundredth session;"),
        ("operative", "Further requests",
         "Further requests the Secretary-General to bring the present resolution to the "
         "attention of all Member States;"),
    ], adoption="recorded_vote")  # fmt: skip
    add_resolution(con, "A/RES/ES-11/1", "Aggression against Example", None,
                   [("operative", "Demands", "Demands an end;")],
                   adoption="recorded_vote", session_kind="emergency_special")  # fmt: skip

    add_citation(con, "A/RES/59/1", "A/RES/58/1", seq=1)
    add_citation(con, "A/RES/59/1", "A/RES/58/1", seq=None)  # again, from a footnote
    add_citation(con, "A/RES/59/1", "A/RES/48/113", seq=1)
    add_citation(con, "A/RES/60/5", "A/RES/59/1", seq=1)
    add_citation(con, "A/RES/60/5", "A/RES/48/113", seq=1)
    add_citation(con, "A/RES/60/5", "A/RES/1514 (XV)", seq=2)
    add_citation(con, "A/RES/60/5", "A/58/281", kind="document", seq=2)
    add_citation(con, "A/RES/60/30", "A/RES/59/30", seq=1)

    add_votes(con, "A/RES/59/1", {"ALPHA": "yes", "BETA": "yes", "GAMMA": "no", "DELTA": "abstain"})
    add_votes(con, "A/RES/60/5", {"ALPHA": "no", "BETA": "yes", "GAMMA": "no", "DÉLTA": "no"})
    add_votes(con, "A/RES/60/100",
              {"ALPHA": "yes", "BETA": "no", "GAMMA": "non_voting", "DELTA": "abstain"})  # fmt: skip
    con.close()
    return path


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    path = build_small_warehouse(tmp_path_factory.mktemp("views") / "unga.duckdb")
    connection = db.connect(path, read_only=True)
    yield connection
    connection.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_views_are_created_in_dependency_order() -> None:
    names = [p.stem for p in sorted(db.VIEWS_DIR.glob("*.sql"))]
    assert names.index("citation_graph") < names.index("most_cited")
    assert names.index("series") < names.index("series_paragraph_diff")


def test_every_view_works_on_an_empty_warehouse(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "empty.duckdb")
    db.ensure_schema(con)
    for view in sorted(db.VIEWS_DIR.glob("*.sql")):
        assert rows(con, f"SELECT * FROM {view.stem}") == [], view.stem


def test_a_changed_view_file_replaces_the_view_and_only_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    views = tmp_path / "views"
    views.mkdir()
    for view in db.VIEWS_DIR.glob("*.sql"):
        (views / view.name).write_text(view.read_text())
    monkeypatch.setattr(db, "VIEWS_DIR", views)
    con = db.connect(tmp_path / "unga.duckdb")
    db.ensure_schema(con)
    comments = dict(rows(con, "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"))
    assert len(comments) == len(list(views.glob("*.sql")))
    assert all(comments.values())
    (views / "session_summary.sql").write_text("SELECT 1 AS changed")
    db.ensure_schema(con)
    assert rows(con, "SELECT * FROM session_summary") == [(1,)]
    after = dict(rows(con, "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"))
    assert {name for name in comments if after[name] != comments[name]} == {"session_summary"}


def test_session_summary(con) -> None:
    assert rows(con, "SELECT * FROM session_summary") == [
        ("regular", 58, "Third Committee", 1, 0, 0.0, 2.0, 34.0),
        ("regular", 59, "Second Committee", 1, 0, 0.0, 1.0, 12.0),
        ("regular", 59, "Sixth Committee", 1, 0, 0.0, 1.0, 5.0),
        ("regular", 59, "Third Committee", 2, 1, 0.5, 2.0, 22.0),
        ("regular", 60, "Plenary (no Main Committee)", 1, 1, 1.0, 6.0, 101.0),
        ("regular", 60, "Second Committee", 1, 0, 0.0, 1.0, 11.0),
        ("regular", 60, "Sixth Committee", 1, 0, 0.0, 1.0, 5.0),
        ("regular", 60, "Third Committee", 2, 1, 0.5, 1.5, 12.0),
        ("emergency_special", 11, "Plenary (no Main Committee)", 1, 1, 1.0, 1.0, 3.0),
    ]


def test_lead_phrases(con) -> None:
    assert rows(
        con,
        "SELECT session, committee, part, lead, paragraphs, resolutions FROM lead_phrases "
        "WHERE session IN (58, 59) AND committee = 'Third Committee'",
    ) == [
        (58, "Third Committee", "preamble", "Recalling", 1, 1),
        (58, "Third Committee", "operative", "Requests", 1, 1),
        (58, "Third Committee", "operative", "Welcomes", 1, 1),
        (59, "Third Committee", "preamble", "Recalling", 1, 1),
        (59, "Third Committee", "operative", "Condemns", 1, 1),
        (59, "Third Committee", "operative", "Decides", 1, 1),
        (59, "Third Committee", "operative", "Requests", 1, 1),
        (59, "Third Committee", "operative", "Welcomes", 1, 1),
    ]
    # the French version of 58/1 is not counted a second time
    assert rows(con, "SELECT count(*) FROM lead_phrases WHERE lead = 'Prie'") == [(0,)]


def test_citation_graph(con) -> None:
    assert rows(con, "SELECT * FROM citation_graph") == [
        ("A/RES/59/1", 59, "A/RES/48/113", "resolution", 1, False, 48, None),
        ("A/RES/59/1", 59, "A/RES/58/1", "resolution", 2, True, 58,
         "Cooperation between the United Nations and the Example Organization"),
        ("A/RES/60/30", 60, "A/RES/59/30", "resolution", 1, True, 59,
         "Situation of human rights in the Region of Example"),
        ("A/RES/60/5", 60, "A/58/281", "document", 1, False, None, None),
        ("A/RES/60/5", 60, "A/RES/1514 (XV)", "resolution", 1, False, 15, None),
        ("A/RES/60/5", 60, "A/RES/48/113", "resolution", 1, False, 48, None),
        ("A/RES/60/5", 60, "A/RES/59/1", "resolution", 1, True, 59,
         "Cooperation between the United Nations and the Example Organization"),
    ]  # fmt: skip


def test_most_cited(con) -> None:
    assert rows(con, "SELECT * FROM most_cited") == [
        ("A/RES/48/113", "resolution", 2, 2, 59, 60, False, 48, None),
        ("A/RES/58/1", "resolution", 2, 1, 59, 59, True, 58,
         "Cooperation between the United Nations and the Example Organization"),
        ("A/58/281", "document", 1, 1, 60, 60, False, None, None),
        ("A/RES/1514 (XV)", "resolution", 1, 1, 60, 60, False, 15, None),
        ("A/RES/59/1", "resolution", 1, 1, 60, 60, True, 59,
         "Cooperation between the United Nations and the Example Organization"),
        ("A/RES/59/30", "resolution", 1, 1, 60, 60, True, 59,
         "Situation of human rights in the Region of Example"),
    ]  # fmt: skip


def test_series(con) -> None:
    assert rows(
        con,
        "SELECT series_id, position, series_length, symbol, session, predecessor, link,"
        " similarity, successor, successor_session FROM series",
    ) == [
        ("A/RES/58/1", 1, 3, "A/RES/58/1", 58, None, None, None, "A/RES/59/1", 59),
        ("A/RES/58/1", 2, 3, "A/RES/59/1", 59, "A/RES/58/1", "title", 1.0, "A/RES/60/5", 60),
        ("A/RES/58/1", 3, 3, "A/RES/60/5", 60, "A/RES/59/1", "title", 1.0, None, None),
        ("A/RES/59/20", 1, 2, "A/RES/59/20", 59, None, None, None, "A/RES/60/20", 60),
        ("A/RES/59/20", 2, 2, "A/RES/60/20", 60, "A/RES/59/20", "title", 1.0, None, None),
        ("A/RES/59/30", 1, 2, "A/RES/59/30", 59, None, None, None, "A/RES/60/30", 60),
        ("A/RES/59/30", 2, 2, "A/RES/60/30", 60, "A/RES/59/30", "citation", 0.904, None, None),
        ("A/RES/59/40", 1, 2, "A/RES/59/40", 59, None, None, None, "A/RES/60/40", 60),
        ("A/RES/59/40", 2, 2, "A/RES/60/40", 60, "A/RES/59/40", "similar_title", 0.993, None, None),
    ]


def test_series_paragraph_diff(con) -> None:
    got = rows(
        con,
        "SELECT symbol, predecessor, part, seq, old_seq, new_seq, change, lead, old_text, new_text"
        " FROM series_paragraph_diff WHERE symbol IN ('A/RES/59/1', 'A/RES/60/5')",
    )
    assert got == [
        ("A/RES/59/1", "A/RES/58/1", "preamble", 1, 1, 1, "changed", "Recalling",
         RECALL.format("57/1", 2002), RECALL.format("58/1", 2003)),
        ("A/RES/59/1", "A/RES/58/1", "operative", 3, 3, 3, "changed", "Requests",
         REPORT_60, REPORT_61),
        ("A/RES/59/1", "A/RES/58/1", "operative", 4, None, 4, "added", "Decides", None, SEIZED),
        ("A/RES/60/5", "A/RES/59/1", "preamble", 1, 1, 1, "changed", "Recalling",
         RECALL.format("58/1", 2003), RECALL.format("59/1", 2004)),
        ("A/RES/60/5", "A/RES/59/1", "operative", 3, 3, None, "removed", "Requests",
         REPORT_61, None),
    ]  # fmt: skip
    assert rows(
        con,
        "SELECT symbol, predecessor, seq, change, lead, similarity, old_text, new_text"
        " FROM series_paragraph_diff WHERE symbol = 'A/RES/60/40'",
    ) == [
        ("A/RES/60/40", "A/RES/59/40", 1, "changed", "Noting", 0.941,
         "Noting also " + WORK, "Noting " + WORK),
    ]  # fmt: skip
    # identical paragraphs are left out: the other series have no rows
    assert rows(con, "SELECT DISTINCT symbol FROM series_paragraph_diff ORDER BY 1") == [
        ("A/RES/59/1",),
        ("A/RES/60/40",),
        ("A/RES/60/5",),
    ]


def test_mandates(con) -> None:
    assert rows(
        con,
        "SELECT symbol, seq, lead, addressee, to_secretary_general, report_requested, due_session"
        " FROM mandates",
    ) == [
        ("A/RES/58/1", 3, "Requests", "the Secretary-General", True, True, 60),
        ("A/RES/59/1", 3, "Requests", "the Secretary-General", True, True, 61),
        ("A/RES/60/100", 3, "Invites", "Member States", False, False, 101),
        ("A/RES/60/100", 4, "Calls upon", "all States", False, False, None),
        ("A/RES/60/100", 5, "Also requests", "the Special Committee", False, True, 79),
        # 'its fifty-fifth session' is in the past: the due session is the hundredth
        ("A/RES/60/100", 6, "Requests", "the Secretary-General", True, True, 100),
        ("A/RES/60/100", 7, "Further requests", "the Secretary-General", True, False, None),
    ]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("at its sixtieth session", 60),
        ("at its eightieth session", 80),
        ("at its seventy-ninth session", 79),
        ("at its resumed seventy-eighth session", 78),
        ("at its one hundredth session", 100),
        ("at its one hundred and twenty-first session", 121),
        ("at their eighty-first and sixty-second sessions, respectively", 81),
        ("at its next session", None),
    ],
)
def test_mandate_due_session_words(tmp_path: Path, phrase: str, expected: int | None) -> None:
    con = db.connect(tmp_path / "w.duckdb")
    db.ensure_schema(con)
    text = f"Requests the Secretary-General to report to the General Assembly {phrase};"
    add_resolution(con, "A/RES/20/1", "T", None, [("operative", "Requests", text)])
    assert rows(con, "SELECT due_session FROM mandates") == [(expected,)]


def test_member_state_voting(con) -> None:
    assert rows(
        con,
        "SELECT member_state, session, recorded_votes, yes, no, abstain, non_voting,"
        " with_majority, votes_with_a_majority, agreement FROM member_state_voting",
    ) == [
        ("ALPHA", 59, 1, 1, 0, 0, 0, 1, 1, 1.0),
        ("BETA", 59, 1, 1, 0, 0, 0, 1, 1, 1.0),
        ("DELTA", 59, 1, 0, 0, 1, 0, 0, 1, 0.0),  # abstained: not with the majority
        ("GAMMA", 59, 1, 0, 1, 0, 0, 0, 1, 0.0),  # in the minority
        # 60/100 is a 1-1 tie: it has no majority and counts for no one's agreement
        ("ALPHA", 60, 2, 1, 1, 0, 0, 1, 1, 1.0),
        ("BETA", 60, 2, 1, 1, 0, 0, 0, 1, 0.0),
        ("DELTA", 60, 2, 0, 1, 1, 0, 1, 1, 1.0),  # 'DÉLTA' on 60/5: the same State
        ("GAMMA", 60, 2, 0, 1, 0, 1, 1, 1, 1.0),
    ]


@pytest.mark.corpus
def test_views_on_a_few_real_akn_resolutions(tmp_path: Path) -> None:
    """The 'Question of Guam' series (75/113 -> 76/96 -> 77/140 -> 78/92) parsed from the real
    AKN files: the series view links them and each successor differs from its predecessor."""
    from transforms.akn import parse_akn_xml
    from warehouse.rows import ParsedDocument, resolution_tables

    akn = corpus_dir("akn")
    files = [akn / "75" / "75_113_E.xml", akn / "76" / "A_RES_76_96-2118699E.xml",
             akn / "77" / "A_RES_77_140-2228514E.xml", akn / "78" / "A_RES_78_92-2324965E.xml"]  # fmt: skip
    if not all(f.is_file() for f in files):
        pytest.skip("the Guam resolutions are not in this corpus")
    documents = [
        ParsedDocument(r, f.as_uri(), f"sha-{f.stem}", "test", LOADED)
        for f in files
        for r in parse_akn_xml(f.read_bytes())
    ]
    con = db.connect(tmp_path / "w.duckdb")
    db.ensure_schema(con)
    for table, data in resolution_tables(documents).items():
        con.register("staged", data)
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM staged")
        con.unregister("staged")
    assert rows(con, "SELECT symbol, predecessor, link FROM series") == [
        ("A/RES/75/113", None, None),
        ("A/RES/76/96", "A/RES/75/113", "title"),
        ("A/RES/77/140", "A/RES/76/96", "title"),
        ("A/RES/78/92", "A/RES/77/140", "title"),
    ]
    changed = rows(con, "SELECT DISTINCT symbol FROM series_paragraph_diff ORDER BY 1")
    assert changed == [("A/RES/76/96",), ("A/RES/77/140",), ("A/RES/78/92",)]
    # every year the Special Committee is asked to keep the question under review
    assert rows(
        con,
        "SELECT count(DISTINCT symbol) FROM mandates WHERE addressee = 'the Special Committee'",
    ) == [(4,)]
    assert rows(con, "SELECT sum(resolutions) FROM session_summary") == [(4,)]
