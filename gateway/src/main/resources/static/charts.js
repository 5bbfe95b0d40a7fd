/*
 * Chi bộ số — small SVG charts, no library (window.DCCharts).
 *
 * Sizes are in em and percent, never in a scaled viewBox: text keeps the reader's font size
 * (large-text settings work) and bars stretch to the screen's width. Colours come from
 * currentColor and CSS custom properties (--chart-bar, --chart-track, --chart-line), so
 * high-contrast and forced-colours modes stay legible. Every chart is a <figure> with a caption,
 * an SVG whose role="img" carries a one-sentence summary, and a table of the same figures
 * behind a <details> for screen readers and for people who prefer numbers.
 *
 * Texts are passed in by the caller (from the message bundles); this file has none of its own.
 */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined) { return; }
      // the portal's CSP forbids style attributes; CSSOM is allowed
      if (k === 'style') { node.style.cssText = attrs[k]; } else { node.setAttribute(k, String(attrs[k])); }
    });
    return node;
  }

  function html(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function pct(value) {
    if (value === null || value === undefined || isNaN(value)) { return '—'; }
    return Math.round(value * 100) + '%';
  }

  function defaultFormat(value) {
    if (value === null || value === undefined || isNaN(value)) { return '—'; }
    return Number(value).toLocaleString('vi-VN');
  }

  /** The figure with its caption, the chart and the data table (behind a disclosure). */
  function figure(opts, chart, rows) {
    var fig = html('figure', 'chart');
    fig.style.margin = '0 0 1.25rem';
    if (opts.id) { fig.id = opts.id; }
    if (opts.title) {
      var caption = html('figcaption', 'chart-title', opts.title);
      caption.style.fontWeight = '600';
      caption.style.marginBottom = '0.35rem';
      fig.appendChild(caption);
    }
    fig.appendChild(chart);
    var details = html('details', 'chart-data');
    details.appendChild(html('summary', null, opts.tableLabel || opts.title));
    var table = html('table', 'chart-table');
    var head = html('thead');
    var hr = html('tr');
    (opts.columns || ['', '']).forEach(function (c) {
      var th = html('th', null, c);
      th.setAttribute('scope', 'col');
      hr.appendChild(th);
    });
    head.appendChild(hr);
    table.appendChild(head);
    var body = html('tbody');
    rows.forEach(function (cells) {
      var tr = html('tr');
      cells.forEach(function (c, i) {
        var cell = html(i === 0 ? 'th' : 'td', null, c);
        if (i === 0) { cell.setAttribute('scope', 'row'); }
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    var wrap = html('div', 'table-wrap');
    wrap.appendChild(table);
    details.appendChild(wrap);
    fig.appendChild(details);
    return fig;
  }

  /**
   * Horizontal bars, one row per item: the label and value on a line, the bar beneath.
   * opts: {title, summary, tableLabel, columns:[labelHeader, valueHeader], items:[{label, value,
   * note?}], max? (default: the largest value, or 1 with format 'percent'), format: 'percent' |
   * function(value), emptyText}
   */
  function bars(opts) {
    var items = opts.items || [];
    var format = opts.format === 'percent' ? pct : (opts.format || defaultFormat);
    var max = opts.max;
    if (max === undefined) {
      max = opts.format === 'percent' ? 1 : items.reduce(function (m, it) {
        return Math.max(m, Number(it.value) || 0);
      }, 0);
    }
    var row = 2.6;
    var chart = svg('svg', {
      'class': 'chart-svg chart-bars',
      width: '100%',
      height: Math.max(items.length, 1) * row + 0.4 + 'em',
      role: 'img',
      'aria-label': opts.summary || opts.title,
      focusable: 'false'
    });
    chart.style.fontSize = '1em';
    chart.style.display = 'block';
    if (!items.length) {
      var none = svg('text', { x: 0, y: '1.2em', fill: 'currentColor' });
      none.textContent = opts.emptyText || '';
      chart.appendChild(none);
    }
    items.forEach(function (it, i) {
      var top = i * row;
      var value = Number(it.value);
      var known = it.value !== null && it.value !== undefined && !isNaN(value);
      var share = known && max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
      var g = svg('g', { 'class': 'chart-row' });
      var title = svg('title');
      title.textContent = it.label + ': ' + format(it.value) + (it.note ? ' (' + it.note + ')' : '');
      g.appendChild(title);
      var label = svg('text', { x: 0, y: top + 1.05 + 'em', fill: 'currentColor', 'class': 'chart-label' });
      label.textContent = it.label;
      g.appendChild(label);
      var val = svg('text', {
        x: '100%', y: top + 1.05 + 'em', 'text-anchor': 'end', fill: 'currentColor',
        'font-weight': 'bold', 'class': 'chart-value'
      });
      val.textContent = format(it.value);
      g.appendChild(val);
      g.appendChild(svg('rect', {
        x: 0, y: top + 1.35 + 'em', width: '100%', height: '0.8em', rx: '0.2em',
        'class': 'chart-track', fill: '#e6e6e6', style: 'fill: var(--chart-track, #e6e6e6)'
      }));
      if (known) {
        g.appendChild(svg('rect', {
          x: 0, y: top + 1.35 + 'em', width: (share * 100).toFixed(2) + '%', height: '0.8em', rx: '0.2em',
          'class': 'chart-bar', 'data-value': String(it.value),
          fill: '#a50e0e', style: 'fill: var(--chart-bar, #a50e0e)'
        }));
      }
      chart.appendChild(g);
    });
    var columns = opts.columns || ['', ''];
    return figure({
      id: opts.id, title: opts.title, tableLabel: opts.tableLabel, columns: columns
    }, chart, items.map(function (it) {
      var cells = [it.label, format(it.value)];
      if (columns.length > 2) { cells.push(it.note || ''); }
      return cells;
    }));
  }

  /**
   * A line over months (or any ordered labels), values 0..max.
   * opts: {title, summary, tableLabel, columns:[labelHeader, valueHeader], points:[{label, value}],
   * max? (default 1 with 'percent'), format: 'percent' | function}
   */
  function line(opts) {
    var points = opts.points || [];
    var format = opts.format === 'percent' ? pct : (opts.format || defaultFormat);
    var max = opts.max;
    if (max === undefined) {
      max = opts.format === 'percent' ? 1 : points.reduce(function (m, p) {
        return Math.max(m, Number(p.value) || 0);
      }, 0) || 1;
    }
    var left = 3, right = 97, top = 14, bottom = 80;
    function x(i) { return points.length < 2 ? (left + right) / 2 : left + (right - left) * i / (points.length - 1); }
    function y(v) { return bottom - (bottom - top) * Math.max(0, Math.min(1, v / max)); }
    var chart = svg('svg', {
      'class': 'chart-svg chart-line', width: '100%', height: '13em', role: 'img',
      'aria-label': opts.summary || opts.title, focusable: 'false'
    });
    chart.style.display = 'block';
    [0, 0.5, 1].forEach(function (f) {
      var gy = y(max * f);
      chart.appendChild(svg('line', {
        x1: left + '%', x2: right + '%', y1: gy + '%', y2: gy + '%',
        stroke: '#cccccc', style: 'stroke: var(--chart-track, #cccccc)', 'stroke-width': 1
      }));
      // the scale's figures sit above their line: no left margin to guess in a font size
      var t = svg('text', { x: '0', y: gy + '%', dy: '-0.3em', fill: 'currentColor', 'font-size': '0.8em' });
      t.textContent = format(max * f);
      chart.appendChild(t);
    });
    var step = Math.max(1, Math.ceil(points.length / 6));
    var labels = [];
    var previous = null;
    points.forEach(function (p, i) {
      var known = p.value !== null && p.value !== undefined && !isNaN(Number(p.value));
      if (known) {
        var here = { x: x(i), y: y(Number(p.value)) };
        if (previous) {
          chart.appendChild(svg('line', {
            x1: previous.x + '%', y1: previous.y + '%', x2: here.x + '%', y2: here.y + '%',
            'stroke-width': 3, 'stroke-linecap': 'round', 'class': 'chart-stroke',
            stroke: '#a50e0e', style: 'stroke: var(--chart-line, #a50e0e)'
          }));
        }
        var dot = svg('circle', {
          cx: here.x + '%', cy: here.y + '%', r: 5, 'class': 'chart-point', 'data-value': String(p.value),
          fill: '#a50e0e', style: 'fill: var(--chart-line, #a50e0e)'
        });
        var title = svg('title');
        title.textContent = p.label + ': ' + format(p.value);
        dot.appendChild(title);
        chart.appendChild(dot);
        previous = here;
      } else {
        previous = null;
      }
      if (i % step === 0 || i === points.length - 1) {
        var anchor = i === 0 ? 'start' : (i === points.length - 1 ? 'end' : 'middle');
        var label = svg('text', { x: x(i) + '%', y: '96%', 'text-anchor': anchor, fill: 'currentColor', 'font-size': '0.8em' });
        label.textContent = p.label;
        chart.appendChild(label);
        labels.push(label);
      }
    });
    thinLabels(chart, labels);
    return figure({
      id: opts.id, title: opts.title, tableLabel: opts.tableLabel, columns: opts.columns
    }, chart, points.map(function (p) { return [p.label, format(p.value)]; }));
  }

  /**
   * Once drawn, drops month labels that would overlap (narrow screens, large text); the last one
   * stays. Every month remains in the data table.
   */
  function thinLabels(chart, labels) {
    function thin() {
      if (!chart.isConnected) { window.removeEventListener('resize', thin); return; }
      labels.forEach(function (l) { l.removeAttribute('visibility'); });
      var boxes = labels.map(function (l) { return l.getBoundingClientRect(); });
      var kept = [labels.length - 1];
      for (var i = labels.length - 2; i >= 0; i--) {
        var next = boxes[kept[kept.length - 1]];
        if (boxes[i].right + 6 <= next.left) { kept.push(i); } else { labels[i].setAttribute('visibility', 'hidden'); }
      }
    }
    var tries = 0;
    (function wait() {
      if (chart.isConnected) { thin(); window.addEventListener('resize', thin); return; }
      if (++tries < 50) { requestAnimationFrame(wait); }
    }());
  }

  /** A single progress bar (e.g. read / received), with the text beside it for everyone. */
  function meter(opts) {
    var wrap = html('div', 'chart-meter');
    var share = opts.max > 0 ? Math.max(0, Math.min(1, (opts.value || 0) / opts.max)) : 0;
    var bar = svg('svg', {
      width: '100%', height: '0.9em', role: 'img', 'aria-label': opts.label, focusable: 'false'
    });
    bar.style.display = 'block';
    bar.appendChild(svg('rect', { x: 0, y: 0, width: '100%', height: '100%', rx: '0.2em', fill: '#e6e6e6', style: 'fill: var(--chart-track, #e6e6e6)' }));
    bar.appendChild(svg('rect', {
      x: 0, y: 0, width: (share * 100).toFixed(2) + '%', height: '100%', rx: '0.2em',
      'class': 'chart-bar', fill: '#a50e0e', style: 'fill: var(--chart-bar, #a50e0e)'
    }));
    wrap.style.margin = '0 0 0.6rem';
    wrap.appendChild(html('span', 'chart-meter-text', opts.label));
    wrap.appendChild(bar);
    return wrap;
  }

  window.DCCharts = { bars: bars, line: line, meter: meter, percent: pct };
}());

/*
 * DCAreaKit — the few helpers the committee and admin areas share, built on window.DC (the
 * portal core): paged lists, small action forms, the area's sub-navigation and its routes.
 */
(function () {
  'use strict';

  var DC = window.DC;
  var collator = null;
  var unitCache = {};

  function t(key, args) { return DC.t(key, args); }
  var h = DC.el;

  /** The text of `key`, or null when the bundles have none (for optional labels of codes). */
  function maybe(key) {
    var text = DC.t(key);
    return text === key ? null : text;
  }

  function joined(parts) {
    return parts.filter(function (p) { return p !== null && p !== undefined && p !== ''; }).join(' · ');
  }

  function number(n) {
    if (n === null || n === undefined || isNaN(Number(n))) { return '—'; }
    return Number(n).toLocaleString(DC.lang() === 'en' ? 'en-GB' : 'vi-VN');
  }

  function compareVi(a, b) {
    if (!collator) { collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true }); }
    return collator.compare(a || '', b || '');
  }

  function isoDate(d) {
    return d.getFullYear() + '-' + ('0' + (d.getMonth() + 1)).slice(-2) + '-' + ('0' + d.getDate()).slice(-2);
  }

  function depth(path) { return String(path || '').split('/').length - 1; }

  function scopes() {
    var me = DC.me();
    return (me && me.orgScope) || [];
  }

  function inScope(path) {
    return scopes().some(function (s) { return path === s || String(path).indexOf(s + '/') === 0; });
  }

  /** The subtree a screen works on: ?under= when given, else the user's first scope. */
  function under(params) {
    var given = params && params.under;
    if (given && /^(\/[A-Z0-9][A-Z0-9-]*)+$/.test(given)) { return given; }
    return scopes()[0] || '/';
  }

  function items(answer) {
    if (Array.isArray(answer)) { return answer; }
    return (answer && (answer.items || answer.content)) || [];
  }

  function get(url) { return DC.api.get(url); }
  function post(url, body) { return DC.api.post(url, body); }
  function put(url, body) { return DC.api.put(url, body); }

  /** A multipart upload, with the same CSRF header and problem handling as DC.api. */
  function upload(url, formData) {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return fetch(url, {
      method: 'POST', body: formData, credentials: 'same-origin',
      headers: {
        Accept: 'application/json', 'Accept-Language': DC.lang(), 'X-XSRF-TOKEN': match ? decodeURIComponent(match[1]) : '',
        // an upload (an import) that lost its answer can be sent again without importing twice
        'Idempotency-Key': formData.__idempotencyKey || (formData.__idempotencyKey = String(Date.now()) + '-' + Math.random().toString(36).slice(2))
      }
    }).catch(function () { throw new DC.Failure(0, null); }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      var parsed = type.indexOf('json') >= 0 ? response.json().catch(function () { return null; }) : Promise.resolve(null);
      return parsed.then(function (json) {
        if (!response.ok) { throw new DC.Failure(response.status, json); }
        return json;
      });
    });
  }

  /** Every org unit under a path (itself included), in path order; at most `pages` pages of 200. */
  function units(path, pages) {
    var key = path + '|' + (pages || 10);
    var cached = unitCache[key];
    if (cached && Date.now() - cached.at < 30000) { return cached.promise; }
    var all = [];
    function page(cursor, left) {
      return get('/api/org-units?size=200&under=' + encodeURIComponent(path) + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''))
        .then(function (p) {
          all = all.concat(items(p));
          return p && p.nextCursor && left > 1 ? page(p.nextCursor, left - 1) : all;
        });
    }
    var promise = page(null, pages || 10);
    unitCache[key] = { at: Date.now(), promise: promise };
    promise.catch(function () { delete unitCache[key]; });
    return promise;
  }

  function forget() { unitCache = {}; }

  function children(path) {
    return units(path).then(function (list) {
      return list.filter(function (u) { return depth(u.path) === depth(path) + 1 && u.path.indexOf(path + '/') === 0; });
    });
  }

  function unitByPath(path) {
    var clean = String(path || '').trim().toUpperCase();
    return units(clean, 1).then(function (list) {
      var found = list.filter(function (u) { return u.path === clean; })[0];
      if (!found) { throw new DC.Failure(404, { title: t('admin.unit.notFound', [clean]) }); }
      return found;
    });
  }

  /** '#/name/arg?k=v' — `name` may carry its argument ('committee-broadcast/' + id). */
  function hrefOf(name, query) {
    var parts = String(name).split('/');
    var q = Object.keys(query || {}).filter(function (k) { return query[k] !== null && query[k] !== undefined && query[k] !== ''; })
      .map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(query[k]); }).join('&');
    return DC.href.apply(null, parts) + (q ? '?' + q : '');
  }

  function go(name, query) {
    var target = hrefOf(name, query);
    if (location.hash === target) { DC.refresh(); } else { location.hash = target; }
  }

  function link(text, name, query, attrs) {
    var a = h('a', attrs || null, text);
    a.setAttribute('href', hrefOf(name, query));
    return a;
  }

  function back(text, name, query) {
    return h('p', { 'class': 'back' }, link('← ' + text, name, query));
  }

  function status(view, text) {
    var p = h('p', { 'class': 'status', role: 'status' }, text);
    view.appendChild(p);
    return p;
  }

  /** hidden, also for .button (whose display rule would otherwise win over [hidden]). */
  function shown(node, visible) {
    node.hidden = !visible;
    node.style.display = visible ? '' : 'none';
    return node;
  }

  function problem(failure) { return DC.showFailure(h('div'), failure); }

  /** A form field through DC.field; `multiline`, `maxlength`, `pattern`, `accept`, `max` mapped. */
  function field(o) {
    var attrs = {};
    ['maxlength', 'pattern', 'accept', 'max', 'min', 'autocomplete'].forEach(function (a) {
      if (o[a] !== undefined && o[a] !== null) { attrs[a] = String(o[a]); }
    });
    var options = o.options ? o.options.map(function (x) { return Array.isArray(x) ? { value: x[0], label: x[1] } : x; }) : undefined;
    return DC.field({
      name: o.name, label: o.label, required: !!o.required, value: o.value, hint: o.hint,
      type: o.multiline ? 'textarea' : (options && o.type !== 'radio' ? 'select' : o.type), options: options, attrs: attrs
    });
  }

  function radios(name, legend, options, value) {
    return field({ name: name, label: legend, type: 'radio', options: options, value: value, required: true });
  }

  function select(name, label, options, value, onChange) {
    var wrapper = field({ name: name, label: label, options: options, value: value });
    var control = wrapper.querySelector('select');
    control.addEventListener('change', function () { onChange(control.value); });
    return wrapper;
  }

  var checkCount = 0;
  function checkbox(name, value, label, checked) {
    var id = 'kc' + (++checkCount);
    return h('div', { 'class': 'field check' },
      h('input', { type: 'checkbox', id: id, name: name, value: value, checked: !!checked }),
      h('label', { 'for': id }, label));
  }

  /** DC.form with the kit's fields; submit(data) → Promise; its resolved string is announced. */
  function form(fields, submitText, submit, extra) {
    return DC.form({ fields: fields.map(function (f) { return f.nodeType ? f : field(f); }), submit: submitText, onSubmit: submit, extra: extra });
  }

  /** A disclosure with a small form (e.g. approve with a letter number); `after` runs on success. */
  function inlineForm(label, fields, submit, okText, after, danger) {
    var details = h('details', { 'class': 'inline-action' + (danger ? ' danger' : '') }, h('summary', null, label));
    details.appendChild(form(fields, label, function (data) {
      return submit(data).then(function () {
        forget();
        if (after) { setTimeout(after, 0); }
        return okText;
      });
    }));
    return details;
  }

  /** One button doing one call; the failure, if any, shows beside it. */
  function actionButton(label, action, okText, after) {
    var box = h('div', { hidden: true });
    var button = h('button', { type: 'button', 'class': 'button secondary' }, label);
    button.addEventListener('click', function () {
      button.disabled = true;
      box.hidden = true;
      action().then(function () {
        forget();
        DC.notify(okText);
        if (after) { after(); }
      }, function (failure) {
        DC.showFailure(box, failure);
      }).then(function () { button.disabled = false; });
    });
    return h('span', { 'class': 'action' }, button, box);
  }

  /**
   * Fills `list` from a keyset-paged (or plain list) endpoint, with a "more" button following the
   * server's nextCursor. Resolves after the first page; rejects with the first page's failure.
   */
  function paged(list, url, render, emptyText) {
    var more = shown(h('button', { type: 'button', 'class': 'button secondary more' }, t('committee.more')), false);
    list.parentNode && list.parentNode.insertBefore(more, list.nextSibling);
    var cursor = null;
    function load() {
      more.disabled = true;
      var sep = url.indexOf('?') >= 0 ? '&' : '?';
      return get(url + sep + 'size=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '')).then(function (page) {
        items(page).forEach(function (item) { list.appendChild(render(item)); });
        cursor = page && !Array.isArray(page) ? page.nextCursor : null;
        shown(more, !!cursor);
        if (!more.parentNode && list.parentNode) { list.parentNode.insertBefore(more, list.nextSibling); }
        if (!list.children.length) { list.appendChild(h('li', { 'class': 'empty' }, emptyText)); }
      }).then(function () { more.disabled = false; });
    }
    more.addEventListener('click', function () {
      load().catch(function (failure) { list.parentNode.insertBefore(problem(failure), more); });
    });
    return load();
  }

  /**
   * Shows one screen of an area: the area's sub-navigation, then r.render(view, params) with
   * params = the hash query plus `id` (the route's first argument).
   * routes: [{route, label (bundle key, for the sub-navigation), render, parent?}]
   */
  function screen(routes, r, view, args, query) {
    var params = {};
    Object.keys(query || {}).forEach(function (k) { params[k] = query[k]; });
    if (args && args.length) { params.id = args[0]; }
    view.appendChild(subnav(routes, r, params));
    return r.render(view, params);
  }

  function subnav(routes, currentRoute, params) {
    var list = h('ul', { 'class': 'subnav' });
    var active = currentRoute.parent || currentRoute.route;
    routes.filter(function (r) { return r.label; }).forEach(function (r) {
      var a = link(t(r.label), r.route, params.under ? { under: params.under } : null);
      if (r.route === active) { a.setAttribute('aria-current', 'page'); }
      list.appendChild(h('li', null, a));
    });
    // laid out through CSSOM: the portal's CSP forbids style attributes
    list.style.cssText = 'list-style:none;margin:0 0 1rem;padding:0;display:flex;flex-wrap:wrap;gap:0.25rem 1rem';
    Array.prototype.forEach.call(list.querySelectorAll('a'), function (a) {
      a.style.cssText = 'display:inline-block;padding:0.5rem 0;min-height:2.75rem';
      if (a.getAttribute('aria-current')) { a.style.fontWeight = '700'; a.style.textDecoration = 'none'; }
    });
    return h('nav', { 'class': 'area-nav', 'aria-label': t(routes[0].label) }, list);
  }

  /** The screen's <h2> and the subtree it shows. */
  function heading(title, path) {
    var meta = h('p', { 'class': 'meta scope' }, path);
    units(path, 1).then(function (list) {
      var unit = list.filter(function (u) { return u.path === path; })[0];
      if (unit) { meta.textContent = unit.name + ' (' + path + ')'; }
    }, function () { /* the path alone will do */ });
    return h('div', { 'class': 'screen-head' }, h('h2', null, title), meta);
  }

  window.DCAreaKit = {
    t: t, h: h, maybe: maybe, joined: joined, number: number, compareVi: compareVi, isoDate: isoDate,
    depth: depth, inScope: inScope, under: under, items: items, get: get, post: post, put: put,
    upload: upload, units: units, children: children, unitByPath: unitByPath, forget: forget,
    hrefOf: hrefOf, go: go, link: link, back: back, status: status, problem: problem, field: field,
    radios: radios, select: select, checkbox: checkbox, form: form, inlineForm: inlineForm,
    actionButton: actionButton, paged: paged, shown: shown, screen: screen, heading: heading
  };
}());
