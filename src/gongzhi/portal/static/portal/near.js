/* "Near me" on the reports list: asks the browser for the position (rounded to about 100 m
 * before it leaves the phone) and reloads the list around it. Hidden where unavailable. */
(function () {
  "use strict";
  var button = document.getElementById("near-me");
  var field = document.getElementById("near");
  var status = document.getElementById("near-status");
  var script = document.currentScript;
  if (!button || !field || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var lat = position.coords.latitude.toFixed(3);
        var lon = position.coords.longitude.toFixed(3);
        field.value = lat + "," + lon;
        field.form.submit();
      },
      function () { if (status) status.textContent = script.dataset.denied || ""; },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
    );
  });
})();
