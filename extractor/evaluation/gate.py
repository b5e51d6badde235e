"""The baseline gate: a change fails when a headline metric is worse than the saved baseline by more than a margin.

The baseline file is simply a saved JSON report (eval/baseline.json).
"""

from __future__ import annotations

from pathlib import Path

from extractor.evaluation.metrics import LOWER_IS_BETTER
from extractor.evaluation.report import EvalReport, load_report, write_json

GATED = ("events_f1", "claims_f1", "flag_f1", "flag_recall", "auroc", "schema_valid_rate", "ece", "brier")
GATED_HIGHER = tuple(name for name in GATED if name not in LOWER_IS_BETTER)
GATED_LOWER = tuple(name for name in GATED if name in LOWER_IS_BETTER)
DEFAULT_BASELINE = Path("eval/baseline.json")
DEFAULT_MAX_DROP = 0.02
_EPSILON = 1e-9


def compare_to_baseline(report: EvalReport, baseline: EvalReport, max_drop: float = DEFAULT_MAX_DROP) -> list[str]:
    """One message per gated headline metric that got worse by more than ``max_drop`` (absolute), named first.

    Higher-is-better metrics fail on a drop, ECE and Brier on a rise. A metric the baseline
    had but this run cannot compute (e.g. AUROC without confidences) fails too.
    """
    failures = []
    for name in GATED:
        before, now = baseline.headline.get(name), report.headline.get(name)
        if before is None:
            continue
        if now is None:
            failures.append(f"{name} is undefined in this run (baseline {before:.3f})")
            continue
        worse_by = now - before if name in LOWER_IS_BETTER else before - now
        if worse_by > max_drop + _EPSILON:
            verb = "rose" if name in LOWER_IS_BETTER else "dropped"
            failures.append(f"{name} {verb} by {worse_by:.3f} ({before:.3f} → {now:.3f}; allowed {max_drop:.3f})")
    return failures


def baseline_mismatch(report: EvalReport, baseline: EvalReport) -> list[str]:
    """Reasons the two runs are not on the same footing (different split or gold articles)."""
    problems = []
    if report.split != baseline.split:
        problems.append(f"the baseline was computed on split {baseline.split!r}, this run on {report.split!r}")
    ours, theirs = {a.id for a in report.articles}, {a.id for a in baseline.articles}
    if ours != theirs:
        problems.append(
            f"the gold articles differ ({len(ours - theirs)} new, {len(theirs - ours)} gone): "
            "re-run with --update-baseline once the change is reviewed"
        )
    return problems


def write_baseline(report: EvalReport, path: Path | str = DEFAULT_BASELINE) -> None:
    """Save ``report`` as the new baseline."""
    write_json(report, path)


def load_baseline(path: Path | str = DEFAULT_BASELINE) -> EvalReport:
    """The saved baseline report."""
    return load_report(path)
