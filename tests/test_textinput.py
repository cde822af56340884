"""User input to analysable text: decoding, HTML, normalisation, validation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incidentmap.errors import InputError
from incidentmap.textinput import (
    MAX_CHARS,
    MAX_UPLOAD_BYTES,
    decode_upload,
    html_to_text,
    load_text,
    load_upload,
    looks_like_html,
    prepare_text,
    validate_text,
)

ARTICLE = "Protesters stormed the mayor’s office in Almaty on Wednesday — “we want change”, one said."


# --- decode_upload ---


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE.encode("utf-8"), ARTICLE),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "\ufeff" + ARTICLE),  # UTF-8 BOM kept, as text-mode reading keeps it
        (ARTICLE.encode("utf-16"), ARTICLE),  # with BOM
        (ARTICLE.encode("utf-16-be").join([b"\xfe\xff", b""]), ARTICLE),
        (ARTICLE.encode("utf-32"), ARTICLE),
        ("Protesters gathered in Almaty.".encode("utf-16-le"), "Protesters gathered in Almaty."),  # no BOM
        ("Протестующие собрались в Алматы.".encode("utf-16-le"), "Протестующие собрались в Алматы."),
        ("Protesters gathered in Almaty.".encode("utf-16-be"), "Protesters gathered in Almaty."),
        ("Café “Almaty” – 5 €".encode("cp1252"), "Café “Almaty” – 5 €"),
        ("Ölkesi Zürich".encode("latin-1"), "Ölkesi Zürich"),
        ("Алматы: протестующие".encode("utf-8"), "Алматы: протестующие"),
        (b"", ""),
    ],
)
def test_decodes_text_encodings(data, expected):
    assert decode_upload(data) == expected


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04" + b"\x14\x00" * 10, "ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "Office"),
        (b"hello\x00world\x00\x01\x02\x03", "NUL bytes"),
        (bytes(range(1, 32)) * 50, "control characters"),
    ],
)
def test_rejects_binary_with_a_clear_message(data, words):
    with pytest.raises(InputError) as info:
        decode_upload(data, filename="upload.bin")
    message = str(info.value)
    assert words in message
    assert "upload.bin" in message
    assert "plain text" in message


def test_rejects_too_large_upload():
    with pytest.raises(InputError, match="2 MB"):
        decode_upload(b"a" * (MAX_UPLOAD_BYTES + 1))
    assert len(decode_upload(b"a " * (MAX_UPLOAD_BYTES // 2))) == MAX_UPLOAD_BYTES


def test_invalid_utf8_falls_back_to_cp1252_when_it_looks_like_text():
    data = "Protesters in Almaty said: ".encode() + b"\x93enough\x94 \xe9t\xe9"
    assert decode_upload(data) == "Protesters in Almaty said: “enough” été"


def test_bom_with_invalid_bytes_is_an_input_error():
    with pytest.raises(InputError, match="UTF-8"):
        decode_upload(b"\xef\xbb\xbfabc\xff\xfe\xfd")


def test_input_error_is_a_value_error():
    with pytest.raises(ValueError):
        decode_upload(b"%PDF-1.4")


# --- html_to_text ---

PAGE = """<!DOCTYPE html>
<html><head><title>News site</title>
<style>p { color: red }</style>
<script>alert(1)</script></head>
<body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<header>Breaking news banner</header>
<article>
  <h1>Unrest in Almaty</h1>
  <p>Protesters &amp; police clashed&nbsp;on
     Wednesday. Troops &quot;arrived&quot; &#8212; officials said.</p>
  <!-- a comment that must go -->
  <p>Second paragraph<br>with a line break &lt;script&gt; as text.</p>
  <aside>Related: other stories</aside>
  <noscript>Enable JavaScript</noscript>
  <template><p>template text</p></template>
  <ul><li>First point</li><li>Second point</li></ul>
