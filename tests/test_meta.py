"""Meta-tests: what the README promises exists, and everything that exists is documented."""

from __future__ import annotations

import re
from pathlib import Path

from app.config import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme() -> None:
    for name in Settings.model_fields:
        assert f"`SCREENER_{name.upper()}`" in README, name


def test_every_setting_the_readme_names_exists() -> None:
    named = set(re.findall(r"SCREENER_([A-Z_]+)", README))
    assert {n.lower() for n in named} <= set(Settings.model_fields)


def test_every_make_target_in_the_readme_exists() -> None:
    targets = set(re.findall(r"^([a-z-]+):", MAKEFILE, re.M))
    for target in re.findall(r"`make ([a-z-]+)", README):
        assert target in targets, target


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    assert "make test" in README


def test_every_pack_is_in_the_readme() -> None:
    for pack in (ROOT / "rules").glob("*.yaml"):
        if pack.stem != "lexicon":
            assert f"`{pack.stem}`" in README, pack.stem
