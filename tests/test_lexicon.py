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


def test_every_actor_pattern_has_literal_anchors():
    # An actor row without anchors is never tried where the search runs at anchored word starts: it would be
    # silently dead (a nested optional group at an alternative's start does that; write flat alternatives).
    # (the rows as the lexicon reads them: "{demonyms}" written out)
    from incidentmap.incidents.lexicon_data import _actor_rows, anchor_stems
    assert [r["actor"] for r in _actor_rows() if anchor_stems(r["pattern"]) is None] == []


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


def _dev_sentences():
    for path in sorted((ROOT / "data" / "devset").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        yield from (text[s.start:s.end] for s in sentences(text))


# Sentences where the engine's shortcuts could go wrong: case, non-ASCII letters, a word start at the edge.
_EDGE_SENTENCES = ["POLICE FIRED TEAR GAS.", "Soldiers, not troops.", "İstanbul police detained protesters.",
                   "xpolice and policemen", "The militias will not march; they stayed calm", "troops",
                   "Protesters’ leaders said", "Kelvin: \u212aenya forces",
                   # a word with a plan found again after the same letters inside longer words (_word_at)
                   "Counterprotesters, xprotesters and protesters protested; the police policed police-protest",
                   "Xtroops troopsx troops2 troops_ troops, troops TROOPS soldiers' soldiersoldiers soldiers",
                   # a pattern's words needed after its stem (_needed_words), present, absent, odd-cased, folded
                   "Troops were deployed and soldiers arrived.", "Troops and soldiers waited.",
                   "TROOPS WERE DEPLOYED", "Police were sent in; troops arrıved; soldiers stationed ın town",
                   "Troops ſeen", "Troops arrıved.", "They set fıre to it",
                   "They set fire to tyres, set it on fire, set ablaze; sets fire", "Sets ſire to it",
                   "They took to the streets, STREETS, ſtreets", "Rally. rally. RALLIES. March marched"]


def test_scanning_patterns_find_what_the_file_patterns_find():
    # Cue and actor patterns get a lookahead of the letters their matches start with (speed): same matches.
    import re
    from incidentmap.incidents.lexicon_data import _rows

    lex = lexicon()
    compiled = {row["kind"]: getattr(lex, row["kind"]) for row in _rows("cues.csv")}
    plain = {row["kind"]: re.compile(row["pattern"], re.IGNORECASE) for row in _rows("cues.csv")}
    compiled |= {row["actor"]: a.pattern for row, a in zip(_rows("actors.csv"), lex.actors, strict=True)}
    plain |= {row["actor"]: re.compile(row["pattern"], re.IGNORECASE) for row in _rows("actors.csv")}
    assert any(p.pattern.startswith("(?=[") for p in compiled.values())  # the shortcut is in use
    for sentence in [*_dev_sentences(), *_EDGE_SENTENCES]:
        for name, pattern in plain.items():
            assert [m.span() for m in compiled[name].finditer(sentence)] == \
                [m.span() for m in pattern.finditer(sentence)], (name, sentence)


def test_first_letters_are_certain_or_none():
    from incidentmap.incidents.lexicon_data import first_letters

    assert first_letters(r"\b(?:riot police|police(?:men)?|gendarmes)\b") == {"r", "p", "g"}
    assert first_letters(r"\bfrom\s+|\b(?:(?:was|is) not|didn't)\b") == {"f", "w", "i", "d"}
    assert first_letters(r"\b(?:the )?police") is None  # optional first group
    assert first_letters(r"[Pp]olice") is None  # a class, not a literal
    assert first_letters(r"^\w+ will") is None
    assert first_letters(r"a?b") is None


def test_actor_words_found_with_the_triggers_are_the_actor_search_s():
    from incidentmap.incidents.lexicon_data import anchor_words, triggers_and_actor_words

    lex = lexicon()
    for sentence in [*_dev_sentences(), *_EDGE_SENTENCES]:
        triggers, starts = triggers_and_actor_words(sentence, lex)
        assert triggers == _find_triggers(sentence, lex)
        assert starts == anchor_words(sentence, lex.actor_anchors), sentence


def test_anchored_trigger_search_finds_what_scanning_with_every_pattern_finds():
    # The word index (and its per-word memo) only decides where patterns are tried: the triggers must be those
    # of every pattern tried at every position of the sentence. Run twice: the second pass reads the memo.
    from incidentmap.incidents.lexicon_data import Trigger, _longest, triggers_and_actor_words

    lex = lexicon()
    sentences = [*_dev_sentences(), *_EDGE_SENTENCES]
    for _ in range(2):
        for sentence in sentences:
            full = _longest([Trigger(slug, m.start(), m.end(), weight) for slug, pattern, weight in lex.triggers
                             for i in range(len(sentence)) if (m := pattern.match(sentence, i))])
            assert triggers_and_actor_words(sentence, lex)[0] == full, sentence
    assert lex._word_plans  # the memo is in use


def test_word_runs_without_a_lookbehind_are_the_runs_no_letter_precedes():
    # _LOWER_WORD_RE drops "(?<![a-z])" (speed): scanning finds each run from its first letter all the same.
    import re

    from incidentmap.incidents.lexicon_data import _LOWER_WORD_RE

    behind = re.compile(r"(?<![a-z])[a-z]{3,}")
    for text in [*_dev_sentences(), *_EDGE_SENTENCES, "ab abc abcd a ab-abc 12abc abc12abcd éabc"]:
        lower = text.lower()
        assert [m.span() for m in _LOWER_WORD_RE.finditer(lower)] == [m.span() for m in behind.finditer(lower)]


def test_needed_words_are_in_every_match():
    # A trigger alternative is skipped in a sentence without any of its needed words (speed): they must be
    # words every match holds; None (try always) when the pattern cannot say.
    from incidentmap.incidents.lexicon_data import _needed_words

    assert _needed_words(r"\bset(?:ting|s)? (?:on )?fire\b") == ("fire",)
    assert _needed_words(r"\b(?:troops?|police)\b(?:\W+\w+){0,10}?\W+(?:arriv(?:ed|e)|sent|were sent)\b") == \
        ("arriv", "sent", "were")
    assert _needed_words(r"\b(?:took|take) (?:to|into) the streets\b") == ("streets",)  # longer words win ties
    assert _needed_words(r"\bprotest(?:s|ed)?\b(?! (?:leaders|movement))") is None  # a lookahead is not needed
    assert _needed_words(r"\bsit-ins?\b") is None  # nothing besides the stem
    assert _needed_words(r"\bgun (?:\w+ )?(?:fire|shots)?\b") is None  # optional groups say nothing
    assert _needed_words(r"\bwalk \u00e9abc") is None  # a character by number: its letters are not as written
    assert _needed_words(r"\bburn(?:ed|t)? (?-i:Tyres)\b") is None  # a case-sensitive group is not read


def test_trigger_tries_narrow_the_patterns_and_say_what_they_need():
    # The shortcuts of _anchored_matches are in use: some words try fewer alternatives than their pattern has,
    # some tries need words. (What they find is checked against full scans above.)
    from incidentmap.incidents.lexicon_data import _word_plan

    lex = lexicon()
    words = ("troops", "set", "protests", "streets", "police", "broke")
    tries = [t for word in words for t in _word_plan(word, lex)[1]]
    assert any(t.pattern is not t.whole for t in tries) and any(t.needs for t in tries)
    assert any(t.twin is not None for t in tries)


def test_may_name_is_false_only_where_the_actor_search_finds_nothing():
    # The stem test skips the regex scan (speed): it may say "maybe", never "no" where a search finds an actor.
    # Case-insensitive matching takes "ſ" for "s", "K" (Kelvin) for "k", "İ" and "ı" for "i": those too.
    from incidentmap.incidents.actors import ARMED, CROWD, STATE_FORCES

    lex = lexicon()
    role_sets = [ARMED, STATE_FORCES, CROWD, STATE_FORCES + ARMED, (ActorRole.CIVILIANS, *CROWD), (ActorRole.RIOTERS,)]
    odd = ["ſoldiers ſhot at the crowd", "\u212aILLED BY MILITANTS", "MİLİTANTS and ıslamic State", "REBELS",
           "the Taliban’s men", "şoldiers"]
    checked = found = 0
    for sentence in [*_dev_sentences(), *_EDGE_SENTENCES, *odd]:
        for roles in role_sets:
            hit = lex.any_actor_of(roles).search(sentence) is not None
            assert lex.may_name(roles, sentence) or not hit, (roles, sentence)
            checked += 1
            found += hit
    assert found and found < checked  # both kinds of text were seen
    assert lex.may_name(STATE_FORCES, "ſoldiers ſhot at the crowd")  # found by the search: "ſ" is "s" to it
    assert not lex.may_name(ARMED, "Shops stayed open and the streets were calm.")


def test_fold_keeps_what_case_insensitive_matching_sees_over_all_of_unicode():
    # Twins (case-sensitive, on folded text) find what case-insensitive patterns find only if, for every
    # character, the engine takes it for an ASCII letter exactly when its fold is that letter, and it is a word
    # character, space or digit exactly when its fold is.
    import re
    import string
    import sys

    from incidentmap.incidents.lexicon_data import fold

    chars = "".join(chr(cp) for cp in range(sys.maxunicode + 1)
                    if not 0xD800 <= cp <= 0xDFFF and len(chr(cp).lower()) == 1)
    folded = fold(chars)
    assert folded is not None and len(folded) == len(chars)
    letters = re.compile("|".join(f"({x})" for x in string.ascii_lowercase), re.IGNORECASE)
    seen = {m.start(): string.ascii_lowercase[m.lastindex - 1] for m in letters.finditer(chars)}
    assert seen == {i: f for i, f in enumerate(folded) if f in string.ascii_lowercase}
    assert {chars[i] for i in seen} >= {"ſ", "ı", "\u212a"}  # the odd ones are in
    # Classes as the patterns use them: case-insensitive on the text, case-sensitive on its fold.
    for cls in (r"\w", r"\s", r"\d", r"\b", ".", r"[\w'’-]", r"[^”]", r"\W"):
        assert [m.span() for m in re.finditer(cls, chars, re.IGNORECASE)] == \
            [m.span() for m in re.finditer(cls, folded)], cls
    assert fold("İstanbul") is None  # lowercases to a longer text: no fold
    assert fold("ſoldiers ıt \u212aILLED") == "soldiers it killed"


def test_folded_twins_find_what_their_patterns_find():
    from incidentmap import patterns as rx
    from incidentmap.incidents import cues, extract
    import re

    from incidentmap.incidents.lexicon_data import fold, folded_twin

    lex = lexicon()
    pairs = [(getattr(lex, kind.value), twin) for kind, twin in lex.folded.items()]
    pairs += [(cues._TIME_ANCHOR, cues._TIME_ANCHOR_FOLDED), (extract._BACKGROUND, extract._BACKGROUND_FOLDED)]
    assert len(pairs) >= 6 and all(twin is not None for _, twin in pairs)
    odd = ["ſhops ſtayed open", "Protests WİLL be held", "PROTESTS WILL BE HELD ON MONDAY", "ıt was not reported",
           "Since the \u212aILLINGS began", "LAST WEEK'S RIOTS"]
    checked = 0
    for sentence in [*_dev_sentences(), *_EDGE_SENTENCES, *odd]:
        folded = fold(sentence)
        if folded is None:
            continue
        for pattern, twin in pairs:
            assert [m.span() for m in twin.finditer(folded)] == [m.span() for m in pattern.finditer(sentence)], \
                (pattern.pattern, sentence)
            assert bool(twin.match(folded)) == bool(pattern.match(sentence))
            checked += 1
    assert checked > 1000
    assert folded_twin(rx.compile(r"\bAbc", re.I)) is None and folded_twin(rx.compile(r"\Sabc", re.I)) is None
    assert folded_twin(rx.compile(r"(?-i:x)abc", re.I)) is None and folded_twin(rx.compile(r"[a-c]", re.I)) is None
    assert folded_twin(rx.compile("abc")) is None  # not case-insensitive: nothing to do


def test_fold_translates_only_what_needs_it():
    # fold skips the translation of non-ASCII text holding neither "ſ" nor "ı" (speed): the same text either way
    from incidentmap.incidents.lexicon_data import _FOLD_EXTRA, fold

    assert set(_FOLD_EXTRA) == {ord("ſ"), ord("ı")}  # the characters fold tests for
    for text in ["Protesters’ leaders said", "ſaid the poliſe", "Kırıkkale police", "Çà “quoted” — ſı",
                 "Kelvin: \u212aenya", "POLICE", "İstanbul"]:
        low = text.lower()
        assert fold(text) == (None if len(low) != len(text) else low.translate(_FOLD_EXTRA)), text


def test_new_trigger_is_the_named_tuple():
    from incidentmap.incidents.lexicon_data import Trigger, _new_trigger

    made = _new_trigger("protest", 3, 9, 0.75)
    assert type(made) is Trigger and made == Trigger("protest", 3, 9, 0.75)
    assert (made.slug, made.start, made.end, made.weight) == ("protest", 3, 9, 0.75)
    assert hash(made) == hash(Trigger("protest", 3, 9, 0.75)) and made._replace(start=4).start == 4


def test_may_hold_in_a_window_answers_as_on_the_window_cut_out():
    # The window is searched in place (str.find with bounds): every window of varied sentences, against the
    # same test on the window as a string of its own.
    from incidentmap.incidents.cues import _REQUIRED, may_hold
    from incidentmap.incidents.lexicon_data import fold

    lex = lexicon()
    twins = list(lex.folded.values())
    texts = ["they had called a protest march for monday but it was not held", "no clashes were reported",
             "shops remained open and traffic kept moving", "", "plan", "the union plans to strike",
             "protesters have vowed to march again, and they said it would be planned"]
    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "data" / "devset").glob("*.txt"))[:4]:
        text = path.read_text(encoding="utf-8")
        texts += [fold(text[s.start:s.end]) or "" for s in sentences(text)][:12]
    checked = 0
    for twin in twins:
        may_hold(twin, "")  # (learns the cue's required words)
        words = _REQUIRED[twin.pattern]
        for text in texts:
            for start in range(0, len(text) + 2, 7):
                for end in (None, start, start + 3, start + 25, start + 60, len(text), len(text) + 5):
                    window = text[start:end]
                    expected = True if words is None else any(w in window for w in words)
                    assert may_hold(twin, text, start, end) == expected, (twin.pattern[:30], text, start, end)
                    checked += expected
    assert checked > 100  # windows that hold a cue's words were among them


