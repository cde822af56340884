"""Where an incident happened: the place its clause says, not where its actors came from; else the scene
the story is at, the paragraph's nearest earlier place, or the article's focus.

Every number that prefers one mention over another is a field of :class:`LocateWeights`; the windows and
memory of the scene are the constants below it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Final, NamedTuple

from .. import patterns as rx
from ..geo import haversine_m
from ..geoparse import GeoparseResult
from ..mentions import ADMIN_UNITS, QUALIFIER_UNITS, country_demonyms
from ..models import Kind, Place, Precision, Source
from ..segment import Span
from .cues import _WORD_RE
from .lexicon_data import Trigger, _Lexicon


@dataclass(frozen=True, slots=True)
class LocateWeights:
    """The cost of a mention as the scene of a trigger, in words of distance: the lowest cost wins."""

    after: float = 1.0  # per word to a place after the trigger ("clashes broke out in Osh"): the usual order
    before: float = 1.3  # per word to a place before it: more often the subject or the actor than the scene
    before_base: float = 2  # the subject ("The main square ... was occupied") is a fallback
    other_clause: float = 12  # a place of another clause is another event's, a last resort
    possessive: float = 6  # "Kazakhstan's president": the actor's country, a weak location
    country: float = 3  # a finer place in the same clause says more
    landmark_area: float = 4  # "near Lake Titicaca", "across East Africa": landmarks of the text, rarely the scene
    opener: float = -10  # "In Atbara, ... hundreds marched": the opening phrase sets the scene
    # "Somali pirates attacked a patrol off Kilifi", "Pokot raiders": a name that qualifies an armed group or a
    # community says who they are, more than where it happened (yet "Kashmir militants" often are there).
    group_modifier: float = 6
    # "Voi residents barricaded the Mombasa highway": a road runs far from the town it is named after, so a town
    # the clause names otherwise is the scene; alone, the road's first town is (as ACLED codes "along the X-Y road").
    road_name: float = 8
    # ... and of "the Kitale-Eldoret highway" the first town, whichever side of it the verb stands (ACLED codes
    # "along the X-Y road" at X): the second costs this much more, a few words' worth.
    road_second_town: float = 3
    # "Gorai town (Tangail, Dhaka)": a town in brackets after another place's name stands for an unnamed place
    # inside it (its district, as a seat town names it), so the incident's radius is widened by this much and
    # its precision is no finer than a region's (the same slack as disambiguate's apposition_city_slack_m).
    qualifier_area_m: float = 50_000
    # "blocked the Meru-Nairobi highway": a road runs far out of the town it is named after; the event is
    # somewhere along it, so the radius grows by this much (the same slack as a unit named after a town).
    road_area_m: float = 50_000
    # "a bar in Diani, 25 km outside Mombasa", "a post 30 km north of Garissa": the town is a reference point
    # the event lies that far from, so it is located at the town with the stated distance added to the radius
    # (and this much more for "about"); "north of Lamu" with no distance: the same slack as a unit named
    # after a town. A reference point costs this much more than a place named as the scene.
    reference_slack_m: float = 5_000
    reference_area_m: float = 50_000
    reference: float = 4
    # "Lamu East", "Wajir North" are units named after a town, out in its area; "Nairobi West" is a quarter
    # of a city whose own radius (this or more) already holds it.
    compass_quarter_city_m: float = 20_000


WEIGHTS: Final = LocateWeights()
SCENE_MEMORY: Final = 3  # sentences: how long a scene carries to sentences that name no place
_CONTEXT_LOOKBACK: Final = 50  # earlier mentions searched for the paragraph's nearest place
_FEATURE_CHARS: Final = 25  # characters before a mention searched for what makes it a target, not a scene
_ORIGIN_CHARS: Final = 45  # characters before a mention searched for an origin cue ("from", "from their military base in ")
_MODIFIER_CHARS: Final = 12  # characters after a mention searched for "-led", "-backed"

# Sites within a city: finer than the city itself.
_SITE_KINDS: Final = (Kind.LANDMARK, Kind.AIRPORT, Kind.DISTRICT)
# Types whose unplaced reports are country-wide by nature.
_COUNTRYWIDE: Final = frozenset({"comms_blackout"})
# Types located where the actor acts from (the capital/country), when the sentence names no place.
_STATE_ACTS: Final = frozenset({"political"})
# Types that move somewhere: "troops were sent to Almaty" names the scene after "to".
_MOVEMENT_TYPES: Final = frozenset({"troop_deployment"})
# Types whose inherited location is the whole city, not the site the text named before ("A curfew is in effect").
_AREA_TYPES: Final = frozenset({"curfew", "humanitarian", "political"})
# A national tally or a national authority speaking: with no place named, the country is where it holds.
_NATIONAL: Final = rx.compile(
    r"\b(?:nationwide|across the country|throughout the country|in total|so far|since (?:the )?(?:protests|unrest|"
    r"demonstrations|violence) (?:began|started|erupted)|interior minist(?:er|ry)|(?:the )?government said|"
    r"state (?:television|media|news agency)|national police)\b", re.I)
# One of these (lowercase) is in every match of _NATIONAL: most sentences hold none, and a few substring tests
# cost less than its search, which tries every position of the sentence.
_NATIONAL_WORDS: Final = ("nation", "country", "total", "so far", "since", "minist", "government", "state")
# A place name used as a modifier ("Moscow-led"), not as a place; "bound" and "based" also without the hyphen
# ("a Lamu bound bus", "a Nairobi based group": where it goes or is based, not where the event was).
_HYPHEN_MODIFIER_RE: Final = rx.compile(r"^(?:[-‐‑](?:led|backed|based|bound|born|allied|aligned|controlled|run|made)"
                                        r"|\s(?:bound|based)(?!\s+(?:for|to|on|in|at)\b))\b")
# ... of which "based" says where the actors live and work: "Kisumu based journalists protested" names no other
# scene, and people mostly act where they are based (as "drivers from Limuru lynched a man": _named_as_scene),
# so the town stays a fallback for a sentence that names no place; never a scene a trigger's clause names.
_HOME_BASE_RE: Final = rx.compile(r"[-‐‑\s]based\b")
# ... but not an organisation's home ("a London based rights group said …"): it reports or speaks from there,
# acting nowhere in particular; its city is no fallback scene. Nor the home of those who report ("Nairobi
# based activists said …", "according to a Nairobi based lawyer"): the speakers', not the actors'.
_ORGANISATION_BASE_RE: Final = rx.compile(
    r"[-‐‑\s]based\s+(?:[\w'’-]+\s+){0,2}?(?:(?:group|organi[sz]ation|ngo|charity|watchdog|monitor|observatory|"
    r"newspaper|paper|daily|outlet|broadcaster|media|agency|institute|think[- ]tank|foundation|coalition|network|"
    r"lobby|commission|council|centre|center|firm|company)s?\b|(?:[\w'’-]+\s+)?(?:said|says|say|reported|reports"
    r"|told|claimed)\b)", re.I)
_ACCORDING_TO_RE: Final = rx.compile(r"\baccording\s+to\s+(?:(?:a|an|the)\s+)?$", re.I)
_ACCORDING_CHARS: Final = 20  # characters before a name searched for "according to a"
_ORGANISATION_CHARS: Final = 60  # characters after "based" searched for the organisation word or reporting verb
# A place naming a road ("blocked the Mombasa highway", "the Meru-Nairobi highway", "along Thika Road").
_ROAD_NAME_RE: Final = rx.compile(r"(?:\s*[-–]\s*(?-i:[A-Z])[\w'’.]*(?:\s+(?-i:[A-Z])[\w'’.]*)?)*\s+(?:highway|road"
                                  r"|rd\b\.?"
                                  r"|railway|bypass|expressway|motorway|pipeline)\b", re.I)
# A place qualifying an armed group or a community ("Somali pirates", "Kikuyu ethnic militias", "Jubilee supporters").
_GROUP_MODIFIER_RE: Final = rx.compile(
    r"\s+(?:(?:ethnic|armed|militant|suspected|political)\s+)?(?:pirates|militants|militias?|militiamen|fighters|rebels"
    r"|raiders|gunmen|insurgents|bandits|tribesmen|clansmen|tribes?|clans?|communit(?:y|ies)|group|groups|supporters"
    r"|loyalists|warriors|herders|herdsmen|pastoralists|nationals|refugees|migrants|asylum\s+seekers)\b", re.I)
_GROUP_CHARS: Final = 40  # characters after a mention searched for the group it qualifies
# "a Myanmar air force jet bombed their school in X", "Ethiopian army": a country naming the state forces says
# whose they are, not where they struck (a town's police are mostly at work there: only countries); so does one
# naming its mission or airline abroad ("outside the US embassy in Nairobi", "a bus of Qatar Airways in Khulna").
_FORCES_MODIFIER_RE: Final = rx.compile(
    r"\s+(?:(?:air\s+force|army|military|navy|armed\s+forces|security\s+forces|troops|soldiers|warplanes?|"
    r"(?:fighter\s+)?jets?|aircraft|drones?|helicopters?|gunships?|embassy|consulate|high\s+commission"
    r"|airways|airlines)\b)", re.I)
# A name between an indefinite determiner or a number and a person noun ("a Kikuyu man", "two Maasai herders",
# "another Kikuyu body", "a Nairobi man"): it says who the person is (a people, a demonym, a home town), not
# where anything happened; no preposition of place stands before it ("in Kikuyu" is a place). Not "the Kisii
# students", "Voi residents": a town's own people, mostly acting there.
_PERSON_DETERMINER_BEFORE: Final = rx.compile(
    r"(?:^|[^\w'’-])(?:a|an|another|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|\d{1,3})\s+$",
    re.I)
_PERSON_NOUN_AFTER: Final = rx.compile(
    r"\s+(?:(?:young|old|elderly|local|ethnic)\s+)?(?:m[ae]n|wom[ae]n|boys?|girls?|child(?:ren)?|youths?|herders?"
    r"|herdsm[ae]n|traders?|farmers?|businessm[ae]n|businesswom[ae]n|students?|pupils?|teachers?|bod(?:y|ies)"
    r"|famil(?:y|ies)|elders?|pastoralists?|couples?|mothers?|fathers?|husbands?|wives|wife|sons?|daughters?"
    r"|persons?|victims?|nationals?|chiefs?|assistant\s+chiefs?|officials?|MPs?|MCAs?|councillors?|politicians?)\b"
    # the noun in lower case, as prose writes it ("a Bangladesh Farmer League leader" is a name), and not the
    # first word of a compound ("an Isiolo boys school" is a place of the town)
    r"(?!\s+(?:schools?|colleges?|high|secondary|primary|hostels?|dormitor(?:y|ies)|homes?|camps?|clubs?"
    r"|associations?|unions?|leagues?|markets?|teams?|churches|church|wards?|prisons?|wings?|centres?|centers?)\b)")
_PERSON_CHARS: Final = 25  # characters before and after a mention searched for "a … man"
# A count of a people acting or suffering: "6 Kikuyu were killed", "about 1,000 Kikuyu attacked", "hundreds of
# Maasai protested": a number before the name and a verb after it, no person noun; a place is never counted so.
_PEOPLE_COUNT_BEFORE: Final = rx.compile(
    r"(?:^|[^\w'’,.-])(?:\d{1,3}(?:,\d{3})*|two|three|four|five|six|seven|eight|nine|ten|dozens\s+of|hundreds\s+of"
    r"|thousands\s+of)\s+$", re.I)
_PEOPLE_VERB_AFTER: Final = rx.compile(
    r"\s+(?:were|are|have|had|attacked|killed|clashed|fought|raided|died|fled|protested|rioted|marched|gathered"
    r"|stormed|torched|burned|burnt|looted)\b")
# A town named as a reference point: "25km outside of Mombasa", "30 km north of Garissa", "40 kilometres from
# Wajir", "north of Lamu" (group "n": the distance, "unit": its unit; no distance: a direction alone).
_REFERENCE_BEFORE: Final = rx.compile(
    r"(?:\b(?P<n>\d+(?:\.\d+)?)\s*-?\s*(?P<unit>km|kms|kilomet(?:re|er)s?|miles?)(?:\s*\([^()]{1,20}\))?"
    r"\s+(?:[\w-]+\s+){0,2}?"
    r"(?:of|from|outside(?:\s+of)?|away\s+from)"
    # ("in the south of Paris" is inside it: no article before the direction)
    r"|\b(?<!\bthe\s)(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west"
    r"|south-east|south-west)(?:ern)?\s+of)\s+(?:the\s+)?(?:(?:town|city)\s+of\s+)?$", re.I)
# What may stand between a place and a reference phrase that only describes where that place is: "La Tontouta
# airport, about 50 km north-west of Nouméa", "Mont-Dore, south-east of Nouméa".
_DESCRIBED_GAP: Final = rx.compile(r"\s*,\s*(?:(?:about|some|around|roughly|approximately|nearly|just|only)\s+)?")
_REFERENCE_CHARS: Final = 45  # characters before a mention searched for a distance or a direction
_REFERENCE_HINT: Final = rx.compile(r"\d|(?i:north|south|east|west)")
# How every reference phrase ends, right before the place (see _REFERENCE_BEFORE); and no reference.
_REFERENCE_ENDINGS: Final = ("of ", "from ", "outside ", "the ")
_NO_REFERENCE: Final = (0.0, -1)
_MILE_M: Final = 1609.344
# A place naming a person's elected or appointed office: "the former deputy governor of Kilifi", "the finance
# county executive of Garissa county", "the MP for Kibra": who the person is, not where the event was (ACLED
# codes where it happened: "outside his house in Nyali (Mombasa)"). The place stays a fallback for sentences
# that name none. Not "the mayor of Almaty said" (a speaker, see _SCENE_PREPOSITION), which names no violence.
_OFFICE_BEFORE: Final = rx.compile(
    r"\b(?:governor|senator|MP|MCA|mayor|county\s+executive|executive|minister|speaker|legislator|lawmaker"
    r"|(?:county\s+)?commissioner|member\s+of\s+parliament|representative|woman\s+rep)s?\s+(?:for|of)\s+(?:the\s+)?$",
    re.I)
_OFFICE_ENDINGS: Final = ("of ", "for ", "of the ", "for the ")
_OFFICE_CHARS: Final = 40
# One of these (lowercase) is in every match of _OFFICE_BEFORE: "the city of X" holds none, and a few substring
# tests cost less than the pattern's search from every position of the window.
_OFFICE_STEMS: Final = ("governor", "senator", "mp", "mca", "mayor", "executive", "minister", "speaker", "legislator",
                        "lawmaker", "commissioner", "parliament", "rep")


def _names_office(sentence: str, start: int) -> bool:
    """Whether the words before ``start`` name a person's office the place is of (_OFFICE_BEFORE)."""
    lo = max(0, start - _OFFICE_CHARS)
    window = sentence[lo:start].lower()
    for stem in _OFFICE_STEMS:  # (a loop, not any() over a generator: this runs for many mentions)
        if stem in window:
            return _OFFICE_BEFORE.search(sentence, lo, start) is not None
    return False
