// A record's 相似条款 panel, read when a reader opens it: at national scale a document page
// holds each panel's heading and count only, and the links are in the row of the record in
// its document's data file (``precedents``: url from the site's root, a name in each
// script, the 相近度 (coverage) and the count of shared characters; generator/site/exports.py).

// [{href, name, coverage, shared}] of a row's precedents for a page in ``script``, each address
// resolved against the page's build root ``base`` (a URL ending in /).  A data file is content
// like any other: an address that would leave the build (another origin, javascript:, a path
// above the root) is not made a link.
export function precedentLinks(row, script, base) {
  const root = new URL(base);
  return (row.precedents || []).flatMap((p) => {
    let href;
    try {
      href = new URL(String(p.url), root);
    } catch {
      return [];
    }
    if (href.origin !== root.origin || !href.pathname.startsWith(root.pathname)) return [];
    return [{ href: href.href, name: script === "hant" ? p.name_hant : p.name, coverage: p.coverage, shared: p.shared_chars }];
  });
}

// The list the panel shows: the same markup the page would hold (templates/_precedents.html),
// each link's line ``meta`` in the page's script ("相近度 #% · 共用措辞 # 字", the page's
// data-later-meta) with the 相近度 a whole percentage as the desk shows it (draft.js:
// Math.round, halves up) and the count of shared characters.
export function listOf(doc, links, meta) {
  const list = doc.createElement("ol");
  list.className = "cw-precedents__list";
  for (const link of links) {
    const item = doc.createElement("li");
    const a = doc.createElement("a");
    a.href = link.href;
    a.textContent = link.name;
    const line = doc.createElement("span");
    line.className = "cw-precedents__meta";
    line.textContent = meta.replace("#", String(Math.round(link.coverage * 100))).replace("#", String(link.shared));
    item.append(a, " ", line);
    list.append(item);
  }
  return list;
}
