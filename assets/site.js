// Small enhancements; every page works without them.
(function () {
  "use strict";
  var lang = document.documentElement.lang;

  // The device's storage is opened on first use: a page with no checklist
  // opens it in the task that shows the reading progress (below).
  var opened;
  function store() { return opened || (opened = window.localStorage); }
  function load(key) {
    try { return JSON.parse(store().getItem(key)) || {}; } catch (e) { return {}; }
  }
  function save(key, value) {
    try { store().setItem(key, JSON.stringify(value)); } catch (e) { /* private mode or full */ }
  }

  // Keep a reader's ticks, one key per checklist, so the chapters that
  // embed it and its worksheet show the same ticks, and a reload keeps them.
  function track(box) {
    var key = box.getAttribute("data-storage");
    var inputs = box.querySelectorAll("input[type=checkbox][data-key]");
    var progress = box.querySelector(".progress");
    var reset = box.querySelector(".reset");
    function show() {
      var ticks = load(key), done = 0;
      inputs.forEach(function (i) {
        i.checked = !!ticks[i.getAttribute("data-key")];
        if (i.checked) done++;
      });
      if (progress) {
        progress.hidden = false;
        progress.textContent = progress.getAttribute("data-template")
          .replace("%s", done).replace("%s", inputs.length);
      }
      if (reset) reset.hidden = done === 0;
    }
    inputs.forEach(function (input) {
      input.addEventListener("change", function () {
        var ticks = load(key);
        if (input.checked) ticks[input.getAttribute("data-key")] = 1;
        else delete ticks[input.getAttribute("data-key")];
        save(key, ticks);
        refresh();
      });
    });
    if (reset) reset.addEventListener("click", function () {
      save(key, {});
      refresh();
    });
    return show;
  }
  var shows = [];
  document.querySelectorAll("[data-storage]").forEach(function (box) { shows.push(track(box)); });
  // The same checklist twice on a page, or in another tab, shows the same ticks.
  function refresh() { shows.forEach(function (f) { f(); }); }
  refresh();
  window.addEventListener("storage", refresh);

  // Reading progress, on this device only: the chapters opened and the
  // last one, per language.
  var readKey = "lentera:read:" + lang, lastKey = "lentera:last:" + lang;
  function noteRead() {
    var chapter = document.querySelector("[data-read]");
    if (!chapter) return;
    var read = load(readKey);
    read[location.pathname] = 1;
    save(readKey, read);
    var h1 = chapter.querySelector("h1");
    save(lastKey, {u: location.pathname, t: h1 ? h1.textContent : document.title});
  }

  // counted is a UI string for the number n, in the plural form n takes
  // in the page's language; forms is the string's forms as JSON, or its
  // one text (a site's own layout may give T's).
  function counted(forms, n) {
    var f = {other: forms}, form = "other";
    try {
      if (forms.charAt(0) == "{") f = JSON.parse(forms);
      form = new Intl.PluralRules(document.documentElement.lang).select(n);
    } catch (e) { /* an unknown language: other */ }
    return (f[form] || f.other).replace("%s", n);
  }

  function showProgress() {
    var read = load(readKey), last = load(lastKey);
    document.querySelectorAll(".course-sections a, .menu-panel a, .course-nav a, .page-list a").forEach(function (a) {
      a.classList.toggle("read", !!read[a.pathname]);
    });
    // A folded section says in its title how many of its chapters were
    // opened.
    document.querySelectorAll("[data-section-read]").forEach(function (span) {
      var n = span.closest("details").querySelectorAll(".page-list a.read").length;
      span.textContent = n ? " · " + span.getAttribute("data-section-read").replace("{n}", n) : "";
    });
    var start = document.querySelector("[data-continue]");
    if (start && last.u && last.t) {
      start.textContent = start.getAttribute("data-continue").replace("%s", last.t);
      start.href = last.u;
    }
    var box = document.querySelector("[data-progress]");
    if (!box) return;
    var chapters = Object.keys(read).length, ticked = 0;
    for (var i = 0; i < store().length; i++) {
      var k = store().key(i);
      if (k && k.indexOf("lentera:ticks:") === 0) ticked += Object.keys(load(k)).length;
    }
    if (!chapters && !ticked) { box.hidden = true; return; }
    var text = box.getAttribute("data-chapters").replace("{n}", chapters);
    if (ticked) text += " · " + counted(box.getAttribute("data-ticks"), ticked);
    box.querySelector(".progress-text").textContent = text;
    box.hidden = false;
  }
  // In a task of its own, after the page's first: on a slow phone one long
  // task holds up the reader's first tap (Lighthouse counts the part of a
  // task over 50 ms, on a phone four times slower, as blocking).
  setTimeout(function () { noteRead(); showProgress(); }, 0);
  var clear = document.querySelector("[data-progress] .reset");
  if (clear) clear.addEventListener("click", function () {
    var gone = [];
    for (var i = 0; i < store().length; i++) {
      if (store().key(i).indexOf("lentera:") === 0) gone.push(store().key(i));
    }
    gone.forEach(function (k) { store().removeItem(k); });
    var start = document.querySelector("[data-continue]");
    if (start) location.reload();
  });

  // The menu closes with Escape, and with a tap outside it.
  var menu = document.querySelector(".menu");
  if (menu) {
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
    document.addEventListener("click", function (e) {
      if (menu.open && !menu.contains(e.target)) menu.open = false;
    });
  }

  // Share a page: the phone's own share sheet where the browser has one;
  // otherwise the WhatsApp link, which works without JavaScript too, and a
  // button that copies the address.
  document.querySelectorAll(".share").forEach(function (box) {
    var url = new URL(box.getAttribute("data-share-url"), location.href).href;
    var title = box.getAttribute("data-share-title");
    var wa = box.querySelector(".share-wa");
    wa.href = "https://wa.me/?text=" + encodeURIComponent(title + "\n" + url);
    if (navigator.share) {
      var native = box.querySelector(".share-native");
      native.hidden = false;
      wa.hidden = true;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () { /* closed */ });
      });
      return;
    }
    var copy = box.querySelector(".share-copy");
    if (!navigator.clipboard) return;
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(url).then(function () {
        box.querySelector(".share-status").textContent = box.getAttribute("data-copied");
      }, function () { /* not allowed */ });
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });

  // Offline reading: the service worker keeps what is read; the page asks
  // it whether it came from the cache and whether this language is saved.
  var sw = navigator.serviceWorker, notice = document.querySelector("[data-offline-notice]");
  var saveBox = document.querySelector("[data-save]");
  function mb(bytes) { return (bytes / 1048576).toFixed(1); }
  function offlineNotice(off) { if (notice) notice.hidden = !off; }
  window.addEventListener("offline", function () { offlineNotice(true); });
  window.addEventListener("online", function () { offlineNotice(false); });
  if (!navigator.onLine) offlineNotice(true);
  if (!sw || !document.body.getAttribute("data-sw")) return;

  var saveStatus = saveBox && saveBox.querySelector("output");
  function say(attr, a, b) {
    if (saveStatus) saveStatus.textContent = saveBox.getAttribute(attr).replace("%s", a).replace("%s", b);
  }
  sw.addEventListener("message", function (e) {
    var m = e.data || {};
    if (m.type === "status") {
      if (m.offline) offlineNotice(true);
      if (!saveBox || m.lang !== lang) return;
      saveBox.hidden = false;
      if (m.saved) say("data-saved", mb(m.saved));
      else if (m.bytes) say("data-size", mb(m.bytes));
    } else if (saveBox && m.lang === lang) {
      if (m.type === "progress") say("data-saving", m.done, m.total);
      else if (m.type === "saved") { say("data-saved", mb(m.bytes)); saveBox.querySelector("button").disabled = false; }
      else if (m.type === "failed") { say("data-failed"); saveBox.querySelector("button").disabled = false; }
    }
  });
  // need is the width in pixels this screen shows an image of the text
  // column at, as the browser reads the images' sizes (42rem from 46rem
  // up, else the screen less 2rem): saving keeps the copy it picks.
  function need() {
    var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    return Math.ceil((innerWidth >= 46 * rem ? 42 * rem : innerWidth - 2 * rem) * (devicePixelRatio || 1));
  }
  if (saveBox) saveBox.querySelector("button").addEventListener("click", function () {
    this.disabled = true;
    sw.ready.then(function (reg) { reg.active.postMessage({type: "save", lang: lang, need: need()}); });
  });
  var fresh = !sw.controller;
  window.addEventListener("load", function () {
    sw.register(document.body.getAttribute("data-sw")).catch(function () {});
    sw.ready.then(function (reg) {
      // On a first visit the worker came after the page: it keeps the page
      // and its files now, mostly from the browser's cache.
      if (fresh) {
        var urls = [location.href];
        document.querySelectorAll("link[rel=stylesheet], script[src]").forEach(function (e) { urls.push(e.href || e.src); });
        reg.active.postMessage({type: "keep", urls: urls});
      }
      reg.active.postMessage({type: "status", lang: saveBox ? lang : "", need: need()});
    });
  });
})();
