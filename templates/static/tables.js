// Marks each table region that is wider than its column and shows a visible hint to scroll it sideways.
// Without JavaScript the regions still scroll, and the shadows at their edges show that there is more.
(function () {
  "use strict";
  var regions = Array.prototype.slice.call(document.querySelectorAll(".table-scroll"));
  regions.forEach(function (region) {
    var hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = "Tabellen är bredare än skärmen: svep eller rulla i sidled för att se alla kolumner.";
    region.insertBefore(hint, region.firstChild);
  });
  function update() {
    regions.forEach(function (region) {
      var table = region.querySelector("table");
      var wide = table !== null && table.getBoundingClientRect().width > region.clientWidth + 1;
      region.classList.toggle("is-scrollable", wide);
    });
  }
  update();
  window.addEventListener("resize", update);
  window.addEventListener("beforeprint", function () {
    regions.forEach(function (region) { region.classList.remove("is-scrollable"); });
  });
  window.addEventListener("afterprint", update);
})();
