"""incidentmap.mentions helpers that are rewritten for speed: the same answers as the plain version."""

from incidentmap.mentions import _token_after


def _token_after_by_hand(text: str, pos: int):
    """The character loop _token_after replaced (kept here as the reference)."""
    n, k = len(text), pos
    while k < n and k - pos <= 3 and not text[k].isalnum():
        k += 1
    start = k
    while k < n and (text[k].isalnum() or (text[k] in "'’" and k + 1 < n and text[k + 1].isalnum())):
        k += 1
    return (start, k, text[start:k]) if k > start else None


def test_token_after_matches_the_character_loop_everywhere():
    texts = ["Kazakhstan's president", "in  Almaty,  (Reuters) - ", "a'b 'x x' ___ab !!!!!ab !!!!'ab ab''c ab'’c",
             "İstanbul’s x²y ٣٤ Ⅻ a\u0301b naïve São_Paulo", "", "  ", "end."]
    for text in texts:
        for pos in range(len(text) + 1):
            assert _token_after(text, pos) == _token_after_by_hand(text, pos), (text, pos)


def test_capital_first_site_patterns_match_what_the_lookbehind_first_forms_match():
    # Speed rewrites: "[A-Z](?<![…][A-Z])" is "(?<![…])[A-Z]" (the country descriptions: test_sites.py).
    import re
    from pathlib import Path

    from incidentmap import mentions

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "data" / "devset").glob("*.txt"))]
    texts += ["Ab park", "xAb park", "'Ab park", "-Ab park", "Kenya airport", "A B International airport",
              "The Gulf state", "xThe Gulf nation", "the tiny kingdom", "_The Big republic", "ÉCOLE Park",
              "x'Ab Cd", "’Ab", "_Ab", "1Ab", "éAb", "a Ab-Cd", "A. B. Smith", "Ab  Cd", "São Paulo", "ǅemal",
              "Barrow and Jackson counties", "xBarrow and Jackson counties", "-Clay, Douglas and Otter Tail counties",
              "in Becker, Clay, Douglas and Otter Tail counties", "’Helmand and Kandahar provinces"]
    fast_to_plain = [(mentions._SITE_LOWER_RE, r"([A-Z](?<![\w'’\-][A-Z])", r"(?<![\w'’\-])([A-Z]"),
                     (mentions._AIRPORT_LOWER_RE, r"([A-Z](?<![\w'’\-][A-Z])", r"(?<![\w'’\-])([A-Z]"),
                     (mentions._CAP_SPAN, r"[^\W\d_a-z](?<![\w'’][^\W\d_a-z])", r"(?<![\w'’])[^\W\d_a-z]"),
                     (mentions._UNIT_LIST_RE, r"([A-Z](?<![\w'’\-][A-Z])", r"(?<![\w'’\-])([A-Z]")]
    for fast, prefix, plain_prefix in fast_to_plain:
        assert fast.pattern.startswith(prefix)
        plain = re.compile(plain_prefix + fast.pattern[len(prefix):], fast.flags)
        for text in texts:
            assert [m.span() + m.groups() for m in fast.finditer(text)] == \
                [m.span() + m.groups() for m in plain.finditer(text)], (fast.pattern[:30], text[:60])


def test_ascii_counts_of_capitals_and_letters_agree_with_str_methods():
    # _sentence_style counts capitals and letters by byte translation on ASCII text (speed): every ASCII
    # character alone, and random text with and without non-ASCII letters, must count as str.isupper/isalpha do
    import random

    from incidentmap.mentions import _count_alpha, _count_upper

    rng = random.Random(8)
    alphabet = [chr(i) for i in range(128)] + ["É", "ß", "ǅ", "Ⅻ", "’", "ſ", "٣", "\ud800", "𝐀", "ÿ", "Ω"]
    texts = ["", "NAIROBI POLICE FIRE TEAR GAS", "Police fired tear gas in Nairobi."] + [chr(i) for i in range(128)]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(60))) for _ in range(2000)]
    for text in texts:
        assert _count_upper(text) == sum(map(str.isupper, text)), repr(text)
        assert _count_alpha(text) == sum(map(str.isalpha, text)), repr(text)


