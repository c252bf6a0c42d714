"""Logging set-up: one line per event, ids and figures only, never post text."""

from __future__ import annotations

import logging


def configure(level: str) -> None:
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    # Presidio logs the text it analyses at debug level; keep it quiet whatever our level.
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    # Alembic announces each of its plug-ins at info level; its migration lines stay.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
