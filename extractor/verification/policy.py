"""The high-stakes policy: which claims need more than one interested party's word (a TOML file)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import BadInput
from extractor.toml_files import read_toml

DEFAULT_POLICY_PATH = Path(__file__).with_name("default_policy.toml")


class PolicyError(BadInput):
    """A policy file that cannot be used; the message names the file and the fix."""


@dataclass(frozen=True)
class Policy:
    """Rules for claims of direct state involvement (see default_policy.toml)."""

    kinds: frozenset[str]
    actors: tuple[str, ...]
    involvement: tuple[str, ...]
    min_sources: int = 2
    require_non_party: bool = True
    source: str = "default"
    _actor_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _involvement_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_actor_pattern", _words(self.actors))
        object.__setattr__(self, "_involvement_pattern", _words(self.involvement))

    @property
    def actor_pattern(self) -> re.Pattern[str]:
        """Whole-word, case-insensitive pattern of the policy's actors."""
        return self._actor_pattern

    @property
    def involvement_pattern(self) -> re.Pattern[str]:
        """Whole-word, case-insensitive pattern of the policy's involvement words."""
        return self._involvement_pattern

    def fingerprint(self) -> str:
        """A short hash of what decides high stakes (kinds, actors, involvement words): it shapes the prompt's hints."""
        parts = [sorted(self.kinds), sorted(self.actors), sorted(self.involvement)]
        return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:12]

    def state_named(self, text: str) -> str | None:
        """The first policy actor named in ``text``."""
        match = self._actor_pattern.search(text)
        return match.group(0) if match else None

    def is_high_stakes(self, kind: str, statement: str) -> str | None:
        """The state named when a claim of this kind and wording needs more support, else None.

        The words decide, not only the answer's label: a statement that names a policy actor and an
        involvement word is high-stakes whatever kind it was given (a denial answers such a claim; it is
        not one). A claim of a kind in ``kinds`` that names the actor needs no involvement word."""
        if kind == "denial":
            return None
        state = self.state_named(statement)
        if state is None:
            return None
        if kind in self.kinds or self._involvement_pattern.search(statement):
            return state
        return None


_AFFILIATION = re.compile(r"\b[\w']+-(?:backed|aligned|linked|allied|sponsored|funded|supported)\b", re.IGNORECASE)


def without_affiliations(text: str) -> str:
    """``text`` without labels such as "Iran-backed": an affiliation is not a claim of direct involvement."""
    return _AFFILIATION.sub(" ", text)


def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!x)x"
    return re.compile(r"\b(?:" + alternatives + r")\b", re.IGNORECASE)


def load_policy(path: Path | str | None = None) -> Policy:
    """The policy in ``path`` (TOML), or the default one that ships."""
    chosen = Path(path) if path else DEFAULT_POLICY_PATH
    data = read_toml(chosen, PolicyError, "--policy")
    rules = data.get("state_involvement")
    if not isinstance(rules, dict):
        raise PolicyError(f"policy file {chosen} has no [state_involvement] table: copy the default policy and edit it")
    try:
        return Policy(
            kinds=frozenset(rules.get("kinds", ["state_involvement"])),
            actors=tuple(rules["actors"]),
            involvement=tuple(rules.get("involvement", [])),
            min_sources=int(rules.get("min_sources", 2)),
            require_non_party=bool(rules.get("require_non_party", True)),
            source=str(chosen) if path else "default",
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise PolicyError(
            f"policy file {chosen}: bad or missing key {exc}: see the default policy for the format"
        ) from None
