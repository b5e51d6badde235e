"""The held-out stories of eval/corroboration (split "heldout"): written after the settings were fixed on the
dev stories, and never used to choose them. Read by build_analyst_results.py.

HAND-MADE, NOT MODEL OUTPUT. Original fictional texts (fictional countries, towns, outlets and people) and an
analyst's extractions of them, in the formats build_analyst_results.py documents. Unlike the dev stories, each
article here has its own actor list holding only the names that article uses, so an alias joins articles only
where some article itself says two names are one actor.

Story 5: airstrike on the Okarro bus station, Caldra (a wire story reprinted by two outlets with light edits, an
         independent monitor confirming who struck with a higher death toll, the air force's denial through a
         spokeswoman, the opposition coalition as "FHA").
Story 6: bombing of the Corrin Ford rail bridge, Veyrun (four outlets citing one interior minister under three
         names, the accused movement's denial and counter-accusation).
Story 7: shelling of the Lissom Vale camp, Sundral (a wire story and a reprint, an independent ceasefire mission,
         an army spokesman, the armed group's denial blaming the army, three death tolls).
"""

from __future__ import annotations

E5 = (  # Eastgate Wire
    "An airstrike hit the bus station in Okarro, in southern Caldra, on Sunday afternoon, killing eleven "
    "civilians, the Okarro city hospital said. "
    "The Free Hills Alliance, the armed opposition coalition that holds the hills around the town, said Caldran "
    "government jets carried out the strike. "
    "The Caldran Air Command said its aircraft had struck only a weapons store on the edge of Okarro and denied "
    "hitting the station. "
    "Buses to the capital were diverted to the old market square."
)
L5 = (  # Lantern Daily reprints the wire with light edits
    "An airstrike hit the bus station in Okarro, in southern Caldra, on Sunday afternoon, killing eleven "
    "civilians, the Okarro city hospital said. "
    "The Free Hills Alliance, the armed opposition coalition that controls the hills around the town, said "
    "Caldran government jets carried out the strike. "
    "The Caldran Air Command said its aircraft had hit only a weapons store on the edge of Okarro and denied "
    "striking the station. "
    "Buses to the capital were rerouted to the old market square."
)
R5 = (  # Riverbend Courier reprints the wire and adds its reporter's line
    "An airstrike hit the bus station in Okarro, in southern Caldra, on Sunday afternoon, killing eleven "
    "civilians, the Okarro city hospital said. "
    "The Free Hills Alliance, the armed opposition coalition that holds the hills around the town, said Caldran "
    "government jets carried out the strike. "
    "The Caldran Air Command said its aircraft had struck only a weapons store on the edge of Okarro and denied "
    "hitting the station. "
    "Relatives waited outside the hospital late into the night for news of the missing, a Courier reporter saw."
)
P5 = (  # Pinecrest Herald: an independent monitor, another death toll
    "Fifteen people were killed in Sunday's airstrike on the Okarro bus station, the Caldra Civilian Harm "
    "Tracker said on Monday, after its researchers visited the town's two hospitals and its morgue. "
    "The Tracker, an independent group that documents attacks on civilians, said bomb fragments found at the "
    "station came from a guided bomb that only the Caldran air force flies. "
    "It found no sign that weapons had been stored at the station."
)
S5 = (  # Signal Gazette: the air force through its spokeswoman, the coalition as "FHA"
    "Major Ruth Avenel, a spokeswoman for the Caldran Air Command, said on Monday that no aircraft had attacked "
    "the Okarro bus station and that Sunday's raid destroyed an arms store of the Free Hills Alliance (FHA) "
    "outside the town. "
    "The FHA said government jets had bombed the crowded station. "
    "Hospital officials in Okarro put the death toll at eleven."
)

