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
      again.forEach(function (s) { save(s.lang, s.need, null); });
    });
  }));
});

// savedIn lists the languages saved in caches, each as {lang, need}:
// the marker's key carries the width in pixels the phone needed.
function savedIn(caches) {
  return Promise.all(caches.map(function (c) { return c.keys(); })).then(function (all) {
    var saved = {};
    all.forEach(function (reqs) {
      reqs.forEach(function (r) {
        var u = new URL(r.url);
        if (u.pathname.indexOf(SAVED) === 0) saved[u.pathname.slice(SAVED.length)] = +u.searchParams.get('need') || 0;
      });
    });
    return Object.keys(saved).map(function (lang) { return {lang: lang, need: saved[lang]}; });
  });
}

// carry copies from the old caches into the new one the files named after
// their content that the new build's lists of the saved languages hold.
function carry(olds, saved) {
  return Promise.all([caches.open(NAME)].concat(saved.map(function (s) { return list(s.lang); }))).then(function (got) {
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
      return res || (req.destination === 'image' && sibling(new URL(req.url)));
    }).then(function (res) {
      if (res) return res;
      throw err;
    });
  });
}

// sibling answers, offline, an image the page asks for at another width
// than the one saved (the phone turned, a zoomed page): the saved file of
// the same image, from the list kept when the language was saved.
function sibling(url) {
  var lang = url.pathname.slice(C.base.length).split('/')[0];
  return caches.match(C.base + lang + '/offline.json').then(function (res) {
    return res && res.json();
  }).then(function (l) {
    // As the browser writes it: a name with a space or an accent comes
    // percent-encoded.
    var path = function (link) { return new URL(link, location.href).pathname; };
    var set = ((l && l.images) || []).filter(function (srcs) {
      return srcs.some(function (src) { return path(src[0]) === url.pathname; });
    })[0] || [];
    return set.reduceRight(function (found, src) {
      return found.then(function (res) { return res || caches.match(src[0]); });
    }, Promise.resolve(null));
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
    e.waitUntil(status(m.lang, m.need).then(function (s) { to.postMessage(s); }));
  } else if (m.type === 'save') {
    e.waitUntil(save(m.lang, m.need, to));
  }
});

// status says whether the last page came from the cache, and whether the
// language is saved (with its size) or how big it would be on a phone
// whose images need need pixels of width.
function status(lang, need) {
  var out = {type: 'status', lang: lang, offline: offline};
  if (!lang) return Promise.resolve(out);
  return savedMarker(lang).then(function (res) {
    if (res) return res.json().then(function (s) { out.saved = s.bytes; return out; });
    return list(lang).then(function (l) { out.bytes = pick(l, need).bytes; return out; }, function () { return out; });
  });
}

// savedMarker is the mark that lang is saved, whatever the need it was
// saved for.
function savedMarker(lang) {
  return caches.match(SAVED + lang, {ignoreSearch: true});
}

function list(lang, cache) {
  var url = C.base + lang + '/offline.json';
  return fetch(url, {cache: 'no-cache'}).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return (cache ? cache.put(url, r.clone()) : Promise.resolve()).then(function () { return r.json(); });
  });
}

// pick is what saving the list l fetches on a phone whose images need
// need pixels of width: of each image's files (narrowest first), the one
// the browser takes from the srcset, the narrowest that is wide enough.
function pick(l, need) {
  var files = l.files.slice(), bytes = l.bytes;
  (l.images || []).forEach(function (srcs) {
    var src = srcs.filter(function (s) { return s[1] >= need; })[0] || srcs[srcs.length - 1];
    files.push(src[0]);
    bytes += src[2];
  });
  return {files: files, bytes: bytes};
}

// save fetches every file of a language into the cache, four at a time,
// telling the page how far it got.
function save(lang, need, to) {
  var tell = function (m) { m.lang = lang; if (to) to.postMessage(m); };
  return caches.open(NAME).then(function (cache) {
    return Promise.all([list(lang, cache), cache]);
  }).then(function (got) {
    var picked = pick(got[0], need), files = picked.files, cache = got[1], done = 0, next = 0;
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
      var bytes = picked.bytes, mark = new Response(JSON.stringify({bytes: bytes}), {headers: {'Content-Type': 'application/json'}});
      return cache.delete(SAVED + lang, {ignoreSearch: true}).then(function () {
        return cache.put(SAVED + lang + '?need=' + (need || 0), mark); // one mark, of the last save
      }).then(function () { tell({type: 'saved', bytes: bytes}); });
    });
  }).catch(function (err) { tell({type: 'failed', error: String(err)}); });
}
