// Drag adviezen into order in the werkatelier form (by the "Verslepen" handle), or move them with the buttons (keyboard).
// After every move the "positie" fields are renumbered 1..n per doelgroep, in page order;
// without JavaScript the positie fields still work by typing a number.
"use strict";
(function () {
  function items(groep) {
    return Array.from(groep.querySelectorAll(".inline-related:not(.empty-form)"));
  }

  function hernummer(groep) {
    const tellers = {};
    items(groep).forEach(function (item) {
      const positie = item.querySelector('input[name$="-positie"]');
      const doelgroep = item.querySelector('select[name$="-doelgroep"]');
      const verwijderd = item.querySelector('input[name$="-DELETE"]');
      const id = item.querySelector('input[name$="-id"]');
      const titel = item.querySelector('input[name$="-titel"]');
      if (!positie || (verwijderd && verwijderd.checked)) return;
      // An empty new row stays untouched, or the form would see it as filled in.
      if (!(id && id.value) && !(titel && titel.value.trim())) return;
      const sleutel = doelgroep ? doelgroep.value : "";
      tellers[sleutel] = (tellers[sleutel] || 0) + 1;
      positie.value = tellers[sleutel];
    });
  }

  function verplaats(groep, item, richting) {
    const lijst = items(groep);
    const index = lijst.indexOf(item);
    const ander = lijst[index + richting];
    if (!ander) return;
    if (richting < 0) ander.before(item); else ander.after(item);
    hernummer(groep);
  }

  function knop(tekst, label, actie) {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = tekst;
    element.setAttribute("aria-label", label);
    element.addEventListener("click", function (event) {
      event.preventDefault();
      actie();
      element.focus();
    });
    return element;
  }

  function maakSleepbaar(groep, item) {
    if (item.dataset.volgorde) return;
    item.dataset.volgorde = "ja";
    const kop = item.querySelector("h3") || item;
    const titel = (kop.querySelector(".inline_label") || kop).textContent.trim();
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
      knop("↑ Omhoog", "Omhoog: " + titel, function () { verplaats(groep, item, -1); }),
      knop("↓ Omlaag", "Omlaag: " + titel, function () { verplaats(groep, item, 1); })
    );
    kop.append(knoppen);

    // Pointer events, not HTML5 drag and drop: they work with a mouse, a pen and touch.
    greep.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      greep.setPointerCapture(event.pointerId);
      item.classList.add("volgorde-sleept");
    });
    greep.addEventListener("pointermove", function (event) {
      if (!greep.hasPointerCapture(event.pointerId)) return;
      const onder = document.elementFromPoint(event.clientX, event.clientY);
      const doel = onder && onder.closest(".inline-related:not(.empty-form)");
      if (!doel || doel === item || !groep.contains(doel)) return;
      const vlak = doel.getBoundingClientRect();
      if (event.clientY < vlak.top + vlak.height / 2) doel.before(item); else doel.after(item);
    });
    function loslaten(event) {
      if (greep.hasPointerCapture(event.pointerId)) greep.releasePointerCapture(event.pointerId);
      item.classList.remove("volgorde-sleept");
      hernummer(groep);
    }
    greep.addEventListener("pointerup", loslaten);
    greep.addEventListener("pointercancel", loslaten);
  }

  function start() {
    document.querySelectorAll(".inline-group.volgorde-slepen, .volgorde-slepen").forEach(function (element) {
      const groep = element.closest(".inline-group") || element;
      items(groep).forEach(function (item) { maakSleepbaar(groep, item); });
      groep.addEventListener("change", function (event) {
        if (event.target.matches('select[name$="-doelgroep"]')) hernummer(groep);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("formset:added", function () { setTimeout(start, 0); });
})();
