// The service worker of a lentera course: reading without a connection.
// Pages come from the network first and from the cache when it fails;
// files named after their content, which never change, from the cache
// first. Everything fetched is kept, so a page read once opens again
// offline; "save" keeps a whole language. The build fills in C.
'use strict';
var C = /*CONFIG*/{};
var PREFIX = 'lentera:' + C.base + ':';
var NAME = PREFIX + C.v;
var SAVED = C.base + '.saved/'; // a marker per saved language, in the cache
// Named after their content: fingerprinted assets (name.1a2b3c4d.css) and
// the search index's folders (<lang>/search/1a2b3c4d5e/t0.json).
var FINGERPRINTED = /\.[0-9a-f]{8}\.[0-9a-z]+$|\/search\/[0-9a-f]{10}\/[^/]+$/;
var offline = false; // the last page came from the cache because the network failed

// Nothing is fetched at install, so that a first visit costs no more
// than the page: the page tells the worker what it loaded (keep).
self.addEventListener('install', function () { self.skipWaiting(); });

// A new build's worker deletes the caches of older builds, then saves
// again the languages that were saved with them. Files named after their
// content that the new build lists too are the same files: they move to
// the new cache first and need no second download.
self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (names) {
    var old = names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== NAME; });
    return Promise.all(old.map(function (n) { return caches.open(n); })).then(function (olds) {
      return savedIn(olds).then(function (again) {
        return carry(olds, again).catch(function () {}).then(function () {
          return Promise.all(old.map(function (n) { return caches.delete(n); }));
        }).then(function () { return again; });
      });
    });
  }).then(function (again) {
    return self.clients.claim().then(function () {
      again.forEach(function (lang) { save(lang, null); });
    });
  }));
});

// savedIn lists the languages saved in caches.
function savedIn(caches) {
  return Promise.all(caches.map(function (c) { return c.keys(); })).then(function (all) {
    var langs = [];
    all.forEach(function (reqs) {
      reqs.forEach(function (r) {
        var p = new URL(r.url).pathname;
        if (p.indexOf(SAVED) === 0 && langs.indexOf(p.slice(SAVED.length)) < 0) langs.push(p.slice(SAVED.length));
      });
    });
    return langs;
  });
}

// carry copies from the old caches into the new one the files named after
// their content that the new build's lists of langs hold.
function carry(olds, langs) {
  return Promise.all([caches.open(NAME)].concat(langs.map(list))).then(function (got) {
    var fresh = got[0], urls = {};
    got.slice(1).forEach(function (l) {
      l.files.forEach(function (u) { if (FINGERPRINTED.test(u)) urls[u] = 1; });
    });
    return Promise.all(Object.keys(urls).map(function (u) {
      var key = new URL(u, location.href).href;
      return olds.reduce(function (found, c) {
        return found.then(function (res) { return res || c.match(key); });
      }, Promise.resolve(null)).then(function (res) { return res && fresh.put(key, res); });
    }));
  });
}

self.addEventListener('fetch', function (e) {
  var req = e.request, url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== location.origin || url.pathname.indexOf(C.base) !== 0) return;
  if ((req.headers.get('Accept') || '').indexOf('text/event-stream') >= 0) return; // the dev server's reload stream
  if (req.mode === 'navigate') e.respondWith(page(req, url));
  else if (FINGERPRINTED.test(url.pathname)) e.respondWith(cacheFirst(req));
  else e.respondWith(networkFirst(req));
});

function keep(key, res) {
  if (res.ok && res.type === 'basic') {
    var copy = res.clone();
    caches.open(NAME).then(function (c) { return c.put(key, copy); });
  }
  return res;
}

// page answers a page: from the network, else as kept (a search page
// whatever its query), else a short page saying it is not saved.
function page(req, url) {
  var key = url.origin + url.pathname;
  return fetch(req).then(function (res) {
    offline = false;
    return keep(key, res);
  }, function () {
    offline = true;
    return caches.match(key).then(function (res) { return res || missing(url); });
  });
}

