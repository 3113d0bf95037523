/* Study tracks on question pages, and the print button of printable pages.
   A question page carries the previous/next links of its category (shown) and of every study track it is in
   (nav[data-kb-track], hidden). Opened from a track page (?track=<slug>), the track's links are shown instead
   of the category's. Without JavaScript, the category's links are what a reader gets. */
(function () {
  "use strict";
  var slug = new URLSearchParams(location.search).get("track");
  if (slug) {
    var track = Array.prototype.find.call(document.querySelectorAll("nav[data-kb-track]"), function (nav) {
      return nav.dataset.kbTrack === slug;
    });
    if (track) {
      track.hidden = false;
      document.querySelectorAll('nav[data-kb-pager="category"]').forEach(function (nav) { nav.hidden = true; });
    }
  }

  /* Printable pages: a button that opens the browser's print dialog (the page prints without it too). */
  document.querySelectorAll(".kb-print-button").forEach(function (box) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button";
    b.textContent = box.dataset.label;
    b.addEventListener("click", function () { window.print(); });
    box.appendChild(b);
  });
})();
