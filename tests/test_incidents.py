"""Incident extraction on short texts written for these tests."""

import datetime as dt

import pytest

from incidentmap.pipeline import analyze

SAT = dt.date(2024, 3, 16)  # a Saturday


def incidents(text, published=SAT):
    return analyze(text, published=published).incidents


def kinds(text, published=SAT):
    return sorted({(i.incident_type, i.place.name) for i in incidents(text, published)})


def test_location_is_where_it_happened_not_the_origin():
    found = incidents("DUSHANBE, Tajikistan - Hundreds of soldiers from Uzbekistan and Turkmenistan "
                      "arrived in the country on Friday.")
    troops = [i for i in found if i.incident_type == "troop_deployment"]
    assert len(troops) == 1
    assert troops[0].place.name == "Tajikistan" and troops[0].place.precision == "country"
    assert any("Uzbekistan" in a for a in troops[0].actors)
    assert troops[0].date == "2024-03-15" and troops[0].date_precision == "day"


def test_several_incidents_in_one_sentence_get_their_own_places():
    found = incidents("ALMATY, Kazakhstan - Crowds stormed the city hall and overran the airport on Thursday.")
    riots = sorted((i.place.name for i in found if i.incident_type == "riot"))
    assert riots == ["Almaty City Hall", "Almaty International Airport"]


@pytest.mark.parametrize("sentence", [
    "The border crossing with China kept operating normally.",
    "No clashes or protests were reported in the south of Kyrgyzstan.",
    "Shops in the old town of Osh stayed open and no one was arrested.",
    "Police said nobody was injured and there were no arrests.",
])
def test_negated_and_non_events_are_not_incidents(sentence):
    assert incidents("BISHKEK, Kyrgyzstan - " + sentence) == []


def test_planned_events_are_marked_planned():
    found = incidents("TBILISI, Georgia - Opposition groups plan a rally outside parliament next week.")
    assert found and all(i.status == "planned" for i in found)
    assert {i.incident_type for i in found} == {"protest"}


def test_no_place_in_sentence_uses_the_nearest_earlier_place_of_the_paragraph():
    text = ("YANGON, Myanmar - Troops took up positions in Mandalay on Tuesday. "
            "Later, soldiers fired rubber bullets at the crowd.")
    shots = [i for i in incidents(text) if i.incident_type == "armed_violence"]
    assert shots and shots[0].place.name == "Mandalay"


def test_countrywide_blackout_has_country_precision():
    found = incidents("DHAKA, Bangladesh - Authorities shut down the internet on Thursday.")
    blackout = [i for i in found if i.incident_type == "comms_blackout"]
    assert blackout and blackout[0].place.precision == "country" and blackout[0].place.country_code == "BD"


def test_acled_numbers_lowest_figure_and_words():
    found = incidents("LIMA, Peru - Dozens of people were killed in Juliaca on Monday, officials said.")
    cas = [i for i in found if i.incident_type == "casualties"]
    assert cas and cas[0].fatalities == 12 and cas[0].place.name == "Juliaca"
    found = incidents("LIMA, Peru - At least 17 people were arrested in Lima on Sunday.")
    arrests = [i for i in found if i.incident_type == "arrest"]
    assert arrests and arrests[0].arrests == 17


def test_dates_relative_to_publication():
    found = incidents("NAIROBI, Kenya - Police fired tear gas at protesters on Tuesday.")
    assert {i.date for i in found} == {"2024-03-12"}
    found = incidents("NAIROBI, Kenya - Police have fired tear gas at protesters over the past three days.")
    assert {i.date_precision for i in found} == {"range"}


def test_undated_sentence_gets_publication_date_flagged_unknown():
    found = incidents("NAIROBI, Kenya - Police fired tear gas at protesters.")
    assert found and all(i.date == SAT.isoformat() and i.date_precision == "unknown" for i in found)


