// A chapter's slide view: one slide at a time, moved by keys, clicks and
// swipes; a speaker view with the trainer notes of the slide and a timer
// against the chapter's duration; full screen. The slide shown is kept in
// the address (#3), so a reload stays put, and two windows of the same
// deck (one the speaker view, one on the projector) follow each other.
(function () {
  "use strict";
  var deck = document.querySelector(".deck");
  if (!deck) return;
  var slides = deck.querySelectorAll(".slide");
  var bar = document.querySelector(".slides-bar");
  var count = bar.querySelector(".slides-count");
  var speakerButton = bar.querySelector(".slides-speaker");
  var panel = document.querySelector(".speaker-panel");
  var notes = panel.querySelector(".speaker-notes");
  var upNext = panel.querySelector(".speaker-next");
  var root = document.documentElement;
  var rtl = root.dir === "rtl";
  var current = 0;
  var channel = window.BroadcastChannel ? new BroadcastChannel("lentera-slides:" + location.pathname) : null;

  root.classList.add("slides-on");
  bar.hidden = false;

  function titleOf(slide) {
    var h = slide && slide.querySelector("h1, h2, h3");
    return h ? h.textContent.replace(/#$/, "").trim() : "";
  }

  function show(i, quiet) {
    current = Math.max(0, Math.min(slides.length - 1, i));
    Array.prototype.forEach.call(slides, function (s, n) {
      s.classList.toggle("is-current", n === current);
    });
    var slide = slides[current];
    slide.scrollTop = 0;
    count.textContent = count.getAttribute("data-template")
      .replace("%s", current + 1).replace("%s", slides.length);
    notes.innerHTML = "";
    Array.prototype.forEach.call(slide.querySelectorAll(".directive-trainer"), function (n) {
      var copy = n.cloneNode(true);
      var title = copy.querySelector(".directive-title");
      if (title) title.remove();
      notes.appendChild(copy);
    });
    upNext.textContent = current + 1 < slides.length ? titleOf(slides[current + 1]) : "—";
    history.replaceState(null, "", "#" + (current + 1) + (root.classList.contains("speaker") ? "-speaker" : ""));
    if (channel && !quiet) channel.postMessage({ slide: current });
  }

  function speaker(on) {
    root.classList.toggle("speaker", on);
    panel.hidden = !on;
    speakerButton.setAttribute("aria-pressed", on ? "true" : "false");
    if (on) startTimer();
    show(current, true);
  }

  // The timer counts up from the first time the speaker view opens and
  // shows the chapter's planned duration beside it.
  var started = null;
  var total = parseInt(deck.getAttribute("data-duration"), 10) || 0;
  var elapsed = panel.querySelector(".timer-elapsed");
  function clock(seconds) {
    var m = Math.floor(seconds / 60), s = Math.floor(seconds % 60);
    return m + ":" + (s < 10 ? "0" : "") + s;
  }
  panel.querySelector(".timer-total").textContent = total ? clock(total) : "—";
  function tick() {
    if (started === null) return;
    var used = (Date.now() - started) / 1000;
    elapsed.textContent = clock(used);
    elapsed.parentNode.classList.toggle("is-over", total > 0 && used > total);
  }
  function startTimer() {
    if (started === null) started = Date.now();
    tick();
  }
  setInterval(tick, 1000);
  panel.querySelector(".timer-reset").addEventListener("click", function () {
    started = Date.now();
    tick();
  });

  function fullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (root.requestFullscreen) root.requestFullscreen().catch(function () {});
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.target.closest && e.target.closest("input, textarea, select")) return;
    var key = e.key;
    // A deck written right to left moves on to the left.
    if (rtl && (key === "ArrowLeft" || key === "ArrowRight")) key = key === "ArrowLeft" ? "ArrowRight" : "ArrowLeft";
    if (key === "ArrowRight" || key === "PageDown" || key === " " || key === "ArrowDown") show(current + 1);
    else if (key === "ArrowLeft" || key === "PageUp" || key === "ArrowUp") show(current - 1);
    else if (key === "Home") show(0);
    else if (key === "End") show(slides.length - 1);
    else if (key === "s" || key === "S") speaker(!root.classList.contains("speaker"));
    else if (key === "f" || key === "F") fullscreen();
    else if (key === "Escape" && root.classList.contains("speaker")) speaker(false);
    else return;
    e.preventDefault();
  });

  bar.querySelector(".slides-prev").addEventListener("click", function () { show(current - 1); });
  bar.querySelector(".slides-next").addEventListener("click", function () { show(current + 1); });
  speakerButton.addEventListener("click", function () { speaker(!root.classList.contains("speaker")); });
  bar.querySelector(".slides-full").addEventListener("click", fullscreen);

  // A click on a slide, away from its links and controls, moves on; on the
  // fifth of the screen where the text starts (the left, or the right in a
  // language written right to left) it goes back.
  deck.addEventListener("click", function (e) {
    if (e.target.closest("a, button, input, label, summary, details, .table-wrap")) return;
    if (window.getSelection && String(window.getSelection())) return;
    var fromStart = rtl ? window.innerWidth - e.clientX : e.clientX;
    show(fromStart < window.innerWidth / 5 ? current - 1 : current + 1);
  });

  // A swipe: a mostly sideways stroke of a finger.
  var startX = null, startY = 0;
  deck.addEventListener("touchstart", function (e) {
    if (e.touches.length !== 1) { startX = null; return; }
    startX = e.touches[0].clientX;
    startY = e.touches[0].clientY;
  }, { passive: true });
  // Held back, a sideways stroke cannot also go back in the history.
  deck.addEventListener("touchmove", function (e) {
    if (startX === null || e.touches.length !== 1) return;
    var dx = e.touches[0].clientX - startX, dy = e.touches[0].clientY - startY;
    if (Math.abs(dx) > Math.abs(dy)) e.preventDefault();
  }, { passive: false });
  deck.addEventListener("touchend", function (e) {
    if (startX === null) return;
    var dx = e.changedTouches[0].clientX - startX, dy = e.changedTouches[0].clientY - startY;
    startX = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) show((dx < 0) !== rtl ? current + 1 : current - 1);
  });

  if (channel) channel.onmessage = function (e) { show(e.data.slide, true); };

  var m = /^#(\d+)(-speaker)?$/.exec(location.hash);
  if (m) current = parseInt(m[1], 10) - 1;
  if (m && m[2]) speaker(true);
  else show(current, true);
})();
