"""``screener keys`` and ``screener audit``: the operator's commands for API keys and
the audit log. Registered on the main parser by app.cli.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import Settings, get_settings
from app.errors import ConfigError, ScreenerError

if TYPE_CHECKING:
    from app.keys import ApiKey

log = logging.getLogger("screener")

_KEYS_HEADER = """\
# API keys of the screener: hashes only, never a key (`screener keys new` makes them).
# Reload after editing: POST /v1/admin/reload with an admin key, or SIGHUP.
keys:
"""


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = sub.add_parser("keys", help="make API keys").add_subparsers(dest="what", required=True)
    p = keys.add_parser("new", help="make a key: print it once, and its keys-file entry")
    p.add_argument("--name", required=True, help="key id, e.g. comms (audit log, server log)")
    p.add_argument("--policy", required=True, help="the organisation's policy id")
    p.add_argument("--admin", action="store_true", help="may reload and export the audit log")
    p.add_argument("--rate-limit", help="e.g. 120/minute (default SCREENER_RATE_LIMIT)")
    p.add_argument("--append", metavar="FILE", type=Path, help="append the entry to this file")
    p.set_defaults(func=_keys_new)

    audit = sub.add_parser("audit", help="the audit log").add_subparsers(dest="what", required=True)
    p = audit.add_parser("export", help="write the audit log as CSV")
    p.add_argument("--since", type=_when, help="ISO 8601 date or time (UTC if no zone)")
    p.add_argument("--until", type=_when, help="ISO 8601 date or time, exclusive")
    p.add_argument("--policy", help="one policy's rows only")
    p.add_argument("-o", "--output", type=Path, help="file to write (default stdout)")
    p.set_defaults(func=_audit_export)
    p = audit.add_parser("hash", help="the audit hash of a draft, to find its rows")
    p.add_argument("file", nargs="?", default="-", help="file with the draft, or - for stdin")
    p.set_defaults(func=_audit_hash)


def refuse_open_bind(settings: Settings, host: str) -> str | None:
    """Why ``screener serve`` must not bind ``host``, or None: without API keys only a
    loopback address, unless SCREENER_ALLOW_UNAUTHENTICATED says otherwise."""
    if settings.keys_file is not None or settings.allow_unauthenticated or _loopback(host):
        return None
    return (
        f"refusing to serve {host} without API keys: set SCREENER_KEYS_FILE "
        "(`screener keys new`), or SCREENER_ALLOW_UNAUTHENTICATED=true to serve any "
        "address unauthenticated"
    )


def prepare_to_serve(settings: Settings) -> None:
    """What must be right before any worker starts: the keys file parses, and the audit
    table is migrated once here rather than by N workers at once. Warns of a connection
    limit that would shed load before the request limit does (app.overload)."""
    from app.keys import read_keys

    if settings.limit_concurrency <= settings.max_in_flight:
        log.warning(
            "SCREENER_LIMIT_CONCURRENCY (%d) is not above SCREENER_MAX_IN_FLIGHT (%d): "
            "uvicorn's plain-text 503 will answer before the screener's own",
            settings.limit_concurrency,
            settings.max_in_flight,
        )
    if settings.keys_file is not None:
        read_keys(settings.keys_file)
    if settings.audit:
        from app.audit import store

        store.open_database(settings.audit_database_url).dispose()


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve anywhere


def _when(value: str) -> datetime:
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date or time: {value!r}") from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when


def _keys_new(args: argparse.Namespace) -> int:
    from app.keys import ApiKey, generate_key, hash_key
    from app.rules.loader import load_rules

    settings = get_settings()
    policies = load_rules(settings.rules_dir).policies
    if args.policy not in policies:
        raise ScreenerError(f"unknown policy {args.policy!r}; policies: {', '.join(policies)}")
    key = generate_key()
    entry = ApiKey(
        id=args.name,
        policy=args.policy,
        hash=hash_key(key),
        rate_limit=args.rate_limit,
        admin=args.admin,
    )
    if args.append is None:
        print(f"API key {entry.id} (shown this once; keep it in a secret store):\n{key}\n")
        print(f"Entry for the keys file (SCREENER_KEYS_FILE), under keys:\n{entry.entry()}")
        return 0
    _append(args.append, entry)
    print(key)
    print(
        f"appended key {entry.id} to {args.append}; load it with POST /v1/admin/reload "
        "or SIGHUP. The key above is shown this once.",
        file=sys.stderr,
    )
    return 0


def _append(path: Path, entry: ApiKey) -> None:
    """Add ``entry`` to the keys file as text, so its comments stay; check the result
    parses before replacing the file."""
    from app.keys import read_keys

    old = path.read_text(encoding="utf-8") if path.exists() else _KEYS_HEADER
    if any(k.id == entry.id for k in (read_keys(path) if path.exists() else [])):
        raise ScreenerError(f"{path} already has a key {entry.id!r}")
    indent = m.group(1) if (m := re.search(r"^( *)- ", old, re.M)) else ""
    lines = entry.entry().splitlines()
    new = old.rstrip("\n") + "\n" + "".join(f"{indent}{line}\n" for line in lines)
    tmp = path.with_name(path.name + ".new")
    tmp.write_text(new, encoding="utf-8")
    try:
        read_keys(tmp)
    except ConfigError:
        tmp.unlink()
        raise
    tmp.replace(path)


def _audit_export(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from app.audit import store

    settings = get_settings()
    engine = store.connect(settings.audit_database_url)
    out = args.output.open("w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        for chunk in store.csv_lines(store.read(engine, args.since, args.until, args.policy)):
            out.write(chunk)
    except SQLAlchemyError as exc:
        raise ConfigError(
            "SCREENER_DATABASE_URL", f"cannot read the audit log ({type(exc).__name__})"
        ) from exc
    finally:
        if args.output:
            out.close()
        engine.dispose()
    return 0


def _audit_hash(args: argparse.Namespace) -> int:
    from app.audit import audit_secret, text_hash

    settings = get_settings()
    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    print(text_hash(audit_secret(settings, create=False), text))
    return 0
