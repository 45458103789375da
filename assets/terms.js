// Glossary terms: focusing a marked term, hovering it or tapping it shows
// its definition in a small popover; a second tap, or Enter, follows the
// link to the glossary entry. Without this script the link is all there is.
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
  }

  Array.prototype.forEach.call(document.querySelectorAll("a.term[aria-describedby]"), function (a) {
    var pop = document.getElementById(a.getAttribute("aria-describedby"));
    if (!pop) return;
    var wasOpen = false;
    a.addEventListener("focus", function () { show(pop); });
    a.addEventListener("blur", function () { if (open === pop) hide(); });
    a.addEventListener("mouseenter", function () { show(pop); });
    a.addEventListener("mouseleave", function () { if (document.activeElement !== a && open === pop) hide(); });
    // A tap focuses the term before its click, so whether the popover was
    // open is read when the finger comes down: the first tap explains,
    // the second follows the link. Keyboard activation (detail 0) always
    // follows it, since focus has shown the definition already.
    a.addEventListener("pointerdown", function (e) { wasOpen = !pop.hidden && e.pointerType === "mouse"; });
    a.addEventListener("click", function (e) {
      if (e.detail !== 0 && !wasOpen) {
        e.preventDefault();
        show(pop);
      }
      wasOpen = !pop.hidden;
    });
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
  });
  document.addEventListener("click", function (e) {
    if (open && !open.parentNode.contains(e.target)) hide();
  });
})();
