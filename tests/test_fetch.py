"""fetch_sources against a real HTTP server on 127.0.0.1: layouts, conditional re-runs, faults.

Every body served here is hand-written below; the corpus test reads ../shared in place.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import json
import multiprocessing
import sys
import tarfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from flows.fetch import (
    FetchSettings,
    _newly_landed_in_source_order,
    fetch_sources,
    retry_after_seconds,
    symbol_file_name,
    unsafe_path_reason,
    wanted_folder,
)
from flows.sources import (
    LANDED_DIR_NAME,
    LOCAL_STATS_NAME,
    MANIFEST_NAME,
    LandedDocument,
    latest_records_by_url,
    read_local_stats,
)
from tests.support.http_fixture import (
    AutoIndex,
    FixtureServer,
    Reply,
    Request,
    UNxmlRepo,
    conditional_reply,
    git_blob_sha,
)

# Short waits, but a read timeout a loaded 2-core machine does not reach by accident (at 0.3 s,
# a reply delayed by other work was retried once and a test counted one download too many).
FAST = FetchSettings(
    connect_timeout=2.0,
    read_timeout=1.0,
    retries=2,
    backoff_base=0.01,
    backoff_max=0.05,
    retry_after_cap=0.2,
    concurrency=4,
)


def akn(symbol: str, title: str = "Test resolution") -> bytes:
    """A tiny AKN-like document, written for these tests."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
        f'<doc name="resolution"><meta><identification source="#test"><FRBRWork>'
        f'<FRBRthis value="{symbol}"/></FRBRWork></identification></meta>'
        f"<preface><p>{symbol}</p><p>{title}</p></preface></doc></akomaNtoso>\n"
    ).encode()


def pdf(symbol: str) -> bytes:
    return f"%PDF-1.4\n% hand-written test body for {symbol}\n%%EOF\n".encode()


def manifest_lines(raw: Path) -> list[dict]:
    path = raw / LANDED_DIR_NAME / MANIFEST_NAME
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def reasons(problems) -> dict[str, str]:
    return {p.source_uri: p.error for p in problems}


@pytest.fixture
def server():
    with FixtureServer() as running:
        yield running


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    return tmp_path / "data" / "raw"


@pytest.fixture
def repo(server: FixtureServer) -> UNxmlRepo:
    repo = UNxmlRepo(server)
    for session in (75, 76):
        for n in (1, 2, 3):
            repo.put(f"{session}session/English/{session}_{n}_E.xml", akn(f"A/RES/{session}/{n}"))
    repo.put("75session/French/75_1_F.xml", akn("A/RES/75/1", "Résolution"))
    repo.put("README.md", b"# hand-written fixture repository\n")
    return repo


# --- GitHub contents API (UNxml layout) --------------------------------------------------


def test_github_listing_lands_the_selected_sessions_with_manifest_records(server, repo, raw):
    landed, problems = fetch_sources([repo.root_url], raw, sessions={75}, settings=FAST)

    assert problems == []
    assert [Path(d.source_uri).name for d in landed] == ["75_1_E.xml", "75_2_E.xml", "75_3_E.xml"]
    records = latest_records_by_url(raw)
    for document in landed:
        body = Path(document.landed_path).read_bytes()
        assert body == repo.files[document.source_uri.split("/main/")[1]]
        assert Path(document.landed_path).parent.parent == raw / LANDED_DIR_NAME
        assert document.newly_landed
        record = records[document.source_uri]
        assert record["sha256"] == document.sha256 and record["size"] == len(body)
        assert record["http_status"] == 200 and record["kind"] == "document"
        assert record["etag"] and record["last_modified"] and record["fetched_at"]
        assert record["git_sha"] == git_blob_sha(body)
    requested = {r.path for r in server.requests()}
    assert not any("76session" in p or "French" in p for p in requested)  # not descended


