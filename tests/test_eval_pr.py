"""The pull-request job's live A/B (tools/eval_pr.py): its fixed subset, its gold copy and its base checkout."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from extractor.evaluation.gold import load_gold
from tests.conftest import ROOT


def eval_pr() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_pr", ROOT / "tools" / "eval_pr.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_subset_is_dev_articles_of_the_gold_set_copied_whole(tmp_path: Path) -> None:
    tool = eval_pr()
    ids = tool.subset_ids(tool.SUBSET)
    assert len(ids) == len(set(ids)) >= 6
    gold = load_gold(tool.gold_folder(ids, tmp_path / "gold"))
    assert [g.id for g in gold] == sorted(ids)
    assert {g.split for g in gold} == {"dev"}  # tuning data only: never the blind split


def test_an_unknown_id_in_the_subset_names_the_file_to_fix(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"pr_subset\.txt"):
        eval_pr().gold_folder(["g999"], tmp_path / "gold")


def test_the_base_checkout_is_the_revisions_own_files(tmp_path: Path) -> None:
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True).returncode:
        pytest.skip("not a git checkout")
    base = eval_pr().base_checkout("HEAD", tmp_path / "base")
    committed = subprocess.run(["git", "-C", str(ROOT), "show", "HEAD:prompts/extract.md.j2"], capture_output=True,
                               text=True, check=True).stdout  # fmt: skip
    assert (base / "prompts" / "extract.md.j2").read_text(encoding="utf-8") == committed
    assert (base / "extractor" / "cli" / "__init__.py").is_file()
