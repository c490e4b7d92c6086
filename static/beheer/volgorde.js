// Put the adviezen of a werkatelier in order: drag them by "Verslepen" (SortableJS, in
// static/vendor/: mouse, touch and pen alike), or move them with the Omhoog/Omlaag buttons
// by keyboard. After every move the "positie" fields are renumbered 1..n per doelgroep, in
// page order, and a live region says where the advies now stands. Without JavaScript the
// positie fields still work by typing a number.
"use strict";
(function () {
  function items(groep) {
    return Array.from(groep.querySelectorAll(".inline-related:not(.empty-form)"));
  }

  function veld(item, naam) {
    return item.querySelector(`[name$="-${naam}"]`);
  }

  function titel(item) {
    const invoer = veld(item, "titel");
    return (invoer && invoer.value.trim()) || "Nieuw advies";
  }

  function doelgroepNaam(item) {
    const keuze = veld(item, "doelgroep");
    if (!keuze || keuze.selectedIndex < 0) return "";
    return keuze.options[keuze.selectedIndex].text.toLowerCase();
  }

  function telt(item) {
    const verwijderd = veld(item, "DELETE");
    const id = veld(item, "id");
    // An empty new row stays untouched, or the form would see it as filled in.
    return !(verwijderd && verwijderd.checked) && ((id && id.value) || titel(item) !== "Nieuw advies");
  }

  function hernummer(groep) {
    const tellers = {};
    items(groep).forEach(function (item) {
      const positie = veld(item, "positie");
      if (!positie || !telt(item)) return;
      const sleutel = veld(item, "doelgroep") ? veld(item, "doelgroep").value : "";
      tellers[sleutel] = (tellers[sleutel] || 0) + 1;
      positie.value = tellers[sleutel];
    });
  }

  // A thema's adviezen stay together within a doelgroep, or its heading would appear twice.
  function gesplitsteThemas(groep) {
    const gezien = {};
    const gesplitst = [];
    items(groep).filter(telt).forEach(function (item) {
      const doelgroep = veld(item, "doelgroep") ? veld(item, "doelgroep").value : "";
      const keuze = veld(item, "thema");
      const thema = keuze && keuze.value;
      const rij = (gezien[doelgroep] = gezien[doelgroep] || []);
      if (thema && rij.includes(thema) && rij[rij.length - 1] !== thema) {
        gesplitst.push(keuze.options[keuze.selectedIndex].text);
      }
      if (thema && rij[rij.length - 1] !== thema) rij.push(thema);
    });
    return gesplitst;
  }

  function meld(groep, item, oudNummer) {
    const nieuw = veld(item, "positie") ? veld(item, "positie").value : "?";
    const wie = doelgroepNaam(item);
    let tekst = `Advies ${oudNummer} staat nu op plaats ${nieuw}${wie ? " voor " + wie : ""}: ${titel(item)}.`;
    const gesplitst = gesplitsteThemas(groep);
    if (gesplitst.length) {
      tekst += ` Let op: de adviezen met thema ‘${gesplitst[0]}’ staan nu niet meer bij elkaar.`;
    }
    groep.querySelector(".volgorde-melding").textContent = tekst;
  }

  function verplaats(groep, item, richting) {
    const lijst = items(groep);
    const ander = lijst[lijst.indexOf(item) + richting];
    if (!ander) return;
    const oudNummer = veld(item, "positie") ? veld(item, "positie").value : "?";
    if (richting < 0) ander.before(item); else ander.after(item);
    hernummer(groep);
    meld(groep, item, oudNummer);
  }

  function knop(tekst, label, actie) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button volgorde-knop";
    element.textContent = tekst;
    element.setAttribute("aria-label", label);
    element.addEventListener("click", function (event) {
      event.preventDefault();
      actie();
      element.focus();
    });
    return element;
  }

  function maakVerplaatsbaar(groep, item) {
    if (item.dataset.volgorde) return;
    item.dataset.volgorde = "ja";
    const kop = item.querySelector("h3") || item;
    const greep = document.createElement("span");
    greep.className = "volgorde-greep";
    greep.textContent = "⠿ Verslepen";
    greep.title = "Sleep om de volgorde te veranderen";
    // Keyboard users have the Omhoog/Omlaag buttons; the handle is for pointers only.
    greep.setAttribute("aria-hidden", "true");
    kop.prepend(greep);
    const knoppen = document.createElement("span");
    knoppen.className = "volgorde-knoppen";
    knoppen.append(
      knop("↑ Omhoog", `Omhoog: ${titel(item)}`, function () { verplaats(groep, item, -1); }),
      knop("↓ Omlaag", `Omlaag: ${titel(item)}`, function () { verplaats(groep, item, 1); })
    );
    kop.append(knoppen);
  }

  function start() {
    // Django puts an inline's classes on its fieldset, inside the .inline-group.
    document.querySelectorAll(".volgorde-slepen").forEach(function (element) {
      const groep = element.closest(".inline-group") || element;
      items(groep).forEach(function (item) { maakVerplaatsbaar(groep, item); });
      if (groep.dataset.volgorde) return;
      groep.dataset.volgorde = "ja";
      const melding = document.createElement("p");
      melding.className = "volgorde-melding";
      melding.setAttribute("role", "status");
      melding.setAttribute("aria-live", "polite");
      groep.prepend(melding);
      const houder = items(groep)[0] ? items(groep)[0].parentElement : null;
      if (!houder || !window.Sortable) return;
      let oudNummer = "?";
      window.Sortable.create(houder, {
        draggable: ".inline-related:not(.empty-form)",
        handle: ".volgorde-greep",
        // Pointer events of our own, not the browser's drag and drop: the same for a mouse,
        // a finger and a pen, and for a hand that moves a little at a time.
        forceFallback: true,
        fallbackTolerance: 3,
        animation: 150,
        ghostClass: "volgorde-plek",
        chosenClass: "volgorde-gekozen",
        onStart: function (event) {
          const positie = veld(event.item, "positie");
          oudNummer = positie ? positie.value : "?";
        },
        onEnd: function (event) {
          hernummer(groep);
          meld(groep, event.item, oudNummer);
        },
      });
      groep.addEventListener("change", function (event) {
        if (event.target.matches('select[name$="-doelgroep"]')) hernummer(groep);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("formset:added", function () { setTimeout(start, 0); });
})();
