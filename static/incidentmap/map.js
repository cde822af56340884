/* Incident Map: client-side rendering for the streamlit-folium iframe.
 *
 * Loaded locally (/app/static/incidentmap/map.js) after Leaflet and Leaflet.markercluster.
 * Python sends compact data; this file turns it into layers:
 *   IM.initMap(map, init)           once per base map: base-map choice, offline outline, tile-status note,
 *                                   legend, "fit" button, the country-wide badge box
 *   IM.addIncidents(group, payload) on every filter change, into the streamlit-folium feature group;
 *                                   re-frames the map to the results unless the user has moved it
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

    IM.opts = opts;
    IM.userMoved = false; // set by the user's own drag/zoom; a fit to the results clears it
    IM.fitting = false;
    map.on("dragstart", function () { IM.userMoved = true; });
    map.on("zoomstart", function () { if (!IM.fitting) IM.userMoved = true; });

    // Offline outline, *underneath* the tiles: visible only where tiles are missing (or none chosen).
    var pane = map.createPane("im-outline");
    pane.style.zIndex = 150; // tilePane is 200
    pane.style.pointerEvents = "none";
    IM.outlineByIso = {};
    // The outlines file (170 kB, a 30 ms draw) is fetched once the first markers are painted (addIncidents),
    // or sooner when an area needs its country's shape: the markers never wait for it.
    var outline = null;
    IM.loadOutline = function () {
      if (outline) return outline;
      IM.timing.outlineRequested = performance.now();
      outline = !opts.outlineUrl ? Promise.reject(new Error("no outline")) : fetch(opts.outlineUrl)
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        })
        .then(function (gj) {
          IM.timing.outlineFetched = performance.now();
          (gj.features || []).forEach(function (f) {
            var iso = f.properties && f.properties.iso2;
            if (iso) IM.outlineByIso[String(iso).toUpperCase()] = f;
          });
          IM.outline = L.geoJSON(gj, {
            pane: "im-outline",
            interactive: false,
            style: { color: "#8c8c8c", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
          }).addTo(map);
          IM.timing.outlineDrawn = performance.now();
          return IM.outlineByIso;
        });
      outline.catch(function (err) { console.warn("offline outline not loaded:", err); });
      return outline;
    };
    setTimeout(IM.loadOutline, 3000); // in case no incident layer ever comes (it always does today)

    // Base maps: online tiles (the only requests that leave this machine) and the offline outlines.
    var baseLayers = {}, byName = {}, firstName = null;
    (opts.basemaps || []).forEach(function (b) {
      var name = b[F.basemap.name], url = b[F.basemap.url], maxZoom = b[F.basemap.max_zoom];
      var layer = url
        ? L.tileLayer(url, { attribution: b[F.basemap.attribution], maxZoom: maxZoom, maxNativeZoom: maxZoom,
                             subdomains: b[F.basemap.subdomains] })
        : L.layerGroup([], { attribution: b[F.basemap.attribution] });
      layer.imOnline = !!url;
      layer.imLoaded = 0;
      layer.imFailed = 0;
      baseLayers[esc(name)] = layer; // the layer control's labels are HTML
      byName[name] = layer;
      if (firstName == null) firstName = name;
    });
    var stored = null;
    try { stored = window.localStorage.getItem("incidentmap.basemap"); } catch (e) { /* storage blocked */ }
    var active = byName[stored] || byName[firstName];
    IM.baseLayer = active;

    // Honest tile status: say so when the chosen tiles cannot be loaded.
    var note = L.control({ position: "bottomleft" });
    note.onAdd = function () {
      var d = el("div", "im-tile-note");
      d.setAttribute("role", "status");
      d.style.display = "none";
      return d;
    };
    note.addTo(map);
    var noteDiv = note.getContainer();
    var anyOnline = Object.keys(byName).some(function (n) { return byName[n].imOnline; });
    function updateNote() {
      var b = IM.baseLayer;
      var state = !b || !b.imOnline ? "off" : b.imLoaded > 0 ? "online" : b.imFailed > 0 ? "offline" : "pending";
      if (state === "offline") {
        noteDiv.textContent =
          "Map tiles unavailable (offline?) \u2014 showing the built-in low-resolution country outlines.";
      } else if (state === "off") {
        noteDiv.textContent = anyOnline
          ? "Offline outlines chosen: built-in low-resolution country outlines, no tiles loaded."
          : "Online tiles switched off \u2014 showing the built-in low-resolution country outlines.";
      }
      noteDiv.style.display = state === "offline" || state === "off" ? "block" : "none";
      map.getContainer().setAttribute("data-tiles", state);
      map.getContainer().setAttribute("data-basemap", b ? b.imName : "");
    }
    Object.keys(byName).forEach(function (n) {
      var layer = byName[n];
      layer.imName = n;
      if (layer.imOnline) {
        layer.on("tileload", function () { layer.imLoaded++; if (layer === IM.baseLayer) updateNote(); });
        layer.on("tileerror", function () { layer.imFailed++; if (layer === IM.baseLayer) updateNote(); });
      }
    });
    if (active) active.addTo(map);
    updateNote();
    map.on("baselayerchange", function (e) {
      IM.baseLayer = e.layer;
      try { window.localStorage.setItem("incidentmap.basemap", e.layer.imName); } catch (err) { /* ignore */ }
      updateNote();
    });

    // "Fit" button under the zoom buttons: back to all the incidents shown.
    var fit = L.control({ position: "topleft" });
    fit.onAdd = function () {
      var bar = el("div", "leaflet-bar im-fit");
      var a = el("a", null, "\u2922");
      a.href = "#";
      a.setAttribute("role", "button");
      a.title = "Fit the map to the incidents shown";
      a.setAttribute("aria-label", a.title);
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.preventDefault(e);
        IM.fitToResults(true);
      });
      bar.appendChild(a);
      return bar;
    };
    fit.addTo(map);

    // Incidents located only to a whole country or region: a badge box (top right), not pins.
    var areaCtl = L.control({ position: "topright" });
    areaCtl.onAdd = function () {
      var box = el("details", "im-areas");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Incidents located only to a country or region");
      box.style.display = "none";
      box.appendChild(el("summary", "im-areas-summary"));
      box.appendChild(el("div", "im-areas-list"));
      box.addEventListener("toggle", function () {
        // fires (later) for our own changes too: only a change we did not make is the user's choice,
        // which then outlives reruns
        if (box.open !== IM.areasSetOpen) IM.areasUserOpen = box.open;
        IM.areasSetOpen = box.open;
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    areaCtl.addTo(map);
    IM.areaBox = areaCtl.getContainer();

    if (Object.keys(baseLayers).length > 1) {
      L.control.layers(baseLayers, null, { position: "topright", collapsed: true }).addTo(map);
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
        ["im-swatch im-swatch-area", "Country/region-wide (badges, top right)"],
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

  // A radius rounded up, as incidentmap.geo.format_distance: never shown smaller than it is.
  function fmtDist(m) {
    var up = Math.ceil(m - 1e-9);
    return up >= 1000 ? Math.ceil(up / 1000 - 1e-9).toLocaleString("en") + " km" : up + " m";
  }

  function markClicked(e) {
    // streamlit-folium returns `last_active_drawing` = layer.toGeoJSON(); a fresh
    // sequence number makes a repeated click on the same marker a new event.
    var f = this.feature;
    if (f && f.properties) f.properties.click = ++IM.clickSeq;
  }

  /* A disc as a polygon (geodesic, circumscribed: it contains every point of the disc). Leaflet clips
     polygons to the view; it does not clip circles, and a country-sized dashed circle at street zoom
     (~500,000 px) took seconds per frame. */
  function ring(lat, lon, radius, n) {
    var R = 6371008.8, rad = Math.PI / 180;
    var d = Math.min(radius / Math.cos(Math.PI / n) / R, Math.PI / 2);
    var p1 = lat * rad, l1 = lon * rad, pts = [];
    for (var k = 0; k < n; k++) {
      var b = (2 * Math.PI * k) / n;
      var p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
      var l2 = l1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
      pts.push([Math.max(-85, Math.min(85, p2 / rad)), l2 / rad]);
    }
    return pts;
  }

  var AREA_STYLE = {
    color: "#5b4a9e", weight: 1.5, fillColor: "#5b4a9e", fillOpacity: 0.07, interactive: false,
    className: "im-area-shape",
  };

  function placeBounds(pl) {
    return L.latLngBounds([pl[F.place.south], pl[F.place.west]], [pl[F.place.north], pl[F.place.east]]);
  }

  /* A country- or region-level place, drawn as what it is: the country's outline, else a light disc. */
  function drawArea(group, pl, drawn) {
    // each shape once per layer (many places may be "somewhere in Kazakhstan")
    var r = pl[F.place.uncertainty_m] || 0;
    var key = pl[F.place.area] === "outline" ? "o:" + pl[F.place.country] : "d:" + pl[F.place.lat] + "," + pl[F.place.lon] + "," + r;
    if (drawn[key]) return;
    drawn[key] = true;
    var disc = function () {
      L.polygon(ring(pl[F.place.lat], pl[F.place.lon], r, IM.opts.ringVertices || 96), AREA_STYLE).addTo(group);
    };
    if (pl[F.place.area] !== "outline") return disc();
    IM.loadOutline().then(function (byIso) {
      var f = byIso[pl[F.place.country]];
      if (!f) return disc();
      L.geoJSON(f, { style: AREA_STYLE, interactive: false }).addTo(group);
    }, disc);
  }

  /* The badge box: "Kazakhstan · country-wide (8)" and one chip per incident. A chip selects its
     incident the way a marker click does (streamlit-folium listens on the feature group). */
  function renderAreas(group, payload, areas, selected) {
    var outer = IM.areaBox;
    if (!outer) return;
    var box = outer.querySelector(".im-areas-list");
    box.textContent = "";
    outer.style.display = areas.length ? "block" : "none";
    var n = 0;
    areas.forEach(function (a) { n += a.rows.length; });
    outer.querySelector(".im-areas-summary").textContent =
      "Country/region-wide: " + n + (n === 1 ? " incident" : " incidents") +
      (areas.length > 1 ? " in " + areas.length + " areas" : "");
    // open while short (or as the user left it): many areas would cover the map
    outer.open = IM.areasSetOpen =
      IM.areasUserOpen != null ? IM.areasUserOpen : areas.length <= (IM.opts.areasOpenMax || 3);
    areas.forEach(function (a) {
      var pl = a.place;
      var item = el("div", "im-area");
      item.setAttribute("data-place", pl[F.place.name]);
      var head = el("button", "im-area-head");
      head.type = "button";
      head.appendChild(el("span", "im-area-name", pl[F.place.name]));
      head.appendChild(el("span", "im-area-count", "\u00b7 " + pl[F.place.precision] + "-wide (" + a.rows.length + ")"));
      head.title = "Located only to the whole " + pl[F.place.precision] + " (shaded on the map): show it";
      L.DomEvent.on(head, "click", function () {
        IM.userMoved = true; // the user's own choice of view
        IM.map.fitBounds(placeBounds(pl), { padding: [10, 10], animate: false });
      });
      item.appendChild(head);
      var chips = el("div", "im-area-chips");
      var detail = null;
      // a chip per incident, up to areaChips per area (and always the selected ones); the table has them all
      var cap = IM.opts.areaChips || 60;
      var shown = a.rows.filter(function (r, k) { return k < cap || selected[r.row[F.row.id]]; });
      shown.forEach(function (r) {
        var slug = payload.types[r.row[F.row.type]];
        var t = typeOf(slug);
        var isSel = !!selected[r.row[F.row.id]];
        var chip = el("button", "im-area-chip im-type-" + slug.replace(/[^A-Za-z0-9_-]/g, "_") + (isSel ? " im-selected" : ""));
        chip.type = "button";
        chip.setAttribute("data-id", r.row[F.row.id]);
        chip.title = t.label + " \u2014 " + pl[F.place.name] + " (" + pl[F.place.precision] + "-wide)";
        chip.setAttribute("aria-label", chip.title);
        var pin = el("span", "im-pin");
        pin.style.background = t.colour;
        pin.innerHTML = t.svg; // generated in Python from Font Awesome path data, not user text
        chip.appendChild(pin);
        L.DomEvent.on(chip, "click", function () {
          var props = r.marker.feature.properties;
          props.click = ++IM.clickSeq;
          var all = box.querySelectorAll(".im-area-chip.im-selected");
          for (var i = 0; i < all.length; i++) all[i].classList.remove("im-selected");
          chip.classList.add("im-selected");
          showDetail(item, payload, r.row);
          group.fire("click", { layer: r.marker, latlng: r.marker.getLatLng(), sourceTarget: r.marker });
        });
        chips.appendChild(chip);
        if (isSel) detail = r.row;
      });
      if (shown.length < a.rows.length) {
        chips.appendChild(el("span", "im-area-more", "+" + (a.rows.length - shown.length) + " more in the table"));
      }
      item.appendChild(chips);
      box.appendChild(item);
      if (detail) showDetail(item, payload, detail);
    });
  }

  function showDetail(item, payload, row) {
    var old = IM.areaBox.querySelectorAll(".im-area-detail");
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    var d = el("div", "im-area-detail");
    var close = el("button", "im-area-close", "\u00d7");
    close.type = "button";
    close.title = "Hide these details (the incident stays selected)";
    close.setAttribute("aria-label", close.title);
    L.DomEvent.on(close, "click", function () { if (d.parentNode) d.parentNode.removeChild(d); });
    d.appendChild(close);
    d.appendChild(popupContent(payload, row));
    item.appendChild(d);
  }

  /* Fit the view to the incidents shown: the precise ones (with their uncertainty) when there are
     any, else the areas. Without force, only while the user has not moved the map since the last fit. */
  IM.fitToResults = function (force) {
    var map = IM.map, last = IM.lastLayer;
    if (!map || !last || !last.bounds) return false;
    if (!force && IM.userMoved) return false;
    var pad = IM.opts.fitPadding || 0;
    IM.fitting = true;
    try {
      map.fitBounds(last.bounds, { padding: [pad, pad], maxZoom: IM.opts.fitMaxZoom, animate: false });
    } finally {
      IM.fitting = false;
    }
    IM.userMoved = false;
    IM.fitCount = (IM.fitCount || 0) + 1;
    map.getContainer().setAttribute("data-fits", String(IM.fitCount));
    return true;
  };

  IM.addIncidents = function (group, data) {
    var t0 = performance.now();
    if (IM.timing.firstLayerStart == null) IM.timing.firstLayerStart = t0;
    var payload = named(data, F.payload);
    var map = IM.map;
    var selected = {};
    (payload.sel || []).forEach(function (id) { selected[id] = true; });
    var counts = {};
    var ringN = (IM.opts && IM.opts.ringVertices) || 96;

    // uncertainty discs (under the markers, not clickable), as clipped polygons
    (payload.circles || []).forEach(function (c) {
      var radius = c[F.circle.radius_m];
      L.polygon(ring(c[F.circle.lat], c[F.circle.lon], radius, ringN), {
        color: "#4a4a4a",
        weight: 1,
        dashArray: "4 4",
        fillColor: "#4a4a4a",
        fillOpacity: 0.06,
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

    // country/region-level incidents: the area, shaded, and a badge; the rest: pins.
    // Bounds to fit: the pins' places (with their uncertainty), or the areas when there are no pins.
    var areaByPlace = {}, areas = [], drawn = {}, pinBounds = null, areaBounds = null;
    var byPos = {};
    payload.rows.forEach(function (r, i) {
      var pl = payload.places[r[F.row.place]];
      var slug = payload.types[r[F.row.type]];
      counts[slug] = (counts[slug] || 0) + 1;
      var b = placeBounds(pl);
      if (pl[F.place.area]) {
        var a = areaByPlace[r[F.row.place]];
        if (!a) {
          a = areaByPlace[r[F.row.place]] = { place: pl, rows: [] };
          areas.push(a);
          drawArea(group, pl, drawn);
        }
        areaBounds = areaBounds ? areaBounds.extend(b) : b;
        return;
      }
      pinBounds = pinBounds ? pinBounds.extend(b) : b;
      var k = pl[F.place.lat].toFixed(5) + "," + pl[F.place.lon].toFixed(5);
      (byPos[k] = byPos[k] || []).push(i);
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
      var placed = 0, ringNo = 0;
      while (placed < n) {
        var radius = 22 + ringNo * 24;
        var cap = Math.max(6, Math.floor((2 * Math.PI * radius) / 26));
        var inRing = Math.min(cap, n - placed);
        for (var j = 0; j < inRing; j++) {
          var ang = -Math.PI / 2 + (2 * Math.PI * j) / inRing + ringNo * 0.3;
          offsets[idx[placed + j]] = [Math.round(radius * Math.cos(ang)), Math.round(radius * Math.sin(ang))];
        }
        placed += inRing;
        ringNo++;
      }
      var first = payload.places[payload.rows[idx[0]][F.row.place]];
      L.circleMarker([first[F.place.lat], first[F.place.lon]], {
        radius: 4, color: "#222", weight: 1, fillColor: "#fff", fillOpacity: 1,
        interactive: false, className: "im-hub",
      }).addTo(group);
    });

    var markers = [];
    var pins = [];
    var selMarkers = [];
    payload.rows.forEach(function (r, i) {
      var isSel = !!selected[r[F.row.id]];
      var slug = payload.types[r[F.row.type]];
      var t = typeOf(slug);
      var place = payload.places[r[F.row.place]];
      var ll = [place[F.place.lat], place[F.place.lon]];
      if (place[F.place.area]) {
        // not drawn: stands for the incident when its badge chip is clicked
        var proxy = L.marker(ll);
        proxy.feature = { type: "Feature", properties: { kind: "incident", id: r[F.row.id] } };
        proxy.imArea = true;
        areaByPlace[r[F.row.place]].rows.push({ row: r, marker: proxy });
        markers.push(proxy);
        return;
      }
      var m = L.marker(ll, {
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
      pins.push(m);
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
      target.addLayers(pins);
      target.addTo(group);
    } else {
      pins.forEach(function (m) { m.addTo(group); });
    }
    renderAreas(group, payload, areas, selected);
    updateLegendCounts(counts);
    if (map) {
      map.getContainer().setAttribute("data-incidents", String(payload.rows.length));
      map.getContainer().setAttribute("data-pins", String(pins.length));
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
    var bounds = pinBounds || areaBounds;
    IM.lastLayer = { group: group, markers: markers, pins: pins, data: payload, bounds: bounds };
    // a new set of results re-frames the map (not a mere selection change, nor while focusing a row)
    var fitKey = bounds ? bounds.toBBoxString() : "";
    if (map && bounds && !payload.focus && fitKey !== IM.lastFitKey) {
      IM.lastFitKey = fitKey;
      IM.fitToResults(false);
    }
    IM.timing.lastLayerMs = performance.now() - t0;
    if (IM.timing.firstLayerEnd == null) {
      IM.timing.firstLayerEnd = performance.now();
      requestAnimationFrame(function () {  // after the markers' frame is painted
        setTimeout(function () {
          if (IM.opts && IM.opts.signalDrawn) signalDrawn();
          if (IM.loadOutline) IM.loadOutline();
        }, 0);
      });
    }
  };

  /* Tell the page "the first markers are drawn" (after they are painted), once per page load: the
   * dashboard holds its sidebar and table back until then (components/first_view.py), so Streamlit's
   * frontend draws the map before it fetches and draws their code. Streamlit's own component message,
   * from this (streamlit-folium's) frame; the value carries no click. */
  function signalDrawn() {
    try {
      if (window.parent.__imMapDrawn) return;
      window.parent.__imMapDrawn = true;
    } catch (e) { return; /* no same-origin parent: nothing waits */ }
    IM.timing.signalled = performance.now();
    var value = {};
    value[IM.opts.signalDrawn] = true;
    window.parent.postMessage({ isStreamlitMessage: true, type: "streamlit:setComponentValue",
                                value: value, dataType: "json" }, "*");
  }
})();
