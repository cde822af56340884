"""How many were killed, injured, arrested? Figures linked to their cue words in one sentence.

ACLED-style conservative coding:

* The lowest reported figure: "at least 12" -> 12, "more than 20" -> 20,
  "between 10 and 15" / "10-15" / "10 or 15" -> 10, "nearly 200" -> 200.
* Upper bounds only ("up to 30", "as many as 30", "at most 30") say little about the
  lowest figure: they are coded like an unspecified plural, 10, capped at the bound
  ("up to 5" -> 5). "fewer than 30" -> min(29, 10).
* Vague amounts, following ACLED's conventions where it has them: "several", "many",
  "numerous", "multiple", "a number of" -> 10; "dozens", "a dozen", "several dozen" -> 12;
  "two dozen" -> 24; "half a dozen" -> 6; "scores" -> 20; "hundreds", "several hundred",
  "a few hundred" -> 100; "thousands" -> 1000; "tens of thousands" -> 10000;
  "a few", "a handful" -> 3; "a couple of" -> 2; "a police officer was killed" -> 1,
  "a trader was stabbed to death" -> 1 ("beaten / hacked / burned to death" likewise);
  "no one was hurt", "no arrests" -> 0.
* Separate figures for different groups are summed, as ACLED does: "25 ADF fighters
  and 6 soldiers were killed" -> 31, "killing 12 protesters and 3 police officers" -> 15.
  A figure inside a parenthetical subset (", including two officers,") is part of the
  total, not another group: "Ten people, including two officers, were injured" -> 10.
* One sentence, several figures for the same category: a death toll ("the death toll
  rose from 44 to 164") wins with its latest figure; figures in their own clauses for
  groups named by different nouns are summed ("10 soldiers were killed, and three
  fighters were also killed" -> 13); otherwise the lowest figure, as ACLED does with
  conflicting reports ("officials say 12 were killed while activists say 40 were
  killed" -> 12; "10 people ... 3 soldiers" may be a part of the whole: 3).
* A figure counts only when linked to its cue in the same clause: before it with at
  most six words and no clause break between ("12 people were killed", "dozens killed",
  "at least 8 dead", "1,200 arrests"), or right after an active verb or "of"
  ("killing 12", "arrested 5,800 people", "the deaths of 12", "the death toll rose to
  164"). Years, dates, ages, durations and money are never figures.
* One person without a numeral is 1 (ACLED): a singular person as the object of an active
  verb ("gunmen killed a local farmer", "a mob lynches robbery suspect", "kill his
  bodyguard", "killed a chairman and his son" -> 2), as the subject of a passive or
  intransitive cue ("Lawyer killed at her home", "a suspect is lynched", "a member was
  stabbed and killed"), or between a verb and "to death" ("beat a woman to death");
  "lynched" is killed; "one death" and "the death of one" are 1; a pronoun object of an active
  verb is one person ("attack a policeman and kill him"); "gunned down" is killed. The persons are a closed list of singular nouns
  (``_PERSON``), so "killed a bid" or "killed the bill" stay unnumbered.
* More death verbs: "succumbed", "executed", "assassinated", "murdered", "beheaded", "slain"; "fatality"
  as well as "fatalities"; a label "FATALITIES: 2". "The killing / murder / death of a rider" is 1,
  unless the sentence states a figure. Implied figures: "killed the three", "killing all five",
  "killing both", "the parents of" (2); ", who later died" takes its figure from the words before
  the comma; "... and two others in <place>", "plus 1 driver and 2 passengers", "+ 1 officer" add a
  further group. "The death total / death count rose from 1 to 4" is a toll like "the death toll"; "was discovered
  murdered" and "was shot and killed" are one death; ", along with his companion" is one more. "Killing a group
  of seven", "killed a family of four": the figure after the collective noun. A revision in brackets wins: "five
  (later confirmed as seven)" is 7.
* "a"/"an" before a clause's figure adds a group of one only when a person follows ("two soldiers and a civilian"
  3; "during an attack, three herders were killed" 3, not 4).
* Not the event's dead: a death named as a cause ("a protest against the killing of a journalist",
  "riots following the death of 4", "accused in the killing of") is an earlier event of its own;
  an attempt ("attempts to assassinate") is none; a series' toll ("7 fatalities split across 13
  events", "34 died, of which 27 were coded to other events", "killed in several incidents") is not
  one event's (a nationwide toll stays: it is the country-level incident's); a figure called
  unconfirmed is not counted ("feared dead" is, as ACLED does). Not figures: "30/10", the day after
  "01 Oct.", "killed from one group".
* A short parenthetical with no figure or cue ("two KDF (Kenya Defence Forces) soldiers"), a
  bracketed breakdown right after a cue ("4 fatalities (3 confirmed and 1 split)") and quotes
  around a word ('Five "thugs" were lynched') are masked, so they do not cut a figure from its cue;
  nor does a reduced relative clause ("Three men suspected of killing a trader were lynched") or a
  short phrase saying how ("was hit by a stray bullet and killed").
* Ninth round: a figure in a phrase after the subject's own is not the subject's ("Five suspects linked to the two
  attacks", "3 members of one family", "Four of the 12 passengers": of/to/from/between/among); two nouns joined by
  "and" stay linked to their verb ("7 women and children killed"); "N of these/them" is a part of a figure given
  before, not a lower report; the present tense "stone/beat … to death two men" and "gun down" in every tense
  (not "to gun down": a purpose; not "their guns down"); what someone is accused of is not the event's toll
  ("men suspected of having killed two officers were shot"); one death's person noun is kept, so single deaths of
  persons named by different nouns side by side add up ("one attacker was killed, while a police officer was
  found dead" 2); an age is a person ("killed a 21-year-old who …"); "but not confirmed" is "unconfirmed"; a
  subject cut from its verb by an aside in commas ("8 soldiers from the camp, on patrol near the border, died").
* Twelfth round: "N others" / "N more" in a clause of their own add to the figure before ("a trader was gunned down
  in the market, 3 others were gunned down near the bridge" 4; not "two robbers and three others escaped"); two
  singular persons coordinated before the cue are 2 ("A farmer and his son were killed", "driver and conductor
  killed"); "Both women were killed" 2; "He later died" 1; "shot him dead", "beat him to death" 1; "was then
  killed", "was shot and later died"; a second verb before the object ("lynched and burned two men"; not "killed
  and injured 20": the injured's); "killed many" 10 (not "many more"); "decapitated"; "16 charred bodies"; "9
  killed including one policeman" 9; a relative clause or a participle with a place between a figure and its verb
  ("Two women who were accused of theft are lynched", "Seven fishermen fishing in the lake have been killed");
  "claim to kill", "proceed to kill" (done, not a purpose); an age in "yr(s) old"; headlines' bare persons ("kill
  butcher", "Terror suspect found dead", "was Friday lynched", "before stoning him to death"); and, across
  sentences, a claim ("Al Shabaab, in taking credit, claims eight dead", "… though a radio station later claimed
  20") is another report of the same dead, so the lowest figure stays (``lowest_of_reports``), unless it counts
  another group than the figure before ("10 soldiers" … "claimed 10 fighters had been killed").
* Fifteenth round: "suspected / alleged to have killed" is an accusation like "suspected of having killed" (not
  "believed / reported to have killed 12": the event's own); a plural person noun with a verb after it ends a
  group ("several victims required hospitalization, four reported killed" 4, not 14); the dead of an earlier
  event named as the cause in a relative clause on it ("in retaliation for a raid in which 9 were killed",
  "after an attack that killed 4") are that event's; "deaths / fatalities estimated at / put at / thought to
  be N" is a toll; a date between the auxiliary and its verb ("were on 24/02 lynched") is an aside.
* Seventeenth round: a person's bare name as the object of a death verb is one ("shot dead John Kamau"; not a day,
  a group the actors lexicon names or a people); a part of the attackers ("killing 2 of the attackers") is a group
  of its own beside their victims, summed; persons set alight ("set a suspected thief alight", "four suspects were
  set on fire") are killed unless the sentence tells of injuries or survival; a toll shared out over places ("two
  deaths, one in Awendo and the other in Rongo") gives each place its share (``place_shares``), and, across
  sentences, some of the injured who died or a death later of the event's wounds joins the toll (``further_part``,
  ``died_of_wounds``).
* A cue without a figure gives ``None`` but notes the cue in ``texts`` ("corpses",
  "were killed"), so the dashboard can say "fatalities reported, number unknown".
  "casualties" is not a cue (it mixes dead and injured).

Speed: a substring gate rejects sentences without cue words in a few microseconds; the
number pattern only runs on the short clause next to each cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, TypeGuard, cast

from . import patterns as rx

__all__ = ["Counts", "extract_counts", "lowest_of_reports", "CATEGORIES"]

CATEGORIES: Final = ("fatalities", "injuries", "arrests")


@dataclass(frozen=True, slots=True, init=False)
class Counts:
    """Figures per category (``None``: not reported) and the words they came from."""

    fatalities: int | None = None
    injuries: int | None = None
    arrests: int | None = None
    texts: dict[str, str] = field(default_factory=dict, hash=False)  # {"fatalities": "dozens killed"}

    # Written, not generated: mypyc compiles it (the generated one runs interpreted; see incidentmap/models.py).
    def __init__(self, fatalities: int | None = None, injuries: int | None = None, arrests: int | None = None,
                 texts: dict[str, str] | None = None) -> None:
        object.__setattr__(self, "fatalities", fatalities)
        object.__setattr__(self, "injuries", injuries)
        object.__setattr__(self, "arrests", arrests)
        object.__setattr__(self, "texts", {} if texts is None else texts)

    @property
    def text(self) -> str:
        """All source phrases, for ``Incident.count_text``."""
        return "; ".join(self.texts[c] for c in CATEGORIES if c in self.texts)


_EMPTY: Final = Counts()

# Killed without the word: "stabbed to death", "beaten to death" (not "sentenced to death").
_TO_DEATH: Final = ("stabbed|beaten|hacked|burned|burnt|clubbed|lynched|bludgeoned|strangled|stoned|crushed|trampled"
                    "|tortured|shot|starved|kicked|battered|knifed|macheted|speared|axed|slashed|chopped|mauled")
# Gate: every cue contains one of these (lowercase) substrings.
_KEYS: Final = (
    *_TO_DEATH.split("|"),
    "kill", "dead", "die", "death", "gunned", "gun down", "guns down", "gunning down", "lynch", "bodies", "body", "corpse", "fatalit", "lives",
    "succumb", "suicide", "himself", "herself", "own life", "execut", "assassin", "murder", "slain", "behead", "decapitat",
    "injur", "wound", "hurt", "hospitali",
    "arrest", "detain", "detention", "custody", "rounded up",
    "alight", "ablaze", "a blaze", "on fire",  # (no cue: persons set alight, _set_alight)
    "kia", "wia",  # killed / wounded in action
)  # fmt: skip

# Cue words, matched at the start of a word found by the gate.
_CUE: Final = rx.compile(
    r"(?i:(?P<fatalities>killed|killings?|killing|kills?|(?<!their\s)(?<!the\s)(?<!his\s)(?<!her\s)(?<!its\s)(?<!our\s)"
    r"gun(?:ned|s|ning)?\s+down|dead\s+bodies|dead|died|dies|die|death\s+toll|"
    r"fatality\s+toll|death\s+(?:total|count)|deaths|fatalities|fatality|corpses|bodies|lives|(?:" + _TO_DEATH + r")\s+to\s+death"
    r"|lynch(?:ed|es|ing)?|succumb(?:ed|s)|execut(?:ed|es|ing|e|ions?)|assassinat(?:ed|es|ing|e|ions?)"
    r"|murder(?:ed|ing|s)?|behead(?:ed|ing|s)?|decapitat(?:ed|ing|es|e)|slain|(?:burnt|burned)\s+alive|death"
    r"|(?-i:KIA))"  # killed in action (in capitals only: "Kia" is a name)
    r"|(?P<injuries>injured|injuring|injuries|injures?|wounded|wounding|hurt|hospitali[sz]ed|(?-i:WIA))"
    r"|(?P<arrests>arrested|arresting|arrests?|detained|detaining|detentions?|detainees?|custody|rounded\s+up))\b"
)
_ACTIVE: Final = frozenset(
    "killed killing kills kill lynched lynching lynches lynch injured injuring injures injure wounded wounding "
    "arrested arresting detained detaining executed executing executes execute assassinated assassinating "
    "assassinates assassinate murdered murdering murders murder beheaded beheading beheads behead "
    "decapitated decapitating decapitates decapitate".split()
    + ["rounded up", "gunned down", "gun down", "guns down", "gunning down", "burnt alive", "burned alive"]
)
# Cues that take no object: what follows them never says who did it to whom ("a man died of his wounds").
_INTRANSITIVE: Final = frozenset("died dies die succumbed succumbs".split())
# Cues that, without a figure, say too little to note as "fatalities reported": "sentenced to death", "a murder
# suspect", "executed a warrant", "an assassination plot".
_UNNOTED: Final = frozenset("death murder murders execute executes executing executed execution executions assassinate "
                            "assassinates assassinating assassination assassinations".split())
# One person, singular, as ACLED counts a death without a numeral. A closed list: "killed a man" is one, "killed
# a bid" is not a death.
_PERSON: Final = (
    r"man|woman|boy|girl|child|baby|infant|toddler|person|individual|member|officer|policeman|policewoman|soldier"
    r"|trooper|guard|bodyguard|suspect|robber|thief|criminal|murderer|rapist|bandit|militant|fighter|rebel|gunman"
    r"|attacker|assailant|farmer|herder|herdsman|pastoralist|fisherman|miner|hunter|trader|businessman"
    r"|businesswoman|shopkeeper|vendor|hawker|teacher|student|pupil|driver|operator|rider|passenger|motorist"
    r"|pedestrian|civilian|resident|villager|local|elder|chief|leader|chairman|chairperson|councillor|councilor"
    r"|politician|legislator|lawmaker|official|supporter|activist|journalist|reporter|lawyer|doctor|nurse"
    r"|worker|labou?rer|employee|pastor|priest|imam|cleric|monk|nun|widow|widower|mother|father|son|daughter"
    r"|wife|husband|brother|sister|relative|youth|teenager|commander|candidate|voter|protester|protestor"
    r"|demonstrator|informant|agent|inspector|sergeant|constable|corporal|captain|ranger|warden|watchman"
    r"|refugee|migrant|hostage|prisoner|inmate|detainee|victim|mp|mca|spy|cook|tailor|guide|owner|landlord"
    r"|tenant|neighbou?r|witness|healer|preacher|convert|chef|mechanic|accountant|cashier|clerk|banker|editor"
    r"|missionary|tourist|pilot|engineer|contractor|headman|principal|lecturer|surveyor|herdsboy|herdboy"
    r"|insurgent|militiaman|raider|rustler|poacher|smuggler|trafficker|jihadist|terrorist|extremist|combatant"
    r"|recruit|sympathi[sz]er|assistant|aide|deputy|secretary|manager|administrator|janitor|bystander|porter"
    r"|conductor|puller|medic|paramedic|governor|mayor|minister|senator|judge|magistrate|photographer|cameraman"
    r"|blogger|sentry|guardsman|lieutenant|colonel|sailor|marine|detective|perpetrator|reservist|askari|seller|buyer|customer|dealer"
    r"|companion|friend|colleague|cousin|uncle|aunt|nephew|niece|grandmother|grandfather|grandson|granddaughter"
    r"|tout|tribesman|clansman|kinsman|shepherd|nomad|thug|gangster|vigilante|cop|squatter|settler|peasant|patient"
    r"|motorcyclist|cyclist|worshipper|congregant|footballer|athlete|musician|singer|headteacher|headmaster|caretaker"
    r"|coordinator|director|partner|associate|spouse|fiance|fiancee|girlfriend|boyfriend|classmate|employer|guest|visitor"
    r"|recruiter|financier|facilitator|informer|collaborator|abductor|kidnapper|arsonist|butcher|convict|boss"
    r"|representative|executive|spokesman|spokeswoman|spokesperson|staffer|supervisor|superior|environmentalist|conservationist"
    r"|campaigner|volunteer|humanitarian|catechist|evangelist|chairwoman|headwoman|councilwoman|councilman"
)
# The same as words (the list's optional letters spelled out both ways).
_PERSON_WORDS: Final = frozenset(w for alt in _PERSON.split("|") for w in (
    [alt.replace("u?", "u"), alt.replace("u?", "")] if "u?" in alt
    else [alt.replace("[sz]", "s"), alt.replace("[sz]", "z")] if "[sz]" in alt else [alt]))
# Two persons in one noun: "killed the parents of an MP", "a couple was found dead".
_PAIR: Final = rx.compile(r"(?i:(?:the|his|her|their|a|an)\s+(?:[\w'’.-]+\s+){0,2}?(?:parents|twins|couple\b"
                          r"(?!\s+of\b)))")
# When, between an auxiliary and its verb: "was on Friday killed", "was on Wednesday morning shot dead".
# "was in the evening hours shot dead", "were in the early hours of Sunday killed", "was at night killed".
_MONTH: Final = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
                 r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_WHEN_PHRASE: Final = (r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                       r"(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|overnight|last\s+night"
                       r"|in\s+the\s+(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night)(?:\s+hours)?"
                       r"|in\s+the\s+(?:early|small|wee)\s+hours(?:\s+of\s+(?:the\s+)?\w+)?|at\s+(?:night|dawn|dusk"
                       r"|midnight)"
                       r"|during\s+the\s+(?:night|nighttime|night-time|day|daytime|morning|evening|afternoon)"
                       r"(?:\s+hours)?"
                       # a date: "were on 24/02 lynched", "was on 3 March shot dead", "were on March 3rd killed"
                       r"|on\s+\d{1,2}/\d{1,2}(?:/\d{2,4})?|on\s+\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
                       + r"|on\s+" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b")
_WHEN: Final = rf"(?:\s+(?:{_WHEN_PHRASE}))?"
_WHEN_ASIDE: Final = rx.compile(rf"(?i:\b(?:{_WHEN_PHRASE})\b)")  # ... cut from a figure's gap before it is measured
_DET_ONE: Final = r"(?:(?:a|an|the|his|her|their|its|one|another)\s+)"
# Adverbs between an auxiliary and its verb, or after "and": "was then killed", "was shot and later died".
_ADVERB: Final = r"(?:reportedly|also|later|allegedly|then|subsequently|eventually)"
# A singular pronoun as the object of an active cue: "attack a policeman and kill him". "her" only where no noun
# follows ("killed her husband" is the person list's).
_PRONOUN_ONE: Final = rx.compile(r"(?i:him\b|her\b(?=\s*(?:[.,;:!?)]|$)|\s+(?:and|in|on|at|with|after|before|while|as"
                                 r"|near"
                                 r"|during|for|outside|inside|because|when)\b))")
# A singular pronoun as the subject of a passive or intransitive cue: "He later died in hospital" (one).
_PRONOUNS_ONE: Final = frozenset(("he", "she"))
_PRONOUNS_OBJ: Final = frozenset(("him", "her"))  # ... and as the object split from "to death": "beat him to death"
# Words that name no group of their own: a second figure with one of them may be a part of the first.
# ("civilians" is a group of its own: "2 raiders killed and 2 civilians killed" is 4.)
_GENERIC_GROUPS: Final = frozenset("people persons person individuals others other more victims dead bodies".split())
# Between two clauses whose figures add up: a conjunction at most.
_ADD_GAP: Final = rx.compile(r"(?i:[\s,;]*(?:(?:and|while|whereas|as\s+well\s+as|plus)\b[\s,;]*)?)")
# "are shot and killed", "were beaten and": a verb joined to the cue, not a clause break.
# "was hit by a stray bullet and killed", "was caught in crossfire and died": the same, with a short phrase saying how.
_JOINED_VERB: Final = rx.compile(r"(?i:\b(?:\w+ed|\w+en|shot|hit|cut|burnt|caught|struck)(?:\s+(?:by|in|with|from)\s+"
                                 r"(?:(?!(?:who|which|that|and|but|when|while|after)\b)[\w'’-]+\s+){1,4}?)?\s*and"
                                 # ... "were abducted and later killed", "were kidnapped and (later) found dead"
                                 r"(?:\s+" + _ADVERB + r")?(?:\s+(?:found|discovered))?\s*)$")
# The words a joined verb's gap may end with (_JOINED_VERB is tried only where the words before the cue do).
_JOINED_ENDS: Final = ("and", "later", "then", "subsequently", "eventually", "found", "discovered")
# "a local farmer", "his bodyguard", "police officer", "a UP chairman": at most three modifiers, or a longer name
# in capitals ("a Tana River County Assembly driver").
# (Never after a preposition: "Three killed in local dispute" has no object, "in local" is no person.)
# An age as the person: "killed a 21-year-old who …" ("a 21-year-old boda boda rider" is the rider's).
_AGE: Final = r"\d{1,3}[-\s](?:years?|yrs?)[-\s]old(?=\s*(?:$|[,.;:)]|(?:who|that|in|at|on|near|and|from|with|during|after|as|outside|over|for|because)\b))"
_ONE_PERSON: Final = rx.compile(
    rf"(?i:(?!(?:in|at|on|near|during|after|over|following|from|with|for|by|amid|inside|outside|within|across"
    rf"|along|around|between|among|into|onto|since|until|when|while|as)\b){_DET_ONE}?(?:(?:[\w'’.-]+\s+){{0,3}}?|(?:(?-i:[A-Z])[\w'’.-]*\s+){{4,6}}?)(?:{_PERSON}|{_AGE})\b(?![-’']s?\w|s\b))")
# "... and his son": one more person.
_AND_ONE_PERSON: Final = rx.compile(
    rf"(?i:\s+and\s+(?:{_DET_ONE}(?:[\w'’.-]+\s+){{0,2}}?)?(?:{_PERSON})\b(?![-’']s?\w|s\b))")  # ("… and son")
_LIST_REACH: Final = 120  # characters a list of persons after the first is read: four items of three words
# ... and ", his driver", ", and personal assistant": the next of a list of singular persons.
_COMMA_ONE_PERSON: Final = rx.compile(
    rf"(?i:\s*,\s*(?P<and>and\s+)?(?:{_DET_ONE}(?:[\w'’.-]+\s+){{0,2}}?|(?:[\w'’.-]+\s+){{0,1}}?)(?:{_PERSON})\b"
    rf"(?![-’']s?\w|s\b))")
# The singular person right before a passive or intransitive cue: "Lawyer killed at …", "a suspect is lynched",
# "a member was stabbed and killed", "a man died".
# (The word is matched as any word and then looked up in _PERSON_WORDS: a search with the person list's
# alternatives at every position of the window cost ~40 us a sentence; this a few.)
_PERSON_BEFORE: Final = rx.compile(
    r"(?i:\b(?P<person>[a-z]+)\s+(?:(?:was|is|has\s+been|had\s+been)" + _WHEN + r"\s+)?"
    r"(?:" + _ADVERB + r"\s+)?(?:(?:\w+ed|shot)\s+and\s+(?:" + _ADVERB + r"\s+)?|shot\s+|found\s+)?)$")  # ("detective shot dead")
# ... with whose they are: "Close aide of opposition leader Raila Odinga killed", "Wife of a chief shot dead".
_PERSON_OF_BEFORE: Final = rx.compile(
    r"(?i:(?<![\w'’-])(?P<person>[a-z]+)\s+(?:of|(?:linked|affiliated|associated|allied)\s+(?:with|to))\s+"
    r"(?:(?!(?:that|who|which|whom|and|but|or|were|are)\b)[\w'’.-]+\s+){1,5}?"
    r"(?:(?:was|is|has\s+been|had\s+been)\s+)?(?:" + _ADVERB + r"\s+)?(?:shot\s+|found\s+)?)$")
# ... with a relative clause on it before an intransitive cue: "A Kenyan woman who was accused of … died".
_PERSON_WHO_BEFORE: Final = rx.compile(
    r"(?i:(?:^|[.;:]\s+|\b(?:a|an|the|one)\s+)(?:[\w'’.-]+\s+){0,2}?(?P<person>[a-z]+)\s+who\s+(?:was|had|has\s+been)\s+"
    r"[^,;:()\d]{1,140}?\s+(?:later\s+|then\s+|eventually\s+)?$)")
_WHO_REACH: Final = 200  # how far back it looks: a person, a relative clause of ~25 words
# ... not when the relative clause has ended in a clause of its own: "The woman who was injured said her
# neighbours died" (a reporting verb, a subject of its own before the verb).
_RELATIVE_ENDED: Final = rx.compile(r"(?i:\b(?:said|says|told|reported|claimed|added|and|but|while|whose)\b"
                                    r"|\b(?:his|her|their|its|two|three|several|many)\s+[a-z]+s\s+(?:later\s+)?$)")
# Two singular persons, coordinated, right before a passive or intransitive cue: "A farmer and his son were killed",
# "Bus driver and conductor killed" (the words are looked up in _PERSON_WORDS, as for _PERSON_BEFORE).
# (each may have whose unit it is: "An inspector with the Anti-Stock Theft Unit and a corporal with the Kenya
# Wildlife Service were shot dead")
_OF_UNIT: Final = r"(?:\s+(?:with|of|from)\s+(?:the\s+)?(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,4})?"
_TWO_PERSONS: Final = rx.compile(
    r"(?i:\b(?P<p1>[a-z]+)" + _OF_UNIT + r"\s+and\s+" + _DET_ONE + r"?(?:(?!and\b)[\w'’.-]+\s+){0,2}?(?P<p2>[a-z]+)"
    + _OF_UNIT + r"\s+(?:(?:were|are|have\s+been|had\s+been)\s+)?(?:" + _ADVERB + r"\s+)?"
    r"(?:(?:\w+ed|shot)\s+and\s+|shot\s+|found\s+)?)$")  # ("… were shot / found dead": the cue is "dead")
_TWO_PERSONS_REACH: Final = 130  # how far back it looks: "and", a determiner, two modifiers, a noun, a unit, an auxiliary
# A list of singular persons before a passive cue: the auxiliary (and adverb) before the cue, the items.
_LIST_AUX: Final = rx.compile(r"(?i:\s+(?:were|are|have\s+been|had\s+been)(?:\s+" + _ADVERB + r")?\s*)$")
_LIST_SPLIT: Final = rx.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_LIST_ITEM: Final = rx.compile(r"(?i:(?:(?:a|an|the|his|her|their|one|another)\s+)?(?:[\w'’.-]+\s+){0,3}?"
                               r"(?P<person>[a-z]+))")
_LIST_MIN: Final = 3  # items at least (two are _TWO_PERSONS')


def _listed_persons(sentence: str, cue_start: int) -> tuple[int, int] | None:
    """Three or more singular persons listed before "were killed" ("A 7 year old boy, a pregnant woman, and a
    demonstrator were killed"): (how many, where the list starts). The items are read from the cue back; the
    first that is no person ends the list."""
    aux = _LIST_AUX.search(sentence, max(0, cue_start - 40), cue_start)
    if aux is None:
        return None
    head = sentence[:aux.start()]
    cuts = [m for m in _LIST_SPLIT.finditer(head)]
    if not cuts or "and" not in cuts[-1].group():
        return None  # the last item comes after "and"
    bounds = [0, *(m.end() for m in cuts)]
    ends = [m.start() for m in cuts] + [len(head)]
    count, start = 0, len(head)
    for lo, hi in zip(reversed(bounds), reversed(ends)):
        item = _LIST_ITEM.fullmatch(head, lo, hi)
        if item is None or item["person"].lower() not in _PERSON_WORDS:
            break
        count, start = count + 1, lo
    return (count, start) if count >= _LIST_MIN else None


# A named person with an appositive that says who: "killed Affan Kurniawan, a 21-year-old motorcycle taxi driver",
# "Floyd, a Black man, died": one person (the appositive's noun is from the closed list, so "killed Monday's
# talks, a ..." is not).
_NAMED: Final = r"(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+,\s+(?:a|an)\s+(?:[\w'’.-]+\s+){0,5}?(?i:" + _PERSON + r")\b(?![-’']s?\w|s\b)"
_NAMED_AFTER: Final = rx.compile(_NAMED)
_NAMED_BEFORE: Final = rx.compile(r"\b" + _NAMED + r"(?:\s+[^,;:.()]{1,40})?,\s+(?:(?:was|is|has\s+been"
                                                   r"|had\s+been)\s+)?"
                                  r"(?:" + _ADVERB + r"\s+)?$")
# A person's bare name as the object of an active death verb: "gunmen shot dead John Kamau on Monday", "a mob lynched
# Abdi Hassan Omar in Garissa", "... killed Jane Wanjiru and Peter Otieno" (two). Two to four capitalised words
# with a boundary after them (not "killed Kenya Power staff": a modifier), none a word of a group, a force or an
# institution (not "killed Al Shabaab"), nor a day or month ("killed Monday night").
_NAME_WORD: Final = r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|O['’][A-Z][a-z]+|Mc[A-Z][a-z]+)"
_NAME_ONLY: Final = rx.compile(
    rf"(?-i:(?P<name>{_NAME_WORD}(?:\s+(?:(?:wa|bin|ibn|ole|arap|al|el|de|da|van|von)\s+)?{_NAME_WORD}){{1,3}})"
    rf"(?P<and>\s+and\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})?)"
    r"(?=\s*(?:$|[,.;:)]|[–—]|\s-\s)|\s+(?i:on|in|at|near|after|before|while|during|as|who|outside|inside|from|last"
    r"|early|late|yesterday|today|this|over|following|because|with|for|when|by)\b)")
_NOT_NAME_WORDS: Final = frozenset(
    "party front movement group state government council union company bank university school college hospital "
    "church mosque service services unit authority commission ministry court parliament assembly county district "
    "province region republic kingdom national monday tuesday wednesday thursday friday saturday sunday january "
    "february march april may june july august september october november december christmas easter eid "
    "ramadan".split())


def _name_only(sentence: str, pos: int, end: int) -> tuple[int, int] | None:
    """A person's bare name (or two joined by "and") at ``pos``: (1 or 2, where it ends)."""
    m = _NAME_ONLY.match(sentence, pos, end)
    if m is None or any(w.lower().strip("'’") in _NOT_NAME_WORDS for w in m.group().replace("-", " ").split()):
        return None
    from .incidents.lexicon_data import lexicon  # (here: the lexicon is the incidents' and loads after this module)

    lex = lexicon()
    if lex.any_actor.search(m.group()) is not None or any(w.lower() in lex.peoples for w in m.group().split()):
        return None  # a force, an armed group or a people ("killed Boko Haram", "killed Turkana Herders")
    return (2 if m["and"] else 1), m.end()


# "One person from each group was killed", "two on either side died": the figure is per side, of two at least
# ("from both communities" is a total).
_EACH_SIDE: Final = rx.compile(r"(?i:\b(?:from|on|of)\s+(?:each|either)\s+(?:side|group|camp|community|clan|party)\b)")
# One more person killed with the one counted: "was killed along with his driver", "died together with his passenger".
# ... and "was killed with his wife and son": a bare "with" and a possessive (not "killed with his own gun").
_ALONG_WITH: Final = rx.compile(
    rf"(?i:\b(?:(?:together|along)\s+with\s+{_DET_ONE}|with\s+(?:his|her|their)\s+)(?:[\w'’.-]+\s+){{0,2}}?"
    rf"(?:{_PERSON})\b(?![-’']s?\w|s\b))")


def _along_key(low: str) -> bool:
    """Whether the lowercased sentence may name a companion (substring tests: cheaper than a pattern's search)."""
    return "along with" in low or "together with" in low or "with his " in low or "with her " in low \
        or "with their " in low


# Companions listed after the one: "together with his wife and two children" (two more).
_AND_FIGURE: Final = rx.compile(r"(?i:\s*,?\s+and\s+)")
def _along_with(sentence: str, pos: int, end: int) -> tuple[int, int] | None:
    """The people killed with the one counted, named after ``pos`` ("… along with his driver", "… together with her
    two sons"): how many, and where they end."""
    many = _ALONG_MANY.search(sentence, pos, end)
    along = _ALONG_WITH.search(sentence, pos, end)
    if many is not None and (along is None or many.start() <= along.start()):
        value = _core_value(many["num"])
        if value is not None:
            return value, many.end()
    return _companions(sentence, along, end) if along is not None else None


def _companions(sentence: str, along: re.Match, end: int) -> tuple[int, int]:
    """The people killed with the one counted ("along with his driver"): how many, and where they end."""
    more = _AND_FIGURE.match(sentence, along.end(), end)
    if more is None:
        return 1, along.end()
    m = _NUM.match(sentence, more.end(), end)
    value = _value(m) if m is not None and (m["lo"] or "").lower() not in ("a", "an") else None
    if m is not None and value is not None:
        return 1 + value, m.end()  # "… and two children"
    person = _AND_ONE_PERSON.match(sentence, along.end(), end)
    return (2, person.end()) if person is not None else (1, along.end())  # "… and his son"


# What may follow a passive cue (so "a policeman killed protesters" is not read as one death).
_AFTER_PASSIVE: Final = rx.compile(
    r"(?i:\s*(?:$|[,.;:!?()]|\s(?:in|at|on|during|by|after|when|while|as|near|over|following|with|for|from"
    r"|outside|inside|and|amid|last|yesterday|today)\b))")
# "beat a woman to death", "hacked two men to death".
# The present tense's verbs ("vigilantes stone to death two thieves", "a mob beats a suspect to death"): ACLED's
# notes are written in the present.
_BASE_VERBS: Final = (r"(?:stab|beat|hack|burn|club|bludgeon|strangle|stone|crush|trample|torture|shoot|starve|kick"
                      r"|batter"
                      r"|knife|machete|spear|axe|slash|chop|maul)(?:s|es)?")
# ... and the -ing forms: "before stoning him to death".
_ING_VERBS: Final = (r"stabbing|beating|hacking|burning|clubbing|bludgeoning|strangling|stoning|crushing|trampling"
                     r"|torturing"
                     r"|shooting|kicking|battering|knifing|spearing|slashing|chopping|mauling")
_SPLIT_TO_DEATH: Final = rx.compile(rf"(?i:\b(?:{_TO_DEATH}|{_BASE_VERBS}|{_ING_VERBS})\s+(?P<obj>(?:[\w'’.-]+\s+){{1,4}}?)to\s+death\b)")
# The present tense, then its object: "vigilantes stone to death two thieves", "a mob beats to death a suspect" (the
# past tense is a cue of its own: "stoned to death two men").
# Persons set alight: "a mob set a suspected thief alight", "sets alight four robbery suspects", "Four robbery
# suspects were set on fire", "two officers were attacked and set ablaze". ACLED codes them killed (a mob's burning of
# a person is its killing), unless the sentence tells of injuries or survival ("Five are attacked and set alight
# … Only injury reported"). Only persons: "set three houses ablaze" is arson.
_FIRE: Final = r"(?:alight|ablaze|a\s+blaze|on\s+fire)"
_SET_OBJ_FIRE: Final = rx.compile(rf"(?i:\bset(?:s|ting)?\s+(?P<obj>(?:[\w'’.-]+\s+){{1,4}}?){_FIRE}\b)")
_SET_FIRE_OBJ: Final = rx.compile(rf"(?i:\bset(?:s|ting)?\s+{_FIRE}\s+)")
_WERE_SET_FIRE: Final = rx.compile(
    rf"(?i:\s+(?:were|was|are|is|have\s+been|has\s+been|had\s+been)\s+(?:[a-z]+\s+and\s+)?set\s+{_FIRE}\b)")
_SUBJECT_BEFORE: Final = rx.compile(r"(?i:(?:^|[\s,;:(])(?P<subj>(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+)$)")
_SURVIVED: Final = rx.compile(r"(?i:\b(?:injur\w*|wound\w*|hurt|hospital\w*|surviv\w*|rescued|escaped|treated)\b)")
_PHRASE_BREAKS: Final = frozenset("of in at on for with from by near to and or".split())
_FIRE_REACH: Final = 60  # how far back the passive's subject is looked for: a figure and four words


def _persons(phrase: str) -> int | None:
    """How many persons a noun phrase names: "four robbery suspects" 4, "a suspected thief" 1; None if it names no
    person (or things: "three houses"). (Not "him": "The mob beat him up and set him on fire" follows the sentence
    that counted him.) A phrase with a preposition names its head before it ("the house of the member"): none."""
    phrase = phrase.strip()
    if any(w.lower() in _PHRASE_BREAKS for w in phrase.split()):
        return None
    n = _NUM.match(phrase)
    if n is not None and (n["lo"] or "").lower() not in ("a", "an", "no", "none", "one") and _is_headcount(n, ""):
        words = phrase[n.end():].split()
        head = words[-1].lower().strip(",.;:'’") if words else ""
        if head in _PLURAL_PERSONS or (head.endswith("s") and head[:-1] in _PERSON_WORDS) or head == "others":
            return _value(n)
        return None
    person = _one_person(phrase, 0, len(phrase))
    return person[0] if person is not None and person[1] == len(phrase) else None


def _set_alight(sentence: str) -> tuple[int, int, int] | None:
    """Persons set alight in ``sentence``: (how many, start, end of the words), or None."""
    found = _burnt_persons(sentence)
    return None if found is None or _SURVIVED.search(sentence) is not None else found


def _burnt_persons(sentence: str) -> tuple[int, int, int] | None:
    """The first persons set alight in ``sentence``, survivors or not (see :func:`_set_alight`)."""
    if "set" not in sentence and "Set" not in sentence:
        return None
    for m in _SET_OBJ_FIRE.finditer(sentence):
        n = _persons(m["obj"])
        if n is not None:
            return n, m.start(), m.end()
    for m in _SET_FIRE_OBJ.finditer(sentence):
        words = sentence[m.end():_clause_after(sentence, m.end())].split()
        for k in range(min(len(words), 5), 0, -1):  # the longest person phrase at the start
            phrase = " ".join(words[:k]).rstrip(".,;:!?")
            n = _persons(phrase)
            if n is not None:
                return n, m.start(), m.end() + len(phrase)
    for m in _WERE_SET_FIRE.finditer(sentence):
        subj = _SUBJECT_BEFORE.search(sentence, max(0, m.start() - _FIRE_REACH), m.start())
        if subj is None:
            continue
        words = subj["subj"].split()
        for k in range(len(words)):  # the longest person phrase ending before the verb
            n = _persons(" ".join(words[k:]))
            if n is not None:
                start = m.start() - len(" ".join(words[k:]))
                return n, start, m.end()
    return None


_BASE_TO_DEATH: Final = rx.compile(rf"(?i:\b{_BASE_VERBS}\s+to\s+death\s+)")
# A short parenthetical with no figure and no cue ("(KDF)", "(film actor)"): masked, so it does not cut a
# figure from its cue.
_PAREN: Final = rx.compile(r"\s*\([^()\d]{1,60}\)")
# A list of participles after an auxiliary: "were shot, hacked and decapitated", "was beaten, stabbed and killed".
_PARTICIPLE: Final = r"(?:[a-z]+(?:ed|en)|shot|cut|hit|struck|slit)"
_PARTICIPLE_LIST: Final = rx.compile(rf"(?i:\b(?:were|was|are|is|been|being)\s+{_PARTICIPLE}(?:,\s+{_PARTICIPLE}){{1,4}},?\s+and\s+)")
# A relative clause on persons in brackets ("2 fighters (who were accused of killing 5 people) were shot dead") says
# who they are, not what this event did: masked, figures, cues and all. (Not "(which left 7 dead)": on the event,
# that is its toll.)
_PAREN_RELATIVE: Final = rx.compile(r"(?i:\s*\((?:who|whom|whose)\s[^()]{1,150}\))")
_OF_NOUNS: Final = frozenset("killing killings death deaths bodies arrest arrests detention d"
                             "etentions lives murder murders "
                             "execution executions assassination assassinations".split())
# Of-nouns of one event, so of one victim when a singular person follows: "the killing of a boda boda rider".
_OF_ONE: Final = frozenset("killing death murder execution assassination".split())
# ... unless a cause or a reason names it: "protest against the killing of a journalist", "clashes after the
# murder of a herder", "accused in the killing of a student" are about an earlier death, an event of its own
# (ACLED codes it separately), not the one the sentence reports.
# The noun must be one ("the killing of", "the prior murder", "his death"): "after killing their bodyguard" is the
# event's own act.
_CAUSE_BEFORE: Final = rx.compile(
    r"(?i:(?:\b(?:against|over|after|following|(?<!responsibility\s)for|about|into|since|protest\w*|condemn\w*"
    r"|demand\w*|mourn\w*)\s+(?:the|a|an|his|her|their|its)\s+(?:[\w-]+\s+)?"
    r"|\b(?:charged|accused|implicated|suspect(?:s|ed)?|involve\w*|convicted|arrested|detained|jailed)\s+"
    r"(?:in|of|over|for|with)\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\w-]+\s+)?"
    r"|\b(?:prior|previous|earlier)\s+)$)")
# The words _CAUSE_BEFORE can start with (a cheap test first: most cues have none before them).
# One person killed in a clause that "after" or "following" opens ("four rioters die after local politician
# killed"): the death that set off the event, another event's; a figure the sentence states for its own wins (as
# with "the killing of a rider").
# How far back _CAUSE_BEFORE and _CAUSE_LEAD look: "charged with desecrating the", "after local politician".
_CAUSE_REACH: Final = 40
_CAUSE_LEAD: Final = rx.compile(r"(?i:\b(?:after|following)\s+(?:[\w'’-]+\s+){0,4}$)")
_CAUSE_WORDS: Final = frozenset("against over after following for about into since charged ac"
                                "cused implicated convicted "
                                "arrested detained jailed prior previous earlier".split())
_CAUSE_STEMS: Final = ("protest", "condemn", "demand", "mourn", "suspect", "involve")
# An act tried, planned or threatened is none: "attempts to assassinate an officer", "threatened to kill 5".
_ATTEMPT: Final = rx.compile(r"(?i:\b(?:attempt(?:s|ed|ing)?|tried|tries|try|trying|plot(?:s|ted|ting)?|plan(?:s|ned"
                             r"|ning)?"
                             r"|threaten(?:s|ed|ing)?|vow(?:s|ed)?|intend(?:s|ed)?|conspir\w+)\s+to\s+(?:\w+\s+)?$)")
# An accusation before an active cue: "suspected of having killed", "accused of murdering", "charged with killing",
# "wanted for killing" (an earlier act, someone's allegation: not the event's toll).
# (Not "blamed for killing 12 villagers on Sunday", "responsible for killing 30": often the event's own toll.)
# "suspected / alleged to have killed" likewise ("the man suspected to have shot dead a chief"; not "believed /
# reported to have killed 12": a report of the event itself).
_ACCUSED_OF: Final = rx.compile(r"(?i:\b(?:(?:suspected|accused|charged|convicted|wanted|jailed|sentenced|tried"
                                r"|guilty)\s+"
                                r"(?:of|for|with|over|in)\s+(?:having\s+)?"
                                r"|(?:suspected|alleged|accused)\s+to\s+have\s+)(?:allegedly\s+)?$)")
_ACCUSED_REACH: Final = 40  # how far back it looks: "suspected of having allegedly " and a space
_ACCUSED_ENDS: Final = ("of ", "for ", "with ", "over ", "in ", "having ", "allegedly ", "have ")  # a cheap test first
# A cue in a relative clause on an earlier event that the sentence names as its cause: "police shot a bandit in
# retaliation for a raid in which 7 civilians were killed", "youths protested after an attack that killed 5": that
# event's dead, an event of its own (not "claimed responsibility for an attack in which 7 were killed": its own).
_CAUSE_RELATIVE: Final = rx.compile(
    r"(?i:\b(?:after|following|over|against|protest\w*|avenge|in\s+(?:response|reaction)\s+to"
    r"|in\s+(?:retaliation|revenge|reprisal)\s+(?:for|to))\s+(?:(?:the|a|an|their|his|her|its|[\w-]+['’]s)\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:attacks?|raids?|ambush(?:es)?|clash(?:es)?|violence|fighting|massacres?|bombings?"
    r"|blasts?|explosions?|shootings?|incidents?|killings?)\s*[(,]?\s*"
    r"(?:in\s+which|during\s+which|which|that|where|when)\s[^.;:()]{0,80}$)")
_CAUSE_RELATIVE_REACH: Final = 160  # how far back it looks: the lead, the event noun and the relative clause
_CAUSE_RELATIVE_KEYS: Final = (" which ", " that ", " where ", " when ")  # a cheap test first
_TOLLS: Final = ("death toll", "fatality toll", "death total", "death count")
# An active cue's base form after "to" is an infinitive: a purpose, an order or a plan ("to lynch two women",
# "ordered to arrest 12"), not what happened; unless a verb before "to" says it was done ("managed to kill two",
# "the knife used to kill the trader").
_BASE_FORMS: Final = frozenset("kill lynch injure wound arrest detain execute assassinate murder behead decapitate".split() + ["gun down"])
# ("proceed to kill", "claim to kill": ACLED notes in the present; a claim of what was done, kept as the figure)
_DONE_TO: Final = rx.compile(r"(?i:\b(?:managed|went\s+on|goes\s+on|go\s+on|proceed(?:ed|s)?|succeeded|used"
                             r"|claim(?:ed|s)?)\s+to\s+$)")
_DONE_TO_REACH: Final = 30  # how far back it looks: "proceeded to " with room to spare

_UNITS: Final = "one|two|three|four|five|six|seven|eight|nine"
_TEENS: Final = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS: Final = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORDNUM: Final = rf"(?:(?:{_TENS})(?:[-\s](?:{_UNITS}))?|{_TEENS}|{_UNITS}|zero)"
_DIGITS: Final = r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?"
_VAGUE: Final = r"several|a\s+few|a\s+couple\s+of|many|some"
_CORE: Final = (
    r"\b(?:(?:tens|hundreds)\s+of\s+thousands"
    rf"|(?:(?:{_VAGUE})\s+)?(?:dozens|scores|hundreds|thousands|millions)"
    rf"|(?:{_VAGUE}|half\s+a|a|{_DIGITS}|{_WORDNUM})\s+(?:dozen|hundred|thousand|million)"
    rf"|{_DIGITS}|{_WORDNUM}"
    r"|a\s+number\s+of|a\s+handful(?:\s+of)?|a\s+couple(?:\s+of)?|a\s+few|several|many|numerous|multiple"
    r"|no\s+one|nobody|none|no|an?)\b"
)
_QUAL: Final = (
    r"at\s+least|more\s+than|over|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than|a\s+total\s+of"
    r"|nearly|almost|about|around|some|roughly|approximately|an\s+estimated|close\s+to|another|an\s+additional"
    r"|up\s+to|as\s+many\s+as|at\s+most|fewer\s+than|less\s+than"
)
# Not head counts: "12-year-old", "three days", "2 km", "10 percent", "$5 million"...
_NOT_PEOPLE: Final = (
    r"(?i:(?!\s*-?\s*(?:years?|yrs?|year-old|months?|weeks?|days?|hours?|minutes?|seconds?|times|km|kilomet(?:er|re)s?"
    r"|miles?|met(?:er|re)s?|percent|per\s+cent|am|pm|a\.m|p\.m|gmt|o'clock|st|nd|rd|th|tenge|dollars?|euros?"
    r"|rubles?|roubles?|tonnes?|tons?|kg|degrees|january|february|march|april|june|july|august"
    r"|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    r")\b|%|°"
    # animals: "killed two goats", "40 cattle" (not "six cattle thieves", "two camel herders": people)
    r"|\s*(?:goats?|cattle|cows?|camels?|sheep|donkeys?|animals?|livestock|heads?\s+of\s+(?:cattle|livestock)"
    r"|chickens?|dogs?|pigs?|horses?|bulls?|oxen|calves|mules?|elephants?|rhinos?|lions?)\b"
    r"(?!\s+[a-z]+(?:ers?|men|boys?|ves)\b)))"
)
_NUM: Final = rx.compile(
    rf"(?i:(?:(?P<qual>{_QUAL})\s+)?(?:between\s+(?P<blo>{_CORE})\s+and\s+(?P<bhi>{_CORE})"
    rf"|(?:from\s+|either\s+)?(?P<lo>{_CORE})(?:\s*(?:-|–|to|or)\s*(?P<hi>{_CORE}))?)){_NOT_PEOPLE}"
)

