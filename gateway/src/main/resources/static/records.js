/* Chi bộ số — member records for those who keep them (area "records": cell secretaries,
   committees, the organisation department), each within their own scope:
     #records               find a member by name (diacritics optional), party number or citizen id
     #records-member/{id}   the record: facts, photo, history and amendments; the photo can be
                            set or removed, and the organisation department corrects identity
                            fields with the decision that supports the correction.
   Uses only window.DC. */
(function (DC) {
  'use strict';

  var el = DC.el;
  var t = DC.t;

  function enc(v) { return encodeURIComponent(v); }

  function facts(rows) {
    var dl = el('dl', { class: 'facts' });
    rows.forEach(function (row) {
      if (row[1] === undefined || row[1] === null || row[1] === '') { return; }
      dl.appendChild(el('dt', null, row[0]));
      dl.appendChild(el('dd', null, String(row[1])));
    });
    return dl;
  }

  // ---------------------------------------------------------------- search

  DC.route('records', function (view, args, query) {
    view.appendChild(el('h2', null, t('portal.records.title')));
    var scopes = (DC.me().orgScope || []);
    var results = el('div', { id: 'record-results', 'aria-live': 'polite' });
    var searchForm = DC.form({
      fields: [
        DC.field({ name: 'q', label: t('portal.records.q'), value: query && query.q, hint: t('portal.records.q.hint'), attrs: { maxlength: '100', type: 'search' } }),
        DC.field({ name: 'under', type: 'select', label: t('portal.records.under'),
          options: scopes.map(function (s) { return { value: s, label: s }; }) })
      ],
      submit: t('portal.records.search'),
      onSubmit: function (data) {
        DC.clear(results);
        return page(data, null);
      }
    });
    searchForm.id = 'record-search';
    view.appendChild(DC.card(null, searchForm));
    view.appendChild(results);

    function page(data, cursor) {
      var url = '/api/members/search?size=50&under=' + enc(data.under || scopes[0] || '')
        + (data.q ? '&q=' + enc(data.q) : '') + (cursor ? '&cursor=' + enc(cursor) : '');
      return DC.api.get(url).then(function (p) {
        var more = results.querySelector('.more');
        if (more) { more.remove(); }
        if (!cursor && !(p.items || []).length) {
          results.appendChild(el('p', { class: 'meta' }, t('portal.records.none')));
          return;
        }
        var list = results.querySelector('ol') || results.appendChild(el('ol', { class: 'list' }));
        (p.items || []).forEach(function (m) {
          list.appendChild(el('li', null,
            el('a', { class: 'title', href: DC.href('records-member', m.id) }, DC.fmtName(m.fullName)),
            el('span', { class: 'meta' }, [m.partyNumber, DC.fmtDate(m.dateOfBirth), m.orgPath,
              DC.statusText('portal.member.status.', m.status)].filter(Boolean).join(' · '))));
        });
        if (p.nextCursor) {
          results.appendChild(el('button', { type: 'button', class: 'button secondary more', onclick: function () { page(data, p.nextCursor); } },
            t('portal.action.more')));
        }
      });
    }
    if (query && query.q) { return page({ q: query.q, under: scopes[0] }, null); }
    return null;
  });

  // ---------------------------------------------------------------- one record

  DC.route('records-member', function (view, args) {
    var id = args[0];
    return DC.api.get('/api/members/' + enc(id)).then(function (p) {
      view.appendChild(el('h2', null, DC.fmtName(p.fullName)));
      view.appendChild(DC.card(null,
        photoBox(p),
        facts([
          [t('portal.profile.partyNumber'), p.partyNumber],
          [t('portal.profile.gender'), DC.statusText('portal.gender.', p.gender)],
          [t('portal.profile.dateOfBirth'), DC.fmtDate(p.dateOfBirth)],
          [t('portal.profile.status'), DC.statusText('portal.member.status.', p.status)],
          [t('portal.profile.orgPath'), p.orgPath],
          [t('portal.profile.admittedOn'), DC.fmtDate(p.admittedOn)],
          [t('portal.profile.officialOn'), DC.fmtDate(p.officialOn)],
          [t('portal.profile.ethnicity'), p.ethnicity],
          [t('portal.profile.religion'), p.religion],
          [t('portal.profile.hometown'), p.hometown],
          [t('portal.profile.residence'), p.residence],
          [t('portal.profile.citizenId'), p.citizenId],
          [t('portal.profile.phone'), p.phone],
          [t('portal.profile.email'), p.email],
          [t('portal.profile.zaloId'), p.zaloId],
          [t('portal.records.education'), p.education],
          [t('portal.records.qualification'), p.professionalQualification],
          [t('portal.records.theoryLevel'), p.politicalTheoryLevel ? t('portal.records.theoryLevel.' + p.politicalTheoryLevel) : null],
          [t('portal.records.occupation'), p.occupation]
        ])));
      if ((p.history || []).length) {
        view.appendChild(DC.card(t('portal.profile.history'), el('ul', { class: 'list', id: 'record-history' }, p.history.map(function (h) {
          return el('li', { class: h.superseded ? 'superseded' : null },
            el('span', { class: 'title' }, [h.title, h.organisation].filter(Boolean).join(' — ') || h.kind),
            el('span', { class: 'meta' }, [h.kind, h.year, DC.fmtDate(h.from), DC.fmtDate(h.to), h.decisionNumber,
              h.superseded ? t('portal.records.superseded') : null].filter(Boolean).join(' · ')));
        }))));
      }
      if ((p.amendments || []).length) {
        view.appendChild(DC.card(t('portal.records.amendments'), el('ul', { class: 'list', id: 'record-amendments' }, p.amendments.map(function (a) {
          return el('li', { class: a.superseded ? 'superseded' : null },
            el('span', { class: 'title' }, (a.fields || []).map(function (f) { return t('portal.records.field.' + f); }).join(', ')),
            el('span', { class: 'meta' }, [DC.fmtDateTime(a.recordedAt), a.decisionRef, a.reason, a.recordedBy,
              a.superseded ? t('portal.records.superseded') : null].filter(Boolean).join(' · ')));
        }))));
      }
      view.appendChild(backgroundCard(p));
      if (DC.hasRole('org-admin')) { view.appendChild(correctionCard(p)); }
    });
  });

  /** The photo, and for those who keep records a way to set or remove it (JPEG or PNG). */
  function photoBox(p) {
    var box = el('div', { class: 'record-photo', id: 'record-photo' });
    function show(has) {
      DC.clear(box);
      if (has) {
        box.appendChild(el('img', { src: '/api/members/' + enc(p.id) + '/photo?v=' + Date.now(), alt: t('portal.records.photo.alt', { name: p.fullName }), width: '120' }));
      } else {
        box.appendChild(el('p', { class: 'meta' }, t('portal.records.photo.none')));
      }
      var input = el('input', { type: 'file', accept: 'image/jpeg,image/png', id: 'photo-file', 'aria-label': t('portal.records.photo.choose') });
      var status = el('p', { class: 'meta', 'aria-live': 'polite' });
      input.addEventListener('change', function () {
        if (!input.files.length) { return; }
        var data = new FormData();
        data.append('file', input.files[0], input.files[0].name);
        DC.api.upload('PUT', '/api/members/' + enc(p.id) + '/photo', data).then(function () {
          show(true);
          DC.notify(t('portal.records.photo.saved'));
        }, function (failure) { DC.showFailure(status, failure); });
      });
      box.appendChild(el('label', { for: 'photo-file' }, t('portal.records.photo.choose')));
      box.appendChild(input);
      if (has) {
        box.appendChild(el('button', { type: 'button', class: 'button secondary', id: 'photo-remove', onclick: function () {
          DC.api.del('/api/members/' + enc(p.id) + '/photo').then(function () { show(false); },
            function (failure) { DC.showFailure(status, failure); });
        } }, t('portal.records.photo.remove')));
      }
      box.appendChild(status);
    }
    show(p.hasPhoto);
    return box;
  }

  /** A course completed or a new job: the background as it is now, and what it rests on. */
  function backgroundCard(p) {
    var levels = ['NONE', 'SO_CAP', 'TRUNG_CAP', 'CAO_CAP', 'CU_NHAN'];
    var backgroundForm = DC.form({
      fields: [
        DC.field({ name: 'education', label: t('portal.records.education'), value: p.education, hint: t('portal.records.education.hint'), attrs: { maxlength: '5' } }),
        DC.field({ name: 'professionalQualification', label: t('portal.records.qualification'), value: p.professionalQualification, attrs: { maxlength: '100' } }),
        DC.field({ name: 'politicalTheoryLevel', type: 'select', label: t('portal.records.theoryLevel'), value: p.politicalTheoryLevel || '',
          options: [{ value: '', label: '—' }].concat(levels.map(function (l) { return { value: l, label: t('portal.records.theoryLevel.' + l) }; })) }),
        DC.field({ name: 'occupation', label: t('portal.records.occupation'), value: p.occupation, attrs: { maxlength: '100' } }),
        DC.field({ name: 'basis', label: t('portal.records.basis'), hint: t('portal.records.basis.hint'), attrs: { maxlength: '200' } })
      ],
      submit: t('portal.action.save'),
      onSubmit: function (data) {
        return DC.api.put('/api/members/' + enc(p.id) + '/background', data).then(function () {
          DC.refresh();
          return t('portal.records.background.saved');
        });
      }
    });
    backgroundForm.id = 'background-form';
    return DC.card(t('portal.records.background'), backgroundForm);
  }

  /** Identity corrections: only the fields filled in change; reason and decision are required. */
  function correctionCard(p) {
    var correctionForm = DC.form({
      fields: [
        DC.field({ name: 'fullName', label: t('portal.records.field.FULL_NAME'), attrs: { maxlength: '120', placeholder: p.fullName } }),
        DC.field({ name: 'gender', type: 'select', label: t('portal.records.field.GENDER'),
          options: [{ value: '', label: '—' }].concat(['MALE', 'FEMALE'].map(function (g) { return { value: g, label: DC.statusText('portal.gender.', g) }; })) }),
        DC.field({ name: 'dateOfBirth', type: 'date', label: t('portal.records.field.DATE_OF_BIRTH') }),
        DC.field({ name: 'citizenId', label: t('portal.records.field.CITIZEN_ID'), attrs: { maxlength: '12', inputmode: 'numeric' } }),
        DC.field({ name: 'ethnicity', label: t('portal.records.field.ETHNICITY'), attrs: { maxlength: '60', placeholder: p.ethnicity || '' } }),
        DC.field({ name: 'hometown', label: t('portal.records.field.HOMETOWN'), attrs: { maxlength: '200', placeholder: p.hometown || '' } }),
        DC.field({ name: 'partyNumber', label: t('portal.records.field.PARTY_NUMBER'), attrs: { maxlength: '20', placeholder: p.partyNumber || '' } }),
        DC.field({ name: 'admittedOn', type: 'date', label: t('portal.records.field.ADMITTED_ON') }),
        DC.field({ name: 'officialOn', type: 'date', label: t('portal.records.field.OFFICIAL_ON') }),
        DC.field({ name: 'reason', type: 'textarea', required: true, rows: 2, label: t('portal.records.reason'), attrs: { maxlength: '500' } }),
        DC.field({ name: 'decisionRef', required: true, label: t('portal.records.decisionRef'), hint: t('portal.records.decisionRef.hint'), attrs: { maxlength: '60' } })
      ],
      submit: t('portal.records.correct'),
      onSubmit: function (data) {
        return DC.api.post('/api/members/' + enc(p.id) + '/corrections', data).then(function () {
          DC.refresh();
          return t('portal.records.corrected');
        });
      }
    });
    correctionForm.id = 'correction-form';
    return DC.card(t('portal.records.correction'), el('p', { class: 'meta' }, t('portal.records.correction.intro')), correctionForm);
  }
})(window.DC);