def test_dateline_matches_are_what_scanning_the_whole_text_finds():
    # _dateline_matches tries the pattern only where a match can open (speed): the same matches as finditer.
    import random
    import re
    from pathlib import Path

    from incidentmap.mentions import _DATELINE_RE, _dateline_matches, _dateline_starts

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for folder in ("devset", "articles")
             for p in sorted((root / "data" / folder).glob("*.txt"))]
    texts += ["NAIROBI, Kenya (Reuters) - Police fired.", "\ufeffPARIS — Crowds.", "x\nLAGOS -- y", "(LIMA) - z",
              "He left. KYIV, Ukraine — more. Then!\nODESA - again? (AP) LVIV — x", ".\nMOSUL — a", "A. B — c",
              "", "-- ", "MANSFIELD, Ohio, Jan. 5, 2022 (AP) — x. BOSTON —\tz", "PARIS —\nLAGOS — x"]
    rng = random.Random(4)
    pieces = ["PARIS", "Kenya", ", ", ". ", "! ", "? ", "\n", "(", ")", " — ", "-- ", "- ", "(AFP) ", "x", " ", ".\n",
              "—\n", "-\n", ".\u00a0", "!\u2003", "?\t", ".\r", ".\u200b", "?!", "..", "。 "]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(30))) for _ in range(3000)]
    found = 0
    for text in texts:
        fast = [(m.span(), m.groups()) for m in _dateline_matches(text)]
        assert fast == [(m.span(), m.groups()) for m in _DATELINE_RE.finditer(text)], repr(text[:80])
        found += bool(fast)
        # (where the pattern may open: what its three openings' regexes find, with str.find instead of a scan)
        assert _dateline_starts(text) == sorted([0] + [m.start() for m in re.finditer(r"[\n(]", text)]
                                                + [m.end() for m in re.finditer(r"[.!?]\s", text)]), repr(text[:80])
    assert found > 100  # texts with datelines were seen


def test_facility_and_district_patterns_match_what_their_plain_forms_match():
    # Speed rewrites that open with a character set or literal letters (mentions._FACILITY_RE, the second of
    # _DISTRICT_RES, _FACILITY_PREFIX_RE): the same matches and groups as the plain forms they replaced, on the
    # dev set and on random texts.
    import random
    import re
    from pathlib import Path

    from incidentmap import mentions

    plain_facility = re.compile(
        r"(?=[A-Z])(?<![\w'’\-])((?:[A-Z][\w'’\-]*+\.?\s+(?:(?:of|de|la|del|el|al|the)\s+)?){1,4}?)"
        r"(?:International\s+)?(" + mentions.FACILITY_WORDS + r")\b")
    plain_district = re.compile(
        r"(?=[ianfot'’])(?:\b(?:(?:in|at|near|from|outside|around)\s+(?:the\s+)?(?:[a-z]+\s+)?|the\s+(?:[a-z]+\s+)?)"
        r"|['’]s\s+(?:[a-z]+\s+)?)([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+" + mentions._DISTRICT_WORDS + r"\b")
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for folder in ("devset", "articles")
             for p in sorted((root / "data" / folder).glob("*.txt"))]
    rng = random.Random(3)
    pieces = ["in ", "at ", "near ", "from ", "outside ", "around ", "the ", "The ", "'s ", "’s ", "xin ", "Kibera ",
              "Buckhead ", "Mathare-North ", "slum", "district ", "neighbourhood", "suburb", "Kenyatta ", "Mr. ",
              "of ", "de ", "St. ", "University", "Hospital ", "International ", "Airport", "O'Hare ", "x", " ", ", ",
              "Al-", "5 ", "ain ", "bat ", "-the ", "_in "]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(16))) for _ in range(4000)]
    plain_prefix = re.compile(
        r"(?=[ACEJMPRU])\b(?:Place|Plaza|Piazza|Praça|Praca|Avenida|Calle|Rue|Parque|Palacio|Palais|Estadio|"
        r"Universidad|Casa|Midan|Maidan|Jardin|Puente|Pont)\s+(?:(?:de|del|de la|des|du|di|da|do|dos|das|la|le|l'|el)"
        r"\s+)*[A-Z][\w'’\-]++(?:\s+[A-Z][\w'’\-]++){0,3}")
    pieces += ["Place ", "Plaza ", "Praça ", "xPlace ", "Pont ", "Ponte ", "de la ", "Rue ", "l'", "Casa ", "_Rue "]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(16))) for _ in range(3000)]
    for fast, plain in ((mentions._FACILITY_RE, plain_facility), (mentions._DISTRICT_RES[1], plain_district),
                        (mentions._FACILITY_PREFIX_RE, plain_prefix)):
        seen = 0
        for text in texts:
            found = [m.span() + m.groups() for m in fast.finditer(text)]
            assert found == [m.span() + m.groups() for m in plain.finditer(text)], (fast.pattern[:30], text[:80])
            seen += bool(found)
        assert seen > 50


