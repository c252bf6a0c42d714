"""The posts of a file to scan: a scheduling tool's CSV, or JSON Lines.

CSV as the bulk-scheduling tools take and give it:

- Hootsuite's bulk composer: no header row; date and time, the message, an optional link;
- Buffer, Later, Sprout Social and spreadsheets: a header row naming the columns
  ("Text", "Message", "Post", "Caption", "Content"; "Date", "Posting Time",
  "Scheduled at"; "Link", "URL").

The text column is found by its header or, with no header row, by its shape (the
longest cells that are neither dates nor links); ``--text-column`` names it (a header or
a 1-based number). JSON Lines: one object a line with ``text`` (or ``--text-column``),
and optionally ``id``, ``date``, ``link``; a ``.json`` file may hold an array of them.
"""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from app.errors import DataError
from app.tabular import Row, cell, csv_rows, find_columns, header_key, read_text

ALIASES = {
    "text": [
        "text",
        "message",
        "post",
        "post text",
        "message text",
        "caption",
        "content",
        "post content",
        "body",
        "copy",
        "post copy",
        "tweet",
        "status",
    ],
    "date": [
        "date",
        "date time",
        "datetime",
        "date and time",
        "time",
        "posting time",
        "scheduled at",
        "scheduled",
        "scheduled time",
        "scheduled date",
        "scheduled for",
        "publish date",
        "publish at",
        "send at",
        "published at",
    ],
    "link": ["link", "url", "link url", "links", "post link"],
    "id": ["id", "post id"],
}
_DATE = re.compile(
    r"^\s*(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}:\d{2}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4})"
)
_URL = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Post:
    row: int  # the spreadsheet row (CSV) or line (JSON Lines) it came from
    id: str
    text: str
    date: str = ""
    link: str = ""


@dataclass(frozen=True, slots=True)
class Posts:
    posts: list[Post]
    layout: str  # what was understood of the file, said plainly


def read_posts(
    path: str, *, text_column: str | None = None, encoding: str = "utf-8", fmt: str | None = None
) -> Posts:
    text = read_text(path, encoding)
    suffix = PurePath(path).suffix.lower()
    if fmt is None:
        if suffix in {".jsonl", ".ndjson", ".json"}:
            fmt = "jsonl"
        elif suffix in {".csv", ".tsv", ".txt"}:
            fmt = "csv"
        else:
            fmt = "jsonl" if text.lstrip().startswith(("{", "[")) else "csv"
    read = _read_jsonl if fmt == "jsonl" else _read_csv
    posts = read(text, path, text_column)
    if not posts.posts:
        raise DataError(f"{path} has no posts")
    return posts


def _read_csv(text: str, name: str, text_column: str | None) -> Posts:
    rows = csv_rows(text, name)
    if not rows:
        return Posts([], "CSV")
    columns = find_columns(rows[0].cells, ALIASES)
    named = text_column is not None and not text_column.isdigit()
    has_header = named or "text" in columns or len(columns) >= 2
    data = rows[1:] if has_header else rows
    if text_column is not None:
        columns["text"] = _column_named(text_column, rows[0].cells if has_header else None, name)
    elif not has_header:
        columns = _columns_by_shape(data)
    if "text" not in columns:
        raise DataError(
            f"{name}: no column of post text among "
            f"{', '.join(repr(c) for c in rows[0].cells)}; name it with --text-column"
        )
    n = columns["text"]
    label = f"“{rows[0].cells[n].strip()}”" if has_header else "by its shape"
    layout = (
        f"CSV, {'a header row' if has_header else 'no header row'}, "
        f"post text in column {n + 1} ({label})"
    )
    return Posts([_post(row, columns) for row in data], layout)


def _post(row: Row, columns: dict[str, int]) -> Post:
    def get(what: str) -> str:
        return cell(row.cells, columns.get(what)).replace("\r\n", "\n").strip()

    return Post(row.number, get("id") or str(row.number), get("text"), get("date"), get("link"))


def _column_named(wanted: str, header: list[str] | None, name: str) -> int:
    if wanted.isdigit():
        if int(wanted) < 1:
            raise DataError("--text-column counts from 1")
        return int(wanted) - 1
    keys = [header_key(h) for h in header or []]
    if header_key(wanted) not in keys:
        raise DataError(f"{name}: no column named {wanted!r}; the first row has {header}")
    return keys.index(header_key(wanted))


def _columns_by_shape(rows: list[Row]) -> dict[str, int]:
    """With no header: dates and links by how their cells look; the text is the column
    of the longest cells that are neither."""
    sample = rows[:200]
    width = max(len(r.cells) for r in sample)
    columns: dict[str, int] = {}
    lengths: dict[int, float] = {}
    for n in range(width):
        cells = [c.strip() for r in sample if (c := cell(r.cells, n)).strip()]
        if not cells:
            continue
        if _share(_DATE, cells) >= 0.5:
            columns.setdefault("date", n)
        elif _share(_URL, cells) >= 0.5:
            columns.setdefault("link", n)
        else:
            lengths[n] = statistics.fmean(map(len, cells))
    if lengths:
        columns["text"] = max(lengths, key=lambda n: lengths[n])
    return columns


def _share(pattern: re.Pattern[str], cells: list[str]) -> float:
    return sum(bool(pattern.match(c)) for c in cells) / len(cells)


def _read_jsonl(text: str, name: str, text_column: str | None) -> Posts:
    key = text_column or "text"
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError(f"{name}, line {exc.lineno}: not valid JSON: {exc.msg}") from None
        lines = [(n, item) for n, item in enumerate(items, 1)] if isinstance(items, list) else []
        layout = f"a JSON array, post text in {key!r}"
    else:
        lines = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                lines.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise DataError(f"{name}, line {n}: not valid JSON: {exc.msg}") from None
        layout = f"JSON Lines, post text in {key!r}"
    return Posts([_json_post(n, obj, key, name) for n, obj in lines], layout)


def _json_post(n: int, obj: Any, key: str, name: str) -> Post:
    if not isinstance(obj, dict) or not isinstance(obj.get(key), str):
        raise DataError(f"{name}, line {n}: expected an object with a string {key!r}")

    def get(*keys: str) -> str:
        return next((str(obj[k]) for k in keys if obj.get(k) is not None), "")

    return Post(
        n,
        get("id") or str(n),
        obj[key].strip(),
        get("date", "scheduled_at", "time"),
        get("link", "url"),
    )
