"""An installed (non-editable) wheel carries the default schema and prompts and claims only ``extractor``."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
    )
    return next(out.glob("extractor-*.whl"))


def test_wheel_has_one_top_level_package_with_schema_and_prompts(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top_level == {"extractor"}
    assert "extractor/schemas/conflict.py" in names
    assert "extractor/prompts/extract.md.j2" in names


def test_installed_wheel_works_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True
    )
    probe = (
        "import json, extractor, extractor.schemas.conflict as c;"
        "from extractor.prompts import load_prompt;"
        "from extractor.schema_io import json_schema;"
        "p = load_prompt();"
        "props = sorted(json_schema(c.ConflictReport)['properties']);"
        "print(json.dumps([extractor.__file__, c.__file__, p.name, p.hash, props]))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    package_file, schema_file, prompt_name, prompt_hash, properties = json.loads(out.stdout)
    assert package_file.startswith(str(target)) and schema_file.startswith(str(target))
    assert prompt_name == "extract" and len(prompt_hash) == 12
    assert properties == ["actors", "claims", "events"]
