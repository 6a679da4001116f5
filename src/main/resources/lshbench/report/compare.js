/* results/index.html: the ticked runs' kNN Pareto frontiers on one chart, with their tables. */
(function () {
  'use strict';
  var el = document.getElementById('compare-chart');
  if (!el) { return; }
  var data = JSON.parse(document.getElementById('compare-data').textContent);
  var byName = {};
  data.runs.forEach(function (r, i) { r.colour = lshbench.palette[i % lshbench.palette.length]; byName[r.name] = r; });
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input.cmp'));
  var chart = null;

  function ticked() {
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return byName[b.value]; })
      .filter(function (r) { return r; });
  }

  function draw() {
    var runs = ticked();
    var show = runs.length > 0;
    document.getElementById('compare-box').hidden = !show;
    document.querySelectorAll('.cmp-run').forEach(function (t) {
      var r = byName[t.getAttribute('data-run')];
      t.hidden = runs.indexOf(r) < 0;
      t.querySelector('.swatch').style.background = r.colour;
    });
    var names = runs.map(function (r) { return r.name; });
    if (history.replaceState) {
      history.replaceState(null, '', names.length ? '#compare=' + names.join(',') : location.pathname);
    }
    if (!show) { el.setAttribute('data-points', '0'); return; }
    if (!chart) {
      chart = echarts.init(el);
      window.addEventListener('resize', function () { chart.resize(); });
      window.lshbenchCompare = chart;
      chart.on('datazoom', declutter);
      chart.on('restore', declutter);
    }
    var points = 0;
    var series = runs.map(function (r) {
      points += r.frontier.length;
      return {id: 'run:' + r.name, name: r.name, type: 'line', color: r.colour, symbolSize: 8,
        lineStyle: {width: 2},
        label: {show: true, position: 'left', fontSize: 10, color: '#333',
          formatter: function (v) { return r.frontier[v.value[2]].short; }},
        data: r.frontier.map(function (p, i) {
          var item = {value: [p.us, p.knn, i]};
          if (p.exact) { item.symbol = 'diamond'; item.symbolSize = 16; }
          return item;
        })};
    });
    var clocks = runs.map(function (r) { return r.clock; }).filter(function (c, i, a) { return a.indexOf(c) === i; });
    var tools = lshbench.zoomAndTools('compare');
    chart.setOption({
      animation: false,
      legend: {type: 'scroll', top: 4, left: 8, right: 150},
      grid: {left: 64, right: 36, top: 48, bottom: 52},
      tooltip: {trigger: 'item', confine: true, formatter: function (v) {
        var r = byName[v.seriesName];
        var p = r.frontier[v.value[2]];
        return lshbench.tooltip(p, r.name + ": " + p.label);
      }},
      xAxis: lshbench.logAxis('median query time (µs, ' + clocks.join(' / ') + ' clock)'),
      yAxis: lshbench.recallAxis('kNN recall@n'),
      dataZoom: tools.dataZoom, toolbox: tools.toolbox,
      series: series
    }, {notMerge: true});
    el.setAttribute('data-points', String(points));
    shown = series;
    declutter();
  }

  var shown = [];
  function declutter() {
    if (!chart) { return; }
    lshbench.declutter(chart, shown.map(function (s) {
      var r = byName[s.name];
      return {id: s.id, items: s.data, text: function (item) { return r.frontier[item.value[2]].short; }};
    }));
  }

  var wanted = /[#&]compare=([^&]*)/.exec(location.hash);
  if (wanted) {
    var names = decodeURIComponent(wanted[1]).split(',');
    boxes.forEach(function (b) { b.checked = names.indexOf(b.value) >= 0; });
  }
  boxes.forEach(function (b) { b.addEventListener('change', draw); });
  draw();
})();
