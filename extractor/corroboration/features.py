"""Per-claim features for corroboration: names resolved across articles, place, date, figures, shingles.

Everything here depends only on the saved results (duck-typed: ``article_id``, ``title``, ``report``),
the schemas and the standard library: corroboration never runs a model.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from extractor.schemas.claimants import is_author
from extractor.schemas.conflict import ConflictReport

_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_WORD = re.compile(r"\w+")
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "dozen": 12, "hundred": 100,
}  # fmt: skip
# Words a denial adds to the statement it denies: dropped before comparing a denial with other claims.
DENIAL_WORDS = frozenset(
    [
        "deny",
        "denies",
        "denied",
        "denial",
        "denying",
        "reject",
        "rejects",
        "rejected",
        "rejecting",
        "no",
        "not",
        "any",
        "never",
        "had",
        "has",
        "have",
        "was",
        "were",
        "role",
        "involvement",
        "involved",
        "part",
        "false",
        "claims",
        "claim",
        "allegation",
        "allegations",
    ]
)


class ResultLike(Protocol):
    """What corroboration reads from a saved result (``extractor.results.Result`` fits)."""

    article_id: str
    title: str | None
    report: Any


def norm_name(text: str | None) -> str:
    """Casefolded, punctuation-free, without a leading "the": "The U.S. Military" -> "us military"."""
    text = (text or "").casefold().replace(".", "")
    words = _PUNCT.sub(" ", text).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def norm_text(text: str) -> str:
    return _SPACE.sub(" ", _PUNCT.sub(" ", text.casefold().replace(".", ""))).strip()


def figures(text: str) -> tuple[int, ...]:
    """Numbers a statement gives (digits and simple number words), sorted, for casualty comparisons."""
    found: set[int] = set()
    for match in _NUMBER.findall(text):
        digits = match.replace(",", "").rstrip(".")
        if digits.isdigit() and not (1900 <= int(digits) <= 2100):  # a year is no figure
            found.add(int(digits))
    for word in _WORD.findall(text.casefold()):
        if word in NUMBER_WORDS:
            found.add(NUMBER_WORDS[word])
    return tuple(sorted(found))


def comparable_statement(text: str, kind: str) -> str:
    """The statement as compared: normalised, without figures (casualty reports differ in them) and, for a
    denial, without the words of denying."""
    words = [w for w in norm_text(_NUMBER.sub(" ", text)).split() if w not in NUMBER_WORDS]
    if kind == "denial":
        words = [w for w in words if w not in DENIAL_WORDS]
    return " ".join(words)


def shingles(text: str, size: int = 5) -> frozenset[int]:
    """Hashed word ``size``-shingles of a text (stable across runs: built from the words, not ``hash``)."""
    words = norm_text(text).split()
    if len(words) < size:
        return frozenset({_stable_hash(" ".join(words))}) if words else frozenset()
    return frozenset(_stable_hash(" ".join(words[i : i + size])) for i in range(len(words) - size + 1))


def _stable_hash(text: str) -> int:
    import zlib

    return zlib.crc32(text.encode("utf-8"))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def outlet_of(article_id: str, outlets: Mapping[str, str] | None = None) -> str:
    """The outlet of an article: from the ``outlets`` mapping, else the article id's prefix before the
    first "-", "/" or ":" ("harbourpost-s1" -> "harbourpost"), else the id itself."""
    if outlets and article_id in outlets:
        return outlets[article_id]
    for sep in ("/", ":", "-"):
        if sep in article_id:
            return article_id.split(sep, 1)[0]
    return article_id


GENERIC_NAMES = frozenset(
    {
        "police",
        "army",
        "military",
        "government",
        "group",
        "militia",
        "ministry",
        "officials",
        "official",
        "authorities",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "witnesses",
        "residents",
        "sources",
        "forces",
        "rebels",
        "fighters",
        "monitors",
        "observers",
        "mission",
        "director",
        "office",
        "agency",
        "statement",
        "channel",
        "company",
        "brigade",
        "front",
    }
)


def linkable(raw: str) -> bool:
    """Whether a name may join actors across articles: a proper name ("CENTCOM", "U.S. Central Command",
    "Police in Brannoch"), not a description any article may use for another actor ("the group",
    "the ministry", "Police")."""
    words = raw.strip().split()
    if words[:1] and words[0].casefold() == "the":
        words = words[1:]
    normal = norm_name(" ".join(words)).split()
    if not normal or all(w in GENERIC_NAMES for w in normal):
        return False
    return any(c.isupper() for c in " ".join(words))


def local_names(report: ConflictReport, article_id: str) -> dict[str, str]:
    """Every name an article gives an actor -> the actor's first proper name (normalised), or an
    article-local key when it has none: descriptions resolve within their article only."""
    out: dict[str, str] = {}
    for actor in report.actors:
        raw = [actor.name, *actor.aliases]
        proper = [norm_name(x) for x in raw if linkable(x) and norm_name(x)]
        primary = proper[0] if proper else f"{article_id}:{norm_name(actor.name)}"
        for name in raw:
            normal = norm_name(name)
            if normal and not is_author(normal):
                out.setdefault(normal, primary)
    return out


class Names:
    """Actor names resolved across articles: every name and alias an article lists for one actor is one
    entity, and two articles naming it the same way join their entities (union-find, deterministic keys)."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self.kinds: dict[str, list[str]] = {}
        self._keys: dict[tuple[str, ...], frozenset[str]] = {}
        self._kind_of: dict[str, str | None] | None = None

    def _find(self, name: str) -> str:
        parent = self._parent.setdefault(name, name)
        if parent != name:
            parent = self._parent[name] = self._find(parent)
        return parent

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            # the smaller string is the root: keys do not depend on the order results are added
            if rb < ra:
                ra, rb = rb, ra
            self._parent[rb] = ra

    def add_report(self, report: ConflictReport) -> None:
        self._keys.clear()
        self._kind_of = None
        for actor in report.actors:
            names = [norm_name(x) for x in [actor.name, *actor.aliases] if linkable(x) and not is_author(x)]
            names = [n for n in names if n]
            for name in names:
                self._find(name)
                self.kinds.setdefault(name, []).append(actor.kind)
            for other in names[1:]:
                self._union(names[0], other)

    def key(self, name: str | None) -> str:
        """The entity key of a name ("" for none); an unknown name is its own entity."""
        normal = norm_name(name)
        if not normal:
            return ""
        return self._find(normal) if normal in self._parent else normal

    def known(self) -> list[str]:
        return sorted(self._parent)

    def keys_of(self, mentions: tuple[str, ...]) -> frozenset[str]:
        """The entity keys of a claim's mentions (cached: claims share their articles' actors)."""
        found = self._keys.get(mentions)
        if found is None:
            found = self._keys[mentions] = frozenset(k for k in (self.key(m) for m in mentions) if k)
        return found

    def kind(self, key: str) -> str | None:
        """The most common actor kind the articles give an entity."""
        if self._kind_of is None:
            counts: dict[str, dict[str, int]] = {}
            for name, kinds in self.kinds.items():
                per = counts.setdefault(self._find(name), {})
                for kind in kinds:
                    per[kind] = per.get(kind, 0) + 1
            self._kind_of = {r: min(c, key=lambda k: (-c[k], k)) if c else None for r, c in counts.items()}
        return self._kind_of.get(key)


