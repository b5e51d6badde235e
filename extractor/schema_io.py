"""Load the default or a user-supplied report schema, and fingerprint it."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from extractor.errors import BadInput
from extractor.schemas.conflict import ConflictReport

DEFAULT_SCHEMA = ConflictReport


class SchemaError(BadInput):
    """A schema spec that cannot be loaded; the message says how to fix it."""


def _load_module(spec: str) -> Any:
    path = Path(spec)
    if path.suffix == ".py":
        if not path.is_file():
            raise SchemaError(f"schema file {path} not found")
        module_name = f"extractor_user_schema_{path.stem}"
        module_spec = importlib.util.spec_from_file_location(module_name, path)
        assert module_spec and module_spec.loader
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[module_name] = module
        try:
            module_spec.loader.exec_module(module)
        except Exception as exc:  # the user's code: any error is a bad --schema, not a crash
            sys.modules.pop(module_name, None)
            raise SchemaError(f"schema file {path} failed to load: {type(exc).__name__}: {exc}") from None
        return module
    try:
        return importlib.import_module(spec)
    except ImportError as exc:
        raise SchemaError(f"cannot import schema module {spec!r}: {exc}") from None
    except Exception as exc:  # the user's module raised while importing
        raise SchemaError(f"schema module {spec!r} failed to load: {type(exc).__name__}: {exc}") from None


def load_schema(spec: str | None) -> type[BaseModel]:
    """``module:Class`` or ``path/to/file.py:Class`` (or ``file.py`` with one model named ``*Report``)."""
    if not spec:
        return DEFAULT_SCHEMA
    module_part, _, class_name = spec.rpartition(":") if ":" in spec else (spec, "", "")
    module = _load_module(module_part)
    if not class_name:
        candidates = [
            value
            for name, value in vars(module).items()
            if isinstance(value, type) and issubclass(value, BaseModel) and name.endswith("Report")
        ]
        if len(candidates) != 1:
            raise SchemaError(f"{spec}: name the class, e.g. {spec}:MyReport")
        return candidates[0]
    model = getattr(module, class_name, None)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise SchemaError(f"{spec}: {class_name} is not a pydantic model in {module_part}")
    return model


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema the model is asked to fill (pipeline-filled fields are left out)."""
    return model.model_json_schema()


def schema_hash(model: type[BaseModel]) -> str:
    """A short, stable fingerprint of what the model is asked to write."""
    canonical = json.dumps(json_schema(model), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
