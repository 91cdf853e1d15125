/**
 * The page's own script (plain ES2017, inlined after vega, vega-lite and vega-embed). It expands
 * the embedded tables, embeds every chart, and wires the run selector, the time-base switch, the
 * overview's brush and the episode links. Expressions run through vega's CSP-safe interpreter
 * (`ast: true`), so the page needs no 'unsafe-eval'. `window.gosched` exposes the views and the
 * render time (tests, bench).
 */
export const pageScript = `(function () {
  'use strict';
  var payload = JSON.parse(document.getElementById('gosched-data').textContent);
  var runs = {};
  payload.runs.forEach(function (r) { runs[r.k] = r; });
  var state = { views: {}, timings: {}, rendered: false, renderMs: null, error: null, sel: payload.runs.length ? payload.runs[0].k : 0, base: null, wall: false, fitted: true, refits: 0 };
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
  function baseOf(k) {
    var r = runs[k];
    if (!r) return 'uptime';
    return r.timeBase === 'uptime' && state.wall && r.wallOffsetMs !== null ? 'wall' : r.timeBase;
  }
  /** Added to a run's times in the current base (uptime runs drawn on the wall clock). */
  function shiftOf(k) {
    var r = runs[k];
    return r && state.base === 'wall' && r.timeBase === 'uptime' && r.wallOffsetMs !== null ? r.wallOffsetMs : 0;
  }
  function runExtent(k) {
    var r = runs[k];
    if (!r) return [0, 1];
    var s = shiftOf(k);
    return r.tMax > r.tMin ? [r.tMin + s, r.tMax + s] : [r.tMin + s - 500, r.tMin + s + 500];
  }
  var brushRange = null;
  /** A chart shows when the selected run has its data: one dump or several, and its optional table. */
  function shows(c) {
    var r = runs[state.sel];
    if (!r) return true;
    if (c.only && (c.only === 'single' ? r.points !== 1 : r.points === 1)) return false;
    if (c.needs) {
      var has = rowsOf('runs').filter(function (o) { return o.k === state.sel; })[0];
      if (!has || !has[c.needs]) return false;
    }
    return true;
  }
  function section(c) { return document.getElementById(c.id); }
  /**
   * Nested views (facets, concatenations) take a fixed width: the container's, less room for
   * legends. Returns whether the spec has one, so a resized window embeds the chart again.
   */
  function fitWidths(spec, width, extra) {
    var inner = Math.max(240, width - 190 - extra);
    var fitted = false;
    if (spec.spec && typeof spec.spec.width === 'number') { spec.spec.width = inner; fitted = true; }
    (spec.vconcat || []).forEach(function (s) { if (typeof s.width === 'number') { s.width = inner; fitted = true; } });
    return fitted;
  }
  /** Container width each chart with fixed nested widths was embedded at (charts of width 'container' follow by themselves). */
  var fittedAt = {};
  /** Room beyond the usual a chart's legends and titles took (measured once, when it overflowed). */
  var extraRoom = {};
  function embed(c) {
    var spec = JSON.parse(JSON.stringify(c.specs[state.base] || c.spec));
    spec.datasets = {};
    c.datasets.forEach(function (name) {
      // each view gets its own row objects: vega's transforms write fields into the tuples they ingest
      spec.datasets[name] = rowsOf(name).map(function (o) {
        var copy = Object.assign({}, o);
        var s = name === 'runs' ? 0 : shiftOf(o.k);
        if (s !== 0) {
          if (typeof copy.t === 'number') copy.t += s;
          if (typeof copy.t2 === 'number') copy.t2 += s;
        }
        return copy;
      });
    });
    (spec.params || []).forEach(function (p) {
      if (p.name === 'sel') p.value = state.sel;
      if (p.name === 'dots') p.value = runs[state.sel] ? runs[state.sel].dots : true;
      if (p.name === 'tRange') p.value = brushRange || runExtent(state.sel);
    });
    var el = section(c).querySelector('.vis');
    var fitted = fitWidths(spec, el.clientWidth, extraRoom[c.id] || 0);
    if (fitted) fittedAt[c.id] = el.clientWidth;
    else delete fittedAt[c.id];
    var start = performance.now();
    return vegaEmbed(el, spec, { actions: false, renderer: c.renderer, mode: 'vega-lite', ast: true }).then(function (res) {
      var marks = el.querySelector('.marks');
      var over = fitted && marks ? Math.ceil(marks.getBoundingClientRect().width) - el.clientWidth : 0;
      if (over > 0 && extraRoom[c.id] === undefined) {
        // wider than its box (long legend labels): once, embed again leaving the room they took
        extraRoom[c.id] = over;
        res.view.finalize();
        return embed(c);
      }
      state.views[c.id] = res.view;
      state.timings[c.id] = Math.round(performance.now() - start);
      if (c.id === 'chart-overview') watchBrush(res.view);
    });
  }
  function embedAll() {
    Object.keys(state.views).forEach(function (id) { state.views[id].finalize(); });
    state.views = {};
    return payload.charts.reduce(function (p, c) {
      return p.then(function () {
        var visible = shows(c);
        section(c).hidden = !visible;
        return visible ? embed(c) : null;
      });
    }, Promise.resolve());
  }
  function update() {
    var range = brushRange || runExtent(state.sel);
    var pending = [];
    payload.charts.forEach(function (c) {
      var visible = shows(c);
      section(c).hidden = !visible;
      var view = state.views[c.id];
      if (!visible) {
        // a hidden chart would draw the new run's empty tables: drop it, embed again when it shows
        if (view) { view.finalize(); delete state.views[c.id]; }
        return;
      }
      if (!view) { pending.push(embed(c)); return; }
      view.signal('sel', state.sel);
      view.signal('dots', runs[state.sel] ? runs[state.sel].dots : true);
      // charts that do not follow the brush still read tRange for their tick labels' unit
      view.signal('tRange', c.followsBrush ? range : runExtent(state.sel));
      pending.push(view.runAsync());
    });
    return Promise.all(pending);
  }
  /** After the window is resized: embeds again the shown charts whose fixed widths no longer fit their container. */
  function refit() {
    var pending = [];
    payload.charts.forEach(function (c) {
      var view = state.views[c.id];
      if (!view || fittedAt[c.id] === undefined) return;
      if (section(c).querySelector('.vis').clientWidth === fittedAt[c.id]) return;
      view.finalize();
      delete state.views[c.id];
      pending.push(embed(c));
    });
    state.refits++;
    return Promise.all(pending);
  }
  var resizeTimer = null;
  var refitting = Promise.resolve();
  function watchResize() {
    window.addEventListener('resize', function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () {
        refitting = refitting
          .then(refit)
          .then(function () { state.fitted = true; })
          .catch(function (err) {
            state.error = String(err && err.message || err);
            console.error(err);
          });
      }, 100);
      state.fitted = false;
    });
  }
  function watchBrush(view) {
    view.addSignalListener('brush', function (_, value) {
      var r = value && value.t;
      brushRange = r && r.length === 2 && +r[0] !== +r[1] ? [Math.min(+r[0], +r[1]), Math.max(+r[0], +r[1])] : null;
      update();
    });
  }
  function showStory() {
    Array.prototype.forEach.call(document.querySelectorAll('.story[data-k]'), function (el) {
      el.hidden = Number(el.getAttribute('data-k')) !== state.sel;
    });
    var axis = document.getElementById('time-base');
    if (axis) axis.textContent = ({ uptime: 'process uptime', wall: 'wall-clock time', index: 'dump index' })[state.base];
  }
  function select(k, range) {
    var newBase;
    state.sel = k;
    brushRange = null;
    newBase = baseOf(k);
    var redo = newBase !== state.base;
    state.base = newBase;
    if (range) brushRange = [range[0] + shiftOf(k), range[1] + shiftOf(k)];
    showStory();
    var overview = state.views['chart-overview'];
    if (!redo && overview) {
      try { overview.signal('brush_x', []); } catch (e) { /* no brush drawn yet */ }
    }
    return redo ? embedAll() : update();
  }
  function wire() {
    var runSelect = document.getElementById('run-select');
    if (runSelect) {
      runSelect.addEventListener('change', function () { select(Number(runSelect.value)); });
    }
    var wall = document.getElementById('wall-clock');
    if (wall) {
      wall.addEventListener('change', function () {
        state.wall = wall.checked;
        select(state.sel);
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll('a[data-k]'), function (a) {
      a.addEventListener('click', function () {
        var k = Number(a.getAttribute('data-k'));
        var t0 = a.getAttribute('data-t0');
        var t1 = a.getAttribute('data-t1');
        var range = null;
        if (t0 !== null && t1 !== null) {
          var r = runs[k];
          var lo = Number(t0), hi = Number(t1);
          var pad = Math.max(r ? 2 * r.periodMs : 1, (hi - lo) * 0.1);
          range = [lo - pad, hi + pad];
        }
        if (runSelect && k !== state.sel) runSelect.value = String(k);
        select(k, range);
      });
    });
  }
  state.base = baseOf(state.sel);
  showStory();
  embedAll()
    .then(wire)
    .then(watchResize)
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
