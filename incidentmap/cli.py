"""Command line: ``python -m incidentmap places|incidents FILE [--published YYYY-MM-DD] …``, and the corpus:
``python -m incidentmap ingest PATH… [--db FILE] [--workers N]`` and ``python -m incidentmap export --db FILE …``.

Output goes to stdout (GeoJSON by default); problems go to stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import export
from .errors import IncidentMapError, InputError
from .gazetteer import default_gazetteer
from .pipeline import GEOCODERS, analyze
from .textinput import MAX_UPLOAD_BYTES, byline_date, decode_upload, prepare_text, validate_text


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m incidentmap",
                                     description="Map the places and incidents a news article describes.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, formats, help_text in (
        ("places", ("geojson", "csv"), "every place the article mentions, geocoded"),
        ("incidents", ("geojson", "csv", "acled"), "the incidents the article describes"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("file", help="article file (text, Markdown or HTML); '-' reads standard input")
        p.add_argument("--published", type=_date, default=None,
                       help="publication date, YYYY-MM-DD (default: the one the article states, if any)")
        p.add_argument("--geocoder", choices=GEOCODERS, default="offline",
                       help="offline gazetteer (default) or Nominatim (online, opt-in, 1 request/s, cached)")
        p.add_argument("--format", choices=formats, default="geojson")
    p = sub.add_parser("ingest", help="analyse many articles into the corpus store and merge them into events")
    p.add_argument("paths", nargs="+", help="article files, folders of them, or JSONL/CSV files of articles")
    p.add_argument("--db", default=None, help="the store (DuckDB file); default $INCIDENTMAP_DB or the user data dir")
    p.add_argument("--workers", type=_positive, default=None, help="worker processes (default: one per CPU)")
    p.add_argument("--no-merge", action="store_true", help="store the articles but do not rebuild the events")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--engine", choices=("processes", "dask"), default="processes",
                   help="worker processes on this machine (default), or a Dask cluster")
    p.add_argument("--scheduler", default=None,
                   help="with --engine dask: the scheduler's address (tcp://host:8786); default a local cluster")
    p.add_argument("--parquet", default=None,
                   help="with --engine dask: the folder of Parquet partitions (default: beside the store)")
    p = sub.add_parser("export", help="export the corpus store's events or incidents")
    p.add_argument("--db", default=None, help="the store (DuckDB file); default $INCIDENTMAP_DB or the user data dir")
    p.add_argument("--what", choices=("events", "incidents"), default="events")
    p.add_argument("--format", choices=("geojson", "csv", "acled", "parquet"), default="geojson")
    p.add_argument("--from", dest="date_from", type=_date, default=None, help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, default=None, help="last day, YYYY-MM-DD")
    p.add_argument("--type", dest="types", action="append", default=[], help="incident type slug (repeatable)")
    p.add_argument("--country", dest="countries", action="append", default=[],
                   help="ISO alpha-2 country code (repeatable)")
    p.add_argument("--output", "-o", default=None, help="write to this file (needed for parquet); default stdout")
    return parser


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return n


def _ingest(args) -> int:
    from .corpus.ingest import ingest

    def tell(skip) -> None:
        print(f"skipped {skip.file_name}: {skip.reason}", file=sys.stderr)

    if args.engine != "dask" and (args.scheduler or args.parquet):
        raise InputError("--scheduler and --parquet go with --engine dask")
    report = ingest(args.paths, db=args.db, workers=args.workers, merge=not args.no_merge,
                    progress=not args.quiet, on_skip=tell, engine=args.engine, scheduler=args.scheduler,
                    parquet_dir=args.parquet)
    head = report.summary().splitlines()[0]  # the skips were told as they happened
    print(head, file=sys.stderr)
    return 0


def _export(args) -> int:
    from .corpus.export import export_store
    from .corpus.store import CorpusFilter, Store
    from .taxonomy import incident_types

    unknown = [t for t in args.types if t not in incident_types()]
    if unknown:
        raise InputError(f"unknown incident type {unknown[0]!r}: choose among {', '.join(incident_types())}")
    where = CorpusFilter(date_from=args.date_from, date_to=args.date_to, types=tuple(args.types),
                         countries=tuple(c.upper() for c in args.countries))
    with Store(args.db, read_only=True) as store:
        out = export_store(store, what=args.what, fmt=args.format, where=where, output=args.output)
    if out is not None:
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def read_input(path: str) -> str:
    return prepare_text(*read_decoded(path))


def read_decoded(path: str) -> tuple[str, str]:
    """The file (or standard input) decoded, before HTML is stripped, and its name."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_UPLOAD_BYTES + 1)
        name = ""
    else:
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_UPLOAD_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
        name = Path(path).name
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(f"the file is larger than the {MAX_UPLOAD_BYTES // (1024 * 1024)} MB limit")
    return decode_upload(data, filename=name), name


def publication_date(raw: str, name: str, given: dt.date | None) -> dt.date | None:
    """The date given, else the one the article states (byline, dateline, page metadata), said on stderr."""
    if given is not None:
        return given
    found = byline_date(raw, filename=name)
    if found is None:
        print("note: no publication date given (--published) or found in the article: relative dates "
              "('on Wednesday') stay unresolved", file=sys.stderr)
        return None
    print(f"note: publication date {found.date.isoformat()} taken from the article's {found.source}: "
          f"{found.text!r} (--published overrides it)", file=sys.stderr)
    return found.date


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("ingest", "export"):
        try:
            return _ingest(args) if args.command == "ingest" else _export(args)
        except IncidentMapError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    try:
        raw, name = read_decoded(args.file)
        text = prepare_text(raw, filename=name)
        validate_text(text)  # a refused text gets its error before any note about its date
        published = publication_date(raw, name, args.published)
        analysis = analyze(text, published=published, geocoder=args.geocoder)
    except IncidentMapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for warning in analysis.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.command == "places":
        if args.format == "csv":
            out = export.places_csv(analysis.places)
        else:
            out = export.feature_collection_text(export.places_geojson(analysis.places))
    else:
        if args.format == "csv":
            out = export.incidents_csv(analysis.incidents)
        elif args.format == "acled":
            names = {cc: c.name for cc, c in default_gazetteer().countries.items()}
            source = Path(args.file).name if args.file != "-" else ""
            out = export.incidents_acled_csv(analysis.incidents, source=source, country_names=names)
        else:
            out = export.feature_collection_text(export.incidents_geojson(analysis.incidents))
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0