L6 = (  # Lantern Daily
    "An explosion destroyed the railway bridge at Corrin Ford in western Veyrun late on Wednesday, cutting the "
    "only rail line to the coast. "
    "Interior Minister Halvard Kesk told reporters on Thursday that saboteurs from the Grey Banner movement had "
    "planted the charges. "
    "Kesk said two railway guards were killed in the blast. "
    "No group has claimed the attack."
)
R6 = (  # Riverbend Courier: the ministry, not the minister
    "Veyrun's interior ministry on Thursday blamed the Grey Banner for the blast that brought down the Corrin "
    "Ford rail bridge overnight. "
    "Two guards posted at the bridge died, the ministry said. "
    "Railway staff told the Courier that freight for the coast would go by road through the Tamar pass until "
    "the bridge is rebuilt, which could take months."
)
P6 = (  # Pinecrest Herald: says the minister heads the ministry
    "Halvard Kesk, who heads Veyrun's interior ministry, accused the Grey Banner Movement (GBM) on Thursday of "
    "blowing up the bridge at Corrin Ford and said police had arrested four suspects. "
    "Villagers living near the bridge said they heard two blasts shortly before midnight on Wednesday. "
    "The GBM has fought the government in the western hills since 2019."
)
O6 = (  # Open Field Report: the denial and a counter-accusation
    "The Grey Banner Movement denied on Thursday that it had any part in the destruction of the Corrin Ford "
    "bridge. "
    "In a statement, the Grey Banner accused the security services of staging the blast to justify a wave of "
    "arrests in the western hills. "
    "Interior Minister Kesk had earlier blamed the movement for the attack, which the ministry says killed two "
    "guards."
)

E7 = (  # Eastgate Wire
    "Shells landed on the Lissom Vale camp for displaced families outside Qorvash, in eastern Sundral, on Friday "
    "morning, killing seven people, camp managers said. "
    "Sundral's army said the Northern Legion had fired the shells from its positions at the Qorvash quarry. "
    "The Northern Legion could not be reached for comment. "
    "Aid agencies said about 6,000 people live in the camp."
)
S7 = (  # Signal Gazette reprints the wire with light edits
    "Shells landed on the Lissom Vale camp for displaced families outside Qorvash, in eastern Sundral, on Friday "
    "morning, killing seven people, camp managers said. "
    "Sundral's army said the Northern Legion had fired the shells from its positions at the Qorvash quarry. "
    "The Northern Legion could not be reached for comment. "
    "Around 6,000 people live in the camp, according to aid agencies."
)
O7 = (  # Open Field Report: an independent ceasefire mission
    "The Sundral Ceasefire Monitoring Mission said on Saturday that craters at the Lissom Vale camp showed the "
    "mortar rounds came from the north-west, where the Northern Legion holds the Qorvash quarry. "
    "The mission counted nine dead, four of them children. "
    "It said mortars of that size are banned within ten kilometres of the camp under the ceasefire terms."
)
R7 = (  # Riverbend Courier: the army through its spokesman; the group only as "the Legion"
    "Captain Oriel Mast, a spokesman for Sundral's army, said Legion gunners on the quarry ridge shelled the "
    "camp on Friday and that army units returned fire. "
    "Mast said the Legion wanted to drive families out of Lissom Vale so it could recruit their sons. "
    "Residents of the camp told the Courier that many families had already left for Qorvash."
)
P7 = (  # Pinecrest Herald: the denial, a counter-accusation, a third death toll
    "The Northern Legion denied on Saturday that its fighters had shelled the Lissom Vale camp, saying army "
    "artillery had hit the camp by mistake. "
    "A nurse at the Qorvash clinic said seven bodies were brought in on Friday and a boy died of his wounds "
    "overnight, bringing the toll to eight. "
    "The Legion called on the ceasefire mission to investigate."
)

