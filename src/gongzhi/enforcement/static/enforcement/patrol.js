/* The patrol page: the route on a map, GPS points from the phone, a route drawn by tapping,
 * and the place of a finding.
 *
 * Config (json_script "patrol-config"): route (GeoJSON LineString), running, own, pointsUrl,
 * routeUrl, area (GeoJSON of the patrol's area), tileUrl, tileAttribution, labels.
 * Points are sent in batches; a batch that fails stays queued and is sent with the next one.
 */
(function () {
  "use strict";

  var element = document.querySelector("[data-patrol-map]");
  if (!element || typeof L === "undefined") { return; }
  var config = JSON.parse(document.getElementById(element.getAttribute("data-patrol-map")).textContent);
  var csrf = (document.querySelector("[name=csrfmiddlewaretoken]") || {}).value || "";
  var status = document.getElementById("gps-status");
  var map = L.map(element, { zoomSnap: 0.25 });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 19 }).addTo(map);
  } else {
    element.classList.add("plain");
  }
  var latlngs = ((config.route || {}).coordinates || []).map(function (c) { return [c[1], c[0]]; });
  var line = L.polyline(latlngs, { color: "#b71c1c", weight: 4, className: "gz-route" }).addTo(map);
  var area = config.area ? L.geoJSON(config.area, { style: { color: "#5d1010", weight: 2, fill: false, dashArray: "6 4" } }).addTo(map) : null;
  var here = null;
  if (latlngs.length) {
    map.fitBounds(line.getBounds(), { padding: [20, 20], maxZoom: 17 });
  } else if (area) {
    map.fitBounds(area.getBounds(), { padding: [10, 10] });
  } else {
    map.setView([32, 121], 5);
  }

  function say(text) { if (status) { status.textContent = text; } }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    });
  }

  function showGrids(data) {
    var list = document.getElementById("patrol-grids");
    var count = document.getElementById("point-count");
    if (count) { count.textContent = String(data.points); }
    if (!list || !data.grids) { return; }
    list.textContent = "";
    data.grids.forEach(function (grid) {
      var li = document.createElement("li");
      li.textContent = grid.name;
      list.appendChild(li);
    });
  }

  // The finding's place: the last GPS fix, or a tap on the map.
  var latInput = document.getElementById("id_lat");
  var lonInput = document.getElementById("id_lon");
  var placeText = document.getElementById("finding-place");
  var marker = null;
  function setPlace(lat, lon) {
    if (!latInput || !lonInput) { return; }
    latInput.value = lat.toFixed(7);
    lonInput.value = lon.toFixed(7);
    if (placeText) { placeText.textContent = lat.toFixed(5) + ", " + lon.toFixed(5); }
    if (marker) { marker.setLatLng([lat, lon]); } else { marker = L.circleMarker([lat, lon], { radius: 8, color: "#1565c0" }).addTo(map); }
  }

  // GPS recording.
  var queue = [];
  var sending = false;
  var watch = null;
  function flush() {
    if (sending || !queue.length || !config.pointsUrl) { return; }
    sending = true;
    var batch = queue.slice(0, 200);
    post(config.pointsUrl, { points: batch }).then(function (data) {
      queue = queue.slice(batch.length);
      showGrids(data);
      say(config.labels.gpsOn + " " + config.labels.saved);
    }).catch(function () {
      say(config.labels.failed);
    }).then(function () { sending = false; });
  }
  var gpsButton = document.getElementById("gps-toggle");
  if (gpsButton && config.running) {
    gpsButton.addEventListener("click", function () {
      if (watch !== null) {
        navigator.geolocation.clearWatch(watch);
        watch = null;
        flush();
        gpsButton.setAttribute("aria-pressed", "false");
        say(config.labels.gpsOff);
        return;
      }
      if (!navigator.geolocation) { say(config.labels.gpsDenied); return; }
      watch = navigator.geolocation.watchPosition(function (position) {
        var c = position.coords;
        queue.push({ lon: c.longitude, lat: c.latitude, accuracy: c.accuracy });
        line.addLatLng([c.latitude, c.longitude]);
        setPlace(c.latitude, c.longitude);
        if (here) { here.setLatLng([c.latitude, c.longitude]); } else { here = L.circleMarker([c.latitude, c.longitude], { radius: 6, color: "#2e7d32" }).addTo(map); }
        map.panTo([c.latitude, c.longitude]);
        say(config.labels.gpsOn);
        if (queue.length >= 5) { flush(); }
      }, function () {
        say(config.labels.gpsDenied);
      }, { enableHighAccuracy: true, maximumAge: 5000, timeout: 20000 });
      gpsButton.setAttribute("aria-pressed", "true");
      say(config.labels.gpsOn);
    });
    window.setInterval(flush, 15000);
    window.addEventListener("pagehide", flush);
    var endForm = document.getElementById("end-form");
    if (endForm) { endForm.addEventListener("submit", flush); }
    var findingForm = document.getElementById("finding-form");
    if (findingForm) { findingForm.addEventListener("submit", flush); }
  }

  // Drawing a route by tapping points on the map.
  var drawing = false;
  var drawn = [];
  var drawLine = null;
  var drawButton = document.getElementById("draw-toggle");
  var saveButton = document.getElementById("draw-save");
  if (drawButton && config.own) {
    drawButton.addEventListener("click", function () {
      drawing = !drawing;
      drawButton.setAttribute("aria-pressed", drawing ? "true" : "false");
      if (saveButton) { saveButton.hidden = !drawing; }
      if (drawing) {
        drawn = [];
        if (drawLine) { map.removeLayer(drawLine); }
        drawLine = L.polyline([], { color: "#1565c0", weight: 3, dashArray: "4 4" }).addTo(map);
      }
    });
  }
  if (saveButton) {
    saveButton.addEventListener("click", function () {
      if (drawn.length < 2) { return; }
      post(config.routeUrl, { route: { type: "LineString", coordinates: drawn } }).then(function (data) {
        line.setLatLngs(drawn.map(function (c) { return [c[1], c[0]]; }));
        showGrids(data);
        say(config.labels.saved);
      }).catch(function () { say(config.labels.failed); });
    });
  }
  map.on("click", function (event) {
    var lat = event.latlng.lat, lon = event.latlng.lng;
    if (drawing) {
      drawn.push([lon, lat]);
      drawLine.addLatLng([lat, lon]);
    } else {
      setPlace(lat, lon);
    }
  });
}());
