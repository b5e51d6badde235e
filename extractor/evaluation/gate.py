"""The baseline gate: a change fails when a headline metric got worse by at least a margin, beyond the noise.

A gated metric fails only when the 95 % interval of how much worse it got excludes zero and the drop is at least
``max_drop``. The interval is paired (the same articles resampled for the baseline and this run) when both
reports keep per-article counts; a baseline without them is compared unpaired, and a run without intervals
falls back to the margin alone. The baseline file is simply a saved JSON report (eval/baseline.json).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractor.evaluation.intervals import DEFAULT_RESAMPLES, DEFAULT_SEED, Interval
from extractor.evaluation.metrics import LOWER_IS_BETTER
from extractor.evaluation.pairing import Method, differences
from extractor.evaluation.report import EvalReport, load_report, write_json

GATED = ("events_f1", "claims_f1", "flag_f1", "flag_recall", "auroc", "schema_valid_rate", "ece", "brier")
GATED_HIGHER = tuple(name for name in GATED if name not in LOWER_IS_BETTER)
GATED_LOWER = tuple(name for name in GATED if name in LOWER_IS_BETTER)
DEFAULT_BASELINE = Path("eval/baseline.json")
DEFAULT_MAX_DROP = 0.02
_EPSILON = 1e-9


@dataclass(frozen=True)
class GateCheck:
    """One gated metric: baseline and now, how much worse it got (``worse``, with its interval), the verdict."""

    name: str
    before: float
    now: float | None
    worse: Interval  # positive: worse than the baseline (a drop, or a rise of ECE/Brier)
    failed: bool
    method: Method

    @property
    def verb(self) -> str:
        return "rose" if self.name in LOWER_IS_BETTER else "dropped"

    def message(self, max_drop: float) -> str:
        """The line the gate prints for this metric, failed or not."""
        if self.now is None:
            return f"{self.name} is undefined in this run (baseline {self.before:.3f})"
        assert self.worse.value is not None
        change = f"{self.before:.3f} → {self.now:.3f}"
        if self.worse.known:
            change += f"; 95 % interval {self.worse.bounds(signed=True)} ({self.method})"
        head = f"{self.name} {self.verb} by {self.worse.value:.3f}"
        if self.failed:
            return f"{head} ({change}; max drop {max_drop:.3f}): fails"
        if self.worse.value < _EPSILON:
            return f"{self.name} did not get worse ({change}): passes"
        if self.worse.known and not _excludes_zero(self.worse):
            return f"{head} ({change}): passes, the interval includes 0 (noise)"
        return f"{head} ({change}): passes, less than the max drop {max_drop:.3f}"


@dataclass(frozen=True)
class GateResult:
    """Every gated metric's check and how the intervals were computed (``note``)."""

    checks: list[GateCheck]
    method: Method
    note: str
    max_drop: float

    @property
    def failures(self) -> list[str]:
        """One message per failed metric, named first."""
        return [check.message(self.max_drop) for check in self.checks if check.failed]

    def lines(self) -> list[str]:
        """One line per gated metric, passed or failed."""
        return [check.message(self.max_drop) for check in self.checks]


def _excludes_zero(worse: Interval) -> bool:
    return worse.ci_low is not None and worse.ci_low > _EPSILON


def _worse(name: str, change: Interval) -> Interval:
    """B - A turned into "how much worse": the change itself for lower-is-better metrics, else its negation."""
    if name in LOWER_IS_BETTER or change.value is None:
        return change
    low = None if change.ci_high is None else 0.0 - change.ci_high
    return Interval(
        value=0.0 - change.value, ci_low=low, ci_high=None if change.ci_low is None else 0.0 - change.ci_low
    )


def run_gate(
    report: EvalReport,
    baseline: EvalReport,
    max_drop: float = DEFAULT_MAX_DROP,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> GateResult:
    """Check every gated headline metric of ``report`` against ``baseline``.

    A metric fails when its drop (a rise for ECE and Brier) is at least ``max_drop`` (absolute) and its interval
    excludes zero; without an interval the margin alone decides. A metric the baseline had but this run cannot
    compute (e.g. AUROC without confidences) fails too; one the baseline lacks is not checked."""
    found = differences(baseline, report, resamples, seed, names=("the baseline", "this run"))
    checks = []
    for name in GATED:
        before, now = baseline.headline.get(name), report.headline.get(name)
        if before is None:
            continue
        worse = _worse(name, found.intervals.get(name, Interval(value=None)))
        if now is None or worse.value is None:
            checks.append(GateCheck(name, before, None, Interval(value=None), True, found.method))
            continue
        big = worse.value >= max_drop - _EPSILON and worse.value > _EPSILON
        failed = big and (_excludes_zero(worse) if worse.known else True)
        checks.append(GateCheck(name, before, now, worse, failed, found.method))
    return GateResult(checks, found.method, found.note, max_drop)


def compare_to_baseline(
    report: EvalReport,
    baseline: EvalReport,
    max_drop: float = DEFAULT_MAX_DROP,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> list[str]:
    """One message per gated headline metric that failed the gate (``run_gate``), named first."""
    return run_gate(report, baseline, max_drop, resamples, seed).failures


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
