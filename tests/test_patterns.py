"""incidentmap.patterns: the ASCII twin finds on ASCII text what the Unicode pattern finds."""

import importlib
import re
from pathlib import Path

import pytest

from incidentmap import patterns
from incidentmap.compiled import MODULES
from incidentmap.patterns import Pattern, ascii_source

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("source", "twin"), [
    (r"\bkilled\s+in\b", r"\bkilled[\s\x1c-\x1f]+in\b"),
    (r"\S+", r"[^\s\x1c-\x1f]+"),
    (r"[\s,;]+", r"[\s\x1c-\x1f,;]+"),
    (r"[^\s\d]", r"[^\s\x1c-\x1f\d]"),
    (r"a\\s", r"a\\s"),  # an escaped backslash before "s" is no \s
    (r"[\\s]", r"[\\s]"),
    (r"(?i:police)\s", r"(?i:police)[\s\x1c-\x1f]"),
])
def test_the_twin_names_the_separators_unicode_counts_as_whitespace(source, twin):
    assert ascii_source(source) == twin


@pytest.mark.parametrize(("source", "flags"), [
    (r"[^\S\n]", 0),  # \S inside a class: no rewrite can promise the same
    ("\u212a", re.I),  # the Kelvin sign matches "k" case-blind in Unicode mode, not in ASCII mode
    ("\u0130stanbul", re.I),  # "İ" lower-cases to "i" in the regular-expression engine
    ("[\u0100-\u017e]", re.I),  # a range holding "İ", "ı" and "ſ"
    (r"[\u0300-\u036f]", 0),
    (r"(?u)\w+", 0),
    (r"(?x) \w + # words", 0),
    (r"\w+", re.VERBOSE),
])
def test_no_twin_where_ascii_mode_could_differ(source, flags):
    assert ascii_source(source, flags) is None
    p = Pattern(source, flags)
    assert p.ascii_pattern() is p.unicode_pattern()


@pytest.mark.parametrize("source", ["stra\u00dfe", "[\u00c0-\u00ff]+", "['\u2019]s", "[\u0300-\u036f]"])
def test_other_non_ascii_letters_keep_the_twin(source):
    assert ascii_source(source, re.I) == source


def test_the_unicode_flag_is_the_default_and_keeps_the_twin():
    p = patterns.compile(r"[.!?]\s", re.UNICODE)
    assert p.ascii_pattern().flags & re.ASCII and p.search("Yes. No").span() == (3, 5)


def test_non_ascii_text_is_read_by_the_unicode_pattern():
    p = patterns.compile(r"\b\w+\b", re.I)
    assert p.search("Kandahār province").group() == "Kandahār"  # ASCII \w would stop at "ā"
    assert p.search("Kandahar province").group() == "Kandahar"
    assert [m.group() for m in p.finditer("in Herāt and Kabul")] == ["in", "Herāt", "and", "Kabul"]


def test_whitespace_and_case_agree_on_ascii_text():
    p = patterns.compile(r"killed\s+in", re.I)
    assert p.search("KILLED\x1cin") is not None  # a separator is whitespace to Unicode's \s, so to the twin's
    assert re.compile(r"killed\s+in", re.I | re.ASCII).search("KILLED\x1cin") is None  # (plain ASCII mode: not)
    assert p.match("x killed in", 2) is not None and p.match("x killed in", 2, 8) is None
    assert p.fullmatch("killed  in") is not None
    assert p.sub("X", "killed in, Killed In") == "X, X"
    assert p.split("a killed in b") == ["a ", " b"]
    assert p.findall("killed in; killed\tin") == ["killed in", "killed\tin"]
    assert (p.pattern, p.flags & re.I, p.groups) == (r"killed\s+in", re.I, 0)


def _engine_patterns() -> list[Pattern]:
    found: dict[int, Pattern] = {}
    for module in MODULES:
        mod = importlib.import_module("incidentmap." + module[:-3].replace("/", "."))
        for value in vars(mod).values():
            for item in (value if isinstance(value, (tuple, list)) else (value,)):
                if isinstance(item, Pattern):
                    found[id(item)] = item
    return list(found.values())


def _ascii_samples() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for folder in ("data/articles", "data/devset")
             for p in sorted((ROOT / folder).glob("*.txt"))]
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t) if s.isascii() and s.strip()]
    return sentences[::3] + ["Police\x1cfired\x1ftear gas in Nairobi ;\x1d 3 killed", "KILLED  IN  ELDORET", ""]


def test_every_engine_pattern_finds_the_same_on_ascii_text():
    """Every pattern the compiled modules hold at module level, over ASCII sentences of the project's articles
    and strings with separators: the twin's matches (spans and groups) are the Unicode pattern's."""
    engine = _engine_patterns()
    assert len(engine) > 200
    samples = _ascii_samples()
    assert len(samples) > 100
    twins = 0
    for p in engine:
        if p.ascii_pattern() is p.unicode_pattern():
            continue
        twins += 1
        for text in samples:
            want = [(m.span(), m.groups()) for m in p.unicode_pattern().finditer(text)]
            assert [(m.span(), m.groups()) for m in p.ascii_pattern().finditer(text)] == want, (p.pattern, text)
    assert twins > 0.9 * len(engine)


def test_a_pattern_is_made_once_per_source_and_flags():
    assert patterns.compile(r"\bshot\b", re.I) is patterns.compile(r"\bshot\b", re.I)
    assert patterns.compile(r"\bshot\b", re.I) is not patterns.compile(r"\bshot\b")


def test_the_patterns_made_stay_bounded():
    for n in range(patterns._MADE_MAX + 10):
        patterns.compile(f"name{n}")
    assert 0 < len(patterns._MADE) <= patterns._MADE_MAX
