// What scrollbox.js decides about a box, given what the page shows: whether it scrolls, and
// the name it is read out by.  No globals: the box is passed in.

// A box scrolls when its content is wider than the box (one pixel of rounding allowed).
export function overflows(scrollWidth, clientWidth) {
  return scrollWidth > clientWidth + 1;
}

// A heading's words without the permalink mark the toc extension adds.
function headingText(el) {
  return el.textContent.trim().replace(/¶$/, "").trim();
}

// The box's own caption (a table's, a drawing's <title>), else the nearest heading before
// it, else its section's or figure's heading; "" when there is none.
export function nameOf(box) {
  const caption = box.querySelector("caption, svg > title");
  if (caption) return caption.textContent.trim();
  for (let el = box.previousElementSibling; el; el = el.previousElementSibling) {
    if (/^H[1-6]$/.test(el.tagName)) return headingText(el);
  }
  const holder = box.closest("section, figure");
  const h = holder && holder.querySelector("h1, h2, h3, h4, figcaption");
  return h ? headingText(h) : "";
}

// The box's accessible name: its name and that it scrolls (``hint``, in the page's script).
export function labelOf(name, hint) {
  return name ? name + "（" + hint + "）" : hint;
}
