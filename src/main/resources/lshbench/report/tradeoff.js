/* The run page's trade-off chart: every configuration of results.csv as a point. */
(function () {
  'use strict';
  var el = document.getElementById('tradeoff');
  if (!el) { return; }
  var data = JSON.parse(document.getElementById('tradeoff-data').textContent);
  var points = data.points;
  var families = [];
  points.forEach(function (p) {
    if (!p.exact && families.indexOf(p.family) < 0) { families.push(p.family); }
  });
  var colour = {};
  families.forEach(function (f, i) { colour[f] = lshbench.palette[i % lshbench.palette.length]; });
  var state = {x: 'us', y: 'knn', hidden: {}};

  /* Toggle groups: families always, then each LSH parameter that takes several values. */
  var groups = [{key: 'family', title: 'family', values: families.concat(['exact scan'])}];
  [['L', 'L'], ['k', 'k'], ['T', 'probes T'], ['R', 'rerank R']].forEach(function (g) {
    var values = [];
    points.forEach(function (p) {
      if (p[g[0]] !== undefined && values.indexOf(p[g[0]]) < 0) { values.push(p[g[0]]); }
    });
    if (values.length > 1) {
      groups.push({key: g[0], title: g[1], values: values.sort(function (a, b) { return a - b; })});
    }
  });

  function visible(p) {
    if (state.hidden['family:' + (p.exact ? 'exact scan' : p.family)]) { return false; }
    for (var i = 1; i < groups.length; i++) {
      var v = p[groups[i].key];
      if (v !== undefined && state.hidden[groups[i].key + ':' + v]) { return false; }
    }
    return true;
  }

  var controls = document.getElementById('tradeoff-controls');
  function select(label, options, key) {
    var wrap = document.createElement('label');
    wrap.textContent = label + ' ';
    var s = document.createElement('select');
    s.id = 'tradeoff-' + key;
    options.forEach(function (o) {
      var opt = document.createElement('option');
      opt.value = o[0]; opt.textContent = o[1];
      s.appendChild(opt);
    });
    s.addEventListener('change', function () { state[key] = s.value; draw(true); });
    wrap.appendChild(s);
    controls.appendChild(wrap);
  }
  var ys = [['knn', 'kNN recall@n']];
  if (data.labelled) { ys.push(['labelRecall', 'label recall']); }
  select('recall', ys, 'y');
  select('against', [['us', 'query time'], ['memory', 'index memory'],
    ['candidates', 'candidates']], 'x');
  groups.forEach(function (g) {
    var box = document.createElement('span');
    box.className = 'toggles';
    box.appendChild(document.createTextNode(g.title + ':'));
    g.values.forEach(function (v) {
      var l = document.createElement('label');
      var c = document.createElement('input');
      c.type = 'checkbox'; c.checked = true;
      c.setAttribute('data-toggle', g.key + ':' + v);
      c.addEventListener('change', function () {
        state.hidden[g.key + ':' + v] = !c.checked;
        draw(false);
      });
      l.appendChild(c);
      if (g.key === 'family') {
        var sw = document.createElement('span');
        sw.className = 'swatch';
        sw.style.background = v === 'exact scan' ? '#c92a2a' : colour[v];
        l.appendChild(sw);
      }
      l.appendChild(document.createTextNode(String(v)));
      box.appendChild(l);
    });
    controls.appendChild(box);
  });
  var note = document.createElement('span');
  note.className = 'muted';
  note.id = 'tradeoff-note';
  controls.appendChild(note);

  var chart = echarts.init(el);
  window.addEventListener('resize', function () { chart.resize(); });

  function draw(axesChanged) {
    var xv = lshbench.axes[state.x].value, yv = lshbench.axes[state.y].value;
    var items = [], off = 0;
    points.forEach(function (p, i) {
      if (!visible(p)) { return; }
      var x = xv(p), y = yv(p);
      if (x === null || y === null || !(x > 0)) { off++; return; }
      items.push({x: x, y: y, i: i, p: p});
    });
    var series = families.map(function (f) {
      return {name: f, type: 'scatter', symbolSize: 7, itemStyle: {color: colour[f], opacity: 0.8},
        data: items.filter(function (it) { return !it.p.exact && it.p.family === f; })
          .map(function (it) { return [it.x, it.y, it.i]; })};
    });
    var exact = items.filter(function (it) { return it.p.exact; });
    series.push({name: 'exact scan', type: 'scatter', symbol: 'diamond', symbolSize: 16,
      itemStyle: {color: '#c92a2a'}, z: 4, data: exact.map(function (it) { return [it.x, it.y, it.i]; }),
      markLine: exact.length === 0 ? undefined : {silent: true, symbol: 'none',
        lineStyle: {color: '#c92a2a', type: 'solid', width: 1},
        label: {formatter: 'exact scan', position: 'end', color: '#c92a2a'},
        data: [{xAxis: exact[0].x}]}});
    var frontier = lshbench.pareto(items);
    series.push({id: 'frontier', name: 'Pareto frontier', type: 'line', silent: true, z: 3,
      lineStyle: {color: '#111', type: 'dashed', width: 1.5}, symbol: 'emptyCircle', symbolSize: 10,
      itemStyle: {color: '#111'}, tooltip: {show: false},
      label: {show: true, position: 'left', fontSize: 10, color: '#333',
        formatter: function (v) { return points[v.value[2]].short; }},
      data: frontier.map(function (it) { return [it.x, it.y, it.i]; })});
    var option = {
      animation: false,
      grid: {left: 64, right: 36, top: 42, bottom: 52},
      tooltip: {trigger: 'item', confine: true, formatter: function (v) {
        return lshbench.tooltip(points[v.value[2]]);
      }},
      xAxis: lshbench.logAxis(lshbench.axes[state.x].title(data.clock)),
      yAxis: lshbench.recallAxis(lshbench.axes[state.y].title()),
      series: series
    };
    var extra = lshbench.zoomAndTools('tradeoff');
    option.dataZoom = extra.dataZoom;
    option.toolbox = extra.toolbox;
    chart.setOption(option, axesChanged ? {notMerge: true} : {replaceMerge: ['series']});
    document.getElementById('tradeoff-note').textContent = off > 0
      ? off + ' shown configuration(s) have no value on this axis' : '';
    el.setAttribute('data-points', String(items.length));
    el.setAttribute('data-frontier', String(frontier.length));
    shown = frontier;
    declutter();
  }

  /* Frontier labels where they fit, fastest first; the rest show on hover. */
  var shown = [];
  function declutter() {
    lshbench.declutter(chart, [{id: 'frontier',
      items: shown.map(function (it) { return {value: [it.x, it.y, it.i]}; }),
      text: function (item) { return points[item.value[2]].short; }}]);
  }
  chart.on('datazoom', declutter);
  chart.on('restore', declutter);
  draw(true);
  window.lshbenchTradeoff = chart;
})();
