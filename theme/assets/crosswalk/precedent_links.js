// A record's 相似条款 panel, read when a reader opens it: at national scale a document page
// holds each panel's heading and count only, and the links are in the row of the record in
// its document's data file (``precedents``: url from the site's root, a name in each
// script, the count of shared characters; generator/site/exports.py).

// [{href, name, shared}] of a row's precedents for a page in ``script``, each address
// resolved against the page's build root ``base`` (a URL ending in /).
export function precedentLinks(row, script, base) {
  return (row.precedents || []).map((p) => ({
    href: new URL(p.url, base).href,
    name: script === "hant" ? p.name_hant : p.name,
    shared: p.shared_chars,
  }));
}

// The list the panel shows: the same markup the page would hold (templates/_precedents.html).
export function listOf(doc, links) {
  const list = doc.createElement("ol");
  list.className = "cw-precedents__list";
  for (const link of links) {
    const item = doc.createElement("li");
    const a = doc.createElement("a");
    a.href = link.href;
    a.textContent = link.name;
    item.append(a, " 共用 " + link.shared + " 字");
    list.append(item);
  }
  return list;
}
