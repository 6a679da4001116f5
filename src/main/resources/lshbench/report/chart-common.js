/* lshbench's chart helpers, shared by the run page and the list of runs: number formats (the
   tables' own), the tooltip listing every parameter of a configuration, the Pareto frontier. */
var lshbench = (function () {
  'use strict';
  var palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf',
    '#bcbd22', '#7f7f7f', '#393b79', '#637939', '#8c6d31'];

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  function fixed(v, d) {
    return v === null || v === undefined ? '–' : v.toLocaleString('en-US',
      {minimumFractionDigits: d, maximumFractionDigits: d});
  }

  /* Html.num's rule: whole numbers as they are, then 0, 1 or 3 decimals by size. */
  function num(v) {
    if (v === null || v === undefined) { return '–'; }
    var a = Math.abs(v);
    if (v === Math.round(v)) { return fixed(v, 0); }
    return a >= 1000 ? fixed(v, 0) : a >= 10 ? fixed(v, 1) : fixed(v, 3);
  }

  function recall(v, sd, repeats) {
    return v === null ? '–' : fixed(v, 3) + (repeats > 1 ? ' ± ' + fixed(sd, 3) : '');
  }

  var axes = {
    us: {title: function (clock) { return 'median query time (µs, ' + clock + ' clock)'; },
      value: function (p) { return p.us; }},
    memory: {title: function () { return 'index memory (MB)'; },
      value: function (p) { return p.memoryBytes === null ? null : p.memoryBytes / 1e6; }},
    candidates: {title: function () { return 'candidates per query (mean)'; },
      value: function (p) { return p.candidates; }},
    knn: {title: function () { return 'kNN recall@n'; }, value: function (p) { return p.knn; }},
    labelRecall: {title: function () { return 'label recall'; },
      value: function (p) { return p.labelRecall; }}
  };

  /* Every parameter and measure of one configuration, as a small table. */
  function tooltip(p, heading) {
    var rows = [];
    function row(k, v) { rows.push('<tr><th>' + esc(k) + '</th><td>' + esc(v) + '</td></tr>'); }
    row('family', p.exact ? 'exact scan' : p.family);
    if (p.k !== undefined) {
      row('k (functions per table)', p.k);
      row('L (tables)', p.L);
      row('probes T', p.T);
      row('rerank R', p.R === 0 ? 'all candidates exactly' : p.R);
    }
    if (p.M !== undefined) {
      row('M / efConstruction / ef', p.M + ' / ' + p.efC + ' / ' + p.ef);
    }
    row('kNN recall@n', recall(p.knn, p.knnSd, p.repeats));
    if (p.labelRecall !== null) { row('label recall', recall(p.labelRecall, p.labelSd, p.repeats)); }
    row('query µs', num(p.us) + (p.noisy ? ' (noisy)' : ''));
    row('rounds p25–p75 µs', fixed(p.p25, 1) + '–' + fixed(p.p75, 1));
    row('speed-up vs exact', p.speedup === null ? '–' : fixed(p.speedup, 1) + '×');
    row('memory MB', p.memoryBytes === null ? '–' : fixed(p.memoryBytes / 1e6, 2));
    row('candidates', num(p.candidates));
    row('build ms', num(p.buildMs));
    if (p.repeats > 1) { row('repeats', p.repeats); }
    return '<div class="tip"><strong>' + esc(heading || p.label) + '</strong><table>'
      + rows.join('') + '</table></div>';
  }

  /* Frontier.pareto's rule: by x ascending (ties: higher y first), each point with a strictly
     higher y than every point before it. Items are {x, y, ...}; returns the frontier items. */
  function pareto(items) {
    var sorted = items.slice().sort(function (a, b) { return a.x - b.x || b.y - a.y; });
    var out = [], best = -Infinity;
    sorted.forEach(function (it) {
      if (it.y > best) { out.push(it); best = it.y; }
    });
    return out;
  }

  function logAxis(name) {
    return {type: 'log', name: name, nameLocation: 'middle', nameGap: 28, logBase: 10,
      axisLabel: {formatter: function (v) { return num(v); }}, splitLine: {show: true},
      minorTick: {show: true}, minorSplitLine: {show: true, lineStyle: {opacity: 0.35}}};
  }

  function recallAxis(name) {
    return {type: 'value', name: name, nameLocation: 'middle', nameGap: 40, max: 1,
      min: function (v) { return Math.max(0, Math.floor(v.min * 10) / 10); }};
  }

  function zoomAndTools(file) {
    return {
      dataZoom: [{type: 'inside', xAxisIndex: 0, filterMode: 'none'},
        {type: 'inside', yAxisIndex: 0, filterMode: 'none'}],
      toolbox: {right: 16, feature: {dataZoom: {filterMode: 'none',
        title: {zoom: 'zoom to a box', back: 'undo zoom'}}, restore: {title: 'reset'},
        saveAsImage: {title: 'save as PNG', name: file, pixelRatio: 2}}}
    };
  }

  /* Point labels where they fit: in the given order, a label (left of its point) is drawn only
     when its box overlaps no label already drawn; the others show on hover. Call again after
     a zoom, since the points move apart. series: [{id, items: [{value: [x, y, i], ...}],
     text: function (item)}]. */
  function declutter(chart, series) {
    var boxes = [];
    chart.setOption({series: series.map(function (s) {
      return {id: s.id, data: s.items.map(function (item) {
        var px = chart.convertToPixel({seriesId: s.id}, [item.value[0], item.value[1]]);
        var w = 5.6 * s.text(item).length + 4, box = [px[0] - 10 - w, px[1] - 7, px[0] - 6, px[1] + 7];
        var free = boxes.every(function (b) {
          return box[2] < b[0] || box[0] > b[2] || box[3] < b[1] || box[1] > b[3];
        });
        if (free) { boxes.push(box); }
        var out = Object.assign({}, item);
        out.label = {show: free};
        return out;
      })};
    })});
  }

  return {declutter: declutter, palette: palette, esc: esc, num: num, fixed: fixed, axes: axes, tooltip: tooltip,
    pareto: pareto, logAxis: logAxis, recallAxis: recallAxis, zoomAndTools: zoomAndTools};
})();
