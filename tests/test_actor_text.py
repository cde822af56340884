"""components.actor_text: card, popup, table and search show the coded sides, not the mentions."""

from __future__ import annotations

import html

from components.actor_text import actor_line, actor_names
from components.details import incident_summary_html
from components.filters import _haystack
from components.map_view import ROW_FIELDS, build_payload
from components.table import incidents_frame


def props(**kw) -> dict:
    base = {"id": "i1", "incident_type": "protest", "label": "Protest", "place": "Town", "precision": "city",
            "uncertainty_m": 5000, "date": "2024-05-01", "date_text": "", "status": "reported",
            "evidence": "Sentence.", "actors": ["government"], "actor1": "", "assoc_actor_1": "",
            "actor2": "", "assoc_actor_2": ""}
    return base | kw


def test_both_sides_with_their_associates():
    p = props(actor1="Police Forces of Chad", assoc_actor_1="Military Forces of Chad; Gendarmerie of Chad",
              actor2="Protesters (Chad)")
    assert actor_line(p) == ("Police Forces of Chad (with Military Forces of Chad; Gendarmerie of Chad)"
                             " vs Protesters (Chad)")
    assert actor_names(p) == ["Police Forces of Chad", "Military Forces of Chad", "Gendarmerie of Chad",
                              "Protesters (Chad)"]


def test_one_side_only_and_the_target_of_a_protest_is_not_an_actor():
    p = props(actor1="Protesters (Chad)")
    assert actor_line(p) == "Protesters (Chad)"
    assert "government" not in actor_line(p) and actor_names(p) == ["Protesters (Chad)"]


def test_mentions_when_nothing_is_coded_and_empty_when_nothing_at_all():
    assert actor_line(props(actors=["mobs", "youths"])) == "mobs, youths"
    assert actor_names(props(actors=["mobs"])) == ["mobs"]
    corpus_event = {"actors": ["police"]}  # corpus events carry mentions only
    assert actor_line(corpus_event) == "police"
    assert actor_line(props(actors=[])) == "" and actor_names(props(actors=[])) == []


def test_card_shows_the_coded_line_escaped():
    p = props(actor1="<b>Rioters</b> (Chad)", actor2="Police Forces of Chad")
    card = incident_summary_html(p)
    assert html.escape("<b>Rioters</b> (Chad) vs Police Forces of Chad") in card
    assert "<b>Rioters</b>" not in card


def test_table_and_search_use_the_coded_actors():
    p = props(actor1="Protesters (Chad)", actor2="Police Forces of Chad")
    frame = incidents_frame([{"type": "Feature", "id": "i1", "geometry": None, "properties": p}])
    assert list(frame["Actors"].iloc[0]) == ["Protesters (Chad)", "Police Forces of Chad"]
    hay = _haystack(p)
    assert "police forces of chad" in hay and "government" in hay  # the words of the text stay searchable


def test_popup_payload_carries_the_coded_line():
    p = props(actor1="Rioters (Chad)", actor2="Civilians (Chad)")
    feature = {"type": "Feature", "id": "i1", "geometry": {"type": "Point", "coordinates": [15.0, 12.1]},
               "properties": p}
    payload = build_payload([feature])
    row = payload["rows"][0]
    assert payload["actors"][row[ROW_FIELDS.index("actors")]] == "Rioters (Chad) vs Civilians (Chad)"
