"""The image can run with a read-only root filesystem (docker run --read-only --tmpfs
/tmp): it writes nothing at run time outside /tmp. No Docker engine here, so: the
Dockerfile's promises, and the image's file layout run while every write is watched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _env_of_the_image() -> dict[str, str]:
    # as Docker reads it: comment lines dropped first, then continuations joined
    lines = [line for line in DOCKERFILE.splitlines() if not line.strip().startswith("#")]
    joined = "\n".join(lines).replace("\\\n", " ")
    env: dict[str, str] = {}
    for line in joined.splitlines():
        if line.strip().startswith("ENV "):
            for pair in line.split()[1:]:
                if "=" in pair:
                    key, _, value = pair.partition("=")
                    env[key] = value.strip('"')
    return env


def test_everything_a_library_might_write_goes_to_tmp() -> None:
    env = _env_of_the_image()
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    for key in ("HOME", "TMPDIR", "XDG_CACHE_HOME", "TLDEXTRACT_CACHE"):
        assert env[key].startswith("/tmp"), key


def test_the_read_only_run_is_documented() -> None:
    assert "--read-only --tmpfs /tmp" in DOCKERFILE
    assert "--read-only --tmpfs /tmp" in (ROOT / "README.md").read_text(encoding="utf-8")


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*")}


@pytest.mark.slow
def test_a_check_in_the_image_layout_writes_nothing_outside_tmp(tmp_path: Path) -> None:
    image, tmp = tmp_path / "srv", tmp_path / "tmp"
    tmp.mkdir()
    for part in ("app", "models", "rules"):
        shutil.copytree(ROOT / part, image / part, ignore=shutil.ignore_patterns("__pycache__"))
    before = _snapshot(image)
    env = {
        **{k: v.replace("/tmp", str(tmp)) for k, v in _env_of_the_image().items()},
        "PATH": os.environ["PATH"],
    }
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "check", "--json", "-"],
        cwd=image,
        env=env,
        input="So proud of my client M a r i a Lopez!",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert _snapshot(image) == before  # not a byte written beside the code
