/*
 * Chi bộ số — portal core and the member's screens. No framework, no build step.
 *
 * ============================ window.DC — the portal core contract ============================
 * Role areas (committee.js, admin.js, secretary.js …) are plain scripts loaded lazily by the core
 * when the user has one of the area's roles and opens one of its routes. They use only DC.
 *
 * Texts     DC.t(key, args)          text of `key` from messages_<lang>.properties (keys prefixed
 *                                    portal./committee./admin.), `{0}` / `{name}` replaced from
 *                                    args (array or object); a missing key shows the key itself.
 *           DC.lang()                'vi' (default) or 'en';  DC.setLang(l) → Promise: loads the
 *                                    bundle, remembers it (localStorage 'dc.lang'), re-renders.
 * Calls     DC.api.get(url) / post(url, body) / put(url, body) / del(url) / upload(method, url,
 *                                    formData) → Promise of the JSON
 *                                    answer (null when empty). JSON both ways, same-origin session,
 *                                    X-XSRF-TOKEN from the XSRF-TOKEN cookie, Accept-Language.
 *                                    Rejects with a DC.Failure {status, code, title, detail,
 *                                    errors:[{field,message}]}: title/detail from the problem
 *                                    (services answer in the user's language) or a bundle text.
 *           DC.showFailure(box, failure)   writes the failure into `box` (role=alert); a 401
 *                                    offers to log in again.
 * DOM       DC.el(tag, attrs, ...children)  creates an element. attrs: `class`, `text`, `on<event>`
 *                                    functions (onclick, onsubmit…), `hidden/disabled/checked/
 *                                    value/required/selected` as properties, the rest as
 *                                    attributes; children: nodes, strings (text nodes), arrays,
 *                                    null/false (skipped). Never innerHTML with data.
 *           DC.clear(node)           removes all children.
 * Routing   DC.route(name, render, {auth:true, roles:[…]})  hash routes `#/name/arg1/arg2`.
 *                                    render(view, args, query) fills `view` (a cleared <div>) and
 *                                    may return a Promise; the first <h2> gets focus. Names of an
 *                                    area's routes are the area name or start with `<area>-`.
 *           DC.href(name, ...args)   '#/name/arg…' (args URI-encoded);  DC.go(name, ...args).
 *           DC.refresh()             re-renders the current route.
 *           DC.registerArea(name, {roles:[…], label:key, load:'/file.js', home:routeName,
 *                                    nav:true})
 *                                    a nav entry for users with one of the roles; the file is
 *                                    loaded once, on first use of a route of the area. The core
 *                                    registers secretary, committee and admin areas itself.
 *           DC.loadScript(src)       → Promise, once per src.
 *           DC.areas()               the areas in the user's nav: [{name, home, label}].
 * Format    DC.fmtDate(iso|Date)     '24/11/2026' (Asia/Ho_Chi_Minh)
 *           DC.fmtDateTime(iso|Date) 'Thứ Hai, 24/11/2026, 19:30' (weekday from the bundle)
 *           DC.fmtTime(iso|Date)     '19:30'
 *           DC.fmtName(name|{fullName})  the name as Vietnamese write it, spaces normalised
 *           DC.givenName(fullName)   the last word (Vietnamese order by given name)
 *           DC.sortVi(list, keyFn?)  new array sorted with Intl.Collator('vi');
 *           DC.sortByName(list, keyFn?)  by given name, then the full name
 *           DC.toLocalInput(iso) / DC.fromLocalInput(value)  <input type=datetime-local> in
 *                                    Vietnam time ↔ ISO with +07:00
 * User      DC.me()                  the /portal/me answer {username, name, roles, orgScope,
 *                                    memberId}, or null when not logged in;  DC.hasRole(r…)
 *           DC.login(returnTo?)      to Keycloak; after login the portal returns to `returnTo`
 *                                    (default: the current address), also for ?fresh=true.
 *           DC.freshLogin()          the same with the password asked again (signing).
 * Forms     DC.field({name, label, type, required, options:[{value,label}], value, hint,
 *                     attrs})        label + input/select/textarea(+error slot), all linked
 *                                    (for, aria-describedby); type 'radio' gives a fieldset.
 *           DC.form({fields:[…], submit: text, onSubmit(data, form) → Promise})  a <form> that
 *                                    disables its button while busy, maps a Failure's field
 *                                    errors onto the fields (name = problem field path) and
 *                                    shows the rest above the button.
 *           DC.formData(form)        {name: value}: trimmed strings, '' → null, checkboxes → bool
 *           DC.showErrors(form, failure) / DC.clearErrors(form)
 * Other     DC.notify(text)          announces (aria-live) and shows a short message.
 *           DC.card(title, ...children)  a <section class=card> with an <h2>.
 *           DC.statusText(prefix, value) DC.t(prefix + value) or value when no text.
 *           DC.refreshUnread()       re-reads the inbox's unread count shown in the header.
 *           DC.memberViews           member.js's building blocks (meetingCard, voteForm,
 *                                    resultView, facts, documentLine) for other screens.
 * ==============================================================================================
 */
