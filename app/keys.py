"""API keys: who may call the service, and under which organisation's policy.

The keys file (``SCREENER_KEYS_FILE``) holds a hash of each key, never the key::

    keys:
      - id: comms                   # names the key in the audit log and the server log
        policy: example-agency      # the organisation's policy; the key checks under it only
        hash: "sha256:9f86d08..."   # `screener keys new` prints the key once, and this entry
        rate_limit: 120/minute      # optional; SCREENER_RATE_LIMIT otherwise
        admin: false                # optional; true lets the key reload and export the audit log

Why SHA-256 and not bcrypt or Argon2: those are slow on purpose, to protect passwords a
person chose from guessing. A key here is 32 random bytes (256 bits): no guessing
attack on its hash is feasible however fast the hash, and a fast one keeps checking a
key to about a microsecond a request. A leaked keys file therefore reveals no key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from limits import RateLimitItem, parse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.errors import ConfigError
from app.rules.loader import read_yaml

PREFIX = "scr_"  # lets secret scanners and people tell a screener key at a glance
MAX_KEY_CHARS = 200  # longer is not a key of ours: refused before it is hashed


def generate_key() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


class ApiKey(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")
    policy: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    hash: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    rate_limit: str | None = None
    admin: bool = False

    @field_validator("rate_limit")
    @classmethod
    def _parses(cls, value: str | None) -> str | None:
        if value is not None:
            parse(value)
        return value

    def entry(self) -> str:
        """The key's entry in a keys file, as YAML (a list item)."""
        data = self.model_dump(exclude_defaults=True)
        return yaml.safe_dump([data], sort_keys=False, allow_unicode=True)


class _KeysFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    keys: list[ApiKey] = Field(min_length=1)


@dataclass(frozen=True)
class KeyRing:
    """The keys in force, immutable: a reload builds a new ring and swaps it in."""

    keys: tuple[ApiKey, ...] = ()
    _digests: tuple[tuple[bytes, ApiKey], ...] = field(default=(), repr=False)
    _limits: Mapping[str, RateLimitItem] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, keys: Collection[ApiKey]) -> KeyRing:
        digests = tuple((bytes.fromhex(k.hash.removeprefix("sha256:")), k) for k in keys)
        limits = {k.id: parse(k.rate_limit) for k in keys if k.rate_limit}
        return cls(tuple(keys), digests, limits)

    def limit(self, key_id: str, default: RateLimitItem) -> RateLimitItem:
        """The key's own rate limit, parsed once, or ``default``."""
        return self._limits.get(key_id, default)

    @property
    def enabled(self) -> bool:
        return bool(self.keys)

    def find(self, presented: str) -> ApiKey | None:
        """The key whose hash matches, or None. Compares with every key in constant
        time, so neither the answer's timing nor its content says how close a guess was."""
        if not presented or len(presented) > MAX_KEY_CHARS:
            return None
        digest = hashlib.sha256(presented.encode("utf-8")).digest()
        found = None
        for candidate, key in self._digests:
            if hmac.compare_digest(candidate, digest):
                found = key
        return found


def read_keys(path: Path) -> list[ApiKey]:
    """The keys of a keys file, validated on their own (no policy is looked up)."""
    data: Any = read_yaml(path)
    try:
        keys = _KeysFile.model_validate(data).keys
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [str(part) for part in err["loc"]]
        if len(loc) >= 2 and loc[0] == "keys" and loc[1].isdigit():
            try:
                loc[1] = str(data["keys"][int(loc[1])]["id"])
            except (KeyError, IndexError, TypeError):
                loc[1] = f"#{loc[1]}"
        hint = " (the file holds hashes only: `screener keys new` prints one)" * (
            err["type"] == "extra_forbidden" or loc[-1] == "hash"
        )
        raise ConfigError(str(path), err["msg"] + hint, field=".".join(loc) or None) from exc
    seen_ids: set[str] = set()
    seen_hashes: set[str] = set()
    for key in keys:
        if key.id in seen_ids:
            raise ConfigError(str(path), f"key id {key.id!r} used twice", field=f"keys.{key.id}")
        if key.hash in seen_hashes:
            raise ConfigError(str(path), "the same hash twice", field=f"keys.{key.id}.hash")
        seen_ids.add(key.id)
        seen_hashes.add(key.hash)
    return keys


def load_keys(path: Path | None, policies: Collection[str]) -> KeyRing:
    """The key ring of ``SCREENER_KEYS_FILE``; empty (no authentication) when unset.
    Every key must name a loaded policy."""
    if path is None:
        return KeyRing()
    keys = read_keys(path)
    for key in keys:
        if key.policy not in policies:
            raise ConfigError(
                str(path), f"unknown policy {key.policy!r}", field=f"keys.{key.id}.policy"
            )
    return KeyRing.of(keys)
