"""``screener roster import``: a roster CSV → keyed hashes in ``<data_dir>/rosters/``.

The CSV needs a header row. Columns are found by name, in any order:

- ``name`` (or ``full name``, ``client name``), or ``first name`` + ``last name``
  (+ ``middle name``);
- ``nicknames`` (or ``aka``, ``alias``, ``preferred name``), several split by ``;`` or ``|``;
- ``client_id`` (or ``id``, ``case number``, ``mrn``, ``member id``), several likewise.

The names read are held in memory only while they are hashed; nothing reports them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.errors import ConfigError, DataError
from app.roster import store
from app.tabular import cell, csv_rows, find_columns, read_text

ALIASES = {
    "name": ["name", "full name", "client name", "client", "client full name", "legal name"],
    "first": ["first name", "first", "given name", "forename"],
    "middle": ["middle name", "middle", "middle names"],
    "last": ["last name", "last", "surname", "family name"],
    "nicknames": [
        "nickname",
        "nicknames",
        "aka",
        "alias",
        "aliases",
        "also known as",
        "preferred name",
        "other names",
    ],
    "ids": [
        "client id",
        "id",
        "client number",
        "case number",
        "case id",
        "case no",
        "mrn",
        "record number",
        "member id",
    ],
}
_SPLIT = re.compile(r"[;|]")


@dataclass(frozen=True, slots=True)
class Imported:
    clients: int
    skipped_rows: list[int]  # row numbers without a name or an id
    refused_ids: int  # shorter than store.ID_MIN_CHARS or without a digit
    counts: dict[str, int]  # hashes stored per kind, after merging
    path: Path


def read_clients(path: str, encoding: str = "utf-8") -> tuple[list[store.Client], list[int]]:
    rows = csv_rows(read_text(path, encoding), path)
    if not rows:
        raise DataError(f"{path} has no rows")
    columns = find_columns(rows[0].cells, ALIASES)
    if not ({"name", "first", "last", "ids"} & set(columns)):
        raise DataError(
            f"{path}: the first row names no roster column; give a header row such as "
            "name,nicknames,client_id (or first name,last name,...)"
        )
    clients: list[store.Client] = []
    skipped: list[int] = []
    for row in rows[1:]:
        client = _client(row.cells, columns)
        if client.names or client.nicknames or client.ids:
            clients.append(client)
        else:
            skipped.append(row.number)
    return clients, skipped


def _client(cells: list[str], columns: dict[str, int]) -> store.Client:
    get = {what: cell(cells, n).strip() for what, n in columns.items()}
    parts = (get.get("first", ""), get.get("middle", ""), get.get("last", ""))
    names = (get.get("name", ""), " ".join(p for p in parts if p))
    return store.Client(
        names=tuple(n for n in names if n),
        nicknames=tuple(_split(get.get("nicknames", ""))),
        ids=tuple(_split(get.get("ids", ""))),
    )


def _split(value: str) -> list[str]:
    return [v.strip() for v in _SPLIT.split(value) if v.strip()]


def import_roster(
    csv_path: str,
    policy_id: str,
    data_dir: Path,
    secret: str | None,
    *,
    replace: bool = False,
    encoding: str = "utf-8",
) -> Imported:
    """Hash the roster into the policy's file: merged with what is there, or replacing it."""
    key = store.RosterKey(require_secret(secret), policy_id)
    clients, skipped = read_clients(csv_path, encoding)
    if not clients:
        raise DataError(f"{csv_path}: no row has a name, nickname or id")
    hashes, refused_ids = store.hash_clients(clients, key)
    path = store.path_for(data_dir, policy_id)
    if path.exists() and not replace:
        hashes.update(store.load(path, key))
    store.write(path, policy_id, key, hashes)
    return Imported(len(clients), skipped, refused_ids, hashes.counts(), path)


def require_secret(secret: str | None) -> str:
    if not secret:
        raise ConfigError(
            "SCREENER_ROSTER_SECRET",
            "not set: rosters are stored and matched as HMACs under this secret. Set it "
            "(the same value wherever the screener runs), e.g. to the output of "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'",
        )
    return secret
