/* The intake form's map: tap the place or use the device's location (WGS84), with the grids'
 * boundaries drawn for orientation. The chosen point goes into the hidden lat/lon fields and a
 * "gz:placed" event tells the duplicate check to run. No tiles unless the site configures them.
 */
(function () {
  "use strict";

  var element = document.querySelector("[data-gz-pick]");
  if (!element || typeof L === "undefined") return;
  var source = document.getElementById(element.dataset.gzPick);
  var config = source ? JSON.parse(source.textContent) : {};
  var labels = config.labels || {};
  var latInput = document.getElementById("id_lat");
  var lonInput = document.getElementById("id_lon");
  var crsInput = document.getElementById("id_crs");
  var status = document.getElementById("place-status");

  var map = L.map(element, { zoomSnap: 0.25, minZoom: 3, maxZoom: 19 });
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 19 }).addTo(map);
  } else {
    element.classList.add("plain");
  }
  map.setView([32, 121], 4);
  element.gzMap = map;

  var icon = L.divIcon({ className: "gz-pin", iconSize: [24, 24], iconAnchor: [12, 24] });
  var marker = null;

  function say(text) {
    if (status) status.textContent = text;
  }

  function place(lat, lon, options) {
    lat = Math.round(lat * 1e6) / 1e6;
    lon = Math.round(lon * 1e6) / 1e6;
    latInput.value = String(lat);
    lonInput.value = String(lon);
    if (crsInput) crsInput.value = "wgs84";
    if (marker) {
      marker.setLatLng([lat, lon]);
    } else {
      marker = L.marker([lat, lon], { icon: icon, draggable: true, keyboard: false }).addTo(map);
      marker.on("dragend", function () {
        var at = marker.getLatLng();
        place(at.lat, at.lng);
      });
    }
    element.dataset.placed = "true";
    say((labels.located || "") + " " + lat.toFixed(5) + ", " + lon.toFixed(5));
    if (!options || !options.quiet) {
      document.body.dispatchEvent(new CustomEvent("gz:placed"));
    }
  }

  map.on("click", function (event) {
    place(event.latlng.lat, event.latlng.lng);
  });

  var grids = L.featureGroup().addTo(map);
  if (config.gridsUrl) {
    fetch(config.gridsUrl, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { features: [] }; })
      .then(function (collection) {
        L.geoJSON(collection, {
          interactive: false,
          style: { color: "#b71c1c", weight: 1, opacity: 0.7, fillColor: "#b71c1c", fillOpacity: 0.04 }
        }).eachLayer(function (layer) { grids.addLayer(layer); });
        element.dataset.grids = String(grids.getLayers().length);
        if (!marker && grids.getLayers().length) {
          map.fitBounds(grids.getBounds(), { padding: [8, 8], animate: false });
        }
      })
      .catch(function () { element.dataset.grids = "0"; });
  }

  if (latInput.value && lonInput.value) {
    var lat = parseFloat(latInput.value), lon = parseFloat(lonInput.value);
    if (isFinite(lat) && isFinite(lon)) {
      place(lat, lon, { quiet: true });
      map.setView([lat, lon], 17, { animate: false });
    }
  }

  var locate = document.getElementById("locate-me");
  if (locate) {
    locate.addEventListener("click", function () {
      if (!("geolocation" in navigator)) {
        say(labels.unsupported || "");
        return;
      }
      say(labels.locating || "");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          // Browsers give WGS84, which is what the form sends (crs=wgs84).
          place(position.coords.latitude, position.coords.longitude);
          map.setView([position.coords.latitude, position.coords.longitude], 17, { animate: false });
        },
        function () { say(labels.denied || ""); },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  // One submit per page: the idempotency key makes a second one harmless, this makes it rare.
  document.querySelectorAll("form[data-gz-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) {
        event.preventDefault();
        return;
      }
      form.dataset.sent = "true";
      var button = event.submitter;
      if (button && !button.name) {
        setTimeout(function () { button.disabled = true; }, 0);
      }
    });
  });

  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-gz-once]").forEach(function (form) {
      delete form.dataset.sent;
      form.querySelectorAll("button[disabled]").forEach(function (b) { b.disabled = false; });
    });
  });

  if (latInput.value && document.getElementById("id_description").value) {
    document.body.dispatchEvent(new CustomEvent("gz:placed"));
  }
})();
