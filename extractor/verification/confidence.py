"""Signals -> confidence in [0, 1]: a documented additive combination whose weights live in weights.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WEIGHTS_PATH = Path(__file__).with_name("weights.toml")


@dataclass(frozen=True)
class Weights:
    base: float
    floor: float
    ceiling: float
    adjust: dict[str, float]


@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS_PATH) -> Weights:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Weights(float(data["base"]), float(data["floor"]), float(data["ceiling"]), dict(data["adjust"]))


def combine(signals: dict[str, float], weights: Weights | None = None) -> float:
    """``signals`` maps an adjustment name to how much of it applies (1.0 = fully, 2.0 = twice)."""
    weights = weights or load_weights()
    unknown = set(signals) - set(weights.adjust)
    if unknown:
        raise KeyError(f"no weight for {sorted(unknown)} in {WEIGHTS_PATH}")
    value = weights.base + sum(weights.adjust[name] * amount for name, amount in signals.items())
    return round(min(weights.ceiling, max(weights.floor, value)), 3)
