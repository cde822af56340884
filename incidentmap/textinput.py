"""From what a user pastes or uploads to the text the pipeline analyses.

Typical use (the dashboard's upload box, the CLI's file argument)::

    text = load_upload(data, filename="article.html")   # decode, prepare, validate
    text = load_text(pasted)                             # prepare, validate

Every offset downstream (mentions, evidence spans) refers to the string
:func:`prepare_text` returns, so it changes as little as possible: line endings become
``\\n``, control characters go, outer whitespace is stripped, HTML becomes text;
everything else (typographic quotes, non-breaking spaces in plain text, any script)
is kept as is.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .dates import calendar_day
from .errors import InputError
from .models import PublishedFrom

__all__ = [
    "MAX_CHARS",
    "MAX_UPLOAD_BYTES",
    "decode_upload",
    "html_to_text",
    "looks_like_html",
    "prepare_text",
    "validate_text",
    "load_upload",
    "load_text",
    "BylineDate",
    "byline_date",
]

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # a saved web page carries markup: its text is far smaller
# About 80,000 words, a book rather than an article. The analysis runs at 200-350 KB/s on the 2-core
# host (README, bench/), so every accepted text is answered well within 5 s; a longer one gets a
# message at once instead of a long wait (issue 5).
MAX_CHARS = 500_000

# File signatures of formats people upload by mistake, with what to tell them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or an office document (.docx, .xlsx, .odt)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 file"),
    (b"fLaC", "an audio file"),
    (b"SQLite format 3\x00", "a database file"),
)
_CP1252 = {}
for _b in range(0x80, 0xA0):
    try:
        _CP1252[_b] = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D
        pass
_RIFF_KINDS = {b"WEBP": "a WebP image", b"WAVE": "an audio file", b"AVI ": "a video file"}
_SAVE_AS_TEXT = "Please upload the article as plain text (.txt) or a web page (.html), or paste its text."

# C0 controls other than tab and newline (CR is handled with newlines). Kept out of the
# text because they break display and sentence splitting and never carry meaning.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_BREAKING_CONTROL = re.compile(r"[\x0b\x0c]")  # vertical tab, form feed: line/page breaks
_LETTER = re.compile(r"[^\W\d_]")
_HTML_SNIFF = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|p|div|br|article|section|h[1-6]|script|style|span|a\s"
    r"|table|ul|li)\b",
    re.IGNORECASE,
)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


def _binary_kind(data: bytes) -> str | None:
    """What a known binary format is called, from its first bytes."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and b"\x00" not in data[:512]:
                continue  # a text file may well start with "MZ"
            return kind
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "a video or image file (MP4/HEIC)"
    return None


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch <= "\x9f")
    return bad / len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: NULs in the high bytes of ASCII characters (every
    other byte for English; at least the spaces for Cyrillic), never in the low bytes."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    half = len(sample) / 2
    even_nul, odd_nul = sample[0::2].count(0) / half, sample[1::2].count(0) / half

    def high_bytes_only(nul: float, other: float) -> bool:
        return (nul > 0.3 and other < 0.05) or (nul > 0.05 and other == 0)

    if high_bytes_only(odd_nul, even_nul):
        encoding = "utf-16-le"
    elif high_bytes_only(even_nul, odd_nul):
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_upload(data: bytes, *, filename: str = "") -> str:
    """Decode an uploaded file to text, or raise :class:`InputError` saying why it cannot be read.

    UTF-8 (with or without BOM), UTF-16/32 with a BOM and BOM-less UTF-16 are read as
    such; other bytes fall back to Windows-1252 (a superset of printable Latin-1) only
    if the result looks like text. Binary files are refused by signature (PDF, images,
    archives, office documents...) or by NUL bytes and control characters. ``filename``
    only improves the messages.
    """
    name = f"“{filename}” " if filename else "The file "
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(
            f"{name}is too large ({len(data) / 1048576:.1f} MB); the limit is {MAX_UPLOAD_BYTES // 1048576} MB."
        )
    if not data:
        return ""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            # UTF-8 keeps its BOM as U+FEFF, as Python's open(path, encoding="utf-8") does: offsets then
            # match the file read in text mode. (Python's UTF-16/32 decoders drop theirs.)
            skip = 0 if bom == codecs.BOM_UTF8 else len(bom)
            try:
                text = data[skip:].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}says it is {encoding.upper()} text but contains invalid bytes "
                    f"(at byte {exc.start + skip}). "
                    + _SAVE_AS_TEXT
                ) from None
            return _checked_text(text, name)
    kind = _binary_kind(data)
    if kind:
        raise InputError(f"{name}looks like {kind}, not text. {_SAVE_AS_TEXT}")
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(f"{name}contains binary data (NUL bytes), not text. {_SAVE_AS_TEXT}")
        return _checked_text(text, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8: most likely an old Windows or Latin-1 file. Windows-1252 is Latin-1
        # with printable characters in 0x80-0x9F; its five undefined bytes stay C1
        # controls, which count against the "looks like text" check below.
        text = data.decode("latin-1").translate(_CP1252)
    return _checked_text(text, name)


def _checked_text(text: str, name: str) -> str:
    if _control_ratio(text) > 0.01:
        raise InputError(f"{name}does not look like text (too many control characters). {_SAVE_AS_TEXT}")
    return text


# Markers the extractor writes between text pieces; control characters, so they cannot
# come from the page itself (its own are removed first).
_PARA, _LINE, _PRE_NL = "\x02", "\x01", "\x00"
_MARKERS = re.compile(r"[\x00-\x02]")


class _TextExtractor(HTMLParser):
    """Collects the readable text of a page, marking paragraph and line breaks."""

    SKIP = frozenset(
        "script style nav header footer aside noscript template head title svg math iframe object "
        "form button select textarea canvas video audio".split()
    )
    BLOCK = frozenset(
        "p div section article main blockquote figure figcaption h1 h2 h3 h4 h5 h6 ul ol li dl dt dd "
        "table thead tbody tfoot tr td th pre address hr details summary caption".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities arrive decoded in handle_data
        self.parts: list[str] = []
        self.skip = 0  # depth inside elements whose text is not the article's
        self.pre = 0  # depth inside <pre>, where newlines are content

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "br":
            self.parts.append(_LINE)
        elif tag in self.BLOCK:
            self.parts.append(_PARA)
            self.pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        # <br/>, <nav/>: nothing opens, so the skip depth must not change
        if tag == "br":
            self.parts.append(_LINE)
        elif tag in self.BLOCK:
            self.parts.append(_PARA)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append(_PARA)
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = _MARKERS.sub("", data)
        if self.pre:
            data = data.replace("\r\n", "\n").replace("\n", _PRE_NL)
        self.parts.append(data)


_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")


def html_to_text(html_doc: str) -> str:
    """Readable text of an HTML page.

    Drops scripts, styles, navigation, headers, footers, asides, forms, templates and
    comments; decodes entities; separates block elements (paragraphs, headings, list
    items...) by a blank line and ``<br>`` by a newline; collapses other whitespace,
    including source newlines and non-breaking spaces, to one space as a browser would.
    """
    parser = _TextExtractor()
    parser.feed(html_doc)
    parser.close()
    paragraphs = []
    for block in "".join(parser.parts).split(_PARA):
        lines = (_SPACES.sub(" ", line).strip() for line in block.split(_LINE))
        text = "\n".join(line for line in lines if line).replace(_PRE_NL, "\n")
        if text.strip():
            paragraphs.append(text.strip(" "))
    return "\n\n".join(paragraphs)


def looks_like_html(text: str, *, filename: str = "") -> bool:
    """By extension, or because the text starts with a tag and has HTML elements."""
    if filename.lower().endswith(_HTML_SUFFIXES):
        return True
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith("<") and _HTML_SNIFF.search(head):
        return True
    sample = text[:65536]
    return len(_HTML_SNIFF.findall(sample)) >= 3 and bool(re.search(r"</(?:p|div|html|body)>", sample, re.I))


def prepare_text(raw: str, *, filename: str = "") -> str:
    """The text the pipeline analyses (all offsets refer to it).

    HTML (by ``filename`` extension or by content) becomes text. Plain text keeps its
    offsets as Python reads the file in text mode (``open(path, encoding="utf-8")``):
    CRLF and CR become LF (universal newlines); vertical tab and form feed become LF
    and NUL and other C0 controls a space, one character for one, so nothing shifts.
    No other character is changed, and leading/trailing white space is kept.
    """
    text = raw
    html = looks_like_html(text, filename=filename)
    if html:
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BREAKING_CONTROL.sub("\n", text)
    text = _CONTROL.sub(" ", text)
    return text.strip() if html else text


def validate_text(text: str) -> None:
    """Raise :class:`InputError` (message for a user) if ``text`` cannot be analysed."""
    if not text or not text.strip():
        raise InputError("The article is empty: paste the text of a news article or upload a file.")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"The article is too long: {len(text):,} characters; the limit is {MAX_CHARS:,} characters "
            f"(about {MAX_CHARS // 6:,} words). Split it into separate articles and analyse them one at a time."
        )
    if not _LETTER.search(text):
        raise InputError("The input contains no letters, so there is no article text to analyse.")


def load_upload(data: bytes, *, filename: str = "") -> str:
    """decode_upload + prepare_text + validate_text: an upload to analysable text."""
    text = prepare_text(decode_upload(data, filename=filename), filename=filename)
    validate_text(text)
    return text


def load_text(raw: str, *, filename: str = "") -> str:
    """prepare_text + validate_text: pasted text to analysable text."""
    text = prepare_text(raw, filename=filename)
    validate_text(text)
    return text


# --- the publication date an article carries --------------------------------------------------------

@dataclass(frozen=True, slots=True)
class BylineDate:
    """A publication date found in the article itself, and what it was read from (for the user)."""

    date: dt.date
    source: PublishedFrom
    text: str  # the words or the metadata it was read from, e.g. "Published 8 January 2022"


# <meta> names, properties and itemprops that carry the publication date, best first.
_META_DATE_NAMES = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued",
    "dc.date", "date",
)  # fmt: skip
_BYLINE_LOOK_CHARS = 3000  # the byline and dateline sit at the top of an article
_BYLINE_LINES = 15  # lines searched for a line that is mostly a date ("By Jane Doe | Jan. 8, 2022")
_DATE_LINE_WORDS = 8  # words besides the date on such a line: more, and it is a sentence or a headline
# "Published 8 January 2022", "Updated: 2022-01-08", "Posted on Jan. 8, 2022 at 10:00".
# Near the start of its line (a byline, not "the report, published on 5 January, said").
_BYLINE = re.compile(r"(?im)^[^\n.,;]{0,40}?\b(?P<kind>first\s+published|published|posted|last\s+updated|updated)\b"
                     r"(?:\s+(?:on|at))?\s*:?\s*(?P<rest>[^\n]{0,60})")
