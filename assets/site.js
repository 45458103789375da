// Small enhancements; every page works without them.
(function () {
  "use strict";
  var store = window.localStorage;

  // Keep a reader's ticks per page, so they survive a reload.
  function load(key) {
    try { return JSON.parse(store.getItem(key)) || {}; } catch (e) { return {}; }
  }
  function save(key, ticks) {
    try { store.setItem(key, JSON.stringify(ticks)); } catch (e) { /* private mode or full */ }
  }
  function track(box) {
    var key = box.getAttribute("data-storage");
    var inputs = box.querySelectorAll("input[type=checkbox][data-key]");
    var progress = box.querySelector(".progress");
    var reset = box.querySelector(".reset");
    var ticks = load(key);
    function show() {
      var done = 0;
      inputs.forEach(function (i) { if (i.checked) done++; });
      if (progress) {
        progress.hidden = false;
        progress.textContent = progress.getAttribute("data-template")
          .replace("%s", done).replace("%s", inputs.length);
      }
      if (reset) reset.hidden = done === 0;
    }
    inputs.forEach(function (input) {
      input.checked = !!ticks[input.getAttribute("data-key")];
      input.addEventListener("change", function () {
        if (input.checked) ticks[input.getAttribute("data-key")] = 1;
        else delete ticks[input.getAttribute("data-key")];
        save(key, ticks);
        show();
      });
    });
    if (reset) reset.addEventListener("click", function () {
      ticks = {};
      save(key, ticks);
      inputs.forEach(function (i) { i.checked = false; });
      show();
    });
    show();
  }
  document.querySelectorAll("[data-storage]").forEach(track);

  // Remember the language a reader picks, for the next visit to "/".
  document.querySelectorAll("a[data-lang]").forEach(function (a) {
    a.addEventListener("click", function () {
      try { store.setItem("lentera:lang", a.getAttribute("data-lang")); } catch (e) {}
    });
  });

  // On "/", go to the reader's language: the one they picked before, else
  // the first of the browser's languages the site has. Without JavaScript
  // the page's refresh goes to the default language.
  var choose = document.querySelector(".choose-language");
  if (choose) {
    var langs = choose.getAttribute("data-languages").split(" ");
    var picked = null;
    try { picked = store.getItem("lentera:lang"); } catch (e) {}
    var wanted = [picked].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < wanted.length; i++) {
      var code = (wanted[i] || "").toLowerCase().split("-")[0];
      if (langs.indexOf(code) >= 0) {
        var link = choose.querySelector("a[data-lang='" + code + "']");
        if (link) { location.replace(link.href); }
        break;
      }
    }
  }

  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
})();