def test_evidence_offsets_point_into_the_text():
    text = ("KHARTOUM, Sudan - Soldiers opened fire on the sit-in.\n\n"
            "In Omdurman, crowds set tyres ablaze and dozens were detained.")
    for inc in analyze(text, published=SAT).incidents:
        assert text[inc.start:inc.end] == inc.evidence
        assert inc.trigger.casefold() in inc.evidence.casefold()


def test_ids_are_stable_across_runs():
    text = "KHARTOUM, Sudan - Soldiers opened fire on the sit-in and arrested 40 people."
    assert [i.id for i in incidents(text)] == [i.id for i in incidents(text)]
    ids = [i.id for i in incidents(text)]
    assert len(ids) == len(set(ids))


def test_riot_police_are_not_a_riot_and_air_strikes_are_not_a_strike():
    found = kinds("KYIV, Ukraine - Riot police stood by while air strikes hit the outskirts of Kyiv.")
    assert ("riot", "Kyiv") not in found and ("protest", "Kyiv") not in found


def test_every_type_in_the_taxonomy_can_be_found():
    from incidentmap.taxonomy import incident_types

    text = ("MINSK, Belarus - Thousands of demonstrators marched through Minsk on Sunday. "
            "Rioters stormed a police station in Minsk. Shops were looted and cars set on fire in Minsk. "
            "Police fired tear gas in Minsk. Two people were killed in Minsk. "
            "Police arrested 300 protesters in Minsk. Reinforcements from Russia arrived in Minsk. "
            "Troops patrolled the streets of Minsk. Police set up roadblocks around Minsk. "
            "A curfew was imposed in Minsk. Authorities shut down the internet in Belarus. "
            "The prime minister resigned. Banks were closed in Minsk and fuel shortages were reported.")
    # The types ACLED codes beyond unrest: battles, remote violence, violence against civilians, and the rest.
    conflict = ("GAO, Mali - Soldiers exchanged fire with militants in Gao on Monday. "
                "Rebels captured the town of Tessalit. Troops recaptured Tessalit from the rebels on Friday. "
                "A chemical attack was reported in Gao. Drone strikes hit Gao. A suicide bomber struck in Gao. "
                "Artillery shelled Gao. A roadside bomb exploded near Gao. A man threw a grenade into a bar in Gao. "
                "Two women were raped in Gao. Gunmen kidnapped three aid workers in Gao. "
                "Police broke up a protest in Gao. Soldiers shot dead 12 protesters in Gao. "
                "A mob lynched a suspected thief in Gao. The two sides signed a ceasefire agreement in Gao. "
                "Police defused a bomb in Gao. Soldiers set up a new military base near Gao.")
    found = {i.incident_type for i in incidents(text)} | {i.incident_type for i in incidents(conflict)}
    assert found == set(incident_types())


def test_quoted_speech_is_not_a_report():
    found = incidents('KHARTOUM, Sudan - "They came to kill us and burn the tents," said one protester, '
                      "a student who was arrested on Monday.")
    assert {i.incident_type for i in found} == {"arrest"}


def test_the_scene_carries_to_the_next_sentences():
    text = ("MANILA, Philippines - Protesters occupied the terminal of Ninoy Aquino International Airport on Monday. "
            "Police moved in shortly after midnight. Officers arrested at least 20 people.")
    found = incidents(text)
    places = {i.incident_type: i.place.name for i in found}
    assert places["arrest"] == places["troop_deployment"] == places["riot"]
    assert "Airport" in places["arrest"]


def test_a_citywide_measure_after_a_site_is_at_the_city():
    text = "ALMATY, Kazakhstan - Troops guarded the main square on Friday. A curfew was imposed at night."
    curfew = [i for i in incidents(text) if i.incident_type == "curfew"]
    assert curfew and curfew[0].place.name == "Almaty" and curfew[0].place.precision == "city"


def test_a_national_tally_is_at_the_country():
    text = ("LIMA, Peru - Police fired tear gas in Juliaca on Monday. "
            "The interior ministry said 300 people had been arrested since the protests began.")
    arrests = [i for i in incidents(text) if i.incident_type == "arrest"]
    assert arrests and arrests[0].place.kind == "country" and arrests[0].arrests == 300


