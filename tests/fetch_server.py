"""A real HTTP server on 127.0.0.1 (random port) that misbehaves on purpose.

Started by the tests themselves (``with FaultServer() as srv: srv.url("/page")``);
it records every request (path, headers, monotonic time) and the peak number of
requests in flight, so tests can assert what the fetcher did on the wire.

Routes (the query string ``?k=...`` keys per-test counters where a route is stateful):

    /robots.txt            disallows /private/ for every agent (or trickles forever when
                           the server is made with robots_txt=None)
    /page, /page/<n>       a small article, ETag + Last-Modified, answers 304 to a match
    /slow-first-byte       sleeps 3 s before the status line
    /trickle               10 bytes every 0.1 s, 600 bytes in all (6 s)
    /status/<code>         that status, always
    /once/<code>           <code> on the first request per ?k, then the article
    /retry-after           429 with Retry-After: 1 on the first request per ?k, then 200
    /reset                 promises 20,000 bytes, sends 1,000, then resets the connection
    /truncated-once        first request per ?k: promises 5,000 bytes, sends 1,000, closes
    /huge                  chunked, up to 4 MB in 64 KB chunks (counts bytes sent)
    /huge-declared         Content-Length: 50,000,000 (sends a little)
    /charset-wrong-header  UTF-8 bytes served as charset=iso-8859-1
    /charset-1252          windows-1252 bytes served as charset=utf-8, <meta> says 1252
    /charset-1251?h=X      windows-1251 bytes served as charset=X, <meta> says 1251
    /gzip, /brotli, /deflate   the article, content-encoded
    /gzip-bomb             8 MB of zeros gzipped to ~8 KB
    /gzip-corrupt          Content-Encoding: gzip on bytes that do not inflate
    /redirect/<n>          a chain of n 302s ending at /page
    /loop-a, /loop-b       redirect to each other
    /to-private            redirects into /private/ (robots.txt forbids the target)
    /private/<x>           the article (robots.txt forbids it)
    /doc.pdf               application/pdf
    /slow/<n>              the article after 0.2 s (for concurrency tests)
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

import brotli

ARTICLE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Diplomático en España</title>"
    "</head><body><nav><a href='/'>Home</a></nav><article><h1>Diplomático en España</h1>"
    + "".join(
        f"<p>Paragraph {i}: el diplomático llegó a Madrid y habló con la prensa "
        f"sobre la situación económica, con cifras y nombres.</p>"
        for i in range(8)
    )
    + "</article><footer>© Site</footer></body></html>"
)
ARTICLE_BYTES = ARTICLE.encode("utf-8")
ETAG = '"v1-article"'
LAST_MODIFIED = "Tue, 01 Dec 2026 10:00:00 GMT"
CP1252_PAGE = (
    "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
    "<title>Café “quoted” – naïve</title></head><body><article>"
    + "<p>Un café “bien serré” – c’est naïf, dit-il, à Noël.</p>" * 6
    + "</article></body></html>"
).encode("cp1252")

RU_PAGE = (
    "<html><head><meta charset='windows-1251'><title>Дипломат в Испании</title></head>"
    "<body><article>"
    + "<p>Дипломат прибыл в Мадрид и долго говорил с прессой о положении дел.</p>" * 6
    + "</article></body></html>"
).encode("cp1251")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # no 40 ms Nagle/delayed-ACK stall per response
    server: FaultHTTPServer

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    # -- helpers
    def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def first_time(self, route: str) -> bool:
        key = route + "?" + parse_qs(urlsplit(self.path).query).get("k", [""])[0]
        with self.server.lock:
            n = self.server.seen.get(key, 0)
            self.server.seen[key] = n + 1
        return n == 0

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def hard_close(self) -> None:
        """Reset the connection (RST) instead of a clean FIN."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    # -- dispatch
    def do_GET(self) -> None:
        srv = self.server
        path = urlsplit(self.path).path
        with srv.lock:
            srv.requests.append((path, dict(self.headers.items()), time.monotonic()))
            srv.in_flight += 1
            srv.peak_in_flight = max(srv.peak_in_flight, srv.in_flight)
        try:
            self.route(path)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # the client hung up on a misbehaving route: expected
        finally:
            with srv.lock:
                srv.in_flight -= 1

    def route(self, path: str) -> None:
        parts = path.strip("/").split("/")
        head = parts[0]
        if path == "/robots.txt":
            if self.server.robots_txt is None:  # a robots.txt that never finishes
                self.trickle()
            else:
                self.send(200, self.server.robots_txt, "text/plain")
        elif head in ("page", "private"):
            self.article()
        elif head == "slow-first-byte":
            time.sleep(3)
            self.send(200, ARTICLE_BYTES)
        elif head == "trickle":
            self.trickle()
        elif head == "status":
            self.send(int(parts[1]), b"<html><body>status</body></html>")
        elif head == "once":
            if self.first_time(path):
                self.send(int(parts[1]), b"<html><body>try again</body></html>")
            else:
                self.article()
        elif head == "retry-after":
            if self.first_time(path):
                self.send(429, b"slow down", "text/plain", {"Retry-After": "1"})
            else:
                self.article()
        elif head == "reset":
            self.partial(20_000, 1_000, reset=True)
        elif head == "truncated-once":
            if self.first_time(path):
                self.partial(5_000, 1_000, reset=False)
            else:
                self.article()
        elif head == "huge":
            self.huge()
        elif head == "huge-declared":
            self.partial(50_000_000, 1_000, reset=False)
        elif head == "charset-wrong-header":
            self.send(200, ARTICLE_BYTES, "text/html; charset=iso-8859-1")
        elif head == "charset-1251":  # ?h=<charset the server wrongly claims>
            claimed = parse_qs(urlsplit(self.path).query).get("h", ["utf-8"])[0]
            self.send(200, RU_PAGE, f"text/html; charset={claimed}")
        elif head == "charset-1252":
            self.send(200, CP1252_PAGE, "text/html; charset=utf-8")
        elif head == "gzip-bomb":  # 8 MB of zeros in ~8 KB
            body = gzip.compress(b"<html>" + b"\0" * 8_000_000)
            self.send(200, body, headers={"Content-Encoding": "gzip"})
        elif head == "gzip-corrupt":
            self.send(200, b"\x1f\x8b\x08\x00garbage-not-deflate" * 20,
                      headers={"Content-Encoding": "gzip"})
        elif head in ("gzip", "brotli", "deflate"):
            self.encoded(head)
        elif head == "redirect":
            n = int(parts[1])
            self.redirect(f"/redirect/{n - 1}" if n > 1 else "/page/final")
        elif head == "to-private":
            self.redirect("/private/target")
        elif head == "loop-a":
            self.redirect("/loop-b")
        elif head == "loop-b":
            self.redirect("/loop-a")
        elif head == "doc.pdf":
            self.send(200, b"%PDF-1.4\n" + b"0" * 5000, "application/pdf")
        elif head == "slow":
            time.sleep(0.2)
            self.article()
        else:
            self.send(404, b"<html><body>not found</body></html>")

    def article(self) -> None:
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send(200, ARTICLE_BYTES, headers={"ETag": ETAG, "Last-Modified": LAST_MODIFIED})

    def trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "600")
        self.end_headers()
        for _ in range(60):
            self.wfile.write(b"<p>trickl\n")
            self.wfile.flush()
            time.sleep(0.1)

    def partial(self, promised: int, sent: int, *, reset: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(promised))
        self.end_headers()
        self.wfile.write(b"<html><body><p>" + b"x" * (sent - 15))
        self.wfile.flush()
        time.sleep(0.05)
        if reset:
            self.hard_close()
        else:
            self.close_connection = True

    def huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<p>" + b"y" * (64 * 1024 - 7) + b"</p>"
        for _ in range(64):  # 4 MB at most
            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            self.wfile.flush()
            with self.server.lock:
                self.server.huge_sent += len(chunk)
            time.sleep(0.01)
        self.wfile.write(b"0\r\n\r\n")

    def encoded(self, how: str) -> None:
        if how == "gzip":
            body = gzip.compress(ARTICLE_BYTES)
        elif how == "brotli":
            body = brotli.compress(ARTICLE_BYTES)
            how = "br"
        else:
            body = zlib.compress(ARTICLE_BYTES)
        self.send(200, body, headers={"Content-Encoding": how})


class FaultHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, robots_txt: bytes | None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.robots_txt = robots_txt
        self.lock = threading.Lock()
        self.requests: list[tuple[str, dict[str, str], float]] = []
        self.seen: dict[str, int] = {}
        self.in_flight = 0
        self.peak_in_flight = 0
        self.huge_sent = 0


class FaultServer:
    """Context manager: starts the server in a thread, stops it on exit."""

    def __init__(self, robots_txt: bytes | None = b"User-agent: *\nDisallow: /private/\n"
                 ) -> None:
        self.httpd = FaultHTTPServer(robots_txt)
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)

    def __enter__(self) -> FaultServer:  # noqa: PYI034 (Self needs 3.11)
        self.thread.start()
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        with self.httpd.lock:
            return sum(1 for p, _, _ in self.httpd.requests if p == path)

    def times(self, prefix: str) -> list[float]:
        with self.httpd.lock:
            return [t for p, _, t in self.httpd.requests if p.startswith(prefix)]

    def headers_of(self, path: str) -> list[dict[str, str]]:
        with self.httpd.lock:
            return [h for p, h, _ in self.httpd.requests if p == path]