# "ALMATY, Jan 8 (Reuters) -", "ALMATY, Kazakhstan, Jan. 8, 2022 (AP) —": a wire dateline.
_DATELINE_DATE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z .'’-]{1,40}(?:,[^,\n(]{1,40})?,\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+"
                            r"\d{1,2}(?:,?\s+(?:19|20)\d\d)?)\s*\(")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


class _DateMetadata(HTMLParser):
    """The publication-date metadata of a page: <meta>, JSON-LD and <time> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.ld_json: list[str] = []
        self.times: list[tuple[bool, str]] = []  # (marked pubdate, datetime)
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if name and a.get("content"):
                self.meta.setdefault(name, a["content"])
        elif tag == "time" and a.get("datetime"):
            self.times.append(("pubdate" in a or a.get("itemprop", "").lower() == "datepublished", a["datetime"]))
        elif a.get("itemprop", "").lower() == "datepublished" and (a.get("content") or a.get("datetime")):
            self.meta.setdefault("datepublished", a.get("content") or a.get("datetime"))
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in_ld = True
            self.ld_json.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.ld_json[-1] += data


def _json_ld_published(blocks: list[str]) -> str | None:
    """The first "datePublished" anywhere in the page's JSON-LD (objects, lists, @graph)."""
    def walk(node):
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str) and value:
                return value
            node = list(node.values())
        if isinstance(node, list):
            for child in node:
                found = walk(child)
                if found:
                    return found
        return None

    for block in blocks:
        try:
            found = walk(json.loads(block))
        except (ValueError, RecursionError):
            continue
        if found:
            return found
    return None


