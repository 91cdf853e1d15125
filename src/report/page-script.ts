/**
 * The page's own script (plain ES2017, inlined after vega, vega-lite and vega-embed). It expands
 * the embedded tables, embeds every chart, and wires the run selector, the overview's brush and
 * the finding links. `window.gosched` exposes the views and the render time (tests, bench).
 */
export const pageScript = `(function () {
  'use strict';
  var payload = JSON.parse(document.getElementById('gosched-data').textContent);
  var state = { views: {}, timings: {}, rendered: false, renderMs: null, error: null, sel: payload.runs.length ? payload.runs[0].k : 0 };
  window.gosched = state;
  var tables = {};
  function rowsOf(name) {
    if (!tables[name]) {
      var ds = payload.datasets[name];
      tables[name] = ds.rows.map(function (r) {
        var o = {};
        for (var i = 0; i < ds.fields.length; i++) o[ds.fields[i]] = r[i];
        return o;
      });
    }
    return tables[name];
  }
  function runExtent(k) {
    var r = payload.runs.filter(function (x) { return x.k === k; })[0];
    if (!r) return [0, 1];
    return r.tMax > r.tMin ? [r.tMin, r.tMax] : [r.tMin - 500, r.tMin + 500];
  }
  var brushRange = null;
  function eachView(fn) {
    payload.charts.forEach(function (c) { if (state.views[c.id]) fn(state.views[c.id], c); });
  }
  function update() {
    var range = brushRange || runExtent(state.sel);
    var runs = [];
    eachView(function (view, c) {
      view.signal('sel', state.sel);
      if (c.followsBrush) view.signal('tRange', range);
      runs.push(view.runAsync());
    });
    return Promise.all(runs);
  }
  function embed(c) {
    var spec = c.spec;
    spec.datasets = {};
    c.datasets.forEach(function (name) {
      // each view gets its own row objects: vega's transforms write fields into the tuples they ingest
      spec.datasets[name] = rowsOf(name).map(function (o) { return Object.assign({}, o); });
    });
    var el = document.querySelector('#' + c.id + ' .vis');
    var start = performance.now();
    return vegaEmbed(el, spec, { actions: false, renderer: c.renderer, mode: 'vega-lite' }).then(function (res) {
      state.views[c.id] = res.view;
      state.timings[c.id] = Math.round(performance.now() - start);
    });
  }
  function wire() {
    var overview = state.views['chart-overview'];
    if (overview) {
      overview.addSignalListener('brush', function (_, value) {
        var r = value && value.t;
        brushRange = r && r.length === 2 && r[0] !== r[1] ? [Math.min(r[0], r[1]), Math.max(r[0], r[1])] : null;
        update();
      });
    }
    var select = document.getElementById('run-select');
    if (select) {
      select.addEventListener('change', function () {
        state.sel = Number(select.value);
        brushRange = null;
        if (overview) {
          try { overview.signal('brush_x', []); } catch (e) { /* no brush drawn yet */ }
        }
        update();
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll('a[data-k]'), function (a) {
      a.addEventListener('click', function () {
        var k = Number(a.getAttribute('data-k'));
        if (select && k !== state.sel) {
          select.value = String(k);
          select.dispatchEvent(new Event('change'));
        }
      });
    });
  }
  payload.charts.reduce(function (p, c) { return p.then(function () { return embed(c); }); }, Promise.resolve())
    .then(wire)
    .then(function () {
      state.rendered = true;
      state.renderMs = performance.now();
      document.documentElement.setAttribute('data-rendered', 'true');
    })
    .catch(function (err) {
      state.error = String(err && err.message || err);
      var box = document.getElementById('render-error');
      box.textContent = 'A chart failed to render: ' + state.error;
      box.hidden = false;
      console.error(err);
    });
})();`;