def test_second_github_fetch_requests_no_document_and_downloads_no_body(server, repo, raw):
    first, _ = fetch_sources([repo.root_url], raw, sessions={75, 76}, settings=FAST)
    lines = len(manifest_lines(raw))
    server.clear_log()

    second, problems = fetch_sources([repo.root_url], raw, sessions={75, 76}, settings=FAST)

    assert problems == [] and len(second) == 6
    assert [(d.source_uri, d.sha256) for d in second] == [(d.source_uri, d.sha256) for d in first]
    assert not any(d.newly_landed for d in second)
    assert server.requests(UNxmlRepo.RAW) == []  # the git sha vouches for every file
    listings = server.requests()
    assert listings and all(r.conditional and r.status == 304 for r in listings)
    assert sum(r.body_bytes for r in listings) == 0
    assert len(manifest_lines(raw)) == lines  # nothing new to record


def test_after_one_upstream_change_only_that_file_is_downloaded(server, repo, raw):
    fetch_sources([repo.root_url], raw, sessions={75}, settings=FAST)
    repo.put("75session/English/75_2_E.xml", akn("A/RES/75/2", "Revised title"))
    server.clear_log()

    landed, problems = fetch_sources([repo.root_url], raw, sessions={75}, settings=FAST)

    downloads = server.requests(UNxmlRepo.RAW)
    assert [(r.path, r.status) for r in downloads] == [
        (f"{UNxmlRepo.RAW}/75session/English/75_2_E.xml", 200)
    ]
    assert problems == []
    assert [Path(d.source_uri).name for d in landed if d.newly_landed] == ["75_2_E.xml"]


def test_missing_landed_copies_are_downloaded_again(server, repo, raw):
    fetch_sources([repo.root_url], raw, sessions={75}, settings=FAST)
    for copy in (raw / LANDED_DIR_NAME).glob("*/*.xml"):
        copy.unlink()
    server.clear_log()

    landed, problems = fetch_sources([repo.root_url], raw, sessions={75}, settings=FAST)

    assert problems == [] and all(Path(d.landed_path).is_file() for d in landed)
    assert [r.status for r in server.requests(UNxmlRepo.RAW)] == [200, 200, 200]
    assert not any(r.conditional for r in server.requests(UNxmlRepo.RAW))


def test_unsafe_listing_entries_are_rejected_and_never_requested(server, repo, raw):
    folder = "75session/English"
    repo.extra_entries[folder] = [
        {"name": "../../etc/passwd", "type": "file", "sha": "0" * 40, "size": 5,
         "download_url": server.url("/etc/passwd")},
        {"name": "/abs.xml", "type": "file", "sha": "1" * 40, "size": 5,
         "download_url": server.url("/abs.xml")},
        {"name": "link.xml", "type": "symlink", "sha": "2" * 40, "size": 5, "download_url": None},
        {"name": "nourl.xml", "type": "file", "sha": "3" * 40, "size": 5, "download_url": None},
    ]  # fmt: skip

    landed, problems = fetch_sources([repo.root_url], raw, sessions={75}, settings=FAST)

    errors = reasons(problems)
    assert len(landed) == 3 and len(problems) == 4
    assert (
        "climbs out of its folder with '..'" in errors[f"{repo.root_url}/{folder}/../../etc/passwd"]
    )
    assert any("is an absolute path" in e for e in errors.values())
    assert any("symlink entry (never followed)" in e for e in errors.values())
    assert any("no download_url" in e for e in errors.values())
    assert not any(r.path in ("/etc/passwd", "/abs.xml") for r in server.requests())
    assert sorted(p.name for p in raw.iterdir()) == [LANDED_DIR_NAME]


# --- HTML directory index ----------------------------------------------------------------


