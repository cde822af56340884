"""The article with place mentions and incident sentences highlighted, as escaped HTML.

Every character of article text passes through ``html.escape``; the only markup is
ours. The result is shown with ``st.html`` (DOMPurify-sanitised, no markdown pass,
no JavaScript), so ``<script>``, ``<img onerror>``, quotes and markdown syntax in
an article are shown as text.
"""

from __future__ import annotations

import html
from typing import Iterable, Sequence

PLACE_STYLE = "background:#fff3b0;border-radius:3px;padding:0 1px"
SENTENCE_STYLE = "background:#e6f0ff;border-bottom:2px solid #7aa7e8"
SELECTED_STYLE = "background:#ffd8a8;border-bottom:2px solid #e8590c;font-weight:600"
BOX_STYLE = (
    "max-height:460px;overflow:auto;padding:10px 14px;border:1px solid #ddd;border-radius:6px;"
    "line-height:1.6;font-size:15px;background:#fff;color:#222;white-space:normal"
)


def _esc(s: str) -> str:
    return html.escape(s, quote=True).replace("\n", "<br>")


def sentence_span(text: str, props: dict) -> tuple[int, int] | None:
    """Offsets of an incident's evidence sentence in ``text``."""
    ev = props.get("evidence") or ""
    start, end = props.get("start"), props.get("end")
    n = len(text)
    valid = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n
    if ev:
        if valid and text[start:end] == ev:
            return start, end
        if valid:
            lo = max(0, start - len(ev) - 1)
            idx = text.find(ev, lo, min(n, end + len(ev) + 1))
            if idx >= 0:
                return idx, idx + len(ev)
        idx = text.find(ev)
        if idx >= 0:
            return idx, idx + len(ev)
    return (start, end) if valid else None


def place_mentions(text: str, places: Iterable[dict]) -> list[tuple[int, int, str]]:
    """(start, end, title) of every place mention whose offsets match the text."""
    out = []
    for pf in places:
        p = pf.get("properties", {})
        title = f"{p.get('name', '')} — {p.get('precision', '')}"
        for m in p.get("mentions") or []:
            s, e = m.get("start"), m.get("end")
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
                if not m.get("text") or text[s:e] == m.get("text"):
                    out.append((s, e, title))
    return out


MAX_CHARS = 30_000  # longer articles are shown as a window (around the selected incident)


