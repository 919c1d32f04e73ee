/* geokarabakh map runtime: builds incident markers, the heat layer, popups, tooltips, the
 * time control, the offline outline base and the reference layers from embedded JSON.
 *
 * Every piece of text from a report or a data file reaches the page through textContent,
 * a DOM attribute or a tooltip given a DOM node: never through innerHTML or a template string.
 */
(function (global) {
  "use strict";

  var DAY_MS = 86400000;
  // printed (PNG / PDF): no animation may move the view or fade tiles after the page is framed
  if (global.gkPrint) L.Map.mergeOptions({zoomAnimation: false, fadeAnimation: false});
  var GEO_PRECISION = {
    1: "the place itself",
    2: "near the place or part of a district: drawn faint with a dashed edge",
    3: "only the district or region is known: drawn hollow at its centre"
  };

  /* Marker style by ACLED geo_precision: 1 (or not stated) solid, 2 faint and dashed, 3 hollow. */
  function precisionStyle(precision, color) {
    if (precision === 3) return {color: color, weight: 2.5, dashArray: "4 3", fillOpacity: 0, opacity: 1};
    if (precision === 2) return {color: "#1b1b1b", weight: 1.5, dashArray: "3 2", fillOpacity: 0.4, opacity: 0.9};
    return {color: "#1b1b1b", weight: 1, opacity: 0.9, fillOpacity: 0.85};
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* The incidents embedded in element ``id``: gzipped JSON in base64, unpacked by the browser. */
  function unpack(id) {
    var text = document.getElementById(id).textContent.trim();
    return fetch("data:application/octet-stream;base64," + text).then(function (response) {
      return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json();
    });
  }

  function count(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  function isoDay(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function formatDate(day, precision) {
    if (day === null) return "date unknown";
    var text = isoDay(day);
    if (precision === "year") return text.slice(0, 4);
    if (precision === "month") return text.slice(0, 7);
    return text;
  }

  /* An http(s) URL as a normalised string, or null for anything else (javascript:, data:...). */
  function httpUrl(text) {
    if (typeof text !== "string" || !/^https?:\/\//i.test(text.trim())) return null;
    try {
      var url = new URL(text.trim());
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  /* Value ``i`` of a factorised column {v: values, c: codes} (no codes: one value a row);
   * null when missing. */
  function value(column, i) {
    if (!column) return null;
    var code = column.c ? column.c[i] : i;
    return code === null || code === undefined || code < 0 ? null : column.v[code];
  }

  function mercator(lat, lon) {
    var s = Math.sin(Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI / 180);
    return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
  }

  /* A button that folds ``box`` down to its first child (closed at first on a phone-sized screen). */
  function foldable(box, label) {
    var button = el("button", "gk-fold", "–");
    button.type = "button";
    button.title = "Hide or show the " + label;
    button.setAttribute("aria-label", button.title);
    function set(folded) {
      box.classList.toggle("gk-folded", folded);
      button.textContent = folded ? "+" : "–";
      button.setAttribute("aria-expanded", String(!folded));
    }
    button.addEventListener("click", function () { set(!box.classList.contains("gk-folded")); });
    set(!global.gkPrint && global.matchMedia("(max-width: 600px)").matches);
    return button;
  }

  function stopMapEvents(node) {
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
  }

  // -- incidents ------------------------------------------------------------------------

  /* The incidents' layers, empty until ``load`` gives them the unpacked data. */
  function Incidents(map) {
    this.map = map;
    this.n = 0;
    this.indices = null;
    var self = this;
    // Clustering stops at zoom 15: each zoom level clustered costs time for every marker.
    // Incidents sharing one spot still spiderfy from their cluster, and share one popup.
    this.cluster = L.markerClusterGroup({
      chunkedLoading: true, chunkInterval: 250, chunkDelay: 5, showCoverageOnHover: false,
      spiderfyOnMaxZoom: true, maxClusterRadius: 60, disableClusteringAtZoom: 15,
      chunkProgress: function (processed, total) {
        if (processed >= total && self._loading) {
          self._loading = false;
          self._loaded();
        }
      }
    });
    this.cluster.on("click", function (event) { self.openPopup(event.layer); });
    this.cluster.on("mouseover", function (event) { self.showTooltip(event.layer); });
    // Markers go in only while the group is on the map: MarkerCluster's off-map addLayers
    // checks each new marker against all pending ones (quadratic).
    this.cluster.on("add", this._sync, this);
    this.heat = new HeatLayer(this);
  }

  /* Build the markers from the columns of ``data``; ``show`` puts them on the map. */
  Incidents.prototype.load = function (data) {
    this.data = data;
    this.n = data.lat.length;
    this.day = data.day;
    var renderer = L.canvas({padding: 0.5});
    var markers = new Array(this.n);
    for (var i = 0; i < this.n; i++) {
      var color = data.colors[data.type.c[i]];
      var marker = L.circleMarker([data.lat[i], data.lon[i]], L.extend({
        renderer: renderer, radius: data.radius[i], fillColor: color
      }, precisionStyle(Number(value(data.geo_precision, i)), color)));
      marker._gkIndex = i;
      markers[i] = marker;
    }
    this.markers = markers;
    this.heat.load();
  };

  Incidents.prototype.show = function () {
    this._pending = this.markers;
    if (this.map.hasLayer(this.cluster)) this._sync();
    else this._loaded();  // the cluster layer starts hidden: nothing is left to load
    this.heat.redraw();
  };

  Incidents.prototype._sync = function () {
    if (!this._pending || !this.map.hasLayer(this.cluster)) return;
    var markers = this._pending;
    this._pending = null;
    this._loading = true;
    this.cluster.clearLayers();
    this.cluster.addLayers(markers, true);  // true: no "layeradd" event per marker (none listens)
  };

  Incidents.prototype._loaded = function () {
    if (global.gkReady) return;
    global.gkReady = true;
    global.gkReadyAt = performance.now();
    document.documentElement.setAttribute("data-gk-ready", "1");
  };

  Incidents.prototype.popupContent = function (i) {
    var d = this.data;
    var box = el("div", "gk-popup");
    var precision = value(d.date_precision, i) || "day";
    var type = value(d.type, i);
    var head = el("div", "gk-popup-head");
    var swatch = el("span", "gk-swatch");
    swatch.style.background = d.colors[d.type.c[i]];
    head.appendChild(swatch);
    head.appendChild(el("span", null, (type || "incident") + " · " + formatDate(d.day[i], precision)));
    box.appendChild(head);
    var list = el("dl");
    function row(label, content, className) {
      if (content === null || content === undefined || content === "") return;
      list.appendChild(el("dt", null, label));
      var cell = el("dd", className);
      if (content instanceof Node) cell.appendChild(content); else cell.textContent = String(content);
      list.appendChild(cell);
    }
    row("Date", formatDate(d.day[i], precision) +
      (d.day[i] !== null && precision !== "day" ? " (known to the " + precision + ")" : ""));
    row("Type", type);
    row("Place as reported", value(d.place, i));
    row("Resolved to", value(d.resolved, i));
    row("Its names", value(d.names, i), "gk-names");
    var gp = value(d.geo_precision, i);
    row("Location", gp === null ? null : (GEO_PRECISION[gp] || "precision " + gp));
    row("Location warning", value(d.geo_warning, i));
    row("Killed", d.killed[i] === null ? "unknown" : d.killed[i]);
    row("Injured", d.injured[i] === null ? "unknown" : d.injured[i]);
    row("Notes", value(d.notes, i));
    var source = value(d.source, i);
    var url = httpUrl(source);
    if (url) {
      var link = el("a", null, source);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      row("Source", link);
    } else {
      row("Source", source);
    }
    row("ID", value(d.id, i));
    box.appendChild(list);
    return box;
  };

  Incidents.prototype.tooltipContent = function (i) {
    var d = this.data;
    var casualties = [];
    if (d.killed[i]) casualties.push(d.killed[i] + " killed");
    if (d.injured[i]) casualties.push(d.injured[i] + " injured");
    var text = formatDate(d.day[i], value(d.date_precision, i) || "day") + " · " +
      (value(d.type, i) || "incident") + " · " + (value(d.place, i) || value(d.resolved, i) || "") +
      (casualties.length ? " · " + casualties.join(", ") : "");
    return el("div", "gk-tooltip", text);
  };

  /* Shown incidents at exactly the spot of incident ``i`` (``i`` first). */
  Incidents.prototype.sameSpot = function (i) {
    var d = this.data, found = [i];
    var shown = this.indices, count = shown ? shown.length : this.n;
    for (var k = 0; k < count; k++) {
      var j = shown ? shown[k] : k;
      if (j !== i && d.lat[j] === d.lat[i] && d.lon[j] === d.lon[i]) found.push(j);
    }
    return found;
  };

  Incidents.prototype.openPopup = function (marker) {
    var spot = this.sameSpot(marker._gkIndex), content;
    if (spot.length === 1) {
      content = this.popupContent(spot[0]);
    } else {
      content = el("div", "gk-popup-many");
      content.appendChild(el("div", "gk-popup-count", spot.length + " incidents at this spot"));
      for (var k = 0; k < Math.min(spot.length, 25); k++) content.appendChild(this.popupContent(spot[k]));
      if (spot.length > 25) content.appendChild(el("div", "gk-muted", "… and " + (spot.length - 25) + " more"));
    }
    marker.unbindPopup();
    var size = this.map.getSize();  // popups fit a phone-sized map too
    marker.bindPopup(content, {maxWidth: Math.min(380, size.x - 50), minWidth: Math.min(300, size.x - 70),
                               maxHeight: Math.min(420, size.y - 120), autoPanPadding: [20, 70]});
    marker.openPopup();
  };

  Incidents.prototype.showTooltip = function (marker) {
    if (!marker.getTooltip()) {
      marker.bindTooltip(this.tooltipContent(marker._gkIndex), {direction: "top", offset: [0, -4]});
    }
    marker.openTooltip();
  };

  /* Show only the incidents whose day lies in [from, to] (and those of unknown date, which may
     belong to any day); tell the other layers. */
  Incidents.prototype.setRange = function (from, to) {
    var chosen = [], keep = [];
    for (var i = 0; i < this.n; i++) {
      if (this.day[i] === null || (this.day[i] >= from && this.day[i] <= to)) {
        chosen.push(this.markers[i]);
        keep.push(i);
      }
    }
    this.indices = keep.length === this.n ? null : keep;
    this._pending = chosen;
    this._sync();
    this.heat.redraw();
    this.map.fire("gk:range", {from: from, to: to, shown: keep.length});
    return keep.length;
  };

  /* Find the marker of incident ``id`` (used by tests and links). */
  Incidents.prototype.markerOf = function (id) {
    var ids = this.data.id;
    for (var i = 0; i < this.n; i++) if (value(ids, i) === id) return this.markers[i];
    return null;
  };

  // -- heat layer (canvas: blurred stamps per pixel cell, coloured by a palette) ----------

  var HeatLayer = L.Layer.extend({
    options: {radius: 18, pane: "overlayPane"},

    initialize: function (incidents) {
      this._incidents = incidents;
    },

    load: function () {
      var n = this._incidents.n, data = this._incidents.data;
      this._x = new Float64Array(n);
      this._y = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        var m = mercator(data.lat[i], data.lon[i]);
        this._x[i] = m[0];
        this._y[i] = m[1];
      }
    },

    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "gk-heat leaflet-zoom-hide");
      this.getPane().appendChild(this._canvas);
      map.on("moveend resize", this.redraw, this);
      this.redraw();
    },

    onRemove: function (map) {
      map.off("moveend resize", this.redraw, this);
      L.DomUtil.remove(this._canvas);
      this._canvas = null;
    },

    _stamp: function () {
      if (this._stampCanvas) return this._stampCanvas;
      var r = this.options.radius, blur = r * 0.6, size = 2 * (r + blur);
      var canvas = document.createElement("canvas");
      canvas.width = canvas.height = size;
      var ctx = canvas.getContext("2d");
      ctx.shadowOffsetX = ctx.shadowOffsetY = size * 2;
      ctx.shadowBlur = blur;
      ctx.shadowColor = "black";
      ctx.beginPath();
      ctx.arc(r + blur - size * 2, r + blur - size * 2, r, 0, 2 * Math.PI);
      ctx.fill();
      this._stampCanvas = canvas;
      return canvas;
    },

    _palette: function () {
      if (this._colors) return this._colors;
      var canvas = document.createElement("canvas");
      canvas.width = 256;
      canvas.height = 1;
      var ctx = canvas.getContext("2d");
      var gradient = ctx.createLinearGradient(0, 0, 256, 0);
      var stops = {0.25: "#2c7bb6", 0.45: "#00a6ca", 0.6: "#90eb9d", 0.75: "#f9d057", 0.9: "#f29e2e", 1: "#d7191c"};
      for (var stop in stops) gradient.addColorStop(+stop, stops[stop]);
      ctx.fillStyle = gradient;
      ctx.fillRect(0, 0, 256, 1);
      this._colors = ctx.getImageData(0, 0, 256, 1).data;
      return this._colors;
    },

    redraw: function () {
      if (!this._map || !this._canvas || !this._x) return;
      var map = this._map, size = map.getSize(), canvas = this._canvas;
      canvas.width = size.x;
      canvas.height = size.y;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      var ctx = canvas.getContext("2d");
      ctx.clearRect(0, 0, size.x, size.y);
      var scale = 256 * Math.pow(2, map.getZoom());
      var origin = map.getPixelBounds().min;
      var r = this.options.radius, cell = Math.max(2, Math.round(r / 3));
      var columns = Math.ceil((size.x + 2 * r) / cell), rows = Math.ceil((size.y + 2 * r) / cell);
      var grid = new Float32Array(columns * rows);
      var indices = this._incidents.indices, count = indices ? indices.length : this._incidents.n;
      var peak = 0;
      for (var k = 0; k < count; k++) {
        var i = indices ? indices[k] : k;
        var px = this._x[i] * scale - origin.x + r, py = this._y[i] * scale - origin.y + r;
        if (px < 0 || py < 0 || px >= size.x + 2 * r || py >= size.y + 2 * r) continue;
        var at = Math.floor(py / cell) * columns + Math.floor(px / cell);
        grid[at] += 1;
        if (grid[at] > peak) peak = grid[at];
      }
      if (!peak) return;
      var stamp = this._stamp(), half = stamp.width / 2;
      for (var g = 0; g < grid.length; g++) {
        if (!grid[g]) continue;
        ctx.globalAlpha = Math.min(1, 0.25 + 0.75 * Math.sqrt(grid[g] / peak));
        ctx.drawImage(stamp, (g % columns) * cell + cell / 2 - r - half, Math.floor(g / columns) * cell + cell / 2 - r - half);
      }
      var image = ctx.getImageData(0, 0, size.x, size.y), pixels = image.data, colors = this._palette();
      for (var p = 3; p < pixels.length; p += 4) {
        var alpha = pixels[p];
        if (!alpha) continue;
        pixels[p - 3] = colors[alpha * 4];
        pixels[p - 2] = colors[alpha * 4 + 1];
        pixels[p - 1] = colors[alpha * 4 + 2];
        pixels[p] = Math.min(255, alpha * 1.4);
      }
      ctx.putImageData(image, 0, 0);
    }
  });

  // -- controls -------------------------------------------------------------------------

  /* Months as integers (year * 12 + month) and back to days since 1970-01-01. */
  function monthOf(day) {
    var date = new Date(day * DAY_MS);
    return date.getUTCFullYear() * 12 + date.getUTCMonth();
  }

  function monthStart(month) {
    return Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY_MS;
  }

  /* Two sliders over the incidents' days under a histogram of incidents per month, and a play
   * button that steps through the months; moving them filters markers, heat and layers. */
  var TimeControl = L.Control.extend({
    options: {position: "bottomleft"},

    initialize: function (incidents, first, last) {
      this._incidents = incidents;
      this._first = first;
      this._last = last;
    },

    onAdd: function () {
      var box = el("div", "gk-time leaflet-bar");
      stopMapEvents(box);
      var self = this, timer = null;
      var head = el("div", "gk-time-head");
      head.appendChild(el("div", "gk-time-title", "Time filter"));
      this._play = el("button", "gk-play", "▶");
      this._play.type = "button";
      this._play.title = "Play: step through the months";
      this._play.disabled = this._first === this._last;
      this._play.addEventListener("click", function () { self.togglePlay(); });
      head.appendChild(this._play);
      head.appendChild(foldable(box, "time filter"));
      box.appendChild(head);
      box.appendChild(this._histogram());
      function slider(start) {
        var input = el("input");
        input.type = "range";
        input.min = self._first;
        input.max = self._last;
        input.step = 1;
        input.value = start;
        input.disabled = self._first === self._last;
        input.addEventListener("input", function () {
          self.stop();
          self._label();
          clearTimeout(timer);
          timer = setTimeout(function () { self.apply(); }, 200);
        });
        box.appendChild(input);
        return input;
      }
      this._from = slider(this._first);
      this._to = slider(this._last);
      this._from.setAttribute("aria-label", "from date");
      this._to.setAttribute("aria-label", "to date");
      this._text = el("div", "gk-time-range");
      this._count = el("div", "gk-time-count");
      box.appendChild(this._text);
      box.appendChild(this._count);
      this._label();
      this._count.textContent = count(this._incidents.n) + " of " + count(this._incidents.n) + " incidents";
      return box;
    },

    /* Bars of incidents per month from the first day to the last; a click shows that month. */
    _histogram: function () {
      var first = monthOf(this._first), months = monthOf(this._last) - first + 1;
      var counts = new Array(months).fill(0), day = this._incidents.day, self = this;
      for (var i = 0; i < day.length; i++) {
        if (day[i] === null) continue;
        var m = monthOf(day[i]) - first;
        if (m >= 0 && m < months) counts[m]++;
      }
      var peak = Math.max.apply(null, counts.concat([1]));
      var chart = el("div", "gk-histogram");
      chart.setAttribute("aria-label", "incidents per month");
      this._bars = counts.map(function (n, k) {
        var bar = el("div", "gk-bar");
        bar.style.height = (n ? Math.max(8, 100 * n / peak) : 0) + "%";
        bar.title = isoDay(monthStart(first + k)).slice(0, 7) + ": " + count(n) + " incident" + (n === 1 ? "" : "s");
        bar.addEventListener("click", function () { self.stop(); self.showMonth(first + k); });
        chart.appendChild(bar);
        return bar;
      });
      this._firstMonth = first;
      return chart;
    },

    /* Show one month (an integer from monthOf), clipped to the time filter's span. */
    showMonth: function (month) {
      this.setRange(Math.max(this._first, monthStart(month)), Math.min(this._last, monthStart(month + 1) - 1));
    },

    togglePlay: function () {
      if (this._timer) { this.stop(); return; }
      var self = this, last = monthOf(this._last), range = this._bounds();
      // from the month after the one shown, or from the start when all is shown or the end reached
      var whole = range[0] === this._first && range[1] === this._last;
      var month = whole || monthOf(range[0]) >= last ? monthOf(this._first) : monthOf(range[0]) + 1;
      this._play.textContent = "❚❚";
      this._play.title = "Pause";
      function step() {
        self.showMonth(month);
        month += 1;
        if (month > last) self.stop();
      }
      this._timer = setInterval(step, 900);
      step();
    },

    stop: function () {
      clearInterval(this._timer);
      this._timer = null;
      this._play.textContent = "▶";
      this._play.title = "Play: step through the months";
    },

    _bounds: function () {
      var a = +this._from.value, b = +this._to.value;
      return a <= b ? [a, b] : [b, a];
    },

    _label: function () {
      var range = this._bounds();
      this._text.textContent = isoDay(range[0]) + " – " + isoDay(range[1]);
    },

    /* Set the sliders (days since 1970-01-01) and filter. */
    setRange: function (from, to) {
      this._from.value = from;
      this._to.value = to;
      this.apply();
    },

    apply: function () {
      this._label();
      var range = this._bounds();
      var shown = this._incidents.setRange(range[0], range[1]);
      this._count.textContent = count(shown) + " of " + count(this._incidents.n) + " incidents";
      var from = monthOf(range[0]) - this._firstMonth, to = monthOf(range[1]) - this._firstMonth;
      this._bars.forEach(function (bar, k) { bar.classList.toggle("gk-bar-out", k < from || k > to); });
    }
  });

  var Fullscreen = L.Control.extend({
    options: {position: "topleft"},

    onAdd: function (map) {
      var bar = el("div", "leaflet-bar gk-fullscreen");
      var button = el("a");
      var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", "0 0 16 16");
      svg.setAttribute("width", "16");
      svg.setAttribute("height", "16");
      var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("d", "M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5");
      path.setAttribute("fill", "none");
      path.setAttribute("stroke", "#333");
      path.setAttribute("stroke-width", "2");
      svg.appendChild(path);
      button.appendChild(svg);
      button.href = "#";
      button.title = "Full screen";
      button.setAttribute("role", "button");
      bar.appendChild(button);
      L.DomEvent.on(button, "click", function (event) {
        L.DomEvent.preventDefault(event);
        L.DomEvent.stopPropagation(event);
        var container = map.getContainer();
        if (document.fullscreenElement) document.exitFullscreen();
        else if (container.requestFullscreen) container.requestFullscreen();
      });
      document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
      return bar;
    }
  });

  /* Wrap a pre-rendered element (legend, title) as a Leaflet control. */
  var Panel = L.Control.extend({
    initialize: function (node, options) {
      this._node = node;
      L.setOptions(this, options);
    },
    onAdd: function () {
      var node = this._node;
      node.style.display = "";
      stopMapEvents(node);
      if (this.options.fold) {
        var head = el("div", "gk-legend-head");
        head.appendChild(el("h2", null, this.options.fold));
        head.appendChild(foldable(node, this.options.fold.toLowerCase()));
        node.insertBefore(head, node.firstChild);
      }
      return node;
    }
  });

  // -- reference layers and the offline base ---------------------------------------------

  function overlaps(meta, range) {
    return (meta.from === null || meta.from <= range.to) && (meta.to === null || meta.to > range.from);
  }

  /* A dated reference layer: GeoJSON with per-feature styles; faded outside the time filter.
   * ``meta.interactive === false``: no tooltips, and clicks pass to the incidents beneath. */
  function reference(map, collection, meta) {
    var interactive = meta.interactive !== false;
    var layer = L.geoJSON(collection, {
      interactive: interactive,
      style: function (feature) { return feature.properties.style; },
      pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, feature.properties.style); },
      onEachFeature: function (feature, item) {
        if (!interactive) return;
        var p = feature.properties, box = el("div", "gk-tooltip");
        box.appendChild(el("b", null, p.name));
        box.appendChild(el("div", null, p.dates));
        box.appendChild(el("div", "gk-muted", p.accuracy));
        box.appendChild(el("div", "gk-muted", "Source: " + p.source));
        item.bindTooltip(box, {sticky: true, className: "gk-wide"});
      }
    });
    var labels = L.layerGroup();
    (meta.labels || []).forEach(function (label) {
      L.tooltip({permanent: true, direction: "center", className: "gk-line-label", interactive: false})
        .setLatLng([label[0], label[1]]).setContent(el("span", null, label[2])).addTo(labels);
    });
    var group = L.featureGroup([layer, labels]);
    map.on("gk:range", function (event) {
      var live = overlaps(meta, event);
      layer.setStyle(function (feature) {
        var style = L.extend({opacity: 1, fillOpacity: 0.2}, feature.properties.style);  // Leaflet's defaults
        // each feature by its own dates too (the control area has one per period)
        if (!live || !overlaps(feature.properties, event)) { style.opacity = 0.15; style.fillOpacity = 0.03; }
        return style;
      });
      labels.eachLayer(function (label) {
        var node = label.getElement && label.getElement();
        if (node) node.style.opacity = live ? "" : "0.3";
      });
    });
    return group;
  }

  /* Online tiles over the vector base: a tile that fails to load is hidden, so the base shows
   * through it. While tiles of a ``labelled`` layer (one with its own place names) load, the
   * base's labels are hidden. */
  function tiles(url, options, labelled) {
    var layer = L.tileLayer(url, options), live = "gk-tiles-live";
    layer.on("tileerror", function (event) { event.tile.style.visibility = "hidden"; });
    layer.on("tileload", function () {
      if (labelled && layer._map) layer._map.getContainer().classList.add(live);
    });
    layer.on("remove", function () { layer._map.getContainer().classList.remove(live); });
    return layer;
  }

  /* The offline base: countries, district names and settlements labelled by size and zoom. */
  function outline(map, data) {
    var group = L.layerGroup();
    var pane = map.getPane("gkOutline") || map.createPane("gkOutline");
    pane.style.zIndex = 150;
    var labelPane = map.getPane("gkOutlineLabels") || map.createPane("gkOutlineLabels");
    labelPane.style.zIndex = 380;
    labelPane.style.pointerEvents = "none";
    L.geoJSON(data.countries, {
      pane: "gkOutline", interactive: false,
      style: {color: "#7d7a70", weight: 1.2, fillColor: "#fbfaf5", fillOpacity: 1}
    }).addTo(group);
    data.countryLabels.forEach(function (c) {
      label(c[0], c[1], c[2], "gk-country-label").addTo(group);
    });
    var byZoom = {};
    function label(lat, lon, text, className) {
      return L.marker([lat, lon], {
        pane: "gkOutlineLabels", interactive: false, keyboard: false,
        icon: L.divIcon({className: className, html: el("div", null, text), iconSize: null})
      });
    }
    function add(zoom, layer) {
      (byZoom[zoom] = byZoom[zoom] || L.layerGroup()).addLayer(layer);
    }
    data.districts.forEach(function (d) { add(8, label(d[0], d[1], d[2], "gk-district-label")); });
    data.places.forEach(function (p) {
      var zoom = p[3] >= 100000 ? 7 : p[3] >= 20000 ? 8 : p[3] >= 5000 ? 9 : p[3] >= 1500 ? 10 : 11;
      add(zoom, L.circleMarker([p[0], p[1]], {pane: "gkOutlineLabels", radius: 2.5, color: "#555",
                                              weight: 1, fillColor: "#fff", fillOpacity: 1, interactive: false}));
      add(zoom, label(p[0], p[1], p[2], "gk-place-label"));
    });
    function update() {
      var now = map.getZoom();
      for (var z in byZoom) {
        if (+z <= now && group.hasLayer(byZoom[z]) === false) group.addLayer(byZoom[z]);
        if (+z > now && group.hasLayer(byZoom[z])) group.removeLayer(byZoom[z]);
      }
    }
    group.on("add", function () {
      map.getContainer().classList.add("gk-outline-on");
      map.on("zoomend", update);
      update();
    });
    group.on("remove", function () {
      map.getContainer().classList.remove("gk-outline-on");
      map.off("zoomend", update);
    });
    return group;
  }

  /* Frame the incidents (at once: no animation to race a test or a print); printed, clear of
   * the title and the legend. */
  function frame(map, bounds, legend) {
    var options = {animate: false, maxZoom: 12};
    if (global.gkPrint) {
      var title = document.querySelector(".gk-title");
      options.paddingTopLeft = [30, (title ? title.offsetHeight : 0) + 30];
      options.paddingBottomRight = [(legend ? legend.offsetWidth : 0) + 30, 40];
    }
    map.fitBounds(bounds, options);
  }

  // -- wiring ---------------------------------------------------------------------------

  /* Build the incident layers and the map's controls; returns {cluster, heat, incidents, time}
   * (``time`` once the incidents are unpacked; ``window.gkReady`` is set when they are drawn). */
  function setup(map, dataId, options) {
    if (global.gkPrint) document.documentElement.classList.add("gk-print");
    var incidents = new Incidents(map);
    new Fullscreen().addTo(map);
    if (options.legend) {
      var legend = document.getElementById(options.legend);
      new Panel(legend, {position: "bottomright", fold: "Legend"}).addTo(map);
      // printed, the whole legend shows: in two columns when one is taller than the map
      if (global.gkPrint && legend.offsetHeight > map.getSize().y - 40) legend.classList.add("gk-two-columns");
    }
    frame(map, options.bounds, options.legend && document.getElementById(options.legend));
    (options.attribution || []).forEach(function (text) { map.attributionControl.addAttribution(text); });
    var api = {map: map, incidents: incidents, cluster: incidents.cluster, heat: incidents.heat, time: null,
               tilesLoading: function () {  // true while a tile layer on the map still waits for tiles
                 var busy = false;
                 map.eachLayer(function (layer) { if (layer instanceof L.GridLayer && layer.isLoading()) busy = true; });
                 return busy;
               }};
    global.gkMaps = global.gkMaps || [];
    global.gkMaps.push(api);
    unpack(dataId).then(function (data) {
      global.gkUnpackedAt = performance.now();
      incidents.load(data);
      api.time = new TimeControl(incidents, options.range[0], options.range[1]).addTo(map);
      incidents.show();
    }).catch(function (error) {
      map.getContainer().appendChild(el("div", "gk-failed", "The incidents could not be unpacked: " + error));
      throw error;
    });
    return api;
  }

  global.GK = {setup: setup, reference: reference, outline: outline, tiles: tiles,
               httpUrl: httpUrl, isoDay: isoDay};
})(window);
