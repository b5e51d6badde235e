"""Attribution checks: the claim's epistemic status, whether its cue and claimant stand by the evidence,
how many independent sources back it, and which claims dispute or deny it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from extractor.sentences import Sentence
from extractor.verification.interest import admits_harm, clears_adversary, is_background
from extractor.verification.lexicon import categories, cue_category, first_cue, is_anonymous, is_author
from extractor.verification.numbers import numbers_in
from extractor.verification.parties import INDEPENDENT_WORDS, PARTY_WORDS, Parties, normalize, side_of
from extractor.verification.policy import Policy, without_affiliations

SAME_STATEMENT = 70.0  # rapidfuzz token_set_ratio for two statements to assert the same thing
ANSWERS = 55.0  # a denial this similar to a claim answers it (or it names the claim's actors)
DISPUTE_DISTANCE = 2  # casualty figures from sentences this close are taken to be about the same event
_WORD = re.compile(r"[a-z0-9']+")
_KILLED = re.compile(r"\b(killed|dead|died|deaths?|toll|fatalities|lost)\b", re.I)
_INJURED = re.compile(r"\b(injured|wounded|hurt|injuries|casualties)\b", re.I)
_SOME = re.compile(r"\b(dozens|scores|hundreds|several|many|a number of|an? \w+)\s", re.I)  # "dozens were hurt"
# Kinds of claim in which a party may speak about itself: its own action (a strike it announces, an attack it
# claims) or the occurrence of its own losses. Blame, intent, target identity, state involvement and denials
# are always about someone else, or answer someone else.
_SUFFERED = re.compile(r"\b(were|was|been|being)\s+(killed|wounded|injured|hurt)\b", re.I)
_INFLICTED = re.compile(r"\b(kill(?:ed|ing|s)|caus(?:ed|ing|es))\b", re.I)
_SELF_REFERENCE = re.compile(r"(its|our|we|it|they|their|the group's|the group)\b", re.I)
# Losses named as the speaker's own people: "the deaths of two of its fighters", "three of their members".
_OWN_PEOPLE = re.compile(
    r"\b(?:its|their|our)\s+(?:own\s+)?(?:\w+\s+)?(?:fighters|members|soldiers|troops|personnel|advisers|"
    r"commanders?|officers|men|sailors|servicemen|service members)\b",
    re.I,
)
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)
# A state's own people under arms, named without a side ("two soldiers were wounded", "a staff sergeant").
_SERVICE_MEMBERS = re.compile(
    r"\b(soldiers?|troops|service ?(?:members?|men|women)|servicemen|personnel|sailors|airmen|marines|reservists|"
    r"sergeants?|staff sergeant|officers?|conscripts)\b",
    re.I,
)
_STATE_SPEAKER = re.compile(
    r"\b(military|army|armed forces|defen[cs]e (?:ministry|department|forces)|ministry of defen[cs]e|pentagon|"
    r"centcom|central command|navy|air force|idf|general staff|joint operations command)\b",
    re.I,
)


_HURT = r"(?:killed|wounded|injured|hurt)"
_VICTIMS_PASSIVE = re.compile(
    rf"{_SERVICE_MEMBERS.pattern}[^.;]{{0,40}}?\b(?:were|was|been|being|are|is)\b(?:\s+\w+){{0,2}}?\s+{_HURT}\b", re.I
)
_VICTIMS_ACTIVE = re.compile(
    rf"\b(?:kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing))\b[^.;]{{0,40}}?{_SERVICE_MEMBERS.pattern}", re.I
)


def speaks_for_state(claimant: str) -> bool:
    """The claimant is a state's forces or defence ministry ("the Israeli military", "Syria's Defense Ministry")."""
    return bool(_STATE_SPEAKER.search(claimant)) and not INDEPENDENT_WORDS.search(claimant)


