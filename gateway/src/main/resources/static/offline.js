/* Chi bộ số — registers the service worker (sw.js) that keeps the portal and the meeting packs a
   member opened readable without a network. Kept apart from portal.js: nothing else to load. */
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.isSecureContext) { return; }
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function (e) {
      if (window.console) { console.warn('service worker not registered', e); }
    });
  });
}());
