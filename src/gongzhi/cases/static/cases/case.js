/* The case page: its map (the point and the grid's outline) and the htmx answers that carry a
 * fresh panel with a 409 (someone acted first), 422 (bad input) or 403 (refused): those are
 * swapped in like a success so that the message and the current state are shown. */
(function () {
  "use strict";

  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if ((status === 409 || status === 422 || status === 403) && event.detail.target &&
        event.detail.target.id === "case-panel") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "case-panel") {
      var flash = event.detail.target.querySelector(".flash");
      if (flash) flash.focus();
    }
  });

  var element = document.querySelector("[data-gz-case-map]");
  if (!element || typeof L === "undefined") return;
  var source = document.getElementById(element.dataset.gzCaseMap);
  var config = source ? JSON.parse(source.textContent) : {};
  var map = L.map(element, { zoomSnap: 0.25, minZoom: 3, maxZoom: 19 });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 19 }).addTo(map);
  } else {
    element.classList.add("plain");
  }
  var bounds = null;
  if (config.outline) {
    var outline = L.geoJSON(config.outline, {
      interactive: false,
      style: { color: "#5d1010", weight: 2, dashArray: "6 4", fillColor: "#b71c1c", fillOpacity: 0.05 }
    }).addTo(map);
    bounds = outline.getBounds();
  }
  if (config.point) {
    L.marker(config.point, {
      icon: L.divIcon({ className: "gz-pin", iconSize: [24, 24], iconAnchor: [12, 24] }),
      keyboard: false
    }).addTo(map);
    map.setView(config.point, 17, { animate: false });
  } else if (bounds && bounds.isValid()) {
    map.fitBounds(bounds, { padding: [8, 8], animate: false });
  } else {
    map.setView([32, 121], 4);
  }
  element.gzMap = map;
})();