function cacheFirst(req) {
  return caches.match(req).then(function (res) {
    return res || fetch(req).then(function (r) { return keep(req, r); });
  });
}

function networkFirst(req) {
  return fetch(req).then(function (res) { return keep(req, res); }, function (err) {
    return caches.match(req, {ignoreVary: true}).then(function (res) {
      if (res) return res;
      throw err;
    });
  });
}

function missing(url) {
  var lang = url.pathname.slice(C.base.length).split('/')[0];
  var text = C.missing[lang] || C.missing[Object.keys(C.missing)[0]] || '';
  var home = C.base + (C.missing[lang] ? lang + '/' : '');
  var esc = function (s) { return s.replace(/&/g, '&amp;').replace(/</g, '&lt;'); };
  var body = '<!doctype html><html lang="' + esc(lang) + '"><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline</title>' +
    '<body style="font: 1.1rem/1.5 system-ui, sans-serif; margin: 2rem 1rem; max-width: 40rem">' +
    '<p>' + esc(text) + '</p><p><a href="' + home + '">' + esc(home) + '</a></p>';
  return new Response(body, {status: 503, headers: {'Content-Type': 'text/html; charset=utf-8'}});
}

self.addEventListener('message', function (e) {
  var m = e.data || {}, to = e.source;
  if (m.type === 'keep') {
    e.waitUntil(Promise.all(m.urls.map(function (url) {
      // Asked for as the page loaded it, query and all, the browser's
      // cache has it: the copy kept for its path costs no second download.
      var u = new URL(url, location.href), key = u.origin + u.pathname;
      return caches.match(key).then(function (have) {
        return have || fetch(u.href).then(function (res) { keep(key, res); }, function () {});
      });
    })));
  } else if (m.type === 'status') {
    e.waitUntil(status(m.lang).then(function (s) { to.postMessage(s); }));
  } else if (m.type === 'save') {
    e.waitUntil(save(m.lang, to));
  }
});

// status says whether the last page came from the cache, and whether the
// language is saved (with its size) or how big it would be.
function status(lang) {
  var out = {type: 'status', lang: lang, offline: offline};
  if (!lang) return Promise.resolve(out);
  return caches.match(SAVED + lang).then(function (res) {
    if (res) return res.json().then(function (s) { out.saved = s.bytes; return out; });
    return list(lang).then(function (l) { out.bytes = l.bytes; return out; }, function () { return out; });
  });
}

function list(lang) {
  return fetch(C.base + lang + '/offline.json', {cache: 'no-cache'}).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  });
}

// save fetches every file of a language into the cache, four at a time,
// telling the page how far it got.
function save(lang, to) {
  var tell = function (m) { m.lang = lang; if (to) to.postMessage(m); };
  return Promise.all([list(lang), caches.open(NAME)]).then(function (got) {
    var files = got[0].files, cache = got[1], done = 0, next = 0;
    function one() {
      if (next >= files.length) return Promise.resolve();
      var url = files[next++];
      var have = FINGERPRINTED.test(url) ? cache.match(url) : Promise.resolve(null);
      return have.then(function (res) {
        return res || fetch(url, {cache: 'no-cache'}).then(function (r) {
          if (!r.ok) throw new Error(url + ': ' + r.status);
          return cache.put(url, r);
        });
      }).then(function () {
        done++;
        tell({type: 'progress', done: done, total: files.length});
        return one();
      });
    }
    return Promise.all([one(), one(), one(), one()]).then(function () {
      var bytes = got[0].bytes;
      return cache.put(SAVED + lang, new Response(JSON.stringify({bytes: bytes}), {headers: {'Content-Type': 'application/json'}}))
        .then(function () { tell({type: 'saved', bytes: bytes}); });
    });
  }).catch(function (err) { tell({type: 'failed', error: String(err)}); });
}
