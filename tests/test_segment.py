"""Sentences as offsets: wire copy, noisy copy-paste, headlines, bullets and live-blog time stamps."""

from incidentmap.segment import paragraphs, sentences


def texts(text):
    return [text[s.start:s.end] for s in sentences(text)]


def test_full_stops_abbreviations_and_missing_spaces():
    text = "Gen. Smith met U.S. envoys in St. Petersburg. Troops arrived.Ī curfew began. “It is over.” He left."
    assert texts(text) == ["Gen. Smith met U.S. envoys in St. Petersburg.", "Troops arrived.",
                           "Ī curfew began.", "“It is over.”", "He left."]


def test_headline_bullets_and_time_stamps_are_sentences_of_their_own():
    text = ("Police fire tear gas in Kampala suburbs\nKAMPALA (Reuters) - Police fired tear gas.\n\n"
            "Situation update\n- Roads blocked in Matola\n- 3 people injured\n10:45 — Crowds gathered.\n11:20 Police left")
    assert texts(text) == ["Police fire tear gas in Kampala suburbs", "KAMPALA (Reuters) - Police fired tear gas.",
                           "Situation update", "- Roads blocked in Matola", "- 3 people injured",
                           "10:45 — Crowds gathered.", "11:20 Police left"]


def test_hard_wrapped_lines_stay_one_sentence():
    text = "Police fired tear gas at a crowd that had gathered\noutside the ministry on Monday night.\n"
    assert texts(text) == ["Police fired tear gas at a crowd that had gathered\noutside the ministry on Monday night."]


def test_offsets_and_paragraph_numbers():
    text = "\n\nFirst one. Second one.\n\n\nThird one."
    spans = sentences(text)
    assert [text[s.start:s.end] for s in spans] == ["First one.", "Second one.", "Third one."]
    assert [s.paragraph for s in spans] == [0, 0, 1]
    assert len(paragraphs(text)) == 2


def test_a_paragraph_without_line_breaks_skips_the_line_rules_with_the_same_sentences():
    from incidentmap import segment

    text = "Police moved in. 10:30 - Shots heard at 10.45 am! Crowds (AP) dispersed.\n\nNEW LINE\nMore news."
    for para in segment.paragraphs(text):
        rules = sorted({m.start() for m in segment._LINE_BREAK.finditer(text, para.start, para.end)})
        if "\n" not in text[para.start:para.end]:
            assert rules == [] and segment._line_breaks(text, para.start, para.end) == []
    assert [text[s.start:s.end] for s in segment.sentences(text)][-2:] == ["NEW LINE", "More news."]


def test_sentence_end_pattern_is_the_plainly_written_one():
    """segment._END opens with a character set for speed; it finds what [.!?]+… finds, on whole texts and
    on pieces of them (finditer with a start and an end)."""
    import re
    from pathlib import Path

    from incidentmap.segment import _END

    plain = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|[^\W\d_a-z]|$)")
    root = Path(__file__).resolve().parent.parent / "data"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("devset/*.txt"))]
    texts.append('He said "No!") Then?! U.S. vehicles.Ī curfew... end.” x.1 y.a z!')
    for text in texts:
        assert [m.span() for m in _END.finditer(text)] == [m.span() for m in plain.finditer(text)]
        for start in range(0, len(text), 53):
            assert [m.span() for m in _END.finditer(text, start, start + 150)] == \
                [m.span() for m in plain.finditer(text, start, start + 150)]


def test_paragraph_breaks_are_what_the_paragraph_pattern_finds():
    # _paragraph_breaks finds line breaks with str.find (speed): the spans must be _PARAGRAPH's on texts with
    # blank lines, white-space runs of every kind (tabs, no-break and em spaces, form feeds), "\r\n" and none.
    import random
    from pathlib import Path

    from incidentmap.segment import _PARAGRAPH, _paragraph_breaks

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "data" / "devset").glob("*.txt"))]
    rng = random.Random(11)
    pieces = ["\n", "\n\n", " ", "\t", "\u00a0", "\u2003", "\f", "\x85", "\u2028", "a", "Word.", "\r\n", "\r", "x\n \n"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(25))) for _ in range(4000)]
    texts += ["", "\n", "\n\n", "a\n\nb", "a\n \t\n \nb", "a\n\u00a0\nb\n", "\n \n \n", "a\r\n\r\nb"]
    found = 0
    for text in texts:
        spans = _paragraph_breaks(text)
        assert spans == [m.span() for m in _PARAGRAPH.finditer(text)], repr(text)
        found += len(spans)
    assert found > 1000
