"""A throwaway PostgreSQL server for the test session, from Debian's own binaries.

initdb refuses to run as root, so as root (CI) the cluster belongs to the ``postgres``
user that Debian's package creates, in a temporary folder that user owns. The server
listens on 127.0.0.1 only, on a free port, with a password (scram-sha-256), and is
stopped and removed at the end of the session. Each test gets a database of its own.
Without the binaries the tests that need it skip and say what to install; `make test`
installs them when it runs as root.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

NO_POSTGRES = (
    "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin "
    "(apt-get install postgresql; `make test` installs it when run as root)"
)


def _bindir() -> Path | None:
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/initdb")]
    versions = [p for p in found if p.parent.name.isdigit()]
    return max(versions, key=lambda p: int(p.parent.name)) if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """URL of the session's server (``postgresql+psycopg://user:pw@127.0.0.1:port``),
    without a database name."""
    bindir = _bindir()
    if bindir is None:
        pytest.skip(NO_POSTGRES)
    root = Path(tempfile.mkdtemp(prefix="screener-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no postgres user to run initdb as")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    password = secrets.token_hex(16)
    pwfile = root / "pw"
    pwfile.write_text(password + "\n", encoding="utf-8")
    if as_user:
        os.chown(pwfile, owner.pw_uid, owner.pw_gid)
    data, port = root / "data", _free_port()

    def run(*args: str | Path) -> None:
        subprocess.run([*as_user, *map(str, args)], check=True, capture_output=True, timeout=120)

    run(
        bindir / "initdb",
        "-D",
        data,
        "-U",
        "screener",
        f"--pwfile={pwfile}",
        "--auth=scram-sha-256",
        "-E",
        "UTF8",
        "--no-sync",
        "--no-instructions",
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(bindir / "pg_ctl", "-D", data, "-l", root / "server.log", "-w", "-o", options, "start")
    try:
        yield f"postgresql+psycopg://screener:{password}@127.0.0.1:{port}"
    finally:
        run(bindir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def new_database(server_url: str) -> str:
    """A fresh, empty database on the session's server; its SQLAlchemy URL."""
    name = "t_" + secrets.token_hex(6)
    with psycopg.connect(_libpq(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"{server_url}/{name}"


def drop_database(url: str) -> None:
    server_url, name = url.rsplit("/", 1)
    with psycopg.connect(_libpq(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def _libpq(server_url: str, dbname: str) -> str:
    return server_url.replace("postgresql+psycopg://", "postgresql://") + "/" + dbname
