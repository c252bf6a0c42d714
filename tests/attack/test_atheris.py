"""A short coverage-guided run of tests/attack/atheris_targets.py, where atheris installs
(Linux, Python 3.11: its wheels). Longer runs: run that file by hand."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

TARGETS = Path(__file__).with_name("atheris_targets.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris not installed")
def test_a_short_atheris_run_finds_nothing(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(TARGETS), "-runs=3000", "-seed=1", f"-artifact_prefix={tmp_path}/"],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert not list(tmp_path.glob("crash-*"))
