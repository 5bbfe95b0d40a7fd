/*
 * Chi bộ số — the organisation department's screens (area "admin", loaded by portal.js only for
 * users with the org-admin role). Every text comes from the bundles (keys "admin.*").
 *
 *   #admin              the org tree: expand/collapse, create, rename, dissolve, move, merge, split
 *   #admin/import       legacy register import: upload, live progress bar, rejected rows
 *   #admin/boards       QR boards: open or create a board
 *   #admin/board/{id}   one board: its sections, reorder, poster PDF (A4/A3), QR images
 */
(function () {
  'use strict';

  var DC = window.DC;
  var UI, t, h; // the kit in charts.js, loaded with the first screen
  var KINDS = ['PROVINCE', 'COMMUNE', 'GRASSROOTS', 'CELL'];
  var CHILD_KIND = { PROVINCE: 'COMMUNE', COMMUNE: 'CELL', GRASSROOTS: 'CELL' };

  /* ---------------------------------------------------------------- org tree */

  function renderTree(view, params) {
    var root = UI.under(params);
    view.appendChild(UI.heading(t('admin.tree.title'), root));
    view.appendChild(h('p', { 'class': 'meta' }, t('admin.tree.hint')));
    // nested lists with disclosure buttons (aria-expanded): no role=tree, whose arrow-key
    // contract this screen does not implement
    var tree = h('ul', { 'class': 'tree', 'aria-label': t('admin.tree.title'), id: 'org-tree' });
    tree.style.cssText = 'list-style:none;margin:0;padding:0';
    var panel = h('section', { 'class': 'card', id: 'unit-panel', hidden: true });
    view.appendChild(h('section', { 'class': 'card' }, tree));
    view.appendChild(panel);
    var status = UI.status(view, t('admin.loading'));
    UI.units(root, 1).then(function (units) {
      status.remove();
      var top = units.filter(function (u) { return u.path === root; });
      if (!top.length) {
        tree.appendChild(h('li', null, t('admin.tree.empty')));
        return;
      }
      top.forEach(function (u) { tree.appendChild(node(u, panel, 0)); });
      var firstToggle = tree.querySelector('[aria-expanded]');
      if (firstToggle) { firstToggle.click(); }
    }, function (failure) {
      status.remove();
      view.appendChild(UI.problem(failure));
    });
  }

  function node(unit, panel, level) {
    var li = h('li', { 'data-path': unit.path });
    var row = h('div', { 'class': 'tree-row' });
    var children = h('ul', { hidden: true });
    // laid out through CSSOM: the portal's CSP forbids style attributes
    row.style.cssText = 'display:flex;flex-wrap:wrap;align-items:center;gap:0 0.5rem;border-top:1px solid var(--line, #d6d6d6)';
    children.style.cssText = 'list-style:none;margin:0;padding:0 0 0 1.25rem';
    var canHaveChildren = unit.kind !== 'CELL';
    if (canHaveChildren) {
      var toggle = h('button', { type: 'button', 'class': 'tree-toggle', 'aria-expanded': 'false',
        'aria-label': t('admin.tree.toggle', [unit.name]) }, '▸');
      toggle.style.cssText = 'font:inherit;min-width:2.75rem;min-height:2.75rem;background:none;border:0;cursor:pointer;color:inherit';
      var loaded = false;
      toggle.addEventListener('click', function () {
        var open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? '▾' : '▸';
        children.hidden = !open;
        if (open && !loaded) {
          loaded = true;
          children.appendChild(h('li', { 'class': 'meta' }, t('admin.loading')));
          UI.children(unit.path).then(function (kids) {
            children.textContent = '';
            kids.sort(function (a, b) { return UI.compareVi(a.code, b.code); })
              .forEach(function (k) { children.appendChild(node(k, panel, level + 1)); });
            if (!kids.length) { children.appendChild(h('li', { 'class': 'meta' }, t('admin.tree.noChildren'))); }
          }, function (failure) {
            loaded = false;
            children.textContent = '';
            children.appendChild(h('li', null, UI.problem(failure)));
          });
        }
      });
      row.appendChild(toggle);
    } else {
      var leaf = h('span', { 'class': 'tree-leaf', 'aria-hidden': 'true' }, '•');
      leaf.style.cssText = 'display:inline-block;min-width:2.75rem;text-align:center';
      row.appendChild(leaf);
    }
    var open = h('button', { type: 'button', 'class': 'link' }, unit.name);
    open.addEventListener('click', function () {
      Array.prototype.forEach.call(document.querySelectorAll('#org-tree .link'), function (b) { b.removeAttribute('aria-current'); });
      open.setAttribute('aria-current', 'true');
      li.insertBefore(panel, children);
      showUnit(panel, unit);
    });
    row.appendChild(open);
    row.appendChild(h('span', { 'class': 'meta' }, UI.joined([
      unit.code, t('admin.kind.' + unit.kind), unit.status !== 'ACTIVE' ? (UI.maybe('admin.unitStatus.' + unit.status) || unit.status) : ''
    ])));
    li.appendChild(row);
    li.appendChild(children);
    return li;
  }

  function showUnit(panel, unit) {
    panel.hidden = false;
    panel.textContent = '';
    var title = h('h3', { tabindex: '-1', id: 'unit-title' }, unit.name);
    panel.appendChild(title);
    panel.appendChild(h('p', { 'class': 'meta' }, UI.joined([unit.path, t('admin.kind.' + unit.kind), UI.maybe('admin.unitStatus.' + unit.status) || unit.status])));
    var history = h('div', null, t('admin.loading'));
    panel.appendChild(history);
    UI.get('/api/org-units/' + encodeURIComponent(unit.id)).then(function (d) {
      history.textContent = '';
      var changes = d.changes || [];
      if (changes.length) {
        var list = h('ol', { 'class': 'list' });
        changes.forEach(function (c) {
          list.appendChild(h('li', null, h('span', { 'class': 'meta' }, UI.joined([
            DC.fmtDate(c.effectiveOn || c.from || c.on), c.name, UI.maybe('admin.unitStatus.' + c.status) || c.status, c.decisionNumber
          ]))));
        });
        history.appendChild(h('details', null, h('summary', null, t('admin.unit.history', [String(changes.length)])), list));
      }
    }, function () { history.textContent = ''; });
    var reload = function () { DC.refresh(); };
    var today = UI.isoDate(new Date());
    var actions = h('div', { 'class': 'actions' });
    if (unit.status === 'ACTIVE') {
      if (CHILD_KIND[unit.kind]) {
        actions.appendChild(UI.inlineForm(t('admin.unit.create'), [
          { name: 'code', label: t('admin.unit.code'), required: true, maxlength: 32, pattern: '[A-Z0-9][A-Z0-9\\-]{0,31}', hint: t('admin.unit.codeHint') },
          { name: 'name', label: t('admin.unit.name'), required: true, maxlength: 200 },
          { name: 'kind', label: t('admin.unit.kind'), options: KINDS.slice(1).map(function (k) { return [k, t('admin.kind.' + k)]; }), value: CHILD_KIND[unit.kind] }
        ], function (v) {
          return UI.post('/api/org-units', { code: v.code.toUpperCase(), name: v.name, kind: v.kind, parentId: unit.id });
        }, t('admin.unit.created'), reload));
      }
      actions.appendChild(UI.inlineForm(t('admin.unit.rename'), [
        { name: 'name', label: t('admin.unit.newName'), required: true, maxlength: 200, value: unit.name },
        { name: 'effectiveOn', label: t('admin.unit.effectiveOn'), type: 'date', required: true, value: today, max: today },
        { name: 'decisionNumber', label: t('admin.unit.decision'), maxlength: 60 }
      ], function (v) {
        return UI.post('/api/org-units/' + unit.id + '/rename', { name: v.name, effectiveOn: v.effectiveOn, decisionNumber: v.decisionNumber || null });
      }, t('admin.unit.renamed'), reload));
      if (unit.parentId) {
        actions.appendChild(UI.inlineForm(t('admin.unit.move'), [
          { name: 'newParentPath', label: t('admin.unit.newParent'), required: true, maxlength: 200, hint: t('admin.unit.pathHint') },
          { name: 'effectiveOn', label: t('admin.unit.effectiveOn'), type: 'date', required: true, value: today, max: today },
          { name: 'decisionNumber', label: t('admin.unit.decision'), maxlength: 60 }
        ], function (v) {
          return UI.unitByPath(v.newParentPath).then(function (parent) {
            return UI.post('/api/org-units/' + unit.id + '/move', {
              newParentId: parent.id, effectiveOn: v.effectiveOn, decisionNumber: v.decisionNumber
            });
          });
        }, t('admin.unit.moved'), reload));
        actions.appendChild(UI.inlineForm(t('admin.unit.merge'), [
          { name: 'survivorPath', label: t('admin.unit.survivor'), required: true, maxlength: 200, hint: t('admin.unit.mergeHint') },
          { name: 'effectiveOn', label: t('admin.unit.effectiveOn'), type: 'date', required: true, value: today, max: today },
          { name: 'decisionNumber', label: t('admin.unit.decision'), maxlength: 60 }
        ], function (v) {
          return UI.unitByPath(v.survivorPath).then(function (survivor) {
            return UI.post('/api/org-units/' + unit.id + '/merge', {
              survivorId: survivor.id, effectiveOn: v.effectiveOn, decisionNumber: v.decisionNumber || null
            });
          });
        }, t('admin.unit.merged'), reload, true));
        actions.appendChild(splitForm(unit, reload, today));
        actions.appendChild(UI.inlineForm(t('admin.unit.dissolve'), [
          { name: 'effectiveOn', label: t('admin.unit.effectiveOn'), type: 'date', required: true, value: today, max: today },
          { name: 'decisionNumber', label: t('admin.unit.decision'), maxlength: 60 }
        ], function (v) {
          return UI.post('/api/org-units/' + unit.id + '/dissolve', { effectiveOn: v.effectiveOn, decisionNumber: v.decisionNumber || null });
        }, t('admin.unit.dissolved'), reload, true));
      }
    }
    panel.appendChild(actions);
    title.focus();
  }

  /**
   * Splitting: the new parts (code and name per line), then every active member and every unit
   * below assigned to exactly one part — the service refuses a split that leaves anyone out.
   */
  function splitForm(unit, after, today) {
    var details = h('details', { 'class': 'inline-action danger' }, h('summary', null, t('admin.unit.split')));
    var assignment = h('div', { 'class': 'split-assignment' });
    var loaded = null;
    function parseParts(text) {
      return String(text || '').split(/\r?\n/).map(function (line) { return line.trim(); }).filter(function (line) { return line; })
        .map(function (line) {
          var cut = line.indexOf(' ');
          return { code: (cut > 0 ? line.slice(0, cut) : line).toUpperCase(), name: cut > 0 ? line.slice(cut + 1).trim() : line };
        });
    }
    function chooser(label, id, parts) {
      var select = h('select', { name: 'part-' + id, 'data-id': id },
        parts.map(function (p, i) { return h('option', { value: String(i) }, p.code + ' — ' + p.name); }));
      var fid = 'split-' + id;
      select.id = fid;
      return h('div', { 'class': 'field' }, h('label', { 'for': fid }, label), select);
    }
    function allMembers(cursor, acc) {
      return UI.get('/api/members?size=200&orgUnit=' + encodeURIComponent(unit.id) + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''))
        .then(function (page) {
          acc = acc.concat(UI.items(page));
          return page && page.nextCursor && acc.length < 20000 ? allMembers(page.nextCursor, acc) : acc;
        });
    }
    var form = UI.form([
      { name: 'parts', label: t('admin.unit.parts'), required: true, multiline: true, maxlength: 4000, hint: t('admin.unit.partsHint') },
      { name: 'effectiveOn', label: t('admin.unit.effectiveOn'), type: 'date', required: true, value: today, max: today },
      { name: 'decisionNumber', label: t('admin.unit.decision'), maxlength: 60 },
      assignment
    ], t('admin.unit.split'), function (v) {
      var parts = parseParts(v.parts);
      if (parts.length < 2) {
        return Promise.reject(new DC.Failure(400, { title: t('admin.unit.partsTooFew'), errors: [{ field: 'parts', message: t('admin.unit.partsTooFew') }] }));
      }
      var key = parts.map(function (p) { return p.code; }).join('|');
      if (!loaded || loaded.key !== key) {
        // first press: show whom to place where; the second press splits
        DC.clear(assignment);
        assignment.appendChild(h('p', { 'class': 'status' }, t('admin.loading')));
        return Promise.all([
          unit.kind === 'CELL' ? allMembers(null, []) : Promise.resolve([]),
          UI.children(unit.path)
        ]).then(function (all) {
          DC.clear(assignment);
          var members = DC.sortByName(all[0].filter(function (m) { return ['PROBATIONARY', 'OFFICIAL', 'EXEMPTED'].indexOf(m.status) >= 0; }), function (m) { return m.fullName; });
          var units = all[1].filter(function (u) { return u.status === 'ACTIVE'; });
          var box = h('fieldset', { 'class': 'field' }, h('legend', null, t('admin.unit.assign', [UI.number(members.length), UI.number(units.length)])));
          members.forEach(function (m) { box.appendChild(chooser(DC.fmtName(m.fullName), m.id, parts)); });
          units.forEach(function (u) { box.appendChild(chooser(u.name + ' (' + u.code + ')', u.id, parts)); });
          assignment.appendChild(box);
          loaded = { key: key, members: members.map(function (m) { return m.id; }), units: units.map(function (u) { return u.id; }) };
          return t('admin.unit.assignThen');
        });
      }
      var body = parts.map(function (p) { return { code: p.code, name: p.name, memberIds: [], childUnitIds: [] }; });
      Array.prototype.forEach.call(assignment.querySelectorAll('select[data-id]'), function (select) {
        var id = select.getAttribute('data-id');
        var part = body[Number(select.value)];
        if (loaded.members.indexOf(id) >= 0) { part.memberIds.push(id); } else { part.childUnitIds.push(id); }
      });
      return UI.post('/api/org-units/' + unit.id + '/split', { parts: body, effectiveOn: v.effectiveOn, decisionNumber: v.decisionNumber })
        .then(function () { UI.forget(); setTimeout(after, 0); return t('admin.unit.splitDone'); });
    });
    details.appendChild(form);
    return details;
  }

  /* ---------------------------------------------------------------- legacy import */

  var JOB_KEY = 'digicell.admin.importJob';

  function renderImport(view, params) {
    var under = UI.under(params);
    view.appendChild(UI.heading(t('admin.import.title'), under));
    var progress = h('section', { 'class': 'card', id: 'import-progress', 'aria-labelledby': 'import-progress-title', hidden: true });
    var form = UI.form([
      { name: 'under', label: t('admin.import.under'), required: true, value: under, maxlength: 200, hint: t('admin.unit.pathHint') },
      { name: 'file', label: t('admin.import.file'), type: 'file', accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', required: true, hint: t('admin.import.fileHint') }
    ], t('admin.import.start'), function (v, node) {
      var file = node.querySelector('input[type=file]').files[0];
      var path = String(v.under || '').toUpperCase();
      var data = new FormData();
      data.append('file', file, file.name);
      return UI.upload('/api/imports?under=' + encodeURIComponent(path), data).then(function (job) {
        try { sessionStorage.setItem(JOB_KEY, job.id); } catch (e) { /* private mode */ }
        follow(progress, job, file.name);
        return t('admin.import.started');
      });
    });
    form.id = 'import-form';
    view.appendChild(h('section', { 'class': 'card' },
      h('p', null, t('admin.import.intro')),
      h('p', null, h('a', { href: '/api/imports/template.xlsx', download: 'mau-nhap-dang-vien.xlsx' }, t('admin.import.templateXlsx')), ' · ', h('a', { href: '/api/imports/template.csv', download: 'mau-nhap-dang-vien.csv' }, t('admin.import.template'))),
      form));
    view.appendChild(progress);
    var previous = params.job || sessionStorage.getItem(JOB_KEY);
    if (previous) {
      UI.get('/api/imports/' + encodeURIComponent(previous)).then(function (job) { follow(progress, job); }, function () {
        sessionStorage.removeItem(JOB_KEY);
      });
    }
  }

  /** Shows the job and polls it until it ends: every second, slower on a slow or failing line. */
  function follow(box, job, fileName) {
    var token = {};
    box.followToken = token;
    box.hidden = false;
    box.textContent = '';
    box.appendChild(h('h3', { id: 'import-progress-title' }, t('admin.import.progress', [fileName || job.fileName || ''])));
    var bar = h('progress', { max: '100', value: String(job.percent || 0), id: 'import-bar', 'aria-labelledby': 'import-progress-title' });
    var text = h('p', { role: 'status', 'aria-live': 'polite', id: 'import-status' });
    var counts = h('p', { 'class': 'meta' });
    var errors = h('div', { id: 'import-errors' });
    box.appendChild(bar);
    box.appendChild(text);
    box.appendChild(counts);
    box.appendChild(errors);
    var delay = 1000;
    var lastAnnounced = -1;
    function show(j) {
      bar.value = j.percent || 0;
      var done = j.status !== 'RUNNING';
      var decile = Math.floor((j.percent || 0) / 10);
      if (done || decile !== lastAnnounced) {
        lastAnnounced = decile;
        text.textContent = done
          ? t('admin.import.status.' + j.status)
          : t('admin.import.running', [String(j.percent || 0), UI.number(j.processedRows), UI.number(j.totalRows)]);
      }
      counts.textContent = UI.joined([
        t('admin.import.imported', [UI.number(j.importedRows)]),
        t('admin.import.already', [UI.number(j.alreadyOnRecord)]),
        t('admin.import.rejected', [UI.number(j.rejectedRows)])
      ]);
      errors.textContent = '';
      var rows = (j.errors || []).slice().sort(function (a, b) { return a.line - b.line; });
      if (rows.length) {
        var table = h('table', { 'class': 'errors' },
          h('caption', null, t('admin.import.errors', [UI.number(rows.length), UI.number(j.rejectedRows)])),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('admin.import.line')), h('th', { scope: 'col' }, t('admin.import.reason')))));
        var body = h('tbody');
        rows.forEach(function (e) { body.appendChild(h('tr', null, h('th', { scope: 'row' }, String(e.line)), h('td', null, e.reason))); });
        table.appendChild(body);
        errors.appendChild(h('div', { 'class': 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('admin.import.errorsRegion') }, table));
      }
      return done;
    }
    function poll() {
      if (box.followToken !== token || !document.body.contains(box)) { return; }
      UI.get('/api/imports/' + encodeURIComponent(job.id)).then(function (j) {
        delay = 1000;
        if (!show(j)) { setTimeout(poll, delay); }
      }, function (failure) {
        delay = Math.min(delay * 2, 15000);
        text.textContent = t('admin.import.retrying', [failure.title || '']);
        setTimeout(poll, delay);
      });
    }
    if (!show(job)) { setTimeout(poll, delay); }
  }

  /* ---------------------------------------------------------------- QR boards */

  /* the boards are listed by document-service for everyone who curates them (any browser) */

  function unitNames(under) {
    return UI.units(under, 2).then(function (list) {
      var names = {};
      list.forEach(function (u) { names[u.path] = u.name; });
      return names;
    }, function () { return {}; });
  }

  function renderBoards(view, params) {
    var under = UI.under(params);
    view.appendChild(UI.heading(t('admin.boards.title'), under));
    var list = h('ul', { 'class': 'list', id: 'boards' });
    view.appendChild(h('section', { 'class': 'card', 'aria-labelledby': 'boards-list' }, h('h3', { id: 'boards-list' }, t('admin.boards.list')), list));
    var status = h('li', { 'class': 'status', role: 'status' }, t('admin.loading'));
    list.appendChild(status);
    Promise.all([UI.get('/api/boards?under=' + encodeURIComponent(under)), unitNames(under)]).then(function (r) {
      status.remove();
      var boards = UI.items(r[0]);
      var names = r[1];
      boards.forEach(function (b) {
        list.appendChild(h('li', { 'data-board': b.id }, UI.link(b.title || b.id, 'admin-board/' + b.id, { under: under }),
          h('span', { 'class': 'meta' }, UI.joined([names[b.orgPath] || b.orgPath, t('admin.audience.' + b.audience), t('admin.boards.sections', [String(b.sections || 0)])]))));
      });
      if (!boards.length) { list.appendChild(h('li', null, t('admin.boards.none'))); }
    }, function (failure) {
      status.remove();
      list.appendChild(h('li', null, UI.problem(failure)));
    });
    var open = UI.form([{ name: 'id', label: t('admin.boards.openId'), required: true, maxlength: 64 }],
      t('admin.boards.open'), function (v) { UI.go('admin-board/' + v.id, { under: under }); return Promise.resolve(); });
    view.appendChild(h('section', { 'class': 'card' }, open));
    var create = UI.form([
      { name: 'title', label: t('admin.boards.boardTitle'), required: true, maxlength: 200 },
      { name: 'orgPath', label: t('admin.boards.orgPath'), required: true, value: under, maxlength: 200 },
      UI.radios('audience', t('admin.boards.audience'), [['PUBLIC', t('admin.audience.PUBLIC')], ['MEMBERS', t('admin.audience.MEMBERS')]], 'PUBLIC')
    ], t('admin.boards.create'), function (v) {
      return UI.post('/api/boards', { title: v.title, orgPath: String(v.orgPath).toUpperCase(), audience: v.audience }).then(function (b) {
        UI.go('admin-board/' + b.id, { under: under });
        return t('admin.boards.created');
      });
    });
    view.appendChild(h('details', { 'class': 'card' }, h('summary', null, t('admin.boards.new')), create));
  }

  function renderBoard(view, params) {
    var id = params.id;
    var under = UI.under(params);
    view.appendChild(UI.back(t('admin.boards.back'), 'admin-boards', { under: under }));
    var status = UI.status(view, t('admin.loading'));
    UI.get('/api/boards/' + encodeURIComponent(id)).then(function (b) {
      status.remove();
      var poster = '/api/boards/' + encodeURIComponent(id) + '/poster.pdf?size=';
      view.appendChild(h('section', { 'class': 'card', 'aria-labelledby': 'board-title' },
        h('h2', { id: 'board-title', tabindex: '-1' }, b.title),
        h('p', { 'class': 'meta', id: 'board-meta' }, UI.joined([b.orgPath, t('admin.audience.' + b.audience), t('admin.boards.sections', [String((b.sections || []).length)])])),
        h('p', null,
          h('a', { 'class': 'button', href: poster + 'A4', target: '_blank', rel: 'noopener' }, t('admin.boards.posterA4')), ' ',
          h('a', { 'class': 'button secondary', href: poster + 'A3', target: '_blank', rel: 'noopener' }, t('admin.boards.posterA3')))));
      unitNames(b.orgPath).then(function (names) {
        var meta = view.querySelector('#board-meta');
        if (meta && names[b.orgPath]) {
          meta.textContent = UI.joined([names[b.orgPath], t('admin.audience.' + b.audience), t('admin.boards.sections', [String((b.sections || []).length)])]);
        }
      });
      var sections = b.sections || [];
      var order = sections.map(function (s) { return s.code; });
      var list = h('ol', { 'class': 'list sections', id: 'board-sections' });
      var save = UI.shown(h('button', { type: 'button', 'class': 'button' }, t('admin.boards.saveOrder')), false);
      function draw(focusCode, focusDir) {
        list.textContent = '';
        order.forEach(function (code, i) {
          var s = sections.filter(function (x) { return x.code === code; })[0];
          var up = h('button', { type: 'button', 'class': 'button secondary small', 'data-dir': 'up', 'aria-label': t('admin.boards.up', [s.title]) }, '↑');
          var down = h('button', { type: 'button', 'class': 'button secondary small', 'data-dir': 'down', 'aria-label': t('admin.boards.down', [s.title]) }, '↓');
          up.disabled = i === 0;
          down.disabled = i === order.length - 1;
          up.addEventListener('click', function () { move(i, -1, code, 'up'); });
          down.addEventListener('click', function () { move(i, 1, code, 'down'); });
          var li = h('li', { 'data-code': code },
            h('img', { src: '/api/sections/' + code + '/qr.svg', alt: t('admin.boards.qrAlt', [s.title]), width: '96', height: '96', loading: 'lazy', 'class': 'qr' }),
            h('span', { 'class': 'title' }, (i + 1) + '. ' + s.title),
            h('span', { 'class': 'meta' }, UI.joined([
              s.caption, t('admin.audience.' + s.audience), t('admin.boards.items', [String((s.items || []).length)]),
              s.scans !== null && s.scans !== undefined ? t('admin.boards.scans', [UI.number(s.scans)]) : '',
              s.changedAt ? t('admin.boards.changed', [DC.fmtDate(s.changedAt)]) : ''
            ])),
            h('span', { 'class': 'meta' }, h('a', { href: s.url, target: '_blank', rel: 'noopener' }, s.url), ' · ',
              h('a', { href: '/api/sections/' + code + '/qr.png', download: 'qr-' + code + '.png' }, t('admin.boards.png')), ' · ',
              h('a', { href: '/api/sections/' + code + '/qr.svg', download: 'qr-' + code + '.svg' }, t('admin.boards.svg'))),
            h('span', { 'class': 'actions' }, up, down));
          list.appendChild(li);
        });
        if (focusCode) {
          var target = list.querySelector('[data-code="' + focusCode + '"] [data-dir="' + focusDir + '"]');
          if (target && !target.disabled) { target.focus(); } else if (target) { list.querySelector('[data-code="' + focusCode + '"] button:not([disabled])').focus(); }
        }
        if (!order.length) { list.appendChild(h('li', null, t('admin.boards.noSections'))); }
      }
      function move(i, by, code, dir) {
        var j = i + by;
        var tmp = order[i]; order[i] = order[j]; order[j] = tmp;
        UI.shown(save, true);
        draw(code, dir);
      }
      save.addEventListener('click', function () {
        save.disabled = true;
        UI.put('/api/boards/' + encodeURIComponent(id) + '/section-order', { codes: order }).then(function () {
          DC.notify(t('admin.boards.orderSaved'));
          UI.shown(save, false);
        }, function (failure) { DC.notify(failure.title || ''); }).then(function () { save.disabled = false; });
      });
      draw();
      view.appendChild(h('section', { 'class': 'card', 'aria-labelledby': 'sections-title' },
        h('h3', { id: 'sections-title' }, t('admin.boards.sectionsTitle')), list, save));
      view.appendChild(sectionForm(b, function () { DC.refresh(); }));
      view.querySelector('#board-title').focus();
    }, function (failure) {
      status.remove();
      view.appendChild(UI.problem(failure));
    });
  }

  function sectionForm(board, after) {
    var form = UI.form([
      { name: 'title', label: t('admin.section.title'), required: true, maxlength: 200 },
      { name: 'caption', label: t('admin.section.caption'), maxlength: 500 },
      UI.radios('audience', t('admin.boards.audience'), [['PUBLIC', t('admin.audience.PUBLIC')], ['MEMBERS', t('admin.audience.MEMBERS')]], board.audience),
      { name: 'documentIds', label: t('admin.section.documents'), hint: t('admin.section.documentsHint') },
      { name: 'links', label: t('admin.section.links'), multiline: true, hint: t('admin.section.linksHint'), maxlength: 8000 }
    ], t('admin.section.add'), function (v) {
      var items = (v.documentIds || '').split(/[\s,;]+/).filter(function (x) { return x; }).map(function (d) { return { documentId: d }; });
      (v.links || '').split(/\r?\n/).forEach(function (line) {
        var m = line.trim().match(/^(.*?)\s*\|\s*(https?:\/\/\S+)$/);
        if (m) { items.push({ title: m[1], url: m[2] }); }
      });
      return UI.post('/api/boards/' + encodeURIComponent(board.id) + '/sections', {
        title: v.title, caption: v.caption, audience: v.audience, items: items
      }).then(function () { after(); return t('admin.section.added'); });
    });
    return h('details', { 'class': 'card' }, h('summary', null, t('admin.section.new')), form);
  }

  /* ---------------------------------------------------------------- registration */

  var ROUTES = [
    { route: 'admin', label: 'admin.nav.tree', render: renderTree },
    { route: 'admin-import', label: 'admin.nav.import', render: renderImport },
    { route: 'admin-boards', label: 'admin.nav.boards', render: renderBoards },
    { route: 'admin-board', render: renderBoard, parent: 'admin-boards' }
  ];

  // registered at once (the core renders right after this file loads); each screen first loads
  // charts.js, which brings the kit shared with the committee area
  ROUTES.forEach(function (r) {
    DC.route(r.route, function (view, args, query) {
      return DC.loadScript('/charts.js').then(function () {
        UI = window.DCAreaKit;
        t = UI.t;
        h = UI.h;
        return UI.screen(ROUTES, r, view, args, query);
      });
    }, { roles: ['org-admin', 'it-admin'] });
  });
}());
