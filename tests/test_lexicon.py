"""The lexicon data files: every pattern compiles, is anchored, and anchored matching finds what a scan finds;
the cue kinds and actor roles the code looks up exist."""

import csv
from pathlib import Path

from incidentmap.incidents import LEXICON_DIR, ActorRole, Cue, _find_triggers, lexicon
from incidentmap.incidents.actors import ROLES_NEEDED
from incidentmap.segment import sentences
from incidentmap.taxonomy import incident_types

ROOT = Path(__file__).resolve().parent.parent


def test_every_trigger_row_names_a_taxonomy_type_and_a_weight():
    slugs = set(incident_types())
    with (LEXICON_DIR / "incident_triggers.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert row["slug"] in slugs, row
            assert 0 < float(row["weight"]) <= 1, row


def test_every_pattern_has_literal_anchors():
    # A pattern without anchors is scanned over every sentence: correct, but it silently costs speed.
    assert lexicon().always == ()


def test_anchored_matching_finds_what_a_full_scan_finds():
    lex = lexicon()
    for path in sorted((ROOT / "data" / "devset").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s in sentences(text):
            sentence = text[s.start:s.end]
            scanned = set()
            for slug, pattern, _w in lex.triggers:
                scanned |= {(slug, m.start()) for m in pattern.finditer(sentence)}
            anchored = {(t.slug, t.start) for t in _find_triggers(sentence, lex)}
            # Positions may differ where matches of one type overlap; the types found may not.
            assert {slug for slug, _ in scanned} == {slug for slug, _ in anchored}, sentence


def _kinds_and_roles():
    with (LEXICON_DIR / "cues.csv").open(encoding="utf-8") as fh:
        kinds = [row["kind"] for row in csv.DictReader(fh)]
    with (LEXICON_DIR / "actors.csv").open(encoding="utf-8") as fh:
        roles = [row["role"] for row in csv.DictReader(fh)]
    return kinds, roles


def test_actor_roles_are_valid_and_the_roles_the_code_needs_exist():
    _kinds, roles = _kinds_and_roles()
    assert set(roles) <= set(ActorRole), set(roles) - set(ActorRole)
    assert ROLES_NEEDED <= set(roles), ROLES_NEEDED - set(roles)


def test_cue_kinds_the_code_needs_exist_once_each():
    kinds, _roles = _kinds_and_roles()
    assert sorted(kinds) == sorted(Cue), "cues.csv must have exactly one row of each kind in Cue"