def test_may_name_remembered_answers_are_the_computed_ones():
    from incidentmap.incidents.lexicon_data import ActorRole

    lex = lexicon()
    role_sets = [(r,) for r in ActorRole] + [tuple(ActorRole), (ActorRole.STATE, ActorRole.ARMED_GROUP)]
    texts = ["Police fired tear gas at protesters.", "GUNMEN attacked the village", "", "İstanbul police",
             "Unarmed residents fled", "the army and the navy", "nothing to see here"]
    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "data" / "devset").glob("*.txt"))[:3]:
        text = path.read_text(encoding="utf-8")
        texts += [text[s.start:s.end] for s in sentences(text)][:15]
    answers = {}
    for roles in role_sets:
        for text in texts:
            lex._may_name.clear()
            answers[roles, text] = lex.may_name(roles, text)  # computed
    assert set(answers.values()) == {True, False}
    for _ in range(2):  # asked again, in another order: remembered, the same
        for (roles, text), expected in reversed(answers.items()):
            assert lex.may_name(roles, text) is expected


def test_extract_incidents_forgets_may_name_answers_of_earlier_articles():
    from incidentmap.pipeline import analyze

    lex = lexicon()
    lex._may_name[(("stems", ("police",)), "an earlier article")] = True
    analyze("Police fired tear gas at protesters in Nairobi on Monday.")
    assert (("stems", ("police",)), "an earlier article") not in lex._may_name