ARTICLES = {
    "eastgatewire-s5": ("Airstrike on Okarro bus station kills eleven", "2026-04-05", E5),
    "lanterndaily-s5": ("Eleven killed as jets strike Okarro bus station", "2026-04-05", L5),
    "riverbendcourier-s5": ("Okarro bus station hit in airstrike", "2026-04-06", R5),
    "pinecrestherald-s5": ("Monitor says fifteen died in Okarro strike", "2026-04-06", P5),
    "signalgazette-s5": ("Air force denies striking Okarro station", "2026-04-06", S5),
    "lanterndaily-s6": ("Blast destroys Corrin Ford rail bridge", "2026-04-09", L6),
    "riverbendcourier-s6": ("Ministry blames Grey Banner for bridge blast", "2026-04-09", R6),
    "pinecrestherald-s6": ("Four held after Corrin Ford bridge bombing", "2026-04-09", P6),
    "openfield-s6": ("Grey Banner denies bridge attack", "2026-04-09", O6),
    "eastgatewire-s7": ("Shelling kills seven at Lissom Vale camp", "2026-04-10", E7),
    "signalgazette-s7": ("Seven dead as shells hit displacement camp", "2026-04-10", S7),
    "openfield-s7": ("Ceasefire monitors trace camp shelling to quarry", "2026-04-11", O7),
    "riverbendcourier-s7": ("Army says Legion shelled Lissom Vale camp", "2026-04-10", R7),
    "pinecrestherald-s7": ("Northern Legion denies shelling camp", "2026-04-11", P7),
}

# fmt: off
SIS = ["single_interested_source"]
ANON = ["anonymous_source"]
GOVT, NSAG, MONITOR = "government", "non_state_armed_group", "monitor_or_ngo"
AIRSTRIKE = ("Air/drone strike", "on Sunday", "2026-04-05", "Caldra")
BRIDGE = ("Remote explosive/landmine/IED", "late on Wednesday", "2026-04-08", "Veyrun")
CAMP = ("Shelling/artillery/missile attack", "on Friday", "2026-04-10", "Sundral")

WIRE5_ACTORS = [
    ("Okarro city hospital", [], "other"),
    ("Free Hills Alliance", [], NSAG),
    ("Caldran Air Command", [], GOVT),
]
WIRE7_ACTORS = [
    ("Sundral's army", [], "state_forces"),
    ("Northern Legion", [], NSAG),
    ("camp managers", [], "other"),
    ("Aid agencies", [], MONITOR),
]