def test_speakers_are_not_scenes():
    found = incidents("KYIV, Ukraine - Russia said on Monday that its troops had arrived in Belgorod.")
    troops = [i for i in found if i.incident_type == "troop_deployment"]
    assert troops and troops[0].place.name == "Belgorod"


def test_who_occupies_decides_the_type():
    assert {i.incident_type for i in incidents("QUITO, Ecuador - Protesters occupied the legislature.")} == {"riot"}
    assert {i.incident_type for i in incidents("QUITO, Ecuador - Soldiers occupied the legislature.")} \
        == {"security_control"}


def test_blocking_platforms_is_a_blackout_not_a_checkpoint():
    found = incidents("DAKAR, Senegal - The government restricted access to Facebook and WhatsApp on Thursday.")
    assert {i.incident_type for i in found} == {"comms_blackout"}


def test_people_as_the_object_of_an_act_are_not_a_protest():
    found = incidents("HONG KONG (AP) - Some travellers shouted at the demonstrators in Hong Kong on Monday.")
    assert found == []


def test_protesters_met_with_force_were_protesting():
    found = kinds("NAIROBI, Kenya - Police fired tear gas at protesters in Nakuru on Tuesday.")
    assert found == [("armed_violence", "Nakuru"), ("protest", "Nakuru")]
    # …but protesters doing the storming are the riot, not a separate protest.
    assert kinds("NAIROBI, Kenya - Protesters stormed the parliament on Tuesday.") == \
        [("riot", "Nairobi parliament")]


def test_time_anchors_are_not_reports():
    found = kinds("YANGON, Myanmar - Soldiers have guarded the ministries since the coup, and 300 people have "
                  "died since the protests began.")
    assert ("political", "Yangon") not in found and not any(t == "protest" for t, _ in found)
    assert any(t == "casualties" for t, _ in found)


def test_situation_report_bullets():
    text = ("MAPUTO, Mozambique - Situation update, 8 November\n"
            "- Curfew: 19:00 to 06:00 in Maputo and Matola\n- Roads blocked in Beira\n")
    assert kinds(text, dt.date(2024, 11, 8)) == [("checkpoint", "Beira"), ("curfew", "Maputo"), ("curfew", "Matola")]


@pytest.mark.parametrize("text, kind, place", [
    # a city named with its region: the city is where it happened
    ("Police in Gwadar, in Balochistan province, detained 14 fishermen on Friday.", "arrest", "Gwadar"),
    # the region opens the sentence, the act names a town inside it
    ("In the Borno State, insurgents attacked a military base outside Maiduguri on Friday.",
     "armed_clash", "Maiduguri"),  # (insurgents attacking a base: a battle, tests/test_sides_round17.py)
])
def test_a_finer_place_inside_the_region_is_the_scene(text, kind, place):
    assert (kind, place) in kinds(text)
    assert not any(k == kind and p in ("Balochistan", "Borno") for k, p in kinds(text))


def test_a_region_listed_with_other_places_keeps_its_incident():
    # Quetta lies in Balochistan, but it is not where the schools were closed: the list is
    found = kinds("Schools were closed in Balochistan and Sindh, and traders in Quetta went on strike on Friday.")
    assert ("humanitarian", "Balochistan") in found and ("humanitarian", "Sindh") in found


def test_a_city_outside_the_region_does_not_replace_it():
    found = kinds("Troops were deployed in Sindh on Friday, and in the capital, Islamabad.")
    assert ("troop_deployment", "Sindh") in found


def test_a_generic_site_belongs_to_the_scene_not_to_where_people_came_from():
    found = incidents("JAKARTA, Indonesia — Workers who travelled from Surabaya and Medan rallied outside the "
                      "parliament on Monday.")
    protests = [i for i in found if i.incident_type == "protest"]
    assert protests and all("Medan" not in i.place.name and "Surabaya" not in i.place.name for i in protests)
    from incidentmap.geo import haversine_m
    assert all(haversine_m(i.place.lat, i.place.lon, -6.2, 106.8) < 30_000 for i in protests)  # in Jakarta