@pytest.mark.parametrize("etags", [True, False], ids=["etag", "last-modified-only"])
def test_html_index_is_walked_and_rerun_with_conditional_requests(tmp_path, etags):
    raw = tmp_path / "raw"
    with FixtureServer(etags=etags) as server:
        index = AutoIndex(server, "/akn")
        for path in ("75/75_1_E.xml", "75/75_2_E.xml", "76session/76_1_E.xml", "77/77_1_E.xml"):
            index.put(path, akn(path))
        index.put("metadata/75.jsonl", b"{}\n", "application/json")
        index.put("notes.md", b"# notes\n", "text/markdown")

        first, problems = fetch_sources([index.root_url], raw, sessions={75, 76}, settings=FAST)
        assert problems == []
        assert [d.source_uri.removeprefix(index.root_url) for d in first] == [
            "75/75_1_E.xml", "75/75_2_E.xml", "76session/76_1_E.xml",
        ]  # fmt: skip
        assert not any("/77/" in r.path or r.path.endswith(".md") for r in server.requests())

        server.clear_log()
        second, problems = fetch_sources([index.root_url], raw, sessions={75, 76}, settings=FAST)
        header = "if-none-match" if etags else "if-modified-since"
        assert problems == [] and not any(d.newly_landed for d in second)
        documents = [r for r in server.requests() if r.path.endswith(".xml")]
        assert len(documents) == 3  # indexes carry no validators, so they are read again
        assert all(header in r.headers and r.status == 304 for r in documents)
        assert sum(r.body_bytes for r in documents) == 0

        index.put("75/75_2_E.xml", akn("A/RES/75/2", "Changed upstream"))
        server.clear_log()
        third, _ = fetch_sources([index.root_url], raw, sessions={75, 76}, settings=FAST)
        downloads = [
            r.path for r in server.requests() if r.path.endswith(".xml") and r.status == 200
        ]
        assert downloads == ["/akn/75/75_2_E.xml"]
        assert [Path(d.source_uri).name for d in third if d.newly_landed] == ["75_2_E.xml"]


def test_html_index_links_that_escape_are_rejected_and_never_requested(server, raw):
    index = AutoIndex(server, "/pub/akn")
    index.put("75/75_1_E.xml", akn("A/RES/75/1"))
    index.extra_links["75/"] = [
        "../../etc/passwd",
        "..%2F..%2Fsecret.xml",
        "http://elsewhere.invalid/x.xml",
        "/pub/other/y.xml",
        "/pub/ak",
    ]

    landed, problems = fetch_sources([index.root_url], raw, settings=FAST)

    assert [Path(d.source_uri).name for d in landed] == ["75_1_E.xml"]
    errors = list(reasons(problems).values())
    assert len(errors) == 5
    assert sum("leads outside the listed folder" in e for e in errors) == 4
    assert any("climbs out of its folder with '..'" in e for e in errors)
    assert {r.path for r in server.requests()} == {
        "/pub/akn/",
        "/pub/akn/75/",
        "/pub/akn/75/75_1_E.xml",
    }


# --- single documents and symbols --------------------------------------------------------


def test_document_urls_land_with_their_suffix(server, raw):
    server.put("/docs/A_RES_75_1.xml", akn("A/RES/75/1"), "application/xml")
    server.put("/docs/by-id/42", pdf("A/RES/73/3"), "application/pdf")

    landed, problems = fetch_sources(
        [server.url("/docs/A_RES_75_1.xml"), server.url("/docs/by-id/42")], raw, settings=FAST
    )

    assert problems == []
    assert [Path(d.landed_path).suffix for d in landed] == [".xml", ".pdf"]
    assert landed[0].source_uri == server.url("/docs/A_RES_75_1.xml")


def symbol_api(server: FixtureServer, documents: dict[str, bytes]) -> None:
    """The ODS pattern: /api/symbol/access?s=…&l=en&t=pdf redirects to the file."""

    def access(request: Request) -> Reply:
        symbol = request.query.get("s", "")
        if symbol not in documents or request.query.get("t") != "pdf":
            return Reply(404, b"<html>No document</html>", "text/html")
        return Reply(302, headers={"Location": f"/files/{symbol.replace('/', '_')}.pdf"})

    def files(request: Request) -> Reply:
        symbol = request.path.removeprefix("/files/").removesuffix(".pdf").replace("_", "/")
        return conditional_reply(request, documents[symbol], "application/pdf", 1)

    server.prefix("/api/symbol/access", access)
    server.prefix("/files/", files)