def test_words_taken_token_by_token_are_the_runs_of_the_whole_text():
    # _anchored_matches takes the a-z runs of each str.split token (remembered per token) instead of scanning
    # the whole lowered sentence: the same words in the same order, whatever white space separates them; and
    # the triggers and actor words found so are those of a full scan, with the token memo in use.
    from incidentmap.incidents.lexicon_data import (_LOWER_WORD_RE, Trigger, _longest, anchor_words,
                                                    triggers_and_actor_words)

    odd = ["Police\u00a0fired tear\u2009gas at\tprotesters\nin the\u3000capital", "troops\u2028soldiers\x1cpolice",
           "  leading and trailing  ", "", "a b c", "police,police;police—police police-police"]
    lex = lexicon()
    for text in [*_dev_sentences(), *_EDGE_SENTENCES, *odd]:
        lower = text.lower()
        assert [w for tok in lower.split() for w in _LOWER_WORD_RE.findall(tok)] == _LOWER_WORD_RE.findall(lower)
    for sentence in [*_EDGE_SENTENCES, *odd]:
        full = _longest([Trigger(slug, m.start(), m.end(), weight) for slug, pattern, weight in lex.triggers
                         for i in range(len(sentence)) if (m := pattern.match(sentence, i))])
        triggers, starts = triggers_and_actor_words(sentence, lex)
        assert triggers == full, sentence
        assert starts == anchor_words(sentence, lex.actor_anchors), sentence
    assert lex._token_words  # the memo is in use


