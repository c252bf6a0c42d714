"""Reading the CSV files people export from spreadsheets and scheduling tools.

Byte-order marks, CRLF line ends, quoted cells over several lines, ``;`` or tab as the
separator (Excel in much of Europe), Excel's ``sep=;`` first line; a file that is not
in the expected encoding is a :class:`~app.errors.DataError` naming the byte and line.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from app.errors import DataError

_SEPARATORS = ",;\t"
_EXCEL_SEP = re.compile(r"sep=(.)\r?\n")
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # the row a spreadsheet shows it on: 1 is the first
    cells: list[str]


def read_text(path: str, encoding: str = "utf-8") -> str:
    """The whole file (``-``: standard input) as text, a UTF-8 byte-order mark dropped."""
    name = "standard input" if path == "-" else path
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in {"utf-8", "utf8"} else encoding
    try:
        return data.decode(codec)
    except LookupError:
        raise DataError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(
            f"{name} is not {encoding} text (byte {exc.start}, line {line}). Save it as "
            "UTF-8 (“CSV UTF-8” in Excel), or name its encoding, e.g. --encoding cp1252."
        ) from None


def _separator(text: str) -> tuple[str, str]:
    """The separator, and the text without an Excel ``sep=`` line."""
    if m := _EXCEL_SEP.match(text):
        return m.group(1), text[m.end() :]
    first = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {sep: unquoted.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda sep: counts[sep])  # ties go to ","
    return (best if counts[best] else ","), text


def csv_rows(text: str, name: str) -> list[Row]:
    """Every non-blank row, numbered as a spreadsheet shows it (a cell over several
    lines is still one row)."""
    sep, body = _separator(text)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=sep, strict=True)
    try:
        return [Row(n, cells) for n, cells in enumerate(reader, 1) if any(map(str.strip, cells))]
    except csv.Error as exc:
        raise DataError(f"{name}, line {reader.line_num}: not valid CSV: {exc}") from None


def header_key(cell: str) -> str:
    """``" Scheduled_At "`` → ``"scheduled at"``."""
    return _NON_WORD.sub(" ", cell.casefold()).strip()


def find_columns(header: Iterable[str], aliases: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Which column holds what: ``{"text": 1, "date": 0}`` for the names in ``aliases``
    (the first column whose header is one of a name's aliases)."""
    keys = [header_key(h) for h in header]
    found: dict[str, int] = {}
    for name, names in aliases.items():
        wanted = {header_key(a) for a in names}
        for n, key in enumerate(keys):
            if key in wanted:
                found[name] = n
                break
    return found


def cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index]
