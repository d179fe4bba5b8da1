// Which links print their full address after them (print.js), given the link.  No globals.

// The address to print after link ``a``, or null: not for links within the page or a
// heading's permalink; not for a matrix's unit names, which stand upright, one narrow
// column each, nor for unit and topic chips, which repeat on every clause (their names
// suffice on paper); not where the link's text already is the address.
export function printedAddress(a) {
  const href = a.getAttribute("href");
  if (href === null || href.charAt(0) === "#" || a.classList.contains("headerlink")) return null;
  if (a.closest(".cw-rm thead, .cw-unit-list") || a.classList.contains("cw-topic")) return null;
  if (a.textContent.trim() === a.href) return null;
  return a.href;
}
