/* Chi bộ số — service worker for weak networks.
 *
 * - The app shell (the page, its fingerprinted scripts and styles, the texts) is kept in a shared
 *   cache: fingerprinted files never change, so they are served from the cache first.
 * - A member's own answers that make a meeting pack readable without signal (/portal/me, the pack,
 *   its documents as they are opened) are kept in ONE cache per person. When another person signs
 *   in on the same phone, when the session ends (401) and on logout, that cache is deleted, so
 *   nobody ever gets someone else's answers.
 * - With no network, a change (check-in, vote, any POST/PUT/DELETE to /api) gets a problem answer
 *   in the person's language saying it needs the network; the portal shows it like any error.
 * Documents are cached when the member opens them, never fetched ahead: opening one is what
 * document-service records as "read before the meeting".
 */
'use strict';

var SHELL = 'dc-shell-v1';
var USER_PREFIX = 'dc-user-';
var META = 'dc-meta-v1';
var FINGERPRINTED = /^\/[A-Za-z0-9_-]+\.[0-9a-f]{10}\.(js|css)$/;
var PAGES = /^\/(index\.html)?$|^\/[ps]\/[^/]+$/;
var PERSONAL = [
  /^\/portal\/me$/,
  /^\/api\/packs\/[^/]+$/,
  /^\/api\/packs\/[^/]+\/documents\/[^/]+\/content$/,
  /^\/api\/documents\/[^/]+$/,
  /^\/api\/documents\/[^/]+\/versions\/[^/]+\/content$/
];
var NEEDS_NETWORK = {
  vi: 'Cần kết nối mạng để thực hiện việc này. Xin thử lại khi có sóng.',
  en: 'This needs a network connection. Please try again when you are online.'
};

self.addEventListener('install', function () { self.skipWaiting(); });

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) {
      return n.indexOf('dc-') === 0 && n !== SHELL && n !== META && n.indexOf(USER_PREFIX) !== 0;
    }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  var path = url.pathname;
  if (request.method !== 'GET') {
    if (path === '/logout') {
      event.respondWith(forgetPeople().then(function () { return fetch(request); }));
    } else if (path.indexOf('/api/') === 0) {
      event.respondWith(fetch(request).catch(function () { return needsNetwork(request); }));
    }
    return;
  }
  if (FINGERPRINTED.test(path)) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === 'navigate' && PAGES.test(path)) {
    event.respondWith(networkFirst(request, SHELL, '/'));
  } else if (path === '/portal/messages') {
    event.respondWith(networkFirst(request, SHELL));
  } else if (path === '/portal/me') {
    event.respondWith(me(request));
  } else if (PERSONAL.some(function (p) { return p.test(path); })) {
    event.respondWith(personal(request));
  }
});

function cacheFirst(request) {
  return caches.open(SHELL).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) { cache.put(request, response.clone()); }
        return response;
      });
    });
  });
}

/** The network's answer, kept for later; the kept one when there is no network. */
function networkFirst(request, cacheName, key) {
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(cacheName).then(function (cache) { return cache.put(key || request, copy); });
    }
    return response;
  }, function (offline) {
    return caches.open(cacheName).then(function (cache) { return cache.match(key || request, { ignoreVary: true }); })
      .then(function (hit) { if (hit) { return hit; } throw offline; });
  });
}

/** Who is signed in decides whose cache may answer; a change of person empties the old one. */
function me(request) {
  return fetch(request).then(function (response) {
    if (response.status === 401) { return forgetPeople().then(function () { return response; }); }
    if (!response.ok) { return response; }
    var copy = response.clone();
    return response.clone().json().then(function (who) {
      return becomes(who && who.username).then(function (cacheName) {
        if (cacheName) { return caches.open(cacheName).then(function (c) { return c.put(request, copy); }); }
      });
    }).catch(function () { /* not JSON: keep nothing */ }).then(function () { return response; });
  }, function (offline) {
    return currentCache().then(function (cacheName) {
      if (!cacheName) { throw offline; }
      return caches.open(cacheName).then(function (c) { return c.match(request, { ignoreVary: true }); });
    }).then(function (hit) { if (hit) { return hit; } throw offline; });
  });
}

function personal(request) {
  return currentCache().then(function (cacheName) {
    // the page may ask for a pack before its /portal/me answer came back: ask who it is first
    return cacheName || fetch('/portal/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (who) { return becomes(who && who.username); }, function () { return null; });
  }).then(function (cacheName) {
    if (!cacheName) { return fetch(request); }
    return fetch(request).then(function (response) {
      if (response.status === 401) { return forgetPeople().then(function () { return response; }); }
      // a full answer only (200): partial ranges and errors are not worth keeping
      if (response.status === 200) {
        var copy = response.clone();
        caches.open(cacheName).then(function (c) { return c.put(request, copy); });
      }
      return response;
    }, function (offline) {
      return caches.open(cacheName).then(function (c) { return c.match(request, { ignoreVary: true }); })
        .then(function (hit) { if (hit) { return hit; } throw offline; });
    });
  });
}

/** The signed-in person's cache name, from the last /portal/me answer. */
function currentCache() {
  return caches.open(META).then(function (c) { return c.match('/__dc/person', { ignoreVary: true }); })
    .then(function (hit) { return hit ? hit.text() : null; });
}

function becomes(username) {
  if (!username) { return Promise.resolve(null); }
  return digest(username).then(function (id) {
    var cacheName = USER_PREFIX + id;
    return currentCache().then(function (known) {
      if (known === cacheName) { return cacheName; }
      return forgetPeople().then(function () {
        return caches.open(META).then(function (c) { return c.put('/__dc/person', new Response(cacheName)); });
      }).then(function () { return cacheName; });
    });
  });
}

/** Deletes every person's cache (logout, a session that ended, another person signing in). */
function forgetPeople() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf(USER_PREFIX) === 0; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () {
    return caches.open(META).then(function (c) { return c.delete('/__dc/person'); });
  });
}

function digest(text) {
  return crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then(function (buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer).slice(0, 8), function (b) {
      return ('0' + b.toString(16)).slice(-2);
    }).join('');
  });
}

/** A problem in the person's language (the portal's texts, kept in the shell cache). */
function needsNetwork(request) {
  var lang = (request.headers.get('Accept-Language') || 'vi').slice(0, 2) === 'en' ? 'en' : 'vi';
  return caches.open(SHELL).then(function (c) { return c.match('/portal/messages?lang=' + lang, { ignoreVary: true }); })
    .then(function (hit) { return hit ? hit.json() : {}; })
    .catch(function () { return {}; })
    .then(function (texts) {
      var problem = {
        type: 'https://digicell.vn/problems/offline',
        title: texts['portal.offline.needs-network'] || NEEDS_NETWORK[lang],
        status: 503
      };
      return new Response(JSON.stringify(problem), {
        status: 503,
        headers: { 'Content-Type': 'application/problem+json; charset=utf-8' }
      });
    });
}