# Several companions by a figure: "together with her two sons", "along with three of his guards", "along with 4 others".
_ALONG_MANY: Final = rx.compile(
    rf"(?i:\b(?:(?:together|along)\s+with\s+(?:(?:his|her|their|its|the)\s+)?|with\s+(?:his|her|their)\s+)"
    rf"(?P<num>{_WORDNUM}|\d{{1,3}})\s+"
    rf"(?:of\s+(?:his|her|their|its|the)\s+)?(?:[\w'’.-]+\s+){{0,2}}?(?:(?:{_PERSON})s|men|women|children|people"
    rf"|others|colleagues)\b)")

_SMALL: Final = {w: i for i, w in enumerate(["zero", *_UNITS.split("|"), *_TEENS.split("|")])}
_SMALL.update({w: 20 + 10 * i for i, w in enumerate(_TENS.split("|"))})
_SMALL.update({"a": 1, "an": 1, "no": 0, "none": 0, "nobody": 0, "no one": 0})
_SCALE: Final = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_PLURAL: Final = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000}
_FIXED: Final = {
    "tens of thousands": 10_000, "hundreds of thousands": 100_000,
    "several": 10, "many": 10, "numerous": 10, "multiple": 10, "a number of": 10,
    "a few": 3, "a handful": 3, "a handful of": 3, "a couple": 2, "a couple of": 2,
}  # fmt: skip
_VAGUE_HEADS: Final = frozenset({"several", "a few", "a couple of", "many", "some"})
_UPPER: Final = frozenset({"up to", "as many as", "at most"})
_BELOW: Final = frozenset({"fewer than", "less than"})
_UNSPECIFIED_PLURAL: Final = 10  # ACLED's figure for "several"/"many"

