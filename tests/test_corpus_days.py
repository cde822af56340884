"""The corpus store keeps an incident's span (``days``, schema version 4) and its ACLED exports split a multi-day
toll over the days as the one-article export does; older store files are migrated, or read as spanning one day."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from incidentmap.corpus.export import export_store
from incidentmap.corpus.merge import merge_store
from incidentmap.corpus.store import SCHEMA_VERSION, Store
from incidentmap.export import incidents_acled_csv
from incidentmap.pipeline import analyze
from store_versions import downgrade, one_article_store
from test_merge import incident, record

D = dt.date
CLASHES = ("Twelve people were killed in three days of clashes between herders and farmers in Nakuru, Kenya, "
           "police said on Saturday.")
PUBLISHED = D(2025, 3, 15)  # a Saturday


def _acled(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _split(rows: list[dict]) -> list[tuple]:
    """What a split decides, per row: the id's day suffix, the day, its precision, the type and the dead."""
    return [(r["event_id_cnty"].rsplit("-", 1)[-1], r["event_date"], r["time_precision"], r["event_type"],
             r["fatalities"]) for r in rows]


@pytest.fixture(scope="module")
def clashes(tmp_path_factory):
    return one_article_store(tmp_path_factory.mktemp("in"), text=CLASHES, published=PUBLISHED,
                             source="Rift Valley Times")


def test_ingest_stores_the_span_of_a_multi_day_toll(clashes):
    with Store(clashes, read_only=True) as s:
        assert s.schema_version() == SCHEMA_VERSION == 4
        incidents = s.incidents()
        raw = dict(s.con.execute("SELECT id, days FROM incidents").fetchall())  # stored, not defaulted on reading
    toll = [i for i in incidents if i.fatalities]
    assert [(i.fatalities, i.days) for i in toll] == [(12, 3)]
    assert raw[toll[0].id] == 3
    assert all(i.days == 1 for i in incidents if not i.fatalities)  # the span goes with the toll


def test_corpus_acled_incidents_split_the_toll_like_the_one_article_export(clashes):
    with Store(clashes, read_only=True) as s:
        rows = _acled(export_store(s, what="incidents", fmt="acled"))
    split = [r for r in rows if r["event_id_cnty"][-2] == "-"]
    assert [r["fatalities"] for r in split] == ["4", "4", "4"]
    assert [r["event_id_cnty"][-2:] for r in split] == ["-1", "-2", "-3"]
    assert [r["event_date"] for r in split] == ["2025-03-13", "2025-03-14", "2025-03-15"]  # ending on its day
    assert {r["source"] for r in rows} == {"Rift Valley Times"}
    one_article = _acled(incidents_acled_csv(analyze(CLASHES, published=PUBLISHED)))
    assert _split(rows) == _split(one_article)


def test_corpus_acled_events_split_the_toll(clashes):
    with Store(clashes, read_only=True) as s:
        events = {e.id: e for e in s.events()}
        rows = _acled(export_store(s, what="events", fmt="acled"))
        geojson = json.loads(export_store(s, what="events", fmt="geojson"))
    days = {f["id"]: f["properties"]["days"] for f in geojson["features"]}
    (toll,) = [e for e in events.values() if e.fatalities]
    assert days[toll.id] == 3
    mine = [r for r in rows if r["event_id_cnty"].rsplit("-", 1)[0].endswith(toll.id)]
    assert [(r["event_id_cnty"][-2:], r["fatalities"]) for r in mine] == [("-1", "4"), ("-2", "4"), ("-3", "4")]


@pytest.mark.parametrize(("members", "fatalities", "days", "rows"), [
    # The figure's member's span, though another member comes first (published earlier).
    ([("bbbb", D(2025, 3, 14), None, 1), ("aaaa", D(2025, 3, 15), 12, 3)], 12, 3, ["4", "4", "4"]),
    # The lowest figure (ACLED's rule) is reported for one day: one row.
    ([("aaaa", D(2025, 3, 15), 12, 3), ("cccc", D(2025, 3, 16), 4, 1)], 4, 1, ["4"]),
    # No figure: the first member's span.
    ([("aaaa", D(2025, 3, 15), None, 2), ("bbbb", D(2025, 3, 16), None, 1)], None, 2, ["0", "0"]),
])  # fmt: skip
def test_an_event_takes_the_span_of_the_member_whose_figure_it_carries(tmp_path, members, fatalities, days, rows):
    with Store(tmp_path / "s.duckdb") as s:
        s.add_articles([record(article, [incident("i1", fatalities=dead, days=span)], published=published)
                        for article, published, dead, span in members])
        assert merge_store(s) == 1
        (event,) = s.events()
        geojson = json.loads(export_store(s, what="events", fmt="geojson"))
        acled = _acled(export_store(s, what="events", fmt="acled"))
    assert (event.fatalities, geojson["features"][0]["properties"]["days"]) == (fatalities, days)
    assert [r["fatalities"] for r in acled] == rows


def test_a_row_stored_without_a_span_reads_one_day(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.add_articles([record("aaaa", [incident("i1", fatalities=5)], published=D(2025, 3, 12))])  # no "days"
        (row,) = s.incidents()
        assert row.days == 1 and s.table("incidents").column("days").to_pylist() == [1]


def _make_version(path, version: int) -> None:
    """A file as version ``version`` wrote it: a current one without what later versions added."""
    with Store(path) as s:
        s.add_articles([record("aaaa", [incident("i1", fatalities=6)], published=D(2025, 3, 12))])
        merge_store(s)
    downgrade(path, version)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_an_older_store_is_read_as_one_day_and_migrated(tmp_path, version):
    path = tmp_path / "old.duckdb"
    _make_version(path, version)
    with Store(path, read_only=True) as s:  # the pages read it as it is
        assert s.schema_version() == version
        assert [(i.fatalities, i.days) for i in s.incidents()] == [(6, 1)]
        assert [m.days for ms in s.event_members().values() for m in ms] == [1]
        assert s.table("incidents").column("days").to_pylist() == [1]
        assert [r["fatalities"] for r in _acled(export_store(s, what="incidents", fmt="acled"))] == ["6"]
        assert [r["fatalities"] for r in _acled(export_store(s, what="events", fmt="acled"))] == ["6"]
    with Store(path) as s:  # read-write: migrated, the old rows spanning one day
        assert s.schema_version() == SCHEMA_VERSION == 4
        assert s.con.execute("SELECT days FROM incidents").fetchall() == [(1,)]
        assert s.one("SELECT count(*) FROM schema_version") == 1
        s.add_articles([record("bbbb", [incident("i1", fatalities=6, days=2)], published=D(2025, 3, 13))])
        assert sorted(i.days for i in s.incidents()) == [1, 2]
    with Store(tmp_path / "new.duckdb") as new, Store(path, read_only=True) as migrated:
        # The same columns in the same order as a new file's (version 4's last in both).
        assert migrated.table("incidents").schema == new.table("incidents").schema
