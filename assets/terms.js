// Glossary terms: focusing a marked term, hovering it or tapping it shows
// its definition in a small popover; a second tap, a click or Enter follows
// the link to the glossary entry. Without this script the link is all there
// is.
(function () {
  "use strict";
  var open = null;

  function hide() {
    if (open) { open.hidden = true; open = null; }
  }
  function show(pop) {
    if (open !== pop) hide();
    pop.hidden = false;
    open = pop;
    // Keep it on screen: a term near the right edge opens leftwards.
    pop.style.left = "";
    var over = pop.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (over > 0) pop.style.left = -over + "px";
  }

  Array.prototype.forEach.call(document.querySelectorAll("a.term[aria-describedby]"), function (a) {
    var pop = document.getElementById(a.getAttribute("aria-describedby"));
    if (!pop) return;
    var wasOpen = false, keep = false;
    a.addEventListener("focus", function () { show(pop); });
    a.addEventListener("blur", function () { if (open === pop) hide(); });
    a.addEventListener("mouseenter", function () { show(pop); });
    a.addEventListener("mouseleave", function () { if (document.activeElement !== a && open === pop) hide(); });
    // A finger or pen: the first tap explains the term and keeps the page
    // (the click that follows is held back); a tap on an open term follows
    // the link. A mouse has shown it on hover, and a key on focus, so
    // their click follows the link at once.
    a.addEventListener("pointerdown", function () { wasOpen = !pop.hidden; keep = false; });
    a.addEventListener("pointerup", function (e) {
      if (e.pointerType !== "mouse" && !wasOpen) {
        show(pop);
        keep = true;
      }
    });
    a.addEventListener("click", function (e) {
      if (keep) e.preventDefault();
      keep = false;
    });
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
  });
  document.addEventListener("pointerdown", function (e) {
    if (open && !open.parentNode.contains(e.target)) hide();
  });
})();
