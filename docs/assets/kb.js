/* Interview mode, difficulty filter and random question.
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

  /* Category pages: show only the questions of one difficulty. */
  function difficultyFilter(box) {
    var list = box.nextElementSibling;
    while (list && list.tagName !== "UL") list = list.nextElementSibling;
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    var count = box.parentNode.querySelector(".kb-count");
    var total = count && count.textContent;
    var label = document.createElement("span");
    label.className = "kb-filter__label";
    label.id = "kb-filter-label";
    label.textContent = box.dataset.label;
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", label.id);
    box.appendChild(label);
    var buttons = ["", "1", "2", "3"].map(function (level) {
      var b = button(level ? box.dataset["level" + level] : box.dataset.all, "kb-filter__button");
      b.dataset.level = level;
      b.setAttribute("aria-pressed", String(!level));
      b.addEventListener("click", function () {
        buttons.forEach(function (other) { other.setAttribute("aria-pressed", String(other === b)); });
        items.forEach(function (li) {
          var mark = li.querySelector(".kb-difficulty");
          li.hidden = Boolean(level) && !(mark && mark.dataset.level === level);
        });
        if (count && box.dataset.shown) {
          var shown = items.filter(function (li) { return !li.hidden; }).length;
          count.textContent = level ? box.dataset.shown.replace("{shown}", shown) : total;
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

  /* English words of a search query are cut to a stem before Material's search worker sees them. Material adds
     a trailing wildcard to every term, and lunr skips its stemmer for wildcard terms, so "imbalances" would not
     find "imbalance" and "GPUs" would not find "GPU"; "imbalanc*" and "gpu*" find both. Han text is untouched. */
  var SUFFIXES = [[/(?:ies|ing)$/i, 7], [/(?:sses|[xz]es|[cs]hes)$/i, 5, 2], [/(?:[^su]|[A-Z])s$/, 4, 1],
    [/ed$/i, 5], [/e$/i, 5]]; /* [suffix, shortest word it is cut from, letters to cut if not all of it] */
  function cut(word) {
    for (var i = 0; i < SUFFIXES.length; i++) {
      var match = SUFFIXES[i][0].exec(word);
      if (match && word.length >= SUFFIXES[i][1]) return word.slice(0, word.length - (SUFFIXES[i][2] || match[0].length));
    }
    return word;
  }
  function stem(word) {
    return cut(cut(word)); /* "imbalances" -> "imbalance" -> "imbalanc" */
  }
  var post = Worker.prototype.postMessage, lastQuery = "";
  Worker.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === 2 && typeof message.data === "string") { /* Material's query message */
      lastQuery = message.data;
      args[0] = { type: 2, data: message.data.replace(/[A-Za-z]{4,}(?![A-Za-z:])/g, stem) };
    }
    return post.apply(this, args);
  };

  /* Han queries: Material splits "不平衡" into the index's words 不 + 平衡 and ORs them, so 不* alone matches most
     pages and the page about 类别不平衡 can rank below pages that only say 不同. Pages that contain each Han run of
     the query as typed come first: a run in the title counts most (less inside brackets or quotes, as in 类别不平衡
     （常被误称为“数据倾斜”）), then how often it occurs in the matched text;
     otherwise Material's order is kept. Called from the worker-message hook in overrides/main.html. */
  function plain(value) {
    return String(value || "").replace(/<[^>]*>/g, "").replace(/\u200b/g, "");
  }
  function occurrences(text, run) {
    for (var count = 0, at = text.indexOf(run); at >= 0 && count < 20; at = text.indexOf(run, at + run.length)) count++;
    return count;
  }
  window.kbRerank = function (groups) {
    var runs = lastQuery.match(/[\u3400-\u4dbf\u4e00-\u9fff]{2,}/g);
    if (!runs) return groups;
    return groups.map(function (group, index) {
      var article = group.filter(function (doc) { return doc.location.indexOf("#") < 0; })[0] || group[0] || {};
      var title = plain(article.title), text = group.map(function (doc) { return plain(doc.text); }).join("\n");
      var main = title.replace(/（[^）]*）|\([^)]*\)|“[^”]*”|「[^」]*」|"[^"]*"/g, ""); /* asides in a title count less */
      var score = runs.reduce(function (sum, run) {
        return sum + (main.indexOf(run) >= 0 ? 100 : title.indexOf(run) >= 0 ? 30 : 0) + occurrences(text, run);
      }, 0);
      return { group: group, score: score, index: index };
    }).sort(function (a, b) { return b.score - a.score || a.index - b.index; }).map(function (entry) { return entry.group; });
  };

  document.querySelectorAll(".kb-mode").forEach(interviewMode);
  document.querySelectorAll(".kb-filter").forEach(difficultyFilter);
  document.querySelectorAll(".kb-random").forEach(randomQuestion);
})();
