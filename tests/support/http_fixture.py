"""An in-process HTTP server on 127.0.0.1 for fetch tests: fixtures, fault injection, a log.

Routes are looked up in order: queued faults for the path, static documents (with ETag and
Last-Modified, answering conditional requests with 304), then prefix handlers (listings, the
symbol API). Every request is logged with what was sent back, so tests can count requests,
conditional requests and body bytes on the server's side.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

_EPOCH = 1_700_000_000  # Last-Modified of version 1; each change adds a minute


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/octet-stream"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line: beyond a client's read timeout
    cut_at: int | None = None  # send only this many body bytes but announce them all
    chunked: bool = False  # no Content-Length: the client learns the size only by reading


@dataclass
class Request:
    method: str
    target: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    status: int = 0
    body_bytes: int = 0

    @property
    def conditional(self) -> bool:
        return "if-none-match" in self.headers or "if-modified-since" in self.headers


@dataclass
class Document:
    body: bytes | Path  # a Path is read on each request (the corpus is served in place)
    content_type: str
    version: int = 1

    def data(self) -> bytes:
        return self.body.read_bytes() if isinstance(self.body, Path) else self.body


Handler = Callable[[Request], Reply]


def conditional_reply(request: Request, body: bytes, content_type: str, version: int, *,
                      etags: bool = True, last_modified: bool = True) -> Reply:  # fmt: skip
    """200 with validators, or 304 when the client's validators still match."""
    etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
    modified = email.utils.formatdate(_EPOCH + 60 * version, usegmt=True)
    headers = {}
    if etags:
        headers["ETag"] = etag
    if last_modified:
        headers["Last-Modified"] = modified
    if etags and "if-none-match" in request.headers:
        if request.headers["if-none-match"] == etag:
            return Reply(304, headers=headers)
    elif last_modified and "if-modified-since" in request.headers:
        since = email.utils.parsedate_to_datetime(request.headers["if-modified-since"])
        if since.timestamp() >= _EPOCH + 60 * version:
            return Reply(304, headers=headers)
    return Reply(200, body, content_type, headers)


class FixtureServer:
    def __init__(self, *, etags: bool = True, last_modified: bool = True) -> None:
        self.documents: dict[str, Document] = {}
        self.prefixes: dict[str, Handler] = {}
        self.faults: dict[str, list[Reply]] = {}
        self.log: list[Request] = []
        self.etags, self.last_modified = etags, last_modified
        self.in_flight = self.max_in_flight = 0
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._httpd.daemon_threads = True
        self._httpd.handle_error = lambda request, address: None  # clients that gave up
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,))

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    # --- content -------------------------------------------------------------------------

    def put(self, path: str, body: bytes | Path, content_type: str) -> None:
        """Serve a document; putting new bytes at a path is an upstream change."""
        old = self.documents.get(path)
        version = old.version + 1 if old else 1
        self.documents[path] = Document(body, content_type, version)

    def prefix(self, prefix: str, handler: Handler) -> None:
        self.prefixes[prefix] = handler

    def inject(self, path: str, *replies: Reply) -> None:
        """These replies go out, in order, before the path's normal answer (keyed by target)."""
        self.faults.setdefault(path, []).extend(replies)

    # --- the log -------------------------------------------------------------------------

    def requests(self, path_prefix: str = "") -> list[Request]:
        with self._lock:
            return [r for r in self.log if r.path.startswith(path_prefix)]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    # --- dispatch ------------------------------------------------------------------------

    def reply(self, request: Request) -> Reply:
        with self._lock:
            queue = self.faults.get(request.target) or self.faults.get(request.path)
            if queue:
                return queue.pop(0)
        document = self.documents.get(request.path)
        if document:
            return conditional_reply(
                request, document.data(), document.content_type, document.version,
                etags=self.etags, last_modified=self.last_modified,
            )  # fmt: skip
        for prefix in sorted(self.prefixes, key=len, reverse=True):
            if request.path.startswith(prefix):
                return self.prefixes[prefix](request)
        return Reply(404, b"<html><body>Not Found</body></html>", "text/html")

    def arrived(self, request: Request) -> None:
        with self._lock:  # logged on arrival: a client that timed out still counts
            self.log.append(request)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def left(self) -> None:
        with self._lock:
            self.in_flight -= 1


