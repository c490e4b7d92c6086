// No work lost by leaving a form: while a change form holds changes that are not saved, a
// line says so, a link elsewhere in the beheer first asks (in Dutch, our own dialog), and
// closing or reloading the page makes the browser ask (beforeunload; its own words).
// Saving the form asks nothing.
"use strict";
(function () {
  let formulier = null;
  let begin = null;
  let bewaren = false;

  function stand() {
    const delen = [];
    new FormData(formulier).forEach(function (waarde, naam) {
      if (naam !== "csrfmiddlewaretoken" && typeof waarde === "string") {
        delen.push(naam + "=" + waarde);
      }
    });
    return delen.join("&");
  }

  function gewijzigd() {
    return formulier !== null && begin !== null && !bewaren && stand() !== begin;
  }

  function toon() {
    const regel = document.querySelector(".niet-bewaard");
    if (regel) regel.textContent = gewijzigd() ? "Je hebt wijzigingen die nog niet bewaard zijn." : "";
  }

  function vraag(verder) {
    const venster = document.createElement("dialog");
    venster.className = "niet-bewaard-vraag";
    venster.setAttribute("aria-labelledby", "niet-bewaard-kop");
    const kop = document.createElement("h2");
    kop.id = "niet-bewaard-kop";
    kop.textContent = "Je wijzigingen zijn nog niet bewaard";
    const uitleg = document.createElement("p");
    uitleg.textContent = "Verlaat je deze pagina, dan ben je ze kwijt. Blijf hier en kies een " +
      "van de knoppen om te bewaren.";
    const blijf = document.createElement("button");
    blijf.type = "button";
    blijf.className = "button default";
    blijf.textContent = "Blijf hier";
    const weg = document.createElement("button");
    weg.type = "button";
    weg.className = "button";
    weg.textContent = "Verlaat de pagina zonder bewaren";
    const knoppen = document.createElement("p");
    knoppen.append(blijf, " ", weg);
    venster.append(kop, uitleg, knoppen);
    blijf.addEventListener("click", function () { venster.close(); });
    weg.addEventListener("click", function () {
      bewaren = true; // leaving on purpose: the browser need not ask again
      venster.close();
      verder();
    });
    venster.addEventListener("close", function () { venster.remove(); });
    document.body.append(venster);
    venster.showModal();
    blijf.focus();
  }

  function start() {
    formulier = document.querySelector("#content-main form[id$='_form']");
    if (!formulier) return;
    const regel = document.createElement("p");
    regel.className = "niet-bewaard";
    regel.setAttribute("role", "status");
    const rij = formulier.querySelector(".submit-row");
    if (rij) rij.before(regel);
    // After the editors and the reordering have set themselves up.
    window.requestAnimationFrame(function () {
      window.setTimeout(function () { begin = stand(); toon(); }, 0);
    });
    formulier.addEventListener("submit", function () { bewaren = true; });
    // A script that changed the form to what is stored already (beantwoorden.js) says so.
    document.addEventListener("niet-bewaard:bewaard", function () { begin = stand(); toon(); });
    ["input", "change"].forEach(function (soort) {
      formulier.addEventListener(soort, toon);
    });
    // Dragging and the Omhoog/Omlaag buttons change positions without an input event.
    formulier.addEventListener("click", function () { window.setTimeout(toon, 0); });
    document.addEventListener("pointerup", function () { window.setTimeout(toon, 0); });

    window.addEventListener("beforeunload", function (gebeurtenis) {
      if (!gewijzigd()) return;
      gebeurtenis.preventDefault();
      gebeurtenis.returnValue = "";
    });
    document.addEventListener("click", function (gebeurtenis) {
      const link = gebeurtenis.target.closest("a[href]");
      if (!link || !gewijzigd() || gebeurtenis.defaultPrevented) return;
      if (link.target === "_blank" || gebeurtenis.ctrlKey || gebeurtenis.metaKey) return;
      const adres = new URL(link.href, document.baseURI);
      if (adres.protocol === "mailto:" || adres.protocol === "tel:") return;
      if (adres.origin === location.origin && adres.pathname === location.pathname &&
          adres.search === location.search) return; // an anchor on this page
      gebeurtenis.preventDefault();
      vraag(function () { location.href = link.href; });
    });
  }

  window.addEventListener("load", start);
})();
