// Writes the docx.js test reports (docxjs-*.docx) from their expectations in ../verwacht/,
// the way a web app makes a Word file with the npm package "docx". The .docx files are kept in
// git, so the tests need no npm:  npm ci && npm run maak
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import {
  AlignmentType, Bookmark, ExternalHyperlink, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Tab, Table,
  TableCell, TableOfContents, TableRow, TextRun, WidthType,
} from "docx";

const MAP = new URL("../verwacht/", import.meta.url);
const KOPPEN = [null, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3];

// "*x*" is italics (the character style "Nadruk"), "**x**" bold.
function runs(tekst, extra = {}) {
  return tekst.split(/(\*\*[^*]+\*\*|\*[^*]+\*|\[[^\]]+\]\([^)]+\))/).filter(Boolean).map((stuk) => {
    const link = stuk.match(/^\[([^\]]+)\]\(([^)]+)\)$/);
    if (link) return new ExternalHyperlink({ link: link[2], children: [new TextRun({ text: link[1], style: "Hyperlink" })] });
    if (stuk.startsWith("**")) return new TextRun({ text: stuk.slice(2, -2), bold: true, ...extra });
    if (stuk.startsWith("*") && stuk.length > 1) return new TextRun({ text: stuk.slice(1, -1), style: "Nadruk", ...extra });
    return new TextRun({ text: stuk, ...extra });
  });
}

function maak(verwacht) {
  const kinderen = [];
  let adviezenlijst = 0;
  const lijsten = [];
  for (const element of verwacht.elementen) {
    const [soort] = element;
    if (soort === "p") {
      const opties = element[2] || {};
      const stukken = runs(element[1], { bold: opties.vet || undefined, vanish: opties.verborgen || undefined });
      if (opties.verborgen_deel) stukken.push(new TextRun({ text: opties.verborgen_deel, vanish: true }));
      kinderen.push(new Paragraph({ children: stukken }));
    } else if (soort === "titel") {
      kinderen.push(new Paragraph({ text: element[1], heading: HeadingLevel.TITLE }));
    } else if (soort === "kop") {
      if (/adviezen? voor/.test(element[2])) adviezenlijst += 1;
      kinderen.push(new Paragraph({ text: element[2], heading: KOPPEN[element[1]] }));
    } else if (soort === "advies") {
      const [, nummer, titel, vorm, rest] = element;
      if (vorm === "zacht") {
        kinderen.push(new Paragraph({ children: [
          new TextRun(`${nummer}. ${titel}`), new TextRun({ break: 1 }), ...runs(rest),
        ] }));
      } else if (vorm === "lijst-halfvet" || vorm === "lijst") {
        const [eerste, tweede] = vorm === "lijst" ? [titel, null] : titel.split(" – ");
        const stukken = [new TextRun({ text: eerste, bold: true })];
        if (tweede) stukken.push(new TextRun(` – ${tweede}`));
        kinderen.push(new Paragraph({ children: stukken, numbering: { reference: "adviezen", level: 0, instance: adviezenlijst } }));
      } else if (vorm === "kop3") {
        kinderen.push(new Paragraph({ text: titel, heading: HeadingLevel.HEADING_3 }));
      } else {
        kinderen.push(new Paragraph({ children: [new TextRun(`${nummer}. `), new TextRun({ text: titel, bold: true })] }));
      }
    } else if (soort === "lijst") {
      const lijst = element[1];
      const opAdviesniveau = verwacht.elementen.some((e) => e[0] === "advies" && e[3].startsWith("lijst"));
      lijsten.push(lijst);
      const voeg = (l, niveau) => {
        for (const item of l.lijst) {
          const [tekst, onder] = Array.isArray(item) ? item : [item, null];
          const numbering = l.genummerd
            ? (opAdviesniveau
              ? { reference: "adviezen", level: 1, instance: adviezenlijst }
              : { reference: "tekstlijst", level: niveau, instance: 100 + lijsten.length })
            : undefined;
          kinderen.push(new Paragraph({ children: runs(tekst), numbering, bullet: l.genummerd ? undefined : { level: niveau } }));
          if (onder) voeg(onder, niveau + 1);
        }
      };
      voeg(lijst, 0);
    } else if (soort === "tabel") {
      const [, rijen] = element;
      kinderen.push(new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: rijen.map((rij) => new TableRow({
          children: rij.map((cel) => new TableCell({ children: [new Paragraph({ children: runs(cel) })] })),
        })),
      }));
    } else if (soort === "inhoud") {
      kinderen.push(new TableOfContents("Inhoud", { hyperlink: true, headingStyleRange: "1-3" }));
      for (const regel of element[1]) {
        const [tekst, pagina] = regel.split("\t");
        kinderen.push(new Paragraph({ children: [new TextRun(tekst), new TextRun({ children: [new Tab(), pagina] })] }));
      }
    } else if (soort === "leeg") {
      const vorm = element[1];
      if (vorm === "spatie") kinderen.push(new Paragraph({ children: [new TextRun(" ")] }));
      if (vorm === "nbsp") kinderen.push(new Paragraph({ children: [new TextRun("\u00a0")] }));
      if (vorm === "tab") kinderen.push(new Paragraph({ children: [new TextRun({ children: [new Tab()] })] }));
      if (vorm === "regeleinde") kinderen.push(new Paragraph({ children: [new TextRun({ break: 1 })] }));
      if (vorm === "bladwijzer") kinderen.push(new Paragraph({ children: [new Bookmark({ id: "_Hlk150123", children: [] })] }));
    }
  }
  const niveaus = (formaten) => formaten.map((format, level) => ({
    level, format, text: `%${level + 1}.`, alignment: AlignmentType.START,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  }));
  return new Document({
    creator: "Praktijkadviezen testverslag",
    features: { updateFields: verwacht.elementen.some((e) => e[0] === "inhoud") },
    styles: {
      characterStyles: [{ id: "Nadruk", name: "Nadruk", basedOn: "DefaultParagraphFont", run: { italics: true } }],
    },
    numbering: {
      config: [
        { reference: "adviezen", levels: niveaus([LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER]) },
        { reference: "tekstlijst", levels: niveaus([LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER]) },
      ],
    },
    sections: [{ children: kinderen }],
  });
}

for (const naam of readdirSync(MAP).filter((n) => n.startsWith("docxjs-"))) {
  const verwacht = JSON.parse(readFileSync(new URL(naam, MAP), "utf8"));
  const buffer = await Packer.toBuffer(maak(verwacht));
  writeFileSync(new URL(`./${naam.replace(".json", ".docx")}`, import.meta.url), buffer);
  console.log(`${naam.replace(".json", ".docx")}: ${buffer.length} bytes`);
}
