"""Plain data types (incidentmap/models.py)."""

from dataclasses import fields, replace

from incidentmap.models import Candidate, Kind, Precision, Source


def test_with_score_copies_every_field_as_replace_does():
    # Every field set away from its default, so that a field with_score forgot would differ.
    values = {"name": "Kisumu", "kind": Kind.DISTRICT, "lat": -0.1, "lon": 34.75, "country_code": "KE",
              "source": Source.LANDMARKS, "source_id": "landmarks:7", "population": 409_928,
              "precision": Precision.POINT, "uncertainty_m": 1234.5, "admin1": "28", "city_id": "191245",
              "curated": True, "geonameid": 191245, "score": 0.25}
    assert set(values) == {f.name for f in fields(Candidate)}, "a new field: add it to Candidate.with_score"
    c = Candidate(**values)
    for f in fields(Candidate):
        assert getattr(c, f.name) != f.default, f.name
    rescored = c.with_score(0.875)
    assert rescored == replace(c, score=0.875)
    assert rescored.score == 0.875 and c.score == 0.25
