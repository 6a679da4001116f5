package lshbench.report;

import java.util.Locale;

/**
 * Escaping and number formatting for the HTML pages. Every value that came from a file goes
 * through {@link #esc} because file names, model names and failure reasons are free text.
 */
final class Html {
  private Html() {}

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A measurement shown with as many digits as a reader can use: recalls to 3 decimals, times
   * and counts to whole numbers once they are large. NaN (unlabelled data) is a dash.
   */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "−∞";
    }
    double a = Math.abs(v);
    if (v == Math.rint(v) && a < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  /**
   * The page style, inline so the file opens offline and from a zip: a readable column on a
   * laptop, wide tables scroll inside their own box, numbers right-aligned in tabular digits.
   */
  static final String CSS = """
      :root { --fg:#1d2329; --muted:#5c6670; --line:#d8dde3; --bg:#ffffff; --band:#f4f6f8;
        --accent:#1f5fa8; --ok:#2b8a3e; --bad:#c92a2a; --warn:#b35c00; }
      * { box-sizing: border-box; }
      body { margin: 0; background: var(--bg); color: var(--fg);
        font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
      main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 60px; }
      h1 { font-size: 1.55rem; margin: .3em 0 .2em; overflow-wrap: anywhere; }
      h2 { font-size: 1.2rem; margin: 1.8em 0 .5em; padding-bottom: .2em; border-bottom: 1px solid var(--line); }
      h3 { font-size: 1rem; margin: 1.2em 0 .4em; }
      a { color: var(--accent); }
      .muted, .caption { color: var(--muted); }
      .banner { background: #fff4e6; border: 2px solid var(--warn); color: #7a3d00; padding: 10px 14px;
        border-radius: 6px; font-weight: 600; margin: 12px 0; }
      .banner strong { font-size: 1.1rem; letter-spacing: .04em; }
      .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .85rem;
        font-weight: 600; color: #fff; background: var(--muted); white-space: nowrap; }
      .badge.complete { background: var(--ok); } .badge.failed { background: var(--bad); }
      .badge.running { background: var(--warn); } .badge.synthetic { background: var(--warn); }
      nav.toc { font-size: .9rem; margin: 8px 0 4px; }
      nav.toc a { margin-right: 14px; white-space: nowrap; }
      dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; margin: 0; }
      dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; overflow-wrap: anywhere; }
      table.wide { width: 100%; }
      .scroll { overflow-x: auto; width: fit-content; max-width: 100%; border: 1px solid var(--line); border-radius: 4px; }
      .scroll.tall { max-height: 75vh; overflow-y: auto; }
      table { border-collapse: collapse; font-size: .88rem; }
      th, td { padding: 3px 9px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
      th { background: var(--band); position: sticky; top: 0; font-weight: 600; white-space: nowrap; }
      td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      tr:hover td { background: #f0f5fb; }
      table.sortable th { cursor: pointer; user-select: none; }
      table.sortable th[aria-sort=ascending]::after { content: " ▲"; font-size: .7em; }
      table.sortable th[aria-sort=descending]::after { content: " ▼"; font-size: .7em; }
      td.cfg { white-space: nowrap; }
      td.none { color: var(--muted); font-style: italic; }
      pre { background: var(--band); border: 1px solid var(--line); border-radius: 4px; padding: 10px 12px;
        overflow-x: auto; font-size: .8rem; line-height: 1.35; }
      figure { margin: 18px 0 26px; }
      figure img { display: block; width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
      figcaption { font-size: .9rem; color: var(--muted); margin-top: 4px; }
      .grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 0 24px; align-items: start; }
      .grid2 > div { min-width: 0; }
      details > summary { cursor: pointer; color: var(--accent); margin: 6px 0; }
      ul.files { columns: 3 260px; font-size: .92rem; padding-left: 1.2em; }
      ul.files li { break-inside: avoid; overflow-wrap: anywhere; }
      .chart-box { border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px 0; }
      .chart { width: 100%; height: 580px; }
      .chart.compare { height: 520px; }
      .chart-controls { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; font-size: .88rem; }
      .chart-controls select { font: inherit; }
      .toggles label { margin-left: 8px; white-space: nowrap; cursor: pointer; }
      .toggles input { vertical-align: -2px; margin: 0 3px 0 0; }
      .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; }
      .chart-help { font-size: .85rem; margin-top: 4px; }
      .tip { font-size: 12px; line-height: 1.35; }
      .tip table { font-size: 12px; margin-top: 3px; }
      .tip th, .tip td { padding: 0 8px 0 0; border: 0; background: none; position: static; }
      .tip th { color: var(--muted); font-weight: normal; }
      a.zoom { cursor: zoom-in; }
      table.runs td { overflow-wrap: anywhere; }
      table.runs td.run { min-width: 14em; }
      table.runs td.files a { display: inline-block; margin-right: 8px; white-space: nowrap; }
      .cmp-run h3 .swatch { width: 12px; height: 12px; }
      dialog.lightbox { padding: 0; border: 0; max-width: 97vw; max-height: 97vh; background: #fff; }
      dialog.lightbox::backdrop { background: rgba(20, 24, 28, .75); }
      dialog.lightbox img { display: block; max-width: 96vw; max-height: 95vh; cursor: zoom-out; }
      footer { margin-top: 40px; font-size: .8rem; color: var(--muted); }
      """;

  /**
   * Click a header to sort by that column (numbers numerically, via data-v). Twenty lines of
   * vanilla script, inline, so the page stays one self-contained file.
   */
  static final String SORT_JS = """
      document.querySelectorAll('table.sortable').forEach(function (t) {
        t.querySelectorAll('th').forEach(function (th, col) {
          th.title = 'click to sort';
          th.addEventListener('click', function () {
            var asc = th.getAttribute('aria-sort') !== 'ascending';
            t.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
            th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
            var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
            function key(r) { var c = r.cells[col]; var v = c.getAttribute('data-v');
              if (v === null) { return c.textContent; } var f = parseFloat(v); return isNaN(f) ? -Infinity : f; }
            rows.sort(function (a, b) { var x = key(a), y = key(b);
              var d = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y));
              return asc ? d : -d; });
            rows.forEach(function (r) { body.appendChild(r); });
          });
        });
      });
      """;

  /**
   * Click a figure to see it at full size in a dialog over the page (the link still opens the
   * PNG where scripts are off); the image is made on demand so an empty one never counts as
   * broken.
   */
  static final String LIGHTBOX_JS = """
      (function () {
        var d = document.createElement('dialog');
        d.className = 'lightbox';
        d.addEventListener('click', function () { d.close(); });
        document.body.appendChild(d);
        document.querySelectorAll('a.zoom').forEach(function (a) {
          a.addEventListener('click', function (e) {
            if (typeof d.showModal !== 'function') { return; }
            e.preventDefault();
            d.innerHTML = '';
            var img = document.createElement('img');
            img.src = a.getAttribute('href');
            img.alt = a.querySelector('img') ? a.querySelector('img').alt : '';
            d.appendChild(img);
            d.showModal();
          });
        });
      })();
      """;

  /**
   * After load, records which images failed to load and any script error in a hidden element,
   * so a headless browser's DOM dump proves the page renders (see the browser test).
   */
  static final String CHECK_JS = """
      (function () {
        var errors = [];
        window.addEventListener('error', function (e) { errors.push(String(e.message || e)); });
        window.addEventListener('load', function () {
          var broken = [], imgs = document.images;
          for (var i = 0; i < imgs.length; i++) {
            if (!imgs[i].complete || imgs[i].naturalWidth === 0) { broken.push(imgs[i].getAttribute('src')); }
          }
          var m = document.createElement('div');
          m.id = 'page-check'; m.hidden = true;
          m.setAttribute('data-images', String(imgs.length));
          m.setAttribute('data-broken', broken.join(' '));
          m.setAttribute('data-errors', errors.join(' | '));
          document.body.appendChild(m);
        });
      })();
      """;
}
