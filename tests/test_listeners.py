"""Several workers, one listening socket each: the kernel spreads connections between them."""

from __future__ import annotations

import pickle
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from app import listeners
from tests.conftest import _free_port, serve

pytestmark = pytest.mark.skipif(not listeners.supported(), reason="no SO_REUSEPORT here")


def _socket_inodes(port: int) -> dict[int, str]:
    """Inode -> TCP state ('0A' listen, '01' established) of the sockets whose local port
    is ``port`` (/proc/net/tcp, IPv4)."""
    found = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].rsplit(":", 1)[1], 16) == port:
            found[int(fields[9])] = fields[3]
    return found


def _owners(inodes: dict[int, str], state: str) -> Counter[int]:
    """How many of the sockets in ``state`` each process holds."""
    wanted = {inode for inode, s in inodes.items() if s == state}
    held: Counter[int] = Counter()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fds = list((proc / "fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                target = str(fd.readlink())
            except OSError:
                continue
            if target.startswith("socket:[") and int(target[8:-1]) in wanted:
                held[int(proc.name)] += 1
    return held


def test_workers_bind_the_same_port_each_with_their_own_socket() -> None:
    port = _free_port()
    a = listeners.bind("127.0.0.1", port)
    b = listeners.bind("127.0.0.1", port)
    try:
        for s in (a, b):
            assert s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1
            assert s.getsockname() == ("127.0.0.1", port)
        a.listen()
        b.listen()
        # a server without SO_REUSEPORT (a second screener's supervisor) cannot join
        with pytest.raises(OSError):
            listeners.check_free("127.0.0.1", port)
    finally:
        a.close()
        b.close()
    listeners.check_free("127.0.0.1", port)  # free again once both are closed


def test_the_supervisors_stand_in_unpickles_as_a_new_bound_socket() -> None:
    port = _free_port()
    stand_in = pickle.dumps(listeners.ReusePortSocket("127.0.0.1", port))
    first, second = pickle.loads(stand_in), pickle.loads(stand_in)
    try:
        assert isinstance(first, socket.socket)
        assert first.fileno() != second.fileno()
        assert first.getsockname() == second.getsockname() == ("127.0.0.1", port)
    finally:
        first.close()
        second.close()


def test_a_worker_that_cannot_bind_exits_with_uvicorns_startup_failure() -> None:
    with socket.socket() as taken:  # no SO_REUSEPORT: nobody can join it
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as exited:
            pickle.loads(pickle.dumps(listeners.ReusePortSocket("127.0.0.1", port)))
    assert exited.value.code == listeners.STARTUP_FAILURE


@pytest.mark.slow
def test_two_workers_share_a_burst_of_keep_alive_connections(tmp_path: Path) -> None:
    """32 connections opened together and kept alive: both workers hold some. With one
    socket shared by both, the worker that woke first used to accept nearly all of them
    (hey -c 16: 14/2, 16/0, 6/10, 14/2)."""
    with serve(tmp_path / "server.log", {"SCREENER_WORKERS": "2"}) as server:
        port = int(server.url.rsplit(":", 1)[1])
        # both workers listen, each on its own socket (the supervisor holds none)
        deadline = time.monotonic() + 60
        while len(listening := _owners(_socket_inodes(port), "0A")) < 2:
            assert time.monotonic() < deadline, f"workers listening: {listening}"
            time.sleep(0.2)
        assert sorted(listening.values()) == [1, 1]
        assert server.pid not in listening

        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(32)]
        try:
            for c in clients:
                c.sendall(f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            for c in clients:
                assert c.recv(4096).startswith(b"HTTP/1.1 200")
            held = _owners(_socket_inodes(port), "01")
            served = {pid: n for pid, n in held.items() if pid in listening}
            # each worker holds at least 4 of the 32 (a random split fails this about
            # three times in a million)
            assert sum(served.values()) == 32, held
            assert min(served.get(pid, 0) for pid in listening) >= 4, served
        finally:
            for c in clients:
                c.close()


@pytest.mark.slow
def test_a_second_server_on_the_same_port_refuses_to_start(tmp_path: Path) -> None:
    with serve(tmp_path / "server.log", {"SCREENER_WORKERS": "2"}) as server:
        port = server.url.rsplit(":", 1)[1]
        second = subprocess.run(
            [sys.executable, "-m", "app.cli", "serve", "--workers", "2", "--port", port],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert second.returncode == listeners.STARTUP_FAILURE
    assert f"cannot bind 127.0.0.1:{port}" in second.stderr + second.stdout
