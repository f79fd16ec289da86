"""Writers: every format read back gives the rows written; resume cuts partial lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from stripper.record import ErrorInfo, Item, Metadata, Record, Source
from stripper.write import (
    FIELDS,
    FieldsError,
    make_writer,
    page_file_name,
    parse_fields,
    read_back,
    to_row,
)


def records() -> list[Record]:
    meta = Metadata(title="Un titre, «quoted»", authors=("Ana Ruiz", "Bo Li"), date="2024-05-01",
                    language="fr", tags=("a", "b"),
                    sources={"title": Source("meta:og:title", "Un titre")})
    ok = Record(url="https://ex.org/a", source="pages/a.html", metadata=meta,
                body="First line, with comma.\n\nSecond \"quoted\" paragraph.\r\nEnd",
                page_type="article", confidence=0.8123456,
                stats={"blocks": 4, "chars": 57, "cpu_ms": 1.234})
    listing = Record(url=None, source="pages/list.html", body="Teaser one\n\nTeaser two",
                     page_type="listing",
                     items=(Item("Teaser one", "https://ex.org/1", "Summary", "2024-01-02"),
                            Item("Teaser two")),
                     stats={"blocks": 2, "chars": 20, "cpu_ms": 0.5})
    bad = Record(source="pages/empty.html",
                 error=ErrorInfo(kind="parse-error", message="empty input", stage="parse"))
    return [ok, listing, bad]


def normalise_csv(row: dict[str, str]) -> dict[str, Any]:
    """CSV cells are text: JSON for lists/objects, empty for None."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if v == "":
            out[k] = None
        elif k in ("authors", "tags", "items", "sources", "error", "stats"):
            out[k] = json.loads(v)
        elif k == "schema":
            out[k] = int(v)
        elif k == "confidence":
            out[k] = float(v)
        else:
            out[k] = v
    return out


def normalise_parquet(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for k in ("sources", "stats"):
        if out.get(k) is not None:
            out[k] = dict(out[k])
    if out.get("stats"):
        out["stats"] = {k: v for k, v in out["stats"].items()}
    return out


def expected(fields: tuple[str, ...] = FIELDS) -> list[dict[str, Any]]:
    rows = [to_row(r, fields) for r in records()]
    for row in rows:
        if row.get("body") == "":
            row["body"] = "" if "body" in row else None
    return rows


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "parquet"])
@pytest.mark.parametrize("fields", [FIELDS, ("source", "title", "body", "error")])
def test_each_format_reads_back(tmp_path: Path, fmt: str, fields: tuple[str, ...]) -> None:
    path = tmp_path / f"out.{fmt}"
    with make_writer(fmt, path, fields=fields) as w:
        for r in records():
            w.write(r)
    rows = read_back(path, fmt)
    want = [to_row(r, fields) for r in records()]
    if fmt == "csv":
        rows = [normalise_csv(r) for r in rows]
        for w_row in want:  # an empty body and no body are the same empty cell
            if w_row.get("body") == "":
                w_row["body"] = None
    if fmt == "parquet":
        rows = [normalise_parquet(r) for r in rows]
        for w_row in want:
            if w_row.get("stats") is not None:
                w_row["stats"] = {k: float(v) for k, v in w_row["stats"].items()}
    assert rows == want
    assert all(tuple(r) == fields for r in rows)
    assert not list(tmp_path.glob(".*.tmp"))


def test_timings_are_opt_in() -> None:
    r = records()[0]
    assert "cpu_ms" not in to_row(r)["stats"]  # type: ignore[operator]
    assert to_row(r, timings=True)["stats"]["cpu_ms"] == 1.234  # type: ignore[index]


def test_single_json_page_is_an_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    with make_writer("json", path, single=True) as w:
        w.write(records()[0])
    assert json.loads(path.read_text())["title"] == "Un titre, «quoted»"
    path2 = tmp_path / "none.json"
    with make_writer("json", path2):
        pass
    assert json.loads(path2.read_text()) == []


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_text_folder_one_file_per_page_and_an_index(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "texts"
    with make_writer(fmt, out) as w:
        for r in records():
            w.write(r)
    index = read_back(out, fmt)
    assert [e["source"] for e in index] == [r.source for r in records()]
    assert index[2]["file"] is None and index[2]["error"]["kind"] == "parse-error"
    first = (out / index[0]["file"]).read_text(encoding="utf-8")
    head = "# Un titre" if fmt == "md" else "Un titre"
    assert first.startswith(head) and "Second \"quoted\" paragraph." in first
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [index[0]["file"], index[1]["file"], "index.jsonl"])


def test_page_file_names_are_stable_and_distinct() -> None:
    a = page_file_name("fixtures/pages/news/source.html", "txt")
    b = page_file_name("fixtures/pages/listing/source.html", "txt")
    assert a != b and a == page_file_name("fixtures/pages/news/source.html", "txt")
    assert a.startswith("fixtures-pages-news-source-") and a.endswith(".txt")
    assert "/" not in page_file_name("https://ex.org/a/b?c=1", "md")


def test_fields_are_checked() -> None:
    assert parse_fields("body, title") == ("body", "title")
    assert parse_fields(None) == FIELDS
    with pytest.raises(FieldsError, match="unknown field"):
        parse_fields("title,nope")
    with pytest.raises(FieldsError):
        parse_fields(" , ")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "txt", "parquet"])
def test_resume_skips_done_sources_and_appends(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / ("out" if fmt == "txt" else f"out.{fmt}")
    recs = records()
    with make_writer(fmt, path) as w:
        w.write(recs[0])
    if fmt in ("jsonl", "csv"):  # a run killed in the middle of the second record
        with open(path, "a", encoding="utf-8") as fh:
            fh.write('{"schema": 1, "source": "pages/li' if fmt == "jsonl"
                     else '1,,pages/list.html,,,"[""unfinished')
    with make_writer(fmt, path, resume=True) as w:
        assert w.done == {"pages/a.html"}
        for r in recs:
            if r.source not in w.done:
                w.write(r)
    rows = read_back(path, fmt)
    assert [r["source"] for r in rows] == [r.source for r in recs]


def test_resume_needs_the_source_field(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text('{"title": "x"}\n')
    with pytest.raises(FieldsError, match="source"), \
            make_writer("jsonl", path, fields=("title",), resume=True):
        pass


def test_resume_refuses_a_csv_with_other_columns(tmp_path: Path) -> None:
    from stripper.errors import WriteError

    path = tmp_path / "out.csv"
    with make_writer("csv", path, fields=("source", "title")) as w:
        w.write(records()[0])
    with pytest.raises(WriteError, match="other columns"), \
            make_writer("csv", path, fields=("source", "body"), resume=True):
        pass


def test_parquet_needs_a_path() -> None:
    from stripper.errors import WriteError

    with pytest.raises(WriteError, match="-o"):
        make_writer("parquet", None)


def test_unwritable_path_is_a_write_error(tmp_path: Path) -> None:
    from stripper.errors import WriteError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WriteError, match="cannot write"), \
            make_writer("jsonl", blocker / "out.jsonl"):
        pass
