/* kb-head.js: loaded in <head>, before Material's bundle (overrides/main.html), on every page.
   1. interview mode (docs/assets/kb.js): hide answers before the first paint if the reader chose so;
   2. Material fetches sitemap.xml next to every <link rel=alternate> to keep the reader on the same page when
   switching language. Our hreflang links are per page, where no sitemap exists, and the switcher links
   already lead to the same page: answer those requests with an empty sitemap instead of requests that
   404 (and instead of the whole sitemap on every page), and let a click on the switcher follow its link;
   3. kbPalette: the reader's colour scheme, which the header of every page applies (see the end of this file);
   4. kbNotFound: the 404 page in the language of the address.
   One file instead of an inline script: 2 kB less in every page (12 MB at 3,000 questions). */
document.documentElement.classList.add("kb-js"); /* scripts run: room for what they add is kept (kb-study.css) */
try { localStorage.getItem("kb.hideAnswers") === "1" && document.documentElement.classList.add("kb-hide-answers") } catch (e) {}
(function (open) {
  XMLHttpRequest.prototype.open = function (method, url) {
    return /\/sitemap\.xml$/.test(url) ? open.call(this, method, "data:text/xml,%3Curlset%2F%3E") : open.apply(this, arguments);
  };
})(XMLHttpRequest.prototype.open);
/* The switch keeps the reader at the same section: the same ids in both languages (kb.render.pages). */
document.addEventListener("click", function (e) {
  var a = e.target instanceof Element && e.target.closest(".md-select a[hreflang]");
  if (!a) return;
  e.stopPropagation();
  if (location.hash) a.href = a.href.split("#")[0] + location.hash;
}, true);

/* 4. The 404 page (overrides/404.html) answers every missing address of both languages with one file, built in
   one language: it takes the language of the address before the first paint (lang attribute, so Chinese text
   gets Chinese glyph forms, and a class that shows only that language's part); kb.js relabels the header. */
function kbNotFound(siteRoot) {
  var en = location.pathname.indexOf(siteRoot.replace(/\/?$/, "/") + "en/") === 0;
  document.documentElement.lang = en ? "en" : "zh-Hans";
  document.documentElement.classList.add(en ? "kb-404-lang-en" : "kb-404-lang-zh");
}

/* 3. The colour scheme the reader chose, applied while the header is parsed (before the first paint): Material
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