@pytest.mark.parametrize(("text", "expected"), [
    # Crowds clashing with each other are ACLED's Riots: outside a demonstration (party supporters, a movement's
    # members) mob violence, demonstrators a violent demonstration.
    ("Supporters of two rival candidates clashed in Nairobi on Monday.", "mob_violence"),
    ("Members of the ruling party clashed with opposition activists in Dhaka on Tuesday.", "mob_violence"),
    ("Protesters clashed with counter-demonstrators in Dhaka on Tuesday.", "riot"),
    # Armed men clashing fight (ACLED: Battles); with the police or troops a crowd's clash stays force used on it.
    ("Militants clashed with soldiers near Garissa on Monday.", "armed_clash"),
    ("Police clashed with protesters in Nairobi on Monday.", "armed_violence"),
])
def test_who_clashes_decides_riot_or_armed_violence(text, expected):
    types = {i.incident_type for i in analyze(text, published=dt.date(2024, 8, 6)).incidents if i.trigger.startswith("clash")}
    assert types == {expected}


def test_a_past_weekday_before_an_appeal_dates_the_appeal_not_a_week_ahead():
    # Published Saturday 8 January 2022: "on Wednesday appealed" is Wednesday 5 January, and the troops
    # the appeal asks for are planned, dated by the appeal, never a week after publication.
    found = incidents("ALMATY, Kazakhstan - President Kassym-Jomart Tokayev on Wednesday appealed to Russia "
                      "and its allies to send troops to Almaty.", published=dt.date(2022, 1, 8))
    assert found
    assert all(i.date == "2022-01-05" for i in found)
    troops = [i for i in found if i.incident_type == "troop_deployment"]
    assert troops and troops[0].status == "planned"


@pytest.mark.parametrize(("sentence", "date"), [
    ("Protests will be held in Nairobi on Sunday.", "2024-03-17"),
    ("On Sunday, protests will be held in Nairobi.", "2024-03-17"),
    ("A march is planned in Nairobi for Tuesday.", "2024-03-19"),
    ("Opposition leaders called on supporters to march in Nairobi tomorrow.", "2024-03-17"),
    ("Unions have called a nationwide strike in Nairobi for Thursday.", "2024-03-21"),
])
def test_an_announced_event_is_planned_with_its_future_date(sentence, date):
    found = [i for i in incidents("NAIROBI, Kenya - " + sentence) if i.incident_type == "protest"]
    assert found and all(i.status == "planned" for i in found)
    assert found[0].date == date


@pytest.mark.parametrize("sentence", [
    "Protesters clashed with police in Nairobi next Monday.",
    "Police arrested 12 protesters in Nairobi tomorrow.",
    "Police dispersed a march in Nairobi on 20 March 2024.",
])
def test_a_reported_event_is_never_dated_after_publication(sentence):
    found = incidents("NAIROBI, Kenya - " + sentence)
    assert found
    for i in found:
        assert i.status == "reported"
        assert dt.date.fromisoformat(i.date.split("/")[-1]) <= SAT


def test_an_ongoing_measure_that_will_remain_is_reported():
    found = incidents("NAIROBI, Kenya - The curfew in Nairobi will remain in place until Monday.")
    assert found and all(i.status == "reported" for i in found)


# ----------------------------------------------------------------- no silent drops (issue 11 item 4)


def test_an_event_in_an_article_without_any_place_is_kept_without_a_location():
    found = incidents("Gunmen attacked a bus, killing 4 passengers. Police arrested two suspects.")
    assert {i.incident_type for i in found} >= {"armed_violence", "arrest"}
    assert all(i.place is None and i.mention == "" for i in found)
    casualties = [i for i in found if i.incident_type == "casualties"]
    assert casualties and casualties[0].fatalities == 4


