/* Practice with spaced repetition and mock interviews: the /practice/ and /mock/ pages (kb.render.study).

   Loaded by kb-study.js (window.kbStudy: the progress store, statuses, labels) on those pages only. Grading uses
   ts-fsrs (assets/vendor/ts-fsrs.js, copied from node_modules at build time: kb.vendor), loaded when a question
   is revealed. The questions, categories and tracks come from <language root>/study.json (kb.publish.study_data);
   the answers from the question pages themselves, fetched when a round starts (a round then goes on offline). */
(function () {
  "use strict";
  var S = window.kbStudy;
  if (!S) return;
  var CHOICES_KEY = "kb.practiceChoices";
  var MINUTE = 60000;
  var DAY = S.DAY;
  var SCRIPT_URL = document.currentScript ? document.currentScript.src : location.href;
  var lang = S.lang, store = S.store, status = S.status, isDue = S.isDue, counts = S.counts, t = S.t, el = S.el;
  var button = S.button, timeEl = S.timeEl, languageRoot = S.languageRoot, problem = S.problem;

  var LABELS = {
    zh: {
      nothing: "进度只保存在这个浏览器里。",
      choose: "选择题目", categories: "分类", tracks: "学习路线", difficulty: "难度", frequency: "被问频率",
      level1: "基础", level2: "进阶", level3: "高级", freq1: "偶尔", freq2: "常见", freq3: "高频",
      size: "每轮题数", start: "开始一轮", available: "所选范围：{due} 道待复习，{new} 道未学，共 {n} 道。",
      empty: "所选范围内没有待复习或未学的题目：换个范围，或明天再来。",
      progress_of: "第 {i} / {n} 题", show_answer: "显示答案", loading: "正在加载答案…",
      load_failed: "答案没能加载（可能已离线）。请打开题目页面阅读：", open_page: "打开题目页面",
      grade_prompt: "你答得怎么样？", again: "忘了", hard: "困难", good: "记得", easy: "简单",
      round_done: "本轮完成", grade_counts: "各档次数", next_due: "下次复习", graded_again: "需要再看的题目",
      none: "无", another: "再来一轮", change: "修改选择",
      panel: "进度", export: "导出进度（JSON 文件）", import: "导入进度", reset: "清除全部进度",
      reset_confirm: "确定清除这个浏览器里保存的全部练习进度吗？此操作无法撤销。",
      reset_done: "进度已清除。", import_done: "已导入 {n} 道题的进度。",
      import_damaged: "无法读取这个文件：它不是有效的 JSON（可能已损坏）。进度没有改变。",
      import_foreign: "这个文件不是本站导出的进度文件。进度没有改变。",
      import_version: "这个进度文件的格式版本是 {v}，本站只能读取版本 {want}。进度没有改变。",
      import_bad: "这个进度文件的内容有误（{what}）。进度没有改变。",
      storage_off: "这个浏览器不允许本站保存数据（例如隐私模式），进度无法保存。",
      stored_other: "这个浏览器里保存的进度来自其他版本的本站或已损坏，本站无法读取；为了不覆盖它，新的进度不会保存。" +
        "导入进度文件或清除全部进度后即可继续。",
      totals: "全部题目：已掌握 {known} · 学习中 {learning} · 未学 {new} · 待复习 {due}",
      mock_source: "题目来源", mock_count: "题数", mock_minutes: "每题限时（分钟）", mock_start: "开始模拟面试",
      elapsed: "用时", over_time: "已超时", next_question: "下一题", mock_done: "模拟面试结束",
      question: "题目", time: "用时", grade: "自评", total_time: "总用时 {t}",
      weak: "薄弱环节", weak_none: "没有答得困难或忘记的题目。", weak_categories: "分类", weak_questions: "题目",
      track_prefix: "路线：", category_prefix: "分类："
    },
    en: {
      nothing: "Your progress stays in this browser.",
      choose: "Choose questions", categories: "Categories", tracks: "Study tracks", difficulty: "Difficulty",
      frequency: "Asked", level1: "Basic", level2: "Intermediate", level3: "Advanced",
      freq1: "Occasionally", freq2: "Often", freq3: "Very often",
      size: "Questions per round", start: "Start a round",
      available: "In your choice: {due} due, {new} new, {n} in all.",
      empty: "Nothing due or new in your choice: choose more, or come back tomorrow.",
      progress_of: "Question {i} of {n}", show_answer: "Show answer", loading: "Loading the answer…",
      load_failed: "The answer could not be loaded (offline?). Read it on the question page:",
      open_page: "Open the question page",
      grade_prompt: "How did you do?", again: "Again", hard: "Hard", good: "Good", easy: "Easy",
      round_done: "Round complete", grade_counts: "Grades", next_due: "Next reviews",
      graded_again: "Questions to look at again", none: "None", another: "Another round", change: "Change choices",
      panel: "Progress", export: "Export progress (JSON file)", import: "Import progress", reset: "Reset all progress",
      reset_confirm: "Delete all practice progress kept in this browser? This cannot be undone.",
      reset_done: "Progress reset.", import_done: "Imported progress for {n} questions.",
      import_done_one: "Imported progress for 1 question.",
      import_damaged: "This file cannot be read: it is not valid JSON (damaged?). Your progress is unchanged.",
      import_foreign: "This is not a progress file exported by this site. Your progress is unchanged.",
      import_version: "This progress file is format version {v}; this site reads version {want}. " +
        "Your progress is unchanged.",
      import_bad: "This progress file has an error ({what}). Your progress is unchanged.",
      storage_off: "This browser does not let the site keep data (private mode?): progress cannot be saved.",
      stored_other: "The progress kept in this browser comes from another version of this site or is damaged, and " +
        "cannot be read here; so as not to overwrite it, new progress is not saved. Import a progress file or " +
        "reset all progress to go on.",
      totals: "All questions: known {known} · learning {learning} · new {new} · due {due}",
      mock_source: "Questions from", mock_count: "Questions", mock_minutes: "Minutes per question",
      mock_start: "Start the mock interview", elapsed: "Time", over_time: "over time", next_question: "Next question",
      mock_done: "Mock interview finished", question: "Question", time: "Time", grade: "Grade",
      total_time: "Total time {t}", weak: "Weak areas", weak_none: "No question graded hard or again.",
      weak_categories: "Categories", weak_questions: "Questions", track_prefix: "Track: ", category_prefix: "Category: "
    }
  };
  S.addLabels(LABELS);
  var GRADES = ["again", "hard", "good", "easy"]; /* ts-fsrs Rating 1..4 */

  /* ---- ts-fsrs, loaded when something is graded ---- */

  var fsrsPromise = null;
  function loadFsrs() {
    if (!fsrsPromise) {
      fsrsPromise = new Promise(function (resolve, reject) {
        if (window.FSRS) return resolve(window.FSRS);
        var s = document.createElement("script");
        s.src = new URL("vendor/ts-fsrs.js", SCRIPT_URL).href;
        s.onload = function () { resolve(window.FSRS); };
        s.onerror = function () { fsrsPromise = null; reject(new Error("ts-fsrs did not load")); };
        document.head.appendChild(s);
      }).then(function (F) { return {F: F, scheduler: F.fsrs({enable_fuzz: false})}; });
    }
    return fsrsPromise;
  }

  /* The next state of a question's card for each grade (1 again .. 4 easy), at ``now``. */
  function outcomes(lib, id, now) {
    var rec = store.get(id);
    var card = rec && rec.card ? rec.card : lib.F.createEmptyCard(now);
    var all = lib.scheduler.repeat(card, now);
    return [1, 2, 3, 4].map(function (g) { return JSON.parse(JSON.stringify(all[g].card)); });
  }

  function grade(lib, id, rating, now) {
    var card = outcomes(lib, id, now)[rating - 1];
    store.set(id, {card: card, known: false});
    var panel = document.querySelector(".kb-study-panel"); /* its totals follow each grade, not only the round */
    if (panel && panel.kbRefresh) panel.kbRefresh();
    return card;
  }

  function interval(fromIso, toIso) {
    var ms = Date.parse(toIso) - Date.parse(fromIso);
    if (ms < 60 * MINUTE) return Math.max(1, Math.round(ms / MINUTE)) + (lang === "en" ? " min" : " 分钟");
    if (ms < DAY) return Math.round(ms / (60 * MINUTE)) + (lang === "en" ? " h" : " 小时");
    return Math.round(ms / DAY) + (lang === "en" ? " d" : " 天");
  }

  var studyPromise = null;
  function studyData() {
    if (!studyPromise) {
      studyPromise = fetch(new URL("study.json", languageRoot())).then(function (r) {
        if (!r.ok) throw new Error("study.json: HTTP " + r.status);
        return r.json();
      }).then(function (data) {
        if (data.format !== 1) throw new Error("study.json: format " + data.format);
        urlTemplate = data.question_url || urlTemplate;
        data.byId = {};
        data.questions.forEach(function (q) { data.byId[q.id] = q; });
        data.categoryName = {};
        data.categories.forEach(function (c) { data.categoryName[c.slug] = c.name; });
        return data;
      });
    }
    return studyPromise;
  }

  /* A question's page: study.json's "question_url" with its id ("qa/{id}/"), under the language root. */
  var urlTemplate = "qa/{id}/";
  function pageUrl(q) { return new URL(urlTemplate.replace("{id}", q.id), languageRoot()).href; }

  /* The question and its answer sections, taken from the question page (fetched once per round). Links are made
     absolute; ids and permalinks dropped (they would clash with this page's). */
  function extract(text, url) {
    var doc = new DOMParser().parseFromString(text, "text/html");
    function clean(node) {
      ["href", "src"].forEach(function (name) {
        node.querySelectorAll("[" + name + "]").forEach(function (a) {
          a.setAttribute(name, new URL(a.getAttribute(name), url).href);
        });
      });
      node.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
      node.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
      /* as Material does on its pages: a code block that scrolls can be reached with the keyboard */
      node.querySelectorAll("pre > code").forEach(function (code) { code.setAttribute("tabindex", "0"); });
      node.removeAttribute("id");
      return node;
    }
    var question = doc.querySelector(".admonition.question");
    var qBody = document.createElement("div");
    if (question) {
      Array.prototype.forEach.call(question.children, function (child) {
        if (!child.classList.contains("admonition-title")) qBody.appendChild(document.importNode(clean(child), true));
      });
    }
    var answer = document.createElement("div");
    doc.querySelectorAll(".kb-answer").forEach(function (part) {
      var heading = part.previousElementSibling;
      while (heading && !/^H2$/.test(heading.tagName)) heading = heading.previousElementSibling;
      if (heading) answer.appendChild(el("h3", {text: heading.textContent.replace(/¶/g, "").trim()}));
      var copy = document.importNode(clean(part), true);
      copy.className = "kb-study-answer"; /* not .kb-answer: interview mode would hide it */
      answer.appendChild(copy);
    });
    if (!answer.children.length) throw new Error("no answer in " + url);
    return {question: qBody, answer: answer};
  }

  function fetchQuestion(q) {
    var url = pageUrl(q);
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.text();
    }).then(function (text) { return extract(text, url); });
  }

  /* The round's pages (and the scheduler), fetched when it starts: the round goes on offline once they have
     loaded. */
  function prefetch(questions, host) {
    var pages = {};
    delete host.dataset.kbReady;
    var all = [loadFsrs()];
    questions.forEach(function (q) {
      pages[q.id] = fetchQuestion(q);
      all.push(pages[q.id]);
    });
    /* data-kb-ready: everything the round needs is here (tests wait for it before going offline) */
    Promise.allSettled(all).then(function () { host.dataset.kbReady = "1"; });
    return pages;
  }

  /* ---- choices (practice and mock) ---- */

  function fieldset(legend, className) {
    return el("fieldset", {className: "kb-study-fieldset " + (className || "")}, [el("legend", {text: legend})]);
  }

  function checkbox(name, value, text, checked) {
    var input = el("input", {type: "checkbox", name: name, value: value});
    input.checked = !!checked;
    return el("label", {className: "kb-study-check"}, [input, document.createTextNode(" " + text)]);
  }

  function checked(form, name) {
    return Array.prototype.slice.call(form.querySelectorAll("input[name=" + name + "]:checked"))
      .map(function (i) { return i.value; });
  }

  function select(name, labelText, options, value) {
    var id = "kb-study-" + name;
    var s = el("select", {id: id, name: name});
    options.forEach(function (o) {
      var opt = el("option", {value: String(o[0]), text: o[1]});
      if (String(o[0]) === String(value)) opt.selected = true;
      s.appendChild(opt);
    });
    return el("p", {className: "kb-study-select"},
      [el("label", {for: id, text: labelText}), document.createTextNode(" "), s]);
  }

  function loadChoices() {
    try { return JSON.parse(localStorage.getItem(CHOICES_KEY)) || {}; } catch (e) { return {}; }
  }

  /* The page's address may name a track or a category (the "practise" links of track and category pages:
     ?track=<slug>, ?category=<slug>): that one is chosen, instead of the kept choice. */
  function fromAddress(data) {
    var query = new URLSearchParams(location.search);
    var track = query.get("track"), category = query.get("category");
    if (track && data.tracks.some(function (tr) { return tr.slug === track; })) return {kind: "track", slug: track};
    if (category && data.categories.some(function (c) { return c.slug === category; })) {
      return {kind: "category", slug: category};
    }
    return null;
  }

  /* Questions matching the choices: any chosen category or track (none chosen: all), chosen levels. */
  function matching(data, choice) {
    return data.questions.filter(function (q) {
      var inCat = choice.categories.indexOf(q.category) >= 0;
      var inTrack = q.tracks.some(function (s) { return choice.tracks.indexOf(s) >= 0; });
      var scoped = (!choice.categories.length && !choice.tracks.length) || inCat || inTrack;
      return scoped && (!choice.difficulty.length || choice.difficulty.indexOf(String(q.difficulty)) >= 0) &&
        (!choice.frequency.length || choice.frequency.indexOf(String(q.frequency)) >= 0);
    });
  }

  /* A round: due questions first (soonest first), then new ones (most asked first), up to ``size``. */
  function drawRound(pool, size, now) {
    var due = pool.filter(function (q) { return isDue(store.get(q.id), now); }).sort(function (a, b) {
      return Date.parse(store.get(a.id).card.due) - Date.parse(store.get(b.id).card.due);
    });
    var fresh = pool.filter(function (q) { return status(store.get(q.id)) === "new" && !isDue(store.get(q.id), now); })
      .sort(function (a, b) { return b.frequency - a.frequency || a.difficulty - b.difficulty; });
    return due.concat(fresh).slice(0, size);
  }

  /* ---- one question at a time: question, answer on demand, four grades ---- */

  function card(host, q, pages, position, onGraded, extra) {
    host.textContent = "";
    var heading = el("h2", {className: "kb-study-card__title", tabindex: "-1"},
      [el("a", {href: pageUrl(q), text: q.title})]);
    var head = el("p", {className: "kb-study-card__position", text: position});
    var body = el("div", {className: "kb-study-card__question", text: t("loading")});
    var answer = el("div", {className: "kb-study-card__answer", hidden: "hidden"});
    var actions = el("div", {className: "kb-study-card__actions"});
    host.appendChild(el("section", {className: "kb-study-card", "aria-label": position}, [head, heading, body]));
    if (extra) host.appendChild(extra);
    host.appendChild(answer);
    host.appendChild(actions);
    pages[q.id].then(function (parts) {
      body.textContent = "";
      body.appendChild(parts.question.cloneNode(true));
      answer.appendChild(parts.answer.cloneNode(true));
    }, function () {
      body.textContent = "";
      answer.appendChild(el("p", {text: t("load_failed")}));
      answer.appendChild(el("p", {}, [el("a", {href: pageUrl(q), text: t("open_page")})]));
    });
    var reveal = button(t("show_answer"), "md-button--primary kb-study-reveal", function () {
      answer.hidden = false;
      reveal.remove();
      showGrades();
    });
    actions.appendChild(reveal);
    heading.focus();

    function showGrades() {
      var now = new Date();
      loadFsrs().then(function (lib) {
        var next = outcomes(lib, q.id, now);
        var group = el("div", {className: "kb-study-grades", role: "group", "aria-label": t("grade_prompt")},
          [el("p", {className: "kb-study-grades__prompt", text: t("grade_prompt")})]);
        GRADES.forEach(function (g, i) {
          var b = button(t(g), "kb-grade kb-grade--" + g, function () {
            var saved = grade(lib, q.id, i + 1, new Date());
            onGraded(g, saved);
          });
          b.dataset.grade = g;
          b.appendChild(el("span", {className: "kb-grade__interval", text: interval(now.toISOString(), next[i].due)}));
          group.appendChild(b);
        });
        actions.appendChild(group);
        group.setAttribute("tabindex", "-1");
        group.focus(); /* not a grade button: Enter would grade without a choice */
      }, function () {
        actions.appendChild(el("p", {className: "kb-study-message", role: "alert", text: t("load_failed")}));
      });
    }
  }

  /* ---- the practice page ---- */

  function practice(host) {
    var setup = el("div", {className: "kb-study-setup"});
    var round = el("div", {className: "kb-study-round"}); /* each question and the summary take the focus */
    var panel = el("section", {className: "kb-study-panel", "aria-labelledby": "kb-study-panel-title"});
    /* Put in the page together, filled in the same task: an empty panel shown first would be pushed down by
       the form (a layout shift Lighthouse counted as 0.59 on /en/practice/). */
    studyData().then(function (data) {
      host.appendChild(setup);
      host.appendChild(round);
      host.appendChild(panel);
      progressPanel(panel, data);
      chooser(setup, round, data);
    }).catch(function () {
      host.appendChild(setup);
      setup.appendChild(el("p", {className: "kb-study-message", text: t("load_failed")}));
    });
  }

  function chooser(setup, round, data) {
    var saved = loadChoices();
    var named = fromAddress(data);
    if (named) {
      saved.tracks = named.kind === "track" ? [named.slug] : [];
      saved.categories = named.kind === "category" ? [named.slug] : [];
    }
    var form = el("form", {className: "kb-study-form"});
    form.appendChild(el("h2", {text: t("choose")}));
    function group(title, name, options, className) {
      var fs = fieldset(title, className);
      options.forEach(function (o) {
        fs.appendChild(checkbox(name, o[0], o[1], (saved[name] || []).indexOf(o[0]) >= 0));
      });
      return fs;
    }
    form.appendChild(group(t("categories"), "categories",
      data.categories.map(function (c) { return [c.slug, c.name]; }), "kb-study-fieldset--wide"));
    if (data.tracks.length) {
      form.appendChild(group(t("tracks"), "tracks", data.tracks.map(function (tr) { return [tr.slug, tr.name]; }),
        "kb-study-fieldset--wide"));
    }
    function levels(prefix) { return [1, 2, 3].map(function (l) { return [String(l), t(prefix + l)]; }); }
    form.appendChild(group(t("difficulty"), "difficulty", levels("level")));
    form.appendChild(group(t("frequency"), "frequency", levels("freq")));
    form.appendChild(select("size", t("size"), [[5, "5"], [10, "10"], [20, "20"], [50, "50"]], saved.size || 10));
    var info = el("p", {className: "kb-study-available", "aria-live": "polite"});
    form.appendChild(info);
    form.appendChild(el("p", {}, [el("button", {type: "submit", text: t("start"),
      className: "md-button md-button--primary kb-study-start"})]));
    setup.appendChild(form);

    function choice() {
      return {categories: checked(form, "categories"), tracks: checked(form, "tracks"),
              difficulty: checked(form, "difficulty"), frequency: checked(form, "frequency"),
              size: Number(form.querySelector("select[name=size]").value)};
    }
    function update() {
      var c = choice(), now = new Date(), pool = matching(data, c);
      var n = counts(pool.map(function (q) { return q.id; }), now);
      info.textContent = t("available", {due: n.due, new: n.new, n: pool.length});
      try { localStorage.setItem(CHOICES_KEY, JSON.stringify(c)); } catch (e) { /* not remembered */ }
    }
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var c = choice(), questions = drawRound(matching(data, c), c.size, new Date());
      round.textContent = "";
      if (!questions.length) {
        round.appendChild(el("p", {className: "kb-study-message", text: t("empty")}));
        return;
      }
      setup.hidden = true;
      runRound(round, questions, data, function () { setup.hidden = false; update(); round.textContent = ""; });
    });
    update();
  }

  function runRound(host, questions, data, onChange) {
    var pages = prefetch(questions, host);
    var results = [];
    function next(i) {
      if (i >= questions.length) return summary(host, results, data, {
        again: function () { host.textContent = ""; onChange(); document.querySelector(".kb-study-start").click(); },
        change: onChange
      });
      card(host, questions[i], pages, t("progress_of", {i: i + 1, n: questions.length}), function (g, saved) {
        results.push({q: questions[i], grade: g, due: saved.due});
        next(i + 1);
      });
    }
    next(0);
  }

  function summary(host, results, data, actions) {
    host.textContent = "";
    var heading = el("h2", {className: "kb-study-summary__title", tabindex: "-1", text: t("round_done")});
    host.appendChild(heading);
    var byGrade = {};
    GRADES.forEach(function (g) { byGrade[g] = 0; });
    results.forEach(function (r) { byGrade[r.grade] += 1; });
    var table = el("table", {"data-kb-table": "grades"}, [
      el("caption", {text: t("grade_counts")}),
      el("tr", {}, GRADES.map(function (g) { return el("th", {scope: "col", text: t(g)}); })),
      el("tr", {}, GRADES.map(function (g) { return el("td", {"data-grade": g, text: String(byGrade[g])}); }))
    ]);
    host.appendChild(table);
    host.appendChild(el("h3", {text: t("next_due")}));
    var list = el("ul", {className: "kb-study-next"});
    results.slice().sort(function (a, b) { return Date.parse(a.due) - Date.parse(b.due); }).forEach(function (r) {
      list.appendChild(el("li", {"data-kb-qid": r.q.id}, [el("a", {href: pageUrl(r.q), text: r.q.title}),
        document.createTextNode(" — " + t(r.grade) + " — "), timeEl(r.due)]));
    });
    host.appendChild(list);
    host.appendChild(el("h3", {text: t("graded_again")}));
    var again = results.filter(function (r) { return r.grade === "again"; });
    var againList = el("ul", {className: "kb-study-again-list"});
    again.forEach(function (r) {
      againList.appendChild(el("li", {}, [el("a", {href: pageUrl(r.q), text: r.q.title})]));
    });
    host.appendChild(again.length ? againList : el("p", {text: t("none")}));
    host.appendChild(el("p", {}, [button(t("another"), "md-button--primary kb-study-another", actions.again),
      document.createTextNode(" "), button(t("change"), "kb-study-change", actions.change)]));
    heading.focus();
    var panel = document.querySelector(".kb-study-panel");
    if (panel && panel.kbRefresh) panel.kbRefresh();
  }

  /* ---- the progress panel: totals, export, import, reset ---- */

  function progressPanel(panel, data) {
    panel.appendChild(el("h2", {id: "kb-study-panel-title", text: t("panel")}));
    var totals = el("p", {className: "kb-study-totals"});
    var message = el("p", {className: "kb-study-message", role: "status"});
    function refresh() {
      totals.textContent = t("totals", counts(data.questions.map(function (q) { return q.id; }), new Date()));
    }
    panel.kbRefresh = refresh;
    refresh();
    panel.appendChild(el("p", {className: "kb-study-note",
      text: !store.available ? t("storage_off") : store.blocked ? t("stored_other") : t("nothing")}));
    panel.appendChild(totals);
    var exportButton = button(t("export"), "kb-study-export", function () {
      var blob = new Blob([JSON.stringify(store.data, null, 1)], {type: "application/json"});
      var a = el("a", {href: URL.createObjectURL(blob),
                       download: "kb-progress-" + new Date().toISOString().slice(0, 10) + ".json"});
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 0);
    });
    var input = el("input", {type: "file", id: "kb-study-import", accept: "application/json,.json",
                             className: "kb-study-file"});
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var parsed;
        try { parsed = JSON.parse(text); } catch (e) { message.textContent = t("import_damaged"); return; }
        var wrong = problem(parsed);
        if (wrong) { message.textContent = t(wrong.key, wrong.values); return; }
        store.replace(parsed);
        message.textContent = t("import_done", {n: Object.keys(parsed.cards).length});
        refresh();
      }).finally(function () { input.value = ""; });
    });
    var importLabel = el("label", {for: "kb-study-import", className: "md-button kb-study-import", text: t("import")});
    var resetButton = button(t("reset"), "kb-study-reset", function () {
      if (!window.confirm(t("reset_confirm"))) return;
      store.clear();
      message.textContent = t("reset_done");
      refresh();
    });
    panel.appendChild(el("p", {className: "kb-study-panel__actions"}, [exportButton, document.createTextNode(" "),
      input, importLabel, document.createTextNode(" "), resetButton]));
    panel.appendChild(message);
  }

  /* ---- the mock interview ---- */

  function clock(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function shuffle(list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), x = a[i];
      a[i] = a[j];
      a[j] = x;
    }
    return a;
  }

  function mock(host) {
    var setup = el("div", {className: "kb-study-setup"});
    var run = el("div", {className: "kb-study-round"});
    host.appendChild(setup);
    host.appendChild(run);
    studyData().then(function (data) {
      var form = el("form", {className: "kb-study-form"});
      var sources = el("select", {id: "kb-mock-source", name: "source"});
      if (data.tracks.length) {
        var tg = el("optgroup", {label: t("tracks")});
        data.tracks.forEach(function (tr) {
          tg.appendChild(el("option", {value: "track:" + tr.slug, text: t("track_prefix") + tr.name}));
        });
        sources.appendChild(tg);
      }
      var cg = el("optgroup", {label: t("categories")});
      data.categories.forEach(function (c) {
        if (data.questions.some(function (q) { return q.category === c.slug; })) {
          cg.appendChild(el("option", {value: "category:" + c.slug, text: t("category_prefix") + c.name}));
        }
      });
      sources.appendChild(cg);
      var named = fromAddress(data);
      if (named) sources.value = named.kind + ":" + named.slug;
      form.appendChild(el("p", {className: "kb-study-select"},
        [el("label", {for: "kb-mock-source", text: t("mock_source")}), document.createTextNode(" "), sources]));
      form.appendChild(select("count", t("mock_count"), [[3, "3"], [5, "5"], [8, "8"], [10, "10"]], 5));
      form.appendChild(select("minutes", t("mock_minutes"), [[2, "2"], [3, "3"], [5, "5"], [8, "8"]], 3));
      form.appendChild(el("p", {}, [el("button", {type: "submit", text: t("mock_start"),
        className: "md-button md-button--primary kb-mock-start"})]));
      setup.appendChild(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var source = sources.value.split(":");
        var pool = source[0] === "track"
          ? [].concat.apply([], data.tracks.filter(function (tr) { return tr.slug === source[1]; })[0].stages
            .map(function (s) { return s.questions; })).map(function (id) { return data.byId[id]; }).filter(Boolean)
          : data.questions.filter(function (q) { return q.category === source[1]; });
        var count = Number(form.querySelector("select[name=count]").value);
        var limit = Number(form.querySelector("select[name=minutes]").value) * MINUTE;
        var questions = shuffle(pool).slice(0, count);
        if (!questions.length) return;
        setup.hidden = true;
        interview(run, questions, limit, data, function () { setup.hidden = false; run.textContent = ""; });
      });
    }).catch(function () { setup.appendChild(el("p", {className: "kb-study-message", text: t("load_failed")})); });
  }

  function interview(host, questions, limit, data, onDone) {
    var pages = prefetch(questions, host);
    var results = [];
    var timer = null;
    function next(i) {
      if (timer) clearInterval(timer);
      if (i >= questions.length) return mockSummary(host, results, data, onDone);
      var started = Date.now();
      var shown = el("span", {className: "kb-mock-timer__value", text: "0:00"});
      var box = el("p", {className: "kb-mock-timer", role: "timer", "aria-live": "off"},
        [el("span", {text: t("elapsed") + " "}), shown, el("span", {text: " / " + clock(limit)})]);
      function tick() {
        var spent = Date.now() - started;
        shown.textContent = clock(spent);
        box.classList.toggle("kb-mock-timer--over", spent > limit);
        box.dataset.over = spent > limit ? "1" : "0";
      }
      timer = setInterval(tick, 1000);
      card(host, questions[i], pages, t("progress_of", {i: i + 1, n: questions.length}), function (g, saved) {
        results.push({q: questions[i], grade: g, ms: Date.now() - started, due: saved.due});
        next(i + 1);
      }, box);
    }
    next(0);
  }

  function mockSummary(host, results, data, onDone) {
    host.textContent = "";
    var heading = el("h2", {className: "kb-study-summary__title", tabindex: "-1", text: t("mock_done")});
    host.appendChild(heading);
    var total = results.reduce(function (sum, r) { return sum + r.ms; }, 0);
    host.appendChild(el("p", {className: "kb-mock-total", text: t("total_time", {t: clock(total)})}));
    var table = el("table", {"data-kb-table": "mock"}, [el("tr", {}, [
      el("th", {scope: "col", text: t("question")}), el("th", {scope: "col", text: t("time")}),
      el("th", {scope: "col", text: t("grade")})])]);
    results.forEach(function (r) {
      table.appendChild(el("tr", {"data-kb-qid": r.q.id}, [
        el("td", {}, [el("a", {href: pageUrl(r.q), text: r.q.title})]),
        el("td", {className: "kb-mock-time", text: clock(r.ms)}),
        el("td", {"data-grade": r.grade, text: t(r.grade)})]));
    });
    host.appendChild(table);
    host.appendChild(el("h3", {text: t("weak")}));
    var weak = results.filter(function (r) { return r.grade === "again" || r.grade === "hard"; });
    if (!weak.length) host.appendChild(el("p", {className: "kb-mock-weak-none", text: t("weak_none")}));
    else {
      var cats = [];
      weak.forEach(function (r) { if (cats.indexOf(r.q.category) < 0) cats.push(r.q.category); });
      host.appendChild(el("p", {className: "kb-mock-weak-categories"}, [el("span", {text: t("weak_categories") +
        (lang === "en" ? ": " : "：")})].concat(cats.map(function (slug, i) {
        var a = el("a", {href: new URL("category/" + slug + "/", languageRoot()).href,
                         text: data.categoryName[slug] || slug});
        var span = el("span", {}, [a]);
        if (i) span.insertBefore(document.createTextNode(" · "), a);
        return span;
      }))));
      var list = el("ul", {className: "kb-mock-weak-questions", "aria-label": t("weak_questions")});
      weak.forEach(function (r) { list.appendChild(el("li", {}, [el("a", {href: pageUrl(r.q), text: r.q.title})])); });
      host.appendChild(list);
    }
    host.appendChild(el("p", {}, [button(t("change"), "kb-mock-again", onDone)]));
    heading.focus();
  }

  document.querySelectorAll(".kb-practice").forEach(practice);
  document.querySelectorAll(".kb-mock").forEach(mock);
})();