EXTRACTIONS: dict[str, dict] = {
    "eastgatewire-s5": {
        "actors": WIRE5_ACTORS,
        "events": [(*AIRSTRIKE, "Okarro bus station", ["Caldran government jets"], 11, None, "Okarro city hospital",
                    "An airstrike hit")],
        "claims": [
            ("eleven civilians were killed in the airstrike on the Okarro bus station", "casualties",
             "Okarro city hospital", False, "attributed_named", [], "An airstrike hit"),
            ("Caldran government jets carried out the strike on the Okarro bus station", "responsibility",
             "Free Hills Alliance", True, "attributed_named", SIS, "The Free Hills Alliance"),
            ("Caldran aircraft struck only a weapons store on the edge of Okarro", "target_identity",
             "Caldran Air Command", True, "attributed_named", SIS, "The Caldran Air Command"),
            ("Caldran aircraft did not hit the Okarro bus station", "denial", "Caldran Air Command", True, "denied",
             [], "The Caldran Air Command"),
        ],
    },
    "lanterndaily-s5": {
        "actors": WIRE5_ACTORS,
        "events": [(*AIRSTRIKE, "bus station in Okarro", ["Caldran government jets"], 11, None,
                    "Okarro city hospital", "An airstrike hit")],
        "claims": [
            ("an airstrike on the Okarro bus station killed eleven civilians", "casualties", "Okarro city hospital",
             False, "attributed_named", [], "An airstrike hit"),
            ("government jets struck the Okarro bus station", "responsibility", "Free Hills Alliance", True,
             "attributed_named", SIS, "The Free Hills Alliance"),
            ("the aircraft hit only a weapons store on the edge of Okarro", "target_identity",
             "Caldran Air Command", True, "attributed_named", SIS, "The Caldran Air Command"),
            ("the Caldran Air Command denied striking the bus station", "denial", "Caldran Air Command", True,
             "denied", [], "The Caldran Air Command"),
        ],
    },
    "riverbendcourier-s5": {
        "actors": WIRE5_ACTORS,
        "events": [(*AIRSTRIKE, "Okarro bus station", ["Caldran government jets"], 11, None, "Okarro city hospital",
                    "An airstrike hit")],
        "claims": [
            ("eleven civilians died when an airstrike hit the Okarro bus station", "casualties",
             "Okarro city hospital", False, "attributed_named", [], "An airstrike hit"),
            ("Caldran government jets carried out the strike", "responsibility", "Free Hills Alliance", True,
             "attributed_named", SIS, "The Free Hills Alliance"),
            ("Caldran aircraft struck a weapons store on the edge of Okarro, not the station", "target_identity",
             "Caldran Air Command", True, "attributed_named", SIS, "The Caldran Air Command"),
            ("Caldran aircraft did not hit the bus station", "denial", "Caldran Air Command", True, "denied", [],
             "The Caldran Air Command"),
            ("relatives waited outside the hospital into the night for news of the missing", "other", "author",
             False, "author_asserted", ["author_assertion"], "Relatives waited"),
        ],
    },
    "pinecrestherald-s5": {
        "actors": [
            ("Caldra Civilian Harm Tracker", ["The Tracker"], MONITOR),
            ("Caldran air force", [], "state_forces"),
        ],
        "events": [(*AIRSTRIKE, "Okarro bus station", ["Caldran air force"], 15, None, "Caldra Civilian Harm Tracker",
                    "Fifteen people")],
        "claims": [
            ("fifteen people were killed in the airstrike on the Okarro bus station", "casualties",
             "Caldra Civilian Harm Tracker", False, "attributed_named", [], "Fifteen people"),
            ("the bomb that hit the Okarro bus station was dropped by the Caldran air force", "responsibility",
             "Caldra Civilian Harm Tracker", False, "attributed_named", [], "The Tracker"),
            ("no weapons had been stored at the Okarro bus station", "target_identity",
             "Caldra Civilian Harm Tracker", False, "attributed_named", [], "It found no sign"),
        ],
    },
    "signalgazette-s5": {
        "actors": [
            ("Caldran Air Command", ["Major Ruth Avenel"], GOVT),
            ("Free Hills Alliance", ["FHA"], NSAG),
            ("Hospital officials in Okarro", [], "other"),
        ],
        "events": [(AIRSTRIKE[0], "Sunday's raid", *AIRSTRIKE[2:], "Okarro bus station", [], 11, None,
                    "Hospital officials in Okarro", "Major Ruth Avenel")],
        "claims": [
            ("no aircraft attacked the Okarro bus station", "denial", "Major Ruth Avenel", True, "denied", [],
             "Major Ruth Avenel"),
            ("Sunday's raid destroyed an FHA arms store outside Okarro", "target_identity", "Major Ruth Avenel",
             True, "attributed_named", SIS, "Major Ruth Avenel"),
            ("government jets bombed the Okarro bus station", "responsibility", "FHA", True, "attributed_named",
             SIS, "The FHA said"),
            ("eleven people were killed at the Okarro bus station", "casualties", "Hospital officials in Okarro",
             False, "attributed_named", [], "Hospital officials"),
        ],
    },
    "lanterndaily-s6": {
        "actors": [
            ("Halvard Kesk", ["Interior Minister Halvard Kesk", "Kesk"], GOVT),
            ("Grey Banner movement", [], NSAG),
        ],
        "events": [(*BRIDGE, "railway bridge at Corrin Ford", ["Grey Banner movement"], 2, None, "Halvard Kesk",
                    "An explosion destroyed")],
        "claims": [
            ("Grey Banner movement saboteurs planted the charges that destroyed the Corrin Ford railway bridge",
             "responsibility", "Interior Minister Halvard Kesk", True, "attributed_named", SIS, "Interior Minister"),
            ("two railway guards were killed in the Corrin Ford bridge blast", "casualties", "Kesk", True,
             "attributed_named", SIS, "Kesk said"),
        ],
    },
    "riverbendcourier-s6": {
        "actors": [
            ("Veyrun's interior ministry", ["the ministry"], GOVT),
            ("Grey Banner", [], NSAG),
            ("Railway staff", [], "other"),
        ],
        "events": [(BRIDGE[0], "overnight", *BRIDGE[2:], "Corrin Ford rail bridge", ["Grey Banner"], 2, None,
                    "Veyrun's interior ministry", "Veyrun's interior ministry")],
        "claims": [
            ("the Grey Banner brought down the Corrin Ford rail bridge", "responsibility",
             "Veyrun's interior ministry", True, "attributed_named", SIS, "Veyrun's interior ministry"),
            ("two guards posted at the Corrin Ford bridge died", "casualties", "the ministry", True,
             "attributed_named", SIS, "Two guards posted"),
            ("freight for the coast will go by road through the Tamar pass", "other", "Railway staff", False,
             "attributed_anonymous", ANON, "Railway staff"),
        ],
    },
    "pinecrestherald-s6": {
        "actors": [
            ("Veyrun's interior ministry", ["Halvard Kesk"], GOVT),
            ("Grey Banner Movement", ["GBM"], NSAG),
            ("police", [], "state_forces"),
            ("Villagers living near the bridge", [], "civilians"),
        ],
        "events": [(BRIDGE[0], "shortly before midnight on Wednesday", *BRIDGE[2:], "bridge at Corrin Ford",
                    ["Grey Banner Movement"], None, None, None, "Halvard Kesk")],
        "claims": [
            ("the GBM blew up the bridge at Corrin Ford", "responsibility", "Halvard Kesk", True,
             "attributed_named", SIS, "Halvard Kesk"),
            ("police arrested four suspects over the Corrin Ford bridge bombing", "other", "Halvard Kesk", True,
             "attributed_named", [], "Halvard Kesk"),
            ("two blasts were heard near the Corrin Ford bridge shortly before midnight", "other",
             "Villagers living near the bridge", False, "attributed_anonymous", ANON, "Villagers living"),
        ],
    },
    "openfield-s6": {
        "actors": [
            ("Grey Banner Movement", ["the Grey Banner", "the movement"], NSAG),
            ("Interior Minister Kesk", ["the ministry"], GOVT),
            ("security services", [], "state_forces"),
        ],
        "events": [(BRIDGE[0], None, None, "Veyrun", "Corrin Ford bridge", [], 2, None, "the ministry",
                    "The Grey Banner Movement")],
        "claims": [
            ("the Grey Banner Movement had no part in the destruction of the Corrin Ford bridge", "denial",
             "Grey Banner Movement", True, "denied", [], "The Grey Banner Movement"),
            ("the security services staged the Corrin Ford bridge blast to justify arrests", "responsibility",
             "the Grey Banner", True, "attributed_named", SIS, "In a statement"),
            ("the Grey Banner Movement carried out the attack on the Corrin Ford bridge", "responsibility",
             "Interior Minister Kesk", True, "attributed_named", SIS, "Interior Minister Kesk"),
            ("two guards were killed in the attack on the Corrin Ford bridge", "casualties", "the ministry", True,
             "attributed_named", SIS, "Interior Minister Kesk"),
        ],
    },
    "eastgatewire-s7": {
        "actors": WIRE7_ACTORS,
        "events": [(*CAMP, "Lissom Vale camp outside Qorvash", ["Northern Legion"], 7, None, "camp managers",
                    "Shells landed")],
        "claims": [
            ("seven people were killed when shells landed on the Lissom Vale camp", "casualties", "camp managers",
             False, "attributed_anonymous", ANON, "Shells landed"),
            ("the Northern Legion fired the shells at the Lissom Vale camp from the Qorvash quarry",
             "responsibility", "Sundral's army", True, "attributed_named", SIS, "Sundral's army said"),
            ("about 6,000 people live in the Lissom Vale camp", "other", "Aid agencies", False,
             "attributed_anonymous", ANON, "Aid agencies"),
        ],
    },
    "signalgazette-s7": {
        "actors": WIRE7_ACTORS,
        "events": [(*CAMP, "Lissom Vale camp", ["Northern Legion"], 7, None, "camp managers", "Shells landed")],
        "claims": [
            ("shelling of the Lissom Vale camp killed seven people", "casualties", "camp managers", False,
             "attributed_anonymous", ANON, "Shells landed"),
            ("Northern Legion positions at the Qorvash quarry fired the shells", "responsibility", "Sundral's army",
             True, "attributed_named", SIS, "Sundral's army said"),
            ("around 6,000 people live in the camp", "other", "aid agencies", False, "attributed_anonymous", ANON,
             "Around 6,000"),
        ],
    },
    "openfield-s7": {
        "actors": [
            ("Sundral Ceasefire Monitoring Mission", ["the mission"], MONITOR),
            ("Northern Legion", [], NSAG),
        ],
        "events": [(CAMP[0], None, None, CAMP[3], "Lissom Vale camp", ["Northern Legion"], 9, None,
                    "Sundral Ceasefire Monitoring Mission", "The Sundral Ceasefire")],
        "claims": [
            ("the mortar rounds that hit the Lissom Vale camp came from Northern Legion positions at the Qorvash "
             "quarry", "responsibility", "Sundral Ceasefire Monitoring Mission", False, "attributed_named", [],
             "The Sundral Ceasefire"),
            ("nine people were killed at the Lissom Vale camp, four of them children", "casualties", "the mission",
             False, "attributed_named", [], "The mission counted"),
            ("the mortars used on the Lissom Vale camp are banned near the camp under the ceasefire",
             "other", "the mission", False, "attributed_named", [], "It said mortars"),
        ],
    },
    "riverbendcourier-s7": {
        "actors": [
            ("Sundral's army", ["Captain Oriel Mast", "Mast"], "state_forces"),
            ("Legion", ["the Legion"], NSAG),
            ("Residents of the camp", [], "civilians"),
        ],
        "events": [(*CAMP, "Lissom Vale camp", ["Legion"], None, None, None, "Captain Oriel Mast")],
        "claims": [
            ("Legion gunners on the quarry ridge shelled the Lissom Vale camp", "responsibility",
             "Captain Oriel Mast", True, "attributed_named", SIS, "Captain Oriel Mast"),
            ("army units returned fire after the shelling of the camp", "other", "Captain Oriel Mast", True,
             "attributed_named", [], "Captain Oriel Mast"),
            ("the Legion wanted to drive families out of Lissom Vale to recruit their sons", "intent_or_motive",
             "Mast", True, "attributed_named", SIS, "Mast said"),
            ("many families had already left the camp for Qorvash", "other", "Residents of the camp", False,
             "attributed_anonymous", ANON, "Residents of the camp"),
        ],
    },
    "pinecrestherald-s7": {
        "actors": [
            ("Northern Legion", ["the Legion"], NSAG),
            ("army", [], "state_forces"),
            ("Qorvash clinic", [], "other"),
        ],
        "events": [(*CAMP, "Lissom Vale camp", [], 8, None, "a nurse at the Qorvash clinic", "A nurse at")],
        "claims": [
            ("Northern Legion fighters did not shell the Lissom Vale camp", "denial", "Northern Legion", True,
             "denied", [], "The Northern Legion denied"),
            ("army artillery hit the Lissom Vale camp by mistake", "responsibility", "Northern Legion", True,
             "attributed_named", SIS, "The Northern Legion denied"),
            ("eight people died after the shelling of the Lissom Vale camp", "casualties",
             "a nurse at the Qorvash clinic", False, "attributed_anonymous", ANON, "A nurse at"),
        ],
    },
}
# fmt: on
