/* The public map (民情地图): the offline basemap (or the configured tile server), grids and
 * microgrids coloured by the chosen figure, public reports as clusters at public precision.
 * Tapping a grid loads its contact card and reports into the panel below the map (htmx); the
 * same cards are reachable from the list of grids without the map. Text reaches the DOM only
 * as text. */
(function () {
  "use strict";
  var element = document.querySelector("[data-gz-portal-map]");
  if (!element || typeof L === "undefined") return;
  var config = JSON.parse(document.getElementById(element.dataset.gzPortalMap).textContent);
  var labels = config.labels || {};
  var measure = config.measure || "open";
  var COLOURS = ["#fff5f0", "#fdcab5", "#fc8a6a", "#f14432", "#bc141a"];

  var map = L.map(element, { zoomSnap: 0.5, minZoom: 10, maxZoom: 19 });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 19 }).addTo(map);
    element.dataset.basemap = "tiles";
  } else if (config.basemap && window.GongzhiBasemap) {
    var extent = Object.assign({ attribution: labels.basemap || "" }, config.basemap);
    window.GongzhiBasemap.layer(config.basemapUrl, extent).addTo(map);
    element.dataset.basemap = "local";
  } else {
    element.classList.add("plain");
    element.dataset.basemap = "none";
  }
  map.setView([32.0, 120.9], 12);

  var maxValue = 1;
  function valueOf(p) {
    var v = p[measure];
    return v === null || v === undefined ? 0 : v;
  }
  function colourFor(value) {
    if (!value) return COLOURS[0];
    var share = measure === "on_time_rate" ? value : value / maxValue;
    return COLOURS[Math.min(COLOURS.length - 1, 1 + Math.floor(share * (COLOURS.length - 1.01)))];
  }
  function styleFor(feature) {
    var p = feature.properties;
    var micro = p.level === "microgrid";
    return {
      color: micro ? "#8e1414" : "#6d0f0f", weight: micro ? 0.8 : 2, opacity: 0.9,
      dashArray: micro ? "3 3" : null,
      fillColor: colourFor(valueOf(p)), fillOpacity: micro ? 0.05 : 0.45
    };
  }

  function openGrid(code) {
    var url = config.gridUrlTemplate.replace("__code__", encodeURIComponent(code));
    var panel = document.getElementById("grid-panel");
    if (window.htmx && panel) {
      window.htmx.ajax("GET", url, { target: "#grid-panel", swap: "innerHTML" }).then(function () {
        panel.scrollIntoView({ behavior: "smooth", block: "start" });
      });
    } else {
      window.location.href = url;
    }
  }

  function bindGrid(feature, layer) {
    var p = feature.properties;
    if (p.level === "microgrid") return;
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = p.name || p.code || "";
    box.appendChild(name);
    var line = document.createElement("div");
    var value = valueOf(p);
    line.textContent = measure === "on_time_rate" ? (p.on_time_rate === null ? "—" : Math.round(value * 100) + "%") : String(value);
    box.appendChild(line);
    layer.bindTooltip(box, { sticky: true, className: "map-label" });
    layer.on("click", function () { openGrid(p.code); });
  }

  var grids = L.geoJSON(null, { style: styleFor, onEachFeature: bindGrid }).addTo(map);
  var clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45 });
  map.addLayer(clusters);

  function marker(point) {
    var m = L.marker([point.lat, point.lon], {
      icon: L.divIcon({ className: "gz-case-dot " + (point.open ? "open" : "closed"), iconSize: [12, 12] }),
      keyboard: false
    });
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.category || point.reference;
    box.appendChild(link);
    m.bindPopup(box);
    return m;
  }

  function draw(data) {
    var features = (data.grids && data.grids.features) || [];
    maxValue = 1;
    features.forEach(function (f) { if (f.properties.level === "grid") maxValue = Math.max(maxValue, valueOf(f.properties)); });
    grids.clearLayers();
    grids.addData(features);
    clusters.clearLayers();
    var markers = (data.points || []).map(marker);
    clusters.addLayers(markers);
    element.dataset.grids = String(features.length);
    element.dataset.points = String(markers.length);
    var note = document.getElementById("map-note");
    if (note) note.textContent = markers.length ? "" : (labels.noCases || "");
    if (!element.dataset.fitted && grids.getLayers().length) {
      map.fitBounds(grids.getBounds(), { padding: [8, 8], animate: false });
      element.dataset.fitted = "1";
    }
  }

  fetch(config.dataUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
    .then(function (data) { element._gzData = data; draw(data); element.dataset.ready = "1"; })
    .catch(function () { element.dataset.ready = "error"; });

  var select = document.getElementById("measure");
  if (select) {
    select.addEventListener("change", function () {
      measure = select.value;
      if (element._gzData) draw(element._gzData);
      var url = new URL(window.location.href);
      url.searchParams.set("measure", measure);
      window.history.replaceState(null, "", url.toString());
    });
  }
  element.gzMap = map;
})();
