from __future__ import annotations

import pytest

from app.config import Settings
from app.screener import Screener


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def screener(settings: Settings) -> Screener:
    """The real spaCy model and Presidio, loaded once for the whole session."""
    return Screener(settings)
