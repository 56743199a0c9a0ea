"""Fetching documents from where they are published and landing them (local, archive, HTTP).

Source strings (`unga run --source SRC`, repeatable):

- `PATH` — a document file, or a folder (its `.xml/.txt/.pdf/.akn` files, names starting with
  `_` or `.` skipped), exactly as `discover_local` does;
- `PATH.zip`, `PATH.tar.gz`, `PATH.tgz`, `PATH.tar` — the archive's document members, read in
  memory (never extracted); their source_uri is `/abs/archive.zip!member/path.xml`;
- `http(s)://…` — a document, or a listing: GitHub contents API JSON (as for UNxml/GAresolutions)
  or an HTML directory index (`python -m http.server`, nginx autoindex). A URL whose path ends in
  a document suffix is always a document; any other URL is classified by its content type;
- `symbols:A/RES/73/3,A/RES/73/6` — documents by symbol through the ODS symbol API
  (`FetchSettings.symbol_api_url`, `?s=<symbol>&l=<language>&t=<format>`);
- `symbols-file:PATH` — the same, one or more symbols a line (commas allowed, `#` comments).

`sessions` only selects which listing sub-folders are descended into (`75`, `75session`,
`session75`); the parse stage still filters resolutions by session.

Every remote fetch is recorded in the landing manifest (url, sha256, size, etag, last_modified,
content_type, http_status, git_sha, fetched_at); re-runs send conditional requests from the
latest record of a URL, and a GitHub entry whose git sha is unchanged is not requested at all.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import hashlib
import json
import os
import random
import re
import stat
import sys
import tarfile
import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlencode, urljoin, urlsplit

import httpx

from flows.sources import (
    DOCUMENT_SUFFIXES,
    LANDED_DIR_NAME,
    LandedDocument,
    SourceFile,
    SourceProblem,
    append_manifest,
    append_manifest_records,
    discover_local,
    land,
    land_local_files,
    latest_records_by_url,
    read_local_stats,
    write_local_stats,
)

DEFAULT_SYMBOL_API = "https://documents.un.org/api/symbol/access"
SYMBOLS_PREFIX = "symbols:"
SYMBOLS_FILE_PREFIX = "symbols-file:"
UN_LANGUAGES = frozenset({"arabic", "chinese", "english", "french", "russian", "spanish"})
_SESSION_FOLDER = re.compile(r"^(?:session[ _-]?)?(\d{1,3})(?:[ _-]?session)?$", re.IGNORECASE)
_SYMBOL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/().\- ]{0,79}$")
_DOCUMENT_MEDIA_TYPES = frozenset(
    {"application/pdf", "text/plain", "application/octet-stream", "application/msword"}
)
_SUFFIX_OF_MEDIA_TYPE = {"application/pdf": ".pdf", "text/plain": ".txt"}
_SYMBOL_SUFFIXES = {"pdf": ".pdf", "doc": ".doc"}


@dataclass(frozen=True, slots=True)
class FetchSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # between two reads, not for the whole body
    document_timeout: float = 300.0  # whole body: a server dripping bytes cannot hold a worker
    concurrency: int = 8
    retries: int = 4  # further attempts after the first, on 429, 5xx, timeouts, cut bodies
    backoff_base: float = 0.5  # seconds; doubled per attempt, with jitter
    backoff_max: float = 30.0
    retry_after_cap: float = 120.0  # never wait longer than this for a server's Retry-After
    max_bytes: int = 64 * 2**20  # per document or listing; streaming stops beyond it
    max_listing_depth: int = 4
    languages: tuple[str, ...] = ("English",)  # language folders to descend; () for all
    symbol_api_url: str = DEFAULT_SYMBOL_API
    symbol_language: str = "en"
    symbol_format: str = "pdf"  # ODS `t=`: pdf or doc
    user_agent: str = "unga-fetch/0.1 (+UN General Assembly resolutions warehouse)"


def fetch_sources(
    sources: list[str],
    raw_dir: Path,
    *,
    sessions: set[int] | None = None,
    settings: FetchSettings = FetchSettings(),  # frozen: a shared default is safe
    progress: bool = False,
    landing_pool: Executor | None = None,
) -> tuple[list[LandedDocument], list[SourceProblem]]:
    """Land every document of the sources; problems are returned, never raised.

    Documents come back in source order (listings sorted by name), so "last one wins" rules
    downstream stay deterministic. `landing_pool` (the run's process pool) lands large local
    folders in parallel.
    """
    stats = read_local_stats(raw_dir)
    manifest = latest_records_by_url(raw_dir)
    run = _Run(raw_dir, settings, sessions, manifest, stats, landing_pool)
    try:
        for source in sources:
            _expand_source(run, source)
        _download_all(run, progress)
    finally:
        if run.client is not None:
            run.client.close()
    if run.local_stats_landed:  # an unchanged re-run rewrites nothing
        write_local_stats(raw_dir, run.local_stats)
    append_manifest(raw_dir, (slot.document for slot in run.slots if slot.local and slot.document))
    append_manifest_records(raw_dir, run.records)
    landed = [slot.document for slot in run.slots if slot.document]
    return landed, run.problems


# --- run state ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Job:
    """One remote document to fetch."""

    url: str
    name: str  # a safe file name: decides the landed suffix
    git_sha: str | None = None  # the blob sha a GitHub listing gives for it


@dataclass(slots=True)
class _Slot:
    """A place in the output order: a local document now, or a remote one once fetched."""

    document: LandedDocument | None = None
    job: _Job | None = None
    local: bool = False


@dataclass(slots=True)
class _Run:
    raw_dir: Path
    settings: FetchSettings
    sessions: set[int] | None
    manifest: dict[str, dict]  # latest record per URL
    local_stats: dict[str, list]  # local file -> [size, mtime_ns, sha256, landed path]
    landing_pool: Executor | None  # lands large local folders in chunks when given
    slots: list[_Slot] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)  # manifest records to append
    seen_urls: set[str] = field(default_factory=set)
    listings_seen: set[str] = field(default_factory=set)
    local_stats_landed: bool = False  # whether a local file was landed (its stats changed)
    # Made on the first request: a run of local files skips the TLS set-up (~35 ms).
    client: httpx.Client | None = None

    def http(self) -> httpx.Client:
        if self.client is None:
            self.client = _client(self.settings)
        return self.client

    def add_job(self, job: _Job) -> None:
        if job.url not in self.seen_urls:  # the same URL twice is fetched once
            self.seen_urls.add(job.url)
            self.slots.append(_Slot(job=job))

    def add_local(self, document: LandedDocument) -> None:
        self.slots.append(_Slot(document=document, local=True))

    def reject(self, uri: str, reason: str) -> None:
        self.problems.append(SourceProblem(uri, reason))


def _client(settings: FetchSettings) -> httpx.Client:
    timeout = httpx.Timeout(
        settings.read_timeout, connect=settings.connect_timeout, pool=settings.document_timeout
    )
    limits = httpx.Limits(
        max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
    )
    return httpx.Client(
        timeout=timeout,
        limits=limits,
        follow_redirects=True,  # the ODS symbol API answers with a redirect to the file
        headers={"User-Agent": settings.user_agent},
    )


def _expand_source(run: _Run, source: str) -> None:
    """Turn one source string into local documents, remote jobs or problems."""
    if source.startswith(SYMBOLS_PREFIX):
        _expand_symbols(run, source, _split_symbols(source[len(SYMBOLS_PREFIX) :]))
    elif source.startswith(SYMBOLS_FILE_PREFIX):
        path = Path(source[len(SYMBOLS_FILE_PREFIX) :]).expanduser()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            run.reject(source, f"cannot read the symbols file: {error}")
            return
        _expand_symbols(run, source, _split_symbols(text))
    elif source.startswith(("http://", "https://")):
        _expand_url(run, source)
    elif _archive_kind(source) and Path(source).expanduser().is_file():
        _expand_archive(run, Path(source).expanduser())
    else:
        _expand_local(run, source)


# --- local files, folders and archives ----------------------------------------------------


def _expand_local(run: _Run, source: str) -> None:
    """Land local files; a file whose size and modification time are those recorded when it
    was last landed is not read again (as make and rsync decide), so an unchanged re-run of a
    large folder costs a stat per file, not a read and a hash."""
    found, problems = discover_local([source])
    run.problems += problems
    recognised = [_unchanged_local_file(file, run.local_stats) for file in found]
    to_land = [f for f, known in zip(found, recognised, strict=True) if known is None]
    landed = iter(_land_files(run, to_land))
    for file, known in zip(found, recognised, strict=True):
        if known is not None:
            run.add_local(known)
            continue
        document, stats_entry = next(landed)
        if isinstance(document, str):
            run.reject(file.uri, document)
            continue
        run.local_stats[file.uri] = stats_entry
        run.local_stats_landed = True
        run.add_local(document)


# Files per landing task on the run's process pool. Landing is mostly system-call time that
# threads did not speed up (measured: 2 threads as slow as 1); 2 processes took half the time.
LANDING_CHUNK = 500


def _land_files(run: _Run, files: list[SourceFile]) -> list[tuple[LandedDocument | str, list]]:
    if run.landing_pool is None or len(files) < 2 * LANDING_CHUNK:
        return land_local_files(run.raw_dir, files)
    chunks = [files[i : i + LANDING_CHUNK] for i in range(0, len(files), LANDING_CHUNK)]
    land_chunk = functools.partial(land_local_files, run.raw_dir)
    outcomes = [outcome for chunk in run.landing_pool.map(land_chunk, chunks) for outcome in chunk]
    return _newly_landed_in_source_order(outcomes)


def _newly_landed_in_source_order(
    outcomes: list[tuple[LandedDocument | str, list]],
) -> list[tuple[LandedDocument | str, list]]:
    """Chunks land in parallel, so two files with the same bytes race to write them first.
    As in one process, the first of them in source order is the newly landed one (the
    manifest's record of where those bytes came from), if any of them found the bytes new."""
    new_shas = {d.sha256 for d, _ in outcomes if isinstance(d, LandedDocument) and d.newly_landed}
    credited: set[str] = set()
    ordered = []
    for document, entry in outcomes:
        if isinstance(document, LandedDocument):
            newly = document.sha256 in new_shas and document.sha256 not in credited
            credited.add(document.sha256)
            if newly != document.newly_landed:
                document = replace(document, newly_landed=newly)
        ordered.append((document, entry))
    return ordered


def _unchanged_local_file(file: SourceFile, local_stats: dict[str, list]) -> LandedDocument | None:
    """The landed copy of a file whose size and mtime are those recorded when it was landed."""
    known = local_stats.get(file.uri)
    if not known:
        return None
    try:
        file_stat = os.stat(file.path)
    except OSError:
        return None  # landing it reports why
    if known[:2] == [file_stat.st_size, file_stat.st_mtime_ns] and os.path.isfile(known[3]):
        return LandedDocument(file.uri, known[2], known[3], file_stat.st_size, False)
    return None


def _archive_kind(source: str) -> str | None:
    name = source.lower()
    if name.endswith(".zip"):
        return "zip"
    if name.endswith((".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tar.xz")):
        return "tar"
    return None


def _expand_archive(run: _Run, path: Path) -> None:
    archive_uri = str(path.resolve())
    try:
        members = _zip_members(path) if _archive_kind(path.name) == "zip" else _tar_members(path)
        for member, data_or_reason in members(run.settings.max_bytes):
            uri = f"{archive_uri}!{member}"
            if isinstance(data_or_reason, str):
                run.reject(uri, data_or_reason)
            else:
                run.add_local(land(data_or_reason, uri, run.raw_dir))
    except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as error:
        run.reject(archive_uri, f"cannot read the archive: {error}")


# An archive reader yields (member name, bytes or a reason to reject it) for document members.
MemberReader = Callable[[int], Iterator[tuple[str, bytes | str]]]


def _zip_members(path: Path) -> MemberReader:
    def read(max_bytes: int) -> Iterator[tuple[str, bytes | str]]:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                is_link = stat.S_ISLNK(info.external_attr >> 16)
                reason = "a symbolic link (links are never followed)" if is_link else None
                reason = reason or unsafe_path_reason(info.filename)
                if reason:
                    yield info.filename, f"archive member rejected: {reason}"
                elif _wanted_member(info.filename):
                    with archive.open(info) as member:
                        yield info.filename, _capped(member.read(max_bytes + 1), max_bytes)

    return read


def _tar_members(path: Path) -> MemberReader:
    def read(max_bytes: int) -> Iterator[tuple[str, bytes | str]]:
        with tarfile.open(path, "r:*") as archive:
            for info in archive:
                if info.isdir():
                    continue
                reason = _tar_link_reason(info) or unsafe_path_reason(info.name)
                if reason:
                    yield info.name, f"archive member rejected: {reason}"
                elif _wanted_member(info.name):
                    member = archive.extractfile(info)
                    data = member.read(max_bytes + 1) if member else b""
                    yield info.name, _capped(data, max_bytes)

    return read


def _tar_link_reason(info: tarfile.TarInfo) -> str | None:
    if info.issym():
        return f"a symbolic link to {info.linkname!r} (links are never followed)"
    if info.islnk():
        return f"a hard link to {info.linkname!r} (links are never followed)"
    if not info.isfile():
        return "not a regular file (device, fifo or other special member)"
    return None


def _wanted_member(name: str) -> bool:
    parts = PurePosixPath(name).parts
    hidden = any(part.startswith(("_", ".")) for part in parts)  # __MACOSX/, .DS_Store
    return not hidden and PurePosixPath(name).suffix.lower() in DOCUMENT_SUFFIXES


def _capped(data: bytes, max_bytes: int) -> bytes | str:
    if len(data) > max_bytes:
        return f"archive member rejected: larger than the limit of {max_bytes:,} bytes"
    return data


def unsafe_path_reason(name: object, *, nested: bool = True) -> str | None:
    """Why a name from a listing or archive could escape its folder, or None when it is safe.

    `nested=False` is for listing entries, which name one file, never a path.
    """
    if not isinstance(name, str) or not name.strip():
        return "an empty name"
    if any(ord(char) < 32 for char in name):
        return f"{name!r} contains control characters"
    parts = re.split(r"[\\/]", name)
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return f"{name!r} is an absolute path"
    if ".." in parts:
        return f"{name!r} climbs out of its folder with '..'"
    if not nested and len(parts) > 1:
        return f"{name!r} contains a path separator"
    if name.strip() == ".":
        return f"{name!r} names the folder itself"
    return None


# --- symbols ------------------------------------------------------------------------------


def _split_symbols(text: str) -> list[str]:
    symbols: list[str] = []
    for line in text.splitlines():
        for piece in line.split("#", 1)[0].split(","):
            symbol = " ".join(piece.split())
            if symbol and symbol not in symbols:
                symbols.append(symbol)
    return symbols


def _expand_symbols(run: _Run, source: str, symbols: list[str]) -> None:
    if not symbols:
        run.reject(source, "no document symbols given")
    for symbol in symbols:
        if not _SYMBOL.match(symbol):
            run.reject(f"{SYMBOLS_PREFIX}{symbol}", "not a document symbol")
            continue
        run.add_job(_Job(symbol_url(symbol, run.settings), symbol_file_name(symbol, run.settings)))


def symbol_url(symbol: str, settings: FetchSettings) -> str:
    """The ODS symbol API address of one document (the symbol's `/` kept, as ODS writes it)."""
    query = urlencode(
        {"s": symbol, "l": settings.symbol_language, "t": settings.symbol_format},
        safe="/",
        quote_via=quote,
    )
    return f"{settings.symbol_api_url}{'&' if '?' in settings.symbol_api_url else '?'}{query}"


def symbol_file_name(symbol: str, settings: FetchSettings) -> str:
    """'A/RES/75/290 A' -> 'A_RES_75_290_A.pdf': no separators, nothing to escape with."""
    stem = re.sub(r"[^A-Za-z0-9.-]+", "_", symbol).strip("._") or "document"
    return stem + _SYMBOL_SUFFIXES.get(settings.symbol_format, ".bin")


# --- URLs and listings --------------------------------------------------------------------


def _expand_url(run: _Run, url: str, depth: int = 0) -> None:
    """A document URL becomes a job; anything else is fetched now and classified."""
    name = _url_file_name(url)
    if PurePosixPath(name).suffix.lower() in DOCUMENT_SUFFIXES:
        run.add_job(_Job(url, name))
        return
    if url in run.listings_seen:
        return
    run.listings_seen.add(url)
    if depth > run.settings.max_listing_depth:
        run.reject(url, f"listing nested deeper than {run.settings.max_listing_depth} levels")
        return
    try:
        got = _get_cached(run, url)
    except FetchError as error:
        run.reject(url, error.reason)
        return
    if got.media_type == "application/json":
        _expand_github_listing(run, got, depth)
    elif got.media_type in ("text/html", "application/xhtml+xml"):
        _expand_html_listing(run, got, depth)
    elif is_document_type(got.media_type) and depth == 0:
        name += _suffix_of_media_type(got.media_type)
        run.slots.append(_Slot(document=_land_response(run, got, name, None)))
    else:
        run.reject(url, f"neither a document nor a listing (content type {got.media_type!r})")


def _suffix_of_media_type(media_type: str) -> str:
    """A suffix for a URL without one, so the landed copy says what it holds."""
    return ".xml" if media_type.endswith("xml") else _SUFFIX_OF_MEDIA_TYPE.get(media_type, "")


def _url_file_name(url: str) -> str:
    path = unquote(urlsplit(url).path)
    return path.rstrip("/").rsplit("/", 1)[-1] or "index"


def wanted_folder(name: str, sessions: set[int] | None, languages: tuple[str, ...]) -> bool:
    """Session folders (`75`, `75session`) by --sessions; UN language folders by settings."""
    if name.startswith(("_", ".")):
        return False
    session = _SESSION_FOLDER.match(name)
    if session:
        return sessions is None or int(session.group(1)) in sessions
    if name.lower() in UN_LANGUAGES and languages:
        return name.lower() in {language.lower() for language in languages}
    return True


def _expand_github_listing(run: _Run, got: _Response, depth: int) -> None:
    try:
        entries = json.loads(got.body)
    except ValueError:
        run.reject(got.url, "JSON that is not a GitHub contents listing")
        return
    entries = [entries] if isinstance(entries, dict) else entries  # a single file's entry
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        run.reject(got.url, "JSON that is not a GitHub contents listing")
        return
    for entry in sorted(entries, key=lambda e: str(e.get("name"))):
        _expand_github_entry(run, got.url, entry, depth)


def _expand_github_entry(run: _Run, listing_url: str, entry: dict, depth: int) -> None:
    name, kind = entry.get("name"), entry.get("type")
    folder_url = listing_url.split("?")[0].rstrip("/")  # without `?ref=`
    reason = unsafe_path_reason(name, nested=False)
    if reason:
        run.reject(f"{folder_url}/{name}", f"listing entry rejected: {reason}")
    elif kind == "dir":
        if wanted_folder(name, run.sessions, run.settings.languages):
            sub_url = entry.get("url") or f"{folder_url}/{quote(name)}"
            _expand_url(run, str(sub_url), depth + 1)
    elif kind == "file" and PurePosixPath(name).suffix.lower() in DOCUMENT_SUFFIXES:
        download_url = entry.get("download_url")
        if not isinstance(download_url, str) or not download_url.startswith(("http:", "https:")):
            run.reject(f"{folder_url}/{name}", "listing entry has no download_url")
            return
        sha = entry.get("sha")
        run.add_job(_Job(download_url, name, sha if isinstance(sha, str) else None))
    elif kind in ("symlink", "submodule"):
        run.reject(f"{folder_url}/{name}", f"a {kind} entry (never followed)")


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.hrefs.append(href)


def _expand_html_listing(run: _Run, got: _Response, depth: int) -> None:
    parser = _LinkParser()
    parser.feed(got.body.decode("utf-8", "replace"))
    base = got.final_url if got.final_url.endswith("/") else got.final_url.rsplit("/", 1)[0] + "/"
    for href in sorted(set(parser.hrefs)):
        link = index_link(base, href)
        if link is None:
            continue
        target, relative, reason = link
        if reason:
            run.reject(f"{base}{href}", f"listing entry rejected: {reason}")
        elif relative.endswith("/"):
            if wanted_folder(
                relative.rstrip("/").rsplit("/", 1)[-1], run.sessions, run.settings.languages
            ):
                _expand_url(run, target, depth + 1)
        elif PurePosixPath(relative).suffix.lower() in DOCUMENT_SUFFIXES:
            run.add_job(_Job(target, relative.rsplit("/", 1)[-1]))


def index_link(base: str, href: str) -> tuple[str, str, str | None] | None:
    """(absolute URL, path relative to the index, reason to reject) for one link of an index.

    None for links that are not entries: sort orders (`?C=N;O=D`), anchors, the parent folder.
    """
    if href.startswith(("?", "#", "mailto:", "javascript:")):
        return None
    target = urljoin(base, href).split("#", 1)[0]
    here, there = urlsplit(base), urlsplit(target)
    if there.query and there.path == here.path:
        return None
    same_site = (there.scheme, there.netloc) == (here.scheme, here.netloc)
    if same_site and _is_folder_or_ancestor(there.path, here.path):
        return None  # the parent or the folder itself: "../", "/"
    if not same_site or not there.path.startswith(here.path):
        return target, "", f"{href!r} leads outside the listed folder"
    relative = unquote(there.path[len(here.path) :])
    return target, relative, unsafe_path_reason(relative.rstrip("/"))


def _is_folder_or_ancestor(path: str, folder: str) -> bool:
    return folder.startswith(path.rstrip("/") + "/") or path.rstrip("/") == folder.rstrip("/")


# --- HTTP ---------------------------------------------------------------------------------


class FetchError(Exception):
    """A fetch that cannot succeed; `reason` is what the user reads in the rejects."""

    def __init__(self, reason: str, *, retry: bool = False, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry = retry
        self.wait = wait  # seconds the server asked for (Retry-After)


@dataclass(frozen=True, slots=True)
class _Response:
    url: str  # as requested: the manifest key
    final_url: str  # after redirects
    status: int
    body: bytes
    media_type: str
    etag: str | None
    last_modified: str | None


def is_document_type(media_type: str) -> bool:
    """XML, PDF, text or an unlabelled binary; HTML or JSON where a document is expected is not."""
    if media_type in _DOCUMENT_MEDIA_TYPES or not media_type:
        return True
    return media_type != "application/xhtml+xml" and (
        media_type.endswith("/xml") or media_type.endswith("+xml")
    )


def retry_after_seconds(
    value: str | None, cap: float, now: dt.datetime | None = None
) -> float | None:
    """Retry-After (delta-seconds or an HTTP date) as capped seconds; None when unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    delta = (when - (now or dt.datetime.now(dt.UTC))).total_seconds()
    return min(max(delta, 0.0), cap)


def backoff_seconds(attempt: int, settings: FetchSettings) -> float:
    """Exponential backoff with jitter, so many clients do not retry in lockstep."""
    ceiling = min(settings.backoff_max, settings.backoff_base * 2**attempt)
    return random.uniform(ceiling / 2, ceiling)


def http_get(
    client: httpx.Client, url: str, settings: FetchSettings, headers: dict[str, str]
) -> _Response | None:
    """GET with retries; None means 304 Not Modified. Raises FetchError with a clear reason."""
    for attempt in range(settings.retries + 1):
        try:
            return _attempt(client, url, settings, headers)
        except FetchError as error:
            if not error.retry or attempt == settings.retries:
                suffix = f" (gave up after {attempt + 1} attempts)" if error.retry else ""
                raise FetchError(error.reason + suffix) from None
            time.sleep(error.wait if error.wait is not None else backoff_seconds(attempt, settings))
    raise AssertionError("unreachable")


def _attempt(
    client: httpx.Client, url: str, settings: FetchSettings, headers: dict[str, str]
) -> _Response | None:
    received, declared = 0, None
    try:
        with client.stream("GET", url, headers=headers) as response:
            _check_status(response, settings)
            if response.status_code == 304:
                return None
            declared = _declared_length(response)
            if declared is not None and declared > settings.max_bytes:
                raise FetchError(
                    f"larger than the limit of {settings.max_bytes:,} bytes ({declared:,})"
                )
            chunks, started = [], time.monotonic()
            for chunk in response.iter_bytes():
                received += len(chunk)
                if received > settings.max_bytes:
                    raise FetchError(f"body exceeds the limit of {settings.max_bytes:,} bytes")
                if time.monotonic() - started > settings.document_timeout:
                    raise FetchError(
                        f"body took longer than {settings.document_timeout:g} s", retry=True
                    )
                chunks.append(chunk)
            if declared is not None and response.num_bytes_downloaded != declared:
                raise FetchError(_truncated(response.num_bytes_downloaded, declared), retry=True)
            return _Response(
                url=url,
                final_url=str(response.url),
                status=response.status_code,
                body=b"".join(chunks),
                media_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
    except httpx.TimeoutException as error:
        raise FetchError(f"timed out ({type(error).__name__})", retry=True) from None
    except httpx.RemoteProtocolError as error:
        reason = _truncated(received, declared) if declared else f"connection broke: {error}"
        raise FetchError(reason, retry=True) from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
        raise FetchError(f"invalid URL: {error}") from None
    except httpx.TransportError as error:
        reason = f"connection failed: {error or type(error).__name__}"
        raise FetchError(reason, retry=True) from None
    except httpx.TooManyRedirects:
        raise FetchError("too many redirects") from None
    except httpx.RequestError as error:  # e.g. a body whose Content-Encoding does not decode
        raise FetchError(f"{type(error).__name__}: {error}") from None


def _check_status(response: httpx.Response, settings: FetchSettings) -> None:
    status = response.status_code
    if status in (200, 304):
        return
    label = f"HTTP {status} {response.reason_phrase}".strip()
    if status == 429 or status >= 500:
        wait = retry_after_seconds(response.headers.get("retry-after"), settings.retry_after_cap)
        raise FetchError(label, retry=True, wait=wait)
    if status in (404, 410):
        raise FetchError(f"not found ({label})")
    if status == 403 and response.headers.get("x-ratelimit-remaining") == "0":
        reset = response.headers.get("x-ratelimit-reset", "")
        when = dt.datetime.fromtimestamp(int(reset), dt.UTC).isoformat() if reset.isdigit() else "?"
        raise FetchError(f"GitHub API rate limit exceeded ({label}; resets at {when})")
    raise FetchError(label)


def _declared_length(response: httpx.Response) -> int | None:
    """Content-Length counts encoded bytes: compare it to what came over the wire."""
    value = response.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


def _truncated(received: int, declared: int) -> str:
    return f"truncated body: received {received:,} of {declared:,} bytes (Content-Length)"


# --- conditional fetches and the manifest -------------------------------------------------


def _landed_file(raw_dir: Path, record: dict | None) -> Path | None:
    """The landed copy a manifest record points to, if still there (the data dir may move)."""
    if not record or not isinstance(record.get("sha256"), str) or not record.get("landed_path"):
        return None
    sha = record["sha256"]
    path = raw_dir / LANDED_DIR_NAME / sha[:2] / Path(record["landed_path"]).name
    return path if path.is_file() else None


def _conditional_headers(record: dict) -> dict[str, str]:
    headers = {}
    if record.get("etag"):
        headers["If-None-Match"] = record["etag"]
    if record.get("last_modified"):
        headers["If-Modified-Since"] = record["last_modified"]
    return headers


def _previous(run: _Run, url: str) -> tuple[dict | None, Path | None]:
    record = run.manifest.get(url)
    path = _landed_file(run.raw_dir, record)
    return (record, path) if path else (None, None)


def _get_cached(run: _Run, url: str) -> _Response:
    """A listing (or unknown URL): conditional, replaying the landed copy on 304."""
    record, path = _previous(run, url)
    got = http_get(run.http(), url, run.settings, _conditional_headers(record) if record else {})
    if got is None:
        if not record or not path:
            raise FetchError("HTTP 304 Not Modified without a conditional request")
        return _Response(
            url=url,
            final_url=record.get("final_url") or url,
            status=304,
            body=path.read_bytes(),
            media_type=record.get("content_type") or "",
            etag=record.get("etag"),
            last_modified=record.get("last_modified"),
        )
    if got.media_type in ("application/json", "text/html", "application/xhtml+xml"):
        _land_response(run, got, "listing", None, kind="listing")
    return got


def _land_response(
    run: _Run, got: _Response, name: str, git_sha: str | None, *, kind: str = "document"
) -> LandedDocument:
    """Land a 200 response and record it when something about it changed."""
    document = land(got.body, got.url, run.raw_dir, name=name)
    record = {
        **asdict(document),
        "url": got.url,
        "final_url": got.final_url,
        "name": name,
        "kind": kind,
        "etag": got.etag,
        "last_modified": got.last_modified,
        "content_type": got.media_type,
        "http_status": got.status,
        "git_sha": git_blob_sha(got.body) if git_sha else None,
        "fetched_at": dt.datetime.now(dt.UTC).isoformat(),
    }
    previous = run.manifest.get(got.url) or {}
    keys = ("sha256", "etag", "last_modified", "git_sha", "landed_path")
    if any(previous.get(key) != record[key] for key in keys):
        run.records.append(record)
        run.manifest[got.url] = record
    return document


def git_blob_sha(data: bytes) -> str:
    """The sha GitHub lists for a file: recorded from the bytes we got, not from the listing."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass(frozen=True, slots=True)
class _Unchanged:
    document: LandedDocument


def _fetch_job(run: _Run, job: _Job) -> _Response | _Unchanged | SourceProblem:
    """Worker: one document, conditionally; never raises (a bug becomes a reject)."""
    try:
        record, path = _previous(run, job.url)
        if record and path:
            previous = LandedDocument(
                job.url, record["sha256"], str(path), path.stat().st_size, False
            )
            if job.git_sha and record.get("git_sha") == job.git_sha:
                return _Unchanged(previous)  # the listing vouches for the bytes: no request
        got = http_get(
            run.http(), job.url, run.settings, _conditional_headers(record) if record else {}
        )
        if got is None:
            if not record:
                return SourceProblem(job.url, "HTTP 304 Not Modified without a conditional request")
            return _Unchanged(previous)
        if not is_document_type(got.media_type):
            return SourceProblem(
                job.url,
                f"not a document: the server sent {got.media_type} (expected XML, PDF or text)",
            )
        return got
    except FetchError as error:
        return SourceProblem(job.url, error.reason)
    except Exception as error:  # one bad document never stops the others
        return SourceProblem(job.url, f"internal fetch error ({type(error).__name__}: {error})")


def _download_all(run: _Run, progress: bool) -> None:
    """Fetch every job on a bounded thread pool; land in this thread, in any order."""
    pending = [slot for slot in run.slots if slot.job and not slot.document]
    if pending:
        run.http()  # made here, before the threads that share it
    with (
        _progress_bar(progress, len(pending)) as advance,
        ThreadPoolExecutor(max_workers=max(1, run.settings.concurrency)) as pool,
    ):
        futures = {pool.submit(_fetch_job, run, slot.job): slot for slot in pending}
        for future in as_completed(futures):
            slot, outcome = futures[future], future.result()
            if isinstance(outcome, SourceProblem):
                run.problems.append(outcome)
            elif isinstance(outcome, _Unchanged):
                slot.document = outcome.document
            else:
                slot.document = _land_response(run, outcome, slot.job.name, slot.job.git_sha)
            advance()


@contextmanager
def _progress_bar(enabled: bool, total: int) -> Iterator[Callable[[], None]]:
    """A rich bar on an interactive stderr only: logs and CI output stay clean."""
    if not enabled or total == 0 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("fetching"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("fetch", total=total)
        yield lambda: bar.advance(task)
