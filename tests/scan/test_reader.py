"""Reading the calendars scheduling tools export, without the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import DataError
from app.scan.reader import read_posts

HERE = Path(__file__).parent


def test_hootsuite_bulk_csv_has_no_header_the_text_is_found_by_shape() -> None:
    read = read_posts(str(HERE / "hootsuite.csv"))
    assert "no header row" in read.layout and "column 2" in read.layout
    first, second, _, fourth, *_ = read.posts
    assert (first.row, first.date, first.link) == (
        1,
        "12/01/2026 09:00",
        "https://example.org/gala",
    )
    assert second.text.startswith("So proud of my client Maria Lopez") and second.link == ""
    assert (
        fourth.text
        == "Volunteers needed for our winter coat drive.\nDrop-offs Monday to Friday, 9 to 5."
    )
    assert len(read.posts) == 6


def test_buffer_csv_with_bom_crlf_and_a_cell_over_several_lines() -> None:
    read = read_posts(str(HERE / "buffer.csv"))
    assert "a header row" in read.layout and "“Text”" in read.layout
    assert [p.row for p in read.posts] == [2, 3, 4, 5, 6]  # row 1 is the header
    assert read.posts[0].text.startswith("Happy Thanksgiving")
    assert read.posts[2].text.splitlines()[1].startswith("our client jamal")
    assert "\r" not in read.posts[2].text
    assert read.posts[2].date == "2026-11-28 11:30"


def test_jsonl_keeps_ids_dates_and_links() -> None:
    read = read_posts(str(HERE / "calendar.jsonl"))
    assert [p.id for p in read.posts] == ["mon-am", "mon-pm", "tue-am"]
    assert read.posts[2].link == "https://example.org/hours"


@pytest.mark.parametrize(
    ("content", "text_column", "expected"),
    [
        ("Date;Message;Link\n2026-12-01;Hello there;\n", None, "Hello there"),
        ("sep=;\nwhen;Post\n2026-12-01;Hello there\n", None, "Hello there"),
        ("Scheduled At,Caption\n2026-12-01,Hello there\n", None, "Hello there"),
        ("When,What\n2026-12-01,Hello there\n", "What", "Hello there"),
        ("2026-12-01,Hello there,x\n", "2", "Hello there"),
        ("Date\tContent\n2026-12-01\tHello there\n", None, "Hello there"),
    ],
)
def test_csv_shapes(tmp_path: Path, content: str, text_column: str | None, expected: str) -> None:
    path = tmp_path / "cal.csv"
    path.write_text(content, encoding="utf-8")
    assert read_posts(str(path), text_column=text_column).posts[0].text == expected


def test_json_array_and_another_key(tmp_path: Path) -> None:
    path = tmp_path / "cal.json"
    path.write_text(json.dumps([{"message": "Hi", "id": 7}]), encoding="utf-8")
    post = read_posts(str(path), text_column="message").posts[0]
    assert (post.id, post.text) == ("7", "Hi")


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("cal.csv", "Date,Message\n2026-12-01,Caf\xe9 night\n".encode("latin-1"), "line 2"),
        ("cal.csv", b"", "no posts"),
        ("cal.csv", b'Date,Message\n2026-12-01,"unterminated\n', "not valid CSV"),
        ("cal.jsonl", b'{"text": "ok"}\n{"text": \n', "line 2: not valid JSON"),
        ("cal.jsonl", b'{"text": "ok"}\n{"txt": "no"}\n', "line 2: expected an object"),
        ("cal.jsonl", b'["text"]\n', "line 1: expected an object"),
    ],
)
def test_unreadable_files_are_data_errors(
    tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError, match=said) as caught:
        read_posts(str(path))
    assert "night" not in caught.value.message  # an error never quotes a post


def test_named_column_that_is_not_there(tmp_path: Path) -> None:
    path = tmp_path / "cal.csv"
    path.write_text("Date,Message\n2026-12-01,Hello\n", encoding="utf-8")
    with pytest.raises(DataError, match="no column named 'Body'"):
        read_posts(str(path), text_column="Body")


def test_another_encoding_when_named(tmp_path: Path) -> None:
    path = tmp_path / "cal.csv"
    path.write_bytes("Date,Message\n2026-12-01,Café night\n".encode("cp1252"))
    assert read_posts(str(path), encoding="cp1252").posts[0].text == "Café night"
