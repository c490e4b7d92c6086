// Names for the admin's autocomplete fields (select2), which a screen reader otherwise
// announces without one: the field's own label, and what is chosen.
"use strict";
(function () {
  function benoem() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (keuze) {
      const label = keuze.id && document.querySelector(`label[for="${keuze.id}"]`);
      const houder = keuze.nextElementSibling;
      if (!label || !houder || !houder.classList.contains("select2")) return;
      if (!label.id) label.id = keuze.id + "-label";
      const vak = houder.querySelector(".select2-selection");
      const gekozen = houder.querySelector(".select2-selection__rendered");
      if (vak) vak.setAttribute("aria-labelledby", [label.id, gekozen && gekozen.id].filter(Boolean).join(" "));
      if (gekozen) gekozen.setAttribute("aria-labelledby", label.id);
      const zoek = houder.querySelector(".select2-search__field");
      if (zoek) zoek.setAttribute("aria-labelledby", label.id);
    });
  }
  // The selector of groups and rights puts its help on an icon, as an aria-label on a bare
  // span (not allowed there): as an image, the label is its name.
  function helpIconen() {
    document.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icoon) {
      icoon.setAttribute("role", "img");
    });
  }
  // select2 builds (and rebuilds) its fields when it likes: name them whenever it does.
  let gepland = false;
  new MutationObserver(function () {
    if (gepland) return;
    gepland = true;
    window.requestAnimationFrame(function () { gepland = false; benoem(); helpIconen(); });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