# Words that break the link between a figure and a later cue.
_GAP_STOP: Final = frozenset(
           """and but or while whereas because although though after before since when if than including
           said say says told tell tells fear fears risk risks avoid avoided
           escaped survived threatened threaten threatens not without see saw seeing watched witnessed""".split()
)
_MAX_GAP_WORDS: Final = 6
# A subject cut from its verb by an aside (_subject_across_aside): the verb opens its clause, plural or intransitive.
_PLURAL_VERB_LEAD: Final = rx.compile(r"(?i:(?:(?:were|have\s+been|had\s+been|are)\s+(?:\w+ly\s+)?(?:shot\s+)?)?)")
# The members of a figure's group named after it, up to its verb: "MCA Kibet Cheretei and a Jubilee MP hopeful Pepe
# Kitambaa were (shot) …" (names in capitals, "and" before the last).
_NAMED_MEMBERS: Final = rx.compile(r"(?:(?:a|an|the)\s+)?(?:[\w'’.-]+\s+){0,3}?(?-i:[A-Z])[\w'’.-]*(?:\s+"
                                   r"(?-i:[A-Z])[\w'’.-]*)*"
                                   r"(?:\s*,\s*(?:(?:a|an|the)\s+)?(?:[\w'’.-]+\s+){0,3}?(?-i:[A-Z])[\w'’.-]*(?:\s+"
                                   r"(?-i:[A-Z])[\w'’.-]*)*)*"
                                   r",?\s+and\s+(?:(?:a|an|the)\s+)?(?:[\w'’.-]+\s+){0,3}?(?-i:[A-Z])[\w'’.-]*(?:\s+"
                                   r"(?-i:[A-Z])[\w'’.-]*)*"
                                   r"\s+(?:were|have\s+been|had\s+been)\s+(?:shot\s+)?")
_ASIDE_VERB: Final = rx.compile(r"(?i:\b(?:was|were|is|are|has|have|had|said|says|told|did|does)\b)")
_RELATIVE_START: Final = rx.compile(r"(?i:\s*(?:who|which|all\s+of\s+whom|both\s+of\s+whom)\b)")
_ASIDE_REACH: Final = 120  # the aside's length at most: a place and a road
_SUBJECT_WORDS: Final = 10  # the subject's words after its figure at most: "police officers from a camp in a county"
_PARTICIPLES_EN: Final = frozenset("beaten taken stolen seen given driven hidden shaken broken fallen chosen".split())
_AUXILIARIES: Final = frozenset("were was are is have has had been reportedly allegedly also later feared confirmed".split())
_PAIR_WORDS: Final = 3  # words of each noun phrase in a pair at most: "police officers and Kenya Police Reservists"
# A figure inside a phrase after the subject's own figure counts something else: "Five suspects linked to the two
# attacks", "3 members of one family", "Four of the 12 passengers" (the first figure is the clause's).
# (Only prepositions that attach to a noun: "after 12 people were killed", "with 5 people killed" open clauses.)
_IN_PHRASE: Final = rx.compile(r"(?i:\b(?:of|to|from|between|among)\s+(?:(?:the|these|those|its|their|his|her)\s+)?$)")
_IN_PHRASE_REACH: Final = 20  # how far back it looks: "between those " with room to spare
# "Two of the injured later died", "three of those arrested were found dead": a part of another cue's group, counted
# by this cue (not the other's figure).
_PARTITIVE: Final = rx.compile(r"(?i:\s+of\s+(?:those|the|them|whom)\s)")
# A longer gap that is a reduced relative clause between the figure's noun and its verb: "Three men suspected of
# killing a trader were lynched", "two youths accused of stealing a cow were beaten to death".
# A relative clause ("Two women who were accused of theft are lynched"), a participle with a place ("Seven fishermen
# fishing in the lake have been killed") and an of-phrase ("Four members of the Nyumba Kumi initiative were shot")
# likewise.
_REDUCED_RELATIVE: Final = rx.compile(
    r"(?i:(?P<head>\s+(?:[\w'’-]+\s+){0,2}?)(?:(?:suspected|accused|believed|alleged(?:ly)?|thought|said|reported(?:ly)?"
    r"|linked|connected|tied|related|belonging|attached|loyal)\s+(?:of|to)"
    r"|who\s+(?:were|was|are|is|had|have)|\w+ing\s+(?:in|at|on|near|along|around|inside|outside|across|through|to|from)"
    r"|of)"
    r"\s+[^,;:()]{1,50}?(?P<aux>\s+(?:were|was|are|is|have\s+been|had\s+been)\s+(?:\w+\s+)?))")
_SINGULAR_AUX: Final = rx.compile(r"(?i:\b(?:was|is|has\s+been|had\s+been)(?:\s+" + _ADVERB + r")?\s*)$")
# A singular "was" right before a death cue ("was killed", "was shot dead", "was stabbed to death").
_ONE_DEATH: Final = rx.compile(
    r"(?i:\b(?:was|is|has\s+been|had\s+been)" + _WHEN + r"(?:\s+" + _ADVERB + r")?"
    r"(?:\s+(?:shot|found|discovered|confirmed|declared|left))?"
    # "was stabbed and killed", "was snatched from the police by residents and beaten to death"
    r"(?:(?:\s+(?:\w+ed|shot|caught|hit|struck|beaten|thrown|knocked|run\s+over)){1,4}(?:\s+(?:by|in|with|from|at|on)(?:\s+(?!(?:who|which|that|and|but|when|while|after)\b)[\w'’-]+){1,4})"
    r"{0,2}\s+and(?:\s+" + _ADVERB + r")?"
    # ... "was kidnapped and later found dead", "was abducted and then found dead"
    r"(?:\s+(?:found|discovered|left))?)?\s*)$")
_MONTH_BEFORE: Final = rx.compile(
    r"(?i:\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s*)$"
)
_DAY_BEFORE: Final = rx.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s*$")
# A school year before its number ("a form four student", "a class 8 pupil", "a grade 5 learner"): no head count.
_SCHOOL_YEARS: Final = frozenset(("form", "class", "standard", "grade"))
_YEAR_BEFORE: Final = rx.compile(r"(?i:\b(?:the|in|since|until|of|from|by|during|year|early|late|mid)[\s-]*)$")
_BOUNDARY: Final = rx.compile(r"[.;:!?()\[\]\"“”]\s|[;:!?()\[\]\"“”]|,\s|\s[–—-]\s")
# The verb of a toll that has changed: "has risen to 11", "rose to", "climbed to", "reached".
_TOLL_TO: Final = rx.compile(r"(?i:\b(?:has\s+|had\s+|have\s+)?(?:risen|rose|climbed|jumped|increased|gone\s+up)\s+to"
                             r"(?:\s+(?:at\s+least|about|around|nearly|almost|over|more\s+than))?\s+|\breached\s+)")
_TOLL_REACH: Final = 200  # characters after "toll" searched for that verb
_TOLL_LEAD: Final = rx.compile(r"(?i:\bnumber\s+of(?:\s+\w+){0,2}\s*)$")
# "Deaths were estimated at 10", "deaths estimated to be over 10 people", "fatalities put at 20": the plural noun
# with an estimate is a toll, its figure after it.
_ESTIMATED_TOLL: Final = rx.compile(r"(?i:\s+(?:(?:were|are|was|is|have\s+been|had\s+been)\s+)?"
                                    r"(?:(?:estimated|put)\s+(?:to\s+be|at)|(?:believed|thought|reported"
                                    r"|said)\s+to\s+be)\s)")