def article_window(text: str, incidents: Sequence[dict], selected_ids: Iterable[str] = (),
                   max_chars: int = MAX_CHARS) -> tuple[int, int]:
    """(start, end) of the part of the article to show: all of it when short enough, else
    ``max_chars`` around the first selected incident's sentence (or from the start)."""
    n = len(text)
    if n <= max_chars:
        return 0, n
    centre = 0
    selected = set(selected_ids)
    for f in incidents:
        if f["properties"].get("id") in selected:
            span = sentence_span(text, f["properties"])
            if span:
                centre = (span[0] + span[1]) // 2
                break
    lo = max(0, min(centre - max_chars // 2, n - max_chars))
    hi = min(n, lo + max_chars)
    if lo > 0:
        sp = text.find(" ", lo, lo + 200)
        lo = sp + 1 if sp >= 0 else lo
    if hi < n:
        sp = text.rfind(" ", hi - 200, hi)
        hi = sp if sp > lo else hi
    return lo, hi


def highlight_article(
    text: str,
    places: Sequence[dict],
    incidents: Sequence[dict],
    selected_ids: Iterable[str] = (),
    window: tuple[int, int] | None = None,
) -> str:
    """HTML of the article (or of ``window``): place mentions marked, incident sentences underlined."""
    selected = set(selected_ids)
    lo, hi = window if window else (0, len(text))
    sentences: dict[tuple[int, int], list[dict]] = {}
    for f in incidents:
        span = sentence_span(text, f["properties"])
        if span and span[1] > lo and span[0] < hi:
            span = (max(span[0], lo), min(span[1], hi))
            sentences.setdefault(span, []).append(f["properties"])
    mentions = [(max(s, lo), min(e, hi), t) for s, e, t in place_mentions(text, places) if e > lo and s < hi]
    cuts = {lo, hi}
    for s, e in sentences:
        cuts.update((s, e))
    for s, e, _ in mentions:
        cuts.update((s, e))
    bounds = sorted(cuts)
    # sweep: spans starting at each cut become active, spans ending there drop out
    sent_at: dict[int, list[tuple[int, list[dict]]]] = {}
    for (s, e), lst in sentences.items():
        sent_at.setdefault(s, []).append((e, lst))
    ment_at: dict[int, list[tuple[int, str]]] = {}
    for s, e, title in mentions:
        ment_at.setdefault(s, []).append((e, title))
    active_sent: list[tuple[int, list[dict]]] = []
    active_ment: list[tuple[int, str]] = []
    parts = ['<div class="im-article" style="' + BOX_STYLE + '">' + ("…" if lo > 0 else "")]
    for a, b in zip(bounds, bounds[1:]):
        active_sent = [x for x in active_sent if x[0] > a] + sent_at.get(a, [])
        active_ment = [x for x in active_ment if x[0] > a] + ment_at.get(a, [])
        seg = _esc(text[a:b])
        if active_ment:
            title = active_ment[0][1]
            seg = f'<mark style="{PLACE_STYLE}" title="{html.escape(title, quote=True)}">{seg}</mark>'
        covering = [props for _, lst in active_sent for props in lst]
        if covering:
            is_sel = any(p.get("id") in selected for p in covering)
            labels = sorted({str(p.get("label") or p.get("incident_type")) for p in covering})
            title = "Incident: " + ", ".join(labels)
            style = SELECTED_STYLE if is_sel else SENTENCE_STYLE
            seg = f'<span style="{style}" title="{html.escape(title, quote=True)}">{seg}</span>'
        parts.append(seg)
    parts.append(("…" if hi < len(text) else "") + "</div>")
    out = "".join(parts)
    # no blank lines at the very top (articles often start with line breaks)
    head = '<div class="im-article" style="' + BOX_STYLE + '">'
    body = out[len(head):]
    while body.startswith("<br>"):
        body = body[4:]
    return head + body


CONTEXT_STYLE = (
    "max-height:170px;overflow:auto;padding:6px 10px;border:1px solid #ddd;border-radius:6px;"
    "line-height:1.5;font-size:14px;background:#fff;color:#222"
)


def sentence_in_context(text: str, props: dict, *, chars: int = 280, compact: bool = False) -> str:
    """HTML: the incident's sentence, highlighted, with up to ``chars`` characters either side
    (``compact``: a smaller box, and less text before the sentence so it is in view)."""
    style = CONTEXT_STYLE if compact else BOX_STYLE
    span = sentence_span(text, props)
    if span is None:
        return '<div class="im-context" style="' + style + '">' + _esc(props.get("evidence") or "(no evidence sentence)") + "</div>"
    s, e = span
    lo = max(0, s - (chars // 3 if compact else chars))
    hi = min(len(text), e + chars)
    # start/end on word boundaries
    if lo > 0:
        sp = text.find(" ", lo, s)
        lo = sp + 1 if sp >= 0 else lo
    if hi < len(text):
        sp = text.rfind(" ", e, hi)
        hi = sp if sp >= 0 else hi
    before = ("…" if lo > 0 else "") + text[lo:s].lstrip()
    after = text[e:hi].rstrip() + ("…" if hi < len(text) else "")
    return (
        f'<div class="im-context" style="{style}">{_esc(before)}'
        f'<span style="{SELECTED_STYLE}">{_esc(text[s:e])}</span>{_esc(after)}</div>'
    )


LEGEND_HTML = (
    f'<div style="font-size:13px;color:#444;margin:2px 0 6px">'
    f'<mark style="{PLACE_STYLE}">place mention</mark> &nbsp; '
    f'<span style="{SENTENCE_STYLE}">incident sentence</span> &nbsp; '
    f'<span style="{SELECTED_STYLE}">selected incident</span></div>'
)
