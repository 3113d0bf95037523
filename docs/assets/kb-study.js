/* The reader's progress, kept in this browser: status on question pages, badges, a progress bar and the
   values of the progress filter on lists (category and track pages), each track's progress on the tracks
   index, "due today" on the home page.

   Progress lives in localStorage under "kb.progress" (docs/progress.md describes the format); nothing is sent
   anywhere. Placeholders written by kb.render:
     .kb-study-status[data-kb-qid]   question pages: status, next review, "mark known", "review again"
     [data-kb-progress] [data-kb-qid] lists (category and track pages): a badge and data-progress per item
     .kb-progress[data-kb-for]        the counts and bar of one list (a category, a track, a stage)
     .kb-track-progress[data-kb-qids] the tracks index: "12 / 35 known · 3 due"
     .kb-due                          home page: how many questions are due today, linked to practice
     .kb-practice, .kb-mock           the practice and mock-interview pages: kb-practice.js is loaded for them
   Without JavaScript none of this shows, and every answer stays readable on its question page. */
(function () {
  "use strict";
  var STORE = "kb.progress";
  var FORMAT = "kb-progress";
  var VERSION = 1;
  var KNOWN_DAYS = 21; /* an FSRS review interval this long or longer counts as "known" (docs/progress.md) */
  var DAY = 86400000;
  var SCRIPT_URL = document.currentScript ? document.currentScript.src : location.href;
  var root = document.documentElement;
  var lang = /^en/.test(root.lang) ? "en" : "zh";

  var LABELS = {
    zh: {
      status: "你的进度", s_new: "未学", s_learning: "学习中", s_known: "已掌握", s_due: "待复习", all: "全部",
      next: "下次复习：{date}", due_now: "现在就该复习", mark_known: "标记为已掌握", review_again: "再次复习",
      track_progress: "已掌握 {known} / {n} · 待复习 {due}", summary: "已掌握 {known} · 学习中 {learning} · 未学 {new} · 待复习 {due}",
      due_today: "今天有 {n} 道题待复习", due_none: "今天没有待复习的题目", practise: "去练习",
      start_practice: "用间隔重复练习"
    },
    en: {
      status: "Your progress", s_new: "New", s_learning: "Learning", s_known: "Known", s_due: "Due", all: "All",
      next: "Next review: {date}", due_now: "Due for review now", mark_known: "Mark known",
      review_again: "Review again", track_progress: "{known} / {n} known · {due} due",
      summary: "Known {known} · Learning {learning} · New {new} · Due {due}",
      due_today: "{n} questions due today", due_today_one: "1 question due today", due_none: "Nothing due today",
      practise: "Practise", start_practice: "Practise with spaced repetition"
    }
  };

  function t(key, values) {
    var table = LABELS[lang];
    if (values && values.n === 1 && table[key + "_one"]) key = key + "_one";
    return (table[key] || key).replace(/\{(\w+)\}/g, function (_, name) { return String(values[name]); });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs.text;
      else if (name === "className") node.className = attrs.className;
      else if (attrs[name] !== null && attrs[name] !== undefined && attrs[name] !== false) {
        node.setAttribute(name, attrs[name]);
      }
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function button(text, className, onClick) {
    var b = el("button", {type: "button", className: "md-button " + (className || ""), text: text});
    b.addEventListener("click", onClick);
    return b;
  }

  /* ---- the store: {format, version, cards: {id: {card: ts-fsrs Card as JSON, known: bool}}} ---- */

  function emptyData() { return {format: FORMAT, version: VERSION, cards: {}}; }

  /* null when ``data`` is a valid progress file, else {key, values} of the message that says what is wrong. */
  function problem(data) {
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
      return {key: "import_foreign"};
    }
    if (data.version !== VERSION) return {key: "import_version", values: {v: String(data.version), want: VERSION}};
    if (!data.cards || typeof data.cards !== "object" || Array.isArray(data.cards)) {
      return {key: "import_bad", values: {what: "cards"}};
    }
    var ids = Object.keys(data.cards);
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i], rec = data.cards[id];
      var what = cardProblem(rec);
      if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) what = "id";
      if (what) return {key: "import_bad", values: {what: id.slice(0, 60) + ": " + what}};
    }
    return null;
  }

  function cardProblem(rec) {
    if (!rec || typeof rec !== "object" || Array.isArray(rec)) return "record";
    if (rec.known !== undefined && typeof rec.known !== "boolean") return "known";
    var c = rec.card;
    if (c === undefined) return rec.known === undefined ? "card" : "";
    if (!c || typeof c !== "object") return "card";
    var numbers = ["stability", "difficulty", "elapsed_days", "scheduled_days", "reps", "lapses", "learning_steps"];
    for (var i = 0; i < numbers.length; i++) {
      if (typeof c[numbers[i]] !== "number" || !isFinite(c[numbers[i]]) || c[numbers[i]] < 0) return numbers[i];
    }
    if ([0, 1, 2, 3].indexOf(c.state) < 0) return "state";
    if (typeof c.due !== "string" || isNaN(Date.parse(c.due))) return "due";
    if (c.last_review !== undefined && (typeof c.last_review !== "string" || isNaN(Date.parse(c.last_review)))) {
      return "last_review";
    }
    return "";
  }

  /* The reader's progress. Stored progress this version cannot read (a newer site's, a damaged one) is never
     overwritten: nothing is saved until the reader imports a file or resets (``blocked``). */
  function Store() {
    this.available = true;
    this.blocked = false;
    this.data = emptyData();
    try {
      var raw = localStorage.getItem(STORE);
      if (raw) {
        var data = null;
        try { data = JSON.parse(raw); } catch (e) { /* damaged: blocked below */ }
        if (data && !problem(data)) this.data = data;
        else this.blocked = true;
      }
    } catch (e) { this.available = false; }
  }
  Store.prototype.save = function () {
    if (this.blocked) return false;
    try { localStorage.setItem(STORE, JSON.stringify(this.data)); return true; } catch (e) { return false; }
  };
  Store.prototype.get = function (id) { return this.data.cards[id] || null; };
  Store.prototype.set = function (id, rec) { this.data.cards[id] = rec; return this.save(); };
  Store.prototype.replace = function (data) { this.data = data; this.blocked = false; return this.save(); };
  Store.prototype.clear = function () {
    this.data = emptyData();
    this.blocked = false;
    try { localStorage.removeItem(STORE); } catch (e) { /* nothing kept */ }
  };

  var store = new Store();

  function endOfToday(now) {
    var d = new Date(now.getTime());
    d.setHours(24, 0, 0, 0);
    return d;
  }

  /* new, learning or known (docs/progress.md): known = marked known by the reader, or an FSRS review interval
     of KNOWN_DAYS days or more. */
  function status(rec) {
    if (!rec) return "new";
    if (rec.known) return "known";
    var c = rec.card;
    if (!c || c.state === 0) return "new";
    if (c.state === 2 && c.scheduled_days >= KNOWN_DAYS) return "known";
    return "learning";
  }

  /* Due today: a card that has been graded (not marked known) whose next review is before midnight. */
  function isDue(rec, now) {
    return !!(rec && !rec.known && rec.card && rec.card.state !== 0 && Date.parse(rec.card.due) < endOfToday(now));
  }

  function counts(ids, now) {
    var out = {new: 0, learning: 0, known: 0, due: 0};
    ids.forEach(function (id) {
      var rec = store.get(id);
      out[status(rec)] += 1;
      if (isDue(rec, now)) out.due += 1;
    });
    return out;
  }

  function formatDate(iso) {
    var d = new Date(iso);
    var opts = {year: "numeric", month: "short", day: "numeric"};
    if (d - new Date() < DAY) { opts.hour = "2-digit"; opts.minute = "2-digit"; }
    return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "zh-CN", opts).format(d);
  }

  function timeEl(iso) { return el("time", {datetime: iso, text: formatDate(iso)}); }

  /* ---- study.json and question pages ---- */

  function languageRoot() {
    try {
      var base = JSON.parse(document.getElementById("__config").textContent).base;
      return new URL(base.replace(/\/?$/, "/"), location.href);
    } catch (e) { return new URL("/", location.href); }
  }


  /* ---- question pages ---- */

  function questionStatus(box) {
    var id = box.dataset.kbQid;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", t("status"));
    function draw() {
      box.textContent = "";
      var rec = store.get(id), now = new Date(), s = status(rec);
      var line = el("p", {className: "kb-study-status__line"}, [
        el("span", {className: "kb-study-status__label", text: t("status") + (lang === "en" ? ": " : "：")}),
        badge(s, isDue(rec, now))
      ]);
      if (rec && rec.card && rec.card.state !== 0 && !rec.known) {
        line.appendChild(document.createTextNode(" · "));
        if (Date.parse(rec.card.due) <= now.getTime()) line.appendChild(el("span", {text: t("due_now")}));
        else {
          var next = el("span", {className: "kb-study-status__next", text: t("next", {date: ""})});
          next.appendChild(timeEl(rec.card.due));
          line.appendChild(next);
        }
      }
      box.appendChild(line);
      var actions = el("p", {className: "kb-study-status__actions"});
      if (s !== "known") {
        actions.appendChild(button(t("mark_known"), "kb-study-known", function () {
          var r = store.get(id) || {};
          r.known = true;
          store.set(id, r);
          draw();
        }));
      }
      if (rec && (s !== "new" || rec.known)) {
        actions.appendChild(button(t("review_again"), "kb-study-again", function () {
          var r = store.get(id) || {};
          r.known = false;
          if (r.card && r.card.state !== 0) r.card.due = new Date().toISOString();
          else delete r.card;
          if (r.card) store.set(id, r);
          else { delete store.data.cards[id]; store.save(); }
          draw();
        }));
      }
      box.appendChild(actions);
    }
    draw();
  }

  function badge(s, due) {
    var b = el("span", {className: "kb-badge kb-badge--" + s, text: t("s_" + s)});
    if (due) b.appendChild(el("span", {className: "kb-badge__due", text: " · " + t("s_due")}));
    return b;
  }

  /* ---- lists: badges, a summary and a bar per list, the values of the progress filter ---- */

  /* The value of the "progress" filter (kb.js's Filters, a row declared by kb.render.pages): the status, and
     "due" as a second word when the question is due today. */
  function progressValue(id, now) {
    var rec = store.get(id);
    return status(rec) + (isDue(rec, now) ? " due" : "");
  }

  /* A badge on each question of the lists (once, however many lists hold it), its filter value, and in each
     .kb-progress[data-kb-for] placeholder the counts and a bar of the list it names (a category, a whole
     track, a stage). Then the filters are applied again with the values set. */
  function progressLists(now) {
    var items = document.querySelectorAll("[data-kb-progress] li[data-kb-qid]");
    Array.prototype.forEach.call(items, function (li) {
      var rec = store.get(li.dataset.kbQid);
      li.dataset.progress = progressValue(li.dataset.kbQid, now);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(badge(status(rec), isDue(rec, now)));
    });
    document.querySelectorAll(".kb-progress[data-kb-for]").forEach(function (panel) {
      var list = document.querySelector('[data-kb-progress="' + panel.dataset.kbFor + '"]');
      var ids = list ? Array.prototype.map.call(list.querySelectorAll("li[data-kb-qid]"),
        function (li) { return li.dataset.kbQid; }) : [];
      if (!ids.length) return;
      var c = counts(ids, now);
      var bar = el("div", {className: "kb-progressbar", "aria-hidden": "true"});
      ["known", "learning", "new"].forEach(function (s) {
        var part = el("span", {className: "kb-progressbar__part kb-progressbar__part--" + s});
        part.style.width = (100 * c[s] / ids.length) + "%";
        bar.appendChild(part);
      });
      panel.appendChild(el("p", {className: "kb-progress-summary", text: t("summary", c)}));
      panel.appendChild(bar);
    });
    if (items.length) document.dispatchEvent(new CustomEvent("kb:filter"));
  }

  /* The tracks index: how much of each track the reader knows, and how much is due. */
  function trackProgress(box, now) {
    var ids = box.dataset.kbQids.split(" ").filter(Boolean);
    var c = counts(ids, now);
    box.textContent = t("track_progress", {known: c.known, n: ids.length, due: c.due});
  }

  /* ---- home page ---- */

  function dueToday(box) {
    var link = el("a", {href: new URL("practice/", languageRoot()).href});
    var ids = Object.keys(store.data.cards);
    var now = new Date();
    if (!ids.length) link.textContent = t("start_practice");
    else {
      var n = ids.filter(function (id) { return isDue(store.get(id), now); }).length;
      link.textContent = n ? t("due_today", {n: n}) : t("due_none") + " · " + t("practise");
      box.dataset.due = String(n);
    }
    box.appendChild(el("p", {className: "kb-due__line"}, [link]));
  }

  /* What kb-practice.js uses: one store and one set of rules for both scripts. */
  window.kbStudy = {
    lang: lang, store: store, problem: problem, status: status, isDue: isDue, counts: counts, t: t, el: el,
    button: button, timeEl: timeEl, languageRoot: languageRoot, DAY: DAY,
    addLabels: function (more) { Object.keys(more[lang]).forEach(function (k) { LABELS[lang][k] = more[lang][k]; }); }
  };
  document.querySelectorAll(".kb-study-status[data-kb-qid]").forEach(questionStatus);
  var now = new Date();
  progressLists(now);
  document.querySelectorAll(".kb-track-progress[data-kb-qids]").forEach(function (box) { trackProgress(box, now); });
  /* kb.js asks for the values of a category page it fetched (a random question with the kept filters) */
  document.addEventListener("kb:values", function (event) {
    event.detail.items.forEach(function (li) {
      if (li.dataset.kbQid) li.dataset.progress = progressValue(li.dataset.kbQid, new Date());
    });
  });
  document.querySelectorAll(".kb-due").forEach(dueToday);
  if (document.querySelector(".kb-practice, .kb-mock")) {
    var more = document.createElement("script");
    more.src = new URL("kb-practice.js", SCRIPT_URL).href;
    document.body.appendChild(more);
  }
})();
