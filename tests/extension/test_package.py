"""The extension as shipped: what its manifest asks for, that every file it names exists,
and what `make extension` puts in the zip."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

from tests.extension.conftest import EXTENSION, ROOT

MANIFEST = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))


def named_files() -> set[str]:
    """Every file the manifest, the worker and the extension's pages load."""
    names = {*MANIFEST["icons"].values(), MANIFEST["background"]["service_worker"]}
    names |= {MANIFEST["action"]["default_popup"], MANIFEST["options_ui"]["page"]}
    for script in MANIFEST["content_scripts"]:
        names |= set(script["js"])
    worker = (EXTENSION / "background.js").read_text(encoding="utf-8")
    names |= set(re.findall(r'"(lib/[a-z]+\.js)"', worker))
    for page in (EXTENSION / "ui").glob("*.html"):
        for ref in re.findall(r'(?:src|href)="([^"]+)"', page.read_text(encoding="utf-8")):
            names.add(str((Path("ui") / ref).resolve().relative_to(Path("ui").resolve().parent)))
    return names


def test_every_file_the_extension_loads_exists() -> None:
    for name in named_files():
        assert (EXTENSION / name).is_file(), name


def test_every_module_is_loaded_somewhere() -> None:
    shipped = {
        f"{d}/{p.name}" for d in ("lib", "content", "ui") for p in (EXTENSION / d).glob("*.js")
    }
    assert shipped <= named_files()


def test_it_asks_for_little() -> None:
    assert MANIFEST["manifest_version"] == 3
    assert MANIFEST["permissions"] == ["storage"]
    # requests go to a server on this computer unless the user allows another one
    assert all(
        re.fullmatch(r"https?://(127\.0\.0\.1|localhost)/\*", p)
        for p in MANIFEST["host_permissions"]
    )
    (script,) = MANIFEST["content_scripts"]
    assert script["matches"] == ["<all_urls>"] and script["all_frames"] is True


def test_make_extension_builds_the_zip(tmp_path: Path) -> None:
    subprocess.run(
        ["make", "--no-print-directory", "extension", f"DIST={tmp_path}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (built,) = tmp_path.glob("screener-extension-*.zip")
    assert built.name == f"screener-extension-{MANIFEST['version']}.zip"
    names = set(zipfile.ZipFile(built).namelist())
    assert "manifest.json" in names  # at the root, as Chrome wants it
    assert named_files() <= names
    assert not [n for n in names if n.startswith("test/")]
