/* SLO-Scout web UI: a hash-routed single page over /api/v1. */
(function () {
  'use strict';
  var esc = SloCharts.esc;
  var API = 'api/v1';
  var main = document.getElementById('main');
  var RANGES = { '1h': 3600, '6h': 21600, '24h': 86400, '7d': 604800 };
  var state = { range: sessionStorage.getItem('slo-scout.range') || '24h' };

  // ---- API access ------------------------------------------------------------------------
  function token() { return localStorage.getItem('slo-scout.token') || ''; }

  function api(path, options) {
    options = options || {};
    var headers = Object.assign({ 'Accept': 'application/json' }, options.headers || {});
    if (token()) headers['Authorization'] = 'Bearer ' + token();
    return fetch(API + path, Object.assign({}, options, { headers: headers })).then(function (r) {
      var type = r.headers.get('Content-Type') || '';
      var body = type.indexOf('json') >= 0 ? r.json() : (options.blob ? r.blob() : r.text());
      return body.then(function (data) {
        if (!r.ok) {
          var err = new Error(problemText(data, r.status));
          err.status = r.status;
          err.problem = data;
          throw err;
        }
        return data;
      });
    });
  }

  function problemText(p, status) {
    if (p && typeof p === 'object') {
      var lines = [(p.title || 'Error ' + status) + (p.detail ? ': ' + p.detail : '')];
      (p.errors || []).forEach(function (e) { lines.push(e.location); });
      if (status === 401) lines.push('Enter an API token at the top right.');
      return lines.join('\n');
    }
    return 'Error ' + status;
  }

  function flash(text, error) {
    var f = document.getElementById('flash');
    f.textContent = text;
    f.className = error ? 'error' : '';
    f.hidden = false;
    clearTimeout(flash.timer);
    flash.timer = setTimeout(function () { f.hidden = true; }, error ? 9000 : 4000);
  }

  function failed(err) {
    flash(err.message, true);
    if (err.status === 401) main.innerHTML = '<div class="card"><h1>API token needed</h1><p>Reading needs a token on this server. Enter it at the top right.</p></div>';
  }

  function rangeQuery() {
    var to = Math.floor(Date.now() / 1000), from = to - RANGES[state.range];
    return 'from=' + from + '&to=' + to;
  }

  function rangeSelect() {
    return '<label class="muted">Range <select id="range">' + Object.keys(RANGES).map(function (k) {
      return '<option' + (k === state.range ? ' selected' : '') + '>' + k + '</option>';
    }).join('') + '</select></label>';
  }

  function bindRange() {
    var s = document.getElementById('range');
    if (s) s.onchange = function () { state.range = s.value; sessionStorage.setItem('slo-scout.range', s.value); route(); };
  }

  // ---- formatting ------------------------------------------------------------------------
  function pct(v, digits) { return v === null || v === undefined ? '–' : (v * 100).toFixed(digits === undefined ? 2 : digits) + '%'; }
  function ms(v) { return v === null || v === undefined ? '–' : (v >= 1000 ? (v / 1000).toFixed(2) + ' s' : v.toFixed(1) + ' ms'); }
  function num(v) { return v === null || v === undefined ? '–' : Number(v).toLocaleString('en-US'); }
  // axis labels of counts: small ranges keep their fractions so ticks stay distinct
  function count(v) { return v < 10 ? String(Math.round(v * 100) / 100) : num(Math.round(v)); }
  function budgetPill(v) {
    if (v === null || v === undefined) return '<span class="pill">no data</span>';
    var cls = v > 0.5 ? 'good' : v > 0 ? 'warn' : 'bad';
    return '<span class="pill ' + cls + '">' + pct(v, 1) + ' left</span>';
  }
  function budgetBar(v) {
    if (v === null || v === undefined) return '<span class="muted">no data</span>';
    var w = Math.max(0, Math.min(1, v)) * 100, color = v > 0.5 ? 'var(--good)' : v > 0 ? 'var(--warn)' : 'var(--bad)';
    return '<div class="bar" title="' + pct(v, 1) + '"><span style="width:' + w + '%;background:' + color + '"></span></div>';
  }

  // ---- views -----------------------------------------------------------------------------
  function overview() {
    return Promise.all([api('/services'), api('/journeys?' + rangeQuery())]).then(function (r) {
      var services = r[0].items, journeys = r[1].items;
      var html = '<div class="toolbar"><h1 style="margin:0;flex:1">Services &amp; journeys</h1>' + rangeSelect() + '</div>';
      html += '<h2>Services (' + services.length + ')</h2><table id="services"><thead><tr><th>Service</th><th class="num">Journeys</th><th>First seen</th><th>Last seen</th></tr></thead><tbody>';
      html += services.map(function (s) {
        return '<tr><td>' + esc(s.name) + '</td><td class="num">' + num(s.journeys) + '</td><td class="muted">' + esc(s.firstSeen || '') + '</td><td class="muted">' + esc(s.lastSeen || '') + '</td></tr>';
      }).join('') || '<tr><td colspan="4" class="muted">No services seen yet.</td></tr>';
      html += '</tbody></table>';
      html += '<h2>Journeys (' + journeys.length + ')</h2><table id="journeys"><thead><tr><th>Journey</th><th>Entry</th><th class="num">Requests</th><th class="num">Errors</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th></tr></thead><tbody>';
      html += journeys.map(function (j) {
        return '<tr><td><a href="#/journeys/' + encodeURIComponent(j.id) + '">' + esc(j.name) + '</a><div class="muted">' + esc(j.services.join(', ')) + '</div></td><td>' + esc(j.entryService) + '<div class="muted">' + esc(j.entryOperation) + '</div></td><td class="num">' + num(j.requests) + '</td><td class="num">' + pct(j.errorRatio) + '</td><td class="num">' + ms(j.latencyMs.p50) + '</td><td class="num">' + ms(j.latencyMs.p95) + '</td><td class="num">' + ms(j.latencyMs.p99) + '</td></tr>';
      }).join('') || '<tr><td colspan="7" class="muted">No journeys in this range.</td></tr>';
      html += '</tbody></table>';
      main.innerHTML = html;
      bindRange();
    });
  }

  function journey(id) {
    return api('/journeys/' + encodeURIComponent(id) + '?' + rangeQuery()).then(function (j) {
      var html = '<div class="toolbar"><h1 style="margin:0;flex:1" id="journey-name">' + esc(j.name) + '</h1>' + rangeSelect() + '</div>';
      html += '<div class="card"><span class="stat"><span class="muted">Requests</span><b>' + num(j.requests) + '</b></span><span class="stat"><span class="muted">Error ratio</span><b>' + pct(j.errorRatio) + '</b></span><span class="stat"><span class="muted">p50 / p95 / p99</span><b>' + ms(j.latencyMs.p50) + ' / ' + ms(j.latencyMs.p95) + ' / ' + ms(j.latencyMs.p99) + '</b></span><div class="muted">Entry ' + esc(j.entryService) + ' · ' + esc(j.entryOperation) + '</div></div>';
      html += '<div class="card"><div class="title"><b>Call graph</b></div><div class="graph" id="graph"></div></div>';
      html += '<div class="row"><div class="card chart" id="chart-requests"></div><div class="card chart" id="chart-errors"></div></div>';
      html += '<div class="card chart" id="chart-latency"></div>';
      html += '<p><a href="#/recommendations?journey=' + encodeURIComponent(j.id) + '">Recommendations for this journey</a></p>';
      main.innerHTML = html;
      bindRange();
      SloCharts.callGraph(document.getElementById('graph'), { entry: j.entryService, services: j.services, edges: j.edges });
      var t = function (p) { return Date.parse(p.minute); };
      SloCharts.lineChart(document.getElementById('chart-requests'), { title: 'Requests per minute', series: [{ name: 'requests', color: '#2f6fde', points: j.series.map(function (p) { return [t(p), p.requests]; }) }], format: count });
      SloCharts.lineChart(document.getElementById('chart-errors'), { title: 'Errors per minute', series: [{ name: 'errors', color: '#c8322e', points: j.series.map(function (p) { return [t(p), p.errors]; }) }], format: count });
      SloCharts.lineChart(document.getElementById('chart-latency'), { title: 'Latency', series: [
        { name: 'p50', color: '#1a8f4c', points: j.series.map(function (p) { return [t(p), p.p50Ms]; }) },
        { name: 'p95', color: '#c77700', points: j.series.map(function (p) { return [t(p), p.p95Ms]; }) },
        { name: 'p99', color: '#c8322e', points: j.series.map(function (p) { return [t(p), p.p99Ms]; }) }], format: ms });
    });
  }

  function recommendations(params) {
    var q = params.journey ? '?journey=' + encodeURIComponent(params.journey) : '';
    return api('/recommendations' + q).then(function (r) {
      var html = '<div class="toolbar"><h1 style="margin:0;flex:1">Recommendations' + (params.journey ? ' for ' + esc(params.journey) : '') + '</h1><button id="recompute">Recompute now</button></div>';
      if (!r.items.length) html += '<div class="card muted">No recommendations yet: they are computed from the stored journey aggregates.</div>';
      html += r.items.map(function (x) {
        var what = x.sli.type === 'latency' ? pct(x.objective) + ' of requests within ' + ms(x.thresholdMs) : pct(x.objective) + ' of requests succeed';
        return '<div class="card recommendation" data-id="' + esc(x.id) + '"><div class="toolbar"><b style="flex:1">' + esc(x.journey) + ' · ' + esc(x.sli.type) + ': ' + what + ' over ' + esc(x.window) + '</b>' +
          '<span class="pill">confidence ' + x.confidence.toFixed(2) + '</span><span class="pill ' + (x.status === 'accepted' ? 'good' : '') + '">' + esc(x.status) + '</span>' +
          (x.status === 'accepted' ? (x.sloId ? '<a class="button" href="#/slos/' + encodeURIComponent(x.sloId) + '">View SLO</a>' : '') : '<button class="accept" data-id="' + esc(x.id) + '">Accept</button>') + '</div>' +
          '<p>' + esc(x.rationale) + '</p>' +
          (x.evidence.length ? '<div class="muted">Evidence</div><ul class="evidence">' + x.evidence.map(function (e) { return '<li>' + esc(e.template) + ' <span class="muted">(' + esc(e.source) + ', ' + num(e.count) + '×)</span></li>'; }).join('') + '</ul>' : '') +
          '</div>';
      }).join('');
      main.innerHTML = html;
      document.getElementById('recompute').onclick = function () {
        api('/recommendations:recompute', { method: 'POST' }).then(function (res) { flash('Recomputed: ' + res.recommendations + ' recommendations'); route(); }, failed);
      };
      Array.prototype.forEach.call(document.querySelectorAll('button.accept'), function (b) {
        b.onclick = function () {
          b.disabled = true;
          api('/recommendations/' + encodeURIComponent(b.dataset.id) + '/accept', { method: 'POST' }).then(function (slo) {
            flash('Accepted: SLO ' + slo.id + ' stored');
            location.hash = '#/slos/' + encodeURIComponent(slo.id);
          }, function (e) { b.disabled = false; failed(e); });
        };
      });
    });
  }

  var TEMPLATE = 'apiVersion: slo-scout.io/v1\nkind: ServiceLevelObjective\nmetadata:\n  name: checkout-availability\nspec:\n  service: checkout\n  description: Checkout requests succeed.\n  tier: critical\n  indicator:\n    type: ratio\n    ratio:\n      bad:\n        metric: http_server_request_duration_seconds_count\n        matchers: \'service_name="checkout",http_response_status_code=~"5.."\'\n      total:\n        metric: http_server_request_duration_seconds_count\n        matchers: \'service_name="checkout"\'\n  objectives:\n    - target: 0.999\n      window: 30d\n';

  function slos() {
    return api('/slos').then(function (r) {
      return Promise.all(r.items.map(function (s) {
        return api('/slos/' + encodeURIComponent(s.id) + '/status?' + rangeQuery()).then(function (st) { s.status = st; return s; }, function () { s.status = null; return s; });
      })).then(function (items) {
        var html = '<div class="toolbar"><h1 style="margin:0;flex:1">SLOs</h1>' + rangeSelect() + '</div>';
        html += '<table id="slos"><thead><tr><th>SLO</th><th>Service</th><th>Source</th><th class="num">Version</th><th>Error budget remaining</th><th></th></tr></thead><tbody>';
        html += items.map(function (s) {
          var b = s.status ? s.status.errorBudgetRemaining : null;
          return '<tr><td><a href="#/slos/' + encodeURIComponent(s.id) + '">' + esc(s.id) + '</a></td><td>' + esc(s.service) + '</td><td>' + esc(s.source) + '</td><td class="num">' + s.version + '</td><td>' + budgetBar(b) + '</td><td>' + budgetPill(b) + '</td></tr>';
        }).join('') || '<tr><td colspan="6" class="muted">No SLOs yet. Accept a recommendation or write one below.</td></tr>';
        html += '</tbody></table>';
        html += '<h2>New SLO</h2><div class="card"><textarea id="new-slo" spellcheck="false">' + esc(TEMPLATE) + '</textarea><div class="toolbar" style="margin-top:8px"><button id="create">Create</button><span class="muted">slo-scout.io/v1 YAML or JSON</span></div></div>';
        main.innerHTML = html;
        bindRange();
        document.getElementById('create').onclick = function () {
          api('/slos', { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: document.getElementById('new-slo').value }).then(function (s) {
            flash('Created ' + s.id);
            location.hash = '#/slos/' + encodeURIComponent(s.id);
          }, failed);
        };
      });
    });
  }

  function slo(id) {
    return Promise.all([api('/slos/' + encodeURIComponent(id)), api('/slos/' + encodeURIComponent(id) + '/status?' + rangeQuery())]).then(function (r) {
      var s = r[0], st = r[1];
      var html = '<div class="toolbar"><h1 style="margin:0;flex:1" id="slo-id">' + esc(s.id) + '</h1>' + rangeSelect() + '</div>';
      html += '<div class="card"><span class="stat"><span class="muted">Objective</span><b>' + pct(st.objective, 3) + '</b></span><span class="stat"><span class="muted">SLI in range</span><b>' + pct(st.goodRatio, 3) + '</b></span><span class="stat"><span class="muted">Error budget remaining</span><b id="budget">' + (st.errorBudgetRemaining === null ? 'no data' : pct(st.errorBudgetRemaining, 1)) + '</b></span>' +
        '<div class="muted">' + esc(st.note || '') + '</div></div>';
      html += '<div class="row"><div class="card chart" id="chart-budget"></div><div class="card chart" id="chart-burn"></div></div>';
      html += '<h2>Spec (version ' + s.version + ')</h2><div class="card"><textarea id="slo-yaml" spellcheck="false">' + esc(s.yaml) + '</textarea><div class="toolbar" style="margin-top:8px"><button id="save">Save</button><button id="generate" class="secondary">Generate artifacts</button><button id="delete" class="danger">Delete</button></div>' +
        (s.warnings && s.warnings.length ? '<ul>' + s.warnings.map(function (w) { return '<li class="muted">' + esc(w.location) + '</li>'; }).join('') + '</ul>' : '') + '</div>';
      main.innerHTML = html;
      bindRange();
      var t = function (p) { return Date.parse(p.time); };
      SloCharts.lineChart(document.getElementById('chart-budget'), { title: 'Error budget remaining', min: Math.min(0, Math.min.apply(null, st.series.map(function (p) { return p.budgetRemaining; }).concat([0]))), series: [{ name: 'budget remaining', color: '#1a8f4c', points: st.series.map(function (p) { return [t(p), p.budgetRemaining]; }) }], format: function (v) { return pct(v, 0); } });
      SloCharts.lineChart(document.getElementById('chart-burn'), { title: 'Burn rate', series: [{ name: 'burn rate', color: '#c77700', points: st.series.map(function (p) { return [t(p), p.burnRate]; }) }], threshold: { value: 1, label: 'burn rate 1' }, format: function (v) { return (Math.round(v * 100) / 100) + '×'; } });
      document.getElementById('save').onclick = function () {
        api('/slos/' + encodeURIComponent(id), { method: 'PUT', headers: { 'Content-Type': 'application/yaml', 'If-Match': '"' + s.version + '"' }, body: document.getElementById('slo-yaml').value }).then(function (n) { flash('Saved version ' + n.version); route(); }, failed);
      };
      document.getElementById('generate').onclick = function () {
        api('/artifacts:generate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ slo: id }) }).then(function (g) { flash('Generated ' + g.items.length + ' files'); location.hash = '#/artifacts'; }, failed);
      };
      document.getElementById('delete').onclick = function () {
        if (!confirm('Delete ' + id + '?')) return;
        api('/slos/' + encodeURIComponent(id), { method: 'DELETE' }).then(function () { flash('Deleted ' + id); location.hash = '#/slos'; }, failed);
      };
    });
  }

  function artifacts(params) {
    return api('/artifacts').then(function (r) {
      var html = '<div class="toolbar"><h1 style="margin:0;flex:1">Artifacts</h1><button id="generate-all">Generate for all SLOs</button><button id="download" class="secondary">Download .zip</button></div>';
      if (!r.items.length) {
        html += '<div class="card muted">Nothing generated yet.</div>';
      } else {
        html += '<div class="files"><ul id="artifact-list">' + r.items.map(function (a) {
          return '<li><a href="#/artifacts?path=' + encodeURIComponent(a.path) + '" class="' + (a.path === params.path ? 'active' : '') + '">' + esc(a.path) + '</a></li>';
        }).join('') + '</ul><div><pre id="preview">' + (params.path ? 'Loading…' : 'Pick a file to preview it.') + '</pre></div></div>';
      }
      main.innerHTML = html;
      document.getElementById('generate-all').onclick = function () {
        api('/artifacts:generate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then(function (g) { flash('Generated ' + g.items.length + ' files'); route(); }, failed);
      };
      document.getElementById('download').onclick = function () {
        api('/artifacts.zip', { blob: true, headers: { 'Accept': 'application/zip' } }).then(function (blob) {
          var a = document.createElement('a');
          a.href = URL.createObjectURL(blob);
          a.download = 'slo-scout-artifacts.zip';
          document.body.appendChild(a);
          a.click();
          a.remove();
        }, failed);
      };
      if (params.path) {
        api('/artifacts/file?path=' + encodeURIComponent(params.path), { headers: { 'Accept': 'text/plain' } }).then(function (text) {
          document.getElementById('preview').textContent = text;
        }, failed);
      }
    });
  }

  function search(params) {
    var html = '<h1>Template search</h1><form id="search-form" class="toolbar"><input id="q" type="search" style="flex:1" placeholder="e.g. payment declined by provider" value="' + esc(params.q || '') + '"><button type="submit">Search</button></form><div id="hits"></div>';
    main.innerHTML = html;
    document.getElementById('search-form').onsubmit = function (e) {
      e.preventDefault();
      location.hash = '#/search?q=' + encodeURIComponent(document.getElementById('q').value);
    };
    if (!params.q) return Promise.resolve();
    return api('/templates/search?q=' + encodeURIComponent(params.q)).then(function (r) {
      document.getElementById('hits').innerHTML = '<table id="search-hits"><thead><tr><th class="num">Score</th><th>Template</th><th>Service</th></tr></thead><tbody>' + r.items.map(function (h) {
        return '<tr><td class="num">' + h.score.toFixed(3) + '</td><td><code>' + esc(h.template) + '</code></td><td>' + esc(h.service) + '</td></tr>';
      }).join('') + '</tbody></table>' + (r.items.length ? '' : '<p class="muted">No templates indexed yet.</p>');
    });
  }

  // ---- routing ---------------------------------------------------------------------------
  function parse() {
    var h = location.hash.replace(/^#\/?/, '');
    var q = h.indexOf('?'), path = q >= 0 ? h.slice(0, q) : h, params = {};
    if (q >= 0) h.slice(q + 1).split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) params[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1));
    });
    return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: params };
  }

  function route() {
    var r = parse(), p = r.parts, view, active;
    if (p[0] === 'journeys' && p[1]) { view = journey(p[1]); active = 'overview'; }
    else if (p[0] === 'recommendations') { view = recommendations(r.params); active = 'recommendations'; }
    else if (p[0] === 'slos' && p[1]) { view = slo(p[1]); active = 'slos'; }
    else if (p[0] === 'slos') { view = slos(); active = 'slos'; }
    else if (p[0] === 'artifacts') { view = artifacts(r.params); active = 'artifacts'; }
    else if (p[0] === 'search') { view = search(r.params); active = 'search'; }
    else { view = overview(); active = 'overview'; }
    Array.prototype.forEach.call(document.querySelectorAll('#nav a'), function (a) {
      a.classList.toggle('active', a.dataset.view === active);
    });
    Promise.resolve(view).then(function () { document.body.dataset.view = active; document.body.dataset.ready = String(Date.now()); }, failed);
  }

  var form = document.getElementById('token-form');
  document.getElementById('token').value = token();
  form.onsubmit = function (e) {
    e.preventDefault();
    localStorage.setItem('slo-scout.token', document.getElementById('token').value.trim());
    flash('Token saved in this browser');
    route();
  };
  window.addEventListener('hashchange', route);
  route();
})();
