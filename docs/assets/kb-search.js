/* The site's search: the header button (overrides/partials/kb-search.html) opens a dialog that queries the
   Pagefind index of the page's language (<site>/pagefind/, written by `mkdocs build`: kb.search_index).
   Nothing is downloaded until the reader moves to the button or presses a search key; then Pagefind loads
   only the index chunks a query needs. Keys: "/" or Ctrl/Cmd+K open, Escape closes, arrows move through
   the results. */
(function () {
  "use strict";
  var box = document.querySelector("[data-kb-search]");
  if (!box) return;
  var TEXT = {
    zh: {
      open: "搜索", placeholder: "搜索题目，如 KV 缓存、LoRA、显存", close: "关闭搜索",
      none: "没有找到相关题目", one: "找到 1 道题", other: "找到 # 道题", loading: "正在加载搜索……",
      more: "更多结果", best: "最相关",
      unavailable: "搜索索引不可用：mkdocs serve 不生成索引；在 mkdocs build 构建的网站中搜索。"
    },
    en: {
      open: "Search", placeholder: "Search questions, e.g. KV cache, LoRA, OOM", close: "Close search",
      none: "No matching questions", one: "1 question found", other: "# questions found",
      more: "More results", best: "Best match",
      loading: "Loading search…",
      unavailable: "The search index is not available: mkdocs serve does not build it; search a site built with mkdocs build."
    }
  };
  var bundle = new URL(box.dataset.bundle, location.href);
  var siteRoot = new URL("../", bundle);
  /* The 404 page answers every missing address of both languages: kb-head.js (kbNotFound) set the language of
     the address. */
  var lang = /^zh/i.test(document.documentElement.lang) ? "zh" : "en";
  var text = TEXT[lang];
  var open = box.querySelector(".kb-search__open");
  var dialog = box.querySelector(".kb-search__dialog");
  var input = box.querySelector(".kb-search__input");
  var status = box.querySelector(".kb-search__status");
  var list = box.querySelector(".kb-search__results");
  var close = box.querySelector(".kb-search__close");
  open.setAttribute("aria-label", text.open);
  open.setAttribute("title", text.open + " (/)");
  box.querySelector(".kb-search__label").textContent = text.open;
  dialog.setAttribute("aria-label", text.open);
  input.setAttribute("aria-label", text.open);
  input.placeholder = text.placeholder;
  close.setAttribute("aria-label", text.close);
  open.hidden = false;

  /* Pagefind, and the language's table of concept names -> their question (search-terms.json, written by
     the build from the glossary: kb.publish.search_terms). */
  var engine = null;
  var languageRoot = new URL(lang === "en" ? "en/" : "", siteRoot);
  function load() {
    if (!engine) {
      var terms = fetch(new URL("search-terms.json", languageRoot)).then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; });
      engine = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24 }).then(function () {
          pagefind.init();
          return terms.then(function (table) { return { pagefind: pagefind, terms: table }; });
        });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  /* The query as search-terms.json keys names: lower case, letters and digits only ("KV cache" -> "kvcache"). */
  function termKey(query) {
    return query.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  }

  /* Han and Latin runs typed without a space ("KV缓存", "LoRA微调") are separate words to the index. */
  function normalize(query) {
    return query.replace(/([A-Za-z0-9])(?=[\u3400-\u9fff])|([\u3400-\u9fff])(?=[A-Za-z0-9])/g, "$1$2 ").trim();
  }

  function plain(html) {
    return new DOMParser().parseFromString(html, "text/html").body.textContent;
  }

  /* Pagefind's excerpt is HTML with <mark> around the matches: rebuilt here from text nodes only. */
  function excerpt(html) {
    var out = document.createElement("span");
    out.className = "kb-search__excerpt";
    html.split(/(<mark>[\s\S]*?<\/mark>)/).forEach(function (part) {
      var marked = /^<mark>/.test(part);
      var value = plain(marked ? part.slice(6, -7) : part).replace(/¶/g, "");
      if (!value) return;
      if (marked) {
        var mark = document.createElement("mark");
        mark.textContent = value;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(value));
      }
    });
    return out;
  }

  /* The question a concept name leads to (from search-terms.json), first, marked as the best match. */
  function pinned(entry) {
    return { url: new URL(entry[0], languageRoot).pathname, meta: { title: entry[1] }, excerpt: "", best: true };
  }

  function item(data) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.className = "kb-search__result" + (data.best ? " kb-search__result--best" : "");
    a.href = data.url;
    var title = document.createElement("span");
    title.className = "kb-search__title";
    title.textContent = (data.meta.title || data.url).replace(/¶/g, "").trim();
    a.appendChild(title);
    if (data.meta.category || data.best) {
      var category = document.createElement("span");
      category.className = "kb-search__category";
      category.textContent = data.best ? text.best : data.meta.category;
      a.appendChild(category);
    }
    a.appendChild(excerpt(data.excerpt || ""));
    li.appendChild(a);
    return li;
  }

  /* A question whose title or alias names what the reader typed comes first: Pagefind weighs a title word no
     more than the same word in the title's aside ("class imbalance (often mislabelled "data skew")") or in
     an answer that mentions it often. Among the results shown, those whose title (in either language) without
     asides holds every word of the query rank first, then those whose titles or aliases do; otherwise
     Pagefind's order. */
  /* asides: quoted words, and brackets holding a quote; "(RAG)" after its full name is not an aside */
  var ASIDES = /[（(][^）)]*[“"「][^）)]*[）)]|“[^”]*”|"[^"]*"|「[^」]*」/g;
  function stem(word) {
    return word.length > 4 ? word.replace(/(?:ies|es|s|ing|ed)$/, "") : word;
  }
  function names(words, hay) {
    hay = hay.toLowerCase();
    return words.every(function (word) { return hay.indexOf(stem(word)) >= 0; });
  }
  function rank(query, pages) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return pages.map(function (page, index) {
      var title = (page.meta.title || "").replace(/¶/g, "");
      var also = page.meta.also || ""; /* the title in the other language (kb.render.pages._search_terms) */
      var score = names(words, title.replace(ASIDES, " ")) || names(words, also.replace(ASIDES, " ")) ? 2
        : names(words, title + " " + also + " " + (page.meta.aliases || "")) ? 1 : 0;
      /* then how often the question is asked (kb.render: frequency 1-3) */
      return { page: page, score: score, freq: Number(page.meta.frequency) || 0, index: index };
    }).sort(function (a, b) {
      return b.score - a.score || b.freq - a.freq || a.index - b.index;
    }).map(function (r) { return r.page; });
  }

  /* Results come in pages of PAGE: each shown result costs its fragment download (about 4 kB), so the
     first query stays small at any size of the base; "more" loads the next page. */
  var PAGE = 6;
  var latest = 0;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button kb-search__more";
  more.hidden = true;
  list.after(more);

  function showPage(state, ticket) {
    var slice = state.results.slice(state.shown, state.shown + PAGE);
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (pages) {
      if (ticket !== latest) return;
      pages = pages.filter(function (page) { return page.url !== state.skip; });
      var ranked = state.shown ? pages : rank(state.query, pages);
      if (!state.shown && state.best) ranked.unshift(state.best);
      state.shown += slice.length;
      ranked.forEach(function (page) { list.appendChild(item(page)); });
      more.hidden = state.shown >= state.results.length;
      more.textContent = text.more;
      more.onclick = function () { more.hidden = true; showPage(state, ticket); };
    });
  }

  function run() {
    var typed = input.value;
    var query = normalize(typed);
    var ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      return;
    }
    load().then(function (loaded) {
      return loaded.pagefind.search(query).then(function (search) { return { search: search, terms: loaded.terms }; });
    }).then(function (found) {
      if (ticket !== latest || !found.search) return null;
      var results = found.search.results;
      var entry = found.terms[termKey(typed)];
      var best = entry ? pinned(entry) : null;
      var state = { query: query, results: results, shown: 0, best: best, skip: best && best.url };
      var n = results.length;
      status.textContent = n === 0 && !best ? text.none : n <= 1 ? text.one : text.other.replace("#", n);
      list.replaceChildren();
      return showPage(state, ticket).then(function () {
        if (ticket === latest) list.dataset.query = typed; /* what the results are for (tests wait for it) */
      });
    }).catch(function () {
      if (ticket !== latest) return;
      status.textContent = text.unavailable;
      list.replaceChildren();
      more.hidden = true;
      list.dataset.query = typed;
    });
  }

  var timer = 0;
  input.addEventListener("input", function (event) {
    if (event.isComposing) return; /* an IME word is still being composed: search when it is committed */
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.addEventListener("compositionend", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 0);
  });

  function show() {
    if (dialog.open) return;
    dialog.showModal();
    input.focus();
    input.select();
    if (!engine) status.textContent = text.loading;
    load().then(function () {
      if (status.textContent === text.loading) status.textContent = "";
      if (input.value) run();
    }, function () { status.textContent = text.unavailable; });
  }
  open.addEventListener("click", show);
  close.addEventListener("click", function () { dialog.close(); });
  /* Enter (a phone's "search" key): the first result when the list shows what is typed, else search now. */
  box.querySelector(".kb-search__form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first && list.dataset.query === input.value) first.click();
    else { clearTimeout(timer); run(); }
  });
  ["pointerenter", "focus", "touchstart"].forEach(function (type) {
    open.addEventListener(type, function () { load().catch(function () {}); }, { passive: true });
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close(); /* a click on the backdrop */
  });

  function typing(target) {
    return target instanceof Element && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  document.addEventListener("keydown", function (event) {
    var k = event.key;
    if ((k === "k" || k === "K") && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      show();
    } else if (k === "/" && !typing(event.target) && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      show();
    }
  });
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    event.preventDefault();
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  });
})();