_ESTIMATED_NOUNS: Final = frozenset(("deaths", "fatalities"))
# "… bring to at least 46 the number of people killed": the figure stands before "the number of".
_TO_THE_NUMBER: Final = rx.compile(r"(?i:\bto\s+(?P<num>[^,;:.()]{1,30}?)\s+the\s+(?:total\s+)?number\s+of"
                                   r"(?:\s+\w+){0,2}\s*)$")
_CLAIMED_LEAD: Final = rx.compile(r"(?i:\b(?:claim(?:ed|ing|s)?|took|taking|takes|cost(?:ing|s)?)\s+(?:the\s+)?)$")
_BODIES_TAIL: Final = rx.compile(
    r"(?i:\s+(?:(?:were|have\s+been|had\s+been|was)\s+)?(?:found|recovered|discovered|lying|seen|strewn|piled|of))"
)
# Words a number expression can start with: _NUM is only tried there (see _numbers).
_NUM_FIRST: Final = frozenset(
           f"""at more over upwards no a an nearly almost about around some roughly approximately close another
           up as fewer less between from tens hundreds several many dozens scores thousands millions half numerous
           multiple nobody none zero either {_UNITS} {_TEENS} {_TENS}""".replace("|", " ").split()
)
_WORD: Final = rx.compile(r"\w+")
_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_TAIL: Final = rx.compile(r"\s+(?P<of>of\s+)?")
_WINDOW: Final = 75  # characters each side of a cue: six gap words and "no fewer than two hundred"
# A subset named inside commas ("Ten people, including two officers, were injured"): masked out, so the
# total links to its cue across it and the subset's figure is not taken for another group.
_SUBSET: Final = rx.compile(r"(?i:,\s+(?:including|among\s+them|among\s+whom|of\s+whom|most(?:ly|\s+of\s+them)?"
                            r"|many\s+of\s+them)\b[^,;:.()]{1,60},)")
# ... and a subset that lists several up to the verb: "6 people, including a trader, a rickshaw puller and a mason
# were killed", "2 people, including a student, and a farmer, were killed".
_SUBSET_LIST: Final = rx.compile(r"(?i:,\s+(?:including|among\s+them|among\s+whom)\s+(?:[^,;:.()]{1,40}?,\s+){0,4}?"
                                 r"(?:(?!\b(?:were|was|are|is|have|had)\b)[^,;:.()]){1,40}?,?"
                                 r"(?=\s+(?:were|was|are|is|have\s+been|had\s+been)\s))")
# ... and one named without commas, from a group's noun up to its verb: "12 Taliban militants including 2 commanders
# were killed" is 12 (the subset's figure is part of the total).
_SUBSET_BARE: Final = rx.compile(r"(?i:(?<=[a-z])\s+(?:including|among\s+them)\s+(?:(?!\b(?:were|was|are|is|have"
                                 r"|had)\b)"
                                 r"[^,;:.()]){1,40}?(?=\s+(?:were|was|are|is|have\s+been|had\s+been)\s))")
# Between two figures for different groups: the first group's noun and a conjunction ("25 ADF fighters and
# 6 soldiers", "12 protesters, 5 police and 3 bystanders"). At most four words, none a verb or a stop word.
# (the noun is the shortest before a conjunction: "five women and four children and looting shops")
_GROUP_GAP: Final = rx.compile(r"\s+(?P<noun>(?:[^\W\d][\w'’-]*\s+){0,3}?[^\W\d][\w'’-]*)\s*(?:,\s*and|,|and"
                               r"|as\s+well\s+as)\s+")
_GROUP_NOT: Final = frozenset(_GAP_STOP | {"were", "was", "are", "is", "had", "have", "has", "been", "be", "being", "who",
                                           "that", "which", "in", "on", "at", "of", "the", "by", "with", "for", "to"})
# Words after a second figure's noun that make it the subject of its own clause ("… and 30 were injured").
_OWN_CLAUSE: Final = frozenset("were was are is had have has been be being said say says told who that which".split())
# "shot dead five civilians": the active use of "dead".
# A passive between a figure and its verb: the figure counts the victims ("five herders were killed by …").
_PASSIVE_GAP: Final = rx.compile(r"(?i:\b(?:were|was|are|is|been|being|be|got|gets)\b)")
# An object figure followed by a cue of its own is another clause's subject: "Two killed one injured".
_CUE_NEXT: Final = rx.compile(r"(?i:\s+(?:(?:people|persons|others)\s+)?(?:were\s+|was\s+)?(?:killed|dead|died|injured"
                              r"|wounded|hurt"
                              r"|arrested|detained)\b)")
# One body found, though no numeral says so (ACLED counts the death): "the body of a missing activist was found",
# "the student's body was later recovered". Only with a finding verb: "a governing body", "body armour" are not deaths.
# One corpse is one death: "his corpse was dumped", "the corpse of a trader" (not "corpses": the cue counts those;
# nor "a corpse", as in the charge "abandonment of a corpse").
_ONE_CORPSE: Final = rx.compile(r"(?i:\b(?:the|his|her|[\w-]+['’]s)\s+(?:[\w-]+\s+)?corpse\b(?!s))")
_BODY_STATES: Final = frozenset("lifeless decomposing decomposed mutilated headless dead char"
                                "red burnt burned dismembered "
                                "bullet-riddled tortured battered naked".split())  # "the mutilated and tortured body of"
_ONE_BODY: Final = rx.compile(
    r"(?i:\b(?:the|a|his|her|[\w-]+['’]s)\s+(?:(?:" + "|".join(sorted(_BODY_STATES)) + r")(?:,|\s+and)?\s+){0,2}"
    r"body\b(?!\s+(?:armou?r|camera|guard|count|politic|of\s+water))(?:\s+of\s+[^,;:.()]{1,60}?)?"
    r"\s+(?:was|has\s+been|had\s+been|is)\s+(?:(?:later|reportedly|also|then|allegedly)\s+)?"
    r"(?:found|recovered|discovered|retrieved|dumped|exhumed)\b)")
# ... and of two persons, each singular: "the bodies of a teacher and his wife were found", "The bodies of the
# commission's ICT manager, Chris Msando, and another youth were found" (not "of three men and a woman": _TWO_BODIES_NUM).
_TWO_BODIES: Final = rx.compile(
    r"(?i:\bthe\s+(?:(?:" + "|".join(sorted(_BODY_STATES)) + r")(?:,|\s+and)?\s+){0,2}bodies\s+of\s+"
    r"(?P<list>(?:a|an|the|his|her|their|its|[\w-]+['’]s|(?-i:[A-Z]))[^;:.()]{0,80}?,?\s+and\s+"
    r"(?:a|an|another|his|her|their|the|(?-i:[A-Z]))[^,;:.()]{0,40}?)"
    r"\s+(?:were|have\s+been|had\s+been)\s+(?:(?:later|reportedly|also|then|allegedly)\s+)?"
    r"(?:found|recovered|discovered|retrieved|dumped|exhumed)\b)")
_TWO_BODIES_NUM: Final = rx.compile(rf"(?i:\d|\b(?:{_WORDNUM}|both|several|many|some|dozens?|scores|hundreds)\b|\band\b(?!\s+(?-i:[A-Z])).*\band\b)")
# ... a further person listed before "and" ("the bodies of a man, his wife and their son": three)
_BODIES_LISTED: Final = rx.compile(r"(?i:,\s+(?:a|an|another|his|her|their|the)\s)")
# A word or two in quotes ('Five "thugs" were lynched'): the quotes are no clause break.
_QUOTED: Final = rx.compile(r"[\"“](\w[\w\s'’-]{0,23})[\"”]")
# What _masked leaves: runs of blanks.
_BLANKS: Final = rx.compile(r" {3,}")
# Another source's figure in brackets right after a figure: "At least 20 (some reports 30) have been killed" is
# 20, the lowest (masked, so the figure reaches its cue).
# (Starting with the bracket, so that the engine skips to the brackets at once; _masked checks the word before.)
_ALT_FIGURE: Final = rx.compile(r"(?i:\((?=[^()]*\d)(?=[^()]*\b(?:reports?|reported|says?|said|according|sources?"
                                r"|estimates?|claims?|put|puts)\b)[^()]{1,50}\))")
# A revised figure in brackets right after a figure: "killing five (later confirmed as seven) officers" is 7, the
# figure as corrected (not another source's, whose lowest ACLED keeps: see _ALT_FIGURE).
_REVISED: Final = rx.compile(r"(?i:\((?:later|subsequently|since)\s+(?:\w+\s+)?(?:revised|raised|confirmed|determined"
                             r"|found"
                             r"|updated|corrected)\s+(?:to\s+be|to|as|at)\s+(?P<fig>[^()]{1,30}?)\s*\))")
# A breakdown in brackets right after a figure's cue: "Total 4 fatalities (3 confirmed and 1 split)" is 4.
_BREAKDOWN: Final = rx.compile(r"\((?=[^()]*\d)[^()]{1,80}\)")
# A figure for several events (a series' toll), not one event's: "12 killed in several incidents", "7 fatalities
# split across 13 events". (A nationwide toll or one "since the protests began" stays: it is the figure of the
# incident at the country's level.)
_SERIES: Final = rx.compile(
    r"(?i:\b(?:across|in|over|to)\s+(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple"
    r"|various|other|specific|a\s+series\s+of|a\s+number\s+of)\s+)+(?:events|incidents)\b"
    # a period's toll: "10 people have been killed in the last two months", "bringing the number killed in the past
    # week to four" (ACLED codes each event of the period with its own dead)
    r"|(?P<period>\bin\s+the\s+(?:last|past)\s+(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|few|several)\s+)?"
    r"(?:days|weeks?|months?|years?)\b))")
# A note that a toll is spread over several events: "6 deaths (coded across 6 events)". ACLED divides such a toll
# evenly over the events: each event's figure is the share where it divides evenly (no figure where it does not).
_SERIES_NOTE: Final = rx.compile(r"(?i:\s*\((?:coded|split|spread|divided)\s+(?:across|over|between|among)\s+"
                                 r"(?P<n>\d{1,3})\s+"
                                 r"(?:events|incidents)\))")
_SERIES_KEYS: Final = ("events", "incidents", "last ", "past ")
# A figure said to be unconfirmed, which ACLED does not count: "7 other deaths are feared but unconfirmed". ("12
# feared dead" ACLED does count.)
# "not confirmed" likewise ("2 others feared dead in an earlier report but not confirmed"); not a word before a noun
# ("killed when gunmen fired on an unconfirmed target": the target is unconfirmed, not the death).
_UNSURE: Final = rx.compile(r"(?i:\b(?:unconfirmed|unverified)\b(?!\s+(?!(?:by|and|but|yet|(?:\w+\s+)?(?:reports?"
                            r"|claims?"
                            r"|accounts?|figures?|numbers?|sources?|media))\b)[a-z])"
                            r"|\b(?:but|and)\s+(?:(?:was|were|is|are|has|have|had)\s+)?not\s+(?:yet\s+)?(?:been\s+)?"
                            r"(?:confirmed|verified)\b)")
# A figure in reports someone dismissed: "the coordinator dismissed reports that 14 people were shot dead", "police
# denied claims that 3 were killed" (not counted; the cue is noted). "of" only after the reports' noun: "the
# dismissal of two officers" is no denial.
_DENIED: Final = rx.compile(r"(?i:\b(?:dismiss\w*|den(?:y|ied|ies|ying)|refut\w*|reject\w*)\s+(?:(?:the|earlier|media"
                            r"|those"
                            r"|such)\s+)*(?:(?:reports?|claims?|allegations?|rumou?rs?)\s+(?:that|of)|that)\s+"
                            r"(?:[\w'’-]+\s+){0,4}$)")
_DENIAL_REACH: Final = 60  # how far before a figure: "denied earlier media reports that" and four words
_DENIAL_KEYS: Final = ("dismiss", "deni", "deny", "refut", "reject")
# "At least 34 people died, of which 27 were coded to other events": the whole of which a part is a series'.
_OF_WHICH: Final = rx.compile(r"(?i:,\s+(?:of\s+which|of\s+whom)\b)")
# ", who later died": the words before the comma say who.
_WHO: Final = rx.compile(r"(?i:,\s+who\s+(?:(?:later|subsequently|also|then|eventually|both|all)\s+)?(?:had\s+"
                         r"|have\s+)?)$")
_PERSON_END: Final = rx.compile(rf"(?i:\b{_DET_ONE}(?:[\w'’.-]+\s+){{0,3}}?(?:{_PERSON})\s*)$")
# "... and two others (in another village)": a further group of the same dead (not "and two others were injured",
# "and two others sustaining wounds": only a place or the clause's end may follow).
_AND_OTHERS: Final = rx.compile(rf"(?i:\band\s+(?P<n>{_CORE})\s+others\b(?=\s*(?:$|[,.;:)]|(?:in|at|near|on|inside|outside)\b)))")
# A further person or group after the clause's figure: "…were killed, as was one of the attackers".
_AS_WAS: Final = rx.compile(r"(?i:,\s+as\s+(?:was|were|did)\s+)")
_PLUS: Final = rx.compile(r"(?i:\bplus\s+|\s\+\s*)")  # "plus 1 driver", "7 residents killed + 1 officer"
_AND_VERB: Final = rx.compile(r"(?i:and\s+(?P<verb>\w+(?:ing|ed|s))\s+)")
_NOT_VERBS: Final = frozenset("others its his hers ours theirs yours was is has does this thus".split())  # "and others", "and his"
_OF_AFTER: Final = rx.compile(r"\s+of\s")
# A hit that counts a part of a group counted before: "5 of these were killed", "two of them died".
# (Not "3 of those wounded later died": a part of another category's group, which ACLED adds.)
_PART_OF: Final = rx.compile(rf"(?i:(?:{_QUAL}\s+)?(?:{_CORE})\s+of\s+(?:these|those|them|whom|the\s+(?:dead|deceased|victims|killed)"
                             r")\b(?!\s+(?:injured|wounded|hurt|arrested|detained|abducted|kidnapped)\b))")
# "9 killed including one policeman": a part of the dead right after the cue, not its object.
# "Both women were killed", "both of them died": two as the subject of a death (not "both soldiers and civilians").
_BOTH_SUBJECT: Final = rx.compile(r"(?i:\bboth\s+(?:of\s+them\s+|(?:(?!and\b)[\w'’-]+\s+){1,3}?)?"
                                  r"(?:(?:were|are|have\s+been|had\s+been)\s+)?(?:" + _ADVERB + r"\s+)?"
                                  r"(?:(?:\w+ed|shot)\s+and\s+)?)$")
_BOTH_REACH: Final = 80  # how far back it looks: "both" and three words, a bracket masked, an auxiliary
_MANY_MORE: Final = rx.compile(r"(?i:\s+more\b)")
_PART_LEAD: Final = rx.compile(r"(?:including|among\s+(?:them|whom|the\s+dead))\b")
# "3 civilians killed, including 2 beheaded", "among them 4 shot dead": a part of the figure before it.
_INCLUDED_BEFORE: Final = rx.compile(r"(?i:\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+$)")


def _included(sentence: str, text: str) -> bool:
    """Whether the figure's words ``text`` follow "including" or "among them" in ``sentence``."""
    at = sentence.find(text)
    return at > 0 and _INCLUDED_BEFORE.search(sentence, max(0, at - 16), at) is not None


# A determiner or figure right before "killing" makes it a noun ("the killing", "two killings"), not a participle.
_NOUN_BEFORE: Final = rx.compile(r"(?i:\b(?:the|a|an|this|that|these|those|his|her|their|its|\d+|one|two|three|four"
                                 r"|five"
                                 r"|six|seven|eight|nine|ten|recent|latest|brutal)\s+$)")
# ("police shoot dead a gang leader", "shooting dead 3": the present and the participle as well)
_SHOT_DEAD: Final = rx.compile(r"(?i:\b(?:shot|shoots?|shooting)\s+)$")
_SHOT_DEAD_REACH: Final = 12  # how far back it looks: "shooting " and a space or two
_SHOT_PRONOUN: Final = rx.compile(r"(?i:\b(?:shot|shoots?|shooting)\s+(?:him|her)\s+)$")  # "shot him dead": one
# "took two boys to a petrol station and shot them dead", "abducted three traders and killed them (all)": the
# victims are the group counted last before the verb in the sentence (its figure, not a year or an amount).
_SHOT_THEM: Final = rx.compile(r"(?i:\b(?:shot|shoots?|shooting)\s+(?:all\s+of\s+)?them(?:\s+all)?\s+)$")
_THEM: Final = rx.compile(r"(?i:(?:all\s+of\s+)?them\b(?:\s+all\b)?)")
_ANTECEDENT_NOUN: Final = rx.compile(r"\s+[A-Za-z]")  # a figure's noun follows it ("two boys", "5 Pokot men")
# After a label ("FATALITIES: 2", "Killed: 12"): a figure in digits.
# ("FATALITIES: reported estimates include 12": a few words that only say it is an estimate may come first)
_LABEL_REACH: Final = 60  # how far after the label: four hedge words and a figure
_LABEL_FIGURE: Final = rx.compile(rf"(?i::\s*(?:(?:reported|estimated|estimates?(?:\s+of)?|includes?|including|approximately|about"
                                  rf"|around|some|at\s+least)\s+){{0,4}}(?P<lo>{_DIGITS})\b(?!\s*[/.:-]\s*\d))")
# "killing both", "the deaths of both (of them)": two; not "killed both soldiers and civilians" (a coordinator).
_BOTH: Final = rx.compile(r"(?i:both\b(?:\s+of\s+them\b)?(?!\s+(?:[\w'’-]+\s+){0,3}?(?:and|&)\b))")
# A determiner before an object figure: "killed the three", "killing all five", "shot both the two guards".
# A possessive likewise: "killing his two children", "killed their four occupants".
# "killing a group of seven", "killed a family of four": the figure after the collective noun.
_FIGURE_DET: Final = rx.compile(rf"(?i:(?:(?:a|the|his|her|their)\s+(?:group|family|party|band|crew)\s+of\s+"
                                rf"|all\s+(?:the\s+)?|both\s+the\s+|the\s+(?:other\s+)?|(?:its|his|her|their)\s+)"
                                rf"(?=(?:{_WORDNUM}|\d)\b))")


def _antecedent_figure(sentence: str, before: int) -> tuple[int, int] | None:
    """The figure of the group counted last in ``sentence`` before ``before`` that "them" stands for: (its
    value, where it starts); None if there is none, or it is no count of people (a year, an amount)."""
    found = None
    for m in _NUM.finditer(sentence, 0, before):
        if (m["lo"] or "").lower() not in ("a", "an", "one"):  # ("to a petrol station": no group, "them" is plural)
            found = m
    if found is None or (found["qual"] or found["blo"]) or _ANTECEDENT_NOUN.match(sentence, found.end()) is None:
        return None
    value = _value(found)
    return (value, found.start()) if value is not None and 1 < value < 1000 else None


