from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg import drop_database, new_database


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each audit test runs on a real SQLite file and on a real PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'screener.db'}"
        return
    url = new_database(request.getfixturevalue("postgres"))
    yield url
    drop_database(url)