(function () {
  'use strict';

  var LOGIN_PATH = '/oauth2/authorization/keycloak';
  var ZONE = 'Asia/Ho_Chi_Minh';
  var state = {
    lang: 'vi',
    texts: {},
    me: null,
    routes: {},
    areas: [],
    scripts: {},
    rendering: 0,
    unread: null
  };

  function $(id) { return document.getElementById(id); }

  // ---------------------------------------------------------------- texts

  function t(key, args) {
    var text = state.texts[key];
    if (text === undefined) { return key; }
    if (args !== undefined && args !== null) {
      text = text.replace(/\{([A-Za-z0-9_]+)\}/g, function (whole, name) {
        var value = args[name];
        return value === undefined || value === null ? whole : String(value);
      });
    }
    return text;
  }

  function loadTexts(lang) {
    return fetch('/portal/messages?lang=' + encodeURIComponent(lang), {
      credentials: 'same-origin', headers: { Accept: 'application/json' }
    }).then(function (r) {
      if (!r.ok) { throw new Error('texts ' + r.status); }
      return r.json();
    }).then(function (texts) {
      state.texts = texts;
      state.lang = lang;
      document.documentElement.lang = lang;
      // the gateway reads it: the login page, downloads and plain links follow the portal's language
      document.cookie = 'dc_lang=' + lang + '; path=/; max-age=31536000; SameSite=Lax';
    });
  }

  function setLang(lang) {
    try { localStorage.setItem('dc.lang', lang); } catch (e) { /* private mode */ }
    return loadTexts(lang).then(function () { renderChrome(); return render(); });
  }

  // ---------------------------------------------------------------- calls

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  /** A failed call, described for people. */
  function Failure(status, problem) {
    problem = problem || {};
    this.status = status;
    this.code = problem.type ? String(problem.type).replace(/.*\//, '') : (problem.code || '');
    this.title = problem.title || defaultTitle(status);
    this.detail = problem.detail || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
  Failure.prototype.toString = function () { return this.title + (this.detail ? ' ' + this.detail : ''); };

  function defaultTitle(status) {
    if (status === 0) { return t('portal.error.network'); }
    if (status === 401) { return t('portal.error.unauthenticated'); }
    if (status === 403) { return t('portal.error.forbidden'); }
    if (status === 404) { return t('portal.error.not-found'); }
    if (status >= 500) { return t('portal.error.server'); }
    return t('portal.error.other', { status: status });
  }

  function idempotencyKey() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function request(method, url, body) {
    var headers = { 'Accept': 'application/json', 'Accept-Language': state.lang };
    var init = { method: method, headers: headers, credentials: 'same-origin' };
    if (typeof FormData !== 'undefined' && body instanceof FormData) {
      init.body = body; // multipart: the browser writes the boundary
    } else if (body !== undefined && body !== null) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (method !== 'GET') {
      headers['X-XSRF-TOKEN'] = csrfToken();
      // one key per action: a retry after a lost answer is carried out once by the service
      headers['Idempotency-Key'] = idempotencyKey();
    }
    function send(attempt) {
      return fetch(url, init).catch(function () {
        // a weak network drops answers: a command is retried once, with the same key
        if (method !== 'GET' && attempt === 0 && navigator.onLine !== false) {
          return new Promise(function (resolve) { setTimeout(resolve, 1500); })
            .then(function () { return send(1); });
        }
        throw new Failure(0, null);
      });
    }
    return send(0)
      .then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        var parsed = type.indexOf('json') >= 0
          ? response.json().catch(function () { return null; })
          : Promise.resolve(null);
        return parsed.then(function (json) {
          if (!response.ok) { throw new Failure(response.status, json); }
          return json;
        });
      });
  }

  var api = {
    get: function (url) { return request('GET', url); },
    post: function (url, body) { return request('POST', url, body === undefined ? {} : body); },
    put: function (url, body) { return request('PUT', url, body); },
    /** Sends a FormData (files) with the CSRF header, e.g. upload('PUT', url, data). */
    upload: function (method, url, data) { return request(method, url, data); },
    del: function (url) { return request('DELETE', url); }
  };

  function showFailure(box, failure) {
    if (!(failure instanceof Failure)) {
      if (window.console) { console.error(failure); }
      failure = new Failure(-1, { title: t('portal.error.unexpected') });
    }
    clear(box);
    box.setAttribute('role', 'alert');
    box.classList.add('alert');
    box.hidden = false;
    box.appendChild(el('strong', null, failure.title));
    if (failure.detail) { box.appendChild(el('span', null, ' ' + failure.detail)); }
    if (failure.status === 401 || failure.code === 'fresh-login-required') {
      box.appendChild(el('p', null, el('button', {
        type: 'button', class: 'button', onclick: function () {
          if (failure.code === 'fresh-login-required') { freshLogin(); } else { login(); }
        }
      }, t('portal.action.login-again'))));
    }
    return box;
  }

  // ---------------------------------------------------------------- DOM

  var PROPS = { hidden: 1, disabled: 1, checked: 1, value: 1, required: 1, selected: 1, multiple: 1 };

  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === undefined || value === null || value === false && !PROPS[name]) { return; }
        if (name === 'class') { node.className = value; }
        else if (name === 'text') { node.textContent = value; }
        else if (name.indexOf('on') === 0 && typeof value === 'function') {
          node.addEventListener(name.substring(2), value);
        } else if (PROPS[name]) { node[name] = value; }
        else { node.setAttribute(name, value === true ? '' : String(value)); }
      });
    }
    append(node, Array.prototype.slice.call(arguments, 2));
    return node;
  }

  function append(node, children) {
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) { return; }
      if (Array.isArray(child)) { append(node, child); }
      else if (typeof child === 'object' && child.nodeType) { node.appendChild(child); }
      else { node.appendChild(document.createTextNode(String(child))); }
    });
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
    return node;
  }

  function card(title) {
    return el('section', { class: 'card' }, title ? el('h2', null, title) : null,
      Array.prototype.slice.call(arguments, 1));
  }

  function statusText(prefix, value) {
    if (value === null || value === undefined) { return ''; }
    var key = prefix + value;
    return state.texts[key] === undefined ? String(value) : state.texts[key];
  }

  var noticeTimer = null;
  function notify(text) {
    var box = $('dc-notice');
    box.textContent = text;
    box.hidden = false;
    if (noticeTimer) { clearTimeout(noticeTimer); }
    noticeTimer = setTimeout(function () { box.hidden = true; box.textContent = ''; }, 8000);
  }

  // ---------------------------------------------------------------- formatting

  var partsFormat = null;
  function parts(value) {
    var date = value instanceof Date ? value : new Date(value);
    if (isNaN(date.getTime())) { return null; }
    if (!partsFormat) {
      partsFormat = new Intl.DateTimeFormat('en-US', {
        timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short',
        hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
      });
    }
    var out = {};
    partsFormat.formatToParts(date).forEach(function (p) { out[p.type] = p.value; });
    out.weekdayIndex = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(out.weekday);
    return out;
  }

  function fmtDate(value) {
    if (!value) { return ''; }
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return value.substring(8, 10) + '/' + value.substring(5, 7) + '/' + value.substring(0, 4);
    }
    var p = parts(value);
    return p ? p.day + '/' + p.month + '/' + p.year : '';
  }

  function fmtTime(value) {
    var p = value ? parts(value) : null;
    return p ? p.hour + ':' + p.minute : '';
  }

  function fmtDateTime(value) {
    var p = value ? parts(value) : null;
    if (!p) { return ''; }
    return t('portal.weekday.' + p.weekdayIndex) + ', ' + p.day + '/' + p.month + '/' + p.year +
      ', ' + p.hour + ':' + p.minute;
  }

  function fmtName(value) {
    var name = value && typeof value === 'object' ? value.fullName || value.name : value;
    return name ? String(name).replace(/\s+/g, ' ').trim() : '';
  }

  function givenName(fullName) {
    var words = fmtName(fullName).split(' ');
    return words[words.length - 1] || '';
  }

  var collator = null;
  function compareVi(a, b) {
    if (!collator) { collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true }); }
    return collator.compare(a || '', b || '');
  }

  function sortVi(list, keyFn) {
    keyFn = keyFn || function (x) { return String(x); };
    return list.slice().sort(function (a, b) { return compareVi(keyFn(a), keyFn(b)); });
  }

  function sortByName(list, keyFn) {
    keyFn = keyFn || function (x) { return fmtName(x); };
    return list.slice().sort(function (a, b) {
      var na = keyFn(a), nb = keyFn(b);
      return compareVi(givenName(na), givenName(nb)) || compareVi(na, nb);
    });
  }

  function toLocalInput(iso) {
    var p = iso ? parts(iso) : null;
    return p ? p.year + '-' + p.month + '-' + p.day + 'T' + p.hour + ':' + p.minute : '';
  }

  /**
   * "24/11/2026 19:30" (as the portal's date-time fields ask for it) or "2026-11-24T19:30" → ISO in
   * Vietnam time; null when it is no real moment.
   */
  function fromLocalInput(value) {
    if (!value) { return null; }
    var vi = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})[\s,]+(\d{1,2})[:h](\d{2})\s*$/.exec(value);
    if (vi) {
      var d = Number(vi[1]), mo = Number(vi[2]), y = Number(vi[3]), hh = Number(vi[4]), mm = Number(vi[5]);
      var check = new Date(Date.UTC(y, mo - 1, d));
      if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1 || hh > 23 || mm > 59) { return null; }
      value = y + '-' + pad(mo) + '-' + pad(d) + 'T' + pad(hh) + ':' + pad(mm);
    }
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) { return null; }
    return (value.length === 16 ? value + ':00' : value) + '+07:00';
  }

  function pad(n) { return ('0' + n).slice(-2); }

  /** The same moment as the portal's date-time fields show it: "24/11/2026 19:30". */
  function toLocalText(iso) {
    var p = iso ? parts(iso) : null;
    return p ? p.day + '/' + p.month + '/' + p.year + ' ' + p.hour + ':' + p.minute : '';
  }

  // ---------------------------------------------------------------- forms

  var fieldCount = 0;

  function field(o) {
    var id = 'f' + (++fieldCount) + '-' + String(o.name).replace(/[^A-Za-z0-9]/g, '');
    var errorId = id + '-error';
    var hintId = o.hint ? id + '-hint' : null;
    var described = (hintId ? hintId + ' ' : '') + errorId;
    var control;
    var wrapper;
    if (o.type === 'radio') {
      wrapper = el('fieldset', { class: 'field', 'data-field': o.name },
        el('legend', null, o.label, o.required ? el('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null));
      (o.options || []).forEach(function (option, i) {
        var rid = id + '-' + i;
        wrapper.appendChild(el('div', { class: 'choice' },
          el('input', {
            type: 'radio', id: rid, name: o.name, value: option.value, required: !!o.required,
            checked: o.value !== undefined && o.value === option.value, 'aria-describedby': described
          }),
          el('label', { for: rid }, option.label)));
      });
    } else {
      if (o.type === 'select') {
        control = el('select', { id: id, name: o.name, required: !!o.required, 'aria-describedby': described },
          (o.options || []).map(function (option) {
            return el('option', { value: option.value, selected: o.value === option.value }, option.label);
          }));
      } else if (o.type === 'textarea') {
        control = el('textarea', { id: id, name: o.name, required: !!o.required, rows: o.rows || 4, 'aria-describedby': described });
        if (o.value) { control.value = o.value; }
      } else if (o.type === 'checkbox') {
        control = el('input', { type: 'checkbox', id: id, name: o.name, checked: !!o.value, 'aria-describedby': described });
      } else if (o.type === 'datetime-local') {
        // typed as Vietnamese write it whatever the browser's language (the native control
        // follows the browser: mm/dd/yyyy hh:mm AM in English); DC.fromLocalInput reads it
        control = el('input', {
          type: 'text', id: id, name: o.name, required: !!o.required, 'aria-describedby': described,
          inputmode: 'numeric', autocomplete: 'off', placeholder: t('portal.datetime.placeholder'), 'data-datetime': ''
        });
        if (o.value) { control.value = /T/.test(o.value) ? toLocalText(fromLocalInput(o.value)) : o.value; }
        if (!o.hint) { o.hint = t('portal.datetime.hint'); hintId = id + '-hint'; described = hintId + ' ' + errorId; control.setAttribute('aria-describedby', described); }
      } else {
        control = el('input', { type: o.type || 'text', id: id, name: o.name, required: !!o.required, 'aria-describedby': described });
        if (o.value !== undefined && o.value !== null) { control.value = o.value; }
      }
      if (o.attrs) { Object.keys(o.attrs).forEach(function (a) { control.setAttribute(a, o.attrs[a]); }); }
      var label = el('label', { for: id }, o.label, o.required ? el('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null);
      wrapper = o.type === 'checkbox'
        ? el('div', { class: 'field check', 'data-field': o.name }, control, label)
        : el('div', { class: 'field', 'data-field': o.name }, label, control);
    }
    if (hintId) { wrapper.appendChild(el('p', { id: hintId, class: 'hint' }, o.hint)); }
    wrapper.appendChild(el('p', { id: errorId, class: 'field-error', hidden: true }));
    return wrapper;
  }

  function formData(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || input.disabled) { return; }
      if (input.type === 'checkbox') { data[input.name] = input.checked; return; }
      if (input.type === 'radio') {
        if (input.checked) { data[input.name] = input.value; }
        else if (!(input.name in data)) { data[input.name] = null; }
        return;
      }
      var value = typeof input.value === 'string' ? input.value.trim() : input.value;
      data[input.name] = value === '' ? null : value;
    });
    return data;
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (p) {
      p.hidden = true; p.textContent = '';
    });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (i) {
      i.removeAttribute('aria-invalid');
    });
    var box = form.querySelector('.form-alert');
    if (box) { box.hidden = true; clear(box); }
  }

  function showErrors(form, failure) {
    clearErrors(form);
    var rest = [];
    var first = null;
    (failure.errors || []).forEach(function (e) {
      var name = String(e.field || '').replace(/\[\d+\].*$/, '').replace(/\..*$/, '');
      var wrapper = name ? form.querySelector('[data-field="' + name.replace(/"/g, '') + '"]') : null;
      if (!wrapper) { rest.push(e); return; }
      var p = wrapper.querySelector('.field-error');
      p.textContent = (p.textContent ? p.textContent + ' ' : '') + e.message;
      p.hidden = false;
      var input = wrapper.querySelector('input,select,textarea');
      if (input) { input.setAttribute('aria-invalid', 'true'); if (!first) { first = input; } }
    });
    var box = form.querySelector('.form-alert');
    if (box) {
      showFailure(box, failure);
      rest.forEach(function (e) { box.appendChild(el('p', null, (e.field ? e.field + ': ' : '') + e.message)); });
    }
    if (first) { first.focus(); } else if (box) { box.setAttribute('tabindex', '-1'); box.focus(); }
  }

  function form(o) {
    var button = el('button', { type: 'submit', class: 'button' }, o.submit || t('portal.action.save'));
    var node = el('form', { novalidate: true, class: 'form' },
      o.fields || [],
      el('div', { class: 'form-alert', hidden: true }),
      el('div', { class: 'actions' }, button, o.extra || null));
    node.addEventListener('submit', function (event) {
      event.preventDefault();
      clearErrors(node);
      var missing = [];
      Array.prototype.forEach.call(node.elements, function (input) {
        if (input.required && !input.disabled && (input.type === 'radio'
          ? !node.querySelector('input[name="' + input.name + '"]:checked')
          : !String(input.value || '').trim())) {
          if (missing.indexOf(input.name) < 0) { missing.push(input.name); }
        }
      });
      if (missing.length) {
        showErrors(node, new Failure(400, {
          title: t('portal.error.invalid'),
          errors: missing.map(function (n) { return { field: n, message: t('portal.error.required') }; })
        }));
        return;
      }
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      Promise.resolve()
        .then(function () { return o.onSubmit(formData(node), node); })
        .then(function (message) {
          if (typeof message === 'string') { notify(message); }
        }, function (failure) {
          if (failure instanceof Failure) { showErrors(node, failure); }
          else { showErrors(node, new Failure(-1, { title: t('portal.error.unexpected') })); if (window.console) { console.error(failure); } }
        })
        .then(function () { button.disabled = false; button.removeAttribute('aria-busy'); });
    });
    return node;
  }

  // ---------------------------------------------------------------- user and login

  function me() { return state.me; }

  function hasRole() {
    var roles = state.me ? state.me.roles || [] : [];
    for (var i = 0; i < arguments.length; i++) {
      if (roles.indexOf(arguments[i]) >= 0) { return true; }
    }
    return false;
  }

  function login(returnTo, fresh) {
    try { sessionStorage.setItem('dc.after-login', returnTo || location.pathname + location.search + location.hash); } catch (e) { /* ignore */ }
    location.assign(LOGIN_PATH + (fresh ? '?fresh=true' : ''));
  }

  function freshLogin(returnTo) { login(returnTo, true); }

  function loadMe() {
    return fetch('/portal/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (r.status === 401) { return null; }
        if (!r.ok) { throw new Failure(r.status, null); }
        return r.json();
      });
  }

  // ---------------------------------------------------------------- routing

  function route(name, renderFn, options) {
    state.routes[name] = { render: renderFn, auth: !options || options.auth !== false, roles: options && options.roles };
  }

  function registerArea(name, area) {
    state.areas = state.areas.filter(function (a) { return a.name !== name; });
    state.areas.push({ name: name, roles: area.roles || [], label: area.label, load: area.load, home: area.home || name, nav: area.nav !== false });
    if (state.me) { renderChrome(); }
  }

  function loadScript(src) {
    if (!state.scripts[src]) {
      state.scripts[src] = new Promise(function (resolve, reject) {
        var s = el('script', { src: src });
        s.onload = resolve;
        s.onerror = function () { delete state.scripts[src]; reject(new Failure(404, { title: t('portal.error.area-missing') })); };
        document.head.appendChild(s);
      });
    }
    return state.scripts[src];
  }

  function href(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    return '#/' + [name].concat(args.map(function (a) { return encodeURIComponent(a); })).join('/');
  }

  function go() {
    var target = href.apply(null, arguments);
    if (location.hash === target) { render(); } else { location.hash = target; }
  }

  /** The route from the address: the hash, else a QR path (/s/{code}, /p/{code}). */
  function current() {
    var hash = location.hash.replace(/^#\/?/, '');
    var query = {};
    var q = hash.indexOf('?');
    if (q >= 0) {
      hash.substring(q + 1).split('&').forEach(function (pair) {
        var kv = pair.split('=');
        if (kv[0]) { query[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || ''); }
      });
      hash = hash.substring(0, q);
    }
    var segments = hash ? hash.split('/').map(function (s) { return decodeURIComponent(s); }) : [];
    if (!segments.length) {
      var qr = location.pathname.match(/^\/([sp])\/([A-Za-z0-9_-]+)\/?$/);
      if (qr) { segments = [qr[1] === 's' ? 'section' : 'pack', qr[2]]; }
    }
    return { name: segments[0] || 'home', args: segments.slice(1), query: query };
  }

  function areaOf(name) {
    for (var i = 0; i < state.areas.length; i++) {
      var a = state.areas[i];
      if (name === a.name || name.indexOf(a.name + '-') === 0) { return a; }
    }
    return null;
  }

  function render() {
    var ticket = ++state.rendering;
    var where = current();
    var view = el('div', { class: 'view' });
    var main = $('main');
    var routeDef = state.routes[where.name];
    var area = routeDef ? null : areaOf(where.name);
    var ready = Promise.resolve();
    if (!routeDef && area) {
      if (!state.me) { return showLogin(main, view); }
      if (!hasRole.apply(null, area.roles)) { return show(main, view, forbidden()); }
      ready = loadScript(area.load).then(function () { routeDef = state.routes[where.name]; });
    }
    return ready.then(function () {
      if (ticket !== state.rendering) { return; }
      if (!routeDef) { return show(main, view, card(t('portal.error.not-found'), el('p', null, el('a', { href: '#/' }, t('portal.nav.home'))))); }
      if (routeDef.auth && !state.me) { return showLogin(main, view); }
      if (routeDef.roles && !hasRole.apply(null, routeDef.roles)) { return show(main, view, forbidden()); }
      show(main, view);
      markNav(where.name);
      return Promise.resolve(routeDef.render(view, where.args, where.query)).then(function () {
        if (ticket === state.rendering) { focusTitle(view); }
      });
    }).catch(function (failure) {
      if (ticket !== state.rendering) { return; }
      var box = el('div');
      show(main, view, showFailure(box, failure));
    });
  }

  function show(main, view, content) {
    clear(main);
    if (content) { view.appendChild(content); }
    main.appendChild(view);
    main.setAttribute('aria-busy', 'false');
  }

  function focusTitle(view) {
    var h = view.querySelector('h2');
    if (h) {
      document.title = h.textContent + ' · ' + t('portal.app.name');
      if (state.navigated) { h.setAttribute('tabindex', '-1'); h.focus(); }
    }
  }

  function forbidden() { return card(t('portal.error.forbidden'), el('p', null, el('a', { href: '#/' }, t('portal.nav.home')))); }

  function showLogin(main, view) {
    var where = current();
    if (where.name !== 'home' && !(state.routes[where.name] && state.routes[where.name].softLogin)) {
      // QR links and bookmarks lead straight to login and back to the same page
      login();
      show(main, view, el('p', { class: 'status' }, t('portal.login.redirecting')));
      return;
    }
    show(main, view, welcome());
  }

  function welcome() {
    return card(t('portal.welcome.title'),
      el('p', null, t('portal.welcome.text')),
      location.search.indexOf('loginError') >= 0 ? el('p', { class: 'alert', role: 'alert' }, t('portal.login.error')) : null,
      location.search.indexOf('loginUnavailable') >= 0 ? el('p', { class: 'alert', role: 'alert' }, t('portal.login.unavailable')) : null,
      el('p', null, el('a', {
        class: 'button', id: 'login', href: LOGIN_PATH, onclick: function (e) { e.preventDefault(); login('/#/'); }
      }, t('portal.action.login'))));
  }

  // ---------------------------------------------------------------- chrome

  function renderChrome() {
    var header = clear($('dc-header'));
    header.appendChild(el('a', { class: 'brand', href: '#/' }, t('portal.app.name')));
    var nav = el('nav', { 'aria-label': t('portal.nav.label') });
    var list = el('ul');
    var user = state.me;
    if (user) {
      if (user.memberId) {
        list.appendChild(navItem('home', t('portal.nav.home')));
        list.appendChild(navItem('notices', t('portal.nav.notices'), state.unread ? el('span', { class: 'badge', 'aria-label': t('portal.notices.unread', { count: state.unread }) }, String(state.unread)) : null));
        list.appendChild(navItem('profile', t('portal.nav.profile')));
        list.appendChild(navItem('feedback', t('portal.nav.feedback')));
      } else {
        list.appendChild(navItem('home', t('portal.nav.home')));
      }
      state.areas.forEach(function (a) {
        if (a.nav && hasRole.apply(null, a.roles)) { list.appendChild(navItem(a.home, t(a.label))); }
      });
    }
    nav.appendChild(list);
    header.appendChild(nav);
    var tools = el('div', { class: 'tools' },
      el('button', {
        type: 'button', class: 'link', lang: state.lang === 'vi' ? 'en' : 'vi', id: 'lang-toggle',
        onclick: function () { setLang(state.lang === 'vi' ? 'en' : 'vi'); }
      }, t('portal.lang.switch')));
    if (user) {
      tools.appendChild(el('span', { class: 'who' }, fmtName(user.name || user.username)));
      tools.appendChild(el('form', { method: 'post', action: '/logout', class: 'inline' },
        el('input', { type: 'hidden', name: '_csrf', value: csrfToken() }),
        el('button', { type: 'submit', class: 'link', id: 'logout' }, t('portal.action.logout'))));
    } else {
      tools.appendChild(el('a', { href: LOGIN_PATH, class: 'link', onclick: function (e) { e.preventDefault(); login(); } }, t('portal.action.login')));
    }
    header.appendChild(tools);
    $('dc-skip').textContent = t('portal.skip');
    $('dc-footer').textContent = t('portal.footer');
  }

  function navItem(name, label, extra) {
    return el('li', null, el('a', { href: href(name), 'data-route': name }, label, extra ? ' ' : null, extra || null));
  }

  function markNav(name) {
    Array.prototype.forEach.call(document.querySelectorAll('#dc-header nav a'), function (a) {
      var r = a.getAttribute('data-route');
      if (r === name || (name.indexOf(r + '-') === 0)) { a.setAttribute('aria-current', 'page'); }
      else { a.removeAttribute('aria-current'); }
    });
  }

  // ---------------------------------------------------------------- live notices

  function setUnread(count) {
    if (count === state.unread) { return; }
    state.unread = count;
    renderChrome();
    markNav(current().name);
  }

  function refreshUnread() {
    return api.get('/api/notifications?size=1').then(function (page) {
      setUnread(page && typeof page.unread === 'number' ? page.unread : 0);
    }, function () { /* the inbox is optional for the chrome */ });
  }

  function watchNotices() {
    if (!state.me || !state.me.memberId) { return; }
    refreshUnread();
    var polling = null;
    function poll() { if (!polling) { polling = setInterval(refreshUnread, 60000); } }
    if (!window.EventSource) { poll(); return; }
    var stream = new EventSource('/api/notifications/stream');
    // notification-service sends `unread` {unread} on connect and on change, `notice` per notice
    stream.addEventListener('unread', function (event) {
      var data = parseEvent(event);
      if (data && typeof data.unread === 'number') { setUnread(data.unread); }
    });
    stream.addEventListener('notice', onNoticeEvent);
    stream.onerror = function () {
      if (stream.readyState === EventSource.CLOSED) { poll(); }
    };
  }

  function parseEvent(event) {
    try { return JSON.parse(event.data); } catch (e) { return null; }
  }

  function onNoticeEvent(event) {
    var data = parseEvent(event);
    if (data && data.title) { notify(t('portal.notices.new', { title: data.title })); }
    // the inbox page shows it at once; other pages keep what the person is typing
    if (current().name === 'notices') { render(); }
  }

  // ---------------------------------------------------------------- start

  function start() {
    var lang = 'vi';
    try { lang = localStorage.getItem('dc.lang') === 'en' ? 'en' : 'vi'; } catch (e) { /* ignore */ }
    Promise.all([loadTexts(lang), loadMe()]).then(function (results) {
      state.me = results[1];
      var back = null;
      try { back = sessionStorage.getItem('dc.after-login'); } catch (e) { /* ignore */ }
      if (state.me && back) {
        sessionStorage.removeItem('dc.after-login');
        var here = location.pathname + location.search + location.hash;
        if (back !== here && back.indexOf('/') === 0 && back.indexOf('//') !== 0) {
          var hash = back.indexOf('#') >= 0 ? back.substring(back.indexOf('#')) : '';
          if (back.split('#')[0] !== location.pathname + location.search) { location.replace(back); return; }
          history.replaceState(null, '', back.split('#')[0] + hash);
        }
      }
      renderChrome();
      window.addEventListener('hashchange', function () { state.navigated = true; render(); });
      render();
      watchNotices();
    }).catch(function (failure) {
      var main = $('main');
      clear(main);
      main.appendChild(showFailure(el('div'), failure instanceof Failure ? failure : new Failure(0, null)));
    });
  }

  window.DC = {
    t: t, lang: function () { return state.lang; }, setLang: setLang,
    api: api, Failure: Failure, showFailure: showFailure,
    el: el, clear: clear, card: card, statusText: statusText, notify: notify,
    route: route, href: href, go: go, refresh: function () { return render(); },
    registerArea: registerArea, loadScript: loadScript,
    areas: function () {
      return state.areas.filter(function (a) { return a.nav && hasRole.apply(null, a.roles); })
        .map(function (a) { return { name: a.name, home: a.home, label: t(a.label) }; });
    },
    fmtDate: fmtDate, fmtDateTime: fmtDateTime, fmtTime: fmtTime, fmtName: fmtName,
    givenName: givenName, sortVi: sortVi, sortByName: sortByName,
    toLocalInput: toLocalInput, fromLocalInput: fromLocalInput, toLocalText: toLocalText,
    me: me, hasRole: hasRole, login: login, freshLogin: freshLogin,
    field: field, form: form, formData: formData, showErrors: showErrors, clearErrors: clearErrors,
    refreshUnread: refreshUnread
  };

  registerArea('secretary', { roles: ['cell-secretary'], label: 'portal.nav.secretary', load: '/secretary.js' });
  registerArea('committee', { roles: ['committee'], label: 'committee.nav', load: '/committee.js' });
  registerArea('admin', { roles: ['org-admin', 'it-admin'], label: 'admin.nav', load: '/admin.js' });
  registerArea('records', { roles: ['cell-secretary', 'committee', 'org-admin'], label: 'portal.records.nav', load: '/records.js' });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