def _one_person(sentence: str, pos: int, end: int) -> tuple[int, int] | None:
    """A singular person (and perhaps one more) starting at ``pos``: (1 or 2, where it ends)."""
    m = _ONE_PERSON.match(sentence, pos, end)
    if m is None:
        return None
    more = _AND_ONE_PERSON.match(sentence, m.end(), end)
    if more is not None:
        return 2, more.end()
    # "killed the chairman, his driver, and personal assistant": a list of singular persons, "and" before the last
    # (the list's commas are no clause's end: it is read past ``end``, as far as its items are persons)
    n, at, far = 1, m.end(), min(len(sentence), m.end() + _LIST_REACH)
    while sentence.startswith(",", at) and (nxt := _COMMA_ONE_PERSON.match(sentence, at, far)) is not None:
        n, at = n + 1, nxt.end()
        if nxt["and"]:
            return n, at
    last = _AND_ONE_PERSON.match(sentence, at, far) if n > 1 else None
    return (n + 1, last.end()) if last is not None else (1, m.end())


def _masked(sentence: str) -> str:
    """The sentence with parenthetical subsets and short figure-less parentheticals blanked (offsets kept)."""
    if ("ed, " in sentence or "en, " in sentence or "shot, " in sentence) and " and " in sentence:
        # "were shot, hacked and decapitated": the commas of a list of participles cut no clause
        sentence = _PARTICIPLE_LIST.sub(lambda m: m.group().replace(",", " "), sentence)
    if "," in sentence:
        if "includ" in sentence or "among" in sentence:
            sentence = _SUBSET_LIST.sub(lambda m: " " * len(m.group()), sentence)
        sentence = _SUBSET.sub(lambda m: " " * len(m.group()), sentence)
    if " including " in sentence or " among them " in sentence:
        sentence = _SUBSET_BARE.sub(lambda m: " " * len(m.group()), sentence)
    if '"' in sentence or "“" in sentence:
        sentence = _QUOTED.sub(lambda m: " " + m.group(1) + " ", sentence)
    if "(" in sentence:
        if "(wh" in sentence or "(Wh" in sentence:
            sentence = _PAREN_RELATIVE.sub(lambda m: " " * len(m.group()), sentence)
        if "later" in sentence or "subsequently" in sentence or "since" in sentence:
            for rev in list(_REVISED.finditer(sentence)):
                sentence = _revised(sentence, rev)
        for alt in list(_ALT_FIGURE.finditer(sentence)):
            sentence = _alt_figure(sentence, alt)
        sentence = _PAREN.sub(lambda m: m.group() if _CUE.search(m.group()) else " " * len(m.group()), sentence)
        sentence = _BREAKDOWN.sub(lambda m: " " * len(m.group())
                                  if _cue_ends_before(sentence, m.start()) and _SERIES_NOTE.match(m.group()) is None
                                  else m.group(), sentence)
    return sentence


def _revised(sentence: str, m: re.Match) -> str:
    """``sentence`` with a figure and its revision in brackets ("five (later confirmed as seven)") reduced to the
    revised figure, the rest blanked (the offsets kept)."""
    pos = m.start()
    if not _after_figure(sentence, pos):
        return sentence
    inner = _numbers(sentence, m.start("fig"), m.end("fig"))
    if not inner or _value(inner[0]) is None:
        return sentence
    words = sentence[max(0, pos - 20):pos].split()
    word = sentence.rindex(words[-1], 0, pos)
    a, b = inner[0].start(), inner[0].end()
    return sentence[:word] + " " * (a - word) + sentence[a:b] + " " * (m.end() - b) + sentence[m.end():]


def _alt_figure(sentence: str, m: re.Match) -> str:
    """``sentence`` with another source's figure in brackets after a figure ("30 (police said 20)") blanked when
    it is not the lower; when it is, the figure before it and the bracket's words are blanked instead, so that the
    lowest reaches the cue (the offsets kept)."""
    pos = m.start()
    if not _after_figure(sentence, pos):
        return sentence
    words = sentence[max(0, pos - 20):pos].split()
    before = _simple(words[-1].lower().replace(",", ""))
    inner = _numbers(sentence, pos, m.end())
    alt = _value(inner[0]) if inner else None
    if before is None or alt is None or alt >= before:
        return sentence[:pos] + " " * (m.end() - pos) + sentence[m.end():]
    word = sentence.rindex(words[-1], 0, pos)
    a, b = inner[0].start(), inner[0].end()
    return sentence[:word] + " " * (a - word) + sentence[a:b] + " " * (m.end() - b) + sentence[m.end():]


def _after_figure(sentence: str, pos: int) -> bool:
    """Whether the last word before ``pos`` is a figure ("20 (some reports 30)")."""
    words = sentence[max(0, pos - 20):pos].split()
    return bool(words) and (words[-1][-1:].isdigit() or words[-1].lower() in _SMALL)


def _numbers(sentence: str, lo: int, hi: int) -> list[re.Match]:
    """Like ``_NUM.finditer(sentence, lo, hi)``, but trying only plausible word starts.

    Python's regex engine tries every alternative of a pattern at every position; this
    cuts the cost on a clause from ~100 us to a few.
    """
    found: list[re.Match] = []
    last = lo
    for w in _WORD.finditer(sentence, lo, hi):
        if w.start() < last:
            continue
        word = w.group()
        if word[0].isdigit() or word.lower() in _NUM_FIRST:
            m = _NUM.match(sentence, w.start(), hi)
            if m is not None:
                found.append(m)
                last = m.end()
    return found


def _simple(t: str) -> int | None:
    if t[0].isdigit():
        return int(float(t.replace(",", "")))
    if t in _SMALL:
        return _SMALL[t]
    parts = re.split(r"[-\s]+", t)
    if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
        return _SMALL[parts[0]] + _SMALL[parts[1]]  # "twenty-five"
    return None


def _core_value(text: str) -> int | None:
    """The number a core expression stands for ("two dozen" -> 24, "dozens" -> 12)."""
    t = " ".join(text.lower().split())
    if t in _FIXED:
        return _FIXED[t]
    words = t.split()
    if words[-1] in _PLURAL:
        return _PLURAL[words[-1]]  # "several hundreds", "dozens"
    if words[-1] in _SCALE and len(words) > 1:
        head = " ".join(words[:-1])
        unit = _SCALE[words[-1]]
        if head in _VAGUE_HEADS:
            return unit
        if head == "half a":
            return unit // 2
        n = _simple(head)
        return None if n is None else int(n * unit)
    return _simple(t)


def _value(m: re.Match) -> int | None:
    """The lowest figure a number match reports, after its qualifier."""
    lo, hi = (m["blo"], m["bhi"]) if m["blo"] else (m["lo"], m["hi"])
    values = [v for v in (_core_value(lo), _core_value(hi) if hi else None) if v is not None]
    if not values:
        return None
    value = min(values)
    qual = " ".join((m["qual"] or "").lower().split())
    if qual in _UPPER:
        value = min(value, _UNSPECIFIED_PLURAL)
    elif qual in _BELOW:
        value = max(0, min(value - 1, _UNSPECIFIED_PLURAL))
    return value


def _is_headcount(m: re.Match, before: str) -> bool:
    """Reject dates ("January 12", "30/10"), years ("in 2022") and money ("$5")."""
    month = _MONTH_BEFORE.search(before)
    # "01 Oct. 3 suspects were killed": a month after its day number has its day already
    if (month is not None and not _DAY_BEFORE.search(before, 0, month.start())) \
            or before.endswith(("$", "£", "€", "#", "No.", "no.", "/")):
        return False
    if m.string.startswith("/", m.end()):  # "on 30/10", "20/06/2014": a day or month
        return False
    lo = m["lo"] or ""
    if re.fullmatch(r"(?:19|20)\d\d", lo) and _YEAR_BEFORE.search(before):
        return False
    last = before.split()[-1:]
    if last and last[0].lower() in _SCHOOL_YEARS:
        return False  # "a form four student", "a class 8 pupil": a school year
    return True


def _clause_before(sentence: str, end: int) -> int:
    """Start of the clause that ends at ``end`` (bounded to a window; a masked span does not use it up)."""
    start = max(0, end - _WINDOW)
    if "   " in sentence[start:end]:
        start = max(0, start - sum(len(b) for b in _BLANKS.findall(sentence, start, end)))
    last = None
    for last in _BOUNDARY.finditer(sentence, start, end):
        pass
    return last.end() if last else start


def _clause_after(sentence: str, start: int) -> int:
    end = min(len(sentence), start + _WINDOW)
    b = _BOUNDARY.search(sentence, start, end)
    return b.start() if b else end


def _before(sentence: str, cue: re.Match, cues: list[re.Match]) -> tuple[int, int] | None:
    """A figure before the cue: "at least 12 people were killed" -> (12, start)."""
    lo = _clause_before(sentence, cue.start())
    word = cue.group().lower()
    # (the pattern ends in "and": tried only where the words before the cue do)
    ends_and = sentence[max(lo, cue.start() - 14):cue.start()].rstrip().lower().endswith(_JOINED_ENDS)
    joined = _JOINED_VERB.search(sentence, lo, cue.start()) if ends_and else None
    figures = _numbers(sentence, lo, cue.start())
    for k in range(len(figures) - 1, -1, -1):  # the nearest first (not reversed(): mypyc 2.4 fails on it here)
        m = figures[k]
        if k and sentence[m.end():cue.start()].strip() and _IN_PHRASE.search(sentence, max(lo, m.start() - _IN_PHRASE_REACH), m.start()) \
                and _head_figure(sentence, figures[:k]):
            continue  # "Five suspects linked to the two attacks were shot dead": the subject's figure, not the phrase's
        gap = sentence[m.end() : cue.start()]
        if joined is not None and joined.start() >= m.end():
            gap = sentence[m.end() : joined.start()]  # "two people are shot and killed": the gap ends at the verb
        words = gap.split()
        if len(words) > _MAX_GAP_WORDS and (" the " in gap or " on " in gap):
            gap = _WHEN_ASIDE.sub(" ", gap)  # "Two men were in the evening hours shot dead", "were on 24/02 lynched"
            words = gap.split()
        if len(words) > _MAX_GAP_WORDS and not _noun_pair(words):
            rel = _REDUCED_RELATIVE.fullmatch(gap)
            if rel is None:
                continue
            words = (rel["head"] + rel["aux"]).split()  # "Three men suspected of killing a trader were lynched"
        if any(w.lower().strip(",'’") in _GAP_STOP for w in words) and not _noun_pair(words):
            continue
        if (len(cues) > 1 and any(c.lastgroup != cue.lastgroup and m.end() <= c.start() < cue.start() for c in cues)
                and not _PARTITIVE.match(gap)):
            continue  # "1 succumbed to his injuries": the figure is another cue's ("succumbed"), not the injured
        if word == "death" and (words or _value(m) != 1):
            continue  # "one death"; never "sentenced three men to death"
        lost = word == "lives" and [w.lower() for w in words[-2:]] in (["lost", "their"], ["lost"])
        if word in ("lives", "bodies") and words and not lost \
                and not (word == "bodies" and all(w.lower() in _BODY_STATES or w.lower() in _FURTHER_NOUNS
                                                  for w in words)):
            continue  # "12 lives", "12 bodies", "16 charred bodies", "lost their lives"; not "government bodies"
        core = (m["lo"] or m["blo"] or "").lower()
        if core in ("a", "an") and not _SINGULAR_AUX.search(gap) and not (word in ("died", "dies", "die") and len(words) <= 3):
            more, start = _groups_before(sentence, m.start())
            if more:  # "two soldiers and a civilian were killed"
                return more + 1, start
            continue  # "a protester was killed", "a teacher died" = 1; "a crackdown that killed" is not
        if core in ("no", "none", "nobody", "no one") and len(words) > 3:
            continue
        if not _is_headcount(m, sentence[max(0, m.start() - 12) : m.start()]):
            continue
        value = _value(m)
        if value is not None:
            if _EACH_SIDE.search(gap):
                value *= 2  # "one person from each group killed": two sides at least
            more, start = _groups_before(sentence, m.start())
            return value + more, start
    return None


def _head_figure(sentence: str, figures: list[re.Match]) -> bool:
    """Whether one of ``figures`` (earlier in the clause) can count the clause's subject: a numeral, or "a"/"an"
    before a person ("a man from the two villages was killed"), not "a raid"."""
    for m in figures:
        core = (m["lo"] or m["blo"] or "").lower()
        if core not in ("a", "an", "no", "none", "nobody", "no one") \
                or (core in ("a", "an") and _ONE_PERSON.match(sentence, m.start(), m.start() + _WINDOW) is not None):
            return True
    return False


def _participle(sentence: str, cue: re.Match, word: str) -> bool:
    """Whether an of-noun cue ("killing") is a verb here: no "of" after it, no determiner or figure before it."""
    return (word in _ACTIVE and not _OF_AFTER.match(sentence, cue.end())
            and not _NOUN_BEFORE.search(sentence, max(0, cue.start() - 12), cue.start()))


def _noun_pair(words: list[str]) -> bool:
    """Whether a figure's gap to its cue is two nouns joined by "and" (and perhaps an auxiliary): "7 women and
    children (were) killed" (not "15 captured and 1 killed", "two arrested and killed": verbs)."""
    # Each noun phrase has one to three words ("24 police officers and Kenya Police Reservists are feared dead").
    if words.count("and") != 1:
        return False
    i = words.index("and")
    if not 1 <= i <= _PAIR_WORDS or len(words) < i + 2:
        return False
    k = i + 1
    while k < len(words) and words[k].lower() not in _AUXILIARIES:
        k += 1
    if not 1 <= k - i - 1 <= _PAIR_WORDS:
        return False
    return all(w.isalpha() and not w.lower().endswith("ed") and w.lower() not in _PARTICIPLES_EN
               and w.lower() not in _GAP_STOP and w.lower() not in _OWN_CLAUSE and _CUE.fullmatch(w) is None
               for w in words[:i] + words[i + 1:k]) \
        and all(w.lower() in _AUXILIARIES for w in words[k:])


def _subject_across_aside(sentence: str, cue: re.Match) -> tuple[int, int] | None:
    """The figure of a subject cut from its verb by an aside in commas: "10 officers from the camp in Garissa, on
    patrol near the border, died when …", "Two soldiers, who were escorting a convoy, were killed" -> (10, start).
    Only for a verb that opens its clause ("died", "were killed"); the aside holds no verb of its own (a relative
    clause may), and the subject's clause starts with the figure."""
    lo = _clause_before(sentence, cue.start())
    lead = _PLURAL_VERB_LEAD.fullmatch(sentence, lo, cue.start()) if lo >= 2 and sentence[lo - 2:lo] == ", " else None
    if lead is None and lo >= 2 and sentence[lo - 2:lo] == ", " and _NAMED_MEMBERS.fullmatch(sentence, lo, cue.start()):
        prev = lo - 2  # "two local leaders, MCA Kibet Cheretei and a Jubilee MP hopeful Pepe Kitambaa were shot dead"
    else:
        if lead is None or (not lead.group() and cue.group().lower() not in _INTRANSITIVE):
            return None  # (an active verb with no auxiliary has its subject as the agent: "Five gunmen, …, killed civilians")
        aside_end = lo - 2
        prev = sentence.rfind(", ", max(0, aside_end - _ASIDE_REACH), aside_end)
        if prev == -1:
            return None
        aside = sentence[prev + 2:aside_end]
        if _ASIDE_VERB.search(aside) is not None and _RELATIVE_START.match(aside) is None:
            return None
    start = _clause_before(sentence, prev)
    figures = _numbers(sentence, start, prev)
    if not figures or sentence[start:figures[0].start()].strip():
        return None
    m = figures[0]
    words = sentence[m.end():prev].split()
    core = (m["lo"] or m["blo"] or "").lower()
    if (not 1 <= len(words) <= _SUBJECT_WORDS or core in ("a", "an", "no", "none", "nobody", "no one")
            or any(w.lower() in _GAP_STOP or w.lower() in _OWN_CLAUSE or _CUE.fullmatch(w) for w in words)
            or not _is_headcount(m, sentence[max(0, m.start() - 12):m.start()])):
        return None
    value = _value(m)
    return None if value is None else (value, m.start())


def _may_be_cause(low: str, pos: int) -> bool:
    """Whether one of the last four words before ``pos`` can start :data:`_CAUSE_BEFORE`."""
    return any(w in _CAUSE_WORDS or w.startswith(_CAUSE_STEMS) for w in low[max(0, pos - 40):pos].split()[-4:])


def _antecedent(sentence: str, comma: int) -> tuple[int, int] | None:
    """Who "who" is, in the words before ``comma``: a figure with at most three words after it ("shot two
    men") or one person ("shot a gang member"): (how many, where they start)."""
    lo = _clause_before(sentence, comma)
    prior = _numbers(sentence, lo, comma)
    if prior:
        m = prior[-1]
        words = sentence[m.end():comma].split()
        value = _value(m) if (m["lo"] or "").lower() not in ("a", "an") else None
        if (value is not None and len(words) <= 3 and not any(w.lower() in _GROUP_NOT for w in words)
                and _is_headcount(m, sentence[max(0, m.start() - 12):m.start()])):
            return value, m.start()
    one = _PERSON_END.search(sentence, lo, comma)
    return (1, one.start()) if one is not None else None


# "they" as the subject of a death later in the sentence: "7 SLDF men were detained by police - they were handed over to
# the military and later found dead", "Police shot three robbers, and they died in hospital" (not "they were not").
_THEY: Final = rx.compile(r"(?i:\bthey\s+(?:(?:were|had\s+been|have\s+been|are)\s+(?:(?!(?:who|which|that|not|never)\b)"
                          r"[\w'’-]+\s+){0,8}?|(?:(?:later|subsequently|eventually|both|all)\s+)?)$)")
_THEY_REACH: Final = 90  # how far back it looks: "they were handed over to the military and later found "


def _they_antecedent(sentence: str, they: int) -> tuple[int, int] | None:
    """Who "they" (at ``they``) is: the nearest figure before it in the sentence that counts persons ("7 SLDF men",
    "three robbers"): (how many, where it starts)."""
    figures = _numbers(sentence, 0, they)
    for k in range(len(figures) - 1, -1, -1):  # the nearest first (not reversed(): mypyc 2.4 fails on it)
        m = figures[k]
        if (m["lo"] or "").lower() in ("a", "an", "no", "none", "nobody", "no one") \
                or not _is_headcount(m, sentence[max(0, m.start() - 12):m.start()]):
            continue
        words = [w.strip(",.;:'’").lower() for w in sentence[m.end():they].split()[:3]]
        if any(w in _PERSON_WORDS or (w.endswith("s") and w[:-1] in _PERSON_WORDS) or w in ("men", "women", "people",
                                                                                           "children", "persons")
               for w in words):
            value = _value(m)
            return (value, m.start()) if value is not None else None
        return None  # the nearest figure counts something else
    return None


