"""Each metric's direction is stated once (metrics.LOWER_IS_BETTER) and the gate and the comparison follow it."""

import pytest

from extractor.evaluation import compare, gate
from extractor.evaluation.metrics import HEADLINE, LOWER_IS_BETTER
from extractor.evaluation.names import normalize


def test_gate_and_comparison_take_directions_from_metrics() -> None:
    assert set(gate.GATED) <= set(HEADLINE)
    assert gate.GATED_LOWER == tuple(name for name in gate.GATED if name in LOWER_IS_BETTER) == ("ece", "brier")
    assert set(compare.EXTRA_METRICS) <= LOWER_IS_BETTER
    assert not hasattr(compare, "EXTRA_LOWER_IS_BETTER")


@pytest.mark.parametrize(
    ("name", "a", "b", "better"),
    [("claims_f1", 0.5, 0.6, True), ("ece", 0.10, 0.05, True), ("brier", 0.1, 0.2, False),
     ("cost_usd", 0.02, 0.01, True), ("latency_p50_s", 3.0, 4.0, False)],
)  # fmt: skip
def test_comparison_direction(name: str, a: float, b: float, better: bool) -> None:
    assert compare.MetricDelta(name, a, b).better is better


def test_evaluation_normalizes_us_spellings_alike() -> None:
    assert normalize("U.S.") == normalize("US") == "us"
    assert normalize("The U.S. Army") == "us army"


def test_verification_and_evaluation_agree_on_us() -> None:
    from extractor.verification.parties import normalize as verification_normalize

    for name in ("U.S.", "U. S.", "US", "The U.S. military", "U.S.-led coalition"):
        assert verification_normalize(name) == normalize(name), name
