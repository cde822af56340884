"""Plain data types (incidentmap/models.py)."""

import ast
import dataclasses
import sys
from dataclasses import fields, replace
from pathlib import Path

import pytest

from incidentmap.counts import Counts
from incidentmap.dates import ResolvedDate
from incidentmap.incidents.actors import ActorMention
from incidentmap.incidents.lexicon_data import ActorRole
from incidentmap.mentions import RawMention
from incidentmap.models import (Candidate, CodedActor, DatePrecision, Incident, Inter, Kind, Mention, Place, Precision,
                                Source, Status)
from incidentmap.segment import Span


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


# -- the written __init__s (speed: compiled, they cost a tenth of the generated ones) ---------------------------

_PLACE = Place("k", "n", Kind.CITY, Precision.CITY, 1.0, 2.0, 3.0, "KE", Source.GEONAMES, "g:1", 0.5)
# A value for each field type, away from every default (a default the __init__ got wrong would show).
_VALUES = {"str": lambda i: f"value{i}", "str | None": lambda i: f"value{i}", "int": lambda i: 1000 + i,
           "int | None": lambda i: 1000 + i, "float": lambda i: i + 0.25, "bool": lambda i: True,
           "Kind": lambda i: Kind.DISTRICT, "Source": lambda i: Source.LANDMARKS, "Precision": lambda i: Precision.POINT,
           "Inter": lambda i: Inter.REBEL_GROUP, "DatePrecision": lambda i: DatePrecision.WEEK,
           "Status": lambda i: Status.PLANNED, "Place | None": lambda i: _PLACE,
           "list[Mention]": lambda i: [Mention("m", 0, 1)], "list[Candidate]": lambda i: [Candidate(
               "c", Kind.CITY, 0.0, 0.0, "KE", Source.GEONAMES, "g:2")],
           "list[str]": lambda i: [f"actor{i}"], "list[CodedActor]": lambda i: [CodedActor("a", Inter.NONE, 1)],
           "Candidate | None": lambda i: Candidate("r", Kind.CITY, 1.0, 2.0, "KE", Source.GEONAMES, "g:3"),
           "list[RawMention]": lambda i: [RawMention(0, 1, "x", [], 0)], "dict[str, str]": lambda i: {"fatalities": "x"},
           "tuple[str, ...]": lambda i: (f"word{i}",), "ActorRole": lambda i: ActorRole.REBELS}


def _written_types(cls) -> dict[str, str]:
    """Each field's type as the source writes it ("list[Mention]"): compiled, a dataclass field's type is only
    what mypyc keeps of it (``list``, ``type``), so read the module's source."""
    package, *parts = cls.__module__.split(".")
    source = Path(sys.modules[package].__file__).parent.joinpath(*parts).with_suffix(".py")
    node = next(n for n in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
                if isinstance(n, ast.ClassDef) and n.name == cls.__name__)
    return {a.target.id: ast.unparse(a.annotation) for a in node.body
            if isinstance(a, ast.AnnAssign) and isinstance(a.target, ast.Name)}


@pytest.mark.parametrize("cls", [CodedActor, Mention, Candidate, Place, Incident, Span, ResolvedDate, RawMention, Counts,
                                 ActorMention])
def test_written_init_takes_the_fields_in_order_with_their_defaults(cls):
    fs = fields(cls)
    written = _written_types(cls)
    values = {f.name: _VALUES[written[f.name]](i) for i, f in enumerate(fs)}
    for made in (cls(**values), cls(*values.values())):  # by keyword and by position, in the fields' order
        for f in fs:
            assert getattr(made, f.name) == values[f.name], f.name
    required = {f.name: values[f.name] for f in fs
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    bare, again = cls(**required), cls(**required)
    for f in fs:
        if f.name in required:
            continue
        expected = f.default if f.default is not dataclasses.MISSING else f.default_factory()
        assert getattr(bare, f.name) == expected, f.name
        assert type(getattr(bare, f.name)) is type(expected), f.name
        if f.default_factory is not dataclasses.MISSING:
            assert getattr(bare, f.name) is not getattr(again, f.name), f"{f.name}: one object shared by two"
    assert dataclasses.replace(bare, **{fs[-1].name: values[fs[-1].name]}) == cls(**required | {
        fs[-1].name: values[fs[-1].name]})
    if cls.__dataclass_params__.frozen:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(bare, fs[0].name, values[fs[0].name])
