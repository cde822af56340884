"""Command line: ``python -m incidentmap places|incidents FILE [--published YYYY-MM-DD] …``.

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
    return parser


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