# "Lamu East", "Wajir North": a unit named after the town with a compass word (Kenya's sub-counties), not
# the town; not a longer name ("Nairobi West Hospital").
_COMPASS_UNIT_AFTER: Final = rx.compile(r"\s+(?:North|South|East|West|Central)\b(?!\s+[A-Z])")
# "the northeast region of Garissa", "the county of Lamu": the area a town names, not the town.
_AREA_OF_BEFORE: Final = rx.compile(
    r"\b(?:region|county|district|province|sub-?county|countryside)\s+of\s+(?:the\s+)?$", re.I)
# A town's name followed by an administrative unit the gazetteer does not hold under that name: "in Kibwezi
# sub-county", "Njoro county (Nakuru)", "in Tarbaj and Wajir East constituencies" (the unit is named after
# the town and much larger than it). ("Migori town", "the Kibera area" stay the town.)
# (DR Congo's territories and Nigeria's local government areas are named after their seat towns too: "Djugu
# territory", "Faskari local government area", "Kankara LGA".)
_UNIT_WORDS: Final = (r"sub-?\s?county|county|constituency|district|division|ward|sub-?\s?location|location|upazila"
                      r"|tehsil"
                      r"|taluka|township|territory|territoire|local\s+government\s+area|LGA")
_UNIT_PLURALS: Final = (r"sub-?\s?counties|counties|constituencies|districts|divisions|wards|sub-?\s?locations"
                        r"|locations|upazilas"
                        r"|tehsils|talukas|townships|territories|territoires|local\s+government\s+areas|LGAs")
_UNIT_AFTER_TOWN: Final = rx.compile(
    # "Kibwezi sub-county", "Wajir East constituency"; not "Kalia upazila town", "Natore district headquarters":
    # the unit's seat is the town itself
    rf"(?:\s+[A-Z][\w'’\-]*)?\s+(?i:{_UNIT_WORDS}|{_UNIT_PLURALS})\b(?!\s+(?i:town|city|headquarters|hq|sadar|seat)\b)"
    # ... or the first of a list before a plural: "Tarbaj and Wajir East constituencies" (not "Kibwezi, Makueni
    # County": a singular unit after a comma is the county holding the town)
    rf"|(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?)+\s+(?i:{_UNIT_PLURALS})\b")
# "marched from the campus to the square": where a march sets off is part of its scene, not an origin.
_ROUTE_FROM: Final = rx.compile(r"\b(?:march(?:ed|es|ing)?|walk(?:ed|s|ing)?|process(?:ed|ion)|parad(?:ed|es|ing)"
                                r"|proceeded)\s+from\s+(?:the\s+)?$", re.I)
