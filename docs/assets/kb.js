/* Interview mode, category filters (difficulty, frequency) and random question.
   render.py emits empty placeholders (div.kb-mode, div.kb-filter, div.kb-random) carrying the labels; the
   controls are built here, so a reader without JavaScript sees every answer and no dead buttons. */
(function () {
  "use strict";
  var KEY = "kb.hideAnswers";
  var root = document.documentElement;

  function button(text, extraClass) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button " + extraClass;
    b.textContent = text;
    return b;
  }

  /* One control hides or shows every answer; the choice is remembered. The head script in
     overrides/main.html sets the class before the first paint, so hidden answers never flash. */
  function interviewMode(box) {
    var answers = document.querySelectorAll(".kb-answer");
    if (!answers.length) return;
    answers.forEach(function (answer) {
      var note = document.createElement("p");
      note.className = "kb-hidden-note";
      note.textContent = box.dataset.hidden;
      answer.parentNode.insertBefore(note, answer);
    });
    var toggle = button("", "kb-toggle");
    function show() {
      toggle.textContent = root.classList.contains("kb-hide-answers") ? box.dataset.show : box.dataset.hide;
    }
    toggle.addEventListener("click", function () {
      var hidden = root.classList.toggle("kb-hide-answers");
      try { localStorage.setItem(KEY, hidden ? "1" : "0"); } catch (e) { /* private mode: not remembered */ }
      show();
    });
    show();
    box.appendChild(toggle);
  }

  /* Category pages: rows of filter buttons (difficulty, frequency); a question shows when it matches
     the choice of every row. */
  var chosen = {};
  function filterRow(box) {
    var list = box.nextElementSibling;
    while (list && list.tagName !== "UL") list = list.nextElementSibling;
    if (!list) return;
    var key = box.dataset.key || "difficulty";
    var items = Array.prototype.slice.call(list.children);
    var count = box.parentNode.querySelector(".kb-count");
    if (count && !count.dataset.total) count.dataset.total = count.textContent;
    var label = document.createElement("span");
    label.className = "kb-filter__label";
    label.id = "kb-filter-label-" + key;
    label.textContent = box.dataset.label;
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", label.id);
    box.appendChild(label);
    chosen[key] = "";
    var buttons = ["", "1", "2", "3"].map(function (level) {
      var b = button(level ? box.dataset["level" + level] : box.dataset.all, "kb-filter__button");
      b.dataset.level = level;
      b.setAttribute("aria-pressed", String(!level));
      b.addEventListener("click", function () {
        buttons.forEach(function (other) { other.setAttribute("aria-pressed", String(other === b)); });
        chosen[key] = level;
        items.forEach(function (li) {
          li.hidden = Object.keys(chosen).some(function (k) {
            var mark = li.querySelector(".kb-" + k);
            return chosen[k] && !(mark && mark.dataset.level === chosen[k]);
          });
        });
        if (count && box.dataset.shown) {
          var shown = items.filter(function (li) { return !li.hidden; }).length;
          var any = Object.keys(chosen).some(function (k) { return chosen[k]; });
          count.textContent = any ? box.dataset.shown.replace("{shown}", shown) : count.dataset.total;
        }
      });
      box.appendChild(b);
      return b;
    });
  }

  /* The root of the page's language: overrides/main.html puts it into Material's config as "base". */
  function languageRoot() {
    var base = JSON.parse(document.getElementById("__config").textContent).base;
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  /* A random question of the page's language, from the list the build writes to <root>/qa/index.json. */
  function randomQuestion(box) {
    var go = button(box.dataset.label, "kb-random__button");
    go.addEventListener("click", function () {
      var base = languageRoot();
      fetch(new URL("qa/index.json", base))
        .then(function (response) { return response.json(); })
        .then(function (urls) {
          var here = location.pathname;
          var choices = urls.filter(function (url) { return new URL(url, base).pathname !== here; });
          var pick = choices.length ? choices : urls;
          location.href = new URL(pick[Math.floor(Math.random() * pick.length)], base).href;
        })
        .catch(function () { location.href = base.href; }); /* list unreachable: the language's home page */
    });
    box.appendChild(go);
  }

  document.querySelectorAll(".kb-mode").forEach(interviewMode);
  document.querySelectorAll(".kb-filter").forEach(filterRow);
  document.querySelectorAll(".kb-random").forEach(randomQuestion);
})();
