"""Flag codes shared by the verifier and the gold set (the one list both may import).

The verifier's full vocabulary (every code with its meaning) is built from its checks:
``extractor.verification.FLAG_CODES``. This module names the codes a gold label may give as a
reason an analyst should look at a claim (eval/FORMAT.md); the verifier's tests check that each
of them is a code it raises.
"""

from __future__ import annotations

from typing import Literal

LABELLED_FLAG_CODES: tuple[str, ...] = (
    "ungrounded_evidence",
    "single_interested_source",
    "hedged_attribution",
    "state_involvement_unsupported",
    "casualty_figure_from_party",
    "casualty_figure_disputed",
    "number_not_in_evidence",
    "anonymous_source",
    "author_assertion",
)
LabelledFlagCode = Literal[LABELLED_FLAG_CODES]  # type: ignore[valid-type]