# "the attackers fled into Somalia", "escaped by boat toward Somalia", "disappearing into Boni forest": where actors
# went after the event, never
# its scene (nor a focus that stands for it).
_FLED_TO: Final = rx.compile(r"\b(?:fled|flee(?:s|ing)?|escaped|escaping|retreated|retreating|withdrew|withdrawing"
                             r"|ran\s+away"
                             r"|made\s+(?:off|away)|sped\s+off|disappear(?:ed|ing|s)?|vanish(?:ed|ing|es)?)(?:\s+"
                             r"(?:back|away|on\s+foot|by\s+(?:boat|road|car|land|sea)"
                             r"|with\s+\w+(?:\s+\w+)?|across\s+the\s+border))*\s+(?:to|into|toward|towards)\s+"
                             r"(?:the\s+)?$", re.I)
_FLED_CHARS: Final = 60  # characters before a mention searched for a flight
# "the Somalia border town of Elwak", "near Somalia border": a country naming the border a site lies on or is
# near (on this side of it, as the text's other places say), not the scene.
_BORDER_SITE_AFTER: Final = rx.compile(r"\s+border\b", re.I)
# A country qualifying a measure it took ("against UK travel ban", "US sanctions on Iran"): whose decision it
# is, not where anything happened.
_POLICY_AFTER: Final = rx.compile(r"\s+(?:(?:travel|visa|arms|trade|import|export)\s+)?(?:bans?|sanctions|embargo"
                                  r"(?:es)?"
                                  r"|tariffs?|polic(?:y|ies))\b", re.I)
# An opening phrase that sets the scene: "In Atbara, …", "Outside the palace …".
_SCENE_OPENER: Final = rx.compile(r"^(?:[A-Z][a-z]+\s+[a-z]+,\s+)?(?:In|At|Across|Throughout|Outside|Inside|Near)\s+"
                                  r"(?:the\s+)?")
# "there" pointing back at a place ("erupted there"), not the existential "there were".
_THERE: Final = rx.compile(r"\bthere\b(?!\s+(?:is|are|was|were|have|has|had|will|would|may|might|could|seems?"
                           r"|appears?)\b)",
                           re.I)
# Two sides of a relation ("the Lebanon-Israeli war", "Kenya-Somalia talks"): what is spoken of, not a scene.
_RELATION_RE: Final = rx.compile(r"[-‐‑–]\s?[A-Z][\w'’]*\s+(?:wars?|conflicts?|talks|relations|ties|deals?|agreements?"
                                 r"|summit"
                                 r"|crisis|disputes?|treaty|accord|peace\s+(?:deal|talks|process)|rivalry|match)\b")
# Its second side ("the Russia-Ukraine war"): a hyphenated name before, the relation after.
_RELATION_SECOND_RE: Final = rx.compile(r"\s+(?:wars?|conflicts?|talks|relations|ties|deals?|agreements?|summit|crisis"
                                        r"|disputes?|treaty|accord|peace\s+(?:deal|talks|process)|rivalry|match)\b")
_HYPHENATED_BEFORE_RE: Final = rx.compile(r"[A-Z][\w'’]*\s?[-‐‑–]\s?$")
# What may stand between a place and the region holding it: "Raya area of Balambala sub-county, Garissa county",
# "Handaro, Holugho sub-county, Garissa County", "a village in Wajir county"; not "near", "and", "border".
_CONTAINER_GAP: Final = rx.compile(r"(?:\s*,\s*|\s+(?:(?:area|village|town|location|ward|division|estate|sub-?county"
                                   r"|district|constituency)\s+)?(?:of|in)\s+)(?:(?!\b(?:near|and|or|border|between"
                                   r"|from|to)\b)"
                                   r"[^.;:()])*")
_CONTAINER_CHARS: Final = 60  # characters from a town to the region holding it
# "the Kosovo area of Naivasha", "Sudan village in Wajir": a part of the place named after it.
_PART_OF_AFTER: Final = rx.compile(r"\s+(?:area|village|estate|section|suburb|neighbou?rhood|quarter|ward|location"
                                   r"|settlement)\s+(?:of|in)\s+(?:the\s+)?")
# "Juba Primary School in …": the rest of a site's name that begins with a town's, then where the site is.
_SITE_NAMED_IN: Final = rx.compile(r"(?:\s+(?-i:[A-Z])[\w'’-]*){1,3}\s+(?:in|at|inside|within)\s+(?:the\s+)?")
# The rest of a name a country's name opens, then where it is: " Revenue Authority offices in ", " High
# Commission in ".
_SITE_OF_NAME_IN: Final = rx.compile(r"(?:\s+(?-i:[A-Z])[\w'’.&-]*){1,4}(?:\s+(?:headquarters|offices?|buildings?"
                                     r"|premises"
                                     r"|compound|branch|station|grounds|campus|gates?|depot|plant|factory))?"
                                     r"\s+(?:in|at|inside|within)\s+(?:the\s+)?")
# What may stand between a place and a bracket naming its country: "Nyanza [western Kenya", "Gulu (northern Uganda".
_BRACKETED_COUNTRY_GAP: Final = rx.compile(r"\s*[(\[]\s*(?:(?:north|south|east|west|central|north-?east|north-?west"
                                           r"|south-?east|south-?west)(?:ern)?\s+)?", re.I)
_BRACKET_AFTER: Final = rx.compile(r"\s*[(\[]\s*[A-Z]")
# Between a place and a bracket naming what holds it: "Sondu (Kericho", "Mosfilovo village (Kursk"; and between
# the bracket's names: "(Tangail, Dhaka".
_BRACKET_QUALIFIER_GAP: Final = rx.compile(rf"(?:\s+(?i:{QUALIFIER_UNITS}))?\s*[(\[]\s*")
_LIST_GAP: Final = rx.compile(r"\s*,\s*")
_BRACKET_GAP_CHARS: Final = 24  # the longest gap either pattern needs ("  municipality  (  ")  # "Kobo market (Isiolo": a bracket naming where it lies
# A place in the bracket that qualifies another place's name: "Gorai town (Tangail", "Bagha upazila (Rajshahi",
# or a later, larger unit of that bracket when the earlier ones are unknown: "Badherhat village (Noakhali, Chittagong".
_QUALIFIER_BEFORE: Final = rx.compile(
    rf"[A-Z][\w'’\-]*(?:\s+(?i:{QUALIFIER_UNITS}))?\s*\(\s*(?:[^()]*,\s*)?$")
# An administrative unit named just before a town that holds it: "Zorapur upazila in Rajshahi", "Zorapur
# district, Barishal" (group 1: the unit's name, to tell a known unit from one the gazetteer lacks).
_UNIT_IN_TOWN_BEFORE: Final = rx.compile(rf"([A-Z][\w'’\-]*)\s+(?i:{ADMIN_UNITS})\s*(?:,|\bin\b|\bof\b)\s*$")
# A named site that lies out in the country, said to be in a town: "the Olkaria geothermal plant in Naivasha",
# "Kedong ranch near Naivasha", "a farm in Molo" with its name: the site is somewhere in the area the town names
# (ACLED codes the site), not at the town's point (group 1: the site's name, to tell it from a known place).
_OUTLYING_SITE_IN_TOWN_BEFORE: Final = rx.compile(
    r"\b(?i:the|a|an)\s+([A-Z][\w'’\-]*)(?:\s+[a-z][\w\-]*){0,2}\s+(?:plant|power\s+station|mines?|ranch(?:es)?"
    r"|conservancy|farms?|plantations?|dam|quarry|sanctuary|game\s+reserve)\s+(?:in|near|outside)\s+$")
# A village the gazetteer lacks, named just before a town and a comma, as local reports name a village by the
# town or area that holds it: "in Waso Village, Baragoi", "at Bumala trading centre, Busia": the event is
# somewhere in the area the town names, not at its point (group 1: the village's name, to tell a known place
# from an unknown one). Not "Langas estate, Eldoret", "Shantinagar area, Dhaka": a part of the town, inside its
# own radius. (A bare "in Baripur, Rajshahi" may be a list: the town keeps its claim.)
_UNNAMED_PLACE_IN_TOWN_BEFORE: Final = rx.compile(
    r"([A-Z][\w'’\-]*)\s+(?i:village|trading\s+cent(?:re|er))\s*,\s*$")