def test_lower_case_airports_prefilter_premise_the_pattern_needs_the_literal_word():
    # _SiteScan.lower_case_airports returns at once when "airport" is absent (speed): that is only safe while
    # the pattern is case-sensitive and its head word is that literal.
    from incidentmap import mentions

    rx = mentions._AIRPORT_LOWER_RE
    assert not rx.flags & __import__("re").IGNORECASE
    for text in ("Almaty Airport", "ALMATY AIRPORT", "Almaty Airfield", "Almaty air port", "Almaty aeroporto"):
        assert "airport" not in text and rx.search(text) is None, text
    for text in ("Almaty airport", "La Tontouta international airport"):
        assert rx.search(text) is not None, text


def test_rejected_name_given_its_readings_rules_as_when_it_looks_them_up():
    # (Speed: _scan_span looks the name up once and hands the readings over; the rules must read the same
    # readings, leave the caller's list as it was, and lookup must give a fresh, equal list each time.)
    import re
    from pathlib import Path

    from incidentmap.gazetteer import default_gazetteer, normalize
    from incidentmap.mentions import _rejected_name
    gaz = default_gazetteer()
    root = Path(__file__).resolve().parent.parent
    reasons = set()
    for path in sorted((root / "data" / "devset").glob("*.txt"))[:12]:
        text = path.read_text(encoding="utf-8")
        tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[\w'’]+", text)]
        for i, (start, end, word) in enumerate(tokens):
            key = normalize(word)
            if not word[0].isupper() or key not in gaz.index:
                continue
            readings = gaz.lookup(key)
            before = list(readings)
            given = _rejected_name(text, tokens, i, i, key, word, gaz, set(), readings=readings)
            assert readings == before and gaz.lookup(key) == before and gaz.lookup(key) is not readings
            assert given == _rejected_name(text, tokens, i, i, key, word, gaz, set())
            reasons.add(given)
    assert "" in reasons and len(reasons) > 2  # names kept and names rejected for several reasons were compared


def test_patterns_searched_in_stretches_find_what_scanning_the_whole_text_finds():
    # The district, lower-case site, lower-case airport and unit-list patterns are searched only in the
    # stretches between break characters that hold one of their words after white space (speed): the same
    # matches and groups as finditer over the whole text.
    import random
    from pathlib import Path

    from incidentmap import mentions as M

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for folder in ("devset", "articles")
             for p in sorted((root / "data" / folder).glob("*.txt"))]
    texts += ["", "district", " district", "Kibera, a slum", "in Mathare district.", "“in Kibera slum”",
              "Ab, an old quarter", "in the Buckhead neighbourhood" + " x" * 150 + " district",
              "x" * 300 + " in Zoba district", "Kwai Fong station", "La Tontouta international airport",
              "Barrow and Jackson counties", "St. Clair, Douglas & Otter Tail counties.", "Almaty airport"]
    rng = random.Random(5)
    pieces = ["in ", "at ", "near ", "the ", "The ", "'s ", "’s ", "Kibera ", "Mathare-North ", "Zoba", "slum",
              "district", "neighbourhood ", "neighborhood", "suburb ", "quarter", "enclave", "township", ", a ",
              ", an ", "x", " ", ", ", ". ", "(", ")", "“", "”", "\n", "—", "-", "'", "’", "big ", "old ", "5 ",
              "é", "Ünye ", "_", ";", "x" * 90 + " ", "station", "port", "report", "industrial ", "zone", "area",
              "presidential ", "palace", "Kwai Fong ", "airport", "international ", "counties", "provinces", " and ",
              " & ", "St. ", "Clay", "\u00a0", "\t", "Kibera, a big slum", "in Ab Cd district", "Barrow and Jackson ",
              "Becker, Clay, ", "Barrow and Jackson counties", "Helmand & Kandahar provinces", "Ab Cd airport",
              "Kwai Fong station", "Nairobi's Eastleigh suburb"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(40))) for _ in range(6000)]
    cases = [(M._DISTRICT_RES[0], M._DISTRICT_WORD_STEMS, M._DISTRICT_BREAKS),
             (M._DISTRICT_RES[1], M._DISTRICT_WORD_STEMS, M._DISTRICT_BREAKS),
             (M._SITE_LOWER_RE, M._SITE_LOWER_STEMS, M._SITE_BREAKS),
             (M._AIRPORT_LOWER_RE, ("airport",), M._SITE_BREAKS),
             (M._UNIT_LIST_RE, tuple(M._UNIT_OF), M._UNIT_LIST_BREAKS)]
    seen = [0] * len(cases)
    for text in texts:
        for n, (rx, words, breaks) in enumerate(cases):
            found = [m.span() + m.groups() for m in M._matches_in(rx, text, M._stretches(text, words, breaks))]
            assert found == [m.span() + m.groups() for m in rx.finditer(text)], (rx.pattern[:30], text[:80])
            seen[n] += bool(found)
    assert min(seen) > 50, seen