def test_symbols_are_fetched_through_the_symbol_api(server, tmp_path, raw):
    documents = {s: pdf(s) for s in ("A/RES/73/3", "A/RES/73/6", "A/RES/73/7")}
    symbol_api(server, documents)
    symbols_file = tmp_path / "symbols.txt"
    symbols_file.write_text("# wanted\nA/RES/73/7\nA/RES/73/3  # again\n", encoding="utf-8")
    settings = replace(FAST, symbol_api_url=server.url("/api/symbol/access"))

    landed, problems = fetch_sources(
        [
            "symbols:A/RES/73/3, A/RES/73/6,A/RES/73/99",
            f"symbols-file:{symbols_file}",
            "symbols:A/RES/<bad>",
        ],
        raw,
        settings=settings,
    )

    assert [Path(d.landed_path).read_bytes() for d in landed] == [
        documents["A/RES/73/3"], documents["A/RES/73/6"], documents["A/RES/73/7"]
    ]  # fmt: skip
    assert all(d.landed_path.endswith(".pdf") for d in landed)
    assert landed[0].source_uri == server.url("/api/symbol/access?s=A/RES/73/3&l=en&t=pdf")
    records = latest_records_by_url(raw)
    assert records[landed[0].source_uri]["name"] == "A_RES_73_3.pdf"
    assert sorted(reasons(problems).values()) == [
        "not a document symbol",
        "not found (HTTP 404 Not Found)",
    ]
    asked = [r.query["s"] for r in server.requests("/api/symbol/access")]
    assert sorted(asked) == ["A/RES/73/3", "A/RES/73/6", "A/RES/73/7", "A/RES/73/99"]  # once each


# --- fault injection ---------------------------------------------------------------------

BODY = akn("A/RES/75/9")

