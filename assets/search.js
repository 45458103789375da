/* Lentera search client: plain JavaScript, no framework, no WebAssembly.
 * How it works and the index format: docs/search.md and the package comment
 * of generator/search. The text analysis below must give the same terms as
 * generator/search/analyze.go: testdata/analysis.txt checks both. */
(function () {
  'use strict';

  // ---------------------------------------------------------------- analysis

  var WORD = /[\p{L}\p{N}\p{M}]+/gu, LN = /[\p{L}\p{N}]+/gu, MARK = /\p{M}/gu;
  var ASCII = /^[\x00-\x7f]*$/, AZ = /^[a-z]+$/;

  // fold removes case and diacritics, one character at a time as Go does.
  function fold(s) {
    if (ASCII.test(s)) return s.toLowerCase();
    var o = '';
    for (var c of s.normalize('NFKD').replace(MARK, '')) o += c.toLowerCase();
    return o;
  }

  // analyzer returns f(text, cb): cb(term, start, end) for every indexed
  // word of text, with the word's position in text.
  function analyzer(stop, stem) {
    var cache = new Map();
    function term(w) {
      var t = cache.get(w);
      if (t === undefined) {
        var n = Array.from(w).length;
        t = n > 40 || (n == 1 && w >= 'a' && w <= 'z') || stop.has(w) ? ''
          : stem && AZ.test(w) ? stem(w) : w;
        cache.set(w, t);
      }
      return t;
    }
    return function (text, cb) {
      text.replace(WORD, function (raw, i) {
        (fold(raw).match(LN) || []).forEach(function (w) {
          var t = term(w);
          if (t) cb(t, i, i + raw.length, w);
        });
        return raw;
      });
    };
  }

  // Stemmers are kept apart (search-stem-*.js), inlined before this script
  // on the pages of the languages they stem: each registers itself here.
  // Languages stemmed at build time need none: their index is keyed by the
  // words as typed, folded.
  function stemmer(lang) {
    var s = (globalThis.lenteraStemmers || {})[lang];
    if (lang && !s) throw new Error('search: no stemmer for "' + lang + '" was inlined before the client');
    return s;
  }

  // ---------------------------------------------------------------- index

  // Ranking knobs: BM25 over the page text plus a bonus when the term is in
  // the title or a heading; prefix and one-letter-typo matches count less.
  var PREFIX = 0.6, TYPO = 0.4, MIN_PREFIX = 3;
  // The digits of posting lists: 32 that end a number, 32 that go on.
  var DIGITS = '0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ-_wxyz';

  // open returns a searcher over the index at base (a URL ending in "/").
  // get(url, fresh) resolves to the parsed JSON of url. entry, when given,
  // is index.json as the search page carries it, one round trip less.
  function open(base, get, entry) {
    var meta, ready, analyze, last, shards = {}, docs = {}, views = {}, lists = new Map(), heads = {};

    function load(fresh) {
      var m = entry && !fresh ? Promise.resolve(entry) : get(base + 'index.json', fresh);
      return (meta = m.then(function (m) {
        analyze = analyzer(new Set(m.stop.split(' ')), stemmer(m.stem));
        shards = {}; docs = {}; views = {}; lists = new Map(); heads = {}; last = null;
        return (ready = m);
      }));
    }
    // Files are kept in folders of m.tn shards or of the parts of m.dn
    // pages, each named after its content.
    function file(dirs, per, i, name) { return get(base + dirs[Math.floor(i / per)] + '/' + name); }
    // once keeps the promise of a file, but not a failure, which may be
    // over when the connection is back.
    function once(cache, k, make) {
      return cache[k] || (cache[k] = make().catch(function (e) { delete cache[k]; throw e; }));
    }
    // A large index's shards name the pages their terms rank first, under
    // "" (see heads.go): [URL, title, section] by page number.
    function shard(m, i) {
      return once(shards, i, function () {
        return file(m.ts, m.tn, +i, 't' + i + '.json').then(function (s) {
          Object.assign(heads, s['']);
          return s;
        });
      });
    }
    function doc(m, h) {
      var k = h.id + '-' + h.part;
      return once(docs, k, function () { return file(m.ds, m.dn, h.id, 'd' + k + '.json'); });
    }
    function shardOf(m, t) {
      var lo = 0, hi = m.t.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (m.t[mid] <= t) lo = mid; else hi = mid - 1; }
      return lo;
    }

    // query parses q into terms: {t: term, w: folded word, last: bool}.
    // The last word is a prefix while it ends the query (being typed).
    function query(q) {
      var out = [], seen = {};
      analyze(q, function (t, s, e, w) {
        if (!seen[t]) out.push(seen[t] = {t: t, w: w});
        seen[t].last = e == q.length;
      });
      return out;
    }

    // need lists the shards a query reads: each term's own, and for the last
    // term the ones its prefixes span (at most two).
    function need(m, qs) {
      var set = {};
      qs.forEach(function (q) {
        set[shardOf(m, q.t)] = 1;
        if (q.last) [q.t, q.w].forEach(function (p) {
          if (Array.from(p).length < MIN_PREFIX) return;
          var a = shardOf(m, p), b = Math.min(shardOf(m, p + '\uffff'), a + 1);
          for (; a <= b; a++) set[a] = 1;
        });
      });
      return Object.keys(set);
    }

    // candidates maps each query term to the index terms it matches, with a
    // weight: exact 1, prefix of the last term, else one-letter typos.
    // A shard's "" names pages, not a term: no prefix of MIN_PREFIX
    // letters and no typo of a word over three letters matches it.
    function candidates(q, loaded) {
      var c = {}, pre = q.last ? [q.t, q.w].filter(function (p) { return Array.from(p).length >= MIN_PREFIX; }) : [];
      loaded.forEach(function (s) {
        if (s[q.t]) c[q.t] = 1;
        if (pre.length) for (var t in s) {
          if (t != q.t && (t.startsWith(pre[0]) || pre[1] && t.startsWith(pre[1]))) c[t] = PREFIX;
        }
      });
      if (!Object.keys(c).length && q.t.length > 3) loaded.forEach(function (s) {
        for (var t in s) if (typo(q.t, t)) c[t] = TYPO;
      });
      return c;
    }

    // numbers decodes a posting list: per page the gap from the previous
    // page, the term's weight in the page (BM25's share of its frequency,
    // title and heading bonuses, worked out at build time: weight.go) and
    // the part of the page file.
    function numbers(s) {
      var out = [], n = 0, shift = 0;
      for (var i = 0; i < s.length; i++) {
        var d = DIGITS.indexOf(s[i]);
        n |= (d & 31) << shift;
        if (d < 32) { out.push(n); n = shift = 0; } else shift += 5;
      }
      return out;
    }
    function postings(list, each) {
      for (var i = 0, d = 0; i < list.length; i += 3) { d += list[i]; each(d, list[i + 1], list[i + 2]); }
    }

    // rank scores every page that holds the terms; all terms are required,
    // else any term will do (partial). Scores are kept per page number in
    // typed arrays: a page's score is above 0 once a term is in it.
    function rank(m, qs, loaded) {
      var words = [];
      var per = qs.map(function (q) {
        var best = new Float64Array(m.n), part = new Int32Array(m.n), c = candidates(q, loaded);
        for (var t in c) {
          words.push(t);
          var list; loaded.some(function (s) { return (list = s[t]); });
          list = lists.get(list) || lists.set(list, numbers(list)).get(list);
          var df = list.length / 3, idf = Math.log(1 + (m.n - df + 0.5) / (df + 0.5));
          postings(list, function (d, w, k) {
            var s = c[t] * idf * w;
            if (s > best[d]) { best[d] = s; part[d] = k; }
          });
        }
        return {best: best, part: part};
      });
      var all = [], any = [];
      for (var d = 0; d < m.n; d++) {
        var score = 0, n = 0;
        per.forEach(function (p) { if (p.best[d] > 0) { score += p.best[d]; n++; } });
        if (n) (n == qs.length ? all : any).push({id: d, score: score, n: n, part: voted(per, d)});
      }
      var list = all.length ? all : any;
      list.sort(function (a, b) { return b.n - a.n || b.score - a.score || a.id - b.id; });
      return {hits: list, partial: !all.length && list.length > 0, words: words};
    }

    // voted is the part of page d that most of the query's terms point at,
    // the first of equals: a result shows the part where its words are.
    function voted(per, d) {
      var top = 0, most = 0;
      per.forEach(function (p) {
        if (!(p.best[d] > 0)) return;
        var k = p.part[d], v = 0;
        per.forEach(function (o) { if (o.best[d] > 0 && o.part[d] == k) v++; });
        if (v > most || v == most && k < top) { top = k; most = v; }
      });
      return top;
    }

    function run(q) {
      return meta.then(function (m) {
        var qs = query(q);
        if (!qs.length) return {hits: [], words: []};
        return Promise.all(need(m, qs).map(function (i) { return shard(m, i); }))
          .then(function (loaded) { return rank(m, qs, loaded); });
      });
    }

    // search runs q; a missing file means a newer build replaced the index,
    // so the index is reloaded once. The last query's result is kept: the
    // page's first search and the search box both ask for the query in the
    // address, which is ranked once.
    function search(q) {
      if (last && last.q === q) return last.p;
      var p = run(q).catch(function () { load(true); return run(q); });
      last = {q: q, p: p};
      p.catch(function () { if (last && last.p === p) last = null; });
      return p;
    }

    // page fetches the pages of hits and picks each one's best section and
    // snippet for the matched words.
    function page(hits, words) {
      return Promise.all(each(hits, words));
    }
    // each is page's promise for each hit, in the order of hits.
    function each(hits, words) {
      var set = new Set(words), key = words.join(' ');
      return hits.map(function (h) {
        var k = h.id + '-' + h.part + ' ' + key;
        return meta.then(function (m) {
          return once(views, k, function () { return doc(m, h).then(function (p) { return present(p, set); }); });
        });
      });
    }

    // present picks the section holding most of the matched words (the
    // page top when none does) and a snippet from it.
    function present(p, set) {
      var best = null, top = 0;
      p.b.forEach(function (sec) {
        // Each matched word counts once, a little more in the heading.
        var found = {}, n = 0;
        analyze(sec[1], function (t) { if (set.has(t) && !found[t]) { found[t] = 1; n += 1.5; } });
        analyze(sec[2], function (t) { if (set.has(t) && !found[t]) { found[t] = 1; n++; } });
        if (n > top) { top = n; best = sec; }
      });
      // Without such a section, the words are in the description (or the
      // title), which stands in for the text.
      var sec = best || p.b[0] || ['', '', ''];
      return {url: p.u + (best && best[0] ? '#' + best[0] : ''), title: p.t, section: p.s,
        heading: best ? best[1] : '', snippet: marked(best ? best[2] : p.d || '', set) || [[p.d || cut(sec[2])]]};
    }

    // marked is the snippet of text with the words of set marked, or null
    // when it holds none of them.
    function marked(text, set) {
      var marks = [];
      analyze(text, function (t, s, e) { if (set.has(t)) marks.push([s, e]); });
      return marks.length ? snippet(text, marks) : null;
    }

    // snippet cuts about 160 characters of text around the densest run of
    // marks; it returns pieces [text, marked?].
    function snippet(text, marks) {
      var from = 0, most = 0;
      for (var i = 0; i < marks.length; i++) {
        var n = 0;
        for (var j = i; j < marks.length && marks[j][1] - marks[i][0] < 160; j++) n++;
        if (n > most) { most = n; from = i; }
      }
      var start = Math.max(0, marks[from][0] - 40), out = [];
      start = start && text.indexOf(' ', start) + 1 || start; // whole words only
      var end = wordEnd(text, start + 160), at = start;
      marks.forEach(function (k) {
        if (k[0] >= at && k[1] <= end) { out.push([text.slice(at, k[0])], [text.slice(k[0], k[1]), 1]); at = k[1]; }
      });
      out.push([text.slice(at, end)]);
      if (start > 0) out[0][0] = '… ' + out[0][0];
      if (end < text.length) out[out.length - 1][0] += ' …';
      return out;
    }

    // has says whether searching q, and showing hits, can be done from
    // files already asked for, without a new download.
    function has(q, hits) {
      return !!ready && need(ready, query(q)).every(function (i) { return shards[i]; }) &&
        (hits || []).every(function (h) { return docs[h.id + '-' + h.part]; });
    }

    // shown is what the index tells of hits before their parts are in:
    // a small index's entry has every page's title, section and
    // description (m.pg), a large one's shards name the pages they rank
    // first. It is null unless every hit is named. A description shown
    // has the words of the query marked, when given.
    function shown(hits, words) {
      var pg = ready && ready.pg, set = new Set(words || []);
      if (pg) return hits.map(function (h) {
        var p = pg[h.id];
        return {url: p[0], title: p[1], section: p[2], heading: '', snippet: marked(p[3], set) || [[p[3]]]};
      });
      if (!hits.length || !hits.every(function (h) { return heads[h.id]; })) return null;
      return hits.map(function (h) {
        var p = heads[h.id];
        return {url: p[0], title: p[1], section: p[2], heading: '', snippet: []};
      });
    }

    load(false);
    return {search: search, page: page, each: each, has: has, shown: shown};
  }

  // wordEnd is the end of the word at i (or the text's length).
  function wordEnd(text, i) {
    var e = text.indexOf(' ', i);
    return e < 0 ? text.length : e;
  }
  function cut(text) {
    var e = wordEnd(text, 160);
    return text.slice(0, e) + (e < text.length ? ' …' : '');
  }

  // typo: b is a one-letter edit (change, insert, delete) of a.
  function typo(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a == b) return false;
    var i = 0;
    while (a[i] == b[i]) i++;
    return a.slice(i + 1) == b.slice(i + 1) || a.slice(i) == b.slice(i + 1) || a.slice(i + 1) == b.slice(i);
  }

  // ---------------------------------------------------------------- page

  // PAGE results are shown at a time; WAIT is the typing pause before a
  // download.
  var PAGE = 5, WAIT = 200;

  // start opens the index of the search page, from the entry it carries
  // (#search-entry), and fetches the files of the query in its URL at once:
  // the script runs in the page's head, before the style sheet is in and
  // the page is parsed.
  function start() {
    var path = location.pathname.replace(/index\.html$/, ''), cache = {}, el = document.getElementById('search-entry');
    if (!/\/$/.test(path)) path += '/';
    var index = open(path, function (url, fresh) {
      if (!fresh && cache[url]) return cache[url];
      return (cache[url] = fetch(url, fresh ? {cache: 'no-cache'} : {}).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).catch(function (e) { delete cache[url]; throw e; }));
    }, el && JSON.parse(el.textContent));
    var q = query();
    // A failure here is left to the page's own search, which says so.
    // Results the index names are listed without their parts, which the
    // page fetches once it sees which are on screen (see fill).
    if (q) index.search(q).then(function (r) {
      var hits = r.hits.slice(0, PAGE);
      if (!index.shown(hits)) return index.page(hits, r.words);
    }).catch(function () {});
    return index;
  }

  function query() { return new URLSearchParams(location.search).get('q') || ''; }

  function init(index) {
    var list = document.getElementById('search-results');
    if (!list) return;
    var form = document.getElementById('search-form'), input = document.getElementById('search-input');
    var status = document.getElementById('search-status'), more = document.getElementById('search-more');
    var text = list.dataset, seq = 0, shown = 0, result, announce, watch;
    window.lenteraSearch = index;
    // Which results are on screen is known once the style sheet is in: the
    // script does not wait for it, and unstyled, every result fits.
    var styled = new Promise(function (ok) {
      var css = document.querySelector('link[rel=stylesheet]');
      if (!css || css.sheet) return ok();
      css.onload = css.onerror = ok;
    });

    function say(key, n, q) {
      status.textContent = (text[key] || '').replace('{n}', n).replace('{q}', q);
    }

    // pause runs f at once when it needs no download (or the search did not
    // come from typing), else after WAIT ms without newer input: typing a
    // word then downloads the files of what was typed, not of every prefix.
    function pause(my, typed, cached, f) {
      if (!typed || cached) return f();
      return new Promise(function (ok) { setTimeout(ok, WAIT); }).then(function () { return my == seq ? f() : null; });
    }

    function go(q, typed) {
      var my = ++seq;
      history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname);
      list.setAttribute('aria-busy', 'true');
      pause(my, typed, index.has(q), function () { return index.search(q); }).then(function (r) {
        if (!r || my != seq) return;
        result = r; shown = 0;
        // Results the index names are listed without a download.
        var first = r.hits.slice(0, PAGE);
        return pause(my, typed, index.has(q, first) || !!index.shown(first), function () { return show(my, q, typed); });
      }).catch(function () {
        if (my != seq) return;
        list.textContent = ''; more.hidden = true; // results of an older query would mislead
        say('error');
        list.setAttribute('aria-busy', 'false');
      });
    }

    // show renders the next PAGE results; q is set for a new search, which
    // replaces the list and is announced (after a pause, while typing).
    // When the index names the results, a new search lists them at once and
    // fills in the snippets (see fill).
    function show(my, q, typed) {
      var from = shown, hits = result.hits.slice(from, from + PAGE);
      var named = q !== undefined && index.shown(hits, result.words);
      list.setAttribute('aria-busy', 'true');
      if (q !== undefined && watch) watch.disconnect(); // the results waiting for it are gone
      if (named) {
        put(named, from, q, typed);
        return fill(my, hits, from, q, typed);
      }
      // Otherwise each result is listed once it and those above it are in:
      // on a slow line the first ones can be read while the rest download.
      var items = [];
      return index.each(hits, result.words).reduce(function (before, p, i) {
        return before.then(function () { return p; }).then(function (it) {
          items.push(it);
          if (my == seq) put([it], from + i, i ? undefined : q, typed, i < hits.length - 1);
        });
      }, Promise.resolve()).then(function () {
        if (my != seq) return;
        if (!hits.length) put(items, from, q, typed);
        finish();
      });
    }

    // fill puts the snippets of listed results in place as their parts come
    // in: at once for the results on screen (after a pause in typing, if
    // that needs a download), and for the others once they are scrolled
    // to, so a reader who finds what they want in the first results does
    // not download the rest. The list is done when the ones on screen are;
    // if their parts are out of reach, the titles stay.
    function fill(my, hits, from, q, typed) {
      var lis = Array.prototype.slice.call(list.children, from, from + hits.length), now = [], rest = [];
      var one = function (i) {
        return index.each([hits[i]], result.words)[0].then(function (it) {
          if (my != seq || !lis[i].isConnected) return;
          var focused = lis[i].contains(document.activeElement), li = item(it);
          lis[i].replaceWith(li);
          lis[i] = li;
          if (focused) li.firstChild.focus();
        });
      };
      var lazy = typeof IntersectionObserver == 'function';
      return styled.then(function () {
        if (my != seq) return;
        lis.forEach(function (li, i) {
          if (lazy && li.getBoundingClientRect().top >= innerHeight) rest.push(li);
          else now.push(pause(my, typed, index.has(q, [hits[i]]), function () { return one(i); }));
        });
        if (rest.length) {
          watch = new IntersectionObserver(function (entries, self) {
            entries.forEach(function (e) {
              var i = lis.indexOf(e.target);
              if (!e.isIntersecting || i < 0) return;
              self.unobserve(e.target);
              one(i).catch(function () {}); // the title stays
            });
          });
          rest.forEach(function (li) { watch.observe(li); });
        }
        return settle(my, now);
      });
    }

    // settle ends a search's showing once the snippets asked for are in, or
    // could not be had.
    function settle(my, parts) {
      var any = function () {};
      return Promise.all(parts.map(function (p) { return p.catch(any); })).then(function () { if (my == seq) finish(); });
    }

    function finish() {
      list.setAttribute('aria-busy', 'false');
      document.body.dataset.done = '1';
      if (performance.mark) performance.mark('lentera:snippets'); // for timing tests
    }

    // put shows items as the results from `from` on, in place of what was
    // there; q is set the first time a new search's results are shown, and
    // coming while more of them are on their way.
    function put(items, from, q, typed, coming) {
      var focus = links().indexOf(document.activeElement);
      while (list.children.length > from) list.lastChild.remove(); // a new search's results are from 0 on
      items.forEach(function (it) { list.appendChild(item(it)); });
      if (focus >= 0 && links()[focus]) links()[focus].focus(); // the snippets came in while the reader moved
      shown = from + items.length;
      more.hidden = !!coming || shown >= result.hits.length;
      var n = result.hits.length;
      document.body.dataset.results = n;
      if (q === undefined) return;
      var key = !q.trim() ? 'empty' : !n ? 'none' : result.partial ? 'partial' : n == 1 ? 'single' : 'many';
      clearTimeout(announce);
      if (typed) announce = setTimeout(function () { say(key, n, q); }, 800); else say(key, n, q);
      if (performance.mark) performance.mark('lentera:results'); // for timing tests
    }

    function item(it) {
      var li = document.createElement('li'), a = document.createElement('a'), p = document.createElement('p');
      a.href = it.url; a.textContent = it.title;
      li.appendChild(a);
      // Always there, empty or not, so that a heading coming later takes
      // no room the result did not have (see 50-search.css).
      var s = document.createElement('small');
      s.textContent = [it.section, it.heading].filter(Boolean).join(' › ');
      li.append(' ', s);
      it.snippet.forEach(function (piece) {
        if (piece[1]) { var m = document.createElement('mark'); m.textContent = piece[0]; p.appendChild(m); }
        else p.append(piece[0]);
      });
      li.appendChild(p);
      return li;
    }

    function links() { return Array.from(list.querySelectorAll('a')); }

    input.addEventListener('input', function () { go(input.value, 1); });
    form.addEventListener('submit', function (e) { e.preventDefault(); go(input.value, 0); });
    more.addEventListener('click', function () {
      var first = shown;
      show(seq).then(function () { var l = links()[first]; if (l) l.focus(); }, function () {
        say('error');
        list.setAttribute('aria-busy', 'false');
      });
    });
    // Arrow keys move between the search box and the result links.
    document.addEventListener('keydown', function (e) {
      var l = links(), i = l.indexOf(document.activeElement);
      if (e.key == 'ArrowDown' && (document.activeElement == input || i >= 0) && l[i + 1]) l[i + 1].focus();
      else if (e.key == 'ArrowUp' && i >= 0) (l[i - 1] || input).focus();
      else if (e.key == 'Escape' && i >= 0) input.focus();
      else return;
      e.preventDefault();
    });

    var q = query();
    input.value = q;
    if (q) go(q); else say('empty', 0, '');
  }

  if (typeof module == 'object' && module.exports) {
    module.exports = {fold: fold, analyzer: analyzer, stemmer: stemmer, open: open, typo: typo};
  } else if (typeof document == 'object') {
    var index = start();
    // The page is parsed when it turns "interactive", before the deferred
    // site script has run: DOMContentLoaded would wait for its download.
    var ready = function () {
      if (document.readyState == 'loading') return;
      document.removeEventListener('readystatechange', ready);
      init(index);
    };
    if (document.readyState == 'loading') document.addEventListener('readystatechange', ready);
    else init(index);
  }
})();
