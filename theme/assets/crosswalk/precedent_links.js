// A record's 相似条款 panel, read when a reader opens it: at national scale a document page
// holds each panel's heading and count only, and the links are in the row of the record in
// its document's data file (``precedents``: url from the site's root, a name in each
// script, the count of shared characters; generator/site/exports.py).

// [{href, name, shared}] of a row's precedents for a page in ``script``, each address
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
    return [{ href: href.href, name: script === "hant" ? p.name_hant : p.name, shared: p.shared_chars }];
  });
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
