/* Chi bộ số — minimal portal script. No framework; text is set with textContent only. */
(function () {
  'use strict';

  var PAGE_SIZE = 50;
  var ROLE_NAMES = {
    'member': 'Đảng viên',
    'cell-secretary': 'Bí thư chi bộ',
    'committee': 'Cấp ủy',
    'org-admin': 'Quản trị tổ chức',
    'it-admin': 'Quản trị hệ thống',
    'analyst': 'Phân tích dữ liệu',
    'auditor': 'Kiểm tra, giám sát'
  };
  var KIND_NAMES = {
    'PROVINCE': 'Đảng bộ tỉnh',
    'COMMUNE': 'Đảng bộ xã, phường',
    'GRASSROOTS': 'Đảng bộ cơ sở',
    'CELL': 'Chi bộ'
  };
  var STATUS_NAMES = {
    'ACTIVE': 'Đang sinh hoạt',
    'TEMPORARILY_TRANSFERRED': 'Sinh hoạt tạm thời',
    'TRANSFERRED_OUT': 'Đã chuyển đi',
    'DECEASED': 'Từ trần',
    'EXPELLED': 'Khai trừ',
    'RESIGNED': 'Xin ra khỏi Đảng'
  };

  function $(id) { return document.getElementById(id); }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  /** A failed call, described for people rather than for programs. */
  function Failure(status, problem) {
    this.status = status;
    this.title = (problem && problem.title) || defaultTitle(status);
    this.detail = (problem && problem.detail) || '';
  }

  function defaultTitle(status) {
    if (status === 0) { return 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.'; }
    if (status === 401) { return 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.'; }
    if (status === 403) { return 'Bạn không có quyền xem nội dung này.'; }
    if (status === 404) { return 'Không tìm thấy nội dung.'; }
    if (status >= 500) { return 'Hệ thống đang gián đoạn. Vui lòng thử lại sau.'; }
    return 'Yêu cầu không thực hiện được (mã ' + status + ').';
  }

  function getJson(url) {
    return fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .catch(function () { throw new Failure(0, null); })
      .then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        var body = type.indexOf('json') >= 0 ? response.json().catch(function () { return null; }) : Promise.resolve(null);
        return body.then(function (json) {
          if (!response.ok) { throw new Failure(response.status, json); }
          return json;
        });
      });
  }

  function showAlert(failure) {
    var alert = $('alert');
    alert.textContent = '';
    var title = document.createElement('strong');
    title.textContent = failure.title || defaultTitle(failure.status);
    alert.appendChild(title);
    if (failure.detail) { alert.appendChild(document.createTextNode(failure.detail)); }
    if (failure.status === 401) {
      var again = document.createElement('a');
      again.href = '/oauth2/authorization/keycloak';
      again.textContent = 'Đăng nhập lại';
      alert.appendChild(document.createElement('br'));
      alert.appendChild(again);
    }
    alert.hidden = false;
  }

  function clearAlert() { $('alert').hidden = true; }

  function setStatus(text) { $('status').textContent = text; }

  function entry(title, meta, extraClass) {
    var li = document.createElement('li');
    if (extraClass) { li.className = extraClass; }
    var t = document.createElement('span');
    t.className = 'title';
    t.textContent = title;
    li.appendChild(t);
    if (meta) {
      var m = document.createElement('span');
      m.className = 'meta';
      m.textContent = meta;
      li.appendChild(m);
    }
    return li;
  }

  function empty(list, text) {
    if (!list.children.length) { list.appendChild(entry(text)); }
  }

  function formatDate(value, withTime) {
    if (!value) { return ''; }
    var date = new Date(value);
    if (isNaN(date.getTime())) { return String(value); }
    return withTime ? date.toLocaleString('vi-VN') : date.toLocaleDateString('vi-VN');
  }

  function joined(parts) {
    return parts.filter(function (p) { return p; }).join(' · ');
  }

  /**
   * A list fed page by page: "Xem thêm" follows the server's nextCursor.
   * render(item) returns the list element of one item.
   */
  function pagedList(listId, moreId, emptyText, render) {
    var list = $(listId);
    var more = $(moreId);
    var baseUrl = null;
    var cursor = null;

    function load() {
      var url = baseUrl + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
      more.disabled = true;
      return getJson(url).then(function (page) {
        (page && page.items || []).forEach(function (item) { list.appendChild(render(item)); });
        cursor = page && page.nextCursor;
        more.hidden = !cursor;
        empty(list, emptyText);
      }, function (failure) {
        more.hidden = true;
        showAlert(failure);
      }).then(function () { more.disabled = false; });
    }

    more.addEventListener('click', load);

    return {
      show: function (url) {
        baseUrl = url + (url.indexOf('?') >= 0 ? '&' : '?') + 'size=' + PAGE_SIZE;
        cursor = null;
        list.textContent = '';
        more.hidden = true;
        return load();
      }
    };
  }

  var members = pagedList('members', 'members-more', 'Chưa có đảng viên nào.', function (m) {
    return entry(m.fullName || m.id, joined([
      m.partyNumber ? 'Số thẻ ' + m.partyNumber : '',
      m.dateOfBirth ? 'Sinh ngày ' + formatDate(m.dateOfBirth) : '',
      STATUS_NAMES[m.status] || m.status,
      m.orgPath
    ]));
  });

  var units = pagedList('units', 'units-more', 'Không có tổ chức nào trong phạm vi của đồng chí.', function (unit) {
    var li = document.createElement('li');
    var open = document.createElement('button');
    open.type = 'button';
    open.className = 'link';
    open.textContent = unit.name || unit.code || unit.id;
    open.addEventListener('click', function () {
      Array.prototype.forEach.call(document.querySelectorAll('#units .link'), function (b) {
        b.removeAttribute('aria-current');
      });
      open.setAttribute('aria-current', 'true');
      clearAlert();
      $('members-title').textContent = 'Đảng viên — ' + (unit.name || unit.code || '');
      $('members-card').hidden = false;
      members.show('/api/members?orgUnit=' + encodeURIComponent(unit.id)).then(function () {
        $('members-title').focus();
      });
    });
    li.appendChild(open);
    var meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = joined([unit.code, KIND_NAMES[unit.kind] || unit.kind, unit.path]);
    li.appendChild(meta);
    return li;
  });

  var notices = pagedList('notices', 'notices-more', 'Chưa có thông báo.', function (n) {
    var li = entry(n.title, joined([formatDate(n.createdAt, true), n.body]), n.read ? '' : 'unread');
    if (!n.read) {
      var badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = 'Mới';
      li.firstChild.appendChild(badge);
    }
    return li;
  });

  function showUser(me) {
    $('me-name').textContent = me.name || me.username;
    $('me-username').textContent = me.username ? '(' + me.username + ')' : '';
    var roles = (me.roles || []).filter(function (r) { return ROLE_NAMES[r]; })
      .map(function (r) { return ROLE_NAMES[r]; });
    $('me-roles').textContent = roles.length ? roles.join(', ') : 'chưa được phân quyền';
    $('me-scope').textContent = (me.orgScope || []).join(', ');
    $('me-scope-line').hidden = !(me.orgScope && me.orgScope.length);
    $('app').hidden = false;
    $('welcome').hidden = true;
  }

  function start() {
    $('logout').addEventListener('submit', function () {
      $('logout-csrf').value = csrfToken();
    });
    if (/[?&]loginError/.test(window.location.search)) {
      showAlert({ status: 401, title: 'Đăng nhập không thành công.', detail: 'Vui lòng thử lại.' });
    }
    getJson('/portal/me').then(function (me) {
      setStatus('');
      showUser(me);
      notices.show('/api/notifications');
      units.show('/api/org-units');
    }, function (failure) {
      setStatus('');
      $('welcome').hidden = false;
      if (failure.status !== 401) { showAlert(failure); }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
