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
  new MutationObserver(function () { vertaalKnoppen(omhulsel); }).observe(omhulsel, {
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
