"""The README's flag table lists exactly the verifier's flag codes, with their meanings."""

from __future__ import annotations

import re

from extractor.verification import FLAG_CODES
from tests.conftest import ROOT


def test_the_readme_flag_table_matches_the_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| (.+?) \|$", readme, flags=re.M))
    assert {code: rows.get(code) for code in FLAG_CODES} == FLAG_CODES