def _plus_others(sentence: str, hit: tuple[bool, int, str], start: int) -> tuple[bool, int, str, int] | None:
    """A further group added later in the hit's clause: "killed a guard in X and two others in Y", "5 civilians
    killed plus 1 driver and 2 passengers". (The hit with the sum, and where its text ends.)"""
    end = start + len(hit[2])
    also = _AS_WAS.match(sentence, _clause_after(sentence, end))
    if also is not None:  # "three residents were killed, as was one of the attackers", "…, as was his driver"
        n = _NUM.match(sentence, also.end())
        value = _value(n) if n is not None and (n["lo"] or "").lower() not in ("no", "none", "nobody", "no one") \
            and _is_headcount(n, "") else None
        stop = _clause_after(sentence, also.end())
        person = _one_person(sentence, also.end(), stop) if value is None else None
        if value is None and person is not None:
            value = person[0]
        if value is not None:
            return hit[0], hit[1] + value, "", len(sentence[:stop].rstrip(" .;:!?"))
    stop = _clause_after(sentence, end)
    more = _AND_OTHERS.search(sentence, end, stop)
    if more is not None:
        n = _NUM.match(sentence, more.start("n"), more.end("n"))
        value = _value(n) if n is not None and (n["lo"] or "").lower() not in ("a", "an", "no") else None
        return None if value is None else (hit[0], hit[1] + value, "", more.end())
    plus = _PLUS.search(sentence, end, stop)
    n = _NUM.match(sentence, plus.end(), stop) if plus is not None else None
    if n is None or (n["lo"] or "").lower() in ("no", "none", "nobody", "no one"):
        return None
    tail = [w.strip(".,;:!?)") for w in sentence[n.end():n.end() + 20].split()[:1]]
    value = _value(n)
    if (value is None or not tail or not tail[0][:1].isalpha() or tail[0].lower() in _OWN_CLAUSE
            or _CUE.fullmatch(tail[0]) is not None or not _is_headcount(n, sentence[max(0, n.start() - 12):n.start()])):
        return None  # not "3 dead + 2 injured", "plus 2 were arrested"
    others, last = _groups_after(sentence, n.end())
    noun_end = sentence.find(tail[0], n.end()) + len(tail[0])
    return hit[0], hit[1] + value + others, "", max(last, noun_end)


def _along_bound(sentence: str, end: int) -> int:
    """Where a companion may be named after a hit ending at ``end``: its clause, or the next one when a comma
    opens it (", along with his companion" is the same clause)."""
    return _clause_after(sentence, end + 2 if sentence.startswith(", ", end) else end)


def _implied_one(sentence: str, cue: re.Match, value: int) -> bool:
    """Whether a hit is one victim implied by "the killing of a rider", "the murder of an MP": a singular noun,
    no numeral. In a sentence that also states a figure ("8 killed in clashes sparked by the killing of an MP")
    the stated figure is the event's: the singular may be its cause, or one of the 8."""
    of = _OF_AFTER.match(sentence, cue.end()) if value == 1 and cue.group().lower() in _OF_ONE else None
    if of is None:
        return False
    m = _NUM.match(sentence, of.end())
    return m is None or (m["lo"] or "").lower() in ("a", "an")


def _series(sentence: str, start: int, length: int, value: int) -> bool:
    """Whether the figure ``value`` whose text starts at ``start`` is a series' toll (``_SERIES`` in its clause, or
    in an "of which" clause right after it). A period's toll is of several deaths: "a man died in the past week" is
    the event's one."""
    lo, hi = _clause_before(sentence, start), _clause_after(sentence, start + length)
    head = _SERIES.match(sentence, len(sentence) - len(sentence.lstrip()))
    found = [m for m in (_SERIES.search(sentence, lo, hi), head) if m is not None]
    part = _OF_WHICH.match(sentence, hi)
    if part is not None and (later := _SERIES.search(sentence, part.end(), _clause_after(sentence, part.end()))):
        found.append(later)
    return any(value > 1 or m["period"] is None for m in found)


def _group_noun_ok(gap: re.Match | None) -> TypeGuard[re.Match]:  # (TypeGuard: narrows for mypy/mypyc)
    # (a participle is no group's noun: "15 captured and 1 killed" are two clauses, not 16 dead)
    # (nor a cue: "several injuries, one death" is two categories, not 11 dead)
    return gap is not None and not any(w.lower() in _GROUP_NOT or _CUE.fullmatch(w) is not None
                                       for w in gap["noun"].split()) \
        and not gap["noun"].lower().endswith("ed") and not _predicate_after_persons(gap["noun"])


_PLURAL_PERSONS: Final = frozenset("men women people persons children victims".split())


def _predicate_after_persons(noun: str) -> bool:
    """Whether words after a plural person noun make a clause of its own, not a group's name: "several victims
    required hospitalization, four reported killed" is 4, not 14 ("police officers", "women traders" stay one noun:
    a person noun may follow a person noun)."""
    words = noun.lower().split()
    for word, after in zip(words, words[1:]):
        if (word in _PLURAL_PERSONS or (word.endswith("s") and word[:-1] in _PERSON_WORDS)) \
                and after not in _PERSON_WORDS and not (after.endswith("s") and after[:-1] in _PERSON_WORDS) \
                and after not in _PLURAL_PERSONS:
            return True
    return False


def _cue_ends_before(sentence: str, pos: int) -> bool:
    """Whether a cue word stands right before ``pos`` ("killing 3 people and 5 ..." links 3 to "killing")."""
    words = sentence[max(0, pos - 20):pos].split()
    return bool(words) and _CUE.fullmatch(words[-1]) is not None


def _groups_before(sentence: str, start: int) -> tuple[int, int]:
    """Figures for other groups coordinated before the one at ``start``: their sum and where they begin."""
    total = 0
    while True:
        prior = _numbers(sentence, max(0, start - _WINDOW), start)
        if not prior:
            break
        m = prior[-1]
        gap = _GROUP_GAP.fullmatch(sentence, m.end(), start)
        core = (m["lo"] or m["blo"] or "").lower()
        if (not _group_noun_ok(gap) or core in ("no", "none", "nobody", "no one")
                # "during an attack, three herders were killed": "an attack" is no group of one (a person is)
                or (core in ("a", "an") and _ONE_PERSON.fullmatch(sentence, m.start(), gap.start("noun") + len(gap["noun"])) is None)
                or _cue_ends_before(sentence, m.start())
                or not _is_headcount(m, sentence[max(0, m.start() - 12):m.start()])):
            break
        value = _value(m)
        if value is None:
            break
        total, start = total + value, m.start()
    return total, start


# The list an "a/an" item after a comma belongs to goes on ("…, a teacher and a nurse", "…, a teacher, and two
# boys"): else the item is an apposition.
_LIST_GOES_ON: Final = rx.compile(r"(?i:,?\s+and\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|his|her"
                                  r"|their)\b)")


def _groups_after(sentence: str, pos: int) -> tuple[int, int]:
    """Figures for other groups coordinated after a figure ending at ``pos`` ("killing 12 protesters and
    3 police officers"): their sum and where they end. A figure followed by its own verb ("… and 30 were
    injured") is another clause's."""
    total = 0
    while True:
        gap = _GROUP_GAP.match(sentence, pos)
        if not _group_noun_ok(gap):
            break
        m = _NUM.match(sentence, gap.end())
        if m is None or (m["lo"] or m["blo"] or "").lower() in ("no", "none", "nobody", "no one"):
            break
        if (m["lo"] or "").lower() in ("a", "an") and _ONE_PERSON.match(sentence, m.start(), m.start() + _WINDOW) is None:
            break  # "killing 30 people, an opposition-linked doctors' committee said": not a second group
        if (m["lo"] or "").lower() in ("a", "an") and "and" not in gap.group() \
                and _LIST_GOES_ON.search(sentence, m.end(), _clause_after(sentence, m.end()) + 1) is None \
                and _LIST_GOES_ON.match(sentence, _clause_after(sentence, m.end())) is None:
            break  # "killed a trader, a father of three, in Kisumu": who the one was, no second group
        tail = re.split(r"[,.;:!?()]", sentence[m.end():m.end() + 40], maxsplit=1)[0].split()[:4]
        if not tail or not tail[0][:1].isalpha() or any(w.lower() in _OWN_CLAUSE or _CUE.fullmatch(w) for w in tail):
            break  # "... and 30 were injured", "... and 30 injured", "... and 5 protesters were injured"
        if tail[0].lower() in _FURTHER_NOUNS and len(tail) > 1 and (tail[1].lower().endswith("ed")
                                                                  or tail[1].lower() in ("fled", "ran")):
            break  # "shot dead two robbers and three others escaped": the others' own verb
        value = _value(m)
        if value is None:
            break
        total, pos = total + value, m.end()
    return total, pos


def _after(sentence: str, cue: re.Match, *, toll: bool) -> tuple[int, int] | None:
    """A figure after the cue: "killing 12", "the deaths of 12", "the toll rose to 164" -> (12, end)."""
    end = _clause_after(sentence, cue.end())
    m: re.Match | None  # (declared for mypy/mypyc: the loop below and the match after it share the name)
    if toll:
        # the first figure after "toll"; with "from 44 to 164", the second
        for m in _numbers(sentence, cue.end(), end):
            if m.group().lower().startswith("from") and m["hi"]:
                value = _core_value(m["hi"])
                return (value, m.end()) if value is not None else None
            singular = (m["lo"] or "").lower() in ("a", "an")
            if not singular and _is_headcount(m, sentence[max(0, m.start() - 12) : m.start()]):
                value = _value(m)
                return (value, m.end()) if value is not None else None
        # "the death toll in Sunday's attack by … at a village in … has risen to 11": the toll's verb may stand
        # beyond the window, after a long description of what it counts
        reach = min(len(sentence), cue.end() + _TOLL_REACH)
        boundary = _BOUNDARY.search(sentence, cue.end(), reach)
        verb = _TOLL_TO.search(sentence, cue.end(), boundary.start() if boundary is not None else reach)
        m = _NUM.match(sentence, verb.end()) if verb is not None else None
        if m is not None and (m["lo"] or "").lower() not in ("a", "an", "no", "none", "some", "many"):
            value = _value(m)
            return (value, m.end()) if value is not None else None
        return None
    word = " ".join(cue.group().lower().split())
    if cue.lastgroup == "fatalities" and sentence.startswith(":", cue.end()):
        # a label: "Fatalities: 2", "Killed: 12" (figures in digits only: "Deaths: none reported" says nothing)
        m = _LABEL_FIGURE.match(sentence, cue.end(), cue.end() + _LABEL_REACH)
        value = _core_value(m["lo"]) if m is not None else None
        return (value, m.end()) if m is not None and value is not None else None
    t = _TAIL.match(sentence, cue.end(), end)
    if t is None or _ALONG_WITH.match(sentence, t.end(), end) is not None \
            or _ALONG_MANY.match(sentence, t.end(), end) is not None:
        return None  # (not "killed along with his driver": a companion, not an object; see _companions)
    if sentence.startswith(("including", "among"), t.end()) and _PART_LEAD.match(sentence, t.end()) is not None:
        return None  # "9 killed including one policeman": a part of the figure before, not an object
    active = (word in _ACTIVE or word.endswith(" to death")
              or (word == "dead"
                  and _SHOT_DEAD.search(sentence, max(0, cue.start() - _SHOT_DEAD_REACH), cue.start()) is not None))
    if (word not in _OF_NOUNS) if t["of"] else not active:
        return None  # "the deaths of 12", "killing 12", "shot dead 4"; not "arrests 12"
    first = sentence[t.end():t.end() + 1].lower()  # (the patterns below are tried only where they can start)
    if first == "b" and not t["of"] and sentence[t.end():t.end() + 3].lower() == "by ":
        return None  # "refugees shot dead by a gunman": a passive; who follows "by" did it, no object
    both = (_BOTH.match(sentence, t.end(), end) if first == "b" and (active or t["of"]) and cue.lastgroup == "fatalities"
            else None)
    if both is not None:
        return 2, both.end()  # "killing both", "the deaths of both"
    # "lynched and burned two men", "lynches and burns a suspect": a second verb (not a cue: "killed and injured 20"
    # is the injured's figure) between the cue and its object
    joined = (_AND_VERB.match(sentence, t.end(), end) if first == "a" and not t["of"] and active
              and cue.lastgroup == "fatalities" else None)
    if joined is not None and (_CUE.fullmatch(joined["verb"]) is not None or joined["verb"].lower() in _NOT_VERBS):
        joined = None
    at = joined.end() if joined is not None else t.end()
    first = sentence[at:at + 1].lower()
    if first in ("t", "a") and active and cue.lastgroup == "fatalities" and not t["of"]:
        them = _THEM.match(sentence, at, end)
        group = _antecedent_figure(sentence, cue.start()) if them is not None else None
        if them is not None and group is not None:
            return group[0], them.end()  # "abducted three traders and killed them": three
    d = _FIGURE_DET.match(sentence, at, end) if first in ("t", "a", "b", "i", "h") else None  # "killed the three", "all five"
    m = _NUM.match(sentence, d.end() if d is not None else at, end)
    if m is not None and m.group()[:4].lower() == "from":
        m = None  # "2 killed from one group": where they came from, not an object
    if m is None or ((m["lo"] or "").lower() in ("a", "an", "one") and not _groups_after(sentence, m.end())[0]):
        # "killing and robbing him": a second verb between the cue and its object
        verb = _AND_VERB.match(sentence, t.end(), end) if first == "a" and m is None and not t["of"] else None
        obj = verb.end() if verb is not None else at
        pair = None if m is not None or t["of"] else _PAIR.match(sentence, obj, end)
        if pair is not None:
            return 2, pair.end()  # "kill the parents of an MP"
        person = _one_person(sentence, obj, end) if not t["of"] or word in _OF_ONE else None
        if person is not None:
            return person  # "killed a local farmer", "kills police officer", "killed a chairman and his son"
        named = None if t["of"] or m is not None else _NAMED_AFTER.match(sentence, t.end(), t.end() + 2 * _WINDOW)
        if named is not None:
            return 1, named.end()  # "killed Affan Kurniawan, a 21-year-old motorcycle taxi driver"
        bare = None if t["of"] or m is not None or cue.lastgroup != "fatalities" else _name_only(sentence, obj, end)
        if bare is not None:
            return bare  # "shot dead John Kamau on Monday"
        pronoun = (None if t["of"] or m is not None or cue.lastgroup != "fatalities"
                   else _PRONOUN_ONE.match(sentence, obj, end))
        if pronoun is not None:
            return 1, pronoun.end()  # "attack a policeman and kill him"
    if m is None:
        return None
    core = (m["lo"] or "").lower()
    if core in ("no", "none", "nobody", "no one", "some") or (core == "many" and _MANY_MORE.match(sentence, m.end())):
        return None  # ("killed many" is ACLED's 10, like "several"; "killed many more" compares)
    value = _value(m)
    if value is None:
        return None
    more, stop = _groups_after(sentence, m.end())
    if core in ("a", "an") and not more:
        return None  # "killed a man": one, but too often "killed a bid"; skip. "killed a soldier and two civilians": 3
    return value + more, stop


def _cue_starts(low: str) -> tuple[bool, list[int]]:
    """Whether any cue key occurs in ``low``, and the starts of the words that hold one, in order."""
    found, starts = False, set()
    for key in _KEYS:
        i = low.find(key)
        while i != -1:
            found = True
            ws = i
            while ws and low[ws - 1].isalpha():
                ws -= 1
            if ws == 0 or not low[ws - 1].isalnum():
                starts.add(ws)
            i = low.find(key, i + 1)
    return found, sorted(starts)


def _cues(sentence: str, starts: list[int]) -> list[re.Match]:
    """The cue matches at ``starts`` (see :func:`_cue_starts`)."""
    return [m for ws in starts if (m := _CUE.match(sentence, ws)) is not None]


def _group_noun(text: str) -> str | None:
    """The noun right after a hit's leading figure ("10 KDF soldiers were killed" -> "soldier"), if it names a group."""
    m = _NUM.match(text)
    if m is None:
        return None
    words = text[m.end():].split()[:3]
    nouns = [w.lower().strip(",'’") for w in words if not w.isupper() or len(w) == 1]  # skip acronyms ("KDF")
    if (not nouns or not nouns[0].isalpha() or nouns[0] in _GENERIC_GROUPS or nouns[0] in _OWN_CLAUSE
            or _CUE.fullmatch(nouns[0]) is not None):  # "4 deaths", "12 killed": a count, no group
        return None
    return nouns[0][:-1] if nouns[0].endswith("s") else nouns[0]


# "3 others", "two more": further people of a category already counted.
_FURTHER_NOUNS: Final = frozenset(("others", "more"))
_FURTHER_HIT: Final = rx.compile(rf"(?i:(?:(?:{_QUAL})\s+)?(?:{_CORE})\s+(?:others|more)\b)")
_CLAUSE_JOIN: Final = rx.compile(r",\s|\sand\s")


def _further_dead(hits: list[tuple[bool, int, str]], sentence: str) -> bool:
    """Whether every figure after the first counts others in a clause of its own ("A trader was gunned down in the
    market, 3 others were gunned down near the bridge", "…, and 2 more were killed"): then they add up."""
    if len(hits) < 2 or any(h[0] for h in hits):
        return False
    spans = sorted((sentence.find(h[2]), len(h[2]), h[2]) for h in hits)
    for (a, n, _), (b, _, text) in zip(spans, spans[1:]):
        if b < a + n or _FURTHER_HIT.match(text) is None or _CLAUSE_JOIN.search(sentence, a + n, b) is None:
            return False
    return True


# What opens a total's breakdown: a dash, a bracket, a colon, "while", "of whom".
_BREAKDOWN_WORD: Final = rx.compile(r"(?i:\s[-–—]\s|[(:;]|\b(?:while|whereas|of\s+whom|of\s+which|including)\b)")


def _total_of_parts(hits: list[tuple[bool, int, str]], sentence: str) -> tuple[bool, int, str] | None:
    """The figure that is the sum of all the others (a total and its breakdown), if one is and a breakdown's word
    follows it ("46 were killed - 31 … and 15 …"; not "officials say 12, activists 40, police 28": a coincidence).
    A figure of none is no part ("3 / 3 / no one" is no total)."""
    hits = [h for h in hits if h[1] > 0]
    if len(hits) < 3:
        return None
    whole = sum(h[1] for h in hits)
    total = next((h for h in hits if 2 * h[1] == whole), None)
    if total is None:
        return None
    end = sentence.find(total[2]) + len(total[2])
    starts = [a for h in hits if (a := sentence.find(h[2])) >= end]
    return total if starts and _BREAKDOWN_WORD.search(sentence, end, min(starts)) is not None else None


# A part of the attackers: "killing 2 of the attackers", "Two of the gunmen were shot dead". The dead of the side that
# attacked are never the same people as their victims ("They killed 1 person, before police opened fire, killing 2
# of the attackers": 3 dead, ACLED's sum), so such a figure is a group of its own.
_ATTACKERS_PART: Final = rx.compile(
    r"(?i:\s+of\s+(?:the|their|its)\s+(?:[\w'’-]+\s+){0,2}?(?:attackers|assailants|gunm[ae]n|raiders|militants|bandits"
    r"|robbers|fighters|insurgents|rebels|thugs|criminals|gangsters|militiam[ae]n|jihadists|terrorists)\b)")


