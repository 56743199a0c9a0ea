"""Discovering documents in local sources and landing immutable, content-addressed copies.

The landing zone is `DIR/raw/_landed/<sha[:2]>/<sha256><suffix>` plus `manifest.jsonl`; names
starting with `_` or `.` are never taken as sources, so the default source (the project's own
`raw/`) and the default landing folder can be the same folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LANDED_DIR_NAME = "_landed"
MANIFEST_NAME = "manifest.jsonl"
DOCUMENT_SUFFIXES = {".txt", ".xml", ".pdf", ".akn"}


@dataclass(frozen=True, slots=True)
class SourceFile:
    uri: str  # where the document came from, as users know it
    path: str  # a plain string: pathlib was most of discovering a folder of 20k files


@dataclass(frozen=True, slots=True)
class LandedDocument:
    source_uri: str
    sha256: str
    landed_path: str
    size: int
    newly_landed: bool  # False when the same bytes were landed before


@dataclass(frozen=True, slots=True)
class SourceProblem:
    source_uri: str
    error: str


def discover_local(sources: Iterable[str]) -> tuple[list[SourceFile], list[SourceProblem]]:
    """Every document file under the given files and folders, in a stable order."""
    found: list[SourceFile] = []
    problems: list[SourceProblem] = []
    for source in sources:
        path = Path(source).expanduser()
        if path.is_file():
            found.append(SourceFile(str(path.resolve()), str(path)))
        elif path.is_dir():
            found += [SourceFile(p, p) for p in _walk_documents(str(path.resolve()))]
        else:
            problems.append(SourceProblem(source, "no such file or folder"))
    return found, problems


def _walk_documents(folder: str) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
        for name in sorted(files):
            if name.startswith(("_", ".")):
                continue
            if os.path.splitext(name)[1].lower() in DOCUMENT_SUFFIXES:
                yield os.path.join(root, name)


def land(data: bytes, source_uri: str, raw_dir: Path, *, name: str | None = None) -> LandedDocument:
    """Store the bytes under their sha256 (written once, atomically) and return the record.

    `name` gives the file name when the URI has none (a URL with a query string, a symbol).
    """
    sha = hashlib.sha256(data).hexdigest()
    suffix = os.path.splitext(name or source_uri)[1].lower()
    suffix = suffix if suffix in DOCUMENT_SUFFIXES else ".bin"
    # Plain strings and one syscall per step: landing 20k files is mostly system-call time.
    shard = os.path.join(raw_dir, LANDED_DIR_NAME, sha[:2])
    target = os.path.join(shard, f"{sha}{suffix}")
    newly_landed = not os.path.exists(target)
    if newly_landed:
        # Per process and thread: concurrent fetches may land the same bytes at once.
        tmp = os.path.join(shard, f".{sha}{suffix}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            _write_file(tmp, data)
        except FileNotFoundError:  # the shard's first file: its folder is made once, not per file
            os.makedirs(shard, exist_ok=True)
            _write_file(tmp, data)
        os.replace(tmp, target)
    return LandedDocument(source_uri, sha, target, len(data), newly_landed)


def _write_file(path: str, data: bytes) -> None:
    with open(path, "wb") as out:
        out.write(data)


def land_local_files(
    raw_dir: Path, files: list[SourceFile]
) -> list[tuple[LandedDocument | str, list]]:
    """Land each file: its record and its `local-stats.json` entry, or why it cannot be read.

    Kept at module level, free of Prefect and HTTP, so a process pool can run it on chunks."""
    outcomes: list[tuple[LandedDocument | str, list]] = []
    for file in files:
        try:
            file_stat = os.stat(file.path)
            with open(file.path, "rb") as source:
                data = source.read()
        except OSError as error:
            outcomes.append((f"cannot read the file: {error.strerror}", []))
            continue
        document = land(data, file.uri, raw_dir)
        entry = [file_stat.st_size, file_stat.st_mtime_ns, document.sha256, document.landed_path]
        outcomes.append((document, entry))
    return outcomes


def append_manifest(raw_dir: Path, landed: Iterable[LandedDocument]) -> None:
    """Record newly landed copies: the manifest says where each stored file came from."""
    fetched_at = dt.datetime.now(dt.UTC).isoformat()
    append_manifest_records(
        raw_dir,
        (
            {
                "source_uri": document.source_uri,
                "sha256": document.sha256,
                "landed_path": document.landed_path,
                "size": document.size,
                "newly_landed": True,
                "fetched_at": fetched_at,
            }
            for document in landed
            if document.newly_landed
        ),
    )


def append_manifest_records(raw_dir: Path, records: Iterable[dict]) -> None:
    """Append records as they are: fetches add url, etag, last_modified, http_status, ..."""
    # line by line: a large first run's records, held at once, were a peak of the flow
    lines = (json.dumps(record) + "\n" for record in records)
    first = next(lines, None)
    if first is None:
        return
    manifest = raw_dir / LANDED_DIR_NAME / MANIFEST_NAME
    manifest.parent.mkdir(parents=True, exist_ok=True)
    with manifest.open("a", encoding="utf-8") as out:
        out.write(first)
        out.writelines(lines)


LOCAL_STATS_NAME = "local-stats.json"


def read_local_stats(raw_dir: Path) -> dict[str, list]:
    """What was last landed from each local file: [size, mtime_ns, sha256, landed path]."""
    path = raw_dir / LANDED_DIR_NAME / LOCAL_STATS_NAME
    try:
        stats = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # absent, or cut short by a crash: files are read again
        return {}
    return stats if isinstance(stats, dict) else {}


def write_local_stats(raw_dir: Path, stats: dict[str, list]) -> None:
    path = raw_dir / LANDED_DIR_NAME / LOCAL_STATS_NAME
    if not stats and not path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as out:
        json.dump(stats, out)  # streamed: the whole text at once was a peak of the flow
    os.replace(tmp, path)


def latest_records_by_url(raw_dir: Path) -> dict[str, dict]:
    """The manifest's last record for each fetched URL (local copies have no `url`)."""
    manifest = raw_dir / LANDED_DIR_NAME / MANIFEST_NAME
    latest: dict[str, dict] = {}
    if not manifest.is_file():
        return latest
    with manifest.open(encoding="utf-8") as lines:
        for line in lines:
            if '"url"' not in line:
                continue  # a local file's record: a substring test spares decoding it
            try:
                record = json.loads(line)
            except json.JSONDecodeError:  # a line cut short by a crash: that fetch is redone
                continue
            if isinstance(record, dict) and isinstance(record.get("url"), str):
                latest[record["url"]] = record
    return latest
