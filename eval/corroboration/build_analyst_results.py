"""Writes eval/corroboration/articles.jsonl and analyst_results.jsonl from the hand-written data below (the dev
stories 1-4) and in heldout_stories.py (the held-out stories 5-7), and the article lists of gold.json's "splits".

HAND-MADE, NOT MODEL OUTPUT. The articles are original fictional texts written for this gold set (fictional
countries, towns, outlets and people). The extractions are an analyst's, written by hand in the shape
``extractor extract`` saves (claims, actors, events, with the verifier's fields filled by hand), so grouping,
origins and status can be scored end to end without a model. Evidence spans are located here by finding each
quoted sentence in the text. The gold groups in gold.json are labelled by hand; this script only writes which
articles are in which split. Run: python eval/corroboration/build_analyst_results.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import heldout_stories  # noqa: E402  (beside this script)

# --- the articles -------------------------------------------------------------------------------------------
# Story 1: drone strike on the Karvel fuel depot (wire + 2 reprints, one outlet citing the same official,
#          one with an independent monitor giving another death toll; Ostrania denies).
# Story 2: shelling of the port of Selmar (wire + reprint, a UN observer mission as independent source,
#          the army named three ways).
# Story 3: abduction of aid workers near Telun (the militia's own statement repeated everywhere).

W1 = (
    "A drone struck a fuel depot in Karvel, in northern Dastova, early on Saturday, killing four workers, "
    "the regional governor's office said. "
    "The Dastovan Defence Ministry said the Red Ridge Brigade launched the drone from hills east of the town. "
    "The ministry also said the drone had been supplied to the militia by neighbouring Ostrania. "
    "Ostrania's foreign ministry denied any role in the attack and called the accusation a provocation. "
    "Fires burned at the depot for most of the morning, residents said."
)
H1 = (  # Harbour Post reprints the wire with light edits
    "A drone struck a fuel depot in Karvel, in northern Dastova, early on Saturday, killing four workers, "
    "the regional governor's office said. "
    "The Dastovan Defence Ministry said the Red Ridge Brigade launched the drone from hills east of the city. "
    "The ministry also said the drone had been supplied to the militia by neighbouring Ostrania. "
    "Ostrania's foreign ministry denied any role in the attack and called the accusation a provocation. "
    "Fires burned at the depot for most of Saturday morning, residents said."
)
V1 = (  # Valley Times reprints the wire and adds a local line
    "A drone hit a fuel depot in Karvel, in northern Dastova, early on Saturday, killing four workers, "
    "the regional governor's office said. "
    "The Dastovan Defence Ministry said the Red Ridge Brigade launched the drone from hills east of the town. "
    "The ministry also said the drone had been supplied to the militia by neighbouring Ostrania. "
    "Ostrania's foreign ministry denied any role in the attack and called the accusation a provocation. "
    "Fuel prices in the province rose sharply by the afternoon, traders told the Valley Times."
)
N1 = (  # Northstar: its own reporter and an independent monitor
    "Six people died when a drone hit the Karvel fuel depot on Saturday, according to the Karvel Monitoring "
    "Group, an independent organisation that records civilian casualties in the region. "
    "The group said wreckage recovered at the site came from a model that Ostrania has supplied to the Red "
    "Ridge Brigade. "
    "A Northstar reporter at the scene saw three burned-out tanker trucks inside the depot gates. "
    "Dastovan officials have blamed the Red Ridge Brigade for the strike."
)
C1 = (  # Civic Ledger: the same ministry, through its spokesman
    "Colonel Idris Fell, spokesman for the Dastovan Defence Ministry, said on Saturday that fighters of the "
    "Red Ridge Brigade flew the drone that hit the Karvel fuel depot. "
    "Fell said Ostrania had provided the militia with the drone and trained its operators. "
    "Four workers were killed, according to the governor's office in Karvel. "
    "Ostrania rejected the accusation, saying it had no part in the strike."
)
W2 = (
    "Artillery shells hit the port of Selmar on Tuesday, setting a grain ship on fire and wounding three dock "
    "workers, the Selmar port authority said. "
    "The Dastovan army said the shells were fired from Ostranian army positions across the Vell river. "
    "Ostrania did not respond to a request for comment. "
    "Grain loading at the port was suspended until further notice."
)
H2 = (  # reprint with light edits
    "Artillery shells hit the port of Selmar on Tuesday, setting a grain ship on fire and wounding three dock "
    "workers, the Selmar port authority said. "
    "The Dastovan army said the shells were fired from Ostranian army positions across the Vell river. "
    "Ostrania did not reply to a request for comment. "
    "Grain loading at the port was halted until further notice."
)
N2 = (  # an independent observer mission
    "Observers of the UN Selmar Corridor Mission said on Wednesday that their monitors had traced Tuesday's "
    "shelling of Selmar port to Ostranian army positions on the far bank of the Vell. "
    "The mission said crater analysis pointed to artillery fire from the east. "
    "Three dock workers were wounded in the shelling, hospital staff in Selmar told Northstar."
)
C2 = (  # the army named another way
    "The Dastovan Armed Forces (DAF) accused Ostrania on Tuesday of shelling the port of Selmar. "
    "According to the DAF, the rounds came from Ostranian army positions across the Vell river. "
    "The port authority said three dock workers were wounded and a grain ship caught fire."
)
W3 = (
    "Gunmen abducted five aid workers near Telun in eastern Dastova on Thursday, the relief agency Hands "
    "Across said. "
    "The Eastern Front militia said in a statement on its channel that its fighters had seized the workers, "
    "whom it accused of spying. "
    "Hands Across said its staff were delivering water to displaced families and called for their release."
)
H3 = (  # reprint
    "Gunmen abducted five aid workers near Telun in eastern Dastova on Thursday, the relief agency Hands "
    "Across said. "
    "The Eastern Front militia said in a statement on its channel that its fighters had seized the workers, "
    "whom it accused of spying. "
    "Hands Across said its staff were delivering water to displaced families and urged their release."
)
V3 = (  # its own wording, the same militia statement
    "The Eastern Front said its men took five aid workers captive on the road outside Telun on Thursday. "
    "In the statement, posted on the group's channel, the militia accused the workers of spying for the "
    "Dastovan army. "
    "Hands Across, the agency that employs them, said they were unarmed and delivering water."
)
C3 = (  # the same militia statement, and an interested government claim only this outlet carries
    "The Eastern Front militia has claimed the abduction of five aid workers near Telun, saying its fighters "
    "detained them on Thursday. "
    "Dastova's interior ministry said the Eastern Front receives money and weapons from Ostrania. "
    "Hands Across confirmed that five of its staff were missing."
)

M4 = (  # story 4: two strikes on one town on consecutive days, told apart only by place
    "A rocket struck the central market in Brannoch on Monday, killing nine people, the town's health office "
    "said. "
    "Police in Brannoch blamed the Sable Hill Company, an armed group active in the hills west of the town. "
    "Stallholders said the market had been crowded with shoppers before the evening meal."
)
N4 = (
    "A rocket hit the Brannoch district hospital on Tuesday, killing three patients, the hospital's director "
    "told Northstar. "
    "Police said the Sable Hill Company fired the rocket from the same hills it used for Monday's attack on the "
    "market. "
    "The group said in a message to reporters that it had not attacked the hospital."
)
C4 = (
    "Two rocket strikes in two days have killed twelve people in Brannoch, the regional health ministry said on "
    "Tuesday. "
    "Nine died at the central market on Monday, the ministry said. "
    "Three more died at the district hospital on Tuesday. "
    "Police blame the Sable Hill Company for the market attack. "
    "The Sable Hill Company denied striking the hospital."
)
V4 = (
    "The Sable Hill Company said fighters loyal to the government stored weapons at the Brannoch market, which "
    "was hit by a rocket on Monday. "
    "The town's health office said nine people were killed. "
    "Market traders told the Valley Times that no weapons had ever been kept at the market."
)

ARTICLES = {
    "meridianwire-s1": ("Drone hits fuel depot in northern Dastova, four killed", "2026-03-14", W1),
    "harbourpost-s1": ("Drone strike on Karvel depot kills four", "2026-03-14", H1),
    "valleytimes-s1": ("Four dead as drone strikes Karvel depot", "2026-03-15", V1),
    "northstar-s1": ("Monitors count six dead at Karvel depot", "2026-03-15", N1),
    "civicledger-s1": ("Ministry blames Red Ridge Brigade for Karvel strike", "2026-03-14", C1),
    "meridianwire-s2": ("Shelling sets grain ship ablaze at Selmar port", "2026-03-17", W2),
    "harbourpost-s2": ("Selmar port shelled, three wounded", "2026-03-17", H2),
    "northstar-s2": ("UN monitors trace Selmar shelling to Ostranian positions", "2026-03-18", N2),
    "civicledger-s2": ("Army accuses Ostrania over Selmar port shelling", "2026-03-17", C2),
    "meridianwire-s3": ("Five aid workers abducted near Telun", "2026-03-19", W3),
    "harbourpost-s3": ("Militia seizes five aid workers in eastern Dastova", "2026-03-19", H3),
    "valleytimes-s3": ("Eastern Front says it holds five aid workers", "2026-03-20", V3),
    "civicledger-s3": ("Eastern Front claims abduction of aid workers", "2026-03-20", C3),
    "meridianwire-s4": ("Rocket kills nine at Brannoch market", "2026-03-23", M4),
    "northstar-s4": ("Rocket hits Brannoch hospital a day after market strike", "2026-03-24", N4),
    "civicledger-s4": ("Twelve dead in two days of rocket strikes on Brannoch", "2026-03-24", C4),
    "valleytimes-s4": ("Armed group says Brannoch market hid weapons", "2026-03-23", V4),
}

# --- the analyst's extractions ------------------------------------------------------------------------------
# actor: (name, aliases, kind); event: (sub_event_type, date_text, date, country, location, perpetrators,
# fatalities, injured, casualty_source, evidence sentence); claim: (statement, kind, claimant, party, status,
# flags, evidence sentence (a prefix of it is enough)).
S1_ACTORS = [
    ("Dastovan Defence Ministry", ["the ministry", "Colonel Idris Fell", "Fell", "Dastovan officials"], "government"),
    ("Red Ridge Brigade", ["the militia"], "non_state_armed_group"),
    ("Ostrania", ["Ostrania's foreign ministry", "neighbouring Ostrania"], "government"),
    ("regional governor's office", ["governor's office in Karvel", "the governor's office"], "government"),
    ("Karvel Monitoring Group", ["the group"], "monitor_or_ngo"),
]
S2_ACTORS = [
    ("Dastovan army", ["Dastovan Armed Forces", "DAF"], "state_forces"),
    ("Ostrania", ["Ostranian army"], "government"),
    ("Selmar port authority", ["the port authority"], "other"),
    ("UN Selmar Corridor Mission", ["the mission", "Observers of the UN Selmar Corridor Mission"], "monitor_or_ngo"),
]
S3_ACTORS = [
    ("Eastern Front", ["Eastern Front militia", "the militia", "the group"], "non_state_armed_group"),
    ("Hands Across", ["relief agency Hands Across"], "monitor_or_ngo"),
    ("Dastova's interior ministry", ["interior ministry"], "government"),
    ("Ostrania", [], "government"),
]
# fmt: off
SIS = ["single_interested_source"]
DEPOT = ("Air/drone strike", "on Saturday", "2026-03-14", "Dastova", "Karvel fuel depot", ["Red Ridge Brigade"])
SHELLING = "Shelling/artillery/missile attack"
PORT = (SHELLING, "on Tuesday", "2026-03-17", "Dastova", "port of Selmar", ["Ostranian army"])
S4_ACTORS = [
    ("Sable Hill Company", ["the group"], "non_state_armed_group"),
    ("Brannoch health office", ["the town's health office"], "government"),
    ("regional health ministry", ["the ministry"], "government"),
    ("Police in Brannoch", ["Police"], "state_forces"),
    ("Brannoch district hospital", ["the hospital's director"], "other"),
    ("Market traders", [], "civilians"),
]
MARKET = ("Shelling/artillery/missile attack", "on Monday", "2026-03-23", "Dastova")
HOSPITAL = ("Shelling/artillery/missile attack", "on Tuesday", "2026-03-24", "Dastova")
ABDUCTION = ("Abduction/forced disappearance", "on Thursday", "2026-03-19", "Dastova", "near Telun", ["Eastern Front"])

EXTRACTIONS: dict[str, dict] = {
    "meridianwire-s1": {
        "actors": S1_ACTORS,
        "events": [(*DEPOT, 4, None, "regional governor's office", "A drone struck")],
        "claims": [
            ("four workers were killed in the drone strike on the Karvel depot", "casualties",
             "regional governor's office", False, "attributed_named", [], "A drone struck"),
            ("the Red Ridge Brigade launched the drone at the Karvel depot", "responsibility",
             "Dastovan Defence Ministry", True, "attributed_named", SIS, "The Dastovan Defence Ministry said"),
            ("Ostrania supplied the drone to the Red Ridge Brigade", "state_involvement",
             "Dastovan Defence Ministry", True, "contested", SIS, "The ministry also said"),
            ("Ostrania had no role in the attack", "denial", "Ostrania", True, "denied", [], "Ostrania's foreign"),
        ],
    },
    "harbourpost-s1": {
        "actors": S1_ACTORS,
        "events": [(*DEPOT, 4, None, "regional governor's office", "A drone struck")],
        "claims": [
            ("a drone strike killed four workers at the Karvel fuel depot", "casualties",
             "regional governor's office", False, "attributed_named", [], "A drone struck"),
            ("Red Ridge Brigade fighters launched the drone from hills east of Karvel", "responsibility",
             "Dastovan Defence Ministry", True, "attributed_named", SIS, "The Dastovan Defence Ministry said"),
            ("the drone was supplied to the militia by Ostrania", "state_involvement",
             "the ministry", True, "contested", SIS, "The ministry also said"),
            ("Ostrania denied any role in the attack", "denial", "Ostrania's foreign ministry", True, "denied", [],
             "Ostrania's foreign"),
        ],
    },
    "valleytimes-s1": {
        "actors": S1_ACTORS,
        "events": [(*DEPOT, 4, None, "regional governor's office", "A drone hit")],
        "claims": [
            ("four workers killed when a drone hit the Karvel depot", "casualties",
             "regional governor's office", False, "attributed_named", [], "A drone hit"),
            ("the Red Ridge Brigade launched the drone", "responsibility",
             "Dastovan Defence Ministry", True, "attributed_named", SIS, "The Dastovan Defence Ministry said"),
            ("neighbouring Ostrania supplied the drone to the militia", "state_involvement",
             "Dastovan Defence Ministry", True, "contested", SIS, "The ministry also said"),
            ("Ostrania denied a role in the attack", "denial", "Ostrania's foreign ministry", True, "denied", [],
             "Ostrania's foreign"),
            ("fuel prices in the province rose sharply", "other", "traders", False, "attributed_anonymous", [],
             "Fuel prices"),
        ],
    },
    "northstar-s1": {
        "actors": S1_ACTORS,
        "events": [(*DEPOT, 6, None, "Karvel Monitoring Group", "Six people died")],
        "claims": [
            ("six people died in the drone strike on the Karvel fuel depot", "casualties",
             "Karvel Monitoring Group", False, "attributed_named", [], "Six people died"),
            ("the drone was a model Ostrania has supplied to the Red Ridge Brigade", "state_involvement",
             "Karvel Monitoring Group", False, "attributed_named", [], "The group said wreckage"),
            ("three burned-out tanker trucks were inside the depot gates", "other", "author", False,
             "author_asserted", ["author_assertion"], "A Northstar reporter"),
            ("the Red Ridge Brigade carried out the strike", "responsibility", "Dastovan officials", True,
             "attributed_named", SIS, "Dastovan officials have blamed"),
        ],
    },
    "civicledger-s1": {
        "actors": S1_ACTORS,
        "events": [(*DEPOT, 4, None, "governor's office in Karvel", "Colonel Idris Fell")],
        "claims": [
            ("Red Ridge Brigade fighters flew the drone that hit the Karvel fuel depot", "responsibility",
             "Colonel Idris Fell", True, "attributed_named", SIS, "Colonel Idris Fell"),
            ("Ostrania provided the drone to the militia and trained its operators", "state_involvement",
             "Fell", True, "contested", SIS, "Fell said Ostrania"),
            ("four workers were killed at the Karvel depot", "casualties", "governor's office in Karvel", False,
             "attributed_named", [], "Four workers were killed"),
            ("Ostrania had no part in the strike", "denial", "Ostrania", True, "denied", [], "Ostrania rejected"),
        ],
    },
    "meridianwire-s2": {
        "actors": S2_ACTORS,
        "events": [(*PORT, None, 3, "Selmar port authority", "Artillery shells hit")],
        "claims": [
            ("three dock workers were wounded in the shelling of Selmar port", "casualties",
             "Selmar port authority", False, "attributed_named", [], "Artillery shells hit"),
            ("the shells were fired from Ostranian army positions across the Vell river", "state_involvement",
             "Dastovan army", True, "attributed_named", SIS, "The Dastovan army said"),
        ],
    },
    "harbourpost-s2": {
        "actors": S2_ACTORS,
        "events": [(*PORT, None, 3, "Selmar port authority", "Artillery shells hit")],
        "claims": [
            ("shelling of Selmar port wounded three dock workers", "casualties", "Selmar port authority", False,
             "attributed_named", [], "Artillery shells hit"),
            ("the shelling came from Ostranian army positions across the Vell", "state_involvement",
             "Dastovan army", True, "attributed_named", SIS, "The Dastovan army said"),
        ],
    },
    "northstar-s2": {
        "actors": S2_ACTORS,
        "events": [(*PORT[:2], "2026-03-17", *PORT[3:], None, 3, "hospital staff in Selmar", "Observers of")],
        "claims": [
            ("the shelling of Selmar port came from Ostranian army positions across the Vell", "state_involvement",
             "UN Selmar Corridor Mission", False, "attributed_named", [], "Observers of"),
            ("three dock workers were wounded in the Selmar port shelling", "casualties", "hospital staff in Selmar",
             False, "attributed_anonymous", ["anonymous_source"], "Three dock workers"),
        ],
    },
    "civicledger-s2": {
        "actors": S2_ACTORS,
        "events": [(*PORT, None, 3, "the port authority", "The Dastovan Armed Forces")],
        "claims": [
            ("Ostrania shelled the port of Selmar", "state_involvement", "Dastovan Armed Forces", True,
             "attributed_named", SIS, "The Dastovan Armed Forces"),
            ("the rounds came from Ostranian army positions across the Vell river", "state_involvement", "DAF",
             True, "attributed_named", SIS, "According to the DAF"),
            ("three dock workers were wounded at Selmar port", "casualties", "the port authority", False,
             "attributed_named", [], "The port authority said"),
        ],
    },
    "meridianwire-s3": {
        "actors": S3_ACTORS,
        "events": [(*ABDUCTION, None, None, None, "Gunmen abducted")],
        "claims": [
            ("gunmen abducted five aid workers near Telun", "other", "Hands Across", False, "attributed_named", [],
             "Gunmen abducted"),
            ("Eastern Front fighters seized the aid workers", "responsibility", "Eastern Front militia", True,
             "attributed_named", SIS, "The Eastern Front militia said"),
        ],
    },
    "harbourpost-s3": {
        "actors": S3_ACTORS,
        "events": [(*ABDUCTION, None, None, None, "Gunmen abducted")],
        "claims": [
            ("five aid workers were abducted near Telun by gunmen", "other", "Hands Across", False,
             "attributed_named", [], "Gunmen abducted"),
            ("its fighters seized the aid workers, the Eastern Front said", "responsibility", "Eastern Front", True,
             "attributed_named", SIS, "The Eastern Front militia said"),
        ],
    },
    "valleytimes-s3": {
        "actors": S3_ACTORS,
        "events": [(*ABDUCTION, None, None, None, "The Eastern Front said")],
        "claims": [
            ("Eastern Front men took five aid workers captive outside Telun", "responsibility", "Eastern Front",
             True, "attributed_named", SIS, "The Eastern Front said"),
            ("the aid workers were spying for the Dastovan army", "intent_or_motive", "the militia", True,
             "attributed_named", SIS, "In the statement"),
        ],
    },
    "civicledger-s3": {
        "actors": S3_ACTORS,
        "events": [(*ABDUCTION, None, None, None, "The Eastern Front militia")],
        "claims": [
            ("the Eastern Front detained five aid workers near Telun", "responsibility", "Eastern Front militia",
             True, "attributed_named", SIS, "The Eastern Front militia"),
            ("the Eastern Front receives money and weapons from Ostrania", "state_involvement",
             "Dastova's interior ministry", True, "attributed_named", SIS, "Dastova's interior ministry"),
            ("five Hands Across staff were missing", "other", "Hands Across", False, "attributed_named", [],
             "Hands Across confirmed"),
        ],
    },
    "meridianwire-s4": {
        "actors": S4_ACTORS,
        "events": [(*MARKET, "Brannoch central market", ["Sable Hill Company"], 9, None, "Brannoch health office",
                    "A rocket struck")],
        "claims": [
            ("nine people were killed in the rocket strike on the Brannoch market", "casualties",
             "the town's health office", False, "attributed_named", [], "A rocket struck"),
            ("the Sable Hill Company carried out the rocket strike on the Brannoch market", "responsibility",
             "Police in Brannoch", True, "attributed_named", SIS, "Police in Brannoch"),
        ],
    },
    "northstar-s4": {
        "actors": S4_ACTORS,
        "events": [(*HOSPITAL, "Brannoch district hospital", ["Sable Hill Company"], 3, None,
                    "the hospital's director", "A rocket hit")],
        "claims": [
            ("three patients were killed when a rocket hit the Brannoch hospital", "casualties",
             "the hospital's director", False, "attributed_named", [], "A rocket hit"),
            ("the Sable Hill Company fired the rocket at the Brannoch hospital", "responsibility", "Police", True,
             "attributed_named", SIS, "Police said"),
            ("the Sable Hill Company did not attack the hospital", "denial", "the group", True, "denied", [],
             "The group said"),
        ],
    },
    "civicledger-s4": {
        "actors": S4_ACTORS,
        "events": [
            (*MARKET, "central market in Brannoch", ["Sable Hill Company"], 9, None, "regional health ministry",
             "Nine died"),
            (*HOSPITAL, "district hospital in Brannoch", [], 3, None, "regional health ministry", "Three more died"),
        ],
        "claims": [
            ("twelve people were killed in two rocket strikes on Brannoch", "casualties",
             "regional health ministry", False, "attributed_named", [], "Two rocket strikes"),
            ("nine people died in the Monday strike on the Brannoch market", "casualties", "the ministry", False,
             "attributed_named", [], "Nine died"),
            ("three people died in the Tuesday strike on the Brannoch hospital", "casualties",
             "regional health ministry", False, "attributed_named", [], "Three more died"),
            ("the Sable Hill Company carried out the market attack", "responsibility", "Police", True,
             "attributed_named", SIS, "Police blame"),
            ("the Sable Hill Company did not strike the hospital", "denial", "Sable Hill Company", True, "denied",
             [], "The Sable Hill Company denied"),
        ],
    },
    "valleytimes-s4": {
        "actors": S4_ACTORS,
        "events": [(*MARKET, "Brannoch market", [], 9, None, "the town's health office", "The Sable Hill Company")],
        "claims": [
            ("government fighters stored weapons at the Brannoch market", "target_identity", "Sable Hill Company",
             True, "attributed_named", SIS, "The Sable Hill Company said"),
            ("nine people were killed in the Brannoch market strike", "casualties", "the town's health office",
             False, "attributed_named", [], "The town's health office"),
            ("no weapons were ever kept at the Brannoch market", "denial", "Market traders", False, "denied", [],
             "Market traders"),
        ],
    },
}
# fmt: on

FLAG_MESSAGES = {
    "single_interested_source": "only a party to the events says so",
    "author_assertion": "the outlet asserts this itself without naming a source",
    "anonymous_source": "the source is not named",
}
META = {
    "extractor_version": "0.1.0", "backend": "analyst", "model": "hand-made", "mode": "none",
    "prompt": "none", "prompt_hash": "", "schema_name": "ConflictReport", "schema_hash": "",
    "segmenter": "hand-made", "temperature": 0.0, "created_at": "2026-03-21T00:00:00Z",
}  # fmt: skip


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: the texts above end every sentence with ". " (or the end)."""
    out, start = [], 0
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        out.append((start, end))
        start = end + 1
    return out