def byline_date(raw: str, *, filename: str = "", today: dt.date | None = None) -> BylineDate | None:
    """The publication date an article states, for an article given without one (issue 11/13).

    From a web page's metadata first (``article:published_time`` and the other names of
    ``_META_DATE_NAMES``, ``datePublished`` in JSON-LD, ``<time datetime>``), then from its text: a byline
    ("Published 8 January 2022"; "Updated …" only when nothing says published), a wire dateline
    ("ALMATY, Jan 8 (Reuters) -", its year the latest not after ``today`` when not written), a line near
    the top that is mostly a date ("By Jane Doe | Jan. 8, 2022"). Dates after ``today`` (plus a day for
    time zones) or before 1900 are not publication dates. None when the article states none.
    """
    today = today or dt.date.today()
    latest = today + dt.timedelta(days=1)

    def accept(text: str, source: PublishedFrom, shown: str) -> BylineDate | None:
        day = calendar_day(text, latest=latest)
        if day is None or not dt.date(1900, 1, 1) <= day <= latest:
            return None
        return BylineDate(day, source, " ".join(shown.split())[:120])

    text = raw
    if looks_like_html(raw, filename=filename):
        meta = _DateMetadata()
        try:
            meta.feed(raw)
            meta.close()
        except (AssertionError, ValueError):  # a broken page: its text may still carry a byline
            meta = None
        if meta is not None:
            for name in _META_DATE_NAMES:
                if name in meta.meta:
                    found = accept(meta.meta[name], PublishedFrom.HTML_META, f"{name}: {meta.meta[name]}")
                    if found:
                        return found
            ld = _json_ld_published(meta.ld_json)
            if ld:
                found = accept(ld, PublishedFrom.JSON_LD, f"datePublished: {ld}")
                if found:
                    return found
            for _pubdate, value in sorted(meta.times, key=lambda t: not t[0]):
                found = accept(value, PublishedFrom.TIME_ELEMENT, f"<time datetime> {value}")
                if found:
                    return found
        text = html_to_text(raw)
    head = text[:_BYLINE_LOOK_CHARS]
    bylines = sorted(_BYLINE.finditer(head), key=lambda m: "updated" in m["kind"].lower())
    for m in bylines:
        found = accept(m["rest"], PublishedFrom.BYLINE, m.group())
        if found:
            return found
    m = _DATELINE_DATE.search(head)
    if m:
        found = accept(m["date"], PublishedFrom.DATELINE, m.group().rstrip("( "))
        if found:
            return found
    for line in head.split("\n")[:_BYLINE_LINES]:
        if len(line) > 120 or not _YEAR_RE.search(line):
            continue
        day = _DATE_IN_LINE.search(line)
        if day and len(_WORD_RE.findall(line[:day.start()] + line[day.end():])) <= _DATE_LINE_WORDS:
            found = accept(day.group(), PublishedFrom.BYLINE, line)
            if found:
                return found
    return None


# A full date on a byline line: "Jan. 8, 2022", "8 January 2022", "2022-01-08".
_DATE_IN_LINE = re.compile(
    r"\b(?:(?:19|20)\d\d-\d\d-\d\d|(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?,?\s+(?:19|20)\d\d)\b")
# Words, and times of day ("10:30 AM GMT") count as few words.
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
