/* The search page: starts Pagefind's search UI over the site's static index (no server code).
   Opened from disk (file://) the browser may not load the index, so the page explains that instead. */
(function () {
  "use strict";
  var box = document.getElementById("sok");
  var info = document.getElementById("sok-info");
  if (!box || !info) return;
  if (location.protocol === "file:" || typeof PagefindUI === "undefined") {
    info.textContent = "Sökningen fungerar när webbplatsen ligger på en webbserver. Bläddra bland planerna nedan i stället.";
    info.hidden = false;
    return;
  }
  var root = new URL(box.getAttribute("data-root"), location.href).pathname.replace(/index\.html$/, "");
  var ui = new PagefindUI({
    element: "#sok",
    baseUrl: root,
    showSubResults: true,
    showImages: false,
    autofocus: false
  });
  var input = box.querySelector("input");
  if (input) {  // a visible label, not only Pagefind's aria-label
    input.id = "sokfalt";
    var label = document.createElement("label");
    label.htmlFor = "sokfalt";
    label.className = "search-label";
    label.textContent = "Sök bland förbundens mål, insatser och planer";
    box.insertBefore(label, box.firstChild);
  }
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
