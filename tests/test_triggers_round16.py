"""Triggers, sixteenth round (issue 11): classes found on the dev pool of ACLED notes (held seeds left out), tested in
our own sentences."""

import pytest

from incidentmap.incidents.coding import acled_types
from incidentmap.pipeline import analyze


def event_types(text: str) -> set[tuple[str, str]]:
    return {acled_types(i) for i in analyze(text).incidents}


@pytest.mark.parametrize("text", [
    "Hundreds of traders demonstrated violently in Eldoret over new market fees.",
    "Police fired tear gas to disperse violent residents of Kondele who were protesting over water shortages.",
    "Rowdy youths disrupted the governor's rally in Kakamega on Saturday.",
    "Unruly supporters blocked the highway at Kericho after the nominations.",
])
def test_a_crowd_the_text_calls_violent_or_rowdy_acting_is_a_violent_demonstration(text):
    assert ("Riots", "Violent demonstration") in event_types(text), text


@pytest.mark.parametrize("text", [
    "The ministry condemned the violent protesters, saying the unrest had gone too far.",
    "Police arrested five rowdy youths in Nakuru on Monday.",
])
def test_a_crowd_only_called_violent_reports_no_riot(text):
    assert ("Riots", "Violent demonstration") not in event_types(text), text


def test_rowdy_youths_attacking_people_stay_mob_violence():
    found = event_types("A group of rowdy youths attacked a former minister at the polling centre in Kisumu.")
    assert ("Riots", "Mob violence") in found and ("Riots", "Violent demonstration") not in found


@pytest.mark.parametrize("text", [
    "Police assault journalists covering a political rally in Kisumu.",
    "Armed men believed to be from a rival clan assault four farmers near Wajir.",
    "An off-duty officer attack a 68 year old woman in her home in Busia.",
])
def test_the_present_tense_of_an_assault_on_persons_reports_an_attack(text):
    assert ("Violence against civilians", "Attack") in event_types(text), text


@pytest.mark.parametrize("text", [
    "Students protested in Sylhet against the assault on protesters by party activists.",
    "Police seized assault rifles from the suspects in Garissa.",
])
def test_an_assault_named_as_a_noun_or_a_weapon_is_no_new_attack(text):
    assert "armed_violence" not in {i.incident_type for i in analyze(text).incidents}, text


@pytest.mark.parametrize("text", [
    "Political activists (affiliation not known) march in Kapsabet for unknown reason.",
    "Around Oct 26th 2019 (exact date not reported) clashes took place in Narok between two clan militias.",
])
def test_a_negation_inside_an_aside_does_not_cancel_the_event(text):
    assert analyze(text).incidents, text


@pytest.mark.parametrize("text", [
    "No (official) protests took place in Kisumu.",
    "Residents did not (as had been feared) riot in Kisumu.",
])
def test_a_negation_around_an_aside_still_cancels_it(text):
    assert not analyze(text).incidents, text


@pytest.mark.parametrize("text", [
    "The home of the governor's adviser was petrol bombed by unidentified attackers in Siaya.",
    "Unidentified assailants petrol bomb a civilian couple's house in Migori.",
    "Youths hurled a petrol bomb at a police station in Kisumu.",
])
def test_a_petrol_bombing_in_the_passive_or_a_petrol_bomb_hurled_is_reported(text):
    assert "looting_arson" in {i.incident_type for i in analyze(text).incidents}, text


@pytest.mark.parametrize("text", [
    "Armed gangsters raided a petrol station in Oyugis town on Sunday.",
    "An armed gang raids an election office in Kwale, stealing a firearm from a police officer.",
])
def test_a_gang_raiding_or_attacking_reports_an_armed_attack(text):
    assert "armed_violence" in {i.incident_type for i in analyze(text).incidents}, text
