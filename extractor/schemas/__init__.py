"""Schema modules.

In a source checkout they live in the repository's top-level ``schemas/`` folder,
which this package adds to its search path; an installed wheel carries them here.
"""

from pathlib import Path

_checkout_schemas = Path(__file__).resolve().parents[2] / "schemas"
if (_checkout_schemas / "conflict.py").is_file():
    __path__.append(str(_checkout_schemas))
