/* The offline basemap: tiles of roads, buildings, water and green served by the platform
 * (/portal/basemap/{z}/{x}/{y}.json, written by `gongzhi basemap_import` or the demo) and drawn
 * on a canvas per tile. Beyond the stored zooms the last stored zoom is scaled up.
 * Usage: GongzhiBasemap.layer(baseUrl, {minZoom, maxZoom}).addTo(map). */
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  var LAND = "#f2efe9";
  var FILL = { water: "#aad3df", green: "#d8e8c8", building: "#d9d0c9" };
  var STROKE = { building: "#c2b5a9" };
  var LINE = {
    river: { color: "#aad3df", width: 3 },
    path: { color: "#ffffff", width: 1.2, dash: [3, 2] },
    minor: { color: "#ffffff", width: 3, casing: "#d2cbc2" },
    major: { color: "#fcd6a4", width: 5, casing: "#d9a86b" }
  };

  function ringPath(ctx, ring, scale) {
    ctx.moveTo(ring[0] * scale, ring[1] * scale);
    for (var i = 2; i < ring.length; i += 2) ctx.lineTo(ring[i] * scale, ring[i + 1] * scale);
    ctx.closePath();
  }

  function linePath(ctx, line, scale) {
    ctx.beginPath();
    ctx.moveTo(line[0] * scale, line[1] * scale);
    for (var i = 2; i < line.length; i += 2) ctx.lineTo(line[i] * scale, line[i + 1] * scale);
  }

  function draw(ctx, doc, size, zoomScale) {
    var scale = size / 256;
    var widthScale = Math.max(0.6, Math.min(2, zoomScale)) * scale;
    (doc.a || []).forEach(function (item) {
      var kind = item[0];
      ctx.beginPath();
      item[1].forEach(function (ring) { ringPath(ctx, ring, scale); });
      ctx.fillStyle = FILL[kind] || "#ddd";
      ctx.fill("evenodd");
      if (STROKE[kind]) { ctx.strokeStyle = STROKE[kind]; ctx.lineWidth = scale; ctx.stroke(); }
    });
    var lines = doc.l || [];
    ["casing", "color"].forEach(function (pass) {
      lines.forEach(function (item) {
        var style = LINE[item[0]];
        if (!style || (pass === "casing" && !style.casing)) return;
        linePath(ctx, item[1], scale);
        ctx.lineCap = "round";
        ctx.lineJoin = "round";
        ctx.setLineDash(pass === "color" && style.dash ? style.dash : []);
        ctx.strokeStyle = pass === "casing" ? style.casing : style.color;
        ctx.lineWidth = (style.width + (pass === "casing" ? 1.5 : 0)) * widthScale;
        ctx.stroke();
      });
    });
    ctx.setLineDash([]);
  }

  var Basemap = L.GridLayer.extend({
    initialize: function (baseUrl, options) {
      this._baseUrl = baseUrl;
      L.GridLayer.prototype.initialize.call(this, options);
    },
    createTile: function (coords, done) {
      var tile = document.createElement("canvas");
      var size = this.getTileSize();
      var ratio = window.devicePixelRatio || 1;
      tile.width = size.x * ratio;
      tile.height = size.y * ratio;
      var ctx = tile.getContext("2d");
      ctx.fillStyle = LAND;
      ctx.fillRect(0, 0, tile.width, tile.height);
      var native = this.options.maxNativeZoom;
      var zoomScale = native && this._map ? Math.pow(2, this._map.getZoom() - native) : 1;
      var url = this._baseUrl + "/" + coords.z + "/" + coords.x + "/" + coords.y + ".json";
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.status === 200 ? response.json() : null; })
        .then(function (doc) {
          if (doc) { draw(ctx, doc, tile.width, zoomScale); tile.dataset.drawn = "1"; }
          done(null, tile);
        })
        .catch(function () { done(null, tile); });
      return tile;
    }
  });

  window.GongzhiBasemap = {
    layer: function (baseUrl, extent) {
      extent = extent || {};
      return new Basemap(baseUrl, {
        minNativeZoom: extent.minZoom,
        maxNativeZoom: extent.maxZoom,
        maxZoom: 19,
        className: "gz-basemap",
        attribution: extent.attribution || ""
      });
    }
  };
})();
