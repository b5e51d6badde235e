"""The import checker sees the schema modules, so "schemas import nothing of ours" checks real code."""

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_MODULES = {"extractor.schemas.conflict", "extractor.schemas.conflict_quotes", "extractor.schemas.entailment"}


def test_grimp_graph_holds_the_schema_modules_and_their_importers() -> None:
    graph = grimp.build_graph("extractor", cache_dir=None)
    assert graph.modules >= SCHEMA_MODULES
    importers = graph.find_modules_that_directly_import("extractor.schemas.conflict")
    assert {"extractor.evaluation.gold", "extractor.verification.spans", "extractor.schema_io"} <= importers
    assert "extractor.pipeline" in graph.find_modules_that_directly_import("extractor.schemas.entailment")


def test_schema_modules_import_only_the_schemas_package_of_ours() -> None:
    graph = grimp.build_graph("extractor", cache_dir=None)
    schema_modules = {m for m in graph.modules if m.startswith("extractor.schemas.")}
    assert schema_modules >= SCHEMA_MODULES
    for module in schema_modules:
        ours = {m for m in graph.find_modules_directly_imported_by(module) if m.startswith("extractor")}
        assert all(m == "extractor.schemas" or m.startswith("extractor.schemas.") for m in ours), (module, ours)


def test_lint_imports_passes() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "schemas import nothing of ours KEPT" in result.stdout
