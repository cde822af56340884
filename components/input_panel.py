"""The "your own article" panel: paste or upload, publication date, geocoder choice, progress.

The current article lives in ``st.session_state["article"]`` (per browser session);
``render_input_panel`` returns it. Submitting runs the analysis at once, inside a
status box, and only replaces the current article when the analysis succeeded —
otherwise the error is shown and the previous map stays.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from dataclasses import asdict, dataclass
from typing import Callable

from incidentmap.errors import InputError
from incidentmap.models import PublishedFrom
from incidentmap.textinput import MAX_UPLOAD_BYTES, BylineDate, byline_date, decode_upload, load_text, load_upload

from . import data

ARTICLE_KEY = "article"
SUBMIT_KEY = "in_submit"  # the Analyse button: True in session state during the run it triggers
PANEL_KEY = "in_panel"  # the panel's expander: open or not (its widgets exist only while it is open)
STORED_ARTICLE_KEY = "_stored_article"  # the ?article=<id> last opened from the corpus store
UPLOAD_TYPES = ["txt", "md", "markdown", "html", "htm"]
SOURCES = ("Seed article", "Paste text", "Upload a file")
GEOCODER_LABELS = {"offline": "Offline gazetteer (default)", "nominatim": "Nominatim — online (OpenStreetMap)"}
PUBLISHED_FROM_LABELS = {
    PublishedFrom.HTML_META: "the page's metadata",
    PublishedFrom.JSON_LD: "the page's structured data (JSON-LD)",
    PublishedFrom.TIME_ELEMENT: "the page's <time> element",
    PublishedFrom.BYLINE: "the byline",
    PublishedFrom.DATELINE: "the dateline (year assumed: the latest not in the future)",
}
NO_DATE_NOTE = ("No publication date found in the article: dates relative to it (\"on Wednesday\", "
                "\"yesterday\") stay unresolved until a date is set.")
_AUTOFILL_KEY = "in_date_autofill"  # (date widget key, text digest) the date was last pre-filled for


@dataclass(frozen=True)
class ArticleRequest:
    text: str
    published: dt.date | None
    geocoder: str = "offline"
    label: str = ""
    source: str = "seed"

    @property
    def key(self) -> str:
        return data.analysis_key(self.text, self.published, self.geocoder)


def seed_request(geocoder: str = "offline", published: dt.date | None = data.SEED_PUBLISHED) -> ArticleRequest:
    return ArticleRequest(data.seed_text(), published, geocoder, data.SEED_LABEL, "seed")


def open_stored_article(article_id: str | None) -> None:
    """Make a stored corpus article (``?article=<id>``, the corpus page's links) the current article, once
    per id: its stored text and publication date, so the page shows what the corpus was built from."""
    import streamlit as st

    from incidentmap.errors import StoreError

    from .corpus_store import store_path, store_session

    if not article_id or st.session_state.get(STORED_ARTICLE_KEY) == article_id:
        return
    st.session_state[STORED_ARTICLE_KEY] = article_id
    try:
        if not store_path().exists():
            raise StoreError(f"no corpus store at {store_path()}")
        with store_session() as store:
            text = store.article_text(article_id=article_id)
            rows = store.articles(ids=[article_id])
    except StoreError as exc:
        st.error(f"Cannot open the stored article: {escape_md(exc)}", icon="⚠️")
        return
    row = rows[0] if rows else None
    title = (row.title or row.file_name) if row else None
    st.session_state[ARTICLE_KEY] = asdict(ArticleRequest(
        text, row.published if row else None, "offline", f"Corpus article: {title or article_id}", "corpus"))


# --------------------------------------------------------------------------- widgets


def current_article() -> ArticleRequest:
    import streamlit as st

    cur = st.session_state.get(ARTICLE_KEY)
    if not cur:
        req = seed_request()
        st.session_state[ARTICLE_KEY] = asdict(req)
        return req
    return ArticleRequest(**cur)


def render_input_panel(analyse_fn: Callable[[str, dt.date | None, str], dict], container=None) -> ArticleRequest:
    """Sidebar panel to choose the article. Returns the current (successfully analysed) article."""
    import streamlit as st

    c = container if container is not None else st.sidebar
    current = current_article()
    panel = c.expander("Article · paste or upload your own", expanded=False, icon=":material/article:",
                       key=PANEL_KEY, on_change="rerun")
    with panel:
        now_showing = st.empty()
        now_showing.caption(f"Now showing: {escape_md(current.label or 'your article')}")
    if not panel.open:
        # Its widgets are drawn when it is opened (a rerun): a first view fetches no code for them.
        return current
    with panel:
        source = st.radio("Source", SOURCES, key="in_source", horizontal=False)
        text: str | None = None
        upload = None
        if source == SOURCES[1]:
            text = st.text_area(
                "Article text", key="in_text", height=200,
                placeholder="Paste the article here (plain text).",
            )
        elif source == SOURCES[2]:
            # No client-side type/size check (type=None, server.maxUploadSize above our limit): the browser
            # would keep every refused file listed in red next to later good ones and report "no file".
            # Each file reaches check_upload here instead and gets its own reason at once; one file at a time.
            upload = st.file_uploader(
                "Article file (.txt, .md, .html)", type=None, accept_multiple_files=False, key="in_file",
                help=f"HTML markup is stripped. Up to {MAX_UPLOAD_BYTES / 1048576:.0f} MB.",
            )
            if upload is not None:
                upload_problem = checked_upload(st.session_state, upload)[1]
                if upload_problem:
                    st.error(f"Cannot use this file: {escape_md(upload_problem)}", icon="⚠️")
                else:
                    st.caption(f"Ready: {escape_md(upload.name)} ({upload.size / 1024:,.0f} KB) · press Analyse.")
        default_date = data.SEED_PUBLISHED if source == SOURCES[0] else None
        date_key = f"in_date_{SOURCES.index(source)}"
        found = None if source == SOURCES[0] else _prefill_date(st.session_state, date_key, text, upload)
        published = st.date_input(
            "Publication date", value=default_date, key=date_key,
            min_value=dt.date(1900, 1, 1), max_value=dt.date.today() + dt.timedelta(days=1),
            help="Relative dates in the text ('on Wednesday', 'last week') are resolved against it.",
            format="YYYY-MM-DD",
        )
        if found is not None:
            st.caption(published_from_note(found))
        elif source != SOURCES[0] and published is None and (text or upload is not None):
            st.caption(f":orange[{escape_md(NO_DATE_NOTE)}]")
        geocoder = st.radio(
            "Geocoder", list(GEOCODER_LABELS), format_func=GEOCODER_LABELS.get, key="in_geocoder",
            help="Offline uses the shipped gazetteer; nothing leaves this machine.",
        )
        if geocoder == "nominatim":
            from incidentmap.online import USAGE_NOTE, USAGE_POLICY_URL  # loads geopy: only when chosen

            st.warning(f"{USAGE_NOTE}\n\nUsage policy: {USAGE_POLICY_URL}", icon="🌐")
        submitted = st.button("Analyse", type="primary", key=SUBMIT_KEY, width="stretch")

    if not submitted:
        return current

    try:
        if source == SOURCES[0]:
            req = seed_request(geocoder, published)
        elif source == SOURCES[1]:
            req = ArticleRequest(load_text(text or ""), published, geocoder, "Pasted article", "paste")
        else:
            if upload is None:
                raise InputError(f"Choose a .txt, .md or .html file to upload first (up to {_limit_mb()}).")
            prepared, problem = checked_upload(st.session_state, upload)
            if problem:
                raise InputError(problem)
            req = ArticleRequest(prepared, published, geocoder, f"Uploaded file: {upload.name}", "upload")
    except InputError as exc:
        st.error(f"Cannot use this article: {escape_md(exc)}", icon="⚠️")
        return current

    with st.status("Analysing the article…", expanded=True) as status:
        st.write(f"{len(req.text):,} characters · geocoder: {GEOCODER_LABELS[req.geocoder]}")
        st.write("Finding places, incidents and dates…")
        try:
            view = analyse_fn(req.text, req.published, req.geocoder)
        except InputError as exc:
            status.update(label="Analysis failed", state="error", expanded=True)
            st.error(f"Cannot analyse this article: {escape_md(exc)}", icon="⚠️")
            return current
        except Exception as exc:  # noqa: BLE001 - shown to the user, the previous map stays
            status.update(label="Analysis failed", state="error", expanded=True)
            st.error(f"Analysis failed: {type(exc).__name__}: {escape_md(exc)}", icon="⚠️")
            return current
        st.write(f"Found {len(view['places'])} places and {len(view['incidents'])} incidents.")
        status.update(label="Analysis complete", state="complete", expanded=False)
    st.session_state[ARTICLE_KEY] = asdict(req)
    now_showing.caption(f"Now showing: {escape_md(req.label)}")
    return req


def published_from_note(found: BylineDate) -> str:
    """Markdown (the article's words escaped): where the pre-filled publication date came from."""
    return (f"Publication date {found.date.isoformat()} taken from {escape_md(PUBLISHED_FROM_LABELS[found.source])}: "
            f"“{escape_md(found.text)}”. Change it if it is wrong.")


def article_byline_date(text: str | None, upload) -> BylineDate | None:
    """The publication date the pasted text or the uploaded file states (None if it states none or
    the file cannot be read: the Analyse button says why)."""
    if upload is not None:
        try:
            return byline_date(decode_upload(upload.getvalue(), filename=upload.name), filename=upload.name)
        except InputError:
            return None
    return byline_date(text) if text else None


def _prefill_date(state, date_key: str, text: str | None, upload) -> BylineDate | None:
    """Pre-fill the publication date with the one the article states, once per new text or file, so a
    date the user then sets is kept; returns what was found (cached per text or file)."""
    raw = upload.getvalue() if upload is not None else (text or "").encode("utf-8", "surrogatepass")
    if not raw:
        return None
    stamp = (date_key, hashlib.sha1(raw).hexdigest())
    cached = state.get(_AUTOFILL_KEY)
    if cached and cached[0] == stamp:
        return cached[1]
    found = article_byline_date(text, upload)
    state[_AUTOFILL_KEY] = (stamp, found)
    if found is not None:
        state[date_key] = found.date
    return found
# --------------------------------------------------------------------------- uploads

UPLOAD_CHECK_KEY = "_upload_check"


def _limit_mb() -> str:
    return f"{MAX_UPLOAD_BYTES / 1048576:.0f} MB"


def check_upload(data: bytes, filename: str) -> str:
    """The text of an uploaded file, or :class:`InputError` with the reason it cannot be used.

    What the content is comes first (too large, a PDF, binary...): it says more than the name.
    A readable file with another extension (.csv, .docx renamed...) is refused by name."""
    text = load_upload(data, filename=filename)
    suffix = filename.rpartition(".")[2].casefold() if "." in filename else ""
    if suffix not in UPLOAD_TYPES:
        kind = f"a .{suffix} file" if suffix else "a file without an extension"
        raise InputError(f"“{filename}” is {kind}; upload a .txt, .md or .html file (up to {_limit_mb()}).")
    return text


def checked_upload(state, upload) -> tuple[str, str]:
    """(prepared text, "") or ("", reason) for the uploaded file, checked once per file
    (``upload.file_id``) and remembered in the session: reruns do not decode it again."""
    file_id = getattr(upload, "file_id", None) or f"{upload.name}:{upload.size}"
    cached = state.get(UPLOAD_CHECK_KEY)
    if isinstance(cached, tuple) and len(cached) == 3 and cached[0] == file_id:
        return cached[1], cached[2]
    try:
        result = (check_upload(upload.getvalue(), upload.name), "")
    except InputError as exc:
        result = ("", str(exc))
    state[UPLOAD_CHECK_KEY] = (file_id, *result)
    return result


def escape_md(text: str) -> str:
    """Escape text for a markdown-rendering Streamlit element (no links, images, HTML)."""
    text = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|>~:$])", r"\\\1", text)