def _make_handler(server: FixtureServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
        disable_nagle_algorithm = True  # headers and body go out in separate writes

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = Request("GET", self.path, parts.path, query, headers)
            server.arrived(request)
            try:
                reply = server.reply(request)
                request.status = reply.status
                time.sleep(reply.delay)
                request.body_bytes = self._send(reply)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
            finally:
                server.left()

        def _send(self, reply: Reply) -> int:
            body = b"" if reply.status == 304 else reply.body
            self.send_response(reply.status)
            if reply.status != 304:
                self.send_header("Content-Type", reply.content_type)
            if reply.chunked:
                self.send_header("Transfer-Encoding", "chunked")
            elif reply.status != 304:
                self.send_header("Content-Length", str(len(body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if reply.chunked:
                for start in range(0, len(body), 1024):
                    piece = body[start : start + 1024]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.write(b"0\r\n\r\n")
                return len(body)
            sent = body if reply.cut_at is None else body[: reply.cut_at]
            self.wfile.write(sent)
            self.wfile.flush()
            if reply.cut_at is not None:
                self.close_connection = True  # the client sees the body end early
            return len(sent)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the test log is server.log

    return Handler


def git_blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class UNxmlRepo:
    """UNxml/GAresolutions as GitHub serves it: contents API listings plus raw downloads.

    Files live at repository paths like `75session/English/75_1_E.xml`.
    """

    API = "/repos/UNxml/GAresolutions/contents"
    RAW = "/UNxml/GAresolutions/main"

    def __init__(self, server: FixtureServer) -> None:
        self.server = server
        self.files: dict[str, bytes | Path] = {}
        self.extra_entries: dict[str, list[dict]] = {}  # folder -> raw entries to add
        server.prefix(self.API, self._listing)

    @property
    def root_url(self) -> str:
        return self.server.url(self.API)

    def put(self, repo_path: str, body: bytes | Path) -> None:
        self.files[repo_path] = body
        self.server.put(f"{self.RAW}/{repo_path}", body, "text/plain; charset=utf-8")

    def _listing(self, request: Request) -> Reply:
        folder = request.path[len(self.API) :].strip("/")
        entries = self._entries(folder) + self.extra_entries.get(folder, [])
        if not entries:
            return Reply(404, b'{"message": "Not Found"}', "application/json")
        body = _json(entries)
        version = sum(hash(e.get("sha")) & 0xFFFF for e in entries)  # changes with any file
        return conditional_reply(request, body, "application/json; charset=utf-8", version)

    def _entries(self, folder: str) -> list[dict]:
        prefix = f"{folder}/" if folder else ""
        children: dict[str, dict] = {}
        for repo_path, body in sorted(self.files.items()):
            if not repo_path.startswith(prefix):
                continue
            name, _, rest = repo_path[len(prefix) :].partition("/")
            if rest:
                children.setdefault(name, self._dir_entry(prefix + name))
            else:
                data = body.read_bytes() if isinstance(body, Path) else body
                children[name] = self._file_entry(prefix + name, data)
        return list(children.values())

    def _dir_entry(self, path: str) -> dict:
        return {
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "sha": hashlib.sha1(path.encode()).hexdigest(),
            "size": 0,
            "url": self.server.url(f"{self.API}/{path}?ref=main"),
            "download_url": None,
            "type": "dir",
        }

    def _file_entry(self, path: str, data: bytes) -> dict:
        return {
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "sha": git_blob_sha(data),
            "size": len(data),
            "url": self.server.url(f"{self.API}/{path}?ref=main"),
            "download_url": self.server.url(f"{self.RAW}/{path}"),
            "type": "file",
        }


class AutoIndex:
    """An nginx-style autoindex (`<a href="../">`, one link per entry) over served files."""

    def __init__(self, server: FixtureServer, prefix: str) -> None:
        self.server, self.prefix = server, prefix.rstrip("/") + "/"
        self.files: set[str] = set()
        self.extra_links: dict[str, list[str]] = {}  # folder -> raw hrefs to add
        server.prefix(self.prefix, self._index)

    @property
    def root_url(self) -> str:
        return self.server.url(self.prefix)

    def put(self, relative: str, body: bytes | Path, content_type: str = "text/xml") -> None:
        self.files.add(relative)
        self.server.put(self.prefix + relative, body, content_type)

    def _index(self, request: Request) -> Reply:
        if not request.path.endswith("/"):
            return Reply(301, headers={"Location": request.path + "/"})
        folder = request.path[len(self.prefix) :]
        names = sorted(
            {f[len(folder) :].split("/")[0] + ("/" if "/" in f[len(folder) :] else "")
             for f in self.files if f.startswith(folder)}
        )  # fmt: skip
        if not names:
            return Reply(404, b"<html><body>Not Found</body></html>", "text/html")
        links = ["../", *names, *self.extra_links.get(folder, [])]
        rows = "\n".join(f'<a href="{href}">{href}</a>' for href in links)
        html = f"<html><head><title>Index of {request.path}</title></head><body>"
        html += f'<h1>Index of {request.path}</h1><hr><pre><a href="?C=N;O=D">Name</a>\n'
        html += f"{rows}\n</pre><hr></body></html>"
        return Reply(200, html.encode(), "text/html")


def _json(value: object) -> bytes:
    return json.dumps(value, indent=1).encode()
