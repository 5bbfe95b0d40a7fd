/* Chi bộ số — minutes of a meeting (area "minutes"): read, draft and edit (secretary), sign
   (secretary and chair) with an Ed25519 key made in this browser. The private key is generated
   non-extractable by WebCrypto and kept in IndexedDB; only the public key leaves the browser.
   Uses only window.DC. */
(function (DC) {
  'use strict';

  var el = DC.el;
  var t = DC.t;
  var DB = 'digicell-signing';
  var STORE = 'keys';
  var PENDING = 'dc.pending-signature';

  function enc(v) { return encodeURIComponent(v); }

  // ---------------------------------------------------------------- key storage

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function stored(memberId) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var get = db.transaction(STORE, 'readonly').objectStore(STORE).get(memberId);
        get.onsuccess = function () { resolve(get.result || null); };
        get.onerror = function () { reject(get.error); };
      });
    });
  }

  function store(memberId, entry) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).put(entry, memberId);
        tx.oncomplete = function () { resolve(entry); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }

  function base64(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
    return btoa(text);
  }

  function noCrypto() {
    return new DC.Failure(-1, { title: t('portal.minutes.no-crypto') });
  }

  /**
   * This browser's key for the member, registered with meeting-service: made on first use; made
   * again when the registered key is another one (registered from another device).
   */
  function signingKey(memberId) {
    if (!window.crypto || !crypto.subtle || !window.indexedDB) { return Promise.reject(noCrypto()); }
    return Promise.all([
      stored(memberId),
      DC.api.get('/api/meetings/signing-keys/' + enc(memberId)).catch(function (f) { if (f.status === 404) { return null; } throw f; })
    ]).then(function (r) {
      var local = r[0], registered = r[1];
      if (local && registered && registered.publicKey === local.publicKey) { return local; }
      var made = local && !registered ? Promise.resolve(local) : crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])
        .then(function (pair) {
          return crypto.subtle.exportKey('raw', pair.publicKey).then(function (raw) {
            return { privateKey: pair.privateKey, publicKey: base64(raw) };
          });
        }, function () { throw noCrypto(); });
      return made.then(function (entry) {
        return DC.api.put('/api/meetings/signing-keys/' + enc(memberId), { publicKey: entry.publicKey })
          .then(function () { return store(memberId, entry); });
      });
    });
  }

  /* What is signed (digicell-signing-v2): a domain-separated message naming the kind, this
     meeting, the draft's version and the SHA-256 of the text shown, so the signature is valid for
     this text of this meeting only. UTF-8, \n line ends, no trailing newline. */
  function signedMessage(minutes) {
    var utf8 = new TextEncoder();
    return crypto.subtle.digest('SHA-256', utf8.encode(minutes.content)).then(function (digest) {
      var hex = Array.prototype.map.call(new Uint8Array(digest), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
      return utf8.encode('DigiCell signature v2\nkind=minutes\nmeetingId=' + minutes.meetingId +
        '\nversion=' + minutes.version + '\ncontentSha256=' + hex);
    });
  }

  function sign(minutes, role, afterFreshLogin) {
    var me = DC.me();
    return signingKey(me.memberId).then(function (key) {
      return signedMessage(minutes).then(function (bytes) {
        return crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, bytes);
      });
    }).then(function (signature) {
      return DC.api.post('/api/meetings/' + enc(minutes.meetingId) + '/minutes/signatures', { role: role, signature: base64(signature) });
    }).catch(function (failure) {
      if (failure && failure.code === 'fresh-login-required' && !afterFreshLogin) {
        // the password is asked again; the signature is made when the portal comes back here
        sessionStorage.setItem(PENDING, JSON.stringify({ meetingId: minutes.meetingId, role: role }));
        DC.freshLogin(location.pathname + location.search + DC.href('minutes', minutes.meetingId));
        return new Promise(function () { /* leaving the page */ });
      }
      throw failure;
    });
  }

  // ---------------------------------------------------------------- the page

  DC.route('minutes', function (view, args) {
    var meetingId = args[0];
    view.appendChild(el('h2', { id: 'minutes-title' }, t('portal.minutes.title')));
    var box = el('div', { hidden: true });
    view.appendChild(box);
    return Promise.all([
      DC.api.get('/api/meetings/' + enc(meetingId)),
      DC.api.get('/api/meetings/' + enc(meetingId) + '/minutes').catch(function (f) { if (f.status === 404) { return null; } throw f; })
    ]).then(function (r) {
      var meeting = r[0], minutes = r[1];
      view.appendChild(el('p', { class: 'meta' }, meeting.title + ' · ' + DC.fmtDateTime(meeting.startsAt)));
      if (!minutes) { return draftForm(view, meeting); }
      return minutesView(view, box, meeting, minutes);
    });
  }, { roles: ['member', 'cell-secretary'] });

  function isSecretary(meeting) {
    return DC.hasRole('cell-secretary') && (DC.me().orgScope || []).some(function (p) {
      return meeting.orgPath === p || meeting.orgPath.indexOf(p + '/') === 0;
    });
  }

  function attendees(meeting) {
    return DC.sortByName((meeting.participants || []).filter(function (p) {
      return p.attendance === 'PRESENT' || p.attendance === 'LATE';
    }), function (p) { return p.fullName; });
  }

  function draftForm(view, meeting) {
    if (meeting.status !== 'CLOSED') { view.appendChild(DC.card(null, el('p', null, t('portal.minutes.after-close')))); return; }
    if (!isSecretary(meeting)) { view.appendChild(DC.card(null, el('p', null, t('portal.minutes.none')))); return; }
    view.appendChild(DC.card(t('portal.minutes.draft'), DC.form({
      fields: [DC.field({
        name: 'chairMemberId', type: 'select', required: true, label: t('portal.minutes.chair'),
        options: attendees(meeting).filter(function (p) { return p.memberId !== DC.me().memberId; })
          .concat(attendees(meeting).filter(function (p) { return p.memberId === DC.me().memberId; }))
          .map(function (p) { return { value: p.memberId, label: DC.fmtName(p.fullName) }; })
      })],
      submit: t('portal.minutes.draft'),
      onSubmit: function (data) {
        return DC.api.post('/api/meetings/' + enc(meeting.id) + '/minutes', data).then(function () {
          DC.notify(t('portal.minutes.drafted'));
          return DC.refresh();
        });
      }
    })));
  }

  /**
   * While the minutes wait for someone else (the other signature, the archive's seal), the page
   * follows them, so nobody has to reload to see the truth; an edit in progress is never lost.
   */
  function follow(meetingId, shown, triesLeft) {
    var page = location.hash;
    setTimeout(function () {
      if (location.hash !== page || !document.getElementById('minutes-status')) { return; }
      DC.api.get('/api/meetings/' + enc(meetingId) + '/minutes').then(function (m) {
        if (location.hash !== page) { return; }
        var editing = document.querySelector('#main textarea');
        var changed = m.status !== shown.status || !!m.seal !== !!shown.seal ||
          (m.signatures || []).length !== (shown.signatures || []).length;
        if (changed && (!editing || editing.value === shown.content)) { DC.refresh(); return; }
        if (triesLeft > 1) { follow(meetingId, shown, triesLeft - 1); }
      }, function () { if (triesLeft > 1) { follow(meetingId, shown, triesLeft - 1); } });
    }, 3000);
  }

  function minutesView(view, box, meeting, minutes) {
    var me = DC.me();
    var names = {};
    (meeting.participants || []).forEach(function (p) { names[p.memberId] = DC.fmtName(p.fullName); });
    var signed = {};
    (minutes.signatures || []).forEach(function (s) { signed[s.role] = s; });
    view.appendChild(DC.card(null,
      DC.memberViews.facts([
        [t('portal.minutes.status'), el('span', { id: 'minutes-status' }, DC.statusText('portal.minutes.status.', minutes.status))],
        [t('portal.minutes.chair'), (names[minutes.chairMemberId] || minutes.chairMemberId) + ' — ' + (signed.chair ? t('portal.minutes.signed-at', { time: DC.fmtDateTime(signed.chair.signedAt) }) : t('portal.minutes.not-signed'))],
        [t('portal.minutes.secretary'), (names[minutes.secretaryMemberId] || minutes.secretaryMemberId) + ' — ' + (signed.secretary ? t('portal.minutes.signed-at', { time: DC.fmtDateTime(signed.secretary.signedAt) }) : t('portal.minutes.not-signed'))],
        [t('portal.minutes.hash'), el('span', { class: 'receipt' }, minutes.contentSha256)],
        [t('portal.minutes.sealed'), minutes.seal ? t('portal.minutes.seal', { index: minutes.seal.logIndex, time: DC.fmtDateTime(minutes.seal.recordedAt) }) : null]
      ])));
    var draft = minutes.status === 'DRAFT';
    var actions = el('div', { class: 'actions' });
    var roles = [];
    if (draft && me.memberId === minutes.secretaryMemberId && !signed.secretary) { roles.push('SECRETARY'); }
    if (draft && me.memberId === minutes.chairMemberId && !signed.chair) { roles.push('CHAIR'); }
    roles.forEach(function (role) {
      actions.appendChild(el('button', {
        type: 'button', class: 'button', id: 'sign-' + role.toLowerCase(), onclick: function (e) {
          var button = e.currentTarget;
          button.disabled = true;
          sign(minutes, role, button.getAttribute('data-fresh') === 'true').then(function () {
            DC.notify(t('portal.minutes.signed'));
            return DC.refresh();
          }, function (failure) { DC.showFailure(box, failure); button.disabled = false; });
        }
      }, t('portal.minutes.sign-as.' + role)));
    });
    if (roles.length) {
      view.appendChild(DC.card(t('portal.minutes.signing'), el('p', null, t('portal.minutes.sign-help')), actions));
    }
    if (draft && isSecretary(meeting)) {
      view.appendChild(DC.card(t('portal.minutes.edit'), DC.form({
        fields: [DC.field({ name: 'content', type: 'textarea', required: true, rows: 20, label: t('portal.minutes.content'), value: minutes.content, hint: t('portal.minutes.edit-hint') })],
        submit: t('portal.action.save'),
        onSubmit: function (data, form) {
          var text = form.querySelector('textarea').value;
          return DC.api.put('/api/meetings/' + enc(meeting.id) + '/minutes', { content: text }).then(function () {
            DC.notify(t('portal.minutes.saved'));
            return DC.refresh();
          });
        },
        extra: el('button', {
          type: 'button', class: 'button secondary', onclick: function () {
            if (!window.confirm(t('portal.minutes.redraft-confirm'))) { return; }
            DC.api.post('/api/meetings/' + enc(meeting.id) + '/minutes', { chairMemberId: minutes.chairMemberId })
              .then(function () { return DC.refresh(); }, function (f) { DC.showFailure(box, f); });
          }
        }, t('portal.minutes.redraft'))
      })));
    } else {
      view.appendChild(DC.card(t('portal.minutes.content'), el('pre', { class: 'minutes', id: 'minutes-content' }, minutes.content)));
    }
    // a signature or the archive's seal still to come: show it when it happens
    if (minutes.status === 'DRAFT' && (minutes.signatures || []).length || (minutes.status === 'FINALIZED' && !minutes.seal)) {
      follow(meeting.id, minutes, 100);
    }
    // back from a fresh login: make the signature that was asked for
    var pending = null;
    try { pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null'); } catch (e) { pending = null; }
    if (pending && pending.meetingId === meeting.id && roles.indexOf(pending.role) >= 0) {
      sessionStorage.removeItem(PENDING);
      var button = document.getElementById('sign-' + pending.role.toLowerCase());
      // once only: if the login was not fresh enough again, the failure is shown, not a loop
      if (button) { button.setAttribute('data-fresh', 'true'); setTimeout(function () { button.click(); }, 0); }
    }
  }
}(window.DC));
