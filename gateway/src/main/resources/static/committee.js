/*
 * Chi bộ số — the commune committee's screens (area "committee", loaded by portal.js only for
 * users with the committee role). Every text comes from the bundles (keys "committee.*").
 *
 *   #committee                 cells at a glance: participation by cell, attendance trend, alerts
 *   #committee/transfers       transfers awaiting action, with their action buttons
 *   #committee/broadcasts      broadcasts: compose and list
 *   #committee/broadcast/{id}  one broadcast: read tracking per cell, per-member drill-down, remind
 *   #committee/feedback        the feedback inbox, its workflow and statistics
 *   #committee/statistics      member statistics, due lists and export links
 */
(function () {
  'use strict';

  var DC = window.DC;
  var UI, t, h; // the kit in charts.js, loaded with the first screen
  var MONTHS_SHOWN = 12;

  /* ---------------------------------------------------------------- cells at a glance */

  function monthKey(date) {
    return date.getFullYear() + '-' + ('0' + (date.getMonth() + 1)).slice(-2);
  }

  function monthsBack(n) {
    var now = new Date();
    return monthKey(new Date(now.getFullYear(), now.getMonth() - n, 1));
  }

  function monthLabel(key, long) {
    var parts = String(key || '').split('-');
    if (parts.length < 2) { return String(key || ''); }
    return t(long ? 'committee.month.long' : 'committee.month.short', [String(Number(parts[1])), parts[0]]);
  }

  function first(obj, names) {
    for (var i = 0; i < names.length; i++) {
      if (obj && obj[names[i]] !== undefined && obj[names[i]] !== null) { return obj[names[i]]; }
    }
    return null;
  }

  function renderGlance(view, params) {
    var under = UI.under(params);
    view.appendChild(heading(t('committee.glance.title'), under));
    var status = UI.status(view, t('committee.loading'));
    var from = monthsBack(MONTHS_SHOWN - 1);
    var to = monthsBack(0);
    var q = '?under=' + encodeURIComponent(under);
    Promise.all([
      UI.get('/api/analytics/participation' + q + '&from=' + from + '&to=' + to).catch(function (f) { return { failed: f }; }),
      UI.get('/api/alerts' + q + '&size=200').catch(function (f) { return { failed: f }; }),
      UI.units(under)
    ]).then(function (all) {
      status.remove();
      var analyticsFailure = all[0] && all[0].failed;
      var analytics = analyticsFailure ? {} : all[0] || {};
      var alerts = all[1] && all[1].failed ? null : UI.items(all[1]);
      var units = all[2];
      // the report: months[] {month, totals {counts, rates}, children[] {path, figures}}; a child's
      // rate over the period comes from its counts summed over the months (rates do not add up)
      var months = UI.items(analytics.months);
      var sums = {};
      months.forEach(function (m) {
        UI.items(m.children).forEach(function (c) {
          if (!c.path) { return; }
          var counts = (c.figures && c.figures.counts) || {};
          var sum = sums[c.path] || (sums[c.path] = { invited: 0, attended: 0, meetings: 0, lastMonth: null });
          sum.invited += counts.invited || 0;
          sum.attended += (counts.present || 0) + (counts.late || 0);
          sum.meetings += counts.meetings || 0;
          if (counts.meetings) { sum.lastMonth = m.month; }
        });
      });
      var rows = units.filter(function (u) {
        return UI.depth(u.path) === UI.depth(under) + 1 && (u.status === 'ACTIVE' || sums[u.path]);
      }).map(function (u) {
        var sum = sums[u.path];
        return {
          path: u.path,
          name: u.name,
          rate: sum && sum.invited ? sum.attended / sum.invited : null,
          meetings: sum ? sum.meetings : 0,
          lastMonth: sum ? sum.lastMonth : null,
          alerts: (alerts || []).filter(function (a) {
            var p = a.orgPath || '';
            return p === u.path || p.indexOf(u.path + '/') === 0;
          })
        };
      });
      rows.sort(function (a, b) { return UI.compareVi(a.name, b.name); });

      var section = h('section', { 'class': 'card', 'aria-labelledby': 'committee-chart-title' },
        h('h3', { id: 'committee-chart-title' }, t('committee.glance.charts')),
        analyticsFailure ? UI.problem(analyticsFailure) : null);
      var rated = rows.filter(function (r) { return r.rate !== null; });
      var avg = rated.length ? rated.reduce(function (s, r) { return s + r.rate; }, 0) / rated.length : null;
      var lowest = rated.slice().sort(function (a, b) { return a.rate - b.rate; })[0];
      if (!analyticsFailure) { section.appendChild(window.DCCharts.bars({
        id: 'participation-by-cell',
        title: t('committee.chart.byCell.title', [monthLabel(from, true), monthLabel(to, true)]),
        summary: rated.length
          ? t('committee.chart.byCell.summary', [String(rated.length), DCCharts.percent(avg), lowest.name, DCCharts.percent(lowest.rate)])
          : t('committee.chart.empty'),
        tableLabel: t('committee.chart.showTable'),
        columns: [t('committee.cell'), t('committee.attendanceRate')],
        items: rows.map(function (r) { return { label: r.name, value: r.rate }; }),
        format: 'percent',
        emptyText: t('committee.chart.empty')
      })); }
      var points = months.map(function (m) {
        var rates = (m.totals && m.totals.rates) || {};
        var rate = rates.attendance === undefined ? null : rates.attendance;
        return { label: monthLabel(m.month), value: rate, long: monthLabel(m.month, true) };
      });
      var known = points.filter(function (p) { return p.value !== null; });
      if (!analyticsFailure) { section.appendChild(window.DCCharts.line({
        id: 'attendance-trend',
        title: t('committee.chart.trend.title'),
        summary: known.length
          ? t('committee.chart.trend.summary', [known[0].long, DCCharts.percent(known[0].value), known[known.length - 1].long, DCCharts.percent(known[known.length - 1].value)])
          : t('committee.chart.empty'),
        tableLabel: t('committee.chart.showTable'),
        columns: [t('committee.month'), t('committee.attendanceRate')],
        points: points.map(function (p) { return { label: p.label, value: p.value }; }),
        format: 'percent'
      })); }
      view.appendChild(section);
      fitLabels(section);

      if (alerts === null) {
        view.appendChild(UI.problem(all[1].failed));
      }
      var list = h('ul', { 'class': 'list cells' });
      rows.forEach(function (r) {
        var meta = UI.joined([
          t('committee.glance.meetings', [UI.number(r.meetings)]),
          r.lastMonth ? t('committee.glance.lastMonth', [monthLabel(r.lastMonth, true)]) : t('committee.glance.noMeeting'),
          r.rate !== null ? t('committee.glance.rate', [DCCharts.percent(r.rate)]) : ''
        ]);
        r.membersBox = h('span', { 'class': 'meta members' });
        var li = h('li', { 'data-path': r.path }, h('span', { 'class': 'title' }, r.name), r.membersBox, h('span', { 'class': 'meta' }, meta));
        r.alerts.forEach(function (a) {
          li.appendChild(h('span', { 'class': 'meta alert-line' }, '⚠ ' + alertText(a)));
        });
        list.appendChild(li);
      });
      var alertCount = rows.reduce(function (n, r) { return n + r.alerts.length; }, 0);
      view.appendChild(h('section', { 'class': 'card', 'aria-labelledby': 'committee-cells-title' },
        h('h3', { id: 'committee-cells-title' }, t('committee.glance.cells', [String(rows.length)])),
        alerts !== null ? h('p', { 'class': 'meta' }, alertCount ? t('committee.glance.alerts', [String(alertCount)]) : t('committee.glance.noAlerts')) : null,
        list));
      memberCounts(rows);
    }, function (failure) {
      status.remove();
      view.appendChild(UI.problem(failure));
    });
  }

  /**
   * Members per cell, filled in after the page shows: one small read of the member-service
   * counters per cell, four at a time, only for a commune-sized list.
   */
  function memberCounts(rows) {
    if (rows.length > 60) { return; }
    var queue = rows.slice();
    function next() {
      var r = queue.shift();
      if (!r || !document.body.contains(r.membersBox)) { return null; }
      return UI.get('/api/members/statistics?under=' + encodeURIComponent(r.path)).then(function (s) {
        r.membersBox.textContent = t('committee.glance.members', [UI.number(s.active)]);
      }, function () { /* the count is a nicety */ }).then(next);
    }
    for (var i = 0; i < 4; i++) { next(); }
  }

  /** 'vn.digicell.meeting.regular-meeting-missed.v1' → the bundle's text, with its month or window. */
  function alertText(a) {
    var kind = String(a.type || '').replace(/^vn\.digicell\.meeting\./, '').replace(/\.v\d+$/, '');
    if (kind === 'regular-meeting-missed') { return t('committee.alert.regular-meeting-missed', [monthLabel(a.month, true)]); }
    if (kind === 'absence-alert-raised') { return t('committee.alert.absence-alert-raised', [DC.fmtDate(a.windowFrom), DC.fmtDate(a.windowTo)]); }
    return UI.maybe('committee.alert.' + kind) || kind;
  }

  /* ---------------------------------------------------------------- transfers */

  var OPEN_STATES = ['REQUESTED', 'APPROVED', 'RECEIVED'];

  function renderTransfers(view, params) {
    var under = UI.under(params);
    var state = params.state || 'OPEN';
    view.appendChild(heading(t('committee.transfers.title'), under));
    var filter = UI.select('transfer-state', t('committee.transfers.filter'),
      [['OPEN', t('committee.transfers.open')]].concat(['REQUESTED', 'APPROVED', 'RECEIVED', 'COMPLETED', 'REJECTED', 'EXPIRED'].map(function (s) {
        return [s, t('committee.transfer.state.' + s)];
      })), state, function (value) { UI.go('committee-transfers', { under: under, state: value }); });
    view.appendChild(h('div', { 'class': 'card' }, filter));
    var status = UI.status(view, t('committee.loading'));
    var states = state === 'OPEN' ? OPEN_STATES : [state];
    Promise.all([UI.units(under)].concat(states.map(function (s) {
      return UI.get('/api/transfers?under=' + encodeURIComponent(under) + '&state=' + s);
    }))).then(function (all) {
      status.remove();
      var names = {};
      all[0].forEach(function (u) { names[u.path] = u.name; });
      var transfers = [];
      all.slice(1).forEach(function (list) { transfers = transfers.concat(UI.items(list)); });
      transfers.sort(function (a, b) { return String(lastStep(a).on || '').localeCompare(String(lastStep(b).on || '')); });
      var list = h('ul', { 'class': 'list', id: 'transfers' });
      transfers.forEach(function (tr) { list.appendChild(transferItem(tr, names, under, view, params)); });
      if (!transfers.length) { list.appendChild(h('li', null, t('committee.transfers.none'))); }
      view.appendChild(h('section', { 'class': 'card', 'aria-label': t('committee.transfers.title') }, list));
    }, function (failure) {
      status.remove();
      view.appendChild(UI.problem(failure));
    });
  }

  function lastStep(tr) {
    return (tr.steps && tr.steps.length) ? tr.steps[tr.steps.length - 1] : {};
  }

  function transferItem(tr, names, under, view, params) {
    // units by name and people by name: paths and logins are not for reading
    function place(path) { return names[path] || t('committee.transfer.elsewhere'); }
    var mine = function (path) { return UI.inScope(path); };
    var li = h('li', { 'data-transfer': tr.id },
      h('span', { 'class': 'title' }, t('committee.transfer.kind.' + tr.kind) + ' — ' + t('committee.transfer.state.' + tr.state)),
      h('span', { 'class': 'meta' }, t('committee.transfer.route', [place(tr.fromPath), place(tr.toPath)])),
      h('span', { 'class': 'meta' }, UI.joined([
        t('committee.transfer.member', [tr.memberName || '…']),
        tr.letterNumber ? t('committee.transfer.letter', [tr.letterNumber]) : '',
        tr.deadline ? t('committee.transfer.deadline', [DC.fmtDate(tr.deadline)]) : '',
        tr.temporaryUntil ? t('committee.transfer.until', [DC.fmtDate(tr.temporaryUntil)]) : ''
      ])));
    var steps = h('ol', { 'class': 'steps meta' });
    (tr.steps || []).forEach(function (s) {
      steps.appendChild(h('li', null, UI.joined([t('committee.transfer.state.' + s.state), DC.fmtDate(s.on), s.note])));
    });
    li.appendChild(steps);
    if (!tr.memberName && tr.memberId) {
      var who = li.querySelectorAll('.meta')[1];
      UI.get('/api/members/' + encodeURIComponent(tr.memberId)).then(function (m) {
        tr.memberName = m.fullName;
        who.textContent = UI.joined([
          t('committee.transfer.member', [DC.fmtName(m.fullName)]),
          tr.letterNumber ? t('committee.transfer.letter', [tr.letterNumber]) : '',
          tr.deadline ? t('committee.transfer.deadline', [DC.fmtDate(tr.deadline)]) : '',
          tr.temporaryUntil ? t('committee.transfer.until', [DC.fmtDate(tr.temporaryUntil)]) : ''
        ]);
      }, function () { /* the rest of the line stands */ });
    }
    var actions = h('div', { 'class': 'actions' });
    var reload = function () { DC.refresh(); };
    if (tr.state === 'REQUESTED' && mine(tr.fromPath)) {
      actions.appendChild(UI.inlineForm(t('committee.transfer.approve'), [
        { name: 'letterNumber', label: t('committee.transfer.letterNumber'), required: true, maxlength: 60 }
      ], function (values) {
        return UI.post('/api/transfers/' + tr.id + '/approve', { letterNumber: values.letterNumber });
      }, t('committee.transfer.approved'), reload));
    }
    if (tr.state === 'APPROVED' && mine(tr.toPath)) {
      actions.appendChild(UI.actionButton(t('committee.transfer.receive'), function () {
        return UI.post('/api/transfers/' + tr.id + '/receive', {});
      }, t('committee.transfer.received'), reload));
    }
    if (tr.state === 'RECEIVED' && mine(tr.toPath)) {
      actions.appendChild(UI.actionButton(t('committee.transfer.complete'), function () {
        return UI.post('/api/transfers/' + tr.id + '/complete', {});
      }, t('committee.transfer.completed'), reload));
    }
    if (OPEN_STATES.indexOf(tr.state) >= 0) {
      actions.appendChild(UI.inlineForm(t('committee.transfer.reject'), [
        { name: 'reason', label: t('committee.transfer.reason'), required: true, maxlength: 500, multiline: true }
      ], function (values) {
        return UI.post('/api/transfers/' + tr.id + '/reject', { reason: values.reason });
      }, t('committee.transfer.rejected'), reload, true));
    }
    if (actions.children.length) { li.appendChild(actions); }
    return li;
  }

  /* ---------------------------------------------------------------- broadcasts */

  function renderBroadcasts(view, params) {
    var under = UI.under(params);
    view.appendChild(heading(t('committee.broadcasts.title'), under));
    view.appendChild(composeForm(under));
    var status = UI.status(view, t('committee.loading'));
    var list = h('ul', { 'class': 'list', id: 'broadcasts' });
    view.appendChild(h('section', { 'class': 'card', 'aria-labelledby': 'broadcasts-sent' },
      h('h3', { id: 'broadcasts-sent' }, t('committee.broadcasts.sent')), list));
    UI.paged(list, '/api/broadcasts?under=' + encodeURIComponent(under), function (b) {
      var totals = b.totals || {};
      var received = totals.recipients || 0;
      var read = totals.read || 0;
      return h('li', null,
        UI.link(b.title, 'committee-broadcast/' + b.id, { under: under }),
        h('span', { 'class': 'meta' }, UI.joined([
          t('committee.broadcast.kind.' + (b.kind || 'ANNOUNCEMENT')),
          DC.fmtDateTime(b.sentAt || b.createdAt),
          b.dueOn ? t('committee.broadcast.due', [DC.fmtDate(b.dueOn)]) : '',
          received ? t('committee.broadcast.readOf', [UI.number(read), UI.number(received)]) : '',
          b.kind === 'TASK' && received ? t('committee.broadcast.ackOf', [UI.number(totals.acknowledged || 0), UI.number(received)]) : ''
        ])));
    }, t('committee.broadcasts.none')).then(function () { status.remove(); }, function (failure) {
      status.remove();
      view.appendChild(UI.problem(failure));
    });
  }

  /** "9/12/2026" or "09/12/2026" → "2026-12-09"; null when it is no real day. */
  function isoDay(text) {
    var m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(String(text || '').trim());
    if (!m) { return null; }
    var d = Number(m[1]), mo = Number(m[2]), y = Number(m[3]);
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) { return null; }
    return y + '-' + ('0' + mo).slice(-2) + '-' + ('0' + d).slice(-2);
  }

  /**
   * On a narrow screen a long cell name would run under its percentage: shorten the visible label
   * (the full name stays in the row's tooltip and in the table) until it clears the value.
   */
  function fitLabels(root) {
    Array.prototype.forEach.call(root.querySelectorAll('svg.chart-bars'), function (chart) {
      var width = chart.getBoundingClientRect().width;
      if (!width) { return; }
      Array.prototype.forEach.call(chart.querySelectorAll('g.chart-row'), function (g) {
        var label = g.querySelector('.chart-label');
        var value = g.querySelector('.chart-value');
        if (!label || !value || !label.getComputedTextLength) { return; }
        var full = label.getAttribute('data-full') || label.textContent;
        label.setAttribute('data-full', full);
        label.textContent = full;
        var room = width - value.getComputedTextLength() - 12;
        var text = full;
        while (text.length > 1 && label.getComputedTextLength() > room) {
          text = text.slice(0, -1);
          label.textContent = text.replace(/\s+$/, '') + '…';
        }
      });
    });
  }

  var fitting = null;
  window.addEventListener('resize', function () {
    if (fitting) { clearTimeout(fitting); }
    fitting = setTimeout(function () { fitLabels(document); }, 150);
  });

  /** The screen's title and the unit it covers, by name (its path is for machines). */
  function heading(title, path) {
    var meta = h('p', { 'class': 'meta scope' }, '…');
    UI.units(path, 1).then(function (list) {
      var unit = list.filter(function (u) { return u.path === path; })[0];
      meta.textContent = unit ? unit.name : '';
    }, function () { meta.textContent = ''; });
    return h('div', { 'class': 'screen-head' }, h('h2', null, title), meta);
  }

  function composeForm(under) {
    var details = h('details', { 'class': 'card', id: 'compose' }, h('summary', null, t('committee.broadcast.compose')));
    var kind = UI.radios('kind', t('committee.broadcast.kind'), [
      ['ANNOUNCEMENT', t('committee.broadcast.kind.ANNOUNCEMENT')],
      ['TASK', t('committee.broadcast.kind.TASK')]
    ], 'ANNOUNCEMENT');
    // typed as dd/mm/yyyy: a date input would follow the browser's language (mm/dd/yyyy in English)
    var due = UI.field({ name: 'dueOn', label: t('committee.broadcast.dueOn'), type: 'text', pattern: '\\d{1,2}/\\d{1,2}/\\d{4}', maxlength: 10, hint: t('committee.dateHint') });
    var dueInput = due.querySelector('input');
    dueInput.setAttribute('placeholder', t('committee.datePlaceholder'));
    dueInput.setAttribute('inputmode', 'numeric');
    due.hidden = true;
    kind.addEventListener('change', function (e) { due.hidden = e.target.value !== 'TASK'; });
    var targets = h('fieldset', { 'class': 'field targets', 'data-field': 'targets' }, h('legend', null, t('committee.broadcast.targets')));
    var everyone = UI.checkbox('target', under, t('committee.broadcast.everyone', ['…']), false);
    targets.appendChild(everyone);
    UI.units(under).then(function (units) {
      var self = units.filter(function (u) { return u.path === under; })[0];
      var label = everyone.querySelector('label') || everyone;
      label.textContent = t('committee.broadcast.everyone', [self ? self.name : t('committee.broadcast.allCells')]);
    }, function () { /* the list below still works */ });
    var cellsBox = h('div', { 'class': 'target-cells' }, t('committee.loading'));
    targets.appendChild(cellsBox);
    targets.appendChild(h('p', { 'class': 'field-error', hidden: true }));
    UI.children(under).then(function (units) {
      cellsBox.textContent = '';
      units.filter(function (u) { return u.status === 'ACTIVE'; })
        .sort(function (a, b) { return UI.compareVi(a.name, b.name); })
        .forEach(function (u) { cellsBox.appendChild(UI.checkbox('target', u.path, u.name, false)); });
    }, function (failure) { cellsBox.textContent = failure.title || ''; });
    var form = UI.form([
      kind,
      { name: 'title', label: t('committee.broadcast.titleField'), required: true, maxlength: 200 },
      { name: 'body', label: t('committee.broadcast.body'), required: true, maxlength: 5000, multiline: true },
      due,
      targets,
      { name: 'documentIds', label: t('committee.broadcast.documents'), hint: t('committee.broadcast.documentsHint') }
    ], t('committee.broadcast.send'), function (values, node) {
      var chosen = Array.prototype.filter.call(node.querySelectorAll('input[name="target"]'), function (c) { return c.checked; })
        .map(function (c) { return c.value; });
      if (!chosen.length) {
        return Promise.reject(new DC.Failure(400, { title: t('committee.broadcast.noTargets'), errors: [{ field: 'targets', message: t('committee.broadcast.noTargets') }] }));
      }
      var body = {
        kind: values.kind,
        title: values.title,
        body: values.body,
        targets: chosen.indexOf(under) >= 0 ? [under] : chosen
      };
      if (body.kind === 'TASK' && values.dueOn) {
        body.dueOn = isoDay(values.dueOn);
        if (!body.dueOn) {
          return Promise.reject(new DC.Failure(400, { title: t('portal.error.invalid'), errors: [{ field: 'dueOn', message: t('committee.dateInvalid') }] }));
        }
      }
      var docs = (values.documentIds || '').split(/[\s,;]+/).filter(function (d) { return d; });
      if (docs.length) { body.documentIds = docs; }
      return UI.post('/api/broadcasts', body).then(function (created) {
        UI.go('committee-broadcast/' + created.id, { under: under });
        return t('committee.broadcast.sentOk');
      });
    });
    form.id = 'broadcast-form';
    details.appendChild(form);
    return details;
  }

  /** Who sent it: the person's name and the committee's unit, never a login. */
  function senderOf(b) {
    if (b.senderName && b.senderUnit) { return t('committee.broadcast.sender', [DC.fmtName(b.senderName) + ', ' + b.senderUnit]); }
    if (b.senderUnit) { return t('committee.broadcast.sender', [b.senderUnit]); }
    return '';
  }

  var LIVE_EVERY = 5000;
  var LIVE_FOR = 30 * 60 * 1000;

  function renderBroadcast(view, params) {
    var id = params.id;
    var under = UI.under(params);
    var status = UI.status(view, t('committee.loading'));
    view.appendChild(UI.back(t('committee.broadcasts.back'), 'committee-broadcasts', { under: under }));
    var names = {};
    var live = h('div', { id: 'broadcast-live' });
    var drill = h('div', { id: 'recipients', 'aria-live': 'polite' });
    var chosen = null;
    var shown = null;
    function load() {
      return Promise.all([
        UI.get('/api/broadcasts/' + encodeURIComponent(id)),
        UI.get('/api/broadcasts/' + encodeURIComponent(id) + '/cells?size=500')
      ]);
    }
    /** The figures and the per-cell chart, drawn again whenever they change (no reload needed). */
    function draw(b, cells) {
      var key = JSON.stringify([b.totals, b.recipientCount, b.fanOut && b.fanOut.state, cells]);
      if (key === shown) { return; }
      shown = key;
      DC.clear(live);
      var totals = b.totals || {};
      var recipients = b.recipientCount || totals.recipients || 0;
      var received = totals.received || 0;
      var read = totals.read || 0;
      var acknowledged = totals.acknowledged || 0;
      var head = h('section', { 'class': 'card', 'aria-labelledby': 'broadcast-title' },
        h('h2', { id: 'broadcast-title' }, b.title),
        h('p', { 'class': 'meta' }, UI.joined([
          t('committee.broadcast.kind.' + (b.kind || 'ANNOUNCEMENT')),
          DC.fmtDateTime(b.sentAt || b.createdAt),
          senderOf(b),
          b.dueOn ? t('committee.broadcast.due', [DC.fmtDate(b.dueOn)]) : '',
          (b.targets || []).map(function (p) { return names[p] || p; }).join(', ')
        ])),
        h('p', { 'class': 'broadcast-body' }, b.body || ''));
      var base = recipients || received;
      var delivering = !b.fanOut || b.fanOut.state !== 'COMPLETED';
      if (delivering) {
        head.appendChild(h('p', { 'class': 'meta', role: 'status', id: 'broadcast-delivering' }, base
          ? t('committee.broadcast.fanningOut', [UI.number(received)])
          : t('committee.broadcast.delivering')));
      }
      if (base) {
        // never "0/0": the figures show once someone has it
        head.appendChild(window.DCCharts.meter({ value: received, max: base, label: t('committee.broadcast.received', [UI.number(received), UI.number(base)]) }));
        head.appendChild(window.DCCharts.meter({ value: read, max: base, label: t('committee.broadcast.read', [UI.number(read), UI.number(base), DCCharts.percent(base ? read / base : null)]) }));
        if (b.kind === 'TASK') {
          head.appendChild(h('div', { id: 'broadcast-acknowledged' }, window.DCCharts.meter({ value: acknowledged, max: base, label: t('committee.broadcast.acknowledged', [UI.number(acknowledged), UI.number(base)]) })));
        }
      }
      var outstanding = b.kind === 'TASK' ? base - acknowledged : base - read;
      if (!delivering && outstanding > 0) {
        head.appendChild(UI.actionButton(t(b.kind === 'TASK' ? 'committee.broadcast.remindTask' : 'committee.broadcast.remind', [UI.number(outstanding)]), function () {
          return UI.post('/api/broadcasts/' + encodeURIComponent(id) + '/remind', {});
        }, t('committee.broadcast.reminded'), null));
      }
      live.appendChild(head);

      var rows = cells.map(function (c) {
        var total = c.recipients || 0;
        return {
          path: c.cellPath,
          name: names[c.cellPath] || c.cellPath,
          total: total, read: c.read || 0, rate: total ? (c.read || 0) / total : null,
          acknowledged: c.acknowledged || 0
        };
      }).sort(function (a, b2) { return UI.compareVi(a.name, b2.name); });
      var tracking = h('section', { 'class': 'card', 'aria-labelledby': 'tracking-title', id: 'read-tracking' },
        h('h3', { id: 'tracking-title' }, t('committee.broadcast.tracking')));
      var unreadCells = rows.filter(function (r) { return r.read < r.total; }).length;
      tracking.appendChild(window.DCCharts.bars({
        id: 'read-by-cell',
        title: t('committee.broadcast.byCell'),
        summary: t('committee.broadcast.byCell.summary', [String(rows.length), String(unreadCells)]),
        tableLabel: t('committee.chart.showTable'),
        columns: [t('committee.cell'), t('committee.broadcast.readShare'), t('committee.broadcast.readCount')],
        items: rows.map(function (r) { return { label: r.name, value: r.rate, note: t('committee.broadcast.readOfShort', [UI.number(r.read), UI.number(r.total)]) }; }),
        format: 'percent',
        emptyText: delivering ? t('committee.broadcast.delivering') : t('committee.broadcast.noCells')
      }));
      var choose = h('ul', { 'class': 'list' });
      rows.forEach(function (r) {
        var label = b.kind === 'TASK'
          ? t('committee.broadcast.whoInCellTask', [r.name, UI.number(r.read), UI.number(r.total), UI.number(r.acknowledged)])
          : t('committee.broadcast.whoInCell', [r.name, UI.number(r.read), UI.number(r.total)]);
        var button = h('button', { type: 'button', 'class': 'link', 'data-cell': r.path }, label);
        if (chosen === r.path) { button.setAttribute('aria-current', 'true'); }
        button.addEventListener('click', function () {
          Array.prototype.forEach.call(choose.querySelectorAll('.link'), function (x) { x.removeAttribute('aria-current'); });
          button.setAttribute('aria-current', 'true');
          chosen = r.path;
          showRecipients(drill, id, r, b.kind);
        });
        choose.appendChild(h('li', null, button));
      });
      tracking.appendChild(choose);
      live.appendChild(tracking);
      fitLabels(live);
    }
    return Promise.all([load(), UI.units(under)]).then(function (all) {
      status.remove();
      all[1].forEach(function (u) { names[u.path] = u.name; });
      view.appendChild(live);
      view.appendChild(drill);
      draw(all[0][0], UI.items(all[0][1]));
      // the figures follow reads and acknowledgements as they come, while this page is open
      var since = Date.now();
      var timer = setInterval(function () {
        if (!document.body.contains(live) || Date.now() - since > LIVE_FOR) { clearInterval(timer); return; }
        load().then(function (again) { draw(again[0], UI.items(again[1])); }, function () { /* next round */ });
      }, LIVE_EVERY);
    }, function (failure) {
      status.remove();
      view.appendChild(UI.problem(failure));
    });
  }

  function showRecipients(box, id, cell, kind) {
    box.textContent = '';
    var heading = h('h4', { tabindex: '-1' }, cell.name);
    box.appendChild(heading);
    var states = ['', 'NOT_READ', 'READ'].concat(kind === 'TASK' ? ['NOT_ACKNOWLEDGED', 'ACKNOWLEDGED'] : []);
    var holder = h('div', { 'class': 'recipients-list' });
    var load = function (state) {
      DC.clear(holder);
      var list = h('ul', { 'class': 'list recipients' });
      holder.appendChild(list);
      UI.paged(list, '/api/broadcasts/' + encodeURIComponent(id) + '/recipients?cellPath=' + encodeURIComponent(cell.path) + (state ? '&state=' + state : ''), function (r) {
        var st = r.completedAt ? 'COMPLETED' : (r.acknowledgedAt ? 'ACKNOWLEDGED' : (r.readAt ? 'READ' : 'NOT_READ'));
        return h('li', { 'class': st === 'NOT_READ' ? 'unread' : '', 'data-state': st },
          h('span', { 'class': 'title' }, DC.fmtName(r.fullName) || r.memberId),
          h('span', { 'class': 'meta' }, UI.joined([
            t('committee.recipient.state.' + st),
            r.readAt ? t('committee.recipient.readAt', [DC.fmtDateTime(r.readAt)]) : '',
            r.acknowledgedAt ? t('committee.recipient.ackAt', [DC.fmtDateTime(r.acknowledgedAt)]) : '',
            r.completedAt ? t('committee.recipient.doneAt', [DC.fmtDateTime(r.completedAt)]) : '',
            r.note
          ])));
      }, t('committee.recipients.none')).catch(function (failure) { holder.appendChild(UI.problem(failure)); });
    };
    box.appendChild(UI.select('recipient-state', t('committee.recipients.filter'), states.map(function (s) {
      return [s, s ? t('committee.recipient.state.' + s) : t('committee.recipients.all')];
    }), '', load));
    box.appendChild(holder);
    load('');
    heading.focus();
  }

  /* ---------------------------------------------------------------- feedback */

  var FEEDBACK_STATUSES = ['RECEIVED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'DECLINED'];

  /** Feedback has no title: its first words stand for it. */
  function feedbackTitle(f) {
    var text = String(f.text || '').replace(/\s+/g, ' ').trim();
    return text.length > 90 ? text.substring(0, 87) + '…' : (text || t('committee.feedback.untitled'));
  }

  function renderFeedback(view, params) {
    var under = UI.under(params);
    var status = params.status || '';
    view.appendChild(heading(t('committee.feedback.title'), under));
    var filter = UI.select('feedback-status', t('committee.feedback.filter'),
      [['', t('committee.feedback.all')]].concat(FEEDBACK_STATUSES.map(function (s) { return [s, t('committee.feedback.status.' + s)]; })),
      status, function (value) { UI.go('committee-feedback', { under: under, status: value }); });
    var list = h('ul', { 'class': 'list', id: 'feedback' });
    view.appendChild(h('section', { 'class': 'card', 'aria-labelledby': 'feedback-inbox' },
      h('h3', { id: 'feedback-inbox' }, t('committee.feedback.inbox')), filter, list));
    var stats = h('section', { 'class': 'card', 'aria-labelledby': 'feedback-stats' },
      h('h3', { id: 'feedback-stats' }, t('committee.feedback.statistics')), h('p', { 'class': 'status' }, t('committee.loading')));
    view.appendChild(stats);
    UI.paged(list, '/api/feedback?box=inbox' + (status ? '&status=' + status : ''), function (f) {
      return h('li', { 'class': f.status === 'RECEIVED' ? 'unread' : '' },
        UI.link(feedbackTitle(f), 'committee-feedback-item/' + f.id, { under: under }),
        h('span', { 'class': 'meta' }, UI.joined([
          DC.statusText('committee.feedback.status.', f.status),
          DC.statusText('committee.feedback.category.', f.category),
          f.location,
          DC.fmtDateTime(f.submittedAt),
          f.resolveBy && (f.status !== 'RESOLVED' && f.status !== 'DECLINED') ? t('committee.feedback.resolveBy', [DC.fmtDate(f.resolveBy)]) : ''
        ])));
    }, t('committee.feedback.none')).catch(function (failure) { list.parentNode.appendChild(UI.problem(failure)); });
    UI.get('/api/feedback/statistics?under=' + encodeURIComponent(under)).then(function (rows) {
      DC.clear(stats);
      stats.appendChild(h('h3', { id: 'feedback-stats' }, t('committee.feedback.statistics')));
      rows = UI.items(rows);
      var sum = { open: 0, overdue: 0, resolved: 0, declined: 0 };
      var seconds = 0, weighted = 0;
      rows.forEach(function (r) {
        Object.keys(sum).forEach(function (k) { sum[k] += r[k] || 0; });
        if (r.averageSecondsToResolve !== null && r.averageSecondsToResolve !== undefined) {
          seconds += r.averageSecondsToResolve * (r.resolved || 0);
          weighted += r.resolved || 0;
        }
      });
      var total = sum.open + sum.resolved + sum.declined;
      stats.appendChild(window.DCCharts.bars({
        id: 'feedback-by-status',
        title: t('committee.feedback.byStatus'),
        summary: t('committee.feedback.byStatus.summary', [UI.number(total), UI.number(sum.open), UI.number(sum.overdue)]),
        tableLabel: t('committee.chart.showTable'),
        columns: [t('committee.feedback.status'), t('committee.feedback.count')],
        items: ['open', 'overdue', 'resolved', 'declined'].map(function (k) { return { label: t('committee.feedback.figure.' + k), value: sum[k] }; }),
        emptyText: t('committee.chart.empty')
      }));
      if (weighted) {
        stats.appendChild(h('p', { 'class': 'meta' }, t('committee.feedback.resolutionDays', [UI.number(Math.round(seconds / weighted / 8640) / 10)])));
      }
      if (rows.length > 1) {
        var table = h('table', null,
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('committee.feedback.committee')),
            ['open', 'overdue', 'resolved', 'declined'].map(function (k) { return h('th', { scope: 'col' }, t('committee.feedback.figure.' + k)); }))),
          h('tbody', null, rows.map(function (r) {
            return h('tr', null, h('th', { scope: 'row' }, r.routedTo),
              ['open', 'overdue', 'resolved', 'declined'].map(function (k) { return h('td', null, UI.number(r[k])); }));
          })));
        stats.appendChild(h('div', { 'class': 'table-wrap' }, table));
      }
    }, function (failure) {
      DC.clear(stats);
      stats.appendChild(UI.problem(failure));
    });
  }

  function renderFeedbackItem(view, params) {
    var id = params.id;
    var under = UI.under(params);
    view.appendChild(UI.back(t('committee.feedback.back'), 'committee-feedback', { under: under }));
    var status = UI.status(view, t('committee.loading'));
    var unitNames = {};
    return Promise.all([
      UI.get('/api/feedback/' + encodeURIComponent(id)),
      UI.units(under).then(function (units) {
        units.forEach(function (u) { unitNames[u.path] = u.name; });
      }, function () { /* names are a nicety */ })
    ]).then(function (both) {
      var f = both[0];
      status.remove();
      var reload = function () { DC.refresh(); };
      var card = h('section', { 'class': 'card', 'aria-labelledby': 'feedback-title' },
        h('h2', { id: 'feedback-title' }, feedbackTitle(f)),
        h('p', { 'class': 'meta' }, UI.joined([
          DC.statusText('committee.feedback.status.', f.status),
          DC.statusText('committee.feedback.category.', f.category),
          DC.fmtDateTime(f.submittedAt),
          f.submitterName || (f.anonymousToOthers ? t('committee.feedback.anonymous') : ''),
          f.onBehalfOfCell ? t('committee.feedback.onBehalfOfCell', [unitNames[f.originPath] || f.originPath]) : '',
          f.assignee ? t('committee.feedback.assignee', [f.assignee.name || f.assignee.memberId]) : '',
          f.resolveBy && f.status !== 'RESOLVED' && f.status !== 'DECLINED' ? t('committee.feedback.resolveBy', [DC.fmtDate(f.resolveBy)]) : ''
        ])),
        h('p', null, t('committee.feedback.location', [f.location || ''])),
        h('p', { 'class': 'feedback-body' }, f.text || ''));
      if ((f.attachments || []).length) {
        card.appendChild(h('ul', { 'class': 'list' }, f.attachments.map(function (a) {
          return h('li', null, h('a', { href: '/api/feedback/' + encodeURIComponent(f.id) + '/attachments/' + encodeURIComponent(a.fileId), target: '_blank', rel: 'noopener' },
            t('committee.feedback.attachment', [a.filename || a.fileId])));
        })));
      }
      var thread = h('ol', { 'class': 'list thread' });
      (f.responses || []).forEach(function (r) {
        thread.appendChild(h('li', null, h('span', { 'class': 'title' }, r.text || ''),
          h('span', { 'class': 'meta' }, DC.fmtDateTime(r.at))));
      });
      (f.escalations || []).forEach(function (e) {
        thread.appendChild(h('li', null, h('span', { 'class': 'meta' }, t('committee.feedback.escalated', [unitNames[e.from] || e.from, unitNames[e.to] || e.to, DC.fmtDateTime(e.at)]))));
      });
      if (thread.children.length) {
        card.appendChild(h('h3', null, t('committee.feedback.responses')));
        card.appendChild(thread);
      }
      var actions = h('div', { 'class': 'actions' });
      var open = f.status !== 'RESOLVED' && f.status !== 'DECLINED';
      if (open) {
        actions.appendChild(UI.inlineForm(t('committee.feedback.assign'), [
          { name: 'assigneeName', label: t('committee.feedback.assigneeField'), required: true, maxlength: 200, hint: t('committee.feedback.assigneeHint') }
        ], function (v) { return UI.post('/api/feedback/' + id + '/assign', { assigneeName: v.assigneeName }); }, t('committee.feedback.done'), reload));
        if (f.status !== 'IN_PROGRESS') {
          actions.appendChild(UI.actionButton(t('committee.feedback.start'), function () {
            return UI.post('/api/feedback/' + id + '/start', {});
          }, t('committee.feedback.done'), reload));
        }
        actions.appendChild(UI.inlineForm(t('committee.feedback.respond'), [
          { name: 'text', label: t('committee.feedback.responseField'), required: true, maxlength: 5000, multiline: true }
        ], function (v) { return UI.post('/api/feedback/' + id + '/responses', { text: v.text }); }, t('committee.feedback.done'), reload));
        actions.appendChild(UI.inlineForm(t('committee.feedback.resolve'), [
          { name: 'response', label: t('committee.feedback.resolutionField'), required: true, maxlength: 5000, multiline: true }
        ], function (v) { return UI.post('/api/feedback/' + id + '/resolve', { response: v.response }); }, t('committee.feedback.done'), reload));
        actions.appendChild(UI.inlineForm(t('committee.feedback.decline'), [
          { name: 'response', label: t('committee.feedback.reasonField'), required: true, maxlength: 5000, multiline: true }
        ], function (v) { return UI.post('/api/feedback/' + id + '/decline', { response: v.response }); }, t('committee.feedback.done'), reload, true));
      }
      card.appendChild(actions);
      view.appendChild(card);
    }, function (failure) {
      status.remove();
      view.appendChild(UI.problem(failure));
    });
  }

  /* ---------------------------------------------------------------- statistics and due lists */

  function renderStatistics(view, params) {
    var under = UI.under(params);
    var names = {};
    var cellName = function (path) { return names[path] || path; };
    return UI.units(under).then(function (units) {
      units.forEach(function (u) { names[u.path] = u.name; });
    }, function () { /* paths will do */ }).then(function () { statistics(view, under, cellName); });
  }

  function statistics(view, under, cellName) {
    view.appendChild(heading(t('committee.statistics.title'), under));
    var q = 'under=' + encodeURIComponent(under);
    var exportCard = h('section', { 'class': 'card', 'aria-labelledby': 'export-title' },
      h('h3', { id: 'export-title' }, t('committee.export.title')),
      h('p', null,
        h('a', { 'class': 'button secondary', href: '/api/members/export?' + q + '&format=csv', download: '' }, t('committee.export.csv')), ' ',
        h('a', { 'class': 'button secondary', href: '/api/members/export?' + q + '&format=xlsx', download: '' }, t('committee.export.xlsx'))),
      h('p', { 'class': 'meta' }, t('committee.export.note')));
    var figures = h('section', { 'class': 'card', 'aria-labelledby': 'stats-title' },
      h('h3', { id: 'stats-title' }, t('committee.statistics.members')), h('p', null, t('committee.loading')));
    view.appendChild(figures);
    UI.get('/api/members/statistics?' + q).then(function (s) {
      figures.removeChild(figures.lastChild);
      figures.appendChild(h('p', { 'class': 'who' }, t('committee.statistics.totals', [UI.number(s.total), UI.number(s.active)])));
      [['byStatus', 'committee.statistics.byStatus', 'committee.member.status.'],
        ['byGender', 'committee.statistics.byGender', 'committee.gender.'],
        ['byAgeBand', 'committee.statistics.byAgeBand', null],
        ['byEthnicity', 'committee.statistics.byEthnicity', null],
        ['byYearAdmitted', 'committee.statistics.byYearAdmitted', null]].forEach(function (spec) {
        var map = s[spec[0]] || {};
        var keys = Object.keys(map);
        if (spec[0] === 'byEthnicity') { keys.sort(function (a, b) { return map[b] - map[a]; }); keys = keys.slice(0, 10); }
        if (spec[0] === 'byYearAdmitted') { keys.sort(); }
        var items = keys.map(function (k) { return { label: spec[2] ? (UI.maybe(spec[2] + k) || k) : k, value: map[k] }; });
        var total = items.reduce(function (n, i) { return n + i.value; }, 0);
        var details = h('details', { 'class': 'stat-group' }, h('summary', null, t(spec[1])));
        if (spec[0] === 'byStatus' || spec[0] === 'byAgeBand') { details.open = true; }
        details.appendChild(window.DCCharts.bars({
          title: null,
          summary: t('committee.statistics.summary', [t(spec[1]), String(items.length), UI.number(total)]),
          tableLabel: t('committee.chart.showTable'),
          columns: [t(spec[1]), t('committee.statistics.count')],
          items: items,
          emptyText: t('committee.chart.empty')
        }));
        figures.appendChild(details);
      });
    }, function (failure) {
      figures.removeChild(figures.lastChild);
      figures.appendChild(UI.problem(failure));
    });

    var changes = h('section', { 'class': 'card', 'aria-labelledby': 'changes-title' },
      h('h3', { id: 'changes-title' }, t('committee.changes.title')));
    var changeBox = h('div', { 'aria-live': 'polite' });
    var thisMonth = UI.isoDate(new Date()).substring(0, 7);
    var changeForm = UI.form([
      { name: 'from', label: t('committee.changes.from'), type: 'month', value: thisMonth.substring(0, 4) + '-01', required: true, pattern: '\\d{4}-\\d{2}', hint: t('committee.changes.monthHint') },
      { name: 'to', label: t('committee.changes.to'), type: 'month', value: thisMonth, required: true, pattern: '\\d{4}-\\d{2}' }
    ], t('committee.changes.show'), function (v) {
      DC.clear(changeBox);
      changeBox.appendChild(h('p', { 'class': 'status' }, t('committee.loading')));
      return UI.get('/api/members/statistics/changes?' + q + '&from=' + v.from + '&to=' + v.to).then(function (c) {
        DC.clear(changeBox);
        var map = (c.total && c.total.changes) || {};
        var items = Object.keys(map)
          .map(function (k) { return { label: UI.maybe('committee.changes.kind.' + k) || k, value: map[k] }; });
        changeBox.appendChild(window.DCCharts.bars({
          title: t('committee.changes.chart', [monthLabel(v.from, true), monthLabel(v.to, true)]),
          summary: t('committee.changes.summary', [String(items.length)]),
          tableLabel: t('committee.chart.showTable'),
          columns: [t('committee.changes.kind'), t('committee.statistics.count')],
          items: items,
          emptyText: t('committee.chart.empty')
        }));
      }, function (failure) {
        DC.clear(changeBox);
        throw failure;
      });
    });
    changes.appendChild(changeForm);
    changes.appendChild(changeBox);
    // day by day: how many changes each day (admissions, decisions, transfers…), up to a year
    var dayBox = h('div', { 'aria-live': 'polite', id: 'changes-by-day' });
    var today = UI.isoDate(new Date());
    var dayForm = UI.form([
      { name: 'from', label: t('committee.changes.dayFrom'), type: 'date', value: today.substring(0, 8) + '01', required: true },
      { name: 'to', label: t('committee.changes.dayTo'), type: 'date', value: today, required: true }
    ], t('committee.changes.showDays'), function (v) {
      DC.clear(dayBox);
      return UI.get('/api/members/statistics/changes?' + q + '&granularity=day&from=' + v.from + '&to=' + v.to).then(function (c) {
        var items = (c.buckets || []).map(function (b) {
          var sum = Object.keys(b.changes || {}).reduce(function (n, k) { return n + b.changes[k]; }, 0);
          return { label: DC.fmtDate(b.period), value: sum };
        }).filter(function (i) { return i.value > 0; });
        dayBox.appendChild(window.DCCharts.bars({
          title: t('committee.changes.dayChart', [DC.fmtDate(v.from), DC.fmtDate(v.to)]),
          summary: t('committee.changes.summary', [String(items.length)]),
          tableLabel: t('committee.chart.showTable'),
          columns: [t('committee.changes.day'), t('committee.statistics.count')],
          items: items,
          emptyText: t('committee.chart.empty')
        }));
      });
    });
    dayForm.id = 'changes-day-form';
    changes.appendChild(dayForm);
    changes.appendChild(dayBox);
    view.appendChild(changes);

    var official = h('ul', { 'class': 'list', id: 'due-official' });
    view.appendChild(h('section', { 'class': 'card', 'aria-labelledby': 'due-official-title' },
      h('h3', { id: 'due-official-title' }, t('committee.due.official')),
      h('p', { 'class': 'meta' }, t('committee.due.officialHint')), official));
    UI.paged(official, '/api/members/due/official-recognition?' + q, function (d) {
      var m = d.member || {};
      return h('li', { 'class': d.overdue ? 'unread' : '' },
        h('span', { 'class': 'title' }, m.fullName || m.id),
        h('span', { 'class': 'meta' }, UI.joined([
          m.partyNumber ? t('committee.member.partyNumber', [m.partyNumber]) : '',
          t('committee.due.probationEnds', [DC.fmtDate(d.probationEnds)]),
          d.overdue ? t('committee.due.overdue') : '',
          cellName(m.orgPath)
        ])));
    }, t('committee.due.none')).catch(function (failure) { official.parentNode.appendChild(UI.problem(failure)); });

    var badges = h('ul', { 'class': 'list', id: 'due-badges' });
    view.appendChild(h('section', { 'class': 'card', 'aria-labelledby': 'due-badges-title' },
      h('h3', { id: 'due-badges-title' }, t('committee.due.badges')),
      h('p', { 'class': 'meta' }, t('committee.due.badgesHint')), badges));
    UI.get('/api/members/due/party-badges?' + q + '&withinDays=90').then(function (list) {
      var items = UI.items(list);
      items.sort(function (a, b) { return String(a.reachedOn).localeCompare(String(b.reachedOn)); });
      items.forEach(function (d) {
        var m = d.member || {};
        badges.appendChild(h('li', null,
          h('span', { 'class': 'title' }, m.fullName || m.id),
          h('span', { 'class': 'meta' }, UI.joined([
            t('committee.due.badge', [String(d.years)]),
            t('committee.due.reachedOn', [DC.fmtDate(d.reachedOn)]),
            cellName(m.orgPath)
          ]))));
      });
      if (!items.length) { badges.appendChild(h('li', null, t('committee.due.none'))); }
    }, function (failure) { badges.parentNode.appendChild(UI.problem(failure)); });
    view.appendChild(exportCard);
  }

  /* ---------------------------------------------------------------- registration */

  var ROUTES = [
    { route: 'committee', label: 'committee.nav.glance', render: renderGlance },
    { route: 'committee-transfers', label: 'committee.nav.transfers', render: renderTransfers },
    { route: 'committee-broadcasts', label: 'committee.nav.broadcasts', render: renderBroadcasts },
    { route: 'committee-broadcast', render: renderBroadcast, parent: 'committee-broadcasts' },
    { route: 'committee-feedback', label: 'committee.nav.feedback', render: renderFeedback },
    { route: 'committee-feedback-item', render: renderFeedbackItem, parent: 'committee-feedback' },
    { route: 'committee-statistics', label: 'committee.nav.statistics', render: renderStatistics }
  ];

  // registered at once (the core renders right after this file loads); each screen first loads
  // charts.js, which brings the charts and the kit shared with the admin area
  ROUTES.forEach(function (r) {
    DC.route(r.route, function (view, args, query) {
      return DC.loadScript('/charts.js').then(function () {
        UI = window.DCAreaKit;
        t = UI.t;
        h = UI.h;
        return UI.screen(ROUTES, r, view, args, query);
      });
    }, { roles: ['committee'] });
  });
}());
