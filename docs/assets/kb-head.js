/* kb-head.js: loaded in <head>, before Material's bundle (overrides/main.html), on every page.
   Runs before Material's bundle, which requests both files through XMLHttpRequest:
   1. interview mode (docs/assets/kb.js): hide answers before the first paint if the reader chose so;
   2. the search index (hundreds of KB) is requested when the reader goes to the search box (or when a page
   opened from a search result highlights its terms), not while the page loads on a slow phone;
   3. Material fetches sitemap.xml next to every <link rel=alternate> to keep the reader on the same page when
   switching language. Our hreflang links are per page, where no sitemap exists, and the switcher links
   already lead to the same page: answer those requests with an empty sitemap instead of requests that
   404 (and instead of the whole sitemap on every page), and let a click on the switcher follow its link;
   4. kbPalette: the reader's colour scheme, which the header of every page applies (see the end of this file).
   One file instead of an inline script: 2 kB less in every page (12 MB at 3,000 questions). */
try { localStorage.getItem("kb.hideAnswers") === "1" && document.documentElement.classList.add("kb-hide-answers") } catch (e) {}
(function (open, send) {
  var waiting = [], wanted = /[?&]h=/.test(location.search);
  function start() {
    wanted = true;
    waiting.splice(0).forEach(function (request) { send.call(request) });
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.kbIndex = /\/search_index\.json$/.test(url);
    return /\/sitemap\.xml$/.test(url) ? open.call(this, method, "data:text/xml,%3Curlset%2F%3E") : open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    return this.kbIndex && !wanted ? void waiting.push(this) : send.apply(this, arguments);
  };
  ["focusin", "pointerover", "touchstart"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      event.target instanceof Element && event.target.closest(".md-search, [for=__search]") && start();
    }, { passive: true, capture: true });
  });
})(XMLHttpRequest.prototype.open, XMLHttpRequest.prototype.send);
document.addEventListener("click", function (e) { e.target instanceof Element && e.target.closest(".md-select a[hreflang]") && e.stopPropagation() }, true);
(function (listen) { /* search results pass through window.kbRerank (assets/kb.js) before Material shows them */
  Worker.prototype.addEventListener = function (type, listener, options) {
    var inner = listener;
    if (type === "message" && typeof inner === "function") listener = function (event) {
      var message = event.data;
      if (window.kbRerank && message && message.type === 3 && message.data && Array.isArray(message.data.items))
        event = new MessageEvent("message", { data: { type: 3, data: Object.assign({}, message.data, { items: window.kbRerank(message.data.items) }) } });
      return inner.call(this, event);
    };
    return listen.call(this, type, listener, options);
  };
})(Worker.prototype.addEventListener);

/* 4. The colour scheme the reader chose, applied while the header is parsed (before the first paint): Material
   9.8.1's partials/javascripts/palette.html, unchanged, as a function that overrides/partials/javascripts/palette.html
   calls. Inline, Material's script was 0.7 kB of every page. */
function kbPalette() {
  var palette = __md_get("__palette");
  if (palette && palette.color) {
    if ("(prefers-color-scheme)" === palette.color.media) {
      var media = matchMedia("(prefers-color-scheme: light)"),
        input = document.querySelector(media.matches ? "[data-md-color-media='(prefers-color-scheme: light)']" : "[data-md-color-media='(prefers-color-scheme: dark)']");
      palette.color.media = input.getAttribute("data-md-color-media"), palette.color.scheme = input.getAttribute("data-md-color-scheme"), palette.color.primary = input.getAttribute("data-md-color-primary"), palette.color.accent = input.getAttribute("data-md-color-accent");
    }
    for (var [key, value] of Object.entries(palette.color)) document.body.setAttribute("data-md-color-" + key, value);
  }
}
