"""``screener roster import|info|clear``: a policy's client roster, as keyed hashes.

Nothing printed here names a client: rows are given by number, contents by count.
"""

from __future__ import annotations

import argparse
import hmac
from pathlib import Path

from app.config import Settings, get_settings
from app.roster import store
from app.roster.importer import import_roster
from app.rules.loader import require_policy

_KIND_WORDS = {
    "ids": "ids",
    "names": "names",
    "nicknames": "one-word nicknames",
    "first_names": "first names",
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "roster",
        help="a policy's client roster, stored as keyed hashes only (SCREENER_ROSTER_SECRET)",
    )
    rsub = p.add_subparsers(dest="roster_command", required=True)

    r = rsub.add_parser("import", help="hash a roster CSV into the policy's roster")
    r.add_argument("file", help="CSV with a header row: name, nicknames, client_id, ...")
    r.add_argument("--policy", required=True, help="policy whose checks use the roster")
    r.add_argument(
        "--replace", action="store_true", help="replace the policy's roster (default: add)"
    )
    r.add_argument("--encoding", default="utf-8", help="the file's encoding (default utf-8)")
    r.set_defaults(func=_import)

    r = rsub.add_parser("info", help="what is stored, in counts; whether the secret fits")
    r.add_argument("--policy", help="one policy (default: every policy with a roster)")
    r.set_defaults(func=_info)

    r = rsub.add_parser("clear", help="delete the policy's roster")
    r.add_argument("--policy", required=True)
    r.set_defaults(func=_clear)


def _known_policy(settings: Settings, policy_id: str) -> str:
    return require_policy(settings.rules_dir, policy_id)


def _secret(settings: Settings) -> str | None:
    return settings.roster_secret.get_secret_value() if settings.roster_secret else None


def _import(args: argparse.Namespace) -> int:
    settings = get_settings()
    policy = _known_policy(settings, args.policy)
    done = import_roster(
        args.file,
        policy,
        settings.data_dir,
        _secret(settings),
        replace=args.replace,
        encoding=args.encoding,
    )
    counts = ", ".join(f"{done.counts[k]} {w}" for k, w in _KIND_WORDS.items())
    print(f"Read {done.clients} clients for policy {policy}.")
    print(f"The roster now holds keyed hashes of {counts}: {done.path} (mode 0600).")
    if done.skipped_rows:
        rows = ", ".join(map(str, done.skipped_rows[:20]))
        print(f"Rows without a name, nickname or id, skipped: {rows}.")
    if done.refused_ids:
        print(
            f"{done.refused_ids} ids refused: shorter than {store.ID_MIN_CHARS} characters "
            "or without a digit (a number that short, or a word, would flag ordinary posts)."
        )
    print("Nothing was stored in plain text. A running server uses the roster after a restart.")
    return 0


def _info(args: argparse.Namespace) -> int:
    settings = get_settings()
    if args.policy:
        paths = [store.path_for(settings.data_dir, _known_policy(settings, args.policy))]
    else:
        paths = sorted((settings.data_dir / "rosters").glob("*.json"))
    secret = _secret(settings)
    if not paths or not any(p.exists() for p in paths):
        print(f"No roster in {settings.data_dir / 'rosters'}.")
        return 0
    for path in paths:
        if path.exists():
            print(_describe(path, secret))
    return 0


def _describe(path: Path, secret: str | None) -> str:
    roster = store.read(path)
    counts = roster.hashes.counts()
    held = ", ".join(f"{counts[k]} {w}" for k, w in _KIND_WORDS.items())
    if secret is None:
        fits = "SCREENER_ROSTER_SECRET is not set: the server would refuse to start"
    elif hmac.compare_digest(store.RosterKey(secret, roster.policy).check, roster.key_check):
        fits = "SCREENER_ROSTER_SECRET fits"
    else:
        fits = "SCREENER_ROSTER_SECRET is not the one it was imported with"
    return f"{roster.policy}: {path}, updated {roster.updated}; hashes of {held}; {fits}."


def _clear(args: argparse.Namespace) -> int:
    settings = get_settings()
    path = store.path_for(settings.data_dir, _known_policy(settings, args.policy))
    if not path.exists():
        print(f"Policy {args.policy} has no roster.")
        return 0
    path.unlink()  # needs no secret: clearing is how to start again after losing it
    print(f"Removed the roster of policy {args.policy} ({path}).")
    return 0
