"""Client rosters kept as keyed hashes only: an organisation's client names, nicknames
and ids, so the screener can flag them even where NER misses them ("maria lopez" in
lower case, "Maria Lopes" misspelt).

Nothing is stored in plain text. Each entry is normalised (:func:`canonical`), then
HMAC-SHA256'd with a key derived from ``SCREENER_ROSTER_SECRET`` and the policy id,
and only the first 16 bytes are kept, sorted. Without the secret a stored value cannot
be tested against a guessed name; with a different policy the same name hashes
differently, so two organisations' rosters cannot be linked.

One-letter misspellings are found without plain text the SymSpell way: a multi-word
name is stored with its deletion neighbourhood (the name with each character deleted in
turn), and a draft's candidate is looked up with its own. A shared variant means the
two differ by one substitution, insertion, deletion or adjacent transposition (and a
few two-edit pairs, such as one deletion each at different places).

The file reveals how many values of each kind there are, nothing about which names.
"""

from __future__ import annotations

import hmac
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from app.errors import ConfigError

FORMAT = "screener-roster/1"
DIGEST_BYTES = 16  # 128 bits: collisions with a draft's candidates are out of reach
MIN_SECRET_CHARS = 16
# Fuzzy matching only for names of at least this many letters: "Al Li" one letter off
# is too many ordinary pairs of words ("al lie", "a li"); "Ana Cruz" is not.
FUZZY_MIN_LETTERS = 7
# An id shorter than this is a number that occurs everywhere ("2024", "911"); one
# without a digit is a word, and belongs with the nicknames.
ID_MIN_CHARS = 4
KINDS = ("ids", "names", "names_fuzzy", "name_words", "nicknames", "first_names")
_KEY_CHECK = b"screener roster key check"
_APOSTROPHES = str.maketrans("", "", "'\u2019\u02bc`")
_NON_WORD = re.compile(r"[\W_]+")


def canonical(text: str) -> str:
    """Case, accents, compatibility forms, apostrophes and punctuation folded away:
    ``"  María-José  O'Brien "`` → ``"maria jose obrien"``."""
    if text.isascii():  # most words of most drafts: the same result, 5× faster
        bare = text.lower()
    else:
        folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
        bare = "".join(c for c in folded if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", bare.translate(_APOSTROPHES)).strip()


def canonical_id(text: str) -> str:
    """Ids compare on letters and digits only: ``"CL-2093/1"`` → ``"cl20931"``."""
    return canonical(text).replace(" ", "")


def deletes(s: str) -> set[str]:
    """``s`` and every string made by deleting one character of it."""
    return {s, *(s[:i] + s[i + 1 :] for i in range(len(s)))}


def letters(s: str) -> int:
    return len(s) - s.count(" ")


def valid_id(value: str) -> bool:
    return len(value) >= ID_MIN_CHARS and any(c.isdigit() for c in value)


class RosterKey:
    """HMAC-SHA256 keyed per policy: ``HMAC(HMAC(secret, policy), value)[:16]``."""

    def __init__(self, secret: str, policy_id: str) -> None:
        if len(secret) < MIN_SECRET_CHARS:
            raise ConfigError(
                "SCREENER_ROSTER_SECRET",
                f"must be at least {MIN_SECRET_CHARS} characters; generate one with "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'",
            )
        self._key = hmac.digest(
            secret.encode(), b"screener roster v1\0" + policy_id.encode(), "sha256"
        )

    def __call__(self, value: str) -> bytes:
        return hmac.digest(self._key, value.encode(), "sha256")[:DIGEST_BYTES]

    @property
    def check(self) -> str:
        """Stored with the roster, so a different secret is an error, not silence."""
        return self(_KEY_CHECK.decode()).hex()


@dataclass(frozen=True, slots=True)
class Client:
    """One roster row, as read; held in memory during an import only."""

    names: tuple[str, ...] = ()
    nicknames: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()


@dataclass
class Hashes:
    """The stored sets, one per kind of value (see :data:`KINDS`)."""

    sets: dict[str, set[bytes]] = field(default_factory=lambda: {k: set() for k in KINDS})

    def add(self, client: Client, key: RosterKey) -> int:
        """Add one client's values; the number of its ids too short or without a digit."""
        refused = 0
        for raw in client.ids:
            value = canonical_id(raw)
            if valid_id(value):
                self.sets["ids"].add(key(value))
            else:
                refused += 1
        for raw in (*client.names, *client.nicknames):
            words = canonical(raw).split()
            if not words:
                continue
            if len(words) == 1:
                self.sets["nicknames"].add(key(words[0]))
                continue
            if raw in client.names:
                self.sets["first_names"].add(key(words[0]))
            # A name is looked for only where a draft has its words: one-letter-off
            # where all but one of them are there exactly.
            self.sets["name_words"].update(map(key, words))
            for form in {" ".join(words), f"{words[0]} {words[-1]}"}:
                self.sets["names"].add(key(form))
                if letters(form) >= FUZZY_MIN_LETTERS:
                    self.sets["names_fuzzy"].update(map(key, deletes(form)))
        return refused

    def update(self, other: Hashes) -> None:
        for kind in KINDS:
            self.sets[kind] |= other.sets[kind]

    def counts(self) -> dict[str, int]:
        return {kind: len(values) for kind, values in self.sets.items()}

    def __bool__(self) -> bool:
        return any(self.sets.values())


@dataclass
class Roster:
    policy: str
    key_check: str
    updated: str
    hashes: Hashes


def path_for(data_dir: Path, policy_id: str) -> Path:
    return data_dir / "rosters" / f"{policy_id}.json"


def read(path: Path) -> Roster:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format is not {FORMAT}")
        hashes = Hashes({kind: {bytes.fromhex(h) for h in data[kind]} for kind in KINDS})
        return Roster(str(data["policy"]), str(data["key_check"]), str(data["updated"]), hashes)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(str(path), f"cannot read the roster: {exc}") from exc


def load(path: Path, key: RosterKey) -> Hashes:
    """The roster's hashes, refusing one made with another secret."""
    roster = read(path)
    if not hmac.compare_digest(roster.key_check, key.check):
        raise ConfigError(
            str(path),
            "the roster was imported with a different SCREENER_ROSTER_SECRET; set the "
            "secret it was imported with, or import it again (screener roster import)",
        )
    return roster.hashes


def write(path: Path, policy_id: str, key: RosterKey, hashes: Hashes) -> None:
    """Sorted hex values only, in a 0600 file in a 0700 folder, replaced atomically."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    body = {
        "format": FORMAT,
        "policy": policy_id,
        "key_check": key.check,
        "updated": datetime.now(UTC).isoformat(timespec="seconds"),
        **{kind: sorted(h.hex() for h in hashes.sets[kind]) for kind in KINDS},
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".roster-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:  # mkstemp makes it 0600
            json.dump(body, f, indent=1)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def hash_clients(clients: Iterable[Client], key: RosterKey) -> tuple[Hashes, int]:
    """The clients' hashes, and how many ids were refused (too short, no digit)."""
    hashes = Hashes()
    refused = sum(hashes.add(client, key) for client in clients)
    return hashes, refused