def test_run_tokens_are_what_token_re_finds():
    # scan_names splits capitalised runs of plain words with str methods (speed): the same tokens as TOKEN_RE.
    import random
    from pathlib import Path

    from incidentmap.gazetteer import TOKEN_RE
    from incidentmap.mentions import _CAP_SPAN, _run_tokens

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for folder in ("devset", "articles")
             for p in sorted((root / "data" / folder).glob("*.txt"))]
    rng = random.Random(6)
    pieces = ["New ", "York", "São ", "Paulo", "O'Hare", "O’Neil ", "Al-", "Sha", "St. ", "U.S.", "a\u0301", "Ünye",
              " ", "  ", "-", "x", "2", "²", "_", "٣", "Ⅻ", "İ", "ǅ", "'", "’", "\u00a0", "\t", "of ", "de ", "Ab"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(12))) for _ in range(5000)]
    runs = 0
    for text in texts:
        for span in _CAP_SPAN.finditer(text):
            s, e = span.span()
            assert _run_tokens(text, span.group(), s, e) == \
                [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, s, e)], repr(span.group())
            runs += 1
        for s in range(0, len(text), 7):  # (any stretch, not only capitalised runs)
            e = min(len(text), s + rng.randrange(1, 20))
            assert _run_tokens(text, text[s:e], s, e) == \
                [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, s, e)], repr(text[s:e])
    assert runs > 1000


def test_speaker_names_are_what_findall_finds():
    # scan_names finds the speakers after quotations from their verbs (speed): what _SPEAKER.findall finds.
    import random
    from pathlib import Path

    from incidentmap.mentions import _SPEAKER, _speaker_names

    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for folder in ("devset", "articles")
             for p in sorted((root / "data" / folder).glob("*.txt"))]
    rng = random.Random(7)
    pieces = [",", ".", "!", "?", ";", "\"", "”", "’", "'", " ", "  ", "\n", "\u00a0", "said", "says", "added",
              "asked", "noted", "recalled", "explained", "unsaid", "Georgia", "Iran", "O'Neil", "x", "é", "-", "We",
              ", said ", ".” says ", "!' asked  ", "?\" added\n", "Georgia.", "Iran, ", "Dé-Ab;", "Ng !"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(30))) for _ in range(8000)]
    seen = 0
    for text in texts:
        found = _speaker_names(text)
        assert found == _SPEAKER.findall(text), repr(text[:80])
        seen += bool(found)
    assert seen > 300
