"""Claim checks: one module each, registering itself with :func:`claim_check`.

A check module declares the flag code(s) it raises with their one-line meaning, the default
confidence weight of every signal it sets (used when a weights file lacks that signal), its
place in the order, and a function from a claim's facts (:class:`ClaimContext`) to its flags and
signals. Adding a check is adding a module here; ``verification.FLAG_CODES``, the weights
defaults and the order of flags on a claim all come from this registry.

    @claim_check(order=55, codes={"my_code": "what it means"}, weights={"my_code": -0.1})
    def my_check(ctx: ClaimContext) -> Finding:
        ...
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from extractor.schemas.conflict import Flag
from extractor.verification.attribution import ClaimFacts
from extractor.verification.parties import Parties
from extractor.verification.policy import Policy

Finding = tuple[list[Flag], dict[str, float]]
CONTESTABLE_KINDS = {"state_involvement", "responsibility", "intent_or_motive", "target_identity", "casualties"}


@dataclass(frozen=True)
class ClaimContext:
    """Everything a check may look at for one claim (the claim itself is not to be changed)."""

    claim: Any
    fact: ClaimFacts
    policy: Policy
    claims: list[Any]
    text: str
    parties: Parties
    samples: list[Any] | None = None
    entailment: dict[int, str] | None = None

    @property
    def independent(self) -> set[str]:
        """Sources backing the claim that are not parties (nor the claimant itself, when it is a party)."""
        fact = self.fact
        return fact.non_party_sources - {fact.canonical} if fact.party else fact.non_party_sources


@dataclass(frozen=True)
class ClaimCheck:
    name: str
    order: int
    codes: Mapping[str, str]
    weights: Mapping[str, float]
    run: Callable[[ClaimContext], Finding] = field(compare=False)


_REGISTRY: dict[str, ClaimCheck] = {}


def flag(code: str, message: str) -> Flag:
    return Flag(code=code, message=message)


def claim_check(
    *, order: int, codes: Mapping[str, str] | None = None, weights: Mapping[str, float] | None = None
) -> Callable[[Callable[[ClaimContext], Finding]], Callable[[ClaimContext], Finding]]:
    """Register the decorated function as a claim check (see the module docstring)."""

    def register(run: Callable[[ClaimContext], Finding]) -> Callable[[ClaimContext], Finding]:
        name = f"{run.__module__}.{run.__qualname__}"
        _REGISTRY[name] = ClaimCheck(name, order, dict(codes or {}), dict(weights or {}), run)
        return run

    return register


@lru_cache(maxsize=1)
def claim_checks() -> tuple[ClaimCheck, ...]:
    """Every check module of this package, in their declared order (ties: by name)."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    checks = tuple(sorted(_REGISTRY.values(), key=lambda c: (c.order, c.name)))
    codes = [code for check in checks for code in check.codes]
    if len(codes) != len(set(codes)):
        raise RuntimeError(f"two claim checks declare the same flag code: {sorted(codes)}")
    return checks


def flag_codes() -> dict[str, str]:
    """Every flag code the checks raise, with its meaning, in check order."""
    return {code: meaning for check in claim_checks() for code, meaning in check.codes.items()}


def default_weights() -> dict[str, float]:
    """The default confidence weight of every signal the checks set."""
    return {name: value for check in claim_checks() for name, value in check.weights.items()}


def run_claim_checks(ctx: ClaimContext) -> Finding:
    """The flags and signals of every check, in order."""
    flags: list[Flag] = []
    signals: dict[str, float] = {}
    for check in claim_checks():
        found, set_signals = check.run(ctx)
        flags += found
        signals.update(set_signals)
    return flags, signals
