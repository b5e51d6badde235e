"""Schema modules: ``extractor.schemas``.

The files live in the repository's top-level ``schemas/`` folder; ``extractor/schemas`` is a
symlink to it, so Python, the import checker (``lint-imports``) and the wheel build all see
one real subpackage of ``extractor``. These modules import pydantic and the standard library only.
"""