@dataclass
class ClaimRecord:
    """One claim of one article, with what grouping needs."""

    ref: str  # "article_id#index"
    article_id: str
    index: int
    outlet: str
    kind: str
    statement: str
    claimant: str
    claimant_name: str  # the claimant resolved within its article (a proper name, or an article-local key)
    claimant_is_party: bool
    status: str | None
    flags: tuple[str, ...]
    evidence_text: str
    compare_text: str = ""
    figures: tuple[int, ...] = ()
    mentions: tuple[str, ...] = ()  # normalised actor names the statement mentions (raw, before resolution)
    place: str = ""
    country: str = ""
    date: dt.date | None = None
    shingles: frozenset[int] = field(default_factory=frozenset)


def _event_for(report: ConflictReport, evidence: Iterable[int], text: str):
    """The event a claim is about: the one sharing an evidence sentence; else the only event; else the one
    whose place the claim's words name ("the market attack" -> the event at "central market in Brannoch")."""
    wanted = set(evidence)
    for event in report.events:
        if wanted & set(event.evidence):
            return event
    if len(report.events) == 1:
        return report.events[0]
    words = set(norm_text(text).split())
    named = [e for e in report.events if words & _distinctive(norm_name(e.location)) - _shared(report)]
    return named[0] if len(named) == 1 else None


def _distinctive(place: str) -> set[str]:
    return {w for w in place.split() if len(w) > 2}


def _shared(report: ConflictReport) -> set[str]:
    """Place words every event of the article has (the town): they tell no event apart."""
    sets = [_distinctive(norm_name(e.location)) for e in report.events]
    return set.intersection(*sets) if sets else set()


def _parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def claim_records(result: ResultLike, outlets: Mapping[str, str] | None = None) -> list[ClaimRecord]:
    """The claims of one result as records (none for a failed result)."""
    report = result.report
    if report is None:
        return []
    local = local_names(report, result.article_id)
    names = sorted((n for n in local if len(n) > 1), key=lambda n: (-len(n), n))
    records = []
    outlet = outlet_of(result.article_id, outlets)
    for index, claim in enumerate(report.claims):
        event = _event_for(report, claim.evidence, claim.statement)
        evidence = " ".join(span.text for span in claim.spans) or claim.statement
        statement_norm = f" {norm_name(claim.statement)} "
        mentions = tuple(sorted({local[n] for n in names if f" {n} " in statement_norm}))
        records.append(
            ClaimRecord(
                ref=f"{result.article_id}#{index}",
                article_id=result.article_id,
                index=index,
                outlet=outlet,
                kind=claim.kind,
                statement=claim.statement,
                claimant=claim.claimant,
                claimant_name=local.get(norm_name(claim.claimant), norm_name(claim.claimant)),
                claimant_is_party=claim.claimant_is_party,
                status=claim.status,
                flags=tuple(f.code for f in claim.flags),
                evidence_text=evidence,
                compare_text=comparable_statement(claim.statement, claim.kind),
                figures=figures(claim.statement) if claim.kind == "casualties" else (),
                mentions=mentions,
                place=norm_name(event.location) if event else "",
                country=norm_name(event.country) if event else "",
                date=_parse_date(event.date) if event else None,
                shingles=shingles(evidence),
            )
        )
    return records