def test_an_unresolved_scene_falls_back_to_the_place_the_article_supports():
    # "Kibwezi-Nduu" is no place the gazetteer knows; the dateline's city and the country are.
    found = incidents("NAIROBI, Kenya - Gunmen attacked a bus near Kibwezi-Nduu, killing 4 passengers.")
    assert found and all(i.place is not None for i in found)
    assert {i.place.country_code for i in found} == {"KE"}


def test_an_event_in_a_note_naming_only_the_country_is_at_the_country_with_its_radius():
    found = incidents("Kenya.\n\nGunmen attacked a bus near an unnamed village, killing 4 passengers.")
    assert found and all(i.place is not None and i.place.precision == "country" for i in found)
    assert all(i.place.uncertainty_m >= 400_000 for i in found)  # Kenya is ~1,000 km across


def test_an_undated_sentence_after_the_lede_is_of_the_ledes_day():
    # Published Saturday 16 March 2024: the lede says Friday; later sentences tell the same day's events.
    text = ("NAIROBI, Kenya - Police fired tear gas at protesters in Nairobi on Friday.\n\n"
            "Crowds later looted shops in the city centre.\n\n"
            "Opposition leaders said they would hold another march in Nairobi.")
    found = incidents(text)
    looting = [i for i in found if i.incident_type == "looting_arson"]
    assert looting and looting[0].date == "2024-03-15"
    planned = [i for i in found if i.status == "planned"]
    assert planned and all(i.date == "2024-03-16" and i.date_precision == "unknown" for i in planned)


def test_a_date_after_the_lede_does_not_date_undated_sentences():
    # The first sentence has no date: a later sentence's weekday is no lede, undated sentences keep the
    # publication day (flagged unknown).
    text = ("NAIROBI, Kenya - Troops have since arrived in Nairobi.\n\n"
            "The president on Wednesday appealed for calm.\n\nShops in Nairobi were looted.")
    looting = [i for i in incidents(text) if i.incident_type == "looting_arson"]
    assert looting and looting[0].date == "2024-03-16" and looting[0].date_precision == "unknown"


@pytest.mark.parametrize(("sentence", "date"), [
    ("Opposition leaders called for a march in Nairobi on March 20.", "2024-03-20"),  # ahead of publication
    ("Opposition leaders called for a march in Nairobi on March 12.", "2024-03-12"),  # the nearer reading
    ("Unions plan a strike in Nairobi next week.", "2024-03-18/2024-03-24"),
])
def test_an_announced_event_without_a_year_is_dated_nearest_publication(sentence, date):
    found = [i for i in incidents("NAIROBI, Kenya - " + sentence) if i.incident_type == "protest"]
    assert found and found[0].status == "planned" and found[0].date == date


def test_a_further_group_also_killed_is_summed_on_the_event():
    # ACLED sums the dead of one event over the groups a report names one by one; "also" marks a further group.
    found = incidents("A soldier was killed in Garissa when gunmen ambushed a patrol. "
                      "Two herders were also killed in the attack.")
    tolls = [i.fatalities for i in found if i.fatalities is not None]
    assert tolls == [3]
    # A later day's deaths are another event: no sum.
    found = incidents("A soldier was killed in Garissa when gunmen ambushed a patrol on Monday. "
                      "On Friday two herders were also killed in a separate attack.")
    assert sorted(i.fatalities for i in found if i.fatalities is not None) == [1, 2]
    # Without "also" the second figure is its own.
    found = incidents("A soldier was killed in Garissa when gunmen ambushed a patrol. "
                      "Two herders were killed in the attack.")
    assert sorted(i.fatalities for i in found if i.fatalities is not None) == [1, 2]


