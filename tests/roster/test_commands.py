"""`screener roster ...` as an operator runs it, then a check that uses the roster."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.roster.test_store import PLAIN, ROSTER, SECRET

pytestmark = pytest.mark.slow


def _run(
    *args: str, data_dir: Path, secret: str | None = SECRET, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENER_")}
    env["SCREENER_DATA_DIR"] = str(data_dir)
    if secret is not None:
        env["SCREENER_ROSTER_SECRET"] = secret
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_import_then_check_a_lower_case_name(tmp_path: Path) -> None:
    done = _run("roster", "import", str(ROSTER), "--policy", "default", data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Read 4 clients" in done.stdout
    for value in PLAIN:  # what is printed names no client
        assert value not in done.stdout + done.stderr

    info = _run("roster", "info", data_dir=tmp_path)
    assert info.returncode == 0
    assert "default:" in info.stdout and SECRET not in info.stdout
    assert "SCREENER_ROSTER_SECRET fits" in info.stdout

    checked = _run(
        "check", "--json", data_dir=tmp_path, stdin="so proud of jamal washington today!"
    )
    assert checked.returncode == 2, checked.stderr
    assert '"rule_id": "client_identifiers.roster_match"' in checked.stdout

    wrong = _run("check", data_dir=tmp_path, secret="w" * 32, stdin="hello")
    assert wrong.returncode == 78
    assert "different SCREENER_ROSTER_SECRET" in wrong.stderr

    cleared = _run("roster", "clear", "--policy", "default", data_dir=tmp_path, secret=None)
    assert cleared.returncode == 0
    assert not (tmp_path / "rosters" / "default.json").exists()


@pytest.mark.parametrize(
    ("args", "secret", "code", "said"),
    [
        (["--policy", "default"], None, 78, "SCREENER_ROSTER_SECRET"),
        (["--policy", "nope"], SECRET, 64, "unknown policy 'nope'"),
        (["--policy", "default", "--encoding", "utf-8"], SECRET, 65, "not utf-8 text"),
    ],
)
def test_import_errors(
    tmp_path: Path, args: list[str], secret: str | None, code: int, said: str
) -> None:
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("name\nRenée Zoë\n".encode("latin-1"))
    result = _run("roster", "import", str(latin1), *args, data_dir=tmp_path, secret=secret)
    assert result.returncode == code, result.stderr
    assert said in result.stderr
    assert "Ren" not in result.stderr
    assert not (tmp_path / "rosters" / "default.json").exists()


def test_import_in_another_encoding(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("name\nRenée Zoë\n".encode("latin-1"))
    result = _run(
        "roster",
        "import",
        str(latin1),
        "--policy",
        "default",
        "--encoding",
        "latin-1",
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
