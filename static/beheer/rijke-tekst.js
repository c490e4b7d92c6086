// The rich-text editor (django-prose-editor) for adviezen and the werkatelier intro.
// Started here instead of by the package's own loader, which needs an inline import map:
// our Content-Security-Policy allows no inline script. Without JavaScript the field is a
// plain textarea with the HTML, and the server sanitises whatever comes in.
import { vertaal } from "./rijke-tekst-nl.js";
import * as editor from "../django_prose_editor/editor.js";

const KENMERK = "data-django-prose-editor-rijketekst";

// Tiptap looks for this element before it injects its base styles as an inline <style>;
// finding one, it injects nothing (its styles come from rijke-tekst.css). The CSP allows an
// empty inline style by its hash, and nothing else.
if (!document.querySelector("style[data-tiptap-style]")) {
  const leeg = document.createElement("style");
  leeg.setAttribute("data-tiptap-style", "");
  document.head.append(leeg);
}

function vertaalKnoppen(omhulsel) {
  omhulsel.querySelectorAll("button[title], button[aria-label]").forEach(function (knop) {
    ["title", "aria-label"].forEach(function (naam) {
      const waarde = knop.getAttribute(naam);
      if (waarde && vertaal(waarde) !== waarde) knop.setAttribute(naam, vertaal(waarde));
    });
  });
}

// A link's address as staff mean it, by the rules the server keeps (rijketekst.linkadres):
// "www.taalhuizen.nl" is https://www.taalhuizen.nl, "naam@gemeente.nl" is mailto:…; any other
// scheme is refused here with a Dutch message, so no dead link is ever made.
const WEBADRES = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?::\d+)?(?:[\/?#]\S*)?$/i;
const EMAIL = /^[^\s@:\/]+@[^\s@:\/]+\.[^\s@:\/]+$/;

export function linkadres(getypt) {
  const adres = (getypt || "").trim();
  if (!adres) return { fout: "Typ een webadres of een e-mailadres, of kies Annuleren." };
  if (/^(https?:\/\/[^\/?#\s]+|mailto:[^\s]+)/i.test(adres)) return { adres: adres };
  if (/^[a-z][a-z0-9+.-]*:/i.test(adres) && !WEBADRES.test(adres)) {
    const schema = adres.split(":")[0];
    return {
      fout: `Een link met ‘${schema}:’ kan niet. Gebruik een webadres (https://… of ` +
        "www.…) of een e-mailadres.",
    };
  }
  if (EMAIL.test(adres)) return { adres: "mailto:" + adres };
  if (WEBADRES.test(adres)) return { adres: "https://" + adres };
  return {
    fout: "Dit is geen webadres of e-mailadres. Typ bijvoorbeeld www.voorbeeld.nl of " +
      "naam@voorbeeld.nl.",
  };
}

// The editor's link dialog: a hint under the address, the check before it is accepted, and
// no title field (a link keeps only its address).
function bewaakLinkdialoog(dialoog) {
  const veld = dialoog.querySelector('input[name="href"]');
  if (!veld || veld.dataset.bewaakt) return;
  veld.dataset.bewaakt = "1";
  const titel = dialoog.querySelector('input[name="title"]');
  if (titel) {
    titel.value = "";
    titel.closest(".prose-editor-dialog-field").hidden = true;
  }
  const uitleg = document.createElement("p");
  uitleg.className = "linkdialoog-uitleg";
  uitleg.id = veld.id + "-uitleg";
  uitleg.textContent = "Een webadres (www.voorbeeld.nl of https://…) of een e-mailadres.";
  const melding = document.createElement("p");
  melding.className = "linkdialoog-fout";
  melding.id = veld.id + "-fout";
  melding.setAttribute("role", "alert");
  veld.after(uitleg, melding);
  veld.setAttribute("aria-describedby", `${uitleg.id} ${melding.id}`);
  veld.addEventListener("input", function () {
    veld.setCustomValidity("");
    veld.removeAttribute("aria-invalid");
    melding.textContent = "";
  });
  // Before the editor's own handler reads the field (capture phase): fill in the scheme, or
  // refuse with a message; the editor then stops at reportValidity().
  dialoog.addEventListener(
    "click",
    function (gebeurtenis) {
      if (!gebeurtenis.target.matches('button[type="submit"]')) return;
      const uitkomst = linkadres(veld.value);
      if (uitkomst.adres) {
        veld.value = uitkomst.adres;
        veld.setCustomValidity("");
        return;
      }
      veld.setCustomValidity(uitkomst.fout);
      veld.setAttribute("aria-invalid", "true");
      melding.textContent = uitkomst.fout;
    },
    true,
  );
}

function maak(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(KENMERK) || "{}");
  const extensies = Object.entries(config.extensions || {}).flatMap(function ([naam, opties]) {
    const extensie = editor[naam];
    if (!extensie) return [];
    return [typeof opties === "object" ? extensie.configure(opties) : extensie];
  });
  const gemaakt = editor.createTextareaEditor(textarea, extensies);
  const omhulsel = textarea.closest(".prose-editor");
  if (!omhulsel) return gemaakt;
  // The toolbar is built a moment later; translate it as it appears.
  vertaalKnoppen(omhulsel);
  new MutationObserver(function () {
    vertaalKnoppen(omhulsel);
    omhulsel.querySelectorAll("dialog").forEach(bewaakLinkdialoog);
  }).observe(omhulsel, {
    childList: true,
    subtree: true,
  });
  // The editable area gets the textarea's label, so a screen reader names it.
  const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
  const veld = omhulsel.querySelector("[contenteditable]");
  if (label && veld) {
    if (!label.id) label.id = textarea.id + "-label";
    veld.setAttribute("aria-labelledby", label.id);
    veld.setAttribute("aria-multiline", "true");
    veld.setAttribute("role", "textbox");
  }
  return gemaakt;
}

editor.initializeEditors(maak, `[${KENMERK}]`);
