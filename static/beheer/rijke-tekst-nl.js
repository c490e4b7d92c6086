// Dutch for the rich-text editor (django-prose-editor ships no Dutch). Its dialogs ask
// window.gettext, which must answer before the editor's module runs; its toolbar buttons
// carry English titles, which rijke-tekst.js replaces with these.
const NL = {
  // dialogs
  URL: "Webadres",
  Title: "Titel",
  "Open in new window": "Openen in een nieuw venster",
  "Edit Link": "Link bewerken",
  Update: "Opslaan",
  Insert: "Invoegen",
  Cancel: "Annuleren",
  "List properties": "Eigenschappen van de lijst",
  "Toggle fullscreen": "Volledig scherm aan of uit",
  // toolbar
  bold: "Vet",
  italic: "Cursief",
  "unordered list": "Lijst met opsommingstekens",
  "ordered list": "Genummerde lijst",
  "insert link": "Link toevoegen of bewerken",
  "remove link": "Link weghalen",
  undo: "Ongedaan maken",
  redo: "Opnieuw doen",
  paragraph: "Alinea",
};

const eerder = window.gettext;
window.gettext = function (tekst) {
  if (Object.hasOwn(NL, tekst)) return NL[tekst];
  return eerder ? eerder(tekst) : tekst;
};

export function vertaal(tekst) {
  return Object.hasOwn(NL, tekst) ? NL[tekst] : tekst;
}
