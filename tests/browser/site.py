"""Build a site from the real project files and serve it on 127.0.0.1, the way GitHub Pages serves it."""

from __future__ import annotations

import functools
import gzip
import io
import os
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]


COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


@functools.lru_cache(maxsize=4096)
def _compressed(path: Path, mtime_ns: int) -> bytes:
    """A file gzip-compressed, once per version of it: a test run loads the same style sheets and scripts
    about a thousand times."""
    return gzip.compress(path.read_bytes(), mtime=0)


class Handler(SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: text gzip-compressed when the browser asks for it, and a
    missing path gets the site's 404.html with status 404."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def send_head(self):  # noqa: ANN201 - the base class's signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # redirects to the address with a slash
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        body = _compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # Chromium keeps connections open: do not wait for them on shutdown
    block_on_close = False


class Server:
    """An HTTP server on a free port of 127.0.0.1, serving ``root`` (which may not exist yet)."""

    def __init__(self, root: Path, port: int = 0) -> None:
        self.root = root
        self.httpd = _HTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> "Server":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def project(target: Path, content: Path) -> Path:
    """A copy of the MkDocs project (config, hooks, templates, hand-written docs, node tools) with ``content``."""
    from tests.sitecheck import copy_project

    return copy_project(REPO, target, content)


def start_build(root: Path, site_url: str) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _exit_with(owner: int) -> None:
    """End this process when ``owner`` has ended (a test run that was killed leaves no server behind)."""
    while True:
        time.sleep(1)
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass


def serve(root: Path, owner: int | None = None) -> tuple[subprocess.Popen, str]:
    """A server in a process of its own, for ``root``: the process and its URL. The process outlives the
    test process that starts it (a pytest-xdist worker), and ends with ``owner`` (the run's first process)."""
    args = [sys.executable, "-m", "tests.browser.site", str(root), "0"] + (["--owner", str(owner)] if owner else [])
    proc = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().strip()
    if not url.startswith("http://"):
        proc.kill()
        raise RuntimeError(f"the server for {root} did not start")
    return proc, url


if __name__ == "__main__":
    # python -m tests.browser.site SITE_DIR PORT [--owner PID]: serve a built site (scripts/lighthouse.sh, and
    # the browser tests' shared sites); prints its URL first. Port 0: any free port.
    server = Server(Path(sys.argv[1]), int(sys.argv[2]))
    if sys.argv[3:4] == ["--owner"]:
        threading.Thread(target=_exit_with, args=(int(sys.argv[4]),), daemon=True).start()
    print(server.url, flush=True)
    server.httpd.serve_forever()
