"""bench/external.py on a tiny corpus written here: the scorer's matching and metrics, not the corpora."""

from pathlib import Path

from bench import external

TEXT = "Protesters marched in Nairobi on Tuesday. Later, crowds gathered in Mombasa and in Xyzzyville."
CORPUS = f"""<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text><![CDATA[{TEXT}]]></text><toponyms>
<toponym><start>22</start><end>29</end><phrase>Nairobi</phrase>
  <gaztag geonameid="184745"><lat>-1.28333</lat><lon>36.81667</lon></gaztag></toponym>
<toponym><start>68</start><end>75</end><phrase>Mombasa</phrase>
  <gaztag geonameid="186301"><lat>-4.05466</lat><lon>39.66359</lon></gaztag></toponym>
<toponym><start>83</start><end>93</end><phrase>Xyzzyville</phrase></toponym>
<toponym><start>500</start><end>510</end><phrase>out of range</phrase></toponym>
</toponyms></article></articles>
"""


def test_reads_spans_and_drops_offsets_outside_the_text(tmp_path: Path):
    path = tmp_path / "c.xml"
    path.write_text(CORPUS, encoding="utf-8")
    (art,) = external.read_corpus(path)
    assert [TEXT[t.start:t.end] for t in art.toponyms] == ["Nairobi", "Mombasa", "Xyzzyville"]
    assert art.toponyms[2].lat is None


def test_scores_recognition_and_resolution(tmp_path: Path):
    path = tmp_path / "c.xml"
    path.write_text(CORPUS, encoding="utf-8")
    (art,) = external.read_corpus(path)
    s = external.summary(external.score_article(art))
    assert s["gold"] == 3 and s["matched"] == 2  # the made-up town is a miss
    assert s["recall"] == 2 / 3
    assert s["resolved"] == 2 and s["acc@25"] == 1.0
    assert 0 <= s["auc"] < 0.3


def test_matching_is_one_to_one_largest_overlap_first():
    g1 = external.GoldToponym(0, 10, "New Orleans", None, None, "")
    g2 = external.GoldToponym(4, 10, "Orleans", None, None, "")
    p = external.Predicted(0, 10, "New Orleans", "New Orleans", 0, 0, 1, "city", "city", "k")
    assert external.match((g1, g2), [p]) == [(g1, p)]


def test_auc_is_zero_when_exact_and_one_when_antipodal():
    assert external.auc_log_error([0.0, 0.0, 0.0]) == 0.0
    assert abs(external.auc_log_error([external.HALF_EARTH_KM] * 3) - 1.0) < 1e-9
    assert external.auc_log_error([5.0]) is None


def test_skips_cleanly_without_a_corpus(capsys):
    assert external.main([]) == 0
    assert "skipped" in capsys.readouterr().out


def test_main_scores_each_file_and_writes_failures(tmp_path: Path, capsys):
    path = tmp_path / "c.xml"
    path.write_text(CORPUS, encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    assert external.main([str(path), str(tmp_path / "missing.xml"), "--errors", str(errors)]) == 0
    out = capsys.readouterr().out
    assert "F1" in out and "missing.xml: not found, skipped" in out
    assert '"missed"' in errors.read_text(encoding="utf-8")  # the made-up town


def test_demonyms_and_adjectives_are_told_apart_from_place_names():
    from bench.external import is_adjectival

    for phrase in ("Russian", "Palestinians", "Sri Lankan", "Sudanese", "Turkish", "Iraqi", "Ohioans"):
        assert is_adjectival(phrase), phrase
    for phrase in ("Russia", "Sudan", "Jordan", "Atlantic", "Michigan", "Pakistan", "Oman"):
        assert not is_adjectival(phrase), phrase


def test_a_gold_span_whose_offsets_drifted_is_realigned_to_its_phrase(tmp_path: Path):
    # Offsets one character late, as in some corpus articles: the span "airobi " would overlap the
    # neighbouring word; it is moved to the nearest "Nairobi". One that names no nearby phrase stays.
    drifted = (CORPUS.replace("<start>22</start><end>29</end>", "<start>23</start><end>30</end>")
               .replace("<start>68</start><end>75</end>", "<start>69</start><end>76</end>"))
    path = tmp_path / "c.xml"
    path.write_text(drifted, encoding="utf-8")
    (art,) = external.read_corpus(path)
    assert [TEXT[t.start:t.end] for t in art.toponyms] == ["Nairobi", "Mombasa", "Xyzzyville"]
    assert art.realigned == 2
    assert external.summary(external.score_article(art))["realigned_gold"] == 2


def test_realignment_takes_the_nearest_occurrence_within_the_drift_limit():
    text = "Paris and Lyon; later Paris again." + " " * 400 + "Paris"
    assert external._nearest(text, "Paris", 20) == 22
    assert external._nearest(text, "Paris", 3) == 0
    assert external._nearest(text, "Lyon", 400) is None  # further than MAX_DRIFT