# ... or a bare name the gazetteer lacks after a place preposition, before a town that names its county (see
# Place.unit_reach_m) and a comma: "in Kiunga, Lamu", "at Lagh Kutulo, Wajir" (the county, as such notes name a
# village by it).
_UNKNOWN_IN_COUNTY_TOWN_BEFORE: Final = rx.compile(r"\b(?:in|at|near)\s+([A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?)\s*,\s*$")
# ... unless the town is one of a list ("Kibweni village, Kiwengwa and Nungwi": each a scene of its own).
_LIST_AFTER: Final = rx.compile(r"\s*(?:,|and\b|or\b|&)")
# A place followed by a verb of speaking or deciding ("Russia said", "the Supreme Court ordered"): who acts.
_SPEAKER_VERB: Final = rx.compile(
    r"(?:['’]s)?\s+(?:has\s+|have\s+|had\s+)?(?:(?:also|later|subsequently|earlier|previously|then)\s+)?(?:said|says|say|ordered|orders|announced|ruled|declared|congratulated|"
    r"condemned|warned|urged|rejected|approved|denied|confirmed|accused|blamed|demanded|called|vowed|pledged|"
    r"insisted|claimed|told|stated|responded|welcomed|criticised|criticized)\b")
# What may stand between places listed together: "Mombasa, Kisumu and Eldoret".
_COORDINATION: Final = rx.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+as well as\s+)\s*")
# "to"/"into" before a place: a target ("appealed to Russia"), unless troops move there.
_MOVED_TO: Final = rx.compile(r"\b(?:to|into)\s*$")
# "police in Almaty said", "the mayor of Almaty said": the speaker is someone in the place, still a scene.
_SCENE_PREPOSITION: Final = rx.compile(r"\b(?:in|at|of|from|near)\s+(?:the\s+)?$")
# ... but a news outlet there reports from where it is, not where the event was: "a radio station in Somalia later
# claimed …". (Not an office or an embassy: "the UN human rights office in Geneva condemned …" made its statement,
# an event of its own, there.)
_OUTLET_IN: Final = rx.compile(
    r"(?i:\b(?:radio|station|website|newspaper|broadcaster|television|tv|channel|news\s+agency|outlet|media)s?"
    r"\s+(?:in|at|from)\s+(?:the\s+)?$)")


def _scene_mentions(text: str, geo: GeoparseResult, places: dict[str, Place], lex: _Lexicon):
    """Mentions that can say where something happened, with their paragraph: (start, end, key, paragraph).

    Left out: origins ("troops from Belarus"), modifiers ("Moscow-led"), history (the Soviet Union)
    and the dateline, which says where the reporter is, not where a sentence's events happened.
    """
    dl = geo.dateline or (-1, -1)
    out = []
    sents = geo.sentences
    si = 0
    origin_end = -1  # where the last origin ("from Tana River") ends: a place listed with it is one too
    for start, end, key in geo.mention_places:
        while si + 1 < len(sents) and sents[si + 1].start <= start:
            si += 1
        place = places.get(key)
        if place is None or place.source == Source.HISTORICAL or dl[0] <= start < dl[1]:
            continue
        if origin_end >= 0 and _is_origin(text, start, lex, origin_end):
            origin_end = end
            continue
        origin_end = -1
        if _is_origin(text, start, lex):
            origin_end = end
            continue
        if (_HYPHEN_MODIFIER_RE.match(text[end:end + _MODIFIER_CHARS])
                or _qualifies_person(text, start, end)
                or _names_capital(text, start)
                or _RELATION_RE.match(text, end, min(len(text), end + _GROUP_CHARS))
                or (_HYPHENATED_BEFORE_RE.search(text[max(0, start - _MODIFIER_CHARS):start])
                    and _RELATION_SECOND_RE.match(text, end, min(len(text), end + _GROUP_CHARS)))
                or (place.kind == Kind.COUNTRY and (_POLICY_AFTER.match(text, end, min(len(text), end + _GROUP_CHARS))
                                                    or _BORDER_SITE_AFTER.match(text, end, min(len(text), end + 30))))
                or (text.find("to", max(0, start - 8), start) >= 0
                    and _FLED_TO.search(text, max(0, start - _FLED_CHARS), start))):
            continue
        out.append((start, end, key, sents[si].paragraph if sents else 0))
    return out


# "students from around the country", "delegates from across the region": where the actors come from, the
# country or region as a whole, not where they acted ("… protested in Voi").
# "residents from Mitahato village …": where people live, mostly where they act (as "residents of"), not
# where they came from.
_RESIDENTS_FROM: Final = rx.compile(r"\b(?:residents|villagers|inhabitants)\s+from\s+(?:the\s+)?$", re.I)
_FROM_AROUND: Final = rx.compile(r"\bfrom\s+(?:all\s+)?(?:around|across|all\s+over|throughout)\s+(?:the\s+)?$", re.I)
# "riots in western Kenya", "the north-east of Nigeria": a part of a country, so a town of it that the clause
# names is finer ("… traders in Awendo counted losses"); the bare country name is often the scene itself
# ("protests across Sri Lanka"), and keeps its place.
_COUNTRY_PART_BEFORE: Final = rx.compile(
    r"\b(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+$", re.I)
_COUNTRY_PART_CHARS: Final = 16


# "LOCATION: Kapedo, Baringo District (district capital = Kabarnet)": an annotation naming the capital of the
# unit the event was in, not its scene (a capital town's point and radius would claim a precision the note
# does not give).
_CAPITAL_ANNOTATION_BEFORE: Final = rx.compile(r"[(\[]\s*(?:[\w-]+\s+){0,2}capital\s*(?:=|:|\bis\b)\s*$", re.I)
_CAPITAL_ANNOTATION_CHARS: Final = 40  # characters before a mention searched for the annotation


def _names_capital(text: str, start: int) -> bool:
    """Whether the mention at ``start`` names a unit's capital in an annotation (_CAPITAL_ANNOTATION_BEFORE)."""
    # (speed: the annotation ends with "=", ":" or "is" right before the name, a space between or not; two
    # character tests rule out every other mention)
    if start < 2:
        return False
    last = text[start - 1]
    if last == " ":
        last = text[start - 2]
    if last != "=" and last != ":" and last != "s":
        return False
    return bool(_CAPITAL_ANNOTATION_BEFORE.search(text, max(0, start - _CAPITAL_ANNOTATION_CHARS), start))


def _is_origin(text: str, start: int, lex: _Lexicon, origin_end: int = -1) -> bool:
    """"troops from Belarus": where actors come from ("marched from the campus to the square" and "40 km from
    Wajir" excepted); and "herders from Tana River and Garissa counties": a place listed right after an origin
    (``origin_end``: where that origin's mention ends, -1 for none)."""
    if origin_end >= 0:
        return start - origin_end < _GROUP_CHARS and _COORDINATION.fullmatch(text, origin_end, start) is not None
    return bool((lex.origin.search(text[max(0, start - _ORIGIN_CHARS):start])
                 or (text.find("from", max(0, start - _ORIGIN_CHARS - 10), start) >= 0
                     and _FROM_AROUND.search(text, max(0, start - _ORIGIN_CHARS - 10), start)))
                and not _ROUTE_FROM.search(text, max(0, start - _ORIGIN_CHARS), start)
                and not _RESIDENTS_FROM.search(text, max(0, start - _ORIGIN_CHARS), start)
                and not _REFERENCE_BEFORE.search(text, max(0, start - _REFERENCE_CHARS), start))


def _qualifies_person(text: str, start: int, end: int) -> bool:
    """"a Kikuyu man", "two Maasai herders", "6 Kikuyu were killed": the name qualifies or counts people (see
    _PERSON_NOUN_AFTER, _PEOPLE_COUNT_BEFORE)."""
    # The anchored match first: it fails at once after most names; the search before tries 25 starts.
    if (_PERSON_NOUN_AFTER.match(text, end, min(len(text), end + _PERSON_CHARS))
            and _PERSON_DETERMINER_BEFORE.search(text, max(0, start - _PERSON_CHARS), start)):
        return True
    # "6 Kikuyu were killed": a counted people
    return bool(_PEOPLE_VERB_AFTER.match(text, end, min(len(text), end + _PERSON_CHARS))
                and _PEOPLE_COUNT_BEFORE.search(text, max(0, start - _PERSON_CHARS), start))


