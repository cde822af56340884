"""Who fought whom, eleventh round of issue 11 (our own sentences): a crowd a report calls rowdy is a violent one;
fights between rival supporters are a crowd's violence; forces killed in a present-tense report ("soldiers are
killed") and attackers shot dead by forces that intervened are a battle's dead."""

import datetime as dt

import pytest

from incidentmap.incidents.coding import acled_types
from incidentmap.pipeline import analyze


def _types(text: str) -> list[tuple[str, str]]:
    return [acled_types(i) for i in analyze(text, published=dt.date(2019, 10, 1)).incidents]


@pytest.mark.parametrize("text", [
    "Police fired into the air to disperse a rowdy crowd of voters in Nyeri.",
    "Police used tear gas to disperse striking teachers when the march became unruly in Kisumu.",
])
def test_force_on_a_crowd_called_rowdy_is_a_riot(text):
    assert ("Riots", "Violent demonstration") in _types(text)


def test_force_on_a_crowd_not_called_so_stays_a_protest():
    types = _types("Police used tear gas to disperse striking teachers in Kisumu.")
    assert ("Protests", "Protest with intervention") in types
    assert all(t != "Riots" for t, _ in types)


@pytest.mark.parametrize("text", [
    "Fights erupted between ODM supporters and supporters of a rival candidate at a rally in Kilifi.",
    "Scuffles broke out between rival youths outside the tallying centre in Kakamega.",
])
def test_fights_between_rival_supporters_are_mob_violence(text):
    assert ("Riots", "Mob violence") in _types(text)


def test_fighting_between_rebels_and_troops_is_no_mob():
    types = _types("Fighting broke out between rebels and government troops near Beni.")
    assert ("Battles", "Armed clash") in types
    assert ("Riots", "Mob violence") not in types


@pytest.mark.parametrize("text", [
    "Two soldiers are killed when gunmen ambush their convoy near Mandera.",
    "Three police officers are shot dead by bandits in Baringo.",
])
def test_forces_killed_in_the_present_tense_died_in_a_battle(text):
    assert ("Battles", "Armed clash") in _types(text)


def test_forces_that_kill_civilians_attack_them():
    # The object after the verb makes the officers the killers, not the dead.
    types = _types("Two officers killed three unarmed traders in Kisumu.")
    assert ("Violence against civilians", "Attack") in types


@pytest.mark.parametrize("text", [
    "Police intervened, shooting dead two of the attackers.",
    "Officers responded, shooting dead three of the raiders near Isiolo.",
])
def test_forces_shooting_attackers_dead_fight_them(text):
    assert ("Battles", "Armed clash") in _types(text)
    assert ("Violence against civilians", "Attack") not in _types(text)


@pytest.mark.parametrize("text", [
    "A livestock raid led to a clash between the two groups near Lokori.",
    "The two groups clashed over grazing land near Isiolo, leaving three injured.",
    "Herding families clashed over a borehole at Kargi.",
])
def test_groups_clashing_over_herds_grazing_or_water_are_livelihood_militias(text):
    assert ("Battles", "Armed clash") in _types(text)


@pytest.mark.parametrize("text", [
    "Two groups of students clashed at the school in Kisii.",
    "Villagers killed two suspected cattle thieves in Kuria.",
])
def test_other_groups_clashing_and_a_crowd_killing_thieves_stay_a_crowd(text):
    types = _types(text)
    assert ("Riots", "Mob violence") in types and ("Battles", "Armed clash") not in types


def test_detainees_taken_to_an_undisclosed_location_are_disappeared():
    types = _types("Police detained two men in Garissa; they were later taken to an undisclosed location.")
    assert ("Violence against civilians", "Abduction/forced disappearance") in types


@pytest.mark.parametrize("text", [
    "The minister was taken to an undisclosed location for his own safety during the riots in Nairobi.",
    "Police are hunting the gunmen, whose whereabouts remain unknown.",
])
def test_a_protected_person_or_a_suspect_at_large_is_not_disappeared(text):
    assert all(sub != "Abduction/forced disappearance" for _, sub in _types(text))


@pytest.mark.parametrize("text", [
    "Unknown assailants attacked a security checkpoint near Wajir, hurling grenades and firing their weapons.",
    "Militants ambushed a KDF patrol near Lamu on Sunday.",
    "Unknown assailants ambushed a Nairobi top cop on Saturday night and shot him.",
    "A police reservist has been killed and another injured near Wajir.",
])
def test_attacks_on_forces_their_posts_and_patrols_are_battles(text):
    assert ("Battles", "Armed clash") in _types(text)


@pytest.mark.parametrize("text", [
    "Protesters stormed a police station in Kisumu.",
    "Gunmen attacked a security guard at a bank in Nairobi.",
])
def test_a_crowd_storming_a_station_or_an_attack_on_a_guard_is_no_battle(text):
    assert ("Battles", "Armed clash") not in _types(text)


@pytest.mark.parametrize("text", [
    "Border police repulsed an attempted al Shabaab attack on their camp near Mandera.",
    "The militants laid siege to the town but were quickly repelled by government soldiers.",
    "Security forces pushed back the attackers after an hour near Garissa.",
])
def test_forces_that_repel_an_attack_fight_it(text):
    assert ("Battles", "Armed clash") in _types(text)


def test_two_peoples_clashing_are_identity_militias():
    assert ("Battles", "Armed clash") in _types("Turkana villagers clash with Karamojong over food aid near Lokiriama.")


@pytest.mark.parametrize(("text", "sub"), [
    ("Hundreds of opposition supporters were angry over the delay. Police intervened with tear gas in Kisumu.",
     "Protest with intervention"),
    ("Police fired tear gas and rubber bullets in Kisumu, killing one man.", "Excessive force against protesters"),
])
def test_crowd_control_weapons_are_used_on_a_crowd(text, sub):
    assert ("Protests", sub) in _types(text)


def test_crowd_control_weapons_on_armed_men_or_named_civilians_are_not_a_protest():
    assert ("Battles", "Armed clash") in _types("Police fired tear gas at gunmen holed up in a house in Mombasa.")
    assert all(t != "Protests" for t, _ in _types("Police used tear gas on residents fetching water in Garissa."))


@pytest.mark.parametrize("text", [
    "The ban sparked violent protests among traders in Mombasa.",
    "Rioters protested outside the police station in Nairobi, demanding the release of their leaders.",
])
def test_violent_protests_and_rioters_protesting_are_riots(text):
    assert ("Riots", "Violent demonstration") in _types(text)


def test_a_protest_against_violence_stays_a_protest():
    types = _types("Women protested against violence in Nakuru on Monday.")
    assert ("Protests", "Peaceful protest") in types and all(t != "Riots" for t, _ in types)


@pytest.mark.parametrize("text", [
    "On Monday police shot at protesters who had gathered to march in Siaya.",
    "Police teargassed university staff who were protesting at the ministry offices in Nairobi.",
    "Anti-abortion protesters gathered in central Nairobi, before being dispersed by police.",
    "Residents of Tseikuru protested against the commissioner. Police dispersed the group.",
])
def test_force_on_protesters_in_any_words_is_a_protest_with_intervention(text):
    assert ("Protests", "Protest with intervention") in _types(text)


def test_shooting_at_a_bus_is_still_an_attack():
    assert ("Violence against civilians", "Attack") in _types("Gunmen shot at a bus near Lamu on Sunday.")


def test_dispersing_rioters_is_their_riot():
    types = _types("Police dispersed rioters who had looted shops in Kisumu.")
    assert ("Riots", "Violent demonstration") in types and ("Protests", "Protest with intervention") not in types
