// Self-check quizzes: answers are checked on the reader's device and kept
// there, so a reload shows the same result. Loaded only on pages with a
// quiz; without it each answer waits behind its <details>.
(function () {
  "use strict";
  var store = window.localStorage;

  function load(key) {
    try { return JSON.parse(store.getItem(key)); } catch (e) { return null; }
  }
  function save(key, value) {
    try {
      if (value) store.setItem(key, JSON.stringify(value));
      else store.removeItem(key);
    } catch (e) { /* private mode or full */ }
  }
  function each(list, f) { Array.prototype.forEach.call(list, f); }

  function setup(quiz) {
    var key = quiz.getAttribute("data-quiz");
    var questions = quiz.querySelectorAll(".quiz-q");
    var check = quiz.querySelector(".quiz-check");
    var retry = quiz.querySelector(".quiz-retry");
    var score = quiz.querySelector(".quiz-score");

    // The answers stay out of sight until the reader has tried.
    each(questions, function (q) { q.querySelector(".quiz-answer").hidden = true; });
    check.hidden = false;

    function picked(q) {
      var values = [];
      each(q.querySelectorAll("input"), function (i) { if (i.checked) values.push(i.value); });
      return values;
    }

    function mark() {
      var right = 0;
      each(questions, function (q) {
        var ok = true;
        each(q.querySelectorAll("input"), function (i) {
          var correct = i.hasAttribute("data-correct");
          if (i.checked !== correct) ok = false;
          i.disabled = true;
          var li = i.parentNode;
          li.classList.toggle("is-picked", i.checked);
          li.classList.toggle("is-correct", correct);
          var fb = li.querySelector(".quiz-feedback");
          if (fb) fb.hidden = !i.checked;
        });
        if (ok) right++;
        q.classList.toggle("is-right", ok);
        q.classList.toggle("is-wrong", !ok);
        var result = q.querySelector(".quiz-result");
        result.textContent = score.getAttribute(ok ? "data-right" : "data-wrong");
        result.hidden = false;
        var answer = q.querySelector(".quiz-answer");
        answer.hidden = false;
        answer.open = !ok;
      });
      score.textContent = score.getAttribute("data-template")
        .replace("%s", right).replace("%s", questions.length);
      score.hidden = false;
      check.hidden = true;
      retry.hidden = false;
    }

    function clear() {
      each(questions, function (q) {
        q.classList.remove("is-right", "is-wrong");
        q.querySelector(".quiz-result").hidden = true;
        var answer = q.querySelector(".quiz-answer");
        answer.hidden = true;
        answer.open = false;
        each(q.querySelectorAll("input"), function (i) {
          i.checked = false;
          i.disabled = false;
          i.parentNode.classList.remove("is-picked", "is-correct");
          var fb = i.parentNode.querySelector(".quiz-feedback");
          if (fb) fb.hidden = true;
        });
      });
      score.hidden = true;
      retry.hidden = true;
      check.hidden = false;
    }

    check.addEventListener("click", function () {
      var answers = {};
      each(questions, function (q) { answers[q.getAttribute("data-q")] = picked(q); });
      save(key, { answers: answers });
      mark();
      retry.focus();
    });
    retry.addEventListener("click", function () {
      save(key, null);
      clear();
      var first = quiz.querySelector("input");
      if (first) first.focus();
    });

    var kept = load(key);
    if (kept && kept.answers) {
      each(questions, function (q) {
        var values = kept.answers[q.getAttribute("data-q")] || [];
        each(q.querySelectorAll("input"), function (i) { i.checked = values.indexOf(i.value) >= 0; });
      });
      mark();
    }
  }

  each(document.querySelectorAll("[data-quiz]"), setup);
})();
