"""The dev-set scorer (bench/evaluate.py) on small hand-made fakes; never runs the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from bench import evaluate as ev

ROOT = Path(__file__).resolve().parent.parent

TEXT = (
    "KHARTOUM, Sudan (Reuters) — Police fired tear gas at protesters in Khartoum on Monday. "
    "Troops arrested 12 people near Khartoum airport. "
    "Hundreds marched in Omdurman, witnesses said.\n"
)
S1, S2, S3 = (TEXT.index(s) for s in ("KHARTOUM,", "Troops arrested", "Hundreds marched"))
S1_END, S2_END, S3_END = S2 - 1, S3 - 1, len(TEXT) - 1

KHARTOUM = (15.5007, 32.5599)
AIRPORT = (15.5903, 32.5530)
OMDURMAN = (15.6445, 32.4777)

GOLD = {
    "id": "toy",
    "published": "2019-06-04",
    "country_code": "SD",
    "focus": "Khartoum",
    "places": [
        {"mention": "Sudan", "name": "Sudan", "kind": "country", "precision": "country",
         "lat": 15.0, "lon": 30.0, "country_code": "SD"},
        {"mention": "KHARTOUM", "name": "Khartoum", "kind": "city", "precision": "city",
         "lat": KHARTOUM[0], "lon": KHARTOUM[1], "country_code": "SD"},
        {"mention": "Khartoum airport", "name": "Khartoum International Airport", "kind": "airport",
         "precision": "point", "lat": AIRPORT[0], "lon": AIRPORT[1], "country_code": "SD"},
        {"mention": "Omdurman", "name": "Omdurman", "kind": "city", "precision": "city",
         "lat": OMDURMAN[0], "lon": OMDURMAN[1], "country_code": "SD"},
    ],
    "incidents": [
        {"type": "armed_violence", "place": "Khartoum", "evidence": "fired tear gas at protesters",
         "date": "2019-06-03", "fatalities": None, "status": "reported"},
        {"type": "arrest", "place": "Khartoum International Airport", "evidence": "arrested 12 people",
         "date": None, "fatalities": None, "status": "reported"},
        {"type": "protest", "place": "Omdurman", "evidence": "Hundreds marched in Omdurman",
         "date": None, "fatalities": None, "status": "reported"},
    ],
}


# ----------------------------------------------------------------------------- fakes


def span(text: str, start_from: int = 0) -> SimpleNamespace:
    i = TEXT.index(text, start_from)
    return SimpleNamespace(text=text, start=i, end=i + len(text))


def place(name, latlon, precision="city", kind="city", mentions=(), cc="SD", uncertainty_m=None):
    return SimpleNamespace(name=name, kind=kind, precision=precision, lat=latlon[0], lon=latlon[1],
                           uncertainty_m=uncertainty_m, country_code=cc, mentions=list(mentions))


def incident(type_, where, start, end, evidence=None, date=None, status="reported", fatalities=None):
    return SimpleNamespace(incident_type=type_, place=where, start=start, end=end,
                           evidence=TEXT[start:end] if evidence is None and start is not None else (evidence or ""),
                           date=date, status=status, fatalities=fatalities)


KH = place("Khartoum", KHARTOUM, mentions=[span("Khartoum on Monday")])
KRT = place("Khartoum International Airport", AIRPORT, precision="point", kind="airport",
            mentions=[span("Khartoum airport")])
OM = place("Omdurman", OMDURMAN, mentions=[span("Omdurman")])


@pytest.fixture()
def art(tmp_path):
    return write_article(tmp_path, "toy", TEXT, GOLD)


def write_article(directory: Path, aid: str, text: str, gold: dict) -> ev.GoldArticle:
    (directory / f"{aid}.txt").write_text(text, encoding="utf-8")
    (directory / f"{aid}.json").write_text(json.dumps(gold), encoding="utf-8")
    return ev.load_article(directory / f"{aid}.json")


# ----------------------------------------------------------------------------- incidents


def test_one_correct_one_wrong_place_one_missing(art):
    preds = [
        incident("armed_violence", KH, S1, S1_END, date="2019-06-03"),  # right
        incident("arrest", OM, S2, S2_END),  # right type and sentence, wrong place (18 km off, other city)
    ]  # the Omdurman protest is missing
    r = ev.score_incidents(art, preds)
    assert (r["tp"], r["predicted"], r["gold"]) == (1, 2, 3)
    assert r["precision"] == pytest.approx(0.5)
    assert r["recall"] == pytest.approx(1 / 3)
    assert r["f1"] == pytest.approx(0.4)
    assert r["by_type"]["armed_violence"] == {"gold": 1, "predicted": 1, "tp": 1}
    assert r["by_type"]["arrest"] == {"gold": 1, "predicted": 1, "tp": 0}
    assert r["by_type"]["protest"] == {"gold": 1, "predicted": 0, "tp": 0}
    assert r["attributes"]["date"] == {"correct": 1, "of": 1}
    assert len(r["missed"]) == 2 and len(r["spurious"]) == 1


def test_all_three_right_scores_perfectly(art):
    preds = [
        incident("armed_violence", KH, S1, S1_END),
        incident("arrest", KRT, S2, S2_END),
        incident("protest", OM, S3, S3_END),
    ]
    r = ev.score_incidents(art, preds)
    assert (r["precision"], r["recall"], r["f1"]) == (1.0, 1.0, 1.0)


def test_type_must_match(art):
    r = ev.score_incidents(art, [incident("protest", KH, S1, S1_END)])
    assert r["tp"] == 0


def test_evidence_in_another_sentence_does_not_match(art):
    # right type and place, but the span and the evidence text are the Omdurman sentence
    r = ev.score_incidents(art, [incident("armed_violence", KH, S3, S3_END)])
    assert r["tp"] == 0


def test_overlapping_span_or_evidence_text_is_enough(art):
    # a trigger-sized span inside the right sentence
    i = TEXT.index("tear gas")
    assert ev.score_incidents(art, [incident("armed_violence", KH, i, i + 8)])["tp"] == 1
    # no usable offsets, but the evidence text contains the gold evidence
    no_offsets = incident("armed_violence", KH, None, None, evidence="Police fired tear gas at protesters in Khartoum")
    assert ev.score_incidents(art, [no_offsets])["tp"] == 1
    # no usable offsets and evidence from elsewhere
    wrong = incident("armed_violence", KH, None, None, evidence="Hundreds marched in Omdurman")
    assert ev.score_incidents(art, [wrong])["tp"] == 0


def test_place_by_distance_needs_same_precision_class(art):
    near_city = place("Al Khartum", (15.55, 32.60))  # ~7 km from the gold point, city precision
    assert ev.score_incidents(art, [incident("armed_violence", near_city, S1, S1_END)])["tp"] == 1
    near_point = place("Al Khartum", (15.55, 32.60), precision="point", kind="landmark")
    assert ev.score_incidents(art, [incident("armed_violence", near_point, S1, S1_END)])["tp"] == 0
    far_city = place("Al Khartum", (15.85, 32.60))  # ~39 km
    assert ev.score_incidents(art, [incident("armed_violence", far_city, S1, S1_END)])["tp"] == 0
    # names match whatever the coordinates (case- and accent-insensitive)
    misplaced = place("KHARTOÛM", (0.0, 0.0))
    assert ev.score_incidents(art, [incident("armed_violence", misplaced, S1, S1_END)])["tp"] == 1


def test_matching_is_one_to_one(art):
    preds = [incident("armed_violence", KH, S1, S1_END), incident("armed_violence", KH, S1, S1_END)]
    r = ev.score_incidents(art, preds)
    assert (r["tp"], r["precision"]) == (1, 0.5)


def test_one_prediction_cannot_match_two_gold_incidents(tmp_path):
    gold = dict(GOLD, incidents=[
        {"type": "protest", "place": "Khartoum", "evidence": "tear gas at protesters", "date": None,
         "fatalities": None, "status": "reported"},
        {"type": "protest", "place": "Khartoum", "evidence": "Troops arrested", "date": None,
         "fatalities": None, "status": "reported"},
    ])
    a = write_article(tmp_path, "two", TEXT, gold)
    wide = incident("protest", KH, S1, S2_END)  # one span over both sentences
    r = ev.score_incidents(a, [wide])
    assert (r["tp"], r["precision"], r["recall"]) == (1, 1.0, 0.5)


def test_greedy_matching_prefers_name_matches(tmp_path):
    text = "Crowds gathered in Khartoum and Omdurman on Monday.\n"
    gold = dict(GOLD, incidents=[
        {"type": "protest", "place": "Khartoum", "evidence": "Crowds gathered", "date": None,
         "fatalities": None, "status": "reported"},
        {"type": "protest", "place": "Omdurman", "evidence": "gathered in Khartoum and Omdurman", "date": None,
         "fatalities": None, "status": "reported"},
    ])
    gold["places"] = [p for p in GOLD["places"] if p["name"] in ("Khartoum", "Omdurman")]
    gold["places"][0] = dict(gold["places"][0], mention="Khartoum")
    a = write_article(tmp_path, "greedy", text, gold)
    end = len(text) - 1
    # Omdurman (correct) is also within 25 km of Khartoum; the "Khartoum" prediction is misplaced, so it can
    # only match by name. Taking gold incidents in order and grabbing the first admissible prediction would
    # give Khartoum's incident to the Omdurman prediction and leave one pair unmatched.
    om = place("Omdurman", OMDURMAN)
    kh_misplaced = place("Khartoum", (19.6, 37.2))
    r = ev.score_incidents(a, [SimpleNamespace(incident_type="protest", place=om, start=0, end=end,
                                               evidence=text, date=None, status="reported", fatalities=None),
                               SimpleNamespace(incident_type="protest", place=kh_misplaced, start=0, end=end,
                                               evidence=text, date=None, status="reported", fatalities=None)])
    assert r["tp"] == 2
    assert sorted(r["matches"]) == [[0, 1], [1, 0]]


def test_status_and_fatalities_agreement_is_counted(tmp_path):
    gold = dict(GOLD, incidents=[dict(GOLD["incidents"][2], status="planned", fatalities=0, date="2019-06-09")])
    a = write_article(tmp_path, "attrs", TEXT, gold)
    r = ev.score_incidents(a, [incident("protest", OM, S3, S3_END, status="reported", fatalities=0,
                                        date="2019-06-09")])
    assert r["tp"] == 1
    assert r["attributes"] == {"status": {"correct": 0, "of": 1}, "date": {"correct": 1, "of": 1},
                               "fatalities": {"correct": 1, "of": 1}}


# ----------------------------------------------------------------------------- places


def test_gold_mentions_longest_first(art):
    spans = {p["name"]: [TEXT[s:e] for s, e in sp] for p, sp in zip(art.places, art.place_spans)}
    # "Khartoum" inside "Khartoum airport" belongs to the airport only
    assert spans["Khartoum"] == ["KHARTOUM", "Khartoum"]
    assert spans["Khartoum International Airport"] == ["Khartoum airport"]


def test_place_scores(art):
    sudan = place("Sudan", (12.8, 30.2), precision="country", kind="country", mentions=[span("Sudan")])
    om_off = place("Omdurman", (15.9, 32.45), precision="point", mentions=[span("Omdurman")], uncertainty_m=500)
    reuters = place("Reuters", (0, 0), mentions=[span("Reuters")])
    r = ev.score_places(art, [KH, KRT, om_off, sudan, reuters])
    assert (r["found"], r["gold"], r["predicted_matching"], r["predicted"]) == (4, 4, 4, 5)
    assert r["recall"] == 1.0 and r["precision"] == pytest.approx(0.8)
    assert r["unmatched_predicted"] == ["Reuters [city]"]
    # distances: Khartoum 0 km, airport 0 km, Omdurman ~28 km; the country is checked by country code
    assert r["distance_pairs"] == 3
    assert r["within_km"] == {"1": 2, "25": 2, "161": 3}
    assert (r["country_ok"], r["country_pairs"]) == (1, 1)
    # claimed precision: city within 50 km ok, point within 1 km ok, point 28 km off not ok, country ok
    assert (r["claimed_ok"], r["claimed_pairs"]) == (3, 4)
    assert [fp["gold"] for fp in r["false_precision"]] == ["Omdurman"]
    assert r["false_precision"][0]["km"] == pytest.approx(28.4, abs=1)


def test_place_found_by_mention_overlap_or_name(art):
    by_mention = place("Al-Khartum", KHARTOUM, mentions=[span("Khartoum on Monday")])
    by_name = place("khartoum", KHARTOUM, mentions=[])
    inside_airport_name = place("Somewhere", KHARTOUM, mentions=[span("Khartoum airport")])
    for p in (by_mention, by_name):
        r = ev.score_places(art, [p])
        assert [d["gold"] for d in r["details"] if d["found"]] == ["Khartoum"]
    r = ev.score_places(art, [inside_airport_name])
    assert [d["gold"] for d in r["details"] if d["found"]] == ["Khartoum International Airport"]


def test_wrong_country_code_and_historical_places(tmp_path):
    gold = dict(GOLD, places=GOLD["places"] + [
        {"mention": "Reuters", "name": "Old Empire", "kind": "country", "precision": "country",
         "lat": 0.0, "lon": 0.0, "country_code": "SU", "historical": True}])
    a = write_article(tmp_path, "hist", TEXT, gold)
    sudan_wrong = place("Sudan", (7.0, 30.0), precision="country", kind="country", mentions=[span("Sudan")], cc="SS")
    old = place("Old Empire", (55.0, 37.0), precision="point", kind="country", mentions=[span("Reuters")])
    r = ev.score_places(a, [sudan_wrong, old])
    assert (r["country_ok"], r["country_pairs"]) == (0, 1)
    assert r["found"] == 2 and r["distance_pairs"] == 0
    assert r["false_precision"] == []  # no coordinates are scored for a historical place


def test_norm_name():
    assert ev.norm_name("Córdoba") == ev.norm_name("CORDOBA")
    assert ev.norm_name("The Hledan junction") == ev.norm_name("Hledan Junction")
    assert ev.norm_name("Port-au-Prince") == ev.norm_name("Port au Prince")
    assert ev.norm_name("Georgia") != ev.norm_name("Georgian")


def test_split_sentences():
    text = 'Georgia Gov. Brian Kemp spoke at 9 p.m. on Friday. "Go home," he said.\nArmored vehicles.A curfew began.'
    got = [text[s:e] for s, e in ev.split_sentences(text)]
    assert got == ["Georgia Gov. Brian Kemp spoke at 9 p.m. on Friday.", '"Go home," he said.',
                   "Armored vehicles.", "A curfew began."]


# ----------------------------------------------------------------------------- end to end


def _fake_analysis(text, *, published=None, geocoder="offline"):
    assert text == TEXT and str(published) == "2019-06-04" and geocoder == "offline"
    return SimpleNamespace(places=[KH, KRT, OM], incidents=[incident("armed_violence", KH, S1, S1_END),
                                                           incident("arrest", OM, S2, S2_END)])


def test_main_with_monkeypatched_analyze(tmp_path, monkeypatch, capsys):
    write_article(tmp_path, "toy", TEXT, GOLD)
    monkeypatch.setattr(ev, "_default_analyze", lambda: _fake_analysis)
    assert ev.main(["--devset", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["gold_problems"] == []
    inc = out["total"]["incidents"]
    assert (inc["tp"], inc["predicted"], inc["gold"]) == (1, 2, 3)
    assert inc["precision"] == 0.5 and inc["recall"] == pytest.approx(0.3333, abs=1e-4)
    assert out["total"]["places"]["recall"] == pytest.approx(0.75)  # Sudan not predicted
    assert ev.main(["--devset", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "TOTAL" in text and "arrest" in text


def test_pipeline_errors_are_reported_not_raised(tmp_path, monkeypatch, capsys):
    write_article(tmp_path, "toy", TEXT, GOLD)

    def broken(*_a, **_k):
        raise NotImplementedError("pipeline under construction")

    monkeypatch.setattr(ev, "_default_analyze", lambda: broken)
    assert ev.main(["--devset", str(tmp_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    art = out["articles"][0]
    assert art["error"] == "NotImplementedError: pipeline under construction"
    assert art["incidents"]["recall"] == 0.0 and art["places"]["recall"] == 0.0


def test_missing_devset_exits_2(tmp_path):
    assert ev.main(["--devset", str(tmp_path / "nope")]) == 2
    assert ev.main(["--devset", str(tmp_path)]) == 2  # exists but holds no gold files


def test_check_flags_bad_gold(tmp_path, capsys):
    bad = dict(GOLD, incidents=GOLD["incidents"] + [
        {"type": "stampede", "place": "Atlantis", "evidence": "not in the text", "date": "Monday",
         "fatalities": -1, "status": "rumoured"}])
    write_article(tmp_path, "toy", TEXT, bad)
    assert ev.main(["--devset", str(tmp_path), "--check"]) == 1
    out = capsys.readouterr().out
    for needle in ("unknown type", "not one of the places", "not in the text", "not YYYY-MM-DD",
                   "non-negative int", "status"):
        assert needle in out


# ----------------------------------------------------------------------------- the shipped dev set


def test_shipped_devset_is_consistent():
    arts = ev.load_devset(ev.DEFAULT_DEVSET)
    assert len(arts) >= 9
    problems = [p for a in arts for p in ev.check_article(a)]
    assert problems == []
    # one story place each (the conflict batch revisits Myanmar, in Sagaing rather than Yangon)
    assert len({(a.data["country_code"], a.data["focus"]) for a in arts}) == len(arts)
    assert len({a.data["country_code"] for a in arts}) >= len(arts) - 1


def test_seed_article_copied_byte_for_byte():
    seed = ROOT / "data" / "articles" / "almaty-2022-01-08.txt"
    assert (ev.DEFAULT_DEVSET / "almaty-2022-01-08.txt").read_bytes() == seed.read_bytes()


def test_city_precision_answer_agrees_with_a_site_inside_its_radius(art):
    # The arrest happened at the airport (a point); "Khartoum, city precision, 20 km radius" contains it.
    city = place("Al Khartum", KHARTOUM, uncertainty_m=20_000)
    assert ev.score_incidents(art, [incident("arrest", city, S2, S2_END)])["tp"] == 1
    tight = place("Al Khartum", KHARTOUM, uncertainty_m=5_000)  # the airport is ~10 km away: outside
    assert ev.score_incidents(art, [incident("arrest", tight, S2, S2_END)])["tp"] == 0
