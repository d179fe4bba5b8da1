// The drafting desk's 对照表 as a Word document (.docx): per sentence, the draft's wording,
// its numbers compared, and each precedent quoted with its citation, 责任单位 and 指标.  Made
// in the browser by the docx library (vendored under assets/vendor/docx/, MIT),
// which is loaded only when a reader asks for the file.

const LIBRARY = new URL("../../vendor/docx/docx.iife.js", import.meta.url).href;
const FONT = { ascii: "SimSun", eastAsia: "SimSun", hAnsi: "SimSun" };

// What the document says, as plain data: {title, sentences: [{head, text, numbers: [text],
// precedents: [{head, text, cite, units, targets}]}]}.  `field(d, key)` reads a hit's field
// in the page's script; `numberText(q)` is a quantity compared, in words.
export function tableModel(strings, ranked, field, numberText) {
  return {
    title: strings.export_title,
    sentences: ranked.map((r, k) => ({
      head: strings.sentence.replace("#", String(k + 1)) + " · " + strings[r.verdict],
      text: r.text,
      numbers: (r.numbers || []).map(numberText),
      precedents: r.hits.map((h) => {
        const d = h.data.d;
        return {
          head: ["《" + field(d, "doc") + "》" + field(d, "label"), field(d, "jurisdiction"),
                 strings.closeness.replace("#", String(Math.round(h.coverage * 100)))].filter(Boolean).join(" · "),
          text: field(d, "text"), cite: field(d, "cite"), units: field(d, "units"), targets: field(d, "targets"),
        };
      }),
    })),
  };
}

export function loadLibrary() {
  if (window.docx) return Promise.resolve(window.docx);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = LIBRARY;
    script.onload = () => resolve(window.docx);
    script.onerror = () => reject(new Error("could not load " + LIBRARY));
    document.head.appendChild(script);
  });
}

// The .docx as a Blob.  `docx`: the library; `strings`: the page's labels.
export function documentBlob(docx, model, strings) {
  const { Document, Packer, Paragraph, TextRun, HeadingLevel, Table, TableRow, TableCell, WidthType } = docx;
  const para = (text, opts) => new Paragraph({ children: [new TextRun({ text: text || "", ...(opts || {}) })] });
  const cell = (paragraphs, width) => new TableCell({ children: paragraphs, width: { size: width, type: WidthType.PERCENTAGE } });
  const children = [new Paragraph({ text: model.title, heading: HeadingLevel.TITLE })];
  for (const s of model.sentences) {
    children.push(new Paragraph({ text: s.head, heading: HeadingLevel.HEADING_2 }));
    children.push(para(strings.draft_side + "：" + s.text, { bold: true }));
    for (const n of s.numbers) children.push(para(strings.numbers + "：" + n));
    if (!s.precedents.length) {
      children.push(para(strings.none));
      continue;
    }
    const rows = [new TableRow({ tableHeader: true, children: [strings.clause_side, strings.quote, strings.units, strings.targets]
      .map((h, i) => cell([para(h, { bold: true })], [22, 48, 15, 15][i])) })];
    for (const p of s.precedents) {
      rows.push(new TableRow({ children: [
        cell([para(p.head)], 22),
        cell([para(p.text), para(p.cite, { italics: true, size: 18 })], 48),
        cell([para(p.units)], 15),
        cell([para(p.targets)], 15),
      ] }));
    }
    children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
  }
  const doc = new Document({
    creator: strings.export_title,
    title: model.title,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [{ children }],
  });
  return Packer.toBlob(doc);
}