def own_service_members_hurt(statement: str, claimant: str, parties: Parties) -> bool:
    """A state's forces telling of soldiers killed or hurt, no side named for them and not by its own hand: its
    own ("one soldier was killed and eight were wounded"; "a missile hit the post, wounding three soldiers")."""
    if not speaks_for_state(claimant):
        return False
    said = what_is_said(statement, claimant, parties)[0]
    if not (_VICTIMS_PASSIVE.search(said) or _VICTIMS_ACTIVE.search(said)):
        return False
    subject = parties.subject(without_affiliations(said))
    if subject is not None and subject == parties.canonical(claimant):
        return False  # "Israeli forces killed two soldiers": by its own hand, the adversary's losses
    named = {side_of(word) for word in said.split()} - {None}
    return not named or named == {side_of(claimant)}


# "The Israeli military said (in a statement on Sunday) (that) ...": what a statement may open with before what
# is said. A claim verb with a direct object ("claimed responsibility for", "claimed the attack") claims an act
# as one's own.
_SPEECH_LEAD = re.compile(
    r"^(?P<lead>[^\"“”]{0,100}?)\b(?P<verb>said|says|claimed|claims|confirmed|confirms|announced|stated|added"
    r"|reported|described|insisted|warned|told reporters|maintained|acknowledged)\b"
    r"(?P<that>(?:\s*,?\s*(?:in|on|at|late|early|earlier|later|last|this|after|before|through|via|citing)\b[^\"“”]{0,60}?)?"
    r"\s+that\s+|\s+)",
    re.I,
)  # what may stand between the verb and "that" is a time or a channel ("said in a statement on Sunday that")
_CLAIMED_ACT = re.compile(r"(?:attacks?|strikes?|operations?|bombings?|raids?|assaults?|shooting|launch)\b", re.I)
_PRONOUN_LEAD = re.compile(
    r"^(?:he|she|it|they|its?|the group|the military|the statement|the spokesman)?\s*"
    r"(?:also|later|then|initially)?\s*$",
    re.I,
)
_CLAUSE_END = re.compile(r"[.;:!?]\s")
_SPOKESPERSON_WORD = re.compile(r"\bspokes(?:man|woman|person)\b|\bpress secretary\b", re.I)
DESCRIPTOR_CHARS = 40  # how far before a claimant's name its description ("Houthi military spokesman") may start
SELF_CLAIM_KINDS = frozenset({"responsibility", "other", "casualties"})


@dataclass
class ClaimFacts:
    """What the checks found out about one claim."""

    index: int
    canonical: str
    party: bool
    anonymous: bool
    author: bool
    hedged: bool
    cue_categories: set[str]
    evidence_text: str
    window_text: str
    claimant_in_evidence: bool  # named in the evidence sentences or next to them
    evidence_ids: frozenset[int] = frozenset()  # the sentences the evidence stands in
    cue_in_evidence: bool = True
    self_claim: bool = False
    admits_harm: bool = False  # the claimant's own side killed or hurt people no party means to (interest.py)
    clears_adversary: bool = False  # the claimant says its adversary did not do something (interest.py)
    background: bool = False  # the outlet's own word on the standing state of affairs, not on an incident
    sources: set[str] = field(default_factory=set)
    non_party_sources: set[str] = field(default_factory=set)
    disputed_by: list[int] = field(default_factory=list)
    denied_by: list[int] = field(default_factory=list)

    @property
    def support(self) -> int:
        return len(self.sources)


def evidence_window(claim: Any, sentences: list[Sentence]) -> tuple[str, str]:
    """The evidence text, and the evidence sentences with one neighbour either side (for cue and claimant)."""
    found = [s for s in claim.spans if s.char_start is not None]
    evidence = " ".join(s.text for s in found)
    ids = {i for s in found for i in s.sentence_ids}
    window_ids = {j for i in ids for j in (i - 1, i, i + 1)}
    window = " ".join(s.text for s in sentences if s.id in window_ids) or evidence
    return evidence, window


def derive_cue(claim: Any, sentences: list[Sentence]) -> None:
    """Fill a claim's ``cue`` from its evidence when nobody gave one: the first reporting word of the
    evidence sentences (the model is not asked for it: the lexicon finds it as well, at no token cost)."""
    if getattr(claim, "cue", None) or is_author(claim.claimant):
        return
    evidence, _ = evidence_window(claim, sentences)
    claim.cue = first_cue(evidence)


