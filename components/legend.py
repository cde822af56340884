"""Type legend with counts (filtered / all), rendered as escaped HTML beside the map.

The map has its own in-map legend (static/incidentmap/map.js); this one also says how
many incidents of each type the filter keeps, one line per ACLED event type (the taxonomy's
``acled_event_type``) so thirty-odd types stay readable.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Sequence

from .static_assets import icon_svg


def legend_rows(all_incidents: Sequence[dict], filtered: Sequence[dict]) -> list[dict]:
    from incidentmap.taxonomy import incident_types

    taxonomy = incident_types()
    total = Counter(f["properties"].get("incident_type") for f in all_incidents)
    shown = Counter(f["properties"].get("incident_type") for f in filtered)
    slugs = [s for s in taxonomy if total.get(s)] + sorted(s for s in total if s not in taxonomy)
    rows = []
    for s in slugs:
        t = taxonomy.get(s)
        rows.append(
            {
                "slug": s,
                "group": t.acled_event_type if t else "",  # the legend's line; taxonomy rows come grouped
                "label": t.label if t else str(s),
                "colour": t.colour if t else "#666666",
                "icon": t.icon if t else "circle",
                "shown": shown.get(s, 0),
                "total": total.get(s, 0),
            }
        )
    return rows


def legend_html(rows: Sequence[dict]) -> str:
    lines: list[tuple[str, list[str]]] = []  # (group, items), in row order
    for r in rows:
        group = r.get("group", "")
        if not lines or lines[-1][0] != group:
            lines.append((group, []))
        items = lines[-1][1]
        dim = "opacity:.45;" if r["shown"] == 0 else ""
        items.append(
            f'<span style="display:inline-flex;align-items:center;gap:4px;margin:2px 10px 2px 0;{dim}" '
            f'title="{html.escape(r["slug"], quote=True)}">'
            f'<span style="display:inline-flex;align-items:center;justify-content:center;width:18px;height:18px;'
            f'border-radius:50%;background:{html.escape(r["colour"], quote=True)}">{icon_svg(r["icon"], size=11)}</span>'
            f'{html.escape(r["label"])} <span style="color:#666">{r["shown"]}/{r["total"]}</span></span>'
        )
    body = "".join(
        '<div class="im-legend-group">'
        + (f'<span style="font-weight:600;margin-right:8px">{html.escape(group)}</span>' if group else "")
        + "".join(items) + "</div>"
        for group, items in lines
    )
    return '<div class="im-legend-bar" style="font-size:13px;line-height:1.4">' + body + "</div>"
