/* The case map (民情地图): grids coloured by how many open (or overdue) cases they hold, and
 * the cases as clustered points (Leaflet.markercluster). Data comes from the JSON endpoint
 * named in the page's config, with the page's filters; the colour measure switches here.
 * Names and references reach the DOM only as text. */
(function () {
  "use strict";

  var element = document.querySelector("[data-gz-case-map]");
  if (!element || typeof L === "undefined") return;
  var config = JSON.parse(document.getElementById(element.dataset.gzCaseMap).textContent);
  var labels = config.labels || {};
  var measure = "count";
  var STEPS = [0, 1, 3, 6, 11];
  var COLOURS = ["#f5f5f5", "#ffe0b2", "#ffb74d", "#f57c00", "#b71c1c"];

  var map = L.map(element, { zoomSnap: 0.25, minZoom: 3, maxZoom: 19 });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 19 }).addTo(map);
  } else {
    element.classList.add("plain");
  }
  map.setView([32, 121], 4);
  element.gzMap = map;

  var gridLayer = L.geoJSON(null, { style: styleFor, onEachFeature: bindGrid }).addTo(map);
  var clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
  map.addLayer(clusters);
  var fitted = false;

  function colourFor(value) {
    var index = 0;
    for (var i = 0; i < STEPS.length; i++) if (value >= STEPS[i]) index = i;
    return COLOURS[index];
  }

  function styleFor(feature) {
    var value = feature.properties[measure] || 0;
    return {
      color: "#8e1414", weight: 1, opacity: 0.8,
      fillColor: colourFor(value), fillOpacity: value ? 0.6 : 0.15,
      className: "gz-grid"
    };
  }

  function bindGrid(feature, layer) {
    var p = feature.properties;
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = p.name || p.code || "";
    var line = document.createElement("div");
    line.textContent = (p.count || 0) + " " + (labels.open || "") + " · " + (p.overdue || 0) + " " + (labels.overdue || "");
    box.appendChild(name);
    box.appendChild(line);
    layer.bindTooltip(box, { sticky: true, className: "map-label" });
  }

  function caseUrl(reference) {
    return config.caseUrlTemplate.replace("__ref__", encodeURIComponent(reference));
  }

  function pointMarker(point) {
    var kind = point.overdue ? "overdue" : String(point.state || "").replace(/[^a-z_]/g, "");
    var marker = L.marker([point.lat, point.lon], {
      icon: L.divIcon({ className: "gz-dot gz-dot-" + kind, iconSize: [14, 14] }),
      keyboard: false
    });
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = caseUrl(point.reference);
    link.textContent = point.reference;
    var what = document.createElement("div");
    what.textContent = point.category || "";
    box.appendChild(link);
    box.appendChild(what);
    marker.bindPopup(box);
    return marker;
  }

  function legend() {
    var note = document.getElementById("map-note");
    if (note) note.textContent = "";
    return note;
  }

  function draw(data) {
    gridLayer.clearLayers();
    gridLayer.addData((data.grids && data.grids.features) || []);
    clusters.clearLayers();
    var markers = (data.points || []).map(pointMarker);
    clusters.addLayers(markers);
    element.dataset.grids = String(gridLayer.getLayers().length);
    element.dataset.points = String(markers.length);
    var note = legend();
    if (note) {
      if (!markers.length) note.textContent = labels.noCases || "";
      else if (data.truncated) note.textContent = labels.truncated || "";
    }
    if (!fitted) {
      var bounds = gridLayer.getLayers().length ? gridLayer.getBounds() : null;
      if (markers.length) {
        var own = clusters.getBounds();
        bounds = bounds && bounds.isValid() ? bounds.extend(own) : own;
      }
      if (bounds && bounds.isValid()) {
        map.fitBounds(bounds, { padding: [10, 10], animate: false });
        fitted = true;
      }
    }
  }

  function load(url) {
    element.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(draw)
      .catch(function () { element.dataset.points = "error"; })
      .finally(function () { element.removeAttribute("aria-busy"); });
  }

  var checked = document.querySelector("input[name=measure]:checked");
  if (checked && checked.value === "overdue") measure = "overdue";
  document.querySelectorAll("input[name=measure]").forEach(function (input) {
    input.addEventListener("change", function () {
      measure = input.value === "overdue" ? "overdue" : "count";
      gridLayer.setStyle(styleFor);
    });
  });

  load(config.dataUrl);
})();
