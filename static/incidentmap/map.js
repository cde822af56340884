/* Incident Map: client-side rendering for the streamlit-folium iframe.
 *
 * Loaded locally (/app/static/incidentmap/map.js) after Leaflet and Leaflet.markercluster.
 * Python sends compact data; this file turns it into layers:
 *   IM.initMap(map, init)           once per base map: offline outline, tile-status note, legend
 *   IM.addIncidents(group, payload) on every filter change, into the streamlit-folium feature group
 * Both are arrays; which field sits where is written down once, in components/map_view.py (LAYOUTS),
 * and sent as the first element of `init`. This file reads every field by those names.
 * All text from the article is inserted with textContent / escaped, never as raw HTML.
 */
(function () {
  "use strict";
  var IM = (window.IM = window.IM || {});
  IM.types = IM.types || {};
  IM.clickSeq = 0;

  function esc(s) {
    return String(s == null ? "" : s)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;");
  }
  IM.esc = esc;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function typeOf(slug) {
    return IM.types[slug] || { label: slug, colour: "#666666", svg: "" };
  }

  /* ------------------------------------------------------------------ base map */

  // Field positions by layout, from components/map_view.LAYOUTS: F.row.id is the position of an
  // incident row's id. Set by IM.initMap, which always runs before IM.addIncidents.
  var F = IM.F || {};
  function positions(layouts) {
    var out = {};
    layouts.forEach(function (layout) {
      var pos = {};
      layout[1].forEach(function (field, i) { pos[field] = i; });
      out[layout[0]] = pos;
    });
    return out;
  }
  function named(values, pos) {
    var o = {};
    Object.keys(pos).forEach(function (field) { o[field] = values[pos[field]]; });
    return o;
  }

  IM.timing = IM.timing || {}; // performance.now() marks, read by bench/dashboard_speed.py
  IM.timing.scriptLoaded = performance.now();

  // Leaflet's default marker images, served next to this bundle (folium.Marker() without an
  // explicit icon is otherwise broken in streamlit-folium: wrong image path).
  try {
    var src = document.currentScript && document.currentScript.src;
    if (src && window.L && L.Icon && L.Icon.Default) {
      L.Icon.Default.imagePath = src.replace(/[^/]*$/, "") + "images/";
    }
  } catch (e) { /* keep Leaflet's own guess */ }

  IM.initMap = function (map, init) {
    IM.timing.initMap = performance.now();
    IM.map = map;
    F = IM.F = positions(init[0]); // the layouts come first
    var opts = named(init, F.init);
    (opts.types || []).forEach(function (t) {
      IM.types[t[F.type.slug]] = { label: t[F.type.label], colour: t[F.type.colour], svg: t[F.type.svg] };
    });
    if (opts.imagePath && L.Icon && L.Icon.Default) {
      L.Icon.Default.imagePath = opts.imagePath; // folium.Marker default icons, served locally
    }
    map.getContainer().classList.add("im-map");

    // Offline outline, *underneath* the tiles: visible only where tiles are missing.
    var pane = map.createPane("im-outline");
    pane.style.zIndex = 150; // tilePane is 200
    pane.style.pointerEvents = "none";
    if (opts.outlineUrl) {
      fetch(opts.outlineUrl)
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        })
        .then(function (gj) {
          IM.outline = L.geoJSON(gj, {
            pane: "im-outline",
            interactive: false,
            style: { color: "#8c8c8c", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
          }).addTo(map);
        })
        .catch(function (err) {
          console.warn("offline outline not loaded:", err);
        });
    }

    // Honest tile status: say so when tiles cannot be loaded.
    var note = L.control({ position: "bottomleft" });
    note.onAdd = function () {
      var d = el("div", "im-tile-note");
      d.setAttribute("role", "status");
      d.style.display = "none";
      return d;
    };
    note.addTo(map);
    var noteDiv = note.getContainer();
    var loaded = 0, failed = 0;
    function updateNote() {
      if (failed > 0 && loaded === 0) {
        noteDiv.textContent =
          "Map tiles unavailable (offline?) \u2014 showing the built-in low-resolution country outlines.";
        noteDiv.style.display = "block";
      } else {
        noteDiv.style.display = "none";
      }
      map.getContainer().setAttribute("data-tiles", loaded > 0 ? "online" : failed > 0 ? "offline" : "pending");
    }
    var hasTiles = false;
    map.eachLayer(function (layer) {
      if (layer instanceof L.TileLayer) {
        hasTiles = true;
        layer.on("tileload", function () { loaded++; updateNote(); });
        layer.on("tileerror", function () { failed++; updateNote(); });
      }
    });
    if (!hasTiles) {
      noteDiv.textContent = "Online tiles switched off \u2014 showing the built-in low-resolution country outlines.";
      noteDiv.style.display = "block";
      map.getContainer().setAttribute("data-tiles", "off");
    }

    // Legend (types present in this article; counts follow the filter).
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var box = el("details", "im-legend");
      box.open = !!opts.legendOpen; // the same legend, with counts, sits under the map
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      box.appendChild(el("summary", null, "Legend"));
      var list = el("div", "im-legend-rows");
      (opts.legend || []).forEach(function (slug) {
        var t = typeOf(slug);
        var row = el("div", "im-legend-row");
        row.setAttribute("data-type", slug);
        var sw = el("span", "im-swatch");
        sw.style.background = t.colour;
        sw.innerHTML = t.svg; // generated in Python from Font Awesome path data, not user text
        row.appendChild(sw);
        row.appendChild(el("span", "im-legend-label", t.label));
        row.appendChild(el("span", "im-legend-count", ""));
        list.appendChild(row);
      });
      var extra = [
        ["im-swatch im-swatch-muted", "Place without incidents"],
        ["im-swatch im-swatch-circle", "Location uncertainty"],
      ];
      extra.forEach(function (x) {
        var row = el("div", "im-legend-row");
        row.appendChild(el("span", x[0]));
        row.appendChild(el("span", "im-legend-label", x[1]));
        list.appendChild(row);
      });
      box.appendChild(list);
      return box;
    };
    legend.addTo(map);
    IM.legend = legend.getContainer();
  };

  function updateLegendCounts(counts) {
    if (!IM.legend) return;
    var rows = IM.legend.querySelectorAll(".im-legend-row[data-type]");
    for (var i = 0; i < rows.length; i++) {
      var n = counts[rows[i].getAttribute("data-type")] || 0;
      rows[i].querySelector(".im-legend-count").textContent = String(n);
      rows[i].classList.toggle("im-legend-empty", n === 0);
    }
  }

  /* ------------------------------------------------------------------ incidents */

  function iconFor(slug, dx, dy, selected) {
    var t = typeOf(slug);
    var size = selected ? 30 : 24;
    var html =
      '<span class="im-pin" style="background:' + esc(t.colour) + '">' + t.svg + "</span>";
    return L.divIcon({
      className: "im-marker im-type-" + esc(slug) + (selected ? " im-selected" : ""),
      html: html,
      iconSize: [size, size],
      iconAnchor: [size / 2 - dx, size / 2 - dy],
      popupAnchor: [dx, dy - size / 2],
      tooltipAnchor: [dx, dy - size / 2],
    });
  }

  /* row: an incident (F.row), place: where it is (F.place); see components/map_view.build_payload */
  function popupContent(payload, row) {
    var t = typeOf(payload.types[row[F.row.type]]);
    var place = payload.places[row[F.row.place]];
    var box = el("div", "im-popup");
    var head = el("div", "im-popup-type", t.label);
    head.style.borderLeftColor = t.colour;
    box.appendChild(head);
    function line(label, value) {
      if (value == null || value === "") return;
      var p = el("div", "im-popup-line");
      p.appendChild(el("b", null, label + ": "));
      p.appendChild(document.createTextNode(String(value)));
      box.appendChild(p);
    }
    var unc = place[F.place.uncertainty_m];
    line("Place", place[F.place.name] + " (" + place[F.place.precision] + (unc ? ", \u00b1" + fmtDist(unc) : "") + ")");
    line("Date", payload.dates[row[F.row.date]] || "unknown");
    line("Actors", payload.actors[row[F.row.actors]] || "\u2014");
    var fat = row[F.row.fatalities];
    line("Fatalities", fat == null ? "not reported" : fat);
    if (row[F.row.planned]) line("Status", "planned / announced");
    var ev = payload.sentences[row[F.row.sentence]];
    if (ev) box.appendChild(el("blockquote", "im-popup-evidence", ev));
    box.appendChild(el("div", "im-popup-id", row[F.row.id]));
    return box;
  }

  function fmtDist(m) {
    return m >= 1000 ? Math.round(m / 1000) + " km" : Math.round(m) + " m";
  }

  function markClicked(e) {
    // streamlit-folium returns `last_active_drawing` = layer.toGeoJSON(); a fresh
    // sequence number makes a repeated click on the same marker a new event.
    var f = this.feature;
    if (f && f.properties) f.properties.click = ++IM.clickSeq;
  }

  IM.addIncidents = function (group, data) {
    var t0 = performance.now();
    if (IM.timing.firstLayerStart == null) IM.timing.firstLayerStart = t0;
    var payload = named(data, F.payload);
    var map = IM.map;
    var selected = {};
    (payload.sel || []).forEach(function (id) { selected[id] = true; });
    var counts = {};

    // uncertainty circles (under the markers, not clickable)
    (payload.circles || []).forEach(function (c) {
      var radius = c[F.circle.radius_m];
      L.circle([c[F.circle.lat], c[F.circle.lon]], {
        radius: radius,
        color: "#4a4a4a",
        weight: 1,
        dashArray: "4 4",
        fillColor: "#4a4a4a",
        fillOpacity: radius > 100000 ? 0 : 0.06, // country/region-sized: outline only
        interactive: false,
        className: "im-uncertainty",
      }).addTo(group);
    });

    // places the article mentions but where no (filtered) incident happened
    (payload.muted || []).forEach(function (p) {
      var m = L.circleMarker([p[F.muted.lat], p[F.muted.lon]], {
        radius: 5,
        color: "#7a7a7a",
        weight: 1,
        fillColor: "#bdbdbd",
        fillOpacity: 0.7,
        className: "im-muted-place",
      });
      m.feature = { type: "Feature", properties: { kind: "place", id: p[F.muted.key] } };
      m.bindTooltip(esc(p[F.muted.name]) + " \u2014 no incidents shown", { direction: "top" });
      m.on("click", markClicked);
      m.addTo(group);
    });

    // group co-located incidents so each stays clickable
    var byPos = {};
    payload.rows.forEach(function (r, i) {
      var pl = payload.places[r[F.row.place]];
      var k = pl[F.place.lat].toFixed(5) + "," + pl[F.place.lon].toFixed(5);
      (byPos[k] = byPos[k] || []).push(i);
      var slug = payload.types[r[F.row.type]];
      counts[slug] = (counts[slug] || 0) + 1;
    });
    var offsets = new Array(payload.rows.length);
    Object.keys(byPos).forEach(function (k) {
      var idx = byPos[k];
      var n = idx.length;
      if (n === 1 || payload.cluster) {
        idx.forEach(function (i) { offsets[i] = [0, 0]; });
        return;
      }
      // fan out on rings in screen pixels (zoom-independent; true position = hub dot)
      var placed = 0, ring = 0;
      while (placed < n) {
        var radius = 22 + ring * 24;
        var cap = Math.max(6, Math.floor((2 * Math.PI * radius) / 26));
        var inRing = Math.min(cap, n - placed);
        for (var j = 0; j < inRing; j++) {
          var a = -Math.PI / 2 + (2 * Math.PI * j) / inRing + ring * 0.3;
          offsets[idx[placed + j]] = [Math.round(radius * Math.cos(a)), Math.round(radius * Math.sin(a))];
        }
        placed += inRing;
        ring++;
      }
      var first = payload.places[payload.rows[idx[0]][F.row.place]];
      L.circleMarker([first[F.place.lat], first[F.place.lon]], {
        radius: 4, color: "#222", weight: 1, fillColor: "#fff", fillOpacity: 1,
        interactive: false, className: "im-hub",
      }).addTo(group);
    });

    var markers = [];
    var selMarkers = [];
    payload.rows.forEach(function (r, i) {
      var isSel = !!selected[r[F.row.id]];
      var slug = payload.types[r[F.row.type]];
      var t = typeOf(slug);
      var place = payload.places[r[F.row.place]];
      var m = L.marker([place[F.place.lat], place[F.place.lon]], {
        icon: iconFor(slug, offsets[i][0], offsets[i][1], isSel),
        riseOnHover: true,
        zIndexOffset: isSel ? 1000 : 0,
        keyboard: true,
        title: "",
      });
      m.feature = { type: "Feature", properties: { kind: "incident", id: r[F.row.id] } };
      m.bindTooltip(esc(t.label) + " \u2014 " + esc(place[F.place.name]), { direction: "top" });
      m.bindPopup(function () { return popupContent(payload, r); }, { maxWidth: 340, minWidth: 220 });
      m.on("click", markClicked);
      markers.push(m);
      if (isSel) selMarkers.push(m);
    });

    var target = group;
    if (payload.cluster) {
      target = L.markerClusterGroup({
        chunkedLoading: true,
        showCoverageOnHover: false,
        spiderfyOnMaxZoom: true,
        maxClusterRadius: 45,
      });
      target.addLayers(markers);
      target.addTo(group);
    } else {
      markers.forEach(function (m) { m.addTo(group); });
    }
    updateLegendCounts(counts);
    if (map) {
      map.getContainer().setAttribute("data-incidents", String(payload.rows.length));
      map.getContainer().setAttribute("data-selected", (payload.sel || []).join(" "));
    }

    // re-open the selected incident's popup (the layer was just rebuilt)
    if (selMarkers.length === 1 && map) {
      var sm = selMarkers[0];
      setTimeout(function () {
        if (payload.cluster && target.getVisibleParent && target.getVisibleParent(sm) !== sm) {
          if (payload.focus) target.zoomToShowLayer(sm, function () { sm.openPopup(); });
          return;
        }
        if (sm._map) sm.openPopup();
      }, 0);
    }
    IM.lastLayer = { group: group, markers: markers, data: payload };
    IM.timing.lastLayerMs = performance.now() - t0;
    if (IM.timing.firstLayerEnd == null) IM.timing.firstLayerEnd = performance.now();
  };
})();
