// Small improvements for visitors with JavaScript; every page works without it.
"use strict";
(function () {
  // On a wide screen the filters stand open beside the results; on a phone they wait
  // behind "Filteren" so the results come first.
  const breed = window.matchMedia("(min-width: 60em)");
  function filtersOpen() {
    document.querySelectorAll("details[data-open-breed]").forEach(function (details) {
      details.open = breed.matches;
      details.classList.toggle("filteren--vast", breed.matches);
    });
  }
  filtersOpen();
  breed.addEventListener("change", filtersOpen);

  document.querySelectorAll("[data-afdrukken]").forEach(function (knop) {
    knop.hidden = false;
    knop.addEventListener("click", function () { window.print(); });
  });

  document.querySelectorAll("[data-kopieer]").forEach(function (knop) {
    const veld = document.getElementById(knop.dataset.kopieer);
    const melding = document.querySelector("[data-kopieer-melding]");
    if (!veld || !navigator.clipboard) return;
    knop.hidden = false;
    knop.addEventListener("click", function () {
      navigator.clipboard.writeText(veld.value).then(
        function () { if (melding) melding.textContent = "De link is gekopieerd."; },
        function () { veld.select(); if (melding) melding.textContent = "Kopiëren lukte niet; de link is geselecteerd."; }
      );
    });
  });
})();