def denial_kind(claim: Any) -> None:
    """A claim whose statement is itself a denial ("the manager denied that the ship had British links") is of
    kind ``denial``, whatever kind the model gave it: a denial is never a party's word about itself."""
    if claim.kind != "denial" and "denial" in categories(claim.statement):
        claim.kind = "denial"


_NO_ONE = re.compile(
    r"\b(no one|nobody|none of|no (?:[\w.-]+ ){0,2}(?:casualties|injuries|deaths|fatalities|people|civilians|soldiers|"
    r"troops|personnel|service members|members|crew|sailors)|no (?:[\w.-]+ ){1,3}(?:were|was) (?:\w+ )?"
    r"(?:killed|wounded|injured|hurt))\b",
    re.I,
)


def states_a_figure(statement: str) -> bool:
    """The statement gives a toll: a count with a casualty word ("three were killed"), or none ("no one was hurt")."""
    casualty_word = _KILLED.search(statement) or _INJURED.search(statement)
    return bool(casualty_word and (numbers_in(statement) or _NO_ONE.search(statement) or _SOME.search(statement)))


def figure_kind(claim: Any) -> None:
    """A claim labelled ``casualties`` that states no toll ("the operation was retaliation for ...", "the site stored
    drones") is of kind ``other``: the figure checks are for figures, and the label is the model's guess."""
    if claim.kind == "casualties" and not states_a_figure(claim.statement):
        claim.kind = "other"


def claimed_kind(claim: Any, parties: Parties) -> None:
    """A claim whose statement is its claimant claiming an act ("the group, an alliance of Iran-backed factions,
    claimed the attack") is of kind ``responsibility``, whatever kind the model gave it (a denial stays one)."""
    if claim.kind in ("responsibility", "denial") or is_author(claim.claimant):
        return
    if what_is_said(claim.statement, claim.claimant, parties)[1]:
        claim.kind = "responsibility"


def involvement_kind(claim: Any, parties: Parties, policy: Policy) -> None:
    """A claim of kind ``state_involvement`` that names no state (an affiliation such as "Iran-aligned" aside) and
    is its claimant speaking of its own act ("Hezbollah said it launched a drone ...") is of kind
    ``responsibility``: the model took the speaker's label for a claim about a state."""
    if claim.kind != "state_involvement" or is_author(claim.claimant):
        return
    said = what_is_said(claim.statement, claim.claimant, parties)[0]
    if policy.state_named(without_affiliations(said)) is None and is_self_claim(
        "responsibility", claim.statement, claim.claimant, parties
    ):
        claim.kind = "responsibility"


def claimant_mentioned(claimant: str, text: str, parties: Parties) -> bool:
    """The claimant (a name or alias of it, whole, or one of its distinctive words, or its side) occurs in ``text``.

    A word is distinctive when it is long or an acronym and no other actor or claimant of the report has it in
    its names: "Observatory" names the Syrian Observatory, "Syrian" does not when the report also has a Syrian
    government (a claim must not pass as a monitor's because the sentence names someone else of that country)."""
    if is_author(claimant):
        return True
    haystack = normalize(text)
    words = set(haystack.split())
    shared = parties.words_of_others(claimant)
    for name in parties.names_of(claimant) | {normalize(claimant)}:
        if name and f" {name} " in f" {haystack} ":
            return True
        distinctive = [
            w for w in name.split() if (len(w) > 3 or w.isupper() or w in {"u.s", "un", "idf"}) and w not in shared
        ]
        if any(w in words for w in distinctive):
            return True
    side = side_of(claimant)
    return side is not None and side_of(text) == side


