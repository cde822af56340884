"""ACLED's event and sub-event types from news sentences: one case per class, and who acts decides the type.

Sentences written for these tests (never ACLED's notes): each names a place, so the incident is located.
"""

import datetime as dt

import pytest

from incidentmap.pipeline import analyze
from incidentmap.taxonomy import incident_types


def _types(text: str) -> set[str]:
    return {i.incident_type for i in analyze(text, published=dt.date(2024, 5, 6)).incidents}


def _acled(text: str) -> set[tuple[str, str]]:
    types = incident_types()
    return {(types[s].acled_event_type, types[s].acled_sub_event_type) for s in _types(text)}


@pytest.mark.parametrize(("text", "event_type", "sub_event_type"), [
    # Battles
    ("GARISSA, Kenya - Soldiers exchanged fire with militants near Garissa on Monday.", "Battles", "Armed clash"),
    ("MOPTI, Mali - Government troops fought with jihadists in Mopti for two hours.", "Battles", "Armed clash"),
    ("BAIDOA, Somalia - Two rival militias clashed in Baidoa on Monday.", "Battles", "Armed clash"),
    ("GARISSA, Kenya - Gunmen attacked a police station in Garissa on Monday.", "Battles", "Armed clash"),
    ("MAIDUGURI, Nigeria - Troops recaptured Bama from the insurgents on Tuesday.", "Battles",
     "Government regains territory"),
    ("MAIDUGURI, Nigeria - Insurgents captured the town of Bama on Monday.", "Battles",
     "Non-state actor overtakes territory"),
    # Explosions/Remote violence
    ("DOUMA, Syria - A chemical attack was reported in Douma on Saturday.", "Explosions/Remote violence",
     "Chemical weapon"),
    ("RAFAH - Air strikes hit Rafah overnight.", "Explosions/Remote violence", "Air/drone strike"),
    ("KONGOUSSI, Burkina Faso - Army aircraft struck rebel positions near Kongoussi.", "Explosions/Remote violence",
     "Air/drone strike"),
    ("KABUL, Afghanistan - A suicide bomber blew himself up outside a mosque in Kabul.",
     "Explosions/Remote violence", "Suicide bomb"),
    ("KHARKIV, Ukraine - Artillery shelled Kharkiv overnight.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("AFGOYE, Somalia - A roadside bomb exploded near a convoy in Afgoye.", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("NAIROBI, Kenya - A man threw a grenade into a bar in Eastleigh.", "Explosions/Remote violence", "Grenade"),
    # Violence against civilians
    ("KIBERA, Kenya - Two girls were raped in Kibera on Sunday.", "Violence against civilians", "Sexual violence"),
    ("MANDERA, Kenya - Gunmen stabbed two traders in Mandera on Sunday.", "Violence against civilians", "Attack"),
    ("MANDERA, Kenya - Gunmen kidnapped three aid workers in Mandera on Sunday.", "Violence against civilians",
     "Abduction/forced disappearance"),
    # Protests
    ("NAKURU, Kenya - Traders marched through Nakuru on Monday.", "Protests", "Peaceful protest"),
    ("KISUMU, Kenya - Police broke up a rally in Kisumu on Monday.", "Protests", "Protest with intervention"),
    ("LAGOS, Nigeria - Soldiers shot dead 12 protesters at a toll gate in Lagos.", "Protests",
     "Excessive force against protesters"),
    # Riots
    ("KISUMU, Kenya - Residents engaged police in running battles in Kisumu.", "Riots", "Violent demonstration"),
    ("KISUMU, Kenya - A mob lynched a suspected thief in Kisumu on Sunday.", "Riots", "Mob violence"),
    ("SYLHET, Bangladesh - Supporters of two rival candidates clashed in Sylhet on Monday.", "Riots", "Mob violence"),
    # Strategic developments
    ("JUBA, South Sudan - The two sides signed a ceasefire agreement in Juba on Monday.", "Strategic developments",
     "Agreement"),
    ("MOMBASA, Kenya - Police defused a bomb in Mombasa on Monday.", "Strategic developments",
     "Disrupted weapons use"),
    ("MOMBASA, Kenya - Police seized weapons and ammunition in Mombasa on Monday.", "Strategic developments",
     "Disrupted weapons use"),
    ("GAO, Mali - Soldiers set up a new military base in Gao.", "Strategic developments",
     "Headquarters or base established"),
])
def test_each_acled_class(text, event_type, sub_event_type):
    assert (event_type, sub_event_type) in _acled(text)


def test_who_attacks_decides_battle_or_violence_against_civilians():
    assert "armed_clash" in _types("GARISSA, Kenya - Gunmen attacked soldiers in Garissa on Monday.")
    civilians = _types("GARISSA, Kenya - Gunmen attacked villagers in Garissa on Monday.")
    assert "armed_violence" in civilians and "armed_clash" not in civilians


def test_a_crowd_attacking_people_is_a_mob_outside_a_demonstration_and_a_riot_in_one():
    assert "mob_violence" in _types("SYLHET, Bangladesh - Members of the ruling party attacked opposition "
                                    "activists in Sylhet on Tuesday.")
    assert "riot" in _types("SYLHET, Bangladesh - Protesters attacked a passing motorist during the march in "
                            "Sylhet on Tuesday.")


def test_force_used_on_a_crowd_stays_force_not_a_battle():
    found = _types("NAIROBI, Kenya - Police fired tear gas at protesters in Nairobi on Monday.")
    assert "armed_violence" in found and "armed_clash" not in found


def test_an_attribution_is_not_a_side():
    # "police sources said" names no side of the shooting: militiamen firing on protesters is not a battle.
    found = _types("AMARA, Iraq - Guards of a militia opened fire on protesters in Amara, killing nine, "
                   "police sources said.")
    assert "armed_clash" not in found


def test_one_phrase_one_event():
    # "suicide bombing" is not also a bomb; "seized weapons" is not a seizure of ground; "defused a bomb" is
    # no explosion; "stun grenades" are force used on a crowd, not a grenade attack.
    assert "remote_explosive" not in _types("KABUL, Afghanistan - A suicide bombing hit Kabul on Monday.")
    assert "security_control" not in _types("MOMBASA, Kenya - Police seized weapons in Mombasa on Monday.")
    assert "remote_explosive" not in _types("MOMBASA, Kenya - Police defused a bomb in Mombasa on Monday.")
    assert "grenade" not in _types("MINSK, Belarus - Police fired stun grenades in Minsk on Monday.")


def test_courtroom_words_and_tear_gas_are_not_these_events():
    assert "sexual_violence" not in _types("DAKAR, Senegal - A court in Dakar acquitted him of rape on Thursday.")
    assert "chemical_weapon" not in _types("NAIROBI, Kenya - Police fired tear gas in Nairobi on Monday.")
    assert "armed_violence" not in _types("MINNEAPOLIS (AP) - The officer was charged with murder in Minneapolis.")


def test_civilian_groups_clashing_are_mob_violence_not_an_attack():
    found = _types("KUSHTIA, Bangladesh - Two groups of villagers clashed over a land dispute in Kushtia on Monday.")
    assert "mob_violence" in found and "armed_violence" not in found
    assert "mob_violence" in _types("SYLHET, Bangladesh - Two factions of the ruling party engaged in a clash in "
                                    "Sylhet on Monday.")


def test_headline_present_tense_is_a_report():
    assert "armed_violence" in _types("TURKANA, Kenya - Bandits raid villages, attack civilians in Lodwar.")
    assert "casualties" in _types("LODWAR, Kenya - A gang kills two herders in Lodwar.")
    assert "grenade" in _types("MANDERA, Kenya - Gunmen hurled explosives at a government office in Mandera.")


def test_a_party_or_village_group_attacking_people_or_bombing_is_a_riot_not_an_armed_attack():
    assert "mob_violence" in _types("DHAKA, Bangladesh - Student league members assaulted five students in Dhaka "
                                    "on Monday.")
    assert "mob_violence" in _types("KAPASIA, Bangladesh - Villagers assaulted two men in Kapasia on Monday.")
    found = _types("DHAKA, Bangladesh - Rioters exploded crude bombs near a police box in Dhaka.")
    assert "riot" in found and "remote_explosive" not in found
    # Armed men are not a crowd: their attack on protesters stays an attack.
    found = _types("ABUJA, Nigeria - Young men armed with machetes attacked protesters in Kubwa.")
    assert "armed_violence" in found and "mob_violence" not in found


def test_ethnic_groups_clans_and_herders_fighting_are_battles_of_identity_militias():
    assert "armed_clash" in _types("MOYALE, Kenya - Five people were killed in Moyale after clashes between two "
                                   "rival clans.")
    assert "armed_clash" in _types("NAROK, Kenya - Herders and farmers clashed near Narok on Monday.")
    # Villagers are not an identity militia: their clash is mob violence.
    assert "armed_clash" not in _types("KUSHTIA, Bangladesh - Two groups of villagers clashed in Kushtia.")


def test_a_battle_between_forces_and_fighters_and_a_shoot_out():
    assert "armed_clash" in _types("LAMU, Kenya - A battle between security personnel and militant fighters "
                                   "near Lamu left five dead.")
    assert "armed_clash" in _types("MANDERA, Kenya - Police officers engaged in a shoot out with militants in "
                                   "Mandera.")


def test_mob_killings_violent_protests_and_found_explosives():
    assert "mob_violence" in _types("KILGORIS, Kenya - A mob kills a suspected thief in Kilgoris.")
    assert "riot" in _types("LAMU, Kenya - Students of a Lamu school went on a violent protest on Monday.")
    # A past protest named in passing is not an event of this article.
    assert "riot" not in _types("BISHKEK, Kyrgyzstan - He is serving a sentence over his role in violent "
                                "protests in 2013.")
    assert "disrupted_weapons" in _types("NAKURU, Kenya - An explosive device was found in Nakuru on Monday.")
    # Petrol bombs thrown by a crowd are its riot, not a bombing.
    found = _types("TBILISI, Georgia - Protesters hurled stones and petrol bombs at police in Tbilisi.")
    assert "riot" in found and "remote_explosive" not in found


def test_headline_kill_is_a_report_but_a_threat_to_kill_is_not():
    assert "casualties" in _types("LODWAR, Kenya - Raiders kill two herders near Lodwar.")
    assert "casualties" not in _types("NAIROBI, Kenya - The group threatened to kill the minister in Nairobi.")
    assert "armed_clash" in _types("MANDERA, Kenya - Gunmen shoot a policeman dead in Mandera.")


def test_a_crowd_beating_someone_up_is_mob_violence_police_doing_it_is_force():
    assert "mob_violence" in _types("KITUI, Kenya - Voters in Kitui beat up a county official on Monday.")
    found = _types("NAIROBI, Kenya - Police beat up protesters in Nairobi on Monday.")
    assert "armed_violence" in found and "mob_violence" not in found


def test_petrol_bombs_are_not_remote_explosives():
    assert "remote_explosive" not in _types("TBILISI, Georgia - Police hurled stones and petrol bombs at the "
                                            "crowd in Tbilisi.")


def test_code_sentence_codes_a_given_type_by_the_machines_rules():
    """An analyst's type for a sentence (a retype) is coded as the machine codes its own: who acts recodes it at
    a trigger of that type, and the actors are sided by the resulting event type."""
    from incidentmap.incidents.coding import code_sentence

    arson = "Protesters set fire to the governor's office in Almaty on Wednesday."
    event, sub, coded = code_sentence("looting_arson", arson, country_code="KZ")
    assert (event, sub) == ("Riots", "Violent demonstration")  # a crowd's arson, not the type's own mapping
    assert [(a.name, int(a.inter), a.side) for a in coded] == [("Rioters (Kazakhstan)", 5, 1)]
    # the same crowd in a protest is protesters
    event, sub, coded = code_sentence("protest", arson, country_code="KZ")
    assert (event, coded[0].name) == ("Protests", "Protesters (Kazakhstan)")
    # no word of the type in the sentence: the type's own ACLED types (nothing to recode at)
    kind = incident_types()["looting_arson"]
    event, sub, _ = code_sentence("looting_arson", "Thousands marched through Almaty on Wednesday.", country_code="KZ")
    assert (event, sub) == (kind.acled_event_type, kind.acled_sub_event_type)
    arrest = "Police detained twelve protesters in Almaty on Wednesday."
    event, sub, coded = code_sentence("arrest", arrest, country_code="KZ")
    assert (sub, coded[0].name, coded[0].side) == ("Arrests", "Police Forces of Kazakhstan", 1)


def test_a_sentence_s_memo_changes_no_recoded_sub_event():
    # recoded_sub_event keeps its sentence-wide tests in a memo for the sentence's other triggers (speed): every
    # trigger of every type must get what it gets alone, whichever trigger filled the memo first.
    from pathlib import Path

    from incidentmap.incidents.coding import recoded_sub_event
    from incidentmap.incidents.cues import _clauses
    from incidentmap.incidents.lexicon_data import _find_triggers, lexicon
    from incidentmap.segment import sentences

    lex = lexicon()
    slugs = ["casualties", "armed_violence", "looting_arson", "checkpoint", "riot", "protest"]
    recoded = 0
    for path in sorted((Path(__file__).resolve().parent.parent / "data" / "devset").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s in sentences(text):
            sentence = text[s.start:s.end]
            triggers = _find_triggers(sentence, lex)
            clauses = _clauses(sentence)
            memo: dict = {}
            for trig in triggers + triggers[::-1]:
                clause = next((c for c in clauses if c[0] <= trig.start < c[1]), (0, len(sentence)))
                for slug in slugs:
                    alone = recoded_sub_event(slug, trig, sentence, clause, lex)
                    assert recoded_sub_event(slug, trig, sentence, clause, lex, memo=memo) == alone, sentence
                    recoded += bool(alone)
    assert recoded  # the dev set has sentences that recode


def test_armed_sides_stem_shortcut_answers_as_the_full_test():
    # _armed_sides_only returns early when no stem of armed groups or of state forces occurs in the sentence
    # (speed): it must answer as the test on the sentence with its attributions blanked.
    from pathlib import Path

    from incidentmap.incidents.actors import ARMED
    from incidentmap.incidents.actors import ATTRIBUTION
    from incidentmap.incidents.coding import _armed_sides_only
    from incidentmap.incidents.lexicon_data import ActorRole, lexicon
    from incidentmap.incidents.sides import CROWD, STATE, _has
    from incidentmap.segment import sentences

    lex = lexicon()
    root = Path(__file__).resolve().parent.parent
    texts = [t[s.start:s.end] for folder in ("devset", "heldout2") for p in sorted((root / "data" / folder).glob("*.txt"))
             for t in [p.read_text(encoding="utf-8")] for s in sentences(t)]
    texts += ["Militants attacked soldiers, police said.", "Gunmen killed a police officer, according to the army."]
    answers = []
    for sentence in texts:
        sides = ATTRIBUTION.sub(" ", sentence)
        full = (_has(lex, ARMED, sides) and _has(lex, STATE, sides)
                and not _has(lex, (ActorRole.CIVILIANS, *CROWD), sides))
        assert _armed_sides_only(sentence, lex) == full, sentence
        answers.append(full)
    assert any(answers) and not all(answers)


def test_stem_shortcut_of_the_word_patterns_finds_what_the_search_finds():
    """sides._found (used by sides and coding) skips a search when the folded text holds none of the pattern's
    stems: on dev-set sentences (and odd casings) it must answer as the search does."""
    import re
    from pathlib import Path

    from incidentmap.incidents import coding, sides
    from incidentmap.incidents.actors import _GROUP_MEMBERS
    from incidentmap.incidents.lexicon_data import fold

    patterns = [_GROUP_MEMBERS, sides._CIVIL_GROUPS, sides._MEMBERS, sides._RIOTERS, coding._RIOTING,
                sides._DEMONSTRATION, coding._DISPERSE, coding._DEATHS, sides._IDENTITY_GROUPS, sides._AIR]
    root = Path(__file__).resolve().parent.parent / "data" / "devset"
    sentences = [s for path in sorted(root.glob("*.txt"))
                 for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))]
    sentences += ["PROTESTERS were KILLED", "Rioters \u017ftormed", "Members of the \u017ftudents' union",
                  "\u0130stanbul rally", "a DEMONSTRATION dispersed", "villagers, Villagers and VILLAGERS",
                  "Warplanes and HELICOPTERS", "Tribal clashes"]
    found = 0
    for sentence in sentences:
        for p in patterns:
            expected = p.search(sentence) is not None
            assert sides._found(p, sentence, fold(sentence)) == expected, (p.pattern, sentence)
            found += expected
    assert found
    assert all(sides._STEMS[p.pattern] for p in patterns)  # each has stems: the shortcut is in use
