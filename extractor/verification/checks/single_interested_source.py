"""A party to the events asserting something about its adversary that no independent source in the article backs.

The analyst's rule (eval/README.md, "When a claim needs a second look"): a party's word about its OWN action or
its own losses (a military announcing the strike it carried out, a group claiming its own attack) is not
flag-worthy by itself; a party's word about its adversary (blame, intent, who the targets were, the adversary's
casualties, a state's involvement) and a denial standing alone are. ``ClaimFacts.self_claim`` decides "own"; a
statement against the speaker's interest (harm its own side caused, its adversary cleared) needs no look either.
"""

from __future__ import annotations

from extractor.verification.checks import ClaimContext, Finding, claim_check, flag

# What a claim of each kind says, for the flag message ("only X, a party, says <this>").
SAYS = {
    "responsibility": "who carried this out",
    "state_involvement": "a state was directly involved",
    "intent_or_motive": "why it was done",
    "target_identity": "who the targets were",
    "casualties": "this toll",
    "denial": "it is not true (a denial no independent source backs)",
}


@claim_check(
    order=60,
    # the meaning is also README's flag table (tests/test_readme.py): change both together
    codes={"single_interested_source": "only a party to the events asserts it; nothing independent backs it"},
    weights={"single_interested_source": -0.295},
)
def single_interested_source(ctx: ClaimContext) -> Finding:
    denial = ctx.claim.kind == "denial"  # contested whoever denies: the README's rule flags every lone denial
    fact = ctx.fact
    against_interest = fact.self_claim or fact.admits_harm or fact.clears_adversary  # interest.py
    if (not fact.party and not denial) or against_interest or ctx.independent:
        return [], {}
    says = SAYS.get(ctx.claim.kind, "this")
    who = f"{ctx.claim.claimant}, a party to the events," if ctx.fact.party else ctx.claim.claimant
    message = f"only {who} says {says}; no independent source in the article"
    return [flag("single_interested_source", message)], {"single_interested_source": 1.0}
