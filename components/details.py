"""Details of the selected incident(s) (or clicked place): escaped HTML with the sentence in context."""

from __future__ import annotations

import html
from typing import Iterable, Mapping

from incidentmap.geo import format_distance

from . import article_view
from .actor_text import actor_line

MAX_SHOWN = 5


def fmt_distance(m) -> str:
    """"±19 km": an uncertainty radius as the card shows it ("" if unknown)."""
    text = format_distance(m)
    return f"±{text}" if text else ""


def incident_summary_html(p: Mapping, *, hidden: bool = False) -> str:
    """Every field of one incident (the table's columns and more), so a selection is readable
    without scrolling the table: type, status, place, date, actors, counts, ACLED type, id."""
    e = lambda v: html.escape(str(v), quote=True)  # noqa: E731
    actors = actor_line(p) or "none named"
    fat = p.get("fatalities")
    if not p.get("place") and not p.get("place_key") and not p.get("precision"):
        where = "no location (the article names no place): not on the map"
    else:
        where = e(p.get("place") or "?") + f" ({e(p.get('precision') or '?')}"
        if p.get("uncertainty_m"):
            where += ", " + e(fmt_distance(p.get("uncertainty_m")))
        where += ")"
    date = e(p.get("date") or "date unknown") + (f" ({e(p['date_text'])})" if p.get("date_text") else "")
    status = str(p.get("status") or "reported")
    counts = [f"fatalities: {e(fat) if fat is not None else 'not reported'}"]
    for key, label in (("injuries", "injured"), ("arrests", "arrested")):
        if p.get(key) is not None:
            counts.append(f"{label}: {e(p[key])}")
    if p.get("count_text"):
        counts.append(f"as written: “{e(p['count_text'])}”")
    acled = " / ".join(str(x) for x in (p.get("acled_event_type"), p.get("acled_sub_event_type")) if x)
    rows = [
        ("where", where),
        ("when", date),
        ("actors", e(actors)),
        ("counts", " · ".join(counts)),
    ]
    if acled:
        rows.append(("ACLED", e(acled)))
    grid = "".join(
        f'<span style="color:#666">{k}</span><span class="im-field-{k}">{v}</span>' for k, v in rows
    )
    badge = "planned / announced" if status == "planned" else status
    review = {"not_an_event": "marked not an event",
              "duplicate": f"marked duplicate of {p.get('duplicate_of')}"}.get(str(p.get("review") or ""))
    return (
        '<div class="im-details" style="margin:2px 0 4px;font-size:14px;line-height:1.45">'
        f"<b>{e(p.get('label') or p.get('incident_type'))}</b>"
        f' <span class="im-details-status" style="font-size:12px;padding:0 6px;border-radius:8px;'
        f'border:1px solid #bbb;{"border-style:dashed;" if status == "planned" else ""}">{e(badge)}</span>'
        f'<span style="color:#888;font-size:12px"> · {e(p.get("id"))}'
        + (" · hidden by the current filters" if hidden else "")
        + "</span>"
        + (f' <span class="im-details-review" style="font-size:12px;color:#a00">{e(review)}</span>' if review else "")
        + '<div style="display:grid;grid-template-columns:max-content 1fr;column-gap:10px">'
        + grid
        + "</div>"
        + correction_html(p)
        + "</div>"
    )


def correction_html(p: Mapping) -> str:
    """A corrected incident's line: what the analyst changed, the machine's values, the notes (escaped)."""
    if not p.get("corrected"):
        return ""
    e = lambda v: html.escape(str(v), quote=True)  # noqa: E731
    was = p.get("original") or {}
    machine = [f"{k} {e(was[k])}" for k in ("label", "place", "precision") if was.get(k) not in (None, "")]
    changes = [str(c.get("summary", "")) for c in p.get("corrections") or [] if c.get("kind") != "note"]
    out = ('<div class="im-corrected" style="font-size:13px;color:#7a4b00">'
           + (f"✎ corrected: {e('; '.join(changes))}" if changes else "✎ annotated"))
    if machine:
        out += ' <span style="color:#666">(machine: ' + ", ".join(machine) + ")</span>"
    for n in p.get("notes") or []:
        out += f'<div class="im-note">note: {e(n)}</div>'
    return out + "</div>"


def render_details(
    text: str,
    selected_ids: Iterable[str],
    by_id: Mapping[str, dict],
    shown_ids: set[str],
    *,
    place: dict | None = None,
    container=None,
) -> None:
    import streamlit as st

    c = container if container is not None else st
    ids = [i for i in selected_ids if i in by_id]
    if ids:
        for iid in ids[:MAX_SHOWN]:
            p = by_id[iid]["properties"]
            c.html(incident_summary_html(p, hidden=iid not in shown_ids))
            c.html(article_view.sentence_in_context(text, p, compact=True))
        if len(ids) > MAX_SHOWN:
            c.caption(f"…and {len(ids) - MAX_SHOWN} more selected.")
    elif place:
        pp = place.get("properties", {})
        e = lambda v: html.escape(str(v), quote=True)  # noqa: E731
        c.html(
            f"<div><b>{e(pp.get('name', ''))}</b> — {e(pp.get('kind', ''))}, {e(pp.get('precision', ''))}"
            f" {e(fmt_distance(pp.get('uncertainty_m')))} · mentioned {len(pp.get('mentions') or [])}× · "
            "no incidents in the current selection"
            + (" · " + e(pp.get("note")) if pp.get("note") else "")
            + "</div>"
        )
    else:
        c.caption("Click a marker or select table rows: the incident's details and its sentence in context appear here.")
