"""Signals -> confidence in [0, 1]: a documented additive combination whose weights live in weights.toml."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractor.errors import BadInput
from extractor.toml_files import read_toml
from extractor.verification.checks import default_weights

WEIGHTS_PATH = Path(__file__).with_name("weights.toml")
WEIGHTS_FORMAT = "extractor-weights/1"
# The signals every file of format 1 carries; a signal of a check added since may be missing from a
# file and then takes that check's default weight (checks/), with a warning.
FORMAT_SIGNALS = frozenset({
    "ungrounded_evidence", "partly_ungrounded", "fuzzy_only", "number_not_in_evidence", "name_not_in_evidence",
    "claimant_not_in_evidence", "cue_not_in_evidence", "evidence_reassigned", "casualty_field_corrected",
    "single_interested_source", "hedged_attribution", "anonymous_source", "author_assertion",
    "state_involvement_unsupported", "casualty_figure_from_party", "casualty_figure_disputed", "contested",
    "model_disagreement", "entailment_partly", "entailment_failed", "extra_independent_source",
})  # fmt: skip
log = logging.getLogger(__name__)


class WeightsError(BadInput):
    """A weights file that cannot be used; the message names the file and the fix."""


@dataclass(frozen=True)
class Weights:
    """confidence = clamp(base + sum(adjust[signal] * amount), floor, ceiling)."""

    base: float
    floor: float
    ceiling: float
    adjust: dict[str, float]
    source: str = "default"


def load_weights(path: Path | str | None = None) -> Weights:
    """The weights in ``path`` (TOML, see weights.toml), or the ones that ship."""
    return _load(Path(path).resolve() if path else WEIGHTS_PATH)


@lru_cache(maxsize=8)
def _load(path: Path) -> Weights:
    data = read_toml(path, WeightsError, "--weights")
    if data.get("format") != WEIGHTS_FORMAT:
        found = data.get("format")
        raise WeightsError(f'{path}: format is {found!r}; fix: start the file with format = "{WEIGHTS_FORMAT}"')
    try:
        adjust = {str(name): float(value) for name, value in dict(data["adjust"]).items()}
        weights = Weights(float(data["base"]), float(data["floor"]), float(data["ceiling"]), adjust, str(path))
    except (KeyError, TypeError, ValueError) as exc:
        raise WeightsError(
            f"{path}: needs numbers base, floor, ceiling and an [adjust] table of numbers ({exc!r}); "
            f"fix: copy {WEIGHTS_PATH.name} from the package and edit the values"
        ) from None
    missing = sorted(FORMAT_SIGNALS - set(adjust))
    if missing:
        raise WeightsError(f"{path}: [adjust] lacks {missing}; fix: add them (0.0 turns a signal off)")
    defaults = default_weights()
    newer = [name for name in defaults if name not in adjust]
    if newer:
        log.warning("%s: [adjust] lacks %s; using the checks' default weights %s", path, newer,
                    {name: defaults[name] for name in newer})  # fmt: skip
        adjust.update({name: defaults[name] for name in newer})
    return weights


def combine(signals: Mapping[str, float], weights: Weights | None = None) -> float:
    """``signals`` maps an adjustment name to how much of it applies (1.0 = fully, 2.0 = twice)."""
    weights = weights or load_weights()
    unknown = set(signals) - set(weights.adjust)
    if unknown:
        raise KeyError(f"no weight for {sorted(unknown)} in {weights.source}")
    value = weights.base + sum(weights.adjust[name] * amount for name, amount in signals.items())
    return round(min(weights.ceiling, max(weights.floor, value)), 3)


def dump_weights(weights: Weights, comment: str = "") -> str:
    """``weights`` as a TOML file that load_weights reads back; ``comment`` lines go on top."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    lines += [f'format = "{WEIGHTS_FORMAT}"', f"base = {weights.base:.3f}", f"floor = {weights.floor:.3f}"]
    lines += [f"ceiling = {weights.ceiling:.3f}", "", "[adjust]"]
    lines += [f"{name} = {value:.3f}" for name, value in weights.adjust.items()]
    return "\n".join(lines) + "\n"
