"""Several workers: one listening socket each (``SO_REUSEPORT``), so the kernel spreads
connections between them.

uvicorn's supervisor binds one socket and hands it to every worker. Whichever worker's
event loop wakes first then accepts every connection waiting (libuv and asyncio accept
until the queue is empty), so a client that opens its keep-alive connections together (a
reverse proxy's upstream pool, a batch job, a load generator) lands on one worker while
the other idles. Four runs of ``hey -c 16`` on two workers split the connections 14/2,
16/0, 6/10 and 14/2, and the 16/0 run checked 138 drafts/s against 226 and 231.

Here each worker binds a socket of its own on the same address with ``SO_REUSEPORT`` and
the kernel hashes each new connection to one of them. A socket is bound in its worker
(the supervisor pickles a :class:`ReusePortSocket`, which unpickles as a bound socket) and
listens only once the worker has loaded its models, so no connection waits on a worker
that is still starting; and it closes with its worker, so none is queued on a worker that
died. The supervisor only tries the address first, without ``SO_REUSEPORT``, so that a
second server on the same port fails to start instead of quietly taking half the
connections.
"""

from __future__ import annotations

import logging
import socket
import sys
from typing import Any

log = logging.getLogger("screener.serve")

# uvicorn's exit status for a worker that cannot start: its supervisor then stops
# instead of starting the worker again every half second
STARTUP_FAILURE = 3


def supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def check_free(host: str, port: int) -> None:
    """Raise OSError if ``host:port`` cannot be bound, as it is when anything listens
    there (also another screener's workers: a socket without ``SO_REUSEPORT`` cannot
    join their group)."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def bind(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` with ``SO_REUSEPORT``, not yet listening (the
    server calls ``listen`` when it starts serving)."""
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def _bind_in_worker(host: str, port: int) -> socket.socket:
    try:
        return bind(host, port)
    except OSError as exc:
        log.error("cannot bind %s:%d: %s", host, port, exc)
        sys.exit(STARTUP_FAILURE)


class ReusePortSocket:
    """Stands in for a socket in uvicorn's supervisor: each worker process that unpickles
    it gets a new socket bound to the address with ``SO_REUSEPORT``."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return (_bind_in_worker, (self.host, self.port))


def serve_workers(config: Any) -> None:
    """Run ``config.workers`` uvicorn workers under uvicorn's supervisor (which restarts
    a worker that dies), each with its own ``SO_REUSEPORT`` socket."""
    from uvicorn.supervisors import Multiprocess

    try:
        check_free(config.host, config.port)
    except OSError as exc:
        log.error("cannot bind %s:%d: %s", config.host, config.port, exc)
        sys.exit(STARTUP_FAILURE)
    log.info(
        "serving http://%s:%d with %d workers, one socket each",
        config.host,
        config.port,
        config.workers,
    )
    Multiprocess(config, sockets=[ReusePortSocket(config.host, config.port)]).run()  # type: ignore[list-item]