def _locate(text: str, prefix: str) -> dict:
    bounds = _sentences(text)
    for number, (start, end) in enumerate(bounds, start=1):
        if text[start:end].startswith(prefix):
            return {"id": number, "span": {"text": text[start:end], "char_start": start, "char_end": end,
                                           "status": "exact", "score": None, "sentence_ids": [number]}}  # fmt: skip
    raise SystemExit(f"no sentence starts with {prefix!r}")


SPLITS = {"dev": (ARTICLES, EXTRACTIONS), "heldout": (heldout_stories.ARTICLES, heldout_stories.EXTRACTIONS)}


def build() -> tuple[list[dict], list[dict]]:
    articles, results = [], []
    every = {a: (spec, extractions) for spec, extractions in SPLITS.values() for a in spec}
    for article_id, (spec_articles, extractions) in every.items():
        title, published, text = spec_articles[article_id]
        articles.append({"id": article_id, "title": title, "published": published, "text": text})
        spec = extractions[article_id]
        events = []
        for sub, date_text, date, country, location, perps, dead, hurt, source, where in spec["events"]:
            found = _locate(text, where)
            events.append({
                "sub_event_type": sub, "date_text": date_text, "country": country, "location": location,
                "perpetrators": perps, "targets": [], "weapons": [], "fatalities": dead, "injured": hurt,
                "casualty_source": source, "evidence": [found["id"]], "date": date,
                "date_precision": "day" if date else None,
                "spans": [found["span"]], "flags": [],
            })  # fmt: skip
        claims = []
        for statement, kind, claimant, party, status, flags, where in spec["claims"]:
            found = _locate(text, where)
            claims.append({
                "statement": statement, "kind": kind, "claimant": claimant, "claimant_is_party": party,
                "evidence": [found["id"]], "spans": [found["span"]], "status": status, "support": 1,
                "confidence": None, "flags": [{"code": f, "message": FLAG_MESSAGES[f]} for f in flags],
                "cue": None if claimant == "author" else "said",
            })  # fmt: skip
        actors = [
            {"name": n, "aliases": a, "kind": k, "affiliation": None} for n, a, k in spec["actors"]
        ]  # fmt: skip
        results.append({
            "article_id": article_id, "title": title, "published": published,
            "report": {"events": events, "actors": actors, "claims": claims}, "error": None, "error_kind": None,
            "meta": META,
        })  # fmt: skip
    return articles, results


if __name__ == "__main__":
    articles, results = build()
    for name, rows in (("articles.jsonl", articles), ("analyst_results.jsonl", results)):
        with (HERE / name).open("w", encoding="utf-8") as stream:
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    gold_path = HERE / "gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    gold["splits"] = {name: list(spec) for name, (spec, _extractions) in SPLITS.items()}
    gold_path.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(articles)} articles and {sum(len(r['report']['claims']) for r in results)} claims")
