"""The pipeline with an online geocoder: refinement when it answers, the offline answer when it fails."""

import datetime as dt

import pytest

from incidentmap.errors import GeocoderRateLimited, GeocoderUnavailable
from incidentmap.models import Candidate
from incidentmap.pipeline import analyze

TEXT = "BISHKEK, Kyrgyzstan - Protesters gathered on Chui Avenue on Monday."


class FakeBackend:
    def __init__(self, answer=None, error=None):
        self.answer, self.error, self.queries = answer or [], error, []

    def lookup(self, query, *, country_codes=None, viewbox=None, limit=5):
        self.queries.append((query, country_codes))
        if self.error:
            raise self.error
        return self.answer


def avenue(analysis):
    return next(p for p in analysis.places if "Chui" in p.name)


def test_offline_by_default_places_unknown_site_at_city_precision():
    a = analyze(TEXT, published=dt.date(2024, 1, 8))
    assert avenue(a).precision == "city"


def test_online_answer_near_the_city_refines_the_site():
    hit = Candidate(name="Chui Avenue", kind="landmark", lat=42.8767, lon=74.6050, country_code="KG",
                    source="nominatim", source_id="osm:way/1", precision="point", uncertainty_m=800, score=0.6)
    backend = FakeBackend([hit])
    a = analyze(TEXT, geocoder="nominatim", online=backend)
    assert avenue(a).precision == "point" and avenue(a).source == "nominatim"
    assert backend.queries == [("Chui Avenue, Bishkek, Kyrgyzstan", ["kg"])]


def test_online_answer_far_away_is_not_trusted():
    far = Candidate(name="Chui Avenue", kind="landmark", lat=43.2, lon=76.9, country_code="KG",
                    source="nominatim", source_id="osm:way/2", precision="point", uncertainty_m=300)
    a = analyze(TEXT, geocoder="nominatim", online=FakeBackend([far]))
    assert avenue(a).precision == "city"
    assert any("stayed at city precision" in w for w in a.warnings)


@pytest.mark.parametrize("error", [GeocoderUnavailable("timeout"), GeocoderRateLimited("429", retry_after=30)])
def test_online_failure_falls_back_and_says_so(error):
    a = analyze(TEXT, geocoder="nominatim", online=FakeBackend(error=error))
    assert avenue(a).precision == "city"
    # The place says what it is (a typed flag, not a suffix on its source); the warning says why.
    assert avenue(a).at_city_only and avenue(a).source == "context-city"
    assert avenue(a).to_feature()["properties"]["at_city_only"] is True
    assert any("Chui Avenue" in w and "failed" in w and "kept the offline answer" in w for w in a.warnings)


def test_unknown_geocoder_is_an_input_error():
    from incidentmap.errors import InputError

    with pytest.raises(InputError):
        analyze(TEXT, geocoder="google")


def test_backend_warnings_reach_the_analysis():
    backend = FakeBackend([])
    backend.warnings = ["The Nominatim cache file is corrupt: using an in-memory cache until restart."]
    a = analyze(TEXT, geocoder="nominatim", online=backend)
    assert backend.warnings[0] in a.warnings


def test_text_in_another_language_says_why_there_are_no_incidents():
    a = analyze("Des manifestants se sont rassemblés à Dakar mardi, selon la police de la ville.")
    assert any("lexicon is English" in w for w in a.warnings)
    assert not any("lexicon is English" in w for w in analyze(TEXT).warnings)


VILLAGE = "NAIROBI, Kenya - Gunmen raided the village of Mbalakoro in Marsabit County on Monday, killing four."


def village(analysis):
    return next(p for p in analysis.places if p.name == "Mbalakoro")


def test_a_village_the_gazetteer_lacks_is_asked_online_and_found_in_its_area():
    hit = Candidate(name="Mbalakoro", kind="city", lat=2.9, lon=37.6, country_code="KE", source="nominatim",
                    source_id="osm:node/7", precision="city", uncertainty_m=2000, score=0.5)
    backend = FakeBackend([hit])
    a = analyze(VILLAGE, geocoder="nominatim", online=backend)
    assert village(a).source == "nominatim" and village(a).precision == "city"
    assert backend.queries == [("Mbalakoro, Marsabit, Kenya", ["ke"])]  # asked once, with the area named


def test_a_village_found_online_outside_its_area_stays_in_the_area():
    far = Candidate(name="Mbalakoro", kind="city", lat=-4.0, lon=39.6, country_code="KE", source="nominatim",
                    source_id="osm:node/8", precision="city", uncertainty_m=2000, score=0.5)
    a = analyze(VILLAGE, geocoder="nominatim", online=FakeBackend([far]))
    assert village(a).source == "context-area" and village(a).precision == "region"
    assert any("Mbalakoro" in w and "stayed in the area" in w for w in a.warnings)
