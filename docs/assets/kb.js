/* Reader controls: interview mode and per-part answers, category filters, random question, glossary terms
   on touch screens, and small reading fixes. kb.render.pages emits empty placeholders (div.kb-mode,
   div.kb-filter, div.kb-random) carrying the labels in data attributes; the controls are built here, so a
   reader without JavaScript sees every answer and no dead buttons. */
(function () {
  "use strict";
  var root = document.documentElement;
  var LANG = /^zh/i.test(root.lang) ? "zh" : "en"; /* the 404 page: kb-head.js set it from the address */
  /* Words this script writes itself (the rest come from the page: kb.render.labels). */
  var TEXT = {
    zh: { glossary: "在术语表中查看", menu: "导航菜单" },
    en: { glossary: "Open in the glossary", menu: "Navigation menu" }
  }[LANG];

  function button(text, extraClass) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button " + extraClass;
    b.textContent = text;
    return b;
  }

  function stored(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; } /* private mode: nothing kept */
  }
  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: not remembered */ }
  }

  /* Interview mode: one control hides or shows every answer; the choice is remembered. The head script
     (kb-head.js) sets the class before the first paint, so hidden answers never flash. Each part (answer,
     analysis) has its own button too, which shows or hides that part only (not remembered); switching
     interview mode resets them. What would give the answer away (related questions' notes, the aliases)
     is marked .kb-spoiler and hidden with the answers (kb.css). */
  var HIDE = "kb-hide-answers";
  function interviewMode(box) {
    var answers = Array.prototype.slice.call(document.querySelectorAll(".kb-answer"));
    if (!answers.length) return;
    var parts = answers.map(function (answer, i) {
      if (!answer.id) answer.id = "kb-part-" + (i + 1);
      var note = document.createElement("p");
      note.className = "kb-hidden-note";
      note.textContent = box.dataset.hidden;
      var toggle = button("", "kb-reveal");
      toggle.setAttribute("aria-controls", answer.id);
      var bar = document.createElement("div");
      bar.className = "kb-reveal-bar";
      bar.appendChild(toggle);
      answer.parentNode.insertBefore(bar, answer);
      answer.parentNode.insertBefore(note, answer);
      toggle.addEventListener("click", function () {
        var hidden = isHidden(answer);
        answer.classList.toggle("kb-shown", hidden);
        answer.classList.toggle("kb-concealed", !hidden);
        sync();
      });
      return { answer: answer, note: note, toggle: toggle };
    });
    function isHidden(answer) {
      return root.classList.contains(HIDE) ? !answer.classList.contains("kb-shown")
        : answer.classList.contains("kb-concealed");
    }
    var all = button("", "kb-toggle");
    function sync() {
      all.textContent = root.classList.contains(HIDE) ? box.dataset.show : box.dataset.hide;
      parts.forEach(function (part) {
        var hidden = isHidden(part.answer);
        part.note.classList.toggle("kb-on", hidden);
        part.toggle.textContent = hidden ? part.answer.dataset.show : part.answer.dataset.hide;
        part.toggle.setAttribute("aria-expanded", String(!hidden));
      });
    }
    all.addEventListener("click", function () {
      var hidden = root.classList.toggle(HIDE);
      store("kb.hideAnswers", hidden ? "1" : "0");
      parts.forEach(function (part) { part.answer.classList.remove("kb-shown", "kb-concealed"); });
      sync();
    });
    sync();
    box.appendChild(all);
  }

  /* Category filters. Each row is written by the page (kb.render.pages._filter; shown only when scripts run,
     kb.css): div.kb-filter with data-key (what it filters by) and data-shown (the count, with {shown}), a
     label and a button per value (data-value; "" for all). A list item's value for a key is its own data-<key> attribute, or else the data-level of its
     .kb-<key> mark (several words: any of them); another script that sets such values later (kb-study.js:
     the reader's progress) dispatches "kb:filter" on document to have the list filtered again, and gives the
     items of a fetched category page their values when "kb:values" asks (detail.items). The choice of every row lives in `state` only: it is shown
     by the buttons, the list, the count and the address (?difficulty=1&frequency=3, to share a filtered
     view) and kept in localStorage ("kb.filters", for every category page); an address that names a
     filter wins over what is kept. */
  var STORE = "kb.filters";
  function valueOf(item, key) {
    if (item.dataset[key] !== undefined) return item.dataset[key];
    var mark = item.querySelector(".kb-" + key);
    return mark ? mark.dataset.level : "";
  }
  /* An item's value may be several words ("learning due"): a filter matches any one of them. */
  function matches(item, state) {
    return Object.keys(state).every(function (key) {
      return !state[key] || valueOf(item, key).split(" ").indexOf(state[key]) >= 0;
    });
  }
  function keptFilters() {
    try { return JSON.parse(stored(STORE)) || {}; } catch (e) { return {}; }
  }

  function Filters(boxes) {
    var list = boxes[boxes.length - 1].nextElementSibling;
    while (list && list.tagName !== "UL") list = list.nextElementSibling;
    this.items = list ? Array.prototype.slice.call(list.children) : [];
    this.count = document.querySelector(".kb-count");
    if (this.count) this.total = this.count.textContent;
    this.rows = boxes.map(this.row, this);
    this.state = this.initial();
    var self = this;
    document.addEventListener("kb:filter", function () { self.apply(false); });
    this.apply(false);
  }
  Filters.prototype.row = function (box) {
    var self = this;
    var key = box.dataset.key;
    var buttons = Array.prototype.slice.call(box.querySelectorAll("button[data-value]"));
    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        self.state[key] = b.dataset.value;
        self.apply(true);
      });
    });
    return { key: key, box: box, buttons: buttons, values: buttons.map(function (b) { return b.dataset.value; }) };
  };
  Filters.prototype.initial = function () {
    var query = new URLSearchParams(location.search);
    var fromAddress = this.rows.some(function (row) { return query.has(row.key); });
    var kept = keptFilters();
    var state = {};
    this.rows.forEach(function (row) {
      var value = fromAddress ? query.get(row.key) || "" : kept[row.key] || "";
      state[row.key] = row.values.indexOf(value) >= 0 ? value : "";
    });
    return state;
  };
  Filters.prototype.visible = function () {
    return this.items.filter(function (item) { return !item.hidden; });
  };
  /* Shows the state everywhere; keep: the reader chose it (kept for the next visit; a shared address is not). */
  Filters.prototype.apply = function (keep) {
    var state = this.state;
    this.rows.forEach(function (row) {
      row.buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.value === state[row.key])); });
    });
    this.items.forEach(function (item) { item.hidden = !matches(item, state); });
    var any = this.rows.some(function (row) { return state[row.key]; });
    var shown = this.rows[0].box.dataset.shown;
    if (this.count && shown) {
      this.count.textContent = any ? shown.replace("{shown}", this.visible().length) : this.total;
    }
    var address = new URL(location.href);
    this.rows.forEach(function (row) {
      if (state[row.key]) address.searchParams.set(row.key, state[row.key]);
      else address.searchParams.delete(row.key);
    });
    if (address.href !== location.href) history.replaceState(history.state, "", address.href);
    if (keep) {
      var kept = keptFilters();
      this.rows.forEach(function (row) { kept[row.key] = state[row.key]; });
      store(STORE, JSON.stringify(kept));
    }
  };

  /* The root of the page's language: overrides/main.html puts it into Material's config as "base". */
  function languageRoot() {
    var base = JSON.parse(document.getElementById("__config").textContent).base;
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function pick(urls) {
    var here = location.pathname;
    var others = urls.filter(function (url) { return url.pathname !== here; });
    return others.length ? others[Math.floor(Math.random() * others.length)] : null;
  }

  /* The questions of a category page (address) with the kept filters applied, when any remains. */
  function fromCategory(address) {
    return fetch(address).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (text) {
      var page = new DOMParser().parseFromString(text, "text/html");
      var items = Array.prototype.slice.call(page.querySelectorAll(".md-content li"))
        .filter(function (li) { return li.querySelector(".kb-difficulty") && li.querySelector("a[href]"); });
      document.dispatchEvent(new CustomEvent("kb:values", {detail: {items: items}})); /* e.g. their progress */
      var kept = keptFilters();
      var links = function (list) {
        return list.map(function (li) { return new URL(li.querySelector("a[href]").getAttribute("href"), address); });
      };
      return pick(links(items.filter(function (li) { return matches(li, kept); }))) || pick(links(items));
    });
  }

  /* A random question of the page's language, from the list the build writes to <root>/qa/index.json. */
  function fromLanguage() {
    var base = languageRoot();
    return fetch(new URL("qa/index.json", base)).then(function (response) { return response.json(); })
      .then(function (urls) {
        var all = urls.map(function (url) { return new URL(url, base); });
        return pick(all) || all[0];
      });
  }

  /* The "random question" button. data-source "list": a question of this page's list that the filters show
     (all of them when the filters show none); a category page's address: a question of that category (with
     the kept filters when one matches); none: any question of the language. */
  function randomQuestion(box, filters) {
    var go = button(box.dataset.label, "kb-random__button");
    var source = box.dataset.source;
    go.addEventListener("click", function () {
      var found;
      if (source === "list" && filters) {
        var shown = filters.visible();
        var links = (shown.length ? shown : filters.items).map(function (item) { return item.querySelector("a[href]"); })
          .filter(Boolean).map(function (a) { return new URL(a.href); });
        found = Promise.resolve(pick(links));
      } else if (source && source !== "list") {
        found = fromCategory(new URL(source, location.href));
      } else {
        found = Promise.resolve(null);
      }
      found.catch(function () { return null; })
        .then(function (url) { return url || fromLanguage(); })
        .then(function (url) { location.href = url.href; })
        .catch(function () { location.href = languageRoot().href; }); /* list unreachable: the home page */
    });
    box.appendChild(go);
  }

  /* Glossary terms in a question's text link to the glossary, their definition in the title (a tooltip
     under a mouse). A tap shows the definition in place instead, under the term, with a link to the
     glossary; a second tap on the term follows it; Escape or a tap elsewhere closes. */
  function glossaryTerms() {
    var terms = document.querySelectorAll('.md-typeset a[href*="glossary/#"]');
    if (!terms.length) return;
    var touch = false;
    document.addEventListener("pointerdown", function (event) { touch = event.pointerType === "touch"; }, true);
    var open = null;
    function close(refocus) {
      if (!open) return;
      open.term.setAttribute("aria-expanded", "false");
      open.box.remove();
      root.classList.remove("kb-term-open");
      if (refocus) open.term.focus();
      open = null;
    }
    Array.prototype.forEach.call(terms, function (term, i) {
      if (term.title) term.dataset.definition = term.title;
      term.addEventListener("click", function (event) {
        if (!touch || (open && open.term === term)) return; /* a mouse, a key, or the second tap: follow */
        /* the title, or Material's tooltip made from it (content.tooltips moves it there) */
        var tip = document.getElementById(term.getAttribute("aria-describedby") || "");
        var definition = term.dataset.definition || (tip ? tip.textContent.trim() : "");
        if (!definition) return;
        event.preventDefault();
        close(false);
        var box = document.createElement("span");
        box.className = "kb-term";
        box.id = "kb-term-" + i;
        box.setAttribute("role", "note");
        var text = document.createElement("span");
        text.textContent = definition + " ";
        var more = document.createElement("a");
        more.href = term.href;
        more.textContent = TEXT.glossary;
        box.appendChild(text);
        box.appendChild(more);
        term.after(box);
        term.setAttribute("aria-expanded", "true");
        term.setAttribute("aria-controls", box.id);
        root.classList.add("kb-term-open"); /* Material's tooltip would cover it (kb.css) */
        open = { term: term, box: box };
      });
    });
    document.addEventListener("click", function (event) {
      if (open && !open.box.contains(event.target) && event.target !== open.term && !open.term.contains(event.target)) {
        close(false);
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close(true);
    });
  }

  /* Reading fixes of the rendered text. */
  var CLOSING = /[？！。，、；：）」』”’》】〉]$/; /* full-width closing punctuation: its glyph fills the left half */
  var NUMBER = /[\w.]*\d[\w.]*(?:[-−][\w.]+)+|[\w.]+(?:[-−][\w.]*\d[\w.]*)+/g; /* 2e-5, GPT-4o, Llama-3.1-8B */
  function readingFixes(content) {
    /* A link ending in full-width punctuation: the underline stops at the glyph, not half an em after it. */
    content.querySelectorAll("a:not(.headerlink):not(.md-button):not(.md-tag)").forEach(function (a) {
      var last = a.lastChild;
      if (!last || last.nodeType !== 3 || !CLOSING.test(last.data)) return;
      var mark = document.createElement("span");
      mark.className = "kb-trim-end";
      mark.textContent = last.data.slice(-1);
      last.data = last.data.slice(0, -1);
      a.appendChild(mark);
    });
    /* Chromium breaks a line after the hyphen of "2e-5" or "GPT-4": such a token is kept on one line. */
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("pre, code, script, style, .kb-nobr") || !/\d/.test(node.data)
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.data;
      NUMBER.lastIndex = 0;
      if (!NUMBER.test(text)) return;
      var out = document.createDocumentFragment();
      var at = 0;
      text.replace(NUMBER, function (token, offset) {
        out.appendChild(document.createTextNode(text.slice(at, offset)));
        var span = document.createElement("span");
        span.className = "kb-nobr";
        span.textContent = token;
        out.appendChild(span);
        at = offset + token.length;
        return token;
      });
      out.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(out, node);
    });
  }

  /* The 404 page is built once, in one language, for the addresses of both (overrides/404.html): its header
     is relabelled in the language of the address (Material's own words for these controls). */
  var CHROME = {
    zh: { site: "大模型工程面试知识库", title: "页面不存在", header: "页眉", language: "选择当前语言",
          source: "前往仓库", top: "回到页面顶部", dark: "切换到深色模式", light: "切换到浅色模式" },
    en: { site: "LLM Engineering Interview Knowledge Base", title: "Page not found", header: "Header",
          language: "Select language", source: "Go to repository", top: "Back to top",
          dark: "Switch to dark mode", light: "Switch to light mode" }
  }[LANG];
  function notFound() {
    var header = document.querySelector(".md-header");
    if (!header) return;
    document.title = CHROME.title + " - " + CHROME.site;
    header.querySelector(".md-header__inner").setAttribute("aria-label", CHROME.header);
    header.querySelectorAll(".md-logo").forEach(function (logo) {
      logo.title = CHROME.site;
      logo.setAttribute("aria-label", CHROME.site);
    });
    header.querySelectorAll(".md-header__topic .md-ellipsis").forEach(function (topic) {
      topic.textContent = CHROME.site;
    });
    header.querySelectorAll("input.md-option").forEach(function (input) {
      var name = input.dataset.mdColorScheme === "slate" ? CHROME.light : CHROME.dark;
      input.setAttribute("aria-label", name);
      var control = header.querySelector('label[for="' + input.id + '"]');
      if (control) control.title = name;
    });
    header.querySelectorAll(".md-select > button").forEach(function (b) { b.setAttribute("aria-label", CHROME.language); });
    document.querySelectorAll(".md-source").forEach(function (a) { a.title = CHROME.source; });
    document.querySelectorAll(".md-top").forEach(function (top) {
      top.lastChild.textContent = " " + CHROME.top;
    });
  }
  if (document.querySelector(".kb-404")) notFound();

  /* Small screens: Material's menu button (a label of the drawer's checkbox) is no tab stop, and the closed
     drawer's links are none either (kb.css): the button becomes one, opened with Enter or Space, closed with
     Escape, and says whether the drawer is open. */
  function drawerButton() {
    var toggle = document.getElementById("__drawer");
    var opener = document.querySelector('.md-header label[for="__drawer"]');
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !opener || !drawer) return;
    opener.tabIndex = 0;
    opener.setAttribute("role", "button");
    opener.setAttribute("aria-label", TEXT.menu);
    function sync() { opener.setAttribute("aria-expanded", String(toggle.checked)); }
    opener.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation(); /* Material's own Enter on a label would toggle it a second time */
      toggle.click();
      if (toggle.checked) {
        var first = drawer.querySelector("a[href]");
        if (first) setTimeout(function () { first.focus(); }, 0); /* once it is visible */
      }
    });
    toggle.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        toggle.click();
        opener.focus();
      }
    });
    sync();
  }
  drawerButton();

  /* The language switch: the current language's entry is no extra tab stop (it leads to this page). */
  document.querySelectorAll('.md-select a[hreflang="' + (LANG === "zh" ? "zh" : "en") + '"]').forEach(function (a) {
    a.tabIndex = -1;
    a.setAttribute("aria-current", "true");
  });

  var content = document.querySelector(".md-content");
  if (content) readingFixes(content);
  document.querySelectorAll(".kb-mode").forEach(interviewMode);
  var rows = Array.prototype.slice.call(document.querySelectorAll(".kb-filter[data-key]"));
  var filters = rows.length ? new Filters(rows) : null;
  document.querySelectorAll(".kb-random").forEach(function (box) { randomQuestion(box, filters); });
  glossaryTerms();
})();
