"""Rosters are stored as keyed hashes only: nothing in the file gives a name back."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import stat
from pathlib import Path

import pytest

from app.errors import ConfigError, DataError
from app.roster import store
from app.roster.importer import import_roster, read_clients

ROSTER = Path(__file__).parent / "roster.csv"
SECRET = "test-secret-" + "k" * 20
PLAIN = [
    "María López",
    "Mari",
    "Sunny",
    "CL-20931",
    "Hope Williams",
    "CL-20932",
    "Jamal Edward Washington",
    "Big J",
    "CL-77120",
    "Nguyễn Thị Thu",
    "Tina",
    "MRN 448812",
]


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    import_roster(str(ROSTER), "default", tmp_path, SECRET)
    return store.path_for(tmp_path, "default")


def _forms(value: str) -> set[str]:
    """A value as it might leak: as written, folded, and its words."""
    forms = {value, value.casefold(), store.canonical(value), store.canonical_id(value)}
    for form in list(forms):
        forms.update(form.split())
    return {f for f in forms if f}


def test_no_roster_value_or_part_of_one_is_in_the_file(stored: Path) -> None:
    raw = stored.read_bytes()
    text = raw.decode("utf-8").casefold()
    for value in PLAIN:
        for form in _forms(value):
            # every stretch of 4 or more characters, in plain text
            for size in range(4, len(form) + 1):
                for i in range(len(form) - size + 1):
                    assert form[i : i + size].casefold() not in text, (value, form[i : i + size])
            if len(form) < 4:
                continue  # the hex of "j" is two hex digits: found in any hash
            encoded = form.encode()
            for leak in (
                encoded.hex(),
                base64.b64encode(encoded).decode(),
                base64.urlsafe_b64encode(encoded).decode().rstrip("="),
            ):
                assert leak.casefold() not in text, (value, leak)


def test_the_file_holds_only_sorted_hashes(stored: Path) -> None:
    data = json.loads(stored.read_text(encoding="utf-8"))
    assert set(data) == {"format", "policy", "key_check", "updated", *store.KINDS}
    for kind in store.KINDS:
        assert data[kind] == sorted(data[kind])
        assert all(len(h) == 2 * store.DIGEST_BYTES and int(h, 16) >= 0 for h in data[kind])


def test_without_the_secret_the_names_do_not_hash_to_what_is_stored(stored: Path) -> None:
    text = stored.read_text(encoding="utf-8")
    stored_values = {h for kind in store.KINDS for h in json.loads(text)[kind]}
    wrong = store.RosterKey("another-secret-" + "x" * 20, "default")
    other_policy = store.RosterKey(SECRET, "example-agency")
    right = store.RosterKey(SECRET, "default")
    candidates = {f for value in PLAIN for f in _forms(value)}
    for form in candidates:
        for guess in (
            wrong(form).hex(),
            other_policy(form).hex(),
            hashlib.sha256(form.encode()).hexdigest()[: 2 * store.DIGEST_BYTES],
            hashlib.md5(form.encode()).hexdigest(),
            hmac.digest(b"", form.encode(), "sha256")[: store.DIGEST_BYTES].hex(),
        ):
            assert guess not in stored_values, form
    # ... while the right secret does: the test would catch a roster stored empty
    assert right(store.canonical("María López")).hex() in stored_values


def test_file_is_private(stored: Path) -> None:
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700
    assert not [p for p in stored.parent.iterdir() if p.name.startswith(".roster-")]


def test_merge_adds_and_replace_starts_again(tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text("name\nAda Quist\n", encoding="utf-8")
    one = import_roster(str(first), "default", tmp_path, SECRET)
    merged = import_roster(str(ROSTER), "default", tmp_path, SECRET)
    # full names, first + last of the longer ones, and "Big J"
    assert merged.counts["names"] == one.counts["names"] + 7
    replaced = import_roster(str(ROSTER), "default", tmp_path, SECRET, replace=True)
    assert replaced.counts["names"] == 7


def test_a_different_secret_is_refused_not_ignored(stored: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="different SCREENER_ROSTER_SECRET"):
        store.load(stored, store.RosterKey("another-secret-" + "x" * 20, "default"))
    with pytest.raises(ConfigError, match="different SCREENER_ROSTER_SECRET"):
        import_roster(str(ROSTER), "default", tmp_path, "another-secret-" + "x" * 20)


@pytest.mark.parametrize("secret", [None, "", "short"])
def test_no_or_weak_secret_is_refused(tmp_path: Path, secret: str | None) -> None:
    with pytest.raises(ConfigError, match="SCREENER_ROSTER_SECRET"):
        import_roster(str(ROSTER), "default", tmp_path, secret)
    assert not (tmp_path / "rosters").exists()


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("  María-José  O'Brien ", "maria jose obrien"),
        ("ＭＡＲＩＡ　LÓPEZ", "maria lopez"),
        ("Renée\u00a0Zoë", "renee zoe"),
        ("STRAẞE", "strasse"),
    ],
)
def test_canonical(raw: str, folded: str) -> None:
    assert store.canonical(raw) == folded


def test_deletion_neighbourhood() -> None:
    assert store.deletes("abc") == {"abc", "bc", "ac", "ab"}


def test_reading_a_roster_csv(tmp_path: Path) -> None:
    clients, skipped = read_clients(str(ROSTER))
    assert len(clients) == 4 and not skipped
    assert clients[0].nicknames == ("Mari", "Sunny")
    split = tmp_path / "split.csv"
    split.write_text(
        "First Name;Last Name;Client ID;AKA;Notes\nAda;Quist;A-1001|A-1002;;\n;;;;moved\n",
        encoding="utf-8",
    )
    clients, skipped = read_clients(str(split))
    assert clients == [store.Client(names=("Ada Quist",), ids=("A-1001", "A-1002"))]
    assert skipped == [3]


def test_a_roster_without_header_is_a_data_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Ada Quist,A-1001\n", encoding="utf-8")
    with pytest.raises(DataError, match="header row"):
        read_clients(str(bad))


def test_short_or_digitless_ids_are_refused(tmp_path: Path) -> None:
    ids = tmp_path / "ids.csv"
    ids.write_text("client_id\n12\nABCDE\nX-4471\n", encoding="utf-8")
    done = import_roster(str(ids), "default", tmp_path, SECRET)
    assert (done.refused_ids, done.counts["ids"]) == (2, 1)