def test_without_superstrings_keeps_the_answer_of_any_substring_test():
    # The substring tests of may_hold, may_name, _may_match and the trigger tries drop words that hold another
    # of their words: a text holds one of what is left exactly when it holds one of them all.
    from incidentmap.incidents.cues import _REQUIRED, may_hold
    from incidentmap.incidents.lexicon_data import required_words, without_superstrings

    assert without_superstrings(["protesters", "protest", "troops", "protest", "no", "not", "none"]) == (
        "protest", "troops", "no")
    assert without_superstrings([]) == ()
    lex = lexicon()
    texts = [*_dev_sentences(), *_EDGE_SENTENCES, "they did not", "nothing", "planned", ""]
    for twin in lex.folded.values():
        may_hold(twin, "")
        full = required_words(twin.pattern)
        if full is None:
            assert _REQUIRED[twin.pattern] is None
            continue
        for text in texts:
            low = text.lower()
            assert may_hold(twin, low) == any(w in low for w in full), (twin.pattern[:30], text)


def test_actor_searches_at_word_starts_find_what_the_scans_find():
    # Every actor pattern's alternatives open with \b and a letter: on ASCII text the actor searches try them at
    # the starts of letter runs only (speed). The same matches as the scans, over the dev sentences and edge
    # cases, in windows cut anywhere; non-ASCII texts take the scan.
    from incidentmap.incidents.actors import ARMED, CROWD, STATE_FORCES
    from incidentmap.incidents.sides import STATE
    from incidentmap.incidents.lexicon_data import _starts_words, word_start_matches

    lex = lexicon()
    assert lex.actors_at_word_starts
    assert not _starts_words(["police|\\bsoldiers"]) and not _starts_words(["\\b(?:\\d+ troops)"])
    edge = ["2police xpolice police_ _police police2 -police (Police) POLICE-led MILITIAS, militiamen militia",
            "Al-Shabaab gunmen; al Shabaab; SHABAAB’s fighters", "Kenya police\u00a0and militia", "", "gunmen"]
    texts = [*_dev_sentences(), *_EDGE_SENTENCES, *edge]
    roles_sets = [ARMED, CROWD, STATE, STATE_FORCES, STATE + ARMED]
    patterns = [lex.any_actor_of(r) for r in roles_sets] + [a.pattern for a in lex.actors]
    found = 0
    for text in texts:
        cuts = sorted({0, len(text), *range(0, len(text), 17), *range(5, len(text), 23)})
        for pattern in patterns:
            for start, end in [(0, len(text)), *zip(cuts, cuts[2:])]:
                expected = [m.span() for m in pattern.finditer(text, start, end)]
                assert [m.span() for m in lex.actor_matches(pattern, text, start, end)] == expected
                if text.isascii():
                    assert [m.span() for m in word_start_matches(pattern, text, start, end, False)] == expected
                    first = word_start_matches(pattern, text, start, end, True)
                    assert [m.span() for m in first] == expected[:1]
                found += bool(expected)
        for roles in roles_sets:
            expected_m = lex.any_actor_of(roles).search(text)
            got = lex.actor_search(roles, text)
            assert (got.span() if got else None) == (expected_m.span() if expected_m else None), (roles, text)
    assert found > 100


def test_every_lexicon_row_has_exactly_its_files_columns():
    # An unquoted comma in a pattern ("{0,3}") splits it into an extra field: the pattern read is cut short.
    from incidentmap.incidents.lexicon_data import LEXICON_DIR, _rows
    for path in sorted(LEXICON_DIR.glob("*.csv")):
        for row in _rows(path.name):
            assert None not in row and all(v is not None for v in row.values()), (path.name, row)
