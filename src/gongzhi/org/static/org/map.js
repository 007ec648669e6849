/* Boundary maps of the org tree, drawn with Leaflet on a plain background.
 *
 * A map element carries data-gz-map="<id of a json_script config>". The config holds:
 *   tileUrl, tileAttribution  – an optional tile layer (none by default: no external requests);
 *   node                      – a GeoJSON Feature drawn as the outline of the page's node;
 *   features                  – a FeatureCollection drawn at once;
 *   childrenUrl, depth        – GeoJSON fetched and drawn below the outline;
 *   childrenUrlTemplate       – for the browser: "__code__" is replaced by a node's code;
 *   labels.empty              – the text shown when nothing has a boundary.
 * Names reach the DOM only as text, never as HTML.
 */
(function () {
  "use strict";

  var STYLES = {
    0: { color: "#5d1010", weight: 3, fill: false, dashArray: "6 4", interactive: false },
    1: { color: "#b71c1c", weight: 2, fillColor: "#b71c1c", fillOpacity: 0.07 },
    2: { color: "#d84315", weight: 1, opacity: 0.8, fillColor: "#ff8a65", fillOpacity: 0.05 }
  };
  // Above this many children the labels show on hover only, so that they do not pile up.
  var PERMANENT_LABELS_MAX = 40;

  function safeUrl(url) {
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" ? url : null;
  }

  function labelElement(props, asLink) {
    var url = safeUrl(props.url);
    var el = document.createElement(asLink && url ? "a" : "span");
    el.textContent = props.name || props.code || "";
    if (asLink && url) {
      el.href = url;
      // The label's own link navigates; the shape under it must not see the click as well.
      L.DomEvent.disableClickPropagation(el);
    }
    return el;
  }

  function styleFor(feature) {
    var depth = Math.min(feature.properties.relative_depth || 1, 2);
    var style = Object.assign({}, STYLES[depth]);
    style.className = "gz-node gz-depth-" + depth + " gz-level-" + String(feature.properties.level || "").replace(/[^a-z_]/g, "");
    return style;
  }

  function GZMap(element, config) {
    this.element = element;
    this.config = config;
    this.map = L.map(element, { zoomSnap: 0.25, minZoom: 3 });
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 19 }).addTo(this.map);
    } else {
      element.classList.add("plain");
    }
    this.outline = null;
    this.layer = L.featureGroup().addTo(this.map);
    this.map.setView([32, 121], 4);
    if (config.node && config.node.geometry) {
      this.outline = L.geoJSON(config.node, {
        style: function () {
          var style = Object.assign({}, STYLES[0]);
          style.className = "gz-outline";
          return style;
        }
      }).addTo(this.map);
    }
    if (config.features) this.draw(config.features);
    if (config.childrenUrl) this.load(config.childrenUrl + "?depth=" + (config.depth || 1));
    else this.fit();
  }

  GZMap.prototype.draw = function (collection) {
    var features = (collection && collection.features) || [];
    var direct = features.filter(function (f) { return (f.properties.relative_depth || 1) === 1; });
    var permanent = direct.length <= PERMANENT_LABELS_MAX;
    // Children first, grandchildren on top so that the smaller shapes stay clickable.
    features = direct.concat(features.filter(function (f) { return (f.properties.relative_depth || 1) > 1; }));
    this.layer.clearLayers();
    var group = this.layer;
    L.geoJSON({ type: "FeatureCollection", features: features }, {
      style: styleFor,
      onEachFeature: function (feature, layer) {
        var props = feature.properties;
        var isDirect = (props.relative_depth || 1) === 1;
        layer.bindTooltip(labelElement(props, isDirect && permanent), {
          permanent: isDirect && permanent,
          interactive: isDirect && permanent,
          direction: "center",
          className: "map-label",
          sticky: !(isDirect && permanent)
        });
        var url = safeUrl(props.url);
        if (url) layer.on("click", function () { window.location.assign(url); });
      }
    }).eachLayer(function (layer) { group.addLayer(layer); });
    this.fit();
    this.element.dataset.drawn = String(features.length);
  };

  GZMap.prototype.fit = function () {
    var bounds = this.outline ? this.outline.getBounds() : null;
    var own = this.layer.getLayers().length ? this.layer.getBounds() : null;
    if (own && own.isValid()) bounds = bounds && bounds.isValid() ? bounds.extend(own) : own;
    if (bounds && bounds.isValid()) {
      this.map.fitBounds(bounds, { padding: [12, 12], animate: false });
      this.showEmpty(false);
    } else {
      this.showEmpty(true);
    }
  };

  GZMap.prototype.showEmpty = function (empty) {
    var note = this.element.querySelector(".gz-map-empty");
    if (!empty) { if (note) note.remove(); return; }
    if (note) return;
    note = document.createElement("p");
    note.className = "gz-map-empty";
    note.textContent = (this.config.labels && this.config.labels.empty) || "";
    this.element.appendChild(note);
  };

  GZMap.prototype.load = function (url) {
    var self = this;
    self.element.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (collection) { self.draw(collection); })
      .catch(function () { self.fit(); })
      .finally(function () { self.element.removeAttribute("aria-busy"); });
  };

  GZMap.prototype.showChildrenOf = function (code) {
    if (!this.config.childrenUrlTemplate) return null;
    return this.load(this.config.childrenUrlTemplate.replace("__code__", encodeURIComponent(code)) + "?depth=1");
  };

  function init() {
    document.querySelectorAll("[data-gz-map]").forEach(function (element) {
      if (element.gzMap) return;
      var source = document.getElementById(element.dataset.gzMap);
      element.gzMap = new GZMap(element, source ? JSON.parse(source.textContent) : {});
    });
  }

  window.GZMap = GZMap;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