@lru_cache(maxsize=256)  # pure: asked for each claim of a report with the same article
def _descriptors(claimant: str, text: str) -> tuple[str, ...]:
    """The words just before each mention of ``claimant`` in ``text`` ("Houthi military spokesman "), within its
    clause; a monitor, UN body or researcher described so is skipped."""
    name = _LEADING_ARTICLE.sub("", (claimant or "").strip())
    if len(name) < 3 or is_author(claimant) or is_anonymous(claimant):
        return ()
    found = []
    for match in re.finditer(re.escape(name), text, re.I):
        before = _CLAUSE_END.split(text[max(0, match.start() - DESCRIPTOR_CHARS) : match.start()])[-1]
        if not INDEPENDENT_WORDS.search(before):
            found.append(before)
    return tuple(found)


def speaks_for(claimant: str, text: str, parties: Parties) -> str | None:
    """The party (its key, as ``Parties.canonical``) the article introduces the claimant as speaking for: the
    Houthis for "the Houthis' military spokesman, Yahya Saree"; None when no mention says so."""
    for before in _descriptors(claimant, text):
        if _SPOKESPERSON_WORD.search(before):
            body = parties.subject(before)
            if body is not None and body != parties.canonical(claimant):
                return body
    return None


def described_as_party(claimant: str, text: str) -> bool:
    """The article introduces the claimant as speaking for a party at some mention: "Houthi military spokesman
    Yahya Saree", "Pentagon press secretary ..." (a monitor, UN body or researcher in the same words is not)."""
    return any(PARTY_WORDS.search(b) or side_of(b) is not None for b in _descriptors(claimant, text))


def what_is_said(statement: str, claimant: str, parties: Parties) -> tuple[str, bool, bool]:
    """The statement without a lead that names its own speaker; whether that lead claims an act as the speaker's
    own; whether a lead was taken off. "the Israeli military said Hezbollah fired the rockets" -> ("Hezbollah
    fired the rockets", False, True); "the group claimed responsibility for the attack" -> ("responsibility for
    the attack", True, True). A lead naming someone else is part of what is said and stays."""
    text = statement.strip()
    match = _SPEECH_LEAD.match(text)
    if not match:
        return statement, False, False
    lead = without_affiliations(match["lead"]).strip(" ,")
    names_speaker = _PRONOUN_LEAD.match(lead) or parties.subject(lead) == parties.canonical(claimant)
    if not (names_speaker or claimant_mentioned(claimant, lead, parties)):
        return statement, False, False
    said = text[match.end() :]
    claimed = match["verb"].lower().startswith("claim")
    owned = claimed and ("that" not in match["that"].lower() or bool(_CLAIMED_ACT.match(said)))
    return said, owned, True  # "claimed that attack": "that" is the attack, not a clause


def is_self_claim(kind: str, statement: str, claimant: str, parties: Parties, voice: str | None = None) -> bool:
    """A party speaking about its own action or its own losses, not about its adversary.

    True when the claim is of a kind a party can make about itself (``SELF_CLAIM_KINDS``) and the first actor its
    statement names is the claimant (alias- and side-aware: "U.S. forces struck ..." said by CENTCOM), or, when it
    names no actor, it opens with the claimant speaking of itself ("Its fighters launched ...", "We struck ...")
    and the claimant carried out one of the report's events. The caller decides that the claimant is a party."""
    if kind not in SELF_CLAIM_KINDS or is_author(claimant) or is_anonymous(claimant):
        return False
    if kind == "casualties" and own_service_members_hurt(statement, claimant, parties):
        return True  # "two soldiers were lightly wounded", "..., wounding three soldiers", said by a military
    if kind == "casualties" and _INFLICTED.search(_SUFFERED.sub(" ", statement)):
        return False  # "Jordanian troops killed four smugglers": the adversary's casualties, not its own losses
    statement, owned, spoken = what_is_said(statement, claimant, parties)
    if owned:
        return kind != "casualties"
    if spoken and _SELF_REFERENCE.match(statement.strip()):
        return True  # "X said the group had targeted ...": after the speaker's own lead, "the group" is X
    subject = parties.subject(without_affiliations(statement))
    if subject is not None:
        return subject in (parties.canonical(claimant), voice)
    if kind == "casualties" and (spoken or parties.is_party(claimant)) and _OWN_PEOPLE.search(statement):
        return True  # "the deaths of two of its fighters": its own losses
    # "X said it had carried out ...": after the speaker's own lead, "it" is the speaker
    return bool(_SELF_REFERENCE.match(statement.strip())) and (spoken or parties.is_perpetrator(claimant))