FAULTS = {
    # name: (replies before the normal answer, expected error or None, requests, settings)
    "429 with Retry-After, then ok": ([Reply(429, headers={"Retry-After": "1"})], None, 2, {}),
    "429 with an HTTP-date Retry-After": (
        [Reply(429, headers={"Retry-After": email.utils.formatdate(time.time() + 3600, usegmt=True)})],
        None, 2, {},
    ),
    "500, 503, then ok": ([Reply(500), Reply(503)], None, 3, {}),
    "503 for ever": ([Reply(503)] * 3, "HTTP 503 Service Unavailable (gave up after 3 attempts)", 3, {}),
    "slow once, then ok": ([Reply(200, BODY, "text/xml", delay=2.5)], None, 2, {}),
    "slow for ever": ([Reply(200, BODY, "text/xml", delay=2.5)] * 3, "timed out (ReadTimeout) (gave up after 3 attempts)", 3, {}),
    "truncated once, then ok": ([Reply(200, BODY, "text/xml", cut_at=40)], None, 2, {}),
    "truncated for ever": (
        [Reply(200, BODY, "text/xml", cut_at=40)] * 3,
        f"truncated body: received 40 of {len(BODY)} bytes (Content-Length) (gave up after 3 attempts)", 3, {},
    ),
    "html where xml is expected": (
        [Reply(200, b"<html><body>Sign in</body></html>", "text/html")],
        "not a document: the server sent text/html (expected XML, PDF or text)", 1, {},
    ),
    "404": ([Reply(404, b"gone", "text/plain")], "not found (HTTP 404 Not Found)", 1, {}),
    "500 then 404": ([Reply(500), Reply(404)], "not found (HTTP 404 Not Found)", 2, {}),
    "403 is not retried": ([Reply(403)], "HTTP 403 Forbidden", 1, {}),
    "GitHub rate limit": (
        [Reply(403, headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1700000000"})],
        "GitHub API rate limit exceeded (HTTP 403 Forbidden; resets at 2023-11-14T22:13:20+00:00)", 1, {},
    ),
    "redirect to ftp": ([Reply(302, headers={"Location": "ftp://example.invalid/x.xml"})], "invalid URL", 1, {}),
    "larger than max_bytes (announced)": ([], "larger than the limit of 100 bytes", 1, {"max_bytes": 100}),
}  # fmt: skip


@pytest.mark.parametrize("name", list(FAULTS))
def test_every_fault_ends_in_success_after_retries_or_a_clear_reject(server, raw, name):
    replies, error, requests, changes = FAULTS[name]
    server.put("/doc/75_9_E.xml", BODY, "text/xml")
    server.inject("/doc/75_9_E.xml", *replies)
    url = server.url("/doc/75_9_E.xml")

    started = time.monotonic()
    landed, problems = fetch_sources([url], raw, settings=replace(FAST, **changes))

    assert len(server.requests("/doc/")) == requests
    if error is None:
        assert problems == [] and Path(landed[0].landed_path).read_bytes() == BODY
    else:
        assert landed == [] and len(problems) == 1 and problems[0].source_uri == url
        assert problems[0].error.startswith(error)
    if "Retry-After" in name:
        assert time.monotonic() - started >= FAST.retry_after_cap  # waited, capped


def test_a_body_beyond_max_bytes_without_content_length_is_cut_off(server, raw):
    big = b"<x>" + b"a" * 50_000 + b"</x>"
    server.put("/big.xml", big, "text/xml")
    server.inject("/big.xml", Reply(200, big, "text/xml", chunked=True))

    _, problems = fetch_sources(
        [server.url("/big.xml")], raw, settings=replace(FAST, max_bytes=1000)
    )

    assert problems[0].error == "body exceeds the limit of 1,000 bytes"


def test_unreachable_hosts_and_bad_sources_are_problems_not_exceptions(server, raw, tmp_path):
    server.put("/ok.xml", BODY, "text/xml")
    sources = [
        "http://127.0.0.1:9/unreachable.xml",  # discard port: connection refused
        server.url("/no-such-listing/"),
        str(tmp_path / "missing-folder"),
        f"symbols-file:{tmp_path / 'missing.txt'}",
        server.url("/ok.xml"),
    ]

    landed, problems = fetch_sources(sources, raw, settings=FAST)

    assert [Path(d.source_uri).name for d in landed] == ["ok.xml"]
    errors = reasons(problems)
    assert errors["http://127.0.0.1:9/unreachable.xml"].startswith("connection failed")
    assert errors[server.url("/no-such-listing/")].startswith("not found")
    assert errors[str(tmp_path / "missing-folder")] == "no such file or folder"
    assert errors[f"symbols-file:{tmp_path / 'missing.txt'}"].startswith(
        "cannot read the symbols file"
    )


def test_a_redirect_loop_is_a_problem(server, raw):
    server.prefix("/loop/", lambda request: Reply(302, headers={"Location": request.path + "x"}))
    _, problems = fetch_sources([server.url("/loop/a.xml")], raw, settings=FAST)
    assert [p.error for p in problems] == ["too many redirects"]


def test_concurrency_is_bounded(server, raw):
    index = AutoIndex(server, "/many")
    for n in range(20):
        index.put(f"75/75_{n}_E.xml", akn(f"A/RES/75/{n}"))
        server.inject(
            f"/many/75/75_{n}_E.xml", Reply(200, akn(f"A/RES/75/{n}"), "text/xml", delay=0.05)
        )

    landed, problems = fetch_sources([index.root_url], raw, settings=replace(FAST, concurrency=3))

    assert len(landed) == 20 and problems == []
    assert server.max_in_flight == 3


def test_progress_bar_draws_on_a_terminal_and_stays_silent_otherwise(
    server, raw, monkeypatch, capsys
):
    server.put("/p.xml", BODY, "text/xml")
    fetch_sources([server.url("/p.xml")], raw, settings=FAST, progress=True)
    assert capsys.readouterr().err == ""  # not a terminal under pytest

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    server.put("/q.xml", akn("A/RES/75/10"), "text/xml")
    landed, _ = fetch_sources([server.url("/q.xml")], raw, settings=FAST, progress=True)
    assert len(landed) == 1


# --- local files, folders and archives ---------------------------------------------------


def test_local_files_and_folders_land_as_before(tmp_path, raw):
    folder = tmp_path / "src"
    (folder / "_private").mkdir(parents=True)
    (folder / "a.xml").write_bytes(akn("A/RES/75/1"))
    (folder / "b.txt").write_text("United Nations A/RES/58/154\n", encoding="utf-8")
    (folder / "_private" / "c.xml").write_bytes(akn("A/RES/75/3"))
    single = tmp_path / "single.xml"
    single.write_bytes(akn("A/RES/75/2"))

    landed, problems = fetch_sources([str(folder), str(single)], raw)

    assert problems == []
    assert [d.source_uri for d in landed] == [
        str((folder / "a.xml").resolve()), str((folder / "b.txt").resolve()), str(single.resolve())
    ]  # fmt: skip
    assert [r["source_uri"] for r in manifest_lines(raw)] == [d.source_uri for d in landed]
    again, _ = fetch_sources([str(folder), str(single)], raw)
    assert not any(d.newly_landed for d in again) and len(manifest_lines(raw)) == 3


def test_local_stats_are_rewritten_only_when_a_file_was_landed(tmp_path, raw):
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.xml").write_bytes(akn("A/RES/75/1"))
    (folder / "b.xml").write_bytes(akn("A/RES/75/2"))
    fetch_sources([str(folder)], raw)
    stats_file = raw / LANDED_DIR_NAME / LOCAL_STATS_NAME
    written = stats_file.stat()

    fetch_sources([str(folder)], raw)  # nothing changed: the file is not written again
    unchanged = stats_file.stat()
    assert (unchanged.st_ino, unchanged.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)

    (folder / "b.xml").write_bytes(akn("A/RES/75/2", title="Edited"))
    again, _ = fetch_sources([str(folder)], raw)
    assert [d.newly_landed for d in again] == [False, True]
    stats = read_local_stats(raw)
    assert stats[str((folder / "b.xml").resolve())][2] == again[1].sha256
    assert stats[str((folder / "a.xml").resolve())][2] == again[0].sha256


def test_a_process_pool_lands_a_folder_as_one_process_does(tmp_path, raw, monkeypatch):
    monkeypatch.setattr("flows.fetch.LANDING_CHUNK", 2)  # 7 files: 4 chunks on the pool
    folder = tmp_path / "src"
    folder.mkdir()
    for n in range(7):
        (folder / f"{n}.xml").write_bytes(akn(f"A/RES/75/{n % 5}"))  # 5 and 6 repeat 0 and 1
    (folder / "3.xml").unlink()
    (folder / "3.xml").symlink_to(folder / "gone.xml")  # cannot be read
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        pooled, pooled_problems = fetch_sources([str(folder)], raw, landing_pool=pool)
    alone, alone_problems = fetch_sources([str(folder)], tmp_path / "alone" / "raw")

    assert [p.error for p in pooled_problems] == ["cannot read the file: No such file or directory"]
    assert pooled_problems == alone_problems
    assert [d.source_uri for d in pooled] == [d.source_uri for d in alone]  # source order
    assert [d.sha256 for d in pooled] == [d.sha256 for d in alone]
    assert [d.newly_landed for d in pooled] == [d.newly_landed for d in alone]
    assert all(Path(d.landed_path).is_file() for d in pooled)
    again, _ = fetch_sources([str(folder)], raw)  # recognised by size and mtime, not read
    assert [d.sha256 for d in again] == [d.sha256 for d in pooled]
    assert not any(d.newly_landed for d in again)


@pytest.mark.parametrize(
    ("found_new", "credited"),
    [
        ([True, False, False], [True, False, False]),  # as one process would have it
        ([False, True, False], [True, False, False]),  # a later chunk wrote the bytes first
        ([False, False, True], [True, False, False]),
        ([False, False, False], [False, False, False]),  # landed by an earlier run
    ],
)
def test_the_first_file_in_source_order_is_credited_with_new_bytes(found_new, credited):
    outcomes = [
        (LandedDocument(f"/src/{n}.xml", "ab" * 32, "/raw/x.xml", 10, new), [n])
        for n, new in enumerate(found_new)
    ]
    outcomes.insert(1, ("cannot read the file: Permission denied", []))
    ordered = _newly_landed_in_source_order(outcomes)
    assert [d.newly_landed for d, _ in ordered if isinstance(d, LandedDocument)] == credited
    assert [entry for _, entry in ordered] == [[0], [], [1], [2]]  # order and entries kept


def make_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("75/75_1_E.xml", akn("A/RES/75/1"))
        archive.writestr("notes.md", "not a document")
        archive.writestr("__MACOSX/75/._75_1_E.xml", "resource fork")
        archive.writestr("../evil.txt", "zip slip")
        archive.writestr("/abs/evil.xml", "absolute")
        link = zipfile.ZipInfo("75/link.xml")
        link.external_attr = 0o120777 << 16  # a symlink member
        archive.writestr(link, "/etc/passwd")
    return path


def make_tar(path: Path) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in [
            ("76/76_1_E.xml", akn("A/RES/76/1")),
            ("../up.xml", b"up"),
            ("/abs.xml", b"abs"),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        symlink = tarfile.TarInfo("76/evil-link.xml")
        symlink.type, symlink.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(symlink)
        hardlink = tarfile.TarInfo("76/hard.xml")
        hardlink.type, hardlink.linkname = tarfile.LNKTYPE, "../../etc/shadow"
        archive.addfile(hardlink)
    return path


def test_archives_land_document_members_and_reject_escaping_ones(tmp_path, raw):
    zipped = make_zip(tmp_path / "batch.zip")
    tarred = make_tar(tmp_path / "batch.tar.gz")

    landed, problems = fetch_sources([str(zipped), str(tarred)], raw)

    assert [d.source_uri for d in landed] == [
        f"{zipped.resolve()}!75/75_1_E.xml", f"{tarred.resolve()}!76/76_1_E.xml"
    ]  # fmt: skip
    assert Path(landed[0].landed_path).read_bytes() == akn("A/RES/75/1")
    errors = reasons(problems)
    assert (
        errors[f"{zipped.resolve()}!../evil.txt"]
        == "archive member rejected: '../evil.txt' climbs out of its folder with '..'"
    )
    assert (
        errors[f"{zipped.resolve()}!/abs/evil.xml"]
        == "archive member rejected: '/abs/evil.xml' is an absolute path"
    )
    assert "symbolic link" in errors[f"{zipped.resolve()}!75/link.xml"]
    assert errors[f"{tarred.resolve()}!../up.xml"].endswith("climbs out of its folder with '..'")
    assert errors[f"{tarred.resolve()}!/abs.xml"].endswith("is an absolute path")
    assert "symbolic link to '/etc/passwd'" in errors[f"{tarred.resolve()}!76/evil-link.xml"]
    assert "hard link to '../../etc/shadow'" in errors[f"{tarred.resolve()}!76/hard.xml"]
    assert len(problems) == 7
    written = [p.name for p in tmp_path.rglob("*") if p.is_file()]
    assert not any("evil" in n or n in ("up.xml", "abs.xml", "hard.xml") for n in written)


def test_a_corrupt_archive_is_a_problem(tmp_path, raw):
    broken = tmp_path / "broken.tgz"
    broken.write_bytes(b"\x1f\x8b\x08 not really gzip")
    landed, problems = fetch_sources([str(broken)], raw)
    assert landed == [] and problems[0].error.startswith("cannot read the archive")


# --- small pure helpers ------------------------------------------------------------------


def test_retry_after_reads_seconds_and_http_dates_and_is_capped():
    now = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("3", cap=10) == 3
    assert retry_after_seconds("3600", cap=10) == 10
    assert retry_after_seconds("Wed, 01 May 2024 12:00:30 GMT", cap=60, now=now) == 30
    assert retry_after_seconds("Wed, 01 May 2024 11:00:00 GMT", cap=60, now=now) == 0
    assert retry_after_seconds("soon", cap=60) is None
    assert retry_after_seconds(None, cap=60) is None


@pytest.mark.parametrize(
    ("name", "nested", "safe"),
    [
        ("75_1_E.xml", False, True),
        ("75/75_1_E.xml", True, True),
        ("75/75_1_E.xml", False, False),
        ("../../etc/passwd", False, False),
        ("a/../../b.xml", True, False),
        ("..\\evil.xml", True, False),
        ("/etc/passwd", True, False),
        ("C:\\evil.xml", True, False),
        ("bad\x00name.xml", True, False),
        ("", True, False),
        ("..", False, False),
        ("a..b.xml", False, True),
    ],
)
def test_unsafe_names(name, nested, safe):
    assert (unsafe_path_reason(name, nested=nested) is None) is safe


def test_symbols_become_safe_file_names():
    assert symbol_file_name("A/RES/73/3", FAST) == "A_RES_73_3.pdf"
    assert symbol_file_name("A/RES/75/290 A", FAST) == "A_RES_75_290_A.pdf"
    assert symbol_file_name("../../x", FAST) == "x.pdf"
    assert symbol_file_name("A/RES/73/3", replace(FAST, symbol_format="doc")) == "A_RES_73_3.doc"


@pytest.mark.parametrize(
    ("name", "wanted"),
    [("75session", True), ("79session", False), ("75", True), ("session76", True), ("80", False),
     ("English", True), ("French", False), ("metadata", True), ("_drafts", False), (".git", False)],
)  # fmt: skip
def test_folder_selection(name, wanted):
    assert wanted_folder(name, {75, 76, 77, 78}, ("English",)) is wanted


# --- the real corpus, served from 127.0.0.1 ----------------------------------------------


def serve_corpus(repo: UNxmlRepo) -> tuple[int, int]:
    from tests.conftest import corpus_dir

    root = corpus_dir("akn")
    files = sorted(p for p in root.glob("[0-9]*/*.xml"))
    for path in files:
        repo.put(f"{path.parent.name}session/English/{path.name}", path)  # read in place
    return len(files), sum(p.stat().st_size for p in files)


@pytest.mark.corpus
def test_corpus_is_fetched_from_a_local_unxml_mirror_and_refetched_for_free(server, raw, capsys):
    repo = UNxmlRepo(server)
    count, size = serve_corpus(repo)
    assert count == 1324

    started = time.perf_counter()
    landed, problems = fetch_sources([repo.root_url], raw, sessions={75, 76, 77, 78})
    seconds = time.perf_counter() - started

    assert problems == [] and len(landed) == count
    assert all(Path(d.landed_path).is_file() for d in landed)
    assert sum(d.size for d in landed) == size
    server.clear_log()
    again_started = time.perf_counter()
    again, problems = fetch_sources([repo.root_url], raw, sessions={75, 76, 77, 78})
    again_seconds = time.perf_counter() - again_started
    assert problems == [] and len(again) == count and not any(d.newly_landed for d in again)
    assert server.requests(UNxmlRepo.RAW) == []
    assert sum(r.body_bytes for r in server.requests()) == 0
    with capsys.disabled():
        print(
            f"\n[corpus via GitHub layout] {count} documents, {size / 1e6:.1f} MB in {seconds:.2f} s: "
            f"{count / seconds:.0f} documents/s, {size / 1e6 / seconds:.1f} MB/s; "
            f"re-fetch {again_seconds:.2f} s with {len(server.requests())} conditional listing requests"
        )


@pytest.mark.corpus
def test_corpus_over_an_html_index_is_refetched_with_conditional_requests_only(server, raw, capsys):
    from tests.conftest import corpus_dir

    root = corpus_dir("akn")
    index = AutoIndex(server, "/akn")
    files = sorted(root.glob("[0-9]*/*.xml"))
    for path in files:
        index.put(f"{path.parent.name}/{path.name}", path)

    started = time.perf_counter()
    landed, problems = fetch_sources([index.root_url], raw)
    seconds = time.perf_counter() - started
    assert problems == [] and len(landed) == len(files) == 1324

    server.clear_log()
    again_started = time.perf_counter()
    again, problems = fetch_sources([index.root_url], raw)
    again_seconds = time.perf_counter() - again_started
    assert problems == [] and not any(d.newly_landed for d in again)
    documents = [r for r in server.requests() if r.path.endswith(".xml")]
    assert len(documents) == 1324
    assert all(r.conditional and r.status == 304 for r in documents)
    assert sum(r.body_bytes for r in documents) == 0
    size = sum(d.size for d in landed)
    with capsys.disabled():
        print(
            f"\n[corpus via HTML index] {len(files)} documents, {size / 1e6:.1f} MB in {seconds:.2f} s: "
            f"{len(files) / seconds:.0f} documents/s, {size / 1e6 / seconds:.1f} MB/s; "
            f"re-fetch {again_seconds:.2f} s, {len(documents)} conditional requests, all 304"
        )
