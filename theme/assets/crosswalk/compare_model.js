// The compare page without the page: which topic rows a pair of documents gets, how each
// relation reads from either end, and which pair an address asks for.  compare.js lays
// them out.

// Every look-up by a key the address or the data names goes into a table without a
// prototype: ?a=__proto__ or ?a=toString must find nothing, not Object's own members.
export function table(from) { return Object.assign(Object.create(null), from || {}); }

// A page's UI text with {name} slots filled.
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

const INVERSE = table({ equal: "equal", subset: "superset", superset: "subset", intersects: "intersects" });

// Each relation read from both ends (seen from its target, subset reads as superset), by
// record id; relations naming a record not at hand are left out.
export function relatedOf(relations, records) {
  const related = table();
  for (const rel of relations) {
    if (!records[rel.source] || !records[rel.target]) continue;
    (related[rel.source] = related[rel.source] || []).push(
      { type: rel.type, other: records[rel.target], rationale: rel.rationale });
    (related[rel.target] = related[rel.target] || []).push(
      { type: INVERSE[rel.type], other: records[rel.source], rationale: rel.rationale });
  }
  return related;
}

// A document's records by topic id.
export function topicsIndex(records) {
  const index = table();
  for (const r of records || []) {
    for (const t of r.topics) (index[t] = index[t] || []).push(r);
  }
  return index;
}

// The top of a topic's taxonomy branch.
export function rootOf(topics, topicId) {
  let t = topics[topicId];
  while (t && t.parent && topics[t.parent]) t = topics[t.parent];
  return t;
}

// The rows for documents indexed ``ia`` and ``ib``: every topic either touches, in the
// taxonomy's order (``topicList``), as {topic, kind: both | a | b, a, b, group}, group the
// branch's top where a new branch starts; ``counts`` count every such topic, the rows only
// those shown (one ``topic``, or ``sharedOnly``).
export function rowsOf(topicList, topics, ia, ib, { topic = "", sharedOnly = false } = {}) {
  const counts = { both: 0, a: 0, b: 0 };
  const rows = [];
  let current = null;
  for (const t of topicList) {
    const a = ia[t.id] || [];
    const b = ib[t.id] || [];
    if (!a.length && !b.length) continue;
    const kind = a.length && b.length ? "both" : a.length ? "a" : "b";
    counts[kind] += 1;
    if (topic && t.id !== topic) continue;
    if (sharedOnly && kind !== "both") continue;
    const top = rootOf(topics, t.id);
    const group = top && top !== current ? top : null;
    if (group) current = top;
    rows.push({ topic: t, kind, a, b, group });
  }
  return { counts, rows };
}

// The pair an address asks for (``params`` its search), else the first two documents.
export function pairOf(params, ids, docs) {
  const a = docs[params.get("a")] ? params.get("a") : ids[0];
  const b = docs[params.get("b")] ? params.get("b") : ids.filter((id) => id !== a)[0] || a;
  return { a, b };
}

// A fragment as written, where it is not valid percent-encoding (#%): no row, not an error.
export function decoded(fragment) {
  try { return decodeURIComponent(fragment); } catch (e) { return fragment; }
}

// A document id as content/conform.py allows it: only such an id from the address goes into
// a page address to read (no "..", no other folder).
const DOCUMENT_ID = /^[a-z0-9][a-z0-9-]*$/;
export function isDocumentId(id) { return typeof id === "string" && DOCUMENT_ID.test(id); }

// A document as its region's document list shows it (a row marked data-doc): the link's text
// is 《title》, the year column may be empty, pending clauses are counted only when there are some.
export function listedDocument({ id, link, url, jurisdiction, year, pending, region }) {
  return {
    id, region, url, jurisdiction: jurisdiction.trim(),
    title: link.trim().replace(/^《/, "").replace(/》$/, ""),
    year: year.trim() ? Number(year) : null,
    pending: Number(pending || 0),
  };
}
