/* Chi bộ số — the cell secretary's screens (area "secretary", role cell-secretary): roster,
   scheduling, the meeting console (start, check-in QR, attendance, opinions, votes, close).
   Minutes are in minutes.js (the chair signs there too). Uses only window.DC. */
(function (DC) {
  'use strict';

  var el = DC.el;
  var t = DC.t;
  var ROLES = { roles: ['cell-secretary'] };
  var qrTimer = null;

  function enc(v) { return encodeURIComponent(v); }
  function stopQr() { if (qrTimer) { clearInterval(qrTimer); qrTimer = null; } }
  window.addEventListener('hashchange', stopQr);

  function alertBox() { return el('div', { hidden: true }); }

  /** A button that runs an action, shows failures in `box`, then `after` (default: re-render). */
  function action(label, run, box, options) {
    options = options || {};
    return el('button', {
      type: 'button', class: options.secondary ? 'button secondary' : 'button', id: options.id,
      onclick: function (e) {
        var button = e.currentTarget;
        if (options.confirm && !window.confirm(options.confirm)) { return; }
        button.disabled = true;
        Promise.resolve().then(run).then(function (result) {
          if (options.done) { DC.notify(options.done); }
          return options.after ? options.after(result) : DC.refresh();
        }, function (failure) { DC.showFailure(box, failure); }).then(function () { button.disabled = false; });
      }
    }, label);
  }

  // ---------------------------------------------------------------- home: cells, roster, meetings

  DC.route('secretary', function (view) {
    view.appendChild(el('h2', null, t('portal.secretary.title')));
    var scopes = DC.me().orgScope || [];
    return Promise.all(scopes.map(function (path) {
      return DC.api.get('/api/cells?under=' + enc(path));
    })).then(function (lists) {
      var cells = [].concat.apply([], lists);
      if (!cells.length) { view.appendChild(el('p', null, t('portal.secretary.no-cell'))); return null; }
      return Promise.all(cells.map(function (cell) { return cellCard(view, cell); }));
    });
  }, ROLES);

  function cellCard(view, cell) {
    var meetings = el('div');
    var roster = el('div');
    view.appendChild(DC.card(cell.name,
      el('p', null, el('a', { class: 'button', href: DC.href('secretary-schedule', cell.id), id: 'schedule-' + cell.code }, t('portal.secretary.schedule'))),
      el('h3', null, t('portal.secretary.meetings')), meetings,
      el('h3', null, t('portal.secretary.roster')), roster));
    return Promise.all([
      DC.api.get('/api/meetings?size=20&cellId=' + enc(cell.id)).then(function (list) {
        if (!list.length) { meetings.appendChild(el('p', null, t('portal.meeting.none'))); return; }
        meetings.appendChild(el('ul', { class: 'list' }, list.map(function (m) {
          return el('li', null,
            el('a', { href: DC.href('secretary-meeting', m.id), class: 'title' }, m.title),
            el('span', { class: 'meta' }, DC.fmtDateTime(m.startsAt) + ' · ' + DC.statusText('portal.meeting.status.', m.status)));
        })));
      }),
      DC.api.get('/api/cells/' + enc(cell.id) + '/roster').then(function (entries) {
        var sorted = DC.sortByName(entries, function (e) { return e.fullName; });
        roster.appendChild(el('p', { class: 'meta' }, t('portal.secretary.roster-count', { count: sorted.length })));
        roster.appendChild(el('ol', { class: 'list roster' }, sorted.map(function (e) {
          return el('li', null, el('a', { class: 'title', href: DC.href('records-member', e.memberId) }, DC.fmtName(e.fullName)),
            el('span', { class: 'meta' }, DC.statusText('portal.member.status.', e.status) + (e.temporary ? ' · ' + t('portal.secretary.temporary') : '')));
        })));
      })
    ]);
  }

  // ---------------------------------------------------------------- scheduling

  DC.route('secretary-schedule', function (view, args) {
    var cellId = args[0];
    view.appendChild(el('h2', null, t('portal.secretary.schedule')));
    var agenda = el('ol', { class: 'list agenda-editor' });
    function addItem() {
      var chosen = [];
      var chosenList = el('ul', { class: 'chosen' });
      var results = el('ul', { class: 'list' });
      var title = DC.field({ name: 'agendaTitle', label: t('portal.secretary.agenda-item'), attrs: { maxlength: '300' } });
      var search = el('input', { type: 'search', 'aria-label': t('portal.secretary.find-document') });
      var li = el('li', { class: 'agenda-item' }, title,
        el('div', { class: 'field' }, el('label', null, t('portal.secretary.documents')), chosenList,
          el('div', { class: 'actions' }, search, el('button', {
            type: 'button', class: 'button secondary', onclick: function () {
              DC.clear(results);
              DC.api.get('/api/documents?size=10&q=' + enc(search.value.trim())).then(function (page) {
                (page.items || []).forEach(function (d) {
                  results.appendChild(el('li', null, el('span', null, d.metadata ? d.metadata.title : d.id), ' ',
                    el('button', {
                      type: 'button', class: 'link', onclick: function () {
                        if (chosen.indexOf(d.id) < 0) {
                          chosen.push(d.id);
                          chosenList.appendChild(el('li', { 'data-document': d.id }, d.metadata ? d.metadata.title : d.id));
                        }
                      }
                    }, t('portal.secretary.add-document'))));
                });
                if (!(page.items || []).length) { results.appendChild(el('li', null, t('portal.secretary.no-documents'))); }
              }, function (failure) { results.appendChild(el('li', null, failure.title)); });
            }
          }, t('portal.secretary.search'))), results));
      li.documentIds = chosen;
      agenda.appendChild(li);
    }
    addItem();
    var scheduleForm = DC.form({
      fields: [
        DC.field({ name: 'title', label: t('portal.secretary.meeting-title'), required: true, attrs: { maxlength: '300' } }),
        DC.field({ name: 'kind', type: 'select', label: t('portal.meeting.kind'), required: true, value: 'REGULAR',
          options: ['REGULAR', 'THEMATIC', 'EXTRAORDINARY'].map(function (k) { return { value: k, label: t('portal.meeting.kind.' + k) }; }) }),
        DC.field({ name: 'mode', type: 'select', label: t('portal.meeting.mode'), required: true, value: 'IN_PERSON',
          options: ['IN_PERSON', 'ONLINE', 'HYBRID'].map(function (k) { return { value: k, label: t('portal.meeting.mode.' + k) }; }) }),
        DC.field({ name: 'startsAt', type: 'datetime-local', label: t('portal.meeting.when'), required: true, hint: t('portal.secretary.time-hint') }),
        DC.field({ name: 'location', label: t('portal.meeting.where'), attrs: { maxlength: '300' } }),
        DC.field({ name: 'onlineLink', type: 'url', label: t('portal.meeting.online-link'), attrs: { maxlength: '500', placeholder: 'https://' } }),
        el('fieldset', { class: 'field' }, el('legend', null, t('portal.meeting.agenda')), agenda,
          el('button', { type: 'button', class: 'button secondary', onclick: addItem }, t('portal.secretary.add-item')))
      ],
      submit: t('portal.secretary.schedule'),
      onSubmit: function (data) {
        var items = Array.prototype.map.call(agenda.children, function (li) {
          var input = li.querySelector('input[name="agendaTitle"]');
          return { title: input.value.trim(), documentIds: li.documentIds.slice() };
        }).filter(function (i) { return i.title; });
        return DC.api.post('/api/meetings', {
          cellId: cellId, kind: data.kind, mode: data.mode, title: data.title,
          startsAt: DC.fromLocalInput(data.startsAt), location: data.location, onlineLink: data.onlineLink, agenda: items
        }).then(function (meeting) {
          DC.notify(t('portal.secretary.scheduled'));
          DC.go('secretary-meeting', meeting.id);
        });
      }
    });
    view.appendChild(DC.card(null, scheduleForm));
  }, ROLES);

  // ---------------------------------------------------------------- the meeting console

  DC.route('secretary-meeting', function (view, args) {
    var id = args[0];
    stopQr();
    return Promise.all([
      DC.api.get('/api/meetings/' + enc(id)),
      DC.api.get('/api/meetings/' + enc(id) + '/motions'),
      DC.api.get('/api/meetings/' + enc(id) + '/quorum').catch(function () { return null; })
    ]).then(function (r) { consoleView(view, r[0], r[1], r[2]); });
  }, ROLES);

  function consoleView(view, m, motions, quorum) {
    var box = alertBox();
    view.appendChild(el('h2', { id: 'console-title' }, m.title));
    view.appendChild(box);
    view.appendChild(DC.card(null, DC.memberViews.facts([
      [t('portal.meeting.when'), DC.fmtDateTime(m.startsAt)],
      [t('portal.meeting.where'), m.location],
      [t('portal.meeting.online-link'), m.onlineLink],
      [t('portal.meeting.kind'), DC.statusText('portal.meeting.kind.', m.kind)],
      [t('portal.meeting.mode'), DC.statusText('portal.meeting.mode.', m.mode)],
      [t('portal.meeting.status'), DC.statusText('portal.meeting.status.', m.status)],
      [t('portal.secretary.quorum'), quorumText(quorum, m)]
    ]), el('div', { class: 'actions' },
      m.status === 'SCHEDULED' ? action(t('portal.secretary.start'), function () {
        return DC.api.post('/api/meetings/' + enc(m.id) + '/start');
      }, box, { id: 'start-meeting', done: t('portal.secretary.started') }) : null,
      m.status === 'IN_PROGRESS' ? action(t('portal.secretary.close'), function () {
        return DC.api.post('/api/meetings/' + enc(m.id) + '/close');
      }, box, { id: 'close-meeting', secondary: true, confirm: t('portal.secretary.close-confirm'), done: t('portal.secretary.closed') }) : null,
      m.status === 'CLOSED' ? el('a', { class: 'button', id: 'open-minutes', href: DC.href('minutes', m.id) }, t('portal.minutes.title')) : null,
      el('a', { class: 'button secondary', href: DC.href('secretary') }, t('portal.action.back')))));
    if (m.status === 'IN_PROGRESS') { view.appendChild(checkInCard(m)); }
    if (m.status !== 'SCHEDULED' && m.status !== 'CANCELLED') {
      view.appendChild(attendanceCard(m));
      view.appendChild(votesCard(m, motions || []));
      view.appendChild(opinionsCard(m));
    } else {
      view.appendChild(DC.card(t('portal.meeting.agenda'), el('ol', null, (m.agenda || []).map(function (i) { return el('li', null, i.title); }))));
    }
    if (m.status !== 'CANCELLED') { view.appendChild(packCard(m)); }
  }

  // ---- the paperless meeting pack: one QR for the invitation or the venue, all documents behind it

  function packCard(m) {
    var holder = el('div', { id: 'pack-qr' }, el('p', { class: 'meta' }, t('portal.secretary.pack-loading')));
    var card = DC.card(t('portal.secretary.pack-title'), el('p', null, t('portal.secretary.pack-help')), holder);
    // document-service makes the pack when it reads the scheduling: just after, it may not be there
    function load(triesLeft) {
      return DC.api.get('/api/packs?meetingId=' + enc(m.id)).catch(function (failure) {
        if (failure && failure.status === 404 && triesLeft > 0) {
          return new Promise(function (resolve) { setTimeout(resolve, 2000); }).then(function () { return load(triesLeft - 1); });
        }
        throw failure;
      });
    }
    load(10).then(function (pack) {
      DC.clear(holder);
      holder.appendChild(el('img', {
        src: '/api/packs/' + enc(pack.code) + '/qr.svg', width: '200', height: '200',
        alt: t('portal.secretary.pack-qr-alt', { title: m.title })
      }));
      holder.appendChild(el('p', null, el('a', { href: '/p/' + enc(pack.code), id: 'pack-link' }, pack.url || ('/p/' + pack.code))));
      holder.appendChild(el('p', null, el('a', { class: 'button secondary', href: '/api/packs/' + enc(pack.code) + '/qr.png', download: 'tai-lieu-hop-' + pack.code + '.png' }, t('portal.secretary.pack-download'))));
    }).catch(function (failure) {
      DC.clear(holder);
      holder.appendChild(el('p', { class: 'meta' }, failure && failure.status === 404 ? t('portal.secretary.pack-none') : (failure && failure.title) || ''));
    });
    return card;
  }

  function quorumText(q, m) {
    // who counts is fixed when the meeting starts: before that there are no figures to show
    if (m.status === 'SCHEDULED') { return t('portal.secretary.quorum-before-start'); }
    if (!q) { return m.quorumReached === null || m.quorumReached === undefined ? null : (m.quorumReached ? t('portal.secretary.quorum-yes') : t('portal.secretary.quorum-no')); }
    return t('portal.secretary.quorum-figures', { attending: q.attending, base: q.base, required: q.required }) + ' — ' +
      (q.reached ? t('portal.secretary.quorum-yes') : t('portal.secretary.quorum-no'));
  }

  // ---- venue check-in QR: a signed code valid two minutes, redrawn every minute

  function checkInCard(m) {
    var holder = el('div', { id: 'check-in-qr', 'aria-live': 'off' });
    var caption = el('p', { class: 'meta' });
    var box = alertBox();
    var card = DC.card(t('portal.secretary.qr-title'), el('p', null, t('portal.secretary.qr-help')), box, holder, caption);
    function draw() {
      return Promise.all([DC.api.get('/api/meetings/' + enc(m.id) + '/check-in-code'), DC.loadScript('/qr.js')]).then(function (r) {
        var code = r[0];
        var url = location.origin + '/#/check-in/' + code.code;
        DC.clear(holder).appendChild(DC.qr.canvas(url, { scale: 6, ecl: 'M' }));
        holder.firstChild.setAttribute('aria-label', t('portal.secretary.qr-title'));
        holder.setAttribute('data-url', url);
        caption.textContent = t('portal.secretary.qr-expires', { time: DC.fmtTime(code.expiresAt) });
      }, function (failure) { DC.showFailure(box, failure); });
    }
    draw();
    qrTimer = setInterval(function () {
      if (!document.body.contains(holder)) { stopQr(); return; }
      draw();
    }, 60000);
    return card;
  }

  // ---- attendance sheet

  var ATTENDANCE = ['PRESENT', 'LATE', 'ABSENT_WITH_REASON', 'ABSENT_WITHOUT_REASON'];

  function attendanceCard(m) {
    var box = alertBox();
    var editable = m.status === 'IN_PROGRESS';
    var people = DC.sortByName(m.participants || [], function (p) { return p.fullName; });
    var rows = people.map(function (p) {
      var select = el('select', { 'aria-label': t('portal.secretary.attendance-of', { name: DC.fmtName(p.fullName) }), disabled: !editable, name: 'attendance-' + p.memberId },
        el('option', { value: '' }, t('portal.attendance.none')),
        ATTENDANCE.map(function (a) { return el('option', { value: a, selected: p.attendance === a }, t('portal.attendance.' + a)); }));
      var reason = el('input', { type: 'text', maxlength: '500', 'aria-label': t('portal.secretary.reason-of', { name: DC.fmtName(p.fullName) }), disabled: !editable, value: p.absenceReason || '' });
      return el('tr', { 'data-member': p.memberId },
        el('th', { scope: 'row' }, DC.fmtName(p.fullName), el('span', { class: 'meta' }, DC.statusText('portal.member.status.', p.status) + (p.temporary ? ' · ' + t('portal.secretary.temporary') : ''))),
        el('td', null, select), el('td', null, reason),
        el('td', null, editable ? action(t('portal.action.save'), function () {
          return DC.api.post('/api/meetings/' + enc(m.id) + '/attendance', { memberId: p.memberId, attendance: select.value || null, reason: reason.value.trim() || null });
        }, box, { secondary: true, done: t('portal.secretary.attendance-saved', { name: DC.fmtName(p.fullName) }), after: function () { return null; } }) : null));
    });
    return DC.card(t('portal.secretary.attendance'), box, el('div', { class: 'table-wrap' }, el('table', { class: 'attendance' },
      el('thead', null, el('tr', null, el('th', { scope: 'col' }, t('portal.profile.fullName')), el('th', { scope: 'col' }, t('portal.secretary.attendance')),
        el('th', { scope: 'col' }, t('portal.secretary.reason')), el('th', { scope: 'col' }, el('span', { class: 'meta' }, '')))),
      el('tbody', null, rows))));
  }

  // ---- votes

  function votesCard(m, motions) {
    var box = alertBox();
    var card = DC.card(t('portal.vote.title'), box);
    motions.forEach(function (motion) { card.appendChild(motionBlock(m, motion)); });
    if (m.status === 'IN_PROGRESS') {
      card.appendChild(el('h3', null, t('portal.secretary.open-vote')));
      card.appendChild(DC.form({
        fields: [
          DC.field({ name: 'question', label: t('portal.secretary.question'), required: true, attrs: { maxlength: '500' } }),
          DC.field({ name: 'options', type: 'textarea', label: t('portal.secretary.options'), required: true, rows: 3, value: t('portal.secretary.options-default'), hint: t('portal.secretary.options-hint') }),
          DC.field({ name: 'ballot', type: 'radio', label: t('portal.secretary.ballot'), required: true, value: 'OPEN',
            options: ['OPEN', 'SECRET'].map(function (b) { return { value: b, label: t('portal.vote.ballot.' + b) }; }) })
        ],
        submit: t('portal.secretary.open-vote'),
        onSubmit: function (data) {
          var options = String(data.options || '').split('\n').map(function (s) { return s.trim(); }).filter(Boolean);
          return DC.api.post('/api/meetings/' + enc(m.id) + '/motions', { question: data.question, options: options, ballot: data.ballot })
            .then(function () { DC.notify(t('portal.secretary.vote-opened')); return DC.refresh(); });
        }
      }));
    }
    return card;
  }

  function motionBlock(m, motion) {
    var box = alertBox();
    var block = el('div', { class: 'motion', 'data-motion': motion.id },
      el('h3', null, motion.question),
      el('p', null, el('span', { class: 'pill' }, DC.statusText('portal.vote.ballot.', motion.ballot)), ' ',
        el('span', { class: 'pill status' }, DC.statusText('portal.vote.status.', motion.status)), ' ',
        el('span', { class: 'voted' }, t('portal.vote.voted', { count: motion.voted }))), box);
    var me = DC.me();
    var mine = (m.participants || []).filter(function (p) { return p.memberId === me.memberId; })[0];
    if (motion.status === 'OPEN') {
      if (mine && mine.mayVote) { block.appendChild(DC.memberViews.voteForm(motion)); }
      block.appendChild(el('div', { class: 'actions' },
        action(t('portal.secretary.refresh'), function () { return null; }, box, { secondary: true }),
        action(t('portal.secretary.close-vote'), function () {
          return DC.api.post('/api/motions/' + enc(motion.id) + '/close');
        }, box, { id: 'close-vote-' + motion.id, confirm: t('portal.secretary.close-vote-confirm'), done: t('portal.secretary.vote-closed') })));
    } else if (motion.result) {
      block.appendChild(DC.memberViews.resultView(motion.result));
      var adopted = (m.resolutions || []).filter(function (r) { return r.motionId === motion.id; })[0];
      if (adopted) {
        block.appendChild(el('p', { class: 'success resolution' }, t('portal.secretary.resolution') + ': ' + adopted.text));
      } else if (motion.result.adopted) {
        block.appendChild(DC.form({
          fields: [DC.field({ name: 'text', type: 'textarea', label: t('portal.secretary.resolution'), required: true, rows: 3, attrs: { maxlength: '5000' } })],
          submit: t('portal.secretary.record-resolution'),
          onSubmit: function (data) {
            return DC.api.post('/api/motions/' + enc(motion.id) + '/resolution', { text: data.text })
              .then(function () { DC.notify(t('portal.secretary.resolution-recorded')); return DC.refresh(); });
          }
        }));
      }
    }
    return block;
  }

  // ---- opinions

  function opinionsCard(m) {
    var names = {};
    (m.participants || []).forEach(function (p) { names[p.memberId] = DC.fmtName(p.fullName); });
    var items = {};
    (m.agenda || []).forEach(function (i) { items[i.itemId] = i.title; });
    var card = DC.card(t('portal.secretary.opinions'),
      el('ul', { class: 'list' }, (m.opinions || []).map(function (o) {
        return el('li', null, el('span', { class: 'title' }, (names[o.memberId] || o.memberId) + ' — ' + (items[o.agendaItemId] || '')), el('p', null, o.summary));
      })));
    if (m.status === 'IN_PROGRESS' && (m.agenda || []).length) {
      card.appendChild(DC.form({
        fields: [
          DC.field({ name: 'memberId', type: 'select', label: t('portal.secretary.speaker'), required: true,
            options: DC.sortByName(m.participants || [], function (p) { return p.fullName; }).map(function (p) { return { value: p.memberId, label: DC.fmtName(p.fullName) }; }) }),
          DC.field({ name: 'agendaItemId', type: 'select', label: t('portal.secretary.agenda-item'), required: true,
            options: m.agenda.map(function (i) { return { value: i.itemId, label: i.title }; }) }),
          DC.field({ name: 'summary', type: 'textarea', label: t('portal.secretary.summary'), required: true, rows: 3, attrs: { maxlength: '2000' } })
        ],
        submit: t('portal.secretary.record-opinion'),
        onSubmit: function (data) {
          return DC.api.post('/api/meetings/' + enc(m.id) + '/opinions', data).then(function () { DC.notify(t('portal.secretary.opinion-recorded')); return DC.refresh(); });
        }
      }));
    }
    return card;
  }
}(window.DC));
