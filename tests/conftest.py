from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.screener import Screener
from tests.pg import postgres  # noqa: F401 (a session fixture: tests/pg.py)

# The audit log is on by default: every app and server of the test session writes its
# SQLite file and secret here, never into the repository's var/.
_DATA_DIR = tempfile.mkdtemp(prefix="screener-test-data-")
os.environ["SCREENER_DATA_DIR"] = _DATA_DIR


@pytest.fixture(scope="session", autouse=True)
def _data_dir() -> Iterator[None]:
    yield
    shutil.rmtree(_DATA_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def screener(settings: Settings) -> Screener:
    """The real spaCy model and Presidio, loaded once for the whole session."""
    return Screener(settings)


@pytest.fixture(scope="session")
def client(screener: Screener) -> Iterator[TestClient]:
    """In-process app sharing the session's loaded screener."""
    with TestClient(create_app(screener=screener), raise_server_exceptions=False) as c:
        yield c


@dataclass
class Server:
    url: str
    log: Path
    pid: int = 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serve(log: Path, env: Mapping[str, str] | None = None) -> Iterator[Server]:
    """`screener serve` in a subprocess on a free loopback port, logging at debug level
    to ``log``, with ``env`` over the test's own; stopped on exit."""
    port = _free_port()
    full_env = {
        **os.environ,
        "SCREENER_LOG_LEVEL": "debug",
        "SCREENER_PORT": str(port),
        **(env or {}),
    }
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve"],
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {log.read_text()}")
            time.sleep(0.2)
        else:
            raise RuntimeError("server did not become ready in 60 s")
        yield Server(url, log, proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real `screener serve` process on loopback, logging at debug level to a file."""
    with serve(tmp_path_factory.mktemp("server") / "server.log") as running:
        yield running


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """One Playwright driver for the whole session: its sync API runs one at a time in a
    thread, and both the check form's and the extension's browser tests need it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p