</article>
<footer>© 2022 News site</footer>
<script type="application/ld+json">{"@type": "NewsArticle"}</script>
</body></html>"""


def test_html_to_text_keeps_the_article_only():
    text = html_to_text(PAGE)
    assert text == (
        "Unrest in Almaty\n\n"
        'Protesters & police clashed on Wednesday. Troops "arrived" — officials said.\n\n'
        "Second paragraph\nwith a line break <script> as text.\n\n"
        "First point\n\n"
        "Second point"
    )
    for gone in ("alert", "color", "Home", "banner", "comment", "Related", "JavaScript", "template", "©", "NewsArticle", "News site"):
        assert gone not in text


def test_html_self_closing_and_unbalanced_tags():
    assert html_to_text("<p>a<br/>b</p><nav/><p>c</p></aside><p>d</p>") == "a\nb\n\nc\n\nd"


def test_html_detection():
    assert looks_like_html("anything", filename="page.HTML")
    assert looks_like_html("<html><body><p>x</p></body></html>")
    assert looks_like_html("  \n<!doctype html><p>x")
    assert looks_like_html("Title\n<p>one</p><p>two</p><div>three</div>")
    assert not looks_like_html(ARTICLE)
    assert not looks_like_html("Rates went 3 < 5 and a <b> tag mention", filename="a.txt")


# --- prepare_text ---


def test_prepare_text_normalises_newlines_and_controls_only():
    raw = "\ufeff  Line one\r\nLine two\rLine three\x00\x07\tend\x0cnext page \u00a0“quotes” — ok  \n\n"
    # Offsets must match the file as Python reads it in text mode: one character for one, white space kept.
    assert prepare_text(raw) == "\ufeff  Line one\nLine two\nLine three  \tend\nnext page \u00a0“quotes” — ok  \n\n"


def test_plain_text_offsets_match_text_mode_reading(tmp_path):
    raw = "\n\nALMATY, Kazakhstan - A curfew\r\nwas imposed.\x00\n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode("utf-8"))
    assert prepare_text(raw, filename="a.txt") == path.read_text(encoding="utf-8").replace("\x00", " ")


def test_prepare_text_converts_html_by_name_or_content():
    assert prepare_text(PAGE).startswith("Unrest in Almaty\n\nProtesters & police")
    assert prepare_text("Plain <b>bold</b>", filename="x.htm") == "Plain bold"
    assert prepare_text("Plain <b>bold</b>") == "Plain <b>bold</b>"  # not HTML: left alone


@pytest.mark.parametrize(
    "text",
    [
        "В Алматы протестующие захватили здание акимата.",
        "اقتحم المتظاهرون مبنى البلدية في ألماتي",
        "Алматыда наразылық білдірушілер әкімдік ғимаратын басып алды.",
        "抗议者占领了阿拉木图市政府大楼。",
    ],
)
def test_non_english_text_passes_unchanged(text):
    assert load_text(text) == text
    assert load_upload(text.encode("utf-8"), filename="a.txt") == text


def _visible(s: str) -> str:
    return "".join(c for c in s if c > " " and c != "\ufeff")


@given(st.text())
def test_prepare_text_only_touches_controls_and_newlines(raw):
    out = prepare_text(raw, filename="a.txt")
    assert not any(c < " " and c not in "\t\n" for c in out)
    assert _visible(out) == _visible(raw)  # every other character is kept, in order
    assert len(out) == len(raw.replace("\r\n", "\n"))  # one for one: offsets do not drift


# --- validate_text ---


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n  \n"])
def test_empty_article(text):
    with pytest.raises(InputError, match="The article is empty"):
        validate_text(text)


def test_too_long_article_says_the_limit():
    with pytest.raises(InputError, match=f"limit is {MAX_CHARS:,} characters.*Split it"):
        validate_text("a" * (MAX_CHARS + 1))
    validate_text("a" * MAX_CHARS)


def test_two_megabytes_of_text_is_too_long_after_decoding():
    data = b"Protest in Almaty. " * (MAX_UPLOAD_BYTES // 19)
    assert len(data) <= MAX_UPLOAD_BYTES
    with pytest.raises(InputError, match="too long"):
        load_upload(data, filename="big.txt")


@pytest.mark.parametrize("text", ["12345 67890", "!!! ??? ...", "— – … ©"])
def test_no_letters(text):
    with pytest.raises(InputError, match="no letters"):
        validate_text(text)


def test_load_upload_end_to_end():
    data = "<html><body><p>Protesters gathered.</p>\r\n<p>Police &amp; troops.</p></body></html>".encode("utf-16")
    assert load_upload(data, filename="page.html") == "Protesters gathered.\n\nPolice & troops."
    with pytest.raises(InputError, match="empty"):
        load_upload(b"<html><script>x()</script></html>", filename="page.html")
    with pytest.raises(InputError, match="empty"):
        load_upload(b"", filename="empty.txt")


# ----------------------------------------------------------------- the publication date an article states

import datetime as _dt  # noqa: E402

from incidentmap.models import PublishedFrom  # noqa: E402
from incidentmap.textinput import byline_date  # noqa: E402

_TODAY = _dt.date(2026, 12, 1)
_JAN8 = _dt.date(2022, 1, 8)


@pytest.mark.parametrize(("raw", "source"), [
    ("Published 8 January 2022\n\nProtesters stormed the city hall.", PublishedFrom.BYLINE),
    ("By Jane Doe\nJan. 8, 2022 10:30 AM GMT\n\nProtesters stormed the city hall.", PublishedFrom.BYLINE),
    ("Updated: 2022-01-08\n\nProtesters stormed the city hall.", PublishedFrom.BYLINE),
    ("Posted on January 8th, 2022 at 9:00\nProtesters stormed the city hall.", PublishedFrom.BYLINE),
    ("ALMATY, Kazakhstan, Jan. 8, 2022 (AP) — Protesters stormed the city hall.", PublishedFrom.DATELINE),
    ('<html><head><meta property="article:published_time" content="2022-01-08T10:00:00Z"></head>'
     "<body><p>Protesters stormed the city hall.</p></body></html>", PublishedFrom.HTML_META),
    ('<html><head><meta name="pubdate" content="20220108"><meta name="date" content="2022-01-08"></head>'
     "<body><p>Text.</p></body></html>", PublishedFrom.HTML_META),
    ('<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
     '[{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2022-01-08T09:00:00+06:00"}]}</script>'
     "</head><body><p>Protesters stormed the city hall.</p></body></html>", PublishedFrom.JSON_LD),
    ('<html><body><p>By Jane Doe, <time datetime="2022-01-08T10:00">8 Jan</time></p>'
     "<p>Protesters stormed the city hall.</p></body></html>", PublishedFrom.TIME_ELEMENT),
])
def test_byline_date_is_found_with_where_it_came_from(raw, source):
    found = byline_date(raw, today=_TODAY)
    assert found is not None and (found.date, found.source) == (_JAN8, source)
    assert found.text


def test_a_dateline_without_a_year_takes_the_latest_year_not_in_the_future():
    found = byline_date("ALMATY, Jan 8 (Reuters) - Protesters stormed the city hall.", today=_dt.date(2022, 1, 9))
    assert found is not None and found.date == _JAN8 and found.source == PublishedFrom.DATELINE
    assert byline_date("ALMATY, Jan 8 (Reuters) - Text.", today=_dt.date(2022, 1, 5)).date == _dt.date(2021, 1, 8)


def test_published_beats_updated():
    found = byline_date("Updated: 2022-01-09 10:00\nPublished: 8 January 2022\n\nText.", today=_TODAY)
    assert found.date == _JAN8 and "Published" in found.text


@pytest.mark.parametrize("raw", [
    "Protesters stormed the city hall on Wednesday.",
    "The report, published on 5 January 2022, said twelve people were killed in clashes across the country.",
    "Police said on January 5, 2022 that dozens of protesters were detained across the country and more were held.",
    "Published 8 January 2099\n\nA date in the future is no publication date.",
    '<html><head><meta name="date" content="soon"></head><body><p>Text.</p></body></html>',
    '<html><head><script type="application/ld+json">{not json</script></head><body><p>Text.</p></body></html>',
    "",
])
def test_no_byline_date_when_the_article_states_none(raw):
    assert byline_date(raw, today=_TODAY) is None
