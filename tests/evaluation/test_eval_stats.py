"""The arithmetic on cases small enough to check by hand."""

import pytest

from extractor.evaluation.stats import auroc, brier, ece, percentile, prf, reliability


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "expected"),
    [
        (3, 1, 1, (0.75, 0.75, 0.75)),
        (2, 0, 2, (1.0, 0.5, 2 / 3)),
        (0, 0, 0, (1.0, 1.0, 1.0)),  # nothing expected, nothing predicted
        (0, 0, 3, (0.0, 0.0, 0.0)),  # predicted nothing, missed everything
        (0, 2, 0, (0.0, 0.0, 0.0)),  # hallucinated on an article with nothing to find
    ],
)
def test_prf_known_cases(tp: int, fp: int, fn: int, expected: tuple[float, float, float]) -> None:
    assert prf(tp, fp, fn) == pytest.approx(expected)


def test_auroc_perfect_inverted_and_tied_rankings() -> None:
    labels = [False, False, True, True]
    assert auroc([0.1, 0.2, 0.8, 0.9], labels) == 1.0
    assert auroc([0.9, 0.8, 0.2, 0.1], labels) == 0.0
    assert auroc([0.5, 0.5, 0.5, 0.5], labels) == 0.5


def test_auroc_mixed_ranking_and_ties_count_half() -> None:
    # positives 0.35, 0.8 vs negatives 0.1, 0.4: 3 of 4 pairs ordered right
    assert auroc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == pytest.approx(0.75)
    # one tie between a positive and a negative counts 1/2: (1 + 0.5) / 2
    assert auroc([0.2, 0.5, 0.5], [False, False, True]) == pytest.approx(0.75)


def test_auroc_undefined_with_one_class() -> None:
    assert auroc([0.1, 0.9], [True, True]) is None
    assert auroc([], []) is None


def test_brier_known_value() -> None:
    assert brier([1.0, 0.0, 0.5], [True, False, True]) == pytest.approx(0.25 / 3)
    assert brier([], []) is None


def test_ece_perfect_and_overconfident() -> None:
    assert ece([0.9] * 10, [True] * 9 + [False]) == pytest.approx(0.0)
    assert ece([0.95] * 4, [True, True, False, False]) == pytest.approx(0.45)
    # two bins, each half the mass: |0.15 - 0| / 2 + |0.85 - 0.5| / 2
    assert ece([0.15, 0.15, 0.85, 0.85], [False, False, True, False]) == pytest.approx(0.25)
    assert ece([], []) is None


def test_reliability_has_ten_bins_and_puts_one_in_the_last() -> None:
    table = reliability([0.0, 1.0, 1.0], [False, True, False])
    assert len(table) == 10
    assert table[0]["n"] == 1 and table[0]["observed"] == 0.0
    assert table[-1] == {"bin": "0.9-1.0", "n": 2, "mean_confidence": 1.0, "observed": 0.5}
    assert table[5]["mean_confidence"] is None


def test_percentile_interpolates() -> None:
    assert percentile([4, 1, 3, 2], 50) == pytest.approx(2.5)
    assert percentile([1, 2, 3, 4], 95) == pytest.approx(3.85)
    assert percentile([7.0], 95) == 7.0
    assert percentile([], 50) is None