_ATTACKER_NOUN: Final = rx.compile(
    r"(?i:\b(?:attackers|assailants|gunm[ae]n|raiders|militants|bandits|robbers|fighters|insurgents|rebels|thugs"
    r"|criminals|gangsters|militiam[ae]n|jihadists|terrorists)\b)")


_FIGHTERS_REACH: Final = 30  # how far after a figure its noun is looked for: two modifiers and the noun


def _attackers_apart(hits: list[tuple[bool, int, str]], sentence: str) -> bool:
    """Whether some figures count a part of the attackers and others do not: the two groups add up."""
    if len(hits) < 2 or " of " not in sentence:
        return False
    apart, fighters = [], False
    for h in hits:
        start = sentence.find(h[2])
        m = _NUM.match(h[2])
        at = start + m.end() if m is not None and m.start() == 0 else start + len(h[2])
        part = _ATTACKERS_PART.match(sentence, at) is not None
        apart.append(part)
        # (not when another figure counts fighters too: "killed 5 militants, two of the attackers …" may be them)
        fighters = fighters or (not part and _ATTACKER_NOUN.search(sentence, start, at + _FIGHTERS_REACH) is not None)
    return any(apart) and not all(apart) and not fighters


_WOUNDED_PART: Final = rx.compile(r"(?i:\bof\s+(?:the|those)\s+(?:injured|wounded)\b)")


def further_part(text: str, earlier_sentence: str, *, battle: bool) -> bool:
    """Whether a figure's words (``text``, a sentence's fatalities text) count dead who cannot be among the toll of
    ``earlier_sentence``: some of the injured who died ("Three of the injured die the next day"), or a part of the
    attackers of a battle whose toll counts no fighters ("two soldiers are killed … Three of the Al Shabaab gunmen are
    killed"; not after "Police killed five militants"). (After a one-sided attack the attackers shot by police are
    another event of ACLED's: "Militia attacked Duse centre … Five killed. Two of the attackers were shot and killed
    by police" is two rows, 5 and 2.)"""
    if " of " not in text:
        return False
    if _WOUNDED_PART.search(text) is not None:
        return True
    if not battle or _ATTACKERS_PART.search(text) is None:
        return False
    # the earlier sentence's own toll, counted again (rarely reached: a battle, then a part of the attackers)
    own = extract_counts(earlier_sentence).texts.get("fatalities", "")
    start = earlier_sentence.find(own) if own else -1
    return start >= 0 and _ATTACKER_NOUN.search(earlier_sentence, start, start + len(own) + _FIGHTERS_REACH) is None


# A death later of the event's wounds: "the suspect died of injuries sustained from the fire", "a fourth victim later
# succumbed to his injuries", "another man died later in hospital" (not "one of them died of injuries": one of the
# dead counted already).
_DIED_OF_WOUNDS: Final = rx.compile(
    r"(?i:\b(?:died|dies|succumbed|succumbs)\s+(?:[\w-]+\s+){0,2}?(?:of|from|to)\s+(?:(?:his|her|their|the)\s+)?"
    r"(?:[\w-]+\s+)?(?:injuries|wounds|burns)\b|\blater\s+(?:died|succumbed)\b|\b(?:died|succumbed)\s+later\b)")
_OF_THE_DEAD: Final = rx.compile(r"(?i:\b(?:of|among)\s+(?:them|these|those|whom|the\s+(?:dead|deceased|victims"
                                 r"|killed))\b)")


def died_of_wounds(sentence: str, text: str) -> bool:
    """Whether ``sentence`` (whose fatalities text is ``text``) tells of a death later, of an event's wounds, of
    someone not among its dead already counted: dead to add to an earlier sentence's toll."""
    if "died" not in sentence and "succumb" not in sentence and "dies" not in sentence:
        return False
    return _DIED_OF_WOUNDS.search(sentence) is not None and _OF_THE_DEAD.search(text) is None


def _distinct_groups(hits: list[tuple[bool, int, str]], sentence: str) -> bool:
    """Whether several figures each name their own group, by different nouns, in clauses joined side by side
    ("10 soldiers were killed, and three fighters were also killed"): then they add up."""
    if len(hits) < 2:
        return False
    nouns = [_group_noun(h[2]) for h in hits]
    if any(n is None for n in nouns) or len(set(nouns)) != len(nouns):
        return False
    spans = sorted((sentence.find(h[2]), len(h[2])) for h in hits)
    return all(_ADD_GAP.fullmatch(sentence, a + n, b) is not None for (a, n), (b, _) in zip(spans, spans[1:]))