def _is_modifier(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is a modifier ("Moscow-led", "a Lamu bound bus"): see
    _HYPHEN_MODIFIER_RE. (Speed: most names are followed by neither a hyphen nor " b": one slice decides.)"""
    after = text[end:end + 2]
    if after[:1] not in "-‐‑" and after != " b":
        return False
    return bool(_HYPHEN_MODIFIER_RE.match(text[end:end + _MODIFIER_CHARS]))


def people_names(text: str, geo: GeoparseResult) -> frozenset[str]:
    """The places every mention of which qualifies a person ("a Kikuyu man was killed … another Kikuyu body"):
    a people's or a home town's name, which the text never uses as a place; not a scene to fall back on. So
    are the places named only as a modifier ("a Lamu bound bus", "Moscow-backed separatists"): where a bus
    goes or who backs a group, not where anything happened. And a capital named only in an annotation
    ("(district capital = Kabarnet)"): the unit's seat, not the scene; and a place named only in a bracket
    after another ("in Sondu (Kericho)"): what holds that place, a coarser fallback than the place itself."""
    qualifying: dict[str, bool] = {}
    prev_end, prev_qualifies = -1, False
    for start, end, key in geo.mention_places:
        # "a brewery in Sondu (Kericho)": the bracket names what holds the place before it (the county), not a
        # second scene; the sentences after fall back on that place, not on the county's seat town
        # (speed: most gaps are long or hold no bracket; one C call each rules them out before the patterns)
        bracket = 0 <= prev_end and start - prev_end <= _BRACKET_GAP_CHARS and (
            (text.find("(", prev_end, start) >= 0 or text.find("[", prev_end, start) >= 0)
            and _BRACKET_QUALIFIER_GAP.fullmatch(text, prev_end, start) is not None
            or prev_qualifies and _LIST_GAP.fullmatch(text, prev_end, start) is not None)
        prev_end, prev_qualifies = end, bracket
        qualifying[key] = qualifying.get(key, True) and (
            bracket
            or _qualifies_person(text, start, end)
            or _is_modifier(text, end) and not _home_base(text, start, end)
            or _names_capital(text, start))
    return frozenset(key for key, only in qualifying.items() if only)


def _home_base(text: str, start: int, end: int) -> bool:
    """Whether the name ending at ``end`` says where the actors are based ("Kisumu based journalists
    protested"), a fallback scene: not an organisation's home, nor the speakers' (_ORGANISATION_BASE_RE)."""
    if not _HOME_BASE_RE.match(text, end, end + _MODIFIER_CHARS):
        return False
    return not (_ORGANISATION_BASE_RE.match(text, end, end + _MODIFIER_CHARS + _ORGANISATION_CHARS)
                or _ACCORDING_TO_RE.search(text, max(0, start - _ACCORDING_CHARS), start))


class _MentionFeatures(NamedTuple):
    """What the words around a mention say, whatever the trigger."""
    target: bool  # a not_location cue right before it ("appealed to X"): a target or partner, not a scene
    moved_to: bool  # "to X", "into X"
    speaker: bool  # "X said", "X's court ruled": the place speaks ("police in X said" excepted)
    possessive: bool  # "X's"
    opener: bool  # "In X, …" opens the sentence's scene
    group: bool  # "X militants", "X supporters": the name qualifies a group
    road: bool  # "the X highway": a road named after the town
    reference_m: float  # "25 km outside X", "north of X": the event lies this far from X (0: not a reference)
    reference_at: int  # where that phrase starts (to tell "a site, 50 km north of X" from "a bar 50 km from X")
    office: bool  # "the deputy governor of X": the place names a person's office, not where it happened
    forces: bool  # "X air force", "X troops": whose state forces (counts against a country only)


def _mention_features(sentence: str, start: int, end: int, lex: _Lexicon) -> _MentionFeatures:
    """What the words around a mention say, whatever the trigger."""
    before = sentence[max(0, start - _FEATURE_CHARS):start]
    opener = _SCENE_OPENER.search(sentence, 0, start)
    return _MentionFeatures(
        bool(lex.not_location.search(before)),
        bool(_MOVED_TO.search(before)),
        bool(_SPEAKER_VERB.match(sentence, end))
        and (not _SCENE_PREPOSITION.search(before) or _OUTLET_IN.search(before) is not None),
        sentence[end:end + 2] in ("'s", "’s"),
        opener is not None and opener.end() == start,
        bool(_GROUP_MODIFIER_RE.match(sentence, end, min(len(sentence), end + _GROUP_CHARS))),
        bool(_ROAD_NAME_RE.match(sentence, end, min(len(sentence), end + _GROUP_CHARS))),
        # speed: one C call rules out most mentions before the search of _reference
        *(_reference(sentence, start) if sentence.endswith(_REFERENCE_ENDINGS, 0, start) else _NO_REFERENCE),
        sentence.endswith(_OFFICE_ENDINGS, 0, start) and _names_office(sentence, start),
        bool(_FORCES_MODIFIER_RE.match(sentence, end, min(len(sentence), end + _GROUP_CHARS))))


def _reference(sentence: str, start: int) -> tuple[float, int]:
    """How far from the place the sentence puts what it speaks of: "25km outside of X" is 25 km (and some
    slack for the rounding), "north of X" the area a town names; 0 for a place named as it is. And where
    the phrase starts."""
    lo = max(0, start - _REFERENCE_CHARS)
    if _REFERENCE_HINT.search(sentence, lo, start) is None:
        return 0.0, -1  # ... nor a number or a compass word ("the city of X", "residents of X")
    m = _REFERENCE_BEFORE.search(sentence, lo, start)
    if m is None:
        return 0.0, -1
    if m.group("n") is None:
        return WEIGHTS.reference_area_m, m.start()
    metres = float(m.group("n")) * (_MILE_M if m.group("unit").lower().startswith("mile") else 1000.0)
    return metres + WEIGHTS.reference_slack_m, m.start()


def _describes_named(sentence: str, locatable, i: int, at: int) -> bool:
    """Whether the reference phrase at ``at`` only says where the place named right before it lies ("La
    Tontouta airport, about 50 km north-west of Nouméa"): that place is the scene, not the reference point."""
    return any(end <= at and _DESCRIBED_GAP.fullmatch(sentence, end, at) for _start, end, _key in locatable[:i])


def _locate(sentence, trig: Trigger, clause, locatable, places, lex: _Lexicon,
            features: dict | None = None) -> tuple[list[Place], bool]:
    """The places the clause says the event happened at (several for "in Mombasa, Kisumu and Eldoret").

    ``features`` caches each mention's trigger-independent context across the triggers of one sentence.
    """
    if features is None:
        features = {}
    best, best_score, best_i, best_in_clause = None, None, -1, False
    eligible: list[tuple[float, int, Place, bool]] = []  # (score, index, place, opens the sentence) in the clause
    for i, (start, end, key) in enumerate(locatable):
        place = places.get(key)
        if place is None:
            continue
        in_clause = clause[0] <= start < clause[1]
        feats = features.get(i)
        if feats is None:
            feats = _mention_features(sentence, start, end, lex)
            if feats.reference_m and _describes_named(sentence, locatable, i, feats.reference_at):
                feats = feats._replace(target=True, reference_m=0.0)  # a description of the place before
            features[i] = feats
        score = _score_mention(sentence, trig, start, end, place, in_clause, feats)
        if score is None:
            continue
        if in_clause:
            eligible.append((score, i, place, bool(start < trig.start and feats.opener)))
        if best_score is None or score < best_score:
            best, best_score, best_i = place, score, i
            best_in_clause = in_clause
    if best is None:
        return [], False
    tied = _unlisted_held(sentence, locatable, places, best, best_i)
    if tied is not None:
        best, best_i = tied
    if (best_in_clause and best.country_code
            and (best.kind == Kind.REGION
                 or (best.kind == Kind.COUNTRY and (_COUNTRY_PART_BEFORE.search(
                     sentence, max(0, locatable[best_i][0] - _COUNTRY_PART_CHARS), locatable[best_i][0])
                     or _country_tag(sentence, locatable[best_i][0], locatable[best_i][1], best))))
            and not _coordinated(sentence, locatable, best_i)):
        best, best_i = _finest(sentence, locatable, best, best_i, eligible, places)
    if best.kind != Kind.REGION and best.kind != Kind.COUNTRY:
        named_i = best_i
        best, best_i = _container_disagrees(sentence, locatable, places, best, best_i)
        if best_i != named_i and best.kind != Kind.REGION:
            # the town or country that holds a place read abroad: that reading is no second scene beside it
            return [best], True
    elif best.kind == Kind.COUNTRY and best.country_code:
        # "the Kosovo area of Naivasha": a country is no area of a town; the name is a local one the gazetteer
        # lacks, somewhere in the area of the town of another country that holds it
        holder = _part_of_holder(sentence, locatable, places, best, best_i)
        if holder is not None:
            return [holder], True
        sited = _country_named_site_in(sentence, locatable, places, best_i)
        if sited is not None:  # "stormed the Kenya Revenue Authority offices in Mombasa": Mombasa
            return [_as_named(sentence, locatable, sited, places[locatable[sited][2]], features)], True
    if best.kind == Kind.CITY and _QUALIFIER_BEFORE.search(sentence, max(0, locatable[best_i][0] - _CONTAINER_CHARS),
                                                           locatable[best_i][0]):
        # ... and what follows it in the bracket holds it ("Tangail, Dhaka"): no second scene. The bracket's
        # first known unit is its finest: with "Tangail" known, "Dhaka" is only what holds it.
        opened = sentence.rfind("(", 0, locatable[best_i][0])
        finer_i = next((j for j in range(best_i) if locatable[j][0] > opened and locatable[j][2] in places), best_i)
        finer = places[locatable[finer_i][2]]
        tied = _unlisted_held(sentence, locatable, places, finer, finer_i)
        if tied is not None:  # "Eliotganj town (Comilla, Chittagong)": the village the bracket holds
            return [tied[0]], True
        return [_qualifier_area(finer) if finer.kind == Kind.CITY else finer], True
    if best.kind == Kind.CITY:
        # "… in Zorapur upazila in Rajshahi": a unit the gazetteer lacks, in the town's wider area
        # ... or "the Olkaria geothermal plant in Naivasha": a site out of town, in its wider area
        window = (max(0, locatable[best_i][0] - _CONTAINER_CHARS), locatable[best_i][0])
        unit = (_UNIT_IN_TOWN_BEFORE.search(sentence, *window)
                or _OUTLYING_SITE_IN_TOWN_BEFORE.search(sentence, *window))
        if unit is None and _after_comma(sentence, locatable[best_i][0]) \
                and not _LIST_AFTER.match(sentence, locatable[best_i][1]):
            # ... or a village the gazetteer lacks, named before the town with a comma ("Waso Village, Baragoi")
            unit = _UNNAMED_PLACE_IN_TOWN_BEFORE.search(sentence, *window)
            if unit is None and best.unit_reach_m:
                # ... or bare, before a town that names its county: "in Kiunga, Lamu", "at Lagh Kutulo, Wajir"
                unit = _UNKNOWN_IN_COUNTY_TOWN_BEFORE.search(sentence, *window)
        if unit is not None:
            named = next((key for start, end, key in locatable if start < unit.end(1) and unit.start(1) < end), None)
            if named is None:
                return [_qualifier_area(best)], True
            held = places.get(named)
            if held is not None and held.kind == Kind.REGION and held.country_code == best.country_code:
                # ... the site's or the village's name is a unit the gazetteer knows ("the Olkaria geothermal
                # plant in Naivasha", "in Kiunga, Lamu": wards of Kenya's units.tsv.gz): that unit holds it
                return [held], True
    if not best_in_clause:
        # "… in Brest, Gomel and Pinsk, where police used tear gas": the last one only
        return [_as_named(sentence, locatable, best_i, best, features)], True
    return _with_coordinated(sentence, locatable, places, best, best_i,
                             lambda i, p: _as_named(sentence, locatable, i, p, features)), True


def _unlisted_held(sentence: str, locatable, places, best: Place, best_i: int) -> tuple[Place, int] | None:
    """"Eliotganj town (Comilla, Chittagong)", "the village of Dago, 25 km north of Kisumu": the place named
    right after a village the gazetteer lacks is what the text ties the village to (unlisted.py placed it
    there), so a trigger nearer that place is still the village's."""
    if best_i == 0:
        return None
    start, end, key = locatable[best_i - 1]
    village = places.get(key)
    if (village is None or village.source != Source.CONTEXT_AREA or village.city_id != best.key
            or locatable[best_i][0] - end > _CONTAINER_CHARS):
        return None
    return village, best_i - 1


def _as_named(sentence: str, locatable, i: int, place: Place, features: dict) -> Place:
    """A town as the sentence uses its name: for a unit named after it ("in Kibwezi sub-county", "in Tarbaj
    and Wajir East constituencies", "in Lamu East", "the northeast region of Garissa") or for a road ("blocked
    the Meru-Nairobi highway") the event is somewhere in the area the name stands for, not at the town's
    point; named as a reference point ("25 km outside Mombasa", "north of Lamu"), at that distance from it."""
    if place.source == Source.CONTEXT_AREA:
        return place  # a village the gazetteer lacks: already in the area its context names (unlisted.py)
    feats = features.get(i)
    if feats is not None and feats.reference_m and place.kind != Kind.COUNTRY:
        return replace(place, precision=Precision.REGION if place.kind == Kind.CITY else place.precision,
                       uncertainty_m=place.uncertainty_m + feats.reference_m,
                       note="somewhere at the stated distance from this place")
    if place.kind != Kind.CITY:
        bracket = (_BRACKET_AFTER.match(sentence, locatable[i][1])
                   if place.at_city_only and place.uncertainty_m < WEIGHTS.compass_quarter_city_m else None)
        if bracket is not None and i + 1 < len(locatable) and locatable[i + 1][0] == bracket.end() - 1 \
                and locatable[i + 1][2] == place.city_id:
            # "Kobo market (Isiolo)": a site the gazetteer lacks, placed at the small town its bracket names; it
            # lies somewhere in the area that town names (a county), not within the town's own radius. (Not
            # "the Kakuma Refugee camp (Turkana)": placed at the town in its own name, the county vouching.)
            return _qualifier_area(place)
        return place
    start, end = locatable[i][0], locatable[i][1]
    if (_UNIT_AFTER_TOWN.match(sentence, end, min(len(sentence), end + _CONTAINER_CHARS))
            or (place.uncertainty_m < WEIGHTS.compass_quarter_city_m
                and _COMPASS_UNIT_AFTER.match(sentence, end, min(len(sentence), end + _CONTAINER_CHARS)))
            or ("of " in sentence[max(0, start - 8):start]
                and _AREA_OF_BEFORE.search(sentence, max(0, start - _CONTAINER_CHARS), start))):
        return _qualifier_area(place)
    if feats is not None and feats.road:
        return replace(place, precision=Precision.REGION, uncertainty_m=place.uncertainty_m + WEIGHTS.road_area_m,
                       note="somewhere along a road named after this town")
    return place


def _after_comma(text: str, at: int) -> bool:
    """Whether a comma and spaces stand right before ``at`` (cheaper than a pattern's search)."""
    k = at - 1
    while k >= 0 and text[k] == " ":
        k -= 1
    return k >= 0 and text[k] == ","


def _qualifier_area(city: Place) -> Place:
    """"Gorai town (Tangail, Dhaka)": the event is somewhere in the area the bracketed town names, not at its
    point; the same place, with the radius that area needs and a region's precision."""
    # (a county named after its seat town reaches further: "Jaldesa (Marsabit)" is 230 km from Marsabit town)
    return replace(city, precision=Precision.REGION,
                   uncertainty_m=max(city.uncertainty_m + WEIGHTS.qualifier_area_m, city.unit_reach_m),
                   note="an unnamed place in the area this town names")


# ASCII's word characters of _WORD_RE ([\w'’-]: letters, digits, "_", "'", "-") as "a", every other byte as a space.
_ASCII_WORD_BYTES: Final = bytes(0x61 if i < 128 and (chr(i).isalnum() or chr(i) in "_'-") else 0x20 for i in range(256))


def _word_count(text: str) -> int:
    """``len(_WORD_RE.findall(text))``. Speed: for ASCII text (most), its runs of word characters are counted
    as the runs of "a" left by a byte translation, with no scan that builds every word (about six times faster)."""
    if text.isascii():
        return len(text.encode("ascii").translate(_ASCII_WORD_BYTES).split())
    return len(_WORD_RE.findall(text))


def _score_mention(sentence: str, trig: Trigger, start: int, end: int, place: Place, in_clause: bool,
                   feats) -> float | None:
    """The cost of the mention at ``start:end`` as the trigger's scene (see LocateWeights); None if it is not one."""
    target, moved_to, speaker, possessive, opener, group, road, reference_m, _reference_at, office, forces = feats
    moving_to = moved_to and trig.slug in _MOVEMENT_TYPES and start >= trig.end
    if office:
        return None  # "shot the deputy governor of Kilifi outside his house in Nyali": whose office, not the scene
    if target and not moving_to and not reference_m and not road:
        # "appealed to Russia": a target, not where it happened; but "marched to the Nyahururu-Nyeri highway"
        # went to the road, somewhere along which the event was (its area: see _as_named)
        return None
    if speaker:
        return None  # "Russia said …", "the Supreme Court ordered …": who acts or speaks, not the scene
    w = WEIGHTS
    if start >= trig.end:
        distance = _word_count(sentence[trig.end:start])
        score = distance * w.after
    else:
        distance = _word_count(sentence[end:trig.start])
        score = distance * w.before + w.before_base
    if not in_clause:
        score += w.other_clause
    if possessive:
        score += w.possessive
    if group:
        score += w.group_modifier
    if road:
        score += w.road_name
        if _HYPHENATED_BEFORE_RE.search(sentence, max(0, start - _MODIFIER_CHARS), start):
            score += w.road_second_town
    if reference_m:
        score += w.reference
    if place.kind == Kind.COUNTRY:
        score += w.country
        if forces:
            score += w.group_modifier
    elif place.kind == Kind.WATER or (place.kind == Kind.REGION and not place.country_code):
        score += w.landmark_area
    if start < trig.start and opener:
        score += w.opener
    return score


def _container_disagrees(sentence: str, locatable, places, best: Place, best_i: int) -> tuple[Place, int]:
    """"In Raya area of Balambala sub-county, Garissa county": the text puts the town in a region of another
    country than the town it was resolved to (a same-named place abroad), so that reading is wrong and the
    region is what the text vouches for (ACLED: the most precise location known)."""
    end = locatable[best_i][1]
    for j in range(best_i + 1, len(locatable)):
        start, _end, key = locatable[j]
        if start - end > _CONTAINER_CHARS:
            break
        region = places.get(key)
        if (region is None or not region.country_code or not best.country_code
                or region.country_code == best.country_code):
            continue
        gap = sentence[end:start]
        if region.kind in (Kind.REGION, Kind.DISTRICT) and _CONTAINER_GAP.fullmatch(gap):
            return region, j
        if best.kind != Kind.CITY:
            continue  # (a site of the text is no reading abroad: "a university, Fatehpur union" names its area)
        if region.kind in (Kind.LANDMARK, Kind.DISTRICT, Kind.REGION) and _SITE_NAMED_IN.fullmatch(gap):
            # "Juba Primary School in Dagahley Camp", "the Mt Carmel Academy in the Nyalenda slum": a site named
            # after a town abroad, said to be at a site or in a part or unit of another country: the place that
            # holds it (placed at its own radius or finer)
            return region, j
        if region.kind == Kind.CITY and "," not in gap and _CONTAINER_GAP.fullmatch(gap):
            # "between Malelei and Kulan in Garissa": a place of the town's area the gazetteer lacks
            # (the reading abroad is another place of that name): somewhere in the area the town names. (Not
            # after a comma: "in Minsk, Moscow and Kyiv" lists towns of several countries.)
            return _qualifier_area(region), j
        if region.kind == Kind.COUNTRY and _BRACKETED_COUNTRY_GAP.fullmatch(gap):
            # "Nyanza [western Kenya]": the bracket says which country the place is in; the reading abroad
            # is wrong, and the country is all the text vouches for
            return region, j
    return best, best_i


def _country_named_site_in(sentence: str, locatable, places, i: int) -> int | None:
    """"the Kenya Anti-Corruption Commission headquarters in Nairobi", "outside the Uganda High Commission in
    Nairobi": a country's name opening a body's or a site's name, and the town said to hold it right after; the
    town (its index in ``locatable``) is where it is, not the country it is named after. None otherwise."""
    if i + 1 >= len(locatable):
        return None
    end = locatable[i][1]
    if _SITE_OF_NAME_IN.fullmatch(sentence, end, locatable[i + 1][0]) is None:
        return None
    holder = places.get(locatable[i + 1][2])
    return i + 1 if holder is not None and holder.kind in (Kind.CITY, Kind.REGION, Kind.LANDMARK, Kind.DISTRICT) \
        else None


def _part_of_holder(sentence: str, locatable, places, country: Place, i: int) -> Place | None:
    """"The Kosovo area of Naivasha", "Sudan village in Wajir": the place right after the part-of phrase, when
    it is of another country than the country the name was read as (see _PART_OF_AFTER); else None."""
    if i + 1 >= len(locatable):
        return None
    gap = _PART_OF_AFTER.fullmatch(sentence, locatable[i][1], locatable[i + 1][0])
    holder = places.get(locatable[i + 1][2])
    if gap is None or holder is None or holder.kind == Kind.COUNTRY or not holder.country_code \
            or holder.country_code == country.country_code:
        return None
    return _qualifier_area(holder) if holder.kind == Kind.CITY else holder


def _with_coordinated(sentence: str, locatable, places, best: Place, best_i: int,
                      as_named=lambda _i, p: p) -> list[Place]:
    """Coordinated places share the event: each gets its own incident, as ACLED codes one event per location.
    ``as_named(i, place)``: the place as mention ``i`` uses its name (see _as_named)."""
    chosen = [as_named(best_i, best)]
    for step in (-1, 1):
        i = best_i
        while 0 <= i + step < len(locatable):
            a, b = (locatable[i], locatable[i + step]) if step == 1 else (locatable[i + step], locatable[i])
            if not _COORDINATION.fullmatch(sentence[a[1]:b[0]]):
                break
            other = places.get(locatable[i + step][2])
            if other is None or (other.kind == Kind.COUNTRY) != (best.kind == Kind.COUNTRY):
                break
            if _SPEAKER_VERB.match(sentence, locatable[i + step][1]):
                break  # "shelled homes in Kharkiv, Kyiv said": who reports it, not a second scene
            if (other.kind == Kind.REGION) != (best.kind == Kind.REGION) and "," in sentence[a[1]:b[0]]:
                if (step == -1 and _sub_unit(other) and best.kind == Kind.CITY and other.admin1 == best.admin1
                        and other.country_code == best.country_code and not _LIST_GOES_ON.match(sentence, b[1])):
                    # "in Mariashoni, Molo": a ward, and the town of its area after the comma; the ward is the scene
                    chosen[0] = as_named(i + step, other)
                break  # "Maiduguri, Borno State": the region holds the city, it is not a second place
            if "," in sentence[a[1]:b[0]] and (_holds(other, best) or _holds(best, other)):
                break  # "Liboi, Garissa county": the county holds the unit (a ward, a US county), no second place
            held, holder = (places.get(a[2]), places.get(b[2]))
            if ("," in sentence[a[1]:b[0]] and held is not None and holder is not None
                    and _town_holds(holder, held) and not _LIST_GOES_ON.match(sentence, b[1])):
                # "in Starehe, Nairobi", "Mariakani, Mombasa": the town after the comma says whose area the place
                # is in, no second scene; the place is the scene, as ACLED codes the finest location
                if step == -1:
                    chosen[0] = as_named(i + step, other)
                break
            chosen.append(as_named(i + step, other))
            i += step
    return chosen


# After the second of two comma-joined places: more of a list ("Nairobi, Mombasa and Kisumu").
_LIST_GOES_ON: Final = rx.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?[A-Z]|(?:and|or|&)\s+[A-Z])")
_TOWN_AREA_M: Final = 50_000  # a town's area beyond its radius that a neighbouring place may lie in ("Mariakani, Mombasa")


def _town_holds(town: Place, place: Place) -> bool:
    """Whether ``town`` (a city) is the place's city or a bigger town whose area holds it."""
    if town.kind != Kind.CITY or town.country_code != place.country_code:
        return False
    if place.city_id == town.key:
        return True  # a district, site or unit of the city
    return (place.kind == Kind.CITY and town.population > place.population
            and haversine_m(town.lat, town.lon, place.lat, place.lon) <= town.uncertainty_m + _TOWN_AREA_M)


def _country_tag(sentence: str, start: int, end: int, country: Place) -> bool:
    """A country named as an attribute, not as a place: by its people's adjective ("an attack on a Kenyan police
    station … in Mandera"), or in brackets after an actor ("Protesters (Kenya) raided offices in Kisauni"). A place
    of that country the clause names is where it happened (_finest)."""
    if sentence[start - 1:start] == "(" and sentence[end:end + 1] == ")":
        return True
    return country_demonyms().get(sentence[start:end]) == country.country_code


def _sub_unit(place: Place) -> bool:
    """A second-level unit: a US county, a Kenyan constituency or ward (units.tsv.gz)."""
    return place.kind == Kind.REGION and place.key.startswith(_SUB_UNIT_KEYS)


_SUB_UNIT_KEYS: Final = ("unit:", "geonames-admin2:")


def _holds(region: Place, place: Place) -> bool:
    """Whether a first-level region holds a second-level unit: the unit's region code is the region's."""
    return (_sub_unit(place) and region.kind == Kind.REGION and region.key.startswith("geonames-admin1:")
            and bool(place.admin1) and place.admin1 == region.admin1 and place.country_code == region.country_code)


def _coordinated(sentence: str, locatable, i: int) -> bool:
    """Whether mention ``i`` is listed with a neighbour ("closed in Punjab and Islamabad"): a list of scenes."""
    gaps = []
    if i > 0:
        gaps.append(sentence[locatable[i - 1][1]:locatable[i][0]])
    if i + 1 < len(locatable):
        gaps.append(sentence[locatable[i][1]:locatable[i + 1][0]])
    return any(_COORDINATION.fullmatch(gap) and "," not in gap for gap in gaps)


def _finest(sentence: str, locatable, region: Place, region_i: int, eligible,
            places: dict[str, Place]) -> tuple[Place, int]:
    """A region is the scene only if the clause names nothing finer inside it: "Police in Lae, in Morobe
    province, arrested 37", "In the Sahel region, gunmen attacked a post outside Djibo" happened in Lae
    and at Djibo (ACLED codes the most precise location), while "troops in Punjab … and in Islamabad"
    keeps Punjab. A place that opens the sentence ("In Zugdidi, near … Abkhazia, crowds gathered") is
    the scene wherever it lies. Of a city and a site in it ("the airport in Juliaca, in the Puno
    region") the site is finer still."""
    def inside(p: Place) -> bool:
        if region.kind == Kind.COUNTRY:
            return True  # "western Kenya": a part of the country, any town of it (the same country) is finer
        if not region.admin1 and region.source == Source.EXTRA_PLACES and region.kind == Kind.REGION:
            # a curated region of no one first-level code (Kenya's former "Rift Valley Province", "New England"):
            # inside it is within the radius that covers it ("the town of Kitale, Rift Valley")
            return haversine_m(region.lat, region.lon, p.lat, p.lon) <= region.uncertainty_m
        if _sub_unit(region):
            # a ward or constituency is about as fine as a small town: a town is finer only within its reach
            # (its county's seat 80 km off is no part of "Fino, Mandera", only the name of its county)
            return haversine_m(region.lat, region.lon, p.lat, p.lon) <= region.uncertainty_m
        admin1 = p.admin1 or (places[p.city_id].admin1 if p.city_id in places else "")
        return bool(region.admin1) and admin1 == region.admin1

    # "in Mariashoni, Molo", "Belkuchi upazila (Sirajganj": the town after a mention of the unit and a comma, or a
    # bracket after the unit's word, names whose area the unit is in, not a finer place. (A bare "Jaldesa (Marsabit)"
    # is a name in its county: the ward of that name is only one reading of it, and the county's area bounds it.)
    holders = {i for i in range(1, len(locatable)) if _sub_unit(region) and locatable[i - 1][2] == region.key and (
        _LIST_GAP.fullmatch(sentence, locatable[i - 1][1], locatable[i][0])
        or (_BRACKET_QUALIFIER_GAP.fullmatch(sentence, locatable[i - 1][1], locatable[i][0])
            and not sentence[locatable[i - 1][1]:locatable[i][0]].lstrip().startswith(("(", "["))))}
    finer = [(score, i, p) for score, i, p, opens in eligible
             if p.country_code == region.country_code and i not in holders
             # (the town an unlisted area was placed by holds it: "the Kimbutoro sub-district of Sirajganj")
             and not (region.source == Source.CONTEXT_AREA and p.key == region.city_id)
             and (p.kind == Kind.CITY or p.kind in _SITE_KINDS or (_sub_unit(p) and not _sub_unit(region)))
             and (opens or inside(p))]
    if not finer:
        return region, region_i
    _score, i, place = min(finer, key=lambda f: f[0])
    if place.kind == Kind.CITY:
        sites = [(score, j, p) for score, j, p in finer if p.kind in _SITE_KINDS and p.city_id == place.key]
        if sites:
            _score, i, place = min(sites, key=lambda f: f[0])
    return place, i


def _points_back(sentence: str, clause: tuple[int, int], locatable) -> bool:
    """"Erupted there" in a clause that names no place: the place of the sentence before, not one of another
    clause."""
    return bool(_THERE.search(sentence, clause[0], clause[1])) and not any(
        clause[0] <= s < clause[1] for s, _e, _k in locatable)


def _recent_scene(last_scene: tuple[int, int, Place] | None, sent_no: int, sent: Span,
                  first_of_paragraph: bool) -> Place | None:
    """The scene a sentence that names no place inherits: the latest located incident's place, if it is
    at most SCENE_MEMORY sentences back in the paragraph."""
    if last_scene is None:
        return None
    same_paragraph = last_scene[1] == sent.paragraph and sent_no - last_scene[0] <= SCENE_MEMORY
    # Across a paragraph break only into its first sentence (paragraphs may come out of order).
    next_paragraph = first_of_paragraph and last_scene[1] == sent.paragraph - 1
    return last_scene[2] if same_paragraph or next_paragraph else None


def _is_national(sentence: str) -> bool:
    if sentence.isascii():  # (on ASCII text the case-insensitive match is one on the lowercased text)
        low = sentence.lower()
        for word in _NATIONAL_WORDS:  # (a loop, not any() over a generator: this runs for every sentence)
            if word in low:
                return bool(_NATIONAL.search(sentence))
        return False
    return bool(_NATIONAL.search(sentence))


def _context_place(slug: str, geo: GeoparseResult, sent: Span, scenes, places, last_scene=None,
                   national: bool = False, people: frozenset[str] = frozenset()) -> Place | None:
    """No place in the sentence: country-wide measures go to the country; others to where the paragraph's
    latest incident happened, or to its nearest earlier place (coarsened to the city), else the focus.
    ``people``: places the text names only as a person's qualifier (see people_names), never the focus here."""
    if slug in _COUNTRYWIDE or slug in _STATE_ACTS or (national and geo.focus_country is not None):
        return geo.focus_country or geo.focus
    if last_scene is not None:
        # The story stays where it was ("Protesters occupied the airport. Police moved in…"),
        # but a city-wide measure after a site is city-wide ("… the square. A curfew is in effect").
        return _city_of(last_scene, geo) if slug in _AREA_TYPES else last_scene
    first_after = bisect.bisect_left(scenes, (sent.start,))
    for start, _end, key, paragraph in scenes[max(0, first_after - _CONTEXT_LOOKBACK):first_after][::-1]:
        if paragraph != sent.paragraph:
            break
        if key in people:
            continue  # "… in Sondu (Kericho)": the place the bracket qualifies, before it, says more
        place = places[key]
        if place.kind == Kind.COUNTRY and geo.focus is not None and place.country_code == geo.focus.country_code:
            return geo.focus  # "in Kazakhstan" then "the city centre": the focus city is the better guess
        if place.kind != Kind.COUNTRY or geo.focus is None:
            return _city_of(place, geo)
    fallback = geo.focus or geo.focus_country
    if fallback is not None and fallback.key in people:
        # "Bandits abducted two teachers. LOCATION: Hadado town in Wajir district (district capital = Wajir)":
        # the focus is no scene; the paragraph's first scene after the sentence says where it happened
        # (of the focus's country: a name of that line read abroad is no better guess)
        later = next((places[key] for _s, _e, key, paragraph in scenes[first_after:first_after + _CONTEXT_LOOKBACK]
                      if paragraph == sent.paragraph and key not in people), None)
        if later is not None and later.kind != Kind.COUNTRY and later.country_code == fallback.country_code:
            if later.kind == Kind.REGION and fallback.kind == Kind.CITY and later.admin1 \
                    and fallback.admin1 == later.admin1:
                # "… Turkana District (district capital = Lodwar)": the unit, drawn at the town that is its seat
                # as ACLED draws a unit, with a radius that reaches all of it (its own, plus how far off its
                # centre the seat lies)
                off = haversine_m(fallback.lat, fallback.lon, later.lat, later.lon)
                return replace(fallback, precision=Precision.REGION, uncertainty_m=later.uncertainty_m + off,
                               note="somewhere in the unit this town is the seat of")
            return _city_of(later, geo)
        # "A Kikuyu man was killed": the town of that name is no scene; the country only if the text names it
        country = geo.focus_country
        named = country is not None and any(places[k].country_code == country.country_code
                                            for _s, _e, k, _p in scenes)
        fallback = country if named and country is not None and country.key not in people else None
    if fallback is not None and not _named_as_scene(fallback, geo, scenes, places):
        return None  # "Police battle raiders from Sudan": where the actors came from, not where it happened
    if fallback is not None and fallback.kind == Kind.CITY and geo.dateline is None \
            and any(k == fallback.key for _s, _e, k in geo.mention_places) \
            and not any(k == fallback.key or places[k].city_id == fallback.key for _s, _e, k, _p in scenes):
        # "Herders from Isiolo and Marsabit clashed": the town its people came from, named as no scene; they
        # act near it, not at its point: somewhere in its area, with the radius that area needs
        return replace(_qualifier_area(fallback), note="near the town the actors came from; no scene named")
    return fallback


def _named_as_scene(place: Place, geo: GeoparseResult, scenes, places: dict[str, Place]) -> bool:
    """Whether the article's focus may stand for where things happened: unless it is a country or a region and
    every mention of it was left out of the scenes (an origin, "from Sudan"; one side of a relation, "the
    Lebanon-Israeli war") while the dateline names no place."""
    if geo.dateline is not None:
        return True
    if place.kind not in (Kind.COUNTRY, Kind.REGION):
        return True  # "drivers from Limuru lynched a man": people of a town mostly act near it, across no border
    key = place.key
    if not any(k == key for _s, _e, k in geo.mention_places):
        return True  # chosen from the article's sites or towns: nothing says it is not a scene
    if place.kind == Kind.COUNTRY:
        return any(places[k].country_code == place.country_code for _s, _e, k, _p in scenes)
    return any(k == key or places[k].city_id == key for _s, _e, k, _p in scenes)


def _city_of(place: Place, geo: GeoparseResult) -> Place:
    """An inherited location is coarsened to its city: a curfew after a sentence about a square is city-wide."""
    if not place.city_id:
        return place
    if geo.focus is not None and geo.focus.key == place.city_id:
        return geo.focus
    return next((p for p in geo.places if p.key == place.city_id), place)