def facts_for(
    claim: Any,
    index: int,
    sentences: list[Sentence],
    parties: Parties,
    article: str | None = None,
    policy: Policy | None = None,
) -> ClaimFacts:
    """``article``: the sentences joined by spaces, when the caller has it (else joined here); ``policy``: whose
    states a statement may clear (without it, only the report's parties)."""
    evidence, window = evidence_window(claim, sentences)
    cue_categories = categories(claim.cue) | categories(evidence)
    author = is_author(claim.claimant)
    # Party status comes from the report's actors and events and the lexicon, never from the claim's own
    # claimant_is_party (the verifier writes that field, so reading it back would make a re-run sticky).
    if article is None:
        article = " ".join(sentence.text for sentence in sentences)
    party = parties.is_party(claim.claimant) or described_as_party(claim.claimant, article)
    voice = speaks_for(claim.claimant, article, parties) if party else None
    said = what_is_said(claim.statement, claim.claimant, parties)[0] if party else claim.statement
    return ClaimFacts(
        index=index,
        canonical=parties.canonical(claim.claimant),
        party=party,
        self_claim=party and is_self_claim(claim.kind, claim.statement, claim.claimant, parties, voice),
        admits_harm=party and admits_harm(said, claim.claimant, parties),
        clears_adversary=party and clears_adversary(said, claim.claimant, parties, _state(said, policy)),
        background=author and policy is not None and is_background(claim.statement, policy.involvement_pattern),
        anonymous=is_anonymous(claim.claimant),
        author=author,
        hedged="hedged" in cue_categories,
        cue_categories=cue_categories,
        evidence_text=evidence,
        window_text=window,
        claimant_in_evidence=author or speaker_readable(claim.claimant, evidence, window, parties),
        evidence_ids=frozenset(i for span in claim.spans if span.char_start is not None for i in span.sentence_ids),
        cue_in_evidence=cue_mentioned(claim.cue, window),
    )


def speaker_readable(claimant: str, evidence: str, window: str, parties: Parties) -> bool:
    """A reader can tell from the evidence that ``claimant`` says it: named there, or the evidence is attributed
    ("it added", "according to the group") and a neighbouring sentence names the claimant. A sentence with no
    reporting word is not attributed to whoever the sentence next to it names."""
    if claimant_mentioned(claimant, evidence, parties):
        return True
    return first_cue(evidence) is not None and claimant_mentioned(claimant, window, parties)


def _state(statement: str, policy: Policy | None) -> str | None:
    return policy.state_named(without_affiliations(statement)) if policy is not None else None


def cue_mentioned(cue: str | None, window: str) -> bool:
    """The cue, or a cue of the same category ("accused" ~ "blamed"), stands in or next to the evidence."""
    if not cue or not cue.strip() or not window:
        return True
    if normalize(cue) in normalize(window):
        return True
    category = cue_category(cue)
    return category is not None and category in categories(window)


def _without_lead(statement: str) -> str:
    """What is said after a speech lead ("U.S. and British forces said the strikes hit ..." -> "the strikes hit
    ..."): two statements that share only the lead's words do not say the same thing."""
    match = _SPEECH_LEAD.match(statement.strip())
    return statement.strip()[match.end() :] if match and match.end() < len(statement.strip()) else statement


def _same_statement(a: Any, b: Any) -> bool:
    if a.kind == "casualties" and b.kind == "casualties":
        return bool(numbers_in(a.statement)) and numbers_in(a.statement) == numbers_in(b.statement)
    said_a, said_b = normalize(_without_lead(a.statement)), normalize(_without_lead(b.statement))
    return fuzz.token_set_ratio(said_a, said_b) >= SAME_STATEMENT


