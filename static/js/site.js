// Small improvements for visitors with JavaScript; every page works without it.
"use strict";
(function () {
  // On a wide screen the filters stand beside the results: "Filteren" is then a heading, not
  // a control that would fold them away (the form leaves its <details>). On a phone they
  // wait behind "Filteren" so that the results come first. Without JavaScript "Filteren"
  // opens and closes them at any width, for mouse and keyboard alike.
  const breed = window.matchMedia("(min-width: 60em)");
  function filters() {
    document.querySelectorAll("[data-filters]").forEach(function (details) {
      const kop = details.parentElement.querySelector("[data-filterkop]");
      const formulier = details.querySelector("form") || kop.nextElementSibling;
      if (breed.matches && formulier.parentElement === details) {
        kop.after(formulier);
      } else if (!breed.matches && formulier.parentElement !== details) {
        details.append(formulier);
        details.open = false;
      }
      kop.hidden = !breed.matches;
      details.hidden = breed.matches;
    });
  }
  filters();
  breed.addEventListener("change", filters);

  // On a wide screen the filter panel sticks beside the results and scrolls by itself; here
  // it also ends at the window's foot while the page is still at its top, so that "Toon
  // adviezen" at its foot is in view from the start (CSS alone knows no "from here to the
  // bottom of the window").
  const marge = 16;
  let gevraagd = false;
  function paneelHoogte() {
    gevraagd = false;
    document.querySelectorAll(".filteren").forEach(function (paneel) {
      if (!breed.matches) {
        paneel.style.removeProperty("max-block-size");
        return;
      }
      const boven = Math.max(paneel.getBoundingClientRect().top, marge);
      paneel.style.maxBlockSize = Math.max(window.innerHeight - boven - marge, 200) + "px";
    });
  }
  function vraagPaneelHoogte() {
    if (!gevraagd) {
      gevraagd = true;
      window.requestAnimationFrame(paneelHoogte);
    }
  }
  paneelHoogte();
  window.addEventListener("scroll", vraagPaneelHoogte, { passive: true });
  window.addEventListener("resize", vraagPaneelHoogte);
  breed.addEventListener("change", paneelHoogte);

  // The header's "Zoeken" on a phone opens the search field and puts the cursor in it.
  document.querySelectorAll("[data-zoekknop]").forEach(function (knop) {
    const formulier = document.getElementById(knop.getAttribute("href").slice(1));
    if (!formulier) return;
    knop.setAttribute("role", "button");
    knop.setAttribute("aria-controls", formulier.id);
    knop.setAttribute("aria-expanded", "false");
    // A button opens with Space too, where a link would scroll the page.
    knop.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); knop.click(); }
    });
    knop.addEventListener("click", function (event) {
      event.preventDefault();
      const open = formulier.classList.toggle("kopzoeken--open");
      knop.setAttribute("aria-expanded", String(open));
      if (open) formulier.querySelector("input").focus();
    });
  });

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
