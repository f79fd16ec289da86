"""The extract/explain commands through click's CliRunner (and one real server on 127.0.0.1)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from stripper.cli import main
from stripper.write import read_back

GOOD = ("<html><head><title>Bridge vote</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Bridge vote</h1>"
        + "<p>The council met on Tuesday, heard the residents, and agreed, after a long "
          "debate, to fund the new bridge by spring next year.</p>" * 4
        + "</article><footer>Copyright</footer></body></html>")


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    d = tmp_path / "pages"
    (d / "b").mkdir(parents=True)
    (d / "a.html").write_text(GOOD.replace("Bridge vote", "Alpha"))
    (d / "b" / "c.htm").write_text(GOOD.replace("Bridge vote", "Gamma"))
    (d / "b" / "d.xhtml").write_text(GOOD.replace("Bridge vote", "Delta"))
    return d


def run(*args: str, input: bytes | str | None = None) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


def test_one_file_prints_one_json_object(pages: Path) -> None:
    code, out, err = run("extract", str(pages / "a.html"), "-j", "1")
    assert code == 0 and err == ""
    rec = json.loads(out)
    assert rec["title"] == "Alpha" and rec["source"] == str(pages / "a.html")
    assert "cpu_ms" not in rec["stats"]


def test_folder_to_jsonl_file_with_summary(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    code, stdout, err = run("extract", str(pages), "-o", str(out), "-j", "2")
    assert code == 0 and stdout == ""
    titles = sorted(r["title"] for r in read_back(out, "jsonl"))
    assert titles == ["Alpha", "Delta", "Gamma"]
    assert "3 pages" in err and "3 extracted, 0 failed" in err


def test_glob_and_fields_and_csv(pages: Path) -> None:
    code, out, _ = run("extract", str(pages), "--glob", "*.htm", "-f", "csv",
                       "--fields", "source,title", "-q")
    assert code == 0
    assert out.splitlines() == ["source,title", f"{pages / 'b' / 'c.htm'},Gamma"]


def test_stdin_and_input_list(pages: Path, tmp_path: Path) -> None:
    code, out, _ = run("extract", "-", "-f", "txt", input=GOOD.encode())
    assert code == 0 and out.startswith("Bridge vote\n\nThe council met")
    listing = tmp_path / "list.txt"
    listing.write_text(f"# pages to do\n{pages / 'a.html'}\n\n{pages / 'b'}\n")
    code, out, _ = run("extract", "-i", str(listing), "--fields", "title", "-q")
    assert code == 0
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Alpha", "Gamma",
                                                                         "Delta"]


def test_failures_exit_1_unless_keep_going(pages: Path) -> None:
    (pages / "empty.html").write_text("")
    code, out, err = run("extract", str(pages), "-j", "1", "--ordered")
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 4
    bad = [r for r in rows if r["error"]]
    assert bad[0]["source"].endswith("empty.html")
    assert bad[0]["error"]["kind"] == "parse-error" and bad[0]["error"]["stage"] == "parse"
    assert "empty.html: parse-error: empty input" in err
    assert "1 failed (parse-error 1)" in err and "Traceback" not in err
    code, _, err = run("extract", str(pages), "--keep-going", "-q")
    assert code == 0 and err == ""


@pytest.mark.parametrize("args", [
    ["extract"],
    ["extract", "x.html", "--fields", "title,bogus"],
    ["extract", "x.html", "-f", "yaml"],
    ["extract", "x.html", "--resume"],
    ["extract", "x.html", "-o", "out.json", "-f", "json", "--resume"],
    ["extract", "x.html", "-j", "0"],
])
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, _, err = run(*args)
    assert code == 2 and "Traceback" not in err


def test_nothing_found_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("extract", str(tmp_path))
    assert code == 2 and "no input pages found" in err


def test_unwritable_output_is_one_line(pages: Path, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    code, _, err = run("extract", str(pages), "-o", str(tmp_path / "f" / "out.jsonl"))
    assert code == 1 and err.startswith("Error: cannot write") and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["json", "csv", "parquet", "md"])
def test_formats_to_files(pages: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / ("texts" if fmt == "md" else f"out.{fmt}")
    code, _, _ = run("extract", str(pages), "-f", fmt, "-o", str(out), "-q", "--ordered")
    assert code == 0
    rows = read_back(out, fmt)
    assert [Path(r["source"]).name for r in rows] == ["a.html", "c.htm", "d.xhtml"]
    if fmt == "md":
        assert (out / rows[0]["file"]).read_text().startswith("# Alpha\n")


def test_resume_appends_only_new_pages(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    run("extract", str(pages / "a.html"), "-f", "csv", "-o", str(out), "-q")
    code, _, err = run("extract", str(pages), "-f", "csv", "-o", str(out), "--resume")
    assert code == 0 and "2 pages" in err
    assert sorted(r["title"] for r in read_back(out, "csv")) == ["Alpha", "Delta", "Gamma"]


def test_explain_flag_and_command(pages: Path) -> None:
    code, out, _ = run("extract", "--explain", str(pages / "a.html"))
    assert code == 0 and out.startswith(f"# {pages / 'a.html'}") and "keep" in out
    code2, out2, _ = run("explain", str(pages / "a.html"))
    assert code2 == 0 and out2 == out


def test_timings_flag_keeps_cpu_time(pages: Path) -> None:
    _, out, _ = run("extract", str(pages / "a.html"), "--timings")
    assert json.loads(out)["stats"]["cpu_ms"] >= 0


class _Site(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/article":
            body, status = GOOD.encode(), 200
        else:
            body, status = b"not here", 404
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_urls_go_through_the_fetch_layer(site: str) -> None:
    code, out, _ = run("extract", f"{site}/article", f"{site}/gone", "--ordered")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert rows[0]["title"] == "Bridge vote" and rows[0]["url"] == f"{site}/article"
    assert rows[1]["source"] == f"{site}/gone" and rows[1]["error"]["stage"] == "fetch"
    assert rows[1]["error"]["status"] == 404


def test_progress_bar_only_on_a_terminal(pages: Path, tmp_path: Path) -> None:
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    (pages / "empty.html").write_text("")
    cmd = [sys.executable, "-m", "stripper", "extract", str(pages), "-o",
           str(tmp_path / "o.jsonl"), "-j", "1"]
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen(cmd, stderr=slave, stdout=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == 1
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "4/4" in screen and "errors=1" in screen and "pages/s" in screen
    assert "1 failed (parse-error 1)" in screen
    plain = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    assert "\r" not in plain.stderr and "errors=" not in plain.stderr
    assert plain.stderr.splitlines()[-1].startswith("stripper: 4 pages")
