// The import preview without leaving the page: a changed role (or thema choice) is sent at
// once, the site reads the report again, and the preview is replaced in place; focus stays on
// the control that changed and a status line says what the reading now gives. Without this
// script the same form works with its "Lees opnieuw met deze rollen" button.
"use strict";
(function () {
  const formulier = document.getElementById("importformulier");
  if (!formulier || !window.fetch || !window.DOMParser) return;
  const melding = document.getElementById("import-melding");
  let volgnummer = 0;

  function verberg(waar) {
    waar.querySelectorAll(".import-toepassen").forEach(function (knop) { knop.hidden = true; });
  }

  function vervang(nieuw, id) {
    const oud = document.getElementById(id);
    const vervanging = nieuw.getElementById(id);
    if (oud && vervanging) oud.replaceWith(vervanging);
    return vervanging;
  }

  function leesOpnieuw(veld) {
    const gegevens = new FormData(formulier);
    if (gegevens.get("gelezen")) gegevens.delete("bestand");
    gegevens.set("controleren", "1");
    const id = veld.id;
    const label = formulier.querySelector('label[for="' + id + '"]');
    const wat = (label ? label.textContent.trim() : "De keuze") + ": " + veld.options[veld.selectedIndex].text;
    const dit = ++volgnummer;
    formulier.setAttribute("aria-busy", "true");
    fetch(formulier.getAttribute("action") || window.location.href, {
      method: "POST", body: gegevens, credentials: "same-origin",
    }).then(function (antwoord) {
      if (!antwoord.ok) throw new Error(antwoord.status);
      return antwoord.text();
    }).then(function (html) {
      if (dit !== volgnummer) return;  // a newer change is on its way
      const nieuw = new DOMParser().parseFromString(html, "text/html");
      const resultaat = vervang(nieuw, "import-resultaat");
      vervang(nieuw, "import-knoppen");
      vervang(nieuw, "import-gelezen");
      if (resultaat) verberg(resultaat);
      const terug = document.getElementById(id);
      if (terug) terug.focus();
      melding.textContent = wat + ". " + (resultaat ? resultaat.dataset.samenvatting : "");
    }).catch(function () {
      melding.textContent = "Opnieuw lezen lukte niet. Klik op Controleer om het nog eens te proberen.";
    }).finally(function () {
      if (dit === volgnummer) formulier.removeAttribute("aria-busy");
    });
  }

  formulier.addEventListener("change", function (event) {
    const veld = event.target;
    if (veld.matches && veld.matches("select.import-rol, select.import-thema")) leesOpnieuw(veld);
  });
  verberg(document);
})();
