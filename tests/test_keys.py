"""API keys: generated, hashed, read from a keys file, and found by the hash."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from app.errors import ConfigError
from app.keys import MAX_KEY_CHARS, ApiKey, KeyRing, generate_key, hash_key, load_keys, read_keys


def _entry(key_id: str, secret: str, policy: str = "default", **extra: object) -> dict[str, object]:
    return {"id": key_id, "policy": policy, "hash": hash_key(secret), **extra}


def _file(tmp_path: Path, *entries: dict[str, object]) -> Path:
    path = tmp_path / "keys.yaml"
    path.write_text(yaml.safe_dump({"keys": list(entries)}), encoding="utf-8")
    return path


def test_a_key_is_256_random_bits_with_a_prefix() -> None:
    keys = {generate_key() for _ in range(100)}
    assert len(keys) == 100
    for key in keys:
        assert re.fullmatch(r"scr_[A-Za-z0-9_-]{43}", key)


def test_the_hash_is_sha256_of_the_key() -> None:
    assert hash_key("abc") == (
        "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


def test_the_ring_finds_a_key_by_its_hash_only(tmp_path: Path) -> None:
    a, b = generate_key(), generate_key()
    ring = load_keys(_file(tmp_path, _entry("a", a), _entry("b", b, admin=True)), {"default"})
    assert ring.enabled
    found = ring.find(b)
    assert found is not None and (found.id, found.admin) == ("b", True)
    assert ring.find(a[:-1]) is None
    assert ring.find("") is None
    assert ring.find(a + "x" * MAX_KEY_CHARS) is None
    assert a not in (tmp_path / "keys.yaml").read_text()


def test_no_keys_file_means_no_keys() -> None:
    assert not load_keys(None, {"default"}).enabled
    assert KeyRing().find("anything") is None


@pytest.mark.parametrize(
    ("entries", "field", "problem"),
    [
        ([_entry("a", "scr_x", key="scr_x")], "keys.a.key", "hashes only"),
        ([{"id": "a", "policy": "default", "key": "scr_x"}], "keys.a.hash", "hashes only"),
        ([_entry("a", "k1"), _entry("a", "k2")], "keys.a", "used twice"),
        ([_entry("a", "k1"), _entry("b", "k1")], "keys.b.hash", "same hash"),
        ([{"id": "a", "policy": "default", "hash": "md5:abc"}], "keys.a.hash", "pattern"),
        ([_entry("a", "k", rate_limit="lots")], "keys.a.rate_limit", "lots"),
        ([_entry("a", "k", policy="elsewhere")], "keys.a.policy", "unknown policy"),
        ([], "keys", "at least 1"),
    ],
)
def test_a_wrong_keys_file_names_file_key_and_field(
    tmp_path: Path, entries: list[dict[str, object]], field: str, problem: str
) -> None:
    path = _file(tmp_path, *entries)
    with pytest.raises(ConfigError) as caught:
        load_keys(path, {"default"})
    message = str(caught.value)
    assert str(path) in message
    assert f"field {field}" in message
    assert problem in message


def test_a_missing_keys_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.yaml"):
        read_keys(tmp_path / "nope.yaml")


def test_an_entry_is_yaml_for_the_keys_file() -> None:
    key = ApiKey(id="comms", policy="default", hash=hash_key("k"), rate_limit="5/minute")
    assert yaml.safe_load(key.entry()) == [
        {"id": "comms", "policy": "default", "hash": hash_key("k"), "rate_limit": "5/minute"}
    ]
