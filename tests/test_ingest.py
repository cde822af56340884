"""Ingest: inputs (folders, JSONL, CSV), idempotence, resume after an interruption, bad files, workers."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from incidentmap.cli import main
from incidentmap.corpus import ingest as ingest_module
from incidentmap.corpus.ingest import IngestConfig, Skipped, ingest, iter_documents
from incidentmap.corpus.store import Store

NAIROBI = ("NAIROBI - Police fired tear gas at thousands of protesters in central Nairobi on Tuesday as anger over "
           "a new fuel levy spilled onto the streets. Police said 46 people were arrested.")
NAIROBI_AGAIN = ("On Tuesday, riot police in Nairobi used tear gas to break up crowds marching against the fuel levy. "
                 "Dozens of demonstrators were detained.")
LIMA = "Looters broke into shops in central Lima on Thursday during a transport strike. Police arrested 12 people."


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nairobi-2025-03-11.txt").write_text("Tear gas in Nairobi\n\n" + NAIROBI, encoding="utf-8")
    (folder / "page.html").write_text(f"<html><body><nav>Menu</nav><p>{NAIROBI_AGAIN}</p></body></html>",
                                      encoding="utf-8")
    (folder / "more.jsonl").write_text(json.dumps({"text": LIMA, "title": "Lima looting", "url": "https://x.example/1",
                                                   "source": "Andes", "published": "2025-10-02T10:00:00Z"}) + "\n",
                                       encoding="utf-8")
    return folder


def test_reads_folders_jsonl_and_csv_with_their_fields(corpus, tmp_path):
    (tmp_path / "rows.csv").write_text("title,text,published,url\nA title,\"" + LIMA.replace("Lima", "Cusco")
                                       + "\",2025-10-03,https://x.example/2\n", encoding="utf-8")
    docs = list(iter_documents([corpus, tmp_path / "rows.csv"]))
    assert not [d for d in docs if isinstance(d, Skipped)]
    by_name = {d.file_name.rsplit("/", 1)[-1]: d for d in docs}
    txt = by_name["nairobi-2025-03-11.txt"]
    assert (txt.title, txt.published) == ("Tear gas in Nairobi", dt.date(2025, 3, 11))  # date from the file name
    assert "Menu" not in by_name["page.html"].text and by_name["page.html"].published is None
    line = by_name["more.jsonl#1"]
    assert (line.title, line.url, line.source, line.published) == ("Lima looting", "https://x.example/1", "Andes",
                                                                  dt.date(2025, 10, 2))
    assert by_name["rows.csv#2"].published == dt.date(2025, 10, 3)


def test_ingest_then_again_changes_nothing(corpus, tmp_path):
    db = tmp_path / "s.duckdb"
    first = ingest([corpus], db=db, workers=1)
    assert (first.ingested, first.already_present, first.skipped) == (3, 0, [])
    assert first.incidents > 0 and first.events is not None
    with Store(db, read_only=True) as s:
        counts = s.counts()
        articles = s.articles()
    assert counts["articles"] == 3 and counts["incidents"] == first.incidents
    assert {a.title for a in articles} >= {"Tear gas in Nairobi", "Lima looting"}
    second = ingest([corpus], db=db, workers=1)
    assert (second.ingested, second.already_present) == (0, 3)
    with Store(db, read_only=True) as s:
        assert s.counts() == counts


def test_the_same_text_twice_in_one_run_is_stored_once(tmp_path):
    (tmp_path / "a.txt").write_text(LIMA, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(LIMA, encoding="utf-8")
    report = ingest([tmp_path], db=tmp_path / "s.duckdb", workers=1, merge=False)
    assert (report.ingested, report.already_present) == (1, 1)


def test_an_interrupted_run_resumes_without_losing_committed_batches(corpus, tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    real = ingest_module.analyze_document
    calls = []

    def flaky(doc):
        calls.append(doc.file_name)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the user pressed Ctrl-C while the third article was analysed
        return real(doc)

    monkeypatch.setattr(ingest_module, "analyze_document", flaky)
    with pytest.raises(KeyboardInterrupt):
        ingest([corpus], db=db, workers=1, config=IngestConfig(batch_size=1))
    with Store(db, read_only=True) as s:
        assert s.counts()["articles"] == 2  # the two finished batches were committed
    monkeypatch.setattr(ingest_module, "analyze_document", real)
    report = ingest([corpus], db=db, workers=1)
    assert (report.ingested, report.already_present) == (1, 2)
    with Store(db, read_only=True) as s:
        assert s.counts()["articles"] == 3 and s.counts()["events"] > 0


def test_bad_files_and_records_are_reported_and_skipped(corpus, tmp_path):
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (corpus / "empty.md").write_text("   \n", encoding="utf-8")
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4")  # not a kind ingest reads in a folder: ignored
    (corpus / "bad.jsonl").write_text('{"text": 5}\nnot json\n[1]\n{"title": "no text"}\n'
                                      '{"text": "Riots in Lima.", "published": "yesterday"}\n', encoding="utf-8")
    (corpus / "table.csv").write_text("title,body\nA,B\n", encoding="utf-8")
    report = ingest([corpus, tmp_path / "missing-folder"], db=tmp_path / "s.duckdb", workers=1)
    assert report.ingested == 3  # the good articles still go in
    reasons = {s.file_name.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert "PNG" in reasons["image.txt"]
    assert "empty" in reasons["empty.md"]
    assert reasons["bad.jsonl#1"] == "no 'text' field" and "not valid JSON" in reasons["bad.jsonl#2"]
    assert reasons["bad.jsonl#3"] == "not a JSON object" and reasons["bad.jsonl#4"] == "no 'text' field"
    assert "not an ISO date" in reasons["bad.jsonl#5"]
    assert "'text' column" in reasons["table.csv"]
    assert "no such file" in reasons["missing-folder"]
    assert "notes.pdf" not in reasons
    assert f"skipped {corpus / 'image.txt'}: " in report.summary()


def test_a_pipeline_failure_skips_that_article_only(corpus, tmp_path, monkeypatch):
    real = ingest_module.analyze

    def broken(text, **kw):
        if "Lima" in text:
            raise RuntimeError("boom")
        return real(text, **kw)

    monkeypatch.setattr(ingest_module, "analyze", broken)
    report = ingest([corpus], db=tmp_path / "s.duckdb", workers=1)
    assert report.ingested == 2
    assert [s.reason for s in report.skipped] == ["the pipeline failed: RuntimeError: boom"]


def test_two_worker_processes_give_the_same_store(corpus, tmp_path):
    one = ingest([corpus], db=tmp_path / "one.duckdb", workers=1)
    two = ingest([corpus], db=tmp_path / "two.duckdb", workers=2)
    assert (two.ingested, two.incidents, two.events) == (one.ingested, one.incidents, one.events)
    with Store(tmp_path / "one.duckdb", read_only=True) as a, Store(tmp_path / "two.duckdb", read_only=True) as b:
        assert [(i.id, i.incident_type, i.place_key, i.date) for i in a.incidents()] == [
            (i.id, i.incident_type, i.place_key, i.date) for i in b.incidents()]
        assert [e.id for e in a.events()] == [e.id for e in b.events()]


def test_cli_ingest(corpus, tmp_path, capsys):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "cli.duckdb"
    assert main(["ingest", str(corpus), "--db", str(db), "--workers", "1", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "ingested 3 article(s)" in err and "empty.txt" in err and "events after merging" in err
    assert main(["ingest", str(corpus), "--db", str(db), "--workers", "1", "--quiet", "--no-merge"]) == 0
    assert "0 article(s)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["ingest", str(corpus), "--workers", "0"])


def test_cli_engine_options(corpus, tmp_path, capsys):
    assert main(["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb"), "--scheduler", "tcp://x:8786"]) == 2
    assert "--engine dask" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["ingest", str(corpus), "--engine", "spark"])


def test_a_folders_readme_is_not_an_article(tmp_path):
    (tmp_path / "README.md").write_text("# Articles\n\nProtesters marched in Nairobi on Tuesday.", encoding="utf-8")
    (tmp_path / "a.txt").write_text(LIMA, encoding="utf-8")
    assert [d.file_name for d in iter_documents([tmp_path])] == [str(tmp_path / "a.txt")]
    assert len(list(iter_documents([tmp_path / "README.md"]))) == 1  # named on purpose: read


def test_an_incident_without_a_location_is_stored_merged_and_exported(tmp_path):
    """An article that supports no place still gives incidents (no silent drops): stored with empty place
    columns, an event of its own, a GeoJSON Feature with a null geometry."""
    from incidentmap.corpus.export import export_store

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "2024-05-06-x.txt").write_text("Gunmen killed three villagers on Monday, police said.\n", encoding="utf-8")
    report = ingest([folder], db=tmp_path / "s.duckdb", workers=1)
    assert report.ingested == 1
    with Store(tmp_path / "s.duckdb") as s:
        rows = s.incidents()
        assert rows and all(r.place_key is None and r.lat is None for r in rows)
        features = json.loads(export_store(s, what="events", fmt="geojson"))["features"]
    assert features and all(f["geometry"] is None for f in features)


@pytest.mark.parametrize("n", [0, 1, 5, 31, 32, 100, 1499])
def test_chunks_keep_every_article_in_order_and_end_small(n):
    """Work handed to the workers: every article once, in order, no chunk over the size, and the last ones
    smaller (a quarter of the size at the end) so that the workers finish together."""
    chunks = list(ingest_module._chunks(iter(range(n)), 32, workers=2))
    assert [d for c in chunks for d in c] == list(range(n))
    assert all(0 < len(c) <= 32 for c in chunks)
    if n >= 200:
        assert len(chunks[0]) == 32 and len(chunks[-2]) == 8
        sizes = [len(c) for c in chunks]
        assert sizes[-8:] == sorted(sizes[-8:], reverse=True)  # shrinking to the end


def test_the_schemas_a_task_carries_come_back_the_same(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        schemas = store.arrow_schemas()
    back = ingest_module._deserialized(ingest_module._serialized(schemas))
    assert back.keys() == schemas.keys()
    assert all(back[t].equals(schemas[t], check_metadata=True) for t in schemas)