def _casualty_figures(statement: str) -> tuple[str, set[int]] | None:
    numbers = numbers_in(statement)
    if not numbers:
        return None
    if _KILLED.search(statement):
        return "killed", numbers
    if _INJURED.search(statement):
        return "injured", numbers
    return None


def casualty_kind(number: int, spans: list[Any]) -> str | None:
    """ "killed" or "injured" when every evidence sentence stating ``number`` says only that; else None."""
    kinds = set()
    for span in spans:
        if span.char_start is None or number not in numbers_in(span.text):
            continue
        killed, injured = bool(_KILLED.search(span.text)), bool(_INJURED.search(span.text))
        kinds.add("killed" if killed and not injured else "injured" if injured and not killed else "both")
    return kinds.pop() if len(kinds) == 1 and "both" not in kinds else None


def _answers(denial: Any, denier: ClaimFacts, claim: Any) -> bool:
    """A denial answers a claim when it says the same thing negated, or the claim names the denier."""
    if fuzz.token_set_ratio(normalize(denial.statement), normalize(claim.statement)) >= ANSWERS:
        return True
    claim_side = side_of(claim.statement)
    return claim_side is not None and claim_side == side_of(denial.claimant)


def separate_source(claim: Any, fact: ClaimFacts, other: Any, other_fact: ClaimFacts, parties: Parties) -> bool:
    """``other`` (the same statement) is a second source for ``claim``: its claimant is named by its evidence, and
    it rests on other sentences, or the one sentence both cite names both speakers. Two claims citing one sentence
    are one source however the answer labels them (an injected line given to a monitor it never names)."""
    if not other_fact.claimant_in_evidence or other_fact.canonical == fact.canonical:
        return False
    if not other_fact.evidence_ids or other_fact.evidence_ids != fact.evidence_ids:
        return True
    return not is_author(other.claimant) and claimant_mentioned(other.claimant, fact.evidence_text, parties)


def link_claims(claims: list[Any], facts: list[ClaimFacts], parties: Parties) -> None:
    """Fill each claim's sources (distinct speakers on distinct evidence), and who disputes or denies it."""
    for i, (claim, fact) in enumerate(zip(claims, facts, strict=True)):
        for j, (other, other_fact) in enumerate(zip(claims, facts, strict=True)):
            if other.kind == "denial" and claim.kind != "denial" and j != i and other_fact.canonical != fact.canonical:
                if _answers(other, other_fact, claim):
                    fact.denied_by.append(j)
                continue
            if claim.kind == "denial" or other.kind == "denial":
                continue
            counts = fact.claimant_in_evidence if j == i else (
                _same_statement(claim, other) and separate_source(claim, fact, other, other_fact, parties)
            )  # fmt: skip
            if counts:
                fact.sources.add(other_fact.canonical)
                if not other_fact.party and not other_fact.author and not other_fact.anonymous:
                    fact.non_party_sources.add(other_fact.canonical)
            if j != i and claim.kind == other.kind == "casualties" and other_fact.canonical != fact.canonical:
                mine, theirs = _casualty_figures(claim.statement), _casualty_figures(other.statement)
                near = _near(claim, other)
                if near and mine and theirs and mine[0] == theirs[0] and not mine[1] & theirs[1]:
                    fact.disputed_by.append(j)


def _near(a: Any, b: Any, distance: int = DISPUTE_DISTANCE) -> bool:
    """Two claims whose evidence sentences lie close together (likely about the same event)."""
    ids_a = {i for span in a.spans for i in span.sentence_ids}
    ids_b = {i for span in b.spans for i in span.sentence_ids}
    return any(abs(x - y) <= distance for x in ids_a for y in ids_b)


def status_of(claim: Any, fact: ClaimFacts) -> str:
    """author_asserted / attributed_named / attributed_anonymous / contested / denied / hedged."""
    if claim.kind == "denial" or "denial" in categories(claim.cue):
        return "denied"
    if fact.denied_by or fact.disputed_by:
        return "contested"
    if fact.hedged:
        return "hedged"
    if fact.author:
        return "author_asserted"
    if fact.anonymous:
        return "attributed_anonymous"
    return "attributed_named"


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))
