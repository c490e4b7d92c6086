// The inbox's "Beantwoorden": the link opens the mail program by itself (a mailto: link,
// which the Content-Security-Policy allows, where a form redirecting to mailto: is blocked).
// With JavaScript, the same click also records that the question is being answered, as the
// button beside it does without JavaScript.
"use strict";
(function () {
  function csrf() {
    const veld = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return veld ? veld.value : "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    const link = document.querySelector(".beantwoorden-link");
    if (!link) return;
    link.addEventListener("click", function () {
      fetch(link.dataset.markeer, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf(), "X-Requested-With": "fetch" },
      }).then(function (antwoord) {
        if (!antwoord.ok) return;
        antwoord.text().then(function (status) {
          const keuze = document.querySelector('select[name="behandeling"]');
          if (keuze && keuze.value === "nieuw") {
            keuze.value = "in_behandeling";
            Array.from(keuze.options).forEach(function (optie) {
              optie.defaultSelected = optie.value === "in_behandeling";
            });
            // Stored already: no reason to warn before leaving.
            document.dispatchEvent(new Event("niet-bewaard:bewaard"));
          }
          const knop = document.querySelector("form.beantwoorden");
          if (knop) knop.closest("li").remove();
          const melding = document.querySelector(".beantwoorden-melding");
          if (melding) {
            melding.textContent = `Je mailprogramma gaat open. De vraag staat nu op ‘${status}’.`;
          }
        });
      });
    });
  });
})();