def extract_counts(sentence: str) -> Counts:
    """Fatalities, injuries and arrests reported in ``sentence`` (see module doc for the rules)."""
    low = sentence.lower()
    if len(low) != len(sentence):  # "İ" lowercases to two characters; offsets must agree
        low = sentence.translate(_ASCII_LOWER)
    any_key, starts = _cue_starts(low)  # one pass over the keys: whether any occurs, and where cues may start
    if not any_key:
        return _EMPTY
    original = sentence
    sentence = _masked(sentence)  # offsets unchanged
    found: dict[str, list[tuple[bool, int, str]]] = {}  # category -> [(is_toll, value, text)]
    noted: dict[str, str] = {}
    implied: list[str] = []  # texts of "the killing of a rider" (1): a figure elsewhere in the sentence wins
    cues = _cues(sentence, starts)
    for cue in cues:
        category = cast(str, cue.lastgroup)  # every alternative of _CUE is a named group
        word = " ".join(cue.group().lower().split())
        if word == "custody" and not sentence[max(0, cue.start() - 5) : cue.start()].lower().endswith("into "):
            continue  # "in police custody" is where someone is, not an arrest count
        toll = (word in _TOLLS or bool(_TOLL_LEAD.search(sentence, max(0, cue.start() - 40), cue.start()))
                or (word in _ESTIMATED_NOUNS and _ESTIMATED_TOLL.match(sentence, cue.end()) is not None))
        if (word in _ACTIVE and low.find(" to ", max(0, cue.start() - 20), cue.start()) != -1
                and _ATTEMPT.search(sentence, max(0, cue.start() - 40), cue.start())):
            continue  # "attempts to assassinate an officer": no one was killed
        if (word in _BASE_FORMS and low.endswith("to ", 0, cue.start())
                and not _DONE_TO.search(sentence, max(0, cue.start() - _DONE_TO_REACH), cue.start())):
            continue  # "a mob stormed the station to lynch two women": a purpose, not what happened
        if low.endswith(_ACCUSED_ENDS, 0, cue.start()) \
                and _ACCUSED_OF.search(sentence, max(0, cue.start() - _ACCUSED_REACH), cue.start()):
            continue  # "men suspected of having killed two officers were shot": what they are accused of, not the event
        lead_lo = max(0, cue.start() - _CAUSE_RELATIVE_REACH)
        if any(low.find(k, lead_lo, cue.start()) != -1 for k in _CAUSE_RELATIVE_KEYS) \
                and _CAUSE_RELATIVE.search(sentence, lead_lo, cue.start()):
            continue  # "shot a bandit in response to a raid in which 7 were killed": the raid's dead, not this event's
        if word in _OF_NOUNS and _may_be_cause(low, cue.start()) \
                and _CAUSE_BEFORE.search(sentence, max(0, cue.start() - _CAUSE_REACH), cue.start()):
            # "a protest against the killing of …", "charged in the killing of …": an earlier death, the cause
            if word not in _UNNOTED:
                noted.setdefault(category, cue.group())
            continue
        in_list = (_listed_persons(sentence, cue.start()) if category == "fatalities" and not toll
                   and ", " in sentence[:cue.start()] else None)
        if in_list is not None:
            found.setdefault(category, []).append((False, in_list[0], original[in_list[1]:cue.end()]))
            continue  # "A 7 year old boy, a pregnant woman, and a demonstrator were killed": three
        hit = None if toll else _before(sentence, cue, cues)
        if hit is not None and word in _OF_NOUNS and _OF_AFTER.match(sentence, cue.end()):
            # "Two communities clashed after the killing of a rider": the figure after "of" counts the victims
            after = _after(sentence, cue, toll=False)
            if after is not None:
                found.setdefault(category, []).append((False, after[0], original[cue.start():after[1]]))
                if _implied_one(sentence, cue, after[0]):
                    implied.append(original[cue.start():after[1]])
                continue
        if (hit is not None and (word not in _OF_NOUNS or _participle(sentence, cue, word))
                and not _PASSIVE_GAP.search(sentence, hit[1], cue.start())):
            # "Five bandits killed two herders", "Three militants shot dead a driver": the figure before an
            # active verb with an object counts the agents; the object is the count. "killing" likewise, unless a
            # noun ("the killing", "the 3 killings"): "100 raiders attacked a village killing 2" is 2.
            after = _after(sentence, cue, toll=False)
            if after is not None and not _CUE_NEXT.match(sentence, after[1]):
                found.setdefault(category, []).append((False, after[0], original[cue.start():after[1]]))
                continue
        if hit is not None:
            found.setdefault(category, []).append((False, hit[0], original[hit[1] : cue.end()]))
            continue
        # bare "bodies"/"lives" are too often "government bodies", "the lives of residents"
        if word == "bodies" and not _BODIES_TAIL.match(sentence, cue.end()):
            continue
        if word == "lives" and not _CLAIMED_LEAD.search(sentence, max(0, cue.start() - 20), cue.start()):
            continue
        after = _after(sentence, cue, toll=toll)
        if after is not None:
            found.setdefault(category, []).append((toll, after[0], original[cue.start() : after[1]]))
            if _implied_one(sentence, cue, after[0]):
                implied.append(original[cue.start():after[1]])
            continue
        if toll:
            lead = _TO_THE_NUMBER.search(sentence, max(0, cue.start() - 80), cue.start())
            n = _NUM.fullmatch(lead["num"]) if lead is not None else None
            value = _value(n) if n is not None and (n["lo"] or "").lower() not in ("a", "an") else None
            if value is not None and lead is not None:
                found.setdefault(category, []).append((True, value, original[lead.start():cue.end()]))
                continue
        who = _WHO.search(sentence, max(0, cue.start() - 40), cue.start()) if word in _INTRANSITIVE else None
        ante = _antecedent(sentence, who.start()) if who is not None else None
        if ante is not None:  # "Police shot one gang member, who died later", "wounding two men, who later died"
            found.setdefault(category, []).append((False, ante[0], original[ante[1]:cue.end()]))
            continue
        they = (_THEY.search(sentence, max(0, cue.start() - _THEY_REACH), cue.start())
                if category == "fatalities" and "they " in low
                and (word in _INTRANSITIVE or _AFTER_PASSIVE.match(sentence, cue.end())) else None)
        ante = _they_antecedent(sentence, they.start()) if they is not None else None
        if ante is not None:  # "Police shot three robbers, and they died in hospital"
            found.setdefault(category, []).append((False, ante[0], original[ante[1]:cue.end()]))
            continue
        aside = (_subject_across_aside(sentence, cue) if word in _INTRANSITIVE or word in _ACTIVE
                 or (word == "dead" and low.endswith("shot ", 0, cue.start())) else None)
        if aside is not None:  # "10 officers from the camp, on patrol near the border, died when …"
            found.setdefault(category, []).append((False, aside[0], original[aside[1]:cue.end()]))
            continue
        both = (_BOTH_SUBJECT.search(sentence, max(0, cue.start() - _BOTH_REACH), cue.start())
                if category == "fatalities" and "both" in low else None)
        if both is not None:
            found.setdefault(category, []).append((False, 2, original[both.start():cue.end()]))
            continue  # "Both women were killed", "both of them died": two
        them = (_SHOT_THEM.search(sentence, max(0, cue.start() - _SHOT_DEAD_REACH - 16), cue.start())
                if word == "dead" and "them" in low else None)
        group = _antecedent_figure(sentence, them.start()) if them is not None else None
        if them is not None and group is not None:
            found.setdefault(category, []).append((False, group[0], original[group[1]:cue.end()]))
            continue  # "took two boys … and shot them dead": two
        shot = (_SHOT_PRONOUN.search(sentence, max(0, cue.start() - _SHOT_DEAD_REACH - 4), cue.start())
                if word == "dead" else None)
        if shot is not None:
            found.setdefault(category, []).append((False, 1, original[shot.start():cue.end()]))
            continue  # "shot him dead", "shooting her dead": one
        one = _ONE_DEATH.search(sentence, max(0, cue.start() - 80), cue.start()) if category == "fatalities" else None
        if one is not None:
            # "The suspect was killed", "a man was shot dead": one death, though no numeral says so (ACLED). The
            # person before it is part of the text: its noun tells groups apart ("one attacker was killed, while a
            # police officer was found dead" is 2).
            who = _PERSON_END.search(sentence, _clause_before(sentence, one.start()), one.start())
            found.setdefault(category, []).append((False, 1, original[(who or one).start():cue.end()]))
            continue
        if category == "fatalities" and word != "death" and (word in _INTRANSITIVE
                                                             or _AFTER_PASSIVE.match(sentence, cue.end())):
            two = _TWO_PERSONS.search(sentence, max(0, cue.start() - _TWO_PERSONS_REACH), cue.start()) \
                if " and " in sentence[max(0, cue.start() - _TWO_PERSONS_REACH):cue.start()] else None
            if two is not None and two["p1"].lower() in _PERSON_WORDS and two["p2"].lower() in _PERSON_WORDS:
                found.setdefault(category, []).append((False, 2, original[two.start():cue.end()]))
                continue  # "A farmer and his son were killed", "Bus driver and conductor killed": two
            one = _PERSON_BEFORE.search(sentence, max(0, cue.start() - 60), cue.start())
            if one is not None and one["person"].lower() not in _PERSON_WORDS \
                    and one["person"].lower() not in _PRONOUNS_ONE:
                one = None
            if one is None and (" of " in sentence[max(0, cue.start() - 60):cue.start()]
                                or "ed with " in sentence[max(0, cue.start() - 60):cue.start()]
                                or "ed to " in sentence[max(0, cue.start() - 60):cue.start()]):
                one = _PERSON_OF_BEFORE.search(sentence, max(0, cue.start() - 60), cue.start())
                if one is not None and one["person"].lower() not in _PERSON_WORDS:
                    one = None  # "Close aide of opposition leader Raila Odinga killed …": the aide
            if one is None:
                one = _NAMED_BEFORE.search(sentence, max(0, cue.start() - 2 * _WINDOW), cue.start())
            if one is None and word in _INTRANSITIVE and " who " in sentence[max(0, cue.start() - _WHO_REACH):cue.start()]:
                one = _PERSON_WHO_BEFORE.search(sentence, max(0, cue.start() - _WHO_REACH), cue.start())
                if one is not None and (one["person"].lower() not in _PERSON_WORDS
                                        or _RELATIVE_ENDED.search(sentence, one.start("person"), cue.start())):
                    one = None  # "A Kenyan woman who was accused of harbouring a suspect in Mombasa died …": she
            if one is not None:  # "Lawyer killed at her home", "a suspect is lynched", "a man died"
                found.setdefault(category, []).append((False, 1, original[one.start():cue.end()]))
                continue
        if (category == "fatalities" and _along_key(low) and (word in _INTRANSITIVE or _AFTER_PASSIVE.match(sentence, cue.end()))
                and (along := _along_with(sentence, cue.end(), _along_bound(sentence, cue.end()))) is not None):
            # "Mr. X, the farm's manager, died on the spot together with his passenger": the one who died and one more
            extra, stop = along
            found.setdefault(category, []).append((False, 1 + extra, original[cue.start():stop]))
            continue
        if word not in _UNNOTED:  # a bare "death" is too often "sentenced to death", "death threats"
            noted.setdefault(category, cue.group())
    if "fatalities" not in found and "corpse" in low:
        corpse = _ONE_CORPSE.search(sentence)
        if corpse is not None and _CAUSE_BEFORE.search(sentence, max(0, corpse.start() - _CAUSE_REACH),
                                                                 corpse.start()):
            corpse = None  # "charged with desecrating the corpse of …": a charge, no death
        if corpse is not None:  # "his corpse was beheaded", "the corpse of a herder was found"
            found["fatalities"] = [(False, 1, original[corpse.start():corpse.end()])]
    if "fatalities" not in found and "bodies of" in low:
        two = _TWO_BODIES.search(sentence)
        if two is not None and _TWO_BODIES_NUM.search(two["list"]) is None:
            # "the bodies of a man and his wife", "of a man, his wife and their son"
            found["fatalities"] = [(False, 2 + len(_BODIES_LISTED.findall(two["list"])),
                                    original[two.start():two.end()])]
    if "fatalities" not in found and "body" in low:
        body = _ONE_BODY.search(sentence)
        if body is not None:  # "the body of a missing activist was found", "the student's body was recovered"
            found["fatalities"] = [(False, 1, original[body.start():body.end()])]
    # "death" in the lowercased sentence: a cheap test that _SPLIT_TO_DEATH can match (its letters have no other
    # case-insensitive forms than their capitals, which lowercase to them).
    if "fatalities" not in found and "death" in low:
        for m in _SPLIT_TO_DEATH.finditer(sentence):  # "beat a woman to death"
            if low.endswith("to ", 0, m.start()) and not _DONE_TO.search(sentence, max(0, m.start() - _DONE_TO_REACH),
                                                                          m.start()):
                continue  # "threatened to stone two suspects to death": a threat, not what happened
            obj = m["obj"].strip()
            if obj[:3].lower() == "up ":
                obj = obj[3:]  # "beat up two men to death"
            n = _NUM.match(obj)
            value = _value(n) if n is not None and (n["lo"] or "").lower() not in ("a", "an") else None
            if value is None and (_one_person(obj, 0, len(obj)) is not None or obj.lower() in _PRONOUNS_OBJ):
                value = 1  # "beat a woman to death", "stone him to death"
            if value is not None:
                found["fatalities"] = [(False, value, original[m.start():m.end()])]
                break
    if "fatalities" not in found and "to death" in low:
        for m in _BASE_TO_DEATH.finditer(sentence):  # "a mob stone to death two suspects", "militia beat to death a man"
            if low.endswith("to ", 0, m.start()) and not _DONE_TO.search(sentence, max(0, m.start() - _DONE_TO_REACH),
                                                                          m.start()):
                continue  # "threatened to beat to death two men": a threat, not what happened
            n = _NUM.match(sentence, m.end())
            value = (_value(n) if n is not None and (n["lo"] or "").lower() not in ("a", "an", "no", "none")
                     and _is_headcount(n, "") else None)
            stop = n.end() if n is not None else m.end()
            if value is None and (person := _one_person(sentence, m.end(), _clause_after(sentence, m.end()))) is not None:
                value, stop = person
            if value is not None:
                found["fatalities"] = [(False, value, original[m.start():stop])]
                break
    if "fatalities" not in found and ("alight" in low or "ablaze" in low or "a blaze" in low or "on fire" in low):
        burnt = _set_alight(sentence)
        if burnt is not None:  # "a mob set a suspected thief alight"
            found["fatalities"] = [(False, burnt[0], original[burnt[1]:burnt[2]])]
    own = None
    if ("suicide" in low or "self" in low or "own life" in low) and "bomb" not in low:
        own = _SUICIDE.search(sentence)
        if own is not None and _SUICIDE_NOT.search(sentence, max(0, own.start() - _SUICIDE_REACH), own.start()):
            own = None
    if not found and not noted:
        return _EMPTY if own is None else Counts(1, None, None, {"fatalities": own.group()})
    values: dict[str, int | None] = {}
    texts: dict[str, str] = {}
    if len(found.get("fatalities", ())) > 1 and ("after" in low or "following" in low):
        for h in found["fatalities"]:
            start = original.find(h[2])
            if h[1] == 1 and _CAUSE_LEAD.search(sentence, max(0, start - _CAUSE_REACH), start):
                implied.append(h[2])  # "four rioters die ... after local politician killed"
    if implied:
        for category, listed in found.items():
            stated = [h for h in listed if h[2] not in implied]
            if stated:
                found[category] = stated
    if "fatalities" in found and _along_key(low):
        joined = []
        for h in found["fatalities"]:
            start = original.find(h[2])
            end = start + len(h[2])
            bound = _along_bound(sentence, end)
            along = None if h[0] else _along_with(sentence, end, bound)
            if along is None:
                joined.append(h)
            else:
                extra, stop = along
                joined.append((h[0], h[1] + extra, original[start:stop]))
        found["fatalities"] = joined  # "a police officer was killed along with his driver": one more
    if "fatalities" in found and ("others" in low or "plus" in low or "+" in low or ", as " in low):
        added = []
        for h in found["fatalities"]:
            start = original.find(h[2])
            more = None if h[0] else _plus_others(sentence, h, start)
            added.append(h if more is None else (more[0], more[1], original[start:more[3]]))
        found["fatalities"] = added
    if found and ("confirm" in low or "verif" in low):
        for category, listed in found.items():
            sure = [h for h in listed if not _UNSURE.search(sentence, _clause_before(sentence, original.find(h[2])),
                                                             _clause_after(sentence, original.find(h[2]) + len(h[2])))]
            if len(sure) < len(listed):
                found[category] = sure
                noted.setdefault(category, listed[0][2])
    if found and any(k in low for k in _DENIAL_KEYS):
        for category, listed in found.items():
            kept = [h for h in listed
                    if not _DENIED.search(sentence, max(0, original.find(h[2]) - _DENIAL_REACH),
                                          original.find(h[2]))]
            if len(kept) < len(listed):
                found[category] = kept
                noted.setdefault(category, listed[0][2])
    if found and any(k in low for k in _SERIES_KEYS):
        for category, listed in found.items():
            kept = []
            for h in listed:
                start = original.find(h[2])
                note = _SERIES_NOTE.match(sentence, start + len(h[2]))
                if note is not None:
                    events = int(note["n"])
                    if events and h[1] % events == 0:
                        kept.append((h[0], h[1] // events, h[2]))  # "6 deaths (coded across 6 events)": 1 each
                elif not _series(sentence, start, len(h[2]), h[1]):
                    kept.append(h)
            if kept != listed:
                found[category] = kept
                noted.setdefault(category, listed[0][2])
    for category in CATEGORIES:
        hits = found.get(category)
        if hits and len(hits) > 1:
            # "19 people were killed … 5 of these in arson attacks": a part of the figure given, not a report of its own
            whole = [h for h in hits if _PART_OF.match(h[2]) is None and not _included(original, h[2])]
            hits = whole or hits
        if hits:
            tolls = [h for h in hits if h[0]]
            if tolls:
                _, value, text = tolls[-1]
            elif _distinct_groups(hits, original) or _further_dead(hits, original) or _attackers_apart(hits, original):
                # the words from the first figure to the last (the texts are spans of the sentence)
                spans = [(original.find(h[2]), len(h[2])) for h in hits]
                lo, hi = min(a for a, _ in spans), max(a + n for a, n in spans)
                value, text = sum(h[1] for h in hits), original[lo:hi]
            elif len(hits) > 2 and (total := _total_of_parts(hits, original)) is not None:
                _, value, text = total  # "46 were killed - 31 died on the day and 15 died later": the whole
            else:
                _, value, text = min(hits, key=lambda h: h[1])
            values[category], texts[category] = value, text
        elif category in noted:
            values[category], texts[category] = None, noted[category]
    if own is not None:
        # "shot dead his boss before turning the gun on himself": the one who killed is dead too (ACLED counts
        # him). (Not a suicide bomber's: whether a bombing's toll counts the bomber, reports differ.)
        before = values.get("fatalities")
        values["fatalities"] = (before or 0) + 1
        at = original.find(texts["fatalities"]) if before is not None else -1
        lo, hi = (min(at, own.start()), max(at + len(texts["fatalities"]), own.end())) if at >= 0 else own.span()
        texts["fatalities"] = original[lo:hi]  # the words from the figure to the suicide (a span of the sentence)
    return Counts(values.get("fatalities"), values.get("injuries"), values.get("arrests"), texts)


# The killer's own death: "before committing suicide", "turned the gun on himself", "took his own life".
_SUICIDE: Final = rx.compile(r"(?i:\b(?:committ(?:ed|ing)\s+suicide|(?:killed|killing|shot|shooting)\s+(?:himself"
                             r"|herself)"
                             r"|turn(?:ed|ing)\s+(?:the|his|her)\s+(?:gun|weapon|rifle|pistol)\s+on\s+(?:himself"
                             r"|herself)"
                             r"|t(?:ook|aking)\s+(?:his|her)\s+own\s+life)\b)")
# ... not when tried, threatened or already counted: "tried killing himself", "10 dead, including the gunman who
# shot himself".
_SUICIDE_NOT: Final = rx.compile(r"(?i:\b(?:tri(?:ed|es)|try(?:ing)?|attempt\w*|threat\w*|including|among)\b)")
_SUICIDE_REACH: Final = 40  # how far back it looks: "including the gunman, who " and a space


# A sentence that gives another source's figure: "The Star reports four dead", "AFNEWS records 2 deaths", "other
# reports put the toll at 30". The source is a name after "The", a name in capitals or a media word (not "Police
# reported …", "Residents reported …": that is how most reports give their one figure).
_ANOTHER_REPORT: Final = rx.compile(
    r"(?:(?:The\s+(?:[A-Z][\w.&'’-]*\s+){1,4}|(?:[A-Z][\w.&'’-]*\s+){0,3}(?:[A-Z]{2,}[\w.&'’-]*|News|Times|Post|Star"
    r"|Standard|Nation|Herald|Tribune|Agency|Radio|TV|Television|Network|Media|Broadcasting|Channel|Journal|Gazette"
    r"|Monitor|Observer|Chronicle|Telegraph|Guardian|Daily|Press|Wire|Online|Citizen)\s+)"
    r"(?:reports|reported|records|recorded|puts|put|gives|gave|cites|cited)"
    r"|(?i:(?:(?:other|some|media|local|earlier|later|conflicting)\s+)+(?:reports|media|sources|outlets)\s+"
    r"(?:say|said|put|gave|give|have|had|reported|recorded|suggest\w*|indicate\w*|claim\w*|hold|holds|held|state[sd]?"
    r"|cite[sd]?|mention\w*|list(?:s|ed)?|count(?:s|ed)?|estimate[sd]?|speak\s+of|spoke\s+of))"
    # one other source, named or not: "A conflicting report by the Nairobi Star holds three police deaths", "One
    # source indicates that two people were killed", "Another report from KNA gives 5 dead"
    r"|(?i:an?|one|another)\s+(?i:(?:other|conflicting|different|second|separate|later|earlier|local|media|news)\s+)*"
    r"(?i:report|source|outlet|account)\s+(?:(?i:by|from|in|of)\s+(?:(?i:the)\s+)?(?:(?-i:[A-Z])[\w.&'’-]*\s+){1,4})?"
    r"(?i:says|said|puts|put|gives|gave|reports|reported|records|recorded|suggest\w*|indicate\w*|claim\w*|holds|held"
    r"|states|stated|cites|cited|mentions|mentioned|lists|listed|counts|counted|estimates|estimated|speaks\s+of"
    r"|spoke\s+of)\b"
    # a group's claim of its own toll: "Al Shabaab, in taking credit, claims eight dead", "The militia claimed …"
    r"|(?:The\s+(?:[\w'’-]+\s+){0,2}[\w'’-]+|(?:[A-Z][\w.&'’-]*\s+){0,3}[A-Z][\w.&'’-]*)(?:,[^,]{1,40},)?\s+"
    r"(?:also\s+)?(?:claims|claimed)\b(?!\s+(?:[\w-]+\s+){0,2}?lives\b))")
# A lower figure that contradicts one given before: "The army said only one soldier was killed" (after "the
# militants claimed killing four"), "officials put the toll at only 3".
# Its figure counts the same people: no noun ("said only one was killed") or a noun the earlier sentence has ("only two
# soldiers died" after "killing nine soldiers"); not a part ("only 2 of the attackers") or another group ("only 3
# police officers" after "killed 9 herders").
_ONLY_REPORT: Final = rx.compile(rf"(?i:\b(?:said|says|say|insisted|insists|maintained|maintains|confirmed|confirms|acknowledged"
                                 rf"|acknowledges|admitted|admits|put\s+the\s+(?:death\s+)?toll\s+at)\s+(?:that\s+)?only\s+"
                                 rf"(?:{_WORDNUM}|\d+)\b(?!\s+of\b)(?:\s+(?P<noun>(?!(?:was|were|had|have|has|died|killed|dead"
                                 rf"|people|persons?|individuals?)\b)[a-z]+))?)")
# A claim anywhere in a later sentence ("though a radio station subsequently claimed 20 killed", "claimed
# responsibility, saying it had killed 15"): another report of the dead counted (not "claimed the lives of 12": a
# toll in other words).
_CLAIMED: Final = rx.compile(r"\bclaim(?:s|ed|ing)\b(?!\s+(?:[\w-]+\s+){0,2}?lives\b)")
# ... unless it reports a further event: "two more deaths in a separate attack", "another two killed", "in other
# villages" (not "other reports put the toll at 30", "another source gives 5": another source).
_FURTHER_EVENT: Final = rx.compile(r"(?i:\bmore\b|\b(?:another|separate)\b(?!\s+(?:report|source|outlet|account)\b)"
                                   r"|\bother\b(?!\s+(?:reports?|media|sources?|outlets?)\b))")


def _claim_noun(sentence: str) -> str | None:
    """The group a claim's figure counts ("claimed that 10 Al-Shabaab fighters had been killed" -> "fighter"): the
    first lowercase noun in the three words after its first figure; None without one ("claims eight dead")."""
    for m in _numbers(sentence, 0, len(sentence)):
        if (m["lo"] or "").lower() in ("a", "an", "no", "none") or not _is_headcount(m, sentence[max(0, m.start() - 12):m.start()]):
            continue
        for w in sentence[m.end():m.end() + 60].split()[:3]:
            w = w.strip(",.;:'’\"")
            if w.isalpha() and w.islower():
                if w in _GENERIC_GROUPS or w in _OWN_CLAUSE or _CUE.fullmatch(w) is not None:
                    return None
                return w[:-1] if w.endswith("s") else w
        return None
    return None


def lowest_of_reports(figures: list[tuple[int, str, str, int]], *,
                      dates: list[str | None] | None = None) -> list[int | None]:
    """ACLED's lowest of conflicting reports, across sentences: an article's incidents that carry a figure, as
    (sentence start, sentence, place key, fatalities), in order; their fatalities after a sentence that gives another
    source's figure for the event already counted ("At least three people were killed … The Star reports four dead")
    gives it up to the nearest earlier sentence with a figure, which keeps the lower of the two. A report of another
    place or another day (``dates``, the incidents' dates, parallel to ``figures``), or of a further event ("two
    more", "a separate attack"), is left alone (its own event)."""
    out: list[int | None] = [f for _, _, _, f in figures]
    first = min(start for start, _, _, _ in figures)
    # (the sentences that give another source's figure, found first: most articles have none, and then nothing
    # else is done)
    reports = sorted({start for start, sentence, _, _ in figures
                      if start != first and (_ANOTHER_REPORT.match(sentence.lstrip()) is not None
                                             or ("only" in sentence and _ONLY_REPORT.search(sentence) is not None)
                                             or ("claim" in sentence and _CLAIMED.search(sentence) is not None))
                      and _FURTHER_EVENT.search(sentence) is None})
    for start in reports:
        here = [j for j, fig in enumerate(figures) if fig[0] == start and out[j] is not None]
        earlier = [j for j, fig in enumerate(figures) if fig[0] < start and out[j] is not None]
        if not here or not earlier:
            continue
        nearest = max(figures[j][0] for j in earlier)
        prior = [j for j in earlier if figures[j][0] == nearest]
        only = _ONLY_REPORT.search(figures[here[0]][1]) if _ANOTHER_REPORT.match(figures[here[0]][1].lstrip()) is None \
            else None
        if only is not None and only["noun"] and only["noun"].lower().rstrip("s") not in figures[prior[0]][1].lower():
            continue  # "… killed 9 herders. The ministry said only 3 police officers were killed": another group
        noun = _claim_noun(figures[here[0]][1]) if only is None else None
        if noun is not None and noun not in figures[prior[0]][1].lower() and _claim_noun(figures[prior[0]][1]):
            # "… killing 10 soldiers. The army claimed that 10 Al-Shabaab fighters had been killed": others (after
            # "10 people were killed" a claim of "20 police" counts the same dead)
            continue
        keys_here = {figures[j][2] for j in here} - {""}
        keys_prior = {figures[j][2] for j in prior} - {""}
        if keys_here and keys_prior and not keys_here & keys_prior:
            continue  # "… killed in X. The Red Cross reports 5 dead in Y": another event
        if dates is not None:
            days_here = {dates[j] for j in here} - {None}
            days_prior = {dates[j] for j in prior} - {None}
            if days_here and days_prior and not days_here & days_prior:
                continue  # "… killed on Monday. The Star reports 2 dead on Wednesday": another event
        reported = min(cast(int, out[j]) for j in here)
        for j in prior:
            out[j] = min(cast(int, out[j]), reported)
        for j in here:
            out[j] = None
    return out


# How many days a sentence's event spans: "over the course of ten days", "two days of clashes", "over a 36-hour
# period", "over the weekend". ACLED codes one event per day and divides a total's dead evenly among its days
# (see daily_shares); a span longer than a month is no day-by-day account (1).
_DAYS_SPAN: Final = rx.compile(
    rf"(?i:\b(?:over|during|for|across)\s+(?:the\s+(?:course|space)\s+of\s+|a\s+(?:period|span)\s+of\s+"
    rf"|(?:the\s+)?(?:past|last)\s+)?(?:an?\s+)?(?P<n>{_WORDNUM}|\d{{1,3}})[-\s](?P<unit>days?|hours?)\b"
    rf"|\b(?P<n2>{_WORDNUM}|\d{{1,2}})\s+(?:(?:straight|consecutive|successive|full)\s+)?days\s+of\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?:clash\w*|fighting|violence|protests?|riots?|rioting|demonstrations?|unrest|attacks?"
    rf"|raids?|battles?|skirmishes)\b"
    rf"|\b(?P<weekend>over\s+the\s+(?:(?:past|last)\s+)?weekend)\b)")
_MAX_SPAN_DAYS: Final = 31


def days_spanned(sentence: str) -> int:
    """The number of days the event ``sentence`` reports spans (1 when it says nothing of it)."""
    if "days" not in sentence and "-day" not in sentence and " day" not in sentence and "hour" not in sentence \
            and "weekend" not in sentence:
        return 1  # (speed: a cheap test first; "Monday" and "today" name no span)
    m = _DAYS_SPAN.search(sentence)
    if m is None:
        return 1
    if m["weekend"]:
        return 2
    value = _core_value(m["n"] or m["n2"])
    if value is None:
        return 1
    days = -(-value // 24) if (m["unit"] or "").lower().startswith("hour") else value
    return days if 1 < days <= _MAX_SPAN_DAYS else 1


def daily_shares(total: int, days: int) -> list[int]:
    """A total of ``days`` days divided evenly among them, the remainder to the first days (ACLED's split of a
    multi-day toll): daily_shares(17, 2) == [9, 8]."""
    if days <= 1:
        return [total]
    return [total // days + (1 if k < total % days else 0) for k in range(days)]


# A toll shared out over places, one figure per place: "two deaths, one in Awendo and the other in Rongo", "three in
# Kathiani and one in Kituvu", "15 killed in Nakuru (8) and Molo (7)". ACLED codes one event per place, each with its
# share. The figure before a place starts a list item (after a comma, colon, "and" or the sentence start) and may
# have its verb between ("two were killed in Mandera"); the figure after a place is a bare one in brackets.
_SHARE_ONE: Final = frozenset(("the other", "another", "the other one"))
_SHARE_REST: Final = frozenset(("the rest", "the others", "the remainder"))
_SHARE_BEFORE: Final = rx.compile(
    rf"(?i:(?:^|[,:;(–—]\s*|\band\s+|\s-\s+)(?P<n>{_WORDNUM}|\d{{1,4}}|the\s+other(?:\s+one)?|another|the\s+rest"
    r"|the\s+others|the\s+remainder)\s+(?:(?:(?:people|persons|others|of\s+them|more)\s+)?(?:(?:were|was|had\s+been"
    r"|have\s+been)\s+)?(?:killed|died|dead|shot\s+dead|lost\s+their\s+lives)\s+)?(?:in|at|near)\s+(?:the\s+(?:[\w-]+\s+){0,2}?"
    r"(?:town|village|city|area|county|district|region|province)\s+of\s+)?)$")
_SHARE_AFTER: Final = rx.compile(r"\s*\((?P<n>\d{1,4})(?:\s+(?:killed|dead|deaths|fatalities))?\)")
_SHARE_REACH: Final = 60  # how far back a share is looked for: "and the other one had been killed in the town of "


def place_shares(sentence: str, spans: Sequence[tuple[int, int]], total: int) -> list[int] | None:
    """The share of ``total`` dead each place mention of ``spans`` (offsets into ``sentence``, in order) has, if the
    sentence shares the toll out over two or more of them and the shares add up to it; else None. A place with no
    share of its own gets 0."""
    shares: list[int | None] = []
    rest = -1  # the index of the place that takes "the rest"
    for start, end in spans:
        share: int | None = None
        m = _SHARE_BEFORE.search(sentence, max(0, start - _SHARE_REACH), start)
        if m is not None and m.end() == start:
            word = " ".join(m["n"].lower().split())
            if word in _SHARE_ONE:
                share = 1
            elif word in _SHARE_REST:
                if rest != -1:
                    return None
                rest, share = len(shares), 0
            else:
                share = _simple(word)
        else:
            after = _SHARE_AFTER.match(sentence, end)
            if after is not None:
                share = int(after["n"])
        shares.append(share)
    named = [v for v in shares if v is not None]
    if len(named) < 2:
        return None
    if rest != -1:
        shares[rest] = total - sum(named)
        if cast(int, shares[rest]) <= 0:
            return None
    out = [v or 0 for v in shares]
    return out if sum(out) == total else None
