/* Chi bộ số — the member's screens and the public QR pages. Uses only window.DC (portal.js). */
(function (DC) {
  'use strict';

  var el = DC.el;
  var t = DC.t;

  function facts(rows) {
    var dl = el('dl', { class: 'facts' });
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === '') { return; }
      dl.appendChild(el('dt', null, row[0]));
      dl.appendChild(el('dd', null, row[1]));
    });
    return dl;
  }

  function box() { return el('div', { hidden: true }); }

  function failInto(target) {
    return function (failure) { DC.showFailure(target, failure); };
  }

  // ------------------------------------------------------------------ the member's cell

  /** The member's cell id, from their own record (remembered for the browser session). */
  function myCellId() {
    var me = DC.me();
    var key = 'dc.cell.' + me.memberId;
    var known = null;
    try { known = sessionStorage.getItem(key); } catch (e) { /* ignore */ }
    if (known) { return Promise.resolve(known); }
    return DC.api.get('/api/members/' + encodeURIComponent(me.memberId)).then(function (profile) {
      try { sessionStorage.setItem(key, profile.orgUnitId); } catch (e) { /* ignore */ }
      return profile.orgUnitId;
    });
  }

  /** The meeting in progress, else the next scheduled one. */
  function nextMeeting(meetings) {
    var now = Date.now() - 6 * 3600 * 1000;
    var running = meetings.filter(function (m) { return m.status === 'IN_PROGRESS'; });
    if (running.length) { return running[0]; }
    var coming = meetings.filter(function (m) {
      return m.status === 'SCHEDULED' && new Date(m.startsAt).getTime() >= now;
    }).sort(function (a, b) { return new Date(a.startsAt) - new Date(b.startsAt); });
    return coming[0] || null;
  }

  // ------------------------------------------------------------------ home

  /** A login's name when it is a person's (never the login itself). */
  function personName(me) {
    var name = DC.fmtName(me.name);
    return name && name !== me.username ? name : '';
  }

  /** Staff: what they are there as ("Cấp ủy — Đảng bộ xã Vĩnh Bình"), from their roles and scope. */
  function staffPosition(me, target) {
    var role = ['committee', 'cell-secretary', 'org-admin', 'it-admin', 'auditor', 'analyst'].filter(function (r) {
      return (me.roles || []).indexOf(r) >= 0;
    })[0];
    if (!role) { return null; }
    var scope = (me.orgScope || [])[0];
    var line = el('p', { class: 'meta', id: 'home-position' }, t('portal.position.' + role));
    target.appendChild(line);
    if (!scope) { return null; }
    return DC.api.get('/api/org-units?size=1&under=' + encodeURIComponent(scope)).then(function (page) {
      var unit = (page && page.items || []).filter(function (u) { return u.path === scope; })[0];
      if (unit) { line.textContent = t('portal.position.at', { position: t('portal.position.' + role), unit: unit.name }); }
    }, function () { /* the role alone will do */ });
  }

  DC.route('home', function (view) {
    var me = DC.me();
    var greeting = el('h2', { id: 'home-title' }, personName(me)
      ? t('portal.home.greeting', { name: personName(me) }) : t('portal.home.greeting-plain'));
    view.appendChild(greeting);
    if (me.memberId) {
      // the name as the member's record writes it (Vietnamese order), not as the login has it
      DC.api.get('/api/members/' + encodeURIComponent(me.memberId)).then(function (profile) {
        if (profile && profile.fullName) { greeting.textContent = t('portal.home.greeting', { name: DC.fmtName(profile.fullName) }); }
      }, function () { /* the login's name stays */ });
    }
    if (!me.memberId) {
      staffPosition(me, view);
      var areas = DC.areas();
      view.appendChild(DC.card(null, areas.length
        ? [el('p', null, t('portal.home.staff')), el('ul', { class: 'list' }, areas.map(function (a) {
          return el('li', null, el('a', { class: 'button secondary', href: DC.href(a.home) }, a.label));
        }))]
        : el('p', null, t('portal.home.no-area'))));
      return null;
    }
    var meetingBox = el('div', { id: 'next-meeting' }, el('p', { class: 'status' }, '…'));
    var noticeBox = el('div', { id: 'home-notices' });
    view.appendChild(meetingBox);
    view.appendChild(noticeBox);
    var meeting = myCellId()
      .then(function (cellId) { return DC.api.get('/api/meetings?size=20&cellId=' + encodeURIComponent(cellId)); })
      .then(function (meetings) {
        DC.clear(meetingBox);
        var next = nextMeeting(meetings || []);
        var past = (meetings || []).filter(function (m) { return m.status === 'CLOSED'; }).slice(0, 3);
        if (past.length) {
          noticeBox.appendChild(DC.card(t('portal.home.recent'), el('ul', { class: 'list', id: 'past-meetings' }, past.map(function (m) {
            return el('li', null, el('span', { class: 'title' }, m.title),
              el('span', { class: 'meta' }, DC.fmtDateTime(m.startsAt)),
              el('a', { href: DC.href('minutes', m.id), 'data-minutes': m.id }, t('portal.minutes.title')));
          }))));
        }
        if (!next) {
          meetingBox.appendChild(DC.card(t('portal.meeting.next'), el('p', null, t('portal.meeting.none'))));
          return null;
        }
        return meetingCard(meetingBox, next);
      }, function (failure) { DC.clear(meetingBox); DC.showFailure(meetingBox, failure); });
    var notices = DC.api.get('/api/notifications?size=3').then(function (page) {
      noticeBox.appendChild(DC.card(t('portal.notices.title'),
        noticeList(page.items || [], false),
        el('p', null, el('a', { href: DC.href('notices') }, t('portal.notices.more')))));
    }, function () { /* the meeting matters more; notices have their own page */ });
    return Promise.all([meeting, notices]);
  });

  DC.route('meeting', function (view, args) {
    var heading = el('h2', null, t('portal.meeting.open'));
    view.appendChild(heading);
    var target = el('div');
    view.appendChild(target);
    return DC.api.get('/api/meetings/' + encodeURIComponent(args[0])).then(function (meeting) {
      heading.textContent = meeting.title;
      followStatus(view, meeting);
      return meetingCard(target, meeting);
    });
  });

  /**
   * While a meeting page is open and the meeting is not over, its status is asked again every
   * MEETING_EVERY ms: when the secretary starts or closes it, the page shows it (the join button,
   * the vote) without a reload. Stops when the page is left or after MEETING_FOR.
   */
  var MEETING_EVERY = 10000;
  var MEETING_FOR = 4 * 60 * 60 * 1000;
  function followStatus(view, meeting) {
    if (meeting.status !== 'SCHEDULED' && meeting.status !== 'IN_PROGRESS') { return; }
    var since = Date.now();
    var timer = setInterval(function () {
      if (!document.body.contains(view) || Date.now() - since > MEETING_FOR) { clearInterval(timer); return; }
      DC.api.get('/api/meetings/' + encodeURIComponent(meeting.id)).then(function (now) {
        if (now.status !== meeting.status && document.body.contains(view)) {
          clearInterval(timer);
          DC.refresh();
        }
      }, function () { /* the next round asks again */ });
    }, MEETING_EVERY);
  }

  /** The card's heading for the meeting's state: upcoming, under way, held or cancelled. */
  function meetingHeading(meeting) {
    if (meeting.status === 'IN_PROGRESS') { return t('portal.meeting.current'); }
    if (meeting.status === 'CLOSED') { return t('portal.meeting.past'); }
    if (meeting.status === 'CANCELLED') { return t('portal.meeting.cancelled-title'); }
    return t('portal.meeting.next');
  }

  /** "Có mặt", or "Có mặt (trực tuyến)" when the member joined online. */
  function attendanceText(participant) {
    var text = DC.statusText('portal.attendance.', participant.attendance);
    return participant.recordedVia === 'ONLINE' ? t('portal.attendance.online', { attendance: text }) : text;
  }

  /** A meeting as its member sees it: when, where, join/check-in, documents, open votes. */
  function meetingCard(target, meeting) {
    var me = DC.me();
    var mine = (meeting.participants || []).filter(function (p) { return p.memberId === me.memberId; })[0];
    var section = el('section', { class: 'card highlight', id: 'meeting-' + meeting.id, 'data-meeting': meeting.id, 'aria-labelledby': 'mt-' + meeting.id },
      el('h2', { id: 'mt-' + meeting.id }, meetingHeading(meeting)),
      el('h3', { class: 'meeting-title' }, meeting.title),
      facts([
        [t('portal.meeting.when'), DC.fmtDateTime(meeting.startsAt)],
        [t('portal.meeting.where'), meeting.location],
        [t('portal.meeting.kind'), DC.statusText('portal.meeting.kind.', meeting.kind)],
        [t('portal.meeting.mode'), DC.statusText('portal.meeting.mode.', meeting.mode)],
        [t('portal.meeting.status'), DC.statusText('portal.meeting.status.', meeting.status)]
      ]));
    if (meeting.status === 'CANCELLED') {
      section.appendChild(el('p', { class: 'alert' }, t('portal.meeting.cancelled', { reason: meeting.cancelReason || '' })));
    }
    var attendanceLine = el('p', { class: 'success', id: 'my-attendance', hidden: !(mine && mine.attendance && mine.attendance !== 'NOT_RECORDED') },
      mine ? t('portal.meeting.my-attendance', { attendance: attendanceText(mine) }) : '');
    section.appendChild(attendanceLine);
    var open = meeting.status === 'SCHEDULED' || meeting.status === 'IN_PROGRESS';
    var opensText = t('portal.meeting.join.opens', { when: DC.fmtDateTime(meeting.startsAt) });
    if (meeting.status === 'SCHEDULED' && meeting.mode !== 'IN_PERSON') {
      // the participant list exists from the start: until then the link is not open (no button)
      section.appendChild(el('p', { class: 'hint', id: 'join-pending' }, opensText));
    }
    if (meeting.status === 'IN_PROGRESS' && meeting.mode !== 'IN_PERSON') {
      var joinResult = el('div', { 'aria-live': 'polite', id: 'join-result' });
      section.appendChild(el('div', { class: 'actions' }, el('button', {
        type: 'button', class: 'button', id: 'join-online', onclick: function (e) {
          var button = e.currentTarget;
          button.disabled = true;
          // opened at once, within the tap, so no pop-up blocker stops it; pointed once joined
          var tab = null;
          try { tab = window.open('', '_blank'); } catch (ignored) { tab = null; }
          DC.api.post('/api/meetings/' + encodeURIComponent(meeting.id) + '/join-online').then(function (joined) {
            DC.clear(joinResult);
            joinResult.appendChild(el('p', { class: 'success' }, t('portal.meeting.joined'), ' ',
              el('a', { id: 'online-link', href: joined.onlineLink, target: '_blank', rel: 'noopener noreferrer' }, joined.onlineLink)));
            attendanceLine.textContent = t('portal.meeting.my-attendance', {
              attendance: attendanceText({ attendance: joined.attendance, recordedVia: 'ONLINE' })
            });
            attendanceLine.hidden = false;
            if (tab) { try { tab.opener = null; tab.location.href = joined.onlineLink; } catch (ignored) { /* the link is there */ } }
          }, function (failure) {
            if (tab) { try { tab.close(); } catch (ignored) { /* nothing open */ } }
            if (failure.code === 'meeting-not-started') {
              DC.clear(joinResult).appendChild(el('p', { class: 'hint' }, opensText));
            } else {
              DC.showFailure(joinResult, failure);
            }
          }).then(function () { button.disabled = false; });
        }
      }, t('portal.meeting.join'))));
      section.appendChild(joinResult);
    }
    if (open && meeting.mode !== 'ONLINE' && !(mine && mine.attendance && mine.attendance !== 'NOT_RECORDED')) {
      section.appendChild(el('p', { class: 'hint' }, t('portal.meeting.checkin.howto')));
    }
    target.appendChild(section);
    var docs = el('section', { class: 'card', id: 'meeting-documents', 'aria-labelledby': 'docs-' + meeting.id },
      el('h2', { id: 'docs-' + meeting.id }, t('portal.meeting.documents')));
    target.appendChild(docs);
    var votes = el('div', { id: 'meeting-votes' });
    target.appendChild(votes);
    return Promise.all([
      agendaDocuments(docs, meeting.agenda || []),
      meeting.status === 'IN_PROGRESS' || meeting.status === 'CLOSED' ? motions(votes, meeting) : null
    ]);
  }

  function agendaDocuments(target, agenda) {
    var withDocs = agenda.filter(function (item) { return (item.documentIds || []).length; });
    if (!agenda.length || !withDocs.length) {
      if (agenda.length) { target.appendChild(agendaList(agenda)); }
      target.appendChild(el('p', null, t('portal.meeting.documents.none')));
      return null;
    }
    var list = el('ol', { class: 'list' });
    target.appendChild(list);
    return Promise.all(agenda.map(function (item) {
      var docList = el('ul', { class: 'list' });
      list.appendChild(el('li', null, el('strong', null, item.title), docList));
      return Promise.all((item.documentIds || []).map(function (id) {
        var li = el('li', { 'data-document': id }, '…');
        docList.appendChild(li);
        return DC.api.get('/api/documents/' + encodeURIComponent(id)).then(function (doc) {
          DC.clear(li);
          documentLine(li, doc);
        }, function (failure) { DC.clear(li); li.appendChild(el('span', { class: 'meta' }, failure.title)); });
      }));
    }));
  }

  function agendaList(agenda) {
    return el('ol', null, agenda.map(function (item) { return el('li', null, item.title); }));
  }

  /** One document: title, number, and the download of its latest version (recorded as read). */
  function documentLine(li, doc) {
    var meta = doc.metadata || {};
    var versions = doc.versions || [];
    var latest = versions[versions.length - 1];
    li.appendChild(el('span', { class: 'title' }, meta.title || doc.id));
    li.appendChild(el('span', { class: 'meta' }, [meta.number, meta.issuingBody, DC.fmtDate(meta.issuedOn)].filter(Boolean).join(' · ')));
    if (latest) {
      li.appendChild(el('a', {
        class: 'button secondary', download: latest.filename || '',
        href: '/api/documents/' + encodeURIComponent(doc.id) + '/versions/' + latest.number + '/content'
      }, t('portal.meeting.document.download'), ' ', el('span', { class: 'meta-inline' }, latest.filename + ' (' + size(latest.size) + ')')));
    }
  }

  function size(bytes) {
    if (bytes < 1024) { return bytes + ' B'; }
    if (bytes < 1024 * 1024) { return Math.round(bytes / 1024) + ' KB'; }
    return (bytes / 1024 / 1024).toFixed(1).replace('.', DC.lang() === 'vi' ? ',' : '.') + ' MB';
  }

  DC.route('document', function (view, args) {
    view.appendChild(el('h2', null, t('portal.section.title')));
    return DC.api.get('/api/documents/' + encodeURIComponent(args[0])).then(function (doc) {
      var li = el('p');
      documentLine(li, doc);
      view.appendChild(DC.card(null, li, doc.metadata && doc.metadata.summary ? el('p', null, doc.metadata.summary) : null));
    });
  });

  // ------------------------------------------------------------------ votes

  function motions(target, meeting) {
    return DC.api.get('/api/meetings/' + encodeURIComponent(meeting.id) + '/motions').then(function (list) {
      (list || []).forEach(function (motion) {
        target.appendChild(motionCard(motion));
      });
    });
  }

  function motionCard(motion) {
    var section = el('section', { class: 'card', 'data-motion': motion.id },
      el('h2', null, t('portal.vote.title') + ': ' + motion.question),
      el('p', null, el('span', { class: 'pill' }, DC.statusText('portal.vote.ballot.', motion.ballot)), ' ',
        el('span', { class: 'pill' }, DC.statusText('portal.vote.status.', motion.status)), ' ',
        t('portal.vote.voted', { count: motion.voted })));
    if (motion.status === 'OPEN') {
      section.appendChild(voteForm(motion));
    } else if (motion.result) {
      section.appendChild(resultView(motion.result));
    }
    return section;
  }

  /** The ballot of an open motion; the receipt replaces it once the vote is recorded. */
  function voteForm(motion) {
    var holder = el('div', { class: 'vote' });
    var receipt = el('div', { 'aria-live': 'polite' });
    var form = DC.form({
      fields: [DC.field({
        name: 'option', type: 'radio', required: true, label: t('portal.vote.choose'),
        options: motion.options.map(function (o) { return { value: o, label: o }; })
      })],
      submit: t('portal.vote.submit'),
      onSubmit: function (data) {
        return DC.api.post('/api/motions/' + encodeURIComponent(motion.id) + '/votes', { option: data.option })
          .then(function (answer) {
            form.hidden = true;
            receipt.appendChild(el('div', { class: 'success vote-receipt' },
              el('p', null, t('portal.vote.receipt')), el('p', { class: 'receipt' }, answer.receipt)));
          });
      }
    });
    holder.appendChild(form);
    holder.appendChild(receipt);
    return holder;
  }

  function resultView(result) {
    return el('div', null,
      el('ul', null, (result.tallies || []).map(function (tally) {
        return el('li', null, t('portal.vote.tally', { option: tally.option, count: tally.votes }));
      })),
      el('p', { class: 'result' }, result.adopted ? t('portal.vote.adopted', { option: result.adopted }) : t('portal.vote.not-adopted')));
  }

  DC.memberViews = { meetingCard: meetingCard, motionCard: motionCard, voteForm: voteForm, resultView: resultView, facts: facts, documentLine: documentLine };

  // ------------------------------------------------------------------ check-in from the venue QR

  function meetingIdOf(code) {
    var head = String(code).split('.')[0];
    try {
      var b64 = head.replace(/-/g, '+').replace(/_/g, '/');
      while (b64.length % 4) { b64 += '='; }
      var bytes = atob(b64);
      return decodeURIComponent(Array.prototype.map.call(bytes, function (c) {
        return '%' + ('0' + c.charCodeAt(0).toString(16)).slice(-2);
      }).join(''));
    } catch (e) {
      return null;
    }
  }

  DC.route('check-in', function (view, args) {
    var code = args[0] || '';
    var meetingId = meetingIdOf(code);
    view.appendChild(el('h2', null, t('portal.checkin.title')));
    var result = el('div', { 'aria-live': 'polite' }, el('p', { class: 'status' }, t('portal.checkin.working')));
    view.appendChild(result);
    if (!meetingId) {
      DC.clear(result).appendChild(el('p', { class: 'alert' }, t('portal.checkin.bad-code')));
      return null;
    }
    return DC.api.post('/api/meetings/' + encodeURIComponent(meetingId) + '/check-in', { code: code })
      .then(function (answer) {
        DC.clear(result).appendChild(el('p', { class: 'success', id: 'check-in-result' },
          t('portal.checkin.done', { attendance: DC.statusText('portal.attendance.', answer.attendance) })));
        return DC.api.get('/api/meetings/' + encodeURIComponent(meetingId));
      })
      .then(function (meeting) { return meetingCard(view, meeting); }, function (failure) {
        DC.clear(result);
        DC.showFailure(result, failure);
      });
  });

  // ------------------------------------------------------------------ notices

  function noticeList(items, withActions, onRead) {
    if (!items.length) { return el('p', null, t('portal.notices.empty')); }
    return el('ul', { class: 'list notices' }, items.map(function (n) {
      var li = el('li', { class: n.read ? 'read' : 'unread' },
        // links are portal routes ("/#/meeting/…"): anything else stays plain text
        /^\/#\/[\w\/-]+$/.test(n.link || '')
          ? el('a', { class: 'title', href: n.link.substring(1) }, n.title)
          : el('span', { class: 'title' }, n.title),
        el('span', { class: 'meta' }, DC.fmtDateTime(n.createdAt)),
        withActions && n.body ? el('p', null, n.body) : null);
      if (withActions && !n.read) {
        li.appendChild(el('button', {
          type: 'button', class: 'button secondary', onclick: function (e) {
            var button = e.currentTarget;
            button.disabled = true;
            DC.api.post('/api/notifications/' + encodeURIComponent(n.id) + '/read').then(function () {
              li.className = 'read';
              button.remove();
              if (onRead) { onRead(); }
              DC.refreshUnread();
            }, function (failure) { button.disabled = false; DC.notify(failure.title); });
          }
        }, t('portal.notices.mark-read')));
      }
      return li;
    }));
  }

  DC.route('notices', function (view) {
    view.appendChild(el('h2', null, t('portal.notices.title')));
    var holder = el('div', { class: 'card' });
    view.appendChild(holder);
    var unread = 0;
    var unreadLine = el('p', { class: 'meta', id: 'notices-unread', 'aria-live': 'polite' });
    function showUnread(count) {
      unread = Math.max(0, count);
      unreadLine.textContent = unread ? t('portal.notices.unread', { count: unread }) : t('portal.notices.all-read');
    }
    function page(cursor) {
      return DC.api.get('/api/notifications?size=20' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '')).then(function (p) {
        var more = holder.querySelector('.more');
        if (more) { more.remove(); }
        if (!cursor) { showUnread(p.unread || 0); holder.appendChild(unreadLine); }
        // the line follows "mark as read" at once, without a reload
        holder.appendChild(noticeList(p.items || [], true, function () { showUnread(unread - 1); }));
        if (p.nextCursor) {
          holder.appendChild(el('button', {
            type: 'button', class: 'button secondary more', onclick: function () { page(p.nextCursor); }
          }, t('portal.action.more')));
        }
      });
    }
    return page(null);
  });

  // ------------------------------------------------------------------ a broadcast received

  /** Who sent it, as people say it: the person's name and the committee's unit, never a login. */
  function senderText(b) {
    if (b.senderName && b.senderUnit) { return t('portal.broadcast.sender-person', { name: DC.fmtName(b.senderName), unit: b.senderUnit }); }
    if (b.senderUnit) { return t('portal.broadcast.sender-unit', { unit: b.senderUnit }); }
    return t('portal.broadcast.sender-committee');
  }

  DC.route('broadcast', function (view, args) {
    var id = args[0];
    var url = '/api/broadcasts/' + encodeURIComponent(id);
    return DC.api.get('/api/broadcasts/received/' + encodeURIComponent(id)).then(function (b) {
      view.appendChild(el('h2', { id: 'broadcast-title' }, b.title));
      var stateBox = el('div', { id: 'task-state', 'aria-live': 'polite' });
      var card = DC.card(null,
        el('p', null, el('span', { class: 'pill' }, t('portal.broadcast.kind.' + b.kind))),
        facts([
          [t('portal.broadcast.sender'), senderText(b)],
          [t('portal.broadcast.receivedAt'), DC.fmtDateTime(b.receivedAt)],
          [t('portal.broadcast.dueOn'), b.dueOn ? DC.fmtDate(b.dueOn) : null]
        ]),
        el('p', { class: 'broadcast-body' }, b.body || ''),
        stateBox);
      view.appendChild(card);
      function show(copy) {
        DC.clear(stateBox);
        if (b.kind !== 'TASK') {
          stateBox.appendChild(el('p', { class: 'success' }, t('portal.broadcast.read')));
          return;
        }
        stateBox.appendChild(el('p', { class: copy.completedAt ? 'success' : 'meta', id: 'task-status' },
          copy.completedAt ? t('portal.broadcast.task.done-at', { when: DC.fmtDateTime(copy.completedAt) })
            : copy.acknowledgedAt ? t('portal.broadcast.task.received-at', { when: DC.fmtDateTime(copy.acknowledgedAt) })
              : t('portal.broadcast.task.asked')));
        var result = el('div', { 'aria-live': 'polite' });
        var actions = el('div', { class: 'actions' });
        function acknowledge(completed) {
          return function (e) {
            e.currentTarget.disabled = true;
            DC.api.post(url + '/acknowledge', completed ? { completed: true } : {}).then(function (answer) {
              show(answer);
              DC.refreshUnread();
              DC.notify(completed ? t('portal.broadcast.task.done-ok') : t('portal.broadcast.task.received-ok'));
            }, function (failure) { DC.showFailure(result, failure); });
          };
        }
        if (!copy.acknowledgedAt) {
          actions.appendChild(el('button', { type: 'button', class: 'button', id: 'task-received', onclick: acknowledge(false) }, t('portal.broadcast.task.received')));
        }
        if (!copy.completedAt) {
          actions.appendChild(el('button', { type: 'button', class: copy.acknowledgedAt ? 'button' : 'button secondary', id: 'task-done', onclick: acknowledge(true) }, t('portal.broadcast.task.done')));
        }
        stateBox.appendChild(actions);
        stateBox.appendChild(result);
      }
      // opening it is reading it (the inbox's notice too)
      return (b.readAt ? Promise.resolve(b) : DC.api.post(url + '/read').then(function (r) { DC.refreshUnread(); return r; }, function () { return b; }))
        .then(show);
    });
  });

  // ------------------------------------------------------------------ profile

  DC.route('profile', function (view) {
    view.appendChild(el('h2', null, t('portal.profile.title')));
    var me = DC.me();
    if (!me.memberId) { view.appendChild(el('p', null, DC.fmtName(me.name) + ' (' + me.username + ')')); return null; }
    return DC.api.get('/api/members/' + encodeURIComponent(me.memberId)).then(function (p) {
      // the cell by its name, never its path
      return DC.api.get('/api/org-units/' + encodeURIComponent(p.orgUnitId)).then(function (unit) {
        p.orgName = unit && (unit.name || (unit.unit && unit.unit.name));
        return p;
      }, function () { return p; });
    }).then(function (p) {
      view.appendChild(DC.card(null, facts([
        [t('portal.profile.fullName'), DC.fmtName(p.fullName)],
        [t('portal.profile.gender'), DC.statusText('portal.gender.', p.gender)],
        [t('portal.profile.dateOfBirth'), DC.fmtDate(p.dateOfBirth)],
        [t('portal.profile.status'), DC.statusText('portal.member.status.', p.status)],
        [t('portal.profile.partyNumber'), p.partyNumber],
        [t('portal.profile.admittedOn'), DC.fmtDate(p.admittedOn)],
        [t('portal.profile.officialOn'), DC.fmtDate(p.officialOn)],
        [t('portal.profile.orgPath'), p.orgName || null],
        [t('portal.profile.ethnicity'), p.ethnicity],
        [t('portal.profile.hometown'), p.hometown],
        [t('portal.profile.citizenId'), p.citizenId],
        [t('portal.profile.phone'), p.phone],
        [t('portal.profile.email'), p.email]
      ])));
      view.appendChild(contactCard(p));
      view.appendChild(preferencesCard());
      if ((p.history || []).length) {
        view.appendChild(DC.card(t('portal.profile.history'), el('ul', { class: 'list' }, p.history.map(function (h) {
          return el('li', null, el('span', { class: 'title' }, [h.title, h.organisation].filter(Boolean).join(' — ') || h.kind),
            el('span', { class: 'meta' }, [h.kind, h.year, DC.fmtDate(h.from), DC.fmtDate(h.to)].filter(Boolean).join(' · ')));
        }))));
      }
    });
  });

  /** The member keeps their own phone, e-mail and Zalo id current: notices reach them there. */
  function contactCard(p) {
    var contactForm = DC.form({
      fields: [
        DC.field({ name: 'phone', type: 'tel', label: t('portal.profile.phone'), value: p.phone, attrs: { maxlength: '16', autocomplete: 'tel' } }),
        DC.field({ name: 'email', type: 'email', label: t('portal.profile.email'), value: p.email, attrs: { maxlength: '254', autocomplete: 'email' } }),
        DC.field({ name: 'zaloId', label: t('portal.profile.zaloId'), value: p.zaloId, hint: t('portal.profile.zaloId.hint'), attrs: { maxlength: '32', inputmode: 'numeric' } }),
        DC.field({ name: 'residence', label: t('portal.profile.residence'), value: p.residence, attrs: { maxlength: '300' } })
      ],
      submit: t('portal.action.save'),
      onSubmit: function (data) {
        return DC.api.put('/api/members/' + encodeURIComponent(p.id) + '/contact', data).then(function () {
          return t('portal.profile.contact.saved');
        });
      }
    });
    contactForm.id = 'contact-form';
    return DC.card(t('portal.profile.contact'), contactForm);
  }

  /** Which channels carry notices besides the inbox, quiet hours, digest and language. */
  function preferencesCard() {
    var holder = DC.card(t('portal.prefs.title'), el('p', { class: 'meta' }, t('portal.prefs.intro')));
    holder.id = 'notification-preferences';
    DC.api.get('/api/notifications/preferences').then(function (prefs) {
      var chosen = prefs.defaultChannels || [];
      var quiet = prefs.quietHours || {};
      var prefsForm = DC.form({
        fields: ['EMAIL', 'SMS', 'ZALO'].map(function (c) {
          return DC.field({ name: 'channel-' + c, type: 'checkbox', label: t('portal.prefs.channel.' + c), value: chosen.indexOf(c) >= 0 });
        }).concat([
          DC.field({ name: 'quietFrom', type: 'time', label: t('portal.prefs.quietFrom'), value: quiet.from ? String(quiet.from).slice(0, 5) : '' }),
          DC.field({ name: 'quietTo', type: 'time', label: t('portal.prefs.quietTo'), value: quiet.to ? String(quiet.to).slice(0, 5) : '' }),
          DC.field({ name: 'digest', type: 'select', label: t('portal.prefs.digest'), value: prefs.digest,
            options: ['NONE', 'DAILY'].map(function (d) { return { value: d, label: t('portal.prefs.digest.' + d) }; }) }),
          DC.field({ name: 'language', type: 'select', label: t('portal.prefs.language'), value: prefs.language,
            options: [{ value: 'vi', label: 'Tiếng Việt' }, { value: 'en', label: 'English' }] })
        ]),
        submit: t('portal.action.save'),
        onSubmit: function (data) {
          var channels = {};
          Object.keys(prefs.channels || {}).forEach(function (kind) { channels[kind] = prefs.channels[kind]; });
          channels['*'] = ['EMAIL', 'SMS', 'ZALO'].filter(function (c) { return data['channel-' + c]; });
          var body = {
            channels: channels,
            quietHours: data.quietFrom && data.quietTo ? { from: data.quietFrom, to: data.quietTo } : null,
            digest: data.digest,
            language: data.language
          };
          return DC.api.put('/api/notifications/preferences', body).then(function (saved) {
            prefs = saved;
            return t('portal.prefs.saved');
          });
        }
      });
      prefsForm.id = 'preferences-form';
      holder.appendChild(prefsForm);
    }, failInto(holder));
    return holder;
  }

  // ------------------------------------------------------------------ feedback

  DC.route('feedback', function (view) {
    view.appendChild(el('h2', null, t('portal.feedback.title')));
    var done = el('div', { 'aria-live': 'polite' });
    var feedbackForm = DC.form({
      fields: [
        DC.field({
          name: 'category', type: 'select', required: true, label: t('portal.feedback.category'),
          options: ['PARTY_BUILDING', 'LAND', 'ENVIRONMENT', 'SECURITY_ORDER', 'SOCIAL_POLICY', 'OTHER'].map(function (c) {
            return { value: c, label: t('portal.feedback.category.' + c) };
          })
        }),
        DC.field({ name: 'text', type: 'textarea', required: true, label: t('portal.feedback.text'), rows: 6, attrs: { maxlength: '5000' } }),
        DC.field({ name: 'location', required: true, label: t('portal.feedback.location'), attrs: { maxlength: '200' } }),
        DC.field({ name: 'anonymousToOthers', type: 'checkbox', label: t('portal.feedback.anonymous') })
      ],
      submit: t('portal.action.send'),
      onSubmit: function (data, node) {
        return DC.api.post('/api/feedback', data).then(function (sent) {
          node.reset();
          DC.clear(done).appendChild(el('p', { class: 'success' }, t('portal.feedback.sent'), ' ',
            sent && sent.id ? el('a', { href: DC.href('my-feedback', sent.id) }, t('portal.feedback.mine.follow')) : null));
          return mineList(mine).then(function () { return t('portal.feedback.sent'); });
        });
      }
    });
    view.appendChild(DC.card(null, el('p', null, t('portal.feedback.intro')), done, feedbackForm));
    var mine = el('section', { class: 'card', id: 'my-feedback', 'aria-labelledby': 'my-feedback-title' });
    view.appendChild(mine);
    return mineList(mine);
  });

  /** "Ý kiến của tôi": the member's own items, newest first, with their status and deadline. */
  function mineList(box) {
    DC.clear(box);
    box.appendChild(el('h2', { id: 'my-feedback-title' }, t('portal.feedback.mine')));
    return DC.api.get('/api/feedback?box=mine&size=20').then(function (page) {
      var items = page && page.items || [];
      if (!items.length) { box.appendChild(el('p', null, t('portal.feedback.mine.none'))); return; }
      box.appendChild(el('ul', { class: 'list' }, items.map(function (f) {
        return el('li', { 'data-feedback': f.id },
          el('a', { class: 'title', href: DC.href('my-feedback', f.id) }, feedbackTitle(f)),
          el('span', { class: 'meta' }, [
            t('portal.feedback.status.' + f.status),
            DC.fmtDate(f.submittedAt),
            (f.responses || []).length ? t('portal.feedback.answers', { count: f.responses.length }) : null
          ].filter(Boolean).join(' · ')));
      })));
    }, failInto(box));
  }

  function feedbackTitle(f) {
    var text = String(f.text || '').replace(/\s+/g, ' ').trim();
    return text.length > 80 ? text.substring(0, 77) + '…' : text;
  }

  var OPEN_FEEDBACK = ['RECEIVED', 'ASSIGNED', 'IN_PROGRESS'];

  DC.route('my-feedback', function (view, args) {
    if (!args[0]) { DC.go('feedback'); return null; }
    view.appendChild(el('h2', null, t('portal.feedback.mine.item')));
    return DC.api.get('/api/feedback/' + encodeURIComponent(args[0])).then(function (f) {
      var open = OPEN_FEEDBACK.indexOf(f.status) >= 0;
      var card = DC.card(null,
        el('p', null, el('span', { class: 'pill', id: 'feedback-status' }, t('portal.feedback.status.' + f.status))),
        facts([
          [t('portal.feedback.category'), t('portal.feedback.category.' + f.category)],
          [t('portal.feedback.location'), f.location],
          [t('portal.feedback.submittedAt'), DC.fmtDateTime(f.submittedAt)],
          [t('portal.feedback.resolveBy'), open && f.resolveBy ? DC.fmtDate(f.resolveBy) : null],
          [t('portal.feedback.closedAt'), f.closedAt ? DC.fmtDateTime(f.closedAt) : null]
        ]),
        el('p', { class: 'feedback-body' }, f.text || ''));
      var thread = el('ol', { class: 'list thread', id: 'feedback-answers' });
      (f.responses || []).forEach(function (r) {
        thread.appendChild(el('li', null, el('span', { class: 'title' }, r.text || ''),
          el('span', { class: 'meta' }, t('portal.feedback.answer.meta', { when: DC.fmtDateTime(r.at) }))));
      });
      (f.escalations || []).forEach(function (e) {
        thread.appendChild(el('li', null, el('span', { class: 'meta' }, t('portal.feedback.escalated', { when: DC.fmtDate(e.at) }))));
      });
      card.appendChild(el('h3', null, t('portal.feedback.answers.title')));
      card.appendChild(thread.children.length ? thread : el('p', { id: 'feedback-answers' }, t('portal.feedback.answers.none')));
      view.appendChild(card);
      view.appendChild(el('p', null, el('a', { href: DC.href('feedback') }, t('portal.feedback.mine.back'))));
    });
  });

  // minutes: read by the cell, drafted by the secretary, signed by the secretary and the chair
  DC.registerArea('minutes', { roles: ['member', 'cell-secretary'], label: 'portal.minutes.title', load: '/minutes.js', nav: false });

  // ------------------------------------------------------------------ public QR pages

  function askLogin(view, text) {
    view.appendChild(DC.card(null, el('p', null, text),
      el('p', null, el('button', { type: 'button', class: 'button', onclick: function () { DC.login(); } }, t('portal.action.login')))));
  }

  DC.route('section', function (view, args) {
    return DC.api.get('/api/sections/' + encodeURIComponent(args[0])).then(function (s) {
      view.appendChild(el('h2', null, s.title));
      view.appendChild(DC.card(null,
        el('p', { class: 'meta' }, s.boardTitle),
        s.caption ? el('p', null, s.caption) : null,
        el('ul', { class: 'list' }, (s.items || []).map(function (item) {
          var link = item.kind === 'DOCUMENT'
            ? el('a', { href: DC.href('document', item.documentId) }, item.title)
            : el('a', { href: item.url, rel: 'noopener noreferrer' }, item.title);
          return el('li', null, link, item.number ? el('span', { class: 'meta' }, item.number) : null);
        })),
        el('p', { class: 'meta' }, t('portal.section.scans', { count: s.scans }))));
    }, function (failure) {
      view.appendChild(el('h2', null, t('portal.section.title')));
      if (!DC.me() && (failure.status === 401 || failure.status === 404)) { return askLogin(view, t('portal.section.login')); }
      throw failure;
    });
  }, { auth: false });

  DC.route('pack', function (view, args) {
    return DC.api.get('/api/packs/' + encodeURIComponent(args[0])).then(function (p) {
      view.appendChild(el('h2', null, t('portal.pack.title')));
      view.appendChild(DC.card(null,
        el('h3', null, p.title),
        facts([
          [t('portal.meeting.when'), DC.fmtDateTime(p.startsAt)],
          [t('portal.meeting.where'), p.location],
          [t('portal.meeting.mode'), DC.statusText('portal.meeting.mode.', p.mode)],
          [t('portal.meeting.status'), DC.statusText('portal.meeting.status.', p.status)]
        ]),
        el('ol', { class: 'list' }, (p.agenda || []).map(function (item) {
          return el('li', null, el('strong', null, item.title), el('ul', { class: 'list' }, (item.documents || []).map(function (d) {
            return el('li', null, el('span', { class: 'title' }, d.title),
              el('span', { class: 'meta' }, [d.number, d.issuingBody, DC.fmtDate(d.issuedOn)].filter(Boolean).join(' · ')),
              el('a', { class: 'button secondary', href: d.contentUrl, download: d.filename || '' }, t('portal.meeting.document.download'), ' ', d.filename + ' (' + size(d.size) + ')'));
          })));
        }))));
    }, function (failure) {
      view.appendChild(el('h2', null, t('portal.pack.title')));
      if (!DC.me() && (failure.status === 401 || failure.status === 404)) { return askLogin(view, t('portal.pack.login')); }
      throw failure;
    });
  }, { auth: false });
}(window.DC));
