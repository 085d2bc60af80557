/* Small SVG charts for SLO-Scout: time-series lines and a layered call graph. No dependencies. */
(function (global) {
  'use strict';

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function niceMax(v) {
    if (!(v > 0)) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= v) return steps[i] * p;
    return 10 * p;
  }

  function fmtTime(ms, spanMs) {
    var d = new Date(ms);
    var hh = String(d.getUTCHours()).padStart(2, '0'), mm = String(d.getUTCMinutes()).padStart(2, '0');
    if (spanMs > 2 * 86400000) return (d.getUTCMonth() + 1) + '/' + d.getUTCDate() + ' ' + hh + ':' + mm;
    return hh + ':' + mm;
  }

  /**
   * A line chart. opts: {title, series: [{name, color, points: [[epochMs, value], ...]}],
   * format: value -> text, min: lower bound (default 0), threshold: {value, label, color}}.
   */
  function lineChart(el, opts) {
    var W = 640, H = 220, L = 56, R = 12, T = 12, B = 28;
    var all = [];
    opts.series.forEach(function (s) { s.points.forEach(function (p) { all.push(p); }); });
    var fmt = opts.format || function (v) { return String(Math.round(v * 100) / 100); };
    var html = '<div class="title">' + esc(opts.title || '') + '</div>';
    if (all.length === 0) {
      el.innerHTML = html + '<p class="muted">No data in this range.</p>';
      return;
    }
    var x0 = Math.min.apply(null, all.map(function (p) { return p[0]; }));
    var x1 = Math.max.apply(null, all.map(function (p) { return p[0]; }));
    if (x1 === x0) x1 = x0 + 60000;
    var ymin = opts.min === undefined ? 0 : opts.min;
    var ymaxRaw = Math.max.apply(null, all.map(function (p) { return p[1]; }));
    if (opts.threshold) ymaxRaw = Math.max(ymaxRaw, opts.threshold.value);
    var ymax = niceMax(ymaxRaw - ymin) + ymin;
    function X(t) { return L + (t - x0) / (x1 - x0) * (W - L - R); }
    function Y(v) { return H - B - (v - ymin) / (ymax - ymin) * (H - T - B); }
    var svg = '<svg viewBox="0 0 ' + W + ' ' + H + '" role="img" aria-label="' + esc(opts.title || 'chart') + '">';
    for (var i = 0; i <= 4; i++) {
      var v = ymin + (ymax - ymin) * i / 4, y = Y(v);
      svg += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + y + '" y2="' + y + '" stroke="#e3e7ee"/>';
      svg += '<text x="' + (L - 6) + '" y="' + (y + 4) + '" font-size="10" text-anchor="end" fill="#667085">' + esc(fmt(v)) + '</text>';
    }
    for (var j = 0; j <= 4; j++) {
      var t = x0 + (x1 - x0) * j / 4;
      svg += '<text x="' + X(t) + '" y="' + (H - 8) + '" font-size="10" text-anchor="middle" fill="#667085">' + esc(fmtTime(t, x1 - x0)) + '</text>';
    }
    if (opts.threshold) {
      var ty = Y(opts.threshold.value);
      svg += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + ty + '" y2="' + ty + '" stroke="' + (opts.threshold.color || '#c8322e') + '" stroke-dasharray="4 3"/>';
      svg += '<text x="' + (W - R) + '" y="' + (ty - 4) + '" font-size="10" text-anchor="end" fill="' + (opts.threshold.color || '#c8322e') + '">' + esc(opts.threshold.label || '') + '</text>';
    }
    opts.series.forEach(function (s) {
      if (!s.points.length) return;
      var d = s.points.map(function (p, k) { return (k ? 'L' : 'M') + X(p[0]).toFixed(1) + ' ' + Y(p[1]).toFixed(1); }).join(' ');
      svg += '<path d="' + d + '" fill="none" stroke="' + s.color + '" stroke-width="1.6"/>';
      if (s.points.length === 1) {
        svg += '<circle cx="' + X(s.points[0][0]) + '" cy="' + Y(s.points[0][1]) + '" r="3" fill="' + s.color + '"/>';
      }
    });
    svg += '</svg>';
    var legend = '<div class="muted" style="font-size:12px">' + opts.series.map(function (s) {
      return '<span style="color:' + s.color + '">&#9632;</span> ' + esc(s.name);
    }).join(' &nbsp; ') + '</div>';
    el.innerHTML = html + svg + legend;
  }

  /**
   * A call graph: services in layers by call depth from the entry service, edges labelled with
   * call counts. opts: {entry, services: [...], edges: [{caller, callee, calls}]}.
   */
  function callGraph(el, opts) {
    var depth = {}, order = [];
    depth[opts.entry] = 0;
    var queue = [opts.entry];
    while (queue.length) {
      var s = queue.shift();
      order.push(s);
      opts.edges.forEach(function (e) {
        if (e.caller === s && depth[e.callee] === undefined) {
          depth[e.callee] = depth[s] + 1;
          queue.push(e.callee);
        }
      });
    }
    var maxDepth = 0;
    Object.keys(depth).forEach(function (k) { maxDepth = Math.max(maxDepth, depth[k]); });
    (opts.services || []).forEach(function (s) {
      if (depth[s] === undefined) { depth[s] = maxDepth + 1; order.push(s); }
    });
    var layers = {};
    order.forEach(function (s) { (layers[depth[s]] = layers[depth[s]] || []).push(s); });
    var nLayers = Object.keys(layers).length, widest = 1;
    Object.keys(layers).forEach(function (k) { widest = Math.max(widest, layers[k].length); });
    var bw = 150, bh = 34, gx = 70, gy = 22;
    var W = Math.max(360, nLayers * (bw + gx) + 20), H = Math.max(90, widest * (bh + gy) + 20);
    var pos = {};
    Object.keys(layers).forEach(function (k) {
      var col = layers[k], x = 10 + Number(k) * (bw + gx);
      var top = (H - col.length * (bh + gy) + gy) / 2;
      col.forEach(function (s, i) { pos[s] = { x: x, y: top + i * (bh + gy) }; });
    });
    var svg = '<svg viewBox="0 0 ' + W + ' ' + H + '" role="img" aria-label="call graph">';
    svg += '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#8a94a8"/></marker></defs>';
    opts.edges.forEach(function (e) {
      var a = pos[e.caller], b = pos[e.callee];
      if (!a || !b) return;
      var x1 = a.x + bw, y1 = a.y + bh / 2, x2 = b.x, y2 = b.y + bh / 2;
      if (b.x <= a.x) { x1 = a.x + bw / 2; y1 = a.y + bh; x2 = b.x + bw / 2; y2 = b.y; }
      svg += '<path class="edge" d="M' + x1 + ' ' + y1 + ' C ' + (x1 + 35) + ' ' + y1 + ', ' + (x2 - 35) + ' ' + y2 + ', ' + x2 + ' ' + y2 + '" fill="none" stroke="#8a94a8" stroke-width="1.4" marker-end="url(#arrow)"/>';
      svg += '<text x="' + ((x1 + x2) / 2) + '" y="' + ((y1 + y2) / 2 - 4) + '" font-size="10" text-anchor="middle" fill="#667085">' + esc(e.calls) + '</text>';
    });
    Object.keys(pos).forEach(function (s) {
      var p = pos[s], entry = s === opts.entry;
      svg += '<g class="node" data-service="' + esc(s) + '"><rect x="' + p.x + '" y="' + p.y + '" width="' + bw + '" height="' + bh + '" rx="6" fill="' + (entry ? '#2f6fde' : '#fff') + '" stroke="#2f6fde"/>';
      svg += '<text x="' + (p.x + bw / 2) + '" y="' + (p.y + bh / 2 + 4) + '" font-size="12" text-anchor="middle" fill="' + (entry ? '#fff' : '#1d2330') + '">' + esc(s.length > 22 ? s.slice(0, 21) + '…' : s) + '</text></g>';
    });
    svg += '</svg>';
    el.innerHTML = svg;
  }

  global.SloCharts = { lineChart: lineChart, callGraph: callGraph, esc: esc };
})(window);