def test_cues_read_on_folded_text_answer_as_on_the_text():
    # Speed: the sentence's cues (time anchor, negation after, non-event clause, planned) run case-sensitively on
    # its folded text when it has one; without it they read the text. Both must answer alike for every trigger.
    from pathlib import Path

    from incidentmap.incidents.cues import _cancelled, _clauses
    from incidentmap.incidents.lexicon_data import _find_triggers, fold, lexicon
    from incidentmap.segment import sentences

    lex = lexicon()
    devset = Path(__file__).resolve().parent.parent / "data" / "devset"
    texts = [p.read_text(encoding="utf-8") for p in sorted(devset.glob("*.txt"))]
    odd = ["PROTESTS WERE NOT REPORTED, BUT SHOPS ſTAYED OPEN.", "Since the \u212aILLINGS began, police arrested 3."]
    checked = cancelled = 0
    for sentence in [t[s.start:s.end] for t in texts for s in sentences(t)] + odd:
        folded = fold(sentence)
        for trig in _find_triggers(sentence, lex):
            clause = next((c for c in _clauses(sentence) if c[0] <= trig.start < c[1]), (0, len(sentence)))
            plain = _cancelled(sentence, clause, trig, lex, {})
            assert _cancelled(sentence, clause, trig, lex, {}, folded) == plain, (sentence, trig)
            checked += 1
            cancelled += plain
    assert checked > 500 and 0 < cancelled < checked


def test_clause_boundaries_are_those_of_the_plainly_written_pattern():
    """cues._CLAUSE_RE is written for speed (a leading character set, each alternative's first character checked
    behind it); it must find exactly what the plain alternation finds, in dev-set sentences and at the edges."""
    import re
    from pathlib import Path

    from incidentmap.incidents.cues import _CLAUSE_RE

    plain = re.compile(r",\s*(?:but|while|although|though|whereas|yet|where|when|which|after|before)\b"
                       r"|;|\s+but\s+|\s+while\s+|\s[-—–]\s")
    root = Path(__file__).resolve().parent.parent / "data" / "devset"
    sentences = [s for path in sorted(root.glob("*.txt"))
                 for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))]
    sentences += ["a , but b", "x; y", "a  but  b", "a\u00a0but\tb", "a - b", "a — b", "a,but", ", ,which",
                  "a ;", " -- ", "a\n–\nb", "x, whereas", "x,  yetzi", "x,yet", "butter, while", ";;", "  while  "]
    for sentence in sentences:
        assert [m.span() for m in _CLAUSE_RE.finditer(sentence)] == [m.span() for m in plain.finditer(sentence)]


def test_word_pattern_is_the_plainly_written_one():
    """cues._WORD_RE opens with a character set for speed; it finds what [\\w'’-]+ finds."""
    import re
    from pathlib import Path

    from incidentmap.incidents.cues import _WORD_RE

    plain = re.compile(r"[\w'’-]+")
    root = Path(__file__).resolve().parent.parent / "data"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("devset/*.txt"))]
    texts.append("a-b c--d ’x’ 'y' _z_ 12-3 İstanbul ſ —dash— \u00a0x\u00a0 -word w-")
    for text in texts:
        for start in range(0, len(text), 37):
            window = text[start:start + 80]
            assert _WORD_RE.findall(window) == plain.findall(window)


def test_time_anchor_stems_hold_every_match():
    """cues._cancelled runs the time-anchor pattern only on windows holding one of its stems; a window the
    pattern matches must hold one (else the shortcut would drop a cancellation)."""
    import re
    from pathlib import Path

    from incidentmap.incidents.cues import _TIME_ANCHOR_FOLDED, _TIME_ANCHOR_STEMS
    from incidentmap.incidents.lexicon_data import fold

    assert _TIME_ANCHOR_FOLDED is not None and _TIME_ANCHOR_STEMS == ("since", "before", "until", "ahead")
    root = Path(__file__).resolve().parent.parent / "data" / "devset"
    texts = [fold(p.read_text(encoding="utf-8")) for p in sorted(root.glob("*.txt"))]
    texts.append(fold("Protests since the coup. Calm before the Storm march. Until next riots. Ahead of Friday protests"))
    hits = 0
    for text in texts:
        assert text is not None
        for end in range(1, len(text) + 1):
            window = text[max(0, end - 60):end]
            if _TIME_ANCHOR_FOLDED.search(window):
                hits += 1
                assert any(stem in window for stem in _TIME_ANCHOR_STEMS), window
    assert hits


def test_required_words_of_a_cue_hold_every_match():
    """cues.may_hold lets a sentence skip the scan for a cue when it holds none of the cue's required words;
    wherever a cue's folded twin matches, one of them must occur (dev-set sentences, every cue that has some)."""
    import re
    from pathlib import Path

    from incidentmap.incidents.cues import may_hold, required_words
    from incidentmap.incidents.lexicon_data import Cue, fold, lexicon

    lex = lexicon()
    planned = required_words(lex.folded[Cue.PLANNED].pattern)
    assert planned is not None and "called" in planned and "will" in planned  # ("ha(?:s|ve|d) called an?")
    assert required_words(r"(?:was|is) not") == ("not",) and required_words(r"\b(?:a|bc)\b") is None
    assert required_words(r"(?=[ab])\b(?:abc(?:de)?|b\w+cde)\b") == ("abc", "cde")
    assert required_words(r"\b(?:abc|xyz?w)\b") is None  # "xy" and "w" are too short to say anything
    root = Path(__file__).resolve().parent.parent / "data" / "devset"
    sentences = [f for path in sorted(root.glob("*.txt"))
                 for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")) if (f := fold(s))]
    from incidentmap.incidents.cues import _TIME_ANCHOR_FOLDED
    from incidentmap.incidents.extract import _BACKGROUND_FOLDED

    twins = [*lex.folded.values(), _TIME_ANCHOR_FOLDED, _BACKGROUND_FOLDED]
    for cue in (Cue.PLANNED, Cue.NON_EVENT, Cue.NEGATION_AFTER):
        assert required_words(lex.folded[cue].pattern) is not None  # the shortcut is in use for these
    checked = 0
    for twin in twins:
        assert twin is not None
        if required_words(twin.pattern) is None:
            continue
        for sentence in sentences:
            for start in range(0, len(sentence), 7):  # windows too: the cues search parts of sentences
                end = min(len(sentence), start + 60)
                if twin.search(sentence, start, end):
                    checked += 1
                    assert may_hold(twin, sentence, start, end), (twin.pattern, sentence[start:end])
    assert checked


def test_clause_boundaries_without_but_while_or_dash_need_only_punctuation():
    """cues._clauses uses _CLAUSE_PUNCT_RE for sentences without "but" or "while" after a space, or a spaced
    dash: there it must find what _CLAUSE_RE finds."""
    import re
    from pathlib import Path

    from incidentmap.incidents.cues import _CLAUSE_PUNCT_RE, _CLAUSE_RE, _SPACED_DASH, _after_space, _clauses

    root = Path(__file__).resolve().parent.parent / "data" / "devset"
    sentences = [s for path in sorted(root.glob("*.txt"))
                 for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8"))]
    sentences += ["a, which b; c", "x , after y", "a - b", "a\u00a0—\tb", "well-known, yet", "x; y, whereas z",
                  # "but" and "while" inside words, after other characters, after odd spaces
                  "they contributed, but not", "it contributed and distributed", "meanwhile awhile", "x\u00a0but y",
                  "a\u2003while b", "xbut y", "But y", "a,but b", "a;while b", "(but) x", "but x", "a \tbut\nb"]
    used = 0
    for sentence in sentences:
        if not _after_space(sentence, "but") and not _after_space(sentence, "while") \
                and not _SPACED_DASH.search(sentence):
            used += 1
            assert [m.span() for m in _CLAUSE_PUNCT_RE.finditer(sentence)] == \
                [m.span() for m in _CLAUSE_RE.finditer(sentence)], sentence
        bounds = [0] + [b for m in _CLAUSE_RE.finditer(sentence) for b in m.span()] + [len(sentence)]
        assert _clauses(sentence) == [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]
    assert used
    assert _SPACED_DASH.search("a\u00a0—\tb") and not _SPACED_DASH.search("well-known -x")
